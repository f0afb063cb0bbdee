//! What-if re-solves: one [`Change`] to a solved batch, evaluated exactly by re-solving only the
//! connected components it can affect ([`Base::evaluate`]).

#[allow(unused_imports)]
use super::*;

// ---------------------------------------------------------------------------------------------
// Changes and their exact evaluation by re-solving.

/// One change to a batch's data.
#[derive(Clone, Debug, PartialEq)]
pub enum Change {
    /// New limits for an expert (more assignments and/or a larger load budget).
    Limits {
        /// Expert index.
        expert: usize,
        /// New max_assignments.
        max_assignments: u32,
        /// New load_budget.
        load_budget: u32,
    },
    /// A longer travel distance for an expert.
    Travel {
        /// Expert index.
        expert: usize,
        /// New max_travel_km.
        max_travel_km: f64,
        /// The distance to the request that needs it, km.
        distance_km: f64,
    },
    /// The request in another slot.
    Slot {
        /// Request index.
        request: usize,
        /// The new slot.
        slot: Slot,
    },
    /// The request online instead of on site.
    Online {
        /// Request index.
        request: usize,
    },
    /// The request in another language.
    Language {
        /// Request index.
        request: usize,
        /// Interned language id.
        language: u32,
    },
    /// A coordinator's pin removed.
    DropPin {
        /// Request index.
        request: usize,
        /// Expert index.
        expert: usize,
    },
    /// A pair pinned (forced into the batch).
    Pin {
        /// Request index.
        request: usize,
        /// Expert index.
        expert: usize,
    },
    /// A standby in place of an assigned expert who dropped out: `expert` pinned to `request`
    /// and the pair (`request`, `out`) never a candidate (as after a decline).
    Replace {
        /// Request index.
        request: usize,
        /// The assigned expert who drops out.
        out: usize,
        /// The standby put in.
        expert: usize,
    },
}

impl Change {
    /// Applies the change to a batch.
    pub fn apply(&self, inst: &mut Instance) {
        match *self {
            Change::Limits {
                expert,
                max_assignments,
                load_budget,
            } => {
                let e = &mut inst.experts[expert];
                e.max_assignments = max_assignments;
                e.load_budget = load_budget;
            }
            Change::Travel {
                expert,
                max_travel_km,
                ..
            } => inst.experts[expert].max_travel_km = max_travel_km,
            Change::Slot { request, slot } => inst.requests[request].slot = Some(slot),
            Change::Online { request } => inst.requests[request].online = true,
            Change::Language { request, language } => inst.requests[request].language = language,
            Change::DropPin { request, expert } => {
                inst.requests[request].pinned.retain(|&e| e != expert)
            }
            Change::Pin { request, expert } => {
                let p = &mut inst.requests[request].pinned;
                if !p.contains(&expert) {
                    p.push(expert);
                }
            }
            Change::Replace {
                request,
                out,
                expert,
            } => {
                let p = &mut inst.requests[request].pinned;
                p.retain(|&e| e != out);
                if !p.contains(&expert) {
                    p.push(expert);
                }
            }
        }
    }

    /// The size of the change: 1 per extra assignment or load point, 1 per started 5 km beyond
    /// the travel limit, 2 for another slot or online, 3 for another language or a dropped pin,
    /// 4 for a new pin (which moves an expert away from where the batch put them).
    pub fn size(&self, inst: &Instance) -> f64 {
        match *self {
            Change::Limits {
                expert,
                max_assignments,
                load_budget,
            } => {
                let e = &inst.experts[expert];
                (max_assignments.saturating_sub(e.max_assignments)
                    + load_budget.saturating_sub(e.load_budget)) as f64
            }
            Change::Travel {
                expert,
                max_travel_km,
                ..
            } => travel_steps(max_travel_km - inst.experts[expert].max_travel_km),
            Change::Slot { .. } | Change::Online { .. } => 2.0,
            Change::Language { .. } | Change::DropPin { .. } => 3.0,
            Change::Pin { .. } | Change::Replace { .. } => 4.0,
        }
    }

