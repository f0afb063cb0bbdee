//! Trajectories in the season ledger (issue 24): when the first meeting of a trajectory is
//! accepted (`decide`) or booked (`book`), its later meetings are reserved as bookings of their
//! weeks, so that each later week's `run` keeps them as pins (count, load, slot, rolling budget
//! and heavy-theme pause); declining the trajectory (its first meeting or a reserved one)
//! declines the reservations after it, which frees them.
//!
//! Why bookings: a booking is already the ledger's fixed assignment of a week, checked in one
//! transaction and turned into a pin by `run` and into history by `close`; a reservation needs
//! nothing else.

use crate::cmd::ledger;
use anyhow::Result;
use matchpunt::messages::{Lang, Msg};
use matchpunt::model::Instance;
use matchpunt::policy::Policy;
use matchpunt_ledger::rules::{reservation_of, reservations};
use matchpunt_ledger::Ledger;

/// Reserves the later meetings of each accepted trajectory pair (`pairs`: request and expert
/// indexes of `inst`, the batch week's instance) in the weeks they fall in, each as a booking
/// checked against that week's bookings and decisions as `book` checks one. A meeting already
/// reserved for the pair is left as it is. Returns one line per meeting, in `lang`: reserved,
/// or not reserved and why. O(pairs × meetings × the check of a booking).
///
/// # Errors
///
/// The ledger's errors other than a refusal.
pub fn reserve(
    l: &mut Ledger,
    inst: &Instance,
    policy: &Policy,
    pairs: &[(usize, usize)],
    lang: Lang,
) -> Result<Vec<String>> {
    let mut lines = Vec::new();
    for &(ri, ei) in pairs {
        let expert = inst.experts[ei].id.clone();
        for (week, id, text) in reservations(inst, ri) {
            let ws = week.to_string();
            let view = l.week(&ws)?;
            if view
                .bookings
                .iter()
                .any(|b| b.seat.request == id && b.seat.expert == expert)
            {
                continue;
            }
            let mut at = inst.clone();
            at.week = Some(week);
            let rj = ledger::add_inline(&mut at, policy, &text, &id)?;
            let booked = l.book_checked(&ws, |view| {
                matchpunt_ledger::rules::check(&at, policy, view, rj, ei, true)
                    .map(|seat| (seat, Some(text.clone())))
                    .map_err(matchpunt_ledger::Denial::Booking)
            });
            let fill = |msg, extra: &[(&str, &dyn std::fmt::Display)]| {
                let mut args: Vec<(&str, &dyn std::fmt::Display)> = vec![
                    ("request", &inst.requests[ri].id),
                    ("meeting", &id),
                    ("expert", &expert),
                    ("week", &ws),
                ];
                args.extend_from_slice(extra);
                lang.fill(msg, &args)
            };
            match booked {
                Ok(b) => lines.push(fill(Msg::TrajectoryReserved, &[("id", &b)])),
                Err(matchpunt_ledger::Error::Refused(why)) => lines.push(fill(
                    Msg::TrajectoryNotReserved,
                    &[("why", &why.text(lang))],
                )),
                Err(e) => return Err(e.into()),
            }
        }
    }
    Ok(lines)
}

/// Declines, in the open weeks after `week`, the reservations of the trajectory of `request`
/// (a trajectory's id or a reserved meeting's, `R7-m3`) for `expert` that come after it: the
/// trajectory was declined, so its later meetings are free. Returns one line per meeting freed.
/// O(weeks × bookings).
///
/// # Errors
///
/// The ledger's errors.
pub fn free(
    l: &mut Ledger,
    week: &str,
    request: &str,
    expert: &str,
    lang: Lang,
) -> Result<Vec<String>> {
    let (base, from) = reservation_of(request).unwrap_or((request, 1));
    let mut lines = Vec::new();
    for (w, closed) in l.weeks()? {
        if closed || w.as_str() <= week {
            continue;
        }
        let view = l.week(&w)?;
        let verdicts = view.verdicts();
        let later: Vec<String> = view
            .bookings
            .iter()
            .filter(|b| b.seat.expert == expert)
            .filter(|b| reservation_of(&b.seat.request).is_some_and(|(t, k)| t == base && k > from))
            .filter(|b| verdicts.get(&(b.seat.request.clone(), expert.to_string())) != Some(&false))
            .map(|b| b.seat.request.clone())
            .collect();
        for id in later {
            l.decide(
                &w,
                &[(id.clone(), expert.to_string(), false, String::new())],
            )?;
            lines.push(lang.fill(
                Msg::TrajectoryFreed,
                &[("meeting", &id), ("expert", &expert), ("week", &w)],
            ));
        }
    }
    Ok(lines)
}
