//! Standbys: for every filled seat, the experts the match point can call at once when the
//! assigned expert drops out, without a re-run.
//!
//! Why here: a standby's cost is the cost of a change to the solved batch, so it comes from the
//! same exact re-solve as a runner-up's ([`Base::evaluate`] of a [`Change::Replace`]), bounded
//! by the same [`FixBudget`] as the fix column of `run`.
//!
//! A standby of (request `r`, assigned expert `e`) is an expert who meets rules 1-8 for `r`, was
//! never declined for it, is not on `r` already, keeps every limit (count, load, slot,
//! rolling budget) with the other proposals of the batch as they are, and keeps the team rules
//! ([`crate::teams::swap_miss`]) beside the request's other proposals. The candidates are taken by
//! score (as `explain` lists runners-up), the first `n` that fit; then ranked by the cost of the
//! plain swap (the standby in, every other proposal kept: what calling them without a re-run
//! costs), which is exact and the same on every machine. Each also gets the re-solve's cost (the
//! best batch with the standby in place, as `explain` prices a runner-up), exact when proven.

#[allow(unused_imports)]
use super::*;
use crate::report::table::{Cell, Sheet};

/// One standby of one assignment.
#[derive(Clone, Debug, PartialEq)]
pub struct Standby {
    /// Request index.
    pub request: usize,
    /// The assigned expert (index) this standby stands in for.
    pub expert: usize,
    /// 1 for the first to call.
    pub rank: u32,
    /// The standby (expert index).
    pub standby: usize,
    /// The pair's score (0-100 scale of the batch).
    pub score: f64,
    /// The objective lost by putting the standby in place of the assigned expert, in solver
    /// units (milli-points; positive = worse): the best batch with the standby pinned and the
    /// assigned pair out, against the batch as proposed.
    pub cost: i64,
    /// Whether `cost` is proven: the re-solve proved its optimum. Not proven when the re-solve
    /// was stopped by the time limit, or not run (the part too large, the work budget used up):
    /// then `cost` is the plain swap's (`swap_cost`), an upper bound.
    pub proven: bool,
    /// The objective lost with the standby in and every other proposal kept (units), exact:
    /// the rank's key.
    pub swap_cost: i64,
    /// Assignments the standby could still take on top of this one (with the other proposals).
    pub spare_count: u32,
    /// Load points the standby could still take on top of this one.
    pub spare_load: u32,
}

/// Whether expert `ei` can take request `ri` of `inst` on top of the week's use `u`: the
/// limits of [`limit_miss`] (the rolling load budget, [`Expert::budget`], a trajectory's later
/// meetings and the heavy-theme pause included).
pub fn fits(inst: &Instance, policy: &Policy, ri: usize, ei: usize, u: &WeekUse) -> bool {
    limit_miss(inst, policy, ri, ei, u).is_none()
}

