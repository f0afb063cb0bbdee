//! The input options shared by `check`, `run`, `suggest` and `explain`, and loading them.

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
    /// Folder with experts.csv, requests.csv and (optional) history.csv [default: the folder
    /// of the first of --experts, --requests, --history given, else data/sample].
    #[arg(long, value_name = "DIR")]
    pub data: Option<PathBuf>,
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

/// `--week`: an ISO week (a usage error otherwise).
pub fn parse_week(s: &str) -> Result<Week, String> {
    Week::parse(s).ok_or_else(|| format!("{s:?} is not an ISO week: expected e.g. 2026-W48"))
}

/// The files to read.
pub struct Paths {
    pub experts: PathBuf,
    pub requests: PathBuf,
    pub history: Option<PathBuf>,
    /// Where an optional history file was looked for, when there is none.
    pub no_history: Option<PathBuf>,
}

impl Paths {
    /// Every file read, for the summary: `read a/experts.csv, a/requests.csv, ...`.
    pub fn describe(&self, policy: Option<&Path>) -> String {
        let mut files = vec![
            self.experts.display().to_string(),
            self.requests.display().to_string(),
        ];
        if let Some(h) = &self.history {
            files.push(h.display().to_string());
        }
        if let Some(p) = policy {
            files.push(format!("policy {}", p.display()));
        }
        let mut s = format!("read {}", files.join(", "));
        if let Some(h) = &self.no_history {
            s.push_str(&format!(" (no history: {} does not exist)", h.display()));
        }
        s
    }
}

impl InputArgs {
    /// The folder that files not given default to: `--data`, else the folder of the first file
    /// given (so that a batch is never mixed with the bundled sample), else `data/sample`.
    pub fn folder(&self) -> PathBuf {
        if let Some(d) = &self.data {
            return d.clone();
        }
        [&self.experts, &self.requests, &self.history]
            .into_iter()
            .flatten()
            .next()
            .map(|f| {
                f.parent()
                    .filter(|p| !p.as_os_str().is_empty())
                    .unwrap_or(Path::new("."))
                    .to_path_buf()
            })
            .unwrap_or_else(|| PathBuf::from("data/sample"))
    }

    pub fn paths(&self) -> Paths {
        let dir = self.folder();
        let default_history = dir.join("history.csv");
        let (history, no_history) = match &self.history {
            Some(h) => (Some(h.clone()), None),
            None if default_history.exists() => (Some(default_history), None),
            None => (None, Some(default_history)),
        };
        Paths {
            experts: self
                .experts
                .clone()
                .unwrap_or_else(|| dir.join("experts.csv")),
            requests: self
                .requests
                .clone()
                .unwrap_or_else(|| dir.join("requests.csv")),
            history,
            no_history,
        }
    }

    pub fn policy(&self) -> Result<Policy> {
        match &self.policy {
            None => Ok(Policy::default()),
            Some(p) => read_policy(p),
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

/// Reads and checks a policy file. A number written with a decimal comma (`decay = 0,5`, as a
/// Dutch spreadsheet would) gets a hint naming the line.
pub fn read_policy(p: &Path) -> Result<Policy> {
    let text = std::fs::read_to_string(p)
        .with_context(|| format!("cannot read policy file {}", p.display()))?;
    Policy::from_toml(&text, &p.display().to_string()).map_err(|e| match decimal_comma(&text) {
        Some((line, fixed)) => {
            anyhow::anyhow!("{e}\n  hint: line {line}: use a decimal point in numbers: {fixed}")
        }
        None => e.into(),
    })
}

/// The first line `key = 12,5` (a number with a decimal comma), with its number and the line
/// written with a decimal point.
fn decimal_comma(text: &str) -> Option<(usize, String)> {
    text.lines().enumerate().find_map(|(i, line)| {
        let code = line.split('#').next().unwrap_or("");
        let (key, value) = code.split_once('=')?;
        let v = value.trim();
        let (whole, frac) = v.split_once(',')?;
        let digits = |s: &str| !s.is_empty() && s.chars().all(|c| c.is_ascii_digit());
        let whole_ok = digits(whole.strip_prefix('-').unwrap_or(whole));
        (whole_ok && digits(frac)).then(|| (i + 1, format!("{} = {whole}.{frac}", key.trim())))
    })
}

/// Warnings for inputs that load but cannot give a batch anything to do.
pub fn emptiness_warnings(inst: &matchpunt::model::Instance, paths: &Paths) -> Vec<String> {
    let mut out = Vec::new();
    if inst.experts.is_empty() {
        out.push(format!(
            "{}: no experts: no request can be filled",
            paths.experts.display()
        ));
    }
    if inst.requests.is_empty() {
        out.push(format!(
            "{}: no requests: nothing to assign",
            paths.requests.display()
        ));
    }
    out
}

/// The ISO week of today (UTC).
pub fn current_week() -> Week {
    let secs = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_secs() as i64)
        .unwrap_or(0);
    Week::of_day(secs.div_euclid(86_400))
}
