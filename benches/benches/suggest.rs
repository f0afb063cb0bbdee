//! `suggest` for one request per instance size, with this week's bookings: the search after
//! reading (rules 1-8 for every expert, the limits of the week, scoring, ranking, near misses).
//! The target is under 20 ms at 10000 x 20000.

mod common;

use criterion::{black_box, criterion_main, BenchmarkId, Criterion};
use matchpunt::explain::{suggest, Booked};
use matchpunt_benches::{prepared, sizes};
use std::time::Duration;

/// A plausible week: the eligible pairs taken greedily, one expert per request, within every
/// limit (count, load, slot).
fn bookings(
    inst: &matchpunt::model::Instance,
    policy: &matchpunt::policy::Policy,
    pairs: &[matchpunt::eligibility::Pair],
) -> Booked {
    let mut count = vec![0u32; inst.experts.len()];
    let mut load = vec![0u32; inst.experts.len()];
    let mut slots = vec![0u32; inst.experts.len()];
    let mut taken = vec![false; inst.requests.len()];
    let mut chosen = Vec::new();
    for p in pairs {
        let (r, e) = (p.request as usize, p.expert as usize);
        let (req, ex) = (&inst.requests[r], &inst.experts[e]);
        let bit = req.slot.map_or(0, |s| 1 << s.0);
        if taken[r]
            || count[e] >= ex.max_assignments
            || load[e] + req.intensity > ex.load_budget
            || slots[e] & bit != 0
        {
            continue;
        }
        taken[r] = true;
        count[e] += 1;
        load[e] += req.intensity;
        slots[e] |= bit;
        chosen.push((r, e));
    }
    Booked::from_pairs(inst, policy, chosen)
}

fn bench(c: &mut Criterion) {
    let mut group = c.benchmark_group("suggest");
    for size in sizes() {
        let p = prepared(&size);
        let inst = p.instance();
        let booked = bookings(inst, &p.policy, p.pairs());
        // A request with candidates, from the middle of the file.
        let ri = (inst.requests.len() / 2..inst.requests.len())
            .find(|&r| p.pairs().iter().any(|x| x.request as usize == r))
            .unwrap_or(0);
        common::configure(&mut group, &size, Duration::from_millis(5));
        group.bench_with_input(BenchmarkId::from_parameter(size.name), &ri, |b, &ri| {
            b.iter(|| suggest(black_box(inst), &p.policy, ri, Some(&booked), 5))
        });
    }
    group.finish();
}

// In a private module, so that the generated `pub fn benches` needs no docs.
mod group {
    criterion::criterion_group!(benches, super::bench);
}
criterion_main!(group::benches);
