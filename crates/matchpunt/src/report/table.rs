//! Output tables as data, written as CSV in the coordinator's dialect or as an Excel workbook.
//!
//! Why: coordinators open the outputs in Excel. Dutch Excel reads `;`-separated files with
//! decimal commas and shows accents right only with a byte-order mark; a file with `,` and
//! decimal points opens as one column of text. And a cell that starts with `=`, `+`, `-` or `@`
//! is a formula to Excel: a name like `=HYPERLINK(...)` in the data must never be evaluated
//! (OWASP, "CSV injection"). So every output is first a [`Sheet`] of typed cells, and the writers
//! here decide the form: [`write_csv`] in a [`Dialect`], [`workbook`] as `.xlsx` (by
//! `rust_xlsxwriter`, where text is always written as a string cell, never as a formula).

use std::borrow::Cow;
use std::io::Write;

/// One cell.
#[derive(Clone, Debug, PartialEq)]
pub enum Cell {
    /// Text, written as text (made inert in CSV when it looks like a formula).
    Text(String),
    /// A whole number.
    Int(i64),
    /// A number shown with this many decimals.
    Num(f64, u8),
    /// Nothing.
    Empty,
}

impl From<&str> for Cell {
    fn from(s: &str) -> Self {
        Cell::Text(s.to_string())
    }
}

impl From<String> for Cell {
    fn from(s: String) -> Self {
        Cell::Text(s)
    }
}

/// A table with a header row.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Sheet {
    /// Sheet name in a workbook (at most 31 characters).
    pub name: String,
    /// Column names.
    pub header: Vec<String>,
    /// Rows, each as long as the header.
    pub rows: Vec<Vec<Cell>>,
    /// A column holding a share from 0 to 1, shown as a data bar in a workbook.
    pub data_bar: Option<usize>,
}

/// How a CSV file is written.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Dialect {
    /// Field separator.
    pub delimiter: u8,
    /// Decimal comma instead of point.
    pub decimal_comma: bool,
    /// Start with a UTF-8 byte-order mark (Excel then reads UTF-8).
    pub bom: bool,
}

impl Dialect {
    /// `,` and decimal points, with a BOM.
    pub const INTL: Dialect = Dialect {
        delimiter: b',',
        decimal_comma: false,
        bom: true,
    };
    /// Dutch Excel: `;` and decimal commas, with a BOM.
    pub const NL: Dialect = Dialect {
        delimiter: b';',
        decimal_comma: true,
        bom: true,
    };
    /// `,`, points and no BOM: the plain form for other tools.
    pub const PLAIN: Dialect = Dialect {
        delimiter: b',',
        decimal_comma: false,
        bom: false,
    };

    /// The dialect that matches an input separated by `delimiter`: Dutch for `;`.
    pub fn following(delimiter: u8) -> Dialect {
        if delimiter == b';' {
            Dialect::NL
        } else {
            Dialect::INTL
        }
    }

    /// Parses `nl` or `intl` (also `plain`).
    pub fn parse(s: &str) -> Option<Dialect> {
        match s.trim().to_ascii_lowercase().as_str() {
            "nl" => Some(Dialect::NL),
            "intl" | "en" => Some(Dialect::INTL),
            "plain" => Some(Dialect::PLAIN),
            _ => None,
        }
    }
}

/// Text as a spreadsheet must show it: a value that starts with `=`, `+`, `-`, `@`, a tab or a
/// carriage return gets a leading `'`, so that Excel and LibreOffice show it as text and never
/// evaluate it (OWASP's CSV-injection guidance). Except an international phone number: `+`
/// followed only by digits and spaces (`+31612345678`, `+31 30 1234567`) names no cell and
/// calls no function, and a mail merge or Excel would show the `'` (the fourth trial, #17).
pub fn inert(s: &str) -> Cow<'_, str> {
    match s.chars().next() {
        Some('+') if is_phone_number(s) => Cow::Borrowed(s),
        Some('=' | '+' | '-' | '@' | '\t' | '\r') => Cow::Owned(format!("'{s}")),
        _ => Cow::Borrowed(s),
    }
}

/// `+`, then digits and single spaces only, at least 6 digits, ending in a digit.
fn is_phone_number(s: &str) -> bool {
    let Some(rest) = s.strip_prefix('+') else {
        return false;
    };
    rest.bytes().all(|b| b.is_ascii_digit() || b == b' ')
        && rest.bytes().filter(u8::is_ascii_digit).count() >= 6
        && rest.starts_with(|c: char| c.is_ascii_digit())
        && rest.ends_with(|c: char| c.is_ascii_digit())
        && !rest.contains("  ")
}

fn number(x: f64, decimals: u8, comma: bool) -> String {
    let s = format!("{x:.*}", decimals as usize);
    if comma {
        s.replace('.', ",")
    } else {
        s
    }
}

