//! The season ledger: one SQLite file that keeps, per ISO week, the inputs and results of each
//! run, the decisions on its proposals, the match point's bookings, the history of closed weeks
//! and an audit log.
//!
//! Why one file: the schema, its migrations and every transaction that writes are kept together,
//! so that each invariant `ledger check` verifies sits beside the writes that keep it.
//!
//! Why a crate of its own: the matching library stays free of I/O, and the week's state, which
//! people used to carry between loose files by hand, needs transactions: a booking is checked and
//! written in one `BEGIN IMMEDIATE` transaction, so two processes cannot both take an expert's
//! last free slot; closing a week writes all its history rows and the closed mark at once, or
//! nothing. SQLite is bundled (rusqlite's `bundled` feature), so there is nothing to install.
//!
//! The ledger's tables know ids and cells as text, not the batch model: the command line and the
//! web page read the spreadsheets with the matching library and hand the ledger rows. The one
//! place that reads the week against the model is [`rules`]: the check of a booking, shared by
//! `matchpunt book` and the web page's book button. Weeks are
//! ISO weeks written `2026-W48`. Health data (an expert's avoided themes and excluded
//! organisations) is never stored here except inside the input files' bytes, and never in the
//! audit log; a decision's note is kept with the decision, never in the log.
//!
//! The schema is versioned: [`MIGRATIONS`] holds the SQL of each version, and [`Ledger::open`]
//! applies the missing ones in one transaction, so an older ledger opens in a newer matchpunt.

pub mod rules;

use matchpunt::messages::Lang;
use rusqlite::{
    params, Connection, OpenFlags, OptionalExtension, Transaction, TransactionBehavior,
};
use sha2::{Digest, Sha256};
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::time::Duration;

/// The schema's SQL, one entry per version: entry `i` takes a ledger from version `i` to `i + 1`.
pub const MIGRATIONS: [&str; 3] = [SCHEMA_V1, MIGRATE_V2, MIGRATE_V3];

/// The schema version this build writes.
pub const SCHEMA_VERSION: u32 = MIGRATIONS.len() as u32;

/// Version 1: the tables.
pub const SCHEMA_V1: &str = "
CREATE TABLE schema_version (version INTEGER NOT NULL);
INSERT INTO schema_version (version) VALUES (0);
CREATE TABLE weeks (
    week TEXT PRIMARY KEY,
    closed_at TEXT,
    closed_by TEXT
);
CREATE TABLE blobs (
    sha256 TEXT PRIMARY KEY,
    bytes BLOB NOT NULL
);
CREATE TABLE runs (
    id INTEGER PRIMARY KEY,
    week TEXT NOT NULL REFERENCES weeks(week),
    at TEXT NOT NULL,
    actor TEXT NOT NULL,
    policy TEXT NOT NULL,
    options TEXT NOT NULL,
    objective REAL NOT NULL,
    bound REAL NOT NULL,
    gap REAL,
    proven INTEGER NOT NULL,
    seconds REAL NOT NULL
);
CREATE TABLE run_inputs (
    run INTEGER NOT NULL REFERENCES runs(id),
    kind TEXT NOT NULL,
    name TEXT NOT NULL,
    sha256 TEXT NOT NULL REFERENCES blobs(sha256)
);
CREATE TABLE proposals (
    run INTEGER NOT NULL REFERENCES runs(id),
    request TEXT NOT NULL,
    expert TEXT NOT NULL,
    org TEXT NOT NULL,
    role TEXT NOT NULL,
    slot TEXT NOT NULL,
    intensity INTEGER NOT NULL,
    themes TEXT NOT NULL,
    heavy INTEGER NOT NULL,
    pinned INTEGER NOT NULL,
    PRIMARY KEY (run, request, expert)
);
CREATE TABLE decisions (
    id INTEGER PRIMARY KEY,
    week TEXT NOT NULL REFERENCES weeks(week),
    request TEXT NOT NULL,
    expert TEXT NOT NULL,
    verdict TEXT NOT NULL CHECK (verdict IN ('accepted', 'declined')),
    note TEXT NOT NULL,
    at TEXT NOT NULL,
    actor TEXT NOT NULL
);
CREATE TABLE bookings (
    id INTEGER PRIMARY KEY,
    week TEXT NOT NULL REFERENCES weeks(week),
    request TEXT NOT NULL,
    expert TEXT NOT NULL,
    org TEXT NOT NULL,
    role TEXT NOT NULL,
    slot TEXT NOT NULL,
    intensity INTEGER NOT NULL,
    themes TEXT NOT NULL,
    heavy INTEGER NOT NULL,
    inline_request TEXT,
    at TEXT NOT NULL,
    actor TEXT NOT NULL
);
CREATE TABLE history (
    id INTEGER PRIMARY KEY,
    week TEXT NOT NULL,
    expert TEXT NOT NULL,
    org TEXT NOT NULL,
    role TEXT NOT NULL,
    intensity INTEGER NOT NULL,
    request TEXT NOT NULL,
    themes TEXT NOT NULL,
    heavy INTEGER NOT NULL,
    declined INTEGER NOT NULL,
    source TEXT NOT NULL CHECK (source IN ('close', 'import'))
);
CREATE TABLE audit (
    id INTEGER PRIMARY KEY,
    at TEXT NOT NULL,
    actor TEXT NOT NULL,
    action TEXT NOT NULL,
    week TEXT,
    details TEXT NOT NULL
);
";

/// Version 2: indexes on the week columns, and a run's one-line summary (seats asked and
/// filled) for `ledger log`.
pub const MIGRATE_V2: &str = "
CREATE INDEX proposals_run ON proposals(run);
CREATE INDEX runs_week ON runs(week);
CREATE INDEX decisions_week ON decisions(week);
CREATE INDEX bookings_week ON bookings(week);
CREATE INDEX history_week ON history(week);
ALTER TABLE runs ADD COLUMN summary TEXT NOT NULL DEFAULT '';
";

/// Version 3 (issue 23): each run's standbys, and the week's last booking a run had counted
/// (so that a standby can be checked against the bookings made after it).
pub const MIGRATE_V3: &str = "
CREATE TABLE standbys (
    run INTEGER NOT NULL REFERENCES runs(id),
    request TEXT NOT NULL,
    expert TEXT NOT NULL,
    rank INTEGER NOT NULL,
    standby TEXT NOT NULL,
    cost REAL NOT NULL,
    proven INTEGER NOT NULL,
    swap_cost REAL NOT NULL,
    spare_count INTEGER NOT NULL,
    spare_load INTEGER NOT NULL,
    PRIMARY KEY (run, request, expert, rank)
);
ALTER TABLE runs ADD COLUMN bookings_seen INTEGER NOT NULL DEFAULT 0;
";

mod denial;
mod person;
mod problems;
mod rights;
mod standby;
pub use denial::{Denial, HistoryDiff, NotALedger, ShownRow};
pub use problems::CheckProblem;
pub use rights::{Erased, ExpertData, InputRows};
pub use standby::{StandbyRow, StandbyTeam};

