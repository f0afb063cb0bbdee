//! Spreadsheet exports as coordinators really save them, read to the right values.
//!
//! `tests/fixtures/reads/` holds one small batch (three experts, two requests) saved the ways
//! Excel saves it: `reference/` is plain UTF-8 with `;`; `sep-line/` starts with Excel's `sep=;`
//! line, `tabs/` is tab-separated, `utf16/` is "Unicode text" (UTF-16 LE with a BOM, tabs),
//! `cp1252/` is Windows-1252, `macroman/` is Excel for Mac's "CSV (Macintosh)" (Mac Roman, CR
//! line ends), `utf16-nobom/` is UTF-16 LE without a byte-order mark, `blank-first-row/` has a blank line before the header,
//! `dutch-headers/` names the columns in Dutch and `excel-date-birthyear/` has a date, an Excel
//! serial number and `1996,0` for birth years. Each must load to exactly the reference's batch,
//! run to the same output files, and say in one warning how it was read. `cell-variants/` and
//! `ragged-cascade/` are other cases, checked value by value. Broken variants with a bad cell (the
//! right line number) are in `fixtures/broken/`.

use crate::harness::{run, run_week, text, WEEK};
use matchpunt::ingest::{self, Inputs, Loaded, Source, WeekChoice};
use matchpunt::model::places::Places;
use matchpunt::model::{Role, Slot, SlotSet, Week};
use matchpunt::policy::Policy;
use std::fs;
use std::path::{Path, PathBuf};

fn reads(case: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/reads")
        .join(case)
}

/// The fixture's CSV files in a fresh temporary folder (the fixtures are never written).
fn copy(case: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    for e in fs::read_dir(reads(case)).unwrap() {
        let p = e.unwrap().path();
        if p.extension().is_some_and(|x| x == "csv") {
            fs::copy(&p, dir.path().join(p.file_name().unwrap())).unwrap();
        }
    }
    dir
}

/// The batch of a fixture, loaded by the library.
fn load(case: &str) -> Loaded {
    let dir = reads(case);
    let w = Week::parse(WEEK).unwrap();
    ingest::load(
        Inputs {
            experts: Source::new(
                "experts.csv",
                fs::File::open(dir.join("experts.csv")).unwrap(),
            ),
            requests: Source::new(
                "requests.csv",
                fs::File::open(dir.join("requests.csv")).unwrap(),
            ),
            history: None,
        },
        &Places::bundled(),
        &Policy::default(),
        WeekChoice {
            given: Some(w),
            fallback: w,
        },
    )
    .unwrap_or_else(|e| panic!("{case}: {e}"))
}

/// Everything a batch holds, as text, for comparing two loads.
fn batch(l: &Loaded) -> String {
    let i = &l.instance;
    format!(
        "{:#?}\n{:#?}\n{:?}\n{:?}\n{:?}",
        i.experts,
        i.requests,
        i.themes.names(),
        i.orgs.names(),
        i.languages.names()
    )
}

#[test]
fn the_reference_batch_has_the_values_of_the_file() {
    let l = load("reference");
    assert!(l.warnings.is_empty(), "{:?}", l.warnings);
    let e = &l.instance.experts;
    let names: Vec<&str> = e.iter().map(|x| x.name.as_str()).collect();
    assert_eq!(
        names,
        ["Zoë de Vries", "Daniëlle Bakker", "Noah van den Berg"]
    );
    assert_eq!(e[0].max_travel_km, 12.5);
    assert_eq!(
        e.iter().map(|x| x.birth_year).collect::<Vec<_>>(),
        [Some(2001), Some(1998), Some(1996)]
    );
    let mut avail = SlotSet::default();
    avail.insert(Slot::parse("mon-eve").unwrap());
    avail.insert(Slot::parse("wed-pm").unwrap());
    assert_eq!(e[0].availability, avail);
    assert!(e[0].roles.contains(Role::Buddy) && !e[1].online);
    assert_eq!(l.instance.requests.len(), 2);
}

