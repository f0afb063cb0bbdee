//! The soft score of an eligible pair, from the policy's named parts.
//!
//! Each part is a number from 0 to 1 that a coordinator can read in `assignments.csv`; the score
//! is their weighted sum in points, and the value the solver maximises for a pair is the seat's
//! value (by priority) plus that score. Values are turned into integer milli-points
//! ([`SCALE`]) once, here, so that the solver compares integers: its optimum is exact and does not
//! depend on floating-point summation order or thread count.

use crate::eligibility::{age_in_week, distance_km, Pair};
use crate::model::{Instance, Role};
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
    /// Column names, in output order.
    pub const NAMES: [&'static str; 7] = [
        "theme_fit",
        "distance",
        "continuity",
        "recent_load",
        "fair_spread",
        "role_experience",
        "age_proximity",
    ];

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
}

/// Summarises the history per expert, relative to the batch's week.
pub fn history_stats(inst: &Instance, policy: &Policy) -> Vec<ExpertHistory> {
    let mut out = vec![ExpertHistory::default(); inst.experts.len()];
    let Some(week) = inst.week else { return out };
    for h in &inst.history {
        let back = week.weeks_since(h.week);
        // A declined proposal did not take place: no load, count or continuity.
        if back < 1 || h.declined {
            continue;
        }
        let s = &mut out[h.expert];
        s.orgs.push(h.org);
        s.role_counts[h.role.index()] += 1;
        if back <= policy.history.window_weeks as i64 {
            let w = policy.history.decay.powi(back as i32 - 1);
            s.decayed_load += w * h.intensity as f64;
            s.decayed_count += w;
        }
    }
    for s in &mut out {
        s.orgs.sort_unstable();
        s.orgs.dedup();
    }
    out
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
    /// Seat value + score, in solver units.
    pub value: i64,
}

/// Scores one pair.
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
    let distance = match dist {
        None => 1.0,
        Some(d) if e.max_travel_km > 0.0 => (1.0 - d / e.max_travel_km).clamp(0.0, 1.0),
        Some(_) => 1.0,
    };
    let continuity = if r.preferred_expert == Some(pair.expert as usize) {
        1.0
    } else if h.orgs.binary_search(&r.org).is_ok() {
        0.5
    } else {
        0.0
    };
    let recent_load = if e.load_budget == 0 {
        0.0
    } else {
        (1.0 - h.decayed_load / e.load_budget as f64).clamp(0.0, 1.0)
    };
    let age_proximity = match (r.role, r.client_age, e.birth_year) {
        (Role::Buddy, Some(age), Some(by)) => {
            let gap = (age_in_week(by, inst) - age as i32).unsigned_abs() as f64;
            let max = policy.rules.buddy_max_age_gap.max(1) as f64;
            (1.0 - gap / max).clamp(0.0, 1.0)
        }
        _ => 0.5,
    };
    let parts = Parts {
        theme_fit: shared as f64 / r.themes.len().max(1) as f64,
        distance,
        continuity,
        recent_load,
        fair_spread: 1.0 / (1.0 + h.decayed_count),
        role_experience: (h.role_counts[r.role.index()] as f64 / 3.0).min(1.0),
        age_proximity,
    };
    let score = parts.score(policy);
    Scored {
        pair,
        distance_km: dist,
        parts,
        score,
        value: round_to(
            to_units(policy.seat_value(r.priority) + score),
            to_units(policy.objective.resolution).max(1),
        ),
    }
}

/// Scores all pairs, in parallel, in the order given.
pub fn score_pairs(inst: &Instance, policy: &Policy, pairs: &[Pair]) -> Vec<Scored> {
    let hist = history_stats(inst, policy);
    pairs
        .par_iter()
        .map(|&p| score_pair(inst, policy, &hist, p))
        .collect()
}
