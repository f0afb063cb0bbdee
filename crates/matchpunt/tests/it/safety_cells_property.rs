//! Safety cells written the way a spreadsheet leaves them (the third new-user trial), as
//! properties over the kind of fault on every reading path (CSV with `,` or `;`, a workbook's
//! string cell), each with the trial's own example:
//!
//! - an Excel error value saved as text (`#N/A`, `#N/B`, `#WAARDE!`, `#######`) in any safety
//!   column is an error naming file, line, column and the value, as a workbook's error cell is;
//! - a workbook error cell in any limit column (`max_travel_km`, `load_budget`, a request's
//!   `intensity`, ...) is an error naming sheet and cell, never the policy's default;
//! - a note in an `avoid_themes` or `excluded_orgs` cell, in brackets or not, alone or after a
//!   name, is an error naming the cell, never taken off or read as a name;
//! - a slash date that reads as a date day-first and month-first is read on the safe side of
//!   its column (`last_supervision` the earlier, `certified_on` the later) with a warning
//!   naming the cell; one that reads only one way is read so, without a warning;
//! - a `not_with` item that writes an id another way (`E-3`, `E03`, `nr. 3`, `expert 3`,
//!   `Daan (E3)`, initials `D.V.`) keeps that pair apart; one that names nobody is an error
//!   naming the cell, never dropped;
//! - a booking of the week (`--assignments`) whose expert id is written another way (`E01`,
//!   `E 1`, `E1 (Anna)`) counts as that expert's booking for `suggest` (read_booked) as for
//!   `explain`/`serve` (read_assignment_pairs), with a warning; one that names no expert is an
//!   error on both;
//! - an alias cell of organisations.csv that joins names with ` / `, ` en `, ` and `, ` & ` or
//!   ` + ` in one item confirms each of them as the organisation (an exclusion of the name
//!   reaches every part), with a warning naming the cell.

use matchpunt::ingest::{load, InputError, InputErrors, Inputs, Loaded, Problem, Source};
use matchpunt::policy::Policy;
use proptest::prelude::*;
use rust_xlsxwriter::Workbook;

use crate::common::{places, week48};

/// Experts columns of the gate with a valid value for E1 (besides the required ones).
const EXPERT_SAFETY: &[(&str, &str)] = &[
    ("avoid_themes", "rouw"),
    ("excluded_orgs", "Kwintes"),
    ("max_travel_km", "30"),
    ("online", "ja"),
    ("load_budget", "6"),
    ("max_assignments", "2"),
    ("rolling_budget", "20"),
    ("active", "ja"),
    ("last_supervision", "2026-11-02"),
    ("birth_year", "2000"),
    ("certified_on", "2025-01-06"),
    ("deployments", "3"),
    ("not_with", "E2"),
];

/// Requests columns of the gate with a valid value for R1 (besides the required ones).
const REQUEST_SAFETY: &[(&str, &str)] =
    &[("intensity", "2"), ("slot", "wed-pm"), ("client_age", "15")];

const ERROR_TEXTS: &[&str] = &[
    "#N/A",
    "#N/B",
    // LibreOffice's and other languages' (the fifth new-user trial).
    "Err:502",
    "Err:504",
    "Err:522",
    "#N/D",
    "#WAARDE!",
    "#VERW!",
    "#DEEL/0!",
    "#NAAM?",
    "#GETAL!",
    "#LEEG!",
    "#VALUE!",
    "#REF!",
    "#DIV/0!",
    "#NAME?",
    "#NUM!",
    "#NULL!",
    "#SPILL!",
    "#CALC!",
    "#######",
    "###",
    "#OVERLOOP!",
    "#GETTING_DATA",
];

/// The required columns of each file, with valid values (E1 and E2 are buddies in Utrecht).
const EXPERT_BASE: &[(&str, [&str; 2])] = &[
    ("id", ["E1", "E2"]),
    ("roles", ["buddy", "buddy"]),
    ("certified", ["yes", "yes"]),
    ("themes", ["angst", "angst"]),
    ("place", ["Utrecht", "Utrecht"]),
    ("availability", ["*", "*"]),
];
const REQUEST_BASE: &[(&str, &str)] = &[
    ("id", "R1"),
    ("org", "Kwintes"),
    ("role", "buddy"),
    ("themes", "angst"),
    ("place", "Utrecht"),
];

