//! Team rules as side constraints per request (issue 24), solved exactly over the base model.
//!
//! Why one file: the search over teams is one algorithm whose steps (nodes, forced arcs, the
//! teams' listing, the incumbent) share one state per component, as the base solver's do.
//!
//! Why here and why this way: a team rule couples the experts of *one request* (a new expert
//! needs an experienced partner on the same request, at least `experienced_min` experienced
//! seats, two experts who are never sent together, a team staffed whole or not at all). The
//! base solver decomposes by *expert* (bundles are one expert's arcs), so these rules are not a
//! property of any one bundle. They are kept exactly by a branch and bound over the requests'
//! *teams*, with the base solver (flow, bundle bound, master LP, listing, its own branch and
//! bound) as the exact oracle of every node:
//!
//! - **Bound.** A node is the base problem with some requests *decided*: either left open (its
//!   arcs removed) or staffed by one fixed team (its arcs fixed in, exactly as pins are: the
//!   experts' count, budget and slot reduced, the spread cost counted from there). Dropping
//!   the team rules only widens the feasible set, so the base optimum of a node is an upper
//!   bound of the node with the rules (the relaxation).
//! - **Incumbent.** The node's base solution with every request that breaks a team rule
//!   emptied is feasible: emptying a request frees capacity and never breaks another request's
//!   rule (the rules are per request).
//! - **Branching.** On the violated request `r` with the most value in the relaxation: one
//!   child leaves `r` open, and one child per team of `r` that keeps the rules (a set of its
//!   candidate experts, of `seats` members, or fewer under `allow_partial`). These children
//!   cover every feasible solution. The open child is solved first; its upper bound `B` bounds
//!   the rest of every team child, so a team `T` with `B + value(T) <= incumbent` is never
//!   solved (`value(T)`, the sum of its arcs' values, overestimates what `T` adds because the
//!   spread cost only grows). Teams are listed best first and the list stops at that bound.
//! - **Presolve.** Arcs that no feasible team can hold are removed first: a new expert on a
//!   request of one seat, or on a request without an experienced candidate; an expert who is
//!   `not_with` one of the request's pins.
//!
//! Trajectories (requests of several meetings) are a side constraint per *expert* kept by the
//! same search: their arcs take `intensity × meetings in the window` of the expert's rolling
//! budget ([`TeamRules::rolling_left`]) but only `intensity` of the weekly one. A node's base
//! problem caps the weekly budget at the rolling budget left (implied by both rows, so a
//! relaxation, and exact for arcs of one meeting); the incumbent drops the least valuable
//! trajectory arcs of an expert over it ([`TeamRules::repair`]); an expert over it is branched
//! on by removing or forcing in their most valuable trajectory arc not yet fixed.
//!
//! Components of the candidate graph without a team-constrained request are solved once, as
//! before. When the search meets its work or time limit, the best feasible solution is returned
//! with the largest open bound, as the base solver does. Pins are the coordinator's decisions:
//! they are never undone, and a pinned request gets no one added unless the whole team then
//! keeps the rules.

use super::{evaluate, solve, Arc, Limit, Problem, Solution, SolveOptions};
use std::time::Instant;

/// How an expert counts for the team rules.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum Standing {
    /// Neither new nor experienced.
    #[default]
    Other,
    /// Within `[teams] new_weeks` of certification: only on a team with an experienced expert.
    New,
    /// At least `[teams] experienced_after` deployments, and not new.
    Experienced,
}

/// The team rule of one request.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct TeamRequest {
    /// The request's seats in total (`experts_needed`, pins included).
    pub seats: u32,
    /// At least this many of the seats go to experienced experts.
    pub experienced_min: u32,
    /// Experts already on the request (pins), expert indexes.
    pub fixed: Vec<u32>,
}

