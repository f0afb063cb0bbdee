//! Reading experts, requests and history as the data contract says.
//!
//! Coordinators export these files from spreadsheets, so ingest is forgiving about form (the
//! encodings, delimiters, line ends, lines before the header and Dutch header names of
//! [`crate::ingest::sheet`], decimal commas, cells as Excel users type them) and strict about content: a
//! header close to a known column is an error, not an ignored column, and every bad cell
//! becomes an [`InputError`] naming file, line, column, the value and what was expected, and all the
//! errors of a batch are returned together (up to [`MAX_ERRORS_PER_FILE`] per file). A batch with any
//! error yields no [`Instance`], so nothing downstream ever sees half-read data.
//!
//! The library takes readers, never paths: the caller names each source for the messages.
//!
//! What lives here: [`sheet`] turns bytes into text (encodings by evidence, delimiters, line
//! ends, the header line and its aliases); [`workbook`] reads one sheet of an xlsx/xls/ods
//! workbook, bounded before the spreadsheet library allocates, with each cell's problems
//! (error values, formulas without a value, merges); [`gate`] is the one list of safety columns
//! and what is refused in them; [`assignments`] is the one reader of the small files (previous
//! assignments, decisions, bookings); this file turns cells into typed values.

pub mod decode;
pub mod gate;
pub mod sheet;
pub mod workbook;

use crate::model::places::Places;
use crate::model::{
    normalize, Expert, HistoryRow, Instance, Interner, LatLon, Request, Role, RoleSet, Slot,
    SlotSet, Supervision, Week,
};
use crate::names::org;
use crate::policy::{Heavy, Policy};
use sheet::{HeaderMatch, HeaderNames, Lines};
use std::collections::{HashMap, HashSet};
use std::fmt;
use std::io::Read;

pub mod assignments;

/// How many errors of one file are listed before the rest are only counted.
pub const MAX_ERRORS_PER_FILE: usize = 50;

/// One problem in an input file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct InputError {
    /// The file, as the caller named it.
    pub file: String,
    /// 1-based line in the file (the header is line 1); None for whole-file problems.
    pub line: Option<u64>,
    /// The 1-based row a spreadsheet shows for `line`, where it is another number: after a
    /// `sep=` line (which a spreadsheet does not show) or a cell that spans lines. `None` means
    /// the same as `line`.
    pub row: Option<u64>,
    /// 1-based column number and header name.
    pub column: Option<(usize, String)>,
    /// The offending value, as written.
    pub value: Option<String>,
    /// What is wrong and what was expected.
    pub message: String,
}

impl fmt::Display for InputError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // In a workbook, a place is a cell as a spreadsheet user finds it: "sheet experts, cell G5".
        if self.file.contains(", sheet ") {
            write!(f, "{}", self.file)?;
            match (self.line, &self.column) {
                (Some(line), Some((n, name))) => write!(
                    f,
                    ", cell {}{line} (column '{name}')",
                    crate::ingest::workbook::column_letters(*n)
                )?,
                (Some(line), None) => write!(f, ", row {line}")?,
                _ => {}
            }
            if let Some(v) = &self.value {
                write!(f, ": {}", quoted_short(v))?;
            }
            return write!(f, ": {}", self.message);
        }
        write!(f, "{}", self.file)?;
        if let Some(line) = self.line {
            write!(f, ":{line}")?;
            if let Some((n, _)) = &self.column {
                // The cell as a spreadsheet that opens the file names it: `:5:7 (G5)`.
                write!(
                    f,
                    ":{n} ({}{})",
                    crate::ingest::workbook::column_letters(*n),
                    self.row.unwrap_or(line)
                )?;
            }
        }
        if let Some((_, name)) = &self.column {
            write!(f, ": column '{name}'")?;
        }
        if let Some(v) = &self.value {
            write!(f, ": {}", quoted_short(v))?;
        }
        match shorten(&self.message, MAX_SHOWN_MESSAGE) {
            Some(cut) => write!(f, ": {cut}… ({} characters)", self.message.chars().count()),
            None => write!(f, ": {}", self.message),
        }
    }
}

impl InputError {
    /// A problem of a whole file (no line, no column).
    pub fn whole_file(file: impl Into<String>, message: impl Into<String>) -> Self {
        InputError {
            file: file.into(),
            line: None,
            row: None,
            column: None,
            value: None,
            message: message.into(),
        }
    }
}

/// One problem of a whole file, or of one `line` of it, as the errors of a read.
pub(crate) fn file_error(file: &str, line: Option<u64>, message: String) -> InputErrors {
    InputErrors {
        errors: vec![InputError {
            line,
            ..InputError::whole_file(file, message)
        }],
        ..InputErrors::default()
    }
}

/// Longest value quoted whole in a message, in characters; longer ones are cut, with their
/// length (a 1 MiB cell must not be echoed whole, once per error).
pub const MAX_SHOWN_VALUE: usize = 100;
/// Longest message shown whole, in characters.
const MAX_SHOWN_MESSAGE: usize = 400;

/// The first `max` characters of `s`, if it is longer.
fn shorten(s: &str, max: usize) -> Option<&str> {
    s.char_indices().nth(max).map(|(i, _)| &s[..i])
}

/// `v` quoted for a message (`"..."`, escapes as in Rust), cut after [`MAX_SHOWN_VALUE`]
/// characters with its length.
pub(crate) fn shown(v: &str) -> String {
    quoted_short(v)
}

/// `v` quoted (`"..."`, escapes as in Rust), cut after [`MAX_SHOWN_VALUE`] characters.
fn quoted_short(v: &str) -> String {
    match shorten(v, MAX_SHOWN_VALUE) {
        Some(cut) => format!("{cut:?}… ({} characters)", v.chars().count()),
        None => format!("{v:?}"),
    }
}

/// All problems found in a batch's inputs.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct InputErrors {
    /// The listed errors, file by file, in line order.
    pub errors: Vec<InputError>,
    /// Errors found beyond the per-file limit, only counted.
    pub not_listed: usize,
    /// Warnings met on the way (unknown columns, near-miss excluded organisations), shown after
    /// the errors so that a failed load loses none; they never contain theme names.
    pub warnings: Vec<String>,
}

impl InputErrors {
    /// Whether there are none.
    pub fn is_empty(&self) -> bool {
        self.errors.is_empty() && self.not_listed == 0
    }
    /// Total number found.
    pub fn count(&self) -> usize {
        self.errors.len() + self.not_listed
    }
}

impl fmt::Display for InputErrors {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let n = self.count();
        writeln!(f, "{n} input error{}:", if n == 1 { "" } else { "s" })?;
        for e in &self.errors {
            writeln!(f, "  {e}")?;
        }
        if self.not_listed > 0 {
            writeln!(
                f,
                "  ... and {} more (at most {MAX_ERRORS_PER_FILE} are listed per file)",
                self.not_listed
            )?;
        }
        for w in &self.warnings {
            writeln!(f, "warning: {w}")?;
        }
        Ok(())
    }
}

impl std::error::Error for InputErrors {}

/// One input: a name for messages and a reader.
pub struct Source<'a> {
    /// The name used in messages (usually the path).
    pub name: String,
    /// The bytes.
    pub reader: Box<dyn Read + 'a>,
}

impl<'a> Source<'a> {
    /// A named source.
    pub fn new(name: impl Into<String>, reader: impl Read + 'a) -> Self {
        Source {
            name: name.into(),
            reader: Box::new(reader),
        }
    }
}

/// The inputs of one batch.
pub struct Inputs<'a> {
    /// experts.csv
    pub experts: Source<'a>,
    /// requests.csv
    pub requests: Source<'a>,
    /// history.csv, optional.
    pub history: Option<Source<'a>>,
}

/// The inputs of a batch kept in one workbook (`--data week.xlsx`), named `name` in messages:
/// its experts and requests sheets, and its history sheet if it has one (see
/// [`crate::ingest::workbook::EXPERTS_SHEETS`] and the others for the names). Also returns the sheets
/// found, for the summary.
///
/// # Errors
///
/// One error naming the file when it cannot be read as a workbook (damaged, password-protected)
/// or lacks the experts or requests sheet (the message lists the sheets it has).
pub fn workbook_inputs<'a>(
    name: &str,
    bytes: &'a [u8],
) -> Result<(Inputs<'a>, crate::ingest::workbook::BatchSheets), InputErrors> {
    let fail = |message: String| InputErrors {
        errors: vec![InputError::whole_file(name, message)],
        ..InputErrors::default()
    };
    let sheets = crate::ingest::workbook::batch_sheets(bytes).map_err(fail)?;
    if let Some(m) = sheets.missing() {
        return Err(fail(m));
    }
    let inputs = Inputs {
        experts: Source::new(name, bytes),
        requests: Source::new(name, bytes),
        history: sheets.history.as_ref().map(|_| Source::new(name, bytes)),
    };
    Ok((inputs, sheets))
}

/// A loaded batch and the warnings met on the way (unknown columns, ignored history rows).
#[derive(Clone, Debug)]
pub struct Loaded {
    /// The batch.
    pub instance: Instance,
    /// Warnings for the user; they never contain theme names.
    pub warnings: Vec<String>,
    /// The field separator of the experts file (`;` for Dutch Excel), so that outputs can
    /// follow the input's dialect.
    pub delimiter: u8,
    /// The exclusions taken on the safe side (each also in a warning), in experts file order.
    pub safe_side_orgs: Vec<SafeSideOrg>,
}

/// Which week the batch is for.
#[derive(Clone, Copy, Debug)]
pub struct WeekChoice {
    /// Given by the user.
    pub given: Option<Week>,
    /// Used when not given and there is no history (the CLI passes the current week).
    pub fallback: Week,
}

/// Reads and validates a batch. Without an explicit week, the batch is for the week after the
/// latest history week, else `week.fallback`.
pub fn load(
    inputs: Inputs<'_>,
    places: &Places,
    policy: &Policy,
    week: WeekChoice,
) -> Result<Loaded, InputErrors> {
    load_with(inputs, places, policy, week, false)
}

