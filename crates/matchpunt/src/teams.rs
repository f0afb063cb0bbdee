//! Team rules (issue 24): who is new, who is experienced, and the rules of each request, from
//! the batch's optional columns and the `[teams]` policy.
//!
//! Why a module of its own: the rules are defined once, here and in
//! [`crate::solve::TeamRules::check`], and every path (the batch, the checks of an output, the
//! words of `explain` and `suggest`) reads them from here, so no output can apply another rule.
//! A batch without `certified_on`, `not_with` and `experienced_min` has no active rule and is
//! solved exactly as before.

use crate::messages::{Lang, Msg};
use crate::model::Instance;
use crate::policy::Policy;
use crate::solve::{Standing, TeamRequest, TeamRules};

/// Deployments of expert `e`: history rows not declined, plus experts.csv `deployments`.
pub fn deployments(inst: &Instance, e: usize) -> u32 {
    let past = inst
        .history
        .iter()
        .filter(|h| h.expert == e && !h.declined)
        .count() as u32;
    past + inst.teams.deployments.get(&e).copied().unwrap_or(0)
}

/// How each expert counts for the team rules. New: certified fewer than `[teams] new_weeks`
/// weeks before the batch week (or later; without a batch week, every expert with a
/// `certified_on` counts as new, the safe side). Experienced: at least `[teams]
/// experienced_after` [`deployments`] and not new. O(experts + history).
pub fn standings(inst: &Instance, policy: &Policy) -> Vec<Standing> {
    let mut past = vec![0u32; inst.experts.len()];
    for h in inst.history.iter().filter(|h| !h.declined) {
        if let Some(n) = past.get_mut(h.expert) {
            *n += 1;
        }
    }
    (0..inst.experts.len())
        .map(|e| {
            let new = inst.teams.certified_on.get(&e).is_some_and(|&c| {
                inst.week
                    .is_none_or(|w| w.weeks_since(c) < i64::from(policy.teams.new_weeks))
            });
            let done = past[e] + inst.teams.deployments.get(&e).copied().unwrap_or(0);
            if new {
                Standing::New
            } else if done >= policy.teams.experienced_after {
                Standing::Experienced
            } else {
                Standing::Other
            }
        })
        .collect()
}

/// The team rules of the batch, by the instance's expert and request indexes, with the pins
/// already on each request (`pins`: accepted (request, expert) pairs). O(experts + requests +
/// pins + history).
pub fn rules(inst: &Instance, policy: &Policy, pins: &[(usize, usize)]) -> TeamRules {
    let mut requests: Vec<TeamRequest> = inst
        .requests
        .iter()
        .enumerate()
        .map(|(r, q)| TeamRequest {
            seats: q.experts_needed,
            experienced_min: inst.teams.experienced_min.get(&r).copied().unwrap_or(0),
            fixed: Vec::new(),
        })
        .collect();
    for &(r, e) in pins {
        requests[r].fixed.push(e as u32);
    }
    let weeks = policy.rules.rolling_weeks;
    let window_meetings: Vec<u32> = if inst.teams.trajectories.is_empty() {
        Vec::new()
    } else {
        (0..inst.requests.len())
            .map(|r| inst.teams.window_meetings(r, weeks))
            .collect()
    };
    let rolling_left = rolling_left(inst, policy, pins);
    TeamRules {
        window_meetings,
        rolling_left,
        standing: standings(inst, policy),
        not_with: inst
            .teams
            .not_with
            .iter()
            .map(|&(a, b)| (a as u32, b as u32))
            .collect(),
        requests,
        allow_partial: policy.teams.allow_partial,
    }
}

/// What each expert's rolling budget leaves for the batch's arcs: the budget, less the load of
/// the window's earlier weeks, less each pin's intensity times its meetings in the window
/// ([`crate::model::TeamData::window_meetings`]); None for an expert without a rolling budget.
/// A trajectory's later meetings are counted from the batch week on: the safe side for every
/// window that holds one of them. Empty when the batch has no trajectory (then the rolling
/// budget is [`crate::model::Expert::budget`]'s part). O(experts + pins).
pub fn rolling_left(inst: &Instance, policy: &Policy, pins: &[(usize, usize)]) -> Vec<Option<u32>> {
    if inst.teams.trajectories.is_empty() {
        return Vec::new();
    }
    let mut left: Vec<Option<u32>> = inst
        .experts
        .iter()
        .map(|e| e.rolling_budget.map(|b| b.saturating_sub(e.rolling_used)))
        .collect();
    for &(r, e) in pins {
        let m = inst.teams.window_meetings(r, policy.rules.rolling_weeks);
        if let Some(l) = &mut left[e] {
            *l = l.saturating_sub(inst.requests[r].intensity.saturating_mul(m));
        }
    }
    left
}

