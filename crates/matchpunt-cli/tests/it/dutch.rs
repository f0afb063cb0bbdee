//! Issue 20, "the reader's language everywhere": a Dutch coordinator's whole session over the
//! bundled sample (`run`, `check`, `suggest`, `explain`, `metrics`, a small `simulate`, and the
//! ledger's weekly cycle: init, run, decide, book, a second run, messages, close, check,
//! export, forget, purge), each with `--lang nl`, prints and writes no English-only word: every
//! line of stdout and stderr, and every output file for a person (the run's CSVs and workbook
//! cells, changes.csv, the mail texts), is searched, outside ids, file paths, metric names and
//! the command lines quoted in backticks; so are `compare`, the errors of a file that cannot be
//! opened (a round's, `decide`'s, `metrics`'s, with their `caused by` line), a hand-made
//! assignments file `metrics` refuses, and the ledger's refusals. And every column an output
//! table can have has a Dutch name.

use crate::harness::{bin, files, root, sample};
use matchpunt::messages::HEADERS;
use std::path::Path;

/// Words that only an English text holds (checked case-insensitively, on whole words where a
/// word could be part of a Dutch one).
const ENGLISH: &[&str] = &[
    "expert",
    "experts",
    "expert(s)",
    "wrote",
    "time:",
    "eligible",
    "week(s)",
    "row(s)",
    "request",
    "requests",
    "note:",
    "warning:",
    "booked",
    "booking",
    "seat",
    "seats",
    "proposal(s)",
    "schema",
    "closed",
    "history",
    "objective",
    "standby",
    "problem:",
    "generated",
    "exist",
    "cannot",
    "caused",
    "such",
    "folder",
    "breaks",
    "refused",
];

/// The words of `line` a person reads: text between backticks (a command to type), file
/// paths, ids (E0001, R00014, forgotten-1), metric names (`fill_rate.buddy`) and options
/// (`--expert`) left out.
fn words(line: &str) -> Vec<String> {
    let outside_backticks: String = line.split('`').step_by(2).collect::<Vec<_>>().join(" ");
    outside_backticks
        .split(|c: char| c.is_whitespace() || ",;()\"'".contains(c))
        .filter(|w| {
            !(w.contains('/')
                || w.contains(".csv")
                || w.contains(".xlsx")
                || w.contains('_')
                || w.starts_with("--")
                || w.starts_with("forgotten-")
                || (w.len() > 1
                    && (w.starts_with('E') || w.starts_with('R'))
                    && w[1..].chars().all(|c| c.is_ascii_digit())))
        })
        .map(|w| w.to_lowercase())
        .collect()
}

/// The English words in `text` ("what: line"), one finding per line.
pub(crate) fn english_in(what: &str, text: &str, found: &mut Vec<String>) {
    for line in text.lines() {
        let ws = words(line);
        for bad in ENGLISH {
            if ws
                .iter()
                .any(|w| w == bad || w.trim_end_matches(['.', ':']) == *bad)
            {
                found.push(format!("{what}: {bad:?} in {line}"));
            }
        }
    }
}

/// Runs `matchpunt ARGS --lang nl` in the project's folder; its stdout and stderr are searched.
fn nl(args: &[&str], found: &mut Vec<String>, expect_ok: bool) -> String {
    let o = bin()
        .args(args)
        .args(["--lang", "nl"])
        .current_dir(root())
        .output()
        .unwrap();
    let out = String::from_utf8_lossy(&o.stdout).into_owned();
    let err = String::from_utf8_lossy(&o.stderr).into_owned();
    assert_eq!(o.status.success(), expect_ok, "{args:?}\n{out}\n{err}");
    english_in(&format!("{args:?} (stdout)"), &out, found);
    english_in(&format!("{args:?} (stderr)"), &err, found);
    out
}

