//! Helpers shared by the integration tests.
#![allow(dead_code)]

use matchpunt_flow::{solve, verify, Algorithm, FlowError, FlowNetwork, FlowSolution};

/// Both algorithms.
pub const BOTH: [Algorithm; 2] = [Algorithm::CostScaling, Algorithm::SuccessiveShortestPaths];

/// Solves with both algorithms, checks that they agree on the verdict and the optimal cost and
/// that `verify` accepts both solutions; returns the cost-scaling result.
pub fn solve_both(net: &FlowNetwork) -> Result<FlowSolution, FlowError> {
    let cs = solve(net, Algorithm::CostScaling);
    let ssp = solve(net, Algorithm::SuccessiveShortestPaths);
    match (&cs, &ssp) {
        (Ok(a), Ok(b)) => {
            assert_eq!(a.cost, b.cost, "cost scaling and SSP disagree on {net:?}");
            verify(net, a).unwrap_or_else(|e| panic!("cost scaling: {e} on {net:?}"));
            verify(net, b).unwrap_or_else(|e| panic!("SSP: {e} on {net:?}"));
        }
        (Err(a), Err(b)) => assert_eq!(a, b, "different errors on {net:?}"),
        _ => panic!("different verdicts on {net:?}: {cs:?} vs {ssp:?}"),
    }
    cs
}

/// Minimum cost over all integer flows, by enumeration (`None` if infeasible). Only for tiny
/// networks: the search visits all `prod(cap + 1)` flow vectors (an odometer with incremental
/// node balances).
pub fn brute_force(net: &FlowNetwork) -> Option<i64> {
    let m = net.num_arcs();
    let n = net.num_nodes();
    let arcs: Vec<_> = (0..m).map(|a| net.arc(a as u32)).collect();
    let mut flow = vec![0i64; m];
    // Remaining imbalance per node (supply minus outflow plus inflow) and how many are nonzero.
    let mut rest: Vec<i64> = (0..n).map(|v| net.supply(v as u32)).collect();
    let mut bad = rest.iter().filter(|&&r| r != 0).count();
    let mut cost = 0i64;
    let mut best: Option<i64> = None;
    let change = |rest: &mut Vec<i64>, bad: &mut usize, v: usize, d: i64| {
        let before = rest[v] != 0;
        rest[v] += d;
        let after = rest[v] != 0;
        if before && !after {
            *bad -= 1;
        } else if !before && after {
            *bad += 1;
        }
    };
    loop {
        if bad == 0 {
            best = Some(best.map_or(cost, |b: i64| b.min(cost)));
        }
        // Next flow vector.
        let mut i = 0;
        loop {
            if i == m {
                return best;
            }
            let (u, v, cap, c) = arcs[i];
            let d = if flow[i] < cap { 1 } else { -flow[i] };
            flow[i] += d;
            cost += d * c;
            change(&mut rest, &mut bad, u as usize, -d);
            change(&mut rest, &mut bad, v as usize, d);
            if d == 1 {
                break;
            }
            i += 1;
        }
    }
}

/// Deterministic pseudo-random numbers for non-proptest tests (SplitMix64).
pub struct Rng(pub u64);

impl Rng {
    pub fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    /// Uniform in `lo..=hi`.
    pub fn range(&mut self, lo: i64, hi: i64) -> i64 {
        lo + (self.next() % (hi - lo + 1) as u64) as i64
    }
}

/// A random network: `n` nodes, `m` arcs, balanced supplies made of `units` unit transfers.
pub fn random_network(
    rng: &mut Rng,
    n: usize,
    m: usize,
    max_cap: i64,
    max_cost: i64,
    units: usize,
) -> FlowNetwork {
    let mut net = FlowNetwork::new(n);
    for _ in 0..m {
        let u = rng.range(0, n as i64 - 1) as u32;
        let v = rng.range(0, n as i64 - 1) as u32;
        net.add_arc(u, v, rng.range(0, max_cap), rng.range(-max_cost, max_cost));
    }
    for _ in 0..units {
        let s = rng.range(0, n as i64 - 1) as u32;
        let t = rng.range(0, n as i64 - 1) as u32;
        net.set_supply(s, net.supply(s) + 1);
        net.set_supply(t, net.supply(t) - 1);
    }
    net
}
