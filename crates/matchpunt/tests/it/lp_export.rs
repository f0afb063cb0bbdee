//! The exported LP model is the engine's model: read it back with a small parser, set the
//! variables from the engine's assignment (spread variables at their cheapest feasible values),
//! and check that every constraint holds and the LP objective equals the engine's objective;
//! and that every `x_R_E` is a pair allowed by rules 1-8.

use matchpunt::eligibility::check;
use matchpunt::ingest::{load, Inputs, Source};
use matchpunt::model::Week;
use matchpunt::policy::Policy;
use matchpunt::scoring::to_units;
use matchpunt::solve::SolveOptions;
use std::collections::HashMap;

fn parse_terms(expr: &str) -> Vec<(f64, String)> {
    let mut out = Vec::new();
    let mut sign = 1.0;
    let mut coef: Option<f64> = None;
    for tok in expr.split_whitespace() {
        match tok {
            "+" => sign = 1.0,
            "-" => sign = -1.0,
            t => {
                if let Ok(v) = t.parse::<f64>() {
                    coef = Some(v);
                } else {
                    out.push((sign * coef.unwrap_or(1.0), t.to_string()));
                    sign = 1.0;
                    coef = None;
                }
            }
        }
    }
    out
}

#[test]
fn lp_model_matches_the_engine_on_the_sample() {
    lp_model_matches_the_engine(&Policy::default(), "");
}

/// With a rolling budget over four weeks, the model carries one `rolling_` row per expert, the
/// engine's assignment keeps it, and it binds somewhere (else the test would prove nothing).
#[test]
fn lp_model_carries_the_rolling_budget() {
    let policy = Policy::from_toml("[rules]\nrolling_budget = 4\n", "p").unwrap();
    lp_model_matches_the_engine(&policy, " rolling_");
}

/// The relative rolling budget (issue 25) enters the model the same way: `rolling_` rows.
#[test]
fn lp_model_carries_the_relative_rolling_budget() {
    let policy = Policy::from_toml("[rules]\nrolling_share = 0.3\n", "p").unwrap();
    lp_model_matches_the_engine(&policy, " rolling_");
}

/// The heavy-theme pause within the week (issue 25): `heavy_` rows, one per expert with two or
/// more heavy-theme candidates, kept by the engine's assignment (the sample has such experts).
#[test]
fn lp_model_carries_the_heavy_pause_within_the_week() {
    let policy = Policy::from_toml("[rules]\nheavy_pause_weeks = 1\n", "p").unwrap();
    lp_model_matches_the_engine(&policy, " heavy_");
}

fn sample(policy: &Policy) -> matchpunt::model::Instance {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../data/sample");
    let open = |f: &str| Source::new(f.to_string(), std::fs::File::open(dir.join(f)).unwrap());
    let inputs = Inputs {
        experts: open("experts.csv"),
        requests: open("requests.csv"),
        history: Some(open("history.csv")),
    };
    let week = crate::common::week48_unless_given();
    load(inputs, crate::common::places(), policy, week)
        .unwrap()
        .instance
}

