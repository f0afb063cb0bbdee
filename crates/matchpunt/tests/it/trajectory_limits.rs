//! Trajectories in the one limit check (issue 24): `suggest` (and so `book`, the standbys and
//! the web booking, which call the same `batch::usage::limit`) accepts for a request exactly the
//! experts whose rolling budget carries its meetings in the window beside the week's bookings,
//! as the batch's pins and the solver's rules ([`matchpunt::teams::rules`]) count them.

use crate::common;
use matchpunt::batch;
use matchpunt::explain::{self, Booked, Miss};
use matchpunt::policy::Policy;
use proptest::prelude::*;
use std::collections::BTreeSet;

/// A batch of online buddy requests without slots (so only load and the rolling budget bind)
/// from (rolling budget, weekly budget, last week's load) per expert and (intensity, meetings,
/// every_weeks) per request, under a rolling window of `weeks` weeks.
fn batch_of(
    experts: &[(u32, u32, u32)],
    requests: &[(u32, u32, u32)],
    weeks: u32,
) -> (matchpunt::model::Instance, Policy) {
    let policy = Policy::from_toml(&format!("[rules]\nrolling_weeks = {weeks}\n"), "p").unwrap();
    let mut e = String::from(
        "id,roles,certified,themes,availability,online,place,rolling_budget,load_budget,max_assignments\n",
    );
    let mut h = String::from("week,expert,org,role,intensity\n");
    for (i, &(rolling, weekly, past)) in experts.iter().enumerate() {
        e.push_str(&format!(
            "E{i},buddy,yes,pesten,*,yes,Utrecht,{rolling},{weekly},9\n"
        ));
        if past > 0 {
            h.push_str(&format!("2026-W47,E{i},Elders,buddy,{past}\n"));
        }
    }
    let mut r = String::from("id,org,role,themes,online,intensity,meetings,every_weeks\n");
    for (j, &(intensity, meetings, every)) in requests.iter().enumerate() {
        r.push_str(&format!(
            "R{j},Org,buddy,pesten,yes,{intensity},{meetings},{every}\n"
        ));
    }
    let loaded =
        common::read(e.as_bytes(), r.as_bytes(), Some(h.as_bytes()), &policy).expect("reads");
    (loaded.instance, policy)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(96))]

    /// For every request and every eligible expert, with the other requests' bookings of the
    /// week: `suggest` accepts the expert exactly when the batch keeps them pinned there beside
    /// those bookings (no pin conflict), every accepted one fits the solver's rolling budget
    /// left, and the ones refused for the rolling budget are exactly those whose budget cannot
    /// carry intensity × meetings in the window (counted here from the rule itself).
    #[test]
    fn suggest_accepts_exactly_who_can_carry_the_trajectory(
        experts in prop::collection::vec((1u32..=14, 1u32..=6, 0u32..=4), 2..5),
        requests in prop::collection::vec((1u32..=3, 1u32..=5, 1u32..=3), 2..5),
        weeks in 1u32..=5,
        mask in any::<u32>(),
    ) {
        let (mut inst, policy) = batch_of(&experts, &requests, weeks);
        let (ne, nr) = (inst.experts.len(), inst.requests.len());
        // The week's bookings: some pins, kept as the batch keeps them.
        for j in 0..nr {
            inst.requests[j].pinned = (0..ne).filter(|&i| mask & (1 << ((j * ne + i) % 32)) != 0).take(1).collect();
        }
        let booked_all = batch::settle_pins(&inst, &policy).accepted;
        for r in &mut inst.requests {
            r.pinned.clear();
        }
        let meetings = |j: usize| inst.teams.window_meetings(j, weeks);
        for ri in 0..nr {
            let booked: Vec<(usize, usize)> = booked_all.iter().copied().filter(|p| p.0 != ri).collect();
            let b = Booked::from_pairs(&inst, &policy, booked.iter().copied());
            let s = explain::suggest(&inst, &policy, ri, Some(&b), 100);
            let accepted: BTreeSet<usize> = s.candidates.iter().map(|c| c.scored.pair.expert as usize).collect();
            let rolling_miss: BTreeSet<usize> = s.near.iter().filter(|n| matches!(n.miss, Miss::Rolling { .. })).map(|n| n.expert).collect();
            let rules = matchpunt::teams::rules(&inst, &policy, &booked);
            let r = &inst.requests[ri];
            for e in 0..ne {
                let ex = &inst.experts[e];
                // The batch's own check: the pins with this one added settle without conflict.
                let mut pinned = inst.clone();
                for &(pr, pe) in booked.iter().chain([(ri, e)].iter()) {
                    pinned.requests[pr].pinned.push(pe);
                }
                let keeps = batch::settle_pins(&pinned, &policy).conflicts.is_empty();
                prop_assert_eq!(accepted.contains(&e), keeps, "request {} expert {}", r.id, ex.id);
                // The rule itself: earlier weeks, this week's seats at their window meetings,
                // and this request's meetings in the window, within the rolling budget.
                let week_load: u32 = booked.iter().filter(|p| p.1 == e).map(|&(pr, _)| inst.requests[pr].intensity).sum();
                let week_rolling: u32 = booked.iter().filter(|p| p.1 == e).map(|&(pr, _)| inst.requests[pr].intensity * meetings(pr)).sum();
                let over = ex.rolling_budget.is_some_and(|rb| ex.rolling_used + week_rolling + r.intensity * meetings(ri) > rb);
                let weekly_fits = week_load + r.intensity <= ex.budget();
                prop_assert_eq!(rolling_miss.contains(&e), weekly_fits && over, "request {} expert {}", r.id, ex.id);
                if accepted.contains(&e) {
                    prop_assert!(!over);
                    // The solver's rules agree: the arc's rolling load fits what is left.
                    prop_assert!(rules.rolling_of(e as u32).is_none_or(|l| r.intensity * rules.meetings_of(ri as u32) <= l));
                }
            }
        }
    }
}

