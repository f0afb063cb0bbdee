//! The rolling simulation: many weeks of batches, where each week's assignments become the
//! history the next week's scoring sees.
//!
//! One week of one contender (a policy with a [`Strategy`]):
//!
//! 1. **The week's batch** is read as a coordinator's would be: the roster's experts file and
//!    the week's requests file through [`ingest::load`] with the contender's policy, then the
//!    experts who joined so far are added (each a copy of a roster expert's profile with a new
//!    id and no history), and the experts away this week (left, not yet joined, a week off) are
//!    set inactive, so rule 1 keeps them out.
//! 2. **History** is the starting history plus every assignment the contender's earlier weeks
//!    kept. So recent load decays week by week (the policy's `history.decay`) and continuity and
//!    role experience build up.
//! 3. **The batch** runs with the contender's strategy ([`batch::run_with`]).
//! 4. **Declines:** an assignment that is not a pin is declined by the expert with probability
//!    `decline_rate`; the seat stays open and the pair does not enter history. Whether a pair is
//!    declined is a hash of (seed, week, request id, expert id), so every contender that
//!    proposes the same pair in the same week meets the same answer.
//! 5. **Records:** the week's [`Metrics`] (after declines), the starvation count and the kept
//!    assignments.
//!
//! Every contender sees the same weeks (requests, roster, away lists); the inputs are made by
//! the caller (the `matchpunt-sim` crate draws them from the generator, or replays files).
//! Contenders run in parallel, each week after week; the result does not depend on the thread
//! count.
//!
//! **Starvation:** an expert is *eligible* in a week when they have at least one eligible pair
//! (rules 1-8) in that week's batch that fits their weekly limits (intensity within their
//! weekly load budget, at least one assignment a week): a seat heavier than the budget is no
//! chance of a seat. Their idle streak counts the eligible weeks since they were
//! last proposed an assignment (weeks they are not eligible neither count nor reset it). An
//! expert is *starved* in a week when the streak reaches [`Settings::starvation_weeks`] (4).

use crate::analysis::metrics::{self, Metrics};
use crate::batch::strategy::Strategy;
use crate::batch::{self, BatchResult};
use crate::ingest::{self, InputErrors, Inputs, Source, WeekChoice};
use crate::model::places::Places;
use crate::model::{HistoryRow, Instance, Role, Week};
use crate::policy::Policy;
use crate::solve::SolveOptions;
use std::collections::HashMap;

/// An expert who joins during the simulation.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Joiner {
    /// The new expert's id.
    pub id: String,
    /// Index (data row) in the roster's experts file of the expert whose profile (roles,
    /// themes, place, availability, limits) the newcomer has.
    pub profile: usize,
}

/// The pool of experts: the experts file and the experts who join later, in joining order.
#[derive(Clone, Debug, Default)]
pub struct Roster {
    /// Name of the experts file, for messages.
    pub experts_name: String,
    /// The experts file's bytes.
    pub experts: Vec<u8>,
    /// Everyone who joins during the simulation, in joining order.
    pub joiners: Vec<Joiner>,
}

/// The inputs of one simulated week.
#[derive(Clone, Debug)]
pub struct WeekInput {
    /// The batch's week.
    pub week: Week,
    /// Name of the requests file, for messages.
    pub requests_name: String,
    /// The requests file's bytes.
    pub requests: Vec<u8>,
    /// How many of [`Roster::joiners`] have joined by this week.
    pub joined: usize,
    /// Experts (indexes: the experts file's rows, then the joiners) not working this week.
    pub away: Vec<usize>,
}

/// One past assignment, by names, so that it can be carried from one week's batch to the next.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PastRow {
    /// Its week.
    pub week: Week,
    /// Expert id.
    pub expert: String,
    /// Organisation name.
    pub org: String,
    /// Role.
    pub role: Role,
    /// Wellbeing load.
    pub intensity: u32,
    /// Whether the seat had a heavy theme (the policy's `heavy_themes`): the heavy-theme pause
    /// of the following weeks sees it.
    pub heavy: bool,
}

