//! The input gate over workbook cells, as properties over random small batches.
//!
//! - Differential: the same batch as CSV text, as `.xlsx` (shared or inline strings, the 1900
//!   or the 1904 date system, limits as formulas with a cached value, birth dates as date cells)
//!   and as OpenDocument `.ods` (limits and seats as float cells, birth dates as date cells,
//!   written by [`ods_workbook`]: no well-kept ods writer crate is in the tree, and the format is a
//!   zip with one `content.xml`) gives the same instance and the same assignments.
//! - Safety cells: an uncertain cell put into a safety column of the experts sheet (an error
//!   value, a formula without a stored value or with a stored 0, a merged range, a hidden old
//!   copy of the sheet) gives either an error naming that sheet and cell, or a batch whose
//!   assignments keep every hard rule of the batch as meant (no excluded organisation, no avoided
//!   theme, no expert beyond their maximum). Error values and formulas without a value in a
//!   safety column are always errors; a merge is read as its value for every row.

use matchpunt::batch;
use matchpunt::ingest::{load, Inputs, Loaded, Source};
use matchpunt::model::days_from_civil;
use matchpunt::policy::Policy;
use matchpunt::solve::SolveOptions;
use proptest::prelude::*;
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;
use rust_xlsxwriter::{Format, Formula, Workbook, Worksheet};
use std::io::{Read, Write};

const ORGS: [&str; 4] = [
    "Stichting Kompas",
    "Jeugdzorg Noordkwartier",
    "De Rading",
    "Lindenhout",
];
const THEMES: [&str; 4] = ["pesten", "rouw", "angst", "autisme"];
const EXPERT_HEADER: [&str; 10] = [
    "id",
    "roles",
    "certified",
    "themes",
    "avoid_themes",
    "excluded_orgs",
    "place",
    "availability",
    "max_assignments",
    "birth_year",
];
// Columns of the experts sheet, 0-based.
const AVOID: u16 = 4;
const EXCLUDED: u16 = 5;
const MAX: u16 = 8;
const BIRTH: u16 = 9;
const REQUEST_HEADER: [&str; 7] = [
    "id",
    "org",
    "role",
    "themes",
    "place",
    "slot",
    "experts_needed",
];

#[derive(Clone, Debug)]
struct Expert {
    id: String,
    themes: String,
    avoid: String,
    excluded: String,
    max: u32,
    birth: (i32, u32, u32),
}

#[derive(Clone, Debug)]
struct Request {
    id: String,
    org: String,
    themes: String,
    needed: u32,
}

#[derive(Clone, Debug)]
struct Batch {
    experts: Vec<Expert>,
    requests: Vec<Request>,
}

fn pick<'a>(rng: &mut ChaCha8Rng, from: &[&'a str]) -> &'a str {
    from[rng.gen_range(0..from.len())]
}

fn random_batch(rng: &mut ChaCha8Rng) -> Batch {
    let n = rng.gen_range(3..8);
    let experts = (0..n)
        .map(|i| {
            let a = pick(rng, &THEMES);
            let b = pick(rng, &THEMES);
            Expert {
                id: format!("E{}", i + 1),
                themes: if a == b { a.into() } else { format!("{a}|{b}") },
                avoid: if rng.gen_bool(0.4) {
                    pick(rng, &THEMES).into()
                } else {
                    String::new()
                },
                excluded: if rng.gen_bool(0.5) {
                    pick(rng, &ORGS).into()
                } else {
                    String::new()
                },
                max: rng.gen_range(1..4),
                birth: (
                    rng.gen_range(1985..2006),
                    rng.gen_range(1..13),
                    rng.gen_range(1..29),
                ),
            }
        })
        .collect();
    let m = rng.gen_range(1..6);
    let requests = (0..m)
        .map(|i| Request {
            id: format!("R{}", i + 1),
            org: pick(rng, &ORGS).into(),
            themes: pick(rng, &THEMES).into(),
            needed: rng.gen_range(1..3),
        })
        .collect();
    Batch { experts, requests }
}

