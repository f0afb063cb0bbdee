//! The simulation's inputs on the bundled sample: every generated week reads as valid input,
//! draws depend on the seed alone, churn behaves as its rates say, and the page escapes names.

use matchpunt::analysis::simulate::{self, load_week, Contender, Settings};
use matchpunt::batch::strategy::Strategy;
use matchpunt::ingest::{load, Inputs, Source, WeekChoice};
use matchpunt::model::places::Places;
use matchpunt::model::{Instance, Week};
use matchpunt::policy::Policy;
use matchpunt_sim::{generated, html, Churn, Params, World};

const EXPERTS: &str = include_str!(concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../../data/sample/experts.csv"
));
const REQUESTS: &str = include_str!(concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../../data/sample/requests.csv"
));
const HISTORY: &str = include_str!(concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../../data/sample/history.csv"
));

fn base() -> Instance {
    let inputs = Inputs {
        experts: Source::new("experts.csv", EXPERTS.as_bytes()),
        requests: Source::new("requests.csv", REQUESTS.as_bytes()),
        history: Some(Source::new("history.csv", HISTORY.as_bytes())),
    };
    let fallback = Week::parse("2026-W48").unwrap();
    let choice = WeekChoice {
        given: None,
        fallback,
    };
    load(inputs, &Places::bundled(), &Policy::default(), choice)
        .unwrap()
        .instance
}

fn params(weeks: usize, seed: u64, churn: Churn) -> Params {
    Params {
        weeks,
        seed,
        requests_per_week: 80,
        churn,
    }
}

/// The world of `p` generated from the sample batch `base` and its experts.
fn sample_world(base: &Instance, places: &Places, p: &Params) -> World {
    generated(base, "experts.csv", EXPERTS.as_bytes().to_vec(), places, p)
}

/// A season of `weeks` weeks on the sample (seed `seed`, default churn) simulated under each
/// `(name, policy, strategy)`, in that order.
fn simulated(
    weeks: usize,
    seed: u64,
    contenders: Vec<(&str, Policy, Strategy)>,
) -> Vec<simulate::ContenderRun> {
    let base = base();
    let places = Places::bundled();
    let world = sample_world(&base, &places, &params(weeks, seed, Churn::default()));
    let contenders: Vec<Contender> = contenders
        .into_iter()
        .map(|(name, policy, strategy)| Contender {
            name: name.into(),
            policy,
            strategy,
        })
        .collect();
    simulate::simulate(
        &world.roster,
        &world.weeks,
        &world.history,
        &contenders,
        &Settings::default(),
        &places,
        &|| {},
    )
    .unwrap()
}

#[test]
fn every_generated_week_reads_and_uses_the_batch_organisations() {
    let base = base();
    let places = Places::bundled();
    let world = sample_world(&base, &places, &params(12, 9, Churn::default()));
    assert_eq!(world.weeks.len(), 12);
    assert_eq!(world.history.len(), base.history.len());
    let start = base.week.unwrap();
    for (k, w) in world.weeks.iter().enumerate() {
        assert_eq!(w.week, start.plus(k as i64));
        let inst = load_week(&world.roster, w, &Policy::default(), &places)
            .unwrap_or_else(|e| panic!("week {} does not read:\n{e}", w.week));
        assert!(
            (72..=88).contains(&inst.requests.len()),
            "{}",
            inst.requests.len()
        );
        for r in &inst.requests {
            let org = inst.orgs.name(r.org);
            assert!(
                base.orgs.get(org).is_some(),
                "{org} is not an organisation of the batch"
            );
            assert!(r.id.starts_with(&format!("{}-R", w.week)));
        }
        // The newcomers so far are in the week's pool, after the file's experts.
        assert_eq!(inst.experts.len(), base.experts.len() + w.joined);
        for &i in &w.away {
            assert!(!inst.experts[i].active);
        }
    }
}

