//! Exact minimum-cost flow on compact arrays.
//!
//! A [`FlowNetwork`] is a directed graph with integer arc capacities, integer arc costs (negative
//! costs allowed) and integer node supplies. [`solve`] finds a flow that meets every supply
//! exactly, respects every capacity and has the least total cost, together with node potentials
//! (dual prices) that *prove* it optimal; [`verify`] checks such a proof independently.
//!
//! Two algorithms are provided, both exact (all arithmetic is on integers):
//!
//! * [`Algorithm::CostScaling`] (the default): Goldberg–Tarjan cost-scaling push–relabel with
//!   the heuristics of Goldberg's 1997 implementation. Fast on large assignment-like networks.
//! * [`Algorithm::SuccessiveShortestPaths`]: Dijkstra with potentials, augmenting one shortest
//!   path at a time. Simple and obviously correct; used as the reference in the tests.
//!
//! The module [`dimacs`] reads and writes the DIMACS minimum-cost flow format.
//!
//! # Example
//!
//! The transportation problem below ships 5 units from two factories (nodes 0 and 1, supplies 3
//! and 2) to two shops (nodes 2 and 3, demands 1 and 4). Shipping costs per unit are 4, 6 from
//! factory 0 and 5, 3 from factory 1; factory 1 can ship at most 2 units to shop 3. Factory 1
//! sends both its units to shop 3 (cost 6), factory 0 covers shop 2 and the remaining unit of
//! shop 3 (cost 4 + 2 · 6 = 16), for a total of 22. By hand: with `k` units on arc 1→3, the
//! other flows are forced (1→2 carries `2 − k`, 0→2 carries `k − 1`, 0→3 carries `4 − k`), so
//! the cost is `30 − 4k` and `k = 2` is best.
//!
//! ```
//! use matchpunt_flow::{solve, verify, Algorithm, FlowNetwork};
//!
//! let mut net = FlowNetwork::new(4);
//! net.set_supply(0, 3);
//! net.set_supply(1, 2);
//! net.set_supply(2, -1);
//! net.set_supply(3, -4);
//! let a02 = net.add_arc(0, 2, 10, 4);
//! let a03 = net.add_arc(0, 3, 10, 6);
//! let a12 = net.add_arc(1, 2, 10, 5);
//! let a13 = net.add_arc(1, 3, 2, 3);
//!
//! for algorithm in [Algorithm::CostScaling, Algorithm::SuccessiveShortestPaths] {
//!     let sol = solve(&net, algorithm).unwrap();
//!     assert_eq!(sol.cost, 22);
//!     assert_eq!(sol.flow[a02 as usize], 1);
//!     assert_eq!(sol.flow[a03 as usize], 2);
//!     assert_eq!(sol.flow[a12 as usize], 0);
//!     assert_eq!(sol.flow[a13 as usize], 2);
//!     verify(&net, &sol).unwrap();
//! }
//! ```
//!
//! # Limits
//!
//! * Capacities must be non-negative ([`FlowError::NegativeCapacity`]).
//! * Every cost must satisfy `|cost| <= MAX_COST` (2^40); moreover `|cost| * (num_nodes + 1)`
//!   must not exceed `2^59` ([`FlowError::CostTooLarge`]).
//! * The sum of all capacities plus the sum of all `|supply|` must not exceed
//!   [`MAX_TOTAL_CAPACITY`] (2^62) ([`FlowError::CapacityTooLarge`]); use a finite bound such as
//!   the total supply instead of `i64::MAX` for "uncapacitated" arcs.
//! * The optimal total cost must fit in an `i64` ([`FlowError::CostOverflow`]).
//! * At most [`MAX_NODES`] nodes and [`MAX_ARCS`] arcs (2^30 − 4 each); exceeding them panics
//!   in [`FlowNetwork::add_node`] / [`FlowNetwork::add_arc`].
//!
//! Both algorithms are deterministic: the same network gives the same solution, bit for bit.

use std::fmt;
use std::time::Instant;

mod cost_scaling;
pub mod dimacs;
mod maxflow;
mod residual;
mod ssp;

/// Index of a node in a [`FlowNetwork`] (0-based).
pub type NodeId = u32;
/// Index of an arc in a [`FlowNetwork`] (0-based, in order of [`FlowNetwork::add_arc`] calls).
pub type ArcId = u32;