/// Every file a person reads under `dir`: CSVs (the header and each row) and each cell of a
/// workbook, its sheet names included. messages.csv's columns and its `kind` and `to` cells are
/// mail-merge field names and codes (kept as in the contract, like the ledger's JSON export and
/// history.csv), so only its subjects and texts count.
fn files_in(dir: &Path, found: &mut Vec<String>) {
    use calamine::Reader;
    for (name, bytes) in files(dir) {
        let what = format!("{}/{name}", dir.display());
        if name.ends_with(".csv") {
            let text = String::from_utf8_lossy(&bytes);
            let body: String = if name.ends_with("messages.csv") {
                // The texts: subject and text, the last two columns.
                let mut r = csv::Reader::from_reader(&bytes[..]);
                r.records()
                    .map(|x| {
                        let x = x.unwrap();
                        let n = x.len();
                        format!("{} {}", &x[n - 2], &x[n - 1])
                    })
                    .collect::<Vec<_>>()
                    .join("\n")
            } else {
                text.into_owned()
            };
            english_in(&what, &body, found);
        } else if name.ends_with(".xlsx") {
            let mut book: calamine::Xlsx<_> =
                calamine::open_workbook(dir.join(&name)).expect("a workbook");
            for sheet in book.sheet_names().to_vec() {
                english_in(&what, &sheet, found);
                let range = book.worksheet_range(&sheet).unwrap();
                for row in range.rows() {
                    let line: Vec<String> = row.iter().map(|c| c.to_string()).collect();
                    english_in(&format!("{what} ({sheet})"), &line.join(" | "), found);
                }
            }
        }
    }
}

