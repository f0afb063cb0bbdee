//! The weekly round: accepted pairs stay, declined pairs never return, every hard rule holds in
//! the re-run, and a re-run moves as few proposals as it can.

use crate::common;

use common::{assert_hard_rules, instance};
use matchpunt::batch::round::{self, Change, PairRow, Round, Verdict};
use matchpunt::batch::{self, BatchResult};
use matchpunt::eligibility::candidates_all_pairs;
use matchpunt::ingest::{self, Inputs, Source};
use matchpunt::model::places::Places;
use matchpunt::model::Instance;
use matchpunt::policy::Policy;
use matchpunt::solve::SolveOptions;
use proptest::prelude::*;
use std::collections::BTreeSet;

fn opts() -> SolveOptions {
    SolveOptions {
        time_limit: None,
        ..SolveOptions::default()
    }
}

/// The previous run's proposals as the round reads them.
fn previous(inst: &Instance, res: &BatchResult) -> Vec<PairRow> {
    res.assignments
        .iter()
        .map(|a| PairRow {
            request: inst.requests[a.request].id.clone(),
            expert: inst.experts[a.expert].id.clone(),
            verdict: None,
            line: 0,
        })
        .collect()
}

fn ids(inst: &Instance, res: &BatchResult) -> BTreeSet<(String, String)> {
    common::id_pairs(inst, res).into_iter().collect()
}

/// Random decisions on the proposals `prev`, one code each: 0 accepts the pair, 1 declines it,
/// 2 leaves it open.
fn decided(prev: &[PairRow], decide: &[u8]) -> Vec<PairRow> {
    prev.iter()
        .zip(decide)
        .filter_map(|(p, &d)| {
            let verdict = match d {
                0 => Verdict::Accepted,
                1 => Verdict::Declined,
                _ => return None,
            };
            Some(PairRow {
                verdict: Some(verdict),
                ..p.clone()
            })
        })
        .collect()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(24))]
    /// Random decisions on a generated batch's proposals: in the re-run, every accepted pair is
    /// assigned, no declined pair is, and every hard rule holds.
    #[test]
    fn accepted_stay_declined_never_return(
        seed in 0u64..10_000,
        experts in 5usize..60,
        requests in 5usize..60,
        decide in prop::collection::vec(0u8..3, 60),
    ) {
        let policy = Policy::default();
        let inst = instance(experts, requests, seed, &policy);
        let first = batch::run(&inst, &policy, &opts());
        let prev = previous(&inst, &first);
        let decisions = decided(&prev, &decide);
        let out = round::run_round(&inst, &policy, &opts(), &Round { previous: prev, decisions: decisions.clone() });
        let now = ids(&inst, &out.result);
        for d in &decisions {
            let pair = (d.request.clone(), d.expert.clone());
            match d.verdict {
                Some(Verdict::Accepted) => prop_assert!(now.contains(&pair), "accepted {:?} dropped", pair),
                _ => prop_assert!(!now.contains(&pair), "declined {:?} proposed again", pair),
            }
        }
        assert_hard_rules(&inst, &policy, &out.result);
        prop_assert!(out.result.proven);
    }

    /// A re-run on unchanged data without decisions changes nothing.
    #[test]
    fn rerun_without_decisions_changes_nothing(seed in 0u64..10_000, experts in 5usize..50, requests in 5usize..50) {
        let policy = Policy::default();
        let inst = instance(experts, requests, seed, &policy);
        let first = batch::run(&inst, &policy, &opts());
        let out = round::run_round(&inst, &policy, &opts(), &Round { previous: previous(&inst, &first), decisions: vec![] });
        let (kept, _, dropped, new) = round::counts(&out.changes);
        prop_assert_eq!((kept, dropped, new), (first.assignments.len(), 0, 0));
    }
}

// ---- Minimal change, by brute force on tiny instances --------------------------------------

