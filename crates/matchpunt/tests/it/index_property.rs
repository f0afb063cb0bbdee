//! The candidate index (`eligibility::candidates`) returns exactly the pairs that
//! `eligibility::check` allows (`candidates_all_pairs`): on generated, realistic instances under
//! varied policies, on random instances with coordinates anywhere on Earth, and on hand-built
//! cases at the edges of the latitude band.

use matchpunt::eligibility::{self, candidates, candidates_all_pairs, check, Pair};
use matchpunt::ingest::{self, Inputs, Source, WeekChoice};
use matchpunt::model::places::Places;
use matchpunt::model::{Instance, LatLon, Week};
use matchpunt::policy::Policy;
use matchpunt_gen::{generate, GenParams, PlaceWeight};
use proptest::prelude::*;
use std::sync::OnceLock;

fn places() -> &'static Places {
    static P: OnceLock<Places> = OnceLock::new();
    P.get_or_init(Places::bundled)
}

fn place_weights() -> &'static [PlaceWeight] {
    static W: OnceLock<Vec<PlaceWeight>> = OnceLock::new();
    W.get_or_init(|| {
        matchpunt_gen::places_from_csv(matchpunt::model::places::BUNDLED_CSV.as_bytes()).unwrap()
    })
}

const ROLES: [&str; 4] = ["buddy", "adviser", "trainer", "speaker"];

fn load(
    experts: &[u8],
    requests: &[u8],
    history: Option<&[u8]>,
    policy: &Policy,
    week: Week,
) -> Instance {
    let inputs = Inputs {
        experts: Source::new("experts.csv", experts),
        requests: Source::new("requests.csv", requests),
        history: history.map(|h| Source::new("history.csv", h)),
    };
    match ingest::load(
        inputs,
        places(),
        policy,
        WeekChoice {
            given: None,
            fallback: week,
        },
    ) {
        Ok(l) => l.instance,
        Err(e) => panic!(
            "instance does not load:\n{e}\nexperts:\n{}\nrequests:\n{}",
            String::from_utf8_lossy(experts),
            String::from_utf8_lossy(requests)
        ),
    }
}

/// The index agrees with the all-pairs reference, and every pair it returns passes `check`.
fn assert_index_exact(inst: &Instance, policy: &Policy) -> Vec<Pair> {
    let fast = candidates(inst, policy);
    let slow = candidates_all_pairs(inst, policy);
    if fast != slow {
        let missing: Vec<_> = slow.iter().filter(|p| !fast.contains(p)).take(5).collect();
        let extra: Vec<_> = fast.iter().filter(|p| !slow.contains(p)).take(5).collect();
        let show = |p: &Pair| {
            let r = &inst.requests[p.request as usize];
            let e = &inst.experts[p.expert as usize];
            format!(
                "{} ({:?}, online {}) x {} ({:?}, max {} km, d = {:?})",
                r.id,
                r.location,
                r.online,
                e.id,
                e.location,
                e.max_travel_km,
                eligibility::distance_km(r, e)
            )
        };
        panic!(
            "index != all pairs ({} vs {}); missing: {:?}; extra: {:?}",
            fast.len(),
            slow.len(),
            missing.iter().map(|p| show(p)).collect::<Vec<_>>(),
            extra.iter().map(|p| show(p)).collect::<Vec<_>>()
        );
    }
    for p in &fast {
        let r = &inst.requests[p.request as usize];
        let e = &inst.experts[p.expert as usize];
        assert!(check(inst, policy, r, e).is_eligible());
    }
    fast
}

