//! The input options shared by `check`, `run`, `suggest` and `explain`, and loading them.

use anyhow::Result;
use matchpunt::ingest::workbook::{self, BatchSheets};
use matchpunt::ingest::{self, InputError, InputErrors, Inputs, Loaded, Source, WeekChoice};
use matchpunt::messages::{Lang, Msg};
use matchpunt::model::places::Places;
use matchpunt::model::Week;
use matchpunt::policy::Policy;
use std::fs::File;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

pub use crate::voice::CannotOpen;

/// Where the batch's files are.
#[derive(clap::Args, Debug, Clone)]
#[command(next_help_heading = "Inputs")]
pub struct InputArgs {
    /// Folder with experts.csv, requests.csv and (optional) history.csv, or one workbook
    /// (.xlsx, .ods, .xls) with the sheets experts, requests and (optional) history (or
    /// ervaringsdeskundigen, aanvragen, historie) [default: the folder of the first of
    /// --experts, --requests, --history given, else data/sample].
    #[arg(long, value_name = "DIR|BOOK")]
    pub data: Option<PathBuf>,
    /// Experts file (CSV or workbook) [default: DIR/experts.csv, or the BOOK's sheet].
    #[arg(long, value_name = "FILE")]
    pub experts: Option<PathBuf>,
    /// Requests file (CSV or workbook) [default: DIR/requests.csv, or the BOOK's sheet].
    #[arg(long, value_name = "FILE")]
    pub requests: Option<PathBuf>,
    /// History file (CSV or workbook) [default: DIR/history.csv if it exists, or the BOOK's
    /// history sheet if it has one].
    #[arg(long, value_name = "FILE")]
    pub history: Option<PathBuf>,
    /// Policy file (TOML) [default: the built-in policy; see `matchpunt policy --default`].
    #[arg(long, value_name = "FILE")]
    pub policy: Option<PathBuf>,
    /// The batch's ISO week, e.g. 2026-W48 [default: the week after the latest history week,
    /// else the current week].
    #[arg(long, value_name = "WEEK", value_parser = parse_week)]
    pub week: Option<Week>,
    /// `--data` read as a workbook, once (None: it is no workbook).
    #[arg(skip)]
    book: OnceLock<Option<Result<Book, CannotOpen>>>,
}

/// `--data` as one workbook: its bytes and its sheets.
#[derive(Clone, Debug)]
pub struct Book {
    pub path: PathBuf,
    pub bytes: Vec<u8>,
    /// Which sheet holds which table, or why the workbook cannot be read.
    pub sheets: Result<BatchSheets, ingest::Problem>,
}

impl Book {
    /// The sheets, when the workbook can be read and has an experts and a requests sheet;
    /// otherwise the input error naming the file.
    pub fn check(&self) -> Result<&BatchSheets, InputErrors> {
        match &self.sheets {
            Err(e) => Err(whole_file(&self.path, e.clone())),
            Ok(s) => match s.missing() {
                Some(m) => Err(whole_file(&self.path, m)),
                None => Ok(s),
            },
        }
    }
}

/// Whether `--data p` means a workbook: an existing file, or a name with a workbook's extension.
pub fn is_book_path(p: &Path) -> bool {
    p.is_file()
        || (!p.exists()
            && p.extension().is_some_and(|e| {
                ["xlsx", "xlsm", "ods", "xls"]
                    .iter()
                    .any(|w| e.eq_ignore_ascii_case(w))
            }))
}

/// `--data week.xlsx`, read: its sheets, or why it cannot be read (as a message naming it).
pub fn read_book(path: &Path) -> Result<Book, CannotOpen> {
    let bytes = crate::voice::read(path)?;
    let sheets = if workbook::is_workbook(&bytes) {
        workbook::batch_sheets(&bytes).map_err(|e| e.1)
    } else {
        Err("is a file, not a folder or a workbook: --data takes a folder with experts.csv and requests.csv, or one workbook (.xlsx, .ods, .xls)".into())
    };
    Ok(Book {
        path: path.to_path_buf(),
        bytes,
        sheets,
    })
}

