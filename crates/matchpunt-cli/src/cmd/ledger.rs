//! `matchpunt ledger` (init, log, check, export) and what the other commands share to use the
//! season ledger: the `--ledger` option, reading the batch with the ledger's history, the week's
//! round from its runs, decisions and bookings, and this week's use of each expert.
//!
//! Why here and not in the library: the library is free of I/O, and the ledger crate knows ids
//! and cells as text; this module joins the two (ids to indexes, a result to proposals).

use crate::inputs::InputArgs;
use anyhow::{bail, Context, Result};
use matchpunt::batch::round::{PairRow, Round, Verdict};
use matchpunt::batch::BatchResult;
use matchpunt::explain::{Booked, WeekUse};
use matchpunt::ingest::{self, Loaded};
use matchpunt::model::places::Places;
use matchpunt::model::{normalize, Instance, Request, Week};
use matchpunt::policy::Policy;
use matchpunt_ledger::{HistoryEntry, Ledger, Seat, WeekView};
use std::collections::HashSet;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// `--ledger FILE` (or `MATCHPUNT_LEDGER`).
#[derive(clap::Args, Debug, Clone, Default)]
#[command(next_help_heading = "Season ledger")]
pub struct LedgerArg {
    /// The season ledger (made by `matchpunt ledger init FILE`): history from its closed weeks
    /// instead of history.csv, and this week's runs, decisions and bookings; needs --week.
    #[arg(long, value_name = "FILE", env = "MATCHPUNT_LEDGER")]
    pub ledger: Option<PathBuf>,
}

/// Opens the ledger at `path` as the OS user.
pub fn open(path: &Path) -> Result<Ledger> {
    Ok(Ledger::open(path, &matchpunt_ledger::os_actor())?)
}

/// The week a ledger command works on: `--week`, required with a ledger.
pub fn week_of(inputs: &InputArgs) -> Result<Week> {
    match inputs.week {
        Some(w) => Ok(w),
        None => {
            bail!("--ledger needs --week (e.g. --week 2026-W48): the ledger keeps each week apart")
        }
    }
}

/// The ledger's history as the CSV text of a history.csv, rows of experts in `known` (by
/// normalised id) and of weeks before `week` only. An imported row whose themes are not known
/// but that was heavy gets the policy's first heavy theme, so that it reads as heavy again.
pub fn history_csv(
    rows: &[HistoryEntry],
    policy: &Policy,
    keep: impl Fn(&HistoryEntry) -> bool,
) -> String {
    let mut w = csv_writer();
    let _ = w.write_record([
        "week",
        "expert",
        "org",
        "role",
        "intensity",
        "request",
        "themes",
        "declined",
    ]);
    let heavy_theme = policy
        .intensity
        .heavy_themes
        .first()
        .cloned()
        .unwrap_or_default();
    for r in rows {
        if !keep(r) {
            continue;
        }
        let themes = if r.themes.is_empty() && r.heavy {
            heavy_theme.clone()
        } else {
            r.themes.clone()
        };
        let _ = w.write_record([
            r.week.as_str(),
            r.expert.as_str(),
            r.org.as_str(),
            r.role.as_str(),
            &r.intensity.to_string(),
            r.request.as_str(),
            themes.as_str(),
            if r.declined { "yes" } else { "no" },
        ]);
    }
    String::from_utf8(w.into_inner().unwrap_or_default()).unwrap_or_default()
}

fn csv_writer() -> csv::Writer<Vec<u8>> {
    csv::WriterBuilder::new().from_writer(Vec::new())
}

/// The history rows of a loaded batch, as the ledger keeps them.
pub fn entries_of(inst: &Instance) -> Vec<HistoryEntry> {
    inst.history
        .iter()
        .map(|h| HistoryEntry {
            week: h.week.to_string(),
            expert: inst.experts[h.expert].id.clone(),
            org: inst.orgs.name(h.org).to_string(),
            role: h.role.as_str().to_string(),
            intensity: h.intensity,
            heavy: h.heavy,
            declined: h.declined,
            request: String::new(),
            themes: String::new(),
        })
        .collect()
}

