//! After the match (issue 23) through the real binary: standbys in `run`'s outputs and the
//! ledger, `decide --declined` naming the first standby still free, accepting a standby as a
//! booking.

use crate::harness::{copy_dir, ok_in as ok, root, run_in as mp, words, WEEK};
use std::fs;
use std::path::Path;
use std::process::Output;

/// `CMD --ledger s.ledger --week WEEK [rest]`: a command on one week of the test's ledger.
fn weekly<'a>(cmd: &'a str, week: &'a str, rest: &[&'a str]) -> Vec<&'a str> {
    [&[cmd, "--ledger", "s.ledger", "--week", week][..], rest].concat()
}

/// `decide --ledger s.ledger --week WEEK --request REQUEST --expert EXPERT [rest]` in `dir`.
fn decide(dir: &Path, week: &str, request: &str, expert: &str, rest: &[&str]) -> Output {
    let pair = ["--request", request, "--expert", expert];
    mp(dir, &weekly("decide", week, &[&pair[..], rest].concat()))
}

/// [`decide`], which must succeed: its stdout.
fn decided(dir: &Path, week: &str, request: &str, expert: &str, rest: &[&str]) -> String {
    let o = decide(dir, week, request, expert, rest);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    String::from_utf8_lossy(&o.stdout).into_owned()
}

/// The sample in a temporary folder, with a ledger and week 48 run (work-limited, so that the
/// standbys' costs are the same on every machine).
fn sample_week() -> tempfile::TempDir {
    let d = tempfile::tempdir().unwrap();
    copy_dir(&root().join("data"), &d.path().join("data"));
    ok(d.path(), &["ledger", "init", "s.ledger"]);
    ok(
        d.path(),
        &weekly("run", WEEK, &["--work-limit", "2000", "--out", "w48"]),
    );
    d
}

/// `standbys.csv`'s rows (request, expert, rank, standby, ..., swap_cost, cost, proven).
fn standbys(path: &Path) -> Vec<Vec<String>> {
    let text = fs::read_to_string(path).unwrap();
    let text = text.trim_start_matches('\u{feff}');
    let mut lines = text.lines();
    let header: Vec<&str> = lines.next().unwrap().split(',').collect();
    // The contract's columns written out on purpose, independent of STANDBY_COLUMNS.
    assert_eq!(
        header,
        [
            "request",
            "expert",
            "rank",
            "standby",
            "standby_name",
            "org",
            "role",
            "slot",
            "score",
            "swap_cost",
            "cost",
            "proven"
        ]
    );
    lines
        .map(|l| l.split(',').map(str::to_string).collect())
        .collect()
}

#[test]
fn standbys_are_written_ranked_and_the_first_free_one_follows_a_decline() {
    let d = sample_week();
    let rows = standbys(&d.path().join("w48/standbys.csv"));
    let assignments = fs::read_to_string(d.path().join("w48/assignments.csv")).unwrap();
    let filled = assignments.lines().count() - 1;
    assert!(
        rows.len() > filled,
        "{} standbys for {filled} seats",
        rows.len()
    );
    for r in &rows {
        // Never the assigned expert, at most 2 (the default), costs ascending by rank.
        assert_ne!(r[1], r[3]);
        assert!(r[2] == "1" || r[2] == "2", "{r:?}");
        assert!(r[11] == "yes" || r[11] == "no");
    }
    for w in rows.windows(2) {
        if w[0][0] == w[1][0] && w[0][1] == w[1][1] {
            let (a, b): (f64, f64) = (w[0][9].parse().unwrap(), w[1][9].parse().unwrap());
            assert!(a <= b, "{w:?}");
        }
    }
    // Decline a seat whose first standby has no room beyond it: after a booking of that standby
    // elsewhere, the second is named.
    let first = &rows[0];
    let (req, exp, sb) = (&first[0], &first[1], &first[3]);
    let out = decided(d.path(), WEEK, req, exp, &["--declined"]);
    assert!(
        out.contains(&format!("first standby for {req}: {sb} (rank 1")),
        "{out}"
    );
    assert!(out.contains("--accepted`"), "{out}");
    // Accepting the standby books them.
    let out = decided(d.path(), WEEK, req, sb, &["--accepted"]);
    assert!(
        out.starts_with(&format!("booked standby {sb} for request {req}")),
        "{out}"
    );
    // A second time: the seat is theirs already.
    let again = decide(d.path(), WEEK, req, sb, &["--accepted"]);
    // (Now a booked pair, so a plain decision on it is recorded.)
    assert!(again.status.success());
    let log = ok(d.path(), &["ledger", "log", "--ledger", "s.ledger"]);
    assert!(
        log.contains(&format!("request {req}, expert {sb}")),
        "{log}"
    );
    let check = ok(d.path(), &["ledger", "check", "--ledger", "s.ledger"]);
    assert!(check.contains(": ok"), "{check}");
    // The next run keeps the booking as a pin.
    ok(
        d.path(),
        &weekly("run", WEEK, &["--work-limit", "2000", "--out", "w48b"]),
    );
    let a = fs::read_to_string(d.path().join("w48b/assignments.csv")).unwrap();
    assert!(
        a.lines().any(|l| l.starts_with(&format!("{req},{sb},"))),
        "{a}"
    );
}

