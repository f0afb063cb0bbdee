//! `matchpunt run`: the weekly batch.

use crate::inputs::InputArgs;
use crate::out::Outputs;
use anyhow::Result;
use matchpunt::batch;
use matchpunt::report;
use matchpunt::scoring::to_units;
use matchpunt::solve::SolveOptions;
use matchpunt::table::{self, Dialect};
use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::{Duration, Instant};

/// Solver options shared by `run` and `shortlist`.
#[derive(clap::Args, Debug, Clone)]
#[command(next_help_heading = "Solver")]
pub struct SolverArgs {
    /// Stop branching on load budgets after this many seconds and report the proven gap.
    #[arg(long, value_name = "SECS", default_value_t = 30.0)]
    pub time_limit: f64,
    /// Solve by Lagrangian branch and bound alone, without the master LP and the bundle listing
    /// (slower; for comparing the two methods, which must agree).
    #[arg(long)]
    pub no_master: bool,
}

impl SolverArgs {
    pub fn options(&self) -> SolveOptions {
        SolveOptions {
            time_limit: Some(Duration::from_secs_f64(self.time_limit.max(0.0))),
            master: !self.no_master,
            ..SolveOptions::default()
        }
    }
}

/// Run the weekly batch: assign requests to experts, exactly optimal under the hard rules.
///
/// Writes assignments.csv, unmatched.csv (with reasons) and experts.csv into the output folder,
/// all three or none, and prints a summary: seats asked and filled by role, the objective with
/// its proven bound, and the time per stage.
#[derive(clap::Args, Debug)]
pub struct Args {
    #[command(flatten)]
    inputs: InputArgs,
    #[command(flatten)]
    solver: SolverArgs,
    #[command(flatten)]
    round: crate::round::RoundArgs,
    /// Output folder.
    #[arg(long, value_name = "DIR", default_value = "out")]
    out: PathBuf,
    /// CSV form of the outputs: nl (`;`, decimal commas), intl (`,`, points) or plain (intl
    /// without the byte-order mark) [default: nl when the experts file uses `;`, else intl].
    #[arg(long, value_name = "DIALECT", value_parser = parse_dialect, help_heading = "Outputs")]
    csv_dialect: Option<Dialect>,
    /// Also write the workbook matchpunt.xlsx (sheets overzicht, toewijzingen, open plekken,
    /// ervaringsdeskundigen). An --out ending in .xlsx writes only that workbook.
    #[arg(long, help_heading = "Outputs")]
    xlsx: bool,
    /// Also write the optimisation model in CPLEX LP format.
    #[arg(long, value_name = "FILE")]
    export_lp: Option<PathBuf>,
    /// Also write the flow part of the model (without load budgets) as a DIMACS min-cost flow file.
    #[arg(long, value_name = "FILE")]
    export_dimacs: Option<PathBuf>,
}

fn parse_dialect(s: &str) -> Result<Dialect, String> {
    Dialect::parse(s).ok_or_else(|| format!("{s:?}: expected nl, intl or plain"))
}

pub fn run(args: Args) -> Result<ExitCode> {
    let t0 = Instant::now();
    let policy = args.inputs.policy()?;
    let loaded = args.inputs.load(&policy)?;
    let t_read = t0.elapsed();
    for w in &loaded.warnings {
        eprintln!("warning: {w}");
    }
    let inst = &loaded.instance;
    let (res, changes) = match args.round.load()? {
        Some(round) => {
            let out = matchpunt::round::run_round(inst, &policy, &args.solver.options(), &round);
            for w in &out.warnings {
                eprintln!("warning: {w}");
            }
            (out.result, Some(out.changes))
        }
        None => (batch::run(inst, &policy, &args.solver.options()), None),
    };
    let unmatched = report::unmatched(inst, &policy, &res);

    let t_write = Instant::now();
    let paths = args.inputs.paths();
    let mut protected = vec![paths.experts.as_path(), paths.requests.as_path()];
    if let Some(h) = &paths.history {
        protected.push(h.as_path());
    }
    let round_inputs = args.round.inputs();
    protected.extend(round_inputs.iter().map(|p| p.as_path()));
    let workbook_only = args
        .out
        .extension()
        .is_some_and(|x| x.eq_ignore_ascii_case("xlsx"));
    let out_dir = if workbook_only {
        args.out
            .parent()
            .filter(|p| !p.as_os_str().is_empty())
            .unwrap_or(std::path::Path::new("."))
            .to_path_buf()
    } else {
        args.out.clone()
    };
    let mut outs = Outputs::new(&out_dir, &protected)?;
    let dialect = args
        .csv_dialect
        .unwrap_or_else(|| Dialect::following(loaded.delimiter));
    let sheets = [
        report::summary_sheet(inst, &res),
        report::assignments_sheet(inst, &res),
        report::unmatched_sheet(inst, &unmatched),
        report::experts_sheet(inst, &res),
    ];
    if !workbook_only {
        for (name, sheet) in ["assignments.csv", "unmatched.csv", "experts.csv"]
            .iter()
            .zip(&sheets[1..])
        {
            outs.stage(name, |w| Ok(table::write_csv(sheet, dialect, w)?))?;
        }
        if let Some(changes) = &changes {
            outs.stage("changes.csv", |w| {
                Ok(matchpunt::round::write_changes(changes, w)?)
            })?;
        }
    }
    if args.xlsx || workbook_only {
        let book = table::workbook(&sheets)
            .map_err(|e| anyhow::anyhow!("cannot build the workbook: {e}"))?;
        let target = if workbook_only {
            args.out.clone()
        } else {
            args.out.join("matchpunt.xlsx")
        };
        outs.stage_path(&target, |w| Ok(w.write_all(&book)?))?;
    }
    if let Some(lp) = &args.export_lp {
        let spread = to_units(policy.objective.batch_spread);
        outs.stage_path(lp, |w| Ok(matchpunt::lp::write_lp(inst, &res, spread, w)?))?;
    }
    if let Some(d) = &args.export_dimacs {
        let (net, _) = matchpunt::solve::root_network(&res.problem);
        let comment = format!(
            "matchpunt batch {}: flow part without load budgets; costs are -(value) in milli-points",
            inst.week.map(|w| w.to_string()).unwrap_or_default()
        );
        outs.stage_path(d, |w| Ok(matchpunt_flow::dimacs::write(&net, w, &comment)?))?;
    }
    let written = outs.commit()?;
    let t_write = t_write.elapsed();

    let mut out = std::io::stdout().lock();
    out.write_all(report::summary_text(inst, &res).as_bytes())?;
    if let Some(changes) = &changes {
        let (kept, accepted, dropped, new) = matchpunt::round::counts(changes);
        writeln!(
            out,
            "round: {kept} proposal(s) kept ({accepted} accepted), {dropped} dropped, {new} new; see changes.csv (the objective includes the keep bonus)"
        )?;
    }
    writeln!(
        out,
        "time: read {:.3} s, candidates {:.3} s, scoring {:.3} s, solve {:.3} s, write {:.3} s, total {:.3} s",
        t_read.as_secs_f64(),
        res.timings.candidates.as_secs_f64(),
        res.timings.scoring.as_secs_f64(),
        res.timings.solve.as_secs_f64(),
        t_write.as_secs_f64(),
        t0.elapsed().as_secs_f64()
    )?;
    let names: Vec<String> = written.iter().map(|p| p.display().to_string()).collect();
    writeln!(out, "wrote {}", names.join(", "))?;
    Ok(ExitCode::SUCCESS)
}
