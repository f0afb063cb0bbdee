//! Team rules over fixed seats (pins of requests.csv, ledger bookings kept as pins): the
//! solver cannot undo a pin, so the pins must keep the rules by themselves. A property over
//! random pins on random team batches, checked without the solver's own check, and the
//! new-user trial's case (a new expert pinned alone on a team request).

use crate::common;
use crate::teams::load_teams;
use matchpunt::batch;
use matchpunt::eligibility::Stage;
use matchpunt::model::Instance;
use matchpunt::policy::Policy;
use matchpunt::solve::{SolveOptions, Standing};
use proptest::prelude::*;
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;

/// Every request of `res`, its pins included: no new expert without an experienced expert on
/// a request of 2 or more seats, no pair kept apart, and no more non-experienced experts than
/// the seats `experienced_min` leaves them.
fn assert_fixed_team_rules(inst: &Instance, policy: &Policy, res: &batch::BatchResult) {
    let standing = matchpunt::teams::standings(inst, policy);
    let mut teams: std::collections::BTreeMap<usize, Vec<usize>> = Default::default();
    for a in &res.assignments {
        teams.entry(a.request).or_default().push(a.expert);
    }
    for (r, team) in teams {
        let q = &inst.requests[r];
        let exp = team
            .iter()
            .filter(|&&e| standing[e] == Standing::Experienced)
            .count() as u32;
        for &e in &team {
            if standing[e] == Standing::New {
                assert!(
                    q.experts_needed >= 2 && exp >= 1,
                    "{}: new expert {} alone (pinned: {:?})",
                    q.id,
                    inst.experts[e].id,
                    q.pinned
                );
            }
        }
        for (i, &a) in team.iter().enumerate() {
            for &b in &team[i + 1..] {
                let pair = (a.min(b), a.max(b));
                assert!(!inst.teams.not_with.contains(&pair), "{}: not_with", q.id);
            }
        }
        let min = inst.teams.experienced_min.get(&r).copied().unwrap_or(0);
        let not_exp = team.len() as u32 - exp;
        assert!(
            not_exp <= q.experts_needed.saturating_sub(min),
            "{}: {not_exp} not experienced, experienced_min {min} of {}",
            q.id,
            q.experts_needed
        );
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(48))]
    /// Random small team batches with random pins (new, experienced and other experts, pairs
    /// kept apart, `experienced_min`): no output sends a new expert against the rule, and a pin
    /// refused for a team rule is a conflict of [`Stage::PinTeam`].
    #[test]
    fn pins_keep_the_team_rules(
        seed in 0u64..10_000,
        experts in 3usize..12,
        requests in 2usize..10,
        new_share in 10u32..70,
        apart in 0u32..200,
        min_share in 0u32..60,
        pin_share in 20u32..90,
        allow_partial in any::<bool>(),
    ) {
        let mut policy = Policy::default();
        policy.teams.experienced_after = 1;
        policy.teams.allow_partial = allow_partial;
        let mut inst = common::instance(experts, requests, seed, &policy);
        let mut rng = ChaCha8Rng::seed_from_u64(seed ^ 0x5eed);
        let week = inst.week.unwrap();
        for e in 0..inst.experts.len() {
            if rng.gen_range(0..100) < new_share {
                inst.teams.certified_on.insert(e, week.plus(-rng.gen_range(0..6)));
            } else if rng.gen_bool(0.6) {
                inst.teams.deployments.insert(e, 3);
            }
            for f in e + 1..inst.experts.len() {
                if rng.gen_range(0..1000) < apart {
                    inst.teams.not_with.insert((e, f));
                }
            }
        }
        for r in 0..inst.requests.len() {
            inst.requests[r].experts_needed = rng.gen_range(1..=3);
            if rng.gen_range(0..100) < min_share {
                inst.teams.experienced_min.insert(r, rng.gen_range(1..=2));
            }
            inst.requests[r].pinned.clear();
            if rng.gen_range(0..100) < pin_share {
                for _ in 0..rng.gen_range(1..=3) {
                    let e = rng.gen_range(0..inst.experts.len());
                    if !inst.requests[r].pinned.contains(&e) {
                        inst.requests[r].pinned.push(e);
                    }
                }
            }
        }
        let opts = SolveOptions { time_limit: None, ..SolveOptions::default() };
        let res = batch::run(&inst, &policy, &opts);
        assert_fixed_team_rules(&inst, &policy, &res);
        let standing = matchpunt::teams::standings(&inst, &policy);
        for c in res.pin_conflicts.iter().filter(|c| c.stage == Stage::PinTeam) {
            // A team-rule conflict names the team rule, never a personal reason.
            prop_assert!(c.text.contains("team rule"), "{}", c.text);
            let _ = standing[c.expert];
        }
    }
}

/// The trial's case: the teams example with Sam (E1, new) pinned on R4 (2 seats,
/// experienced_min 2). The pin is a conflict naming the team rule; Sam is not on R4.
#[test]
fn a_new_expert_pinned_alone_is_a_pin_conflict() {
    let experts = include_str!("../../../../examples/teams/experts.csv");
    let requests =
        "id,org,role,themes,online,slot,experts_needed,experienced_min,priority,pinned_expert\n\
        R1,Het Baken,trainer,pesten,yes,wed-pm,2,1,2,\n\
        R2,Het Baken,trainer,angst,yes,thu-pm,2,1,2,\n\
        R3,Stichting Thuisbasis,speaker,angst,yes,fri-am,1,,2,\n\
        R4,De Brug,trainer,pesten,yes,sat-am,2,2,2,E1\n";
    let loaded = load_teams(experts, requests).unwrap();
    let inst = &loaded.instance;
    let policy = Policy::default();
    let res = batch::run(inst, &policy, &SolveOptions::default());
    assert_eq!(res.pin_conflicts.len(), 1, "{:?}", res.pin_conflicts);
    let c = &res.pin_conflicts[0];
    assert_eq!((c.request, c.expert, c.stage), (3, 0, Stage::PinTeam));
    assert!(
        c.text.contains("is new") && c.text.contains("team rule"),
        "{}",
        c.text
    );
    assert!(!res
        .assignments
        .iter()
        .any(|a| a.request == 3 && a.expert == 0));
    assert_fixed_team_rules(inst, &policy, &res);
}

/// A new expert pinned before the experienced partner pinned after it is kept: the pins of a
/// request are judged together.
#[test]
fn a_new_expert_pinned_beside_an_experienced_one_is_kept() {
    let experts = include_str!("../../../../examples/teams/experts.csv");
    let requests =
        "id,org,role,themes,online,slot,experts_needed,experienced_min,priority,pinned_expert\n\
        R1,Het Baken,trainer,pesten,yes,wed-pm,2,1,2,E1|E2\n";
    let loaded = load_teams(experts, requests).unwrap();
    let res = batch::run(
        &loaded.instance,
        &Policy::default(),
        &SolveOptions::default(),
    );
    assert!(res.pin_conflicts.is_empty(), "{:?}", res.pin_conflicts);
    let pairs: Vec<(usize, usize)> = res
        .assignments
        .iter()
        .map(|a| (a.request, a.expert))
        .collect();
    assert_eq!(pairs, vec![(0, 0), (0, 1)]);
}