#[test]
fn excel_saves_read_like_the_reference_with_one_note_each() {
    let reference = load("reference");
    let want = batch(&reference);
    // (case, what the one warning about experts.csv must say; None = no warning at all)
    let cases: &[(&str, Option<&str>)] = &[
        (
            "sep-line",
            Some("separated by ';' as its 'sep=' line 1 says"),
        ),
        ("tabs", Some("tab-separated")),
        (
            "utf16",
            Some("read as UTF-16 LE (Excel's \"Unicode text\"); tab-separated"),
        ),
        ("cp1252", Some("read as Windows-1252")),
        ("macroman", Some("read as Mac Roman")),
        (
            "utf16-nobom",
            Some("read as UTF-16 LE without a byte-order mark; tab-separated"),
        ),
        (
            "blank-first-row",
            Some("the header is on line 2; skipped blank line 1 before it"),
        ),
        ("dutch-headers", None),
    ];
    for &(case, note) in cases {
        let l = load(case);
        assert_eq!(
            batch(&l),
            want,
            "{case} reads other values than the reference"
        );
        let about_experts: Vec<&matchpunt::ingest::Warning> = l
            .warnings
            .iter()
            .filter(|w| w.starts_with("experts.csv"))
            .collect();
        match note {
            Some(n) => {
                assert_eq!(about_experts.len(), 1, "{case}: {:?}", l.warnings);
                assert!(about_experts[0].contains(n), "{case}: {:?}", l.warnings);
            }
            None => assert!(about_experts.is_empty(), "{case}: {:?}", l.warnings),
        }
    }
}

#[test]
fn excel_dates_in_birth_year_give_the_year_with_a_warning_naming_the_cell() {
    let l = load("excel-date-birthyear");
    assert_eq!(batch(&l), batch(&load("reference")));
    let w = l.warnings.join("\n");
    assert_eq!(l.warnings.len(), 2, "{w}");
    assert!(
        w.contains(
            "experts.csv:2:10 (J2): column 'birth_year': a date, not a year: read as the year 2001"
        ),
        "{w}"
    );
    assert!(
        w.contains("experts.csv:3:10 (J3): column 'birth_year': an Excel date serial number"),
        "{w}"
    );
    assert!(w.contains("read as the year 1998"), "{w}");
    // `1996,0` is a whole number with a decimal format, not a date: no warning.
    assert!(!w.contains("experts.csv:4"), "{w}");
    // The birth date itself is not repeated.
    assert!(!w.contains("12-3-2001") && !w.contains("35796"), "{w}");
}

#[test]
fn excel_saves_run_to_the_same_output_files() {
    // One output dialect for all: a tab-separated input would otherwise give `,` outputs.
    let out_of = |case: &str| -> Vec<(String, String)> {
        let dir = copy(case);
        let o = run_week(dir.path(), ".", "uit", &["--csv-dialect", "nl"]);
        assert_eq!(o.status.code(), Some(0), "{case}: {}", text(&o.stderr));
        let mut files: Vec<(String, String)> = fs::read_dir(dir.path().join("uit"))
            .unwrap()
            .map(|e| {
                let p = e.unwrap().path();
                (
                    p.file_name().unwrap().to_string_lossy().into_owned(),
                    fs::read_to_string(&p).unwrap(),
                )
            })
            .collect();
        files.sort();
        files
    };
    let want = out_of("reference");
    assert!(
        want.iter()
            .any(|(n, t)| n == "assignments.csv" && t.contains("Zoë de Vries")),
        "{want:?}"
    );
    for case in [
        "sep-line",
        "tabs",
        "utf16",
        "cp1252",
        "macroman",
        "utf16-nobom",
        "blank-first-row",
        "dutch-headers",
        "excel-date-birthyear",
    ] {
        assert_eq!(out_of(case), want, "{case}");
    }
}

