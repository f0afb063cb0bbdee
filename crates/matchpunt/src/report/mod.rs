//! Outputs: the three CSV files of the contract and the summary, with reasons a coordinator
//! understands.
//!
//! Every function writes to a writer it is handed; the CLI makes those writers temporary files
//! and renames them into place only when all three are complete.
//!
//! What lives here: this file (the outputs' rows and the summary); [`table`] (tables as data,
//! written as CSV in the reader's dialect or as an Excel workbook); [`lp`] (the batch's model in
//! CPLEX LP format).

pub mod lp;
pub mod mail;
pub mod table;

use crate::batch::usage::{limit, week_use, Limit, WeekUse};
use crate::batch::BatchResult;
use crate::eligibility;
use crate::messages::{Lang, Msg};
use crate::model::{Instance, Role};
use crate::policy::Policy;
use crate::report::table::{write_csv, Cell, Dialect, Sheet};
use crate::scoring::Parts;
use rayon::prelude::*;
use std::io::Write;

/// Formats solver units (milli-points) as points with three decimals, exactly.
pub fn fmt_units(units: i64) -> String {
    let sign = if units < 0 { "-" } else { "" };
    let u = units.unsigned_abs();
    format!("{sign}{}.{:03}", u / 1000, u % 1000)
}

/// Per-expert use of a result: [`crate::batch::usage::week_use`] of its assignments (the one
/// type every limit check reads; trajectories at their meetings in `policy`'s rolling window).
pub fn expert_use(inst: &Instance, policy: &Policy, res: &BatchResult) -> Vec<WeekUse> {
    week_use(
        inst,
        policy,
        res.assignments.iter().map(|a| (a.request, a.expert)),
    )
}

/// `assignments.csv` as a [`Sheet`] (`toewijzingen`): one row per assignment, with the score's
/// parts as columns from 0 to 1. Column names, roles, slots and yes/no in `lang`
/// ([`Lang::header`]); the score parts keep their codes.
pub fn assignments_sheet(inst: &Instance, res: &BatchResult, lang: Lang) -> Sheet {
    let mut header: Vec<String> = [
        "request",
        "expert",
        "org",
        "role",
        "slot",
        "distance_km",
        "intensity",
        "score",
        "value",
        "pinned",
        "priority",
        "expert_name",
    ]
    .map(|h| lang.header(h))
    .to_vec();
    header.extend(Parts::NAMES.iter().map(|n| lang.header(n)));
    let mut rows = Vec::with_capacity(res.assignments.len());
    for a in &res.assignments {
        let r = &inst.requests[a.request];
        let e = &inst.experts[a.expert];
        let s = &res.scored[a.scored];
        let mut row = vec![
            Cell::from(r.id.as_str()),
            e.id.as_str().into(),
            inst.orgs.name(r.org).into(),
            lang.role(r.role).into(),
            r.slot.map_or(Cell::Empty, |s| lang.slot(s).into()),
            s.distance_km.map_or(Cell::Empty, |d| Cell::Num(d, 2)),
            Cell::Int(r.intensity.into()),
            Cell::Num(s.score, 3),
            Cell::Num(s.value as f64 / 1000.0, 3),
            lang.yes_no(a.pinned).into(),
            Cell::Int(r.priority.into()),
            e.name.as_str().into(),
        ];
        row.extend(s.parts.values().iter().map(|&v| Cell::Num(v, 3)));
        rows.push(row);
    }
    Sheet {
        name: "toewijzingen".into(),
        header,
        rows,
        data_bar: None,
    }
}

/// Writes `assignments.csv` in the plain dialect (`,`, points, no BOM); see
/// [`assignments_sheet`] for other dialects and workbooks.
///
/// # Errors
///
/// Any error of the writer.
pub fn write_assignments<W: Write>(inst: &Instance, res: &BatchResult, w: W) -> csv::Result<()> {
    write_csv(&assignments_sheet(inst, res, Lang::En), Dialect::PLAIN, w)
}

