//! A run's output folder holds one run's set (trial 3, #17): a re-run removes the files of the
//! set that it does not write (a round's changes.csv, standbys.csv, the workbook) in the same
//! commit, and says so. The trial's sequence, and a property over sequences of runs.

use crate::harness::{fixture, fixture_copy, ok_in, read_table, WEEK};
use proptest::prelude::*;
use std::path::Path;

/// The files in `dir` (not hidden), sorted.
fn files(dir: &Path) -> Vec<String> {
    let mut v: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| !n.starts_with('.'))
        .collect();
    v.sort();
    v
}

/// The files a run's stdout says it wrote into `out`, sorted.
fn said_written(stdout: &str, out: &str) -> Vec<String> {
    let line = stdout
        .lines()
        .find(|l| l.starts_with("wrote "))
        .unwrap_or_else(|| panic!("{stdout}"));
    let mut v: Vec<String> = line["wrote ".len()..]
        .split(", ")
        .map(|p| p.trim_start_matches(&format!("{out}/")).to_string())
        .collect();
    v.sort();
    v
}

/// One kind of run into the folder `o4`.
fn run_kind(d: &Path, kind: u8) -> String {
    let mut args = vec!["run", "--data", ".", "--week", WEEK, "--out", "o4"];
    match kind {
        0 => {}
        1 => args.extend(["--previous", "r1/assignments.csv", "--decisions", "dec.csv"]),
        2 => args.extend(["--policy", "p0.toml"]),
        3 => args.push("--xlsx"),
        _ => args.extend([
            "--previous",
            "r1/assignments.csv",
            "--decisions",
            "dec.csv",
            "--policy",
            "p0.toml",
        ]),
    }
    ok_in(d, &args)
}

fn folder() -> tempfile::TempDir {
    let dir = fixture_copy("trial3-file-flow-decline");
    std::fs::copy(
        fixture("trial3-file-flow-decline").join("p0.toml"),
        dir.path().join("p0.toml"),
    )
    .unwrap();
    ok_in(
        dir.path(),
        &["run", "--data", ".", "--week", WEEK, "--out", "r1"],
    );
    dir
}

/// Trial 4, #20: `run --xlsx`, then a plain run into the same folder: the workbook the
/// coordinator may have worked in is kept as matchpunt.earlier.xlsx (then -2), byte for byte.
#[test]
fn a_plain_rerun_keeps_the_earlier_workbook() {
    let dir = folder();
    let d = dir.path();
    let args = ["run", "--data", ".", "--week", WEEK, "--out", "o5"];
    ok_in(d, &[&args[..], &["--xlsx"]].concat());
    std::fs::write(d.join("o5/matchpunt.xlsx"), b"my notes").unwrap();
    let out = ok_in(d, &args);
    assert!(
        out.contains("moved o5/matchpunt.xlsx to o5/matchpunt.earlier.xlsx"),
        "{out}"
    );
    assert_eq!(
        std::fs::read(d.join("o5/matchpunt.earlier.xlsx")).unwrap(),
        b"my notes"
    );
    assert!(!d.join("o5/matchpunt.xlsx").exists());
    ok_in(d, &[&args[..], &["--xlsx"]].concat());
    let out = ok_in(d, &args);
    assert!(out.contains("to o5/matchpunt.earlier-2.xlsx"), "{out}");
    assert_eq!(
        std::fs::read(d.join("o5/matchpunt.earlier.xlsx")).unwrap(),
        b"my notes"
    );
}

/// Trial 3, #17: a round, then a plain run, then one without standbys, into one folder: the
/// round's changes.csv and the standbys.csv of an earlier run stayed beside the new files.
#[test]
fn a_rerun_leaves_no_file_of_an_earlier_run() {
    let dir = folder();
    let d = dir.path();
    run_kind(d, 1);
    assert!(d.join("o4/changes.csv").exists());
    let out = run_kind(d, 0);
    assert_eq!(
        files(&d.join("o4")),
        [
            "assignments.csv",
            "experts.csv",
            "standbys.csv",
            "unmatched.csv"
        ]
    );
    assert!(out.contains("removed o4/changes.csv"), "{out}");
    let out = run_kind(d, 2);
    assert_eq!(
        files(&d.join("o4")),
        ["assignments.csv", "experts.csv", "unmatched.csv"]
    );
    assert!(out.contains("removed o4/standbys.csv"), "{out}");
    // The assignments are this run's: E1 + E2 (no round, no decline).
    let (_, rows) = read_table(&d.join("o4/assignments.csv"));
    let experts: Vec<&str> = rows.iter().map(|r| r[1].as_str()).collect();
    assert_eq!(experts, ["E1", "E2"]);
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 5, ..ProptestConfig::default() })]

    /// Any sequence of runs (plain, round, no standbys, with the workbook) into one folder:
    /// after each, the folder holds exactly the files that run says it wrote, and the earlier
    /// workbooks it says it kept (trial 4, #20: a plain run deleted the workbook).
    #[test]
    fn the_folder_holds_exactly_the_last_runs_files(kinds in proptest::collection::vec(0u8..5, 2..5)) {
        let dir = folder();
        let d = dir.path();
        let mut kept = 0;
        for k in kinds {
            let had_book = d.join("o4/matchpunt.xlsx").exists();
            let out = run_kind(d, k);
            let mut all = files(&d.join("o4"));
            let earlier = all.iter().filter(|f| f.starts_with("matchpunt.earlier")).count();
            all.retain(|f| !f.starts_with("matchpunt.earlier"));
            prop_assert_eq!(all, said_written(&out, "o4"), "kind {}: {}", k, out);
            if had_book && !d.join("o4/matchpunt.xlsx").exists() {
                kept += 1;
                prop_assert!(out.contains("moved o4/matchpunt.xlsx to o4/matchpunt.earlier"), "{}", out);
            }
            prop_assert_eq!(earlier, kept, "{}", out);
        }
    }
}
