//! Options and cells beyond any real use are refused or cut short, never a panic or an
//! allocation of gigabytes: `--time-limit`, `simulate --weeks` and `--requests-per-week`, and a
//! 1 MiB theme cell in `check`.

use crate::harness::{run, sample, text};
use std::path::Path;
use std::time::{Duration, Instant};

/// Every subcommand with `--time-limit` takes it through one parser: 0 to 1,000,000 seconds.
/// `1e20` panicked in `compare` and `serve` (a `Duration` overflow).
#[test]
fn every_time_limit_is_bounded_by_one_parser() {
    let dir = tempfile::tempdir().unwrap();
    for cmd in ["run", "explain", "compare", "serve"] {
        for bad in ["1e20", "-1", "NaN", "inf", "1000001", "2,5"] {
            let o = run(&[cmd, "--time-limit", bad], dir.path());
            let stderr = String::from_utf8_lossy(&o.stderr);
            assert_eq!(o.status.code(), Some(2), "{cmd} {bad}: {stderr}");
            assert!(!stderr.contains("panicked"), "{cmd} {bad}: {stderr}");
            assert!(
                stderr.contains("expected a number of seconds from 0 to 1000000"),
                "{cmd} {bad}: {stderr}"
            );
        }
    }
}

/// `simulate --weeks 1000000` and `--requests-per-week 1e9` aborted at 4-5.5 GB; now they are
/// usage errors stating the bound, as is a product of the two above 2,000,000 requests.
#[test]
fn simulate_sizes_are_bounded() {
    let data = sample();
    let data = data.to_str().unwrap();
    for (args, says) in [
        (vec!["--weeks", "1000000"], "1..=520"),
        (vec!["--weeks", "0"], "1..=520"),
        (vec!["--requests-per-week", "1000000000"], "0..=2000000"),
        (vec!["--requests-per-week", "1e9"], "--requests-per-week"),
    ] {
        let mut all = vec!["simulate", "--data", data];
        all.extend(&args);
        let o = run(&all, Path::new("."));
        let stderr = String::from_utf8_lossy(&o.stderr);
        assert_eq!(o.status.code(), Some(2), "{args:?}: {stderr}");
        assert!(stderr.contains(says), "{args:?}: {stderr}");
    }
    let t = Instant::now();
    let o = run(
        &[
            "simulate",
            "--data",
            data,
            "--weeks",
            "520",
            "--requests-per-week",
            "10000",
        ],
        Path::new("."),
    );
    let stderr = String::from_utf8_lossy(&o.stderr);
    assert_eq!(o.status.code(), Some(1), "{stderr}");
    assert!(
        stderr.contains("is 5200000 requests: expected at most 2000000 over all weeks"),
        "{stderr}"
    );
    assert!(t.elapsed() < Duration::from_secs(10));
}

/// A 1 MiB theme cell: `check` took 6-9 s (release; minutes in a debug build) in the "did you
/// mean" and echoed the cell twice in full. Now it is quick and quotes 80 characters and "…".
#[test]
fn a_huge_theme_cell_is_checked_quickly_and_not_echoed_whole() {
    // Beyond the cell limit (10,000 characters) the cell is an input error naming it, quoted
    // short; below it, `check` lists the unknown theme cut at 80 characters with its length.
    for (len, ok) in [(1usize << 20, false), (9_000, true)] {
        let dir = tempfile::tempdir().unwrap();
        let d = dir.path();
        let theme = "a".repeat(len);
        std::fs::write(
            d.join("experts.csv"),
            format!(
                "id,roles,certified,themes,place,availability\nE1,speaker,yes,{theme},Utrecht,*\n"
            ),
        )
        .unwrap();
        std::fs::write(
            d.join("requests.csv"),
            "id,org,role,themes,place,slot\nR1,Org,speaker,pesten,Utrecht,mon-am\n",
        )
        .unwrap();
        let t = Instant::now();
        let o = run(&["check", "--data", "."], d);
        let took = t.elapsed();
        let (stdout, stderr) = (text(&o.stdout), text(&o.stderr));
        assert!(took < Duration::from_secs(30), "{took:?}");
        assert!(
            stdout.len() + stderr.len() < 10_000,
            "{} bytes",
            stdout.len() + stderr.len()
        );
        if ok {
            assert!(o.status.success(), "{stderr}");
            assert!(
                stdout.contains(&format!("{}… ({len} characters)", "a".repeat(80))),
                "{stdout}"
            );
        } else {
            assert_eq!(o.status.code(), Some(1), "{stderr}");
            assert!(
                stderr.contains("(D2)") && stderr.contains(&format!("({len} characters)")),
                "{stderr}"
            );
        }
    }
}
