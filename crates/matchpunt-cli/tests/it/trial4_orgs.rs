//! The fourth new-user trial's organisation findings on the real binary, with the trial's own
//! files (`tests/fixtures/trial4-orgs/`, README there): each trial value is written into the
//! fixture's cell and `run` (and `suggest --org`) must keep the expert away, say so, or refuse.
//! The kinds are properties in the core's `org_categories_property`, `request_org_notes`,
//! `org_compat_property` and `unknown_safety_columns` modules.

use crate::harness::{all as text, fixture, run_in, run_week};
use std::fs;
use std::path::Path;

/// A copy of the fixture `case` in a new folder of `dir`, with `from` replaced by `to` in
/// `file`; the folder.
fn case(dir: &Path, name: &str, case: &str, file: &str, from: &str, to: &str) -> String {
    let d = dir.join(name);
    fs::create_dir_all(&d).unwrap();
    for f in ["experts.csv", "requests.csv"] {
        let s = fs::read_to_string(fixture(&format!("trial4-orgs/{case}")).join(f)).unwrap();
        let s = if f == file {
            s.replacen(from, to, 1)
        } else {
            s
        };
        fs::write(d.join(f), s).unwrap();
    }
    d.to_str().unwrap().to_string()
}

/// `run --lang nl` on `data`: exit code, whether R1 went to E1, and all output.
fn run_nl(dir: &Path, data: &str) -> (Option<i32>, bool, String) {
    let out = format!("{data}/out");
    let o = run_week(dir, data, &out, &["--lang", "nl"]);
    let assigned = fs::read_to_string(format!("{out}/assignments.csv"))
        .map(|s| s.lines().skip(1).any(|l| l.starts_with("R1;E1")))
        .unwrap_or(false);
    (o.status.code(), assigned, text(&o))
}

#[test]
fn excluded_orgs_written_as_a_category_keep_the_expert_away_with_a_warning() {
    let dir = tempfile::tempdir().unwrap();
    for (i, (item, org)) in [
        ("alle ggz", "GGZ Centraal"),
        ("alle GGZ-instellingen", "Altrecht GGZ"),
        ("GGZ-instellingen", "GGZ Centraal"),
        ("alle gemeenten", "Gemeente Utrecht"),
        ("gemeenten", "Gemeente Utrecht"),
        ("alle jeugdbescherming", "Jeugdbescherming Noord"),
        ("jeugdzorginstellingen", "Jeugdzorg Utrecht"),
        ("*", "Kwintes"),
    ]
    .into_iter()
    .enumerate()
    {
        let d = case(
            dir.path(),
            &format!("c{i}"),
            "excl-category",
            "experts.csv",
            "alle ggz",
            item,
        );
        let req = fs::read_to_string(format!("{d}/requests.csv")).unwrap();
        fs::write(
            format!("{d}/requests.csv"),
            req.replace("GGZ Centraal", org),
        )
        .unwrap();
        let (code, assigned, t) = run_nl(dir.path(), &d);
        assert_eq!(code, Some(0), "{item}: {t}");
        assert!(!assigned, "{item} / {org}: assigned\n{t}");
        assert!(
            t.contains("experts.csv:2 'uitgesloten_organisaties'"),
            "{item}: no warning naming the cell\n{t}"
        );
    }
}

#[test]
fn a_placeholder_as_the_requests_organisation_is_an_error_naming_the_cell() {
    let dir = tempfile::tempdir().unwrap();
    for (i, org) in [
        "?",
        "onbekend",
        "nnb",
        "zie mail",
        "(zie mail)",
        "n.t.b.",
        "anoniem",
        "-",
        "x",
    ]
    .into_iter()
    .enumerate()
    {
        let d = case(
            dir.path(),
            &format!("o{i}"),
            "req-org-note",
            "requests.csv",
            "onbekend",
            org,
        );
        let (code, assigned, t) = run_nl(dir.path(), &d);
        assert_eq!(code, Some(1), "{org}: {t}");
        assert!(!assigned);
        assert!(
            t.contains("requests.csv:2:2 (B2): kolom 'organisatie'")
                && t.contains("geen naam van een organisatie"),
            "{org}: {t}"
        );
    }
    // The phone path refuses the placeholder too.
    let d = case(
        dir.path(),
        "phone",
        "req-org-note",
        "requests.csv",
        "onbekend",
        "Lister",
    );
    let o = run_in(
        dir.path(),
        &[
            "suggest",
            "--data",
            &d,
            "--week",
            "2026-W48",
            "--role",
            "maatje",
            "--themes",
            "angst",
            "--place",
            "Utrecht",
            "--slot",
            "wo-middag",
            "--org",
            "onbekend",
            "--lang",
            "nl",
        ],
    );
    let t = text(&o);
    assert_eq!(o.status.code(), Some(1), "{t}");
    assert!(
        t.contains("--org \"onbekend\"") && !t.contains("Anna de Vries (E1)"),
        "{t}"
    );
}