/// A lexicographic policy: seats first, then keeping proposals, then scores (a tiny instance
/// has at most 12 pairs: 12 × (1,000 + 10) < 100,000 and 12 × 10 < 1,000).
fn lexicographic() -> Policy {
    Policy::from_toml(
        "[objective]\nseat_low = 100000\nseat_normal = 100000\nseat_urgent = 100000\nbatch_spread = 0\n[weights]\ntheme_fit = 2\ndistance = 2\ncontinuity = 2\nrecent_load = 1\nfair_spread = 1\nrole_experience = 1\nage_proximity = 1\n[round]\nkeep_bonus = 1000\n",
        "lexicographic",
    )
    .unwrap()
}

const SLOTS: [&str; 3] = ["mon-am", "mon-pm", "tue-am"];

fn tiny(
    experts: &[(u8, u32, u32)],
    requests: &[(Option<usize>, u32, u32)],
    drop: Option<usize>,
) -> Instance {
    let mut e =
        String::from("id,roles,certified,themes,place,availability,max_assignments,load_budget\n");
    for (i, &(avail, max, budget)) in experts.iter().enumerate() {
        let a: Vec<&str> = (0..3)
            .filter(|k| avail & (1 << k) != 0)
            .map(|k| SLOTS[k])
            .collect();
        e.push_str(&format!(
            "E{i},speaker,yes,pesten,Utrecht,{},{max},{budget}\n",
            a.join("|")
        ));
    }
    let mut r = String::from("id,org,role,themes,place,slot,experts_needed,intensity\n");
    for (i, &(slot, seats, intensity)) in requests.iter().enumerate() {
        if Some(i) == drop {
            continue;
        }
        r.push_str(&format!(
            "R{i},Org,speaker,pesten,Utrecht,{},{seats},{intensity}\n",
            slot.map(|s| SLOTS[s]).unwrap_or("")
        ));
    }
    ingest::load(
        Inputs {
            experts: Source::new("experts.csv", e.as_bytes()),
            requests: Source::new("requests.csv", r.as_bytes()),
            history: None,
        },
        &Places::bundled(),
        &lexicographic(),
        crate::common::week48(),
    )
    .unwrap()
    .instance
}

/// Every feasible assignment (rules 8-10; no pins in these instances) as id pairs.
fn all_feasible(inst: &Instance, policy: &Policy) -> Vec<BTreeSet<(String, String)>> {
    let pairs = candidates_all_pairs(inst, policy);
    assert!(pairs.len() <= 14);
    let mut out = Vec::new();
    for mask in 0u32..(1 << pairs.len()) {
        let mut count = vec![0u32; inst.experts.len()];
        let mut load = vec![0u32; inst.experts.len()];
        let mut slots = vec![0u32; inst.experts.len()];
        let mut seats = vec![0u32; inst.requests.len()];
        let mut ok = true;
        let mut set = BTreeSet::new();
        for (k, p) in pairs.iter().enumerate() {
            if mask & (1 << k) == 0 {
                continue;
            }
            let (r, e) = (
                &inst.requests[p.request as usize],
                &inst.experts[p.expert as usize],
            );
            count[p.expert as usize] += 1;
            load[p.expert as usize] += r.intensity;
            seats[p.request as usize] += 1;
            if let Some(s) = r.slot {
                ok &= slots[p.expert as usize] & (1 << s.0) == 0;
                slots[p.expert as usize] |= 1 << s.0;
            }
            ok &= count[p.expert as usize] <= e.max_assignments
                && load[p.expert as usize] <= e.budget()
                && seats[p.request as usize] <= r.experts_needed;
            set.insert((r.id.clone(), e.id.clone()));
        }
        if ok {
            out.push(set);
        }
    }
    out
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]
    /// After one request is withdrawn, the re-run fills as many seats as possible and, among the
    /// assignments that do, moves the fewest proposals (dropped + new), as exhaustive search
    /// finds.
    #[test]
    fn a_withdrawn_request_moves_the_fewest_proposals(
        experts in prop::collection::vec((1u8..8, 1u32..3, 1u32..4), 1..4),
        requests in prop::collection::vec((prop::option::of(0usize..3), 1u32..3, 1u32..3), 2..5),
        withdrawn in 0usize..4,
    ) {
        let policy = lexicographic();
        let before = tiny(&experts, &requests, None);
        let first = batch::run(&before, &policy, &opts());
        let prev = ids(&before, &first);
        let withdrawn = withdrawn % requests.len();
        let after = tiny(&experts, &requests, Some(withdrawn));
        prop_assume!(candidates_all_pairs(&after, &policy).len() <= 12);
        let out = round::run_round(&after, &policy, &opts(), &Round { previous: previous(&before, &first), decisions: vec![] });
        prop_assert!(out.result.proven);
        let moved = |y: &BTreeSet<(String, String)>| prev.symmetric_difference(y).count();
        let feasible = all_feasible(&after, &policy);
        let most = feasible.iter().map(BTreeSet::len).max().unwrap_or(0);
        let fewest = feasible.iter().filter(|y| y.len() == most).map(&moved).min().unwrap_or(0);
        let got = ids(&after, &out.result);
        prop_assert_eq!(got.len(), most, "seats");
        prop_assert_eq!(moved(&got), fewest, "moves");
        // The changes list agrees with the sets.
        let (_, _, dropped, new) = round::counts(&out.changes);
        prop_assert_eq!(dropped + new, moved(&got));
        for c in &out.changes {
            if c.request == format!("R{withdrawn}") {
                prop_assert_eq!(&c.change, &Change::Dropped(round::DropWhy::Withdrawn));
            }
        }
    }
}

