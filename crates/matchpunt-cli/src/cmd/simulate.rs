//! `matchpunt simulate`: policies over many weeks, each week's assignments feeding the next.

use super::compare::{progress, BatchArgs, ContenderArgs, File};
use crate::out::Outputs;
use anyhow::{bail, Context, Result};
use matchpunt::analysis::simulate::{self, Settings};
use matchpunt::messages::{Lang, Msg};
use matchpunt::model::places::Places;
use matchpunt::solve::SolveOptions;
use matchpunt_sim::{html, report, Churn, Params};
use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Instant;

/// Simulate policies over many weeks, with history feedback.
///
/// Each week draws requests from the seeded generator over the batch's organisations and places
/// (or replays a folder of weekly request files), runs the batch under every policy and
/// reference strategy, and adds the kept assignments to the history the next week sees: recent
/// load decays, continuity builds. Experts leave, join and take weeks off, and decline some
/// proposals, at the rates below; every policy sees the same weeks. Prints a summary: fill rate,
/// load share p90 and max, experts starved (eligible 4+ weeks in a row without a proposal), and
/// the share of seats held by the top 10% of experts. `--out DIR` writes metrics.csv (per week
/// and policy), assignments.csv, summary.csv, the weeks' requests (requests/WEEK.csv, which
/// `--requests-dir` replays) and report.html (charts; one self-contained page).
#[derive(clap::Args, Debug)]
pub struct Args {
    #[command(flatten)]
    batch: BatchArgs,
    #[command(flatten)]
    lang: crate::args::LangArg,
    #[command(flatten)]
    contenders: ContenderArgs,
    /// Number of weeks, 1 to 520 (ten years).
    #[arg(long, value_name = "N", default_value_t = 26,
        value_parser = clap::value_parser!(u64).range(1..=MAX_WEEKS))]
    weeks: u64,
    /// Seed of everything drawn (requests, churn, declines): the same seed, the same outputs.
    #[arg(long, value_name = "S", default_value_t = 1)]
    seed: u64,
    /// Requests per generated week, about (±10%), at most 2,000,000 (as `generate`), and at most
    /// 2,000,000 over all weeks [default: as many as the batch's requests file].
    #[arg(long, value_name = "N",
        value_parser = clap::value_parser!(u64).range(0..=MAX_REQUESTS_PER_WEEK))]
    requests_per_week: Option<u64>,
    /// Replay these weekly request files (*.csv, in name order, one a week) instead of drawing
    /// requests; a file named after a week (2026-W49.csv) is that week's batch.
    #[arg(long, value_name = "DIR")]
    requests_dir: Option<PathBuf>,
    /// Chance per week that an expert leaves for good.
    #[arg(long, value_name = "RATE", default_value_t = 0.01)]
    leave_rate: f64,
    /// Newcomers per week as a share of the starting pool (each with the profile of an expert
    /// of the pool and no history).
    #[arg(long, value_name = "RATE", default_value_t = 0.01)]
    join_rate: f64,
    /// Chance per week that an expert takes the week off.
    #[arg(long, value_name = "RATE", default_value_t = 0.05)]
    off_rate: f64,
    /// Chance that an expert declines a proposed assignment (not a pin); the seat stays open.
    #[arg(long, value_name = "RATE", default_value_t = 0.05)]
    decline_rate: f64,
    /// Share of the requests drawn as teams of two with at least one experienced expert
    /// (issue 24); newcomers count as new experts from the week they join.
    #[arg(long, value_name = "RATE", default_value_t = 0.0)]
    team_rate: f64,
    /// Share of the one-seat buddy requests drawn as trajectories of 2 to 5 weekly meetings;
    /// each later meeting is a pin of its week.
    #[arg(long, value_name = "RATE", default_value_t = 0.0)]
    trajectory_rate: f64,
    /// Branch-and-bound nodes per component and batch. A work limit rather than a time limit,
    /// so that the results do not depend on the machine.
    #[arg(long, value_name = "N", default_value_t = 200)]
    node_limit: usize,
    /// Output folder for the CSV files and report.html.
    #[arg(long, value_name = "DIR")]
    out: Option<PathBuf>,
    /// Print a line to stderr each time another week's worth of batches is done (as many
    /// batches as there are policies), also when stderr is not a terminal (a log, a CI job).
    /// Without it, a bar is drawn when stderr is a terminal.
    #[arg(long)]
    progress: bool,
}

/// Most weeks simulated: ten years. Every week's proposals are kept for the outputs, so a
/// million weeks ran out of memory (4-5.5 GB) instead of being refused.
const MAX_WEEKS: u64 = 520;
/// Most requests per generated week, as `generate --requests`.
const MAX_REQUESTS_PER_WEEK: u64 = 2_000_000;
/// Most generated requests over all weeks (weeks × requests per week): the simulation keeps
/// every week's requests and proposals in memory.
const MAX_REQUESTS_TOTAL: u64 = 2_000_000;

/// `--progress`: one line on stderr per week's worth of finished batches (the policies run in
/// parallel, each week after week, so "week k" is the k-th multiple of the policy count).
struct WeekLines {
    on: bool,
    lang: Lang,
    weeks: usize,
    policies: usize,
    done: std::sync::atomic::AtomicUsize,
    start: Instant,
}

