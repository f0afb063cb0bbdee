//! What the page shows: the data folder read, validated and solved once, kept until `POST /reload`.
//!
//! A [`Snapshot`] is either a batch ([`Data`]) or the reasons it could not be read ([`Failure`],
//! with file, line and column for every bad cell). Handlers take the current snapshot (an `Arc`)
//! and never wait for a reload: a reload builds a new snapshot on a blocking thread and swaps it
//! in when done.
//!
//! The batch is the library's [`Base`]: the solved batch (or a run's assignments file) that
//! `explain` explains and tries changes on. The page shows what its functions say.

use crate::Config;
use matchpunt::batch::{self, BatchResult};
use matchpunt::explain::{self, Base, Booked, FixBudget, Fixes};
use matchpunt::ingest::{self, InputErrors, Inputs, Source, WeekChoice};
use matchpunt::messages::Lang;
use matchpunt::model::places::Places;
use matchpunt::model::{Instance, Week};
use matchpunt::policy::Policy;
use matchpunt::solve::SolveOptions;
use std::collections::HashMap;
use std::fs::File;
use std::path::{Path, PathBuf};
use std::sync::{Arc, OnceLock, Weak};
use std::time::SystemTime;

/// The longest one re-solve behind a page may take.
pub const RESOLVE_LIMIT: std::time::Duration = std::time::Duration::from_secs(3);

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
    /// A file that could not be opened, a bad policy (its message names file, line and column),
    /// or an assignments file that does not fit the batch.
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

/// What the base is made of, owned.
pub struct Owner {
    /// The batch.
    pub inst: Instance,
    /// The policy in force.
    pub policy: Policy,
    /// Options of the batch's solve.
    pub opts: SolveOptions,
    /// The solved batch, when it was solved here (not read from an assignments file).
    pub res: Option<BatchResult>,
    /// The assignments read from a run's assignments file (request, expert, pinned), when not
    /// solved here.
    pub pairs: Vec<(usize, usize, bool)>,
}

self_cell::self_cell!(
    /// The instance and policy, and the library's [`Base`] borrowing them.
    pub struct Explained {
        owner: Owner,
        #[covariant]
        dependent: Base,
    }
);

/// Where the week's assignments come from.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Origin {
    /// Solved here.
    Solved,
    /// Read from a run's assignments file.
    File(PathBuf),
}

/// One request with open seats.
pub struct OpenSeat {
    /// Request index.
    pub request: usize,
    /// Seats not filled.
    pub seats_open: u32,
    /// Eligible experts (rules 1-8).
    pub eligible: usize,
}

/// A read and solved batch.
pub struct Data {
    cell: Explained,
    /// Warnings met while reading (never theme names).
    pub warnings: Vec<String>,
    /// The errors of rows left out so that the phone form keeps answering (as `suggest` reads on):
    /// the week view shows these instead of a batch that lacks those rows.
    pub skipped: Option<Failure>,
    /// Where the assignments come from.
    pub origin: Origin,
    /// Each expert's bookings this week (the batch's assignments).
    pub booked: Booked,
    /// Requests with open seats, in file order.
    pub open: Vec<OpenSeat>,
    /// The smallest fix of each open request (as [`Data::open`]), verified by a re-solve within
    /// the work budget `run` gives its fix column. Worked out after loading, one by one on a
    /// thread of its own ([`fixes_in_background`]), so that the page is there at once.
    pub fixes: Vec<OnceLock<Fixes>>,
    /// The batch's experts, history and names without its requests: the instance a request
    /// typed into the form is added to.
    pub template: Instance,
    experts_by_id: HashMap<String, usize>,
    requests_by_id: HashMap<String, usize>,
}

impl Data {
    /// The batch.
    pub fn inst(&self) -> &Instance {
        &self.cell.borrow_owner().inst
    }
    /// The policy in force.
    pub fn policy(&self) -> &Policy {
        &self.cell.borrow_owner().policy
    }
    /// The solved batch, when solved here.
    pub fn result(&self) -> Option<&BatchResult> {
        self.cell.borrow_owner().res.as_ref()
    }
    /// The library's view of the batch.
    pub fn base(&self) -> &Base<'_> {
        self.cell.borrow_dependent()
    }
    /// The index of the expert with this id.
    pub fn expert(&self, id: &str) -> Option<usize> {
        self.experts_by_id.get(id).copied()
    }
    /// The index of the request with this id.
    pub fn request(&self, id: &str) -> Option<usize> {
        self.requests_by_id.get(id).copied()
    }
    /// Why request `r` has open seats, in words: the one reason `unmatched.csv` gives too
    /// ([`matchpunt::explain::Base::open_reason`]).
    pub fn open_why(&self, r: usize, lang: Lang) -> String {
        self.base().open_reason(r, &self.booked, lang)
    }
    /// The smallest fix of the `i`th open request (or why there is none), in words; None while
    /// the fixes are being worked out.
    pub fn fix_text(&self, i: usize, lang: Lang) -> Option<String> {
        let f = self.fixes.get(i)?.get()?;
        Some(explain::fixes_text(
            self.inst(),
            self.policy(),
            self.open[i].request,
            f,
            lang,
        ))
    }
}

