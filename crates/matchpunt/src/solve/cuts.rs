//! Subset-row cuts at the root: a stronger bound where the master LP is fractional on odd
//! cycles of bundles.
//!
//! The master LP ([`super::master`]) chooses at most one bundle per expert and each request at
//! most its seats. Where three one-seat requests A, B, C are each wanted by two of three experts'
//! bundles ({A,B}, {B,C}, {A,C}), the LP takes every bundle at one half and earns half of each
//! more than any integer solution can: no cut on a single request or a single pair removes that
//! point. The *subset-row inequality* (Jepsen, Petersen, Spoorendonk and Pisinger 2008,
//! "Subset-row inequalities applied to the vehicle-routing problem with time windows",
//! Operations Research 56(2)) does: for three one-seat requests C,
//!
//! ```text
//! Σ_{bundles b with |b ∩ C| ≥ 2} x_b ≤ 1
//! ```
//!
//! the rank-1 Chvátal–Gomory cut of the three seat rows with multipliers ½ (each bundle holds a
//! request at most once, so ⌊|b ∩ C| / 2⌋ is 1 exactly when it holds two or three of them). It
//! holds for every integer solution, so adding it to the master keeps every bound valid.
//!
//! **How they enter the bound.** In the dual master each cut is a price σ_c ≥ 0 that every
//! bundle holding two of its requests pays, and the bound is the Lagrangian value
//!
//! ```text
//! Σ_r seats_r·π_r + Σ_c σ_c + Σ_e max_b ( value(b) − Σ_{r∈b} π_r − Σ_{c hit by b} σ_c )
//! ```
//!
//! valid for any π, σ ≥ 0 (every integer solution keeps every cut). The per-expert maximum is
//! no longer a knapsack (the penalty is not additive), so [`best`] takes the knapsack's best
//! bundle without the penalties and, when that one pays a penalty, lists every bundle whose
//! unpenalised value beats the best penalised value found (a superset of the candidates) and
//! takes the best of them; when the listing is cut short the unpenalised value is used, which
//! overestimates and keeps the bound valid. All of it in integers, as the master's bound.
//!
//! **Separation.** microlp gives no duals, so the primal master over the rows known so far is
//! solved as its own LP for the fractional bundle values `x`; triples of one-seat requests held
//! by fractional bundles are enumerated, and the most violated (by more than [`MIN_VIOLATION`])
//! are added, at most [`PER_ROUND`] a round and [`MAX_CUTS`] in all. Then Kelley's cutting
//! planes run again on the dual master with the cut prices as variables, the pricing respecting
//! the cuts ([`best`]), until no expert has a bundle that breaks a row. Cuts are used at the root
//! only, where nothing is forced (a cut needs its requests' seats to be one).

use super::bundle::{best_bundle, bundle_value, spread_costs, Bundles};
use super::master::{list, Row};
use super::{tr, Fix, Problem, Residual};
use microlp::{ComparisonOp, OptimizationDirection};
use std::collections::{BTreeSet, HashSet};
use std::time::Instant;

/// Three one-seat requests, ascending.
pub(super) type Triple = [usize; 3];

/// Most rounds of separation at the root, most cuts added a round and in all.
const CUT_ROUNDS: usize = 8;
const PER_ROUND: usize = 40;
const MAX_CUTS: usize = 200;
/// Most Kelley rounds of the dual master after each round of cuts.
const KELLEY_ROUNDS: usize = 40;
/// A cut is added only when the master's solution breaks it by more than this.
const MIN_VIOLATION: f64 = 0.05;

/// Subset-row cuts with their (integer) prices σ.
#[derive(Clone, Debug, Default)]
pub(super) struct Cuts {
    /// The cuts' requests.
    pub triples: Vec<Triple>,
    /// The price of each cut, in solver units, `>= 0`.
    pub sigma: Vec<i64>,
    /// Per expert: the cuts two or more of whose requests the expert could serve.
    by_expert: Vec<Vec<usize>>,
}

