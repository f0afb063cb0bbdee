//! Outputs for spreadsheet users: the input's CSV dialect, a workbook, and cells that a
//! spreadsheet never evaluates.

use crate::harness::{batch_folder, check_week, fixture, ok, run, run_week, sample};
use calamine::{open_workbook, Data, Reader, Xlsx};
use std::fs;
use std::path::Path;

#[test]
fn dutch_input_gives_dutch_csv_and_the_dialect_can_be_chosen() {
    let dir = tempfile::tempdir().unwrap();
    let data = fixture("valid-nl").display().to_string();
    ok(&run_week(dir.path(), &data, "nl", &[]));
    let text = fs::read_to_string(dir.path().join("nl/assignments.csv")).unwrap();
    assert!(text.starts_with("\u{feff}request;expert;org;"), "{text}");
    // A number with decimals has a decimal comma (the score, 3 decimals).
    let row = text.lines().nth(1).unwrap();
    let score = row.split(';').nth(7).unwrap();
    assert!(score.contains(',') && !score.contains('.'), "{row}");
    ok(&run_week(
        dir.path(),
        &data,
        "intl",
        &["--csv-dialect", "intl"],
    ));
    let text = fs::read_to_string(dir.path().join("intl/assignments.csv")).unwrap();
    assert!(text.starts_with("\u{feff}request,expert,org,"), "{text}");
    let o = run(
        &["run", "--data", &data, "--out", "x", "--csv-dialect", "fr"],
        dir.path(),
    );
    assert_eq!(o.status.code(), Some(2));
}

#[test]
fn the_workbook_has_five_sheets_and_the_run_s_assignments() {
    let dir = tempfile::tempdir().unwrap();
    let data = sample();
    ok(&run(
        &[
            "run",
            "--data",
            data.to_str().unwrap(),
            "--out",
            "out",
            "--xlsx",
        ],
        dir.path(),
    ));
    let mut book: Xlsx<_> = open_workbook(dir.path().join("out/matchpunt.xlsx")).unwrap();
    assert_eq!(
        book.sheet_names(),
        [
            "overzicht",
            "toewijzingen",
            "open plekken",
            "ervaringsdeskundigen",
            "reserves"
        ]
    );
    let sheet = book.worksheet_range("toewijzingen").unwrap();
    let csv = fs::read_to_string(dir.path().join("out/assignments.csv")).unwrap();
    let csv_rows: Vec<Vec<String>> = csv
        .trim_start_matches('\u{feff}')
        .lines()
        .map(|l| l.split(',').map(String::from).collect())
        .collect();
    let rows: Vec<_> = sheet.rows().collect();
    assert_eq!(rows.len(), csv_rows.len());
    for (x, c) in rows.iter().zip(&csv_rows).skip(1) {
        // request and expert ids as text, the intensity as a number.
        assert_eq!(x[0], Data::String(c[0].clone()));
        assert_eq!(x[1], Data::String(c[1].clone()));
        assert_eq!(x[6], Data::Float(c[6].parse().unwrap()));
    }
}

#[test]
fn formula_like_names_stay_text() {
    let dir = batch_folder("id,name,roles,certified,themes,place,availability\nE1,\"=HYPERLINK(\"\"http://x\"\",\"\"klik\"\")\",buddy,yes,pesten,Utrecht,*\n", "id,org,role,themes,place\nR1,@SUM(A1:A9),buddy,pesten,Utrecht\n");
    ok(&run(
        &["run", "--data", ".", "--out", "out", "--xlsx"],
        dir.path(),
    ));
    let csv = fs::read_to_string(dir.path().join("out/assignments.csv")).unwrap();
    assert!(csv.contains(",'@SUM(A1:A9),"), "{csv}");
    assert!(csv.contains("\"'=HYPERLINK("), "{csv}");
    let mut book: Xlsx<_> = open_workbook(dir.path().join("out/matchpunt.xlsx")).unwrap();
    let sheet = book.worksheet_range("toewijzingen").unwrap();
    let row: Vec<_> = sheet.rows().nth(1).unwrap().to_vec();
    assert_eq!(row[2], Data::String("@SUM(A1:A9)".into()));
    assert_eq!(
        row[11],
        Data::String("=HYPERLINK(\"http://x\",\"klik\")".into())
    );
    // Written as strings, not formulas.
    assert!(book
        .worksheet_formula("toewijzingen")
        .unwrap()
        .rows()
        .all(|r| r.iter().all(|f| f.is_empty())));
}

