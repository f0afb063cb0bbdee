//! `metrics`, `compare` and `simulate` on the bundled sample: determinism with 1 and 2 threads,
//! the HTML report (parsed: one chart per metric, one line per policy, nothing external), the
//! replay of a simulation's own weekly request files, and metrics that agree with `run`.

use crate::harness::{files, ok_in, root, run, succeeded};
use scraper::{Html, Selector};
use std::fs;
use std::path::Path;
use std::process::Output;

const POLICIES: [&str; 6] = [
    "--policy",
    "default",
    "--policy",
    "examples/protect-load.toml",
    "--strategy",
    "greedy",
];

/// `simulate` with the test's policies, its stdout (exit code 0 asserted).
fn simulate(threads: &str, out: &Path, extra: &[&str]) -> String {
    String::from_utf8(simulate_run(threads, out, extra).stdout).expect("stdout is UTF-8")
}

/// `simulate` with the test's policies, the whole output (exit code 0 asserted).
fn simulate_run(threads: &str, out: &Path, extra: &[&str]) -> Output {
    let mut args = vec![
        "--threads",
        threads,
        "simulate",
        "--weeks",
        "6",
        "--seed",
        "3",
        "--out",
        out.to_str().unwrap(),
    ];
    args.extend(POLICIES);
    args.extend(extra);
    succeeded(run(&args, &root()))
}

#[test]
fn simulate_is_byte_identical_with_1_and_2_threads_and_its_report_parses() {
    let (a, b) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    let stdout = simulate("1", a.path(), &[]);
    simulate("2", b.path(), &[]);
    let (fa, fb) = (files(a.path()), files(b.path()));
    assert_eq!(fa.len(), 4 + 6, "{:?}", fa.keys().collect::<Vec<_>>());
    for (name, bytes) in &fa {
        assert!(
            fb.get(name) == Some(bytes),
            "{name} differs between 1 and 2 threads"
        );
    }
    for name in ["default", "protect-load", "greedy"] {
        assert!(stdout.lines().any(|l| l.starts_with(name)), "{stdout}");
    }

    // The report: one self-contained page, one chart per metric, one line per policy.
    let html = String::from_utf8(fa["report.html"].clone()).unwrap();
    let doc = Html::parse_document(&html);
    assert!(doc.errors.is_empty(), "{:?}", doc.errors);
    let sel = |s: &str| Selector::parse(s).unwrap();
    for external in ["script", "link", "img", "iframe", "[src]", "[href]"] {
        assert_eq!(
            doc.select(&sel(external)).count(),
            0,
            "{external} in the report"
        );
    }
    assert!(!html.contains("url("), "an external resource in the CSS");
    let charts: Vec<_> = doc.select(&sel("figure.chart")).collect();
    let metrics: Vec<&str> = charts
        .iter()
        .map(|c| c.value().attr("data-metric").unwrap())
        .collect();
    let mut distinct = metrics.clone();
    distinct.sort_unstable();
    distinct.dedup();
    assert_eq!(distinct.len(), metrics.len(), "a metric charted twice");
    for m in [
        "fill_rate",
        "load_share_p90",
        "load_share_mean",
        "starved",
        "gini",
    ] {
        assert!(metrics.contains(&m), "no chart of {m}");
    }
    for c in &charts {
        assert_eq!(c.select(&sel("svg")).count(), 1);
        let series: Vec<&str> = c
            .select(&sel("polyline.series"))
            .map(|p| p.value().attr("data-policy").unwrap())
            .collect();
        assert_eq!(series, ["default", "protect-load", "greedy"]);
        for p in c.select(&sel("polyline.series")) {
            let points = p.value().attr("points").unwrap();
            assert_eq!(points.split(' ').count(), 6, "one point per week");
        }
    }
    let rows = doc.select(&sel("table.summary tbody tr")).count();
    assert_eq!(rows, 3);

    // metrics.csv: a row per policy and week.
    let metrics_csv = String::from_utf8(fa["metrics.csv"].clone()).unwrap();
    assert_eq!(metrics_csv.lines().count(), 1 + 3 * 6);
    assert!(metrics_csv.starts_with("policy,week,seats_asked,seats_filled,fill_rate,"));

    // Replaying the simulation's own weekly request files gives the same weeks.
    let c = tempfile::tempdir().unwrap();
    let requests = a.path().join("requests");
    simulate(
        "2",
        c.path(),
        &["--requests-dir", requests.to_str().unwrap()],
    );
    let fc = files(c.path());
    assert_eq!(fc["metrics.csv"], fa["metrics.csv"]);
    assert_eq!(fc["assignments.csv"], fa["assignments.csv"]);
}