    /// A stable code.
    pub fn code(&self) -> &'static str {
        match self {
            Change::Limits { .. } => "limits",
            Change::Travel { .. } => "travel",
            Change::Slot { .. } => "slot",
            Change::Online { .. } => "online",
            Change::Language { .. } => "language",
            Change::DropPin { .. } => "drop-pin",
            Change::Pin { .. } => "pin",
            Change::Replace { .. } => "replace",
        }
    }

    /// The request and expert whose candidate pairs the change alters.
    pub(crate) fn rescore(&self) -> (Option<usize>, Option<usize>) {
        match *self {
            Change::Limits { expert, .. } | Change::Travel { expert, .. } => (None, Some(expert)),
            Change::Slot { request, .. }
            | Change::Online { request }
            | Change::Language { request, .. } => (Some(request), None),
            Change::DropPin { .. } | Change::Pin { .. } | Change::Replace { .. } => (None, None),
        }
    }
}

/// `Name (E0123)`, or the id alone when there is no name.
pub fn expert_label(e: &Expert) -> String {
    if e.name.is_empty() {
        e.id.clone()
    } else {
        format!("{} ({})", e.name, e.id)
    }
}

/// What a change does to the batch, computed by re-solving the part it can affect.
#[derive(Clone, Debug, PartialEq)]
pub struct Outcome {
    /// Objective after minus before, in solver units (exact when `proven`).
    pub delta: i64,
    /// Whether the re-solve proved its optimum.
    pub proven: bool,
    /// Per request in the affected part whose filled seats changed: (request, before, after).
    pub seats: Vec<(usize, u32, u32)>,
    /// Per expert whose assignments changed: (expert, requests before, requests after).
    pub moves: Vec<(usize, Vec<usize>, Vec<usize>)>,
    /// Pins kept before and refused after the change: (request, expert).
    pub pins_lost: Vec<(usize, usize)>,
    /// The pinned pair could not be kept: the conflict (for [`Change::Pin`]).
    pub refused: Option<PinConflict>,
    /// Candidate pairs re-solved.
    pub arcs: usize,
    /// Branch-and-bound nodes of the re-solve (its work, with `arcs`).
    pub nodes: usize,
}

impl Outcome {
    /// Seats gained (positive) or lost by `request`.
    pub fn seat_change(&self, request: usize) -> i64 {
        self.seats
            .iter()
            .find(|s| s.0 == request)
            .map_or(0, |s| s.2 as i64 - s.1 as i64)
    }
    /// Requests other than `request` that lose a seat.
    pub fn seats_lost_elsewhere(&self, request: usize) -> Vec<usize> {
        self.seats
            .iter()
            .filter(|s| s.0 != request && s.2 < s.1)
            .map(|s| s.0)
            .collect()
    }
}

/// A solved batch to explain and to try changes on.
pub struct Base<'a> {
    /// The batch.
    pub inst: &'a Instance,
    /// The policy.
    pub policy: &'a Policy,
    /// Solver options for re-solves.
    pub opts: SolveOptions,
    pub(crate) hist: Vec<ExpertHistory>,
    /// All eligible pairs, scored, sorted by (request, expert).
    pub scored: Cow<'a, [Scored]>,
    pub(crate) pins: Pins,
    pub(crate) problem: Cow<'a, Problem>,
    pub(crate) pinned_value: i64,
    /// Chosen problem arcs, ascending.
    pub(crate) chosen: Cow<'a, [usize]>,
    /// Objective in solver units.
    pub objective: i64,
    /// Whether the objective is a proven optimum.
    pub proven: bool,
    /// The assignments: (request, expert, pinned), sorted.
    pub assigned: Vec<(usize, usize, bool)>,
    /// Per node (experts, then requests) its component in the problem.
    pub(crate) comp: Vec<u32>,
    /// Candidate pairs per component (by the component's root node).
    pub(crate) comp_arcs: Vec<usize>,
    /// Pairs that are never candidates (declined in the weekly round), sorted.
    pub(crate) forbidden: Vec<(usize, usize)>,
    pub(crate) team_rules: std::sync::OnceLock<crate::solve::TeamRules>,
}

