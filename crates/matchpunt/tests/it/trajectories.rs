//! Trajectories (issue 24): requests.csv `meetings` and `every_weeks` through the ingest gate,
//! the rolling budget counting a trajectory's later meetings exactly (exhaustive search on tiny
//! instances, with and without the team rules and the master), and a batch where the budget
//! decides.

use crate::teams::{load_teams, team_problem};
use matchpunt::batch;
use matchpunt::model::Trajectory;
use matchpunt::policy::Policy;
use matchpunt::solve::{Problem, SolveOptions, TeamRules};
use proptest::prelude::*;
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;

/// Whether `chosen` keeps the rolling budgets, computed here without the solver's own check.
fn keeps_rolling(p: &Problem, t: &TeamRules, chosen: &[usize]) -> bool {
    let mut used = vec![0u32; p.experts.len()];
    for &a in chosen {
        let arc = p.arcs[a];
        let m = t
            .window_meetings
            .get(arc.request as usize)
            .copied()
            .unwrap_or(1)
            .max(1);
        used[arc.expert as usize] += arc.intensity * m;
    }
    used.iter().enumerate().all(|(e, &u)| {
        t.rolling_left
            .get(e)
            .copied()
            .flatten()
            .is_none_or(|l| u <= l)
    })
}

/// A tiny team problem with trajectories of one to four meetings in the window and rolling
/// budgets left of 1 to 10 (or none); without team rules in a third of the cases.
fn trajectory_problem(rng: &mut ChaCha8Rng) -> (Problem, TeamRules) {
    let (p, mut t) = team_problem(rng);
    if rng.gen_bool(0.33) {
        t = TeamRules {
            requests: t.requests,
            ..TeamRules::default()
        };
    }
    t.window_meetings = (0..p.seats.len())
        .map(|_| {
            if rng.gen_bool(0.5) {
                rng.gen_range(2..=4)
            } else {
                1
            }
        })
        .collect();
    t.rolling_left = (0..p.experts.len())
        .map(|_| rng.gen_bool(0.8).then(|| rng.gen_range(1..=10)))
        .collect();
    (p, t)
}

fn check_against_brute_force(seed: u64, cases: usize, master: bool) -> usize {
    // The later meetings change the optimum in enough cases for the test to mean something.
    let one_meeting = |t: &TeamRules| TeamRules {
        window_meetings: Vec::new(),
        ..t.clone()
    };
    crate::teams::against_brute_force(
        seed,
        cases,
        master,
        trajectory_problem,
        keeps_rolling,
        one_meeting,
    )
}

#[test]
fn trajectories_equal_exhaustive_search() {
    let binding = check_against_brute_force(124, 2500, true);
    eprintln!("later meetings binding in {binding} of 2500");
    assert!(
        binding >= 300,
        "the later meetings bind in only {binding} cases"
    );
}

#[test]
fn trajectories_equal_exhaustive_search_without_the_master() {
    let binding = check_against_brute_force(125, 1200, false);
    assert!(
        binding >= 150,
        "the later meetings bind in only {binding} cases"
    );
}

/// The meetings in a rolling window from the batch week: all of them when they fit, else those
/// that start within the window.
#[test]
fn meetings_in_the_window() {
    let t = |m, e| Trajectory {
        meetings: m,
        every_weeks: e,
    };
    assert_eq!(t(5, 1).in_window(4), 4);
    assert_eq!(t(3, 1).in_window(4), 3);
    assert_eq!(t(5, 2).in_window(4), 2);
    assert_eq!(t(5, 3).in_window(4), 2);
    assert_eq!(t(5, 4).in_window(4), 1);
    assert_eq!(t(5, 1).in_window(1), 1);
    let w = matchpunt::model::Week::parse("2026-W52").unwrap();
    let later: Vec<String> = t(3, 2)
        .later_weeks(w)
        .iter()
        .map(|w| w.to_string())
        .collect();
    assert_eq!(later, ["2027-W01", "2027-W03"].map(String::from));
}

