//! The command line's own errors in the reader's language.
//!
//! Why: an error reaches the person through `main`, far from the command that knows the
//! language. So the language is kept once per process ([`set_reader`]: `--lang` as given,
//! or the policy's `[texts] language` once a command has read it), and `main` writes every
//! error of the chain through [`render`]: the typed errors (input errors, [`CannotOpen`], the
//! ledger's errors, the system's file errors) in that language from the one message table, and
//! the `caused by:` label with them. An error built as a plain string stays as it is.

use matchpunt::messages::{Lang, Msg};
use std::io::ErrorKind;
use std::path::Path;
use std::sync::atomic::{AtomicU8, Ordering};

/// The reader's language of this process: 0 English, 1 Dutch.
static READER: AtomicU8 = AtomicU8::new(0);

/// Sets the language errors are written in (the last call wins).
pub fn set_reader(lang: Lang) {
    READER.store(u8::from(lang == Lang::Nl), Ordering::Relaxed);
}

/// The language errors are written in: English until [`set_reader`].
pub fn reader() -> Lang {
    if READER.load(Ordering::Relaxed) == 1 {
        Lang::Nl
    } else {
        Lang::En
    }
}

/// A file that cannot be opened or read: `cannot open FILE: REASON`, the reason from the
/// system's error kind in the reader's language, and with a hint to give `--data` when
/// `no_data`. `Display` is English; [`CannotOpen::text`] any language.
#[derive(Clone, Debug)]
pub struct CannotOpen {
    /// The path as given.
    pub file: String,
    /// Whether no `--data` nor file was given (the bundled sample was looked for).
    pub no_data: bool,
    /// The system's error kind.
    pub kind: ErrorKind,
    /// The system's own text, for a kind the message table has no words for.
    pub os: String,
}

impl CannotOpen {
    /// `path` could not be opened: `err` is the system's error.
    pub fn new(path: &Path, err: &std::io::Error) -> CannotOpen {
        CannotOpen {
            file: path.display().to_string(),
            no_data: false,
            kind: err.kind(),
            os: err.to_string(),
        }
    }

    /// The text in `lang`.
    pub fn text(&self, lang: Lang) -> String {
        let why = io_reason(self.kind, &self.os, lang);
        let error = lang.fill(Msg::CannotOpenWhy, &[("file", &self.file), ("why", &why)]);
        if self.no_data {
            lang.fill(Msg::NoDataHint, &[("error", &error)])
        } else {
            error
        }
    }
}

impl std::fmt::Display for CannotOpen {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.text(Lang::En))
    }
}

impl std::error::Error for CannotOpen {}

/// `File::open(path)` with its error as a [`CannotOpen`].
pub fn open(path: &Path) -> Result<std::fs::File, CannotOpen> {
    std::fs::File::open(path).map_err(|e| CannotOpen::new(path, &e))
}

/// `std::fs::read(path)` with its error as a [`CannotOpen`].
pub fn read(path: &Path) -> Result<Vec<u8>, CannotOpen> {
    std::fs::read(path).map_err(|e| CannotOpen::new(path, &e))
}

/// The workbook writer's refusal, in `lang`.
pub fn cannot_build_workbook(e: impl std::fmt::Display, lang: Lang) -> anyhow::Error {
    anyhow::anyhow!("{}", lang.fill(Msg::CannotBuildWorkbook, &[("why", &e)]))
}

/// Why the system could not open or write a file, in `lang`: from the error kind where the
/// message table has words for it, else the system's own text.
pub fn io_reason(kind: ErrorKind, os: &str, lang: Lang) -> String {
    let msg = match kind {
        ErrorKind::NotFound => Msg::IoNotFound,
        ErrorKind::PermissionDenied => Msg::IoPermission,
        ErrorKind::IsADirectory => Msg::IoIsFolder,
        ErrorKind::NotADirectory => Msg::IoNotFolder,
        ErrorKind::AlreadyExists => Msg::IoExists,
        ErrorKind::StorageFull => Msg::IoDiskFull,
        ErrorKind::ReadOnlyFilesystem => Msg::IoReadOnly,
        _ => return lang.fill(Msg::IoOther, &[("why", &os)]),
    };
    lang.text(msg).to_string()
}

/// One error of a chain in `lang`: a typed error in that language, any other as it says it.
pub fn render(e: &(dyn std::error::Error + 'static), lang: Lang) -> String {
    if let Some(e) = e.downcast_ref::<matchpunt::ingest::InputErrors>() {
        return e.clone().in_lang(lang).to_string().trim_end().to_string();
    }
    if let Some(e) = e.downcast_ref::<CannotOpen>() {
        return e.text(lang);
    }
    if let Some(e) = e.downcast_ref::<matchpunt_ledger::Error>() {
        return e.text(lang);
    }
    if let Some(e) = e.downcast_ref::<std::io::Error>() {
        return io_reason(e.kind(), &e.to_string(), lang);
    }
    e.to_string()
}

/// The lines `main` prints for `err`: the error, then each cause (`caused by: ...`), in
/// `lang`.
pub fn lines(err: &anyhow::Error, lang: Lang) -> Vec<String> {
    let mut out = Vec::new();
    for (i, e) in err.chain().enumerate() {
        let text = render(e, lang);
        if i == 0 {
            out.push(format!("matchpunt: {text}"));
        } else {
            out.push(format!(
                "  {}",
                lang.fill(Msg::CausedBy, &[("cause", &text)])
            ));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every error kind the table has words for reads in Dutch without the system's English,
    /// and a chain's cause is labelled in Dutch.
    #[test]
    fn a_chain_of_file_errors_reads_in_dutch() {
        let missing = std::io::Error::from(ErrorKind::NotFound);
        let open = CannotOpen::new(Path::new("x/experts.csv"), &missing);
        assert_eq!(
            open.text(Lang::Nl),
            "kan x/experts.csv niet openen: bestand of map bestaat niet"
        );
        assert_eq!(
            open.text(Lang::En),
            "cannot open x/experts.csv: no such file or folder"
        );
        for kind in [
            ErrorKind::NotFound,
            ErrorKind::PermissionDenied,
            ErrorKind::IsADirectory,
            ErrorKind::NotADirectory,
            ErrorKind::AlreadyExists,
            ErrorKind::StorageFull,
            ErrorKind::ReadOnlyFilesystem,
        ] {
            let os = std::io::Error::from(kind).to_string();
            let nl = io_reason(kind, &os, Lang::Nl);
            assert!(!nl.contains(&os), "{kind:?}: {nl}");
            assert_ne!(nl, io_reason(kind, &os, Lang::En), "{kind:?}");
        }
        let err = anyhow::Error::new(std::io::Error::from(ErrorKind::PermissionDenied))
            .context("kan de uitvoer niet schrijven");
        assert_eq!(
            lines(&err, Lang::Nl),
            [
                "matchpunt: kan de uitvoer niet schrijven",
                "  oorzaak: geen toestemming van het systeem"
            ]
        );
    }
}
