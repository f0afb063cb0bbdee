//! Candidate search (hard rules 1-8 over the candidate index) per instance size.

mod common;

use criterion::{black_box, criterion_main, BenchmarkId, Criterion, Throughput};
use matchpunt::eligibility::candidates;
use matchpunt_benches::{prepared, sizes};
use std::time::Duration;

fn bench(c: &mut Criterion) {
    let mut group = c.benchmark_group("candidates");
    for size in sizes() {
        let p = prepared(&size);
        let inst = p.instance();
        group.throughput(Throughput::Elements(p.pairs().len() as u64));
        common::configure(
            &mut group,
            &size,
            Duration::from_millis(size.experts as u64 / 10),
        );
        group.bench_with_input(BenchmarkId::from_parameter(size.name), inst, |b, inst| {
            b.iter(|| candidates(black_box(inst), &p.policy))
        });
    }
    group.finish();
}

// In a private module, so that the generated `pub fn benches` needs no docs.
mod group {
    criterion::criterion_group!(benches, super::bench);
}
criterion_main!(group::benches);
