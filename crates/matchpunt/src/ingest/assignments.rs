//! The one reader of the small files that name (request, expert) pairs: a run's
//! `assignments.csv` (as `run --previous`, `suggest`/`explain`/`serve --assignments` and
//! `metrics --assignments` read it, or a coordinator's own) and the round's `decisions.csv`.
//!
//! Why one reader: these files decide who is booked and which pairs are never proposed again,
//! so they must be read as carefully as experts.csv. Three readers had grown apart: one took
//! only UTF-8, one matched ids exactly, so that `r00002` or an id with an invisible character
//! only gave a warning and a declined pair was proposed again. Here every file is decoded as
//! [`crate::ingest::sheet::decode`] decodes the batch's files (any encoding it reads, `sep=` line,
//! blank lines before the header), headers are matched by [`crate::ingest::sheet::header_key`] with
//! Dutch aliases (`aanvraag`, `deskundige`, `besluit`, `dagdeel`), and ids are compared by
//! [`normalize`], as [`crate::ingest`] compares the ids of experts.csv and requests.csv.

use super::{
    file_error, Expected, InputError, InputErrors, PairFileKind, Problem, Source,
    MAX_ERRORS_PER_FILE,
};
use crate::ingest::sheet::{self, Lines};
use crate::model::{normalize, Instance};
use std::collections::HashMap;

/// Which small file is read: the columns it must have.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PairFile {
    /// A run's `assignments.csv` (or a bookings file of the same form): `request` and `expert`
    /// required; `slot`, `intensity` and `pinned` read when present.
    Assignments,
    /// A round's `decisions.csv`: `request`, `expert` and `decision` required.
    Decisions,
}

/// A column of these files: its name in messages and the [`sheet::header_key`]s it is known by.
const COLUMNS: [(&str, &[&str]); 6] = [
    (
        "request",
        &["request", "requestid", "aanvraag", "aanvraagid", "verzoek"],
    ),
    (
        "expert",
        &[
            "expert",
            "expertid",
            "deskundige",
            "deskundigeid",
            "ervaringsdeskundige",
        ],
    ),
    ("slot", &["slot", "dagdeel"]),
    ("intensity", &["intensity", "intensiteit", "belasting"]),
    ("pinned", &["pinned", "vastgezet", "vast"]),
    ("decision", &["decision", "besluit", "beslissing"]),
];

/// One data row: its line, and the cells of the known columns (trimmed, a spreadsheet-safe
/// writer's `'=` escape removed; `None` when the file lacks the column).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PairCells {
    /// 1-based line in the file.
    pub line: u64,
    /// The request id as written (never empty).
    pub request: String,
    /// The expert id as written (never empty).
    pub expert: String,
    /// The slot cell.
    pub slot: Option<String>,
    /// The intensity cell.
    pub intensity: Option<String>,
    /// The pinned cell.
    pub pinned: Option<String>,
    /// The decision cell (always there for [`PairFile::Decisions`]).
    pub decision: Option<String>,
}

/// The rows of a pair file and its name for messages.
#[derive(Clone, Debug, Default)]
pub struct PairRows {
    /// The source's name.
    pub file: String,
    /// The data rows, in file order; blank rows are left out.
    pub rows: Vec<PairCells>,
    /// The header as written, for messages (`column` of an [`InputError`]).
    header: Vec<String>,
    /// The position of each of [`COLUMNS`] in the header.
    index: [Option<usize>; 6],
}

impl PairRows {
    /// An error on `row`'s cell of `column` (a name of the module's columns: `request`,
    /// `expert`, `slot`, `intensity`, `pinned`, `decision`), with the file, line and column.
    pub fn cell_error(
        &self,
        row: &PairCells,
        column: &str,
        value: &str,
        problem: impl Into<Problem>,
    ) -> InputError {
        let at = COLUMNS.iter().position(|c| c.0 == column);
        InputError {
            file: self.file.clone(),
            line: Some(row.line),
            row: None,
            column: at
                .and_then(|k| self.index[k])
                .map(|i| (i + 1, self.header[i].clone())),
            value: Some(value.chars().take(80).collect()),
            problem: problem.into(),
        }
    }
}

/// A cell as a spreadsheet-safe writer may have escaped it (`'=x` for `=x`), trimmed.
fn unescape_cell(s: &str) -> String {
    let t = s.trim();
    match t.strip_prefix('\'') {
        Some(rest) if rest.starts_with(['=', '+', '-', '@', '\t', '\r']) => rest.to_string(),
        _ => t.to_string(),
    }
}

