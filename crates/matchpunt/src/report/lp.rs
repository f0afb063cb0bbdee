//! The batch's optimisation model in CPLEX LP format, for analysts to check or re-solve with any
//! MIP solver (HiGHS, CBC, Gurobi, CP-SAT via its LP reader).
//!
//! As the contract says: binary `x_R_E` for each pair allowed by rules 1-8 (R, E = zero-based data
//! rows of the request and the expert), the engine's own objective (`Maximize`), and constraints
//! for rules 8, 9, 10 and the pins; under the heavy-theme pause, `heavy_E` rows (at most one
//! heavy-theme seat per expert this week). The convex batch-spread cost needs extra binaries `s_E_K`
//! ("expert E has a K-th assignment", K >= 2) with cost `(K - 1) * spread`: because the costs grow
//! with K, an optimal solution switches on exactly the cheapest ones, so the LP optimum equals
//! the engine's objective. Refused pins are fixed to 0 (rule 11: never assigned).

use crate::batch::BatchResult;
use crate::model::Instance;
use crate::report::fmt_units;
use std::io::{self, Write};

/// Writes the model of `res` (the batch run on `inst`) as CPLEX LP.
pub fn write_lp<W: Write>(inst: &Instance, res: &BatchResult, spread: i64, w: W) -> io::Result<()> {
    let mut w = io::BufWriter::new(w);
    let var =
        |ri: usize, ei: usize| format!("x_{}_{}", inst.requests[ri].row, inst.experts[ei].row);
    writeln!(
        w,
        "\\ matchpunt batch model, week {}",
        inst.week.map(|w| w.to_string()).unwrap_or_default()
    )?;
    writeln!(
        w,
        "\\ x_R_E: request data row R assigned expert data row E; objective in points"
    )?;
    writeln!(w, "Maximize")?;
    write!(w, " obj:")?;
    let mut n = 0usize;
    let mut term = |w: &mut io::BufWriter<W>, coef: i64, name: &str| -> io::Result<()> {
        let sign = if coef < 0 { '-' } else { '+' };
        write!(w, " {sign} {} {name}", fmt_units(coef.abs()))?;
        n += 1;
        if n.is_multiple_of(8) {
            writeln!(w)?;
        }
        Ok(())
    };
    for s in &res.scored {
        term(
            &mut w,
            s.value,
            &var(s.pair.request as usize, s.pair.expert as usize),
        )?;
    }
    let mut has_pairs = vec![false; inst.experts.len()];
    for s in &res.scored {
        has_pairs[s.pair.expert as usize] = true;
    }
    let mut spread_vars = Vec::new();
    if spread > 0 {
        for (e, _) in inst.experts.iter().zip(&has_pairs).filter(|(_, &has)| has) {
            for k in 2..=e.max_assignments {
                let name = format!("s_{}_{}", e.row, k);
                term(&mut w, -spread * (k as i64 - 1), &name)?;
                spread_vars.push(name);
            }
        }
    }
    writeln!(w)?;
    writeln!(w, "Subject To")?;
    // Whether the policy's heavy-theme pause is on: the solver's problem then marks heavy arcs
    // (or a pinned heavy seat), see `solve::Arc::heavy`.
    let heavy_pause = res.problem.arcs.iter().any(|a| a.heavy)
        || res
            .problem
            .experts
            .iter()
            .any(|c| c.busy_slots & crate::solve::HEAVY_BIT != 0);
    // Per expert and per request lists of variables.
    let mut by_expert: Vec<Vec<usize>> = vec![Vec::new(); inst.experts.len()];
    let mut lo = 0;
    for (ri, r) in inst.requests.iter().enumerate() {
        let hi = lo + res.scored[lo..].partition_point(|s| s.pair.request as usize == ri);
        if hi > lo {
            let names: Vec<String> = res.scored[lo..hi]
                .iter()
                .map(|s| var(ri, s.pair.expert as usize))
                .collect();
            writeln!(
                w,
                " seats_{}: {} <= {}",
                r.row,
                names.join(" + "),
                r.experts_needed
            )?;
        }
        for (k, s) in res.scored[lo..hi].iter().enumerate() {
            by_expert[s.pair.expert as usize].push(lo + k);
        }
        lo = hi;
    }
    for (ei, e) in inst.experts.iter().enumerate() {
        let list = &by_expert[ei];
        if list.is_empty() {
            continue;
        }
        let names: Vec<String> = list
            .iter()
            .map(|&i| var(res.scored[i].pair.request as usize, ei))
            .collect();
        writeln!(
            w,
            " count_{}: {} <= {}",
            e.row,
            names.join(" + "),
            e.max_assignments
        )?;
        let loads: Vec<String> = list
            .iter()
            .map(|&i| {
                let ri = res.scored[i].pair.request as usize;
                format!("{} {}", inst.requests[ri].intensity, var(ri, ei))
            })
            .collect();
        writeln!(
            w,
            " load_{}: {} <= {}",
            e.row,
            loads.join(" + "),
            e.load_budget
        )?;
        if let Some(rolling) = e.rolling_budget {
            // Load over weeks: what the rolling budget leaves after the window's earlier weeks.
            writeln!(
                w,
                " rolling_{}: {} <= {}",
                e.row,
                loads.join(" + "),
                rolling.saturating_sub(e.rolling_used)
            )?;
        }
        if heavy_pause {
            // The heavy-theme pause within the week: at most one heavy-theme seat (a pinned
            // one included, through its pin_ row).
            let heavy: Vec<&str> = list
                .iter()
                .zip(&names)
                .filter(|(&i, _)| inst.requests[res.scored[i].pair.request as usize].heavy)
                .map(|(_, n)| n.as_str())
                .collect();
            if heavy.len() >= 2 {
                writeln!(w, " heavy_{}: {} <= 1", e.row, heavy.join(" + "))?;
            }
        }
        if spread > 0 && e.max_assignments >= 2 {
            let s: Vec<String> = (2..=e.max_assignments)
                .map(|k| format!("s_{}_{}", e.row, k))
                .collect();
            writeln!(
                w,
                " spread_{}: {} - {} <= 1",
                e.row,
                names.join(" + "),
                s.join(" - ")
            )?;
        }
        for slot in 0..21u8 {
            let in_slot: Vec<&String> = list
                .iter()
                .zip(&names)
                .filter(|(&i, _)| {
                    inst.requests[res.scored[i].pair.request as usize]
                        .slot
                        .map(|s| s.0)
                        == Some(slot)
                })
                .map(|(_, n)| n)
                .collect();
            if in_slot.len() >= 2 {
                let joined: Vec<&str> = in_slot.iter().map(|s| s.as_str()).collect();
                writeln!(w, " slot_{}_{}: {} <= 1", e.row, slot, joined.join(" + "))?;
            }
        }
    }
    for a in res.assignments.iter().filter(|a| a.pinned) {
        writeln!(
            w,
            " pin_{}_{}: {} = 1",
            inst.requests[a.request].row,
            inst.experts[a.expert].row,
            var(a.request, a.expert)
        )?;
    }
    for c in &res.pin_conflicts {
        let eligible = res
            .scored
            .binary_search_by(|s| {
                (s.pair.request as usize, s.pair.expert as usize).cmp(&(c.request, c.expert))
            })
            .is_ok();
        if eligible {
            writeln!(
                w,
                " pinconflict_{}_{}: {} = 0",
                inst.requests[c.request].row,
                inst.experts[c.expert].row,
                var(c.request, c.expert)
            )?;
        }
    }
    writeln!(w, "Binary")?;
    for s in &res.scored {
        writeln!(
            w,
            " {}",
            var(s.pair.request as usize, s.pair.expert as usize)
        )?;
    }
    for s in &spread_vars {
        writeln!(w, " {s}")?;
    }
    writeln!(w, "End")?;
    w.flush()
}
