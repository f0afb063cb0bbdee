//! `suggest`: every expert who meets rules 1-8 for one request and is within this week's
//! limits, ranked by the pair's score less the batch-spread cost; and the near misses, the
//! experts who fail exactly one condition among rules 5-8 and this week's limits.

#[allow(unused_imports)]
use super::*;
use crate::solve::{Standing, TeamRules};

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
    /// This request would take them over their load budget (the weekly one, or what the
    /// rolling budget leaves: [`Expert::budget`]).
    AtLoad,
    /// A heavy-theme request while they hold a heavy-theme seat this week already (the
    /// heavy-theme pause, `[rules] heavy_pause_weeks`).
    HeavyPause,
    /// A booking row could not be read; treated as unavailable.
    Unsure,
    /// A heavy-theme trajectory whose later meetings would fall in the heavy-theme pause
    /// ([`crate::batch::usage::Limit::HeavyTrajectory`]): for every expert.
    HeavyTrajectory {
        /// The trajectory's weeks between two meetings.
        every_weeks: u32,
        /// `[rules] heavy_pause_weeks`.
        pause: u32,
    },
    /// The rolling budget cannot carry the request's `meetings` meetings in the rolling window
    /// (a trajectory's later meetings, or those the expert already holds:
    /// [`crate::batch::usage::Limit::Rolling`]).
    Rolling {
        /// The request's meetings in the rolling window.
        meetings: u32,
        /// What the rolling budget leaves before this request.
        left: u32,
    },
}

impl Miss {
    /// A stable code ([`Stage::code`]).
    pub fn code(self) -> &'static str {
        match self {
            Miss::Rule(r) => r.code(),
            Miss::Busy => "busy-in-slot",
            Miss::AtCount => "at-max-assignments",
            Miss::AtLoad => "at-load-budget",
            Miss::HeavyPause => "heavy-theme-pause",
            Miss::Unsure => "booking-unreadable",
            Miss::Rolling { .. } => "rolling-budget-trajectory",
            Miss::HeavyTrajectory { .. } => "heavy-theme-trajectory",
        }
    }

    /// How far off: the size of the smallest change that would remove the miss, on the scale of
    /// [`Change::size`]: 1 per extra assignment or load point, 1 per started 5 km of travel, 2
    /// for another slot or online, 3 for another language, 4 for a gender or age wish; rules 3
    /// and 4 are not a coordinator's to change and come last.
    pub fn gap(self, over_km: f64, over_load: u32) -> f64 {
        match self {
            Miss::AtCount | Miss::HeavyPause => 1.0,
            Miss::AtLoad => over_load.max(1) as f64,
            Miss::Rule(Stage::TooFar) => travel_steps(over_km),
            Miss::Busy | Miss::Rule(Stage::SlotUnavailable) | Miss::Rule(Stage::NotOnline) => 2.0,
            Miss::Rule(Stage::Language) | Miss::Rule(Stage::NoAvailability) => 3.0,
            Miss::Rule(Stage::Gender) | Miss::Rule(Stage::AgeGap) => 4.0,
            Miss::Unsure => 10.0,
            Miss::Rolling { meetings, .. } => meetings.max(1) as f64,
            Miss::HeavyTrajectory { .. } => 10.0,
            Miss::Rule(_) => 100.0,
        }
    }
}

pub(crate) fn travel_steps(over_km: f64) -> f64 {
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
    /// Under a team rule (issue 24), the best teams of free experts that keep it (expert
    /// indexes, best first, at most 3): `Some(empty)` when none does; None without a rule.
    pub teams: Option<Vec<Vec<usize>>>,
}

/// Whether expert `ei` can take request `ri` of `inst` on top of bookings `u`; the miss
/// otherwise ([`crate::batch::usage::limit`], a trajectory's later meetings included).
pub fn limit_miss(
    inst: &Instance,
    policy: &Policy,
    ri: usize,
    ei: usize,
    u: &WeekUse,
) -> Option<Miss> {
    use crate::batch::usage::{limit, Limit};
    limit(inst, policy, ri, ei, u).map(|l| match l {
        Limit::Unsure => Miss::Unsure,
        Limit::Busy => Miss::Busy,
        Limit::AtCount => Miss::AtCount,
        Limit::AtLoad => Miss::AtLoad,
        Limit::HeavyPause => Miss::HeavyPause,
        Limit::Rolling { meetings, left } => Miss::Rolling { meetings, left },
        Limit::HeavyTrajectory { every_weeks, pause } => {
            Miss::HeavyTrajectory { every_weeks, pause }
        }
    })
}

/// The rank of a pair for `suggest`: score minus the spread cost of one more assignment.
pub fn rank_score(policy: &Policy, s: &Scored, u: &WeekUse) -> f64 {
    s.score - policy.objective.batch_spread * u.count as f64
}

