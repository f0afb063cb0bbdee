//! The advice-and-match point: `suggest` for one request, `explain` for every match and every
//! open seat, and the smallest change that fills an open seat.
//!
//! - [`suggest`] ranks every expert who meets rules 1-8 for one request and, given this week's
//!   bookings ([`Booked`]), is within their count and load limits and free in the slot. The
//!   rank is the pair's score minus the batch-spread cost of one more assignment this week; ties
//!   go to the expert who comes first in the file. Near misses are the experts who fail exactly
//!   one condition, ranked by [`Miss::gap`].
//! - [`Base`] is a solved batch (from [`crate::batch::run`] or from an assignments file).
//!   [`Base::evaluate`] applies one [`Change`] and re-solves exactly the part of the batch it can
//!   affect: the connected components (of the candidate graph before and after the change) that
//!   hold a request or expert whose pairs, limits, seats or pins change. Every other component
//!   is the same sub-problem as before, so it keeps its solution, and the objective difference is
//!   exact. A runner-up's cost is the evaluation of a [`Change::Pin`]; a fix is a change whose
//!   evaluation fills the seat.
//! - [`Base::fixes`] lists the candidate changes for an open seat by size ([`Change::size`]) and
//!   keeps those that the re-solve shows to fill it.
//!
//! Texts come from [`crate::messages`]; nothing here names an expert's themes other than a count
//! of the request's own themes they share, and a reason under rule 3 or 4 is "not for this
//! request now".

use crate::batch::{self, BatchResult, PinConflict, Pins};
use crate::eligibility::{self, Pair, Reason, Reasons, Stage};
use crate::ingest::assignments::{read_pair_rows, BatchIds, PairFile};
use crate::ingest::{InputErrors, Source, MAX_ERRORS_PER_FILE};
use crate::messages::{Lang, Msg};
use crate::model::{Expert, Instance, Request, Role, Slot};
use crate::policy::Policy;
use crate::scoring::{self, ExpertHistory, Scored, SCALE};
use crate::solve::{self, Problem, SolveOptions};
use petgraph::unionfind::UnionFind;
use serde::Serialize;
use std::borrow::Cow;
use std::collections::{BTreeMap, HashMap};
use std::fmt::Display;
use std::time::Instant;

// ---------------------------------------------------------------------------------------------
// This week's bookings.

/// One expert's bookings this week so far.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct WeekUse {
    /// Assignments.
    pub count: u32,
    /// Load used.
    pub load: u32,
    /// Slots taken (bit i = slot i).
    pub slots: u32,
    /// A booking row of this expert could not be read: treated as unavailable (the safe side).
    pub unsure: bool,
}

/// The week's bookings of every expert, from an assignments file or a batch result.
#[derive(Clone, Debug, Default)]
pub struct Booked {
    /// Per expert, by index.
    pub uses: Vec<WeekUse>,
    /// Experts the file already assigns to the request asked about (not counted as bookings).
    pub own: Vec<usize>,
    /// Notes for the user (rows left out or read on the safe side).
    pub warnings: Vec<String>,
}

impl Booked {
    /// The bookings of a set of (request, expert) assignments of `inst`.
    pub fn from_pairs(inst: &Instance, pairs: impl IntoIterator<Item = (usize, usize)>) -> Self {
        let mut uses = vec![WeekUse::default(); inst.experts.len()];
        for (r, e) in pairs {
            let req = &inst.requests[r];
            let u = &mut uses[e];
            u.count += 1;
            u.load += req.intensity;
            if let Some(s) = req.slot {
                u.slots |= 1 << s.0;
            }
        }
        Booked {
            uses,
            own: Vec::new(),
            warnings: Vec::new(),
        }
    }
}

/// Reads this week's bookings from an assignments file. Rows of `skip_request` (the request
/// being asked about) are not counted; their experts are listed in [`Booked::own`].
///
/// On the safe side: an expert whose booking row has an unreadable slot or intensity (or names a
/// request this batch does not know and lacks those columns) is treated as unavailable, with a
/// warning naming the row. A row naming an unknown expert is left out with a warning.
pub fn read_booked(
    src: Source<'_>,
    inst: &Instance,
    skip_request: Option<&str>,
) -> Result<Booked, InputErrors> {
    let t = read_pair_rows(src, PairFile::Assignments)?;
    let ids = BatchIds::new(inst);
    let skip = skip_request.and_then(|r| ids.request(r));
    let mut out = Booked {
        uses: vec![WeekUse::default(); inst.experts.len()],
        ..Booked::default()
    };
    for row in &t.rows {
        let (req, exp, line) = (row.request.as_str(), row.expert.as_str(), row.line);
        let Some(e) = ids.expert(exp) else {
            out.warnings.push(format!(
                "{}:{line}: expert {exp:?} is not in the experts file; this booking is left out",
                t.file
            ));
            continue;
        };
        let known = ids.request(req);
        if known.is_some() && known == skip {
            out.own.push(e);
            continue;
        }
        let known = known.map(|r| &inst.requests[r]);
        // An empty slot cell: the request's own slot when the batch knows it (a flexible request
        // has none, as in the batch); a request the batch does not know leaves the day open.
        let slot = match (row.slot.as_deref(), known) {
            (Some(""), Some(r)) | (None, Some(r)) => {
                if row.slot.is_some() && r.slot.is_some() {
                    out.warnings.push(format!(
                        "{}:{line}: booking of expert {exp} on {req:?} has an empty slot: read as the request's slot {} (expert {exp} is not free then)",
                        t.file,
                        r.slot.map(|s| s.to_string()).unwrap_or_default()
                    ));
                }
                Ok(r.slot)
            }
            (Some(""), None) => Err("empty slot on a request this batch does not know".to_string()),
            (Some(s), _) => Slot::parse(s).map(Some).ok_or(format!("slot {s:?}")),
            (None, None) => Err("no slot column".to_string()),
        };
        let intensity = match (row.intensity.as_deref(), known) {
            // As in requests.csv: `2,0` is 2, and `1.000` is ambiguous (unreadable).
            (Some(v), _) if !v.is_empty() => crate::ingest::sheet::whole_number(v)
                .ok()
                .filter(|&x| x <= 1_000_000)
                .map(|x| x as u32)
                .ok_or(format!("intensity {v:?}")),
            (_, Some(r)) => Ok(r.intensity),
            _ => Err("no intensity".to_string()),
        };
        let u = &mut out.uses[e];
        match (slot, intensity) {
            (Ok(s), Ok(i)) => {
                u.count += 1;
                u.load += i;
                if let Some(s) = s {
                    u.slots |= 1 << s.0;
                }
            }
            (Err(why), _) | (_, Err(why)) => {
                u.unsure = true;
                out.warnings.push(format!(
                    "{}:{line}: booking of expert {exp} on {req:?} has an unreadable {why}: {exp} is treated as unavailable this week to be safe",
                    t.file
                ));
            }
        }
    }
    out.own.sort_unstable();
    out.own.dedup();
    Ok(out)
}

/// Reads the (request, expert, pinned) assignments of an assignments file, strictly: every
/// request and expert must be in this batch (ids compared as [`crate::ingest`] compares them).
///
/// # Errors
///
/// As [`read_pair_rows`], and every row naming a request or expert this batch does not have.
pub fn read_assignment_pairs(
    src: Source<'_>,
    inst: &Instance,
) -> Result<Vec<(usize, usize, bool)>, InputErrors> {
    let t = read_pair_rows(src, PairFile::Assignments)?;
    let ids = BatchIds::new(inst);
    let mut errs = InputErrors::default();
    let mut out = Vec::new();
    for row in &t.rows {
        let pinned = row
            .pinned
            .as_deref()
            .is_some_and(|p| crate::ingest::parse_bool(p) == Ok(Some(true)));
        let (r, e) = (ids.request(&row.request), ids.expert(&row.expert));
        let msg = |what: &str| {
            format!(
                "is not {what} of this batch: expected the assignments of a run on the same inputs"
            )
        };
        match (r, e) {
            (Some(r), Some(e)) => out.push((r, e, pinned)),
            (r, e) => {
                if r.is_none() && errs.errors.len() < MAX_ERRORS_PER_FILE {
                    errs.errors
                        .push(t.cell_error(row, "request", &row.request, msg("a request")));
                }
                if e.is_none() && errs.errors.len() < MAX_ERRORS_PER_FILE {
                    errs.errors
                        .push(t.cell_error(row, "expert", &row.expert, msg("an expert")));
                }
            }
        }
    }
    if errs.errors.is_empty() {
        out.sort_unstable();
        out.dedup();
        Ok(out)
    } else {
        Err(errs)
    }
}

// ---------------------------------------------------------------------------------------------
// suggest.

/// Why an expert is a near miss: the one condition they fail.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Miss {
    /// One of rules 5-8 (never the personal stage, rules 3-4: a near miss is a hint of what
    /// a coordinator could change).
    Rule(Stage),
    /// Already booked in the request's slot this week.
    Busy,
    /// At their most assignments this week.
    AtCount,
    /// This request would take them over their load budget.
    AtLoad,
    /// A booking row could not be read; treated as unavailable.
    Unsure,
}

impl Miss {
    /// A stable code ([`Stage::code`]).
    pub fn code(self) -> &'static str {
        match self {
            Miss::Rule(r) => r.code(),
            Miss::Busy => "busy-in-slot",
            Miss::AtCount => "at-max-assignments",
            Miss::AtLoad => "at-load-budget",
            Miss::Unsure => "booking-unreadable",
        }
    }

    /// How far off: the size of the smallest change that would remove the miss, on the scale of
    /// [`Change::size`]: 1 per extra assignment or load point, 1 per started 5 km of travel, 2
    /// for another slot or online, 3 for another language, 4 for a gender or age wish; rules 3
    /// and 4 are not a coordinator's to change and come last.
    pub fn gap(self, over_km: f64, over_load: u32) -> f64 {
        match self {
            Miss::AtCount => 1.0,
            Miss::AtLoad => over_load.max(1) as f64,
            Miss::Rule(Stage::TooFar) => travel_steps(over_km),
            Miss::Busy | Miss::Rule(Stage::SlotUnavailable) | Miss::Rule(Stage::NotOnline) => 2.0,
            Miss::Rule(Stage::Language) | Miss::Rule(Stage::NoAvailability) => 3.0,
            Miss::Rule(Stage::Gender) | Miss::Rule(Stage::AgeGap) => 4.0,
            Miss::Unsure => 10.0,
            Miss::Rule(_) => 100.0,
        }
    }
}

fn travel_steps(over_km: f64) -> f64 {
    (over_km / 5.0).ceil().max(1.0)
}

/// One suggested expert.
#[derive(Clone, Debug)]
pub struct Candidate {
    /// The scored pair.
    pub scored: Scored,
    /// What ranks: the score minus the batch spread of one more assignment this week.
    pub rank_score: f64,
    /// Bookings this week before this request.
    pub week: WeekUse,
}

/// One near miss.
#[derive(Clone, Debug)]
pub struct NearMiss {
    /// Expert index.
    pub expert: usize,
    /// The one condition failed.
    pub miss: Miss,
    /// How far off ([`Miss::gap`]).
    pub gap: f64,
    /// Km from the request (on site).
    pub distance_km: Option<f64>,
    /// Available slots not booked this week.
    pub free_slots: u32,
}

/// The answer of [`suggest`].
#[derive(Clone, Debug)]
pub struct Suggestion {
    /// Request index.
    pub request: usize,
    /// Experts meeting rules 1-8.
    pub eligible: usize,
    /// Of those, the ones within their limits and free in the slot.
    pub free: usize,
    /// The top candidates, best first.
    pub candidates: Vec<Candidate>,
    /// Near misses, closest first (at most as many as candidates asked).
    pub near: Vec<NearMiss>,
    /// Whether bookings were taken into account.
    pub booked: bool,
}

/// Whether expert `e` can take request `r` on top of bookings `u`; the miss otherwise.
pub fn limit_miss(r: &Request, e: &Expert, u: &WeekUse) -> Option<Miss> {
    if u.unsure {
        Some(Miss::Unsure)
    } else if r.slot.is_some_and(|s| u.slots & (1 << s.0) != 0) {
        Some(Miss::Busy)
    } else if u.count >= e.max_assignments {
        Some(Miss::AtCount)
    } else if u.load + r.intensity > e.load_budget {
        Some(Miss::AtLoad)
    } else {
        None
    }
}

/// The rank of a pair for `suggest`: score minus the spread cost of one more assignment.
pub fn rank_score(policy: &Policy, s: &Scored, u: &WeekUse) -> f64 {
    s.score - policy.objective.batch_spread * u.count as f64
}