#[test]
fn a_dutch_session_prints_and_writes_no_english() {
    let tmp = tempfile::tempdir().unwrap();
    let t = |p: &str| tmp.path().join(p).display().to_string();
    let data = sample().display().to_string();
    let mut found = Vec::new();
    let f = &mut found;
    let week = ["--week", "2026-W48"];
    nl(
        &["run", "--data", &data, "--out", &t("run"), "--xlsx"],
        f,
        true,
    );
    files_in(&tmp.path().join("run"), f);
    nl(&["check", "--data", &data], f, true);
    // A folder without history.csv: the summary says so in Dutch.
    let bare = tmp.path().join("bare");
    std::fs::create_dir_all(&bare).unwrap();
    for file in ["experts.csv", "requests.csv"] {
        std::fs::copy(sample().join(file), bare.join(file)).unwrap();
    }
    let bare = bare.display().to_string();
    let said = nl(&["check", "--data", &bare, "--week", "2026-W48"], f, true);
    assert!(said.contains("history.csv bestaat niet"), "{said}");
    nl(
        &["suggest", "--data", &data, "--request", "R00002"],
        f,
        true,
    );
    nl(
        &[
            "suggest",
            "--data",
            &data,
            "--role",
            "buddy",
            "--themes",
            "jeugdzorg",
            "--place",
            "Rotterdam",
            "--slot",
            "wed-pm",
            "--org",
            "GGZ Rotterdam",
        ],
        f,
        true,
    );
    let assignments = t("run/assignments.csv");
    for args in [
        vec!["explain", "--request", "R00013"],
        vec![
            "explain",
            "--request",
            "R00002",
            "--assignments",
            &assignments,
        ],
        vec![
            "explain",
            "--expert",
            "E0100",
            "--assignments",
            &assignments,
        ],
        vec!["metrics", "--assignments", &assignments],
    ] {
        let mut a = args.clone();
        a.extend(["--data", &data]);
        nl(&a, f, true);
    }
    // compare, with its CSV.
    let cmp = nl(
        &[
            "compare",
            "--data",
            &data,
            "--strategy",
            "greedy",
            "--out",
            &t("cmp/compare.csv"),
        ],
        f,
        true,
    );
    assert!(cmp.starts_with("maatstaf "), "{cmp}");
    assert!(cmp.contains("fill_rate ") && cmp.contains(','), "{cmp}");
    files_in(&tmp.path().join("cmp"), f);
    // Files that cannot be opened, each in Dutch with the system's reason.
    let missing = t("missing.csv");
    for args in [
        vec![
            "run",
            "--data",
            &data,
            "--out",
            &t("r2"),
            "--previous",
            &missing,
        ],
        vec!["metrics", "--data", &data, "--assignments", &missing],
        vec!["compare", "--data", &data, "--experts", &missing],
    ] {
        let o = bin()
            .args(&args)
            .args(["--lang", "nl"])
            .current_dir(root())
            .output()
            .unwrap();
        let err = String::from_utf8_lossy(&o.stderr).into_owned();
        assert!(!o.status.success(), "{args:?}");
        assert!(
            err.contains("missing.csv niet openen: bestand of map bestaat niet"),
            "{args:?}: {err}"
        );
        english_in(&format!("{args:?} (stderr)"), &err, f);
    }
    // A hand-made assignments file that metrics refuses and warns about.
    let hand = tmp.path().join("hand.csv");
    std::fs::write(&hand, "aanvraag;deskundige\nR00002;E9999\n").unwrap();
    let hand = hand.display().to_string();
    let o = bin()
        .args([
            "metrics",
            "--lang",
            "nl",
            "--data",
            &data,
            "--assignments",
            &hand,
        ])
        .current_dir(root())
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&o.stderr).into_owned();
    assert!(!o.status.success(), "{err}");
    assert!(
        err.contains("deskundige \"E9999\" staat niet in het deskundigenbestand"),
        "{err}"
    );
    english_in("metrics of a hand-made file (stderr)", &err, f);
    nl(
        &[
            "simulate",
            "--data",
            &data,
            "--weeks",
            "2",
            "--requests-per-week",
            "20",
            "--out",
            &t("sim"),
        ],
        f,
        true,
    );
    // The ledger's weekly cycle.
    let ledger = t("season.ledger");
    let l = ["--ledger", ledger.as_str()];
    nl(&["ledger", "init", &ledger], f, true);
    let w48 = t("w48");
    nl(
        &[&["run", "--data", &data, "--out", &w48][..], &l, &week].concat(),
        f,
        true,
    );
    let decisions = root().join("examples/decisions-week48.csv");
    let decisions = decisions.display().to_string();
    nl(
        &[&["decide", "--decisions", &decisions][..], &l, &week].concat(),
        f,
        true,
    );
    let one = ["--request", "R00014"];
    let declined = [
        &["decide", "--expert", "E0054", "--declined"][..],
        &one,
        &l,
        &week,
    ];
    nl(&declined.concat(), f, true);
    // A decision on a pair no run proposed: the ledger refuses, in Dutch; so is a decisions
    // file that cannot be opened.
    let never = [
        &[
            "decide",
            "--request",
            "R00014",
            "--expert",
            "E0001",
            "--declined",
        ][..],
        &l,
        &week,
    ];
    let o = bin()
        .args(never.concat())
        .args(["--lang", "nl"])
        .current_dir(root())
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&o.stderr).into_owned();
    assert!(!o.status.success(), "{err}");
    assert!(
        err.contains("geen run van week 2026-W48 heeft deskundige E0001 voorgesteld"),
        "{err}"
    );
    english_in("decide on no proposal (stderr)", &err, f);
    nl(
        &[&["decide", "--decisions", &missing][..], &l, &week].concat(),
        f,
        false,
    );
    // suggest notes the expert who declined, in Dutch.
    let again = [&["suggest", "--data", &data][..], &one, &l, &week];
    let o = bin()
        .args(again.concat())
        .args(["--lang", "nl"])
        .current_dir(root())
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(
        err.contains("let op: E0054 heeft deze aanvraag deze week afgewezen"),
        "{err}"
    );
    english_in("suggest after a decline (stderr)", &err, f);
    let standby = [
        &["decide", "--expert", "E0017", "--accepted"][..],
        &one,
        &l,
        &week,
    ];
    nl(&standby.concat(), f, true);
    let inline = [
        "--role",
        "buddy",
        "--themes",
        "jeugdzorg",
        "--place",
        "Rotterdam",
        "--slot",
        "wed-pm",
        "--org",
        "GGZ Rotterdam",
        "--id",
        "phone-1",
    ];
    let sugg = nl(
        &[&["suggest", "--data", &data][..], &inline, &l, &week].concat(),
        f,
        true,
    );
    // The first candidate free this week, if any: book them.
    if let Some(id) = sugg
        .lines()
        .find(|x| x.trim_start().starts_with("1. "))
        .and_then(|x| x.split(['(', ')']).nth(1))
    {
        let book = [
            &["book", "--data", &data, "--expert", id][..],
            &inline,
            &l,
            &week,
        ];
        nl(&book.concat(), f, true);
    }
    // A refused booking is an error in Dutch too.
    let refused = [
        &["book", "--data", &data, "--expert", "E0054"][..],
        &one,
        &l,
        &week,
    ];
    nl(&refused.concat(), f, false);
    nl(
        &[
            &["run", "--data", &data, "--out", &t("w48b")][..],
            &l,
            &week,
        ]
        .concat(),
        f,
        true,
    );
    files_in(&tmp.path().join("w48b"), f);
    nl(
        &[&["messages", "--out", &t("mail")][..], &l, &week].concat(),
        f,
        true,
    );
    files_in(&tmp.path().join("mail"), f);
    nl(&[&["close"][..], &l, &week].concat(), f, true);
    nl(&[&["ledger", "check"][..], &l].concat(), f, true);
    let history = t("history-export.csv");
    nl(
        &[&["ledger", "export", "--history", &history][..], &l].concat(),
        f,
        true,
    );
    let access_dir = t("access");
    let access = [
        &[
            "ledger",
            "export",
            "--expert",
            "E0054",
            "--out",
            &access_dir,
        ][..],
        &l,
    ];
    nl(&access.concat(), f, true);
    nl(
        &[&["ledger", "forget", "--expert", "E0054"][..], &l].concat(),
        f,
        true,
    );
    // A purge into the weeks the coming batch reads back is refused, in Dutch.
    let refused = [&["ledger", "purge", "--before", "2026-W49"][..], &l].concat();
    nl(&refused, f, false);
    nl(
        &[&["ledger", "purge", "--before", "2026-W47"][..], &l].concat(),
        f,
        true,
    );
    assert!(
        found.is_empty(),
        "{} English line(s):\n{}",
        found.len(),
        found.join("\n")
    );
}