/// The team rules of a [`Problem`], by the problem's expert and request indexes.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct TeamRules {
    /// Per expert.
    pub standing: Vec<Standing>,
    /// Pairs `(a, b)`, `a < b`, never on one request; sorted.
    pub not_with: Vec<(u32, u32)>,
    /// Per request.
    pub requests: Vec<TeamRequest>,
    /// Accept a partial team that keeps the rules (else a team is whole or open).
    pub allow_partial: bool,
    /// Trajectories: per request, its meetings in the rolling window from the batch week (a
    /// request's arc takes `intensity × window_meetings` of its expert's rolling budget). Empty,
    /// 0 or 1: one meeting.
    pub window_meetings: Vec<u32>,
    /// Per expert: the load the rolling budget leaves for the batch's arcs (after the window's
    /// earlier weeks and the pins, each pin at its window meetings); None (or empty): no
    /// rolling budget. The arcs' weekly limit stays [`super::ExpertCap::budget`], which is at
    /// most this plus what the pins took.
    pub rolling_left: Vec<Option<u32>>,
}

/// Why a request's team breaks the rules. Expert indexes.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum TeamBreak {
    /// Two experts who are never sent together.
    NotWith(u32, u32),
    /// A new expert without an experienced expert on the request.
    NewAlone(u32),
    /// Fewer experienced experts than the request asks.
    TooFewExperienced {
        /// Experienced experts on the request.
        have: u32,
        /// How many the rule asks of this team.
        need: u32,
    },
    /// A team request staffed in part (not allowed without `allow_partial`).
    Partial {
        /// Experts on the request.
        have: u32,
        /// Seats.
        need: u32,
    },
    /// The expert's arcs with their trajectories' later meetings take more than
    /// [`TeamRules::rolling_left`].
    Rolling(u32),
}

impl TeamRules {
    pub(super) fn standing_of(&self, e: u32) -> Standing {
        self.standing.get(e as usize).copied().unwrap_or_default()
    }

    pub(super) fn apart(&self, a: u32, b: u32) -> bool {
        self.not_with.binary_search(&(a.min(b), a.max(b))).is_ok()
    }

    /// Whether any request can break a rule at all: otherwise the base solver alone is exact.
    pub fn is_active(&self) -> bool {
        !self.not_with.is_empty()
            || self.standing.contains(&Standing::New)
            || self.requests.iter().any(|r| r.experienced_min > 0)
            || self.has_trajectories()
    }

    /// Whether request `r` staffed by `members` (pins included, expert indexes, distinct) keeps
    /// the team rules; the first rule broken otherwise. No one (or only its pins) always keeps
    /// them. O(members²).
    ///
    /// # Errors
    ///
    /// The [`TeamBreak`] of the first rule broken.
    pub fn check(&self, r: usize, members: &[u32]) -> Result<(), TeamBreak> {
        let Some(req) = self.requests.get(r) else {
            return Ok(());
        };
        if members.len() <= req.fixed.len() {
            return Ok(());
        }
        for (i, &a) in members.iter().enumerate() {
            for &b in &members[i + 1..] {
                if self.apart(a, b) {
                    return Err(TeamBreak::NotWith(a.min(b), a.max(b)));
                }
            }
        }
        let experienced = members
            .iter()
            .filter(|&&e| self.standing_of(e) == Standing::Experienced)
            .count() as u32;
        let new = members
            .iter()
            .find(|&&e| self.standing_of(e) == Standing::New);
        if let (Some(&e), 0) = (new, experienced) {
            return Err(TeamBreak::NewAlone(e));
        }
        let have = members.len() as u32;
        let whole =
            !self.allow_partial && req.seats >= 2 && (req.experienced_min > 0 || new.is_some());
        if whole && have < req.seats {
            return Err(TeamBreak::Partial {
                have,
                need: req.seats,
            });
        }
        let need = req
            .experienced_min
            .min(if whole { req.seats } else { have });
        if experienced < need {
            return Err(TeamBreak::TooFewExperienced {
                have: experienced,
                need,
            });
        }
        Ok(())
    }

