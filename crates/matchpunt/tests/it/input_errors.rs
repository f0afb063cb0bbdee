//! Input errors as typed values in the reader's language: every kind of
//! [`matchpunt::ingest::Problem`] has a text in English and in Dutch from the message table, an
//! error in either language still names file, line, column (or sheet and cell) and the value,
//! and random bad cells never panic and always name file, line and column in both languages.

use matchpunt::ingest::{InputError, Problem};
use matchpunt::messages::Lang;
use proptest::prelude::*;

use crate::common::try_load;

#[test]
fn every_problem_kind_renders_in_both_languages() {
    let samples = Problem::samples();
    let mut seen = [false; Problem::KINDS];
    for p in &samples {
        seen[p.kind_index()] = true;
        let (en, nl) = (p.render(Lang::En), p.render(Lang::Nl));
        assert!(!en.is_empty() && !nl.is_empty(), "{p:?}");
        // Every placeholder was filled.
        for t in [&en, &nl] {
            assert!(!t.contains('{') && !t.contains('}'), "{p:?}: {t}");
        }
        // English is `Display`; Dutch is another text (a library's own text is shown as is).
        assert_eq!(en, p.to_string());
        if !matches!(p, Problem::Text(_)) {
            assert_ne!(en, nl, "{p:?} has no Dutch text");
        }
    }
    let missing: Vec<usize> = (0..Problem::KINDS).filter(|&k| !seen[k]).collect();
    assert!(missing.is_empty(), "kinds without a sample: {missing:?}");
}

#[test]
fn an_error_names_its_place_and_value_in_either_language() {
    let e = InputError {
        file: "experts.csv".into(),
        line: Some(5),
        row: None,
        column: Some((7, "max_travel_km".into())),
        value: Some("ver".into()),
        problem: Problem::NotKm {
            min: 0.0,
            max: 1000.0,
        },
    };
    assert_eq!(
        e.render(Lang::En),
        "experts.csv:5:7 (G5): column 'max_travel_km': \"ver\": expected a number of km from 0 to 1000"
    );
    assert_eq!(
        e.render(Lang::Nl),
        "experts.csv:5:7 (G5): kolom 'max_travel_km': \"ver\": verwacht een aantal km van 0 tot en met 1000"
    );
    let book = InputError {
        file: "week.xlsx, sheet experts".into(),
        ..e.clone()
    };
    assert_eq!(
        book.render(Lang::Nl),
        "week.xlsx, blad experts, cel G5 (kolom 'max_travel_km'): \"ver\": verwacht een aantal km van 0 tot en met 1000"
    );
    assert_eq!(book.to_string(), book.render(Lang::En));
    assert!(book
        .to_string()
        .starts_with("week.xlsx, sheet experts, cell G5 (column 'max_travel_km'): \"ver\""));
}

#[test]
fn a_batch_of_errors_is_headed_and_listed_in_its_language() {
    let experts = "id,roles,certified,themes,place,availability\nE1,buddy,misschien,pesten,Utrecht,wed-pm\nE2,buddy,yes,pesten,Utrecht,do-nacht\n";
    let requests =
        "id,org,role,themes,place,slot\nR1,Gemeente Utrecht,buddy,pesten,Utrecht,wed-pm\n";
    let errs = try_load(experts, requests).unwrap_err();
    let en = errs.to_string();
    assert!(en.starts_with("2 input errors:\n"), "{en}");
    let nl = errs.in_lang(Lang::Nl).to_string();
    assert!(nl.starts_with("2 invoerfouten:\n"), "{nl}");
    assert!(
        nl.contains("experts.csv:2:3 (C2): kolom 'certified': \"misschien\": verwacht ja/nee"),
        "{nl}"
    );
    assert!(
        nl.contains("experts.csv:3:6 (F3): kolom 'availability': \"do-nacht\": is geen tijdvak"),
        "{nl}"
    );
}

const HEADER: [&str; 11] = [
    "id",
    "roles",
    "certified",
    "themes",
    "avoid_themes",
    "place",
    "availability",
    "max_travel_km",
    "max_assignments",
    "birth_year",
    "excluded_orgs",
];
const ROW: [&str; 11] = [
    "E{i}", "buddy", "yes", "pesten", "", "Utrecht", "wed-pm", "25", "2", "2001", "",
];

