//! `matchpunt run`: the weekly batch.

use crate::inputs::InputArgs;
use crate::out::OutputSet;
use anyhow::{bail, Result};
use matchpunt::batch;
use matchpunt::report;
use matchpunt::scoring::to_units;
use matchpunt::solve::SolveOptions;
use std::io::Write;
use std::path::{Path, PathBuf};
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

/// The files `run` writes into `--out`.
pub const OUTPUT_NAMES: [&str; 3] = ["assignments.csv", "unmatched.csv", "experts.csv"];

pub fn run(args: Args) -> Result<ExitCode> {
    let t0 = Instant::now();
    let policy = args.inputs.policy()?;
    check_paths(&args)?;
    // The output folder is locked before anything is read, so that a second run on it is
    // refused at once.
    let outs = OutputSet::open(&args.out)?;
    if let Some(note) = &outs.recovered {
        eprintln!("note: {}: {note}", args.out.display());
    }
    let loaded = args.inputs.load(&policy)?;
    let t_read = t0.elapsed();
    for w in &loaded.warnings {
        eprintln!("warning: {w}");
    }
    let inst = &loaded.instance;
    let res = batch::run(inst, &policy, &args.solver.options());
    let unmatched = report::unmatched(inst, &policy, &res);

    let t_write = Instant::now();
    let mut outs = outs;
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
        "{}",
        args.inputs.paths().describe(args.inputs.policy.as_deref())
    )?;
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
    if out.exists() && !out.is_dir() {
        bail!("--out {}: is a file, not a folder", out.display());
    }
    let mut outputs: Vec<(PathBuf, String)> = Vec::new();
    for name in OUTPUT_NAMES {
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
        if identity(path) == identity(out) {
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