fn policy_strategy() -> impl Strategy<Value = Policy> {
    (
        prop::collection::vec(any::<bool>(), 4),
        0u32..16,
        prop_oneof![Just(25.0f64), 0.0f64..300.0],
        any::<bool>(),
    )
        .prop_map(|(uncert, gap, travel, nl_alias)| {
            let mut p = Policy::default();
            p.rules.uncertified_roles = ROLES
                .iter()
                .zip(&uncert)
                .filter(|(_, &u)| u)
                .map(|(r, _)| {
                    if nl_alias && *r == "speaker" {
                        "voorlichter".to_string()
                    } else {
                        r.to_string()
                    }
                })
                .collect();
            p.rules.buddy_max_age_gap = gap;
            p.rules.default_max_travel_km = travel;
            p.validate().unwrap();
            p
        })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 96, failure_persistence: None, ..ProptestConfig::default() })]

    /// Realistic generated weeks, with the policy varied.
    #[test]
    fn index_equals_all_pairs_on_generated_instances(
        seed in any::<u64>(),
        n_experts in 0usize..=60,
        n_requests in 0usize..=60,
        week in 1u32..=52,
        history_weeks in 0u32..=4,
        policy in policy_strategy(),
    ) {
        let params = GenParams { history_weeks, ..GenParams::new(n_experts, n_requests, seed, (2026, week)) };
        let (mut e, mut r, mut h) = (Vec::new(), Vec::new(), Vec::new());
        let stats = generate(&params, place_weights(), &mut e, &mut r, &mut h).unwrap();
        prop_assert_eq!((stats.experts, stats.requests), (n_experts, n_requests));
        let inst = load(&e, &r, Some(&h), &policy, Week { year: 2026, week });
        prop_assert_eq!(inst.experts.len(), n_experts);
        assert_index_exact(&inst, &policy);
        // The default policy on the same instance, too.
        assert_index_exact(&inst, &Policy::default());
    }
}

// ---- Random instances with coordinates anywhere -------------------------------------------------

#[derive(Debug, Clone)]
struct RandExpert {
    roles: u8,
    themes: u8,
    avoid: u8,
    lat: f64,
    lon: f64,
    travel: f64,
    online: bool,
    certified: bool,
    active: bool,
    avail: u8,
    birth_year: Option<u32>,
    en: bool,
}

#[derive(Debug, Clone)]
struct RandRequest {
    role: usize,
    themes: u8,
    online: bool,
    lat: f64,
    lon: f64,
    slot: Option<usize>,
    client_age: Option<u32>,
    en: bool,
    org: usize,
}

fn lat() -> impl Strategy<Value = f64> {
    prop_oneof![
        3 => -90.0f64..=90.0,
        2 => 50.5f64..53.5,
        1 => prop::sample::select(vec![90.0, -90.0, 0.0, 89.999, -89.999, 45.0]),
        1 => 85.0f64..=90.0,
        1 => -90.0f64..=-85.0,
    ]
}

fn lon() -> impl Strategy<Value = f64> {
    prop_oneof![
        3 => -180.0f64..=180.0,
        2 => 3.3f64..7.2,
        1 => prop::sample::select(vec![180.0, -180.0, 0.0, 179.999, -179.999]),
    ]
}

fn travel() -> impl Strategy<Value = f64> {
    prop_oneof![
        2 => 0.0f64..=60.0,
        2 => 0.0f64..=1000.0,
        1 => prop::sample::select(vec![0.0, 1000.0, 25.0]),
    ]
}

/// Organisation names far apart (a near-miss spelling in excluded_orgs is an input error).
const ORGS: [&str; 3] = ["Gemeente Zwolle", "GGZ Breda", "Kompas Jeugdhulp"];
const SLOTS: [&str; 4] = ["mon-am", "wed-pm", "wo-avond", "sun-eve"];
const THEMES: [&str; 4] = ["pesten", "trauma", "armoede", "gesloten jeugdzorg"];