#[test]
fn draws_depend_on_the_seed_alone() {
    let base = base();
    let places = Places::bundled();
    let bytes = || EXPERTS.as_bytes().to_vec();
    // A world of `weeks` weeks drawn from `seed`, with no churn.
    let world = |weeks: usize, seed: u64| {
        generated(
            &base,
            "e",
            bytes(),
            &places,
            &params(weeks, seed, Churn::default()),
        )
    };
    let (a, b, c) = (world(6, 4), world(6, 4), world(6, 5));
    let reqs = |w: &matchpunt_sim::World| -> Vec<Vec<u8>> {
        w.weeks.iter().map(|x| x.requests.clone()).collect()
    };
    assert_eq!(reqs(&a), reqs(&b));
    assert_eq!(a.roster.joiners, b.roster.joiners);
    assert_ne!(reqs(&a), reqs(&c));
    // Week 3 is the same whether 6 or 10 weeks are simulated.
    let d = world(10, 4);
    assert_eq!(a.weeks[3].requests, d.weeks[3].requests);
}

#[test]
fn churn_follows_its_rates() {
    let base = base();
    let places = Places::bundled();
    let n = base.experts.len();
    let none = Churn {
        leave_rate: 0.0,
        join_rate: 0.0,
        off_rate: 0.0,
    };
    let w = generated(&base, "e", EXPERTS.into(), &places, &params(8, 1, none));
    assert!(w.roster.joiners.is_empty());
    assert!(w.weeks.iter().all(|x| x.away.is_empty() && x.joined == 0));

    let all_leave = Churn {
        leave_rate: 1.0,
        ..none
    };
    let w = generated(
        &base,
        "e",
        EXPERTS.into(),
        &places,
        &params(2, 1, all_leave),
    );
    assert_eq!(w.weeks[0].away.len(), n);

    let churn = Churn {
        leave_rate: 0.02,
        join_rate: 0.05,
        off_rate: 0.1,
    };
    let w = generated(&base, "e", EXPERTS.into(), &places, &params(20, 1, churn));
    // 5% of 130 a week: 6.5, so 6 or 7 newcomers each week.
    for (k, x) in w.weeks.iter().enumerate() {
        let before = if k == 0 { 0 } else { w.weeks[k - 1].joined };
        assert!((6..=7).contains(&(x.joined - before)), "week {k}");
    }
    // Who left stays away.
    let ids: Vec<String> = base.experts.iter().map(|e| e.id.clone()).collect();
    assert!(w.roster.joiners.iter().all(|j| !ids.contains(&j.id)));
    let away_last: std::collections::HashSet<usize> = w.weeks[19].away.iter().copied().collect();
    let away_all: Vec<usize> = (0..n)
        .filter(|i| w.weeks.iter().all(|x| x.away.contains(i)))
        .collect();
    assert!(away_all.iter().all(|i| away_last.contains(i)));
    // About 2% leave a week and 10% take a week off: in week 20 roughly a third are away.
    let share = w.weeks[19].away.len() as f64 / (n + w.weeks[19].joined) as f64;
    assert!((0.2..0.55).contains(&share), "{share}");
}

#[test]
fn the_page_escapes_policy_names_and_charts_each_contender() {
    let runs = simulated(
        3,
        2,
        vec![
            ("a<b>&\"c\"", Policy::default(), Strategy::Exact),
            ("greedy", Policy::default(), Strategy::Greedy),
        ],
    );
    let page = html::render(&runs, "test <run>");
    assert!(page.contains("a&lt;b&gt;&amp;&quot;c&quot;"));
    assert!(!page.contains("a<b>"));
    assert!(page.contains("test &lt;run&gt;"));
    assert_eq!(
        page.matches("<figure class=\"chart\"").count(),
        html::CHARTS.len()
    );
    assert_eq!(
        page.matches("<polyline class=\"series\"").count(),
        html::CHARTS.len() * 2
    );
    // Issue 25: a legend in every chart, charts the page's width, the absolute load beside
    // the share of the budget, and shares in % only.
    assert_eq!(
        page.matches("<ul class=\"legend\">").count(),
        html::CHARTS.len()
    );
    assert_eq!(
        page.matches("width=\"100%\" role=\"img\"").count(),
        html::CHARTS.len()
    );
    for metric in ["load_points_p90", "load_points_max", "load_share_p90"] {
        assert!(
            page.contains(&format!("data-metric=\"{metric}\"")),
            "{metric}"
        );
    }
    for c in html::CHARTS.iter().filter(|c| c.percent) {
        assert!(c.title.ends_with("(%)"), "{}", c.title);
    }
    assert!(page.contains("<th>pts p90</th>") && page.contains("<th>load% p90</th>"));
}