#[test]
fn check_says_how_a_file_was_read() {
    let dir = copy("utf16");
    let o = run(&["check", "--data", ".", "--week", WEEK], dir.path());
    assert_eq!(o.status.code(), Some(0), "{}", text(&o.stderr));
    assert!(
        text(&o.stdout).contains("ok: 3 experts (3 active, 3 certified), 2 requests"),
        "{}",
        text(&o.stdout)
    );
    let err = text(&o.stderr);
    assert_eq!(err.matches("warning: ").count(), 1, "{err}");
    assert!(
        err.contains("warning: ./experts.csv: read as UTF-16 LE"),
        "{err}"
    );
}

#[test]
fn cell_variants_are_read_as_meant() {
    // The cell-variants case with its three cells that stay wrong corrected (those are the
    // broken fixture `cell_variants`): every other variant reads as a coordinator means it.
    let l = load("cell-variants");
    let e = &l.instance.experts;
    assert_eq!(e.len(), 5);
    for x in &e[..2] {
        // `maatje/spreker` and `Maatje, Spreker`
        assert!(x.roles.contains(Role::Buddy) && x.roles.contains(Role::Speaker));
        assert!(!x.roles.contains(Role::Adviser) && !x.roles.contains(Role::Trainer));
    }
    // `20 km`
    assert_eq!(e[1].max_travel_km, 20.0);
    // `woensdagmiddag|wo middag|Wo-Middag|wo-mid` is one slot; `✓` is yes.
    let mut wed_pm = SlotSet::default();
    wed_pm.insert(Slot::parse("wed-pm").unwrap());
    assert_eq!(e[2].availability, wed_pm);
    assert!(e[2].active);
    assert!(l.warnings.is_empty(), "{:?}", l.warnings);
}

#[test]
fn ragged_cascade_reads_whole() {
    // The header ends in two empty cells (`;;`) that the rows lack: those are no columns, so
    // no row is rejected and no reference to an expert fails.
    let l = load("ragged-cascade");
    assert_eq!(l.instance.experts.len(), 15);
    assert_eq!(l.instance.requests.len(), 10);
    let e12 = l.instance.experts.iter().find(|e| e.id == "E12").unwrap();
    assert_eq!((e12.location.lat, e12.location.lon), (52.0283, 5.1681));
    let r05 = l.instance.requests.iter().find(|r| r.id == "R05").unwrap();
    let e10 = l.instance.experts.iter().position(|e| e.id == "E10");
    assert_eq!(r05.preferred_expert, e10);
    // "GGZ Centraal; locatie Zeist" is one quoted cell: the row is not ragged either.
    assert!(l.instance.experts.iter().any(|e| e.id == "E09"));
}

#[test]
fn the_data_reference_lists_every_header_alias() {
    let readme = fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("../../docs/reference/data.md"),
    )
    .unwrap();
    let section = &readme[readme
        .find("## Reading spreadsheets")
        .expect("docs/reference/data.md has a 'Reading spreadsheets' section")..];
    for (file, table) in [
        ("**experts.csv**", matchpunt::ingest::sheet::EXPERT_ALIASES),
        (
            "**requests.csv**",
            matchpunt::ingest::sheet::REQUEST_ALIASES,
        ),
        ("**history.csv**", matchpunt::ingest::sheet::HISTORY_ALIASES),
    ] {
        let at = section
            .find(file)
            .unwrap_or_else(|| panic!("no {file} table"));
        for (column, aliases) in table {
            let row_start = section[at..]
                .find(&format!("\n| `{column}` |"))
                .unwrap_or_else(|| panic!("{file}: no row for {column}"))
                + at;
            let row = &section[row_start + 1..];
            let row = &row[..row.find('\n').unwrap()];
            for a in *aliases {
                assert!(
                    row.contains(&format!("`{a}`")),
                    "{file} {column}: {a} missing"
                );
            }
        }
    }
}

