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
use matchpunt::ingest::{self, Loaded};
use matchpunt::messages::{Lang, Msg};
use matchpunt::model::places::Places;
use matchpunt::model::{normalize, Instance, Week};
use matchpunt::policy::Policy;
use matchpunt_ledger::{HistoryEntry, Ledger, Seat, WeekView};
use std::collections::HashSet;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

pub use matchpunt_ledger::rules::{
    declined_pairs, history_csv, inline_text, say_declined, seat, week_booked, week_pairs,
};

/// Adds an inline request kept by the ledger to `inst`; returns its index.
pub fn add_inline(inst: &mut Instance, policy: &Policy, text: &str, what: &str) -> Result<usize> {
    matchpunt_ledger::rules::add_inline(inst, policy, &Places::bundled(), text, what)
        .map_err(anyhow::Error::msg)
}

/// Adds the week's inline booked requests (not in the requests file) to `inst`.
pub fn add_week_inline(inst: &mut Instance, policy: &Policy, view: &WeekView) -> Result<()> {
    matchpunt_ledger::rules::add_week_inline(inst, policy, &Places::bundled(), view)
        .map_err(anyhow::Error::msg)
}

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

/// The history rows of a loaded batch, as the ledger keeps them.
pub fn entries_of(inst: &Instance) -> Vec<HistoryEntry> {
    matchpunt_ledger::rules::history_entries(inst)
}

