//! `matchpunt suggest` (alias `shortlist`): the best few experts for one request, and why.

use crate::inputs::InputArgs;
use anyhow::{anyhow, bail, Result};
use matchpunt::explain::{self, Booked};
use matchpunt::ingest::{self, InputErrors, Source};
use matchpunt::messages::{Lang, Msg};
use matchpunt::model::places::Places;
use matchpunt::model::Instance;
use matchpunt::policy::Policy;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// How to print: text for a person, JSON for other tools; in which language.
#[derive(clap::Args, Debug, Clone)]
#[command(next_help_heading = "Output")]
pub struct OutputArgs {
    /// Text for a person, or JSON (schema in the README) for other tools.
    #[arg(long, value_enum, default_value = "text")]
    pub format: Format,
    #[command(flatten)]
    pub lang: crate::args::LangArg,
}

/// Output format.
#[derive(clap::ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    /// Text for a person.
    Text,
    /// JSON for other tools.
    Json,
}

impl OutputArgs {
    /// The language: the option, else the policy's.
    pub fn lang(&self, policy: &Policy) -> Lang {
        self.lang.or_policy(policy)
    }

    /// Prints `view` as JSON, or `text` as is.
    pub fn print<T: serde::Serialize>(&self, view: &T, text: &str) -> Result<()> {
        let mut out = std::io::stdout().lock();
        match self.format {
            Format::Text => out.write_all(text.as_bytes())?,
            Format::Json => {
                serde_json::to_writer_pretty(&mut out, view)?;
                out.write_all(b"\n")?;
            }
        }
        out.flush()?;
        Ok(())
    }
}

/// A request as a person on the phone describes it; the same cells, aliases and messages as a
/// row of requests.csv.
#[derive(clap::Args, Debug, Clone, Default)]
#[command(next_help_heading = "Request given inline (instead of --request)")]
#[group(id = "inline", multiple = true)]
pub struct InlineRequest {
    /// Role: buddy, adviser, trainer, speaker (or maatje, adviseur, meedenker, spreker, voorlichter).
    #[arg(long, value_name = "ROLE", requires_all = ["themes", "org"])]
    pub role: Option<String>,
    /// Themes, separated by , | or ;.
    #[arg(long, value_name = "LIST", requires = "role")]
    pub themes: Option<String>,
    /// Where it happens (a place from the places table); not needed with --online.
    #[arg(long, value_name = "PLACE", requires = "role")]
    pub place: Option<String>,
    /// When: a slot like wed-pm or wo-middag [default: flexible].
    #[arg(long, value_name = "SLOT", requires = "role")]
    pub slot: Option<String>,
    /// The requesting organisation.
    #[arg(long, value_name = "ORG", requires = "role")]
    pub org: Option<String>,
    /// It takes place online.
    #[arg(long, requires = "role")]
    pub online: bool,
    /// Language the expert must speak [default: nl].
    #[arg(long, value_name = "LANG", requires = "role")]
    pub language: Option<String>,
    /// Age of the young person (buddy age rule).
    #[arg(long, value_name = "AGE", requires = "role")]
    pub client_age: Option<String>,
    /// Wellbeing load of one seat [default: the policy's, by role and theme].
    #[arg(long, value_name = "N", requires = "role")]
    pub intensity: Option<String>,
    /// Seats to fill [default: 1].
    #[arg(long, value_name = "N", requires = "role")]
    pub seats: Option<String>,
    /// Priority: 1 low, 2 normal, 3 urgent (or low, normal, urgent) [default: 2].
    #[arg(long, value_name = "P", requires = "role")]
    pub priority: Option<String>,
    /// The expert's gender must be this.
    #[arg(long, value_name = "GENDER", requires = "role")]
    pub gender_pref: Option<String>,
    /// An id for the request in the output [default: tel; `book`: tel-1, tel-2, ... the first
    /// not yet used this week].
    #[arg(long, value_name = "ID", requires = "role")]
    pub id: Option<String>,
}

