//! The whole batch (`batch::run`: candidates, scoring, pins, exact solve) on an instance loaded
//! from generated CSV, and loading that CSV (`ingest::load`), per instance size.

mod common;

use criterion::{black_box, criterion_main, BenchmarkId, Criterion};
use matchpunt::batch::run;
use matchpunt_benches::{load_csv, prepared, sizes};
use std::time::Duration;

fn bench(c: &mut Criterion) {
    let mut group = c.benchmark_group("ingest");
    for size in sizes() {
        let p = prepared(&size);
        common::configure(
            &mut group,
            &size,
            Duration::from_millis(size.requests as u64 / 50),
        );
        group.bench_with_input(BenchmarkId::from_parameter(size.name), p.csv(), |b, csv| {
            b.iter(|| load_csv(black_box(csv), &p.policy))
        });
    }
    group.finish();

    let mut group = c.benchmark_group("run");
    for size in sizes() {
        let p = prepared(&size);
        let opts = size.solve_options();
        common::configure(&mut group, &size, size.solve_typical);
        group.bench_with_input(
            BenchmarkId::from_parameter(size.name),
            p.instance(),
            |b, inst| b.iter(|| run(black_box(inst), &p.policy, &opts)),
        );
    }
    group.finish();
}

// In a private module, so that the generated `pub fn benches` needs no docs.
mod group {
    criterion::criterion_group!(benches, super::bench);
}
criterion_main!(group::benches);