    /// The first request of `chosen` (arc indexes of `p`) that breaks a team rule.
    ///
    /// # Errors
    ///
    /// The request index and the rule it breaks.
    pub fn check_solution(&self, p: &Problem, chosen: &[usize]) -> Result<(), (usize, TeamBreak)> {
        for (r, members) in members_by_request(self, p, chosen) {
            self.check(r, &members).map_err(|b| (r, b))?;
        }
        if let Some(e) = self.rolling_over(p, chosen) {
            // The request of the expert's trajectory arc of least value.
            let r = chosen
                .iter()
                .map(|&a| p.arcs[a])
                .filter(|a| a.expert == e)
                .min_by_key(|a| (self.meetings_of(a.request) <= 1, a.value))
                .map_or(0, |a| a.request as usize);
            return Err((r, TeamBreak::Rolling(e)));
        }
        Ok(())
    }
}

/// The members (pins first, then chosen arcs' experts) of every request with a chosen arc.
fn members_by_request(
    rules: &TeamRules,
    p: &Problem,
    chosen: &[usize],
) -> std::collections::BTreeMap<usize, Vec<u32>> {
    let mut by: std::collections::BTreeMap<usize, Vec<u32>> = std::collections::BTreeMap::new();
    for &a in chosen {
        let arc = p.arcs[a];
        by.entry(arc.request as usize)
            .or_insert_with(|| {
                rules
                    .requests
                    .get(arc.request as usize)
                    .map(|r| r.fixed.clone())
                    .unwrap_or_default()
            })
            .push(arc.expert);
    }
    by
}

/// Solves `p` exactly under the team `rules` (or up to the limits in `opts`, reporting the
/// bound): the optimum over the solutions whose every request keeps [`TeamRules::check`].
/// Without an active rule this is [`solve`]. Each node of the search is one exact base solve of
/// a component; the node count is limited by `opts.node_limit` / 100 (at least 50) per
/// component.
pub fn solve_with_teams(p: &Problem, rules: &TeamRules, opts: &SolveOptions) -> Solution {
    solve_with_teams_forcing(p, rules, opts, &[]).expect("nothing forced: the empty batch fits")
}