fn expert_cells(e: &Expert) -> Vec<String> {
    let (y, m, d) = e.birth;
    vec![
        e.id.clone(),
        "speaker".into(),
        "yes".into(),
        e.themes.clone(),
        e.avoid.clone(),
        e.excluded.clone(),
        "Utrecht".into(),
        "*".into(),
        e.max.to_string(),
        format!("{y:04}-{m:02}-{d:02}"),
    ]
}

fn request_cells(r: &Request) -> Vec<String> {
    vec![
        r.id.clone(),
        r.org.clone(),
        "speaker".into(),
        r.themes.clone(),
        "Utrecht".into(),
        "wed-pm".into(),
        r.needed.to_string(),
    ]
}

fn csv_text(header: &[&str], rows: impl Iterator<Item = Vec<String>>) -> String {
    let mut w = csv::Writer::from_writer(Vec::new());
    w.write_record(header).unwrap();
    for r in rows {
        w.write_record(&r).unwrap();
    }
    String::from_utf8(w.into_inner().unwrap()).unwrap()
}

/// How the workbook is written.
#[derive(Clone, Copy, Debug)]
struct Form {
    inline: bool,
    date1904: bool,
}

/// What is put into one cell of the experts sheet.
#[derive(Clone, Debug)]
enum Fault {
    /// `=NA()` with the cached error value `#N/A` (or another error value).
    ErrorValue(&'static str),
    /// A formula with no cached value.
    FormulaWithoutValue,
    /// A formula with the cached value 0 (as xlsxwriter writes it).
    FormulaStoredZero,
    /// The cell and the ones below it (`rows` in all) merged, holding the top cell's value.
    Merge { rows: u32 },
    /// The experts sheet hidden, next to a visible copy named `Experts (new)`.
    HiddenCopy,
}

/// The batch as one workbook; `fault` at (expert index, column) of the experts sheet.
fn workbook(b: &Batch, form: Form, fault: Option<(usize, u16, &Fault)>) -> Vec<u8> {
    let mut book = Workbook::new();
    let date = Format::new().set_num_format("dd-mm-yyyy");
    let epoch = if form.date1904 {
        days_from_civil(1904, 1, 1)
    } else {
        days_from_civil(1899, 12, 30)
    };
    let write_experts = |ws: &mut Worksheet, name: &str| {
        ws.set_name(name).unwrap();
        for (c, h) in EXPERT_HEADER.iter().enumerate() {
            ws.write_string(0, c as u16, *h).unwrap();
        }
        for (i, e) in b.experts.iter().enumerate() {
            let r = i as u32 + 1;
            for (c, v) in expert_cells(e).iter().enumerate() {
                let c = c as u16;
                if c == MAX {
                    // A limit as a formula with its cached value.
                    ws.write_formula(r, c, Formula::new(format!("={v}+0")).set_result(v.as_str()))
                        .unwrap();
                } else if c == BIRTH {
                    let (y, m, d) = e.birth;
                    let serial = (days_from_civil(y, m, d) - epoch) as f64;
                    ws.write_number_with_format(r, c, serial, &date).unwrap();
                } else if !v.is_empty() {
                    ws.write_string(r, c, v).unwrap();
                }
            }
        }
        if let Some((i, c, f)) = fault {
            let r = i as u32 + 1;
            match f {
                Fault::ErrorValue(v) => {
                    ws.write_formula(r, c, Formula::new("=NA()").set_result(*v))
                        .unwrap();
                }
                Fault::FormulaWithoutValue => {
                    ws.write_formula(r, c, Formula::new("=A1").set_result("DROPME"))
                        .unwrap();
                }
                Fault::FormulaStoredZero => {
                    ws.write_formula(r, c, Formula::new("=A1")).unwrap();
                }
                Fault::Merge { rows } => {
                    let top = expert_cells(&b.experts[i])[c as usize].clone();
                    // As Excel saves it: the value in the top cell, formatted blanks below.
                    let fmt = Format::new().set_bold();
                    ws.merge_range(r, c, r + rows - 1, c, &top, &fmt).unwrap();
                }
                Fault::HiddenCopy => {}
            }
        }
    };
    if let Some((_, _, Fault::HiddenCopy)) = fault {
        let ws = book.add_worksheet();
        write_experts(ws, "experts");
        ws.set_hidden(true);
        let visible = book.add_worksheet();
        write_experts(visible, "Experts (new)");
        visible.set_active(true);
    } else {
        write_experts(book.add_worksheet(), "experts");
    }
    let ws = book.add_worksheet();
    ws.set_name("requests").unwrap();
    for (c, h) in REQUEST_HEADER.iter().enumerate() {
        ws.write_string(0, c as u16, *h).unwrap();
    }
    for (i, q) in b.requests.iter().enumerate() {
        for (c, v) in request_cells(q).iter().enumerate() {
            let (r, c) = (i as u32 + 1, c as u16);
            match v.parse::<f64>() {
                Ok(x) => ws.write_number(r, c, x).unwrap(),
                Err(_) => ws.write_string(r, c, v).unwrap(),
            };
        }
    }
    let bytes = book.save_to_buffer().unwrap();
    rewrite(&bytes, form)
}

/// The workbook with its parts changed as `form` asks: the 1904 date system, inline strings,
/// and formulas marked `DROPME` left without a value.
fn rewrite(bytes: &[u8], form: Form) -> Vec<u8> {
    let mut zin = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
    let mut parts = Vec::new();
    for i in 0..zin.len() {
        let mut f = zin.by_index(i).unwrap();
        let mut text = Vec::new();
        f.read_to_end(&mut text).unwrap();
        parts.push((f.name().unwrap().to_string(), text));
    }
    let strings: Vec<String> = parts
        .iter()
        .find(|p| p.0 == "xl/sharedStrings.xml")
        .map(|p| {
            let s = String::from_utf8_lossy(&p.1).into_owned();
            s.split("<si>")
                .skip(1)
                .map(|si| {
                    let t = &si[si.find('>').unwrap() + 1..];
                    t[..t.find("</t>").unwrap()].to_string()
                })
                .collect()
        })
        .unwrap_or_default();
    let mut out = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let opts = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated);
    for (name, data) in parts {
        let mut s = String::from_utf8(data).unwrap();
        if name == "xl/workbook.xml" && form.date1904 {
            s = s.replacen("<workbookPr", "<workbookPr date1904=\"1\"", 1);
        }
        if name.starts_with("xl/worksheets/") {
            s = s.replace("<v>DROPME</v>", "");
            if form.inline {
                s = inline_strings(&s, &strings);
            }
        }
        out.start_file(name, opts).unwrap();
        out.write_all(s.as_bytes()).unwrap();
    }
    out.finish().unwrap().into_inner()
}