// ---- Declined pins: a pin conflict, and the fix search works on the round's instance --------

proptest! {
    #![proptest_config(ProptestConfig::with_cases(24))]
    /// Random decisions on a batch whose first proposals are partly pinned (in requests.csv):
    /// declining any subset of them, pinned ones included, never panics (neither the round nor
    /// the open seats' reasons and fixes), a declined pin is a pin conflict, and no declined
    /// pair is proposed again, neither by the round nor by a fix's re-solve.
    #[test]
    fn declined_pins_are_conflicts_and_never_return(
        seed in 0u64..10_000,
        experts in 5usize..40,
        requests in 5usize..50,
        pin in prop::collection::vec(any::<bool>(), 50),
        decide in prop::collection::vec(0u8..3, 50),
    ) {
        let policy = Policy::default();
        let mut inst = instance(experts, requests, seed, &policy);
        let first = batch::run(&inst, &policy, &opts());
        // Pin some of the first run's proposals, as a coordinator would in requests.csv.
        for (a, &p) in first.assignments.iter().zip(&pin) {
            let pins = &mut inst.requests[a.request].pinned;
            if p && !pins.contains(&a.expert) {
                pins.push(a.expert);
            }
        }
        let first = batch::run(&inst, &policy, &opts());
        let prev = previous(&inst, &first);
        let decisions = decided(&prev, &decide);
        let out = round::run_round(&inst, &policy, &opts(), &Round { previous: prev, decisions: decisions.clone() });
        let declined: BTreeSet<(usize, usize)> = decisions
            .iter()
            .filter(|d| d.verdict == Some(Verdict::Declined))
            .map(|d| {
                (
                    inst.requests.iter().position(|r| r.id == d.request).unwrap(),
                    inst.experts.iter().position(|e| e.id == d.expert).unwrap(),
                )
            })
            .collect();
        for a in &out.result.assignments {
            prop_assert!(!declined.contains(&(a.request, a.expert)), "declined pair proposed again");
        }
        for &(r, e) in &declined {
            if inst.requests[r].pinned.contains(&e) {
                prop_assert!(
                    out.result.pin_conflicts.iter().any(|c| (c.request, c.expert) == (r, e)),
                    "a declined pin is no pin conflict"
                );
            }
        }
        let rinst = &out.instance;
        assert_hard_rules(rinst, &policy, &out.result);
        let unmatched = matchpunt::report::unmatched(rinst, &policy, &out.result);
        let with = matchpunt::explain::with_fixes(rinst, &policy, &opts(), &out.result, unmatched.clone(), None, matchpunt::messages::Lang::En);
        prop_assert_eq!(with.len(), unmatched.len());
        let base = matchpunt::explain::Base::from_result(rinst, &policy, opts(), &out.result);
        let booked = base.booked();
        for u in &unmatched {
            let mut budget = matchpunt::explain::FixBudget::for_run();
            if let matchpunt::explain::Fixes::Found(fixes) = base.fixes(u.request, &booked, 3, &mut budget) {
                for f in &fixes {
                    for (e, _, after) in &f.outcome.moves {
                        for r in after {
                            prop_assert!(!declined.contains(&(*r, *e)), "a fix proposes a declined pair again");
                        }
                    }
                }
            }
        }
    }
}