/// English words of the pins' own reasons, the trajectory line and the open-seat reasons,
/// beside [`ENGLISH`] (not `team`: a Dutch word too).
const ENGLISH_PINS: &[&str] = &[
    "would",
    "exceed",
    "pins",
    "pin",
    "pinned",
    "taken",
    "every",
    "meetings",
    "trajectory",
    "assigned",
    "already",
    "slot",
    "together",
    "experienced",
    "new",
];

/// The pins of `tests/fixtures/pins-nl` that conflict (a team rule, the slot, the limits), and
/// the examples (`teams`, `trajectory`) and the sample through `suggest`, `explain` and `run`,
/// each with `--lang nl`: no English word of [`ENGLISH`] or [`ENGLISH_PINS`] in what they
/// print or write, and each pin not kept is named with its own Dutch reason and figures.
#[test]
fn pins_examples_and_trajectories_say_nothing_in_english() {
    let tmp = tempfile::tempdir().unwrap();
    let out = |n: &str| tmp.path().join(n).display().to_string();
    let pins = crate::harness::fixture("pins-nl").display().to_string();
    let teams = root().join("examples/teams").display().to_string();
    let traj = root().join("examples/trajectory");
    let traj_req = traj.join("requests-week48.csv").display().to_string();
    let traj = traj.display().to_string();
    let data = sample().display().to_string();
    let week = "2026-W48";
    let mut printed = String::new();
    let mut found = Vec::new();
    let f = &mut found;
    let runs: Vec<Vec<&str>> = vec![
        vec!["run", "--data", &pins, "--week", week, "--out", "PINS"],
        vec![
            "explain",
            "--data",
            &pins,
            "--week",
            week,
            "--request",
            "R5",
        ],
        vec!["explain", "--data", &pins, "--week", week, "--expert", "E4"],
        vec![
            "suggest",
            "--data",
            &pins,
            "--week",
            week,
            "--request",
            "R3",
        ],
        vec!["run", "--data", &teams, "--week", week, "--out", "TEAMS"],
        vec![
            "suggest",
            "--data",
            &teams,
            "--week",
            week,
            "--request",
            "R4",
        ],
        vec![
            "explain",
            "--data",
            &teams,
            "--week",
            week,
            "--request",
            "R1",
        ],
        vec![
            "explain",
            "--data",
            &traj,
            "--requests",
            &traj_req,
            "--week",
            week,
            "--request",
            "B1",
        ],
        vec![
            "suggest",
            "--data",
            &traj,
            "--requests",
            &traj_req,
            "--week",
            week,
            "--request",
            "B1",
        ],
        vec!["suggest", "--data", &data, "--request", "R00002"],
        vec!["explain", "--data", &data, "--request", "R00013"],
    ];
    for args in runs {
        let args: Vec<String> = args
            .iter()
            .map(|a| match *a {
                "PINS" | "TEAMS" => out(a),
                a => a.to_string(),
            })
            .collect();
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        let o = nl(&args, f, true);
        for line in o.lines() {
            let ws = words(line);
            for bad in ENGLISH_PINS {
                if ws.iter().any(|w| w.trim_end_matches(['.', ':']) == *bad) {
                    f.push(format!("{args:?}: {bad:?} in {line}"));
                }
            }
        }
        printed.push_str(&o);
    }
    for dir in ["PINS", "TEAMS"] {
        files_in(&tmp.path().join(dir), f);
    }
    assert!(
        found.is_empty(),
        "{} English line(s):\n{}",
        found.len(),
        found.join("\n")
    );
    // Each kind of pin not kept, in Dutch with its figures, and a trajectory of every week.
    for want in [
        "vastzetting van Sam (E1) niet gehouden: is nieuw en gaat alleen op een aanvraag van 2 of meer plekken",
        "vastzetting van Lotte (E4) niet gehouden: staat al vast in tijdvak wo-middag (regel 8)",
        "vastzetting van Daan (E3) niet gehouden: wordt niet samen met E2 ingezet (teamregel)",
        "niet gehouden: zou met de vastzettingen ervoor boven het maximum van 1 inzet uitkomen (regel 9)",
        "traject van 5 bijeenkomsten, elke week: weken 2026-W48",
    ] {
        assert!(printed.contains(want), "{want:?} not in:\n{printed}");
    }
    assert!(!printed.contains("elke 1 week"), "{printed}");
    // The solver's counts agree with their nouns too.
    assert!(printed.contains("oplosser: 1 component,"), "{printed}");
    assert!(!printed.contains(" 1 componenten"), "{printed}");
}

