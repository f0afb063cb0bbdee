//! The exact solver against independent methods: exhaustive search on thousands of tiny random
//! instances, and the Hungarian method (`pathfinding::kuhn_munkres`) on one-to-one instances.

use crate::common::contested::Contested;
use matchpunt::solve::{evaluate, solve, solve_with_cuts, Arc, ExpertCap, Problem, SolveOptions};
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
                    heavy: false,
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

/// Solves `cases` random instances (from `make`) and checks each against exhaustive search;
/// returns how many components needed more than the root: (branched, closed by listing).
fn check_against_brute_force(
    seed: u64,
    cases: usize,
    opts: SolveOptions,
    make: fn(&mut ChaCha8Rng) -> Problem,
) -> (usize, usize) {
    let mut rng = ChaCha8Rng::seed_from_u64(seed);
    let (mut branched, mut listed) = (0, 0);
    for case in 0..cases {
        let p = make(&mut rng);
        let s = solve(&p, &opts);
        branched += s.branched_components;
        listed += s.listed_components;
        let v = evaluate(&p, &s.chosen)
            .unwrap_or_else(|e| panic!("case {case}: infeasible: {e}\n{p:?}"));
        assert_eq!(v, s.objective, "case {case}: reported objective");
        let best = brute_force(&p);
        assert_eq!(s.objective, best, "case {case}: not optimal\n{p:?}\n{s:?}");
        assert!(s.proven && s.bound == s.objective, "case {case}");
    }
    (branched, listed)
}

fn exact(alg: Algorithm, master: bool) -> SolveOptions {
    SolveOptions {
        algorithm: alg,
        time_limit: None,
        master,
        ..SolveOptions::default()
    }
}

#[test]
fn equals_exhaustive_search_cost_scaling() {
    check_against_brute_force(1, 2500, exact(Algorithm::CostScaling, true), |rng| {
        random_problem(rng, 15)
    });
}

#[test]
fn equals_exhaustive_search_ssp() {
    check_against_brute_force(
        2,
        2500,
        exact(Algorithm::SuccessiveShortestPaths, true),
        |rng| random_problem(rng, 15),
    );
}

#[test]
fn contested_instances_with_and_without_the_master() {
    for master in [true, false] {
        let (branched, listed) =
            check_against_brute_force(3, 8000, exact(Algorithm::CostScaling, master), |rng| {
                Contested::small().draw(rng)
            });
        eprintln!("master {master}: branched {branched}, listed {listed}");
        // Both later steps must actually run: the master route closes by listing, the route
        // without it by branching.
        if master {
            assert!(listed >= 80, "only {listed} components closed by listing");
        } else {
            assert!(branched >= 50, "only {branched} components branched");
        }
    }
}

/// The root's cuts (`solve::cuts`) change the bound, never the answer: on contested instances
/// where most requests have one seat (where the cuts apply), the optimum with the cuts equals
/// the optimum without them and exhaustive search, and both are proven.
#[test]
fn cuts_on_and_off_give_the_same_optimum_as_exhaustive_search() {
    let mut rng = ChaCha8Rng::seed_from_u64(26);
    let opts = exact(Algorithm::CostScaling, true);
    let mut listed = 0;
    for case in 0..3000 {
        let mut p = Contested::small().draw(&mut rng);
        for s in p.seats.iter_mut() {
            if rng.gen_bool(0.8) {
                *s = 1;
            }
        }
        let best = brute_force(&p);
        for cuts in [true, false] {
            let s = solve_with_cuts(&p, &opts, cuts);
            let v = evaluate(&p, &s.chosen)
                .unwrap_or_else(|e| panic!("case {case}, cuts {cuts}: infeasible: {e}\n{p:?}"));
            assert_eq!(
                v, s.objective,
                "case {case}, cuts {cuts}: reported objective"
            );
            assert_eq!(
                s.objective, best,
                "case {case}, cuts {cuts}: not optimal\n{p:?}"
            );
            assert!(
                s.proven && s.bound == best,
                "case {case}, cuts {cuts}: {s:?}"
            );
            listed += usize::from(cuts) * s.listed_components;
        }
    }
    // The listing (where the cuts' prices are used) must actually run.
    assert!(
        listed >= 30,
        "only {listed} components closed by listing with cuts"
    );
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
                heavy: false,
            },
            Arc {
                request: 1,
                expert: 0,
                value: 7,
                intensity: 2,
                slot: None,
                heavy: false,
            },
            Arc {
                request: 2,
                expert: 0,
                value: 6,
                intensity: 2,
                slot: None,
                heavy: false,
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
                        heavy: false,
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

/// The heavy-theme pause within the week (issue 25): random arcs are marked heavy (at most one
/// per expert, like a slot of its own) and some experts have their heavy seat taken by a pin
/// (`HEAVY_BIT`). The optimum equals exhaustive search, with and without the master, on random
/// and on contested instances; the pause binds in many of them (else this would prove little).
#[test]
fn heavy_pause_within_the_week_matches_brute_force() {
    use matchpunt::solve::HEAVY_BIT;
    let mark = |p: &mut Problem, rng: &mut ChaCha8Rng| {
        for a in &mut p.arcs {
            a.heavy = rng.gen_bool(0.5);
        }
        for e in &mut p.experts {
            if rng.gen_bool(0.15) {
                e.busy_slots |= HEAVY_BIT;
            }
        }
    };
    let mut rng = ChaCha8Rng::seed_from_u64(25);
    let mut binding = 0;
    for case in 0..1500 {
        let mut p = if case % 2 == 0 {
            random_problem(&mut rng, 12)
        } else {
            Contested::small().draw(&mut rng)
        };
        let mut free = p.clone();
        mark(&mut p, &mut rng);
        for a in &mut free.arcs {
            a.heavy = false;
        }
        let best = brute_force(&p);
        binding += usize::from(best < brute_force(&free));
        for master in [true, false] {
            let opts = SolveOptions {
                time_limit: None,
                master,
                ..SolveOptions::default()
            };
            let s = solve(&p, &opts);
            let v =
                evaluate(&p, &s.chosen).unwrap_or_else(|e| panic!("case {case}: infeasible: {e}"));
            assert_eq!(v, s.objective, "case {case}");
            assert!(s.proven, "case {case}");
            assert_eq!(v, best, "case {case} master {master}: {p:?}");
        }
    }
    assert!(binding > 200, "the pause bound only {binding} cases");
}
