//! Inputs built to make ingest slow or loud: every one must be answered quickly, and no
//! message may echo a huge cell whole. The bounds are generous (a debug build on a loaded
//! machine stays far below them); the fixed versions took minutes or gigabytes.

use crate::common::read;
use matchpunt::ingest::{self, InputErrors, Loaded, NearNames};
use matchpunt::policy::Policy;
use std::fmt::Write;
use std::time::{Duration, Instant};

fn load(experts: &str, requests: &str, history: Option<&str>) -> Result<Loaded, InputErrors> {
    read(
        experts.as_bytes(),
        requests.as_bytes(),
        history.map(str::as_bytes),
        &Policy::default(),
    )
}

/// Asserts that `f` returns within `secs` seconds (it runs to the end either way).
fn within<T>(secs: u64, what: &str, f: impl FnOnce() -> T) -> T {
    let t = Instant::now();
    let out = f();
    let took = t.elapsed();
    assert!(
        took < Duration::from_secs(secs),
        "{what} took {took:?} (bound {secs} s)"
    );
    out
}

fn experts(n: usize) -> String {
    let mut s = String::from("id,roles,certified,themes,place,availability\n");
    for i in 0..n {
        writeln!(s, "E{i:05},buddy,yes,autisme,Utrecht,mon-am").unwrap();
    }
    s
}

#[test]
fn twenty_thousand_unknown_expert_ids_are_answered_quickly() {
    // Every request pins an expert id that does not exist but is one letter from one that does
    // (the worst case for "did you mean": each is a near miss of some id). It took 438 s.
    let n = 20_000;
    let mut requests = String::from("id,org,role,themes,place,pinned_expert\n");
    for i in 0..n {
        writeln!(requests, "R{i:05},Org,buddy,autisme,Utrecht,X{i:05}").unwrap();
    }
    let mut history = String::from("week,expert,org,role,intensity\n");
    for i in 0..n {
        writeln!(history, "2026-W47,Y{i:05},Org,buddy,1").unwrap();
    }
    let errs = within(60, "20,000 unknown ids", || {
        load(&experts(n), &requests, Some(&history)).unwrap_err()
    });
    assert_eq!(errs.count(), 2 * n);
    let text = errs.to_string();
    // The listed ones still get their hint.
    assert!(
        text.contains("did you mean \"E00000\"?"),
        "{}",
        &text[..2000]
    );
}

#[test]
fn a_one_mebibyte_cell_is_answered_quickly_and_not_echoed_whole() {
    let huge = "Utrecht".repeat(150_000); // 1 MB
    let experts = format!(
        "id,roles,certified,themes,place,availability\nE1,buddy,yes,autisme,{huge},mon-am\n"
    );
    let requests =
        format!("id,org,role,themes,place,pinned_expert\nR1,Org,buddy,autisme,Utrecht,{huge}\n");
    let errs = within(10, "a 1 MB cell", || {
        load(&experts, &requests, None).unwrap_err()
    });
    let text = errs.to_string();
    assert_eq!(errs.count(), 2, "{text:.3000}");
    assert!(text.len() < 2_000, "{} bytes of messages", text.len());
    assert!(text.contains("… (1050000 characters)"), "{text}");
}

#[test]
fn long_values_and_messages_are_cut_in_messages() {
    let e = ingest::InputError {
        file: "f.csv".into(),
        line: Some(2),
        row: None,
        column: Some((3, "place".into())),
        value: Some("ab\"c".repeat(1000)),
        problem: "x".repeat(10_000).into(),
    };
    let shown = e.to_string();
    assert!(shown.len() < 1_000, "{shown}");
    assert!(
        shown.starts_with("f.csv:2:3 (C2): column 'place': \"ab\\\"cab"),
        "{shown}"
    );
    assert!(shown.contains("… (4000 characters)"), "{shown}");
    assert!(shown.ends_with("… (10000 characters)"), "{shown}");
    // Short ones are whole.
    let e = ingest::InputError {
        value: Some("Utrech".into()),
        problem: ingest::Problem::UnknownPlace(None),
        ..e
    };
    assert_eq!(
        e.to_string(),
        "f.csv:2:3 (C2): column 'place': \"Utrech\": is not in the places table (or give lat and lon columns)"
    );
}

#[test]
fn near_names_agree_with_a_plain_search() {
    // The pruned search gives what an edit distance to every name gives.
    let names: Vec<String> = (0..3000)
        .map(|i| format!("E{:04}{}", i * 7 % 10_000, ["", "a", "bc"][i % 3]))
        .collect();
    let near = NearNames::new(names.iter().map(String::as_str));
    for q in [
        "E0007", "E007", "E00077", "e0014a", "E0021bc", "X9999", "E 0028", "0007E",
    ] {
        let n = matchpunt::model::normalize(q);
        let limit = (n.chars().count() / 4).max(1);
        let mut best: Option<(usize, &str)> = None;
        for c in &names {
            let d = strsim::damerau_levenshtein(&n, &matchpunt::model::normalize(c));
            if d <= limit && best.is_none_or(|(bd, _)| d < bd) {
                best = Some((d, c));
            }
        }
        assert_eq!(near.closest(q).copied(), best.map(|b| b.1), "{q}");
    }
}
