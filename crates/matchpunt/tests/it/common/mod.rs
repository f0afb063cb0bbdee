//! Shared helpers of the core's integration tests: generated batches and the hard-rule check
//! that every output must pass.

#![allow(dead_code)]

pub mod contested;

use matchpunt::batch::BatchResult;
use matchpunt::eligibility::check;
use matchpunt::ingest::{load, InputErrors, Inputs, Loaded, Source, WeekChoice};
use matchpunt::model::places::Places;
use matchpunt::model::{Instance, Week};
use matchpunt::policy::Policy;
use matchpunt::scoring::to_units;
// For `contested`, which names them as `super::` (see its module doc).
use matchpunt::solve::{Arc, ExpertCap, Problem};
use matchpunt_gen::GenParams;
use std::sync::OnceLock;

/// The bundled places table, parsed once for every test of this binary: parsing it takes
/// most of the time of reading a small batch in a debug build (about 0.2 s).
pub fn places() -> &'static Places {
    static PLACES: OnceLock<Places> = OnceLock::new();
    PLACES.get_or_init(Places::bundled)
}

/// A generated batch of `experts` × `requests` with four weeks of history, read by ingest.
pub fn instance(experts: usize, requests: usize, seed: u64, policy: &Policy) -> Instance {
    let pw =
        matchpunt_gen::places_from_csv(matchpunt::model::places::BUNDLED_CSV.as_bytes()).unwrap();
    let params = GenParams {
        experts,
        requests,
        seed,
        week: (2026, 48),
        history_weeks: 4,
    };
    let (mut e, mut r, mut h) = (Vec::new(), Vec::new(), Vec::new());
    matchpunt_gen::generate(&params, &pw, &mut e, &mut r, &mut h).unwrap();
    let inputs = Inputs {
        experts: Source::new("experts.csv", &e[..]),
        requests: Source::new("requests.csv", &r[..]),
        history: Some(Source::new("history.csv", &h[..])),
    };
    load(inputs, places(), policy, week48_unless_given())
        .unwrap()
        .instance
}

/// Every hard rule holds in `res`, pins are kept or reported, and the reported objective is
/// the objective of the assignment.
pub fn assert_hard_rules(inst: &Instance, policy: &Policy, res: &BatchResult) {
    let mut count = vec![0u32; inst.experts.len()];
    let mut load = vec![0u32; inst.experts.len()];
    let mut slots = vec![0u32; inst.experts.len()];
    let mut seats = vec![0u32; inst.requests.len()];
    let mut pairs = std::collections::HashSet::new();
    for a in &res.assignments {
        let (r, e) = (&inst.requests[a.request], &inst.experts[a.expert]);
        assert!(
            check(inst, policy, r, e).is_eligible(),
            "rules 1-8: {} {}",
            r.id,
            e.id
        );
        assert!(pairs.insert((a.request, a.expert)), "rule 10: twice");
        count[a.expert] += 1;
        load[a.expert] += r.intensity;
        seats[a.request] += 1;
        if let Some(s) = r.slot {
            assert_eq!(
                slots[a.expert] & (1 << s.0),
                0,
                "rule 8: slot clash for {}",
                e.id
            );
            slots[a.expert] |= 1 << s.0;
        }
    }
    // The heavy-theme pause within the week (issue 25): one heavy-theme seat per expert.
    if policy.rules.heavy_pause_weeks > 0 {
        let mut heavy = vec![0u32; inst.experts.len()];
        for a in &res.assignments {
            heavy[a.expert] += u32::from(inst.requests[a.request].heavy);
        }
        for (i, e) in inst.experts.iter().enumerate() {
            assert!(
                heavy[i] <= 1,
                "heavy-theme pause: {} has {}",
                e.id,
                heavy[i]
            );
        }
    }
    for (i, e) in inst.experts.iter().enumerate() {
        assert!(count[i] <= e.max_assignments, "rule 9 count: {}", e.id);
        assert!(load[i] <= e.budget(), "rule 9 load: {}", e.id);
    }
    for (i, r) in inst.requests.iter().enumerate() {
        assert!(seats[i] <= r.experts_needed, "rule 10: {}", r.id);
    }
    // Rule 11: every pin is assigned or reported as a conflict, never both.
    for (ri, r) in inst.requests.iter().enumerate() {
        for &ei in &r.pinned {
            let assigned = res
                .assignments
                .iter()
                .any(|a| a.request == ri && a.expert == ei && a.pinned);
            let conflict = res
                .pin_conflicts
                .iter()
                .any(|c| c.request == ri && c.expert == ei);
            assert!(assigned != conflict, "pin {} {}", r.id, inst.experts[ei].id);
            if conflict {
                assert!(!res
                    .assignments
                    .iter()
                    .any(|a| a.request == ri && a.expert == ei));
            }
        }
    }
    // The reported objective is the objective of the assignment.
    let spread = to_units(policy.objective.batch_spread);
    let mut per_expert = vec![0i64; inst.experts.len()];
    let mut total = 0i64;
    for a in &res.assignments {
        total += res.scored[a.scored].value - spread * per_expert[a.expert];
        per_expert[a.expert] += 1;
    }
    assert_eq!(total, res.objective);
    assert!(res.bound >= res.objective);
}

