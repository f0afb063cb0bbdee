//! `solve_before`: a deadline that has passed stops both algorithms with `TimeLimit`; a distant
//! one changes nothing.

use matchpunt_flow::{solve, solve_before, Algorithm, FlowError, FlowNetwork};
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;
use std::time::{Duration, Instant};

/// An assignment-shaped network: `n` workers, `n` jobs, `k` random arcs per worker, a bypass.
fn assignment(n: usize, k: usize, seed: u64) -> FlowNetwork {
    let mut rng = ChaCha8Rng::seed_from_u64(seed);
    let mut net = FlowNetwork::new(2 + 2 * n);
    for w in 0..n {
        net.add_arc(0, 2 + w as u32, 1, 0);
        for _ in 0..k {
            let j = rng.gen_range(0..n);
            net.add_arc(2 + w as u32, 2 + (n + j) as u32, 1, -rng.gen_range(1..1000));
        }
        net.add_arc(2 + (n + w) as u32, 1, 1, 0);
    }
    net.add_arc(0, 1, n as i64, 0);
    net.set_supply(0, n as i64);
    net.set_supply(1, -(n as i64));
    net
}

#[test]
fn a_passed_deadline_stops_both_algorithms() {
    let net = assignment(400, 6, 1);
    for alg in [Algorithm::CostScaling, Algorithm::SuccessiveShortestPaths] {
        let passed = Instant::now() - Duration::from_millis(1);
        assert_eq!(
            solve_before(&net, alg, Some(passed)).map(|s| s.cost),
            Err(FlowError::TimeLimit),
            "{alg}"
        );
        let far = Instant::now() + Duration::from_secs(3600);
        assert_eq!(
            solve_before(&net, alg, Some(far)).unwrap().cost,
            solve(&net, alg).unwrap().cost,
            "{alg}"
        );
    }
}