// ---- The small files: one reader, ids as in experts.csv -------------------------------------

/// An id as a coordinator's spreadsheet may write it: another case, spaces around it, a
/// non-breaking space or a zero-width character inside.
fn mangle(id: &str, how: u8) -> String {
    match how % 5 {
        0 => id.to_string(),
        1 => id.to_lowercase(),
        2 => format!(" {id}\u{a0}"),
        3 => {
            let mut s = id.to_string();
            s.insert(1, '\u{200b}');
            s
        }
        _ => format!("\u{feff}{}", id.to_lowercase()),
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(16))]
    /// Decisions and previous proposals written with mangled ids (case, spaces, invisible
    /// characters), through the one reader in either dialect and with Dutch headers, apply as the
    /// exact ids do: the same re-run, no warning, and no declined pair proposed again.
    #[test]
    fn mangled_ids_in_the_small_files_apply_as_the_exact_ones(
        seed in 0u64..10_000,
        experts in 5usize..30,
        requests in 5usize..30,
        decide in prop::collection::vec(0u8..3, 30),
        how in prop::collection::vec(0u8..5, 60),
        dutch in any::<bool>(),
    ) {
        let policy = Policy::default();
        let inst = instance(experts, requests, seed, &policy);
        let first = batch::run(&inst, &policy, &opts());
        let prev = previous(&inst, &first);
        let (rh, eh, dh, sep) = if dutch { ("aanvraag", "deskundige", "besluit", ";") } else { ("request", "expert", "decision", ",") };
        let mut dec_csv = format!("{rh}{sep}{eh}{sep}{dh}\n");
        let mut prev_csv = format!("{rh}{sep}{eh}\n");
        let mut exact = Vec::new();
        for (k, (p, &d)) in prev.iter().zip(&decide).enumerate() {
            let (r, e) = (mangle(&p.request, how[2 * k]), mangle(&p.expert, how[2 * k + 1]));
            prev_csv.push_str(&format!("{r}{sep}{e}\n"));
            let verdict = match d {
                0 => Verdict::Accepted,
                1 => Verdict::Declined,
                _ => continue,
            };
            let word = match (verdict, dutch) {
                (Verdict::Accepted, true) => "geaccepteerd",
                (Verdict::Accepted, false) => "accepted",
                (Verdict::Declined, true) => "afgewezen",
                (Verdict::Declined, false) => "declined",
            };
            dec_csv.push_str(&format!("{r}{sep}{e}{sep}{word}\n"));
            exact.push(PairRow { verdict: Some(verdict), ..p.clone() });
        }
        let decisions = round::read_decisions(Source::new("decisions.csv", dec_csv.as_bytes())).unwrap();
        let previous_rows = round::read_previous(Source::new("assignments.csv", prev_csv.as_bytes())).unwrap();
        let mangled = round::run_round(&inst, &policy, &opts(), &Round { previous: previous_rows, decisions });
        prop_assert!(mangled.warnings.is_empty(), "{:?}", mangled.warnings);
        let plain = round::run_round(&inst, &policy, &opts(), &Round { previous: prev, decisions: exact.clone() });
        prop_assert_eq!(ids(&inst, &mangled.result), ids(&inst, &plain.result));
        prop_assert_eq!(&mangled.changes, &plain.changes);
        let now = ids(&inst, &mangled.result);
        for d in exact.iter().filter(|d| d.verdict == Some(Verdict::Declined)) {
            prop_assert!(!now.contains(&(d.request.clone(), d.expert.clone())), "declined pair proposed again");
        }
    }
}

