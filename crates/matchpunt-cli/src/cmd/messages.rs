//! `matchpunt messages`: mail-merge rows for the week's proposals, decisions and bookings in the
//! season ledger, one text to the expert and one to the organisation.

use crate::cmd::ledger::{self};
use crate::out::OutputSet;
use anyhow::{bail, Result};
use matchpunt::ingest;
use matchpunt::messages::{Lang, Msg};
use matchpunt::model::places::Places;
use matchpunt::model::{Instance, Week};
use matchpunt::policy::Policy;
use matchpunt::report::mail::{self, Event, Kind, MailRow, Templates};
use matchpunt::report::table::{self, Dialect};
use std::collections::HashMap;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// Write mail-merge rows for every proposal, decision and booking of a week in the ledger: one
/// text to the expert and one to the organisation, each in its reader's language.
///
/// `--out DIR` writes DIR/messages.csv (in the experts file's dialect); `--out FILE.xlsx` one
/// workbook (sheet `berichten`); either whole or not at all. Columns: kind (proposal, accepted,
/// declined, booking, standby: a standby accepted in place of an expert who declined), to (expert, org), request, expert, language, name, the contact columns
/// the inputs carry (experts: e-mail and phone columns; requests: contact, e-mail and phone
/// columns), subject, text. A text names the request's role, date and slot, place or online,
/// the organisation, and the request's own themes; never an expert's themes, avoided themes or
/// excluded organisations. The expert's language is the first of nl/en in their `languages`;
/// the organisation's is its `language` in --organisations FILE, else the request's `language`
/// when nl or en; else --lang (default: the policy's texts.language). `--templates FILE`
/// overrides texts (CSV `message,language,text`; an unknown placeholder is an error naming the
/// line).
#[derive(clap::Args, Debug)]
pub struct Args {
    #[command(flatten)]
    at: crate::args::LedgerWeek,
    /// A folder (messages.csv) or a workbook FILE.xlsx.
    #[arg(long, value_name = "DIR|FILE.xlsx")]
    out: PathBuf,
    /// A template file overriding texts: message,language,text.
    #[arg(long, value_name = "FILE")]
    templates: Option<PathBuf>,
    /// An organisations file with a `language` column (nl/en) per organisation name.
    #[arg(long, value_name = "FILE")]
    organisations: Option<PathBuf>,
    /// The language of readers without one, and of the printout.
    #[command(flatten)]
    lang: crate::args::LangArg,
}

/// The raw rows of a CSV input, with its delimiter.
fn raw_csv(bytes: &[u8]) -> (u8, Vec<String>, Vec<Vec<String>>) {
    let text = String::from_utf8_lossy(bytes);
    let text = text.trim_start_matches('\u{feff}');
    let first = text.lines().next().unwrap_or("");
    let d = if first.matches(';').count() > first.matches(',').count() {
        b';'
    } else {
        b','
    };
    let mut r = csv::ReaderBuilder::new()
        .delimiter(d)
        .flexible(true)
        .from_reader(text.as_bytes());
    let header: Vec<String> = r
        .headers()
        .map(|h| h.iter().map(|x| x.trim().to_string()).collect())
        .unwrap_or_default();
    let rows = r
        .records()
        .filter_map(|x| x.ok())
        .map(|x| x.iter().map(str::to_string).collect())
        .collect();
    (d, header, rows)
}

/// Contact columns by row id: the columns whose header names a way to reach someone.
fn contacts(
    header: &[String],
    rows: &[Vec<String>],
    org_side: bool,
) -> HashMap<String, Vec<(String, String)>> {
    let is_contact = |h: &str| {
        let h = h.to_lowercase();
        let reach = ["mail", "phone", "telefoon", "mobiel", "gsm"]
            .iter()
            .any(|k| h.contains(k));
        // On the organisation's side a contact person too; never an expert's other columns.
        reach || (org_side && h.contains("contact"))
    };
    let cols: Vec<usize> = (0..header.len())
        .filter(|&i| is_contact(&header[i]))
        .collect();
    let id = header
        .iter()
        .position(|h| h.eq_ignore_ascii_case("id"))
        .unwrap_or(0);
    rows.iter()
        .filter_map(|r| {
            let key = r.get(id)?.trim().to_string();
            let v = cols
                .iter()
                .map(|&c| (header[c].clone(), r.get(c).cloned().unwrap_or_default()))
                .collect();
            Some((key, v))
        })
        .collect()
}

