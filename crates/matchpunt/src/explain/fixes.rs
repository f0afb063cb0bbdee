//! Fixes: the candidate changes for an open seat, smallest first ([`Change::size`]), kept when
//! the re-solve shows that they fill it.

#[allow(unused_imports)]
use super::*;

// ---------------------------------------------------------------------------------------------
// Fixes.

/// A change verified to fill an open seat.
#[derive(Clone, Debug, PartialEq)]
pub struct Fix {
    /// The change.
    pub change: Change,
    /// Its size ([`Change::size`]).
    pub size: f64,
    /// What the re-solve showed.
    pub outcome: Outcome,
}

/// What the search for fixes of one request found.
#[derive(Clone, Debug, PartialEq)]
pub enum Fixes {
    /// Verified fixes, smallest first (then the fewest seats lost elsewhere, then the best
    /// objective).
    Found(Vec<Fix>),
    /// No single change of the kinds tried fills a seat.
    NoneFound,
    /// The request's part of the batch is larger than the re-solve limit.
    TooLarge(usize),
    /// The work budget ran out before a fix was found.
    WorkLimit,
    /// The run's time limit ended the search before a fix was found.
    TimeLimit,
}

/// Passes over its pairs that one branch-and-bound node of a re-solve makes, for
/// [`FixBudget::work`]: the root's Lagrangian iterations, bundle bounds and master rounds
/// measured on generated batches come to 20-30.
pub const PASSES_PER_NODE: usize = 25;

/// How much work the search for fixes may do.
#[derive(Clone, Copy, Debug)]
pub struct FixBudget {
    /// Most candidate pairs in one re-solve.
    pub max_arcs: usize,
    /// Most candidate changes tried per request.
    pub max_tries: usize,
    /// Work left, in candidate pairs handled (each try costs the batch's pairs plus the
    /// re-solved ones, [`PASSES_PER_NODE`] times per node of the re-solve); the search stops
    /// when it is used up.
    pub work: usize,
    /// After `want` fixes, also try the other changes of the same size (to rank equal sizes by
    /// their cost); off, the first fixes found in candidate order are kept.
    pub ties: bool,
    /// No try starts after this instant, and each re-solve stops at it (the run's time limit);
    /// None: the work alone limits the search, and its answer is the same on every machine.
    pub deadline: Option<Instant>,
}

impl FixBudget {
    /// For the fix column of a whole run.
    pub fn for_run() -> Self {
        FixBudget {
            max_arcs: 2_000,
            max_tries: 20,
            work: 2_000_000,
            ties: false,
            deadline: None,
        }
    }
    /// For one request in `explain`.
    pub fn for_explain() -> Self {
        FixBudget {
            max_arcs: 200_000,
            max_tries: 30,
            work: usize::MAX,
            ties: false,
            deadline: None,
        }
    }
}