/// The English of this test's own list is found where it is: the check can fail.
#[test]
fn the_english_word_check_finds_english() {
    let mut found = Vec::new();
    english_in("x", "wrote out/assignments.csv", &mut found);
    english_in(
        "x",
        "R00002 (Org, trainer): 2 eligible expert(s)",
        &mut found,
    );
    english_in("x", "time: read 0.2 s", &mut found);
    assert_eq!(found.len(), 4, "{found:?}");
    let mut none = Vec::new();
    english_in(
        "x",
        "accepteer met `matchpunt decide --request R1 --expert E1` voor data/sample/experts.csv",
        &mut none,
    );
    assert!(none.is_empty(), "{none:?}");
}

/// Every column of every output table that run writes (assignments, unmatched, experts,
/// standbys, the workbook's summary, a round's changes) has a Dutch name in the HEADERS table,
/// and the Dutch set's headers are those names.
#[test]
fn every_output_column_has_a_dutch_name() {
    let tmp = tempfile::tempdir().unwrap();
    let data = sample().display().to_string();
    let headers = |dir: &str, lang: &str| -> Vec<(String, Vec<String>)> {
        let out = tmp.path().join(dir);
        let o = bin()
            .args(["run", "--data", &data, "--lang", lang, "--out"])
            .arg(&out)
            .output()
            .unwrap();
        assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
        // A round on the set's own assignments adds changes.csv.
        let round = tmp.path().join(format!("{dir}-round"));
        let o = bin()
            .args(["run", "--data", &data, "--lang", lang, "--previous"])
            .arg(out.join("assignments.csv"))
            .arg("--out")
            .arg(&round)
            .arg("--xlsx")
            .output()
            .unwrap();
        assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
        let mut all = Vec::new();
        for (name, bytes) in files(&round) {
            if name.ends_with(".csv") {
                let text = String::from_utf8_lossy(&bytes);
                let head = text.trim_start_matches('\u{feff}').lines().next().unwrap();
                let d = if head.matches(';').count() > head.matches(',').count() {
                    ';'
                } else {
                    ','
                };
                all.push((name, head.split(d).map(str::to_string).collect()));
            }
        }
        use calamine::Reader;
        let mut book: calamine::Xlsx<_> =
            calamine::open_workbook(round.join("matchpunt.xlsx")).unwrap();
        for sheet in book.sheet_names().to_vec() {
            let range = book.worksheet_range(&sheet).unwrap();
            let head = range.rows().next().unwrap();
            let cells = head.iter().map(|c| c.to_string()).filter(|c| !c.is_empty());
            all.push((format!("matchpunt.xlsx ({sheet})"), cells.collect()));
        }
        all
    };
    let en = headers("en", "en");
    let nl = headers("nl", "nl");
    assert_eq!(en.len(), nl.len());
    assert!(en.iter().any(|(n, _)| n == "changes.csv"), "{en:?}");
    assert!(en.iter().any(|(n, _)| n == "standbys.csv"), "{en:?}");
    for ((file, en_cols), (_, nl_cols)) in en.iter().zip(&nl) {
        assert_eq!(en_cols.len(), nl_cols.len(), "{file}");
        for (e, n) in en_cols.iter().zip(nl_cols) {
            let dutch = HEADERS.iter().find(|(k, _)| k == e);
            assert!(
                dutch.is_some(),
                "{file}: column {e:?} has no Dutch name in HEADERS"
            );
            assert_eq!(n, dutch.unwrap().1, "{file}: column {e:?}");
        }
    }
}

