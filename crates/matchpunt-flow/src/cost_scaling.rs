//! Goldberg–Tarjan cost-scaling push–relabel.
//!
//! A. V. Goldberg and R. E. Tarjan, "Finding minimum-cost circulations by successive
//! approximation", Math. Oper. Res. 15 (1990); A. V. Goldberg, "An efficient implementation of a
//! scaling minimum-cost flow algorithm", J. Algorithms 22 (1997).
//!
//! Outline:
//! 1. Dinic's max flow from a super source to a super sink finds a feasible flow (or proves
//!    there is none). The super arcs are then frozen, which leaves a min-cost *circulation*
//!    problem on the residual network.
//! 2. Costs are multiplied by `M = n + 1`. With prices `p`, the reduced cost of a residual arc
//!    is `c(u, v) + p(u) - p(v)`; a pseudoflow is ε-optimal when no residual arc has reduced cost
//!    below −ε. Zero prices are ε-optimal for ε = max |scaled cost|. Each phase ("refine")
//!    divides ε by `ALPHA`, saturates every arc of negative reduced cost, and then removes
//!    the resulting excesses until the flow is a circulation again. A 1-optimal circulation for
//!    the scaled costs is (1/M)-optimal for the original ones, hence optimal, as every cycle has
//!    fewer than `M` arcs.
//! 3. Excesses are removed by partial augment–relabel (Goldberg 1997, §"augment-relabel"; the
//!    default method of LEMON's `CostScaling`): from the oldest active node, follow admissible
//!    arcs (negative reduced cost) for up to `MAX_PATH` steps or until a deficit, relabeling and
//!    stepping back at dead ends, then push along the path. The relabel of a dead end reuses
//!    the minimum found while scanning for an admissible arc. Global price updates
//!    (Dial-bucket shortest paths towards the deficits, in units of ε) run at the start of each
//!    phase and after every `GLOBAL_UPDATE_FACTOR · n` relabels; they read the reverse residual
//!    capacity from the pair capacity, so they scan memory sequentially.
//! 4. Early termination: once ε < M (below one unit of the original costs), a label-correcting
//!    pass with a linear work budget tries to turn `floor(p / M)` into exact potentials that
//!    prove the current circulation optimal; if it succeeds, the remaining phases are skipped
//!    (a cheap form of Goldberg's price refinement).
//! 5. Otherwise, after the phase ε = 1, exact integer potentials for the original costs come
//!    from one Dijkstra run with arc lengths `M·c + 1`, for which the final prices are valid
//!    potentials (see [`CostScaling::exact_potentials`]).

use std::cmp::Reverse;
use std::collections::{BinaryHeap, VecDeque};

use crate::residual::{Cap, Residual, NONE};
use crate::{maxflow, ssp, total_cost, Clock, FlowError, FlowNetwork, FlowSolution};

/// Factor by which ε shrinks from one phase to the next.
const ALPHA: i64 = 5;
/// Longest partial augmenting path.
const MAX_PATH: usize = 4;
/// A global price update runs after this many relabels per node.
const GLOBAL_UPDATE_FACTOR: usize = 2;
/// Prices stay within `-PRICE_LIMIT..=0`; beyond that the solver gives up and falls back to
/// successive shortest paths (see [`crate::Algorithm::CostScaling`]). With scaled costs bounded
/// by `MAX_SCALED_COST = 2^59`, every reduced cost and every intermediate value then fits in an
/// `i64`.
const PRICE_LIMIT: i64 = 1 << 60;
/// Work budget of the early-termination check, in arc scans per residual arc.
const EARLY_CHECK_BUDGET: usize = 3;

/// Why the push–relabel run stopped early (the first two lead to the fallback).
#[derive(Debug)]
enum Abort {
    /// A price left `-PRICE_LIMIT..=0`.
    PriceOverflow,
    /// An active node has no residual arc (impossible for a feasible network).
    Stuck,
    /// The deadline passed.
    TimeLimit,
}

