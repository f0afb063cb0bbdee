//! The exact batch solver: a capacitated bipartite matching with wellbeing-load budgets.
//!
//! Why one file: the search below is one algorithm whose steps share one state per component
//! (the incumbent, the bound, the fixed arcs); its two self-contained parts live beside it in
//! `bundle` (the bundle bound) and `master` (the master LP and the listing).
//!
//! # The problem
//! Arcs are eligible (request, expert) pairs with an integer value. Choose a set of arcs that
//! maximises `Σ value − Σ_e spread · (k_e − 1)` over each expert's k-th assignment (a convex
//! batch-spread cost), subject to: each expert at most `max_count` arcs and at most `budget` load
//! (sum of intensities), at most one arc per (expert, slot), each request at most `seats` arcs.
//!
//! Without the load budgets this is a min-cost flow (source → expert, with one parallel arc per
//! assignment number carrying the convex spread cost → (expert, slot) node where two arcs share a
//! slot → request → sink, and a zero-cost bypass source → sink so that unprofitable seats stay
//! empty), solved exactly by [`matchpunt_flow`]. The budgets make it a generalised assignment
//! problem (NP-hard), solved exactly in four steps, each used only when the one before has not
//! closed the gap:
//!
//! 1. **Lagrangian bounds** (`bundle`): the flow without budgets, with multipliers on the
//!    budgets; and the stronger *bundle* bound, which prices the seats instead and solves one
//!    exact group knapsack per expert (count, budget, one arc per slot). A few subgradient steps
//!    bring the seat prices near their best and every relaxed solution is repaired into an
//!    incumbent.
//! 2. **The master** (`master::refine`): the best seat prices are the duals of the
//!    Dantzig–Wolfe master LP over the experts' bundles; Kelley's cutting planes find them with
//!    a few thousand bundles. On generated batches this bound equals the optimum or comes within
//!    a few points of it (the subgradient stalls about 50 points above at 1,000 x 1,000).
//! 3. **Listing** (`master::enumerate`): at those prices a solution within `w` of the bound
//!    can only use bundles whose reduced cost is below `w`. They are listed, and the
//!    set-packing problem over them is solved as a MIP; `w` grows until the optimum is proven.
//! 4. **Branch and bound**, when the listing grows too large: branching on an expert over budget
//!    (the heaviest of its arcs forced in one child, forbidden in the other) or on an overfilled
//!    one-seat request (its experts split in two halves); incumbents from flow dives, RINS
//!    (the experts whose bundle in the relaxation differs from the incumbent are freed, the
//!    rest kept, and the neighbourhood's root is solved) and large-neighbourhood search with
//!    exact sub-solves; reduced-cost fixing; nodes chosen best
//!    bound first with regular dives. The search is limited by work, not time, so that it and
//!    its answer do not depend on the machine's speed.
//!
//! Team rules (`team`, issue 24) are side constraints per request (a new expert beside an
//! experienced one, `experienced_min`, pairs never together, a team whole or open). They are
//! kept exactly around the four steps, which stay as they are: [`solve_with_teams`] branches on
//! a violated request (the two experts of a forbidden pair, a new expert on or off, or the
//! request's teams), each node solved exactly by the steps above; a node's base optimum is its
//! bound (the rules only cut), and emptying the violated requests gives the incumbent. The
//! same search keeps trajectories' later meetings in the rolling budget (a second knapsack row
//! per expert with other weights: branching forces or removes a trajectory arc). See `team`'s
//! module docs.
//!
//! The candidate graph is first split into connected components (petgraph's union-find), solved
//! independently and in parallel; results are merged in component order, so the answer does not
//! depend on the thread count. When a deadline or node limit stops the search, the best feasible
//! solution is returned with the proven upper bound, and the gap is reported.

mod bundle;
mod cuts;
mod master;
mod probe;
mod rolling;
mod team;

#[doc(hidden)]
pub use probe::{master_refine, master_start, MasterStart};
pub use team::{
    solve_with_teams, solve_with_teams_forcing, Standing, TeamBreak, TeamRequest, TeamRules,
};

/// Whether `MATCHPUNT_SOLVER_TRACE` is set: then the solver prints the progress of each
/// component's search (bounds, incumbents, times; numbers only, never a name or a theme) to
/// standard error, for profiling. Read once.
pub(crate) fn tracing() -> bool {
    static ON: std::sync::OnceLock<bool> = std::sync::OnceLock::new();
    *ON.get_or_init(|| std::env::var_os("MATCHPUNT_SOLVER_TRACE").is_some())
}

/// Seconds since the first trace line.
pub(crate) fn trace_clock() -> f64 {
    static START: std::sync::OnceLock<Instant> = std::sync::OnceLock::new();
    START.get_or_init(Instant::now).elapsed().as_secs_f64()
}

/// A line of the solver trace (see [`tracing`]).
macro_rules! tr {
    ($($t:tt)*) => {
        if $crate::solve::tracing() {
            eprintln!(
                "[{:8.3} {:?}] {}",
                $crate::solve::trace_clock(),
                std::thread::current().id(),
                format!($($t)*)
            );
        }
    };
}
use tr;

use matchpunt_flow::{Algorithm, FlowNetwork};
use petgraph::unionfind::UnionFind;
use rayon::prelude::*;
use std::time::{Duration, Instant};

/// Capacity of one expert in a [`Problem`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ExpertCap {
    /// Most further assignments.
    pub max_count: u32,
    /// Most further load.
    pub budget: u32,
    /// Assignments the expert already holds (pins): the spread cost of the next one starts there.
    pub already: u32,
    /// Slots already taken (pins); arcs in these slots are not allowed. Bit i = slot i, and
    /// [`HEAVY_BIT`]: the expert's one heavy-theme seat of the pause is taken (a pin), so no
    /// [`Arc::heavy`] arc is allowed.
    pub busy_slots: u32,
}

/// The bit of [`ExpertCap::busy_slots`] and [`Arc::conflicts`] that stands for the heavy-theme
/// pause within a week: at most one [`Arc::heavy`] arc per expert. Slots use bits 0 to 20.
pub const HEAVY_BIT: u32 = 1 << 31;

/// One eligible (request, expert) pair.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Arc {
    /// Request index.
    pub request: u32,
    /// Expert index.
    pub expert: u32,
    /// Value in solver units (> 0 for a useful arc).
    pub value: i64,
    /// Wellbeing load.
    pub intensity: u32,
    /// The request's slot (0..21), None when flexible.
    pub slot: Option<u8>,
    /// A heavy-theme seat under the heavy-theme pause: an expert holds at most one such arc
    /// (like a slot of its own, [`HEAVY_BIT`]). False when the policy has no pause.
    pub heavy: bool,
}

impl Arc {
    /// The bits of [`ExpertCap::busy_slots`] this arc takes: its slot's bit and, for a heavy
    /// arc, [`HEAVY_BIT`]. Two arcs of one expert that share a bit exclude each other.
    pub fn conflicts(&self) -> u32 {
        self.slot.map_or(0, |s| 1u32 << s) | if self.heavy { HEAVY_BIT } else { 0 }
    }
}

/// A batch as the solver sees it.
#[derive(Clone, Debug, Default)]
pub struct Problem {
    /// Per expert.
    pub experts: Vec<ExpertCap>,
    /// Seats per request.
    pub seats: Vec<u32>,
    /// Eligible pairs; at most one per (request, expert).
    pub arcs: Vec<Arc>,
    /// Cost of each assignment of an expert beyond their first, times its number minus one.
    pub spread: i64,
}

/// Solver settings.
#[derive(Clone, Copy, Debug)]
pub struct SolveOptions {
    /// Stop after this long and report the gap. Every long loop checks it, flows included, so
    /// the solve ends within a few milliseconds of it (on millions of arcs, within one linear
    /// pass over them). The answer then depends on the machine's speed.
    pub time_limit: Option<Duration>,
    /// Stop branching after this many nodes per component: the work limit. Without a time
    /// limit, the search and its answer are the same on every machine and with any number of
    /// threads (the root's phases do a fixed number of iterations).
    pub node_limit: usize,
    /// The min-cost flow algorithm for the relaxations.
    pub algorithm: Algorithm,
    /// Use the master LP's exact seat prices and the bundle listing (steps 2 and 3 of the
    /// module docs). Off, the solver is Lagrangian branch and bound alone: slower on large
    /// batches, but a second, independent route to the same optimum (for tests and comparisons).
    pub master: bool,
}

impl Default for SolveOptions {
    fn default() -> Self {
        SolveOptions {
            time_limit: Some(Duration::from_secs(30)),
            node_limit: 1_000_000,
            algorithm: Algorithm::default(),
            master: true,
        }
    }
}

