//! A strict, test-only reader of the generated files following the data contract, and a
//! simplified eligibility check.
#![allow(dead_code)]

use std::collections::{BTreeMap, BTreeSet};

use matchpunt_gen::{generate, GenParams, GenStats, PlaceWeight};

/// Independent of the generator's and the library's theme lists on purpose: the vocabulary the
/// generated files must use, written out, so that a change to either list fails a test.
pub const THEMES: [&str; 20] = [
    "uithuisplaatsing",
    "verslaving",
    "eetstoornis",
    "schooluitval",
    "echtscheiding",
    "pesten",
    "suicidaliteit",
    "zelfbeschadiging",
    "trauma",
    "dakloosheid",
    "mantelzorg",
    "lvb",
    "autisme",
    "adhd",
    "depressie",
    "angst",
    "jeugdzorg",
    "gesloten jeugdzorg",
    "armoede",
    "lgbtiq",
];

pub fn places() -> Vec<PlaceWeight> {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../../data/nl-places.csv");
    let file = std::fs::File::open(path).expect("places table data/nl-places.csv");
    matchpunt_gen::places_from_csv(file).expect("places table parses")
}

pub struct Files {
    pub experts: String,
    pub requests: String,
    pub history: String,
    pub stats: GenStats,
}

pub fn gen(params: &GenParams, places: &[PlaceWeight]) -> Files {
    let (mut e, mut r, mut h) = (Vec::new(), Vec::new(), Vec::new());
    let stats = generate(params, places, &mut e, &mut r, &mut h).expect("generate");
    Files {
        experts: String::from_utf8(e).expect("utf-8"),
        requests: String::from_utf8(r).expect("utf-8"),
        history: String::from_utf8(h).expect("utf-8"),
        stats,
    }
}

/// Parsed CSV: lower-cased headers and rows of trimmed cells.
pub struct Table {
    pub headers: Vec<String>,
    pub rows: Vec<Vec<String>>,
}

impl Table {
    pub fn parse(text: &str) -> Table {
        let mut rd = csv::ReaderBuilder::new()
            .trim(csv::Trim::All)
            .from_reader(text.as_bytes());
        let headers = rd
            .headers()
            .expect("header")
            .iter()
            .map(|h| h.trim().to_lowercase())
            .collect::<Vec<_>>();
        let rows = rd
            .records()
            .map(|r| r.expect("record").iter().map(str::to_string).collect())
            .collect();
        Table { headers, rows }
    }

    pub fn col(&self, name: &str) -> usize {
        self.headers
            .iter()
            .position(|h| h == name)
            .unwrap_or_else(|| panic!("missing column {name}"))
    }
}

pub fn list(cell: &str) -> Vec<String> {
    cell.split(['|', ';', ','])
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(str::to_string)
        .collect()
}

pub fn boolean(cell: &str, default: bool) -> bool {
    match cell.to_lowercase().as_str() {
        "" => default,
        "yes" | "ja" | "true" | "y" | "j" | "1" => true,
        "no" | "nee" | "false" | "n" | "0" => false,
        other => panic!("bad boolean {other:?}"),
    }
}

pub fn role(s: &str) -> u8 {
    match s.to_lowercase().as_str() {
        "buddy" | "maatje" | "ervaringsmaatje" => 0,
        "adviser" | "adviseur" | "meedenker" => 1,
        "trainer" => 2,
        "speaker" | "spreker" | "voorlichter" => 3,
        other => panic!("bad role {other:?}"),
    }
}

pub fn theme(s: &str) -> u32 {
    let i = THEMES
        .iter()
        .position(|t| *t == s)
        .unwrap_or_else(|| panic!("bad theme {s:?}"));
    1 << i
}

pub fn slot(s: &str) -> u8 {
    let (d, p) = s
        .split_once('-')
        .unwrap_or_else(|| panic!("bad slot {s:?}"));
    let day = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"]
        .iter()
        .position(|x| *x == d)
        .or_else(|| {
            ["ma", "di", "wo", "do", "vr", "za", "zo"]
                .iter()
                .position(|x| *x == d)
        })
        .unwrap_or_else(|| panic!("bad day {s:?}"));
    let part = ["am", "pm", "eve"]
        .iter()
        .position(|x| *x == p)
        .or_else(|| ["ochtend", "middag", "avond"].iter().position(|x| *x == p))
        .unwrap_or_else(|| panic!("bad part {s:?}"));
    (day * 3 + part) as u8
}

fn num<T: std::str::FromStr>(cell: &str) -> Option<T> {
    if cell.is_empty() {
        None
    } else {
        Some(
            cell.parse()
                .unwrap_or_else(|_| panic!("bad number {cell:?}")),
        )
    }
}

