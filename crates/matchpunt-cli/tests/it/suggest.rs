//! `suggest` (alias `shortlist`) and `explain` through the real binary.
//!
//! - `fixtures/shortlist-ignores-batch/`: a phone request (TEL1 in `requests.csv`) whose best
//!   candidate is booked in its slot by this week's batch (`requests-batch.csv`). With the
//!   batch's assignments she must not be suggested.
//! - An inline request and the same request from a file give identical output (text in both
//!   languages, and JSON).
//! - Snapshots (insta) of the English and Dutch texts and of the JSON on the sample batch.

use crate::harness::{bin, expert_ids as ids, fixture_copy as fixture, ok, run, sample, words};
use std::fs;
use std::path::Path;
use std::process::Output;

fn json(o: &Output) -> serde_json::Value {
    serde_json::from_str(&ok(o)).unwrap()
}

/// Runs this week's batch of the fixture (without the phone request) into `out/`.
fn batch(dir: &Path) {
    ok(&run(
        &words("run --data . --requests requests-batch.csv --out out"),
        dir,
    ));
}

/// `suggest` for the phone request TEL1 with the assignments of the fixture's batch
/// ([`batch`]).
const TEL1_AFTER_BATCH: [&str; 7] = [
    "suggest",
    "--data",
    ".",
    "--request",
    "TEL1",
    "--assignments",
    "out/assignments.csv",
];

#[test]
fn a_candidate_booked_in_the_slot_this_week_is_not_suggested() {
    let d = fixture("shortlist-ignores-batch");
    batch(d.path());
    let alone = json(&run(
        &words("suggest --data . --request TEL1 --format json"),
        d.path(),
    ));
    let alone = ids(&alone, "candidates");
    // The batch books one of TEL1's candidates on TEL1's slot, mon-eve (R02; under the
    // previous default policy Mila Bos, E09, the first; under the season default Chloë
    // Willems, E15, the second). Whoever it is must not be suggested.
    let assignments = fs::read_to_string(d.path().join("out/assignments.csv")).unwrap();
    let booked: Vec<String> = assignments
        .lines()
        // The outputs follow the input's dialect: `;` here.
        .map(|l| l.split(';').collect::<Vec<_>>())
        .filter(|f| f.len() > 4 && f[4] == "mon-eve")
        .map(|f| f[1].to_string())
        .collect();
    assert!(
        booked.iter().any(|e| alone.contains(e)),
        "the batch books none of {alone:?} on mon-eve, so the test shows nothing:\n{assignments}"
    );
    for cmd in ["suggest", "shortlist"] {
        let v = json(&run(
            &words(&format!(
                "{cmd} --data . --request TEL1 --assignments out/assignments.csv --format json"
            )),
            d.path(),
        ));
        let cands = ids(&v, "candidates");
        assert!(!cands.is_empty());
        for e in &booked {
            assert!(!cands.contains(e), "{e} in {cands:?}");
        }
        // Three eligible; one booked in the slot, one at her (rolling) load limit.
        assert_eq!(v["free"], 1);
        assert_eq!(v["eligible"], 3);
        for c in v["candidates"].as_array().unwrap() {
            assert!(c["week"]["load_left_after"].as_i64().unwrap() >= 0, "{c}");
        }
        // E01 has one assignment this week: the load left after TEL1 is shown.
        let e01 = v["candidates"]
            .as_array()
            .unwrap()
            .iter()
            .find(|c| c["expert"] == "E01")
            .unwrap();
        assert_eq!(e01["week"]["assignments"], 1);
        assert_eq!(e01["week"]["load_left_after"], 0);
        // The booked candidate is a near miss: booked in the slot.
        let near = v["near_misses"].as_array().unwrap();
        let busy = near
            .iter()
            .find(|n| booked.iter().any(|e| n["expert"] == e.as_str()));
        assert_eq!(
            busy.expect("the booked expert is a near miss")["code"],
            "busy-in-slot"
        );
    }
    let text = ok(&run(&TEL1_AFTER_BATCH, d.path()));
    let busy = booked.iter().find(|e| alone.contains(e)).unwrap();
    assert!(
        text.contains(&format!("({busy}): is already booked on mon-eve this week")),
        "{text}"
    );
    // Avoided themes never show (E09's is trauma).
    assert!(!text.to_lowercase().contains("trauma"), "{text}");
}