/// The same mechanism names the miss: a trajectory whose 4 meetings in the window take 8 of a
/// rolling budget of 6 is refused with the rolling budget's words, in English and Dutch, while
/// its first meeting alone would fit the week.
#[test]
fn the_refusal_names_the_meetings_in_the_window() {
    use matchpunt::messages::Lang;
    let (inst, policy) = batch_of(&[(6, 6, 0)], &[(2, 5, 1), (2, 1, 1)], 4);
    let s = explain::suggest(&inst, &policy, 0, None, 5);
    assert!(s.candidates.is_empty());
    assert_eq!(s.near.len(), 1);
    assert_eq!(
        s.near[0].miss,
        Miss::Rolling {
            meetings: 4,
            left: 6
        }
    );
    let v = explain::suggest_view(&inst, &policy, &s, None, Lang::En);
    let text = explain::render_suggest(&v, Lang::En);
    assert!(
        text.contains(
            "the rolling budget (6 left) cannot carry the trajectory's 4 meetings in the window"
        ),
        "{text}"
    );
    let nl = explain::render_suggest(
        &explain::suggest_view(&inst, &policy, &s, None, Lang::Nl),
        Lang::Nl,
    );
    assert!(
        nl.contains("het rollende budget (6 over) kan de 4 bijeenkomsten van het traject in het venster niet dragen"),
        "{nl}"
    );
    // The one-meeting request fits; beside the trajectory booked, it does not.
    assert_eq!(
        explain::suggest(&inst, &policy, 1, None, 5)
            .candidates
            .len(),
        1
    );
    let (inst, policy) = batch_of(&[(6, 6, 0)], &[(2, 3, 1), (1, 1, 1)], 4);
    let b = Booked::from_pairs(&inst, &policy, [(0, 0)]);
    let s = explain::suggest(&inst, &policy, 1, Some(&b), 5);
    assert!(s.candidates.is_empty(), "the trajectory holds 6 of 6");
    assert_eq!(
        s.near[0].miss,
        Miss::Rolling {
            meetings: 1,
            left: 0
        }
    );
    let text = explain::render_suggest(
        &explain::suggest_view(&inst, &policy, &s, None, Lang::En),
        Lang::En,
    );
    assert!(
        text.contains("beside the trajectory meetings already held"),
        "{text}"
    );
}

/// A heavy-theme trajectory meeting every `every` weeks under a heavy-theme pause of 2 weeks:
/// with `every ≤ 2` its second meeting would fall in the pause its first starts, so `suggest`
/// refuses every expert with the pause's words, the batch leaves it open (saying why) and a pin
/// on it is a conflict now rather than its later meetings later; every 3 weeks it is taken.
#[test]
fn a_heavy_trajectory_inside_the_pause_is_refused_now() {
    use matchpunt::messages::Lang;
    use matchpunt::solve::SolveOptions;
    let policy = Policy::from_toml("[rules]\nheavy_pause_weeks = 2\n", "p").unwrap();
    let experts = "id,roles,certified,themes,availability,online,place\n\
        E1,buddy,yes,trauma,*,yes,Utrecht\nE2,buddy,yes,trauma,*,yes,Utrecht\n";
    for (every, refused) in [(1, true), (2, true), (3, false)] {
        let requests = format!(
            "id,org,role,themes,online,meetings,every_weeks\nR1,Org,buddy,trauma,yes,3,{every}\n"
        );
        let inst = common::read(experts.as_bytes(), requests.as_bytes(), None, &policy)
            .unwrap()
            .instance;
        assert!(inst.requests[0].heavy);
        let s = explain::suggest(&inst, &policy, 0, None, 5);
        assert_eq!(s.candidates.is_empty(), refused, "every {every}");
        let res = batch::run(&inst, &policy, &SolveOptions::default());
        assert_eq!(res.assignments.is_empty(), refused, "every {every}");
        let mut pinned = inst.clone();
        pinned.requests[0].pinned = vec![0];
        let pins = batch::settle_pins(&pinned, &policy);
        assert_eq!(pins.conflicts.len(), usize::from(refused), "every {every}");
        if refused {
            assert_eq!(s.near.len(), 2);
            assert!(s.near.iter().all(|n| n.miss
                == Miss::HeavyTrajectory {
                    every_weeks: every,
                    pause: 2
                }));
            let text = explain::render_suggest(
                &explain::suggest_view(&inst, &policy, &s, None, Lang::En),
                Lang::En,
            );
            assert!(
                text.contains(&format!("a heavy-theme trajectory with {every} {} between its meetings would lose its later meetings to the heavy-theme pause of 2 weeks", if every == 1 { "week" } else { "weeks" })),
                "{text}"
            );
            let un = matchpunt::report::unmatched(&inst, &policy, &res);
            assert!(
                un[0]
                    .reason
                    .contains("kept from it by the heavy-theme pause"),
                "{}",
                un[0].reason
            );
            assert!(pins.conflicts[0]
                .text
                .contains("within the heavy-theme pause"));
        }
    }
}