/// Shared-string cells (`t="s"><v>N</v>`) as inline strings.
fn inline_strings(sheet: &str, strings: &[String]) -> String {
    let key = "t=\"s\"><v>";
    let mut out = String::new();
    let mut rest = sheet;
    while let Some(i) = rest.find(key) {
        out.push_str(&rest[..i]);
        let after = &rest[i + key.len()..];
        let end = after.find("</v>").unwrap();
        let n: usize = after[..end].parse().unwrap();
        out.push_str(&format!(
            "t=\"inlineStr\"><is><t xml:space=\"preserve\">{}</t></is>",
            strings[n]
        ));
        rest = &after[end + 4..];
    }
    out.push_str(rest);
    out
}

/// The batch as an OpenDocument spreadsheet (`.ods`): a zip with `mimetype` (first, stored),
/// the manifest and `content.xml` holding the two sheets. Limits and seats are float cells, birth
/// dates date cells (as LibreOffice saves typed cells), the rest string cells.
fn ods_workbook(b: &Batch) -> Vec<u8> {
    fn esc(v: &str) -> String {
        v.replace('&', "&amp;")
            .replace('<', "&lt;")
            .replace('>', "&gt;")
    }
    fn string(v: &str) -> String {
        if v.is_empty() {
            return "<table:table-cell/>".into();
        }
        format!(
            r#"<table:table-cell office:value-type="string"><text:p>{}</text:p></table:table-cell>"#,
            esc(v)
        )
    }
    fn float(v: &str) -> String {
        format!(
            r#"<table:table-cell office:value-type="float" office:value="{v}"><text:p>{v}</text:p></table:table-cell>"#
        )
    }
    fn row(cells: impl IntoIterator<Item = String>) -> String {
        format!(
            "<table:table-row>{}</table:table-row>",
            cells.into_iter().collect::<String>()
        )
    }
    let mut experts = row(EXPERT_HEADER.iter().map(|h| string(h)));
    for e in &b.experts {
        experts.push_str(&row(expert_cells(e).iter().enumerate().map(|(c, v)| {
            let c = c as u16;
            if c == MAX {
                float(v)
            } else if c == BIRTH {
                let (y, m, d) = e.birth;
                format!(
                    r#"<table:table-cell office:value-type="date" office:date-value="{y:04}-{m:02}-{d:02}"><text:p>{d:02}-{m:02}-{y:04}</text:p></table:table-cell>"#
                )
            } else {
                string(v)
            }
        })));
    }
    let mut requests = row(REQUEST_HEADER.iter().map(|h| string(h)));
    for q in &b.requests {
        requests.push_str(&row(request_cells(q).iter().map(|v| {
            if v.parse::<f64>().is_ok() {
                float(v)
            } else {
                string(v)
            }
        })));
    }
    let content = format!(
        r#"<?xml version="1.0" encoding="UTF-8"?><office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.2"><office:body><office:spreadsheet><table:table table:name="experts">{experts}</table:table><table:table table:name="requests">{requests}</table:table></office:spreadsheet></office:body></office:document-content>"#
    );
    let mut out = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let stored =
        zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored);
    out.start_file("mimetype", stored).unwrap();
    out.write_all(b"application/vnd.oasis.opendocument.spreadsheet")
        .unwrap();
    let deflated = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated);
    out.start_file("META-INF/manifest.xml", deflated).unwrap();
    out.write_all(br#"<?xml version="1.0" encoding="UTF-8"?><manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0"><manifest:file-entry manifest:full-path="/" manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/><manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/></manifest:manifest>"#).unwrap();
    out.start_file("content.xml", deflated).unwrap();
    out.write_all(content.as_bytes()).unwrap();
    out.finish().unwrap().into_inner()
}