/// The best `top` experts for request `ri`, given this week's bookings (if any), and the near
/// misses. See the module docs for the order.
pub fn suggest(
    inst: &Instance,
    policy: &Policy,
    ri: usize,
    booked: Option<&Booked>,
    top: usize,
) -> Suggestion {
    let r = &inst.requests[ri];
    let hist = scoring::history_stats(inst, policy);
    let none = WeekUse::default();
    let mut cands = Vec::new();
    let mut near = Vec::new();
    let mut eligible = 0;
    for (ei, e) in inst.experts.iter().enumerate() {
        let u = booked.map_or(&none, |b| &b.uses[ei]);
        let why = eligibility::check(inst, policy, r, e);
        let dist = eligibility::distance_km(r, e);
        let free_slots = e.availability.0 & !u.slots;
        if why.is_eligible() {
            eligible += 1;
            match limit_miss(r, e, u) {
                None => {
                    let s = scoring::score_pair(
                        inst,
                        policy,
                        &hist,
                        Pair {
                            request: ri as u32,
                            expert: ei as u32,
                        },
                    );
                    cands.push(Candidate {
                        rank_score: rank_score(policy, &s, u),
                        scored: s,
                        week: *u,
                    });
                }
                Some(miss) => {
                    let over = (u.load + r.intensity).saturating_sub(e.load_budget);
                    near.push(NearMiss {
                        expert: ei,
                        miss,
                        gap: miss.gap(0.0, over),
                        distance_km: dist,
                        free_slots,
                    })
                }
            }
        } else if let Some(reason) = single_near_reason(why) {
            let over_km = dist.map_or(0.0, |d| d - e.max_travel_km);
            let miss = Miss::Rule(reason.stage());
            // Not available in the slot and no other slot free either: as far as no slot at all.
            let gap = if reason == Reason::SlotUnavailable && free_slots == 0 {
                Miss::Rule(Stage::NoAvailability).gap(0.0, 0)
            } else {
                miss.gap(over_km, 0)
            };
            near.push(NearMiss {
                expert: ei,
                miss,
                gap,
                distance_km: dist,
                free_slots,
            });
        }
    }
    let free = cands.len();
    cands.sort_by(|a, b| {
        b.rank_score
            .total_cmp(&a.rank_score)
            .then(a.scored.pair.expert.cmp(&b.scored.pair.expert))
    });
    cands.truncate(top);
    near.sort_by(|a, b| a.gap.total_cmp(&b.gap).then(a.expert.cmp(&b.expert)));
    near.truncate(top);
    Suggestion {
        request: ri,
        eligible,
        free,
        candidates: cands,
        near,
        booked: booked.is_some(),
    }
}

/// The one reason of a near miss: exactly one rule fails, and it is one of rules 5-8
/// ([`Stage::is_near`]). An expert kept out by a personal reason (rules 3-4) is never a near
/// miss, so that no list, order or omission tells an avoided theme from an excluded organisation.
fn single_near_reason(why: Reasons) -> Option<Reason> {
    let mut it = why.iter();
    let first = it.next()?;
    if it.next().is_some() || !first.stage().is_near() {
        return None;
    }
    Some(first)
}

// ---------------------------------------------------------------------------------------------
// Changes and their exact evaluation by re-solving.

/// One change to a batch's data.
#[derive(Clone, Debug, PartialEq)]
pub enum Change {
    /// New limits for an expert (more assignments and/or a larger load budget).
    Limits {
        /// Expert index.
        expert: usize,
        /// New max_assignments.
        max_assignments: u32,
        /// New load_budget.
        load_budget: u32,
    },
    /// A longer travel distance for an expert.
    Travel {
        /// Expert index.
        expert: usize,
        /// New max_travel_km.
        max_travel_km: f64,
        /// The distance to the request that needs it, km.
        distance_km: f64,
    },
    /// The request in another slot.
    Slot {
        /// Request index.
        request: usize,
        /// The new slot.
        slot: Slot,
    },
    /// The request online instead of on site.
    Online {
        /// Request index.
        request: usize,
    },
    /// The request in another language.
    Language {
        /// Request index.
        request: usize,
        /// Interned language id.
        language: u32,
    },
    /// A coordinator's pin removed.
    DropPin {
        /// Request index.
        request: usize,
        /// Expert index.
        expert: usize,
    },
    /// A pair pinned (forced into the batch).
    Pin {
        /// Request index.
        request: usize,
        /// Expert index.
        expert: usize,
    },
}

impl Change {
    /// Applies the change to a batch.
    pub fn apply(&self, inst: &mut Instance) {
        match *self {
            Change::Limits {
                expert,
                max_assignments,
                load_budget,
            } => {
                let e = &mut inst.experts[expert];
                e.max_assignments = max_assignments;
                e.load_budget = load_budget;
            }
            Change::Travel {
                expert,
                max_travel_km,
                ..
            } => inst.experts[expert].max_travel_km = max_travel_km,
            Change::Slot { request, slot } => inst.requests[request].slot = Some(slot),
            Change::Online { request } => inst.requests[request].online = true,
            Change::Language { request, language } => inst.requests[request].language = language,
            Change::DropPin { request, expert } => {
                inst.requests[request].pinned.retain(|&e| e != expert)
            }
            Change::Pin { request, expert } => {
                let p = &mut inst.requests[request].pinned;
                if !p.contains(&expert) {
                    p.push(expert);
                }
            }
        }
    }

    /// The size of the change: 1 per extra assignment or load point, 1 per started 5 km beyond
    /// the travel limit, 2 for another slot or online, 3 for another language or a dropped pin,
    /// 4 for a new pin (which moves an expert away from where the batch put them).
    pub fn size(&self, inst: &Instance) -> f64 {
        match *self {
            Change::Limits {
                expert,
                max_assignments,
                load_budget,
            } => {
                let e = &inst.experts[expert];
                (max_assignments.saturating_sub(e.max_assignments)
                    + load_budget.saturating_sub(e.load_budget)) as f64
            }
            Change::Travel {
                expert,
                max_travel_km,
                ..
            } => travel_steps(max_travel_km - inst.experts[expert].max_travel_km),
            Change::Slot { .. } | Change::Online { .. } => 2.0,
            Change::Language { .. } | Change::DropPin { .. } => 3.0,
            Change::Pin { .. } => 4.0,
        }
    }

    /// A stable code.
    pub fn code(&self) -> &'static str {
        match self {
            Change::Limits { .. } => "limits",
            Change::Travel { .. } => "travel",
            Change::Slot { .. } => "slot",
            Change::Online { .. } => "online",
            Change::Language { .. } => "language",
            Change::DropPin { .. } => "drop-pin",
            Change::Pin { .. } => "pin",
        }
    }

    /// The request and expert whose candidate pairs the change alters.
    fn rescore(&self) -> (Option<usize>, Option<usize>) {
        match *self {
            Change::Limits { expert, .. } | Change::Travel { expert, .. } => (None, Some(expert)),
            Change::Slot { request, .. }
            | Change::Online { request }
            | Change::Language { request, .. } => (Some(request), None),
            Change::DropPin { .. } | Change::Pin { .. } => (None, None),
        }
    }

    /// The change in words.
    pub fn text(&self, inst: &Instance, lang: Lang) -> String {
        let ename = |e: usize| expert_label(&inst.experts[e]);
        match *self {
            Change::Limits {
                expert,
                max_assignments,
                load_budget,
            } => {
                let e = &inst.experts[expert];
                let extra = load_budget.saturating_sub(e.load_budget);
                let more = max_assignments > e.max_assignments;
                let n = ename(expert);
                match (more, extra > 0) {
                    (true, false) => {
                        lang.fill(Msg::FixLimits, &[("expert", &n), ("max", &max_assignments)])
                    }
                    (false, _) => lang.fill(
                        Msg::FixLoad,
                        &[("expert", &n), ("budget", &load_budget), ("extra", &extra)],
                    ),
                    (true, true) => lang.fill(
                        Msg::FixLimitsAndLoad,
                        &[
                            ("expert", &n),
                            ("max", &max_assignments),
                            ("budget", &load_budget),
                            ("extra", &extra),
                        ],
                    ),
                }
            }
            Change::Travel {
                expert,
                max_travel_km,
                distance_km,
            } => {
                let e = &inst.experts[expert];
                lang.fill(
                    Msg::FixTravel,
                    &[
                        ("expert", &ename(expert)),
                        ("km", &lang.num(distance_km, 1)),
                        ("max", &km_limit(lang, e.max_travel_km)),
                        ("to", &km_limit(lang, max_travel_km)),
                    ],
                )
            }
            Change::Slot { request, slot } => lang.fill(
                Msg::FixSlot,
                &[
                    ("request", &inst.requests[request].id),
                    ("slot", &lang.slot(slot)),
                ],
            ),
            Change::Online { request } => {
                lang.fill(Msg::FixOnline, &[("request", &inst.requests[request].id)])
            }
            Change::Language { request, language } => lang.fill(
                Msg::FixLanguage,
                &[
                    ("request", &inst.requests[request].id),
                    ("language", &inst.languages.name(language)),
                ],
            ),
            Change::DropPin { request, expert } => lang.fill(
                Msg::FixDropPin,
                &[
                    ("expert", &ename(expert)),
                    ("request", &inst.requests[request].id),
                ],
            ),
            Change::Pin { request, expert } => lang.fill(
                Msg::FixPin,
                &[
                    ("expert", &ename(expert)),
                    ("request", &inst.requests[request].id),
                ],
            ),
        }
    }
}

/// `Name (E0123)`, or the id alone when there is no name.
pub fn expert_label(e: &Expert) -> String {
    if e.name.is_empty() {
        e.id.clone()
    } else {
        format!("{} ({})", e.name, e.id)
    }
}

/// What a change does to the batch, computed by re-solving the part it can affect.
#[derive(Clone, Debug, PartialEq)]
pub struct Outcome {
    /// Objective after minus before, in solver units (exact when `proven`).
    pub delta: i64,
    /// Whether the re-solve proved its optimum.
    pub proven: bool,
    /// Per request in the affected part whose filled seats changed: (request, before, after).
    pub seats: Vec<(usize, u32, u32)>,
    /// Per expert whose assignments changed: (expert, requests before, requests after).
    pub moves: Vec<(usize, Vec<usize>, Vec<usize>)>,
    /// Pins kept before and refused after the change: (request, expert).
    pub pins_lost: Vec<(usize, usize)>,
    /// The pinned pair could not be kept: the conflict (for [`Change::Pin`]).
    pub refused: Option<PinConflict>,
    /// Candidate pairs re-solved.
    pub arcs: usize,
    /// Branch-and-bound nodes of the re-solve (its work, with `arcs`).
    pub nodes: usize,
}

impl Outcome {
    /// Seats gained (positive) or lost by `request`.
    pub fn seat_change(&self, request: usize) -> i64 {
        self.seats
            .iter()
            .find(|s| s.0 == request)
            .map_or(0, |s| s.2 as i64 - s.1 as i64)
    }
    /// Requests other than `request` that lose a seat.
    pub fn seats_lost_elsewhere(&self, request: usize) -> Vec<usize> {
        self.seats
            .iter()
            .filter(|s| s.0 != request && s.2 < s.1)
            .map(|s| s.0)
            .collect()
    }
}

/// A solved batch to explain and to try changes on.
pub struct Base<'a> {
    /// The batch.
    pub inst: &'a Instance,
    /// The policy.
    pub policy: &'a Policy,
    /// Solver options for re-solves.
    pub opts: SolveOptions,
    hist: Vec<ExpertHistory>,
    /// All eligible pairs, scored, sorted by (request, expert).
    pub scored: Cow<'a, [Scored]>,
    pins: Pins,
    problem: Cow<'a, Problem>,
    pinned_value: i64,
    /// Chosen problem arcs, ascending.
    chosen: Cow<'a, [usize]>,
    /// Objective in solver units.
    pub objective: i64,
    /// Whether the objective is a proven optimum.
    pub proven: bool,
    /// The assignments: (request, expert, pinned), sorted.
    pub assigned: Vec<(usize, usize, bool)>,
    /// Per node (experts, then requests) its component in the problem.
    comp: Vec<u32>,
    /// Candidate pairs per component (by the component's root node).
    comp_arcs: Vec<usize>,
    /// Pairs that are never candidates (declined in the weekly round), sorted.
    forbidden: Vec<(usize, usize)>,
}

/// Candidate pairs per component root.
fn component_arcs(p: &Problem, comp: &[u32]) -> Vec<usize> {
    let mut out = vec![0; comp.len()];
    for a in &p.arcs {
        out[comp[a.expert as usize] as usize] += 1;
    }
    out
}

/// Components of the nodes of `p` (experts 0..ne, then requests); isolated nodes alone.
fn node_components(p: &Problem) -> Vec<u32> {
    let ne = p.experts.len();
    let n = ne + p.seats.len();
    let mut uf = UnionFind::<u32>::new(n);
    for a in &p.arcs {
        uf.union(a.expert, ne as u32 + a.request);
    }
    (0..n as u32).map(|i| uf.find(i)).collect()
}

impl<'a> Base<'a> {
    /// The base of a batch result.
    pub fn from_result(
        inst: &'a Instance,
        policy: &'a Policy,
        opts: SolveOptions,
        res: &'a BatchResult,
    ) -> Self {
        let pins = Pins {
            accepted: res
                .assignments
                .iter()
                .filter(|a| a.pinned)
                .map(|a| (a.request, a.expert))
                .collect(),
            conflicts: res.pin_conflicts.clone(),
        };
        let assigned = res
            .assignments
            .iter()
            .map(|a| (a.request, a.expert, a.pinned))
            .collect();
        let comp = node_components(&res.problem);
        let comp_arcs = component_arcs(&res.problem, &comp);
        Base {
            inst,
            policy,
            opts,
            hist: scoring::history_stats(inst, policy),
            pinned_value: res.objective - res.solution.objective,
            scored: Cow::Borrowed(&res.scored),
            pins,
            problem: Cow::Borrowed(&res.problem),
            chosen: Cow::Borrowed(&res.solution.chosen),
            objective: res.objective,
            proven: res.proven,
            assigned,
            comp,
            comp_arcs,
            forbidden: res.forbidden.clone(),
        }
    }

