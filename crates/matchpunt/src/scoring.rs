//! The soft score of an eligible pair, from the policy's named parts.
//!
//! Each part is a number from 0 to 1 that a coordinator can read in `assignments.csv`; the score
//! is their weighted sum in points, and the value the solver maximises for a pair is the seat's
//! value (by priority) plus that score. Values are turned into integer milli-points
//! ([`SCALE`]) once, here, so that the solver compares integers: its optimum is exact and does not
//! depend on floating-point summation order or thread count.

#[cfg(doc)]
use crate::eligibility::candidates_with_distance;
use crate::eligibility::{age_in_week, distance_km, Pair};
use crate::model::{Instance, LatLon, PreparedPoint, Request, Role};
use crate::policy::Policy;
use rayon::prelude::*;

/// Integer units per point inside the solver (milli-points).
pub const SCALE: f64 = 1000.0;

/// Converts points to solver units.
pub fn to_units(points: f64) -> i64 {
    (points * SCALE).round() as i64
}

/// Rounds `units` to the nearest multiple of `step` (ties away from zero).
pub fn round_to(units: i64, step: i64) -> i64 {
    (units as f64 / step as f64).round() as i64 * step
}

/// The parts of a score, each from 0 to 1.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Parts {
    /// Share of the request's themes the expert has.
    pub theme_fit: f64,
    /// 1 - km / max_travel_km; 1 online.
    pub distance: f64,
    /// 1 preferred expert, 0.5 worked with the org before, else 0.
    pub continuity: f64,
    /// 1 - decayed recent load / load budget.
    pub recent_load: f64,
    /// 1 / (1 + decayed recent assignments).
    pub fair_spread: f64,
    /// Past assignments in this role / 3, at most 1.
    pub role_experience: f64,
    /// Buddy: 1 - age gap / max gap; else 0.5.
    pub age_proximity: f64,
}

