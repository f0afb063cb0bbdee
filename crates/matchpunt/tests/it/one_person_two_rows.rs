//! One person in two rows of experts.csv (the fourth trial, #8): the same id written two ways
//! (`E1`, `E01`, `E 1`), or the same full name and birth year under two ids. Each row was its
//! own expert: the person was booked twice in one slot, past her maximum of 1, and sent to
//! Kwintes, which only her other row excludes. Now both rows are an error naming the other
//! line; where bad rows are skipped (`suggest`, the web form) both are out.

use crate::common::{places, try_load, week48};
use matchpunt::ingest::{load_skipping_bad_rows, Inputs, Source};
use matchpunt::policy::Policy;
use proptest::prelude::*;

const HEADER: &str = "id;naam;rollen;gecertificeerd;thema's;woonplaats;online;beschikbaarheid;uitgesloten_organisaties;max_opdrachten;geboortejaar\r\n";
const REQUESTS: &str = "aanvraag_id;organisatie;rol;thema's;plaats;online;dagdeel\r\nR1;Kwintes;maatje;angst;Utrecht;nee;wo-middag\r\nR2;Lister;maatje;angst;Utrecht;nee;wo-middag\r\nR3;Altrecht;maatje;angst;Utrecht;nee;do-middag\r\n";

fn row(id: &str, name: &str, excluded: &str, year: &str) -> String {
    format!("{id};{name};maatje;ja;angst;Utrecht;ja;*;{excluded};1;{year}\r\n")
}

/// The ids of the active experts where bad rows are skipped.
fn phone_pool(experts: &str) -> Vec<String> {
    let l = load_skipping_bad_rows(
        Inputs {
            experts: Source::new("experts.csv", experts.as_bytes()),
            requests: Source::new("requests.csv", REQUESTS.as_bytes()),
            history: None,
        },
        places(),
        &Policy::default(),
        week48(),
    )
    .unwrap();
    l.instance
        .experts
        .iter()
        .filter(|e| e.active)
        .map(|e| e.id.clone())
        .collect()
}

#[test]
fn the_trials_copied_row_is_an_error_on_both_lines() {
    let experts = format!(
        "{HEADER}{}{}{}",
        row("E1", "Anna de Vries", "Kwintes", "2001"),
        row("E7", "Anna de Vries", "", "2001"),
        row("E8", "Bram", "", "2000")
    );
    let err = try_load(&experts, REQUESTS).unwrap_err().to_string();
    assert!(
        err.contains("experts.csv:2:2 (B2)") && err.contains("line 3 (\"E7\")"),
        "{err}"
    );
    assert!(
        err.contains("experts.csv:3:2 (B3)") && err.contains("line 2 (\"E1\")"),
        "{err}"
    );
    assert_eq!(phone_pool(&experts), ["E8"]);
}

#[test]
fn the_trials_three_spellings_of_one_id_are_one_id() {
    let experts = format!(
        "{HEADER}{}{}{}",
        row("E1", "Anna de Vries", "Kwintes", ""),
        row("E01", "Anna", "", ""),
        row("E 1", "A. de Vries", "", "")
    );
    let err = try_load(&experts, REQUESTS).unwrap_err().to_string();
    for (at, other) in [
        ("A3", "\"E1\" on line 2"),
        ("A4", "\"E1\" on line 2"),
        ("A2", "\"E01\" on line 3"),
    ] {
        assert!(
            err.contains(&format!("({at}): column 'id'")) && err.contains(other),
            "{at}: {err}"
        );
    }
    assert!(phone_pool(&experts).is_empty());
}

#[test]
fn the_same_name_without_birth_years_is_a_warning_naming_both_lines() {
    let experts = format!(
        "{HEADER}{}{}",
        row("E1", "Anna de Vries", "", ""),
        row("E2", "Anna  de vries", "", "")
    );
    let l = try_load(&experts, REQUESTS).unwrap();
    let w: Vec<String> = l.warnings.iter().map(|w| w.to_string()).collect();
    assert!(
        w.iter()
            .any(|w| w.starts_with("experts.csv:3:2 (B3)") && w.contains("line 2 (E1)")),
        "{w:?}"
    );
    // Two people with one name and different birth years: no word.
    let experts = format!(
        "{HEADER}{}{}",
        row("E1", "Anna de Vries", "", "2001"),
        row("E2", "Anna de Vries", "", "2003")
    );
    let l = try_load(&experts, REQUESTS).unwrap();
    assert!(
        !l.warnings.iter().any(|w| w.to_string().contains("line 2")),
        "{:?}",
        l.warnings
    );
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]
    /// A second row whose id the one reading of ids takes as the first's (any letter case,
    /// separator and leading zeros), or whose name and birth year are the first's: an error on
    /// both lines, and neither row is planned where bad rows are skipped. Other rows stay.
    #[test]
    fn one_person_in_two_rows_is_never_planned_twice(
        lower in any::<bool>(),
        sep in prop::sample::select(&["", " ", "-", ".", "_"][..]),
        zeros in 0usize..3,
        by_name in any::<bool>(),
        swap in any::<bool>(),
    ) {
        let id = format!("{}{sep}{}3", if lower { "e" } else { "E" }, "0".repeat(zeros));
        let (second_id, second_name) = if by_name {
            ("E9".to_string(), "Carla  Smit".to_string())
        } else {
            (id.clone(), "C. Smit".to_string())
        };
        prop_assume!(by_name || id != "E3");
        let mut rows = [
            row("E3", "Carla Smit", "Kwintes", "2001"),
            row(&second_id, &second_name, "", "2001"),
        ];
        if swap {
            rows.swap(0, 1);
        }
        let experts = format!("{HEADER}{}{}{}", row("E8", "Bram", "", "2000"), rows[0], rows[1]);
        let err = try_load(&experts, REQUESTS).map(|_| ()).unwrap_err().to_string();
        // The second row's error names the first's line (a duplicate as written), or both rows
        // have one.
        prop_assert!(err.contains("experts.csv:4:") && err.contains("line 3"), "{}", err);
        prop_assert_eq!(phone_pool(&experts), vec!["E8".to_string()]);
    }
}
