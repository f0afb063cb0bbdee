//! `run` and friends on their options: where inputs come from, limits, argument ranges, and
//! what the summary says.

use crate::harness::{
    batch_folder, bin, fixture, generate, ok_in, run_in as run, run_week, show, words,
};
use std::fs;
use std::path::Path;
use std::process::Output;

/// A working folder with a bundled-sample look-alike whose history would break any batch, and
/// the user's own batch in `mine/`.
fn user_folder() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let sample = dir.path().join("data/sample");
    fs::create_dir_all(&sample).unwrap();
    fs::write(
        sample.join("history.csv"),
        "week,expert,org,role,intensity\n2026-W47,E999,Elders,buddy,lots\n",
    )
    .unwrap();
    fs::create_dir(dir.path().join("mine")).unwrap();
    for f in ["experts.csv", "requests.csv"] {
        fs::copy(fixture("valid-nl").join(f), dir.path().join("mine").join(f)).unwrap();
    }
    dir
}

#[test]
fn files_given_without_data_never_read_the_bundled_sample() {
    let dir = user_folder();
    let stdout = ok_in(
        dir.path(),
        &words(
            "run --experts mine/experts.csv --requests mine/requests.csv --out out --week 2026-W48",
        ),
    );
    assert!(
        stdout.contains(
            "read mine/experts.csv, mine/requests.csv (no history: mine/history.csv does not exist)"
        ),
        "{stdout}"
    );
    assert!(!stdout.contains("data/sample"), "{stdout}");
    // A history next to the first file given is read, and named.
    fs::write(
        dir.path().join("mine/history.csv"),
        "week,expert,org,role,intensity\n2026-W47,E001,Gemeente Utrecht,buddy,2\n",
    )
    .unwrap();
    fs::write(dir.path().join("p.toml"), "[objective]\nbatch_spread = 5\n").unwrap();
    let stdout = ok_in(
        dir.path(),
        &words(
            "run --requests mine/requests.csv --experts mine/experts.csv --policy p.toml --out out",
        ),
    );
    assert!(
        stdout.contains(
            "read mine/experts.csv, mine/requests.csv, mine/history.csv, policy p.toml\n"
        ),
        "{stdout}"
    );
    // check names them too.
    let o = run(dir.path(), &["check", "--experts", "mine/experts.csv"]);
    assert_eq!(o.status.code(), Some(0), "{}", show(&o));
    assert!(
        String::from_utf8_lossy(&o.stdout)
            .contains("read mine/experts.csv, mine/requests.csv, mine/history.csv\n"),
        "{}",
        show(&o)
    );
}

#[test]
fn time_limit_values_are_checked() {
    let dir = tempfile::tempdir().unwrap();
    for bad in ["inf", "1e19", "NaN", "-1", "soon", "1000001", "2,5"] {
        let o = run(dir.path(), &["run", "--time-limit", bad]);
        assert_eq!(o.status.code(), Some(2), "{bad}\n{}", show(&o));
        let err = String::from_utf8_lossy(&o.stderr);
        assert!(
            err.contains("expected a number of seconds from 0 to 1000000"),
            "{bad}: {err}"
        );
        if bad == "2,5" {
            assert!(err.contains("use a decimal point"), "{err}");
        }
    }
    for bad in ["0", "-3", "many", "1e3"] {
        let o = run(dir.path(), &["run", "--work-limit", bad]);
        assert_eq!(o.status.code(), Some(2), "{bad}\n{}", show(&o));
    }
    assert!(fs::read_dir(dir.path()).unwrap().next().is_none());
}

/// A generated batch (300 x 400, seed 7) whose proof takes more than one branch-and-bound node
/// (chosen again when the places table changed the generated batches).
fn hard_batch(dir: &Path) {
    generate(dir, "batch", 300, 400, 7, &[]);
}

fn objective_line(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout)
        .lines()
        .find(|l| l.starts_with("objective"))
        .unwrap_or_else(|| panic!("no objective line\n{}", show(o)))
        .to_string()
}