#[test]
fn a_standby_is_not_booked_before_the_decline_nor_when_not_a_standby() {
    let d = sample_week();
    let rows = standbys(&d.path().join("w48/standbys.csv"));
    let r = &rows[0];
    let out = decide(d.path(), WEEK, &r[0], &r[3], &["--accepted"]);
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("record that decline first"), "{err}");
    // Standbys off: no file, and a decline names none.
    fs::write(d.path().join("p.toml"), "[round]\nstandbys = 0\n").unwrap();
    ok(
        d.path(),
        &words("run --data data/sample --policy p.toml --work-limit 2000 --out nostandby"),
    );
    assert!(!d.path().join("nostandby/standbys.csv").exists());
}

/// The sample with one more expert whose name, themes, avoided themes, excluded organisation
/// and decision note are strings found nowhere else, pinned to a request of their own so that
/// every table holds them.
fn sample_with_person() -> tempfile::TempDir {
    let d = tempfile::tempdir().unwrap();
    copy_dir(&root().join("data"), &d.path().join("data"));
    let s = d.path().join("data/sample");
    let mut e = fs::read_to_string(s.join("experts.csv")).unwrap();
    e.push_str("E9999,Zoltan Quickfoot,buddy|trainer|speaker,yes,jeugdzorg|zqthemaalpha,zqavoidbeta,Rotterdam,50,yes,*,3,6,2001,,m,Zqkliniek Noord,yes\n");
    fs::write(s.join("experts.csv"), e).unwrap();
    let mut r = fs::read_to_string(s.join("requests.csv")).unwrap();
    r.push_str("R09999,Stichting Thuisbasis,buddy,jeugdzorg,,yes,thu-pm,1,2,1,nl,20,,,E9999\n");
    fs::write(s.join("requests.csv"), r).unwrap();
    ok(d.path(), &["ledger", "init", "s.ledger"]);
    for w in ["2026-W48", "2026-W49"] {
        ok(
            d.path(),
            &weekly("run", w, &["--time-limit", "5", "--out", w]),
        );
        decided(
            d.path(),
            w,
            "R09999",
            "E9999",
            &["--declined", "--note", "zqnotegamma"],
        );
        ok(d.path(), &weekly("close", w, &[]));
    }
    d
}

const TRACES: [&str; 6] = [
    "Zoltan Quickfoot",
    "E9999",
    "zqthemaalpha",
    "zqavoidbeta",
    "Zqkliniek Noord",
    "zqnotegamma",
];

/// The bytes of the ledger and of any journal or WAL file beside it.
fn ledger_bytes(p: &Path) -> Vec<u8> {
    let mut b = fs::read(p).unwrap();
    for ext in ["-journal", "-wal", "-shm"] {
        if let Ok(x) = fs::read(format!("{}{ext}", p.display())) {
            b.extend(x);
        }
    }
    b
}

