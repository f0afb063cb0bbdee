//! A safety column under the coordinator's own header (the fourth trial, finding 4): the
//! trial's headers are aliases of `excluded_orgs` and `avoid_themes`, and any other unknown
//! column of experts.csv whose cells name an organisation or a theme of the batch is an error
//! naming the column, never an ignored column.

use crate::common::try_load;
use proptest::prelude::*;

/// experts.csv (Dutch, `;`) with one extra column `header` holding `cell`; requests.csv with
/// one request of Kwintes on `rouw`.
fn batch(header: &str, cell: &str) -> (String, String) {
    (
        format!(
            "id;naam;rollen;gecertificeerd;thema's;woonplaats;online;beschikbaarheid;{header}\n\
             E1;Anna;maatje;ja;angst|rouw;Utrecht;ja;*;{cell}\n"
        ),
        "aanvraag_id;organisatie;rol;thema's;plaats;online;dagdeel\n\
         R1;Kwintes;maatje;rouw;Utrecht;nee;wo-middag\n"
            .to_string(),
    )
}

#[test]
fn the_trials_headers_are_safety_columns() {
    for h in [
        "Niet inzetten bij",
        "Niet naar",
        "Blacklist",
        "No-go",
        "Voormalige zorgaanbieder",
        "Zorgverleden bij",
        "Hulpverlening gehad bij",
        "Former care provider",
        "Do not send to",
        "Conflict of interest",
        "Belangenverstrengeling",
        "Oude instelling",
    ] {
        let (e, r) = batch(h, "Kwintes");
        let l = try_load(&e, &r).unwrap_or_else(|e| panic!("{h}: {e}"));
        assert_eq!(l.instance.experts[0].excluded_orgs.len(), 1, "{h}");
    }
    for h in [
        "Niet nu",
        "Liever geen",
        "Niet over",
        "Thema's niet",
        "Geen thema's",
        "Taboe",
        "Nog niet",
        "Sensitive topics",
        "Do not discuss",
    ] {
        let (e, r) = batch(h, "rouw");
        let l = try_load(&e, &r).unwrap_or_else(|e| panic!("{h}: {e}"));
        assert_eq!(l.instance.experts[0].avoid_themes.len(), 1, "{h}");
    }
    // Headers that may mean either: refused while their cells name the batch.
    for (h, cell) in [
        ("Zware thema's", "rouw"),
        ("Moeilijke thema's", "rouw"),
        ("Grenzen", "rouw"),
        ("Grenzen", "Kwintes"),
    ] {
        let (e, r) = batch(h, cell);
        let err = try_load(&e, &r)
            .err()
            .unwrap_or_else(|| panic!("{h} accepted"));
        let t = err.to_string();
        assert!(t.contains(&format!("column 9 '{h}'")), "{t}");
        assert!(!t.contains(cell), "the cell is echoed: {t}");
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

    /// For random unknown header words and cells drawn from the batch's organisations and
    /// themes (with other items beside them), the run refuses, naming the column; a cell that
    /// names nothing of the batch is only a warning.
    #[test]
    fn an_unknown_column_naming_the_batch_is_refused(
        header in "[A-Z][a-z]{3,7}( [a-z]{3,7})?",
        cell in prop::sample::select(vec!["Kwintes", "rouw", "Kwintes B.V.", "Rouw", "angst", "Stichting Kwintes"]),
        other in prop::option::of("[a-z]{4,8}"),
    ) {
        let (e, r) = batch(&header, "qqqq zzzz");
        // Only headers matchpunt reads as unknown columns.
        let unknown = try_load(&e, &r)
            .is_ok_and(|l| l.warnings.iter().any(|w| w.to_string().contains(&header)));
        prop_assume!(unknown);
        let cell = match &other { Some(o) => format!("{o}|{cell}"), None => cell.to_string() };
        let (e, r) = batch(&header, &cell);
        let err = try_load(&e, &r).err();
        prop_assert!(err.is_some(), "{header:?} with {cell:?} accepted");
        let t = err.map(|e| e.to_string()).unwrap_or_default();
        prop_assert!(t.contains(&format!("column 9 '{header}'")), "{t}");
    }
}

/// experts.csv with E1 avoiding `suïcidaliteit`; requests.csv with one extra column `header`
/// holding `cell` beside the themes column `pesten`.
fn request_batch(header: &str, cell: &str) -> (String, String) {
    (
        "id;naam;rollen;gecertificeerd;thema's;vermijd_thema's;woonplaats;online;beschikbaarheid\n\
         E1;Anna;spreker;ja;pesten|suïcidaliteit;suïcidaliteit;Utrecht;ja;*\n"
            .to_string(),
        format!(
            "aanvraag_id;organisatie;rol;thema's;{header};plaats;online;dagdeel\n\
             R1;Hogeschool Domstad;spreker;pesten;{cell};Utrecht;nee;wo-middag\n"
        ),
    )
}

/// The fifth new-user trial: a second themes column in requests.csv (`Extra thema's`,
/// `Subthema`, `Onderwerp`, ...) holding `suïcidaliteit` was only "an unknown column": the
/// expert who avoids it was assigned. A column whose cells name a theme (of the vocabulary, in
/// any spelling, or of the batch) is an error naming it; one of other words is a warning.
#[test]
fn a_second_themes_column_of_the_requests_is_refused() {
    for h in [
        "Extra thema's",
        "Overige thema's",
        "Subthema",
        "Tweede thema",
        "Hoofdthema",
        "Thema\u{2019}s (extra)",
        "Extra themes",
        "Onderwerp",
    ] {
        for cell in [
            "suïcidaliteit",
            "suicidaliteit",
            "zelfdoding",
            "angst|suïcidaliteit",
        ] {
            let (e, r) = request_batch(h, cell);
            let t = try_load(&e, &r).err().map(|e| e.to_string());
            assert!(
                t.as_deref()
                    .is_some_and(|t| t.contains(&format!("column 5 '{h}'"))
                        && t.contains("its cells name themes")),
                "{h:?} with {cell:?}: {t:?}"
            );
        }
    }
    let (e, r) = request_batch("Notities", "bel eerst de mentor");
    let l = try_load(&e, &r).expect("a column of other words is read");
    assert!(l
        .warnings
        .iter()
        .any(|w| w.to_string().contains("Notities")));
}