impl Parts {
    /// Column names, in output order (the policy's weights have the same names:
    /// [`crate::policy::Weights::NAMES`]).
    pub const NAMES: [&'static str; 7] = crate::policy::Weights::NAMES;

    /// The parts in [`Parts::NAMES`] order.
    pub fn values(&self) -> [f64; 7] {
        [
            self.theme_fit,
            self.distance,
            self.continuity,
            self.recent_load,
            self.fair_spread,
            self.role_experience,
            self.age_proximity,
        ]
    }

    /// The weighted sum in points.
    pub fn score(&self, policy: &Policy) -> f64 {
        let weights = policy.weights.as_array();
        self.values().iter().zip(weights).map(|(v, w)| v * w).sum()
    }
}

/// What the history says about one expert.
#[derive(Clone, Debug, Default)]
pub struct ExpertHistory {
    /// Sum of intensity x decay over the window.
    pub decayed_load: f64,
    /// Number of assignments x decay over the window.
    pub decayed_count: f64,
    /// Organisations worked with, any week before the batch (sorted).
    pub orgs: Vec<u32>,
    /// Assignments per role, any week before the batch.
    pub role_counts: [u32; 4],
    /// Weeks without a seat: the weeks between the expert's latest seat in the history and the
    /// batch week (0 with a seat last week), or, with no seat at all, the weeks the history
    /// goes back. 0 without history. Whether the expert was eligible in those weeks is not
    /// recorded; the advantage ([`waiting_points`]) only counts where they are now.
    pub waited: u32,
}

/// Summarises the history per expert, relative to the batch's week.
pub fn history_stats(inst: &Instance, policy: &Policy) -> Vec<ExpertHistory> {
    let mut out = vec![ExpertHistory::default(); inst.experts.len()];
    let Some(week) = inst.week else { return out };
    // The weeks the history goes back, and each expert's latest seat (weeks back).
    let mut span = 0i64;
    let mut latest: Vec<Option<i64>> = vec![None; inst.experts.len()];
    for h in &inst.history {
        let back = week.weeks_since(h.week);
        // A declined proposal did not take place: no load, count or continuity.
        if back < 1 || h.declined {
            continue;
        }
        span = span.max(back);
        let l = &mut latest[h.expert];
        *l = Some(l.map_or(back, |l| l.min(back)));
        let s = &mut out[h.expert];
        s.orgs.push(h.org);
        s.role_counts[h.role.index()] += 1;
        if back <= policy.history.window_weeks as i64 {
            let w = policy.history.decay.powi(back as i32 - 1);
            s.decayed_load += w * h.intensity as f64;
            s.decayed_count += w;
        }
    }
    for (s, l) in out.iter_mut().zip(&latest) {
        s.orgs.sort_unstable();
        s.orgs.dedup();
        s.waited = l.map_or(span, |l| l - 1).clamp(0, i64::from(u32::MAX)) as u32;
    }
    out
}

/// The waiting advantage of an expert, in points: `waiting_bonus × min(waited, waiting_weeks)
/// / waiting_weeks` ([`ExpertHistory::waited`]), so it grows by equal steps with each week
/// without a seat and stops at `waiting_bonus` after `waiting_weeks` weeks; 0 when either is 0.
/// It is added to the value of every pair of the expert (not to the score's parts). Bounded:
/// [`crate::policy::Policy::validate`] keeps `waiting_bonus` at most half of `seat_low`, so
/// no advantage is worth as much as a seat of any priority: filling seats comes first.
pub fn waiting_points(policy: &Policy, h: &ExpertHistory) -> f64 {
    let (bonus, weeks) = (policy.objective.waiting_bonus, policy.history.waiting_weeks);
    if weeks == 0 || bonus <= 0.0 {
        return 0.0;
    }
    bonus * f64::from(h.waited.min(weeks)) / f64::from(weeks)
}

/// A scored eligible pair.
#[derive(Clone, Debug)]
pub struct Scored {
    /// The pair.
    pub pair: Pair,
    /// Distance in km (None online).
    pub distance_km: Option<f64>,
    /// The parts.
    pub parts: Parts,
    /// Weighted score in points.
    pub score: f64,
    /// The expert's waiting advantage in points ([`waiting_points`]).
    pub waiting: f64,
    /// Seat value + score + waiting advantage, in solver units.
    pub value: i64,
}

/// Scores one pair: the plain definition, pair by pair ([`Scorer`] gives the same scores for
/// many pairs faster).
pub fn score_pair(inst: &Instance, policy: &Policy, hist: &[ExpertHistory], pair: Pair) -> Scored {
    let r = &inst.requests[pair.request as usize];
    let e = &inst.experts[pair.expert as usize];
    let h = &hist[pair.expert as usize];
    let shared = r
        .themes
        .iter()
        .filter(|t| e.themes.binary_search(t).is_ok())
        .count();
    let dist = distance_km(r, e);
    let parts = Parts {
        theme_fit: theme_fit(shared, r.themes.len()),
        distance: distance_part(dist, e.max_travel_km),
        continuity: continuity(r, pair, h),
        recent_load: recent_load(e.load_budget, h),
        fair_spread: fair_spread(h),
        role_experience: role_experience(h, r.role),
        age_proximity: age_proximity(inst, policy, r, e.birth_year),
    };
    finish(
        policy,
        pair,
        dist,
        parts,
        (policy.seat_value(r.priority), waiting_points(policy, h)),
        resolution_units(policy),
    )
}

fn theme_fit(shared: usize, themes: usize) -> f64 {
    shared as f64 / themes.max(1) as f64
}

fn distance_part(dist: Option<f64>, max_travel_km: f64) -> f64 {
    match dist {
        None => 1.0,
        Some(d) if max_travel_km > 0.0 => (1.0 - d / max_travel_km).clamp(0.0, 1.0),
        Some(_) => 1.0,
    }
}

fn continuity(r: &Request, pair: Pair, h: &ExpertHistory) -> f64 {
    if r.preferred_expert == Some(pair.expert as usize) {
        1.0
    } else if h.orgs.binary_search(&r.org).is_ok() {
        0.5
    } else {
        0.0
    }
}

fn recent_load(load_budget: u32, h: &ExpertHistory) -> f64 {
    if load_budget == 0 {
        0.0
    } else {
        (1.0 - h.decayed_load / load_budget as f64).clamp(0.0, 1.0)
    }
}

fn fair_spread(h: &ExpertHistory) -> f64 {
    1.0 / (1.0 + h.decayed_count)
}

fn role_experience(h: &ExpertHistory, role: Role) -> f64 {
    (h.role_counts[role.index()] as f64 / 3.0).min(1.0)
}

fn age_proximity(inst: &Instance, policy: &Policy, r: &Request, birth_year: Option<i32>) -> f64 {
    match (r.role, r.client_age, birth_year) {
        (Role::Buddy, Some(age), Some(by)) => {
            let gap = (age_in_week(by, inst) - age as i32).unsigned_abs() as f64;
            let max = policy.rules.buddy_max_age_gap.max(1) as f64;
            (1.0 - gap / max).clamp(0.0, 1.0)
        }
        _ => 0.5,
    }
}

/// The solver units of the policy's objective resolution (at least 1).
fn resolution_units(policy: &Policy) -> i64 {
    to_units(policy.objective.resolution).max(1)
}

/// The scored pair from its parts: the score, and the value of the seat's points plus the
/// score plus the waiting advantage (`(seat, waiting)` in points), rounded to `step` units.
fn finish(
    policy: &Policy,
    pair: Pair,
    dist: Option<f64>,
    parts: Parts,
    (seat_value, waiting): (f64, f64),
    step: i64,
) -> Scored {
    let score = parts.score(policy);
    Scored {
        pair,
        distance_km: dist,
        parts,
        score,
        waiting,
        value: round_to(to_units(seat_value + score + waiting), step),
    }
}

/// What a score reads of one expert, computed once.
struct ExpertKey<'a> {
    max_travel_km: f64,
    recent_load: f64,
    fair_spread: f64,
    waiting: f64,
    role_experience: [f64; 4],
    birth_year: Option<i32>,
    /// The themes with an id below 64, as bits.
    themes: u64,
    /// The expert's themes (ids, sorted).
    all_themes: &'a [u32],
    /// The history's organisations (sorted).
    orgs: &'a [u32],
}

