//! `matchpunt check`: read and validate a batch's inputs and say what is in them.

use crate::inputs::InputArgs;
use anyhow::Result;
use matchpunt::eligibility::{self, candidates};
use matchpunt::explain;
use matchpunt::messages::{Lang, Msg};
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
    #[command(flatten)]
    lang: crate::args::LangArg,
}

pub fn run(args: Args) -> Result<ExitCode> {
    let policy = args.inputs.policy()?;
    let lang = args.lang.or_policy(&policy);
    let loaded = crate::cmd::ledger::load_or_files(&args.ledger, &args.inputs, &policy)
        .map_err(|e| crate::inputs::in_lang(e, lang))?;
    let inst = &loaded.instance;
    let mut out = std::io::stdout().lock();
    let paths = args.inputs.paths();
    for w in loaded
        .warnings
        .iter()
        .map(|w| w.render(lang).to_string())
        .chain(matchpunt::ingest::safe_side_warnings_in(
            &loaded.safe_side_cells,
            lang,
        ))
        .chain(crate::inputs::emptiness_warnings(inst, &paths))
    {
        eprintln!("{}", lang.fill(Msg::Warning, &[("text", &w)]));
    }
    writeln!(
        out,
        "{}",
        lang.fill(
            Msg::CheckOk,
            &[
                ("experts", &inst.experts.len()),
                ("active", &inst.experts.iter().filter(|e| e.active).count()),
                (
                    "certified",
                    &inst.experts.iter().filter(|e| e.certified).count()
                ),
                ("requests", &inst.requests.len()),
                ("history", &inst.history.len()),
                (
                    "week",
                    &inst.week.map(|w| w.to_string()).unwrap_or_default()
                ),
            ],
        )
    )?;
    writeln!(
        out,
        "{}",
        paths.describe(args.inputs.policy.as_deref(), lang)
    )?;

    let mut rows = Vec::new();
    for role in Role::ALL {
        let ex = inst
            .experts
            .iter()
            .filter(|e| e.active && e.roles.contains(role))
            .count();
        let rq: Vec<_> = inst.requests.iter().filter(|r| r.role == role).collect();
        let seats: u32 = rq.iter().map(|r| r.experts_needed).sum();
        rows.push(vec![
            lang.role(role).to_string(),
            ex.to_string(),
            rq.len().to_string(),
            seats.to_string(),
        ]);
    }
    let head = [
        Msg::CheckColRole,
        Msg::CheckColExperts,
        Msg::CheckColRequests,
        Msg::CheckColSeats,
    ]
    .map(|m| lang.text(m).to_string());
    write_table(&mut out, &head, &rows)?;

    let places = Places::bundled();
    let province = |place: &str| {
        places
            .get(place)
            .map(|p| p.province.clone())
            .unwrap_or_else(|| lang.text(Msg::CheckCoordinates).into())
    };
    let mut regions: BTreeMap<String, (usize, usize)> = BTreeMap::new();
    for e in inst.experts.iter().filter(|e| e.active) {
        regions.entry(province(&e.place)).or_default().0 += 1;
    }
    for r in &inst.requests {
        let key = if r.online {
            format!("({})", lang.text(Msg::Online))
        } else {
            province(&r.place)
        };
        regions.entry(key).or_default().1 += 1;
    }
    let rows: Vec<Vec<String>> = regions
        .iter()
        .map(|(p, (e, r))| vec![p.clone(), e.to_string(), r.to_string()])
        .collect();
    let head = [
        Msg::CheckColProvince,
        Msg::CheckColExperts,
        Msg::CheckColRequests,
    ]
    .map(|m| lang.text(m).to_string());
    write_table(&mut out, &head, &rows)?;

    // Counts only, and below 3 only "fewer than 3": a count of 1 next to a theme could point
    // at a person. No count of experts avoiding a theme: next to explain's count of experts kept
    // out for personal reasons it would tell an avoided theme (rule 3) from an excluded
    // organisation (rule 4). A theme only avoided is not listed either, for the same reason.
    let mut themes: Vec<(usize, usize)> = vec![(0, 0); inst.themes.len()];
    for e in inst.experts.iter().filter(|e| e.active) {
        for &t in &e.themes {
            themes[t as usize].0 += 1;
        }
    }
    for r in &inst.requests {
        for &t in &r.themes {
            themes[t as usize].1 += 1;
        }
    }
    let mut order: Vec<usize> = (0..themes.len()).collect();
    order.sort_by_key(|&t| {
        (
            std::cmp::Reverse(themes[t].1 + themes[t].0),
            inst.themes.name(t as u32).to_lowercase(),
        )
    });
    let used: Vec<usize> = order
        .into_iter()
        .filter(|&t| themes[t].0 + themes[t].1 > 0)
        .collect();
    let rows: Vec<Vec<String>> = used
        .iter()
        .take(MAX_THEME_ROWS)
        .map(|&t| {
            let (e, r) = themes[t];
            vec![
                shown_name(inst.themes.name(t as u32), lang),
                lang.count(e),
                lang.count(r),
            ]
        })
        .collect();
    let head = [
        Msg::CheckColTheme,
        Msg::CheckColExperts,
        Msg::CheckColRequests,
    ]
    .map(|m| lang.text(m).to_string());
    write_table(&mut out, &head, &rows)?;
    if used.len() > MAX_THEME_ROWS {
        writeln!(
            out,
            "  {}",
            lang.fill(
                Msg::CheckMoreThemes,
                &[("n", &(used.len() - MAX_THEME_ROWS))]
            )
        )?;
    }
    report_unknown_themes(&mut out, inst, lang)?;

    let no_avail: Vec<&str> = inst
        .experts
        .iter()
        .filter(|e| e.active && e.availability.is_empty())
        .map(|e| e.id.as_str())
        .collect();
    writeln!(
        out,
        "\n{}",
        lang.fill(
            Msg::CheckNoAvailability,
            &[("n", &no_avail.len()), ("list", &id_list(&no_avail))]
        )
    )?;

    report_safe_side_orgs(&mut out, &loaded.safe_side_orgs, lang)?;
    report_supervision(&mut out, inst, &policy, lang)?;
    report_impossible(&mut out, inst, &policy, lang)?;
    Ok(ExitCode::SUCCESS)
}