/// What can go wrong with a ledger. `Display` is English; [`Error::text`] writes any
/// language from the message table.
#[derive(Debug)]
pub enum Error {
    /// The file does not exist: never created by a typo.
    Missing(String),
    /// `ledger init` on an existing file.
    Exists(String),
    /// The file is no ledger (or of a newer matchpunt).
    NotALedger(NotALedger),
    /// The week is closed: read-only.
    Closed(String),
    /// Refused by the ledger's rules (a booking that breaks a limit, a decision on no proposal,
    /// a conflicting history), with the reason as data.
    Refused(Denial),
    /// SQLite's error.
    Sql(rusqlite::Error),
    /// A file error.
    Io(String, std::io::Error),
}

impl std::fmt::Display for Error {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.text(Lang::En))
    }
}

impl std::error::Error for Error {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            Error::Sql(e) => Some(e),
            Error::Io(_, e) => Some(e),
            _ => None,
        }
    }
}

impl From<rusqlite::Error> for Error {
    fn from(e: rusqlite::Error) -> Self {
        Error::Sql(e)
    }
}

/// A result with the ledger's [`Error`].
pub type Result<T, E = Error> = std::result::Result<T, E>;

/// One history row, as `history.csv` has it.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct HistoryEntry {
    /// ISO week.
    pub week: String,
    /// Expert id.
    pub expert: String,
    /// Organisation as written.
    pub org: String,
    /// Role (`buddy`, ...).
    pub role: String,
    /// Wellbeing load.
    pub intensity: u32,
    /// Whether the seat had a heavy theme.
    pub heavy: bool,
    /// The proposal was declined.
    pub declined: bool,
    /// Request id (empty when unknown, e.g. imported).
    pub request: String,
    /// The request's themes, `|`-separated (empty when unknown).
    pub themes: String,
}

impl HistoryEntry {
    /// The fields that count for the rules and the score, for comparing an imported file
    /// with the ledger: week, expert, org, role, intensity, heavy, declined.
    pub fn key(&self) -> (String, String, String, String, u32, bool, bool) {
        (
            self.week.clone(),
            self.expert.clone(),
            self.org.to_lowercase(),
            self.role.clone(),
            self.intensity,
            self.heavy,
            self.declined,
        )
    }
}

/// A pair with what history needs of it: one proposal of a run, or a booking.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Seat {
    /// Request id.
    pub request: String,
    /// Expert id.
    pub expert: String,
    /// Organisation as written.
    pub org: String,
    /// Role.
    pub role: String,
    /// Slot (`wed-pm`) or empty when flexible.
    pub slot: String,
    /// Wellbeing load of the seat.
    pub intensity: u32,
    /// The request's themes, `|`-separated.
    pub themes: String,
    /// Whether a theme is heavy under the run's policy.
    pub heavy: bool,
    /// Pinned (a proposal) — for a booking always true.
    pub pinned: bool,
}

/// An input file of a run: what it was, its name and its bytes as read.
#[derive(Clone, Debug)]
pub struct InputFile {
    /// `experts`, `requests`, `history`, `policy`, `workbook`.
    pub kind: String,
    /// The path as given.
    pub name: String,
    /// The bytes as read.
    pub bytes: Vec<u8>,
}

/// A run to record.
#[derive(Clone, Debug, Default)]
pub struct NewRun {
    /// ISO week.
    pub week: String,
    /// The policy in force, as TOML.
    pub policy: String,
    /// The options (time and work limits, solver), as text.
    pub options: String,
    /// Objective, in points.
    pub objective: f64,
    /// Proven bound, in points.
    pub bound: f64,
    /// Relative gap, when not proven.
    pub gap: Option<f64>,
    /// Whether optimality is proven.
    pub proven: bool,
    /// Seconds the run took.
    pub seconds: f64,
    /// One line: seats asked and filled.
    pub summary: String,
    /// The inputs as read.
    pub inputs: Vec<InputFile>,
    /// The proposals.
    pub proposals: Vec<Seat>,
    /// The standbys of the proposals.
    pub standbys: Vec<StandbyRow>,
    /// The week as the run read it ([`WeekView::stamp`]): when given, the run is refused if a
    /// run, decision or booking was recorded for the week in the meantime, since its proposals
    /// did not count it.
    pub seen: Option<WeekStamp>,
}

/// What a week held when it was read: its latest run, decision and booking (row ids).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct WeekStamp {
    /// The latest run's id.
    pub run: Option<i64>,
    /// The latest decision's id.
    pub decision: Option<i64>,
    /// The latest booking's id.
    pub booking: Option<i64>,
}

/// A decision on a proposal.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Decision {
    /// Row id (order of recording).
    pub id: i64,
    /// Request id.
    pub request: String,
    /// Expert id.
    pub expert: String,
    /// True for accepted, false for declined.
    pub accepted: bool,
    /// The note (may be personal: never logged).
    pub note: String,
    /// When (UTC, RFC 3339).
    pub at: String,
    /// Who.
    pub actor: String,
}

/// A booking from the match point.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Booking {
    /// Row id.
    pub id: i64,
    /// The seat booked.
    pub seat: Seat,
    /// An inline request's cells (a requests.csv header line and row), when the request is not
    /// in the requests file.
    pub inline_request: Option<String>,
    /// When.
    pub at: String,
    /// Who.
    pub actor: String,
}

/// A week's state as the ledger holds it.
#[derive(Clone, Debug, Default)]
pub struct WeekView {
    /// ISO week.
    pub week: String,
    /// Whether it is closed.
    pub closed: bool,
    /// The latest run's id, if any.
    pub latest_run: Option<i64>,
    /// The latest run's proposals.
    pub proposals: Vec<Seat>,
    /// Every pair proposed by any run of the week, with the latest run's data of it.
    pub ever_proposed: Vec<Seat>,
    /// The decisions, in recording order.
    pub decisions: Vec<Decision>,
    /// The bookings, in recording order.
    pub bookings: Vec<Booking>,
    /// The latest run's standbys, by (request, expert, rank).
    pub standbys: Vec<StandbyRow>,
    /// The last booking (row id) the latest run counted; later ones came after it.
    pub bookings_seen: i64,
}

impl WeekView {
    /// The final verdict on each pair (a later decision wins): true = accepted.
    pub fn verdicts(&self) -> BTreeMap<(String, String), bool> {
        self.decisions
            .iter()
            .map(|d| ((d.request.clone(), d.expert.clone()), d.accepted))
            .collect()
    }

    /// The week's latest run, decision and booking, to tell whether it changed since.
    pub fn stamp(&self) -> WeekStamp {
        WeekStamp {
            run: self.latest_run,
            decision: self.decisions.iter().map(|d| d.id).max(),
            booking: self.bookings.iter().map(|b| b.id).max(),
        }
    }

