//! The generated files are valid input under the data contract, deterministic, and realistic.

use crate::common;

use std::collections::{BTreeMap, BTreeSet};

use matchpunt_gen::{generate, GenParams, PlaceWeight, EXPERT_COLUMNS, REQUEST_COLUMNS};

#[test]
fn same_seed_same_bytes_other_seed_other_bytes() {
    let places = common::places();
    let p = GenParams::new(300, 200, 11, (2026, 47));
    let a = common::gen(&p, &places);
    let b = common::gen(&p, &places);
    assert_eq!(a.experts, b.experts);
    assert_eq!(a.requests, b.requests);
    assert_eq!(a.history, b.history);
    assert_eq!(a.stats, b.stats);
    let c = common::gen(&GenParams { seed: 12, ..p }, &places);
    assert_ne!(a.experts, c.experts);
    assert_ne!(a.requests, c.requests);
    assert_ne!(a.history, c.history);
}

#[test]
fn headers_hold_the_contracts_required_columns() {
    let places = common::places();
    let f = common::gen(&GenParams::default(), &places);
    let e = common::Table::parse(&f.experts);
    // The contract's required columns written out on purpose, independent of EXPERT_COLUMNS.
    for col in [
        "id",
        "roles",
        "certified",
        "themes",
        "place",
        "availability",
    ] {
        e.col(col);
    }
    assert_eq!(e.headers, EXPERT_COLUMNS);
    let r = common::Table::parse(&f.requests);
    for col in ["id", "org", "role", "themes", "place"] {
        r.col(col);
    }
    assert_eq!(r.headers, REQUEST_COLUMNS);
    let h = common::Table::parse(&f.history);
    // Independent of `HISTORY_COLUMNS` on purpose: the contract's required columns, written out.
    for col in [
        "week",
        "expert",
        "org",
        "role",
        "intensity",
        "request",
        "themes",
    ] {
        h.col(col);
    }
    // Every row has as many cells as the header (the csv reader is strict about that too).
    assert!(e.rows.iter().all(|row| row.len() == e.headers.len()));
    assert!(r.rows.iter().all(|row| row.len() == r.headers.len()));
    assert!(h.rows.iter().all(|row| row.len() == h.headers.len()));
}

/// Parses everything back with a strict reader and checks ids, references and shares.
fn check(params: &GenParams, places: &[PlaceWeight]) {
    let f = common::gen(params, places);
    let experts = common::experts(&f.experts, places);
    let requests = common::requests(&f.requests, places);
    let history = common::history(&f.history);
    assert_eq!(experts.len(), params.experts);
    assert_eq!(requests.len(), params.requests);
    assert_eq!(history.len(), f.stats.history_rows);
    assert_eq!(f.stats.experts, params.experts);
    assert_eq!(f.stats.requests, params.requests);

    // Ids: unique, E0001.. and R00001.. in order, width growing with the count.
    let ew = params.experts.to_string().len().max(4);
    for (i, e) in experts.iter().enumerate() {
        assert_eq!(e.id, format!("E{:0ew$}", i + 1));
    }
    let rw = params.requests.to_string().len().max(5);
    for (i, r) in requests.iter().enumerate() {
        assert_eq!(r.id, format!("R{:0rw$}", i + 1));
    }
    assert_eq!(
        common::distinct(experts.iter().map(|e| &e.id)).len(),
        experts.len()
    );
    assert_eq!(
        common::distinct(requests.iter().map(|r| &r.id)).len(),
        requests.len()
    );

    // References.
    let by_id: BTreeMap<&str, &common::Expert> =
        experts.iter().map(|e| (e.id.as_str(), e)).collect();
    let orgs: BTreeSet<&str> = requests.iter().map(|r| r.org.as_str()).collect();
    for r in &requests {
        assert!(!r.org.contains(['|', ';', ',']), "org name {:?}", r.org);
        if let Some(p) = &r.preferred {
            assert!(by_id.contains_key(p.as_str()), "preferred {p}");
        }
        for p in &r.pinned {
            assert!(by_id.contains_key(p.as_str()), "pinned {p}");
        }
        assert!((1..=3).contains(&r.priority));
        assert!((1..=3).contains(&r.experts_needed));
        assert!(r.intensity.is_none_or_in(1..=3));
        if let Some(age) = r.client_age {
            assert_eq!(r.role, 0, "client_age on a non-buddy request");
            assert!((12..=23).contains(&age));
        }
    }
    for e in &experts {
        for o in &e.excluded {
            assert!(
                orgs.contains(o.as_str()),
                "excluded org {o:?} not in requests"
            );
        }
        assert!(e.birth_year.is_some_and(|y| (1995..=2007).contains(&y)));
        assert!(e
            .languages
            .iter()
            .all(|l| ["nl", "en", "ar", "tr", "pl", "pap"].contains(&l.as_str())));
        assert!(e.max_assignments.is_none_or_in(1..=3));
        assert!(e.load_budget.is_none_or_in(2..=6));
        assert!(e.roles.count_ones() <= 3 && e.themes.count_ones() <= 4);
        assert!(e.avoid.count_ones() <= 1);
    }

    // History: the N weeks before the batch week, existing active certified experts with the role.
    let mut want = Vec::new();
    let mut w = params.week;
    for _ in 0..params.history_weeks {
        w = matchpunt_gen::previous_iso_week(w);
        want.push(matchpunt_gen::format_iso_week(w));
    }
    want.reverse();
    let mut per_week: BTreeMap<&str, usize> = BTreeMap::new();
    let mut last = "";
    for h in &history {
        assert!(h.week.as_str() >= last, "history not in week order");
        last = &h.week;
        *per_week.entry(&h.week).or_default() += 1;
        let e = by_id.get(h.expert.as_str()).expect("history expert exists");
        assert!(e.active && e.certified && e.roles & (1 << h.role) != 0);
        assert!(orgs.contains(h.org.as_str()), "history org not in requests");
        assert!((1..=3).contains(&h.intensity));
        assert!(h.request.starts_with(&h.week));
        assert_ne!(h.themes, 0);
    }
    if params.requests >= 50 && params.experts >= 50 {
        let got: Vec<&str> = per_week.keys().copied().collect();
        assert_eq!(got, want);
        for (&wk, &n) in &per_week {
            let expect = params.requests as f64 * 0.7;
            assert!(
                (n as f64) > 0.8 * expect && (n as f64) < 1.15 * expect,
                "{wk}: {n} rows, expected about {expect}"
            );
        }
    }
}

