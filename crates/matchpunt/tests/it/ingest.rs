//! Reading experts and requests as the data contract says: form (BOM, delimiter, header case,
//! aliases, list separators, decimal commas), defaults from the policy, and errors that name
//! file, line, column, value and expectation, all reported together.

use matchpunt::eligibility::{self, Reason};
use matchpunt::ingest::{
    self, InputError, InputErrors, Inputs, Loaded, Source, WeekChoice, MAX_ERRORS_PER_FILE,
};
use matchpunt::model::{Role, Slot, SlotSet, Week};
use matchpunt::policy::Policy;
use proptest::prelude::*;

use crate::common::{loaded as ok, read, try_load, week48 as week};

/// [`read`] with no history.
fn load_bytes_with(
    experts: &[u8],
    requests: &[u8],
    policy: &Policy,
) -> Result<Loaded, InputErrors> {
    read(experts, requests, None, policy)
}

/// [`read`] of texts with a history and the default policy.
fn load_with_history(experts: &str, requests: &str, history: &str) -> Result<Loaded, InputErrors> {
    read(
        experts.as_bytes(),
        requests.as_bytes(),
        Some(history.as_bytes()),
        &Policy::default(),
    )
}

fn errs(experts: &str, requests: &str) -> InputErrors {
    match try_load(experts, requests) {
        Ok(_) => panic!("expected input errors\nexperts:\n{experts}\nrequests:\n{requests}"),
        Err(e) => e,
    }
}

/// The single error of a batch (fails if there are more or fewer).
fn one_err(experts: &str, requests: &str) -> InputError {
    let e = errs(experts, requests);
    assert_eq!(e.count(), 1, "expected exactly one error, got:\n{e}");
    e.errors[0].clone()
}

const EXPERTS: &str = "\
id,roles,certified,themes,place,availability
E1,buddy,yes,pesten,Utrecht,wed-pm
E2,speaker,yes,armoede,Zeist,*
";

const REQUESTS: &str = "\
id,org,role,themes,place,slot
R1,Gemeente Utrecht,buddy,pesten,Utrecht,wed-pm
R2,GGZ Zeist,speaker,armoede,Zeist,
";

// ---- Form ----------------------------------------------------------------------------------------

#[test]
fn minimal_valid_batch_loads() {
    let l = ok(EXPERTS, REQUESTS);
    let i = &l.instance;
    assert_eq!(i.experts.len(), 2);
    assert_eq!(i.requests.len(), 2);
    assert!(l.warnings.is_empty(), "{:?}", l.warnings);
    assert_eq!(i.week, Week::parse("2026-W48"));
    assert_eq!(i.experts[0].id, "E1");
    assert_eq!(i.experts[1].row, 1);
    assert_eq!(i.requests[1].slot, None);
    assert_eq!(i.requests[0].slot, Slot::parse("wed-pm"));
}

#[test]
fn semicolon_delimiter_and_bom() {
    let e = "\u{feff}id;roles;certified;themes;place;availability;max_travel_km\r\n\
             E1;maatje;ja;pesten;Utrecht;wo-middag;12,5\r\n";
    let r = "\u{feff}id;org;role;themes;place;slot\r\nR1;Gemeente Utrecht;maatje;pesten;Utrecht;wo-middag\r\n";
    let l = ok(e, r);
    let ex = &l.instance.experts[0];
    assert_eq!(
        ex.id, "E1",
        "the BOM must not stick to the first header or cell"
    );
    assert!(ex.roles.contains(Role::Buddy));
    assert!(ex.certified);
    assert_eq!(ex.max_travel_km, 12.5);
    assert!(ex.availability.contains(Slot::parse("wed-pm").unwrap()));
    assert_eq!(l.instance.requests[0].slot, Slot::parse("wed-pm"));
    assert_eq!(l.instance.requests[0].role, Role::Buddy);
}

#[test]
fn bom_with_comma_delimiter() {
    let e = format!("\u{feff}{EXPERTS}");
    let l = ok(&e, REQUESTS);
    assert_eq!(l.instance.experts[0].id, "E1");
}

#[test]
fn delimiter_detected_from_header_not_from_data() {
    // Header uses ';'; data cells contain commas that are part of list cells.
    let e = "id;roles;certified;themes;place;availability\nE1;buddy,speaker;yes;pesten,angst;Utrecht;wed-pm,thu-am\n";
    let l = ok(e, REQUESTS);
    let ex = &l.instance.experts[0];
    assert!(ex.roles.contains(Role::Buddy) && ex.roles.contains(Role::Speaker));
    assert_eq!(ex.themes.len(), 2);
    assert_eq!(ex.availability.len(), 2);
}

#[test]
fn headers_are_case_insensitive_and_trimmed() {
    let e = " ID ,Roles,  CERTIFIED,Themes ,Place,AvailaBility, Max_Travel_KM \n\
             E1,buddy,yes,pesten,Utrecht,wed-pm,40\n";
    let l = ok(e, REQUESTS);
    assert!(l.warnings.is_empty(), "{:?}", l.warnings);
    assert_eq!(l.instance.experts[0].max_travel_km, 40.0);
    // Spaces inside a header name count as underscores.
    let e2 = "id,roles,certified,themes,place,availability,Max Travel Km\nE1,buddy,yes,pesten,Utrecht,wed-pm,41\n";
    assert_eq!(ok(e2, REQUESTS).instance.experts[0].max_travel_km, 41.0);
}

#[test]
fn cells_are_trimmed() {
    let e = "id,roles,certified,themes,place,availability\n  E1 , buddy ,  yes , pesten ,  Utrecht , wed-pm \n";
    let r = "id,org,role,themes,place,slot\n R1 , Gemeente Utrecht , buddy , pesten , Utrecht , wed-pm \n";
    let l = ok(e, r);
    assert_eq!(l.instance.experts[0].id, "E1");
    assert_eq!(l.instance.requests[0].id, "R1");
    assert_eq!(
        l.instance.orgs.name(l.instance.requests[0].org),
        "Gemeente Utrecht"
    );
}

#[test]
fn quoted_cells_per_rfc4180() {
    let e = "id,name,roles,certified,themes,place,availability\n\
             E1,\"Jansen, \"\"Jet\"\"\",\"buddy,speaker\",yes,\"pesten, angst\",Utrecht,\"wed-pm,thu-pm\"\n";
    let l = ok(e, REQUESTS);
    let ex = &l.instance.experts[0];
    assert_eq!(ex.name, "Jansen, \"Jet\"");
    assert!(ex.roles.contains(Role::Speaker));
    assert_eq!(ex.themes.len(), 2);
}

#[test]
fn role_aliases() {
    let cases = [
        ("maatje", Role::Buddy),
        ("Ervaringsmaatje", Role::Buddy),
        ("adviseur", Role::Adviser),
        ("meedenker", Role::Adviser),
        ("voorlichter", Role::Speaker),
        ("spreker", Role::Speaker),
        ("TRAINER", Role::Trainer),
    ];
    for (alias, role) in cases {
        let e = format!(
            "id,roles,certified,themes,place,availability\nE1,{alias},yes,pesten,Utrecht,*\n"
        );
        let r = format!("id,org,role,themes,place\nR1,Org,{alias},pesten,Utrecht\n");
        let l = ok(&e, &r);
        assert!(l.instance.experts[0].roles.contains(role), "{alias}");
        assert_eq!(l.instance.requests[0].role, role, "{alias}");
    }
}

#[test]
fn slot_aliases() {
    let e = "id,roles,certified,themes,place,availability\n\
             E1,buddy,yes,pesten,Utrecht,wo-middag|ma-ochtend|zo-avond\n\
             E2,buddy,yes,pesten,Utrecht,*\n\
             E3,buddy,yes,pesten,Utrecht,any\n\
             E4,buddy,yes,pesten,Utrecht,\n";
    let r = "id,org,role,themes,place,slot\nR1,Org,buddy,pesten,Utrecht,Do-Avond\n";
    let l = ok(e, r);
    let x = &l.instance.experts;
    let s = |c: &str| Slot::parse(c).unwrap();
    assert!(x[0].availability.contains(s("wed-pm")));
    assert!(x[0].availability.contains(s("mon-am")));
    assert!(x[0].availability.contains(s("sun-eve")));
    assert_eq!(x[0].availability.len(), 3);
    assert_eq!(x[1].availability, SlotSet::ALL);
    assert_eq!(x[2].availability, SlotSet::ALL);
    assert!(x[3].availability.is_empty());
    assert_eq!(l.instance.requests[0].slot, Some(s("thu-eve")));
}

#[test]
fn boolean_spellings() {
    for (cell, want) in [
        ("yes", true),
        ("no", false),
        ("ja", true),
        ("nee", false),
        ("j", true),
        ("n", false),
        ("y", true),
        ("1", true),
        ("0", false),
        ("true", true),
        ("FALSE", false),
        ("Ja", true),
        (" NEE ", false),
    ] {
        let e = format!(
            "id,roles,certified,themes,place,availability,online,active\nE1,buddy,{cell},pesten,Utrecht,*,{cell},{cell}\n"
        );
        let r = format!("id,org,role,themes,place,online\nR1,Org,buddy,pesten,Utrecht,{cell}\n");
        let l = ok(&e, &r);
        let ex = &l.instance.experts[0];
        assert_eq!(
            (ex.certified, ex.online, ex.active),
            (want, want, want),
            "{cell:?}"
        );
        assert_eq!(l.instance.requests[0].online, want, "{cell:?}");
    }
}

#[test]
fn empty_boolean_takes_the_default() {
    let e = "id,roles,certified,themes,place,availability,online,active\nE1,buddy,yes,pesten,Utrecht,*,,\n";
    let r = "id,org,role,themes,place,online\nR1,Org,buddy,pesten,Utrecht,\n";
    let l = ok(e, r);
    assert!(
        l.instance.experts[0].online,
        "experts.online defaults to yes"
    );
    assert!(
        l.instance.experts[0].active,
        "experts.active defaults to yes"
    );
    assert!(
        !l.instance.requests[0].online,
        "requests.online defaults to no"
    );
}