impl WeekLines {
    fn new(on: bool, lang: Lang, weeks: usize, policies: usize) -> Self {
        WeekLines {
            on,
            lang,
            weeks,
            policies: policies.max(1),
            done: std::sync::atomic::AtomicUsize::new(0),
            start: Instant::now(),
        }
    }

    /// Counts one finished batch; prints the line when it completes a week's worth.
    fn batch_done(&self) {
        let n = self.done.fetch_add(1, std::sync::atomic::Ordering::SeqCst) + 1;
        if self.on && n.is_multiple_of(self.policies) {
            eprintln!("{}", self.line(n));
        }
    }

    /// The line after `n` finished batches, in the reader's language.
    fn line(&self, n: usize) -> String {
        self.lang.fill(
            Msg::ProgressSimWeek,
            &[
                ("week", &(n / self.policies)),
                ("weeks", &self.weeks),
                ("n", &n),
                ("total", &(self.weeks * self.policies)),
                ("s", &self.lang.num(self.start.elapsed().as_secs_f64(), 1)),
            ],
        )
    }
}

fn rate(name: &str, v: f64) -> Result<f64> {
    if !(0.0..=1.0).contains(&v) {
        bail!("--{name} {v}: expected a number from 0 to 1");
    }
    Ok(v)
}

pub fn run(args: Args) -> Result<ExitCode> {
    let t0 = Instant::now();
    let contenders = args.contenders.contenders()?;
    let files = args.batch.read()?;
    let places = Places::bundled();
    let loaded = files.load(&contenders[0].policy, &places)?;
    let lang = args.lang.or_policy(&contenders[0].policy);
    for w in &loaded.warnings {
        eprintln!("{}", lang.fill(Msg::Warning, &[("text", &w.render(lang))]));
    }
    let base = &loaded.instance;
    let per_week = args.requests_per_week.unwrap_or(base.requests.len() as u64);
    if args.requests_dir.is_none() && per_week.saturating_mul(args.weeks) > MAX_REQUESTS_TOTAL {
        bail!(
            "--weeks {} with {per_week} requests per week is {} requests: expected at most {} over all weeks (fewer weeks, or --requests-per-week)",
            args.weeks,
            per_week.saturating_mul(args.weeks),
            MAX_REQUESTS_TOTAL
        );
    }
    let params = Params {
        weeks: args.weeks as usize,
        seed: args.seed,
        requests_per_week: per_week as usize,
        churn: Churn {
            leave_rate: rate("leave-rate", args.leave_rate)?,
            join_rate: rate("join-rate", args.join_rate)?,
            off_rate: rate("off-rate", args.off_rate)?,
        },
    };
    let settings = Settings {
        seed: args.seed,
        decline_rate: rate("decline-rate", args.decline_rate)?,
        starvation_weeks: 4,
        solve: SolveOptions {
            time_limit: None,
            node_limit: args.node_limit.max(1),
            ..SolveOptions::default()
        },
        team_rate: rate("team-rate", args.team_rate)?,
        trajectory_rate: rate("trajectory-rate", args.trajectory_rate)?,
    };
    let experts_name = files.experts.name();
    let world = match &args.requests_dir {
        Some(dir) => {
            let mut paths: Vec<PathBuf> = std::fs::read_dir(dir)
                .with_context(|| format!("cannot read the folder {}", dir.display()))?
                .filter_map(|e| e.ok().map(|e| e.path()))
                .filter(|p| p.extension().is_some_and(|x| x.eq_ignore_ascii_case("csv")))
                .collect();
            paths.sort();
            if paths.is_empty() {
                bail!("{}: no .csv request files to replay", dir.display());
            }
            let weekly = paths
                .iter()
                .map(|p| File::read(p).map(|f| (f.name(), f.bytes)))
                .collect::<Result<Vec<_>>>()?;
            matchpunt_sim::replayed(
                base,
                &experts_name,
                files.experts.bytes.clone(),
                weekly,
                &params,
            )
        }
        None => matchpunt_sim::generated(
            base,
            &experts_name,
            files.experts.bytes.clone(),
            &places,
            &params,
        ),
    };
    let weeks = world.weeks.len();
    let pb = if args.progress {
        indicatif::ProgressBar::hidden()
    } else {
        progress(
            (weeks * contenders.len()) as u64,
            lang.text(Msg::ProgressSimulate),
        )
    };
    let lines = WeekLines::new(args.progress, lang, weeks, contenders.len());
    let runs = simulate::simulate(
        &world.roster,
        &world.weeks,
        &world.history,
        &contenders,
        &settings,
        &places,
        &|| {
            pb.inc(1);
            lines.batch_done();
        },
    )?;
    pb.finish_and_clear();

    let first = world
        .weeks
        .first()
        .map(|w| w.week.to_string())
        .unwrap_or_default();
    let last = world
        .weeks
        .last()
        .map(|w| w.week.to_string())
        .unwrap_or_default();
    let source = match &args.requests_dir {
        Some(d) => lang.fill(Msg::SimReplayed, &[("dir", &d.display())]),
        None => lang.fill(
            Msg::SimGenerated,
            &[("n", &params.requests_per_week), ("seed", &args.seed)],
        ),
    };
    // A rate as given (0.01), with a decimal comma in Dutch.
    let rate = |x: f64| match lang {
        Lang::En => x.to_string(),
        Lang::Nl => x.to_string().replace('.', ","),
    };
    let description = lang.fill(
        Msg::SimWeeks,
        &[
            ("weeks", &weeks),
            ("first", &first),
            ("last", &last),
            ("file", &files.experts.name()),
            ("experts", &base.experts.len()),
            ("source", &source),
            ("leave", &rate(params.churn.leave_rate)),
            ("join", &rate(params.churn.join_rate)),
            ("off", &rate(params.churn.off_rate)),
            ("decline", &rate(settings.decline_rate)),
        ],
    );
    let mut written = Vec::new();
    if let Some(dir) = &args.out {
        let mut outs = Outputs::new(dir, &files.paths())?;
        outs.stage("metrics.csv", |w| Ok(report::write_metrics(&runs, w)?))?;
        outs.stage("assignments.csv", |w| {
            Ok(report::write_assignments(&runs, w)?)
        })?;
        outs.stage("summary.csv", |w| Ok(report::write_summary(&runs, w)?))?;
        outs.stage("report.html", |w| {
            Ok(w.write_all(html::render_in(&runs, &description, lang).as_bytes())?)
        })?;
        if args.requests_dir.is_none() {
            let sub = dir.join("requests");
            std::fs::create_dir_all(&sub).with_context(|| {
                crate::voice::reader().fill(
                    matchpunt::messages::Msg::OutCannotCreateFolder,
                    &[("path", &sub.display())],
                )
            })?;
            for w in &world.weeks {
                outs.stage(&format!("requests/{}.csv", w.week), |out| {
                    Ok(out.write_all(&inert_csv(&w.requests)?)?)
                })?;
            }
        }
        written = outs.commit()?;
    }
    let mut out = std::io::stdout().lock();
    writeln!(out, "{description}")?;
    out.write_all(report::summary_text_in(&runs, lang).as_bytes())?;
    if settings.team_rate > 0.0 || settings.trajectory_rate > 0.0 {
        for run in &runs {
            let s = &run.summary;
            let line = lang.fill(
                Msg::SimTeams,
                &[
                    ("policy", &run.name),
                    ("alone", &s.new_alone),
                    ("beside", &s.new_in_team),
                    ("started", &s.trajectories_started),
                    ("kept", &s.meetings_kept),
                    ("later", &(s.meetings_kept + s.meetings_lost)),
                ],
            );
            writeln!(out, "{line}")?;
        }
    }
    writeln!(
        out,
        "{}",
        lang.fill(
            Msg::SimTime,
            &[("s", &lang.num(t0.elapsed().as_secs_f64(), 2))]
        )
    )?;
    if let Some(dir) = &args.out {
        writeln!(
            out,
            "{}",
            lang.fill(
                Msg::SimWrote,
                &[
                    ("n", &written.len()),
                    ("dir", &dir.display()),
                    ("report", &dir.join("report.html").display()),
                ]
            )
        )?;
    }
    Ok(ExitCode::SUCCESS)
}