/// A workbook fixture, saved by LibreOffice (see `fixtures/workbooks/make.sh`).
fn book(name: &str) -> String {
    fixture("workbooks").join(name).display().to_string()
}

const OUTPUTS: [&str; 3] = ["assignments.csv", "unmatched.csv", "experts.csv"];

/// `run --week 2026-W48` on `data` into `dir/out`; the summary.
fn run_into(dir: &Path, data: impl AsRef<Path>, out: &str) -> String {
    ok(&run_week(dir, data, out, &["--time-limit", "120"]))
}

#[test]
fn workbooks_saved_by_a_spreadsheet_program_give_the_run_of_their_csv() {
    // sample.xlsx and sample.ods hold data/sample as LibreOffice saves it: numbers as floats,
    // yes/no as booleans, a date in some birth_year cells, a formatted empty tail; the .ods
    // with the Dutch sheet names.
    let dir = tempfile::tempdir().unwrap();
    let csv = run_into(dir.path(), sample(), "csv");
    for (name, sheets) in [
        ("sample.xlsx", "(sheets experts, requests, history)"),
        (
            "sample.ods",
            "(sheets ervaringsdeskundigen, aanvragen, historie)",
        ),
    ] {
        let out = name.replace('.', "-");
        let summary = run_into(dir.path(), book(name), &out);
        for f in OUTPUTS {
            let a = fs::read(dir.path().join("csv").join(f)).unwrap();
            let b = fs::read(dir.path().join(&out).join(f)).unwrap();
            assert!(a == b, "{name}: {f} differs from the CSV run's");
        }
        // The summary is the same but for the files read and the times.
        let keep = |s: &str| -> Vec<String> {
            s.lines()
                .filter(|l| !l.starts_with("read ") && !l.starts_with("time:"))
                .filter(|l| !l.starts_with("wrote ") && !l.contains("seats open, see"))
                .map(String::from)
                .collect()
        };
        assert_eq!(keep(&summary), keep(&csv), "{name}");
        let read = summary.lines().find(|l| l.starts_with("read ")).unwrap();
        assert_eq!(read, format!("read {} {sheets}", book(name)));
    }
}

#[test]
fn broken_workbooks_exit_1_naming_sheet_and_cell_and_write_nothing() {
    let cases: [(&str, &[&str]); 6] = [
        (
            "bad-number.xlsx",
            &["bad-number.xlsx, sheet experts, cell H5 (column 'max_travel_km'): \"twintig\": expected a number"],
        ),
        (
            "bad-number.ods",
            &["bad-number.ods, sheet ervaringsdeskundigen, cell H5 (column 'max_travel_km'): \"twintig\""],
        ),
        (
            "missing-sheet.xlsx",
            &["missing-sheet.xlsx: has no sheet named requests or aanvragen; its sheets are: experts, Blad2"],
        ),
        (
            "missing-sheet.ods",
            &["missing-sheet.ods: has no sheet named requests or aanvragen; its sheets are: experts, Blad2"],
        ),
        ("password.xlsx", &["password.xlsx: is password-protected"]),
        (
            "truncated.xlsx",
            &["truncated.xlsx: cannot be read as a workbook", "password-protected or damaged"],
        ),
    ];
    for (name, want) in cases {
        let dir = tempfile::tempdir().unwrap();
        for cmd in ["check", "run"] {
            let data = book(name);
            let mut args = vec![cmd, "--data", &data, "--week", "2026-W48"];
            if cmd == "run" {
                args.extend(["--out", "out"]);
            }
            let o = run(&args, dir.path());
            let err = String::from_utf8_lossy(&o.stderr);
            assert_eq!(o.status.code(), Some(1), "{cmd} {name}: {err}");
            assert!(err.contains("1 input error"), "{cmd} {name}: {err}");
            for w in want {
                assert!(err.contains(w), "{cmd} {name}: want {w:?} in\n{err}");
            }
            assert!(o.stdout.is_empty(), "{cmd} {name}");
        }
        // Nothing written: not even the output folder.
        assert_eq!(fs::read_dir(dir.path()).unwrap().count(), 0, "{name}");
    }
}