/// A file as rows of cells (header first).
type Rows = Vec<Vec<String>>;

/// experts (E1, E2) and requests (R1) with every safety column of `extra_e`/`extra_r`.
fn tables(extra_e: &[(&str, &str)], extra_r: &[(&str, &str)]) -> (Rows, Rows) {
    let mut e: Rows = vec![vec![], vec![], vec![]];
    for (h, v) in EXPERT_BASE {
        e[0].push(h.to_string());
        e[1].push(v[0].to_string());
        e[2].push(v[1].to_string());
    }
    for (h, v) in extra_e {
        e[0].push(h.to_string());
        e[1].push(v.to_string());
        e[2].push(String::new());
    }
    let mut r: Rows = vec![vec![], vec![]];
    for (h, v) in REQUEST_BASE.iter().chain(extra_r) {
        r[0].push(h.to_string());
        r[1].push(v.to_string());
    }
    (e, r)
}

fn csv(rows: &Rows, delimiter: char) -> String {
    rows.iter()
        .map(|r| {
            r.iter()
                .map(|c| {
                    if c.contains([delimiter, '"', '\n']) {
                        format!("\"{}\"", c.replace('"', "\"\""))
                    } else {
                        c.clone()
                    }
                })
                .collect::<Vec<_>>()
                .join(&delimiter.to_string())
        })
        .collect::<Vec<_>>()
        .join("\r\n")
}

/// Both tables as one workbook of string cells (a value typed or pasted as text); with
/// `error_cells`, a cell starting with `#` is a failed formula (a real error cell) instead.
fn xlsx(e: &Rows, r: &Rows, error_cells: bool) -> Vec<u8> {
    let mut book = Workbook::new();
    for (name, rows) in [("experts", e), ("requests", r)] {
        let ws = book.add_worksheet();
        ws.set_name(name).unwrap();
        for (i, row) in rows.iter().enumerate() {
            for (j, cell) in row.iter().enumerate() {
                let (i, j) = (i as u32, j as u16);
                if error_cells && cell.trim().starts_with('#') {
                    let f = rust_xlsxwriter::Formula::new("=NA()").set_result(cell.trim());
                    ws.write_formula(i, j, f).unwrap();
                } else if !cell.is_empty() {
                    ws.write_string(i, j, cell).unwrap();
                }
            }
        }
    }
    book.save_to_buffer().unwrap()
}

/// How a batch is handed to ingest.
#[derive(Clone, Copy, Debug)]
pub enum Path {
    Comma,
    Semicolon,
    /// Every cell a string cell.
    Workbook,
    /// Error values as real error cells (a failed formula).
    WorkbookErrorCells,
}

fn load_as(path: Path, e: &Rows, r: &Rows) -> Result<Loaded, InputErrors> {
    load_policy(path, e, r, &Policy::default())
}

fn load_policy(path: Path, e: &Rows, r: &Rows, policy: &Policy) -> Result<Loaded, InputErrors> {
    let go = |experts: Source<'_>, requests: Source<'_>| {
        load(
            Inputs {
                experts,
                requests,
                history: None,
            },
            places(),
            policy,
            week48(),
        )
    };
    match path {
        Path::Comma | Path::Semicolon => {
            let d = if matches!(path, Path::Comma) {
                ','
            } else {
                ';'
            };
            let (e, r) = (csv(e, d), csv(r, d));
            go(
                Source::new("experts.csv", e.as_bytes()),
                Source::new("requests.csv", r.as_bytes()),
            )
        }
        Path::Workbook | Path::WorkbookErrorCells => {
            let book = xlsx(e, r, matches!(path, Path::WorkbookErrorCells));
            go(
                Source::new("week.xlsx", &book[..]),
                Source::new("week.xlsx", &book[..]),
            )
        }
    }
}

fn any_path() -> impl Strategy<Value = Path> {
    prop_oneof![
        Just(Path::Comma),
        Just(Path::Semicolon),
        Just(Path::Workbook),
        Just(Path::WorkbookErrorCells)
    ]
}

/// The one error naming `header` on line `line`.
fn error_at<'a>(errs: &'a InputErrors, line: u64, header: &str) -> Option<&'a InputError> {
    errs.errors
        .iter()
        .find(|e| e.line == Some(line) && e.column.as_ref().is_some_and(|c| c.1 == header))
}