#[test]
fn bad_boolean_is_an_error() {
    let e = "id,roles,certified,themes,place,availability\nE1,buddy,misschien,pesten,Utrecht,*\n";
    let err = one_err(e, REQUESTS);
    assert_eq!(err.line, Some(2));
    assert_eq!(err.column, Some((3, "certified".to_string())));
    assert_eq!(err.value.as_deref(), Some("misschien"));
    assert!(err.message().contains("ja/nee"), "{}", err.message());
    // certified is required: empty is an error too.
    let e2 = "id,roles,certified,themes,place,availability\nE1,buddy,,pesten,Utrecht,*\n";
    let err2 = one_err(e2, REQUESTS);
    assert_eq!(err2.column.as_ref().unwrap().1, "certified");
}

#[test]
fn list_separators_pipe_semicolon_comma() {
    let e = "id,roles,certified,themes,place,availability,languages\n\
             E1,buddy|speaker,yes,pesten|angst|trauma,Utrecht,wed-pm|thu-pm,nl|en\n\
             E2,\"buddy;speaker\",yes,\"pesten;angst;trauma\",Utrecht,\"wed-pm;thu-pm\",\"nl;en\"\n\
             E3,\"buddy, speaker\",yes,\"pesten , angst,trauma\",Utrecht,\"wed-pm, thu-pm\",\"nl,en\"\n\
             E4,\"buddy| speaker;\",yes,\"pesten|angst;trauma,\",Utrecht,\"wed-pm;thu-pm|\",\"nl|en,\"\n";
    let l = ok(e, REQUESTS);
    let x = &l.instance.experts;
    for e in x.iter() {
        assert_eq!(e.roles, x[0].roles, "{}", e.id);
        assert_eq!(e.themes, x[0].themes, "{}", e.id);
        assert_eq!(e.availability, x[0].availability, "{}", e.id);
        assert_eq!(e.languages, x[0].languages, "{}", e.id);
    }
    assert_eq!(x[0].themes.len(), 3);
    assert_eq!(x[0].languages.len(), 2);
}

#[test]
fn decimal_comma_in_max_travel_km() {
    let e = "id;roles;certified;themes;place;availability;max_travel_km\n\
             E1;buddy;ja;pesten;Utrecht;*;12,5\n\
             E2;buddy;ja;pesten;Utrecht;*;7.25\n\
             E3;buddy;ja;pesten;Utrecht;*;0\n";
    let l = ok(e, REQUESTS);
    let km: Vec<f64> = l.instance.experts.iter().map(|e| e.max_travel_km).collect();
    assert_eq!(km, vec![12.5, 7.25, 0.0]);
    // Quoted in a comma-delimited file, too.
    let e2 = "id,roles,certified,themes,place,availability,max_travel_km\nE1,buddy,yes,pesten,Utrecht,*,\"12,5\"\n";
    assert_eq!(ok(e2, REQUESTS).instance.experts[0].max_travel_km, 12.5);
}

#[test]
fn lat_lon_override_the_place() {
    let e = "id,roles,certified,themes,place,lat,lon,availability\n\
             E1,buddy,yes,pesten,Utrecht,53.2,6.56,*\n\
             E2,buddy,yes,pesten,Utrecht,,,*\n";
    let l = ok(e, REQUESTS);
    let x = &l.instance.experts;
    assert_eq!((x[0].location.lat, x[0].location.lon), (53.2, 6.56));
    let utrecht = crate::common::places().get("Utrecht").unwrap().location;
    assert_eq!(x[1].location, utrecht);
    // Requests too, with Dutch decimal commas.
    let r = "id;org;role;themes;place;lat;lon\nR1;Org;buddy;pesten;Utrecht;51,5;4,25\n";
    let l = ok(EXPERTS, r);
    let loc = l.instance.requests[0].location.unwrap();
    assert_eq!((loc.lat, loc.lon), (51.5, 4.25));
}

#[test]
fn lat_lon_without_a_place_column() {
    let e = "id,roles,certified,themes,lat,lon,availability\nE1,buddy,yes,pesten,52.1,5.1,*\n";
    let l = ok(e, REQUESTS);
    assert_eq!(l.instance.experts[0].location.lat, 52.1);
    assert_eq!(l.instance.experts[0].place, "");
}

#[test]
fn half_given_coordinates_are_an_error() {
    let e = "id,roles,certified,themes,place,lat,lon,availability\nE1,buddy,yes,pesten,Utrecht,52.1,,*\n";
    let err = one_err(e, REQUESTS);
    assert_eq!(err.column.as_ref().unwrap().1, "lon");
    assert_eq!(err.line, Some(2));
    let e2 = "id,roles,certified,themes,place,lat,lon,availability\nE1,buddy,yes,pesten,Utrecht,95,5,*\n";
    let err2 = one_err(e2, REQUESTS);
    assert_eq!(err2.column, Some((6, "lat".to_string())));
    assert_eq!(err2.value.as_deref(), Some("95"));
}

#[test]
fn place_names_compare_case_insensitively_with_spaces_collapsed() {
    let e = "id,roles,certified,themes,place,availability\nE1,buddy,yes,pesten,  den   HAAG ,*\n";
    let l = ok(e, REQUESTS);
    let dh = crate::common::places().get("Den Haag").unwrap().location;
    assert_eq!(l.instance.experts[0].location, dh);
}

#[test]
fn online_request_needs_no_place() {
    let r = "id,org,role,themes,place,online\nR1,Org,speaker,armoede,,ja\n";
    let l = ok(EXPERTS, r);
    assert!(l.instance.requests[0].online);
    assert_eq!(l.instance.requests[0].location, None);
    // On site it does.
    let r2 = "id,org,role,themes,place,online\nR1,Org,speaker,armoede,,nee\n";
    let err = one_err(EXPERTS, r2);
    assert_eq!(err.column, Some((5, "place".to_string())));
    assert_eq!(err.line, Some(2));
}

// ---- Defaults from the policy ------------------------------------------------------------------

#[test]
fn defaults_from_the_default_policy() {
    let l = ok(EXPERTS, REQUESTS);
    let e = &l.instance.experts[0];
    assert_eq!(e.max_travel_km, 25.0);
    assert_eq!(e.max_assignments, 2);
    assert_eq!(e.load_budget, 4);
    assert!(e.online && e.active);
    assert_eq!(e.birth_year, None);
    assert_eq!(e.languages, vec![l.instance.languages.get("nl").unwrap()]);
    let r = &l.instance.requests[0];
    assert_eq!(r.experts_needed, 1);
    assert_eq!(r.priority, 2);
    assert_eq!(r.intensity, 2, "buddy default intensity");
    assert!(!r.intensity_given);
    assert_eq!(
        l.instance.requests[1].intensity, 1,
        "speaker default intensity"
    );
    assert_eq!(r.language, l.instance.languages.get("nl").unwrap());
}

#[test]
fn defaults_from_a_custom_policy() {
    let p = Policy::from_toml(
        "[rules]\ndefault_max_travel_km = 40.5\ndefault_max_assignments = 5\ndefault_load_budget = 9\n\
         [intensity]\nbuddy = 3\nadviser = 2\ntrainer = 4\nspeaker = 1\nheavy_extra = 2\nheavy_themes = [\"Trauma\", \"eetstoornis\"]\n",
        "p.toml",
    )
    .unwrap();
    let e =
        "id,roles,certified,themes,place,availability,max_travel_km,max_assignments,load_budget\n\
             E1,buddy,yes,pesten,Utrecht,*,,,\n\
             E2,buddy,yes,pesten,Utrecht,*,10,1,2\n";
    let r = "id,org,role,themes,place,intensity\n\
             R1,Org,buddy,pesten,Utrecht,\n\
             R2,Org,buddy,pesten|trauma,Utrecht,\n\
             R3,Org,trainer,EETSTOORNIS,Utrecht,\n\
             R4,Org,adviser,pesten,Utrecht,\n\
             R5,Org,buddy,trauma,Utrecht,7\n\
             R6,Org,speaker,  Trauma ,Utrecht,\n";
    let l = load_bytes_with(e.as_bytes(), r.as_bytes(), &p).unwrap();
    let x = &l.instance.experts;
    assert_eq!(
        (x[0].max_travel_km, x[0].max_assignments, x[0].load_budget),
        (40.5, 5, 9)
    );
    assert_eq!(
        (x[1].max_travel_km, x[1].max_assignments, x[1].load_budget),
        (10.0, 1, 2)
    );
    let got: Vec<(u32, bool)> = l
        .instance
        .requests
        .iter()
        .map(|r| (r.intensity, r.intensity_given))
        .collect();
    assert_eq!(
        got,
        vec![
            (3, false),
            (5, false),
            (6, false),
            (2, false),
            (7, true),
            (3, false)
        ]
    );
}

#[test]
fn default_intensity_with_the_default_heavy_themes() {
    let r = "id,org,role,themes,place\n\
             R1,Org,buddy,suicidaliteit,Utrecht\n\
             R2,Org,speaker,pesten|Zelfbeschadiging,Utrecht\n\
             R3,Org,adviser,pesten,Utrecht\n";
    let l = ok(EXPERTS, r);
    let i: Vec<u32> = l.instance.requests.iter().map(|r| r.intensity).collect();
    assert_eq!(i, vec![3, 2, 1]);
}

// ---- Warnings ----------------------------------------------------------------------------------

#[test]
fn unknown_column_gives_one_warning_naming_it() {
    let e = "id,roles,certified,themes,place,availability,favourite_colour\nE1,buddy,yes,pesten,Utrecht,*,blue\nE2,buddy,yes,pesten,Utrecht,*,red\n";
    let l = ok(e, REQUESTS);
    assert_eq!(l.warnings.len(), 1, "{:?}", l.warnings);
    assert!(
        l.warnings[0].contains("favourite_colour"),
        "{}",
        l.warnings[0]
    );
    assert!(l.warnings[0].contains("experts.csv"), "{}", l.warnings[0]);
    // Two unknown columns in one file: still one warning, naming both.
    let e2 = "id,roles,certified,themes,place,availability,Opmerking,telefoon\nE1,buddy,yes,pesten,Utrecht,*,x,y\n";
    let l2 = ok(e2, REQUESTS);
    assert_eq!(l2.warnings.len(), 1, "{:?}", l2.warnings);
    assert!(l2.warnings[0].contains("Opmerking") && l2.warnings[0].contains("telefoon"));
}

// ---- Errors ------------------------------------------------------------------------------------

