//! Outputs for spreadsheet users: the input's CSV dialect, a workbook, and cells that a
//! spreadsheet never evaluates.

use calamine::{open_workbook, Data, Reader, Xlsx};
use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn run(args: &[&str], cwd: &Path) -> Output {
    Command::new(env!("CARGO_BIN_EXE_matchpunt"))
        .args(args)
        .current_dir(cwd)
        .output()
        .unwrap()
}

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name)
}

fn sample() -> String {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../data/sample")
        .display()
        .to_string()
}

#[test]
fn dutch_input_gives_dutch_csv_and_the_dialect_can_be_chosen() {
    let dir = tempfile::tempdir().unwrap();
    let data = fixture("valid-nl").display().to_string();
    let o = run(
        &["run", "--data", &data, "--week", "2026-W48", "--out", "nl"],
        dir.path(),
    );
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let text = fs::read_to_string(dir.path().join("nl/assignments.csv")).unwrap();
    assert!(text.starts_with("\u{feff}request;expert;org;"), "{text}");
    // A number with decimals has a decimal comma (the score, 3 decimals).
    let row = text.lines().nth(1).unwrap();
    let score = row.split(';').nth(7).unwrap();
    assert!(score.contains(',') && !score.contains('.'), "{row}");
    let o = run(
        &[
            "run",
            "--data",
            &data,
            "--week",
            "2026-W48",
            "--out",
            "intl",
            "--csv-dialect",
            "intl",
        ],
        dir.path(),
    );
    assert!(o.status.success());
    let text = fs::read_to_string(dir.path().join("intl/assignments.csv")).unwrap();
    assert!(text.starts_with("\u{feff}request,expert,org,"), "{text}");
    let o = run(
        &["run", "--data", &data, "--out", "x", "--csv-dialect", "fr"],
        dir.path(),
    );
    assert_eq!(o.status.code(), Some(2));
}

#[test]
fn the_workbook_has_four_sheets_and_the_run_s_assignments() {
    let dir = tempfile::tempdir().unwrap();
    let o = run(
        &["run", "--data", &sample(), "--out", "out", "--xlsx"],
        dir.path(),
    );
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let mut book: Xlsx<_> = open_workbook(dir.path().join("out/matchpunt.xlsx")).unwrap();
    assert_eq!(
        book.sheet_names(),
        [
            "overzicht",
            "toewijzingen",
            "open plekken",
            "ervaringsdeskundigen"
        ]
    );
    let sheet = book.worksheet_range("toewijzingen").unwrap();
    let csv = fs::read_to_string(dir.path().join("out/assignments.csv")).unwrap();
    let csv_rows: Vec<Vec<String>> = csv
        .trim_start_matches('\u{feff}')
        .lines()
        .map(|l| l.split(',').map(String::from).collect())
        .collect();
    let rows: Vec<_> = sheet.rows().collect();
    assert_eq!(rows.len(), csv_rows.len());
    for (x, c) in rows.iter().zip(&csv_rows).skip(1) {
        // request and expert ids as text, the intensity as a number.
        assert_eq!(x[0], Data::String(c[0].clone()));
        assert_eq!(x[1], Data::String(c[1].clone()));
        assert_eq!(x[6], Data::Float(c[6].parse().unwrap()));
    }
}

#[test]
fn formula_like_names_stay_text() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(
        dir.path().join("experts.csv"),
        "id,name,roles,certified,themes,place,availability\nE1,\"=HYPERLINK(\"\"http://x\"\",\"\"klik\"\")\",buddy,yes,pesten,Utrecht,*\n",
    )
    .unwrap();
    fs::write(
        dir.path().join("requests.csv"),
        "id,org,role,themes,place\nR1,@SUM(A1:A9),buddy,pesten,Utrecht\n",
    )
    .unwrap();
    let o = run(
        &["run", "--data", ".", "--out", "out", "--xlsx"],
        dir.path(),
    );
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let csv = fs::read_to_string(dir.path().join("out/assignments.csv")).unwrap();
    assert!(csv.contains(",'@SUM(A1:A9),"), "{csv}");
    assert!(csv.contains("\"'=HYPERLINK("), "{csv}");
    let mut book: Xlsx<_> = open_workbook(dir.path().join("out/matchpunt.xlsx")).unwrap();
    let sheet = book.worksheet_range("toewijzingen").unwrap();
    let row: Vec<_> = sheet.rows().nth(1).unwrap().to_vec();
    assert_eq!(row[2], Data::String("@SUM(A1:A9)".into()));
    assert_eq!(
        row[11],
        Data::String("=HYPERLINK(\"http://x\",\"klik\")".into())
    );
    // Written as strings, not formulas.
    assert!(book
        .worksheet_formula("toewijzingen")
        .unwrap()
        .rows()
        .all(|r| r.iter().all(|f| f.is_empty())));
}
