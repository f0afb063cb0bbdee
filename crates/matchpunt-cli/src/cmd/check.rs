//! `matchpunt check`: read and validate a batch's inputs and say what is in them.

use crate::inputs::InputArgs;
use anyhow::Result;
use matchpunt::eligibility::{self, candidates, shown_count};
use matchpunt::model::places::Places;
use matchpunt::model::{Instance, Role};
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
    #[command(flatten)]
    ledger: crate::cmd::ledger::LedgerArg,
}

pub fn run(args: Args) -> Result<ExitCode> {
    let policy = args.inputs.policy()?;
    let loaded = crate::cmd::ledger::load_or_files(&args.ledger, &args.inputs, &policy)?;
    let inst = &loaded.instance;
    let mut out = std::io::stdout().lock();
    let paths = args.inputs.paths();
    for w in loaded
        .warnings
        .iter()
        .chain(&matchpunt::ingest::safe_side_warnings(
            &loaded.safe_side_orgs,
        ))
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
    let used: Vec<usize> = order
        .into_iter()
        .filter(|&t| themes[t].0 + themes[t].1 + themes[t].2 > 0)
        .collect();
    for &t in used.iter().take(MAX_THEME_ROWS) {
        let (e, a, r) = themes[t];
        writeln!(
            out,
            "  {:<24} {:>12}  {:>12}  {:>12}",
            shown_name(inst.themes.name(t as u32)),
            shown_count(e),
            shown_count(a),
            shown_count(r)
        )?;
    }
    if used.len() > MAX_THEME_ROWS {
        writeln!(out, "  ... and {} more themes", used.len() - MAX_THEME_ROWS)?;
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

    report_safe_side_orgs(&mut out, &loaded.safe_side_orgs)?;
    report_supervision(&mut out, inst, &policy)?;
    report_impossible(&mut out, inst, &policy)?;
    Ok(ExitCode::SUCCESS)
}

/// Every exclusion taken on the safe side (an `excluded_orgs` cell naming an organisation of the
/// batch by another spelling than its canonical name), grouped by the pair of spellings, with
/// every expert row that has it: the coordinator confirms or corrects each pair once. Always
/// printed, so that "none" is said too.
fn report_safe_side_orgs(
    out: &mut impl Write,
    taken: &[matchpunt::ingest::SafeSideOrg],
) -> Result<()> {
    let mut pairs: Vec<(&str, &str, &str, Vec<String>)> = Vec::new();
    for t in taken {
        let row = format!("{}:{} ({})", t.file, t.line, t.expert);
        match pairs
            .iter_mut()
            .find(|p| p.0 == t.written && p.1 == t.org && p.2 == t.kind.why())
        {
            Some(p) => p.3.push(row),
            None => pairs.push((&t.written, &t.org, t.kind.why(), vec![row])),
        }
    }
    writeln!(
        out,
        "\nexcluded organisations taken on the safe side (confirm: write the name as the requests file does, or list both names in organisations.csv): {} in {} pair(s) of spellings",
        taken.len(),
        pairs.len()
    )?;
    for (written, org, why, rows) in &pairs {
        writeln!(
            out,
            "  {written:?} as {org:?} ({why}): {} row(s): {}",
            rows.len(),
            rows.join(", ")
        )?;
    }
    Ok(())
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

/// Rows of the by-theme table: the most frequent themes (a batch has some 30).
const MAX_THEME_ROWS: usize = 100;

/// Longest name (theme, organisation) echoed whole, in characters: a 1 MiB cell is not.
const MAX_SHOWN_NAME: usize = 80;

/// `s`, cut after [`MAX_SHOWN_NAME`] characters with "… (N characters)".
fn shown_name(s: &str) -> String {
    match s.char_indices().nth(MAX_SHOWN_NAME) {
        Some((i, _)) => format!("{}… ({} characters)", &s[..i], s.chars().count()),
        None => s.to_string(),
    }
}

/// [`shown_name`] quoted (`"..."`, escapes as in Rust); the cut is outside the quotes.
fn quoted_name(s: &str) -> String {
    match s.char_indices().nth(MAX_SHOWN_NAME) {
        Some((i, _)) => format!("{:?}… ({} characters)", &s[..i], s.chars().count()),
        None => format!("{s:?}"),
    }
}

/// Themes the vocabulary (`data/themes.csv`) does not know: each spelling with the number of
/// cells it is in and a "did you mean". Never who has or avoids it.
fn report_unknown_themes(out: &mut impl Write, inst: &Instance) -> Result<()> {
    let unknown = matchpunt::model::unknown_themes(inst);
    if unknown.is_empty() {
        return Ok(());
    }
    writeln!(
        out,
        "\nthemes not in the theme vocabulary (data/themes.csv): {}; each is compared as written (case, diacritics, hyphens and spaces aside)",
        unknown.len()
    )?;
    for u in unknown.iter().take(matchpunt::names::themes::MAX_SUGGESTED) {
        writeln!(
            out,
            "  {} in {} cell(s){}",
            quoted_name(&u.spelling),
            shown_count(u.cells),
            u.suggestion
                .as_ref()
                .map(|s| format!(": did you mean {s:?}?"))
                .unwrap_or_default()
        )?;
    }
    if unknown.len() > matchpunt::names::themes::MAX_SUGGESTED {
        writeln!(
            out,
            "  ... and {} more",
            unknown.len() - matchpunt::names::themes::MAX_SUGGESTED
        )?;
    }
    Ok(())
}
