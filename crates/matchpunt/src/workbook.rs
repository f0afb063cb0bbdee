//! Reading a table from an Excel (`.xlsx`, `.xls`) or OpenDocument (`.ods`) workbook.
//!
//! Why: coordinators keep their experts and requests in Excel, and every export to CSV is a
//! place where data is lost or mangled. A workbook sheet is turned into CSV text with one line
//! per sheet row (so that a line number is the row number a spreadsheet user sees) and one field
//! per sheet column from column A (so that a column number is the column letter), and then read
//! by the same rules as any CSV file. Excel's own cell types are taken as a user means them: a
//! whole number stored as a float (`2.0`) is `2`, a date cell is `2026-11-24`, a boolean is
//! `yes`/`no`, and a formula's cached value is read. Reading is done by `calamine`.

use crate::model::{civil_from_days, days_from_civil};
use calamine::{open_workbook_auto_from_rs, Data, Reader};
use std::io::Cursor;

/// Sheet names that hold the experts table (compared without regard to case).
pub const EXPERTS_SHEETS: &[&str] = &["experts", "ervaringsdeskundigen", "deskundigen"];
/// Sheet names that hold the requests table.
pub const REQUESTS_SHEETS: &[&str] = &["requests", "aanvragen"];
/// Sheet names that hold the history table (optional in a batch workbook).
pub const HISTORY_SHEETS: &[&str] = &["history", "historie", "geschiedenis"];

/// Whether `bytes` look like a workbook: a zip file (`.xlsx`, `.ods`) or an OLE compound file
/// (`.xls`).
pub fn is_workbook(bytes: &[u8]) -> bool {
    bytes.starts_with(b"PK\x03\x04") || bytes.starts_with(b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1")
}

/// One sheet of a workbook as CSV text.
#[derive(Clone, Debug, PartialEq)]
pub struct SheetText {
    /// The sheet's name as the workbook has it.
    pub sheet: String,
    /// The sheet as `,`-separated text, line n = row n.
    pub csv: String,
}

/// The sheet of `bytes` whose name is one of `names` (compared without regard to case), or,
/// when the workbook has a single sheet, that one. `Ok(None)` when no sheet is named so and the
/// workbook has several (the caller decides whether the table is optional).
///
/// # Errors
///
/// A message for a workbook that cannot be read (corrupt, password-protected, not a workbook).
pub fn sheet_csv(bytes: &[u8], names: &[&str]) -> Result<Option<SheetText>, String> {
    let mut book = open_workbook_auto_from_rs(Cursor::new(bytes.to_vec()))
        .map_err(|e| unreadable(bytes, &e.to_string()))?;
    let sheets = book.sheet_names();
    let chosen = find_sheet(&sheets, names)
        .or(if sheets.len() == 1 {
            sheets.first()
        } else {
            None
        })
        .cloned();
    let Some(sheet) = chosen else {
        return Ok(None);
    };
    let range = book
        .worksheet_range(&sheet)
        .map_err(|e| format!("sheet {sheet:?} cannot be read: {e}"))?;
    let (row0, col0) = range.start().unwrap_or((0, 0));
    let mut out = String::new();
    for _ in 0..row0 {
        out.push('\n');
    }
    let mut w = csv::WriterBuilder::new()
        .flexible(true)
        .terminator(csv::Terminator::Any(b'\n'))
        .from_writer(Vec::new());
    for row in range.rows() {
        let mut fields: Vec<String> = vec![String::new(); col0 as usize];
        fields.extend(row.iter().map(cell_text));
        w.write_record(&fields).map_err(|e| e.to_string())?;
    }
    let body = w.into_inner().map_err(|e| e.to_string())?;
    out.push_str(&String::from_utf8_lossy(&body));
    Ok(Some(SheetText { sheet, csv: out }))
}

/// The sheet names of a workbook, for a message.
pub fn sheet_names(bytes: &[u8]) -> Vec<String> {
    open_workbook_auto_from_rs(Cursor::new(bytes.to_vec()))
        .map(|b| b.sheet_names())
        .unwrap_or_default()
}

/// The first of `sheets` (in workbook order) whose name, trimmed, is one of `names`, compared
/// without regard to case.
pub fn find_sheet<'s>(sheets: &'s [String], names: &[&str]) -> Option<&'s String> {
    sheets
        .iter()
        .find(|s| names.iter().any(|n| s.trim().eq_ignore_ascii_case(n)))
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
    /// What is missing for a batch, as a message: `has no sheet named requests or aanvragen;
    /// its sheets are: experts, Blad2`. `None` when the experts and requests sheets are there
    /// (history is optional).
    pub fn missing(&self) -> Option<String> {
        let mut want = Vec::new();
        if self.experts.is_none() {
            want.push(EXPERTS_SHEETS.join(" or "));
        }
        if self.requests.is_none() {
            want.push(REQUESTS_SHEETS.join(" or "));
        }
        if want.is_empty() {
            return None;
        }
        Some(format!(
            "has no sheet named {}; its sheets are: {} (a batch workbook needs an experts and a requests sheet; a history sheet is optional)",
            want.join(", and none named "),
            self.all.join(", ")
        ))
    }
}

/// The sheets of a batch workbook: which one holds each table.
///
/// # Errors
///
/// A message for a workbook that cannot be read (corrupt, password-protected, not a workbook).
pub fn batch_sheets(bytes: &[u8]) -> Result<BatchSheets, String> {
    let book = open_workbook_auto_from_rs(Cursor::new(bytes.to_vec()))
        .map_err(|e| unreadable(bytes, &e.to_string()))?;
    let all = book.sheet_names();
    let pick = |names: &[&str]| find_sheet(&all, names).cloned();
    Ok(BatchSheets {
        experts: pick(EXPERTS_SHEETS),
        requests: pick(REQUESTS_SHEETS),
        history: pick(HISTORY_SHEETS),
        all: all.clone(),
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
fn unreadable(bytes: &[u8], err: &str) -> String {
    if is_encrypted(bytes) {
        "is password-protected (encrypted): save a copy without a password (in Excel: File > Info > Protect Workbook > Encrypt with Password, empty the password) and read that".to_string()
    } else {
        format!("cannot be read as a workbook ({err}); is it password-protected or damaged?")
    }
}

/// A cell as the text a user means by it. Line breaks inside a cell become spaces, so that one
/// row stays one line.
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
                let (y, m, d) =
                    civil_from_days(days_from_civil(1899, 12, 30) + serial.floor() as i64);
                format!("{y:04}-{m:02}-{d:02}")
            } else {
                serial.to_string()
            }
        }
        Data::DateTimeIso(s) | Data::DurationIso(s) => s.clone(),
        Data::Error(e) => format!("#{e}"),
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn letters() {
        assert_eq!(column_letters(1), "A");
        assert_eq!(column_letters(7), "G");
        assert_eq!(column_letters(26), "Z");
        assert_eq!(column_letters(27), "AA");
        assert_eq!(column_letters(703), "AAA");
    }

    #[test]
    fn cells_as_meant() {
        assert_eq!(cell_text(&Data::Float(2.0)), "2");
        assert_eq!(cell_text(&Data::Float(2.5)), "2.5");
        assert_eq!(cell_text(&Data::Bool(true)), "yes");
        assert_eq!(cell_text(&Data::String("a\nb".into())), "a b");
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
        assert_eq!(sheet_csv(&bytes, &["history"]).unwrap(), None);
        assert!(sheet_csv(b"PK\x03\x04garbage", &["x"]).is_err());
    }
}