fn lp_model_matches_the_engine(policy: &Policy, must_contain: &str) {
    let inst = sample(policy);
    let res = matchpunt::batch::run(&inst, policy, &SolveOptions::default());
    let mut lp = Vec::new();
    let spread = to_units(policy.objective.batch_spread);
    matchpunt::report::lp::write_lp(&inst, &res, spread, &mut lp).unwrap();
    let lp = String::from_utf8(lp).unwrap();

    // Sections.
    let body: Vec<&str> = lp.lines().filter(|l| !l.starts_with('\\')).collect();
    let st = body.iter().position(|l| *l == "Subject To").unwrap();
    let bin = body.iter().position(|l| *l == "Binary").unwrap();
    assert_eq!(body[0], "Maximize");
    assert_eq!(*body.last().unwrap(), "End");
    let objective = parse_terms(body[1..st].join(" ").trim_start_matches(" obj:"));

    // Values: x from the assignment; s_E_K = 1 for K = 2..n_E.
    let mut val: HashMap<String, f64> = HashMap::new();
    let mut n = vec![0u32; inst.experts.len()];
    for a in &res.assignments {
        val.insert(format!("x_{}_{}", a.request, a.expert), 1.0);
        n[a.expert] += 1;
    }
    for (e, &k) in n.iter().enumerate() {
        for j in 2..=k {
            val.insert(format!("s_{e}_{j}"), 1.0);
        }
    }
    let v = |name: &str| *val.get(name).unwrap_or(&0.0);
    let lp_objective: f64 = objective.iter().map(|(c, x)| c * v(x)).sum();
    assert!(
        (lp_objective - res.objective as f64 / 1000.0).abs() < 1e-6,
        "LP objective {lp_objective} != engine {}",
        res.objective
    );

    // Every constraint holds (the team rows, with their own binaries, below).
    for line in &body[st + 1..bin] {
        let (name, rest) = line.trim().split_once(':').unwrap();
        if is_team_row(name) {
            continue;
        }
        let (lhs, op, rhs) = if let Some((l, r)) = rest.split_once("<=") {
            (l, "<=", r)
        } else {
            let (l, r) = rest.split_once('=').unwrap();
            (l, "=", r)
        };
        let total: f64 = parse_terms(lhs).iter().map(|(c, x)| c * v(x)).sum();
        let rhs: f64 = rhs.trim().parse().unwrap();
        match op {
            "<=" => assert!(total <= rhs + 1e-9, "{name}: {total} > {rhs}"),
            _ => assert!((total - rhs).abs() < 1e-9, "{name}: {total} != {rhs}"),
        }
    }

    // Binaries: one x per eligible pair, nothing else but spread variables.
    let mut xs = 0;
    for line in &body[bin + 1..body.len() - 1] {
        let name = line.trim();
        if let Some(rest) = name.strip_prefix("x_") {
            let (r, e) = rest.split_once('_').unwrap();
            let (r, e): (usize, usize) = (r.parse().unwrap(), e.parse().unwrap());
            assert!(check(&inst, policy, &inst.requests[r], &inst.experts[e]).is_eligible());
            xs += 1;
        } else {
            assert!(
                ["s_", "y_", "z_", "a_"].iter().any(|p| name.starts_with(p)),
                "{name}"
            );
        }
    }
    assert_eq!(xs, res.scored.len());
    assert!(
        lp.contains(" pin_"),
        "the sample's kept pins are constraints"
    );
    assert!(lp.contains(must_contain), "no {must_contain:?} rows");
    if must_contain == " rolling_" {
        let binding = inst
            .experts
            .iter()
            .filter(|e| {
                e.rolling_budget
                    .is_some_and(|b| b.saturating_sub(e.rolling_used) < e.load_budget)
            })
            .count();
        assert!(
            binding > 0,
            "the rolling budget never binds below the weekly one"
        );
    }
}

fn is_team_row(name: &str) -> bool {
    name.starts_with("team_") || name.starts_with("notwith_")
}

/// Whether the team rows of `lp` hold for the assignment `x` (`x_R_E` names set to 1), for some
/// value of each request's binaries (`y_R`, `z_R`, `a_R`, at most three a request). Returns the
/// names of the requests whose rows hold for no value.
fn team_rows_broken(lp: &str, x: &std::collections::HashSet<String>) -> Vec<String> {
    use std::collections::BTreeMap;
    type Row = (Vec<(f64, String)>, f64);
    let mut by_request: BTreeMap<String, Vec<Row>> = BTreeMap::new();
    for line in lp.lines() {
        let Some((name, rest)) = line.trim().split_once(':') else {
            continue;
        };
        if !is_team_row(name) {
            continue;
        }
        let request = name.split('_').nth(1).unwrap().to_string();
        let (lhs, rhs) = rest.split_once("<=").expect("team rows are <= rows");
        by_request
            .entry(request)
            .or_default()
            .push((parse_terms(lhs), rhs.trim().parse().unwrap()));
    }
    let mut broken = Vec::new();
    for (request, rows) in by_request {
        let aux: Vec<String> = ["y_", "z_", "a_"]
            .iter()
            .map(|p| format!("{p}{request}"))
            .collect();
        let holds = (0..8u32).any(|bits| {
            let v = |name: &str| -> f64 {
                if let Some(i) = aux.iter().position(|a| a == name) {
                    f64::from((bits >> i) & 1)
                } else if x.contains(name) {
                    1.0
                } else {
                    0.0
                }
            };
            rows.iter()
                .all(|(lhs, rhs)| lhs.iter().map(|(c, n)| c * v(n)).sum::<f64>() <= rhs + 1e-9)
        });
        if !holds {
            broken.push(request);
        }
    }
    broken
}