fn read(experts: &[u8], requests: &[u8], name: &str) -> Result<Loaded, String> {
    load(
        Inputs {
            experts: Source::new(name, experts),
            requests: Source::new(name, requests),
            history: None,
        },
        crate::common::places(),
        &Policy::default(),
        crate::common::week48(),
    )
    .map_err(|e| e.to_string())
}

fn from_csv(b: &Batch) -> Loaded {
    let e = csv_text(&EXPERT_HEADER, b.experts.iter().map(expert_cells));
    let r = csv_text(&REQUEST_HEADER, b.requests.iter().map(request_cells));
    read(e.as_bytes(), r.as_bytes(), "csv").unwrap()
}

fn solve(l: &Loaded) -> Vec<(String, String)> {
    let opts = SolveOptions {
        time_limit: None,
        ..SolveOptions::default()
    };
    let res = batch::run(&l.instance, &Policy::default(), &opts);
    res.assignments
        .iter()
        .map(|a| {
            (
                l.instance.requests[a.request].id.clone(),
                l.instance.experts[a.expert].id.clone(),
            )
        })
        .collect()
}

/// Every assignment keeps the hard rules of the batch as generated (not as read).
fn keeps_hard_rules(b: &Batch, pairs: &[(String, String)]) -> Result<(), String> {
    for e in &b.experts {
        let mine: Vec<&(String, String)> = pairs.iter().filter(|p| p.1 == e.id).collect();
        if mine.len() > e.max as usize {
            return Err(format!(
                "{} has {} assignments, max {}",
                e.id,
                mine.len(),
                e.max
            ));
        }
        for (r, _) in mine {
            let q = b.requests.iter().find(|q| &q.id == r).unwrap();
            if !e.excluded.is_empty() && q.org == e.excluded {
                return Err(format!("{} sent to excluded {}", e.id, q.org));
            }
            if !e.avoid.is_empty() && q.themes.split('|').any(|t| t == e.avoid) {
                return Err(format!("{} sent to avoided theme", e.id));
            }
        }
    }
    Ok(())
}

