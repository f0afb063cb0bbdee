//! The one harness for running the real `matchpunt` binary in the integration tests: the
//! command, its output as text, and the fixture folders. Each topic module uses these instead
//! of defining its own.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// The binary, with the variables that change its behaviour in tests removed (backtraces, the
/// write-phase hold of the output-set tests, a ledger from the caller's environment).
pub fn bin() -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_matchpunt"));
    c.env_remove("RUST_BACKTRACE")
        .env_remove("MATCHPUNT_TEST_HOLD")
        .env_remove("MATCHPUNT_LEDGER");
    c
}

/// Runs the binary with `args` in the folder `cwd`.
pub fn run(args: &[&str], cwd: &Path) -> Output {
    bin().args(args).current_dir(cwd).output().unwrap()
}

/// [`run`] with the folder first.
pub fn run_in(dir: &Path, args: &[&str]) -> Output {
    run(args, dir)
}

/// Bytes as text (lossy).
pub fn text(b: &[u8]) -> String {
    String::from_utf8_lossy(b).into_owned()
}

/// Status, stdout and stderr, for an assertion's message.
pub fn show(o: &Output) -> String {
    format!(
        "status: {:?}\n--- stdout\n{}\n--- stderr\n{}",
        o.status,
        text(&o.stdout),
        text(&o.stderr)
    )
}

/// The exit code; a process killed by a signal fails the test.
pub fn code(o: &Output) -> i32 {
    o.status
        .code()
        .unwrap_or_else(|| panic!("killed by a signal\n{}", show(o)))
}

/// The repository's root.
pub fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// The bundled sample batch, `data/sample`.
pub fn sample() -> PathBuf {
    root().join("data/sample")
}

/// `tests/fixtures`.
pub fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures")
}

/// One folder of `tests/fixtures`.
pub fn fixture(name: &str) -> PathBuf {
    fixtures().join(name)
}

/// A temporary folder holding a copy of the CSV files of `src`.
pub fn copy_csvs(src: &Path) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    for entry in fs::read_dir(src).unwrap() {
        let p = entry.unwrap().path();
        if p.extension().is_some_and(|e| e == "csv") {
            fs::copy(&p, dir.path().join(p.file_name().unwrap())).unwrap();
        }
    }
    dir
}

/// Copies the folder `src` into `dst`, subfolders included.
pub fn copy_dir(src: &Path, dst: &Path) {
    fs::create_dir_all(dst).unwrap();
    for e in fs::read_dir(src).unwrap() {
        let e = e.unwrap();
        let to = dst.join(e.file_name());
        if e.file_type().unwrap().is_dir() {
            copy_dir(&e.path(), &to);
        } else {
            fs::copy(e.path(), &to).unwrap();
        }
    }
}