#[test]
fn a_workbook_without_a_history_sheet_has_no_history() {
    let dir = tempfile::tempdir().unwrap();
    let mut wb = rust_xlsxwriter::Workbook::new();
    for (sheet, file) in [
        ("ervaringsdeskundigen", "experts.csv"),
        ("aanvragen", "requests.csv"),
    ] {
        let ws = wb.add_worksheet();
        ws.set_name(sheet).unwrap();
        let text = fs::read_to_string(sample().join(file)).unwrap();
        for (r, line) in text.lines().enumerate() {
            let mut rdr = csv::ReaderBuilder::new()
                .has_headers(false)
                .from_reader(line.as_bytes());
            let rec = rdr.records().next().unwrap().unwrap();
            for (c, cell) in rec.iter().enumerate() {
                ws.write_string(r as u32, c as u16, cell).unwrap();
            }
        }
    }
    wb.save(dir.path().join("week.xlsx")).unwrap();
    let out = ok(&check_week(dir.path(), "week.xlsx", &[]));
    assert!(out.contains(", 0 history rows;"), "{out}");
    assert!(
        out.contains("read week.xlsx (sheets ervaringsdeskundigen, aanvragen) (no history: week.xlsx has no sheet named history, historie, geschiedenis)"),
        "{out}"
    );
    // A history file beside the workbook is read when named.
    fs::copy(sample().join("history.csv"), dir.path().join("history.csv")).unwrap();
    let o = check_week(dir.path(), "week.xlsx", &["--history", "history.csv"]);
    let out = String::from_utf8_lossy(&o.stdout);
    assert!(out.contains(", 220 history rows;"), "{out}");
    assert!(
        out.contains("read week.xlsx (sheets ervaringsdeskundigen, aanvragen), history.csv\n"),
        "{out}"
    );
    // A file that is no workbook is no --data.
    let o = run(&["check", "--data", "history.csv"], dir.path());
    assert_eq!(o.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&o.stderr)
        .contains("history.csv: is a file, not a folder or a workbook"));
}

#[test]
fn the_dutch_csv_reads_back_as_the_same_numbers() {
    // metrics reads a run's assignments.csv with the project's own reader; the nl and intl
    // forms of one run give the same metrics.
    let dir = tempfile::tempdir().unwrap();
    for d in ["nl", "intl"] {
        ok(&run_week(dir.path(), sample(), d, &["--csv-dialect", d]));
    }
    assert!(fs::read_to_string(dir.path().join("nl/assignments.csv"))
        .unwrap()
        .contains(';'));
    let metrics = |d: &str| {
        let data = sample();
        ok(&run(
            &[
                "metrics",
                "--data",
                data.to_str().unwrap(),
                "--week",
                "2026-W48",
                "--assignments",
                &format!("{d}/assignments.csv"),
            ],
            dir.path(),
        ))
    };
    let nl = metrics("nl");
    assert_eq!(nl, metrics("intl"));
    assert!(nl.contains("assignments of"), "{nl}");
}

/// The names in `dir`, sorted (hidden ones too).
fn names(dir: &Path) -> Vec<String> {
    let mut v: Vec<String> = fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    v.sort();
    v
}

#[test]
fn out_file_xlsx_writes_only_that_workbook_atomically() {
    let dir = tempfile::tempdir().unwrap();
    let summary = run_into(dir.path(), sample(), "week.xlsx");
    // The workbook alone: no CSV, no lock, no staging folder.
    assert_eq!(names(dir.path()), ["week.xlsx"]);
    assert!(
        summary.contains("seats open, see week.xlsx, sheet 'open plekken':"),
        "{summary}"
    );
    // Its assignments are those of the same run into a folder.
    run_into(dir.path(), sample(), "folder");
    let csv = fs::read_to_string(dir.path().join("folder/assignments.csv")).unwrap();
    let pairs_csv: Vec<(String, String)> = csv
        .trim_start_matches('\u{feff}')
        .lines()
        .skip(1)
        .map(|l| {
            let mut f = l.split(',');
            (f.next().unwrap().into(), f.next().unwrap().into())
        })
        .collect();
    let mut wb: Xlsx<_> = open_workbook(dir.path().join("week.xlsx")).unwrap();
    assert_eq!(wb.sheet_names().len(), 5);
    let sheet = wb.worksheet_range("toewijzingen").unwrap();
    let pairs_book: Vec<(String, String)> = sheet
        .rows()
        .skip(1)
        .map(|r| (r[0].to_string(), r[1].to_string()))
        .collect();
    assert_eq!(pairs_book, pairs_csv);
    assert!(!pairs_book.is_empty());

    // A failing run leaves the old workbook byte for byte and nothing beside it.
    let before = fs::read(dir.path().join("week.xlsx")).unwrap();
    let o = run(
        &[
            "run",
            "--data",
            &book("bad-number.xlsx"),
            "--out",
            "week.xlsx",
        ],
        dir.path(),
    );
    assert_eq!(o.status.code(), Some(1));
    assert_eq!(fs::read(dir.path().join("week.xlsx")).unwrap(), before);
    assert_eq!(names(dir.path()), ["folder", "week.xlsx"]);
    // ... also into a folder that does not exist: it is not created.
    let o = run(
        &[
            "run",
            "--data",
            &book("bad-number.xlsx"),
            "--out",
            "new/week.xlsx",
        ],
        dir.path(),
    );
    assert_eq!(o.status.code(), Some(1));
    assert_eq!(names(dir.path()), ["folder", "week.xlsx"]);
}

