//! The workbook path of the input gate, on the real binary: the shared cases
//! (workbook-merged-cells, workbook-error-cells, workbook-tiny-file-aborts, xlsx-zip-bomb,
//! xlsx-long-cell) with their right outcome, and hidden sheets.

use crate::harness::{all as text, check_week, fixture, run_limited, run_week};
use std::fs;
use std::io::Write;
use std::path::Path;
use std::time::{Duration, Instant};

#[test]
fn merged_excluded_orgs_exclude_every_row_of_the_merge() {
    let dir = tempfile::tempdir().unwrap();
    let book = fixture("workbook-merged-cells/week.xlsx");
    let o = run_week(dir.path(), &book, "res", &[]);
    assert!(o.status.success(), "{}", text(&o));
    assert!(
        text(&o).contains("sheet experts, F2:F4 merged: its value is read for every row in it"),
        "{}",
        text(&o)
    );
    let out = fs::read_to_string(dir.path().join("res/assignments.csv")).unwrap();
    let experts: Vec<&str> = out
        .lines()
        .skip(1)
        .map(|l| l.split(',').nth(1).unwrap())
        .collect();
    // E1-E3 exclude the requesting organisation (E2 and E3 inside the merge); only E4 may go.
    assert_eq!(experts, ["E4"], "{out}");
}

#[test]
fn error_values_in_safety_cells_are_errors_naming_sheet_and_cell() {
    let dir = tempfile::tempdir().unwrap();
    let book = fixture("workbook-error-cells/week.xlsx");
    let o = run_week(dir.path(), &book, "res", &[]);
    assert_eq!(o.status.code(), Some(1), "{}", text(&o));
    let t = text(&o);
    assert!(
        t.contains("week.xlsx, sheet experts, cell G2 (column 'excluded_orgs'): \"#N/A\""),
        "{t}"
    );
    assert!(
        t.contains("week.xlsx, sheet experts, cell F3 (column 'avoid_themes'): \"#N/A\""),
        "{t}"
    );
    assert!(!dir.path().join("res").exists());
    let book = fixture("workbook-error-cells/week-ref.xlsx");
    let o = check_week(dir.path(), &book, &[]);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        text(&o).contains("sheet experts, cell J4 (column 'load_budget'): \"#REF!\""),
        "{}",
        text(&o)
    );
}

#[test]
fn tiny_workbooks_with_huge_declarations_are_refused_in_bounded_memory() {
    let dir = fixture("workbook-tiny-file-aborts");
    for (file, says) in [
        (
            "sst-uniqueCount-4000000000.xlsx",
            "declares 4000000000 strings (uniqueCount)",
        ),
        (
            "sst-uniqueCount-18446744073709551615.xlsx",
            "declares 18446744073709551615 strings",
        ),
        (
            "far-cell-XFD1048576.xlsx",
            "sheet experts, cell XFD1048576: a value beyond the 100000 rows and 200 columns",
        ),
        (
            "far-cell-A99999999999.xlsx",
            "names a row or cell \"99999999999\"",
        ),
    ] {
        // 1 GB of address space: the unfixed reader asked for 96-661 GB.
        let o = run_limited(&["check", "--data", file], &dir, 1_000_000);
        assert_eq!(o.status.code(), Some(1), "{file}: {}", text(&o));
        assert!(text(&o).contains(says), "{file}: {}", text(&o));
        assert!(!text(&o).contains("panicked"), "{}", text(&o));
    }
}

/// A stray empty formatted cell far away (common in real workbooks) is no problem.
#[test]
fn an_empty_formatted_cell_at_xfd1048576_is_read_as_nothing() {
    use rust_xlsxwriter::{Format, Workbook};
    let dir = tempfile::tempdir().unwrap();
    let mut book = Workbook::new();
    let ws = book.add_worksheet();
    ws.set_name("experts").unwrap();
    // The contract's required expert columns written out on purpose, as a user's sheet has them.
    for (c, v) in [
        "id",
        "roles",
        "certified",
        "themes",
        "place",
        "availability",
    ]
    .iter()
    .enumerate()
    {
        ws.write_string(0, c as u16, *v).unwrap();
    }
    for (c, v) in ["E1", "speaker", "yes", "pesten", "Utrecht", "*"]
        .iter()
        .enumerate()
    {
        ws.write_string(1, c as u16, *v).unwrap();
    }
    ws.write_blank(1_048_575, 16_383, &Format::new().set_bold())
        .unwrap();
    let rq = book.add_worksheet();
    rq.set_name("requests").unwrap();
    for (c, v) in ["id", "org", "role", "themes", "place", "slot"]
        .iter()
        .enumerate()
    {
        rq.write_string(0, c as u16, *v).unwrap();
    }
    for (c, v) in [
        "R1",
        "Stichting Kompas",
        "speaker",
        "pesten",
        "Utrecht",
        "wed-pm",
    ]
    .iter()
    .enumerate()
    {
        rq.write_string(1, c as u16, *v).unwrap();
    }
    book.save(dir.path().join("week.xlsx")).unwrap();
    let o = run_limited(
        &["check", "--data", "week.xlsx", "--week", "2026-W48"],
        dir.path(),
        1_000_000,
    );
    assert!(o.status.success(), "{}", text(&o));
}

