//! Reference strategies to compare a policy against: the same batch, the same hard rules, only
//! a different way of choosing.
//!
//! - [`Strategy::Exact`]: the exact optimum of the policy's objective (what `matchpunt run` does).
//! - [`Strategy::Greedy`]: first come, first served, as a coordinator does by hand: requests in
//!   file order, each seat to the first expert in file order who is eligible (rules 1-8) and
//!   still has room (rules 8-10: count, load budget, slot, seats).
//! - [`Strategy::MaxWeight`]: the exact solver on the policy's objective without its
//!   load-spread and fairness terms: the batch spread, the `recent_load` and `fair_spread`
//!   weights and the waiting advantage set to 0. So it maximises filled seats and pair quality (theme fit, distance,
//!   continuity, role experience, age) and nothing else.
//!
//! All three work on the solver's [`Problem`] as [`crate::batch`] builds it: the eligible pairs
//! from [`crate::eligibility`], the limits of rules 8-10, and the pins already settled. So every
//! strategy keeps every hard rule; they differ only in which of the allowed assignments they
//! pick. The objective a reference strategy reports is its assignment's value under the
//! policy's own objective ([`crate::solve::evaluate`]), so the numbers compare directly; its
//! bound equals that objective and it is never reported as proven.

use crate::model::Instance;
use crate::policy::Policy;
use crate::scoring::{round_to, to_units, Scored};
use crate::solve::{self, Problem, Solution, SolveOptions};
use std::fmt;

/// How a batch chooses among the assignments the hard rules allow.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum Strategy {
    /// The exact optimum of the policy's objective.
    #[default]
    Exact,
    /// First come, first served (see the module docs).
    Greedy,
    /// The exact optimum without load-spread and fairness terms (see the module docs).
    MaxWeight,
}

impl Strategy {
    /// The reference strategies, by name.
    pub const REFERENCES: [Strategy; 2] = [Strategy::Greedy, Strategy::MaxWeight];

    /// Parses `greedy`, `max-weight` (also `max_weight`, `maxweight`) or `exact`.
    pub fn parse(s: &str) -> Option<Strategy> {
        match s.trim().to_ascii_lowercase().as_str() {
            "exact" | "optimal" => Some(Strategy::Exact),
            "greedy" => Some(Strategy::Greedy),
            "max-weight" | "max_weight" | "maxweight" => Some(Strategy::MaxWeight),
            _ => None,
        }
    }

    /// The name as written on the command line.
    pub fn as_str(self) -> &'static str {
        match self {
            Strategy::Exact => "exact",
            Strategy::Greedy => "greedy",
            Strategy::MaxWeight => "max-weight",
        }
    }
}

impl fmt::Display for Strategy {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// First come, first served on `p`: requests in index (file) order, each seat to the lowest
/// expert index among the request's arcs whose expert has room left (count, budget, slot, the
/// one heavy-theme seat of the pause).
/// The objective is the assignment's value under `p`; bound = objective, not proven.
pub fn greedy(p: &Problem) -> Solution {
    let mut order: Vec<usize> = (0..p.arcs.len()).collect();
    order.sort_by_key(|&a| (p.arcs[a].request, p.arcs[a].expert));
    let mut count = vec![0u32; p.experts.len()];
    let mut load = vec![0u32; p.experts.len()];
    let mut slots: Vec<u32> = p.experts.iter().map(|e| e.busy_slots).collect();
    let mut seats = vec![0u32; p.seats.len()];
    let mut chosen = Vec::new();
    for a in order {
        let arc = p.arcs[a];
        let (e, r) = (arc.expert as usize, arc.request as usize);
        let cap = p.experts[e];
        let slot_free = slots[e] & arc.conflicts() == 0;
        if seats[r] < p.seats[r]
            && count[e] < cap.max_count
            && load[e] + arc.intensity <= cap.budget
            && slot_free
        {
            seats[r] += 1;
            count[e] += 1;
            load[e] += arc.intensity;
            slots[e] |= arc.conflicts();
            chosen.push(a);
        }
    }
    chosen.sort_unstable();
    reference_solution(p, chosen)
}

/// The policy without its load-spread and fairness terms: batch spread, `recent_load` and
/// `fair_spread` weights and the waiting advantage 0.
pub fn max_weight_policy(policy: &Policy) -> Policy {
    let mut p = policy.clone();
    p.objective.batch_spread = 0.0;
    p.weights.recent_load = 0.0;
    p.weights.fair_spread = 0.0;
    p.objective.waiting_bonus = 0.0;
    p
}

/// `p` with every arc valued under [`max_weight_policy`] and no batch spread. `arc_scored` maps
/// each arc to its scored pair (as [`crate::batch::build_problem`] returns it).
pub fn max_weight_problem(
    inst: &Instance,
    policy: &Policy,
    scored: &[Scored],
    p: &Problem,
    arc_scored: &[usize],
) -> Problem {
    let mw = max_weight_policy(policy);
    let step = to_units(mw.objective.resolution).max(1);
    let mut out = p.clone();
    out.spread = 0;
    for (arc, &s) in out.arcs.iter_mut().zip(arc_scored) {
        let r = &inst.requests[arc.request as usize];
        let points = mw.seat_value(r.priority) + scored[s].parts.score(&mw);
        arc.value = round_to(to_units(points), step);
    }
    out
}

/// Solves `p` (built by [`crate::batch::build_problem`] from `scored`) with `strategy`.
pub fn solve_with(
    strategy: Strategy,
    inst: &Instance,
    policy: &Policy,
    scored: &[Scored],
    p: &Problem,
    arc_scored: &[usize],
    opts: &SolveOptions,
) -> Solution {
    match strategy {
        Strategy::Exact => solve::solve(p, opts),
        Strategy::Greedy => greedy(p),
        Strategy::MaxWeight => {
            let mw = max_weight_problem(inst, policy, scored, p, arc_scored);
            let s = solve::solve(&mw, opts);
            Solution {
                nodes: s.nodes,
                components: s.components,
                branched_components: s.branched_components,
                listed_components: s.listed_components,
                ..reference_solution(p, s.chosen)
            }
        }
    }
}

fn reference_solution(p: &Problem, chosen: Vec<usize>) -> Solution {
    let objective =
        solve::evaluate(p, &chosen).expect("a reference strategy keeps the problem's limits");
    Solution {
        chosen,
        objective,
        bound: objective,
        proven: false,
        ..Solution::default()
    }
}
