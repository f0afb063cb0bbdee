//! Trajectories through the season ledger (issue 24): a five-meeting buddy trajectory accepted
//! in week 48 holds its expert's slot in the weeks after it while those batches are tight (an
//! urgent request asking for the same expert in the same slot), and declining it in week 50
//! frees the meetings after that.

use crate::harness::{ok_in as ok, root};
use std::fs;
use std::path::Path;

const HEADER: &str = "id,org,role,themes,online,slot,experts_needed,experienced_min,intensity,priority,preferred_expert,meetings,every_weeks\n";

/// The (request, expert, pinned) rows of an assignments.csv.
fn rows(path: &Path) -> Vec<(String, String, String)> {
    let text = fs::read_to_string(path).unwrap();
    let text = text.trim_start_matches('\u{feff}');
    let head: Vec<&str> = text.lines().next().unwrap().split(',').collect();
    let pinned = head.iter().position(|h| *h == "pinned").unwrap();
    text.lines()
        .skip(1)
        .filter(|l| !l.trim().is_empty())
        .map(|l| {
            let c: Vec<&str> = l.split(',').collect();
            (c[0].to_string(), c[1].to_string(), c[pinned].to_string())
        })
        .collect()
}

fn run(d: &Path, week: &str, requests: &str, out: &str) -> Vec<(String, String, String)> {
    fs::write(d.join("requests.csv"), format!("{HEADER}{requests}")).unwrap();
    ok(
        d,
        &[
            "run",
            "--ledger",
            "season.ledger",
            "--week",
            week,
            "--experts",
            "experts.csv",
            "--requests",
            "requests.csv",
            "--out",
            out,
        ],
    );
    rows(&d.join(out).join("assignments.csv"))
}

fn close(d: &Path, week: &str) {
    ok(d, &["close", "--ledger", "season.ledger", "--week", week]);
}

fn has(rows: &[(String, String, String)], r: &str, e: &str) -> bool {
    rows.iter().any(|x| x.0 == r && x.1 == e)
}

