//! Timing of both algorithms on networks shaped like the production ones. Ignored by default;
//! run in release mode:
//!
//! ```text
//! cargo test --release -p matchpunt-flow --test perf -- --ignored --nocapture
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
    for (e, r, k) in [(250, 500, 20), (500, 1_000, 50), (1_000, 2_000, 100), (2_500, 5_000, 100)] {
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
