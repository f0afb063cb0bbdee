//! `matchpunt shortlist`: the best few candidates for one request, and why.

use crate::inputs::InputArgs;
use anyhow::{bail, Result};
use matchpunt::eligibility::{self, Pair};
use matchpunt::report::fmt_units;
use matchpunt::scoring::{history_stats, score_pair, Parts};
use std::io::Write;
use std::process::ExitCode;

/// The best candidates for one request, with their score parts, and the near misses with the
/// rules they break.
///
/// For the advice-and-match point: an urgent request needs a few good names now, with reasons
/// that can be told to the organisation. Current load from the batch is not considered; run the
/// batch for assignments.
#[derive(clap::Args, Debug)]
pub struct Args {
    #[command(flatten)]
    inputs: InputArgs,
    /// The request id.
    #[arg(long, value_name = "ID")]
    request: String,
    /// How many candidates to list.
    #[arg(long, value_name = "N", default_value_t = 5)]
    top: usize,
}

pub fn run(args: Args) -> Result<ExitCode> {
    let policy = args.inputs.policy()?;
    let loaded = args.inputs.load(&policy)?;
    let inst = &loaded.instance;
    let Some(ri) = inst.requests.iter().position(|r| r.id == args.request) else {
        let ids: Vec<&str> = inst.requests.iter().map(|r| r.id.as_str()).collect();
        let hint = matchpunt::ingest::did_you_mean(&args.request, ids)
            .map(|s| format!("; did you mean {s:?}?"))
            .unwrap_or_default();
        bail!("no request with id {:?}{hint}", args.request);
    };
    let r = &inst.requests[ri];
    let hist = history_stats(inst, &policy);
    let mut scored: Vec<_> = inst
        .experts
        .iter()
        .enumerate()
        .filter(|(_, e)| eligibility::check(inst, &policy, r, e).is_eligible())
        .map(|(ei, _)| {
            score_pair(
                inst,
                &policy,
                &hist,
                Pair {
                    request: ri as u32,
                    expert: ei as u32,
                },
            )
        })
        .collect();
    scored.sort_by(|a, b| {
        b.value
            .cmp(&a.value)
            .then(a.pair.expert.cmp(&b.pair.expert))
    });
    let mut out = std::io::stdout().lock();
    writeln!(
        out,
        "{} ({}, {}, {}{}): {} eligible expert(s)",
        r.id,
        inst.orgs.name(r.org),
        r.role,
        if r.online {
            "online".to_string()
        } else {
            r.place.clone()
        },
        r.slot.map(|s| format!(", {s}")).unwrap_or_default(),
        scored.len()
    )?;
    if scored.is_empty() {
        let f = eligibility::funnel(inst, &policy, r);
        writeln!(out, "  {}", eligibility::nobody_sentence(&f))?;
    }
    for (rank, s) in scored.iter().take(args.top).enumerate() {
        let e = &inst.experts[s.pair.expert as usize];
        writeln!(
            out,
            "{:>2}. {} {} score {:.1}{}",
            rank + 1,
            e.id,
            e.name,
            s.score,
            s.distance_km
                .map(|d| format!(", {d:.1} km"))
                .unwrap_or_default()
        )?;
        let parts: Vec<String> = Parts::NAMES
            .iter()
            .zip(s.parts.values())
            .map(|(n, v)| format!("{n} {v:.2}"))
            .collect();
        writeln!(
            out,
            "    {} (value {})",
            parts.join(", "),
            fmt_units(s.value)
        )?;
    }
    // Near misses: experts who meet rules 1-4 (so nothing about their themes is revealed) and
    // break exactly one of rules 5-8: the ones a coordinator could ask to travel or shift a slot.
    let near: Vec<String> = inst
        .experts
        .iter()
        .filter_map(|e| {
            let why = eligibility::check(inst, &policy, r, e);
            let v: Vec<_> = why.iter().collect();
            (v.len() == 1 && v[0].rule() >= 5).then(|| format!("{} {}", e.id, v[0].text()))
        })
        .take(args.top)
        .collect();
    if !near.is_empty() {
        writeln!(out, "near misses (one of rules 5-8 broken):")?;
        for n in near {
            writeln!(out, "  {n}")?;
        }
    }
    Ok(ExitCode::SUCCESS)
}
