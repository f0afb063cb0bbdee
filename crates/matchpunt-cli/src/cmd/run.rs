//! `matchpunt run`: the weekly batch.

use crate::inputs::InputArgs;
use crate::out::OutputSet;
use crate::progress::{thousands, Progress};
use anyhow::{bail, Result};
use matchpunt::batch;
use matchpunt::messages::Msg;
use matchpunt::report;
use matchpunt::report::table::{self, Dialect};
use matchpunt::scoring::to_units;
use matchpunt::solve::SolveOptions;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::{Duration, Instant};

/// Solver options shared by `run` and `explain`.
#[derive(clap::Args, Debug, Clone)]
#[command(next_help_heading = "Limits and solver")]
pub struct SolverArgs {
    /// Stop after this many seconds, counted from the start of the run (reading and writing
    /// included), and report the best assignment found with its proven gap. The answer may
    /// then differ from one machine to another [default: 30, none with --work-limit].
    #[arg(long, value_name = "SECS", value_parser = parse_seconds, allow_negative_numbers = true)]
    pub time_limit: Option<f64>,
    /// Stop branching after N branch-and-bound nodes per component of the batch, and report
    /// the best assignment found with its proven gap: a limit of work, not time, so that the
    /// answer is the same on every machine and with any --threads. Without --time-limit, no time
    /// limit applies; with both, whichever comes first. The summary says which one stopped the
    /// search.
    #[arg(long, value_name = "N", allow_negative_numbers = true,
        value_parser = clap::value_parser!(u64).range(1..=1_000_000_000))]
    pub work_limit: Option<u64>,
    /// Solve by Lagrangian branch and bound alone, without the master LP and the bundle listing
    /// (slower; for comparing the two methods, which must agree).
    #[arg(long)]
    pub no_master: bool,
}

/// Longest time limit accepted, in seconds (11.6 days).
pub const MAX_SECONDS: f64 = 1e6;

/// The one parser of `--time-limit` for every subcommand (`run`, `explain`, `compare`, `serve`):
/// a finite number of seconds from 0 to [`MAX_SECONDS`], so that building a `Duration` from it
/// never overflows (`1e20` used to panic in `compare` and `serve`).
pub fn parse_seconds(s: &str) -> Result<f64, String> {
    let expected =
        format!("expected a number of seconds from 0 to {MAX_SECONDS:.0}, e.g. 30 or 2.5");
    let hint = if s.contains(',') && !s.contains('.') {
        " (use a decimal point)"
    } else {
        ""
    };
    match s.trim().parse::<f64>() {
        Ok(v) if v.is_finite() && (0.0..=MAX_SECONDS).contains(&v) => Ok(v),
        _ => Err(format!("{expected}{hint}")),
    }
}

impl SolverArgs {
    /// The default time limit, when neither limit is given.
    pub const DEFAULT_SECONDS: f64 = 30.0;

    /// The time limit in force, if any.
    pub fn seconds(&self) -> Option<f64> {
        match (self.time_limit, self.work_limit) {
            (Some(t), _) => Some(t),
            (None, Some(_)) => None,
            (None, None) => Some(Self::DEFAULT_SECONDS),
        }
    }

    /// The solver's options, with the time limit less what has been used since `start` and
    /// `reserve` for what follows the solve.
    pub fn options(&self, start: Instant, reserve: Duration) -> SolveOptions {
        SolveOptions {
            time_limit: self.seconds().map(|t| {
                Duration::from_secs_f64(t)
                    .saturating_sub(start.elapsed())
                    .saturating_sub(reserve)
            }),
            node_limit: self
                .work_limit
                .map_or(SolveOptions::default().node_limit, |n| n as usize),
            master: !self.no_master,
            ..SolveOptions::default()
        }
    }
}