impl Base<'_> {
    /// Up to `n` ranked standbys for every assignment of the batch, ordered by (request, assigned
    /// expert, rank).
    ///
    /// Work: one pass over each filled request's eligible pairs gives every standby the cost of
    /// the plain swap (every other proposal kept), which ranks them; then, while `budget` lasts, the re-solves of
    /// [`Base::evaluate`] make the costs exact, first of every seat's best standby, then of the
    /// second of each, and so on (each charged as `run`'s fix column charges it). A standby whose
    /// re-solve did not run (budget or deadline spent, or a part larger than `budget.max_arcs`)
    /// or did not finish keeps a cost that is not proven.
    pub fn standbys(&self, n: usize, budget: &mut FixBudget) -> Vec<Standby> {
        self.standbys_where(None, n, budget)
    }

    /// [`Base::standbys`] of request `r`'s assignments only (the web page's request view).
    pub fn standbys_of_request(&self, r: usize, n: usize, budget: &mut FixBudget) -> Vec<Standby> {
        self.standbys_where(Some(r), n, budget)
    }

    fn standbys_where(
        &self,
        only: Option<usize>,
        n: usize,
        budget: &mut FixBudget,
    ) -> Vec<Standby> {
        if n == 0 {
            return Vec::new();
        }
        let inst = self.inst;
        let booked = self.booked();
        let spread = scoring::to_units(self.policy.objective.batch_spread);
        let standing = crate::teams::standings(inst, self.policy);
        let mut seats: Vec<Vec<Standby>> = Vec::new();
        for &(r, e, _) in &self.assigned {
            if only.is_some_and(|o| o != r) {
                continue;
            }
            let req = &inst.requests[r];
            let here = self.experts_of(r);
            let stay: Vec<usize> = here.iter().copied().filter(|&o| o != e).collect();
            let mut cands: Vec<&Scored> = self
                .scored_of_request(r)
                .iter()
                .filter(|s| {
                    let x = s.pair.expert as usize;
                    !here.contains(&x) && self.forbidden.binary_search(&(r, x)).is_err()
                })
                .collect();
            cands.sort_by(|a, b| {
                b.score
                    .total_cmp(&a.score)
                    .then(a.pair.expert.cmp(&b.pair.expert))
            });
            let Some(own) = self.scored_pair(r, e) else {
                continue;
            };
            let mut found: Vec<Standby> = Vec::new();
            for s in cands {
                if found.len() >= n {
                    break;
                }
                let x = s.pair.expert as usize;
                let ex = &inst.experts[x];
                let u = &booked.uses[x];
                if !fits(inst, self.policy, r, x, u) {
                    continue;
                }
                // The team rules with the request's other proposals as they are: the same check
                // as a pin's or a booking's (a standby is booked as a fixed seat).
                if crate::teams::swap_miss(inst, &standing, r, x, &stay).is_some() {
                    continue;
                }
                // The plain swap: the standby's pair in, the assigned one out, every other
                // proposal kept (the objective's spread term counts each expert's k-th seat).
                let swap = own.value - s.value + spread * u.count as i64
                    - spread * (booked.uses[e].count as i64 - 1);
                found.push(Standby {
                    request: r,
                    expert: e,
                    rank: 0,
                    standby: x,
                    score: s.score,
                    cost: swap,
                    proven: false,
                    swap_cost: swap,
                    spare_count: ex.max_assignments - u.count - 1,
                    spare_load: ex.budget() - u.load - req.intensity,
                });
            }
            found.sort_by(|a, b| {
                a.swap_cost
                    .cmp(&b.swap_cost)
                    .then(b.score.total_cmp(&a.score))
                    .then(a.standby.cmp(&b.standby))
            });
            for (i, f) in found.iter_mut().enumerate() {
                f.rank = i as u32 + 1;
            }
            seats.push(found);
        }
        // The re-solves, the first standby of every seat before any second one.
        'ranks: for k in 0..n {
            for found in &mut seats {
                let Some(f) = found.get_mut(k) else {
                    continue;
                };
                match self.standby_cost(f.request, f.expert, f.standby, budget) {
                    Some((cost, proven)) => (f.cost, f.proven) = (cost, proven),
                    None if budget.work == 0
                        || budget.deadline.is_some_and(|d| Instant::now() >= d) =>
                    {
                        break 'ranks
                    }
                    None => {}
                }
            }
        }
        seats.into_iter().flatten().collect()
    }

    /// The exact cost (objective before minus after, units) of `x` in place of `e` on `r`, and
    /// whether it is proven; None when the budget, its deadline or the part's size rule the
    /// re-solve out.
    fn standby_cost(
        &self,
        r: usize,
        e: usize,
        x: usize,
        budget: &mut FixBudget,
    ) -> Option<(i64, bool)> {
        let late = budget.deadline.is_some_and(|d| Instant::now() >= d);
        if budget.work == 0 || late {
            return None;
        }
        let change = Change::Replace {
            request: r,
            out: e,
            expert: x,
        };
        let outcome = self.evaluate_until(&change, budget.max_arcs, budget.deadline);
        budget.work = budget
            .work
            .saturating_sub(
                self.problem
                    .arcs
                    .len()
                    .saturating_add(outcome.as_ref().map_or(budget.max_arcs, |o| {
                        o.arcs
                            .saturating_mul(o.nodes.max(1))
                            .saturating_mul(PASSES_PER_NODE)
                    })),
            );
        let o = outcome.ok()?;
        if o.refused.is_some() {
            return None;
        }
        Some((-o.delta, o.proven))
    }
}

/// A standby in words: `{standby} in place of {expert}: rank {rank}, costs {cost} points` (the
/// re-solve's cost, with "not proven" when so).
pub fn standby_text(inst: &Instance, s: &Standby, lang: Lang) -> String {
    let proven = if s.proven {
        ""
    } else {
        lang.text(Msg::StandbyCostNotProven)
    };
    lang.fill(
        Msg::StandbyLine,
        &[
            ("standby", &expert_label(&inst.experts[s.standby])),
            ("expert", &expert_label(&inst.experts[s.expert])),
            ("rank", &s.rank),
            ("cost", &lang.num(s.cost as f64 / 1000.0, 1)),
            ("proven", &proven),
        ],
    )
}

/// The columns of `standbys.csv` (the contract's English names; Dutch through
/// [`Lang::header`]).
pub const STANDBY_COLUMNS: [&str; 12] = [
    "request",
    "expert",
    "rank",
    "standby",
    "standby_name",
    "org",
    "role",
    "slot",
    "score",
    "swap_cost",
    "cost",
    "proven",
];

/// `standbys.csv` as a [`Sheet`] (`reserves`): one row per standby, by request, assigned expert
/// and rank: request, expert (the assigned one), rank, standby, standby_name, org, role, slot,
/// score, swap_cost (points lost with every other proposal kept), cost (points lost by the
/// re-solve's best batch with the standby in place), proven (yes/no); points with 3 decimals.
/// Column names, roles, slots and yes/no in `lang`.
pub fn standbys_sheet(inst: &Instance, standbys: &[Standby], lang: Lang) -> Sheet {
    let header: Vec<String> = STANDBY_COLUMNS.map(|h| lang.header(h)).to_vec();
    let rows = standbys
        .iter()
        .map(|s| {
            let r = &inst.requests[s.request];
            let x = &inst.experts[s.standby];
            vec![
                Cell::from(r.id.as_str()),
                inst.experts[s.expert].id.as_str().into(),
                Cell::Int(s.rank.into()),
                x.id.as_str().into(),
                x.name.as_str().into(),
                inst.orgs.name(r.org).into(),
                lang.role(r.role).into(),
                r.slot.map_or(Cell::Empty, |s| lang.slot(s).into()),
                Cell::Num(s.score, 3),
                Cell::Num(s.swap_cost as f64 / 1000.0, 3),
                Cell::Num(s.cost as f64 / 1000.0, 3),
                lang.yes_no(s.proven).into(),
            ]
        })
        .collect();
    Sheet {
        name: "reserves".into(),
        header,
        rows,
        data_bar: None,
    }
}
