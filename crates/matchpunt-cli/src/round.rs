//! The weekly-round options of `run`: the previous proposals and the decisions on them.

use anyhow::Result;
use matchpunt::batch::round::{self, Round};
use matchpunt::ingest::Source;
use std::path::PathBuf;

/// Re-running after accepts and declines.
#[derive(clap::Args, Debug, Clone, Default)]
#[command(next_help_heading = "Weekly round")]
pub struct RoundArgs {
    /// A previous run's assignments.csv: its proposals are kept unless moving one fills a seat
    /// (policy [round] keep_bonus), and changes.csv lists what was kept, dropped and new.
    #[arg(long, value_name = "FILE")]
    pub previous: Option<PathBuf>,
    /// decisions.csv: request, expert, decision (accepted/declined, geaccepteerd/afgewezen,
    /// ja/nee). Accepted pairs are kept like pins; declined pairs are never proposed again.
    #[arg(long, value_name = "FILE", requires = "previous")]
    pub decisions: Option<PathBuf>,
}

impl RoundArgs {
    /// Reads the round's files; `None` without `--previous`.
    pub fn load(&self) -> Result<Option<Round>> {
        let Some(prev) = &self.previous else {
            return Ok(None);
        };
        let open = |p: &PathBuf| -> Result<Source<'static>> {
            let f = crate::voice::open(p)?;
            Ok(Source::new(p.display().to_string(), f))
        };
        let previous = round::read_previous(open(prev)?)?;
        let decisions = match &self.decisions {
            Some(d) => round::read_decisions(open(d)?)?,
            None => Vec::new(),
        };
        Ok(Some(Round {
            previous,
            decisions,
        }))
    }
}
