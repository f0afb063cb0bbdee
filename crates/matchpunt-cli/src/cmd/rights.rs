//! `ledger export --expert`, `ledger forget` and `ledger purge`: the experts' rights over their
//! data (an access request, an erasure) and retention, on the season ledger.
//!
//! Why a file of its own: these commands write personal data out (an access request's files)
//! or erase it, and they say what they cannot reach (outputs written earlier).

use crate::cmd::ledger::LedgerArg;
use crate::out::OutputSet;
use anyhow::{bail, Result};
use matchpunt::messages::{Lang, Msg};
use matchpunt::model::Week;
use matchpunt::policy::Policy;
use matchpunt::report::table::{self, Cell, Sheet};
use matchpunt_ledger::{ExpertData, Ledger, Seat};
use serde_json::{json, Value};
use std::io::Write;
use std::path::{Path, PathBuf};

/// `ledger forget` and `ledger purge` (flattened into `ledger`'s subcommands).
#[derive(clap::Subcommand, Debug)]
pub enum RightsSub {
    /// Erase one expert (AVG/GDPR art. 17): their personal data removed from every week (rows
    /// kept for the counts under an anonymous id), the freed space overwritten and the file
    /// vacuumed. Outputs written earlier are out of the ledger's reach.
    Forget {
        #[command(flatten)]
        ledger: LedgerArg,
        /// The expert to erase.
        #[arg(long, value_name = "ID")]
        expert: String,
    },
    /// Erase every week before WEEK (or older than the policy's `[ledger] keep_weeks` before
    /// the current week), closed weeks only, the same way as `forget`.
    Purge {
        #[command(flatten)]
        ledger: LedgerArg,
        /// The first week to keep, e.g. 2026-W01.
        #[arg(long, value_name = "WEEK", value_parser = crate::inputs::parse_week)]
        before: Option<Week>,
        /// A policy file with `[ledger] keep_weeks` (used without --before).
        #[arg(long, value_name = "FILE")]
        policy: Option<PathBuf>,
    },
}

/// `ledger export --expert E --out DIR` (flattened into `ledger export`).
#[derive(clap::Args, Debug)]
pub struct AccessArgs {
    /// The expert whose data to export (an access request, AVG/GDPR art. 15).
    #[arg(long, value_name = "ID", requires = "out")]
    expert: Option<String>,
    /// The folder for the expert's files (created if missing; written as one set).
    #[arg(long, value_name = "DIR")]
    out: Option<PathBuf>,
}

/// Runs `ledger export --expert E --out DIR`.
pub fn export_access(l: &Ledger, a: &AccessArgs, lang: Lang, out: &mut dyn Write) -> Result<()> {
    match (&a.expert, &a.out) {
        (Some(id), Some(dir)) => export_expert(l, id, dir, lang, out),
        _ => bail!("give --history FILE, or --expert ID --out DIR"),
    }
}

/// Runs `ledger forget` or `ledger purge`.
pub fn run(sub: RightsSub, lang: Lang, out: &mut dyn Write) -> Result<()> {
    match sub {
        RightsSub::Forget { ledger, expert } => {
            let mut l = crate::cmd::ledger::required(&ledger)?;
            forget(&mut l, &expert, lang, out)
        }
        RightsSub::Purge {
            ledger,
            before,
            policy,
        } => {
            let mut l = crate::cmd::ledger::required(&ledger)?;
            let policy = match &policy {
                Some(p) => crate::inputs::read_policy(p)?,
                None => Policy::default(),
            };
            purge(
                &mut l,
                before,
                &policy,
                crate::inputs::current_week(),
                lang,
                out,
            )
        }
    }
}

/// What an erasure cannot reach, said after each, in `lang`.
fn out_of_reach(lang: Lang) -> String {
    let text = lang.text(Msg::OutOfReach);
    lang.fill(Msg::Note, &[("text", &text)])
}

fn seat_json(s: &Seat) -> Value {
    json!({
        "request": s.request, "org": s.org, "role": s.role, "slot": s.slot,
        "intensity": s.intensity, "request_themes": s.themes, "heavy": s.heavy, "pinned": s.pinned,
    })
}

