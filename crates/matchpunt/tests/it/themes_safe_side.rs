//! The one safe-side reading of avoided and heavy themes over every kind the second trial found:
//! list separators a spreadsheet writes (Alt+Enter line breaks, `+`), the inline request of
//! `suggest`/`book`/the web form (which must read avoided themes as a batch does), heavy themes
//! written another way (`zelfmoordpoging`, `suïcidaal`, plurals), and avoided themes written as
//! a phrase or a common word (`alles rond suïcide`, `drugs`, `snijden`, `jeugdzorg` for
//! `gesloten jeugdzorg`). The trial's cells are kept as cases.

use crate::common::{loaded, places};
use matchpunt::eligibility::{self, Reason};
use matchpunt::ingest;
use matchpunt::model::{fold_theme, Instance};
use matchpunt::names::themes::{split_cell, Vocabulary, AVOID_SYNONYMS};
use matchpunt::policy::{Heavy, Policy};
use proptest::prelude::*;

/// The separators between items of a themes cell, as people write them.
const SEPARATORS: [&str; 9] = ["|", ";", ",", "/", "\n", "\r\n", " + ", "+", " |\n "];

proptest! {
    #![proptest_config(ProptestConfig::with_cases(128))]

    /// Items joined by any separator (mixed in one cell) come back as the items, on either
    /// side (avoided or requested).
    #[test]
    fn every_separator_splits_a_themes_cell(
        items in proptest::collection::vec("[a-z]{2,10}( [a-z]{2,8})?", 1..6),
        seps in proptest::collection::vec(0usize..SEPARATORS.len(), 6),
        keep_notes in any::<bool>(),
    ) {
        prop_assume!(items.iter().all(|i| i.split(' ').all(|w| w != "en")));
        // An item whose words are all themes or noise words is those themes (theme_cells).
        prop_assume!(items.iter().all(|i| split_cell(i, keep_notes) == [i.clone()]));
        let mut cell = String::new();
        for (i, item) in items.iter().enumerate() {
            if i > 0 {
                cell.push_str(SEPARATORS[seps[i]]);
            }
            cell.push_str(item);
        }
        prop_assert_eq!(split_cell(&cell, keep_notes), items, "cell {:?}", cell);
    }
}

#[test]
fn a_plus_that_ends_a_theme_is_part_of_it() {
    assert_eq!(split_cell("lhbtiq+", true), ["lhbtiq+"]);
    assert_eq!(split_cell("lhbtiq+, angst", true), ["lhbtiq+", "angst"]);
    assert_eq!(split_cell("LHBTIQ+ + angst", true), ["LHBTIQ+", "angst"]);
    assert_eq!(split_cell("trauma+lvb", true), ["trauma", "lvb"]);
}

/// `experts.csv` with E4 avoiding `avoid` (quoted, so a line break stays in the cell) and E5
/// avoiding nothing; both buddies on `angst|<theme>` everywhere.
fn experts(avoid: &str, theme: &str) -> String {
    format!(
        "id;naam;rollen;gecertificeerd;thema's;vermijd_thema's;woonplaats;online;beschikbaarheid\r\n\
         E4;Dewi;maatje;ja;angst|{theme};\"{avoid}\";Utrecht;ja;*\r\n\
         E5;Noor;maatje;ja;angst|{theme};;Utrecht;ja;*\r\n"
    )
}

fn requests(themes: &str) -> String {
    format!(
        "id;org;role;themes;place;online;slot;experts_needed\r\n\
         R5;Org5;maatje;\"{themes}\";Utrecht;ja;*;1\r\n"
    )
}

fn refused(i: &Instance, e: &str, r: usize) -> bool {
    let e = i.experts.iter().find(|x| x.id == e).unwrap();
    eligibility::check(i, &Policy::default(), &i.requests[r], e).contains(Reason::AvoidedTheme)
}

/// The batch's reading: whether E4 (avoiding `avoid`) is kept from R5 (on `themes`).
pub(crate) fn batch_refuses(avoid: &str, themes: &str) -> bool {
    let l = loaded(&experts(avoid, "sport"), &requests(themes));
    assert!(!refused(&l.instance, "E5", 0), "{avoid:?} / {themes:?}");
    refused(&l.instance, "E4", 0)
}

/// The phone's reading: the same files with a request that only names `angst`, and an inline
/// request (`suggest --themes`, `book`, the web form, a ledger's booking) on `themes`.
pub(crate) fn inline_refuses(avoid: &str, themes: &str) -> bool {
    let mut i = loaded(&experts(avoid, "sport"), &requests("angst")).instance;
    let cells = [
        ("id", "phone"),
        ("org", "Lister"),
        ("role", "maatje"),
        ("themes", themes),
        ("place", "Utrecht"),
    ];
    let (r, w) = ingest::parse_request(
        &cells,
        "the request options",
        places(),
        &Policy::default(),
        &mut i,
    )
    .unwrap_or_else(|e| panic!("{e}"));
    // The phone side gets no text about a personal reason (a heavy-theme warning may come).
    let w: Vec<String> = w.iter().map(|w| w.to_string()).collect();
    assert!(
        w.iter()
            .all(|w| !w.contains("avoid") && !w.contains("kept away")),
        "{w:?}"
    );
    i.requests.push(r);
    assert!(!refused(&i, "E5", 1));
    refused(&i, "E4", 1)
}

