//! Shared helpers for the criterion benchmarks of matchpunt.
//!
//! Every benchmark works on the same seeded, generated instances (see [`SIZES`]): the generator
//! ([`matchpunt_gen::generate`]) writes `experts.csv`, `requests.csv` and `history.csv` into
//! memory, [`matchpunt::ingest::load`] reads them back exactly as `matchpunt run` would, and the
//! later stages are computed from that [`Instance`] with the default [`Policy`]. Each stage is
//! built lazily and at most once per size and process ([`OnceLock`]), so a benchmark binary that
//! only times the flow solver does not pay for more than it needs, and `cargo bench -- --test`
//! builds the 10000 x 20000 instance once per binary.
//!
//! The stages, in pipeline order, each available through [`prepared`]:
//!
//! | stage | what it is | benchmark |
//! | --- | --- | --- |
//! | [`Prepared::instance`] | the loaded batch | `run` (whole pipeline), `candidates` |
//! | [`Prepared::pairs`] | eligible pairs (rules 1-8) | `scoring` |
//! | [`Prepared::problem`] | the solver's problem after pins | `solve` |
//! | [`Prepared::root`] | the root flow network (no load budgets) | `flow` |

use matchpunt::batch::{build_problem, settle_pins};
use matchpunt::eligibility::{candidates, Pair};
use matchpunt::ingest::{load, Inputs, Source, WeekChoice};
use matchpunt::model::places::Places;
use matchpunt::model::{Instance, Week};
use matchpunt::policy::Policy;
use matchpunt::scoring::{score_pairs, Scored};
use matchpunt::solve::{root_network, Problem, SolveOptions};
use matchpunt_flow::FlowNetwork;
use matchpunt_gen::{GenParams, PlaceWeight};
use std::sync::OnceLock;
use std::time::Duration;

/// The batch week of every generated instance (ISO year, week); history covers the 4 weeks
/// before it, as with `matchpunt generate`'s default.
pub const WEEK: (i32, u32) = (2026, 48);

/// One benchmark instance size and how to time it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Size {
    /// Benchmark id, `EXPERTSxREQUESTS`.
    pub name: &'static str,
    /// Number of experts.
    pub experts: usize,
    /// Number of requests.
    pub requests: usize,
    /// Generator seed.
    pub seed: u64,
    /// Criterion samples for the slow benchmarks (solve, run, and everything at the largest
    /// size); the fast ones use criterion's default of 100 below the largest size.
    pub sample_size: usize,
    /// Solver time limit for the `solve` and `run` benchmarks.
    pub time_limit: Duration,
    /// Solver node limit (per connected component) for the `solve` and `run` benchmarks.
    ///
    /// A node limit is a fixed amount of work, unlike a time limit, so the timing does not just
    /// echo the limit. The two smaller instances are proven optimal well within their limits
    /// (1000 x 1000 in about 0.6 s, by the master bound and the bundle listing), so there the
    /// benchmark is the time to a proven optimum.
    pub node_limit: usize,
    /// About how long the `solve` benchmark takes at this size on a 2-core machine; sets
    /// criterion's measurement time (see [`Sampling::for_routine`]), not what is measured.
    pub solve_typical: Duration,
}

/// The three benchmark sizes: a typical week (120 x 80), a large one (1000 x 1000) and a
/// national pool (10000 x 20000, about 1.8 million eligible pairs; 10 samples and a 3 s solve
/// limit, since proving optimality at that size takes long).
pub const SIZES: [Size; 3] = [
    Size {
        name: "120x80",
        experts: 120,
        requests: 80,
        seed: 1,
        sample_size: 20,
        time_limit: Duration::from_secs(30),
        node_limit: 1_000_000,
        solve_typical: Duration::from_millis(10),
    },
    Size {
        name: "1000x1000",
        experts: 1000,
        requests: 1000,
        seed: 1,
        sample_size: 10,
        time_limit: Duration::from_secs(10),
        node_limit: 1_000_000,
        solve_typical: Duration::from_millis(600),
    },
    Size {
        name: "10000x20000",
        experts: 10_000,
        requests: 20_000,
        seed: 1,
        sample_size: 10,
        time_limit: Duration::from_secs(3),
        node_limit: 50,
        solve_typical: Duration::from_secs(4),
    },
];

