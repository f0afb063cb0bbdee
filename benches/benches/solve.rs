//! The exact load-budget step (`solve::solve`: flow relaxations, bounds and branch and bound) on
//! each instance's problem, with the time and node limits of [`matchpunt_benches::Size`].

mod common;

use criterion::{black_box, criterion_main, BenchmarkId, Criterion};
use matchpunt::solve::solve;
use matchpunt_benches::{prepared, sizes};

fn bench(c: &mut Criterion) {
    let mut group = c.benchmark_group("solve");
    for size in sizes() {
        let problem = prepared(&size).problem();
        let opts = size.solve_options();
        common::configure(&mut group, &size, size.solve_typical);
        group.bench_with_input(
            BenchmarkId::from_parameter(size.name),
            problem,
            |b, problem| b.iter(|| solve(black_box(problem), &opts)),
        );
    }
    group.finish();
}

// In a private module, so that the generated `pub fn benches` needs no docs.
mod group {
    criterion::criterion_group!(benches, super::bench);
}
criterion_main!(group::benches);