/// `--week`: an ISO week (a usage error otherwise).
pub fn parse_week(s: &str) -> Result<Week, String> {
    Week::parse(s).ok_or_else(|| format!("{s:?} is not an ISO week: expected e.g. 2026-W48"))
}

/// The files to read.
pub struct Paths {
    pub experts: PathBuf,
    pub requests: PathBuf,
    pub history: Option<PathBuf>,
    /// Why there is no history, when there is none: `my-week/history.csv does not exist`.
    pub no_history: Option<NoHistory>,
    /// `--data` as one workbook: its path and sheets.
    pub book: Option<(PathBuf, BatchSheets)>,
    /// The coordinator's organisations.csv (names and aliases), when the data folder has one.
    pub organisations: Option<PathBuf>,
}

impl Paths {
    /// Every file read, for the summary: `read a/experts.csv, a/requests.csv, ...`, or
    /// `read week.xlsx (sheets experts, requests, history)`.
    pub fn describe(&self, policy: Option<&Path>, lang: Lang) -> String {
        // Each file once, with the sheets read from it where it is the --data workbook.
        let mut files: Vec<(&Path, Vec<&str>)> = Vec::new();
        let sheets = self.book.as_ref().map(|(book, s)| (book, s));
        let of_book = |path: &PathBuf, sheet: &Option<String>| match sheets {
            Some((book, _)) if book == path => sheet.clone(),
            _ => None,
        };
        let mut sheet_names = vec![
            (
                self.experts.as_path(),
                sheets.and_then(|(_, s)| of_book(&self.experts, &s.experts)),
            ),
            (
                self.requests.as_path(),
                sheets.and_then(|(_, s)| of_book(&self.requests, &s.requests)),
            ),
        ];
        if let Some(h) = &self.history {
            sheet_names.push((
                h.as_path(),
                sheets.and_then(|(_, s)| of_book(h, &s.history)),
            ));
        }
        for (path, sheet) in &sheet_names {
            match files.iter_mut().find(|(p, _)| p == path) {
                Some((_, sheets)) => sheets.extend(sheet.as_deref()),
                None => files.push((path, sheet.as_deref().into_iter().collect())),
            }
        }
        let mut shown: Vec<String> = files
            .iter()
            .map(|(p, sheets)| match sheets.len() {
                0 => p.display().to_string(),
                1 => lang.fill(
                    Msg::CheckSheet,
                    &[("file", &p.display()), ("sheets", &sheets[0])],
                ),
                _ => lang.fill(
                    Msg::CheckSheets,
                    &[("file", &p.display()), ("sheets", &sheets.join(", "))],
                ),
            })
            .collect();
        if let Some(o) = &self.organisations {
            shown.push(o.display().to_string());
        }
        if let Some(p) = policy {
            shown.push(lang.fill(Msg::CheckPolicyFile, &[("file", &p.display())]));
        }
        let mut s = lang.fill(Msg::CheckRead, &[("files", &shown.join(", "))]);
        if let Some(why) = &self.no_history {
            let why = match why {
                NoHistory::Missing(p) => lang.fill(Msg::NoHistoryFile, &[("file", &p.display())]),
                NoHistory::NoSheet(p) => lang.fill(
                    Msg::NoHistorySheet,
                    &[
                        ("file", &p.display()),
                        ("sheets", &workbook::HISTORY_SHEETS.join(", ")),
                    ],
                ),
            };
            s.push_str(&lang.fill(Msg::CheckNoHistory, &[("why", &why)]));
        }
        s
    }
}

/// Why a batch is read without history: the data folder has no history.csv, or the workbook no
/// history sheet (said in the reader's language by [`Paths::describe`]).
pub enum NoHistory {
    /// The folder's history.csv that does not exist.
    Missing(PathBuf),
    /// The workbook without a sheet named as [`workbook::HISTORY_SHEETS`].
    NoSheet(PathBuf),
}