impl Cuts {
    /// Cuts `triples` priced `sigma`, indexed by the experts whose arcs (`bundles`) reach two of
    /// a cut's requests. O(arcs + cuts × 3).
    pub(super) fn new(
        p: &Problem,
        bundles: &Bundles,
        triples: Vec<Triple>,
        sigma: Vec<i64>,
    ) -> Cuts {
        let mut by_request: Vec<Vec<usize>> = vec![Vec::new(); p.seats.len()];
        for (c, t) in triples.iter().enumerate() {
            for &r in t {
                by_request[r].push(c);
            }
        }
        let by_expert = bundles
            .arcs
            .iter()
            .map(|arcs| {
                let mut hits: Vec<usize> = arcs
                    .iter()
                    .flat_map(|&a| by_request[p.arcs[a].request as usize].iter().copied())
                    .collect();
                hits.sort_unstable();
                let mut out: Vec<usize> = Vec::new();
                for w in hits.windows(2) {
                    if w[0] == w[1] && out.last() != Some(&w[0]) {
                        out.push(w[0]);
                    }
                }
                out
            })
            .collect();
        Cuts {
            triples,
            sigma,
            by_expert,
        }
    }

    /// No cut at all (the master's bound as it was).
    pub(super) fn is_empty(&self) -> bool {
        self.triples.is_empty()
    }

    /// What the bundle `arcs` of expert `e` pays for the cuts it hits.
    pub(super) fn penalty(&self, p: &Problem, e: usize, arcs: &[usize]) -> i64 {
        self.by_expert.get(e).map_or(0, |cs| {
            cs.iter()
                .filter(|&&c| self.sigma[c] > 0 && hits(&self.triples[c], p, arcs))
                .map(|&c| self.sigma[c])
                .sum()
        })
    }

    /// The cuts the bundle `arcs` of expert `e` hits.
    fn hit_by(&self, p: &Problem, e: usize, arcs: &[usize]) -> Vec<usize> {
        self.by_expert.get(e).map_or(Vec::new(), |cs| {
            cs.iter()
                .copied()
                .filter(|&c| hits(&self.triples[c], p, arcs))
                .collect()
        })
    }
}

/// Whether the arcs hold two or more of the triple's requests.
fn hits(t: &Triple, p: &Problem, arcs: &[usize]) -> bool {
    t.iter()
        .filter(|&&r| arcs.iter().any(|&a| p.arcs[a].request as usize == r))
        .count()
        >= 2
}

/// The best bundle of expert `e` at seat prices `mu` and cut prices `cuts`: (value less prices
/// and penalties, arcs, exact). Not exact only when the listing was cut short: then the value
/// is the knapsack's without penalties, an overestimate (still a valid bound).
pub(super) fn best(
    p: &Problem,
    e: usize,
    arcs: &[usize],
    res: &Residual,
    mu: &[i64],
    cuts: &Cuts,
) -> (i64, Vec<usize>, bool) {
    let (v0, b0) = best_bundle(p, e, arcs, res, mu);
    let pen0 = cuts.penalty(p, e, &b0);
    if pen0 == 0 {
        return (v0, b0, true);
    }
    let (mut best_v, mut best_b) = if v0 - pen0 > 0 {
        (v0 - pen0, b0.clone())
    } else {
        (0, Vec::new())
    };
    // The best bundle holds only arcs of positive reduced value: dropping one would raise its
    // value and lower (never raise) its spread cost and its penalties.
    let mut items: Vec<(usize, i64)> = arcs
        .iter()
        .map(|&a| (a, p.arcs[a].value - mu[p.arcs[a].request as usize]))
        .filter(|x| x.1 > 0)
        .collect();
    items.sort_by(|x, y| y.1.cmp(&x.1).then(x.0.cmp(&y.0)));
    let spread = spread_costs(p, e, res);
    let mut found = Vec::new();
    let complete = list(
        p,
        &items,
        0,
        &mut Vec::new(),
        0,
        res.budget[e],
        res.slots[e],
        res.count[e] as usize,
        &spread,
        best_v,
        &mut found,
    );
    if !complete {
        return (v0, b0, false);
    }
    for b in found {
        let v = bundle_value(p, &b, &spread)
            - b.iter()
                .map(|&a| mu[p.arcs[a].request as usize])
                .sum::<i64>()
            - cuts.penalty(p, e, &b);
        if v > best_v {
            best_v = v;
            best_b = b;
        }
    }
    (best_v, best_b, true)
}