    /// The base of given assignments (an assignments file of a run on the same inputs). Fails,
    /// naming the pair, when they do not fit this batch: a pin not kept, an ineligible or
    /// refused pair, or a limit broken.
    pub fn from_assignments(
        inst: &'a Instance,
        policy: &'a Policy,
        opts: SolveOptions,
        pairs: &[(usize, usize, bool)],
    ) -> Result<Self, String> {
        let cands = eligibility::candidates(inst, policy);
        let scored = scoring::score_pairs(inst, policy, &cands);
        let pins = batch::settle_pins(inst, policy);
        let (problem, _, pinned_value) = batch::build_problem(inst, policy, &scored, &pins);
        let label =
            |r: usize, e: usize| format!("{} to {}", inst.experts[e].id, inst.requests[r].id);
        for &(r, e) in &pins.accepted {
            if !pairs.iter().any(|p| p.0 == r && p.1 == e) {
                return Err(format!(
                    "the pin of {} is kept by the batch but missing from the assignments: re-run the batch on these inputs",
                    label(r, e)
                ));
            }
        }
        let mut chosen = Vec::new();
        for &(r, e, _) in pairs {
            if pins.accepted.contains(&(r, e)) {
                continue;
            }
            let found = problem
                .arcs
                .iter()
                .position(|a| a.request as usize == r && a.expert as usize == e);
            match found {
                Some(a) => chosen.push(a),
                None => {
                    let why = eligibility::check(inst, policy, &inst.requests[r], &inst.experts[e]);
                    let rule = why
                        .iter()
                        .next()
                        .map(|x| x.stage_of_expert().rule_label())
                        .unwrap_or_else(|| "a refused pin".into());
                    return Err(format!(
                        "the assignment of {} breaks {rule} with these inputs: re-run the batch on these inputs",
                        label(r, e)
                    ));
                }
            }
        }
        chosen.sort_unstable();
        let value = solve::evaluate(&problem, &chosen).map_err(|why| {
            format!("the assignments break a limit ({why}): re-run the batch on these inputs")
        })?;
        let mut assigned: Vec<(usize, usize, bool)> = pins
            .accepted
            .iter()
            .map(|&(r, e)| (r, e, true))
            .chain(chosen.iter().map(|&a| {
                let arc = problem.arcs[a];
                (arc.request as usize, arc.expert as usize, false)
            }))
            .collect();
        assigned.sort_unstable();
        let comp = node_components(&problem);
        let comp_arcs = component_arcs(&problem, &comp);
        Ok(Base {
            inst,
            policy,
            opts,
            hist: scoring::history_stats(inst, policy),
            scored: Cow::Owned(scored),
            pins,
            problem: Cow::Owned(problem),
            pinned_value,
            chosen: Cow::Owned(chosen),
            objective: pinned_value + value,
            proven: false,
            assigned,
            comp,
            comp_arcs,
            forbidden: Vec::new(),
        })
    }

    /// The scored pair (request, expert), if eligible.
    pub fn scored_pair(&self, r: usize, e: usize) -> Option<&Scored> {
        self.scored
            .binary_search_by(|s| (s.pair.request as usize, s.pair.expert as usize).cmp(&(r, e)))
            .ok()
            .map(|i| &self.scored[i])
    }

    /// The eligible pairs of request `r`.
    pub fn scored_of_request(&self, r: usize) -> &[Scored] {
        let lo = self
            .scored
            .partition_point(|s| (s.pair.request as usize) < r);
        let hi = self
            .scored
            .partition_point(|s| (s.pair.request as usize) <= r);
        &self.scored[lo..hi]
    }

    /// Experts assigned to request `r`.
    pub fn experts_of(&self, r: usize) -> Vec<usize> {
        let lo = self.assigned.partition_point(|a| a.0 < r);
        self.assigned[lo..]
            .iter()
            .take_while(|a| a.0 == r)
            .map(|a| a.1)
            .collect()
    }

    /// Requests assigned to expert `e`, ascending.
    pub fn requests_of(&self, e: usize) -> Vec<usize> {
        self.assigned
            .iter()
            .filter(|a| a.1 == e)
            .map(|a| a.0)
            .collect()
    }

    /// The week's use of every expert in the base assignment.
    pub fn booked(&self) -> Booked {
        Booked::from_pairs(self.inst, self.assigned.iter().map(|a| (a.0, a.1)))
    }

    /// Whether `(r, e)` is a pin the batch keeps.
    pub fn is_pinned(&self, r: usize, e: usize) -> bool {
        self.pins.accepted.contains(&(r, e))
    }

    /// The pin conflicts of the batch.
    pub fn pin_conflicts(&self) -> &[PinConflict] {
        &self.pins.conflicts
    }

    /// Applies `change` and re-solves the part of the batch it can affect (see the module docs).
    /// `max_arcs` bounds that part: `Err(pairs)` when it holds more candidate pairs.
    pub fn evaluate(&self, change: &Change, max_arcs: usize) -> Result<Outcome, usize> {
        self.evaluate_until(change, max_arcs, None)
    }

    /// [`Base::evaluate`] with its re-solve stopped at `deadline` (then not proven).
    fn evaluate_until(
        &self,
        change: &Change,
        max_arcs: usize,
        deadline: Option<Instant>,
    ) -> Result<Outcome, usize> {
        let inst0 = self.inst;
        let mut inst = inst0.clone();
        change.apply(&mut inst);
        let (rr, re) = change.rescore();
        let scored: Cow<'_, [Scored]> = if rr.is_none() && re.is_none() {
            Cow::Borrowed(&self.scored)
        } else {
            let mut v: Vec<Scored> = self
                .scored
                .iter()
                .filter(|s| {
                    Some(s.pair.request as usize) != rr && Some(s.pair.expert as usize) != re
                })
                .cloned()
                .collect();
            let mut add = |ri: usize, ei: usize| {
                // A declined pair stays out, as in the batch the base is of.
                if self.forbidden.binary_search(&(ri, ei)).is_err()
                    && eligibility::check(&inst, self.policy, &inst.requests[ri], &inst.experts[ei])
                        .is_eligible()
                {
                    v.push(scoring::score_pair(
                        &inst,
                        self.policy,
                        &self.hist,
                        Pair {
                            request: ri as u32,
                            expert: ei as u32,
                        },
                    ));
                }
            };
            if let Some(ri) = rr {
                for ei in 0..inst.experts.len() {
                    add(ri, ei);
                }
            }
            if let Some(ei) = re {
                for ri in 0..inst.requests.len() {
                    add(ri, ei);
                }
            }
            v.sort_by_key(|s| (s.pair.request, s.pair.expert));
            Cow::Owned(v)
        };
        let pins = batch::settle_pins_except(&inst, self.policy, &self.forbidden);
        let (problem, _, pinned_value) = batch::build_problem(&inst, self.policy, &scored, &pins);
        let ne = inst.experts.len();
        // The nodes whose pairs, limits, seats or pins change.
        let mut touched: Vec<usize> = Vec::new();
        if let Some(r) = rr {
            touched.push(ne + r);
        }
        if let Some(e) = re {
            touched.push(e);
        }
        if let Change::Pin { request, expert } | Change::DropPin { request, expert } = *change {
            touched.extend([expert, ne + request]);
        }
        let old_pins = pin_set(&self.pins);
        let new_pins = pin_set(&pins);
        for p in old_pins.iter().filter(|p| !new_pins.contains(p)) {
            touched.extend([p.1, ne + p.0]);
        }
        for p in new_pins.iter().filter(|p| !old_pins.contains(p)) {
            touched.extend([p.1, ne + p.0]);
        }
        let comp_new = node_components(&problem);
        let in_part = affected(&self.comp, &comp_new, &touched);
        let arcs: Vec<usize> = (0..problem.arcs.len())
            .filter(|&a| in_part[problem.arcs[a].expert as usize])
            .collect();
        if arcs.len() > max_arcs {
            return Err(arcs.len());
        }
        let (sub, back) = solve::subproblem(&problem, &arcs);
        let mut opts = self.opts;
        if let Some(d) = deadline {
            let left = d.saturating_duration_since(Instant::now());
            opts.time_limit = Some(opts.time_limit.map_or(left, |t| t.min(left)));
        }
        let sol = solve::solve(&sub, &opts);
        let old_chosen: Vec<usize> = self
            .chosen
            .iter()
            .copied()
            .filter(|&a| in_part[self.problem.arcs[a].expert as usize])
            .collect();
        let old_value = solve::evaluate(&self.problem, &old_chosen)
            .expect("the base solution keeps every limit");
        let delta = pinned_value - self.pinned_value + sol.objective - old_value;
        // Assignments in the part, before and after.
        let touches = |r: usize, e: usize| in_part[e] || in_part[ne + r];
        let before: Vec<(usize, usize)> = self
            .assigned
            .iter()
            .filter(|a| touches(a.0, a.1))
            .map(|a| (a.0, a.1))
            .collect();
        let mut after: Vec<(usize, usize)> = pins
            .accepted
            .iter()
            .copied()
            .filter(|p| touches(p.0, p.1))
            .chain(sol.chosen.iter().map(|&a| {
                let arc = problem.arcs[back[a]];
                (arc.request as usize, arc.expert as usize)
            }))
            .collect();
        after.sort_unstable();
        let mut seats: BTreeMap<usize, (u32, u32)> = BTreeMap::new();
        let mut by_expert: BTreeMap<usize, (Vec<usize>, Vec<usize>)> = BTreeMap::new();
        for &(r, e) in &before {
            seats.entry(r).or_default().0 += 1;
            by_expert.entry(e).or_default().0.push(r);
        }
        for &(r, e) in &after {
            seats.entry(r).or_default().1 += 1;
            by_expert.entry(e).or_default().1.push(r);
        }
        let refused = match *change {
            Change::Pin { request, expert } => pins
                .conflicts
                .iter()
                .find(|c| c.request == request && c.expert == expert)
                .cloned(),
            _ => None,
        };
        let pins_lost = self
            .pins
            .accepted
            .iter()
            .copied()
            .filter(|p| !pins.accepted.contains(p))
            .collect();
        Ok(Outcome {
            delta,
            proven: sol.proven,
            seats: seats
                .into_iter()
                .filter(|(_, (b, a))| a != b)
                .map(|(r, (b, a))| (r, b, a))
                .collect(),
            moves: by_expert
                .into_iter()
                .filter(|(_, (b, a))| a != b)
                .map(|(e, (b, a))| (e, b, a))
                .collect(),
            pins_lost,
            refused,
            arcs: arcs.len(),
            nodes: sol.nodes,
        })
    }
}

fn pin_set(p: &Pins) -> Vec<(usize, usize)> {
    let mut v = p.accepted.clone();
    v.sort_unstable();
    v
}

/// The nodes of every component (before or after) linked to a touched node, closed under both
/// component structures: outside it, the components before and after are the same.
fn affected(old: &[u32], new: &[u32], touched: &[usize]) -> Vec<bool> {
    let n = old.len();
    let mut members_old: HashMap<u32, Vec<usize>> = HashMap::new();
    let mut members_new: HashMap<u32, Vec<usize>> = HashMap::new();
    for i in 0..n {
        members_old.entry(old[i]).or_default().push(i);
        members_new.entry(new[i]).or_default().push(i);
    }
    let mut in_part = vec![false; n];
    let mut done_old = std::collections::HashSet::new();
    let mut done_new = std::collections::HashSet::new();
    let mut stack: Vec<usize> = touched.to_vec();
    while let Some(x) = stack.pop() {
        if in_part[x] {
            continue;
        }
        in_part[x] = true;
        if done_old.insert(old[x]) {
            stack.extend(members_old[&old[x]].iter().copied());
        }
        if done_new.insert(new[x]) {
            stack.extend(members_new[&new[x]].iter().copied());
        }
    }
    in_part
}

// ---------------------------------------------------------------------------------------------
// Fixes.

/// A change verified to fill an open seat.
#[derive(Clone, Debug, PartialEq)]
pub struct Fix {
    /// The change.
    pub change: Change,
    /// Its size ([`Change::size`]).
    pub size: f64,
    /// What the re-solve showed.
    pub outcome: Outcome,
}

/// What the search for fixes of one request found.
#[derive(Clone, Debug, PartialEq)]
pub enum Fixes {
    /// Verified fixes, smallest first (then the fewest seats lost elsewhere, then the best
    /// objective).
    Found(Vec<Fix>),
    /// No single change of the kinds tried fills a seat.
    NoneFound,
    /// The request's part of the batch is larger than the re-solve limit.
    TooLarge(usize),
    /// The work budget ran out before a fix was found.
    WorkLimit,
    /// The run's time limit ended the search before a fix was found.
    TimeLimit,
}