impl InputArgs {
    /// The folder that files not given default to: `--data`, else the folder of the first file
    /// given (so that a batch is never mixed with the bundled sample), else `data/sample`.
    pub fn folder(&self) -> PathBuf {
        if let Some(d) = &self.data {
            return d.clone();
        }
        [&self.experts, &self.requests, &self.history]
            .into_iter()
            .flatten()
            .next()
            .map(|f| {
                f.parent()
                    .filter(|p| !p.as_os_str().is_empty())
                    .unwrap_or(Path::new("."))
                    .to_path_buf()
            })
            .unwrap_or_else(|| PathBuf::from("data/sample"))
    }

    /// `--data` as a workbook, read once; None when `--data` is a folder or not given.
    fn book(&self) -> Option<&Result<Book, CannotOpen>> {
        self.book
            .get_or_init(|| {
                let d = self.data.as_ref()?;
                is_book_path(d).then(|| read_book(d))
            })
            .as_ref()
    }

    pub fn paths(&self) -> Paths {
        if let Some(book) = self.book() {
            let path = self.data.clone().unwrap_or_default();
            let sheets = book.as_ref().ok().and_then(|b| b.sheets.as_ref().ok());
            let (history, no_history) = match (&self.history, sheets) {
                (Some(h), _) => (Some(h.clone()), None),
                (None, Some(s)) if s.history.is_some() => (Some(path.clone()), None),
                (None, Some(_)) => (None, Some(NoHistory::NoSheet(path.clone()))),
                (None, None) => (None, None),
            };
            return Paths {
                experts: self.experts.clone().unwrap_or_else(|| path.clone()),
                requests: self.requests.clone().unwrap_or_else(|| path.clone()),
                history,
                no_history,
                book: sheets.map(|s| (path, s.clone())),
                organisations: None,
            };
        }
        let dir = self.folder();
        let default_history = dir.join("history.csv");
        let (history, no_history) = match &self.history {
            Some(h) => (Some(h.clone()), None),
            None if default_history.exists() => (Some(default_history), None),
            None => (None, Some(NoHistory::Missing(default_history))),
        };
        Paths {
            experts: self
                .experts
                .clone()
                .unwrap_or_else(|| dir.join("experts.csv")),
            requests: self
                .requests
                .clone()
                .unwrap_or_else(|| dir.join("requests.csv")),
            history,
            no_history,
            book: None,
            organisations: Some(dir.join("organisations.csv")).filter(|p| p.is_file()),
        }
    }

    /// `cannot open FILE: REASON`; when no file or folder was given (the bundled sample is
    /// read from the working folder), with a hint to give `--data`.
    fn cannot_open(&self, p: &Path, e: &std::io::Error) -> CannotOpen {
        CannotOpen {
            no_data: self.data.is_none()
                && self.experts.is_none()
                && self.requests.is_none()
                && self.history.is_none(),
            ..CannotOpen::new(p, e)
        }
    }

    pub fn policy(&self) -> Result<Policy> {
        match &self.policy {
            None => Ok(Policy::default()),
            Some(p) => read_policy(p),
        }
    }

    /// Loads and validates the batch. Input errors come back as `Err(InputErrors)` inside anyhow.
    pub fn load(&self, policy: &Policy) -> Result<Loaded> {
        self.load_with(policy, false)
    }

    /// Loads the batch, leaving out rows with a bad cell (their errors become warnings); errors
    /// of a whole file still fail. For an urgent suggestion.
    pub fn load_skipping_bad_rows(&self, policy: &Policy) -> Result<Loaded> {
        self.load_with(policy, true)
    }

    fn load_with(&self, policy: &Policy, skip_bad_rows: bool) -> Result<Loaded> {
        self.load_history_from(policy, skip_bad_rows, None)
    }

