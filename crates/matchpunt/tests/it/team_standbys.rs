//! Standbys keep the team rules (trial 2, #2): over random team batches, every standby put in
//! place of the expert it stands in for, with the request's other proposals as they are, keeps
//! the team rules by a check written here apart from the solver; and the trial's three cases
//! (a new expert alone, a new expert beside a non-experienced one, a `not_with` pair).

use crate::common;
use matchpunt::batch;
use matchpunt::explain::{Base, FixBudget};
use matchpunt::policy::Policy;
use matchpunt::solve::{SolveOptions, Standing};
use proptest::prelude::*;
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;

fn opts() -> SolveOptions {
    SolveOptions {
        time_limit: None,
        node_limit: 100_000,
        ..SolveOptions::default()
    }
}

/// The team of request `r` (expert indexes) keeps the rules: no `not_with` pair, a new expert
/// only on a request of 2+ seats beside an experienced one, `experienced_min` experienced
/// experts (of the seats the team holds). The reason otherwise.
fn team_broken(
    inst: &matchpunt::model::Instance,
    standing: &[Standing],
    r: usize,
    team: &[usize],
) -> Option<String> {
    for (i, &a) in team.iter().enumerate() {
        for &b in &team[i + 1..] {
            if inst.teams.not_with.contains(&(a.min(b), a.max(b))) {
                return Some(format!("not_with {a} {b}"));
            }
        }
    }
    let q = &inst.requests[r];
    let exp = team
        .iter()
        .filter(|&&e| standing[e] == Standing::Experienced)
        .count() as u32;
    if team.iter().any(|&e| standing[e] == Standing::New) && (q.experts_needed < 2 || exp == 0) {
        return Some("a new expert without an experienced one".into());
    }
    let min = inst.teams.experienced_min.get(&r).copied().unwrap_or(0);
    if exp < min.min(team.len() as u32) {
        return Some(format!("{exp} experienced of {min}"));
    }
    None
}

/// Every standby of `inst`'s batch, put in place, keeps the team rules.
fn assert_standbys_keep_team_rules(inst: &matchpunt::model::Instance, policy: &Policy) -> usize {
    let res = batch::run(inst, policy, &opts());
    let base = Base::from_result(inst, policy, opts(), &res);
    let mut none = FixBudget {
        work: 0,
        ..FixBudget::for_run()
    };
    let standing = matchpunt::teams::standings(inst, policy);
    let standbys = base.standbys(3, &mut none);
    for s in &standbys {
        let mut team: Vec<usize> = base
            .experts_of(s.request)
            .into_iter()
            .filter(|&o| o != s.expert)
            .collect();
        team.push(s.standby);
        if let Some(why) = team_broken(inst, &standing, s.request, &team) {
            panic!(
                "standby {} for {} on {}: {why}",
                inst.experts[s.standby].id, inst.experts[s.expert].id, inst.requests[s.request].id
            );
        }
    }
    standbys.len()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(24))]
    /// Random team columns (new experts, `not_with` pairs, `experienced_min`, teams of 2-3):
    /// no standby listed breaks a team rule.
    #[test]
    fn no_standby_breaks_a_team_rule(
        seed in 0u64..10_000,
        experts in 4usize..40,
        requests in 2usize..30,
        new_share in 0u32..60,
        apart in 0u32..60,
        min_share in 0u32..60,
        experienced_after in 0u32..4,
    ) {
        let mut policy = Policy::default();
        policy.teams.experienced_after = experienced_after;
        let mut inst = common::instance(experts, requests, seed, &policy);
        let mut rng = ChaCha8Rng::seed_from_u64(seed);
        let week = inst.week.unwrap();
        for e in 0..inst.experts.len() {
            if rng.gen_range(0..100) < new_share {
                inst.teams.certified_on.insert(e, week.plus(-rng.gen_range(0..20)));
            }
            for f in e + 1..inst.experts.len() {
                if rng.gen_range(0..1000) < apart {
                    inst.teams.not_with.insert((e, f));
                }
            }
        }
        for r in 0..inst.requests.len() {
            if rng.gen_bool(0.5) {
                inst.requests[r].experts_needed = rng.gen_range(2..=3);
            }
            if rng.gen_range(0..100) < min_share {
                inst.teams.experienced_min.insert(r, rng.gen_range(1..=2));
            }
        }
        assert_standbys_keep_team_rules(&inst, &policy);
    }
}

