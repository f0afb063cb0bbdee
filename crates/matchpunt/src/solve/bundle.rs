//! The bundle bound: the Lagrangian relaxation of the request seat limits (rule 10).
//!
//! With seats priced by multipliers `mu_r >= 0`, the batch falls apart into one small problem per
//! expert: the best *bundle* of arcs that keeps the expert's count, load budget and one-per-slot
//! rules, valued at `value - mu_r` less the batch-spread cost. Each is a group knapsack (one arc
//! per slot group) solved exactly by dynamic programming over (assignments, load), and, under
//! the heavy-theme pause, heavy arcs taken (0 or 1). Because the
//! per-expert problem keeps the budget as an integer knapsack, this bound is at least as strong as
//! the linear relaxation of the whole model, and far stronger where budgets bind (Fisher, Jaikumar
//! and Van Wassenhove 1986, "A multiplier adjustment method for the generalized assignment
//! problem", Management Science 32(9)). Multipliers start from the seat prices of the flow
//! relaxation and improve by subgradient steps.

use super::{Fix, Problem, Residual};
use rayon::prelude::*;

/// Per-expert arcs usable in a node, grouped by slot.
pub(super) struct Bundles {
    /// Per expert: usable arc indexes, sorted by (slot group, arc).
    pub(super) arcs: Vec<Vec<usize>>,
}

impl Bundles {
    pub(super) fn new(p: &Problem, fix: &Fix, res: &Residual) -> Bundles {
        let mut arcs: Vec<Vec<usize>> = vec![Vec::new(); p.experts.len()];
        for (i, a) in p.arcs.iter().enumerate() {
            let e = a.expert as usize;
            if fix.forced.binary_search(&i).is_ok() || fix.forbidden.binary_search(&i).is_ok() {
                continue;
            }
            if a.intensity > res.budget[e]
                || res.seats[a.request as usize] == 0
                || res.count[e] == 0
            {
                continue;
            }
            if res.slots[e] & a.conflicts() != 0 {
                continue;
            }
            arcs[e].push(i);
        }
        for list in &mut arcs {
            list.sort_by_key(|&i| (p.arcs[i].slot.map_or(u32::MAX, u32::from), i));
        }
        Bundles { arcs }
    }
}

/// The batch-spread cost of `k` more assignments of expert `e`, for `k` = 0 to the expert's
/// remaining count (index `k`): each assignment costs `spread` times the number of assignments
/// the expert holds before it.
pub(super) fn spread_costs(p: &Problem, e: usize, res: &Residual) -> Vec<i64> {
    let held = p.experts[e].already + p.experts[e].max_count - res.count[e];
    let mut out = vec![0i64; res.count[e] as usize + 1];
    for k in 1..out.len() {
        out[k] = out[k - 1] + p.spread * (held + k as u32 - 1) as i64;
    }
    out
}

/// The value of a bundle of one expert: its arcs' values less the spread cost of their number
/// (`spread` from [`spread_costs`]).
pub(super) fn bundle_value(p: &Problem, arcs: &[usize], spread: &[i64]) -> i64 {
    arcs.iter().map(|&a| p.arcs[a].value).sum::<i64>() - spread[arcs.len()]
}

