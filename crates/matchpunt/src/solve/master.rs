//! The master bound: the exact Lagrangian dual of the seat limits, by linear programming.
//!
//! Subgradient steps ([`super::bundle::optimise`]) get the seat prices close to their best
//! quickly, but not exactly: on a 1000 x 1000 batch they stop some 50 points above the best
//! bound, and branching alone cannot close that (twin experts give children the same bound).
//! The best prices are the optimal duals of the Dantzig–Wolfe master problem: choose at most one
//! bundle per expert, each request at most its seats. Its dual is
//!
//! ```text
//! minimise   Σ_e u_e + Σ_r seats_r · π_r
//! subject to u_e + Σ_{r ∈ b} π_r ≥ value(b)   for every bundle b of expert e,
//!            u, π ≥ 0,
//! ```
//!
//! with one row per bundle: far too many to write down, but only a few matter. Kelley's cutting
//! planes (Kelley 1960, "The cutting-plane method for solving convex programs", J. SIAM 8(4);
//! the dual view of column generation, Desrosiers and Lübbecke 2005, "A primer in column
//! generation") solve it with the rows that matter: solve the LP over the rows known so far,
//! price every expert's best bundle at its prices with the exact knapsack DP, add the bundles
//! that break a row, repeat. The prices stay in a box around the subgradient's (a trust region,
//! dropped once the prices settle inside it) so that the first rounds do not wander off.
//!
//! The LP ([`microlp`], a pure-Rust simplex) only proposes prices. Every bound this module
//! returns is the Lagrangian value of integer prices, computed exactly in integers by the DP, so
//! it is valid whatever the LP's round-off; an LP failure just ends the refinement.
//!
//! Cost: the first LP is solved from scratch; each later round adds its rows to the solved LP at
//! once (one factorization, a few dual simplex steps per row: microlp's
//! `Solution::add_constraints`, added to the vendored copy in `vendor/microlp`), plus one DP per
//! expert; 10-20 rounds reach the optimum of the master at 1000 x 1000. Rows slack at two
//! solves in a row are left out whenever the LP is rebuilt ([`PURGE_AGE`]), which keeps the
//! rebuilt LPs small; a dropped row that binds again is found again by the DP.
//!
//! [`enumerate`] turns good prices into a proof: it lists, per expert, every bundle whose reduced
//! cost is below the gap it is asked to close (depth first, at most [`ENUM_PER_EXPERT`] per
//! expert), and solves the set-packing problem over them with microlp's branch and bound. The
//! listing is exponential in an expert's count limit in the worst case, but with exact prices
//! and a gap of a few points it holds a few bundles per expert (2,000 columns at 1000 x 1000).

use super::bundle::{best_bundle, bound, bundle_value, spread_costs, Bundles};
use super::cuts::{Cut, Cuts};
use super::{tr, Fix, Problem, Residual};
use microlp::{ComparisonOp, OptimizationDirection};
use std::collections::{BTreeMap, HashSet};
use std::time::Instant;

/// The largest master LP tried, in experts plus requests and in candidate arcs. Beyond it the
/// pure-Rust simplex takes too long for the bound to pay: 3,000 x 3,000 (77,000 arcs) converges
/// in a few seconds, 2,500 x 5,000 (109,000 arcs) takes a minute, and at 10,000 x 20,000 the
/// first LP does not finish in two. Larger batches go straight to the search.
const MAX_LP_SIZE: usize = 12_000;
const MAX_LP_ARCS: usize = 80_000;

/// A row slack at this many solves in a row is left out when the LP is rebuilt: most of the
/// rows found in the first rounds (while the prices still move in their boxes) never bind
/// again, and each rebuild is a whole LP solve whose cost grows with the rows. Dropping the
/// rows slack at the last solve only (age 1) zigzags (dropped rows come back); at age 2, side
/// by side on 2026-12-07: `simulate` 3 weeks x 4 policies at 1,000 x 700, 24% less processor
/// time on two seeds; `run` at 1,000 x 1,000, 9-26% less on three batches, the same optima.
const PURGE_AGE: u32 = 2;

/// Whether the master LP is small enough to try (see [`MAX_LP_SIZE`]).
fn fits(p: &Problem, bundles: &Bundles) -> bool {
    let experts = bundles.arcs.iter().filter(|a| !a.is_empty()).count();
    let arcs: usize = bundles.arcs.iter().map(Vec::len).sum();
    experts + p.seats.len() <= MAX_LP_SIZE && arcs <= MAX_LP_ARCS
}

/// Whether [`refine`] would try the master LP on this node at all.
pub(super) fn applies(p: &Problem, fix: &Fix, res: &Residual) -> bool {
    fits(p, &Bundles::new(p, fix, res))
}

/// Refines the prices `mu` (with Lagrangian bound `start_bound`) towards the exact dual of the
/// master problem, for at most `rounds` LP solves. Returns the best bound found, the chosen arcs
/// at it and its prices, or None when no round improved on `start_bound`.
pub(super) fn refine(
    p: &Problem,
    fix: &Fix,
    res: &Residual,
    mu: &[i64],
    start_bound: i64,
    rounds: usize,
    deadline: Option<Instant>,
) -> Option<(i64, Vec<usize>, Vec<i64>)> {
    refine_keeping(p, fix, res, mu, start_bound, rounds, deadline, None)
}

