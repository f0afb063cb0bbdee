//! Dutch outputs hold no English word of the message table (trial 3, #19): the words of the
//! table's English templates that no Dutch template has are looked for in what a Dutch
//! session prints and writes (the trial's round with a decline, explain and suggest after it,
//! a phone booking and its messages, the messages' file errors, explain of a team request).

use crate::harness::{bin, files, fixture_copy, root, WEEK};
use matchpunt::messages::{Lang, Msg};
use std::collections::BTreeSet;
use std::path::Path;

/// The words (5 letters or more) of the English templates that no Dutch template holds:
/// English for sure, as the table has a Dutch text for each.
fn english_words() -> BTreeSet<String> {
    let words = |t: &str| -> Vec<String> {
        // Placeholders are no words of the text; the forms of `{n:one|many}` are.
        let mut plain = String::new();
        let mut rest = t;
        while let Some(open) = rest.find('{') {
            plain.push_str(&rest[..open]);
            let Some(close) = rest[open..].find('}') else {
                break;
            };
            if let Some((_, forms)) = rest[open + 1..open + close].split_once(':') {
                plain.push(' ');
                plain.push_str(&forms.replace('|', " "));
                plain.push(' ');
            }
            rest = &rest[open + close + 1..];
        }
        plain.push_str(rest);
        plain
            .split(|c: char| !c.is_ascii_alphabetic())
            .map(str::to_lowercase)
            .collect()
    };
    let nl: BTreeSet<String> = Msg::ALL
        .iter()
        .flat_map(|m| words(m.template(Lang::Nl)))
        .collect();
    Msg::ALL
        .iter()
        .flat_map(|m| words(m.template(Lang::En)))
        .filter(|w| w.len() >= 5 && !nl.contains(w))
        .collect()
}

/// The English words of the table in `text`, one finding per line; text in backticks (a
/// command), paths and quoted values (the user's own data, such as a column name) left out.
fn english_in(what: &str, text: &str, table: &BTreeSet<String>, found: &mut Vec<String>) {
    for line in text.lines() {
        let outside: String = line.split('`').step_by(2).collect::<Vec<_>>().join(" ");
        let outside: String = outside.split('"').step_by(2).collect::<Vec<_>>().join(" ");
        let outside: String = outside.split('\'').step_by(2).collect::<Vec<_>>().join(" ");
        for w in outside.split_whitespace() {
            if w.contains('/') || w.contains('.') && w.len() > 4 && !w.ends_with('.') {
                continue;
            }
            // A column name written into a text (`experienced_min`) is read word by word.
            for w in w.split(|c: char| !c.is_ascii_alphabetic()) {
                let w = w.to_lowercase();
                if table.contains(&w) {
                    found.push(format!("{what}: {w:?} in {line}"));
                }
            }
        }
    }
}

/// Runs `matchpunt ARGS` in `d`; stdout and stderr searched.
fn nl(d: &Path, args: &[&str], table: &BTreeSet<String>, found: &mut Vec<String>) -> bool {
    let o = bin().args(args).current_dir(d).output().unwrap();
    for (which, b) in [("stdout", &o.stdout), ("stderr", &o.stderr)] {
        english_in(
            &format!("{args:?} ({which})"),
            &String::from_utf8_lossy(b),
            table,
            found,
        );
    }
    o.status.success()
}

/// The CSV files a person reads in `dir` (messages.csv: its subjects and texts).
fn csvs_in(dir: &Path, table: &BTreeSet<String>, found: &mut Vec<String>) {
    for (name, bytes) in files(dir) {
        if !name.ends_with(".csv") {
            continue;
        }
        let text = String::from_utf8_lossy(&bytes).into_owned();
        let body = if name.ends_with("messages.csv") {
            let (_, rows) = crate::harness::read_table(&dir.join(&name));
            rows.iter()
                .map(|x| {
                    let n = x.len();
                    format!("{} {}", x[n - 2], x[n - 1])
                })
                .collect::<Vec<_>>()
                .join("\n")
        } else {
            text
        };
        english_in(&format!("{}/{name}", dir.display()), &body, table, found);
    }
}

