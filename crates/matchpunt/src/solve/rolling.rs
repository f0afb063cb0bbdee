//! Trajectories in the rolling budget (issue 24): what a trajectory's arc takes of it, who is
//! over it, the repair of a solution that breaks it or a team rule, and the presolve of both.
//!
//! Why apart from `team`: these are the per-*expert* side constraint of the search in `team`
//! (which keeps the per-request team rules); the two share [`TeamRules`] and its search.

use super::{Arc, Problem, Standing, TeamBreak, TeamRules};

impl TeamRules {
    /// Whether a trajectory can take more of a rolling budget than its arc's intensity.
    pub fn has_trajectories(&self) -> bool {
        self.window_meetings.iter().any(|&m| m > 1) && self.rolling_left.iter().any(Option::is_some)
    }

    /// The meetings of request `r` in the rolling window (1 for one meeting).
    pub fn meetings_of(&self, r: u32) -> u32 {
        self.window_meetings
            .get(r as usize)
            .copied()
            .unwrap_or(1)
            .max(1)
    }

    /// What arc `a` takes of its expert's rolling budget: intensity × its request's meetings
    /// in the window.
    pub fn rolling_load(&self, a: &Arc) -> u32 {
        a.intensity.saturating_mul(self.meetings_of(a.request))
    }

    /// The rolling budget left to expert `e` (None: no rolling budget).
    pub fn rolling_of(&self, e: u32) -> Option<u32> {
        self.rolling_left.get(e as usize).copied().flatten()
    }

    /// The first expert (lowest index) whose arcs in `chosen` take more than their rolling
    /// budget left. O(chosen + experts).
    pub fn rolling_over(&self, p: &Problem, chosen: &[usize]) -> Option<u32> {
        if !self.has_trajectories() {
            return None;
        }
        let mut used = vec![0u64; p.experts.len()];
        for &a in chosen {
            let arc = &p.arcs[a];
            used[arc.expert as usize] += u64::from(self.rolling_load(arc));
        }
        (0..p.experts.len() as u32).find(|&e| {
            self.rolling_of(e)
                .is_some_and(|l| used[e as usize] > u64::from(l))
        })
    }

    /// `chosen` made to keep every rule: while an expert takes more than their rolling budget,
    /// their trajectory arc of least value leaves; while a request breaks a team rule, it is
    /// emptied. Removing arcs never breaks a limit, and emptying a request never breaks
    /// another's rule, so the result is feasible when `chosen` keeps the limits.
    /// O(violations × chosen).
    pub fn repair(&self, p: &Problem, mut chosen: Vec<usize>) -> Vec<usize> {
        loop {
            match self.check_solution(p, &chosen) {
                Ok(()) => return chosen,
                Err((_, TeamBreak::Rolling(e))) => {
                    let worst = chosen
                        .iter()
                        .copied()
                        .filter(|&a| {
                            p.arcs[a].expert == e && self.meetings_of(p.arcs[a].request) > 1
                        })
                        .min_by_key(|&a| (p.arcs[a].value, std::cmp::Reverse(a)));
                    match worst {
                        Some(w) => chosen.retain(|&a| a != w),
                        // Only arcs of one meeting: they fit (the base keeps `budget`).
                        None => chosen.retain(|&a| p.arcs[a].expert != e),
                    }
                }
                Err((r, _)) => chosen.retain(|&a| p.arcs[a].request as usize != r),
            }
        }
    }
}

/// Arcs no team that keeps the rules can hold (see the module docs' presolve).
pub(super) fn presolve(p: &Problem, rules: &TeamRules) -> Vec<bool> {
    let mut has_experienced = vec![false; p.seats.len()];
    for (r, req) in rules.requests.iter().enumerate() {
        if req
            .fixed
            .iter()
            .any(|&e| rules.standing_of(e) == Standing::Experienced)
        {
            has_experienced[r] = true;
        }
    }
    for a in &p.arcs {
        if rules.standing_of(a.expert) == Standing::Experienced {
            has_experienced[a.request as usize] = true;
        }
    }
    p.arcs
        .iter()
        .map(|a| {
            let r = a.request as usize;
            let req = rules.requests.get(r);
            let seats = req.map_or(p.seats[r], |q| q.seats);
            let new = rules.standing_of(a.expert) == Standing::New;
            let pinned_apart =
                req.is_some_and(|q| q.fixed.iter().any(|&f| rules.apart(f, a.expert)));
            let over_rolling = rules
                .rolling_of(a.expert)
                .is_some_and(|l| rules.rolling_load(a) > l);
            !(new && (seats < 2 || !has_experienced[r]) || pinned_apart || over_rolling)
        })
        .collect()
}