fn traces_in(bytes: &[u8]) -> Vec<&'static str> {
    TRACES
        .iter()
        .copied()
        .filter(|t| {
            bytes
                .windows(t.len())
                .any(|w| w.eq_ignore_ascii_case(t.as_bytes()))
        })
        .collect()
}

#[test]
fn an_access_request_then_an_erasure_leaves_no_trace_in_the_files_bytes() {
    let d = sample_with_person();
    let db = d.path().join("s.ledger");
    assert_eq!(
        traces_in(&ledger_bytes(&db)),
        TRACES,
        "the setup holds every trace"
    );
    let out = ok(
        d.path(),
        &[
            "ledger", "export", "--ledger", "s.ledger", "--expert", "E9999", "--out", "access",
        ],
    );
    assert!(out.starts_with("wrote "), "{out}");
    let json: serde_json::Value =
        serde_json::from_slice(&fs::read(d.path().join("access/E9999.json")).unwrap()).unwrap();
    assert_eq!(json["schema"], "matchpunt.ledger-expert/1");
    assert_eq!(json["decisions"].as_array().unwrap().len(), 2);
    assert_eq!(json["decisions"][0]["note"], "zqnotegamma");
    let inputs = json["inputs"].as_array().unwrap();
    assert!(inputs
        .iter()
        .any(|i| i["kind"] == "experts" && i["rows"][0][1] == "Zoltan Quickfoot"));
    assert!(d.path().join("access/E9999.xlsx").exists());
    // One person's health data: readable by its owner only, whatever the umask.
    #[cfg(unix)]
    for f in ["access/E9999.json", "access/E9999.xlsx"] {
        use std::os::unix::fs::PermissionsExt;
        let mode = fs::metadata(d.path().join(f)).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, 0o600, "{f}");
    }
    let out = ok(
        d.path(),
        &[
            "ledger", "forget", "--ledger", "s.ledger", "--expert", "E9999",
        ],
    );
    assert!(out.contains("anonymous id forgotten-1"), "{out}");
    assert!(out.contains("out of the ledger's reach"), "{out}");
    assert_eq!(traces_in(&ledger_bytes(&db)), Vec::<&str>::new());
    let log = ok(d.path(), &["ledger", "log", "--ledger", "s.ledger"]);
    assert!(log.contains(" forget "), "{log}");
    assert!(traces_in(log.as_bytes()).is_empty(), "{log}");
    let check = ok(d.path(), &["ledger", "check", "--ledger", "s.ledger"]);
    assert!(check.contains(": ok"), "{check}");
    // Nothing is held any more, and the next week runs without them.
    let again = mp(
        d.path(),
        &[
            "ledger", "export", "--ledger", "s.ledger", "--expert", "E9999", "--out", "x",
        ],
    );
    assert_eq!(again.status.code(), Some(1));
}

#[test]
fn a_purge_by_age_leaves_no_trace_of_the_weeks_before() {
    let d = sample_with_person();
    let db = d.path().join("s.ledger");
    // keep_weeks from the policy needs the current week: --before is the same by hand. The
    // coming batch reads no week back under this policy (see the next test for one that does).
    fs::write(
        d.path().join("nowindow.toml"),
        "[rules]\nrolling_weeks = 1\n[objective]\nwaiting_bonus = 0\n",
    )
    .unwrap();
    let out = ok(
        d.path(),
        &[
            "ledger",
            "purge",
            "--ledger",
            "s.ledger",
            "--before",
            "2026-W50",
            "--policy",
            "nowindow.toml",
        ],
    );
    assert!(out.starts_with("purged the weeks before 2026-W50"), "{out}");
    assert_eq!(traces_in(&ledger_bytes(&db)), Vec::<&str>::new());
    let log = ok(d.path(), &["ledger", "log", "--ledger", "s.ledger"]);
    assert!(log.contains(" purge "), "{log}");
    // An open week is never purged.
    ok(
        d.path(),
        &weekly("run", "2026-W50", &["--time-limit", "5", "--out", "w50"]),
    );
    let o = mp(
        d.path(),
        &[
            "ledger", "purge", "--ledger", "s.ledger", "--before", "2026-W51",
        ],
    );
    assert_eq!(o.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&o.stderr).contains("still open"));
    fs::write(d.path().join("keep.toml"), "[ledger]\nkeep_weeks = 0\n").unwrap();
    let o = mp(
        d.path(),
        &words("ledger purge --ledger s.ledger --policy keep.toml"),
    );
    assert_eq!(o.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&o.stderr).contains("keep_weeks = 0"));
}

