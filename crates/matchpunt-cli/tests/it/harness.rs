//! The one harness for running the real `matchpunt` binary in the integration tests: the
//! command, its output as text, and the fixture folders. Each topic module uses these instead
//! of defining its own.

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// The week the fixture batches are written for.
pub const WEEK: &str = "2026-W48";

/// The path of the binary under test.
pub fn exe() -> &'static str {
    env!("CARGO_BIN_EXE_matchpunt")
}

/// The binary, with the variables that change its behaviour in tests removed (backtraces, the
/// write-phase hold of the output-set tests, a ledger from the caller's environment) and the
/// user fixed to `tester` (the ledger's audit log records `$USER`).
pub fn bin() -> Command {
    let mut c = Command::new(exe());
    c.env_remove("RUST_BACKTRACE")
        .env_remove("MATCHPUNT_TEST_HOLD")
        .env_remove("MATCHPUNT_LEDGER")
        .env("USER", "tester");
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

/// `matchpunt run --data DATA --out OUT --week 2026-W48 [extra]` in `cwd`; `OUT` is relative
/// to `cwd` unless absolute.
pub fn run_week(cwd: &Path, data: impl AsRef<Path>, out: &str, extra: &[&str]) -> Output {
    let data = data.as_ref().to_str().unwrap();
    let mut args = vec!["run", "--data", data, "--out", out, "--week", WEEK];
    args.extend(extra);
    run(&args, cwd)
}

/// `matchpunt check --data DATA --week 2026-W48 [extra]` in `cwd`.
pub fn check_week(cwd: &Path, data: impl AsRef<Path>, extra: &[&str]) -> Output {
    let data = data.as_ref().to_str().unwrap();
    let mut args = vec!["check", "--data", data, "--week", WEEK];
    args.extend(extra);
    run(&args, cwd)
}

/// `args` run in `cwd` under a limit of `kb` KB of address space (the shell's `ulimit -v`).
pub fn run_limited(args: &[&str], cwd: &Path, kb: u64) -> Output {
    let quoted: Vec<String> = args.iter().map(|a| format!("'{a}'")).collect();
    Command::new("sh")
        .arg("-c")
        .arg(format!(
            "ulimit -v {kb}; exec '{}' {}",
            exe(),
            quoted.join(" ")
        ))
        .env_remove("RUST_BACKTRACE")
        .current_dir(cwd)
        .output()
        .unwrap()
}

/// `matchpunt generate --experts E --requests R --seed S --out NAME [extra]` in `dir`, which
/// must succeed: a generated batch (`matchpunt_gen`) in `dir/NAME`, the same bytes for the
/// same arguments. Its stdout.
pub fn generate(
    dir: &Path,
    name: &str,
    experts: u32,
    requests: u32,
    seed: u64,
    extra: &[&str],
) -> String {
    let (e, r, s) = (experts.to_string(), requests.to_string(), seed.to_string());
    let mut args = vec![
        "generate",
        "--experts",
        &e,
        "--requests",
        &r,
        "--seed",
        &s,
        "--out",
        name,
    ];
    args.extend(extra);
    ok_in(dir, &args)
}

/// A temporary folder holding a batch: `experts.csv` and `requests.csv` with these texts (read
/// it with `--data .` in the folder, or `--data DIR`).
pub fn batch_folder(experts: &str, requests: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join("experts.csv"), experts).unwrap();
    fs::write(dir.path().join("requests.csv"), requests).unwrap();
    dir
}

/// The words of a command line, as arguments: `words("run --data . --out o")`. For lines
/// whose arguments hold no space (give an argument with a space in a slice instead).
pub fn words(line: &str) -> Vec<&str> {
    line.split_whitespace().collect()
}

/// An output table as its header and rows, read with the `csv` crate: outputs start with a
/// byte-order mark and follow the input's dialect (`,`, or `;` when the header holds more of
/// them). Panics naming the file when it cannot be read.
pub fn read_table(path: &Path) -> (Vec<String>, Vec<Vec<String>>) {
    let text = fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let text = text.trim_start_matches('\u{feff}');
    let first = text.lines().next().unwrap_or("");
    // `;` only where the header holds more of them than of `,` (a tie is `,`).
    let delimiter = [b';', b',']
        .into_iter()
        .max_by_key(|&d| first.bytes().filter(|&b| b == d).count())
        .unwrap();
    let mut rows: Vec<Vec<String>> = csv::ReaderBuilder::new()
        .delimiter(delimiter)
        .has_headers(false)
        .flexible(true)
        .from_reader(text.as_bytes())
        .records()
        .map(|r| {
            let r = r.unwrap_or_else(|e| panic!("{}: {e}", path.display()));
            r.iter().map(str::to_string).collect()
        })
        .collect();
    let header = if rows.is_empty() {
        Vec::new()
    } else {
        rows.remove(0)
    };
    (header, rows)
}

/// Bytes as text (lossy).
pub fn text(b: &[u8]) -> String {
    String::from_utf8_lossy(b).into_owned()
}

/// Stdout then stderr as one text (lossy), for what may be said on either stream.
pub fn all(o: &Output) -> String {
    format!("{}{}", text(&o.stdout), text(&o.stderr))
}

/// Stdout as text, after asserting exit code 0 (the message shows both streams) and that
/// stdout is UTF-8.
pub fn ok(o: &Output) -> String {
    assert_eq!(o.status.code(), Some(0), "{}", show(o));
    String::from_utf8(o.stdout.clone()).expect("stdout is UTF-8")
}

/// The output itself, after asserting exit code 0 (the message shows both streams).
pub fn succeeded(o: Output) -> Output {
    assert_eq!(o.status.code(), Some(0), "{}", show(&o));
    o
}

/// Runs `args` in `dir` and returns its stdout, asserting exit code 0 as [`ok`] does.
pub fn ok_in(dir: &Path, args: &[&str]) -> String {
    let o = run_in(dir, args);
    assert_eq!(
        o.status.code(),
        Some(0),
        "matchpunt {}\n{}",
        args.join(" "),
        show(&o)
    );
    ok(&o)
}

/// Stderr as text (lossy).
pub fn stderr(o: &Output) -> String {
    text(&o.stderr)
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

/// The `expert` of every entry of the JSON list `list` (as in `suggest --format json`'s
/// `candidates` and `near_misses`), in order.
pub fn expert_ids(v: &serde_json::Value, list: &str) -> Vec<String> {
    v[list]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["expert"].as_str().unwrap().to_string())
        .collect()
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

/// A temporary folder holding a copy of the CSV files of the fixture folder `name`, so that
/// the fixtures are never written.
pub fn fixture_copy(name: &str) -> tempfile::TempDir {
    copy_csvs(&fixture(name))
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

/// Every file under `dir` (hidden ones too) with its bytes, by its path relative to `dir`
/// (`/`-separated).
pub fn files(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    let mut out = BTreeMap::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for e in fs::read_dir(&d).unwrap() {
            let p = e.unwrap().path();
            if p.is_dir() {
                stack.push(p);
            } else {
                let rel = p.strip_prefix(dir).unwrap().display().to_string();
                out.insert(rel, fs::read(&p).unwrap());
            }
        }
    }
    out
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
