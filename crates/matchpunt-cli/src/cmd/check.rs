//! `matchpunt check`: read and validate a batch's inputs and say what is in them.

use crate::inputs::InputArgs;
use anyhow::Result;
use matchpunt::eligibility::{self, candidates, shown_count};
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

    // Counts only, and below 3 only "fewer than 3": a count of 1 next to a theme could point
    // at a person.
    writeln!(
        out,
        "\nby theme (counts only)          experts      avoiding      requests"
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
        if e + a + r == 0 {
            continue;
        }
        writeln!(
            out,
            "  {:<24} {:>12}  {:>12}  {:>12}",
            inst.themes.name(t as u32),
            shown_count(e),
            shown_count(a),
            shown_count(r)
        )?;
    }
    report_unknown_themes(&mut out, inst)?;

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

    report_supervision(&mut out, inst, &policy)?;
    report_impossible(&mut out, inst, &policy)?;
    Ok(ExitCode::SUCCESS)
}

/// Supervision (intervisie) and coaching: whose supervision has lapsed or lapses within two
/// weeks, and who has no coach; or, once, that supervision is not checked.
fn report_supervision(
    out: &mut impl Write,
    inst: &Instance,
    policy: &matchpunt::policy::Policy,
) -> Result<()> {
    use matchpunt::model::Supervision;
    let active: Vec<_> = inst.experts.iter().filter(|e| e.active).collect();
    let checked = active
        .iter()
        .any(|e| e.supervision != Supervision::NotChecked);
    let Some(now) = inst.week else {
        return Ok(());
    };
    if !checked {
        writeln!(
            out,
            "supervision: not checked (experts.csv has no last_supervision column)"
        )?;
    } else {
        let within = i64::from(policy.rules.supervision_within_weeks);
        let (mut lapsed, mut soon) = (Vec::new(), Vec::new());
        for e in &active {
            match e.supervision {
                Supervision::Never => lapsed.push(e.id.as_str()),
                Supervision::Week(w) if now.weeks_since(w) > within => lapsed.push(e.id.as_str()),
                Supervision::Week(w) if now.weeks_since(w) + 2 > within => soon.push(e.id.as_str()),
                _ => {}
            }
        }
        let list = |v: &[&str]| {
            if v.is_empty() {
                String::new()
            } else {
                format!(" ({})", v.join(", "))
            }
        };
        writeln!(
            out,
            "supervision older than {within} weeks, not deployed: {}{}",
            lapsed.len(),
            list(&lapsed)
        )?;
        writeln!(
            out,
            "supervision lapsing within two weeks: {}{}",
            soon.len(),
            list(&soon)
        )?;
    }
    let no_coach: Vec<&str> = active
        .iter()
        .filter(|e| e.coach.is_empty())
        .map(|e| e.id.as_str())
        .collect();
    if !no_coach.is_empty() && active.len() != no_coach.len() {
        writeln!(
            out,
            "active experts without a coach: {} ({})",
            no_coach.len(),
            no_coach.join(", ")
        )?;
    } else if !active.is_empty() && active.len() == no_coach.len() {
        writeln!(
            out,
            "coaches: not given (experts.csv has no coach column, or it is empty)"
        )?;
    }
    Ok(())
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
    let mut by_rule: BTreeMap<(eligibility::Stage, String), usize> = BTreeMap::new();
    for &ri in &impossible {
        let r = &inst.requests[ri];
        let f = eligibility::funnel(inst, policy, r);
        if let Some(z) = f.iter().find(|x| x.1 == 0) {
            let group = z.0.rule_group();
            *by_rule.entry((group, group.rule_label())).or_default() += 1;
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
            .map(|((_, label), v)| format!("{label}: {v}"))
            .collect();
        writeln!(out, "  blocked by {}", parts.join(", "))?;
    }
    Ok(())
}

/// Themes the vocabulary (`data/themes.csv`) does not know: each spelling with the number of
/// cells it is in and a "did you mean". Never who has or avoids it.
fn report_unknown_themes(out: &mut impl Write, inst: &Instance) -> Result<()> {
    let unknown = matchpunt::themes::unknown_themes(inst);
    if unknown.is_empty() {
        return Ok(());
    }
    writeln!(
        out,
        "\nthemes not in the theme vocabulary (data/themes.csv): {}; each is compared as written (case, diacritics, hyphens and spaces aside)",
        unknown.len()
    )?;
    for u in &unknown {
        writeln!(
            out,
            "  {:?} in {} cell(s){}",
            u.spelling,
            shown_count(u.cells),
            u.suggestion
                .as_ref()
                .map(|s| format!(": did you mean {s:?}?"))
                .unwrap_or_default()
        )?;
    }
    Ok(())
}