/// ` (a, b, c)`, or nothing for no ids.
fn id_list(ids: &[&str]) -> String {
    if ids.is_empty() {
        String::new()
    } else {
        format!(" ({})", ids.join(", "))
    }
}

/// A table after a blank line: the header (its first cell a title), then the rows indented by
/// two; the first column left-aligned, the others right-aligned, each as wide as its widest
/// cell in terminal columns ([`unicode_width`]: a long or accented name keeps the alignment).
fn write_table(out: &mut impl Write, head: &[String], rows: &[Vec<String>]) -> Result<()> {
    use unicode_width::UnicodeWidthStr;
    let n = head.len();
    let mut width = vec![0usize; n];
    width[0] = head[0].width().max(16);
    for (i, h) in head.iter().enumerate().skip(1) {
        width[i] = h.width().max(5);
    }
    for row in rows {
        width[0] = width[0].max(row[0].width() + 2);
        for i in 1..n {
            width[i] = width[i].max(row[i].width());
        }
    }
    let pad = |s: &str, w: usize, left: bool| {
        let fill = " ".repeat(w.saturating_sub(s.width()));
        if left {
            format!("{s}{fill}")
        } else {
            format!("{fill}{s}")
        }
    };
    let line = |cells: Vec<String>| cells.join("  ").trim_end().to_string();
    writeln!(out)?;
    let mut cells = vec![pad(&head[0], width[0], true)];
    cells.extend((1..n).map(|i| pad(&head[i], width[i], false)));
    writeln!(out, "{}", line(cells))?;
    for row in rows {
        let mut cells = vec![pad(&format!("  {}", row[0]), width[0], true)];
        cells.extend((1..n).map(|i| pad(&row[i], width[i], false)));
        writeln!(out, "{}", line(cells))?;
    }
    Ok(())
}