const EXPERTS: &str = "id,roles,certified,themes,availability,online,place,rolling_budget\n\
    E1,buddy,yes,pesten,*,yes,Utrecht,6\n";

/// The columns through the gate, Dutch headers included; only trajectories are kept.
#[test]
fn trajectory_columns_are_read() {
    let requests = "id,org,role,themes,online,bijeenkomsten,om_de_weken\n\
        R1,Org,buddy,pesten,yes,5,\n\
        R2,Org,buddy,pesten,yes,,\n\
        R3,Org,buddy,pesten,yes,3,2\n";
    let loaded = load_teams(EXPERTS, requests).unwrap();
    let t = &loaded.instance.teams.trajectories;
    assert_eq!(t.len(), 2);
    assert_eq!(
        t[&0],
        Trajectory {
            meetings: 5,
            every_weeks: 1
        }
    );
    assert_eq!(
        t[&2],
        Trajectory {
            meetings: 3,
            every_weeks: 2
        }
    );
}

proptest! {
    /// A bad `meetings` or `every_weeks` cell is an error naming the file, line, column and
    /// value: never a trajectory of one meeting (which would let its later meetings break the
    /// rolling budget unseen).
    #[test]
    fn a_bad_count_is_an_error_naming_the_cell(
        bad in prop_oneof![
            Just("0".to_string()),
            (13u32..10_000).prop_map(|n| n.to_string()),
            Just("-2".to_string()),
            Just("2.5".to_string()),
            Just("vijf".to_string()),
            Just("5?".to_string()),
        ],
        every in any::<bool>(),
    ) {
        let (col, cells) = if every { ("every_weeks", format!("3,{bad}")) } else { ("meetings", format!("{bad},1")) };
        // every_weeks accepts up to 8: 9 to 12 are refused there too.
        let requests = format!("id,org,role,themes,online,meetings,every_weeks\nR1,Org,buddy,pesten,yes,{cells}\n");
        let Err(err) = load_teams(EXPERTS, &requests) else {
            panic!("no error for {bad:?}");
        };
        let text = err.to_string();
        prop_assert!(text.contains("requests.csv"), "{}", text);
        prop_assert!(text.contains(":2"), "line: {}", text);
        prop_assert!(text.contains(col), "column: {}", text);
        prop_assert!(text.contains(&bad), "value: {}", text);
    }
}

/// In a batch, a trajectory is only assigned when its expert's rolling budget carries its
/// meetings in the window: intensity 2 × 4 meetings = 8 > 6 is refused, 2 × 3 = 6 is taken.
#[test]
fn the_rolling_budget_carries_the_trajectory_or_it_stays_open() {
    let policy = Policy::from_toml("[rules]\nrolling_weeks = 4\n", "p").unwrap();
    let run = |meetings: u32| {
        let requests = format!(
            "id,org,role,themes,online,intensity,meetings\nR1,Org,buddy,pesten,yes,2,{meetings}\n"
        );
        let loaded = load_teams(EXPERTS, &requests).unwrap();
        batch::run(&loaded.instance, &policy, &SolveOptions::default())
    };
    assert_eq!(run(5).assignments.len(), 0);
    assert_eq!(run(4).assignments.len(), 0);
    assert_eq!(run(3).assignments.len(), 1);
    assert_eq!(run(1).assignments.len(), 1);
}

