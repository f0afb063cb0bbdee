//! Teams and trajectories in the rolling simulation (issue 24): requests drawn as teams of two
//! (`experienced_min = 1`) or as buddy trajectories at the settings' rates, newcomers counted as
//! new experts from the week they join, each trajectory's later meetings carried into their
//! weeks as pins, and the two measures: new experts deployed alone (must be 0) and trajectory
//! meetings that kept their expert.
//!
//! Why apart from `simulate`: the simulation's loop stays the same; this only changes a week's
//! batch before it is solved and reads its result after.

use crate::batch::BatchResult;
use crate::model::{Instance, Request, Trajectory, Week};
use crate::solve::Standing;
use std::collections::BTreeMap;

/// A later meeting of a trajectory, by names, so that it can be put into its week's batch.
#[derive(Clone, Debug)]
pub struct Reserved {
    /// The meeting's week.
    pub week: Week,
    /// The expert's id.
    pub expert: String,
    /// The meeting as a request (its own id `R-m2`, one seat), with the names its interned
    /// fields had: organisation, themes, language.
    pub request: Request,
    org: String,
    themes: Vec<String>,
    language: String,
    /// Meetings still to come, this one included.
    pub meetings: u32,
    every_weeks: u32,
}

/// A number from 0 to 1 drawn from `(seed, week, id, what)`: the same whatever was drawn
/// before, so every contender sees the same requests.
fn draw(seed: u64, week: Week, id: &str, what: &str) -> f64 {
    use std::hash::{Hash, Hasher};
    let mut h = std::collections::hash_map::DefaultHasher::new();
    (seed, week.to_string(), id, what).hash(&mut h);
    (h.finish() >> 11) as f64 / (1u64 << 53) as f64
}

/// Makes some of `inst`'s requests teams and trajectories at the rates (see the module docs),
/// marks as new the experts first seen in `first_seen` at or after the start (the newcomers:
/// `first_seen` maps an expert id to the week they joined) and adds the reservations of this
/// week as requests pinned to their expert; returns how many were added (the last requests).
/// O(requests + experts + reservations).
pub fn prepare(
    inst: &mut Instance,
    seed: u64,
    team_rate: f64,
    trajectory_rate: f64,
    newcomers: &BTreeMap<String, Week>,
    reserved: &[Reserved],
) -> usize {
    let Some(week) = inst.week else { return 0 };
    let mut added = 0;
    for (r, q) in inst.requests.iter_mut().enumerate() {
        if !q.pinned.is_empty() {
            continue;
        }
        if draw(seed, week, &q.id, "team") < team_rate {
            q.experts_needed = q.experts_needed.max(2);
            inst.teams.experienced_min.insert(r, 1);
        } else if q.role == crate::model::Role::Buddy
            && q.experts_needed == 1
            && draw(seed, week, &q.id, "trajectory") < trajectory_rate
        {
            let meetings = 2 + (draw(seed, week, &q.id, "meetings") * 4.0) as u32;
            inst.teams.trajectories.insert(
                r,
                Trajectory {
                    meetings: meetings.min(5),
                    every_weeks: 1,
                },
            );
        }
    }
    for (e, x) in inst.experts.iter().enumerate() {
        if let Some(&w) = newcomers.get(&x.id) {
            inst.teams.certified_on.insert(e, w);
        }
    }
    for m in reserved.iter().filter(|m| m.week == week) {
        let Some(ei) = inst.experts.iter().position(|e| e.id == m.expert) else {
            continue;
        };
        let mut r = m.request.clone();
        r.row = inst.requests.len();
        r.org = inst.orgs.intern(&m.org);
        r.themes = m.themes.iter().map(|t| inst.themes.intern(t)).collect();
        r.themes.sort_unstable();
        r.themes.dedup();
        r.language = inst.languages.intern(&m.language);
        r.pinned = vec![ei];
        r.preferred_expert = None;
        if m.meetings > 1 {
            inst.teams.trajectories.insert(
                inst.requests.len(),
                Trajectory {
                    meetings: m.meetings,
                    every_weeks: m.every_weeks,
                },
            );
        }
        inst.requests.push(r);
        added += 1;
    }
    added
}

/// What a week's batch did with the teams and trajectories.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Deployed {
    /// New experts on a request without an experienced expert (proposals; must be 0).
    pub new_alone: u32,
    /// New experts proposed beside an experienced one.
    pub new_in_team: u32,
    /// Trajectories whose first meeting was kept this week.
    pub trajectories_started: u32,
    /// Reserved meetings of this week that kept their expert (the pin kept).
    pub meetings_kept: u32,
    /// Reserved meetings of this week that lost their expert (left the pool, on leave, or the
    /// pin refused).
    pub meetings_lost: u32,
}

/// Reads `res` (the batch of `inst` after [`prepare`]; `kept` = the assignments not declined):
/// the measures, and the reservations of the trajectories started this week. O(assignments ×
/// meetings).
pub fn record(
    inst: &Instance,
    res: &BatchResult,
    kept: &[(usize, usize)],
    reserved_here: usize,
) -> (Deployed, Vec<Reserved>) {
    let mut d = Deployed::default();
    let mut by_request: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
    for a in &res.assignments {
        by_request.entry(a.request).or_default().push(a.expert);
    }
    for members in by_request.values() {
        let standing = |e: usize| res.teams.standing.get(e).copied().unwrap_or_default();
        let experienced = members
            .iter()
            .any(|&e| standing(e) == Standing::Experienced);
        for _ in members.iter().filter(|&&e| standing(e) == Standing::New) {
            if experienced {
                d.new_in_team += 1;
            } else {
                d.new_alone += 1;
            }
        }
    }
    let first_reserved = inst.requests.len() - reserved_here;
    for ri in first_reserved..inst.requests.len() {
        if res.assignments.iter().any(|a| a.request == ri && a.pinned) {
            d.meetings_kept += 1;
        } else {
            d.meetings_lost += 1;
        }
    }
    let week = inst.week.expect("a batch has a week");
    let mut out = Vec::new();
    for &(ri, ei) in kept {
        let (Some(t), true) = (inst.teams.trajectories.get(&ri), ri < first_reserved) else {
            continue;
        };
        d.trajectories_started += 1;
        let q = &inst.requests[ri];
        for (k, w) in t.later_weeks(week).into_iter().enumerate() {
            let k = k as u32 + 2;
            let mut request = q.clone();
            request.id = format!("{}-m{k}", q.id);
            request.experts_needed = 1;
            out.push(Reserved {
                week: w,
                expert: inst.experts[ei].id.clone(),
                request,
                org: inst.orgs.name(q.org).to_string(),
                themes: q
                    .themes
                    .iter()
                    .map(|&t| inst.themes.name(t).to_string())
                    .collect(),
                language: inst.languages.name(q.language).to_string(),
                meetings: t.meetings - k + 1,
                every_weeks: t.every_weeks,
            });
        }
    }
    (d, out)
}