#[test]
fn the_work_limit_gives_the_same_answer_whatever_the_threads_and_says_it_stopped_the_run() {
    let dir = tempfile::tempdir().unwrap();
    hard_batch(dir.path());
    let mut outs = Vec::new();
    for threads in ["1", "2"] {
        let out = format!("out{threads}");
        let o = run(
            dir.path(),
            &[
                "--threads",
                threads,
                "run",
                "--data",
                "batch",
                "--no-master",
                "--work-limit",
                "1",
                "--out",
                &out,
            ],
        );
        assert_eq!(o.status.code(), Some(0), "{}", show(&o));
        let line = objective_line(&o);
        assert!(
            line.ends_with("not proven: stopped by the work limit"),
            "{line}"
        );
        outs.push((
            line,
            fs::read(dir.path().join(&out).join("assignments.csv")).unwrap(),
        ));
    }
    assert_eq!(outs[0], outs[1]);
    // A time limit of 0 stops the search at once; the answer keeps every rule all the same
    // (checked by the library's tests) and the summary names the time limit.
    let o = run(
        dir.path(),
        &words("run --data batch --no-master --time-limit 0 --out out0"),
    );
    assert_eq!(o.status.code(), Some(0), "{}", show(&o));
    let line = objective_line(&o);
    assert!(
        line.ends_with("not proven: stopped by the time limit"),
        "{line}"
    );
}

/// The time limit holds within 10% for the whole run at the largest benchmark size (10,000
/// experts x 20,000 requests, 1.8 million eligible pairs), where the root flow alone takes 1-2 s.
/// Timing depends on the machine, so this runs only on request, with a release build:
/// `cargo test --release -p matchpunt-cli --test it -- --ignored run_options::`.
#[test]
#[ignore]
fn time_limit_holds_at_the_largest_bench_size() {
    let dir = tempfile::tempdir().unwrap();
    generate(dir.path(), "big", 10_000, 20_000, 1, &[]);
    for limit in [10.0f64, 20.0] {
        let t = std::time::Instant::now();
        let o = run(
            dir.path(),
            &[
                "run",
                "--data",
                "big",
                "--out",
                "out",
                "--time-limit",
                &limit.to_string(),
            ],
        );
        let took = t.elapsed().as_secs_f64();
        assert_eq!(o.status.code(), Some(0), "{}", show(&o));
        println!("--time-limit {limit}: {took:.2} s\n{}", objective_line(&o));
        assert!(took <= limit * 1.1, "--time-limit {limit} took {took:.2} s");
    }
}

/// Runs the binary and fails if it has not answered within `secs` seconds (killing it then).
fn run_within(dir: &Path, args: &[&str], secs: u64) -> Output {
    let mut child = bin()
        .args(args)
        .current_dir(dir)
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let t = std::time::Instant::now();
    while child.try_wait().unwrap().is_none() {
        if t.elapsed() > std::time::Duration::from_secs(secs) {
            child.kill().unwrap();
            panic!("{args:?} did not answer within {secs} s");
        }
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    child.wait_with_output().unwrap()
}

#[test]
fn hostile_arguments_are_refused_at_once() {
    let dir = tempfile::tempdir().unwrap();
    for args in [
        &["--threads", "100000", "check"][..],
        &["--threads", "0", "check"][..],
        &words("generate --experts 99999999999 --requests 5 --out g")[..],
        &words("generate --experts 5 --requests 2000001 --out g")[..],
        &words("generate --experts 5 --requests 5 --history-weeks 100000 --out g")[..],
    ] {
        let o = run_within(dir.path(), args, 20);
        assert_eq!(o.status.code(), Some(2), "{args:?}\n{}", show(&o));
        assert!(
            String::from_utf8_lossy(&o.stderr).contains("not in"),
            "{args:?}\n{}",
            show(&o)
        );
    }
    assert!(fs::read_dir(dir.path()).unwrap().next().is_none());
}

#[test]
fn a_tiny_dimacs_file_announcing_a_huge_network_is_refused_at_once() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join("huge.min"), "p min 134217728 0\n").unwrap();
    let o = run_within(dir.path(), &["flow", "huge.min"], 20);
    assert_eq!(o.status.code(), Some(1), "{}", show(&o));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(
        err.contains("line 1") && err.contains("at most 1048576 nodes"),
        "{err}"
    );
}

