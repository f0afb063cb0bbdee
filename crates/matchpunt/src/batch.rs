//! One weekly batch end to end in memory: candidates, scores, pins, the exact solve.
//!
//! Pins (rule 11) are the coordinator's decisions, so they are settled before optimising: in
//! order of request priority (urgent first) and file order, each pinned pair is checked against
//! rules 1-8 and against the pins already accepted (rules 8, 9, 10). An accepted pin is fixed;
//! a refused one is a [`PinConflict`] naming the rule and is never assigned. The solver then
//! optimises the remaining capacity.

use crate::eligibility::{self, candidates, Pair};
use crate::model::{Instance, Slot};
use crate::policy::Policy;
use crate::scoring::{score_pairs, to_units, Scored};
use crate::solve::{self, ExpertCap, Problem, Solution, SolveOptions};
use crate::strategy::{self, Strategy};
use std::time::{Duration, Instant};

/// A pin that could not be honoured.
#[derive(Clone, Debug, PartialEq)]
pub struct PinConflict {
    /// Request index.
    pub request: usize,
    /// Expert index.
    pub expert: usize,
    /// The contract rule it breaks.
    pub rule: u8,
    /// Plain words.
    pub text: String,
}

/// One assignment in the result.
#[derive(Clone, Debug)]
pub struct Assignment {
    /// Index into [`BatchResult::scored`].
    pub scored: usize,
    /// Request index.
    pub request: usize,
    /// Expert index.
    pub expert: usize,
    /// Set by a coordinator's pin.
    pub pinned: bool,
}

/// Where the time went, per stage.
#[derive(Clone, Debug, Default)]
pub struct Timings {
    /// Candidate search.
    pub candidates: Duration,
    /// Scoring.
    pub scoring: Duration,
    /// Building and solving.
    pub solve: Duration,
}

/// The outcome of a batch.
#[derive(Clone, Debug)]
pub struct BatchResult {
    /// All eligible pairs, scored, sorted by (request, expert).
    pub scored: Vec<Scored>,
    /// Assignments, sorted by (request row, expert row).
    pub assignments: Vec<Assignment>,
    /// Pins that were refused.
    pub pin_conflicts: Vec<PinConflict>,
    /// Objective of the assignment, in solver units.
    pub objective: i64,
    /// Proven upper bound, in solver units.
    pub bound: i64,
    /// Whether optimality is proven.
    pub proven: bool,
    /// The solver's statistics (components, nodes).
    pub solution: Solution,
    /// The problem handed to the solver (after pins), for exports.
    pub problem: Problem,
    /// Scored index of each problem arc.
    pub arc_scored: Vec<usize>,
    /// Stage timings.
    pub timings: Timings,
}

/// Pins accepted and refused, and the capacity they leave.
pub struct Pins {
    /// Accepted (request, expert) pairs, in acceptance order.
    pub accepted: Vec<(usize, usize)>,
    /// Refused pins.
    pub conflicts: Vec<PinConflict>,
}

/// Settles the pins of a batch (rule 11).
pub fn settle_pins(inst: &Instance, policy: &Policy) -> Pins {
    let mut order: Vec<usize> = (0..inst.requests.len()).collect();
    order.sort_by_key(|&r| (std::cmp::Reverse(inst.requests[r].priority), r));
    let mut count = vec![0u32; inst.experts.len()];
    let mut load = vec![0u32; inst.experts.len()];
    let mut slots = vec![0u32; inst.experts.len()];
    let mut accepted = Vec::new();
    let mut conflicts = Vec::new();
    for ri in order {
        let r = &inst.requests[ri];
        let mut seats = 0;
        for &ei in &r.pinned {
            let e = &inst.experts[ei];
            let why = eligibility::check(inst, policy, r, e);
            let conflict = if let Some(reason) = why.iter().next() {
                Some((
                    reason.rule(),
                    format!(
                        "{} {} (rule {}: {})",
                        e.id,
                        reason.text(),
                        reason.rule(),
                        reason.code()
                    ),
                ))
            } else if seats >= r.experts_needed {
                Some((
                    10,
                    format!(
                        "{} not assigned: more pinned experts than the {} seat(s) (rule 10)",
                        e.id, r.experts_needed
                    ),
                ))
            } else if count[ei] >= e.max_assignments {
                Some((
                    9,
                    format!(
                        "{} would exceed max_assignments {} with the pins before it (rule 9)",
                        e.id, e.max_assignments
                    ),
                ))
            } else if load[ei] + r.intensity > e.load_budget {
                Some((
                    9,
                    format!(
                        "{} would exceed load budget {} (load {} + {}) with the pins before it (rule 9)",
                        e.id, e.load_budget, load[ei], r.intensity
                    ),
                ))
            } else if r.slot.is_some_and(|s| slots[ei] & (1 << s.0) != 0) {
                Some((
                    8,
                    format!(
                        "{} is already pinned in slot {} (rule 8)",
                        e.id,
                        r.slot.map(|s| s.to_string()).unwrap_or_default()
                    ),
                ))
            } else {
                None
            };
            match conflict {
                Some((rule, text)) => conflicts.push(PinConflict {
                    request: ri,
                    expert: ei,
                    rule,
                    text,
                }),
                None => {
                    seats += 1;
                    count[ei] += 1;
                    load[ei] += r.intensity;
                    if let Some(s) = r.slot {
                        slots[ei] |= 1 << s.0;
                    }
                    accepted.push((ri, ei));
                }
            }
        }
    }
    Pins {
        accepted,
        conflicts,
    }
}

