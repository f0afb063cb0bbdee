//! The rules over weeks (issue: the weekly round): supervision (intervisie), the rolling load
//! budget, the heavy-theme pause, and declined history rows. Each rule is tested on both sides of
//! its boundary, through ingest, `eligibility::check` and a whole batch.

use crate::common::instance_of;
use matchpunt::batch;
use matchpunt::eligibility::{check, Reason};
use matchpunt::ingest::{self, parse_week_or_date, Inputs, Source};
use matchpunt::model::places::Places;
use matchpunt::model::{Instance, Supervision, Week};
use matchpunt::policy::Policy;
use matchpunt::solve::SolveOptions;

const WEEK: &str = "2026-W48";

fn load(experts: &str, requests: &str, history: Option<&str>, policy: &Policy) -> Instance {
    instance_of(experts, requests, history, policy)
}

fn policy(toml: &str) -> Policy {
    Policy::from_toml(toml, "policy.toml").unwrap()
}

const REQUESTS: &str = "id,org,role,themes,place,slot\nR1,Org,speaker,pesten,Utrecht,mon-am\nR2,Org,speaker,trauma,Utrecht,tue-am\n";

fn reasons(inst: &Instance, p: &Policy, r: usize) -> Vec<Reason> {
    check(inst, p, &inst.requests[r], &inst.experts[0])
        .iter()
        .collect()
}

#[test]
fn dates_and_weeks_of_a_supervision() {
    let w = |s: &str| parse_week_or_date(s).map(|w| w.to_string());
    assert_eq!(w("2026-W40").as_deref(), Some("2026-W40"));
    // 2026-11-24 is a Tuesday of week 48, written three ways.
    for s in [
        "2026-11-24",
        "24-11-2026",
        "24/11/2026",
        "24.11.2026",
        "2026-11-24 00:00:00",
    ] {
        assert_eq!(w(s).as_deref(), Some("2026-W48"), "{s}");
    }
    // Excel's serial for 2026-11-24 (days since 1899-12-30).
    assert_eq!(w("46350").as_deref(), Some("2026-W48"));
    for bad in ["31-02-2026", "2026-13-01", "gisteren", "11-24", "0"] {
        assert_eq!(w(bad), None, "{bad}");
    }
}

#[test]
fn supervision_on_both_sides_of_the_limit() {
    let p = Policy::default(); // within 8 weeks
    let expert = |last: &str| {
        format!("id,roles,certified,themes,place,availability,last_supervision\nE1,speaker,yes,pesten|trauma,Utrecht,*,{last}\n")
    };
    // Exactly 8 weeks before the batch week: deployable. 9: not.
    let inst = load(&expert("2026-W40"), REQUESTS, None, &p);
    assert_eq!(
        inst.experts[0].supervision,
        Supervision::Week(Week::parse("2026-W40").unwrap())
    );
    assert!(reasons(&inst, &p, 0).is_empty());
    let inst = load(&expert("2026-W39"), REQUESTS, None, &p);
    assert_eq!(reasons(&inst, &p, 0), [Reason::SupervisionLapsed]);
    // The column with an empty cell: never supervised, not deployed.
    let inst = load(&expert(""), REQUESTS, None, &p);
    assert_eq!(reasons(&inst, &p, 0), [Reason::SupervisionLapsed]);
    // Without the column nothing is checked.
    let inst = load(
        "id,roles,certified,themes,place,availability\nE1,speaker,yes,pesten,Utrecht,*\n",
        REQUESTS,
        None,
        &p,
    );
    assert_eq!(inst.experts[0].supervision, Supervision::NotChecked);
    assert!(reasons(&inst, &p, 0).is_empty());
}

