//! The real `matchpunt` binary on the cases of issue 20 (`tests/fixtures/voice/`): one voice
//! for rules 3 and 4 ("personal reasons", "rules 3-4", counts of 1-2 as "fewer than 3") in
//! `suggest`, `explain` and a round's `changes.csv`, which also takes the dialect of its set.
//!
//! Every test copies its fixture into a fresh temporary folder, so the fixtures are never written.

use crate::harness::{copy_dir, fixture, ok_in, run, show, words};
use std::fs;

/// The case folder `name` (and the shared week `_week50`) in a fresh temporary folder; the
/// case is at `<tmp>/<name>`.
fn case(name: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    copy_dir(&fixture("voice").join(name), &dir.path().join(name));
    copy_dir(&fixture("voice/_week50"), &dir.path().join("_week50"));
    dir
}

/// suggest-near-miss-reveals-avoided-theme: a phone request of a new organisation, where only
/// an avoided theme keeps E1 out, lists only the rules 5-8 near miss (E2), in text and JSON, in
/// both languages, as the web page does.
#[test]
fn suggest_never_lists_a_personal_reason_as_a_near_miss() {
    let name = "suggest-near-miss-reveals-avoided-theme";
    let dir = case(name);
    let d = dir.path().join(name);
    for lang in ["nl", "en"] {
        for format in ["text", "json"] {
            let out = ok_in(
                &d,
                &[
                    "suggest",
                    "--data",
                    ".",
                    "--role",
                    "maatje",
                    "--themes",
                    "eetstoornis",
                    "--place",
                    "Woerden",
                    "--slot",
                    "wo-middag",
                    "--org",
                    "Jongerenwerk Woerden",
                    "--client-age",
                    "17",
                    "--lang",
                    lang,
                    "--format",
                    format,
                ],
            );
            assert!(out.contains("E2"), "the slot near miss is listed: {out}");
            assert!(
                !out.contains("E1"),
                "the avoided theme is not hinted at: {out}"
            );
            assert!(!out.contains("not-now"), "{out}");
            assert!(!out.contains("niet voor deze aanvraag"), "{out}");
            assert!(!out.contains("not for this request"), "{out}");
        }
    }
}

/// explain-rule4-count-reveals-former-client: next to the refused pin of E1, the never-eligible
/// counts never say "rule 4 (organisation): 1"; with a personal or themes count of 1 or 2, every
/// stage after rule 2 is one folded count ("rules 3-11 (themes, personal reasons or other
/// rules)"), so that no exact count of another stage gives the masked one back by subtraction
/// (the fourth new-user trial, #11).
#[test]
fn explain_counts_rules_3_and_4_as_one_stage_of_fewer_than_3() {
    let name = "explain-rule4-count-reveals-former-client";
    let dir = case(name);
    let d = dir.path().join(name);
    let en = ok_in(&d, &["explain", "--data", ".", "--request", "R1"]);
    assert!(en.contains("pin of Demi B. (E1) not kept"), "{en}");
    assert!(
        en.contains("rules 3-11 (themes, personal reasons or other rules): "),
        "{en}"
    );
    assert!(
        !en.contains("rule 4") && !en.contains("rules 3-4 ("),
        "{en}"
    );
    // Which themes someone has is health data too: the themes count is folded in as well.
    assert!(
        !en.contains("(themes): 1") && !en.contains("rule 3 (themes)"),
        "{en}"
    );
    assert!(!en.contains("organisation)"), "{en}");
    let nl = ok_in(
        &d,
        &["explain", "--data", ".", "--request", "R1", "--lang", "nl"],
    );
    assert!(
        nl.contains("regels 3-11 (thema's, persoonlijke redenen of andere regels): "),
        "{nl}"
    );
    assert!(!nl.contains("regel 4"), "{nl}");
    let json = ok_in(&d, &words("explain --data . --request R1 --format json"));
    let v: serde_json::Value = serde_json::from_str(&json).unwrap();
    let counts = v["never_eligible"].as_array().unwrap();
    let folded: Vec<_> = counts.iter().filter(|c| c["rule"] == "3-11").collect();
    assert_eq!(folded.len(), 1, "{json}");
    assert!(
        folded[0]["count"].is_null(),
        "the folded count is not given as a number: {json}"
    );
    assert!(
        counts
            .iter()
            .all(|c| c["rule"] == "1" || c["rule"] == "2" || c["rule"] == "3-11"),
        "{json}"
    );
}

