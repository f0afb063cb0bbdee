//! One file (CSV in any encoding, or a workbook's sheet) read into a table of cells: the
//! columns each file kind knows, the header matched, rows of the wrong width and the gate's
//! refusals set aside, and a note of how the file was read.

#[allow(unused_imports)]
use super::*;
use crate::messages::{Lang, Msg};

pub(crate) const EXPERT_COLUMNS: &[(&str, bool)] = &[
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
    ("certified_on", false),
    ("deployments", false),
    ("not_with", false),
];

pub(crate) const REQUEST_COLUMNS: &[(&str, bool)] = &[
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
    ("experienced_min", false),
    ("meetings", false),
    ("every_weeks", false),
];

pub(crate) const ORGANISATION_COLUMNS: &[(&str, bool)] =
    &[("id", false), ("name", true), ("aliases", false)];

pub(crate) const HISTORY_COLUMNS: &[(&str, bool)] = &[
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
pub(crate) struct Table {
    pub(crate) file: String,
    pub(crate) kind: FileKind,
    /// Column index in the file of each known column (by position in the column list).
    pub(crate) cols: HashMap<&'static str, usize>,
    pub(crate) headers: Vec<String>,
    /// The header's line (after any blank, title or `sep=` lines).
    pub(crate) header_line: u64,
    pub(crate) rows: Vec<(u64, Vec<String>)>,
    /// The field separator detected.
    pub(crate) delimiter: u8,
    /// Read from a workbook's sheet (whose delimiter tells nothing of its dialect).
    pub(crate) workbook: bool,
    /// Rows rejected for their number of fields (already an error), kept so that references to
    /// them are not reported a second time.
    pub(crate) ragged: Vec<(u64, Vec<String>)>,
    /// Where a spreadsheet's row numbers leave the file's line numbers: from each line on (in
    /// order), rows are that many fewer (a `sep=` line, cells that span lines before it).
    pub(crate) row_shifts: Vec<(u64, u64)>,
}

impl Table {
    /// The row a spreadsheet shows for `line`, when it is another number.
    pub(crate) fn sheet_row(&self, line: u64) -> Option<u64> {
        let i = self.row_shifts.partition_point(|&(from, _)| from <= line);
        let shift = i.checked_sub(1).map_or(0, |i| self.row_shifts[i].1);
        (shift > 0).then(|| line.saturating_sub(shift))
    }
    pub(crate) fn cell<'t>(&'t self, row: &'t [String], col: &str) -> &'t str {
        self.cols
            .get(col)
            .and_then(|&i| row.get(i))
            .map(String::as_str)
            .unwrap_or("")
    }
    pub(crate) fn has(&self, col: &str) -> bool {
        self.cols.contains_key(col)
    }
}

/// Which input a problem is in; errors are listed in this order.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) enum FileKind {
    Experts,
    Requests,
    History,
    Organisations,
}

/// The errors of a batch as they are found, in any order; [`Errs::finish`] sorts and caps them.
#[derive(Default)]
pub(crate) struct Errs {
    pub(crate) found: Vec<(FileKind, InputError)>,
    /// Warnings about single cells (a date read as a year), in the order found.
    pub(crate) notes: Vec<Warning>,
    /// Notes said once per column ([`Errs::note_column`]): the key, the index of its note in
    /// `notes`, the note of its first cell, and how many cells it stands for.
    pub(crate) per_column: Vec<(String, usize, Warning, usize)>,
}

