//! Metrics on a hand-made batch with values worked out by hand, the reference strategies (every
//! hard rule on generated batches; greedy's first-come answer beaten by the exact solver), and
//! the simulation's history feedback.

use crate::common::{self, instance_of};

use matchpunt::analysis::metrics::{self, Fill};
use matchpunt::analysis::simulate::{Contender, Rolling, Roster, Settings, WeekInput};
use matchpunt::batch::strategy::{self, Strategy};
use matchpunt::batch::{self, BatchResult};
use matchpunt::eligibility::{candidates, check};
use matchpunt::model::{Instance, Week};
use matchpunt::policy::Policy;
use matchpunt::scoring::score_pairs;
use matchpunt::solve::{self, SolveOptions};
use proptest::prelude::*;

const WEEK: &str = "2026-W48";

fn week() -> Week {
    Week::parse(WEEK).unwrap()
}

fn load_csv(experts: &str, requests: &str, history: Option<&str>, policy: &Policy) -> Instance {
    instance_of(experts, requests, history, policy)
}

const EXPERTS: &str = "\
id,roles,certified,themes,place,availability,max_assignments,load_budget,active
E1,buddy|speaker,yes,pesten,Utrecht,*,3,4,yes
E2,buddy,yes,pesten,Zeist,*,3,4,yes
E3,speaker,yes,pesten,Amsterdam,*,3,2,yes
E4,speaker,yes,pesten,Amsterdam,*,3,4,yes
E5,adviser,yes,trauma,Utrecht,*,3,4,no
";

const REQUESTS: &str = "\
id,org,role,themes,place,online,experts_needed,intensity,priority,pinned_expert
R1,Org A,buddy,pesten|trauma,Utrecht,no,1,2,3,
R2,Org B,buddy,pesten,Utrecht,no,1,2,2,
R3,Org C,speaker,pesten,Amsterdam,no,2,1,2,E3
R4,Org D,speaker,pesten,,yes,1,1,1,
R5,Org E,adviser,trauma,Utrecht,no,1,1,2,
";

const HISTORY: &str = "\
week,expert,org,role,intensity
2026-W47,E2,Org B,buddy,1
";

const ASSIGNMENTS: &str = "\
request,expert
R1,E1
R4,E1
R2,E2
R3,E3
";

