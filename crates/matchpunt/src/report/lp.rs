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
//!
//! A trajectory (issue 24, requests.csv `meetings`) takes `intensity × meetings in the window`
//! in its expert's `rolling_E` row: its later meetings counted from the batch week.
//!
//! Team rules (issue 24, [`crate::solve::TeamRules::check`]) are rows per request R, only where
//! a rule can bind: `notwith_R_A_B` (`x_R_A + x_R_B <= 1`); `team_R_new_E` (a new expert E needs
//! an experienced one: `x_R_E - Σ experienced x_R_ <= 0`); where the team must be whole, a
//! binary `y_R` with `Σ x_R_ = seats · y_R` (`team_R_whole`, two `<=` rows) and
//! `Σ experienced x_R_ >= min(experienced_min, seats) · y_R` (`team_R_exp`); or, a new expert
//! making it whole, `seats · x_R_E <= Σ x_R_` (`team_R_whole_E`); where it may be partial, a
//! binary `z_R` = "someone not experienced is sent" (`team_R_other_E`) with
//! `Σ experienced x_R_ >= experienced_min · z_R` (`team_R_exp`). On a request with pins the rows
//! hold only when someone is added (binary `a_R`, `team_R_add_E`), each row relaxed by
//! `M (1 - a_R)`, as the engine leaves a coordinator's pins as they are.

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
            // A trajectory takes its intensity for each of its meetings in the window from the
            // batch week (issue 24), pins included.
            let rolling_loads: Vec<String> = list
                .iter()
                .map(|&i| {
                    let ri = res.scored[i].pair.request as usize;
                    let m = res.teams.meetings_of(ri as u32);
                    format!("{} {}", inst.requests[ri].intensity * m, var(ri, ei))
                })
                .collect();
            writeln!(
                w,
                " rolling_{}: {} <= {}",
                e.row,
                rolling_loads.join(" + "),
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
    let team_vars = write_team_rows(inst, res, &mut w)?;
    writeln!(w, "Binary")?;
    for s in &res.scored {
        writeln!(
            w,
            " {}",
            var(s.pair.request as usize, s.pair.expert as usize)
        )?;
    }
    for s in &team_vars {
        writeln!(w, " {s}")?;
    }
    for s in &spread_vars {
        writeln!(w, " {s}")?;
    }
    writeln!(w, "End")?;
    w.flush()
}

/// One row `name: Σ coef · var <= rhs`.
type Row = (String, Vec<(i64, String)>, i64);