pub struct Expert {
    pub id: String,
    pub roles: u8,
    pub certified: bool,
    pub themes: u32,
    pub avoid: u32,
    pub place: usize,
    pub travel: f64,
    pub online: bool,
    pub avail: u32,
    pub max_assignments: Option<u32>,
    pub load_budget: Option<u32>,
    pub birth_year: Option<i32>,
    pub languages: Vec<String>,
    pub gender: Option<String>,
    pub excluded: Vec<String>,
    pub active: bool,
    pub alias_used: bool,
}

pub struct Request {
    pub id: String,
    pub org: String,
    pub role: u8,
    pub themes: u32,
    pub place: Option<usize>,
    pub online: bool,
    pub slot: Option<u8>,
    pub experts_needed: u32,
    pub intensity: Option<u32>,
    pub priority: u32,
    pub language: String,
    pub client_age: Option<i32>,
    pub gender_pref: Option<String>,
    pub preferred: Option<String>,
    pub pinned: Vec<String>,
}

pub struct History {
    pub week: String,
    pub expert: String,
    pub org: String,
    pub role: u8,
    pub intensity: u32,
    pub request: String,
    pub themes: u32,
}

fn place_ix(places: &[PlaceWeight]) -> BTreeMap<String, usize> {
    places
        .iter()
        .enumerate()
        .map(|(i, p)| (p.name.to_lowercase(), i))
        .collect()
}

pub fn gender(cell: &str) -> Option<String> {
    match cell {
        "" => None,
        "f" | "m" | "x" => Some(cell.to_string()),
        other => panic!("bad gender {other:?}"),
    }
}

pub fn experts(text: &str, places: &[PlaceWeight]) -> Vec<Expert> {
    let t = Table::parse(text);
    let pix = place_ix(places);
    let c = |n: &str| t.col(n);
    let (id, roles, cert, themes, avoid, place, travel, online, avail) = (
        c("id"),
        c("roles"),
        c("certified"),
        c("themes"),
        c("avoid_themes"),
        c("place"),
        c("max_travel_km"),
        c("online"),
        c("availability"),
    );
    let (ma, lb, by, langs, gen, excl, act) = (
        c("max_assignments"),
        c("load_budget"),
        c("birth_year"),
        c("languages"),
        c("gender"),
        c("excluded_orgs"),
        c("active"),
    );
    t.rows
        .iter()
        .map(|r| {
            let role_items = list(&r[roles]);
            assert!(!role_items.is_empty(), "expert without roles");
            let theme_items = list(&r[themes]);
            assert!(!theme_items.is_empty(), "expert without themes");
            let avail_cell = r[avail].to_lowercase();
            let avail_mask = if avail_cell == "*" || avail_cell == "any" {
                (1 << 21) - 1
            } else {
                list(&avail_cell)
                    .iter()
                    .fold(0u32, |m, s| m | (1 << slot(s)))
            };
            let languages = list(&r[langs]);
            Expert {
                id: r[id].clone(),
                roles: role_items.iter().fold(0, |m, s| m | (1 << role(s))),
                certified: boolean(&r[cert], false),
                themes: theme_items.iter().fold(0, |m, s| m | theme(s)),
                avoid: list(&r[avoid]).iter().fold(0, |m, s| m | theme(s)),
                place: *pix
                    .get(&r[place].to_lowercase())
                    .unwrap_or_else(|| panic!("unknown place {:?}", r[place])),
                travel: num::<f64>(&r[travel]).unwrap_or(25.0),
                online: boolean(&r[online], true),
                avail: avail_mask,
                max_assignments: num(&r[ma]),
                load_budget: num(&r[lb]),
                birth_year: num(&r[by]),
                languages: if languages.is_empty() {
                    vec!["nl".into()]
                } else {
                    languages
                },
                gender: gender(&r[gen]),
                excluded: list(&r[excl]),
                active: boolean(&r[act], true),
                alias_used: role_items
                    .iter()
                    .any(|s| !["buddy", "adviser", "trainer", "speaker"].contains(&s.as_str())),
            }
        })
        .collect()
}

