//! One weekly batch end to end in memory: candidates, scores, pins, the exact solve.
//!
//! Pins (rule 11) are the coordinator's decisions, so they are settled before optimising: in
//! order of request priority (urgent first) and file order, each pinned pair is checked against
//! rules 1-8 and against the pins already accepted (rules 8, 9, 10). An accepted pin is fixed;
//! a refused one is a [`PinConflict`] naming the rule and is never assigned. The solver then
//! optimises the remaining capacity.
//!
//! What lives here: this file (a batch end to end); [`round`] (the weekly round: decisions on
//! proposals, the keep bonus, `changes.csv`); [`strategy`] (reference strategies that keep the
//! same hard rules and only choose differently).

pub mod round;
pub mod strategy;
pub mod usage;

use crate::eligibility::{self, candidates_with_distance, Pair, Stage as RuleStage};
use crate::messages::{Lang, Msg};
use crate::model::{Instance, Slot};
use crate::policy::Policy;
use crate::scoring::{self, to_units, Scored};
use crate::solve::{self, ExpertCap, Problem, Solution, SolveOptions};
use std::time::{Duration, Instant};
use strategy::Strategy;

/// A pin that could not be honoured.
#[derive(Clone, Debug, PartialEq)]
pub struct PinConflict {
    /// Request index.
    pub request: usize,
    /// Expert index.
    pub expert: usize,
    /// The rule it breaks, as shown: rules 3 and 4 are one [`RuleStage::Personal`].
    pub stage: RuleStage,
    /// Plain words, in English, starting with the expert's id (the summary of an English run);
    /// [`PinConflict::detail`] gives the pin's own reason in any language.
    pub text: String,
    /// What the pin ran into, with the figures its words need.
    pub why: PinWhy,
}

/// What a refused pin ran into: a rule of the pair itself ([`PinWhy::Rule`], worded from the
/// stage by [`crate::explain`]), or the pins before it, the team rules or a decision, with the
/// figures their words need ([`PinConflict::detail`]).
#[derive(Clone, Debug, PartialEq)]
pub enum PinWhy {
    /// The expert or the organisation declined the pair (decisions).
    Declined,
    /// A rule of rules 1-8 of the pair itself: see [`PinConflict::stage`].
    Rule,
    /// A team rule against the seats fixed before it.
    Team(crate::teams::FixedMiss),
    /// No team that keeps the team rules holds the pair (a what-if re-solve).
    NoTeam,
    /// The request's seats are taken by the pins before it (expert indexes).
    Seats {
        /// The request's seats.
        seats: u32,
        /// The experts of the pins before it.
        taken: Vec<usize>,
    },
    /// `max_assignments` reached with the pins before it.
    MaxAssignments(u32),
    /// The load budget exceeded with the pins before it.
    LoadBudget {
        /// The expert's load budget.
        budget: u32,
        /// Load of the pins before it.
        load: u32,
        /// This request's intensity.
        intensity: u32,
    },
    /// The rolling budget cannot carry this trajectory's meetings in the window.
    Rolling {
        /// The expert's rolling budget.
        budget: u32,
        /// Meetings of the trajectory in the rolling window.
        meetings: u32,
    },
    /// A heavy-theme trajectory whose meetings fall within the heavy-theme pause.
    PausedTrajectory {
        /// Weeks between its meetings.
        every: u32,
        /// The pause, in weeks.
        pause: u32,
    },
    /// A second heavy-theme seat in the pause with the pins before it.
    SecondHeavy,
    /// Already pinned in the request's slot.
    InSlot(Slot),
}

