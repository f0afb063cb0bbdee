//! `suggest` and `explain` against independent references:
//! - every suggested expert is eligible and within their limits, and the list is the top K of
//!   an independent scoring of the all-pairs rule check (property test);
//! - a runner-up's exact cost equals a brute-force re-solve on a hand-made instance, and the
//!   text says what holds her back;
//! - every fix is real: applying the change and re-running the whole batch fills the seat, with
//!   the objective change and the seats lost elsewhere as stated (property test).

use matchpunt::batch::{self, BatchResult};
use matchpunt::eligibility::{candidates_all_pairs, check};
use matchpunt::explain::{self, Base, Booked, Change, FixBudget, Fixes, WeekUse};
use matchpunt::ingest::{load, Inputs, Source};
use matchpunt::messages::Lang;
use matchpunt::model::Instance;
use matchpunt::policy::Policy;
use matchpunt::scoring::{score_pairs, to_units};
use matchpunt::solve::SolveOptions;
use proptest::prelude::*;

fn generated(experts: usize, requests: usize, seed: u64) -> Instance {
    crate::common::instance(experts, requests, seed, &Policy::default())
}

fn from_csv(e: &[u8], r: &[u8], h: Option<&[u8]>) -> Instance {
    let inputs = Inputs {
        experts: Source::new("experts.csv", e),
        requests: Source::new("requests.csv", r),
        history: h.map(|h| Source::new("history.csv", h)),
    };
    let week = crate::common::week48_unless_given();
    load(inputs, crate::common::places(), &Policy::default(), week)
        .unwrap()
        .instance
}

/// Work limits, not time limits, so that a slow machine cannot change an answer.
fn opts() -> SolveOptions {
    SolveOptions {
        time_limit: None,
        node_limit: 100_000,
        ..SolveOptions::default()
    }
}

fn filled(res: &BatchResult, r: usize) -> u32 {
    res.assignments.iter().filter(|a| a.request == r).count() as u32
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 24, ..ProptestConfig::default() })]

    #[test]
    fn suggest_is_the_top_k_of_an_independent_scoring(
        seed in 0u64..10_000,
        top in 1usize..8,
        booked_seed in 0u64..1_000,
    ) {
        let inst = generated(60, 40, seed);
        let policy = Policy::default();
        // Bookings: the batch's own assignments of half the requests.
        let res = batch::run(&inst, &policy, &opts());
        let pairs: Vec<(usize, usize)> = res
            .assignments
            .iter()
            .filter(|a| (a.request as u64 + booked_seed).is_multiple_of(2))
            .map(|a| (a.request, a.expert))
            .collect();
        let booked = Booked::from_pairs(&inst, &policy, pairs.iter().copied());
        let all = candidates_all_pairs(&inst, &policy);
        let scored = score_pairs(&inst, &policy, &all);
        for ri in 0..inst.requests.len() {
            for with in [false, true] {
                let b = with.then_some(&booked);
                let s = explain::suggest(&inst, &policy, ri, b, top);
                let r = &inst.requests[ri];
                let none = WeekUse::default();
                // The reference: every eligible pair of this request from the all-pairs check,
                // within limits, by score minus spread, then file order. The load limit is the
                // effective budget (`Expert::budget`: the weekly budget and what the rolling
                // budget leaves), the one the solver keeps.
                let mut reference: Vec<(f64, usize)> = scored
                    .iter()
                    .filter(|x| x.pair.request as usize == ri)
                    .filter_map(|x| {
                        let e = x.pair.expert as usize;
                        let u = b.map_or(none, |b| b.uses[e]);
                        let ex = &inst.experts[e];
                        let ok = r.slot.is_none_or(|sl| u.slots & (1 << sl.0) == 0)
                            && u.count < ex.max_assignments
                            && u.load + r.intensity <= ex.budget();
                        ok.then_some((x.score - policy.objective.batch_spread * u.count as f64, e))
                    })
                    .collect();
                reference.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
                let got: Vec<usize> = s.candidates.iter().map(|c| c.scored.pair.expert as usize).collect();
                let want: Vec<usize> = reference.iter().take(top).map(|x| x.1).collect();
                prop_assert_eq!(&got, &want, "request {}", r.id);
                prop_assert_eq!(s.free, reference.len());
                for c in &s.candidates {
                    let e = &inst.experts[c.scored.pair.expert as usize];
                    prop_assert!(check(&inst, &policy, r, e).is_eligible());
                    let u = b.map_or(none, |b| b.uses[c.scored.pair.expert as usize]);
                    prop_assert!(u.count < e.max_assignments);
                    prop_assert!(u.load + r.intensity <= e.budget());
                }
            }
        }
    }

}

