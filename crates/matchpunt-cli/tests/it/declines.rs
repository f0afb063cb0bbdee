//! A decline is known to every command (trial 3, #14-#16), on the real binary: the team line
//! of `suggest` in the ledger flow, `suggest` and `explain` in the file flow (`--decisions`,
//! or the round's changes.csv beside `--assignments`), and `explain`'s reason after a decline,
//! which agrees with its fixes. The property over generated batches is in the core's
//! `declines_property`.

use crate::harness::{copy_csvs, fixture_copy, ok_in, root, run_in, show, stderr, WEEK};

/// The line of `suggest`'s text that proposes teams.
fn team_line(out: &str) -> String {
    out.lines()
        .find(|l| {
            l.contains("teams die aan de teamregels voldoen") || l.contains("teams that keep")
        })
        .unwrap_or_default()
        .to_string()
}

/// Trial 3, #14: examples/teams with a ledger; E2 declines R2, E3 declines R1: the team line of
/// `suggest` offered the decliner.
#[test]
fn suggests_team_line_leaves_out_the_expert_who_declined() {
    let dir = copy_csvs(&root().join("examples/teams"));
    let d = dir.path();
    ok_in(d, &["ledger", "init", "s.ledger"]);
    let base = ["--ledger", "s.ledger", "--data", ".", "--week", WEEK];
    let with = |cmd: &[&str]| -> Vec<String> {
        let mut v: Vec<String> = cmd.iter().map(|s| s.to_string()).collect();
        v.extend(base.iter().map(|s| s.to_string()));
        v
    };
    let args = with(&["run", "--out", "w1"]);
    ok_in(d, &args.iter().map(String::as_str).collect::<Vec<_>>());
    for (request, expert) in [("R2", "E2"), ("R1", "E3")] {
        ok_in(
            d,
            &[
                "decide",
                "--ledger",
                "s.ledger",
                "--week",
                WEEK,
                "--request",
                request,
                "--expert",
                expert,
                "--declined",
            ],
        );
        let args = with(&["suggest", "--request", request, "--lang", "nl"]);
        let o = run_in(d, &args.iter().map(String::as_str).collect::<Vec<_>>());
        let out = crate::harness::ok(&o);
        assert!(
            stderr(&o).contains(&format!("{expert} heeft deze aanvraag deze week afgewezen")),
            "{}",
            show(&o)
        );
        let line = team_line(&out);
        assert!(!line.contains(expert), "{request}: {line}\n{out}");
        assert!(!out.contains(&format!("({expert})")), "{request}: {out}");
    }
}

/// The file flow of trial 3, #15: after the round, `suggest` and `explain` with the round's
/// assignments ranked E2, who declined R1.
#[test]
fn the_file_flow_round_keeps_the_decline_for_suggest_and_explain() {
    let dir = fixture_copy("trial3-file-flow-decline");
    let d = dir.path();
    let data = ["--data", ".", "--week", WEEK];
    let cmd = |words: &[&str]| -> Vec<String> {
        words
            .iter()
            .chain(data.iter())
            .map(|s| s.to_string())
            .collect()
    };
    let go = |words: &[&str]| {
        let a = cmd(words);
        ok_in(d, &a.iter().map(String::as_str).collect::<Vec<_>>())
    };
    go(&["run", "--out", "r1"]);
    go(&[
        "run",
        "--out",
        "r2",
        "--previous",
        "r1/assignments.csv",
        "--decisions",
        "dec.csv",
    ]);
    // The round's folder records the decline (changes.csv): read by default.
    for extra in [&[][..], &["--decisions", "dec.csv"][..]] {
        let mut words = vec![
            "suggest",
            "--assignments",
            "r2/assignments.csv",
            "--request",
            "R1",
            "--lang",
            "nl",
        ];
        words.extend(extra);
        let out = go(&words);
        assert!(!out.contains("Bram Jansen"), "{out}");
        let mut words = vec![
            "explain",
            "--assignments",
            "r2/assignments.csv",
            "--request",
            "R1",
            "--lang",
            "nl",
        ];
        words.extend(extra);
        let out = go(&words);
        assert!(!out.contains("Bram Jansen"), "{out}");
    }
    // The first run's assignments with the decisions file: E2's seat is open, and E2 is no
    // runner-up or fix.
    let out = go(&[
        "explain",
        "--assignments",
        "r1/assignments.csv",
        "--decisions",
        "dec.csv",
        "--request",
        "R1",
    ]);
    assert!(out.contains("declined this week by E2"), "{out}");
    assert!(!out.contains("Bram Jansen"), "{out}");
    assert!(out.contains("pin Chris Bakker (E3) to R1"), "{out}");
    // Without any decisions (a folder that is no round): E2 is suggested as before.
    std::fs::create_dir(d.join("plain")).unwrap();
    std::fs::copy(
        d.join("r1/assignments.csv"),
        d.join("plain/assignments.csv"),
    )
    .unwrap();
    let out = go(&[
        "suggest",
        "--assignments",
        "plain/assignments.csv",
        "--request",
        "R1",
    ]);
    assert!(out.contains("Bram Jansen"), "{out}");
}

/// Trial 3, #16: after a decline in the ledger, `explain` said "3 eligible expert(s) are free,
/// but putting them here lowers the batch objective" next to fixes worth +280.0.
#[test]
fn explains_reason_after_a_decline_agrees_with_its_fixes() {
    let dir = fixture_copy("trial3-explain-after-decline");
    let d = dir.path();
    ok_in(d, &["ledger", "init", "s.ledger"]);
    let l = ["--ledger", "s.ledger", "--data", ".", "--week", WEEK];
    let mut args = vec!["run", "--out", "w1"];
    args.extend(l);
    ok_in(d, &args);
    // The one assigned expert declines (the trial's run gave E2; the batch as copied gives E1).
    let (_, rows) = crate::harness::read_table(&d.join("w1/assignments.csv"));
    assert_eq!(rows.len(), 1, "{rows:?}");
    let who = rows[0][1].clone();
    let name = rows[0][11].clone();
    ok_in(
        d,
        &[
            "decide",
            "--ledger",
            "s.ledger",
            "--week",
            WEEK,
            "--request",
            "R1",
            "--expert",
            &who,
            "--declined",
        ],
    );
    for (lang, declined, free, gain, lowers) in [
        (
            "en",
            "declined this week by",
            "2 eligible expert(s) are free",
            "raises the batch objective",
            "lowers",
        ),
        (
            "nl",
            "afgewezen deze week door",
            "2 geschikte deskundigen zijn vrij",
            "verhoogt de batchwaarde",
            "verlaagt",
        ),
    ] {
        let mut args = vec!["explain", "--request", "R1", "--lang", lang];
        args.extend(l);
        let out = ok_in(d, &args);
        let open = out
            .lines()
            .find(|x| x.contains(declined))
            .unwrap_or_else(|| panic!("{out}"));
        assert!(open.contains(&who), "{open}");
        assert!(open.contains(free), "{open}");
        assert!(open.contains(gain), "{open}");
        assert!(!open.contains(lowers), "{open}");
        assert!(out.contains("+2"), "the fix's gain: {out}");
        assert!(!out.contains(&name), "the decliner put forward: {out}");
    }
}
