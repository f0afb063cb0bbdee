//! The fourth new-user trial's theme cases on the real binary, with the trial's own files
//! (`tests/fixtures/trial4-themes/`, README there): avoided themes written as "all" or "the
//! heavy themes", in English or as a Dutch derivation; notes among a request's themes; intensity
//! 0 on heavy themes. The kinds are properties in the core's `avoid_words_property` and
//! `request_safety_cells` modules.

use crate::harness::{all as text, check_week, fixture, run_in, run_week};
use std::path::Path;

/// The assigned (request, expert) pairs of a run's `assignments.csv` in `out`.
fn assigned(out: &Path) -> Vec<String> {
    let t = std::fs::read_to_string(out.join("assignments.csv")).unwrap();
    t.lines()
        .skip(1)
        .map(|l| l.split(';').take(2).collect::<Vec<_>>().join(";"))
        .collect()
}

/// `run` on `data` (Dutch): its exit code, its text and what it assigned.
fn run_nl(data: &Path) -> (Option<i32>, String, Vec<String>) {
    let dir = tempfile::tempdir().unwrap();
    let o = run_week(dir.path(), data, "out", &["--lang", "nl"]);
    let out = dir.path().join("out");
    let a = if out.join("assignments.csv").exists() {
        assigned(&out)
    } else {
        Vec::new()
    };
    (o.status.code(), text(&o), a)
}

#[test]
fn avoid_all_and_heavy_cells_keep_the_expert_away_and_check_names_the_cell() {
    for (case, all) in [
        ("a1", true),
        ("a2", true),
        ("a3", true),
        ("a4", false),
        ("a5", false),
        ("a6", false),
        ("a7", false),
        ("a8", false),
    ] {
        let data = fixture(&format!("trial4-themes/s3_avoid_all/{case}"));
        let (code, t, a) = run_nl(&data);
        assert_eq!(code, Some(0), "{case}: {t}");
        assert!(a.is_empty(), "{case}: {a:?}\n{t}");
        // run lists the cell, not what it says.
        assert!(
            t.contains(
                "persoonlijke cellen aan de veilige kant gelezen in 1 regel van deskundigen"
            ) && t.contains("experts.csv:2 'vermijd_thema's'"),
            "{case}: {t}"
        );
        let dir = tempfile::tempdir().unwrap();
        let o = check_week(dir.path(), &data, &["--lang", "nl"]);
        let t = text(&o);
        let reading = if all {
            "kolom 'vermijd_thema's' gelezen als elk thema"
        } else {
            "kolom 'vermijd_thema's' gelezen als de zware thema's van het beleid"
        };
        assert!(
            t.contains(&format!("experts.csv:2: deskundige E1: {reading}")),
            "{case}: {t}"
        );
        // The phone path proposes nobody and says nothing of the cell.
        let o = run_in(
            dir.path(),
            &[
                "suggest",
                "--data",
                data.to_str().unwrap(),
                "--week",
                "2026-W48",
                "--request",
                "R1",
                "--lang",
                "nl",
            ],
        );
        let t = text(&o);
        assert!(
            !t.contains("Anna de Vries (E1)") && !t.contains("vermijd"),
            "{case}: {t}"
        );
    }
}

#[test]
fn a_note_among_a_requests_themes_is_an_error_naming_the_cell() {
    for case in 1..=8 {
        let data = fixture(&format!("trial4-themes/s2_req_theme_note/t{case}"));
        let (code, t, a) = run_nl(&data);
        assert_eq!(code, Some(1), "t{case}: {t}");
        assert!(a.is_empty());
        assert!(
            t.contains("requests.csv:2:4 (D2): kolom 'thema's'")
                && t.contains("is een notitie of een onbekend-teken tussen de thema's"),
            "t{case}: {t}"
        );
    }
    // The phone path: the same note in --themes.
    let data = fixture("trial4-themes/s2_req_theme_note/t1");
    let dir = tempfile::tempdir().unwrap();
    let o = run_in(
        dir.path(),
        &[
            "suggest",
            "--data",
            data.to_str().unwrap(),
            "--week",
            "2026-W48",
            "--role",
            "maatje",
            "--themes",
            "angst,zie bijlage",
            "--place",
            "Utrecht",
            "--slot",
            "wo-middag",
            "--org",
            "Kwintes",
            "--lang",
            "nl",
        ],
    );
    let t = text(&o);
    assert_eq!(o.status.code(), Some(1), "{t}");
    assert!(
        t.contains("--themes \"angst,zie bijlage\": is een notitie"),
        "{t}"
    );
    // The workbook: the note names its sheet and cell.
    let data = fixture("trial4-themes/workbook/week.xlsx");
    let (code, t, _) = run_nl(&data);
    assert_eq!(code, Some(1), "{t}");
    assert!(
        t.contains("week.xlsx, blad aanvragen, cel D3 (kolom 'thema's')"),
        "{t}"
    );
}

#[test]
fn english_and_derived_avoided_themes_keep_the_expert_away_either_way() {
    let root = fixture("trial4-themes/s8_avoid_words");
    let mut cases: Vec<String> = std::fs::read_dir(&root)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    cases.sort();
    assert_eq!(cases.len(), 49);
    for case in &cases {
        let (code, t, a) = run_nl(&root.join(case));
        assert_eq!(code, Some(0), "{case}: {t}");
        assert!(a.is_empty(), "{case}: avoided theme assigned {a:?}\n{t}");
    }
}

#[test]
fn intensity_zero_on_heavy_requests_is_an_error_naming_each_cell() {
    let data = fixture("trial4-themes/s10_intensity0");
    let (code, t, a) = run_nl(&data);
    assert_eq!(code, Some(1), "{t}");
    assert!(a.is_empty());
    for line in 2..=4 {
        assert!(
            t.contains(&format!(
                "requests.csv:{line}:8 (H{line}): kolom 'intensiteit': \"0\": is 0 bij een plek met een zwaar thema"
            )),
            "{t}"
        );
    }
}