/// The best `top` experts for request `ri`, given this week's bookings (if any), and the near
/// misses. See the module docs for the order. [`suggest_except`] with no declined pair.
pub fn suggest(
    inst: &Instance,
    policy: &Policy,
    ri: usize,
    booked: Option<&Booked>,
    top: usize,
) -> Suggestion {
    suggest_except(inst, policy, ri, booked, top, &[])
}

/// [`suggest`] where the (request, expert) pairs of `declined` (sorted, as
/// [`crate::batch::Adjust::forbidden`]: declined in the weekly round or the ledger) are no
/// candidates at all: not listed, not counted free, not a near miss and not in a proposed team.
/// They still count among the `eligible` (they meet rules 1-8). O(experts · log declined) on
/// top of [`suggest`].
pub fn suggest_except(
    inst: &Instance,
    policy: &Policy,
    ri: usize,
    booked: Option<&Booked>,
    top: usize,
    declined: &[(usize, usize)],
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
            if declined.binary_search(&(ri, ei)).is_ok() {
                continue;
            }
            match limit_miss(inst, policy, ri, ei, u) {
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
        } else if declined.binary_search(&(ri, ei)).is_ok() {
            continue;
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
    let rules = crate::teams::rules(inst, policy, &[]);
    if rules.is_active() && r.experts_needed < 2 {
        // A new expert is never sent alone: not a candidate for a single seat.
        let standing = &rules.standing;
        cands.retain(|c| standing[c.scored.pair.expert as usize] != Standing::New);
    }
    cands.sort_by(|a, b| {
        b.rank_score
            .total_cmp(&a.rank_score)
            .then(a.scored.pair.expert.cmp(&b.scored.pair.expert))
    });
    let teams =
        (rules.is_active() && r.experts_needed >= 2).then(|| team_proposals(&rules, ri, r, &cands));
    if rules.is_active() && r.experts_needed >= 2 {
        // A new expert goes only beside an experienced one: on a team request, listed on their
        // own only where an experienced expert is already fixed on it (as `book` would take
        // them, [`crate::teams::fixed_miss`]); otherwise only inside a proposed team.
        let standing = &rules.standing;
        let partner = r
            .pinned
            .iter()
            .any(|&p| standing.get(p) == Some(&Standing::Experienced));
        cands.retain(|c| partner || standing[c.scored.pair.expert as usize] != Standing::New);
    }
    let free = cands.len();
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
        teams,
    }
}

/// The best teams (at most 3, by summed rank score) of the request's open seats among the 12
/// best free candidates (`cands`, best first) that keep the team rules, the request's pins
/// included. At most C(12, seats) teams are looked at.
fn team_proposals(
    rules: &TeamRules,
    ri: usize,
    r: &Request,
    cands: &[Candidate],
) -> Vec<Vec<usize>> {
    let pool: Vec<(f64, usize)> = cands
        .iter()
        .take(12)
        .map(|c| (c.rank_score, c.scored.pair.expert as usize))
        .filter(|(_, e)| !r.pinned.contains(e))
        .collect();
    let k = (r.experts_needed as usize)
        .saturating_sub(r.pinned.len())
        .min(pool.len());
    let mut found: Vec<(f64, Vec<usize>)> = Vec::new();
    let mut pick: Vec<usize> = Vec::new();
    fn go(
        pool: &[(f64, usize)],
        from: usize,
        k: usize,
        pick: &mut Vec<usize>,
        found: &mut Vec<(f64, Vec<usize>)>,
        ok: &dyn Fn(&[usize]) -> bool,
    ) {
        if pick.len() == k {
            if ok(pick) {
                let score = pick.iter().map(|&i| pool[i].0).sum();
                found.push((score, pick.iter().map(|&i| pool[i].1).collect()));
            }
            return;
        }
        for i in from..pool.len() {
            pick.push(i);
            go(pool, i + 1, k, pick, found, ok);
            pick.pop();
        }
    }
    let ok = |pick: &[usize]| {
        let mut members: Vec<u32> = r.pinned.iter().map(|&e| e as u32).collect();
        members.extend(pick.iter().map(|&i| pool[i].1 as u32));
        rules.check(ri, &members).is_ok()
    };
    if k > 0 {
        go(&pool, 0, k, &mut pick, &mut found, &ok);
    }
    found.sort_by(|a, b| b.0.total_cmp(&a.0).then_with(|| a.1.cmp(&b.1)));
    found.into_iter().take(3).map(|(_, t)| t).collect()
}

/// The one reason of a near miss: exactly one rule fails, and it is one of rules 5-8
/// ([`Stage::is_near`]). An expert kept out by a personal reason (rules 3-4) is never a near
/// miss, so that no list, order or omission tells an avoided theme from an excluded organisation.
pub(crate) fn single_near_reason(why: Reasons) -> Option<Reason> {
    let mut it = why.iter();
    let first = it.next()?;
    if it.next().is_some() || !first.stage().is_near() {
        return None;
    }
    Some(first)
}