/// Passes over its pairs that one branch-and-bound node of a re-solve makes, for
/// [`FixBudget::work`]: the root's Lagrangian iterations, bundle bounds and master rounds
/// measured on generated batches come to 20-30.
pub const PASSES_PER_NODE: usize = 25;

/// How much work the search for fixes may do.
#[derive(Clone, Copy, Debug)]
pub struct FixBudget {
    /// Most candidate pairs in one re-solve.
    pub max_arcs: usize,
    /// Most candidate changes tried per request.
    pub max_tries: usize,
    /// Work left, in candidate pairs handled (each try costs the batch's pairs plus the
    /// re-solved ones, [`PASSES_PER_NODE`] times per node of the re-solve); the search stops
    /// when it is used up.
    pub work: usize,
    /// After `want` fixes, also try the other changes of the same size (to rank equal sizes by
    /// their cost); off, the first fixes found in candidate order are kept.
    pub ties: bool,
    /// No try starts after this instant, and each re-solve stops at it (the run's time limit);
    /// None: the work alone limits the search, and its answer is the same on every machine.
    pub deadline: Option<Instant>,
}

impl FixBudget {
    /// For the fix column of a whole run.
    pub fn for_run() -> Self {
        FixBudget {
            max_arcs: 2_000,
            max_tries: 20,
            work: 2_000_000,
            ties: false,
            deadline: None,
        }
    }
    /// For one request in `explain`.
    pub fn for_explain() -> Self {
        FixBudget {
            max_arcs: 200_000,
            max_tries: 30,
            work: usize::MAX,
            ties: false,
            deadline: None,
        }
    }
}

impl Base<'_> {
    /// The candidate changes for an open seat of request `r`, smallest first.
    pub fn fix_candidates(&self, r: usize, booked: &Booked) -> Vec<Change> {
        let inst = self.inst;
        let req = &inst.requests[r];
        let here = self.experts_of(r);
        let mut out: Vec<Change> = Vec::new();
        let mut slot_count = [0usize; Slot::COUNT];
        let mut eligible: Vec<&Scored> = Vec::new();
        for s in self.scored_of_request(r) {
            let e = s.pair.expert as usize;
            if here.contains(&e) {
                continue;
            }
            eligible.push(s);
            let ex = &inst.experts[e];
            let u = &booked.uses[e];
            let busy = req.slot.is_some_and(|sl| u.slots & (1 << sl.0) != 0);
            if busy {
                for r2 in self.requests_of(e) {
                    if inst.requests[r2].slot == req.slot && self.is_pinned(r2, e) {
                        out.push(Change::DropPin {
                            request: r2,
                            expert: e,
                        });
                    }
                }
                for (s2, c) in slot_count.iter_mut().enumerate() {
                    if ex.availability.0 & !u.slots & (1 << s2) != 0 {
                        *c += 1;
                    }
                }
                continue;
            }
            let need_count = u.count >= ex.max_assignments;
            let need_load = u.load + req.intensity > ex.load_budget;
            if need_count || need_load {
                out.push(Change::Limits {
                    expert: e,
                    max_assignments: if need_count {
                        u.count + 1
                    } else {
                        ex.max_assignments
                    },
                    load_budget: if need_load {
                        u.load + req.intensity
                    } else {
                        ex.load_budget
                    },
                });
                for r2 in self.requests_of(e) {
                    if self.is_pinned(r2, e) {
                        out.push(Change::DropPin {
                            request: r2,
                            expert: e,
                        });
                    }
                }
            }
        }
        eligible.sort_by(|a, b| {
            b.score
                .total_cmp(&a.score)
                .then(a.pair.expert.cmp(&b.pair.expert))
        });
        for s in eligible.iter().take(3) {
            out.push(Change::Pin {
                request: r,
                expert: s.pair.expert as usize,
            });
        }
        let mut online = false;
        let mut languages: Vec<u32> = Vec::new();
        for (ei, ex) in inst.experts.iter().enumerate() {
            if self.scored_pair(r, ei).is_some() {
                continue;
            }
            let why = eligibility::check(inst, self.policy, req, ex);
            let Some(reason) = single_near_reason(why) else {
                continue;
            };
            let u = &booked.uses[ei];
            match reason {
                Reason::TooFar => {
                    if let Some(d) = eligibility::distance_km(req, ex) {
                        out.push(Change::Travel {
                            expert: ei,
                            max_travel_km: d.ceil().max(ex.max_travel_km + 1.0),
                            distance_km: d,
                        });
                    }
                    online |= ex.online;
                }
                Reason::SlotUnavailable => {
                    for (s2, c) in slot_count.iter_mut().enumerate() {
                        if ex.availability.0 & !u.slots & (1 << s2) != 0 {
                            *c += 1;
                        }
                    }
                }
                Reason::Language => {
                    for &l in &ex.languages {
                        if !languages.contains(&l) {
                            languages.push(l);
                        }
                    }
                }
                _ => {}
            }
        }
        if online && !req.online {
            out.push(Change::Online { request: r });
        }
        languages.sort_unstable();
        out.extend(
            languages
                .into_iter()
                .take(3)
                .map(|language| Change::Language {
                    request: r,
                    language,
                }),
        );
        if let Some(cur) = req.slot {
            let mut slots: Vec<(usize, u8)> = (0..Slot::COUNT as u8)
                .filter(|&s| s != cur.0 && slot_count[s as usize] > 0)
                .map(|s| (slot_count[s as usize], s))
                .collect();
            slots.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
            out.extend(slots.into_iter().take(5).map(|(_, s)| Change::Slot {
                request: r,
                slot: Slot(s),
            }));
        }
        let mut seen = Vec::new();
        out.retain(|c| {
            if seen.contains(c) {
                false
            } else {
                seen.push(c.clone());
                true
            }
        });
        // Stable: equal sizes keep the order above (limits, pins, travel, online, language, slot).
        out.sort_by(|a, b| a.size(inst).total_cmp(&b.size(inst)));
        out
    }

    /// The verified fixes of an open seat of request `r`, at most `want`, within `budget`.
    pub fn fixes(&self, r: usize, booked: &Booked, want: usize, budget: &mut FixBudget) -> Fixes {
        if self.part_size(r) > budget.max_arcs {
            return Fixes::TooLarge(self.part_size(r));
        }
        let mut found: Vec<Fix> = Vec::new();
        let mut too_large = None;
        let mut cutoff: Option<f64> = None;
        for change in self
            .fix_candidates(r, booked)
            .into_iter()
            .take(budget.max_tries)
        {
            let size = change.size(self.inst);
            if cutoff.is_some_and(|c| size > c) {
                break;
            }
            let late = budget.deadline.is_some_and(|d| Instant::now() >= d);
            if budget.work == 0 || late {
                if found.is_empty() {
                    return if late {
                        Fixes::TimeLimit
                    } else {
                        Fixes::WorkLimit
                    };
                }
                break;
            }
            let outcome = self.evaluate_until(&change, budget.max_arcs, budget.deadline);
            // A try costs the rebuilt batch plus its re-solve: the part's pairs about
            // `PASSES_PER_NODE` times per node (flows, bundle bounds, master rounds).
            budget.work =
                budget
                    .work
                    .saturating_sub(self.problem.arcs.len().saturating_add(
                        outcome.as_ref().map_or(budget.max_arcs, |o| {
                            o.arcs
                                .saturating_mul(o.nodes.max(1))
                                .saturating_mul(PASSES_PER_NODE)
                        }),
                    ));
            let outcome = match outcome {
                Ok(o) => o,
                Err(n) => {
                    too_large = Some(n);
                    continue;
                }
            };
            if outcome.refused.is_none() && outcome.seat_change(r) > 0 {
                found.push(Fix {
                    change,
                    size,
                    outcome,
                });
                if found.len() >= want {
                    if !budget.ties {
                        break;
                    }
                    cutoff = Some(size);
                }
            }
        }
        if found.is_empty() {
            return match too_large {
                Some(n) => Fixes::TooLarge(n),
                None => Fixes::NoneFound,
            };
        }
        found.sort_by(|a, b| {
            a.size
                .total_cmp(&b.size)
                .then(
                    a.outcome
                        .seats_lost_elsewhere(r)
                        .len()
                        .cmp(&b.outcome.seats_lost_elsewhere(r).len()),
                )
                .then(b.outcome.delta.cmp(&a.outcome.delta))
        });
        found.truncate(want);
        Fixes::Found(found)
    }

    /// Candidate pairs in the component of request `r`.
    pub fn part_size(&self, r: usize) -> usize {
        self.comp_arcs[self.comp[self.inst.experts.len() + r] as usize]
    }
}

// ---------------------------------------------------------------------------------------------
// Views: what `suggest` and `explain` print, as data (for `--format json`) with the texts in
// the chosen language.

fn round3(x: f64) -> f64 {
    (x * 1000.0).round() / 1000.0
}

fn points(units: i64) -> f64 {
    units as f64 / SCALE
}

/// A request as shown.
#[derive(Clone, Debug, Serialize)]
pub struct RequestView {
    /// Request id.
    pub id: String,
    /// Organisation.
    pub org: String,
    /// Role code.
    pub role: &'static str,
    /// Place (None online).
    pub place: Option<String>,
    /// Online.
    pub online: bool,
    /// Slot code (`wed-pm`), None when flexible.
    pub slot: Option<String>,
    /// Seats asked.
    pub seats: u32,
    /// Load of one seat.
    pub intensity: u32,
    /// 1 low, 2 normal, 3 urgent.
    pub priority: u8,
    /// Language code.
    pub language: String,
}

fn request_view(inst: &Instance, r: &Request) -> RequestView {
    RequestView {
        id: r.id.clone(),
        org: inst.orgs.name(r.org).to_string(),
        role: r.role.as_str(),
        place: (!r.online).then(|| r.place.clone()),
        online: r.online,
        slot: r.slot.map(|s| s.to_string()),
        seats: r.experts_needed,
        intensity: r.intensity,
        priority: r.priority,
        language: inst.languages.name(r.language).to_string(),
    }
}

fn where_text(r: &Request, lang: Lang) -> String {
    if r.online {
        lang.text(Msg::Online).to_string()
    } else {
        r.place.clone()
    }
}

fn slot_text(r: &Request, lang: Lang) -> String {
    r.slot
        .map(|s| lang.slot(s))
        .unwrap_or_else(|| lang.text(Msg::Flexible).to_string())
}

/// One part of a candidate's score, in words.
#[derive(Clone, Debug, Serialize)]
pub struct PartView {
    /// The part's name (`theme_fit`, `distance`, ...).
    pub part: &'static str,
    /// The part's value, 0 to 1.
    pub value: f64,
    /// Points it adds to the score (weight × value).
    pub points: f64,
    /// In words.
    pub text: String,
}

/// The parts of a pair's score in words, largest contribution first; parts worth nothing and
/// an age part that does not apply are left out.
pub fn part_views(
    inst: &Instance,
    policy: &Policy,
    hist: &[ExpertHistory],
    s: &Scored,
    lang: Lang,
) -> Vec<PartView> {
    let r = &inst.requests[s.pair.request as usize];
    let ei = s.pair.expert as usize;
    let e = &inst.experts[ei];
    let h = &hist[ei];
    let p = &s.parts;
    let w = &policy.weights;
    let mut out = Vec::new();
    let mut push = |part: &'static str, value: f64, weight: f64, text: String| {
        let pts = value * weight;
        if pts > 0.0 {
            out.push(PartView {
                part,
                value: round3(value),
                points: round3(pts),
                text,
            });
        }
    };
    let n = r.themes.len();
    let k = (p.theme_fit * n as f64).round() as usize;
    push(
        "theme_fit",
        p.theme_fit,
        w.theme_fit,
        if n == 1 {
            lang.text(Msg::SharesAllThemes).to_string()
        } else {
            lang.fill(Msg::SharesThemes, &[("k", &k), ("n", &n)])
        },
    );
    push(
        "distance",
        p.distance,
        w.distance,
        match s.distance_km {
            None => lang.text(Msg::WorksOnline).to_string(),
            Some(d) => lang.fill(
                Msg::KmAway,
                &[
                    ("km", &lang.num(d, 1)),
                    ("max", &km_limit(lang, e.max_travel_km)),
                ],
            ),
        },
    );
    let with_org = match inst.week {
        Some(week) => inst
            .history
            .iter()
            .filter(|x| x.expert == ei && x.org == r.org && week.weeks_since(x.week) >= 1)
            .count(),
        None => 0,
    };
    push(
        "continuity",
        p.continuity,
        w.continuity,
        if r.preferred_expert == Some(ei) {
            lang.text(Msg::Preferred).to_string()
        } else if with_org == 1 {
            lang.text(Msg::OrgOnce).to_string()
        } else {
            lang.fill(Msg::OrgTimes, &[("n", &with_org)])
        },
    );
    push(
        "recent_load",
        p.recent_load,
        w.recent_load,
        lang.text(if p.recent_load >= 0.75 {
            Msg::LoadLight
        } else if p.recent_load >= 0.4 {
            Msg::LoadModerate
        } else {
            Msg::LoadHeavy
        })
        .to_string(),
    );
    push(
        "fair_spread",
        p.fair_spread,
        w.fair_spread,
        lang.text(if h.decayed_count == 0.0 {
            Msg::SpreadNone
        } else if p.fair_spread >= 0.5 {
            Msg::SpreadFew
        } else {
            Msg::SpreadMany
        })
        .to_string(),
    );
    let roles = h.role_counts[r.role.index()];
    push(
        "role_experience",
        p.role_experience,
        w.role_experience,
        if roles == 1 {
            lang.text(Msg::RoleOnce).to_string()
        } else {
            lang.fill(Msg::RoleTimes, &[("n", &roles)])
        },
    );
    if let (Role::Buddy, Some(age), Some(by)) = (r.role, r.client_age, e.birth_year) {
        let gap = (eligibility::age_in_week(by, inst) - age as i32).unsigned_abs();
        push(
            "age_proximity",
            p.age_proximity,
            w.age_proximity,
            if gap == 0 {
                lang.text(Msg::AgeSame).to_string()
            } else {
                lang.fill(Msg::AgeGap, &[("years", &gap)])
            },
        );
    }
    out.sort_by(|a, b| b.points.total_cmp(&a.points));
    out
}