/// Reads a pair file of `kind`.
///
/// Cost: O(bytes) time and memory.
///
/// # Errors
///
/// A file that cannot be read or decoded (named with the line), no header, a missing required
/// column (listing the header found), and every bad row (up to [`MAX_ERRORS_PER_FILE`], the
/// rest counted): bad CSV, an empty request or expert id.
pub fn read_pair_rows(mut src: Source<'_>, kind: PairFile) -> Result<PairRows, InputErrors> {
    let file = src.name.clone();
    let mut bytes = Vec::new();
    src.reader
        .read_to_end(&mut bytes)
        .map_err(|e| file_error(&file, None, Problem::CannotRead(e.to_string())))?;
    let decoded = sheet::decode(&bytes).map_err(|e| file_error(&file, e.line, e.problem))?;
    let text: &str = &decoded.text;
    let lines = Lines::new(text);
    let known = |c: &str| {
        let k = sheet::header_key(c);
        COLUMNS.iter().any(|(_, keys)| keys.contains(&k.as_str()))
    };
    let what = match kind {
        PairFile::Assignments => PairFileKind::Assignments,
        PairFile::Decisions => PairFileKind::Decisions,
    };
    let Some(hl) = sheet::locate_header(text, &lines, known) else {
        return Err(file_error(&file, Some(1), Problem::PairNoHeader(what)));
    };
    let mut rdr = csv::ReaderBuilder::new()
        .delimiter(hl.delimiter)
        .flexible(true)
        .has_headers(false)
        .from_reader(&text.as_bytes()[hl.start..]);
    let mut records = rdr.records();
    let header: Vec<String> = match records.next() {
        Some(Ok(h)) => h.iter().map(|c| c.trim().to_string()).collect(),
        _ => {
            return Err(file_error(
                &file,
                Some(hl.line),
                Problem::PairNoHeader(what),
            ))
        }
    };
    let index: [Option<usize>; 6] = std::array::from_fn(|k| {
        header
            .iter()
            .position(|h| COLUMNS[k].1.contains(&sheet::header_key(h).as_str()))
    });
    let required: &[usize] = match kind {
        PairFile::Assignments => &[0, 1],
        PairFile::Decisions => &[0, 1, 5],
    };
    let missing: Vec<&str> = required
        .iter()
        .filter(|&&k| index[k].is_none())
        .map(|&k| COLUMNS[k].0)
        .collect();
    if !missing.is_empty() {
        return Err(file_error(
            &file,
            Some(hl.line),
            Problem::PairMissingColumns {
                file: what,
                missing: missing.iter().map(|s| s.to_string()).collect(),
                have: header.clone(),
            },
        ));
    }
    let mut out = PairRows {
        file: file.clone(),
        rows: Vec::new(),
        header,
        index,
    };
    let mut errs = InputErrors::default();
    let first = hl.line - 1;
    // The line counting of the batch's tables ([`Lines::record_line`]): a record's position can
    // be on the line end before it (the `\n` of a CRLF), which is not its line.
    let line_of = |pos: Option<&csv::Position>| {
        pos.map_or(0, |p| lines.record_line(text, hl.start + p.byte() as usize))
            .max(first + 1)
    };
    for rec in records {
        let rec = match rec {
            Ok(r) => r,
            Err(e) => {
                let line = line_of(e.position());
                push(
                    &mut errs,
                    file_error(&file, Some(line), Problem::BadCsv(e.to_string())),
                );
                continue;
            }
        };
        if rec.iter().all(|c| c.trim().is_empty()) {
            continue;
        }
        let line = line_of(rec.position());
        let cell = |k: usize| out.index[k].map(|i| unescape_cell(rec.get(i).unwrap_or("")));
        let row = PairCells {
            line,
            request: cell(0).unwrap_or_default(),
            expert: cell(1).unwrap_or_default(),
            slot: cell(2),
            intensity: cell(3),
            pinned: cell(4),
            decision: cell(5),
        };
        let mut ok = true;
        // Ids decide who is booked and which pairs are declined: never a guessed encoding.
        if decoded.undecided.is_some() {
            for (col, v) in [("request", &row.request), ("expert", &row.expert)] {
                if !v.is_ascii() {
                    ok = false;
                    let e = out.cell_error(&row, col, v, Problem::PairIdUndecidedEncoding);
                    push(
                        &mut errs,
                        InputErrors {
                            errors: vec![e],
                            ..InputErrors::default()
                        },
                    );
                }
            }
        }
        for (col, v, what) in [
            ("request", &row.request, Expected::RequestId),
            ("expert", &row.expert, Expected::ExpertId),
        ] {
            if normalize(v).is_empty() {
                ok = false;
                let e = out.cell_error(&row, col, v, Problem::Empty(what));
                push(
                    &mut errs,
                    InputErrors {
                        errors: vec![e],
                        ..InputErrors::default()
                    },
                );
            }
        }
        if ok {
            out.rows.push(row);
        }
    }
    if errs.is_empty() {
        Ok(out)
    } else {
        Err(errs)
    }
}