impl Size {
    /// Whether this is the largest size (fewer samples for every benchmark).
    pub fn is_large(&self) -> bool {
        self.experts * self.requests >= 100_000_000
    }

    /// The solver options of the `solve` and `run` benchmarks at this size.
    pub fn solve_options(&self) -> SolveOptions {
        SolveOptions {
            time_limit: Some(self.time_limit),
            node_limit: self.node_limit,
            ..SolveOptions::default()
        }
    }
}

/// How criterion should sample one benchmark (applied by each bench file to its group).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Sampling {
    /// Number of samples.
    pub sample_size: usize,
    /// Warm-up time.
    pub warm_up: Duration,
    /// Target measurement time.
    pub measurement: Duration,
    /// Flat sampling (the same iteration count per sample), for routines of a second or more.
    pub flat: bool,
}

impl Sampling {
    /// The sampling of a benchmark at `size` whose routine takes about `typical`.
    ///
    /// Below the largest size and for routines under 50 ms: criterion's defaults (100 samples,
    /// 3 s warm-up, 5 s measurement). Otherwise [`Size::sample_size`] samples in flat mode, with a
    /// measurement time that fits them (so criterion does not warn).
    pub fn for_routine(size: &Size, typical: Duration) -> Sampling {
        if !size.is_large() && typical < Duration::from_millis(50) {
            return Sampling {
                sample_size: 100,
                warm_up: Duration::from_secs(3),
                measurement: Duration::from_secs(5),
                flat: false,
            };
        }
        let n = size.sample_size.max(10);
        Sampling {
            sample_size: n,
            warm_up: Duration::from_secs(1),
            measurement: (typical * n as u32)
                .mul_f64(1.2)
                .max(Duration::from_secs(2)),
            flat: true,
        }
    }
}

/// The generated CSV files of one instance, in memory.
#[derive(Clone, Debug)]
pub struct Csv {
    /// `experts.csv`.
    pub experts: Vec<u8>,
    /// `requests.csv`.
    pub requests: Vec<u8>,
    /// `history.csv`.
    pub history: Vec<u8>,
}

/// The bundled places table as the generator's input (as `matchpunt generate` reads it).
pub fn place_weights() -> Vec<PlaceWeight> {
    matchpunt_gen::places_from_csv(matchpunt::model::places::BUNDLED_CSV.as_bytes())
        .expect("the bundled places table is valid")
}

/// Generates the CSV files of `size` (the same bytes as `matchpunt generate --experts N
/// --requests M --seed S`).
pub fn generate_csv(size: &Size) -> Csv {
    let params = GenParams::new(size.experts, size.requests, size.seed, WEEK);
    let mut csv = Csv {
        experts: Vec::new(),
        requests: Vec::new(),
        history: Vec::new(),
    };
    matchpunt_gen::generate(
        &params,
        &place_weights(),
        &mut csv.experts,
        &mut csv.requests,
        &mut csv.history,
    )
    .expect("generating into memory cannot fail");
    csv
}

/// Reads generated CSV files as `matchpunt run` does, for the batch week [`WEEK`].
///
/// # Panics
///
/// If the files do not load: the generator's output always should.
pub fn load_csv(csv: &Csv, policy: &Policy) -> Instance {
    let inputs = Inputs {
        experts: Source::new("experts.csv", &csv.experts[..]),
        requests: Source::new("requests.csv", &csv.requests[..]),
        history: Some(Source::new("history.csv", &csv.history[..])),
    };
    let week = Week {
        year: WEEK.0,
        week: WEEK.1,
    };
    let choice = WeekChoice {
        given: Some(week),
        fallback: week,
    };
    match load(inputs, &Places::bundled(), policy, choice) {
        Ok(loaded) => loaded.instance,
        Err(e) => panic!("generated instance does not load: {e}"),
    }
}