/// round-changes-csv-wrong-dialect-and-rule3-named: the round's changes.csv is `;` with a BOM
/// like the rest of the Dutch set, and a dropped pair reads "(rules 3-4)", never "(rule 3)".
#[test]
fn a_rounds_changes_csv_has_the_sets_dialect_and_one_personal_stage() {
    let name = "round-changes-csv-wrong-dialect-and-rule3-named";
    let dir = case(name);
    let d = dir.path().join(name);
    ok_in(&d, &["run", "--data", "../_week50", "--out", "r1"]);
    fs::write(
        d.join("dec.csv"),
        "request;expert;decision\nA-2026-102;ED06;geaccepteerd\n",
    )
    .unwrap();
    fs::create_dir_all(d.join("v2")).unwrap();
    for f in ["requests.csv", "history.csv"] {
        fs::copy(d.join("../_week50").join(f), d.join("v2").join(f)).unwrap();
    }
    fs::copy(d.join("experts-ed06.csv"), d.join("v2/experts.csv")).unwrap();
    ok_in(
        &d,
        &words("run --data v2 --previous r1/assignments.csv --decisions dec.csv --out r2"),
    );
    let changes = fs::read_to_string(d.join("r2/changes.csv")).unwrap();
    let assignments = fs::read_to_string(d.join("r2/assignments.csv")).unwrap();
    assert!(assignments.starts_with("\u{feff}"), "the set is nl");
    assert!(assignments.lines().next().unwrap().contains(';'));
    let head = changes.lines().next().unwrap();
    assert!(head.starts_with('\u{feff}'), "{changes}");
    assert_eq!(
        head.trim_start_matches('\u{feff}').split(';').count(),
        5,
        "{changes}"
    );
    let ed06: Vec<&str> = changes.lines().filter(|l| l.contains("ED06")).collect();
    assert_eq!(ed06.len(), 1, "{changes}");
    assert!(ed06[0].starts_with("A-2026-102;ED06;dropped;"), "{changes}");
    assert!(ed06[0].contains("(rules 3-4)"), "{changes}");
    assert!(
        !changes.contains("(rule 3)") && !changes.contains("(rule 4)"),
        "{changes}"
    );
    // In Dutch, the one why of the dropped pair is Dutch too, with the same one stage.
    ok_in(
        &d,
        &words(
            "run --data v2 --previous r1/assignments.csv --decisions dec.csv --out r3 --lang nl",
        ),
    );
    let changes = fs::read_to_string(d.join("r3/changes.csv")).unwrap();
    let ed06: Vec<&str> = changes.lines().filter(|l| l.contains("ED06")).collect();
    assert_eq!(
        ed06,
        ["A-2026-102;ED06;vervallen;regel nu gebroken: niet voor deze aanvraag op dit moment, om een persoonlijke reden (regels 3-4);geaccepteerd"],
        "{changes}"
    );
    for english in ["dropped", "kept", "moved", "rule now", "declined"] {
        assert!(!changes.contains(english), "{english}: {changes}");
    }
}

/// `check` run outside the project's folder, with no --data: the error names the sample file it
/// could not open and says to give --data.
#[test]
fn check_outside_the_checkout_hints_at_data() {
    let dir = tempfile::tempdir().unwrap();
    let o = run(&["check"], dir.path());
    assert_eq!(o.status.code(), Some(1), "{}", show(&o));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(err.contains("cannot open data/sample/experts.csv"), "{err}");
    assert!(err.contains("give --data FOLDER"), "{err}");
}