/// The Lagrangian bound at seat prices `mu` and cut prices `cuts` (nothing forced), and each
/// expert's best bundle there. O(experts × knapsack), plus a listing for experts whose best
/// bundle pays a penalty.
pub(super) fn bound(
    p: &Problem,
    res: &Residual,
    bundles: &Bundles,
    mu: &[i64],
    cuts: &Cuts,
) -> (i64, Vec<Vec<usize>>) {
    let mut total = res.forced_value + cuts.sigma.iter().sum::<i64>();
    for (r, &m) in mu.iter().enumerate() {
        total += m * res.seats[r] as i64;
    }
    let mut chosen = Vec::with_capacity(p.experts.len());
    for e in 0..p.experts.len() {
        if bundles.arcs[e].is_empty() {
            chosen.push(Vec::new());
            continue;
        }
        let (v, b, _) = best(p, e, &bundles.arcs[e], res, mu, cuts);
        total += v;
        chosen.push(b);
    }
    (total, chosen)
}

/// Strengthens the root's master bound `start_bound` (prices `mu`, master rows `rows`) by rounds
/// of subset-row cuts, each followed by Kelley's cutting planes with the cuts priced. Stops when
/// the bound reaches `cutoff` (the incumbent proves optimal), when no cut is violated, or at
/// `deadline`. Returns the best bound found, its seat prices and its cuts, or None when the cuts
/// improved nothing. Nothing may be forced (`res` is the root's).
pub(super) fn strengthen(
    p: &Problem,
    res: &Residual,
    mut rows: Vec<Row>,
    start_bound: i64,
    cutoff: i64,
    deadline: Option<Instant>,
) -> Option<(i64, Vec<i64>, Cuts)> {
    let bundles = Bundles::new(p, &Fix::default(), res);
    let experts: Vec<usize> = (0..p.experts.len())
        .filter(|&e| !bundles.arcs[e].is_empty())
        .collect();
    let mut seen: HashSet<(usize, Vec<usize>)> =
        rows.iter().map(|(e, req, _)| (*e, req.clone())).collect();
    let mut triples: Vec<Triple> = Vec::new();
    let mut known: HashSet<Triple> = HashSet::new();
    let mut best: Option<(i64, Vec<i64>, Cuts)> = None;
    let mut best_bound = start_bound;
    let expired = || deadline.is_some_and(|d| Instant::now() >= d);
    for round in 0..CUT_ROUNDS {
        if expired() || best_bound <= cutoff || triples.len() >= MAX_CUTS {
            break;
        }
        let x = primal(p, res, &rows, &triples, deadline)?;
        let found = separate(p, res, &rows, &x, &known);
        tr!(
            "cuts round {}: rows {} violated {} (most {:?})",
            round,
            rows.len(),
            found.len(),
            found.first().map(|f| f.0)
        );
        if found.is_empty() {
            break;
        }
        for (_, t) in found
            .into_iter()
            .take(PER_ROUND.min(MAX_CUTS - triples.len()))
        {
            known.insert(t);
            triples.push(t);
        }
        let mut lp = DualLp::new(p, res, &experts, &rows, &triples, deadline)?;
        for _ in 0..KELLEY_ROUNDS {
            if expired() {
                break;
            }
            let Some((pi, sigma, u)) = lp.values() else {
                break;
            };
            let prices: Vec<i64> = pi.iter().map(|&x| x.round().max(0.0) as i64).collect();
            let sig: Vec<i64> = sigma.iter().map(|&x| x.round().max(0.0) as i64).collect();
            let cuts = Cuts::new(p, &bundles, triples.clone(), sig);
            let (b, chosen) = bound(p, res, &bundles, &prices, &cuts);
            if b < best_bound {
                best_bound = b;
                best = Some((b, prices.clone(), cuts.clone()));
            }
            let mut new_rows = Vec::new();
            for &e in &experts {
                let bundle = &chosen[e];
                if bundle.is_empty() {
                    continue;
                }
                let v = bundle_value(p, bundle, &spread_costs(p, e, res));
                let reduced = v as f64
                    - bundle
                        .iter()
                        .map(|&a| pi[p.arcs[a].request as usize])
                        .sum::<f64>()
                    - cuts
                        .hit_by(p, e, bundle)
                        .iter()
                        .map(|&c| sigma[c])
                        .sum::<f64>();
                let mut req: Vec<usize> =
                    bundle.iter().map(|&a| p.arcs[a].request as usize).collect();
                req.sort_unstable();
                if reduced > u[e] + 0.5 && seen.insert((e, req.clone())) {
                    rows.push((e, req, v));
                    new_rows.push(rows.len() - 1);
                }
            }
            tr!(
                "cuts kelley: lp {:?} lagr {} best {} rows {} new {} cuts {}",
                lp.solution.as_ref().map(|s| s.objective()),
                b,
                best_bound,
                rows.len(),
                new_rows.len(),
                triples.len()
            );
            if new_rows.is_empty() || best_bound <= cutoff {
                break;
            }
            if new_rows
                .iter()
                .any(|&i| lp.add_row(&rows[i], &triples).is_none())
            {
                break;
            }
        }
    }
    best
}