/// Which limit stopped a search before it proved its answer optimal.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Limit {
    /// [`SolveOptions::time_limit`].
    Time,
    /// [`SolveOptions::node_limit`], the work limit.
    Work,
}

/// What the solver found.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Solution {
    /// Chosen arcs (indexes into `Problem::arcs`), ascending.
    pub chosen: Vec<usize>,
    /// The objective of `chosen`.
    pub objective: i64,
    /// A proven upper bound on the optimum (== objective when proven).
    pub bound: i64,
    /// Whether `objective` is proven optimal.
    pub proven: bool,
    /// Branch-and-bound nodes evaluated (relaxations solved).
    pub nodes: usize,
    /// Connected components of the candidate graph.
    pub components: usize,
    /// Components in which a load budget had to be branched on.
    pub branched_components: usize,
    /// Components proven optimal by listing the bundles within the gap (see the module docs).
    pub listed_components: usize,
    /// When not proven: the limit that stopped the search (the time limit if both did).
    pub stopped_by: Option<Limit>,
}

/// The objective of `chosen` (indices into `p`'s arcs), in milli-points, or the first constraint
/// it breaks. O(|chosen| + experts + requests).
///
/// # Errors
///
/// [`Infeasible`]: the first limit (seats, slot, count, load) that `chosen` breaks, in words.
pub fn evaluate(p: &Problem, chosen: &[usize]) -> Result<i64, Infeasible> {
    evaluate_in_words(p, chosen).map_err(Infeasible)
}

/// A selection of arcs that breaks a limit of the problem (see [`evaluate`]).
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("{0}")]
pub struct Infeasible(pub String);

fn evaluate_in_words(p: &Problem, chosen: &[usize]) -> Result<i64, String> {
    let mut count = vec![0u32; p.experts.len()];
    let mut load = vec![0u32; p.experts.len()];
    let mut slots: Vec<u32> = p.experts.iter().map(|e| e.busy_slots).collect();
    let mut seats = vec![0u32; p.seats.len()];
    let mut sorted = chosen.to_vec();
    sorted.sort_unstable();
    if let Some(w) = sorted.windows(2).find(|w| w[0] == w[1]) {
        return Err(format!("arc {} chosen twice", w[0]));
    }
    let mut total = 0i64;
    for &a in chosen {
        let arc = p
            .arcs
            .get(a)
            .ok_or_else(|| format!("arc {a} out of range"))?;
        let (e, r) = (arc.expert as usize, arc.request as usize);
        let cap = p.experts[e];
        total += arc.value - p.spread * (cap.already + count[e]) as i64;
        count[e] += 1;
        load[e] += arc.intensity;
        seats[r] += 1;
        if count[e] > cap.max_count {
            return Err(format!("expert {e} over max_count"));
        }
        if load[e] > cap.budget {
            return Err(format!("expert {e} over load budget"));
        }
        if seats[r] > p.seats[r] {
            return Err(format!("request {r} over seats"));
        }
        let bits = arc.conflicts();
        if slots[e] & bits != 0 {
            return Err(match arc.slot {
                Some(s) if slots[e] & (1 << s) != 0 => format!("expert {e} twice in slot {s}"),
                _ => format!("expert {e} with a second heavy-theme seat in the pause"),
            });
        }
        slots[e] |= bits;
    }
    Ok(total)
}

/// Solves `p` exactly (or up to the limits in `opts`, reporting the bound).
pub fn solve(p: &Problem, opts: &SolveOptions) -> Solution {
    solve_with_cuts(p, opts, true)
}

/// [`solve`] with the root's subset-row cuts on or off (`cuts`; [`solve`] has them on). Off, the
/// root's bound is the master LP's, as before the cuts: for the tests that hold the two to the
/// same optimum, and for side-by-side measurements.
#[doc(hidden)]
pub fn solve_with_cuts(p: &Problem, opts: &SolveOptions, cuts: bool) -> Solution {
    let deadline = opts.time_limit.map(|t| Instant::now() + t);
    solve_until(
        p,
        opts,
        deadline,
        Mode {
            neighbourhoods: true,
            cuts,
        },
    )
}

/// How a search runs: `neighbourhoods` off inside a neighbourhood's own search, so that a
/// search never starts another round of neighbourhoods below itself; `cuts`, the root's
/// subset-row cuts (`cuts`).
#[derive(Clone, Copy, Debug)]
struct Mode {
    neighbourhoods: bool,
    cuts: bool,
}

/// [`solve`] up to `deadline`, as `mode` says.
fn solve_until(
    p: &Problem,
    opts: &SolveOptions,
    deadline: Option<Instant>,
    mode: Mode,
) -> Solution {
    let comps = components(p);
    let results: Vec<(Vec<usize>, Solution)> = comps
        .par_iter()
        .map(|arcs| {
            let (sub, back) = subproblem(p, arcs);
            let s = branch_and_bound(&sub, opts, deadline, mode);
            (back, s)
        })
        .collect();
    let mut out = Solution {
        components: comps.len(),
        proven: true,
        ..Solution::default()
    };
    for (back, s) in results {
        out.chosen.extend(s.chosen.iter().map(|&a| back[a]));
        out.objective += s.objective;
        out.bound += s.bound;
        out.proven &= s.proven;
        out.nodes += s.nodes;
        out.branched_components += usize::from(s.nodes > 1);
        out.listed_components += s.listed_components;
        out.stopped_by = match (out.stopped_by, s.stopped_by) {
            (Some(Limit::Time), _) | (_, Some(Limit::Time)) => Some(Limit::Time),
            (a, b) => a.or(b),
        };
    }
    out.chosen.sort_unstable();
    out
}

/// The arcs of each connected component (experts and requests joined by arcs), in a
/// deterministic order: components by their smallest arc index, arcs ascending.
pub fn components(p: &Problem) -> Vec<Vec<usize>> {
    let ne = p.experts.len();
    let mut uf = UnionFind::<u32>::new(ne + p.seats.len());
    for a in &p.arcs {
        uf.union(a.expert, ne as u32 + a.request);
    }
    let mut comp_of_root = std::collections::HashMap::new();
    let mut comps: Vec<Vec<usize>> = Vec::new();
    for (i, a) in p.arcs.iter().enumerate() {
        let root = uf.find(a.expert);
        let c = *comp_of_root.entry(root).or_insert_with(|| {
            comps.push(Vec::new());
            comps.len() - 1
        });
        comps[c].push(i);
    }
    comps
}

/// The sub-problem on `arcs` (indexes into `p.arcs`), with experts and requests renumbered in
/// order of first appearance, and the map back to the original arc indexes (`arcs` itself).
/// O(arcs), hashing.
pub fn subproblem(p: &Problem, arcs: &[usize]) -> (Problem, Vec<usize>) {
    let mut emap = std::collections::HashMap::new();
    let mut rmap = std::collections::HashMap::new();
    let mut sub = Problem {
        spread: p.spread,
        ..Problem::default()
    };
    for &i in arcs {
        let a = p.arcs[i];
        let e = *emap.entry(a.expert).or_insert_with(|| {
            sub.experts.push(p.experts[a.expert as usize]);
            sub.experts.len() as u32 - 1
        });
        let r = *rmap.entry(a.request).or_insert_with(|| {
            sub.seats.push(p.seats[a.request as usize]);
            sub.seats.len() as u32 - 1
        });
        sub.arcs.push(Arc {
            request: r,
            expert: e,
            ..a
        });
    }
    (sub, arcs.to_vec())
}

/// A branch-and-bound node: arcs forced in and forbidden (sorted arc indexes).
#[derive(Clone, Debug, Default)]
struct Fix {
    forced: Vec<usize>,
    forbidden: Vec<usize>,
}

/// The relaxation of one node.
struct Relaxed {
    /// Forced arcs plus the arcs of the optimal flow, ascending.
    chosen: Vec<usize>,
    /// Its objective: an upper bound for the node.
    bound: i64,
    /// Seat prices from the flow's node potentials (the duals of rule 10).
    mu: Vec<i64>,
}

/// The residual state after the forced arcs of a node; None if they already break a rule.
struct Residual {
    count: Vec<u32>,
    budget: Vec<u32>,
    slots: Vec<u32>,
    seats: Vec<u32>,
    forced_value: i64,
}

