//! Rule 3 over the kind of spelling an avoided theme or a request's theme is written in: a plural
//! the vocabulary lacks (`-en`, `-s`), a hyphen or space, a synonym, a `/` or ` en ` joined list,
//! a bracketed note, an adjective form, a request theme holding the avoided one. For random
//! theme vocabularies the one comparison ([`Vocabulary::safe_side_same`] after
//! [`split_cell`]) takes every variant as the avoided theme; over the bundled vocabulary a solved
//! batch never assigns an expert to a request whose theme is a variant of one they avoid, and the
//! expert's row gets a warning. The trial's cells are kept as cases.

use crate::common::{read, try_load};
use matchpunt::batch;
use matchpunt::model::fold_theme;
use matchpunt::names::themes::{split_cell, Vocabulary};
use matchpunt::policy::Policy;
use matchpunt::solve::SolveOptions;
use proptest::prelude::*;

/// The key of `s` in vocabulary `v`: its canonical key if known, else its folded spelling.
fn key_in(v: &Vocabulary, s: &str) -> String {
    v.get(s)
        .map(|t| t.key.clone())
        .unwrap_or_else(|| fold_theme(s))
}

/// Whether a request cell `req` meets an avoided cell `avoid` under `v`: some request item is
/// an avoided item's key or taken as one on the safe side.
fn meets(v: &Vocabulary, avoid: &str, req: &str) -> bool {
    let a: Vec<String> = split_cell(avoid, true)
        .iter()
        .map(|s| key_in(v, s))
        .collect();
    let r: Vec<String> = split_cell(req, false)
        .iter()
        .map(|s| key_in(v, s))
        .collect();
    a.iter()
        .any(|a| r.iter().any(|r| a == r || v.safe_side_same(a, r)))
}

/// Ways to write theme `w` (lower-case letters) that must still be `w`; `syn` is a synonym of
/// it in the vocabulary, `other` another theme.
fn variants(w: &str, syn: &str, other: &str) -> Vec<String> {
    let mid = w.len() / 2;
    vec![
        w.to_string(),
        format!("{w}en"),
        format!("{w}s"),
        format!("{w}'s"),
        format!("{}-{}", &w[..mid], &w[mid..]),
        format!("{} {}", &w[..mid], &w[mid..]),
        w.to_uppercase(),
        syn.to_string(),
        format!("{syn}en"),
        format!("{other}/{w}"),
        format!("{other} en {w}"),
        format!("{w} (licht)"),
        format!("{w} [zwaar]"),
        format!("{w}isch"),
        format!("{}aal", &w[..w.len() - 1]),
        format!("ernstige{w}"),
    ]
}

fn word(min: usize) -> impl Strategy<Value = String> {
    proptest::string::string_regex(&format!("[a-z]{{{min},10}}")).unwrap()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    /// For a random vocabulary, every variant of an avoided theme meets the request theme
    /// written plainly, and the reverse (a variant in the request, the plain theme avoided).
    #[test]
    fn every_variant_of_an_avoided_theme_is_avoided(
        w in word(7),
        syn in word(7),
        other in word(6),
        filler in proptest::collection::vec(word(6), 0..6),
    ) {
        prop_assume!(w != syn && w != other && syn != other);
        prop_assume!(!other.contains(&w) && !w.contains(&other));
        let mut csv = format!("theme,synonyms\n{w},{syn}\n{other},\n");
        for f in &filler {
            if f != &w && f != &syn && f != &other {
                csv.push_str(&format!("{f},\n"));
            }
        }
        let Ok(v) = Vocabulary::from_csv(&csv) else { return Ok(()) };
        for var in variants(&w, &syn, &other) {
            prop_assert!(meets(&v, &w, &var), "avoid {w:?}, request {var:?}\n{csv}");
            prop_assert!(meets(&v, &var, &w), "avoid {var:?}, request {w:?}\n{csv}");
        }
        // An unrelated theme is not taken for it.
        prop_assert!(!meets(&v, &w, &other) || other.starts_with(&w[..6]));
    }
}

fn experts(avoid: &str) -> String {
    format!(
        "id;naam;rollen;gecertificeerd;thema's;vermijd_thema's;woonplaats;online;beschikbaarheid\r\n\
         E4;Dewi;maatje;ja;angst|zelfbeschadiging;{avoid};Utrecht;ja;*\r\n\
         E5;Noor;maatje;ja;angst|zelfbeschadiging;;Utrecht;ja;*\r\n"
    )
}

fn requests(themes: &str) -> String {
    format!(
        "id;org;role;themes;place;online;slot;experts_needed\r\n\
         R5;Org5;maatje;\"{themes}\";Utrecht;ja;*;1\r\n"
    )
}