/// The primal master over `rows` with the cuts `triples`: the bundles' values `x` (one per
/// row). None when the LP fails.
fn primal(
    p: &Problem,
    res: &Residual,
    rows: &[Row],
    triples: &[Triple],
    deadline: Option<Instant>,
) -> Option<Vec<f64>> {
    let mut lp = microlp::Problem::new(OptimizationDirection::Maximize);
    if let Some(d) = deadline {
        lp.set_time_limit(d.saturating_duration_since(Instant::now()));
    }
    let vars: Vec<microlp::Variable> = rows
        .iter()
        .map(|(_, _, v)| lp.add_var(*v as f64, (0.0, 1.0)))
        .collect();
    let mut by_expert: Vec<Vec<(microlp::Variable, f64)>> = vec![Vec::new(); p.experts.len()];
    let mut by_request: Vec<Vec<(microlp::Variable, f64)>> = vec![Vec::new(); p.seats.len()];
    for ((e, req, _), &v) in rows.iter().zip(&vars) {
        by_expert[*e].push((v, 1.0));
        for &r in req {
            by_request[r].push((v, 1.0));
        }
    }
    for row in by_expert.iter().filter(|r| r.len() > 1) {
        lp.add_constraint(&row[..], ComparisonOp::Le, 1.0);
    }
    for (r, row) in by_request.iter().enumerate() {
        if row.len() > res.seats[r] as usize {
            lp.add_constraint(&row[..], ComparisonOp::Le, res.seats[r] as f64);
        }
    }
    for t in triples {
        let row: Vec<(microlp::Variable, f64)> = rows
            .iter()
            .zip(&vars)
            .filter(|((_, req, _), _)| holds_two(t, req))
            .map(|(_, &v)| (v, 1.0))
            .collect();
        if row.len() > 1 {
            lp.add_constraint(&row[..], ComparisonOp::Le, 1.0);
        }
    }
    let solution = lp.solve().ok()?.into_solution().ok()?;
    Some(vars.iter().map(|&v| solution.var_value(v)).collect())
}

/// Whether the sorted requests `req` hold two or more of the triple's.
fn holds_two(t: &Triple, req: &[usize]) -> bool {
    t.iter().filter(|r| req.binary_search(r).is_ok()).count() >= 2
}

