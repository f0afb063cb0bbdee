//! The ledger's week seen through the batch model: the seats of a week as an [`Instance`]'s
//! indexes and uses, and the check of a booking against every hard rule.
//!
//! Why here and not in the command line: `matchpunt book` and the web page's book button must
//! book through the same code (one transaction of [`crate::Ledger::book`] around [`check`]), and
//! the web crate cannot depend on the command line. The rest of this crate knows ids and cells
//! as text; this module is the one place that reads them against the matching library's model.

use crate::{HistoryEntry, Seat, WeekView};
use matchpunt::eligibility::{self, Stage};
use matchpunt::explain::{limit_miss, Booked, ExplainRequestView, Miss, WeekUse};
use matchpunt::ingest;
use matchpunt::messages::{Lang, Msg};
use matchpunt::model::places::Places;
use matchpunt::model::{Instance, Request, Slot, Week};
use matchpunt::policy::Policy;
use matchpunt::teams::FixedMiss;
use std::collections::HashMap;

fn csv_writer() -> csv::Writer<Vec<u8>> {
    csv::WriterBuilder::new().from_writer(Vec::new())
}

/// The ledger's history as the CSV text of a history.csv, the rows `keep` keeps, text cells made
/// inert ([`matchpunt::report::table::inert`]). An imported
/// row whose themes are not known but that was heavy gets the policy's first heavy theme, so
/// that it reads as heavy again. O(rows).
pub fn history_csv(
    rows: &[HistoryEntry],
    policy: &Policy,
    keep: impl Fn(&HistoryEntry) -> bool,
) -> String {
    let mut w = csv_writer();
    let _ = w.write_record([
        "week",
        "expert",
        "org",
        "role",
        "intensity",
        "request",
        "themes",
        "declined",
    ]);
    let heavy_theme = policy
        .intensity
        .heavy_themes
        .first()
        .cloned()
        .unwrap_or_default();
    for r in rows {
        if !keep(r) {
            continue;
        }
        let themes = if r.themes.is_empty() && r.heavy {
            heavy_theme.clone()
        } else {
            r.themes.clone()
        };
        // Text as every CSV output writes it: a cell that a spreadsheet would take for a
        // formula (`=1+2 Stichting`, `-Gemeente`, `+R02`) gets a leading `'` (the readers
        // strip it again).
        let inert = matchpunt::report::table::inert;
        let _ = w.write_record([
            r.week.as_str(),
            &inert(&r.expert),
            &inert(&r.org),
            &inert(&r.role),
            &r.intensity.to_string(),
            &inert(&r.request),
            &inert(&themes),
            if r.declined { "yes" } else { "no" },
        ]);
    }
    String::from_utf8(w.into_inner().unwrap_or_default()).unwrap_or_default()
}

/// The history rows of a loaded batch, as the ledger keeps them (request and themes unknown:
/// a heavy row keeps its heavy flag).
pub fn history_entries(inst: &Instance) -> Vec<HistoryEntry> {
    inst.history
        .iter()
        .map(|h| HistoryEntry {
            week: h.week.to_string(),
            expert: inst.experts[h.expert].id.clone(),
            org: inst.orgs.name(h.org).to_string(),
            role: h.role.as_str().to_string(),
            intensity: h.intensity,
            heavy: h.heavy,
            declined: h.declined,
            request: String::new(),
            themes: String::new(),
        })
        .collect()
}

/// A slot as the ledger writes it: `wed-pm`, or empty when flexible.
fn slot_text(r: &Request) -> String {
    r.slot.map(|s| s.to_string()).unwrap_or_default()
}

/// The ledger's seat of request `ri` and expert `ei` of `inst`.
pub fn seat(inst: &Instance, ri: usize, ei: usize, pinned: bool) -> Seat {
    let r = &inst.requests[ri];
    Seat {
        request: r.id.clone(),
        expert: inst.experts[ei].id.clone(),
        org: inst.orgs.name(r.org).to_string(),
        role: r.role.as_str().to_string(),
        slot: slot_text(r),
        intensity: r.intensity,
        themes: r
            .themes
            .iter()
            .map(|&t| inst.themes.name(t))
            .collect::<Vec<_>>()
            .join("|"),
        heavy: r.heavy,
        pinned,
    }
}