fn residual(p: &Problem, fix: &Fix) -> Option<Residual> {
    let mut res = Residual {
        count: p.experts.iter().map(|e| e.max_count).collect(),
        budget: p.experts.iter().map(|e| e.budget).collect(),
        slots: p.experts.iter().map(|e| e.busy_slots).collect(),
        seats: p.seats.clone(),
        forced_value: 0,
    };
    for &a in &fix.forced {
        let arc = p.arcs[a];
        let (e, r) = (arc.expert as usize, arc.request as usize);
        let used = p.experts[e].max_count - res.count[e];
        res.forced_value += arc.value - p.spread * (p.experts[e].already + used) as i64;
        res.count[e] = res.count[e].checked_sub(1)?;
        res.budget[e] = res.budget[e].checked_sub(arc.intensity)?;
        res.seats[r] = res.seats[r].checked_sub(1)?;
        if res.slots[e] & arc.conflicts() != 0 {
            return None;
        }
        res.slots[e] |= arc.conflicts();
    }
    Some(res)
}

/// The flow network of the whole problem without load budgets (the root relaxation). Returns
/// the network and, per network arc, the problem arc it stands for (`usize::MAX` for structural
/// arcs).
pub fn root_network(p: &Problem) -> (FlowNetwork, Vec<usize>) {
    let fix = Fix::default();
    let res = residual(p, &fix).expect("nothing is forced at the root");
    build_network(p, &fix, &res, &vec![0; p.experts.len()]).0
}

/// The arcs of `sub` chosen by its plain flow relaxation (no multipliers, nothing fixed); none
/// once the deadline has passed.
fn flow_choice(sub: &Problem, deadline: Option<Instant>) -> Vec<usize> {
    let zero = vec![0; sub.experts.len()];
    relax(sub, &Fix::default(), Algorithm::default(), &zero, deadline)
        .map(|r| r.chosen)
        .unwrap_or_default()
}

fn build_network(
    p: &Problem,
    fix: &Fix,
    res: &Residual,
    lambda: &[i64],
) -> ((FlowNetwork, Vec<usize>), i64) {
    let ne = p.experts.len();
    let nr = p.seats.len();
    // Usable arcs per expert.
    let mut by_expert: Vec<Vec<usize>> = vec![Vec::new(); ne];
    for (i, a) in p.arcs.iter().enumerate() {
        let e = a.expert as usize;
        if fix.forced.binary_search(&i).is_ok() || fix.forbidden.binary_search(&i).is_ok() {
            continue;
        }
        let reduced = a.value - lambda[e] * a.intensity as i64;
        if a.intensity > res.budget[e] || res.seats[a.request as usize] == 0 || reduced <= 0 {
            continue;
        }
        if res.slots[e] & a.conflicts() != 0 {
            continue;
        }
        by_expert[e].push(i);
    }
    let source = 0u32;
    let sink = 1u32;
    let mut net = FlowNetwork::with_capacity(2 + ne + nr, p.arcs.len() + 2 * ne + nr + 1);
    for _ in 0..(ne + nr) {
        net.add_node();
    }
    let enode = |e: usize| 2 + e as u32;
    let rnode = |r: usize| 2 + ne as u32 + r as u32;
    let mut map = Vec::new();
    let mut supply = 0i64;
    for e in 0..ne {
        let arcs = &by_expert[e];
        if arcs.is_empty() || res.count[e] == 0 {
            continue;
        }
        // Strengthening: at most as many arcs as the lightest intensities that fit the budget.
        let mut ints: Vec<u32> = arcs.iter().map(|&a| p.arcs[a].intensity).collect();
        ints.sort_unstable();
        let mut fit = 0u32;
        let mut sum = 0u32;
        for i in ints {
            if sum + i > res.budget[e] {
                break;
            }
            sum += i;
            fit += 1;
        }
        let cap = res.count[e].min(fit).min(arcs.len() as u32);
        if cap == 0 {
            continue;
        }
        let used = p.experts[e].max_count - res.count[e] + p.experts[e].already;
        if p.spread == 0 {
            net.add_arc(source, enode(e), cap as i64, 0);
            map.push(usize::MAX);
        } else {
            for k in 0..cap {
                net.add_arc(source, enode(e), 1, p.spread * (used + k) as i64);
                map.push(usize::MAX);
            }
        }
        supply += cap as i64;
        // Slot nodes where two or more arcs share a slot.
        let mut per_slot = [0u32; 21];
        for &a in arcs {
            if let Some(s) = p.arcs[a].slot {
                per_slot[s as usize] += 1;
            }
        }
        let mut slot_node = [u32::MAX; 21];
        for s in 0..21 {
            if per_slot[s] >= 2 {
                let n = net.add_node();
                net.add_arc(enode(e), n, 1, 0);
                map.push(usize::MAX);
                slot_node[s] = n;
            }
        }
        // The heavy-theme pause: one node of capacity 1 for the heavy arcs that no slot node
        // holds (an arc under both would need two parents, so a heavy arc that shares its slot
        // stays under the slot node: the relaxation may then break the pause, and the search
        // branches on it, see `over_heavy`).
        let loose_heavy = arcs
            .iter()
            .filter(|&&a| {
                let arc = p.arcs[a];
                arc.heavy && arc.slot.is_none_or(|s| slot_node[s as usize] == u32::MAX)
            })
            .count();
        let heavy_node = if loose_heavy >= 2 {
            let n = net.add_node();
            net.add_arc(enode(e), n, 1, 0);
            map.push(usize::MAX);
            n
        } else {
            u32::MAX
        };
        for &a in arcs {
            let arc = p.arcs[a];
            let from = match arc.slot {
                Some(s) if slot_node[s as usize] != u32::MAX => slot_node[s as usize],
                _ if arc.heavy && heavy_node != u32::MAX => heavy_node,
                _ => enode(e),
            };
            net.add_arc(
                from,
                rnode(arc.request as usize),
                1,
                lambda[e] * arc.intensity as i64 - arc.value,
            );
            map.push(a);
        }
    }
    let mut demand = 0i64;
    for r in 0..nr {
        if res.seats[r] > 0 {
            net.add_arc(rnode(r), sink, res.seats[r] as i64, 0);
            map.push(usize::MAX);
            demand += res.seats[r] as i64;
        }
    }
    let flow = supply.min(demand);
    net.add_arc(source, sink, flow, 0);
    map.push(usize::MAX);
    net.set_supply(source, flow);
    net.set_supply(sink, -flow);
    ((net, map), res.forced_value)
}

/// Why a node has no relaxation.
#[derive(Debug, PartialEq, Eq)]
enum NoRelaxation {
    /// Its forced arcs already break a rule.
    Infeasible,
    /// The deadline passed during the flow.
    Stopped,
}

/// Solves the Lagrangian relaxation of a node: load budgets moved into the objective with
/// multipliers `lambda` (per expert, in value units per unit of load). For any `lambda >= 0` its
/// value is an upper bound on the node's optimum; `lambda = 0` is the plain flow relaxation.
fn relax(
    p: &Problem,
    fix: &Fix,
    alg: Algorithm,
    lambda: &[i64],
    deadline: Option<Instant>,
) -> Result<Relaxed, NoRelaxation> {
    let res = residual(p, fix).ok_or(NoRelaxation::Infeasible)?;
    if deadline.is_some_and(|d| Instant::now() >= d) {
        return Err(NoRelaxation::Stopped);
    }
    let ((net, map), forced_value) = build_network(p, fix, &res, lambda);
    let sol = match matchpunt_flow::solve_before(&net, alg, deadline) {
        Ok(sol) => sol,
        Err(matchpunt_flow::FlowError::TimeLimit) => return Err(NoRelaxation::Stopped),
        Err(e) => panic!("the batch network is always feasible and small enough: {e}"),
    };
    let mut chosen = fix.forced.clone();
    for (i, &a) in map.iter().enumerate() {
        if a != usize::MAX && sol.flow[i] > 0 {
            chosen.push(a);
        }
    }
    chosen.sort_unstable();
    let penalty: i64 = lambda
        .iter()
        .zip(&res.budget)
        .map(|(&l, &b)| l * b as i64)
        .sum();
    let ne = p.experts.len();
    let sink = sol.potential[1];
    let mu = (0..p.seats.len())
        .map(|r| (sink - sol.potential[2 + ne + r]).max(0))
        .collect();
    Ok(Relaxed {
        chosen,
        bound: forced_value - sol.cost + penalty,
        mu,
    })
}

/// The best feasible solution found so far.
struct Incumbent {
    chosen: Vec<usize>,
    value: i64,
    /// The smallest possible improvement: the gcd of all arc values and the spread step, since
    /// every objective value is a multiple of it.
    step: i64,
    /// Past it, repairs fill greedily, without flows.
    deadline: Option<Instant>,
}

impl Incumbent {
    /// A solution must be worth more than this to be better than the incumbent.
    fn cutoff(&self) -> i64 {
        self.value + self.step - 1
    }