/// The best bundle of one expert under prices `mu`: (value, chosen arcs).
pub(super) fn best_bundle(
    p: &Problem,
    e: usize,
    arcs: &[usize],
    res: &Residual,
    mu: &[i64],
) -> (i64, Vec<usize>) {
    // Items with positive reduced value; at most one per slot group.
    let items: Vec<(usize, i64)> = arcs
        .iter()
        .map(|&a| (a, p.arcs[a].value - mu[p.arcs[a].request as usize]))
        .filter(|x| x.1 > 0)
        .collect();
    if items.is_empty() {
        return (0, Vec::new());
    }
    let cap = (res.count[e] as usize).min(items.len());
    let budget = res.budget[e].min(items.iter().map(|x| p.arcs[x.0].intensity).sum()) as usize;
    // The heavy-theme pause: a third coordinate, heavy arcs taken (0 or 1), where there are
    // heavy arcs at all. State (h, k, b) is at h * plane + k * (budget + 1) + b.
    let heavy_dim = if items.iter().any(|x| p.arcs[x.0].heavy) {
        2
    } else {
        1
    };
    let plane = (cap + 1) * (budget + 1);
    let width = heavy_dim * plane;
    const NONE: i64 = i64::MIN / 4;
    let mut dp = vec![NONE; width];
    dp[0] = 0;
    // Groups: consecutive items with the same slot (flexible arcs are each their own group).
    let mut groups: Vec<(usize, usize)> = Vec::new();
    let mut start = 0;
    for i in 1..=items.len() {
        let same = i < items.len()
            && p.arcs[items[i].0].slot.is_some()
            && p.arcs[items[i].0].slot == p.arcs[items[i - 1].0].slot;
        if !same {
            groups.push((start, i));
            start = i;
        }
    }
    // choice[g * width + state] = item index + 1 taken in group g to reach state, 0 = none.
    // In place: each group adds one arc, so rows are updated from the highest count down and a
    // row is read before this group writes to it.
    let mut choice = vec![0u32; groups.len() * width];
    for (g, &(lo, hi)) in groups.iter().enumerate() {
        let ch = &mut choice[g * width..(g + 1) * width];
        for k in (0..cap).rev() {
            for h in (0..heavy_dim).rev() {
                for b in (0..=budget).rev() {
                    let cur = dp[h * plane + k * (budget + 1) + b];
                    if cur == NONE {
                        continue;
                    }
                    for (idx, &(a, w)) in items[lo..hi].iter().enumerate() {
                        let nb = b + p.arcs[a].intensity as usize;
                        let nh = h + usize::from(p.arcs[a].heavy);
                        if nb > budget || nh >= heavy_dim {
                            continue;
                        }
                        let s = nh * plane + (k + 1) * (budget + 1) + nb;
                        if cur + w > dp[s] {
                            dp[s] = cur + w;
                            ch[s] = (lo + idx) as u32 + 1;
                        }
                    }
                }
            }
        }
    }
    let spread = spread_costs(p, e, res);
    let mut best = (0i64, 0usize, 0usize, 0usize);
    for h in 0..heavy_dim {
        for k in 1..=cap {
            for b in 0..=budget {
                let v = dp[h * plane + k * (budget + 1) + b];
                if v != NONE && v - spread[k] > best.0 {
                    best = (v - spread[k], k, b, h);
                }
            }
        }
    }
    let (value, mut k, mut b, mut h) = best;
    let mut chosen = Vec::new();
    for g in (0..groups.len()).rev() {
        if k == 0 {
            break;
        }
        let c = choice[g * width + h * plane + k * (budget + 1) + b];
        if c > 0 {
            let (a, _) = items[c as usize - 1];
            chosen.push(a);
            k -= 1;
            b -= p.arcs[a].intensity as usize;
            h -= usize::from(p.arcs[a].heavy);
        }
    }
    (value, chosen)
}

/// The bound for prices `mu` and the arcs the experts' best bundles choose (plus forced arcs).
pub(super) fn bound(
    p: &Problem,
    fix: &Fix,
    res: &Residual,
    bundles: &Bundles,
    mu: &[i64],
) -> (i64, Vec<usize>) {
    let mut total = res.forced_value;
    let mut chosen = fix.forced.clone();
    let one = |e: usize| {
        if bundles.arcs[e].is_empty() {
            (0, Vec::new())
        } else {
            best_bundle(p, e, &bundles.arcs[e], res, mu)
        }
    };
    // One knapsack per expert, independent: on large batches (one component, so the other
    // threads would be idle) they are shared out; the sum and the arcs come back in expert
    // order, so the result does not depend on the thread count.
    let per_expert: Vec<(i64, Vec<usize>)> = if p.arcs.len() > LARGE_ARCS {
        (0..p.experts.len()).into_par_iter().map(one).collect()
    } else {
        (0..p.experts.len()).map(one).collect()
    };
    for (v, c) in per_expert {
        total += v;
        chosen.extend(c);
    }
    for (r, &m) in mu.iter().enumerate() {
        total += m * res.seats[r] as i64;
    }
    chosen.sort_unstable();
    (total, chosen)
}

