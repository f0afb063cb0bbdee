//! The experts' rights over their data (AVG/GDPR art. 15 and 17) and retention: everything the
//! ledger holds about one expert ([`Ledger::expert_data`]), erasing one expert
//! ([`Ledger::forget`]) and erasing whole weeks by age ([`Ledger::purge_before`]).
//!
//! Why erasure rewrites the stored inputs: the input files are kept as read (for the audit of a
//! run), and the experts file holds the person's themes and excluded organisations, which are
//! health data. [`Ledger::forget`] drops the person's rows from every stored CSV input (their
//! rows by the id column, and only the references to them in other people's rows: see
//! [`crate::person`]), puts an
//! anonymous id in place of theirs in every table (so that counts per week stay right), and
//! replaces every stored workbook input (which cannot be rewritten cell by cell here) by a note.
//! Then SQLite's `secure_delete` overwrites the freed space and `VACUUM` rebuilds the file, so
//! that none of the person's strings is left in the file's bytes. Copies made before (outputs,
//! backups, earlier exports) are out of the ledger's reach.

use super::*;
use crate::person::{is_id, Person, Table};
use matchpunt::ingest::ids::IdKeys;

/// A stored input's rows that name the expert, for an access request.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct InputRows {
    /// The run that read it.
    pub run: i64,
    /// Its week.
    pub week: String,
    /// `experts`, `requests`, `history`, `policy`, `workbook`.
    pub kind: String,
    /// The file as given.
    pub name: String,
    /// The header row (empty for a workbook).
    pub header: Vec<String>,
    /// The rows whose id column names the expert (experts' `id`, history's `expert`, a
    /// request's `preferred_expert` or `pinned_expert`, where only their own item is kept);
    /// never another expert's row that names them (`not_with`).
    pub rows: Vec<Vec<String>>,
    /// For a workbook: it is stored whole and not searched here.
    pub note: String,
}

/// Everything the ledger holds about one expert, over all weeks.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct ExpertData {
    /// The expert's id.
    pub expert: String,
    /// Their rows of the stored inputs ([`InputRows::rows`]).
    pub inputs: Vec<InputRows>,
    /// Proposals to them: (run, week, seat).
    pub proposals: Vec<(i64, String, Seat)>,
    /// Standbys: (run, week, row), as the standby or as the assigned expert; the other
    /// expert of the row is left out (empty), being another person.
    pub standbys: Vec<(i64, String, StandbyRow)>,
    /// Decisions on their proposals: (week, decision).
    pub decisions: Vec<(String, Decision)>,
    /// Their bookings: (week, booking).
    pub bookings: Vec<(String, Booking)>,
    /// Their history rows.
    pub history: Vec<HistoryEntry>,
    /// Log lines that name them.
    pub log: Vec<AuditEntry>,
}

/// What [`Ledger::forget`] or [`Ledger::purge_before`] erased.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Erased {
    /// The anonymous id the person's rows now carry (forget only).
    pub anonymous: String,
    /// Table rows changed or deleted.
    pub rows: usize,
    /// Stored input files rewritten (their rows of the person dropped) or deleted.
    pub inputs: usize,
    /// Stored workbooks replaced by a note.
    pub workbooks: usize,
    /// Weeks touched.
    pub weeks: usize,
    /// The file's size after the vacuum, bytes.
    pub bytes: u64,
}

/// The table columns that hold an expert's id.
const PERSON_COLUMNS: [(&str, &str); 6] = [
    ("proposals", "expert"),
    ("standbys", "expert"),
    ("standbys", "standby"),
    ("decisions", "expert"),
    ("bookings", "expert"),
    ("history", "expert"),
];

/// Whether a stored input is a workbook (by kind, or by the zip or OLE signature).
fn is_workbook(kind: &str, bytes: &[u8]) -> bool {
    kind == "workbook" || bytes.starts_with(b"PK\x03\x04") || bytes.starts_with(&[0xD0, 0xCF])
}

