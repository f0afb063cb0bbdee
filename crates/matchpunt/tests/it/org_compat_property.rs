//! Rule 4 when an organisation's name is written with Unicode compatibility characters (the
//! fourth trial, finding 12): the ligatures of text copied from a PDF (`Proﬁel`, `Oﬀ Track`) and
//! full-width letters (`Ｋｗｉｎｔｅｓ`) are the plain letters (NFKC in
//! [`matchpunt::names::normalize`]), on either side, in a batch and inline. And a named
//! organisation at another place (`Kwintes (Zeist)`, `Kwintes Utrecht`) is its branch, on the
//! safe side ([`matchpunt::names::org::Match::Branch`]).

use crate::common::loaded as load;
use crate::org_names::{experts, inline, org_refused, requests};
use matchpunt::names::org::{self, Match};
use proptest::prelude::*;

/// `s` in full-width letters and digits (U+FF01..), spaces kept.
fn full_width(s: &str) -> String {
    s.chars()
        .map(|c| {
            if c.is_ascii_graphic() {
                char::from_u32(c as u32 - 0x21 + 0xFF01).unwrap_or(c)
            } else {
                c
            }
        })
        .collect()
}

/// `s` with `ff`, `fi`, `fl` written as their ligatures.
fn ligatures(s: &str) -> String {
    s.replace("ffi", "\u{FB03}")
        .replace("ff", "\u{FB00}")
        .replace("fi", "\u{FB01}")
        .replace("fl", "\u{FB02}")
}

fn excluded_both_ways(ex: &str, org_name: &str) -> Result<(), TestCaseError> {
    for (a, b) in [(ex, org_name), (org_name, ex)] {
        prop_assert_eq!(org::excludes(a, b), Match::Same, "{:?} / {:?}", a, b);
        let l = load(&experts(&[a, "Lister"]), &requests(&[b]));
        prop_assert!(org_refused(&l.instance, 0, 0), "batch {a:?} / {b:?}");
        prop_assert!(!org_refused(&l.instance, 1, 0), "control / {b:?}");
        let l = load(&experts(&[a]), &requests(&["Lister"]));
        let mut i = l.instance.clone();
        let (r, _) = inline(&mut i, b);
        prop_assert!(org_refused(&i, 0, r), "inline {a:?} / {b:?}");
    }
    Ok(())
}

#[test]
fn the_trials_ligatures_and_full_width_names_exclude() {
    for (a, b) in [
        ("Pro\u{FB01}el Jeugdzorg", "Profiel Jeugdzorg"),
        ("Jeugdzorg O\u{FB00} Track", "Jeugdzorg Off Track"),
        (
            "\u{FF2B}\u{FF57}\u{FF49}\u{FF4E}\u{FF54}\u{FF45}\u{FF53}",
            "Kwintes",
        ),
    ] {
        excluded_both_ways(a, b).unwrap();
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 48, ..ProptestConfig::default() })]

    /// Any name written with ligatures, in full-width letters, or both, is the same name.
    #[test]
    fn compatibility_characters_are_the_plain_letters(
        name in "[A-Z][a-z]{0,3}(ff|fi|fl|ffi)[a-z]{1,5}( [A-Z][a-z]{2,8})?",
        how in 0..3usize,
    ) {
        let written = match how {
            0 => ligatures(&name),
            1 => full_width(&name),
            _ => full_width(&ligatures(&name)),
        };
        prop_assume!(written != name);
        excluded_both_ways(&written, &name)?;
    }
}