    /// Loads the batch with the history given as CSV text (the season ledger's, see
    /// `cmd::ledger`) instead of the history file; `Some("")`: no history at all.
    pub fn load_history_from(
        &self,
        policy: &Policy,
        skip_bad_rows: bool,
        history_text: Option<&str>,
    ) -> Result<Loaded> {
        let paths = self.paths();
        // The --data workbook: its tables are read from its bytes, read once.
        let book = match self.book() {
            None => None,
            Some(Err(e)) => return Err(e.clone().into()),
            Some(Ok(b)) => {
                b.check()?;
                Some(b)
            }
        };
        let open = |p: &Path| -> Result<Source<'_>> {
            if let Some(b) = book.filter(|b| b.path == p) {
                return Ok(Source::new(p.display().to_string(), &b.bytes[..]));
            }
            let f = File::open(p).map_err(|e| self.cannot_open(p, &e))?;
            Ok(Source::new(p.display().to_string(), f))
        };
        let inputs = Inputs {
            experts: open(&paths.experts)?,
            requests: open(&paths.requests)?,
            history: match history_text {
                None => paths.history.as_deref().map(open).transpose()?,
                Some("") => None,
                Some(text) => Some(Source::new("the ledger's history", text.as_bytes())),
            },
        };
        let week = WeekChoice {
            given: self.week,
            fallback: current_week(),
        };
        let organisations = paths.organisations.as_deref().map(open).transpose()?;
        Ok(ingest::load_with_organisations(
            inputs,
            organisations,
            &Places::bundled(),
            policy,
            week,
            skip_bad_rows,
        )?)
    }
}

/// One error of a whole file, as the input errors of a batch.
fn whole_file(path: &Path, message: impl Into<ingest::Problem>) -> InputErrors {
    InputErrors {
        errors: vec![InputError::whole_file(path.display().to_string(), message)],
        ..InputErrors::default()
    }
}

/// Reads and checks a policy file. A number written with a decimal comma (`decay = 0,5`, as a
/// Dutch spreadsheet would) gets a hint naming the line.
pub fn read_policy(p: &Path) -> Result<Policy> {
    let text = std::fs::read_to_string(p).map_err(|e| CannotOpen::new(p, &e))?;
    Policy::from_toml(&text, &p.display().to_string()).map_err(|e| match decimal_comma(&text) {
        Some((line, fixed)) => {
            anyhow::anyhow!("{e}\n  hint: line {line}: use a decimal point in numbers: {fixed}")
        }
        None => e.into(),
    })
}

/// The first line `key = 12,5` (a number with a decimal comma), with its number and the line
/// written with a decimal point.
fn decimal_comma(text: &str) -> Option<(usize, String)> {
    text.lines().enumerate().find_map(|(i, line)| {
        let code = line.split('#').next().unwrap_or("");
        let (key, value) = code.split_once('=')?;
        let v = value.trim();
        let (whole, frac) = v.split_once(',')?;
        let digits = |s: &str| !s.is_empty() && s.chars().all(|c| c.is_ascii_digit());
        let whole_ok = digits(whole.strip_prefix('-').unwrap_or(whole));
        (whole_ok && digits(frac)).then(|| (i + 1, format!("{} = {whole}.{frac}", key.trim())))
    })
}

/// Warnings for inputs that load but cannot give a batch anything to do.
pub fn emptiness_warnings(inst: &matchpunt::model::Instance, paths: &Paths) -> Vec<String> {
    let mut out = Vec::new();
    if inst.experts.is_empty() {
        out.push(format!(
            "{}: no experts: no request can be filled",
            paths.experts.display()
        ));
    }
    if inst.requests.is_empty() {
        out.push(format!(
            "{}: no requests: nothing to assign",
            paths.requests.display()
        ));
    }
    out
}

/// The ISO week of today (UTC).
pub fn current_week() -> Week {
    let secs = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_secs() as i64)
        .unwrap_or(0);
    Week::of_day(secs.div_euclid(86_400))
}

/// `err` with its input errors ([`InputErrors`], as a load returns them) shown in `lang`; any
/// other error as it is (`main` writes the typed ones in the reader's language: see
/// [`crate::voice`]). For the commands that write for a person in their language.
pub fn in_lang(err: anyhow::Error, lang: Lang) -> anyhow::Error {
    match err.downcast::<InputErrors>() {
        Ok(e) => e.in_lang(lang).into(),
        Err(err) => err,
    }
}