/// A row of the master: (expert, its bundle's requests ascending, the bundle's value).
pub(super) type Row = (usize, Vec<usize>, i64);

/// [`refine`], leaving the rows of its last LP in `keep` (for the subset-row cuts, which start
/// from them).
#[allow(clippy::too_many_arguments)]
pub(super) fn refine_keeping(
    p: &Problem,
    fix: &Fix,
    res: &Residual,
    mu: &[i64],
    start_bound: i64,
    rounds: usize,
    deadline: Option<Instant>,
    keep: Option<&mut Vec<Row>>,
) -> Option<(i64, Vec<usize>, Vec<i64>)> {
    let bundles = Bundles::new(p, fix, res);
    let experts: Vec<usize> = (0..p.experts.len())
        .filter(|&e| !bundles.arcs[e].is_empty())
        .collect();
    if experts.is_empty() || !fits(p, &bundles) {
        return None;
    }
    // Rows: (expert, requests of the bundle, value of the bundle).
    let mut rows: Vec<(usize, Vec<usize>, i64)> = Vec::new();
    let mut seen: HashSet<(usize, Vec<usize>)> = HashSet::new();
    let add = |seen: &mut HashSet<(usize, Vec<usize>)>,
               rows: &mut Vec<(usize, Vec<usize>, i64)>,
               e: usize,
               arcs: &[usize],
               value| {
        let mut req: Vec<usize> = arcs.iter().map(|&a| p.arcs[a].request as usize).collect();
        req.sort_unstable();
        if seen.insert((e, req.clone())) {
            rows.push((e, req, value));
            true
        } else {
            false
        }
    };
    // Start: every expert's best bundle at `mu`, and each single arc within reach of it.
    let mut width = 1i64;
    for &e in &experts {
        let (best, chosen) = best_bundle(p, e, &bundles.arcs[e], res, mu);
        let spread = spread_costs(p, e, res);
        if !chosen.is_empty() {
            add(
                &mut seen,
                &mut rows,
                e,
                &chosen,
                bundle_value(p, &chosen, &spread),
            );
        }
        for &a in &bundles.arcs[e] {
            let reduced = p.arcs[a].value - mu[p.arcs[a].request as usize] - spread[1];
            if reduced > 0 && reduced >= best - best / 4 {
                add(&mut seen, &mut rows, e, &[a], p.arcs[a].value - spread[1]);
            }
            width = width.max(p.arcs[a].value / 20);
        }
    }
    let mut best: Option<(i64, Vec<usize>, Vec<i64>)> = None;
    let mut best_bound = start_bound;
    let centre: Vec<f64> = mu.iter().map(|&m| m as f64).collect();
    let mut radius = vec![(width / 10).max(1) as f64; p.seats.len()];
    let mut lp = Lp::new(p, res, &experts, &rows, &centre, &radius, deadline)?;
    let mut age: Vec<u32> = Vec::new();
    for _ in 0..rounds {
        if deadline.is_some_and(|d| Instant::now() >= d) {
            break;
        }
        let Some((pi, u)) = lp.values() else {
            break;
        };
        let prices: Vec<i64> = pi.iter().map(|&x| x.round().max(0.0) as i64).collect();
        let (b, chosen) = bound(p, fix, res, &bundles, &prices);
        if b < best_bound {
            best_bound = b;
            best = Some((b, chosen.clone(), prices.clone()));
        }
        // Rows broken at the LP's prices: each expert's best bundle there.
        let mut new_rows = Vec::new();
        for &e in &experts {
            let (_, bundle) = best_bundle(p, e, &bundles.arcs[e], res, &prices);
            if bundle.is_empty() {
                continue;
            }
            let v = bundle_value(p, &bundle, &spread_costs(p, e, res));
            let reduced = v as f64
                - bundle
                    .iter()
                    .map(|&a| pi[p.arcs[a].request as usize])
                    .sum::<f64>();
            if reduced > u[e] + 0.5 && add(&mut seen, &mut rows, e, &bundle, v) {
                new_rows.push(rows.len() - 1);
            }
        }
        // Rounds each row has been slack in a row.
        age.resize(rows.len(), 0);
        for (i, (e, req, value)) in rows.iter().enumerate() {
            let slack = u[*e] + req.iter().map(|&r| pi[r]).sum::<f64>() - *value as f64;
            age[i] = if slack > 0.5 { age[i] + 1 } else { 0 };
        }
        // Prices held by their box.
        let at_edge: Vec<usize> = (0..pi.len())
            .filter(|&r| {
                let (x, c) = (pi[r], centre[r]);
                let lo = (c - radius[r]).max(0.0);
                (lo > 0.0 && x <= lo + 1e-6) || x >= c + radius[r] - 1e-6
            })
            .collect();
        tr!(
            "master round: lp {:?} lagr {} best {} rows {} new {} edge {}",
            lp.solution.as_ref().map(|s| s.objective()),
            b,
            best_bound,
            rows.len(),
            new_rows.len(),
            at_edge.len()
        );
        if new_rows.is_empty() && at_edge.is_empty() {
            break;
        }
        // New rows go into the solved LP together (one factorization, then dual simplex steps
        // from the current vertex). The LP is rebuilt only once the prices have settled in their
        // boxes (no new row) with some held at an edge: then the boxes are dropped, and the
        // method ends as plain Kelley cutting planes, which converge. Widening the boxes of
        // the prices at an edge while rows still came in (a rebuild, and a solve from scratch,
        // each time) was the method until 2026-12-07: side by side on five 1,000 x 1,000
        // batches, the batched rows without widening take 0.25-0.45x the master's time (and
        // the cuts after it 0.5-0.7x: they start from fewer rows), to the same bound.
        let settled = new_rows.is_empty();
        if settled && !at_edge.is_empty() {
            // Rows slack at the last [`PURGE_AGE`] solves leave the rebuilt LP (and may come
            // back when a later round finds them broken again).
            let mut i = 0;
            rows.retain(|(e, req, _)| {
                let keep = age[i] < PURGE_AGE;
                i += 1;
                if !keep {
                    seen.remove(&(*e, req.clone()));
                }
                keep
            });
            age.retain(|&a| a < PURGE_AGE);
            radius.fill(f64::INFINITY);
            match Lp::new(p, res, &experts, &rows, &centre, &radius, deadline) {
                Some(next) => lp = next,
                None => break,
            }
        } else {
            let batch: Vec<Row> = new_rows.iter().map(|&i| rows[i].clone()).collect();
            if lp.add_rows(&batch).is_none() {
                break;
            }
        }
    }
    if let Some(keep) = keep {
        // Rows slack at the last solves do not bind at the master's optimum: the cuts' LP
        // starts without them (and finds any that bind again by pricing).
        age.resize(rows.len(), 0);
        let mut i = 0;
        rows.retain(|_| {
            i += 1;
            age[i - 1] < PURGE_AGE
        });
        *keep = rows;
    }
    best
}

