//! What `ledger check` finds wrong in a ledger, as data: each problem is rendered in the
//! reader's language through the one message table ([`matchpunt::messages`]), so that a Dutch
//! coordinator reads a damaged ledger's problems in Dutch.

use matchpunt::messages::{Lang, Msg};

/// One problem of [`crate::Ledger::check`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum CheckProblem {
    /// SQLite's integrity check said this (its own words).
    Integrity(String),
    /// A row of this table refers to a missing row.
    ForeignKey(String),
    /// The schema version is not the one this program writes.
    SchemaVersion {
        /// The file's version.
        have: u32,
        /// This program's version.
        want: u32,
    },
    /// A decision on a pair that no run of its week proposed and nothing booked.
    DecisionOnNothing {
        /// The week.
        week: String,
        /// The decision's row id.
        id: i64,
        /// Its request.
        request: String,
        /// Its expert.
        expert: String,
    },
    /// An expert booked twice for one request.
    BookedTwice {
        /// The week.
        week: String,
        /// The expert.
        expert: String,
        /// The request.
        request: String,
    },
    /// An expert with two seats in one slot.
    TwoSeatsInSlot {
        /// The week.
        week: String,
        /// The expert.
        expert: String,
        /// The slot.
        slot: String,
        /// The first request.
        first: String,
        /// The second request.
        second: String,
    },
    /// A closed week without history rows although it recorded seats.
    ClosedWithoutHistory {
        /// The week.
        week: String,
    },
    /// An open week with history rows (half closed).
    OpenWithHistory {
        /// The week.
        week: String,
        /// Its history rows.
        rows: usize,
    },
    /// History rows of weeks that are not closed.
    OrphanHistory {
        /// How many.
        rows: i64,
    },
}

impl CheckProblem {
    /// The problem in `lang`. O(length of the text).
    pub fn text(&self, lang: Lang) -> String {
        match self {
            CheckProblem::Integrity(why) => lang.fill(Msg::LedgerIntegrity, &[("why", why)]),
            CheckProblem::ForeignKey(table) => {
                lang.fill(Msg::LedgerForeignKey, &[("table", table)])
            }
            CheckProblem::SchemaVersion { have, want } => {
                lang.fill(Msg::LedgerSchemaVersion, &[("have", have), ("want", want)])
            }
            CheckProblem::DecisionOnNothing {
                week,
                id,
                request,
                expert,
            } => lang.fill(
                Msg::LedgerDecisionOnNothing,
                &[
                    ("week", week),
                    ("id", id),
                    ("request", request),
                    ("expert", expert),
                ],
            ),
            CheckProblem::BookedTwice {
                week,
                expert,
                request,
            } => lang.fill(
                Msg::LedgerBookedTwice,
                &[("week", week), ("expert", expert), ("request", request)],
            ),
            CheckProblem::TwoSeatsInSlot {
                week,
                expert,
                slot,
                first,
                second,
            } => lang.fill(
                Msg::LedgerTwoSeatsInSlot,
                &[
                    ("week", week),
                    ("expert", expert),
                    ("slot", slot),
                    ("first", first),
                    ("second", second),
                ],
            ),
            CheckProblem::ClosedWithoutHistory { week } => {
                lang.fill(Msg::LedgerClosedNoHistory, &[("week", week)])
            }
            CheckProblem::OpenWithHistory { week, rows } => {
                lang.fill(Msg::LedgerOpenWithHistory, &[("week", week), ("n", rows)])
            }
            CheckProblem::OrphanHistory { rows } => {
                lang.fill(Msg::LedgerOrphanHistory, &[("n", rows)])
            }
        }
    }
}

impl std::fmt::Display for CheckProblem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.text(Lang::En))
    }
}