#[test]
fn a_trajectory_holds_its_slot_in_tight_weeks_and_a_decline_frees_the_rest() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let ex = root().join("examples/trajectory");
    fs::copy(ex.join("experts.csv"), d.join("experts.csv")).unwrap();
    ok(d, &["ledger", "init", "season.ledger"]);
    // Week 48: the team training and the trajectory's first meeting, accepted.
    let week48 = fs::read_to_string(ex.join("requests-week48.csv")).unwrap();
    let week48 = week48.split_once('\n').unwrap().1;
    let w48 = run(d, "2026-W48", week48, "w48");
    assert!(has(&w48, "B1", "E2"), "{w48:?}");
    assert!(has(&w48, "T1", "E1") && has(&w48, "T1", "E3"), "{w48:?}");
    // Accepting B1's first meeting for E2 reserves the later ones.
    let accept_b1 = [
        "decide",
        "--ledger",
        "season.ledger",
        "--week",
        "2026-W48",
        "--request",
        "B1",
        "--expert",
        "E2",
        "--accepted",
    ];
    let said = ok(d, &accept_b1);
    for (k, w) in [(2, 49), (3, 50), (4, 51), (5, 52)] {
        assert!(
            said.contains(&format!(
                "reserved meeting B1-m{k} of trajectory B1: expert E2 in week 2026-W{w}"
            )),
            "{said}"
        );
    }
    // Accepting it again reserves nothing twice.
    let again = ok(d, &accept_b1);
    assert!(!again.contains("reserved"), "{again}");
    close(d, "2026-W48");
    // Week 49: an urgent request wants E2 in the same slot; the reservation holds.
    let w49 = run(
        d,
        "2026-W49",
        "B7,De Brug,buddy,jeugdzorg,yes,mon-pm,1,,2,3,E2,,\n",
        "w49",
    );
    assert!(
        w49.contains(&("B1-m2".into(), "E2".into(), "yes".into())),
        "{w49:?}"
    );
    assert!(!has(&w49, "B7", "E2"), "{w49:?}");
    assert!(has(&w49, "B7", "E4"), "{w49:?}");
    close(d, "2026-W49");
    // Week 50: tighter, two urgent requests in the slot: one goes to E4, one stays open.
    let tight = "B8,De Brug,buddy,jeugdzorg,yes,mon-pm,1,,2,3,E2,,\nB9,Het Baken,buddy,jeugdzorg,yes,mon-pm,1,,1,3,E2,,\n";
    let w50 = run(d, "2026-W50", tight, "w50");
    assert!(
        w50.contains(&("B1-m3".into(), "E2".into(), "yes".into())),
        "{w50:?}"
    );
    assert!(!has(&w50, "B8", "E2") && !has(&w50, "B9", "E2"), "{w50:?}");
    assert_eq!(w50.len(), 2, "{w50:?}");
    // The young person stops: the trajectory is declined, the meetings after it are free.
    let freed = ok(
        d,
        &[
            "decide",
            "--ledger",
            "season.ledger",
            "--week",
            "2026-W50",
            "--request",
            "B1-m3",
            "--expert",
            "E2",
            "--declined",
        ],
    );
    for (k, w) in [(4, 51), (5, 52)] {
        assert!(
            freed.contains(&format!(
                "freed meeting B1-m{k} (expert E2, week 2026-W{w})"
            )),
            "{freed}"
        );
    }
    let w50b = run(d, "2026-W50", tight, "w50b");
    assert!(!has(&w50b, "B1-m3", "E2"), "{w50b:?}");
    assert!(has(&w50b, "B8", "E2") || has(&w50b, "B9", "E2"), "{w50b:?}");
    close(d, "2026-W50");
    // Week 51: no reservation left; E2 takes the request that asks for them.
    let w51 = run(
        d,
        "2026-W51",
        "B10,De Brug,buddy,jeugdzorg,yes,mon-pm,1,,2,3,E2,,\n",
        "w51",
    );
    assert!(!w51.iter().any(|x| x.0.starts_with("B1-")), "{w51:?}");
    assert!(has(&w51, "B10", "E2"), "{w51:?}");
}

/// The (kind, to, request, expert) of each row of a messages.csv (a row starts a line with its
/// kind; texts span lines but never start one with a kind and a comma).
fn mail_rows(path: &Path) -> Vec<(String, String, String, String)> {
    let text = fs::read_to_string(path).unwrap();
    let text = text.trim_start_matches('\u{feff}');
    let kinds = [
        "proposal", "accepted", "declined", "booking", "standby", "meeting", "stopped",
    ];
    text.lines()
        .skip(1)
        .filter_map(|l| {
            let c: Vec<&str> = l.splitn(5, ',').collect();
            (c.len() == 5 && kinds.contains(&c[0]) && ["expert", "org"].contains(&c[1])).then(
                || {
                    (
                        c[0].to_string(),
                        c[1].to_string(),
                        c[2].to_string(),
                        c[3].to_string(),
                    )
                },
            )
        })
        .collect()
}

