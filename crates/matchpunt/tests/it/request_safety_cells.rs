//! A request's themes and intensity as safety cells (the fourth trial's findings 6 and 10).
//!
//! A theme not said on a request (`angst|zie bijlage`, `angst|?`, `angst + overige`) may be one
//! an expert avoids, so a note among a request's themes is an input error naming the cell, by the
//! one reading of a safety cell that `avoid_themes` has (`names::notes::read_safety_cell`), on
//! the batch path and the inline request of `suggest`/`book`/the web form alike. An intensity of
//! 0 on a heavy theme (what a formula without a value leaves) would let heavy seats weigh
//! nothing against the load budget: an error naming the cell, on requests and history rows.

use crate::common::{places, read, try_load};
use matchpunt::ingest::{self, InputErrors, Problem};
use matchpunt::model::Instance;
use matchpunt::names::notes::{NOTE_FIRST_WORDS, NOTE_LAST_WORDS, NOTE_VALUES};
use matchpunt::names::themes::Vocabulary;
use matchpunt::policy::Policy;
use proptest::prelude::*;

const EXPERTS: &str = "id;naam;rollen;gecertificeerd;thema's;vermijd_thema's;woonplaats;online;beschikbaarheid;belastbaarheid;max_opdrachten\r\n\
     E1;Anna de Vries;maatje;ja;angst|suïcidaliteit;rouw;Utrecht;ja;*;2;3\r\n";

/// requests.csv with one request R1 on the themes cell `themes` (quoted) and intensity `int`.
fn requests(themes: &str, int: &str) -> String {
    format!(
        "aanvraag_id;organisatie;rol;thema's;plaats;online;dagdeel;aantal;intensiteit\r\n\
         R1;Kwintes;maatje;\"{themes}\";Utrecht;nee;wo-middag;1;{int}\r\n"
    )
}

/// The one error of a failed load, which must name line 2 and column `col`.
fn the_error(e: &InputErrors, col: &str) -> ingest::InputError {
    assert_eq!(e.errors.len(), 1, "{e}");
    let err = e.errors[0].clone();
    assert_eq!(err.line, Some(2), "{e}");
    assert_eq!(err.column.as_ref().map(|c| c.1.as_str()), Some(col), "{e}");
    err
}

/// The inline request (`suggest --themes`, `book`, the web form) with `themes` and `intensity`
/// over the batch of [`EXPERTS`] and a plain request.
fn inline(themes: &str, intensity: &str) -> Result<(), InputErrors> {
    let mut i: Instance = try_load(EXPERTS, &requests("angst", "2")).unwrap().instance;
    let mut cells = vec![
        ("id", "phone"),
        ("org", "Kwintes"),
        ("role", "maatje"),
        ("themes", themes),
        ("place", "Utrecht"),
    ];
    if !intensity.is_empty() {
        cells.push(("intensity", intensity));
    }
    ingest::parse_request(
        &cells,
        "the request options",
        places(),
        &Policy::default(),
        &mut i,
    )
    .map(|_| ())
}