/// A policy under simulation, with the strategy that chooses its assignments.
#[derive(Clone, Debug)]
pub struct Contender {
    /// Name in tables and charts (unique).
    pub name: String,
    /// The policy (hard-rule settings, scoring, objective).
    pub policy: Policy,
    /// How assignments are chosen.
    pub strategy: Strategy,
}

/// Settings of a simulation.
#[derive(Clone, Debug)]
pub struct Settings {
    /// Seed of the declines.
    pub seed: u64,
    /// Chance that an expert declines a proposed assignment (not a pin), 0 to 1.
    pub decline_rate: f64,
    /// Eligible weeks without a proposal after which an expert counts as starved.
    pub starvation_weeks: u32,
    /// Solver options for every batch (use a node limit rather than a time limit for results
    /// that do not depend on the machine).
    pub solve: SolveOptions,
    /// Share of the requests drawn as teams of two with `experienced_min = 1` (issue 24), 0 to
    /// 1; newcomers count as new experts from the week they join. See [`super::deploy`].
    pub team_rate: f64,
    /// Share of the one-seat buddy requests drawn as trajectories of 2 to 5 weekly meetings,
    /// whose later meetings are pins of their weeks, 0 to 1.
    pub trajectory_rate: f64,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            seed: 1,
            decline_rate: 0.05,
            starvation_weeks: 4,
            solve: SolveOptions {
                time_limit: None,
                node_limit: 200,
                ..SolveOptions::default()
            },
            team_rate: 0.0,
            trajectory_rate: 0.0,
        }
    }
}

/// One kept or declined assignment of a simulated week.
#[derive(Clone, Debug, PartialEq)]
pub struct AssignmentRow {
    /// Request id.
    pub request: String,
    /// Expert id.
    pub expert: String,
    /// Organisation.
    pub org: String,
    /// Role.
    pub role: Role,
    /// Slot (`wed-pm`), empty when flexible.
    pub slot: String,
    /// Wellbeing load.
    pub intensity: u32,
    /// The pair's score in points.
    pub score: f64,
    /// Set by a coordinator's pin.
    pub pinned: bool,
    /// Declined by the expert (the seat stayed open).
    pub declined: bool,
}

/// What one contender's week came to.
#[derive(Clone, Debug)]
pub struct WeekRecord {
    /// The week.
    pub week: Week,
    /// Metrics after declines.
    pub metrics: Metrics,
    /// Proposed assignments declined.
    pub declined: u32,
    /// Experts with at least one eligible pair within their weekly limits.
    pub eligible_experts: u32,
    /// Experts starved this week (idle streak at or above the limit).
    pub starved: u32,
    /// p90 of the load in intensity points over the experts with an assignment this week
    /// (after declines); 0 without any.
    pub load_points_p90: f64,
    /// Highest load in intensity points of one expert this week.
    pub load_points_max: f64,
    /// Whether the batch's optimum was proven (always false for a reference strategy).
    pub proven: bool,
    /// Proposed assignments, declined ones marked.
    pub assignments: Vec<AssignmentRow>,
    /// Teams and trajectories (issue 24).
    pub deployed: super::deploy::Deployed,
}

