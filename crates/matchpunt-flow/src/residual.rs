//! The residual network in compressed sparse row form.
//!
//! Every arc `u -> v` of the input (except self-loops) becomes a forward residual arc in `u`'s
//! row and a paired reverse arc in `v`'s row. Within a row, arcs keep the order of the input, so
//! everything built on top is deterministic. The residual capacities are an array of their own
//! (4 bytes per arc when they fit in an `i32`): the searches for a residual arc skip the many
//! saturated arcs of a row by reading that dense array only, and a push touches one small
//! entry per arc. Head and cost form one record, read only for residual arcs: 8 bytes when
//! costs fit in an `i32`, so that a scan of a row touches little memory. Costs are stored as
//! given and multiplied by the scaling factor when read (one multiplication is cheaper than
//! the memory of a wider record). The index of the paired reverse arc, needed by pushes only,
//! is an array of its own.

use crate::FlowNetwork;

/// Marker for "no arc" / "no node".
pub(crate) const NONE: u32 = u32::MAX;

/// Integer type of residual capacities and stored costs: `i32` when every capacity, supply
/// and cost fits (a 4-byte capacity and an 8-byte arc record), `i64` otherwise.
pub(crate) trait Cap: Copy + Ord + Default {
    /// Integer type of the stored (unscaled) arc costs.
    type Cost: Copy + Default;
    /// Converts; the caller guarantees that `v` fits.
    fn of(v: i64) -> Self;
    /// Widens.
    fn get(self) -> i64;
    /// Converts a cost; the caller guarantees that `v` fits.
    fn cost_of(v: i64) -> Self::Cost;
    /// Widens a cost.
    fn cost_get(c: Self::Cost) -> i64;
}

impl Cap for i64 {
    type Cost = i64;
    #[inline(always)]
    fn cost_of(v: i64) -> i64 {
        v
    }
    #[inline(always)]
    fn cost_get(c: i64) -> i64 {
        c
    }
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
    type Cost = i32;
    #[inline(always)]
    fn cost_of(v: i64) -> i32 {
        debug_assert!(i32::try_from(v).is_ok());
        v as i32
    }
    #[inline(always)]
    fn cost_get(c: i32) -> i64 {
        c as i64
    }
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

/// One residual arc (its residual capacity is in [`Residual::res`], its reverse in
/// [`Residual::rev`]).
#[derive(Clone, Copy, Default)]
pub(crate) struct RArc<K> {
    /// Head node.
    pub head: u32,
    /// Cost as given, not scaled (the reverse arc has the negated cost); see
    /// [`Residual::scaled`].
    pub cost: K,
}

/// Residual network: arcs sorted by tail, paired with their reverse.
pub(crate) struct Residual<C: Cap> {
    /// Row starts: the arcs leaving node `u` are `first[u]..first[u + 1]`.
    pub first: Vec<u32>,
    /// The arcs.
    pub arcs: Vec<RArc<C::Cost>>,
    /// Index of the paired reverse arc of each arc.
    pub rev: Vec<u32>,
    /// Factor by which the stored costs are multiplied when read.
    pub mult: i64,
    /// Residual capacity of each arc.
    pub res: Vec<C>,
    /// Capacity of the arc pair: `res[a] + res[rev(a)] == cap[a] == cap[rev(a)]`, so
    /// the reverse residual capacity is known without touching the reverse arc.
    pub cap: Vec<C>,
    /// For each input arc, the index of its forward residual arc, or [`NONE`] for a self-loop.
    pub pos: Vec<u32>,
}

impl<C: Cap> Residual<C> {
    /// Builds the residual network of `net` with zero flow, costs to be multiplied by `mult`,
    /// on `net.num_nodes() + extra_nodes` nodes, with `extra` arcs `(tail, head, capacity)` of
    /// cost 0 appended after the input arcs (their forward positions follow in `pos`). Every
    /// capacity and cost must fit in `C` and `C::Cost`.
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
        let mut rev = vec![0u32; total];
        let mut res = vec![C::of(0); total];
        let mut pair_cap = vec![C::of(0); total];
        let mut pos = Vec::with_capacity(m + extra.len());
        let mut add = |u: u32, v: u32, cap: i64, c: i64| -> u32 {
            let a = fill[u as usize];
            fill[u as usize] += 1;
            let b = fill[v as usize];
            fill[v as usize] += 1;
            arcs[a as usize] = RArc {
                head: v,
                cost: C::cost_of(c),
            };
            arcs[b as usize] = RArc {
                head: u,
                cost: C::cost_of(-c),
            };
            rev[a as usize] = b;
            rev[b as usize] = a;
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
                pos.push(add(u, v, net.cap[i], net.cost[i]));
            }
        }
        for &(u, v, cap) in extra {
            pos.push(add(u, v, cap, 0));
        }
        Residual {
            first,
            arcs,
            rev,
            mult,
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

    /// Scaled cost of a stored cost.
    #[inline(always)]
    pub fn scaled(&self, c: C::Cost) -> i64 {
        C::cost_get(c) * self.mult
    }

    /// Scaled cost of arc `a`.
    #[inline(always)]
    pub fn cost(&self, a: usize) -> i64 {
        self.scaled(self.arcs[a].cost)
    }

    /// Tail of arc `a` (the head of its reverse).
    #[inline(always)]
    pub fn tail(&self, a: usize) -> usize {
        self.arcs[self.rev[a] as usize].head as usize
    }

    /// Moves `d` units along arc `a`.
    #[inline(always)]
    pub fn push(&mut self, a: usize, d: i64) {
        let r = self.rev[a] as usize;
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
                    self.res[self.rev[a as usize] as usize].get()
                }
            })
            .collect()
    }
}