fn expert_strategy() -> impl Strategy<Value = RandExpert> {
    (
        (1u8..16, 1u8..16, prop_oneof![4 => Just(0u8), 1 => 0u8..16]),
        (lat(), lon(), travel()),
        (
            prop::bool::weighted(0.7),
            prop::bool::weighted(0.85),
            prop::bool::weighted(0.9),
        ),
        (0u8..32, prop::option::of(1980u32..2012), any::<bool>()),
    )
        .prop_map(
            |(
                (roles, themes, avoid),
                (lat, lon, travel),
                (online, certified, active),
                (avail, birth_year, en),
            )| {
                RandExpert {
                    roles,
                    themes,
                    avoid,
                    lat,
                    lon,
                    travel,
                    online,
                    certified,
                    active,
                    avail,
                    birth_year,
                    en,
                }
            },
        )
}

fn request_strategy() -> impl Strategy<Value = RandRequest> {
    (
        (0usize..4, 1u8..16, prop::bool::weighted(0.3)),
        (lat(), lon()),
        (
            prop::option::of(0usize..4),
            prop::option::of(8u32..30),
            prop::bool::weighted(0.15),
            0usize..3,
        ),
    )
        .prop_map(
            |((role, themes, online), (lat, lon), (slot, client_age, en, org))| RandRequest {
                role,
                themes,
                online,
                lat,
                lon,
                slot,
                client_age,
                en,
                org,
            },
        )
}

fn bits<'a>(mask: u8, names: &[&'a str]) -> Vec<&'a str> {
    names
        .iter()
        .enumerate()
        .filter(|(i, _)| mask & (1 << i) != 0)
        .map(|(_, n)| *n)
        .collect()
}

/// Coordinates as a file gives them: ingest takes points in the Netherlands only, so a point
/// elsewhere is written as Utrecht and set on the loaded instance by [`place_anywhere`]: the
/// index itself works for any point on Earth.
fn coords_cell(lat: f64, lon: f64) -> (String, String) {
    if matchpunt::model::places::in_netherlands(lat, lon) {
        (lat.to_string(), lon.to_string())
    } else {
        ("52.09".into(), "5.12".into())
    }
}

/// Sets the coordinates that [`coords_cell`] could not write.
fn place_anywhere(inst: &mut Instance, experts: &[(f64, f64)], requests: &[Option<(f64, f64)>]) {
    for (ex, &(lat, lon)) in inst.experts.iter_mut().zip(experts) {
        ex.location = LatLon { lat, lon };
    }
    for (r, at) in inst.requests.iter_mut().zip(requests) {
        if let Some((lat, lon)) = *at {
            r.location = Some(LatLon { lat, lon });
        }
    }
}

fn experts_csv(xs: &[RandExpert]) -> String {
    let mut s = String::from("id;roles;certified;themes;avoid_themes;lat;lon;max_travel_km;online;availability;birth_year;languages;excluded_orgs;active\n");
    for (i, x) in xs.iter().enumerate() {
        let avail = if x.avail == 31 {
            "*".to_string()
        } else {
            bits(x.avail & 15, &SLOTS).join("|")
        };
        s.push_str(&format!(
            "E{i};{};{};{};{};{};{};{};{};{};{};{};{};{}\n",
            bits(x.roles, &ROLES).join("|"),
            if x.certified { "ja" } else { "nee" },
            bits(x.themes, &THEMES).join("|"),
            bits(x.avoid, &THEMES).join("|"),
            coords_cell(x.lat, x.lon).0,
            coords_cell(x.lat, x.lon).1,
            x.travel,
            if x.online { "yes" } else { "no" },
            avail,
            x.birth_year.map(|y| y.to_string()).unwrap_or_default(),
            if x.en { "nl|en" } else { "nl" },
            if i % 7 == 3 { ORGS[1] } else { "" },
            if x.active { "1" } else { "0" },
        ));
    }
    s
}

