//! The integration tests of `matchpunt-sim`, one binary with a module per topic (so that a
//! change builds and links one test binary, not one per file). Run one topic with
//! `cargo test -p matchpunt-sim --test it MODULE::`.

mod world;
