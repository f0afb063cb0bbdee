//! What the page shows: the data folder read, validated and solved once, kept until `POST /reload`.
//!
//! A [`Snapshot`] is either a solved batch ([`Data`]) or the reasons it could not be read
//! ([`Failure`], with file, line and column for every bad cell). Handlers take the current
//! snapshot (an `Arc`) and never wait for a reload: a reload builds a new snapshot on a blocking
//! thread and swaps it in when done.

use crate::Config;
use matchpunt::batch::{self, BatchResult};
use matchpunt::ingest::{self, InputErrors, Inputs, Source, WeekChoice};
use matchpunt::model::{Instance, Week};
use matchpunt::places::Places;
use matchpunt::policy::Policy;
use matchpunt::report::{self, ExpertUse, Unmatched};
use matchpunt::scoring::{history_stats, ExpertHistory};
use matchpunt::solve::SolveOptions;
use std::collections::HashMap;
use std::fs::File;
use std::path::Path;
use std::sync::OnceLock;
use std::time::SystemTime;

/// The bundled places table, parsed once.
pub fn places() -> &'static Places {
    static PLACES: OnceLock<Places> = OnceLock::new();
    PLACES.get_or_init(Places::bundled)
}

/// One reading of the data folder.
pub struct Snapshot {
    /// When it was read.
    pub read_at: SystemTime,
    /// The batch, or why there is none.
    pub data: Result<Data, Failure>,
}

/// Why the folder gave no batch.
#[derive(Debug)]
pub enum Failure {
    /// Bad cells or files, each with file, line and column.
    Input(InputErrors),
    /// A file that could not be opened, or a bad policy (its message names file, line and column).
    Other(String),
}

impl Failure {
    /// One line: how many errors, and the first.
    pub fn summary(&self) -> String {
        match self {
            Failure::Input(e) => format!(
                "{} input error(s), the first: {}",
                e.count(),
                e.errors.first().map(|x| x.to_string()).unwrap_or_default()
            ),
            Failure::Other(m) => m.clone(),
        }
    }
}

/// A read and solved batch.
pub struct Data {
    /// The batch.
    pub inst: Instance,
    /// Warnings met while reading (never theme names).
    pub warnings: Vec<String>,
    /// The policy in force.
    pub policy: Policy,
    /// The solved batch.
    pub res: BatchResult,
    /// Requests with open seats, with reasons.
    pub unmatched: Vec<Unmatched>,
    /// Each expert's use of the week after the batch.
    pub used: Vec<ExpertUse>,
    /// Each expert's history, relative to the batch week.
    pub hist: Vec<ExpertHistory>,
    experts_by_id: HashMap<String, usize>,
    requests_by_id: HashMap<String, usize>,
}

impl Data {
    /// The index of the expert with this id.
    pub fn expert(&self, id: &str) -> Option<usize> {
        self.experts_by_id.get(id).copied()
    }
    /// The index of the request with this id.
    pub fn request(&self, id: &str) -> Option<usize> {
        self.requests_by_id.get(id).copied()
    }
}

/// The ISO week of today (UTC).
pub fn current_week() -> Week {
    let secs = SystemTime::now()
        .duration_since(SystemTime::UNIX_EPOCH)
        .map(|d| d.as_secs() as i64)
        .unwrap_or(0);
    Week::of_day(secs.div_euclid(86_400))
}

fn open(p: &Path) -> Result<Source<'static>, Failure> {
    let f =
        File::open(p).map_err(|e| Failure::Other(format!("cannot open {}: {e}", p.display())))?;
    Ok(Source::new(p.display().to_string(), f))
}

/// Reads the policy and the folder and solves the batch. Blocking: call it off the async threads.
pub fn load(cfg: &Config) -> Snapshot {
    Snapshot {
        read_at: SystemTime::now(),
        data: load_data(cfg),
    }
}

fn load_data(cfg: &Config) -> Result<Data, Failure> {
    let policy = match &cfg.policy {
        None => Policy::default(),
        Some(p) => {
            let text = std::fs::read_to_string(p)
                .map_err(|e| Failure::Other(format!("cannot read {}: {e}", p.display())))?;
            Policy::from_toml(&text, &p.display().to_string())
                .map_err(|e| Failure::Other(e.to_string()))?
        }
    };
    let history = cfg.data.join("history.csv");
    let inputs = Inputs {
        experts: open(&cfg.data.join("experts.csv"))?,
        requests: open(&cfg.data.join("requests.csv"))?,
        history: if history.exists() {
            Some(open(&history)?)
        } else {
            None
        },
    };
    let week = WeekChoice {
        given: cfg.week,
        fallback: current_week(),
    };
    let loaded = ingest::load(inputs, places(), &policy, week).map_err(Failure::Input)?;
    let inst = loaded.instance;
    let opts = SolveOptions {
        time_limit: Some(cfg.time_limit),
        ..SolveOptions::default()
    };
    let res = batch::run(&inst, &policy, &opts);
    let unmatched = report::unmatched(&inst, &policy, &res);
    let used = report::expert_use(&inst, &res);
    let hist = history_stats(&inst, &policy);
    let experts_by_id = inst
        .experts
        .iter()
        .enumerate()
        .map(|(i, e)| (e.id.clone(), i))
        .collect();
    let requests_by_id = inst
        .requests
        .iter()
        .enumerate()
        .map(|(i, r)| (r.id.clone(), i))
        .collect();
    Ok(Data {
        inst,
        warnings: loaded.warnings,
        policy,
        res,
        unmatched,
        used,
        hist,
        experts_by_id,
        requests_by_id,
    })
}

/// `HH:MM:SS` UTC of a time, for "read at".
pub fn clock(t: SystemTime) -> String {
    let s = t
        .duration_since(SystemTime::UNIX_EPOCH)
        .map(|d| d.as_secs())
        .unwrap_or(0)
        % 86_400;
    format!("{:02}:{:02}:{:02} UTC", s / 3600, s / 60 % 60, s % 60)
}