    fn offer(&mut self, p: &Problem, chosen: &[usize], by_value: &[usize]) {
        let (cand, v) = match evaluate(p, chosen) {
            Ok(v) => (chosen.to_vec(), v),
            Err(_) if over_budget(p, chosen).is_empty() => {
                // Every budget holds but seats are overfilled (a bundle relaxation): the best
                // way to keep a subset of these arcs is itself a flow, since any subset of an
                // expert's bundle keeps that expert's rules.
                let sub = Problem {
                    experts: p.experts.clone(),
                    seats: p.seats.clone(),
                    arcs: chosen.iter().map(|&a| p.arcs[a]).collect(),
                    spread: p.spread,
                };
                let kept: Vec<usize> = flow_choice(&sub, self.deadline)
                    .iter()
                    .map(|&a| chosen[a])
                    .collect();
                repair(p, &kept, by_value, self.deadline)
            }
            Err(_) => repair(p, chosen, by_value, self.deadline),
        };
        if v > self.value {
            self.value = v;
            self.chosen = cand;
        }
    }
}

/// What the search carries from node to node.
struct Ctx<'a> {
    p: &'a Problem,
    alg: Algorithm,
    /// Arc indexes by decreasing value (for greedy repair).
    by_value: Vec<usize>,
    deadline: Option<Instant>,
    /// Arc indexes into each request.
    by_request: Vec<Vec<usize>>,
    /// Nodes evaluated (the work limit counts these).
    nodes: usize,
    /// Nodes evaluated in the searches of neighbourhoods: reported as work, not counted
    /// against the limit (each neighbourhood has its own).
    neighbourhood_nodes: usize,
    /// The root's subset-row cuts are on ([`Mode::cuts`]).
    cuts: bool,
    inc: Incumbent,
}

impl Ctx<'_> {
    fn expired(&self) -> bool {
        self.deadline.is_some_and(|d| Instant::now() >= d)
    }
    fn offer(&mut self, chosen: &[usize]) {
        self.inc.offer(self.p, chosen, &self.by_value);
    }
}

/// A node after its Lagrangian iterations.
struct Evaluated {
    bound: i64,
    /// The flow relaxation's solution at the best multipliers (keeps seats, may break budgets).
    relaxed: Vec<usize>,
    lambda: Vec<i64>,
    /// The bundle relaxation's solution (keeps budgets, may overfill seats) and its prices.
    bundled: Vec<usize>,
    mu: Vec<i64>,
    /// Whether the bundle bound is the tighter one.
    bundle_tighter: bool,
}

/// Subgradient optimisation of the multipliers of one node (Held, Wolfe and Crowder 1974;
/// Fisher 1981, "The Lagrangian relaxation method for solving integer programming problems"):
/// `lambda_e += t * (load_e - budget_e)`, clipped at 0, with Polyak's step
/// `t = theta * (bound - incumbent) / |g|^2` and theta halved when the bound stalls.
fn evaluate_node(
    cx: &mut Ctx<'_>,
    fix: &Fix,
    mut lambda: Vec<i64>,
    mu_start: Option<Vec<i64>>,
    iterations: usize,
    bundle_iterations: usize,
) -> Option<Evaluated> {
    let p = cx.p;
    cx.nodes += 1;
    let mut best: Option<Evaluated> = None;
    let mut theta = 1.0f64;
    let mut stall = 0;
    for it in 0..iterations {
        if it > 0 && cx.expired() {
            break;
        }
        let r = match relax(p, fix, cx.alg, &lambda, cx.deadline) {
            Ok(r) => r,
            Err(NoRelaxation::Infeasible) => return None,
            Err(NoRelaxation::Stopped) => break,
        };
        tr!(
            "node flow it {}: bound {} inc {}",
            it,
            r.bound,
            cx.inc.value
        );
        cx.offer(&r.chosen);
        tr!("node flow it {}: offered, inc {}", it, cx.inc.value);
        let improved = best.as_ref().is_none_or(|b| r.bound < b.bound);
        let mut load = vec![0i64; p.experts.len()];
        for &a in &r.chosen {
            load[p.arcs[a].expert as usize] += p.arcs[a].intensity as i64;
        }
        let gap = r.bound - cx.inc.cutoff();
        if improved {
            stall = 0;
            best = Some(Evaluated {
                bound: r.bound,
                relaxed: r.chosen,
                lambda: lambda.clone(),
                bundled: Vec::new(),
                mu: r.mu,
                bundle_tighter: false,
            });
        } else {
            stall += 1;
            if stall >= 2 {
                theta /= 2.0;
                stall = 0;
            }
        }
        if gap <= 0 {
            break;
        }
        let g: Vec<i64> = (0..p.experts.len())
            .map(|e| load[e] - p.experts[e].budget as i64)
            .collect();
        let norm2: f64 = g
            .iter()
            .zip(&lambda)
            .filter(|(&g, &l)| g > 0 || l > 0)
            .map(|(&g, _)| (g * g) as f64)
            .sum();
        if norm2 == 0.0 {
            break;
        }
        let step = theta * gap as f64 / norm2;
        let mut changed = false;
        for e in 0..lambda.len() {
            if g[e] == 0 || (g[e] < 0 && lambda[e] == 0) {
                continue;
            }
            let delta = (step * g[e] as f64).round() as i64;
            let delta = if delta == 0 { g[e].signum() } else { delta };
            let new = (lambda[e] + delta).max(0);
            changed |= new != lambda[e];
            lambda[e] = new;
        }
        if !changed || theta < 1e-3 {
            break;
        }
    }
    let res = residual(p, fix)?;
    let mut best = best.unwrap_or_else(|| Evaluated {
        bound: i64::MAX,
        relaxed: Vec::new(),
        lambda,
        bundled: Vec::new(),
        mu: vec![0; p.seats.len()],
        bundle_tighter: false,
    });
    // Past the deadline, the bundle bound is computed only when there is no bound at all (the
    // first flow was cut short): one pass, far cheaper than a flow.
    let bounded = best.bound != i64::MAX;
    if best.bound > cx.inc.cutoff() && !(bounded && cx.expired()) {
        let start = mu_start.unwrap_or_else(|| best.mu.clone());
        let deadline = cx.deadline;
        let by_value = &cx.by_value;
        let inc = &mut cx.inc;
        let (b, chosen, mu) =
            bundle::optimise(p, fix, &res, start, bundle_iterations, deadline, |x| {
                inc.offer(p, x, by_value);
                inc.cutoff()
            });
        best.bundled = chosen;
        best.mu = mu;
        if b < best.bound {
            best.bound = b;
            best.bundle_tighter = true;
        }
    }
    Some(best)
}

/// Experts over budget in `chosen`, with their excess, most over first (ties by index).
fn over_budget(p: &Problem, chosen: &[usize]) -> Vec<(usize, u32)> {
    let mut load = vec![0u32; p.experts.len()];
    for &a in chosen {
        load[p.arcs[a].expert as usize] += p.arcs[a].intensity;
    }
    let mut over: Vec<(usize, u32)> = load
        .iter()
        .enumerate()
        .filter(|(e, &l)| l > p.experts[*e].budget)
        .map(|(e, &l)| (e, l - p.experts[e].budget))
        .collect();
    over.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    over
}

/// Under the heavy-theme pause, the first expert (by index) holding two or more heavy arcs in
/// `chosen` (the flow relaxation may give them, see `build_network`): their least valuable
/// heavy arc that is not `forced` (ties: higher index), the arc to branch on or forbid. O(|chosen|).
fn second_heavy(p: &Problem, chosen: &[usize], forced: &[usize]) -> Option<usize> {
    let mut heavy = vec![0u32; p.experts.len()];
    for &a in chosen {
        if p.arcs[a].heavy {
            heavy[p.arcs[a].expert as usize] += 1;
        }
    }
    let e = heavy.iter().position(|&h| h >= 2)?;
    chosen
        .iter()
        .copied()
        .filter(|&a| {
            let arc = p.arcs[a];
            arc.heavy && arc.expert as usize == e && forced.binary_search(&a).is_err()
        })
        .min_by(|&x, &y| p.arcs[x].value.cmp(&p.arcs[y].value).then(y.cmp(&x)))
}

