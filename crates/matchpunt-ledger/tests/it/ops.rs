//! Property: any sequence of runs, decisions, bookings and closes leaves a ledger that
//! `check` finds clean, a closed week read-only, and a closed week's history equal to the seats
//! it took plus its declines.

use matchpunt_ledger::{Error, Ledger, NewRun, Seat};
use proptest::prelude::*;

#[derive(Clone, Debug)]
enum Op {
    Run(Vec<(u8, u8)>),
    Decide(u8, bool),
    Book(u8, u8),
    Close,
}

fn op() -> impl Strategy<Value = Op> {
    prop_oneof![
        proptest::collection::vec((0u8..5, 0u8..5), 0..6).prop_map(Op::Run),
        (0u8..20, any::<bool>()).prop_map(|(i, a)| Op::Decide(i, a)),
        (0u8..5, 0u8..5).prop_map(|(r, e)| Op::Book(r, e)),
        Just(Op::Close),
    ]
}

/// Request `r` is in slot `r % 3` (0: flexible).
fn seat(r: u8, e: u8) -> Seat {
    Seat {
        request: format!("R{r}"),
        expert: format!("E{e}"),
        org: "Org".into(),
        role: "buddy".into(),
        slot: ["", "mon-am", "wed-pm"][(r % 3) as usize].into(),
        intensity: 1 + u32::from(r % 2),
        themes: String::new(),
        heavy: false,
        pinned: false,
    }
}

/// Whether `s` fits on top of `taken`: not the same pair, not the expert's slot twice.
fn fits(taken: &[Seat], s: &Seat) -> bool {
    !taken.iter().any(|t| {
        t.expert == s.expert && (t.request == s.request || (!s.slot.is_empty() && t.slot == s.slot))
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(48))]
    #[test]
    fn any_sequence_keeps_the_ledger_whole(ops in proptest::collection::vec(op(), 1..25)) {
        let dir = tempfile::tempdir().unwrap();
        let mut l = Ledger::init(&dir.path().join("l.db"), "prop").unwrap();
        let week = "2026-W48";
        for op in ops {
            let view = l.week(week).unwrap();
            let closed = view.closed;
            let result = match op {
                Op::Run(pairs) => {
                    // A run counts the bookings, as `run --ledger` does (they are its pins).
                    let mut taken: Vec<Seat> = view.bookings.iter().map(|b| b.seat.clone()).collect();
                    let mut proposals = taken.clone();
                    for (r, e) in pairs {
                        let s = seat(r, e);
                        if fits(&taken, &s) {
                            taken.push(s.clone());
                            proposals.push(s);
                        }
                    }
                    let run = NewRun { week: week.into(), proposals, seen: Some(view.stamp()), ..NewRun::default() };
                    l.record_run(&run).map(|_| ())
                }
                Op::Decide(i, accepted) => {
                    let known: Vec<&Seat> = view.ever_proposed.iter().chain(view.bookings.iter().map(|b| &b.seat)).collect();
                    match known.get(i as usize % known.len().max(1)) {
                        Some(s) => l.decide(week, &[(s.request.clone(), s.expert.clone(), accepted, "n".into())]).map(|_| ()),
                        None => l.decide(week, &[("R9".into(), "E9".into(), accepted, String::new())]).map(|_| ()),
                    }
                }
                Op::Book(r, e) => {
                    let s = seat(r, e);
                    l.book(week, |w| {
                        let declined = w.verdicts().get(&(s.request.clone(), s.expert.clone())) == Some(&false);
                        let others: Vec<Seat> = w.taken().into_iter().filter(|t| t.request != s.request || t.expert != s.expert || w.bookings.iter().any(|b| b.seat.request == t.request && b.seat.expert == t.expert)).collect();
                        if declined || !fits(&others, &s) { Err("no".into()) } else { Ok((s.clone(), None)) }
                    }).map(|_| ())
                }
                Op::Close => {
                    let expect = view.taken().len()
                        + view.verdicts().iter().filter(|(k, a)| !**a && view.ever_proposed.iter().chain(view.bookings.iter().map(|b| &b.seat)).any(|s| (&s.request, &s.expert) == (&k.0, &k.1))).count();
                    let r = l.close(week);
                    if r.is_ok() {
                        let rows = l.history().unwrap().len();
                        prop_assert_eq!(rows, expect);
                    }
                    r.map(|_| ())
                }
            };
            if closed {
                prop_assert!(matches!(result, Err(Error::Closed(_))), "{:?}", result);
            }
            let problems = l.check().unwrap();
            prop_assert!(problems.is_empty(), "{:?}", problems);
            let (now_closed, rows) = (l.week(week).unwrap().closed, l.history().unwrap().len());
            if !now_closed {
                prop_assert_eq!(rows, 0);
            }
        }
    }
}