/// One request with open seats.
#[derive(Clone, Debug, PartialEq)]
pub struct Unmatched {
    /// Request index.
    pub request: usize,
    /// Seats not filled.
    pub seats_open: u32,
    /// Eligible experts (rules 1-8).
    pub eligible: usize,
    /// Why, in words.
    pub reason: String,
    /// The main cause, in a few words for the summary ([`open_seats`]).
    pub cause: &'static str,
    /// The smallest change that fills a seat, verified by a re-solve (see
    /// [`crate::explain::with_fixes`]); empty when not computed.
    pub fix: String,
}

/// The cause of open seats for the summary line, by the rule that stopped every expert.
fn cause_of(stage: eligibility::Stage) -> &'static str {
    use eligibility::Stage::*;
    match stage {
        Inactive | NotCertified => "no active certified expert",
        SupervisionLapsed => "no recent supervision",
        HeavyPause => "heavy-theme pause",
        Role => "no expert with the role",
        NoSharedTheme => "no expert with the theme",
        // Avoided themes and excluded organisations are personal: not named, even as counts.
        Personal => "personal reasons",
        NotOnline => "no expert online",
        TooFar => "too far",
        Language | Gender => "language or gender",
        AgeGap => "age gap",
        SlotUnavailable | NoAvailability | PinnedInSlot => "no free slot",
        PinLimits | PinSeats | PinTeam | Declined => "pin conflict",
    }
}