/// Column name and the option that gives it.
const INLINE_FLAGS: [(&str, &str); 13] = [
    ("id", "--id"),
    ("org", "--org"),
    ("role", "--role"),
    ("themes", "--themes"),
    ("place", "--place"),
    ("online", "--online"),
    ("slot", "--slot"),
    ("experts_needed", "--seats"),
    ("intensity", "--intensity"),
    ("priority", "--priority"),
    ("language", "--language"),
    ("client_age", "--client-age"),
    ("gender_pref", "--gender-pref"),
];

impl InlineRequest {
    /// The request as named cells of a requests.csv row.
    pub fn cells(&self) -> Vec<(&'static str, String)> {
        let v = |o: &Option<String>| o.clone().unwrap_or_default();
        vec![
            ("id", self.id.clone().unwrap_or_else(|| "tel".into())),
            ("org", v(&self.org)),
            ("role", v(&self.role)),
            ("themes", v(&self.themes)),
            ("place", v(&self.place)),
            ("online", if self.online { "yes" } else { "no" }.into()),
            ("slot", v(&self.slot)),
            ("experts_needed", v(&self.seats)),
            ("intensity", v(&self.intensity)),
            ("priority", v(&self.priority)),
            ("language", v(&self.language)),
            ("client_age", v(&self.client_age)),
            ("gender_pref", v(&self.gender_pref)),
        ]
    }

    /// Parses the request into `inst` (appended to its requests) and returns its index. Errors
    /// name the option, the value and what was expected, as for a cell; warnings are printed
    /// in `lang`.
    pub fn add_to(&self, inst: &mut Instance, policy: &Policy, lang: Lang) -> Result<usize> {
        let cells = self.cells();
        let named: Vec<(&str, &str)> = cells.iter().map(|(k, v)| (*k, v.as_str())).collect();
        let id = &cells[0].1;
        if inst.requests.iter().any(|r| &r.id == id) {
            bail!(
                "{}",
                lang.fill(
                    Msg::InlineDuplicate,
                    &[("quoted", &format!("{id:?}")), ("id", id)]
                )
            );
        }
        match ingest::parse_request(
            &named,
            lang.text(Msg::InlineSource),
            &Places::bundled(),
            policy,
            inst,
        ) {
            Ok((r, warnings)) => {
                for w in warnings {
                    eprintln!("{}", lang.fill(Msg::Warning, &[("text", &w.render(lang))]));
                }
                inst.requests.push(r);
                Ok(inst.requests.len() - 1)
            }
            Err(errs) => Err(anyhow!(flag_errors(&errs, lang))),
        }
    }
}

/// Input errors of the inline request, in `lang`, each naming its option instead of a column.
fn flag_errors(errs: &InputErrors, lang: Lang) -> String {
    let mut lines = vec![lang.fill(Msg::InlineErrors, &[("n", &errs.errors.len())])];
    for e in &errs.errors {
        let flag = e
            .column
            .as_ref()
            .and_then(|(_, name)| INLINE_FLAGS.iter().find(|f| f.0 == name))
            .map(|f| f.1);
        let message = e.problem.render(lang);
        let line = match (flag, &e.value) {
            // An option is no column: no hint to give lat and lon columns.
            (Some(f), Some(v)) => format!(
                "  {f} {v:?}: {}",
                message
                    .replace(" (or give lat and lon columns)", "")
                    .replace(" (of geef kolommen lat en lon)", "")
            ),
            (Some(f), None) => format!("  {f}: {message}"),
            (None, _) => format!("  {message}"),
        };
        lines.push(line);
    }
    lines.join("\n")
}

/// The best experts for one request, with their reasons in words, and the near misses.
///
/// For the advice-and-match point: the request is one of the requests file (--request ID) or
/// given inline as a person on the phone describes it (--role, --themes, --place, --slot,
/// --org, ...). With --assignments (a run's assignments.csv), this week's batch counts: nobody
/// at their count or load limit, or booked in the slot, is suggested, and each candidate shows
/// the load left after this request. Nobody who declined the request this week is suggested,
/// alone or in a team: the ledger's declines, or without a ledger those of --decisions (default:
/// the changes.csv of the --assignments run folder). A bad cell in an unrelated row of the
/// input files is a warning, not a stop.
#[derive(clap::Args, Debug)]
pub struct Args {
    #[command(flatten)]
    inputs: InputArgs,
    /// The request id, from the requests file.
    #[arg(
        long,
        value_name = "ID",
        required_unless_present = "role",
        conflicts_with = "inline"
    )]
    request: Option<String>,
    #[command(flatten)]
    inline: InlineRequest,
    /// This week's assignments so far: a run's assignments.csv.
    #[arg(long, value_name = "FILE", conflicts_with = "ledger")]
    assignments: Option<PathBuf>,
    #[command(flatten)]
    ledger: crate::cmd::ledger::LedgerArg,
    #[command(flatten)]
    decisions: crate::round::DecisionsArg,
    /// How many candidates (and near misses) to list.
    #[arg(long, value_name = "N", default_value_t = 5)]
    top: usize,
    #[command(flatten)]
    output: OutputArgs,
}