/// Run the weekly batch: assign requests to experts, exactly optimal under the hard rules.
///
/// Writes assignments.csv, unmatched.csv (with reasons) and experts.csv into the output folder,
/// all three or none (or, with --out FILE.xlsx, only that workbook), and prints a summary: seats asked and filled by role, the objective with
/// its proven bound, and the time per stage.
#[derive(clap::Args, Debug)]
pub struct Args {
    #[command(flatten)]
    inputs: InputArgs,
    #[command(flatten)]
    solver: SolverArgs,
    #[command(flatten)]
    round: crate::round::RoundArgs,
    #[command(flatten)]
    ledger: crate::cmd::ledger::LedgerArg,
    /// Output folder for assignments.csv, unmatched.csv and experts.csv (created if missing;
    /// other files in it are kept; an earlier run's matchpunt.xlsx is moved to
    /// matchpunt.earlier.xlsx). Written as one set: see "Outputs" in the README. A name
    /// ending in .xlsx that is no folder (`--out week.xlsx`) writes only that workbook.
    #[arg(
        long,
        value_name = "DIR|FILE.xlsx",
        default_value = "out",
        help_heading = "Outputs"
    )]
    out: PathBuf,
    /// CSV form of the outputs: nl (`;`, decimal commas), intl (`,`, points) or plain (intl
    /// without the byte-order mark) [default: nl when the experts file uses `;`, else intl].
    #[arg(long, value_name = "DIALECT", value_parser = parse_dialect, help_heading = "Outputs")]
    csv_dialect: Option<Dialect>,
    #[command(flatten)]
    lang: crate::args::LangArg,
    /// Also write the workbook matchpunt.xlsx into the output folder (sheets overzicht,
    /// toewijzingen, open plekken, ervaringsdeskundigen), in the same set as the CSVs.
    #[arg(long, help_heading = "Outputs")]
    xlsx: bool,
    /// Also write the optimisation model in CPLEX LP format (not onto an input or an output).
    #[arg(long, value_name = "FILE", help_heading = "Outputs")]
    export_lp: Option<PathBuf>,
    /// Also write the flow part of the model (without load budgets) as a DIMACS min-cost flow
    /// file (not onto an input or an output).
    #[arg(long, value_name = "FILE", help_heading = "Outputs")]
    export_dimacs: Option<PathBuf>,
}

/// The summary line for a coordinator: `6 seats open, see out/unmatched.csv: 3 no free slot,
/// 2 too far, 1 pin conflict`.
fn open_seats_line(
    unmatched: &[report::Unmatched],
    out: &Path,
    book: bool,
    lang: matchpunt::messages::Lang,
) -> String {
    use matchpunt::messages::Msg;
    let by = report::open_seats(unmatched);
    let open: u32 = by.iter().map(|x| x.1).sum();
    if open == 0 {
        return lang.text(Msg::SumAllFilled).to_string();
    }
    let parts: Vec<String> = by
        .iter()
        .map(|(c, n)| report::cause_count(c, *n, lang))
        .collect();
    let see = if book {
        lang.fill(
            Msg::SeeSheet,
            &[("file", &out.display()), ("sheet", &"open plekken")],
        )
    } else {
        out.join("unmatched.csv").display().to_string()
    };
    lang.fill(
        if open == 1 {
            Msg::SumOpenOne
        } else {
            Msg::SumOpen
        },
        &[("n", &open), ("see", &see), ("causes", &parts.join(", "))],
    )
}

fn parse_dialect(s: &str) -> Result<Dialect, String> {
    Dialect::parse(s).ok_or_else(|| format!("{s:?}: expected nl, intl or plain"))
}

/// The files `run` writes into `--out`.
pub const OUTPUT_NAMES: [&str; 3] = ["assignments.csv", "unmatched.csv", "experts.csv"];

/// Every file `run` may write into its output folder: one set. A run removes those of an
/// earlier run that it does not write itself (a round's `changes.csv`, `standbys.csv`, the
/// workbook), in the same commit as its own files.
pub const RUN_SET: [&str; 6] = [
    "assignments.csv",
    "unmatched.csv",
    "experts.csv",
    "standbys.csv",
    "changes.csv",
    "matchpunt.xlsx",
];

