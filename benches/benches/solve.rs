//! The exact load-budget step (`solve::solve`: flow relaxations, bounds and branch and bound) on
//! each instance's problem, with the time and node limits of [`matchpunt_benches::Size`].

mod common;

use criterion::{black_box, criterion_group, criterion_main, BenchmarkId, Criterion};
use matchpunt::solve::solve;
use matchpunt_benches::{prepared, sizes};

fn bench(c: &mut Criterion) {
    let mut group = c.benchmark_group("solve");
    for size in sizes() {
        let problem = prepared(&size).problem();
        let opts = size.solve_options();
        common::configure(&mut group, &size, size.time_limit);
        group.bench_with_input(BenchmarkId::from_parameter(size.name), problem, |b, problem| {
            b.iter(|| solve(black_box(problem), &opts))
        });
    }
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