#[test]
fn heavy_requests_may_ask_for_a_fresher_supervision() {
    let p = policy("[rules]\nsupervision_heavy_within_weeks = 4\n");
    let e = "id,roles,certified,themes,place,availability,last_supervision\nE1,speaker,yes,pesten|trauma,Utrecht,*,2026-W43\n";
    let inst = load(e, REQUESTS, None, &p);
    assert!(!inst.requests[0].heavy && inst.requests[1].heavy);
    // Five weeks ago: fine for the light request, too old for the heavy one (trauma).
    assert!(reasons(&inst, &p, 0).is_empty());
    assert_eq!(reasons(&inst, &p, 1), [Reason::SupervisionLapsed]);
    let e4 = e.replace("2026-W43", "2026-W44");
    let inst = load(&e4, REQUESTS, None, &p);
    assert!(reasons(&inst, &p, 1).is_empty());
}

const ONE_EXPERT: &str = "id,roles,certified,themes,place,availability,load_budget,max_assignments\nE1,speaker,yes,pesten|trauma,Utrecht,*,4,4\n";

/// History of E1: `load` in each of the weeks `back` before the batch week.
fn history(rows: &[(i64, u32, bool, bool)]) -> String {
    let now = Week::parse(WEEK).unwrap();
    let mut h = String::from("week,expert,org,role,intensity,themes,declined\n");
    for &(back, load, heavy, declined) in rows {
        h.push_str(&format!(
            "{},E1,Org,speaker,{load},{},{}\n",
            now.plus(-back),
            if heavy { "trauma" } else { "pesten" },
            if declined { "yes" } else { "no" }
        ));
    }
    h
}

#[test]
fn rolling_budget_counts_the_windows_earlier_weeks_only() {
    let p = policy("[rules]\nrolling_weeks = 4\nrolling_budget = 6\n");
    // Weeks 1-3 back are in the window; week 4 back is not; a declined row never counts.
    let h = history(&[
        (1, 2, false, false),
        (3, 2, false, false),
        (4, 5, false, false),
        (2, 3, false, true),
    ]);
    let inst = load(ONE_EXPERT, REQUESTS, Some(&h), &p);
    let e = &inst.experts[0];
    assert_eq!((e.rolling_used, e.budget()), (4, 2));
    // In a batch: two requests of intensity 1 and 2 (trauma is heavy: speaker 1 + 1), budget 2
    // left of the weekly 4: only one of them fits... both have intensity <= 2, total 3 > 2.
    let res = batch::run(&inst, &p, &SolveOptions::default());
    let used: u32 = res
        .assignments
        .iter()
        .map(|a| inst.requests[a.request].intensity)
        .sum();
    assert_eq!(res.assignments.len(), 1);
    assert!(used <= 2);
    // One point more of rolling budget: both fit (1 + 2 = 3).
    let p7 = policy("[rules]\nrolling_weeks = 4\nrolling_budget = 7\n");
    let inst = load_again(&h, &p7);
    assert_eq!(inst.experts[0].budget(), 3);
    assert_eq!(
        batch::run(&inst, &p7, &SolveOptions::default())
            .assignments
            .len(),
        2
    );
    // An expert's own column wins over the policy's default.
    let own = ONE_EXPERT
        .replace("max_assignments\n", "max_assignments,rolling_budget\n")
        .replace(",4,4\n", ",4,4,100\n");
    let inst = load(&own, REQUESTS, Some(&h), &p);
    assert_eq!(inst.experts[0].budget(), 4);
}

fn load_again(h: &str, p: &Policy) -> Instance {
    load(ONE_EXPERT, REQUESTS, Some(h), p)
}