pub fn requests(text: &str, places: &[PlaceWeight]) -> Vec<Request> {
    let t = Table::parse(text);
    let pix = place_ix(places);
    let c = |n: &str| t.col(n);
    let (id, org, rl, themes, place, online, sl) = (
        c("id"),
        c("org"),
        c("role"),
        c("themes"),
        c("place"),
        c("online"),
        c("slot"),
    );
    let (en, int, pr, lang, age, gp, pref, pin) = (
        c("experts_needed"),
        c("intensity"),
        c("priority"),
        c("language"),
        c("client_age"),
        c("gender_pref"),
        c("preferred_expert"),
        c("pinned_expert"),
    );
    t.rows
        .iter()
        .map(|r| {
            let theme_items = list(&r[themes]);
            assert!(!theme_items.is_empty(), "request without themes");
            let online = boolean(&r[online], false);
            let place = if r[place].is_empty() {
                assert!(online, "on-site request {} without place", r[id]);
                None
            } else {
                Some(
                    *pix.get(&r[place].to_lowercase())
                        .unwrap_or_else(|| panic!("unknown place {:?}", r[place])),
                )
            };
            assert!(!r[org].is_empty());
            Request {
                id: r[id].clone(),
                org: r[org].clone(),
                role: role(&r[rl]),
                themes: theme_items.iter().fold(0, |m, s| m | theme(s)),
                place,
                online,
                slot: (!r[sl].is_empty()).then(|| slot(&r[sl].to_lowercase())),
                experts_needed: num(&r[en]).unwrap_or(1),
                intensity: num(&r[int]),
                priority: num(&r[pr]).unwrap_or(2),
                language: if r[lang].is_empty() {
                    "nl".into()
                } else {
                    r[lang].clone()
                },
                client_age: num(&r[age]),
                gender_pref: gender(&r[gp]),
                preferred: (!r[pref].is_empty()).then(|| r[pref].clone()),
                pinned: list(&r[pin]),
            }
        })
        .collect()
}

pub fn history(text: &str) -> Vec<History> {
    let t = Table::parse(text);
    let c = |n: &str| t.col(n);
    let (week, expert, org, rl, int, req, themes) = (
        c("week"),
        c("expert"),
        c("org"),
        c("role"),
        c("intensity"),
        c("request"),
        c("themes"),
    );
    t.rows
        .iter()
        .map(|r| History {
            week: r[week].clone(),
            expert: r[expert].clone(),
            org: r[org].clone(),
            role: role(&r[rl]),
            intensity: num(&r[int]).expect("history intensity"),
            request: r[req].clone(),
            themes: list(&r[themes]).iter().fold(0, |m, s| m | theme(s)),
        })
        .collect()
}

pub fn haversine(a: &PlaceWeight, b: &PlaceWeight) -> f64 {
    let (la1, la2) = (a.lat.to_radians(), b.lat.to_radians());
    let dlat = la2 - la1;
    let dlon = (b.lon - a.lon).to_radians();
    let h = (dlat / 2.0).sin().powi(2) + la1.cos() * la2.cos() * (dlon / 2.0).sin().powi(2);
    2.0 * 6371.0 * h.sqrt().asin()
}

/// Eligible-pair counts: the simplified rule (role, shared theme, not avoided, online/distance,
/// slot) and the full rules 1-8 without the per-slot clash part (plus active, certified,
/// excluded org, language, gender, buddy age gap <= 10).
pub struct Eligibility {
    pub simple: u64,
    pub full: u64,
    /// Candidates (full rules) per request.
    pub per_request: Vec<u32>,
}

pub fn eligibility(
    experts: &[Expert],
    requests: &[Request],
    places: &[PlaceWeight],
    batch_year: i32,
) -> Eligibility {
    let n = places.len();
    let mut dist = vec![0f64; n * n];
    for i in 0..n {
        for j in 0..n {
            dist[i * n + j] = haversine(&places[i], &places[j]);
        }
    }
    let mut by_role: [Vec<usize>; 4] = Default::default();
    for (i, e) in experts.iter().enumerate() {
        for (r, list) in by_role.iter_mut().enumerate() {
            if e.roles & (1 << r) != 0 {
                list.push(i);
            }
        }
    }
    let mut simple = 0u64;
    let mut full = 0u64;
    let mut per_request = Vec::with_capacity(requests.len());
    for r in requests {
        let mut cand = 0u32;
        for &ei in &by_role[r.role as usize] {
            let e = &experts[ei];
            if e.themes & r.themes == 0 || e.avoid & r.themes != 0 {
                continue;
            }
            let slot_ok = match r.slot {
                Some(s) => e.avail & (1 << s) != 0,
                None => e.avail != 0,
            };
            if !slot_ok {
                continue;
            }
            let reach_ok = if r.online {
                e.online
            } else {
                dist[e.place * n + r.place.expect("on-site place")] <= e.travel
            };
            if !reach_ok {
                continue;
            }
            simple += 1;
            let age_ok = match (r.client_age, e.birth_year) {
                (Some(a), Some(b)) if r.role == 0 => ((batch_year - b) - a).abs() <= 10,
                _ => true,
            };
            if e.active
                && e.certified
                && age_ok
                && !e.excluded.iter().any(|o| o == &r.org)
                && e.languages.contains(&r.language)
                && match &r.gender_pref {
                    Some(g) => e.gender.as_ref() == Some(g),
                    None => true,
                }
            {
                full += 1;
                cand += 1;
            }
        }
        per_request.push(cand);
    }
    Eligibility {
        simple,
        full,
        per_request,
    }
}

/// Distinct values, for uniqueness checks.
pub fn distinct<'a, I: IntoIterator<Item = &'a String>>(it: I) -> BTreeSet<&'a String> {
    it.into_iter().collect()
}