/// [`solve_with_teams`] over the solutions that hold every arc of `forced` (indexes into `p`'s
/// arcs): the optimum of a what-if ("this expert on this request") under the team rules. Unlike
/// a pin, a forced arc is no coordinator's decision, so its request must keep every team rule
/// with it (a whole team, an experienced partner). Cost as [`solve_with_teams`].
///
/// # Errors
///
/// `Err(None)` when no solution that keeps the rules holds every forced arc (proven by the
/// search, or by the presolve); `Err(Some(limit))` when a limit stopped the search before it
/// found one.
pub fn solve_with_teams_forcing(
    p: &Problem,
    rules: &TeamRules,
    opts: &SolveOptions,
    forced: &[usize],
) -> Result<Solution, Option<Limit>> {
    // The weekly limit is also at most the rolling budget left: exact for arcs of one meeting,
    // a relaxation for trajectories (which take more of it, kept by the search below).
    let clamped;
    let p = if rules
        .rolling_left
        .iter()
        .enumerate()
        .any(|(e, l)| l.is_some_and(|l| p.experts.get(e).is_some_and(|c| c.budget > l)))
    {
        let mut q = p.clone();
        for (e, cap) in q.experts.iter_mut().enumerate() {
            if let Some(l) = rules.rolling_of(e as u32) {
                cap.budget = cap.budget.min(l);
            }
        }
        clamped = q;
        &clamped
    } else {
        p
    };
    if !rules.is_active() && forced.is_empty() {
        return Ok(solve(p, opts));
    }
    let start = Instant::now();
    let keep = super::rolling::presolve(p, rules);
    if forced.iter().any(|&a| !keep[a]) {
        return Err(None);
    }
    let kept: Vec<usize> = (0..p.arcs.len()).filter(|&a| keep[a]).collect();
    // The forced arcs by their index in `base`.
    let forced_base: Vec<usize> = forced
        .iter()
        .map(|a| kept.binary_search(a).expect("kept above"))
        .collect();
    let base = Problem {
        arcs: kept.iter().map(|&a| p.arcs[a]).collect(),
        ..p.clone()
    };
    // Components with a request that could break a rule are searched; the rest solved once.
    let comps = super::components(&base);
    let mut plain: Vec<usize> = Vec::new();
    let mut searched: Vec<Vec<usize>> = Vec::new();
    for comp in comps {
        let mut chosen_all: Vec<usize> = comp.clone();
        chosen_all.sort_unstable();
        let by = members_by_request(rules, &base, &chosen_all);
        let trajectory = comp.iter().any(|&a| {
            let arc = &base.arcs[a];
            rules.meetings_of(arc.request) > 1 && rules.rolling_of(arc.expert).is_some()
        });
        let constrained = trajectory
            || by.iter().any(|(&r, m)| {
                let req = rules.requests.get(r);
                req.is_some_and(|q| q.experienced_min > 0)
                    || m.iter().any(|&e| rules.standing_of(e) == Standing::New)
                    || m.iter()
                        .enumerate()
                        .any(|(i, &a)| m[i + 1..].iter().any(|&b| rules.apart(a, b)))
            });
        if constrained || comp.iter().any(|a| forced_base.contains(a)) {
            searched.push(comp);
        } else {
            plain.extend(comp);
        }
    }
    plain.sort_unstable();
    let restrict = |arcs: &[usize]| Problem {
        arcs: arcs.iter().map(|&a| base.arcs[a]).collect(),
        ..base.clone()
    };
    let mut out = solve(&restrict(&plain), opts);
    out.chosen = out.chosen.iter().map(|&a| kept[plain[a]]).collect();
    for comp in searched {
        let sub = restrict(&comp);
        let remaining = opts.time_limit.map(|t| t.saturating_sub(start.elapsed()));
        let here: Vec<usize> = comp
            .iter()
            .enumerate()
            .filter(|(_, a)| forced_base.contains(a))
            .map(|(i, _)| i)
            .collect();
        let s = Search::run(
            &sub,
            rules,
            &SolveOptions {
                time_limit: remaining,
                ..*opts
            },
            here,
        )?;
        out.chosen.extend(s.chosen.iter().map(|&a| kept[comp[a]]));
        out.objective += s.objective;
        out.bound += s.bound;
        out.proven &= s.proven;
        out.nodes += s.nodes;
        out.components += s.components;
        out.branched_components += s.branched_components;
        out.listed_components += s.listed_components;
        out.stopped_by = match (out.stopped_by, s.stopped_by) {
            (Some(Limit::Time), _) | (_, Some(Limit::Time)) => Some(Limit::Time),
            (a, b) => a.or(b),
        };
    }
    out.chosen.sort_unstable();
    debug_assert_eq!(evaluate(p, &out.chosen).ok(), Some(out.objective));
    Ok(out)
}

/// The state of one component's search over teams.
struct Search<'a> {
    p: &'a Problem,
    rules: &'a TeamRules,
    opts: SolveOptions,
    deadline: Option<Instant>,
    max_nodes: usize,
    incumbent: Vec<usize>,
    value: i64,
    nodes: usize,
    base_nodes: usize,
    listed: usize,
    listed_teams: usize,
    stopped: Option<Limit>,
    base_unproven: bool,
    /// Arcs every solution must hold (a what-if's, see [`solve_with_teams_forcing`]).
    root_forced: Vec<usize>,
}

/// Teams looked at per component before the search stops as at its work limit.
const MAX_LISTED: usize = 2_000_000;

/// A node of the search: requests decided (each with the arcs of its fixed team; empty: left
/// open), arcs removed, and arcs forced in (their request still open for more).
#[derive(Clone, Debug, Default)]
struct Node {
    decided: Vec<(u32, Vec<usize>)>,
    removed: Vec<usize>,
    forced: Vec<usize>,
}