/// The dual master LP over the rows found so far, with prices in the box `centre ± radius`.
struct Lp {
    /// None only after a failed edit (the refinement then stops).
    solution: Option<microlp::Solution>,
    u_var: Vec<Option<microlp::Variable>>,
    pi_var: Vec<Option<microlp::Variable>>,
}

impl Lp {
    fn new(
        p: &Problem,
        res: &Residual,
        experts: &[usize],
        rows: &[(usize, Vec<usize>, i64)],
        centre: &[f64],
        radius: &[f64],
        deadline: Option<Instant>,
    ) -> Option<Lp> {
        let mut lp = microlp::Problem::new(OptimizationDirection::Minimize);
        if let Some(d) = deadline {
            lp.set_time_limit(d.saturating_duration_since(Instant::now()));
        }
        let mut u_var = vec![None; p.experts.len()];
        for &e in experts {
            u_var[e] = Some(lp.add_var(1.0, (0.0, f64::INFINITY)));
        }
        // Every request an expert could serve gets a price variable from the start, so that
        // rows added later only name existing variables.
        let mut pi_var = vec![None; p.seats.len()];
        for (r, var) in pi_var.iter_mut().enumerate() {
            if res.seats[r] > 0 {
                let lo = (centre[r] - radius[r]).max(0.0);
                let hi = centre[r] + radius[r];
                *var = Some(lp.add_var(res.seats[r] as f64, (lo, hi)));
            }
        }
        for (e, req, value) in rows {
            let mut expr = vec![(u_var[*e]?, 1.0)];
            expr.extend(req.iter().map(|&r| (pi_var[r].expect("added above"), 1.0)));
            lp.add_constraint(&expr[..], ComparisonOp::Ge, *value as f64);
        }
        let solution = lp.solve().ok()?.into_solution().ok()?;
        Some(Lp {
            solution: Some(solution),
            u_var,
            pi_var,
        })
    }

    /// Adds `rows` to the solved LP at once (microlp's `Solution::add_constraints`): the basis
    /// is factorized once for all of them and one dual simplex run from the current vertex
    /// repairs every row it breaks. Adding them one by one costs a whole factorization each
    /// (about 1 ms per row at 1,000 x 1,000), more than solving the LP afresh for 40 rows.
    /// None when microlp fails (the refinement then stops; every bound is checked anyway).
    fn add_rows(&mut self, rows: &[Row]) -> Option<()> {
        let exprs = rows.iter().map(|(e, req, value)| {
            let mut expr = vec![(self.u_var[*e]?, 1.0)];
            expr.extend(
                req.iter()
                    .map(|&r| (self.pi_var[r].expect("seats > 0"), 1.0)),
            );
            Some((expr, *value))
        });
        add_ge_rows(&mut self.solution, exprs)
    }

    /// The prices π per request and the values u per expert (0 where the LP has no variable).
    fn values(&self) -> Option<(Vec<f64>, Vec<f64>)> {
        let solution = self.solution.as_ref()?;
        let get = |v: &Option<microlp::Variable>| v.map_or(0.0, |v| solution.var_value(v));
        Some((
            self.pi_var.iter().map(get).collect(),
            self.u_var.iter().map(get).collect(),
        ))
    }
}