impl Ledger {
    /// The id as the ledger holds it: an id of its tables or of a stored experts file equal to
    /// `id` trimmed and in any case, else the one id that reads as `id` the way the rest of
    /// matchpunt reads ids (`E01`, `E 1`, `nr. 1`: [`matchpunt::ingest::ids`]), so that an
    /// access request or an erasure never misses rows for a spelling of the id. The id as
    /// given (trimmed) when nothing reads as it.
    ///
    /// # Errors
    ///
    /// [`Error::Refused`] when the ledger holds two spellings that differ only in case, or
    /// several ids that read as `id` (the person must be named exactly); SQL errors.
    fn stored_id(&self, id: &str) -> Result<String> {
        let mut held = BTreeSet::new();
        for (table, col) in PERSON_COLUMNS {
            let sql = format!("SELECT DISTINCT {col} FROM {table}");
            let mut st = self.conn.prepare(&sql)?;
            for v in st.query_map([], |r| r.get::<_, String>(0))? {
                held.insert(v?);
            }
        }
        for (_, roster) in self.rosters()? {
            held.extend(roster.into_iter().map(|(id, _)| id));
        }
        held.retain(|h| !h.trim().is_empty() && !h.starts_with("forgotten-"));
        let exact: Vec<&String> = held.iter().filter(|h| is_id(h, id)).collect();
        let exact: BTreeSet<&str> = exact.iter().map(|h| h.trim()).collect();
        match exact.len() {
            1 => return Ok(exact.into_iter().next().unwrap_or_default().to_string()),
            0 => {}
            n => return Err(Error::Refused(crate::Denial::CaseSpellings { n })),
        }
        let held: Vec<&String> = held.iter().collect();
        let keys = IdKeys::new(held.iter().enumerate().map(|(i, h)| (i, h.as_str())));
        let hits: BTreeSet<&str> = keys
            .lookup_cell(id)
            .into_iter()
            .map(|i| held[i].trim())
            .collect();
        match hits.len() {
            0 => Ok(id.trim().to_string()),
            1 => Ok(hits.into_iter().next().unwrap_or_default().to_string()),
            _ => Err(Error::Refused(crate::Denial::IdReadsAsSeveral {
                id: id.trim().to_string(),
                ids: hits.into_iter().map(str::to_string).collect(),
            })),
        }
    }

    /// Every run's roster: (id, name) of each row of its stored experts file (empty for a
    /// workbook or an unreadable file). O(stored experts bytes).
    fn rosters(&self) -> Result<BTreeMap<i64, Vec<(String, String)>>> {
        let mut st = self.conn.prepare(
            "SELECT i.run, b.bytes FROM run_inputs i JOIN blobs b ON b.sha256 = i.sha256
             WHERE i.kind = 'experts' ORDER BY i.run, i.rowid",
        )?;
        let files: Vec<(i64, Vec<u8>)> = st
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
            .collect::<rusqlite::Result<_>>()?;
        let mut out = BTreeMap::new();
        for (run, bytes) in files {
            let roster = Table::read("experts", &bytes)
                .map(|t| t.roster())
                .unwrap_or_default();
            out.entry(run).or_insert_with(Vec::new).extend(roster);
        }
        Ok(out)
    }

    /// The person `id` (as stored) in each run: their names from every roster that holds
    /// them, so that a name written in a run whose roster lacks them is read too.
    fn persons(&self, id: &str) -> Result<(BTreeMap<i64, Person>, Person)> {
        let rosters = self.rosters()?;
        let mut names: Vec<String> = Vec::new();
        for roster in rosters.values() {
            for n in Person::new(id, roster, &[]).names() {
                if !names.contains(n) {
                    names.push(n.clone());
                }
            }
        }
        let by_run = rosters
            .iter()
            .map(|(run, roster)| (*run, Person::new(id, roster, &names)))
            .collect();
        Ok((by_run, Person::new(id, &[], &names)))
    }