/// `--out week.xlsx`: the folder and name of the one workbook to write, when `--out` ends in
/// `.xlsx` and is no folder.
fn book_target(out: &Path) -> Option<(PathBuf, String)> {
    let xlsx = out
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("xlsx"));
    if !xlsx || out.is_dir() {
        return None;
    }
    let name = out.file_name()?.to_string_lossy().into_owned();
    let dir = out
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    Some((dir.to_path_buf(), name))
}

pub fn run(args: Args) -> Result<ExitCode> {
    let t0 = Instant::now();
    let policy = args.inputs.policy()?;
    let lang = args.lang.or_policy(&policy);
    check_paths(&args)?;
    // `--out week.xlsx`: the workbook alone, staged and moved into place in its folder as a
    // set of one (locked like an output folder, so never half-written).
    let book = book_target(&args.out);
    let out_dir = book
        .as_ref()
        .map_or(args.out.as_path(), |(d, _)| d.as_path());
    // The output folder is locked before anything is read, so that a second run on it is
    // refused at once.
    let outs = OutputSet::open(out_dir)?;
    if let Some(note) = &outs.recovered {
        let text = format!("{}: {note}", out_dir.display());
        eprintln!("{}", lang.fill(Msg::Note, &[("text", &text)]));
    }
    // With a ledger: the week's history, round and recording come from the ledger.
    let mut ledger = crate::cmd::ledger::for_run(&args.ledger, &args.inputs, &args.round)?;
    let progress = Progress::start(lang.text(Msg::ProgressRead));
    let mut loaded = match &mut ledger {
        Some((l, week)) => {
            crate::cmd::ledger::load(l, &args.inputs, &policy, *week, false, true, lang)
        }
        None => args.inputs.load(&policy),
    }
    .map_err(|e| crate::inputs::in_lang(e, lang))?;
    let mut seen = None;
    let round = match &ledger {
        Some((l, week)) => {
            let view = l.week(&week.to_string())?;
            seen = Some(view.stamp());
            crate::cmd::ledger::round(&view, &mut loaded.instance, &policy)?
        }
        None => match args.round.load(&loaded.instance) {
            Ok(Some((round, warnings))) => {
                loaded.warnings.extend(warnings);
                Some(round)
            }
            Ok(None) => None,
            Err(e) => {
                return Err(match e.downcast::<matchpunt::ingest::InputErrors>() {
                    Ok(errs) => errs.in_lang(lang).into(),
                    Err(e) => e,
                })
            }
        },
    };
    let t_read = t0.elapsed();
    let empty = crate::inputs::emptiness_warnings(&loaded.instance, &args.inputs.paths());
    // The pairs of spellings only in `check`: run's output names the rows alone.
    let safe_side: Vec<String> =
        matchpunt::ingest::safe_side_summary_in(&loaded.safe_side_cells, lang)
            .into_iter()
            .chain(matchpunt::ingest::no_theme_summary_in(
                &loaded.safe_side_cells,
                lang,
            ))
            .collect();
    progress.suspend(|| {
        let loaded_warnings = loaded.warnings.iter().map(|w| w.render(lang).to_string());
        for w in loaded_warnings.chain(safe_side).chain(empty) {
            eprintln!("{}", lang.fill(Msg::Warning, &[("text", &w)]));
        }
    });
    let inst = &loaded.instance;
    // What follows the solve (reasons, writing) takes up to three times as long as reading
    // did (10,000 x 20,000 on 2 cores, 12,000 open requests: read 0.36-0.55 s, reasons in
    // parallel and writing 1.0-1.9 s); with 2% of the limit on top, that reserve keeps the
    // whole run within the limit. The fix column's re-solves have their own deadline (below).
    let reserve = args.solver.seconds().map_or(Duration::ZERO, |t| {
        Duration::from_secs_f64(t * 0.02) + 3 * t_read
    });
    let limit = match args.solver.seconds() {
        Some(t) => lang.fill(Msg::ProgressLimit, &[("s", &t)]),
        None => lang.text(Msg::ProgressNoLimit).to_string(),
    };
    let mut changes = None;
    let mut on_stage = |stage| match stage {
        batch::Stage::Candidates => progress.stage(lang.text(Msg::ProgressCandidates)),
        batch::Stage::Scoring(n) => {
            progress.stage(&lang.fill(Msg::ProgressScoring, &[("n", &thousands(n))]))
        }
        batch::Stage::Solving(n) => progress.stage(&lang.fill(
            Msg::ProgressSolving,
            &[("n", &thousands(n)), ("limit", &limit)],
        )),
    };
    let opts = args.solver.options(t0, reserve);
    // The round solves the batch with the accepted decisions as pins: reasons, fixes and
    // outputs are of that instance, not of the files as read.
    let mut round_inst = None;
    let res = match &round {
        Some(round) => {
            on_stage(batch::Stage::Solving(0));
            let out = matchpunt::batch::round::run_round(inst, &policy, &opts, round);
            progress.suspend(|| {
                for w in &out.warnings {
                    eprintln!("{}", lang.fill(Msg::Warning, &[("text", &w.render(lang))]));
                }
            });
            changes = Some(out.changes);
            round_inst = Some(out.instance);
            out.result
        }
        None => batch::run_observed(
            inst,
            &policy,
            &opts,
            &batch::Adjust::default(),
            &mut on_stage,
        ),
    };
    let inst = round_inst.as_ref().unwrap_or(inst);
    progress.stage(lang.text(Msg::ProgressReasons));
    let t_write = Instant::now();
    let unmatched = report::unmatched(inst, &policy, &res);
    // The fix column's re-solves stop where writing's share of the reserve begins.
    let fix_deadline = args.solver.seconds().map(|t| {
        let writing = Duration::from_secs_f64(t * 0.01) + t_read;
        t0 + Duration::from_secs_f64(t).saturating_sub(writing)
    });
    let mut unmatched =
        matchpunt::explain::with_fixes(inst, &policy, &opts, &res, unmatched, fix_deadline, lang);
    // After the reasons are set: a seat whose expert declined this round says so first.
    if let Some(round) = &round {
        crate::cmd::ledger::note_declined(&mut unmatched, inst, round, lang);
    }
    // Standbys for every filled seat, their exact costs within the same budget and deadline as
    // the fix column (past it, the plain swap's cost, marked not proven).
    let standbys = if policy.round.standbys > 0 {
        progress.stage(lang.text(Msg::ProgressStandbys));
        let base = matchpunt::explain::Base::from_result(inst, &policy, opts, &res);
        // At most the solve's time again plus a second, within the run's limit: past it the
        // costs stay those of the plain swap, marked not proven. Without a time limit the work
        // budget alone bounds them (the same answer on every machine).
        let cap = Instant::now() + res.timings.solve + Duration::from_secs(1);
        let mut budget = matchpunt::explain::FixBudget {
            deadline: fix_deadline.map(|d| d.min(cap)),
            ..matchpunt::explain::FixBudget::for_run()
        };
        if res.problem.arcs.len() > matchpunt::explain::RUN_FIX_MAX_PAIRS {
            budget.work = 0;
        }
        base.standbys(policy.round.standbys as usize, &mut budget)
    } else {
        Vec::new()
    };
    let t_reasons = t_write.elapsed();

    progress.stage(&lang.fill(Msg::ProgressWriting, &[("dir", &args.out.display())]));
    let mut outs = outs;
    let dialect = args
        .csv_dialect
        .unwrap_or_else(|| Dialect::following(loaded.delimiter));
    let mut sheets = vec![
        report::summary_sheet(inst, &res, lang),
        report::assignments_sheet(inst, &res, lang),
        report::unmatched_sheet(inst, &unmatched, lang),
        report::experts_sheet(inst, &res, lang),
    ];
    if policy.round.standbys > 0 {
        sheets.push(matchpunt::explain::standbys_sheet(inst, &standbys, lang));
    }
    if book.is_none() {
        for (name, sheet) in OUTPUT_NAMES
            .iter()
            .chain(["standbys.csv"].iter())
            .zip(&sheets[1..])
        {
            outs.stage(name, |w| Ok(table::write_csv(sheet, dialect, w)?))?;
        }
    }
    if let Some(changes) = &changes {
        outs.stage("changes.csv", |w| {
            Ok(table::write_csv(
                &matchpunt::report::changes_sheet(changes, lang),
                dialect,
                w,
            )?)
        })?;
    }
    if args.xlsx || book.is_some() {
        let bytes = table::workbook(&sheets, inst.week)
            .map_err(|e| crate::voice::cannot_build_workbook(e, lang))?;
        let name = book.as_ref().map_or("matchpunt.xlsx", |(_, n)| n.as_str());
        outs.stage(name, |w| Ok(w.write_all(&bytes)?))?;
    }
    if let Some(lp) = &args.export_lp {
        let spread = to_units(policy.objective.batch_spread);
        outs.stage_path(lp, |w| {
            Ok(matchpunt::report::lp::write_lp(inst, &res, spread, w)?)
        })?;
    }
    if let Some(d) = &args.export_dimacs {
        let (net, _) = matchpunt::solve::root_network(&res.problem);
        let comment = format!(
            "matchpunt batch {}: flow part without load budgets; costs are -(value) in milli-points",
            inst.week.map(|w| w.to_string()).unwrap_or_default()
        );
        outs.stage_path(d, |w| Ok(matchpunt_flow::dimacs::write(&net, w, &comment)?))?;
    }
    // The folder holds one run's set: what this run does not write goes in the same commit. An
    // earlier run's workbook is kept under another name in that commit: the coordinator may
    // have worked in it (the fourth trial, #20).
    let mut kept_book = None;
    if book.is_none() {
        let old = out_dir.join("matchpunt.xlsx");
        if !args.xlsx && old.is_file() {
            let name = (1..)
                .map(|k| match k {
                    1 => "matchpunt.earlier.xlsx".to_string(),
                    k => format!("matchpunt.earlier-{k}.xlsx"),
                })
                .find(|n| !out_dir.join(n).exists())
                .unwrap_or_default();
            let bytes = crate::voice::read(&old)?;
            outs.stage(&name, |w| Ok(w.write_all(&bytes)?))?;
            kept_book = Some((old, out_dir.join(name)));
        }
        for name in RUN_SET {
            outs.remove_stale(name)?;
        }
    }
    let mut stale = outs.stale();
    if let Some((old, _)) = &kept_book {
        stale.retain(|p| p.file_name() != old.file_name());
    }
    let recorded = match &mut ledger {
        Some((l, week)) => Some(crate::cmd::ledger::record_run(
            l,
            *week,
            &args.inputs,
            &args.solver,
            &policy,
            inst,
            &res,
            t0,
            seen.unwrap_or_default(),
            &standbys,
        )?),
        None => None,
    };
    let mut written = outs.commit()?;
    if let Some((_, kept)) = &kept_book {
        written.retain(|p| p.file_name() != kept.file_name());
    }
    let t_write = t_write.elapsed();
    drop(progress);

    let mut out = std::io::stdout().lock();
    let pin_text = |c: &matchpunt::batch::PinConflict| match lang {
        matchpunt::messages::Lang::En => c.text.clone(),
        matchpunt::messages::Lang::Nl => {
            matchpunt::explain::pin_conflict_text(inst, &policy, c, lang)
        }
    };
    out.write_all(report::summary_text_in(inst, &res, lang, &pin_text).as_bytes())?;
    if let Some(changes) = &changes {
        let (kept, accepted, dropped, new) = matchpunt::batch::round::counts(changes);
        writeln!(
            out,
            "{}",
            lang.fill(
                matchpunt::messages::Msg::SumRound,
                &[
                    ("kept", &kept),
                    ("accepted", &accepted),
                    ("dropped", &dropped),
                    ("new", &new),
                ],
            )
        )?;
    }
    writeln!(
        out,
        "{}",
        open_seats_line(&unmatched, &args.out, book.is_some(), lang)
    )?;
    writeln!(
        out,
        "{}",
        args.inputs
            .paths()
            .describe(args.inputs.policy.as_deref(), lang)
    )?;
    let secs = |d: Duration| lang.num(d.as_secs_f64(), 3);
    writeln!(
        out,
        "{}",
        lang.fill(
            Msg::RunTime,
            &[
                ("read", &secs(t_read)),
                ("candidates", &secs(res.timings.candidates)),
                ("scoring", &secs(res.timings.scoring)),
                ("solve", &secs(res.timings.solve)),
                ("reasons", &secs(t_reasons)),
                ("write", &secs(t_write - t_reasons)),
                ("total", &secs(t0.elapsed())),
            ],
        )
    )?;
    let names: Vec<String> = written.iter().map(|p| p.display().to_string()).collect();
    writeln!(
        out,
        "{}",
        lang.fill(Msg::Wrote, &[("files", &names.join(", "))])
    )?;
    if let Some((old, kept)) = &kept_book {
        writeln!(
            out,
            "{}",
            lang.fill(
                Msg::KeptEarlierBook,
                &[
                    ("old", &old.display().to_string()),
                    ("kept", &kept.display().to_string())
                ]
            )
        )?;
    }
    if !stale.is_empty() {
        let names: Vec<String> = stale.iter().map(|p| p.display().to_string()).collect();
        writeln!(
            out,
            "{}",
            lang.fill(Msg::RemovedStale, &[("files", &names.join(", "))])
        )?;
    }
    if let (Some((l, week)), Some(id)) = (&ledger, recorded) {
        let closed = l.weeks()?.iter().filter(|w| w.1).count();
        writeln!(
            out,
            "{}",
            lang.fill(
                Msg::RunLedger,
                &[
                    ("closed", &closed),
                    ("id", &id),
                    ("week", week),
                    ("n", &res.assignments.len()),
                    ("file", &l.path().display()),
                ],
            )
        )?;
    }
    Ok(ExitCode::SUCCESS)
}

