//! The residual network in compressed sparse row form.
//!
//! Every arc `u -> v` of the input (except self-loops) becomes a forward residual arc in `u`'s
//! row and a paired reverse arc in `v`'s row. Within a row, arcs keep the order of the input, so
//! everything built on top is deterministic. The residual capacities are an array of their own
//! (4 bytes per arc when they fit in an `i32`): the searches for a residual arc skip the many
//! saturated arcs of a row by reading that dense array only, and a push touches one small
//! entry per arc. Cost, head and the index of the paired reverse arc form one 16-byte record,
//! read only for residual arcs.

use crate::FlowNetwork;

/// Marker for "no arc" / "no node".
pub(crate) const NONE: u32 = u32::MAX;

/// Integer type of residual capacities: `i32` when every capacity and supply fits (a 16-byte
/// arc record), `i64` otherwise.
pub(crate) trait Cap: Copy + Ord + Default {
    /// Converts; the caller guarantees that `v` fits.
    fn of(v: i64) -> Self;
    /// Widens.
    fn get(self) -> i64;
}

impl Cap for i64 {
    #[inline(always)]
    fn of(v: i64) -> Self {
        v
    }
    #[inline(always)]
    fn get(self) -> i64 {
        self
    }
}

impl Cap for i32 {
    #[inline(always)]
    fn of(v: i64) -> Self {
        debug_assert!(i32::try_from(v).is_ok());
        v as i32
    }
    #[inline(always)]
    fn get(self) -> i64 {
        self as i64
    }
}

/// One residual arc (its residual capacity is in [`Residual::res`]).
#[derive(Clone, Copy, Default)]
pub(crate) struct RArc {
    /// Cost (the reverse arc has the negated cost).
    pub cost: i64,
    /// Head node.
    pub head: u32,
    /// Index of the paired reverse arc.
    pub rev: u32,
}

/// Residual network: arcs sorted by tail, paired with their reverse.
pub(crate) struct Residual<C> {
    /// Row starts: the arcs leaving node `u` are `first[u]..first[u + 1]`.
    pub first: Vec<u32>,
    /// The arcs.
    pub arcs: Vec<RArc>,
    /// Residual capacity of each arc.
    pub res: Vec<C>,
    /// Capacity of the arc pair: `res[a] + res[rev(a)] == cap[a] == cap[rev(a)]`, so
    /// the reverse residual capacity is known without touching the reverse arc.
    pub cap: Vec<C>,
    /// For each input arc, the index of its forward residual arc, or [`NONE`] for a self-loop.
    pub pos: Vec<u32>,
}

impl<C: Cap> Residual<C> {
    /// Builds the residual network of `net` with zero flow, costs multiplied by `mult`, on
    /// `net.num_nodes() + extra_nodes` nodes, with `extra` arcs `(tail, head, capacity)` of cost
    /// 0 appended after the input arcs (their forward positions follow in `pos`). Every
    /// capacity must fit in `C`.
    pub fn build(
        net: &FlowNetwork,
        mult: i64,
        extra_nodes: usize,
        extra: &[(u32, u32, i64)],
    ) -> Self {
        let n = net.num_nodes() + extra_nodes;
        let m = net.num_arcs();
        let mut first = vec![0u32; n + 1];
        for i in 0..m {
            let (u, v) = (net.tail[i], net.head[i]);
            if u != v {
                first[u as usize + 1] += 1;
                first[v as usize + 1] += 1;
            }
        }
        for &(u, v, _) in extra {
            first[u as usize + 1] += 1;
            first[v as usize + 1] += 1;
        }
        for i in 0..n {
            first[i + 1] += first[i];
        }
        let total = first[n] as usize;
        let mut fill: Vec<u32> = first[..n].to_vec();
        let mut arcs = vec![RArc::default(); total];
        let mut res = vec![C::of(0); total];
        let mut pair_cap = vec![C::of(0); total];
        let mut pos = Vec::with_capacity(m + extra.len());
        let mut add = |u: u32, v: u32, cap: i64, c: i64| -> u32 {
            let a = fill[u as usize];
            fill[u as usize] += 1;
            let b = fill[v as usize];
            fill[v as usize] += 1;
            arcs[a as usize] = RArc {
                cost: c,
                head: v,
                rev: b,
            };
            arcs[b as usize] = RArc {
                cost: -c,
                head: u,
                rev: a,
            };
            res[a as usize] = C::of(cap);
            pair_cap[a as usize] = C::of(cap);
            pair_cap[b as usize] = C::of(cap);
            a
        };
        for i in 0..m {
            let (u, v) = (net.tail[i], net.head[i]);
            if u == v {
                pos.push(NONE);
            } else {
                pos.push(add(u, v, net.cap[i], net.cost[i] * mult));
            }
        }
        for &(u, v, cap) in extra {
            pos.push(add(u, v, cap, 0));
        }
        Residual {
            first,
            arcs,
            res,
            cap: pair_cap,
            pos,
        }
    }

    /// Number of nodes.
    pub fn num_nodes(&self) -> usize {
        self.first.len() - 1
    }

    /// The arc range of row `u`.
    #[inline(always)]
    pub fn row(&self, u: usize) -> std::ops::Range<usize> {
        self.first[u] as usize..self.first[u + 1] as usize
    }

    /// Tail of arc `a` (the head of its reverse).
    #[inline(always)]
    pub fn tail(&self, a: usize) -> usize {
        self.arcs[self.arcs[a].rev as usize].head as usize
    }

    /// Moves `d` units along arc `a`.
    #[inline(always)]
    pub fn push(&mut self, a: usize, d: i64) {
        let r = self.arcs[a].rev as usize;
        self.res[a] = C::of(self.res[a].get() - d);
        self.res[r] = C::of(self.res[r].get() + d);
    }

    /// Flow of every input arc of `net`; self-loops carry their full capacity when their cost
    /// is negative and nothing otherwise.
    pub fn extract_flow(&self, net: &FlowNetwork) -> Vec<i64> {
        (0..net.num_arcs())
            .map(|i| {
                let a = self.pos[i];
                if a == NONE {
                    if net.cost[i] < 0 {
                        net.cap[i]
                    } else {
                        0
                    }
                } else {
                    self.res[self.arcs[a as usize].rev as usize].get()
                }
            })
            .collect()
    }
}