/// Open seats by cause, most first (ties by cause): for a summary line such as
/// `6 seats open: 3 no free slot, 2 too far, 1 pin conflict`.
pub fn open_seats(rows: &[Unmatched]) -> Vec<(&'static str, u32)> {
    let mut by: std::collections::BTreeMap<&'static str, u32> = Default::default();
    for u in rows {
        *by.entry(u.cause).or_default() += u.seats_open;
    }
    let mut v: Vec<(&'static str, u32)> = by.into_iter().collect();
    v.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
    v
}

/// Every request with open seats and why.
pub fn unmatched(inst: &Instance, policy: &Policy, res: &BatchResult) -> Vec<Unmatched> {
    let used = expert_use(inst, policy, res);
    let mut filled = vec![0u32; inst.requests.len()];
    for a in &res.assignments {
        filled[a.request] += 1;
    }
    // Each request's candidates (`res.scored` is sorted by request), then the open requests'
    // reasons in parallel, collected in request order (the same file at any thread count).
    let mut ranges = Vec::with_capacity(inst.requests.len());
    let mut lo = 0;
    for ri in 0..inst.requests.len() {
        let hi = lo + res.scored[lo..].partition_point(|s| s.pair.request as usize == ri);
        ranges.push(lo..hi);
        lo = hi;
    }
    (0..inst.requests.len())
        .into_par_iter()
        .filter(|&ri| filled[ri] < inst.requests[ri].experts_needed)
        .map(|ri| {
            unmatched_one(
                inst,
                policy,
                res,
                &used,
                ri,
                filled[ri],
                &res.scored[ranges[ri].clone()],
            )
        })
        .collect()
}

/// [`unmatched`]'s row of one open request `ri` with `filled` seats taken, its candidates `cands`.
fn unmatched_one(
    inst: &Instance,
    policy: &Policy,
    res: &BatchResult,
    used: &[WeekUse],
    ri: usize,
    filled: u32,
    cands: &[crate::scoring::Scored],
) -> Unmatched {
    let r = &inst.requests[ri];
    let mut parts: Vec<String> = res
        .pin_conflicts
        .iter()
        .filter(|c| c.request == ri)
        .map(|c| format!("pin conflict: {}", c.text))
        .collect();
    let (mut here, mut at_count, mut at_load, mut busy, mut heavy, mut rolling) =
        (0, 0, 0, 0, 0, 0);
    let mut paused = None;
    for s in cands {
        let e = s.pair.expert as usize;
        let u = &used[e];
        if res
            .assignments
            .binary_search_by(|a| (a.request, a.expert).cmp(&(ri, e)))
            .is_ok()
        {
            here += 1;
        } else {
            // The same check, in the same order, as the reason's list of who is at which
            // limit (explain's open seat): the cause below is that list counted.
            match limit(inst, policy, ri, e, u) {
                Some(Limit::Busy) => busy += 1,
                Some(Limit::AtCount) => at_count += 1,
                Some(Limit::AtLoad | Limit::Unsure) => at_load += 1,
                Some(Limit::Rolling { .. }) => rolling += 1,
                Some(Limit::HeavyTrajectory { every_weeks, pause }) => {
                    paused = Some((
                        paused.map_or(0, |p: (u32, u32, u32)| p.0) + 1,
                        every_weeks,
                        pause,
                    ));
                }
                Some(Limit::HeavyPause) => heavy += 1,
                None => {}
            }
        }
    }
    let others = cands.len() - here;
    let mut cause = if parts.is_empty() {
        "experts needed elsewhere"
    } else {
        "pin conflict"
    };
    if cands.is_empty() {
        let f = eligibility::funnel(inst, policy, r);
        if let Some(z) = f.iter().find(|x| x.1 == 0) {
            if parts.is_empty() {
                cause = cause_of(z.0);
            }
        }
        parts.push(eligibility::nobody_sentence(&f));
    } else if others == 0 {
        if parts.is_empty() {
            cause = "too few eligible experts";
        }
        parts.push(format!(
            "only {here} expert(s) are eligible and all are assigned to this request"
        ));
    } else {
        let mut why = Vec::new();
        if at_count > 0 {
            why.push(format!("{at_count} at max assignments"));
        }
        if at_load > 0 {
            why.push(format!("{at_load} at their load budget"));
        }
        if busy > 0 {
            why.push(format!("{busy} busy in this slot"));
        }
        if heavy > 0 {
            why.push(format!("{heavy} in a heavy-theme pause"));
        }
        if rolling > 0 {
            // Trajectories (issue 24): the rolling budget cannot carry the later meetings.
            let m = crate::batch::usage::window_meetings(inst, policy, ri);
            why.push(format!(
                    "{rolling} with too little rolling budget left for its {m} meeting(s) in the rolling window"
                ));
        }
        if let Some((n, every, pause)) = paused {
            why.push(format!(
                    "{n} kept from it by the heavy-theme pause: it has {every} {} between its meetings, the pause is {pause} {}, so its later meetings would fall in the pause",
                    crate::batch::weeks(every),
                    crate::batch::weeks(pause)
                ));
        }
        let limited =
            at_count + at_load + busy + heavy + rolling + paused.map_or(0, |p| p.0 as usize);
        if limited == others && parts.is_empty() {
            cause = if busy == others {
                "no free slot"
            } else {
                "experts at their limit"
            };
        }
        if limited == others {
            parts.push(format!(
                "all {others} eligible expert(s) are at their limit ({})",
                why.join(", ")
            ));
        } else {
            parts.push(format!(
                    "{limited} of {others} eligible expert(s) are at their limit{}; using the others here would lower the batch objective{}",
                    if why.is_empty() { String::new() } else { format!(" ({})", why.join(", ")) },
                    if res.proven { "" } else { " (or the solver stopped at its time limit)" }
                ));
        }
    }
    if let Some(t) = crate::teams::trajectory_text(inst, ri, Lang::En) {
        parts.push(t);
    }
    if let Some((team_cause, text)) = team_reason(inst, policy, res, ri, used) {
        if parts.is_empty() || cause == "experts needed elsewhere" {
            cause = team_cause;
        }
        parts.push(text);
    }
    Unmatched {
        request: ri,
        seats_open: r.experts_needed - filled,
        eligible: cands.len(),
        reason: parts.join("; "),
        cause,
        fix: String::new(),
    }
}

/// `unmatched.csv` as a [`Sheet`] (`open plekken`), column names and roles in `lang` (the
/// reason and fix are in the language they were made in: [`crate::explain::with_fixes`]).
pub fn unmatched_sheet(inst: &Instance, rows: &[Unmatched], lang: Lang) -> Sheet {
    let header = [
        "request",
        "org",
        "role",
        "seats_open",
        "eligible_experts",
        "priority",
        "reason",
        "fix",
    ]
    .map(|h| lang.header(h))
    .to_vec();
    let rows = rows
        .iter()
        .map(|u| {
            let r = &inst.requests[u.request];
            vec![
                Cell::from(r.id.as_str()),
                inst.orgs.name(r.org).into(),
                lang.role(r.role).into(),
                Cell::Int(u.seats_open.into()),
                Cell::Int(u.eligible as i64),
                Cell::Int(r.priority.into()),
                u.reason.as_str().into(),
                u.fix.as_str().into(),
            ]
        })
        .collect();
    Sheet {
        name: "open plekken".into(),
        header,
        rows,
        data_bar: None,
    }
}

/// Writes `unmatched.csv` in the plain dialect; see [`unmatched_sheet`].
///
/// # Errors
///
/// Any error of the writer.
pub fn write_unmatched<W: Write>(inst: &Instance, rows: &[Unmatched], w: W) -> csv::Result<()> {
    write_csv(&unmatched_sheet(inst, rows, Lang::En), Dialect::PLAIN, w)
}

/// `experts.csv` as a [`Sheet`] (`ervaringsdeskundigen`): per expert the assignments and load
/// used against the budget; `load_share` = load used / this week's budget (a data bar in a
/// workbook; 0 for a budget of 0).
pub fn experts_sheet(inst: &Instance, res: &BatchResult, lang: Lang) -> Sheet {
    // Counts and load only: the rolling part of the use is not shown here.
    let mut used = vec![WeekUse::default(); inst.experts.len()];
    for a in &res.assignments {
        used[a.expert].add(&inst.requests[a.request], 1);
    }
    let mut requests: Vec<Vec<&str>> = vec![Vec::new(); inst.experts.len()];
    for a in &res.assignments {
        requests[a.expert].push(&inst.requests[a.request].id);
    }
    let header = [
        "expert",
        "assignments",
        "load_used",
        "load_budget",
        "max_assignments",
        "active",
        "requests",
        "rolling_left",
        "load_share",
    ]
    .map(|h| lang.header(h))
    .to_vec();
    let rows = inst
        .experts
        .iter()
        .enumerate()
        .map(|(i, e)| {
            let budget = e.budget();
            vec![
                Cell::from(e.id.as_str()),
                Cell::Int(used[i].count.into()),
                Cell::Int(used[i].load.into()),
                Cell::Int(e.load_budget.into()),
                Cell::Int(e.max_assignments.into()),
                lang.yes_no(e.active).into(),
                requests[i].join("|").into(),
                e.rolling_budget.map_or(Cell::Empty, |b| {
                    Cell::Int(b.saturating_sub(e.rolling_used).into())
                }),
                Cell::Num(
                    if budget == 0 {
                        0.0
                    } else {
                        f64::from(used[i].load) / f64::from(budget)
                    },
                    2,
                ),
            ]
        })
        .collect();
    Sheet {
        name: "ervaringsdeskundigen".into(),
        header,
        rows,
        data_bar: Some(8),
    }
}

/// Writes `experts.csv` in the plain dialect; see [`experts_sheet`].
///
/// # Errors
///
/// Any error of the writer.
pub fn write_experts<W: Write>(inst: &Instance, res: &BatchResult, w: W) -> csv::Result<()> {
    write_csv(&experts_sheet(inst, res, Lang::En), Dialect::PLAIN, w)
}

/// The summary as a [`Sheet`] (`overzicht`): the week, seats asked and filled by role, the
/// objective, its proven bound and whether it is optimal.
pub fn summary_sheet(inst: &Instance, res: &BatchResult, lang: Lang) -> Sheet {
    let mut rows = vec![vec![
        Cell::from(lang.text(Msg::SumWeek)),
        inst.week.map_or(Cell::Empty, |w| w.to_string().into()),
        Cell::Empty,
        Cell::Empty,
        Cell::Empty,
    ]];
    let counts = by_role(inst, res);
    let (mut asked, mut filled, mut reqs) = (0, 0, 0);
    for role in Role::ALL {
        let c = counts[role.index()];
        asked += c.asked;
        filled += c.filled;
        reqs += c.requests;
        rows.push(vec![
            lang.role(role).into(),
            Cell::Int(c.requests.into()),
            Cell::Int(c.asked.into()),
            Cell::Int(c.filled.into()),
            Cell::Num(pct(c.filled, c.asked) / 100.0, 3),
        ]);
    }
    rows.push(vec![
        lang.text(Msg::SumTotal).into(),
        Cell::Int(reqs.into()),
        Cell::Int(asked.into()),
        Cell::Int(filled.into()),
        Cell::Num(pct(filled, asked) / 100.0, 3),
    ]);
    let num = |label: &str, v: i64| {
        vec![
            Cell::from(label),
            Cell::Num(v as f64 / 1000.0, 3),
            Cell::Empty,
            Cell::Empty,
            Cell::Empty,
        ]
    };
    rows.push(num(lang.text(Msg::SumObjective), res.objective));
    rows.push(num(lang.text(Msg::SumBound), res.bound));
    rows.push(vec![
        lang.text(Msg::SumOptimal).into(),
        if res.proven {
            lang.yes_no(true)
        } else {
            lang.text(Msg::SumStopped)
        }
        .into(),
        Cell::Empty,
        Cell::Empty,
        Cell::Empty,
    ]);
    Sheet {
        name: "overzicht".into(),
        header: ["", "requests", "seats", "filled", "fill share"]
            .map(|h| lang.header(h))
            .to_vec(),
        rows,
        data_bar: Some(4),
    }
}

/// Seats asked and filled for one role.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct RoleCount {
    /// Seats asked.
    pub asked: u32,
    /// Seats filled.
    pub filled: u32,
    /// Requests.
    pub requests: u32,
}

