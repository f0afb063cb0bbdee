//! `matchpunt explain`: why the batch assigned a request as it did, or an expert's week.

use crate::cmd::run::SolverArgs;
use crate::cmd::suggest::{find_request, open_source, OutputArgs};
use crate::inputs::InputArgs;
use anyhow::{anyhow, bail, Result};
use matchpunt::explain::{self, Base};
use std::path::PathBuf;
use std::process::ExitCode;

/// Why the batch assigned a request as it did, with the exact cost of each runner-up, or one
/// expert's week.
///
/// --request R: whom the batch assigned and why; the runners-up, each with the exact objective
/// change of putting them in instead (the batch re-solved with that pair fixed) and what else
/// would change; the experts who were never eligible, counted by rule; and for open seats the
/// smallest changes that fill one, each checked by a re-solve. --expert E: the expert's
/// assignments, load against budget and count, and the requests they were eligible for but did
/// not get, with the reason. Takes the batch from --assignments (a run's assignments.csv on
/// the same inputs), or runs it. Nobody who declined a request this week is put forward for
/// it: the ledger's declines, or without a ledger those of --decisions (default: the
/// changes.csv of the --assignments run folder).
#[derive(clap::Args, Debug)]
pub struct Args {
    #[command(flatten)]
    inputs: InputArgs,
    #[command(flatten)]
    solver: SolverArgs,
    /// The request to explain.
    #[arg(
        long,
        value_name = "ID",
        required_unless_present = "expert",
        conflicts_with = "expert"
    )]
    request: Option<String>,
    /// The expert whose week to explain.
    #[arg(long, value_name = "ID")]
    expert: Option<String>,
    /// The batch's assignments (a run's assignments.csv on the same inputs) [default: run the
    /// batch].
    #[arg(long, value_name = "FILE", conflicts_with = "ledger")]
    assignments: Option<PathBuf>,
    #[command(flatten)]
    ledger: crate::cmd::ledger::LedgerArg,
    #[command(flatten)]
    decisions: crate::round::DecisionsArg,
    /// How many runners-up to price (for --expert: how many requests not assigned).
    #[arg(long, value_name = "N", default_value_t = 3)]
    top: usize,
    #[command(flatten)]
    output: OutputArgs,
}

pub fn run(args: Args) -> Result<ExitCode> {
    let t0 = std::time::Instant::now();
    let policy = args.inputs.policy()?;
    let lang = args.output.lang(&policy);
    // With a ledger: its history, and this week's proposals and bookings as the assignments.
    let (loaded, week) =
        match crate::cmd::ledger::load_week(&args.ledger, &args.inputs, &policy, false)? {
            Some((loaded, week)) => (loaded, Some(week)),
            None => (
                args.inputs
                    .load(&policy)
                    .map_err(|e| crate::inputs::in_lang(e, lang))?,
                None,
            ),
        };
    for w in &loaded.warnings {
        eprintln!(
            "{}",
            lang.fill(
                matchpunt::messages::Msg::Warning,
                &[("text", &w.render(lang))]
            )
        );
    }
    let inst = &loaded.instance;
    let opts = args.solver.options(t0, std::time::Duration::ZERO);
    let lang = args.output.lang(&policy);
    // Every pair declined this week (the ledger's, or a decisions file's) is no candidate of
    // the batch, a runner-up, a fix or a count of free experts.
    let declined = match &week {
        Some(w) => crate::cmd::ledger::declined_pairs(inst, w),
        None => args
            .decisions
            .declined(args.assignments.as_deref(), inst, lang)?,
    };
    let res;
    let base = match (&args.assignments, &week) {
        (None, Some(w)) => {
            let pairs = crate::cmd::ledger::week_pairs(inst, w);
            Base::from_assignments_except(inst, &policy, opts, &pairs, declined.clone())
                .map_err(|e| anyhow!("the ledger's week: {}", e.text(lang)))?
        }
        (None, None) => {
            let adjust = matchpunt::batch::Adjust {
                forbidden: declined.clone(),
                ..Default::default()
            };
            res = matchpunt::batch::run_adjusted(inst, &policy, &opts, &adjust);
            Base::from_result(inst, &policy, opts, &res)
        }
        (Some(p), _) => {
            let (pairs, warnings) = explain::read_assignment_pairs_noting(open_source(p)?, inst)?;
            for w in &warnings {
                eprintln!(
                    "{}",
                    lang.fill(
                        matchpunt::messages::Msg::Warning,
                        &[("text", &w.render(lang))]
                    )
                );
            }
            Base::from_assignments_except(inst, &policy, opts, &pairs, declined.clone())
                .map_err(|e| anyhow!("{}: {}", p.display(), e.text(lang)))?
        }
    };
    if let Some(id) = &args.request {
        let ri = find_request(inst, id, false)?;
        let here: Vec<usize> = declined.iter().filter(|p| p.0 == ri).map(|p| p.1).collect();
        // One time limit for the whole command: the batch (when run here) and every re-solve.
        let deadline = args
            .solver
            .seconds()
            .map(|s| t0 + std::time::Duration::from_secs_f64(s));
        let mut view = base.explain_request_until(ri, args.top, lang, deadline);
        crate::cmd::ledger::say_declined(&mut view, inst, &here, lang);
        args.output
            .print(&view, &explain::render_explain_request(&view, lang))?;
    } else if let Some(id) = &args.expert {
        let Some(ei) = inst.experts.iter().position(|e| &e.id == id) else {
            let ids: Vec<&str> = inst.experts.iter().map(|e| e.id.as_str()).collect();
            let hint = matchpunt::ingest::did_you_mean(id, ids)
                .map(|s| format!("; did you mean {s:?}?"))
                .unwrap_or_default();
            bail!("no expert with id {id:?}{hint}");
        };
        let view = base.explain_expert(ei, args.top, lang);
        args.output
            .print(&view, &explain::render_explain_expert(&view, lang))?;
    }
    Ok(ExitCode::SUCCESS)
}