/// Like [`load`], but a row with a bad cell is left out (with its error as a warning) instead of
/// failing the batch: for an urgent suggestion that an unrelated broken row must not block.
/// Leaving a row out only removes an expert, a request or a history row, never a limit or an
/// exclusion of one that stays. Errors of a whole file (unreadable, a header problem) still fail.
pub fn load_skipping_bad_rows(
    inputs: Inputs<'_>,
    places: &Places,
    policy: &Policy,
    week: WeekChoice,
) -> Result<Loaded, InputErrors> {
    load_with(inputs, places, policy, week, true)
}

fn load_with(
    inputs: Inputs<'_>,
    places: &Places,
    policy: &Policy,
    week: WeekChoice,
    skip_bad_rows: bool,
) -> Result<Loaded, InputErrors> {
    load_with_organisations(inputs, None, places, policy, week, skip_bad_rows)
}

/// Like [`load`] (or [`load_skipping_bad_rows`] when `skip_bad_rows`), with the coordinator's
/// optional organisations.csv (`id`, `name`, `aliases`: a list): the name and every alias of a
/// row, and every request whose `org_id` is the row's `id`, are one organisation. An exclusion
/// that names any of them (by the rule of [`crate::names::org`], or by `excluded_org_ids`)
/// excludes all of them; the same name or id silently, a contained name or a near miss on the
/// safe side.
///
/// # Errors
///
/// As [`load`], and the input errors of organisations.csv (a row without a name, a header
/// problem).
pub fn load_with_organisations(
    inputs: Inputs<'_>,
    organisations: Option<Source<'_>>,
    places: &Places,
    policy: &Policy,
    week: WeekChoice,
    skip_bad_rows: bool,
) -> Result<Loaded, InputErrors> {
    let mut errs = Errs::default();
    let mut warnings = Vec::new();
    let mut inst = Instance::default();
    let groups = organisations
        .and_then(|o| {
            read_table(
                o,
                FileKind::Organisations,
                ORGANISATION_COLUMNS,
                &mut errs,
                &mut warnings,
            )
        })
        .map(|t| OrgGroups::new(&t, &mut errs))
        .unwrap_or_default();

    let experts_t = read_table(
        inputs.experts,
        FileKind::Experts,
        EXPERT_COLUMNS,
        &mut errs,
        &mut warnings,
    );
    let requests_t = read_table(
        inputs.requests,
        FileKind::Requests,
        REQUEST_COLUMNS,
        &mut errs,
        &mut warnings,
    );
    let history_t = inputs.history.and_then(|h| {
        read_table(
            h,
            FileKind::History,
            HISTORY_COLUMNS,
            &mut errs,
            &mut warnings,
        )
    });

    let mut expert_rows = Vec::new();
    let mut safe_side_orgs = Vec::new();
    if let Some(t) = &experts_t {
        expert_rows = parse_experts(t, places, policy, &mut inst, &mut errs);
    }
    // Without a readable experts file, references to experts cannot be checked.
    let expert_ids = experts_t.as_ref().map(|t| ExpertIds::new(t, &inst.experts));
    let mut requests = Vec::new();
    if let Some(t) = &requests_t {
        requests = parse_requests(
            t,
            places,
            policy,
            expert_ids.as_ref(),
            &mut inst,
            &mut errs,
            &mut warnings,
        );
    }
    let mut history = Vec::new();
    if let Some(t) = &history_t {
        history = parse_history(t, policy, expert_ids.as_ref(), &mut inst, &mut errs);
    }
    inst.requests = requests;
    inst.history = history;

    if let Some(t) = &experts_t {
        let orgs = BatchOrgs::new([&requests_t, &history_t].into_iter().flatten());
        resolve_excluded_orgs(
            t,
            &expert_rows,
            &orgs,
            &groups,
            &mut inst,
            &mut safe_side_orgs,
        );
        resolve_avoided_near_misses(t, &expert_rows, &mut inst, &mut warnings);
    }

    let row_errors_only = errs
        .found
        .iter()
        .all(|(_, e)| e.line.is_some_and(|l| l > 1));
    if !errs.is_empty() {
        if !(skip_bad_rows && row_errors_only) {
            // A failed read is the coordinator's to fix: say what was taken on the safe side too.
            warnings.extend(safe_side_warnings(&safe_side_orgs));
            return Err(errs.finish(warnings));
        }
        let found = errs.finish(Vec::new());
        warnings.extend(
            found
                .errors
                .iter()
                .map(|e| format!("{e} (this row is left out)")),
        );
        if found.not_listed > 0 {
            warnings.push(format!(
                "{} more row error(s) not listed (those rows are left out)",
                found.not_listed
            ));
        }
        // The notes on how cells were read came back with the errors.
        warnings.extend(found.warnings);
    } else {
        warnings.append(&mut errs.notes);
    }
    let latest = inst.history.iter().map(|h| h.week).max();
    let w = week
        .given
        .or(latest.map(|w| w.plus(1)))
        .unwrap_or(week.fallback);
    let later = inst.history.iter().filter(|h| h.week >= w).count();
    if later > 0 {
        warnings.push(format!(
            "{later} history row(s) are from week {w} or later and are ignored"
        ));
    }
    inst.week = Some(w);
    apply_history_rules(&mut inst, policy);
    let delimiter = experts_t.as_ref().map_or(b',', |t| t.delimiter);
    Ok(Loaded {
        instance: inst,
        warnings,
        delimiter,
        safe_side_orgs,
    })
}

/// Sets each expert's load in the rolling window's earlier weeks and their latest heavy-theme
/// week, from the history rows before the batch week (declined rows did not take place).
fn apply_history_rules(inst: &mut Instance, policy: &Policy) {
    let Some(now) = inst.week else { return };
    let earlier = i64::from(policy.rules.rolling_weeks) - 1;
    for h in &inst.history {
        let back = now.weeks_since(h.week);
        if h.declined || back < 1 {
            continue;
        }
        let e = &mut inst.experts[h.expert];
        if back <= earlier {
            e.rolling_used = e.rolling_used.saturating_add(h.intensity);
        }
        if h.heavy && e.last_heavy.is_none_or(|w| w < h.week) {
            e.last_heavy = Some(h.week);
        }
    }
}

/// An ISO week (`2026-W48`) or a date: `2026-11-24`, `24-11-2026`, `24/11/2026`, `24.11.2026`,
/// or an Excel date serial (days since 1899-12-30, from 1 to 200,000). Returns the week the day
/// is in.
pub fn parse_week_or_date(v: &str) -> Option<crate::model::Week> {
    use crate::model::{days_from_civil, Week};
    let v = v.trim();
    if let Some(w) = Week::parse(v) {
        return Some(w);
    }
    if let Ok(serial) = v.parse::<u32>() {
        if (1..=200_000).contains(&serial) {
            return Some(Week::of_day(
                days_from_civil(1899, 12, 30) + i64::from(serial),
            ));
        }
        return None;
    }
    // A time part (Excel writes "2026-11-24 00:00:00") is ignored.
    let date = v.split([' ', 'T']).next().unwrap_or(v);
    let parts: Vec<&str> = date.split(['-', '/', '.']).collect();
    let [a, b, c] = parts.as_slice() else {
        return None;
    };
    let (y, m, d) = if a.len() == 4 {
        (a.parse().ok()?, b.parse().ok()?, c.parse().ok()?)
    } else if c.len() == 4 {
        (c.parse().ok()?, b.parse().ok()?, a.parse().ok()?)
    } else {
        return None;
    };
    let valid_day = |y: i32, m: u32, d: u32| {
        (1..=12).contains(&m)
            && d >= 1
            && crate::model::civil_from_days(days_from_civil(y, m, d)) == (y, m, d)
    };
    if !(1900..=2200).contains(&y) || !valid_day(y, m, d) {
        return None;
    }
    Some(Week::of_day(days_from_civil(y, m, d)))
}

const EXPERT_COLUMNS: &[(&str, bool)] = &[
    ("id", true),
    ("name", false),
    ("roles", true),
    ("certified", true),
    ("themes", true),
    ("avoid_themes", false),
    ("place", false),
    ("lat", false),
    ("lon", false),
    ("max_travel_km", false),
    ("online", false),
    ("availability", true),
    ("max_assignments", false),
    ("load_budget", false),
    ("birth_year", false),
    ("languages", false),
    ("gender", false),
    ("excluded_orgs", false),
    ("excluded_org_ids", false),
    ("active", false),
    ("coach", false),
    ("last_supervision", false),
    ("rolling_budget", false),
];

const REQUEST_COLUMNS: &[(&str, bool)] = &[
    ("id", true),
    ("org", true),
    ("org_id", false),
    ("role", true),
    ("themes", true),
    ("place", false),
    ("lat", false),
    ("lon", false),
    ("online", false),
    ("slot", false),
    ("experts_needed", false),
    ("intensity", false),
    ("priority", false),
    ("language", false),
    ("client_age", false),
    ("gender_pref", false),
    ("preferred_expert", false),
    ("pinned_expert", false),
];

const ORGANISATION_COLUMNS: &[(&str, bool)] = &[("id", false), ("name", true), ("aliases", false)];

const HISTORY_COLUMNS: &[(&str, bool)] = &[
    ("week", true),
    ("expert", true),
    ("org", true),
    ("role", true),
    ("intensity", true),
    ("request", false),
    ("themes", false),
    ("declined", false),
];

/// A CSV file read into trimmed cells, with the line of each row.
struct Table {
    file: String,
    kind: FileKind,
    /// Column index in the file of each known column (by position in the column list).
    cols: HashMap<&'static str, usize>,
    headers: Vec<String>,
    /// The header's line (after any blank, title or `sep=` lines).
    header_line: u64,
    rows: Vec<(u64, Vec<String>)>,
    /// The field separator detected.
    delimiter: u8,
    /// Rows rejected for their number of fields (already an error), kept so that references to
    /// them are not reported a second time.
    ragged: Vec<(u64, Vec<String>)>,
    /// Where a spreadsheet's row numbers leave the file's line numbers: from each line on (in
    /// order), rows are that many fewer (a `sep=` line, cells that span lines before it).
    row_shifts: Vec<(u64, u64)>,
}