#[test]
fn out_file_xlsx_never_replaces_an_input() {
    let dir = tempfile::tempdir().unwrap();
    fs::copy(
        fixture("workbooks/sample.xlsx"),
        dir.path().join("week.xlsx"),
    )
    .unwrap();
    let before = fs::read(dir.path().join("week.xlsx")).unwrap();
    let o = run(
        &["run", "--data", "week.xlsx", "--out", "./week.xlsx"],
        dir.path(),
    );
    assert_eq!(o.status.code(), Some(1));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(
        err.contains("--out ./week.xlsx would overwrite the experts file week.xlsx (an input)"),
        "{err}"
    );
    assert_eq!(fs::read(dir.path().join("week.xlsx")).unwrap(), before);
    assert_eq!(names(dir.path()), ["week.xlsx"]);
    // Nor is an export the workbook, nor a round written without its changes.csv.
    for args in [
        &["--export-lp", "out.xlsx"][..],
        &["--previous", "week.xlsx"][..],
    ] {
        let data = sample();
        let mut all = vec!["run", "--data", data.to_str().unwrap(), "--out", "out.xlsx"];
        all.extend(args);
        let o = run(&all, dir.path());
        assert_eq!(o.status.code(), Some(1), "{args:?}");
        assert_eq!(names(dir.path()), ["week.xlsx"], "{args:?}");
    }
}

/// A workbook has no delimiter to tell its dialect: one whose experts header is Dutch (the
/// shared case dutch-headers as a workbook) gives a Dutch set (`;`, decimal commas), as a `;`
/// CSV does; the same workbook with the contract's English header gives `,`.
#[test]
fn a_workbook_with_a_dutch_header_gives_a_dutch_set() {
    let experts = [
        "id;naam;rollen;gecertificeerd;thema's;woonplaats;max_reisafstand_km;online;beschikbaarheid;geboortejaar;geslacht;uitgesloten_organisaties;actief",
        "E01;Zoë de Vries;maatje;ja;angst|depressie;Utrecht;12.5;ja;ma-avond|wo-middag;2001;v;;ja",
        "E02;Daniëlle Bakker;adviseur;ja;jeugdzorg;Zeist;20;nee;di-ochtend;1998;v;;ja",
    ];
    let english = "id;name;roles;certified;themes;place;max_travel_km;online;availability;birth_year;gender;excluded_orgs;active";
    let requests = [
        "id;org;role;themes;place;online;slot;priority;client_age",
        "R01;Gemeente Utrecht;maatje;angst;Utrecht;nee;wo-middag;normaal;17",
        "R02;Hogeschool Utrecht;adviseur;jeugdzorg;Utrecht;nee;di-ochtend;spoed;",
    ];
    let dir = tempfile::tempdir().unwrap();
    for (book, head) in [("nl.xlsx", experts[0]), ("en.xlsx", english)] {
        let mut wb = rust_xlsxwriter::Workbook::new();
        for (sheet, lines) in [
            ("experts", [head, experts[1], experts[2]]),
            ("requests", requests),
        ] {
            let ws = wb.add_worksheet();
            ws.set_name(sheet).unwrap();
            for (r, line) in lines.iter().enumerate() {
                for (c, cell) in line.split(';').enumerate() {
                    match cell.parse::<f64>() {
                        Ok(x) if r > 0 => ws.write_number(r as u32, c as u16, x).unwrap(),
                        _ => ws.write_string(r as u32, c as u16, cell).unwrap(),
                    };
                }
            }
        }
        wb.save(dir.path().join(book)).unwrap();
    }
    for (book, sep) in [("nl.xlsx", ';'), ("en.xlsx", ',')] {
        let out = format!("out-{}", &book[..2]);
        let o = run(
            &["run", "--data", book, "--week", "2026-W48", "--out", &out],
            dir.path(),
        );
        assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
        let text = fs::read_to_string(dir.path().join(&out).join("assignments.csv")).unwrap();
        assert!(
            text.starts_with(&format!("\u{feff}request{sep}expert{sep}")),
            "{book}: {text}"
        );
    }
}

