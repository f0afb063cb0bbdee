//! The weekly-round options of `run`: the previous proposals and the decisions on them.

use anyhow::Result;
use matchpunt::batch::round::{self, Round};
use matchpunt::ingest::Source;
use std::path::{Path, PathBuf};

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
    /// Reads the round's files; `None` without `--previous`. The decisions are read in `inst`
    /// ([`round::read_decisions_in`]): a decision naming no request or expert of the batch,
    /// or more than one expert, is an error naming the file, line and column; the warnings
    /// (an expert cell read another way) come back for the caller to show.
    pub fn load(
        &self,
        inst: &matchpunt::model::Instance,
    ) -> Result<Option<(Round, Vec<matchpunt::ingest::Warning>)>> {
        let Some(prev) = &self.previous else {
            return Ok(None);
        };
        let open = |p: &PathBuf| -> Result<Source<'static>> {
            let f = crate::voice::open(p)?;
            Ok(Source::new(p.display().to_string(), f))
        };
        let previous = round::read_previous(open(prev)?)?;
        let (decisions, warnings) = match &self.decisions {
            Some(d) => round::read_decisions_in(open(d)?, inst, false)?,
            None => (Vec::new(), Vec::new()),
        };
        Ok(Some((
            Round {
                previous,
                decisions,
            },
            warnings,
        )))
    }
}

/// This week's declines for the commands that read a week without a ledger (`suggest`,
/// `explain`, `serve`), so that nobody who declined a request is put forward for it again.
#[derive(clap::Args, Debug, Clone, Default)]
#[command(next_help_heading = "Weekly round")]
pub struct DecisionsArg {
    /// This week's decisions (the file given to `run --decisions`): a declined pair is never
    /// put forward again [default: the changes.csv beside --assignments, which a round writes
    /// with its decisions].
    #[arg(long, value_name = "FILE", conflicts_with = "ledger")]
    pub decisions: Option<PathBuf>,
}

impl DecisionsArg {
    /// The decisions file in force: `--decisions`, else the `changes.csv` of the run folder
    /// of `assignments` when there is one (a round's output set records its decisions there,
    /// and a run removes it when it is no round: the set is written whole).
    pub fn file(&self, assignments: Option<&Path>) -> Option<PathBuf> {
        self.decisions.clone().or_else(|| {
            let dir = assignments?.parent()?;
            let dir = if dir.as_os_str().is_empty() {
                Path::new(".")
            } else {
                dir
            };
            let changes = dir.join("changes.csv");
            changes.is_file().then_some(changes)
        })
    }

    /// The declined (request, expert) pairs of [`DecisionsArg::file`] as indexes of `inst`,
    /// sorted ([`round::declined_pairs`]); none without a file. The file is read in `inst`
    /// ([`round::read_decisions_in`]); its warnings (an expert written another way or by name)
    /// are printed to stderr in `lang`.
    ///
    /// # Errors
    /// The file cannot be opened, or a row is bad (located, in `lang`): a decision naming no
    /// request or expert of the batch, or more than one expert.
    pub fn declined(
        &self,
        assignments: Option<&Path>,
        inst: &matchpunt::model::Instance,
        lang: matchpunt::messages::Lang,
    ) -> Result<Vec<(usize, usize)>> {
        let Some(p) = self.file(assignments) else {
            return Ok(Vec::new());
        };
        let src = Source::new(p.display().to_string(), crate::voice::open(&p)?);
        let (rows, warnings) = round::read_decisions_in(src, inst, self.decisions.is_none())
            .map_err(|e| anyhow::Error::from(e.in_lang(lang)))?;
        for w in &warnings {
            eprintln!(
                "{}",
                lang.fill(
                    matchpunt::messages::Msg::Warning,
                    &[("text", &w.render(lang))]
                )
            );
        }
        Ok(round::declined_pairs(inst, &rows))
    }
}