proptest! {
    #![proptest_config(ProptestConfig { cases: 8, ..ProptestConfig::default() })]

    /// The web page's first view ([`Base::explain_request_first`]) needs no re-solve and shows
    /// no guess: over random batches, every field of it that needs no re-solve equals the full
    /// view's, each runner-up's cost and the open seats' fixes are marked as being computed (no
    /// figure), and the first view filled in by [`Base::fill_request_costs`] is exactly
    /// `explain_request`'s view.
    #[test]
    fn the_first_view_is_the_full_view_without_its_costs_and_fills_in_to_it(
        seed in 0u64..10_000,
        top in 1usize..6,
        dutch in any::<bool>(),
    ) {
        let inst = generated(60, 40, seed);
        let policy = Policy::default();
        let res = batch::run(&inst, &policy, &opts());
        let base = Base::from_result(&inst, &policy, opts(), &res);
        let lang = if dutch { Lang::Nl } else { Lang::En };
        let pending = lang.text(matchpunt::messages::Msg::FixesPending);
        let computing = if dutch { "kosten worden berekend" } else { "cost being computed" };
        for r in 0..inst.requests.len() {
            let first = base.explain_request_first(r, top, lang);
            let full = base.explain_request(r, top, lang);
            let mut filled = first.clone();
            base.fill_request_costs(&mut filled, r, top, lang, None);
            prop_assert_eq!(format!("{filled:?}"), format!("{full:?}"));
            // Everything else is the full view's.
            let same = |v: &explain::ExplainRequestView| format!(
                "{} {} {:?} {:?} {} {} {} {:?} {:?} {:?} {}",
                v.schema, v.lang, v.week, v.request, v.filled, v.objective, v.proven,
                v.assigned, v.never_eligible, v.pin_conflicts, v.text,
            );
            prop_assert_eq!(same(&first), same(&full));
            prop_assert_eq!(first.runners_up.len(), full.runners_up.len());
            for (a, b) in first.runners_up.iter().zip(&full.runners_up) {
                prop_assert_eq!(
                    (&a.expert, &a.name, a.score, a.score_diff, &a.assigned_to, a.limit),
                    (&b.expert, &b.name, b.score, b.score_diff, &b.assigned_to, b.limit)
                );
                prop_assert!(a.objective_change.is_none() && !a.proven && a.changes.is_empty());
                prop_assert!(a.refused.is_none());
                prop_assert!(a.text.ends_with(computing), "{}", a.text);
            }
            prop_assert_eq!(first.open.is_some(), full.open.is_some());
            if let (Some(a), Some(b)) = (&first.open, &full.open) {
                prop_assert_eq!(a.seats_open, b.seats_open);
                prop_assert!(a.fixes.is_empty());
                prop_assert_eq!(a.no_fix.as_deref(), Some(pending));
                // The reason is the full one unless it waits for the fixes.
                let waits = a.why.contains(if dutch { "wordt berekend" } else { "is being computed" });
                prop_assert!(waits || a.why == b.why, "{} / {}", a.why, b.why);
            }
        }
    }
}