/// The subset-row cuts the master's solution `x` breaks by more than [`MIN_VIOLATION`], most
/// violated first (ties by the requests): candidate triples are two one-seat requests of a
/// fractional bundle and a third one-seat request of another fractional bundle that holds one
/// of the two. Cuts in `known` are left out.
fn separate(
    p: &Problem,
    res: &Residual,
    rows: &[Row],
    x: &[f64],
    known: &HashSet<Triple>,
) -> Vec<(f64, Triple)> {
    const EPS: f64 = 1e-6;
    let one_seat = |r: &usize| res.seats[*r] == 1;
    // Fractional bundles, each with its one-seat requests.
    let frac: Vec<(usize, Vec<usize>)> = rows
        .iter()
        .enumerate()
        .filter(|&(i, _)| x[i] > EPS && x[i] < 1.0 - EPS)
        .map(|(i, (_, req, _))| (i, req.iter().copied().filter(one_seat).collect::<Vec<_>>()))
        .filter(|(_, req)| !req.is_empty())
        .collect();
    let mut by_request: Vec<Vec<usize>> = vec![Vec::new(); p.seats.len()];
    for (k, (_, req)) in frac.iter().enumerate() {
        for &r in req {
            by_request[r].push(k);
        }
    }
    let mut candidates: BTreeSet<Triple> = BTreeSet::new();
    for (k, (_, req)) in frac.iter().enumerate() {
        for (i, &r1) in req.iter().enumerate() {
            for &r2 in &req[i + 1..] {
                for &other in by_request[r1].iter().chain(&by_request[r2]) {
                    if other == k {
                        continue;
                    }
                    for &r3 in &frac[other].1 {
                        if r3 != r1 && r3 != r2 {
                            let mut t = [r1, r2, r3];
                            t.sort_unstable();
                            candidates.insert(t);
                        }
                    }
                }
            }
        }
    }
    // Every bundle with a positive value counts in a cut's left-hand side.
    let mut used_by_request: Vec<Vec<usize>> = vec![Vec::new(); p.seats.len()];
    for (i, (_, req, _)) in rows.iter().enumerate() {
        if x[i] > EPS {
            for &r in req {
                used_by_request[r].push(i);
            }
        }
    }
    let mut out: Vec<(f64, Triple)> = candidates
        .into_iter()
        .filter(|t| !known.contains(t))
        .filter_map(|t| {
            let mut ids: Vec<usize> = t
                .iter()
                .flat_map(|&r| used_by_request[r].iter().copied())
                .collect();
            ids.sort_unstable();
            ids.dedup();
            let lhs: f64 = ids
                .iter()
                .filter(|&&i| holds_two(&t, &rows[i].1))
                .map(|&i| x[i])
                .sum();
            (lhs > 1.0 + MIN_VIOLATION).then_some((lhs - 1.0, t))
        })
        .collect();
    out.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
    out
}

/// The dual master with cut prices: minimise `Σ u_e + Σ seats_r·π_r + Σ σ_c` subject to
/// `u_e + Σ_{r∈b} π_r + Σ_{c hit by b} σ_c ≥ value(b)` for every row, all variables `>= 0`.
struct DualLp {
    solution: Option<microlp::Solution>,
    u_var: Vec<Option<microlp::Variable>>,
    pi_var: Vec<Option<microlp::Variable>>,
    sigma_var: Vec<microlp::Variable>,
}

impl DualLp {
    fn new(
        p: &Problem,
        res: &Residual,
        experts: &[usize],
        rows: &[Row],
        triples: &[Triple],
        deadline: Option<Instant>,
    ) -> Option<DualLp> {
        let mut lp = microlp::Problem::new(OptimizationDirection::Minimize);
        if let Some(d) = deadline {
            lp.set_time_limit(d.saturating_duration_since(Instant::now()));
        }
        let mut u_var = vec![None; p.experts.len()];
        for &e in experts {
            u_var[e] = Some(lp.add_var(1.0, (0.0, f64::INFINITY)));
        }
        let mut pi_var = vec![None; p.seats.len()];
        for (r, var) in pi_var.iter_mut().enumerate() {
            if res.seats[r] > 0 {
                *var = Some(lp.add_var(res.seats[r] as f64, (0.0, f64::INFINITY)));
            }
        }
        let sigma_var: Vec<microlp::Variable> = triples
            .iter()
            .map(|_| lp.add_var(1.0, (0.0, f64::INFINITY)))
            .collect();
        let mut this = DualLp {
            solution: None,
            u_var,
            pi_var,
            sigma_var,
        };
        for row in rows {
            let expr = this.expr(row, triples)?;
            lp.add_constraint(&expr[..], ComparisonOp::Ge, row.2 as f64);
        }
        this.solution = Some(lp.solve().ok()?.into_solution().ok()?);
        Some(this)
    }

