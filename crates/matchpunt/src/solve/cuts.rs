//! Rank-1 cuts at the root: a stronger bound where the master LP is fractional on odd cycles of
//! bundles.
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
//! request at most once). The same rounding works over any set S of rows that each allow one:
//! experts' rows (one bundle each) and one-seat requests' rows. A bundle of expert e takes
//! `⌊(|{e} ∩ S| + |b ∩ S|) / 2⌋`, the right-hand side is `⌊|S| / 2⌋` ([`Cut`]); an odd cycle
//! of bundles, each sharing a row with the next (an expert or a request), gives the
//! {0, ½}-cut of that cycle (Caprara and Fischetti 1996, "{0, ½}-Chvátal–Gomory cuts",
//! Math. Programming 74), which the half-integral master breaks by one half. Every such cut
//! holds for every integer solution, so adding it keeps every bound valid.
//!
//! **How they enter the bound.** In the dual master each cut is a price σ_c ≥ 0 that every
//! bundle pays times its coefficient, and the bound is the Lagrangian value
//!
//! ```text
//! Σ_r seats_r·π_r + Σ_c rhs_c·σ_c + Σ_e max_b ( value(b) − Σ_{r∈b} π_r − Σ_c coef_c(b)·σ_c )
//! ```
//!
//! valid for any π, σ ≥ 0. The per-expert maximum is no longer a knapsack (the penalty is not
//! additive), so [`best`] takes the knapsack's best bundle without the penalties and, when that
//! one pays a penalty, lists every bundle whose unpenalised value beats the best penalised value
//! found (a superset of the candidates; the penalty only grows with the bundle) and takes the
//! best of them; when the listing is cut short the unpenalised value is used, which
//! overestimates and keeps the bound valid. All of it in integers, as the master's bound.
//!
//! **Separation.** microlp gives no duals, so the primal master over the rows known so far is
//! solved as its own LP for the bundle values `x`. The fractional bundles are joined where they
//! share a tight row (an expert's, or a one-seat request's), and a breadth-first search on the
//! doubled graph finds, from each bundle, a shortest odd cycle back to it ([`MAX_CYCLE`] at
//! most); each cycle's rows are a cut, kept when `x` breaks it by more than [`MIN_VIOLATION`]
//! (violation computed exactly over every bundle). At most [`PER_ROUND`] a round and
//! [`MAX_CUTS`] in all. Then Kelley's cutting planes run again on the dual master with the cut
//! prices as variables, the pricing respecting the cuts ([`best`]), until no expert has a
//! bundle that breaks a row. Cuts are used at the root only, where nothing is forced.

use super::bundle::{best_bundle, bundle_value, spread_costs, Bundles};
use super::master::{list, Row};
use super::{tr, Fix, Problem, Residual};
use microlp::{ComparisonOp, OptimizationDirection};
use std::collections::{BTreeSet, HashSet, VecDeque};
use std::time::Instant;

/// Most rounds of separation at the root, most cuts added a round and in all.
const CUT_ROUNDS: usize = 8;
const PER_ROUND: usize = 40;
const MAX_CUTS: usize = 200;
/// Most Kelley rounds of the dual master after each round of cuts.
const KELLEY_ROUNDS: usize = 40;
/// A cut is added only when the master's solution breaks it by more than this.
const MIN_VIOLATION: f64 = 0.05;
/// The longest odd cycle of bundles sought, and most cycles taken from one row.
const MAX_CYCLE: usize = 9;
const ENDS_PER_START: usize = 30;

/// A rank-1 Chvátal–Gomory cut with multipliers ½ on a set S of the master's rows (experts'
/// rows, at most one bundle; requests' rows, at most their seats): a bundle of expert e takes
/// `⌊(|{e} ∩ S| + |b ∩ S|) / 2⌋` and the right-hand side is `⌊(|S's experts| + Σ_{r ∈ S}
/// seats_r) / 2⌋`. Three one-seat requests and no expert is the subset-row inequality.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub(super) struct Cut {
    /// Experts whose row is in S, ascending.
    pub experts: Vec<usize>,
    /// Requests in S, ascending.
    pub requests: Vec<usize>,
    /// The right-hand side.
    pub rhs: i64,
}