/// The arcs that a flow adds to the feasible set `kept` without breaking any rule (none once
/// the deadline has passed).
fn fill_flow(p: &Problem, kept: &[usize], deadline: Option<Instant>) -> Vec<usize> {
    let ne = p.experts.len();
    let mut count = vec![0u32; ne];
    let mut load = vec![0u32; ne];
    let mut slots: Vec<u32> = p.experts.iter().map(|e| e.busy_slots).collect();
    let mut seats = p.seats.clone();
    let mut taken = vec![false; p.arcs.len()];
    for &a in kept {
        let arc = p.arcs[a];
        let e = arc.expert as usize;
        count[e] += 1;
        load[e] += arc.intensity;
        seats[arc.request as usize] -= 1;
        slots[e] |= arc.conflicts();
        taken[a] = true;
    }
    let rem: Vec<u32> = (0..ne).map(|e| p.experts[e].budget - load[e]).collect();
    let mut heaviest = vec![0u32; ne];
    let mut back = Vec::new();
    let mut arcs = Vec::new();
    for (i, a) in p.arcs.iter().enumerate() {
        let e = a.expert as usize;
        // Heavy arcs are left to the greedy fill: a flow could give one expert two of them.
        if !taken[i] && !a.heavy && a.intensity <= rem[e] && seats[a.request as usize] > 0 {
            heaviest[e] = heaviest[e].max(a.intensity);
            arcs.push(*a);
            back.push(i);
        }
    }
    if arcs.is_empty() {
        return Vec::new();
    }
    let experts = (0..ne)
        .map(|e| {
            let room = p.experts[e].max_count - count[e];
            let safe = rem[e].checked_div(heaviest[e]).unwrap_or(room);
            ExpertCap {
                max_count: room.min(safe),
                budget: rem[e],
                already: p.experts[e].already + count[e],
                busy_slots: slots[e],
            }
        })
        .collect();
    let sub = Problem {
        experts,
        seats,
        arcs,
        spread: p.spread,
    };
    flow_choice(&sub, deadline)
        .iter()
        .map(|&a| back[a])
        .collect()
}

/// Turns a relaxation into a feasible solution: drop, then fill by a flow (before the
/// deadline) and greedily.
fn repair(
    p: &Problem,
    chosen: &[usize],
    by_value: &[usize],
    deadline: Option<Instant>,
) -> (Vec<usize>, i64) {
    let ne = p.experts.len();
    // Overfilled requests keep their most valuable arcs.
    let mut by_request: Vec<usize> = chosen.to_vec();
    by_request.sort_by(|&x, &y| {
        let (ax, ay) = (p.arcs[x], p.arcs[y]);
        ax.request
            .cmp(&ay.request)
            .then(ay.value.cmp(&ax.value))
            .then(x.cmp(&y))
    });
    let mut seats_used = vec![0u32; p.seats.len()];
    let mut per_expert: Vec<Vec<usize>> = vec![Vec::new(); ne];
    for a in by_request {
        let r = p.arcs[a].request as usize;
        if seats_used[r] < p.seats[r] {
            seats_used[r] += 1;
            per_expert[p.arcs[a].expert as usize].push(a);
        }
    }
    for (e, arcs) in per_expert.iter_mut().enumerate() {
        // The heavy-theme pause: the most valuable heavy arc stays (ties: lower index), and
        // none when a pin already holds the expert's one.
        let keep_heavy = arcs
            .iter()
            .copied()
            .filter(|&a| p.arcs[a].heavy && p.experts[e].busy_slots & HEAVY_BIT == 0)
            .max_by(|&x, &y| p.arcs[x].value.cmp(&p.arcs[y].value).then(y.cmp(&x)));
        arcs.retain(|&a| !p.arcs[a].heavy || Some(a) == keep_heavy);
        let budget = p.experts[e].budget;
        let mut load: u32 = arcs.iter().map(|&a| p.arcs[a].intensity).sum();
        while load > budget {
            // Drop the arc with the least value per unit of load (ties: higher index).
            let (pos, _) = arcs
                .iter()
                .enumerate()
                .min_by(|(_, &x), (_, &y)| {
                    let (ax, ay) = (p.arcs[x], p.arcs[y]);
                    (ax.value * ay.intensity.max(1) as i64)
                        .cmp(&(ay.value * ax.intensity.max(1) as i64))
                        .then(y.cmp(&x))
                })
                .expect("over budget means non-empty");
            load -= p.arcs[arcs[pos]].intensity;
            arcs.remove(pos);
        }
    }
    // Fill by a flow that can only keep every budget: each expert may add arcs that fit its
    // remaining budget, at most as many as fit if all were the heaviest of them.
    let kept: Vec<usize> = per_expert.iter().flatten().copied().collect();
    for a in fill_flow(p, &kept, deadline) {
        per_expert[p.arcs[a].expert as usize].push(a);
    }
    let mut count = vec![0u32; ne];
    let mut load = vec![0u32; ne];
    let mut slots: Vec<u32> = p.experts.iter().map(|e| e.busy_slots).collect();
    let mut seats = vec![0u32; p.seats.len()];
    let mut taken = vec![false; p.arcs.len()];
    let mut out = Vec::new();
    for arcs in &per_expert {
        for &a in arcs {
            let arc = p.arcs[a];
            let e = arc.expert as usize;
            count[e] += 1;
            load[e] += arc.intensity;
            seats[arc.request as usize] += 1;
            slots[e] |= arc.conflicts();
            taken[a] = true;
            out.push(a);
        }
    }
    for &a in by_value {
        let arc = p.arcs[a];
        let (e, r) = (arc.expert as usize, arc.request as usize);
        let cap = p.experts[e];
        let gain = arc.value - p.spread * (cap.already + count[e]) as i64;
        if taken[a]
            || gain <= 0
            || count[e] >= cap.max_count
            || load[e] + arc.intensity > cap.budget
            || seats[r] >= p.seats[r]
            || slots[e] & arc.conflicts() != 0
        {
            continue;
        }
        count[e] += 1;
        load[e] += arc.intensity;
        seats[r] += 1;
        slots[e] |= arc.conflicts();
        taken[a] = true;
        out.push(a);
    }
    out.sort_unstable();
    let value = evaluate(p, &out).expect("repair keeps every constraint");
    (out, value)
}

struct Open {
    bound: i64,
    seq: usize,
    fix: Fix,
    relaxed: Vec<usize>,
    lambda: Vec<i64>,
    bundled: Vec<usize>,
    mu: Vec<i64>,
    bundle_tighter: bool,
}

impl PartialEq for Open {
    fn eq(&self, o: &Self) -> bool {
        self.bound == o.bound && self.seq == o.seq
    }
}
impl Eq for Open {}
impl PartialOrd for Open {
    fn partial_cmp(&self, o: &Self) -> Option<std::cmp::Ordering> {
        Some(self.cmp(o))
    }
}
impl Ord for Open {
    fn cmp(&self, o: &Self) -> std::cmp::Ordering {
        // Max-heap: highest bound first, then earliest created.
        self.bound.cmp(&o.bound).then(o.seq.cmp(&self.seq))
    }
}

/// Multiplier iterations at the root (when the master follows, and when not) and at every
/// other node.
const ROOT_ITERATIONS: [usize; 2] = [5, 20];
const NODE_ITERATIONS: usize = 0;
/// Seat-price iterations of the bundle bound at the root (when the master follows, and when
/// not) and at every other node. The master needs only a start; without it, the subgradient
/// steps and their repaired solutions are the root's bound and incumbents.
const ROOT_BUNDLE_ITERATIONS: [usize; 2] = [30, 300];
const NODE_BUNDLE_ITERATIONS: usize = 25;
/// Most LP rounds of the master bound at the root.
const MASTER_ROUNDS: usize = 40;
/// Most rounds of RINS at the root.
const RINS_ROUNDS: usize = 5;