/// The assignments of `res` as (request id, expert id) pairs, in the result's order.
pub fn id_pairs(inst: &Instance, res: &BatchResult) -> Vec<(String, String)> {
    res.assignments
        .iter()
        .map(|a| {
            let (r, e) = (&inst.requests[a.request], &inst.experts[a.expert]);
            (r.id.clone(), e.id.clone())
        })
        .collect()
}

/// The week the test batches are written for, 2026-W48, as given on the command line (ISO year
/// 2026: an expert born in 2000 is 26).
pub fn week48() -> WeekChoice {
    let w = Week::parse("2026-W48").unwrap();
    WeekChoice {
        given: Some(w),
        fallback: w,
    }
}

/// The week the test batches are written for, 2026-W48, where the files name no week of their
/// own (as `matchpunt run` without `--week` on a day of that week).
pub fn week48_unless_given() -> WeekChoice {
    WeekChoice {
        given: None,
        fallback: Week::parse("2026-W48").unwrap(),
    }
}

/// Reads a batch from the bytes of `experts.csv`, `requests.csv` and an optional
/// `history.csv` as `matchpunt run` reads those files: the bundled places, `policy`, week
/// 2026-W48 ([`week48`]).
pub fn read(
    experts: &[u8],
    requests: &[u8],
    history: Option<&[u8]>,
    policy: &Policy,
) -> Result<Loaded, InputErrors> {
    load(
        Inputs {
            experts: Source::new("experts.csv", experts),
            requests: Source::new("requests.csv", requests),
            history: history.map(|h| Source::new("history.csv", h)),
        },
        places(),
        policy,
        week48(),
    )
}

/// [`read`] of texts with the default policy and no history.
pub fn try_load(experts: &str, requests: &str) -> Result<Loaded, InputErrors> {
    read(
        experts.as_bytes(),
        requests.as_bytes(),
        None,
        &Policy::default(),
    )
}

/// [`try_load`] that must succeed; the panic shows the errors and both inputs.
pub fn loaded(experts: &str, requests: &str) -> Loaded {
    try_load(experts, requests).unwrap_or_else(|e| {
        panic!("expected to load, got:\n{e}\nexperts:\n{experts}\nrequests:\n{requests}")
    })
}

/// [`read`] of texts that must succeed: the instance; the panic shows the errors and both
/// inputs.
pub fn instance_of(
    experts: &str,
    requests: &str,
    history: Option<&str>,
    policy: &Policy,
) -> Instance {
    match read(
        experts.as_bytes(),
        requests.as_bytes(),
        history.map(str::as_bytes),
        policy,
    ) {
        Ok(l) => l.instance,
        Err(e) => panic!("fixture does not load:\n{e}\nexperts:\n{experts}\nrequests:\n{requests}"),
    }
}