/// The id of meeting `k` (2, 3, ...) of trajectory `id` when it is reserved in a later week:
/// `R7-m2`.
pub fn reservation_id(id: &str, k: u32) -> String {
    format!("{id}-m{k}")
}

/// The trajectory and meeting number of a reservation's id (`R7-m2` is meeting 2 of `R7`);
/// None for an id that is no reservation's.
pub fn reservation_of(id: &str) -> Option<(&str, u32)> {
    let (base, k) = id.rsplit_once("-m")?;
    let k: u32 = k.parse().ok()?;
    (k >= 2 && !base.is_empty()).then_some((base, k))
}

/// The reservations of trajectory request `ri` of `inst` (issue 24): for each later meeting, its
/// week, its id ([`reservation_id`]) and its cells as an inline request (one seat, the
/// request's own intensity, `meetings` = the meetings still to come, this one included), so that
/// the later week's `run` reads it as a request and the booking as its pin. Empty for a request
/// of one meeting, or a reservation itself (its trajectory reserved it). O(meetings).
pub fn reservations(inst: &Instance, ri: usize) -> Vec<(Week, String, String)> {
    let r = &inst.requests[ri];
    let (Some(t), Some(week)) = (inst.teams.trajectories.get(&ri), inst.week) else {
        return Vec::new();
    };
    if reservation_of(&r.id).is_some() {
        return Vec::new();
    }
    let themes: Vec<&str> = r.themes.iter().map(|&t| inst.themes.name(t)).collect();
    let (lat, lon) = match (r.place.is_empty(), r.location) {
        (true, Some(l)) => (l.lat.to_string(), l.lon.to_string()),
        _ => (String::new(), String::new()),
    };
    t.later_weeks(week)
        .into_iter()
        .enumerate()
        .map(|(i, w)| {
            let k = i as u32 + 2;
            let id = reservation_id(&r.id, k);
            let cells: Vec<(&str, String)> = vec![
                ("id", id.clone()),
                ("org", inst.orgs.name(r.org).to_string()),
                ("role", r.role.as_str().to_string()),
                ("themes", themes.join("|")),
                ("place", r.place.clone()),
                ("lat", lat.clone()),
                ("lon", lon.clone()),
                ("online", if r.online { "yes" } else { "no" }.into()),
                ("slot", slot_text(r)),
                ("experts_needed", "1".into()),
                ("intensity", r.intensity.to_string()),
                ("priority", r.priority.to_string()),
                ("language", inst.languages.name(r.language).to_string()),
                (
                    "client_age",
                    r.client_age.map(|a| a.to_string()).unwrap_or_default(),
                ),
                ("gender_pref", r.gender_pref.clone()),
                ("meetings", (t.meetings - k + 1).to_string()),
                ("every_weeks", t.every_weeks.to_string()),
            ];
            (w, id, inline_text(&cells))
        })
        .collect()
}

/// An inline request's cells as the ledger keeps them: a requests.csv header line and row.
pub fn inline_text(cells: &[(&str, String)]) -> String {
    let mut w = csv_writer();
    let _ = w.write_record(cells.iter().map(|c| c.0));
    let _ = w.write_record(cells.iter().map(|c| c.1.as_str()));
    String::from_utf8(w.into_inner().unwrap_or_default()).unwrap_or_default()
}

/// Adds an inline request kept by the ledger (`what` names it in errors, e.g. `booking 3`) to
/// `inst`; returns its index.
///
/// # Errors
///
/// The cells no longer read as a request (e.g. a policy changed since): the reason, in words.
pub fn add_inline(
    inst: &mut Instance,
    policy: &Policy,
    places: &Places,
    text: &str,
    what: &str,
) -> Result<usize, String> {
    let mut rdr = csv::ReaderBuilder::new().from_reader(text.as_bytes());
    let headers = rdr
        .headers()
        .map_err(|e| format!("an inline request of the ledger: {e}"))?
        .clone();
    let row = match rdr.records().next() {
        Some(Ok(row)) => row,
        Some(Err(e)) => return Err(format!("an inline request of the ledger: {e}")),
        None => return Err("an inline request of the ledger has no row".into()),
    };
    let named: Vec<(&str, &str)> = headers.iter().zip(row.iter()).collect();
    match ingest::parse_request(&named, what, places, policy, inst) {
        Ok((r, _)) => {
            inst.requests.push(r);
            Ok(inst.requests.len() - 1)
        }
        Err(e) => Err(format!(
            "the ledger's {what} no longer reads as a request: {e}"
        )),
    }
}

