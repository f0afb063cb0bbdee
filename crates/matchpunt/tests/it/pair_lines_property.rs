//! The small files of pairs (a run's `assignments.csv`, a round's `decisions.csv`) count lines
//! as the batch's tables do: with LF, CRLF or a lone CR between lines, an error names the line
//! and the column of the bad cell, never the line before it or the header.

use matchpunt::batch::round::read_decisions;
use matchpunt::ingest::assignments::{read_pair_rows, PairFile};
use matchpunt::ingest::Source;
use proptest::prelude::*;

const ENDS: [&str; 3] = ["\n", "\r\n", "\r"];

/// A decisions file of `rows` data rows, line end `end`, whose row `bad` (0-based) has `cell`
/// at column `col` (0 request, 1 expert, 2 decision) instead of a good value.
fn file(rows: usize, bad: usize, col: usize, cell: &str, end: &str, last_end: bool) -> String {
    let mut s = format!("request,expert,decision{end}");
    for i in 0..rows {
        let mut cells = [
            format!("R{i:05}"),
            format!("E{i:04}"),
            if i % 2 == 0 { "accepted" } else { "declined" }.to_string(),
        ];
        if i == bad {
            cells[col] = cell.to_string();
        }
        s.push_str(&cells.join(","));
        if i + 1 < rows || last_end {
            s.push_str(end);
        }
    }
    s
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 200, failure_persistence: None, ..ProptestConfig::default() })]

    /// An empty request or expert id: the pair reader's own error, on the row's line (the header
    /// is line 1, so row `bad` is line `bad + 2`) and in its column.
    #[test]
    fn an_empty_id_is_reported_on_its_line(
        rows in 1usize..12,
        bad_at in 0usize..12,
        col in 0usize..2,
        end in 0usize..3,
        last_end: bool,
        decisions: bool,
    ) {
        let bad = bad_at % rows;
        let text = file(rows, bad, col, "", ENDS[end], last_end);
        let kind = if decisions { PairFile::Decisions } else { PairFile::Assignments };
        let Err(errs) = read_pair_rows(Source::new("dec.csv", text.as_bytes()), kind) else {
            panic!("an empty id is an error: {text:?}");
        };
        prop_assert_eq!(errs.errors.len(), 1);
        let e = &errs.errors[0];
        prop_assert_eq!(e.line, Some(bad as u64 + 2), "{:?} in {:?}", e, text);
        prop_assert_eq!(e.column.as_ref().map(|c| c.0), Some(col + 1), "{:?}", e);
    }

    /// A decision that is not one: the round's reader, on the same lines.
    #[test]
    fn a_bad_decision_is_reported_on_its_line(
        rows in 1usize..12,
        bad_at in 0usize..12,
        end in 0usize..3,
        last_end: bool,
    ) {
        let bad = bad_at % rows;
        let text = file(rows, bad, 2, "maybe", ENDS[end], last_end);
        let Err(errs) = read_decisions(Source::new("dec.csv", text.as_bytes())) else {
            panic!("maybe is no decision: {text:?}");
        };
        prop_assert_eq!(errs.errors.len(), 1);
        let e = &errs.errors[0];
        prop_assert_eq!(e.line, Some(bad as u64 + 2), "{:?} in {:?}", e, text);
        prop_assert_eq!(e.column.as_ref().map(|c| c.0), Some(3), "{:?}", e);
        prop_assert_eq!(e.value.as_deref(), Some("maybe"));
    }
}

/// The trial's file: `maybe` on line 3 of a CRLF file, an empty expert on line 2.
#[test]
fn the_trials_crlf_decisions_name_the_right_lines() {
    let text = "request,expert,decision\r\nR00002,E0009,declined\r\nR00003,E0108,maybe\r\n";
    let e = read_decisions(Source::new("dec.csv", text.as_bytes())).unwrap_err();
    let shown = e.to_string();
    assert!(shown.contains("dec.csv:3:3"), "{shown}");
    let text = "request,expert,decision\r\nR00002,,declined\r\n";
    let e = read_decisions(Source::new("dec.csv", text.as_bytes())).unwrap_err();
    assert_eq!(e.errors[0].line, Some(2), "{e}");
    assert!(e.to_string().contains("dec.csv:2:2"), "{e}");
}