/// An expert's week as shown with a candidate.
#[derive(Clone, Debug, Serialize)]
pub struct WeekView {
    /// Assignments this week before this request.
    pub assignments: u32,
    /// Load this week before this request.
    pub load: u32,
    /// The expert's most assignments.
    pub max_assignments: u32,
    /// The expert's load budget.
    pub load_budget: u32,
    /// Load left after this request.
    pub load_left_after: i64,
    /// In words.
    pub text: String,
}

/// One suggested expert as shown.
#[derive(Clone, Debug, Serialize)]
pub struct CandidateView {
    /// 1 = best.
    pub rank: usize,
    /// Expert id.
    pub expert: String,
    /// Display name.
    pub name: String,
    /// The pair's score in points.
    pub score: f64,
    /// What ranks: the score minus the batch spread of one more assignment this week.
    pub rank_score: f64,
    /// Km (None online).
    pub distance_km: Option<f64>,
    /// This week's bookings (with an assignments file).
    pub week: Option<WeekView>,
    /// The score's parts in words, largest first.
    pub reasons: Vec<PartView>,
    /// Rank, name, id, score and km.
    pub heading: String,
    /// The whole candidate in words.
    pub text: String,
}

/// One near miss as shown.
#[derive(Clone, Debug, Serialize)]
pub struct NearMissView {
    /// Expert id.
    pub expert: String,
    /// Display name.
    pub name: String,
    /// Why not ([`Miss::code`]).
    pub code: &'static str,
    /// How far off ([`Miss::gap`]).
    pub gap: f64,
    /// Km (on site).
    pub distance_km: Option<f64>,
    /// Available slots not booked this week (codes).
    pub free_slots: Vec<String>,
    /// In words.
    pub text: String,
}

/// The output of `suggest`; `--format json` prints it as is.
#[derive(Clone, Debug, Serialize)]
pub struct SuggestView {
    /// `matchpunt.suggest/1`.
    pub schema: &'static str,
    /// Language of the texts.
    pub lang: &'static str,
    /// The batch week.
    pub week: Option<String>,
    /// The request.
    pub request: RequestView,
    /// Experts meeting rules 1-8.
    pub eligible: usize,
    /// Of those, free this week (with an assignments file).
    pub free: Option<usize>,
    /// The candidates, best first.
    pub candidates: Vec<CandidateView>,
    /// Near misses, closest first.
    pub near_misses: Vec<NearMissView>,
    /// Why nobody is suggested, when nobody is.
    pub nobody: Option<String>,
    /// Notes (the request's own assignments in the file).
    pub notes: Vec<String>,
    /// The heading line.
    pub text: String,
}

fn slot_codes(bits: u32) -> Vec<String> {
    (0..21u8)
        .filter(|s| bits & (1 << s) != 0)
        .map(|s| Slot(s).to_string())
        .collect()
}

fn week_view(r: &Request, e: &Expert, u: &WeekUse, policy: &Policy, lang: Lang) -> WeekView {
    let left = e.load_budget as i64 - u.load as i64 - r.intensity as i64;
    let text = if u.count == 0 {
        lang.fill(
            Msg::WeekFree,
            &[("left", &left), ("budget", &e.load_budget)],
        )
    } else {
        lang.fill(
            Msg::WeekBooked,
            &[
                ("n", &u.count),
                (
                    "spread",
                    &lang.signed(-policy.objective.batch_spread * u.count as f64),
                ),
                ("left", &left),
                ("budget", &e.load_budget),
            ],
        )
    };
    WeekView {
        assignments: u.count,
        load: u.load,
        max_assignments: e.max_assignments,
        load_budget: e.load_budget,
        load_left_after: left,
        text,
    }
}

/// The near miss in words.
pub fn miss_text(
    inst: &Instance,
    policy: &Policy,
    r: &Request,
    e: &Expert,
    u: &WeekUse,
    miss: Miss,
    lang: Lang,
) -> String {
    match miss {
        Miss::Rule(stage) => reason_text(inst, policy, r, e, u, stage, lang),
        Miss::Busy => lang.fill(
            Msg::BusyInSlot,
            &[("slot", &r.slot.map(|s| lang.slot(s)).unwrap_or_default())],
        ),
        Miss::AtCount => lang.fill(
            Msg::AtMaxCount,
            &[("n", &u.count), ("max", &e.max_assignments)],
        ),
        Miss::AtLoad => lang.fill(
            Msg::AtLoad,
            &[
                ("load", &(u.load + r.intensity)),
                ("budget", &e.load_budget),
            ],
        ),
        Miss::Unsure => lang.text(Msg::Unsure).to_string(),
    }
}

/// One broken rule in words; rules 3 and 4 (and a missing theme, said of a named expert) only
/// as "not for this request now".
pub fn reason_text(
    inst: &Instance,
    policy: &Policy,
    r: &Request,
    e: &Expert,
    u: &WeekUse,
    stage: Stage,
    lang: Lang,
) -> String {
    use Stage as Reason;
    match stage {
        Reason::Inactive => lang.text(Msg::OnLeave).into(),
        Reason::NotCertified => lang.text(Msg::NotCertifiedYet).into(),
        Reason::SupervisionLapsed => lang.text(Msg::SupervisionOld).into(),
        Reason::HeavyPause => lang.text(Msg::HeavyPauseNow).into(),
        Reason::Role => lang.text(Msg::NoRole).into(),
        Reason::NoSharedTheme | Reason::Personal => lang.text(Msg::NotNow).into(),
        Reason::NotOnline => lang.text(Msg::NotOnlineWork).into(),
        Reason::TooFar => match eligibility::distance_km(r, e) {
            Some(d) => lang.fill(
                Msg::TooFarKm,
                &[
                    ("km", &lang.num(d, 1)),
                    ("max", &km_limit(lang, e.max_travel_km)),
                ],
            ),
            None => lang.text(Msg::NoPlace).into(),
        },
        Reason::Language => lang.fill(
            Msg::NoLanguage,
            &[("language", &inst.languages.name(r.language))],
        ),
        Reason::Gender => lang.text(Msg::NotGender).into(),
        Reason::AgeGap => {
            let gap = match (r.client_age, e.birth_year) {
                (Some(a), Some(by)) => {
                    (eligibility::age_in_week(by, inst) - a as i32).unsigned_abs()
                }
                _ => 0,
            };
            lang.fill(
                Msg::AgeGapTooBig,
                &[("years", &gap), ("max", &policy.rules.buddy_max_age_gap)],
            )
        }
        Reason::SlotUnavailable => lang.fill(
            Msg::NotInSlot,
            &[
                ("slot", &r.slot.map(|s| lang.slot(s)).unwrap_or_default()),
                ("free", &lang.slots(e.availability.0 & !u.slots)),
            ],
        ),
        Reason::NoAvailability => lang.text(Msg::NoAvailabilityAtAll).into(),
        Reason::PinnedInSlot => lang.text(Msg::PinRule8).into(),
        Reason::PinLimits => lang.text(Msg::PinRule9).into(),
        Reason::PinSeats => lang.text(Msg::PinRule10).into(),
        Reason::Declined => lang.text(Msg::PinDeclined).into(),
    }
}

/// The first rule that no expert meets for request `r`, in words, naming (up to five of) the
/// experts who meet every rule before it (not when the rule is 3 or 4: that would tell something
/// personal about each); None when someone meets them all.
pub fn funnel_text(inst: &Instance, policy: &Policy, r: &Request, lang: Lang) -> Option<String> {
    let f = eligibility::funnel(inst, policy, r);
    let zero = f.iter().position(|x| x.1 == 0)?;
    let stage = f[zero].0;
    let stage_text = match stage {
        Stage::Inactive => lang.text(Msg::StageActive).to_string(),
        Stage::NotCertified => lang.text(Msg::StageCertified).to_string(),
        Stage::SupervisionLapsed => lang.text(Msg::StageSupervision).to_string(),
        Stage::HeavyPause => lang.text(Msg::StageHeavyPause).to_string(),
        Stage::Role => lang.text(Msg::StageRole).to_string(),
        Stage::NoSharedTheme => lang.text(Msg::StageThemes).to_string(),
        Stage::Personal => lang.text(Msg::StagePersonal).to_string(),
        Stage::NotOnline => lang.text(Msg::StageOnline).to_string(),
        Stage::TooFar => lang.text(Msg::StageDistance).to_string(),
        Stage::Language => lang.fill(
            Msg::StageLanguage,
            &[("language", &inst.languages.name(r.language))],
        ),
        Stage::Gender => lang.text(Msg::StageGender).to_string(),
        Stage::AgeGap => lang.text(Msg::StageAge).to_string(),
        Stage::SlotUnavailable => lang.fill(
            Msg::StageSlot,
            &[("slot", &r.slot.map(|s| lang.slot(s)).unwrap_or_default())],
        ),
        Stage::NoAvailability => lang.text(Msg::StageAnySlot).to_string(),
        // Not stages of the funnel (pins).
        Stage::PinnedInSlot | Stage::PinLimits | Stage::PinSeats | Stage::Declined => {
            lang.text(Msg::StageAnySlot).to_string()
        }
    };
    let rule = stage.label_in(lang);
    let before_idx = zero;
    if before_idx == 0 {
        return Some(lang.fill(
            Msg::FunnelNobody,
            &[("stage", &stage_text), ("rule", &rule)],
        ));
    }
    let passed: Vec<&str> = eligibility::funnel_passed(inst, policy, r, before_idx)
        .into_iter()
        .map(|i| inst.experts[i].id.as_str())
        .collect();
    if matches!(stage, Stage::NoSharedTheme | Stage::Personal) {
        // Naming the experts who fail only here would tell something personal about each, and
        // a count of 1 or 2 would single them out.
        return Some(lang.fill(
            Msg::FunnelAmongUnnamed,
            &[
                ("n", &lang.count(passed.len())),
                ("stage", &stage_text),
                ("rule", &rule),
            ],
        ));
    }
    let mut names: Vec<String> = passed.iter().take(5).map(|s| s.to_string()).collect();
    if passed.len() > 5 {
        names.push(lang.fill(Msg::ExpertMoreEligible, &[("n", &(passed.len() - 5))]));
    }
    Some(lang.fill(
        Msg::FunnelAmong,
        &[
            ("n", &passed.len()),
            ("experts", &lang.list(&names)),
            ("stage", &stage_text),
            ("rule", &rule),
        ],
    ))
}

