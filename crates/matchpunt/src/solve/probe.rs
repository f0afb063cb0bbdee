//! One stage of the solver on its own, for the criterion benchmarks (`benches/benches/master.rs`):
//! the master LP of the root, started as the root starts it. Not used by the search; it exists so
//! that a change to the master LP shows in a benchmark of the master alone.

use super::{bundle, master, relax, repair, residual, Fix, NoRelaxation, Problem, Residual};
use matchpunt_flow::Algorithm;

/// Where the root's master LP starts: the seat prices after the flow relaxation and the
/// bundle bound's subgradient steps, and their bound.
pub struct MasterStart {
    res: Residual,
    mu: Vec<i64>,
    /// The bundle bound at the start prices, in solver units.
    pub bound: i64,
}

/// The start of the root's master LP on `p` (nothing fixed): the flow relaxation's seat prices,
/// then `steps` subgradient steps of the bundle bound (30 at the root when the master follows),
/// each relaxed solution repaired into an incumbent for the step sizes. None when the flow
/// cannot be built. O(steps × (arcs + the experts' knapsacks)).
pub fn master_start(p: &Problem, steps: usize) -> Option<MasterStart> {
    let fix = Fix::default();
    let res = residual(p, &fix)?;
    let zero = vec![0i64; p.experts.len()];
    let flow = match relax(p, &fix, Algorithm::default(), &zero, None) {
        Ok(r) => r,
        Err(NoRelaxation::Infeasible | NoRelaxation::Stopped) => return None,
    };
    let mut by_value: Vec<usize> = (0..p.arcs.len()).collect();
    by_value.sort_by(|&a, &b| p.arcs[b].value.cmp(&p.arcs[a].value).then(a.cmp(&b)));
    let mut inc = repair(p, &flow.chosen, &by_value, None).1;
    let (bound, _, mu) = bundle::optimise(p, &fix, &res, flow.mu, steps, None, |x| {
        inc = inc.max(repair(p, x, &by_value, None).1);
        inc
    });
    Some(MasterStart { res, mu, bound })
}

/// The root's master LP from `start`: at most `rounds` rounds (40 at the root) of Kelley's
/// cutting planes. Returns the bound it proves (None when the master does not apply to `p` or
/// improves nothing on the start). Each round is one LP (microlp) and one knapsack per expert.
pub fn master_refine(p: &Problem, start: &MasterStart, rounds: usize) -> Option<i64> {
    let fix = Fix::default();
    if !master::applies(p, &fix, &start.res) {
        return None;
    }
    master::refine(p, &fix, &start.res, &start.mu, start.bound, rounds, None).map(|r| r.0)
}