/// The access request's JSON (schema `matchpunt.ledger-expert/1`).
pub fn expert_json(d: &ExpertData) -> Value {
    json!({
        "schema": "matchpunt.ledger-expert/1",
        "expert": d.expert,
        "exported_at": matchpunt_ledger::now_utc(),
        "inputs": d.inputs.iter().map(|i| json!({
            "run": i.run, "week": i.week, "kind": i.kind, "file": i.name,
            "header": i.header, "rows": i.rows, "note": i.note,
        })).collect::<Vec<_>>(),
        "proposals": d.proposals.iter().map(|(run, week, s)| {
            let mut v = seat_json(s);
            v["run"] = json!(run);
            v["week"] = json!(week);
            v
        }).collect::<Vec<_>>(),
        "standbys": d.standbys.iter().map(|(run, week, s)| json!({
            "run": run, "week": week, "request": s.request, "assigned_expert": s.expert,
            "rank": s.rank, "standby": s.standby, "swap_cost": s.swap_cost, "cost": s.cost, "proven": s.proven,
        })).collect::<Vec<_>>(),
        "decisions": d.decisions.iter().map(|(week, x)| json!({
            "week": week, "request": x.request,
            "decision": if x.accepted { "accepted" } else { "declined" },
            "note": x.note, "at": x.at, "by": x.actor,
        })).collect::<Vec<_>>(),
        "bookings": d.bookings.iter().map(|(week, b)| {
            let mut v = seat_json(&b.seat);
            v["week"] = json!(week);
            v["at"] = json!(b.at);
            v["by"] = json!(b.actor);
            v
        }).collect::<Vec<_>>(),
        "history": d.history.iter().map(|h| json!({
            "week": h.week, "org": h.org, "role": h.role, "intensity": h.intensity,
            "heavy": h.heavy, "declined": h.declined, "request": h.request,
            "request_themes": h.themes,
        })).collect::<Vec<_>>(),
        "log": d.log.iter().map(|a| json!({
            "at": a.at, "by": a.actor, "action": a.action, "week": a.week, "details": a.details,
        })).collect::<Vec<_>>(),
    })
}

/// The access request's workbook: one sheet per part of the JSON (the inputs' rows under
/// their own header, one sheet per stored file that names the expert).
pub fn expert_sheets(d: &ExpertData) -> Vec<Sheet> {
    let text = |s: &str| Cell::from(s);
    let sheet = |name: &str, header: &[&str], rows: Vec<Vec<Cell>>| Sheet {
        name: name.to_string(),
        header: header.iter().map(|h| h.to_string()).collect(),
        rows,
        data_bar: None,
    };
    let seat_cells = |s: &Seat| {
        vec![
            text(&s.request),
            text(&s.org),
            text(&s.role),
            text(&s.slot),
            Cell::Int(s.intensity.into()),
            text(&s.themes),
        ]
    };
    let mut out = Vec::new();
    for (i, f) in d.inputs.iter().enumerate() {
        let mut header = vec!["run".to_string(), "week".into(), "file".into()];
        header.extend(f.header.iter().cloned());
        let mut rows: Vec<Vec<Cell>> = f
            .rows
            .iter()
            .map(|r| {
                let mut row = vec![Cell::Int(f.run), text(&f.week), text(&f.name)];
                row.extend(r.iter().map(|c| text(c)));
                row
            })
            .collect();
        if !f.note.is_empty() {
            rows.push(vec![
                Cell::Int(f.run),
                text(&f.week),
                text(&f.name),
                text(&f.note),
            ]);
        }
        out.push(Sheet {
            name: format!("input {} {}", i + 1, f.kind),
            header,
            rows,
            data_bar: None,
        });
    }
    let seat_head = [
        "request",
        "org",
        "role",
        "slot",
        "intensity",
        "request_themes",
    ];
    let mut h = vec!["run", "week"];
    h.extend(seat_head);
    out.push(sheet(
        "proposals",
        &h,
        d.proposals
            .iter()
            .map(|(run, w, s)| {
                let mut r = vec![Cell::Int(*run), text(w)];
                r.extend(seat_cells(s));
                r
            })
            .collect(),
    ));
    out.push(sheet(
        "standbys",
        &[
            "run",
            "week",
            "request",
            "assigned_expert",
            "rank",
            "standby",
            "cost",
            "proven",
        ],
        d.standbys
            .iter()
            .map(|(run, w, s)| {
                vec![
                    Cell::Int(*run),
                    text(w),
                    text(&s.request),
                    text(&s.expert),
                    Cell::Int(s.rank.into()),
                    text(&s.standby),
                    Cell::Num(s.cost, 3),
                    text(if s.proven { "yes" } else { "no" }),
                ]
            })
            .collect(),
    ));
    out.push(sheet(
        "decisions",
        &["week", "request", "decision", "note", "at", "by"],
        d.decisions
            .iter()
            .map(|(w, x)| {
                vec![
                    text(w),
                    text(&x.request),
                    text(if x.accepted { "accepted" } else { "declined" }),
                    text(&x.note),
                    text(&x.at),
                    text(&x.actor),
                ]
            })
            .collect(),
    ));
    let mut h = vec!["week"];
    h.extend(seat_head);
    h.extend(["at", "by"]);
    out.push(sheet(
        "bookings",
        &h,
        d.bookings
            .iter()
            .map(|(w, b)| {
                let mut r = vec![text(w)];
                r.extend(seat_cells(&b.seat));
                r.extend([text(&b.at), text(&b.actor)]);
                r
            })
            .collect(),
    ));
    out.push(sheet(
        "history",
        &[
            "week",
            "org",
            "role",
            "intensity",
            "heavy",
            "declined",
            "request",
            "request_themes",
        ],
        d.history
            .iter()
            .map(|x| {
                vec![
                    text(&x.week),
                    text(&x.org),
                    text(&x.role),
                    Cell::Int(x.intensity.into()),
                    text(if x.heavy { "yes" } else { "no" }),
                    text(if x.declined { "yes" } else { "no" }),
                    text(&x.request),
                    text(&x.themes),
                ]
            })
            .collect(),
    ));
    out.push(sheet(
        "log",
        &["at", "by", "action", "week", "details"],
        d.log
            .iter()
            .map(|a| {
                vec![
                    text(&a.at),
                    text(&a.actor),
                    text(&a.action),
                    text(a.week.as_deref().unwrap_or("")),
                    text(&a.details),
                ]
            })
            .collect(),
    ));
    out
}