#[test]
fn the_trials_avoid_cells_with_line_breaks_or_plus_are_lists() {
    for (avoid, themes) in [
        ("pesten\nrouw", "sport|rouw"),
        ("angst\r\nadhd", "koken|adhd"),
        ("trauma + lvb", "muziek|lvb"),
        ("trauma+lvb", "muziek|lvb"),
        ("trauma + lvb", "trauma"),
    ] {
        assert!(
            batch_refuses(avoid, themes),
            "avoid {avoid:?}, request {themes:?}"
        );
        assert!(
            inline_refuses(avoid, themes),
            "avoid {avoid:?}, request {themes:?}"
        );
    }
    // A request cell with a line break is a list too.
    assert!(batch_refuses("rouw", "sport\nrouw"));
    assert!(!batch_refuses("pesten\nrouw", "sport"));
}

/// Variants of a theme `w` that every path must take as `w` on the safe side.
fn variants(w: &str) -> Vec<String> {
    vec![
        format!("{w}en"),
        format!("{w}s"),
        format!("{w}'s"),
        w.to_uppercase(),
        format!("ernstige {w}"),
        format!("alles rond {w}"),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(32))]

    /// The batch and the inline request agree for every variant of every vocabulary theme (of
    /// 5 or more letters), avoided plainly and requested as the variant or the other way round:
    /// both keep the expert away.
    #[test]
    fn the_inline_request_reads_avoided_variants_as_the_batch_does(t in 0usize..1000, v in 0usize..6) {
        let voc = Vocabulary::bundled();
        let th = &voc.themes()[t % voc.themes().len()];
        let w: String = th.key.chars().filter(char::is_ascii_lowercase).collect();
        prop_assume!(w.len() >= 5 && w == th.key);
        let var = &variants(&w)[v];
        prop_assert!(batch_refuses(&w, &format!("sport|{var}")), "{w} / {var}");
        prop_assert!(inline_refuses(&w, &format!("sport,{var}")), "{w} / {var}");
        prop_assert!(batch_refuses(var, &w), "{var} / {w}");
        prop_assert!(inline_refuses(var, &w), "{var} / {w}");
    }
}

#[test]
fn the_trials_inline_plural_is_avoided() {
    assert!(inline_refuses(
        "zelfbeschadiging",
        "sport,zelfbeschadigingen"
    ));
    assert!(batch_refuses(
        "zelfbeschadiging",
        "sport|zelfbeschadigingen"
    ));
    assert!(!inline_refuses("zelfbeschadiging", "sport"));
}