/// Words of the English warnings and workbook errors a load gives (checked on whole words).
const ENGLISH_WARNINGS: &[&str] = &[
    "ignoring",
    "unknown",
    "column",
    "read",
    "separated",
    "since",
    "year",
    "cannot",
    "workbook",
    "damaged",
];

/// A Dutch `check` of inputs that make the load warn (a `sep=;` line, a Windows-1252 file, an
/// unknown column, a date where a year belongs) and of a damaged workbook: every warning and
/// error is in Dutch.
#[test]
fn a_dutch_load_warns_and_refuses_in_dutch() {
    let tmp = tempfile::tempdir().unwrap();
    let sample = sample();
    let mut rows = csv::ReaderBuilder::new()
        .has_headers(false)
        .from_path(sample.join("experts.csv"))
        .unwrap();
    let mut out = csv::WriterBuilder::new()
        .delimiter(b';')
        .terminator(csv::Terminator::CRLF)
        .from_writer(Vec::new());
    let mut birth = 0;
    for (i, row) in rows.records().enumerate() {
        let mut cells: Vec<String> = row.unwrap().iter().map(str::to_string).collect();
        if i == 0 {
            birth = cells.iter().position(|c| c == "birth_year").unwrap();
            cells.push("favourite_colour".into());
        } else {
            cells.push("blauw".into());
        }
        if i == 1 {
            cells[birth] = "12-3-2001".into();
            cells[1] = "Renée M.".into();
        }
        out.write_record(&cells).unwrap();
    }
    let text = format!(
        "sep=;\r\n{}",
        String::from_utf8(out.into_inner().unwrap()).unwrap()
    );
    // Windows-1252: é is one byte, 0xE9.
    let bytes: Vec<u8> = text
        .chars()
        .map(|c| if c == 'é' { 0xE9 } else { c as u8 })
        .collect();
    std::fs::write(tmp.path().join("experts.csv"), bytes).unwrap();
    std::fs::copy(sample.join("requests.csv"), tmp.path().join("requests.csv")).unwrap();
    let run = |data: &Path| {
        let o = bin()
            .args(["check", "--lang", "nl", "--data"])
            .arg(data)
            .current_dir(root())
            .output()
            .unwrap();
        (
            o.status.success(),
            String::from_utf8_lossy(&o.stderr).into_owned(),
        )
    };
    let mut found = Vec::new();
    let mut check_words = |what: &str, text: &str| {
        english_in(what, text, &mut found);
        for line in text.lines() {
            for bad in ENGLISH_WARNINGS {
                if words(line)
                    .iter()
                    .any(|w| w.trim_end_matches(['.', ':']) == *bad)
                {
                    found.push(format!("{what}: {bad:?} in {line}"));
                }
            }
        }
    };
    let (ok, err) = run(tmp.path());
    assert!(ok, "{err}");
    for dutch in [
        "onbekende kolom 'favourite_colour' genegeerd",
        "gelezen als Windows-1252",
        "gescheiden door ';', zoals de regel 'sep=' op regel 1 zegt",
        "een datum, geen jaar: gelezen als het jaar 2001",
    ] {
        assert!(err.contains(dutch), "{dutch:?} not in:\n{err}");
    }
    check_words("check (warnings)", &err);
    // A damaged workbook: a zip that is no workbook.
    let book = tmp.path().join("week.xlsx");
    std::fs::write(&book, b"PK\x03\x04 not a workbook at all").unwrap();
    let (ok, err) = run(&book);
    assert!(!ok, "{err}");
    assert!(err.contains("kan niet als werkmap gelezen worden"), "{err}");
    // The library's own reason, in parentheses, is left as it says it.
    let ours: String = err
        .lines()
        .map(|l| match (l.find('('), l.rfind(')')) {
            (Some(a), Some(b)) if a < b => format!("{}{}", &l[..a], &l[b + 1..]),
            _ => l.to_string(),
        })
        .collect::<Vec<_>>()
        .join("\n");
    check_words("check (damaged workbook)", &ours);
    // An inline request with a bad option: the header of its errors and the error are Dutch.
    let o = bin()
        .args(["suggest", "--lang", "nl", "--data"])
        .arg(tmp.path())
        .args([
            "--role", "maatje", "--themes", "pesten", "--place", "Utrecht",
        ])
        .args(["--slot", "wo-xx", "--org", "Gemeente Utrecht"])
        .current_dir(root())
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&o.stderr).into_owned();
    assert!(!o.status.success(), "{err}");
    assert!(
        err.contains("1 fout in de opties van de aanvraag:"),
        "{err}"
    );
    assert!(err.contains("--slot \"wo-xx\": is geen tijdvak"), "{err}");
    check_words("suggest (inline request)", &err);
    // A folder without the files: the CLI's own "cannot open".
    let (ok, err) = run(&tmp.path().join("missing"));
    assert!(!ok, "{err}");
    assert!(err.contains("experts.csv niet openen"), "{err}");
    check_words("check (missing folder)", &err);
    assert!(found.is_empty(), "{}", found.join("\n"));
}

/// The summary's causes agree with their counts, in both languages.
#[test]
fn summary_causes_agree_with_their_counts() {
    use matchpunt::messages::Lang;
    use matchpunt::report::cause_count;
    for (cause, n, lang, want) in [
        ("personal reasons", 1, Lang::Nl, "1 persoonlijke reden"),
        ("personal reasons", 4, Lang::Nl, "4 persoonlijke redenen"),
        ("personal reasons", 1, Lang::En, "1 personal reason"),
        (
            "experts at their limit",
            1,
            Lang::En,
            "1 expert at their limit",
        ),
        (
            "experts at their limit",
            3,
            Lang::En,
            "3 experts at their limit",
        ),
        (
            "experts at their limit",
            1,
            Lang::Nl,
            "1 deskundige aan de grens",
        ),
        (
            "experts at their limit",
            2,
            Lang::Nl,
            "2 deskundigen aan hun grens",
        ),
        ("no free slot", 19, Lang::En, "19 no free slot"),
        ("no free slot", 1, Lang::Nl, "1 geen vrij tijdvak"),
    ] {
        assert_eq!(cause_count(cause, n, lang), want, "{cause} {n} {lang:?}");
    }
}