/// Writes `sheet` as CSV in `dialect`. Text cells are made [`inert`].
///
/// # Errors
///
/// Any error of the writer.
pub fn write_csv<W: Write>(sheet: &Sheet, dialect: Dialect, mut w: W) -> csv::Result<()> {
    if dialect.bom {
        w.write_all(b"\xEF\xBB\xBF")?;
    }
    let mut out = csv::WriterBuilder::new()
        .delimiter(dialect.delimiter)
        .from_writer(w);
    out.write_record(&sheet.header)?;
    for row in &sheet.rows {
        out.write_record(row.iter().map(|c| match c {
            Cell::Text(s) => inert(s).into_owned(),
            Cell::Int(n) => n.to_string(),
            Cell::Num(x, d) => number(*x, *d, dialect.decimal_comma),
            Cell::Empty => String::new(),
        }))?;
    }
    out.flush()?;
    Ok(())
}

/// The sheets as one `.xlsx` workbook, in memory: a bold, frozen header row with an autofilter,
/// columns as wide as their content, numbers as numbers (with their decimals), text always as
/// text, and a data bar on a sheet's [`Sheet::data_bar`] column.
///
/// The document's creation time (docProps/core.xml) is the Monday of `week`, 00:00 UTC, when
/// given: the same sheets of the same week give the same bytes, run after run. Without a week
/// (an export about no batch) it is the time of writing. Linear in the number of cells.
///
/// # Errors
///
/// `rust_xlsxwriter`'s error for a sheet name it refuses (longer than 31 characters, or with
/// `[]:*?/\`) or a table beyond Excel's limits.
pub fn workbook(
    sheets: &[Sheet],
    week: Option<crate::model::Week>,
) -> Result<Vec<u8>, rust_xlsxwriter::XlsxError> {
    use rust_xlsxwriter::{
        ConditionalFormatDataBar, ConditionalFormatType, DocProperties, ExcelDateTime, Format,
        Workbook,
    };
    let mut book = Workbook::new();
    if let Some(week) = week {
        let (y, m, d) = crate::model::civil_from_days(week.monday());
        let monday = ExcelDateTime::from_ymd(y as u16, m as u8, d as u8)?;
        book.set_properties(&DocProperties::new().set_creation_datetime(&monday));
    }
    let bold = Format::new().set_bold();
    let formats: Vec<Format> = (0..=4u8)
        .map(|d| {
            let pattern = if d == 0 {
                "0".to_string()
            } else {
                format!("0.{}", "0".repeat(d as usize))
            };
            Format::new().set_num_format(pattern)
        })
        .collect();
    let wrap = Format::new()
        .set_text_wrap()
        .set_align(rust_xlsxwriter::FormatAlign::Top);
    for sheet in sheets {
        let ws = book.add_worksheet();
        ws.set_name(&sheet.name)?;
        for (c, h) in sheet.header.iter().enumerate() {
            ws.write_string_with_format(0, c as u16, h, &bold)?;
        }
        // Long texts (a reason, a fix) wrap in a column of at most WRAP_WIDTH characters, so
        // that the printed page holds a request, its reason and its fix side by side.
        let wide: Vec<bool> = (0..sheet.header.len())
            .map(|c| {
                sheet.rows.iter().any(|row| {
                    matches!(row.get(c), Some(Cell::Text(s)) if s.chars().count() > WRAP_WIDTH)
                })
            })
            .collect();
        for (r, row) in sheet.rows.iter().enumerate() {
            let r = r as u32 + 1;
            for (c, cell) in row.iter().enumerate() {
                let wrap_here = wide.get(c).copied().unwrap_or(false);
                let c = c as u16;
                match cell {
                    Cell::Text(s) if wrap_here => {
                        ws.write_string_with_format(r, c, s, &wrap)?;
                    }
                    Cell::Text(s) => {
                        ws.write_string(r, c, s)?;
                    }
                    Cell::Int(n) => {
                        ws.write_number_with_format(r, c, *n as f64, &formats[0])?;
                    }
                    Cell::Num(x, d) => {
                        ws.write_number_with_format(r, c, *x, &formats[(*d).min(4) as usize])?;
                    }
                    Cell::Empty => {}
                }
            }
        }
        let last_col = sheet.header.len().saturating_sub(1) as u16;
        let last_row = sheet.rows.len() as u32;
        ws.set_freeze_panes(1, 0)?;
        if !sheet.header.is_empty() {
            ws.autofilter(0, 0, last_row, last_col)?;
        }
        if let (Some(col), true) = (sheet.data_bar, last_row > 0) {
            let bar = ConditionalFormatDataBar::new()
                .set_minimum(ConditionalFormatType::Number, 0)
                .set_maximum(ConditionalFormatType::Number, 1);
            ws.add_conditional_format(1, col as u16, last_row, col as u16, &bar)?;
        }
        ws.autofit();
        for (c, _) in wide.iter().enumerate().filter(|w| *w.1) {
            ws.set_column_width(c as u16, WRAP_WIDTH as f64)?;
        }
        // Printed: landscape, one page wide (as many pages down as it takes), the header on
        // every page, with gridlines.
        ws.set_landscape();
        ws.set_print_fit_to_pages(1, 0);
        ws.set_print_gridlines(true);
        ws.set_repeat_rows(0, 0)?;
    }
    book.save_to_buffer()
}