#[test]
fn an_inline_request_and_the_same_request_from_a_file_give_identical_output() {
    let d = fixture("shortlist-ignores-batch");
    batch(d.path());
    let inline = [
        "suggest",
        "--data",
        ".",
        "--requests",
        "requests-batch.csv",
        "--id",
        "TEL1",
        "--org",
        "Wijkteam Zeist",
        "--role",
        "maatje",
        "--themes",
        "depressie",
        "--place",
        "Zeist",
        "--slot",
        "ma-avond",
        "--client-age",
        "17",
        "--priority",
        "spoed",
        "--assignments",
        "out/assignments.csv",
    ];
    let by_id = TEL1_AFTER_BATCH;
    for extra in [
        &[][..],
        &["--lang", "nl"],
        &["--format", "json"],
        &["--format", "json", "--lang", "nl"],
    ] {
        let a: Vec<&str> = inline.iter().chain(extra.iter()).copied().collect();
        let b: Vec<&str> = by_id.iter().chain(extra.iter()).copied().collect();
        let (oa, ob) = (run(&a, d.path()), run(&b, d.path()));
        assert_eq!(ok(&oa), ok(&ob), "{extra:?}");
        assert!(ok(&oa).contains("E01"));
    }
    // And without bookings.
    let a: Vec<&str> = inline[..inline.len() - 2].to_vec();
    let b: Vec<&str> = by_id[..by_id.len() - 2].to_vec();
    assert_eq!(ok(&run(&a, d.path())), ok(&run(&b, d.path())));
}

#[test]
fn a_bad_inline_value_names_the_option_like_a_bad_cell() {
    let o = run(
        &words("suggest --role spreker --themes pesten --org X --place Rotterdm --slot wo-midag --client-age abc"),
        &sample().join("../.."),
    );
    assert_eq!(o.status.code(), Some(1));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(err.contains("--slot \"wo-midag\": is not a slot"), "{err}");
    assert!(
        err.contains(
            "--place \"Rotterdm\": is not in the places table; did you mean \"Rotterdam\" (Zuid-Holland)?"
        ),
        "{err}"
    );
    assert!(
        err.contains("--client-age \"abc\": expected a whole number"),
        "{err}"
    );
    // Neither --request nor --role: a usage error.
    let o = run(&["suggest"], &sample().join("../.."));
    assert_eq!(o.status.code(), Some(2));
}

#[test]
fn a_bad_cell_in_an_unrelated_row_warns_but_does_not_block_a_suggestion() {
    let d = fixture("shortlist-ignores-batch");
    let p = d.path().join("experts.csv");
    let text = fs::read_to_string(&p).unwrap();
    // E03 (a trainer in Den Haag) gets an unreadable certified cell.
    let broken = text.replace(
        "E03;Noah van den Berg;trainer|spreker;ja;",
        "E03;Noah van den Berg;trainer|spreker;misschien;",
    );
    assert_ne!(broken, text);
    fs::write(&p, broken).unwrap();
    let o = run(&["suggest", "--data", ".", "--request", "TEL1"], d.path());
    let out = ok(&o);
    assert!(out.contains("E09"), "{out}");
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(
        err.contains("experts.csv:4:4 (D4): column 'Certified': \"misschien\""),
        "{err}"
    );
    assert!(err.contains("left out"), "{err}");
    // The weekly batch still refuses the file.
    let o = run(&["run", "--data", ".", "--out", "out2"], d.path());
    assert_eq!(o.status.code(), Some(1));
}

#[test]
fn an_inline_org_close_to_an_excluded_one_is_excluded_too() {
    let d = fixture("shortlist-ignores-batch");
    // E01 excludes "Jeugdzorg Utrecht Oost"; a phone request from "Jeugdzorg Utrecht Oos".
    let v = json(&run(
        &[
            "suggest",
            "--data",
            ".",
            "--role",
            "maatje",
            "--themes",
            "angst",
            "--place",
            "Utrecht",
            "--org",
            "Jeugdzorg Utrecht Oos",
            "--format",
            "json",
        ],
        d.path(),
    ));
    assert!(!ids(&v, "candidates").contains(&"E01".to_string()), "{v}");
}

#[test]
fn explain_a_request_and_an_expert_of_the_fixture() {
    let d = fixture("shortlist-ignores-batch");
    batch(d.path());
    let common = ["--data", ".", "--requests", "requests-batch.csv"];
    for from_file in [false, true] {
        let mut a: Vec<&str> = vec!["explain"];
        a.extend(common);
        if from_file {
            a.extend(["--assignments", "out/assignments.csv"]);
        }
        let mut r = a.clone();
        r.extend(["--request", "R01", "--format", "json"]);
        let v = json(&run(&r, d.path()));
        assert_eq!(v["schema"], "matchpunt.explain-request/1");
        assert_eq!(v["assigned"][0]["expert"], "E01");
        let mut e = a.clone();
        e.extend(["--expert", "E09", "--format", "json"]);
        let v = json(&run(&e, d.path()));
        // E09's one assignment of the batch (R10 under the season default).
        assert_eq!(v["assignments"][0]["request"], "R10");
    }
    // An assignments file that does not fit the inputs is refused.
    fs::write(d.path().join("bad.csv"), "request,expert\nR01,E99\n").unwrap();
    let mut a: Vec<&str> = vec!["explain"];
    a.extend(common);
    a.extend(["--assignments", "bad.csv", "--request", "R01"]);
    let o = run(&a, d.path());
    assert_eq!(o.status.code(), Some(1));
    assert!(
        String::from_utf8_lossy(&o.stderr).contains("bad.csv:2:2 (B2): column 'expert': \"E99\"")
    );
}

