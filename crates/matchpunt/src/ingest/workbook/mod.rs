//! Reading a table from an Excel (`.xlsx`, `.xls`) or OpenDocument (`.ods`) workbook.
//!
//! Why: coordinators keep their experts and requests in Excel, and every export to CSV is a
//! place where data is lost or mangled. A workbook sheet is turned into CSV text with one line
//! per sheet row (so that a line number is the row number a spreadsheet user sees) and one field
//! per sheet column from column A (so that a column number is the column letter), and then read
//! by the same rules as any CSV file. Excel's own cell types are taken as a user means them: a
//! whole number stored as a float (`2.0`) is `2`, a date cell is `2026-11-24` (in the workbook's
//! own date system, 1900 or 1904), a boolean is `yes`/`no`, and a formula's cached value is read.
//! Reading is done by `calamine`.
//!
//! Text loses what kind of cell a value came from, and the input gate needs it: next to the text,
//! [`SheetText::problems`] names every cell whose value cannot be read with certainty (an error
//! value such as `#N/A`, a formula without a stored value or with a stored 0, a cell inside a
//! merged range), so that ingest refuses it in a safety column and warns elsewhere.
//!
//! Bounded reading: a workbook is a zip of XML parts that can expand a thousandfold, and the
//! library allocates for what the file declares (a shared-string count, a sheet's used range)
//! before it reads. [`check_bounds`] opens the zip itself and refuses, before the library reads
//! anything, a workbook whose parts would expand beyond [`MAX_EXPANDED_BYTES`], a part that
//! compresses more than [`MAX_PART_RATIO`]:1 no real sheet does, a shared-string table that
//! declares more strings than its bytes can hold, and an `.ods` sheet whose repeated rows or
//! columns put a value beyond [`MAX_SHEET_ROWS`] rows or [`MAX_SHEET_COLUMNS`] columns. An
//! `.xlsx` sheet is read cell by cell (sparsely): empty formatted cells, such as the stray one
//! at XFD1048576 that real workbooks often have, cost nothing, and a value beyond those limits
//! is refused naming its cell. Only the sheets a table needs are read (`.ods` and `.xls` files
//! are parsed whole by the library; `.xls` has no such checks yet).

mod bounds;
pub use bounds::*;

use crate::ingest::Problem;
use calamine::{
    open_workbook_auto_from_rs, Data, DataRef, Reader, SheetType, SheetVisible, Sheets,
};
use std::collections::{BTreeMap, HashMap, HashSet};
use std::io::{BufReader, Cursor, Read};

/// Sheet names that hold the experts table (compared without regard to case).
pub const EXPERTS_SHEETS: &[&str] = &["experts", "ervaringsdeskundigen", "deskundigen"];
/// Sheet names that hold the requests table.
pub const REQUESTS_SHEETS: &[&str] = &["requests", "aanvragen"];
/// Sheet names that hold the history table (optional in a batch workbook).
pub const HISTORY_SHEETS: &[&str] = &["history", "historie", "geschiedenis"];

/// Most bytes the parts of a zipped workbook (`.xlsx`, `.ods`) may expand to together, as their
/// sizes are declared in the zip (200 MiB; the zip reader stops at the declared size, so a part
/// cannot expand further than it says). A week's batch is a few megabytes.
pub const MAX_EXPANDED_BYTES: u64 = 200 * 1024 * 1024;
/// Highest compression ratio (expanded : stored) of one part that expands beyond
/// [`RATIO_CHECKED_FROM`]: real sheets compress 5-20:1, a zip bomb thousands to one.
pub const MAX_PART_RATIO: u64 = 100;
/// Parts smaller than this (10 MiB expanded) are not checked for their ratio.
pub const RATIO_CHECKED_FROM: u64 = 10 * 1024 * 1024;
/// Most rows a sheet may use (a value in a row beyond it is refused).
pub const MAX_SHEET_ROWS: u32 = 100_000;
/// Most columns a sheet may use (a value in a column beyond it, `GR`, is refused).
pub const MAX_SHEET_COLUMNS: u32 = 200;
/// Most cells with a value (own or filled in from a merged range) one sheet may have, and the
/// largest used range of an `.ods` sheet (which the library allocates whole).
pub const MAX_SHEET_CELLS: u64 = 2_000_000;
/// Longest cell, in characters, in any input (a workbook cell or a CSV field): a longer cell
/// is an input error naming it. Excel's own limit is 32,767; no name, organisation or theme
/// list comes near 10,000.
pub const MAX_CELL_CHARS: usize = 10_000;

/// Whether `bytes` look like a workbook: a zip file (`.xlsx`, `.ods`) or an OLE compound file
/// (`.xls`).
pub fn is_workbook(bytes: &[u8]) -> bool {
    bytes.starts_with(b"PK\x03\x04") || bytes.starts_with(b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1")
}

/// Why a workbook cell cannot be read with certainty. The gate in ingest refuses each in a
/// safety column; see `ingest` for what happens in the other columns.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum CellProblem {
    /// An error value (`#N/A`, `#REF!`, `#VALUE!`, ...), as a failed formula leaves it; the
    /// cell's text is empty.
    ErrorValue(String),
    /// A formula with no stored value (a workbook written by a program that never computed
    /// it); the cell's text is empty.
    FormulaWithoutValue,
    /// A formula whose stored value is 0: programs such as xlsxwriter store 0 for a formula
    /// they never computed, so a 0 from a formula is not known to be the value. The text is `0`.
    FormulaStoredZero,
    /// A cell inside a merged range (not its top-left cell), given the merge's value: `range`
    /// is the range as Excel names it, `F2:F4`.
    InsideMerge {
        /// The merged range, `F2:F4`.
        range: String,
    },
}

