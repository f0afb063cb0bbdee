//! Input errors in the reader's language: `run --lang nl`, `check --lang nl` and a policy with
//! `[texts] language = "nl"` print Dutch input errors for a broken CSV and a broken workbook,
//! still naming file, line and column (or sheet and cell), the value and what was expected;
//! without a language they stay English.

use crate::harness::run;
use std::fs;
use std::path::Path;

const EXPERTS: &str = "id,roles,certified,themes,place,availability,max_travel_km\n\
E1,buddy,misschien,pesten,Utrecht,wed-pm,25\n\
E2,buddy,yes,pesten,Utrecht,wed-pm,ver\n";
const REQUESTS: &str =
    "id,org,role,themes,place,slot\nR1,Gemeente Utrecht,buddy,pesten,Utrecht,wed-pm\n";

fn stderr(args: &[&str], cwd: &Path) -> (Option<i32>, String) {
    let o = run(args, cwd);
    (
        o.status.code(),
        String::from_utf8_lossy(&o.stderr).into_owned(),
    )
}

#[test]
fn run_and_check_print_dutch_errors_for_a_broken_csv() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join("experts.csv"), EXPERTS).unwrap();
    fs::write(dir.path().join("requests.csv"), REQUESTS).unwrap();
    fs::write(dir.path().join("nl.toml"), "[texts]\nlanguage = \"nl\"\n").unwrap();
    let base = ["--data", ".", "--week", "2026-W48"];
    for args in [
        vec!["check", "--lang", "nl"],
        vec!["run", "--out", "o", "--lang", "nl"],
        vec!["check", "--policy", "nl.toml"],
        vec!["run", "--out", "o", "--policy", "nl.toml"],
    ] {
        let a: Vec<&str> = args.iter().chain(base.iter()).copied().collect();
        let (code, err) = stderr(&a, dir.path());
        assert_eq!(code, Some(1), "{args:?}: {err}");
        assert!(err.contains("2 invoerfouten:"), "{args:?}: {err}");
        assert!(
            err.contains("experts.csv:2:3 (C2): kolom 'certified': \"misschien\": verwacht ja/nee"),
            "{args:?}: {err}"
        );
        assert!(
            err.contains(
                "experts.csv:3:7 (G3): kolom 'max_travel_km': \"ver\": verwacht een aantal km van 0 tot en met 1000"
            ),
            "{args:?}: {err}"
        );
        assert!(!err.contains("expected"), "{args:?}: {err}");
    }
    // English stays as it was.
    let (_, err) = stderr(&["check", "--data", ".", "--week", "2026-W48"], dir.path());
    assert!(err.contains("2 input errors:"), "{err}");
    assert!(
        err.contains(
            "experts.csv:2:3 (C2): column 'certified': \"misschien\": expected yes/no, ja/nee"
        ),
        "{err}"
    );
}

#[test]
fn run_and_check_print_dutch_errors_for_a_broken_workbook() {
    let dir = tempfile::tempdir().unwrap();
    let mut book = rust_xlsxwriter::Workbook::new();
    for (name, text) in [("experts", EXPERTS), ("requests", REQUESTS)] {
        let ws = book.add_worksheet();
        ws.set_name(name).unwrap();
        for (r, line) in text.lines().enumerate() {
            for (c, cell) in line.split(',').enumerate() {
                ws.write_string(r as u32, c as u16, cell).unwrap();
            }
        }
    }
    book.save(dir.path().join("week.xlsx")).unwrap();
    for cmd in [vec!["check"], vec!["run", "--out", "o"]] {
        let a: Vec<&str> = cmd
            .iter()
            .copied()
            .chain(["--data", "week.xlsx", "--week", "2026-W48", "--lang", "nl"])
            .collect();
        let (code, err) = stderr(&a, dir.path());
        assert_eq!(code, Some(1), "{err}");
        assert!(err.contains("2 invoerfouten:"), "{err}");
        assert!(
            err.contains(
                "week.xlsx, blad experts, cel C2 (kolom 'certified'): \"misschien\": verwacht ja/nee"
            ),
            "{err}"
        );
        assert!(
            err.contains("week.xlsx, blad experts, cel G3 (kolom 'max_travel_km'): \"ver\": verwacht een aantal km"),
            "{err}"
        );
    }
}

#[test]
fn a_workbook_without_a_requests_sheet_is_named_in_dutch() {
    let dir = tempfile::tempdir().unwrap();
    let mut book = rust_xlsxwriter::Workbook::new();
    let ws = book.add_worksheet();
    ws.set_name("experts").unwrap();
    ws.write_string(0, 0, "id").unwrap();
    book.save(dir.path().join("week.xlsx")).unwrap();
    let args = ["check", "--data", "week.xlsx", "--week", "2026-W48"];
    let (code, err) = stderr(&[&args[..], &["--lang", "nl"]].concat(), dir.path());
    assert_eq!(code, Some(1), "{err}");
    assert!(
        err.contains(
            "week.xlsx: heeft geen blad met de naam requests of aanvragen; de bladen zijn: experts"
        ),
        "{err}"
    );
    let (_, err) = stderr(&args, dir.path());
    assert!(
        err.contains("week.xlsx: has no sheet named requests or aanvragen; its sheets are: experts (a batch workbook"),
        "{err}"
    );
}