/// Adds the rows `expr >= value` to the solved LP in `solution` at once (the vendored microlp's
/// `Solution::add_constraints`: one factorization, then dual simplex steps from the current
/// basis), for the master here and the cuts' dual LP. None, leaving `solution` None, when a row
/// names a missing variable or microlp fails; the caller then stops refining.
pub(super) fn add_ge_rows(
    solution: &mut Option<microlp::Solution>,
    rows: impl Iterator<Item = Option<(Vec<(microlp::Variable, f64)>, i64)>>,
) -> Option<()> {
    let mut batch = Vec::new();
    for row in rows {
        let (expr, value) = row?;
        batch.push((
            microlp::LinearExpr::from(&expr[..]),
            ComparisonOp::Ge,
            value as f64,
        ));
    }
    let current = solution.take()?;
    *solution = current.add_constraints(batch).ok()?.into_solution().ok();
    solution.as_ref().map(|_| ())
}

/// Most bundles listed per expert, and in all, by [`enumerate`].
const ENUM_PER_EXPERT: usize = 500;
const ENUM_TOTAL: usize = 100_000;
/// Node limits of the MIP over the listed bundles, branching on bundles and then on arcs (work
/// limits, so the answer does not depend on the machine).
const BUNDLE_BRANCH_NODES: u64 = 200;
const MIP_NODES: u64 = 20_000;
/// Most columns of an incomplete listing whose MIP is still solved for its incumbent.
const HEURISTIC_COLUMNS: usize = 20_000;

/// What [`enumerate`] found.
pub(super) struct Enumerated {
    /// The best solution among the listed bundles and `keep` (forced arcs included), if the
    /// MIP found one.
    pub chosen: Option<Vec<usize>>,
    /// Whether the listing was complete and its MIP solved to optimality: then no solution worth
    /// more than `floor` is better than `chosen`.
    pub exact: bool,
}

/// Solves the problem exactly over the bundles that can still matter.
///
/// With prices `mu` and Lagrangian bound `bound`, a solution's value is `bound` minus the sum of
/// its bundles' reduced costs (`best_e` less the bundle's reduced value) minus the prices of its
/// empty seats, each term `>= 0`. A solution better than `incumbent` therefore uses only bundles
/// whose reduced cost is below `bound - incumbent`. When the prices are (near) the optimal duals
/// and the gap is small, there are few of those: list them all per expert (depth-first, arcs by
/// reduced value) and solve the set-packing problem over them (choose at most one bundle per
/// expert, each request at most its seats) as a MIP. The same idea is used to close
/// vehicle-routing problems by route enumeration (Baldacci, Christofides and Mingozzi 2008, "An
/// exact algorithm for the vehicle routing problem based on the set partitioning formulation
/// with additional cuts", Math. Programming 115).
#[allow(clippy::too_many_arguments)]
pub(super) fn enumerate(
    p: &Problem,
    fix: &Fix,
    res: &Residual,
    mu: &[i64],
    floor: i64,
    keep: &[usize],
    cuts: &Cuts,
    deadline: Option<Instant>,
) -> Enumerated {
    let step = super::granularity(p);
    let bundles = Bundles::new(p, fix, res);
    // With cuts (at the root only, nothing forced) the bound and each expert's best bundle pay
    // the cuts' prices, and a bundle is kept when its reduced value *after* its penalties is
    // within the gap: a solution's value is the bound less its bundles' reduced costs, its
    // empty seats' prices and its slack cuts' prices, each `>= 0`.
    let bound = if cuts.is_empty() {
        bound(p, fix, res, &bundles, mu).0
    } else {
        super::cuts::bound(p, res, &bundles, mu, cuts).0
    };
    let gap = bound - floor;
    let mut columns: Vec<(usize, Vec<usize>, i64)> = Vec::new();
    let mut complete = true;
    for e in 0..p.experts.len() {
        let arcs = &bundles.arcs[e];
        if arcs.is_empty() {
            continue;
        }
        let best_e = if cuts.is_empty() {
            best_bundle(p, e, arcs, res, mu).0
        } else {
            super::cuts::best(p, e, arcs, res, mu, cuts).0
        };
        let spread = spread_costs(p, e, res);
        // Arcs by reduced value, best first. An arc whose reduced value is `-gap` or less
        // cannot be in a bundle within `gap` of the expert's best (adding it costs that much).
        let mut items: Vec<(usize, i64)> = arcs
            .iter()
            .map(|&a| (a, p.arcs[a].value - mu[p.arcs[a].request as usize]))
            .filter(|x| x.1 > -gap)
            .collect();
        items.sort_by(|x, y| y.1.cmp(&x.1).then(x.0.cmp(&y.0)));
        // A bundle is kept when its reduced value exceeds best_e - gap.
        let floor = best_e - gap;
        let mut found: Vec<Vec<usize>> = Vec::new();
        let mut stack: Vec<usize> = Vec::new();
        let ok = list(
            p,
            &items,
            0,
            &mut stack,
            0,
            res.budget[e],
            res.slots[e],
            res.count[e] as usize,
            &spread,
            floor,
            &mut found,
        );
        if !cuts.is_empty() {
            // The listing above is by value before penalties (a superset).
            found.retain(|b| {
                bundle_value(p, b, &spread)
                    - b.iter()
                        .map(|&a| mu[p.arcs[a].request as usize])
                        .sum::<i64>()
                    - cuts.penalty(p, e, b)
                    > floor
            });
        }
        if !ok || columns.len() + found.len() > ENUM_TOTAL {
            complete = false;
        }
        // The kept solution's bundle, so that the MIP can do no worse than it.
        let mine: Vec<usize> = keep
            .iter()
            .copied()
            .filter(|&a| p.arcs[a].expert as usize == e && fix.forced.binary_search(&a).is_err())
            .collect();
        if !mine.is_empty() && !found.iter().any(|b| sorted(b) == mine) {
            found.push(mine);
        }
        for b in found {
            let v = bundle_value(p, &b, &spread);
            columns.push((e, b, v));
        }
        if columns.len() > ENUM_TOTAL {
            break;
        }
    }
    // An incomplete listing proves nothing, and its MIP is only a heuristic: not worth the
    // seconds its LP takes when the listing is large.
    if !complete && columns.len() > HEURISTIC_COLUMNS {
        tr!("enumerate: incomplete, {} columns", columns.len());
        return Enumerated {
            chosen: None,
            exact: false,
        };
    }
    // First branching on bundles, which is cheapest when the MIP closes in a few nodes; when it
    // does not, branching on arcs (which expert serves which request) closes in far fewer nodes
    // than bundle branching, at a larger LP per node.
    let mut result = None;
    tr!(
        "enumerate: gap {} columns {} complete {}",
        gap,
        columns.len(),
        complete
    );
    for (on_arcs, nodes) in [(false, BUNDLE_BRANCH_NODES), (true, MIP_NODES)] {
        let t = Instant::now();
        result = solve_packing(p, res, &columns, &cuts.list, step, on_arcs, nodes, deadline);
        tr!(
            "packing on_arcs {} -> {:?} in {:?}",
            on_arcs,
            result.as_ref().map(|r| r.1),
            t.elapsed()
        );
        if result.as_ref().is_some_and(|r| r.1) {
            break;
        }
    }
    let Some((mut chosen, optimal)) = result else {
        return Enumerated {
            chosen: None,
            exact: false,
        };
    };
    chosen.extend(&fix.forced);
    chosen.sort_unstable();
    // The value in integers; a MIP answer that breaks a rule (round-off) is no answer.
    if super::evaluate(p, &chosen).is_err() {
        return Enumerated {
            chosen: None,
            exact: false,
        };
    }
    Enumerated {
        chosen: Some(chosen),
        exact: complete && optimal,
    }
}