/// Why a seat of request `ri` stays open under the team rules `t`, given the candidates `free`
/// for it (expert indexes: eligible and within their limits, or on it), in `lang`, with its
/// cause for the summary (`no experienced partner`, `pair not sent together`, `team not
/// whole`); None when no team rule explains it. Two experts kept apart are named, never why.
/// O(free²).
pub fn why_open(
    inst: &Instance,
    t: &TeamRules,
    ri: usize,
    free: &[usize],
    lang: Lang,
) -> Option<(&'static str, String)> {
    if !t.is_active() {
        return None;
    }
    let r = &inst.requests[ri];
    let rule = t.requests.get(ri)?;
    let standing = |e: usize| t.standing.get(e).copied().unwrap_or_default();
    let experienced = free
        .iter()
        .filter(|&&e| standing(e) == Standing::Experienced)
        .count() as u32;
    let new_here = free.iter().copied().find(|&e| standing(e) == Standing::New);
    if (rule.experienced_min > 0 || new_here.is_some()) && experienced < rule.experienced_min.max(1)
    {
        let msg = if r.slot.is_some() {
            Msg::TeamNoExperiencedInSlot
        } else {
            Msg::TeamNoExperienced
        };
        let mut text = lang.text(msg).to_string();
        if let (Some(n), 0) = (new_here, rule.experienced_min) {
            let id = &inst.experts[n].id;
            text = format!(
                "{text} ({})",
                lang.fill(Msg::TeamNewOnlyInTeam, &[("id", id)])
            );
        }
        return Some(("no experienced partner", text));
    }
    for (i, &a) in free.iter().enumerate() {
        for &b in &free[i + 1..] {
            let pair = (a.min(b) as u32, a.max(b) as u32);
            if t.not_with.binary_search(&pair).is_ok() {
                let (x, y) = (&inst.experts[a.min(b)].id, &inst.experts[a.max(b)].id);
                let text = lang.fill(Msg::TeamNotTogether, &[("a", x), ("b", y)]);
                return Some(("pair not sent together", text));
            }
        }
    }
    let whole = !t.allow_partial && r.experts_needed >= 2 && rule.experienced_min > 0;
    whole.then(|| {
        let text = lang.fill(Msg::TeamWhole, &[("n", &r.experts_needed)]);
        ("team not whole", text)
    })
}

/// Whether pinning expert `e` alone onto request `ri` could break a team rule: a team that
/// must be whole, a new expert, an expert not experienced where `experienced_min` asks for one, or one kept apart from an
/// expert in `on` (the request's experts). The fix search proposes no such pin.
pub fn pin_could_break(t: &TeamRules, ri: usize, e: usize, on: &[usize]) -> bool {
    if !t.is_active() {
        return false;
    }
    let standing = t.standing.get(e).copied().unwrap_or_default();
    let (min, seats) = t
        .requests
        .get(ri)
        .map_or((0, 1), |q| (q.experienced_min, q.seats));
    // A team that must be whole: one pin could leave it half staffed.
    let whole = !t.allow_partial && seats >= 2 && min > 0;
    whole
        || standing == Standing::New
        || (min > 0 && standing != Standing::Experienced)
        || on.iter().any(|&o| {
            t.not_with
                .binary_search(&(o.min(e) as u32, o.max(e) as u32))
                .is_ok()
        })
}

/// A trajectory's meetings in words (`trajectory of 5 meetings, every 1 week: weeks
/// 2026-W48, 2026-W49, ...`), in `lang`; None for a request of one meeting. O(meetings).
pub fn trajectory_text(inst: &Instance, r: usize, lang: Lang) -> Option<String> {
    let t = inst.teams.trajectories.get(&r)?;
    let mut weeks: Vec<String> = Vec::new();
    if let Some(w) = inst.week {
        weeks.push(w.to_string());
        weeks.extend(t.later_weeks(w).iter().map(|w| w.to_string()));
    }
    let weeks: Vec<&str> = weeks.iter().map(String::as_str).collect();
    Some(lang.fill(
        Msg::TrajectoryMeetings,
        &[
            ("n", &t.meetings),
            ("every", &lang.every_weeks(t.every_weeks)),
            ("weeks", &lang.list(&weeks)),
        ],
    ))
}

