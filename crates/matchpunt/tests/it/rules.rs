//! Hard rules 1-8 of the data contract, one pair at a time, through `eligibility::check`.
//!
//! Every instance is written as small CSV text and read with `ingest::load`, so these tests also
//! exercise ingest (aliases, defaults, lat/lon). For every tiny instance the candidate index is
//! also held to the all-pairs reference.

use crate::common::instance_of;
use matchpunt::eligibility::{self, check, Reason};
use matchpunt::ingest::{self, Inputs, Source, WeekChoice};
use matchpunt::model::{Instance, LatLon, Week};
use matchpunt::policy::Policy;

/// Loads experts and requests CSV text into an Instance (panics with the errors on bad input),
/// in the batch week 2026-W48 (ISO year 2026, so an expert born in 2000 is 26).
fn load_with(experts: &str, requests: &str, policy: &Policy) -> Instance {
    instance_of(experts, requests, None, policy)
}

/// The helper the brief asks for: experts and requests CSV text in, Instance out.
fn load(experts: &str, requests: &str) -> Instance {
    load_with(experts, requests, &Policy::default())
}

const EXPERT_COLS: &[&str] = &[
    "id",
    "roles",
    "certified",
    "themes",
    "avoid_themes",
    "place",
    "lat",
    "lon",
    "max_travel_km",
    "online",
    "availability",
    "birth_year",
    "languages",
    "gender",
    "excluded_orgs",
    "active",
];

/// A certified, active all-round expert in Utrecht who is eligible for [`REQUEST_BASE`].
const EXPERT_BASE: &[(&str, &str)] = &[
    ("id", "E1"),
    ("roles", "buddy|adviser|trainer|speaker"),
    ("certified", "yes"),
    ("themes", "pesten"),
    ("avoid_themes", ""),
    ("place", "Utrecht"),
    ("lat", ""),
    ("lon", ""),
    ("max_travel_km", "25"),
    ("online", "yes"),
    ("availability", "*"),
    ("birth_year", ""),
    ("languages", "nl"),
    ("gender", "f"),
    ("excluded_orgs", ""),
    ("active", "yes"),
];

const REQUEST_COLS: &[&str] = &[
    "id",
    "org",
    "role",
    "themes",
    "place",
    "lat",
    "lon",
    "online",
    "slot",
    "language",
    "client_age",
    "gender_pref",
];

/// An on-site buddy request in Utrecht, flexible slot.
const REQUEST_BASE: &[(&str, &str)] = &[
    ("id", "R1"),
    ("org", "Gemeente Utrecht"),
    ("role", "buddy"),
    ("themes", "pesten"),
    ("place", "Utrecht"),
    ("lat", ""),
    ("lon", ""),
    ("online", "no"),
    ("slot", ""),
    ("language", "nl"),
    ("client_age", ""),
    ("gender_pref", ""),
];

fn quote(v: &str) -> String {
    if v.contains([',', '"', '\n']) {
        format!("\"{}\"", v.replace('"', "\"\""))
    } else {
        v.to_string()
    }
}

/// One CSV line: the base row with `over` applied (by column name).
fn row(cols: &[&str], base: &[(&str, &str)], over: &[(&str, &str)]) -> String {
    for (k, _) in over {
        assert!(cols.contains(k), "unknown column {k} in a test");
    }
    cols.iter()
        .map(|c| {
            let v = over
                .iter()
                .rev()
                .find(|(k, _)| k == c)
                .or_else(|| base.iter().find(|(k, _)| k == c))
                .map_or("", |(_, v)| v);
            quote(v)
        })
        .collect::<Vec<_>>()
        .join(",")
}

fn csv(cols: &[&str], base: &[(&str, &str)], rows: &[&[(&str, &str)]]) -> String {
    let mut s = cols.join(",");
    s.push('\n');
    for r in rows {
        s.push_str(&row(cols, base, r));
        s.push('\n');
    }
    s
}