#[test]
fn missing_required_column_names_file_and_column() {
    let e = "id,certified,themes,place,availability\nE1,yes,pesten,Utrecht,*\n";
    let err = one_err(e, REQUESTS);
    assert_eq!(err.file, "experts.csv");
    assert!(err.message().contains("'roles'"), "{}", err.message());
    let text = err.to_string();
    assert!(text.starts_with("experts.csv:1"), "{text}");
    // In requests, a misspelt header: one error, the near miss, with the hint the right way
    // round (not also "missing required column").
    let r = "id,org,role,themse,place\nR1,Org,buddy,pesten,Utrecht\n";
    let err = one_err(EXPERTS, r);
    assert_eq!(err.file, "requests.csv");
    assert!(
        err.to_string()
            .starts_with("requests.csv:1: column 4 'themse': did you mean 'themes'?"),
        "{err}"
    );
}

#[test]
fn missing_columns_in_both_files_are_all_reported() {
    let e = "id,certified,place,availability\nE1,yes,Utrecht,*\n";
    let r = "id,role,themes,place\nR1,buddy,pesten,Utrecht\n";
    let all = errs(e, r);
    let text = all.to_string();
    for want in ["'roles'", "'themes'", "'org'"] {
        assert!(text.contains(want), "{want} missing from:\n{text}");
    }
    assert_eq!(all.count(), 3, "{text}");
}

#[test]
fn experts_need_place_or_lat_and_lon() {
    let e = "id,roles,certified,themes,availability\nE1,buddy,yes,pesten,*\n";
    let err = one_err(e, REQUESTS);
    assert!(err.message().contains("'place'"), "{}", err.message());
}

#[test]
fn the_cell_reference_is_the_row_a_spreadsheet_shows() {
    // A name cell that spans two lines is one row; the bad cell is on line 5 but in row 4.
    let e = "id,name,roles,certified,themes,place,availability,max_travel_km\n\
             E1,\"Anna\nde Vries\",buddy,yes,pesten,Utrecht,*,12\n\
             E2,Bram,buddy,yes,pesten,Utrecht,*,12\n\
             E3,Chris,buddy,yes,pesten,Utrecht,*,twaalf\n";
    let err = one_err(e, REQUESTS);
    assert_eq!(err.line, Some(5));
    assert_eq!(err.row, Some(4));
    assert!(
        err.to_string()
            .starts_with("experts.csv:5:8 (H4): column 'max_travel_km': \"twaalf\""),
        "{err}"
    );
    // After a `sep=` line (not shown by a spreadsheet), row = line - 1; in CR-only files too.
    let e = "sep=,\rid,roles,certified,themes,place,availability,max_travel_km\r\
             E1,buddy,yes,pesten,Utrecht,*,twaalf\r";
    let err = one_err(e, REQUESTS);
    assert_eq!((err.line, err.row), (Some(3), Some(2)));
    assert!(
        err.to_string().starts_with("experts.csv:3:7 (G2): "),
        "{err}"
    );
    // Title and blank lines before the header are rows like any other.
    let e = "Ervaringsdeskundigen week 48\n\n\
             id,roles,certified,themes,place,availability,max_travel_km\n\
             E1,buddy,yes,pesten,Utrecht,*,twaalf\n";
    let err = one_err(e, REQUESTS);
    assert_eq!((err.line, err.row), (Some(4), None));
    assert!(
        err.to_string().starts_with("experts.csv:4:7 (G4): "),
        "{err}"
    );
}

#[test]
fn bad_number_names_file_line_column_value_and_expectation() {
    let e = "id,roles,certified,themes,place,availability,max_travel_km\n\
             E1,buddy,yes,pesten,Utrecht,*,12\n\
             E2,buddy,yes,pesten,Utrecht,*,twaalf\n";
    let err = one_err(e, REQUESTS);
    assert_eq!(err.file, "experts.csv");
    assert_eq!(err.line, Some(3));
    assert_eq!(err.column, Some((7, "max_travel_km".to_string())));
    assert_eq!(err.value.as_deref(), Some("twaalf"));
    assert!(
        err.message().contains("expected a number"),
        "{}",
        err.message()
    );
    let text = err.to_string();
    assert!(
        text.starts_with("experts.csv:3:7 (G3): column 'max_travel_km': \"twaalf\""),
        "{text}"
    );
    assert!(
        text.contains("max_travel_km") && text.contains("\"twaalf\""),
        "{text}"
    );
}

#[test]
fn bad_numbers_of_every_kind() {
    // (column, value) pairs that must each be one error naming the column.
    let cases = [
        ("max_travel_km", "-1"),
        ("max_travel_km", "1e9"),
        ("max_travel_km", "NaN"),
        ("max_travel_km", "inf"),
        ("max_assignments", "2.5"),
        ("max_assignments", "-1"),
        ("load_budget", "veel"),
        ("birth_year", "85"),
        ("birth_year", "'90"),
    ];
    for (col, v) in cases {
        let e = format!("id,roles,certified,themes,place,availability,{col}\nE1,buddy,yes,pesten,Utrecht,*,{v}\n");
        let err = one_err(&e, REQUESTS);
        assert_eq!(
            err.column.as_ref().map(|c| c.1.as_str()),
            Some(col),
            "{col}={v}"
        );
        assert_eq!(err.value.as_deref(), Some(v), "{col}={v}");
        assert!(err.message().contains("expected"), "{}", err.message());
    }
    for (col, v) in [
        ("experts_needed", "0"),
        ("experts_needed", "twee"),
        ("intensity", "-3"),
        ("priority", "9"),
        ("client_age", "zestien"),
    ] {
        let r = format!("id,org,role,themes,place,{col}\nR1,Org,buddy,pesten,Utrecht,{v}\n");
        let err = one_err(EXPERTS, &r);
        assert_eq!(
            err.column.as_ref().map(|c| c.1.as_str()),
            Some(col),
            "{col}={v}"
        );
        assert_eq!(err.value.as_deref(), Some(v), "{col}={v}");
    }
}

#[test]
fn unknown_slot_is_an_error() {
    let r = "id,org,role,themes,place,slot\nR1,Org,buddy,pesten,Utrecht,wo-mdidag\n";
    let err = one_err(EXPERTS, r);
    assert_eq!(err.file, "requests.csv");
    assert_eq!(err.line, Some(2));
    assert_eq!(err.column, Some((6, "slot".to_string())));
    assert_eq!(err.value.as_deref(), Some("wo-mdidag"));
    assert!(err.message().contains("wed-pm"), "{}", err.message());
    // In availability, each bad item is named.
    let e = "id,roles,certified,themes,place,availability\nE1,buddy,yes,pesten,Utrecht,wed-pm|woensdag|thu-xx\n";
    let all = errs(e, REQUESTS);
    let vals: Vec<_> = all
        .errors
        .iter()
        .map(|e| e.value.clone().unwrap())
        .collect();
    assert_eq!(vals, vec!["woensdag", "thu-xx"]);
}

#[test]
fn unknown_role_is_an_error() {
    let e = "id,roles,certified,themes,place,availability\nE1,buddy|piloot,yes,pesten,Utrecht,*\n";
    let err = one_err(e, REQUESTS);
    assert_eq!(err.value.as_deref(), Some("piloot"));
    let r = "id,org,role,themes,place\nR1,Org,buddy|speaker,pesten,Utrecht\n";
    let err = one_err(EXPERTS, r);
    assert_eq!(err.column.as_ref().unwrap().1, "role");
}

#[test]
fn duplicate_id_mentions_the_first_line() {
    let e = "id,roles,certified,themes,place,availability\n\
             E1,buddy,yes,pesten,Utrecht,*\n\
             E2,buddy,yes,pesten,Utrecht,*\n\
             E1,speaker,yes,pesten,Utrecht,*\n";
    let err = one_err(e, REQUESTS);
    assert_eq!(err.line, Some(4));
    assert_eq!(err.column, Some((1, "id".to_string())));
    assert_eq!(err.value.as_deref(), Some("E1"));
    assert!(
        err.message().contains("first on line 2"),
        "{}",
        err.message()
    );
    // Requests too.
    let r = "id,org,role,themes,place\nR1,Org,buddy,pesten,Utrecht\nR1,Org,buddy,pesten,Utrecht\n";
    let err = one_err(EXPERTS, r);
    assert_eq!((err.file.as_str(), err.line), ("requests.csv", Some(3)));
    assert!(
        err.message().contains("first on line 2"),
        "{}",
        err.message()
    );
}

#[test]
fn unknown_place_with_did_you_mean() {
    let e = "id,roles,certified,themes,place,availability\nE1,buddy,yes,pesten,Utrect,*\n";
    let err = one_err(e, REQUESTS);
    assert_eq!(err.column, Some((5, "place".to_string())));
    assert_eq!(err.value.as_deref(), Some("Utrect"));
    assert!(
        err.message().contains("did you mean \"Utrecht\""),
        "{}",
        err.message()
    );
    // Far from every place: no suggestion, but still an error.
    let e2 = "id,roles,certified,themes,place,availability\nE1,buddy,yes,pesten,Xqzvw Plkm,*\n";
    let err2 = one_err(e2, REQUESTS);
    assert!(
        !err2.message().contains("did you mean"),
        "{}",
        err2.message()
    );
    // Requests too.
    let r = "id,org,role,themes,place\nR1,Org,buddy,pesten,Amsterdm\n";
    let err3 = one_err(EXPERTS, r);
    assert!(
        err3.message().contains("did you mean \"Amsterdam\""),
        "{}",
        err3.message()
    );
}

#[test]
fn unknown_pinned_and_preferred_expert_with_did_you_mean() {
    let r = "id,org,role,themes,place,pinned_expert\nR1,Gemeente Utrecht,buddy,pesten,Utrecht,E3\n";
    let err = one_err(EXPERTS, r);
    assert_eq!(err.column.as_ref().unwrap().1, "pinned_expert");
    assert_eq!(err.value.as_deref(), Some("E3"));
    assert!(err.message().contains("did you mean"), "{}", err.message());
    let e = "id,roles,certified,themes,place,availability\nE0001,buddy,yes,pesten,Utrecht,*\nE0002,buddy,yes,pesten,Utrecht,*\n";
    let r = "id,org,role,themes,place,pinned_expert,preferred_expert\nR1,Org,buddy,pesten,Utrecht,E0O01,E0001\nR2,Org,buddy,pesten,Utrecht,E0001|E0002,E002\n";
    let all = errs(e, r);
    assert_eq!(all.count(), 2, "{all}");
    assert_eq!(all.errors[0].line, Some(2));
    assert!(
        all.errors[0].message().contains("did you mean \"E0001\""),
        "{}",
        all.errors[0]
    );
    assert_eq!(all.errors[1].column.as_ref().unwrap().1, "preferred_expert");
    assert!(
        all.errors[1].message().contains("did you mean \"E0002\""),
        "{}",
        all.errors[1]
    );
    // Valid pins resolve to expert indexes.
    let r_ok =
        "id,org,role,themes,place,pinned_expert\nR1,Org,buddy,pesten,Utrecht,E0002|E0001|E0002\n";
    let l = ok(e, r_ok);
    assert_eq!(l.instance.requests[0].pinned, vec![1, 0]);
}

