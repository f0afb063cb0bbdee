//! `matchpunt book`: the match point books an expert for a request, checked against every hard
//! rule and this week's proposals and bookings in one transaction of the season ledger.

use crate::cmd::ledger::{self, LedgerArg};
use crate::cmd::suggest::{find_request, InlineRequest};
use crate::inputs::InputArgs;
use anyhow::{bail, Result};
use matchpunt::messages::Msg;
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
    #[command(flatten)]
    lang: crate::args::LangArg,
}

/// Runs `book`.
pub fn run(args: Args) -> Result<ExitCode> {
    let policy = args.inputs.policy()?;
    let lang = args.lang.or_policy(&policy);
    let Some(path) = &args.ledger.ledger else {
        bail!("{}", lang.text(Msg::BookNeedsLedger));
    };
    let mut l = ledger::open(path)?;
    let week = ledger::week_of(&args.inputs)?;
    let ws = week.to_string();
    let loaded = ledger::load(&mut l, &args.inputs, &policy, week, false, true, lang)?;
    for w in &loaded.warnings {
        eprintln!("{}", lang.fill(Msg::Warning, &[("text", &w.render(lang))]));
    }
    let mut inst = loaded.instance;
    // The week's earlier inline requests, so that a second seat of one can be booked by id.
    ledger::add_week_inline(&mut inst, &policy, &l.week(&ws)?)?;
    let (ri, inline) = match &args.request {
        Some(id) => (find_request(&inst, id, false)?, None),
        None => {
            // Without --id, the week's next `tel-N` (as the web page names its bookings).
            let mut inline_req = args.inline.clone();
            if inline_req.id.is_none() {
                inline_req.id = Some(matchpunt_ledger::rules::new_inline_id(&inst, &l.week(&ws)?));
            }
            let ri = inline_req.add_to(&mut inst, &policy, lang)?;
            (ri, Some(ledger::inline_text(&inline_req.cells())))
        }
    };
    let Some(ei) = inst.experts.iter().position(|e| e.id == args.expert) else {
        let ids: Vec<&str> = inst.experts.iter().map(|e| e.id.as_str()).collect();
        let hint = matchpunt::ingest::did_you_mean(&args.expert, ids)
            .map(|s| lang.fill(Msg::BookDidYouMean, &[("id", &format!("{s:?}"))]))
            .unwrap_or_default();
        bail!(
            "{}",
            lang.fill(
                Msg::BookNoExpert,
                &[("id", &format!("{:?}", args.expert)), ("hint", &hint)]
            )
        );
    };
    let t = std::time::Instant::now();
    let id = l.book_checked(&ws, |view| {
        matchpunt_ledger::rules::check(&inst, &policy, view, ri, ei, inline.is_some())
            .map(|seat| (seat, inline.clone()))
            .map_err(matchpunt_ledger::Denial::Booking)
    });
    let id = match id {
        Ok(id) => id,
        Err(matchpunt_ledger::Error::Refused(why)) => {
            bail!(
                "{}",
                lang.fill(Msg::BookRefused, &[("why", &why.text(lang))])
            )
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
    // A trajectory's first meeting booked: its later meetings are reserved in their weeks.
    if inst.teams.trajectories.contains_key(&ri) {
        for line in crate::cmd::trajectory::reserve(&mut l, &inst, &policy, &[(ri, ei)], lang)? {
            writeln!(out, "{line}")?;
        }
    }
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