impl Table {
    /// The row a spreadsheet shows for `line`, when it is another number.
    fn sheet_row(&self, line: u64) -> Option<u64> {
        let i = self.row_shifts.partition_point(|&(from, _)| from <= line);
        let shift = i.checked_sub(1).map_or(0, |i| self.row_shifts[i].1);
        (shift > 0).then(|| line.saturating_sub(shift))
    }
    fn cell<'t>(&'t self, row: &'t [String], col: &str) -> &'t str {
        self.cols
            .get(col)
            .and_then(|&i| row.get(i))
            .map(String::as_str)
            .unwrap_or("")
    }
    fn has(&self, col: &str) -> bool {
        self.cols.contains_key(col)
    }
}

/// Which input a problem is in; errors are listed in this order.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
enum FileKind {
    Experts,
    Requests,
    History,
    Organisations,
}

/// The errors of a batch as they are found, in any order; [`Errs::finish`] sorts and caps them.
#[derive(Default)]
struct Errs {
    found: Vec<(FileKind, InputError)>,
    /// Warnings about single cells (a date read as a year), in the order found.
    notes: Vec<String>,
}

impl Errs {
    fn is_empty(&self) -> bool {
        self.found.is_empty()
    }
    fn push(&mut self, kind: FileKind, e: InputError) {
        self.found.push((kind, e));
    }
    fn push_file(&mut self, kind: FileKind, file: &str, line: Option<u64>, message: String) {
        self.push(
            kind,
            InputError {
                file: file.to_string(),
                line,
                row: None,
                column: None,
                value: None,
                message,
            },
        );
    }
    /// A warning about one cell: `file:line:column (G5): column 'name': message`.
    fn note_cell(&mut self, t: &Table, line: u64, col: &str, message: &str) {
        let note = match t.cols.get(col) {
            Some(&i) => InputError {
                file: t.file.clone(),
                line: Some(line),
                row: t.sheet_row(line),
                column: Some((i + 1, t.headers[i].clone())),
                value: None,
                message: message.to_string(),
            }
            .to_string(),
            None => format!("{}:{line}: column '{col}': {message}", t.file),
        };
        self.notes.push(note);
    }
    fn push_cell(&mut self, t: &Table, line: u64, col: &str, value: &str, message: String) {
        let e = match t.cols.get(col) {
            Some(&i) => InputError {
                file: t.file.clone(),
                line: Some(line),
                row: t.sheet_row(line),
                column: Some((i + 1, t.headers[i].clone())),
                value: Some(value.to_string()),
                message,
            },
            // A cell of a column the file lacks: a whole-row error naming the column.
            None => InputError {
                file: t.file.clone(),
                line: Some(line),
                row: None,
                column: None,
                value: (!value.is_empty()).then(|| value.to_string()),
                message: format!("no '{col}' column: {message}"),
            },
        };
        self.push(t.kind, e);
    }
    /// File by file (experts, requests, history), in line and column order; whole-file problems
    /// first. At most [`MAX_ERRORS_PER_FILE`] per file are listed, the rest only counted.
    fn finish(mut self, mut warnings: Vec<String>) -> InputErrors {
        warnings.append(&mut self.notes);
        // Stable, so that errors of one cell keep the order they were found in.
        self.found
            .sort_by_key(|(kind, e)| (*kind, e.line, e.column.as_ref().map(|c| c.0)));
        let mut out = InputErrors {
            warnings,
            ..InputErrors::default()
        };
        let mut current: Option<(FileKind, usize)> = None;
        for (kind, e) in self.found {
            let listed = match current {
                Some((k, n)) if k == kind => n,
                _ => 0,
            };
            if listed >= MAX_ERRORS_PER_FILE {
                out.not_listed += 1;
            } else {
                out.errors.push(e);
            }
            current = Some((kind, listed + 1));
        }
        out
    }
}