trait OptRange {
    fn is_none_or_in(&self, r: std::ops::RangeInclusive<u32>) -> bool;
}

impl OptRange for Option<u32> {
    fn is_none_or_in(&self, r: std::ops::RangeInclusive<u32>) -> bool {
        match self {
            Some(v) => r.contains(v),
            None => true,
        }
    }
}

#[test]
fn every_row_parses_back_and_references_hold() {
    let places = common::places();
    check(&GenParams::default(), &places);
    check(&GenParams::new(1500, 2500, 3, (2026, 47)), &places);
    check(&GenParams::new(40, 300, 4, (2026, 10)), &places);
    check(&GenParams::new(300, 20, 5, (2026, 10)), &places);
    check(&GenParams::new(1, 1, 6, (2026, 10)), &places);
    check(&GenParams::new(0, 0, 7, (2026, 10)), &places);
    check(&GenParams::new(0, 25, 8, (2026, 10)), &places);
    check(&GenParams::new(25, 0, 9, (2026, 10)), &places);
}

#[test]
fn history_crosses_year_boundaries() {
    let places = common::places();
    // 2026 has 53 ISO weeks (1 January 2026 is a Thursday), 2025 has 52.
    let p = GenParams {
        history_weeks: 3,
        ..GenParams::new(200, 150, 1, (2027, 1))
    };
    let h = common::history(&common::gen(&p, &places).history);
    let weeks: BTreeSet<&str> = h.iter().map(|r| r.week.as_str()).collect();
    assert_eq!(
        weeks.into_iter().collect::<Vec<_>>(),
        ["2026-W51", "2026-W52", "2026-W53"]
    );
    let p = GenParams::new(200, 150, 1, (2026, 2));
    let h = common::history(&common::gen(&p, &places).history);
    let weeks: BTreeSet<&str> = h.iter().map(|r| r.week.as_str()).collect();
    assert_eq!(
        weeks.into_iter().collect::<Vec<_>>(),
        ["2025-W50", "2025-W51", "2025-W52", "2026-W01"]
    );
    check(&p, &places);
    let none = GenParams {
        history_weeks: 0,
        ..p
    };
    assert_eq!(common::gen(&none, &places).stats.history_rows, 0);
}

#[test]
fn bad_week_and_missing_places_are_errors() {
    let places = common::places();
    let mut sink = (Vec::new(), Vec::new(), Vec::new());
    let bad = GenParams::new(10, 10, 1, (2025, 53));
    let err = generate(&bad, &places, &mut sink.0, &mut sink.1, &mut sink.2).unwrap_err();
    assert_eq!(err.kind(), std::io::ErrorKind::InvalidInput);
    let bad = GenParams::new(10, 10, 1, (2026, 0));
    assert!(generate(&bad, &places, &mut sink.0, &mut sink.1, &mut sink.2).is_err());
    let ok = GenParams::new(10, 10, 1, (2026, 53));
    assert!(generate(&ok, &[], &mut sink.0, &mut sink.1, &mut sink.2).is_err());
    assert!(generate(&ok, &places, &mut sink.0, &mut sink.1, &mut sink.2).is_ok());
}

