//! `matchpunt decide`: record accepts and declines of this week's proposals in the ledger.

use crate::cmd::ledger::{self};
use anyhow::{bail, Result};
use matchpunt::batch::round::{self, Verdict};
use matchpunt::ingest::Source;
use matchpunt::messages::Msg;
use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

/// Record decisions on this week's proposals in the season ledger.
///
/// Either a decisions file (as `run --decisions` takes: request, expert, decision
/// accepted/declined, geaccepteerd/afgewezen, ja/nee) or one decision (--request, --expert,
/// --accepted or --declined, and an optional --note). Each decision must be on a pair that a run
/// of the week proposed (or a booking); otherwise nothing is recorded. The next `run --ledger`
/// keeps accepted pairs like pins and never proposes a declined pair again.
///
/// After a decline, the first standby of the latest run still free this week is printed (not
/// declined, not booked since beyond their margins or in the seat's slot). `--accepted` on a
/// standby's pair books them (after the decline of the expert they stand in for), as `book`
/// does.
#[derive(clap::Args, Debug)]
pub struct Args {
    #[command(flatten)]
    at: crate::args::LedgerWeek,
    /// A decisions file (CSV): request, expert, decision, optional note.
    #[arg(long, value_name = "FILE", conflicts_with_all = ["request", "expert"])]
    decisions: Option<PathBuf>,
    /// The request of one decision.
    #[arg(
        long,
        value_name = "ID",
        requires = "expert",
        required_unless_present = "decisions"
    )]
    request: Option<String>,
    /// The expert of one decision.
    #[arg(long, value_name = "ID", requires = "request")]
    expert: Option<String>,
    /// The proposal was accepted.
    #[arg(long, conflicts_with = "declined")]
    accepted: bool,
    /// The proposal was declined.
    #[arg(long)]
    declined: bool,
    /// A note kept with the decision (never in the log).
    #[arg(long, value_name = "TEXT")]
    note: Option<String>,
    #[command(flatten)]
    lang: crate::args::LangArg,
}

/// Runs `decide`.
pub fn run(args: Args) -> Result<ExitCode> {
    let lang = args.lang.get();
    let mut l = ledger::required(&args.at.ledger)?;
    let week = args.at.week.to_string();
    let decisions: Vec<(String, String, bool, String)> = match (&args.decisions, &args.request) {
        (Some(p), _) => {
            let f = crate::voice::open(p)?;
            round::read_decisions(Source::new(p.display().to_string(), f))?
                .into_iter()
                .map(|d| {
                    (
                        d.request,
                        d.expert,
                        d.verdict == Some(Verdict::Accepted),
                        String::new(),
                    )
                })
                .collect()
        }
        (None, Some(r)) => {
            if args.accepted == args.declined {
                bail!("{}", lang.text(Msg::DecideGiveVerdict));
            }
            vec![(
                r.clone(),
                args.expert.clone().unwrap_or_default(),
                args.accepted,
                args.note.clone().unwrap_or_default(),
            )]
        }
        (None, None) => bail!("{}", lang.text(Msg::DecideGivePairs)),
    };
    let mut out = std::io::stdout().lock();
    // The latest run's batch and policy, for the team rules of a standby (the same check as a
    // booking's); None where its input files cannot be read again.
    let run_team = match l.week(&week)?.latest_run {
        Some(run) => ledger::run_instance(&l, &week, run)?.flatten(),
        None => None,
    };
    let team = run_team.as_ref().map(|(i, p)| (i, p));
    // Accepting a standby of the latest run (not proposed, not booked): a booking like any
    // other, checked in one transaction against this week's decisions and bookings.
    if let [(r, e, true, _)] = decisions.as_slice() {
        let view = l.week(&week)?;
        let known = view
            .ever_proposed
            .iter()
            .chain(view.bookings.iter().map(|b| &b.seat))
            .any(|s| &s.request == r && &s.expert == e);
        if !known
            && view
                .standbys
                .iter()
                .any(|s| &s.request == r && &s.standby == e)
        {
            let id = match l.book_standby(&week, team, r, e) {
                Ok(id) => id,
                Err(matchpunt_ledger::Error::Refused(why)) => {
                    bail!(
                        "{}",
                        lang.fill(Msg::BookRefused, &[("why", &why.text(lang))])
                    )
                }
                Err(err) => return Err(err.into()),
            };
            writeln!(
                out,
                "{}",
                lang.fill(
                    Msg::StandbyBooked,
                    &[("expert", e), ("request", r), ("week", &week), ("id", &id)]
                )
            )?;
            return Ok(ExitCode::SUCCESS);
        }
    }
    let recorded = l.decide(&week, &decisions)?;
    let accepted = decisions.iter().filter(|d| d.2).count();
    if recorded < decisions.len() {
        let text = lang.fill(
            Msg::DecideRepeats,
            &[
                ("n", &(decisions.len() - recorded)),
                ("total", &decisions.len()),
            ],
        );
        eprintln!("{}", lang.fill(Msg::Note, &[("text", &text)]));
    }
    writeln!(
        out,
        "{}",
        lang.fill(
            matchpunt::messages::Msg::DecideDone,
            &[
                ("n", &decisions.len()),
                ("week", &week),
                ("accepted", &accepted),
                ("declined", &(decisions.len() - accepted)),
                ("ledger", &l.path().display()),
            ]
        )
    )?;
    // Trajectories (issue 24): an accepted first meeting reserves the later ones in their
    // weeks; a decline frees those after it.
    let view = l.week(&week)?;
    let accepted_pairs: Vec<&(String, String, bool, String)> =
        decisions.iter().filter(|d| d.2).collect();
    if let (false, Some(_)) = (accepted_pairs.is_empty(), view.latest_run) {
        if let Some((inst, policy)) = &run_team {
            let pairs: Vec<(usize, usize)> = accepted_pairs
                .iter()
                .filter_map(|(r, e, _, _)| {
                    let ri = inst.requests.iter().position(|q| &q.id == r)?;
                    let ei = inst.experts.iter().position(|x| &x.id == e)?;
                    inst.teams
                        .trajectories
                        .contains_key(&ri)
                        .then_some((ri, ei))
                })
                .collect();
            for line in crate::cmd::trajectory::reserve(&mut l, inst, policy, &pairs, lang)? {
                writeln!(out, "{line}")?;
            }
        }
    }
    for (r, e, _, _) in decisions.iter().filter(|d| !d.2) {
        for line in crate::cmd::trajectory::free(&mut l, &week, r, e, lang)? {
            writeln!(out, "{line}")?;
        }
    }
    // After a decline: the first standby still free this week, so that the match point can call
    // them at once.
    for (r, e, _, _) in decisions.iter().filter(|d| !d.2) {
        if view.standbys_of(r, e).is_empty() {
            continue;
        }
        let line = match view.first_free_standby(team, r, e).0 {
            Some(s) => lang.fill(
                Msg::StandbyFirst,
                &[
                    ("request", &s.request),
                    ("expert", &s.standby),
                    ("id", &s.standby),
                    ("rank", &s.rank),
                    ("cost", &lang.num(s.swap_cost, 1)),
                    ("ledger", &l.path().display()),
                    ("week", &week),
                ],
            ),
            None => lang.fill(Msg::StandbyNoneLeft, &[("request", r)]),
        };
        writeln!(out, "{line}")?;
    }
    Ok(ExitCode::SUCCESS)
}