    /// Everything held about expert `id` (trimmed, any case) over all weeks, for an access
    /// request.
    ///
    /// # Errors
    ///
    /// [`Error::Refused`] when the ledger holds nothing about the id; SQL errors.
    pub fn expert_data(&self, id: &str) -> Result<ExpertData> {
        let stored = self.stored_id(id)?;
        let id = stored.as_str();
        let c = &self.conn;
        let mut out = ExpertData {
            expert: id.to_string(),
            ..ExpertData::default()
        };
        let mut st = c.prepare(
            "SELECT i.run, r.week, i.kind, i.name, b.bytes FROM run_inputs i
             JOIN runs r ON r.id = i.run JOIN blobs b ON b.sha256 = i.sha256 ORDER BY i.run, i.rowid",
        )?;
        let files: Vec<(i64, String, String, String, Vec<u8>)> = st
            .query_map([], |r| {
                Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?))
            })?
            .collect::<rusqlite::Result<_>>()?;
        let (persons, nobody) = self.persons(id)?;
        for (run, week, kind, name, bytes) in files {
            if is_workbook(&kind, &bytes) {
                out.inputs.push(InputRows {
                    run,
                    week,
                    kind,
                    name,
                    header: Vec::new(),
                    rows: Vec::new(),
                    note: "a workbook, stored whole: its rows are not searched here".into(),
                });
                continue;
            }
            let Some(t) = Table::read(&kind, &bytes) else {
                continue;
            };
            let p = persons.get(&run).unwrap_or(&nobody);
            let mine: Vec<Vec<String>> = t
                .body()
                .filter(|(_, r)| t.is_theirs(r, p))
                .map(|(_, r)| t.their_view(r, p))
                .collect();
            if !mine.is_empty() {
                out.inputs.push(InputRows {
                    run,
                    week,
                    kind,
                    name,
                    header: t.head().to_vec(),
                    rows: mine,
                    note: String::new(),
                });
            }
        }
        let cols =
            "p.request, p.expert, p.org, p.role, p.slot, p.intensity, p.themes, p.heavy, p.pinned";
        let mut st = c.prepare(&format!(
            "SELECT p.run, r.week, {cols} FROM proposals p JOIN runs r ON r.id = p.run
             WHERE p.expert = ?1 ORDER BY p.run, p.request"
        ))?;
        out.proposals = st
            .query_map([id], |r| Ok((r.get(0)?, r.get(1)?, seat_of(r, 2)?)))?
            .collect::<rusqlite::Result<_>>()?;
        let mut st = c.prepare(
            "SELECT s.run, r.week, s.request, s.expert, s.rank, s.standby, s.cost, s.proven, s.swap_cost, s.spare_count, s.spare_load
             FROM standbys s JOIN runs r ON r.id = s.run WHERE s.expert = ?1 OR s.standby = ?1
             ORDER BY s.run, s.request, s.rank",
        )?;
        out.standbys = st
            .query_map([id], |r| {
                Ok((
                    r.get(0)?,
                    r.get(1)?,
                    StandbyRow {
                        request: r.get(2)?,
                        expert: r.get(3)?,
                        rank: r.get(4)?,
                        standby: r.get(5)?,
                        cost: r.get(6)?,
                        proven: r.get(7)?,
                        swap_cost: r.get(8)?,
                        spare_count: r.get(9)?,
                        spare_load: r.get(10)?,
                    },
                ))
            })?
            .collect::<rusqlite::Result<_>>()?;
        // The other expert of a standby row is another person: left out (empty).
        for (_, _, s) in &mut out.standbys {
            for other in [&mut s.expert, &mut s.standby] {
                if other != id {
                    other.clear();
                }
            }
        }
        for (week, _) in self.weeks()? {
            let v = self.week(&week)?;
            for d in v.decisions.into_iter().filter(|d| d.expert == id) {
                out.decisions.push((week.clone(), d));
            }
            for b in v.bookings.into_iter().filter(|b| b.seat.expert == id) {
                out.bookings.push((week.clone(), b));
            }
        }
        out.history = self
            .history()?
            .into_iter()
            .filter(|h| h.expert == id)
            .collect();
        out.log = self
            .log()?
            .into_iter()
            .filter(|a| names_expert(&a.details, id))
            .collect();
        let empty = out.inputs.iter().all(|i| i.rows.is_empty())
            && out.proposals.is_empty()
            && out.standbys.is_empty()
            && out.decisions.is_empty()
            && out.bookings.is_empty()
            && out.history.is_empty();
        if empty {
            return Err(Error::Refused(crate::Denial::NothingAbout {
                ledger: self.path.display().to_string(),
                id: id.to_string(),
            }));
        }
        Ok(out)
    }

    /// Whether a stored input's row names the person (a reference that [`Table::without`]
    /// would remove). O(stored input bytes).
    fn referenced(&self, persons: &BTreeMap<i64, Person>, nobody: &Person) -> Result<bool> {
        let mut st = self.conn.prepare(
            "SELECT i.run, i.kind, b.bytes FROM run_inputs i JOIN blobs b ON b.sha256 = i.sha256",
        )?;
        let files: Vec<(i64, String, Vec<u8>)> = st
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?
            .collect::<rusqlite::Result<_>>()?;
        Ok(files.iter().any(|(run, kind, bytes)| {
            let p = persons.get(run).unwrap_or(nobody);
            Table::read(kind, bytes).is_some_and(|t| t.without(p, "-").is_some())
        }))
    }

    /// Erases expert `id` from every week: their rows dropped from every stored CSV input and
    /// the references to them removed from other people's rows (see `person`: their
    /// item of a `not_with`, preferred or pinned cell; their name in a note), every stored
    /// workbook input replaced by a note,
    /// their id replaced by a new anonymous id (`forgotten-N`) in proposals, standbys,
    /// decisions (whose notes are emptied), bookings, history and the log; then the freed
    /// space overwritten (`secure_delete`) and the file rebuilt (`VACUUM`). Logged as `forget`
    /// with the anonymous id only. Closed weeks are rewritten too: erasure overrides their
    /// being read-only.
    ///
    /// # Errors
    ///
    /// [`Error::Refused`] when the ledger holds nothing about the id and no stored row names
    /// them; SQL errors.
    pub fn forget(&mut self, id: &str) -> Result<Erased> {
        let stored = self.stored_id(id)?;
        let id = stored.as_str();
        let (persons, nobody) = self.persons(id)?;
        if let Err(e) = self.expert_data(id) {
            // Nothing of theirs, but other people's rows may still name them (their own rows
            // purged, or never stored): those references are erased all the same.
            if !self.referenced(&persons, &nobody)? {
                return Err(e);
            }
        }
        self.conn.pragma_update(None, "secure_delete", "ON")?;
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        let n: i64 = tx.query_row(
            "SELECT count(*) FROM audit WHERE action = 'forget'",
            [],
            |r| r.get(0),
        )?;
        let anon = format!("forgotten-{}", n + 1);
        let mut out = Erased {
            anonymous: anon.clone(),
            ..Erased::default()
        };
        let mut weeks = BTreeSet::new();
        for (table, col) in [
            ("proposals", "expert"),
            ("standbys", "expert"),
            ("standbys", "standby"),
            ("decisions", "expert"),
            ("bookings", "expert"),
            ("history", "expert"),
        ] {
            if table == "decisions" {
                tx.execute(
                    "UPDATE decisions SET note = '' WHERE expert = ?1 AND note <> ''",
                    [id],
                )?;
            }
            let week_sql = match table {
                "proposals" | "standbys" => format!(
                    "SELECT DISTINCT r.week FROM {table} t JOIN runs r ON r.id = t.run WHERE t.{col} = ?1"
                ),
                _ => format!("SELECT DISTINCT week FROM {table} WHERE {col} = ?1"),
            };
            let mut st = tx.prepare(&week_sql)?;
            for w in st.query_map([id], |r| r.get::<_, String>(0))? {
                weeks.insert(w?);
            }
            out.rows += tx.execute(
                &format!("UPDATE {table} SET {col} = ?2 WHERE {col} = ?1"),
                params![id, anon],
            )?;
        }
        // The log: the id replaced wherever it names an expert (`expert E1`; a bare number
        // elsewhere in a line is a count or a request).
        let lines: Vec<(i64, String)> = {
            let mut st = tx.prepare("SELECT id, details FROM audit")?;
            let rows = st
                .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
                .collect::<rusqlite::Result<_>>()?;
            rows
        };
        for (line, details) in lines {
            if names_expert(&details, id) {
                tx.execute(
                    "UPDATE audit SET details = ?2 WHERE id = ?1",
                    params![line, replace_expert(&details, id, &anon)],
                )?;
                out.rows += 1;
            }
        }
        // The stored inputs.
        let blobs: Vec<(String, Vec<u8>, String, i64)> = {
            let mut st = tx.prepare(
                "SELECT b.sha256, b.bytes, (SELECT min(kind) FROM run_inputs i WHERE i.sha256 = b.sha256),
                 (SELECT min(run) FROM run_inputs i WHERE i.sha256 = b.sha256) FROM blobs b",
            )?;
            let rows = st
                .query_map([], |r| {
                    Ok((
                        r.get(0)?,
                        r.get(1)?,
                        r.get::<_, Option<String>>(2)?.unwrap_or_default(),
                        r.get::<_, Option<i64>>(3)?.unwrap_or_default(),
                    ))
                })?
                .collect::<rusqlite::Result<_>>()?;
            rows
        };
        for (sha, bytes, kind, run) in blobs {
            let p = persons.get(&run).unwrap_or(&nobody);
            let new = if is_workbook(&kind, &bytes) {
                out.workbooks += 1;
                Some(
                    format!(
                        "erased by `ledger forget` on {}: this workbook input held a forgotten expert\n",
                        now_utc()
                    )
                    .into_bytes(),
                )
            } else if !crate::person::is_table_kind(&kind) {
                // A policy: settings, no person's rows.
                None
            } else {
                match Table::read(&kind, &bytes) {
                    Some(t) => t.without(p, &anon).map(|t| t.write()),
                    // Not text: replaced whole, on the safe side.
                    None => Some(b"erased by `ledger forget`: not readable as text\n".to_vec()),
                }
            };
            let Some(new) = new else {
                continue;
            };
            let new_sha = sha256_hex(&new);
            tx.execute(
                "INSERT OR IGNORE INTO blobs (sha256, bytes) VALUES (?1, ?2)",
                params![new_sha, new],
            )?;
            tx.execute(
                "UPDATE run_inputs SET sha256 = ?2 WHERE sha256 = ?1",
                params![sha, new_sha],
            )?;
            if new_sha != sha {
                tx.execute("DELETE FROM blobs WHERE sha256 = ?1", [&sha])?;
            }
            if kind != "workbook" {
                out.inputs += 1;
            }
        }
        out.weeks = weeks.len();
        audit(
            &tx,
            &self.actor,
            "forget",
            None,
            &format!(
                "an expert erased at their request: now {anon} in {} row(s) of {} week(s); {} stored input(s) rewritten, {} workbook(s) replaced by a note; space overwritten and vacuumed",
                out.rows, out.weeks, out.inputs, out.workbooks
            ),
        )?;
        tx.commit()?;
        self.vacuum()?;
        out.bytes = std::fs::metadata(&self.path).map(|m| m.len()).unwrap_or(0);
        Ok(out)
    }

    /// Erases every week before `week` (ISO, `2026-W40`): its runs with their stored inputs,
    /// proposals and standbys, its decisions, bookings and history, and the log lines of those
    /// weeks; history rows of earlier weeks imported from a file too. Then `secure_delete` and
    /// `VACUUM`, as [`Ledger::forget`]. Logged as `purge`.
    ///
    /// # Errors
    ///
    /// [`Error::Refused`] when a week to erase is still open (close it first, so that its
    /// history has been used); SQL errors.
    pub fn purge_before(&mut self, week: &str) -> Result<Erased> {
        let open: Vec<String> = self
            .weeks()?
            .into_iter()
            .filter(|(w, closed)| w.as_str() < week && !closed)
            .map(|(w, _)| w)
            .collect();
        if !open.is_empty() {
            return Err(Error::Refused(crate::Denial::OpenWeeksBefore {
                weeks: open,
                before: week.to_string(),
            }));
        }
        self.conn.pragma_update(None, "secure_delete", "ON")?;
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        let weeks: usize = tx.query_row(
            "SELECT count(*) FROM (SELECT week FROM weeks WHERE week < ?1 UNION SELECT week FROM history WHERE week < ?1)",
            [week],
            |r| r.get(0),
        )?;
        let mut out = Erased {
            weeks,
            ..Erased::default()
        };
        let runs = "(SELECT id FROM runs WHERE week < ?1)";
        for sql in [
            format!("DELETE FROM standbys WHERE run IN {runs}"),
            format!("DELETE FROM proposals WHERE run IN {runs}"),
        ] {
            out.rows += tx.execute(&sql, [week])?;
        }
        out.inputs = tx.execute(
            &format!("DELETE FROM run_inputs WHERE run IN {runs}"),
            [week],
        )?;
        for sql in [
            "DELETE FROM runs WHERE week < ?1",
            "DELETE FROM decisions WHERE week < ?1",
            "DELETE FROM bookings WHERE week < ?1",
            "DELETE FROM history WHERE week < ?1",
            "DELETE FROM audit WHERE week < ?1",
            "DELETE FROM weeks WHERE week < ?1",
        ] {
            out.rows += tx.execute(sql, [week])?;
        }
        tx.execute(
            "DELETE FROM blobs WHERE sha256 NOT IN (SELECT sha256 FROM run_inputs)",
            [],
        )?;
        // The boundary is kept in the log's week column: a history file given later never
        // brings the erased weeks back (see `history_file`).
        audit(
            &tx,
            &self.actor,
            "purge",
            Some(week),
            &format!(
                "weeks before {week} erased: {} week(s), {} row(s), {} stored input(s); space overwritten and vacuumed",
                out.weeks, out.rows, out.inputs
            ),
        )?;
        tx.commit()?;
        self.vacuum()?;
        out.bytes = std::fs::metadata(&self.path).map(|m| m.len()).unwrap_or(0);
        Ok(out)
    }

    /// Rebuilds the file with `secure_delete` on, so that freed pages hold no old rows.
    fn vacuum(&mut self) -> Result<()> {
        self.conn.pragma_update(None, "secure_delete", "ON")?;
        self.conn.execute_batch("VACUUM")?;
        Ok(())
    }
}