/// Candidate pairs per component root.
pub(crate) fn component_arcs(p: &Problem, comp: &[u32]) -> Vec<usize> {
    let mut out = vec![0; comp.len()];
    for a in &p.arcs {
        out[comp[a.expert as usize] as usize] += 1;
    }
    out
}

/// Components of the nodes of `p` (experts 0..ne, then requests); isolated nodes alone.
pub(crate) fn node_components(p: &Problem) -> Vec<u32> {
    let ne = p.experts.len();
    let n = ne + p.seats.len();
    let mut uf = UnionFind::<u32>::new(n);
    for a in &p.arcs {
        uf.union(a.expert, ne as u32 + a.request);
    }
    (0..n as u32).map(|i| uf.find(i)).collect()
}

impl<'a> Base<'a> {
    /// The team rules without pins, built once (every open seat's reason rebuilt them before).
    pub(crate) fn team_rules(&self) -> &crate::solve::TeamRules {
        (self.team_rules).get_or_init(|| crate::teams::rules(self.inst, self.policy, &[]))
    }

    /// The base of a batch result.
    pub fn from_result(
        inst: &'a Instance,
        policy: &'a Policy,
        opts: SolveOptions,
        res: &'a BatchResult,
    ) -> Self {
        let pins = Pins {
            accepted: res
                .assignments
                .iter()
                .filter(|a| a.pinned)
                .map(|a| (a.request, a.expert))
                .collect(),
            conflicts: res.pin_conflicts.clone(),
        };
        let assigned = res
            .assignments
            .iter()
            .map(|a| (a.request, a.expert, a.pinned))
            .collect();
        let comp = node_components(&res.problem);
        let comp_arcs = component_arcs(&res.problem, &comp);
        Base {
            inst,
            policy,
            opts,
            hist: scoring::history_stats(inst, policy),
            pinned_value: res.objective - res.solution.objective,
            scored: Cow::Borrowed(&res.scored),
            pins,
            problem: Cow::Borrowed(&res.problem),
            chosen: Cow::Borrowed(&res.solution.chosen),
            objective: res.objective,
            proven: res.proven,
            assigned,
            comp,
            comp_arcs,
            forbidden: res.forbidden.clone(),
            team_rules: Default::default(),
        }
    }

    /// The base of given assignments (an assignments file of a run on the same inputs, or the
    /// ledger's week).
    ///
    /// # Errors
    /// [`AssignmentsMismatch`], naming the pair, when they do not fit this batch: a pin not
    /// kept, an ineligible or refused pair, or a limit broken. Its [`AssignmentsMismatch::text`]
    /// is in the reader's language and never tells rule 3 from rule 4.
    pub fn from_assignments(
        inst: &'a Instance,
        policy: &'a Policy,
        opts: SolveOptions,
        pairs: &[(usize, usize, bool)],
    ) -> Result<Self, AssignmentsMismatch> {
        Self::from_assignments_except(inst, policy, opts, pairs, Vec::new())
    }