/// The organisations file's languages by lower-case name (and aliases). Its headers are those
/// of organisations.csv (`name`/`naam`/`organisatie`, `aliases`/`aliassen`/...) and `language`
/// (`taal`); errors in `lang`, every bad row listed.
fn org_languages(path: &Path, lang: Lang) -> Result<HashMap<String, Lang>> {
    use matchpunt::ingest::sheet::ORGANISATION_ALIASES;
    use matchpunt::report::mail::ORG_LANGUAGE_ALIASES;
    let bytes = crate::voice::read(path)?;
    let (_, header, rows) = raw_csv(&bytes);
    let col = |n: &str| {
        let names = ORGANISATION_ALIASES
            .iter()
            .chain(ORG_LANGUAGE_ALIASES)
            .find(|a| a.0 == n)
            .map_or(&[][..], |a| a.1);
        header.iter().position(|h| {
            let h = h.trim().to_lowercase();
            h == n || names.contains(&h.as_str())
        })
    };
    let file = path.display().to_string();
    let (Some(name), Some(lang_col)) = (col("name"), col("language")) else {
        let expected = match lang {
            Lang::Nl => "de kolommen naam en taal (of name en language)",
            Lang::En => "the columns name and language (or naam and taal)",
        };
        bail!(
            "{}",
            lang.fill(
                Msg::MsgFileHeader,
                &[
                    ("at", &format!("{file}:1")),
                    ("found", &format!("{:?}", header.join(", "))),
                    ("expected", &expected),
                ],
            )
        );
    };
    let aliases = col("aliases");
    let mut out = HashMap::new();
    let mut errors = Vec::new();
    for (i, r) in rows.iter().enumerate() {
        let cell = r.get(lang_col).map(|s| s.trim()).unwrap_or("");
        if cell.is_empty() {
            continue;
        }
        let Some(l) = Lang::parse(cell) else {
            let at = format!("{file}:{}:{}", i + 2, lang_col + 1);
            errors.push(lang.fill(
                Msg::MsgFileLang,
                &[("at", &at), ("value", &format!("{cell:?}"))],
            ));
            continue;
        };
        let mut names = vec![r.get(name).cloned().unwrap_or_default()];
        if let Some(a) = aliases.and_then(|a| r.get(a)) {
            names.extend(a.split(['|', ';']).map(str::to_string));
        }
        for n in names {
            let n = n.trim().to_lowercase();
            if !n.is_empty() {
                out.insert(n, l);
            }
        }
    }
    if !errors.is_empty() {
        let mut lines =
            vec![lang.fill(Msg::MsgFileErrors, &[("file", &file), ("n", &errors.len())])];
        lines.extend(errors.iter().map(|e| format!("  {e}")));
        bail!("{}", lines.join("\n"));
    }
    Ok(out)
}

/// The batch of the week's latest run, from the inputs the ledger kept.
fn run_batch(l: &matchpunt_ledger::Ledger, run: i64, week: Week) -> Result<(Instance, Policy)> {
    let files = l.run_inputs(run)?;
    let file = |kind: &str| files.iter().find(|f| f.kind == kind);
    let (Some(e), Some(r)) = (file("experts"), file("requests")) else {
        bail!("run {run} of week {week} kept no experts and requests files");
    };
    for f in [e, r] {
        if ingest::workbook::is_workbook(&f.bytes) {
            bail!(
                "run {run} of week {week} read a workbook ({}): messages needs the CSV inputs",
                f.name
            );
        }
    }
    let policy = Policy::from_toml(&l.run_policy(run)?, "the run's policy").unwrap_or_default();
    let inputs = ingest::Inputs {
        experts: ingest::Source::new(e.name.clone(), &e.bytes[..]),
        requests: ingest::Source::new(r.name.clone(), &r.bytes[..]),
        history: None,
    };
    let choice = ingest::WeekChoice {
        given: Some(week),
        fallback: week,
    };
    let loaded = ingest::load(inputs, &Places::bundled(), &policy, choice)
        .map_err(|e| anyhow::anyhow!("the inputs of run {run} no longer read: {e}"))?;
    Ok((loaded.instance, policy))
}

/// Whether the decline of reserved meeting `request` (`R7-m3`) for `expert` in `week` only
/// frees it: the same expert declined an earlier meeting of the trajectory in an earlier week,
/// and that week's [`Kind::Stopped`] texts told both readers. O(weeks × decisions).
fn freed_earlier(
    l: &matchpunt_ledger::Ledger,
    week: &str,
    request: &str,
    expert: &str,
) -> Result<bool> {
    use matchpunt_ledger::rules::reservation_of;
    let Some((base, k)) = reservation_of(request) else {
        return Ok(false);
    };
    for (w, _) in l.weeks()? {
        if w.as_str() >= week {
            continue;
        }
        let earlier = l
            .week(&w)?
            .verdicts()
            .into_iter()
            .any(|((r, e), accepted)| {
                !accepted
                    && e == expert
                    && (r == base || reservation_of(&r).is_some_and(|(b, j)| b == base && j < k))
            });
        if earlier {
            return Ok(true);
        }
    }
    Ok(false)
}

