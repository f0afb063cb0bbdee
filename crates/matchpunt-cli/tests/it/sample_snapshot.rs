//! Golden outputs of the weekly batch on the bundled sample (`data/sample`), with 1 and with 2
//! threads, in English and in Dutch (`--lang nl`): the files must be byte-identical to the
//! reviewed snapshots in `snapshots/`, so that every changed word is reviewed.
//!
//! After an intended change of behaviour, review the new outputs and update them with
//! `INSTA_UPDATE=always cargo test -p matchpunt-cli --test it sample_snapshot::`.

use crate::harness::{bin, sample};
use std::path::Path;

/// `matchpunt ARGS --data SAMPLE --out OUT`, which must succeed: its stdout.
fn run_into(out: &Path, args: &[&str]) -> String {
    let o = bin()
        .args(args)
        .arg("--data")
        .arg(sample())
        .arg("--out")
        .arg(out)
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    String::from_utf8(o.stdout).unwrap()
}

fn run_sample(threads: &str, lang: &str) -> (String, String, String, String) {
    let out = tempfile::tempdir().unwrap();
    let stdout = run_into(out.path(), &["--threads", threads, "run", "--lang", lang]);
    // The summary without the timing line and the paths.
    let summary: String = stdout
        .lines()
        .filter(|l| {
            !l.starts_with("time:")
                && !l.starts_with("tijd:")
                && !l.starts_with("wrote ")
                && !l.starts_with("geschreven: ")
                && !l.starts_with("read ")
                && !l.starts_with("gelezen: ")
        })
        .map(|l| format!("{}\n", l.replace(&out.path().display().to_string(), "OUT")))
        .collect();
    let read = |f: &str| std::fs::read_to_string(out.path().join(f)).unwrap();
    (
        summary,
        read("assignments.csv"),
        read("unmatched.csv"),
        read("experts.csv"),
    )
}

/// The sample's four outputs in `lang` with one thread against their snapshots, named with
/// `suffix` (`summary{suffix}`, ...); returns them.
fn assert_snapshots(lang: &str, suffix: &str) -> (String, String, String, String) {
    let outputs = run_sample("1", lang);
    let (summary, assignments, unmatched, experts) = &outputs;
    insta::assert_snapshot!(format!("summary{suffix}"), summary);
    insta::assert_snapshot!(format!("assignments{suffix}"), assignments);
    insta::assert_snapshot!(format!("unmatched{suffix}"), unmatched);
    insta::assert_snapshot!(format!("experts{suffix}"), experts);
    outputs
}

#[test]
fn sample_batch_outputs_are_stable() {
    let one = assert_snapshots("en", "");
    assert_eq!(
        run_sample("2", "en"),
        one,
        "outputs depend on the thread count"
    );
}

#[test]
fn sample_batch_outputs_in_dutch_are_stable() {
    assert_snapshots("nl", "_nl");
}

/// `cmd` on the sample in `lang`: stdout, then stderr after a `--- stderr` line, with the
/// sample's path as `DATA` and a temporary folder as `OUT`.
fn on_sample(cmd: &[&str], lang: &str, out: &std::path::Path) -> String {
    let o = bin()
        .args(cmd)
        .args(["--lang", lang, "--data"])
        .arg(sample())
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let text = format!(
        "{}--- stderr\n{}",
        String::from_utf8(o.stdout).unwrap(),
        String::from_utf8(o.stderr).unwrap()
    );
    text.replace(&sample().display().to_string(), "DATA")
        .replace(&out.display().to_string(), "OUT")
}

/// `check` and `metrics` on the sample, in English and Dutch: every word of their tables,
/// warnings and reasons is reviewed here (the Dutch output has no English left of its own; the
/// column names of the metrics are identifiers and stay).
#[test]
fn check_and_metrics_in_both_languages_are_stable() {
    let out = tempfile::tempdir().unwrap();
    run_into(out.path(), &["run"]);
    let assignments = out.path().join("assignments.csv");
    let assignments = assignments.to_str().unwrap();
    for lang in ["en", "nl"] {
        insta::assert_snapshot!(
            format!("check_{lang}"),
            on_sample(&["check"], lang, out.path())
        );
        insta::assert_snapshot!(
            format!("metrics_{lang}"),
            on_sample(&["metrics", "--assignments", assignments], lang, out.path())
        );
    }
    let nl = on_sample(&["check"], "nl", out.path());
    for english in [
        "warning:",
        "by role",
        "eligible pairs",
        " as \"",
        "meet the rules",
    ] {
        assert!(!nl.contains(english), "{english:?} in Dutch check:\n{nl}");
    }
}