/// Where `text` names expert `id` as the log writes it (`expert E1`, as a whole word): the
/// byte offsets of the id.
fn expert_positions(text: &str, id: &str) -> Vec<usize> {
    if id.is_empty() {
        return Vec::new();
    }
    let is_word = |c: char| c.is_alphanumeric() || c == '-' || c == '_';
    text.match_indices(id)
        .map(|(i, _)| i)
        .filter(|&i| {
            let after = text[i + id.len()..]
                .chars()
                .next()
                .is_none_or(|c| !is_word(c));
            after && text[..i].ends_with("expert ")
        })
        .collect()
}

/// Whether a log line names expert `id` (`expert E1`: not `E10`, not a count `2`).
fn names_expert(text: &str, id: &str) -> bool {
    !expert_positions(text, id).is_empty()
}

fn replace_expert(text: &str, id: &str, with: &str) -> String {
    let mut out = String::new();
    let mut last = 0;
    for i in expert_positions(text, id) {
        out.push_str(&text[last..i]);
        out.push_str(with);
        last = i + id.len();
    }
    out.push_str(&text[last..]);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    const EXPERTS: &str = "id,name,roles,themes,avoid_themes,excluded_orgs\n\
        E1,Zoltan Quickfoot,buddy,zqthemaone|angst,zqavoidtwo,Zqexcluded Kliniek\n\
        E2,Anna B.,buddy,angst,,\n";
    const REQUESTS: &str =
        "id,org,role,themes,pinned_expert\nR1,Org,buddy,angst,E1\nR2,Org,buddy,angst,E2|E1\n";

    fn seat(r: &str, e: &str) -> Seat {
        Seat {
            request: r.into(),
            expert: e.into(),
            org: "Org".into(),
            role: "buddy".into(),
            slot: "wed-pm".into(),
            intensity: 2,
            themes: "angst".into(),
            heavy: false,
            pinned: false,
        }
    }

    fn ledger_with(dir: &Path, weeks: &[&str]) -> (PathBuf, Ledger) {
        let p = dir.join("l.sqlite");
        let mut l = Ledger::init(&p, "t").unwrap();
        for w in weeks {
            l.record_run(&NewRun {
                week: w.to_string(),
                inputs: vec![
                    InputFile {
                        kind: "experts".into(),
                        name: "experts.csv".into(),
                        bytes: EXPERTS.as_bytes().to_vec(),
                    },
                    InputFile {
                        kind: "requests".into(),
                        name: "requests.csv".into(),
                        bytes: REQUESTS.as_bytes().to_vec(),
                    },
                ],
                proposals: vec![seat("R1", "E1"), seat("R2", "E2")],
                ..NewRun::default()
            })
            .unwrap();
            l.decide(
                w,
                &[("R1".into(), "E1".into(), false, "zqprivatenote".into())],
            )
            .unwrap();
            l.close(w).unwrap();
        }
        (p, l)
    }

    /// The bytes of the ledger and of any journal or WAL file beside it.
    fn all_bytes(p: &Path) -> Vec<u8> {
        let mut b = std::fs::read(p).unwrap();
        for ext in ["-journal", "-wal", "-shm"] {
            let j = PathBuf::from(format!("{}{ext}", p.display()));
            if let Ok(x) = std::fs::read(&j) {
                b.extend(x);
            }
        }
        b
    }

    fn holds(bytes: &[u8], s: &str) -> bool {
        bytes
            .windows(s.len())
            .any(|w| w.eq_ignore_ascii_case(s.as_bytes()))
    }

    const TRACES: [&str; 6] = [
        "Zoltan Quickfoot",
        "zqthemaone",
        "zqavoidtwo",
        "Zqexcluded Kliniek",
        "zqprivatenote",
        "E1,",
    ];

    #[test]
    fn export_then_forget_leaves_no_trace_in_the_files_bytes() {
        let dir = tempfile::tempdir().unwrap();
        let (p, mut l) = ledger_with(dir.path(), &["2026-W47", "2026-W48"]);
        let before = all_bytes(&p);
        assert!(TRACES.iter().all(|t| holds(&before, t)));
        // The id as a coordinator may type it: another case, spaces around (ids match as the
        // stored input files do), so that no row of the person is missed.
        let d = l.expert_data(" e1 ").unwrap();
        assert_eq!(d, l.expert_data("E1").unwrap());
        assert_eq!(d.proposals.len(), 2);
        assert_eq!(d.decisions.len(), 2);
        assert_eq!(d.history.len(), 2);
        assert!(d
            .inputs
            .iter()
            .any(|i| i.kind == "experts" && i.rows.len() == 1));
        assert!(d
            .inputs
            .iter()
            .any(|i| i.kind == "requests" && i.rows.len() == 2));
        let e = l.forget("e1").unwrap();
        assert_eq!(e.anonymous, "forgotten-1");
        assert_eq!(e.weeks, 2);
        let after = all_bytes(&p);
        for t in TRACES {
            assert!(!holds(&after, t), "{t:?} is still in the file");
        }
        // The id as a word anywhere (E1 but not E10...).
        let text = String::from_utf8_lossy(&after);
        let word = regex_free_word(&text, "E1");
        assert!(!word, "the id is still in the file");
        // Aggregates kept: the rows are there under the anonymous id.
        assert_eq!(l.history().unwrap().len(), 4);
        assert!(l
            .history()
            .unwrap()
            .iter()
            .any(|h| h.expert == "forgotten-1"));
        let log = l.log().unwrap();
        assert_eq!(log.last().unwrap().action, "forget");
        assert!(log.iter().all(|a| !names_expert(&a.details, "E1")));
        assert!(l.check().unwrap().is_empty(), "{:?}", l.check());
        // The other expert is untouched; the first is unknown now.
        assert!(l.expert_data("E2").is_ok());
        assert!(matches!(l.expert_data("E1"), Err(Error::Refused(_))));
        let again = l.run_inputs(1).unwrap();
        let experts = String::from_utf8(again[0].bytes.clone()).unwrap();
        assert!(experts.contains("E2,Anna B.") && !experts.contains("Quickfoot"));
        let requests = String::from_utf8(again[1].bytes.clone()).unwrap();
        assert!(requests.contains("R2,Org,buddy,angst,E2\n"), "{requests}");
    }

    #[test]
    fn purge_erases_old_weeks_and_refuses_open_ones() {
        let dir = tempfile::tempdir().unwrap();
        let (p, mut l) = ledger_with(dir.path(), &["2026-W46", "2026-W47"]);
        l.record_run(&NewRun {
            week: "2026-W48".into(),
            proposals: vec![seat("R2", "E2")],
            ..NewRun::default()
        })
        .unwrap();
        let e = l.purge_before("2026-W49").unwrap_err();
        assert!(e.to_string().contains("still open"), "{e}");
        let held = l.history().unwrap();
        assert!(!held.is_empty());
        let e = l.purge_before("2026-W48").unwrap();
        assert_eq!(e.weeks, 2);
        // The same rows in a history file given later are not imported again.
        assert_eq!(l.import_history(&held, "2026-W48").unwrap(), 0);
        let after = all_bytes(&p);
        for t in TRACES {
            assert!(!holds(&after, t), "{t:?} is still in the file");
        }
        assert_eq!(l.weeks().unwrap().len(), 1);
        assert!(l.history().unwrap().is_empty());
        assert_eq!(l.log().unwrap().last().unwrap().action, "purge");
        assert!(l.check().unwrap().is_empty(), "{:?}", l.check());
    }

    /// Whether `id` stands in `text` as a whole word.
    fn regex_free_word(text: &str, id: &str) -> bool {
        let is_word = |c: char| c.is_alphanumeric() || c == '-' || c == '_';
        text.match_indices(id).any(|(i, _)| {
            text[..i].chars().next_back().is_none_or(|c| !is_word(c))
                && text[i + id.len()..]
                    .chars()
                    .next()
                    .is_none_or(|c| !is_word(c))
        })
    }

    #[test]
    fn log_lines_name_an_expert_only_after_the_word_expert() {
        assert!(names_expert("request R1, expert E1: declined", "E1"));
        assert!(!names_expert("expert E10", "E1"));
        // A numeric id is not a count or a request id.
        assert!(!names_expert("run 2: 2 proposals; request 2", "2"));
        assert_eq!(
            replace_expert("request 2, expert 2: declined; 2 rows", "2", "x"),
            "request 2, expert x: declined; 2 rows"
        );
    }
}