/// One size with its pipeline stages, each computed on first use.
pub struct Prepared {
    /// The size.
    pub size: Size,
    /// The policy (the built-in default).
    pub policy: Policy,
    csv: OnceLock<Csv>,
    instance: OnceLock<Instance>,
    pairs: OnceLock<Vec<Pair>>,
    scored: OnceLock<Vec<Scored>>,
    problem: OnceLock<Problem>,
    root: OnceLock<FlowNetwork>,
}

impl Prepared {
    fn new(size: Size) -> Self {
        Prepared {
            size,
            policy: Policy::default(),
            csv: OnceLock::new(),
            instance: OnceLock::new(),
            pairs: OnceLock::new(),
            scored: OnceLock::new(),
            problem: OnceLock::new(),
            root: OnceLock::new(),
        }
    }

    /// The generated CSV files.
    pub fn csv(&self) -> &Csv {
        self.csv.get_or_init(|| generate_csv(&self.size))
    }

    /// The batch, loaded from [`Prepared::csv`].
    pub fn instance(&self) -> &Instance {
        self.instance
            .get_or_init(|| load_csv(self.csv(), &self.policy))
    }

    /// The eligible pairs ([`candidates`]).
    pub fn pairs(&self) -> &[Pair] {
        self.pairs
            .get_or_init(|| candidates(self.instance(), &self.policy))
    }

    /// The scored pairs ([`score_pairs`]).
    pub fn scored(&self) -> &[Scored] {
        self.scored
            .get_or_init(|| score_pairs(self.instance(), &self.policy, self.pairs()))
    }

    /// The solver's problem after the pins are settled, as `batch::run` builds it.
    pub fn problem(&self) -> &Problem {
        self.problem.get_or_init(|| {
            let inst = self.instance();
            let pins = settle_pins(inst, &self.policy);
            build_problem(inst, &self.policy, self.scored(), &pins).0
        })
    }

    /// The root flow network: the problem without load budgets, as exported by
    /// `matchpunt run --export-dimacs`.
    pub fn root(&self) -> &FlowNetwork {
        self.root.get_or_init(|| root_network(self.problem()).0)
    }
}

/// The prepared stages of `size` (one of [`SIZES`]), shared by all benchmarks of the process.
///
/// # Panics
///
/// If `size` is not one of [`SIZES`].
pub fn prepared(size: &Size) -> &'static Prepared {
    static CELLS: [OnceLock<Prepared>; SIZES.len()] =
        [OnceLock::new(), OnceLock::new(), OnceLock::new()];
    let i = SIZES
        .iter()
        .position(|s| s == size)
        .expect("size is one of SIZES");
    CELLS[i].get_or_init(|| Prepared::new(*size))
}

/// The sizes to benchmark: all of [`SIZES`], or those named in the comma-separated environment
/// variable `MATCHPUNT_BENCH_SIZES` (e.g. `120x80,1000x1000`), to skip the largest one locally.
pub fn sizes() -> Vec<Size> {
    match std::env::var("MATCHPUNT_BENCH_SIZES") {
        Ok(list) if !list.trim().is_empty() => {
            let wanted: Vec<&str> = list.split(',').map(str::trim).collect();
            SIZES
                .iter()
                .filter(|s| wanted.contains(&s.name))
                .copied()
                .collect()
        }
        _ => SIZES.to_vec(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_small_instance_goes_through_every_stage() {
        let p = prepared(&SIZES[0]);
        assert_eq!(p.instance().experts.len(), 120);
        assert_eq!(p.instance().requests.len(), 80);
        assert!(!p.pairs().is_empty());
        assert_eq!(p.scored().len(), p.pairs().len());
        assert!(p.problem().arcs.len() <= p.scored().len());
        assert!(p.root().num_arcs() > 0);
    }

    #[test]
    fn generation_is_deterministic() {
        let a = generate_csv(&SIZES[0]);
        let b = generate_csv(&SIZES[0]);
        assert_eq!(a.experts, b.experts);
        assert_eq!(a.requests, b.requests);
        assert_eq!(a.history, b.history);
    }
}
