//! The master LP alone (`solve::master_refine`: Kelley's cutting planes over the experts'
//! bundles, each round one microlp LP and one knapsack per expert) on the largest connected
//! component of the 1000 x 1000 batch, from the prices the root hands it (the flow relaxation's,
//! then 30 subgradient steps of the bundle bound: `solve::master_start`, computed once). This
//! is most of a 1000 x 1000 run and of a simulated week, so a change to the LP shows here first.
//! The master is not tried at 10000 x 20000, and 120 x 80 has no component large enough.

mod common;

use criterion::{black_box, criterion_main, BenchmarkId, Criterion};
use matchpunt::solve::{components, master_refine, master_start, subproblem};
use matchpunt_benches::{prepared, SIZES};
use std::time::Duration;

fn bench(c: &mut Criterion) {
    let mut group = c.benchmark_group("master");
    let size = SIZES[1];
    let problem = prepared(&size).problem();
    let largest = components(problem)
        .into_iter()
        .max_by_key(Vec::len)
        .expect("the batch has pairs");
    let (sub, _) = subproblem(problem, &largest);
    let start = master_start(&sub, 30).expect("the root has a flow");
    common::configure(&mut group, &size, Duration::from_millis(400));
    group.bench_with_input(
        BenchmarkId::from_parameter(size.name),
        &(sub, start),
        |b, (sub, start)| b.iter(|| master_refine(black_box(sub), start, 40)),
    );
    group.finish();
}

// In a private module, so that the generated `pub fn benches` needs no docs.
mod group {
    criterion::criterion_group!(benches, super::bench);
}
criterion_main!(group::benches);
