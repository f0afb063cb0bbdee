//! The explain page of one request (`Base::explain_request`, what `explain --request` and the
//! web page's request view compute after the batch): its runners-up, each priced by an exact
//! re-solve of the part of the batch the pin affects, the never-eligible counts and, for an
//! open seat, the fixes. On the first request of the 1000 x 1000 batch (one seat, three
//! runners-up, each re-solving the batch's largest component); the batch itself is solved once,
//! outside the timing.

mod common;

use criterion::{black_box, criterion_main, BenchmarkId, Criterion};
use matchpunt::batch;
use matchpunt::explain::Base;
use matchpunt::messages::Lang;
use matchpunt_benches::{prepared, SIZES};
use std::time::Duration;

fn bench(c: &mut Criterion) {
    let mut group = c.benchmark_group("explain_request");
    let size = SIZES[1];
    let ready = prepared(&size);
    let inst = ready.instance();
    let opts = size.solve_options();
    let res = batch::run(inst, &ready.policy, &opts);
    let base = Base::from_result(inst, &ready.policy, opts, &res);
    common::configure(&mut group, &size, Duration::from_millis(2000));
    group.bench_with_input(BenchmarkId::from_parameter(size.name), &0usize, |b, &r| {
        b.iter(|| base.explain_request(black_box(r), 3, Lang::En))
    });
    group.finish();
}

// In a private module, so that the generated `pub fn benches` needs no docs.
mod group {
    criterion::criterion_group!(benches, super::bench);
}
criterion_main!(group::benches);
