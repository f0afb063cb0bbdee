//! The integration tests of `matchpunt-web`, one binary with a module per topic (so that a
//! change builds and links one test binary, not one per file). Run one topic with
//! `cargo test -p matchpunt-web --test it MODULE::`.

mod booking;
mod browser;
mod common;
mod declines;
mod first_view;
mod http;
mod masked_counts;