fn branch_and_bound(
    p: &Problem,
    opts: &SolveOptions,
    deadline: Option<Instant>,
    mode: Mode,
) -> Solution {
    let neighbourhoods = mode.neighbourhoods;
    let mut by_value: Vec<usize> = (0..p.arcs.len()).collect();
    by_value.sort_by(|&a, &b| p.arcs[b].value.cmp(&p.arcs[a].value).then(a.cmp(&b)));
    let mut cx = Ctx {
        p,
        alg: opts.algorithm,
        by_value,
        deadline,
        by_request: {
            let mut v = vec![Vec::new(); p.seats.len()];
            for (i, a) in p.arcs.iter().enumerate() {
                v[a.request as usize].push(i);
            }
            v
        },
        nodes: 0,
        neighbourhood_nodes: 0,
        cuts: mode.cuts,
        inc: Incumbent {
            chosen: Vec::new(),
            value: 0,
            step: granularity(p),
            deadline,
        },
    };
    let zero = vec![0i64; p.experts.len()];
    let root_res = residual(p, &Fix::default()).expect("no forced arcs");
    // The master LP and the listing (steps 2 and 3) are skipped where the LP would be too slow;
    // listing at the subgradient's prices would list too much.
    let master = opts.master && master::applies(p, &Fix::default(), &root_res);
    let which = usize::from(!master);
    // Iteration counts shrink with the size of the problem (work, not time, decides, so that
    // the search and its answer do not depend on the machine's speed).
    let mut root = evaluate_node(
        &mut cx,
        &Fix::default(),
        zero,
        None,
        work_limit(p, ROOT_ITERATIONS[which], 2e6).max(1),
        work_limit(p, ROOT_BUNDLE_ITERATIONS[which], 3e8).max(20),
    )
    .expect("the root has no forced arcs");
    let t0 = Instant::now();
    tr!(
        "root: arcs {} experts {} bound {} inc {} master {}",
        p.arcs.len(),
        p.experts.len(),
        root.bound,
        cx.inc.value,
        master
    );
    // The exact seat prices (the master's duals), then the bundles within reach of them.
    // The listing's prices and cuts: the master's, or those of the subset-row cuts below.
    let mut listing: Option<(Vec<i64>, cuts::Cuts)> = None;
    // The master's last rows, where the cuts start.
    let mut rows = Vec::new();
    if master && root.bound > cx.inc.cutoff() && !cx.expired() {
        let refined = master::refine_keeping(
            p,
            &Fix::default(),
            &root_res,
            &root.mu,
            root.bound,
            MASTER_ROUNDS,
            deadline,
            Some(&mut rows),
        );
        if let Some((bound, chosen, mu)) = refined {
            cx.offer(&chosen);
            root.bound = bound;
            root.bundled = chosen;
            root.mu = mu;
            root.bundle_tighter = true;
        }
        tr!(
            "master: bound {} inc {} t {:?}",
            root.bound,
            cx.inc.value,
            t0.elapsed()
        );
    }
    // The cuts are tried once, when the first listing at the master's prices does not prove
    // the incumbent (where it does, the answer is the one without cuts, byte for byte).
    let mut cuts_tried = !mode.cuts;
    let no_cuts = cuts::Cuts::default();
    // A bound proven by listing: no solution is worth more than `listed_below`.
    let mut listed_below = i64::MAX;
    if master && root.bound > cx.inc.cutoff() {
        // List the bundles of every solution within `width` of the bound and solve over those
        // exactly; widen while the answer lies below the width and the listing stays small.
        let mut width = 4 * cx.inc.step;
        while !cx.expired() {
            let floor = (root.bound - width).max(cx.inc.value);
            let (list_mu, list_cuts) = match &listing {
                Some((mu, c)) => (mu, c),
                None => (&root.mu, &no_cuts),
            };
            let found = master::enumerate(
                p,
                &Fix::default(),
                &root_res,
                list_mu,
                floor,
                &cx.inc.chosen,
                list_cuts,
                deadline,
            );
            if let Some(c) = &found.chosen {
                cx.offer(c);
            }
            tr!(
                "enumerate width {} exact {} inc {} t {:?}",
                width,
                found.exact,
                cx.inc.value,
                t0.elapsed()
            );
            if found.exact {
                if cx.inc.value >= floor {
                    let inc = cx.inc;
                    return Solution {
                        objective: inc.value,
                        bound: inc.value,
                        proven: true,
                        chosen: inc.chosen,
                        nodes: cx.nodes + cx.neighbourhood_nodes,
                        components: 1,
                        branched_components: 0,
                        listed_components: 1,
                        stopped_by: None,
                    };
                }
                listed_below = floor;
            }
            // Rank-1 cuts (`cuts`): a valid, lower bound; the listing starts again at its first
            // width at their prices (the search's nodes keep the master's).
            if !cuts_tried && root.bound > cx.inc.cutoff() && !rows.is_empty() && !cx.expired() {
                cuts_tried = true;
                let rows = std::mem::take(&mut rows);
                if let Some((bound, mu, c)) =
                    cuts::strengthen(p, &root_res, rows, root.bound, cx.inc.cutoff(), deadline)
                {
                    root.bound = bound;
                    listing = Some((mu, c));
                    tr!(
                        "cuts: bound {} inc {} t {:?}",
                        root.bound,
                        cx.inc.value,
                        t0.elapsed()
                    );
                    width = 4 * cx.inc.step;
                    continue;
                }
            }
            if !found.exact || floor <= cx.inc.value {
                break;
            }
            // Straight to the incumbent when it is within two widenings: one listing instead
            // of two (at 1,000 x 1,000 seed 1 the listing at 4x width found nothing new and
            // cost 0.08 s).
            let gap = root.bound - cx.inc.value;
            width = if gap <= 16 * width { gap } else { 4 * width };
        }
    }
    if root.bound > cx.inc.cutoff() {
        flow_dive(&mut cx, &root.lambda);
        flow_dive(&mut cx, &vec![0; p.experts.len()]);
        tr!("dives: inc {} t {:?}", cx.inc.value, t0.elapsed());
    }
    if neighbourhoods && root.bound > cx.inc.cutoff() {
        // Seeds: experts over budget in the flow relaxation, then experts whose bundle in the
        // bundle relaxation differs from their arcs in the incumbent.
        let mut seeds: Vec<usize> = over_budget(p, &root.relaxed).iter().map(|x| x.0).collect();
        let mut mine = vec![Vec::new(); p.experts.len()];
        let mut theirs = vec![Vec::new(); p.experts.len()];
        for &a in &cx.inc.chosen {
            mine[p.arcs[a].expert as usize].push(a);
        }
        for &a in &root.bundled {
            theirs[p.arcs[a].expert as usize].push(a);
        }
        let differ: Vec<usize> = (0..p.experts.len())
            .filter(|&e| mine[e] != theirs[e])
            .collect();
        // RINS around the incumbent, again while it improves (each round frees the experts
        // that still disagree with the relaxation).
        let mut free = differ.clone();
        for _ in 0..RINS_ROUNDS {
            let before = cx.inc.value;
            rins(&mut cx, opts, &free);
            tr!(
                "rins: free {} inc {} t {:?}",
                free.len(),
                cx.inc.value,
                t0.elapsed()
            );
            if cx.inc.value == before {
                break;
            }
            let mut now = vec![Vec::new(); p.experts.len()];
            for &a in &cx.inc.chosen {
                now[p.arcs[a].expert as usize].push(a);
            }
            free = (0..p.experts.len())
                .filter(|&e| now[e] != theirs[e])
                .collect();
        }
        seeds.extend(differ);
        local_search(&mut cx, opts, &seeds);
        tr!("local search: inc {} t {:?}", cx.inc.value, t0.elapsed());
    }
    // Reduced-cost fixing at the root: drop the arcs that cannot improve on the incumbent and
    // solve what is left (which often falls apart into small components) from scratch.
    if root.bound > cx.inc.cutoff() && root.bundle_tighter && !cx.expired() {
        let drop = bundle::fixable(p, &Fix::default(), &root_res, &root.mu, cx.inc.cutoff());
        tr!("fixable {} of {}", drop.len(), p.arcs.len());
        let keep: Vec<usize> = (0..p.arcs.len())
            .filter(|a| drop.binary_search(a).is_err())
            .collect();
        let reduced = Problem {
            experts: p.experts.clone(),
            seats: p.seats.clone(),
            arcs: keep.iter().map(|&a| p.arcs[a]).collect(),
            spread: p.spread,
        };
        // Solved afresh only when it falls apart: a reduced problem that is still one large
        // component gets the same bound from the same prices, and its root would only repeat
        // this one's work (seconds of master LP and listing at 2,000 x 2,000); the search below
        // forbids the same arcs in every node.
        let largest = components(&reduced).iter().map(Vec::len).max().unwrap_or(0);
        tr!("fixable: largest component {} of {}", largest, keep.len());
        if drop.len() * 10 >= p.arcs.len() && largest * 10 < keep.len() * 9 {
            let sub = solve_until(&reduced, opts, deadline, mode);
            let inc = cx.inc;
            let better = sub.objective > inc.value;
            let objective = sub.objective.max(inc.value);
            let mut bound = sub.bound.max(objective);
            let proven = sub.proven || bound < objective + inc.step;
            if proven {
                bound = objective;
            }
            return Solution {
                chosen: if better {
                    sub.chosen.iter().map(|&a| keep[a]).collect()
                } else {
                    inc.chosen
                },
                objective,
                bound,
                proven,
                nodes: cx.nodes + cx.neighbourhood_nodes + sub.nodes,
                components: 1,
                branched_components: 0,
                listed_components: sub.listed_components,
                stopped_by: if proven {
                    None
                } else {
                    sub.stopped_by.or(Some(Limit::Time))
                },
            };
        }
    }
    let mut open: Vec<Open> = Vec::new();
    let mut seq = 0;
    let root_mu = root.mu.clone();
    if root.bound > cx.inc.cutoff() {
        open.push(Open {
            bound: root.bound,
            seq,
            fix: Fix::default(),
            relaxed: root.relaxed,
            lambda: root.lambda,
            bundled: root.bundled,
            mu: root.mu,
            bundle_tighter: root.bundle_tighter,
        });
    }
    // Arcs that cannot be in a solution better than the incumbent (reduced-cost fixing with
    // the root's prices), forbidden in every node; refreshed when the incumbent improves.
    let mut global: Vec<usize> = Vec::new();
    let mut fixed_at = i64::MIN;
    let mut stopped: Option<Limit> = None;
    let mut pops = 0usize;
    while !open.is_empty() {
        // Best bound first, with every third pick the newest node (a dive) to find incumbents.
        pops += 1;
        let pick = if pops.is_multiple_of(3) {
            (0..open.len()).max_by_key(|&i| open[i].seq)
        } else {
            (0..open.len()).max_by(|&a, &b| open[a].cmp(&open[b]))
        }
        .expect("open is not empty");
        let node = open.swap_remove(pick);
        if pops.is_multiple_of(20) {
            tr!(
                "bb: pops {} nodes {} open {} node bound {} inc {} t {:?}",
                pops,
                cx.nodes,
                open.len(),
                node.bound,
                cx.inc.value,
                t0.elapsed()
            );
        }
        if node.bound <= cx.inc.cutoff() {
            continue;
        }
        if cx.expired() || cx.nodes >= opts.node_limit {
            open.push(node);
            stopped = Some(if cx.expired() {
                Limit::Time
            } else {
                Limit::Work
            });
            break;
        }
        if cx.inc.value > fixed_at {
            global = bundle::fixable(p, &Fix::default(), &root_res, &root_mu, cx.inc.cutoff());
            fixed_at = cx.inc.value;
        }
        let children: Vec<Fix> = if let Some((left, right)) = gub_split(&cx, &node) {
            [left, right]
                .into_iter()
                .map(|half| Fix {
                    forced: node.fix.forced.clone(),
                    forbidden: merge_sorted(&node.fix.forbidden, &half, &[]),
                })
                .collect()
        } else {
            let arc = match branching_arc(&mut cx, &node) {
                Branch::On(arc) => arc,
                Branch::Solved => continue,
                Branch::Stopped => {
                    open.push(node);
                    stopped = Some(Limit::Time);
                    break;
                }
            };
            [false, true]
                .into_iter()
                .map(|force| {
                    let mut fix = node.fix.clone();
                    let list = if force {
                        &mut fix.forced
                    } else {
                        &mut fix.forbidden
                    };
                    let pos = list.binary_search(&arc).unwrap_err();
                    list.insert(pos, arc);
                    fix
                })
                .collect()
        };
        for fix in children {
            let mut eval_fix = fix.clone();
            eval_fix.forbidden = merge_sorted(&fix.forbidden, &global, &fix.forced);
            let Some(child) = evaluate_node(
                &mut cx,
                &eval_fix,
                node.lambda.clone(),
                Some(node.mu.clone()),
                NODE_ITERATIONS,
                NODE_BUNDLE_ITERATIONS,
            ) else {
                continue;
            };
            if child.bound <= cx.inc.cutoff() {
                continue;
            }
            seq += 1;
            open.push(Open {
                bound: child.bound,
                seq,
                fix,
                relaxed: child.relaxed,
                lambda: child.lambda,
                bundled: child.bundled,
                mu: child.mu,
                bundle_tighter: child.bundle_tighter,
            });
        }
    }
    let inc = cx.inc;
    let open_bound = open.iter().map(|n| n.bound).max();
    let mut bound = open_bound.map_or(inc.value, |b| b.min(listed_below).max(inc.value));
    if bound <= inc.cutoff() {
        bound = inc.value;
    }
    let proven = stopped.is_none() || bound == inc.value;
    Solution {
        proven,
        chosen: inc.chosen,
        objective: inc.value,
        bound,
        nodes: cx.nodes + cx.neighbourhood_nodes,
        components: 1,
        branched_components: 0,
        listed_components: 0,
        stopped_by: if proven { None } else { stopped },
    }
}