/// Every fix is real: over random generated batches, applying each change and re-running the
/// whole batch fills the seat, and the objective change and the seats changed elsewhere are
/// exactly as stated.
#[test]
fn every_fix_fills_its_seat_when_the_whole_batch_is_re_run() {
    let mut checked = 0;
    let mut kinds = std::collections::BTreeSet::new();
    for seed in 0..30 {
        let inst = generated(40, 30, seed);
        let policy = Policy::default();
        let res = batch::run(&inst, &policy, &opts());
        let base = Base::from_result(&inst, &policy, opts(), &res);
        let booked = base.booked();
        let unmatched = matchpunt::report::unmatched(&inst, &policy, &res);
        let mut budget = FixBudget::for_explain();
        for u in &unmatched {
            let Fixes::Found(fixes) = base.fixes(u.request, &booked, 3, &mut budget) else {
                continue;
            };
            for f in fixes {
                let mut changed = inst.clone();
                f.change.apply(&mut changed);
                let again = batch::run(&changed, &policy, &opts());
                assert!(again.proven);
                let name = &inst.requests[u.request].id;
                assert!(
                    filled(&again, u.request) > filled(&res, u.request),
                    "seed {seed}: {:?} does not fill {name}",
                    f.change
                );
                assert_eq!(
                    again.objective - res.objective,
                    f.outcome.delta,
                    "seed {seed}: {:?}",
                    f.change
                );
                for r in 0..inst.requests.len() {
                    let stated = f.outcome.seats.iter().find(|s| s.0 == r);
                    match stated {
                        Some(&(_, before, after)) => {
                            assert_eq!((filled(&res, r), filled(&again, r)), (before, after));
                        }
                        None => assert_eq!(
                            filled(&again, r),
                            filled(&res, r),
                            "seed {seed}: {:?}",
                            f.change
                        ),
                    }
                }
                checked += 1;
                kinds.insert(f.change.code());
            }
        }
    }
    assert!(checked >= 30, "only {checked} fixes checked");
    assert!(kinds.len() >= 3, "only {kinds:?}");
}

/// Runner-ups' costs are exact: the re-solve with the pair forced, against the full batch re-run
/// with the pair pinned, on generated batches.
#[test]
fn runner_up_cost_equals_a_full_re_run_with_the_pair_pinned() {
    let mut total = 0;
    for seed in 0..6 {
        let inst = generated(50, 35, seed);
        let policy = Policy::default();
        let res = batch::run(&inst, &policy, &opts());
        let base = Base::from_result(&inst, &policy, opts(), &res);
        let mut tried = 0;
        for (i, s) in res.scored.iter().enumerate().filter(|(i, _)| i % 3 == 0) {
            let (r, e) = (s.pair.request as usize, s.pair.expert as usize);
            if base.assigned.iter().any(|a| a.0 == r && a.1 == e) {
                continue;
            }
            let change = Change::Pin {
                request: r,
                expert: e,
            };
            let o = base.evaluate(&change, usize::MAX).unwrap();
            let mut pinned = inst.clone();
            change.apply(&mut pinned);
            let again = batch::run(&pinned, &policy, &opts());
            assert_eq!(
                again.objective - res.objective,
                o.delta,
                "seed {seed} arc {i}"
            );
            assert_eq!(
                o.refused.is_some(),
                again
                    .pin_conflicts
                    .iter()
                    .any(|c| c.request == r && c.expert == e)
            );
            tried += 1;
        }
        total += tried;
    }
    assert!(total > 20, "only {total} pairs tried");
}

/// A hand-made week: Sanne fits R1 best, but her load budget is used by R2, which only she can
/// take. The batch gives R1 to Bram; putting Sanne in instead leaves R2 without an expert.
const EXPERTS: &str = "\
id,name,roles,certified,themes,place,max_travel_km,availability,max_assignments,load_budget,birth_year
E1,Sanne,speaker,yes,pesten|angst,Utrecht,30,*,2,2,2000
E2,Bram,speaker,yes,pesten,Zeist,30,*,2,4,2000
E3,Noor,trainer,yes,angst,Utrecht,30,*,2,4,2000
";
const REQUESTS: &str = "\
id,org,role,themes,place,slot,intensity,priority
R1,Gemeente Utrecht,speaker,pesten|angst,Utrecht,wed-pm,1,2
R2,Hogeschool Utrecht,speaker,angst,Utrecht,thu-pm,2,2
R3,Hogeschool Utrecht,trainer,depressie,Utrecht,thu-pm,1,2
";

