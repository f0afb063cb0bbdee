//! The one reader of a themes cell ([`split_cell`]) and short themes (the third trial's finding
//! 4): a theme of 2 to 4 letters (`rouw`, `lvb`, `adhd`, `ptss`, `kopp`, `ass`, `nah`) must not
//! be lost inside an avoid cell written with `&`, a Word line break (VT), `U+2028`/`U+2029`/NEL,
//! a tab, bullets, a list number, `o.a.`/`ook`, or plain spaces between themes; and inside a
//! request phrase (`jongeren met lvb`, `ptss-behandeling`) it is found as a whole word, never
//! inside another word (`rouw` is not in `vrouw`). The trial's cells are kept as cases.

use crate::themes_safe_side::{batch_refuses, inline_refuses};
use matchpunt::model::theme_key;
use matchpunt::names::themes::{split_cell, Vocabulary};
use proptest::prelude::*;

/// The separators people and programs put between themes in one cell.
const SEPARATORS: [&str; 22] = [
    " & ", "&", "\u{000B}", "\u{2028}", "\u{2029}", "\u{0085}", "\t", " ", "\u{00A0}", " • ",
    " · ", " - ", "\n- ", "\r\n* ", ", ", " ; ", " / ", " + ", " en ", "<br>", "\u{000C}", " ▪ ",
];

/// Words around a theme that say nothing about which one is meant.
const NOISE: [&str; 7] = ["", "ook ", "o.a. ", "bijv. ", "zoals ", "1. ", "2) "];

/// The short themes of the trial, then some longer ones (a multi-word one among them).
const THEMES: [&str; 14] = [
    "rouw",
    "lvb",
    "adhd",
    "ptss",
    "kopp",
    "ass",
    "add",
    "ots",
    "vsv",
    "amv",
    "pesten",
    "autisme",
    "huiselijk geweld",
    "depressie",
];

/// `nah` (niet-aangeboren hersenletsel) is not in the vocabulary: a short unknown theme is
/// kept whole when it stands alone between separators.
const UNKNOWN_SHORT: &str = "nah";

fn cell(themes: &[usize], seps: &[usize], noise: &[usize]) -> String {
    let mut c = String::new();
    if noise[0] == 0 && seps[0].is_multiple_of(3) {
        c.push_str("• ");
    }
    for (i, &t) in themes.iter().enumerate() {
        if i > 0 {
            c.push_str(SEPARATORS[seps[i]]);
        }
        c.push_str(NOISE[noise[i]]);
        c.push_str(THEMES[t]);
    }
    c
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    /// Known themes joined by any separator, with or without noise words, come back as
    /// exactly those themes (by key), on either side.
    #[test]
    fn every_separator_keeps_every_theme(
        themes in proptest::sample::subsequence((0..THEMES.len()).collect::<Vec<_>>(), 1..5)
            .prop_shuffle(),
        seps in proptest::collection::vec(0..SEPARATORS.len(), 5),
        noise in proptest::collection::vec(0..NOISE.len(), 5),
        keep_notes in any::<bool>(),
    ) {
        let c = cell(&themes, &seps, &noise);
        let got: Vec<String> = split_cell(&c, keep_notes).iter().map(|s| theme_key(s)).collect();
        let want: Vec<String> = themes.iter().map(|&t| theme_key(THEMES[t])).collect();
        prop_assert_eq!(got, want, "cell {:?}", c);
    }

    /// The same cells as an expert's avoided themes keep the expert from a request on any one
    /// of them, on the batch path (and on the phone path for a sample).
    #[test]
    fn an_avoid_cell_with_any_separator_keeps_the_expert_away(
        themes in proptest::sample::subsequence((0..THEMES.len()).collect::<Vec<_>>(), 1..4)
            .prop_shuffle(),
        seps in proptest::collection::vec(0..SEPARATORS.len(), 5),
        noise in proptest::collection::vec(0..NOISE.len(), 5),
        pick in 0usize..4,
    ) {
        let c = cell(&themes, &seps, &noise);
        // A quoted CSV cell cannot hold a bare `"`; none of the separators has one.
        let t = THEMES[themes[pick % themes.len()]];
        prop_assert!(batch_refuses(&c, &format!("sport|{t}")), "avoid {:?}, request {}", c, t);
        if pick == 0 {
            prop_assert!(inline_refuses(&c, &format!("sport,{t}")), "avoid {:?}, request {}", c, t);
        }
    }

    /// A request phrase holding a short theme as a whole word (spaces or hyphens) is that theme
    /// for an expert who avoids it; inside another word it is not.
    #[test]
    fn a_short_theme_in_a_request_phrase_is_a_whole_word(
        t in 0usize..10,
        before in prop_oneof![Just("jongeren met "), Just("kinderen met "), Just("")],
        after in prop_oneof![Just(""), Just(" op school"), Just("-behandeling"), Just("-jongeren")],
    ) {
        let short = THEMES[t];
        let phrase = format!("{before}{short}{after}");
        prop_assume!(phrase != short);
        prop_assert!(batch_refuses(short, &format!("sport|{phrase}")), "{} / {}", short, phrase);
        prop_assert!(inline_refuses(short, &format!("sport,{phrase}")), "{} / {}", short, phrase);
    }
}