/// Reads the batch for `week` with the ledger's history. A history file (given, or the data
/// folder's history.csv) is compared with the ledger: with `import`, weeks the ledger has no
/// history of are imported; rows that differ from the ledger's are an error either way.
pub fn load(
    ledger: &mut Ledger,
    inputs: &InputArgs,
    policy: &Policy,
    week: Week,
    skip_bad_rows: bool,
    import: bool,
) -> Result<Loaded> {
    let ws = week.to_string();
    let probe = if inputs.paths().history.is_some() {
        let with_file = inputs.load_history_from(policy, skip_bad_rows, None)?;
        let entries = entries_of(&with_file.instance);
        if import {
            let n = ledger.import_history(&entries, &ws)?;
            if n > 0 {
                eprintln!(
                    "note: imported {n} history row(s) into the ledger {}; from now on the ledger's history is the one in force",
                    ledger.path().display()
                );
            }
        } else {
            ledger.check_history(&entries, &ws)?;
        }
        with_file
    } else {
        inputs.load_history_from(policy, skip_bad_rows, Some(""))?
    };
    let known: HashSet<String> = probe
        .instance
        .experts
        .iter()
        .map(|e| normalize(&e.id))
        .collect();
    let before = week.to_string();
    let text = history_csv(&ledger.history()?, policy, |r| {
        known.contains(&normalize(&r.expert)) && r.week < before
    });
    let mut loaded = inputs.load_history_from(policy, skip_bad_rows, Some(&text))?;
    // The week is the one given: the ledger's history never moves it.
    loaded.instance.week = Some(week);
    Ok(loaded)
}

/// A slot as the ledger writes it: `wed-pm`, or empty when flexible.
fn slot_text(r: &Request) -> String {
    r.slot.map(|s| s.to_string()).unwrap_or_default()
}

/// The ledger's seat of request `ri` and expert `ei` of `inst`.
pub fn seat(inst: &Instance, ri: usize, ei: usize, pinned: bool) -> Seat {
    let r = &inst.requests[ri];
    Seat {
        request: r.id.clone(),
        expert: inst.experts[ei].id.clone(),
        org: inst.orgs.name(r.org).to_string(),
        role: r.role.as_str().to_string(),
        slot: slot_text(r),
        intensity: r.intensity,
        themes: r
            .themes
            .iter()
            .map(|&t| inst.themes.name(t))
            .collect::<Vec<_>>()
            .join("|"),
        heavy: r.heavy,
        pinned,
    }
}

/// A run's assignments as the ledger's proposals.
pub fn proposals(inst: &Instance, res: &BatchResult) -> Vec<Seat> {
    res.assignments
        .iter()
        .map(|a| seat(inst, a.request, a.expert, a.pinned))
        .collect()
}

/// The week's round for `run`, or None when the ledger has nothing of the week yet: the latest
/// run's proposals as the previous ones; the decisions; and every booking as an accepted pair
/// (a pin). A booking of an inline request adds that request to `inst` (parsed from its cells as
/// a requests.csv row), so that the batch sees it.
pub fn round(view: &WeekView, inst: &mut Instance, policy: &Policy) -> Result<Option<Round>> {
    if view.is_empty() {
        return Ok(None);
    }
    let previous = view
        .proposals
        .iter()
        .map(|s| PairRow {
            request: s.request.clone(),
            expert: s.expert.clone(),
            verdict: None,
            line: 0,
        })
        .collect();
    let mut decisions: Vec<PairRow> = view
        .decisions
        .iter()
        .map(|d| PairRow {
            request: d.request.clone(),
            expert: d.expert.clone(),
            verdict: Some(if d.accepted {
                Verdict::Accepted
            } else {
                Verdict::Declined
            }),
            line: d.id as u64,
        })
        .collect();
    for b in &view.bookings {
        if let Some(cells) = &b.inline_request {
            if inst.requests.iter().any(|r| r.id == b.seat.request) {
                bail!(
                    "booking {} is for the phone request {:?}, and the requests file now has a request with that id too: rename the one in the requests file",
                    b.id,
                    b.seat.request
                );
            }
            add_inline(inst, policy, cells, &format!("booking {}", b.id))?;
        }
        decisions.push(PairRow {
            request: b.seat.request.clone(),
            expert: b.seat.expert.clone(),
            verdict: Some(Verdict::Accepted),
            line: b.id as u64,
        });
    }
    Ok(Some(Round {
        previous,
        decisions,
    }))
}