fn read_table(
    mut src: Source<'_>,
    kind: FileKind,
    columns: &[(&'static str, bool)],
    errs: &mut Errs,
    warnings: &mut Vec<String>,
) -> Option<Table> {
    let file = src.name.clone();
    let mut bytes = Vec::new();
    if let Err(e) = src.reader.read_to_end(&mut bytes) {
        errs.push_file(kind, &file, None, format!("cannot be read: {e}"));
        return None;
    }
    // A workbook: its sheet for this table, as CSV text whose lines are the sheet's rows.
    let mut file = file;
    let mut problems = std::collections::BTreeMap::new();
    if crate::ingest::workbook::is_workbook(&bytes) {
        let names: &[&str] = match kind {
            FileKind::Experts => crate::ingest::workbook::EXPERTS_SHEETS,
            FileKind::Requests => crate::ingest::workbook::REQUESTS_SHEETS,
            FileKind::History => crate::ingest::workbook::HISTORY_SHEETS,
            FileKind::Organisations => &["organisations", "organisaties"],
        };
        match crate::ingest::workbook::sheet_csv(&bytes, names) {
            Ok(Some(sheet)) => {
                file = format!("{file}, sheet {}", sheet.sheet);
                bytes = sheet.csv.into_bytes();
                problems = sheet.problems;
            }
            Ok(None) => {
                let have = crate::ingest::workbook::sheet_names(&bytes);
                errs.push_file(
                    kind,
                    &file,
                    None,
                    format!(
                        "has no sheet named {}; its sheets are: {}",
                        names.join(" or "),
                        have.join(", ")
                    ),
                );
                return None;
            }
            Err(e) => {
                errs.push_file(kind, &file, None, e);
                return None;
            }
        }
    }
    let decoded = match sheet::decode(&bytes) {
        Ok(d) => d,
        Err(e) => {
            errs.push_file(kind, &file, e.line, e.message);
            return None;
        }
    };
    let text: &str = &decoded.text;
    let required: Vec<&str> = columns.iter().filter(|c| c.1).map(|c| c.0).collect();
    let empty = || {
        format!(
            "is empty: expected a header line with the columns {}",
            required.join(", ")
        )
    };
    let names = match kind {
        FileKind::Experts => HeaderNames::experts(),
        FileKind::Requests => HeaderNames::requests(),
        FileKind::History => HeaderNames::history(),
        FileKind::Organisations => HeaderNames::organisations(),
    };
    let lines = Lines::new(text);
    let Some(hl) = sheet::locate_header(text, &lines, |c| names.known(c).is_some()) else {
        errs.push_file(kind, &file, None, empty());
        return None;
    };
    let header_line = hl.line;
    if let Some(note) = reading_note(&hl, decoded.encoding) {
        warnings.push(format!("{file}: {note}"));
    }

    let body = &text[hl.start..];
    let mut rdr = csv::ReaderBuilder::new()
        .delimiter(hl.delimiter)
        .flexible(true)
        .has_headers(false)
        .from_reader(body.as_bytes());
    let mut records = rdr.records();
    let header = match records.next() {
        Some(Ok(h)) => h,
        Some(Err(e)) => {
            errs.push_file(
                kind,
                &file,
                Some(header_line),
                format!("bad header line: {e}"),
            );
            return None;
        }
        None => {
            errs.push_file(kind, &file, None, empty());
            return None;
        }
    };
    // A spreadsheet shows no `sep=` line, and a cell that spans lines is one row.
    let mut row_shifts = Vec::new();
    let mut shift = u64::from(hl.sep_line);
    if shift > 0 {
        row_shifts.push((1, shift));
    }
    let mut spans = |rec: &csv::StringRecord, line: u64| {
        let breaks: u64 = rec.iter().map(sheet::line_breaks).sum();
        if breaks > 0 {
            shift += breaks;
            row_shifts.push((line + 1, shift));
        }
    };
    spans(&header, header_line);
    let headers: Vec<String> = header.iter().map(|h| h.trim().to_string()).collect();
    let mut cols = HashMap::new();
    let mut unknown = Vec::new();
    let mut near_missed = HashSet::new();
    for (i, h) in headers.iter().enumerate() {
        match names.classify(h) {
            HeaderMatch::Known(c) => {
                // Every known name is in the column list; find it for its 'static name.
                let Some(&(c, _)) = columns.iter().find(|col| col.0 == c) else {
                    continue;
                };
                if cols.insert(c, i).is_some() {
                    let also = if sheet::header_key(h) == sheet::header_key(c) {
                        String::new()
                    } else {
                        format!(" (as '{c}')")
                    };
                    errs.push_file(
                        kind,
                        &file,
                        Some(header_line),
                        format!("column '{h}' appears twice in the header{also}"),
                    );
                }
            }
            HeaderMatch::NearMiss { suggestion, column } => {
                near_missed.insert(column);
                let also = if suggestion == column {
                    String::new()
                } else {
                    format!(" (= {column})")
                };
                errs.push_file(
                    kind,
                    &file,
                    Some(header_line),
                    format!(
                        "column {} '{h}': did you mean '{suggestion}'{also}? (a column this close to a known one is not ignored, since a misspelt column would switch its rule off; a column of your own needs a name unlike any column)",
                        i + 1
                    ),
                );
            }
            HeaderMatch::Unknown if h.is_empty() => {}
            HeaderMatch::Unknown => unknown.push(h.clone()),
        }
    }
    // A first line that names no column at all is data, not a header: its cells (an avoided
    // theme, say) are never echoed.
    if cols.is_empty() && near_missed.is_empty() {
        errs.push_file(
            kind,
            &file,
            Some(header_line),
            format!(
                "has no header line: line {header_line} names none of the columns (its cells are not repeated here); expected a first line with the columns {}",
                required.join(", ")
            ),
        );
        return None;
    }
    if !unknown.is_empty() {
        warnings.push(format!(
            "{file}: ignoring unknown column{} {}",
            if unknown.len() == 1 { "" } else { "s" },
            unknown
                .iter()
                .map(|u| format!("'{u}'"))
                .collect::<Vec<_>>()
                .join(", ")
        ));
    }
    for name in &required {
        // A near miss of a required column is reported once, as the near miss.
        if !cols.contains_key(name) && !near_missed.contains(name) {
            errs.push_file(
                kind,
                &file,
                Some(header_line),
                format!(
                    "missing required column '{name}'; the header has: {}",
                    headers.join(", ")
                ),
            );
        }
    }
    if required.iter().any(|n| !cols.contains_key(n)) {
        return None;
    }
    // Empty header cells at the end are no columns (Excel writes a delimiter for each column of
    // the sheet's used range).
    let width = headers
        .iter()
        .rposition(|h| !h.is_empty())
        .map_or(0, |i| i + 1);
    let mut rows = Vec::new();
    let mut ragged = Vec::new();
    for rec in records {
        let rec = match rec {
            Ok(r) => r,
            Err(e) => {
                let line = e
                    .position()
                    .map(|p| lines.record_line(text, hl.start + p.byte() as usize));
                errs.push_file(kind, &file, line, format!("bad CSV: {e}"));
                continue;
            }
        };
        let line = rec.position().map_or(header_line, |p| {
            lines.record_line(text, hl.start + p.byte() as usize)
        });
        spans(&rec, line);
        if rec.iter().all(|c| c.trim().is_empty()) {
            continue; // a blank line, or a row of only delimiters (Excel writes these)
        }
        let mut cells: Vec<String> = rec.iter().map(|c| c.trim().to_string()).collect();
        if let Some(i) = cells
            .iter()
            .position(|c| c.chars().count() > crate::ingest::workbook::MAX_CELL_CHARS)
        {
            errs.push(
                kind,
                InputError {
                    file: file.clone(),
                    line: Some(line),
                    row: None,
                    column: Some((i + 1, headers.get(i).cloned().unwrap_or_default())),
                    value: Some(cells[i].clone()),
                    message: format!(
                        "a cell of {} characters: at most {} are read (is a text pasted into the wrong cell?)",
                        cells[i].chars().count(),
                        crate::ingest::workbook::MAX_CELL_CHARS
                    ),
                },
            );
            ragged.push((line, cells));
            continue;
        }
        if cells.len() > width && cells[width..].iter().all(|c| c.is_empty()) {
            cells.truncate(width);
        }
        if cells.len() != width {
            errs.push_file(
                kind,
                &file,
                Some(line),
                format!(
                    "has {} fields, expected {width} as in the header (a missing or extra {}?)",
                    cells.len(),
                    sheet::delimiter_name(hl.delimiter)
                ),
            );
            ragged.push((line, cells));
            continue;
        }
        rows.push((line, cells));
    }
    if let Some(other) = decoded.undecided {
        undecided_encoding_error(
            kind,
            &file,
            &cols,
            &headers,
            &rows,
            decoded.encoding,
            other,
            errs,
        );
    }
    // The gate: cells of a workbook that cannot be read with certainty.
    let known: HashMap<usize, &'static str> = cols.iter().map(|(&c, &i)| (i, c)).collect();
    let found = crate::ingest::gate::workbook_cells(&file, &headers, &known, &rows, &problems);
    // A row with an uncertain safety cell is left out like a ragged row (already an error), so
    // that a load that skips bad rows never keeps it with the cell read as empty.
    let bad: HashSet<u64> = found.errors.iter().filter_map(|e| e.line).collect();
    if !bad.is_empty() {
        let (out, keep): (Vec<_>, Vec<_>) = rows.into_iter().partition(|r| bad.contains(&r.0));
        rows = keep;
        ragged.extend(out);
    }
    for e in found.errors {
        errs.push(kind, e);
    }
    warnings.extend(found.warnings);
    Some(Table {
        file,
        kind,
        cols,
        headers,
        header_line,
        rows,
        delimiter: hl.delimiter,
        ragged,
        row_shifts,
    })
}

/// The columns whose every character matters for the hard rules: ids (pins, history), the
/// organisations and themes that exclusions and avoided themes are matched against.
fn encoding_safety_columns(kind: FileKind) -> &'static [&'static str] {
    match kind {
        FileKind::Experts => &["id", "excluded_orgs", "avoid_themes"],
        FileKind::Requests => &["id", "org", "themes", "pinned"],
        FileKind::History => &["expert", "org", "request"],
        FileKind::Organisations => &["id", "name", "aliases"],
    }
}

/// A file whose bytes read as well in `read` as in `other` (Windows-1252 or Mac Roman) is
/// refused when a safety column holds a character beyond ASCII: the first such cell is named,
/// its value is not (it may be an avoided theme), and the message says how to save the file.
#[allow(clippy::too_many_arguments)]
fn undecided_encoding_error(
    kind: FileKind,
    file: &str,
    cols: &HashMap<&'static str, usize>,
    headers: &[String],
    rows: &[(u64, Vec<String>)],
    read: sheet::Encoding,
    other: sheet::Encoding,
    errs: &mut Errs,
) {
    let safety: Vec<usize> = encoding_safety_columns(kind)
        .iter()
        .filter_map(|c| cols.get(c).copied())
        .collect();
    let name = |e: sheet::Encoding| match e {
        sheet::Encoding::MacRoman => "Mac Roman (Excel for Mac's \"CSV (Macintosh)\")",
        _ => "Windows-1252 (Excel's plain \"CSV\")",
    };
    for (line, cells) in rows {
        if let Some(&c) = safety
            .iter()
            .find(|&&c| cells.get(c).is_some_and(|v| !v.is_ascii()))
        {
            errs.push_file(
                kind,
                file,
                Some(*line),
                format!(
                    "column {} '{}' has a letter beyond ASCII, and the file's bytes read as well as {} as as {}: which one is not clear, and this column decides who may go where (the value is not repeated); save the file as \"CSV UTF-8\"",
                    c + 1,
                    headers[c],
                    name(read),
                    name(other)
                ),
            );
            return;
        }
    }
}

/// The one note on how a file was read, when it was not plain UTF-8 CSV with its header on the
/// first line: the encoding assumed, the delimiter when a `sep=` line or tabs set it, and the
/// lines skipped before the header.
fn reading_note(hl: &sheet::HeaderLine, encoding: sheet::Encoding) -> Option<String> {
    let mut parts = Vec::new();
    if encoding != sheet::Encoding::Utf8 {
        parts.push(format!("read as {}", encoding.describe()));
    }
    if hl.sep_line {
        parts.push(format!(
            "separated by {} as its 'sep=' line 1 says",
            sheet::delimiter_name(hl.delimiter)
        ));
    } else if hl.delimiter == b'\t' {
        parts.push("tab-separated".into());
    }
    let list = |v: &[u64]| v.iter().map(u64::to_string).collect::<Vec<_>>().join(", ");
    let mut skipped = Vec::new();
    if !hl.skipped_blank.is_empty() {
        skipped.push(format!(
            "blank line{} {}",
            if hl.skipped_blank.len() == 1 { "" } else { "s" },
            list(&hl.skipped_blank)
        ));
    }
    if !hl.skipped_other.is_empty() {
        skipped.push(format!(
            "line{} {} (naming no column: a title?)",
            if hl.skipped_other.len() == 1 { "" } else { "s" },
            list(&hl.skipped_other)
        ));
    }
    if !skipped.is_empty() {
        parts.push(format!(
            "the header is on line {}; skipped {} before it",
            hl.line,
            skipped.join(" and ")
        ));
    }
    (!parts.is_empty()).then(|| parts.join("; "))
}

/// The closest of `candidates` to `name` (Damerau-Levenshtein on normalised names, at most a
/// quarter of the length away, at least 1), for a "did you mean". For many look-ups in the same
/// names, build a [`NearNames`] once.
pub fn did_you_mean<'a>(
    name: &str,
    candidates: impl IntoIterator<Item = &'a str>,
) -> Option<&'a str> {
    NearNames::new(candidates).closest(name).copied()
}

/// Names longer than this (in characters, normalised) get no "did you mean" and are never
/// suggested: no real id or name is that long, and edit distances grow with the square of it.
pub const MAX_SUGGEST_LEN: usize = 200;

/// Names prepared for "did you mean" look-ups ([`did_you_mean`]): normalised once, each with its
/// length and a letter-count signature. Both bound the edit distance from below (an edit
/// changes the length by at most 1 and the letter counts by at most 2), so that most names are
/// ruled out without computing it.
pub struct NearNames<T> {
    names: Vec<NearName<T>>,
}

struct NearName<T> {
    name: T,
    norm: String,
    len: usize,
    sig: [u8; 32],
}

fn signature(norm: &str) -> [u8; 32] {
    let mut sig = [0u8; 32];
    for c in norm.chars() {
        let b = &mut sig[(c as u32 % 32) as usize];
        *b = b.saturating_add(1);
    }
    sig
}

impl<T: AsRef<str>> NearNames<T> {
    /// Prepares `candidates`, in their order (ties go to the first).
    pub fn new(candidates: impl IntoIterator<Item = T>) -> Self {
        let names = candidates
            .into_iter()
            .filter_map(|name| {
                let norm = normalize(name.as_ref());
                let len = norm.chars().count();
                (len <= MAX_SUGGEST_LEN).then(|| NearName {
                    sig: signature(&norm),
                    name,
                    norm,
                    len,
                })
            })
            .collect();
        NearNames { names }
    }

    /// The closest name to `name`, as [`did_you_mean`] defines it.
    pub fn closest(&self, name: &str) -> Option<&T> {
        let n = normalize(name);
        let len = n.chars().count();
        if len > MAX_SUGGEST_LEN {
            return None;
        }
        let sig = signature(&n);
        let limit = (len / 4).max(1);
        let mut best: Option<(usize, &T)> = None;
        for c in &self.names {
            // Only a distance below both the limit + 1 and the best so far can win.
            let beat = best.map_or(limit + 1, |(d, _)| d.min(limit + 1));
            if len.abs_diff(c.len) >= beat {
                continue;
            }
            let l1: usize = sig
                .iter()
                .zip(&c.sig)
                .map(|(&a, &b)| a.abs_diff(b) as usize)
                .sum();
            if l1.div_ceil(2) >= beat {
                continue;
            }
            let d = strsim::damerau_levenshtein(&n, &c.norm);
            if d < beat {
                best = Some((d, &c.name));
            }
        }
        best.map(|b| b.1)
    }
}

/// Splits a list cell on `|`, `;` or `,`, trimming items and dropping empty ones.
pub fn split_list(cell: &str) -> impl Iterator<Item = &str> {
    cell.split(['|', ';', ','])
        .map(str::trim)
        .filter(|s| !s.is_empty())
}

/// A cell that is none of the contract's boolean spellings.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct NotABool;

impl fmt::Display for NotABool {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(BOOL_EXPECTED)
    }
}

impl std::error::Error for NotABool {}

