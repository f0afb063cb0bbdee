//! Organisation ids (KvK numbers) written another way are one id, on every path that reads
//! them: the batch's `org_id` against `excluded_org_ids`, organisations.csv `id`, and the inline
//! request of `suggest`/`book`/the web form (and so a ledger's booked inline request). An id in
//! scientific notation has lost its digits: an error naming the file, line and column, never a
//! silent non-match.

use crate::common::{loaded as load, try_load, week48 as week};
use crate::org_names::org_refused;
use matchpunt::ingest::{self, Inputs, Problem, Source};
use matchpunt::messages::Lang;
use matchpunt::names::org::{id_key, id_list_keys};
use matchpunt::policy::Policy;
use proptest::prelude::*;

fn quoted(s: &str) -> String {
    format!("\"{}\"", s.replace('"', "\"\""))
}

/// E1 excludes by `excluded_id`; E2 excludes nothing (the control). R1 is an organisation of
/// another name with `org_id`, R2 one without an id.
fn batch(excluded_id: &str, org_id: &str) -> (String, String) {
    let e = format!(
        "id,roles,certified,themes,place,availability,excluded_orgs,excluded_org_ids\n\
         E1,speaker,yes,pesten,Utrecht,*,,{}\n\
         E2,speaker,yes,pesten,Utrecht,*,,\n",
        quoted(excluded_id)
    );
    let r = format!(
        "id,org,org_id,role,themes,place\n\
         R1,Zorgaanbieder Midden,{},speaker,pesten,Utrecht\n\
         R2,Iets Anders,,speaker,pesten,Utrecht\n",
        quoted(org_id)
    );
    (e, r)
}