/// Adds the week's inline booked requests (not in the requests file) to `inst`.
///
/// # Errors
///
/// As [`add_inline`].
pub fn add_week_inline(
    inst: &mut Instance,
    policy: &Policy,
    places: &Places,
    view: &WeekView,
) -> Result<(), String> {
    for b in &view.bookings {
        if let Some(cells) = &b.inline_request {
            if !inst.requests.iter().any(|r| r.id == b.seat.request) {
                add_inline(inst, policy, places, cells, &format!("booking {}", b.id))?;
            }
        }
    }
    Ok(())
}

/// This week's use of each expert of `inst`: the seats the week takes (the latest run's
/// proposals not declined, and the bookings). Seats of `skip_request` are not counted; their
/// experts are in [`Booked::own`]. Seats of experts not in `inst` are left out. A seat of a
/// trajectory of `inst` (a reserved meeting included: it reads as a trajectory of the
/// meetings still to come) takes its meetings in `policy`'s rolling window of the rolling budget
/// ([`WeekUse::rolling`]). O(seats).
pub fn week_booked(
    inst: &Instance,
    policy: &Policy,
    view: &WeekView,
    skip_request: Option<&str>,
) -> Booked {
    let mut booked = Booked {
        uses: vec![WeekUse::default(); inst.experts.len()],
        ..Booked::default()
    };
    let index: HashMap<&str, usize> = inst
        .experts
        .iter()
        .enumerate()
        .map(|(i, e)| (e.id.as_str(), i))
        .collect();
    let requests: HashMap<&str, usize> = inst
        .requests
        .iter()
        .enumerate()
        .map(|(i, r)| (r.id.as_str(), i))
        .collect();
    for s in view.taken() {
        let Some(&e) = index.get(s.expert.as_str()) else {
            continue;
        };
        if skip_request == Some(s.request.as_str()) {
            booked.own.push(e);
            continue;
        }
        let ri = requests.get(s.request.as_str()).copied();
        let meetings = ri.map_or(1, |r| {
            matchpunt::batch::usage::window_meetings(inst, policy, r)
        });
        let u = &mut booked.uses[e];
        u.count += 1;
        u.load += s.intensity;
        u.rolling = u
            .rolling
            .saturating_add(s.intensity.saturating_mul(meetings));
        // A seat of a request not in the batch may be heavy: the safe side for the pause.
        u.heavy |= ri.is_none_or(|r| inst.requests[r].heavy);
        if let Some(slot) = Slot::parse(&s.slot) {
            u.slots |= 1 << slot.0;
        }
    }
    booked.own.sort_unstable();
    booked.own.dedup();
    booked
}

/// The id of a new inline request (a phone request booked without `--id`): the first `tel-N`
/// that is neither a request of `inst` nor booked this week. Dutch and English readers alike
/// read `tel` as the phone, and each booking of the week gets its own id (the web page's and
/// `book`'s). O(N · (requests + bookings)).
pub fn new_inline_id(inst: &Instance, view: &WeekView) -> String {
    (1..)
        .map(|n| format!("tel-{n}"))
        .find(|id| {
            !inst.requests.iter().any(|r| &r.id == id)
                && !view.bookings.iter().any(|b| &b.seat.request == id)
        })
        .unwrap_or_default()
}

/// The batch's request and expert ids, each to its index in `inst`.
fn id_indexes(inst: &Instance) -> (HashMap<&str, usize>, HashMap<&str, usize>) {
    let requests = inst.requests.iter().map(|r| r.id.as_str());
    let experts = inst.experts.iter().map(|e| e.id.as_str());
    (
        requests.enumerate().map(|(i, id)| (id, i)).collect(),
        experts.enumerate().map(|(i, id)| (id, i)).collect(),
    )
}

