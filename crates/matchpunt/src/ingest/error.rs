//! Input errors: one per bad cell, naming file, line and column (or sheet and cell), the value
//! and what was expected; all the errors of a batch returned together.

#[allow(unused_imports)]
use super::*;
use crate::messages::{Lang, Msg};

/// How many errors of one file are listed before the rest are only counted.
pub const MAX_ERRORS_PER_FILE: usize = 50;

/// One problem in an input file: where (file, line, column or sheet and cell), the value, and
/// what is wrong and what was expected ([`Problem`]), rendered in either language by
/// [`InputError::render`] (`Display` is English).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct InputError {
    /// The file, as the caller named it; for a workbook's sheet `book.xlsx, sheet experts`.
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
    pub problem: Problem,
}

/// How a workbook's sheet is named in [`InputError::file`]: `book.xlsx, sheet experts`.
pub const SHEET_IN_FILE: &str = ", sheet ";

impl InputError {
    /// The error as a line in `lang`: `file:line:column (G5): column 'name': "value": what is
    /// wrong`, or for a workbook `book.xlsx, sheet experts, cell G5 (column 'name'): ...`.
    /// Values and long texts are cut ([`MAX_SHOWN_VALUE`], `MAX_SHOWN_MESSAGE` characters).
    /// `O(length of the texts)`.
    pub fn render(&self, lang: Lang) -> String {
        use std::fmt::Write;
        let mut f = String::new();
        let quoted = |v: &str| match shorten(v, MAX_SHOWN_VALUE) {
            Some(cut) => format!(
                "{cut:?}… ({} {})",
                v.chars().count(),
                lang.text(Msg::InCharacters)
            ),
            None => format!("{v:?}"),
        };
        let message = self.problem.render(lang);
        // In a workbook, a place is a cell as a spreadsheet user finds it: "sheet experts, cell G5".
        if let Some((book, sheet)) = self.file.split_once(SHEET_IN_FILE) {
            let _ = write!(f, "{book}, {} {sheet}", lang.text(Msg::InSheet));
            match (self.line, &self.column) {
                (Some(line), Some((n, name))) => {
                    let cell = format!("{}{line}", crate::ingest::workbook::column_letters(*n));
                    let _ = write!(
                        f,
                        ", {}",
                        lang.fill(Msg::InCell, &[("cell", &cell), ("name", name)])
                    );
                }
                (Some(line), None) => {
                    let _ = write!(f, ", {}", lang.fill(Msg::InRow, &[("row", &line)]));
                }
                _ => {}
            }
            if let Some(v) = &self.value {
                let _ = write!(f, ": {}", quoted(v));
            }
            let _ = write!(f, ": {message}");
            return f;
        }
        f.push_str(&self.file);
        if let Some(line) = self.line {
            let _ = write!(f, ":{line}");
            if let Some((n, _)) = &self.column {
                // The cell as a spreadsheet that opens the file names it: `:5:7 (G5)`.
                let _ = write!(
                    f,
                    ":{n} ({}{})",
                    crate::ingest::workbook::column_letters(*n),
                    self.row.unwrap_or(line)
                );
            }
        }
        if let Some((_, name)) = &self.column {
            let _ = write!(f, ": {}", lang.fill(Msg::InColumn, &[("name", name)]));
        }
        if let Some(v) = &self.value {
            let _ = write!(f, ": {}", quoted(v));
        }
        let _ = match shorten(&message, MAX_SHOWN_MESSAGE) {
            Some(cut) => write!(
                f,
                ": {cut}… ({} {})",
                message.chars().count(),
                lang.text(Msg::InCharacters)
            ),
            None => write!(f, ": {message}"),
        };
        f
    }

    /// What is wrong and what was expected, in English (the [`Problem`]'s text).
    pub fn message(&self) -> String {
        self.problem.render(Lang::En)
    }
}

impl fmt::Display for InputError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.render(Lang::En))
    }
}

impl InputError {
    /// A problem of a whole file (no line, no column).
    pub fn whole_file(file: impl Into<String>, problem: impl Into<Problem>) -> Self {
        InputError {
            file: file.into(),
            line: None,
            row: None,
            column: None,
            value: None,
            problem: problem.into(),
        }
    }
}

/// One problem of a whole file, or of one `line` of it, as the errors of a read.
pub(crate) fn file_error(
    file: &str,
    line: Option<u64>,
    problem: impl Into<Problem>,
) -> InputErrors {
    InputErrors {
        errors: vec![InputError {
            line,
            ..InputError::whole_file(file, problem)
        }],
        ..InputErrors::default()
    }
}

/// Longest value quoted whole in a message, in characters; longer ones are cut, with their
/// length (a 1 MiB cell must not be echoed whole, once per error).
pub const MAX_SHOWN_VALUE: usize = 100;
/// Longest message shown whole, in characters.
pub(crate) const MAX_SHOWN_MESSAGE: usize = 400;

/// The first `max` characters of `s`, if it is longer.
pub(crate) fn shorten(s: &str, max: usize) -> Option<&str> {
    s.char_indices().nth(max).map(|(i, _)| &s[..i])
}

/// `v` quoted for a message (`"..."`, escapes as in Rust), cut after [`MAX_SHOWN_VALUE`]
/// characters with its length.
pub(crate) fn shown(v: &str) -> String {
    quoted_short(v)
}

/// `v` quoted (`"..."`, escapes as in Rust), cut after [`MAX_SHOWN_VALUE`] characters.
pub(crate) fn quoted_short(v: &str) -> String {
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
    pub warnings: Vec<Warning>,
    /// The language `Display` writes the errors and warnings in (English by default; see
    /// [`InputErrors::in_lang`]).
    pub lang: Lang,
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
    /// The same errors and warnings, shown in `lang` by `Display`.
    pub fn in_lang(self, lang: Lang) -> Self {
        InputErrors { lang, ..self }
    }
}

impl fmt::Display for InputErrors {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let lang = self.lang;
        let n = self.count();
        let head = if n == 1 {
            Msg::InErrorsOne
        } else {
            Msg::InErrorsMany
        };
        writeln!(f, "{}", lang.fill(head, &[("n", &n)]))?;
        for e in &self.errors {
            writeln!(f, "  {}", e.render(lang))?;
        }
        if self.not_listed > 0 {
            writeln!(
                f,
                "  {}",
                lang.fill(
                    Msg::InErrorsMore,
                    &[("n", &self.not_listed), ("max", &MAX_ERRORS_PER_FILE)]
                )
            )?;
        }
        for w in &self.warnings {
            writeln!(
                f,
                "{}",
                lang.fill(Msg::Warning, &[("text", &w.render(lang))])
            )?;
        }
        Ok(())
    }
}

impl std::error::Error for InputErrors {}