#[test]
fn a_purge_keeps_the_weeks_the_coming_batch_reads_back() {
    let d = sample_with_person();
    // Week 50 is open: its batch (re-runs included) reads back over the wellbeing windows.
    ok(
        d.path(),
        &[
            "run",
            "--ledger",
            "s.ledger",
            "--week",
            "2026-W50",
            "--time-limit",
            "5",
            "--out",
            "w50",
        ],
    );
    let purge = |before: &str, policy: &str| {
        fs::write(d.path().join("p.toml"), policy).unwrap();
        mp(
            d.path(),
            &[
                "ledger", "purge", "--ledger", "s.ledger", "--before", before, "--policy", "p.toml",
            ],
        )
    };
    let history = |d: &Path, file: &str| {
        ok(
            d,
            &[
                "ledger",
                "export",
                "--ledger",
                "s.ledger",
                "--history",
                file,
            ],
        );
        fs::read_to_string(d.join(file)).unwrap()
    };
    let rolling3 = "[rules]\nrolling_weeks = 3\n[objective]\nwaiting_bonus = 0\n";
    // A rolling budget over 3 weeks: the batch of week 50 reads weeks 48 and 49.
    let o = purge("2026-W49", rolling3);
    let err = String::from_utf8_lossy(&o.stderr);
    assert_eq!(o.status.code(), Some(1), "{err}");
    for part in [
        "week 2026-W50",
        "from 2026-W48",
        "rules.rolling_weeks = 3",
        "forget the load",
    ] {
        assert!(err.contains(part), "{part}: {err}");
    }
    let h = history(d.path(), "h1.csv");
    assert!(h.contains("2026-W48,"), "nothing erased: {h}");
    // The heavy-theme pause and the waiting advantage read back as far as they reach.
    for (policy, why) in [
        (
            "[rules]\nrolling_weeks = 1\nheavy_pause_weeks = 2\n[objective]\nwaiting_bonus = 0\n",
            "rules.heavy_pause_weeks = 2",
        ),
        (
            "[rules]\nrolling_weeks = 1\n[objective]\nwaiting_bonus = 50\n[history]\nwaiting_weeks = 2\n",
            "history.waiting_weeks = 2",
        ),
    ] {
        let o = purge("2026-W49", policy);
        let err = String::from_utf8_lossy(&o.stderr);
        assert_eq!(o.status.code(), Some(1), "{err}");
        assert!(err.contains(why) && err.contains("from 2026-W48"), "{err}");
    }
    // The other side of the boundary: the weeks before 48 go, 48 and 49 stay.
    let out = String::from_utf8_lossy(&purge("2026-W48", rolling3).stdout).into_owned();
    assert!(out.starts_with("purged the weeks before 2026-W48"), "{out}");
    let h = history(d.path(), "h2.csv");
    assert!(!h.contains("2026-W47,") && h.contains("2026-W48,"), "{h}");
}

