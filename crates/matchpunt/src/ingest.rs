//! Reading experts, requests and history as the data contract says.
//!
//! Coordinators export these files from spreadsheets, so ingest is forgiving about form (a BOM,
//! `;` or `,`, header case, Dutch aliases, decimal commas) and strict about content: every bad cell
//! becomes an [`InputError`] naming file, line, column, the value and what was expected, and all the
//! errors of a batch are returned together (up to [`MAX_ERRORS_PER_FILE`] per file). A batch with any
//! error yields no [`Instance`], so nothing downstream ever sees half-read data.
//!
//! The library takes readers, never paths: the caller names each source for the messages.

use crate::model::{
    normalize, Expert, HistoryRow, Instance, Interner, LatLon, Request, Role, RoleSet, Slot,
    SlotSet, Week,
};
use crate::places::Places;
use crate::policy::Policy;
use std::collections::{HashMap, HashSet};
use std::fmt;
use std::io::Read;

/// How many errors of one file are listed before the rest are only counted.
pub const MAX_ERRORS_PER_FILE: usize = 50;

/// One problem in an input file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct InputError {
    /// The file, as the caller named it.
    pub file: String,
    /// 1-based line in the file (the header is line 1); None for whole-file problems.
    pub line: Option<u64>,
    /// 1-based column number and header name.
    pub column: Option<(usize, String)>,
    /// The offending value, as written.
    pub value: Option<String>,
    /// What is wrong and what was expected.
    pub message: String,
}

impl fmt::Display for InputError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.file)?;
        if let Some(line) = self.line {
            write!(f, ":{line}")?;
            if let Some((n, _)) = &self.column {
                write!(f, ":{n}")?;
            }
        }
        if let Some((_, name)) = &self.column {
            write!(f, ": column '{name}'")?;
        }
        if let Some(v) = &self.value {
            write!(f, ": {v:?}")?;
        }
        write!(f, ": {}", self.message)
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

/// A loaded batch and the warnings met on the way (unknown columns, ignored history rows).
#[derive(Clone, Debug)]
pub struct Loaded {
    /// The batch.
    pub instance: Instance,
    /// Warnings for the user; they never contain theme names.
    pub warnings: Vec<String>,
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
    let mut errs = Errs::default();
    let mut warnings = Vec::new();
    let mut inst = Instance::default();

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

    let mut excluded_raw = Vec::new();
    if let Some(t) = &experts_t {
        excluded_raw = parse_experts(t, places, policy, &mut inst, &mut errs);
    }
    // Without a readable experts file, references to experts cannot be checked.
    let expert_ids = experts_t.as_ref().map(|t| ExpertIds::new(t, &inst.experts));
    let mut requests = Vec::new();
    if let Some(t) = &requests_t {
        requests = parse_requests(t, places, policy, expert_ids.as_ref(), &mut inst, &mut errs);
    }
    let mut history = Vec::new();
    if let Some(t) = &history_t {
        history = parse_history(t, policy, expert_ids.as_ref(), &mut inst, &mut errs);
    }
    inst.requests = requests;
    inst.history = history;

    if let Some(t) = &experts_t {
        let orgs = BatchOrgs::new([&requests_t, &history_t].into_iter().flatten());
        resolve_excluded_orgs(t, excluded_raw, &orgs, &mut inst, &mut warnings);
    }