#[test]
fn metrics_of_a_hand_made_batch() {
    let policy = Policy::default();
    let inst = load_csv(EXPERTS, REQUESTS, Some(HISTORY), &policy);
    let scored = score_pairs(&inst, &policy, &candidates(&inst, &policy));
    let (assignments, warnings) =
        metrics::assignments_from_csv(&inst, &policy, &scored, ASSIGNMENTS.as_bytes(), "a.csv")
            .unwrap();
    assert!(warnings.is_empty(), "{warnings:?}");
    assert_eq!(assignments.len(), 4);
    let places = crate::common::places();
    let provinces = metrics::request_provinces(&inst, places);
    assert_eq!(
        provinces,
        ["Utrecht", "Utrecht", "Noord-Holland", "online", "Utrecht"]
    );
    let m = metrics::of_assignments(&inst, &policy, &scored, &assignments, &provinces);

    // Seats: 1 + 1 + 2 + 1 + 1 = 6 asked; R1, R2, R4 and one of R3's two filled.
    assert_eq!(
        m.seats,
        Fill {
            asked: 6,
            filled: 4
        }
    );
    assert!((m.seats.rate() - 4.0 / 6.0).abs() < 1e-12);
    // By role: buddy R1, R2 (2 of 2); adviser R5 (0 of 1); trainer none; speaker R3 + R4
    // (2 of 3).
    let f = |asked, filled| Fill { asked, filled };
    assert_eq!(m.by_role, [f(2, 2), f(1, 0), f(0, 0), f(3, 2)]);
    // By priority: low R4 (1 of 1); normal R2, R3, R5 (2 of 4); urgent R1 (1 of 1).
    assert_eq!(m.by_priority, [f(1, 1), f(4, 2), f(1, 1)]);
    // By province: Noord-Holland R3 (1 of 2), Utrecht R1, R2, R5 (2 of 3), online R4 (1 of 1).
    assert_eq!(
        m.by_province,
        vec![
            ("Noord-Holland".to_string(), f(2, 1)),
            ("Utrecht".to_string(), f(3, 2)),
            ("online".to_string(), f(1, 1)),
        ]
    );
    let rows = m.rows();
    let row = |name: &str| rows.iter().find(|r| r.name == name).unwrap().value;
    assert!((row("fill_rate.province.Utrecht") - 2.0 / 3.0).abs() < 1e-12);
    assert!((row("fill_rate.speaker") - 2.0 / 3.0).abs() < 1e-12);

    // Active experts E1..E4 hold [2, 1, 1, 0] (E5 is on leave): sorted [0, 1, 1, 2], n = 4,
    // sum 4: G = (-3*0 - 1*1 + 1*1 + 3*2) / (4 * 4) = 6 / 16.
    assert_eq!((m.experts_active, m.experts_used), (4, 3));
    assert!((m.gini - 0.375).abs() < 1e-12, "{}", m.gini);
    assert!((m.share_used() - 0.75).abs() < 1e-12);
    // Load shares of E1 (2 + 1 of 4), E2 (2 of 4), E3 (1 of 2): [0.5, 0.5, 0.75];
    // p90 by nearest rank: rank ceil(0.9 * 3) = 3, so 0.75.
    assert!((m.load_share_mean - (0.75 + 0.5 + 0.5) / 3.0).abs() < 1e-12);
    assert_eq!(m.load_share_p90, 0.75);
    assert_eq!(m.load_share_max, 0.75);
    // Travel: R1-E1 and R3-E3 are 0 km, R2-E2 is Zeist-Utrecht, R4 is online (not counted):
    // sorted [0, 0, d], mean d / 3, p90 rank 3 = d.
    let d = places
        .get("Zeist")
        .unwrap()
        .location
        .distance_km(places.get("Utrecht").unwrap().location);
    assert!(d > 5.0 && d < 15.0, "{d}");
    assert!((m.travel_km_mean - d / 3.0).abs() < 1e-9);
    assert!((m.travel_km_p90 - d).abs() < 1e-9);
    // Continuity: only E2 worked for Org B before: 1 of 4 seats.
    assert_eq!(m.continuity_rate, 0.25);
    // Heavy themes: R1 (trauma) is E1's; over the used experts [1, 0, 0].
    assert!((m.heavy_per_expert_mean - 1.0 / 3.0).abs() < 1e-12);
    assert_eq!(m.heavy_per_expert_max, 1);
    // The one pin (R3 pins E3) is honoured.
    assert_eq!((m.pins_asked, m.pins_kept), (1, 1));
    assert_eq!(m.pins_honoured(), 1.0);
    // Mean score: the scores of the four pairs.
    let mean: f64 = assignments
        .iter()
        .map(|a| scored[a.scored].score)
        .sum::<f64>()
        / 4.0;
    assert!((m.mean_score - mean).abs() < 1e-12);
}

#[test]
fn an_assignments_file_that_breaks_a_rule_is_refused_or_warned() {
    let policy = Policy::default();
    let inst = load_csv(EXPERTS, REQUESTS, None, &policy);
    let scored = score_pairs(&inst, &policy, &candidates(&inst, &policy));
    // E5 is on leave and is no speaker; R9 does not exist.
    let bad = "request;expert\nR3;E5\nR9;E1\n";
    let e = metrics::assignments_from_csv(&inst, &policy, &scored, bad.as_bytes(), "a.csv")
        .unwrap_err()
        .0;
    assert!(
        e.contains("a.csv:2: E5 to R3 breaks the hard rules (rule 1: inactive"),
        "{e}"
    );
    assert!(
        e.contains("a.csv:3: request \"R9\" is not in the requests file"),
        "{e}"
    );
    // Over E3's budget (2): R3 and R4 would be 1 + 1 = 2, fine; add R3 twice: rule 10 error.
    let twice = "request,expert\nR3,E3\nR3,E3\n";
    let e = metrics::assignments_from_csv(&inst, &policy, &scored, twice.as_bytes(), "a.csv")
        .unwrap_err()
        .0;
    assert!(e.contains("twice (rule 10)"), "{e}");
    // E2 (budget 4) on R1 and R2 (2 + 2) is fine; three seats for E1 with max 3 too; E3 on R3
    // and R4 plus a budget of 2 is fine. A load over the budget is a warning.
    let over = "request,expert\nR1,E1\nR2,E1\nR4,E1\n";
    let (_, warnings) =
        metrics::assignments_from_csv(&inst, &policy, &scored, over.as_bytes(), "a.csv").unwrap();
    assert_eq!(
        warnings,
        ["E1 carries load 5, more than the load budget 4 (rule 9)"]
    );
}