/// Largest supported absolute arc cost (2^40).
pub const MAX_COST: i64 = 1 << 40;
/// Largest supported value of `|cost| * (num_nodes + 1)` (2^59).
pub const MAX_SCALED_COST: i64 = 1 << 59;
/// Largest supported sum of all capacities plus all absolute supplies (2^62).
pub const MAX_TOTAL_CAPACITY: i64 = 1 << 62;
/// Largest supported number of nodes.
pub const MAX_NODES: usize = (1 << 30) - 4;
/// Largest supported number of arcs.
pub const MAX_ARCS: usize = (1 << 30) - 4;

/// A directed network with integer capacities, costs and node supplies.
///
/// Nodes are numbered `0..num_nodes()`, arcs `0..num_arcs()` in the order they were added.
/// Parallel arcs and self-loops are allowed.
#[derive(Clone, Debug, Default)]
pub struct FlowNetwork {
    tail: Vec<NodeId>,
    head: Vec<NodeId>,
    cap: Vec<i64>,
    cost: Vec<i64>,
    supply: Vec<i64>,
}

impl FlowNetwork {
    /// A network with `num_nodes` nodes, all of supply 0, and no arcs.
    ///
    /// # Panics
    /// If `num_nodes > MAX_NODES`.
    pub fn new(num_nodes: usize) -> Self {
        Self::with_capacity(num_nodes, 0)
    }

    /// Like [`FlowNetwork::new`], reserving room for `num_arcs` arcs.
    ///
    /// # Panics
    /// If `num_nodes > MAX_NODES`.
    pub fn with_capacity(num_nodes: usize, num_arcs: usize) -> Self {
        assert!(
            num_nodes <= MAX_NODES,
            "FlowNetwork: {num_nodes} nodes exceed the limit of {MAX_NODES}"
        );
        let reserve = num_arcs.min(MAX_ARCS);
        FlowNetwork {
            tail: Vec::with_capacity(reserve),
            head: Vec::with_capacity(reserve),
            cap: Vec::with_capacity(reserve),
            cost: Vec::with_capacity(reserve),
            supply: vec![0; num_nodes],
        }
    }

    /// Adds a node of supply 0 and returns its id.
    ///
    /// # Panics
    /// If the network already has `MAX_NODES` nodes.
    pub fn add_node(&mut self) -> NodeId {
        assert!(
            self.supply.len() < MAX_NODES,
            "FlowNetwork: node limit of {MAX_NODES} reached"
        );
        self.supply.push(0);
        (self.supply.len() - 1) as NodeId
    }

    /// Adds an arc `from -> to` that can carry between 0 and `capacity` units at `cost` per unit,
    /// and returns its id.
    ///
    /// `capacity` must be non-negative and `|cost|` at most [`MAX_COST`]; violations are reported
    /// by [`solve`] (not here), see the [crate limits](crate#limits).
    ///
    /// # Panics
    /// If `from` or `to` is not a node of the network, or the network already has `MAX_ARCS`
    /// arcs.
    pub fn add_arc(&mut self, from: NodeId, to: NodeId, capacity: i64, cost: i64) -> ArcId {
        let n = self.supply.len();
        assert!(
            (from as usize) < n && (to as usize) < n,
            "FlowNetwork::add_arc({from}, {to}): node out of range (the network has {n} nodes)"
        );
        assert!(
            self.tail.len() < MAX_ARCS,
            "FlowNetwork: arc limit of {MAX_ARCS} reached"
        );
        self.tail.push(from);
        self.head.push(to);
        self.cap.push(capacity);
        self.cost.push(cost);
        (self.tail.len() - 1) as ArcId
    }

    /// Sets the supply of `node`: positive for a source, negative for a demand (sink).
    ///
    /// # Panics
    /// If `node` is not a node of the network.
    pub fn set_supply(&mut self, node: NodeId, supply: i64) {
        self.supply[node as usize] = supply;
    }

    /// Number of nodes.
    pub fn num_nodes(&self) -> usize {
        self.supply.len()
    }

    /// Number of arcs.
    pub fn num_arcs(&self) -> usize {
        self.tail.len()
    }

    /// Arc `a` as `(from, to, capacity, cost)`.
    ///
    /// # Panics
    /// If `a` is not an arc of the network.
    pub fn arc(&self, a: ArcId) -> (NodeId, NodeId, i64, i64) {
        let a = a as usize;
        (self.tail[a], self.head[a], self.cap[a], self.cost[a])
    }