const REQ_ONE: &str = "aanvraag_id;organisatie;rol;thema's;online;dagdeel;aantal;intensiteit\nR1;Kwintes;spreker;pesten;ja;ma-middag;1;2\n";
const REQ_TWO: &str = "aanvraag_id;organisatie;rol;thema's;online;dagdeel;aantal;intensiteit\nR1;Kwintes;trainer;pesten;ja;ma-middag;2;1\n";

fn standbys_of(experts: &str, requests: &str) -> Vec<(String, String)> {
    let policy = Policy::default();
    let inst = common::read(experts.as_bytes(), requests.as_bytes(), None, &policy)
        .expect("the trial's files load")
        .instance;
    assert_standbys_keep_team_rules(&inst, &policy);
    let res = batch::run(&inst, &policy, &opts());
    let base = Base::from_result(&inst, &policy, opts(), &res);
    let mut none = FixBudget {
        work: 0,
        ..FixBudget::for_run()
    };
    base.standbys(3, &mut none)
        .iter()
        .map(|s| {
            (
                inst.experts[s.expert].id.clone(),
                inst.experts[s.standby].id.clone(),
            )
        })
        .collect()
}

/// The trial's three cases: a new expert is no standby for a one-seat request, a
/// non-experienced one is no standby for the experienced partner of a new expert, and a
/// `not_with` pair is never made by a standby.
#[test]
fn the_trials_standbys_keep_the_team_rules() {
    let one = "id;naam;rollen;gecertificeerd;thema's;vermijd_thema's;woonplaats;online;beschikbaarheid;max_opdrachten;belastbaarheid;uitgesloten_organisaties;gecertificeerd_op;eerdere_inzetten\n\
        E1;Sam;spreker|trainer;ja;pesten|rouw;zelfmoord;Utrecht;ja;*;2;3;Gemeente Den Bosch;2020-01-01;10\n\
        E2;Noor;spreker|trainer;ja;pesten;;Utrecht;ja;*;2;4;;01-11-2026;0\n\
        E3;Daan;trainer;ja;pesten;;Utrecht;ja;*;2;4;;2020-01-01;1\n";
    let s = standbys_of(one, REQ_ONE);
    assert!(!s.iter().any(|(_, x)| x == "E2"), "{s:?}");
    let two = "id;naam;rollen;gecertificeerd;thema's;woonplaats;online;beschikbaarheid;max_opdrachten;belastbaarheid;gecertificeerd_op;eerdere_inzetten\n\
        E1;Sam;trainer;ja;pesten;Utrecht;ja;*;2;4;2020-01-01;10\n\
        E2;Noor;trainer;ja;pesten;Utrecht;ja;*;2;4;01-11-2026;0\n\
        E3;Daan;trainer;ja;pesten;Utrecht;ja;*;2;4;2020-01-01;1\n";
    let s = standbys_of(two, REQ_TWO);
    assert!(!s.contains(&("E1".into(), "E3".into())), "{s:?}");
    let three = "id;naam;rollen;gecertificeerd;thema's;woonplaats;online;beschikbaarheid;max_opdrachten;belastbaarheid;niet_samen_met\n\
        E1;Sam;trainer;ja;pesten;Utrecht;ja;*;2;4;E3\n\
        E2;Noor;trainer;ja;pesten;Utrecht;ja;*;2;4;\n\
        E3;Daan;trainer;ja;pesten;Utrecht;ja;*;2;4;\n";
    let s = standbys_of(three, REQ_TWO);
    assert!(!s.contains(&("E2".into(), "E3".into())), "{s:?}");
}