/// The week's events with one text per reserved meeting of a trajectory (a booking whose request
/// is a reservation, `B1-m2`): a declined one keeps its decline alone (no booking, no proposal);
/// any other becomes one [`Kind::Meeting`] in place of its proposal, acceptance and booking.
/// Other events are kept in order. O(events × reserved meetings).
fn one_per_reserved_meeting(
    events: Vec<(Kind, String, String)>,
    bookings: &[matchpunt_ledger::Booking],
    declined: &[(String, String)],
) -> Vec<(Kind, String, String)> {
    let reserved: Vec<(String, String)> = bookings
        .iter()
        .filter(|b| matchpunt_ledger::rules::reservation_of(&b.seat.request).is_some())
        .map(|b| (b.seat.request.clone(), b.seat.expert.clone()))
        .collect();
    let mut out = Vec::with_capacity(events.len());
    let mut told: Vec<(String, String)> = Vec::new();
    for (kind, r, e) in events {
        let pair = (r.clone(), e.clone());
        if !reserved.contains(&pair) {
            out.push((kind, r, e));
        } else if declined.contains(&pair) {
            if kind == Kind::Declined {
                out.push((kind, r, e));
            }
        } else if !told.contains(&pair) {
            told.push(pair);
            out.push((Kind::Meeting, r, e));
        }
    }
    out
}