/// Subgradient optimisation of the seat prices from `mu`; returns the best bound, the chosen
/// arcs at it, and its prices. `incumbent` is the best known feasible value (for Polyak steps);
/// `offer` receives every relaxed solution so that it can be repaired into an incumbent.
pub(super) fn optimise(
    p: &Problem,
    fix: &Fix,
    res: &Residual,
    mut mu: Vec<i64>,
    iterations: usize,
    deadline: Option<std::time::Instant>,
    mut incumbent: impl FnMut(&[usize]) -> i64,
) -> (i64, Vec<usize>, Vec<i64>) {
    let bundles = Bundles::new(p, fix, res);
    let mut best: Option<(i64, Vec<usize>, Vec<i64>)> = None;
    let mut theta = 1.0f64;
    let mut stall = 0;
    let mut inc = i64::MIN;
    for it in 0..iterations.max(1) {
        if it > 0 && deadline.is_some_and(|d| std::time::Instant::now() >= d) {
            break;
        }
        let (bound, chosen) = bound(p, fix, res, &bundles, &mu);
        let improved = best.as_ref().is_none_or(|b| bound < b.0);
        // Repairing a relaxed solution costs about as much as computing it: do it when the
        // bound improved, and every fifth iteration.
        // On large batches the repair's fill flow costs three to four passes of this bound
        // (10,000 x 20,000 with tight budgets: 0.3 s against 0.08 s), so it waits for every
        // third improvement there: more passes in the same time, a better bound and, through
        // the step size, better incumbents (gap at a 10 s limit 17.0% -> 13.2-14.5% on that
        // batch, 0.80% -> 0.71% on the default shape).
        let every = if p.arcs.len() > LARGE_ARCS { 3 } else { 1 };
        if (improved && it % every == 0) || it % 5 == 0 || inc == i64::MIN {
            inc = incumbent(&chosen);
        }
        super::tr!("bundle it {}: bound {} inc {}", it, bound, inc);
        // Polyak's step takes the incumbent for the optimum and over-steps while it is far
        // below: on a large batch whose first gap is over 5% (tight budgets), the steps start a
        // quarter as long. 10,000 x 20,000 with tight budgets: bound after 20 passes 5.02e9
        // against 5.15e9, gap at a 10 s limit 13.2% -> 10.6% (0.1 and 0.5 did no better).
        // Where the first gap is small (the default shape, 2.5%), a quarter step was worse
        // (0.67% -> 0.80% at 10 s), so the step stays whole there.
        if it == 0 && p.arcs.len() > LARGE_ARCS && bound - inc > bound / 20 {
            theta = 0.25;
        }
        if improved {
            best = Some((bound, chosen.clone(), mu.clone()));
            stall = 0;
        } else {
            stall += 1;
            if stall >= 3 {
                theta /= 2.0;
                stall = 0;
            }
        }
        let gap = best.as_ref().map_or(bound, |b| b.0) - inc;
        if gap <= 0 || theta < 1e-4 {
            break;
        }
        // d bound / d mu_r = seats_r - arcs chosen into r.
        let mut taken = vec![0i64; p.seats.len()];
        for &a in &chosen {
            if fix.forced.binary_search(&a).is_err() {
                taken[p.arcs[a].request as usize] += 1;
            }
        }
        let g: Vec<i64> = (0..p.seats.len())
            .map(|r| res.seats[r] as i64 - taken[r])
            .collect();
        let norm2: f64 = g
            .iter()
            .zip(&mu)
            .filter(|(&g, &m)| g < 0 || m > 0)
            .map(|(&g, _)| (g * g) as f64)
            .sum();
        if norm2 == 0.0 {
            break;
        }
        let step = theta * (bound - inc).max(1) as f64 / norm2;
        for r in 0..mu.len() {
            if g[r] == 0 || (g[r] > 0 && mu[r] == 0) {
                continue;
            }
            let delta = (step * g[r] as f64).round() as i64;
            let delta = if delta == 0 { g[r].signum() } else { delta };
            mu[r] = (mu[r] - delta).max(0);
        }
    }
    let mut best = best.expect("at least one iteration");
    // Complementary slackness: a price on a request with a seat left only inflates the bound.
    // Zeroing those prices is a valid move that subgradient steps reach slowly.
    for _ in 0..10 {
        if deadline.is_some_and(|d| std::time::Instant::now() >= d) {
            break;
        }
        let mut taken = vec![0u32; p.seats.len()];
        for &a in &best.1 {
            if fix.forced.binary_search(&a).is_err() {
                taken[p.arcs[a].request as usize] += 1;
            }
        }
        let mut mu = best.2.clone();
        let mut changed = false;
        for r in 0..mu.len() {
            if mu[r] > 0 && taken[r] < res.seats[r] {
                mu[r] = 0;
                changed = true;
            }
        }
        if !changed {
            break;
        }
        let (b, chosen) = bound(p, fix, res, &bundles, &mu);
        if b >= best.0 {
            break;
        }
        incumbent(&chosen);
        best = (b, chosen, mu);
    }
    best
}

/// Above this many arcs a batch is large: one component, with tens of bound passes in a run.
/// There [`optimise`] repairs less often and may start with short steps, and [`bound`] shares
/// the experts out over the threads.
const LARGE_ARCS: usize = 200_000;