#[test]
fn compare_is_byte_identical_with_1_and_2_threads() {
    let dir = tempfile::tempdir().unwrap();
    let outs: Vec<(String, Vec<u8>)> = ["1", "2"]
        .iter()
        .map(|t| {
            let file = dir.path().join(format!("compare-{t}.csv"));
            let mut args = vec!["--threads", t, "compare", "--out", file.to_str().unwrap()];
            args.extend(POLICIES);
            args.extend(["--strategy", "max-weight"]);
            (ok_in(&root(), &args), fs::read(&file).unwrap())
        })
        .collect();
    assert_eq!(outs[1].1, outs[0].1);
    let csv = String::from_utf8(outs[0].1.clone()).unwrap();
    assert!(csv.starts_with(
        "metric,default,protect-load,protect-load diff,greedy,greedy diff,max-weight,max-weight diff\n"
    ));
    let table = &outs[0].0;
    assert!(
        table.lines().any(|l| l.starts_with("fill_rate ")),
        "{table}"
    );
}

#[test]
fn metrics_of_the_run_agree_with_its_summary() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().to_str().unwrap();
    let summary = ok_in(&root(), &["run", "--out", out]);
    let total = summary.lines().find(|l| l.starts_with("total")).unwrap();
    let fill: Vec<&str> = total.split_whitespace().collect();
    let assignments = dir.path().join("assignments.csv");
    let m = ok_in(
        &root(),
        &["metrics", "--assignments", assignments.to_str().unwrap()],
    );
    let get = |name: &str| {
        m.lines()
            .find(|l| l.split_whitespace().next() == Some(name))
            .unwrap_or_else(|| panic!("{name} in\n{m}"))
            .split_whitespace()
            .nth(1)
            .unwrap()
            .to_string()
    };
    assert_eq!(get("seats_asked"), fill[2]);
    assert_eq!(get("seats_filled"), fill[3]);
    assert_eq!(get("fill_rate"), format!("{}%", fill[4]));
}

/// `--progress` prints one line per week's worth of batches on stderr when stderr is not a
/// terminal (here a pipe), in order, and changes no output byte.
#[test]
fn simulate_progress_prints_a_line_per_week_to_a_pipe_and_changes_no_output() {
    let (a, b) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    let plain = simulate_run("2", a.path(), &[]);
    let with = simulate_run("2", b.path(), &["--progress"]);
    assert_eq!(
        files(a.path()),
        files(b.path()),
        "--progress changed an output"
    );
    let lines: Vec<String> = String::from_utf8_lossy(&with.stderr)
        .lines()
        .filter(|l| l.starts_with("simulate: week"))
        .map(str::to_string)
        .collect();
    assert_eq!(lines.len(), 6, "{lines:?}");
    for (k, l) in lines.iter().enumerate() {
        let head = format!(
            "simulate: week {} of 6 done ({} of 18 batches, ",
            k + 1,
            3 * (k + 1)
        );
        assert!(l.starts_with(&head), "{l:?} should start with {head:?}");
    }
    assert!(
        !String::from_utf8_lossy(&plain.stderr).contains("simulate: week"),
        "a progress line without --progress"
    );
    let stdout = |o: &Output| {
        String::from_utf8_lossy(&o.stdout)
            .lines()
            .filter(|l| !l.starts_with("time:") && !l.starts_with("wrote "))
            .collect::<Vec<_>>()
            .join("\n")
    };
    assert_eq!(stdout(&plain), stdout(&with));
}

/// `--progress` speaks the reader's language: with `--lang nl` each week's line is Dutch, with a
/// decimal comma in its seconds, and no English line is printed.
#[test]
fn simulate_progress_lines_are_in_the_readers_language() {
    let out = tempfile::tempdir().unwrap();
    let with = simulate_run("2", out.path(), &["--progress", "--lang", "nl"]);
    let stderr = String::from_utf8_lossy(&with.stderr);
    let lines: Vec<&str> = stderr
        .lines()
        .filter(|l| l.starts_with("simulate: week"))
        .collect();
    assert_eq!(lines.len(), 6, "{stderr}");
    for (k, l) in lines.iter().enumerate() {
        let head = format!(
            "simulate: week {} van 6 klaar ({} van 18 batches, ",
            k + 1,
            3 * (k + 1)
        );
        assert!(l.starts_with(&head), "{l:?} should start with {head:?}");
        let secs = l[head.len()..].trim_end_matches(" s)");
        assert!(
            secs.contains(',') && !secs.contains('.'),
            "{l:?}: seconds without a decimal comma"
        );
    }
    assert!(
        !stderr.contains(" done ("),
        "an English progress line: {stderr}"
    );
}