impl From<FlowError> for Abort {
    fn from(_: FlowError) -> Self {
        // The clock's only error.
        Abort::TimeLimit
    }
}

/// Solves `net` (already validated) by cost scaling.
pub(crate) fn solve(net: &FlowNetwork, clock: &mut Clock) -> Result<FlowSolution, FlowError> {
    let small = |v: i64| i32::try_from(v).is_ok();
    if net.cap.iter().all(|&c| small(c))
        && net.supply.iter().all(|&b| small(b))
        && net.cost.iter().all(|&c| small(c))
    {
        solve_with::<i32>(net, PRICE_LIMIT, clock)
    } else {
        solve_with::<i64>(net, PRICE_LIMIT, clock)
    }
}

fn solve_with<C: Cap>(
    net: &FlowNetwork,
    price_limit: i64,
    clock: &mut Clock,
) -> Result<FlowSolution, FlowError> {
    let n = net.num_nodes();
    let mult = n as i64 + 1;
    let max_scaled = net.max_abs_cost() * mult;
    let (mut g, required) = maxflow::with_super_terminals::<C>(net, mult);
    let routable = maxflow::dinic(&mut g, n as u32, n as u32 + 1, clock)?;
    if routable < required {
        return Err(FlowError::Infeasible { required, routable });
    }
    // Freeze the super arcs: the current flow is a feasible flow, and from now on only
    // circulations on the input arcs are added to it.
    for a in g.first[n] as usize..g.first[n + 2] as usize {
        let r = g.rev[a] as usize;
        for x in [a, r] {
            g.res[x] = C::of(0);
            g.cap[x] = C::of(0);
        }
    }
    let mut cs = CostScaling::new(g, n, price_limit, clock);
    let early = match cs.run(max_scaled, mult) {
        Ok(p) => p,
        Err(Abort::TimeLimit) => return Err(FlowError::TimeLimit),
        Err(abort) => {
            debug_assert!(
                matches!(abort, Abort::PriceOverflow),
                "cost scaling got stuck on a feasible network"
            );
            return ssp::solve(net, cs.clock);
        }
    };
    let potential = match early {
        Some(p) => p,
        None => cs.exact_potentials(mult)?,
    };
    let flow = cs.g.extract_flow(net);
    let cost = total_cost(net, &flow)?;
    Ok(FlowSolution {
        cost,
        flow,
        potential,
    })
}

/// State of the scaling phases.
struct CostScaling<'c, C: Cap> {
    clock: &'c mut Clock,
    g: Residual<C>,
    /// Nodes taking part: `0..n` (the frozen super terminals `n`, `n + 1` do not).
    n: usize,
    excess: Vec<i64>,
    price: Vec<i64>,
    /// Current arc of each node: no arc of its row before it is admissible.
    cur: Vec<u32>,
    /// Active nodes (positive excess), oldest first.
    queue: VecDeque<u32>,
    eps: i64,
    /// Prices stay within `-price_limit..=0` (`PRICE_LIMIT` except in tests).
    price_limit: i64,
    /// Relabels since the last global price update.
    relabels: usize,
    /// Partial augmenting path (arc indices).
    path: Vec<u32>,
    // Buffers of the global price update.
    rank: Vec<u32>,
    done: Vec<bool>,
    buckets: Buckets,
}

/// Doubly linked bucket lists of nodes, indexed by rank (Dial's algorithm).
struct Buckets {
    head: Vec<u32>,
    next: Vec<u32>,
    prev: Vec<u32>,
}

impl Buckets {
    fn insert(&mut self, v: u32, r: u32) {
        let h = self.head[r as usize];
        self.next[v as usize] = h;
        self.prev[v as usize] = NONE;
        if h != NONE {
            self.prev[h as usize] = v;
        }
        self.head[r as usize] = v;
    }

    fn remove(&mut self, v: u32, r: u32) {
        let (p, x) = (self.prev[v as usize], self.next[v as usize]);
        if p != NONE {
            self.next[p as usize] = x;
        } else {
            self.head[r as usize] = x;
        }
        if x != NONE {
            self.prev[x as usize] = p;
        }
    }
}