/// Builds the solver's problem from scored pairs and settled pins. Returns the problem, the scored
/// index of each arc, and the fixed objective of the pins (value minus their spread cost).
pub fn build_problem(
    inst: &Instance,
    policy: &Policy,
    scored: &[Scored],
    pins: &Pins,
) -> (Problem, Vec<usize>, i64) {
    let spread = to_units(policy.objective.batch_spread);
    let mut experts: Vec<ExpertCap> = inst
        .experts
        .iter()
        .map(|e| ExpertCap {
            max_count: e.max_assignments,
            budget: e.load_budget,
            already: 0,
            busy_slots: 0,
        })
        .collect();
    let mut seats: Vec<u32> = inst.requests.iter().map(|r| r.experts_needed).collect();
    let mut pinned_value = 0i64;
    let mut excluded: Vec<(usize, usize)> = pins.accepted.clone();
    excluded.extend(pins.conflicts.iter().map(|c| (c.request, c.expert)));
    excluded.sort_unstable();
    for &(ri, ei) in &pins.accepted {
        let r = &inst.requests[ri];
        let cap = &mut experts[ei];
        let s = find_scored(scored, ri, ei).expect("an accepted pin is eligible");
        pinned_value += scored[s].value - spread * cap.already as i64;
        cap.already += 1;
        cap.max_count -= 1;
        cap.budget -= r.intensity;
        if let Some(slot) = r.slot {
            cap.busy_slots |= 1 << slot.0;
        }
        seats[ri] -= 1;
    }
    let mut arcs = Vec::with_capacity(scored.len());
    let mut arc_scored = Vec::with_capacity(scored.len());
    for (i, s) in scored.iter().enumerate() {
        let (ri, ei) = (s.pair.request as usize, s.pair.expert as usize);
        if excluded.binary_search(&(ri, ei)).is_ok() {
            continue;
        }
        let r = &inst.requests[ri];
        arcs.push(solve::Arc {
            request: ri as u32,
            expert: ei as u32,
            value: s.value,
            intensity: r.intensity,
            slot: r.slot.map(|s: Slot| s.0),
        });
        arc_scored.push(i);
    }
    (
        Problem {
            experts,
            seats,
            arcs,
            spread,
        },
        arc_scored,
        pinned_value,
    )
}

fn find_scored(scored: &[Scored], r: usize, e: usize) -> Option<usize> {
    scored
        .binary_search_by(|s| (s.pair.request as usize, s.pair.expert as usize).cmp(&(r, e)))
        .ok()
}

/// Runs a whole batch: candidates, scores, pins, exact solve.
pub fn run(inst: &Instance, policy: &Policy, opts: &SolveOptions) -> BatchResult {
    run_with(inst, policy, opts, Strategy::Exact)
}

/// Runs a whole batch as [`run`] does, choosing the assignment with `strategy` (the exact
/// solve, or a reference strategy of [`crate::strategy`]). Candidates, scores and pins are the
/// same for every strategy.
pub fn run_with(
    inst: &Instance,
    policy: &Policy,
    opts: &SolveOptions,
    strategy: Strategy,
) -> BatchResult {
    let t0 = Instant::now();
    let pairs: Vec<Pair> = candidates(inst, policy);
    let t1 = Instant::now();
    let scored = score_pairs(inst, policy, &pairs);
    drop(pairs);
    let t2 = Instant::now();
    let pins = settle_pins(inst, policy);
    let (problem, arc_scored, pinned_value) = build_problem(inst, policy, &scored, &pins);
    let solution =
        strategy::solve_with(strategy, inst, policy, &scored, &problem, &arc_scored, opts);
    let mut assignments: Vec<Assignment> = pins
        .accepted
        .iter()
        .map(|&(r, e)| Assignment {
            scored: find_scored(&scored, r, e).expect("pinned pair is scored"),
            request: r,
            expert: e,
            pinned: true,
        })
        .collect();
    assignments.extend(solution.chosen.iter().map(|&a| {
        let s = arc_scored[a];
        Assignment {
            scored: s,
            request: scored[s].pair.request as usize,
            expert: scored[s].pair.expert as usize,
            pinned: false,
        }
    }));
    assignments.sort_by_key(|a| (a.request, a.expert));
    let t3 = Instant::now();
    BatchResult {
        objective: pinned_value + solution.objective,
        bound: pinned_value + solution.bound,
        proven: solution.proven,
        scored,
        assignments,
        pin_conflicts: pins.conflicts,
        solution,
        problem,
        arc_scored,
        timings: Timings {
            candidates: t1 - t0,
            scoring: t2 - t1,
            solve: t3 - t2,
        },
    }
}
