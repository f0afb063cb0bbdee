//! No starvation (issue 25 item 2): the waiting advantage of an expert without a seat for
//! weeks, read from history; its growth, its bound (never worth a seat: filling comes first),
//! and its effect on a batch on both sides of the point where it changes the choice.

use crate::common::{assert_hard_rules, instance};
use matchpunt::batch;
use matchpunt::ingest::{self, Inputs, Source};
use matchpunt::model::places::Places;
use matchpunt::model::{Instance, Week};
use matchpunt::policy::Policy;
use matchpunt::scoring::{history_stats, waiting_points, ExpertHistory};
use matchpunt::solve::SolveOptions;
use proptest::prelude::*;

const WEEK: &str = "2026-W48";

fn load(experts: &str, requests: &str, history: &str, policy: &Policy) -> Instance {
    let inputs = Inputs {
        experts: Source::new("experts.csv", experts.as_bytes()),
        requests: Source::new("requests.csv", requests.as_bytes()),
        history: Some(Source::new("history.csv", history.as_bytes())),
    };
    let choice = crate::common::week48();
    match ingest::load(inputs, &Places::bundled(), policy, choice) {
        Ok(l) => l.instance,
        Err(e) => panic!("does not load:\n{e}"),
    }
}

/// History rows: (expert, weeks back, declined).
fn history(rows: &[(&str, i64, bool)]) -> String {
    let now = Week::parse(WEEK).unwrap();
    let mut h = String::from("week,expert,org,role,intensity,declined\n");
    for &(e, back, declined) in rows {
        h.push_str(&format!(
            "{},{e},Org,speaker,1,{}\n",
            now.plus(-back),
            if declined { "yes" } else { "no" }
        ));
    }
    h
}

const EXPERTS: &str = "id,roles,certified,themes,place,availability\nE1,speaker,yes,pesten,Utrecht,*\nE2,speaker,yes,pesten,Amersfoort,*\nE3,speaker,yes,pesten,Utrecht,*\n";
const ONE_REQUEST: &str =
    "id,org,role,themes,place,slot\nR1,Lister,speaker,pesten,Utrecht,mon-am\n";

#[test]
fn weeks_without_a_seat_come_from_the_history() {
    let p = Policy::default();
    // E1 had a seat last week; E2 three weeks back (and a declined one last week, which did
    // not take place); E3 none in the five weeks the history goes back.
    let h = history(&[
        ("E1", 1, false),
        ("E1", 5, false),
        ("E2", 3, false),
        ("E2", 1, true),
    ]);
    let inst = load(EXPERTS, ONE_REQUEST, &h, &p);
    let waited: Vec<u32> = history_stats(&inst, &p).iter().map(|s| s.waited).collect();
    assert_eq!(waited, [0, 2, 5]);
    // Without history nobody has waited (there is nothing to tell).
    let inst = load(EXPERTS, ONE_REQUEST, "week,expert,org,role,intensity\n", &p);
    assert!(history_stats(&inst, &p).iter().all(|s| s.waited == 0));
}

#[test]
fn the_advantage_grows_by_equal_steps_and_stops() {
    let mut p = Policy::default();
    p.objective.waiting_bonus = 40.0;
    p.history.waiting_weeks = 4;
    let at_in = |p: &Policy, w: u32| {
        waiting_points(
            p,
            &ExpertHistory {
                waited: w,
                ..ExpertHistory::default()
            },
        )
    };
    let at = |w: u32| at_in(&p, w);
    let got: Vec<f64> = (0..7).map(at).collect();
    assert_eq!(got, [0.0, 10.0, 20.0, 30.0, 40.0, 40.0, 40.0]);
    assert_eq!(at(u32::MAX), 40.0);
    // Off with either setting at 0.
    p.history.waiting_weeks = 0;
    assert_eq!(at_in(&p, 9), 0.0);
}

