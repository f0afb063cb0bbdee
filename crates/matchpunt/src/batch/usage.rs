//! An expert's use of the week and the one check of this week's limits.
//!
//! Why here: every "why" about a week's limits (the summary's causes and `unmatched.csv`'s
//! reasons in `report`, `explain`'s open seats and near misses, `suggest`, `book`, the team
//! reasons) must give the same answer for the same expert, so they all go through [`limit`]
//! over one [`WeekUse`]. `batch` sits below both `report` and `explain`, so both can call it
//! without an import circle.
//!
//! Trajectories (issue 24) are part of the same check: a seat takes `intensity × m` of the
//! expert's rolling budget, m its request's meetings in the rolling window from this week
//! ([`window_meetings`]), as the solver keeps it (`solve::TeamRules::rolling_left`). So
//! [`limit`] reads the request by its index in the instance, and [`WeekUse::rolling`] sums the
//! week's seats at their window meetings: a caller cannot leave the later meetings out.

use crate::model::{Expert, Instance, Request};
use crate::policy::Policy;

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
    /// Holds a heavy-theme seat this week (a request of the batch whose themes the policy
    /// calls heavy): with the heavy-theme pause on, no second one ([`limit`]).
    pub heavy: bool,
    /// What the week's seats take of the rolling budget: each seat's intensity × its request's
    /// meetings in the rolling window ([`window_meetings`]); `load` when no seat is a trajectory.
    pub rolling: u32,
}

impl WeekUse {
    /// Adds one seat of request `r`, a request of `meetings` meetings in the rolling window
    /// ([`window_meetings`]; 1 for one meeting).
    pub fn add(&mut self, r: &Request, meetings: u32) {
        self.count += 1;
        self.load += r.intensity;
        self.rolling = self
            .rolling
            .saturating_add(r.intensity.saturating_mul(meetings.max(1)));
        self.heavy |= r.heavy;
        if let Some(s) = r.slot {
            self.slots |= 1 << s.0;
        }
    }
}

/// Which of this week's limits keeps an expert from one more seat, in the order they are
/// checked (and so named): an unreadable booking, the request's slot taken, the most
/// assignments, the load budget (weekly, or what the rolling budget leaves:
/// [`Expert::budget`]), the rolling budget with the trajectories' later meetings, the
/// heavy-theme pause.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Limit {
    /// A booking row could not be read; treated as unavailable.
    Unsure,
    /// Already booked in the request's slot this week.
    Busy,
    /// At their most assignments this week.
    AtCount,
    /// This request would take them over their load budget.
    AtLoad,
    /// The rolling budget cannot carry the request's `meetings` meetings in the rolling window
    /// (a trajectory's later meetings, or the ones reserved this week: [`WeekUse::rolling`]).
    Rolling {
        /// The request's meetings in the rolling window (1: one meeting, kept out by the
        /// trajectories the expert already holds).
        meetings: u32,
        /// What the rolling budget leaves before this request.
        left: u32,
    },
    /// A heavy-theme request while they hold a heavy-theme seat this week already.
    HeavyPause,
    /// A heavy-theme trajectory whose meetings come every `every_weeks` weeks, no more than
    /// the heavy-theme pause of `pause` weeks: its second meeting would fall in the pause its
    /// first one starts, for every expert ([`paused_trajectory`]).
    HeavyTrajectory {
        /// The trajectory's weeks between two meetings.
        every_weeks: u32,
        /// `[rules] heavy_pause_weeks`.
        pause: u32,
    },
}

/// The meetings of request `ri` of `inst` in the policy's rolling window from the batch week
/// (a trajectory's: [`crate::model::Trajectory::in_window`]; 1 for one meeting). O(log
/// trajectories).
pub fn window_meetings(inst: &Instance, policy: &Policy, ri: usize) -> u32 {
    inst.teams.window_meetings(ri, policy.rules.rolling_weeks)
}

/// Whether expert `ei` can take request `ri` of `inst` on top of `u`: `None`, or the first
/// limit in the way. The rolling budget is kept as the solver keeps it: the window's earlier
/// weeks (`rolling_used`), the week's seats at their window meetings ([`WeekUse::rolling`]) and
/// this request's intensity × [`window_meetings`] together at most `rolling_budget`. O(log
/// trajectories).
pub fn limit(inst: &Instance, policy: &Policy, ri: usize, ei: usize, u: &WeekUse) -> Option<Limit> {
    let (r, e): (&Request, &Expert) = (&inst.requests[ri], &inst.experts[ei]);
    if u.unsure {
        Some(Limit::Unsure)
    } else if let Some(every_weeks) = paused_trajectory(inst, policy, ri) {
        Some(Limit::HeavyTrajectory {
            every_weeks,
            pause: policy.rules.heavy_pause_weeks,
        })
    } else if r.slot.is_some_and(|s| u.slots & (1 << s.0) != 0) {
        Some(Limit::Busy)
    } else if u.count >= e.max_assignments {
        Some(Limit::AtCount)
    } else if u.load + r.intensity > e.budget() {
        Some(Limit::AtLoad)
    } else if let Some(over) = rolling_short(inst, policy, ri, e, u) {
        Some(over)
    } else if policy.rules.heavy_pause_weeks > 0 && r.heavy && u.heavy {
        Some(Limit::HeavyPause)
    } else {
        None
    }
}

/// The weeks between the meetings of request `ri` when it is a heavy-theme trajectory that
/// the heavy-theme pause cannot let through: meetings every `every_weeks ≤ heavy_pause_weeks`
/// weeks, so its second meeting falls in the pause the first one starts
/// ([`crate::eligibility::in_heavy_pause`]: a heavy seat 1 to `heavy_pause_weeks` weeks
/// before). Whoever took it would lose the later meetings as pin conflicts, so no expert may
/// take it (the batch leaves it out of the candidates and refuses a pin on it). None otherwise.
/// O(log trajectories).
pub fn paused_trajectory(inst: &Instance, policy: &Policy, ri: usize) -> Option<u32> {
    let pause = policy.rules.heavy_pause_weeks;
    let t = inst.teams.trajectories.get(&ri)?;
    (pause > 0 && inst.requests[ri].heavy && t.meetings > 1 && t.every_weeks.max(1) <= pause)
        .then_some(t.every_weeks.max(1))
}

/// [`Limit::Rolling`] when the rolling budget cannot carry request `ri` at its window meetings
/// on top of the window's earlier weeks and `u`.
fn rolling_short(
    inst: &Instance,
    policy: &Policy,
    ri: usize,
    e: &Expert,
    u: &WeekUse,
) -> Option<Limit> {
    let b = e.rolling_budget?;
    let meetings = window_meetings(inst, policy, ri);
    let left = b.saturating_sub(e.rolling_used).saturating_sub(u.rolling);
    let needs = inst.requests[ri].intensity.saturating_mul(meetings);
    (needs > left).then_some(Limit::Rolling { meetings, left })
}

/// Each expert's use of the week from `(request, expert)` index pairs of `inst` (trajectories
/// at their [`window_meetings`]). O(pairs + experts).
pub fn week_use(
    inst: &Instance,
    policy: &Policy,
    pairs: impl IntoIterator<Item = (usize, usize)>,
) -> Vec<WeekUse> {
    let mut uses = vec![WeekUse::default(); inst.experts.len()];
    for (r, e) in pairs {
        uses[e].add(&inst.requests[r], window_meetings(inst, policy, r));
    }
    uses
}
