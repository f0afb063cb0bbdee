//! The integration tests of `matchpunt-gen`, one binary with a module per topic (so that a
//! change builds and links one test binary, not one per file). Run one topic with
//! `cargo test -p matchpunt-gen --test it MODULE::`.

mod common;
mod contract;
mod estimate;
mod shape;