/// Works out the open seats' fixes ([`Data::fixes`]) on a thread of its own, one request at a
/// time, within one work budget; it stops as soon as the snapshot is no longer in use (after a
/// reload).
pub fn fixes_in_background(snap: &Arc<Snapshot>) {
    let n = match &snap.data {
        Ok(d) => d.open.len(),
        Err(_) => 0,
    };
    if n == 0 {
        return;
    }
    let weak: Weak<Snapshot> = Arc::downgrade(snap);
    std::thread::spawn(move || {
        let mut budget = FixBudget::for_run();
        for i in 0..n {
            let Some(snap) = weak.upgrade() else { return };
            if let Ok(d) = &snap.data {
                let f = d.base().fixes(d.open[i].request, &d.booked, 1, &mut budget);
                let _ = d.fixes[i].set(f);
            }
        }
    });
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

/// Reads the policy and the folder and solves the batch (or reads its assignments). Blocking:
/// call it off the async threads.
pub fn load(cfg: &Config) -> Snapshot {
    Snapshot {
        read_at: SystemTime::now(),
        data: load_data(cfg),
    }
}

/// Reads the folder (or workbook); with `skip`, rows with a bad cell are left out with a
/// warning, as `suggest` reads (whole-file problems still fail).
fn read_inputs(cfg: &Config, policy: &Policy, skip: bool) -> Result<ingest::Loaded, Failure> {
    // One workbook with a sheet per table, or a folder with a file per table.
    let book = if cfg.data.is_file() {
        Some(
            std::fs::read(&cfg.data)
                .map_err(|e| Failure::Other(format!("cannot open {}: {e}", cfg.data.display())))?,
        )
    } else {
        None
    };
    let history = cfg.data.join("history.csv");
    let inputs = if let Some(bytes) = &book {
        ingest::workbook_inputs(&cfg.data.display().to_string(), bytes)
            .map_err(Failure::Input)?
            .0
    } else {
        Inputs {
            experts: open(&cfg.data.join("experts.csv"))?,
            requests: open(&cfg.data.join("requests.csv"))?,
            history: if history.exists() {
                Some(open(&history)?)
            } else {
                None
            },
        }
    };
    let week = WeekChoice {
        given: cfg.week,
        fallback: current_week(),
    };
    // The coordinator's names and aliases of organisations, when the folder has them.
    let organisations = cfg.data.join("organisations.csv");
    let organisations = if book.is_none() && organisations.is_file() {
        Some(open(&organisations)?)
    } else {
        None
    };
    ingest::load_with_organisations(inputs, organisations, places(), policy, week, skip)
        .map_err(Failure::Input)
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
    // Strict first; on a bad row, read on without it so that the phone form keeps answering
    // (the week view then shows the errors instead of the batch).
    let (loaded, skipped) = match read_inputs(cfg, &policy, false) {
        Ok(l) => (l, None),
        Err(Failure::Input(errs)) => match read_inputs(cfg, &policy, true) {
            Ok(l) => (l, Some(Failure::Input(errs))),
            Err(_) => return Err(Failure::Input(errs)),
        },
        Err(f) => return Err(f),
    };
    let inst = loaded.instance;
    let opts = SolveOptions {
        time_limit: Some(cfg.time_limit),
        ..SolveOptions::default()
    };
    // The re-solves behind a page (a runner-up's cost, a fix) get at most RESOLVE_LIMIT each:
    // a page must come back while someone waits; an unproven re-solve is said to be so.
    let resolve_opts = SolveOptions {
        time_limit: Some(cfg.time_limit.min(RESOLVE_LIMIT)),
        ..SolveOptions::default()
    };
    let (origin, res, pairs) = match &cfg.assignments {
        None => (
            Origin::Solved,
            Some(batch::run(&inst, &policy, &opts)),
            Vec::new(),
        ),
        Some(p) => {
            let pairs = explain::read_assignment_pairs(open(p)?, &inst).map_err(Failure::Input)?;
            (Origin::File(p.clone()), None, pairs)
        }
    };
    let template = Instance {
        experts: inst.experts.clone(),
        requests: Vec::new(),
        history: inst.history.clone(),
        themes: inst.themes.clone(),
        orgs: inst.orgs.clone(),
        languages: inst.languages.clone(),
        week: inst.week,
        // The experts' team columns; the requests' ones belong to requests not in the template.
        teams: matchpunt::model::TeamData {
            experienced_min: Default::default(),
            ..inst.teams.clone()
        },
    };
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
    let owner = Owner {
        inst,
        policy,
        opts,
        res,
        pairs,
    };
    let file = cfg.assignments.clone();
    let cell = Explained::try_new(owner, |o| match &o.res {
        Some(res) => Ok(Base::from_result(&o.inst, &o.policy, resolve_opts, res)),
        None => Base::from_assignments(&o.inst, &o.policy, resolve_opts, &o.pairs).map_err(|why| {
            Failure::Other(format!(
                "{}: {why}",
                file.as_deref().unwrap_or(Path::new("")).display()
            ))
        }),
    })?;
    let base = cell.borrow_dependent();
    let booked = base.booked();
    let inst = &cell.borrow_owner().inst;
    let mut open = Vec::new();
    for (r, req) in inst.requests.iter().enumerate() {
        let filled = base.experts_of(r).len() as u32;
        if filled >= req.experts_needed {
            continue;
        }
        open.push(OpenSeat {
            request: r,
            seats_open: req.experts_needed - filled,
            eligible: base.scored_of_request(r).len(),
        });
    }
    Ok(Data {
        cell,
        warnings: loaded.warnings,
        skipped,
        origin,
        booked,
        fixes: (0..open.len()).map(|_| OnceLock::new()).collect(),
        open,
        template,
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