/// Reads the batch for `week` with the ledger's history. A history file (given, or the data
/// folder's history.csv) is compared with the ledger: with `import`, weeks the ledger has no
/// history of are imported (a note in `lang` says so); rows that differ from the ledger's are an
/// error either way.
pub fn load(
    ledger: &mut Ledger,
    inputs: &InputArgs,
    policy: &Policy,
    week: Week,
    skip_bad_rows: bool,
    import: bool,
    lang: Lang,
) -> Result<Loaded> {
    let ws = week.to_string();
    let probe = if inputs.paths().history.is_some() {
        let with_file = inputs.load_history_from(policy, skip_bad_rows, None)?;
        let entries = entries_of(&with_file.instance);
        if import {
            let n = ledger.import_history(&entries, &ws)?;
            if n > 0 {
                let text = lang.fill(
                    Msg::LedgerImported,
                    &[("n", &n), ("file", &ledger.path().display())],
                );
                eprintln!("{}", lang.fill(Msg::Note, &[("text", &text)]));
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
    let verdicts = view.verdicts();
    for b in &view.bookings {
        // A trajectory's reserved meeting that was declined (the trajectory stopped) is no
        // request of the week any more.
        let declined =
            verdicts.get(&(b.seat.request.clone(), b.seat.expert.clone())) == Some(&false);
        if declined && matchpunt_ledger::rules::reservation_of(&b.seat.request).is_some() {
            continue;
        }
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
    #[command(flatten)]
    lang: crate::args::LangArg,
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
fn week_limits(l: &Ledger, lang: Lang) -> Result<Vec<String>> {
    let mut problems = Vec::new();
    for (week, _) in l.weeks()? {
        let view = l.week(&week)?;
        let Some(run) = view.latest_run else {
            continue;
        };
        let Some(read) = run_instance(l, &week, run)? else {
            continue;
        };
        let Some((inst, policy)) = read else {
            problems.push(lang.fill(Msg::LedgerInputsUnread, &[("week", &week), ("run", &run)]));
            continue;
        };
        let booked = week_booked(&inst, &policy, &view, None);
        for (e, u) in inst.experts.iter().zip(&booked.uses) {
            if u.count > e.max_assignments {
                problems.push(lang.fill(
                    Msg::LedgerTooManySeats,
                    &[
                        ("week", &week),
                        ("expert", &e.id),
                        ("n", &u.count),
                        ("max", &e.max_assignments),
                    ],
                ));
            }
            if u.load > e.load_budget {
                problems.push(lang.fill(
                    Msg::LedgerOverBudget,
                    &[
                        ("week", &week),
                        ("expert", &e.id),
                        ("load", &u.load),
                        ("budget", &e.load_budget),
                    ],
                ));
            }
        }
    }
    Ok(problems)
}

/// The batch of `run` of `week` as it read it: its experts and requests files as kept in the
/// ledger, under its policy. None when the run read a workbook (not kept as CSV); Some(None)
/// when the files no longer read.
///
/// # Errors
///
/// The ledger's errors.
pub fn run_instance(
    l: &Ledger,
    week: &str,
    run: i64,
) -> Result<Option<Option<(Instance, Policy)>>> {
    let files = l.run_inputs(run)?;
    let bytes = |kind: &str| {
        files
            .iter()
            .find(|f| f.kind == kind && !matchpunt::ingest::workbook::is_workbook(&f.bytes))
            .map(|f| (f.name.clone(), f.bytes.clone()))
    };
    let (Some((en, eb)), Some((rn, rb))) = (bytes("experts"), bytes("requests")) else {
        return Ok(None);
    };
    let policy = Policy::from_toml(&l.run_policy(run)?, "the run's policy").unwrap_or_default();
    let inputs = ingest::Inputs {
        experts: ingest::Source::new(en, &eb[..]),
        requests: ingest::Source::new(rn, &rb[..]),
        history: None,
    };
    let choice = ingest::WeekChoice {
        given: Week::parse(week),
        fallback: crate::inputs::current_week(),
    };
    Ok(Some(
        ingest::load(inputs, &Places::bundled(), &policy, choice)
            .ok()
            .map(|loaded| (loaded.instance, policy)),
    ))
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
    let lang = args.lang.get();
    match args.command {
        Sub::Init { file } => {
            let l = Ledger::init(&file, &matchpunt_ledger::os_actor())?;
            writeln!(
                out,
                "{}",
                lang.fill(
                    Msg::LedgerCreated,
                    &[("file", &file.display()), ("version", &l.schema_version()?)]
                )
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
            let mut problems: Vec<String> = l.check()?.iter().map(|p| p.text(lang)).collect();
            problems.extend(week_limits(&l, lang)?);
            let weeks = l.weeks()?;
            let closed = weeks.iter().filter(|w| w.1).count();
            if problems.is_empty() {
                writeln!(
                    out,
                    "{}",
                    lang.fill(
                        Msg::LedgerOk,
                        &[
                            ("file", &l.path().display()),
                            ("version", &l.schema_version()?),
                            ("weeks", &weeks.len()),
                            ("closed", &closed),
                            ("rows", &l.history()?.len()),
                        ]
                    )
                )?;
            } else {
                for p in &problems {
                    writeln!(out, "{}", lang.fill(Msg::LedgerProblem, &[("text", p)]))?;
                }
                bail!(
                    "{}",
                    lang.fill(
                        Msg::LedgerProblems,
                        &[("file", &l.path().display()), ("n", &problems.len())]
                    )
                );
            }
        }
        Sub::Rights(sub) => crate::cmd::rights::run(sub, lang, &mut out)?,
        Sub::Export {
            ledger,
            history: None,
            access,
        } => crate::cmd::rights::export_access(&required(&ledger)?, &access, lang, &mut out)?,
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
                .with_context(|| {
                    lang.fill(Msg::OutCannotCreate, &[("path", &history.display())])
                })?;
            f.write_all(bytes.as_bytes())?;
            writeln!(
                out,
                "{}",
                lang.fill(
                    Msg::HistoryExported,
                    &[
                        ("file", &history.display()),
                        ("rows", &rows.len()),
                        ("weeks", &l.weeks()?.iter().filter(|w| w.1).count()),
                    ]
                )
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
    lang: matchpunt::messages::Lang,
) {
    use matchpunt::messages::Msg;
    let declined = declined_in_round(round);
    for u in unmatched.iter_mut() {
        let Some(experts) = declined.get(inst.requests[u.request].id.as_str()) else {
            continue;
        };
        let n = experts.len();
        let said = if u.eligible == 0 && n == 1 {
            lang.fill(Msg::DeclinedOnly, &[("expert", &experts[0])])
        } else {
            lang.fill(
                Msg::DeclinedSome,
                &[("n", &n), ("experts", &experts.join(", "))],
            )
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
    let mut loaded = load(&mut l, inputs, policy, week, skip_bad_rows, false, Lang::En)?;
    let view = l.week(&week.to_string())?;
    add_week_inline(&mut loaded.instance, policy, &view)?;
    Ok(Some((loaded, view)))
}

/// The batch as `check` and `metrics` read it: with a ledger, its history (a history file is
/// checked against it, not imported); without, the files.
pub fn load_or_files(arg: &LedgerArg, inputs: &InputArgs, policy: &Policy) -> Result<Loaded> {
    Ok(match load_week(arg, inputs, policy, false)? {
        Some((loaded, _)) => loaded,
        None => inputs.load(policy)?,
    })
}
