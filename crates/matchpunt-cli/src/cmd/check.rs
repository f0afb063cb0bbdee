//! `matchpunt check`: read and validate a batch's inputs and say what is in them.

use crate::inputs::InputArgs;
use anyhow::Result;
use matchpunt::eligibility::{self, candidates};
use matchpunt::model::{Instance, Role};
use matchpunt::places::Places;
use std::collections::BTreeMap;
use std::io::Write;
use std::process::ExitCode;

/// Validate the inputs and summarise them.
///
/// Reads experts, requests and history as the data contract says and reports every bad cell
/// (file, line, column, value, what was expected); exit 1 if there is any. Otherwise prints
/// counts by role, province and theme, experts without availability, and requests that no expert
/// could ever take with the rule that blocks them.
#[derive(clap::Args, Debug)]
pub struct Args {
    #[command(flatten)]
    inputs: InputArgs,
}

pub fn run(args: Args) -> Result<ExitCode> {
    let policy = args.inputs.policy()?;
    let loaded = args.inputs.load(&policy)?;
    let inst = &loaded.instance;
    let mut out = std::io::stdout().lock();
    let paths = args.inputs.paths();
    for w in loaded
        .warnings
        .iter()
        .chain(&crate::inputs::emptiness_warnings(inst, &paths))
    {
        eprintln!("warning: {w}");
    }
    writeln!(
        out,
        "ok: {} experts ({} active, {} certified), {} requests, {} history rows; batch week {}",
        inst.experts.len(),
        inst.experts.iter().filter(|e| e.active).count(),
        inst.experts.iter().filter(|e| e.certified).count(),
        inst.requests.len(),
        inst.history.len(),
        inst.week.map(|w| w.to_string()).unwrap_or_default()
    )?;
    writeln!(out, "{}", paths.describe(args.inputs.policy.as_deref()))?;

    writeln!(out, "\nby role          experts  requests  seats")?;
    for role in Role::ALL {
        let ex = inst
            .experts
            .iter()
            .filter(|e| e.active && e.roles.contains(role))
            .count();
        let rq: Vec<_> = inst.requests.iter().filter(|r| r.role == role).collect();
        let seats: u32 = rq.iter().map(|r| r.experts_needed).sum();
        writeln!(
            out,
            "  {:<14} {:>7} {:>9} {:>6}",
            role.as_str(),
            ex,
            rq.len(),
            seats
        )?;
    }

    let places = Places::bundled();
    let province = |place: &str| {
        places
            .get(place)
            .map(|p| p.province.clone())
            .unwrap_or_else(|| "(coordinates)".into())
    };
    let mut regions: BTreeMap<String, (usize, usize)> = BTreeMap::new();
    for e in inst.experts.iter().filter(|e| e.active) {
        regions.entry(province(&e.place)).or_default().0 += 1;
    }
    for r in &inst.requests {
        let key = if r.online {
            "(online)".to_string()
        } else {
            province(&r.place)
        };
        regions.entry(key).or_default().1 += 1;
    }
    writeln!(out, "\nby province      experts  requests")?;
    for (p, (e, r)) in &regions {
        writeln!(out, "  {p:<14} {e:>7} {r:>9}")?;
    }

    writeln!(
        out,
        "\nby theme (counts only)     experts  avoiding  requests"
    )?;
    let mut themes: Vec<(usize, usize, usize)> = vec![(0, 0, 0); inst.themes.len()];
    for e in inst.experts.iter().filter(|e| e.active) {
        for &t in &e.themes {
            themes[t as usize].0 += 1;
        }
        for &t in &e.avoid_themes {
            themes[t as usize].1 += 1;
        }
    }
    for r in &inst.requests {
        for &t in &r.themes {
            themes[t as usize].2 += 1;
        }
    }
    let mut order: Vec<usize> = (0..themes.len()).collect();
    order.sort_by_key(|&t| {
        (
            std::cmp::Reverse(themes[t].2 + themes[t].0),
            inst.themes.name(t as u32).to_lowercase(),
        )
    });
    for t in order {
        let (e, a, r) = themes[t];
        writeln!(
            out,
            "  {:<24} {e:>7} {a:>9} {r:>9}",
            inst.themes.name(t as u32)
        )?;
    }

    let no_avail: Vec<&str> = inst
        .experts
        .iter()
        .filter(|e| e.active && e.availability.is_empty())
        .map(|e| e.id.as_str())
        .collect();
    writeln!(
        out,
        "\nactive experts with no availability: {}{}",
        no_avail.len(),
        if no_avail.is_empty() {
            String::new()
        } else {
            format!(" ({})", no_avail.join(", "))
        }
    )?;

    report_impossible(&mut out, inst, &policy)?;
    Ok(ExitCode::SUCCESS)
}

fn report_impossible(
    out: &mut impl Write,
    inst: &Instance,
    policy: &matchpunt::policy::Policy,
) -> Result<()> {
    let pairs = candidates(inst, policy);
    let mut count = vec![0usize; inst.requests.len()];
    for p in &pairs {
        count[p.request as usize] += 1;
    }
    let impossible: Vec<usize> = (0..inst.requests.len())
        .filter(|&r| count[r] == 0)
        .collect();
    writeln!(
        out,
        "eligible pairs: {}; requests no expert could ever take: {}",
        pairs.len(),
        impossible.len()
    )?;
    let mut by_rule: BTreeMap<u8, usize> = BTreeMap::new();
    for &ri in &impossible {
        let r = &inst.requests[ri];
        let f = eligibility::funnel(inst, policy, r);
        if let Some(z) = f.iter().find(|x| x.1 == 0) {
            *by_rule.entry(z.0.rule()).or_default() += 1;
        }
        writeln!(
            out,
            "  {} ({}, {}): {}",
            r.id,
            inst.orgs.name(r.org),
            r.role,
            eligibility::nobody_sentence(&f)
        )?;
    }
    if !by_rule.is_empty() {
        let parts: Vec<String> = by_rule
            .iter()
            .map(|(k, v)| format!("rule {k}: {v}"))
            .collect();
        writeln!(out, "  blocked by {}", parts.join(", "))?;
    }
    Ok(())
}