fn experts_csv(rows: &[&[(&str, &str)]]) -> String {
    csv(EXPERT_COLS, EXPERT_BASE, rows)
}

fn requests_csv(rows: &[&[(&str, &str)]]) -> String {
    csv(REQUEST_COLS, REQUEST_BASE, rows)
}

/// The reasons the single expert (base + `e`) is refused for the single request (base + `r`).
fn reasons_with(policy: &Policy, e: &[(&str, &str)], r: &[(&str, &str)]) -> Vec<Reason> {
    let inst = load_with(&experts_csv(&[e]), &requests_csv(&[r]), policy);
    let got: Vec<Reason> = check(&inst, policy, &inst.requests[0], &inst.experts[0])
        .iter()
        .collect();
    // The index must agree with the rule on every tiny instance too.
    assert_eq!(
        eligibility::candidates(&inst, policy),
        eligibility::candidates_all_pairs(&inst, policy),
        "candidate index disagrees with check for expert {e:?} request {r:?}"
    );
    got
}

fn reasons(e: &[(&str, &str)], r: &[(&str, &str)]) -> Vec<Reason> {
    reasons_with(&Policy::default(), e, r)
}

fn allowed(e: &[(&str, &str)], r: &[(&str, &str)]) {
    assert_eq!(
        reasons(e, r),
        vec![],
        "expected allowed: expert {e:?}, request {r:?}"
    );
}

fn refused(e: &[(&str, &str)], r: &[(&str, &str)], why: Reason) {
    assert_eq!(
        reasons(e, r),
        vec![why],
        "expected exactly {why:?}: expert {e:?}, request {r:?}"
    );
}

fn policy(toml: &str) -> Policy {
    Policy::from_toml(toml, "test-policy.toml").unwrap()
}

#[test]
fn base_pair_is_allowed() {
    allowed(&[], &[]);
}

// ---- Rule 1: active and certified -------------------------------------------------------------

#[test]
fn rule1_inactive_expert_is_refused() {
    refused(&[("active", "no")], &[], Reason::Inactive);
    refused(&[("active", "nee")], &[], Reason::Inactive);
    allowed(&[("active", "ja")], &[]);
    // An empty cell takes the default: active.
    allowed(&[("active", "")], &[]);
}

#[test]
fn rule1_uncertified_refused_by_default_policy() {
    for role in ["buddy", "adviser", "trainer", "speaker"] {
        refused(
            &[("certified", "no")],
            &[("role", role)],
            Reason::NotCertified,
        );
    }
}

#[test]
fn rule1_policy_opens_named_roles_to_uncertified_experts() {
    let p = policy("[rules]\nuncertified_roles = [\"speaker\"]\n");
    let uncert = [("certified", "nee")];
    assert_eq!(reasons_with(&p, &uncert, &[("role", "speaker")]), vec![]);
    // Dutch alias in the request, same role.
    assert_eq!(
        reasons_with(&p, &uncert, &[("role", "voorlichter")]),
        vec![]
    );
    assert_eq!(
        reasons_with(&p, &uncert, &[("role", "buddy")]),
        vec![Reason::NotCertified]
    );
    assert_eq!(
        reasons_with(&p, &uncert, &[("role", "adviser")]),
        vec![Reason::NotCertified]
    );
    // A certified expert is unaffected by the policy.
    assert_eq!(reasons_with(&p, &[], &[("role", "buddy")]), vec![]);
    // The policy may name the role by its Dutch alias too.
    let p_nl = policy("[rules]\nuncertified_roles = [\"spreker\"]\n");
    assert_eq!(reasons_with(&p_nl, &uncert, &[("role", "speaker")]), vec![]);
    assert_eq!(
        reasons_with(&p_nl, &uncert, &[("role", "buddy")]),
        vec![Reason::NotCertified]
    );
}

