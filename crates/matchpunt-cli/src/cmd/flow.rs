//! `matchpunt flow`: solve a DIMACS min-cost flow file with matchpunt's own solver.

use anyhow::{Context, Result};
use matchpunt_flow::{dimacs, Algorithm, FlowError};
use std::io::{BufReader, Write};
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Instant;

/// Solve a DIMACS min-cost flow problem (`p min` format) and print the optimal cost and time.
///
/// Reads the format of the DIMACS implementation challenge (as read by LEMON, CS2 and
/// OR-Tools), including lower bounds, so that matchpunt's solver can be compared with any other
/// on the same file. `matchpunt run --export-dimacs FILE` writes a batch's flow network.
#[derive(clap::Args, Debug)]
pub struct Args {
    /// The DIMACS file.
    file: PathBuf,
    /// Algorithm.
    #[arg(long, value_enum, default_value = "cost-scaling")]
    algorithm: Alg,
}

#[derive(clap::ValueEnum, Clone, Copy, Debug)]
enum Alg {
    /// Goldberg-Tarjan cost scaling (default, fast).
    CostScaling,
    /// Successive shortest paths (reference).
    Ssp,
}

pub fn run(args: Args) -> Result<ExitCode> {
    let f = crate::voice::open(&args.file)?;
    let t0 = Instant::now();
    let problem = dimacs::read(BufReader::new(f)).with_context(|| {
        format!(
            "{} is not a valid DIMACS min-cost flow file",
            args.file.display()
        )
    })?;
    let read = t0.elapsed();
    let alg = match args.algorithm {
        Alg::CostScaling => Algorithm::CostScaling,
        Alg::Ssp => Algorithm::SuccessiveShortestPaths,
    };
    let t1 = Instant::now();
    let sol = matchpunt_flow::solve(&problem.network, alg).map_err(|e| {
        let file = args.file.display();
        match e {
            FlowError::Infeasible { .. } | FlowError::Unbalanced { .. } => {
                anyhow::anyhow!("{file} has no feasible flow: {e}")
            }
            FlowError::CostOverflow { .. } => anyhow::anyhow!(
                "{file}: the optimal cost is too large: {e} (it has a feasible flow, but matchpunt computes costs in 64 bits)"
            ),
            FlowError::CostTooLarge { .. } | FlowError::CapacityTooLarge { .. } => {
                anyhow::anyhow!("{file}: numbers too large for the solver: {e}")
            }
            _ => anyhow::anyhow!("{file}: {e}"),
        }
    })?;
    let solve = t1.elapsed();
    let mut out = std::io::stdout().lock();
    writeln!(
        out,
        "nodes {} arcs {}\noptimal cost {}\nread {:.3} s, solve {:.3} s",
        problem.network.num_nodes(),
        problem.network.num_arcs(),
        sol.cost + problem.lower_bound_cost,
        read.as_secs_f64(),
        solve.as_secs_f64()
    )?;
    Ok(ExitCode::SUCCESS)
}