/// A spelling of an error value as a user may leave it: any case, spaces around.
fn error_text() -> impl Strategy<Value = String> {
    (prop::sample::select(ERROR_TEXTS), any::<bool>(), "[ ]{0,2}").prop_map(|(v, lower, pad)| {
        let v = if lower {
            v.to_lowercase()
        } else {
            v.to_string()
        };
        format!("{pad}{v}{pad}")
    })
}

/// A note as a coordinator leaves one in a safety cell: a listed note word or phrase, or one
/// of the first words with more after it, in any case, maybe in brackets, maybe after a name.
fn note() -> impl Strategy<Value = String> {
    use matchpunt::names::notes::{NOTE_FIRST_WORDS, NOTE_PHRASES, NOTE_VALUES};
    let word = prop_oneof![
        prop::sample::select(NOTE_VALUES).prop_map(str::to_string),
        prop::sample::select(NOTE_PHRASES).prop_map(str::to_string),
        (
            prop::sample::select(NOTE_FIRST_WORDS),
            prop::sample::select(&[".", ":", ""][..]),
            prop::sample::select(&[" dossier", " opmerking", " invullen", " bij mentor"][..])
        )
            .prop_map(|(w, p, rest)| format!("{w}{p}{rest}")),
        Just("...".to_string()),
        Just("xxx".to_string()),
    ];
    (
        word,
        any::<bool>(),
        prop::sample::select(&["", "(", "["][..]),
        prop::sample::select(&["", "angst ", "Kwintes, ", "rouw|"][..]),
    )
        .prop_map(|(w, upper, open, before)| {
            let w = if upper { w.to_uppercase() } else { w };
            let close = match open {
                "(" => ")",
                "[" => "]",
                _ => "",
            };
            // A name then a note with no separator is one item (`angst ja`): only in brackets.
            let before = if open.is_empty() && before == "angst " {
                "angst; "
            } else {
                before
            };
            format!("{before}{open}{w}{close}")
        })
}

/// The week of `y-m-d`.
fn week_of(y: i32, m: u32, d: u32) -> matchpunt::model::Week {
    matchpunt::ingest::parse_week_or_date(&format!("{y}-{m:02}-{d:02}")).unwrap()
}

/// The team roster of the trial's /tmp/trial3-nw (E1 Sam, E3 Daan de Vries, E4 Noor Jansen,
/// trainers; two requests of two seats), E1's `niet_samen_met` being `cell`.
fn not_with_batch(cell: &str) -> (String, String) {
    let quoted = cell.replace('"', "\"\"");
    (
        format!("id;naam;rollen;gecertificeerd;thema's;woonplaats;online;beschikbaarheid;niet_samen_met;actief\r\n\
E1;Sam Bakker;trainer;ja;pesten;Utrecht;ja;*;\"{quoted}\";ja\r\n\
E3;Daan de Vries;trainer;ja;pesten;Utrecht;ja;*;;ja\r\n\
E4;Noor Jansen;trainer;ja;pesten;Utrecht;ja;*;;ja\r\n"),
        "aanvraag_id;organisatie;rol;thema's;plaats;online;dagdeel;aantal\r\n\
R1;Kwintes;trainer;pesten;Utrecht;nee;wo-middag;2\r\nR2;Pluryn;trainer;pesten;Utrecht;nee;do-middag;2\r\n"
            .to_string(),
    )
}

/// The trial's /tmp/trial3-asg: E1 Anna and E2 Bram, one assignment each at most; R1-R3.
fn bookings_batch() -> matchpunt::model::Instance {
    let experts = "id;naam;rollen;gecertificeerd;thema's;woonplaats;online;beschikbaarheid;max_opdrachten;actief\r\n\
E1;Anna;maatje;ja;angst;Utrecht;ja;*;1;ja\r\nE2;Bram;maatje;ja;angst;Utrecht;ja;*;1;ja\r\n";
    let requests = "aanvraag_id;organisatie;rol;thema's;plaats;online;dagdeel;aantal\r\n\
R1;Kwintes;maatje;angst;Utrecht;nee;wo-middag;1\r\nR2;Pluryn;maatje;angst;Utrecht;nee;do-middag;1\r\n\
R3;Youké;maatje;angst;Utrecht;nee;vr-middag;1\r\n";
    crate::common::loaded(experts, requests).instance
}