impl Errs {
    pub(crate) fn is_empty(&self) -> bool {
        self.found.is_empty()
    }
    pub(crate) fn push(&mut self, kind: FileKind, e: InputError) {
        self.found.push((kind, e));
    }
    pub(crate) fn push_file(
        &mut self,
        kind: FileKind,
        file: &str,
        line: Option<u64>,
        problem: impl Into<Problem>,
    ) {
        self.push(
            kind,
            InputError {
                file: file.to_string(),
                line,
                row: None,
                column: None,
                value: None,
                problem: problem.into(),
            },
        );
    }
    /// A warning about one cell: `file:line:column (G5): column 'name': message`.
    /// `message` gives the text in each language.
    pub(crate) fn note_cell(
        &mut self,
        t: &Table,
        line: u64,
        col: &str,
        message: impl Fn(Lang) -> String,
    ) {
        let note = Warning::new(|lang| match t.cols.get(col) {
            Some(&i) => InputError {
                file: t.file.clone(),
                line: Some(line),
                row: t.sheet_row(line),
                column: Some((i + 1, t.headers[i].clone())),
                value: None,
                problem: Problem::Text(message(lang)),
            }
            .render(lang),
            None => format!(
                "{}:{line}: {}: {}",
                t.file,
                lang.fill(Msg::InColumn, &[("name", &col)]),
                message(lang)
            ),
        });
        self.notes.push(note);
    }
    /// A warning that holds for many cells of one column (`kind` tells which warning): said
    /// once, at the first cell, with how many more cells of the column it holds for; 24 date
    /// cells in a column are one warning, not 24.
    pub(crate) fn note_column(
        &mut self,
        t: &Table,
        line: u64,
        col: &str,
        kind: &str,
        message: impl Fn(Lang) -> String,
    ) {
        let key = format!("{}\u{0}{col}\u{0}{kind}", t.file);
        if let Some(g) = self.per_column.iter_mut().find(|g| g.0 == key) {
            g.3 += 1;
            let (first, more) = (&g.2, g.3 - 1);
            self.notes[g.1] = Warning::new(|lang| {
                lang.fill(
                    Msg::WSameInMore,
                    &[("first", &first.render(lang)), ("n", &more)],
                )
            });
            return;
        }
        self.note_cell(t, line, col, message);
        let first = self.notes.last().cloned().unwrap_or_default();
        self.per_column.push((key, self.notes.len() - 1, first, 1));
    }
    /// A warning about one cell, said only at the first cell of its column with the same
    /// `kind` (e.g. one per place name).
    pub(crate) fn note_cell_once(
        &mut self,
        t: &Table,
        line: u64,
        col: &str,
        kind: &str,
        message: impl Fn(Lang) -> String,
    ) {
        let key = format!("{}\u{0}{col}\u{0}{kind}", t.file);
        if self.per_column.iter().any(|g| g.0 == key) {
            return;
        }
        self.note_cell(t, line, col, message);
        let first = self.notes.last().cloned().unwrap_or_default();
        self.per_column.push((key, self.notes.len() - 1, first, 1));
    }
    pub(crate) fn push_cell(
        &mut self,
        t: &Table,
        line: u64,
        col: &str,
        value: &str,
        problem: Problem,
    ) {
        let e = match t.cols.get(col) {
            Some(&i) => InputError {
                file: t.file.clone(),
                line: Some(line),
                row: t.sheet_row(line),
                column: Some((i + 1, t.headers[i].clone())),
                value: Some(value.to_string()),
                problem,
            },
            // A cell of a column the file lacks: a whole-row error naming the column.
            None => InputError {
                file: t.file.clone(),
                line: Some(line),
                row: None,
                column: None,
                value: (!value.is_empty()).then(|| value.to_string()),
                problem: Problem::NoColumn(col.to_string(), Box::new(problem)),
            },
        };
        self.push(t.kind, e);
    }
    /// File by file (experts, requests, history), in line and column order; whole-file problems
    /// first. At most [`MAX_ERRORS_PER_FILE`] per file are listed, the rest only counted.
    pub(crate) fn finish(mut self, mut warnings: Vec<Warning>) -> InputErrors {
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

pub(crate) fn read_table(
    mut src: Source<'_>,
    kind: FileKind,
    columns: &[(&'static str, bool)],
    errs: &mut Errs,
    warnings: &mut Vec<Warning>,
) -> Option<Table> {
    let file = src.name.clone();
    let mut bytes = Vec::new();
    if let Err(e) = src.reader.read_to_end(&mut bytes) {
        errs.push_file(kind, &file, None, Problem::CannotRead(e.to_string()));
        return None;
    }
    // A workbook: its sheet for this table, as CSV text whose lines are the sheet's rows.
    let mut file = file;
    let mut problems = std::collections::BTreeMap::new();
    let from_workbook = crate::ingest::workbook::is_workbook(&bytes);
    if from_workbook {
        let names: &[&str] = match kind {
            FileKind::Experts => crate::ingest::workbook::EXPERTS_SHEETS,
            FileKind::Requests => crate::ingest::workbook::REQUESTS_SHEETS,
            FileKind::History => crate::ingest::workbook::HISTORY_SHEETS,
            FileKind::Organisations => &["organisations", "organisaties"],
        };
        match crate::ingest::workbook::sheet_csv(&bytes, names) {
            Ok(Some(sheet)) => {
                for h in &sheet.hidden_lookalikes {
                    warnings.push(Warning::new(|lang| {
                        lang.fill(
                            Msg::WHiddenSheet,
                            &[("file", &file), ("hidden", h), ("sheet", &sheet.sheet)],
                        )
                    }));
                }
                file = format!("{file}{SHEET_IN_FILE}{}", sheet.sheet);
                bytes = sheet.csv.into_bytes();
                problems = sheet.problems;
            }
            Ok(None) => {
                let have = crate::ingest::workbook::sheet_names(&bytes);
                errs.push_file(
                    kind,
                    &file,
                    None,
                    Problem::NoSheet {
                        wanted: names.iter().map(|s| s.to_string()).collect(),
                        have,
                    },
                );
                return None;
            }
            Err(e) => {
                errs.push_file(kind, &file, None, e.1);
                return None;
            }
        }
    }
    let decoded = match sheet::decode(&bytes) {
        Ok(d) => d,
        Err(e) => {
            errs.push_file(kind, &file, e.line, e.problem);
            return None;
        }
    };
    let text: &str = &decoded.text;
    let required: Vec<&str> = columns.iter().filter(|c| c.1).map(|c| c.0).collect();
    let empty = || Problem::EmptyTable(required.iter().map(|s| s.to_string()).collect());
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
    if reading_note(&hl, decoded.encoding, Lang::En).is_some() {
        warnings.push(Warning::new(|lang| {
            let note = reading_note(&hl, decoded.encoding, lang).unwrap_or_default();
            format!("{file}: {note}")
        }));
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
                Problem::BadHeaderLine(e.to_string()),
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
                    let as_column =
                        (sheet::header_key(h) != sheet::header_key(c)).then(|| c.to_string());
                    errs.push_file(
                        kind,
                        &file,
                        Some(header_line),
                        Problem::DuplicateColumn {
                            header: h.clone(),
                            as_column,
                        },
                    );
                }
            }
            HeaderMatch::NearMiss { suggestion, column } => {
                near_missed.insert(column);
                errs.push_file(
                    kind,
                    &file,
                    Some(header_line),
                    Problem::NearMissColumn {
                        n: i + 1,
                        header: h.clone(),
                        suggestion: suggestion.to_string(),
                        column: (suggestion != column).then(|| column.to_string()),
                    },
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
            Problem::NoHeaderLine {
                line: header_line,
                required: required.iter().map(|s| s.to_string()).collect(),
            },
        );
        return None;
    }
    if !unknown.is_empty() {
        let columns = unknown
            .iter()
            .map(|u| format!("'{u}'"))
            .collect::<Vec<_>>()
            .join(", ");
        warnings.push(Warning::new(|lang| {
            lang.fill(
                Msg::WUnknownColumns,
                &[
                    ("file", &file),
                    ("n", &unknown.len()),
                    ("columns", &columns),
                ],
            )
        }));
    }
    for name in &required {
        // A near miss of a required column is reported once, as the near miss.
        if !cols.contains_key(name) && !near_missed.contains(name) {
            errs.push_file(
                kind,
                &file,
                Some(header_line),
                Problem::MissingColumn {
                    name: name.to_string(),
                    have: headers.clone(),
                },
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
                errs.push_file(kind, &file, line, Problem::BadCsv(e.to_string()));
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
        let mut cells: Vec<String> = rec.iter().map(|c| uninert(c.trim()).to_string()).collect();
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
                    problem: Problem::LongCell {
                        chars: cells[i].chars().count(),
                        max: crate::ingest::workbook::MAX_CELL_CHARS,
                    },
                },
            );
            ragged.push((line, cells));
            continue;
        }
        if cells.len() > width && cells[width..].iter().all(|c| c.is_empty()) {
            cells.truncate(width);
        }
        // A quote never closed swallows the rest of the file into one cell: the row comes
        // out short, with a cell holding line breaks and delimiters. That is no row error to
        // leave out (every later row is lost with it), but a whole-file one.
        if cells.len() < width {
            if let Some(c) = cells
                .iter()
                .find(|c| c.contains('\n') && c.contains(hl.delimiter as char))
            {
                errs.push_file(
                    kind,
                    &file,
                    Some(line),
                    Problem::UnclosedQuote {
                        swallowed: c.matches('\n').count(),
                    },
                );
                ragged.push((line, cells));
                continue;
            }
        }
        if cells.len() != width {
            errs.push_file(
                kind,
                &file,
                Some(line),
                Problem::FieldCount {
                    got: cells.len(),
                    want: width,
                    delimiter: hl.delimiter,
                },
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
    // The gate: cells that cannot be read with certainty (a workbook's error cells, formulas and
    // merges; in any file, an error value saved as text in a safety column).
    let known: HashMap<usize, &'static str> = cols.iter().map(|(&c, &i)| (i, c)).collect();
    crate::ingest::gate::mark_error_texts(&known, &rows, &mut problems);
    let found = crate::ingest::gate::uncertain_cells(&file, &headers, &known, &rows, &problems);
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
        workbook: from_workbook,
        ragged,
        row_shifts,
    })
}

/// The columns whose every character matters for the hard rules: ids (pins, history), the
/// organisations and themes that exclusions and avoided themes are matched against.
pub(crate) fn encoding_safety_columns(kind: FileKind) -> &'static [&'static str] {
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
pub(crate) fn undecided_encoding_error(
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
    for (line, cells) in rows {
        if let Some(&c) = safety
            .iter()
            .find(|&&c| cells.get(c).is_some_and(|v| !v.is_ascii()))
        {
            errs.push_file(
                kind,
                file,
                Some(*line),
                Problem::UndecidedEncoding {
                    n: c + 1,
                    header: headers[c].clone(),
                    read,
                    other,
                },
            );
            return;
        }
    }
}

/// The one note on how a file was read, when it was not plain UTF-8 CSV with its header on the
/// first line: the encoding assumed, the delimiter when a `sep=` line or tabs set it, and the
/// lines skipped before the header.
pub(crate) fn reading_note(
    hl: &sheet::HeaderLine,
    encoding: sheet::Encoding,
    lang: Lang,
) -> Option<String> {
    let mut parts = Vec::new();
    if encoding != sheet::Encoding::Utf8 {
        parts.push(lang.fill(Msg::WReadAs, &[("encoding", &encoding.describe_in(lang))]));
    }
    if hl.sep_line {
        parts.push(lang.fill(
            Msg::WSepLine,
            &[("delimiter", &sheet::delimiter_name(hl.delimiter))],
        ));
    } else if hl.delimiter == b'\t' {
        parts.push(lang.text(Msg::WTabSeparated).to_string());
    }
    let list = |v: &[u64]| v.iter().map(u64::to_string).collect::<Vec<_>>().join(", ");
    let mut skipped = Vec::new();
    for (lines, msg) in [
        (&hl.skipped_blank, Msg::WBlankLines),
        (&hl.skipped_other, Msg::WTitleLines),
    ] {
        if !lines.is_empty() {
            skipped.push(lang.fill(msg, &[("n", &lines.len()), ("lines", &list(lines))]));
        }
    }
    if !skipped.is_empty() {
        let and = format!(" {} ", lang.text(Msg::And));
        parts.push(lang.fill(
            Msg::WHeaderOnLine,
            &[("line", &hl.line), ("skipped", &skipped.join(&and))],
        ));
    }
    (!parts.is_empty()).then(|| parts.join("; "))
}

/// A cell as written before a spreadsheet guard ([`crate::report::table::inert`]) made it
/// text: a leading `'` before `=`, `+`, `-` or `@` is dropped, so that the project reads its own
/// outputs (and files a spreadsheet saved with such a guard) back as the value they show.
pub(crate) fn uninert(s: &str) -> &str {
    match s.strip_prefix('\'') {
        Some(rest) if rest.starts_with(['=', '+', '-', '@']) => rest,
        _ => s,
    }
}