/// The first-come case: R1 could go to either expert, R2 only to E1. Greedy gives R1 the first
/// expert in file order (E1), so R2 stays empty; the exact solver sends R1 to E2 and fills both.
#[test]
fn greedy_first_come_is_beaten_by_the_exact_solver() {
    let experts = "\
id,roles,certified,themes,place,availability,max_assignments,load_budget
E1,buddy,yes,pesten|angst,Utrecht,*,1,4
E2,buddy,yes,pesten,Utrecht,*,1,4
";
    let requests = "\
id,org,role,themes,place,experts_needed,intensity
R1,Org A,buddy,pesten,Utrecht,1,2
R2,Org B,buddy,angst,Utrecht,1,2
";
    let policy = Policy::default();
    let inst = load_csv(experts, requests, None, &policy);
    let opts = SolveOptions::default();
    let pairs = |res: &BatchResult| common::id_pairs(&inst, res);
    let greedy = batch::run_with(&inst, &policy, &opts, Strategy::Greedy);
    assert_eq!(pairs(&greedy), [("R1".into(), "E1".into())]);
    assert!(!greedy.proven);
    let exact = batch::run_with(&inst, &policy, &opts, Strategy::Exact);
    assert_eq!(
        pairs(&exact),
        [("R1".into(), "E2".into()), ("R2".into(), "E1".into())]
    );
    assert!(exact.proven && exact.objective > greedy.objective);
    let mw = batch::run_with(&inst, &policy, &opts, Strategy::MaxWeight);
    assert_eq!(pairs(&mw), pairs(&exact));
}

fn generated(experts: usize, requests: usize, seed: u64, policy: &Policy) -> Instance {
    common::instance(experts, requests, seed, policy)
}

/// Every hard rule in `res`: rules 1-8 per pair, 8-10 over the batch, 11 for pins; and the
/// reported objective is the assignment's value under the policy.
fn assert_hard_rules(inst: &Instance, policy: &Policy, res: &BatchResult) {
    let n = inst.experts.len();
    let (mut count, mut load, mut slots) = (vec![0u32; n], vec![0u32; n], vec![0u32; n]);
    let mut seats = vec![0u32; inst.requests.len()];
    let mut pairs = std::collections::HashSet::new();
    for a in &res.assignments {
        let (r, e) = (&inst.requests[a.request], &inst.experts[a.expert]);
        assert!(check(inst, policy, r, e).is_eligible(), "rules 1-8");
        assert!(pairs.insert((a.request, a.expert)), "rule 10: twice");
        count[a.expert] += 1;
        load[a.expert] += r.intensity;
        seats[a.request] += 1;
        if let Some(s) = r.slot {
            assert_eq!(slots[a.expert] & (1 << s.0), 0, "rule 8: {}", e.id);
            slots[a.expert] |= 1 << s.0;
        }
    }
    for (i, e) in inst.experts.iter().enumerate() {
        assert!(count[i] <= e.max_assignments, "rule 9 count: {}", e.id);
        assert!(load[i] <= e.load_budget, "rule 9 load: {}", e.id);
    }
    for (i, r) in inst.requests.iter().enumerate() {
        assert!(seats[i] <= r.experts_needed, "rule 10: {}", r.id);
        for &ei in &r.pinned {
            let assigned = res
                .assignments
                .iter()
                .any(|a| a.request == i && a.expert == ei && a.pinned);
            let conflict = res
                .pin_conflicts
                .iter()
                .any(|c| c.request == i && c.expert == ei);
            assert!(
                assigned != conflict,
                "rule 11: {} {}",
                r.id,
                inst.experts[ei].id
            );
        }
    }
    let spread = matchpunt::scoring::to_units(policy.objective.batch_spread);
    let mut held = vec![0i64; n];
    let mut total = 0;
    for a in &res.assignments {
        total += res.scored[a.scored].value - spread * held[a.expert];
        held[a.expert] += 1;
    }
    assert_eq!(total, res.objective);
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(24))]
    /// Greedy and max-weight keep every hard rule on generated batches under random policies,
    /// and the exact solver's objective is never below theirs.
    #[test]
    fn reference_strategies_keep_every_hard_rule(
        seed in 0u64..10_000,
        experts in 1usize..70,
        requests in 1usize..70,
        budget in 0u32..7,
        max_assignments in 0u32..4,
        spread in prop::sample::select(vec![0.0, 5.0, 150.0]),
        travel in prop::sample::select(vec![10.0, 25.0, 80.0]),
    ) {
        let mut policy = Policy::default();
        policy.rules.default_load_budget = budget;
        policy.rules.default_max_assignments = max_assignments;
        policy.objective.batch_spread = spread;
        policy.rules.default_max_travel_km = travel;
        let inst = generated(experts, requests, seed, &policy);
        let opts = SolveOptions { time_limit: None, node_limit: 300, ..SolveOptions::default() };
        let exact = batch::run_with(&inst, &policy, &opts, Strategy::Exact);
        for s in Strategy::REFERENCES {
            let res = batch::run_with(&inst, &policy, &opts, s);
            assert_hard_rules(&inst, &policy, &res);
            prop_assert!(!res.proven);
            prop_assert_eq!(solve::evaluate(&res.problem, &res.solution.chosen), Ok(res.solution.objective));
            if exact.proven {
                prop_assert!(exact.objective >= res.objective, "{} beats the optimum", s);
            }
        }
    }
}