fn sample_args<'a>(extra: &[&'a str]) -> Vec<&'a str> {
    extra.to_vec()
}

fn snap(args: &[&str]) -> String {
    let mut a: Vec<String> = vec![args[0].to_string(), "--data".into()];
    a.push(sample().display().to_string());
    a.extend(args[1..].iter().map(|s| s.to_string()));
    let o = bin().args(&a).output().unwrap();
    ok(&o)
}

#[test]
fn snapshots_of_the_texts_in_english_and_dutch_and_of_the_json() {
    for (name, args) in [
        (
            "suggest_by_id",
            sample_args(&["suggest", "--request", "R00002"]),
        ),
        (
            "suggest_inline",
            sample_args(&[
                "suggest",
                "--role",
                "speaker",
                "--themes",
                "pesten,autisme",
                "--place",
                "Rotterdam",
                "--slot",
                "wo-middag",
                "--org",
                "Gemeente Rotterdam",
                "--top",
                "3",
            ]),
        ),
        (
            "explain_request_filled",
            sample_args(&["explain", "--request", "R00002"]),
        ),
        (
            "explain_request_open",
            sample_args(&["explain", "--request", "R00038"]),
        ),
        (
            "explain_expert",
            sample_args(&["explain", "--expert", "E0068"]),
        ),
    ] {
        let en = snap(&args);
        let mut nl_args = args.clone();
        nl_args.extend(["--lang", "nl"]);
        let nl = snap(&nl_args);
        let mut json_args = args.clone();
        json_args.extend(["--format", "json"]);
        let js = snap(&json_args);
        serde_json::from_str::<serde_json::Value>(&js).unwrap();
        insta::assert_snapshot!(format!("{name}_en"), en);
        insta::assert_snapshot!(format!("{name}_nl"), nl);
        insta::assert_snapshot!(format!("{name}_json"), js);
    }
}

/// `suggest --request R1` in JSON with the bookings of `bookings.csv` (the case
/// suggest-booking-without-slot): the answer and stderr.
fn suggest_r1_with_bookings(dir: &Path) -> (serde_json::Value, String) {
    let args = [
        "suggest",
        "--request",
        "R1",
        "--data",
        ".",
        "--assignments",
        "bookings.csv",
        "--week",
        "2026-W48",
        "--format",
        "json",
    ];
    let o = run(&args, dir);
    (json(&o), String::from_utf8_lossy(&o.stderr).into_owned())
}

/// The case suggest-booking-without-slot: E1 is booked on R9 (mon-am) by a row whose slot cell
/// is empty. It used to be suggested for R1 in that same slot; now the booking takes the
/// request's slot from the batch, with a warning naming the row, and E1 is a near miss. E2's
/// booking is on a flexible request (`*`), which takes no slot, as in the batch.
#[test]
fn a_booking_without_a_slot_takes_the_requests_slot() {
    let dir = fixture("suggest-booking-without-slot");
    let (v, stderr) = suggest_r1_with_bookings(dir.path());
    let suggested = ids(&v, "candidates");
    assert!(!suggested.contains(&"E1".to_string()), "{suggested:?}");
    assert!(!suggested.contains(&"E3".to_string()), "{suggested:?}");
    assert!(
        stderr.contains("bookings.csv:2: booking of expert E1 on \"R9\" has an empty slot"),
        "{stderr}"
    );
}

/// A booking of a request the batch does not know, with an empty slot, leaves the day open:
/// the expert is unavailable this week, with a warning. Ids in the bookings are compared as in
/// experts.csv: `e1` and `E1` with a zero-width space are E1.
#[test]
fn a_booking_of_an_unknown_request_without_a_slot_makes_the_expert_unavailable() {
    let dir = fixture("suggest-booking-without-slot");
    fs::write(
        dir.path().join("bookings.csv"),
        "aanvraag;deskundige;dagdeel;intensiteit\nR77;e1;;1\nR9;E\u{200b}3 ;ma-ochtend;1\n",
    )
    .unwrap();
    let (v, stderr) = suggest_r1_with_bookings(dir.path());
    let suggested = ids(&v, "candidates");
    assert_eq!(suggested, ["E2"], "{stderr}");
    assert!(stderr.contains("bookings.csv:2:"), "{stderr}");
    assert!(
        stderr.contains("treated as unavailable this week"),
        "{stderr}"
    );
    assert!(!stderr.contains("not in the experts file"), "{stderr}");
}