/// Every feasible assignment of a tiny batch, and the best objective among those containing
/// `forced` (None: all).
fn brute_force(inst: &Instance, policy: &Policy, forced: Option<(usize, usize)>) -> i64 {
    let pairs = candidates_all_pairs(inst, policy);
    let scored = score_pairs(inst, policy, &pairs);
    let spread = to_units(policy.objective.batch_spread);
    let mut best = i64::MIN;
    for mask in 0u32..(1 << scored.len()) {
        let chosen: Vec<usize> = (0..scored.len()).filter(|i| mask & (1 << i) != 0).collect();
        let pair = |i: usize| {
            (
                scored[i].pair.request as usize,
                scored[i].pair.expert as usize,
            )
        };
        if let Some(f) = forced {
            if !chosen.iter().any(|&i| pair(i) == f) {
                continue;
            }
        }
        let mut count = vec![0u32; inst.experts.len()];
        let mut load = vec![0u32; inst.experts.len()];
        let mut slots = vec![0u32; inst.experts.len()];
        let mut seats = vec![0u32; inst.requests.len()];
        let mut value = 0;
        let mut ok = true;
        for &i in &chosen {
            let (r, e) = pair(i);
            let req = &inst.requests[r];
            value += scored[i].value - spread * count[e] as i64;
            count[e] += 1;
            load[e] += req.intensity;
            seats[r] += 1;
            if let Some(s) = req.slot {
                ok &= slots[e] & (1 << s.0) == 0;
                slots[e] |= 1 << s.0;
            }
        }
        for (e, x) in inst.experts.iter().enumerate() {
            ok &= count[e] <= x.max_assignments && load[e] <= x.load_budget;
        }
        for (r, x) in inst.requests.iter().enumerate() {
            ok &= seats[r] <= x.experts_needed;
        }
        if ok {
            best = best.max(value);
        }
    }
    best
}

#[test]
fn runner_up_held_back_by_her_load_budget_costs_exactly_what_brute_force_says() {
    let inst = from_csv(EXPERTS.as_bytes(), REQUESTS.as_bytes(), None);
    let policy = Policy::default();
    let res = batch::run(&inst, &policy, &opts());
    assert!(res.proven);
    assert_eq!(res.objective, brute_force(&inst, &policy, None));
    let base = Base::from_result(&inst, &policy, opts(), &res);
    let (r1, sanne, bram) = (0, 0, 1);
    assert_eq!(
        base.experts_of(r1),
        vec![bram],
        "the batch gives R1 to Bram"
    );
    let forced = brute_force(&inst, &policy, Some((r1, sanne)));
    let o = base
        .evaluate(
            &Change::Pin {
                request: r1,
                expert: sanne,
            },
            usize::MAX,
        )
        .unwrap();
    assert_eq!(o.delta, forced - res.objective);
    assert!(o.delta < 0);
    assert_eq!(o.seats_lost_elsewhere(r1), vec![1], "R2 is left open");

    let view = base.explain_request(r1, 3, Lang::En);
    let sanne_up = &view.runners_up[0];
    assert_eq!(sanne_up.expert, "E1");
    assert!(sanne_up.score_diff.unwrap() > 0.0, "Sanne fits better");
    assert_eq!(sanne_up.limit, Some("at-load-budget"));
    let points = (forced - res.objective) as f64 / 1000.0;
    assert_eq!(sanne_up.objective_change, Some(points));
    let text = &sanne_up.text;
    assert!(text.contains("would carry load 3 of 2 this week"), "{text}");
    assert!(text.contains(&format!("{points:.1} in total")), "{text}");
    assert!(text.contains("R2 is left without an expert"), "{text}");
    // Dutch, from the same table.
    let nl = base.explain_request(r1, 3, Lang::Nl);
    let t = &nl.runners_up[0].text;
    assert!(t.contains("zou deze week 3 van 2 belasting dragen"), "{t}");
    assert!(t.contains("R2 blijft zonder deskundige"), "{t}");
    assert!(t.contains(&format!("{points:.1}").replace('.', ",")), "{t}");
}

