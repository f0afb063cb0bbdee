//! One simulated week (`matchpunt simulate`'s unit of work: read the week's batch, attach the
//! history, run it, record the metrics) at sample scale (120 experts, about 80 requests) and at
//! 1,000 experts with about 700 requests, for the default policy.

mod common;

use criterion::{black_box, criterion_main, BenchmarkId, Criterion};
use matchpunt::analysis::simulate::{Contender, Rolling, Settings};
use matchpunt::batch::strategy::Strategy;
use matchpunt::model::places::Places;
use matchpunt::policy::Policy;
use matchpunt_benches::{generate_csv, load_csv, Size, SIZES};
use matchpunt_sim::{Churn, Params};
use std::time::Duration;

fn bench(c: &mut Criterion) {
    let places = Places::bundled();
    let contender = Contender {
        name: "default".into(),
        policy: Policy::default(),
        strategy: Strategy::Exact,
    };
    let settings = Settings::default();
    let sample = SIZES[0];
    let large = Size {
        name: "1000x700",
        experts: 1000,
        requests: 700,
        ..SIZES[1]
    };
    let mut group = c.benchmark_group("simulate_week");
    for (size, typical) in [
        (sample, Duration::from_millis(10)),
        (large, Duration::from_millis(1500)),
    ] {
        let csv = generate_csv(&size);
        let base = load_csv(&csv, &contender.policy);
        let params = Params {
            weeks: 1,
            seed: 1,
            requests_per_week: size.requests,
            churn: Churn::default(),
        };
        let world = matchpunt_sim::generated(&base, "experts.csv", csv.experts, &places, &params);
        common::configure(&mut group, &size, typical);
        group.bench_with_input(
            BenchmarkId::from_parameter(size.name),
            &world,
            |b, world| {
                b.iter(|| {
                    let mut state = Rolling::new(world.history.clone());
                    state
                        .step(
                            &world.roster,
                            black_box(&world.weeks[0]),
                            &contender,
                            &settings,
                            &places,
                        )
                        .unwrap()
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
