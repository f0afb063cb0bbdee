//! A request's `gender_pref` and `language` written as free text (the fourth trial, #15):
//! `geen voorkeur`, `maakt niet uit`, `v/m`, `liefst vrouw`, `NL/EN`, `Engels of Nederlands`
//! matched nobody, silently, with a misleading reason. Now a cell is a wish the rules know,
//! no wish, or an error naming the cell: never a value no expert can have.

use crate::common::try_load;
use proptest::prelude::*;

const EXPERTS: &str = "id;naam;rollen;gecertificeerd;thema's;woonplaats;online;beschikbaarheid;geslacht;talen\r\nE1;Anna;maatje;ja;angst;Utrecht;ja;*;v;nl\r\nE2;Bram;maatje;ja;angst;Utrecht;ja;*;m;NL/EN\r\n";

fn requests(gender: &str, language: &str) -> String {
    format!("aanvraag_id;organisatie;rol;thema's;plaats;online;dagdeel;voorkeur_geslacht;taal\r\nR1;Kwintes;maatje;angst;Utrecht;nee;wo-middag;{gender};{language}\r\n")
}

/// (gender wish, language) of R1, or the error text.
fn read(gender: &str, language: &str) -> Result<(String, String, Vec<String>), String> {
    let l = try_load(EXPERTS, &requests(gender, language)).map_err(|e| e.to_string())?;
    let r = &l.instance.requests[0];
    let lang = l.instance.languages.name(r.language).to_string();
    let w = l.warnings.iter().map(|w| w.to_string()).collect();
    Ok((r.gender_pref.clone(), lang, w))
}

#[test]
fn the_trials_cells_are_read_as_meant_or_refused() {
    for g in [
        "geen voorkeur",
        "Maakt niet uit",
        "maakt niet uit.",
        "",
        "n.v.t.",
    ] {
        assert_eq!(read(g, "").unwrap().0, "", "{g}");
    }
    for g in ["v/m", "M/V", "man of vrouw", "v, m"] {
        let (wish, _, w) = read(g, "").unwrap();
        assert_eq!(wish, "", "{g}");
        assert!(
            w.iter().any(|w| w.contains("read as no gender wish")),
            "{g}: {w:?}"
        );
    }
    for g in ["liefst vrouw", "Bij voorkeur een vrouw", "liefst v"] {
        let (wish, _, w) = read(g, "").unwrap();
        assert_eq!(wish, "f", "{g}");
        assert!(
            w.iter().any(|w| w.contains("read as the wish f")),
            "{g}: {w:?}"
        );
    }
    for g in ["jong", "vrouw graag", "v/jong"] {
        let e = read(g, "").unwrap_err();
        assert!(
            e.contains("requests.csv:2:8 (H2): column 'voorkeur_geslacht'")
                && e.contains("is no gender wish"),
            "{g}: {e}"
        );
    }
    for t in ["NL/EN", "Engels of Nederlands", "nl, en"] {
        let e = read("", t).unwrap_err();
        assert!(
            e.contains("requests.csv:2:9 (I2): column 'taal'")
                && e.contains("names several languages"),
            "{t}: {e}"
        );
    }
    assert_eq!(read("", "Engels").unwrap().1, "en");
    assert_eq!(read("", "geen voorkeur").unwrap().1, "nl");
    assert_eq!(read("", "nl/Nederlands").unwrap().1, "nl");
}

#[test]
fn an_experts_languages_joined_by_a_slash_or_a_word_are_each_spoken() {
    // E2 writes `NL/EN`: she speaks English too.
    let l = try_load(EXPERTS, &requests("", "en")).unwrap();
    let en = l.instance.requests[0].language;
    assert!(l.instance.experts[1].languages.contains(&en));
    assert!(!l.instance.experts[0].languages.contains(&en));
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(128))]
    /// Any gender wish cell, built from the words coordinators write: read as no wish or as a
    /// gender every expert file can name (f, m, x), or an error naming the cell; never a value
    /// that silently matches nobody.
    #[test]
    fn a_gender_wish_is_a_known_gender_none_or_an_error_naming_the_cell(
        lead in prop::sample::select(&["", "liefst ", "geen ", "bij voorkeur ", "graag "][..]),
        a in prop::sample::select(&["v", "m", "x", "vrouw", "man", "jong", "voorkeur", "maakt niet uit", "V", "Vrouw"][..]),
        join in prop::sample::select(&["", "/", " of ", ", "][..]),
        b in prop::sample::select(&["v", "m", "vrouw", "man", "oud", ""][..]),
    ) {
        let cell = if join.is_empty() { format!("{lead}{a}") } else { format!("{lead}{a}{join}{b}") };
        match read(&cell, "") {
            Ok((wish, _, _)) => prop_assert!(["", "f", "m", "x"].contains(&wish.as_str()), "{cell:?}: {wish:?}"),
            Err(e) => prop_assert!(e.contains("(H2): column 'voorkeur_geslacht'"), "{cell:?}: {e}"),
        }
    }

    /// Any language cell: one language, or an error naming the cell when it names several.
    #[test]
    fn a_request_language_is_one_language_or_an_error_naming_the_cell(
        a in prop::sample::select(&["nl", "NL", "Nederlands", "en", "Engels", "english", "ar"][..]),
        join in prop::sample::select(&["", "/", " of ", " or ", ", ", " en "][..]),
        b in prop::sample::select(&["nl", "EN", "Engels", "Nederlands", "tr"][..]),
    ) {
        let cell = if join.is_empty() { a.to_string() } else { format!("{a}{join}{b}") };
        match read("", &cell) {
            Ok((_, lang, _)) => prop_assert!(!lang.contains(['/', ',', ' ']), "{cell:?}: {lang:?}"),
            Err(e) => prop_assert!(e.contains("(I2): column 'taal'") && e.contains("several languages"), "{cell:?}: {e}"),
        }
    }
}