/// run-no-dutch-texts: `run --lang nl` (and the policy's `[texts] language = "nl"`) writes a
/// Dutch set: headers, roles, slots, yes/no, the reasons and fixes of unmatched.csv, the
/// workbook and the summary; the open seat's reason is the one `explain` gives; and every
/// reader of the project's outputs (`--previous`, `metrics`, `explain --assignments`) reads the
/// Dutch files back.
#[test]
fn run_in_dutch_writes_a_dutch_set_that_reads_back() {
    let name = "run-no-dutch-texts";
    let dir = case(name);
    let d = dir.path().join(name);
    let summary = ok_in(&d, &words("run --data ../_week50 --out o --lang nl --xlsx"));
    assert!(summary.contains("totaal"), "{summary}");
    assert!(summary.contains("plekken open, zie"), "{summary}");
    assert!(!summary.contains("seats open"), "{summary}");
    let unmatched = fs::read_to_string(d.join("o/unmatched.csv")).unwrap();
    let head = unmatched.lines().next().unwrap();
    assert_eq!(
        head,
        "\u{feff}aanvraag;organisatie;rol;open_plekken;geschikte_deskundigen;prioriteit;reden;oplossing"
    );
    let row = unmatched
        .lines()
        .find(|l| l.starts_with("A-2026-103;"))
        .expect("A-2026-103 stays open");
    assert!(row.contains(";trainer;"), "{row}");
    for english in [
        "expert(s) meet",
        "no expert",
        "rule ",
        "none fits",
        "no single change",
    ] {
        assert!(!row.contains(english), "{english}: {row}");
    }
    assert!(row.contains("regels 3-4"), "{row}");
    assert!(row.contains("minder dan 3"), "{row}");
    // The one reason: explain (and the web page) give the same sentence.
    let explain = ok_in(
        &d,
        &words("explain --data ../_week50 --request A-2026-103 --lang nl"),
    );
    let reason = row.split(';').nth(6).unwrap();
    assert!(explain.contains(reason), "{reason}\n{explain}");
    let assignments = fs::read_to_string(d.join("o/assignments.csv")).unwrap();
    assert!(
        assignments.starts_with("\u{feff}aanvraag;deskundige;organisatie;rol;tijdvak;"),
        "{assignments}"
    );
    assert!(assignments.contains(";wo-middag;") && assignments.contains(";nee;"));
    // The workbook: Dutch sheet names and headers.
    let mut book: calamine::Xlsx<_> = calamine::open_workbook(d.join("o/matchpunt.xlsx")).unwrap();
    use calamine::Reader;
    let sheet = book.worksheet_range("open plekken").unwrap();
    let header: Vec<String> = sheet
        .rows()
        .next()
        .unwrap()
        .iter()
        .map(|c| c.to_string())
        .collect();
    assert_eq!(header[0], "aanvraag");
    assert_eq!(header[6], "reden");
    // Read back: a round on the Dutch assignments, metrics, explain --assignments.
    let round = ok_in(
        &d,
        &words("run --data ../_week50 --out o2 --previous o/assignments.csv --lang nl"),
    );
    assert!(round.contains("ronde: 14 voorstellen behouden"), "{round}");
    let changes = fs::read_to_string(d.join("o2/changes.csv")).unwrap();
    assert!(
        changes.starts_with("\u{feff}aanvraag;deskundige;wijziging;waarom;besluit"),
        "{changes}"
    );
    let metrics = ok_in(
        &d,
        &words("metrics --data ../_week50 --assignments o/assignments.csv"),
    );
    assert!(metrics.contains("14 assignments of 17 seats"), "{metrics}");
    ok_in(
        &d,
        &words("explain --data ../_week50 --assignments o/assignments.csv --request A-2026-101"),
    );
    // The policy's language does the same as --lang.
    fs::write(d.join("policy.toml"), "[texts]\nlanguage = \"nl\"\n").unwrap();
    ok_in(
        &d,
        &words("run --data ../_week50 --out o3 --policy policy.toml"),
    );
    assert_eq!(
        fs::read_to_string(d.join("o3/unmatched.csv")).unwrap(),
        unmatched
    );
}
