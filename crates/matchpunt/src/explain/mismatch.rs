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
    /// Together the assignments break a limit of an expert or a request.
    Limit {
        /// The validator's description of the broken limit.
        why: String,
    },
}

impl AssignmentsMismatch {
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