#[test]
fn heavy_pause_on_both_sides_of_its_end() {
    let p = policy("[rules]\nheavy_pause_weeks = 2\n");
    // A heavy seat 2 weeks back: still in the pause for the heavy request, not for the light one.
    let inst = load_again(&history(&[(2, 1, true, false)]), &p);
    assert_eq!(reasons(&inst, &p, 1), [Reason::HeavyPause]);
    assert!(reasons(&inst, &p, 0).is_empty());
    // 3 weeks back: the pause is over.
    let inst = load_again(&history(&[(3, 1, true, false)]), &p);
    assert!(reasons(&inst, &p, 1).is_empty());
    // A declined heavy seat did not take place.
    let inst = load_again(&history(&[(1, 1, true, true)]), &p);
    assert!(reasons(&inst, &p, 1).is_empty());
    // Off by default.
    let d = Policy::default();
    let inst = load_again(&history(&[(1, 1, true, false)]), &d);
    assert!(reasons(&inst, &d, 1).is_empty());
    // The batch never assigns the paused pair.
    let inst = load_again(&history(&[(1, 1, true, false)]), &p);
    let res = batch::run(&inst, &p, &SolveOptions::default());
    assert!(res.assignments.iter().all(|a| a.request == 0));
}

#[test]
fn a_bad_supervision_cell_is_located() {
    let e = "id,roles,certified,themes,place,availability,last_supervision\nE1,speaker,yes,pesten,Utrecht,*,vorige week\n";
    let inputs = Inputs {
        experts: Source::new("experts.csv", e.as_bytes()),
        requests: Source::new("requests.csv", REQUESTS.as_bytes()),
        history: None,
    };
    let err = ingest::load(
        inputs,
        &Places::bundled(),
        &Policy::default(),
        crate::common::week48(),
    )
    .unwrap_err()
    .to_string();
    assert!(
        err.contains(
            "experts.csv:2:7 (G2): column 'last_supervision': \"vorige week\": expected a date"
        ),
        "{err}"
    );
}

/// The relative rolling budget (`rolling_share`, issue 25): over 4 weeks at most
/// `floor(share × 4 × load_budget)` points. E1's weekly budget is 4, so a share of 0.375 is 6
/// points and 0.4375 is 7: the same two sides of the boundary as the absolute budget above, in
/// ingest and in a whole batch, and the same limit scales with each expert's own weekly budget.
#[test]
fn relative_rolling_budget_on_both_sides_of_its_boundary() {
    let h = history(&[(1, 2, false, false), (3, 2, false, false)]);
    let p6 = policy("[rules]\nrolling_weeks = 4\nrolling_share = 0.375\n");
    let inst = load(ONE_EXPERT, REQUESTS, Some(&h), &p6);
    assert_eq!(inst.experts[0].rolling_budget, Some(6));
    assert_eq!(inst.experts[0].budget(), 2);
    let res = batch::run(&inst, &p6, &SolveOptions::default());
    assert_eq!(res.assignments.len(), 1, "6 - 4 = 2 points: one of 1 + 2");
    let p7 = policy("[rules]\nrolling_weeks = 4\nrolling_share = 0.4375\n");
    let inst = load(ONE_EXPERT, REQUESTS, Some(&h), &p7);
    assert_eq!(inst.experts[0].budget(), 3);
    let res = batch::run(&inst, &p7, &SolveOptions::default());
    assert_eq!(res.assignments.len(), 2, "7 - 4 = 3 points: both");
    // Relative to the expert's own weekly budget: load_budget 8 doubles the limit (12 points).
    let big = ONE_EXPERT.replace(",4,4\n", ",8,4\n");
    let inst = load(&big, REQUESTS, Some(&h), &p6);
    assert_eq!(inst.experts[0].rolling_budget, Some(12));
    // With an absolute budget too, the smaller limit holds.
    let both = policy("[rules]\nrolling_weeks = 4\nrolling_share = 0.4375\nrolling_budget = 6\n");
    let inst = load(ONE_EXPERT, REQUESTS, Some(&h), &both);
    assert_eq!(inst.experts[0].rolling_budget, Some(6));
    // Out of range is refused when the policy is read.
    for bad in ["1.5", "-0.1", "nan"] {
        let e = Policy::from_toml(&format!("[rules]\nrolling_share = {bad}\n"), "p.toml");
        assert!(e.is_err(), "rolling_share = {bad} was accepted");
    }
}