/// The load's warnings with `check`'s warnings of the cells read on the safe side, each followed
/// by the pairs of spellings `check` lists for its row.
fn all_warnings(l: &Loaded) -> Vec<String> {
    let mut w: Vec<String> = l.warnings.iter().map(|w| w.to_string()).collect();
    let cells = matchpunt::ingest::safe_side_warnings(&l.safe_side_cells);
    for (c, text) in l.safe_side_cells.iter().zip(cells) {
        let pairs: Vec<String> = l
            .safe_side_orgs
            .iter()
            .filter(|o| o.line == c.line && c.column == "excluded_orgs")
            .map(|o| format!("{:?} as {:?}", o.written, o.org))
            .collect();
        w.push(format!("{text} {}", pairs.join("; ")));
    }
    w
}

/// Whether rule 4 (excluded organisation) refuses expert `e` for request `r`.
fn org_refused(l: &Loaded, e: usize, r: usize) -> bool {
    let i = &l.instance;
    eligibility::check(i, &Policy::default(), &i.requests[r], &i.experts[e])
        .contains(Reason::ExcludedOrg)
}

#[test]
fn excluded_org_near_miss_excludes_both_with_a_warning() {
    let e = "id,roles,certified,themes,place,availability,excluded_orgs\nE1,buddy,yes,pesten,Utrecht,*,Gemeente Utrech\n";
    let l = ok(e, REQUESTS);
    assert_eq!(all_warnings(&l).len(), 1, "{:?}", all_warnings(&l));
    let w = &all_warnings(&l)[0];
    for want in [
        "experts.csv:2",
        "E1",
        "\"Gemeente Utrech\"",
        "\"Gemeente Utrecht\"",
    ] {
        assert!(w.contains(want), "{want} missing from: {w}");
    }
    assert!(!w.contains("pesten"), "a warning never names a theme: {w}");
    let i = &l.instance;
    // The close org is excluded, and the name as written is kept for requests not in the
    // batch (the inline request), but not made an organisation of the batch.
    assert_eq!(i.experts[0].excluded_orgs, vec![i.requests[0].org]);
    assert_eq!(i.experts[0].excluded_org_names, ["Gemeente Utrech"]);
    assert_eq!(i.orgs.get("Gemeente Utrech"), None);
    assert!(org_refused(&l, 0, 0), "R1 is at Gemeente Utrecht");
    assert!(!org_refused(&l, 0, 1), "R2 is at GGZ Zeist");
}

#[test]
fn excluded_org_that_is_an_org_of_the_batch_excludes_only_that_org() {
    // Real organisations can differ by one letter; an exact name is no near miss.
    let e = "id,roles,certified,themes,place,availability,excluded_orgs\nE1,buddy,yes,pesten,Ede,*,gemeente  EDE\n";
    let r = "id,org,role,themes,place\nR1,Gemeente Ede,buddy,pesten,Ede\nR2,Gemeente Epe,buddy,pesten,Ede\n";
    let l = ok(e, r);
    assert!(all_warnings(&l).is_empty(), "{:?}", all_warnings(&l));
    assert_eq!(
        l.instance.experts[0].excluded_orgs,
        vec![l.instance.requests[0].org]
    );
    assert!(org_refused(&l, 0, 0));
    assert!(
        !org_refused(&l, 0, 1),
        "Gemeente Epe is another organisation"
    );
}

#[test]
fn excluded_org_near_miss_of_a_history_org() {
    let e = "id,roles,certified,themes,place,availability,excluded_orgs\n\
             E1,buddy,yes,pesten,Utrecht,*,Jeugdbescherming Zwole\n\
             E2,buddy,yes,pesten,Utrecht,*,\n";
    let h = "week,expert,org,role,intensity\n2026-W46,E2,Jeugdbescherming Zwolle,buddy,2\n";
    let l = load_with_history(e, REQUESTS, h).unwrap();
    let w = all_warnings(&l);
    assert_eq!(w.len(), 1, "{:?}", w);
    assert!(w[0].contains("\"Jeugdbescherming Zwolle\""), "{}", w[0]);
    let i = &l.instance;
    assert!(i.experts[0].excluded_orgs.contains(&i.history[0].org));
}

#[test]
fn excluded_org_exact_or_unrelated_is_fine() {
    let e = "id,roles,certified,themes,place,availability,excluded_orgs\n\
             E1,buddy,yes,pesten,Utrecht,*,gemeente  UTRECHT\n\
             E2,buddy,yes,pesten,Utrecht,*,Jeugdbescherming Friesland\n";
    let l = ok(e, REQUESTS);
    let i = &l.instance;
    assert_eq!(i.experts[0].excluded_orgs, vec![i.requests[0].org]);
    assert!(i.experts[1].excluded_orgs.is_empty());
    assert_eq!(
        i.experts[1].excluded_org_names,
        ["Jeugdbescherming Friesland"]
    );
    assert!(all_warnings(&l).is_empty(), "{:?}", all_warnings(&l));
}

#[test]
fn excluded_org_near_miss_warned_for_every_expert() {
    let e = "id,roles,certified,themes,place,availability,excluded_orgs\n\
             E1,buddy,yes,pesten,Utrecht,*,Gemeente Utrech\n\
             E2,buddy,yes,pesten,Utrecht,*,Gemeente Utrech|GGZ Zeist\n";
    let l = ok(e, REQUESTS);
    assert_eq!(all_warnings(&l).len(), 2, "{:?}", all_warnings(&l));
    assert!(all_warnings(&l)[0].contains("experts.csv:2") && all_warnings(&l)[0].contains("E1"));
    assert!(all_warnings(&l)[1].contains("experts.csv:3") && all_warnings(&l)[1].contains("E2"));
    for ex in 0..2 {
        assert!(org_refused(&l, ex, 0), "expert {ex} at Gemeente Utrecht");
    }
    assert!(!org_refused(&l, 0, 1));
    assert!(org_refused(&l, 1, 1), "E2 excludes GGZ Zeist as written");
}

#[test]
fn empty_file_is_an_error() {
    for empty in ["", "\u{feff}", "\n\n", "  \r\n"] {
        let err = one_err(empty, REQUESTS);
        assert_eq!(err.file, "experts.csv");
        assert!(
            err.message().contains("empty"),
            "{:?}: {}",
            empty,
            err.message()
        );
        let err = one_err(EXPERTS, empty);
        assert_eq!(err.file, "requests.csv");
        assert!(err.message().contains("empty"), "{}", err.message());
    }
}

#[test]
fn header_only_file_is_an_empty_batch() {
    let l = ok(
        "id,roles,certified,themes,place,availability\n",
        "id,org,role,themes,place\n",
    );
    assert!(l.instance.experts.is_empty() && l.instance.requests.is_empty());
}

#[test]
fn binary_garbage_is_an_error_not_a_panic() {
    // A damaged workbook (a zip header and then garbage): read as a workbook, which fails.
    let xlsx: &[u8] = b"PK\x03\x04\x14\x00\x06\x00\x08\x00\x00\x00!\x00\xb5U\x12\x9c\x01\x00\x00";
    let e = load_bytes_with(xlsx, REQUESTS.as_bytes(), &Policy::default()).unwrap_err();
    assert_eq!(e.count(), 1, "{e}");
    assert_eq!(e.errors[0].file, "experts.csv");
    assert!(
        e.errors[0]
            .message()
            .contains("cannot be read as a workbook"),
        "{}",
        e.errors[0]
    );
    // UTF-16 (Excel "Unicode text") is read: here its missing columns are the error.
    let utf16: Vec<u8> = "\u{feff}id,org\n"
        .encode_utf16()
        .flat_map(|u| u.to_le_bytes())
        .collect();
    let e = load_bytes_with(EXPERTS.as_bytes(), &utf16, &Policy::default()).unwrap_err();
    assert_eq!(e.errors[0].file, "requests.csv");
    // Valid UTF-8 with a NUL byte on line 3.
    let nul = b"id,roles,certified,themes,place,availability\nE1,buddy,yes,pesten,Utrecht,*\nE2,bu\0ddy\n";
    let e = load_bytes_with(nul, REQUESTS.as_bytes(), &Policy::default()).unwrap_err();
    assert_eq!(e.count(), 1, "{e}");
    assert_eq!(e.errors[0].line, Some(3));
    assert!(e.errors[0].message().contains("NUL"), "{}", e.errors[0]);
    // Bytes that are not UTF-8 are read as Windows-1252 ("Den Bosch é", not in the places
    // table, on line 3) with a note.
    let latin1 = b"id,roles,certified,themes,place,availability\nE1,buddy,yes,pesten,Utrecht,*\n";
    let mut bad = latin1.to_vec();
    bad.extend_from_slice(b"E2,buddy,yes,pesten,Den Bosch \xe9,*\n");
    let e = load_bytes_with(&bad, REQUESTS.as_bytes(), &Policy::default()).unwrap_err();
    assert_eq!(e.errors[0].line, Some(3), "{e}");
    assert_eq!(e.errors[0].value.as_deref(), Some("Den Bosch é"), "{e}");
    assert!(e.warnings[0].contains("Windows-1252"), "{e}");
}

#[test]
fn ragged_rows_are_errors() {
    let e = "id,roles,certified,themes,place,availability\n\
             E1,buddy,yes,pesten,Utrecht,*\n\
             E2,buddy,yes,pesten,Utrecht\n\
             E3,buddy,yes,pesten,Utrecht,*,extra\n";
    let all = errs(e, REQUESTS);
    assert_eq!(all.count(), 2, "{all}");
    assert_eq!(all.errors[0].line, Some(3));
    assert!(
        all.errors[0].message().contains("5 fields, expected 6"),
        "{}",
        all.errors[0]
    );
    assert_eq!(all.errors[1].line, Some(4));
    assert!(
        all.errors[1].message().contains("7 fields, expected 6"),
        "{}",
        all.errors[1]
    );
}