/// The ways a spreadsheet or a person writes the KvK number with these 8 digits.
fn spelling(digits: &str, how: u8) -> String {
    let (a, b) = digits.split_at(4);
    match how {
        0 => digits.to_string(),
        // Excel drops leading zeros of a number cell.
        1 => digits.trim_start_matches('0').to_string(),
        2 => format!("{a} {b}"),
        3 => format!("{a}.{b}"),
        4 => format!("KvK {digits}"),
        5 => format!("kvk-nr.: {a} {b}"),
        6 => format!("KvK-nummer {digits}"),
        7 => format!("{}.{}.{}", &digits[..2], &digits[2..5], &digits[5..]),
        8 => format!("{}.0", digits.trim_start_matches('0')),
        _ => format!(" {digits} "),
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    /// Any two spellings of one KvK number are one id, in a batch and inline: the expert who
    /// excludes it is kept away, the control is not; another number is not the same id.
    #[test]
    fn any_spelling_of_a_kvk_number_is_the_same_id(
        n in 1u32..100_000_000,
        other in 0u32..100_000_000,
        how_e in 0u8..10,
        how_r in 0u8..10,
    ) {
        let digits = format!("{n:08}");
        // A leading-zero-dropped number of 7+ digits with ".0" is the only decimal reading.
        let how_e = if how_e == 8 && n < 1_000_000 { 0 } else { how_e };
        let how_r = if how_r == 8 && n < 1_000_000 { 0 } else { how_r };
        let (ew, rw) = (spelling(&digits, how_e), spelling(&digits, how_r));
        prop_assert_eq!(id_key(&ew), id_key(&rw), "{} / {}", ew, rw);
        let (e, r) = batch(&ew, &rw);
        let l = load(&e, &r);
        prop_assert!(org_refused(&l.instance, 0, 0), "{ew} / {rw}");
        prop_assert!(!org_refused(&l.instance, 1, 0));
        prop_assert!(!org_refused(&l.instance, 0, 1));
        // Inline, with the id under its Dutch header.
        let mut i = l.instance.clone();
        let cells = [
            ("id", "phone"),
            ("org", "Heel Andere Naam"),
            ("kvk", rw.as_str()),
            ("role", "speaker"),
            ("themes", "pesten"),
            ("place", "Utrecht"),
        ];
        let (req, _) = ingest::parse_request(
            &cells, "form", crate::common::places(), &Policy::default(), &mut i,
        ).unwrap();
        i.requests.push(req);
        prop_assert!(org_refused(&i, 0, 2), "inline {ew} / {rw}");
        prop_assert!(!org_refused(&i, 1, 2));
        if other != n {
            let ow = spelling(&format!("{other:08}"), 0);
            prop_assert_ne!(id_key(&ew), id_key(&ow), "{} / {}", ew, ow);
        }
    }

    /// Scientific notation, in any of its spellings, in either column: an error naming the
    /// file, line and column, in both languages; never a load that compares it.
    #[test]
    fn scientific_notation_is_an_error_naming_the_cell(
        mant in 1u32..1000,
        exp in 5u32..9,
        comma in any::<bool>(),
        plus in any::<bool>(),
        upper in any::<bool>(),
        in_experts in any::<bool>(),
    ) {
        let m = format!("{mant:03}");
        let sep = if comma { "," } else { "." };
        let e = if upper { "E" } else { "e" };
        let sign = if plus { "+" } else { "" };
        let sci = format!("{}{sep}{}{e}{sign}{exp:02}", &m[..1], &m[1..]);
        let (e, r) = if in_experts {
            batch(&format!("01234567; {sci}"), "01234567")
        } else {
            batch("01234567", &sci)
        };
        let err = try_load(&e, &r).expect_err(&sci);
        let (file, col) = if in_experts {
            ("experts.csv", "excluded_org_ids")
        } else {
            ("requests.csv", "org_id")
        };
        let hit = err.errors.iter().find(|x| x.problem == Problem::OrgIdLostDigits);
        prop_assert!(hit.is_some(), "{sci}: {err}");
        let hit = hit.unwrap();
        prop_assert_eq!(&hit.file, file);
        prop_assert_eq!(hit.line, Some(2));
        prop_assert_eq!(hit.column.as_ref().map(|c| c.1.as_str()), Some(col));
        prop_assert!(hit.render(Lang::Nl).contains("wetenschappelijke notatie"));
        prop_assert!(hit.render(Lang::En).contains("scientific notation"));
    }
}

/// The trial's cases, each one: the expert is kept away from the organisation whose KvK number
/// they exclude, however either side writes it.
#[test]
fn the_trials_kvk_spellings_exclude() {
    for (ex, org) in [
        ("01234567", "1234567"),
        ("12345678", "12 34 56 78"),
        ("KvK 23456789", "23456789"),
        ("3456.7890", "34567890"),
        ("0123 4567", "KvK 01234567"),
    ] {
        for (a, b) in [(ex, org), (org, ex)] {
            let (e, r) = batch(a, b);
            let l = load(&e, &r);
            assert!(org_refused(&l.instance, 0, 0), "{a} / {b}");
            assert!(!org_refused(&l.instance, 1, 0), "{a} / {b}: control");
        }
    }
    assert_eq!(
        id_list_keys("4,57E+07").map(|_| ()),
        Err(matchpunt::names::org::LostDigits)
    );
}

/// `4,57E+07` (Excel's display of 45678901 saved as CSV) is an error naming the cell, in either
/// file and in organisations.csv, with the value as written.
#[test]
fn excel_scientific_kvk_is_an_error_not_a_silent_non_match() {
    let (e, r) = batch("4,57E+07", "45678901");
    let err = try_load(&e, &r).unwrap_err();
    assert_eq!(err.errors.len(), 1, "{err}");
    let x = &err.errors[0];
    assert_eq!(x.problem, Problem::OrgIdLostDigits);
    assert_eq!(x.value.as_deref(), Some("4,57E+07"));
    let text = x.render(Lang::En);
    assert!(
        text.starts_with("experts.csv:2:8") && text.contains("excluded_org_ids"),
        "{text}"
    );
    let (e, r) = batch("45678901", "4.57E+07");
    let err = try_load(&e, &r).unwrap_err();
    assert_eq!(err.errors.len(), 1, "{err}");
    assert!(err.errors[0]
        .render(Lang::Nl)
        .starts_with("requests.csv:2:3"));
    // organisations.csv.
    let err = ingest::load_with_organisations(
        Inputs {
            experts: Source::new("experts.csv", e.as_bytes()),
            requests: Source::new(
                "requests.csv",
                b"id,org,role,themes,place\nR1,Lister,speaker,pesten,Utrecht\n".as_slice(),
            ),
            history: None,
        },
        Some(Source::new(
            "organisations.csv",
            "id;naam\n4,57E+07;Stichting Kwintes\n".as_bytes(),
        )),
        crate::common::places(),
        &Policy::default(),
        week(),
        false,
    )
    .unwrap_err();
    let x = &err.errors[0];
    assert_eq!(
        (x.file.as_str(), x.line, x.problem.clone()),
        ("organisations.csv", Some(2), Problem::OrgIdLostDigits),
        "{err}"
    );
    // Inline: the phone's request with such an id is refused with the same error.
    let l = load(&batch("45678901", "").0, &batch("", "").1);
    let mut i = l.instance.clone();
    let cells = [
        ("id", "phone"),
        ("org", "Lister"),
        ("org_id", "4,57E+07"),
        ("role", "speaker"),
        ("themes", "pesten"),
        ("place", "Utrecht"),
    ];
    let err = ingest::parse_request(
        &cells,
        "form",
        crate::common::places(),
        &Policy::default(),
        &mut i,
    )
    .unwrap_err();
    assert_eq!(err.errors[0].problem, Problem::OrgIdLostDigits);
}

/// In a workbook: a KvK number typed as a number (Excel drops its leading zero) is the id
/// written as text with it; an error value (`#N/A`) in `excluded_org_ids` or `org_id` is an
/// error naming the sheet and cell (the ids are safety columns), never an id that matches
/// nothing.
#[test]
fn workbook_kvk_cells_number_text_and_error_values() {
    use rust_xlsxwriter::{Formula, Workbook};
    let book = |bad_expert: bool, bad_request: bool| {
        let mut book = Workbook::new();
        let ws = book.add_worksheet().set_name("experts").unwrap();
        let header = [
            "id",
            "roles",
            "certified",
            "themes",
            "place",
            "availability",
            "excluded_org_ids",
        ];
        for (c, h) in header.iter().enumerate() {
            ws.write_string(0, c as u16, *h).unwrap();
        }
        for (r, (id, ex)) in [("E1", "01234567"), ("E2", "")].iter().enumerate() {
            let r = r as u32 + 1;
            for (c, v) in [*id, "speaker", "yes", "pesten", "Utrecht", "*"]
                .iter()
                .enumerate()
            {
                ws.write_string(r, c as u16, *v).unwrap();
            }
            if r == 1 && bad_expert {
                ws.write_formula(r, 6, Formula::new("=NA()").set_result("#N/A"))
                    .unwrap();
            } else {
                ws.write_string(r, 6, *ex).unwrap();
            }
        }
        let ws = book.add_worksheet().set_name("requests").unwrap();
        for (c, h) in ["id", "org", "kvk", "role", "themes", "place"]
            .iter()
            .enumerate()
        {
            ws.write_string(0, c as u16, *h).unwrap();
        }
        for (c, v) in ["R1", "Zorgaanbieder Midden"].iter().enumerate() {
            ws.write_string(1, c as u16, *v).unwrap();
        }
        if bad_request {
            ws.write_formula(1, 2, Formula::new("=NA()").set_result("#N/A"))
                .unwrap();
        } else {
            ws.write_number(1, 2, 1_234_567.0).unwrap();
        }
        for (c, v) in ["speaker", "pesten", "Utrecht"].iter().enumerate() {
            ws.write_string(1, c as u16 + 3, *v).unwrap();
        }
        book.save_to_buffer().unwrap()
    };
    let load_book = |bytes: &[u8]| {
        ingest::load(
            Inputs {
                experts: Source::new("week.xlsx", bytes),
                requests: Source::new("week.xlsx", bytes),
                history: None,
            },
            crate::common::places(),
            &Policy::default(),
            week(),
        )
    };
    let l = load_book(&book(false, false)).unwrap_or_else(|e| panic!("{e}"));
    assert!(
        org_refused(&l.instance, 0, 0),
        "number 1234567 / text 01234567"
    );
    assert!(!org_refused(&l.instance, 1, 0));
    for (bad_expert, cell) in [(true, "experts, cell G2"), (false, "requests, cell C2")] {
        let err = load_book(&book(bad_expert, !bad_expert)).unwrap_err();
        let text = err.to_string();
        assert!(text.contains(cell), "{text}");
        assert!(text.contains("KvK"), "{text}");
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(48))]

    /// The fifth new-user trial's forms, drawn together: an exclusion by id in either column (the
    /// id in `excluded_org_ids`, or the KvK number in any spelling written in `excluded_orgs`)
    /// covers the organisation under every name the batch gives that id, read as names are: a
    /// request of the short name or at a location, without an id, is refused too (batch and
    /// phone path, the phone path also when the number is said as the organisation); a name in
    /// the ids column is read as a name. The control expert is never refused.
    #[test]
    fn an_exclusion_by_id_covers_every_name_of_that_id(
        n in 10_000_000u32..100_000_000,
        how in 0u8..8,
        in_names in any::<bool>(),
        form in 0usize..3,
    ) {
        let digits = format!("{n:08}");
        let written = spelling(&digits, how);
        let (names_cell, ids_cell) = if in_names {
            (format!("Altrecht|{written}"), String::new())
        } else {
            (String::new(), written.clone())
        };
        let other = ["Jeugdhulp Utrecht", "\"Jeugdhulp Utrecht, locatie Oost\"", "Jeugdhulp Utrecht Oost"][form];
        let e = format!(
            "id,roles,certified,themes,place,availability,excluded_orgs,excluded_org_ids\n\
             E1,speaker,yes,pesten,Utrecht,*,{},{}\n\
             E2,speaker,yes,pesten,Utrecht,*,,\n",
            quoted(&names_cell),
            quoted(&ids_cell)
        );
        let r = format!(
            "id,org,org_id,role,themes,place\n\
             R1,Stichting Jeugdhulp Utrecht,{digits},speaker,pesten,Utrecht\n\
             R2,{other},,speaker,pesten,Utrecht\n\
             R3,Lister,,speaker,pesten,Utrecht\n"
        );
        let l = load(&e, &r);
        prop_assert!(org_refused(&l.instance, 0, 0), "{written}: R1");
        prop_assert!(org_refused(&l.instance, 0, 1), "{written}: R2 {other}");
        prop_assert!(!org_refused(&l.instance, 0, 2), "{written}: R3 Lister");
        for ri in 0..3 {
            prop_assert!(!org_refused(&l.instance, 1, ri), "control");
        }
        // The phone path: the short name, and the number said as the organisation.
        for org in ["Jeugdhulp Utrecht", digits.as_str()] {
            let mut i = l.instance.clone();
            let cells = [
                ("id", "phone"),
                ("org", org),
                ("role", "speaker"),
                ("themes", "pesten"),
                ("place", "Utrecht"),
            ];
            let (req, _) = ingest::parse_request(
                &cells, "form", crate::common::places(), &Policy::default(), &mut i,
            ).unwrap();
            i.requests.push(req);
            prop_assert!(org_refused(&i, 0, 3), "inline {org} / {written}");
            prop_assert!(!org_refused(&i, 1, 3));
        }
    }
}

/// A name written in the ids column is read as a name (the trial: `Stichting Jeugdhulp
/// Utrecht` and `Jeugdhulp Utrecht` in `excluded_org_ids` excluded nothing).
#[test]
fn a_name_in_the_ids_column_excludes_as_a_name() {
    for cell in ["Stichting Jeugdhulp Utrecht", "Jeugdhulp Utrecht"] {
        let e = format!(
            "id,roles,certified,themes,place,availability,excluded_org_ids\n\
             E1,speaker,yes,pesten,Utrecht,*,{cell}\n"
        );
        let r = "id,org,org_id,role,themes,place\nR1,Stichting Jeugdhulp Utrecht,,speaker,pesten,Utrecht\nR2,Lister,,speaker,pesten,Utrecht\n";
        let l = load(&e, r);
        assert!(org_refused(&l.instance, 0, 0), "{cell}");
        assert!(!org_refused(&l.instance, 0, 1), "{cell}");
    }
}