/// The widest a column of long texts gets in a workbook, in characters; its cells wrap.
const WRAP_WIDTH: usize = 60;

#[cfg(test)]
mod tests {
    use super::*;

    fn sheet() -> Sheet {
        Sheet {
            name: "toewijzingen".into(),
            header: vec!["naam".into(), "km".into(), "aantal".into()],
            rows: vec![
                vec!["=HYPERLINK(\"x\")".into(), Cell::Num(12.5, 2), Cell::Int(2)],
                vec!["Anouk".into(), Cell::Num(-3.0, 1), Cell::Empty],
                vec!["@SUM(A1)".into(), Cell::Num(0.25, 3), Cell::Int(-1)],
            ],
            data_bar: Some(1),
        }
    }

    /// Printed, a sheet is one page wide, landscape, with the header on every page; a column
    /// of long reasons is WRAP_WIDTH wide and wraps, so the reason stays beside its request.
    #[test]
    fn a_printed_sheet_fits_the_width_with_long_texts_wrapped() {
        let mut s = sheet();
        s.rows[1][0] = Cell::Text("a reason of many words, ".repeat(8));
        let bytes = workbook(&[s], None).unwrap();
        let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
        let mut xml = String::new();
        std::io::Read::read_to_string(
            &mut zip.by_name("xl/worksheets/sheet1.xml").unwrap(),
            &mut xml,
        )
        .unwrap();
        assert!(xml.contains("<pageSetUpPr fitToPage=\"1\"/>"), "{xml}");
        assert!(xml.contains("fitToHeight=\"0\""), "{xml}");
        assert!(xml.contains("orientation=\"landscape\""), "{xml}");
        assert!(xml.contains("width=\"60.7109375\""), "{xml}");
        let mut styles = String::new();
        std::io::Read::read_to_string(&mut zip.by_name("xl/styles.xml").unwrap(), &mut styles)
            .unwrap();
        assert!(styles.contains("wrapText=\"1\""), "{styles}");
    }

    #[test]
    fn dutch_csv_has_semicolons_decimal_commas_and_a_bom() {
        let mut out = Vec::new();
        write_csv(&sheet(), Dialect::NL, &mut out).unwrap();
        let text = String::from_utf8(out).unwrap();
        assert_eq!(
            text,
            "\u{feff}naam;km;aantal\n\"'=HYPERLINK(\"\"x\"\")\";12,50;2\nAnouk;-3,0;\n'@SUM(A1);0,250;-1\n"
        );
    }

    #[test]
    fn international_csv_keeps_points() {
        let mut out = Vec::new();
        write_csv(&sheet(), Dialect::INTL, &mut out).unwrap();
        let text = String::from_utf8(out).unwrap();
        assert!(text.starts_with("\u{feff}naam,km,aantal\n"));
        assert!(text.contains(",12.50,2\n"), "{text}");
    }

    #[test]
    fn formulas_are_inert_and_numbers_are_not_touched() {
        for s in [
            "=1+1",
            "+31 6",
            "-x",
            "@x",
            "\tx",
            "\rx",
            "+1+1",
            "+A1",
            "+31 Jeugdhulp",
            "+31-6-1234",
            "+ 31612345678",
            "+316123456 ",
            "+(31)612345678",
        ] {
            assert!(inert(s).starts_with('\''), "{s}");
        }
        // Phone numbers as typed (trial 4, #17).
        for s in ["+31612345678", "+31 30 1234567", "+44 20 7946 0958"] {
            assert_eq!(inert(s), s);
        }
        assert_eq!(inert("Anouk"), "Anouk");
        assert_eq!(inert(""), "");
    }

    #[test]
    fn workbook_is_a_zip() {
        let bytes = workbook(&[sheet()], None).unwrap();
        assert_eq!(&bytes[..2], b"PK");
        assert!(workbook(
            &[Sheet {
                name: "bad/name".into(),
                ..Sheet::default()
            }],
            None
        )
        .is_err());
    }

    /// With a week, the workbook's creation time is that week's Monday: the same sheets give
    /// the same bytes at any time; another week gives another date.
    #[test]
    fn a_workbook_of_a_week_has_that_weeks_monday_as_its_creation_time() {
        let week = crate::model::Week::parse("2026-W48").unwrap();
        let a = workbook(&[sheet()], Some(week)).unwrap();
        std::thread::sleep(std::time::Duration::from_millis(1100));
        let b = workbook(&[sheet()], Some(week)).unwrap();
        assert_eq!(a, b);
        let mut zip = zip::ZipArchive::new(std::io::Cursor::new(a)).unwrap();
        let mut core = String::new();
        std::io::Read::read_to_string(&mut zip.by_name("docProps/core.xml").unwrap(), &mut core)
            .unwrap();
        assert!(core.contains("2026-11-23T00:00:00Z"), "{core}");
        let other = crate::model::Week::parse("2026-W49").unwrap();
        assert_ne!(b, workbook(&[sheet()], Some(other)).unwrap());
    }
}