/// A booking written with the expert's name (`Anna`, `anna`) is hers on both paths, with a
/// warning naming the line (the fourth trial, #13: the one reading of expert cells).
#[test]
fn a_booking_written_with_the_experts_name_is_hers_on_every_path() {
    let inst = bookings_batch();
    for cell in ["Anna", "anna", " Anna "] {
        let (booked, pairs) = read_bookings(&inst, &format!("aanvraag;deskundige\nR1;{cell}\n"));
        let booked = booked.unwrap();
        assert_eq!(booked.uses[0].count, 1, "{cell:?}");
        assert!(
            booked
                .warnings
                .iter()
                .any(|w| w.to_string().contains("read as E1")),
            "{cell:?}"
        );
        assert_eq!(pairs.unwrap(), vec![(0, 0, false)], "{cell:?}");
    }
}

/// Both readers of a bookings file: (suggest's uses, explain's pairs), or both errors.
type Read = (
    Result<matchpunt::explain::Booked, InputErrors>,
    Result<Vec<(usize, usize, bool)>, InputErrors>,
);

fn read_bookings(inst: &matchpunt::model::Instance, text: &str) -> Read {
    let policy = Policy::default();
    (
        matchpunt::explain::read_booked(
            Source::new("a.csv", text.as_bytes()),
            inst,
            &policy,
            Some("R3"),
        ),
        matchpunt::explain::read_assignment_pairs(Source::new("a.csv", text.as_bytes()), inst),
    )
}

/// Loads experts (E1 excluding `excluded`), one request per org of `orgs` (R1, R2, ...) and
/// an organisations.csv `naam;aliassen` / `Youké;{aliases}`.
fn load_orgs(excluded: &str, orgs: &[&str], aliases: &str) -> Loaded {
    let experts = format!("id;naam;rollen;gecertificeerd;thema's;woonplaats;online;beschikbaarheid;uitgesloten_organisaties;actief\r\n\
E1;Anna;maatje;ja;angst;Utrecht;ja;*;{excluded};ja\r\nE2;Bram;maatje;ja;angst;Utrecht;ja;*;;ja\r\n");
    let mut requests =
        "aanvraag_id;organisatie;rol;thema's;plaats;online;dagdeel;aantal\r\n".to_string();
    for (i, o) in orgs.iter().enumerate() {
        requests.push_str(&format!(
            "R{};{o};maatje;angst;Utrecht;nee;wo-middag;1\r\n",
            i + 1
        ));
    }
    let organisations = format!("naam;aliassen\r\n\"Youké\";\"{aliases}\"\r\n");
    matchpunt::ingest::load_with_organisations(
        Inputs {
            experts: Source::new("experts.csv", experts.as_bytes()),
            requests: Source::new("requests.csv", requests.as_bytes()),
            history: None,
        },
        Some(Source::new("organisations.csv", organisations.as_bytes())),
        places(),
        &Policy::default(),
        week48(),
        false,
    )
    .unwrap_or_else(|e| panic!("{e}"))
}