#[test]
fn rule1_inactive_and_uncertified_both_reported() {
    assert_eq!(
        reasons(&[("active", "no"), ("certified", "no")], &[]),
        vec![Reason::Inactive, Reason::NotCertified]
    );
    // An open role does not make an inactive expert available.
    let p = policy("[rules]\nuncertified_roles = [\"buddy\"]\n");
    assert_eq!(
        reasons_with(&p, &[("active", "no"), ("certified", "no")], &[]),
        vec![Reason::Inactive]
    );
}

// ---- Rule 2: role ------------------------------------------------------------------------------

#[test]
fn rule2_role_must_be_among_experts_roles() {
    refused(
        &[("roles", "speaker|trainer")],
        &[("role", "buddy")],
        Reason::Role,
    );
    allowed(&[("roles", "speaker|buddy")], &[("role", "buddy")]);
    refused(&[("roles", "buddy")], &[("role", "adviser")], Reason::Role);
}

#[test]
fn rule2_role_aliases_on_both_sides() {
    allowed(&[("roles", "maatje")], &[("role", "buddy")]);
    allowed(&[("roles", "ervaringsmaatje")], &[("role", "Maatje")]);
    allowed(&[("roles", "adviseur")], &[("role", "meedenker")]);
    allowed(&[("roles", "Spreker")], &[("role", "voorlichter")]);
    refused(
        &[("roles", "voorlichter")],
        &[("role", "maatje")],
        Reason::Role,
    );
}

// ---- Rule 3: themes ----------------------------------------------------------------------------

#[test]
fn rule3_no_shared_theme_is_refused() {
    refused(
        &[("themes", "armoede|lvb")],
        &[("themes", "pesten")],
        Reason::NoSharedTheme,
    );
    refused(
        &[("themes", "armoede")],
        &[("themes", "pesten|trauma")],
        Reason::NoSharedTheme,
    );
}

#[test]
fn rule3_one_of_two_request_themes_shared_is_enough() {
    allowed(&[("themes", "pesten")], &[("themes", "pesten|trauma")]);
    allowed(
        &[("themes", "armoede|trauma")],
        &[("themes", "pesten|trauma")],
    );
}

#[test]
fn rule3_themes_compare_case_insensitively_with_spaces_collapsed() {
    allowed(
        &[("themes", "Gesloten   Jeugdzorg")],
        &[("themes", " gesloten jeugdzorg ")],
    );
    allowed(&[("themes", "PESTEN")], &[("themes", "pesten")]);
}

#[test]
fn rule3_avoided_theme_refused_even_when_another_theme_is_shared() {
    // Request about pesten and trauma; the expert knows pesten but avoids trauma now.
    refused(
        &[("themes", "pesten"), ("avoid_themes", "trauma")],
        &[("themes", "pesten|trauma")],
        Reason::AvoidedTheme,
    );
    // Also when the expert has the avoided theme among their themes.
    refused(
        &[("themes", "pesten|trauma"), ("avoid_themes", "Trauma")],
        &[("themes", "trauma|pesten")],
        Reason::AvoidedTheme,
    );
    // Avoiding a theme the request is not about is fine.
    allowed(
        &[("themes", "pesten"), ("avoid_themes", "trauma|verslaving")],
        &[("themes", "pesten")],
    );
    // Nothing shared and the only theme avoided: both reasons.
    assert_eq!(
        reasons(
            &[("themes", "pesten"), ("avoid_themes", "trauma")],
            &[("themes", "trauma")]
        ),
        vec![Reason::NoSharedTheme, Reason::AvoidedTheme]
    );
}

// ---- Rule 4: excluded organisations ------------------------------------------------------------