/// The built-in default policy (issue 25: `examples/season.toml` made the default) over a
/// short season on the sample: nobody eligible waits 4 weeks in a row without a proposal, and
/// nobody is at their full weekly budget 3 weeks in a row; the same weeks under the previous
/// default (no rolling budget, no waiting advantage) have both a full-budget streak and a
/// starved expert (seed 3), so the test can fail.
#[test]
fn the_default_policy_starves_nobody_and_keeps_no_one_at_full_budget_for_three_weeks() {
    let season = Policy::from_toml(
        include_str!("../../../../examples/season.toml"),
        "examples/season.toml",
    )
    .unwrap();
    assert_eq!(
        season,
        Policy::default(),
        "examples/season.toml is the default"
    );
    let mut previous = Policy::from_toml(PREVIOUS_DEFAULT, "previous default").unwrap();
    // No relative rolling budget at all (a policy file cannot say "none").
    previous.rules.rolling_share = None;
    let runs = simulated(
        10,
        3,
        vec![
            ("default", Policy::default(), Strategy::Exact),
            ("previous", previous, Strategy::Exact),
        ],
    );
    let (now, old) = (&runs[0].summary, &runs[1].summary);
    assert_eq!(now.starved_experts, 0, "{now:?}");
    assert_eq!(now.full_budget_streaks, 0, "{now:?}");
    assert!(
        old.starved_experts > 0 && old.full_budget_streaks > 0,
        "the previous default did no harm here: {old:?}"
    );
}

/// The built-in default before issue 25 (the README's changelog lists the same fields).
const PREVIOUS_DEFAULT: &str = "[rules]\nrolling_weeks = 4\nrolling_share = 1.0\n\
    [objective]\nbatch_spread = 5\nwaiting_bonus = 0\n[history]\nwaiting_weeks = 2\n\
    [weights]\ncontinuity = 15\nfair_spread = 10\nrole_experience = 10\n";