/// The summary says in a coordinator's words why seats stay open, and progress lines appear
/// only on a terminal (here stderr is a pipe).
#[test]
fn the_summary_counts_open_seats_by_cause() {
    let dir = batch_folder(
        "id,roles,certified,themes,place,availability,active\n\
         E1,buddy,yes,autisme,Utrecht,mon-am,yes\n\
         E2,buddy,yes,autisme,Utrecht,mon-am,no\n",
        "id,org,role,themes,place,slot,experts_needed,pinned_expert\n\
         R1,Org A,buddy,autisme,Groningen,mon-am,2,\n\
         R2,Org B,buddy,autisme,Utrecht,tue-pm,3,\n\
         R3,Org C,buddy,autisme,Utrecht,mon-am,2,E2\n",
    );
    let o = run_week(dir.path(), ".", "out", &[]);
    assert_eq!(o.status.code(), Some(0), "{}", show(&o));
    let stdout = String::from_utf8_lossy(&o.stdout);
    assert!(
        stdout.contains(
            "6 seats open, see out/unmatched.csv: 3 no free slot, 2 too far, 1 pin conflict\n"
        ),
        "{stdout}"
    );
    let stderr = String::from_utf8_lossy(&o.stderr);
    assert!(!stderr.contains("solving"), "{stderr}");
}

#[test]
fn generate_refuses_a_folder_with_files_unless_forced() {
    let dir = tempfile::tempdir().unwrap();
    fs::create_dir(dir.path().join("real")).unwrap();
    fs::write(dir.path().join("real/experts.csv"), "real data").unwrap();
    fs::write(dir.path().join("real/notes.txt"), "mine").unwrap();
    let args = [
        "generate",
        "--experts",
        "5",
        "--requests",
        "5",
        "--out",
        "real",
    ];
    let o = run(dir.path(), &args);
    assert_eq!(o.status.code(), Some(1), "{}", show(&o));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(
        err.contains("not empty") && err.contains("--force"),
        "{err}"
    );
    assert_eq!(
        fs::read_to_string(dir.path().join("real/experts.csv")).unwrap(),
        "real data"
    );
    let mut forced = args.to_vec();
    forced.push("--force");
    let o = run(dir.path(), &forced);
    assert_eq!(o.status.code(), Some(0), "{}", show(&o));
    assert!(fs::read_to_string(dir.path().join("real/experts.csv"))
        .unwrap()
        .starts_with("id,"));
    assert_eq!(
        fs::read_to_string(dir.path().join("real/notes.txt")).unwrap(),
        "mine"
    );
    // An empty folder, or none, needs no --force.
    fs::create_dir(dir.path().join("empty")).unwrap();
    for out in ["empty", "new/sub"] {
        let o = run(
            dir.path(),
            &[
                "generate",
                "--experts",
                "5",
                "--requests",
                "5",
                "--out",
                out,
            ],
        );
        assert_eq!(o.status.code(), Some(0), "{out}: {}", show(&o));
    }
}

#[test]
fn policy_check_prints_toml_and_hints_at_decimal_commas() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join("p.toml"), "[history]\ndecay = 0.25\n").unwrap();
    let o = run(dir.path(), &["policy", "--check", "p.toml"]);
    assert_eq!(o.status.code(), Some(0), "{}", show(&o));
    let out = String::from_utf8_lossy(&o.stdout).into_owned();
    assert!(out.contains("[history]\ndecay = 0.25\n"), "{out}");
    assert!(!out.contains("Policy {"), "a debug dump: {out}");
    // What it prints is itself a policy file that reads back the same.
    fs::write(dir.path().join("again.toml"), &out).unwrap();
    let again = run(dir.path(), &["policy", "--check", "again.toml"]);
    assert_eq!(again.status.code(), Some(0), "{}", show(&again));
    assert_eq!(
        String::from_utf8_lossy(&again.stdout)
            .lines()
            .skip(1)
            .collect::<Vec<_>>(),
        out.lines().skip(1).collect::<Vec<_>>()
    );
    fs::write(
        dir.path().join("comma.toml"),
        "[history]\n\ndecay = 0,5 # Dutch\n",
    )
    .unwrap();
    for args in [
        &["policy", "--check", "comma.toml"][..],
        &["run", "--policy", "comma.toml", "--out", "o"][..],
    ] {
        let o = run(dir.path(), args);
        assert_eq!(o.status.code(), Some(1), "{}", show(&o));
        let err = String::from_utf8_lossy(&o.stderr);
        assert!(
            err.contains("line 3: use a decimal point in numbers: decay = 0.5"),
            "{err}"
        );
    }
}