/// Seats asked and filled per role, in [`Role::ALL`] order.
pub fn by_role(inst: &Instance, res: &BatchResult) -> [RoleCount; 4] {
    let mut out = [RoleCount::default(); 4];
    for r in &inst.requests {
        out[r.role.index()].asked += r.experts_needed;
        out[r.role.index()].requests += 1;
    }
    for a in &res.assignments {
        out[inst.requests[a.request].role.index()].filled += 1;
    }
    out
}

/// The terminal summary (no themes, no names), in English: [`summary_text_in`].
pub fn summary_text(inst: &Instance, res: &BatchResult) -> String {
    summary_text_in(inst, res, Lang::En, &|c| c.text.clone())
}

/// `n` seats open for `cause` ([`open_seats`]) in `lang`, the cause's words agreeing with the
/// count: `1 personal reason`, `3 experts at their limit`, `1 deskundige aan de grens`.
pub fn cause_count(cause: &str, n: u32, lang: Lang) -> String {
    let msg = match cause {
        "personal reasons" => Some(Msg::CausePersonal),
        "experts at their limit" => Some(Msg::CauseAtLimit),
        "experts needed elsewhere" => Some(Msg::CauseNeededElsewhere),
        _ => None,
    };
    match msg {
        Some(m) => lang.fill(m, &[("n", &n)]),
        None => format!("{n} {}", cause_text(cause, lang)),
    }
}