/// Every exclusion taken on the safe side (an `excluded_orgs` cell naming an organisation of the
/// batch by another spelling than its canonical name), grouped by the pair of spellings, with
/// every expert row that has it: the coordinator confirms or corrects each pair once. Always
/// printed, so that "none" is said too.
fn report_safe_side_orgs(
    out: &mut impl Write,
    taken: &[matchpunt::ingest::SafeSideOrg],
    lang: Lang,
) -> Result<()> {
    use matchpunt::ingest::hit_why;
    let mut pairs: Vec<(&str, &str, &str, Vec<String>)> = Vec::new();
    for t in taken {
        let row = format!("{}:{} ({})", t.file, t.line, t.expert);
        match pairs
            .iter_mut()
            .find(|p| p.0 == t.written && p.1 == t.org && p.2 == hit_why(t.kind, lang))
        {
            Some(p) => p.3.push(row),
            None => pairs.push((&t.written, &t.org, hit_why(t.kind, lang), vec![row])),
        }
    }
    writeln!(
        out,
        "\n{}",
        lang.fill(
            Msg::CheckSafeSideHead,
            &[("n", &taken.len()), ("pairs", &pairs.len())]
        )
    )?;
    for (written, org, why, rows) in &pairs {
        writeln!(
            out,
            "  {}",
            lang.fill(
                Msg::CheckSafeSideLine,
                &[
                    ("written", &format!("{written:?}")),
                    ("org", &format!("{org:?}")),
                    ("why", why),
                    ("n", &rows.len()),
                    ("rows", &rows.join(", ")),
                ]
            )
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
    lang: Lang,
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
        writeln!(out, "{}", lang.text(Msg::CheckSupervisionUnchecked))?;
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
        writeln!(
            out,
            "{}",
            lang.fill(
                Msg::CheckSupervisionLapsed,
                &[
                    ("weeks", &within),
                    ("n", &lapsed.len()),
                    ("list", &id_list(&lapsed))
                ]
            )
        )?;
        writeln!(
            out,
            "{}",
            lang.fill(
                Msg::CheckSupervisionSoon,
                &[("n", &soon.len()), ("list", &id_list(&soon))]
            )
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
            "{}",
            lang.fill(
                Msg::CheckNoCoach,
                &[("n", &no_coach.len()), ("list", &no_coach.join(", "))]
            )
        )?;
    } else if !active.is_empty() && active.len() == no_coach.len() {
        writeln!(out, "{}", lang.text(Msg::CheckNoCoaches))?;
    }
    Ok(())
}

/// The requests no expert could ever take, each with the one "why" of an open seat that no
/// expert meets ([`explain::funnel_text`], as `unmatched.csv` and `explain` say it), and a count
/// by the first rule that blocks them (rules 3-4 as one).
fn report_impossible(
    out: &mut impl Write,
    inst: &Instance,
    policy: &matchpunt::policy::Policy,
    lang: Lang,
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
        "{}",
        lang.fill(
            Msg::CheckPairs,
            &[("pairs", &pairs.len()), ("n", &impossible.len())]
        )
    )?;
    let mut by_rule: BTreeMap<(eligibility::Stage, String), usize> = BTreeMap::new();
    for &ri in &impossible {
        let r = &inst.requests[ri];
        let f = eligibility::funnel(inst, policy, r);
        if let Some(z) = f.iter().find(|x| x.1 == 0) {
            let group = z.0.rule_group();
            *by_rule.entry((group, group.label_in(lang))).or_default() += 1;
        }
        writeln!(
            out,
            "  {}",
            lang.fill(
                Msg::CheckImpossible,
                &[
                    ("request", &r.id),
                    ("org", &inst.orgs.name(r.org)),
                    ("role", &lang.role(r.role)),
                    (
                        "why",
                        &explain::funnel_text(inst, policy, r, lang).unwrap_or_default()
                    ),
                ]
            )
        )?;
    }
    if !by_rule.is_empty() {
        let parts: Vec<String> = by_rule
            .iter()
            .map(|((_, label), v)| format!("{label}: {v}"))
            .collect();
        writeln!(
            out,
            "  {}",
            lang.fill(Msg::CheckBlockedBy, &[("list", &parts.join(", "))])
        )?;
    }
    Ok(())
}

/// Rows of the by-theme table: the most frequent themes (a batch has some 30).
const MAX_THEME_ROWS: usize = 100;

/// Longest name (theme, organisation) echoed whole, in characters: a 1 MiB cell is not.
const MAX_SHOWN_NAME: usize = 80;

/// `s`, cut after [`MAX_SHOWN_NAME`] characters with "… (N characters)".
fn shown_name(s: &str, lang: Lang) -> String {
    match s.char_indices().nth(MAX_SHOWN_NAME) {
        Some((i, _)) => format!("{}{}", &s[..i], cut_note(s, lang)),
        None => s.to_string(),
    }
}

/// `… (N characters)` of a cut name.
fn cut_note(s: &str, lang: Lang) -> String {
    lang.fill(Msg::CheckCharacters, &[("n", &s.chars().count())])
}

/// [`shown_name`] quoted (`"..."`, escapes as in Rust); the cut is outside the quotes.
fn quoted_name(s: &str, lang: Lang) -> String {
    match s.char_indices().nth(MAX_SHOWN_NAME) {
        Some((i, _)) => format!("{:?}{}", &s[..i], cut_note(s, lang)),
        None => format!("{s:?}"),
    }
}

/// Themes the vocabulary (`data/themes.csv`) does not know: each spelling with the number of
/// cells it is in and a "did you mean". Never who has or avoids it.
fn report_unknown_themes(out: &mut impl Write, inst: &Instance, lang: Lang) -> Result<()> {
    let unknown = matchpunt::model::unknown_themes(inst);
    if unknown.is_empty() {
        return Ok(());
    }
    writeln!(
        out,
        "\n{}",
        lang.fill(Msg::CheckUnknownThemes, &[("n", &unknown.len())])
    )?;
    for u in unknown.iter().take(matchpunt::names::themes::MAX_SUGGESTED) {
        let hint = u
            .suggestion
            .as_ref()
            .map(|s| lang.fill(Msg::CheckDidYouMean, &[("name", &format!("{s:?}"))]))
            .unwrap_or_default();
        writeln!(
            out,
            "  {}",
            lang.fill(
                Msg::CheckUnknownTheme,
                &[
                    ("spelling", &quoted_name(&u.spelling, lang)),
                    ("n", &lang.count(u.cells)),
                    ("hint", &hint),
                ]
            )
        )?;
    }
    if unknown.len() > matchpunt::names::themes::MAX_SUGGESTED {
        writeln!(
            out,
            "  {}",
            lang.fill(
                Msg::CheckMore,
                &[(
                    "n",
                    &(unknown.len() - matchpunt::names::themes::MAX_SUGGESTED)
                )]
            )
        )?;
    }
    Ok(())
}
