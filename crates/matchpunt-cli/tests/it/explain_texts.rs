//! What `explain` says, run on the real binary: each expert named once (trial 3, #20).

use crate::harness::{ok_in, root, WEEK};

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
