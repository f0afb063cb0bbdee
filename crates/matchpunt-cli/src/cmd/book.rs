//! `matchpunt book`: the match point books an expert for a request, checked against every hard
//! rule and this week's proposals and bookings in one transaction of the season ledger.

use crate::cmd::ledger::{self, LedgerArg};
use crate::cmd::suggest::{find_request, InlineRequest};
use crate::inputs::InputArgs;
use anyhow::{bail, Result};
use matchpunt::eligibility;
use matchpunt::explain::{limit_miss, Miss};
use matchpunt::messages::{Lang, Msg};
use matchpunt::model::Instance;
use matchpunt::policy::Policy;
use matchpunt_ledger::{Seat, WeekView};
use std::io::Write;
use std::process::ExitCode;

/// Book an expert for a request this week, in the season ledger (as the match point does on
/// the phone).
///
/// The request is one of the requests file (--request ID) or given inline, with the same options
/// as `suggest` (--role, --themes, --place, --slot, --org, ..., and --id). The booking is checked,
/// in one transaction with writing it, against rules 1-9 and this week's proposals and bookings:
/// the expert's most assignments and load, a slot taken already, the request's seats, a decline
/// of this pair. Of two bookings of an expert's last free slot at the same time, exactly one
/// succeeds; the other is told why (exit 1). The next `run --ledger` keeps the booking as a pin.
#[derive(clap::Args, Debug)]
pub struct Args {
    #[command(flatten)]
    inputs: InputArgs,
    #[command(flatten)]
    ledger: LedgerArg,
    /// The request id, from the requests file.
    #[arg(
        long,
        value_name = "ID",
        required_unless_present = "role",
        conflicts_with = "inline"
    )]
    request: Option<String>,
    #[command(flatten)]
    inline: InlineRequest,
    /// The expert to book.
    #[arg(long, value_name = "ID")]
    expert: String,
    /// Language of the texts: en or nl [default: the policy's texts.language, en].
    #[arg(long, value_name = "LANG", value_parser = crate::cmd::suggest::parse_lang, help_heading = "Output")]
    lang: Option<Lang>,
}

/// Runs `book`.
pub fn run(args: Args) -> Result<ExitCode> {
    let policy = args.inputs.policy()?;
    let lang = args.lang.unwrap_or_else(|| policy.lang());
    let Some(path) = &args.ledger.ledger else {
        bail!("book needs the ledger: --ledger FILE (or MATCHPUNT_LEDGER); create one with `matchpunt ledger init FILE`");
    };
    let mut l = ledger::open(path)?;
    let week = ledger::week_of(&args.inputs)?;
    let ws = week.to_string();
    let loaded = ledger::load(&mut l, &args.inputs, &policy, week, false, true)?;
    for w in &loaded.warnings {
        eprintln!("{}", lang.fill(Msg::Warning, &[("text", w)]));
    }
    let mut inst = loaded.instance;
    // The week's earlier inline requests, so that a second seat of one can be booked by id.
    ledger::add_week_inline(&mut inst, &policy, &l.week(&ws)?)?;
    let (ri, inline) = match &args.request {
        Some(id) => (find_request(&inst, id, false)?, None),
        None => {
            let ri = args.inline.add_to(&mut inst, &policy)?;
            (ri, Some(ledger::inline_text(&args.inline.cells())))
        }
    };
    let Some(ei) = inst.experts.iter().position(|e| e.id == args.expert) else {
        let ids: Vec<&str> = inst.experts.iter().map(|e| e.id.as_str()).collect();
        let hint = matchpunt::ingest::did_you_mean(&args.expert, ids)
            .map(|s| format!("; did you mean {s:?}?"))
            .unwrap_or_default();
        bail!("no expert with id {:?}{hint}", args.expert);
    };
    let t = std::time::Instant::now();
    let id = l.book(&ws, |view| {
        check(&inst, &policy, view, ri, ei, inline.is_some(), lang)
            .map(|seat| (seat, inline.clone()))
    });
    let id = match id {
        Ok(id) => id,
        Err(matchpunt_ledger::Error::Refused(why)) => {
            bail!("{}", lang.fill(Msg::BookRefused, &[("why", &why)]))
        }
        Err(e) => return Err(e.into()),
    };
    let mut out = std::io::stdout().lock();
    writeln!(
        out,
        "{}",
        lang.fill(
            Msg::BookDone,
            &[
                ("expert", &inst.experts[ei].id),
                ("request", &inst.requests[ri].id),
                ("week", &ws),
                ("id", &id),
            ]
        )
    )?;
    writeln!(
        out,
        "{}",
        lang.fill(
            Msg::BookTime,
            &[("ms", &lang.num(t.elapsed().as_secs_f64() * 1000.0, 1))]
        )
    )?;
    Ok(ExitCode::SUCCESS)
}