impl PinConflict {
    /// The pin's own reason in `lang`, without the expert (who is named by the caller): the
    /// limit, the seats, the slot or the team rule it ran into, with their figures. `None` for
    /// [`PinWhy::Rule`] and [`PinWhy::Declined`], which are worded from [`PinConflict::stage`].
    /// Never a personal reason. O(pins of the request).
    pub fn detail(&self, inst: &Instance, lang: Lang) -> Option<String> {
        let ids = |v: &[usize]| {
            let ids: Vec<&str> = v.iter().map(|&e| inst.experts[e].id.as_str()).collect();
            lang.list(&ids)
        };
        Some(match &self.why {
            PinWhy::Declined | PinWhy::Rule => return None,
            PinWhy::Team(crate::teams::FixedMiss::NewAlone) => {
                lang.text(Msg::PinTeamNewAlone).to_string()
            }
            PinWhy::Team(crate::teams::FixedMiss::NotWith(o)) => {
                lang.fill(Msg::PinTeamNotWith, &[("other", &inst.experts[*o].id)])
            }
            PinWhy::Team(crate::teams::FixedMiss::ExperiencedMin) => {
                let r = &inst.requests[self.request];
                let min = inst.teams.experienced_min.get(&self.request).copied();
                lang.fill(
                    Msg::PinTeamExperiencedMin,
                    &[
                        ("request", &r.id),
                        ("min", &min.unwrap_or(0)),
                        ("seats", &r.experts_needed),
                    ],
                )
            }
            PinWhy::NoTeam => lang.text(Msg::PinNoTeam).to_string(),
            PinWhy::Seats { seats, taken } => lang.fill(
                Msg::PinSeatsTaken,
                &[("seats", seats), ("taken", &ids(taken))],
            ),
            PinWhy::MaxAssignments(max) => lang.fill(Msg::PinMaxAssignments, &[("max", max)]),
            PinWhy::LoadBudget {
                budget,
                load,
                intensity,
            } => lang.fill(
                Msg::PinLoadBudget,
                &[("budget", budget), ("load", load), ("intensity", intensity)],
            ),
            PinWhy::Rolling { budget, meetings } => lang.fill(
                Msg::PinRollingBudget,
                &[("budget", budget), ("meetings", meetings)],
            ),
            PinWhy::PausedTrajectory { every, pause } => lang.fill(
                Msg::PinPausedTrajectory,
                &[("every", every), ("pause", pause)],
            ),
            PinWhy::SecondHeavy => lang.text(Msg::PinSecondHeavy).to_string(),
            PinWhy::InSlot(slot) => lang.fill(Msg::PinInSlot, &[("slot", &lang.slot(*slot))]),
        })
    }
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
    /// (request, expert) pairs that were no candidates (declined in the weekly round), sorted:
    /// whatever re-solves this batch (the fix search) leaves them out too, and a pin on one is a
    /// conflict, as in the batch itself.
    pub forbidden: Vec<(usize, usize)>,
    /// The team rules the batch was solved under ([`crate::teams::rules`]), by the problem's
    /// indexes (which are the instance's), pins included.
    pub teams: solve::TeamRules,
}

/// Pins accepted and refused, and the capacity they leave.
pub struct Pins {
    /// Accepted (request, expert) pairs, in acceptance order.
    pub accepted: Vec<(usize, usize)>,
    /// Refused pins.
    pub conflicts: Vec<PinConflict>,
}

/// `week` or `weeks` for a count of `n` weeks (the English reasons of [`crate::report`]).
pub(crate) fn weeks(n: u32) -> &'static str {
    if n == 1 {
        "week"
    } else {
        "weeks"
    }
}

/// Settles the pins of a batch (rule 11).
pub fn settle_pins(inst: &Instance, policy: &Policy) -> Pins {
    settle_pins_except(inst, policy, &[])
}

