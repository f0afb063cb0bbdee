//! The integration tests of `matchpunt-ledger`, one binary with a module per topic (so that a
//! change builds and links one test binary, not one per file). Run one topic with
//! `cargo test -p matchpunt-ledger --test it MODULE::`. Proptest keeps its regressions in
//! `tests/proptest-regressions/MODULE.txt` (beside this folder, found through this `main.rs`).

mod ops;
mod person;