#[test]
fn a_short_theme_inside_another_word_is_not_that_theme() {
    let v = Vocabulary::bundled();
    for (avoid, req) in [
        ("rouw", "vrouwenopvang"),
        ("rouw", "hulp aan vrouwen"),
        ("lvb", "lvbxyz-project"),
        ("ass", "klassen"),
        ("add", "paddenstoelen"),
        ("ots", "potsierlijk gedrag"),
    ] {
        assert!(!v.safe_side_same(avoid, req), "{avoid} / {req}");
        assert!(
            !batch_refuses(avoid, &format!("sport|{req}")),
            "{avoid} / {req}"
        );
    }
    assert_eq!(split_cell(UNKNOWN_SHORT, true), [UNKNOWN_SHORT]);
    assert_eq!(split_cell("pesten & nah", true), ["pesten", "nah"]);
    // A phrase with a word that is neither a theme nor noise stays one item.
    assert_eq!(split_cell("jongeren met lvb", false), ["jongeren met lvb"]);
    assert_eq!(
        split_cell("dak- en thuisloosheid", true),
        ["dak- en thuisloosheid"]
    );
    assert_eq!(split_cell("zelf-beschadiging", true), ["zelf-beschadiging"]);
}

/// The trial's avoid cells (trial3-lb) and request phrases (trial3-short): each keeps the
/// expert from the request, on the batch path and the phone path.
#[test]
fn the_trials_short_theme_cells_are_avoided() {
    for (avoid, req) in [
        ("pesten & adhd", "adhd"),
        ("lvb & autisme", "lvb"),
        ("pesten & kopp", "ouder met psychische problemen"),
        ("pesten, ook lvb", "lvb"),
        ("o.a. ptss", "trauma"),
        ("lvb autisme", "lvb"),
        ("pesten\u{000B}lvb", "lvb"),
        ("pesten\u{000B}rouw", "rouw"),
        ("pesten\u{2028}adhd", "adhd"),
        ("pesten\u{2028}rouw", "rouw"),
        ("pesten\u{0085}rouw", "rouw"),
        ("pesten\trouw", "rouw"),
        ("pesten\u{00A0}rouw", "rouw"),
        ("• pesten • rouw", "rouw"),
        ("pesten · rouw", "rouw"),
        ("1. pesten 2. rouw", "rouw"),
        ("- pesten\n- rouw", "rouw"),
        ("pesten<br>rouw", "rouw"),
        ("• ass", "autisme"),
        ("pesten & rouw", "rouw"),
        ("o.a. rouw", "rouw"),
        ("pesten ,rouw", "rouw"),
        // trial3-short: the request writes a phrase holding the avoided short theme.
        ("rouw", "rouw na overlijden"),
        ("lvb", "jongeren met lvb"),
        ("adhd", "adhd op school"),
        ("ptss", "ptss-behandeling"),
        ("kopp", "kopp-kind"),
        ("ass", "ass-vriendelijk"),
        ("lvb", "lvb-jongeren"),
        ("jeugdzorg", "gesloten jeugdzorg"),
    ] {
        assert!(
            batch_refuses(avoid, &format!("angst|{req}")),
            "avoid {avoid:?}, request {req:?}"
        );
        assert!(
            inline_refuses(avoid, &format!("angst,{req}")),
            "avoid {avoid:?}, request {req:?}"
        );
    }
}

/// No spelling of the vocabulary has more words than the reader tries as one run.
#[test]
fn no_vocabulary_spelling_is_longer_than_the_reader_looks() {
    let csv = matchpunt::names::themes::BUNDLED_CSV;
    for line in csv.lines().skip(1) {
        for s in line.split([',', '|']) {
            assert!(s.split_whitespace().count() <= 6, "{s}");
        }
    }
}