    /// Whether anything was recorded for the week (a run, a decision or a booking).
    pub fn is_empty(&self) -> bool {
        self.latest_run.is_none() && self.decisions.is_empty() && self.bookings.is_empty()
    }

    /// The seats this week takes: the latest run's proposals that were not declined, and the
    /// bookings (a booked pair once). What `close` turns into history, and what `book`,
    /// `suggest` and `explain` count as this week's use of each expert.
    pub fn taken(&self) -> Vec<Seat> {
        let verdicts = self.verdicts();
        let mut seen = BTreeSet::new();
        let mut out = Vec::new();
        for s in self
            .proposals
            .iter()
            .chain(self.bookings.iter().map(|b| &b.seat))
        {
            let key = (s.request.clone(), s.expert.clone());
            if verdicts.get(&key) == Some(&false) || !seen.insert(key) {
                continue;
            }
            out.push(s.clone());
        }
        out
    }
}

/// One line of the audit log.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AuditEntry {
    /// Row id.
    pub id: i64,
    /// When.
    pub at: String,
    /// Who.
    pub actor: String,
    /// `init`, `run`, `decide`, `book`, `close`, `import-history`, `migrate`.
    pub action: String,
    /// The week, if any.
    pub week: Option<String>,
    /// What, without health data.
    pub details: String,
}

/// What [`Ledger::close`] wrote.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Closed {
    /// History rows of seats that took place.
    pub rows: usize,
    /// Of those, proposals without a decision (counted as taken place, the safe side for the
    /// load budgets).
    pub undecided: usize,
    /// Declined rows.
    pub declined: usize,
}

/// The actor of this process: `$USER`, else `$LOGNAME`, else `unknown`.
pub fn os_actor() -> String {
    ["USER", "LOGNAME"]
        .iter()
        .find_map(|k| std::env::var(k).ok().filter(|v| !v.trim().is_empty()))
        .unwrap_or_else(|| "unknown".to_string())
}

/// Now, UTC, as `2026-12-06T18:40:12Z`.
pub fn now_utc() -> String {
    let secs = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_secs() as i64)
        .unwrap_or(0);
    let (days, rem) = (secs.div_euclid(86_400), secs.rem_euclid(86_400));
    let (y, m, d) = civil(days);
    format!(
        "{y:04}-{m:02}-{d:02}T{:02}:{:02}:{:02}Z",
        rem / 3600,
        rem / 60 % 60,
        rem % 60
    )
}

/// Days since 1970-01-01 to (year, month, day) (H. Hinnant's algorithm).
fn civil(z: i64) -> (i64, i64, i64) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    (yoe + era * 400 + i64::from(m <= 2), m, d)
}

