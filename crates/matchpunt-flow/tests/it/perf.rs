//! Timing of both algorithms on networks shaped like the production ones. Ignored by default;
//! run in release mode:
//!
//! ```text
//! cargo test --release -p matchpunt-flow --test it -- --ignored perf:: --nocapture
//! ```

use std::time::Instant;

use matchpunt_flow::{solve, verify, Algorithm, FlowNetwork};
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;

/// source → experts (capacity 2..=3) → requests (`per_request` random experts each, capacity 1,
/// cost −500 000..=−100 000) → sink (capacity 1..=3), plus a zero-cost bypass source → sink.
fn matching_network(seed: u64, experts: usize, requests: usize, per_request: usize) -> FlowNetwork {
    let mut rng = ChaCha8Rng::seed_from_u64(seed);
    let n = experts + requests + 2;
    let (s, t) = (0u32, (n - 1) as u32);
    let mut net = FlowNetwork::with_capacity(n, experts + requests * (per_request + 1) + 1);
    let mut total = 0;
    for i in 0..experts {
        let c = rng.gen_range(2..=3);
        total += c;
        net.add_arc(s, 1 + i as u32, c, 0);
    }
    for j in 0..requests {
        let r = (1 + experts + j) as u32;
        for _ in 0..per_request {
            let e = rng.gen_range(1..=experts as u32);
            net.add_arc(e, r, 1, -rng.gen_range(100_000..=500_000));
        }
        net.add_arc(r, t, rng.gen_range(1..=3), 0);
    }
    net.add_arc(s, t, total, 0);
    net.set_supply(s, total);
    net.set_supply(t, -total);
    net
}

fn time(net: &FlowNetwork, alg: Algorithm) -> (f64, i64) {
    let start = Instant::now();
    let sol = solve(net, alg).expect("feasible");
    let secs = start.elapsed().as_secs_f64();
    verify(net, &sol).expect("optimal");
    (secs, sol.cost)
}

#[test]
#[ignore = "timing; run in release with --ignored --nocapture"]
fn perf_production_size_cost_scaling() {
    let net = matching_network(1, 10_000, 20_000, 100);
    let (secs, cost) = time(&net, Algorithm::CostScaling);
    println!(
        "cost scaling: {} nodes, {} arcs: {secs:.3} s (cost {cost})",
        net.num_nodes(),
        net.num_arcs()
    );
}

#[test]
#[ignore = "timing; run in release with --ignored --nocapture"]
fn perf_cost_scaling_vs_ssp() {
    for (e, r, k) in [
        (250, 500, 20),
        (500, 1_000, 50),
        (1_000, 2_000, 100),
        (2_500, 5_000, 100),
    ] {
        let net = matching_network(2, e, r, k);
        let (cs, c1) = time(&net, Algorithm::CostScaling);
        let (ssp, c2) = time(&net, Algorithm::SuccessiveShortestPaths);
        assert_eq!(c1, c2);
        println!(
            "{e} experts, {r} requests, {} arcs: cost scaling {cs:.3} s, SSP {ssp:.3} s",
            net.num_arcs()
        );
    }
}

/// A random sparse network: `n` nodes, `m` arcs with capacities 1..=100 and costs
/// −1000..=1000 (negative cycles included), `units` unit transfers as supplies, plus a
/// high-cost "backbone" path so that the supplies are feasible.
fn random_network(seed: u64, n: usize, m: usize, units: usize) -> FlowNetwork {
    let mut rng = ChaCha8Rng::seed_from_u64(seed);
    let mut net = FlowNetwork::with_capacity(n, m + 2 * n);
    for _ in 0..m {
        let u = rng.gen_range(0..n as u32);
        let v = rng.gen_range(0..n as u32);
        net.add_arc(u, v, rng.gen_range(1..=100), rng.gen_range(-1000..=1000));
    }
    for v in 0..n as u32 {
        let w = (v + 1) % n as u32;
        net.add_arc(v, w, units as i64, 5000);
        net.add_arc(w, v, units as i64, 5000);
    }
    for _ in 0..units {
        let s = rng.gen_range(0..n as u32);
        let t = rng.gen_range(0..n as u32);
        net.set_supply(s, net.supply(s) + 1);
        net.set_supply(t, net.supply(t) - 1);
    }
    net
}

/// A grid with random costs: long augmenting paths.
fn grid_network(seed: u64, side: usize, units: usize) -> FlowNetwork {
    let mut rng = ChaCha8Rng::seed_from_u64(seed);
    let n = side * side;
    let mut net = FlowNetwork::with_capacity(n, 4 * n);
    let id = |r: usize, c: usize| (r * side + c) as u32;
    for r in 0..side {
        for c in 0..side {
            if c + 1 < side {
                net.add_arc(
                    id(r, c),
                    id(r, c + 1),
                    rng.gen_range(5..=20),
                    rng.gen_range(0..=100),
                );
                net.add_arc(
                    id(r, c + 1),
                    id(r, c),
                    rng.gen_range(5..=20),
                    rng.gen_range(0..=100),
                );
            }
            if r + 1 < side {
                net.add_arc(
                    id(r, c),
                    id(r + 1, c),
                    rng.gen_range(5..=20),
                    rng.gen_range(0..=100),
                );
                net.add_arc(
                    id(r + 1, c),
                    id(r, c),
                    rng.gen_range(5..=20),
                    rng.gen_range(0..=100),
                );
            }
        }
    }
    // Sources on the left column, sinks on the right column.
    for k in 0..units {
        let s = id(k % side, 0);
        let t = id((k * 7) % side, side - 1);
        net.set_supply(s, net.supply(s) + 1);
        net.set_supply(t, net.supply(t) - 1);
    }
    net
}

#[test]
#[ignore = "timing; run in release with --ignored --nocapture"]
fn perf_other_families() {
    for (n, with_ssp) in [(2_000, true), (20_000, false)] {
        let net = random_network(3, n, 10 * n, n);
        let (cs, c1) = time(&net, Algorithm::CostScaling);
        let ssp = if with_ssp {
            let (ssp, c2) = time(&net, Algorithm::SuccessiveShortestPaths);
            assert_eq!(c1, c2);
            format!("{ssp:.3} s")
        } else {
            "not run".to_string()
        };
        println!(
            "random {} nodes, {} arcs: cost scaling {cs:.3} s, SSP {ssp}",
            net.num_nodes(),
            net.num_arcs()
        );
    }
    for side in [50, 150] {
        let net = grid_network(4, side, 2 * side);
        let (cs, c1) = time(&net, Algorithm::CostScaling);
        let (ssp, c2) = time(&net, Algorithm::SuccessiveShortestPaths);
        assert_eq!(c1, c2);
        println!(
            "grid {} nodes, {} arcs: cost scaling {cs:.3} s, SSP {ssp:.3} s",
            net.num_nodes(),
            net.num_arcs()
        );
    }
}