#[test]
fn trailing_empty_cells_are_not_ragged() {
    // Excel writes trailing delimiters for empty columns beyond the header.
    let e = "id;roles;certified;themes;place;availability\nE1;buddy;ja;pesten;Utrecht;*;;;\n";
    ok(e, REQUESTS);
}

#[test]
fn blank_lines_are_skipped() {
    let e = "id,roles,certified,themes,place,availability\n\
             \n\
             E1,buddy,yes,pesten,Utrecht,*\n\
             \n\
             \r\n\
             E2,buddy,yes,pesten,Utrecht,wed-pm\n\
             \n";
    let l = ok(e, REQUESTS);
    assert_eq!(l.instance.experts.len(), 2);
    assert_eq!(
        l.instance.experts[1].row, 1,
        "data-row index counts records, not lines"
    );
}

#[test]
fn crlf_line_numbers() {
    let e = "id,roles,certified,themes,place,availability\r\n\
             E1,buddy,yes,pesten,Utrecht,*\r\n\
             E2,buddy,yes,pesten,Utrecht,*\r\n\
             E3,buddy,yes,pesten,Utrecht,wed-xx\r\n";
    assert_eq!(one_err(e, REQUESTS).line, Some(4));
    // The Dutch Excel export: BOM, ';' and CRLF; a duplicate id names both lines right.
    let e2 = "\u{feff}id;roles;certified;themes;place;availability\r\n\
              E1;maatje;ja;pesten;Utrecht;*\r\n\
              E1;maatje;ja;pesten;Utrecht;*\r\n";
    let err = one_err(e2, REQUESTS);
    assert_eq!(err.line, Some(3), "{err}");
    assert!(err.message().contains("first on line 2"), "{err}");
}

#[test]
fn line_numbers_stay_physical_after_blank_lines() {
    let e = "id,roles,certified,themes,place,availability\n\
             \n\
             E1,buddy,yes,pesten,Utrecht,*\n\
             \n\
             E2,buddy,yes,pesten,Utrecht,wed-xx\n";
    let err = one_err(e, REQUESTS);
    assert_eq!(err.line, Some(5), "{err}");
    // CRLF line ends count the same.
    let crlf = e.replace('\n', "\r\n");
    assert_eq!(one_err(&crlf, REQUESTS).line, Some(5));
    // Ragged rows too.
    let e2 = "id,roles,certified,themes,place,availability\n\nE1,buddy\n";
    assert_eq!(one_err(e2, REQUESTS).line, Some(3));
    // Several blank lines, also at the start and with only spaces, in CRLF and LF.
    let e3 = "\r\n\r\nid,roles,certified,themes,place,availability\r\n\r\n  \r\n\r\nE1,buddy,yes,pesten,Utrecht,wed-xx\r\n";
    assert_eq!(one_err(e3, REQUESTS).line, Some(7));
    assert_eq!(one_err(&e3.replace("\r\n", "\n"), REQUESTS).line, Some(7));
}

#[test]
fn line_numbers_of_the_requests_and_history_files() {
    let r = "id,org,role,themes,place,slot\r\n\r\nR1,Org,buddy,pesten,Utrecht,wed-xx\r\n";
    let err = one_err(EXPERTS, r);
    assert_eq!((err.file.as_str(), err.line), ("requests.csv", Some(3)));
    let h = "week,expert,org,role,intensity\r\n2026-W46,E1,Org,buddy,2\r\n\r\n2026-W99,E1,Org,buddy,2\r\n";
    let e = load_with_history(EXPERTS, REQUESTS, h).unwrap_err();
    assert_eq!(e.count(), 1, "{e}");
    assert_eq!(
        (e.errors[0].file.as_str(), e.errors[0].line),
        ("history.csv", Some(4))
    );
}

#[test]
fn line_numbers_after_a_multiline_quoted_cell() {
    let e = "id,name,roles,certified,themes,place,availability\n\
             E1,\"Anna\nvan Dijk\",buddy,yes,pesten,Utrecht,*\n\
             E2,Bo,buddy,yes,pesten,Utrect,*\n";
    let err = one_err(e, REQUESTS);
    assert_eq!(err.line, Some(4), "{err}");
}

#[test]
fn rows_of_only_delimiters_count_as_blank() {
    let e = "id;roles;certified;themes;place;availability\nE1;buddy;ja;pesten;Utrecht;*\n;;;;;\n;;;;;\n";
    let l = ok(e, REQUESTS);
    assert_eq!(l.instance.experts.len(), 1);
    // Also with spaces, quotes, fewer or more delimiters; the rows after keep their index and
    // their physical line.
    let e2 = "id;roles;certified;themes;place;availability\r\n; ;\"\";;;\r\n;;\r\n;;;;;;;;\r\nE1;buddy;ja;pesten;Utrecht;*\r\nE2;buddy;ja;pesten;Utrecht;wo-xx\r\n";
    let err = one_err(e2, REQUESTS);
    assert_eq!(err.line, Some(6), "{err}");
    let l = ok(&e2.replace("wo-xx", "*"), REQUESTS);
    assert_eq!(l.instance.experts.len(), 2);
    assert_eq!(l.instance.experts[1].row, 1);
}

#[test]
fn several_errors_in_one_file_are_reported_together() {
    let e = "id,roles,certified,themes,place,availability,max_travel_km\n\
             E1,buddy,yes,pesten,Utrect,*,10\n\
             E2,piloot,yes,pesten,Utrecht,*,10\n\
             E3,buddy,misschien,pesten,Utrecht,*,ver\n\
             E4,buddy,yes,,Utrecht,wed-xx,10\n\
             E5,buddy,yes,pesten,Utrecht,*,10\n";
    let r = "id,org,role,themes,place,slot\nR1,Org,buddy,pesten,Utrecht,wo-mdidag\nR2,,buddy,pesten,Utrecht,\n";
    let all = errs(e, r);
    let got: Vec<(String, Option<u64>, String)> = all
        .errors
        .iter()
        .map(|e| (e.file.clone(), e.line, e.column.clone().unwrap().1))
        .collect();
    let want: Vec<(String, Option<u64>, String)> = [
        ("experts.csv", 2, "place"),
        ("experts.csv", 3, "roles"),
        ("experts.csv", 4, "certified"),
        ("experts.csv", 4, "max_travel_km"),
        ("experts.csv", 5, "themes"),
        ("experts.csv", 5, "availability"),
        ("requests.csv", 2, "slot"),
        ("requests.csv", 3, "org"),
    ]
    .iter()
    .map(|(f, l, c)| (f.to_string(), Some(*l as u64), c.to_string()))
    .collect();
    assert_eq!(got, want, "{all}");
    assert_eq!(all.not_listed, 0);
    let text = all.to_string();
    assert!(text.starts_with("8 input errors:"), "{text}");
}

#[test]
fn at_most_50_errors_listed_per_file_and_the_rest_counted() {
    let mut e = String::from("id,roles,certified,themes,place,availability,max_travel_km\n");
    for i in 0..70 {
        e.push_str(&format!("E{i},buddy,yes,pesten,Utrecht,*,ver{i}\n"));
    }
    let mut r = String::from("id,org,role,themes,place,slot\n");
    for i in 0..3 {
        r.push_str(&format!("R{i},Org,buddy,pesten,Utrecht,nooit{i}\n"));
    }
    let all = errs(&e, &r);
    assert_eq!(MAX_ERRORS_PER_FILE, 50);
    let in_experts = all
        .errors
        .iter()
        .filter(|x| x.file == "experts.csv")
        .count();
    let in_requests = all
        .errors
        .iter()
        .filter(|x| x.file == "requests.csv")
        .count();
    assert_eq!(in_experts, 50);
    assert_eq!(in_requests, 3, "the other file's errors are still listed");
    assert_eq!(all.not_listed, 20);
    assert_eq!(all.count(), 73);
    // The listed ones are the first 50, in line order.
    let lines: Vec<u64> = all
        .errors
        .iter()
        .filter(|x| x.file == "experts.csv")
        .map(|x| x.line.unwrap())
        .collect();
    assert_eq!(lines, (2..52).collect::<Vec<u64>>());
    let text = all.to_string();
    assert!(text.starts_with("73 input errors:"), "{text}");
    assert!(text.contains("and 20 more"), "{text}");
}

#[test]
fn history_is_read_and_sets_the_batch_week() {
    let h = "week,expert,org,role,intensity\n2026-W46,E1,Gemeente Utrecht,maatje,2\n2026-W47,E2,GGZ Zeist,speaker,\n";
    let l = ingest::load(
        Inputs {
            experts: Source::new("experts.csv", EXPERTS.as_bytes()),
            requests: Source::new("requests.csv", REQUESTS.as_bytes()),
            history: Some(Source::new("history.csv", h.as_bytes())),
        },
        crate::common::places(),
        &Policy::default(),
        WeekChoice {
            given: None,
            fallback: Week::parse("2020-W01").unwrap(),
        },
    )
    .unwrap();
    assert_eq!(l.instance.history.len(), 2);
    assert_eq!(l.instance.week, Week::parse("2026-W48"));
    assert_eq!(l.instance.history[1].intensity, 1);
    // An unknown expert in history is an error naming history.csv.
    let h2 = "week,expert,org,role,intensity\n2026-W46,E9,Org,buddy,2\n";
    let e = ingest::load(
        Inputs {
            experts: Source::new("experts.csv", EXPERTS.as_bytes()),
            requests: Source::new("requests.csv", REQUESTS.as_bytes()),
            history: Some(Source::new("history.csv", h2.as_bytes())),
        },
        crate::common::places(),
        &Policy::default(),
        week(),
    )
    .unwrap_err();
    assert_eq!(e.errors[0].file, "history.csv");
}

// ---- Never panic -------------------------------------------------------------------------------

const VALID_EXPERTS: &str = "\
id;name;roles;certified;themes;avoid_themes;place;lat;lon;max_travel_km;online;availability;max_assignments;load_budget;birth_year;languages;gender;excluded_orgs;active
E1;Anna;maatje|voorlichter;ja;pesten|angst;trauma;Utrecht;;;12,5;ja;wo-middag|do-avond;2;4;2001;nl|en;v;GGZ Zeist;ja
E2;Bram;\"adviseur, trainer\";j;jeugdzorg;;;52,1;5,3;30;nee;*;;;;;m;;
E3;Chris;spreker;0;pesten;;Zeist;;;;1;ma-ochtend;1;1;1999;nl;x;;nee
";

