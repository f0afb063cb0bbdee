//! The history's expert column read as bookings and decisions read theirs (the fourth trial,
//! #7): `E01`, `E 1`, `Anna de Vries` or `Anna` in history.csv is E1 for `run` and for
//! `suggest` (and the web form) alike. Before, `run` refused such a file and `suggest` read on
//! past it with a warning saying the load still counted, while it counted for nobody: E1 was
//! suggested past her rolling budget.

use matchpunt::explain::{limit_miss, suggest};
use matchpunt::ingest::{load, load_skipping_bad_rows, Inputs, Loaded, Source};
use matchpunt::policy::Policy;
use proptest::prelude::*;
use std::collections::BTreeSet;

/// The trial's pool (load budget 4, rolling budget 10 by default) and a third expert whose
/// first name is Anna too, when `two_annas`.
fn experts(two_annas: bool) -> String {
    let mut s = String::from("id;naam;rollen;gecertificeerd;thema's;woonplaats;online;beschikbaarheid;belastbaarheid\r\nE1;Anna de Vries;maatje;ja;angst;Utrecht;ja;*;4\r\nE2;Bram Jansen;maatje;ja;angst;Utrecht;ja;*;4\r\n");
    if two_annas {
        s.push_str("E3;Anna Smit;maatje;ja;angst;Utrecht;ja;*;4\r\n");
    }
    s
}
const REQUESTS: &str = "aanvraag_id;organisatie;rol;thema's;plaats;online;dagdeel;intensiteit\r\nR1;Kwintes;maatje;angst;Utrecht;nee;wo-middag;3\r\n";

fn history(expert: &str) -> String {
    format!("week;deskundige;organisatie;rol;intensiteit\r\n2026-W46;{expert};Lister;maatje;4\r\n2026-W47;{expert};Lister;maatje;4\r\n")
}

fn read(experts: &str, history: &str, skip: bool) -> Result<Loaded, String> {
    let inputs = Inputs {
        experts: Source::new("experts.csv", experts.as_bytes()),
        requests: Source::new("requests.csv", REQUESTS.as_bytes()),
        history: Some(Source::new("history.csv", history.as_bytes())),
    };
    let (p, policy, w) = (
        crate::common::places(),
        Policy::default(),
        crate::common::week48(),
    );
    let l = if skip {
        load_skipping_bad_rows(inputs, p, &policy, w)
    } else {
        load(inputs, p, &policy, w)
    };
    l.map_err(|e| e.to_string())
}

/// The ids `suggest` offers for R1.
fn suggested(l: &Loaded) -> BTreeSet<String> {
    let inst = &l.instance;
    suggest(inst, &Policy::default(), 0, None, 10)
        .candidates
        .iter()
        .map(|c| inst.experts[c.scored.pair.expert as usize].id.clone())
        .collect()
}

/// The ids whose limits a run accepts for R1 (rules 1-8 and the week's limits).
fn run_accepts(l: &Loaded) -> BTreeSet<String> {
    let (inst, policy) = (&l.instance, Policy::default());
    (0..inst.experts.len())
        .filter(|&e| {
            matchpunt::eligibility::check(inst, &policy, &inst.requests[0], &inst.experts[e])
                .is_eligible()
                && limit_miss(inst, &policy, 0, e, &Default::default()).is_none()
        })
        .map(|e| inst.experts[e].id.clone())
        .collect()
}

#[test]
fn the_trials_spellings_keep_anna_out_on_every_path() {
    for written in [
        "E1",
        "E01",
        "E 1",
        "Anna de Vries",
        "Anna",
        "e-1",
        "E1 (Anna)",
    ] {
        let h = history(written);
        let strict = read(&experts(false), &h, false).unwrap_or_else(|e| panic!("{written}: {e}"));
        let phone = read(&experts(false), &h, true).unwrap();
        let want: BTreeSet<String> = ["E2".to_string()].into();
        assert_eq!(run_accepts(&strict), want, "{written}");
        assert_eq!(suggested(&phone), want, "{written}");
        if written != "E1" {
            let w: Vec<String> = phone.warnings.iter().map(|w| w.to_string()).collect();
            assert!(
                w.iter()
                    .any(|w| w.contains("history.csv:2") && w.contains("read as E1")),
                "{written}: {w:?}"
            );
        }
    }
}

