//! `matchpunt metrics`: the metrics of a batch's assignments.

use crate::inputs::InputArgs;
use anyhow::{anyhow, Result};
use matchpunt::analysis::metrics::{self, Row};
use matchpunt::eligibility::candidates;
use matchpunt::messages::{Lang, Msg};
use matchpunt::model::places::Places;
use matchpunt::scoring::score_pairs;
use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

/// Print the metrics of a batch's assignments.
///
/// Reads the batch and an assignments file (`request` and `expert` columns: the assignments.csv
/// that `run` writes, or a coordinator's own) and prints seats filled (all, by role, by
/// priority, by province), mean score, travel, load share, the Gini coefficient of the
/// assignments, continuity, heavy-theme seats and pins honoured. A pair that breaks one of
/// rules 1-8 is an error; breaking a batch limit (rules 8-10) is a warning.
#[derive(clap::Args, Debug)]
pub struct Args {
    #[command(flatten)]
    inputs: InputArgs,
    #[command(flatten)]
    ledger: crate::cmd::ledger::LedgerArg,
    /// The assignments to measure [default: out/assignments.csv].
    #[arg(long, value_name = "FILE", default_value = "out/assignments.csv")]
    assignments: PathBuf,
    #[command(flatten)]
    lang: crate::args::LangArg,
}

pub fn run(args: Args) -> Result<ExitCode> {
    let policy = args.inputs.policy()?;
    let lang = args.lang.or_policy(&policy);
    let loaded = crate::cmd::ledger::load_or_files(&args.ledger, &args.inputs, &policy)
        .map_err(|e| crate::inputs::in_lang(e, lang))?;
    for w in &loaded.warnings {
        eprintln!("{}", lang.fill(Msg::Warning, &[("text", &w.render(lang))]));
    }
    let inst = &loaded.instance;
    let scored = score_pairs(inst, &policy, &candidates(inst, &policy));
    let file = crate::voice::open(&args.assignments)?;
    let name = args.assignments.display().to_string();
    let (assignments, warnings) =
        metrics::assignments_from_csv(inst, &policy, &scored, file, &name)
            .map_err(|e| anyhow!("{}", e.0.render(lang)))?;
    for w in &warnings {
        eprintln!(
            "{}",
            lang.fill(
                Msg::Warning,
                &[("text", &format!("{name}: {}", w.render(lang)))]
            )
        );
    }
    let places = Places::bundled();
    let provinces = metrics::request_provinces(inst, &places);
    let m = metrics::of_assignments(inst, &policy, &scored, &assignments, &provinces);
    let mut out = std::io::stdout().lock();
    writeln!(
        out,
        "{}",
        lang.fill(
            Msg::MetricsHead,
            &[
                (
                    "week",
                    &inst.week.map(|w| w.to_string()).unwrap_or_default()
                ),
                ("filled", &m.seats.filled),
                ("seats", &m.seats.asked),
            ]
        )
    )?;
    let rows = m.rows();
    let width = rows.iter().map(|r| r.name.len()).max().unwrap_or(10);
    for r in rows {
        writeln!(out, "{:<width$}  {}", r.name, fmt(&r, lang))?;
    }
    Ok(ExitCode::SUCCESS)
}

fn fmt(r: &Row, lang: Lang) -> String {
    if r.share {
        format!("{}%", lang.num(100.0 * r.value, 1))
    } else if r.value.fract() == 0.0 {
        lang.num(r.value, 0)
    } else {
        lang.num(r.value, 2)
    }
}
