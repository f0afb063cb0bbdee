//! The files of `matchpunt messages` (trial 3, #18): errors in the reader's language with
//! every bad row listed, the Dutch headers of organisations.csv and of a template file
//! accepted, and docs/reference/data.md listing those headers and every placeholder.

use crate::harness::{fixture_copy, ok_in, run_in, stderr, WEEK};
use std::path::Path;

/// A ledger with a run of week 2026-W48 of the fixture's batch, in `d`.
fn ledger_with_a_run(d: &Path) {
    ok_in(d, &["ledger", "init", "s.ledger"]);
    ok_in(
        d,
        &[
            "run", "--ledger", "s.ledger", "--data", ".", "--week", WEEK, "--out", "w1",
        ],
    );
}

fn messages(d: &Path, extra: &[&str]) -> std::process::Output {
    let mut args = vec![
        "messages", "--ledger", "s.ledger", "--week", WEEK, "--out", "m",
    ];
    args.extend(extra);
    run_in(d, &args)
}

/// The trial's files: each error in Dutch, every bad row listed, nothing written.
#[test]
fn the_trials_message_files_are_refused_in_dutch_with_every_row() {
    let dir = fixture_copy("trial3-message-files");
    let d = dir.path();
    ledger_with_a_run(d);
    let o = messages(d, &["--templates", "t.csv", "--lang", "nl"]);
    let err = stderr(&o);
    assert_eq!(o.status.code(), Some(1), "{err}");
    assert!(err.contains("t.csv: 1 fout:"), "{err}");
    assert!(
        err.contains("t.csv:2:3: onbekende plaatshouder {naam}"),
        "{err}"
    );
    assert!(err.contains("{meeting}, {trajectory}"), "{err}");
    let o = messages(d, &["--templates", "t2.csv", "--lang", "nl"]);
    let err = stderr(&o);
    assert!(err.contains("t2.csv: 2 fouten:"), "{err}");
    assert!(
        err.contains("t2.csv:2:2: taal \"de\": verwacht nl of en"),
        "{err}"
    );
    assert!(
        err.contains("t2.csv:3:1: bericht \"foo-bar\" is geen van"),
        "{err}"
    );
    // The organisations file with the Dutch header: read; its bad language said in Dutch.
    let o = messages(d, &["--organisations", "o.csv", "--lang", "nl"]);
    let err = stderr(&o);
    assert!(!err.contains("expected the columns"), "{err}");
    assert!(
        err.contains("o.csv:2:2: taal \"fr\": verwacht nl of en"),
        "{err}"
    );
    assert!(!d.join("m").exists(), "nothing written");
    // In English the same rows, in English.
    let err = stderr(&messages(d, &["--templates", "t2.csv", "--lang", "en"]));
    assert!(err.contains("t2.csv: 2 errors:"), "{err}");
    assert!(err.contains("language \"de\": expected nl or en"), "{err}");
}

/// Dutch headers everywhere: `bericht;taal;tekst` and `naam;taal` with good rows are read, and
/// their texts and languages are used.
#[test]
fn dutch_headers_of_both_files_are_read() {
    let dir = fixture_copy("trial3-message-files");
    let d = dir.path();
    ledger_with_a_run(d);
    std::fs::write(
        d.join("nl.csv"),
        "bericht;taal;tekst\nproposal-expert;nl;Beste {name}, een voorstel van {org}.\n",
    )
    .unwrap();
    std::fs::write(d.join("orgs.csv"), "naam;taal\nKwintes;en\n").unwrap();
    let out = ok_in(
        d,
        &[
            "messages",
            "--ledger",
            "s.ledger",
            "--week",
            WEEK,
            "--out",
            "m",
            "--templates",
            "nl.csv",
            "--organisations",
            "orgs.csv",
            "--lang",
            "nl",
        ],
    );
    let text = std::fs::read_to_string(d.join("m/messages.csv")).unwrap();
    assert!(text.contains("een voorstel van"), "{out}\n{text}");
}

/// docs/reference/data.md names every header alias and placeholder of the two files.
#[test]
fn the_data_reference_lists_the_message_files_headers_and_placeholders() {
    let doc = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("../../docs/reference/data.md"),
    )
    .unwrap();
    let at = doc
        .find("## Files of `matchpunt messages`")
        .expect("data.md has the messages section");
    let section = &doc[at..];
    let section = &section[..section[3..].find("\n## ").map_or(section.len(), |i| i + 3)];
    use matchpunt::report::mail::{ORG_LANGUAGE_ALIASES, PLACEHOLDERS, TEMPLATE_ALIASES};
    for (column, aliases) in TEMPLATE_ALIASES.iter().chain(ORG_LANGUAGE_ALIASES).chain(
        matchpunt::ingest::sheet::ORGANISATION_ALIASES
            .iter()
            .skip(1),
    ) {
        assert!(section.contains(&format!("`{column}`")), "{column}");
        for a in *aliases {
            assert!(section.contains(&format!("`{a}`")), "{column}: {a}");
        }
    }
    for p in PLACEHOLDERS {
        assert!(section.contains(&format!("`{{{p}}}`")), "placeholder {p}");
    }
    for key in matchpunt::report::mail::Templates::keys() {
        let kind = key.split('-').next().unwrap();
        assert!(
            section.contains(&format!("`{kind}`")),
            "message kind {kind}"
        );
    }
}

/// The fifth new-user trial: `messages --out week.xlsx` replaced the workbook that `run --out
/// week.xlsx` had written (only the messages sheet was left). A workbook at that name with
/// sheets `messages` does not write is refused, named, and kept byte for byte; one that
/// `messages` wrote itself is replaced.
#[test]
fn messages_never_replace_a_workbook_they_did_not_write() {
    let dir = fixture_copy("trial3-message-files");
    let d = dir.path();
    ok_in(d, &["ledger", "init", "s.ledger"]);
    ok_in(
        d,
        &[
            "run",
            "--ledger",
            "s.ledger",
            "--data",
            ".",
            "--week",
            WEEK,
            "--out",
            "week.xlsx",
        ],
    );
    let before = std::fs::read(d.join("week.xlsx")).unwrap();
    let msg = |out: &str| {
        run_in(
            d,
            &[
                "messages", "--ledger", "s.ledger", "--week", WEEK, "--out", out,
            ],
        )
    };
    let o = msg("week.xlsx");
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    assert!(
        stderr(&o).contains("week.xlsx exists and holds sheets this command does not write"),
        "{}",
        stderr(&o)
    );
    assert_eq!(std::fs::read(d.join("week.xlsx")).unwrap(), before);
    for _ in 0..2 {
        let o = msg("berichten.xlsx");
        assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    }
}