#[test]
fn help_says_what_the_tool_does_and_groups_outputs() {
    let dir = tempfile::tempdir().unwrap();
    let o = run(dir.path(), &["--help"]);
    assert_eq!(o.status.code(), Some(0));
    let help = String::from_utf8_lossy(&o.stdout);
    for want in [
        "certified experts by experience",
        "check ",
        "run ",
        "generate ",
        "policy ",
        "flow ",
        "suggest ",
        "explain ",
        "Exit codes: 0 success; 1 bad input",
        "2 usage error; 130 stopped",
    ] {
        assert!(help.contains(want), "{want:?} not in:\n{help}");
    }
    let o = run(dir.path(), &["run", "--help"]);
    let help = String::from_utf8_lossy(&o.stdout);
    let outputs = help.find("\nOutputs:").expect("an Outputs heading");
    for opt in [
        "--out <DIR|FILE.xlsx>",
        "--export-lp <FILE>",
        "--export-dimacs <FILE>",
    ] {
        let at = help
            .find(opt)
            .unwrap_or_else(|| panic!("{opt} not in {help}"));
        assert!(at > outputs, "{opt} is not under Outputs:\n{help}");
    }
    for opt in ["--time-limit", "--work-limit"] {
        assert!(help.contains(opt), "{opt}");
    }
    assert!(help.contains("which one stopped"), "{help}");
}

/// The case `flow-cost-overflow`: the cause is the headline, not "no feasible flow".
#[test]
fn flow_names_the_real_cause() {
    let dir = tempfile::tempdir().unwrap();
    let src = fixture("flow-cost-overflow");
    for f in ["overflow.min", "bigcost.min"] {
        fs::copy(src.join(f), dir.path().join(f)).unwrap();
    }
    let o = run(dir.path(), &["flow", "overflow.min"]);
    assert_eq!(o.status.code(), Some(1), "{}", show(&o));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(
        err.starts_with("matchpunt: overflow.min: the optimal cost is too large"),
        "{err}"
    );
    assert!(!err.contains("no feasible flow"), "{err}");
    let o = run(dir.path(), &["flow", "bigcost.min"]);
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(
        err.starts_with("matchpunt: bigcost.min: numbers too large for the solver: arc 0 has cost"),
        "{err}"
    );
    fs::write(
        dir.path().join("infeasible.min"),
        "p min 2 1\nn 1 2\nn 2 -2\na 1 2 0 1 1\n",
    )
    .unwrap();
    let o = run(dir.path(), &["flow", "infeasible.min"]);
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(err.contains("infeasible.min has no feasible flow"), "{err}");
}

#[test]
fn an_empty_requests_or_experts_file_warns() {
    let dir = batch_folder(
        "id,roles,certified,themes,place,availability\n",
        "id,org,role,themes,place\n",
    );
    for cmd in ["check", "run"] {
        let o = run(dir.path(), &[cmd, "--data", ".", "--week", "2026-W48"]);
        assert_eq!(o.status.code(), Some(0), "{}", show(&o));
        let err = String::from_utf8_lossy(&o.stderr);
        assert!(
            err.contains("warning: ./experts.csv: no experts: no request can be filled"),
            "{cmd}: {err}"
        );
        assert!(
            err.contains("warning: ./requests.csv: no requests: nothing to assign"),
            "{cmd}: {err}"
        );
    }
}

