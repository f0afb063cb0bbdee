//! The fourth new-user trial's faults of one kind: an expert named another way than by the id
//! as written, on the real binary. History rows (#7), one person in two rows (#8) and
//! decisions (#13) are read by the one reading of ids and names that bookings use, on every
//! command. The property tests are in the core's `history_ids_property` and
//! `one_person_two_rows`.

use crate::harness::{code, fixture, fixture_copy, run_in, show, stderr, WEEK};
use std::fs;

fn history(expert: &str) -> String {
    format!("week;deskundige;organisatie;rol;intensiteit\r\n2026-W46;{expert};Lister;maatje;4\r\n2026-W47;{expert};Lister;maatje;4\r\n")
}

/// #7: with the history's expert written `E01`, `E 1`, `Anna de Vries` or `Anna`, `suggest`
/// keeps Anna out past her rolling budget (as with `E1`), says how it read the cell, and `run`
/// reads the file the same way (it refused it before; suggest counted the load for nobody).
#[test]
fn history_expert_written_another_way_counts_for_her_in_suggest_and_run() {
    for written in ["E1", "E01", "E 1", "Anna de Vries", "Anna"] {
        let dir = fixture_copy("trial4-history-ids");
        let d = dir.path();
        fs::write(d.join("history.csv"), history(written)).unwrap();
        let o = run_in(
            d,
            &[
                "suggest",
                "--data",
                ".",
                "--week",
                WEEK,
                "--request",
                "R1",
                "--lang",
                "nl",
            ],
        );
        let out = String::from_utf8_lossy(&o.stdout).to_string();
        assert_eq!(code(&o), 0, "{written}: {}", show(&o));
        assert!(out.contains("1. Bram Jansen (E2)"), "{written}: {out}");
        assert!(
            out.contains(
                "Anna de Vries (E1): het rollende budget over 3 weken laat deze week 2 over"
            ),
            "{written}: {out}"
        );
        let err = stderr(&o);
        assert!(!err.contains("telt toch mee"), "{written}: {err}");
        if written != "E1" {
            assert!(err.contains("gelezen als E1"), "{written}: {err}");
        }
        let o = run_in(d, &["run", "--data", ".", "--week", WEEK, "--out", "out"]);
        assert_eq!(code(&o), 0, "{written}: {}", show(&o));
        let a = fs::read_to_string(d.join("out/assignments.csv")).unwrap();
        assert!(a.contains("R1;E2") && !a.contains(";E1;"), "{written}: {a}");
    }
}

/// #8: E1 and E7 "Anna de Vries", both born 2001, one excluding Kwintes: `check` and `run`
/// refuse both rows; ids `E1`, `E01`, `E 1` are one id.
#[test]
fn one_person_in_two_rows_is_refused_naming_both_lines() {
    let dir = fixture_copy("trial4-one-person");
    let d = dir.path();
    let o = run_in(d, &["check", "--data", ".", "--week", WEEK, "--lang", "nl"]);
    assert_ne!(code(&o), 0, "{}", show(&o));
    let err = stderr(&o);
    assert!(
        err.contains("experts.csv:2:2 (B2)") && err.contains("regel 3 (\"E7\")"),
        "{err}"
    );
    assert!(
        err.contains("experts.csv:3:2 (B3)") && err.contains("regel 2 (\"E1\")"),
        "{err}"
    );
    let ids = fixture("trial4-one-person").join("ids");
    let o = run_in(&ids, &["check", "--data", ".", "--week", WEEK]);
    assert_ne!(code(&o), 0, "{}", show(&o));
    let err = stderr(&o);
    assert!(
        err.contains("(A3): column 'id': \"E01\": is the same id as \"E1\" on line 2"),
        "{err}"
    );
    assert!(
        err.contains("(A4): column 'id': \"E 1\": is the same id as \"E1\" on line 2"),
        "{err}"
    );
}

/// #13: a decline written with the expert's name is hers on every command (with a warning
/// naming the file and line); one on a request the batch lacks, or naming nobody, is an error
/// naming the file, line and column on every command.
#[test]
fn decisions_written_with_a_name_or_naming_nobody_on_every_command() {
    let dir = fixture_copy("trial4-decisions-names");
    let d = dir.path();
    fs::create_dir(d.join("r1")).unwrap();
    fs::rename(d.join("r1-assignments.csv"), d.join("r1/assignments.csv")).unwrap();
    let commands: [&[&str]; 3] = [
        &[
            "suggest",
            "--data",
            ".",
            "--week",
            WEEK,
            "--assignments",
            "r1/assignments.csv",
            "--decisions",
            "d.csv",
            "--request",
            "R4",
        ],
        &[
            "explain",
            "--data",
            ".",
            "--week",
            WEEK,
            "--assignments",
            "r1/assignments.csv",
            "--decisions",
            "d.csv",
            "--request",
            "R4",
        ],
        &[
            "run",
            "--data",
            ".",
            "--week",
            WEEK,
            "--out",
            "r2",
            "--previous",
            "r1/assignments.csv",
            "--decisions",
            "d.csv",
        ],
    ];
    for name in ["Anna de Vries", "Anna", "anna de vries"] {
        fs::write(
            d.join("d.csv"),
            format!("aanvraag;deskundige;besluit\r\n\"R4\";{name};afgewezen\r\n"),
        )
        .unwrap();
        for cmd in commands {
            let _ = fs::remove_dir_all(d.join("r2"));
            let o = run_in(d, cmd);
            assert_eq!(code(&o), 0, "{name} {}: {}", cmd[0], show(&o));
            let err = stderr(&o);
            assert!(
                err.contains(&format!("d.csv:2: expert \"{name}\" read as E1")),
                "{name} {}: {err}",
                cmd[0]
            );
            let out = String::from_utf8_lossy(&o.stdout).to_string();
            match cmd[0] {
                "suggest" => assert!(!out.contains("1. Anna de Vries (E1)"), "{name}: {out}"),
                "explain" => assert!(out.contains("declined this week by E1"), "{name}: {out}"),
                _ => {
                    let a = fs::read_to_string(d.join("r2/assignments.csv")).unwrap();
                    assert!(a.lines().any(|l| l.starts_with("R4;")), "{name}: {a}");
                    assert!(!a.lines().any(|l| l.starts_with("R4;E1;")), "{name}: {a}");
                }
            }
        }
    }
    for (line, column) in [
        ("R44;E1;afgewezen", "1 (A2): column 'aanvraag': \"R44\""),
        (
            "R4;Carla;afgewezen",
            "2 (B2): column 'deskundige': \"Carla\"",
        ),
    ] {
        fs::write(
            d.join("d.csv"),
            format!("aanvraag;deskundige;besluit\r\n{line}\r\n"),
        )
        .unwrap();
        for cmd in commands {
            let _ = fs::remove_dir_all(d.join("r2"));
            let o = run_in(d, cmd);
            assert_ne!(code(&o), 0, "{line} {}: {}", cmd[0], show(&o));
            let err = stderr(&o);
            assert!(
                err.contains(&format!("d.csv:2:{column}")),
                "{line} {}: {err}",
                cmd[0]
            );
        }
    }
}