/// Large-neighbourhood search (Shaw 1998): around each seed expert (where the relaxation breaks a
/// budget), free that expert and the experts competing with it for the same requests, keep the
/// rest of the incumbent fixed, and solve the small remaining problem exactly. Improves the
/// incumbent, which lets the bounds prune and fix more.
fn local_search(cx: &mut Ctx<'_>, opts: &SolveOptions, seeds: &[usize]) {
    const FREE: usize = 30;
    let p = cx.p;
    let mut by_expert: Vec<Vec<usize>> = vec![Vec::new(); p.experts.len()];
    let mut by_request: Vec<Vec<usize>> = vec![Vec::new(); p.seats.len()];
    for (i, a) in p.arcs.iter().enumerate() {
        by_expert[a.expert as usize].push(i);
        by_request[a.request as usize].push(i);
    }
    let mut covered = vec![false; p.experts.len()];
    let mut rounds = 0;
    for &seed in seeds {
        // The work limit bounds the neighbourhoods too: a search told to stop after N nodes
        // does not spend 60 sub-searches of 200 nodes first.
        if cx.expired() || rounds == 60.min(opts.node_limit) {
            return;
        }
        if covered[seed] {
            continue;
        }
        rounds += 1;
        // Breadth-first over shared requests.
        let mut free = vec![seed];
        let mut is_free = vec![false; p.experts.len()];
        is_free[seed] = true;
        let mut i = 0;
        while i < free.len() && free.len() < FREE {
            for &a in &by_expert[free[i]] {
                for &b in &by_request[p.arcs[a].request as usize] {
                    let e = p.arcs[b].expert as usize;
                    if !is_free[e] && free.len() < FREE {
                        is_free[e] = true;
                        free.push(e);
                    }
                }
            }
            i += 1;
        }
        for &e in &free {
            covered[e] = true;
        }
        let (sub, back, kept) = neighbourhood(
            p,
            &cx.inc.chosen,
            &is_free,
            free.iter().flat_map(|&e| by_expert[e].iter().copied()),
        );
        let small = SolveOptions {
            node_limit: 200.min(opts.node_limit),
            ..*opts
        };
        let s = branch_and_bound(
            &sub,
            &small,
            cx.deadline,
            Mode {
                neighbourhoods: false,
                cuts: cx.cuts,
            },
        );
        cx.neighbourhood_nodes += s.nodes;
        let mut chosen = kept;
        chosen.extend(s.chosen.iter().map(|&a| back[a]));
        chosen.sort_unstable();
        cx.offer(&chosen);
    }
}

/// A neighbourhood of the incumbent `chosen`: its arcs of the experts not in `is_free` stay (as
/// `kept`, using up their seats), and the sub-problem holds the `arcs` (of free experts) whose
/// request still has a seat, with `back` mapping its arcs to `p`'s.
fn neighbourhood(
    p: &Problem,
    chosen: &[usize],
    is_free: &[bool],
    arcs: impl Iterator<Item = usize>,
) -> (Problem, Vec<usize>, Vec<usize>) {
    let mut seats = p.seats.clone();
    let mut kept = Vec::new();
    for &a in chosen {
        let arc = p.arcs[a];
        if !is_free[arc.expert as usize] {
            seats[arc.request as usize] -= 1;
            kept.push(a);
        }
    }
    let back: Vec<usize> = arcs
        .filter(|&a| seats[p.arcs[a].request as usize] > 0)
        .collect();
    let sub = Problem {
        experts: p.experts.clone(),
        seats,
        arcs: back.iter().map(|&a| p.arcs[a]).collect(),
        spread: p.spread,
    };
    (sub, back, kept)
}

