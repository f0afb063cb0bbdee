//! Why given assignments (an assignments file, or the ledger's week) do not fit a batch: the
//! typed error of [`Base::from_assignments`], said through the message table so that rules 3
//! and 4 read as one stage in either language.

#[allow(unused_imports)]
use super::*;

/// Why given assignments do not fit a batch ([`Base::from_assignments`]).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum AssignmentsMismatch {
    /// A pin the batch keeps is missing from the assignments.
    PinMissing {
        /// The pinned expert's id.
        expert: String,
        /// The request's id.
        request: String,
    },
    /// An assigned pair is not eligible with these inputs, or is a refused pin (`stage` is
    /// `None`). Rules 3 and 4 are one stage, [`Stage::Personal`].
    NotEligible {
        /// The expert's id.
        expert: String,
        /// The request's id.
        request: String,
        /// The first stage the pair fails, `None` for a refused pin.
        stage: Option<Stage>,
    },
    /// Together the assignments give an expert more assignments or load than they may take
    /// this week, or a request more experts than it has seats.
    OverLimit {
        /// The expert's or the request's id.
        id: String,
        /// How many (assignments, load points or experts).
        n: u32,
        /// The most allowed.
        max: u32,
        /// Which limit: `count`, `load` or `seats`.
        what: &'static str,
    },
    /// Together the assignments break a limit of an expert or a request.
    Limit {
        /// The validator's description of the broken limit.
        why: String,
    },
}

impl AssignmentsMismatch {
    /// The first expert over their most assignments or load budget ([`Expert::budget`]), or
    /// request over its seats, among `pairs` (request, expert): None when none is.
    pub fn over_limit(
        inst: &Instance,
        pairs: impl IntoIterator<Item = (usize, usize)>,
    ) -> Option<AssignmentsMismatch> {
        let mut count = vec![0u32; inst.experts.len()];
        let mut load = vec![0u32; inst.experts.len()];
        let mut seats = vec![0u32; inst.requests.len()];
        for (r, e) in pairs {
            count[e] += 1;
            load[e] += inst.requests[r].intensity;
            seats[r] += 1;
        }
        let expert = inst.experts.iter().enumerate().find_map(|(i, x)| {
            if count[i] > x.max_assignments {
                Some((x.id.clone(), count[i], x.max_assignments, "count"))
            } else if load[i] > x.budget() {
                Some((x.id.clone(), load[i], x.budget(), "load"))
            } else {
                None
            }
        });
        let request = || {
            inst.requests.iter().enumerate().find_map(|(i, r)| {
                (seats[i] > r.experts_needed)
                    .then(|| (r.id.clone(), seats[i], r.experts_needed, "seats"))
            })
        };
        expert
            .or_else(request)
            .map(|(id, n, max, what)| AssignmentsMismatch::OverLimit { id, n, max, what })
    }

    /// The text in `lang`, from the message table.
    pub fn text(&self, lang: Lang) -> String {
        match self {
            AssignmentsMismatch::PinMissing { expert, request } => lang.fill(
                Msg::AssignmentsPinMissing,
                &[("expert", expert), ("request", request)],
            ),
            AssignmentsMismatch::NotEligible {
                expert,
                request,
                stage,
            } => {
                let rule = match stage {
                    Some(s) => s.label_in(lang),
                    None => lang.text(Msg::AssignmentsRefusedPin).to_string(),
                };
                lang.fill(
                    Msg::AssignmentsNotEligible,
                    &[("expert", expert), ("request", request), ("rule", &rule)],
                )
            }
            AssignmentsMismatch::OverLimit { id, n, max, what } => {
                let msg = match *what {
                    "count" => Msg::AssignmentsOverCount,
                    "load" => Msg::AssignmentsOverLoad,
                    _ => Msg::AssignmentsOverSeats,
                };
                lang.fill(msg, &[("id", id), ("n", n), ("max", max)])
            }
            AssignmentsMismatch::Limit { why } => lang.fill(Msg::AssignmentsLimit, &[("why", why)]),
        }
    }
}

impl std::fmt::Display for AssignmentsMismatch {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.text(Lang::En))
    }
}

impl std::error::Error for AssignmentsMismatch {}