    fn expr(&self, (e, req, _): &Row, triples: &[Triple]) -> Option<Vec<(microlp::Variable, f64)>> {
        let mut expr = vec![(self.u_var[*e]?, 1.0)];
        for &r in req {
            expr.push((self.pi_var[r]?, 1.0));
        }
        for (t, &v) in triples.iter().zip(&self.sigma_var) {
            if holds_two(t, req) {
                expr.push((v, 1.0));
            }
        }
        Some(expr)
    }

    fn add_row(&mut self, row: &Row, triples: &[Triple]) -> Option<()> {
        let expr = self.expr(row, triples)?;
        let solution = self.solution.take()?;
        self.solution = solution
            .add_constraint(&expr[..], ComparisonOp::Ge, row.2 as f64)
            .ok()?
            .into_solution()
            .ok();
        self.solution.as_ref().map(|_| ())
    }

    /// π per request, σ per cut, u per expert (0 where the LP has no variable).
    fn values(&self) -> Option<(Vec<f64>, Vec<f64>, Vec<f64>)> {
        let s = self.solution.as_ref()?;
        let get = |v: &Option<microlp::Variable>| v.map_or(0.0, |v| s.var_value(v));
        Some((
            self.pi_var.iter().map(get).collect(),
            self.sigma_var.iter().map(|&v| s.var_value(v)).collect(),
            self.u_var.iter().map(get).collect(),
        ))
    }
}

/// The tests' one generator of contested problems (see `master`'s include of it).
#[cfg(test)]
#[allow(dead_code)]
#[path = "../../tests/it/common/contested.rs"]
mod contested;
#[cfg(test)]
use super::{Arc, ExpertCap};

#[cfg(test)]
mod tests {
    //! The cuts' bound against exhaustive search: on a textbook odd cycle of bundles, where the
    //! master's bound is half a bundle above the optimum and the cut closes it; and on random
    //! contested problems, where it must never fall below the optimum and the listing at its
    //! prices must find the optimum.

    use super::contested::Contested;
    use super::*;
    use crate::solve::master::{enumerate, refine_keeping};
    use crate::solve::{evaluate, residual};
    use rand::SeedableRng;
    use rand_chacha::ChaCha8Rng;

    fn brute_force(p: &Problem) -> i64 {
        fn go(p: &Problem, i: usize, set: &mut Vec<usize>, best: &mut i64) {
            if i == p.arcs.len() {
                if let Ok(v) = evaluate(p, set) {
                    *best = (*best).max(v);
                }
                return;
            }
            go(p, i + 1, set, best);
            set.push(i);
            if evaluate(p, set).is_ok() {
                go(p, i + 1, set, best);
            }
            set.pop();
        }
        let mut best = 0;
        go(p, 0, &mut Vec::new(), &mut best);
        best
    }

    /// Three experts (two seats, load budget 2) and three one-seat requests A, B, C in a cycle:
    /// expert i can serve requests i and i+1 (load 1 each), or instead their own request P_i
    /// (load 2). Every arc is worth 1,000. An integer solution fills A, B and C with at most two
    /// experts only by leaving one P empty: the optimum is 4,000 (one pair, one single, one P,
    /// or one pair and two P's). The master takes every pair and every P at one half: 4,500.
    /// The subset-row cut over {A, B, C} allows one pair in all, and closes the gap.
    pub(super) fn odd_cycle() -> Problem {
        let mut arcs = Vec::new();
        for e in 0..3u32 {
            for r in [e, (e + 1) % 3] {
                arcs.push(Arc {
                    request: r,
                    expert: e,
                    value: 1000,
                    intensity: 1,
                    slot: None,
                    heavy: false,
                });
            }
            arcs.push(Arc {
                request: 3 + e,
                expert: e,
                value: 1000,
                intensity: 2,
                slot: None,
                heavy: false,
            });
        }
        Problem {
            experts: vec![
                ExpertCap {
                    max_count: 2,
                    budget: 2,
                    already: 0,
                    busy_slots: 0,
                };
                3
            ],
            seats: vec![1; 6],
            arcs,
            spread: 0,
        }
    }

