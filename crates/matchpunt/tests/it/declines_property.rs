//! A decline is an exclusion of one (request, expert) pair that every candidate list of the
//! week goes through (trial 3, #14-#16): `suggest` (the list, the near misses and the teams),
//! and `explain` of a base of given assignments (runners-up, fixes, standbys, the count of
//! free experts), whose reason for an open seat comes from the same facts as its fixes.

use matchpunt::batch::{self, round};
use matchpunt::explain::{self, Base, FixBudget};
use matchpunt::messages::Lang;
use matchpunt::model::Instance;
use matchpunt::policy::Policy;
use matchpunt::solve::SolveOptions;
use proptest::prelude::*;

fn opts() -> SolveOptions {
    SolveOptions {
        time_limit: None,
        node_limit: 20_000,
        ..SolveOptions::default()
    }
}

/// Some eligible pairs of `inst` as declines, drawn by `pick` (sorted, as the weekly round
/// keeps them).
fn some_declines(inst: &Instance, policy: &Policy, pick: u64) -> Vec<(usize, usize)> {
    let cands = matchpunt::eligibility::candidates(inst, policy);
    let mut out: Vec<(usize, usize)> = cands
        .iter()
        .enumerate()
        .filter(|(i, _)| (*i as u64 * 2_654_435_761 + pick).is_multiple_of(3))
        .map(|(_, p)| (p.request as usize, p.expert as usize))
        .collect();
    out.sort_unstable();
    out
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 10, ..ProptestConfig::default() })]

    /// Nobody who declined a request is suggested for it: not as a candidate, not as a near
    /// miss, not in a proposed team; the others are suggested as without the declines.
    #[test]
    fn suggest_never_puts_forward_a_declined_pair(seed in 0u64..10_000, pick in 0u64..100) {
        let policy = Policy::default();
        let inst = crate::common::instance(30, 14, seed, &policy);
        let declined = some_declines(&inst, &policy, pick);
        for ri in 0..inst.requests.len() {
            let s = explain::suggest_except(&inst, &policy, ri, None, usize::MAX, &declined);
            let out = |e: usize| declined.binary_search(&(ri, e)).is_ok();
            for c in &s.candidates {
                prop_assert!(!out(c.scored.pair.expert as usize));
            }
            for n in &s.near {
                prop_assert!(!out(n.expert));
            }
            for t in s.teams.iter().flatten() {
                prop_assert!(t.iter().all(|&e| !out(e)));
            }
            let all = explain::suggest(&inst, &policy, ri, None, usize::MAX);
            let kept: Vec<u32> = all
                .candidates
                .iter()
                .map(|c| c.scored.pair.expert)
                .filter(|&e| !out(e as usize))
                .collect();
            let got: Vec<u32> = s.candidates.iter().map(|c| c.scored.pair.expert).collect();
            prop_assert_eq!(got, kept);
        }
    }

    /// `explain` of assignments made before the declines: no runner-up, fix or standby puts a
    /// declined pair forward, a declined assignment's seat is open, and an open seat's reason
    /// never says that putting a free expert in lowers the objective while a fix raises it.
    #[test]
    fn explain_of_a_week_with_declines_never_puts_one_forward(seed in 0u64..10_000, pick in 0u64..100) {
        let policy = Policy::default();
        let inst = crate::common::instance(24, 10, seed, &policy);
        let res = batch::run(&inst, &policy, &opts());
        let pairs: Vec<(usize, usize, bool)> = res
            .assignments
            .iter()
            .map(|a| (a.request, a.expert, a.pinned))
            .collect();
        // Decline some of the assignments themselves too: their seats open.
        let mut declined = some_declines(&inst, &policy, pick);
        declined.extend(pairs.iter().filter(|p| !p.2).step_by(2).map(|p| (p.0, p.1)));
        declined.sort_unstable();
        declined.dedup();
        let Ok(base) = Base::from_assignments_except(&inst, &policy, opts(), &pairs, declined.clone()) else {
            // A pin was declined: the base refuses the assignments that keep it.
            return Ok(());
        };
        let out = |r: usize, e: &str| {
            inst.experts.iter().position(|x| x.id == e).is_some_and(|e| declined.binary_search(&(r, e)).is_ok())
        };
        for r in 0..inst.requests.len() {
            for &(_, e, _) in base.assigned.iter().filter(|a| a.0 == r) {
                prop_assert!(declined.binary_search(&(r, e)).is_err());
            }
            let v = base.explain_request(r, 5, Lang::En);
            for ru in &v.runners_up {
                prop_assert!(!out(r, &ru.expert), "runner-up {} declined {}", ru.expert, v.request.id);
            }
            if let Some(open) = &v.open {
                for f in &open.fixes {
                    for c in &f.changes {
                        let to_here = c.request.as_deref() == Some(v.request.id.as_str())
                            || c.to.contains(&v.request.id);
                        if let Some(e) = &c.expert {
                            prop_assert!(!(to_here && out(r, e)), "fix {}", f.text);
                        }
                    }
                    for e in &inst.experts {
                        if declined.binary_search(&(r, inst.experts.iter().position(|x| x.id == e.id).unwrap())).is_ok() {
                            prop_assert!(!f.text.contains(&format!("({}) to {}", e.id, v.request.id)), "fix {}", f.text);
                        }
                    }
                }
                let gain = open.fixes.iter().any(|f| f.objective_change > 0.0);
                if gain {
                    prop_assert!(!open.why.contains("lowers the batch objective"), "{} / fixes {:?}", open.why, open.fixes.iter().map(|f| &f.text).collect::<Vec<_>>());
                }
            }
            for s in base.standbys_of_request(r, 3, &mut FixBudget::for_explain()) {
                prop_assert!(declined.binary_search(&(r, s.standby)).is_err());
            }
        }
    }
}

/// The decisions file's declines are the pairs [`round::declined_pairs`] gives: the last
/// decision on a pair counts, ids as the batch writes them, unknown ids left out.
#[test]
fn declined_pairs_take_the_last_decision_on_each_pair() {
    let policy = Policy::default();
    let inst = crate::common::instance(6, 3, 7, &policy);
    let (r0, r1) = (inst.requests[0].id.clone(), inst.requests[1].id.clone());
    let (e0, e1) = (inst.experts[0].id.clone(), inst.experts[1].id.clone());
    let text = format!(
        "request,expert,decision\n{r0},{e0},declined\n{r0},{e0},accepted\n{r1},{e1},afgewezen\n{},{e0},nee\nR-none,{e0},declined\n",
        r0.to_lowercase()
    );
    let rows =
        round::read_decisions(matchpunt::ingest::Source::new("d.csv", text.as_bytes())).unwrap();
    assert_eq!(round::declined_pairs(&inst, &rows), vec![(0, 0), (1, 1)]);
}