/// Refuses, before anything is read or solved, an output that would replace an input or
/// another output, or whose path is of the wrong kind; each refusal names the option to change.
fn check_paths(args: &Args) -> Result<()> {
    let paths = args.inputs.paths();
    let mut inputs: Vec<(&str, &Path)> = vec![
        ("experts", paths.experts.as_path()),
        ("requests", paths.requests.as_path()),
    ];
    if let Some(h) = &paths.history {
        inputs.push(("history", h.as_path()));
    }
    if let Some(p) = &args.inputs.policy {
        inputs.push(("policy", p.as_path()));
    }
    if let Some(p) = &args.round.previous {
        inputs.push(("previous", p.as_path()));
    }
    if let Some(p) = &args.round.decisions {
        inputs.push(("decisions", p.as_path()));
    }
    let input_ids: Vec<(&str, &Path, PathBuf)> = inputs
        .iter()
        .filter_map(|&(what, p)| std::fs::canonicalize(p).ok().map(|c| (what, p, c)))
        .collect();
    let input_at = |target: &Path| {
        let id = identity(target)?;
        input_ids
            .iter()
            .find(|(_, _, c)| *c == id)
            .map(|(w, p, _)| (*w, *p))
    };
    let out = &args.out;
    let mut outputs: Vec<(PathBuf, String)> = Vec::new();
    if let Some((dir, _)) = book_target(out) {
        // `--out week.xlsx`: one workbook, never onto an input, never onto a folder.
        if let Some((what, p)) = input_at(out) {
            bail!(
                "--out {} would overwrite the {what} file {} (an input): choose another --out",
                out.display(),
                p.display()
            );
        }
        if dir.exists() && !dir.is_dir() {
            bail!(
                "{}",
                crate::voice::reader().fill(
                    Msg::OutPartIsFile,
                    &[("path", &out.display()), ("part", &dir.display())]
                )
            );
        }
        if args.round.previous.is_some() || args.round.decisions.is_some() {
            bail!(
                "--out {}: a round (--previous, --decisions) also writes changes.csv: give --out a folder",
                out.display()
            );
        }
        if let Some(id) = identity(out) {
            outputs.push((id, format!("the workbook --out {}", out.display())));
        }
    } else if out.exists() && !out.is_dir() {
        bail!(
            "{}",
            crate::voice::reader().fill(Msg::OutIsFileBook, &[("path", &out.display())])
        );
    }
    // The whole set: a file written, or removed as an earlier run's, is never an input.
    let names: &[&str] = if book_target(out).is_some() {
        &[]
    } else {
        &RUN_SET
    };
    for &name in names {
        let target = out.join(name);
        if let Some((what, p)) = input_at(&target) {
            bail!(
                "--out {}: {name} would overwrite the {what} file {} (an input): choose another --out folder",
                out.display(),
                p.display()
            );
        }
        if target.is_dir() {
            bail!(
                "--out {}: {} is a folder, where run writes the file {name}: move it away, or choose another --out folder",
                out.display(),
                target.display()
            );
        }
        if let Some(id) = identity(&target) {
            outputs.push((
                id,
                format!("where run writes {name} (--out {})", out.display()),
            ));
        }
    }
    let exports = [
        ("--export-lp", args.export_lp.as_deref()),
        ("--export-dimacs", args.export_dimacs.as_deref()),
    ];
    for (opt, path) in exports {
        let Some(path) = path else { continue };
        if path.is_dir() {
            bail!("{opt} {}: is a folder, not a file", path.display());
        }
        if identity(path) == identity(out) && book_target(out).is_none() {
            bail!(
                "{opt} {}: is the output folder (--out), not a file",
                path.display()
            );
        }
        let parent = path
            .parent()
            .filter(|p| !p.as_os_str().is_empty())
            .unwrap_or(Path::new("."));
        if !parent.is_dir() && identity(parent) != identity(out) {
            bail!(
                "{opt} {}: the folder {} does not exist",
                path.display(),
                parent.display()
            );
        }
        let Some(target) = identity(path).filter(|_| path.file_name().is_some()) else {
            bail!("{opt} {}: expected a file name", path.display());
        };
        if let Some((what, p)) = input_at(&target) {
            bail!(
                "{opt} {} would overwrite the {what} file {} (an input): choose another file for {opt}",
                path.display(),
                p.display()
            );
        }
        if let Some((_, what)) = outputs.iter().find(|(id, _)| *id == target) {
            bail!(
                "{opt} {} is {what}: choose another file for {opt}",
                path.display()
            );
        }
        outputs.push((target, format!("also given to {opt}")));
    }
    Ok(())
}

/// The path `p` resolves to: each existing part resolved (links, `..`), the rest appended
/// as written, so that two spellings of one file are equal even before it exists.
fn identity(p: &Path) -> Option<PathBuf> {
    let mut cur = if p.is_absolute() {
        PathBuf::new()
    } else {
        std::env::current_dir().ok()?
    };
    for c in p.components() {
        match c {
            std::path::Component::CurDir => {}
            std::path::Component::ParentDir => {
                cur.pop();
            }
            other => cur.push(other.as_os_str()),
        }
        if let Ok(real) = std::fs::canonicalize(&cur) {
            cur = real;
        }
    }
    Some(cur)
}