#[test]
fn dutch_outputs_hold_no_english_word_of_the_message_table() {
    let table = english_words();
    assert!(
        table.contains("eligible") && table.contains("objective"),
        "{table:?}"
    );
    let mut found = Vec::new();
    let f = &mut found;
    let dir = fixture_copy("trial3-file-flow-decline");
    let d = dir.path();
    let w = ["--data", ".", "--week", WEEK, "--lang", "nl"];
    let with = |words: &[&'static str]| -> Vec<&str> { words.iter().copied().chain(w).collect() };
    assert!(nl(d, &with(&["run", "--out", "r1"]), &table, f));
    assert!(nl(
        d,
        &with(&[
            "run",
            "--out",
            "r2",
            "--previous",
            "r1/assignments.csv",
            "--decisions",
            "dec.csv"
        ]),
        &table,
        f
    ));
    csvs_in(&d.join("r2"), &table, f);
    for cmd in [
        &[
            "explain",
            "--request",
            "R1",
            "--assignments",
            "r1/assignments.csv",
            "--decisions",
            "dec.csv",
        ][..],
        &[
            "suggest",
            "--request",
            "R1",
            "--assignments",
            "r2/assignments.csv",
        ][..],
        &[
            "explain",
            "--expert",
            "E2",
            "--assignments",
            "r2/assignments.csv",
        ][..],
    ] {
        assert!(nl(d, &with(cmd), &table, f), "{cmd:?}");
    }
    // A phone booking in the ledger, and its messages.
    assert!(nl(
        d,
        &["ledger", "init", "s.ledger", "--lang", "nl"],
        &table,
        f
    ));
    let l = ["--ledger", "s.ledger"];
    let withl =
        |words: &[&'static str]| -> Vec<&str> { words.iter().copied().chain(l).chain(w).collect() };
    assert!(nl(d, &withl(&["run", "--out", "w1"]), &table, f));
    assert!(nl(
        d,
        &withl(&[
            "book",
            "--role",
            "maatje",
            "--themes",
            "angst",
            "--place",
            "Utrecht",
            "--slot",
            "vr-middag",
            "--org",
            "Kwintes",
            "--expert",
            "E3",
        ]),
        &table,
        f
    ));
    assert!(nl(
        d,
        &["messages", "--ledger", "s.ledger", "--week", WEEK, "--out", "m", "--lang", "nl"],
        &table,
        f
    ));
    csvs_in(&d.join("m"), &table, f);
    let mail = std::fs::read_to_string(d.join("m/messages.csv")).unwrap();
    assert!(!mail.contains("phone"), "{mail}");
    // Explain of a team request whose runners-up the team rules keep out.
    let teams = root().join("examples/teams");
    let teams = teams.to_str().unwrap();
    assert!(nl(
        d,
        &[
            "explain",
            "--data",
            teams,
            "--week",
            WEEK,
            "--request",
            "R4",
            "--lang",
            "nl"
        ],
        &table,
        f
    ));
    assert!(
        found.is_empty(),
        "{} English line(s):\n{}",
        found.len(),
        found.join("\n")
    );
}

/// A Dutch count of 1 takes the singular (trial 2 and 3: "1 deskundigen", "1 aanvragen",
/// "1 componenten", "1 geschikte paar"): `check` and `run` on a batch of one of everything.
#[test]
fn a_count_of_one_reads_singular_in_dutch() {
    let dir = crate::harness::batch_folder(
        "id;naam;rollen;gecertificeerd;thema's;woonplaats;beschikbaarheid\nE1;Anna;maatje;ja;angst;Utrecht;*\n",
        "aanvraag_id;organisatie;rol;thema's;plaats;dagdeel\nR1;Kwintes;maatje;angst;Utrecht;wo-middag\n",
    );
    let d = dir.path();
    let mut said = String::new();
    for args in [
        &["check", "--data", ".", "--week", WEEK, "--lang", "nl"][..],
        &[
            "run", "--data", ".", "--week", WEEK, "--out", "o", "--lang", "nl",
        ][..],
    ] {
        let o = bin().args(args).current_dir(d).output().unwrap();
        said.push_str(&String::from_utf8_lossy(&o.stdout));
        said.push_str(&String::from_utf8_lossy(&o.stderr));
    }
    for plural in [
        "1 deskundigen",
        "1 aanvragen",
        "1 componenten",
        "1 conflicten",
        "1 branch-and-bound-knopen",
        "1 geschikte paar",
        "1 geschikte paren",
        "1 regels",
    ] {
        assert!(!said.contains(plural), "{plural:?} in:\n{said}");
    }
    assert!(said.contains("1 deskundige"), "{said}");
}

/// `simulate --lang nl`'s report.html (trial 3, #19: only its first line was Dutch): its text
/// (outside tags) holds no English word of the message table, and its numbers have a decimal
/// comma.
#[test]
fn simulates_dutch_report_page_is_dutch() {
    let table = english_words();
    let dir = tempfile::tempdir().unwrap();
    let data = crate::harness::sample().display().to_string();
    let o = bin()
        .args([
            "simulate",
            "--data",
            &data,
            "--weeks",
            "2",
            "--requests-per-week",
            "20",
            "--out",
            "sim",
            "--lang",
            "nl",
        ])
        .current_dir(dir.path())
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let page = std::fs::read_to_string(dir.path().join("sim/report.html")).unwrap();
    assert!(page.contains("<html lang=\"nl\">"));
    // The text a person reads: what is between tags, and the charts' titles.
    let mut text = String::new();
    for part in page.split('<').skip(1) {
        if let Some((tag, after)) = part.split_once('>') {
            if !tag.starts_with("style") {
                text.push_str(after);
                text.push('\n');
            }
        }
    }
    // The policy's name ("default": no --policy given) is data, not a text of the page.
    let text = text.replace("default", "");
    let mut found = Vec::new();
    english_in("report.html", &text, &table, &mut found);
    assert!(found.is_empty(), "{}", found.join("\n"));
    for english in [
        "Summary",
        "Teams and trajectories",
        "Seats filled",
        "proven optimal",
    ] {
        assert!(!page.contains(english), "{english}");
    }
    // The mean of eligible experts has one decimal: a comma in Dutch.
    let totals = &page[page.find("class=\"totals\"").unwrap()..];
    let last_cell = totals.split("<td>").nth(4).unwrap();
    assert!(last_cell.contains(','), "{last_cell}");
}
