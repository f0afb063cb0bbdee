//! Team rules (issue 24): the solver under per-request side constraints against exhaustive
//! search on tiny instances, the rules in every output of generated batches under random
//! policies, and the new columns through ingest.

use crate::common;
use matchpunt::batch;
use matchpunt::ingest::{load, Inputs, Source, WeekChoice};
use matchpunt::model::places::Places;
use matchpunt::model::{Instance, Week};
use matchpunt::policy::Policy;
use matchpunt::solve::{
    evaluate, solve_with_teams, Arc, ExpertCap, Problem, SolveOptions, Standing, TeamRequest,
    TeamRules,
};
use proptest::prelude::*;
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;

/// Exhaustive search over every subset of arcs that keeps the limits and the team rules.
fn brute_force(p: &Problem, t: &TeamRules) -> i64 {
    fn go(p: &Problem, t: &TeamRules, i: usize, chosen: &mut Vec<usize>, best: &mut i64) {
        if i == p.arcs.len() {
            if let (Ok(v), Ok(())) = (evaluate(p, chosen), t.check_solution(p, chosen)) {
                *best = (*best).max(v);
            }
            return;
        }
        go(p, t, i + 1, chosen, best);
        chosen.push(i);
        if evaluate(p, chosen).is_ok() {
            go(p, t, i + 1, chosen, best);
        }
        chosen.pop();
    }
    let mut best = 0;
    go(p, t, 0, &mut Vec::new(), &mut best);
    best
}

/// A tiny problem with team rules: requests of one to three seats, experts new, experienced or
/// neither, a few pairs never together, some `experienced_min`, and sometimes a pin.
fn team_problem(rng: &mut ChaCha8Rng) -> (Problem, TeamRules) {
    let ne = rng.gen_range(2..=6);
    let nr = rng.gen_range(1..=5);
    let experts: Vec<ExpertCap> = (0..ne)
        .map(|_| ExpertCap {
            max_count: rng.gen_range(1..=3),
            budget: rng.gen_range(1..=6),
            already: 0,
            busy_slots: 0,
        })
        .collect();
    let seats: Vec<u32> = (0..nr).map(|_| rng.gen_range(1..=3)).collect();
    let mut arcs = Vec::new();
    for r in 0..nr {
        for e in 0..ne {
            if arcs.len() < 14 && rng.gen_bool(0.55) {
                arcs.push(Arc {
                    request: r as u32,
                    expert: e as u32,
                    value: [100, 150, 200, 230, 400][rng.gen_range(0..5)],
                    intensity: rng.gen_range(1..=3),
                    slot: rng.gen_bool(0.4).then(|| rng.gen_range(0..2)),
                });
            }
        }
    }
    let standing = (0..ne)
        .map(|_| match rng.gen_range(0..3) {
            0 => Standing::New,
            1 => Standing::Experienced,
            _ => Standing::Other,
        })
        .collect();
    let mut not_with = Vec::new();
    for a in 0..ne as u32 {
        for b in a + 1..ne as u32 {
            if rng.gen_bool(0.15) {
                not_with.push((a, b));
            }
        }
    }
    let requests = seats
        .iter()
        .map(|&s| TeamRequest {
            seats: s,
            experienced_min: if rng.gen_bool(0.3) {
                rng.gen_range(1..=2)
            } else {
                0
            },
            fixed: Vec::new(),
        })
        .collect();
    let p = Problem {
        experts,
        seats,
        arcs,
        spread: [0, 10, 60][rng.gen_range(0..3)],
    };
    let t = TeamRules {
        standing,
        not_with,
        requests,
        allow_partial: rng.gen_bool(0.3),
    };
    (p, t)
}

fn check_teams_against_brute_force(seed: u64, cases: usize, master: bool) -> usize {
    let mut rng = ChaCha8Rng::seed_from_u64(seed);
    let opts = SolveOptions {
        time_limit: None,
        master,
        ..SolveOptions::default()
    };
    let mut binding = 0;
    for case in 0..cases {
        let (p, t) = team_problem(&mut rng);
        let s = solve_with_teams(&p, &t, &opts);
        let v = evaluate(&p, &s.chosen).unwrap_or_else(|e| panic!("case {case}: {e}\n{p:?}"));
        assert_eq!(v, s.objective, "case {case}: reported objective");
        assert_eq!(
            t.check_solution(&p, &s.chosen),
            Ok(()),
            "case {case}: a team rule broken\n{p:?}\n{t:?}"
        );
        let best = brute_force(&p, &t);
        assert_eq!(
            s.objective, best,
            "case {case}: not optimal\n{p:?}\n{t:?}\n{s:?}"
        );
        assert!(
            s.proven && s.bound == s.objective,
            "case {case}: not proven"
        );
        // Count the cases where the rules change the optimum: else the test proves little.
        let free = TeamRules {
            standing: Vec::new(),
            not_with: Vec::new(),
            requests: Vec::new(),
            allow_partial: false,
        };
        if brute_force(&p, &free) > best {
            binding += 1;
        }
    }
    binding
}

