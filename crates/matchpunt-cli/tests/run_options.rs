//! `run` and friends on their options: where inputs come from, limits, argument ranges, and
//! what the summary says.

use std::fs;
use std::path::Path;
use std::process::{Command, Output};

fn bin() -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_matchpunt"));
    c.env_remove("RUST_BACKTRACE")
        .env_remove("MATCHPUNT_TEST_HOLD");
    c
}

fn run(dir: &Path, args: &[&str]) -> Output {
    bin().args(args).current_dir(dir).output().unwrap()
}

fn show(o: &Output) -> String {
    format!(
        "status: {:?}\n--- stdout\n{}\n--- stderr\n{}",
        o.status,
        String::from_utf8_lossy(&o.stdout),
        String::from_utf8_lossy(&o.stderr)
    )
}

fn fixture(name: &str) -> std::path::PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name)
}

/// A working folder with a bundled-sample look-alike whose history would break any batch, and
/// the user's own batch in `mine/`.
fn user_folder() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let sample = dir.path().join("data/sample");
    fs::create_dir_all(&sample).unwrap();
    fs::write(
        sample.join("history.csv"),
        "week,expert,org,role,intensity\n2026-W47,E999,Elders,buddy,lots\n",
    )
    .unwrap();
    fs::create_dir(dir.path().join("mine")).unwrap();
    for f in ["experts.csv", "requests.csv"] {
        fs::copy(fixture("valid-nl").join(f), dir.path().join("mine").join(f)).unwrap();
    }
    dir
}

#[test]
fn files_given_without_data_never_read_the_bundled_sample() {
    let dir = user_folder();
    let o = run(
        dir.path(),
        &[
            "run",
            "--experts",
            "mine/experts.csv",
            "--requests",
            "mine/requests.csv",
            "--out",
            "out",
            "--week",
            "2026-W48",
        ],
    );
    assert_eq!(o.status.code(), Some(0), "{}", show(&o));
    let stdout = String::from_utf8_lossy(&o.stdout);
    assert!(
        stdout.contains(
            "read mine/experts.csv, mine/requests.csv (no history: mine/history.csv does not exist)"
        ),
        "{stdout}"
    );
    assert!(!stdout.contains("data/sample"), "{stdout}");
    // A history next to the first file given is read, and named.
    fs::write(
        dir.path().join("mine/history.csv"),
        "week,expert,org,role,intensity\n2026-W47,E001,Gemeente Utrecht,buddy,2\n",
    )
    .unwrap();
    fs::write(dir.path().join("p.toml"), "[objective]\nbatch_spread = 5\n").unwrap();
    let o = run(
        dir.path(),
        &[
            "run",
            "--requests",
            "mine/requests.csv",
            "--experts",
            "mine/experts.csv",
            "--policy",
            "p.toml",
            "--out",
            "out",
        ],
    );
    assert_eq!(o.status.code(), Some(0), "{}", show(&o));
    let stdout = String::from_utf8_lossy(&o.stdout);
    assert!(
        stdout.contains(
            "read mine/experts.csv, mine/requests.csv, mine/history.csv, policy p.toml\n"
        ),
        "{stdout}"
    );
    // check names them too.
    let o = run(dir.path(), &["check", "--experts", "mine/experts.csv"]);
    assert_eq!(o.status.code(), Some(0), "{}", show(&o));
    assert!(
        String::from_utf8_lossy(&o.stdout)
            .contains("read mine/experts.csv, mine/requests.csv, mine/history.csv\n"),
        "{}",
        show(&o)
    );
}
