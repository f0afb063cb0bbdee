//! The exact solver against independent methods: exhaustive search on thousands of tiny random
//! instances, and the Hungarian method (`pathfinding::kuhn_munkres`) on one-to-one instances.

use matchpunt::solve::{evaluate, solve, Arc, ExpertCap, Problem, SolveOptions};
use matchpunt_flow::Algorithm;
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;

/// Exhaustive search: every feasible subset of arcs, by depth-first choice with feasibility
/// pruning (nothing about optimality is assumed).
fn brute_force(p: &Problem) -> i64 {
    fn go(p: &Problem, i: usize, chosen: &mut Vec<usize>, best: &mut i64) {
        if i == p.arcs.len() {
            if let Ok(v) = evaluate(p, chosen) {
                *best = (*best).max(v);
            }
            return;
        }
        go(p, i + 1, chosen, best);
        chosen.push(i);
        if evaluate(p, chosen).is_ok() {
            go(p, i + 1, chosen, best);
        }
        chosen.pop();
    }
    let mut best = 0;
    go(p, 0, &mut Vec::new(), &mut best);
    best
}

fn random_problem(rng: &mut ChaCha8Rng, max_arcs: usize) -> Problem {
    let ne = rng.gen_range(1..=8);
    let nr = rng.gen_range(1..=8);
    let experts = (0..ne)
        .map(|_| ExpertCap {
            max_count: rng.gen_range(0..=3),
            budget: rng.gen_range(0..=6),
            already: rng.gen_range(0..=1),
            busy_slots: if rng.gen_bool(0.2) { 1 } else { 0 },
        })
        .collect();
    let seats = (0..nr).map(|_| rng.gen_range(1..=3)).collect();
    let mut arcs = Vec::new();
    for r in 0..nr {
        for e in 0..ne {
            if arcs.len() < max_arcs && rng.gen_bool(0.35) {
                arcs.push(Arc {
                    request: r as u32,
                    expert: e as u32,
                    // Few distinct values so that ties are common.
                    value: if rng.gen_bool(0.3) {
                        100
                    } else {
                        rng.gen_range(1..=400)
                    },
                    intensity: rng.gen_range(0..=4),
                    slot: if rng.gen_bool(0.5) {
                        Some(rng.gen_range(0..3))
                    } else {
                        None
                    },
                });
            }
        }
    }
    Problem {
        experts,
        seats,
        arcs,
        spread: if rng.gen_bool(0.5) {
            0
        } else {
            rng.gen_range(1..=60)
        },
    }
}

fn check_against_brute_force(seed: u64, cases: usize, alg: Algorithm) {
    let mut rng = ChaCha8Rng::seed_from_u64(seed);
    let opts = SolveOptions {
        algorithm: alg,
        time_limit: None,
        ..SolveOptions::default()
    };
    let mut branched = 0;
    for case in 0..cases {
        let p = random_problem(&mut rng, 15);
        let s = solve(&p, &opts);
        branched += usize::from(s.nodes > 1);
        let v = evaluate(&p, &s.chosen)
            .unwrap_or_else(|e| panic!("case {case}: infeasible: {e}\n{p:?}"));
        assert_eq!(v, s.objective, "case {case}: reported objective");
        let best = brute_force(&p);
        assert_eq!(s.objective, best, "case {case}: not optimal\n{p:?}\n{s:?}");
        assert!(s.proven && s.bound == s.objective, "case {case}");
    }
    // The budgets must actually bind often enough to exercise branch and bound.
    assert!(
        branched * 10 > cases,
        "only {branched} of {cases} cases branched"
    );
}

#[test]
fn equals_exhaustive_search_cost_scaling() {
    check_against_brute_force(1, 2500, Algorithm::CostScaling);
}

#[test]
fn equals_exhaustive_search_ssp() {
    check_against_brute_force(2, 2500, Algorithm::SuccessiveShortestPaths);
}

#[test]
fn budget_binding_textbook_case() {
    // One expert, budget 4, count 2; three requests of intensity 3, 2, 2 and values 10, 7, 6.
    // Flow alone takes 10 + 7 (load 5 > 4); the optimum under the budget is 7 + 6 = 13.
    let p = Problem {
        experts: vec![ExpertCap {
            max_count: 2,
            budget: 4,
            already: 0,
            busy_slots: 0,
        }],
        seats: vec![1, 1, 1],
        arcs: vec![
            Arc {
                request: 0,
                expert: 0,
                value: 10,
                intensity: 3,
                slot: None,
            },
            Arc {
                request: 1,
                expert: 0,
                value: 7,
                intensity: 2,
                slot: None,
            },
            Arc {
                request: 2,
                expert: 0,
                value: 6,
                intensity: 2,
                slot: None,
            },
        ],
        spread: 0,
    };
    let s = solve(&p, &SolveOptions::default());
    assert_eq!(s.objective, 13);
    assert_eq!(s.chosen, vec![1, 2]);
}

#[test]
fn equals_hungarian_method_on_one_to_one_instances() {
    use pathfinding::prelude::{kuhn_munkres, Matrix};
    let mut rng = ChaCha8Rng::seed_from_u64(3);
    for case in 0..300 {
        let n = rng.gen_range(1..=25);
        let m = rng.gen_range(1..=25);
        let mut weights = Matrix::new(n, m.max(n), 0i64);
        let mut arcs = Vec::new();
        for r in 0..n {
            for e in 0..m {
                if rng.gen_bool(0.4) {
                    let v = rng.gen_range(1..=100_000);
                    weights[(r, e)] = v;
                    arcs.push(Arc {
                        request: r as u32,
                        expert: e as u32,
                        value: v,
                        intensity: 1,
                        slot: None,
                    });
                }
            }
        }
        // Rows = requests; pad columns so rows <= columns as kuhn_munkres requires.
        let (hungarian, _) = kuhn_munkres(&weights);
        let p = Problem {
            experts: vec![
                ExpertCap {
                    max_count: 1,
                    budget: 100,
                    already: 0,
                    busy_slots: 0
                };
                m
            ],
            seats: vec![1; n],
            arcs,
            spread: 0,
        };
        let s = solve(&p, &SolveOptions::default());
        assert_eq!(s.objective, hungarian, "case {case}");
        assert!(s.proven);
    }
}

#[test]
fn time_limit_zero_still_returns_a_feasible_solution_with_a_bound() {
    let mut rng = ChaCha8Rng::seed_from_u64(9);
    let opts = SolveOptions {
        time_limit: Some(std::time::Duration::ZERO),
        ..SolveOptions::default()
    };
    for _ in 0..300 {
        let p = random_problem(&mut rng, 40);
        let s = solve(&p, &opts);
        assert_eq!(evaluate(&p, &s.chosen), Ok(s.objective));
        assert!(s.bound >= s.objective);
        assert!(s.bound >= brute_force_if_small(&p));
    }
}

fn brute_force_if_small(p: &Problem) -> i64 {
    if p.arcs.len() <= 14 {
        brute_force(p)
    } else {
        0
    }
}