/// What a score reads of one request, computed once.
struct RequestKey {
    seat_value: f64,
    /// The themes as bits, when every id is below 64.
    themes: Option<u64>,
    /// Where it happens, prepared for distances (none online or without a place).
    here: Option<PreparedPoint>,
}

/// Scores the pairs of one batch: the same [`Scored`] as [`score_pair`], bit for bit, with
/// what it reads of each expert and request (the parts that depend on one side only, theme
/// sets as bits, the prepared places of [`distance_km`]) computed once.
pub struct Scorer<'a> {
    inst: &'a Instance,
    policy: &'a Policy,
    experts: Vec<ExpertKey<'a>>,
    homes: Vec<PreparedPoint>,
    requests: Vec<RequestKey>,
    step: i64,
}

impl<'a> Scorer<'a> {
    /// The scorer of `inst` under `policy`, with the history summary `hist`
    /// ([`history_stats`]).
    pub fn new(inst: &'a Instance, policy: &'a Policy, hist: &'a [ExpertHistory]) -> Self {
        let bits = |themes: &[u32]| {
            themes
                .iter()
                .filter(|&&t| t < 64)
                .fold(0u64, |m, &t| m | 1 << t)
        };
        let experts = inst
            .experts
            .iter()
            .zip(hist)
            .map(|(e, h)| ExpertKey {
                max_travel_km: e.max_travel_km,
                recent_load: recent_load(e.load_budget, h),
                fair_spread: fair_spread(h),
                waiting: waiting_points(policy, h),
                role_experience: Role::ALL.map(|role| role_experience(h, role)),
                birth_year: e.birth_year,
                themes: bits(&e.themes),
                all_themes: &e.themes,
                orgs: &h.orgs,
            })
            .collect();
        let requests = inst
            .requests
            .iter()
            .map(|r| RequestKey {
                seat_value: policy.seat_value(r.priority),
                themes: r.themes.iter().all(|&t| t < 64).then(|| bits(&r.themes)),
                here: (!r.online)
                    .then_some(r.location)
                    .flatten()
                    .map(LatLon::prepared),
            })
            .collect();
        Scorer {
            inst,
            policy,
            experts,
            homes: inst.experts.iter().map(|e| e.location.prepared()).collect(),
            requests,
            step: resolution_units(policy),
        }
    }

