//! Outputs: the three CSV files of the contract and the summary, with reasons a coordinator
//! understands.
//!
//! Every function writes to a writer it is handed; the CLI makes those writers temporary files
//! and renames them into place only when all three are complete.

use crate::batch::BatchResult;
use crate::eligibility;
use crate::model::{Instance, Role};
use crate::policy::Policy;
use crate::scoring::Parts;
use std::io::Write;

/// Formats solver units (milli-points) as points with three decimals, exactly.
pub fn fmt_units(units: i64) -> String {
    let sign = if units < 0 { "-" } else { "" };
    let u = units.unsigned_abs();
    format!("{sign}{}.{:03}", u / 1000, u % 1000)
}

fn fmt2(x: f64) -> String {
    format!("{x:.2}")
}

fn fmt3(x: f64) -> String {
    format!("{x:.3}")
}

/// The per-expert state after the batch.
#[derive(Clone, Debug)]
pub struct ExpertUse {
    /// Assignments.
    pub count: u32,
    /// Load used.
    pub load: u32,
    /// Slots used (bit set).
    pub slots: u32,
}

/// Per-expert use of a result.
pub fn expert_use(inst: &Instance, res: &BatchResult) -> Vec<ExpertUse> {
    let mut out = vec![
        ExpertUse {
            count: 0,
            load: 0,
            slots: 0
        };
        inst.experts.len()
    ];
    for a in &res.assignments {
        let r = &inst.requests[a.request];
        let u = &mut out[a.expert];
        u.count += 1;
        u.load += r.intensity;
        if let Some(s) = r.slot {
            u.slots |= 1 << s.0;
        }
    }
    out
}

/// Writes `assignments.csv`.
pub fn write_assignments<W: Write>(inst: &Instance, res: &BatchResult, w: W) -> csv::Result<()> {
    let mut out = csv::Writer::from_writer(w);
    let mut header = vec![
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
    ];
    header.extend(Parts::NAMES);
    out.write_record(&header)?;
    for a in &res.assignments {
        let r = &inst.requests[a.request];
        let e = &inst.experts[a.expert];
        let s = &res.scored[a.scored];
        let mut row = vec![
            r.id.clone(),
            e.id.clone(),
            inst.orgs.name(r.org).to_string(),
            r.role.to_string(),
            r.slot.map(|s| s.to_string()).unwrap_or_default(),
            s.distance_km.map(fmt2).unwrap_or_default(),
            r.intensity.to_string(),
            fmt3(s.score),
            fmt_units(s.value),
            if a.pinned { "yes" } else { "no" }.to_string(),
            r.priority.to_string(),
            e.name.clone(),
        ];
        row.extend(s.parts.values().iter().map(|&v| fmt3(v)));
        out.write_record(&row)?;
    }
    out.flush()?;
    Ok(())
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
    /// The smallest change that fills a seat, verified by a re-solve (see
    /// [`crate::explain::with_fixes`]); empty when not computed.
    pub fix: String,
}