/// SHA-256 of `bytes`, lower-case hex.
pub fn sha256_hex(bytes: &[u8]) -> String {
    Sha256::digest(bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// An open ledger.
pub struct Ledger {
    conn: Connection,
    path: PathBuf,
    actor: String,
}

impl std::fmt::Debug for Ledger {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Ledger").field("path", &self.path).finish()
    }
}

/// How long a write waits for another process's transaction before giving up.
const BUSY_TIMEOUT: Duration = Duration::from_secs(60);

impl Ledger {
    /// Creates a new ledger at `path` with mode 0600 (owner only) and the current schema.
    ///
    /// # Errors
    ///
    /// [`Error::Exists`] when the file exists; file and SQL errors.
    pub fn init(path: &Path, actor: &str) -> Result<Ledger> {
        let shown = path.display().to_string();
        let mut opts = std::fs::OpenOptions::new();
        opts.write(true).create_new(true);
        #[cfg(unix)]
        {
            use std::os::unix::fs::OpenOptionsExt;
            opts.mode(0o600);
        }
        match opts.open(path) {
            Ok(f) => drop(f),
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {
                return Err(Error::Exists(shown))
            }
            Err(e) => return Err(Error::Io(shown, e)),
        }
        let conn = Connection::open_with_flags(path, OpenFlags::SQLITE_OPEN_READ_WRITE)?;
        let mut l = Ledger {
            conn,
            path: path.to_path_buf(),
            actor: actor.to_string(),
        };
        l.setup()?;
        l.migrate(true)?;
        Ok(l)
    }

    /// Opens an existing ledger and brings its schema up to [`SCHEMA_VERSION`] (in one
    /// transaction, logged as `migrate`).
    ///
    /// # Errors
    ///
    /// [`Error::Missing`] (with the hint to create it) when there is no such file; never creates
    /// one. [`Error::NotALedger`] for another SQLite file, or one of a newer matchpunt.
    pub fn open(path: &Path, actor: &str) -> Result<Ledger> {
        let shown = path.display().to_string();
        if !path.is_file() {
            return Err(Error::Missing(shown));
        }
        let conn =
            Connection::open_with_flags(path, OpenFlags::SQLITE_OPEN_READ_WRITE).map_err(|e| {
                Error::NotALedger(NotALedger::CannotOpen {
                    file: shown.clone(),
                    why: e.to_string(),
                })
            })?;
        let mut l = Ledger {
            conn,
            path: path.to_path_buf(),
            actor: actor.to_string(),
        };
        l.setup()?;
        l.migrate(false)?;
        Ok(l)
    }

    fn setup(&mut self) -> Result<()> {
        self.conn.busy_timeout(BUSY_TIMEOUT)?;
        self.conn.pragma_update(None, "foreign_keys", "ON")?;
        self.conn.pragma_update(None, "synchronous", "FULL")?;
        Ok(())
    }

    /// The file's path.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// The schema version of the file.
    ///
    /// # Errors
    ///
    /// SQL errors.
    pub fn schema_version(&self) -> Result<u32> {
        Ok(self
            .conn
            .query_row("SELECT version FROM schema_version", [], |r| r.get(0))?)
    }

    fn migrate(&mut self, fresh: bool) -> Result<()> {
        let shown = self.path.display().to_string();
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        let has_table: bool = tx.query_row(
            "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'schema_version'",
            [],
            |r| r.get::<_, i64>(0).map(|n| n > 0),
        )?;
        let from = if has_table {
            tx.query_row("SELECT version FROM schema_version", [], |r| {
                r.get::<_, u32>(0)
            })?
        } else if fresh {
            0
        } else {
            return Err(Error::NotALedger(NotALedger::NoSchema { file: shown }));
        };
        if from > SCHEMA_VERSION {
            return Err(Error::NotALedger(NotALedger::Newer {
                file: shown,
                version: from,
                known: SCHEMA_VERSION,
            }));
        }
        for (v, sql) in MIGRATIONS.iter().enumerate().skip(from as usize) {
            tx.execute_batch(sql)?;
            tx.execute("UPDATE schema_version SET version = ?1", [v as u32 + 1])?;
        }
        if fresh {
            audit(
                &tx,
                &self.actor,
                "init",
                None,
                &format!("schema version {SCHEMA_VERSION}"),
            )?;
        } else if from < SCHEMA_VERSION {
            audit(
                &tx,
                &self.actor,
                "migrate",
                None,
                &format!("schema version {from} -> {SCHEMA_VERSION}"),
            )?;
        }
        tx.commit()?;
        Ok(())
    }

    /// The week's state.
    ///
    /// # Errors
    ///
    /// SQL errors.
    pub fn week(&self, week: &str) -> Result<WeekView> {
        week_view(&self.conn, week)
    }

    /// Every history row (imported and of closed weeks), by week.
    ///
    /// # Errors
    ///
    /// SQL errors.
    pub fn history(&self) -> Result<Vec<HistoryEntry>> {
        history_rows(&self.conn, None)
    }

    /// The weeks with history rows or a closed mark, and whether each is closed.
    ///
    /// # Errors
    ///
    /// SQL errors.
    pub fn weeks(&self) -> Result<Vec<(String, bool)>> {
        let mut st = self
            .conn
            .prepare("SELECT week, closed_at IS NOT NULL FROM weeks ORDER BY week")?;
        let rows = st
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
            .collect::<rusqlite::Result<_>>()?;
        Ok(rows)
    }

    /// Compares a history file's rows with the ledger and imports the weeks the ledger has no
    /// history of, in one transaction. Returns the number of rows imported.
    ///
    /// # Errors
    ///
    /// [`Error::Refused`] (nothing imported) when, for a week the ledger has history of, the
    /// file's rows differ from the ledger's; or when the file has rows of a week that is open in
    /// the ledger (recorded but not closed) or of `current` or later.
    pub fn import_history(&mut self, rows: &[HistoryEntry], current: &str) -> Result<usize> {
        self.history_file(rows, current, true)
    }

    /// [`Ledger::import_history`]'s checks without importing anything: for the commands that
    /// only read. Returns the number of rows that an import would add.
    ///
    /// # Errors
    ///
    /// As [`Ledger::import_history`].
    pub fn check_history(&mut self, rows: &[HistoryEntry], current: &str) -> Result<usize> {
        self.history_file(rows, current, false)
    }

    fn history_file(&mut self, rows: &[HistoryEntry], current: &str, write: bool) -> Result<usize> {
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        let mut by_week: BTreeMap<&str, Vec<&HistoryEntry>> = BTreeMap::new();
        for r in rows {
            by_week.entry(r.week.as_str()).or_default().push(r);
        }
        let mut imported = 0;
        let mut new_weeks = Vec::new();
        // Weeks erased by `ledger purge` stay erased: a history file's rows of those weeks are
        // passed over, never imported again.
        let purged_before: Option<String> = tx.query_row(
            "SELECT max(week) FROM audit WHERE action = 'purge'",
            [],
            |r| r.get(0),
        )?;
        // After `ledger forget`, the ledger's history wins over any file: a file's rows could
        // bring the erased expert back (the ledger keeps no trace of their id to tell).
        let forgotten: bool = tx.query_row(
            "SELECT count(*) > 0 FROM audit WHERE action = 'forget'",
            [],
            |r| r.get(0),
        )?;
        let mut not_imported = Vec::new();
        for (week, file_rows) in &by_week {
            if purged_before.as_deref().is_some_and(|b| *week < b) {
                continue;
            }
            let held = history_rows(&tx, Some(week))?;
            let state: Option<bool> = tx
                .query_row(
                    "SELECT closed_at IS NOT NULL FROM weeks WHERE week = ?1",
                    [week],
                    |r| r.get(0),
                )
                .optional()?;
            if held.is_empty() && state != Some(true) {
                if state == Some(false) || *week >= current {
                    return Err(Error::Refused(Denial::HistoryWeekNotClosed {
                        week: week.to_string(),
                        open: state == Some(false),
                    }));
                }
                if forgotten {
                    not_imported.push(*week);
                    continue;
                }
                for r in file_rows {
                    insert_history(&tx, r, "import")?;
                    imported += 1;
                }
                tx.execute(
                    "INSERT INTO weeks (week, closed_at, closed_by) VALUES (?1, ?2, ?3)",
                    params![week, now_utc(), self.actor],
                )?;
                new_weeks.push(*week);
                continue;
            }
            let mut a: Vec<_> = held.iter().map(HistoryEntry::key).collect();
            let mut b: Vec<_> = file_rows.iter().map(|r| r.key()).collect();
            a.sort();
            b.sort();
            if a != b {
                let only_file = b.iter().find(|k| !a.contains(k));
                let only_ledger = a.iter().find(|k| !b.contains(k));
                let show = |k: &(String, String, String, String, u32, bool, bool)| ShownRow {
                    expert: k.1.clone(),
                    org: k.2.clone(),
                    role: k.3.clone(),
                    intensity: k.4,
                    declined: k.6,
                };
                let diff = match (only_file, only_ledger) {
                    (Some(f), _) => HistoryDiff::FileOnly(show(f)),
                    (_, Some(l)) => HistoryDiff::LedgerOnly(show(l)),
                    _ => HistoryDiff::Counts {
                        file: b.len(),
                        ledger: a.len(),
                    },
                };
                return Err(Error::Refused(Denial::HistoryConflict {
                    week: week.to_string(),
                    diff,
                    forgotten,
                }));
            }
        }
        if !not_imported.is_empty() {
            return Err(Error::Refused(Denial::ForgottenNewWeeks {
                weeks: not_imported.iter().map(|w| w.to_string()).collect(),
            }));
        }
        if !write {
            return Ok(imported);
        }
        if imported > 0 {
            audit(
                &tx,
                &self.actor,
                "import-history",
                None,
                &format!("{imported} rows of weeks {}", new_weeks.join(", ")),
            )?;
        }
        tx.commit()?;
        Ok(imported)
    }

    /// Records a run and its proposals (one transaction). Returns the run's id.
    ///
    /// # Errors
    ///
    /// [`Error::Closed`] when the week is closed; SQL errors.
    pub fn record_run(&mut self, run: &NewRun) -> Result<i64> {
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        open_week(&tx, &run.week)?;
        if let Some(seen) = run.seen {
            let now = week_view(&tx, &run.week)?.stamp();
            if now != seen {
                return Err(Error::Refused(Denial::RunChanged {
                    week: run.week.clone(),
                }));
            }
        }
        let bookings_seen: i64 = tx.query_row(
            "SELECT coalesce(max(id), 0) FROM bookings WHERE week = ?1",
            [&run.week],
            |r| r.get(0),
        )?;
        tx.execute(
            "INSERT INTO runs (week, at, actor, policy, options, objective, bound, gap, proven, seconds, summary, bookings_seen)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)",
            params![
                run.week,
                now_utc(),
                self.actor,
                run.policy,
                run.options,
                run.objective,
                run.bound,
                run.gap,
                run.proven,
                run.seconds,
                run.summary,
                bookings_seen
            ],
        )?;
        let id = tx.last_insert_rowid();
        for f in &run.inputs {
            let sha = sha256_hex(&f.bytes);
            tx.execute(
                "INSERT OR IGNORE INTO blobs (sha256, bytes) VALUES (?1, ?2)",
                params![sha, f.bytes],
            )?;
            tx.execute(
                "INSERT INTO run_inputs (run, kind, name, sha256) VALUES (?1, ?2, ?3, ?4)",
                params![id, f.kind, f.name, sha],
            )?;
        }
        {
            let mut st = tx.prepare(
                "INSERT INTO proposals (run, request, expert, org, role, slot, intensity, themes, heavy, pinned)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
            )?;
            for s in &run.proposals {
                st.execute(params![
                    id,
                    s.request,
                    s.expert,
                    s.org,
                    s.role,
                    s.slot,
                    s.intensity,
                    s.themes,
                    s.heavy,
                    s.pinned
                ])?;
            }
        }
        standby::insert(&tx, id, &run.standbys)?;
        pause_in_transaction();
        let inputs: Vec<String> = run
            .inputs
            .iter()
            .map(|f| format!("{} sha256 {}", f.kind, &sha256_hex(&f.bytes)[..12]))
            .collect();
        audit(
            &tx,
            &self.actor,
            "run",
            Some(&run.week),
            &format!(
                "run {id}: {} proposals; {}; inputs {}",
                run.proposals.len(),
                run.summary,
                inputs.join(", ")
            ),
        )?;
        tx.commit()?;
        Ok(id)
    }

    /// Records decisions (one transaction) and returns how many were new: a decision that
    /// repeats the pair's current verdict without a note is not recorded again. Each must be on
    /// a pair some run of the week proposed, or booked.
    ///
    /// # Errors
    ///
    /// [`Error::Closed`]; [`Error::Refused`] (nothing recorded) naming the first decision on a
    /// pair that was never proposed or booked this week, or the first acceptance of a pair that
    /// was declined this week (a decline stands: its seat may have gone to someone else).
    pub fn decide(
        &mut self,
        week: &str,
        decisions: &[(String, String, bool, String)],
    ) -> Result<usize> {
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        open_week(&tx, week)?;
        let view = week_view(&tx, week)?;
        let known: BTreeSet<(&str, &str)> = view
            .ever_proposed
            .iter()
            .chain(view.bookings.iter().map(|b| &b.seat))
            .map(|s| (s.request.as_str(), s.expert.as_str()))
            .collect();
        for (r, e, _, _) in decisions {
            if !known.contains(&(r.as_str(), e.as_str())) {
                return Err(Error::Refused(Denial::NotProposed {
                    week: week.to_string(),
                    expert: e.clone(),
                    request: r.clone(),
                    no_run: view.latest_run.is_none(),
                }));
            }
        }
        // A decline stands: its seat may have gone to a standby or a booking since, so
        // accepting the pair again could put the expert beyond their limits or the request beyond
        // its seats. Refused for the whole set, before anything is written.
        let mut verdicts = view.verdicts();
        for (r, e, accepted, _) in decisions {
            if *accepted && verdicts.get(&(r.clone(), e.clone())) == Some(&false) {
                return Err(Error::Refused(Denial::DeclineStands {
                    week: week.to_string(),
                    expert: e.clone(),
                    request: r.clone(),
                }));
            }
        }
        let at = now_utc();
        let mut recorded = 0;
        for (r, e, accepted, note) in decisions {
            // The same verdict again (a decisions file given twice) changes nothing.
            let key = (r.clone(), e.clone());
            if verdicts.get(&key) == Some(accepted) && note.is_empty() {
                continue;
            }
            verdicts.insert(key, *accepted);
            recorded += 1;
            tx.execute(
                "INSERT INTO decisions (week, request, expert, verdict, note, at, actor) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
                params![week, r, e, if *accepted { "accepted" } else { "declined" }, note, at, self.actor],
            )?;
            audit(
                &tx,
                &self.actor,
                "decide",
                Some(week),
                &format!(
                    "request {r}, expert {e}: {}",
                    if *accepted { "accepted" } else { "declined" }
                ),
            )?;
        }
        tx.commit()?;
        Ok(recorded)
    }

    /// Books a seat in one `BEGIN IMMEDIATE` transaction: reads the week (so no other booking
    /// can slip in between), asks `check` whether the seat may be booked on top of it, and
    /// writes the booking. Of two processes booking the same last slot, the second waits for
    /// the first and its `check` sees the first's booking.
    ///
    /// # Errors
    ///
    /// [`Error::Closed`]; [`Error::Refused`] with `check`'s reason; SQL errors.
    pub fn book(
        &mut self,
        week: &str,
        check: impl FnOnce(&WeekView) -> Result<(Seat, Option<String>), String>,
    ) -> Result<i64> {
        self.book_checked(week, |view| check(view).map_err(Denial::Said))
    }

    /// [`Ledger::book`] with a check that says why as a [`Denial`].
    ///
    /// # Errors
    ///
    /// As [`Ledger::book`].
    pub fn book_checked(
        &mut self,
        week: &str,
        check: impl FnOnce(&WeekView) -> Result<(Seat, Option<String>), Denial>,
    ) -> Result<i64> {
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        open_week(&tx, week)?;
        let view = week_view(&tx, week)?;
        let (seat, inline) = check(&view).map_err(Error::Refused)?;
        tx.execute(
            "INSERT INTO bookings (week, request, expert, org, role, slot, intensity, themes, heavy, inline_request, at, actor)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)",
            params![
                week,
                seat.request,
                seat.expert,
                seat.org,
                seat.role,
                seat.slot,
                seat.intensity,
                seat.themes,
                seat.heavy,
                inline,
                now_utc(),
                self.actor
            ],
        )?;
        let id = tx.last_insert_rowid();
        pause_in_transaction();
        audit(
            &tx,
            &self.actor,
            "book",
            Some(week),
            &format!(
                "booking {id}: request {}{}, expert {}",
                seat.request,
                if inline.is_some() { " (inline)" } else { "" },
                seat.expert
            ),
        )?;
        tx.commit()?;
        Ok(id)
    }

    /// Closes a week in one transaction: the latest run's proposals that were not declined
    /// (accepted, or undecided: counted as taken place, the safe side for the load budgets) and
    /// the bookings become history rows, the declined pairs `declined` rows, and the week is
    /// marked closed (read-only from then on).
    ///
    /// # Errors
    ///
    /// [`Error::Closed`] when closed already; [`Error::Refused`] when the week has nothing
    /// recorded; SQL errors.
    pub fn close(&mut self, week: &str) -> Result<Closed> {
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        open_week(&tx, week)?;
        let view = week_view(&tx, week)?;
        if view.is_empty() {
            return Err(Error::Refused(Denial::NothingToClose {
                week: week.to_string(),
            }));
        }
        let problems = week_problems(week, &view);
        if !problems.is_empty() {
            return Err(Error::Refused(Denial::CloseBroken {
                week: week.to_string(),
                problems,
            }));
        }
        let verdicts = view.verdicts();
        let mut out = Closed::default();
        for s in view.taken() {
            let key = (s.request.clone(), s.expert.clone());
            let booked = view
                .bookings
                .iter()
                .any(|b| b.seat.request == s.request && b.seat.expert == s.expert);
            if !verdicts.contains_key(&key) && !booked {
                out.undecided += 1;
            }
            insert_history(&tx, &seat_history(week, &s, false), "close")?;
            out.rows += 1;
        }
        for ((r, e), accepted) in &verdicts {
            if *accepted {
                continue;
            }
            let seat = view
                .ever_proposed
                .iter()
                .chain(view.bookings.iter().map(|b| &b.seat))
                .find(|s| &s.request == r && &s.expert == e);
            if let Some(s) = seat {
                insert_history(&tx, &seat_history(week, s, true), "close")?;
                out.declined += 1;
            }
        }
        // Killed here, the history rows above are rolled back with the rest.
        pause_in_transaction();
        tx.execute(
            "UPDATE weeks SET closed_at = ?2, closed_by = ?3 WHERE week = ?1",
            params![week, now_utc(), self.actor],
        )?;
        audit(
            &tx,
            &self.actor,
            "close",
            Some(week),
            &format!(
                "{} history rows ({} undecided proposals counted as taken place), {} declined",
                out.rows, out.undecided, out.declined
            ),
        )?;
        tx.commit()?;
        Ok(out)
    }

    /// The audit log, oldest first.
    ///
    /// # Errors
    ///
    /// SQL errors.
    pub fn log(&self) -> Result<Vec<AuditEntry>> {
        let mut st = self
            .conn
            .prepare("SELECT id, at, actor, action, week, details FROM audit ORDER BY id")?;
        let rows = st
            .query_map([], |r| {
                Ok(AuditEntry {
                    id: r.get(0)?,
                    at: r.get(1)?,
                    actor: r.get(2)?,
                    action: r.get(3)?,
                    week: r.get(4)?,
                    details: r.get(5)?,
                })
            })?
            .collect::<rusqlite::Result<_>>()?;
        Ok(rows)
    }

    /// Checks the file: SQLite's `PRAGMA integrity_check` and `foreign_key_check`, and the
    /// ledger's own invariants. Returns the problems found (empty: clean), each rendered in
    /// the reader's language by [`CheckProblem::text`].
    ///
    /// The invariants: every decision is on a pair a run of its week proposed or booked; a
    /// closed week has history rows or nothing recorded; an open week has no history rows; no
    /// expert has two bookings of one request; no booking or proposal of a week exceeds a
    /// request's seats... (the last depends on the input files and is checked by `book`).
    ///
    /// # Errors
    ///
    /// SQL errors.
    pub fn check(&self) -> Result<Vec<CheckProblem>> {
        let mut problems = Vec::new();
        let mut st = self.conn.prepare("PRAGMA integrity_check")?;
        for r in st.query_map([], |r| r.get::<_, String>(0))? {
            let r = r?;
            if r != "ok" {
                problems.push(CheckProblem::Integrity(r));
            }
        }
        let mut st = self.conn.prepare("PRAGMA foreign_key_check")?;
        for r in st.query_map([], |r| r.get::<_, String>(0))? {
            problems.push(CheckProblem::ForeignKey(r?));
        }
        let version = self.schema_version()?;
        if version != SCHEMA_VERSION {
            problems.push(CheckProblem::SchemaVersion {
                have: version,
                want: SCHEMA_VERSION,
            });
        }
        let weeks: Vec<(String, bool)> = self.weeks()?;
        for (week, closed) in &weeks {
            let view = self.week(week)?;
            let hist = history_rows(&self.conn, Some(week))?;
            problems.extend(week_problems(week, &view));
            if *closed {
                let expected =
                    view.taken().len() + view.verdicts().values().filter(|a| !**a).count();
                if !view.is_empty() && hist.is_empty() && expected > 0 {
                    problems.push(CheckProblem::ClosedWithoutHistory { week: week.clone() });
                }
            } else if !hist.is_empty() {
                problems.push(CheckProblem::OpenWithHistory {
                    week: week.clone(),
                    rows: hist.len(),
                });
            }
        }
        let orphans: i64 = self.conn.query_row(
            "SELECT count(*) FROM history WHERE week NOT IN (SELECT week FROM weeks WHERE closed_at IS NOT NULL)",
            [],
            |r| r.get(0),
        )?;
        if orphans > 0 {
            problems.push(CheckProblem::OrphanHistory { rows: orphans });
        }
        Ok(problems)
    }

    /// A run's input file bytes, by kind (`experts`, `requests`, ...), for re-reading the rows
    /// a run read.
    ///
    /// # Errors
    ///
    /// SQL errors.
    pub fn run_inputs(&self, run: i64) -> Result<Vec<InputFile>> {
        let mut st = self.conn.prepare(
            "SELECT i.kind, i.name, b.bytes FROM run_inputs i JOIN blobs b ON b.sha256 = i.sha256 WHERE i.run = ?1 ORDER BY i.rowid",
        )?;
        let rows = st
            .query_map([run], |r| {
                Ok(InputFile {
                    kind: r.get(0)?,
                    name: r.get(1)?,
                    bytes: r.get(2)?,
                })
            })?
            .collect::<rusqlite::Result<_>>()?;
        Ok(rows)
    }

    /// A run's policy, as the TOML it recorded.
    ///
    /// # Errors
    ///
    /// SQL errors (no such run included).
    pub fn run_policy(&self, run: i64) -> Result<String> {
        Ok(self
            .conn
            .query_row("SELECT policy FROM runs WHERE id = ?1", [run], |r| r.get(0))?)
    }

    /// The underlying connection, for tests and tools that read the tables directly.
    pub fn connection(&self) -> &Connection {
        &self.conn
    }
}

/// For the crash-consistency tests: with `MATCHPUNT_LEDGER_PAUSE_MS=N` in the environment, each
/// writing transaction sleeps N ms after its rows are written and before it commits, so that a
/// test's SIGKILL lands inside the transaction. Unset (always, outside tests): no effect.
fn pause_in_transaction() {
    if let Some(ms) = std::env::var("MATCHPUNT_LEDGER_PAUSE_MS")
        .ok()
        .and_then(|v| v.parse::<u64>().ok())
    {
        std::thread::sleep(Duration::from_millis(ms.min(10_000)));
    }
}

fn seat_history(week: &str, s: &Seat, declined: bool) -> HistoryEntry {
    HistoryEntry {
        week: week.to_string(),
        expert: s.expert.clone(),
        org: s.org.clone(),
        role: s.role.clone(),
        intensity: s.intensity,
        heavy: s.heavy,
        declined,
        request: s.request.clone(),
        themes: s.themes.clone(),
    }
}

fn insert_history(tx: &Transaction<'_>, r: &HistoryEntry, source: &str) -> Result<()> {
    tx.execute(
        "INSERT INTO history (week, expert, org, role, intensity, request, themes, heavy, declined, source)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
        params![
            r.week,
            r.expert,
            r.org,
            r.role,
            r.intensity,
            r.request,
            r.themes,
            r.heavy,
            r.declined,
            source
        ],
    )?;
    Ok(())
}

/// The week's row, created when missing; refuses a closed week.
fn open_week(tx: &Transaction<'_>, week: &str) -> Result<()> {
    let closed: Option<bool> = tx
        .query_row(
            "SELECT closed_at IS NOT NULL FROM weeks WHERE week = ?1",
            [week],
            |r| r.get(0),
        )
        .optional()?;
    match closed {
        Some(true) => Err(Error::Closed(week.to_string())),
        Some(false) => Ok(()),
        None => {
            tx.execute("INSERT INTO weeks (week) VALUES (?1)", [week])?;
            Ok(())
        }
    }
}

fn audit(
    tx: &Connection,
    actor: &str,
    action: &str,
    week: Option<&str>,
    details: &str,
) -> Result<()> {
    tx.execute(
        "INSERT INTO audit (at, actor, action, week, details) VALUES (?1, ?2, ?3, ?4, ?5)",
        params![now_utc(), actor, action, week, details],
    )?;
    Ok(())
}

/// The invariants of one week's records that hold whether the week is open or closed: every
/// decision is on a pair a run of the week proposed or booked, no expert is booked twice for one
/// request, and no expert has two taken seats in one slot. Shared by [`Ledger::check`] and
/// [`Ledger::close`] (which refuses to turn a broken week into history).
///
/// Complexity: O(d·p + t log t) for d decisions, p proposals and bookings, t taken seats.
fn week_problems(week: &str, view: &WeekView) -> Vec<CheckProblem> {
    let mut problems = Vec::new();
    let known: BTreeSet<(&str, &str)> = view
        .ever_proposed
        .iter()
        .chain(view.bookings.iter().map(|b| &b.seat))
        .map(|s| (s.request.as_str(), s.expert.as_str()))
        .collect();
    for d in &view.decisions {
        if !known.contains(&(d.request.as_str(), d.expert.as_str())) {
            problems.push(CheckProblem::DecisionOnNothing {
                week: week.to_string(),
                id: d.id,
                request: d.request.clone(),
                expert: d.expert.clone(),
            });
        }
    }
    let mut pairs = BTreeSet::new();
    for b in &view.bookings {
        if !pairs.insert((b.seat.request.as_str(), b.seat.expert.as_str())) {
            problems.push(CheckProblem::BookedTwice {
                week: week.to_string(),
                expert: b.seat.expert.clone(),
                request: b.seat.request.clone(),
            });
        }
    }
    let mut slots = BTreeMap::new();
    for s in view.taken() {
        if s.slot.is_empty() {
            continue;
        }
        if let Some(other) = slots.insert((s.expert.clone(), s.slot.clone()), s.request.clone()) {
            problems.push(CheckProblem::TwoSeatsInSlot {
                week: week.to_string(),
                expert: s.expert.clone(),
                slot: s.slot.clone(),
                first: other,
                second: s.request.clone(),
            });
        }
    }
    problems
}

fn history_rows(conn: &Connection, week: Option<&str>) -> Result<Vec<HistoryEntry>> {
    let sql =
        "SELECT week, expert, org, role, intensity, heavy, declined, request, themes FROM history
               WHERE ?1 IS NULL OR week = ?1 ORDER BY week, id";
    let mut st = conn.prepare(sql)?;
    let rows = st
        .query_map([week], |r| {
            Ok(HistoryEntry {
                week: r.get(0)?,
                expert: r.get(1)?,
                org: r.get(2)?,
                role: r.get(3)?,
                intensity: r.get(4)?,
                heavy: r.get(5)?,
                declined: r.get(6)?,
                request: r.get(7)?,
                themes: r.get(8)?,
            })
        })?
        .collect::<rusqlite::Result<_>>()?;
    Ok(rows)
}

fn seat_of(r: &rusqlite::Row<'_>, at: usize) -> rusqlite::Result<Seat> {
    Ok(Seat {
        request: r.get(at)?,
        expert: r.get(at + 1)?,
        org: r.get(at + 2)?,
        role: r.get(at + 3)?,
        slot: r.get(at + 4)?,
        intensity: r.get(at + 5)?,
        themes: r.get(at + 6)?,
        heavy: r.get(at + 7)?,
        pinned: r.get(at + 8)?,
    })
}

fn week_view(conn: &Connection, week: &str) -> Result<WeekView> {
    let closed: Option<bool> = conn
        .query_row(
            "SELECT closed_at IS NOT NULL FROM weeks WHERE week = ?1",
            [week],
            |r| r.get(0),
        )
        .optional()?;
    let latest_run: Option<i64> =
        conn.query_row("SELECT max(id) FROM runs WHERE week = ?1", [week], |r| {
            r.get(0)
        })?;
    let cols = "request, expert, org, role, slot, intensity, themes, heavy, pinned";
    let proposals = match latest_run {
        None => Vec::new(),
        Some(run) => {
            let mut st = conn.prepare(&format!(
                "SELECT {cols} FROM proposals WHERE run = ?1 ORDER BY request, expert"
            ))?;
            let rows = st
                .query_map([run], |r| seat_of(r, 0))?
                .collect::<rusqlite::Result<_>>()?;
            rows
        }
    };
    let ever_proposed = {
        // The latest run's data of each pair ever proposed this week: the runs newest first,
        // each pair kept at its first (newest) sight.
        let mut st = conn.prepare(&format!(
            "SELECT {cols} FROM proposals p JOIN runs r ON r.id = p.run WHERE r.week = ?1
             ORDER BY p.run DESC"
        ))?;
        let all: Vec<Seat> = st
            .query_map([week], |r| seat_of(r, 0))?
            .collect::<rusqlite::Result<_>>()?;
        let mut seen = BTreeSet::new();
        let mut rows: Vec<Seat> = all
            .into_iter()
            .filter(|s| seen.insert((s.request.clone(), s.expert.clone())))
            .collect();
        rows.sort_by(|a, b| (&a.request, &a.expert).cmp(&(&b.request, &b.expert)));
        rows
    };
    let decisions = {
        let mut st = conn.prepare(
            "SELECT id, request, expert, verdict, note, at, actor FROM decisions WHERE week = ?1 ORDER BY id",
        )?;
        let rows = st
            .query_map([week], |r| {
                Ok(Decision {
                    id: r.get(0)?,
                    request: r.get(1)?,
                    expert: r.get(2)?,
                    accepted: r.get::<_, String>(3)? == "accepted",
                    note: r.get(4)?,
                    at: r.get(5)?,
                    actor: r.get(6)?,
                })
            })?
            .collect::<rusqlite::Result<_>>()?;
        rows
    };
    let bookings = {
        let mut st = conn.prepare(
            "SELECT id, request, expert, org, role, slot, intensity, themes, heavy, 1, inline_request, at, actor
             FROM bookings WHERE week = ?1 ORDER BY id",
        )?;
        let rows = st
            .query_map([week], |r| {
                Ok(Booking {
                    id: r.get(0)?,
                    seat: seat_of(r, 1)?,
                    inline_request: r.get(10)?,
                    at: r.get(11)?,
                    actor: r.get(12)?,
                })
            })?
            .collect::<rusqlite::Result<_>>()?;
        rows
    };
    let (standbys, bookings_seen) = match latest_run {
        Some(run) => standby::of_run(conn, run)?,
        None => (Vec::new(), 0),
    };
    Ok(WeekView {
        week: week.to_string(),
        closed: closed == Some(true),
        latest_run,
        proposals,
        ever_proposed,
        decisions,
        bookings,
        standbys,
        bookings_seen,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn seat(r: &str, e: &str, slot: &str) -> Seat {
        Seat {
            request: r.into(),
            expert: e.into(),
            org: "Org".into(),
            role: "buddy".into(),
            slot: slot.into(),
            intensity: 2,
            themes: "angst".into(),
            heavy: false,
            pinned: false,
        }
    }

    #[test]
    fn init_refuses_existing_and_open_refuses_missing() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("l.sqlite");
        let e = Ledger::open(&p, "t").unwrap_err();
        assert!(e.to_string().contains("matchpunt ledger init"), "{e}");
        assert!(!p.exists(), "open must never create the file");
        Ledger::init(&p, "t").unwrap();
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = std::fs::metadata(&p).unwrap().permissions().mode() & 0o777;
            assert_eq!(mode, 0o600);
        }
        assert!(matches!(Ledger::init(&p, "t"), Err(Error::Exists(_))));
        let l = Ledger::open(&p, "t").unwrap();
        assert_eq!(l.schema_version().unwrap(), SCHEMA_VERSION);
    }

    #[test]
    fn a_version_1_ledger_is_migrated_and_keeps_its_rows() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("old.sqlite");
        {
            let c = Connection::open(&p).unwrap();
            c.execute_batch(SCHEMA_V1).unwrap();
            c.execute("UPDATE schema_version SET version = 1", [])
                .unwrap();
            c.execute("INSERT INTO weeks (week) VALUES ('2026-W48')", [])
                .unwrap();
            c.execute(
                "INSERT INTO runs (week, at, actor, policy, options, objective, bound, gap, proven, seconds)
                 VALUES ('2026-W48', 'x', 'a', '', '', 1.0, 1.0, NULL, 1, 0.1)",
                [],
            )
            .unwrap();
            c.execute(
                "INSERT INTO proposals VALUES (1, 'R1', 'E1', 'Org', 'buddy', '', 2, '', 0, 0)",
                [],
            )
            .unwrap();
        }
        let l = Ledger::open(&p, "t").unwrap();
        assert_eq!(l.schema_version().unwrap(), SCHEMA_VERSION);
        let w = l.week("2026-W48").unwrap();
        assert_eq!(w.proposals.len(), 1);
        let summary: String = l
            .connection()
            .query_row("SELECT summary FROM runs WHERE id = 1", [], |r| r.get(0))
            .unwrap();
        assert_eq!(summary, "");
        assert!(l.log().unwrap().iter().any(|a| a.action == "migrate"));
        assert!(l.check().unwrap().is_empty());
    }

    #[test]
    fn decide_book_close_and_read_only() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("l.sqlite");
        let mut l = Ledger::init(&p, "t").unwrap();
        let run = NewRun {
            week: "2026-W48".into(),
            proposals: vec![seat("R1", "E1", "wed-pm"), seat("R2", "E2", "")],
            ..NewRun::default()
        };
        l.record_run(&run).unwrap();
        let err = l
            .decide(
                "2026-W48",
                &[("R1".into(), "E2".into(), true, String::new())],
            )
            .unwrap_err();
        assert!(err.to_string().contains("proposed"), "{err}");
        l.decide(
            "2026-W48",
            &[("R2".into(), "E2".into(), false, "note".into())],
        )
        .unwrap();
        l.book("2026-W48", |w| {
            assert_eq!(w.taken().len(), 1);
            Ok((seat("R3", "E3", "mon-am"), None))
        })
        .unwrap();
        let refused = l.book("2026-W48", |_| Err("full".into())).unwrap_err();
        assert_eq!(refused.to_string(), "full");
        // A run that read the week before the booking is refused; one that read it after is not.
        let mut late = run.clone();
        late.seen = Some(WeekStamp::default());
        assert!(matches!(l.record_run(&late), Err(Error::Refused(_))));
        let mut fresh = run.clone();
        fresh.seen = Some(l.week("2026-W48").unwrap().stamp());
        l.record_run(&fresh).unwrap();
        let c = l.close("2026-W48").unwrap();
        assert_eq!((c.rows, c.undecided, c.declined), (2, 1, 1));
        assert!(matches!(l.close("2026-W48"), Err(Error::Closed(_))));
        assert!(matches!(l.record_run(&run), Err(Error::Closed(_))));
        let h = l.history().unwrap();
        assert_eq!(h.len(), 3);
        assert!(h.iter().any(|r| r.expert == "E2" && r.declined));
        assert!(l.check().unwrap().is_empty());
        let log = l.log().unwrap();
        assert!(log.iter().all(|a| !a.details.contains("note")));
        assert_eq!(
            log.iter().map(|a| a.action.as_str()).collect::<Vec<_>>(),
            ["init", "run", "decide", "book", "run", "close"]
        );
    }

    #[test]
    fn import_then_conflict() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("l.sqlite");
        let mut l = Ledger::init(&p, "t").unwrap();
        let row = |w: &str, e: &str, i: u32| HistoryEntry {
            week: w.into(),
            expert: e.into(),
            org: "Org".into(),
            role: "buddy".into(),
            intensity: i,
            heavy: false,
            declined: false,
            request: String::new(),
            themes: String::new(),
        };
        let file = vec![row("2026-W46", "E1", 2), row("2026-W47", "E2", 3)];
        assert_eq!(l.import_history(&file, "2026-W48").unwrap(), 2);
        assert_eq!(l.import_history(&file, "2026-W48").unwrap(), 0);
        let changed = vec![row("2026-W46", "E1", 3), row("2026-W47", "E2", 3)];
        let e = l.import_history(&changed, "2026-W48").unwrap_err();
        assert!(e.to_string().contains("conflicts"), "{e}");
        let future = vec![row("2026-W48", "E1", 2)];
        assert!(l.import_history(&future, "2026-W48").is_err());
        assert_eq!(l.history().unwrap().len(), 2);
        assert!(l.check().unwrap().is_empty());
    }

    #[test]
    fn time_is_utc_rfc3339() {
        assert_eq!(civil(0), (1970, 1, 1));
        assert_eq!(civil(20_793), (2026, 12, 6));
        let t = now_utc();
        assert_eq!(t.len(), 20, "{t}");
        assert!(t.ends_with('Z'));
    }
}