    /// [`Base::from_assignments`] where the (request, expert) pairs of `declined` (sorted:
    /// declined this week, in the ledger or a decisions file) are no candidates, as in a
    /// round's batch ([`crate::batch::Adjust::forbidden`]): no runner-up, fix, standby, count
    /// of free experts or re-solve puts one forward, and a pin on one is a conflict.
    ///
    /// A given pair that was declined since is left out: its seat is open.
    ///
    /// # Errors
    /// As [`Base::from_assignments`].
    pub fn from_assignments_except(
        inst: &'a Instance,
        policy: &'a Policy,
        opts: SolveOptions,
        pairs: &[(usize, usize, bool)],
        declined: Vec<(usize, usize)>,
    ) -> Result<Self, AssignmentsMismatch> {
        let mut cands = eligibility::candidates(inst, policy);
        if !declined.is_empty() {
            cands.retain(|p| {
                declined
                    .binary_search(&(p.request as usize, p.expert as usize))
                    .is_err()
            });
        }
        let scored = scoring::score_pairs(inst, policy, &cands);
        let pins = batch::settle_pins_except(inst, policy, &declined);
        let (problem, _, pinned_value) = batch::build_problem(inst, policy, &scored, &pins);
        let ids = |r: usize, e: usize| (inst.experts[e].id.clone(), inst.requests[r].id.clone());
        for &(r, e) in &pins.accepted {
            if !pairs.iter().any(|p| p.0 == r && p.1 == e) {
                let (expert, request) = ids(r, e);
                return Err(AssignmentsMismatch::PinMissing { expert, request });
            }
        }
        // Each given pair's first arc, found in one pass over the arcs (a search per pair was
        // quadratic: 12 s of 16 at 10,000 x 20,000).
        let mut at: HashMap<(usize, usize), Option<usize>> =
            pairs.iter().map(|&(r, e, _)| ((r, e), None)).collect();
        for (i, a) in problem.arcs.iter().enumerate() {
            if let Some(slot) = at.get_mut(&(a.request as usize, a.expert as usize)) {
                slot.get_or_insert(i);
            }
        }
        let mut chosen = Vec::new();
        for &(r, e, _) in pairs {
            // A seat declined since the assignments were made is open now.
            if pins.accepted.contains(&(r, e)) || declined.binary_search(&(r, e)).is_ok() {
                continue;
            }
            let found = at.get(&(r, e)).copied().flatten();
            match found {
                Some(a) => chosen.push(a),
                None => {
                    let why = eligibility::check(inst, policy, &inst.requests[r], &inst.experts[e]);
                    let stage = why.iter().next().map(|x| x.stage_of_expert());
                    let (expert, request) = ids(r, e);
                    return Err(AssignmentsMismatch::NotEligible {
                        expert,
                        request,
                        stage,
                    });
                }
            }
        }
        chosen.sort_unstable();
        let value = solve::evaluate(&problem, &chosen).map_err(|why| {
            let pairs = pins.accepted.iter().copied().chain(chosen.iter().map(|&a| {
                let arc = problem.arcs[a];
                (arc.request as usize, arc.expert as usize)
            }));
            AssignmentsMismatch::over_limit(inst, pairs).unwrap_or(AssignmentsMismatch::Limit {
                why: why.to_string(),
            })
        })?;
        let mut assigned: Vec<(usize, usize, bool)> = pins
            .accepted
            .iter()
            .map(|&(r, e)| (r, e, true))
            .chain(chosen.iter().map(|&a| {
                let arc = problem.arcs[a];
                (arc.request as usize, arc.expert as usize, false)
            }))
            .collect();
        assigned.sort_unstable();
        let comp = node_components(&problem);
        let comp_arcs = component_arcs(&problem, &comp);
        Ok(Base {
            inst,
            policy,
            opts,
            hist: scoring::history_stats(inst, policy),
            scored: Cow::Owned(scored),
            pins,
            problem: Cow::Owned(problem),
            pinned_value,
            chosen: Cow::Owned(chosen),
            objective: pinned_value + value,
            proven: false,
            assigned,
            comp,
            comp_arcs,
            forbidden: declined,
            team_rules: Default::default(),
        })
    }

    /// The scored pair (request, expert), if eligible.
    pub fn scored_pair(&self, r: usize, e: usize) -> Option<&Scored> {
        self.scored
            .binary_search_by(|s| (s.pair.request as usize, s.pair.expert as usize).cmp(&(r, e)))
            .ok()
            .map(|i| &self.scored[i])
    }

    /// The eligible pairs of request `r`.
    pub fn scored_of_request(&self, r: usize) -> &[Scored] {
        let lo = self
            .scored
            .partition_point(|s| (s.pair.request as usize) < r);
        let hi = self
            .scored
            .partition_point(|s| (s.pair.request as usize) <= r);
        &self.scored[lo..hi]
    }