#[test]
fn rule4_excluded_org_is_refused() {
    refused(
        &[("excluded_orgs", "Gemeente Utrecht")],
        &[("org", "Gemeente Utrecht")],
        Reason::ExcludedOrg,
    );
    // Compared like names: case-insensitive, spaces collapsed.
    refused(
        &[("excluded_orgs", "gemeente   utrecht")],
        &[("org", "Gemeente Utrecht")],
        Reason::ExcludedOrg,
    );
    // One of several.
    refused(
        &[("excluded_orgs", "Jeugdbescherming Zwolle|Gemeente Utrecht")],
        &[("org", "Gemeente Utrecht")],
        Reason::ExcludedOrg,
    );
    // Another organisation (not a near-miss spelling) is fine.
    allowed(
        &[("excluded_orgs", "Jeugdbescherming Zwolle")],
        &[("org", "Gemeente Utrecht")],
    );
}

// ---- Rule 5: online and distance ---------------------------------------------------------------

#[test]
fn rule5_online_request_needs_online_expert() {
    refused(&[("online", "no")], &[("online", "yes")], Reason::NotOnline);
    refused(
        &[("online", "nee")],
        &[("online", "ja"), ("place", "")],
        Reason::NotOnline,
    );
    allowed(&[("online", "yes")], &[("online", "yes"), ("place", "")]);
    // The default for experts is online = yes.
    allowed(&[("online", "")], &[("online", "yes"), ("place", "")]);
    // Online requests ignore distance: an expert in Groningen with 0 km travel.
    allowed(
        &[("place", "Groningen"), ("max_travel_km", "0")],
        &[("online", "yes"), ("place", "Maastricht")],
    );
    // An on-site request does not care whether the expert works online.
    allowed(&[("online", "no")], &[("online", "no")]);
}

/// Two points whose haversine distance is known exactly (as the engine computes it).
const E_LAT: f64 = 52.0;
const E_LON: f64 = 5.0;
const R_LAT: f64 = 52.3;
const R_LON: f64 = 5.4;

fn known_distance() -> f64 {
    LatLon {
        lat: E_LAT,
        lon: E_LON,
    }
    .distance_km(LatLon {
        lat: R_LAT,
        lon: R_LON,
    })
}

#[test]
fn rule5_distance_exactly_at_max_travel_is_allowed_and_just_over_is_refused() {
    let d = known_distance();
    assert!(d > 30.0 && d < 50.0, "{d}");
    let (elat, elon, rlat, rlon) = (
        E_LAT.to_string(),
        E_LON.to_string(),
        R_LAT.to_string(),
        R_LON.to_string(),
    );
    // `{}` on f64 prints the shortest text that parses back to the same value.
    let at = d.to_string();
    assert_eq!(at.parse::<f64>().unwrap(), d);
    let under = (d - 1e-9).to_string();
    assert!(under.parse::<f64>().unwrap() < d);
    let req: &[(&str, &str)] = &[("place", ""), ("lat", &rlat), ("lon", &rlon)];
    let at_row: &[(&str, &str)] = &[
        ("place", ""),
        ("lat", &elat),
        ("lon", &elon),
        ("max_travel_km", &at),
    ];
    let under_row: &[(&str, &str)] = &[
        ("place", ""),
        ("lat", &elat),
        ("lon", &elon),
        ("max_travel_km", &under),
    ];
    allowed(at_row, req);
    refused(under_row, req, Reason::TooFar);

    // The engine reports the same distance for the pair.
    let inst = load(&experts_csv(&[at_row]), &requests_csv(&[req]));
    let got = eligibility::distance_km(&inst.requests[0], &inst.experts[0]).unwrap();
    assert_eq!(got, d);
}

