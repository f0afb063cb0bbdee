//! The `matchpunt` command line: glue between argv, files and the `matchpunt` library.
//!
//! Exit codes: 0 success; 1 bad input or another failure (no output is changed); 2 usage error;
//! 130 stopped by Ctrl-C or a termination signal.
//! A closed stdout (`matchpunt check | head`) counts as success.

mod args;
mod cmd;
mod inputs;
mod out;
mod progress;
mod round;
mod voice;

use clap::{CommandFactory, FromArgMatches, Parser, Subcommand};
use std::process::ExitCode;

/// Matches requests from organisations to certified experts by experience.
#[derive(Parser, Debug)]
#[command(
    name = "matchpunt",
    version,
    about,
    long_about = "Assigns requests from organisations (buddy, adviser, trainer, speaker) to young \
certified experts by experience, read from spreadsheets (CSV). The weekly batch is an exact \
optimum under hard rules that hold in every output: never beyond an expert's weekly limits, \
never to a theme they avoid, never to an organisation they must not go to. Every open seat \
gets a reason a coordinator can act on.",
    after_help = "Exit codes: 0 success; 1 bad input or another failure (no output is changed); \
2 usage error; 130 stopped by Ctrl-C or a termination signal.\n\
Start with `matchpunt check` and `matchpunt run` on the bundled sample (data/sample).",
    propagate_version = true
)]
struct Cli {
    /// Worker threads, 1 to 512 (default: all cores). Results do not depend on it.
    #[arg(long, global = true, value_name = "N",
          value_parser = clap::value_parser!(u16).range(1..=512))]
    threads: Option<u16>,
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
    #[command(alias = "shortlist")]
    Suggest(Box<cmd::suggest::Args>),
    Explain(cmd::explain::Args),
    Serve(cmd::serve::Args),
    Metrics(cmd::metrics::Args),
    Compare(cmd::compare::Args),
    Simulate(cmd::simulate::Args),
    Ledger(cmd::ledger::Args),
    Decide(cmd::decide::Args),
    /// Mail-merge rows for the week's proposals, decisions and bookings in the ledger: one text
    /// to the expert and one to the organisation, each in its reader's language.
    Messages(cmd::messages::Args),
    Book(Box<cmd::book::Args>),
    Close(cmd::close::Args),
}

fn main() -> ExitCode {
    let matches = Cli::command().get_matches();
    // `--lang` as given, for the errors of a command that fails before it reads a policy.
    if let Some(lang) = given_lang(&matches) {
        voice::set_reader(lang);
    }
    let cli = Cli::from_arg_matches(&matches).unwrap_or_else(|e| e.exit());
    // Ctrl-C, SIGTERM and SIGHUP remove the temporary files and the lock of an output set being
    // written before the process ends (see `out`). Only fails if a handler is set already.
    let _ = ctrlc::set_handler(|| out::on_signal());
    if let Some(n) = cli.threads {
        // Only fails if a pool exists already, which it cannot at this point.
        let _ = rayon::ThreadPoolBuilder::new()
            .num_threads(n as usize)
            .build_global();
    }
    let result = match cli.command {
        Command::Check(a) => cmd::check::run(a),
        Command::Run(a) => cmd::run::run(a),
        Command::Generate(a) => cmd::generate::run(a),
        Command::Policy(a) => cmd::policy::run(a),
        Command::Flow(a) => cmd::flow::run(a),
        Command::Suggest(a) => cmd::suggest::run(*a),
        Command::Explain(a) => cmd::explain::run(a),
        Command::Serve(a) => cmd::serve::run(a),
        Command::Metrics(a) => cmd::metrics::run(a),
        Command::Compare(a) => cmd::compare::run(a),
        Command::Simulate(a) => cmd::simulate::run(a),
        Command::Ledger(a) => cmd::ledger::run(a),
        Command::Decide(a) => cmd::decide::run(a),
        Command::Messages(a) => cmd::messages::run(a),
        Command::Book(a) => cmd::book::run(*a),
        Command::Close(a) => cmd::close::run(a),
    };
    match result {
        Ok(code) => code,
        Err(err) => {
            if is_broken_pipe(&err) {
                return ExitCode::SUCCESS;
            }
            for line in voice::lines(&err, voice::reader()) {
                eprintln!("{line}");
            }
            ExitCode::from(1)
        }
    }
}

/// The deepest `--lang` given on the command line (a command's, or a ledger subcommand's).
fn given_lang(matches: &clap::ArgMatches) -> Option<matchpunt::messages::Lang> {
    let mut m = matches;
    let mut found = None;
    loop {
        if let Ok(Some(l)) = m.try_get_one::<matchpunt::messages::Lang>("lang") {
            found = Some(*l);
        }
        match m.subcommand() {
            Some((_, sub)) => m = sub,
            None => return found,
        }
    }
}

fn is_broken_pipe(err: &anyhow::Error) -> bool {
    err.chain().any(|c| {
        c.downcast_ref::<std::io::Error>()
            .is_some_and(|e| e.kind() == std::io::ErrorKind::BrokenPipe)
    })
}
