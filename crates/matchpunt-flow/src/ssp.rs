//! Successive shortest paths with potentials (Ahuja, Magnanti, Orlin, *Network Flows*, 1993,
//! §9.7). The reference algorithm: simple enough to be obviously correct.

use std::cmp::Reverse;
use std::collections::BinaryHeap;

use crate::residual::{Residual, NONE};
use crate::{maxflow, total_cost, Clock, FlowError, FlowNetwork, FlowSolution};

/// Solves `net` (already validated) by successive shortest paths.
pub(crate) fn solve(net: &FlowNetwork, clock: &mut Clock) -> Result<FlowSolution, FlowError> {
    let n = net.num_nodes();
    let mut g = Residual::<i64>::build(net, 1, 0, &[]);
    let mut excess: Vec<i64> = net.supply.clone();
    let mut potential = match shortest_labels(&g, Some(64 * n + 1024)) {
        Some(p) => p,
        None => {
            // Negative cycle (or slow convergence): saturate every negative arc instead, so that
            // all residual arcs have non-negative cost and potentials 0 are valid.
            for u in 0..n {
                for a in g.row(u) {
                    let (arc, r) = (g.arcs[a], g.res[a]);
                    if g.scaled(arc.cost) < 0 && r > 0 {
                        g.push(a, r);
                        excess[u] -= r;
                        excess[arc.head as usize] += r;
                    }
                }
            }
            vec![0; n]
        }
    };

    let mut dist = vec![i64::MAX; n];
    let mut pred = vec![NONE; n];
    let mut settled = vec![false; n];
    let mut touched: Vec<u32> = Vec::new();
    let mut done: Vec<u32> = Vec::new();
    let mut heap: BinaryHeap<Reverse<(i64, u32)>> = BinaryHeap::new();
    loop {
        // Multi-source Dijkstra from every node with excess, on reduced costs.
        heap.clear();
        for v in 0..n {
            if excess[v] > 0 {
                dist[v] = 0;
                pred[v] = NONE;
                touched.push(v as u32);
                heap.push(Reverse((0, v as u32)));
            }
        }
        if heap.is_empty() {
            break;
        }
        let mut target = None;
        while let Some(Reverse((d, u))) = heap.pop() {
            clock.tick()?;
            let u = u as usize;
            if settled[u] || d > dist[u] {
                continue;
            }
            settled[u] = true;
            done.push(u as u32);
            if excess[u] < 0 {
                target = Some(u);
                break;
            }
            let pu = potential[u];
            for a in g.row(u) {
                let arc = g.arcs[a];
                if g.res[a] == 0 {
                    continue;
                }
                let v = arc.head as usize;
                if settled[v] {
                    continue;
                }
                let rc = g.scaled(arc.cost) + pu - potential[v];
                debug_assert!(
                    rc >= 0,
                    "negative reduced cost in successive shortest paths"
                );
                let nd = d + rc;
                if nd < dist[v] {
                    if dist[v] == i64::MAX {
                        touched.push(v as u32);
                    }
                    dist[v] = nd;
                    pred[v] = a as u32;
                    heap.push(Reverse((nd, v as u32)));
                }
            }
        }
        let Some(t) = target else {
            let (routable, required) = maxflow::routable(net);
            return Err(FlowError::Infeasible { required, routable });
        };
        // Potentials: p(v) += dist(v) - dist(t) on settled nodes keeps every residual reduced
        // cost non-negative and makes the path to t tight.
        let dt = dist[t];
        let mut overflow = false;
        for &v in &done {
            let v = v as usize;
            match potential[v].checked_add(dist[v] - dt) {
                Some(p) => potential[v] = p,
                None => overflow = true,
            }
        }
        if overflow {
            // Potentials drift by the path lengths; in the (pathological) case that they leave
            // the i64 range, recompute them from scratch: the residual network of the current
            // pseudoflow has no negative cycle, so shortest labels exist and are bounded by n·C.
            potential = shortest_labels(&g, None).expect("no negative cycle without a budget");
            for &v in &touched {
                dist[v as usize] = i64::MAX;
                settled[v as usize] = false;
            }
            touched.clear();
            done.clear();
            continue;
        }
        // Augment along the path by its bottleneck.
        let mut delta = -excess[t];
        let mut v = t;
        while pred[v] != NONE {
            let a = pred[v] as usize;
            delta = delta.min(g.res[a]);
            v = g.tail(a);
        }
        let s = v;
        delta = delta.min(excess[s]);
        let mut v = t;
        while pred[v] != NONE {
            let a = pred[v] as usize;
            g.push(a, delta);
            v = g.tail(a);
        }
        excess[s] -= delta;
        excess[t] += delta;
        for &v in &touched {
            dist[v as usize] = i64::MAX;
            settled[v as usize] = false;
        }
        touched.clear();
        done.clear();
    }
    let flow = g.extract_flow(net);
    let cost = total_cost(net, &flow)?;
    Ok(FlowSolution {
        cost,
        flow,
        potential,
    })
}

/// Shortest distances from a virtual root joined to every node by a zero-cost arc, on the
/// residual network (label-correcting, FIFO queue). These are valid potentials:
/// `cost(u, v) + d(u) - d(v) >= 0` on every residual arc. Returns `None` if a negative cycle
/// exists or, with a `budget`, the search takes more than `budget` node scans (then saturating
/// the negative arcs is used instead). Without a budget the network must have no negative
/// cycle, and the search then always terminates.
fn shortest_labels(g: &Residual<i64>, budget: Option<usize>) -> Option<Vec<i64>> {
    let n = g.num_nodes();
    let mut dist = vec![0i64; n];
    if !g.arcs.iter().zip(&g.res).any(|(a, &r)| a.cost < 0 && r > 0) {
        return Some(dist);
    }
    // Every shortest path has fewer than n arcs, so labels below -(n - 1)·C betray a negative
    // cycle. (No overflow: the validated limits give n·C <= 2^59.)
    let max_cost = g.arcs.iter().map(|a| a.cost.abs()).max().unwrap_or(0);
    let floor = -(n as i64) * max_cost;
    let mut in_queue = vec![true; n];
    let mut queue: std::collections::VecDeque<u32> = (0..n as u32).collect();
    let mut budget = budget;
    while let Some(u) = queue.pop_front() {
        let u = u as usize;
        in_queue[u] = false;
        if let Some(b) = budget.as_mut() {
            if *b == 0 {
                return None;
            }
            *b -= 1;
        }
        for a in g.row(u) {
            let arc = g.arcs[a];
            if g.res[a] > 0 {
                let v = arc.head as usize;
                let nd = dist[u] + g.scaled(arc.cost);
                if nd < dist[v] {
                    if nd < floor {
                        // Shorter than any simple path can be: a negative cycle.
                        return None;
                    }
                    dist[v] = nd;
                    if !in_queue[v] {
                        in_queue[v] = true;
                        queue.push_back(v as u32);
                    }
                }
            }
        }
    }
    Some(dist)
}
