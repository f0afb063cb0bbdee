//! The fast routes to the eligible pairs and their scores give exactly what the plain
//! definitions give: the candidate search ([`candidates`], [`candidates_with_distance`]) the
//! pairs of the all-pairs check ([`candidates_all_pairs`]) with the distances of
//! [`distance_km`], [`score_pairs`] the scores of [`score_pair`] bit for bit, and a batch run
//! (which scores after the solve) the same scored pairs; all of it whatever the thread count.
//! On generated batches under varied policies, also with theme and language ids from 64 up (the
//! searches keep ids below 64 as bits) and with supervision and heavy-theme pauses set.

use crate::common;

use matchpunt::batch::{self, Adjust};
use matchpunt::eligibility::{
    candidates, candidates_all_pairs, candidates_with_distance, distance_km, Pair,
};
use matchpunt::model::{Instance, Supervision};
use matchpunt::policy::Policy;
use matchpunt::scoring::{history_stats, score_pair, score_pairs, Scored};
use matchpunt::solve::SolveOptions;
use proptest::prelude::*;

/// Every field of a scored pair, floating-point numbers as their bits: pair, distance, parts,
/// score, value.
type ScoredBits = (Pair, Option<u64>, [u64; 7], u64, i64);

fn bits(s: &Scored) -> ScoredBits {
    (
        s.pair,
        s.distance_km.map(f64::to_bits),
        s.parts.values().map(f64::to_bits),
        s.score.to_bits(),
        s.value,
    )
}

fn all_bits(scored: &[Scored]) -> Vec<ScoredBits> {
    scored.iter().map(bits).collect()
}

/// The plain route: every pair checked, each eligible one scored on its own.
fn plain(inst: &Instance, policy: &Policy) -> Vec<Scored> {
    let hist = history_stats(inst, policy);
    candidates_all_pairs(inst, policy)
        .into_iter()
        .map(|p| score_pair(inst, policy, &hist, p))
        .collect()
}

/// The fast routes agree with the plain one on `inst`.
fn assert_same(inst: &Instance, policy: &Policy) {
    let reference = plain(inst, policy);
    let pairs = candidates(inst, policy);
    assert_eq!(
        pairs,
        reference.iter().map(|s| s.pair).collect::<Vec<_>>(),
        "candidates"
    );
    let (with_d, dist) = candidates_with_distance(inst, policy);
    assert_eq!(with_d, pairs, "candidates_with_distance: pairs");
    for (p, d) in pairs.iter().zip(&dist) {
        let r = &inst.requests[p.request as usize];
        let e = &inst.experts[p.expert as usize];
        let want = distance_km(r, e).unwrap_or(f64::NAN);
        assert_eq!(
            d.to_bits(),
            want.to_bits(),
            "distance of {} x {}",
            r.id,
            e.id
        );
    }
    assert_eq!(
        all_bits(&score_pairs(inst, policy, &pairs)),
        all_bits(&reference),
        "score_pairs"
    );
}

/// A batch run scores the pairs as [`score_pairs`] does, less the forbidden pairs and with the
/// bonus on the kept ones.
fn assert_batch_scores(inst: &Instance, policy: &Policy) {
    let pairs = candidates_all_pairs(inst, policy);
    let forbidden: Vec<(usize, usize)> = pairs
        .iter()
        .step_by(5)
        .map(|p| (p.request as usize, p.expert as usize))
        .collect();
    let kept: Vec<(usize, usize)> = pairs
        .iter()
        .skip(1)
        .step_by(3)
        .map(|p| (p.request as usize, p.expert as usize))
        .filter(|p| forbidden.binary_search(p).is_err())
        .collect();
    let opts = SolveOptions {
        time_limit: None,
        node_limit: 20,
        ..SolveOptions::default()
    };
    let plain_run = batch::run(inst, policy, &opts);
    assert_eq!(
        all_bits(&plain_run.scored),
        all_bits(&score_pairs(inst, policy, &pairs)),
        "batch::run"
    );
    let adjust = Adjust {
        forbidden: forbidden.clone(),
        kept: kept.clone(),
        bonus: 7_000,
    };
    let res = batch::run_adjusted(inst, policy, &opts, &adjust);
    let mut want: Vec<Scored> = score_pairs(inst, policy, &pairs)
        .into_iter()
        .filter(|s| {
            let p = (s.pair.request as usize, s.pair.expert as usize);
            forbidden.binary_search(&p).is_err()
        })
        .collect();
    for s in &mut want {
        let p = (s.pair.request as usize, s.pair.expert as usize);
        if kept.binary_search(&p).is_ok() {
            s.value += adjust.bonus;
        }
    }
    assert_eq!(
        all_bits(&res.scored),
        all_bits(&want),
        "batch::run_adjusted"
    );
    // The arcs carry the values of their scored pairs.
    for (arc, &s) in res.problem.arcs.iter().zip(&res.arc_scored) {
        let sc = &res.scored[s];
        assert_eq!(
            (arc.request, arc.expert, arc.value),
            (sc.pair.request, sc.pair.expert, sc.value)
        );
    }
    common::assert_hard_rules(inst, policy, &res);
}

