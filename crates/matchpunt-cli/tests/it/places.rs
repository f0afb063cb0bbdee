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

/// The fifth new-user trial: a request in "Hengelo" is read as Hengelo (Overijssel), 8.8 km
/// from an expert in Enschede with a 15 km limit; a coordinator in the Achterhoek means
/// Hengelo (Gelderland), 45 km away. The bare name is read as the table's row, with one warning
/// naming the other place and how to write it; written with its province ("Hengelo (Gld)"),
/// the request is the Gelderland one and the expert is too far.
#[test]
fn a_place_of_two_provinces_is_named_and_its_province_chooses() {
    let experts = "id,name,roles,certified,themes,place,max_travel_km,online,availability\nE01,Zoe,speaker,yes,pesten,Enschede,15,no,*\n";
    let request = |place: &str| {
        format!("id,org,role,themes,place,online,slot\nR01,School,speaker,pesten,{place},no,wed-pm\nR02,School,speaker,pesten,{place},no,thu-pm\n")
    };
    let bare = batch_folder(experts, &request("Hengelo"));
    let o = run(
        &["run", "--data", ".", "--week", "2026-W50", "--out", "out"],
        bare.path(),
    );
    let err = String::from_utf8_lossy(&o.stderr);
    assert_eq!(o.status.code(), Some(0), "{err}");
    assert_eq!(
        err.matches("\"Hengelo\" is read as Hengelo (Overijssel); the places table also has \"Hengelo (Gelderland)\" (Gelderland)").count(),
        1,
        "one warning for the two cells: {err}"
    );
    for written in ["Hengelo (Gld)", "Hengelo (Gelderland)", "Hengelo Gld."] {
        let dir = batch_folder(experts, &request(written));
        let o = run(
            &["run", "--data", ".", "--week", "2026-W50", "--out", "out"],
            dir.path(),
        );
        assert_eq!(o.status.code(), Some(0), "{written}");
        let a = std::fs::read_to_string(dir.path().join("out/assignments.csv")).unwrap();
        assert_eq!(a.lines().count(), 1, "{written}: nobody within 15 km: {a}");
    }
}
