//! A request's organisation written as a note or a placeholder (the fourth trial, finding 5):
//! `?`, `onbekend`, `nnb`, `zie mail`, `(zie mail)`, `n.t.b.`, `anoniem`, `-`, `x`. Rule 4 cannot
//! be checked against it, so it is an input error naming the cell, in a batch and inline
//! (`suggest --org`, the web form, `book`), read by the same note reading as the safety cells.

use crate::common::try_load;
use crate::org_names::{experts, requests};
use matchpunt::ingest;
use matchpunt::policy::Policy;
use proptest::prelude::*;

/// The trial's placeholders.
const TRIAL: &[&str] = &[
    "?",
    "onbekend",
    "nnb",
    "zie mail",
    "(zie mail)",
    "n.t.b.",
    "anoniem",
    "-",
    "x",
];

/// The inline request of `suggest --org` and the web form with `org`: its error text, if any.
fn inline_error(org: &str) -> Option<String> {
    let mut i = crate::common::loaded(&experts(&["Kwintes"]), &requests(&["Lister"])).instance;
    let cells = [
        ("id", "phone"),
        ("org", org),
        ("role", "speaker"),
        ("themes", "pesten"),
        ("place", "Utrecht"),
    ];
    ingest::parse_request(
        &cells,
        "the request options",
        crate::common::places(),
        &Policy::default(),
        &mut i,
    )
    .err()
    .map(|e| e.to_string())
}

fn check_refused(org: &str) -> Result<(), TestCaseError> {
    let e = try_load(&experts(&["Kwintes"]), &requests(&[org]));
    let Err(e) = e else {
        return Err(TestCaseError::fail(format!("{org:?} was accepted")));
    };
    let text = e.to_string();
    prop_assert!(
        text.contains("requests.csv:2:2") && text.contains("column 'org'"),
        "{text}"
    );
    prop_assert!(text.contains("not an organisation's name"), "{text}");
    let inline = inline_error(org);
    prop_assert!(
        inline
            .as_deref()
            .is_some_and(|t| t.contains("not an organisation's name")),
        "inline {org:?}: {inline:?}"
    );
    Ok(())
}

#[test]
fn the_trials_placeholders_are_refused_in_a_batch_and_inline() {
    for org in TRIAL {
        check_refused(org).unwrap();
    }
    // Names are read as names.
    for org in [
        "Kwintes",
        "Stichting Ja Zeggen",
        "Zorg + Welzijn",
        "GGZ Centraal",
    ] {
        assert!(
            try_load(&experts(&["Lister"]), &requests(&[org])).is_ok(),
            "{org}"
        );
        assert_eq!(inline_error(org), None, "{org}");
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

    /// Every note or placeholder that the safety cells refuse, in any case, with a trailing dot
    /// or in brackets, is refused as a request's organisation too.
    #[test]
    fn any_note_as_a_requests_organisation_is_refused(
        note in prop::sample::select(
            matchpunt::names::notes::NOTE_VALUES
                .iter()
                .chain(matchpunt::names::notes::ANONYMOUS)
                .chain(&["zie mail", "zie dossier", "nog navragen", "???", "...", "n.v.t.", "nvt"])
                .copied()
                .collect::<Vec<_>>()
        ),
        upper in any::<bool>(),
        wrap in 0..3usize,
    ) {
        let n = if upper { note.to_uppercase() } else { note.to_string() };
        let org = match wrap {
            1 => format!("({n})"),
            2 => format!("{n}."),
            _ => n,
        };
        check_refused(&org)?;
    }
}
