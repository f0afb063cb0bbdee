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
use matchpunt_ledger::rules;
use matchpunt_ledger::{Ledger, WeekView};
use std::collections::{BTreeSet, HashMap, HashSet};
use std::fs::File;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
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
    /// A text in both languages (English, Dutch), shown in the page's (the fourth trial, #16:
    /// an own assignments file breaking the rules was said in English on a Dutch page).
    InLang(String, String),
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
            Failure::InLang(en, _) => en.clone(),
        }
    }

    /// The text of a [`Failure::Other`] or [`Failure::InLang`] in `lang`; None for input errors.
    pub fn text_in(&self, lang: Lang) -> Option<&str> {
        match self {
            Failure::Input(_) => None,
            Failure::Other(m) => Some(m),
            Failure::InLang(en, nl) => Some(if lang == Lang::Nl { nl } else { en }),
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
    /// The (request, expert) pairs declined this week, sorted: no candidates anywhere.
    pub declined: Vec<(usize, usize)>,
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
    /// The season ledger's week: its latest run's proposals not declined, and the bookings.
    Ledger(PathBuf),
}

/// The ledger's week as the page read it.
pub struct LedgerWeek {
    /// The ledger file.
    pub path: PathBuf,
    /// The ISO week, e.g. `2026-W48`.
    pub week: String,
    /// What the ledger holds of it.
    pub view: WeekView,
}

impl LedgerWeek {
    /// Accepted and declined decisions (the last on each pair).
    pub fn verdict_counts(&self) -> (usize, usize) {
        let v = self.view.verdicts();
        let accepted = v.values().filter(|a| **a).count();
        (accepted, v.len() - accepted)
    }
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
    pub warnings: Vec<matchpunt::ingest::Warning>,
    /// The errors of rows left out so that the phone form keeps answering (as `suggest` reads on):
    /// the week view shows these instead of a batch that lacks those rows.
    pub skipped: Option<Failure>,
    /// Where the assignments come from.
    pub origin: Origin,
    /// The ledger's week, when served with a ledger.
    pub ledger: Option<LedgerWeek>,
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
    /// The request pages worked out or being worked out, by (request, language): the explain
    /// view and the standbys, each a set of exact re-solves of this batch that stays true while
    /// the snapshot lives (a reload makes a new one), so a second view of a request costs
    /// nothing. A key is entered once, as [`RequestSlot::Pending`], by the first view that
    /// starts its computation ([`Data::claim_request_page`]); later views see it pending and
    /// start none.
    pub request_views: std::sync::Mutex<HashMap<(usize, &'static str), RequestSlot>>,
    /// How many request-page computations were started on this snapshot (one per key of
    /// [`Data::request_views`]): what the tests check, and a count for a look at the load.
    pub request_computations: AtomicUsize,
}

/// What the request page computes for one request in one language (see
/// [`Data::request_views`]).
pub struct RequestPage {
    /// `explain --request`'s view, before the ledger's declines are dropped from it.
    pub view: explain::ExplainRequestView,
    /// The standbys of the request's assignments, before the ledger's declines are dropped.
    pub standbys: Vec<explain::Standby>,
}

/// Where the computation of one request page stands.
#[derive(Clone)]
pub enum RequestSlot {
    /// Started (or waiting for a work permit); the page shows its first view meanwhile.
    Pending,
    /// Done: the page shows it.
    Done(Arc<RequestPage>),
    /// The computation stopped without a result (a panic): the page shows its first view
    /// without waiting for it, until the next reload.
    Failed,
}

/// What [`Data::claim_request_page`] found.
pub enum Claim {
    /// The page is computed.
    Done(Arc<RequestPage>),
    /// Nobody had started it: the caller must start it now (the slot is pending).
    Start,
    /// Started before and not done yet.
    Pending,
    /// Started before and failed.
    Failed,
}

impl Data {
    /// The state of request `r`'s page in `lang`, and when nobody has started its computation,
    /// the claim to start it (the slot is then pending, so a second caller gets
    /// [`Claim::Pending`]): one computation per key, however many views ask meanwhile.
    pub fn claim_request_page(&self, r: usize, lang: Lang) -> Claim {
        let mut m = self.request_views.lock().unwrap_or_else(|e| e.into_inner());
        match m.get(&(r, lang.code())) {
            Some(RequestSlot::Done(p)) => Claim::Done(p.clone()),
            Some(RequestSlot::Pending) => Claim::Pending,
            Some(RequestSlot::Failed) => Claim::Failed,
            None => {
                m.insert((r, lang.code()), RequestSlot::Pending);
                self.request_computations.fetch_add(1, Ordering::SeqCst);
                Claim::Start
            }
        }
    }

    /// Records the end of the computation of request `r`'s page in `lang`.
    pub fn finish_request_page(&self, r: usize, lang: Lang, slot: RequestSlot) {
        self.request_views
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .insert((r, lang.code()), slot);
    }

    /// The re-solves of request `r`'s page in `lang` (blocking, seconds on a large batch):
    /// `explain --request`'s view with the top `top` runners-up, and the standbys of its
    /// assignments (the policy's number, plus one per expert who declined the request this
    /// week, as those are dropped when shown).
    pub fn compute_request_page(&self, r: usize, top: usize, lang: Lang) -> RequestPage {
        let base = self.base();
        let n = base.policy.round.standbys as usize + self.declined_of(r).len();
        RequestPage {
            view: base.explain_request(r, top, lang),
            standbys: base.standbys_of_request(r, n, &mut FixBudget::for_explain()),
        }
    }

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
    ///
    /// Experts who declined the request this week (ledger or decisions file) are named first
    /// (they are no candidates of the base: not proposed again).
    pub fn open_why(&self, r: usize, lang: Lang) -> String {
        let why = self.base().open_reason(r, &self.booked, lang);
        let inst = self.inst();
        let ids: Vec<&str> = self
            .declined_of(r)
            .into_iter()
            .map(|e| inst.experts[e].id.as_str())
            .collect();
        if ids.is_empty() {
            return why;
        }
        let said = rules::declined_text(&ids, lang);
        if why.trim().is_empty() {
            said
        } else {
            format!("{said}; {why}")
        }
    }
    /// The experts (indexes) who declined request `r` this week (the ledger's decisions, or
    /// the decisions file's), ascending.
    pub fn declined_of(&self, r: usize) -> Vec<usize> {
        self.cell
            .borrow_owner()
            .declined
            .iter()
            .filter(|p| p.0 == r)
            .map(|p| p.1)
            .collect()
    }
    /// Whether the fix of open seat `i` was left to the request's page (a limit was reached):
    /// the week page links there instead of naming a command.
    pub fn fix_left_to_page(&self, i: usize) -> bool {
        matches!(
            self.fixes.get(i).and_then(|f| f.get()),
            Some(
                explain::Fixes::TooLarge(_) | explain::Fixes::WorkLimit | explain::Fixes::TimeLimit
            )
        )
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
fn read_inputs(
    cfg: &Config,
    policy: &Policy,
    skip: bool,
    history_text: Option<&str>,
) -> Result<ingest::Loaded, Failure> {
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
    let mut inputs = inputs;
    if let Some(text) = history_text {
        inputs.history = Some(Source::new(
            "the ledger's history",
            std::io::Cursor::new(text.as_bytes().to_vec()),
        ));
    }
    let week = WeekChoice {
        given: cfg.week.or(cfg.ledger.as_ref().map(|_| current_week())),
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
    let history = match &cfg.ledger {
        Some(p) => Some(ledger_history(cfg, p, &policy)?),
        None => None,
    };
    let history = history.as_deref();
    let (loaded, skipped) = match read_inputs(cfg, &policy, false, history) {
        Ok(l) => (l, None),
        Err(Failure::Input(errs)) => match read_inputs(cfg, &policy, true, history) {
            Ok(l) => (l, Some(Failure::Input(errs))),
            Err(_) => return Err(Failure::Input(errs)),
        },
        Err(f) => return Err(f),
    };
    let mut inst = loaded.instance;
    // With a ledger: the week's inline booked requests join the batch, and the week's seats
    // (the latest run's proposals not declined, and the bookings) are its assignments.
    let ledger = match &cfg.ledger {
        None => None,
        Some(p) => {
            let week = inst.week.unwrap_or_else(current_week).to_string();
            let l = open_ledger(p)?;
            let view = l.week(&week).map_err(|e| ledger_failure(p, e))?;
            rules::add_week_inline(&mut inst, &policy, places(), &view)
                .map_err(|e| Failure::Other(format!("{}: {e}", p.display())))?;
            Some(LedgerWeek {
                path: p.clone(),
                week,
                view,
            })
        }
    };
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
    let mut file_warnings = Vec::new();
    // This week's declines: the ledger's, or a decisions file's.
    let declined = match (&ledger, &cfg.decisions) {
        (Some(lw), _) => rules::declined_pairs(&inst, &lw.view),
        (None, Some(p)) => {
            use matchpunt::batch::round;
            // A round's changes.csv records its decisions beside pairs without one.
            let recorded = p.file_name().is_some_and(|n| n == "changes.csv");
            let (rows, warnings) =
                round::read_decisions_in(open(p)?, &inst, recorded).map_err(Failure::Input)?;
            file_warnings.extend(warnings);
            round::declined_pairs(&inst, &rows)
        }
        (None, None) => Vec::new(),
    };
    let (origin, res, pairs) = match (&cfg.assignments, &ledger) {
        // The week's seats once a run of it is in the ledger; before that the batch is solved
        // here as a preview (the ledger line says so), and the form counts the ledger's
        // bookings only, as `suggest --ledger` does.
        (_, Some(lw)) if lw.view.latest_run.is_some() => (
            Origin::Ledger(lw.path.clone()),
            None,
            rules::week_pairs(&inst, &lw.view),
        ),
        (None, _) | (_, Some(_)) => (
            Origin::Solved,
            Some(batch::run_adjusted(
                &inst,
                &policy,
                &opts,
                &batch::Adjust {
                    forbidden: declined.clone(),
                    ..Default::default()
                },
            )),
            Vec::new(),
        ),
        (Some(p), _) => {
            let (pairs, reread) =
                explain::read_assignment_pairs_noting(open(p)?, &inst).map_err(Failure::Input)?;
            // Ids read another way (`E01` for `E1`) are said with the reading warnings.
            file_warnings.extend(reread);
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
        // The experts' team data; the template has no requests, so no request's rule.
        teams: matchpunt::model::TeamData {
            experienced_min: Default::default(),
            trajectories: Default::default(),
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
        declined,
    };
    let file = cfg.ledger.clone().or(cfg.assignments.clone());
    let cell = Explained::try_new(owner, |o| match &o.res {
        Some(res) => Ok(Base::from_result(&o.inst, &o.policy, resolve_opts, res)),
        None => Base::from_assignments_except(
            &o.inst,
            &o.policy,
            resolve_opts,
            &o.pairs,
            o.declined.clone(),
        )
        .map_err(|why| {
            let file = file
                .as_deref()
                .unwrap_or(Path::new(""))
                .display()
                .to_string();
            Failure::InLang(
                format!("{file}: {}", why.text(Lang::En)),
                format!("{file}: {}", why.text(Lang::Nl)),
            )
        }),
    })?;
    let base = cell.borrow_dependent();
    let booked = match &ledger {
        Some(lw) => rules::week_booked(
            &cell.borrow_owner().inst,
            &cell.borrow_owner().policy,
            &lw.view,
            None,
        ),
        None => base.booked(),
    };
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
        warnings: loaded.warnings.into_iter().chain(file_warnings).collect(),
        skipped,
        origin,
        ledger,
        booked,
        fixes: (0..open.len()).map(|_| OnceLock::new()).collect(),
        open,
        template,
        experts_by_id,
        requests_by_id,
        request_views: Default::default(),
        request_computations: AtomicUsize::new(0),
    })
}

fn ledger_failure(p: &Path, e: matchpunt_ledger::Error) -> Failure {
    Failure::Other(format!("the ledger {}: {e}", p.display()))
}

/// Opens the ledger as the page (reads only; a booking opens it as the signed-in user).
fn open_ledger(p: &Path) -> Result<Ledger, Failure> {
    Ledger::open(p, "serve").map_err(|e| ledger_failure(p, e))
}

/// The history the page reads with a ledger, as the text of a history.csv: the ledger's closed
/// weeks, and of the folder's history file (checked against the ledger: a row that differs is
/// an error) the weeks the ledger does not hold yet, as `run --ledger` would import them. The
/// page never writes history. Rows of experts not in the experts file and of this week or
/// later are left out.
fn ledger_history(cfg: &Config, p: &Path, policy: &Policy) -> Result<String, Failure> {
    let mut l = open_ledger(p)?;
    // The folder as read with its own history file: for the experts' ids and that file's rows.
    let probe = read_inputs(cfg, policy, true, None)?;
    let week = probe.instance.week.unwrap_or_else(current_week).to_string();
    let held = l.history().map_err(|e| ledger_failure(p, e))?;
    let held_weeks: BTreeSet<String> = held.iter().map(|h| h.week.clone()).collect();
    let mut rows = held;
    let file_rows = rules::history_entries(&probe.instance);
    if !file_rows.is_empty() {
        l.check_history(&file_rows, &week)
            .map_err(|e| ledger_failure(p, e))?;
        rows.extend(
            file_rows
                .into_iter()
                .filter(|r| !held_weeks.contains(&r.week)),
        );
    }
    let known: HashSet<String> = probe
        .instance
        .experts
        .iter()
        .map(|e| matchpunt::model::normalize(&e.id))
        .collect();
    Ok(rules::history_csv(&rows, policy, |r| {
        known.contains(&matchpunt::model::normalize(&r.expert)) && r.week < week
    }))
}

/// `HH:MM:SS` of a time on the clock of the Netherlands (CET, or CEST from the last Sunday of
/// March to the last Sunday of October, switching at 01:00 UTC as the EU does), for "read at":
/// the phone staff read the time on their own clock, not UTC.
pub fn clock(t: SystemTime) -> String {
    let secs = t
        .duration_since(SystemTime::UNIX_EPOCH)
        .map(|d| d.as_secs() as i64)
        .unwrap_or(0);
    let s = (secs + dutch_offset(secs)).rem_euclid(86_400);
    format!("{:02}:{:02}:{:02}", s / 3600, s / 60 % 60, s % 60)
}

/// The offset of Dutch time from UTC at `secs` since the epoch, in seconds: 7200 in summer time,
/// else 3600.
pub fn dutch_offset(secs: i64) -> i64 {
    let year = civil(secs.div_euclid(86_400)).0;
    // The last Sunday of a month ending on day `last`: 1970-01-01 was a Thursday (weekday 3 with
    // Monday 0).
    let last_sunday = |month: u32, last: u32| {
        let day = days_from_civil(year, month, last);
        let weekday = (day + 3).rem_euclid(7); // Monday 0 ... Sunday 6
        day - (weekday + 1) % 7
    };
    let start = last_sunday(3, 31) * 86_400 + 3600;
    let end = last_sunday(10, 31) * 86_400 + 3600;
    if (start..end).contains(&secs) {
        7200
    } else {
        3600
    }
}

/// (year, month, day) of a day number since 1970-01-01 (H. Hinnant's algorithm).
fn civil(z: i64) -> (i64, u32, u32) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    (yoe + era * 400 + i64::from(m <= 2), m, d)
}

/// The day number since 1970-01-01 of a date (H. Hinnant's algorithm).
fn days_from_civil(y: i64, m: u32, d: u32) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let m = i64::from(m);
    let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + i64::from(d) - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

#[cfg(test)]
mod clock_tests {
    use super::*;

    #[test]
    fn dutch_time_switches_on_the_last_sundays_of_march_and_october() {
        // 2026: summer time from 29 March 01:00 UTC to 25 October 01:00 UTC.
        let at = |y, m, d, h: i64| days_from_civil(y, m, d) * 86_400 + h * 3600;
        assert_eq!(dutch_offset(at(2026, 3, 29, 0)), 3600);
        assert_eq!(dutch_offset(at(2026, 3, 29, 1)), 7200);
        assert_eq!(dutch_offset(at(2026, 10, 25, 0)), 7200);
        assert_eq!(dutch_offset(at(2026, 10, 25, 1)), 3600);
        assert_eq!(dutch_offset(at(2026, 12, 6, 21)), 3600);
        assert_eq!(civil(days_from_civil(2024, 2, 29)), (2024, 2, 29));
        let t = SystemTime::UNIX_EPOCH + std::time::Duration::from_secs(at(2026, 7, 1, 10) as u64);
        assert_eq!(clock(t), "12:00:00");
    }
}