/// [`settle_pins`], where a pin on one of the `declined` (request, expert) pairs (sorted) is a
/// conflict: the expert or the organisation said no.
pub fn settle_pins_except(inst: &Instance, policy: &Policy, declined: &[(usize, usize)]) -> Pins {
    let mut order: Vec<usize> = (0..inst.requests.len()).collect();
    order.sort_by_key(|&r| (std::cmp::Reverse(inst.requests[r].priority), r));
    let mut count = vec![0u32; inst.experts.len()];
    let mut load = vec![0u32; inst.experts.len()];
    let mut slots = vec![0u32; inst.experts.len()];
    // The heavy-theme pause within the week: one heavy-theme seat per expert.
    let heavy_pause = policy.rules.heavy_pause_weeks > 0;
    let mut heavy = vec![false; inst.experts.len()];
    // Trajectories (issue 24): a pin's later meetings in the rolling window count too.
    let mut rolling = vec![0u32; inst.experts.len()];
    let window = |ri: usize| {
        inst.teams
            .window_meetings(ri, policy.rules.rolling_weeks)
            .saturating_mul(inst.requests[ri].intensity)
    };
    let mut accepted: Vec<(usize, usize)> = Vec::new();
    let mut conflicts = Vec::new();
    // Team rules (issue 24) hold for fixed seats too: the solver cannot undo a pin.
    let standing = crate::teams::standings(inst, policy);
    for ri in order {
        let r = &inst.requests[ri];
        let mut seats = 0;
        // A new expert pinned before its experienced partner is judged once the request's
        // pins are all in (below); the other team rules against the pins before it.
        let later_partner = |ei: usize| {
            r.pinned.iter().any(|&o| {
                o != ei
                    && standing.get(o) == Some(&crate::solve::Standing::Experienced)
                    && eligibility::check(inst, policy, r, &inst.experts[o])
                        .iter()
                        .next()
                        .is_none()
            })
        };
        for &ei in &r.pinned {
            let e = &inst.experts[ei];
            let why = eligibility::check(inst, policy, r, e);
            // (stage, what it ran into, the English text when it is not the detail's)
            let conflict: Option<(RuleStage, PinWhy, Option<String>)> =
                if declined.binary_search(&(ri, ei)).is_ok() {
                    Some((
                        RuleStage::Declined,
                        PinWhy::Declined,
                        Some(format!("{} declined this request (decisions)", e.id)),
                    ))
                } else if let Some(reason) = why.iter().next() {
                    // A personal reason (rules 3, 4) is never told apart: which one it is would
                    // reveal an avoided theme or a former care provider.
                    let stage = reason.stage_of_expert();
                    let text = if stage.is_personal() {
                        format!("{} {} ({})", e.id, stage.text(), stage.rule_label())
                    } else {
                        format!(
                            "{} {} ({}: {})",
                            e.id,
                            stage.text(),
                            stage.rule_label(),
                            stage.code()
                        )
                    };
                    Some((stage, PinWhy::Rule, Some(text)))
                } else if let Some(miss) = {
                    let before: Vec<usize> = accepted
                        .iter()
                        .filter(|&&(ar, _)| ar == ri)
                        .map(|&(_, ae)| ae)
                        .collect();
                    crate::teams::fixed_miss(inst, &standing, ri, ei, &before).filter(|m| {
                        *m != crate::teams::FixedMiss::NewAlone
                            || r.experts_needed < 2
                            || !later_partner(ei)
                    })
                } {
                    Some((
                        RuleStage::PinTeam,
                        PinWhy::Team(miss),
                        Some(miss.text(inst, ri, ei, Lang::En)),
                    ))
                } else if seats >= r.experts_needed {
                    let taken: Vec<usize> = accepted
                        .iter()
                        .filter(|&&(ar, _)| ar == ri)
                        .map(|&(_, ae)| ae)
                        .collect();
                    let seats = r.experts_needed;
                    Some((RuleStage::PinSeats, PinWhy::Seats { seats, taken }, None))
                } else if count[ei] >= e.max_assignments {
                    let why = PinWhy::MaxAssignments(e.max_assignments);
                    Some((RuleStage::PinLimits, why, None))
                } else if load[ei] + r.intensity > e.budget() {
                    let why = PinWhy::LoadBudget {
                        budget: e.budget(),
                        load: load[ei],
                        intensity: r.intensity,
                    };
                    Some((RuleStage::PinLimits, why, None))
                } else if e
                    .rolling_budget
                    .is_some_and(|b| e.rolling_used + rolling[ei] + window(ri) > b)
                {
                    let why = PinWhy::Rolling {
                        budget: e.rolling_budget.unwrap_or(0),
                        meetings: inst.teams.window_meetings(ri, policy.rules.rolling_weeks),
                    };
                    Some((RuleStage::PinLimits, why, None))
                } else if let Some(every) = usage::paused_trajectory(inst, policy, ri) {
                    let why = PinWhy::PausedTrajectory {
                        every,
                        pause: policy.rules.heavy_pause_weeks,
                    };
                    Some((RuleStage::PinLimits, why, None))
                } else if heavy_pause && r.heavy && heavy[ei] {
                    Some((RuleStage::PinLimits, PinWhy::SecondHeavy, None))
                } else {
                    r.slot
                        .filter(|s| slots[ei] & (1 << s.0) != 0)
                        .map(|s| (RuleStage::PinnedInSlot, PinWhy::InSlot(s), None))
                };
            match conflict {
                Some((stage, why, text)) => {
                    let mut c = PinConflict {
                        request: ri,
                        expert: ei,
                        stage,
                        text: text.unwrap_or_default(),
                        why,
                    };
                    if c.text.is_empty() {
                        let detail = c.detail(inst, Lang::En).unwrap_or_default();
                        c.text = format!("{} {detail}", e.id);
                    }
                    conflicts.push(c);
                }
                None => {
                    seats += 1;
                    count[ei] += 1;
                    load[ei] += r.intensity;
                    rolling[ei] += window(ri);
                    if let Some(s) = r.slot {
                        slots[ei] |= 1 << s.0;
                    }
                    heavy[ei] |= r.heavy;
                    accepted.push((ri, ei));
                }
            }
        }
        // A new expert kept above for a partner pinned after it: still alone if that partner
        // was refused. Refusing a new expert breaks no other pin's team rule.
        let here: Vec<usize> = accepted
            .iter()
            .filter(|&&(ar, _)| ar == ri)
            .map(|&(_, ae)| ae)
            .collect();
        for &ei in &here {
            let others: Vec<usize> = here.iter().copied().filter(|&o| o != ei).collect();
            if crate::teams::fixed_miss(inst, &standing, ri, ei, &others)
                != Some(crate::teams::FixedMiss::NewAlone)
            {
                continue;
            }
            accepted.retain(|&p| p != (ri, ei));
            count[ei] -= 1;
            load[ei] -= r.intensity;
            rolling[ei] -= window(ri);
            if let Some(s) = r.slot {
                slots[ei] &= !(1 << s.0);
            }
            if r.heavy {
                heavy[ei] = false;
            }
            conflicts.push(PinConflict {
                request: ri,
                expert: ei,
                stage: RuleStage::PinTeam,
                text: crate::teams::FixedMiss::NewAlone.text(inst, ri, ei, Lang::En),
                why: PinWhy::Team(crate::teams::FixedMiss::NewAlone),
            });
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
    build_problem_by(
        inst,
        policy,
        scored.len(),
        |i| (scored[i].pair, scored[i].value),
        pins,
    )
}

/// [`build_problem`] over `n` pairs sorted by (request, expert), pair `i` with its value given
/// by `pair_value(i)`.
fn build_problem_by(
    inst: &Instance,
    policy: &Policy,
    n: usize,
    pair_value: impl Fn(usize) -> (Pair, i64),
    pins: &Pins,
) -> (Problem, Vec<usize>, i64) {
    let spread = to_units(policy.objective.batch_spread);
    // The heavy-theme pause within the week: at most one heavy-theme seat per expert.
    let heavy_pause = policy.rules.heavy_pause_weeks > 0;
    let mut experts: Vec<ExpertCap> = inst
        .experts
        .iter()
        .map(|e| ExpertCap {
            max_count: e.max_assignments,
            budget: e.budget(),
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
        let s = find_pair(n, |i| pair_value(i).0, ri, ei).expect("an accepted pin is eligible");
        pinned_value += pair_value(s).1 - spread * cap.already as i64;
        cap.already += 1;
        cap.max_count -= 1;
        cap.budget -= r.intensity;
        if let Some(slot) = r.slot {
            cap.busy_slots |= 1 << slot.0;
        }
        if heavy_pause && r.heavy {
            cap.busy_slots |= solve::HEAVY_BIT;
        }
        seats[ri] -= 1;
    }
    let mut arcs = Vec::with_capacity(n - excluded.len().min(n));
    let mut arc_scored = Vec::with_capacity(n - excluded.len().min(n));
    for i in 0..n {
        let (pair, value) = pair_value(i);
        let (ri, ei) = (pair.request as usize, pair.expert as usize);
        if !excluded.is_empty() && excluded.binary_search(&(ri, ei)).is_ok() {
            continue;
        }
        // A heavy-theme trajectory the pause cannot let through: nobody takes it (as
        // `usage::limit` says for every expert), rather than losing its later meetings.
        if usage::paused_trajectory(inst, policy, ri).is_some() {
            continue;
        }
        let r = &inst.requests[ri];
        arcs.push(solve::Arc {
            request: ri as u32,
            expert: ei as u32,
            value,
            intensity: r.intensity,
            slot: r.slot.map(|s: Slot| s.0),
            heavy: heavy_pause && r.heavy,
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
    find_pair(scored.len(), |i| scored[i].pair, r, e)
}

/// The index of pair (`r`, `e`) among `n` pairs sorted by (request, expert), pair `i` being
/// `pair_at(i)`.
fn find_pair(n: usize, pair_at: impl Fn(usize) -> Pair, r: usize, e: usize) -> Option<usize> {
    let (mut lo, mut hi) = (0, n);
    while lo < hi {
        let mid = lo + (hi - lo) / 2;
        let p = pair_at(mid);
        match (p.request as usize, p.expert as usize).cmp(&(r, e)) {
            std::cmp::Ordering::Less => lo = mid + 1,
            std::cmp::Ordering::Greater => hi = mid,
            std::cmp::Ordering::Equal => return Some(mid),
        }
    }
    None
}

/// Changes to a batch's pairs for a re-run in the weekly round: pairs never to propose, and a
/// bonus on pairs proposed before (see [`crate::batch::round`]).
#[derive(Clone, Debug, Default)]
pub struct Adjust {
    /// (request, expert) pairs left out of the candidates (declined), sorted.
    pub forbidden: Vec<(usize, usize)>,
    /// (request, expert) pairs whose value gets `bonus` solver units on top, sorted.
    pub kept: Vec<(usize, usize)>,
    /// The bonus of a kept pair, in solver units (milli-points).
    pub bonus: i64,
}

/// Runs a whole batch: candidates, scores, pins, exact solve. `opts.time_limit` counts from the
/// start of this call: candidates and scoring use up part of it, and the search stops early
/// enough to leave time for what follows its deadline (a last bound, repairing the best
/// solution): three passes over the pairs, each estimated by the time that scoring them took.
pub fn run(inst: &Instance, policy: &Policy, opts: &SolveOptions) -> BatchResult {
    run_full(
        inst,
        policy,
        opts,
        &Adjust::default(),
        Strategy::Exact,
        &mut |_| {},
    )
}

/// Runs a whole batch as [`run`] does, choosing the assignment with `strategy` (the exact
/// solve, or a reference strategy of [`crate::batch::strategy`]). Candidates, scores and pins are the
/// same for every strategy.
pub fn run_with(
    inst: &Instance,
    policy: &Policy,
    opts: &SolveOptions,
    strategy: Strategy,
) -> BatchResult {
    run_full(
        inst,
        policy,
        opts,
        &Adjust::default(),
        strategy,
        &mut |_| {},
    )
}

/// [`run`] with [`Adjust`]ments: forbidden pairs are no candidates (so never assigned, also
/// not by a pin), and kept pairs are worth `bonus` more in the objective, which the result's
/// `objective`, `bound` and each scored pair's `value` include.
pub fn run_adjusted(
    inst: &Instance,
    policy: &Policy,
    opts: &SolveOptions,
    adjust: &Adjust,
) -> BatchResult {
    run_full(inst, policy, opts, adjust, Strategy::Exact, &mut |_| {})
}

/// A stage of [`run_observed`], for progress displays.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Stage {
    /// Checking hard rules 1-8 for the pairs the index offers.
    Candidates,
    /// Scoring this many eligible pairs.
    Scoring(usize),
    /// Settling pins and solving over this many pairs.
    Solving(usize),
}

/// [`run_adjusted`], telling `on_stage` when each stage starts.
pub fn run_observed(
    inst: &Instance,
    policy: &Policy,
    opts: &SolveOptions,
    adjust: &Adjust,
    on_stage: &mut dyn FnMut(Stage),
) -> BatchResult {
    run_full(inst, policy, opts, adjust, Strategy::Exact, on_stage)
}

/// The whole batch. Peak memory is in the solver, so the scored pairs (about 100 bytes each)
/// are not held while it runs: the solver gets only each pair's value, and the pairs are scored
/// in full after it, from the distances the candidate search kept (8 bytes a pair). Both
/// passes compute the same [`Scored`] ([`scoring::Scorer::score_at`]), so the values are the ones
/// the result holds.
fn run_full(
    inst: &Instance,
    policy: &Policy,
    opts: &SolveOptions,
    adjust: &Adjust,
    strategy: Strategy,
    on_stage: &mut dyn FnMut(Stage),
) -> BatchResult {
    let t0 = Instant::now();
    on_stage(Stage::Candidates);
    let (mut pairs, mut dist) = candidates_with_distance(inst, policy);
    if !adjust.forbidden.is_empty() {
        let keep: Vec<bool> = pairs
            .iter()
            .map(|p| {
                adjust
                    .forbidden
                    .binary_search(&(p.request as usize, p.expert as usize))
                    .is_err()
            })
            .collect();
        let mut k = keep.iter();
        pairs.retain(|_| *k.next().expect("a flag per pair"));
        let mut k = keep.iter();
        dist.retain(|_| *k.next().expect("a flag per pair"));
    }
    let t1 = Instant::now();
    on_stage(Stage::Scoring(pairs.len()));
    let hist = scoring::history_stats(inst, policy);
    let scorer = scoring::Scorer::new(inst, policy, &hist);
    let kept = |p: &Pair| {
        !adjust.kept.is_empty()
            && adjust
                .kept
                .binary_search(&(p.request as usize, p.expert as usize))
                .is_ok()
    };
    let score_all = |pairs: &[Pair], dist: &[f64]| {
        let mut scored = scoring::score_pairs_at(&scorer, pairs, dist);
        if !adjust.kept.is_empty() {
            for s in &mut scored {
                if kept(&s.pair) {
                    s.value += adjust.bonus;
                }
            }
        }
        scored
    };
    // The reference strategies read the scores themselves; the exact solve needs only values.
    let mut early = (strategy != Strategy::Exact).then(|| score_all(&pairs, &dist));
    let mut values = match &early {
        Some(scored) => scored.iter().map(|s| s.value).collect(),
        None => scoring::values_at(&scorer, &pairs, &dist),
    };
    if !adjust.kept.is_empty() && early.is_none() {
        for (v, p) in values.iter_mut().zip(&pairs) {
            if kept(p) {
                *v += adjust.bonus;
            }
        }
    }
    let t2 = Instant::now();
    on_stage(Stage::Solving(pairs.len()));
    let pins = settle_pins_except(inst, policy, &adjust.forbidden);
    let (problem, arc_scored, pinned_value) =
        build_problem_by(inst, policy, pairs.len(), |i| (pairs[i], values[i]), &pins);
    drop(values);
    // Time left for the search: what follows its deadline (a last bound and a repair: three
    // passes over the pairs) and the scoring after it, each estimated by a full scoring pass.
    // The values pass just done takes about half of one (it writes 8 bytes a pair, not 100).
    let reserve = match early {
        Some(_) => 3 * (t2 - t1),
        None => 8 * (t2 - t1),
    };
    let opts = SolveOptions {
        time_limit: opts
            .time_limit
            .map(|t| t.saturating_sub(t0.elapsed()).saturating_sub(reserve)),
        ..*opts
    };
    let teams = crate::teams::rules(inst, policy, &pins.accepted);
    let solution = match &early {
        Some(scored) => {
            let s =
                strategy::solve_with(strategy, inst, policy, scored, &problem, &arc_scored, &opts);
            keep_team_rules(&problem, &teams, s)
        }
        None => solve::solve_with_teams(&problem, &teams, &opts),
    };
    let t3 = Instant::now();
    let scored = match early.take() {
        Some(scored) => scored,
        None => score_all(&pairs, &dist),
    };
    drop((pairs, dist));
    let t4 = Instant::now();
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
    let t5 = Instant::now();
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
            scoring: (t2 - t1) + (t4 - t3),
            solve: (t3 - t2) + (t5 - t4),
        },
        forbidden: adjust.forbidden.clone(),
        teams,
    }
}

/// A reference strategy's solution with every request that breaks a team rule left open (the
/// exact solve keeps the rules itself): a strategy chooses differently, never against a rule.
fn keep_team_rules(p: &Problem, teams: &solve::TeamRules, mut s: Solution) -> Solution {
    if !teams.is_active() {
        return s;
    }
    s.chosen = teams.repair(p, std::mem::take(&mut s.chosen));
    s.objective = solve::evaluate(p, &s.chosen).expect("fewer arcs keep the limits");
    s.bound = s.bound.max(s.objective);
    s
}