    let row_errors_only = errs
        .found
        .iter()
        .all(|(_, e)| e.line.is_some_and(|l| l > 1));
    if !errs.is_empty() {
        if !(skip_bad_rows && row_errors_only) {
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
    Ok(Loaded {
        instance: inst,
        warnings,
    })
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
    ("active", false),
];

const REQUEST_COLUMNS: &[(&str, bool)] = &[
    ("id", true),
    ("org", true),
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

const HISTORY_COLUMNS: &[(&str, bool)] = &[
    ("week", true),
    ("expert", true),
    ("org", true),
    ("role", true),
    ("intensity", true),
    ("request", false),
    ("themes", false),
];

/// A CSV file read into trimmed cells, with the line of each row.
struct Table {
    file: String,
    kind: FileKind,
    /// Column index in the file of each known column (by position in the column list).
    cols: HashMap<&'static str, usize>,
    headers: Vec<String>,
    rows: Vec<(u64, Vec<String>)>,
}

impl Table {
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
}

/// The errors of a batch as they are found, in any order; [`Errs::finish`] sorts and caps them.
#[derive(Default)]
struct Errs {
    found: Vec<(FileKind, InputError)>,
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
                column: None,
                value: None,
                message,
            },
        );
    }
    fn push_cell(&mut self, t: &Table, line: u64, col: &str, value: &str, message: String) {
        let e = match t.cols.get(col) {
            Some(&i) => InputError {
                file: t.file.clone(),
                line: Some(line),
                column: Some((i + 1, t.headers[i].clone())),
                value: Some(value.to_string()),
                message,
            },
            // A cell of a column the file lacks: a whole-row error naming the column.
            None => InputError {
                file: t.file.clone(),
                line: Some(line),
                column: None,
                value: (!value.is_empty()).then(|| value.to_string()),
                message: format!("no '{col}' column: {message}"),
            },
        };
        self.push(t.kind, e);
    }
    /// File by file (experts, requests, history), in line and column order; whole-file problems
    /// first. At most [`MAX_ERRORS_PER_FILE`] per file are listed, the rest only counted.
    fn finish(mut self, warnings: Vec<String>) -> InputErrors {
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

/// Physical line numbers (1-based) of byte offsets, for offsets met in increasing order.
///
/// The csv crate's own line count is off by one in CRLF files (a record starts at the `\n` of
/// the previous CRLF) and after blank lines (a record starts at the blank line it skips), so
/// the line is counted here from the record's byte offset, past any line ends it starts on.
struct LineCounter<'a> {
    text: &'a [u8],
    at: usize,
    newlines: u64,
}

impl<'a> LineCounter<'a> {
    fn new(text: &'a [u8]) -> Self {
        LineCounter {
            text,
            at: 0,
            newlines: 0,
        }
    }
    fn line_at(&mut self, byte: u64) -> u64 {
        let mut start = usize::try_from(byte).map_or(self.text.len(), |b| b.min(self.text.len()));
        while start < self.text.len() && matches!(self.text[start], b'\r' | b'\n') {
            start += 1;
        }
        if start < self.at {
            // Not expected (offsets only grow), but stay right if it happens.
            self.at = 0;
            self.newlines = 0;
        }
        self.newlines += self.text[self.at..start]
            .iter()
            .filter(|&&b| b == b'\n')
            .count() as u64;
        self.at = start;
        self.newlines + 1
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
    let body = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(&bytes);
    let text = match std::str::from_utf8(body) {
        Ok(t) => t,
        Err(e) => {
            let line = body[..e.valid_up_to()]
                .iter()
                .filter(|&&b| b == b'\n')
                .count() as u64
                + 1;
            errs.push_file(
                kind,
                &file,
                Some(line),
                "is not UTF-8 text: expected a CSV file saved as UTF-8 (in Excel: \"CSV UTF-8\")"
                    .into(),
            );
            return None;
        }
    };
    if let Some(pos) = text.find('\0') {
        let line = text[..pos].matches('\n').count() as u64 + 1;
        errs.push_file(
            kind,
            &file,
            Some(line),
            "contains binary data (a NUL byte): expected CSV text".into(),
        );
        return None;
    }
    let required: Vec<&str> = columns.iter().filter(|c| c.1).map(|c| c.0).collect();
    if text.trim().is_empty() {
        errs.push_file(
            kind,
            &file,
            None,
            format!(
                "is empty: expected a header line with the columns {}",
                required.join(", ")
            ),
        );
        return None;
    }
    let delimiter = detect_delimiter(text);
    let mut lines = LineCounter::new(text.as_bytes());
    let mut rdr = csv::ReaderBuilder::new()
        .delimiter(delimiter)
        .flexible(true)
        .has_headers(false)
        .from_reader(text.as_bytes());
    let mut records = rdr.records();
    let header = match records.next() {
        Some(Ok(h)) => h,
        Some(Err(e)) => {
            errs.push_file(kind, &file, Some(1), format!("bad header line: {e}"));
            return None;
        }
        None => {
            errs.push_file(kind, &file, None, "is empty: expected a header line".into());
            return None;
        }
    };
    let headers: Vec<String> = header.iter().map(|h| h.trim().to_string()).collect();
    let mut cols = HashMap::new();
    let mut unknown = Vec::new();
    for (i, h) in headers.iter().enumerate() {
        let key = normalize(h).replace(' ', "_");
        match columns.iter().find(|c| c.0 == key) {
            Some(c) => {
                if cols.insert(c.0, i).is_some() {
                    errs.push_file(
                        kind,
                        &file,
                        Some(1),
                        format!("column '{h}' appears twice in the header"),
                    );
                }
            }
            None if h.is_empty() => {}
            None => unknown.push(h.clone()),
        }
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
    let mut missing = false;
    for name in &required {
        if !cols.contains_key(name) {
            missing = true;
            let hint = did_you_mean(name, headers.iter().map(String::as_str))
                .map(|s| format!(" (did you mean '{s}'?)"))
                .unwrap_or_default();
            errs.push_file(
                kind,
                &file,
                Some(1),
                format!(
                    "missing required column '{name}'{hint}; the header has: {}",
                    headers.join(", ")
                ),
            );
        }
    }
    if missing {
        return None;
    }
    let width = headers.len();
    let mut rows = Vec::new();
    for rec in records {
        let rec = match rec {
            Ok(r) => r,
            Err(e) => {
                let line = e.position().map(|p| lines.line_at(p.byte()));
                errs.push_file(kind, &file, line, format!("bad CSV: {e}"));
                continue;
            }
        };
        let line = rec.position().map_or(0, |p| lines.line_at(p.byte()));
        if rec.iter().all(|c| c.trim().is_empty()) {
            continue; // a blank line, or a row of only delimiters (Excel writes these)
        }
        let mut cells: Vec<String> = rec.iter().map(|c| c.trim().to_string()).collect();
        if cells.len() > width && cells[width..].iter().all(|c| c.is_empty()) {
            cells.truncate(width);
        }
        if cells.len() != width {
            errs.push_file(
                kind,
                &file,
                Some(line),
                format!(
                    "has {} fields, expected {width} as in the header (a missing or extra '{}'?)",
                    cells.len(),
                    delimiter as char
                ),
            );
            continue;
        }
        rows.push((line, cells));
    }
    Some(Table {
        file,
        kind,
        cols,
        headers,
        rows,
    })
}

/// `;` when the header line has more semicolons than commas outside quotes, else `,`.
fn detect_delimiter(text: &str) -> u8 {
    let (mut semi, mut comma, mut quoted) = (0, 0, false);
    for c in text.chars() {
        match c {
            '"' => quoted = !quoted,
            '\n' | '\r' if !quoted => break,
            ';' if !quoted => semi += 1,
            ',' if !quoted => comma += 1,
            _ => {}
        }
    }
    if semi > comma {
        b';'
    } else {
        b','
    }
}

/// The closest of `candidates` to `name` (Damerau-Levenshtein on normalised names, at most a
/// quarter of the length away, at least 1), for a "did you mean".
pub fn did_you_mean<'a>(
    name: &str,
    candidates: impl IntoIterator<Item = &'a str>,
) -> Option<&'a str> {
    let n = normalize(name);
    let limit = (n.chars().count() / 4).max(1);
    let mut best: Option<(usize, &str)> = None;
    for c in candidates {
        let d = strsim::damerau_levenshtein(&n, &normalize(c));
        if d <= limit && best.is_none_or(|(bd, _)| d < bd) {
            best = Some((d, c));
        }
    }
    best.map(|b| b.1)
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
        "yes" | "ja" | "true" | "y" | "j" | "1" | "waar" => Ok(Some(true)),
        "no" | "nee" | "false" | "n" | "0" | "onwaar" => Ok(Some(false)),
        _ => Err(NotABool),
    }
}