/// Relaxation-induced neighbourhood search (Danna, Rothberg and Le Pape 2005, "Exploring
/// relaxation induced neighborhoods to improve MIP solutions", Math. Programming 102): keep the
/// incumbent's arcs of every expert whose bundle in the relaxation agrees with it, free the
/// experts in `free` (where they disagree), and solve what is left.
///
/// Only the neighbourhood's root is solved (bounds, listing, dives, with the caller's options
/// otherwise): on the 2,000 x 2,000 case batch in `benches/cases` that found the
/// neighbourhood's best in 0.6 s, where 1,000 more nodes found nothing in 23 s. Skipped when
/// more than half the experts would be free (the neighbourhood would be the whole problem).
fn rins(cx: &mut Ctx<'_>, opts: &SolveOptions, free: &[usize]) {
    let p = cx.p;
    if free.is_empty() || free.len() * 2 > p.experts.len() || cx.expired() {
        return;
    }
    let mut is_free = vec![false; p.experts.len()];
    for &e in free {
        is_free[e] = true;
    }
    let (sub, back, kept) = neighbourhood(
        p,
        &cx.inc.chosen,
        &is_free,
        (0..p.arcs.len()).filter(|&a| is_free[p.arcs[a].expert as usize]),
    );
    let small = SolveOptions {
        node_limit: 1,
        ..*opts
    };
    let s = solve_until(
        &sub,
        &small,
        cx.deadline,
        Mode {
            neighbourhoods: false,
            cuts: cx.cuts,
        },
    );
    tr!(
        "rins sub: arcs {} proven {} nodes {}",
        sub.arcs.len(),
        s.proven,
        s.nodes
    );
    cx.neighbourhood_nodes += s.nodes;
    let mut chosen = kept;
    chosen.extend(s.chosen.iter().map(|&a| back[a]));
    chosen.sort_unstable();
    cx.offer(&chosen);
}

/// A primal heuristic: solve the flow relaxation, forbid the heaviest arc of every expert over
/// budget (and a second heavy-theme arc under the pause, [`second_heavy`]), and repeat until the
/// flow keeps every budget. Each round is one flow solve; the
/// result is a feasible solution that the flow optimised globally.
fn flow_dive(cx: &mut Ctx<'_>, lambda: &[i64]) {
    let p = cx.p;
    let mut fix = Fix::default();
    for _ in 0..work_limit(p, 100, 5e6) {
        if cx.expired() {
            return;
        }
        let Ok(r) = relax(p, &fix, cx.alg, lambda, cx.deadline) else {
            return;
        };
        cx.offer(&r.chosen);
        let over = over_budget(p, &r.chosen);
        let heavy = second_heavy(p, &r.chosen, &[]);
        if over.is_empty() && heavy.is_none() {
            return;
        }
        let worst = over
            .iter()
            .filter_map(|&(e, _)| heaviest_free_arc(p, &r.chosen, e, &[]));
        for a in heavy.into_iter().chain(worst) {
            if let Err(pos) = fix.forbidden.binary_search(&a) {
                fix.forbidden.insert(pos, a);
            }
        }
    }
}

/// The heaviest arc of expert `e` in `chosen` that is not forced (ties: lower value, then index).
fn heaviest_free_arc(p: &Problem, chosen: &[usize], e: usize, forced: &[usize]) -> Option<usize> {
    chosen
        .iter()
        .copied()
        .filter(|&a| p.arcs[a].expert as usize == e && forced.binary_search(&a).is_err())
        .max_by(|&x, &y| {
            let (ax, ay) = (p.arcs[x], p.arcs[y]);
            ax.intensity
                .cmp(&ay.intensity)
                .then(ay.value.cmp(&ax.value))
                .then(y.cmp(&x))
        })
}

/// At most `max` passes over the arcs, and at most `work / arcs`.
fn work_limit(p: &Problem, max: usize, work: f64) -> usize {
    max.min((work / p.arcs.len().max(1) as f64) as usize)
}

/// The gcd of every arc value and the spread step (1 when there is nothing).
fn granularity(p: &Problem) -> i64 {
    fn gcd(a: i64, b: i64) -> i64 {
        if b == 0 {
            a.abs()
        } else {
            gcd(b, a % b)
        }
    }
    let g = p.arcs.iter().map(|a| a.value).fold(p.spread, gcd);
    g.max(1)
}

/// The union of two sorted lists, without the arcs in `except` (sorted).
fn merge_sorted(a: &[usize], b: &[usize], except: &[usize]) -> Vec<usize> {
    let mut out: Vec<usize> = a
        .iter()
        .chain(b)
        .copied()
        .filter(|x| except.binary_search(x).is_err())
        .collect();
    out.sort_unstable();
    out.dedup();
    out
}

/// The most overfilled request in the bundle solution.
fn overfilled_request(p: &Problem, node: &Open) -> Option<usize> {
    let mut taken = vec![0u32; p.seats.len()];
    for &a in &node.bundled {
        taken[p.arcs[a].request as usize] += 1;
    }
    (0..p.seats.len())
        .filter(|&r| taken[r] > p.seats[r])
        .max_by(|&x, &y| {
            (taken[x] - p.seats[x])
                .cmp(&(taken[y] - p.seats[y]))
                .then(y.cmp(&x))
        })
}

/// GUB branching (Beale and Tomlin 1970) for an overfilled request with one seat left: its
/// usable arcs, by decreasing value, are split so that each half holds some of the bundle
/// solution's arcs into it. A solution uses at most one of them, so it lies in the child that
/// forbids the first half or in the one that forbids the second. Near-equal experts make
/// single-arc branching slow (forbid one and the next takes its place); this split removes
/// half of them at once.
fn gub_split(cx: &Ctx<'_>, node: &Open) -> Option<(Vec<usize>, Vec<usize>)> {
    let p = cx.p;
    if !node.bundle_tighter {
        return None;
    }
    let r = overfilled_request(p, node)?;
    let arcs = &cx.by_request[r];
    let forced_here = arcs
        .iter()
        .filter(|a| node.fix.forced.binary_search(a).is_ok())
        .count() as u32;
    if p.seats[r] != forced_here + 1 {
        return None;
    }
    let mut usable: Vec<usize> = arcs
        .iter()
        .copied()
        .filter(|a| {
            node.fix.forbidden.binary_search(a).is_err()
                && node.fix.forced.binary_search(a).is_err()
        })
        .collect();
    usable.sort_by(|&x, &y| p.arcs[y].value.cmp(&p.arcs[x].value).then(x.cmp(&y)));
    let in_bundle: Vec<usize> = usable
        .iter()
        .enumerate()
        .filter(|(_, a)| node.bundled.binary_search(a).is_ok())
        .map(|(i, _)| i)
        .collect();
    if in_bundle.len() < 2 {
        return None;
    }
    let cut = in_bundle[in_bundle.len().div_ceil(2) - 1] + 1;
    let mut left = usable[..cut].to_vec();
    let mut right = usable[cut..].to_vec();
    left.sort_unstable();
    right.sort_unstable();
    Some((left, right))
}

/// In the bundle solution, the least valuable free arc into the most overfilled request.
fn overfilled_arc(p: &Problem, node: &Open) -> Option<usize> {
    let r = overfilled_request(p, node)?;
    node.bundled
        .iter()
        .copied()
        .filter(|&a| p.arcs[a].request as usize == r && node.fix.forced.binary_search(&a).is_err())
        .min_by(|&x, &y| p.arcs[x].value.cmp(&p.arcs[y].value).then(x.cmp(&y)))
}

/// What to do with a node.
enum Branch {
    /// Branch on this arc.
    On(usize),
    /// Nothing left to branch on: the node is solved exactly (or infeasible).
    Solved,
    /// The deadline passed before this could be decided.
    Stopped,
}

/// The arc to branch on at `node`: in the bundle relaxation (when it gave the bound), the least
/// valuable arc into the most overfilled request; otherwise the heaviest free arc of the expert
/// most over budget in the flow relaxation. When neither relaxation breaks a rule, the plain flow
/// relaxation of the node decides: feasible means the node is solved exactly.
fn branching_arc(cx: &mut Ctx<'_>, node: &Open) -> Branch {
    let p = cx.p;
    if node.bundle_tighter {
        if let Some(a) = overfilled_arc(p, node) {
            return Branch::On(a);
        }
    }
    let mut relaxed = std::borrow::Cow::Borrowed(&node.relaxed);
    let mut over = over_budget(p, &relaxed);
    if over.is_empty() {
        // The heavy-theme pause, which the flow may break where a heavy arc shares a slot.
        if let Some(a) = second_heavy(p, &relaxed, &node.fix.forced) {
            return Branch::On(a);
        }
        let zero = vec![0; p.experts.len()];
        let plain = match relax(p, &node.fix, cx.alg, &zero, cx.deadline) {
            Ok(r) => r,
            Err(NoRelaxation::Infeasible) => return Branch::Solved,
            Err(NoRelaxation::Stopped) => return Branch::Stopped,
        };
        cx.offer(&plain.chosen);
        over = over_budget(p, &plain.chosen);
        if over.is_empty() {
            return match second_heavy(p, &plain.chosen, &node.fix.forced) {
                Some(a) => Branch::On(a),
                None => Branch::Solved,
            };
        }
        relaxed = std::borrow::Cow::Owned(plain.chosen);
    }
    match heaviest_free_arc(p, &relaxed, over[0].0, &node.fix.forced) {
        Some(a) => Branch::On(a),
        None => Branch::Solved,
    }
}