/// The view of a [`Suggestion`] in `lang`.
pub fn suggest_view(
    inst: &Instance,
    policy: &Policy,
    s: &Suggestion,
    booked: Option<&Booked>,
    lang: Lang,
) -> SuggestView {
    let r = &inst.requests[s.request];
    let hist = scoring::history_stats(inst, policy);
    let none = WeekUse::default();
    let use_of = |e: usize| booked.map_or(none, |b| b.uses[e]);
    let candidates = s
        .candidates
        .iter()
        .enumerate()
        .map(|(i, c)| {
            let ei = c.scored.pair.expert as usize;
            let e = &inst.experts[ei];
            let reasons = part_views(inst, policy, &hist, &c.scored, lang);
            let week = s.booked.then(|| week_view(r, e, &c.week, policy, lang));
            let mut words: Vec<String> = reasons.iter().map(|p| p.text.clone()).collect();
            if let Some(w) = &week {
                words.push(w.text.clone());
            }
            let head = lang.fill(
                Msg::CandidateLine,
                &[
                    ("rank", &(i + 1)),
                    ("name", &display_name(e)),
                    ("id", &e.id),
                    ("score", &lang.num(c.rank_score, 1)),
                    (
                        "km",
                        &c.scored
                            .distance_km
                            .map(|d| format!(", {} km", lang.num(d, 1)))
                            .unwrap_or_default(),
                    ),
                ],
            );
            CandidateView {
                rank: i + 1,
                expert: e.id.clone(),
                name: e.name.clone(),
                score: round3(c.scored.score),
                rank_score: round3(c.rank_score),
                distance_km: c.scored.distance_km.map(round3),
                week,
                reasons,
                text: format!("{head}: {}", words.join("; ")),
                heading: head,
            }
        })
        .collect();
    let near_misses = s
        .near
        .iter()
        .map(|n| {
            let e = &inst.experts[n.expert];
            let u = use_of(n.expert);
            let why = miss_text(inst, policy, r, e, &u, n.miss, lang);
            let not_now = n.miss.code() == "not-now";
            let mut extra = Vec::new();
            if !not_now {
                if let (Some(d), false) = (n.distance_km, n.miss == Miss::Rule(Stage::TooFar)) {
                    extra.push(lang.fill(Msg::NearExtraKm, &[("km", &lang.num(d, 1))]));
                }
                if !matches!(n.miss, Miss::Rule(Stage::SlotUnavailable)) {
                    extra.push(
                        lang.fill(Msg::NearExtraFree, &[("free", &lang.slots(n.free_slots))]),
                    );
                }
            }
            let extra = if extra.is_empty() {
                String::new()
            } else {
                format!(" ({})", extra.join("; "))
            };
            NearMissView {
                expert: e.id.clone(),
                name: e.name.clone(),
                code: n.miss.code(),
                gap: n.gap,
                distance_km: if not_now {
                    None
                } else {
                    n.distance_km.map(round3)
                },
                free_slots: if not_now {
                    Vec::new()
                } else {
                    slot_codes(n.free_slots)
                },
                text: lang.fill(
                    Msg::NearMissLine,
                    &[
                        ("name", &display_name(e)),
                        ("id", &e.id),
                        ("why", &why),
                        ("extra", &extra),
                    ],
                ),
            }
        })
        .collect();
    let nobody = if s.eligible == 0 {
        funnel_text(inst, policy, r, lang)
    } else if s.free == 0 {
        Some(lang.text(Msg::NobodyFree).to_string())
    } else {
        None
    };
    let mut notes = Vec::new();
    if let Some(b) = booked {
        if !b.own.is_empty() {
            let ids: Vec<&str> = b.own.iter().map(|&e| inst.experts[e].id.as_str()).collect();
            notes.push(lang.fill(
                Msg::OwnAssignments,
                &[("n", &ids.len()), ("experts", &lang.list(&ids))],
            ));
        }
    }
    let args: [(&str, &dyn Display); 7] = [
        ("request", &r.id),
        ("org", &inst.orgs.name(r.org)),
        ("role", &lang.role(r.role)),
        ("where", &where_text(r, lang)),
        ("slot", &slot_text(r, lang)),
        ("n", &s.eligible),
        ("free", &s.free),
    ];
    let text = lang.fill(
        if s.booked {
            Msg::SuggestHeadBooked
        } else {
            Msg::SuggestHead
        },
        &args,
    );
    SuggestView {
        schema: "matchpunt.suggest/1",
        lang: lang.code(),
        week: inst.week.map(|w| w.to_string()),
        request: request_view(inst, r),
        eligible: s.eligible,
        free: s.booked.then_some(s.free),
        candidates,
        near_misses,
        nobody,
        notes,
        text,
    }
}

fn display_name(e: &Expert) -> &str {
    if e.name.is_empty() {
        &e.id
    } else {
        &e.name
    }
}

/// The text of a [`SuggestView`], as `suggest` prints it.
pub fn render_suggest(v: &SuggestView, lang: Lang) -> String {
    let mut out = format!("{}\n", v.text);
    for n in &v.notes {
        out.push_str(&format!("  {n}\n"));
    }
    if let Some(n) = &v.nobody {
        out.push_str(&format!("  {n}\n"));
    }
    for c in &v.candidates {
        out.push_str(&format!("{:>2}{}\n", "", c.heading));
        let words: Vec<&str> = c.reasons.iter().map(|p| p.text.as_str()).collect();
        out.push_str(&format!("      {}\n", words.join("; ")));
        if let Some(w) = &c.week {
            out.push_str(&format!("      {}\n", w.text));
        }
    }
    if !v.near_misses.is_empty() {
        out.push_str(lang.text(Msg::NearMissesHead));
        out.push('\n');
        for n in &v.near_misses {
            out.push_str(&format!("  {}\n", n.text));
        }
    }
    out
}

// ---------------------------------------------------------------------------------------------
// explain.

/// One change a re-solve makes, as shown.
#[derive(Clone, Debug, Serialize)]
pub struct ChangeView {
    /// `seat-lost`, `seat-gained`, `expert-moves`, `expert-added`, `expert-dropped` or `pin-lost`.
    pub kind: &'static str,
    /// The request concerned (seats, pins).
    pub request: Option<String>,
    /// The expert concerned (moves, pins).
    pub expert: Option<String>,
    /// Requests the expert leaves.
    pub from: Vec<String>,
    /// Requests the expert takes.
    pub to: Vec<String>,
    /// Filled seats of the request before and after.
    pub filled: Option<[u32; 2]>,
    /// In words.
    pub text: String,
}

/// The changes of an outcome in words: seats lost and gained, experts moving, pins lost. The
/// expert of a forced pair is not said to take the request it is forced on.
pub fn change_views(
    inst: &Instance,
    o: &Outcome,
    target: Option<(usize, Option<usize>)>,
    lang: Lang,
) -> Vec<ChangeView> {
    let rid = |r: usize| inst.requests[r].id.clone();
    let mut out = Vec::new();
    for &(r, before, after) in &o.seats {
        if target.is_some_and(|t| t.0 == r) {
            continue;
        }
        let seats = inst.requests[r].experts_needed;
        let text = if after == 0 {
            lang.fill(Msg::SeatLost, &[("request", &rid(r))])
        } else if after < before {
            lang.fill(
                Msg::SeatLostSome,
                &[("request", &rid(r)), ("filled", &after), ("seats", &seats)],
            )
        } else {
            lang.fill(Msg::SeatGained, &[("request", &rid(r))])
        };
        out.push(ChangeView {
            kind: if after < before {
                "seat-lost"
            } else {
                "seat-gained"
            },
            request: Some(rid(r)),
            expert: None,
            from: Vec::new(),
            to: Vec::new(),
            filled: Some([before, after]),
            text,
        });
    }
    for (e, before, after) in &o.moves {
        let mut from: Vec<usize> = before
            .iter()
            .copied()
            .filter(|r| !after.contains(r))
            .collect();
        let mut to: Vec<usize> = after
            .iter()
            .copied()
            .filter(|r| !before.contains(r))
            .collect();
        if let Some((r, Some(fe))) = target {
            if fe == *e {
                to.retain(|&x| x != r);
            }
        }
        from.dedup();
        to.dedup();
        let ids = |v: &[usize]| -> Vec<String> { v.iter().map(|&r| rid(r)).collect() };
        let (f, t) = (ids(&from), ids(&to));
        let name = expert_label(&inst.experts[*e]);
        let (kind, text) = match (f.is_empty(), t.is_empty()) {
            (true, true) => continue,
            (false, false) => (
                "expert-moves",
                lang.fill(
                    Msg::ExpertMoves,
                    &[
                        ("expert", &name),
                        ("from", &lang.list(&f)),
                        ("to", &lang.list(&t)),
                    ],
                ),
            ),
            (true, false) => (
                "expert-added",
                lang.fill(
                    Msg::ExpertAdded,
                    &[("expert", &name), ("to", &lang.list(&t))],
                ),
            ),
            (false, true) => (
                "expert-dropped",
                lang.fill(
                    Msg::ExpertDropped,
                    &[("expert", &name), ("from", &lang.list(&f))],
                ),
            ),
        };
        out.push(ChangeView {
            kind,
            request: None,
            expert: Some(inst.experts[*e].id.clone()),
            from: f,
            to: t,
            filled: None,
            text,
        });
    }
    for &(r, e) in &o.pins_lost {
        out.push(ChangeView {
            kind: "pin-lost",
            request: Some(rid(r)),
            expert: Some(inst.experts[e].id.clone()),
            from: Vec::new(),
            to: Vec::new(),
            filled: None,
            text: lang.fill(
                Msg::PinDropped,
                &[
                    ("expert", &expert_label(&inst.experts[e])),
                    ("request", &rid(r)),
                ],
            ),
        });
    }
    out
}

fn changes_text(changes: &[ChangeView], lang: Lang) -> String {
    if changes.is_empty() {
        return lang.text(Msg::CostNothing).to_string();
    }
    let mut items: Vec<String> = changes.iter().take(5).map(|c| c.text.clone()).collect();
    if changes.len() > 5 {
        items.push(lang.fill(Msg::MoreChanges, &[("n", &(changes.len() - 5))]));
    }
    items.join("; ")
}

/// A fix as shown.
#[derive(Clone, Debug, Serialize)]
pub struct FixView {
    /// The kind of change ([`Change::code`]).
    pub change: &'static str,
    /// Its size ([`Change::size`]).
    pub size: f64,
    /// Objective after minus before, in points.
    pub objective_change: f64,
    /// Whether the re-solve proved its optimum (so the change is exact).
    pub proven: bool,
    /// Requests that lose a seat.
    pub seats_lost_elsewhere: Vec<String>,
    /// Everything else that changes.
    pub changes: Vec<ChangeView>,
    /// In words.
    pub text: String,
}

/// The view of a verified fix of request `r`.
pub fn fix_view(inst: &Instance, r: usize, f: &Fix, lang: Lang) -> FixView {
    let o = &f.outcome;
    let forced = match f.change {
        Change::Pin { expert, .. } => Some(expert),
        _ => None,
    };
    let changes = change_views(inst, o, Some((r, forced)), lang);
    let lost: Vec<String> = o
        .seats_lost_elsewhere(r)
        .into_iter()
        .map(|x| inst.requests[x].id.clone())
        .collect();
    let mut delta = lang.signed(points(o.delta));
    if !o.proven {
        delta = format!("{delta} {}", lang.text(Msg::NotProven));
    }
    let effect = if lost.is_empty() {
        lang.fill(Msg::FixCostNothing, &[("delta", &delta)])
    } else {
        // Seats lost, and those gained in their place (an equally good solution may move them).
        let seat_changes: Vec<ChangeView> = changes
            .iter()
            .filter(|c| c.kind == "seat-lost" || c.kind == "seat-gained")
            .cloned()
            .collect();
        lang.fill(
            Msg::FixCost,
            &[
                ("list", &changes_text(&seat_changes, lang)),
                ("delta", &delta),
            ],
        )
    };
    FixView {
        change: f.change.code(),
        size: f.size,
        objective_change: round3(points(o.delta)),
        proven: o.proven,
        seats_lost_elsewhere: lost,
        changes,
        text: lang.fill(
            Msg::FixLine,
            &[("change", &f.change.text(inst, lang)), ("effect", &effect)],
        ),
    }
}

/// The words of a [`Fixes`] result for a one-cell summary (the `fix` column): the smallest fix,
/// or why there is none.
pub fn fixes_text(inst: &Instance, policy: &Policy, r: usize, fixes: &Fixes, lang: Lang) -> String {
    let req = &inst.requests[r];
    match fixes {
        Fixes::Found(v) => fix_view(inst, r, &v[0], lang).text,
        Fixes::NoneFound => match funnel_text(inst, policy, req, lang) {
            Some(f) => lang.fill(Msg::FixNone, &[("funnel", &f)]),
            None => lang.text(Msg::FixNoneRules).to_string(),
        },
        Fixes::TooLarge(n) => lang.fill(
            Msg::FixNotComputed,
            &[(
                "why",
                &lang.fill(Msg::FixTooLarge, &[("arcs", n), ("request", &req.id)]),
            )],
        ),
        Fixes::WorkLimit => lang.fill(
            Msg::FixNotComputed,
            &[(
                "why",
                &lang.fill(Msg::FixWorkLimit, &[("request", &req.id)]),
            )],
        ),
        Fixes::TimeLimit => lang.fill(
            Msg::FixNotComputed,
            &[(
                "why",
                &lang.fill(Msg::FixTimeLimit, &[("request", &req.id)]),
            )],
        ),
    }
}

/// An assigned expert as shown.
#[derive(Clone, Debug, Serialize)]
pub struct AssignedView {
    /// Expert id.
    pub expert: String,
    /// Display name.
    pub name: String,
    /// Set by a coordinator's pin.
    pub pinned: bool,
    /// The pair's score.
    pub score: f64,
    /// Km (on site).
    pub distance_km: Option<f64>,
    /// The score's parts in words, largest first.
    pub reasons: Vec<PartView>,
    /// In words.
    pub text: String,
}

/// A runner-up as shown.
#[derive(Clone, Debug, Serialize)]
pub struct RunnerUpView {
    /// Expert id.
    pub expert: String,
    /// Display name.
    pub name: String,
    /// The pair's score.
    pub score: f64,
    /// Score minus the weakest assigned expert's (None when nobody is assigned).
    pub score_diff: Option<f64>,
    /// Requests the expert is assigned to in the batch.
    pub assigned_to: Vec<String>,
    /// Why the expert is not free for this request ([`Miss::code`]), None when free.
    pub limit: Option<&'static str>,
    /// Objective change of putting the expert here, in points (None when it cannot be done).
    pub objective_change: Option<f64>,
    /// Whether the re-solve proved its optimum.
    pub proven: bool,
    /// What else changes.
    pub changes: Vec<ChangeView>,
    /// Why the pair cannot be forced (a pin conflict).
    pub refused: Option<String>,
    /// In words.
    pub text: String,
}