/// A cell as a coordinator might mistype it: words, numbers with separators, dates, symbols,
/// control characters, quotes and line breaks, very long text.
fn bad_cell() -> impl Strategy<Value = String> {
    prop_oneof![
        "[a-zA-Z ]{0,12}",
        "-?[0-9]{1,6}([.,][0-9]{1,4})?",
        "[0-9]{1,2}[-/][0-9]{1,2}([-/][0-9]{2,4})?",
        "[=+@'\"|;,*xX✓ ]{1,6}",
        "\\PC{0,20}",
        "[a-z\"\n\r\t]{1,8}",
        (1usize..3).prop_map(|k| "x".repeat(k * 9_000)),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, failure_persistence: None, ..ProptestConfig::default() })]

    /// A random bad cell in a random row and column of the experts file: the load never
    /// panics, and each error names file, line and column in English and in Dutch.
    #[test]
    fn random_bad_cells_name_file_line_and_column(
        rows in 1usize..5,
        at in 0usize..5,
        col in 0usize..HEADER.len(),
        value in bad_cell(),
    ) {
        let at = at % rows;
        let mut w = csv::Writer::from_writer(Vec::new());
        w.write_record(HEADER).unwrap();
        for i in 0..rows {
            let mut cells: Vec<String> = ROW.iter().map(|c| c.replace("{i}", &i.to_string())).collect();
            if i == at {
                cells[col] = value.clone();
            }
            w.write_record(&cells).unwrap();
        }
        let experts = String::from_utf8(w.into_inner().unwrap()).unwrap();
        let requests = "id,org,role,themes,place,slot\nR1,Gemeente Utrecht,buddy,pesten,Utrecht,wed-pm\n";
        if let Err(errs) = try_load(&experts, requests) {
            prop_assert!(!errs.errors.is_empty());
            for e in &errs.errors {
                prop_assert_eq!(&e.file, "experts.csv");
                let line = e.line;
                prop_assert!(line.is_some(), "no line: {}", e);
                prop_assert!(e.column.is_some(), "no column: {}", e);
                let (n, name) = e.column.clone().unwrap();
                let place = format!("experts.csv:{}:{n} (", line.unwrap());
                for lang in [Lang::En, Lang::Nl] {
                    let shown = e.render(lang);
                    prop_assert!(shown.starts_with(&place), "{}", shown);
                    prop_assert!(shown.contains(&format!("'{name}'")), "{}", shown);
                }
                prop_assert!(e.render(Lang::Nl).contains(": kolom '"), "{}", e.render(Lang::Nl));
            }
        }
    }
}

/// The warnings of a load are in both languages: English as before, Dutch from the message
/// table, and a failed load shows its warnings in the language of its errors.
#[test]
fn warnings_of_a_load_are_in_both_languages() {
    let requests =
        "id,org,role,themes,place,slot\nR1,Gemeente Utrecht,buddy,pesten,Utrecht,wed-pm\n";
    let experts = "sep=;\nid;roles;certified;themes;place;availability;birth_year;favourite_colour\nE1;buddy;yes;pesten;Utrecht;wed-pm;12-3-2001;blue\nE2;buddy;yes;pesten;Utrecht;wed-pm;4-5-2002;red\n";
    let l = try_load(experts, requests).unwrap_or_else(|e| panic!("{e}"));
    let en: Vec<&str> = l.warnings.iter().map(|w| w.render(Lang::En)).collect();
    let nl: Vec<&str> = l.warnings.iter().map(|w| w.render(Lang::Nl)).collect();
    assert_eq!(en.len(), 3, "{en:?}");
    assert_eq!(
        en[0],
        "experts.csv: separated by ';' as its 'sep=' line 1 says"
    );
    assert_eq!(
        nl[0],
        "experts.csv: gescheiden door ';', zoals de regel 'sep=' op regel 1 zegt"
    );
    assert_eq!(
        en[1],
        "experts.csv: ignoring unknown column 'favourite_colour'"
    );
    assert_eq!(
        nl[1],
        "experts.csv: onbekende kolom 'favourite_colour' genegeerd"
    );
    // One warning for the column's two dates, naming the first cell.
    assert!(
        en[2].ends_with("a date, not a year: read as the year 2001 (and the same in 1 more cell(s) of this column, each read as its year)"),
        "{}",
        en[2]
    );
    assert!(
        nl[2].contains("kolom 'birth_year': een datum, geen jaar: gelezen als het jaar 2001 (en hetzelfde in nog 1 cel van deze kolom"),
        "{}",
        nl[2]
    );
    // Display and Deref are the English text.
    assert_eq!(l.warnings[1].to_string(), en[1]);
    assert!(l.warnings[1].contains("favourite_colour"));
    // A failed load: errors and warnings in the language it is shown in.
    let bad = "id,roles,certified,themes,place,availability,favourite_colour\nE1,buddy,yes,pesten,Utrecht,wed-xx,blue\n";
    let errs = try_load(bad, requests).unwrap_err().in_lang(Lang::Nl);
    let text = errs.to_string();
    assert!(text.starts_with("1 invoerfout:"), "{text}");
    assert!(
        text.contains("waarschuwing: experts.csv: onbekende kolom 'favourite_colour' genegeerd"),
        "{text}"
    );
    assert!(!text.contains("ignoring"), "{text}");
}