impl Cut {
    /// The right-hand side.
    pub(super) fn rhs(&self) -> i64 {
        self.rhs
    }

    /// The coefficient of a bundle of expert `e` holding the requests `req` (each once).
    pub(super) fn coef(&self, e: usize, req: impl Iterator<Item = usize>) -> i64 {
        let n = usize::from(self.experts.binary_search(&e).is_ok())
            + req
                .filter(|r| self.requests.binary_search(r).is_ok())
                .count();
        (n / 2) as i64
    }

    /// The coefficient of the bundle `arcs` of expert `e`.
    pub(super) fn coef_arcs(&self, p: &Problem, e: usize, arcs: &[usize]) -> i64 {
        self.coef(e, arcs.iter().map(|&a| p.arcs[a].request as usize))
    }
}

/// Cuts with their (integer) prices σ.
#[derive(Clone, Debug, Default)]
pub(super) struct Cuts {
    /// The cuts.
    pub list: Vec<Cut>,
    /// The price of each cut, in solver units, `>= 0`.
    pub sigma: Vec<i64>,
    /// Per expert: the cuts some bundle of the expert could take part in.
    by_expert: Vec<Vec<usize>>,
}

impl Cuts {
    /// Cuts `list` priced `sigma`, indexed by the experts whose arcs (`bundles`) could give a
    /// bundle a coefficient of one or more. O(arcs × cuts per request + the cuts' sizes).
    pub(super) fn new(p: &Problem, bundles: &Bundles, list: Vec<Cut>, sigma: Vec<i64>) -> Cuts {
        let mut by_request: Vec<Vec<usize>> = vec![Vec::new(); p.seats.len()];
        for (c, cut) in list.iter().enumerate() {
            for &r in &cut.requests {
                by_request[r].push(c);
            }
        }
        let by_expert = bundles
            .arcs
            .iter()
            .enumerate()
            .map(|(e, arcs)| {
                let mut reqs: Vec<usize> =
                    arcs.iter().map(|&a| p.arcs[a].request as usize).collect();
                reqs.sort_unstable();
                reqs.dedup();
                let mut hits: Vec<usize> = reqs
                    .iter()
                    .flat_map(|&r| by_request[r].iter().copied())
                    .collect();
                hits.sort_unstable();
                hits.dedup();
                hits.retain(|&c| list[c].coef(e, reqs.iter().copied()) > 0);
                hits
            })
            .collect();
        Cuts {
            list,
            sigma,
            by_expert,
        }
    }

    /// No cut at all (the master's bound as it was).
    pub(super) fn is_empty(&self) -> bool {
        self.list.is_empty()
    }

    /// `Σ_c rhs_c · σ_c`: what the cuts' prices add to the bound.
    pub(super) fn offset(&self) -> i64 {
        self.list
            .iter()
            .zip(&self.sigma)
            .map(|(c, &s)| c.rhs() * s)
            .sum()
    }

    /// What the bundle `arcs` of expert `e` pays for the cuts it takes part in.
    pub(super) fn penalty(&self, p: &Problem, e: usize, arcs: &[usize]) -> i64 {
        self.by_expert.get(e).map_or(0, |cs| {
            cs.iter()
                .filter(|&&c| self.sigma[c] > 0)
                .map(|&c| self.sigma[c] * self.list[c].coef_arcs(p, e, arcs))
                .sum()
        })
    }

