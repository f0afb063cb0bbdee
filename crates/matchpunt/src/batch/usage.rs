//! An expert's use of the week and the one check of this week's limits.
//!
//! Why here: every "why" about a week's limits (the summary's causes and `unmatched.csv`'s
//! reasons in `report`, `explain`'s open seats and near misses, `suggest`, `book`, the team
//! reasons) must give the same answer for the same expert, so they all go through [`limit`]
//! over one [`WeekUse`]. `batch` sits below both `report` and `explain`, so both can call it
//! without an import circle.

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
}

impl WeekUse {
    /// Adds one seat of request `r`.
    pub fn add(&mut self, r: &Request) {
        self.count += 1;
        self.load += r.intensity;
        self.heavy |= r.heavy;
        if let Some(s) = r.slot {
            self.slots |= 1 << s.0;
        }
    }
}

/// Which of this week's limits keeps an expert from one more seat, in the order they are
/// checked (and so named): an unreadable booking, the request's slot taken, the most
/// assignments, the load budget (weekly, or what the rolling budget leaves:
/// [`Expert::budget`]), the heavy-theme pause.
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
    /// A heavy-theme request while they hold a heavy-theme seat this week already.
    HeavyPause,
}

/// Whether expert `e` can take request `r` on top of `u`: `None`, or the first limit in the way.
/// O(1).
pub fn limit(policy: &Policy, r: &Request, e: &Expert, u: &WeekUse) -> Option<Limit> {
    if u.unsure {
        Some(Limit::Unsure)
    } else if r.slot.is_some_and(|s| u.slots & (1 << s.0) != 0) {
        Some(Limit::Busy)
    } else if u.count >= e.max_assignments {
        Some(Limit::AtCount)
    } else if u.load + r.intensity > e.budget() {
        Some(Limit::AtLoad)
    } else if policy.rules.heavy_pause_weeks > 0 && r.heavy && u.heavy {
        Some(Limit::HeavyPause)
    } else {
        None
    }
}

/// Each expert's use of the week from `(request, expert)` index pairs of `inst`. O(pairs + experts).
pub fn week_use(inst: &Instance, pairs: impl IntoIterator<Item = (usize, usize)>) -> Vec<WeekUse> {
    let mut uses = vec![WeekUse::default(); inst.experts.len()];
    for (r, e) in pairs {
        uses[e].add(&inst.requests[r]);
    }
    uses
}
