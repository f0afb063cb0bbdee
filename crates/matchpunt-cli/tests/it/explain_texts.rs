//! What `explain` says, run on the real binary: each expert named once (trial 3, #20).

use crate::harness::{fixture_copy, ok_in, root, words, WEEK};

/// Trial 3, #20: `explain --request R4` on examples/teams printed "Sam (E1) (E1)" for the
/// runners-up that the team rules keep out; in English and Dutch.
#[test]
fn runners_up_of_a_team_request_name_the_expert_once() {
    let ex = root().join("examples/teams");
    let data = ex.to_str().unwrap();
    for lang in ["en", "nl"] {
        let out = ok_in(
            &ex,
            &[
                "explain",
                "--data",
                data,
                "--week",
                WEEK,
                "--request",
                "R4",
                "--lang",
                lang,
            ],
        );
        assert!(out.contains("Sam (E1), score"), "{out}");
        for id in ["E1", "E2", "E3", "E4"] {
            assert!(!out.contains(&format!("({id}) ({id})")), "{out}");
        }
        // Each runner-up gets the team rule that keeps them out, not the list of all three
        // (trial 3, #19), and no column name.
        assert!(!out.contains("experienced_min"), "{out}");
        assert!(
            !out.contains("not sent together, ") && !out.contains("niet samen ingezet, "),
            "{out}"
        );
    }
}

/// Trial 4, #11 (`tests/fixtures/trial4-subtraction`): beside the masked personal count of R1,
/// `explain --request` showed "rule 5 (distance or online): 1", and the pool's 7 less the 3
/// trainers, the 2 assigned and that 1 gave E1's personal reason back. Now rule 2 stays exact
/// and every later stage is one folded count, in text and JSON, in both languages.
#[test]
fn a_masked_personal_count_folds_every_stage_after_rule_2() {
    let d = fixture_copy("trial4-subtraction");
    let nl = ok_in(
        d.path(),
        &words("explain --data . --week 2026-W48 --request R1 --lang nl"),
    );
    assert!(
        nl.contains("nooit geschikt (eerste regel waaraan niet voldaan is): regel 2 (rol): 3, regels 3-11 (thema's, persoonlijke redenen of andere regels): minder dan 3\n"),
        "{nl}"
    );
    let en = ok_in(
        d.path(),
        &words("explain --data . --week 2026-W48 --request R1"),
    );
    assert!(
        en.contains("rule 2 (role): 3, rules 3-11 (themes, personal reasons or other rules): fewer than 3\n"),
        "{en}"
    );
    for out in [&nl, &en] {
        assert!(
            !out.contains("rule 5 (") && !out.contains("regel 5 ("),
            "{out}"
        );
    }
    let json = ok_in(
        d.path(),
        &words("explain --data . --week 2026-W48 --request R1 --format json"),
    );
    let v: serde_json::Value = serde_json::from_str(&json).unwrap();
    let counts: Vec<(String, Option<u64>)> = v["never_eligible"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| (c["rule"].as_str().unwrap().to_string(), c["count"].as_u64()))
        .collect();
    assert_eq!(
        counts,
        [("2".to_string(), Some(3)), ("3-11".to_string(), None)]
    );
}
