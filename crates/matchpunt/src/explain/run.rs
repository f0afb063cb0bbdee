//! The `fix` column of `run`'s `unmatched.csv`: fixes within a work budget, so that they stay a
//! small part of a run.

#[allow(unused_imports)]
use super::*;
use rayon::prelude::*;

/// Batches with more candidate pairs than this get no `fix` column in `run` (only a pointer to
/// `explain --request`).
pub const RUN_FIX_MAX_PAIRS: usize = 200_000;

/// Fills the `reason` of every row of `unmatched` with the one reason every output shows
/// ([`Base::open_reason`]), and its `fix` with the smallest change that fills one of its seats,
/// verified by a re-solve, both in `lang` (the fixes within [`FixBudget::for_run`], and before
/// `deadline`, the run's time limit less what writing needs).
///
/// The work is bounded: each try costs the batch's pairs plus the re-solved part's pairs once
/// per branch-and-bound node, against the budget's 2,000,000. Without a deadline the column is
/// the same on every machine.
pub fn with_fixes(
    inst: &Instance,
    policy: &Policy,
    opts: &SolveOptions,
    res: &BatchResult,
    mut unmatched: Vec<crate::report::Unmatched>,
    deadline: Option<Instant>,
    lang: Lang,
) -> Vec<crate::report::Unmatched> {
    if unmatched.is_empty() {
        return unmatched;
    }
    let base = Base::from_result(inst, policy, *opts, res);
    let booked = base.booked();
    // The one reason, as the web page and explain give it: one open request's reason reads
    // the base only, so they are made in parallel (in place: the same file at any thread count).
    unmatched
        .par_iter_mut()
        .for_each(|u| u.reason = base.open_reason(u.request, &booked, lang));
    // Each try rebuilds the batch's problem: beyond this size the column would cost more than
    // the run itself.
    let pairs = res.problem.arcs.len();
    if pairs > RUN_FIX_MAX_PAIRS {
        let why = lang.fill(Msg::FixBatchTooLarge, &[("pairs", &pairs)]);
        for u in &mut unmatched {
            let req = &inst.requests[u.request].id;
            u.fix = lang.fill(
                Msg::FixNotComputed,
                &[("why", &why.replace("{request}", req))],
            );
        }
        return unmatched;
    }
    let mut budget = FixBudget {
        deadline,
        ..FixBudget::for_run()
    };
    for u in &mut unmatched {
        let fixes = base.fixes(u.request, &booked, 1, &mut budget);
        // The reason from the same facts as the fix.
        u.reason = base.open_reason_given(u.request, &booked, lang, Some(&fixes));
        u.fix = fixes_text(inst, policy, u.request, &fixes, lang);
    }
    unmatched
}