    /// The cuts the bundle `arcs` of expert `e` takes part in, with its coefficients.
    fn hit_by(&self, p: &Problem, e: usize, arcs: &[usize]) -> Vec<(usize, i64)> {
        self.by_expert.get(e).map_or(Vec::new(), |cs| {
            cs.iter()
                .map(|&c| (c, self.list[c].coef_arcs(p, e, arcs)))
                .filter(|x| x.1 > 0)
                .collect()
        })
    }
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
    let mut total = res.forced_value + cuts.offset();
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

/// Strengthens the root's master bound `start_bound` (its rows `rows`) by rounds of cuts, each
/// followed by Kelley's cutting planes with the cuts priced. Stops when the bound reaches
/// `cutoff` (the incumbent is then proven optimal), when no cut is violated, or at `deadline`.
/// Returns the best bound found, its seat prices and its cuts, or None when the cuts improved
/// nothing. Nothing may be forced (`res` is the root's).
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
    let mut cuts_found: Vec<Cut> = Vec::new();
    let mut known: HashSet<Cut> = HashSet::new();
    let mut best: Option<(i64, Vec<i64>, Cuts)> = None;
    let mut best_bound = start_bound;
    let expired = || deadline.is_some_and(|d| Instant::now() >= d);
    for round in 0..CUT_ROUNDS {
        if expired() || best_bound <= cutoff || cuts_found.len() >= MAX_CUTS {
            break;
        }
        let x = primal(p, res, &rows, &cuts_found, deadline)?;
        let found = separate(res, &rows, &x, &known);
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
        for (_, c) in found
            .into_iter()
            .take(PER_ROUND.min(MAX_CUTS - cuts_found.len()))
        {
            known.insert(c.clone());
            cuts_found.push(c);
        }
        let mut lp = DualLp::new(p, res, &experts, &rows, &cuts_found, deadline)?;
        for _ in 0..KELLEY_ROUNDS {
            if expired() {
                break;
            }
            let Some((pi, sigma, u)) = lp.values() else {
                break;
            };
            let prices: Vec<i64> = pi.iter().map(|&x| x.round().max(0.0) as i64).collect();
            let sig: Vec<i64> = sigma.iter().map(|&x| x.round().max(0.0) as i64).collect();
            let cuts = Cuts::new(p, &bundles, cuts_found.clone(), sig);
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
                        .map(|&(c, k)| sigma[c] * k as f64)
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
                cuts_found.len()
            );
            if new_rows.is_empty() || best_bound <= cutoff {
                break;
            }
            let batch: Vec<Row> = new_rows.iter().map(|&i| rows[i].clone()).collect();
            if lp.add_rows(&batch, &cuts_found).is_none() {
                break;
            }
        }
    }
    best
}

/// The primal master over `rows` with the cuts `cuts`: the bundles' values `x` (one per row).
/// None when the LP fails.
fn primal(
    p: &Problem,
    res: &Residual,
    rows: &[Row],
    cuts: &[Cut],
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
    for c in cuts {
        let row: Vec<(microlp::Variable, f64)> = rows
            .iter()
            .zip(&vars)
            .map(|((e, req, _), &v)| (v, c.coef(*e, req.iter().copied()) as f64))
            .filter(|x| x.1 > 0.0)
            .collect();
        if !row.is_empty() {
            lp.add_constraint(&row[..], ComparisonOp::Le, c.rhs() as f64);
        }
    }
    let solution = lp.solve().ok()?.into_solution().ok()?;
    Some(vars.iter().map(|&v| solution.var_value(v)).collect())
}