/// The set-packing MIP over `columns` (expert, arcs, value): at most one bundle per expert,
/// each request at most its seats, values in units of `step`. With `on_arcs`, the bundles are
/// continuous and one binary per arc equals the sum of the bundles that hold it: integral arcs
/// make the bundles integral (an expert's arcs then name exactly one bundle), so the model is
/// the same, but the branch and bound branches on arcs. Returns the arcs of the best solution
/// found within `nodes` nodes and whether it is proven optimal. The cuts `cuts`
/// are added as rows (valid for every integer solution, they only tighten the LPs).
#[allow(clippy::too_many_arguments)]
fn solve_packing(
    p: &Problem,
    res: &Residual,
    columns: &[(usize, Vec<usize>, i64)],
    cuts: &[Cut],
    step: i64,
    on_arcs: bool,
    nodes: u64,
    deadline: Option<Instant>,
) -> Option<(Vec<usize>, bool)> {
    let mut lp = microlp::Problem::new(OptimizationDirection::Maximize);
    let vars: Vec<microlp::Variable> = columns
        .iter()
        .map(|c| {
            let value = (c.2 / step) as f64;
            if on_arcs {
                lp.add_var(value, (0.0, 1.0))
            } else {
                lp.add_binary_var(value)
            }
        })
        .collect();
    let mut by_expert: Vec<Vec<(microlp::Variable, f64)>> = vec![Vec::new(); p.experts.len()];
    let mut by_request: Vec<Vec<(microlp::Variable, f64)>> = vec![Vec::new(); p.seats.len()];
    let mut by_arc: BTreeMap<usize, Vec<(microlp::Variable, f64)>> = BTreeMap::new();
    for (c, &v) in columns.iter().zip(&vars) {
        by_expert[c.0].push((v, 1.0));
        for &a in &c.1 {
            by_request[p.arcs[a].request as usize].push((v, 1.0));
            if on_arcs {
                by_arc.entry(a).or_default().push((v, -1.0));
            }
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
    for cut in cuts {
        let row: Vec<(microlp::Variable, f64)> = columns
            .iter()
            .zip(&vars)
            .map(|(c, &v)| (v, cut.coef_arcs(p, c.0, &c.1) as f64))
            .filter(|x| x.1 > 0.0)
            .collect();
        if !row.is_empty() {
            lp.add_constraint(&row[..], ComparisonOp::Le, cut.rhs() as f64);
        }
    }
    for (_, mut row) in by_arc {
        row.push((lp.add_binary_var(0.0), 1.0));
        lp.add_constraint(&row[..], ComparisonOp::Eq, 0.0);
    }
    let mut options = microlp::SolveOptions::default();
    options.node_limit = Some(nodes);
    // `solve_with` takes its time limit from the options, not from the problem.
    options.time_limit = deadline.map(|d| d.saturating_duration_since(Instant::now()));
    let outcome = lp.solve_with(options).ok()?;
    let solution = outcome.solution()?;
    let chosen = columns
        .iter()
        .zip(&vars)
        .filter(|(_, &v)| solution.var_value(v) > 0.5)
        .flat_map(|(c, _)| c.1.iter().copied())
        .collect();
    Some((chosen, outcome.is_optimal()))
}

fn sorted(b: &[usize]) -> Vec<usize> {
    let mut b = b.to_vec();
    b.sort_unstable();
    b
}

/// Depth-first listing of one expert's bundles from `items[from..]` whose reduced value (sum of
/// item values less the spread cost) exceeds `floor`. Returns false when the listing was cut
/// at [`ENUM_PER_EXPERT`].
#[allow(clippy::too_many_arguments)]
pub(super) fn list(
    p: &Problem,
    items: &[(usize, i64)],
    from: usize,
    stack: &mut Vec<usize>,
    sum: i64,
    budget: u32,
    slots: u32,
    cap: usize,
    spread: &[i64],
    floor: i64,
    found: &mut Vec<Vec<usize>>,
) -> bool {
    let k = stack.len();
    if k > 0 && sum - spread[k] > floor {
        if found.len() >= ENUM_PER_EXPERT {
            return false;
        }
        found.push(stack.clone());
    }
    if k == cap {
        return true;
    }
    for i in from..items.len() {
        let (a, w) = items[i];
        // Items are sorted by value: if even filling up with this one's value cannot reach
        // the floor, no later item can either.
        // The spread cost only grows with the count, so `cap - k` more items each worth at most
        // `w` (or one item, when `w <= 0`) bound every extension from here.
        let most = if w > 0 { (cap - k) as i64 * w } else { w };
        if sum + most - spread[k + 1] <= floor {
            break;
        }
        let arc = p.arcs[a];
        if arc.intensity > budget {
            continue;
        }
        let bit = arc.conflicts();
        if slots & bit != 0 {
            continue;
        }
        stack.push(a);
        let ok = list(
            p,
            items,
            i + 1,
            stack,
            sum + w,
            budget - arc.intensity,
            slots | bit,
            cap,
            spread,
            floor,
            found,
        );
        stack.pop();
        if !ok {
            return false;
        }
    }
    true
}

/// The tests' one generator of contested problems, shared with the core's integration tests
/// (its module doc says why it is included by path); it names `Arc` and `ExpertCap` as
/// `super::`.
#[cfg(test)]
#[allow(dead_code)]
#[path = "../../tests/it/common/contested.rs"]
pub(super) mod contested;
#[cfg(test)]
use super::{Arc, ExpertCap};

#[cfg(test)]
mod tests {
    //! The listing, the refined prices and the listing's MIP against exhaustive search, on tiny
    //! random problems; the listing with random prices, since its proof must hold for *any*
    //! prices, not only good ones.

    use super::contested::Contested;
    use super::*;
    use crate::solve::{evaluate, granularity, residual};
    use rand::{Rng, SeedableRng};
    use rand_chacha::ChaCha8Rng;

    fn random_problem(rng: &mut ChaCha8Rng) -> Problem {
        let ne = rng.gen_range(1..=5);
        let nr = rng.gen_range(1..=5);
        let mut arcs = Vec::new();
        for r in 0..nr {
            for e in 0..ne {
                if arcs.len() < 12 && rng.gen_bool(0.45) {
                    arcs.push(Arc {
                        request: r as u32,
                        expert: e as u32,
                        value: 10 * rng.gen_range(1..=40),
                        intensity: rng.gen_range(0..=3),
                        slot: rng.gen_bool(0.5).then(|| rng.gen_range(0..3)),
                        heavy: false,
                    });
                }
            }
        }
        Problem {
            experts: (0..ne)
                .map(|_| ExpertCap {
                    max_count: rng.gen_range(1..=3),
                    budget: rng.gen_range(1..=5),
                    already: rng.gen_range(0..=1),
                    busy_slots: u32::from(rng.gen_bool(0.2)),
                })
                .collect(),
            seats: (0..nr).map(|_| rng.gen_range(1..=2)).collect(),
            arcs,
            spread: 10 * rng.gen_range(0..=3),
        }
    }

    /// The best value over all feasible arc sets that hold `forced`.
    fn brute_force(p: &Problem, forced: &[usize]) -> Option<i64> {
        fn go(
            p: &Problem,
            i: usize,
            forced: &[usize],
            set: &mut Vec<usize>,
            best: &mut Option<i64>,
        ) {
            if i == p.arcs.len() {
                if let Ok(v) = evaluate(p, set) {
                    *best = Some(best.map_or(v, |b| b.max(v)));
                }
                return;
            }
            if !forced.contains(&i) {
                go(p, i + 1, forced, set, best);
            }
            set.push(i);
            if evaluate(p, set).is_ok() {
                go(p, i + 1, forced, set, best);
            }
            set.pop();
        }
        let mut best = None;
        go(p, 0, forced, &mut Vec::new(), &mut best);
        best
    }

    #[test]
    fn listing_is_exact_for_any_prices() {
        let mut rng = ChaCha8Rng::seed_from_u64(5);
        let (mut exact, mut proved) = (0, 0);
        for case in 0..3000 {
            let p = random_problem(&mut rng);
            let mut fix = Fix::default();
            if !p.arcs.is_empty() && rng.gen_bool(0.3) {
                fix.forced.push(rng.gen_range(0..p.arcs.len()));
            }
            let Some(res) = residual(&p, &fix) else {
                continue;
            };
            let Some(opt) = brute_force(&p, &fix.forced) else {
                continue;
            };
            let mu: Vec<i64> = (0..p.seats.len())
                .map(|_| {
                    if rng.gen_bool(0.3) {
                        0
                    } else {
                        rng.gen_range(0..=300)
                    }
                })
                .collect();
            let (l, _) = bound(&p, &fix, &res, &Bundles::new(&p, &fix, &res), &mu);
            assert!(
                l >= opt,
                "case {case}: Lagrangian bound {l} below the optimum {opt}"
            );
            let floor = rng.gen_range(opt - 100..=l);
            let found = enumerate(&p, &fix, &res, &mu, floor, &[], &Cuts::default(), None);
            let value = found.chosen.as_ref().map(|c| {
                assert!(
                    fix.forced.iter().all(|a| c.contains(a)),
                    "case {case}: forced arc lost"
                );
                evaluate(&p, c).unwrap_or_else(|e| panic!("case {case}: infeasible: {e}"))
            });
            if found.exact {
                exact += 1;
                // Every solution worth more than `floor` is listed, so the best of them is found.
                if opt > floor {
                    proved += 1;
                    assert_eq!(
                        value,
                        Some(opt),
                        "case {case}: {p:?}\nmu {mu:?} floor {floor}"
                    );
                }
            }
        }
        assert!(
            exact > 2000 && proved > 1000,
            "exact {exact}, proved {proved}"
        );
    }

    #[test]
    fn refined_prices_give_valid_and_better_bounds() {
        let mut rng = ChaCha8Rng::seed_from_u64(6);
        let mut improved = 0;
        for case in 0..1500 {
            let p = random_problem(&mut rng);
            let fix = Fix::default();
            let res = residual(&p, &fix).expect("nothing forced");
            let opt = brute_force(&p, &[]).expect("the empty set is feasible");
            let mu: Vec<i64> = (0..p.seats.len()).map(|_| rng.gen_range(0..=300)).collect();
            let (start, _) = bound(&p, &fix, &res, &Bundles::new(&p, &fix, &res), &mu);
            if let Some((b, chosen, prices)) = refine(&p, &fix, &res, &mu, start, 40, None) {
                improved += 1;
                assert!(
                    b < start && b >= opt,
                    "case {case}: bound {b}, start {start}, optimum {opt}"
                );
                let bundles = Bundles::new(&p, &fix, &res);
                assert_eq!(
                    bound(&p, &fix, &res, &bundles, &prices),
                    (b, chosen),
                    "case {case}"
                );
            }
        }
        assert!(improved > 500, "only {improved} refinements");
    }

    /// Both branching forms of the set-packing MIP against exhaustive search: with every
    /// feasible bundle listed, the MIP's optimum is the problem's.
    #[test]
    fn bundle_and_arc_branching_both_find_the_optimum() {
        let mut rng = ChaCha8Rng::seed_from_u64(9);
        for case in 0..1500 {
            let p = Contested::tiny().draw(&mut rng);
            let fix = Fix::default();
            let res = residual(&p, &fix).expect("nothing forced");
            let bundles = Bundles::new(&p, &fix, &res);
            // Every feasible bundle: everything above a floor no bundle can miss.
            let mut columns = Vec::new();
            for e in 0..p.experts.len() {
                let spread = spread_costs(&p, e, &res);
                let items: Vec<(usize, i64)> = bundles.arcs[e]
                    .iter()
                    .map(|&a| (a, p.arcs[a].value))
                    .collect();
                let mut found = Vec::new();
                let cap = res.count[e] as usize;
                let all = list(
                    &p,
                    &items,
                    0,
                    &mut Vec::new(),
                    0,
                    res.budget[e],
                    res.slots[e],
                    cap,
                    &spread,
                    i64::MIN / 4,
                    &mut found,
                );
                assert!(all, "case {case}: listing cut");
                for b in found {
                    let v = bundle_value(&p, &b, &spread);
                    columns.push((e, b, v));
                }
            }
            let best = brute_force(&p, &[]).expect("the empty set is feasible");
            for on_arcs in [false, true] {
                let (chosen, optimal) = solve_packing(
                    &p,
                    &res,
                    &columns,
                    &[],
                    granularity(&p),
                    on_arcs,
                    MIP_NODES,
                    None,
                )
                .unwrap_or_else(|| panic!("case {case}: no answer"));
                let mut chosen = chosen;
                chosen.sort_unstable();
                assert!(optimal, "case {case}");
                assert_eq!(
                    evaluate(&p, &chosen),
                    Ok(best),
                    "case {case}, on_arcs {on_arcs}"
                );
            }
        }
    }

    /// The vendored microlp's batched row edit (`Solution::add_constraints`) against the
    /// published one-row edit and against solving afresh, on random dual masters (prices boxed
    /// or free, rows `u_e + Σ π_r >= value` in rounds as the refinement adds them): the same
    /// optimum every time. The refinement's bounds do not depend on it (each is checked by the
    /// DP), but its speed does: an LP left at a wrong vertex would stall the rounds.
    #[test]
    fn batched_rows_give_the_same_lp_optimum() {
        use microlp::{LinearExpr, Variable};
        type Rows = Vec<(usize, Vec<usize>, f64)>;
        let mut rng = ChaCha8Rng::seed_from_u64(7);
        let build =
            |ne: usize, seats: &[f64], boxes: &[(f64, f64)], rows: &[(usize, Vec<usize>, f64)]| {
                let mut lp = microlp::Problem::new(OptimizationDirection::Minimize);
                let u: Vec<Variable> = (0..ne)
                    .map(|_| lp.add_var(1.0, (0.0, f64::INFINITY)))
                    .collect();
                let pi: Vec<Variable> = seats
                    .iter()
                    .zip(boxes)
                    .map(|(&s, &b)| lp.add_var(s, b))
                    .collect();
                for (e, req, v) in rows {
                    let mut expr = vec![(u[*e], 1.0)];
                    expr.extend(req.iter().map(|&r| (pi[r], 1.0)));
                    lp.add_constraint(&expr[..], ComparisonOp::Ge, *v);
                }
                (lp, u, pi)
            };
        let expr = |u: &[Variable], pi: &[Variable], (e, req, _): &(usize, Vec<usize>, f64)| {
            let mut expr = vec![(u[*e], 1.0)];
            expr.extend(req.iter().map(|&r| (pi[r], 1.0)));
            LinearExpr::from(&expr[..])
        };
        let mut compared = 0;
        for case in 0..400 {
            let ne = rng.gen_range(1..=12);
            let nr = rng.gen_range(1..=12);
            let seats: Vec<f64> = (0..nr).map(|_| f64::from(rng.gen_range(1..=3))).collect();
            let boxes: Vec<(f64, f64)> = (0..nr)
                .map(|_| {
                    if rng.gen_bool(0.5) {
                        (0.0, f64::INFINITY)
                    } else {
                        let c = f64::from(rng.gen_range(0..=300));
                        let w = f64::from(rng.gen_range(1..=100));
                        ((c - w).max(0.0), c + w)
                    }
                })
                .collect();
            let draw = |rng: &mut ChaCha8Rng, n: usize| -> Rows {
                (0..n)
                    .map(|_| {
                        let e = rng.gen_range(0..ne);
                        let k = rng.gen_range(1..=3.min(nr));
                        let mut req: Vec<usize> = (0..k).map(|_| rng.gen_range(0..nr)).collect();
                        req.sort_unstable();
                        req.dedup();
                        (e, req, f64::from(rng.gen_range(10..=1000)))
                    })
                    .collect()
            };
            let n = rng.gen_range(1..=10);
            let mut all = draw(&mut rng, n);
            let mut rounds: Vec<Rows> = Vec::new();
            for _ in 0..rng.gen_range(1..=4) {
                let n = rng.gen_range(1..=25);
                rounds.push(draw(&mut rng, n));
            }
            let (lp, u, pi) = build(ne, &seats, &boxes, &all);
            let Some(first) = lp.solve().ok().and_then(|o| o.into_solution().ok()) else {
                continue;
            };
            let (mut batched, mut single) = (first.clone(), first);
            for round in &rounds {
                batched = batched
                    .add_constraints(
                        round
                            .iter()
                            .map(|r| (expr(&u, &pi, r), ComparisonOp::Ge, r.2))
                            .collect(),
                    )
                    .map(|o| o.into_solution().expect("solved"))
                    .unwrap_or_else(|e| panic!("case {case}: batched edit failed: {e:?}"));
                for r in round {
                    single = single
                        .add_constraint(expr(&u, &pi, r), ComparisonOp::Ge, r.2)
                        .map(|o| o.into_solution().expect("solved"))
                        .unwrap_or_else(|e| panic!("case {case}: one-row edit failed: {e:?}"));
                }
                all.extend(round.iter().cloned());
                let (fresh, _, _) = build(ne, &seats, &boxes, &all);
                let fresh = fresh
                    .solve()
                    .map(|o| o.into_solution().expect("solved"))
                    .expect("feasible: u is free above");
                let tol = 1e-7 * (1.0 + fresh.objective().abs());
                assert!(
                    (batched.objective() - fresh.objective()).abs() <= tol
                        && (single.objective() - fresh.objective()).abs() <= tol,
                    "case {case}: batched {}, one by one {}, afresh {}",
                    batched.objective(),
                    single.objective(),
                    fresh.objective()
                );
                compared += 1;
            }
        }
        assert!(compared >= 400, "only {compared} rounds compared");
    }
}
