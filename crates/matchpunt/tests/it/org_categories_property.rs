//! Rule 4 when an `excluded_orgs` item names a category rather than one organisation (the fourth
//! trial, finding 3): `alle GGZ`, `GGZ-instellingen`, `gemeenten`, `jeugdzorginstellingen` read
//! as their kind word (every organisation of the kind, on the safe side, with a warning naming
//! the cell), `*`, `alle`, `alles` as every organisation. Through the real ingest, in a batch and
//! inline (`suggest --org`, the web form, `book`: [`matchpunt::ingest::parse_request`]).

use crate::common::loaded as load;
use crate::org_names::{experts, inline, org_refused, requests};
use matchpunt::names::org::category::{category, Category};
use proptest::prelude::*;

/// The trial's cases: (the expert's item, the request's organisation).
const TRIAL: &[(&str, &str)] = &[
    ("GGZ", "GGZ Centraal"),
    ("alle ggz", "GGZ Centraal"),
    ("alle GGZ-instellingen", "Altrecht GGZ"),
    ("GGZ-instellingen", "GGZ Centraal"),
    ("Gemeente", "Gemeente Utrecht"),
    ("alle gemeenten", "Gemeente Utrecht"),
    ("gemeenten", "Gemeente Utrecht"),
    ("Jeugdbescherming", "Jeugdbescherming Noord"),
    ("alle jeugdbescherming", "Jeugdbescherming Noord"),
    ("jeugdzorginstellingen", "Jeugdzorg Utrecht"),
    ("*", "Kwintes"),
];

/// Each of the trial's cells keeps the expert from the request in a batch (with the cell among
/// those read on the safe side) and inline; an expert whose cell names another kind is not
/// kept away.
#[test]
fn the_trials_categories_exclude() {
    for &(item, org_name) in TRIAL {
        let l = load(&experts(&[item, "Lister"]), &requests(&[org_name]));
        assert!(org_refused(&l.instance, 0, 0), "{item:?} / {org_name:?}");
        assert!(!org_refused(&l.instance, 1, 0), "control / {org_name:?}");
        assert!(
            !l.safe_side_orgs.is_empty() || item == "GGZ" || item == "Gemeente",
            "{item:?}: no warning"
        );
        let l = load(&experts(&[item, "Lister"]), &requests(&["Lister"]));
        let mut i = l.instance.clone();
        let (r, _) = inline(&mut i, org_name);
        assert!(org_refused(&i, 0, r), "inline {item:?} / {org_name:?}");
        assert!(!org_refused(&i, 1, r), "inline control / {org_name:?}");
    }
    // A kind keeps the expert from that kind only.
    let l = load(
        &experts(&["alle gemeenten", "GGZ-instellingen"]),
        &requests(&["Gemeente Zeist", "Altrecht GGZ", "Kwintes"]),
    );
    let i = &l.instance;
    assert!(org_refused(i, 0, 0) && !org_refused(i, 0, 1) && !org_refused(i, 0, 2));
    assert!(!org_refused(i, 1, 0) && org_refused(i, 1, 1) && !org_refused(i, 1, 2));
    // The warning names the cell's line for both experts.
    let lines: Vec<u64> = l.safe_side_cells.iter().map(|c| c.line).collect();
    assert_eq!(lines, [2, 3], "{:?}", l.safe_side_cells);
}

/// Kinds of organisation: (singular as written in names, plural).
const KINDS: &[(&str, &str)] = &[
    ("Gemeente", "gemeenten"),
    ("GGZ", "GGZ's"),
    ("GGD", "GGD's"),
    ("Jeugdzorg", "jeugdzorg"),
    ("Jeugdbescherming", "jeugdbescherming"),
    ("Wijkteam", "wijkteams"),
    ("Ziekenhuis", "ziekenhuizen"),
    ("Jeugdhulp", "jeugdhulp"),
];

/// Names around a kind word in a request's organisation.
const OTHERS: &[&str] = &["Utrecht", "Centraal", "Regio Zeist", "Oost", "De Linde"];