/// The heavy-theme pause within the batch week (issue 25 item 3): with the pause on, one expert
/// gets at most one heavy-theme seat this week. E1 can take three requests (budget 8, up to 4
/// assignments): two heavy ones and a light one, in different slots.
const THREE: &str = "id,org,role,themes,place,slot\nR1,Org,speaker,trauma,Utrecht,mon-am\nR2,Org,speaker,trauma,Utrecht,tue-am\nR3,Org,speaker,pesten,Utrecht,wed-am\n";

fn heavy_seats(inst: &Instance, res: &batch::BatchResult) -> usize {
    res.assignments
        .iter()
        .filter(|a| inst.requests[a.request].heavy)
        .count()
}

#[test]
fn heavy_pause_allows_one_heavy_seat_within_the_week() {
    let roomy = ONE_EXPERT.replace(",4,4\n", ",8,4\n");
    // Pause off: both heavy seats and the light one (only the budget bounds them).
    let off = Policy::default();
    let inst = load(&roomy, THREE, None, &off);
    let res = batch::run(&inst, &off, &SolveOptions::default());
    assert_eq!((res.assignments.len(), heavy_seats(&inst, &res)), (3, 2));
    // Pause on: one heavy seat and the light one; which heavy one is the better pair.
    let on = policy("[rules]\nheavy_pause_weeks = 1\n");
    let inst = load(&roomy, THREE, None, &on);
    let res = batch::run(&inst, &on, &SolveOptions::default());
    assert!(res.proven);
    assert_eq!((res.assignments.len(), heavy_seats(&inst, &res)), (2, 1));
    // One heavy request only: the boundary itself (one seat) is allowed.
    let two = "id,org,role,themes,place,slot\nR1,Org,speaker,trauma,Utrecht,mon-am\nR3,Org,speaker,pesten,Utrecht,wed-am\n";
    let inst = load(&roomy, two, None, &on);
    let res = batch::run(&inst, &on, &SolveOptions::default());
    assert_eq!((res.assignments.len(), heavy_seats(&inst, &res)), (2, 1));
    // A heavy seat in the history within the pause: no heavy seat this week at all.
    let h = history(&[(1, 1, true, false)]);
    let inst = load(&roomy, THREE, Some(&h), &on);
    let res = batch::run(&inst, &on, &SolveOptions::default());
    assert_eq!((res.assignments.len(), heavy_seats(&inst, &res)), (1, 0));
}

/// Pins keep the pause within the week too: a second heavy pin of the same expert is a pin
/// conflict, and the solver adds no heavy seat beside a pinned one.
#[test]
fn heavy_pause_within_the_week_holds_against_pins() {
    let roomy = ONE_EXPERT.replace(",4,4\n", ",8,4\n");
    let on = policy("[rules]\nheavy_pause_weeks = 1\n");
    let pinned = THREE
        .replace("slot\n", "slot,pinned_expert\n")
        .replace("mon-am\n", "mon-am,E1\n")
        .replace("tue-am\n", "tue-am,E1\n")
        .replace("wed-am\n", "wed-am,\n");
    let inst = load(&roomy, &pinned, None, &on);
    let res = batch::run(&inst, &on, &SolveOptions::default());
    assert_eq!(res.pin_conflicts.len(), 1, "{:?}", res.pin_conflicts);
    assert!(res.pin_conflicts[0]
        .text
        .contains("second heavy-theme seat"));
    assert_eq!(heavy_seats(&inst, &res), 1);
    // One heavy pin: the other heavy request stays open, the light one is filled.
    let one = THREE
        .replace("slot\n", "slot,pinned_expert\n")
        .replace("mon-am\n", "mon-am,E1\n")
        .replace("tue-am\n", "tue-am,\n")
        .replace("wed-am\n", "wed-am,\n");
    let inst = load(&roomy, &one, None, &on);
    let res = batch::run(&inst, &on, &SolveOptions::default());
    assert!(res.pin_conflicts.is_empty());
    assert_eq!((res.assignments.len(), heavy_seats(&inst, &res)), (2, 1));
}