/// The bound: the advantage is at most half of the smallest seat value, so that it never
/// outweighs a seat. Both sides of the limit, and the limit follows `seat_low`.
#[test]
fn the_advantage_never_outweighs_a_seat() {
    let ok = Policy::from_toml("[objective]\nwaiting_bonus = 50\n", "p.toml");
    assert!(ok.is_ok());
    let e = Policy::from_toml("[objective]\nwaiting_bonus = 50.1\n", "p.toml").unwrap_err();
    assert!(
        e.to_string().contains("objective.waiting_bonus = 50.1")
            && e.to_string().contains("at most half of objective.seat_low"),
        "{e}"
    );
    let low = Policy::from_toml("[objective]\nseat_low = 40\nwaiting_bonus = 21\n", "p");
    assert!(low.is_err());
    // On generated batches: a pair's value is its seat, its score and at most that bound.
    let mut p = Policy::default();
    p.objective.waiting_bonus = 50.0;
    p.history.waiting_weeks = 1;
    let inst = instance(60, 40, 3, &p);
    let res = batch::run(&inst, &p, &SolveOptions::default());
    let mut waited = 0;
    for s in &res.scored {
        let seat = p.seat_value(inst.requests[s.pair.request as usize].priority);
        assert!((0.0..=p.objective.seat_low / 2.0).contains(&s.waiting));
        let points = s.value as f64 / 1000.0;
        assert!((points - (seat + s.score + s.waiting)).abs() <= 0.05 + 1e-9);
        waited += usize::from(s.waiting > 0.0);
    }
    assert!(waited > 0, "no expert had waited: the test proves nothing");
}

/// The policy the next test's arithmetic was made for (the default before issue 25: batch
/// spread 5, continuity 15, fair spread 10, role experience 10, no rolling budget), written out
/// so that the test keeps its meaning when the default changes.
fn fixed_policy() -> Policy {
    let mut p = Policy::default();
    p.rules.rolling_weeks = 4;
    p.rules.rolling_share = None;
    p.objective.batch_spread = 5.0;
    p.weights.continuity = 15.0;
    p.weights.fair_spread = 10.0;
    p.weights.role_experience = 10.0;
    p
}

/// On a batch: E2 is the farther expert (a lower score), E1 had a seat last week. Without the
/// advantage E1 gets the request; with it, E2 does once E2 has waited long enough, and not
/// one week before.
#[test]
fn the_waiting_expert_gets_the_seat_past_the_point_where_it_counts() {
    let two = "id,roles,certified,themes,place,availability\nE1,speaker,yes,pesten,Utrecht,*\nE2,speaker,yes,pesten,Amersfoort,*\n";
    let chosen = |bonus: f64, e2_back: i64| {
        let mut p = fixed_policy();
        p.objective.waiting_bonus = bonus;
        p.history.waiting_weeks = 4;
        let h = history(&[("E1", 1, false), ("E2", e2_back, false)]);
        let inst = load(two, ONE_REQUEST, &h, &p);
        let res = batch::run(&inst, &p, &SolveOptions::default());
        assert_eq!(res.assignments.len(), 1);
        inst.experts[res.assignments[0].expert].id.clone()
    };
    assert_eq!(chosen(0.0, 6), "E1");
    // The score difference of the two pairs, then the advantage on either side of it.
    let mut p = fixed_policy();
    p.objective.waiting_bonus = 0.0;
    let h = history(&[("E1", 1, false), ("E2", 6, false)]);
    let inst = load(two, ONE_REQUEST, &h, &p);
    let res = batch::run(&inst, &p, &SolveOptions::default());
    let diff = res.scored[0].score - res.scored[1].score;
    assert!(diff > 0.0, "E1 must be the better pair: {diff}");
    // A full advantage of 4 x diff + 0.4 over 4 weeks. With E2's seat 2 weeks back, its fair
    // spread and recent load are lower than with it 6 weeks back (the gap is wider than diff),
    // so one week of waiting (diff + 0.1) is not enough; two weeks (2 x diff + 0.2) are.
    let bonus = 4.0 * diff + 0.4;
    assert_eq!(
        chosen(bonus, 2),
        "E1",
        "waited 1 week: {} points",
        bonus / 4.0
    );
    assert_eq!(
        chosen(bonus, 3),
        "E2",
        "waited 2 weeks: {} points",
        bonus / 2.0
    );
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(24))]
    /// Fill first: on generated batches with four weeks of history, the largest advantage the
    /// policy allows fills as many seats as no advantage at all, and keeps every hard rule.
    #[test]
    fn the_advantage_does_not_cost_a_seat(seed in 0u64..10_000, experts in 5usize..60, requests in 5usize..60) {
        let mut on = Policy::default();
        on.objective.waiting_bonus = on.objective.seat_low / 2.0;
        on.history.waiting_weeks = 2;
        let mut off = on.clone();
        off.objective.waiting_bonus = 0.0;
        let opts = SolveOptions { time_limit: None, ..SolveOptions::default() };
        let inst = instance(experts, requests, seed, &on);
        let with = batch::run(&inst, &on, &opts);
        assert_hard_rules(&inst, &on, &with);
        let without = batch::run(&inst, &off, &opts);
        prop_assert!(with.assignments.len() >= without.assignments.len(),
            "{} seats with the advantage, {} without", with.assignments.len(), without.assignments.len());
    }
}
