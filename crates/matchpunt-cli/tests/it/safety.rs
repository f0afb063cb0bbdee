//! The real `matchpunt` binary on the safety cases of issue 8 (`tests/fixtures/safety/`): names
//! that differ only in writing must not defeat an avoided theme, an excluded organisation or the
//! heavy-theme load, and no text may tell which personal reason (rule 3 or 4) keeps an expert
//! from a request. Each case is a Dutch Excel export (BOM, `;`, CRLF) as a coordinator made it;
//! the tests assert the right outcome and, where it can be, a control run without the safety
//! field that shows the case is not vacuous.
//!
//! Every test copies its fixture into a fresh temporary folder, so the fixtures are never written.

use crate::harness::{
    batch_folder, check_week, fixture_copy, read_table, run_week, show, succeeded,
};
use std::fs;
use std::path::Path;

/// A copy of the case `tests/fixtures/safety/NAME`.
fn case(name: &str) -> tempfile::TempDir {
    fixture_copy(&format!("safety/{name}"))
}

/// An output CSV as rows of named cells, whatever its dialect (`,` or `;`, a BOM, CRLF).
struct Table {
    header: Vec<String>,
    rows: Vec<Vec<String>>,
}

impl Table {
    fn read(path: &Path) -> Table {
        let (header, rows) = read_table(path);
        Table { header, rows }
    }
    fn col(&self, name: &str) -> usize {
        self.header
            .iter()
            .position(|h| h == name)
            .unwrap_or_else(|| panic!("no column {name:?} in {:?}", self.header))
    }
    fn get(&self, row: &[String], name: &str) -> String {
        row[self.col(name)].clone()
    }
    /// (request, expert) of every row of assignments.csv.
    fn pairs(&self) -> Vec<(String, String)> {
        self.rows
            .iter()
            .map(|r| (self.get(r, "request"), self.get(r, "expert")))
            .collect()
    }
}

fn assignments(dir: &Path, out: &str) -> Table {
    Table::read(&dir.join(out).join("assignments.csv"))
}

fn unmatched(dir: &Path, out: &str) -> Table {
    Table::read(&dir.join(out).join("unmatched.csv"))
}

fn pair(r: &str, e: &str) -> (String, String) {
    (r.to_string(), e.to_string())
}

/// Replaces `from` (which must be there) by `to` in a file of the case, for a control run.
fn replace_in(dir: &Path, file: &str, from: &str, to: &str) {
    let p = dir.join(file);
    let t = fs::read_to_string(&p).unwrap();
    assert!(t.contains(from), "{from} not in {file}");
    fs::write(&p, t.replace(from, to)).unwrap();
}

// ---- Excluded organisations with a separator in their name ---------------------------------------

fn excluded_org_case(name: &str, org: &str) {
    let dir = case(name);
    succeeded(check_week(dir.path(), ".", &[]));
    let o = succeeded(run_week(dir.path(), ".", "out", &[]));
    let got = assignments(dir.path(), "out").pairs();
    assert!(
        !got.contains(&pair("R01", "E01")),
        "E01 excludes {org:?} and was sent to it: {got:?}\n{}",
        show(&o)
    );
    let un = unmatched(dir.path(), "out");
    assert!(
        un.rows.iter().any(|r| un.get(r, "request") == "R01"),
        "R01 has no other buddy"
    );
    // Control: without the exclusion, E01 is the one sent there.
    replace_in(dir.path(), "experts.csv", &format!("\"{org}\""), "");
    succeeded(run_week(dir.path(), ".", "control", &[]));
    let got = assignments(dir.path(), "control").pairs();
    assert!(got.contains(&pair("R01", "E01")), "{got:?}");
}

#[test]
fn excluded_org_with_comma() {
    excluded_org_case("excluded-org-with-comma", "Jeugdhulp Utrecht, locatie Oost");
}

#[test]
fn excluded_org_with_semicolon() {
    excluded_org_case("excluded-org-with-semicolon", "Stichting Jeugd; Gezin & Zo");
}

// ---- Themes that differ only in writing ----------------------------------------------------------