fn requests_csv(xs: &[RandRequest]) -> String {
    let mut s = String::from("id;org;role;themes;lat;lon;online;slot;language;client_age\n");
    for (i, x) in xs.iter().enumerate() {
        // Online requests sometimes carry coordinates, sometimes not.
        let (lat, lon) = if x.online && i % 2 == 0 {
            (String::new(), String::new())
        } else {
            coords_cell(x.lat, x.lon)
        };
        s.push_str(&format!(
            "R{i};{};{};{};{lat};{lon};{};{};{};{}\n",
            ORGS[x.org],
            ROLES[x.role],
            bits(x.themes, &THEMES).join("|"),
            if x.online { "ja" } else { "nee" },
            x.slot.map(|k| SLOTS[k]).unwrap_or(""),
            if x.en { "en" } else { "nl" },
            x.client_age.map(|a| a.to_string()).unwrap_or_default(),
        ));
    }
    s
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, failure_persistence: None, ..ProptestConfig::default() })]

    /// Points anywhere on Earth (poles, antimeridian), travel up to 1000 km, and after loading
    /// some travel distances blown up beyond what a file may say (up to half the globe).
    #[test]
    fn index_equals_all_pairs_anywhere_on_earth(
        experts in prop::collection::vec(expert_strategy(), 0..40),
        requests in prop::collection::vec(request_strategy(), 0..40),
        policy in policy_strategy(),
        huge in prop::collection::vec(prop_oneof![4 => Just(None), 1 => (0.0f64..=20_100.0).prop_map(Some)], 40),
    ) {
        let e = experts_csv(&experts);
        let r = requests_csv(&requests);
        let week = Week::parse("2026-W48").unwrap();
        let mut inst = load(e.as_bytes(), r.as_bytes(), None, &policy, week);
        prop_assert_eq!(inst.experts.len(), experts.len());
        // The text round-trips the coordinates exactly where a file may give them.
        for (x, ex) in experts.iter().zip(&inst.experts) {
            if matchpunt::model::places::in_netherlands(x.lat, x.lon) {
                prop_assert_eq!((ex.location.lat, ex.location.lon), (x.lat, x.lon));
            }
        }
        let at_e: Vec<_> = experts.iter().map(|x| (x.lat, x.lon)).collect();
        let at_r: Vec<_> = requests
            .iter()
            .enumerate()
            .map(|(i, x)| (!(x.online && i % 2 == 0)).then_some((x.lat, x.lon)))
            .collect();
        place_anywhere(&mut inst, &at_e, &at_r);
        assert_index_exact(&inst, &policy);
        for (ex, h) in inst.experts.iter_mut().zip(&huge) {
            if let Some(km) = h {
                ex.max_travel_km = *km;
            }
        }
        assert_index_exact(&inst, &policy);
    }
}

// ---- Hand-built adversarial cases ---------------------------------------------------------------

/// Builds an instance of experts and requests given by coordinates (all buddy/pesten unless said).
struct Case {
    experts: Vec<(f64, f64, f64, bool)>, // lat, lon, max_travel_km (<= 1000), online
    requests: Vec<(f64, f64, bool)>,     // lat, lon, online
}

impl Case {
    fn instance(&self) -> Instance {
        let mut e =
            String::from("id,roles,certified,themes,lat,lon,max_travel_km,online,availability\n");
        for (i, (lat, lon, km, online)) in self.experts.iter().enumerate() {
            let (lat, lon) = coords_cell(*lat, *lon);
            e.push_str(&format!(
                "E{i},buddy,yes,pesten,{lat},{lon},{km},{},*\n",
                if *online { "yes" } else { "no" }
            ));
        }
        let mut r = String::from("id,org,role,themes,lat,lon,online\n");
        for (i, (lat, lon, online)) in self.requests.iter().enumerate() {
            let (lat, lon) = coords_cell(*lat, *lon);
            r.push_str(&format!(
                "R{i},Org,buddy,pesten,{lat},{lon},{}\n",
                if *online { "yes" } else { "no" }
            ));
        }
        let mut inst = load(
            e.as_bytes(),
            r.as_bytes(),
            None,
            &Policy::default(),
            Week::parse("2026-W48").unwrap(),
        );
        let at_e: Vec<_> = self.experts.iter().map(|x| (x.0, x.1)).collect();
        let at_r: Vec<_> = self.requests.iter().map(|x| Some((x.0, x.1))).collect();
        place_anywhere(&mut inst, &at_e, &at_r);
        inst
    }
}