/// Parses a contract boolean; `None` for an empty cell, `Err` for anything else.
pub fn parse_bool(cell: &str) -> Result<Option<bool>, NotABool> {
    match normalize(cell).as_str() {
        "" => Ok(None),
        "yes" | "ja" | "true" | "y" | "j" | "1" | "waar" | "✓" | "✔" | "☑" => Ok(Some(true)),
        "no" | "nee" | "false" | "n" | "0" | "onwaar" | "✗" | "✘" => Ok(Some(false)),
        _ => Err(NotABool),
    }
}

const BOOL_EXPECTED: &str = "expected yes/no, ja/nee, true/false, y/n, j/n or 1/0";

/// What a bad boolean cell is told: an `x` may mean ticked or crossed out, so it is never read
/// either way.
fn bool_expected(v: &str) -> String {
    if normalize(v) == "x" {
        format!("is ambiguous (ticked or crossed out?): {BOOL_EXPECTED}")
    } else {
        BOOL_EXPECTED.into()
    }
}

/// Cell readers that record errors and return a fallback so that parsing goes on.
struct Cells<'t, 'e> {
    t: &'t Table,
    errs: &'e mut Errs,
    line: u64,
    row: &'t [String],
    ok: bool,
}

impl<'t, 'e> Cells<'t, 'e> {
    fn new(t: &'t Table, errs: &'e mut Errs, line: u64, row: &'t [String]) -> Self {
        Cells {
            t,
            errs,
            line,
            row,
            ok: true,
        }
    }

    fn get(&self, col: &str) -> &'t str {
        self.t.cell(self.row, col)
    }
    fn err(&mut self, col: &str, value: &str, message: String) {
        self.ok = false;
        self.errs.push_cell(self.t, self.line, col, value, message);
    }
    /// An error about the whole row, not one cell.
    fn err_row(&mut self, message: String) {
        self.ok = false;
        self.errs.push(
            self.t.kind,
            InputError {
                file: self.t.file.clone(),
                line: Some(self.line),
                row: None,
                column: None,
                value: None,
                message,
            },
        );
    }
    fn bool_or(&mut self, col: &str, default: bool) -> bool {
        let v = self.get(col);
        match parse_bool(v) {
            Ok(b) => b.unwrap_or(default),
            Err(NotABool) => {
                self.err(col, v, bool_expected(v));
                default
            }
        }
    }
    fn required_bool(&mut self, col: &str) -> bool {
        let v = self.get(col);
        match parse_bool(v) {
            Ok(Some(b)) => b,
            Ok(None) => {
                self.err(col, v, format!("is empty: {BOOL_EXPECTED}"));
                false
            }
            Err(NotABool) => {
                self.err(col, v, bool_expected(v));
                false
            }
        }
    }
    fn uint(&mut self, col: &str, range: std::ops::RangeInclusive<u32>) -> Option<u32> {
        let v = self.get(col);
        if v.is_empty() {
            return None;
        }
        // Spreadsheets write a whole number in a number cell as `2,0` or `2.00`.
        match sheet::whole_number(v) {
            Ok(n) if n <= u64::from(*range.end()) && n >= u64::from(*range.start()) => {
                Some(n as u32)
            }
            Err(sheet::NotWhole::Ambiguous) => {
                self.err(
                    col,
                    v,
                    format!(
                        "is ambiguous (a thousands separator or a decimal point?): expected a whole number from {} to {} without separators",
                        range.start(),
                        range.end()
                    ),
                );
                None
            }
            _ => {
                self.err(
                    col,
                    v,
                    format!(
                        "expected a whole number from {} to {}",
                        range.start(),
                        range.end()
                    ),
                );
                None
            }
        }
    }
    /// A year from 1900 to 2100. A date or an Excel date serial number (a date cell saved as a
    /// number) gives its year, with a warning naming the cell; the date itself is personal and
    /// is not repeated.
    fn year(&mut self, col: &str) -> Option<i32> {
        let v = self.get(col);
        if v.is_empty() {
            return None;
        }
        match sheet::year(v) {
            Some((y, from)) if (1900..=2100).contains(&y) => {
                let how = match from {
                    sheet::YearFrom::Year => None,
                    sheet::YearFrom::Date => Some("a date"),
                    sheet::YearFrom::ExcelSerial => {
                        Some("an Excel date serial number (a date cell saved as a number)")
                    }
                };
                if let Some(how) = how {
                    let msg = format!("{how}, not a year: read as the year {y}");
                    self.errs.note_cell(self.t, self.line, col, &msg);
                }
                Some(y)
            }
            _ => {
                self.err(
                    col,
                    v,
                    "expected a year from 1900 to 2100 (or a date such as 12-3-2001)".into(),
                );
                None
            }
        }
    }
    /// A distance in km: a number, optionally followed by `km` (`20 km`).
    fn km(&mut self, col: &str, range: std::ops::RangeInclusive<f64>) -> Option<f64> {
        let v = self.get(col);
        if v.is_empty() {
            return None;
        }
        let lower = v.to_ascii_lowercase();
        let number = lower.strip_suffix("km").unwrap_or(&lower).trim_end();
        if let Some((small, large)) = sheet::thousands_ambiguity(number, self.t.delimiter) {
            if range.contains(&small) && range.contains(&large) {
                // Both readings are limits: the smaller one keeps the expert closer to home.
                let msg = format!(
                    "{v:?} is ambiguous in a file separated by {} (a thousands separator: {large} km, or a decimal point: {small} km); read as {small} km, the stricter limit: write {} or {} without a thousands separator",
                    sheet::delimiter_name(self.t.delimiter),
                    large,
                    format!("{small}").replace('.', ","),
                );
                self.errs.note_cell(self.t, self.line, col, &msg);
                return Some(small);
            }
        }
        match number.replace(',', ".").parse::<f64>() {
            Ok(x) if x.is_finite() && range.contains(&x) => Some(x),
            _ => {
                self.err(
                    col,
                    v,
                    format!(
                        "expected a number of km from {} to {}",
                        range.start(),
                        range.end()
                    ),
                );
                None
            }
        }
    }
    fn float(&mut self, col: &str, range: std::ops::RangeInclusive<f64>) -> Option<f64> {
        let v = self.get(col);
        if v.is_empty() {
            return None;
        }
        // Dutch Excel writes a decimal comma.
        match v.replace(',', ".").parse::<f64>() {
            Ok(x) if x.is_finite() && range.contains(&x) => Some(x),
            _ => {
                self.err(
                    col,
                    v,
                    format!(
                        "expected a number from {} to {}",
                        range.start(),
                        range.end()
                    ),
                );
                None
            }
        }
    }
    fn required_nonempty(&mut self, col: &str, what: &str) -> &'t str {
        let v = self.get(col);
        if v.is_empty() {
            self.err(col, v, format!("is empty: expected {what}"));
        }
        v
    }
    fn themes(&mut self, col: &str, required: bool, themes: &mut Interner) -> Vec<u32> {
        let v = self.get(col);
        let mut ids: Vec<u32> = split_list(v).map(|t| themes.intern(t)).collect();
        ids.sort_unstable();
        ids.dedup();
        if required && ids.is_empty() {
            // The value is empty, so nothing sensitive is printed.
            self.err(
                col,
                v,
                "is empty: expected one or more themes separated by |".into(),
            );
        }
        ids
    }
    fn location(&mut self, places: &Places, required: bool) -> (String, Option<LatLon>) {
        let place = self.get("place");
        let (lat_s, lon_s) = (self.get("lat"), self.get("lon"));
        if !lat_s.is_empty() || !lon_s.is_empty() {
            let lat = self.float("lat", -90.0..=90.0);
            let lon = self.float("lon", -180.0..=180.0);
            if lat_s.is_empty() {
                self.err(
                    "lat",
                    lat_s,
                    "is empty while lon is given: expected both".into(),
                );
            }
            if lon_s.is_empty() {
                self.err(
                    "lon",
                    lon_s,
                    "is empty while lat is given: expected both".into(),
                );
            }
            return match (lat, lon) {
                (Some(lat), Some(lon)) if crate::model::places::in_netherlands(lat, lon) => {
                    (place.to_string(), Some(LatLon { lat, lon }))
                }
                (Some(lat), Some(lon)) => {
                    // Outside the country the expert silently fits nothing, or the request
                    // no one: a swap is the usual cause.
                    let hint = if crate::model::places::in_netherlands(lon, lat) {
                        "; lat and lon swapped? (in the Netherlands lat is about 51-53, lon about 4-7)"
                    } else {
                        ""
                    };
                    let msg = format!(
                        "{lat}, {lon} is not in the Netherlands: expected lat {}..{} and lon {}..{}{hint}",
                        crate::model::places::NL_LAT.start(),
                        crate::model::places::NL_LAT.end(),
                        crate::model::places::NL_LON.start(),
                        crate::model::places::NL_LON.end()
                    );
                    self.err("lat", lat_s, msg);
                    (place.to_string(), None)
                }
                _ => (place.to_string(), None),
            };
        }
        if place.is_empty() {
            if required {
                if self.t.has("place") || self.t.has("lat") {
                    let col = if self.t.has("place") { "place" } else { "lat" };
                    self.err(
                        col,
                        place,
                        "is empty: expected a place from the places table, or lat and lon".into(),
                    );
                } else {
                    self.err_row(
                        "missing column 'place': this row is on site, so it needs a place from the places table (or lat and lon columns), or online yes"
                            .into(),
                    );
                }
            }
            return (String::new(), None);
        }
        match places.lookup(place) {
            Ok(p) => (place.to_string(), Some(p.location)),
            Err(miss) => {
                let msg = format!("{} (or give lat and lon columns)", miss.describe());
                self.err("place", place, msg);
                (place.to_string(), None)
            }
        }
    }
    /// The index of the expert `id` refers to. No error when the experts file could not be read
    /// or the expert's own row has an error: that is reported already, and a second error here
    /// would only mislead. The row is then not used either way.
    fn expert_ref(&mut self, col: &str, id: &str, experts: Option<&ExpertIds>) -> Option<usize> {
        let Some(known) = experts else {
            self.ok = false;
            return None;
        };
        match known.index.get(&normalize(id)) {
            Some(Some(i)) => Some(*i),
            Some(None) => {
                self.ok = false;
                None
            }
            None => {
                let given = {
                    let mut hints = known.hints.borrow_mut();
                    let n = hints.entry(self.t.file.clone()).or_insert(0);
                    *n += 1;
                    *n
                };
                let hint = (given <= MAX_ERRORS_PER_FILE)
                    .then(|| {
                        known
                            .near
                            .get_or_init(|| NearNames::new(known.sorted.iter().cloned()))
                            .closest(id)
                    })
                    .flatten()
                    .map(|s| format!("; did you mean {s:?}?"))
                    .unwrap_or_default();
                self.err(
                    col,
                    id,
                    format!("is not an expert id in the experts file{hint}"),
                );
                None
            }
        }
    }
}