impl<'c, C: Cap> CostScaling<'c, C> {
    fn new(g: Residual<C>, n: usize, price_limit: i64, clock: &'c mut Clock) -> Self {
        CostScaling {
            clock,
            g,
            n,
            excess: vec![0; n],
            price: vec![0; n],
            cur: vec![0; n],
            queue: VecDeque::new(),
            eps: 1,
            price_limit,
            relabels: 0,
            path: Vec::with_capacity(MAX_PATH + 1),
            rank: vec![NONE; n],
            done: vec![false; n],
            buckets: Buckets {
                head: vec![NONE; n + 2],
                next: vec![NONE; n],
                prev: vec![NONE; n],
            },
        }
    }

    /// All phases, from ε = `max_scaled` / ALPHA down to ε = 1.
    fn run(&mut self, max_scaled: i64, mult: i64) -> Result<Option<Vec<i64>>, Abort> {
        let mut eps = max_scaled;
        loop {
            if eps < mult && eps > 1 {
                if let Some(p) = self.try_exact_potentials(mult) {
                    return Ok(Some(p));
                }
            }
            eps = (eps / ALPHA).max(1);
            self.refine(eps)?;
            if eps == 1 {
                return Ok(None);
            }
        }
    }

    /// Turns the (ε·ALPHA)-optimal circulation into an ε-optimal one.
    fn refine(&mut self, eps: i64) -> Result<(), Abort> {
        self.eps = eps;
        let n = self.n;
        // Saturate every arc of negative reduced cost: the pseudoflow becomes 0-optimal, so there
        // are no admissible arcs and, as relabels only create admissible arcs out of the
        // relabeled node, the admissible network stays acyclic (Goldberg–Tarjan), which the
        // termination of the augment–relabel loop relies on. (Saturating only the arcs below
        // −ε would leave admissible cycles, around which flow could circulate forever.)
        for u in 0..n {
            let pu = self.price[u];
            for a in self.g.row(u) {
                let r = self.g.res[a].get();
                if r > 0 {
                    let arc = self.g.arcs[a];
                    let v = arc.head as usize;
                    if v < n && self.g.scaled(arc.cost) + pu - self.price[v] < 0 {
                        self.g.push(a, r);
                        self.excess[u] -= r;
                        self.excess[v] += r;
                    }
                }
            }
        }
        self.queue.clear();
        for u in 0..n {
            if self.excess[u] > 0 {
                self.queue.push_back(u as u32);
            }
        }
        if self.queue.is_empty() {
            return Ok(());
        }
        self.global_update()?;
        while let Some(&start) = self.queue.front() {
            self.clock.tick()?;
            let start = start as usize;
            if self.excess[start] <= 0 {
                self.queue.pop_front();
                continue;
            }
            self.augment_from(start)?;
            if self.relabels >= GLOBAL_UPDATE_FACTOR * n {
                self.global_update()?;
            }
        }
        Ok(())
    }