/// The whole run of one contender, summed up.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Summary {
    /// Seats asked over all weeks.
    pub seats_asked: u64,
    /// Seats filled (after declines) over all weeks.
    pub seats_filled: u64,
    /// `seats_filled / seats_asked`.
    pub fill_rate: f64,
    /// Mean score of the filled seats.
    pub mean_score: f64,
    /// p90 of the load share over every (week, expert with an assignment).
    pub load_share_p90: f64,
    /// Highest load share in any week.
    pub load_share_max: f64,
    /// Share of the (week, expert with an assignment) pairs at their full load budget.
    pub at_full_budget: f64,
    /// Experts starved in at least one week.
    pub starved_experts: u32,
    /// Mean number of starved experts per week.
    pub starved_per_week: f64,
    /// Share of the seats held by the top 10% of experts (of those eligible in some week, at
    /// least one expert), ranked by seats held over the run.
    pub top10_share: f64,
    /// Share of the filled seats with continuity.
    pub continuity_rate: f64,
    /// Declined proposals over all weeks.
    pub declined: u64,
    /// Urgent seats (priority 3) filled over those asked, over all weeks.
    pub urgent_fill_rate: f64,
    /// Experts at their full weekly load budget (load ≥ `load_budget`, after declines) in
    /// [`FULL_STREAK_WEEKS`] weeks in a row, at any time.
    pub full_budget_streaks: u32,
    /// p90 of the load in intensity points over every (week, expert with an assignment): an
    /// absolute measure next to the share of the budget.
    pub load_points_p90: f64,
    /// Highest load in intensity points of one expert in one week.
    pub load_points_max: f64,
    /// Experts eligible for some request in some week (the pool the shares are of).
    pub eligible_experts: u32,
    /// New experts proposed on a request without an experienced expert, over all weeks (the
    /// team rules make it 0).
    pub new_alone: u64,
    /// New experts proposed beside an experienced one, over all weeks.
    pub new_in_team: u64,
    /// Trajectories started (first meeting kept) over all weeks.
    pub trajectories_started: u64,
    /// Later meetings of trajectories that kept their expert, and those that lost them.
    pub meetings_kept: u64,
    /// See [`Summary::meetings_kept`].
    pub meetings_lost: u64,
}

/// Weeks in a row at the full weekly budget that [`Summary::full_budget_streaks`] counts.
pub const FULL_STREAK_WEEKS: u32 = 3;

/// One contender's simulation.
#[derive(Clone, Debug)]
pub struct ContenderRun {
    /// The contender's name.
    pub name: String,
    /// Week by week.
    pub weeks: Vec<WeekRecord>,
    /// Over the run.
    pub summary: Summary,
}

/// The history of `inst` as [`PastRow`]s (by expert id and organisation name).
pub fn past_rows(inst: &Instance) -> Vec<PastRow> {
    inst.history
        .iter()
        .map(|h| PastRow {
            week: h.week,
            expert: inst.experts[h.expert].id.clone(),
            org: inst.orgs.name(h.org).to_string(),
            role: h.role,
            intensity: h.intensity,
            heavy: h.heavy,
        })
        .collect()
}