fn parse_gender(s: &str) -> String {
    let n = normalize(s);
    match n.as_str() {
        "v" | "f" | "vrouw" | "female" | "woman" => "f".into(),
        "m" | "man" | "male" => "m".into(),
        "x" | "nb" | "non-binary" | "non-binair" | "anders" => "x".into(),
        _ => n,
    }
}

fn parse_language(s: &str) -> String {
    let n = normalize(s);
    match n.as_str() {
        "nederlands" | "dutch" | "nld" => "nl".into(),
        "engels" | "english" | "eng" => "en".into(),
        _ => n,
    }
}

fn language_ids(v: &str, langs: &mut Interner) -> Vec<u32> {
    let mut ids: Vec<u32> = split_list(v)
        .map(|l| langs.intern(&parse_language(l)))
        .collect();
    if ids.is_empty() {
        ids.push(langs.intern("nl"));
    }
    ids.sort_unstable();
    ids.dedup();
    ids
}

/// The ids of the experts file: every row's id cell, with the expert's index when its row
/// parsed cleanly.
struct ExpertIds {
    /// By normalised id.
    index: HashMap<String, Option<usize>>,
    /// All ids, sorted, for a "did you mean".
    sorted: Vec<String>,
    /// The ids prepared for "did you mean", at the first one.
    near: std::cell::OnceCell<NearNames<String>>,
    /// "Did you mean" hints given per file: at most [`MAX_ERRORS_PER_FILE`], as no more errors
    /// of a file are listed (20,000 unknown ids took minutes when each got one).
    hints: std::cell::RefCell<HashMap<String, usize>>,
}

impl ExpertIds {
    fn new(t: &Table, experts: &[Expert]) -> Self {
        let mut index: HashMap<String, Option<usize>> = HashMap::new();
        let mut sorted: Vec<String> = Vec::new();
        // Rows rejected for their width count too: their id is probably where the header says.
        for (_, row) in t.rows.iter().chain(&t.ragged) {
            let id = t.cell(row, "id");
            if !id.is_empty() {
                index.entry(normalize(id)).or_insert(None);
                sorted.push(id.to_string());
            }
        }
        for (i, e) in experts.iter().enumerate() {
            index.insert(normalize(&e.id), Some(i));
        }
        sorted.sort_unstable();
        sorted.dedup();
        ExpertIds {
            index,
            sorted,
            near: std::cell::OnceCell::new(),
            hints: std::cell::RefCell::new(HashMap::new()),
        }
    }
}

/// The cells of one experts row that are resolved once the whole batch is read.
struct ExpertRow {
    line: u64,
    id: String,
    /// Index in `Instance::experts`, if the row parsed cleanly.
    expert: Option<usize>,
    /// The `excluded_orgs` cell as written.
    excluded: String,
    /// The `excluded_org_ids` cell as written.
    excluded_ids: String,
}

/// Whether two different organisation names may be one name with a typo: see
/// [`crate::names::org::near_miss`] (this is the same function, kept under its old name).
pub fn org_near_miss(a: &str, b: &str) -> bool {
    org::near_miss(a, b)
}

/// One exclusion taken on the safe side: an `excluded_orgs` cell that names an organisation of
/// the batch by a spelling that is not the same name ([`org::HitKind`]: contained in order, a
/// near miss, or a cell that reads both as one name and as a list). The expert is kept away
/// from `org`; `check` lists these so that the coordinator can confirm them or correct the
/// cell. Health data: for the coordinator's own tools only.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SafeSideOrg {
    /// The experts file, as the caller named it.
    pub file: String,
    /// The expert's line in it.
    pub line: u64,
    /// The expert's id.
    pub expert: String,
    /// The reading of the `excluded_orgs` cell, as written.
    pub written: String,
    /// The organisation of the batch it was taken as, as written there.
    pub org: String,
    /// How the two names relate.
    pub kind: org::HitKind,
}

/// One warning per expert row with exclusions taken on the safe side (`taken` in experts file
/// order, as [`Loaded::safe_side_orgs`]), naming the row and both spellings of up to three of
/// them: `experts.csv:3: expert E2: excluded_orgs taken on the safe side: "Altrecht" as
/// "Altrecht GGZ" (...)`. For the coordinator's `check` and `run` only: they name an expert with
/// an organisation they exclude, so `suggest` and the web form do not show them (a failed read
/// keeps them with its errors).
pub fn safe_side_warnings(taken: &[SafeSideOrg]) -> Vec<String> {
    const SHOWN: usize = 3;
    let mut out = Vec::new();
    for row in taken.chunk_by(|a, b| a.file == b.file && a.line == b.line) {
        let first = &row[0];
        let shown: Vec<String> = row
            .iter()
            .take(SHOWN)
            .map(|t| format!("{:?} as {:?} ({})", t.written, t.org, t.kind.why()))
            .collect();
        let more = match row.len().saturating_sub(SHOWN) {
            0 => String::new(),
            n => format!(" and {n} more (check lists them all)"),
        };
        out.push(format!(
            "{}:{}: expert {}: excluded_orgs taken on the safe side: {}{more}; the expert is kept away from them: confirm: write the name as the requests file does, or list both names in organisations.csv",
            first.file,
            first.line,
            first.expert,
            shown.join("; ")
        ));
    }
    out
}

/// The coordinator's organisations.csv: groups of names (a row's `name` and `aliases`) that are
/// one organisation, with its optional `id`, and an index of every name.
#[derive(Default)]
struct OrgGroups {
    /// Every name of every group.
    index: org::OrgIndex,
    /// The group of each entry of `index`.
    group_of: Vec<usize>,
    /// Each group's names, as written (tidied).
    names: Vec<Vec<String>>,
    /// Each group's id, normalised (empty when not given).
    ids: Vec<String>,
}

impl OrgGroups {
    /// O(total length of the cells). A row without a name is an error naming the cell.
    fn new(t: &Table, errs: &mut Errs) -> Self {
        let mut g = OrgGroups::default();
        for (line, row) in &t.rows {
            let name = t.cell(row, "name");
            if name.is_empty() {
                errs.push(
                    FileKind::Organisations,
                    InputError {
                        file: t.file.clone(),
                        line: Some(*line),
                        row: t.sheet_row(*line),
                        column: t.cols.get("name").map(|&i| (i + 1, "name".to_string())),
                        value: Some(String::new()),
                        message: "expected the organisation's name".into(),
                    },
                );
                continue;
            }
            let group = g.names.len();
            let names: Vec<String> = std::iter::once(name)
                .chain(split_list(t.cell(row, "aliases")))
                .map(crate::model::tidy)
                .collect();
            for n in &names {
                g.index.push(org::OrgName::new(n));
                g.group_of.push(group);
            }
            g.names.push(names);
            g.ids.push(normalize(t.cell(row, "id")));
        }
        g
    }
}

/// The organisations of a batch: the `org` cell of every request and history row, also of rows
/// with other errors, first spelling kept, in file order, one entry per spelling
/// ([`normalize`]) in an [`org::OrgIndex`], with the `org_id` cells of requests.
struct BatchOrgs<'t> {
    names: Vec<&'t str>,
    index: org::OrgIndex,
    by_id: HashMap<String, Vec<usize>>,
}

impl<'t> BatchOrgs<'t> {
    /// O(total length of the org cells).
    fn new(tables: impl IntoIterator<Item = &'t Table>) -> Self {
        let mut orgs = BatchOrgs {
            names: Vec::new(),
            index: org::OrgIndex::new(),
            by_id: HashMap::new(),
        };
        let mut entry_of: HashMap<String, usize> = HashMap::new();
        for t in tables {
            for (_, row) in &t.rows {
                let o = t.cell(row, "org");
                if o.is_empty() {
                    continue;
                }
                let e = *entry_of.entry(normalize(o)).or_insert_with(|| {
                    orgs.names.push(o);
                    orgs.index.push(org::OrgName::new(o))
                });
                let id = normalize(t.cell(row, "org_id"));
                if !id.is_empty() {
                    let list = orgs.by_id.entry(id).or_default();
                    if !list.contains(&e) {
                        list.push(e);
                    }
                }
            }
        }
        orgs
    }
}

