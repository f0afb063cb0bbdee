//! Team rules over bookings (`book`, kept as pins by the next `run --ledger`): the new-user
//! trial's case, a new expert booked alone on a one-seat phone request, is refused naming the
//! team rule; beside an experienced expert booked first, the new expert is booked.

use crate::harness::{code, ok_in, root, run_in, stderr};

#[test]
fn a_new_expert_is_booked_only_beside_an_experienced_one() {
    let d = tempfile::tempdir().unwrap();
    let dir = d.path();
    let ex = root().join("examples/teams");
    for f in ["experts.csv", "requests.csv"] {
        std::fs::copy(ex.join(f), dir.join(f)).unwrap();
    }
    ok_in(dir, &["ledger", "init", "tb.ledger"]);
    let book = |extra: &[&str]| {
        let mut a = vec![
            "book",
            "--ledger",
            "tb.ledger",
            "--experts",
            "experts.csv",
            "--requests",
            "requests.csv",
            "--week",
            "2026-W48",
        ];
        a.extend_from_slice(extra);
        run_in(dir, &a)
    };
    // The trial: Sam (E1, new) booked alone on an inline one-seat request.
    let o = book(&[
        "--role", "trainer", "--themes", "pesten", "--online", "--slot", "fri-pm", "--org",
        "Lister", "--id", "tel-9", "--expert", "E1",
    ]);
    assert_ne!(code(&o), 0, "{}", stderr(&o));
    assert!(
        stderr(&o).contains("E1 is new") && stderr(&o).contains("team rule"),
        "{}",
        stderr(&o)
    );
    // Alone on the two-seat R1: refused too; after Noor (E2, experienced), booked.
    let o = book(&["--request", "R1", "--expert", "E1"]);
    assert_ne!(code(&o), 0, "{}", stderr(&o));
    assert_eq!(code(&book(&["--request", "R1", "--expert", "E2"])), 0);
    let o = book(&["--request", "R1", "--expert", "E1"]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    // Dutch.
    let o = run_in(
        dir,
        &[
            "book",
            "--lang",
            "nl",
            "--ledger",
            "tb.ledger",
            "--experts",
            "experts.csv",
            "--requests",
            "requests.csv",
            "--week",
            "2026-W48",
            "--request",
            "R4",
            "--expert",
            "E1",
        ],
    );
    assert!(
        stderr(&o).contains("is nieuw") && stderr(&o).contains("teamregel"),
        "{}",
        stderr(&o)
    );
}

const TEAM_R1: &str = "aanvraag_id;organisatie;rol;thema's;online;dagdeel;aantal;intensiteit\nR1;Kwintes;trainer;pesten;ja;ma-middag;2;1\n";

/// `run --ledger` then the standbys of its `standbys.csv` as (expert, standby) pairs.
fn run_standbys(dir: &std::path::Path) -> Vec<(String, String)> {
    ok_in(dir, &["ledger", "init", "s.ledger"]);
    ok_in(
        dir,
        &[
            "run", "--ledger", "s.ledger", "--data", ".", "--week", "2026-W50", "--out", "w50",
        ],
    );
    let (_, rows) = crate::harness::read_table(&dir.join("w50/standbys.csv"));
    rows.into_iter()
        .map(|r| (r[1].clone(), r[3].clone()))
        .collect()
}

/// The trial (#2): standbys keep the team rules. A new expert is no standby of a one-seat
/// request; a non-experienced expert is no standby for the experienced partner of a new one; a
/// `not_with` pair is never made by a standby; and after decisions that leave a new standby
/// alone, `decide` names no standby and `decide --accepted` refuses as `book` does.
#[test]
fn standbys_and_their_bookings_keep_the_team_rules() {
    let one = crate::harness::batch_folder(
        "id;naam;rollen;gecertificeerd;thema's;woonplaats;online;beschikbaarheid;max_opdrachten;belastbaarheid;gecertificeerd_op;eerdere_inzetten\n\
         E1;Sam;spreker|trainer;ja;pesten;Utrecht;ja;*;2;3;2020-01-01;10\n\
         E2;Noor;spreker|trainer;ja;pesten;Utrecht;ja;*;2;4;01-11-2026;0\n\
         E3;Daan;trainer;ja;pesten;Utrecht;ja;*;2;4;2020-01-01;1\n",
        "aanvraag_id;organisatie;rol;thema's;online;dagdeel;aantal;intensiteit\nR1;Kwintes;spreker;pesten;ja;ma-middag;1;2\n",
    );
    let s = run_standbys(one.path());
    assert!(!s.iter().any(|(_, x)| x == "E2"), "{s:?}");
    let o = run_in(
        one.path(),
        &[
            "decide",
            "--ledger",
            "s.ledger",
            "--week",
            "2026-W50",
            "--request",
            "R1",
            "--expert",
            "E2",
            "--accepted",
        ],
    );
    assert!(
        !ok_or_err(&o).contains("booked for request"),
        "{}",
        ok_or_err(&o)
    );
    let two = crate::harness::batch_folder(
        "id;naam;rollen;gecertificeerd;thema's;woonplaats;online;beschikbaarheid;max_opdrachten;belastbaarheid;gecertificeerd_op;eerdere_inzetten\n\
         E1;Sam;trainer;ja;pesten;Utrecht;ja;*;2;4;2020-01-01;10\n\
         E2;Noor;trainer;ja;pesten;Utrecht;ja;*;2;4;01-11-2026;0\n\
         E3;Daan;trainer;ja;pesten;Utrecht;ja;*;2;4;2020-01-01;1\n",
        TEAM_R1,
    );
    let s = run_standbys(two.path());
    assert!(!s.contains(&("E1".into(), "E3".into())), "{s:?}");
    let three = crate::harness::batch_folder(
        "id;naam;rollen;gecertificeerd;thema's;woonplaats;online;beschikbaarheid;max_opdrachten;belastbaarheid;niet_samen_met\n\
         E1;Sam;trainer;ja;pesten;Utrecht;ja;*;2;4;E3\n\
         E2;Noor;trainer;ja;pesten;Utrecht;ja;*;2;4;\n\
         E3;Daan;trainer;ja;pesten;Utrecht;ja;*;2;4;\n",
        TEAM_R1,
    );
    let s = run_standbys(three.path());
    assert!(!s.contains(&("E2".into(), "E3".into())), "{s:?}");
    // A new standby beside an experienced proposal; both proposed experts decline.
    let four = crate::harness::batch_folder(
        "id;naam;rollen;gecertificeerd;thema's;woonplaats;online;beschikbaarheid;max_opdrachten;belastbaarheid;gecertificeerd_op;eerdere_inzetten\n\
         E1;Sam;trainer;ja;pesten;Utrecht;ja;*;2;4;2020-01-01;10\n\
         E2;Lina;trainer;ja;pesten;Utrecht;ja;*;2;4;2020-01-01;10\n\
         E3;Noor;trainer;ja;pesten;Utrecht;ja;*;2;4;01-11-2026;0\n",
        TEAM_R1,
    );
    let dir = four.path();
    let s = run_standbys(dir);
    assert!(s.contains(&("E1".into(), "E3".into())), "{s:?}");
    let decide = |e: &str, v: &str| {
        run_in(
            dir,
            &[
                "decide",
                "--ledger",
                "s.ledger",
                "--week",
                "2026-W50",
                "--request",
                "R1",
                "--expert",
                e,
                v,
            ],
        )
    };
    assert!(ok_or_err(&decide("E1", "--declined")).contains("first standby for R1: E3"));
    let o = decide("E2", "--declined");
    assert!(
        ok_or_err(&o).contains("no standby of R1 is still free"),
        "{}",
        ok_or_err(&o)
    );
    let o = decide("E3", "--accepted");
    assert_ne!(code(&o), 0, "{}", ok_or_err(&o));
    assert!(
        stderr(&o).contains("E3 is new") && stderr(&o).contains("team rule"),
        "{}",
        stderr(&o)
    );
}

fn ok_or_err(o: &std::process::Output) -> String {
    crate::harness::all(o)
}