#[test]
fn ligatures_full_width_letters_and_branches_keep_the_expert_away() {
    let dir = tempfile::tempdir().unwrap();
    for (i, (ex, org)) in [
        ("Pro\u{FB01}el Jeugdzorg", "Profiel Jeugdzorg"),
        ("Profiel Jeugdzorg", "Pro\u{FB01}el Jeugdzorg"),
        ("Jeugdzorg O\u{FB00} Track", "Jeugdzorg Off Track"),
        (
            "\u{FF2B}\u{FF57}\u{FF49}\u{FF4E}\u{FF54}\u{FF45}\u{FF53}",
            "Kwintes",
        ),
        ("Kwintes (Zeist)", "Kwintes Utrecht"),
        ("Kwintes Zeist", "Kwintes locatie Utrecht"),
    ]
    .into_iter()
    .enumerate()
    {
        let d = case(
            dir.path(),
            &format!("l{i}"),
            "ligature",
            "experts.csv",
            "Pro\u{FB01}el Jeugdzorg",
            ex,
        );
        let req = fs::read_to_string(format!("{d}/requests.csv")).unwrap();
        fs::write(
            format!("{d}/requests.csv"),
            req.replace("Profiel Jeugdzorg", org),
        )
        .unwrap();
        let (code, assigned, t) = run_nl(dir.path(), &d);
        assert_eq!(code, Some(0), "{ex}: {t}");
        assert!(!assigned, "{ex} / {org}: assigned\n{t}");
    }
    // The phone path: the request written with the ligature, the exclusion without.
    let d = case(
        dir.path(),
        "phone",
        "ligature",
        "experts.csv",
        "Pro\u{FB01}el",
        "Profiel",
    );
    let o = run_in(
        dir.path(),
        &[
            "suggest",
            "--data",
            &d,
            "--week",
            "2026-W48",
            "--role",
            "maatje",
            "--themes",
            "angst",
            "--place",
            "Utrecht",
            "--slot",
            "wo-middag",
            "--org",
            "Pro\u{FB01}el Jeugdzorg",
        ],
    );
    assert!(!text(&o).contains("Anna de Vries (E1)"), "{}", text(&o));
}

#[test]
fn free_worded_safety_headers_are_read_or_refused_never_ignored() {
    let dir = tempfile::tempdir().unwrap();
    let orgs = [
        "Niet inzetten bij",
        "Niet naar",
        "Blacklist",
        "No-go",
        "Voormalige zorgaanbieder",
        "Zorgverleden bij",
        "Hulpverlening gehad bij",
        "Former care provider",
        "Do not send to",
        "Conflict of interest",
        "Belangenverstrengeling",
        "Oude instelling",
    ];
    for (i, h) in orgs.into_iter().enumerate() {
        let d = case(
            dir.path(),
            &format!("h{i}"),
            "headers",
            "experts.csv",
            "Niet inzetten bij",
            h,
        );
        let (code, assigned, t) = run_nl(dir.path(), &d);
        assert!(
            !assigned && (code == Some(0) || code == Some(1)),
            "{h}: {t}"
        );
        assert!(!t.contains("onbekende kolom"), "{h}: {t}");
    }
    let themes = [
        "Niet nu",
        "Liever geen",
        "Niet over",
        "Zware thema's",
        "Moeilijke thema's",
        "Thema's niet",
        "Geen thema's",
        "Taboe",
        "Grenzen",
        "Nog niet",
        "Sensitive topics",
        "Do not discuss",
    ];
    for (i, h) in themes.into_iter().enumerate() {
        let d = case(
            dir.path(),
            &format!("t{i}"),
            "headers-themes",
            "experts.csv",
            "Niet nu",
            h,
        );
        let (code, assigned, t) = run_nl(dir.path(), &d);
        assert!(!assigned, "{h}: {t}");
        if code == Some(1) {
            assert!(t.contains(&format!("kolom 9 '{h}'")), "{h}: {t}");
        }
    }
}