/// The cuts the master's solution `x` breaks by more than [`MIN_VIOLATION`], most violated
/// first (ties in the cuts' order). Nodes are the rows with a slack under one half (experts'
/// and requests'), joined by every bundle with `x > 0` that holds both; from each row of a
/// fractional bundle, a breadth-first search over (row, parity of the rows' right-hand sides so
/// far) finds a shortest closed walk whose rows' right-hand sides add up to an odd number
/// ([`MAX_CYCLE`] rows at most). Its rows are the cut's set S, and the violation is computed
/// exactly over every bundle (a {0, ½}-cut is broken when its rows' slacks and the bundles it
/// holds an odd number of times add up to less than one: Caprara and Fischetti 1996). Cuts in
/// `known` are left out. O(starts × the edges among the rows) for the searches.
fn separate(res: &Residual, rows: &[Row], x: &[f64], known: &HashSet<Cut>) -> Vec<(f64, Cut)> {
    const EPS: f64 = 1e-6;
    let experts = 1 + rows.iter().map(|r| r.0).max().unwrap_or(0);
    // Row ids: experts first, then requests.
    let rhs = |id: usize| -> u32 {
        if id < experts {
            1
        } else {
            res.seats[id - experts]
        }
    };
    let ids_of = |i: usize| -> Vec<usize> {
        let (e, req, _) = &rows[i];
        let mut out = vec![*e];
        out.extend(req.iter().map(|&r| experts + r));
        out
    };
    let n = experts + res.seats.len();
    let mut load = vec![0.0f64; n];
    let positive: Vec<usize> = (0..rows.len()).filter(|&i| x[i] > EPS).collect();
    for &i in &positive {
        for id in ids_of(i) {
            load[id] += x[i];
        }
    }
    let tight = |id: usize| rhs(id) > 0 && load[id] > rhs(id) as f64 - 0.5;
    // Three graphs: the fractional bundles over the tight one-seat requests, the same with the
    // experts' rows, and every bundle over every tight row. The odd cycles of half bundles are
    // in the first two; in a larger graph a walk of the same length through another row can
    // take their place in the search tree.
    let graph = |only_fractional: bool, experts_too: bool| {
        let mut adj: Vec<Vec<usize>> = vec![Vec::new(); n];
        for &i in &positive {
            if only_fractional && x[i] >= 1.0 - EPS {
                continue;
            }
            let ids: Vec<usize> = ids_of(i)
                .into_iter()
                .filter(|&id| {
                    tight(id)
                        && (!only_fractional || rhs(id) == 1)
                        && (experts_too || id >= experts)
                })
                .collect();
            for &a in &ids {
                for &b in &ids {
                    if a != b {
                        adj[a].push(b);
                    }
                }
            }
        }
        for list in &mut adj {
            list.sort_unstable();
            list.dedup();
        }
        adj
    };
    let mut starts: Vec<usize> = positive
        .iter()
        .filter(|&&i| x[i] < 1.0 - EPS)
        .flat_map(|&i| ids_of(i))
        .filter(|&id| tight(id))
        .collect();
    starts.sort_unstable();
    starts.dedup();
    if super::tracing() {
        let frac = positive.iter().filter(|&&i| x[i] < 1.0 - EPS).count();
        tr!(
            "separate: fractional {} starts {} tight rows {}",
            frac,
            starts.len(),
            (0..n).filter(|&id| tight(id)).count()
        );
    }
    let mut candidates: BTreeSet<Cut> = BTreeSet::new();
    let mut dist = vec![usize::MAX; 2 * n];
    let mut prev = vec![usize::MAX; 2 * n];
    for adj in [graph(true, false), graph(true, true), graph(false, true)] {
        for &s in &starts {
            let mut touched = vec![2 * s + (rhs(s) % 2) as usize];
            dist[touched[0]] = 0;
            let mut queue = VecDeque::from([touched[0]]);
            let mut ends = Vec::new();
            while let Some(v) = queue.pop_front() {
                if dist[v] >= MAX_CYCLE {
                    break;
                }
                let (row, odd) = (v / 2, v % 2 == 1);
                for &k in &adj[row] {
                    if k == s {
                        if odd && dist[v] >= 1 && ends.len() < ENDS_PER_START {
                            ends.push(v);
                        }
                        continue;
                    }
                    let next = 2 * k + ((v % 2 + rhs(k) as usize) % 2);
                    if dist[next] == usize::MAX {
                        dist[next] = dist[v] + 1;
                        prev[next] = v;
                        touched.push(next);
                        queue.push_back(next);
                    }
                }
            }
            for mut v in ends {
                let mut set = vec![v / 2];
                while prev[v] != usize::MAX {
                    v = prev[v];
                    set.push(v / 2);
                }
                set.sort_unstable();
                set.dedup();
                let (ex, rq): (Vec<usize>, Vec<usize>) =
                    set.into_iter().partition(|&id| id < experts);
                let requests: Vec<usize> = rq.into_iter().map(|id| id - experts).collect();
                let total = ex.len() as u32 + requests.iter().map(|&r| res.seats[r]).sum::<u32>();
                candidates.insert(Cut {
                    experts: ex,
                    requests,
                    rhs: (total / 2) as i64,
                });
            }
            for v in touched {
                dist[v] = usize::MAX;
                prev[v] = usize::MAX;
            }
        }
    }
    let mut out: Vec<(f64, Cut)> = candidates
        .into_iter()
        .filter(|c| !known.contains(c))
        .filter_map(|c| {
            let lhs: f64 = positive
                .iter()
                .map(|&i| c.coef(rows[i].0, rows[i].1.iter().copied()) as f64 * x[i])
                .sum();
            let violation = lhs - c.rhs() as f64;
            (violation > MIN_VIOLATION).then_some((violation, c))
        })
        .collect();
    out.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
    out
}