impl<'a> Search<'a> {
    fn run(
        p: &'a Problem,
        rules: &'a TeamRules,
        opts: &SolveOptions,
        forced: Vec<usize>,
    ) -> Result<Solution, Option<Limit>> {
        let mut s = Search {
            p,
            rules,
            opts: *opts,
            deadline: opts.time_limit.map(|t| Instant::now() + t),
            max_nodes: (opts.node_limit / 100).max(50),
            incumbent: Vec::new(),
            // Without forced arcs, the empty solution keeps every rule.
            value: if forced.is_empty() { 0 } else { i64::MIN },
            nodes: 0,
            base_nodes: 0,
            listed: 0,
            listed_teams: 0,
            stopped: None,
            base_unproven: false,
            root_forced: forced.clone(),
        };
        let root = Node {
            forced,
            ..Node::default()
        };
        let bound = s.node(&root).max(s.value);
        if s.value == i64::MIN {
            return Err(s.stopped.or(s.base_unproven.then_some(Limit::Work)));
        }
        let proven = s.stopped.is_none() && !s.base_unproven;
        let mut chosen = s.incumbent;
        chosen.sort_unstable();
        Ok(Solution {
            objective: s.value,
            bound: if proven { s.value } else { bound },
            proven,
            nodes: s.base_nodes,
            components: 1,
            branched_components: usize::from(s.nodes > 1),
            listed_components: s.listed,
            stopped_by: if proven {
                None
            } else {
                Some(s.stopped.unwrap_or(Limit::Work))
            },
            chosen,
        })
    }

    fn out_of_work(&mut self) -> bool {
        if self.deadline.is_some_and(|d| Instant::now() >= d) {
            self.stopped = Some(Limit::Time);
        } else if self.nodes >= self.max_nodes {
            self.stopped.get_or_insert(Limit::Work);
        }
        self.stopped.is_some()
    }

    /// The base problem of a node (decided requests' arcs out, fixed teams' capacity used) with
    /// the map back to `p`'s arcs and the fixed teams' value; None when the teams do not fit.
    fn node_problem(&self, node: &Node) -> Option<(Problem, Vec<usize>, i64)> {
        let p = self.p;
        let mut experts = p.experts.clone();
        let mut seats = p.seats.clone();
        let mut fixed = 0i64;
        let mut closed = vec![false; p.seats.len()];
        for (r, _) in &node.decided {
            closed[*r as usize] = true;
        }
        let forced = node
            .forced
            .iter()
            .filter(|&&a| !closed[p.arcs[a].request as usize]);
        for a in forced.clone() {
            let r = p.arcs[*a].request as usize;
            seats[r] = seats[r].checked_sub(1)?;
        }
        let teams = node.decided.iter().flat_map(|(_, t)| t);
        let mut rolling: Vec<Option<u32>> = (0..experts.len() as u32)
            .map(|e| self.rules.rolling_of(e))
            .collect();
        for &a in teams.chain(forced) {
            {
                let arc = p.arcs[a];
                let cap = &mut experts[arc.expert as usize];
                let slot_busy = arc.slot.is_some_and(|s| cap.busy_slots & (1 << s) != 0);
                if cap.max_count == 0 || cap.budget < arc.intensity || slot_busy {
                    return None;
                }
                if let Some(l) = &mut rolling[arc.expert as usize] {
                    *l = l.checked_sub(self.rules.rolling_load(&arc))?;
                }
                fixed += arc.value - p.spread * i64::from(cap.already);
                cap.already += 1;
                cap.max_count -= 1;
                cap.budget -= arc.intensity;
                if let Some(s) = arc.slot {
                    cap.busy_slots |= 1 << s;
                }
            }
        }
        // The rolling budget left bounds the weekly one (a relaxation, see `solve_with_teams`).
        for (cap, l) in experts.iter_mut().zip(&rolling) {
            if let Some(l) = l {
                cap.budget = cap.budget.min(*l);
            }
        }
        let fits = |i: usize, a: &Arc| {
            let cap = experts[a.expert as usize];
            rolling[a.expert as usize].is_none_or(|l| self.rules.rolling_load(a) <= l)
                && !closed[a.request as usize]
                && !node.removed.contains(&i)
                && !node.forced.contains(&i)
                && cap.max_count > 0
                && cap.budget >= a.intensity
                && a.slot.is_none_or(|s| cap.busy_slots & (1 << s) == 0)
        };
        let back: Vec<usize> = (0..p.arcs.len()).filter(|&a| fits(a, &p.arcs[a])).collect();
        let sub = Problem {
            experts,
            seats,
            arcs: back.iter().map(|&a| p.arcs[a]).collect(),
            spread: p.spread,
        };
        Some((sub, back, fixed))
    }

