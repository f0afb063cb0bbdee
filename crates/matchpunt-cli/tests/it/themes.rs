//! The phone path reads avoided themes as the batch does (second trial, #3): an inline request
//! (`suggest --themes`, `book`) on a plural of an expert's avoided theme never suggests or books
//! her, and a booking made before is a pin conflict in the next run, for "a personal reason"
//! (nothing tells rule 3 from rule 4). And a note in a safety cell stops the run (#5).

use crate::harness::{batch_folder, code, run_in, show, stderr};

const EXPERTS: &str =
    "id;naam;rollen;gecertificeerd;thema's;vermijd_thema's;woonplaats;online;beschikbaarheid\n\
E1;A;spreker;ja;sport;zelfbeschadiging;Utrecht;ja;*\n\
E2;B;spreker;ja;sport;;Utrecht;ja;*\n";
const REQUESTS: &str =
    "aanvraag_id;organisatie;rol;thema's;online;dagdeel\nR1;O;spreker;sport;ja;ma-middag\n";

#[test]
fn the_trials_inline_plural_of_an_avoided_theme_is_never_suggested_or_booked() {
    let dir = batch_folder(EXPERTS, REQUESTS);
    let d = dir.path();
    let inline = [
        "--data",
        ".",
        "--week",
        "2026-W50",
        "--role",
        "spreker",
        "--themes",
        "sport,zelfbeschadigingen",
        "--online",
        "--slot",
        "wo-middag",
        "--org",
        "Lister",
    ];
    let mut args = vec!["suggest"];
    args.extend(inline);
    let o = run_in(d, &args);
    assert_eq!(code(&o), 0, "{}", show(&o));
    let out = String::from_utf8_lossy(&o.stdout).to_string();
    assert!(out.contains("(E2)") && !out.contains("(E1)"), "{out}");
    assert!(!stderr(&o).contains("avoid"), "{}", show(&o));

    assert_eq!(code(&run_in(d, &["ledger", "init", "s.ledger"])), 0);
    let o = run_in(
        d,
        &[
            "run", "--ledger", "s.ledger", "--data", ".", "--week", "2026-W50", "--out", "w",
        ],
    );
    assert_eq!(code(&o), 0, "{}", show(&o));
    let mut book = vec!["book", "--ledger", "s.ledger"];
    book.extend(inline);
    book.extend(["--id", "t1", "--expert", "E1"]);
    let o = run_in(d, &book);
    assert_ne!(code(&o), 0, "E1 was booked: {}", show(&o));
    let mut book2 = vec!["book", "--ledger", "s.ledger"];
    book2.extend(inline);
    book2.extend(["--id", "t1", "--expert", "E2"]);
    let o = run_in(d, &book2);
    assert_eq!(code(&o), 0, "{}", show(&o));
}

#[test]
fn the_trials_notes_in_safety_cells_stop_the_run() {
    for note in ["zie opmerking", "misschien", "nee?", "?"] {
        let experts = EXPERTS.replace(";zelfbeschadiging;", &format!(";{note};"));
        let dir = batch_folder(&experts, REQUESTS);
        let o = run_in(
            dir.path(),
            &[
                "run", "--data", ".", "--week", "2026-W50", "--out", "out", "--lang", "nl",
            ],
        );
        assert_ne!(code(&o), 0, "{note:?}: {}", show(&o));
        let e = stderr(&o);
        assert!(
            e.contains("experts.csv:2:6") && e.contains(note) && e.contains("leeg/geen/nee/-"),
            "{note:?}: {e}"
        );
        assert!(!dir.path().join("out").exists());
    }
}