    /// Experts assigned to request `r`.
    pub fn experts_of(&self, r: usize) -> Vec<usize> {
        let lo = self.assigned.partition_point(|a| a.0 < r);
        self.assigned[lo..]
            .iter()
            .take_while(|a| a.0 == r)
            .map(|a| a.1)
            .collect()
    }

    /// Requests assigned to expert `e`, ascending.
    pub fn requests_of(&self, e: usize) -> Vec<usize> {
        self.assigned
            .iter()
            .filter(|a| a.1 == e)
            .map(|a| a.0)
            .collect()
    }

    /// The week's use of every expert in the base assignment.
    pub fn booked(&self) -> Booked {
        Booked::from_pairs(
            self.inst,
            self.policy,
            self.assigned.iter().map(|a| (a.0, a.1)),
        )
    }

    /// Whether `(r, e)` is a pin the batch keeps.
    pub fn is_pinned(&self, r: usize, e: usize) -> bool {
        self.pins.accepted.contains(&(r, e))
    }

    /// The pin conflicts of the batch.
    pub fn pin_conflicts(&self) -> &[PinConflict] {
        &self.pins.conflicts
    }

    /// Applies `change` and re-solves the part of the batch it can affect (see the module docs).
    /// `max_arcs` bounds that part: `Err(pairs)` when it holds more candidate pairs.
    pub fn evaluate(&self, change: &Change, max_arcs: usize) -> Result<Outcome, usize> {
        self.evaluate_until(change, max_arcs, None)
    }