/// Opens an assignments file as a source.
pub fn open_source(p: &Path) -> Result<Source<'static>> {
    let f = crate::voice::open(p)?;
    Ok(Source::new(p.display().to_string(), f))
}

pub fn run(args: Args) -> Result<ExitCode> {
    let policy = args.inputs.policy()?;
    let lang = args.output.lang(&policy);
    // With a ledger: its history, and this week's proposals, decisions and bookings.
    let (loaded, week) =
        match crate::cmd::ledger::load_week(&args.ledger, &args.inputs, &policy, true)? {
            Some((loaded, week)) => (loaded, Some(week)),
            None => (
                args.inputs
                    .load_skipping_bad_rows(&policy)
                    .map_err(|e| crate::inputs::in_lang(e, lang))?,
                None,
            ),
        };
    for w in &loaded.warnings {
        eprintln!("{}", lang.fill(Msg::Warning, &[("text", &w.render(lang))]));
    }
    let mut inst = loaded.instance;
    let ri = match &args.request {
        Some(id) => find_request(&inst, id, !loaded.warnings.is_empty())?,
        None => args.inline.add_to(&mut inst, &policy, lang)?,
    };
    // Every pair declined this week (the ledger's, or a decisions file's) is no candidate.
    let declined = match &week {
        Some(w) => crate::cmd::ledger::declined_pairs(&inst, w),
        None => args
            .decisions
            .declined(args.assignments.as_deref(), &inst, lang)?,
    };
    let booked: Option<Booked> = match &args.assignments {
        None => week.as_ref().map(|w| {
            crate::cmd::ledger::week_booked(&inst, &policy, w, Some(&inst.requests[ri].id))
        }),
        Some(p) => {
            let b =
                explain::read_booked(open_source(p)?, &inst, &policy, Some(&inst.requests[ri].id))?;
            for w in &b.warnings {
                eprintln!("{}", lang.fill(Msg::Warning, &[("text", &w.render(lang))]));
            }
            Some(b)
        }
    };
    let s = explain::suggest_except(&inst, &policy, ri, booked.as_ref(), args.top, &declined);
    let ids: Vec<&str> = declined
        .iter()
        .filter(|p| p.0 == ri)
        .map(|&(_, e)| inst.experts[e].id.as_str())
        .collect();
    if !ids.is_empty() {
        let text = lang.fill(
            Msg::SuggestDeclined,
            &[("experts", &ids.join(", ")), ("n", &ids.len())],
        );
        eprintln!("{}", lang.fill(Msg::Note, &[("text", &text)]));
    }
    let view = explain::suggest_view(&inst, &policy, &s, booked.as_ref(), lang);
    args.output
        .print(&view, &explain::render_suggest(&view, lang))?;
    Ok(ExitCode::SUCCESS)
}

/// The index of request `id`, or an error with a "did you mean".
pub fn find_request(inst: &Instance, id: &str, rows_left_out: bool) -> Result<usize> {
    if let Some(ri) = inst.requests.iter().position(|r| r.id == id) {
        return Ok(ri);
    }
    let ids: Vec<&str> = inst.requests.iter().map(|r| r.id.as_str()).collect();
    let hint = ingest::did_you_mean(id, ids)
        .map(|s| format!("; did you mean {s:?}?"))
        .unwrap_or_default();
    let left_out = if rows_left_out {
        " (rows with errors were left out: see the warnings)"
    } else {
        ""
    };
    bail!("no request with id {id:?}{hint}{left_out}")
}