/// An inline request's cells as the ledger keeps them: a requests.csv header line and row.
pub fn inline_text(cells: &[(&str, String)]) -> String {
    let mut w = csv_writer();
    let _ = w.write_record(cells.iter().map(|c| c.0));
    let _ = w.write_record(cells.iter().map(|c| c.1.as_str()));
    String::from_utf8(w.into_inner().unwrap_or_default()).unwrap_or_default()
}

/// Adds an inline request kept by the ledger to `inst`; returns its index.
pub fn add_inline(inst: &mut Instance, policy: &Policy, text: &str, what: &str) -> Result<usize> {
    let mut rdr = csv::ReaderBuilder::new().from_reader(text.as_bytes());
    let headers = rdr
        .headers()
        .context("an inline request of the ledger")?
        .clone();
    let row = rdr
        .records()
        .next()
        .context("an inline request of the ledger has no row")??;
    let named: Vec<(&str, &str)> = headers.iter().zip(row.iter()).collect();
    match ingest::parse_request(&named, what, &Places::bundled(), policy, inst) {
        Ok((r, _)) => {
            inst.requests.push(r);
            Ok(inst.requests.len() - 1)
        }
        Err(e) => bail!("the ledger's {what} no longer reads as a request: {e}"),
    }
}

/// This week's use of each expert of `inst`: the seats the week takes (the latest run's
/// proposals not declined, and the bookings). Seats of `skip_request` are not counted; their
/// experts are in [`Booked::own`]. Seats of experts not in `inst` are left out.
pub fn week_booked(inst: &Instance, view: &WeekView, skip_request: Option<&str>) -> Booked {
    let mut booked = Booked {
        uses: vec![WeekUse::default(); inst.experts.len()],
        ..Booked::default()
    };
    let index: std::collections::HashMap<&str, usize> = inst
        .experts
        .iter()
        .enumerate()
        .map(|(i, e)| (e.id.as_str(), i))
        .collect();
    for s in view.taken() {
        let Some(&e) = index.get(s.expert.as_str()) else {
            continue;
        };
        if skip_request == Some(s.request.as_str()) {
            booked.own.push(e);
            continue;
        }
        let u = &mut booked.uses[e];
        u.count += 1;
        u.load += s.intensity;
        if let Some(slot) = matchpunt::model::Slot::parse(&s.slot) {
            u.slots |= 1 << slot.0;
        }
    }
    booked.own.sort_unstable();
    booked.own.dedup();
    booked
}

/// The experts (indexes) who declined request `id` this week (their last decision on it).
pub fn declined_for(inst: &Instance, view: &WeekView, id: &str) -> Vec<usize> {
    view.verdicts()
        .iter()
        .filter(|((r, _), accepted)| r == id && !**accepted)
        .filter_map(|((_, e), _)| inst.experts.iter().position(|x| &x.id == e))
        .collect()
}

/// The season ledger: one file with each week's runs, decisions, bookings and history.
///
/// `ledger init FILE` makes one (mode 0600); `ledger log` lists every run, decision, booking and
/// close with time and actor; `ledger check` verifies it; `ledger export --history FILE` writes
/// the history of the closed weeks as a history.csv (a heavy row whose themes are not known, as
/// an imported one, gets the default policy's first heavy theme, so that it reads as heavy).
/// `export --expert`, `forget` and `purge`: an access request, an erasure, retention.
#[derive(clap::Args, Debug)]
pub struct Args {
    #[command(subcommand)]
    command: Sub,
}

