//! A history row with a bad cell, where bad rows are skipped (`suggest`, the web form): its load
//! still counts. Leaving it out would forget load and let an expert past their rolling budget
//! (the new-user trial's S5: a role typo in a history row, then `suggest` offered an expert at
//! 3 + 2 points of a rolling budget of 4).

use matchpunt::ingest::{load_skipping_bad_rows, Inputs, Source};
use matchpunt::policy::Policy;
use proptest::prelude::*;

const EXPERTS: &str = "id;naam;rollen;gecertificeerd;thema's;woonplaats;online;beschikbaarheid;rollend_budget;belastbaarheid\nE1;Anna;maatje;ja;angst;Utrecht;ja;*;4;4\n";
const REQUESTS: &str = "id;organisatie;rol;thema's;plaats;online;dagdeel;aantal;intensiteit\nR1;Kwintes;maatje;angst;Utrecht;ja;;1;2\n";

/// E1's effective budget this week after the history file `history`, read skipping bad rows;
/// and the warnings.
fn budget_after(history: &str) -> (u32, Vec<String>) {
    let l = load_skipping_bad_rows(
        Inputs {
            experts: Source::new("experts.csv", EXPERTS.as_bytes()),
            requests: Source::new("requests.csv", REQUESTS.as_bytes()),
            history: Some(Source::new("history.csv", history.as_bytes())),
        },
        crate::common::places(),
        &Policy::default(),
        crate::common::week48(),
    )
    .unwrap();
    (
        l.instance.experts[0].budget(),
        l.warnings.iter().map(|w| w.to_string()).collect(),
    )
}

#[test]
fn the_trials_history_row_with_a_role_typo_still_counts() {
    let good = "week;deskundige;organisatie;rol;intensiteit\r\n2026-W47;E1;Pluryn;maatje;3\r\n";
    let bad = "week;deskundige;organisatie;rol;intensiteit\r\n2026-W47;E1;Pluryn;maatj;3\r\n";
    assert_eq!(budget_after(good).0, 1, "4 - 3");
    let (budget, warnings) = budget_after(bad);
    assert_eq!(
        budget, 1,
        "the bad row's 3 points still count: {warnings:?}"
    );
    assert!(
        warnings
            .iter()
            .any(|w| w.contains("history.csv:2") && w.contains("load is still counted")),
        "{warnings:?}"
    );
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]
    /// Whatever non-load cell of a history row is bad (role, organisation, declined), the row's
    /// load is counted as if the row were good and not declined: the budget left is never more
    /// than with the good row.
    #[test]
    fn a_bad_non_load_cell_never_frees_load(
        intensity in 0u32..5,
        which in 0usize..3,
        junk in "[a-z]{1,6}",
    ) {
        let cells = |role: &str, org: &str, declined: &str| {
            format!("week;deskundige;organisatie;rol;intensiteit;afgewezen\n2026-W47;E1;{org};{role};{intensity};{declined}\n")
        };
        let good = cells("maatje", "Pluryn", "nee");
        let junk_role = format!("x{junk}");
        let junk_bool = format!("q{junk}");
        let bad = match which {
            0 => cells(&junk_role, "Pluryn", "nee"),
            1 => cells("maatje", "", "nee"),
            _ => cells("maatje", "Pluryn", &junk_bool),
        };
        let (with_good, _) = budget_after(&good);
        let (with_bad, warnings) = budget_after(&bad);
        prop_assert!(with_bad <= with_good, "{bad}: {with_bad} > {with_good}: {warnings:?}");
        prop_assert!(warnings.iter().any(|w| w.contains("load is still counted")), "{warnings:?}");
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]
    /// Trial 2 (#8), the kind: a history intensity written as a decimal counts rounded up; one
    /// that is no number counts as the expert's whole rolling budget (none left this week); both
    /// with the warning.
    #[test]
    fn an_unreadable_history_intensity_counts_on_the_safe_side(
        whole in 0u32..4,
        tenths in 1u32..10,
        comma in any::<bool>(),
        word in "[a-z]{2,8}",
    ) {
        let row = |v: &str| format!("week;deskundige;organisatie;rol;intensiteit\n2026-W47;E1;Pluryn;maatje;{v}\n");
        let dec = format!("{whole}{}{tenths}", if comma { "," } else { "." });
        let (budget, warnings) = budget_after(&row(&dec));
        prop_assert_eq!(budget, 4u32.saturating_sub(whole + 1), "{}", dec);
        prop_assert!(warnings.iter().any(|w| w.contains("load is still counted")), "{:?}", warnings);
        let (budget, warnings) = budget_after(&row(&word));
        prop_assert_eq!(budget, 0, "{}", word);
        prop_assert!(warnings.iter().any(|w| w.contains("load is still counted")), "{:?}", warnings);
    }
}

/// The trial's rows: "4,5" counts 5, "veel" the whole rolling budget.
#[test]
fn the_trials_decimal_and_word_intensities_count_on_the_safe_side() {
    let row = |v: &str| {
        format!("week;deskundige;organisatie;rol;intensiteit\n2026-W47;E1;Pluryn;maatje;{v}\n")
    };
    assert_eq!(budget_after(&row("2,5")).0, 1, "4 - 3");
    assert_eq!(budget_after(&row("4,5")).0, 0);
    assert_eq!(budget_after(&row("veel")).0, 0);
}