const VALID_REQUESTS: &str = "\
id;org;role;themes;place;lat;lon;online;slot;experts_needed;intensity;priority;language;client_age;gender_pref;preferred_expert;pinned_expert
R1;Gemeente Utrecht;maatje;pesten;Utrecht;;;nee;wo-middag;1;;2;nl;16;v;E1;E1
R2;GGZ Zeist;adviseur;jeugdzorg;;;;ja;;2;1;spoed;;;;;
R3;School;spreker;pesten|trauma;;52,0;5,2;;;1;;1;en;;;E2;
";

#[test]
fn the_proptest_seed_files_are_valid() {
    let l = ok(VALID_EXPERTS, VALID_REQUESTS);
    assert_eq!(l.instance.experts.len(), 3);
    assert_eq!(l.instance.requests.len(), 3);
    assert!(l.warnings.is_empty(), "{:?}", l.warnings);
}

#[derive(Debug, Clone)]
enum Mutation {
    Delete(usize, usize),
    Insert(usize, Vec<u8>),
    Replace(usize, u8),
    Duplicate(usize, usize),
}

fn mutation() -> impl Strategy<Value = Mutation> {
    let interesting = prop::sample::select(vec![
        b';', b',', b'|', b'"', b'\n', b'\r', b'\0', 0xff, 0xc3, 0xef, 0xbb, 0xbf, b' ', b'-',
        b'*', b'9', b'.', b'W', b'E', b'x',
    ]);
    prop_oneof![
        (any::<prop::sample::Index>(), 0usize..20)
            .prop_map(|(i, n)| Mutation::Delete(i.index(1 << 20), n)),
        (
            any::<prop::sample::Index>(),
            prop::collection::vec(any::<u8>(), 1..8)
        )
            .prop_map(|(i, b)| Mutation::Insert(i.index(1 << 20), b)),
        (any::<prop::sample::Index>(), interesting)
            .prop_map(|(i, b)| Mutation::Replace(i.index(1 << 20), b)),
        (any::<prop::sample::Index>(), 1usize..60)
            .prop_map(|(i, n)| Mutation::Duplicate(i.index(1 << 20), n)),
    ]
}

fn apply(text: &str, muts: &[Mutation]) -> Vec<u8> {
    let mut b = text.as_bytes().to_vec();
    for m in muts {
        let len = b.len().max(1);
        match m {
            Mutation::Delete(i, n) => {
                let i = i % len;
                let j = (i + n).min(b.len());
                if i < b.len() {
                    b.drain(i..j);
                }
            }
            Mutation::Insert(i, bytes) => {
                let i = (i % (b.len() + 1)).min(b.len());
                b.splice(i..i, bytes.iter().copied());
            }
            Mutation::Replace(i, byte) => {
                if !b.is_empty() {
                    let i = i % b.len();
                    b[i] = *byte;
                }
            }
            Mutation::Duplicate(i, n) => {
                if !b.is_empty() {
                    let i = i % b.len();
                    let j = (i + n).min(b.len());
                    let piece = b[i..j].to_vec();
                    b.splice(j..j, piece);
                }
            }
        }
    }
    b
}