impl Base<'_> {
    /// The candidate changes for an open seat of request `r`, smallest first.
    pub fn fix_candidates(&self, r: usize, booked: &Booked) -> Vec<Change> {
        let inst = self.inst;
        let req = &inst.requests[r];
        let here = self.experts_of(r);
        let mut out: Vec<Change> = Vec::new();
        let mut slot_count = [0usize; Slot::COUNT];
        let mut eligible: Vec<&Scored> = Vec::new();
        for s in self.scored_of_request(r) {
            let e = s.pair.expert as usize;
            if here.contains(&e) {
                continue;
            }
            eligible.push(s);
            let ex = &inst.experts[e];
            let u = &booked.uses[e];
            let busy = req.slot.is_some_and(|sl| u.slots & (1 << sl.0) != 0);
            if busy {
                for r2 in self.requests_of(e) {
                    if inst.requests[r2].slot == req.slot && self.is_pinned(r2, e) {
                        out.push(Change::DropPin {
                            request: r2,
                            expert: e,
                        });
                    }
                }
                for (s2, c) in slot_count.iter_mut().enumerate() {
                    if ex.availability.0 & !u.slots & (1 << s2) != 0 {
                        *c += 1;
                    }
                }
                continue;
            }
            let need_count = u.count >= ex.max_assignments;
            let need_load = u.load + req.intensity > ex.load_budget;
            if need_count || need_load {
                out.push(Change::Limits {
                    expert: e,
                    max_assignments: if need_count {
                        u.count + 1
                    } else {
                        ex.max_assignments
                    },
                    load_budget: if need_load {
                        u.load + req.intensity
                    } else {
                        ex.load_budget
                    },
                });
                for r2 in self.requests_of(e) {
                    if self.is_pinned(r2, e) {
                        out.push(Change::DropPin {
                            request: r2,
                            expert: e,
                        });
                    }
                }
            }
        }
        eligible.sort_by(|a, b| {
            b.score
                .total_cmp(&a.score)
                .then(a.pair.expert.cmp(&b.pair.expert))
        });
        // A pin is the coordinator's: the fix search proposes none that a team rule forbids.
        let teams = self.team_rules();
        eligible
            .retain(|s| !crate::teams::pin_could_break(teams, r, s.pair.expert as usize, &here));
        for s in eligible.iter().take(3) {
            out.push(Change::Pin {
                request: r,
                expert: s.pair.expert as usize,
            });
        }
        let mut online = false;
        let mut languages: Vec<u32> = Vec::new();
        for (ei, ex) in inst.experts.iter().enumerate() {
            if self.scored_pair(r, ei).is_some() {
                continue;
            }
            let why = eligibility::check(inst, self.policy, req, ex);
            let Some(reason) = single_near_reason(why) else {
                continue;
            };
            let u = &booked.uses[ei];
            match reason {
                Reason::TooFar => {
                    if let Some(d) = eligibility::distance_km(req, ex) {
                        out.push(Change::Travel {
                            expert: ei,
                            max_travel_km: d.ceil().max(ex.max_travel_km + 1.0),
                            distance_km: d,
                        });
                    }
                    online |= ex.online;
                }
                Reason::SlotUnavailable => {
                    for (s2, c) in slot_count.iter_mut().enumerate() {
                        if ex.availability.0 & !u.slots & (1 << s2) != 0 {
                            *c += 1;
                        }
                    }
                }
                Reason::Language => {
                    for &l in &ex.languages {
                        if !languages.contains(&l) {
                            languages.push(l);
                        }
                    }
                }
                _ => {}
            }
        }
        if online && !req.online {
            out.push(Change::Online { request: r });
        }
        languages.sort_unstable();
        out.extend(
            languages
                .into_iter()
                .take(3)
                .map(|language| Change::Language {
                    request: r,
                    language,
                }),
        );
        if let Some(cur) = req.slot {
            let mut slots: Vec<(usize, u8)> = (0..Slot::COUNT as u8)
                .filter(|&s| s != cur.0 && slot_count[s as usize] > 0)
                .map(|s| (slot_count[s as usize], s))
                .collect();
            slots.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
            out.extend(slots.into_iter().take(5).map(|(_, s)| Change::Slot {
                request: r,
                slot: Slot(s),
            }));
        }
        let mut seen = Vec::new();
        out.retain(|c| {
            if seen.contains(c) {
                false
            } else {
                seen.push(c.clone());
                true
            }
        });
        // Stable: equal sizes keep the order above (limits, pins, travel, online, language, slot).
        out.sort_by(|a, b| a.size(inst).total_cmp(&b.size(inst)));
        out
    }

    /// The verified fixes of an open seat of request `r`, at most `want`, within `budget`.
    pub fn fixes(&self, r: usize, booked: &Booked, want: usize, budget: &mut FixBudget) -> Fixes {
        if self.part_size(r) > budget.max_arcs {
            return Fixes::TooLarge(self.part_size(r));
        }
        let mut found: Vec<Fix> = Vec::new();
        let mut too_large = None;
        let mut cutoff: Option<f64> = None;
        for change in self
            .fix_candidates(r, booked)
            .into_iter()
            .take(budget.max_tries)
        {
            let size = change.size(self.inst);
            if cutoff.is_some_and(|c| size > c) {
                break;
            }
            let late = budget.deadline.is_some_and(|d| Instant::now() >= d);
            if budget.work == 0 || late {
                if found.is_empty() {
                    return if late {
                        Fixes::TimeLimit
                    } else {
                        Fixes::WorkLimit
                    };
                }
                break;
            }
            let outcome = self.evaluate_until(&change, budget.max_arcs, budget.deadline);
            // A try costs the rebuilt batch plus its re-solve: the part's pairs about
            // `PASSES_PER_NODE` times per node (flows, bundle bounds, master rounds).
            budget.work =
                budget
                    .work
                    .saturating_sub(self.problem.arcs.len().saturating_add(
                        outcome.as_ref().map_or(budget.max_arcs, |o| {
                            o.arcs
                                .saturating_mul(o.nodes.max(1))
                                .saturating_mul(PASSES_PER_NODE)
                        }),
                    ));
            let outcome = match outcome {
                Ok(o) => o,
                Err(n) => {
                    too_large = Some(n);
                    continue;
                }
            };
            if outcome.refused.is_none() && outcome.seat_change(r) > 0 {
                found.push(Fix {
                    change,
                    size,
                    outcome,
                });
                if found.len() >= want {
                    if !budget.ties {
                        break;
                    }
                    cutoff = Some(size);
                }
            }
        }
        if found.is_empty() {
            return match too_large {
                Some(n) => Fixes::TooLarge(n),
                None => Fixes::NoneFound,
            };
        }
        found.sort_by(|a, b| {
            a.size
                .total_cmp(&b.size)
                .then(
                    a.outcome
                        .seats_lost_elsewhere(r)
                        .len()
                        .cmp(&b.outcome.seats_lost_elsewhere(r).len()),
                )
                .then(b.outcome.delta.cmp(&a.outcome.delta))
        });
        found.truncate(want);
        Fixes::Found(found)
    }

    /// Candidate pairs in the component of request `r`.
    pub fn part_size(&self, r: usize) -> usize {
        self.comp_arcs[self.comp[self.inst.experts.len() + r] as usize]
    }
}