/// One sheet of a workbook as CSV text, and the cells the gate must know about.
#[derive(Clone, Debug, PartialEq, Default)]
pub struct SheetText {
    /// The sheet's name as the workbook has it.
    pub sheet: String,
    /// The sheet as `,`-separated text, line n = row n, field n = column n (from column A).
    pub csv: String,
    /// Cells that cannot be read with certainty, by 1-based (row, column): row = line of
    /// [`SheetText::csv`], column = field number. A cell inside a merged range whose top-left
    /// cell has a problem has that problem.
    pub problems: BTreeMap<(u64, usize), CellProblem>,
    /// Hidden sheets that could hold the same table and are not read (`experts old` beside
    /// `experts`), each said in a warning so that none is passed over in silence.
    pub hidden_lookalikes: Vec<String>,
}

/// A message naming a cell of a sheet: `sheet experts, cell H3`.
fn cell_name(sheet: &str, row: u32, col: u32) -> String {
    format!(
        "sheet {sheet}, cell {}{}",
        column_letters(col as usize + 1),
        u64::from(row) + 1
    )
}

/// `F2:F4` for 0-based inclusive corners.
fn range_name(start: (u32, u32), end: (u32, u32)) -> String {
    format!(
        "{}{}:{}{}",
        column_letters(start.1 as usize + 1),
        u64::from(start.0) + 1,
        column_letters(end.1 as usize + 1),
        u64::from(end.0) + 1
    )
}

/// Opens a workbook after [`check_bounds`].
fn open(bytes: &[u8]) -> Result<Book<'_>, Problem> {
    check_bounds(bytes).map_err(|e| e.1)?;
    open_workbook_auto_from_rs(Cursor::new(bytes)).map_err(|e| unreadable(bytes, &e.to_string()))
}

/// The worksheets of a workbook, in order, with whether each is visible.
fn worksheets(book: &Book<'_>) -> Vec<(String, bool)> {
    book.sheets_metadata()
        .iter()
        .filter(|s| matches!(s.typ, SheetType::WorkSheet))
        .map(|s| (s.name.clone(), matches!(s.visible, SheetVisible::Visible)))
        .collect()
}

/// Whether a sheet's name is one of `names` (trimmed, without regard to case).
fn named(sheet: &str, names: &[&str]) -> bool {
    names.iter().any(|n| sheet.trim().eq_ignore_ascii_case(n))
}

/// Whether a sheet's name has one of `names` as a word (`Experts (new)`, `kopie van experts`):
/// a sheet that could hold the same table.
fn could_be(sheet: &str, names: &[&str]) -> bool {
    let lower = sheet.to_lowercase();
    lower
        .split(|c: char| !c.is_alphanumeric())
        .any(|w| names.contains(&w))
}

/// Which sheet holds the table named by `names`: the visible sheet so named, or, when the
/// workbook has a single worksheet, that one. `Ok(None)` when there is none.
///
/// Hidden sheets are taken on the safe side: a hidden sheet is often an old copy, so a hidden
/// sheet so named is an error (naming any visible sheet that could be the same table, such as
/// `Experts (new)`, or saying to unhide it), as are two visible sheets so named (names that differ
/// only in spaces). A hidden sheet that only could be the table (`experts old`) next to the
/// visible one so named is not read and not an error.
fn choose_sheet(sheets: &[(String, bool)], names: &[&str]) -> Result<Option<String>, String> {
    let exact: Vec<&(String, bool)> = sheets.iter().filter(|s| named(&s.0, names)).collect();
    let visible: Vec<&String> = exact.iter().filter(|s| s.1).map(|s| &s.0).collect();
    let hidden: Vec<&String> = exact.iter().filter(|s| !s.1).map(|s| &s.0).collect();
    if visible.len() > 1 {
        return Err(format!(
            "has {} sheets named {}: {}; keep one",
            visible.len(),
            names.join(" or "),
            quoted(&visible)
        ));
    }
    if let Some(h) = hidden.first() {
        let others: Vec<&String> = sheets
            .iter()
            .filter(|s| s.1 && could_be(&s.0, names))
            .map(|s| &s.0)
            .collect();
        return Err(if others.is_empty() {
            format!(
                "has a hidden sheet '{h}': a hidden sheet is often an old copy, so it is not read; unhide it (in Excel: right-click a sheet tab > Unhide) if it holds the table to read, or delete it"
            )
        } else {
            format!(
                "has a hidden sheet '{h}' and a visible sheet {} that could both hold the {} table; delete the old one, or unhide and rename the one to read to '{}'",
                quoted(&others),
                names[0],
                names[0]
            )
        });
    }
    if let Some(v) = visible.first() {
        return Ok(Some((*v).clone()));
    }
    // The only visible sheet (hidden ones, such as lists for drop-downs, do not count).
    match sheets.iter().filter(|s| s.1).collect::<Vec<_>>().as_slice() {
        [(only, true)] => Ok(Some(only.clone())),
        _ => Ok(None),
    }
}