    /// The root's master bound and rows from zero prices.
    fn master(p: &Problem, res: &Residual) -> Option<(i64, Vec<i64>, Vec<Row>)> {
        let mu = vec![0; p.seats.len()];
        let bundles = Bundles::new(p, &Fix::default(), res);
        let (start, _) = super::super::bundle::bound(p, &Fix::default(), res, &bundles, &mu);
        let mut rows = Vec::new();
        let (b, _, prices) = refine_keeping(
            p,
            &Fix::default(),
            res,
            &mu,
            start,
            100,
            None,
            Some(&mut rows),
        )?;
        Some((b, prices, rows))
    }

    #[test]
    fn the_cut_closes_the_odd_cycle_at_the_root() {
        let p = odd_cycle();
        assert_eq!(brute_force(&p), 4000);
        let res = residual(&p, &Fix::default()).expect("nothing forced");
        let (without, _, rows) = master(&p, &res).expect("the master improves on zero prices");
        assert_eq!(without, 4500, "the master's bound, half a bundle above");
        let (with, mu, cuts) =
            strengthen(&p, &res, rows, without, i64::MIN, None).expect("a cut is violated");
        assert_eq!(with, 4000, "the bound with the cut is the optimum");
        assert_eq!(cuts.triples, vec![[0, 1, 2]]);
        // The listing at the cut's prices proves it with nothing left to list beyond the optimum.
        let found = enumerate(&p, &Fix::default(), &res, &mu, 3999, &[], &cuts, None);
        assert!(found.exact);
        let chosen = found.chosen.expect("a solution");
        assert_eq!(evaluate(&p, &chosen), Ok(4000));
        // The whole solver, with and without the cuts: the same optimum, proven.
        let opts = crate::solve::SolveOptions {
            time_limit: None,
            ..Default::default()
        };
        for on in [true, false] {
            let s = crate::solve::solve_with_cuts(&p, &opts, on);
            assert!(s.proven && s.objective == 4000, "cuts {on}: {s:?}");
        }
    }

    /// On random contested problems (every request one seat) the cuts' bound is never below the optimum, and wherever
    /// it lies below the master's, the listing at its prices and cuts finds the optimum.
    #[test]
    fn cut_bounds_are_valid_and_the_listing_finds_the_optimum() {
        let mut rng = ChaCha8Rng::seed_from_u64(26);
        let (mut tried, mut improved, mut closed) = (0, 0, 0);
        for case in 0..3000 {
            // One seat per request, where subset-row cuts apply.
            let mut p = Contested::small().draw(&mut rng);
            p.seats.fill(1);
            let res = residual(&p, &Fix::default()).expect("nothing forced");
            let opt = brute_force(&p);
            let Some((without, _, rows)) = master(&p, &res) else {
                continue;
            };
            assert!(without >= opt, "case {case}: master {without} < {opt}");
            if without == opt || rows.is_empty() {
                continue;
            }
            tried += 1;
            let Some((with, mu, cuts)) = strengthen(&p, &res, rows, without, i64::MIN, None) else {
                continue;
            };
            assert!(
                with >= opt && with < without,
                "case {case}: bound {with}, master {without}, optimum {opt}\n{p:?}"
            );
            improved += 1;
            closed += usize::from(with == opt);
            let found = enumerate(&p, &Fix::default(), &res, &mu, opt - 1, &[], &cuts, None);
            if found.exact {
                let v = found.chosen.as_ref().map(|c| evaluate(&p, c));
                assert_eq!(v, Some(Ok(opt)), "case {case}: {p:?}\n{cuts:?}");
            }
        }
        eprintln!("tried {tried} improved {improved} closed {closed}");
        assert!(improved >= 15, "cuts improved only {improved} of {tried}");
    }
}
