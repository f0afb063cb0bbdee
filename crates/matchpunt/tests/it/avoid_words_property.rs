//! Avoided themes written as words the vocabulary did not know (the fourth trial's findings 2
//! and 9): "all" (`alles`, `*`) and "the heavy themes" (`zware thema's`, `heavy themes`), English
//! names of the vocabulary's themes (`self-harm`, `eating disorder`), and Dutch derivations
//! (`rouwproces`, `pesterijen`, `adhd'er`, `automutileren`). One reading on both sides and for
//! the heavy themes; an avoided item that stands for no theme is named to the coordinator.

use crate::common::{loaded, try_load};
use crate::themes_safe_side::{batch_refuses, inline_refuses};
use matchpunt::ingest::CellReading;
use matchpunt::model::theme_key;
use matchpunt::names::theme_words::{avoid_scope, AvoidScope};
use matchpunt::names::themes::Vocabulary;
use matchpunt::policy::{Heavy, Policy};
use proptest::prelude::*;

/// Whether avoiding `a` keeps an expert from a request on `b` by the one comparison (the same
/// key, or taken as it on the safe side), as the batch and the inline request read it.
fn one_theme(a: &str, b: &str) -> bool {
    theme_key(a) == theme_key(b) || Vocabulary::bundled().safe_side_same(a, b)
}

/// The trial's pairs (finding 9): an English or derived spelling and the vocabulary's.
const TRIAL_PAIRS: &[(&str, &str)] = &[
    ("self-harm", "zelfbeschadiging"),
    ("self harm", "zelfbeschadiging"),
    ("selfharm", "zelfbeschadiging"),
    ("bullying", "pesten"),
    ("grief", "rouw"),
    ("addiction", "verslaving"),
    ("eating disorder", "eetstoornis"),
    ("sexual abuse", "seksueel misbruik"),
    ("domestic violence", "huiselijk geweld"),
    ("divorce", "echtscheiding"),
    ("loneliness", "eenzaamheid"),
    ("homelessness", "dakloosheid"),
    ("foster care", "pleegzorg"),
    ("child abuse", "kindermishandeling"),
    ("debt", "schulden"),
    ("PTSD", "trauma"),
    ("suicide", "suïcidaliteit"),
    ("suicidal thoughts", "suïcidaliteit"),
    ("suicidal ideation", "suïcidaliteit"),
    ("depression", "depressie"),
    ("psychosis", "psychose"),
    ("rouw", "rouwproces"),
    ("rouw", "rouwen"),
    ("pesten", "pesterijen"),
    ("pesten", "pestverleden"),
    ("adhd", "adhd'er"),
    ("zelfbeschadiging", "automutileren"),
    ("schooluitval", "schoolverzuim"),
    ("verslaving", "cannabisgebruik"),
];

#[test]
fn the_trials_english_and_derived_spellings_are_avoided_both_ways() {
    for &(a, b) in TRIAL_PAIRS {
        for (avoid, req) in [(a, b), (b, a)] {
            assert!(one_theme(avoid, req), "avoid {avoid:?}, request {req:?}");
            assert!(
                batch_refuses(avoid, req),
                "batch: avoid {avoid:?}, request {req:?}"
            );
            assert!(
                inline_refuses(avoid, req),
                "inline: avoid {avoid:?}, request {req:?}"
            );
        }
    }
    // A short theme is still not found inside another word.
    assert!(!one_theme("rouw", "vrouwen"));
    assert!(!one_theme("ass", "assertiviteit"));
}

#[test]
fn the_trials_heavy_spellings_read_heavy_at_the_heavy_default() {
    let p = Policy::default();
    for t in ["self-harm", "eating disorder", "suicidal thoughts", "PTSD"] {
        assert_eq!(p.heavy([t]), Heavy::Yes, "{t}");
    }
    for t in [
        "automutileren",
        "zelfbeschadigen",
        "self-harming",
        "suicidale gedachtes",
    ] {
        assert!(p.is_heavy([t]), "{t}");
    }
    let requests = "aanvraag_id;organisatie;rol;thema's;plaats;online;dagdeel\r\n\
         R1;Kwintes;maatje;angst|self-harm;Utrecht;nee;wo-middag\r\n\
         R2;Kwintes;maatje;angst|automutileren;Utrecht;nee;wo-middag\r\n\
         R3;Kwintes;maatje;angst|eating disorder;Utrecht;nee;wo-middag\r\n\
         R4;Kwintes;maatje;angst|zelfbeschadiging;Utrecht;nee;wo-middag\r\n";
    let l = loaded(&experts("", "angst"), requests);
    for r in &l.instance.requests {
        assert_eq!(r.intensity, 3, "{}", r.id);
        assert!(r.heavy, "{}", r.id);
    }
}