/// A decline stands: accepting the declined pair again is refused and records nothing (its seat
/// may have gone to a standby or a booking since); the same verdict twice is recorded once.
#[test]
fn a_decline_cannot_be_accepted_again_and_a_repeat_is_not_recorded() {
    let dir = tempfile::tempdir().unwrap();
    let mut l = Ledger::init(&dir.path().join("l.db"), "test").unwrap();
    let week = "2026-W48";
    let run = NewRun {
        week: week.into(),
        proposals: vec![seat(1, 1), seat(2, 1)],
        ..NewRun::default()
    };
    l.record_run(&run).unwrap();
    let (r, e) = (seat(1, 1).request, seat(1, 1).expert);
    let d = |accepted: bool| vec![(r.clone(), e.clone(), accepted, String::new())];
    assert_eq!(l.decide(week, &d(false)).unwrap(), 1);
    assert_eq!(
        l.decide(week, &d(false)).unwrap(),
        0,
        "the same decline again"
    );
    let before = l.week(week).unwrap().decisions.len();
    let err = l.decide(week, &d(true)).unwrap_err();
    assert!(
        matches!(err, Error::Refused(ref why) if why.to_string().contains("declined")),
        "{err:?}"
    );
    assert_eq!(
        l.week(week).unwrap().decisions.len(),
        before,
        "nothing recorded"
    );
    assert_eq!(l.week(week).unwrap().verdicts().get(&(r, e)), Some(&false));
}

/// `close` runs the week's invariants before it writes history: a week whose records give one
/// expert two seats in one slot (here from a run file written by hand) is refused whole, and
/// stays open with no history rows; the same week without the clash closes.
#[test]
fn close_refuses_a_week_that_breaks_the_ledgers_rules() {
    let dir = tempfile::tempdir().unwrap();
    let mut l = Ledger::init(&dir.path().join("l.db"), "t").unwrap();
    let week = "2026-W48";
    // R1 and R4 are both in slot mon-am (r % 3 == 1).
    let clash = vec![seat(1, 1), seat(4, 1)];
    let run = NewRun {
        week: week.into(),
        proposals: clash,
        seen: Some(l.week(week).unwrap().stamp()),
        ..NewRun::default()
    };
    l.record_run(&run).unwrap();
    assert!(!l.check().unwrap().is_empty(), "check sees the clash");
    match l.close(week) {
        Err(Error::Refused(m)) => {
            assert!(m.to_string().contains("two seats in slot mon-am"), "{m}")
        }
        other => panic!("close must refuse a broken week, got {other:?}"),
    }
    let view = l.week(week).unwrap();
    assert!(!view.closed, "the refused week stays open");
    assert!(l.history().unwrap().is_empty(), "no history row written");

    // The same week, re-run without the clash, closes.
    let run = NewRun {
        week: week.into(),
        proposals: vec![seat(1, 1), seat(4, 2)],
        seen: Some(view.stamp()),
        ..NewRun::default()
    };
    l.record_run(&run).unwrap();
    let closed = l.close(week).unwrap();
    assert_eq!(closed.rows, 2);
}