/// Whether E1 (expert 0) may not go to request `r` for its organisation (rule 4).
fn excluded(l: &Loaded, r: usize) -> bool {
    let org = l.instance.requests[r].org;
    l.instance.experts[0].excluded_orgs.contains(&org)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(96))]

    /// Two names joined in one alias item by any documented joiner: E1, who excludes the row's
    /// name, is kept from a request of either name, and a warning names the alias cell; a third
    /// organisation is not touched.
    #[test]
    fn an_alias_list_joined_by_a_word_or_slash_excludes_every_part(
        a in prop::sample::select(&["Kinderhuis Oost", "Jeugdhulp Noord", "De Rading"][..]),
        b in prop::sample::select(&["Jeugdhulp Zuid", "Lindenhout", "Stichting Kompas"][..]),
        joiner in prop::sample::select(&[" / ", " en ", " EN ", " and ", " & ", " + "][..]),
    ) {
        let l = load_orgs("Youké", &[a, b, "Pluryn"], &format!("{a}{joiner}{b}"));
        prop_assert!(excluded(&l, 0), "{a}");
        prop_assert!(excluded(&l, 1), "{b}");
        prop_assert!(!excluded(&l, 2), "Pluryn");
        let warned = l.warnings.iter().any(|w| {
            let w = w.to_string();
            w.starts_with("organisations.csv:2:2 (B2): column 'aliassen':") && w.contains("separate aliases by |")
        });
        prop_assert!(warned, "{:?}", l.warnings);
    }

    /// E1 written any way an id is written, in a booking of R1: suggest counts Anna's one
    /// assignment (so she is not proposed beyond her limit), explain reads the same pair, and
    /// a warning names the line when the id was written otherwise.
    #[test]
    fn a_booking_id_written_another_way_is_that_experts_booking_on_every_path(
        lower in any::<bool>(),
        sep in prop::sample::select(&["", " ", "-", "."][..]),
        zeros in 0usize..3,
        name in prop::sample::select(&["", " (Anna)"][..]),
        name_first in any::<bool>(),
    ) {
        let id = format!("{}{sep}{}1", if lower { "e" } else { "E" }, "0".repeat(zeros));
        let cell = match (name, name_first) {
            ("", _) => id.clone(),
            (_, false) => format!("{id}{name}"),
            (_, true) => format!("Anna ({id})"),
        };
        let inst = bookings_batch();
        let (booked, pairs) = read_bookings(&inst, &format!("aanvraag;deskundige\nR1;{cell}\nR2;E2\n"));
        let booked = booked.map_err(|e| e.to_string());
        prop_assert!(booked.is_ok(), "{cell:?}: {:?}", booked.err());
        let booked = booked.unwrap();
        prop_assert_eq!(booked.uses[0].count, 1, "{:?}", cell);
        prop_assert_eq!(pairs.map_err(|e| e.to_string()), Ok(vec![(0, 0, false), (1, 1, false)]));
        let warned = booked.warnings.iter().any(|w| w.to_string().starts_with("a.csv:2: expert"));
        prop_assert_eq!(warned, cell != "E1" && cell != "e1", "{:?}", booked.warnings);
    }

    /// A booking whose expert cell names no expert of the batch (another id, a name nobody
    /// has, two ids): an error naming line and column on every path, never a booking left out.
    #[test]
    fn a_booking_naming_no_expert_is_an_error_on_every_path(
        cell in prop_oneof![
            (3u32..99).prop_map(|n| format!("E{n}")),
            Just("Carla".to_string()),
            Just("E1 (E2)".to_string()),
            "[q-z]{3,8}",
        ],
    ) {
        let inst = bookings_batch();
        let (booked, pairs) = read_bookings(&inst, &format!("aanvraag;deskundige\nR1;{cell}\n"));
        for errs in [booked.err(), pairs.err()] {
            prop_assert!(errs.is_some(), "{cell:?} was read");
            let errs = errs.unwrap();
            let e = error_at(&errs, 2, "deskundige");
            prop_assert!(e.is_some(), "{cell:?}: {errs}");
            prop_assert_eq!(e.unwrap().value.as_deref(), Some(cell.as_str()));
        }
    }

    /// E3 written any way an id is written (letters, separators, leading zeros, a label before
    /// the number, the name beside it): E1 and E3 are a pair kept apart, with a warning naming
    /// the file's column.
    #[test]
    fn a_not_with_id_written_another_way_keeps_the_pair_apart(
        label in prop::sample::select(&["E", "e", "nr. ", "nr ", "Nr.", "expert ", "#", "deskundige ", ""][..]),
        sep in prop::sample::select(&["", " ", "-", ".", "_"][..]),
        zeros in 0usize..3,
        trail in prop::sample::select(&["", ".", " (Daan)"][..]),
    ) {
        let sep = if label.starts_with(['E', 'e']) { sep } else { "" };
        let cell = format!("{label}{sep}{}3{trail}", "0".repeat(zeros));
        let (e, r) = not_with_batch(&cell);
        let l = crate::common::try_load(&e, &r).map_err(|e| e.to_string());
        prop_assert!(l.is_ok(), "{cell:?}: {:?}", l.err());
        let l = l.unwrap();
        prop_assert!(l.instance.teams.not_with.contains(&(0, 1)), "{cell:?}");
        prop_assert_eq!(l.instance.teams.not_with.len(), 1);
    }

    /// An item that is no id and no one's name or initials: an error naming the cell (the
    /// file's column), on the batch path; on the phone path (rows with an error left out) the
    /// expert is never deployed.
    #[test]
    fn a_not_with_item_naming_nobody_is_an_error(junk in "[q-z]{4,9}") {
        let (e, r) = not_with_batch(&junk);
        let errs = crate::common::try_load(&e, &r).unwrap_err();
        let err = error_at(&errs, 2, "niet_samen_met");
        prop_assert!(err.is_some(), "{junk}: {errs}");
        prop_assert!(matches!(err.unwrap().problem, Problem::UnknownExpert(_)));
        let skipping = matchpunt::ingest::load_skipping_bad_rows(
            Inputs {
                experts: Source::new("experts.csv", e.as_bytes()),
                requests: Source::new("requests.csv", r.as_bytes()),
                history: None,
            },
            places(),
            &Policy::default(),
            week48(),
        )
        .unwrap();
        let e1 = skipping.instance.experts.iter().find(|x| x.id == "E1");
        prop_assert!(e1.is_none_or(|x| !x.active));
    }

    /// `a/b/yyyy` in either date column: read as the safe one of its two readings when both
    /// are dates (with a warning naming the cell), else day-first (no such warning).
    #[test]
    fn a_slash_date_both_ways_is_read_on_the_safe_side(
        a in 1u32..=28,
        b in 1u32..=12,
        year in 2024i32..=2026,
        supervision in any::<bool>(),
        path in prop_oneof![Just(Path::Comma), Just(Path::Semicolon), Just(Path::Workbook)],
    ) {
        let col = if supervision { "last_supervision" } else { "certified_on" };
        let (mut e, r) = tables(&[(col, "")], &[]);
        e[1][6] = format!("{a}/{b}/{year}");
        let loaded = load_as(path, &e, &r).map_err(|e| e.to_string());
        prop_assert!(loaded.is_ok(), "{:?}", loaded.err());
        let loaded = loaded.unwrap();
        let day_first = week_of(year, b, a);
        let both = a <= 12 && a != b && week_of(year, a, b) != day_first;
        let want = match (both, supervision) {
            (false, _) => day_first,
            (true, true) => day_first.min(week_of(year, a, b)),
            (true, false) => day_first.max(week_of(year, a, b)),
        };
        let got = if supervision {
            match loaded.instance.experts[0].supervision {
                matchpunt::model::Supervision::Week(w) => Some(w),
                _ => None,
            }
        } else {
            loaded.instance.teams.certified_on.get(&0).copied()
        };
        prop_assert_eq!(got, Some(want));
        let warned = loaded
            .warnings
            .iter()
            .map(|w| w.to_string())
            .any(|w| w.contains("day-first and month-first") && w.contains(col));
        prop_assert_eq!(warned, both, "{:?}", loaded.warnings);
    }

    /// A note in either personal cell, on any path: an error naming that cell and saying it is
    /// a note; the expert is never read as avoiding or excluding nothing.
    #[test]
    fn a_note_in_a_personal_cell_is_an_error_naming_it(
        n in note(),
        orgs in any::<bool>(),
        path in prop_oneof![Just(Path::Comma), Just(Path::Semicolon), Just(Path::Workbook)],
    ) {
        let (e, r) = tables(EXPERT_SAFETY, &[]);
        let mut e = e;
        let header = if orgs { "excluded_orgs" } else { "avoid_themes" };
        let i = e[0].iter().position(|h| h == header).unwrap();
        e[1][i] = n.clone();
        let errs = load_as(path, &e, &r).expect_err("a note must stop the batch");
        let err = error_at(&errs, 2, header);
        prop_assert!(err.is_some(), "{path:?} {header} {n:?}: {errs}");
        prop_assert!(
            matches!(err.unwrap().problem, Problem::SafetyNote { orgs: o } if o == orgs),
            "{:?}", err.unwrap().problem
        );
    }

    /// An error value as text in any safety column (an experts or a requests column), alone or
    /// as an item of a list cell, on any path: an error naming that line and column, the value
    /// and that it is an error value; never a batch.
    #[test]
    fn error_text_in_a_safety_cell_is_an_error_naming_it(
        v in error_text(),
        col in 0..(EXPERT_SAFETY.len() + REQUEST_SAFETY.len()),
        in_list in any::<bool>(),
        path in any_path(),
    ) {
        let (mut e, mut r) = tables(EXPERT_SAFETY, REQUEST_SAFETY);
        let (rows, header) = if col < EXPERT_SAFETY.len() {
            (&mut e, EXPERT_SAFETY[col].0)
        } else {
            (&mut r, REQUEST_SAFETY[col - EXPERT_SAFETY.len()].0)
        };
        let i = rows[0].iter().position(|h| h == header).unwrap();
        let listed = in_list && matches!(header, "avoid_themes" | "excluded_orgs" | "not_with");
        let real_cell = matches!(path, Path::WorkbookErrorCells);
        // calamine refuses the whole sheet for this error cell (an error naming the file).
        prop_assume!(!(real_cell && v.trim().eq_ignore_ascii_case("#getting_data")));
        rows[1][i] = if listed && !real_cell { format!("{}|{v}", rows[1][i]) } else { v.clone() };
        let errs = load_as(path, &e, &r).expect_err("an error value must stop the batch");
        let err = error_at(&errs, 2, header);
        prop_assert!(err.is_some(), "{path:?} {header}: {errs}");
        let err = err.unwrap();
        if !real_cell {
            prop_assert_eq!(err.value.as_deref(), Some(v.trim()));
        }
        prop_assert!(
            matches!(err.problem, Problem::SafetyErrorValue(c) if c == header),
            "{:?}", err.problem
        );
    }

    /// The same texts in the batch's own (not safety) columns of a valid batch are no error of
    /// that kind, and a name holding `#` is read (a `#` is no error value by itself).
    #[test]
    fn hash_in_a_name_is_not_an_error_value(name in "[A-Z][a-z]{2,8} #[0-9]{1,2}") {
        let (mut e, r) = tables(&[("excluded_orgs", "")], &[]);
        e[1][6] = name;
        prop_assert!(load_as(Path::Comma, &e, &r).is_ok());
    }
}