/// Reduced-cost fixing: the arcs that cannot be in any solution better than `incumbent`.
///
/// For prices `mu`, an arc `a` of expert `e` can only be in a solution worth at most
/// `L(mu) - best_e + best_e(a)`, where `best_e(a)` is the best bundle of `e` that holds `a`.
/// `best_e(a)` is bounded above by `w_a` plus the best bundle of one arc fewer within the
/// remaining budget (which may reuse `a`'s slot, so it is an over-estimate and the test is safe).
pub(super) fn fixable(
    p: &Problem,
    fix: &Fix,
    res: &Residual,
    mu: &[i64],
    incumbent: i64,
) -> Vec<usize> {
    let bundles = Bundles::new(p, fix, res);
    let (total, _) = bound(p, fix, res, &bundles, mu);
    let mut out = Vec::new();
    for e in 0..p.experts.len() {
        let arcs = &bundles.arcs[e];
        if arcs.is_empty() {
            continue;
        }
        let (best_e, _) = best_bundle(p, e, arcs, res, mu);
        let cap = res.count[e] as usize;
        let budget = res.budget[e] as usize;
        // dp[k][b]: best value of k arcs with load exactly b, ignoring slots and the heavy-theme
        // pause (an over-estimate).
        let mut dp = vec![vec![i64::MIN / 4; budget + 1]; cap];
        dp[0][0] = 0;
        for &a in arcs {
            let w = p.arcs[a].value - mu[p.arcs[a].request as usize];
            if w <= 0 {
                continue;
            }
            let int = p.arcs[a].intensity as usize;
            for k in (1..cap).rev() {
                for b in (int..=budget).rev() {
                    let prev = dp[k - 1][b - int];
                    if prev + w > dp[k][b] {
                        dp[k][b] = prev + w;
                    }
                }
            }
        }
        // best_upto[k][b] = max over load <= b.
        for row in &mut dp {
            for b in 1..=budget {
                row[b] = row[b].max(row[b - 1]);
            }
        }
        let spread = spread_costs(p, e, res);
        for &a in arcs {
            let w = p.arcs[a].value - mu[p.arcs[a].request as usize];
            let int = p.arcs[a].intensity as usize;
            let room = budget - int;
            let mut with_a = i64::MIN;
            // k other arcs plus `a`: the spread cost of k + 1 assignments.
            for (k, row) in dp.iter().enumerate() {
                if row[room] > i64::MIN / 8 {
                    with_a = with_a.max(w + row[room] - spread[k + 1]);
                }
            }
            if total - best_e + with_a <= incumbent {
                out.push(a);
            }
        }
    }
    out.sort_unstable();
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::solve::{residual, Arc, ExpertCap};

    /// A batch above `LARGE_ARCS` (so that [`bound`] shares the experts out over threads), with
    /// values, loads and slots from a fixed linear congruential sequence.
    fn large() -> Problem {
        let mut x: u64 = 12345;
        let mut next = |m: u64| {
            x = x
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            (x >> 33) % m
        };
        let (ne, nr, per) = (2_100u32, 6_000u32, 100u32);
        let experts = (0..ne)
            .map(|_| ExpertCap {
                max_count: 1 + next(3) as u32,
                budget: 2 + next(4) as u32,
                already: 0,
                busy_slots: 0,
            })
            .collect();
        let seats = (0..nr).map(|_| 1 + next(2) as u32).collect();
        let mut arcs = Vec::new();
        for e in 0..ne {
            let mut used = std::collections::HashSet::new();
            for _ in 0..per {
                let r = next(u64::from(nr)) as u32;
                if used.insert(r) {
                    arcs.push(Arc {
                        request: r,
                        expert: e,
                        value: 1_000 + next(50_000) as i64,
                        intensity: 1 + next(3) as u32,
                        slot: (next(3) == 0).then(|| next(21) as u8),
                        heavy: false,
                    });
                }
            }
        }
        Problem {
            experts,
            seats,
            arcs,
            spread: 300,
        }
    }

    #[test]
    fn bound_on_a_large_batch_does_not_depend_on_the_thread_count() {
        let p = large();
        assert!(p.arcs.len() > LARGE_ARCS, "{} arcs", p.arcs.len());
        let fix = Fix::default();
        let res = residual(&p, &fix).expect("no forced arcs");
        let bundles = Bundles::new(&p, &fix, &res);
        let mu: Vec<i64> = (0..p.seats.len() as i64)
            .map(|r| (r * 37) % 20_000)
            .collect();
        let run = |threads: usize| {
            rayon::ThreadPoolBuilder::new()
                .num_threads(threads)
                .build()
                .expect("a thread pool")
                .install(|| bound(&p, &fix, &res, &bundles, &mu))
        };
        let one = run(1);
        assert!(one.0 > 0 && !one.1.is_empty());
        assert_eq!(one, run(2));
        assert_eq!(one, run(3));
        // And the same as summing the experts' knapsacks one by one.
        let mut total: i64 = mu
            .iter()
            .zip(&res.seats)
            .map(|(&m, &s)| m * i64::from(s))
            .sum();
        let mut chosen = Vec::new();
        for e in 0..p.experts.len() {
            let (v, c) = best_bundle(&p, e, &bundles.arcs[e], &res, &mu);
            total += v;
            chosen.extend(c);
        }
        chosen.sort_unstable();
        assert_eq!(one, (total, chosen));
    }
}