/// Whether E4 (who avoids `avoid`) may be sent to R5 (on `themes`), after the batch is solved:
/// E4's pair is not eligible or not assigned, and the loaded warnings.
fn e4_sent(avoid: &str, themes: &str) -> (bool, Vec<String>) {
    let l = read(
        experts(avoid).as_bytes(),
        requests(themes).as_bytes(),
        None,
        &Policy::default(),
    )
    .unwrap_or_else(|e| panic!("{e}"));
    let opts = SolveOptions {
        time_limit: None,
        node_limit: 2000,
        ..SolveOptions::default()
    };
    let res = batch::run(&l.instance, &Policy::default(), &opts);
    let e4 = l
        .instance
        .experts
        .iter()
        .position(|e| e.id == "E4")
        .unwrap();
    let sent = res.assignments.iter().any(|a| a.expert == e4);
    // The load's warnings with `check`'s warnings of the cells read on the safe side.
    let mut w: Vec<String> = l.warnings.iter().map(|w| w.to_string()).collect();
    w.extend(matchpunt::ingest::safe_side_warnings(&l.safe_side_cells));
    (sent, w)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(24))]

    /// Over the bundled vocabulary: a random theme, avoided as one variant and requested as
    /// another, never sends the expert (a second expert without the avoidance takes the seat).
    #[test]
    fn a_solved_batch_never_sends_an_expert_to_a_variant_of_an_avoided_theme(
        t in 0usize..1000, va in 0usize..16, vr in 0usize..16,
    ) {
        let v = Vocabulary::bundled();
        let themes = v.themes();
        let th = &themes[t % themes.len()];
        // Plain letters only (variants cut the name in the middle).
        let w: String = th.key.chars().filter(char::is_ascii_lowercase).collect();
        prop_assume!(w.len() >= 7);
        let syn = th.forms.get(1).cloned().unwrap_or_else(|| w.clone());
        let vs = variants(&w, &syn, "angst");
        let (avoid, req) = (&vs[va], &vs[vr]);
        prop_assume!(!req.starts_with("angst") && !req.ends_with("angst"));
        let (sent, _) = e4_sent(avoid, req);
        prop_assert!(!sent, "avoid {avoid:?}, request {req:?}");
    }
}

#[test]
fn the_trials_avoided_spellings_are_avoided_with_a_warning_naming_the_row() {
    for (avoid, req) in [
        ("zelfbeschadigingen", "zelfbeschadiging"),
        ("zelfverwondingen", "zelfbeschadiging"),
        ("kindermishandelingen", "kindermishandeling"),
        ("zelf-beschadiging", "zelfbeschadigingen"),
    ] {
        let (sent, warnings) = e4_sent(avoid, req);
        assert!(!sent, "avoid {avoid:?}, request {req:?}");
        assert!(
            warnings.iter().any(|w| w.contains("experts.csv:2")
                && w.contains("E4")
                && w.contains("read on the safe side")),
            "avoid {avoid:?}, request {req:?}: {warnings:?}"
        );
        // The warning names the row, never the theme.
        assert!(warnings
            .iter()
            .all(|w| !w.contains(avoid) && !w.contains(req)));
    }
    for (avoid, req) in [
        ("Borderline (BPS)", "persoonlijkheidsstoornis"),
        ("Borderline (BPS)", "BPS"),
        ("ADHD/ADD", "adhd"),
        ("ADHD/ADD", "ADD"),
    ] {
        assert!(!e4_sent(avoid, req).0, "avoid {avoid:?}, request {req:?}");
    }
}

#[test]
fn the_trials_request_theme_cells_do_not_slip_past_an_avoided_theme() {
    for req in [
        "angst|depressie/suicidaliteit",
        "angst|Suïcidaal",
        "angst|depressie en suïcidaliteit",
        "angst, suïcidaliteit (licht)",
    ] {
        assert!(!e4_sent("suïcidaliteit", req).0, "request {req:?}");
    }
    // The expert is still sent where the request is not on the avoided theme.
    assert!(e4_sent("suïcidaliteit", "angst").0);
    // A hyphen before `en` keeps one theme: `dak- en thuisloosheid` is dakloosheid.
    assert_eq!(
        split_cell("dak- en thuisloosheid", false),
        ["dak- en thuisloosheid"]
    );
    assert_eq!(split_cell("ad(h)d", false), ["ad(h)d"]);
    assert_eq!(
        split_cell("angst, suïcidaliteit (licht)", false),
        ["angst", "suïcidaliteit"]
    );
    assert_eq!(split_cell("Borderline (BPS)", true), ["Borderline", "BPS"]);
}

#[test]
fn an_unknown_experts_column_that_may_be_a_safety_column_is_an_error() {
    let req = requests("angst");
    for (header, column) in [
        ("uitgezonderde organisaties", "excluded_orgs"),
        ("Organisaties (niet)", "excluded_orgs"),
        ("Oud-cliënt van", "excluded_orgs"),
        ("Cliënt geweest bij", "excluded_orgs"),
        ("geen inzet bij", "excluded_orgs"),
        ("Niet bij org", "excluded_orgs"),
        ("Triggers", "avoid_themes"),
        ("Liever niet", "avoid_themes"),
    ] {
        let e = format!(
            "id;naam;rollen;gecertificeerd;themas;woonplaats;online;beschikbaarheid;{header}\r\n\
             E4;Dewi;maatje;ja;angst;Utrecht;ja;*;Kwintes\r\n"
        );
        let err = match try_load(&e, &req) {
            Ok(_) => panic!("{header:?} was ignored"),
            Err(err) => err.to_string(),
        };
        assert!(
            err.contains(header) && err.contains(column),
            "{header:?}: {err}"
        );
    }
    for header in ["email", "telefoon", "opmerking", "zorgvorm"] {
        let e = format!(
            "id;naam;rollen;gecertificeerd;themas;woonplaats;online;beschikbaarheid;{header}\r\n\
             E4;Dewi;maatje;ja;angst;Utrecht;ja;*;x\r\n"
        );
        let l = try_load(&e, &req).unwrap_or_else(|e| panic!("{header}: {e}"));
        assert!(l.warnings.iter().any(|w| w.contains(header)), "{header}");
    }
}