/// The trial's file (/tmp/trial3-errtext): `#N/B` in E1's avoided themes and excluded
/// organisations, in a Dutch `;` CSV, is an error naming both cells; before, only the same
/// text in the travel limit and `online` was one, and E1 was sent to R1.
#[test]
fn trial_errtext_dutch_n_b_in_both_personal_cells() {
    let experts = "id;naam;rollen;gecertificeerd;thema's;vermijd_thema's;woonplaats;max_reisafstand_km;online;beschikbaarheid;uitgesloten_organisaties;actief;belastbaarheid\r\n\
E1;Anna;maatje;ja;angst;#N/B;Utrecht;30;ja;*;#N/B;ja;6\r\n";
    let requests = "id;organisatie;rol;thema's;plaats;tijdvak\r\nR1;Kwintes;maatje;angst;Utrecht;wo-middag\r\n";
    let errs = crate::common::try_load(experts, requests).unwrap_err();
    let shown = errs.to_string();
    for cell in [
        "experts.csv:2:6 (F2): column 'vermijd_thema's': \"#N/B\": an error value",
        "experts.csv:2:11 (K2): column 'uitgesloten_organisaties': \"#N/B\": an error value",
    ] {
        assert!(shown.contains(cell), "{shown}");
    }
}

/// The trial's r14/r15 (`(zie opmerking)` in the avoided themes, then in the excluded
/// organisations) and its other notes: each an error naming the cell; before, the bracketed
/// note was taken off and the cell read as empty.
#[test]
fn trial_bracketed_and_common_notes_are_errors() {
    let header = "id;naam;rollen;gecertificeerd;thema's;vermijd_thema's;woonplaats;max_reisafstand_km;online;beschikbaarheid;uitgesloten_organisaties;actief\r\n";
    let requests = "aanvraag_id;organisatie;rol;thema's;plaats;online;dagdeel;aantal;intensiteit\r\nR1;Kwintes;maatje;angst;Utrecht;nee;wo-middag;1;2\r\n";
    for note in [
        "(zie opmerking)",
        "[zie dossier]",
        "opm. in dossier",
        "vertrouwelijk",
        "in dossier",
        "NB",
        "nog navragen",
        "bij coördinator",
        "...",
        "xxx",
    ] {
        for (avoid, excluded, at) in [(note, "", "2:6 (F2)"), ("", note, "2:11 (K2)")] {
            let experts = format!(
                "{header}E1;Anna de Vries;maatje;ja;angst|depressie|pesten|angst;{avoid};Utrecht;30;ja;*;{excluded};ja\r\n"
            );
            let errs = crate::common::try_load(&experts, requests)
                .err()
                .unwrap_or_else(|| panic!("{note:?} was read as names"));
            let shown = errs.to_string();
            assert!(
                shown.contains(&format!("experts.csv:{at}")) && shown.contains("is a note"),
                "{note:?}: {shown}"
            );
        }
    }
}