#[test]
fn avoid_theme_diacritics() {
    // E01 avoids `suicidaliteit`; R01 is about `depressie|suïcidaliteit`.
    let dir = case("avoid-theme-diacritics");
    let o = succeeded(run_week(dir.path(), ".", "out", &[]));
    let got = assignments(dir.path(), "out").pairs();
    assert!(!got.contains(&pair("R01", "E01")), "{got:?}\n{}", show(&o));
    replace_in(dir.path(), "experts.csv", ";suicidaliteit\r\n", ";\r\n");
    succeeded(run_week(dir.path(), ".", "control", &[]));
    let got = assignments(dir.path(), "control").pairs();
    assert!(got.contains(&pair("R01", "E01")), "{got:?}");
}

#[test]
fn heavy_theme_diacritics() {
    // R01 (`suïcidaliteit`) and R02 (`suicidaliteit`) are both heavy: buddy 2 + 1 each, so E01
    // (budget 4) takes one of them, and the other is open for the load budget.
    let dir = case("heavy-theme-diacritics");
    succeeded(run_week(dir.path(), ".", "out", &[]));
    let a = assignments(dir.path(), "out");
    assert_eq!(a.rows.len(), 1, "{:?}", a.rows);
    assert_eq!(a.get(&a.rows[0], "intensity"), "3");
    assert_eq!(a.get(&a.rows[0], "expert"), "E01");
    let un = unmatched(dir.path(), "out");
    assert_eq!(un.rows.len(), 1, "{:?}", un.rows);
    let reason = un.get(&un.rows[0], "reason");
    // The one reason (as explain and the web page give it): E01 is at their load budget.
    assert!(reason.contains("would carry load 6 of 4"), "{reason}");
    let ex = Table::read(&dir.path().join("out/experts.csv"));
    let e01 = ex
        .rows
        .iter()
        .find(|r| ex.get(r, "expert") == "E01")
        .unwrap();
    assert_eq!(ex.get(e01, "load_used"), "3");
}

#[test]
fn theme_diacritics() {
    // E01 lives with `suicidaliteit`; R01 asks for `suïcidaliteit`: the same theme.
    let dir = case("theme-diacritics");
    let o = succeeded(check_week(dir.path(), ".", &[]));
    let out = String::from_utf8_lossy(&o.stdout).into_owned();
    assert!(
        out.contains("requests no expert could ever take: 0"),
        "{out}"
    );
    assert!(!out.contains("not in the theme vocabulary"), "{out}");
    succeeded(run_week(dir.path(), ".", "out", &[]));
    let got = assignments(dir.path(), "out").pairs();
    assert!(got.contains(&pair("R01", "E01")), "{got:?}");
    assert!(got.contains(&pair("R02", "E02")), "{got:?}");
}

#[test]
fn avoid_theme_invisible_char() {
    // Ek avoids the theme of Rk, written with a non-breaking space, as a plural, with a trailing
    // space, with a hyphen, with a zero-width space. With --export-lp as in the case's command.
    let dir = case("avoid-theme-invisible-char");
    let o = succeeded(run_week(
        dir.path(),
        ".",
        "out",
        &["--export-lp", "model.lp"],
    ));
    let got = assignments(dir.path(), "out").pairs();
    for k in 1..=5 {
        assert!(
            !got.contains(&pair(&format!("R{k}"), &format!("E{k}"))),
            "E{k} avoids the theme of R{k}: {got:?}"
        );
    }
    // R1's theme (huiselijk geweld) only E1 has: nobody takes it.
    assert!(!got.iter().any(|(r, _)| r == "R1"), "{got:?}");
    // Every other pair is allowed and filled (seats for everyone).
    assert_eq!(got.len(), 13, "{got:?}");
    // The exported model has no variable for an avoided pair (rows are zero-based).
    let lp = fs::read_to_string(dir.path().join("model.lp")).unwrap();
    for k in 0..5 {
        assert!(
            !lp.contains(&format!("x_{k}_{k} ")),
            "x_{k}_{k} in the model"
        );
    }
    assert!(
        !String::from_utf8_lossy(&o.stderr).contains("warning"),
        "{}",
        show(&o)
    );
}

// ---- Privacy -------------------------------------------------------------------------------------

/// Words that would tell an avoided theme from an excluded organisation.
const TELLS: [&str; 8] = [
    "theme",
    "organisation",
    "avoid",
    "exclu",
    "rule 3)",
    "rule 4)",
    "rule 3:",
    "rule 4:",
];