#[test]
fn an_ambiguous_first_name_is_refused_by_run_and_counted_for_both_by_suggest() {
    let h = history("Anna");
    let err = read(&experts(true), &h, false).unwrap_err();
    assert!(
        err.contains("history.csv:2") && err.contains("E1, E3"),
        "{err}"
    );
    let phone = read(&experts(true), &h, true).unwrap();
    assert_eq!(suggested(&phone), ["E2".to_string()].into());
    let w: Vec<String> = phone.warnings.iter().map(|w| w.to_string()).collect();
    assert!(
        w.iter()
            .any(|w| w.contains("counted") && w.contains("E1, E3")),
        "{w:?}"
    );
}

#[test]
fn a_row_naming_nobody_says_so_and_never_claims_its_load_counts() {
    let h = history("Zoltan Kovacs");
    assert!(read(&experts(false), &h, false).is_err());
    let phone = read(&experts(false), &h, true).unwrap();
    let w: Vec<String> = phone.warnings.iter().map(|w| w.to_string()).collect();
    assert!(w.iter().any(|w| w.contains("counts for nobody")), "{w:?}");
    assert!(!w.iter().any(|w| w.contains("still counted")), "{w:?}");
}

/// Ways a coordinator writes E1 in history.csv (and names that are nobody's).
fn spelling() -> impl Strategy<Value = String> {
    let forms = prop_oneof![
        Just("E1".to_string()),
        Just("E01".to_string()),
        Just("E001".to_string()),
        Just("e 1".to_string()),
        Just("E-1".to_string()),
        Just("E1.".to_string()),
        Just("Anna de Vries".to_string()),
        Just("anna de vries".to_string()),
        Just("Anna".to_string()),
        Just("ANNA".to_string()),
        Just("Anna (E1)".to_string()),
        Just("E1 (Anna de Vries)".to_string()),
        Just("E2".to_string()),
        Just("Bram".to_string()),
        Just("E3".to_string()),
        "[A-Z][a-z]{2,8}( [A-Z][a-z]{2,8})?",
        "[A-Z]{1,2}[0-9]{1,3}",
    ];
    (forms, "( |  )?").prop_map(|(f, pad)| format!("{pad}{f}{pad}"))
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(96))]
    /// For any spelling of the history's expert: when `run` reads the file, `suggest` (which
    /// skips bad rows) offers exactly the experts whose limits the run accepts; when `run`
    /// refuses it, `suggest` never offers more than with the row read as naming every expert
    /// it could (the safe side), and a warning that says the load counts names whom for.
    #[test]
    fn suggest_accepts_exactly_whom_run_accepts(written in spelling(), two_annas in any::<bool>()) {
        let ex = experts(two_annas);
        let h = history(&written);
        let phone = read(&ex, &h, true).unwrap();
        let offered = suggested(&phone);
        match read(&ex, &h, false) {
            Ok(strict) => {
                prop_assert_eq!(&offered, &run_accepts(&strict), "{:?}", written);
                prop_assert_eq!(&offered, &run_accepts(&phone), "{:?}", written);
            }
            Err(_) => {
                let w: Vec<String> = phone.warnings.iter().map(|w| w.to_string()).collect();
                let loaded: BTreeSet<String> = phone
                    .instance
                    .history
                    .iter()
                    .map(|h| phone.instance.experts[h.expert].id.clone())
                    .collect();
                // Whoever the row counts for is not offered; nobody else is kept out.
                for id in &loaded {
                    prop_assert!(!offered.contains(id), "{:?}: {} offered: {:?}", written, id, w);
                }
                if loaded.is_empty() {
                    prop_assert!(w.iter().any(|w| w.contains("counts for nobody")), "{:?}", w);
                }
            }
        }
    }
}