/// The trial's s_2_10_2026: `2/10/2026` in `laatste_intervisie` is 10 February month-first, a
/// lapsed supervision in week 48 (8 weeks allowed): read so, with a warning naming the cell;
/// before, it was 2 October in silence and Anna was sent. `10/2/2026` reads both ways too, the
/// earlier again; `13/2/2026` only one way.
#[test]
fn trial_supervision_slash_date_reads_the_earlier_date() {
    let requests = "aanvraag_id;organisatie;rol;thema's;plaats;online;dagdeel;aantal\r\nR1;Kwintes;maatje;angst;Utrecht;nee;wo-middag;1\r\n";
    for (cell, week, warned) in [
        ("2/10/2026", week_of(2026, 2, 10), true),
        ("10/2/2026", week_of(2026, 2, 10), true),
        ("13/2/2026", week_of(2026, 2, 13), false),
    ] {
        let experts = format!("id;naam;rollen;gecertificeerd;thema's;woonplaats;online;beschikbaarheid;actief;laatste_intervisie\r\nE1;Anna;maatje;ja;angst;Utrecht;ja;*;ja;{cell}\r\n");
        let l = crate::common::loaded(&experts, requests);
        assert_eq!(
            l.instance.experts[0].supervision,
            matchpunt::model::Supervision::Week(week),
            "{cell}"
        );
        let shown: Vec<String> = l.warnings.iter().map(|w| w.to_string()).collect();
        let has = shown.iter().any(|w| {
            w.starts_with("experts.csv:2:10 (J2): column 'laatste_intervisie':")
                && w.contains("read as the earlier")
        });
        assert_eq!(has, warned, "{cell}: {shown:?}");
    }
}

