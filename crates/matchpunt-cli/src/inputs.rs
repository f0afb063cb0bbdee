//! The input options shared by `check`, `run` and `shortlist`, and loading them.

use anyhow::{Context, Result};
use matchpunt::ingest::{self, Inputs, Loaded, Source, WeekChoice};
use matchpunt::model::Week;
use matchpunt::places::Places;
use matchpunt::policy::Policy;
use std::fs::File;
use std::path::{Path, PathBuf};

/// Where the batch's files are.
#[derive(clap::Args, Debug, Clone)]
#[command(next_help_heading = "Inputs")]
pub struct InputArgs {
    /// Folder with experts.csv, requests.csv and (optional) history.csv.
    #[arg(long, value_name = "DIR", default_value = "data/sample")]
    pub data: PathBuf,
    /// Experts file [default: DIR/experts.csv].
    #[arg(long, value_name = "FILE")]
    pub experts: Option<PathBuf>,
    /// Requests file [default: DIR/requests.csv].
    #[arg(long, value_name = "FILE")]
    pub requests: Option<PathBuf>,
    /// History file [default: DIR/history.csv if it exists].
    #[arg(long, value_name = "FILE")]
    pub history: Option<PathBuf>,
    /// Policy file (TOML) [default: the built-in policy; see `matchpunt policy --default`].
    #[arg(long, value_name = "FILE")]
    pub policy: Option<PathBuf>,
    /// The batch's ISO week, e.g. 2026-W48 [default: the week after the latest history week,
    /// else the current week].
    #[arg(long, value_name = "WEEK", value_parser = parse_week)]
    pub week: Option<Week>,
}

fn parse_week(s: &str) -> Result<Week, String> {
    Week::parse(s).ok_or_else(|| format!("{s:?} is not an ISO week: expected e.g. 2026-W48"))
}

/// The files to read.
pub struct Paths {
    pub experts: PathBuf,
    pub requests: PathBuf,
    pub history: Option<PathBuf>,
}

impl InputArgs {
    pub fn paths(&self) -> Paths {
        let history = self.history.clone().or_else(|| {
            let p = self.data.join("history.csv");
            p.exists().then_some(p)
        });
        Paths {
            experts: self
                .experts
                .clone()
                .unwrap_or_else(|| self.data.join("experts.csv")),
            requests: self
                .requests
                .clone()
                .unwrap_or_else(|| self.data.join("requests.csv")),
            history,
        }
    }

    pub fn policy(&self) -> Result<Policy> {
        match &self.policy {
            None => Ok(Policy::default()),
            Some(p) => {
                let text = std::fs::read_to_string(p)
                    .with_context(|| format!("cannot read policy file {}", p.display()))?;
                Ok(Policy::from_toml(&text, &p.display().to_string())?)
            }
        }
    }

    /// Loads and validates the batch. Input errors come back as `Err(InputErrors)` inside anyhow.
    pub fn load(&self, policy: &Policy) -> Result<Loaded> {
        self.load_with(policy, false)
    }

    /// Loads the batch, leaving out rows with a bad cell (their errors become warnings); errors
    /// of a whole file still fail. For an urgent suggestion.
    pub fn load_skipping_bad_rows(&self, policy: &Policy) -> Result<Loaded> {
        self.load_with(policy, true)
    }

    fn load_with(&self, policy: &Policy, skip_bad_rows: bool) -> Result<Loaded> {
        let paths = self.paths();
        let open = |p: &Path| -> Result<Source<'static>> {
            let f = File::open(p).with_context(|| format!("cannot open {}", p.display()))?;
            Ok(Source::new(p.display().to_string(), f))
        };
        let inputs = Inputs {
            experts: open(&paths.experts)?,
            requests: open(&paths.requests)?,
            history: paths.history.as_deref().map(open).transpose()?,
        };
        let week = WeekChoice {
            given: self.week,
            fallback: current_week(),
        };
        if skip_bad_rows {
            Ok(ingest::load_skipping_bad_rows(
                inputs,
                &Places::bundled(),
                policy,
                week,
            )?)
        } else {
            Ok(ingest::load(inputs, &Places::bundled(), policy, week)?)
        }
    }
}

/// The ISO week of today (UTC).
pub fn current_week() -> Week {
    let secs = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_secs() as i64)
        .unwrap_or(0);
    Week::of_day(secs.div_euclid(86_400))
}