#[test]
fn rule5_distance_between_places_from_the_table() {
    // Utrecht - Amsterdam is about 35.2 km in the bundled table.
    let places = crate::common::places();
    let d = places
        .get("Utrecht")
        .unwrap()
        .location
        .distance_km(places.get("Amsterdam").unwrap().location);
    assert!(d > 35.0 && d < 35.5, "{d}");
    let at = d.to_string();
    let under = (d - 1e-9).to_string();
    allowed(&[("max_travel_km", &at)], &[("place", "Amsterdam")]);
    refused(
        &[("max_travel_km", &under)],
        &[("place", "Amsterdam")],
        Reason::TooFar,
    );
    refused(
        &[("max_travel_km", "35")],
        &[("place", "Amsterdam")],
        Reason::TooFar,
    );
    allowed(&[("max_travel_km", "35,5")], &[("place", "Amsterdam")]);
    // The default travel distance (25 km) does not reach Amsterdam from Utrecht.
    refused(
        &[("max_travel_km", "")],
        &[("place", "Amsterdam")],
        Reason::TooFar,
    );
    // Same place, zero travel: distance 0 <= 0.
    allowed(&[("max_travel_km", "0")], &[("place", "Utrecht")]);
}

#[test]
fn rule5_request_coordinates_and_expert_place_mix() {
    let utrecht = crate::common::places().get("Utrecht").unwrap().location;
    let (lat, lon) = (utrecht.lat.to_string(), utrecht.lon.to_string());
    // Request given by the very coordinates of Utrecht: distance 0.
    allowed(
        &[("max_travel_km", "0")],
        &[("place", ""), ("lat", &lat), ("lon", &lon)],
    );
    // Request 1 degree of latitude north of Utrecht (about 111 km).
    let north = (utrecht.lat + 1.0).to_string();
    refused(
        &[("max_travel_km", "110")],
        &[("place", ""), ("lat", &north), ("lon", &lon)],
        Reason::TooFar,
    );
    allowed(
        &[("max_travel_km", "112")],
        &[("place", ""), ("lat", &north), ("lon", &lon)],
    );
}

// ---- Rule 6: language and gender ---------------------------------------------------------------

#[test]
fn rule6_language_must_be_spoken() {
    refused(
        &[("languages", "nl")],
        &[("language", "en")],
        Reason::Language,
    );
    allowed(&[("languages", "nl|en")], &[("language", "en")]);
    allowed(&[("languages", "en;nl")], &[("language", "nl")]);
    refused(
        &[("languages", "en")],
        &[("language", "nl")],
        Reason::Language,
    );
    // Defaults: an empty cell is nl on both sides.
    allowed(&[("languages", "")], &[("language", "")]);
    refused(
        &[("languages", "")],
        &[("language", "ar")],
        Reason::Language,
    );
    // Aliases and case.
    allowed(&[("languages", "Engels")], &[("language", "EN")]);
    allowed(&[("languages", "Nederlands")], &[("language", "nl")]);
}

#[test]
fn rule6_gender_pref_must_equal_expert_gender() {
    refused(&[("gender", "m")], &[("gender_pref", "f")], Reason::Gender);
    allowed(&[("gender", "f")], &[("gender_pref", "f")]);
    allowed(&[("gender", "vrouw")], &[("gender_pref", "V")]);
    // An expert without a gender never meets a preference.
    refused(&[("gender", "")], &[("gender_pref", "f")], Reason::Gender);
    // No preference: anyone.
    allowed(&[("gender", "m")], &[("gender_pref", "")]);
    allowed(&[("gender", "")], &[("gender_pref", "")]);
    refused(&[("gender", "x")], &[("gender_pref", "m")], Reason::Gender);
}

// ---- Rule 7: buddy age gap ---------------------------------------------------------------------

#[test]
fn rule7_buddy_age_gap_exactly_at_limit_allowed_one_over_refused() {
    // Batch week 2026-W48: born 2000 -> 26; client 16 -> gap 10 = default limit.
    allowed(&[("birth_year", "2000")], &[("client_age", "16")]);
    refused(
        &[("birth_year", "1999")],
        &[("client_age", "16")],
        Reason::AgeGap,
    );
    // Expert younger than the young person: gap counts both ways.
    allowed(&[("birth_year", "2010")], &[("client_age", "26")]);
    refused(
        &[("birth_year", "2011")],
        &[("client_age", "26")],
        Reason::AgeGap,
    );
    // Alias role, same rule.
    refused(
        &[("birth_year", "1999")],
        &[("role", "maatje"), ("client_age", "16")],
        Reason::AgeGap,
    );
}