/// Adds `e`'s errors to `errs`, listing at most [`MAX_ERRORS_PER_FILE`].
fn push(errs: &mut InputErrors, e: InputErrors) {
    for x in e.errors {
        if errs.errors.len() < MAX_ERRORS_PER_FILE {
            errs.errors.push(x);
        } else {
            errs.not_listed += 1;
        }
    }
}

/// The ids of a batch, looked up as [`crate::ingest`] compares ids: by [`normalize`]
/// (`R00002`, `r00002` and `R00002` with a zero-width space are one id); an expert id that is
/// no id as written is read as [`crate::ingest::ids`] reads ids everywhere (`E01`, `E 1`,
/// `E1 (Anna)` for `E1`), when that names exactly one expert.
#[derive(Clone, Debug)]
pub struct BatchIds {
    requests: HashMap<String, usize>,
    experts: HashMap<String, usize>,
    keys: crate::ingest::ids::IdKeys,
}

impl BatchIds {
    /// The ids of `inst`. Cost: O(ids).
    pub fn new(inst: &Instance) -> Self {
        BatchIds {
            requests: inst
                .requests
                .iter()
                .enumerate()
                .map(|(i, r)| (normalize(&r.id), i))
                .collect(),
            experts: inst
                .experts
                .iter()
                .enumerate()
                .map(|(i, e)| (normalize(&e.id), i))
                .collect(),
            keys: crate::ingest::ids::IdKeys::new(
                inst.experts
                    .iter()
                    .enumerate()
                    .map(|(i, e)| (i, e.id.as_str())),
            )
            .with_names(
                inst.experts
                    .iter()
                    .enumerate()
                    .map(|(i, e)| (i, e.name.as_str())),
            ),
        }
    }

    /// The index of the request `id` refers to.
    pub fn request(&self, id: &str) -> Option<usize> {
        self.requests.get(&normalize(id)).copied()
    }

    /// The index of the expert `id` refers to, as written or read another way
    /// ([`BatchIds::expert_read`]).
    pub fn expert(&self, id: &str) -> Option<usize> {
        self.expert_read(id).map(|(i, _)| i)
    }

    /// The index of the expert `id` refers to, and whether it was read another way than
    /// written (`E01`, `E 1`, `E1 (Anna)`, `Anna de Vries`, or `Anna` when one expert's first
    /// name, for `E1`, by [`crate::ingest::ids::IdKeys::read_cell`]): the caller says so in a
    /// warning. None when `id` names no expert, or more than one (`E1 (E2)`, `3` with both
    /// `E3` and `X3`, `Anna` with two Annas). O(length of `id`).
    pub fn expert_read(&self, id: &str) -> Option<(usize, bool)> {
        match self.expert_candidates(id) {
            (c, exact) if c.len() == 1 => Some((c[0], !exact)),
            _ => None,
        }
    }

    /// Every expert `id` could name (sorted; empty for none, several when ambiguous), and
    /// whether it is the id as written. O(length of `id`).
    pub fn expert_candidates(&self, id: &str) -> (Vec<usize>, bool) {
        if let Some(&i) = self.experts.get(&normalize(id)) {
            return (vec![i], true);
        }
        (self.keys.read_cell(id), false)
    }
}

/// The warning for an expert cell of a small file read another way than written (`E01`,
/// `Anna de Vries` for `E1`): file, line, the cell and the id it was read as.
pub fn expert_read_warning(file: &str, line: u64, written: &str, id: &str) -> super::Warning {
    super::Warning::new(|lang| {
        lang.fill(
            crate::messages::Msg::BookedExpertRead,
            &[
                ("file", &file),
                ("line", &line),
                ("written", &format!("{written:?}")),
                ("expert", &id),
            ],
        )
    })
}