/// The instance as text without its interners' hash maps (whose order varies): experts,
/// requests and names in order.
fn same(l: &Loaded) -> String {
    let text = format!("{:?}", l.instance);
    let mut out = String::new();
    let mut rest = text.as_str();
    while let Some(i) = rest.find("ids: {") {
        out.push_str(&rest[..i]);
        let after = &rest[i..];
        rest = &after[after.find('}').unwrap() + 1..];
    }
    out.push_str(rest);
    out
}

fn cell(i: usize, c: u16) -> String {
    format!(
        "{}{}",
        matchpunt::ingest::workbook::column_letters(c as usize + 1),
        i + 2
    )
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 24, ..ProptestConfig::default() })]

    #[test]
    fn csv_every_xlsx_form_and_ods_give_the_same_batch(seed in any::<u64>()) {
        let mut rng = ChaCha8Rng::seed_from_u64(seed);
        let b = random_batch(&mut rng);
        let csv = from_csv(&b);
        let want = solve(&csv);
        prop_assert!(keeps_hard_rules(&b, &want).is_ok());
        for (inline, date1904) in [(false, false), (true, false), (false, true), (true, true)] {
            let form = Form { inline, date1904 };
            let book = workbook(&b, form, None);
            let xl = read(&book, &book, "week.xlsx").map_err(|e| TestCaseError::fail(format!("{form:?}: {e}")))?;
            prop_assert_eq!(same(&xl), same(&csv), "{:?}", form);
            prop_assert_eq!(solve(&xl), want.clone(), "{:?}", form);
        }
        let book = ods_workbook(&b);
        let od = read(&book, &book, "week.ods").map_err(|e| TestCaseError::fail(format!("ods: {e}")))?;
        prop_assert_eq!(same(&od), same(&csv), "ods");
        prop_assert_eq!(solve(&od), want, "ods");
    }

    #[test]
    fn an_uncertain_safety_cell_is_named_or_the_batch_keeps_every_hard_rule(seed in any::<u64>()) {
        let mut rng = ChaCha8Rng::seed_from_u64(seed);
        let mut b = random_batch(&mut rng);
        let form = Form { inline: rng.gen_bool(0.5), date1904: rng.gen_bool(0.5) };
        let kind = rng.gen_range(0..5);
        // A merge starts above the last row (every batch has at least three experts).
        let i = rng.gen_range(0..b.experts.len() - usize::from(kind == 3));
        let col = [AVOID, EXCLUDED, MAX, BIRTH][rng.gen_range(0..4)];
        let fault = match kind {
            0 => Fault::ErrorValue(["#N/A", "#REF!", "#VALUE!", "#DIV/0!"][rng.gen_range(0..4)]),
            1 => Fault::FormulaWithoutValue,
            2 => Fault::FormulaStoredZero,
            3 => {
                // The merged rows as meant: the top cell's value for each.
                let rows = rng.gen_range(2..4).min((b.experts.len() - i) as u32);
                let top = b.experts[i].clone();
                for e in b.experts.iter_mut().skip(i).take(rows as usize) {
                    match col {
                        AVOID => e.avoid = top.avoid.clone(),
                        EXCLUDED => e.excluded = top.excluded.clone(),
                        MAX => e.max = top.max,
                        _ => e.birth = top.birth,
                    }
                }
                Fault::Merge { rows }
            }
            _ => Fault::HiddenCopy,
        };
        let book = workbook(&b, form, Some((i, col, &fault)));
        let got = read(&book, &book, "week.xlsx");
        match (&fault, got) {
            (Fault::HiddenCopy, r) => {
                let e = r.err().unwrap_or_default();
                prop_assert!(e.contains("hidden sheet 'experts'") && e.contains("'Experts (new)'"), "{}", e);
            }
            (Fault::ErrorValue(_) | Fault::FormulaWithoutValue, r) => {
                let e = r.err().unwrap_or_default();
                let want = format!("week.xlsx, sheet experts, cell {}", cell(i, col));
                prop_assert!(e.contains(&want), "{} not in {}", want, e);
            }
            (Fault::Merge { rows }, r) => {
                let l = r.map_err(TestCaseError::fail)?;
                // A merge of empty cells holds nothing to warn about.
                let range = format!("{}:{}", cell(i, col), cell(i + *rows as usize - 1, col));
                let warned = l.warnings.iter().any(|w| w.contains(&format!("sheet experts, {range} merged")));
                prop_assert_eq!(warned, !expert_cells(&b.experts[i])[col as usize].is_empty(), "{:?}", l.warnings);
                prop_assert_eq!(same(&l), same(&from_csv(&b)));
                prop_assert!(keeps_hard_rules(&b, &solve(&l)).is_ok());
            }
            (_, Err(e)) => {
                let want = format!("week.xlsx, sheet experts, cell {}", cell(i, col));
                prop_assert!(e.contains(&want), "{} not in {}", want, e);
            }
            (_, Ok(l)) => {
                let pairs = solve(&l);
                prop_assert!(keeps_hard_rules(&b, &pairs).is_ok(), "{:?}", keeps_hard_rules(&b, &pairs));
            }
        }
    }
}