#[test]
fn rule7_limit_comes_from_the_policy() {
    let p = policy("[rules]\nbuddy_max_age_gap = 3\n");
    // 26 vs 23: gap 3.
    assert_eq!(
        reasons_with(&p, &[("birth_year", "2000")], &[("client_age", "23")]),
        vec![]
    );
    assert_eq!(
        reasons_with(&p, &[("birth_year", "2000")], &[("client_age", "22")]),
        vec![Reason::AgeGap]
    );
    let zero = policy("[rules]\nbuddy_max_age_gap = 0\n");
    assert_eq!(
        reasons_with(&zero, &[("birth_year", "2000")], &[("client_age", "26")]),
        vec![]
    );
    assert_eq!(
        reasons_with(&zero, &[("birth_year", "2000")], &[("client_age", "27")]),
        vec![Reason::AgeGap]
    );
}

#[test]
fn rule7_age_is_taken_in_the_batch_week() {
    // The same pair is allowed in 2026 and refused a year later (the expert is 27 then).
    let e = experts_csv(&[&[("birth_year", "2000")]]);
    let r = requests_csv(&[&[("client_age", "16")]]);
    let p = Policy::default();
    for (week, ok) in [("2026-W48", true), ("2027-W02", false), ("2026-W01", true)] {
        let w = Week::parse(week).unwrap();
        let inst = ingest::load(
            Inputs {
                experts: Source::new("experts.csv", e.as_bytes()),
                requests: Source::new("requests.csv", r.as_bytes()),
                history: None,
            },
            crate::common::places(),
            &p,
            WeekChoice {
                given: Some(w),
                fallback: w,
            },
        )
        .unwrap()
        .instance;
        let got = check(&inst, &p, &inst.requests[0], &inst.experts[0]);
        assert_eq!(
            got.is_eligible(),
            ok,
            "week {week}: {:?}",
            got.iter().collect::<Vec<_>>()
        );
    }
}

#[test]
fn rule7_does_not_apply_to_other_roles() {
    for role in ["adviser", "trainer", "speaker", "voorlichter"] {
        allowed(
            &[("birth_year", "1950")],
            &[("role", role), ("client_age", "14")],
        );
    }
}

#[test]
fn rule7_does_not_apply_without_client_age_or_birth_year() {
    allowed(&[("birth_year", "1950")], &[("client_age", "")]);
    allowed(&[("birth_year", "")], &[("client_age", "12")]);
    allowed(&[("birth_year", "")], &[("client_age", "")]);
}

// ---- Rule 8: slots -----------------------------------------------------------------------------

#[test]
fn rule8_slot_must_be_available() {
    allowed(&[("availability", "wed-pm")], &[("slot", "wed-pm")]);
    refused(
        &[("availability", "wed-am|thu-pm")],
        &[("slot", "wed-pm")],
        Reason::SlotUnavailable,
    );
    allowed(
        &[("availability", "mon-am|wed-pm|sun-eve")],
        &[("slot", "wed-pm")],
    );
    allowed(&[("availability", "*")], &[("slot", "sun-eve")]);
    allowed(&[("availability", "any")], &[("slot", "mon-am")]);
}

#[test]
fn rule8_dutch_slot_alias_matches_english_availability() {
    allowed(&[("availability", "wed-pm")], &[("slot", "wo-middag")]);
    allowed(&[("availability", "wo-middag")], &[("slot", "wed-pm")]);
    allowed(&[("availability", "ZO-AVOND")], &[("slot", "sun-eve")]);
    refused(
        &[("availability", "wed-pm")],
        &[("slot", "wo-avond")],
        Reason::SlotUnavailable,
    );
    refused(
        &[("availability", "wo-ochtend")],
        &[("slot", "wed-pm")],
        Reason::SlotUnavailable,
    );
}

