//! `matchpunt close`: a week's accepted proposals and bookings become history, in one
//! transaction, and the week becomes read-only.

use crate::cmd::ledger::{self};
use anyhow::Result;
use matchpunt::messages::Msg;
use std::io::Write;
use std::process::ExitCode;

/// Close a week of the season ledger: its history is written, and it can no longer be run,
/// decided or booked.
///
/// The latest run's proposals that were not declined (accepted, or undecided: counted as having
/// taken place, the safe side for the load budgets) and the bookings become history rows; the
/// declined pairs become `declined` rows. All in one transaction: a week is closed or not, never
/// half. A `run` of a later week reads this history from the ledger.
#[derive(clap::Args, Debug)]
pub struct Args {
    #[command(flatten)]
    at: crate::args::LedgerWeek,
    #[command(flatten)]
    lang: crate::args::LangArg,
}

/// Runs `close`.
pub fn run(args: Args) -> Result<ExitCode> {
    let mut l = ledger::required(&args.at.ledger)?;
    let week = args.at.week.to_string();
    let t = std::time::Instant::now();
    let c = l.close(&week)?;
    let took = t.elapsed();
    let mut out = std::io::stdout().lock();
    let lang = args.lang.get();
    writeln!(
        out,
        "{}",
        lang.fill(
            Msg::CloseDone,
            &[
                ("week", &week),
                ("rows", &c.rows),
                ("undecided", &c.undecided),
                ("declined", &c.declined),
            ]
        )
    )?;
    writeln!(
        out,
        "{}",
        lang.fill(
            Msg::CloseTime,
            &[("ms", &lang.num(took.as_secs_f64() * 1000.0, 1))]
        )
    )?;
    Ok(ExitCode::SUCCESS)
}
