//! Place names as coordinators write them, through the real binary.
//!
//! `fixtures/place-spellings/` has one expert per spelling: aliases (`'s-Gravenhage`, `Den
//! Bosch`), apostrophe and hyphen variants (`'s Hertogenbosch`, `s-Hertogenbosch`, `Den-Haag`),
//! `a/d`, diacritics (`Súdwest-Fryslân`), a `(stad)` suffix, and the municipalities the earlier
//! table lacked (Houten, De Bilt, Almere, Stichtse Vecht, Eemnes...). Every one must load.

use crate::harness::{batch_folder, check_week, fixture, ok, run};

#[test]
fn every_spelling_of_a_known_place_loads() {
    let out = ok(&check_week(&fixture("place-spellings"), ".", &[]));
    assert!(out.starts_with("ok: 35 experts"), "{out}");
}

#[test]
fn an_unknown_place_gets_a_suggestion_with_its_province() {
    let dir = batch_folder(
        "id,roles,certified,themes,place,availability\nE1,buddy,yes,pesten,Houtn,*\n",
        "id,org,role,themes,place\nR1,Org,buddy,pesten,Utrecht\n",
    );
    let o = run(&["check", "--data", "."], dir.path());
    let err = String::from_utf8_lossy(&o.stderr);
    assert_eq!(o.status.code(), Some(1), "{err}");
    assert!(
        err.contains("experts.csv:2:5 (E2): column 'place': \"Houtn\": is not in the places table; did you mean \"Houten\" (Utrecht)?"),
        "{err}"
    );
}