#[test]
fn near_misses_never_tell_which_rule_3_or_4_reason() {
    // Noor avoids a theme of R1; Daan may not work for the organisation; both would fit else.
    let experts = "\
id,name,roles,certified,themes,avoid_themes,place,availability,excluded_orgs
E1,Noor,speaker,yes,pesten,angst,Utrecht,*,
E2,Daan,speaker,yes,pesten,,Utrecht,*,Gemeente Utrecht
E3,Sem,speaker,yes,pesten,,Utrecht,mon-am,
";
    let requests =
        "id,org,role,themes,place,slot\nR1,Gemeente Utrecht,speaker,pesten|angst,Utrecht,wed-pm\n";
    let inst = from_csv(experts.as_bytes(), requests.as_bytes(), None);
    let policy = Policy::default();
    let s = explain::suggest(&inst, &policy, 0, None, 5);
    assert!(s.candidates.is_empty());
    for lang in [Lang::En, Lang::Nl] {
        let mut v = explain::suggest_view(&inst, &policy, &s, None, lang);
        // The request's own themes (which the caller gave) are shown as the request's; no
        // other place may name the avoided one.
        assert_eq!(v.request.themes, ["pesten", "angst"]);
        v.request.themes.clear();
        let json = format!("{v:?}");
        assert!(!json.contains("angst"), "{json}");
        assert!(!json.contains("avoid"), "{json}");
        assert!(!json.contains("excluded"), "{json}");
        // Neither personal reason is a near miss: only rules 5-8 and the week's limits are.
        let ids: Vec<&str> = v.near_misses.iter().map(|n| n.expert.as_str()).collect();
        assert_eq!(ids, ["E3"], "{json}");
        assert_eq!(v.near_misses[0].code, "slot-unavailable");
        assert!(v.near_misses.iter().all(|n| n.code != "not-now"));
    }
}

#[test]
fn an_age_near_miss_says_how_far_and_the_policys_limit() {
    let experts = "\
id,name,roles,certified,themes,place,availability,birth_year
E1,Lotte,buddy,yes,angst,Utrecht,*,1990
E2,Sem,buddy,yes,angst,Utrecht,*,2004
";
    let requests = "id,org,role,themes,place,slot,client_age\nR1,Gemeente Utrecht,buddy,angst,Utrecht,wed-pm,16\n";
    let inst = from_csv(experts.as_bytes(), requests.as_bytes(), None);
    let policy = Policy::default();
    let s = explain::suggest(&inst, &policy, 0, None, 5);
    let v = explain::suggest_view(&inst, &policy, &s, None, Lang::En);
    assert_eq!(v.candidates[0].expert, "E2");
    let n = &v.near_misses[0];
    assert_eq!((n.expert.as_str(), n.code), ("E1", "age-gap"));
    // 2026 - 1990 = 36, 20 years from 16; the default limit is 10.
    assert!(
        n.text
            .contains("20 years apart in age from the young person (at most 10)"),
        "{}",
        n.text
    );
}

#[test]
fn the_experts_stopped_by_rule_3_or_4_are_not_named() {
    // Both speakers exclude the organisation: nobody is left at rule 4.
    let experts = "\
id,name,roles,certified,themes,place,availability,excluded_orgs
E1,Noor,speaker,yes,pesten,Utrecht,*,Gemeente Utrecht
E2,Daan,speaker,yes,pesten,Utrecht,*,Gemeente Utrecht
";
    let requests =
        "id,org,role,themes,place,slot\nR1,Gemeente Utrecht,speaker,pesten,Utrecht,wed-pm\n";
    let inst = from_csv(experts.as_bytes(), requests.as_bytes(), None);
    let policy = Policy::default();
    for lang in [Lang::En, Lang::Nl] {
        let t = explain::funnel_text(&inst, &policy, &inst.requests[0], lang).unwrap();
        assert!(!t.contains("E1") && !t.contains("E2"), "{t}");
        // Two would single them out: the count reads "fewer than 3", the rule "rules 3-4".
        assert!(!t.contains('2') || t.contains("3-4"), "{t}");
        assert!(
            t.contains("fewer than 3") || t.contains("minder dan 3"),
            "{t}"
        );
        assert!(t.contains("3-4"), "{t}");
    }
}

