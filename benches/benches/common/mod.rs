//! Criterion settings shared by the bench files.

use criterion::measurement::WallTime;
use criterion::{BenchmarkGroup, SamplingMode};
use matchpunt_benches::{Sampling, Size};
use std::time::Duration;

/// Sets `group`'s sampling for the next benchmark: one at `size` whose routine takes about
/// `typical` (see [`Sampling::for_routine`]).
pub fn configure(group: &mut BenchmarkGroup<'_, WallTime>, size: &Size, typical: Duration) {
    let s = Sampling::for_routine(size, typical);
    group
        .sample_size(s.sample_size)
        .warm_up_time(s.warm_up)
        .measurement_time(s.measurement)
        .sampling_mode(if s.flat {
            SamplingMode::Flat
        } else {
            SamplingMode::Auto
        });
}