/// A cause of open seats ([`open_seats`]) in `lang`.
pub fn cause_text(cause: &str, lang: Lang) -> String {
    const NL: &[(&str, &str)] = &[
        (
            "no active certified expert",
            "geen actieve gecertificeerde deskundige",
        ),
        ("no recent supervision", "geen recente intervisie"),
        ("heavy-theme pause", "pauze na zware thema's"),
        ("no expert with the role", "geen deskundige met de rol"),
        ("no expert with the theme", "geen deskundige met het thema"),
        ("personal reasons", "persoonlijke redenen"),
        ("no expert online", "geen deskundige online"),
        ("too far", "te ver"),
        ("language or gender", "taal of gender"),
        ("age gap", "leeftijdsverschil"),
        ("no free slot", "geen vrij tijdvak"),
        ("pin conflict", "vastzetting niet gehouden"),
        ("experts needed elsewhere", "deskundigen elders nodig"),
        (
            "too few eligible experts",
            "te weinig geschikte deskundigen",
        ),
        ("experts at their limit", "deskundigen aan hun grens"),
        ("no experienced partner", "geen ervaren collega"),
        ("pair not sent together", "duo niet samen ingezet"),
        ("team not whole", "team niet compleet"),
    ];
    match lang {
        Lang::En => cause.to_string(),
        Lang::Nl => NL
            .iter()
            .find(|(en, _)| *en == cause)
            .map_or_else(|| cause.to_string(), |(_, nl)| nl.to_string()),
    }
}