/// Every (request, expert) pair declined this week (the last decision on it), as indexes of
/// `inst`, sorted; pairs of ids not in `inst` are left out. The exclusion that every candidate
/// list of the week goes through (`matchpunt::explain::suggest_except`,
/// `matchpunt::explain::Base::from_assignments_except`), as a round's `forbidden` pairs.
pub fn declined_pairs(inst: &Instance, view: &WeekView) -> Vec<(usize, usize)> {
    let (rs, es) = id_indexes(inst);
    let mut out: Vec<(usize, usize)> = view
        .verdicts()
        .iter()
        .filter(|(_, accepted)| !**accepted)
        .filter_map(|((r, e), _)| Some((*rs.get(r.as_str())?, *es.get(e.as_str())?)))
        .collect();
    out.sort_unstable();
    out.dedup();
    out
}

/// The week's seats (the latest run's proposals not declined, and the bookings) as (request,
/// expert, pinned) indexes of `inst`, sorted; seats of ids not in `inst` are left out.
pub fn week_pairs(inst: &Instance, view: &WeekView) -> Vec<(usize, usize, bool)> {
    let (rs, es) = id_indexes(inst);
    let mut out: Vec<(usize, usize, bool)> = view
        .taken()
        .iter()
        .filter_map(|s| {
            Some((
                *rs.get(s.request.as_str())?,
                *es.get(s.expert.as_str())?,
                s.pinned,
            ))
        })
        .collect();
    out.sort_unstable();
    out.dedup_by_key(|p| (p.0, p.1));
    out
}

/// Why a booking is refused. [`Refusal::text`] says it in a reader's language; no variant tells
/// rule 3 from rule 4 (an ineligible expert's stage is [`matchpunt::eligibility::Reason::stage_of_expert`]).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Refusal {
    /// An inline request with this id was booked this week already.
    InlineIdTaken {
        /// Request id.
        request: String,
    },
    /// This expert is booked for this request already.
    AlreadyBooked {
        /// Expert id.
        expert: String,
        /// Request id.
        request: String,
    },
    /// The expert declined the request this week.
    Declined {
        /// Expert id.
        expert: String,
        /// Request id.
        request: String,
    },
    /// A hard rule (1-9 of one week) rules the expert out.
    NotEligible {
        /// Expert id.
        expert: String,
        /// The stage, rules 3 and 4 as one.
        stage: Stage,
    },
    /// The expert has a seat in the request's slot this week.
    Busy {
        /// Expert id.
        expert: String,
    },
    /// At their most assignments this week.
    AtCount {
        /// Expert id.
        expert: String,
        /// Seats this week.
        count: u32,
        /// Their most.
        max: u32,
    },
    /// The request's load goes beyond their budget.
    AtLoad {
        /// Expert id.
        expert: String,
        /// Budget left.
        left: u32,
        /// Their budget.
        budget: u32,
        /// The request's load.
        needs: u32,
    },
    /// The rolling budget cannot carry the request's meetings in the rolling window (a
    /// trajectory's later meetings, or the trajectory meetings the expert already holds).
    Rolling {
        /// Expert id.
        expert: String,
        /// What the rolling budget leaves.
        left: u32,
        /// What the request takes of it: intensity × `meetings`.
        needs: u32,
        /// The request's meetings in the rolling window.
        meetings: u32,
    },
    /// A heavy-theme trajectory whose later meetings would fall in the heavy-theme pause
    /// ([`matchpunt::batch::usage::paused_trajectory`]): refused now, not lost later.
    HeavyTrajectory {
        /// The trajectory's weeks between two meetings.
        every_weeks: u32,
        /// `[rules] heavy_pause_weeks`.
        pause: u32,
    },
    /// Another limit of the week (a booking row that could not be read).
    Limit {
        /// Expert id.
        expert: String,
    },
    /// A team rule (issue 24) over the request's booked and accepted experts: a new expert
    /// on a one-seat request or without an experienced expert booked beside them, a pair kept
    /// apart, or `experienced_min` broken ([`matchpunt::teams::fixed_miss`]).
    Team {
        /// Expert id.
        expert: String,
        /// Request id.
        request: String,
        /// The rule broken (an index in [`FixedMiss::NotWith`] is the instance's).
        miss: FixedMiss,
        /// With [`FixedMiss::NotWith`]: the other expert's id; empty otherwise.
        other: String,
        /// The request's `experienced_min`.
        min: u32,
        /// The request's seats.
        seats: u32,
    },
    /// Every seat of the request is booked or accepted.
    SeatsTaken {
        /// Request id.
        request: String,
        /// Its seats.
        seats: u32,
    },
}