#[test]
fn mixes_look_like_a_real_pool() {
    let places = common::places();
    let p = GenParams::new(4000, 4000, 21, (2026, 47));
    let f = common::gen(&p, &places);
    let experts = common::experts(&f.experts, &places);
    let requests = common::requests(&f.requests, &places);
    let share = |n: usize, d: usize| n as f64 / d as f64;
    let ne = experts.len();
    let within = |x: f64, lo: f64, hi: f64, what: &str| {
        assert!(x >= lo && x <= hi, "{what}: {x:.3} not in {lo}..{hi}");
    };
    within(
        share(experts.iter().filter(|e| e.certified).count(), ne),
        0.87,
        0.93,
        "certified",
    );
    within(
        share(experts.iter().filter(|e| e.active).count(), ne),
        0.89,
        0.95,
        "active",
    );
    within(
        share(experts.iter().filter(|e| e.online).count(), ne),
        0.77,
        0.83,
        "online",
    );
    within(
        share(experts.iter().filter(|e| e.avoid != 0).count(), ne),
        0.16,
        0.24,
        "avoid",
    );
    within(
        share(
            experts.iter().filter(|e| !e.excluded.is_empty()).count(),
            ne,
        ),
        0.12,
        0.18,
        "excluded",
    );
    within(
        share(experts.iter().filter(|e| e.avail == 0).count(), ne),
        0.015,
        0.05,
        "no availability",
    );
    within(
        share(experts.iter().filter(|e| e.alias_used).count(), ne),
        0.02,
        0.08,
        "role aliases",
    );
    within(
        share(
            experts
                .iter()
                .filter(|e| e.languages.iter().any(|l| l == "en"))
                .count(),
            ne,
        ),
        0.27,
        0.34,
        "english",
    );
    let role_count = |r: u8| experts.iter().filter(|e| e.roles & (1 << r) != 0).count();
    assert!(role_count(0) > role_count(1) && role_count(3) > role_count(2));
    let nr = requests.len();
    within(
        share(requests.iter().filter(|r| r.online).count(), nr),
        0.2,
        0.33,
        "online requests",
    );
    within(
        share(requests.iter().filter(|r| r.slot.is_some()).count(), nr),
        0.66,
        0.74,
        "slot set",
    );
    within(
        share(requests.iter().filter(|r| r.priority == 3).count(), nr),
        0.12,
        0.18,
        "urgent",
    );
    within(
        share(
            requests.iter().filter(|r| r.gender_pref.is_some()).count(),
            nr,
        ),
        0.08,
        0.12,
        "gender_pref",
    );
    within(
        share(
            requests.iter().filter(|r| r.preferred.is_some()).count(),
            nr,
        ),
        0.03,
        0.07,
        "preferred",
    );
    within(
        share(requests.iter().filter(|r| !r.pinned.is_empty()).count(), nr),
        0.02,
        0.045,
        "pinned",
    );
    let buddies: Vec<_> = requests.iter().filter(|r| r.role == 0).collect();
    within(
        share(
            buddies.iter().filter(|r| r.client_age.is_some()).count(),
            buddies.len(),
        ),
        0.75,
        0.85,
        "buddy client_age",
    );
    // Pins are mostly plausible: same role and a shared, not avoided theme.
    let by_id: BTreeMap<&str, &common::Expert> =
        experts.iter().map(|e| (e.id.as_str(), e)).collect();
    let pins: Vec<(&common::Request, &common::Expert)> = requests
        .iter()
        .flat_map(|r| r.pinned.iter().map(move |p| (r, p)))
        .map(|(r, p)| (r, by_id[p.as_str()]))
        .collect();
    let plausible = pins
        .iter()
        .filter(|(r, e)| {
            e.roles & (1 << r.role) != 0 && e.themes & r.themes != 0 && e.avoid & r.themes == 0
        })
        .count();
    within(share(plausible, pins.len()), 0.7, 1.0, "plausible pins");
    // Some Dutch slot codes and Dutch booleans appear.
    assert!(f.experts.contains("-middag") || f.experts.contains("-avond"));
    assert!(f.experts.contains(",ja,") || f.experts.contains(",nee,"));
}