#[derive(clap::Subcommand, Debug)]
enum Sub {
    /// Create a new, empty ledger (mode 0600); an existing file is never overwritten.
    Init {
        /// The ledger file to create.
        file: PathBuf,
    },
    /// Every run, decision, booking and close, with time and actor (no personal data).
    Log {
        #[command(flatten)]
        ledger: LedgerArg,
    },
    /// SQLite's integrity check and the ledger's own invariants; exit 1 when a problem is found.
    Check {
        #[command(flatten)]
        ledger: LedgerArg,
    },
    /// Write the history of the closed weeks as a history.csv (--history FILE), or everything
    /// held about one expert over all weeks, for an access request (--expert E --out DIR:
    /// DIR/E.json and DIR/E.xlsx).
    Export {
        #[command(flatten)]
        ledger: LedgerArg,
        /// The history.csv to write (not overwritten when it exists).
        #[arg(
            long,
            value_name = "FILE",
            required_unless_present = "expert",
            conflicts_with = "expert"
        )]
        history: Option<PathBuf>,
        #[command(flatten)]
        access: crate::cmd::rights::AccessArgs,
    },
    #[command(flatten)]
    Rights(crate::cmd::rights::RightsSub),
}

/// The ledger's invariants that need the experts file: in each week with a run, no expert has
/// more seats (the latest run's proposals not declined, and the bookings) than their most
/// assignments, nor more load than their weekly budget, read from the experts and requests files
/// that run read (kept in the ledger) under its policy. A run read from a workbook is skipped.
fn week_limits(l: &Ledger) -> Result<Vec<String>> {
    let mut problems = Vec::new();
    for (week, _) in l.weeks()? {
        let view = l.week(&week)?;
        let Some(run) = view.latest_run else {
            continue;
        };
        let files = l.run_inputs(run)?;
        let bytes = |kind: &str| {
            files
                .iter()
                .find(|f| f.kind == kind && !matchpunt::ingest::workbook::is_workbook(&f.bytes))
                .map(|f| (f.name.clone(), f.bytes.clone()))
        };
        let (Some((en, eb)), Some((rn, rb))) = (bytes("experts"), bytes("requests")) else {
            continue;
        };
        let policy = Policy::from_toml(&l.run_policy(run)?, "the run's policy").unwrap_or_default();
        let inputs = ingest::Inputs {
            experts: ingest::Source::new(en, &eb[..]),
            requests: ingest::Source::new(rn, &rb[..]),
            history: None,
        };
        let choice = ingest::WeekChoice {
            given: Week::parse(&week),
            fallback: crate::inputs::current_week(),
        };
        let Ok(loaded) = ingest::load(inputs, &Places::bundled(), &policy, choice) else {
            problems.push(format!(
                "week {week}: the inputs of run {run} no longer read; limits not checked"
            ));
            continue;
        };
        let inst = loaded.instance;
        let booked = week_booked(&inst, &view, None);
        for (e, u) in inst.experts.iter().zip(&booked.uses) {
            if u.count > e.max_assignments {
                problems.push(format!(
                    "week {week}: expert {} has {} seats, more than their most assignments ({})",
                    e.id, u.count, e.max_assignments
                ));
            }
            if u.load > e.load_budget {
                problems.push(format!(
                    "week {week}: expert {} carries load {}, more than their weekly budget ({})",
                    e.id, u.load, e.load_budget
                ));
            }
        }
    }
    Ok(problems)
}

/// The ledger of `--ledger`, required.
pub fn required(arg: &LedgerArg) -> Result<Ledger> {
    match &arg.ledger {
        Some(p) => open(p),
        None => bail!("give the ledger with --ledger FILE (or MATCHPUNT_LEDGER); create one with `matchpunt ledger init FILE`"),
    }
}

