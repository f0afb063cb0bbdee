//! `matchpunt generate`: write a synthetic, realistic batch.

use anyhow::{bail, Result};
use matchpunt::model::places::BUNDLED_CSV;
use matchpunt::model::Week;
use matchpunt_gen::{GenParams, Shape};
use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

/// Write a synthetic batch (experts.csv, requests.csv, history.csv) into a folder.
///
/// Places are drawn by population from the bundled places table; roles, themes, slots,
/// languages, pins and history follow the mixes of a real pool. The same seed gives the same
/// files, byte for byte.
#[derive(clap::Args, Debug)]
pub struct Args {
    /// Number of experts (0 to 1,000,000).
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u64).range(0..=MAX_EXPERTS))]
    experts: u64,
    /// Number of requests (0 to 2,000,000).
    #[arg(long, value_name = "M", value_parser = clap::value_parser!(u64).range(0..=MAX_REQUESTS))]
    requests: u64,
    /// Random seed.
    #[arg(long, value_name = "S", default_value_t = 1)]
    seed: u64,
    /// Output folder: created if missing; a folder with files in it is refused without
    /// --force, so that real data is never overwritten by made-up data.
    #[arg(long, value_name = "DIR")]
    out: PathBuf,
    /// Write into a folder that has files: experts.csv, requests.csv and history.csv are
    /// replaced (as one set), other files are kept.
    #[arg(long)]
    force: bool,
    /// The batch week; history covers the weeks before it.
    #[arg(long, value_name = "WEEK", default_value = "2026-W48", value_parser = crate::inputs::parse_week)]
    week: Week,
    /// Weeks of history (0 to 104).
    #[arg(long, value_name = "N", default_value_t = 4, value_parser = clap::value_parser!(u32).range(0..=104))]
    history_weeks: u32,
    /// Benchmark shape: every expert's max_assignments is N (1 to 20) instead of the usual mix.
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u8).range(1..=20))]
    max_assignments: Option<u8>,
    /// Benchmark shape: every expert's load_budget is N (1 to 50) instead of the usual mix.
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u8).range(1..=50))]
    load_budget: Option<u8>,
    /// Benchmark shape: every expert, request and organisation in one province of the bundled
    /// places table (e.g. Utrecht), spread over all of its places.
    #[arg(long, value_name = "PROVINCE")]
    region: Option<String>,
}

/// Most experts `generate` writes: 20 times the largest benchmark, about 140 MB of CSV.
const MAX_EXPERTS: u64 = 1_000_000;
/// Most requests `generate` writes.
const MAX_REQUESTS: u64 = 2_000_000;

pub fn run(args: Args) -> Result<ExitCode> {
    let week = args.week;
    if !args.force {
        if let Ok(mut entries) = std::fs::read_dir(&args.out) {
            if let Some(Ok(first)) = entries.next() {
                bail!(
                    "--out {}: the folder is not empty (it has {}); generate writes made-up experts, requests and history there: choose an empty folder, or add --force to replace those three files",
                    args.out.display(),
                    first.file_name().to_string_lossy()
                );
            }
        }
    }
    let mut places = matchpunt_gen::places_from_csv(BUNDLED_CSV.as_bytes())?;
    if let Some(region) = &args.region {
        places = in_province(places, region)?;
    }
    let shape = Shape {
        max_assignments: args.max_assignments,
        load_budget: args.load_budget,
        all_places: args.region.is_some(),
    };
    let params = GenParams {
        experts: args.experts as usize,
        requests: args.requests as usize,
        seed: args.seed,
        week: (week.year, week.week),
        history_weeks: args.history_weeks,
    };
    let mut outs = crate::out::OutputSet::open(&args.out)?;
    let mut e = Vec::new();
    let mut r = Vec::new();
    let mut h = Vec::new();
    let stats = matchpunt_gen::generate_shaped(&params, &shape, &places, &mut e, &mut r, &mut h)?;
    outs.stage("experts.csv", |w| Ok(w.write_all(&e)?))?;
    outs.stage("requests.csv", |w| Ok(w.write_all(&r)?))?;
    outs.stage("history.csv", |w| Ok(w.write_all(&h)?))?;
    outs.commit()?;
    writeln!(
        std::io::stdout().lock(),
        "wrote {} experts, {} requests, {} history rows to {}",
        stats.experts,
        stats.requests,
        stats.history_rows,
        args.out.display()
    )?;
    Ok(ExitCode::SUCCESS)
}

/// The places of `province` (any case) in the bundled table, or an error listing the provinces.
fn in_province(
    places: Vec<matchpunt_gen::PlaceWeight>,
    province: &str,
) -> Result<Vec<matchpunt_gen::PlaceWeight>> {
    let table = matchpunt::model::places::Places::bundled();
    let wanted = province.trim();
    let names: std::collections::HashSet<&str> = table
        .all()
        .iter()
        .filter(|p| p.province.eq_ignore_ascii_case(wanted))
        .map(|p| p.name.as_str())
        .collect();
    let kept: Vec<_> = places
        .into_iter()
        .filter(|p| names.contains(p.name.as_str()))
        .collect();
    if kept.is_empty() {
        let all: std::collections::BTreeSet<&str> =
            table.all().iter().map(|p| p.province.as_str()).collect();
        bail!(
            "--region {province:?}: not a province of the bundled places table; expected one of: {}",
            all.into_iter().collect::<Vec<_>>().join(", ")
        );
    }
    Ok(kept)
}