/// A load that leaves bad rows out (the phone request's `suggest`) leaves out the row of an
/// uncertain safety cell: it never keeps the expert with that cell read as empty.
#[test]
fn skipping_bad_rows_leaves_out_an_uncertain_safety_cell_not_its_value() {
    let b = Batch {
        experts: vec![
            Expert {
                id: "E1".into(),
                themes: "pesten".into(),
                avoid: String::new(),
                excluded: "Stichting Kompas".into(),
                max: 2,
                birth: (2001, 3, 12),
            },
            Expert {
                id: "E2".into(),
                themes: "pesten".into(),
                avoid: String::new(),
                excluded: String::new(),
                max: 2,
                birth: (2002, 4, 1),
            },
        ],
        requests: vec![Request {
            id: "R1".into(),
            org: "Stichting Kompas".into(),
            themes: "pesten".into(),
            needed: 1,
        }],
    };
    let form = Form {
        inline: false,
        date1904: false,
    };
    let book = workbook(&b, form, Some((0, EXCLUDED, &Fault::ErrorValue("#N/A"))));
    let l = matchpunt::ingest::load_skipping_bad_rows(
        Inputs {
            experts: Source::new("week.xlsx", book.as_slice()),
            requests: Source::new("week.xlsx", book.as_slice()),
            history: None,
        },
        crate::common::places(),
        &Policy::default(),
        crate::common::week48(),
    )
    .unwrap();
    let ids: Vec<&str> = l.instance.experts.iter().map(|e| e.id.as_str()).collect();
    assert_eq!(ids, ["E2"]);
    assert!(
        l.warnings
            .iter()
            .any(|w| w.contains("sheet experts, cell F2") && w.contains("this row is left out")),
        "{:?}",
        l.warnings
    );
}