/// Every request with open seats and why.
pub fn unmatched(inst: &Instance, policy: &Policy, res: &BatchResult) -> Vec<Unmatched> {
    let used = expert_use(inst, res);
    let mut filled = vec![0u32; inst.requests.len()];
    for a in &res.assignments {
        filled[a.request] += 1;
    }
    let mut out = Vec::new();
    let mut lo = 0;
    for (ri, r) in inst.requests.iter().enumerate() {
        let hi = lo + res.scored[lo..].partition_point(|s| s.pair.request as usize == ri);
        let cands = &res.scored[lo..hi];
        lo = hi;
        if filled[ri] >= r.experts_needed {
            continue;
        }
        let mut parts: Vec<String> = res
            .pin_conflicts
            .iter()
            .filter(|c| c.request == ri)
            .map(|c| format!("pin conflict: {}", c.text))
            .collect();
        let (mut here, mut at_count, mut at_load, mut busy) = (0, 0, 0, 0);
        for s in cands {
            let e = s.pair.expert as usize;
            let ex = &inst.experts[e];
            let u = &used[e];
            if res
                .assignments
                .binary_search_by(|a| (a.request, a.expert).cmp(&(ri, e)))
                .is_ok()
            {
                here += 1;
            } else if u.count >= ex.max_assignments {
                at_count += 1;
            } else if u.load + r.intensity > ex.load_budget {
                at_load += 1;
            } else if r.slot.is_some_and(|sl| u.slots & (1 << sl.0) != 0) {
                busy += 1;
            }
        }
        let others = cands.len() - here;
        if cands.is_empty() {
            let f = eligibility::funnel(inst, policy, r);
            parts.push(eligibility::nobody_sentence(&f));
        } else if others == 0 {
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
            let limited = at_count + at_load + busy;
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
        out.push(Unmatched {
            request: ri,
            seats_open: r.experts_needed - filled[ri],
            eligible: cands.len(),
            reason: parts.join("; "),
            fix: String::new(),
        });
    }
    out
}

/// Writes `unmatched.csv`.
pub fn write_unmatched<W: Write>(inst: &Instance, rows: &[Unmatched], w: W) -> csv::Result<()> {
    let mut out = csv::Writer::from_writer(w);
    out.write_record([
        "request",
        "org",
        "role",
        "seats_open",
        "eligible_experts",
        "priority",
        "reason",
        "fix",
    ])?;
    for u in rows {
        let r = &inst.requests[u.request];
        out.write_record([
            r.id.as_str(),
            inst.orgs.name(r.org),
            r.role.as_str(),
            &u.seats_open.to_string(),
            &u.eligible.to_string(),
            &r.priority.to_string(),
            &u.reason,
            &u.fix,
        ])?;
    }
    out.flush()?;
    Ok(())
}

/// Writes `experts.csv`.
pub fn write_experts<W: Write>(inst: &Instance, res: &BatchResult, w: W) -> csv::Result<()> {
    let used = expert_use(inst, res);
    let mut requests: Vec<Vec<&str>> = vec![Vec::new(); inst.experts.len()];
    for a in &res.assignments {
        requests[a.expert].push(&inst.requests[a.request].id);
    }
    let mut out = csv::Writer::from_writer(w);
    out.write_record([
        "expert",
        "assignments",
        "load_used",
        "load_budget",
        "max_assignments",
        "active",
        "requests",
    ])?;
    for (i, e) in inst.experts.iter().enumerate() {
        out.write_record([
            e.id.as_str(),
            &used[i].count.to_string(),
            &used[i].load.to_string(),
            &e.load_budget.to_string(),
            &e.max_assignments.to_string(),
            if e.active { "yes" } else { "no" },
            &requests[i].join("|"),
        ])?;
    }
    out.flush()?;
    Ok(())
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

/// The terminal summary (no themes, no names).
pub fn summary_text(inst: &Instance, res: &BatchResult) -> String {
    let mut s = String::new();
    let counts = by_role(inst, res);
    let (mut asked, mut filled) = (0, 0);
    s.push_str(&format!(
        "week {}: {} experts ({} active), {} requests, {} eligible pairs\n",
        inst.week.map(|w| w.to_string()).unwrap_or_default(),
        inst.experts.len(),
        inst.experts.iter().filter(|e| e.active).count(),
        inst.requests.len(),
        res.scored.len()
    ));
    s.push_str("role      requests  seats  filled  fill%\n");
    for role in Role::ALL {
        let c = counts[role.index()];
        asked += c.asked;
        filled += c.filled;
        s.push_str(&format!(
            "{:<9} {:>8} {:>6} {:>7} {:>5.1}\n",
            role.as_str(),
            c.requests,
            c.asked,
            c.filled,
            pct(c.filled, c.asked)
        ));
    }
    s.push_str(&format!(
        "{:<9} {:>8} {:>6} {:>7} {:>5.1}\n",
        "total",
        inst.requests.len(),
        asked,
        filled,
        pct(filled, asked)
    ));
    let gap = res.bound - res.objective;
    s.push_str(&format!(
        "objective {} (proven bound {}, gap {} = {:.4}%){}\n",
        fmt_units(res.objective),
        fmt_units(res.bound),
        fmt_units(gap),
        if res.bound == 0 {
            0.0
        } else {
            100.0 * gap as f64 / res.bound as f64
        },
        if res.proven {
            ", optimal"
        } else {
            ", stopped at the limit"
        }
    ));
    s.push_str(&format!(
        "pins: {} kept, {} conflicts; solver: {} components, {} branch-and-bound nodes ({} components branched, {} closed by listing bundles)\n",
        res.assignments.iter().filter(|a| a.pinned).count(),
        res.pin_conflicts.len(),
        res.solution.components,
        res.solution.nodes,
        res.solution.branched_components,
        res.solution.listed_components
    ));
    s
}

fn pct(a: u32, b: u32) -> f64 {
    if b == 0 {
        0.0
    } else {
        100.0 * a as f64 / b as f64
    }
}