    /// One partial augment–relabel step from the active node `start`.
    fn augment_from(&mut self, start: usize) -> Result<(), Abort> {
        self.path.clear();
        let mut tip = start;
        'extend: while self.path.len() < MAX_PATH && self.excess[tip] >= 0 {
            let end = self.g.first[tip + 1] as usize;
            let pt = self.price[tip];
            let from = self.cur[tip] as usize;
            // Minimum of cost - price[head] over the residual arcs scanned.
            let mut best = i64::MAX;
            let mut found = None;
            {
                let price = &self.price;
                let mult = self.g.mult;
                let arcs = &self.g.arcs[from..end];
                for (k, r) in self.g.res[from..end].iter().enumerate() {
                    if r.get() > 0 {
                        let arc = arcs[k];
                        let val = C::cost_get(arc.cost) * mult - price[arc.head as usize];
                        if val + pt < 0 {
                            found = Some(from + k);
                            break;
                        }
                        best = best.min(val);
                    }
                }
            }
            if let Some(a) = found {
                self.cur[tip] = a as u32;
                let repeated = self.path.contains(&(a as u32));
                self.path.push(a as u32);
                if repeated {
                    break 'extend;
                }
                tip = self.g.arcs[a].head as usize;
                continue 'extend;
            }
            // Dead end: relabel the tip, also counting the reverse of the path arc into it
            // (residual once the path is augmented), and step back.
            if tip != start {
                let ra = self.g.rev[*self.path.last().expect("tip != start") as usize] as usize;
                let head = self.g.arcs[ra].head as usize;
                best = best.min(self.g.cost(ra) - self.price[head]);
            }
            if !self.relabel(tip, best, from)? {
                return Err(Abort::Stuck);
            }
            if tip != start {
                let a = self.path.pop().expect("tip != start has an entry arc") as usize;
                tip = self.g.tail(a);
            }
        }
        let mut u = start;
        for i in 0..self.path.len() {
            let a = self.path[i] as usize;
            let v = self.g.arcs[a].head as usize;
            let d = self.g.res[a].get().min(self.excess[u]);
            self.g.push(a, d);
            self.excess[u] -= d;
            let old = self.excess[v];
            self.excess[v] = old + d;
            if old <= 0 && old + d > 0 {
                self.queue.push_back(v as u32);
            }
            u = v;
        }
        Ok(())
    }

    /// Lowers the price of `u`, which has no admissible arc, as far as ε-optimality allows: the
    /// cheapest residual arc gets reduced cost −ε. `best` is the minimum of `cost - price[head]`
    /// over the residual arcs from `scanned` to the row end (and any extra arc to count); the
    /// arcs before `scanned` are scanned here. Arcs whose reduced cost was below the minimum
    /// plus ε become admissible too, so the current arc restarts at the row start. Returns
    /// `false` if `u` has no residual arc at all (then nothing changes).
    fn relabel(&mut self, u: usize, mut best: i64, scanned: usize) -> Result<bool, Abort> {
        let start = self.g.first[u] as usize;
        let mult = self.g.mult;
        for (arc, r) in self.g.arcs[start..scanned]
            .iter()
            .zip(&self.g.res[start..scanned])
        {
            if r.get() > 0 {
                best = best.min(C::cost_get(arc.cost) * mult - self.price[arc.head as usize]);
            }
        }
        if best == i64::MAX {
            return Ok(false);
        }
        debug_assert!(
            best + self.price[u] >= 0,
            "relabel of a node with an admissible arc"
        );
        let p = -best - self.eps;
        if p < -self.price_limit {
            return Err(Abort::PriceOverflow);
        }
        self.price[u] = p;
        self.cur[u] = start as u32;
        self.relabels += 1;
        Ok(true)
    }

    /// Global price update: computes, in units of ε, each node's distance to the nearest
    /// deficit, with arc lengths `floor(reduced cost / ε) + 1` (Dial's buckets, reverse
    /// residual arcs), and lowers each price by distance·ε. This keeps ε-optimality and gives
    /// every active node an admissible path to a deficit. The search stops once all active
    /// nodes are reached; nodes not reached are lowered by the last distance scanned (which
    /// also keeps ε-optimality: every arc into them from a reached node stays within bounds).
    fn global_update(&mut self) -> Result<(), Abort> {
        self.relabels = 0;
        let CostScaling {
            g,
            n,
            excess,
            price,
            cur,
            eps,
            price_limit,
            rank,
            done,
            buckets,
            ..
        } = self;
        let (n, eps) = (*n, *eps);
        let max_rank = n as u32 + 1;
        let mut remaining: i64 = excess.iter().filter(|&&e| e > 0).sum();
        if remaining == 0 {
            return Ok(());
        }
        rank.fill(NONE);
        let mut pending = 0usize;
        let mut top = 0u32;
        for v in 0..n {
            if excess[v] < 0 {
                rank[v] = 0;
                buckets.insert(v as u32, 0);
                pending += 1;
            }
        }
        let mut r = 0u32;
        'scan: while r <= max_rank && pending > 0 {
            while buckets.head[r as usize] != NONE {
                let u = buckets.head[r as usize];
                buckets.remove(u, r);
                pending -= 1;
                let u = u as usize;
                done[u] = true;
                if excess[u] > 0 {
                    remaining -= excess[u];
                    if remaining <= 0 {
                        break 'scan;
                    }
                }
                let pu = price[u];
                let row = g.row(u);
                let caps = g.cap[row.clone()].iter().zip(&g.res[row.clone()]);
                for (k, (cap, res)) in caps.enumerate() {
                    // The dense capacity arrays first: most arcs of an expert's row carry no
                    // flow, and their records are not read at all.
                    if cap.get() == res.get() {
                        continue;
                    }
                    let arc = &g.arcs[row.start + k];
                    let v = arc.head as usize;
                    if v >= n || done[v] {
                        continue;
                    }
                    // The reverse arc v -> u is residual; its length in units of ε is
                    // floor(rc / ε) + 1, and v improves if r + length < min(rank[v], max_rank + 1),
                    // i.e. rc < k·ε (checked first, to divide only when it pays).
                    let rc = -g.scaled(arc.cost) + price[v] - pu;
                    debug_assert!(rc >= -eps, "ε-optimality violated");
                    let k = rank[v].min(max_rank + 1) as i64 - r as i64 - 1;
                    if rc >= k.saturating_mul(eps) {
                        continue;
                    }
                    let nr = (r as i64 + rc.div_euclid(eps) + 1) as u32;
                    if rank[v] == NONE {
                        pending += 1;
                    } else {
                        buckets.remove(v as u32, rank[v]);
                    }
                    rank[v] = nr;
                    buckets.insert(v as u32, nr);
                    top = top.max(nr);
                }
            }
            r += 1;
        }
        for b in &mut buckets.head[..=top.min(max_rank) as usize] {
            *b = NONE;
        }
        for v in 0..n {
            let k = if done[v] { rank[v] } else { r };
            done[v] = false;
            if k > 0 {
                let p = (k as i64)
                    .checked_mul(eps)
                    .and_then(|d| price[v].checked_sub(d))
                    .ok_or(Abort::PriceOverflow)?;
                if p < -*price_limit {
                    return Err(Abort::PriceOverflow);
                }
                price[v] = p;
            }
        }
        cur.copy_from_slice(&g.first[..n]);
        Ok(())
    }

    /// Tries to certify that the current circulation is already optimal: label-correcting
    /// (FIFO Bellman–Ford) shortest paths on the residual network with the original costs,
    /// starting from `floor(price / M)`, which is nearly a valid potential when ε < M. If the
    /// labels settle within the work budget they are exact optimal potentials (every residual
    /// arc has non-negative reduced cost); a negative cycle, i.e. a non-optimal circulation,
    /// exhausts the budget and gives `None`.
    fn try_exact_potentials(&self, mult: i64) -> Option<Vec<i64>> {
        let n = self.n;
        let g = &self.g;
        let mut pi: Vec<i64> = self.price.iter().map(|&p| p.div_euclid(mult)).collect();
        // Exact labels are at least min(pi) - (n - 1)·C (a path has fewer than n arcs); lower
        // means a negative cycle. (No overflow: |pi| <= 2^60, n·C <= 2^59.)
        let max_cost = g
            .arcs
            .iter()
            .map(|a| C::cost_get(a.cost).abs())
            .max()
            .unwrap_or(0);
        let floor = pi.iter().copied().min().unwrap_or(0) - n as i64 * max_cost;
        let mut inq = vec![true; n];
        let mut queue: VecDeque<u32> = (0..n as u32).collect();
        let mut budget = (EARLY_CHECK_BUDGET * g.arcs.len()) as i64;
        while let Some(u) = queue.pop_front() {
            let u = u as usize;
            inq[u] = false;
            let pu = pi[u];
            let row = g.row(u);
            budget -= row.len() as i64;
            if budget < 0 {
                return None;
            }
            for a in row {
                let arc = g.arcs[a];
                let v = arc.head as usize;
                if g.res[a].get() > 0 && v < n {
                    let d = pu + C::cost_get(arc.cost);
                    if d < pi[v] {
                        if d < floor {
                            return None;
                        }
                        pi[v] = d;
                        if !inq[v] {
                            inq[v] = true;
                            queue.push_back(v as u32);
                        }
                    }
                }
            }
        }
        Some(pi)
    }

    /// Exact optimal potentials for the original costs.
    ///
    /// At the end every residual arc has scaled reduced cost `M·c + p(u) - p(v) >= -1`, so `p`
    /// is a valid potential for the lengths `W = M·c + 1`, and Dijkstra computes the
    /// `W`-distances `D` from a virtual root joined to every node at length 0. Residual cycles
    /// have `c >= 0` (the flow is optimal), hence positive `W`, so shortest paths are simple,
    /// with fewer than `M` arcs: `D(v) = M·d(v) + (number of arcs)` where `d(v)` is the least
    /// `c`-length of a path to `v`. So `d = floor(D / M)`, the exact `c`-distances, which are
    /// optimal potentials: `c(u, v) + d(u) - d(v) >= 0` on every residual arc.
    fn exact_potentials(&mut self, mult: i64) -> Result<Vec<i64>, FlowError> {
        let n = self.n;
        let g = &self.g;
        // key(v) = D(v) - p(v); arc weights W + p(u) - p(v) >= 0.
        let mut key: Vec<i128> = self.price.iter().map(|&p| -(p as i128)).collect();
        let mut heap: BinaryHeap<Reverse<(i128, u32)>> =
            (0..n).map(|v| Reverse((key[v], v as u32))).collect();
        let mut done = vec![false; n];
        while let Some(Reverse((k, u))) = heap.pop() {
            self.clock.tick()?;
            let u = u as usize;
            if done[u] || k > key[u] {
                continue;
            }
            done[u] = true;
            let pu = self.price[u];
            for a in g.row(u) {
                let arc = g.arcs[a];
                let v = arc.head as usize;
                if g.res[a].get() == 0 || v >= n || done[v] {
                    continue;
                }
                let w = g.scaled(arc.cost) as i128 + 1 + pu as i128 - self.price[v] as i128;
                debug_assert!(w >= 0, "final prices are not 1-optimal");
                let nk = k + w;
                if nk < key[v] {
                    key[v] = nk;
                    heap.push(Reverse((nk, v as u32)));
                }
            }
        }
        Ok((0..n)
            .map(|v| {
                let d = key[v] + self.price[v] as i128;
                d.div_euclid(mult as i128) as i64
            })
            .collect())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{verify, Algorithm};

    /// With a tiny price limit the run aborts and falls back to successive shortest paths,
    /// which still gives the optimum.
    #[test]
    fn price_overflow_falls_back_to_ssp() {
        let mut net = FlowNetwork::new(4);
        net.set_supply(0, 3);
        net.set_supply(3, -3);
        net.add_arc(0, 1, 2, 5);
        net.add_arc(0, 2, 2, 1);
        net.add_arc(1, 3, 3, -4);
        net.add_arc(2, 3, 1, 7);
        net.add_arc(2, 1, 2, 1);
        let want = crate::solve(&net, Algorithm::SuccessiveShortestPaths).unwrap();
        let got = solve_with::<i64>(&net, 10, &mut Clock::new(None)).unwrap();
        assert_eq!(got.cost, want.cost);
        verify(&net, &got).unwrap();
        let got = solve_with::<i32>(&net, PRICE_LIMIT, &mut Clock::new(None)).unwrap();
        assert_eq!(got.cost, want.cost);
    }
}