/// Moves every theme and language id up by `shift` (adding names to the vocabularies so that
/// the ids exist), so that some ids are 64 or more; and sets supervision weeks and heavy-theme
/// seats on some experts, from `marks`.
fn shift_ids(inst: &mut Instance, shift: u32, marks: &[u8]) {
    for i in 0..shift + 8 {
        inst.themes.intern(&format!("extra theme {i}"));
        inst.languages.intern(&format!("xx{i}"));
    }
    let up = |v: &mut Vec<u32>| v.iter_mut().for_each(|t| *t += shift);
    let week = inst.week.expect("a batch week");
    for (i, e) in inst.experts.iter_mut().enumerate() {
        up(&mut e.themes);
        up(&mut e.avoid_themes);
        up(&mut e.languages);
        let m = marks.get(i % marks.len().max(1)).copied().unwrap_or(0);
        e.supervision = match m % 4 {
            0 => Supervision::NotChecked,
            1 => Supervision::Never,
            _ => Supervision::Week(week.plus(-(i64::from(m) % 12))),
        };
        e.last_heavy = (m % 3 == 0).then(|| week.plus(-(i64::from(m) % 4)));
    }
    for r in &mut inst.requests {
        up(&mut r.themes);
        r.language += shift;
    }
}

fn policy_strategy() -> impl Strategy<Value = Policy> {
    (
        (
            prop::collection::vec(any::<bool>(), 4),
            0u32..=12,
            prop_oneof![Just(25.0f64), 0.0f64..120.0],
        ),
        (
            prop::collection::vec(0.0f64..30.0, 7),
            prop::sample::select(vec![0.001, 0.1, 1.0, 2.5]),
            0.1f64..=1.0,
        ),
        (0u32..=3, 1u32..=8, prop::option::of(1u32..=4)),
    )
        .prop_map(
            |((uncert, gap, travel), (w, resolution, decay), (pause, within, heavy_within))| {
                let mut p = Policy::default();
                p.rules.uncertified_roles = ["buddy", "adviser", "trainer", "speaker"]
                    .iter()
                    .zip(&uncert)
                    .filter(|(_, &u)| u)
                    .map(|(r, _)| r.to_string())
                    .collect();
                p.rules.buddy_max_age_gap = gap;
                p.rules.default_max_travel_km = travel;
                p.rules.heavy_pause_weeks = pause;
                p.rules.supervision_within_weeks = within;
                p.rules.supervision_heavy_within_weeks = heavy_within;
                let ws = &mut p.weights;
                (
                    ws.theme_fit,
                    ws.distance,
                    ws.continuity,
                    ws.recent_load,
                    ws.fair_spread,
                    ws.role_experience,
                    ws.age_proximity,
                ) = (w[0], w[1], w[2], w[3], w[4], w[5], w[6]);
                p.objective.resolution = resolution;
                p.history.decay = decay;
                p.validate().unwrap();
                p
            },
        )
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 48, failure_persistence: None, ..ProptestConfig::default() })]

    /// Generated batches: candidates, distances and scores as the plain route gives them, and a
    /// batch run's scored pairs as `score_pairs` gives them.
    #[test]
    fn fast_routes_equal_the_plain_ones(
        seed in any::<u64>(),
        n_experts in 0usize..=70,
        n_requests in 0usize..=70,
        policy in policy_strategy(),
    ) {
        let inst = common::instance(n_experts, n_requests, seed, &policy);
        assert_same(&inst, &policy);
        assert_batch_scores(&inst, &policy);
    }

    /// The same with theme and language ids from 64 up (some of them), supervision and
    /// heavy-theme pauses.
    #[test]
    fn fast_routes_equal_the_plain_ones_with_large_ids(
        seed in any::<u64>(),
        n_experts in 1usize..=50,
        n_requests in 1usize..=50,
        shift in prop::sample::select(vec![40u32, 60, 62, 63, 64, 200]),
        marks in prop::collection::vec(any::<u8>(), 1..20),
        policy in policy_strategy(),
    ) {
        let mut inst = common::instance(n_experts, n_requests, seed, &policy);
        shift_ids(&mut inst, shift, &marks);
        assert_same(&inst, &policy);
        assert_batch_scores(&inst, &policy);
    }
}

/// Candidates, distances, scores and a whole batch's scored pairs do not depend on the number
/// of worker threads.
#[test]
fn pairs_and_scores_do_not_depend_on_the_thread_count() {
    let policy = Policy::default();
    let inst = common::instance(300, 450, 11, &policy);
    let opts = SolveOptions {
        time_limit: None,
        node_limit: 2,
        ..SolveOptions::default()
    };
    let run = |threads: usize| {
        let pool = rayon::ThreadPoolBuilder::new()
            .num_threads(threads)
            .build()
            .unwrap();
        pool.install(|| {
            let (pairs, dist) = candidates_with_distance(&inst, &policy);
            let scored = all_bits(&score_pairs(&inst, &policy, &pairs));
            let res = batch::run(&inst, &policy, &opts);
            (
                pairs,
                dist.iter().map(|d| d.to_bits()).collect::<Vec<_>>(),
                scored,
                all_bits(&res.scored),
                res.objective,
            )
        })
    };
    let one = run(1);
    assert!(one.0.len() > 500, "a batch with many pairs");
    assert_eq!(one.2, one.3, "a batch run scores as score_pairs");
    for threads in [2, 3] {
        assert!(one == run(threads), "{threads} threads differ from 1");
    }
}
