//! The integration tests of `matchpunt-flow`, one binary with a module per topic (so that a
//! change builds and links one test binary, not one per file). Run one topic with
//! `cargo test -p matchpunt-flow --test it MODULE::`.

mod common;
mod cost_units;
mod deadline;
mod dimacs;
mod perf;
mod properties;
mod textbook;