#[test]
fn pin_privacy() {
    // E01 is pinned to R01 at an organisation they exclude, and to R02 on a theme they avoid.
    let dir = case("pin-privacy");
    let o = succeeded(run_week(dir.path(), ".", "out", &[]));
    let stdout = String::from_utf8_lossy(&o.stdout).into_owned();
    // Every pin not kept is named with request, expert and cause.
    let lines: Vec<&str> = stdout
        .lines()
        .filter(|l| l.starts_with("pin not kept"))
        .collect();
    assert_eq!(lines.len(), 2, "{stdout}");
    for (l, r) in lines.iter().zip(["R01", "R02"]) {
        assert!(l.contains(r) && l.contains("E01"), "{l}");
        assert!(l.contains("personal reason"), "{l}");
    }
    let un = unmatched(dir.path(), "out");
    let reasons: Vec<String> = un.rows.iter().map(|r| un.get(r, "reason")).collect();
    assert_eq!(reasons.len(), 2, "{reasons:?}");
    assert_eq!(reasons[0], reasons[1], "the two causes must read alike");
    for text in reasons
        .iter()
        .map(String::as_str)
        .chain(lines.iter().copied())
    {
        for t in TELLS {
            assert!(!text.contains(t), "{t:?} in {text:?}");
        }
        assert!(
            !text.contains("suicid") && !text.contains("Jeugdhulp Oost:"),
            "{text}"
        );
    }
    // check: the funnel says the same for both, with no count that singles E01 out.
    let o = succeeded(check_week(dir.path(), ".", &[]));
    let out = String::from_utf8_lossy(&o.stdout).into_owned();
    let funnel = |r: &str| -> String {
        let l = out
            .lines()
            .find(|l| l.trim_start().starts_with(r))
            .unwrap_or_else(|| panic!("no {r} line in\n{out}"));
        l.split_once("): ").unwrap().1.to_string()
    };
    assert_eq!(funnel("R01"), funnel("R02"));
    assert!(funnel("R01").contains("fewer than 3"), "{out}");
    assert!(!out.contains("among the 1 "), "{out}");
    assert!(!out.contains("rule 4"), "{out}");
    // The per-theme counts show 1 as "fewer than 3".
    let avoided = out
        .lines()
        .find(|l| l.trim_start().starts_with("suicidaliteit"))
        .unwrap_or_else(|| panic!("{out}"));
    assert!(avoided.contains("fewer than 3"), "{avoided}");
    assert!(!avoided.split_whitespace().any(|w| w == "1"), "{avoided}");
}

#[test]
fn check_lists_unknown_themes_with_counts_only() {
    let dir = batch_folder("id,roles,certified,themes,avoid_themes,place,availability\n\
         E1,buddy,yes,depresie|pesten,,Utrecht,*\n\
         E2,buddy,yes,pesten,depresie,Utrecht,*\n\
         E3,buddy,yes,pesten|eigen thema,,Utrecht,*\n", "id,org,role,themes,place\nR1,Org,buddy,Depresie,Utrecht\nR2,Org,buddy,Eetstoornissen,Utrecht\n");
    let o = succeeded(check_week(dir.path(), ".", &[]));
    let out = String::from_utf8_lossy(&o.stdout).into_owned();
    assert!(
        out.contains("themes not in the theme vocabulary (data/themes.csv): 2"),
        "{out}"
    );
    assert!(
        // E2's avoid cell is not counted (it would tell rule 3 from rule 4).
        out.contains("\"depresie\" in fewer than 3 cell(s): did you mean \"depressie\"?"),
        "{out}"
    );
    assert!(
        out.contains("\"eigen thema\" in fewer than 3 cell(s)"),
        "{out}"
    );
    // A plural of a known theme is that theme, shown by its canonical name.
    assert!(!out.contains("Eetstoornissen"), "{out}");
    assert!(out.contains("eetstoornis"), "{out}");
    // The unknown-theme lines name no expert.
    for l in out.lines().filter(|l| l.contains("cell(s)")) {
        assert!(!l.contains("E1") && !l.contains("E2"), "{l}");
    }
}
