//! The min-cost flow solver alone, on the root flow network of each instance (the batch without
//! load budgets, as `matchpunt run --export-dimacs` writes it). Cost scaling at every size;
//! successive shortest paths, the reference algorithm, below the largest size only (it takes
//! minutes there).

mod common;

use criterion::{black_box, criterion_main, BenchmarkId, Criterion, Throughput};
use matchpunt_benches::{prepared, sizes};
use matchpunt_flow::{solve, Algorithm};
use std::time::Duration;

fn bench(c: &mut Criterion) {
    let mut group = c.benchmark_group("flow");
    for size in sizes() {
        let net = prepared(&size).root();
        group.throughput(Throughput::Elements(net.num_arcs() as u64));
        let algorithms: &[(&str, Algorithm, u64)] = if size.is_large() {
            &[("cost-scaling", Algorithm::CostScaling, 2000)]
        } else {
            &[
                ("cost-scaling", Algorithm::CostScaling, 10),
                ("ssp", Algorithm::SuccessiveShortestPaths, 300),
            ]
        };
        for &(name, alg, ms) in algorithms {
            common::configure(&mut group, &size, Duration::from_millis(ms));
            group.bench_with_input(BenchmarkId::new(name, size.name), net, |b, net| {
                b.iter(|| solve(black_box(net), alg).expect("the root network is feasible"))
            });
        }
    }
    group.finish();
}

// In a private module, so that the generated `pub fn benches` needs no docs.
mod group {
    criterion::criterion_group!(benches, super::bench);
}
criterion_main!(group::benches);