/// `ledger export --expert E --out DIR`: `DIR/E.json` and `DIR/E.xlsx`, as one output set,
/// named by the id as the ledger holds it (`--expert E01` writes `E1.json` when the ledger
/// holds E1).
pub fn export_expert(
    l: &Ledger,
    id: &str,
    dir: &Path,
    lang: Lang,
    out: &mut dyn Write,
) -> Result<()> {
    let d = l.expert_data(id)?;
    let id = d.expert.as_str();
    if id.is_empty() || id.contains(['/', '\\']) || id.starts_with('.') {
        bail!("--expert {id:?}: not an id that can name a file");
    }
    let mut set = OutputSet::open(dir)?;
    let json = serde_json::to_vec_pretty(&expert_json(&d))?;
    let book = table::workbook(&expert_sheets(&d), None)
        .map_err(|e| crate::voice::cannot_build_workbook(e, lang))?;
    set.stage_private(&format!("{id}.json"), |w| Ok(w.write_all(&json)?))?;
    set.stage_private(&format!("{id}.xlsx"), |w| Ok(w.write_all(&book)?))?;
    let written = set.commit()?;
    let names: Vec<String> = written.iter().map(|p| p.display().to_string()).collect();
    let rows: usize = d.inputs.iter().map(|i| i.rows.len()).sum();
    writeln!(
        out,
        "{}",
        lang.fill(
            Msg::AccessExported,
            &[
                ("files", &names.join(", ")),
                ("id", &id),
                ("inputs", &rows),
                ("proposals", &d.proposals.len()),
                ("standbys", &d.standbys.len()),
                ("decisions", &d.decisions.len()),
                ("bookings", &d.bookings.len()),
                ("history", &d.history.len()),
                ("log", &d.log.len()),
            ]
        )
    )?;
    Ok(())
}