/// Team rules (issue 24) enter the model as `notwith_` and `team_` rows. The sample is given
/// rules that its free optimum breaks (a pair it sends together is made `not_with`, a member of
/// another team is made new, a third team must be experienced): the engine's assignment keeps
/// every team row, the free assignment breaks them (so they bind), and the rest of the model
/// still matches the engine.
#[test]
fn lp_model_carries_the_team_rules() {
    use std::collections::HashSet;
    let policy = Policy::default();
    let mut inst = sample(&policy);
    let opts = SolveOptions::default();
    let free = matchpunt::batch::run(&inst, &policy, &opts);
    let mut teams_of: std::collections::BTreeMap<usize, Vec<usize>> = Default::default();
    for a in &free.assignments {
        teams_of.entry(a.request).or_default().push(a.expert);
    }
    let full: Vec<(usize, Vec<usize>)> = teams_of
        .into_iter()
        .filter(|(r, t)| {
            let q = &inst.requests[*r];
            t.len() >= 2 && t.len() as u32 == q.experts_needed && q.pinned.is_empty()
        })
        .collect();
    assert!(full.len() >= 3, "the sample has {} full teams", full.len());
    let week = inst.week.unwrap();
    // 1: a pair never together.
    let (a, b) = (full[0].1[0], full[0].1[1]);
    inst.teams.not_with.insert((a.min(b), a.max(b)));
    // 2: a new expert (no one on that team is experienced: nobody has 1,000 deployments).
    policy_free_new(&mut inst, full[1].1[0], week);
    // 3: a team that must be all experienced.
    inst.teams.experienced_min.insert(full[2].0, 2);
    let mut policy = policy;
    policy.teams.experienced_after = 1000;
    let res = matchpunt::batch::run(&inst, &policy, &opts);
    let spread = to_units(policy.objective.batch_spread);
    let mut lp = Vec::new();
    matchpunt::report::lp::write_lp(&inst, &res, spread, &mut lp).unwrap();
    let lp = String::from_utf8(lp).unwrap();
    for kind in [" notwith_", " team_"] {
        assert!(lp.contains(kind), "no {kind} rows");
    }
    let names = |r: &matchpunt::batch::BatchResult| -> HashSet<String> {
        r.assignments
            .iter()
            .map(|a| {
                format!(
                    "x_{}_{}",
                    inst.requests[a.request].row, inst.experts[a.expert].row
                )
            })
            .collect()
    };
    assert_eq!(team_rows_broken(&lp, &names(&res)), Vec::<String>::new());
    let broken = team_rows_broken(&lp, &names(&free));
    let rows = |i: usize| inst.requests[full[i].0].row.to_string();
    for i in 0..3 {
        assert!(
            broken.contains(&rows(i)),
            "rule {i} does not bind: {broken:?}"
        );
    }
    assert!(
        res.objective < free.objective && res.proven,
        "{:?} {:?}",
        res.solution.stopped_by,
        (res.solution.nodes, res.objective, res.bound, free.objective)
    );
}

fn policy_free_new(inst: &mut matchpunt::model::Instance, e: usize, week: Week) {
    inst.teams.certified_on.insert(e, week);
}

/// Trajectories (issue 24) enter the `rolling_` rows at intensity × their meetings in the
/// window. The sample, under a rolling budget, is given trajectories of four weekly meetings on
/// the requests its free optimum fills: the engine's assignment keeps every `rolling_` row, the
/// free assignment breaks some (so the later meetings bind), and the engine proves its optimum.
#[test]
fn lp_model_carries_the_trajectories() {
    use std::collections::HashSet;
    let policy = Policy::from_toml("[rules]\nrolling_budget = 8\n", "p").unwrap();
    let mut inst = sample(&policy);
    let opts = SolveOptions::default();
    let free = matchpunt::batch::run(&inst, &policy, &opts);
    for a in &free.assignments {
        if !a.pinned {
            inst.teams.trajectories.insert(
                a.request,
                matchpunt::model::Trajectory {
                    meetings: 5,
                    every_weeks: 1,
                },
            );
        }
    }
    let res = matchpunt::batch::run(&inst, &policy, &opts);
    let spread = to_units(policy.objective.batch_spread);
    let mut lp = Vec::new();
    matchpunt::report::lp::write_lp(&inst, &res, spread, &mut lp).unwrap();
    let lp = String::from_utf8(lp).unwrap();
    let names = |r: &matchpunt::batch::BatchResult| -> HashSet<String> {
        r.assignments
            .iter()
            .map(|a| {
                format!(
                    "x_{}_{}",
                    inst.requests[a.request].row, inst.experts[a.expert].row
                )
            })
            .collect()
    };
    let broken = |x: &HashSet<String>| -> Vec<String> {
        lp.lines()
            .filter_map(|l| l.trim().split_once(':'))
            .filter(|(name, _)| name.starts_with("rolling_"))
            .filter(|(_, rest)| {
                let (lhs, rhs) = rest.split_once("<=").unwrap();
                let total: f64 = parse_terms(lhs)
                    .iter()
                    .map(|(c, n)| if x.contains(n) { *c } else { 0.0 })
                    .sum();
                total > rhs.trim().parse::<f64>().unwrap() + 1e-9
            })
            .map(|(name, _)| name.to_string())
            .collect()
    };
    assert_eq!(broken(&names(&res)), Vec::<String>::new());
    let by_free = broken(&names(&free));
    assert!(by_free.len() >= 3, "the later meetings bind in {by_free:?}");
    // A four-meeting coefficient is in the model (intensity 1 or more, times 4).
    assert!(lp.contains(" rolling_"));
    assert!(
        res.objective < free.objective && res.proven,
        "{:?}",
        (res.objective, res.bound, free.objective)
    );
}