/// Whether the expert declines the proposal: a hash of (seed, week, request, expert) below
/// `rate`.
pub fn declines(seed: u64, week: Week, request: &str, expert: &str, rate: f64) -> bool {
    if rate <= 0.0 {
        return false;
    }
    let mut h: u64 = 0xcbf2_9ce4_8422_2325 ^ seed;
    let week_bytes = [(week.year as u32).to_le_bytes(), week.week.to_le_bytes()];
    for b in week_bytes
        .iter()
        .flatten()
        .chain(request.as_bytes())
        .chain([0xff].iter())
        .chain(expert.as_bytes())
    {
        h ^= *b as u64;
        h = h.wrapping_mul(0x0000_0100_0000_01b3);
    }
    // splitmix64 finaliser, then the top 53 bits as a fraction.
    h = (h ^ (h >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    h = (h ^ (h >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    h ^= h >> 31;
    ((h >> 11) as f64 / (1u64 << 53) as f64) < rate
}

/// Reads one week's batch for `policy`: the roster's experts and the week's requests, the
/// joiners so far added, the experts away set inactive. No history yet ([`attach_history`]).
///
/// # Errors
///
/// The input errors of the experts or requests file.
pub fn load_week(
    roster: &Roster,
    week: &WeekInput,
    policy: &Policy,
    places: &Places,
) -> Result<Instance, InputErrors> {
    let inputs = Inputs {
        experts: Source::new(roster.experts_name.clone(), &roster.experts[..]),
        requests: Source::new(week.requests_name.clone(), &week.requests[..]),
        history: None,
    };
    let choice = WeekChoice {
        given: Some(week.week),
        fallback: week.week,
    };
    let mut inst = ingest::load(inputs, places, policy, choice)?.instance;
    let base = inst.experts.len();
    for j in &roster.joiners[..week.joined.min(roster.joiners.len())] {
        let Some(profile) = inst.experts.get(j.profile.min(base.saturating_sub(1))) else {
            break;
        };
        let mut e = profile.clone();
        e.row = inst.experts.len();
        e.id = j.id.clone();
        e.name = format!("new ({})", j.id);
        // A newcomer has not been on leave; they are away only when the week says so.
        e.active = true;
        inst.experts.push(e);
    }
    for &i in &week.away {
        if let Some(e) = inst.experts.get_mut(i) {
            e.active = false;
        }
    }
    Ok(inst)
}

/// Sets `inst`'s history to `past` (rows of experts not in `inst` are left out).
pub fn attach_history(inst: &mut Instance, past: &[PastRow]) {
    let ids: HashMap<&str, usize> = inst
        .experts
        .iter()
        .enumerate()
        .map(|(i, e)| (e.id.as_str(), i))
        .collect();
    let mut rows = Vec::with_capacity(past.len());
    for p in past {
        let Some(&expert) = ids.get(p.expert.as_str()) else {
            continue;
        };
        rows.push(history_row(
            p.week,
            expert,
            inst.orgs.intern(&p.org),
            p.role,
            p.intensity,
            p.heavy,
        ));
    }
    inst.history = rows;
}

fn history_row(
    week: Week,
    expert: usize,
    org: u32,
    role: Role,
    intensity: u32,
    heavy: bool,
) -> HistoryRow {
    HistoryRow {
        week,
        expert,
        org,
        role,
        intensity,
        heavy,
        declined: false,
    }
}

/// The rolling state of one contender.
#[derive(Clone, Debug)]
pub struct Rolling {
    /// The history the next week sees.
    pub history: Vec<PastRow>,
    /// Per expert index: eligible weeks since the last proposal.
    idle: Vec<u32>,
    /// Per expert index: ever starved.
    starved_ever: Vec<bool>,
    /// Per expert index: weeks in a row at the full weekly budget, and ever [`FULL_STREAK_WEEKS`].
    full_streak: Vec<u32>,
    streak_ever: Vec<bool>,
    /// Load in points of every (week, expert with an assignment).
    points: Vec<f64>,
    /// Per expert index: ever eligible.
    eligible_ever: Vec<bool>,
    /// Trajectories' later meetings still to come (issue 24).
    reserved: Vec<super::deploy::Reserved>,
    /// Newcomers by id, with the week they joined.
    newcomers: std::collections::BTreeMap<String, Week>,
    /// Per expert index: seats kept over the run.
    seats: Vec<u32>,
    /// Every (week, used expert) load share.
    shares: Vec<f64>,
}

impl Rolling {
    /// The state before the first week, with the starting history.
    pub fn new(history: Vec<PastRow>) -> Self {
        Rolling {
            history,
            idle: Vec::new(),
            full_streak: Vec::new(),
            streak_ever: Vec::new(),
            points: Vec::new(),
            starved_ever: Vec::new(),
            eligible_ever: Vec::new(),
            reserved: Vec::new(),
            newcomers: Default::default(),
            seats: Vec::new(),
            shares: Vec::new(),
        }
    }

    /// The week's batch for `policy` with this contender's history attached.
    ///
    /// # Errors
    ///
    /// As [`load_week`].
    pub fn week_instance(
        &self,
        roster: &Roster,
        week: &WeekInput,
        policy: &Policy,
        places: &Places,
    ) -> Result<Instance, InputErrors> {
        let mut inst = load_week(roster, week, policy, places)?;
        attach_history(&mut inst, &self.history);
        // The rules over weeks (rolling budget, heavy-theme pause) from the attached history,
        // as ingest applies them to a history file.
        crate::ingest::apply_history_rules(&mut inst, policy);
        Ok(inst)
    }

    /// Runs one week for `contender` and carries its kept assignments into the history.
    ///
    /// # Errors
    ///
    /// As [`load_week`].
    pub fn step(
        &mut self,
        roster: &Roster,
        week: &WeekInput,
        contender: &Contender,
        settings: &Settings,
        places: &Places,
    ) -> Result<WeekRecord, InputErrors> {
        let mut inst = self.week_instance(roster, week, &contender.policy, places)?;
        let deploy = settings.team_rate > 0.0 || settings.trajectory_rate > 0.0;
        let mut added = 0;
        if deploy {
            for j in &roster.joiners[..week.joined.min(roster.joiners.len())] {
                self.newcomers.entry(j.id.clone()).or_insert(week.week);
            }
            added = super::deploy::prepare(
                &mut inst,
                settings.seed,
                settings.team_rate,
                settings.trajectory_rate,
                &self.newcomers,
                &self.reserved,
            );
        }
        let res = batch::run_with(
            &inst,
            &contender.policy,
            &settings.solve,
            contender.strategy,
        );
        let mut deployed = super::deploy::Deployed::default();
        if deploy {
            let kept: Vec<(usize, usize)> = res
                .assignments
                .iter()
                .filter(|a| {
                    let (r, e) = (&inst.requests[a.request], &inst.experts[a.expert]);
                    a.pinned
                        || !declines(
                            settings.seed,
                            week.week,
                            &r.id,
                            &e.id,
                            settings.decline_rate,
                        )
                })
                .map(|a| (a.request, a.expert))
                .collect();
            let (d, later) = super::deploy::record(&inst, &res, &kept, added);
            deployed = d;
            self.reserved.retain(|m| m.week > week.week);
            self.reserved.extend(later);
        }
        let mut rec = self.record(&inst, &contender.policy, res, settings, places);
        rec.deployed = deployed;
        Ok(rec)
    }

    fn record(
        &mut self,
        inst: &Instance,
        policy: &Policy,
        mut res: BatchResult,
        settings: &Settings,
        places: &Places,
    ) -> WeekRecord {
        let week = inst.week.expect("a loaded batch has a week");
        let n = inst.experts.len();
        for v in [&mut self.idle, &mut self.seats, &mut self.full_streak] {
            v.resize(n.max(v.len()), 0);
        }
        for v in [
            &mut self.starved_ever,
            &mut self.eligible_ever,
            &mut self.streak_ever,
        ] {
            v.resize(n.max(v.len()), false);
        }
        // A pair the expert could take in a week of their own: within their weekly load budget
        // and most assignments (a seat of intensity 3 is no chance for a weekly budget of 2).
        let mut eligible = vec![false; n];
        for s in &res.scored {
            let (e, r) = (
                &inst.experts[s.pair.expert as usize],
                &inst.requests[s.pair.request as usize],
            );
            if r.intensity <= e.load_budget && e.max_assignments > 0 {
                eligible[s.pair.expert as usize] = true;
            }
        }
        let mut proposed = vec![false; n];
        let mut rows = Vec::with_capacity(res.assignments.len());
        let mut declined = 0;
        res.assignments.retain(|a| {
            proposed[a.expert] = true;
            let (r, e) = (&inst.requests[a.request], &inst.experts[a.expert]);
            let no =
                !a.pinned && declines(settings.seed, week, &r.id, &e.id, settings.decline_rate);
            declined += u32::from(no);
            rows.push(AssignmentRow {
                request: r.id.clone(),
                expert: e.id.clone(),
                org: inst.orgs.name(r.org).to_string(),
                role: r.role,
                slot: r.slot.map(|s| s.to_string()).unwrap_or_default(),
                intensity: r.intensity,
                score: res.scored[a.scored].score,
                pinned: a.pinned,
                declined: no,
            });
            !no
        });
        let provinces = metrics::request_provinces(inst, places);
        let metrics = metrics::compute(inst, policy, &res, &provinces);

        let mut load = vec![0u32; n];
        for a in &res.assignments {
            let r = &inst.requests[a.request];
            load[a.expert] += r.intensity;
            self.seats[a.expert] += 1;
            self.history.push(PastRow {
                week,
                expert: inst.experts[a.expert].id.clone(),
                org: inst.orgs.name(r.org).to_string(),
                role: r.role,
                intensity: r.intensity,
                heavy: r.heavy,
            });
        }
        let mut used = vec![false; n];
        for a in &res.assignments {
            used[a.expert] = true;
        }
        for e in 0..n {
            let budget = inst.experts[e].load_budget;
            let full = used[e] && load[e] >= budget;
            self.full_streak[e] = if full { self.full_streak[e] + 1 } else { 0 };
            self.streak_ever[e] |= self.full_streak[e] >= FULL_STREAK_WEEKS;
        }
        let mut week_points: Vec<f64> = (0..n)
            .filter(|&e| used[e])
            .map(|e| f64::from(load[e]))
            .collect();
        let load_points_max = week_points.iter().copied().fold(0.0, f64::max);
        let load_points_p90 = metrics::percentile(&mut week_points, 90.0);
        for e in (0..n).filter(|&e| used[e]) {
            self.points.push(f64::from(load[e]));
            let budget = inst.experts[e].load_budget;
            self.shares.push(if budget == 0 {
                0.0
            } else {
                load[e] as f64 / budget as f64
            });
        }
        let mut starved = 0;
        for e in 0..n {
            if proposed[e] {
                self.idle[e] = 0;
            } else if eligible[e] {
                self.idle[e] += 1;
            }
            self.eligible_ever[e] |= eligible[e];
            if self.idle[e] >= settings.starvation_weeks {
                starved += 1;
                self.starved_ever[e] = true;
            }
        }
        WeekRecord {
            week,
            metrics,
            declined,
            eligible_experts: eligible.iter().filter(|&&x| x).count() as u32,
            starved,
            load_points_p90,
            load_points_max,
            proven: res.proven,
            assignments: rows,
            deployed: Default::default(),
        }
    }

    /// The run summed up, from its weekly records.
    pub fn summary(&self, weeks: &[WeekRecord]) -> Summary {
        let mut s = Summary::default();
        let (mut score, mut continuity) = (0.0, 0.0);
        let (mut urgent_asked, mut urgent_filled) = (0u64, 0u64);
        for w in weeks {
            let m = &w.metrics;
            urgent_asked += u64::from(m.by_priority[2].asked);
            urgent_filled += u64::from(m.by_priority[2].filled);
            s.seats_asked += m.seats.asked as u64;
            s.seats_filled += m.seats.filled as u64;
            score += m.mean_score * m.seats.filled as f64;
            continuity += m.continuity_rate * m.seats.filled as f64;
            s.declined += w.declined as u64;
            s.new_alone += u64::from(w.deployed.new_alone);
            s.new_in_team += u64::from(w.deployed.new_in_team);
            s.trajectories_started += u64::from(w.deployed.trajectories_started);
            s.meetings_kept += u64::from(w.deployed.meetings_kept);
            s.meetings_lost += u64::from(w.deployed.meetings_lost);
            s.starved_per_week += w.starved as f64;
        }
        let filled = s.seats_filled as f64;
        if s.seats_asked > 0 {
            s.fill_rate = filled / s.seats_asked as f64;
        }
        if filled > 0.0 {
            s.mean_score = score / filled;
            s.continuity_rate = continuity / filled;
        }
        if !weeks.is_empty() {
            s.starved_per_week /= weeks.len() as f64;
        }
        let mut shares = self.shares.clone();
        if !shares.is_empty() {
            let full = shares.iter().filter(|&&x| x >= 1.0).count();
            s.at_full_budget = full as f64 / shares.len() as f64;
        }
        s.load_share_max = shares.iter().copied().fold(0.0, f64::max);
        s.load_share_p90 = metrics::percentile(&mut shares, 90.0);
        s.starved_experts = self.starved_ever.iter().filter(|&&x| x).count() as u32;
        if urgent_asked > 0 {
            s.urgent_fill_rate = urgent_filled as f64 / urgent_asked as f64;
        }
        s.full_budget_streaks = self.streak_ever.iter().filter(|&&x| x).count() as u32;
        let mut points = self.points.clone();
        s.load_points_max = points.iter().copied().fold(0.0, f64::max);
        s.load_points_p90 = metrics::percentile(&mut points, 90.0);
        s.eligible_experts = self.eligible_ever.iter().filter(|&&x| x).count() as u32;
        let mut pool: Vec<u32> = self
            .seats
            .iter()
            .zip(&self.eligible_ever)
            .filter(|(_, &e)| e)
            .map(|(&c, _)| c)
            .collect();
        pool.sort_unstable_by(|a, b| b.cmp(a));
        let total: u64 = pool.iter().map(|&c| c as u64).sum();
        if total > 0 {
            let k = pool.len().div_ceil(10).max(1);
            let top: u64 = pool[..k].iter().map(|&c| c as u64).sum();
            s.top10_share = top as f64 / total as f64;
        }
        s
    }
}

/// Simulates every contender over `weeks`, in parallel, each from `history`. `progress` is
/// called after each contender's week.
///
/// Each contender is a chain of weeks (a week needs the history of the one before), so at most
/// one week per contender runs at a time. The threads (rayon's pool) take the next week of the
/// contender that is furthest behind, not one contender each from start to end: the contenders'
/// weeks cost different amounts (at 1,000 experts, `fill-first` about 1.5 times `continuity-first`),
/// and a thread that had finished its own contenders would otherwise wait for the slowest chain.
/// So the chains end within about a week of each other. Which thread runs a week changes nothing
/// in it: every output is the same at any thread count. Time: the sum of the weeks' work over the
/// threads, plus at most about one week of one contender.
///
/// # Errors
///
/// The first input error met (a replayed requests file that does not read), with its file; of
/// several, the first contender's.
pub fn simulate(
    roster: &Roster,
    weeks: &[WeekInput],
    history: &[PastRow],
    contenders: &[Contender],
    settings: &Settings,
    places: &Places,
    progress: &(dyn Fn() + Sync),
) -> Result<Vec<ContenderRun>, InputErrors> {
    /// One contender's chain: its state while no thread holds it, its weeks so far.
    struct Chain {
        state: Option<Rolling>,
        records: Vec<WeekRecord>,
        failed: Option<InputErrors>,
    }
    let chains: Vec<std::sync::Mutex<Chain>> = contenders
        .iter()
        .map(|_| {
            std::sync::Mutex::new(Chain {
                state: Some(Rolling::new(history.to_vec())),
                records: Vec::with_capacity(weeks.len()),
                failed: None,
            })
        })
        .collect();
    // Which chains a thread holds, and how many weeks each has done (the choice of the next).
    let board = std::sync::Mutex::new(vec![(false, 0usize); contenders.len()]);
    let take = || -> Option<usize> {
        let mut b = board.lock().expect("no thread panicked");
        let next = (0..b.len())
            .filter(|&i| !b[i].0 && b[i].1 < weeks.len())
            .min_by_key(|&i| (b[i].1, i))?;
        b[next].0 = true;
        Some(next)
    };
    let work = || {
        while let Some(i) = take() {
            let mut chain = chains[i].lock().expect("no thread panicked");
            let k = chain.records.len();
            let mut state = chain.state.take().expect("a free chain has its state");
            let done = match state.step(roster, &weeks[k], &contenders[i], settings, places) {
                Ok(rec) => {
                    chain.records.push(rec);
                    chain.records.len()
                }
                Err(e) => {
                    chain.failed = Some(e);
                    weeks.len()
                }
            };
            chain.state = Some(state);
            drop(chain);
            board.lock().expect("no thread panicked")[i] = (false, done);
            progress();
        }
    };
    // Once on every thread of the pool (a thread finding no chain free ends at once). Not
    // spawned jobs: a thread waiting inside a week's own parallel work could pick up a spawned
    // worker and hold its week back behind a run of other weeks.
    rayon::broadcast(|_| work());
    let mut runs = Vec::with_capacity(contenders.len());
    for (c, chain) in contenders.iter().zip(chains) {
        let chain = chain.into_inner().expect("no thread panicked");
        if let Some(e) = chain.failed {
            return Err(e);
        }
        let state = chain.state.expect("every chain is returned");
        runs.push(ContenderRun {
            name: c.name.clone(),
            summary: state.summary(&chain.records),
            weeks: chain.records,
        });
    }
    Ok(runs)
}
