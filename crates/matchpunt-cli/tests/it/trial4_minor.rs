//! Smaller faults of the fourth new-user trial, on the real binary: `serve --bind
//! localhost:8080` (#19) and guessable access tokens (#14).

use crate::harness::{bin, sample};
use std::time::{Duration, Instant};

/// Runs `serve` with `args` and the token `token` (if any); its stderr and exit code, or None
/// when it was still serving after 30 s (then it is stopped).
fn serve(args: &[&str], token: Option<&str>) -> Option<(String, i32)> {
    let mut c = bin();
    c.arg("serve").arg("--data").arg(sample()).args(args);
    c.env_remove("MATCHPUNT_TOKEN");
    if let Some(t) = token {
        c.env("MATCHPUNT_TOKEN", t);
    }
    c.stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::piped());
    let mut child = c.spawn().unwrap();
    let t0 = Instant::now();
    while t0.elapsed() < Duration::from_secs(30) {
        if let Some(status) = child.try_wait().unwrap() {
            let mut err = String::new();
            use std::io::Read;
            child
                .stderr
                .take()
                .unwrap()
                .read_to_string(&mut err)
                .unwrap();
            return Some((err, status.code().unwrap_or(-1)));
        }
        std::thread::sleep(Duration::from_millis(100));
    }
    child.kill().unwrap();
    child.wait().unwrap();
    None
}

#[test]
fn a_bind_address_that_is_no_address_says_what_to_write() {
    let (err, code) = serve(&["--bind", "localhost:99999"], None).expect("refused");
    assert_eq!(code, 2, "{err}");
    assert!(
        err.contains("write e.g. 127.0.0.1:8080 (or localhost:8080)"),
        "{err}"
    );
}

#[test]
fn the_trials_guessable_tokens_are_refused() {
    for t in [
        "matchpuntmatchpuntmatchpunt1",
        "abcdefghijklmnopqrstuvwxyz012345",
        "passwordpassword1234567890",
        "Utrecht-Jeugdzorg-2026-match",
    ] {
        let (err, code) = serve(&["--bind", "0.0.0.0:0"], Some(t)).expect("refused");
        assert_ne!(code, 0, "{t}: {err}");
        assert!(err.contains("too easy to guess"), "{t}: {err}");
        assert!(!err.contains(t), "the token is echoed: {err}");
    }
}

/// #17: phone numbers in messages.csv are written as typed, without the formula guard's `'`
/// (a mail merge printed it); a formula in a cell is still made inert.
#[test]
fn phone_numbers_reach_the_mail_merge_as_typed() {
    let dir = crate::harness::fixture_copy("trial4-phone-numbers");
    let d = dir.path();
    crate::harness::ok_in(d, &["ledger", "init", "s.ledger"]);
    let run = [
        "run",
        "--ledger",
        "s.ledger",
        "--data",
        ".",
        "--week",
        crate::harness::WEEK,
    ];
    crate::harness::ok_in(d, &[&run[..], &["--out", "w"]].concat());
    let week = ["--week", crate::harness::WEEK, "--out", "mail"];
    crate::harness::ok_in(
        d,
        &[&["messages", "--ledger", "s.ledger"][..], &week[..]].concat(),
    );
    let m = std::fs::read_to_string(d.join("mail/messages.csv")).unwrap();
    assert!(
        m.contains("+31612345678") && m.contains("+31 30 1234567"),
        "{m}"
    );
    assert!(!m.contains("'+31"), "{m}");
}