/// A week's requests CSV as written for a person: every text cell that a spreadsheet would
/// evaluate (`=`, `+`, `-`, `@`, a tab or a carriage return first) gets a leading `'`
/// ([`matchpunt::report::table::inert`], as every other output); the readers drop it again, so
/// that `simulate --requests-dir` replays the same requests. The delimiter (`,` or `;`, the more
/// frequent in the header) and a byte-order mark are kept. O(size of the file).
fn inert_csv(bytes: &[u8]) -> Result<Vec<u8>> {
    let (bom, body) = match bytes.strip_prefix("\u{feff}".as_bytes()) {
        Some(rest) => (true, rest),
        None => (false, bytes),
    };
    let head = body.split(|&b| b == b'\n').next().unwrap_or_default();
    let count = |c: u8| head.iter().filter(|&&b| b == c).count();
    let delimiter = if count(b';') > count(b',') {
        b';'
    } else {
        b','
    };
    let mut rdr = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(delimiter)
        .from_reader(body);
    let mut out = Vec::with_capacity(bytes.len() + 16);
    if bom {
        out.extend_from_slice("\u{feff}".as_bytes());
    }
    {
        let mut wtr = csv::WriterBuilder::new()
            .flexible(true)
            .delimiter(delimiter)
            .from_writer(&mut out);
        for rec in rdr.records() {
            let rec = rec.context("a generated requests file")?;
            let cells: Vec<String> = rec
                .iter()
                .map(|c| {
                    if c.parse::<f64>().is_ok() {
                        c.to_string()
                    } else {
                        matchpunt::report::table::inert(c).into_owned()
                    }
                })
                .collect();
            wtr.write_record(&cells)?;
        }
        wtr.flush()?;
    }
    Ok(out)
}