    /// Supply of node `n`.
    ///
    /// # Panics
    /// If `n` is not a node of the network.
    pub fn supply(&self, n: NodeId) -> i64 {
        self.supply[n as usize]
    }

    /// Largest absolute arc cost (0 without arcs).
    fn max_abs_cost(&self) -> i64 {
        self.cost
            .iter()
            .map(|c| c.unsigned_abs())
            .max()
            .unwrap_or(0) as i64
    }
}

/// Which algorithm [`solve`] uses. Both give an optimal flow; costs are always equal, flows may
/// differ when there are several optimal flows.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum Algorithm {
    /// Goldberg–Tarjan cost-scaling push–relabel (the default, fast on large networks).
    ///
    /// A max-flow pass (Dinic) first finds a feasible flow or proves there is none. Costs are
    /// then multiplied by `n + 1` and ε-scaling runs from the largest scaled cost down to
    /// ε = 1 (divided by 5 per phase), so the result is exactly optimal. Each phase ("refine")
    /// saturates the arcs of negative reduced cost and removes the resulting excesses by
    /// partial augment–relabel (paths of up to 4 admissible arcs, FIFO order of active nodes,
    /// current arcs); Dial-bucket global price updates run at the start of a phase and after
    /// every `2n` relabels. Once ε drops below one unit of the original costs, a cheap
    /// label-correcting check tries to prove the current flow optimal and skip the remaining
    /// phases. Arrays are compact (arcs sorted by tail with a paired reverse arc; residual
    /// capacities in an array of their own; 8-byte arc records of head and unscaled cost when
    /// capacities, supplies and costs fit in 32 bits).
    ///
    /// Complexity: `O(n² m log(nC))` worst case (`n` nodes, `m` arcs, `C` the largest |cost|;
    /// `O(log(nC))` phases), plus `O(n² m)` for the feasibility check; in practice a few linear
    /// passes per phase. Measured (release build, one core of a shared 2-core machine): about
    /// 1.1–1.4 s for 30 000 nodes and 2 million arcs of the matching shape the `matchpunt` crate
    /// builds, 0.2 s for a quarter of that (successive shortest paths: 11 s); see
    /// `tests/it/perf.rs`.
    ///
    /// Sources: A. V. Goldberg and R. E. Tarjan, "Finding minimum-cost circulations by
    /// successive approximation", Math. Oper. Res. 15 (1990) 430–466; A. V. Goldberg, "An
    /// efficient implementation of a scaling minimum-cost flow algorithm", J. Algorithms 22
    /// (1997) 1–29; the same design as LEMON's `CostScaling` (partial augment–relabel) and
    /// OR-Tools' `MinCostFlow`.
    ///
    /// If prices would leave the safe integer range (only possible with huge costs on huge
    /// networks) the solver transparently falls back to successive shortest paths.
    #[default]
    CostScaling,
    /// Successive shortest paths with node potentials.
    ///
    /// Initial potentials come from a label-correcting (Bellman–Ford/SPFA) pass; if that finds
    /// a negative cycle (or takes too long), every negative-cost arc is saturated instead, which
    /// makes all residual reduced costs non-negative and turns the excess into extra supplies.
    /// Then, repeatedly, Dijkstra (binary heap, reduced costs) finds a shortest path from the
    /// nodes with excess to the nearest node with deficit, the potentials are updated, and the
    /// path is augmented by its bottleneck.
    ///
    /// Complexity: `O(U · m log n)` where `U` is the total supply (plus the total capacity of
    /// the saturated negative arcs), plus `O(n m)` worst case for the initial potentials.
    ///
    /// Source: R. K. Ahuja, T. L. Magnanti, J. B. Orlin, *Network Flows: Theory, Algorithms,
    /// and Applications*, Prentice Hall, 1993, chapter 9 (§9.7, successive shortest path
    /// algorithm).
    SuccessiveShortestPaths,
}

/// An optimal flow with its proof of optimality.
#[derive(Clone, Debug)]
pub struct FlowSolution {
    /// Total cost `sum(flow[a] * cost[a])`.
    pub cost: i64,
    /// Flow on each arc, indexed by [`ArcId`].
    pub flow: Vec<i64>,
    /// Node potentials (dual prices), indexed by [`NodeId`]: the reduced cost
    /// `cost(u, v) + potential[u] - potential[v]` is `>= 0` on every arc with `flow < capacity`
    /// and `<= 0` on every arc with `flow > 0`, which proves the flow optimal.
    pub potential: Vec<i64>,
}

