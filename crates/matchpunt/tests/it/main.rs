//! The integration tests of `matchpunt`, one binary with a module per topic (so that a
//! change builds and links one test binary, not one per file). Run one topic with
//! `cargo test -p matchpunt --test it MODULE::`.

mod analysts;
mod architecture;
mod avoided_variants_property;
mod batch_property;
mod common;
mod declines_property;
mod encodings_property;
mod expert_labels_property;
mod explain;
mod history_rows;
mod hostile;
mod index_property;
mod ingest;
mod input_errors;
mod limits;
mod lp_export;
mod mail_property;
mod names;
mod org_forms_property;
mod org_ids;
mod org_names;
mod pair_lines_property;
mod pairs_property;
mod request_safety_cells;
mod round;
mod rules;
mod safety_cells_property;
mod solver;
mod spelling_property;
mod standby;
mod starvation;
mod team_pins;
mod team_standbys;
mod teams;
mod template_files_property;
mod theme_cells;
mod theme_identity;
mod themes_safe_side;
mod trajectories;
mod trajectory_limits;
mod weekly_rules;
mod whatif_exact;
mod workbook;
mod workbook_gate;
