//! The one generator of *contested* solver problems for the tests: experts with tight counts
//! and load budgets, each a candidate for several requests, with few distinct values, so that
//! budgets, seats and slots compete and the flow's relaxation does not close the gap by
//! itself. These are the problems that make the solver's later steps (branching, the master's
//! listing and its set-packing MIP) run, and that its time and work limits cut.
//!
//! One file serves two test builds: the core's integration-test binary (as
//! `common::contested`) and the unit tests of `solve::master` (which test private functions,
//! so they cannot live in the test binary), which include it with `#[path]`. Including the
//! file keeps the dependency graph as it is: no generator in the library, no test-only
//! feature, no crate that depends on the core in the core's own dev-dependencies (whose
//! `Problem` would be another type in a unit-test build). The includer provides `Arc`,
//! `ExpertCap` and `Problem` in the parent module; `rand` and `rand_chacha` are
//! dev-dependencies of the core.
//!
//! Every draw comes from the caller's `ChaCha8Rng`, so a seed gives the same problem on every
//! machine, and a loop over one generator gives each case a different problem.

use super::{Arc, ExpertCap, Problem};
use rand::Rng;
use rand_chacha::ChaCha8Rng;
use std::ops::RangeInclusive;

/// The values an arc's value is drawn from.
#[derive(Clone, Debug)]
pub enum Values {
    /// One of a few values, each equally likely: ties (and with them degenerate prices) are
    /// the rule.
    Tiers(&'static [i64]),
    /// Any whole value in the range, each equally likely.
    Range(RangeInclusive<i64>),
}

/// The shape of a contested problem: each field is drawn uniformly from its range (a range of
/// one value draws nothing from the generator). Take one of the sizes below ([`Contested::tiny`],
/// [`Contested::small`], [`Contested::teams`], [`Contested::sized`]) and draw with
/// [`Contested::draw`]; a new size is a new constructor here, so that every shape is documented
/// in one place.
#[derive(Clone, Debug)]
pub struct Contested {
    /// How many experts.
    experts: RangeInclusive<usize>,
    /// How many requests.
    requests: RangeInclusive<usize>,
    /// An expert's most assignments this week (`ExpertCap::max_count`).
    max_count: RangeInclusive<u32>,
    /// An expert's load budget, in intensity units (`ExpertCap::budget`).
    budget: RangeInclusive<u32>,
    /// A request's seats.
    seats: RangeInclusive<u32>,
    /// The chance that an expert is a candidate for a request, each pair on its own.
    arc_chance: f64,
    /// The most arcs: pairs after this many are not drawn (keeps exhaustive search small).
    max_arcs: usize,
    /// An arc's value.
    values: Values,
    /// An arc's intensity (its load on the expert's budget).
    intensity: RangeInclusive<u32>,
    /// The chance that an arc's request is in a time slot.
    slot_chance: f64,
    /// How many time slots a request can be in (slots `0..slots`).
    slots: u8,
    /// The batch spread, one of these, each equally likely.
    spread: &'static [i64],
}

// Each size written out whole on purpose (its doc states it), though sizes share most fields.
impl Contested {
    /// Tiny problems for exhaustive search: 1 to 4 experts, 1 to 5 requests, at most 12 arcs,
    /// budgets of 2 to 4. Their master LP is often fractional, so the set-packing MIP must
    /// branch (`solve::master`'s unit tests).
    pub fn tiny() -> Self {
        Contested {
            experts: 1..=4,
            requests: 1..=5,
            max_count: 2..=3,
            budget: 2..=4,
            seats: 1..=2,
            arc_chance: 0.7,
            max_arcs: 12,
            values: Values::Tiers(&[100, 110, 120, 150, 200]),
            intensity: 1..=3,
            slot_chance: 0.4,
            slots: 2,
            spread: &[0, 10, 20],
        }
    }

    /// Small problems for exhaustive search: 2 to 4 experts, 3 to 7 requests, at most 16
    /// arcs, budgets of 2 to 5: the problems whose root relaxation does not close the gap,
    /// so the solver branches (without the master) or lists (with it).
    pub fn small() -> Self {
        Contested {
            experts: 2..=4,
            requests: 3..=7,
            budget: 2..=5,
            max_arcs: 16,
            slot_chance: 0.3,
            spread: &[0, 10],
            ..Self::tiny()
        }
    }

    /// Small problems for the team rules (issue 24): 2 to 6 experts, 1 to 5 requests of one
    /// to three seats, at most 14 arcs, values far apart so that a team rule that binds
    /// changes the optimum.
    pub fn teams() -> Self {
        Contested {
            experts: 2..=6,
            max_count: 1..=3,
            budget: 1..=6,
            seats: 1..=3,
            arc_chance: 0.55,
            max_arcs: 14,
            values: Values::Tiers(&[100, 150, 200, 230, 400]),
            spread: &[0, 10, 60],
            ..Self::tiny()
        }
    }

    /// Batch-sized problems of exactly `experts` × `requests`, about 15% of pairs candidates,
    /// values 190 to 230, six slots, spread 5: too large for exhaustive search, large enough
    /// that a spent time limit cuts the solve.
    pub fn sized(experts: usize, requests: usize) -> Self {
        Contested {
            experts: experts..=experts,
            requests: requests..=requests,
            max_count: 1..=3,
            budget: 2..=5,
            seats: 1..=3,
            arc_chance: 0.15,
            max_arcs: usize::MAX,
            values: Values::Range(190..=230),
            slot_chance: 0.5,
            slots: 6,
            spread: &[5],
            ..Self::tiny()
        }
    }

    /// Draws one problem: the counts, the experts' limits, the seats, the arcs (request by
    /// request, expert by expert, while fewer than `max_arcs`), then the spread. No expert
    /// has earlier assignments or busy slots. Cost: one pass over the experts × requests
    /// pairs.
    pub fn draw(&self, rng: &mut ChaCha8Rng) -> Problem {
        let ne = pick(rng, &self.experts);
        let nr = pick(rng, &self.requests);
        let experts = (0..ne)
            .map(|_| ExpertCap {
                max_count: pick(rng, &self.max_count),
                budget: pick(rng, &self.budget),
                already: 0,
                busy_slots: 0,
            })
            .collect();
        let seats = (0..nr).map(|_| pick(rng, &self.seats)).collect();
        let mut arcs = Vec::new();
        for r in 0..nr {
            for e in 0..ne {
                if arcs.len() < self.max_arcs && rng.gen_bool(self.arc_chance) {
                    arcs.push(Arc {
                        request: r as u32,
                        expert: e as u32,
                        value: match &self.values {
                            Values::Tiers(t) => t[rng.gen_range(0..t.len())],
                            Values::Range(v) => rng.gen_range(v.clone()),
                        },
                        intensity: pick(rng, &self.intensity),
                        slot: rng
                            .gen_bool(self.slot_chance)
                            .then(|| rng.gen_range(0..self.slots)),
                        heavy: false,
                    });
                }
            }
        }
        let spread = match self.spread {
            [one] => *one,
            all => all[rng.gen_range(0..all.len())],
        };
        Problem {
            experts,
            seats,
            arcs,
            spread,
        }
    }
}

/// A uniform draw from `range`; a range of one value draws nothing.
fn pick<T>(rng: &mut ChaCha8Rng, range: &RangeInclusive<T>) -> T
where
    T: rand::distributions::uniform::SampleUniform + PartialOrd + Copy,
{
    if range.start() == range.end() {
        *range.start()
    } else {
        rng.gen_range(range.clone())
    }
}