fn must_not_panic(e: &[u8], r: &[u8]) {
    match load_bytes_with(e, r, &Policy::default()) {
        Ok(l) => {
            // A loaded batch is internally consistent.
            let i = &l.instance;
            for req in &i.requests {
                assert!(req.pinned.iter().all(|&p| p < i.experts.len()));
                assert!(req.preferred_expert.is_none_or(|p| p < i.experts.len()));
                assert!(!req.themes.is_empty());
                assert!(req.online || req.location.is_some());
            }
            for ex in &i.experts {
                assert!(!ex.themes.is_empty());
                assert!(ex.max_travel_km.is_finite());
            }
            // And eligibility does not panic on it either.
            let p = Policy::default();
            let _ = matchpunt::eligibility::candidates_all_pairs(i, &p);
        }
        Err(errs) => {
            assert!(!errs.is_empty());
            assert!(errs.errors.len() <= 3 * MAX_ERRORS_PER_FILE);
            let _ = errs.to_string();
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn random_bytes_never_panic(e in prop::collection::vec(any::<u8>(), 0..400),
                                r in prop::collection::vec(any::<u8>(), 0..400)) {
        must_not_panic(&e, &r);
        must_not_panic(&e, VALID_REQUESTS.as_bytes());
        must_not_panic(VALID_EXPERTS.as_bytes(), &r);
    }

    #[test]
    fn mutated_valid_csv_never_panics(me in prop::collection::vec(mutation(), 0..6),
                                      mr in prop::collection::vec(mutation(), 0..6)) {
        let e = apply(VALID_EXPERTS, &me);
        let r = apply(VALID_REQUESTS, &mr);
        must_not_panic(&e, &r);
        // Also with a comma-delimited and a BOM-prefixed version.
        let e2 = apply(&VALID_EXPERTS.replace(';', ","), &me);
        let mut r2 = b"\xEF\xBB\xBF".to_vec();
        r2.extend(apply(VALID_REQUESTS, &mr));
        must_not_panic(&e2, &r2);
    }

    #[test]
    fn random_csv_like_text_never_panics(e in "[a-zE0-9;,|\"\\n\\r *-]{0,300}",
                                         r in "[a-zR0-9;,|\"\\n\\r *-]{0,300}") {
        let e = format!("id;roles;certified;themes;place;availability\n{e}");
        let r = format!("id,org,role,themes,place,slot,pinned_expert\n{r}");
        must_not_panic(e.as_bytes(), r.as_bytes());
    }
}

#[test]
fn duplicate_header_column_is_an_error() {
    let e = "id,roles,certified,themes,place,availability,Roles\nE1,buddy,yes,pesten,Utrecht,*,speaker\n";
    let err = one_err(e, REQUESTS);
    assert_eq!(err.line, Some(1));
    assert!(err.message().contains("appears twice"), "{err}");
}

#[test]
fn reference_to_an_expert_with_a_bad_row_is_not_a_second_error() {
    let e = "id,roles,certified,themes,place,availability,max_travel_km\n\
             E001,buddy,yes,pesten,Utrecht,*,twaalf\n\
             E002,buddy,yes,pesten,Utrecht,*,12\n";
    let r = "id,org,role,themes,place,pinned_expert\nR1,Org,buddy,pesten,Utrecht,E001\n";
    let all = errs(e, r);
    assert_eq!(all.count(), 1, "only the bad number is wrong:\n{all}");
    // Preferred expert and history too; a really unknown id is still an error.
    let r2 = "id,org,role,themes,place,preferred_expert,pinned_expert\nR1,Org,buddy,pesten,Utrecht,E001,E001|E003\n";
    let h = "week,expert,org,role,intensity\n2026-W46,E001,Org,buddy,2\n";
    let all = load_with_history(e, r2, h).unwrap_err();
    assert_eq!(all.count(), 2, "{all}");
    assert_eq!(all.errors[1].value.as_deref(), Some("E003"), "{all}");
    // With the experts file unusable, references are not checked at all.
    let bad = "id,certified,themes,place,availability\nE001,yes,pesten,Utrecht,*\n";
    let all = errs(bad, r);
    assert_eq!(all.count(), 1, "{all}");
    assert!(all.errors[0].message().contains("'roles'"), "{all}");
}

#[test]
fn errors_are_listed_file_by_file_in_line_order() {
    // Columns in another order than they are parsed in: roles is read before availability.
    let e = "id,availability,roles,certified,themes,place,max_travel_km\n\
             E1,wed-xx,piloot,yes,pesten,Utrecht,10\n\
             E2,*,buddy,yes,pesten,Utrecht,ver\n";
    let r = "id,org,role,themes,place,slot,pinned_expert\n\
             R1,Gemeente Utrecht,buddy,pesten,Utrecht,wed-pm,E9\n\
             R2,GGZ Zeist,buddy,pesten,Utrecht,wed-xx,\n";
    let h = "week,expert,org,role,intensity\n2026-W46,E1,Org,buddy,lots\n";
    // The file order is experts, requests, history, whatever the names.
    let all = ingest::load(
        Inputs {
            experts: Source::new("z-experts.csv", e.as_bytes()),
            requests: Source::new("y-requests.csv", r.as_bytes()),
            history: Some(Source::new("a-history.csv", h.as_bytes())),
        },
        crate::common::places(),
        &Policy::default(),
        week(),
    )
    .unwrap_err();
    let got: Vec<(String, Option<u64>, usize)> = all
        .errors
        .iter()
        .map(|e| (e.file.clone(), e.line, e.column.as_ref().map_or(0, |c| c.0)))
        .collect();
    let want: Vec<(String, Option<u64>, usize)> = [
        ("z-experts.csv", 2, 2),
        ("z-experts.csv", 2, 3),
        ("z-experts.csv", 3, 7),
        ("y-requests.csv", 2, 7),
        ("y-requests.csv", 3, 6),
        ("a-history.csv", 2, 5),
    ]
    .iter()
    .map(|(f, l, c)| (f.to_string(), Some(*l as u64), *c))
    .collect();
    assert_eq!(got, want, "{all}");
}

#[test]
fn the_cap_keeps_the_first_errors_in_line_and_column_order() {
    // Each row has two errors, found in the reverse of column order.
    let mut e = String::from("id,availability,roles,certified,themes,place\n");
    for i in 0..30 {
        e.push_str(&format!("E{i},nooit,piloot,yes,pesten,Utrecht\n"));
    }
    let all = errs(&e, REQUESTS);
    assert_eq!(all.errors.len(), 50);
    assert_eq!(all.not_listed, 10);
    let got: Vec<(u64, usize)> = all
        .errors
        .iter()
        .map(|x| (x.line.unwrap(), x.column.as_ref().unwrap().0))
        .collect();
    let want: Vec<(u64, usize)> = (2..27).flat_map(|l| [(l, 2), (l, 3)]).collect();
    assert_eq!(got, want);
}

#[test]
fn excluded_org_near_miss_of_an_org_whose_request_row_has_an_error() {
    let e = "id,roles,certified,themes,place,availability,excluded_orgs\n\
             E1,buddy,yes,pesten,Utrecht,*,Gemeente Utrech\n";
    let r = "id,org,role,themes,place,slot\nR1,Gemeente Utrecht,buddy,pesten,Utrecht,wed-xx\n";
    let all = errs(e, r);
    assert_eq!(all.count(), 1, "{all}");
    assert_eq!(all.errors[0].column.as_ref().unwrap().1, "slot");
    // The near miss is not said with the errors: a failed read is shown by the match point's
    // commands too, which never say a safe-side reading (check lists it once the batch reads).
    assert!(all.warnings.is_empty(), "{all}");
    let fixed = "id,org,role,themes,place,slot\nR1,Gemeente Utrecht,buddy,pesten,Utrecht,wed-pm\n";
    let l = ok(e, fixed);
    assert_eq!(l.safe_side_orgs.len(), 1);
    assert_eq!(l.safe_side_orgs[0].org, "Gemeente Utrecht");
}

#[test]
fn warnings_are_kept_when_the_load_fails() {
    let e = "id,roles,certified,themes,place,availability,favourite_colour\nE1,buddy,yes,pesten,Utrecht,wed-xx,blue\n";
    let all = errs(e, REQUESTS);
    assert_eq!(all.count(), 1, "{all}");
    assert_eq!(all.warnings.len(), 1, "{all}");
    assert!(all.warnings[0].contains("favourite_colour"), "{all}");
    let text = all.to_string();
    let err_at = text.find("experts.csv:2:6").expect(&text);
    let warn_at = text
        .find("warning: experts.csv: ignoring unknown column 'favourite_colour'")
        .expect(&text);
    assert!(
        err_at < warn_at,
        "the warnings come after the errors:\n{text}"
    );
    assert!(text.starts_with("1 input error:"), "{text}");
}

#[test]
fn on_site_request_in_a_file_without_place_or_lat_columns() {
    let r = "id,org,role,themes,online\nR1,Org,buddy,pesten,ja\nR2,Org,buddy,pesten,nee\n";
    let err = one_err(EXPERTS, r);
    assert_eq!(err.file, "requests.csv");
    assert_eq!(err.line, Some(3));
    assert_eq!(err.column, None, "a whole-row error, not column 0: {err}");
    assert!(err.message().contains("'place'"), "{err}");
    let text = err.to_string();
    assert!(text.starts_with("requests.csv:3: "), "{text}");
    assert!(!text.contains(":0"), "{text}");
    // Only lon: the missing lat is named, still without a column number.
    let r2 = "id,org,role,themes,lon\nR1,Org,buddy,pesten,5.1\n";
    let err = one_err(EXPERTS, r2);
    assert_eq!(err.column, None, "{err}");
    assert!(err.message().contains("'lat'"), "{err}");
    // All online: fine.
    let l = ok(
        EXPERTS,
        "id,org,role,themes,online\nR1,Org,buddy,pesten,ja\n",
    );
    assert_eq!(l.instance.requests.len(), 1);
}

// ---- Spreadsheet exports: encodings, dialects, headers, cells as typed --------------------------

fn utf16(text: &str, little_endian: bool) -> Vec<u8> {
    let mut b = if little_endian {
        vec![0xFF, 0xFE]
    } else {
        vec![0xFE, 0xFF]
    };
    for u in text.encode_utf16() {
        b.extend(if little_endian {
            u.to_le_bytes()
        } else {
            u.to_be_bytes()
        });
    }
    b
}

#[test]
fn utf16_and_windows_1252_are_decoded_with_one_note() {
    let e = "id\tname\troles\tcertified\tthemes\tplace\tavailability\r\nE1\tZoë\tmaatje\tja\tpesten\tUtrecht\t*\r\n";
    for (bytes, note) in [
        (utf16(e, true), "UTF-16 LE"),
        (utf16(e, false), "UTF-16 BE"),
        (
            encoding_rs::WINDOWS_1252.encode(e).0.into_owned(),
            "Windows-1252",
        ),
    ] {
        let l = load_bytes_with(&bytes, REQUESTS.as_bytes(), &Policy::default()).unwrap();
        assert_eq!(l.instance.experts[0].name, "Zoë", "{note}");
        assert_eq!(l.warnings.len(), 1, "{:?}", l.warnings);
        assert!(
            l.warnings[0].starts_with("experts.csv: read as "),
            "{:?}",
            l.warnings
        );
        assert!(l.warnings[0].contains(note), "{:?}", l.warnings);
    }
    // A bad cell keeps its line in every encoding, also with CR-only line ends.
    let bad = "id;roles;certified;themes;place;availability\rE1;maatje;ja;pesten;Utrecht;*\rE2;maatje;ja;pesten;Utrecht;wo-xx\r";
    for bytes in [
        bad.as_bytes().to_vec(),
        utf16(bad, true),
        utf16(bad, false),
        encoding_rs::WINDOWS_1252.encode(bad).0.into_owned(),
    ] {
        let err = load_bytes_with(&bytes, REQUESTS.as_bytes(), &Policy::default()).unwrap_err();
        assert_eq!(err.count(), 1, "{err}");
        assert_eq!(err.errors[0].line, Some(3), "{err}");
    }
}

#[test]
fn text_that_is_not_text_or_mixes_encodings_is_an_error_on_its_line() {
    // UTF-8 characters and a Windows-1252 byte in one file: reading either way would garble a
    // name, so neither is guessed.
    let mixed = b"id,roles,certified,themes,place,availability\nE1,buddy,yes,su\xc3\xafcidaliteit,Utrecht,*\nE2,buddy,yes,pesten,Den Bosch \xe9,*\n";
    let e = load_bytes_with(mixed, REQUESTS.as_bytes(), &Policy::default()).unwrap_err();
    assert_eq!(e.count(), 1, "{e}");
    assert_eq!(e.errors[0].line, Some(3), "{e}");
    assert!(e.errors[0].message().contains("mixes UTF-8"), "{e}");
    // Control bytes: binary, on their line.
    let bin = b"id,roles\nE1,\x02\x9d\xff\n";
    let e = load_bytes_with(bin, REQUESTS.as_bytes(), &Policy::default()).unwrap_err();
    assert_eq!(e.errors[0].line, Some(2), "{e}");
    assert!(e.errors[0].message().contains("is not text"), "{e}");
    // A UTF-8 BOM on bytes that are not UTF-8.
    let e = load_bytes_with(
        b"\xEF\xBB\xBFid\nE1\xe9\n",
        REQUESTS.as_bytes(),
        &Policy::default(),
    )
    .unwrap_err();
    assert_eq!(e.errors[0].line, Some(2), "{e}");
}

#[test]
fn sep_line_blank_and_title_lines_before_the_header() {
    // Excel's sep= line sets the delimiter, even one the header alone would not suggest.
    let e = "sep=;\r\nid;roles;certified;themes;place;availability;name\r\nE1;maatje;ja;pesten;Utrecht;*;Jansen, Piet\r\nE2;maatje;ja;pesten;Utrecht;wo-xx;X\r\n";
    let all = errs(e, REQUESTS);
    assert_eq!(all.count(), 1, "{all}");
    assert_eq!(all.errors[0].line, Some(4), "{all}");
    let l = ok(&e.replace("wo-xx", "*"), REQUESTS);
    assert_eq!(l.instance.experts[0].name, "Jansen, Piet");
    assert_eq!(l.warnings.len(), 1, "{:?}", l.warnings);
    assert!(l.warnings[0].contains("'sep=' line 1"), "{:?}", l.warnings);
    // A title line and blank lines before the header are skipped, and said so once.
    let e = "Ervaringsdeskundigen november\n\n;;;;\nid,roles,certified,themes,place,availability\nE1,maatje,ja,pesten,Utrecht,wo-xx\n";
    let all = errs(e, REQUESTS);
    assert_eq!(all.errors[0].line, Some(5), "{all}");
    assert_eq!(all.warnings.len(), 1, "{all}");
    assert!(
        all.warnings[0].contains("the header is on line 4; skipped blank lines 2, 3 and line 1 (naming no column: a title?)"),
        "{all}"
    );
    // The delimiter comes from the header, never from a blank line of delimiters before it.
    let e =
        ",,,,\nid;roles;certified;themes;place;availability\nE1;maatje;ja;pesten|angst;Utrecht;*\n";
    let l = ok(e, REQUESTS);
    assert_eq!(l.instance.experts[0].themes.len(), 2);
    // Only blank lines: empty.
    let err = one_err("\r\n;;;\r\n  \r\n", REQUESTS);
    assert!(err.message().contains("is empty"), "{err}");
}

#[test]
fn tab_separated_files_are_read() {
    let e = "id\troles\tcertified\tthemes\tplace\tavailability\nE1\tmaatje\tja\tpesten, angst\tUtrecht\t*\n";
    let l = ok(e, REQUESTS);
    assert_eq!(l.instance.experts[0].themes.len(), 2);
    assert!(l.warnings[0].contains("tab-separated"), "{:?}", l.warnings);
    let err = one_err(&format!("{e}E2\tmaatje\n"), REQUESTS);
    assert!(err.message().contains("a missing or extra tab?"), "{err}");
}

#[test]
fn dutch_header_names_in_every_file() {
    let e = "ID;Naam;Rollen;Gecertificeerd;Thema's;Te vermijden thema's;Woonplaats;Max reisafstand (km);Beschikbaarheid;Max opdrachten;Belastbaarheid;Geboortejaar;Talen;Geslacht;Uitgesloten organisaties;Actief\n\
             E1;Anna;maatje;ja;pesten;trauma;Utrecht;12,5;wo-middag;1;3;2001;nl;v;GGZ Zeist;nee\n";
    let r = "id;Organisatie;Rol;Thema's;Plaats;Dagdeel;Aantal;Intensiteit;Prioriteit;Taal;Leeftijd cliënt;Voorkeur geslacht;Voorkeursdeskundige;Vaste deskundige\n\
             R1;GGZ Zeist;maatje;pesten;Utrecht;wo-middag;2;3;spoed;nl;16;v;E1;\n";
    let h = "Week;Deskundige;Organisatie;Rol;Intensiteit\n2026-W46;E1;GGZ Zeist;maatje;2\n";
    let l = load_with_history(e, r, h).unwrap();
    assert!(l.warnings.is_empty(), "{:?}", l.warnings);
    let x = &l.instance.experts[0];
    assert_eq!(
        (
            x.name.as_str(),
            x.max_travel_km,
            x.max_assignments,
            x.load_budget,
            x.birth_year,
            x.active
        ),
        ("Anna", 12.5, 1, 3, Some(2001), false)
    );
    assert_eq!((x.avoid_themes.len(), x.excluded_orgs.len()), (1, 1));
    let q = &l.instance.requests[0];
    assert_eq!(
        (q.experts_needed, q.intensity, q.priority, q.client_age),
        (2, 3, 3, Some(16))
    );
    assert_eq!(q.preferred_expert, Some(0));
    assert_eq!(l.instance.history.len(), 1);
}

#[test]
fn a_header_close_to_a_known_column_is_an_error_naming_it() {
    let base = "id,roles,certified,themes,place,availability";
    for (header, hint) in [
        ("exluded_orgs", "did you mean 'excluded_orgs'?"),
        ("avoided_themes", "did you mean 'avoid_themes'?"),
        ("Max_assignment", "did you mean 'max_assignments'?"),
        ("load-budgt", "did you mean 'load_budget'?"),
        ("activ", "did you mean 'active'?"),
        (
            "Excluded orgs (former care)",
            "did you mean 'excluded_orgs'?",
        ),
        ("inactive", "did you mean 'active'?"),
        (
            "uitgeslote orgs",
            "did you mean 'uitgesloten_orgs' (= excluded_orgs)?",
        ),
        (
            "te vermijden themas's",
            "did you mean 'te_vermijden_thema's' (= avoid_themes)?",
        ),
    ] {
        let e = format!("{base},{header}\nE1,buddy,yes,pesten,Utrecht,*,GGZ Zeist\n");
        let err = one_err(&e, REQUESTS);
        let want = format!("experts.csv:1: column 7 '{header}': {hint}");
        assert!(err.to_string().starts_with(&want), "{err}\nwant {want}");
    }
    // A misspelt required column: one error, the hint the right way round.
    let e = "id,roles,certified,themes,place,availabilty\nE1,buddy,yes,pesten,Utrecht,*\n";
    let err = one_err(e, REQUESTS);
    assert!(
        err.to_string()
            .starts_with("experts.csv:1: column 6 'availabilty': did you mean 'availability'?"),
        "{err}"
    );
    // In requests and history too; after a title line the header line is named.
    let r = "Aanvragen\nid,org,role,themes,place,gender_prf\nR1,Org,buddy,pesten,Utrecht,v\n";
    let err = one_err(EXPERTS, r);
    assert!(
        err.to_string()
            .starts_with("requests.csv:2: column 6 'gender_prf': did you mean 'gender_pref'?"),
        "{err}"
    );
    // Names that resemble no column are still only a warning.
    let l = ok(
        &format!("{base},Opmerking,telefoon,coach\nE1,buddy,yes,pesten,Utrecht,*,a,b,c\n"),
        REQUESTS,
    );
    assert_eq!(l.warnings.len(), 1, "{:?}", l.warnings);
}

#[test]
fn ids_of_rows_rejected_for_their_width_are_not_unknown_elsewhere() {
    let e = "id,roles,certified,themes,place,availability\nE1,buddy,yes,pesten,Utrecht\nE2,buddy,yes,pesten,Utrecht,*\n";
    let r = "id,org,role,themes,place,preferred_expert,pinned_expert\nR1,Org,buddy,pesten,Utrecht,E1,E1\n";
    let h = "week,expert,org,role,intensity\n2026-W46,E1,Org,buddy,2\n";
    let all = load_with_history(e, r, h).unwrap_err();
    assert_eq!(all.count(), 1, "{all}");
    assert_eq!(all.errors[0].line, Some(2));
    // Trailing empty header cells are no columns: rows without them are whole.
    let e = "id;roles;certified;themes;place;availability;;\nE1;buddy;ja;pesten;Utrecht;*\nE2;buddy;ja;pesten;Utrecht;*;;\n";
    assert_eq!(ok(e, REQUESTS).instance.experts.len(), 2);
}

#[test]
fn numbers_as_spreadsheets_write_them() {
    let e = "id;roles;certified;themes;place;availability;max_assignments;load_budget;max_travel_km;birth_year\n\
             E1;maatje/spreker;ja;pesten;Utrecht;*;2,0;4,00;20 km;1996,0\n\
             E2;maatje + trainer;✓;pesten;Utrecht;woensdagmiddag|do avond;1;3;15KM;12-3-2001\n";
    let r = "id;org;role;themes;place;slot;experts_needed;intensity;client_age\nR1;Org;maatje;pesten;Utrecht;woensdag middag;1,0;2,0;16,0\n";
    let l = ok(e, r);
    let x = &l.instance.experts;
    assert_eq!((x[0].max_assignments, x[0].load_budget), (2, 4));
    assert_eq!((x[0].max_travel_km, x[1].max_travel_km), (20.0, 15.0));
    assert!(x[0].roles.contains(Role::Buddy) && x[0].roles.contains(Role::Speaker));
    assert!(x[1].roles.contains(Role::Trainer) && x[1].certified);
    assert_eq!((x[0].birth_year, x[1].birth_year), (Some(1996), Some(2001)));
    assert_eq!(x[1].availability.len(), 2);
    let q = &l.instance.requests[0];
    assert_eq!(
        (q.slot, q.experts_needed, q.intensity, q.client_age),
        (Slot::parse("wed-pm"), 1, 2, Some(16))
    );
    // Only the date warns, naming its cell and not repeating the date.
    assert_eq!(l.warnings.len(), 1, "{:?}", l.warnings);
    assert!(
        l.warnings[0].starts_with("experts.csv:3:10 (J3): column 'birth_year': a date"),
        "{:?}",
        l.warnings
    );
    // What stays wrong: a fraction, an ambiguous thousands separator, an 'x' in a boolean, a
    // year out of range.
    for (col, v, msg) in [
        ("max_assignments", "2,5", "expected a whole number"),
        ("load_budget", "1.000", "ambiguous"),
        ("active", "x", "ambiguous (ticked or crossed out?)"),
        ("birth_year", "1850", "expected a year from 1900 to 2100"),
        ("birth_year", "99999", "expected a year"),
        ("max_travel_km", "20 mijl", "expected a number of km"),
    ] {
        let e = format!("id,roles,certified,themes,place,availability,{col}\nE1,buddy,yes,pesten,Utrecht,*,\"{v}\"\n");
        let err = one_err(&e, REQUESTS);
        assert_eq!(err.value.as_deref(), Some(v), "{err}");
        assert!(err.message().contains(msg), "{col}={v}: {err}");
    }
    let err = one_err(
        "id,roles,certified,themes,place,availability\nE1,buddy,X,pesten,Utrecht,*\n",
        REQUESTS,
    );
    assert!(err.message().contains("ambiguous"), "{err}");
}

/// Physical lines of a text: line ends are LF, CRLF or CR; at least 1.
fn physical_lines(t: &str) -> u64 {
    let b = t.as_bytes();
    let mut n = 0;
    for (i, &c) in b.iter().enumerate() {
        if c == b'\n' || (c == b'\r' && b.get(i + 1) != Some(&b'\n')) {
            n += 1;
        }
    }
    let ends_with_line_end = b.last().is_some_and(|&c| c == b'\n' || c == b'\r');
    if !ends_with_line_end && !b.is_empty() {
        n += 1;
    }
    n.max(1)
}

/// Every error of `file` names a line from 1 to `lines`, or is about a file that is empty.
fn errors_within(errs: &InputErrors, file: &str, lines: u64) {
    for e in errs.errors.iter().filter(|e| e.file == file) {
        match e.line {
            Some(l) => assert!((1..=lines).contains(&l), "line {l} of {lines}: {e}"),
            None => assert!(e.message().starts_with("is empty"), "no line: {e}"),
        }
    }
}

fn header_line() -> impl Strategy<Value = String> {
    prop_oneof![
        Just("id;name;roles;certified;themes;avoid_themes;place;availability;max_assignments;birth_year;active".to_string()),
        Just("id,roles,certified,themes,place,availability,exluded_orgs".to_string()),
        Just("id\trollen\tgecertificeerd\tthema's\twoonplaats\tbeschikbaarheid".to_string()),
        Just("sep=;".to_string()),
        Just("Titel".to_string()),
        "[a-z_;,\t ]{0,40}",
    ]
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, failure_persistence: None, ..ProptestConfig::default() })]

    /// Text in any encoding and line-end convention, with sep=, blank and title lines: never a
    /// panic, and every error names a line of the file.
    #[test]
    fn errors_name_a_line_of_the_file(
        first in header_line(),
        header in header_line(),
        rows in prop::collection::vec("[A-Za-z0-9éëï½;,\t|\" *./-]{0,40}", 0..8),
        ends in prop::collection::vec(prop::sample::select(vec!["\n", "\r\n", "\r"]), 12),
        last_end in any::<bool>(),
        encoding in 0u8..5,
    ) {
        let mut text = String::new();
        for (i, line) in [first, header].into_iter().chain(rows).enumerate() {
            if i > 0 {
                text.push_str(ends[i % ends.len()]);
            }
            text.push_str(&line);
        }
        if last_end {
            text.push_str(ends[0]);
        }
        let bytes = match encoding {
            0 => text.as_bytes().to_vec(),
            1 => [b"\xEF\xBB\xBF".as_slice(), text.as_bytes()].concat(),
            2 => utf16(&text, true),
            3 => utf16(&text, false),
            _ => encoding_rs::WINDOWS_1252.encode(&text).0.into_owned(),
        };
        let lines = physical_lines(&text);
        if let Err(errs) = load_bytes_with(&bytes, VALID_REQUESTS.as_bytes(), &Policy::default()) {
            errors_within(&errs, "experts.csv", lines);
            errors_within(&errs, "requests.csv", physical_lines(VALID_REQUESTS));
        }
    }

    /// Any bytes, also after a byte-order mark: never a panic, and an error's line is never past
    /// the file's line ends.
    #[test]
    fn any_bytes_give_errors_within_the_file(
        bom in prop::sample::select(vec![&b""[..], b"\xEF\xBB\xBF", b"\xFF\xFE", b"\xFE\xFF"]),
        body in prop::collection::vec(any::<u8>(), 0..300),
    ) {
        let bytes = [bom, &body].concat();
        // Every line end of any decoding has a 0x0A or 0x0D byte.
        let bound = 1 + bytes.iter().filter(|&&b| b == b'\n' || b == b'\r').count() as u64;
        must_not_panic(&bytes, VALID_REQUESTS.as_bytes());
        if let Err(errs) = load_bytes_with(&bytes, VALID_REQUESTS.as_bytes(), &Policy::default()) {
            errors_within(&errs, "experts.csv", bound);
        }
    }
}