/// A decision on an empty id or with an unknown word is an error naming the line and column.
#[test]
fn a_bad_decisions_row_names_line_and_column() {
    let e = round::read_decisions(Source::new(
        "decisions.csv",
        "aanvraag;deskundige;besluit\nR1;;afgewezen\nR2;E2;misschien\n".as_bytes(),
    ))
    .unwrap_err();
    let text = e.to_string();
    assert!(
        text.contains("decisions.csv:2:2 (B2): column 'deskundige'"),
        "{text}"
    );
    let e = round::read_decisions(Source::new(
        "decisions.csv",
        "sep=;\naanvraag;deskundige;besluit\nR2;E2;misschien\n".as_bytes(),
    ))
    .unwrap_err();
    let text = e.to_string();
    assert!(
        text.contains("decisions.csv:3:3 (C3): column 'besluit': \"misschien\""),
        "{text}"
    );
}

/// A decisions file whose bytes leave the encoding open (Windows-1252 or Mac Roman) is refused
/// where an id has a letter beyond ASCII, naming the cell; a Mac Roman file is read.
#[test]
fn small_files_in_an_undecided_encoding_are_refused_where_an_id_depends_on_it() {
    let e = round::read_decisions(Source::new(
        "decisions.csv",
        b"request;expert;decision\rR1;E\xCB1;declined\r".as_slice(),
    ))
    .unwrap_err();
    let text = e.to_string();
    assert!(text.contains("decisions.csv:2:2 (B2)"), "{text}");
    assert!(text.contains("CSV UTF-8"), "{text}");
    let rows = round::read_decisions(Source::new(
        "decisions.csv",
        b"aanvraag;deskundige;besluit\rR1;Zo\x91;afgewezen\r".as_slice(),
    ))
    .unwrap();
    assert_eq!(rows[0].expert, "Zoë");
}

// ---- Why an accepted pair was dropped ----------------------------------------------------------

proptest! {
    #![proptest_config(ProptestConfig::with_cases(16))]
    /// Every proposal accepted, then experts' limits lowered (load budget and assignments, as a
    /// coordinator edits experts.csv between runs): an accepted pair the re-run drops is a pin
    /// the batch refused, and `changes.csv` says which rule, never "a better use of the seats".
    #[test]
    fn an_accepted_pair_dropped_by_a_limit_says_the_rule(
        seed in 0u64..10_000,
        experts in 5usize..40,
        requests in 5usize..40,
        lower in prop::collection::vec(0u8..3, 40),
    ) {
        use matchpunt::batch::round::DropWhy;
        let policy = Policy::default();
        let inst = instance(experts, requests, seed, &policy);
        let first = batch::run(&inst, &policy, &opts());
        let prev = previous(&inst, &first);
        let decisions = decided(&prev, &vec![0; prev.len()]);
        let mut now = inst.clone();
        for (e, &l) in now.experts.iter_mut().zip(&lower) {
            match l {
                0 => e.load_budget = e.load_budget.min(2),
                1 => e.max_assignments = e.max_assignments.min(1),
                _ => {}
            }
        }
        let out = round::run_round(&now, &policy, &opts(), &Round { previous: prev, decisions });
        for c in &out.changes {
            if let Change::Dropped(why) = c.change {
                prop_assert_ne!(why, DropWhy::Moved, "{} {}", c.request, c.expert);
                let r = now.requests.iter().position(|r| r.id == c.request).unwrap();
                let e = now.experts.iter().position(|x| x.id == c.expert).unwrap();
                let conflict = out.result.pin_conflicts.iter().find(|p| (p.request, p.expert) == (r, e));
                prop_assert!(conflict.is_some(), "{} {} dropped without a pin conflict", c.request, c.expert);
                if let DropWhy::RuleBroken(stage) = why {
                    let static_rule = matchpunt::eligibility::check(&now, &policy, &now.requests[r], &now.experts[e]).iter().next().is_some();
                    prop_assert!(static_rule || stage == conflict.unwrap().stage);
                }
            }
        }
        assert_hard_rules(&now, &policy, &out.result);
    }
}

fn load_round(experts: &str, requests: &str) -> Instance {
    common::loaded(experts, requests).instance
}