/// `matchpunt ledger ...`.
pub fn run(args: Args) -> Result<ExitCode> {
    let mut out = std::io::stdout().lock();
    match args.command {
        Sub::Init { file } => {
            let l = Ledger::init(&file, &matchpunt_ledger::os_actor())?;
            writeln!(
                out,
                "created the ledger {} (schema version {}, mode 0600); use it with --ledger {} or MATCHPUNT_LEDGER",
                file.display(),
                l.schema_version()?,
                file.display()
            )?;
        }
        Sub::Log { ledger } => {
            let l = required(&ledger)?;
            for a in l.log()? {
                writeln!(
                    out,
                    "{}  {:<8} {:<15} {:<8} {}",
                    a.at,
                    a.actor,
                    a.action,
                    a.week.as_deref().unwrap_or("-"),
                    a.details
                )?;
            }
        }
        Sub::Check { ledger } => {
            let l = required(&ledger)?;
            let mut problems = l.check()?;
            problems.extend(week_limits(&l)?);
            let weeks = l.weeks()?;
            let closed = weeks.iter().filter(|w| w.1).count();
            if problems.is_empty() {
                writeln!(
                    out,
                    "{}: ok (schema version {}, {} week(s), {closed} closed, {} history row(s))",
                    l.path().display(),
                    l.schema_version()?,
                    weeks.len(),
                    l.history()?.len()
                )?;
            } else {
                for p in &problems {
                    writeln!(out, "problem: {p}")?;
                }
                bail!(
                    "{}: {} problem(s) found",
                    l.path().display(),
                    problems.len()
                );
            }
        }
        Sub::Rights(sub) => crate::cmd::rights::run(sub, &mut out)?,
        Sub::Export {
            ledger,
            history: None,
            access,
        } => crate::cmd::rights::export_access(&required(&ledger)?, &access, &mut out)?,
        Sub::Export {
            ledger,
            history: Some(history),
            ..
        } => {
            let l = required(&ledger)?;
            let rows = l.history()?;
            let bytes = history_csv(&rows, &Policy::default(), |_| true);
            let mut f = std::fs::OpenOptions::new()
                .write(true)
                .create_new(true)
                .open(&history)
                .with_context(|| format!("cannot create {}", history.display()))?;
            f.write_all(bytes.as_bytes())?;
            writeln!(
                out,
                "wrote {} ({} row(s) of {} closed week(s))",
                history.display(),
                rows.len(),
                l.weeks()?.iter().filter(|w| w.1).count()
            )?;
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// `run --ledger`: the ledger and the week, or None without a ledger. Refuses `--previous` and
/// `--decisions` with a ledger (the ledger holds the round), a missing `--week`, and a closed
/// week, before anything is read or solved.
pub fn for_run(
    arg: &LedgerArg,
    inputs: &InputArgs,
    round: &crate::round::RoundArgs,
) -> Result<Option<(Ledger, Week)>> {
    let Some(p) = &arg.ledger else {
        return Ok(None);
    };
    if round.previous.is_some() || round.decisions.is_some() {
        bail!("--ledger holds the week's round: record decisions with `matchpunt decide --ledger` instead of giving --previous or --decisions");
    }
    let week = week_of(inputs)?;
    let l = open(p)?;
    if l.week(&week.to_string())?.closed {
        return Err(matchpunt_ledger::Error::Closed(week.to_string()).into());
    }
    Ok(Some((l, week)))
}

/// Records a run of `week` in the ledger: the policy, the options, objective, bound and gap,
/// the time so far, the input files' bytes and the proposals. `seen` is the week as the run read
/// it: if a run, decision or booking was recorded since, nothing is recorded (an error). Returns
/// the run's id.
#[allow(clippy::too_many_arguments)]
pub fn record_run(
    l: &mut Ledger,
    week: Week,
    inputs: &InputArgs,
    solver: &crate::cmd::run::SolverArgs,
    policy: &Policy,
    inst: &Instance,
    res: &BatchResult,
    t0: std::time::Instant,
    seen: matchpunt_ledger::WeekStamp,
    standbys: &[matchpunt::explain::Standby],
) -> Result<i64> {
    let scale = matchpunt::scoring::SCALE;
    let paths = inputs.paths();
    let mut files = vec![
        ("experts", paths.experts.clone()),
        ("requests", paths.requests.clone()),
    ];
    if let Some(h) = &paths.history {
        files.push(("history", h.clone()));
    }
    if let Some(p) = &inputs.policy {
        files.push(("policy", p.clone()));
    }
    let mut input_files = Vec::new();
    for (kind, path) in files {
        let bytes =
            std::fs::read(&path).with_context(|| format!("cannot read {}", path.display()))?;
        input_files.push(matchpunt_ledger::InputFile {
            kind: kind.to_string(),
            name: path.display().to_string(),
            bytes,
        });
    }
    let asked: u32 = inst.requests.iter().map(|r| r.experts_needed).sum();
    let run = matchpunt_ledger::NewRun {
        week: week.to_string(),
        policy: policy.to_toml(),
        options: format!(
            "time_limit {}, work_limit {}, master {}",
            solver
                .seconds()
                .map_or("none".to_string(), |t| format!("{t} s")),
            solver
                .work_limit
                .map_or("none".to_string(), |n| n.to_string()),
            !solver.no_master
        ),
        objective: res.objective as f64 / scale,
        bound: res.bound as f64 / scale,
        gap: (!res.proven && res.bound != 0)
            .then(|| (res.bound - res.objective) as f64 / res.bound as f64),
        proven: res.proven,
        seconds: t0.elapsed().as_secs_f64(),
        summary: format!("{} of {asked} seats filled", res.assignments.len()),
        inputs: input_files,
        proposals: proposals(inst, res),
        standbys: standbys
            .iter()
            .map(|s| matchpunt_ledger::StandbyRow {
                request: inst.requests[s.request].id.clone(),
                expert: inst.experts[s.expert].id.clone(),
                rank: s.rank,
                standby: inst.experts[s.standby].id.clone(),
                cost: s.cost as f64 / scale,
                proven: s.proven,
                swap_cost: s.swap_cost as f64 / scale,
                spare_count: s.spare_count,
                spare_load: s.spare_load,
            })
            .collect(),
        seen: Some(seen),
    };
    Ok(l.record_run(&run)?)
}

/// The experts (ids) whose last decision on request `id` in `round` is a decline.
fn declined_in_round(round: &Round) -> std::collections::BTreeMap<&str, Vec<&str>> {
    let mut last: std::collections::BTreeMap<(&str, &str), Option<Verdict>> = Default::default();
    for d in &round.decisions {
        last.insert((d.request.as_str(), d.expert.as_str()), d.verdict);
    }
    let mut out: std::collections::BTreeMap<&str, Vec<&str>> = Default::default();
    for ((r, e), v) in last {
        if v == Some(Verdict::Declined) {
            out.entry(r).or_default().push(e);
        }
    }
    out
}

/// An open seat of a round whose expert(s) declined says so: the reason names the decline (and
/// is no longer empty when the decline left no eligible expert), in `run`'s unmatched.csv.
pub fn note_declined(
    unmatched: &mut [matchpunt::report::Unmatched],
    inst: &Instance,
    round: &Round,
) {
    let declined = declined_in_round(round);
    for u in unmatched.iter_mut() {
        let Some(experts) = declined.get(inst.requests[u.request].id.as_str()) else {
            continue;
        };
        let n = experts.len();
        let said = if u.eligible == 0 && n == 1 {
            format!(
                "the only eligible expert ({}) declined this week",
                experts[0]
            )
        } else {
            format!("{n} expert(s) declined this week ({})", experts.join(", "))
        };
        u.reason = if u.reason.trim().is_empty() {
            said
        } else {
            format!("{said}; {}", u.reason)
        };
        if u.eligible == 0 {
            u.cause = "declined";
        }
    }
}

/// `suggest --ledger`: leaves the experts who declined the request this week out of the
/// candidates and near misses (recounting the free ones) and keeps the best `top` of the rest.
pub fn drop_declined(s: &mut matchpunt::explain::Suggestion, declined: &[usize], top: usize) {
    let before = s.candidates.len();
    s.candidates
        .retain(|c| !declined.contains(&(c.scored.pair.expert as usize)));
    s.free -= before - s.candidates.len();
    s.near.retain(|n| !declined.contains(&n.expert));
    s.candidates.truncate(top);
    s.near.truncate(top);
}

/// `explain --ledger --request`: no runner-up or fix puts forward an expert who declined the
/// request this week, and the open seats' reason says who declined.
pub fn drop_declined_explain(
    v: &mut matchpunt::explain::ExplainRequestView,
    inst: &Instance,
    declined: &[usize],
    lang: matchpunt::messages::Lang,
) {
    if declined.is_empty() {
        return;
    }
    let ids: Vec<&str> = declined
        .iter()
        .map(|&e| inst.experts[e].id.as_str())
        .collect();
    let rid = v.request.id.clone();
    v.runners_up.retain(|r| !ids.contains(&r.expert.as_str()));
    let said = match lang {
        matchpunt::messages::Lang::Nl => format!(
            "afgewezen deze week door {} (wordt niet opnieuw voorgesteld)",
            ids.join(", ")
        ),
        _ => format!(
            "declined this week by {} (not proposed again)",
            ids.join(", ")
        ),
    };
    if let Some(open) = &mut v.open {
        let before = open.fixes.len();
        open.fixes.retain(|f| {
            let labels = ids.iter().any(|id| f.text.contains(&format!("({id})")));
            let moves = f.changes.iter().any(|c| {
                c.expert.as_deref().is_some_and(|e| ids.contains(&e))
                    && (c.request.as_deref() == Some(rid.as_str()) || c.to.contains(&rid))
            });
            !labels && !moves
        });
        if open.fixes.is_empty() && before > 0 && open.no_fix.is_none() {
            open.no_fix = Some(match lang {
                matchpunt::messages::Lang::Nl => {
                    "geen enkele wijziging vult de plek zonder wie afwees".to_string()
                }
                _ => "no single change fills it without the expert(s) who declined".to_string(),
            });
        }
        // Nobody left to put forward: the decline is the whole reason.
        open.why = if open.why.trim().is_empty() || v.runners_up.is_empty() {
            said
        } else {
            format!("{said}; {}", open.why)
        };
    }
}

/// The batch and this week of the ledger for the commands that only read (`suggest`,
/// `explain`): the ledger's history (a history file is checked against it, not imported), and
/// the week's inline booked requests added to the batch, so that they can be asked about.
pub fn load_week(
    arg: &LedgerArg,
    inputs: &InputArgs,
    policy: &Policy,
    skip_bad_rows: bool,
) -> Result<Option<(Loaded, WeekView)>> {
    let Some(p) = &arg.ledger else {
        return Ok(None);
    };
    let mut l = open(p)?;
    let week = week_of(inputs)?;
    let mut loaded = load(&mut l, inputs, policy, week, skip_bad_rows, false)?;
    let view = l.week(&week.to_string())?;
    add_week_inline(&mut loaded.instance, policy, &view)?;
    Ok(Some((loaded, view)))
}

/// Adds the week's inline booked requests (not in the requests file) to `inst`.
pub fn add_week_inline(inst: &mut Instance, policy: &Policy, view: &WeekView) -> Result<()> {
    for b in &view.bookings {
        if let Some(cells) = &b.inline_request {
            if !inst.requests.iter().any(|r| r.id == b.seat.request) {
                add_inline(inst, policy, cells, &format!("booking {}", b.id))?;
            }
        }
    }
    Ok(())
}

/// The week's seats (the latest run's proposals not declined, and the bookings) as (request,
/// expert, pinned) indexes of `inst`, for `explain`; seats of ids not in `inst` are left out.
pub fn week_pairs(inst: &Instance, view: &WeekView) -> Vec<(usize, usize, bool)> {
    let mut out: Vec<(usize, usize, bool)> = view
        .taken()
        .iter()
        .filter_map(|s| {
            let r = inst.requests.iter().position(|x| x.id == s.request)?;
            let e = inst.experts.iter().position(|x| x.id == s.expert)?;
            Some((r, e, s.pinned))
        })
        .collect();
    out.sort_unstable();
    out.dedup();
    out
}

/// The batch as `check` and `metrics` read it: with a ledger, its history (a history file is
/// checked against it, not imported); without, the files.
pub fn load_or_files(arg: &LedgerArg, inputs: &InputArgs, policy: &Policy) -> Result<Loaded> {
    Ok(match load_week(arg, inputs, policy, false)? {
        Some((loaded, _)) => loaded,
        None => inputs.load(policy)?,
    })
}