/// The terminal summary (no themes, no names) in `lang`: the week, seats asked and filled by
/// role, the objective with its bound, the pins, and every pin not kept, worded by `pin_text`
/// (the CLI passes `explain::pin_conflict_text` for Dutch; report does not depend on explain).
pub fn summary_text_in(
    inst: &Instance,
    res: &BatchResult,
    lang: Lang,
    pin_text: &dyn Fn(&crate::batch::PinConflict) -> String,
) -> String {
    let mut s = String::new();
    let counts = by_role(inst, res);
    let (mut asked, mut filled) = (0, 0);
    s.push_str(&lang.fill(
        Msg::SumHead,
        &[
            (
                "week",
                &inst.week.map(|w| w.to_string()).unwrap_or_default(),
            ),
            ("experts", &inst.experts.len()),
            ("active", &inst.experts.iter().filter(|e| e.active).count()),
            ("requests", &inst.requests.len()),
            ("pairs", &res.scored.len()),
        ],
    ));
    s.push('\n');
    s.push_str(lang.text(Msg::SumTableHead));
    s.push('\n');
    let pct_text = |a: u32, b: u32| {
        let p = format!("{:.1}", pct(a, b));
        match lang {
            Lang::En => p,
            Lang::Nl => p.replace('.', ","),
        }
    };
    for role in Role::ALL {
        let c = counts[role.index()];
        asked += c.asked;
        filled += c.filled;
        s.push_str(&format!(
            "{:<9} {:>8} {:>6} {:>7} {:>5}\n",
            lang.role(role),
            c.requests,
            c.asked,
            c.filled,
            pct_text(c.filled, c.asked)
        ));
    }
    s.push_str(&format!(
        "{:<9} {:>8} {:>6} {:>7} {:>5}\n",
        lang.text(Msg::SumTotal),
        inst.requests.len(),
        asked,
        filled,
        pct_text(filled, asked)
    ));
    let gap = res.bound - res.objective;
    let num = |units: i64| match lang {
        Lang::En => fmt_units(units),
        Lang::Nl => fmt_units(units).replace('.', ","),
    };
    let share = if res.bound == 0 {
        0.0
    } else {
        100.0 * gap as f64 / res.bound as f64
    };
    s.push_str(&lang.fill(
        Msg::SumObjectiveLine,
        &[
            ("objective", &num(res.objective)),
            ("bound", &num(res.bound)),
            ("gap", &num(gap)),
            ("share", &lang.num(share, 4)),
            (
                "proof",
                &lang.text(match (res.proven, res.solution.stopped_by) {
                    (true, _) => Msg::SumProven,
                    (false, Some(crate::solve::Limit::Work)) => Msg::SumStoppedWork,
                    (false, _) => Msg::SumStoppedTime,
                }),
            ),
        ],
    ));
    s.push('\n');
    s.push_str(&lang.fill(
        Msg::SumPins,
        &[
            ("kept", &res.assignments.iter().filter(|a| a.pinned).count()),
            ("conflicts", &res.pin_conflicts.len()),
            ("components", &res.solution.components),
            ("nodes", &res.solution.nodes),
            ("branched", &res.solution.branched_components),
            ("listed", &res.solution.listed_components),
        ],
    ));
    s.push('\n');
    // Every pin not kept, with its request, expert and cause (rule 11): also those whose
    // request was filled otherwise and so is not in unmatched.csv.
    for c in &res.pin_conflicts {
        let text = pin_text(c);
        s.push_str(&lang.fill(
            Msg::SumPinNotKept,
            &[
                ("request", &inst.requests[c.request].id),
                ("org", &inst.orgs.name(inst.requests[c.request].org)),
                ("text", &text),
            ],
        ));
        s.push('\n');
    }
    s
}