fn why_of(out: &round::RoundResult, request: &str, expert: &str) -> round::DropWhy {
    match out
        .changes
        .iter()
        .find(|c| c.request == request && c.expert == expert)
        .map(|c| c.change.clone())
    {
        Some(Change::Dropped(why)) => why,
        other => panic!("{request}/{expert}: {other:?} in {:?}", out.changes),
    }
}

/// The trial's case: E1 on R1 and R2 (intensity 2 each), both accepted, then E1's load budget
/// lowered from 4 to 2: R2 is refused as a pin, and changes.csv says rule 9, not "moved".
#[test]
fn an_accepted_pair_over_a_lowered_load_budget_reads_rule_9() {
    use matchpunt::batch::round::DropWhy;
    use matchpunt::eligibility::Stage;
    use matchpunt::messages::Lang;
    let requests = "id,org,role,themes,place,slot,intensity\n\
                    R1,Kwintes,speaker,pesten,Utrecht,mon-am,2\n\
                    R2,Pluryn,speaker,pesten,Utrecht,mon-pm,2\n";
    let experts = |budget: &str| {
        format!(
            "id,roles,certified,themes,place,availability,load_budget\n\
             E1,speaker,yes,pesten,Utrecht,mon-am|mon-pm,{budget}\n"
        )
    };
    let policy = Policy::default();
    let inst = load_round(&experts("4"), requests);
    let first = batch::run(&inst, &policy, &opts());
    assert_eq!(first.assignments.len(), 2);
    let prev = previous(&inst, &first);
    let decisions = decided(&prev, &[0, 0]);
    let now = load_round(&experts("\"2,0\""), requests);
    let out = round::run_round(
        &now,
        &policy,
        &opts(),
        &Round {
            previous: prev,
            decisions,
        },
    );
    let dropped: Vec<_> = out
        .changes
        .iter()
        .filter(|c| matches!(c.change, Change::Dropped(_)))
        .collect();
    assert_eq!(dropped.len(), 1, "{:?}", out.changes);
    let why = why_of(&out, &dropped[0].request, "E1");
    assert_eq!(why, DropWhy::RuleBroken(Stage::PinLimits));
    let nl = why.text(Lang::Nl);
    assert!(
        nl.contains("regel 9") && !nl.contains("betere inzet"),
        "{nl}"
    );
    assert!(
        why.text(Lang::En).contains("rule 9"),
        "{}",
        why.text(Lang::En)
    );
}

/// The trial's team case: R1 of two seats got E1 (experienced) and E2 (new); E1 declined, E2
/// accepted: E2 alone breaks the team rule, and changes.csv says so (rule 10), not "moved".
#[test]
fn an_accepted_new_expert_left_alone_reads_the_team_rule() {
    use matchpunt::batch::round::DropWhy;
    use matchpunt::eligibility::Stage;
    use matchpunt::messages::Lang;
    let experts = "id,roles,certified,themes,place,availability,certified_on,deployments\n\
                   E1,speaker,yes,pesten,Utrecht,*,2020-01-01,20\n\
                   E2,speaker,yes,pesten,Utrecht,*,2026-11-01,0\n";
    let requests = "id,org,role,themes,place,slot,experts_needed\n\
                    R1,Kwintes,speaker,pesten,Utrecht,mon-am,2\n";
    let policy = Policy::default();
    let inst = load_round(experts, requests);
    let first = batch::run(&inst, &policy, &opts());
    assert_eq!(first.assignments.len(), 2, "{:?}", first.assignments);
    let prev = previous(&inst, &first);
    let decide: Vec<u8> = prev
        .iter()
        .map(|p| if p.expert == "E1" { 1 } else { 0 })
        .collect();
    let decisions = decided(&prev, &decide);
    let out = round::run_round(
        &inst,
        &policy,
        &opts(),
        &Round {
            previous: prev,
            decisions,
        },
    );
    assert_eq!(why_of(&out, "R1", "E1"), DropWhy::Declined);
    let why = why_of(&out, "R1", "E2");
    assert_eq!(why, DropWhy::RuleBroken(Stage::PinTeam));
    let nl = why.text(Lang::Nl);
    assert!(
        nl.contains("regel 10") && !nl.contains("betere inzet"),
        "{nl}"
    );
}