/// Runs `messages`.
pub fn run(args: Args) -> Result<ExitCode> {
    let l = ledger::required(&args.at.ledger)?;
    let ws = args.at.week.to_string();
    let view = l.week(&ws)?;
    let Some(run) = view.latest_run else {
        let lang = crate::voice::reader();
        bail!("{}", lang.fill(Msg::MessagesNoRun, &[("week", &ws)]));
    };
    // The files' errors in the reader's language: --lang, else the one errors are written in.
    let reader = args.lang.lang.unwrap_or_else(crate::voice::reader);
    let templates = match &args.templates {
        Some(p) => {
            let bytes = crate::voice::read(p)?;
            let text = String::from_utf8_lossy(&bytes);
            Templates::parse_in(&text, &p.display().to_string(), reader)
                .map_err(anyhow::Error::msg)?
        }
        None => Templates::builtin(),
    };
    let org_langs = match &args.organisations {
        Some(p) => org_languages(p, reader)?,
        None => HashMap::new(),
    };
    let (mut inst, policy) = run_batch(&l, run, args.at.week)?;
    ledger::add_week_inline(&mut inst, &policy, &view)?;
    let default = args.lang.or_policy(&policy);
    let files = l.run_inputs(run)?;
    let raw = |kind: &str| {
        files
            .iter()
            .find(|f| f.kind == kind)
            .map(|f| raw_csv(&f.bytes))
            .unwrap_or((b',', Vec::new(), Vec::new()))
    };
    let (delim, eh, er) = raw("experts");
    let (_, rh, rr) = raw("requests");
    let expert_contact = contacts(&eh, &er, false);
    let org_contact = contacts(&rh, &rr, true);
    let mut events: Vec<(Kind, String, String)> = Vec::new();
    for p in &view.proposals {
        events.push((Kind::Proposal, p.request.clone(), p.expert.clone()));
    }
    let mut declined: Vec<(String, String)> = Vec::new();
    for ((r, e), accepted) in view.verdicts() {
        let kind = if accepted {
            Kind::Accepted
        } else {
            declined.push((r.clone(), e.clone()));
            Kind::Declined
        };
        events.push((kind, r, e));
    }
    for b in &view.bookings {
        // A booking on a request of the file whose proposed expert declined this week (a
        // standby accepted with `decide --accepted`, or someone booked for that seat) takes
        // that expert's place: said as such, not as a booking on the phone.
        let (r, e) = (&b.seat.request, &b.seat.expert);
        let in_place =
            b.inline_request.is_none() && declined.iter().any(|d| &d.0 == r && &d.1 != e);
        let kind = if in_place {
            Kind::Standby
        } else {
            Kind::Booking
        };
        events.push((kind, r.clone(), e.clone()));
    }
    let events = one_per_reserved_meeting(events, &view.bookings, &declined);
    let mut rows: Vec<MailRow> = Vec::new();
    let mut skipped = 0;
    for (kind, rid, eid) in events {
        let (Some(ri), Some(ex)) = (
            inst.requests.iter().position(|x| x.id == rid),
            inst.experts.iter().find(|x| x.id == eid),
        ) else {
            skipped += 1;
            continue;
        };
        let req = &inst.requests[ri];
        // A declined meeting of a trajectory stops it for the expert (its later meetings are
        // freed); a later meeting freed so, in a later week, was told of already.
        let kind = match kind {
            Kind::Declined if freed_earlier(&l, &ws, &rid, &eid)? => continue,
            Kind::Declined if inst.teams.trajectories.contains_key(&ri) => Kind::Stopped,
            kind => kind,
        };
        let org = inst.orgs.name(req.org).to_string();
        let expert_lang = ex
            .languages
            .iter()
            .find_map(|&i| Lang::parse(inst.languages.name(i)))
            .unwrap_or(default);
        let org_lang = org_langs
            .get(&org.to_lowercase())
            .copied()
            .or_else(|| Lang::parse(inst.languages.name(req.language)))
            .unwrap_or(default);
        let event = Event {
            kind,
            request: req.id.clone(),
            org,
            role: req.role,
            slot: req.slot,
            place: req.place.clone(),
            online: req.online,
            topics: req
                .themes
                .iter()
                .map(|&t| inst.themes.name(t).to_string())
                .collect(),
            expert: ex.id.clone(),
            expert_name: if ex.name.is_empty() {
                ex.id.clone()
            } else {
                ex.name.clone()
            },
            expert_lang,
            org_lang,
            expert_contact: expert_contact.get(&ex.id).cloned().unwrap_or_default(),
            org_contact: org_contact.get(&req.id).cloned().unwrap_or_default(),
        };
        rows.extend(mail::rows_of(&event, args.at.week, &templates));
    }
    let sheet = mail::messages_sheet(&rows);
    // The set: a workbook alone (`--out FILE.xlsx`), or messages.csv in a folder.
    let xlsx = args
        .out
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("xlsx"))
        && !args.out.is_dir();
    let (dir, name) = if xlsx {
        let dir = args
            .out
            .parent()
            .filter(|p| !p.as_os_str().is_empty())
            .unwrap_or(Path::new("."))
            .to_path_buf();
        let name = args
            .out
            .file_name()
            .unwrap_or_default()
            .to_string_lossy()
            .into_owned();
        (dir, name)
    } else {
        (args.out.clone(), "messages.csv".to_string())
    };
    // A workbook at that name that this command did not write (run's matchpunt.xlsx, the
    // coordinator's own) is never replaced by one of only the messages: refused, named.
    if xlsx && args.out.is_file() {
        let sheets = std::fs::read(&args.out)
            .map(|b| matchpunt::ingest::workbook::sheet_names(&b))
            .unwrap_or_default();
        if sheets.iter().any(|s| s != &sheet.name) {
            bail!(
                "{}",
                default.fill(
                    Msg::MessagesOutForeign,
                    &[
                        ("file", &args.out.display()),
                        ("sheets", &sheets.join(", ")),
                    ]
                )
            );
        }
    }
    let mut set = OutputSet::open(&dir)?;
    if xlsx {
        let bytes = table::workbook(std::slice::from_ref(&sheet), Some(args.at.week))
            .map_err(|e| crate::voice::cannot_build_workbook(e, default))?;
        set.stage(&name, |w| Ok(w.write_all(&bytes)?))?;
    } else {
        set.stage(&name, |w| {
            Ok(table::write_csv(&sheet, Dialect::following(delim), w)?)
        })?;
    }
    let written = set.commit()?;
    let count = |k: Kind| rows.iter().filter(|r| r.kind == k).count() / 2;
    let mut out = std::io::stdout().lock();
    let files = written
        .iter()
        .map(|p| p.display().to_string())
        .collect::<Vec<_>>()
        .join(", ");
    writeln!(
        out,
        "{}",
        default.fill(
            Msg::MessagesWrote,
            &[
                ("files", &files),
                ("n", &rows.len()),
                ("week", &ws),
                ("proposals", &count(Kind::Proposal)),
                ("accepted", &count(Kind::Accepted)),
                ("declined", &(count(Kind::Declined) + count(Kind::Stopped))),
                ("bookings", &count(Kind::Booking)),
                ("meetings", &count(Kind::Meeting)),
                ("standbys", &count(Kind::Standby)),
            ]
        )
    )?;
    if skipped > 0 {
        let text = default.fill(Msg::MessagesSkipped, &[("n", &skipped)]);
        eprintln!("{}", default.fill(Msg::Warning, &[("text", &text)]));
    }
    Ok(ExitCode::SUCCESS)
}