/// Ineligible experts counted by the first rule they break; rules 3 and 4 are one stage.
#[derive(Clone, Debug, Serialize)]
pub struct RuleCountView {
    /// The contract's rule as shown: `"1"`, `"3"` (no shared theme), `"3-4"` (personal), ...
    pub rule: &'static str,
    /// Experts whose first broken rule it is; `null` for a personal count below 3.
    pub count: Option<usize>,
    /// In words.
    pub text: String,
}

/// The open seats of a request as shown.
#[derive(Clone, Debug, Serialize)]
pub struct OpenView {
    /// Seats not filled.
    pub seats_open: u32,
    /// Why, in words.
    pub why: String,
    /// Verified fixes, smallest first.
    pub fixes: Vec<FixView>,
    /// When there is no fix: why not.
    pub no_fix: Option<String>,
}

/// The output of `explain --request`; `--format json` prints it as is.
#[derive(Clone, Debug, Serialize)]
pub struct ExplainRequestView {
    /// `matchpunt.explain-request/1`.
    pub schema: &'static str,
    /// Language of the texts.
    pub lang: &'static str,
    /// The batch week.
    pub week: Option<String>,
    /// The request.
    pub request: RequestView,
    /// Seats filled.
    pub filled: u32,
    /// The batch objective in points.
    pub objective: f64,
    /// Whether it is a proven optimum.
    pub proven: bool,
    /// Assigned experts.
    pub assigned: Vec<AssignedView>,
    /// The best other eligible experts, with the exact cost of putting each in.
    pub runners_up: Vec<RunnerUpView>,
    /// Ineligible experts by the first rule they break.
    pub never_eligible: Vec<RuleCountView>,
    /// Pins of this request the batch could not keep, in words.
    pub pin_conflicts: Vec<String>,
    /// The open seats, when there are any.
    pub open: Option<OpenView>,
    /// The heading line.
    pub text: String,
}

/// A pin not kept in words (`pin of Demi B. (E1) not kept: ...`), the personal stage
/// (rules 3-4) alone, never which of the two.
pub fn pin_conflict_text(inst: &Instance, policy: &Policy, c: &PinConflict, lang: Lang) -> String {
    let r = &inst.requests[c.request];
    let e = &inst.experts[c.expert];
    let why = match c.stage {
        Stage::PinLimits | Stage::PinSeats | Stage::PinnedInSlot | Stage::Declined => {
            reason_text(inst, policy, r, e, &WeekUse::default(), c.stage, lang)
        }
        // Which of rules 3 and 4 it is would tell something personal: the stage reads alone.
        Stage::Personal => reason_text(inst, policy, r, e, &WeekUse::default(), c.stage, lang),
        stage => {
            let t = reason_text(inst, policy, r, e, &WeekUse::default(), stage, lang);
            lang.fill(
                Msg::PinRuleBroken,
                &[("why", &t), ("rule", &stage.label_in(lang))],
            )
        }
    };
    lang.fill(
        Msg::PinConflictText,
        &[("id", &expert_label(e)), ("why", &why)],
    )
}

fn rule_what(stage: Stage, lang: Lang) -> &'static str {
    lang.text(match stage.rule_group() {
        Stage::Inactive => Msg::RuleWhat1,
        Stage::Role => Msg::RuleWhat2,
        Stage::NoSharedTheme => Msg::RuleWhat3,
        Stage::Personal => Msg::RuleWhatPersonal,
        Stage::NotOnline => Msg::RuleWhat5,
        Stage::Language => Msg::RuleWhat6,
        Stage::AgeGap => Msg::RuleWhat7,
        Stage::SlotUnavailable => Msg::RuleWhat8,
        _ => Msg::RuleWhat9,
    })
}

impl Base<'_> {
    /// Why request `r` has open seats, in words.
    /// The one reason for request `r`'s open seats, as every output shows it (`unmatched.csv`'s
    /// reason, the web page): the pins of `r` not kept ([`PinConflict`] in words), then
    /// [`Base::open_why`], joined by "; ".
    pub fn open_reason(&self, r: usize, booked: &Booked, lang: Lang) -> String {
        let mut parts: Vec<String> = self
            .pins
            .conflicts
            .iter()
            .filter(|c| c.request == r)
            .map(|c| pin_conflict_text(self.inst, self.policy, c, lang))
            .collect();
        let why = self.open_why(r, booked, lang);
        if !why.is_empty() {
            parts.push(why);
        }
        parts.join("; ")
    }

    /// Why request `r` has open seats, besides its pins not kept: the funnel when nobody is
    /// eligible ([`funnel_text`]), else who is eligible and why none of them is put here.
    pub fn open_why(&self, r: usize, booked: &Booked, lang: Lang) -> String {
        let inst = self.inst;
        let req = &inst.requests[r];
        let cands = self.scored_of_request(r);
        if cands.is_empty() {
            return funnel_text(inst, self.policy, req, lang).unwrap_or_default();
        }
        let here = self.experts_of(r);
        let others: Vec<usize> = cands
            .iter()
            .map(|s| s.pair.expert as usize)
            .filter(|e| !here.contains(e))
            .collect();
        if others.is_empty() {
            return lang.fill(Msg::OnlyAssignedHere, &[("n", &cands.len())]);
        }
        let limited: Vec<String> = others
            .iter()
            .filter_map(|&e| {
                let ex = &inst.experts[e];
                let u = &booked.uses[e];
                limit_miss(req, ex, u).map(|m| {
                    format!(
                        "{} ({})",
                        ex.id,
                        miss_text(inst, self.policy, req, ex, u, m, lang)
                    )
                })
            })
            .collect();
        if limited.len() == others.len() {
            lang.fill(
                Msg::WhyAllBusy,
                &[("n", &others.len()), ("list", &limited.join(", "))],
            )
        } else {
            lang.fill(
                Msg::WhyBetterElsewhere,
                &[("n", &(others.len() - limited.len()))],
            )
        }
    }

    /// `explain --request`: who got request `r` and why, the `top` best runners-up with the
    /// exact cost of each, the ineligible experts by rule, and for open seats the fixes.
    pub fn explain_request(&self, r: usize, top: usize, lang: Lang) -> ExplainRequestView {
        let inst = self.inst;
        let policy = self.policy;
        let req = &inst.requests[r];
        let booked = self.booked();
        let here = self.experts_of(r);
        let assigned: Vec<AssignedView> = here
            .iter()
            .map(|&e| {
                let s = self.scored_pair(r, e).expect("an assignment is eligible");
                let ex = &inst.experts[e];
                let reasons = part_views(inst, policy, &self.hist, s, lang);
                let pinned = self.is_pinned(r, e);
                let words: Vec<&str> = reasons.iter().map(|p| p.text.as_str()).collect();
                let mut text = format!(
                    "{}, score {}: {}",
                    expert_label(ex),
                    lang.num(s.score, 1),
                    words.join("; ")
                );
                if pinned {
                    text = format!("{text}; {}", lang.text(Msg::AssignedPinned));
                }
                AssignedView {
                    expert: ex.id.clone(),
                    name: ex.name.clone(),
                    pinned,
                    score: round3(s.score),
                    distance_km: s.distance_km.map(round3),
                    reasons,
                    text,
                }
            })
            .collect();
        let weakest = here
            .iter()
            .filter_map(|&e| self.scored_pair(r, e))
            .min_by(|a, b| a.score.total_cmp(&b.score));
        let mut others: Vec<&Scored> = self
            .scored_of_request(r)
            .iter()
            .filter(|s| !here.contains(&(s.pair.expert as usize)))
            .collect();
        others.sort_by(|a, b| {
            b.score
                .total_cmp(&a.score)
                .then(a.pair.expert.cmp(&b.pair.expert))
        });
        let runners_up = others
            .iter()
            .take(top)
            .map(|s| self.runner_up(r, s, weakest, &booked, lang))
            .collect();
        let mut counts: BTreeMap<Stage, usize> = BTreeMap::new();
        for e in &inst.experts {
            if let Some(first) = eligibility::check(inst, policy, req, e).first_stage() {
                *counts.entry(first.rule_group()).or_default() += 1;
            }
        }
        let never_eligible = counts
            .into_iter()
            .map(|(stage, count)| {
                // A count of the personal stage below 3 reads "fewer than 3" (in data too).
                let count = if stage.is_personal() && count < 3 {
                    None
                } else {
                    Some(count)
                };
                let shown = count.map_or_else(|| lang.count(1), |n| n.to_string());
                RuleCountView {
                    rule: stage.rule_text(),
                    count,
                    text: lang.fill(
                        Msg::RuleCount,
                        &[
                            ("rule", &stage.label_in(lang)),
                            ("what", &rule_what(stage, lang)),
                            ("n", &shown),
                        ],
                    ),
                }
            })
            .collect();
        let pin_conflicts = self
            .pins
            .conflicts
            .iter()
            .filter(|c| c.request == r)
            .map(|c| pin_conflict_text(inst, policy, c, lang))
            .collect();
        let filled = here.len() as u32;
        let open = (filled < req.experts_needed).then(|| {
            let mut budget = FixBudget::for_explain();
            let fixes = self.fixes(r, &booked, 3, &mut budget);
            let (list, no_fix) = match &fixes {
                Fixes::Found(v) => (v.iter().map(|f| fix_view(inst, r, f, lang)).collect(), None),
                other => (Vec::new(), Some(fixes_text(inst, policy, r, other, lang))),
            };
            OpenView {
                seats_open: req.experts_needed - filled,
                why: self.open_why(r, &booked, lang),
                fixes: list,
                no_fix,
            }
        });
        let text = lang.fill(
            Msg::ExplainHead,
            &[
                ("request", &req.id),
                ("org", &inst.orgs.name(req.org)),
                ("role", &lang.role(req.role)),
                ("where", &where_text(req, lang)),
                ("slot", &slot_text(req, lang)),
                ("filled", &filled),
                ("seats", &req.experts_needed),
            ],
        );
        ExplainRequestView {
            schema: "matchpunt.explain-request/1",
            lang: lang.code(),
            week: inst.week.map(|w| w.to_string()),
            request: request_view(inst, req),
            filled,
            objective: round3(points(self.objective)),
            proven: self.proven,
            assigned,
            runners_up,
            never_eligible,
            pin_conflicts,
            open,
            text,
        }
    }

    fn runner_up(
        &self,
        r: usize,
        s: &Scored,
        weakest: Option<&Scored>,
        booked: &Booked,
        lang: Lang,
    ) -> RunnerUpView {
        let inst = self.inst;
        let req = &inst.requests[r];
        let e = s.pair.expert as usize;
        let ex = &inst.experts[e];
        let u = &booked.uses[e];
        let elsewhere: Vec<String> = self
            .requests_of(e)
            .into_iter()
            .map(|x| inst.requests[x].id.clone())
            .collect();
        let miss = limit_miss(req, ex, u);
        let mut status = Vec::new();
        if !elsewhere.is_empty() {
            status.push(lang.fill(
                Msg::StatusUsedElsewhere,
                &[("requests", &lang.list(&elsewhere))],
            ));
        }
        match miss {
            Some(m) => status.push(miss_text(inst, self.policy, req, ex, u, m, lang)),
            None if elsewhere.is_empty() => status.push(lang.text(Msg::StatusFree).to_string()),
            None => {}
        }
        let status = status.join("; ");
        let change = Change::Pin {
            request: r,
            expert: e,
        };
        let outcome = self
            .evaluate(&change, usize::MAX)
            .expect("no limit on the part");
        let label = expert_label(ex);
        let score = lang.num(s.score, 1);
        if let Some(c) = &outcome.refused {
            let why = pin_conflict_text(inst, self.policy, c, lang);
            return RunnerUpView {
                expert: ex.id.clone(),
                name: ex.name.clone(),
                score: round3(s.score),
                score_diff: weakest.map(|w| round3(s.score - w.score)),
                assigned_to: elsewhere,
                limit: miss.map(Miss::code),
                objective_change: None,
                proven: outcome.proven,
                changes: Vec::new(),
                refused: Some(why.clone()),
                text: lang.fill(
                    Msg::CannotForce,
                    &[
                        ("name", &label),
                        ("id", &ex.id),
                        ("score", &score),
                        ("why", &why),
                    ],
                ),
            };
        }
        let changes = change_views(inst, &outcome, Some((r, Some(e))), lang);
        let mut cost = lang.signed(points(outcome.delta));
        if !outcome.proven {
            cost = format!("{cost} {}", lang.text(Msg::NotProven));
        }
        let changes_words = lang.fill(
            Msg::ChangesIntro,
            &[("list", &changes_text(&changes, lang))],
        );
        let name = display_name(ex).to_string();
        let text = match weakest {
            Some(w) => lang.fill(
                Msg::RunnerUpLine,
                &[
                    ("name", &name),
                    ("id", &ex.id),
                    ("score", &score),
                    ("diff", &lang.signed(s.score - w.score)),
                    (
                        "other",
                        &display_name(&inst.experts[w.pair.expert as usize]),
                    ),
                    ("status", &status),
                    ("cost", &cost),
                    ("changes", &changes_words),
                ],
            ),
            None => lang.fill(
                Msg::RunnerUpLineOpen,
                &[
                    ("name", &name),
                    ("id", &ex.id),
                    ("score", &score),
                    ("status", &status),
                    ("cost", &cost),
                    ("changes", &changes_words),
                ],
            ),
        };
        RunnerUpView {
            expert: ex.id.clone(),
            name: ex.name.clone(),
            score: round3(s.score),
            score_diff: weakest.map(|w| round3(s.score - w.score)),
            assigned_to: elsewhere,
            limit: miss.map(Miss::code),
            objective_change: Some(round3(points(outcome.delta))),
            proven: outcome.proven,
            changes,
            refused: None,
            text,
        }
    }
}

