//! Property tests: both algorithms against each other, against brute force, and against a
//! brute-force assignment search.

use crate::common;

use common::{brute_force, random_network, solve_both, Rng};

use matchpunt_flow::{solve, Algorithm, FlowError, FlowNetwork};
use proptest::prelude::*;

/// A random network: up to `max_n` nodes, up to `max_m` arcs with capacities `0..=max_cap` and
/// costs `-max_cost..=max_cost` (self-loops and parallel arcs included), and balanced supplies
/// made of up to `max_units` unit transfers between random nodes.
fn network(
    max_n: usize,
    max_m: usize,
    max_cap: i64,
    max_cost: i64,
    max_units: usize,
) -> impl Strategy<Value = FlowNetwork> {
    (1..=max_n).prop_flat_map(move |n| {
        let arc = (0..n as u32, 0..n as u32, 0..=max_cap, -max_cost..=max_cost);
        let unit = (0..n as u32, 0..n as u32);
        (
            Just(n),
            prop::collection::vec(arc, 0..=max_m),
            prop::collection::vec(unit, 0..=max_units),
        )
            .prop_map(|(n, arcs, units)| {
                let mut net = FlowNetwork::new(n);
                for (u, v, cap, cost) in arcs {
                    net.add_arc(u, v, cap, cost);
                }
                for (s, t) in units {
                    net.set_supply(s, net.supply(s) + 1);
                    net.set_supply(t, net.supply(t) - 1);
                }
                net
            })
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    /// Both algorithms reach the same verdict and cost; `verify` accepts both solutions (checked
    /// inside `solve_both`).
    #[test]
    fn algorithms_agree(net in network(8, 20, 6, 20, 12)) {
        let _ = solve_both(&net);
    }

    /// Same with large costs and capacities (exercises the scaling range).
    #[test]
    fn algorithms_agree_large_numbers(net in network(8, 20, 1_000_000, 1 << 30, 12)) {
        let _ = solve_both(&net);
    }

    /// Capacities beyond 32 bits (the 64-bit arc records) and costs up to `MAX_COST`, where
    /// the optimal cost may overflow `i64` (both must then report the same `CostOverflow`).
    #[test]
    fn algorithms_agree_huge_numbers(net in network(8, 20, 1 << 40, 1 << 40, 12)) {
        let _ = solve_both(&net);
    }

    /// Small capacities with costs beyond 32 bits: the wide arc records are chosen for the
    /// costs alone.
    #[test]
    fn algorithms_agree_wide_costs(net in network(8, 20, 6, 1 << 36, 12)) {
        let _ = solve_both(&net);
    }

    /// The reference itself is right: equal to the minimum over all integer flows.
    #[test]
    fn matches_brute_force(net in network(5, 8, 2, 10, 5)) {
        let want = brute_force(&net);
        let got = solve_both(&net);
        match (want, got) {
            (Some(w), Ok(sol)) => prop_assert_eq!(w, sol.cost),
            (None, Err(FlowError::Infeasible { .. })) => {}
            (w, g) => prop_assert!(false, "brute force {:?} vs solver {:?}", w, g),
        }
    }

    /// One-to-one assignment equals the best permutation.
    #[test]
    fn assignment_matches_permutations(
        (k, costs) in (1usize..=6).prop_flat_map(|k| (Just(k), prop::collection::vec(-50i64..=50, k * k)))
    ) {
        let mut net = FlowNetwork::new(2 * k);
        for i in 0..k {
            net.set_supply(i as u32, 1);
            net.set_supply((k + i) as u32, -1);
            for j in 0..k {
                net.add_arc(i as u32, (k + j) as u32, 1, costs[i * k + j]);
            }
        }
        let sol = solve_both(&net).unwrap();
        prop_assert_eq!(sol.cost, best_permutation(k, &costs));
        // Integral one-to-one: each row and column used exactly once.
        for i in 0..k {
            prop_assert_eq!((0..k).map(|j| sol.flow[i * k + j]).sum::<i64>(), 1);
            prop_assert_eq!((0..k).map(|j| sol.flow[j * k + i]).sum::<i64>(), 1);
        }
    }

    /// The caller's model: source → experts (capacity 1..=3) → requests (capacity 1) → sink,
    /// negative costs on expert–request arcs, zero-cost bypass; equals brute force.
    #[test]
    fn matching_with_bypass_matches_brute_force(
        experts in prop::collection::vec(1i64..=3, 1..=3),
        requests in 1usize..=4,
        weights in prop::collection::vec(prop::option::of(1i64..=100), 12),
    ) {
        let e = experts.len();
        let (s, t) = (0u32, (1 + e + requests) as u32);
        let mut net = FlowNetwork::new(e + requests + 2);
        let total: i64 = experts.iter().sum();
        net.set_supply(s, total);
        net.set_supply(t, -total);
        for (i, &c) in experts.iter().enumerate() {
            net.add_arc(s, 1 + i as u32, c, 0);
        }
        for i in 0..e {
            for j in 0..requests {
                if let Some(w) = weights[i * 4 + j] {
                    net.add_arc(1 + i as u32, (1 + e + j) as u32, 1, -w);
                }
            }
        }
        for j in 0..requests {
            net.add_arc((1 + e + j) as u32, t, 1, 0);
        }
        net.add_arc(s, t, total, 0);
        let sol = solve_both(&net).unwrap();
        // Brute force over subsets of expert-request pairs within the capacities.
        let pairs: Vec<(usize, usize, i64)> = (0..e)
            .flat_map(|i| (0..requests).map(move |j| (i, j)))
            .filter_map(|(i, j)| weights[i * 4 + j].map(|w| (i, j, w)))
            .collect();
        let mut best = 0;
        for mask in 0u32..1 << pairs.len() {
            let mut load = vec![0i64; e];
            let mut used = vec![0i64; requests];
            let mut weight = 0;
            for (k, &(i, j, w)) in pairs.iter().enumerate() {
                if mask >> k & 1 == 1 {
                    load[i] += 1;
                    used[j] += 1;
                    weight += w;
                }
            }
            if (0..e).all(|i| load[i] <= experts[i]) && used.iter().all(|&u| u <= 1) {
                best = best.max(weight);
            }
        }
        prop_assert_eq!(sol.cost, -best);
    }
}

fn best_permutation(k: usize, costs: &[i64]) -> i64 {
    fn go(i: usize, k: usize, used: &mut [bool], costs: &[i64]) -> i64 {
        if i == k {
            return 0;
        }
        let mut best = i64::MAX;
        for j in 0..k {
            if !used[j] {
                used[j] = true;
                best = best.min(costs[i * k + j] + go(i + 1, k, used, costs));
                used[j] = false;
            }
        }
        best
    }
    go(0, k, &mut vec![false; k], costs)
}

/// Larger random networks (a few hundred nodes): both algorithms agree and verify.
#[test]
fn medium_random_networks_agree() {
    let mut rng = Rng(7);
    for round in 0..30 {
        let n = rng.range(20, 150) as usize;
        let m = n * rng.range(2, 8) as usize;
        let units = rng.range(0, 4 * n as i64) as usize;
        let max_cost = [10, 1000, 1 << 30][round % 3];
        let net = random_network(&mut rng, n, m, 10, max_cost, units);
        let _ = solve_both(&net);
    }
}

/// Assignment-like networks shaped like the production ones, at a small scale.
#[test]
fn medium_matching_networks_agree() {
    let mut rng = Rng(11);
    for _ in 0..5 {
        let net = matching_network(&mut rng, 60, 120, 15);
        let sol = solve_both(&net).unwrap();
        assert!(sol.cost < 0);
    }
}

/// source → experts (cap 2..=3) → requests (cap 1) → sink (requests cap 1..=3) + bypass.
fn matching_network(
    rng: &mut Rng,
    experts: usize,
    requests: usize,
    per_request: usize,
) -> FlowNetwork {
    let n = experts + requests + 2;
    let (s, t) = (0u32, (n - 1) as u32);
    let mut net = FlowNetwork::new(n);
    let mut total = 0;
    for i in 0..experts {
        let c = rng.range(2, 3);
        total += c;
        net.add_arc(s, 1 + i as u32, c, 0);
    }
    for j in 0..requests {
        let r = (1 + experts + j) as u32;
        for _ in 0..per_request {
            let e = rng.range(1, experts as i64) as u32;
            net.add_arc(e, r, 1, -rng.range(100_000, 500_000));
        }
        net.add_arc(r, t, rng.range(1, 3), 0);
    }
    net.add_arc(s, t, total, 0);
    net.set_supply(s, total);
    net.set_supply(t, -total);
    net
}

#[test]
fn deterministic() {
    let mut rng = Rng(3);
    let net = random_network(&mut rng, 100, 600, 5, 50, 200);
    for alg in [Algorithm::CostScaling, Algorithm::SuccessiveShortestPaths] {
        let a = solve(&net, alg);
        let b = solve(&net.clone(), alg);
        assert_eq!(format!("{a:?}"), format!("{b:?}"));
    }
}
