//! The integration tests of `matchpunt-cli`, one binary with a module per topic (so that a
//! change builds and links one test binary, not one per file). Run one topic with
//! `cargo test -p matchpunt-cli --test it MODULE::`.

mod harness;

mod after_match;
mod analysts;
mod bounds;
mod cli;
mod declines;
mod docs;
mod dutch;
mod dutch_errors;
mod dutch_words;
mod explain_texts;
mod input_errors_nl;
mod ledger;
mod ledger_person;
mod message_files;
mod numbers;
mod orgs;
mod output_set;
mod outputs;
mod places;
mod privacy_property;
mod reading;
mod round;
mod run_options;
mod safety;
mod safety_cells;
mod sample_snapshot;
mod spreadsheets;
mod suggest;
mod summary_causes_property;
mod team_bookings;
mod themes;
mod trajectories;
mod trial4_ids;
mod trial4_minor;
mod trial4_orgs;
mod trial4_themes;
mod voice;
mod workbook_gate;