/// simulate-formula-injection: `simulate --out` writes the generated requests/WEEK.csv with the
/// same guard as every other output (no cell a spreadsheet would evaluate), and replaying those
/// files (`--requests-dir`, which drops the guard's `'` again) gives the same simulation.
#[test]
fn simulate_writes_inert_requests_that_replay_the_same() {
    let dir = tempfile::tempdir().unwrap();
    let data = fixture("simulate-formula-injection").display().to_string();
    let sim = |extra: &[&str], out: &str| {
        let mut args = vec![
            "simulate", "--data", &data, "--weeks", "2", "--policy", "default", "--seed", "3",
            "--out", out,
        ];
        args.extend_from_slice(extra);
        let o = run(&args, dir.path());
        assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
        String::from_utf8_lossy(&o.stdout)
            .lines()
            .filter(|l| {
                !l.starts_with("time:") && !l.starts_with("wrote ") && !l.contains(" from ")
            })
            .collect::<Vec<_>>()
            .join("\n")
    };
    let first = sim(&[], "sim");
    let mut files = 0;
    let mut guarded = 0;
    for e in fs::read_dir(dir.path().join("sim/requests")).unwrap() {
        let text = fs::read_to_string(e.unwrap().path()).unwrap();
        files += 1;
        let mut rdr = csv::ReaderBuilder::new()
            .has_headers(false)
            .flexible(true)
            .from_reader(text.trim_start_matches('\u{feff}').as_bytes());
        for rec in rdr.records() {
            for cell in rec.unwrap().iter() {
                let evaluated = cell.starts_with(['=', '+', '-', '@', '\t', '\r'])
                    && cell.parse::<f64>().is_err();
                assert!(!evaluated, "{cell:?} in {text}");
                guarded += usize::from(cell.starts_with("'=") || cell.starts_with("'@"));
            }
        }
    }
    assert_eq!(files, 2);
    assert!(
        guarded > 0,
        "the case's formula-like organisations are in the requests"
    );
    let replayed = sim(&["--requests-dir", "sim/requests"], "sim2");
    assert_eq!(first, replayed);
}

/// A hidden sheet that could hold the same table as the visible one read (`experts old` beside
/// `experts`) is not read, and not in silence: a warning names it and the sheet read.
#[test]
fn a_hidden_lookalike_sheet_is_named_in_a_warning() {
    let dir = tempfile::tempdir().unwrap();
    let mut wb = rust_xlsxwriter::Workbook::new();
    let rows: [(&str, &[&str], bool); 3] = [
        (
            "experts",
            &[
                "id,roles,certified,themes,place,availability",
                "E1,buddy,yes,angst,Utrecht,wed-pm",
            ],
            false,
        ),
        (
            "experts old",
            &[
                "id,roles,certified,themes,place,availability",
                "E9,buddy,yes,angst,Utrecht,wed-pm",
            ],
            true,
        ),
        (
            "requests",
            &[
                "id,org,role,themes,place,slot",
                "R1,Gemeente Utrecht,buddy,angst,Utrecht,wed-pm",
            ],
            false,
        ),
    ];
    for (name, lines, hidden) in rows {
        let ws = wb.add_worksheet();
        ws.set_name(name).unwrap();
        for (r, line) in lines.iter().enumerate() {
            for (c, cell) in line.split(',').enumerate() {
                ws.write_string(r as u32, c as u16, cell).unwrap();
            }
        }
        if hidden {
            ws.set_hidden(true);
        }
    }
    wb.save(dir.path().join("week.xlsx")).unwrap();
    let o = run(
        &["check", "--data", "week.xlsx", "--week", "2026-W48"],
        dir.path(),
    );
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(
        err.contains("week.xlsx: the hidden sheet 'experts old' could hold the same table as sheet 'experts' and is not read"),
        "{err}"
    );
    assert!(String::from_utf8_lossy(&o.stdout).contains("ok: 1 expert "));
}