/// Why a fixed seat (a pin, a ledger booking) of expert `e` on a request breaks a team rule.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FixedMiss {
    /// `e` is new, and the request has one seat or no experienced expert fixed on it.
    NewAlone,
    /// `e` is never sent together with this expert (index) fixed on the request.
    NotWith(usize),
    /// `e` is not experienced and would take a seat that `experienced_min` keeps.
    ExperiencedMin,
}

impl FixedMiss {
    /// The reason in `lang`, naming the team rule (never a personal reason), for expert
    /// `e` on request `ri`. O(1).
    pub fn text(self, inst: &Instance, ri: usize, e: usize, lang: Lang) -> String {
        let id = &inst.experts[e].id;
        match self {
            FixedMiss::NewAlone => lang.fill(Msg::TeamFixNewAlone, &[("expert", id)]),
            FixedMiss::NotWith(o) => lang.fill(
                Msg::TeamFixNotWith,
                &[("expert", id), ("other", &inst.experts[o].id)],
            ),
            FixedMiss::ExperiencedMin => {
                let r = &inst.requests[ri];
                let min = inst.teams.experienced_min.get(&ri).copied().unwrap_or(0);
                lang.fill(
                    Msg::TeamFixExperiencedMin,
                    &[
                        ("expert", id),
                        ("request", &r.id),
                        ("min", &min),
                        ("seats", &r.experts_needed),
                    ],
                )
            }
        }
    }
}

/// The one team check of a seat fixed before the solver runs (a pin of requests.csv, a
/// booking of `book` or the web page, a ledger booking kept as a pin): may expert `e` sit on
/// request `ri` beside the experts `others` (expert indexes) already fixed on it? `standing`
/// is [`standings`]. A fixed seat cannot be undone by the solver, so the rule is kept by the
/// fixed seats alone (the safe side): a new expert needs a request of 2 or more seats with an
/// experienced expert among `others`; no pair of `not_with`; the non-experienced fixed seats
/// leave `experienced_min` seats free. O(others).
pub fn fixed_miss(
    inst: &Instance,
    standing: &[Standing],
    ri: usize,
    e: usize,
    others: &[usize],
) -> Option<FixedMiss> {
    let st = |x: usize| standing.get(x).copied().unwrap_or_default();
    if let Some(&o) = others
        .iter()
        .find(|&&o| inst.teams.not_with.contains(&(o.min(e), o.max(e))))
    {
        return Some(FixedMiss::NotWith(o));
    }
    let r = &inst.requests[ri];
    if st(e) == Standing::New
        && (r.experts_needed < 2 || !others.iter().any(|&o| st(o) == Standing::Experienced))
    {
        return Some(FixedMiss::NewAlone);
    }
    let min = inst.teams.experienced_min.get(&ri).copied().unwrap_or(0);
    if min > 0 && st(e) != Standing::Experienced {
        let others_not = others
            .iter()
            .filter(|&&o| st(o) != Standing::Experienced)
            .count() as u32;
        if others_not + 1 > r.experts_needed.saturating_sub(min) {
            return Some(FixedMiss::ExperiencedMin);
        }
    }
    None
}

/// The team check of a standby (or any expert `x` put in a seat of request `ri` beside the
/// experts `others` who stay on it): [`fixed_miss`] of `x` beside `others`, then of every one of
/// `others` beside the rest and `x` (a new expert whose experienced partner is the one `x`
/// replaces is left alone by the swap). The first miss, with the expert (index) it is about.
/// O(others²).
pub fn swap_miss(
    inst: &Instance,
    standing: &[Standing],
    ri: usize,
    x: usize,
    others: &[usize],
) -> Option<(usize, FixedMiss)> {
    if let Some(m) = fixed_miss(inst, standing, ri, x, others) {
        return Some((x, m));
    }
    others.iter().find_map(|&o| {
        let rest: Vec<usize> = others
            .iter()
            .copied()
            .filter(|&y| y != o)
            .chain([x])
            .collect();
        fixed_miss(inst, standing, ri, o, &rest).map(|m| (o, m))
    })
}
