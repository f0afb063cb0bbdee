//! Standbys against independent references:
//! - promoting the first standby after the assigned expert drops out keeps every hard rule, with
//!   the other proposals as they are (property test over random batches, checked by the same
//!   hard-rule check as every batch output);
//! - a standby's cost equals a full re-run of the batch with the standby pinned and the assigned
//!   pair declined, on small batches;
//! - a spent work budget leaves the cost of the plain swap, marked not proven.

use crate::common::{assert_hard_rules, instance};
use matchpunt::batch::{self, Adjust, BatchResult};
use matchpunt::explain::{Base, FixBudget, Standby};
use matchpunt::policy::Policy;
use matchpunt::solve::SolveOptions;
use proptest::prelude::*;

/// Work limits, not time limits, so that a slow machine cannot change an answer.
fn opts() -> SolveOptions {
    SolveOptions {
        time_limit: None,
        node_limit: 100_000,
        ..SolveOptions::default()
    }
}

fn unlimited() -> FixBudget {
    FixBudget {
        max_arcs: usize::MAX,
        work: usize::MAX,
        ..FixBudget::for_run()
    }
}

/// `res` with the assignment (r, e) replaced by (r, x): the promoted standby.
fn promoted(res: &BatchResult, s: &Standby) -> BatchResult {
    let mut out = res.clone();
    let i = out
        .assignments
        .iter()
        .position(|a| a.request == s.request && a.expert == s.expert)
        .expect("the assignment");
    let scored = out
        .scored
        .iter()
        .position(|p| p.pair.request as usize == s.request && p.pair.expert as usize == s.standby)
        .expect("a standby's pair is a candidate");
    let a = &mut out.assignments[i];
    a.expert = s.standby;
    a.scored = scored;
    a.pinned = false;
    out.objective -= s.swap_cost;
    out
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 12, ..ProptestConfig::default() })]

    /// Drop the assigned expert, promote the first standby: every hard rule holds, and with the
    /// others kept the objective is the stated plain-swap cost when the cost is not proven.
    #[test]
    fn promoting_the_first_standby_keeps_every_rule(
        seed in 0u64..1_000,
        experts in 20usize..60,
        requests in 10usize..40,
        n in 1u32..4,
    ) {
        let policy = Policy::default();
        let inst = instance(experts, requests, seed, &policy);
        let res = batch::run(&inst, &policy, &opts());
        let base = Base::from_result(&inst, &policy, opts(), &res);
        // A spent budget: every cost is the plain swap, so the objective check below is exact.
        let mut none = FixBudget { work: 0, ..FixBudget::for_run() };
        let standbys = base.standbys(n as usize, &mut none);
        for s in standbys.iter().filter(|s| s.rank == 1) {
            prop_assert!(!s.proven);
            let mut p = promoted(&res, s);
            // Pins of the batch other than the replaced one are still kept and flagged.
            for a in &mut p.assignments {
                a.pinned = res.assignments.iter().any(|b| {
                    b.request == a.request && b.expert == a.expert && b.pinned
                });
            }
            p.pin_conflicts = res.pin_conflicts.clone();
            p.bound = p.bound.max(p.objective);
            // The assigned expert dropped out: a pin of theirs on the seat is gone.
            let mut dropped = inst.clone();
            dropped.requests[s.request].pinned.retain(|&x| x != s.expert);
            assert_hard_rules(&dropped, &policy, &p);
        }
        // At most n per assignment, ranks 1..=k, never the assigned expert or one on the seat.
        for &(r, e, _) in &base.assigned {
            let mine: Vec<&Standby> = standbys.iter().filter(|s| s.request == r && s.expert == e).collect();
            prop_assert!(mine.len() <= n as usize);
            for (i, s) in mine.iter().enumerate() {
                prop_assert_eq!(s.rank as usize, i + 1);
                if i > 0 {
                    prop_assert!(mine[i - 1].swap_cost <= s.swap_cost);
                }
                prop_assert!(!base.experts_of(r).contains(&s.standby));
            }
        }
    }
}

/// Each standby's cost, from the component re-solve, equals a full re-run of the batch with the
/// standby pinned and the assigned pair declined.
#[test]
fn standby_cost_equals_a_full_re_run() {
    let mut checked = 0;
    for seed in 0..12 {
        let policy = Policy::default();
        let inst = instance(45, 30, seed, &policy);
        let res = batch::run(&inst, &policy, &opts());
        assert!(res.proven);
        let base = Base::from_result(&inst, &policy, opts(), &res);
        for s in base.standbys(2, &mut unlimited()) {
            assert!(s.proven, "seed {seed}: a re-solve without limits is proven");
            let mut again = inst.clone();
            let req = &mut again.requests[s.request];
            req.pinned.retain(|&x| x != s.expert);
            req.pinned.push(s.standby);
            let adjust = Adjust {
                forbidden: vec![(s.request, s.expert)],
                ..Adjust::default()
            };
            let full = batch::run_adjusted(&again, &policy, &opts(), &adjust);
            assert!(full.proven);
            assert!(full
                .assignments
                .iter()
                .any(|a| a.request == s.request && a.expert == s.standby));
            assert_eq!(
                res.objective - full.objective,
                s.cost,
                "seed {seed}: {} for {} on {}",
                inst.experts[s.standby].id,
                inst.experts[s.expert].id,
                inst.requests[s.request].id
            );
            checked += 1;
        }
    }
    assert!(checked >= 40, "only {checked} standbys checked");
}

/// With the budget spent, standbys are still given, in the same ranks (by the plain swap's
/// cost), their cost the plain swap's and marked not proven; the plain swap costs at least the
/// re-solve (which may move others).
#[test]
fn a_spent_budget_leaves_the_plain_swap_not_proven() {
    let policy = Policy::default();
    let inst = instance(45, 30, 7, &policy);
    let res = batch::run(&inst, &policy, &opts());
    let base = Base::from_result(&inst, &policy, opts(), &res);
    let exact = base.standbys(3, &mut unlimited());
    let mut spent = FixBudget {
        work: 0,
        ..FixBudget::for_run()
    };
    let swap = base.standbys(3, &mut spent);
    assert!(!swap.is_empty());
    assert!(swap.iter().all(|s| !s.proven));
    let key = |s: &Standby| (s.request, s.expert, s.standby);
    for s in &swap {
        if let Some(x) = exact.iter().find(|x| key(x) == key(s)) {
            assert!(s.cost >= x.cost, "swap {} < re-solve {}", s.cost, x.cost);
        }
    }
    // The same experts in the same ranks either way: the budget only changes `cost`.
    let ranked =
        |v: &[Standby]| -> Vec<_> { v.iter().map(|s| (key(s), s.rank, s.swap_cost)).collect() };
    assert_eq!(ranked(&exact), ranked(&swap));
    assert!(swap.iter().all(|s| s.cost == s.swap_cost));
}
