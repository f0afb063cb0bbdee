//! Place names as coordinators write them, through the real binary.
//!
//! `fixtures/place-spellings/` has one expert per spelling: aliases (`'s-Gravenhage`, `Den
//! Bosch`), apostrophe and hyphen variants (`'s Hertogenbosch`, `s-Hertogenbosch`, `Den-Haag`),
//! `a/d`, diacritics (`Súdwest-Fryslân`), a `(stad)` suffix, and the municipalities the earlier
//! table lacked (Houten, De Bilt, Almere, Stichtse Vecht, Eemnes...). Every one must load.

use std::path::Path;
use std::process::Command;

#[test]
fn every_spelling_of_a_known_place_loads() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/place-spellings");
    let o = Command::new(env!("CARGO_BIN_EXE_matchpunt"))
        .args(["check", "--data", ".", "--week", "2026-W48"])
        .current_dir(&dir)
        .output()
        .unwrap();
    let (out, err) = (
        String::from_utf8_lossy(&o.stdout),
        String::from_utf8_lossy(&o.stderr),
    );
    assert!(o.status.success(), "{out}\n{err}");
    assert!(out.starts_with("ok: 35 experts"), "{out}");
}

#[test]
fn an_unknown_place_gets_a_suggestion_with_its_province() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("experts.csv"),
        "id,roles,certified,themes,place,availability\nE1,buddy,yes,pesten,Houtn,*\n",
    )
    .unwrap();
    std::fs::write(
        dir.path().join("requests.csv"),
        "id,org,role,themes,place\nR1,Org,buddy,pesten,Utrecht\n",
    )
    .unwrap();
    let o = Command::new(env!("CARGO_BIN_EXE_matchpunt"))
        .args(["check", "--data", "."])
        .current_dir(dir.path())
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&o.stderr);
    assert_eq!(o.status.code(), Some(1), "{err}");
    assert!(
        err.contains("experts.csv:2:5 (E2): column 'place': \"Houtn\": is not in the places table; did you mean \"Houten\" (Utrecht)?"),
        "{err}"
    );
}