/// A workbook whose experts sheet expands a thousandfold: refused from the zip's directory,
/// before anything is expanded.
#[test]
fn a_zip_bomb_is_refused_at_once_in_bounded_memory() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("bomb.xlsx");
    write_bomb(&path, 60);
    let start = Instant::now();
    let o = run_limited(
        &["check", "--data", "bomb.xlsx", "--week", "2026-W48"],
        dir.path(),
        1_000_000,
    );
    let took = start.elapsed();
    assert_eq!(o.status.code(), Some(1), "{}", text(&o));
    assert!(
        text(&o)
            .contains("is refused before reading: its part xl/worksheets/sheet1.xml would expand"),
        "{}",
        text(&o)
    );
    assert!(took < Duration::from_secs(5), "{took:?}");
}

/// As the case's gen.py: a valid header and two experts, then `rows` rows of 16,384 cells
/// holding 1 (about 245 KB each); a normal requests sheet.
fn write_bomb(path: &Path, rows: u32) {
    const CT: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/><Override PartName="/xl/worksheets/sheet2.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>"#;
    const RELS: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>"#;
    const WB: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="experts" sheetId="1" r:id="rId1"/><sheet name="requests" sheetId="2" r:id="rId2"/></sheets></workbook>"#;
    const WBRELS: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet2.xml"/></Relationships>"#;
    const HEAD: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>"#;
    const TAIL: &str = "</sheetData></worksheet>";
    let row = |r: u32, cells: &[&str]| -> String {
        let mut s = format!("<row r=\"{r}\">");
        for (i, v) in cells.iter().enumerate() {
            s.push_str(&format!(
                "<c r=\"{}{r}\" t=\"inlineStr\"><is><t>{v}</t></is></c>",
                (b'A' + i as u8) as char
            ));
        }
        s + "</row>"
    };
    let mut z = zip::ZipWriter::new(fs::File::create(path).unwrap());
    let opts = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated)
        .compression_level(Some(9));
    for (name, body) in [
        ("[Content_Types].xml", CT),
        ("_rels/.rels", RELS),
        ("xl/workbook.xml", WB),
        ("xl/_rels/workbook.xml.rels", WBRELS),
    ] {
        z.start_file(name, opts).unwrap();
        z.write_all(body.as_bytes()).unwrap();
    }
    z.start_file("xl/worksheets/sheet1.xml", opts).unwrap();
    z.write_all(HEAD.as_bytes()).unwrap();
    let head = [
        "id",
        "name",
        "roles",
        "certified",
        "themes",
        "place",
        "availability",
    ];
    z.write_all(row(1, &head).as_bytes()).unwrap();
    for (r, id) in [(2, "E1"), (3, "E2")] {
        let cells = [id, "Ravi B.", "speaker", "yes", "pesten", "Utrecht", "*"];
        z.write_all(row(r, &cells).as_bytes()).unwrap();
    }
    let cells = "<c><v>1</v></c>".repeat(16_384);
    for r in 4..4 + rows {
        z.write_all(format!("<row r=\"{r}\">{cells}</row>").as_bytes())
            .unwrap();
    }
    z.write_all(TAIL.as_bytes()).unwrap();
    z.start_file("xl/worksheets/sheet2.xml", opts).unwrap();
    let rq = [
        "R1",
        "Stichting Kompas",
        "speaker",
        "pesten",
        "Utrecht",
        "wed-pm",
    ];
    let head = ["id", "org", "role", "themes", "place", "slot"];
    z.write_all(format!("{HEAD}{}{}{TAIL}", row(1, &head), row(2, &rq)).as_bytes())
        .unwrap();
    z.finish().unwrap();
}