/// Ways to write a spelling `f` of a theme that a coordinator may use: plurals and, for a
/// spelling of 4 letters or more, a compound; for a stem, verb and adjective forms.
fn derivations(f: &str, stems: &[String]) -> Vec<String> {
    let mut out = vec![f.to_string(), format!("{f}en"), format!("{f}s")];
    if f.chars().count() >= 4 {
        out.push(format!("{f}verleden"));
        out.push(format!("{f}problematiek"));
    } else {
        out.push(format!("{f}'er"));
        out.push(format!("{f}'ers"));
    }
    for s in stems {
        out.push(format!("{s}eren"));
        out.push(format!("{s}ende"));
    }
    out
}

/// Every spelling of the theme `t` with its derivations.
fn spellings(t: &matchpunt::names::themes::Theme) -> Vec<String> {
    let mut out = Vec::new();
    for f in &t.forms {
        for d in derivations(f, &t.stems) {
            if !out.contains(&d) {
                out.push(d);
            }
        }
    }
    out
}

/// The kind, exhaustively over the comparison: for every theme of the vocabulary, each of its
/// spellings (Dutch, English) and each other spelling, and each derivation of it (plural,
/// compound, derivation of a stem), are one theme for rule 3 whichever side writes which, and every
/// spelling and derivation of a heavy theme reads heavy. (Any two derivations: the property
/// test below, through the batch and the phone path.)
#[test]
fn every_spelling_of_a_theme_is_that_theme_on_both_sides_and_heavy_alike() {
    let v = Vocabulary::bundled();
    let p = Policy::default();
    let heavy: Vec<String> = p
        .intensity
        .heavy_themes
        .iter()
        .map(|h| theme_key(h))
        .collect();
    let mut pairs = 0;
    for t in v.themes() {
        let s = spellings(t);
        for a in &t.forms {
            let own = derivations(a, &t.stems);
            for b in t.forms.iter().chain(&own) {
                assert!(
                    one_theme(a, b),
                    "theme {}: avoid {a:?}, request {b:?}",
                    t.name
                );
                assert!(
                    one_theme(b, a),
                    "theme {}: avoid {b:?}, request {a:?}",
                    t.name
                );
                pairs += 2;
            }
        }
        if heavy.contains(&t.key) {
            for a in &s {
                assert!(p.is_heavy([a.as_str()]), "theme {}: {a:?}", t.name);
            }
        }
    }
    assert!(pairs > 2_000, "{pairs}");
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    /// The same kind through the batch and the phone path: an expert avoiding one spelling of a
    /// theme is never eligible for a request written in another.
    #[test]
    fn avoiding_one_spelling_keeps_the_expert_from_every_other(
        t in 0usize..1000, i in 0usize..1000, j in 0usize..1000,
    ) {
        let v = Vocabulary::bundled();
        let theme = &v.themes()[t % v.themes().len()];
        let s = spellings(theme);
        let (a, b) = (&s[i % s.len()], &s[j % s.len()]);
        prop_assert!(batch_refuses(a, b), "batch: avoid {:?}, request {:?}", a, b);
        prop_assert!(inline_refuses(a, b), "inline: avoid {:?}, request {:?}", a, b);
    }

    /// An expert avoiding "all" (any of its words, or `*`) is eligible for no request, whatever
    /// its themes, on the batch path and the phone path, and `check` names the cell.
    #[test]
    fn avoiding_all_keeps_the_expert_from_every_request(
        all in 0usize..6, theme in "[a-z]{3,12}", known in 0usize..1000,
    ) {
        let cell = ["alles", "alle", "*", "Alle thema's", "everything", "alles behalve angst"][all];
        let v = Vocabulary::bundled();
        for req in [theme.clone(), v.themes()[known % v.themes().len()].name.clone()] {
            prop_assert!(batch_refuses(cell, &req), "batch: avoid {:?}, request {:?}", cell, req);
            prop_assert!(inline_refuses(cell, &req), "inline: avoid {:?}, request {:?}", cell, req);
        }
        let l = loaded(&experts(cell, "angst"), &requests("angst"));
        prop_assert!(l.instance.experts[0].avoid_all);
        prop_assert!(readings(&l, "E4") .contains(&CellReading::AllThemes));
    }
}

