//! The ledger's per-person commands (`ledger export --expert`, `ledger forget --expert`) on the
//! fourth new-user trial's batches (finding #1): a person's rows are those whose id column names
//! them, never another expert's row that names them in `niet_samen_met`, and numeric ids are no
//! "any cell `2`". After a forget the ledger still reads (`ledger check`, `messages`).

use crate::harness::*;
use serde_json::Value;
use std::fs;
use std::path::Path;

/// A ledger with one run of `case` (a folder of trial4-ledger-person) in a temp folder.
fn ledger_of(case: &str) -> tempfile::TempDir {
    let d = tempfile::tempdir().unwrap();
    copy_dir(&fixture("trial4-ledger-person").join(case), d.path());
    ok_in(d.path(), &["ledger", "init", "s.ledger"]);
    ok_in(
        d.path(),
        &[
            "run", "--ledger", "s.ledger", "--data", ".", "--week", WEEK, "--out", "w1",
        ],
    );
    d
}

/// `ledger export --expert id` as JSON (the file named by the id as the ledger holds it).
fn export(dir: &Path, id: &str, out: &str) -> Value {
    let said = ok_in(
        dir,
        &[
            "ledger", "export", "--ledger", "s.ledger", "--expert", id, "--out", out,
        ],
    );
    let file = fs::read_dir(dir.join(out))
        .unwrap()
        .map(|e| e.unwrap().path())
        .find(|p| p.extension().is_some_and(|x| x == "json"))
        .unwrap();
    assert!(
        said.contains(
            &file
                .display()
                .to_string()
                .replace(&format!("{}/", dir.display()), "")
        ),
        "{said}"
    );
    serde_json::from_slice(&fs::read(file).unwrap()).unwrap()
}

/// The exported input rows of `kind`.
fn rows(v: &Value, kind: &str) -> Vec<Vec<String>> {
    v["inputs"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|i| i["kind"] == kind)
        .flat_map(|i| i["rows"].as_array().unwrap().clone())
        .map(|r| {
            r.as_array()
                .unwrap()
                .iter()
                .map(|c| c.as_str().unwrap().to_string())
                .collect()
        })
        .collect()
}

/// After a forget: the ledger checks, and the week's messages are written.
fn still_reads(dir: &Path) {
    let check = ok_in(dir, &["ledger", "check", "--ledger", "s.ledger"]);
    assert!(check.contains(": ok"), "{check}");
    let m = ok_in(
        dir,
        &[
            "messages", "--ledger", "s.ledger", "--week", WEEK, "--out", "mail",
        ],
    );
    assert!(m.contains("mail/messages.csv"), "{m}");
}

#[test]
fn export_of_e3_holds_no_row_that_only_names_e3_and_forget_removes_only_the_reference() {
    let d = ledger_of("not-with");
    let v = export(d.path(), "E3", "exp");
    let experts = rows(&v, "experts");
    assert_eq!(experts.len(), 1, "{experts:?}");
    assert_eq!(experts[0][0], "E3");
    let all = serde_json::to_string(&v).unwrap();
    for other in ["Anna de Vries", "Kwintes", "Bram Jansen", "E1", "E2"] {
        assert!(!all.contains(other), "{other} in E3's export: {all}");
    }
    let out = ok_in(
        d.path(),
        &["ledger", "forget", "--ledger", "s.ledger", "--expert", "E3"],
    );
    assert!(out.contains("forgotten-1"), "{out}");
    let bytes = fs::read(d.path().join("s.ledger")).unwrap();
    let text = String::from_utf8_lossy(&bytes);
    assert!(
        !text.contains("Chris Bakker"),
        "the name is still in the ledger"
    );
    // Anna's row is hers, whole, but for the reference to E3.
    let anna = rows(&export(d.path(), "E1", "exp1"), "experts");
    assert_eq!(anna.len(), 1);
    assert_eq!(
        anna[0].join(";"),
        "E1;Anna de Vries;maatje|spreker;ja;angst|suïcidaliteit|pesten;suïcidaliteit;Utrecht;30;ja;*;Kwintes;4;2;01-01-2024;"
    );
    let bram = rows(&export(d.path(), "E2", "exp2"), "experts");
    assert_eq!(bram[0].last().unwrap(), "");
    assert_eq!(bram[0][1], "Bram Jansen");
    still_reads(d.path());
    // E3 is unknown now.
    let again = run_in(
        d.path(),
        &[
            "ledger", "export", "--ledger", "s.ledger", "--expert", "E3", "--out", "x",
        ],
    );
    assert_eq!(code(&again), 1, "{}", show(&again));
}

#[test]
fn numeric_ids_export_and_forget_one_person_not_every_cell_2() {
    let d = ledger_of("numeric-ids");
    let v = export(d.path(), "2", "exp");
    let experts = rows(&v, "experts");
    assert_eq!(experts.len(), 1, "{experts:?}");
    assert_eq!(experts[0][0], "2");
    assert_eq!(experts[0][1], "Bram Jansen");
    let history = rows(&v, "history");
    assert_eq!(
        history,
        vec![vec!["2026-W47", "2", "Altrecht", "spreker", "1", "pesten"]]
    );
    assert!(rows(&v, "requests").is_empty(), "{v}");
    // The id written another way reads as the same person.
    let v2 = export(d.path(), "nr. 2", "expnr");
    assert_eq!(v2["inputs"], v["inputs"]);
    assert!(d.path().join("expnr/2.json").exists());
    ok_in(
        d.path(),
        &["ledger", "forget", "--ledger", "s.ledger", "--expert", "2"],
    );
    // Everybody else is intact: their limits and intensities `2` stay.
    for (id, name) in [
        ("1", "Anna de Vries"),
        ("3", "Chris Bakker"),
        ("6", "Fleur Mol"),
    ] {
        let e = rows(&export(d.path(), id, &format!("e{id}")), "experts");
        assert_eq!(e.len(), 1, "{id}: {e:?}");
        assert_eq!(e[0][1], name);
        assert_eq!(e[0][12], "2", "{id}'s max_opdrachten");
    }
    let r1 = rows(&export(d.path(), "1", "r1"), "requests");
    assert_eq!(r1[0][8], "2", "R1's intensity: {r1:?}");
    let text = String::from_utf8_lossy(&fs::read(d.path().join("s.ledger")).unwrap()).to_string();
    assert!(!text.contains("Bram Jansen"));
    still_reads(d.path());
}
