//! Times `matchpunt_flow::solve` on DIMACS files, in processor time of the solving thread (read
//! from `/proc/thread-self/schedstat` on Linux, so that a loaded machine inflates the figures
//! less than wall time), best of `--repeat N` runs (default 3).
//!
//! ```text
//! cargo run --release -p matchpunt-flow --example flow_time -- [--repeat N] FILE...
//! ```
//!
//! Prints one line per file: `FILE nodes N arcs M cost C cpu S wall S`.

use std::io::BufReader;
use std::time::Instant;

use matchpunt_flow::{dimacs, solve, verify, Algorithm};

/// Processor time of this thread in seconds, if the system reports it.
fn thread_cpu() -> Option<f64> {
    let s = std::fs::read_to_string("/proc/thread-self/schedstat").ok()?;
    let ns: u64 = s.split_whitespace().next()?.parse().ok()?;
    Some(ns as f64 * 1e-9)
}

fn main() {
    let mut args: Vec<String> = std::env::args().skip(1).collect();
    let mut repeat = 3;
    if let Some(i) = args.iter().position(|a| a == "--repeat") {
        repeat = args[i + 1].parse().expect("--repeat N");
        args.drain(i..i + 2);
    }
    for file in &args {
        let f = std::fs::File::open(file).expect("open");
        let p = dimacs::read(BufReader::new(f)).expect("DIMACS");
        let net = &p.network;
        let (mut best_cpu, mut best_wall, mut cost) = (f64::MAX, f64::MAX, 0);
        for _ in 0..repeat {
            let c0 = thread_cpu().unwrap_or(0.0);
            let t0 = Instant::now();
            let sol = solve(net, Algorithm::CostScaling).expect("solvable");
            let wall = t0.elapsed().as_secs_f64();
            let cpu = thread_cpu().unwrap_or(0.0) - c0;
            verify(net, &sol).expect("optimal");
            best_cpu = best_cpu.min(cpu);
            best_wall = best_wall.min(wall);
            cost = sol.cost + p.lower_bound_cost;
        }
        println!(
            "{file} nodes {} arcs {} cost {cost} cpu {best_cpu:.3} wall {best_wall:.3}",
            net.num_nodes(),
            net.num_arcs()
        );
    }
}