/// The trial's branches (finding 12): a named organisation that differs only by a place at the
/// end (in brackets, as a last word, after `locatie`) keeps the expert away on the safe side,
/// with the cell named, in a batch and inline; a kind of organisation in another town is another
/// organisation.
#[test]
fn the_trials_branches_exclude_on_the_safe_side() {
    for ex in [
        "Kwintes (Zeist)",
        "Kwintes Zeist",
        "Kwintes, locatie Zeist",
        "Kwintes locatie Zeist",
    ] {
        for org_name in [
            "Kwintes Utrecht",
            "Kwintes locatie Utrecht",
            "Kwintes (Utrecht)",
        ] {
            let l = load(&experts(&[ex, "Lister"]), &requests(&[org_name]));
            assert!(org_refused(&l.instance, 0, 0), "{ex:?} / {org_name:?}");
            assert!(!org_refused(&l.instance, 1, 0), "control / {org_name:?}");
            assert!(
                !l.safe_side_cells.is_empty(),
                "{ex:?} / {org_name:?}: no warning"
            );
            let l = load(&experts(&[ex]), &requests(&["Lister"]));
            let mut i = l.instance.clone();
            let (r, _) = inline(&mut i, org_name);
            assert!(org_refused(&i, 0, r), "inline {ex:?} / {org_name:?}");
        }
    }
    for (a, b) in [
        ("Gemeente Zeist", "Gemeente Utrecht"),
        ("Jeugdbescherming Zeist", "Jeugdbescherming Utrecht"),
        ("GGD Zeist", "GGD Utrecht"),
        ("Kwintes Zeist", "Lister Utrecht"),
    ] {
        assert_eq!(org::excludes(a, b), Match::No, "{a:?} / {b:?}");
        let l = load(&experts(&[a]), &requests(&[b]));
        assert!(!org_refused(&l.instance, 0, 0), "{a:?} / {b:?}");
    }
}

/// Places of the places table, for [`a_named_organisation_at_another_place_is_its_branch`].
const PLACES: &[&str] = &[
    "Zeist",
    "Utrecht",
    "Amersfoort",
    "Den Haag",
    "Zwolle",
    "Groningen",
];

proptest! {
    #![proptest_config(ProptestConfig { cases: 48, ..ProptestConfig::default() })]

    /// A named organisation with one place at the end, written `X (A)`, `X A`, `X locatie A`,
    /// is excluded by the same name at any other place (either side), in a batch and inline;
    /// a kind of organisation (`Gemeente`, `Jeugdzorg`, `GGD`) at another place is not.
    #[test]
    fn a_named_organisation_at_another_place_is_its_branch(
        brand in "[A-Z][a-z]{4,9}",
        a in 0..PLACES.len(),
        b in 1..PLACES.len(),
        form_a in 0..3usize,
        form_b in 0..3usize,
        kind in prop::sample::select(vec!["Gemeente", "Jeugdzorg", "GGD", "Jeugdbescherming", "Wijkteam"]),
    ) {
        let write = |name: &str, place: &str, form: usize| match form {
            0 => format!("{name} ({place})"),
            1 => format!("{name} {place}"),
            _ => format!("{name} locatie {place}"),
        };
        let (pa, pb) = (PLACES[a], PLACES[(a + b) % PLACES.len()]);
        prop_assume!(matchpunt::names::place::canonical_place(&brand).is_none());
        prop_assume!(!org::is_generic(&org::canonical_words(&brand)));
        let ex = write(&brand, pa, form_a);
        let org_name = write(&brand, pb, form_b);
        prop_assert_ne!(org::excludes(&ex, &org_name), Match::No, "{:?} / {:?}", ex, org_name);
        let l = load(&experts(&[&ex, &write(kind, pa, form_a)]), &requests(&[&org_name, &write(kind, pb, form_b)]));
        prop_assert!(org_refused(&l.instance, 0, 0), "{ex:?} / {org_name:?}");
        prop_assert!(!org_refused(&l.instance, 1, 1), "{kind} at {pa} / {pb}");
        let l = load(&experts(&[&ex]), &requests(&["Lister"]));
        let mut i = l.instance.clone();
        let (r, _) = inline(&mut i, &org_name);
        prop_assert!(org_refused(&i, 0, r), "inline {ex:?} / {org_name:?}");
    }
}