fn pct(a: u32, b: u32) -> f64 {
    if b == 0 {
        0.0
    } else {
        100.0 * a as f64 / b as f64
    }
}

/// The round's changes as a table (`request, expert, change, why, decision`; the column names
/// in `lang`, the codes and the reason as they are), written in the output set's dialect like
/// every other CSV of the run ([`table::write_csv`]).
pub fn changes_sheet(
    changes: &[crate::batch::round::ChangeRow],
    lang: crate::messages::Lang,
) -> table::Sheet {
    use table::{Cell, Sheet};
    Sheet {
        name: "wijzigingen".into(),
        header: ["request", "expert", "change", "why", "decision"]
            .map(|h| lang.header(h))
            .to_vec(),
        rows: changes
            .iter()
            .map(|c| {
                let why = match &c.change {
                    crate::batch::round::Change::Dropped(why) => why.text(lang),
                    _ => String::new(),
                };
                let nl = lang == crate::messages::Lang::Nl;
                let decision = match (c.verdict, nl) {
                    (Some(crate::batch::round::Verdict::Accepted), false) => "accepted",
                    (Some(crate::batch::round::Verdict::Declined), false) => "declined",
                    (Some(crate::batch::round::Verdict::Accepted), true) => "geaccepteerd",
                    (Some(crate::batch::round::Verdict::Declined), true) => "afgewezen",
                    (None, _) => "",
                };
                let change = match (c.change.code(), nl) {
                    ("kept", true) => "behouden",
                    ("dropped", true) => "vervallen",
                    ("new", true) => "nieuw",
                    (code, _) => code,
                };
                vec![
                    Cell::from(c.request.as_str()),
                    Cell::from(c.expert.as_str()),
                    Cell::from(change),
                    if why.is_empty() {
                        Cell::Empty
                    } else {
                        Cell::from(why.as_str())
                    },
                    if decision.is_empty() {
                        Cell::Empty
                    } else {
                        Cell::from(decision)
                    },
                ]
            })
            .collect(),
        data_bar: None,
    }
}

/// Why a seat of request `ri` under a team rule (issue 24) stays open, with its cause for the
/// summary: [`crate::teams::why_open`] over the candidates free for it (on it, or with room in
/// count, load and slot). None when no team rule applies.
fn team_reason(
    inst: &Instance,
    policy: &Policy,
    res: &BatchResult,
    ri: usize,
    used: &[WeekUse],
) -> Option<(&'static str, String)> {
    if !res.teams.is_active() {
        return None;
    }
    let lo = res
        .scored
        .partition_point(|s| (s.pair.request as usize) < ri);
    let hi = res
        .scored
        .partition_point(|s| (s.pair.request as usize) <= ri);
    let here = |e: usize| {
        res.assignments
            .binary_search_by(|a| (a.request, a.expert).cmp(&(ri, e)))
            .is_ok()
    };
    let free: Vec<usize> = res.scored[lo..hi]
        .iter()
        .map(|s| s.pair.expert as usize)
        .filter(|&e| here(e) || limit(inst, policy, ri, e, &used[e]).is_none())
        .collect();
    crate::teams::why_open(inst, &res.teams, ri, &free, Lang::En)
}