#[test]
fn after_a_forget_the_ledgers_history_wins_over_a_history_file() {
    let d = sample_with_person();
    ok(
        d.path(),
        &[
            "ledger", "forget", "--ledger", "s.ledger", "--expert", "E9999",
        ],
    );
    let file = d.path().join("data/sample/history.csv");
    let original = fs::read_to_string(&file).unwrap();
    let run = |d: &Path| {
        mp(
            d,
            &[
                "run",
                "--ledger",
                "s.ledger",
                "--week",
                "2026-W50",
                "--time-limit",
                "5",
                "--out",
                "w50",
            ],
        )
    };
    // Writes `row` after the original history and checks the run is refused naming `parts`.
    let refused = |row: &str, parts: &[&str]| {
        fs::write(&file, format!("{original}{row}")).unwrap();
        let o = run(d.path());
        let err = String::from_utf8_lossy(&o.stderr);
        assert_eq!(o.status.code(), Some(1), "{err}");
        for part in parts {
            assert!(err.contains(part), "{part}: {err}");
        }
    };
    // A week the ledger does not hold: not imported, since it could bring the expert back.
    refused(
        "2026-W43,E9999,Stichting Thuisbasis,buddy,2,R1,jeugdzorg\n",
        &[
            "2026-W43",
            "not imported",
            "ledger forget",
            "ledger's history is the one in force",
        ],
    );
    // A week it holds, where the expert now has an anonymous id: the ledger's history wins.
    refused(
        "2026-W48,E9999,Stichting Thuisbasis,buddy,2,R09999,jeugdzorg\n",
        &[
            "week 2026-W48",
            "ledger forget",
            "ledger's history is the one in force",
        ],
    );
    // Nothing came back, and the file as the ledger holds it runs.
    assert_eq!(
        traces_in(&ledger_bytes(&d.path().join("s.ledger"))),
        Vec::<&str>::new()
    );
    fs::write(&file, original).unwrap();
    let o = run(d.path());
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
}

#[test]
fn messages_for_the_week_to_both_readers_and_a_bad_template_writes_nothing() {
    let d = sample_week();
    let rows = standbys(&d.path().join("w48/standbys.csv"));
    let (req, exp) = (&rows[0][0], &rows[0][1]);
    decided(d.path(), WEEK, req, exp, &["--declined"]);
    let out = ok(
        d.path(),
        &weekly("messages", WEEK, &["--out", "mail", "--lang", "nl"]),
    );
    // --lang nl: the printout is Dutch too.
    assert!(out.starts_with("mail/messages.csv geschreven:"), "{out}");
    assert!(out.contains("1 afgewezen"), "{out}");
    let mut r = csv::Reader::from_path(d.path().join("mail/messages.csv")).unwrap();
    let header: Vec<String> = r.headers().unwrap().iter().map(str::to_string).collect();
    assert_eq!(
        header[..6],
        ["kind", "to", "request", "expert", "language", "name"]
    );
    let recs: Vec<csv::StringRecord> = r.records().map(|x| x.unwrap()).collect();
    // Two rows per event, one to each reader.
    assert_eq!(recs.len() % 2, 0);
    let declined: Vec<&csv::StringRecord> = recs.iter().filter(|x| &x[0] == "declined").collect();
    assert_eq!(declined.len(), 2);
    assert_eq!((&declined[0][1], &declined[1][1]), ("expert", "org"));
    assert!(declined[1][7].contains(req.as_str()), "{:?}", declined[1]);
    // A workbook instead.
    let out = ok(
        d.path(),
        &weekly("messages", WEEK, &["--out", "week48-mail.xlsx"]),
    );
    assert!(out.starts_with("wrote "), "{out}");
    assert!(d.path().join("week48-mail.xlsx").exists());
    // A template with an unknown placeholder: an error naming the file and line, nothing written.
    fs::write(
        d.path().join("t.csv"),
        "message,language,text\nsubject,nl,\"{request}: {role}\"\nproposal-expert,nl,\"Hoi {name}, over {avoid_themes}\"\n",
    )
    .unwrap();
    let o = mp(
        d.path(),
        &weekly(
            "messages",
            WEEK,
            &["--out", "mail2", "--templates", "t.csv"],
        ),
    );
    assert_eq!(o.status.code(), Some(1));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(
        err.contains("t.csv:3:3: unknown placeholder {avoid_themes}"),
        "{err}"
    );
    assert!(!d.path().join("mail2/messages.csv").exists());
    // A good one is used.
    fs::write(
        d.path().join("t.csv"),
        "message,language,text\nproposal-expert,nl,\"Beste {name}, kun je op {date}?\"\n",
    )
    .unwrap();
    ok(
        d.path(),
        &weekly(
            "messages",
            WEEK,
            &["--out", "mail2", "--templates", "t.csv", "--lang", "nl"],
        ),
    );
    let text = fs::read_to_string(d.path().join("mail2/messages.csv")).unwrap();
    assert!(text.contains("Beste "), "{text}");
}