/// Teams and trajectories in the simulation (issue 24): with team and trajectory rates and
/// newcomers (new experts), no policy or strategy deploys a new expert alone, and the
/// trajectories' later meetings are pins of their weeks that mostly keep their expert (a
/// meeting is lost only when the expert left, is away, or the pin broke a rule of that week).
#[test]
fn simulate_with_teams_and_trajectories_never_sends_a_new_expert_alone() {
    let dir = tempfile::tempdir().unwrap();
    let text = simulate(
        "2",
        &dir.path().join("out"),
        &[
            "--team-rate",
            "0.3",
            "--trajectory-rate",
            "0.4",
            "--join-rate",
            "0.05",
        ],
    );
    let lines: Vec<&str> = text
        .lines()
        .filter(|l| l.contains("new experts deployed alone"))
        .collect();
    assert_eq!(lines.len(), 3, "{text}");
    for l in lines {
        assert!(l.contains("new experts deployed alone 0 "), "{l}");
        let kept: Vec<u64> = l
            .rsplit_once("kept their expert ")
            .unwrap()
            .1
            .split(" of ")
            .map(|n| n.trim().parse().unwrap())
            .collect();
        assert!(kept[1] > 0 && kept[0] * 10 >= kept[1] * 7, "{l}");
        assert!(!l.contains("beside an experienced one 0)"), "{l}");
    }
}

/// A coordinator's own small pool (six experts: buddies, speakers and trainers on three
/// themes; the fourth new-user trial): the drawn weeks ask for the roles and themes the pool
/// has, so a policy fills seats. Before, every drawn request asked for an adviser or a theme
/// nobody had ("22 asked, 0 filled"). Each drawn request must fit some available expert by
/// role and theme, and the default policy fills at least a third of the seats.
#[test]
fn simulate_over_a_small_pool_draws_requests_the_pool_can_fill() {
    let out = tempfile::tempdir().unwrap();
    let data = crate::harness::fixture("small-pool");
    let o = succeeded(run(
        &[
            "simulate",
            "--data",
            data.to_str().unwrap(),
            "--week",
            "2026-W48",
            "--weeks",
            "4",
            "--out",
            out.path().to_str().unwrap(),
        ],
        &root(),
    ));
    let stdout = String::from_utf8_lossy(&o.stdout).to_string();
    let row = stdout
        .lines()
        .find(|l| l.starts_with("default"))
        .unwrap_or_else(|| panic!("{stdout}"));
    let nums: Vec<f64> = row
        .split_whitespace()
        .skip(1)
        .take(2)
        .map(|x| x.parse().unwrap())
        .collect();
    assert!(
        nums[1] * 3.0 >= nums[0],
        "asked {}, filled {}",
        nums[0],
        nums[1]
    );
    // The pool: (roles, themes) of the six experts, all available.
    let pool: [(&[&str], &[&str]); 6] = [
        (&["buddy", "speaker"], &["angst", "pesten"]),
        (&["buddy", "speaker"], &["angst", "suicidaliteit", "pesten"]),
        (&["buddy", "speaker", "trainer"], &["angst", "pesten"]),
        (&["trainer"], &["pesten", "angst"]),
        (&["trainer", "buddy"], &["pesten", "angst"]),
        (&["speaker"], &["suicidaliteit"]),
    ];
    let weeks = out.path().join("requests");
    let mut seen = 0;
    for f in fs::read_dir(&weeks).unwrap() {
        let text = fs::read_to_string(f.unwrap().path()).unwrap();
        for line in text.lines().skip(1) {
            let cells: Vec<&str> = line.split(',').collect();
            // The generator writes themes in several spellings (case, diacritics).
            let (role, themes) = (
                cells[2].to_lowercase(),
                cells[3].to_lowercase().replace('ï', "i"),
            );
            let role = match role.as_str() {
                "maatje" | "ervaringsmaatje" => "buddy",
                "adviseur" => "adviser",
                "spreker" | "voorlichter" => "speaker",
                r => r,
            }
            .to_string();
            let fits = pool.iter().any(|(roles, ts)| {
                roles.iter().any(|r| role.contains(r)) && ts.iter().any(|t| themes.contains(t))
            });
            assert!(fits, "a drawn request nobody could take: {line}");
            seen += 1;
        }
    }
    assert!(seen > 0);
}