/// The fix column's search is bounded by its work budget, and the work of a try counts its
/// re-solve (pairs times nodes times [`explain::PASSES_PER_NODE`]), not only the pairs: a
/// budget of one try's worth buys one try, whatever the solve inside it does.
#[test]
fn the_search_for_fixes_charges_its_re_solves_and_stops_at_the_budget() {
    let inst = generated(300, 400, 11);
    let policy = Policy::default();
    let res = batch::run(&inst, &policy, &opts());
    let base = Base::from_result(&inst, &policy, opts(), &res);
    let booked = base.booked();
    let unmatched = matchpunt::report::unmatched(&inst, &policy, &res);
    let u = unmatched
        .iter()
        .find(|u| base.part_size(u.request) > 1000)
        .expect("a 300 x 400 batch has a large component with an open seat");
    let pairs = res.problem.arcs.len();
    let one_try = pairs + base.part_size(u.request) * explain::PASSES_PER_NODE;
    let mut budget = FixBudget {
        work: one_try,
        ties: true,
        ..FixBudget::for_run()
    };
    let fixes = base.fixes(u.request, &booked, 3, &mut budget);
    assert_eq!(budget.work, 0, "one try uses the whole budget");
    match fixes {
        Fixes::Found(v) => assert_eq!(v.len(), 1, "one try finds at most one fix"),
        other => assert!(matches!(other, Fixes::NoneFound | Fixes::WorkLimit)),
    }
    // The next request finds the budget spent.
    let mut spent = budget;
    assert_eq!(
        base.fixes(u.request, &booked, 1, &mut spent),
        Fixes::WorkLimit
    );
}

/// With the run's time limit already over, the fix column re-solves nothing: a seat with
/// candidate changes says the time limit was reached; one without any says so as before.
#[test]
fn the_fix_column_stops_at_the_runs_deadline() {
    let inst = generated(40, 30, 3);
    let policy = Policy::default();
    let res = batch::run(&inst, &policy, &opts());
    let unmatched = matchpunt::report::unmatched(&inst, &policy, &res);
    assert!(!unmatched.is_empty());
    let past = std::time::Instant::now();
    let rows = explain::with_fixes(
        &inst,
        &policy,
        &opts(),
        &res,
        unmatched,
        Some(past),
        Lang::En,
    );
    for u in &rows {
        assert!(
            u.fix.contains("time limit") || u.fix.starts_with("no single change"),
            "{}",
            u.fix
        );
    }
    assert!(rows.iter().any(|u| u.fix.contains("time limit")));
}

/// Given assignments that pair an expert with a request they may not take are refused with one
/// text whether the cause is an avoided theme or an excluded organisation (rules 3-4 are one
/// stage), in either language, naming the pair and no theme or organisation.
#[test]
fn assignments_that_break_rule_3_or_4_are_refused_with_one_text() {
    let requests =
        "id,org,role,themes,place,slot\nR1,Gemeente Utrecht,speaker,pesten|angst,Utrecht,wed-pm\n";
    let avoids = "id,name,roles,certified,themes,avoid_themes,place,availability,excluded_orgs\n\
                  E1,Noor,speaker,yes,pesten,angst,Utrecht,*,\n";
    let excludes = "id,name,roles,certified,themes,avoid_themes,place,availability,excluded_orgs\n\
                    E1,Noor,speaker,yes,pesten,,Utrecht,*,Gemeente Utrecht\n";
    let policy = Policy::default();
    let mut texts = Vec::new();
    for experts in [avoids, excludes] {
        let inst = from_csv(experts.as_bytes(), requests.as_bytes(), None);
        let err = match explain::Base::from_assignments(&inst, &policy, opts(), &[(0, 0, false)]) {
            Ok(_) => panic!("an ineligible pair was accepted"),
            Err(e) => e,
        };
        assert!(matches!(
            err,
            explain::AssignmentsMismatch::NotEligible {
                stage: Some(matchpunt::eligibility::Stage::Personal),
                ..
            }
        ));
        let both = [err.text(Lang::En), err.text(Lang::Nl)];
        for t in &both {
            assert!(
                t.contains("E1") && t.contains("R1") && t.contains("3-4"),
                "{t}"
            );
            assert!(!t.contains("angst") && !t.contains("Gemeente"), "{t}");
        }
        assert!(
            both[1].contains("regels 3-4") || both[1].contains("regel"),
            "{}",
            both[1]
        );
        texts.push(both);
    }
    assert_eq!(texts[0], texts[1]);
}