/// How the category is written.
fn written(kind: usize, form: usize, case: usize) -> String {
    let (one, many) = KINDS[kind];
    let s = match form {
        0 => format!("alle {one}"),
        1 => format!("alle {many}"),
        2 => format!("{one}-instellingen"),
        3 => format!("alle {one}-instellingen"),
        4 => format!("{}instellingen", one.to_lowercase()),
        5 => format!("{one} instellingen"),
        6 => format!("{one}-organisaties"),
        7 => format!("elke {one}"),
        _ => many.to_string(),
    };
    match case {
        1 => s.to_uppercase(),
        2 => s.to_lowercase(),
        _ => s,
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 120, ..ProptestConfig::default() })]

    /// A kind written as a category in any of these forms keeps the expert from every
    /// organisation of that kind (the kind word before or after other words), in a batch with
    /// the cell read on the safe side and inline; an organisation of another kind stays
    /// eligible.
    #[test]
    fn a_kind_written_as_a_category_excludes_the_kind(
        kind in 0..KINDS.len(),
        other_kind in 1..KINDS.len(),
        form in 0..9usize,
        case in 0..3usize,
        other in 0..OTHERS.len(),
        before in any::<bool>(),
    ) {
        let item = written(kind, form, case);
        let name = |k: usize| if before {
            format!("{} {}", KINDS[k].0, OTHERS[other])
        } else {
            format!("{} {}", OTHERS[other], KINDS[k].0)
        };
        let org_name = name(kind);
        let elsewhere = name((kind + other_kind) % KINDS.len());
        // Jeugdzorg and Jeugdhulp are different kinds; a plural that is the kind word itself
        // (jeugdzorg) is no category without `alle` or an ending.
        prop_assume!(!(form == 8 && KINDS[kind].0.eq_ignore_ascii_case(KINDS[kind].1)));
        let l = load(&experts(&[&item]), &requests(&[&org_name, &elsewhere]));
        prop_assert!(org_refused(&l.instance, 0, 0), "{item:?} does not exclude {org_name:?}");
        prop_assert!(!org_refused(&l.instance, 0, 1), "{item:?} excludes {elsewhere:?}");
        prop_assert!(!l.safe_side_cells.is_empty(), "{item:?}: no warning");
        let l = load(&experts(&[&item]), &requests(&["Kwintes"]));
        let mut i = l.instance.clone();
        let (r, _) = inline(&mut i, &org_name);
        prop_assert!(org_refused(&i, 0, r), "inline: {item:?} does not exclude {org_name:?}");
        let (r, _) = inline(&mut i, &elsewhere);
        prop_assert!(!org_refused(&i, 0, r), "inline: {item:?} excludes {elsewhere:?}");
    }

    /// `*`, `alle`, `alles` (any case, beside other items) keep the expert from every
    /// organisation, in a batch (with the warning) and inline.
    #[test]
    fn all_excludes_every_organisation(
        all in prop::sample::select(vec!["*", "alle", "Alles", "ALLE ORGANISATIES", "alle instellingen"]),
        orgs in prop::collection::vec("[A-Z][a-z]{3,9}( [A-Z][a-z]{2,8})?", 1..4),
        with_other in any::<bool>(),
    ) {
        let cell = if with_other { format!("Kwintes, {all}") } else { all.to_string() };
        let names: Vec<&str> = orgs.iter().map(String::as_str).collect();
        let l = load(&experts(&[&cell, ""]), &requests(&names));
        for (r, name) in names.iter().enumerate() {
            prop_assert!(org_refused(&l.instance, 0, r), "{cell:?} / {name:?}");
            prop_assert!(!org_refused(&l.instance, 1, r));
        }
        prop_assert!(!l.safe_side_cells.is_empty());
        let mut i = l.instance.clone();
        let (r, _) = inline(&mut i, "Stichting Iets Anders");
        prop_assert!(org_refused(&i, 0, r));
        prop_assert!(!org_refused(&i, 1, r));
    }
}

/// Organisation names are no categories: the word `alle` only as a word of its own at the start,
/// a plural only of a kind word, an ending only at the end.
#[test]
fn names_are_no_categories() {
    for name in [
        "Kwintes",
        "Lister",
        "GGZ Centraal",
        "Gemeente Utrecht",
        "Altrecht GGZ",
        "Jeugdbescherming",
        "Allerhande Zorg",
        "Youké",
        "Pluryn",
        "Levvel",
        "Timon",
        "Karakter",
        "Accare",
        "Stichting Jeugdhulp Utrecht",
        "Leger des Heils",
        "De Opvangers",
    ] {
        assert_eq!(category(name), None, "{name}");
    }
    assert_eq!(category("*"), Some(Category::All));
}
