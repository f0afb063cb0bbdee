//! Team rules (issue 24): who is new, who is experienced, and the rules of each request, from
//! the batch's optional columns and the `[teams]` policy.
//!
//! Why a module of its own: the rules are defined once, here and in
//! [`crate::solve::TeamRules::check`], and every path (the batch, the checks of an output, the
//! words of `explain` and `suggest`) reads them from here, so no output can apply another rule.
//! A batch without `certified_on`, `not_with` and `experienced_min` has no active rule and is
//! solved exactly as before.

use crate::model::Instance;
use crate::policy::Policy;
use crate::solve::{Standing, TeamRequest, TeamRules};

/// Deployments of expert `e`: history rows not declined, plus experts.csv `deployments`.
pub fn deployments(inst: &Instance, e: usize) -> u32 {
    let past = inst
        .history
        .iter()
        .filter(|h| h.expert == e && !h.declined)
        .count() as u32;
    past + inst.teams.deployments.get(&e).copied().unwrap_or(0)
}

/// How each expert counts for the team rules. New: certified fewer than `[teams] new_weeks`
/// weeks before the batch week (or later; without a batch week, every expert with a
/// `certified_on` counts as new, the safe side). Experienced: at least `[teams]
/// experienced_after` [`deployments`] and not new. O(experts + history).
pub fn standings(inst: &Instance, policy: &Policy) -> Vec<Standing> {
    let mut past = vec![0u32; inst.experts.len()];
    for h in inst.history.iter().filter(|h| !h.declined) {
        if let Some(n) = past.get_mut(h.expert) {
            *n += 1;
        }
    }
    (0..inst.experts.len())
        .map(|e| {
            let new = inst.teams.certified_on.get(&e).is_some_and(|&c| {
                inst.week
                    .is_none_or(|w| w.weeks_since(c) < i64::from(policy.teams.new_weeks))
            });
            let done = past[e] + inst.teams.deployments.get(&e).copied().unwrap_or(0);
            if new {
                Standing::New
            } else if done >= policy.teams.experienced_after {
                Standing::Experienced
            } else {
                Standing::Other
            }
        })
        .collect()
}

/// The team rules of the batch, by the instance's expert and request indexes, with the pins
/// already on each request (`pins`: accepted (request, expert) pairs). O(experts + requests +
/// pins + history).
pub fn rules(inst: &Instance, policy: &Policy, pins: &[(usize, usize)]) -> TeamRules {
    let mut requests: Vec<TeamRequest> = inst
        .requests
        .iter()
        .enumerate()
        .map(|(r, q)| TeamRequest {
            seats: q.experts_needed,
            experienced_min: inst.teams.experienced_min.get(&r).copied().unwrap_or(0),
            fixed: Vec::new(),
        })
        .collect();
    for &(r, e) in pins {
        requests[r].fixed.push(e as u32);
    }
    TeamRules {
        standing: standings(inst, policy),
        not_with: inst
            .teams
            .not_with
            .iter()
            .map(|&(a, b)| (a as u32, b as u32))
            .collect(),
        requests,
        allow_partial: policy.teams.allow_partial,
    }
}