const BOOL_EXPECTED: &str = "expected yes/no, ja/nee, true/false, y/n, j/n or 1/0";

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
                self.err(col, v, BOOL_EXPECTED.into());
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
                self.err(col, v, BOOL_EXPECTED.into());
                false
            }
        }
    }
    fn uint(&mut self, col: &str, range: std::ops::RangeInclusive<u32>) -> Option<u32> {
        let v = self.get(col);
        if v.is_empty() {
            return None;
        }
        match v.parse::<u32>() {
            Ok(n) if range.contains(&n) => Some(n),
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
                (Some(lat), Some(lon)) if crate::places::in_netherlands(lat, lon) => {
                    (place.to_string(), Some(LatLon { lat, lon }))
                }
                (Some(lat), Some(lon)) => {
                    // Outside the country the expert silently fits nothing, or the request
                    // no one: a swap is the usual cause.
                    let hint = if crate::places::in_netherlands(lon, lat) {
                        "; lat and lon swapped? (in the Netherlands lat is about 51-53, lon about 4-7)"
                    } else {
                        ""
                    };
                    let msg = format!(
                        "{lat}, {lon} is not in the Netherlands: expected lat {}..{} and lon {}..{}{hint}",
                        crate::places::NL_LAT.start(),
                        crate::places::NL_LAT.end(),
                        crate::places::NL_LON.start(),
                        crate::places::NL_LON.end()
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
        match known.index.get(id) {
            Some(Some(i)) => Some(*i),
            Some(None) => {
                self.ok = false;
                None
            }
            None => {
                let hint = did_you_mean(id, known.sorted.iter().map(String::as_str))
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
    index: HashMap<String, Option<usize>>,
    /// All ids, sorted, for a "did you mean".
    sorted: Vec<String>,
}

impl ExpertIds {
    fn new(t: &Table, experts: &[Expert]) -> Self {
        let mut index: HashMap<String, Option<usize>> = HashMap::new();
        for (_, row) in &t.rows {
            let id = t.cell(row, "id");
            if !id.is_empty() {
                index.entry(id.to_string()).or_insert(None);
            }
        }
        for (i, e) in experts.iter().enumerate() {
            index.insert(e.id.clone(), Some(i));
        }
        let mut sorted: Vec<String> = index.keys().cloned().collect();
        sorted.sort_unstable();
        ExpertIds { index, sorted }
    }
}

/// The `excluded_orgs` cell of one experts row.
struct ExcludedCell {
    line: u64,
    id: String,
    /// Index in `Instance::experts`, if the row parsed cleanly.
    expert: Option<usize>,
    names: Vec<String>,
}

type ExcludedRaw = Vec<ExcludedCell>;

/// The organisations of a batch: the `org` cell of every request and history row, also of rows
/// with other errors, first spelling kept, in file order.
struct BatchOrgs<'t> {
    names: Vec<&'t str>,
    normalized: HashSet<String>,
}

impl<'t> BatchOrgs<'t> {
    fn new(tables: impl IntoIterator<Item = &'t Table>) -> Self {
        let mut orgs = BatchOrgs {
            names: Vec::new(),
            normalized: HashSet::new(),
        };
        for t in tables {
            for (_, row) in &t.rows {
                let o = t.cell(row, "org");
                if !o.is_empty() && orgs.normalized.insert(normalize(o)) {
                    orgs.names.push(o);
                }
            }
        }
        orgs
    }
}

/// Sets each expert's `excluded_orgs`. Excluding is a safety rule, and a wrong match is worse
/// than no match: a name that is no org of this batch but close to one (a "did you mean") may be
/// a misspelling, so both the name as written and the close org are excluded, with a warning.
/// Real organisations can differ by a letter ("Gemeente Ede", "Gemeente Epe"), so this is not
/// an error.
fn resolve_excluded_orgs(
    t: &Table,
    excluded: ExcludedRaw,
    orgs: &BatchOrgs<'_>,
    inst: &mut Instance,
    warnings: &mut Vec<String>,
) {
    for cell in excluded {
        let mut ids = Vec::new();
        for name in &cell.names {
            ids.push(inst.orgs.intern(name));
            if orgs.normalized.contains(&normalize(name)) {
                continue;
            }
            if let Some(close) = did_you_mean(name, orgs.names.iter().copied()) {
                ids.push(inst.orgs.intern(close));
                warnings.push(format!(
                    "{}:{}: expert {}: excluded_orgs names {name:?}, which is no organisation of this batch, but {close:?} is close: excluding both to be safe",
                    t.file, cell.line, cell.id
                ));
            }
        }
        ids.sort_unstable();
        ids.dedup();
        if let Some(e) = cell.expert.and_then(|i| inst.experts.get_mut(i)) {
            e.excluded_orgs = ids;
        }
    }
}

fn check_unique_id<'t>(c: &mut Cells<'t, '_>, seen: &mut HashMap<&'t str, u64>) -> &'t str {
    let id = c.required_nonempty("id", "a unique id");
    if !id.is_empty() {
        if let Some(first) = seen.get(id) {
            let msg = format!("duplicate id (first on line {first}): expected each id once");
            c.err("id", id, msg);
        } else {
            seen.insert(id, c.line);
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
) -> ExcludedRaw {
    let has_location = t.has("place") || (t.has("lat") && t.has("lon"));
    if !has_location {
        errs.push_file(
            t.kind,
            &t.file,
            Some(1),
            "missing required column 'place' (or both 'lat' and 'lon')".into(),
        );
        return Vec::new();
    }
    let mut seen = HashMap::new();
    let mut excluded = Vec::new();
    for (row_idx, (line, row)) in t.rows.iter().enumerate() {
        let mut c = Cells::new(t, errs, *line, row);
        let id = check_unique_id(&mut c, &mut seen);
        let mut roles = RoleSet::default();
        let roles_cell =
            c.required_nonempty("roles", "one or more of buddy, adviser, trainer, speaker");
        for r in split_list(roles_cell) {
            match Role::parse(r) {
                Some(role) => roles.insert(role),
                None => c.err(
                    "roles",
                    r,
                    "is not a role: expected buddy, adviser, trainer or speaker (or maatje, adviseur, meedenker, spreker, voorlichter)".into(),
                ),
            }
        }
        let certified = c.required_bool("certified");
        let themes = c.themes("themes", true, &mut inst.themes);
        let avoid_themes = c.themes("avoid_themes", false, &mut inst.themes);
        let (place, location) = c.location(places, true);
        let max_travel_km = c
            .float("max_travel_km", 0.0..=1000.0)
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
        let birth_year = c.uint("birth_year", 1900..=2100).map(|y| y as i32);
        let languages = language_ids(c.get("languages"), &mut inst.languages);
        let gender = parse_gender(c.get("gender"));
        let active = c.bool_or("active", true);
        let mut names: Vec<String> = Vec::new();
        for o in split_list(c.get("excluded_orgs")) {
            if !names.iter().any(|n| normalize(n) == normalize(o)) {
                names.push(o.to_string());
            }
        }
        excluded.push(ExcludedCell {
            line: *line,
            id: id.to_string(),
            expert: c.ok.then_some(inst.experts.len()),
            names,
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
                active,
            });
        }
    }
    excluded
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
        let week = Week::parse(week_cell);
        if week.is_none() {
            c.err(
                "week",
                week_cell,
                "expected an ISO week like 2026-W47".into(),
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
        if let (true, Some(week), Some(expert), Some(role)) = (c.ok, week, expert, role) {
            let intensity = intensity
                .unwrap_or_else(|| policy.default_intensity(role, split_list(c.get("themes"))));
            out.push(HistoryRow {
                week,
                expert,
                org: inst.orgs.intern(org),
                role,
                intensity,
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
        ExpertIds { index, sorted }
    }
}

/// One request given as named cells (`("role", "spreker")`, `("slot", "wo-middag")`, ...), as a
/// requests.csv row with those columns would be: the same cell parsers, aliases, defaults and
/// error messages. `source` names it in messages; every error is on line 2 of `source`, in the
/// column named as given. Names are interned into `inst`, which gains no request.
///
/// An organisation that is no organisation of the batch but is close to one that an expert
/// excludes is excluded for that expert too, with a warning (the safe side, as [`load`] does).
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
    let org_known = cells
        .iter()
        .find(|c| c.0 == "org")
        .is_some_and(|c| inst.orgs.get(c.1).is_some());
    let ids = ExpertIds::of_experts(&inst.experts);
    let mut parsed = match &table {
        Some(t) => parse_requests(t, places, policy, Some(&ids), inst, &mut errs),
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
    if !org_known {
        let org_name = inst.orgs.name(r.org).to_string();
        for e in &mut inst.experts {
            let close = e
                .excluded_orgs
                .iter()
                .any(|&o| did_you_mean(&org_name, [inst.orgs.name(o)]).is_some());
            if close {
                if let Err(at) = e.excluded_orgs.binary_search(&r.org) {
                    e.excluded_orgs.insert(at, r.org);
                }
                warnings.push(format!(
                    "{source}: org {org_name:?} is no organisation of this batch, but expert {} excludes one whose name is close: {} is kept away from it to be safe",
                    e.id, e.id
                ));
            }
        }
    }
    Ok((r, warnings))
}