impl Refusal {
    /// The reason in `lang`, from the message table.
    pub fn text(&self, lang: Lang) -> String {
        match self {
            Refusal::InlineIdTaken { request } => {
                lang.fill(Msg::BookInlineIdTaken, &[("request", request)])
            }
            Refusal::AlreadyBooked { expert, request } => lang.fill(
                Msg::BookAlreadyBooked,
                &[("expert", expert), ("request", request)],
            ),
            Refusal::Declined { expert, request } => lang.fill(
                Msg::BookDeclined,
                &[("expert", expert), ("request", request)],
            ),
            Refusal::NotEligible { expert, stage } => lang.fill(
                Msg::BookNotEligible,
                &[("expert", expert), ("rule", &stage.label_in(lang))],
            ),
            Refusal::Busy { expert } => lang.fill(Msg::BookBusy, &[("expert", expert)]),
            Refusal::AtCount { expert, count, max } => lang.fill(
                Msg::BookAtCount,
                &[("expert", expert), ("count", count), ("max", max)],
            ),
            Refusal::AtLoad {
                expert,
                left,
                budget,
                needs,
            } => lang.fill(
                Msg::BookAtLoad,
                &[
                    ("expert", expert),
                    ("left", left),
                    ("budget", budget),
                    ("needs", needs),
                ],
            ),
            Refusal::Rolling {
                expert,
                left,
                needs,
                meetings,
            } => lang.fill(
                Msg::BookRolling,
                &[
                    ("expert", expert),
                    ("left", left),
                    ("needs", needs),
                    ("n", meetings),
                ],
            ),
            Refusal::HeavyTrajectory { every_weeks, pause } => lang.fill(
                Msg::HeavyTrajectoryPause,
                &[("every", every_weeks), ("pause", pause)],
            ),
            Refusal::Limit { expert } => lang.fill(Msg::BookLimit, &[("expert", expert)]),
            Refusal::Team {
                expert,
                request,
                miss,
                other,
                min,
                seats,
            } => match miss {
                FixedMiss::NewAlone => lang.fill(Msg::TeamFixNewAlone, &[("expert", expert)]),
                FixedMiss::NotWith(_) => {
                    lang.fill(Msg::TeamFixNotWith, &[("expert", expert), ("other", other)])
                }
                FixedMiss::ExperiencedMin => lang.fill(
                    Msg::TeamFixExperiencedMin,
                    &[
                        ("expert", expert),
                        ("request", request),
                        ("min", min),
                        ("seats", seats),
                    ],
                ),
            },
            Refusal::SeatsTaken { request, seats } => lang.fill(
                Msg::BookSeatsTaken,
                &[("request", request), ("seats", seats)],
            ),
        }
    }
}