/// The words: unmatched.csv says that the rolling budget cannot carry the meetings and lists
/// the trajectory's weeks; `explain` and `suggest` show the weeks too.
#[test]
fn an_open_trajectory_says_why_and_shows_its_weeks() {
    use matchpunt::explain::{render_suggest, suggest, suggest_view};
    use matchpunt::messages::Lang;
    let policy = Policy::from_toml("[rules]\nrolling_weeks = 4\n", "p").unwrap();
    let requests =
        "id,org,role,themes,online,intensity,meetings,every_weeks\nR1,Org,buddy,pesten,yes,2,3,2\n";
    let loaded = load_teams(EXPERTS, requests).unwrap();
    let inst = &loaded.instance;
    let weeks = "weeks 2026-W48, 2026-W50 and 2026-W52";
    let res = batch::run(inst, &policy, &SolveOptions::default());
    assert_eq!(
        res.assignments.len(),
        1,
        "2 x 2 meetings in the window fit 6"
    );
    let s = suggest(inst, &policy, 0, None, 3);
    let text = render_suggest(&suggest_view(inst, &policy, &s, None, Lang::En), Lang::En);
    assert!(
        text.contains("trajectory of 3 meetings, every 2 weeks"),
        "{text}"
    );
    assert!(text.contains(weeks), "{text}");
    let requests = "id,org,role,themes,online,intensity,meetings\nR1,Org,buddy,pesten,yes,2,5\n";
    let loaded = load_teams(EXPERTS, requests).unwrap();
    let res = batch::run(&loaded.instance, &policy, &SolveOptions::default());
    let un = matchpunt::report::unmatched(&loaded.instance, &policy, &res);
    assert_eq!(un.len(), 1);
    assert!(
        un[0]
            .reason
            .contains("1 with too little rolling budget left for its 4 meeting(s)"),
        "{}",
        un[0].reason
    );
    assert!(
        un[0].reason.contains("trajectory of 5 meetings"),
        "{}",
        un[0].reason
    );
}

/// The cost of the rules at scale, for the notes: 1,000 × 1,000 generated batches under a
/// rolling budget (`rolling_share = 0.9`), 20% of the requests teams of two with
/// `experienced_min = 1` (10% of the experts new, 1% of pairs never together) and another 20%
/// trajectories of 2 to 5 weekly meetings, solved without the rules, with the trajectories
/// alone, and with both, side by side (same seats).
/// `cargo test --release -p matchpunt --test it -- --ignored trajectories::scale --nocapture`
#[test]
#[ignore]
fn scale_with_and_without_teams_and_trajectories() {
    let policy = Policy::from_toml("[rules]\nrolling_share = 0.9\n", "p").unwrap();
    for seed in [1u64, 2] {
        let mut inst = crate::common::instance(1000, 1000, seed, &policy);
        let mut rng = ChaCha8Rng::seed_from_u64(seed);
        let week = inst.week.unwrap();
        let mut teams = matchpunt::model::TeamData::default();
        for r in 0..inst.requests.len() {
            let p: f64 = rng.gen();
            if p < 0.2 {
                inst.requests[r].experts_needed = 2;
                teams.experienced_min.insert(r, 1);
            } else if p < 0.4 {
                teams.trajectories.insert(
                    r,
                    Trajectory {
                        meetings: rng.gen_range(2..=5),
                        every_weeks: 1,
                    },
                );
            }
        }
        for e in 0..inst.experts.len() {
            if rng.gen_bool(0.1) {
                teams.certified_on.insert(e, week.plus(-4));
            }
            if rng.gen_bool(0.01) {
                let f = rng.gen_range(0..inst.experts.len());
                if f != e {
                    teams.not_with.insert((e.min(f), e.max(f)));
                }
            }
        }
        let mut solve = |t: matchpunt::model::TeamData| {
            inst.teams = t;
            let start = std::time::Instant::now();
            let r = batch::run(&inst, &policy, &SolveOptions::default());
            format!(
                "{:.1} s, objective {}, {}, gap {}, team nodes {}",
                start.elapsed().as_secs_f64(),
                r.objective,
                if r.proven { "proven" } else { "not proven" },
                r.bound - r.objective,
                r.solution.nodes
            )
        };
        let none = solve(Default::default());
        let trajectories_only = solve(matchpunt::model::TeamData {
            trajectories: teams.trajectories.clone(),
            ..Default::default()
        });
        let both = solve(teams);
        eprintln!(
            "seed {seed}: without rules {none}; trajectories only {trajectories_only}; teams and trajectories {both}"
        );
    }
}
