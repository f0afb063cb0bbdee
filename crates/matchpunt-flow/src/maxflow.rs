//! Maximum flow by Dinic's algorithm, used to decide feasibility.
//!
//! E. A. Dinic, "Algorithm for solution of a problem of maximum flow in networks with power
//! estimation", Soviet Math. Doklady 11 (1970); `O(n² m)`.

use crate::residual::{Cap, Residual};
use crate::{Clock, FlowError, FlowNetwork};

const UNSEEN: u32 = u32::MAX;

/// A residual network of `net` with a super source `S = n` and super sink `T = n + 1`: arcs
/// `S -> v` of capacity `supply(v)` for every source `v` and `v -> T` of capacity `-supply(v)`
/// for every demand `v`, all of cost 0. Costs of the input arcs are multiplied by `mult`.
/// Returns the network and the total positive supply.
pub(crate) fn with_super_terminals<C: Cap>(net: &FlowNetwork, mult: i64) -> (Residual<C>, i64) {
    let n = net.num_nodes() as u32;
    let (s, t) = (n, n + 1);
    let mut extra = Vec::new();
    let mut required = 0i64;
    for (v, &b) in net.supply.iter().enumerate() {
        if b > 0 {
            extra.push((s, v as u32, b));
            required += b;
        } else if b < 0 {
            extra.push((v as u32, t, -b));
        }
    }
    (Residual::build(net, mult, 2, &extra), required)
}

/// The largest amount of the supply of `net` that can reach its demands, and the total supply.
pub(crate) fn routable(net: &FlowNetwork) -> (i64, i64) {
    let (mut g, required) = with_super_terminals::<i64>(net, 0);
    let n = net.num_nodes() as u32;
    let flow = dinic(&mut g, n, n + 1, &mut Clock::new(None)).expect("no deadline");
    (flow, required)
}

/// Augments a maximum flow from `s` to `t` on `g` (in place) and returns its value.
/// Gives up with [`FlowError::TimeLimit`] once `clock`'s deadline has passed.
pub(crate) fn dinic<C: Cap>(
    g: &mut Residual<C>,
    s: u32,
    t: u32,
    clock: &mut Clock,
) -> Result<i64, FlowError> {
    let n = g.num_nodes();
    let (s, t) = (s as usize, t as usize);
    let mut level = vec![UNSEEN; n];
    let mut cur = vec![0u32; n];
    let mut queue: Vec<u32> = Vec::with_capacity(n);
    let mut path: Vec<u32> = Vec::new();
    let mut total = 0i64;
    loop {
        // Breadth-first search for the level graph, stopping once t is reached.
        level.fill(UNSEEN);
        level[s] = 0;
        queue.clear();
        queue.push(s as u32);
        let mut qi = 0;
        while qi < queue.len() {
            clock.tick()?;
            let u = queue[qi] as usize;
            qi += 1;
            if u == t {
                break;
            }
            for a in g.row(u) {
                let v = g.arcs[a].head as usize;
                if g.res[a].get() > 0 && level[v] == UNSEEN {
                    level[v] = level[u] + 1;
                    queue.push(v as u32);
                }
            }
        }
        if level[t] == UNSEEN {
            return Ok(total);
        }
        let lt = level[t];
        cur.copy_from_slice(&g.first[..n]);
        // Blocking flow by iterative depth-first search with current-arc pointers.
        path.clear();
        let mut u = s;
        loop {
            clock.tick()?;
            if u == t {
                let f = path
                    .iter()
                    .map(|&a| g.res[a as usize].get())
                    .min()
                    .unwrap_or(0);
                for &a in &path {
                    g.push(a as usize, f);
                }
                total += f;
                let k = path
                    .iter()
                    .position(|&a| g.res[a as usize].get() == 0)
                    .unwrap_or(0);
                path.truncate(k);
                u = match path.last() {
                    Some(&a) => g.arcs[a as usize].head as usize,
                    None => s,
                };
                continue;
            }
            let end = g.first[u + 1];
            let mut advanced = false;
            while cur[u] < end {
                let a = cur[u] as usize;
                let v = g.arcs[a].head as usize;
                if g.res[a].get() > 0 && level[v] == level[u] + 1 && (v == t || level[v] < lt) {
                    path.push(a as u32);
                    u = v;
                    advanced = true;
                    break;
                }
                cur[u] += 1;
            }
            if !advanced {
                if u == s {
                    break;
                }
                // Dead end: no arc from u leads to t in this phase any more.
                level[u] = UNSEEN;
                let a = path
                    .pop()
                    .expect("a non-source node on the path has an entry arc");
                u = g.tail(a as usize);
                cur[u] += 1;
            }
        }
    }
}
