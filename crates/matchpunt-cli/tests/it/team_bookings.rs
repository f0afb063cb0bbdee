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
        "--role", "trainer", "--themes", "pesten", "--online", "--slot", "fri-pm", "--org", "X",
        "--id", "tel-9", "--expert", "E1",
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