/// `experts.csv` with E4 avoiding `avoid` and offering `angst|<theme>`, E5 avoiding nothing.
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

/// How the personal cells of expert `id` were read, for `check`.
fn readings(l: &matchpunt::ingest::Loaded, id: &str) -> Vec<CellReading> {
    l.safe_side_cells
        .iter()
        .filter(|c| c.expert == id)
        .map(|c| c.reading)
        .collect()
}

/// The trial's cells (finding 2): "all" keeps the expert from every request, "the heavy themes"
/// from the policy's heavy themes only; `check` names the cell with the reading.
#[test]
fn the_trials_avoid_all_and_heavy_cells() {
    for cell in ["alles", "alle", "*"] {
        assert_eq!(avoid_scope(cell), Some(AvoidScope::All), "{cell}");
        assert!(batch_refuses(cell, "angst|suïcidaliteit"), "{cell}");
        assert!(batch_refuses(cell, "angst"), "{cell}");
        let l = loaded(&experts(cell, "x"), &requests("angst"));
        assert_eq!(readings(&l, "E4"), [CellReading::AllThemes], "{cell}");
        let w = matchpunt::ingest::safe_side_warnings(&l.safe_side_cells);
        assert!(
            w[0].starts_with("experts.csv:2: expert E4:") && w[0].contains("every theme"),
            "{w:?}"
        );
    }
    for cell in [
        "alle zware thema's",
        "zware thema's",
        "heavy themes",
        "geen zware onderwerpen",
        "alles wat zwaar is",
    ] {
        assert!(batch_refuses(cell, "angst|suïcidaliteit"), "{cell}");
        assert!(inline_refuses(cell, "angst|suïcidaliteit"), "{cell}");
        assert!(batch_refuses(cell, "eating disorder"), "{cell}");
        assert!(!batch_refuses(cell, "angst"), "{cell}");
        let l = loaded(&experts(cell, "x"), &requests("angst"));
        assert_eq!(readings(&l, "E4"), [CellReading::HeavyThemes], "{cell}");
    }
}

/// An avoided item that stands for no theme of the vocabulary nor of the batch's requests is a
/// warning naming the cell (not the item); a theme of the vocabulary, a request's own theme or a
/// phrase holding one is not.
#[test]
fn an_avoided_item_that_names_no_theme_is_named_to_the_coordinator() {
    for (avoid, req, warned) in [
        ("paardrijden", "angst", true),
        ("rouw|paardrijden", "angst", true),
        ("rouw", "angst", false),
        ("self-harm", "angst", false),
        ("eigen thema", "angst|eigen thema", false),
        ("eigen themaa", "angst|eigen thema", false),
        ("alles rond drugs", "angst", false),
    ] {
        let l = loaded(&experts(avoid, "x"), &requests(req));
        assert_eq!(
            readings(&l, "E4").contains(&CellReading::NoTheme),
            warned,
            "avoid {avoid:?}, request {req:?}"
        );
        let w = matchpunt::ingest::safe_side_warnings(&l.safe_side_cells);
        for text in &w {
            assert!(!text.contains("paardrijden"), "{text}");
        }
        if warned {
            let s = matchpunt::ingest::no_theme_summary_in(
                &l.safe_side_cells,
                matchpunt::messages::Lang::En,
            )
            .unwrap();
            assert!(s.contains("experts.csv:2 'vermijd_thema's'"), "{s}");
            assert!(l
                .warnings
                .iter()
                .all(|w| !w.to_string().contains("vermijd")));
        }
    }
    assert!(try_load(&experts("paardrijden", "x"), &requests("angst")).is_ok());
}