#[test]
fn heavy_themes_are_read_with_the_safe_side_comparison() {
    let p = Policy::default();
    for t in [
        "zelfmoordpoging",
        "suïcidaal",
        "Suïcidaal",
        "zelfbeschadigingen",
        "zelf-beschadigingen",
        "ernstige zelfbeschadiging",
        "alles rond suïcide",
        "traumatisch",
        "eetstoornissen",
        "anorexia",
        "automutilatie",
        "trauma's",
    ] {
        assert_ne!(p.heavy([t]), Heavy::No, "{t}");
        assert!(p.is_heavy(["sport", t]), "{t}");
        assert_eq!(
            p.default_intensity(matchpunt::model::Role::Speaker, [t]),
            p.intensity.speaker + p.intensity.heavy_extra,
            "{t}"
        );
    }
    for t in [
        "sport",
        "angst",
        "pesten",
        "jeugdzorg",
        "rouw",
        "adhd",
        "depressie",
    ] {
        assert_eq!(p.heavy([t]), Heavy::No, "{t}");
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    /// Every variant of every heavy theme of the default policy is heavy.
    #[test]
    fn every_variant_of_a_heavy_theme_is_heavy(h in 0usize..4, v in 0usize..6) {
        let p = Policy::default();
        let w = fold_theme(&p.intensity.heavy_themes[h]);
        let var = &variants(&w)[v];
        prop_assert_ne!(p.heavy([var.as_str()]), Heavy::No, "{}", var);
    }
}

#[test]
fn the_trials_avoided_phrases_and_words_are_avoided() {
    for (avoid, req) in [
        ("alles rond suïcide", "suïcidaliteit"),
        ("drugs", "verslaving"),
        ("snijden", "zelfbeschadiging"),
        ("zelfmoord", "suïcidaliteit"),
        ("suïcide", "suïcidaliteit"),
        ("zelfmoordpoging", "suïcidaliteit"),
        ("jeugdzorg", "gesloten jeugdzorg"),
        ("alles rond drugs", "verslaving"),
    ] {
        assert!(
            batch_refuses(avoid, req),
            "avoid {avoid:?}, request {req:?}"
        );
        assert!(
            inline_refuses(avoid, req),
            "avoid {avoid:?}, request {req:?}"
        );
    }
}

#[test]
fn every_avoid_synonym_names_a_vocabulary_theme_and_is_avoided() {
    let v = Vocabulary::bundled();
    for (word, theme) in AVOID_SYNONYMS {
        let t = v
            .get(theme)
            .unwrap_or_else(|| panic!("{theme} is not a vocabulary theme"));
        assert!(
            v.safe_side_same(&fold_theme(word), &t.key)
                || fold_theme(word) == t.key
                || v.get(word).is_some_and(|x| x.key == t.key),
            "{word} -> {theme}"
        );
    }
}

/// Two different vocabulary themes on the request side stay apart: the only pairs of known
/// themes the avoid side joins are a request theme one of whose spellings holds the avoided one
/// (`jeugdzorg` avoided for a request on `gesloten jeugdzorg`; `verslaving` avoided for a request
/// on `ouder met psychische problemen`, whose spellings include `ouders met een verslaving`),
/// never the other way round; and a synonym word of the avoid table is not its theme for
/// matching (its theme key stays its own).
#[test]
fn request_side_themes_are_not_merged() {
    let v = Vocabulary::bundled();
    let mut joined = Vec::new();
    for a in v.themes() {
        for b in v.themes() {
            if a.key != b.key && v.safe_side_same(&a.key, &b.key) {
                joined.push((a.key.as_str(), b.key.as_str()));
            }
        }
    }
    assert_eq!(
        joined,
        [
            ("jeugdzorg", "geslotenjeugdzorg"),
            ("verslaving", "oudermetpsychischeproblemen")
        ]
    );
    assert!(!batch_refuses("gesloten jeugdzorg", "jeugdzorg"));
    assert_ne!(
        matchpunt::model::theme_key("drugs"),
        matchpunt::model::theme_key("verslaving")
    );
}

/// `experts.csv` with E4's safety cells as given (quoted).
fn experts_safety(avoid: &str, excluded: &str) -> String {
    format!(
        "id;naam;rollen;gecertificeerd;thema's;vermijd_thema's;uitgesloten_organisaties;woonplaats;online;beschikbaarheid\r\n\
         E4;Dewi;maatje;ja;angst;\"{avoid}\";\"{excluded}\";Utrecht;ja;*\r\n"
    )
}

#[test]
fn the_trials_notes_in_safety_cells_are_errors_naming_the_cell() {
    use matchpunt::messages::Lang;
    for note in [
        "zie opmerking",
        "zie dossier",
        "misschien",
        "nee?",
        "?",
        "onbekend",
        "ja",
        "nvt?",
        "tbd",
        "volgt",
        "angst, zie dossier",
    ] {
        for (avoid, excluded, col, nl_what) in [
            (note, "", "vermijd_thema's", "namen van thema's"),
            (
                "",
                note,
                "uitgesloten_organisaties",
                "namen van organisaties",
            ),
        ] {
            let err = crate::common::try_load(&experts_safety(avoid, excluded), &requests("angst"))
                .err()
                .unwrap_or_else(|| panic!("{note:?} in {col} was read as names"));
            let e = err
                .errors
                .iter()
                .find(|e| e.line == Some(2) && e.column.as_ref().is_some_and(|c| c.1 == col))
                .unwrap_or_else(|| panic!("{note:?} in {col}: {err}"));
            let en = e.render(Lang::En);
            let nl = e.render(Lang::Nl);
            assert!(
                en.contains("experts.csv:2:")
                    && en.contains(note)
                    && en.contains("or empty/geen/nee/- for none"),
                "{en}"
            );
            assert!(
                nl.contains(note) && nl.contains(nl_what) && nl.contains("leeg/geen/nee/-"),
                "{nl}"
            );
        }
    }
}

#[test]
fn safety_cells_that_mean_none_stay_none() {
    for none in ["", "-", "geen", "Nee", "n.v.t.", "nvt", "N/A"] {
        let l = loaded(&experts_safety(none, none), &requests("angst"));
        let e = &l.instance.experts[0];
        assert!(
            e.avoid_themes.is_empty() && e.excluded_orgs.is_empty(),
            "{none:?}"
        );
        assert!(!refused(&l.instance, "E4", 0));
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    /// Any note marker, in any case, alone or beside real names, in either safety cell is an
    /// error; real names are not.
    #[test]
    fn a_note_anywhere_in_a_safety_cell_is_an_error(
        n in 0usize..matchpunt::names::notes::NOTE_VALUES.len(),
        upper in any::<bool>(),
        with_name in any::<bool>(),
        orgs in any::<bool>(),
    ) {
        use matchpunt::names::notes::{read_safety_cell, SafetyCell, NOTE_VALUES};
        let mut note = NOTE_VALUES[n].to_string();
        if upper {
            note = note.to_uppercase();
        }
        let cell = if with_name { format!("rouw | {note}") } else { note.clone() };
        prop_assert_eq!(read_safety_cell(&cell), SafetyCell::Note);
        let (a, x) = if orgs { ("", cell.as_str()) } else { (cell.as_str(), "") };
        prop_assert!(crate::common::try_load(&experts_safety(a, x), &requests("angst")).is_err());
    }
}