#[test]
fn generate_shapes_set_capacity_and_keep_to_one_province() {
    let dir = tempfile::tempdir().unwrap();
    let o = run(
        dir.path(),
        &words("generate --experts 200 --requests 200 --max-assignments 1 --load-budget 2 --region zeeland --out z"),
    );
    assert_eq!(o.status.code(), Some(0), "{}", show(&o));
    let zeeland: std::collections::HashSet<String> = matchpunt::model::places::Places::bundled()
        .all()
        .iter()
        .filter(|p| p.province == "Zeeland")
        .map(|p| p.name.clone())
        .collect();
    let experts = fs::read_to_string(dir.path().join("z/experts.csv")).unwrap();
    let mut rd = csv::Reader::from_reader(experts.as_bytes());
    let h = rd.headers().unwrap().clone();
    let col = |n: &str| h.iter().position(|x| x == n).unwrap();
    let (place, ma, lb) = (col("place"), col("max_assignments"), col("load_budget"));
    for r in rd.records() {
        let r = r.unwrap();
        assert!(zeeland.contains(&r[place]), "{:?}", &r[place]);
        assert_eq!((&r[ma], &r[lb]), ("1", "2"));
    }
    // A province that is not in the table is a usage error naming the provinces.
    let o = run(
        dir.path(),
        &words("generate --experts 5 --requests 5 --region Atlantis --out a"),
    );
    assert_eq!(o.status.code(), Some(1), "{}", show(&o));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(err.contains("Atlantis") && err.contains("Zeeland"), "{err}");
}

/// The case batch `benches/cases/perf-2000x2000-unproven` (2,000 x 2,000, week 2026-W47), whose
/// optimum HiGHS proves: 507,849.8. Its right outcome, "proven, faster than HiGHS", is not
/// reached yet (the Dantzig-Wolfe bound stays 34.35 points above the optimum; see the README's
/// performance section); this holds what is: with the work limit, the same answer on every
/// machine, within 10 points of the optimum (the root's RINS), and a bound that is a bound.
/// About 10 s in a release build, minutes in a debug one, so it runs only on request:
/// `cargo test --release -p matchpunt-cli --test it -- --ignored run_options::`.
#[test]
#[ignore]
fn case_perf_2000x2000_answer_near_the_optimum_with_a_valid_bound() {
    let case =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("../../benches/cases/perf-2000x2000-unproven");
    let dir = tempfile::tempdir().unwrap();
    let data = case.to_str().unwrap();
    let o = run(
        dir.path(),
        &[
            "run",
            "--data",
            data,
            "--week",
            "2026-W47",
            "--out",
            "out",
            "--work-limit",
            "1",
        ],
    );
    assert_eq!(o.status.code(), Some(0), "{}", show(&o));
    let line = objective_line(&o);
    let number = |after: &str| -> f64 {
        let rest = &line[line.find(after).unwrap_or_else(|| panic!("{line}")) + after.len()..];
        rest.split(|c: char| !(c.is_ascii_digit() || c == '.'))
            .next()
            .unwrap()
            .parse()
            .unwrap()
    };
    let (objective, bound) = (number("objective "), number("proven bound "));
    const OPTIMUM: f64 = 507_849.8;
    assert!(objective <= OPTIMUM + 1e-6, "{line}");
    assert!(objective >= OPTIMUM - 10.0, "{line}");
    assert!(bound >= OPTIMUM - 1e-6, "{line}");
}

/// The same input gives the same workbook, byte for byte: its creation time is the batch
/// week's Monday, not the time of the run (a second run a second later writes the same bytes,
/// in both languages); the CSVs of the set are the same too.
#[test]
fn the_same_input_gives_a_byte_identical_workbook() {
    let dir = tempfile::tempdir().unwrap();
    generate(dir.path(), "b", 40, 30, 7, &[]);
    let data = dir.path().join("b");
    for lang in ["en", "nl"] {
        let set = |out: &str| {
            let o = run_week(dir.path(), &data, out, &["--xlsx", "--lang", lang]);
            assert!(o.status.success(), "{}", show(&o));
            crate::harness::files(&dir.path().join(out))
        };
        let a = set(&format!("a-{lang}"));
        std::thread::sleep(std::time::Duration::from_millis(1100));
        let b = set(&format!("b-{lang}"));
        assert!(a.contains_key("matchpunt.xlsx"), "{:?}", a.keys());
        for (name, bytes) in &a {
            if name != "standbys.csv" {
                assert!(b.get(name) == Some(bytes), "{lang}: {name} differs");
            }
        }
        let mut zip =
            zip::ZipArchive::new(std::io::Cursor::new(a["matchpunt.xlsx"].clone())).unwrap();
        let mut core = String::new();
        std::io::Read::read_to_string(&mut zip.by_name("docProps/core.xml").unwrap(), &mut core)
            .unwrap();
        assert!(core.contains("2026-11-23T00:00:00Z"), "{core}");
    }
}
