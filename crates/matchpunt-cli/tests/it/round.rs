//! The weekly round through the real binary: run, decide, re-run.

use crate::harness::{fixture, run, sample, words};
use std::fs;
use std::path::Path;
use std::process::Output;

/// (request, expert) pairs of an assignments.csv.
fn pairs(path: &Path) -> Vec<(String, String)> {
    fs::read_to_string(path)
        .unwrap()
        .lines()
        .skip(1)
        .map(|l| {
            let mut c = l.split(',');
            (c.next().unwrap().to_string(), c.next().unwrap().to_string())
        })
        .collect()
}

/// `run --data DATA --previous w1/assignments.csv [extra] --out OUT` in `d`: the round after
/// the run into `w1`.
fn rerun(d: &Path, data: &str, extra: &[&str], out: &str) -> Output {
    let mut args = vec!["run", "--data", data, "--previous", "w1/assignments.csv"];
    args.extend(extra);
    args.extend(["--out", out]);
    run(&args, d)
}

#[test]
fn decide_and_rerun() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let data = sample().display().to_string();
    let o = run(&["run", "--data", &data, "--out", "w1"], d);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let first = pairs(&d.join("w1/assignments.csv"));
    let (accept, decline) = (&first[0], &first[1]);
    fs::write(
        d.join("decisions.csv"),
        format!(
            "request;expert;decision\n{};{};geaccepteerd\n{};{};afgewezen\n",
            accept.0, accept.1, decline.0, decline.1
        ),
    )
    .unwrap();
    let o = rerun(d, &data, &["--decisions", "decisions.csv"], "w2");
    let stdout = String::from_utf8_lossy(&o.stdout);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let second = pairs(&d.join("w2/assignments.csv"));
    assert!(second.contains(accept));
    assert!(!second.contains(decline));
    let changes = fs::read_to_string(d.join("w2/changes.csv")).unwrap();
    // The set's dialect (here intl: a BOM and `,`), like assignments.csv.
    let assignments = fs::read_to_string(d.join("w2/assignments.csv")).unwrap();
    assert!(assignments.starts_with("\u{feff}request,"));
    assert!(
        changes.starts_with("\u{feff}request,expert,change,why,decision\n"),
        "{changes}"
    );
    assert!(
        changes.contains(&format!(
            "{},{},dropped,declined,declined",
            decline.0, decline.1
        )),
        "{changes}"
    );
    assert!(stdout.contains("round: "), "{stdout}");
    // Without decisions, a re-run on the same data keeps every proposal.
    let o = rerun(d, &data, &[], "w3");
    assert!(o.status.success());
    assert_eq!(pairs(&d.join("w3/assignments.csv")), first);
    let stdout = String::from_utf8_lossy(&o.stdout);
    assert!(
        stdout.contains(&format!(
            "round: {} proposal(s) kept (0 accepted), 0 dropped, 0 new",
            first.len()
        )),
        "{stdout}"
    );
}

#[test]
fn a_bad_decision_is_located_and_nothing_is_written() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let data = sample().display().to_string();
    assert!(run(&["run", "--data", &data, "--out", "w1"], d)
        .status
        .success());
    fs::write(
        d.join("decisions.csv"),
        "request,expert,decision\nR00002,E0009,misschien\n",
    )
    .unwrap();
    let o = rerun(d, &data, &["--decisions", "decisions.csv"], "w2");
    let err = String::from_utf8_lossy(&o.stderr);
    assert_eq!(o.status.code(), Some(1), "{err}");
    assert!(
        err.contains(
            "decisions.csv:2:3 (C2): column 'decision': \"misschien\": expected accepted or declined"
        ),
        "{err}"
    );
    assert!(!d.join("w2").join("assignments.csv").exists());
    // Decisions without the previous run are a usage error.
    let o = run(
        &[
            "run",
            "--data",
            &data,
            "--decisions",
            "decisions.csv",
            "--out",
            "w3",
        ],
        d,
    );
    assert_eq!(o.status.code(), Some(2));
}

/// The case round-decline-of-a-pinned-proposal-panics: on the bundled sample, E0043 declines
/// R00023, which pins E0043|E0067 in requests.csv. The round used to panic in the fix search
/// ("an accepted pin is eligible", exit 101); now the declined pin is a pin conflict, the round
/// finishes, writes its set, and never proposes the declined pair again.
#[test]
fn declining_a_pinned_proposal_is_a_pin_conflict() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let case = fixture("round-decline-of-a-pinned-proposal-panics");
    for f in [
        "experts.csv",
        "requests.csv",
        "history.csv",
        "decisions.csv",
    ] {
        fs::copy(case.join(f), d.join(f)).unwrap();
    }
    let o = run(
        &[
            "run", "--data", ".", "--out", "week48", "--week", "2026-W48",
        ],
        d,
    );
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let first = pairs(&d.join("week48/assignments.csv"));
    assert!(first.contains(&("R00023".into(), "E0043".into())));
    let o = run(
        &words("run --data . --previous week48/assignments.csv --decisions decisions.csv --out week48-round2 --week 2026-W48"),
        d,
    );
    let stderr = String::from_utf8_lossy(&o.stderr);
    assert_eq!(o.status.code(), Some(0), "{stderr}");
    assert!(!stderr.contains("panicked"), "{stderr}");
    let now = pairs(&d.join("week48-round2/assignments.csv"));
    assert!(!now.contains(&("R00023".into(), "E0043".into())), "{now:?}");
    assert!(now.contains(&("R00023".into(), "E0067".into())), "{now:?}");
    let changes = fs::read_to_string(d.join("week48-round2/changes.csv")).unwrap();
    assert!(
        changes.contains("R00023,E0043,dropped,declined,declined"),
        "{changes}"
    );
    let stdout = String::from_utf8_lossy(&o.stdout);
    assert!(stdout.contains("E0043 declined this request"), "{stdout}");
}