/// Why [`solve`] found no solution.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum FlowError {
    /// The supplies do not sum to zero.
    #[error("supplies do not balance: they sum to {total}, not 0")]
    Unbalanced {
        /// Sum of all supplies.
        total: i128,
    },
    /// No flow satisfies all supplies within the capacities.
    #[error(
        "no feasible flow: at most {routable} of the total supply {required} can reach the demands"
    )]
    Infeasible {
        /// Sum of the positive supplies.
        required: i64,
        /// The largest amount of supply that can be routed to the demands (a maximum flow).
        routable: i64,
    },
    /// An arc cost is outside the supported range.
    #[error("arc {arc} has cost {cost}, outside the supported range -{limit}..={limit}")]
    CostTooLarge {
        /// The first offending arc.
        arc: ArcId,
        /// Its cost.
        cost: i64,
        /// The largest allowed |cost| for this network: `min(MAX_COST, MAX_SCALED_COST / (n + 1))`.
        limit: i64,
    },
    /// An arc has negative capacity.
    #[error("arc {arc} has negative capacity {capacity}")]
    NegativeCapacity {
        /// The first offending arc.
        arc: ArcId,
        /// Its capacity.
        capacity: i64,
    },
    /// Capacities and supplies are too large to compute with safely.
    #[error("the sum of all capacities and absolute supplies exceeds {limit}")]
    CapacityTooLarge {
        /// [`MAX_TOTAL_CAPACITY`].
        limit: i64,
    },
    /// The optimal cost does not fit in an `i64`.
    #[error("the optimal cost {cost} does not fit in an i64")]
    CostOverflow {
        /// The exact optimal cost.
        cost: i128,
    },
    /// The deadline given to [`solve_before`] passed before the flow was solved.
    #[error("the time limit ran out before the flow was solved")]
    TimeLimit,
}

/// A deadline that the long loops of the algorithms check. Reading the clock costs about as
/// much as one step of a loop, so it is read every [`Clock::EVERY`] steps only.
pub(crate) struct Clock {
    deadline: Option<Instant>,
    ticks: u32,
}

impl Clock {
    /// Steps between two readings of the clock.
    const EVERY: u32 = 256;

    pub(crate) fn new(deadline: Option<Instant>) -> Self {
        Clock { deadline, ticks: 0 }
    }

    /// One step of a loop: [`FlowError::TimeLimit`] once the deadline has passed.
    #[inline]
    pub(crate) fn tick(&mut self) -> Result<(), FlowError> {
        if let Some(d) = self.deadline {
            self.ticks = self.ticks.wrapping_add(1);
            if self.ticks.is_multiple_of(Self::EVERY) && Instant::now() >= d {
                return Err(FlowError::TimeLimit);
            }
        }
        Ok(())
    }
}

/// Finds a minimum-cost flow that meets every supply exactly.
///
/// Errors, in the order they are checked: [`FlowError::NegativeCapacity`],
/// [`FlowError::CostTooLarge`], [`FlowError::CapacityTooLarge`], [`FlowError::Unbalanced`],
/// then [`FlowError::Infeasible`] and [`FlowError::CostOverflow`].
///
/// Arcs of negative cost are fine, including cycles of negative cost (they all have finite
/// capacity): the optimum saturates them as far as profitable.
pub fn solve(net: &FlowNetwork, algorithm: Algorithm) -> Result<FlowSolution, FlowError> {
    solve_before(net, algorithm, None)
}

/// [`solve`], giving up with [`FlowError::TimeLimit`] once `deadline` has passed. The loops of
/// both algorithms check the clock every few hundred steps, so the call returns within a few
/// milliseconds of the deadline (on a network of millions of arcs, at most the time of one
/// linear pass over them).
pub fn solve_before(
    net: &FlowNetwork,
    algorithm: Algorithm,
    deadline: Option<Instant>,
) -> Result<FlowSolution, FlowError> {
    validate(net)?;
    let mut clock = Clock::new(deadline);
    let sol = match algorithm {
        Algorithm::CostScaling => cost_scaling::solve(net, &mut clock)?,
        Algorithm::SuccessiveShortestPaths => ssp::solve(net, &mut clock)?,
    };
    debug_assert_eq!(verify(net, &sol), Ok(()));
    Ok(sol)
}