/// A column of date cells where years are meant (as Excel saves a birth date) is one warning
/// for the column, naming its first cell and how many more: not one warning per cell. Each
/// kind (dates, date serial numbers) is said once.
#[test]
fn a_column_of_dates_read_as_years_is_one_warning() {
    let dir = tempfile::tempdir().unwrap();
    let mut ex = String::from("id;name;roles;certified;themes;place;availability;birth_year\n");
    for i in 0..24 {
        ex.push_str(&format!(
            "E{i:02};N{i};maatje;ja;angst;Utrecht;wo-middag;{}-3-2001\n",
            i % 28 + 1
        ));
    }
    ex.push_str("E98;N98;maatje;ja;angst;Utrecht;wo-middag;35796\n");
    ex.push_str("E99;N99;maatje;ja;angst;Utrecht;wo-middag;35797\n");
    fs::write(dir.path().join("experts.csv"), ex).unwrap();
    fs::write(
        dir.path().join("requests.csv"),
        "id;org;role;themes;place;slot\nR01;Gemeente Utrecht;maatje;angst;Utrecht;wo-middag\n",
    )
    .unwrap();
    let o = run(&["check", "--data", ".", "--week", "2026-W48"], dir.path());
    assert!(o.status.success(), "{}", text(&o.stderr));
    let err = text(&o.stderr);
    let dates: Vec<&str> = err.lines().filter(|l| l.contains("not a year")).collect();
    assert_eq!(dates.len(), 2, "{err}");
    assert!(
        dates[0].contains("experts.csv:2:8 (H2): column 'birth_year': a date, not a year: read as the year 2001 (and the same in 23 more cell(s) of this column, each read as its year)"),
        "{err}"
    );
    assert!(
        dates[1].contains("(and the same in 1 more cell(s)"),
        "{err}"
    );
}

/// A stray opening quote in any row of experts.csv (the fifth new-user trial: `E01;"Zoë de
/// Vries;...` with no closing quote) swallows every later row into one cell. `run` and
/// `suggest` both stop with one error naming the row where the quote opens and how many lines
/// it swallowed; `suggest` no longer leaves "one row" out and then says nobody is active.
#[test]
fn a_quote_left_open_is_a_whole_file_error_on_every_path() {
    let names = [
        "Zoë de Vries",
        "Daan Bakker",
        "Noor Jansen",
        "Sem Visser",
        "Lotte Smit",
    ];
    for row in 0..names.len() {
        let dir = tempfile::tempdir().unwrap();
        let mut experts =
            String::from("id;name;roles;certified;themes;place;online;availability\r\n");
        for (i, n) in names.iter().enumerate() {
            let quote = if i == row { "\"" } else { "" };
            experts.push_str(&format!(
                "E0{};{quote}{n};spreker;ja;pesten;Utrecht;ja;*\r\n",
                i + 1
            ));
        }
        fs::write(dir.path().join("experts.csv"), experts).unwrap();
        fs::write(
            dir.path().join("requests.csv"),
            "id;org;role;themes;place;online;slot\r\nR01;Hogeschool Domstad;spreker;pesten;Utrecht;nee;wo-middag\r\n",
        )
        .unwrap();
        let after = names.len() - 1 - row;
        for args in [
            vec!["run", "--data", ".", "--week", "2026-W50", "--out", "out"],
            vec![
                "suggest",
                "--data",
                ".",
                "--week",
                "2026-W50",
                "--request",
                "R01",
            ],
        ] {
            let o = run(&args, dir.path());
            let err = String::from_utf8_lossy(&o.stderr);
            if after == 0 {
                // The last row: nothing is swallowed, a plain row error (run stops; suggest
                // leaves that row out).
                assert!(!err.contains("never closed"), "{args:?} row {row}: {err}");
                continue;
            }
            assert_eq!(o.status.code(), Some(1), "{args:?} row {row}: {err}");
            assert!(
                err.contains(&format!("experts.csv:{}: opens a quote", row + 2))
                    && err.contains(&format!("the {after} line(s) after it")),
                "{args:?} row {row}: {err}"
            );
            assert!(!dir.path().join("out").exists(), "nothing written");
        }
    }
}