#[test]
fn team_rules_equal_exhaustive_search() {
    let binding = check_teams_against_brute_force(24, 3000, true);
    eprintln!("rules binding in {binding} of 3000");
    assert!(binding >= 600, "the rules bind in only {binding} cases");
}

#[test]
fn team_rules_equal_exhaustive_search_without_the_master() {
    let binding = check_teams_against_brute_force(25, 1500, false);
    assert!(binding >= 300, "the rules bind in only {binding} cases");
}

#[test]
fn the_rules_in_words() {
    use matchpunt::solve::TeamBreak;
    let t = TeamRules {
        standing: vec![
            Standing::New,
            Standing::Experienced,
            Standing::Other,
            Standing::New,
        ],
        not_with: vec![(1, 2)],
        requests: vec![
            TeamRequest {
                seats: 2,
                experienced_min: 0,
                fixed: vec![],
            },
            TeamRequest {
                seats: 3,
                experienced_min: 2,
                fixed: vec![],
            },
            TeamRequest {
                seats: 1,
                experienced_min: 0,
                fixed: vec![3],
            },
        ],
        allow_partial: false,
    };
    assert_eq!(t.check(0, &[]), Ok(()));
    assert_eq!(t.check(0, &[0]), Err(TeamBreak::NewAlone(0)));
    assert_eq!(t.check(0, &[0, 3]), Err(TeamBreak::NewAlone(0)));
    assert_eq!(t.check(0, &[0, 1]), Ok(()));
    assert_eq!(t.check(0, &[2, 1]), Err(TeamBreak::NotWith(1, 2)));
    assert_eq!(
        t.check(0, &[2]),
        Ok(()),
        "a plain seat may stay half filled"
    );
    assert_eq!(
        t.check(1, &[1, 2]),
        Err(TeamBreak::NotWith(1, 2)),
        "not_with first"
    );
    assert_eq!(
        t.check(1, &[1, 0]),
        Err(TeamBreak::Partial { have: 2, need: 3 })
    );
    assert_eq!(
        t.check(1, &[1, 0, 3]),
        Err(TeamBreak::TooFewExperienced { have: 1, need: 2 })
    );
    // A pinned request with nothing added keeps the rules: the pin is the coordinator's.
    assert_eq!(t.check(2, &[3]), Ok(()));
    let partial = TeamRules {
        allow_partial: true,
        ..t.clone()
    };
    assert_eq!(partial.check(1, &[1]), Ok(()));
    assert_eq!(
        partial.check(1, &[2]),
        Err(TeamBreak::TooFewExperienced { have: 0, need: 1 })
    );
    assert_eq!(partial.check(0, &[0]), Err(TeamBreak::NewAlone(0)));
}

/// Found by the exhaustive comparison: the teams of a request left out of the list (worth no
/// more than the incumbent) must still count in the bound of their node, or a parent prunes
/// the branch that holds the optimum.
#[test]
fn a_pruned_team_list_keeps_a_true_bound() {
    use matchpunt::solve::ExpertCap as C;
    let c = |m, b| C {
        max_count: m,
        budget: b,
        already: 0,
        busy_slots: 0,
    };
    let a = |r, e, v, i, s| Arc {
        request: r,
        expert: e,
        value: v,
        intensity: i,
        slot: s,
    };
    let p = Problem {
        experts: vec![c(1, 3), c(3, 5), c(1, 1), c(3, 5), c(2, 5)],
        seats: vec![2, 2],
        arcs: vec![
            a(0, 0, 230, 2, Some(0)),
            a(0, 1, 150, 1, Some(1)),
            a(0, 2, 400, 3, Some(0)),
            a(0, 3, 400, 2, Some(1)),
            a(0, 4, 150, 2, None),
            a(1, 0, 100, 2, None),
            a(1, 1, 230, 3, None),
            a(1, 2, 100, 2, None),
        ],
        spread: 0,
    };
    let t = TeamRules {
        standing: vec![
            Standing::New,
            Standing::Experienced,
            Standing::Experienced,
            Standing::Other,
            Standing::Experienced,
        ],
        not_with: vec![(0, 1)],
        requests: vec![
            TeamRequest {
                seats: 2,
                experienced_min: 0,
                fixed: vec![]
            };
            2
        ],
        allow_partial: true,
    };
    let s = solve_with_teams(
        &p,
        &t,
        &SolveOptions {
            time_limit: None,
            master: false,
            ..SolveOptions::default()
        },
    );
    assert_eq!(s.objective, 780, "{s:?}");
}