/// Sets each expert's `excluded_orgs` (and the cell's items as written, and the
/// `excluded_org_ids`). Excluding is a safety rule, and a wrong match is worse than no match, so
/// every reading of the cell that names an organisation of the batch counts
/// ([`org::resolve_cell`]: the same canonical name, one contained in the other in order, a run of
/// list items that is one name, a near miss), and so does an `org_id` of the requests that the
/// expert's `excluded_org_ids` lists. Every exclusion taken on the safe side is added to
/// `safe_side` (see [`safe_side_warnings`]). Near-linear in the cells' items
/// ([`org::OrgIndex`]).
fn resolve_excluded_orgs(
    t: &Table,
    rows: &[ExpertRow],
    orgs: &BatchOrgs<'_>,
    groups: &OrgGroups,
    inst: &mut Instance,
    safe_side: &mut Vec<SafeSideOrg>,
) {
    // The batch's organisations of each group: by any of its names, or by its id.
    let mut members: Vec<Vec<usize>> = vec![Vec::new(); groups.names.len()];
    for e in 0..orgs.names.len() {
        for &n in groups.index.same(orgs.index.get(e)) {
            members[groups.group_of[n]].push(e);
        }
    }
    for (g, id) in groups.ids.iter().enumerate() {
        if !id.is_empty() {
            members[g].extend(orgs.by_id.get(id).into_iter().flatten());
        }
    }
    for row in rows {
        let items: Vec<&str> = split_list(&row.excluded).collect();
        let mut hits = org::resolve_cell(&items, &orgs.index);
        let mut org_ids: Vec<String> = split_list(&row.excluded_ids).map(normalize).collect();
        let mut names: Vec<String> = items.iter().map(|s| crate::model::tidy(s)).collect();
        // Groups of organisations.csv that the cell or the ids name: all their names and
        // organisations of the batch, taken as the group was.
        let mut group_hits: Vec<(usize, org::HitKind, String)> =
            org::resolve_cell(&items, &groups.index)
                .into_iter()
                .map(|h| (groups.group_of[h.entry], h.kind, h.written))
                .collect();
        for (g, id) in groups.ids.iter().enumerate() {
            if !id.is_empty() && org_ids.contains(id) {
                group_hits.push((g, org::HitKind::Same, id.clone()));
            }
        }
        group_hits.sort_by_key(|h| (h.0, h.1));
        group_hits.dedup_by_key(|h| h.0);
        for (g, kind, written) in group_hits {
            names.extend(groups.names[g].iter().cloned());
            if !groups.ids[g].is_empty() {
                org_ids.push(groups.ids[g].clone());
            }
            for &e in &members[g] {
                match hits.iter_mut().find(|h| h.entry == e) {
                    Some(h) if h.kind <= kind => {}
                    Some(h) => {
                        h.kind = kind;
                        h.written = written.clone();
                    }
                    None => hits.push(org::Hit {
                        entry: e,
                        kind,
                        written: written.clone(),
                    }),
                }
            }
        }
        hits.sort_by_key(|h| h.entry);
        let mut ids = Vec::new();
        for h in &hits {
            let name = orgs.names[h.entry];
            ids.push(inst.orgs.intern(name));
            if h.kind.is_safe_side() {
                safe_side.push(SafeSideOrg {
                    file: t.file.clone(),
                    line: row.line,
                    expert: row.id.clone(),
                    written: h.written.clone(),
                    org: name.to_string(),
                    kind: h.kind,
                });
            }
        }
        for id in &org_ids {
            for &e in orgs.by_id.get(id).into_iter().flatten() {
                ids.push(inst.orgs.intern(orgs.names[e]));
            }
        }
        org_ids.sort_unstable();
        org_ids.dedup();
        ids.sort_unstable();
        ids.dedup();
        if let Some(e) = row.expert.and_then(|i| inst.experts.get_mut(i)) {
            e.excluded_orgs = ids;
            e.excluded_org_names = names;
            e.excluded_org_ids = org_ids;
        }
    }
}

/// Adds to each expert's avoided themes every theme of the batch's requests that one of them is
/// a near miss of ([`crate::names::themes::near_miss`]: one letter away, not both themes of the
/// vocabulary), with a warning naming the row but not the theme. An avoided theme is a safety
/// field: a typo in it, or in a request, must not send the expert to that theme.
fn resolve_avoided_near_misses(
    t: &Table,
    rows: &[ExpertRow],
    inst: &mut Instance,
    warnings: &mut Vec<String>,
) {
    let mut request_themes: Vec<u32> = inst
        .requests
        .iter()
        .flat_map(|r| r.themes.iter().copied())
        .collect();
    request_themes.sort_unstable();
    request_themes.dedup();
    let mut near: HashMap<u32, Vec<u32>> = HashMap::new();
    for row in rows {
        let Some(ei) = row.expert else { continue };
        let mut add = Vec::new();
        for &a in &inst.experts[ei].avoid_themes {
            let close = near.entry(a).or_insert_with(|| {
                let ka = inst.themes.key(a);
                request_themes
                    .iter()
                    .copied()
                    .filter(|&r| crate::names::themes::near_miss(ka, inst.themes.key(r)))
                    .collect()
            });
            add.extend(close.iter().copied());
        }
        let e = &mut inst.experts[ei];
        add.retain(|x| e.avoid_themes.binary_search(x).is_err());
        if add.is_empty() {
            continue;
        }
        e.avoid_themes.extend(add);
        e.avoid_themes.sort_unstable();
        e.avoid_themes.dedup();
        warnings.push(format!(
            "{}:{}: expert {}: an avoided theme is one letter away from a theme of a request in this batch: taken as the same theme and avoided, to be safe",
            t.file, row.line, row.id
        ));
    }
}

/// Checks that the row's id is there and unique; ids are compared by [`normalize`], so `E01`,
/// `e01` and `E01` with a non-breaking space are one id.
fn check_unique_id<'t>(c: &mut Cells<'t, '_>, seen: &mut HashMap<String, u64>) -> &'t str {
    let id = c.required_nonempty("id", "a unique id");
    if !id.is_empty() {
        let key = normalize(id);
        if let Some(first) = seen.get(&key) {
            let msg = format!("duplicate id (first on line {first}): expected each id once");
            c.err("id", id, msg);
        } else {
            seen.insert(key, c.line);
        }
    }
    id
}

fn parse_experts(
    t: &Table,
    places: &Places,
    policy: &Policy,
    inst: &mut Instance,
    errs: &mut Errs,
) -> Vec<ExpertRow> {
    let has_location = t.has("place") || (t.has("lat") && t.has("lon"));
    if !has_location {
        errs.push_file(
            t.kind,
            &t.file,
            Some(t.header_line),
            "missing required column 'place' (or both 'lat' and 'lon')".into(),
        );
        return Vec::new();
    }
    let mut seen = HashMap::new();
    let mut rows = Vec::new();
    for (row_idx, (line, row)) in t.rows.iter().enumerate() {
        let mut c = Cells::new(t, errs, *line, row);
        let id = check_unique_id(&mut c, &mut seen);
        let mut roles = RoleSet::default();
        let roles_cell =
            c.required_nonempty("roles", "one or more of buddy, adviser, trainer, speaker");
        // Excel users also write `maatje/spreker`.
        for r in split_list(roles_cell).flat_map(|r| r.split(['/', '+']).map(str::trim)) {
            if r.is_empty() {
                continue;
            }
            match Role::parse(r) {
                Some(role) => roles.insert(role),
                None => {
                    let hint = if normalize(r).starts_with("ervaringsdeskundig") {
                        " (every expert is an ervaringsdeskundige: name the roles they take on)"
                    } else {
                        ""
                    };
                    c.err(
                        "roles",
                        r,
                        format!("is not a role: expected buddy, adviser, trainer or speaker (or maatje, adviseur, meedenker, spreker, voorlichter){hint}"),
                    )
                }
            }
        }
        let certified = c.required_bool("certified");
        let themes = c.themes("themes", true, &mut inst.themes);
        let avoid_themes = c.themes("avoid_themes", false, &mut inst.themes);
        let (place, location) = c.location(places, true);
        let max_travel_km = c
            .km("max_travel_km", 0.0..=1000.0)
            .unwrap_or(policy.rules.default_max_travel_km);
        let online = c.bool_or("online", true);
        let avail_cell = c.get("availability");
        let mut availability = SlotSet::default();
        for s in split_list(avail_cell) {
            if matches!(normalize(s).as_str(), "*" | "any" | "alle" | "altijd") {
                availability = SlotSet::ALL;
            } else if let Some(slot) = Slot::parse(s) {
                availability.insert(slot);
            } else {
                c.err(
                    "availability",
                    s,
                    "is not a slot: expected day-part like wed-pm or wo-middag (days mon..sun or ma..zo, parts am/pm/eve or ochtend/middag/avond), or * for all".into(),
                );
            }
        }
        let max_assignments = c
            .uint("max_assignments", 0..=50)
            .unwrap_or(policy.rules.default_max_assignments);
        let load_budget = c
            .uint("load_budget", 0..=1000)
            .unwrap_or(policy.rules.default_load_budget);
        let birth_year = c.year("birth_year");
        let languages = language_ids(c.get("languages"), &mut inst.languages);
        let gender = parse_gender(c.get("gender"));
        let active = c.bool_or("active", true);
        let supervision = if t.has("last_supervision") {
            let v = c.get("last_supervision");
            if v.is_empty() {
                Supervision::Never
            } else {
                match parse_week_or_date(v) {
                    Some(w) => Supervision::Week(w),
                    None => {
                        c.err(
                            "last_supervision",
                            v,
                            "expected a date (2026-11-24 or 24-11-2026) or an ISO week (2026-W48)"
                                .into(),
                        );
                        Supervision::Never
                    }
                }
            }
        } else {
            Supervision::NotChecked
        };
        let absolute = c
            .uint("rolling_budget", 0..=10_000)
            .or(policy.rules.rolling_budget);
        // The relative rolling budget: a share of the window's weekly budgets (floor, so the
        // limit is never above the share).
        let relative = policy.rules.rolling_share.map(|share| {
            (share * f64::from(policy.rules.rolling_weeks) * f64::from(load_budget)).floor() as u32
        });
        let rolling_budget = match (absolute, relative) {
            (Some(a), Some(r)) => Some(a.min(r)),
            (a, r) => a.or(r),
        };
        rows.push(ExpertRow {
            line: *line,
            id: id.to_string(),
            expert: c.ok.then_some(inst.experts.len()),
            excluded: c.get("excluded_orgs").to_string(),
            excluded_ids: c.get("excluded_org_ids").to_string(),
        });
        if c.ok {
            inst.experts.push(Expert {
                id: id.to_string(),
                row: row_idx,
                name: c.get("name").to_string(),
                roles,
                certified,
                themes,
                avoid_themes,
                place,
                location: location.unwrap_or(LatLon { lat: 0.0, lon: 0.0 }),
                max_travel_km,
                online,
                availability,
                max_assignments,
                load_budget,
                birth_year,
                languages,
                gender,
                excluded_orgs: Vec::new(),
                excluded_org_names: Vec::new(),
                excluded_org_ids: Vec::new(),
                active,
                coach: c.get("coach").to_string(),
                supervision,
                rolling_budget,
                rolling_used: 0,
                last_heavy: None,
            });
        }
    }
    rows
}

fn parse_priority(v: &str) -> Option<u8> {
    match normalize(v).as_str() {
        "" => Some(2),
        "1" | "low" | "laag" => Some(1),
        "2" | "normal" | "normaal" => Some(2),
        "3" | "urgent" | "high" | "hoog" | "spoed" => Some(3),
        _ => None,
    }
}

