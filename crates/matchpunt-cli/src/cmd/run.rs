//! `matchpunt run`: the weekly batch.

use crate::inputs::InputArgs;
use crate::out::Outputs;
use anyhow::Result;
use matchpunt::batch;
use matchpunt::report;
use matchpunt::scoring::to_units;
use matchpunt::solve::SolveOptions;
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
    /// Output folder.
    #[arg(long, value_name = "DIR", default_value = "out")]
    out: PathBuf,
    /// Also write the optimisation model in CPLEX LP format.
    #[arg(long, value_name = "FILE")]
    export_lp: Option<PathBuf>,
    /// Also write the flow part of the model (without load budgets) as a DIMACS min-cost flow file.
    #[arg(long, value_name = "FILE")]
    export_dimacs: Option<PathBuf>,
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
    let opts = args.solver.options();
    let res = batch::run(inst, &policy, &opts);
    let unmatched = report::unmatched(inst, &policy, &res);
    let unmatched = matchpunt::explain::with_fixes(inst, &policy, &opts, &res, unmatched);

    let t_write = Instant::now();
    let paths = args.inputs.paths();
    let mut protected = vec![paths.experts.as_path(), paths.requests.as_path()];
    if let Some(h) = &paths.history {
        protected.push(h.as_path());
    }
    let mut outs = Outputs::new(&args.out, &protected)?;
    outs.stage("assignments.csv", |w| {
        Ok(report::write_assignments(inst, &res, w)?)
    })?;
    outs.stage("unmatched.csv", |w| {
        Ok(report::write_unmatched(inst, &unmatched, w)?)
    })?;
    outs.stage("experts.csv", |w| Ok(report::write_experts(inst, &res, w)?))?;
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
