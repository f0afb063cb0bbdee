//! Input errors: one per bad cell, naming file, line and column (or sheet and cell), the value
//! and what was expected; all the errors of a batch returned together.

#[allow(unused_imports)]
use super::*;

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