/// `suggest` (and so the phone form and `book`, which share [`explain::limit_miss`]) keeps the
/// week's limits as the batch does: with the heavy-theme pause on, an expert who holds a
/// heavy-theme seat this week is a near miss for a second one, not a candidate; without the
/// pause, or for a light request, they stay a candidate. And the rolling budget counts:
/// a request over what it leaves is a near miss.
#[test]
fn suggest_keeps_the_heavy_pause_and_the_rolling_budget_of_the_week() {
    let experts = "\
id,name,roles,certified,themes,place,availability,load_budget,max_assignments
E1,Noor,speaker,yes,trauma|pesten,Utrecht,*,10,3
";
    let requests = "\
id,org,role,themes,place,slot,intensity
R1,Gemeente Utrecht,speaker,trauma,Utrecht,mon-am,1
R2,Gemeente Utrecht,speaker,trauma,Utrecht,wed-pm,1
R3,Gemeente Utrecht,speaker,pesten,Utrecht,fri-am,1
";
    let inst = from_csv(experts.as_bytes(), requests.as_bytes(), None);
    assert!(inst.requests[0].heavy && inst.requests[1].heavy && !inst.requests[2].heavy);
    let paused = Policy::from_toml("[rules]\nheavy_pause_weeks = 1\n", "p").unwrap();
    let booked = explain::Booked::from_pairs(&inst, &paused, [(0, 0)]);
    let s = explain::suggest(&inst, &paused, 1, Some(&booked), 5);
    assert!(s.candidates.is_empty(), "a second heavy seat in the pause");
    let v = explain::suggest_view(&inst, &paused, &s, None, Lang::En);
    assert_eq!(v.near_misses[0].code, "heavy-theme-pause");
    // A light request, or no pause: a candidate.
    assert_eq!(
        explain::suggest(&inst, &paused, 2, Some(&booked), 5)
            .candidates
            .len(),
        1
    );
    let free = Policy::default();
    assert_eq!(
        explain::suggest(&inst, &free, 1, Some(&booked), 5)
            .candidates
            .len(),
        1
    );
    // The rolling budget leaves 1 point: the second seat (intensity 1 on top of 1) is over it.
    let mut tight = inst.clone();
    tight.experts[0].rolling_budget = Some(1);
    let s = explain::suggest(&tight, &free, 2, Some(&booked), 5);
    assert!(s.candidates.is_empty(), "over the rolling budget");
}

/// Given assignments over an expert's limit are refused naming the expert and the limit in
/// the reader's language, not the solver's indexes.
#[test]
fn assignments_over_a_limit_name_the_expert_and_the_limit() {
    let experts = "id,name,roles,certified,themes,place,availability,max_assignments\n\
                   E1,Noor,speaker,yes,pesten,Utrecht,*,1\n";
    let requests = "id,org,role,themes,place,slot\n\
                    R1,Gemeente Utrecht,speaker,pesten,Utrecht,mon-am\n\
                    R2,Gemeente Utrecht,speaker,pesten,Utrecht,wed-pm\n";
    let inst = from_csv(experts.as_bytes(), requests.as_bytes(), None);
    let policy = Policy::default();
    let pairs = [(0, 0, false), (1, 0, false)];
    let err = match explain::Base::from_assignments(&inst, &policy, opts(), &pairs) {
        Ok(_) => panic!("two assignments for a maximum of one were accepted"),
        Err(e) => e,
    };
    assert_eq!(
        err.text(Lang::En),
        "the assignments give E1 2 assignments, at most 1 this week: re-run the batch on these inputs"
    );
    assert!(
        err.text(Lang::Nl).contains("E1 2 inzetten"),
        "{}",
        err.text(Lang::Nl)
    );
}
