//! temporary probe
use matchpunt_benches::{prepared, SIZES};
use std::time::{Duration, Instant};
fn main() {
    let args: Vec<String> = std::env::args().collect();
    if args[1] == "dump" {
        dump();
        return;
    }
    let i: usize = args[1].parse().unwrap();
    let size = SIZES[i];
    let p = prepared(&size);
    let prob = p.problem();
    for nl in args[2].split(',') {
        let mut o = size.solve_options();
        o.node_limit = nl.parse().unwrap();
        o.time_limit = Some(Duration::from_secs_f64(args[3].parse().unwrap()));
        let t = Instant::now();
        let s = matchpunt::solve::solve(prob, &o);
        println!(
            "node_limit {nl}: {:.3}s obj {} bound {} proven {} nodes {}",
            t.elapsed().as_secs_f64(),
            s.objective,
            s.bound,
            s.proven,
            s.nodes
        );
    }
}
#[allow(dead_code)]
fn dump() {
    let p = prepared(&SIZES[1]);
    std::fs::write("/tmp/mpb/probe_experts.csv", &p.csv().experts).unwrap();
    std::fs::write("/tmp/mpb/probe_requests.csv", &p.csv().requests).unwrap();
    std::fs::write("/tmp/mpb/probe_history.csv", &p.csv().history).unwrap();
}
