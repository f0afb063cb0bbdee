//! The explain page of one request (`Base::explain_request`, what `explain --request` and the
//! web page's request view compute after the batch): its runners-up, each priced by an exact
//! re-solve of the part of the batch the pin affects (or settled by a bound without one, or,
//! where that part holds more than 200,000 pairs, priced by a repair of the base assignment),
//! the never-eligible counts and, for an open seat, the fixes. On the first request of each
//! size's batch; the batch itself is solved once, outside the timing.
//!
//! `explain_base/SIZE` times `Base::from_assignments`: reading a batch's assignments back
//! (what `explain --assignments` and `serve --assignments` do before the view), which was
//! quadratic in the batch's size (12 s at 10000 x 20000).

mod common;

use criterion::{black_box, criterion_main, BenchmarkId, Criterion};
use matchpunt::batch;
use matchpunt::explain::Base;
use matchpunt::messages::Lang;
use matchpunt_benches::{prepared, sizes};
use std::time::Duration;

fn bench(c: &mut Criterion) {
    let mut group = c.benchmark_group("explain_request");
    let mut solved = Vec::new();
    for size in sizes() {
        let ready = prepared(&size);
        let inst = ready.instance();
        let opts = size.solve_options();
        let res = batch::run(inst, &ready.policy, &opts);
        let base = Base::from_result(inst, &ready.policy, opts, &res);
        let typical = if size.is_large() {
            Duration::from_millis(1500)
        } else {
            Duration::from_millis(2000)
        };
        common::configure(&mut group, &size, typical);
        group.bench_with_input(BenchmarkId::from_parameter(size.name), &0usize, |b, &r| {
            b.iter(|| base.explain_request(black_box(r), 3, Lang::En))
        });
        drop(base);
        solved.push((size, res));
    }
    group.finish();
    let mut group = c.benchmark_group("explain_base");
    for (size, res) in &solved {
        let ready = prepared(size);
        let inst = ready.instance();
        let pairs: Vec<(usize, usize, bool)> = res
            .assignments
            .iter()
            .map(|a| (a.request, a.expert, a.pinned))
            .collect();
        common::configure(&mut group, size, Duration::from_millis(1000));
        group.bench_with_input(
            BenchmarkId::from_parameter(size.name),
            &pairs,
            |b, pairs| {
                b.iter(|| {
                    Base::from_assignments(inst, &ready.policy, size.solve_options(), pairs)
                        .map(|b| b.objective)
                        .expect("a batch's own assignments fit it")
                })
            },
        );
    }
    group.finish();
}

// In a private module, so that the generated `pub fn benches` needs no docs.
mod group {
    criterion::criterion_group!(benches, super::bench);
}
criterion_main!(group::benches);