fn quoted(names: &[&String]) -> String {
    names
        .iter()
        .map(|n| format!("'{n}'"))
        .collect::<Vec<_>>()
        .join(", ")
}

/// The sheet of `bytes` whose name is one of `names` (compared without regard to case), or,
/// when the workbook has a single sheet, that one, as CSV text with its cell problems.
/// `Ok(None)` when no sheet is named so and the workbook has several (the caller decides whether
/// the table is optional). Reads only that sheet (of an `.xlsx`; the library parses `.ods` and
/// `.xls` whole). Time and memory linear in the sheet's cells with a value (for `.xlsx`).
///
/// # Errors
///
/// A message for a workbook that cannot be read (corrupt, password-protected, not a workbook),
/// exceeds the limits of [`check_bounds`], has a hidden sheet of that name (see
/// `choose_sheet`'s rules in the module code), or has a value beyond [`MAX_SHEET_ROWS`] rows or
/// [`MAX_SHEET_COLUMNS`] columns (naming its cell).
pub fn sheet_csv(bytes: &[u8], names: &[&str]) -> Result<Option<SheetText>, WorkbookError> {
    sheet_csv_in_words(bytes, names).map_err(WorkbookError::from)
}

fn sheet_csv_in_words(bytes: &[u8], names: &[&str]) -> Result<Option<SheetText>, Problem> {
    guarded(|| read_sheet(bytes, names))
}

/// `f`, with a panic inside the workbook library turned into a message: a damaged file must
/// be an input error, never an abort of a run or of the web server.
fn guarded<T>(f: impl FnOnce() -> Result<T, Problem>) -> Result<T, Problem> {
    std::panic::catch_unwind(std::panic::AssertUnwindSafe(f))
        .unwrap_or(Err(Problem::WorkbookDamaged))
}

fn read_sheet(bytes: &[u8], names: &[&str]) -> Result<Option<SheetText>, Problem> {
    let mut book = open(bytes)?;
    let Some(sheet) = choose_sheet(&worksheets(&book), names)? else {
        return Ok(None);
    };
    let mut cells = match &mut book {
        Sheets::Xlsx(x) => xlsx_cells(x, &sheet)?,
        _ => dense_cells(&mut book, &sheet)?,
    };
    let merges = match &mut book {
        Sheets::Xlsx(x) => x
            .merge_cells_by_sheet_name(&sheet)
            .map_err(|e| format!("sheet {sheet:?} cannot be read: {e}"))?
            .into_iter()
            .map(|d| (d.start, d.end))
            .collect(),
        Sheets::Ods(_) => ods_merges(bytes, &sheet),
        _ => Vec::new(),
    };
    apply_merges(&mut cells, &merges, &sheet)?;
    let hidden: Vec<String> = worksheets(&book)
        .into_iter()
        .filter(|(name, visible)| !visible && *name != sheet && could_be(name, names))
        .map(|(name, _)| name)
        .collect();
    Ok(to_text(sheet, cells)?.map(|mut t| {
        t.hidden_lookalikes = hidden;
        t
    }))
}

/// A merged range's 0-based (row, column) corners, top-left and bottom-right.
type Corners = ((u32, u32), (u32, u32));

/// One cell with a value: its 0-based (row, column), text and problem.
type SparseCell = ((u32, u32), String, Option<CellProblem>);

/// Refuses a cell beyond the limits.
fn within(sheet: &str, pos: (u32, u32), count: u64) -> Result<(), String> {
    if pos.0 >= MAX_SHEET_ROWS || pos.1 >= MAX_SHEET_COLUMNS {
        return Err(format!(
            "{}: a value beyond the {MAX_SHEET_ROWS} rows and {MAX_SHEET_COLUMNS} columns (A1:{}) a sheet may use; delete it (a stray value far from the table) or split the table",
            cell_name(sheet, pos.0, pos.1),
            column_letters(MAX_SHEET_COLUMNS as usize).to_string() + &MAX_SHEET_ROWS.to_string()
        ));
    }
    if count > MAX_SHEET_CELLS {
        return Err(format!(
            "sheet {sheet}: more than {MAX_SHEET_CELLS} cells with a value; a batch is far smaller"
        ));
    }
    Ok(())
}

/// The cells with a value of an `.xlsx` sheet, read one by one (empty cells cost nothing).
fn xlsx_cells(
    x: &mut calamine::Xlsx<Cursor<&[u8]>>,
    sheet: &str,
) -> Result<Vec<SparseCell>, String> {
    let bad = |e: calamine::XlsxError| format!("sheet {sheet:?} cannot be read: {e}");
    let mut reader = x.worksheet_cells_reader(sheet).map_err(bad)?;
    let mut out = Vec::new();
    while let Some(rec) = reader.next_cell_with_formula_metadata().map_err(bad)? {
        let formula = rec.formula.is_some();
        let (text, problem) = classify(rec.value, formula);
        if text.is_empty() && problem.is_none() {
            continue;
        }
        within(sheet, rec.pos, out.len() as u64 + 1)?;
        out.push((rec.pos, text, problem));
    }
    Ok(out)
}