/// Whether expert `ei` may be booked for request `ri` on top of the week `view`: rules 1-9,
/// and the week's limits (reusing `suggest`'s week-use check). The reason otherwise in `lang`,
/// from the message table, in words that do not tell rule 3 from rule 4.
pub fn check(
    inst: &Instance,
    policy: &Policy,
    view: &WeekView,
    ri: usize,
    ei: usize,
    inline: bool,
    lang: Lang,
) -> Result<Seat, String> {
    let r = &inst.requests[ri];
    let e = &inst.experts[ei];
    let pair: [(&str, &dyn std::fmt::Display); 2] = [("expert", &e.id), ("request", &r.id)];
    if inline && view.bookings.iter().any(|b| b.seat.request == r.id) {
        return Err(lang.fill(Msg::BookInlineTaken, &[("request", &format!("{:?}", r.id))]));
    }
    if view
        .bookings
        .iter()
        .any(|b| b.seat.request == r.id && b.seat.expert == e.id)
    {
        return Err(lang.fill(Msg::BookAlready, &pair));
    }
    if view.verdicts().get(&(r.id.clone(), e.id.clone())) == Some(&false) {
        return Err(lang.fill(Msg::BookDeclined, &pair));
    }
    if let Some(reason) = eligibility::check(inst, policy, r, e).iter().next() {
        // Said of a named expert: the stage, so that rules 3 and 4 read the same.
        let stage = reason.stage_of_expert();
        return Err(lang.fill(
            Msg::BookRule,
            &[
                ("expert", &e.id),
                ("why", &stage.text_in(lang)),
                ("rule", &stage.label_in(lang)),
            ],
        ));
    }
    let booked = ledger::week_booked(inst, view, Some(&r.id));
    let u = &booked.uses[ei];
    let miss = limit_miss(r, e, u).or_else(|| {
        // The rolling load budget over weeks (rule 9) as the batch applies it.
        (u.load + r.intensity > e.budget()).then_some(Miss::AtLoad)
    });
    if let Some(m) = miss {
        return Err(match m {
            Miss::Busy => lang.fill(Msg::BookBusy, &pair),
            Miss::AtCount => lang.fill(
                Msg::BookAtCount,
                &[
                    ("expert", &e.id),
                    ("n", &u.count),
                    ("max", &e.max_assignments),
                ],
            ),
            Miss::AtLoad => lang.fill(
                Msg::BookAtLoad,
                &[
                    ("expert", &e.id),
                    ("left", &e.budget().saturating_sub(u.load)),
                    ("budget", &e.budget()),
                    ("needs", &r.intensity),
                ],
            ),
            _ => lang.fill(Msg::BookCannot, &pair),
        });
    }
    let verdicts = view.verdicts();
    let held = view
        .bookings
        .iter()
        .filter(|b| b.seat.request == r.id)
        .count()
        + verdicts
            .iter()
            .filter(|((rq, ex), acc)| {
                **acc
                    && rq == &r.id
                    && !view
                        .bookings
                        .iter()
                        .any(|b| &b.seat.request == rq && &b.seat.expert == ex)
            })
            .count();
    if held as u32 >= r.experts_needed {
        return Err(lang.fill(
            Msg::BookFull,
            &[("request", &r.id), ("seats", &r.experts_needed)],
        ));
    }
    Ok(ledger::seat(inst, ri, ei, true))
}