    /// Searches `node`; returns an upper bound of its optimum under the rules.
    fn node(&mut self, node: &Node) -> i64 {
        let Some((sub, back, fixed)) = self.node_problem(node) else {
            return i64::MIN;
        };
        self.nodes += 1;
        let opts = SolveOptions {
            time_limit: self
                .deadline
                .map(|d| d.saturating_duration_since(Instant::now())),
            ..self.opts
        };
        let base = solve(&sub, &opts);
        self.base_nodes += base.nodes;
        self.listed += base.listed_components;
        if !base.proven {
            self.base_unproven = true;
            if base.stopped_by == Some(Limit::Time) {
                self.stopped = Some(Limit::Time);
            }
        }
        let ub = fixed + base.bound;
        super::tr!(
            "team node {}: {} decided, bound {ub}, incumbent {}, base nodes {}",
            self.nodes,
            node.decided.len(),
            self.value,
            base.nodes
        );
        let is_decided = |r: usize| node.decided.iter().any(|(d, _)| *d as usize == r);
        let mut chosen: Vec<usize> = node.decided.iter().flat_map(|(_, t)| t.clone()).collect();
        chosen.extend(
            node.forced
                .iter()
                .filter(|&&a| !is_decided(self.p.arcs[a].request as usize)),
        );
        chosen.extend(base.chosen.iter().map(|&a| back[a]));
        chosen.sort_unstable();
        // The requests that break a rule, with their value in the relaxation.
        let mut violated: Vec<(i64, usize, TeamBreak)> = Vec::new();
        for (r, members) in members_by_request(self.rules, self.p, &chosen) {
            if is_decided(r) {
                continue;
            }
            if let Err(why) = self.rules.check(r, &members) {
                let v: i64 = chosen
                    .iter()
                    .filter(|&&a| self.p.arcs[a].request as usize == r)
                    .map(|&a| self.p.arcs[a].value)
                    .sum();
                violated.push((v, r, why));
            }
        }
        let over = self.rules.rolling_over(self.p, &chosen);
        // The incumbent: the relaxation with every violated request emptied and the
        // trajectories over a rolling budget dropped (forced arcs are only forced in this node:
        // the repaired solution is feasible all the same).
        let repaired = self.rules.repair(self.p, chosen.clone());
        let holds_forced = self.root_forced.iter().all(|a| repaired.contains(a));
        if let (Ok(v), true) = (evaluate(self.p, &repaired), holds_forced) {
            if v > self.value {
                self.value = v;
                self.incumbent = repaired;
            }
        }
        if violated.is_empty() && over.is_none() || ub <= self.value {
            return ub;
        }
        if self.out_of_work() {
            return ub;
        }
        if let (true, Some(e)) = (violated.is_empty(), over) {
            return self.by_rolling(node, &chosen, e, ub);
        }
        // Branch on the violated request worth most in the relaxation (ties: lowest index).
        violated.sort_by_key(|(v, r, _)| (std::cmp::Reverse(*v), *r));
        let (_, r, why) = violated.swap_remove(0);
        if let Some(children) = self.split(node, &chosen, r, &why) {
            let mut best = i64::MIN;
            for child in children {
                if self.out_of_work() {
                    return ub;
                }
                best = best.max(self.node(&child));
            }
            return best.min(ub);
        }
        self.by_teams(node, &sub, &back, r, ub)
    }