/// The dual master with cut prices: minimise `Σ u_e + Σ seats_r·π_r + Σ rhs_c·σ_c` subject to
/// `u_e + Σ_{r∈b} π_r + Σ_c coef_c(b)·σ_c ≥ value(b)` for every row, all variables `>= 0`.
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
        cuts: &[Cut],
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
        let sigma_var: Vec<microlp::Variable> = cuts
            .iter()
            .map(|c| lp.add_var(c.rhs() as f64, (0.0, f64::INFINITY)))
            .collect();
        let mut this = DualLp {
            solution: None,
            u_var,
            pi_var,
            sigma_var,
        };
        for row in rows {
            let expr = this.expr(row, cuts)?;
            lp.add_constraint(&expr[..], ComparisonOp::Ge, row.2 as f64);
        }
        this.solution = Some(lp.solve().ok()?.into_solution().ok()?);
        Some(this)
    }

    fn expr(&self, (e, req, _): &Row, cuts: &[Cut]) -> Option<Vec<(microlp::Variable, f64)>> {
        let mut expr = vec![(self.u_var[*e]?, 1.0)];
        for &r in req {
            expr.push((self.pi_var[r]?, 1.0));
        }
        for (c, &v) in cuts.iter().zip(&self.sigma_var) {
            let k = c.coef(*e, req.iter().copied());
            if k > 0 {
                expr.push((v, k as f64));
            }
        }
        Some(expr)
    }

    /// Adds `rows` to the solved LP at once: one factorization and one dual simplex run from
    /// the current basis (see [`super::master`]'s `Lp::add_rows`).
    fn add_rows(&mut self, rows: &[Row], cuts: &[Cut]) -> Option<()> {
        let exprs: Vec<_> = rows
            .iter()
            .map(|row| Some((self.expr(row, cuts)?, row.2)))
            .collect();
        super::master::add_ge_rows(&mut self.solution, exprs.into_iter())
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

#[cfg(test)]
use super::{Arc, ExpertCap};

#[cfg(test)]
mod tests {
    //! The cuts' bound against exhaustive search: on a textbook odd cycle of bundles, where the
    //! master's bound is half a bundle above the optimum and the cut closes it; and on random
    //! contested problems, where it must never fall below the optimum and the listing at its
    //! prices must find the optimum.

    use super::*;
    use crate::solve::master::contested::Contested;
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
        assert_eq!(
            cuts.list,
            vec![Cut {
                experts: vec![],
                requests: vec![0, 1, 2],
                rhs: 1
            }]
        );
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
        assert!(
            improved >= 40 && closed >= 35,
            "cuts improved only {improved} of {tried}, closed {closed}"
        );
    }
}