/// The team rows of the model (see the module docs); returns the auxiliary binaries.
fn write_team_rows<W: Write>(
    inst: &Instance,
    res: &BatchResult,
    w: &mut io::BufWriter<W>,
) -> io::Result<Vec<String>> {
    use crate::solve::Standing;
    let t = &res.teams;
    let mut aux = Vec::new();
    if !t.is_active() {
        return Ok(aux);
    }
    let var =
        |ri: usize, ei: usize| format!("x_{}_{}", inst.requests[ri].row, inst.experts[ei].row);
    let standing = |e: usize| t.standing.get(e).copied().unwrap_or_default();
    let mut lo = 0;
    for (ri, r) in inst.requests.iter().enumerate() {
        let hi = lo + res.scored[lo..].partition_point(|s| s.pair.request as usize == ri);
        let experts: Vec<usize> = res.scored[lo..hi]
            .iter()
            .map(|s| s.pair.expert as usize)
            .collect();
        lo = hi;
        if experts.is_empty() {
            continue;
        }
        let req = &t.requests[ri];
        let row = r.row;
        let fixed: Vec<usize> = req.fixed.iter().map(|&e| e as usize).collect();
        // Rows are written as `lhs <= rhs`; with pins, relaxed by M (1 - a_R).
        let pinned = !fixed.is_empty();
        let m = (experts.len() as u32 + req.seats + req.experienced_min + 1) as i64;
        let mut rows: Vec<Row> = Vec::new();
        let sum = |c: i64, of: &[usize]| -> Vec<(i64, String)> {
            of.iter().map(|&e| (c, var(ri, e))).collect()
        };
        for (i, &a) in experts.iter().enumerate() {
            for &b in &experts[i + 1..] {
                let (x, y) = (a.min(b), a.max(b));
                if t.not_with.binary_search(&(x as u32, y as u32)).is_ok() {
                    let name = format!(
                        "notwith_{row}_{}_{}",
                        inst.experts[x].row, inst.experts[y].row
                    );
                    rows.push((name, sum(1, &[x, y]), 1));
                }
            }
        }
        let exp: Vec<usize> = experts
            .iter()
            .copied()
            .filter(|&e| standing(e) == Standing::Experienced)
            .collect();
        let new: Vec<usize> = experts
            .iter()
            .copied()
            .filter(|&e| standing(e) == Standing::New)
            .collect();
        let other: Vec<usize> = experts
            .iter()
            .copied()
            .filter(|&e| standing(e) != Standing::Experienced)
            .collect();
        for &n in &new {
            let mut lhs = vec![(1, var(ri, n))];
            lhs.extend(sum(-1, &exp));
            rows.push((format!("team_{row}_new_{}", inst.experts[n].row), lhs, 0));
        }
        let seats = i64::from(req.seats);
        let minimum = i64::from(req.experienced_min);
        let whole = !t.allow_partial && req.seats >= 2;
        if whole && minimum > 0 {
            let y = format!("y_{row}");
            let mut up = sum(1, &experts);
            up.push((-seats, y.clone()));
            let mut down = sum(-1, &experts);
            down.push((seats, y.clone()));
            rows.push((format!("team_{row}_whole_up"), up, 0));
            rows.push((format!("team_{row}_whole_down"), down, 0));
            let mut e = sum(-1, &exp);
            e.push((minimum.min(seats), y.clone()));
            rows.push((format!("team_{row}_exp"), e, 0));
            aux.push(y);
        } else if minimum > 0 {
            let z = format!("z_{row}");
            for &o in &other {
                rows.push((
                    format!("team_{row}_other_{}", inst.experts[o].row),
                    vec![(1, var(ri, o)), (-1, z.clone())],
                    0,
                ));
            }
            let mut e = sum(-1, &exp);
            e.push((minimum, z.clone()));
            rows.push((format!("team_{row}_exp"), e, 0));
            aux.push(z);
        }
        if whole && minimum == 0 {
            for &n in &new {
                let mut lhs = vec![(seats, var(ri, n))];
                lhs.extend(sum(-1, &experts));
                rows.push((format!("team_{row}_whole_{}", inst.experts[n].row), lhs, 0));
            }
        }
        if rows.is_empty() {
            continue;
        }
        let a = format!("a_{row}");
        if pinned {
            for &e in experts.iter().filter(|e| !fixed.contains(e)) {
                writeln!(
                    w,
                    " team_{row}_add_{}: {} - {a} <= 0",
                    inst.experts[e].row,
                    var(ri, e)
                )?;
            }
            aux.push(a.clone());
        }
        for (name, mut lhs, mut rhs) in rows {
            if pinned {
                lhs.push((m, a.clone()));
                rhs += m;
            }
            let terms: Vec<String> = lhs
                .iter()
                .enumerate()
                .map(|(i, (c, x))| {
                    let sign = if *c < 0 {
                        "-"
                    } else if i == 0 {
                        ""
                    } else {
                        "+"
                    };
                    let sep = if i == 0 { "" } else { " " };
                    match c.abs() {
                        1 => format!("{sep}{sign}{}{x}", if sign.is_empty() { "" } else { " " }),
                        k => format!(
                            "{sep}{sign}{}{k} {x}",
                            if sign.is_empty() { "" } else { " " }
                        ),
                    }
                })
                .collect();
            writeln!(w, " {name}: {} <= {rhs}", terms.concat())?;
        }
    }
    Ok(aux)
}