/// A cell's text and problem, from its value and whether it holds a formula.
fn classify(value: DataRef<'_>, formula: bool) -> (String, Option<CellProblem>) {
    let data: Data = value.into();
    match data {
        Data::Error(e) => (String::new(), Some(CellProblem::ErrorValue(e.to_string()))),
        Data::Empty if formula => (String::new(), Some(CellProblem::FormulaWithoutValue)),
        Data::Float(x) if formula && x == 0.0 => {
            ("0".to_string(), Some(CellProblem::FormulaStoredZero))
        }
        Data::Int(0) if formula => ("0".to_string(), Some(CellProblem::FormulaStoredZero)),
        d => (cell_text(&d), None),
    }
}

/// The cells with a value of an `.ods`, `.xls` or `.xlsb` sheet, which the library reads whole
/// (an `.ods` file's size was checked by [`check_bounds`]).
fn dense_cells(book: &mut Book<'_>, sheet: &str) -> Result<Vec<SparseCell>, String> {
    let range = book
        .worksheet_range(sheet)
        .map_err(|e| format!("sheet {sheet:?} cannot be read: {e}"))?;
    let mut out = Vec::new();
    for (r, c, d) in range.used_cells() {
        let (row, col) = (r as u32, c as u32);
        let start = range.start().unwrap_or((0, 0));
        let pos = (start.0 + row, start.1 + col);
        let (text, problem) = match d {
            Data::Error(e) => (String::new(), Some(CellProblem::ErrorValue(e.to_string()))),
            d => (cell_text(d), None),
        };
        if text.is_empty() && problem.is_none() {
            continue;
        }
        within(sheet, pos, out.len() as u64 + 1)?;
        out.push((pos, text, problem));
    }
    Ok(out)
}

/// Gives every cell inside a merged range the value (and problem) of its top-left cell, marking
/// it [`CellProblem::InsideMerge`] when the top-left cell has no problem. Only rows that have a
/// value of their own are filled (a merge over blank rows does not make them rows of the table),
/// and only within the sheet's limits.
fn apply_merges(
    cells: &mut Vec<SparseCell>,
    merges: &[Corners],
    sheet: &str,
) -> Result<(), String> {
    if merges.is_empty() {
        return Ok(());
    }
    let at: HashMap<(u32, u32), usize> = cells.iter().enumerate().map(|(i, c)| (c.0, i)).collect();
    let rows: HashSet<u32> = cells.iter().map(|c| c.0 .0).collect();
    let mut added = Vec::new();
    for &(start, end) in merges {
        let Some(&top) = at.get(&start) else { continue };
        let (text, problem) = (cells[top].1.clone(), cells[top].2.clone());
        let range = range_name(start, end);
        let last_col = end.1.min(MAX_SHEET_COLUMNS - 1);
        for r in start.0..=end.0.min(MAX_SHEET_ROWS - 1) {
            if !rows.contains(&r) {
                continue;
            }
            for c in start.1..=last_col {
                if (r, c) == start || at.contains_key(&(r, c)) {
                    continue;
                }
                let p = problem.clone().unwrap_or(CellProblem::InsideMerge {
                    range: range.clone(),
                });
                added.push(((r, c), text.clone(), Some(p)));
                within(sheet, (r, c), (cells.len() + added.len()) as u64)?;
            }
        }
    }
    cells.extend(added);
    Ok(())
}

/// The cells as CSV text, line n = row n, field n = column n.
/// Every line is as wide as the widest row (a workbook's used range), so that no row looks
/// ragged; rows above the first value are empty lines.
fn to_text(sheet: String, mut cells: Vec<SparseCell>) -> Result<Option<SheetText>, String> {
    cells.sort_by_key(|c| c.0);
    let mut problems = BTreeMap::new();
    let width = cells.iter().map(|c| c.0 .1 as usize + 1).max().unwrap_or(0);
    let mut w = csv::WriterBuilder::new()
        .flexible(true)
        .terminator(csv::Terminator::Any(b'\n'))
        .from_writer(Vec::new());
    let first = cells.first().map_or(0, |c| c.0 .0);
    let mut next_row = first;
    let mut i = 0;
    while i < cells.len() {
        let row = cells[i].0 .0;
        let j = cells[i..]
            .iter()
            .position(|c| c.0 .0 != row)
            .map_or(cells.len(), |k| i + k);
        for _ in next_row..row {
            w.write_record(vec![""; width]).map_err(|e| e.to_string())?;
        }
        let mut fields = vec![String::new(); width];
        for (pos, text, problem) in cells[i..j].iter_mut() {
            fields[pos.1 as usize] = std::mem::take(text);
            if let Some(p) = problem.take() {
                problems.insert((u64::from(pos.0) + 1, pos.1 as usize + 1), p);
            }
        }
        w.write_record(&fields).map_err(|e| e.to_string())?;
        next_row = row + 1;
        i = j;
    }
    let body = w.into_inner().map_err(|e| e.to_string())?;
    let mut csv = "\n".repeat(first as usize);
    csv.push_str(&String::from_utf8_lossy(&body));
    Ok(Some(SheetText {
        hidden_lookalikes: Vec::new(),
        sheet,
        csv,
        problems,
    }))
}