fn parse_requests(
    t: &Table,
    places: &Places,
    policy: &Policy,
    experts: Option<&ExpertIds>,
    inst: &mut Instance,
    errs: &mut Errs,
    warnings: &mut Vec<String>,
) -> Vec<Request> {
    let mut seen = HashMap::new();
    let mut out = Vec::new();
    for (row_idx, (line, row)) in t.rows.iter().enumerate() {
        let mut c = Cells::new(t, errs, *line, row);
        let id = check_unique_id(&mut c, &mut seen);
        let org_name = c.required_nonempty("org", "the requesting organisation");
        let role_cell = c.required_nonempty("role", "one of buddy, adviser, trainer, speaker");
        let role = if role_cell.is_empty() {
            None
        } else {
            let r = Role::parse(role_cell);
            if r.is_none() {
                c.err(
                    "role",
                    role_cell,
                    "expected one role: buddy, adviser, trainer or speaker (or maatje, adviseur, meedenker, spreker, voorlichter)".into(),
                );
            }
            r
        };
        let themes_cell = c.get("themes");
        let themes = c.themes("themes", true, &mut inst.themes);
        let online = c.bool_or("online", false);
        let (place, location) = c.location(places, !online);
        let slot_cell = c.get("slot");
        let slot = match normalize(slot_cell).as_str() {
            "" | "*" | "any" | "flexible" | "flexibel" => None,
            _ => {
                let s = Slot::parse(slot_cell);
                if s.is_none() {
                    c.err(
                        "slot",
                        slot_cell,
                        "is not a slot: expected one day-part like wed-pm or wo-middag, or empty for flexible".into(),
                    );
                }
                s
            }
        };
        let experts_needed = c.uint("experts_needed", 1..=100).unwrap_or(1);
        let given_intensity = c.uint("intensity", 0..=100);
        let pr_cell = c.get("priority");
        let priority = parse_priority(pr_cell).unwrap_or_else(|| {
            c.err(
                "priority",
                pr_cell,
                "expected 1 (low), 2 (normal) or 3 (urgent)".into(),
            );
            2
        });
        let lang_cell = c.get("language");
        let language = inst.languages.intern(&if lang_cell.is_empty() {
            "nl".to_string()
        } else {
            parse_language(lang_cell)
        });
        let client_age = c.uint("client_age", 0..=120);
        let gender_pref = parse_gender(c.get("gender_pref"));
        let pref_cell = c.get("preferred_expert");
        let preferred_expert = if pref_cell.is_empty() {
            None
        } else {
            c.expert_ref("preferred_expert", pref_cell, experts)
        };
        let mut pinned = Vec::new();
        for p in split_list(c.get("pinned_expert")) {
            if let Some(i) = c.expert_ref("pinned_expert", p, experts) {
                if !pinned.contains(&i) {
                    pinned.push(i);
                }
            }
        }
        if let (true, Some(role)) = (c.ok, role) {
            if given_intensity.is_none() && policy.heavy(split_list(themes_cell)) == Heavy::NearMiss
            {
                warnings.push(format!(
                    "{}:{}: request {id}: a theme is one letter away from a heavy theme of the policy: its default intensity includes the heavy extra, to be safe",
                    t.file, line
                ));
            }
            let intensity = given_intensity
                .unwrap_or_else(|| policy.default_intensity(role, split_list(themes_cell)));
            out.push(Request {
                id: id.to_string(),
                row: row_idx,
                org: inst.orgs.intern(org_name),
                role,
                themes,
                location,
                place,
                online,
                slot,
                experts_needed,
                intensity,
                intensity_given: given_intensity.is_some(),
                priority,
                language,
                client_age,
                gender_pref,
                preferred_expert,
                pinned,
                heavy: policy.is_heavy(split_list(themes_cell)),
            });
        }
    }
    out
}

fn parse_history(
    t: &Table,
    policy: &Policy,
    experts: Option<&ExpertIds>,
    inst: &mut Instance,
    errs: &mut Errs,
) -> Vec<HistoryRow> {
    let mut out = Vec::new();
    for (line, row) in &t.rows {
        let mut c = Cells::new(t, errs, *line, row);
        let week_cell = c.get("week");
        // An ISO week, or a date written year first (a workbook's date cell reads so): the week
        // it falls in. Day-first dates stay an error here, as 03-04 could be either way round.
        let iso_date = week_cell.len() >= 10 && week_cell.as_bytes()[4] == b'-';
        let week = Week::parse(week_cell)
            .or_else(|| iso_date.then(|| parse_week_or_date(week_cell)).flatten());
        if week.is_none() {
            c.err(
                "week",
                week_cell,
                "expected an ISO week like 2026-W47 (or a date like 2026-11-16)".into(),
            );
        }
        let expert_cell = c.required_nonempty("expert", "an expert id");
        let expert = if expert_cell.is_empty() {
            None
        } else {
            c.expert_ref("expert", expert_cell, experts)
        };
        let org = c.required_nonempty("org", "an organisation");
        let role_cell = c.get("role");
        let role = Role::parse(role_cell);
        if role.is_none() {
            c.err(
                "role",
                role_cell,
                "expected buddy, adviser, trainer or speaker".into(),
            );
        }
        let intensity = c.uint("intensity", 0..=100);
        let declined = c.bool_or("declined", false);
        if let (true, Some(week), Some(expert), Some(role)) = (c.ok, week, expert, role) {
            let intensity = intensity
                .unwrap_or_else(|| policy.default_intensity(role, split_list(c.get("themes"))));
            out.push(HistoryRow {
                week,
                expert,
                org: inst.orgs.intern(org),
                role,
                intensity,
                heavy: policy.is_heavy(split_list(c.get("themes"))),
                declined,
            });
        }
    }
    out
}

impl ExpertIds {
    /// The ids of experts already loaded.
    fn of_experts(experts: &[Expert]) -> Self {
        let index: HashMap<String, Option<usize>> = experts
            .iter()
            .enumerate()
            .map(|(i, e)| (e.id.clone(), Some(i)))
            .collect();
        let mut sorted: Vec<String> = index.keys().cloned().collect();
        sorted.sort_unstable();
        ExpertIds {
            index,
            sorted,
            near: std::cell::OnceCell::new(),
            hints: std::cell::RefCell::new(HashMap::new()),
        }
    }
}

/// One request given as named cells (`("role", "spreker")`, `("slot", "wo-middag")`, ...), as a
/// requests.csv row with those columns would be: the same cell parsers, aliases, defaults and
/// error messages. `source` names it in messages; every error is on line 2 of `source`, in the
/// column named as given. Names are interned into `inst`, which gains no request.
///
/// The request's organisation is compared with every expert's `excluded_orgs` as written, by the
/// rule of a batch ([`crate::names::org`]), and with their `excluded_org_ids` (an `org_id`
/// cell): an expert it excludes gets it in `excluded_orgs`. Where that is on the safe side only
/// (contained, a near miss), one warning says how many experts were kept away, naming none.
pub fn parse_request(
    cells: &[(&str, &str)],
    source: &str,
    places: &Places,
    policy: &Policy,
    inst: &mut Instance,
) -> Result<(Request, Vec<String>), InputErrors> {
    let mut w = csv::Writer::from_writer(Vec::new());
    let header: Vec<&str> = cells.iter().map(|c| c.0).collect();
    let row: Vec<&str> = cells.iter().map(|c| c.1).collect();
    let bytes = w
        .write_record(&header)
        .and_then(|_| w.write_record(&row))
        .map_err(|e| e.to_string())
        .and_then(|_| w.into_inner().map_err(|e| e.to_string()));
    let mut errs = Errs::default();
    let mut warnings = Vec::new();
    let bytes = match bytes {
        Ok(b) => b,
        Err(e) => {
            errs.push_file(FileKind::Requests, source, None, e);
            return Err(errs.finish(warnings));
        }
    };
    let src = Source::new(source, std::io::Cursor::new(bytes));
    let table = read_table(
        src,
        FileKind::Requests,
        REQUEST_COLUMNS,
        &mut errs,
        &mut warnings,
    );
    let ids = ExpertIds::of_experts(&inst.experts);
    let mut parsed = match &table {
        Some(t) => parse_requests(
            t,
            places,
            policy,
            Some(&ids),
            inst,
            &mut errs,
            &mut warnings,
        ),
        None => Vec::new(),
    };
    if !errs.is_empty() {
        return Err(errs.finish(warnings));
    }
    let Some(mut r) = parsed.pop() else {
        errs.push_file(FileKind::Requests, source, None, "holds no request".into());
        return Err(errs.finish(warnings));
    };
    r.row = inst.requests.len();
    let org_id = table
        .as_ref()
        .and_then(|t| {
            t.rows
                .first()
                .map(|(_, row)| normalize(t.cell(row, "org_id")))
        })
        .unwrap_or_default();
    let kept_away = exclude_inline_org(inst, r.org, &org_id);
    if kept_away > 0 {
        warnings.push(format!(
            "{source}: {kept_away} expert(s) kept away from this organisation to be safe: its name and the name of an organisation they exclude are close, or one is part of the other (the coordinator's check lists such exclusions)"
        ));
    }
    Ok((r, warnings))
}

/// Adds the organisation `org` of an inline request to the `excluded_orgs` of every expert whose
/// `excluded_orgs` items (as written) exclude it by [`org::resolve_cell`], the rule of a batch,
/// or whose `excluded_org_ids` hold `org_id`. Returns how many experts were kept away on the safe
/// side only (not the same name, not the same id, not excluded already), for a warning that
/// names no expert: the inline request is the phone's and the web form's.
///
/// O(items of all experts' `excluded_orgs` cells).
fn exclude_inline_org(inst: &mut Instance, org: u32, org_id: &str) -> usize {
    let mut index = org::OrgIndex::new();
    index.push(org::OrgName::new(inst.orgs.name(org)));
    let mut safe_side = 0;
    for e in &mut inst.experts {
        let items: Vec<&str> = e.excluded_org_names.iter().map(String::as_str).collect();
        let hits = org::resolve_cell(&items, &index);
        let by_id = !org_id.is_empty() && e.excluded_org_ids.iter().any(|i| i == org_id);
        if hits.is_empty() && !by_id {
            continue;
        }
        if let Err(at) = e.excluded_orgs.binary_search(&org) {
            e.excluded_orgs.insert(at, org);
            if !by_id && hits.iter().all(|h| h.kind.is_safe_side()) {
                safe_side += 1;
            }
        }
    }
    safe_side
}