#[test]
fn max_weight_drops_only_the_spread_and_fairness_terms() {
    let p = strategy::max_weight_policy(&Policy::default());
    let d = Policy::default();
    assert_eq!(p.objective.batch_spread, 0.0);
    assert_eq!((p.weights.recent_load, p.weights.fair_spread), (0.0, 0.0));
    assert_eq!(p.weights.theme_fit, d.weights.theme_fit);
    assert_eq!(p.weights.continuity, d.weights.continuity);
    assert_eq!(p.rules, d.rules);
}

/// History feedback: E1 takes the only week-1 request (only E1 speaks English). In week 2 the
/// same kind of request comes from another organisation: under a policy that weights recent
/// load and fair spread, E1 scores lower than before week 1; under one that does not, the same.
#[test]
fn an_expert_loaded_in_week_1_scores_lower_in_week_2_only_when_recent_load_counts() {
    let experts = "\
id,roles,certified,themes,place,availability,load_budget,languages
E1,buddy,yes,pesten,Utrecht,*,4,nl|en
E2,buddy,yes,pesten,Utrecht,*,4,nl
";
    let week1 = "id,org,role,themes,place,intensity,language\nR1,Org A,buddy,pesten,Utrecht,2,en\n";
    let week2 = "id,org,role,themes,place,intensity,language\nR1,Org B,buddy,pesten,Utrecht,2,nl\n";
    let roster = Roster {
        experts_name: "experts.csv".into(),
        experts: experts.as_bytes().to_vec(),
        joiners: Vec::new(),
    };
    let wk = |k: i64, text: &str| WeekInput {
        week: week().plus(k),
        requests_name: format!("week{k}.csv"),
        requests: text.as_bytes().to_vec(),
        joined: 0,
        away: Vec::new(),
    };
    let (w1, w2) = (wk(0, week1), wk(1, week2));
    let mut weighted = Policy::default();
    weighted.weights.continuity = 0.0;
    weighted.weights.role_experience = 0.0;
    let mut unweighted = weighted.clone();
    unweighted.weights.recent_load = 0.0;
    unweighted.weights.fair_spread = 0.0;
    let settings = Settings {
        decline_rate: 0.0,
        ..Settings::default()
    };
    let places = crate::common::places();
    let e1_score = |state: &Rolling, policy: &Policy| -> f64 {
        let inst = state.week_instance(&roster, &w2, policy, places).unwrap();
        let scored = score_pairs(&inst, policy, &candidates(&inst, policy));
        scored
            .iter()
            .find(|s| inst.experts[s.pair.expert as usize].id == "E1")
            .unwrap()
            .score
    };
    for (policy, lower) in [(&weighted, true), (&unweighted, false)] {
        let mut state = Rolling::new(Vec::new());
        let before = e1_score(&state, policy);
        let contender = Contender {
            name: "p".into(),
            policy: policy.clone(),
            strategy: Strategy::Exact,
        };
        let rec = state
            .step(&roster, &w1, &contender, &settings, places)
            .unwrap();
        assert_eq!(rec.assignments.len(), 1);
        assert_eq!(rec.assignments[0].expert, "E1");
        assert_eq!(state.history.len(), 1);
        let after = e1_score(&state, policy);
        if lower {
            // recent_load 1 - 2/4 (its weight x 0.5) and fair_spread 1/(1 + 1) (its weight
            // x 0.5).
            let drop = 0.5 * (policy.weights.recent_load + policy.weights.fair_spread);
            assert!((before - after - drop).abs() < 1e-9, "{before} -> {after}");
        } else {
            assert_eq!(before, after);
        }
    }
}
