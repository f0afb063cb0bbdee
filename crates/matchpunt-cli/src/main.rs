//! The `matchpunt` command line: glue between argv, files and the `matchpunt` library.
//!
//! Exit codes: 0 success; 1 bad input or another failure (nothing is written); 2 usage error.
//! A closed stdout (`matchpunt check | head`) counts as success.

mod cmd;
mod inputs;
mod out;

use clap::{Parser, Subcommand};
use std::process::ExitCode;

/// Matches requests from organisations to certified experts by experience.
///
/// Exit codes: 0 success, 1 bad input or failure (nothing written), 2 usage error.
#[derive(Parser, Debug)]
#[command(name = "matchpunt", version, about, long_about = None, propagate_version = true)]
struct Cli {
    /// Worker threads (default: all cores). Results do not depend on it.
    #[arg(long, global = true, value_name = "N")]
    threads: Option<usize>,
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand, Debug)]
enum Command {
    Check(cmd::check::Args),
    Run(cmd::run::Args),
    Generate(cmd::generate::Args),
    Policy(cmd::policy::Args),
    Flow(cmd::flow::Args),
    Shortlist(cmd::shortlist::Args),
    Metrics(cmd::metrics::Args),
    Compare(cmd::compare::Args),
    Simulate(cmd::simulate::Args),
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    if let Some(n) = cli.threads {
        // Only fails if a pool exists already, which it cannot at this point.
        let _ = rayon::ThreadPoolBuilder::new()
            .num_threads(n.max(1))
            .build_global();
    }
    let result = match cli.command {
        Command::Check(a) => cmd::check::run(a),
        Command::Run(a) => cmd::run::run(a),
        Command::Generate(a) => cmd::generate::run(a),
        Command::Policy(a) => cmd::policy::run(a),
        Command::Flow(a) => cmd::flow::run(a),
        Command::Shortlist(a) => cmd::shortlist::run(a),
        Command::Metrics(a) => cmd::metrics::run(a),
        Command::Compare(a) => cmd::compare::run(a),
        Command::Simulate(a) => cmd::simulate::run(a),
    };
    match result {
        Ok(code) => code,
        Err(err) => {
            if is_broken_pipe(&err) {
                return ExitCode::SUCCESS;
            }
            eprintln!("matchpunt: {err}");
            for cause in err.chain().skip(1) {
                eprintln!("  caused by: {cause}");
            }
            ExitCode::from(1)
        }
    }
}

fn is_broken_pipe(err: &anyhow::Error) -> bool {
    err.chain().any(|c| {
        c.downcast_ref::<std::io::Error>()
            .is_some_and(|e| e.kind() == std::io::ErrorKind::BrokenPipe)
    })
}