/// Whether expert `ei` may be booked for request `ri` of `inst` on top of the week `view`:
/// rules 1-9 (the rolling load budget over weeks too), and the week's limits: a seat in the
/// slot, the most assignments, the load budget, the request's seats, a decline of this pair.
/// `inline`: the request is typed in (not in the requests file), so its id must be new this
/// week. The seat to write, or why not. Call it inside [`crate::Ledger::book`], so that the
/// check and the write are one transaction. O(week's seats + experts).
pub fn check(
    inst: &Instance,
    policy: &Policy,
    view: &WeekView,
    ri: usize,
    ei: usize,
    inline: bool,
) -> Result<Seat, Refusal> {
    let r = &inst.requests[ri];
    let e = &inst.experts[ei];
    let (rid, eid) = (r.id.clone(), e.id.clone());
    if inline && view.bookings.iter().any(|b| b.seat.request == r.id) {
        return Err(Refusal::InlineIdTaken { request: rid });
    }
    if view
        .bookings
        .iter()
        .any(|b| b.seat.request == r.id && b.seat.expert == e.id)
    {
        return Err(Refusal::AlreadyBooked {
            expert: eid,
            request: rid,
        });
    }
    let verdicts = view.verdicts();
    if verdicts.get(&(rid.clone(), eid.clone())) == Some(&false) {
        return Err(Refusal::Declined {
            expert: eid,
            request: rid,
        });
    }
    if let Some(reason) = eligibility::check(inst, policy, r, e).iter().next() {
        return Err(Refusal::NotEligible {
            expert: eid,
            stage: reason.stage_of_expert(),
        });
    }
    let booked = week_booked(inst, policy, view, Some(&r.id));
    let u = &booked.uses[ei];
    // The week's limits as the batch applies them: count, slot, the load budget (the rolling
    // one included, a trajectory's later meetings too) and the heavy-theme pause.
    let miss = limit_miss(inst, policy, ri, ei, u);
    if let Some(m) = miss {
        return Err(match m {
            Miss::Busy => Refusal::Busy { expert: eid },
            Miss::AtCount => Refusal::AtCount {
                expert: eid,
                count: u.count,
                max: e.max_assignments,
            },
            // Within the weekly budget: the rolling budget is what binds.
            Miss::AtLoad if u.load + r.intensity <= e.load_budget => Refusal::Rolling {
                expert: eid,
                left: e.budget().saturating_sub(u.load),
                needs: r.intensity,
                meetings: 1,
            },
            Miss::AtLoad => Refusal::AtLoad {
                expert: eid,
                left: e.load_budget.saturating_sub(u.load),
                budget: e.load_budget,
                needs: r.intensity,
            },
            Miss::Rolling { meetings, left } => Refusal::Rolling {
                expert: eid,
                left,
                needs: r.intensity.saturating_mul(meetings),
                meetings,
            },
            Miss::HeavyTrajectory { every_weeks, pause } => {
                Refusal::HeavyTrajectory { every_weeks, pause }
            }
            _ => Refusal::Limit { expert: eid },
        });
    }
    let booked_here = |rq: &str, ex: &str| {
        view.bookings
            .iter()
            .any(|b| b.seat.request == rq && b.seat.expert == ex)
    };
    let held = view
        .bookings
        .iter()
        .filter(|b| b.seat.request == r.id)
        .count()
        + verdicts
            .iter()
            .filter(|((rq, ex), acc)| **acc && rq == &r.id && !booked_here(rq, ex))
            .count();
    if held as u32 >= r.experts_needed {
        return Err(Refusal::SeatsTaken {
            request: rid,
            seats: r.experts_needed,
        });
    }
    // Team rules: a booking is a fixed seat, kept as a pin in later runs, so it keeps the
    // rules by itself, beside the request's booked and accepted experts (the safe side).
    let index = |id: &str| inst.experts.iter().position(|x| x.id == id);
    let mut others: Vec<usize> = view
        .bookings
        .iter()
        .filter(|b| b.seat.request == r.id)
        .filter_map(|b| index(&b.seat.expert))
        .chain(
            verdicts
                .iter()
                .filter(|((rq, _), acc)| **acc && rq == &r.id)
                .filter_map(|((_, ex), _)| index(ex)),
        )
        .filter(|&o| o != ei)
        .collect();
    others.sort_unstable();
    others.dedup();
    let standing = matchpunt::teams::standings(inst, policy);
    if let Some(miss) = matchpunt::teams::fixed_miss(inst, &standing, ri, ei, &others) {
        let other = match miss {
            FixedMiss::NotWith(o) => inst.experts[o].id.clone(),
            _ => String::new(),
        };
        return Err(Refusal::Team {
            expert: eid,
            request: rid,
            miss,
            other,
            min: inst.teams.experienced_min.get(&ri).copied().unwrap_or(0),
            seats: r.experts_needed,
        });
    }
    Ok(seat(inst, ri, ei, true))
}

/// An open seat's reason when experts declined the request this week: who declined, and that
/// they are not proposed again.
pub fn declined_text(ids: &[&str], lang: Lang) -> String {
    lang.fill(Msg::DeclinedThisWeek, &[("experts", &ids.join(", "))])
}

/// `explain --request` of a base without the declined pairs
/// (`matchpunt::explain::Base::from_assignments_except`, so no runner-up, fix or count puts
/// them forward): the open seats' reason says first who declined (`declined`: expert indexes).
pub fn say_declined(v: &mut ExplainRequestView, inst: &Instance, declined: &[usize], lang: Lang) {
    if declined.is_empty() {
        return;
    }
    let ids: Vec<&str> = declined
        .iter()
        .map(|&e| inst.experts[e].id.as_str())
        .collect();
    let said = declined_text(&ids, lang);
    if let Some(open) = &mut v.open {
        open.why = if open.why.trim().is_empty() {
            said
        } else {
            format!("{said}; {}", open.why)
        };
    }
}