/// `ledger forget --expert E`.
pub fn forget(l: &mut Ledger, id: &str, lang: Lang, out: &mut dyn Write) -> Result<()> {
    let e = l.forget(id)?;
    let workbooks = if e.workbooks > 0 {
        lang.fill(Msg::ForgotWorkbooks, &[("n", &e.workbooks)])
    } else {
        String::new()
    };
    writeln!(
        out,
        "{}",
        lang.fill(
            Msg::Forgot,
            &[
                ("id", &id),
                ("weeks", &e.weeks),
                ("anonymous", &e.anonymous),
                ("rows", &e.rows),
                ("inputs", &e.inputs),
                ("workbooks", &workbooks),
            ]
        )
    )?;
    writeln!(out, "{}", out_of_reach(lang))?;
    Ok(())
}

/// The weeks a batch of week `batch` reads back for its wellbeing limits under `policy`, with
/// the setting that asks for them (in words): the rolling load budget's `rolling_weeks - 1`
/// weeks (counted whatever the policy's budgets, since experts.csv may carry its own), the
/// heavy-theme pause's `heavy_pause_weeks` and, with a waiting advantage, its `waiting_weeks`.
/// None when the batch reads no week back.
pub fn wellbeing_window(policy: &Policy, batch: Week, lang: Lang) -> Option<(Week, String)> {
    let (r, h) = (&policy.rules, &policy.history);
    let waiting = if policy.objective.waiting_bonus > 0.0 {
        h.waiting_weeks
    } else {
        0
    };
    [
        (
            r.rolling_weeks.saturating_sub(1),
            r.rolling_weeks,
            Msg::WindowRolling,
        ),
        (
            r.heavy_pause_weeks,
            r.heavy_pause_weeks,
            Msg::WindowHeavyPause,
        ),
        (waiting, waiting, Msg::WindowWaiting),
    ]
    .into_iter()
    .filter(|w| w.0 > 0)
    .max_by_key(|w| w.0)
    .map(|(back, n, msg)| (batch.plus(-i64::from(back)), lang.fill(msg, &[("n", &n)])))
}

/// Why erasing the weeks before `before` would make a coming batch forget load, or None when
/// it would not (or when an open week would be erased, which the ledger refuses anyway). The coming batches: every open week of the ledger and the next one (the week
/// after the ledger's latest, or `current` if later); the earliest of them reads back furthest.
pub fn inside_window(
    weeks: &[(String, bool)],
    before: Week,
    policy: &Policy,
    current: Week,
    lang: Lang,
) -> Option<String> {
    let parsed: Vec<(Week, bool)> = weeks
        .iter()
        .filter_map(|(w, closed)| Week::parse(w).map(|w| (w, *closed)))
        .collect();
    // An open week to erase is refused by the ledger itself, first: close it.
    if parsed.iter().any(|(w, closed)| !closed && *w < before) {
        return None;
    }
    let next = parsed
        .iter()
        .map(|(w, _)| w.plus(1))
        .max()
        .map_or(current, |n| n.max(current));
    let batch = parsed
        .iter()
        .filter(|(w, closed)| !closed && *w >= before)
        .map(|(w, _)| *w)
        .chain([next])
        .min()?;
    let (from, why) = wellbeing_window(policy, batch, lang)?;
    (before > from).then(|| {
        lang.fill(
            Msg::PurgeInsideWindow,
            &[
                ("before", &before),
                ("batch", &batch),
                ("from", &from),
                ("why", &why),
            ],
        )
    })
}

/// `ledger purge --before WEEK` (or the policy's `[ledger] keep_weeks` before `current`).
pub fn purge(
    l: &mut Ledger,
    before: Option<Week>,
    policy: &Policy,
    current: Week,
    lang: Lang,
    out: &mut dyn Write,
) -> Result<()> {
    let before = match (before, policy.ledger.keep_weeks) {
        (Some(w), _) => w,
        (None, Some(k)) => current.plus(-i64::from(k)),
        (None, None) => {
            bail!("give --before WEEK, or set [ledger] keep_weeks in the policy (--policy FILE)")
        }
    };
    let weeks = l.weeks()?;
    if let Some(refusal) = inside_window(&weeks, before, policy, current, lang) {
        bail!("{refusal}");
    }
    let e = l.purge_before(&before.to_string())?;
    writeln!(
        out,
        "{}",
        lang.fill(
            Msg::Purged,
            &[
                ("week", &before),
                ("weeks", &e.weeks),
                ("rows", &e.rows),
                ("inputs", &e.inputs),
            ]
        )
    )?;
    writeln!(out, "{}", out_of_reach(lang))?;
    Ok(())
}