fn pairs(inst: &Instance) -> Vec<(usize, usize)> {
    assert_index_exact(inst, &Policy::default())
        .into_iter()
        .map(|p| (p.request as usize, p.expert as usize))
        .collect()
}

fn d(a: (f64, f64), b: (f64, f64)) -> f64 {
    LatLon { lat: a.0, lon: a.1 }.distance_km(LatLon { lat: b.0, lon: b.1 })
}

#[test]
fn expert_due_north_exactly_at_max_travel() {
    // The expert's travel equals the great-circle distance: inside the band, and allowed.
    let req = (52.0, 5.0);
    for dlat in [0.1, 1.0, 4.5, 8.99] {
        let ex = (52.0 + dlat, 5.0);
        let km = d(ex, req);
        assert!(km <= 1000.0);
        let mut case = Case {
            experts: vec![(ex.0, ex.1, km, false)],
            requests: vec![(req.0, req.1, false)],
        };
        assert_eq!(pairs(&case.instance()), vec![(0, 0)], "dlat {dlat}");
        // And due south.
        case.experts = vec![(52.0 - dlat, 5.0, d((52.0 - dlat, 5.0), req), false)];
        assert_eq!(pairs(&case.instance()), vec![(0, 0)], "south dlat {dlat}");
        // One step below: refused by both.
        let below = (km - 1e-9).max(0.0);
        case.experts = vec![(ex.0, ex.1, below, false)];
        assert_eq!(pairs(&case.instance()), vec![], "dlat {dlat}");
    }
}

#[test]
fn group_band_uses_the_farthest_travelling_expert() {
    // A short-range expert nearby and a long-range expert 8 degrees north, in one group.
    let req = (50.0, 5.0);
    let far = (58.0, 5.0);
    let case = Case {
        experts: vec![
            (50.01, 5.0, 5.0, false),
            (far.0, far.1, d(far, req) + 0.001, false),
            (58.5, 5.0, 1.0, false),
        ],
        requests: vec![(req.0, req.1, false)],
    };
    assert_eq!(pairs(&case.instance()), vec![(0, 0), (0, 1)]);
}

#[test]
fn zero_travel_at_the_very_same_point() {
    let case = Case {
        experts: vec![(52.0908, 5.1222, 0.0, false), (52.0908, 5.1222, 0.0, true)],
        requests: vec![(52.0908, 5.1222, false), (52.0909, 5.1222, false)],
    };
    assert_eq!(pairs(&case.instance()), vec![(0, 0), (0, 1)]);
}

#[test]
fn near_the_poles_and_across_the_antimeridian() {
    let case = Case {
        experts: vec![
            (89.99, 0.0, 5.0, false),   // about 2.2 km from (89.99, 180) across the pole
            (-89.99, 90.0, 5.0, false), // south pole, ditto
            (10.0, 179.999, 1.0, false), // antimeridian neighbour of (10, -179.999)
            (90.0, 0.0, 1.2, false),    // the pole itself
            (-90.0, 123.0, 0.001, false), // the south pole (two "poles" differ by rounding only)
        ],
        requests: vec![
            (89.99, 180.0, false),
            (-89.99, -90.0, false),
            (10.0, -179.999, false),
            (89.99, -77.0, false),
            (-90.0, -45.0, false),
        ],
    };
    let inst = case.instance();
    let got = pairs(&inst);
    // Sanity: the distances involved are as small as claimed.
    assert!(d((89.99, 0.0), (89.99, 180.0)) < 2.3);
    assert!(d((10.0, 179.999), (10.0, -179.999)) < 0.3);
    assert!(got.contains(&(0, 0)), "{got:?}");
    assert!(got.contains(&(1, 1)), "{got:?}");
    assert!(got.contains(&(2, 2)), "{got:?}");
    assert!(got.contains(&(3, 3)), "{got:?}");
    assert!(got.contains(&(4, 4)), "{got:?}");
}