/// The text of an [`ExplainRequestView`], as `explain --request` prints it.
pub fn render_explain_request(v: &ExplainRequestView, lang: Lang) -> String {
    let mut out = format!("{}\n", v.text);
    out.push_str(&format!("{}\n", lang.text(Msg::AssignedHead)));
    if v.assigned.is_empty() {
        out.push_str(&format!("  {}\n", lang.text(Msg::NobodyAssigned)));
    }
    for a in &v.assigned {
        out.push_str(&format!("  {}\n", a.text));
    }
    for p in &v.pin_conflicts {
        out.push_str(&format!("  {p}\n"));
    }
    out.push_str(&format!("{}\n", lang.text(Msg::RunnersUpHead)));
    if v.runners_up.is_empty() {
        out.push_str(&format!("  {}\n", lang.text(Msg::NoRunnersUp)));
    }
    for r in &v.runners_up {
        out.push_str(&format!("  {}\n", r.text));
    }
    if !v.never_eligible.is_empty() {
        let counts: Vec<&str> = v.never_eligible.iter().map(|c| c.text.as_str()).collect();
        out.push_str(&format!(
            "{}\n",
            lang.fill(Msg::NeverEligibleHead, &[("counts", &counts.join(", "))])
        ));
    }
    if let Some(o) = &v.open {
        out.push_str(&format!(
            "{}\n",
            lang.fill(Msg::OpenSeatsHead, &[("n", &o.seats_open), ("why", &o.why)])
        ));
        if !o.fixes.is_empty() {
            out.push_str(&format!("{}\n", lang.text(Msg::FixesHead)));
            for f in &o.fixes {
                out.push_str(&format!("  {}\n", f.text));
            }
        }
        if let Some(n) = &o.no_fix {
            out.push_str(&format!("  {n}\n"));
        }
    }
    out
}

/// One of an expert's assignments as shown.
#[derive(Clone, Debug, Serialize)]
pub struct ExpertAssignmentView {
    /// Request id.
    pub request: String,
    /// Organisation.
    pub org: String,
    /// Role code.
    pub role: &'static str,
    /// Slot code.
    pub slot: Option<String>,
    /// Load of the seat.
    pub load: u32,
    /// The pair's score.
    pub score: f64,
    /// Set by a coordinator's pin.
    pub pinned: bool,
    /// The score's parts in words.
    pub reasons: Vec<PartView>,
    /// In words.
    pub text: String,
}

/// A request the expert was eligible for but did not get, as shown.
#[derive(Clone, Debug, Serialize)]
pub struct NotAssignedView {
    /// Request id.
    pub request: String,
    /// The pair's score.
    pub score: f64,
    /// Experts the request went to.
    pub went_to: Vec<String>,
    /// Why the expert was not free for it ([`Miss::code`]), None when free.
    pub limit: Option<&'static str>,
    /// Objective change of putting the expert there, in points (for the best few).
    pub objective_change: Option<f64>,
    /// Whether that re-solve proved its optimum.
    pub proven: Option<bool>,
    /// What else would change.
    pub changes: Vec<ChangeView>,
    /// In words.
    pub text: String,
}

/// An expert's week as shown.
#[derive(Clone, Debug, Serialize)]
pub struct ExpertWeekView {
    /// Expert id.
    pub id: String,
    /// Display name.
    pub name: String,
    /// Not on leave.
    pub active: bool,
    /// Assignments in the batch.
    pub assignments: u32,
    /// Most assignments.
    pub max_assignments: u32,
    /// Load used.
    pub load: u32,
    /// Load budget.
    pub load_budget: u32,
}

/// The output of `explain --expert`; `--format json` prints it as is.
#[derive(Clone, Debug, Serialize)]
pub struct ExplainExpertView {
    /// `matchpunt.explain-expert/1`.
    pub schema: &'static str,
    /// Language of the texts.
    pub lang: &'static str,
    /// The batch week.
    pub week: Option<String>,
    /// The expert's week.
    pub expert: ExpertWeekView,
    /// The assignments.
    pub assignments: Vec<ExpertAssignmentView>,
    /// Requests eligible for but not assigned, best score first.
    pub not_assigned: Vec<NotAssignedView>,
    /// The heading line.
    pub text: String,
}

impl Base<'_> {
    /// `explain --expert`: expert `e`'s week, and the requests they were eligible for but did
    /// not get, with the reason (and, for the best `top`, the exact cost of putting them there).
    pub fn explain_expert(&self, e: usize, top: usize, lang: Lang) -> ExplainExpertView {
        let inst = self.inst;
        let ex = &inst.experts[e];
        let booked = self.booked();
        let u = booked.uses[e];
        let mine = self.requests_of(e);
        let assignments = mine
            .iter()
            .map(|&r| {
                let req = &inst.requests[r];
                let s = self.scored_pair(r, e).expect("an assignment is eligible");
                let reasons = part_views(inst, self.policy, &self.hist, s, lang);
                let pinned = self.is_pinned(r, e);
                let words: Vec<&str> = reasons.iter().map(|p| p.text.as_str()).collect();
                let head = lang.fill(
                    Msg::ExpertAssignment,
                    &[
                        ("request", &req.id),
                        ("org", &inst.orgs.name(req.org)),
                        ("role", &lang.role(req.role)),
                        ("slot", &slot_text(req, lang)),
                        ("load", &req.intensity),
                        ("score", &lang.num(s.score, 1)),
                        (
                            "pinned",
                            &if pinned {
                                format!(", {}", lang.text(Msg::AssignedPinned))
                            } else {
                                String::new()
                            },
                        ),
                    ],
                );
                ExpertAssignmentView {
                    request: req.id.clone(),
                    org: inst.orgs.name(req.org).to_string(),
                    role: req.role.as_str(),
                    slot: req.slot.map(|s| s.to_string()),
                    load: req.intensity,
                    score: round3(s.score),
                    pinned,
                    text: format!("{head}: {}", words.join("; ")),
                    reasons,
                }
            })
            .collect();
        let mut eligible: Vec<&Scored> = self
            .scored
            .iter()
            .filter(|s| s.pair.expert as usize == e && !mine.contains(&(s.pair.request as usize)))
            .collect();
        eligible.sort_by(|a, b| {
            b.score
                .total_cmp(&a.score)
                .then(a.pair.request.cmp(&b.pair.request))
        });
        let not_assigned = eligible
            .iter()
            .enumerate()
            .map(|(i, s)| {
                let r = s.pair.request as usize;
                let req = &inst.requests[r];
                let went: Vec<String> = self
                    .experts_of(r)
                    .into_iter()
                    .map(|x| inst.experts[x].id.clone())
                    .collect();
                let miss = limit_miss(req, ex, &u);
                let mut why = vec![if went.is_empty() {
                    lang.text(Msg::StaysOpen).to_string()
                } else {
                    lang.fill(Msg::WentTo, &[("experts", &lang.list(&went))])
                }];
                if let Some(m) = miss {
                    why.push(miss_text(inst, self.policy, req, ex, &u, m, lang));
                }
                let (mut cost, mut proven, mut changes) = (None, None, Vec::new());
                if i < top {
                    let o = self
                        .evaluate(
                            &Change::Pin {
                                request: r,
                                expert: e,
                            },
                            usize::MAX,
                        )
                        .expect("no limit on the part");
                    if let Some(c) = &o.refused {
                        why.push(pin_conflict_text(inst, self.policy, c, lang));
                    } else {
                        changes = change_views(inst, &o, Some((r, Some(e))), lang);
                        let mut c = lang.signed(points(o.delta));
                        if !o.proven {
                            c = format!("{c} {}", lang.text(Msg::NotProven));
                        }
                        why.push(lang.fill(
                            Msg::ForcedCost,
                            &[
                                ("name", &display_name(ex)),
                                ("cost", &c),
                                (
                                    "changes",
                                    &lang.fill(
                                        Msg::ChangesIntro,
                                        &[("list", &changes_text(&changes, lang))],
                                    ),
                                ),
                            ],
                        ));
                        cost = Some(round3(points(o.delta)));
                        proven = Some(o.proven);
                    }
                }
                NotAssignedView {
                    request: req.id.clone(),
                    score: round3(s.score),
                    went_to: went,
                    limit: miss.map(Miss::code),
                    objective_change: cost,
                    proven,
                    changes,
                    text: lang.fill(
                        Msg::ExpertNotAssigned,
                        &[
                            ("request", &req.id),
                            ("org", &inst.orgs.name(req.org)),
                            ("role", &lang.role(req.role)),
                            ("slot", &slot_text(req, lang)),
                            ("score", &lang.num(s.score, 1)),
                            ("why", &why.join("; ")),
                        ],
                    ),
                }
            })
            .collect();
        let text = if ex.active {
            lang.fill(
                Msg::ExpertHead,
                &[
                    ("name", &display_name(ex)),
                    ("id", &ex.id),
                    ("count", &u.count),
                    ("max", &ex.max_assignments),
                    ("load", &u.load),
                    ("budget", &ex.load_budget),
                ],
            )
        } else {
            lang.fill(
                Msg::ExpertOnLeave,
                &[("name", &display_name(ex)), ("id", &ex.id)],
            )
        };
        ExplainExpertView {
            schema: "matchpunt.explain-expert/1",
            lang: lang.code(),
            week: inst.week.map(|w| w.to_string()),
            expert: ExpertWeekView {
                id: ex.id.clone(),
                name: ex.name.clone(),
                active: ex.active,
                assignments: u.count,
                max_assignments: ex.max_assignments,
                load: u.load,
                load_budget: ex.load_budget,
            },
            assignments,
            not_assigned,
            text,
        }
    }
}

/// A travel limit as written in a text: whole km without decimals (`25`), otherwise with the
/// decimals it has, up to two (`1.5`, not `2`: a limit is never shown larger than it is).
pub fn km_limit(lang: Lang, km: f64) -> String {
    let decimals = (0..2)
        .find(|&d| {
            let f = 10f64.powi(d as i32);
            ((km * f).round() - km * f).abs() < 1e-9
        })
        .unwrap_or(2);
    lang.num(km, decimals)
}

/// The text of an [`ExplainExpertView`], as `explain --expert` prints it.
pub fn render_explain_expert(v: &ExplainExpertView, lang: Lang) -> String {
    let mut out = format!("{}\n", v.text);
    for a in &v.assignments {
        out.push_str(&format!("  {}\n", a.text));
    }
    out.push_str(&format!("{}\n", lang.text(Msg::ExpertEligibleHead)));
    if v.not_assigned.is_empty() {
        out.push_str(&format!("  {}\n", lang.text(Msg::ExpertNoEligible)));
    }
    for n in &v.not_assigned {
        out.push_str(&format!("  {}\n", n.text));
    }
    out
}

/// Batches with more candidate pairs than this get no `fix` column in `run` (only a pointer to
/// `explain --request`).
pub const RUN_FIX_MAX_PAIRS: usize = 200_000;

/// Fills the `reason` of every row of `unmatched` with the one reason every output shows
/// ([`Base::open_reason`]), and its `fix` with the smallest change that fills one of its seats,
/// verified by a re-solve, both in `lang` (the fixes within [`FixBudget::for_run`], and before
/// `deadline`, the run's time limit less what writing needs).
///
/// The work is bounded: each try costs the batch's pairs plus the re-solved part's pairs once
/// per branch-and-bound node, against the budget's 2,000,000. Without a deadline the column is
/// the same on every machine.
pub fn with_fixes(
    inst: &Instance,
    policy: &Policy,
    opts: &SolveOptions,
    res: &BatchResult,
    mut unmatched: Vec<crate::report::Unmatched>,
    deadline: Option<Instant>,
    lang: Lang,
) -> Vec<crate::report::Unmatched> {
    if unmatched.is_empty() {
        return unmatched;
    }
    let base = Base::from_result(inst, policy, *opts, res);
    let booked = base.booked();
    // The one reason, as the web page and explain give it.
    for u in &mut unmatched {
        u.reason = base.open_reason(u.request, &booked, lang);
    }
    // Each try rebuilds the batch's problem: beyond this size the column would cost more than
    // the run itself.
    let pairs = res.problem.arcs.len();
    if pairs > RUN_FIX_MAX_PAIRS {
        let why = lang.fill(Msg::FixBatchTooLarge, &[("pairs", &pairs)]);
        for u in &mut unmatched {
            let req = &inst.requests[u.request].id;
            u.fix = lang.fill(
                Msg::FixNotComputed,
                &[("why", &why.replace("{request}", req))],
            );
        }
        return unmatched;
    }
    let mut budget = FixBudget {
        deadline,
        ..FixBudget::for_run()
    };
    for u in &mut unmatched {
        let fixes = base.fixes(u.request, &booked, 1, &mut budget);
        u.fix = fixes_text(inst, policy, u.request, &fixes, lang);
    }
    unmatched
}