/// Issue 24: a season with team and trajectory requests writes its team counts to
/// `summary.csv` (the columns of `report::TEAM_COLUMNS`, equal to the run's summary) and to
/// the page's table of teams and trajectories; no new expert goes alone, and trajectories start
/// and keep their expert.
#[test]
fn team_and_trajectory_counts_reach_the_summary_and_the_page() {
    let base = base();
    let places = Places::bundled();
    let churn = Churn {
        join_rate: 0.05,
        ..Churn::default()
    };
    let world = sample_world(&base, &places, &params(5, 4, churn));
    let contenders = vec![Contender {
        name: "default".into(),
        policy: Policy::default(),
        strategy: Strategy::Exact,
    }];
    let settings = Settings {
        team_rate: 0.3,
        trajectory_rate: 0.4,
        ..Settings::default()
    };
    let runs = simulate::simulate(
        &world.roster,
        &world.weeks,
        &world.history,
        &contenders,
        &settings,
        &places,
        &|| {},
    )
    .unwrap();
    let s = &runs[0].summary;
    assert_eq!(s.new_alone, 0);
    assert!(s.new_in_team > 0, "{s:?}");
    assert!(s.trajectories_started > 0 && s.meetings_kept > 0, "{s:?}");

    let mut csv = Vec::new();
    matchpunt_sim::report::write_summary(&runs, &mut csv).unwrap();
    let mut rdr = csv::Reader::from_reader(csv.as_slice());
    let header: Vec<String> = rdr.headers().unwrap().iter().map(String::from).collect();
    let row: Vec<String> = rdr
        .records()
        .next()
        .unwrap()
        .unwrap()
        .iter()
        .map(String::from)
        .collect();
    let cell = |name: &str| -> u64 {
        let i = header
            .iter()
            .position(|h| h == name)
            .unwrap_or_else(|| panic!("{name}: {header:?}"));
        row[i].parse().unwrap()
    };
    let want = [
        ("new_alone", s.new_alone),
        ("new_in_team", s.new_in_team),
        ("trajectories_started", s.trajectories_started),
        ("meetings_kept", s.meetings_kept),
        ("meetings_lost", s.meetings_lost),
    ];
    for (name, v) in want {
        assert_eq!(cell(name), v, "{name}");
    }

    let page = html::render(&runs, "teams");
    let table = page
        .split("<table class=\"teams\">")
        .nth(1)
        .and_then(|t| t.split("</table>").next())
        .expect("the page has the teams table");
    for (name, _) in matchpunt_sim::report::TEAM_COLUMNS {
        assert!(table.contains(&format!("data-column=\"{name}\"")), "{name}");
    }
    let cells: String = want.iter().map(|(_, v)| format!("<td>{v}</td>")).collect();
    assert!(
        table.contains(&format!("<tr><td>default</td>{cells}</tr>")),
        "{table}"
    );
}

/// The contenders' weeks are shared out over the threads as they come (the chain furthest
/// behind first), so which thread runs which week differs from run to run: the season's three
/// CSV files must still be the same bytes with 1, 2 and 3 threads, over four contenders (more
/// than the threads, of different costs) and weeks whose history feeds the next.
#[test]
fn the_season_is_the_same_bytes_with_1_2_and_3_threads() {
    let policy = |text: &str, name: &str| Policy::from_toml(text, name).unwrap();
    let protect = policy(
        include_str!(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../../examples/protect-load.toml"
        )),
        "protect-load.toml",
    );
    let fill = policy(
        include_str!(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../../examples/fill-first.toml"
        )),
        "fill-first.toml",
    );
    let season = |threads: usize| {
        let pool = rayon::ThreadPoolBuilder::new()
            .num_threads(threads)
            .build()
            .unwrap();
        let runs = pool.install(|| {
            simulated(
                5,
                7,
                vec![
                    ("default", Policy::default(), Strategy::Exact),
                    ("protect-load", protect.clone(), Strategy::Exact),
                    ("fill-first", fill.clone(), Strategy::Exact),
                    ("greedy", Policy::default(), Strategy::Greedy),
                ],
            )
        });
        let names: Vec<&str> = runs.iter().map(|r| r.name.as_str()).collect();
        assert_eq!(names, ["default", "protect-load", "fill-first", "greedy"]);
        assert!(runs.iter().all(|r| r.weeks.len() == 5));
        let (mut m, mut a, mut s) = (Vec::new(), Vec::new(), Vec::new());
        matchpunt_sim::report::write_metrics(&runs, &mut m).unwrap();
        matchpunt_sim::report::write_assignments(&runs, &mut a).unwrap();
        matchpunt_sim::report::write_summary(&runs, &mut s).unwrap();
        (m, a, s)
    };
    let one = season(1);
    assert!(one.1.len() > 1000, "too few assignments to compare");
    for threads in [2, 3] {
        let other = season(threads);
        assert!(
            other.0 == one.0,
            "metrics.csv differs with {threads} threads"
        );
        assert!(
            other.1 == one.1,
            "assignments.csv differs with {threads} threads"
        );
        assert!(
            other.2 == one.2,
            "summary.csv differs with {threads} threads"
        );
    }
}