    /// [`Base::evaluate`] with its re-solve stopped at `deadline` (then not proven).
    pub(crate) fn evaluate_until(
        &self,
        change: &Change,
        max_arcs: usize,
        deadline: Option<Instant>,
    ) -> Result<Outcome, usize> {
        let inst0 = self.inst;
        let mut inst = inst0.clone();
        change.apply(&mut inst);
        let (rr, re) = change.rescore();
        // A replaced expert's pair is out, as a declined one is.
        let mut forbidden: Cow<'_, [(usize, usize)]> = Cow::Borrowed(&self.forbidden);
        let scored: Cow<'_, [Scored]> = if let Change::Replace { request, out, .. } = *change {
            let mut f = forbidden.into_owned();
            if let Err(i) = f.binary_search(&(request, out)) {
                f.insert(i, (request, out));
            }
            forbidden = Cow::Owned(f);
            Cow::Owned(
                self.scored
                    .iter()
                    .filter(|s| (s.pair.request as usize, s.pair.expert as usize) != (request, out))
                    .cloned()
                    .collect(),
            )
        } else if rr.is_none() && re.is_none() {
            Cow::Borrowed(&self.scored)
        } else {
            let mut v: Vec<Scored> = self
                .scored
                .iter()
                .filter(|s| {
                    Some(s.pair.request as usize) != rr && Some(s.pair.expert as usize) != re
                })
                .cloned()
                .collect();
            let mut add = |ri: usize, ei: usize| {
                // A declined pair stays out, as in the batch the base is of.
                if self.forbidden.binary_search(&(ri, ei)).is_err()
                    && eligibility::check(&inst, self.policy, &inst.requests[ri], &inst.experts[ei])
                        .is_eligible()
                {
                    v.push(scoring::score_pair(
                        &inst,
                        self.policy,
                        &self.hist,
                        Pair {
                            request: ri as u32,
                            expert: ei as u32,
                        },
                    ));
                }
            };
            if let Some(ri) = rr {
                for ei in 0..inst.experts.len() {
                    add(ri, ei);
                }
            }
            if let Some(ei) = re {
                for ri in 0..inst.requests.len() {
                    add(ri, ei);
                }
            }
            v.sort_by_key(|s| (s.pair.request, s.pair.expert));
            Cow::Owned(v)
        };
        let mut pins = batch::settle_pins_except(&inst, self.policy, &forbidden);
        // Under team rules, the pair a what-if puts in is forced into the re-solve rather than
        // pinned: a pin is a coordinator's decision, exempt from the team rules on its own, but
        // the what-if's request must keep them with the pair in it (a whole team, an
        // experienced partner). Refused as a pin first (limits, seats), then by the rules.
        let mut forcing: Option<(usize, usize)> = None;
        if let Change::Pin { request, expert }
        | Change::Replace {
            request, expert, ..
        } = *change
        {
            let new_pin = !self.pins.accepted.contains(&(request, expert))
                && pins.accepted.contains(&(request, expert));
            if new_pin && crate::teams::rules(inst0, self.policy, &[]).is_active() {
                let mut unpinned = inst.clone();
                unpinned.requests[request].pinned.retain(|&x| x != expert);
                let p2 = batch::settle_pins_except(&unpinned, self.policy, &forbidden);
                if pin_set(&p2) == pin_set(&self.pins) || matches!(change, Change::Replace { .. }) {
                    pins = p2;
                    inst = unpinned;
                    forcing = Some((request, expert));
                }
            }
        }
        let (problem, _, pinned_value) = batch::build_problem(&inst, self.policy, &scored, &pins);
        let forced_arc = forcing.and_then(|(r, e)| {
            problem
                .arcs
                .iter()
                .position(|a| a.request as usize == r && a.expert as usize == e)
        });
        if forcing.is_some() && forced_arc.is_none() {
            // Not reached (an accepted pin is a candidate pair with room); never guess.
            return Err(0);
        }
        let ne = inst.experts.len();
        // The nodes whose pairs, limits, seats or pins change.
        let mut touched: Vec<usize> = Vec::new();
        if let Some(r) = rr {
            touched.push(ne + r);
        }
        if let Some(e) = re {
            touched.push(e);
        }
        if let Change::Pin { request, expert } | Change::DropPin { request, expert } = *change {
            touched.extend([expert, ne + request]);
        }
        if let Change::Replace {
            request,
            out,
            expert,
        } = *change
        {
            touched.extend([expert, out, ne + request]);
        }
        let old_pins = pin_set(&self.pins);
        let new_pins = pin_set(&pins);
        for p in old_pins.iter().filter(|p| !new_pins.contains(p)) {
            touched.extend([p.1, ne + p.0]);
        }
        for p in new_pins.iter().filter(|p| !old_pins.contains(p)) {
            touched.extend([p.1, ne + p.0]);
        }
        let comp_new = node_components(&problem);
        let in_part = affected(&self.comp, &comp_new, &touched);
        let arcs: Vec<usize> = (0..problem.arcs.len())
            .filter(|&a| in_part[problem.arcs[a].expert as usize])
            .collect();
        if arcs.len() > max_arcs {
            return Err(arcs.len());
        }
        // Team rules are by the batch's indexes: with one active, the part keeps them.
        let teams = crate::teams::rules(&inst, self.policy, &pins.accepted);
        let (sub, back) = if teams.is_active() {
            let sub = solve::Problem {
                arcs: arcs.iter().map(|&a| problem.arcs[a]).collect(),
                ..problem.clone()
            };
            (sub, arcs.clone())
        } else {
            solve::subproblem(&problem, &arcs)
        };
        let mut opts = self.opts;
        if let Some(d) = deadline {
            let left = d.saturating_duration_since(Instant::now());
            opts.time_limit = Some(opts.time_limit.map_or(left, |t| t.min(left)));
        }
        let sol = match forced_arc {
            None => solve::solve_with_teams(&sub, &teams, &opts),
            Some(fa) => {
                let at = arcs
                    .binary_search(&fa)
                    .expect("the forced pair is in the part");
                match solve::solve_with_teams_forcing(&sub, &teams, &opts, &[at]) {
                    Ok(sol) => sol,
                    // A limit stopped the search before any solution held the pair: no figure.
                    Err(Some(_)) => return Err(arcs.len()),
                    Err(None) => {
                        let (request, expert) = forcing.expect("forced");
                        return Ok(Outcome {
                            delta: 0,
                            proven: true,
                            seats: Vec::new(),
                            moves: Vec::new(),
                            pins_lost: Vec::new(),
                            refused: Some(PinConflict {
                                request,
                                expert,
                                stage: Stage::PinTeam,
                                text: Lang::En.text(Msg::PinNoTeam).into(),
                                why: crate::batch::PinWhy::NoTeam,
                            }),
                            arcs: arcs.len(),
                            nodes: 0,
                        });
                    }
                }
            }
        };
        let old_chosen: Vec<usize> = self
            .chosen
            .iter()
            .copied()
            .filter(|&a| in_part[self.problem.arcs[a].expert as usize])
            .collect();
        let old_value = solve::evaluate(&self.problem, &old_chosen)
            .expect("the base solution keeps every limit");
        let delta = pinned_value - self.pinned_value + sol.objective - old_value;
        // Assignments in the part, before and after.
        let touches = |r: usize, e: usize| in_part[e] || in_part[ne + r];
        let before: Vec<(usize, usize)> = self
            .assigned
            .iter()
            .filter(|a| touches(a.0, a.1))
            .map(|a| (a.0, a.1))
            .collect();
        let mut after: Vec<(usize, usize)> = pins
            .accepted
            .iter()
            .copied()
            .filter(|p| touches(p.0, p.1))
            .chain(sol.chosen.iter().map(|&a| {
                let arc = problem.arcs[back[a]];
                (arc.request as usize, arc.expert as usize)
            }))
            .collect();
        after.sort_unstable();
        let mut seats: BTreeMap<usize, (u32, u32)> = BTreeMap::new();
        let mut by_expert: BTreeMap<usize, (Vec<usize>, Vec<usize>)> = BTreeMap::new();
        for &(r, e) in &before {
            seats.entry(r).or_default().0 += 1;
            by_expert.entry(e).or_default().0.push(r);
        }
        for &(r, e) in &after {
            seats.entry(r).or_default().1 += 1;
            by_expert.entry(e).or_default().1.push(r);
        }
        let refused = match *change {
            Change::Pin { request, expert }
            | Change::Replace {
                request, expert, ..
            } => pins
                .conflicts
                .iter()
                .find(|c| c.request == request && c.expert == expert)
                .cloned(),
            _ => None,
        };
        let pins_lost = self
            .pins
            .accepted
            .iter()
            .copied()
            .filter(|p| !pins.accepted.contains(p))
            .collect();
        Ok(Outcome {
            delta,
            proven: sol.proven,
            seats: seats
                .into_iter()
                .filter(|(_, (b, a))| a != b)
                .map(|(r, (b, a))| (r, b, a))
                .collect(),
            moves: by_expert
                .into_iter()
                .filter(|(_, (b, a))| a != b)
                .map(|(e, (b, a))| (e, b, a))
                .collect(),
            pins_lost,
            refused,
            arcs: arcs.len(),
            nodes: sol.nodes,
        })
    }
}

