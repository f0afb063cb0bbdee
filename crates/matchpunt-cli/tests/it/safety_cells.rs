//! The third new-user trial's safety cells on the real binary, with the trial's own files
//! (`tests/fixtures/trial3-cells/`): each is refused (or read on the safe side) by `run`,
//! `check` and `suggest` alike. The kinds are properties in the core's
//! `safety_cells_property` module.

use crate::harness::{all as text, check_week, fixture, run_in, run_week};

/// `#N/B` saved as text in E1's avoided themes and excluded organisations (a Dutch `;` CSV):
/// an error naming both cells on every path; before, E1 was sent to R1 with no word.
#[test]
fn excel_error_text_in_personal_cells_stops_run_check_and_suggest() {
    let data = fixture("trial3-cells/errtext");
    let dir = tempfile::tempdir().unwrap();
    let o = run_week(dir.path(), &data, "out", &["--lang", "nl"]);
    assert_eq!(o.status.code(), Some(1), "{}", text(&o));
    let t = text(&o);
    for cell in [
        "experts.csv:2:6 (F2): kolom 'vermijd_thema's': \"#N/B\": een foutwaarde",
        "experts.csv:2:11 (K2): kolom 'uitgesloten_organisaties': \"#N/B\": een foutwaarde",
        "experts.csv:3:8 (H3): kolom 'max_reisafstand_km': \"#N/B\": een foutwaarde",
    ] {
        assert!(t.contains(cell), "{t}");
    }
    assert!(!dir.path().join("out").exists());
    let o = check_week(dir.path(), &data, &[]);
    assert_eq!(o.status.code(), Some(1), "{}", text(&o));
    let d = data.to_str().unwrap();
    let o = run_in(
        dir.path(),
        &[
            "suggest",
            "--data",
            d,
            "--week",
            "2026-W48",
            "--request",
            "R1",
        ],
    );
    // The phone path leaves E1's row out (its error said), so Anna is never proposed.
    assert!(!text(&o).contains("Anna (E1)"), "{}", text(&o));
}

/// Workbooks: a real `#N/A` error cell in the travel limit (read as the 25 km default before),
/// `#N/B` typed as text in the avoided themes, and a formula whose stored string is `#N/B` in
/// the excluded organisations: each an error naming sheet and cell.
#[test]
fn workbook_error_values_in_limits_and_personal_cells_name_sheet_and_cell() {
    let dir = tempfile::tempdir().unwrap();
    for (book, cell) in [
        (
            "travel_err.xlsx",
            "blad experts, cel H2 (kolom 'max_reisafstand_km'): \"#N/A\": een foutwaarde",
        ),
        (
            "av_textNB.xlsx",
            "blad experts, cel F2 (kolom 'vermijd_thema's'): \"#N/B\": een foutwaarde",
        ),
        (
            "ex_fs.xlsx",
            "blad experts, cel J2 (kolom 'uitgesloten_organisaties'): \"#N/B\": een foutwaarde",
        ),
    ] {
        let data = fixture(&format!("trial3-cells/{book}"));
        let o = run_week(dir.path(), &data, "out", &["--lang", "nl"]);
        assert_eq!(o.status.code(), Some(1), "{book}: {}", text(&o));
        assert!(text(&o).contains(cell), "{book}: {}", text(&o));
    }
}

/// The trial's s_2_10_2026: `2/10/2026` in `laatste_intervisie` is read as the earlier date
/// (10 February, lapsed by week 48) with a warning naming the cell, and Anna is not sent;
/// before, it was 2 October in silence and she was.
#[test]
fn ambiguous_supervision_date_is_read_as_the_earlier_and_said() {
    let data = fixture("trial3-cells/supervision-2-10-2026");
    let dir = tempfile::tempdir().unwrap();
    let o = run_week(dir.path(), &data, "out", &["--lang", "nl"]);
    assert!(o.status.success(), "{}", text(&o));
    let t = text(&o);
    assert!(
        t.contains("experts.csv:2:10 (J2): kolom 'laatste_intervisie': 2/10/2026 is een datum met de dag of de maand voorop: gelezen als de vroegere, week 2026-W07"),
        "{t}"
    );
    let out = std::fs::read_to_string(dir.path().join("out/assignments.csv")).unwrap();
    assert!(!out.contains("E1"), "{out}");
    let open = std::fs::read_to_string(dir.path().join("out/unmatched.csv")).unwrap();
    assert!(open.contains("R1"), "{open}");
}

/// The trial's /tmp/trial3-asg: a.csv books R1 for `E01` (the roster has E1, Anna, at most one
/// assignment). `suggest` for R3 counts that booking (Anna has 1 of 1, with a warning naming
/// the line) instead of leaving it out and proposing her beyond her limit; `explain` and
/// `metrics` read the same file the same way; and a booking naming no expert is an error on
/// `suggest` as on `explain`.
#[test]
fn a_booking_written_e01_counts_on_every_command() {
    let data = fixture("trial3-cells/bookings-e01");
    let d = data.to_str().unwrap();
    let dir = tempfile::tempdir().unwrap();
    let a = data.join("a.csv");
    let a = a.to_str().unwrap();
    let week = ["--data", d, "--week", "2026-W48", "--lang", "nl"];
    let with = |cmd: &str, file: &str, more: &[&str]| {
        let mut args = vec![cmd];
        args.extend(week);
        args.extend(["--assignments", file]);
        args.extend(more);
        run_in(dir.path(), &args)
    };
    let o = with("suggest", a, &["--request", "R3"]);
    assert!(o.status.success(), "{}", text(&o));
    let t = text(&o);
    assert!(
        t.contains("a.csv:2: deskundige \"E01\" gelezen als E1"),
        "{t}"
    );
    assert!(
        t.contains("Anna (E1): heeft deze week 1 van 1 inzet"),
        "{t}"
    );
    assert!(!t.contains("1. Anna"), "{t}");
    let o = with("explain", a, &["--request", "R3"]);
    assert!(o.status.success(), "{}", text(&o));
    let o = with("metrics", a, &[]);
    assert!(o.status.success(), "{}", text(&o));
    assert!(
        text(&o).contains("regel 2: deskundige \"E01\" gelezen als E1"),
        "{}",
        text(&o)
    );
    let bad = dir.path().join("bad.csv");
    // A name nobody in the batch has (a name one expert has is hers, trial 4 #13).
    std::fs::write(&bad, "aanvraag;deskundige\nR1;Carla\nR2;E2\n").unwrap();
    let bad = bad.to_str().unwrap();
    for cmd in ["suggest", "explain"] {
        let o = with(cmd, bad, &["--request", "R3"]);
        assert_eq!(o.status.code(), Some(1), "{cmd}: {}", text(&o));
        assert!(
            text(&o).contains(
                "bad.csv:2:2 (B2): kolom 'deskundige': \"Carla\": is geen deskundige van deze batch"
            ),
            "{cmd}: {}",
            text(&o)
        );
    }
}