#[test]
fn rule8_flexible_request_needs_some_availability() {
    refused(
        &[("availability", "")],
        &[("slot", "")],
        Reason::NoAvailability,
    );
    allowed(&[("availability", "sat-am")], &[("slot", "")]);
    // A set slot with no availability is a slot problem, not the flexible one.
    refused(
        &[("availability", "")],
        &[("slot", "wed-pm")],
        Reason::SlotUnavailable,
    );
    // "flexibel" / "any" in the slot cell mean flexible too.
    refused(
        &[("availability", "")],
        &[("slot", "flexibel")],
        Reason::NoAvailability,
    );
    allowed(&[("availability", "tue-eve")], &[("slot", "any")]);
}

// ---- Several rules at once ---------------------------------------------------------------------

#[test]
fn every_broken_rule_is_reported_in_check_order() {
    let got = reasons(
        &[
            ("active", "no"),
            ("certified", "no"),
            ("roles", "speaker"),
            ("themes", "armoede"),
            ("avoid_themes", "pesten"),
            ("excluded_orgs", "Gemeente Utrecht"),
            ("place", "Groningen"),
            ("max_travel_km", "10"),
            ("languages", "en"),
            ("gender", "m"),
            ("birth_year", "1960"),
            ("availability", "mon-am"),
        ],
        &[
            ("slot", "wed-pm"),
            ("gender_pref", "f"),
            ("client_age", "15"),
        ],
    );
    assert_eq!(
        got,
        vec![
            Reason::Inactive,
            Reason::NotCertified,
            Reason::Role,
            Reason::NoSharedTheme,
            Reason::AvoidedTheme,
            Reason::ExcludedOrg,
            Reason::TooFar,
            Reason::Language,
            Reason::Gender,
            Reason::AgeGap,
            Reason::SlotUnavailable,
        ]
    );
    // As shown, rules 3 and 4 are one stage.
    let rules: Vec<&str> = got.iter().map(|r| r.stage().rule_text()).collect();
    assert_eq!(
        rules,
        vec!["1", "1", "2", "3", "3-4", "3-4", "5", "6", "6", "7", "8"]
    );
}

#[test]
fn several_experts_and_requests_in_one_instance() {
    // Candidates over a small mixed instance equal the pairs check allows, and are what a
    // coordinator expects.
    let e = experts_csv(&[
        &[("id", "E1")],
        &[("id", "E2"), ("roles", "speaker"), ("online", "no")],
        &[
            ("id", "E3"),
            ("place", "Maastricht"),
            ("max_travel_km", "1000"),
        ],
        &[("id", "E4"), ("active", "no")],
    ]);
    let r = requests_csv(&[
        &[("id", "R1")],
        &[
            ("id", "R2"),
            ("role", "speaker"),
            ("online", "yes"),
            ("place", ""),
        ],
        &[("id", "R3"), ("place", "Groningen")],
    ]);
    let inst = load(&e, &r);
    let p = Policy::default();
    let pairs: Vec<(String, String)> = eligibility::candidates(&inst, &p)
        .into_iter()
        .map(|x| {
            (
                inst.requests[x.request as usize].id.clone(),
                inst.experts[x.expert as usize].id.clone(),
            )
        })
        .collect();
    let want: Vec<(String, String)> = [
        ("R1", "E1"),
        ("R1", "E3"),
        ("R2", "E1"),
        ("R2", "E3"),
        ("R3", "E3"),
    ]
    .iter()
    .map(|(a, b)| (a.to_string(), b.to_string()))
    .collect();
    assert_eq!(pairs, want);
    assert_eq!(
        eligibility::candidates(&inst, &p),
        eligibility::candidates_all_pairs(&inst, &p)
    );
}