pub(crate) fn pin_set(p: &Pins) -> Vec<(usize, usize)> {
    let mut v = p.accepted.clone();
    v.sort_unstable();
    v
}

/// The nodes of every component (before or after) linked to a touched node, closed under both
/// component structures: outside it, the components before and after are the same.
pub(crate) fn affected(old: &[u32], new: &[u32], touched: &[usize]) -> Vec<bool> {
    let n = old.len();
    let mut members_old: HashMap<u32, Vec<usize>> = HashMap::new();
    let mut members_new: HashMap<u32, Vec<usize>> = HashMap::new();
    for i in 0..n {
        members_old.entry(old[i]).or_default().push(i);
        members_new.entry(new[i]).or_default().push(i);
    }
    let mut in_part = vec![false; n];
    let mut done_old = std::collections::HashSet::new();
    let mut done_new = std::collections::HashSet::new();
    let mut stack: Vec<usize> = touched.to_vec();
    while let Some(x) = stack.pop() {
        if in_part[x] {
            continue;
        }
        in_part[x] = true;
        if done_old.insert(old[x]) {
            stack.extend(members_old[&old[x]].iter().copied());
        }
        if done_new.insert(new[x]) {
            stack.extend(members_new[&new[x]].iter().copied());
        }
    }
    in_part
}