#[test]
fn the_trials_request_theme_notes_are_errors_naming_the_cell() {
    for themes in [
        "angst|zie bijlage",
        "angst (zie bijlage)",
        "angst|?",
        "angst|nnb",
        "angst|onbekend",
        "angst|nog niet bekend",
        "angst|etc.",
        "angst + overige",
    ] {
        let e = try_load(EXPERTS, &requests(themes, "2"))
            .err()
            .unwrap_or_else(|| {
                panic!("{themes:?} read as themes");
            });
        let err = the_error(&e, "thema's");
        assert_eq!(err.problem, Problem::RequestThemesNote, "{themes:?}");
        assert_eq!(err.value.as_deref(), Some(themes));
        let e = inline(themes, "").expect_err(themes);
        assert_eq!(
            e.errors[0].problem,
            Problem::RequestThemesNote,
            "{themes:?}"
        );
    }
    // Themes with a bracketed note that is no unknown marker still read.
    assert!(try_load(EXPERTS, &requests("angst|suïcidaliteit (licht)", "")).is_ok());
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(96))]

    /// Any note item (a note value, a note's first word with more words, "and others" after a
    /// theme) among any vocabulary themes, by any separator, is an error naming the cell, in a
    /// requests file and on the inline path; the same cell without the note reads.
    #[test]
    fn a_note_among_a_requests_themes_is_an_error(
        themes in proptest::collection::vec(0usize..1000, 1..4),
        note in 0usize..1000,
        kind in 0usize..3,
        at in 0usize..4,
        sep in 0usize..4,
    ) {
        let v = Vocabulary::bundled();
        let mut items: Vec<String> = themes
            .iter()
            .map(|&i| v.themes()[i % v.themes().len()].name.clone())
            .collect();
        let plain = items.join("|");
        let note = match kind {
            0 => NOTE_VALUES[note % NOTE_VALUES.len()].to_string(),
            1 => format!("{} bijlage", NOTE_FIRST_WORDS[note % NOTE_FIRST_WORDS.len()]),
            _ => format!("{} {}", items[0], NOTE_LAST_WORDS[note % NOTE_LAST_WORDS.len()]),
        };
        items.insert(at.min(items.len()), note.clone());
        let cell = items.join(["|", ", ", " + ", ";"][sep]);
        prop_assert!(try_load(EXPERTS, &requests(&plain, "")).is_ok());
        let e = try_load(EXPERTS, &requests(&cell, "")).err();
        prop_assert!(e.is_some(), "{:?} read as themes", cell);
        let err = the_error(&e.unwrap(), "thema's");
        prop_assert_eq!(err.problem, Problem::RequestThemesNote);
        let e = inline(&cell, "").err();
        prop_assert!(e.is_some(), "inline {:?} read as themes", cell);
        prop_assert_eq!(&e.unwrap().errors[0].problem, &Problem::RequestThemesNote);
    }

    /// Intensity 0 on any spelling of a heavy theme (or a safe-side one) is an error naming the
    /// cell, with the default in the problem; 1 reads as written; 0 on a light theme reads.
    #[test]
    fn intensity_zero_on_a_heavy_theme_is_an_error(i in 0usize..1000, j in 0usize..1000) {
        let p = Policy::default();
        let v = Vocabulary::bundled();
        let heavy: Vec<&str> = p
            .intensity
            .heavy_themes
            .iter()
            .flat_map(|h| v.get(h).unwrap().forms.iter().map(String::as_str))
            .chain(["zelfmoordpoging", "suïcidaal", "self-harm", "automutileren", "eating disorder"])
            .collect();
        let h = heavy[i % heavy.len()];
        let light = v.themes()[j % v.themes().len()].name.as_str();
        prop_assume!(!p.is_heavy([light]));
        let themes = format!("{light}|{h}");
        let e = try_load(EXPERTS, &requests(&themes, "0")).err();
        prop_assert!(e.is_some(), "{:?} with intensity 0 read", themes);
        let err = the_error(&e.unwrap(), "intensiteit");
        prop_assert_eq!(err.problem, Problem::HeavyIntensityZero { default: 3 });
        prop_assert!(inline(&themes, "0").is_err());
        let l = try_load(EXPERTS, &requests(&themes, "1")).unwrap();
        prop_assert_eq!(l.instance.requests[0].intensity, 1);
        let l = try_load(EXPERTS, &requests(light, "0")).unwrap();
        prop_assert_eq!(l.instance.requests[0].intensity, 0);
    }
}

/// The trial's batch: three suïcidaliteit requests of intensity 0 for an expert with a load
/// budget of 2 do not read (they went to her all three).
#[test]
fn the_trials_zero_intensity_heavy_requests_are_refused() {
    let experts = "id;naam;rollen;gecertificeerd;thema's;woonplaats;online;beschikbaarheid;belastbaarheid;max_opdrachten\r\n\
         E1;Anna;maatje;ja;suïcidaliteit;Utrecht;ja;*;2;3\r\n";
    let requests = "aanvraag_id;organisatie;rol;thema's;plaats;online;dagdeel;intensiteit\r\n\
         R1;Kwintes;maatje;suïcidaliteit;Utrecht;nee;wo-middag;0\r\n\
         R2;Lister;maatje;suïcidaliteit;Utrecht;nee;do-middag;0\r\n\
         R3;Altrecht;maatje;suïcidaliteit;Utrecht;nee;vr-middag;0\r\n";
    let Err(e) = try_load(experts, requests) else {
        panic!("intensity 0 read");
    };
    assert_eq!(e.errors.len(), 3, "{e}");
    for (k, err) in e.errors.iter().enumerate() {
        assert_eq!(err.line, Some(k as u64 + 2));
        assert_eq!(err.problem, Problem::HeavyIntensityZero { default: 3 });
    }
    // A history row of a heavy theme at 0 is refused the same way.
    let history =
        "week;expert;org;role;intensity;themes\r\n2026-W47;E1;Kwintes;maatje;0;trauma\r\n";
    let Err(e) = read(
        experts.as_bytes(),
        "aanvraag_id;organisatie;rol;thema's;plaats;online;dagdeel\r\nR1;Kwintes;maatje;angst;Utrecht;nee;wo-middag\r\n".as_bytes(),
        Some(history.as_bytes()),
        &Policy::default(),
    ) else {
        panic!("history intensity 0 read");
    };
    assert_eq!(
        e.errors[0].problem,
        Problem::HeavyIntensityZero { default: 3 }
    );
}