/// The sheet names of a workbook, for a message (empty when it cannot be read or exceeds the
/// limits of [`check_bounds`]).
pub fn sheet_names(bytes: &[u8]) -> Vec<String> {
    guarded(|| open(bytes).map(|b| b.sheet_names())).unwrap_or_default()
}

/// The first of `sheets` (in workbook order) whose name, trimmed, is one of `names`, compared
/// without regard to case.
pub fn find_sheet<'s>(sheets: &'s [String], names: &[&str]) -> Option<&'s String> {
    sheets.iter().find(|s| named(s, names))
}

/// The sheets of a workbook that holds a whole batch (`--data week.xlsx`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct BatchSheets {
    /// Every sheet, in workbook order.
    pub all: Vec<String>,
    /// The experts sheet (one of [`EXPERTS_SHEETS`]), if there is one.
    pub experts: Option<String>,
    /// The requests sheet (one of [`REQUESTS_SHEETS`]), if there is one.
    pub requests: Option<String>,
    /// The history sheet (one of [`HISTORY_SHEETS`]), if there is one.
    pub history: Option<String>,
}

impl BatchSheets {
    /// What is missing for a batch ([`crate::ingest::Problem::NoBatchSheets`], in English `has
    /// no sheet named requests or aanvragen; its sheets are: experts, Blad2 ...`). `None` when
    /// the experts and requests sheets are there (history is optional).
    pub fn missing(&self) -> Option<crate::ingest::Problem> {
        let (experts, requests) = (self.experts.is_none(), self.requests.is_none());
        (experts || requests).then(|| crate::ingest::Problem::NoBatchSheets {
            experts,
            requests,
            have: self.all.clone(),
        })
    }
}

/// The sheets of a batch workbook: which one holds each table. A table is only taken from a
/// visible sheet so named (see [`sheet_csv`] for hidden sheets).
///
/// # Errors
///
/// A message for a workbook that cannot be read (corrupt, password-protected, not a workbook),
/// exceeds the limits of [`check_bounds`], or has a hidden sheet that could hold a table.
pub fn batch_sheets(bytes: &[u8]) -> Result<BatchSheets, WorkbookError> {
    batch_sheets_in_words(bytes).map_err(WorkbookError::from)
}

fn batch_sheets_in_words(bytes: &[u8]) -> Result<BatchSheets, Problem> {
    guarded(|| batch_sheets_of(bytes))
}

fn batch_sheets_of(bytes: &[u8]) -> Result<BatchSheets, Problem> {
    let book = open(bytes)?;
    let sheets = worksheets(&book);
    // A batch takes each table from the sheet so named (a single sheet is no batch).
    let pick = |names: &[&str]| choose_sheet(&sheets, names).map(|s| s.filter(|s| named(s, names)));
    Ok(BatchSheets {
        experts: pick(EXPERTS_SHEETS)?,
        requests: pick(REQUESTS_SHEETS)?,
        history: pick(HISTORY_SHEETS)?,
        all: book.sheet_names(),
    })
}

