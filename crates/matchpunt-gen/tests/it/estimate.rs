//! Eligible-pair estimator: `cargo test --release -p matchpunt-gen --test it -- --ignored estimate:: --nocapture`.

use crate::common;

use std::time::Instant;

use matchpunt_gen::GenParams;

#[test]
#[ignore = "slow in debug; run in release with --ignored --nocapture"]
fn eligible_pairs() {
    let places = common::places();
    for (ne, nr) in [(120, 80), (1000, 1000), (10_000, 20_000)] {
        let params = GenParams::new(ne, nr, 42, (2026, 47));
        let t0 = Instant::now();
        let files = common::gen(&params, &places);
        let gen_time = t0.elapsed();
        let experts = common::experts(&files.experts, &places);
        let requests = common::requests(&files.requests, &places);
        let el = common::eligibility(&experts, &requests, &places, params.week.0);
        let mut per = el.per_request.clone();
        per.sort_unstable();
        let zero = per.iter().filter(|&&c| c == 0).count();
        let few = per.iter().filter(|&&c| (1..=5).contains(&c)).count();
        let q = |f: f64| per[((per.len() - 1) as f64 * f) as usize];
        println!(
            "{ne:>6} x {nr:>6}: gen {:>7.1?} ({} history rows, {} KiB), eligible simple {:>9} ({:.3}% of pairs), full {:>9}; \
             per request: none {:.1}%, 1-5 {:.1}%, p25 {}, median {}, p75 {}, p90 {}, max {}",
            gen_time,
            files.stats.history_rows,
            (files.experts.len() + files.requests.len() + files.history.len()) / 1024,
            el.simple,
            100.0 * el.simple as f64 / (ne as f64 * nr as f64),
            el.full,
            100.0 * zero as f64 / nr as f64,
            100.0 * few as f64 / nr as f64,
            q(0.25),
            q(0.5),
            q(0.75),
            q(0.9),
            per[per.len() - 1],
        );
    }

    // The small week across seeds (each seed draws another region).
    let mut lines = Vec::new();
    for seed in 1..=10 {
        let params = GenParams::new(120, 80, seed, (2026, 47));
        let files = common::gen(&params, &places);
        let experts = common::experts(&files.experts, &places);
        let requests = common::requests(&files.requests, &places);
        let el = common::eligibility(&experts, &requests, &places, params.week.0);
        let zero = el.per_request.iter().filter(|&&c| c == 0).count();
        let mut per = el.per_request.clone();
        per.sort_unstable();
        lines.push(format!(
            "seed {seed:>2}: simple {:>4}, full {:>4}, none {:>2}/80, median {}",
            el.simple,
            el.full,
            zero,
            per[per.len() / 2]
        ));
    }
    println!("120 x 80 by seed:\n  {}", lines.join("\n  "));
}
