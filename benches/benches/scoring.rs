//! Scoring of all eligible pairs per instance size.

mod common;

use criterion::{black_box, criterion_main, BenchmarkId, Criterion, Throughput};
use matchpunt::scoring::score_pairs;
use matchpunt_benches::{prepared, sizes};
use std::time::Duration;

fn bench(c: &mut Criterion) {
    let mut group = c.benchmark_group("scoring");
    for size in sizes() {
        let p = prepared(&size);
        let (inst, pairs) = (p.instance(), p.pairs());
        group.throughput(Throughput::Elements(pairs.len() as u64));
        common::configure(
            &mut group,
            &size,
            Duration::from_millis(size.experts as u64 / 30),
        );
        group.bench_with_input(BenchmarkId::from_parameter(size.name), pairs, |b, pairs| {
            b.iter(|| score_pairs(inst, &p.policy, black_box(pairs)))
        });
    }
    group.finish();
}

// In a private module, so that the generated `pub fn benches` needs no docs.
mod group {
    criterion::criterion_group!(benches, super::bench);
}
criterion_main!(group::benches);