    /// Two children that cover the node when `r` breaks a rule between two of its arcs: for
    /// `not_with` experts A and B, "A not on r" and "B not on r"; for a new expert N alone on a
    /// request of two seats without pins, "N not on r" and "N on r with an experienced
    /// partner" (N forced, r's other arcs to experts not experienced removed). None when the
    /// rule broken has no such split.
    fn split(&self, node: &Node, chosen: &[usize], r: usize, why: &TeamBreak) -> Option<Vec<Node>> {
        let p = self.p;
        let arc_of = |e: u32| {
            chosen
                .iter()
                .copied()
                .find(|&a| p.arcs[a].request as usize == r && p.arcs[a].expert == e)
                .filter(|a| !node.forced.contains(a))
        };
        let without = |a: usize| {
            let mut c = node.clone();
            c.removed.push(a);
            c
        };
        match *why {
            TeamBreak::NotWith(a, b) => {
                let children: Vec<Node> =
                    [a, b].into_iter().filter_map(arc_of).map(without).collect();
                (!children.is_empty()).then_some(children)
            }
            TeamBreak::NewAlone(n) => {
                let req = &self.rules.requests[r];
                if req.seats != 2 || !req.fixed.is_empty() {
                    return None;
                }
                let arc = arc_of(n)?;
                let mut with = node.clone();
                with.forced.push(arc);
                with.removed.extend((0..p.arcs.len()).filter(|&a| {
                    a != arc
                        && p.arcs[a].request as usize == r
                        && self.rules.standing_of(p.arcs[a].expert) != Standing::Experienced
                }));
                Some(vec![without(arc), with])
            }
            _ => None,
        }
    }

    /// Branches on expert `e`, over their rolling budget in the relaxation: their trajectory
    /// arc worth most that the node does not fix yet is removed in one child and forced in the
    /// other (where its later meetings take their part of the rolling budget). Such an arc
    /// exists: with every trajectory arc of `e` fixed, the node's weekly limit (at most the
    /// rolling budget left) holds the rest.
    fn by_rolling(&mut self, node: &Node, chosen: &[usize], e: u32, ub: i64) -> i64 {
        let p = self.p;
        let fixed =
            |a: usize| node.forced.contains(&a) || node.decided.iter().any(|(_, t)| t.contains(&a));
        let pick = chosen
            .iter()
            .copied()
            .filter(|&a| {
                p.arcs[a].expert == e && self.rules.meetings_of(p.arcs[a].request) > 1 && !fixed(a)
            })
            .max_by_key(|&a| (p.arcs[a].value, std::cmp::Reverse(a)));
        let Some(a) = pick else {
            // Not reached (see above); never claim a proof past it.
            self.stopped.get_or_insert(Limit::Work);
            return ub;
        };
        let mut without = node.clone();
        without.removed.push(a);
        let mut with = node.clone();
        with.forced.push(a);
        let mut best = i64::MIN;
        for child in [without, with] {
            if self.out_of_work() {
                return ub;
            }
            best = best.max(self.node(&child));
        }
        best.min(ub)
    }

    /// Branches on the team of `r`: left open (when nothing is forced onto it), or each team
    /// that keeps the rules, best first, pruned by the open child's bound (see the module docs).
    fn by_teams(&mut self, node: &Node, sub: &Problem, back: &[usize], r: usize, ub: i64) -> i64 {
        let forced: Vec<usize> = node
            .forced
            .iter()
            .copied()
            .filter(|&a| self.p.arcs[a].request as usize == r)
            .collect();
        let open = if forced.is_empty() {
            let mut child = node.clone();
            child.decided.push((r as u32, Vec::new()));
            let open = self.node(&child);
            if open == i64::MIN {
                return ub;
            }
            Some(open)
        } else {
            None
        };
        let floor = open.map_or(i64::MIN, |o| self.value.saturating_sub(o));
        let (teams, unlisted) = self.teams(sub, back, r, &forced, floor);
        if self.listed_teams > MAX_LISTED {
            return ub;
        }
        let mut best = open.unwrap_or(i64::MIN);
        // Teams left out of the list are worth at most `unlisted`: a true bound, not the
        // incumbent, so that the parent's bound of this node stays valid.
        if let (Some(o), true) = (open, unlisted > i64::MIN) {
            best = best.max(o + unlisted);
        }
        for (value, team) in teams {
            if let Some(o) = open {
                if o + value <= self.value {
                    best = best.max(o + value);
                    break;
                }
            }
            if self.out_of_work() {
                return ub;
            }
            let mut child = node.clone();
            child.decided.push((r as u32, team));
            best = best.max(self.node(&child));
        }
        best.min(ub)
    }