/// Whether `bytes` are an Office file encrypted with a password: an OLE compound file that
/// holds an `EncryptedPackage` stream, as Excel saves a workbook "protected with a password".
pub fn is_encrypted(bytes: &[u8]) -> bool {
    let ole = bytes.starts_with(b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1");
    let name: Vec<u8> = "EncryptedPackage"
        .encode_utf16()
        .flat_map(|u| u.to_le_bytes())
        .collect();
    ole && bytes.windows(name.len()).any(|w| w == name.as_slice())
}

/// The message for a workbook that calamine cannot open.
fn unreadable(bytes: &[u8], err: &str) -> Problem {
    if is_encrypted(bytes) {
        Problem::WorkbookPassword
    } else {
        Problem::WorkbookUnreadable(err.to_string())
    }
}

/// A cell as the text a user means by it. Line breaks inside a cell become spaces, so that one
/// row stays one line. A date is read in the workbook's own date system (1900 or 1904).
fn cell_text(d: &Data) -> String {
    let s = match d {
        Data::Empty => String::new(),
        Data::String(s) => s.clone(),
        Data::Int(n) => n.to_string(),
        Data::Float(x) if x.fract() == 0.0 && x.abs() < 1e15 => format!("{}", *x as i64),
        Data::Float(x) => x.to_string(),
        Data::Bool(b) => if *b { "yes" } else { "no" }.to_string(),
        Data::DateTime(dt) => {
            let serial = dt.as_f64();
            if dt.is_datetime() && (1.0..2_958_466.0).contains(&serial) {
                let (y, m, d, ..) = dt.to_ymd_hms_milli();
                format!("{y:04}-{m:02}-{d:02}")
            } else {
                serial.to_string()
            }
        }
        Data::DateTimeIso(s) | Data::DurationIso(s) => s.clone(),
        Data::Error(e) => e.to_string(),
    };
    s.replace(['\r', '\n'], " ")
}

/// `A`, `B`, ..., `Z`, `AA`, ... for a 1-based column number.
pub fn column_letters(mut n: usize) -> String {
    let mut out = Vec::new();
    while n > 0 {
        let r = (n - 1) % 26;
        out.push(b'A' + r as u8);
        n = (n - 1) / 26;
    }
    out.reverse();
    String::from_utf8(out).unwrap_or_default()
}

/// Why a workbook could not be read, in words naming the part, sheet or cell (see
/// [`sheet_csv`], [`batch_sheets`] and [`check_bounds`]).
#[derive(Clone, Debug, PartialEq, thiserror::Error)]
#[error("{0}")]
pub struct WorkbookError(pub String, pub Problem);

impl From<Problem> for WorkbookError {
    /// The problem with its English text.
    fn from(p: Problem) -> Self {
        WorkbookError(p.render(crate::messages::Lang::En), p)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write;

    #[test]
    fn letters() {
        assert_eq!(column_letters(1), "A");
        assert_eq!(column_letters(7), "G");
        assert_eq!(column_letters(26), "Z");
        assert_eq!(column_letters(27), "AA");
        assert_eq!(column_letters(703), "AAA");
        assert_eq!(col_number("XFD"), 16_384);
        assert_eq!(col_number("a"), 1);
    }

    #[test]
    fn cells_as_meant() {
        assert_eq!(cell_text(&Data::Float(2.0)), "2");
        assert_eq!(cell_text(&Data::Float(2.5)), "2.5");
        assert_eq!(cell_text(&Data::Bool(true)), "yes");
        assert_eq!(cell_text(&Data::String("a\nb".into())), "a b");
        let err = classify(DataRef::Error(calamine::CellErrorType::NA), true);
        assert_eq!(
            err,
            (String::new(), Some(CellProblem::ErrorValue("#N/A".into())))
        );
        assert_eq!(
            classify(DataRef::Empty, true),
            (String::new(), Some(CellProblem::FormulaWithoutValue))
        );
        assert_eq!(classify(DataRef::Empty, false), (String::new(), None));
        assert_eq!(
            classify(DataRef::Float(0.0), true),
            ("0".into(), Some(CellProblem::FormulaStoredZero))
        );
        assert_eq!(classify(DataRef::Float(0.0), false), ("0".into(), None));
        assert_eq!(classify(DataRef::Float(3.0), true), ("3".into(), None));
    }

    #[test]
    fn a_workbook_made_here_reads_back_as_csv() {
        use rust_xlsxwriter::{ExcelDateTime, Format, Workbook};
        let mut book = Workbook::new();
        let ws = book.add_worksheet();
        ws.set_name("Experts").unwrap();
        ws.write_string(0, 0, "id").unwrap();
        ws.write_string(0, 1, "max_assignments").unwrap();
        ws.write_string(0, 2, "birth_year").unwrap();
        ws.write_string(1, 0, "E1").unwrap();
        ws.write_number(1, 1, 2.0).unwrap();
        let date = ExcelDateTime::parse_from_str("2001-03-12").unwrap();
        ws.write_datetime_with_format(1, 2, &date, &Format::new().set_num_format("dd-mm-yyyy"))
            .unwrap();
        let other = book.add_worksheet();
        other.set_name("requests").unwrap();
        let bytes = book.save_to_buffer().unwrap();
        assert!(is_workbook(&bytes));
        let s = sheet_csv(&bytes, &["experts"]).unwrap().unwrap();
        assert_eq!(s.sheet, "Experts");
        assert_eq!(s.csv, "id,max_assignments,birth_year\nE1,2,2001-03-12\n");
        assert!(s.problems.is_empty());
        assert_eq!(sheet_csv(&bytes, &["history"]).unwrap(), None);
        assert!(sheet_csv(b"PK\x03\x04garbage", &["x"]).is_err());
    }

    /// The parts of a zip, `f` applied to each (name, text).
    fn rezip(bytes: &[u8], f: impl Fn(&str, String) -> String) -> Vec<u8> {
        let mut zin = zip::ZipArchive::new(Cursor::new(bytes)).unwrap();
        let mut out = zip::ZipWriter::new(Cursor::new(Vec::new()));
        let opts = zip::write::SimpleFileOptions::default()
            .compression_method(zip::CompressionMethod::Deflated);
        for i in 0..zin.len() {
            let mut part = zin.by_index(i).unwrap();
            let name = part.name().unwrap().to_string();
            let mut text = String::new();
            part.read_to_string(&mut text).unwrap();
            out.start_file(name.clone(), opts).unwrap();
            out.write_all(f(&name, text).as_bytes()).unwrap();
        }
        out.finish().unwrap().into_inner()
    }

    #[test]
    fn a_workbook_in_the_1904_date_system_gives_the_same_dates() {
        use rust_xlsxwriter::{Format, Workbook};
        let date = Format::new().set_num_format("dd-mm-yyyy");
        let day = days_from(2001, 3, 12);
        let make = |serial: i64| {
            let mut book = Workbook::new();
            let ws = book.add_worksheet();
            ws.set_name("experts").unwrap();
            ws.write_string(0, 0, "birth_year").unwrap();
            ws.write_number_with_format(1, 0, serial as f64, &date)
                .unwrap();
            book.save_to_buffer().unwrap()
        };
        let b1900 = make(day - days_from(1899, 12, 30));
        let b1904 = rezip(&make(day - days_from(1904, 1, 1)), |name, text| {
            if name == "xl/workbook.xml" {
                text.replacen("<workbookPr", "<workbookPr date1904=\"1\"", 1)
            } else {
                text
            }
        });
        for b in [b1900, b1904] {
            let s = sheet_csv(&b, &["experts"]).unwrap().unwrap();
            assert_eq!(s.csv, "birth_year\n2001-03-12\n");
        }
    }

    fn days_from(y: i32, m: u32, d: u32) -> i64 {
        crate::model::days_from_civil(y, m, d)
    }

    #[test]
    fn formulas_errors_and_merges_are_problems_of_their_cells() {
        use rust_xlsxwriter::{Format, Formula, Workbook};
        let mut book = Workbook::new();
        let ws = book.add_worksheet();
        ws.set_name("experts").unwrap();
        ws.write_string(0, 0, "id").unwrap();
        ws.write_string(0, 1, "excluded_orgs").unwrap();
        ws.write_string(0, 2, "load_budget").unwrap();
        for r in 1..5 {
            ws.write_string(r, 0, format!("E{r}")).unwrap();
        }
        ws.merge_range(1, 1, 3, 1, "Kompas", &Format::new())
            .unwrap();
        ws.write_formula(1, 2, Formula::new("=NA()").set_result("#N/A"))
            .unwrap();
        ws.write_formula(2, 2, "=A1").unwrap();
        ws.write_formula(3, 2, Formula::new("=A1").set_result("DROPME"))
            .unwrap();
        ws.write_formula(4, 2, Formula::new("=1+1").set_result("2"))
            .unwrap();
        let bytes = rezip(&book.save_to_buffer().unwrap(), |_, t| {
            t.replace("<v>DROPME</v>", "")
        });
        let s = sheet_csv(&bytes, &["experts"]).unwrap().unwrap();
        assert_eq!(
            s.csv,
            "id,excluded_orgs,load_budget\nE1,Kompas,\nE2,Kompas,0\nE3,Kompas,\nE4,,2\n"
        );
        let merged = CellProblem::InsideMerge {
            range: "B2:B4".into(),
        };
        let want: BTreeMap<(u64, usize), CellProblem> = [
            ((2, 3), CellProblem::ErrorValue("#N/A".into())),
            ((3, 2), merged.clone()),
            ((3, 3), CellProblem::FormulaStoredZero),
            ((4, 2), merged),
            ((4, 3), CellProblem::FormulaWithoutValue),
        ]
        .into_iter()
        .collect();
        assert_eq!(s.problems, want);
    }

    #[test]
    fn hidden_sheets_are_taken_on_the_safe_side() {
        let s = |v: &[(&str, bool)]| -> Vec<(String, bool)> {
            v.iter().map(|(n, b)| (n.to_string(), *b)).collect()
        };
        let names = EXPERTS_SHEETS;
        assert_eq!(
            choose_sheet(&s(&[("Experts", true), ("requests", true)]), names),
            Ok(Some("Experts".into()))
        );
        let e =
            choose_sheet(&s(&[("experts", false), ("Experts (new)", true)]), names).unwrap_err();
        assert!(
            e.contains("'experts'") && e.contains("'Experts (new)'"),
            "{e}"
        );
        let e = choose_sheet(&s(&[("experts", false), ("Blad1", true)]), names).unwrap_err();
        assert!(e.contains("hidden sheet 'experts'"), "{e}");
        // A hidden old copy under another name next to the visible table is not read.
        assert_eq!(
            choose_sheet(&s(&[("experts old", false), ("experts", true)]), names),
            Ok(Some("experts".into()))
        );
        let e = choose_sheet(&s(&[("experts", true), ("Experts ", true)]), names).unwrap_err();
        assert!(e.contains("2 sheets named"), "{e}");
        assert_eq!(
            choose_sheet(&s(&[("Blad1", true)]), names),
            Ok(Some("Blad1".into()))
        );
        assert_eq!(
            choose_sheet(&s(&[("lijsten", false), ("Blad1", true)]), names),
            Ok(Some("Blad1".into()))
        );
        assert_eq!(
            choose_sheet(&s(&[("Blad1", true), ("Blad2", true)]), names),
            Ok(None)
        );
    }

    #[test]
    fn declared_sizes_beyond_the_limits_are_refused() {
        let mb = 1024 * 1024;
        let part = |size: u64, stored: u64| ("xl/worksheets/sheet1.xml".to_string(), size, stored);
        assert!(check_sizes(&[part(5 * mb, 10_000)]).is_ok()); // small parts: any ratio
        assert!(check_sizes(&[part(50 * mb, 5 * mb)]).is_ok());
        let e = check_sizes(&[part(737 * mb, 1_400_000)]).unwrap_err();
        assert!(
            e.to_string()
                .contains("would expand from 1.3 MB to 737.0 MB"),
            "{e}"
        );
        let nl = e.render(crate::messages::Lang::Nl);
        assert!(nl.contains("zou uitpakken van 1,3 MB tot 737,0 MB"), "{nl}");
        let many: Vec<_> = (0..21).map(|_| part(10 * mb, 2 * mb)).collect();
        let e = check_sizes(&many).unwrap_err();
        assert!(e.to_string().contains("would expand to 210.0 MB"), "{e}");
    }

    #[test]
    fn cell_references_are_checked_across_read_blocks() {
        // Enough cells that references straddle the 64 KiB blocks of the scan.
        let cells: String = (1..20_000).map(|r| format!("<c r=\"XFD{r}\"/>")).collect();
        assert!(check_cell_refs(cells.as_bytes(), "s.xml").is_ok());
        for bad in ["XFE1", "A0", "A1048577", "A99999999999", "AAAA1", "1A"] {
            let part = format!("{cells}<c r=\"{bad}\"/>{cells}");
            let e = check_cell_refs(part.as_bytes(), "s.xml").unwrap_err();
            assert!(e.contains(&format!("{bad:?}")), "{e}");
        }
        let endless = format!("{cells}<c r=\"{}", "A".repeat(5000));
        assert!(check_cell_refs(endless.as_bytes(), "s.xml").is_err());
        assert!(valid_ref(b"1048576") && valid_ref(b"xfd1") && !valid_ref(b""));
    }

    /// A minimal `.ods` file with `rows` (XML of table rows) in a sheet named `experts`.
    fn ods(rows: &str) -> Vec<u8> {
        let content = format!(
            r#"<?xml version="1.0" encoding="UTF-8"?><office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.2"><office:body><office:spreadsheet><table:table table:name="experts">{rows}</table:table></office:spreadsheet></office:body></office:document-content>"#
        );
        let mut out = zip::ZipWriter::new(Cursor::new(Vec::new()));
        let stored = zip::write::SimpleFileOptions::default()
            .compression_method(zip::CompressionMethod::Stored);
        out.start_file("mimetype", stored).unwrap();
        out.write_all(b"application/vnd.oasis.opendocument.spreadsheet")
            .unwrap();
        let deflated = zip::write::SimpleFileOptions::default()
            .compression_method(zip::CompressionMethod::Deflated);
        out.start_file("META-INF/manifest.xml", deflated).unwrap();
        out.write_all(br#"<?xml version="1.0" encoding="UTF-8"?><manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0"><manifest:file-entry manifest:full-path="/" manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/><manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/></manifest:manifest>"#).unwrap();
        out.start_file("content.xml", deflated).unwrap();
        out.write_all(content.as_bytes()).unwrap();
        out.finish().unwrap().into_inner()
    }

    fn text_cell(v: &str) -> String {
        format!(
            r#"<table:table-cell office:value-type="string"><text:p>{v}</text:p></table:table-cell>"#
        )
    }

    #[test]
    fn ods_repeats_are_checked_before_the_library_expands_them() {
        let header = format!(
            "<table:table-row>{}{}</table:table-row>",
            text_cell("id"),
            text_cell("name")
        );
        let row = format!(
            "<table:table-row>{}{}</table:table-row>",
            text_cell("E1"),
            text_cell("Ravi")
        );
        // LibreOffice's empty rows and cells to the end of the sheet are read.
        let tail = r#"<table:table-row table:number-rows-repeated="1048574"><table:table-cell table:number-columns-repeated="16384"/></table:table-row>"#;
        let wide = r#"<table:table-row><table:table-cell table:number-columns-repeated="16382"/></table:table-row>"#;
        let ok = ods(&format!("{header}{row}{wide}{tail}"));
        let s = sheet_csv(&ok, &["experts"]).unwrap().unwrap();
        assert_eq!(s.csv, "id,name\nE1,Ravi\n");
        // A merged cell (spanning three rows) gives its value to the rows it covers.
        let merged = format!(
            r#"{header}<table:table-row><table:table-cell office:value-type="string" table:number-rows-spanned="3"><text:p>Kompas</text:p></table:table-cell>{}</table:table-row><table:table-row><table:covered-table-cell/>{}</table:table-row><table:table-row><table:covered-table-cell/>{}</table:table-row>"#,
            text_cell("a"),
            text_cell("b"),
            text_cell("c")
        );
        let s = sheet_csv(&ods(&merged), &["experts"]).unwrap().unwrap();
        assert_eq!(s.csv, "id,name\nKompas,a\nKompas,b\nKompas,c\n");
        let inside = CellProblem::InsideMerge {
            range: "A2:A4".into(),
        };
        assert_eq!(s.problems.get(&(3, 1)), Some(&inside));
        // A value repeated down a million rows, or across 16,384 columns: refused.
        let down = format!(
            r#"<table:table-row table:number-rows-repeated="1000000">{}</table:table-row>"#,
            text_cell("x")
        );
        let e = check_bounds(&ods(&format!("{header}{down}")))
            .unwrap_err()
            .0;
        assert!(
            e.contains("sheet experts has a value at row 1000001 column 1"),
            "{e}"
        );
        let across = r#"<table:table-row><table:table-cell office:value-type="float" office:value="1" table:number-columns-repeated="16384"/></table:table-row>"#;
        let e = check_bounds(&ods(&format!("{header}{across}")))
            .unwrap_err()
            .0;
        assert!(e.contains("column 16384"), "{e}");
        // A used range within the row and column limits but too many cells in all.
        let block = r#"<table:table-row table:number-rows-repeated="99000"><table:table-cell office:value-type="float" office:value="1" table:number-columns-repeated="100"/></table:table-row>"#;
        let e = check_bounds(&ods(&format!("{header}{block}")))
            .unwrap_err()
            .0;
        assert!(e.contains("more than the 2000000"), "{e}");
    }
}