/// `messages` for a trajectory's reserved meetings (the worked example of the coordinators'
/// guide): one text to each reader per reserved meeting and week, as a meeting of the
/// trajectory (not a proposal and a booking); a declined meeting gets its decline alone, said
/// as the trajectory stopping (its later meetings cancelled and freed, someone else sought),
/// and the meetings it freed in later weeks get no text of their own.
#[test]
fn messages_send_one_text_per_reserved_meeting_and_only_the_decline_when_declined() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let ex = root().join("examples/trajectory");
    let l = ["--ledger", "season.ledger"];
    let inputs = |req: &str| -> Vec<String> {
        [
            "--experts",
            ex.join("experts.csv").to_str().unwrap(),
            "--requests",
            ex.join(req).to_str().unwrap(),
        ]
        .map(String::from)
        .to_vec()
    };
    let cmd = |parts: &[&[&str]], extra: Vec<String>| -> String {
        let mut a: Vec<&str> = parts.concat();
        a.extend(extra.iter().map(String::as_str));
        ok(d, &a)
    };
    ok(d, &["ledger", "init", "season.ledger"]);
    let w48 = ["--week", "2026-W48"];
    cmd(
        &[&["run"], &l, &w48, &["--out", "w48"]],
        inputs("requests-week48.csv"),
    );
    cmd(
        &[
            &["decide"],
            &l,
            &w48,
            &["--request", "B1", "--expert", "E2", "--accepted"],
        ],
        vec![],
    );
    cmd(&[&["close"], &l, &w48], vec![]);
    let w49 = ["--week", "2026-W49"];
    cmd(
        &[&["run"], &l, &w49, &["--out", "w49"]],
        inputs("requests-week49.csv"),
    );
    cmd(&[&["messages"], &l, &w49, &["--out", "m49"]], vec![]);
    let m49 = mail_rows(&d.join("m49/messages.csv"));
    let b1: Vec<_> = m49.iter().filter(|r| r.2 == "B1-m2").collect();
    assert_eq!(b1.len(), 2, "one text to each reader: {m49:?}");
    assert!(
        b1.iter().all(|r| r.0 == "meeting" && r.3 == "E2"),
        "{m49:?}"
    );
    let text = fs::read_to_string(d.join("m49/messages.csv")).unwrap();
    assert!(
        text.contains("meeting 2 of your buddy trajectory with Stichting Thuisbasis")
            || text.contains("bijeenkomst 2 van je traject als maatje bij Stichting Thuisbasis"),
        "{text}"
    );
    assert!(
        text.contains("bijeenkomst 2 van uw traject B1 met Noor")
            || text.contains("meeting 2 of your trajectory B1 with Noor"),
        "{text}"
    );
    // The urgent request of the week is proposed as usual.
    assert!(
        m49.iter().any(|r| r.0 == "proposal" && r.2 == "B7"),
        "{m49:?}"
    );
    cmd(&[&["close"], &l, &w49], vec![]);
    // Week 50: the young person stops; meeting 3 is declined.
    let w50 = ["--week", "2026-W50"];
    cmd(
        &[&["run"], &l, &w50, &["--out", "w50"]],
        inputs("requests-week49.csv"),
    );
    cmd(
        &[
            &["decide"],
            &l,
            &w50,
            &["--request", "B1-m3", "--expert", "E2", "--declined"],
        ],
        vec![],
    );
    cmd(&[&["messages"], &l, &w50, &["--out", "m50"]], vec![]);
    let m50 = mail_rows(&d.join("m50/messages.csv"));
    let b1: Vec<_> = m50.iter().filter(|r| r.2 == "B1-m3").collect();
    assert_eq!(
        b1.len(),
        2,
        "the decline to each reader, nothing else: {m50:?}"
    );
    assert!(b1.iter().all(|r| r.0 == "stopped"), "{m50:?}");
    let text = fs::read_to_string(d.join("m50/messages.csv")).unwrap();
    for said in [
        [
            "will not take the trajectory's later meetings either: those are cancelled for them",
            "neemt ook de latere bijeenkomsten van het traject niet: die zijn voor deze deskundige geannuleerd",
        ],
        [
            "to take the trajectory over from this meeting on",
            "die het traject vanaf deze bijeenkomst overneemt",
        ],
        [
            "The trajectory's later meetings are cancelled for you",
            "De latere bijeenkomsten van het traject zijn voor jou geannuleerd",
        ],
    ] {
        assert!(said.iter().any(|s| text.contains(s)), "{said:?}:\n{text}");
    }
    // The meetings freed in weeks 51 and 52 were told of in week 50: no text of their own.
    cmd(&[&["close"], &l, &w50], vec![]);
    let w51 = ["--week", "2026-W51"];
    cmd(
        &[&["run"], &l, &w51, &["--out", "w51"]],
        inputs("requests-week49.csv"),
    );
    cmd(&[&["messages"], &l, &w51, &["--out", "m51"]], vec![]);
    let m51 = mail_rows(&d.join("m51/messages.csv"));
    assert!(!m51.iter().any(|r| r.2.starts_with("B1-")), "{m51:?}");
}