    /// The teams of request `r` that keep the rules, as arcs of `p` with the sum of their
    /// values, best first, only those worth more than `floor`; and an upper bound of the value of
    /// those left out (`i64::MIN` when none). Candidates are `r`'s arcs in the node's problem
    /// `sub` (`back` maps them to `p`).
    fn teams(
        &mut self,
        sub: &Problem,
        back: &[usize],
        r: usize,
        forced: &[usize],
        floor: i64,
    ) -> (Vec<(i64, Vec<usize>)>, i64) {
        let req = &self.rules.requests[r];
        let open_seats =
            req.seats
                .saturating_sub((req.fixed.len() + forced.len()) as u32) as usize;
        let mut cands: Vec<(i64, usize)> = sub
            .arcs
            .iter()
            .enumerate()
            .filter(|(_, a)| a.request as usize == r)
            .map(|(i, a)| (a.value, back[i]))
            .collect();
        cands.sort_by_key(|&(v, a)| (std::cmp::Reverse(v), a));
        let mut out = Vec::new();
        let mut pick: Vec<usize> = forced.to_vec();
        let mut members = req.fixed.clone();
        members.extend(forced.iter().map(|&a| self.p.arcs[a].expert));
        let forced_value: i64 = forced.iter().map(|&a| self.p.arcs[a].value).sum();
        let mut unlisted = i64::MIN;
        let mut at = Listing {
            cands: &cands,
            open_seats: open_seats + forced.len(),
            floor,
            r,
        };
        self.list(
            &mut at,
            0,
            forced_value,
            &mut pick,
            &mut members,
            &mut out,
            &mut unlisted,
        );
        out.sort_by(|a, b| b.0.cmp(&a.0).then_with(|| a.1.cmp(&b.1)));
        (out, unlisted)
    }

    /// Depth-first listing of the teams from `cands[from..]` added to `pick` (see [`Self::teams`]).
    #[allow(clippy::too_many_arguments)]
    fn list(
        &mut self,
        at: &mut Listing<'_>,
        from: usize,
        value: i64,
        pick: &mut Vec<usize>,
        members: &mut Vec<u32>,
        out: &mut Vec<(i64, Vec<usize>)>,
        unlisted: &mut i64,
    ) {
        if !pick.is_empty() && self.rules.check(at.r, members).is_ok() {
            if value > at.floor {
                out.push((value, pick.clone()));
            } else {
                *unlisted = (*unlisted).max(value);
            }
        }
        self.listed_teams += 1;
        if self.listed_teams > MAX_LISTED {
            self.stopped.get_or_insert(Limit::Work);
            return;
        }
        if pick.len() == at.open_seats {
            return;
        }
        // The best this branch can still reach: the next best values (sorted descending).
        let room = at.open_seats - pick.len();
        let best_more: i64 = at.cands[from..].iter().take(room).map(|c| c.0.max(0)).sum();
        if value + best_more <= at.floor {
            if from < at.cands.len() {
                *unlisted = (*unlisted).max(value + best_more);
            }
            return;
        }
        for i in from..at.cands.len() {
            let (v, a) = at.cands[i];
            pick.push(a);
            members.push(self.p.arcs[a].expert);
            self.list(at, i + 1, value + v, pick, members, out, unlisted);
            pick.pop();
            members.pop();
        }
    }
}

/// What one listing of teams works on.
struct Listing<'c> {
    cands: &'c [(i64, usize)],
    open_seats: usize,
    floor: i64,
    r: usize,
}