fn validate(net: &FlowNetwork) -> Result<(), FlowError> {
    for (a, &c) in net.cap.iter().enumerate() {
        if c < 0 {
            return Err(FlowError::NegativeCapacity {
                arc: a as ArcId,
                capacity: c,
            });
        }
    }
    let limit = cost_limit(net.num_nodes());
    for (a, &c) in net.cost.iter().enumerate() {
        if c.unsigned_abs() > limit as u64 {
            return Err(FlowError::CostTooLarge {
                arc: a as ArcId,
                cost: c,
                limit,
            });
        }
    }
    let total: i128 = net.cap.iter().map(|&c| c as i128).sum::<i128>()
        + net
            .supply
            .iter()
            .map(|&b| b.unsigned_abs() as i128)
            .sum::<i128>();
    if total > MAX_TOTAL_CAPACITY as i128 {
        return Err(FlowError::CapacityTooLarge {
            limit: MAX_TOTAL_CAPACITY,
        });
    }
    let balance: i128 = net.supply.iter().map(|&b| b as i128).sum();
    if balance != 0 {
        return Err(FlowError::Unbalanced { total: balance });
    }
    Ok(())
}

/// Largest |cost| allowed on a network of `n` nodes.
fn cost_limit(n: usize) -> i64 {
    MAX_COST.min(MAX_SCALED_COST / (n as i64 + 1))
}

/// Total cost of a flow, or [`FlowError::CostOverflow`].
fn total_cost(net: &FlowNetwork, flow: &[i64]) -> Result<i64, FlowError> {
    let cost: i128 = flow
        .iter()
        .zip(&net.cost)
        .map(|(&f, &c)| f as i128 * c as i128)
        .sum();
    i64::try_from(cost).map_err(|_| FlowError::CostOverflow { cost })
}

/// Checks that `sol` is an optimal flow of `net`.
///
/// Feasibility: one flow value per arc, `0 <= flow <= capacity`, and at every node outflow
/// minus inflow equals the supply. Cost: `sol.cost` equals `sum(flow * cost)`. Optimality: one
/// potential per node such that every arc with `flow < capacity` has reduced cost
/// `cost + potential[from] - potential[to] >= 0` and every arc with `flow > 0` has reduced cost
/// `<= 0` (complementary slackness: no negative-cost cycle exists in the residual network).
///
/// Returns a description of the first violation found. All arithmetic is in `i128`, so it is
/// exact for every input.
pub fn verify(net: &FlowNetwork, sol: &FlowSolution) -> Result<(), String> {
    let n = net.num_nodes();
    let m = net.num_arcs();
    if sol.flow.len() != m {
        return Err(format!(
            "the solution has {} flow values for {m} arcs",
            sol.flow.len()
        ));
    }
    if sol.potential.len() != n {
        return Err(format!(
            "the solution has {} potentials for {n} nodes",
            sol.potential.len()
        ));
    }
    let mut balance: Vec<i128> = vec![0; n];
    let mut cost: i128 = 0;
    for a in 0..m {
        let (u, v, cap, c) = net.arc(a as ArcId);
        let f = sol.flow[a];
        if f < 0 || f > cap {
            return Err(format!(
                "arc {a} ({u}->{v}) carries {f}, outside its capacity range 0..={cap}"
            ));
        }
        balance[u as usize] += f as i128;
        balance[v as usize] -= f as i128;
        cost += f as i128 * c as i128;
        let rc = c as i128 + sol.potential[u as usize] as i128 - sol.potential[v as usize] as i128;
        if f < cap && rc < 0 {
            return Err(format!(
                "arc {a} ({u}->{v}) has flow {f} below its capacity {cap} but reduced cost {rc} < 0: \
                 the flow is not optimal or the potentials are wrong"
            ));
        }
        if f > 0 && rc > 0 {
            return Err(format!(
                "arc {a} ({u}->{v}) has flow {f} > 0 but reduced cost {rc} > 0: \
                 the flow is not optimal or the potentials are wrong"
            ));
        }
    }
    for (v, &b) in balance.iter().enumerate() {
        let s = net.supply[v] as i128;
        if b != s {
            return Err(format!(
                "node {v}: outflow minus inflow is {b}, but its supply is {s}"
            ));
        }
    }
    if cost != sol.cost as i128 {
        return Err(format!(
            "the solution reports cost {} but its flow costs {cost}",
            sol.cost
        ));
    }
    Ok(())
}

impl fmt::Display for Algorithm {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Algorithm::CostScaling => "cost-scaling",
            Algorithm::SuccessiveShortestPaths => "successive-shortest-paths",
        })
    }
}
