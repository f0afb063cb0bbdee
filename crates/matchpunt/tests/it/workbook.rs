//! Workbooks in: the same data as CSV and as an `.xlsx` workbook (made here by
//! rust_xlsxwriter, numbers stored as numbers) give the same batch; a bad cell is named as a
//! spreadsheet user finds it.

use crate::common;
use matchpunt::batch;
use matchpunt::ingest::{load, Inputs, Loaded, Source};
use matchpunt::policy::Policy;
use matchpunt::solve::SolveOptions;
use rust_xlsxwriter::Workbook;
use std::path::Path;

fn sample(f: &str) -> String {
    std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("../../data/sample")
            .join(f),
    )
    .unwrap()
}

/// The CSV texts as one workbook, a sheet each; cells that read as numbers are number cells.
fn workbook(tables: &[(&str, &str)]) -> Vec<u8> {
    let mut book = Workbook::new();
    for (name, text) in tables {
        let ws = book.add_worksheet();
        ws.set_name(*name).unwrap();
        let mut rdr = csv::ReaderBuilder::new()
            .has_headers(false)
            .flexible(true)
            .from_reader(text.as_bytes());
        for (r, rec) in rdr.records().enumerate() {
            for (c, cell) in rec.unwrap().iter().enumerate() {
                let (r, c) = (r as u32, c as u16);
                match cell.parse::<f64>() {
                    Ok(x) if r > 0 => ws.write_number(r, c, x).unwrap(),
                    _ => ws.write_string(r, c, cell).unwrap(),
                };
            }
        }
    }
    book.save_to_buffer().unwrap()
}

fn read(
    experts: &[u8],
    requests: &[u8],
    history: Option<&[u8]>,
    name: &str,
) -> Result<Loaded, String> {
    load(
        Inputs {
            experts: Source::new(name, experts),
            requests: Source::new(name, requests),
            history: history.map(|h| Source::new(name, h)),
        },
        crate::common::places(),
        &Policy::default(),
        crate::common::week48_unless_given(),
    )
    .map_err(|e| e.to_string())
}

#[test]
fn the_sample_as_a_workbook_gives_the_same_batch() {
    let (e, r, h) = (
        sample("experts.csv"),
        sample("requests.csv"),
        sample("history.csv"),
    );
    let csv = read(e.as_bytes(), r.as_bytes(), Some(h.as_bytes()), "csv").unwrap();
    let book = workbook(&[("experts", &e), ("aanvragen", &r), ("historie", &h)]);
    let xl = read(&book, &book, Some(&book), "week.xlsx").unwrap();
    assert_eq!(xl.instance.week, csv.instance.week);
    let opts = SolveOptions {
        time_limit: None,
        ..SolveOptions::default()
    };
    let (a, b) = (
        batch::run(&csv.instance, &Policy::default(), &opts),
        batch::run(&xl.instance, &Policy::default(), &opts),
    );
    assert_eq!(
        common::id_pairs(&csv.instance, &a),
        common::id_pairs(&xl.instance, &b)
    );
    assert_eq!(a.objective, b.objective);
    assert!(!a.assignments.is_empty());
}

#[test]
fn a_bad_cell_is_named_by_sheet_and_cell() {
    let e = "id,roles,certified,themes,place,availability,load_budget\nE1,buddy,yes,pesten,Utrecht,*,veel\n";
    let r = "id,org,role,themes,place\nR1,Org,buddy,pesten,Utrecht\n";
    let book = workbook(&[("ervaringsdeskundigen", e), ("requests", r)]);
    let err = read(&book, &book, None, "week.xlsx").unwrap_err();
    assert!(
        err.contains("week.xlsx, sheet ervaringsdeskundigen, cell G2 (column 'load_budget'): \"veel\": expected"),
        "{err}"
    );
    // A workbook without a sheet for a table says which sheets it has.
    let only = workbook(&[("Blad1", e), ("Blad2", r)]);
    let err = read(&only, &only, None, "week.xlsx").unwrap_err();
    assert!(
        err.contains("has no sheet named experts or ervaringsdeskundigen"),
        "{err}"
    );
    assert!(err.contains("Blad1, Blad2"), "{err}");
    // A damaged workbook is an error, not a panic.
    let mut broken = book.clone();
    broken.truncate(broken.len() / 2);
    let err = read(&broken, &broken, None, "week.xlsx").unwrap_err();
    assert!(err.contains("cannot be read as a workbook"), "{err}");
}

/// The third trial's avoid cells with a short theme (a Word line break, `U+2028`, `&`, `o.a.`):
/// a workbook cell goes through the same reader of a themes cell as a CSV cell, and keeps the
/// expert from the request on the theme (rule 3).
#[test]
fn a_workbooks_avoid_cell_is_split_like_a_csv_cell() {
    for (avoid, theme) in [
        ("pesten\u{000B}lvb", "lvb"),
        ("pesten\u{2028}rouw", "rouw"),
        ("lvb & autisme", "lvb"),
        ("o.a. ptss", "trauma"),
        ("pesten, ook lvb", "lvb"),
        ("zelfmoord", "zelfdoding"),
    ] {
        let experts = format!(
            "id,roles,certified,themes,avoid_themes,place,availability\nE1,buddy,yes,angst,\"{avoid}\",Utrecht,*\n"
        );
        let requests = format!("id,org,role,themes,place\nR1,Org,buddy,angst|{theme},Utrecht\n");
        let book = workbook(&[("experts", &experts), ("requests", &requests)]);
        let l = read(&book, &book, None, "week.xlsx").unwrap_or_else(|e| panic!("{e}"));
        let i = &l.instance;
        let why =
            matchpunt::eligibility::check(i, &Policy::default(), &i.requests[0], &i.experts[0]);
        assert!(
            why.contains(matchpunt::eligibility::Reason::AvoidedTheme),
            "{avoid:?} / {theme}"
        );
    }
}