#[test]
fn huge_travel_and_far_points_after_load() {
    // Ingest caps max_travel_km at 1000; the index must not rely on that.
    let case = Case {
        experts: vec![
            (-60.0, 10.0, 1000.0, false),
            (60.0, -170.0, 1000.0, false),
            (0.0, 0.0, 0.0, false),
        ],
        requests: vec![
            (60.0, 10.0, false),
            (-60.0, 10.0, false),
            (0.0, 180.0, false),
        ],
    };
    let mut inst = case.instance();
    let before = pairs(&inst);
    assert_eq!(before, vec![(1, 0)]);
    for km in [
        5_000.0,
        13_342.0,
        13_343.5,
        20_015.0,
        20_016.0,
        40_000.0,
        f64::MAX,
    ] {
        for e in inst.experts.iter_mut() {
            e.max_travel_km = km;
        }
        let got = pairs(&inst);
        if km >= 20_016.0 {
            // Half the circumference (about 20015.1 km) reaches everywhere.
            assert_eq!(got.len(), 9, "km {km}: {got:?}");
        }
    }
}

#[test]
fn online_requests_ignore_the_band() {
    let case = Case {
        experts: vec![
            (-45.0, 170.0, 0.0, true),
            (80.0, -10.0, 0.0, false),
            (52.0, 5.0, 1000.0, true),
        ],
        requests: vec![(52.0, 5.0, true), (-80.0, 0.0, true)],
    };
    assert_eq!(
        pairs(&case.instance()),
        vec![(0, 0), (0, 2), (1, 0), (1, 2)]
    );
}

#[test]
fn on_site_request_with_coordinates_far_south() {
    let case = Case {
        experts: vec![
            (-33.9, 18.4, 30.0, false),
            (-34.0, 18.5, 5.0, false),
            (52.0, 5.0, 1000.0, false),
        ],
        requests: vec![(-33.92, 18.42, false)],
    };
    assert_eq!(pairs(&case.instance()), vec![(0, 0)]);
}

#[test]
fn many_experts_on_one_latitude_line() {
    // Equal latitudes: the band's partition points must keep all ties.
    let mut experts = Vec::new();
    for k in 0..50 {
        experts.push((52.0, 4.0 + k as f64 * 0.05, 30.0, false));
    }
    for k in 0..10 {
        experts.push((52.0 + 0.27, 5.0 + k as f64 * 0.01, 30.0, false));
    }
    let case = Case {
        experts,
        requests: vec![
            (52.0, 5.0, false),
            (52.27, 5.0, false),
            (52.0 - 0.27, 5.0, false),
        ],
    };
    let got = pairs(&case.instance());
    assert!(!got.is_empty());
}

#[test]
fn generated_national_instance_under_default_policy() {
    // One larger generated week (national spread of places) as a plain test.
    let params = GenParams::new(300, 300, 2026, (2026, 48));
    let (mut e, mut r, mut h) = (Vec::new(), Vec::new(), Vec::new());
    generate(&params, place_weights(), &mut e, &mut r, &mut h).unwrap();
    let inst = load(
        &e,
        &r,
        Some(&h),
        &Policy::default(),
        Week::parse("2026-W48").unwrap(),
    );
    let got = assert_index_exact(&inst, &Policy::default());
    assert!(!got.is_empty());
    let open = Policy {
        rules: matchpunt::policy::Rules {
            uncertified_roles: ROLES.iter().map(|r| r.to_string()).collect(),
            buddy_max_age_gap: 0,
            ..Default::default()
        },
        ..Policy::default()
    };
    assert_index_exact(&inst, &open);
}