/// The trial's /tmp/trial3-nw n1 (`E-3`), n6 (`nr. 3`), n7 (`expert 3`) and n9 (`D.V.`, Daan de
/// Vries's initials): each keeps E1 and E3 apart, so the batch cannot send them together
/// (before: "no id ... left out" and R2 = E1 + E3); the warning names `niet_samen_met`.
#[test]
fn trial_not_with_items_keep_the_pair_apart() {
    for cell in ["E-3", "nr. 3", "expert 3", "D.V."] {
        let (e, r) = not_with_batch(cell);
        let l = crate::common::loaded(&e, &r);
        assert_eq!(
            l.instance.teams.not_with.iter().collect::<Vec<_>>(),
            [&(0, 1)],
            "{cell}"
        );
        let shown: Vec<String> = l.warnings.iter().map(|w| w.to_string()).collect();
        assert!(
            shown
                .iter()
                .any(|w| w.contains("column 'niet_samen_met'") && w.contains("read as the ids E3")),
            "{cell}: {shown:?}"
        );
    }
}

/// The trial's /tmp/trial3-orgs (and its `en` folder): `Kinderhuis Oost / Jeugdhulp Zuid` (and
/// `... en ...`) as Youké's aliases; E1 excludes Youké, E2 Kinderhuis Oost. R1 (Jeugdhulp Zuid)
/// is closed to both (before: both were sent); `|` between the aliases needs no warning.
#[test]
fn trial_alias_list_with_slash_or_en() {
    for aliases in [
        "Kinderhuis Oost / Jeugdhulp Zuid",
        "Kinderhuis Oost en Jeugdhulp Zuid",
    ] {
        let l = load_orgs("Youké", &["Jeugdhulp Zuid", "Youké"], aliases);
        assert!(excluded(&l, 0) && excluded(&l, 1), "{aliases}");
        assert!(l
            .warnings
            .iter()
            .any(|w| w.to_string().contains("column 'aliassen'")));
    }
    let l = load_orgs(
        "Youké",
        &["Jeugdhulp Zuid"],
        "Kinderhuis Oost|Jeugdhulp Zuid",
    );
    assert!(excluded(&l, 0));
    assert!(!l
        .warnings
        .iter()
        .any(|w| w.to_string().contains("aliassen")));
}