#[test]
fn a_cell_longer_than_the_limit_is_an_error_naming_it_when_read() {
    let dir = tempfile::tempdir().unwrap();
    let data = fixture("xlsx-long-cell/long");
    let o = run_week(dir.path(), &data, "out-long", &["--xlsx"]);
    assert_eq!(o.status.code(), Some(1), "{}", text(&o));
    let t = text(&o);
    assert!(
        t.contains("requests.csv:3:2 (B3): column 'org'")
            && t.contains("a cell of 40000 characters: at most 10000 are read"),
        "{t}"
    );
    // The value is not echoed whole.
    assert!(t.len() < 2_000, "{}", t.len());
    assert!(!dir.path().join("out-long").exists());
    // The control batch (no long cell) still runs.
    let ctrl = fixture("xlsx-long-cell/ctrl");
    let o = run_week(dir.path(), &ctrl, "res", &["--xlsx"]);
    assert!(o.status.success(), "{}", text(&o));
}

/// A long cell in a workbook is named by sheet and cell.
#[test]
fn a_long_workbook_cell_is_named_by_sheet_and_cell() {
    let dir = tempfile::tempdir().unwrap();
    let book = hidden_book(false, "experts", Some(&"bla ".repeat(3_000)));
    fs::write(dir.path().join("week.xlsx"), book).unwrap();
    let o = check_week(dir.path(), "week.xlsx", &[]);
    assert_eq!(o.status.code(), Some(1), "{}", text(&o));
    assert!(
        text(&o).contains("week.xlsx, sheet requests, cell B2 (column 'org')")
            && text(&o).contains("a cell of 11999 characters"),
        "{}",
        text(&o)
    );
}

/// A batch workbook with an experts sheet named `experts_name` (hidden or not), a visible
/// `Experts (new)` copy when `copy`, and a requests sheet whose organisation is `org`.
fn hidden_book(hidden: bool, experts_name: &str, org: Option<&str>) -> Vec<u8> {
    use rust_xlsxwriter::Workbook;
    let mut book = Workbook::new();
    // The contract's column names written out on purpose, as a user's sheet has them.
    let experts = [
        [
            "id",
            "roles",
            "certified",
            "themes",
            "place",
            "availability",
            "excluded_orgs",
        ],
        [
            "E1",
            "speaker",
            "yes",
            "pesten",
            "Utrecht",
            "*",
            "Stichting Kompas",
        ],
    ];
    let mut add = |name: &str, rows: &[[&str; 7]], hide: bool| {
        let ws = book.add_worksheet();
        ws.set_name(name).unwrap();
        for (r, row) in rows.iter().enumerate() {
            for (c, v) in row.iter().enumerate() {
                if !v.is_empty() {
                    ws.write_string(r as u32, c as u16, *v).unwrap();
                }
            }
        }
        if hide {
            ws.set_hidden(true);
        } else {
            ws.set_active(true);
        }
    };
    add(experts_name, &experts, hidden);
    if hidden && experts_name == "experts" && org.is_none() {
        add("Experts (new)", &experts, false);
    }
    let org = org.unwrap_or("Stichting Kompas");
    add(
        "requests",
        &[
            ["id", "org", "role", "themes", "place", "slot", ""],
            ["R1", org, "speaker", "pesten", "Utrecht", "wed-pm", ""],
        ],
        false,
    );
    book.save_to_buffer().unwrap()
}

#[test]
fn a_hidden_sheet_next_to_a_visible_copy_is_an_error_naming_both() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(
        dir.path().join("week.xlsx"),
        hidden_book(true, "experts", None),
    )
    .unwrap();
    check_refuses(
        dir.path(),
        "week.xlsx",
        "has a hidden sheet 'experts' and a visible sheet 'Experts (new)' that could both hold the experts table",
    );
    // A hidden experts sheet alone is not read either (it is often an old copy).
    fs::write(
        dir.path().join("alone.xlsx"),
        hidden_book(true, "experts", Some("Stichting Kompas")),
    )
    .unwrap();
    check_refuses(
        dir.path(),
        "alone.xlsx",
        "has a hidden sheet 'experts': a hidden sheet is often an old copy",
    );
}

/// `check` of the workbook `file` in `dir` exits 1 and says `says`.
fn check_refuses(dir: &Path, file: &str, says: &str) {
    let o = check_week(dir, file, &[]);
    assert_eq!(o.status.code(), Some(1), "{}", text(&o));
    assert!(text(&o).contains(says), "{}", text(&o));
}