    /// [`score_pair`] of `pair`.
    pub fn score(&self, pair: Pair) -> Scored {
        let rk = &self.requests[pair.request as usize];
        let dist = rk
            .here
            .map(|h| h.distance_km(self.homes[pair.expert as usize]));
        self.score_at(pair, dist)
    }

    /// [`score_pair`] of `pair`, whose distance `dist` is known: it must be
    /// [`distance_km`]`(request, expert)`, as [`candidates_with_distance`] gives it.
    pub fn score_at(&self, pair: Pair, dist: Option<f64>) -> Scored {
        let r = &self.inst.requests[pair.request as usize];
        let rk = &self.requests[pair.request as usize];
        let ek = &self.experts[pair.expert as usize];
        let shared = match rk.themes {
            // Theme ids are unique: the shared ones are the common bits (an expert's themes
            // from 64 up cannot be among the request's).
            Some(bits) => (bits & ek.themes).count_ones() as usize,
            None => r
                .themes
                .iter()
                .filter(|t| ek.all_themes.binary_search(t).is_ok())
                .count(),
        };
        let continuity = if r.preferred_expert == Some(pair.expert as usize) {
            1.0
        } else if ek.orgs.binary_search(&r.org).is_ok() {
            0.5
        } else {
            0.0
        };
        let parts = Parts {
            theme_fit: theme_fit(shared, r.themes.len()),
            distance: distance_part(dist, ek.max_travel_km),
            continuity,
            recent_load: ek.recent_load,
            fair_spread: ek.fair_spread,
            role_experience: ek.role_experience[r.role.index()],
            age_proximity: age_proximity(self.inst, self.policy, r, ek.birth_year),
        };
        finish(
            self.policy,
            pair,
            dist,
            parts,
            (rk.seat_value, ek.waiting),
            self.step,
        )
    }
}

/// Scores all pairs, in parallel, in the order given.
pub fn score_pairs(inst: &Instance, policy: &Policy, pairs: &[Pair]) -> Vec<Scored> {
    let hist = history_stats(inst, policy);
    let scorer = Scorer::new(inst, policy, &hist);
    pairs.par_iter().map(|&p| scorer.score(p)).collect()
}

/// The distance of an eligible pair as [`candidates_with_distance`] gives it (NaN online), as
/// [`distance_km`] does: none for an online request.
fn known_distance(inst: &Instance, pair: Pair, km: f64) -> Option<f64> {
    (!inst.requests[pair.request as usize].online).then_some(km)
}

/// [`score_pairs`] of the pairs and distances of [`candidates_with_distance`]: the same scores,
/// without computing a distance again.
pub fn score_pairs_at(scorer: &Scorer, pairs: &[Pair], dist: &[f64]) -> Vec<Scored> {
    assert_eq!(pairs.len(), dist.len(), "a distance per pair");
    pairs
        .par_iter()
        .zip(dist)
        .map(|(&p, &km)| scorer.score_at(p, known_distance(scorer.inst, p, km)))
        .collect()
}

/// Only the [`Scored::value`] of each pair of [`score_pairs_at`] (8 bytes a pair instead of a
/// whole [`Scored`]), for the solver.
pub fn values_at(scorer: &Scorer, pairs: &[Pair], dist: &[f64]) -> Vec<i64> {
    assert_eq!(pairs.len(), dist.len(), "a distance per pair");
    pairs
        .par_iter()
        .zip(dist)
        .map(|(&p, &km)| scorer.score_at(p, known_distance(scorer.inst, p, km)).value)
        .collect()
}
