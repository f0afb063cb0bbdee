//! Rule 4 when an organisation's name is written with Unicode compatibility characters (the
//! fourth trial, finding 12): the ligatures of text copied from a PDF (`Proﬁel`, `Oﬀ Track`) and
//! full-width letters (`Ｋｗｉｎｔｅｓ`) are the plain letters (NFKC in
//! [`matchpunt::names::normalize`]), on either side, in a batch and inline.

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
