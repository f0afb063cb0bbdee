//! Why the ledger refuses a write or a read, as data, and the ledger's errors in the reader's
//! language.
//!
//! Why typed: a refusal reaches a Dutch coordinator through the command line or the web page,
//! far from the ledger that knows the reason. A [`Denial`] keeps the reason's values and is
//! written by [`Denial::text`] from the one message table in the reader's language;
//! [`crate::Error::text`] does the same for every error of the ledger.

use crate::rules::Refusal;
use matchpunt::messages::{Lang, Msg};

/// One history row as a refusal shows it: the fields compared with the ledger.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ShownRow {
    /// Expert id.
    pub expert: String,
    /// Organisation as written.
    pub org: String,
    /// Role as written.
    pub role: String,
    /// Wellbeing load.
    pub intensity: u32,
    /// Declined.
    pub declined: bool,
}

/// How a history file's week differs from the ledger's.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum HistoryDiff {
    /// A row of the file that the ledger has not.
    FileOnly(ShownRow),
    /// A row of the ledger that the file has not.
    LedgerOnly(ShownRow),
    /// The same rows, in other numbers.
    Counts {
        /// Rows in the file.
        file: usize,
        /// Rows in the ledger.
        ledger: usize,
    },
}

/// Why the ledger refuses: each kind with its values, written by [`Denial::text`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Denial {
    /// A reason the caller gave, already in the reader's language (a booking check's).
    Said(String),
    /// A booking's check ([`crate::rules::check`]) refused it.
    Booking(Refusal),
    /// A history file has rows of a week that is open in the ledger, or not over yet.
    HistoryWeekNotClosed {
        /// The week.
        week: String,
        /// Open in the ledger (else: not over yet).
        open: bool,
    },
    /// A history file's week differs from the ledger's.
    HistoryConflict {
        /// The week.
        week: String,
        /// How.
        diff: HistoryDiff,
        /// An expert was erased from the ledger (`ledger forget`): said, as the file may
        /// bring them back.
        forgotten: bool,
    },
    /// After `ledger forget`, a history file has weeks the ledger does not hold.
    ForgottenNewWeeks {
        /// The weeks.
        weeks: Vec<String>,
    },
    /// The week changed while a run was solving.
    RunChanged {
        /// The week.
        week: String,
    },
    /// A decision on a pair no run of the week proposed (nor a booking).
    NotProposed {
        /// The week.
        week: String,
        /// Expert id.
        expert: String,
        /// Request id.
        request: String,
        /// The week has no run yet.
        no_run: bool,
    },
    /// Accepting a pair that was declined this week.
    DeclineStands {
        /// The week.
        week: String,
        /// Expert id.
        expert: String,
        /// Request id.
        request: String,
    },
    /// Closing a week with nothing recorded.
    NothingToClose {
        /// The week.
        week: String,
    },
    /// Closing a week whose records break the ledger's rules (`ledger check`'s words).
    CloseBroken {
        /// The week.
        week: String,
        /// The problems found.
        problems: Vec<crate::CheckProblem>,
    },
    /// An id held in several spellings that differ only in case.
    CaseSpellings {
        /// How many spellings.
        n: usize,
    },
    /// An id as given that reads as several ids the ledger holds (`3` when it holds E3 and
    /// T3): the person must be named exactly.
    IdReadsAsSeveral {
        /// The id as given.
        id: String,
        /// The ids it reads as.
        ids: Vec<String>,
    },
    /// An access request for an id the ledger holds nothing about.
    NothingAbout {
        /// The ledger's path.
        ledger: String,
        /// The id as given.
        id: String,
    },
    /// A purge over weeks that are still open.
    OpenWeeksBefore {
        /// The open weeks.
        weeks: Vec<String>,
        /// The purge's `--before`.
        before: String,
    },
    /// Not a standby of the request in the latest run.
    NotAStandby {
        /// The standby's id.
        standby: String,
        /// Request id.
        request: String,
        /// The week.
        week: String,
    },
    /// The expert the standby stands in for has not declined.
    NotDeclinedYet {
        /// The standby's id.
        standby: String,
        /// Request id.
        request: String,
        /// The experts it stands in for.
        of: Vec<String>,
    },
    /// The request has no proposal this week.
    NoProposal {
        /// Request id.
        request: String,
    },
    /// The standby declined the request this week.
    StandbyDeclined {
        /// The standby's id.
        standby: String,
        /// Request id.
        request: String,
    },
    /// The standby has the request already.
    StandbyHasIt {
        /// The standby's id.
        standby: String,
        /// Request id.
        request: String,
    },
    /// Someone was booked for the request after the run.
    BookedAfter {
        /// The expert booked.
        expert: String,
        /// Request id.
        request: String,
    },
    /// The standby was booked in the seat's slot after the run.
    SlotAfter {
        /// The standby's id.
        standby: String,
        /// The slot as written.
        slot: String,
    },
    /// The standby reached their most assignments with bookings after the run.
    CountAfter {
        /// The standby's id.
        standby: String,
    },
    /// The standby reached their load budget with bookings after the run.
    LoadAfter {
        /// The standby's id.
        standby: String,
    },
}

impl Denial {
    /// The reason in `lang`, from the message table. O(length of the text).
    pub fn text(&self, lang: Lang) -> String {
        match self {
            Denial::Said(s) => s.clone(),
            Denial::Booking(r) => r.text(lang),
            Denial::HistoryWeekNotClosed { week, open } => lang.fill(
                Msg::LedgerHistoryWeekNotClosed,
                &[
                    ("week", week),
                    (
                        "state",
                        &lang.text(if *open {
                            Msg::LedgerWeekOpen
                        } else {
                            Msg::LedgerWeekNotOver
                        }),
                    ),
                ],
            ),
            Denial::HistoryConflict {
                week,
                diff,
                forgotten,
            } => {
                let what = diff_text(diff, lang);
                let msg = if *forgotten {
                    Msg::ForgottenHistoryConflict
                } else {
                    Msg::LedgerHistoryConflict
                };
                lang.fill(msg, &[("week", week), ("what", &what)])
            }
            Denial::ForgottenNewWeeks { weeks } => lang.fill(
                Msg::ForgottenHistoryNewWeeks,
                &[("n", &weeks.len()), ("weeks", &weeks.join(", "))],
            ),
            Denial::RunChanged { week } => lang.fill(Msg::LedgerRunChanged, &[("week", week)]),
            Denial::NotProposed {
                week,
                expert,
                request,
                no_run,
            } => {
                let text = lang.fill(
                    Msg::LedgerNotProposed,
                    &[("week", week), ("expert", expert), ("request", request)],
                );
                if *no_run {
                    format!("{text}{}", lang.text(Msg::LedgerNoRunYet))
                } else {
                    text
                }
            }
            Denial::DeclineStands {
                week,
                expert,
                request,
            } => lang.fill(
                Msg::LedgerDeclineStands,
                &[("week", week), ("expert", expert), ("request", request)],
            ),
            Denial::NothingToClose { week } => {
                lang.fill(Msg::LedgerNothingToClose, &[("week", week)])
            }
            Denial::CloseBroken { week, problems } => lang.fill(
                Msg::LedgerCloseBroken,
                &[
                    ("week", week),
                    (
                        "problems",
                        &problems
                            .iter()
                            .map(|p| p.text(lang))
                            .collect::<Vec<_>>()
                            .join("; "),
                    ),
                ],
            ),
            Denial::CaseSpellings { n } => lang.fill(Msg::LedgerCaseSpellings, &[("n", n)]),
            Denial::IdReadsAsSeveral { id, ids } => lang.fill(
                Msg::LedgerIdReadsAsSeveral,
                &[("id", &format!("{id:?}")), ("ids", &ids.join(", "))],
            ),
            Denial::NothingAbout { ledger, id } => lang.fill(
                Msg::LedgerNothingAbout,
                &[("ledger", ledger), ("id", &format!("{id:?}"))],
            ),
            Denial::OpenWeeksBefore { weeks, before } => lang.fill(
                Msg::LedgerOpenWeeksBefore,
                &[
                    ("n", &weeks.len()),
                    ("weeks", &weeks.join(", ")),
                    ("before", before),
                ],
            ),
            Denial::NotAStandby {
                standby,
                request,
                week,
            } => lang.fill(
                Msg::LedgerNotAStandby,
                &[("standby", standby), ("request", request), ("week", week)],
            ),
            Denial::NotDeclinedYet {
                standby,
                request,
                of,
            } => lang.fill(
                Msg::LedgerNotDeclinedYet,
                &[
                    ("standby", standby),
                    ("request", request),
                    ("of", &of.join(lang.text(Msg::LedgerOr))),
                ],
            ),
            Denial::NoProposal { request } => {
                lang.fill(Msg::LedgerNoProposal, &[("request", request)])
            }
            Denial::StandbyDeclined { standby, request } => lang.fill(
                Msg::LedgerStandbyDeclined,
                &[("standby", standby), ("request", request)],
            ),
            Denial::StandbyHasIt { standby, request } => lang.fill(
                Msg::LedgerStandbyHasIt,
                &[("standby", standby), ("request", request)],
            ),
            Denial::BookedAfter { expert, request } => lang.fill(
                Msg::LedgerBookedAfter,
                &[("expert", expert), ("request", request)],
            ),
            Denial::SlotAfter { standby, slot } => lang.fill(
                Msg::LedgerSlotAfter,
                &[("standby", standby), ("slot", &slot_text(slot, lang))],
            ),
            Denial::CountAfter { standby } => {
                lang.fill(Msg::LedgerCountAfter, &[("standby", standby)])
            }
            Denial::LoadAfter { standby } => {
                lang.fill(Msg::LedgerLoadAfter, &[("standby", standby)])
            }
        }
    }
}

impl std::fmt::Display for Denial {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.text(Lang::En))
    }
}

/// A slot as the ledger stores it (`wed-pm`), in `lang`; as written when it does not parse.
fn slot_text(slot: &str, lang: Lang) -> String {
    matchpunt::model::Slot::parse(slot).map_or_else(|| slot.to_string(), |s| lang.slot(s))
}

fn row_text(r: &ShownRow, lang: Lang) -> String {
    let role = matchpunt::model::Role::parse(&r.role).map_or(r.role.as_str(), |x| lang.role(x));
    let declined = if r.declined {
        lang.text(Msg::LedgerRowDeclined)
    } else {
        ""
    };
    lang.fill(
        Msg::LedgerRow,
        &[
            ("expert", &r.expert),
            ("org", &r.org),
            ("role", &role),
            ("intensity", &r.intensity),
            ("declined", &declined),
        ],
    )
}

fn diff_text(d: &HistoryDiff, lang: Lang) -> String {
    match d {
        HistoryDiff::FileOnly(r) => lang.fill(Msg::LedgerFileOnly, &[("row", &row_text(r, lang))]),
        HistoryDiff::LedgerOnly(r) => {
            lang.fill(Msg::LedgerLedgerOnly, &[("row", &row_text(r, lang))])
        }
        HistoryDiff::Counts { file, ledger } => {
            lang.fill(Msg::LedgerRowCounts, &[("file", file), ("ledger", ledger)])
        }
    }
}

/// Why a file is no ledger (of this matchpunt).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum NotALedger {
    /// SQLite cannot open it (SQLite's reason).
    CannotOpen {
        /// The path.
        file: String,
        /// SQLite's words.
        why: String,
    },
    /// It has no `schema_version` table.
    NoSchema {
        /// The path.
        file: String,
    },
    /// Its schema is newer than this matchpunt knows.
    Newer {
        /// The path.
        file: String,
        /// Its version.
        version: u32,
        /// The newest this matchpunt knows.
        known: u32,
    },
}

impl NotALedger {
    /// The reason in `lang`.
    pub fn text(&self, lang: Lang) -> String {
        match self {
            NotALedger::CannotOpen { file, why } => {
                lang.fill(Msg::LedgerCannotOpen, &[("file", file), ("why", why)])
            }
            NotALedger::NoSchema { file } => lang.fill(Msg::LedgerNoSchema, &[("file", file)]),
            NotALedger::Newer {
                file,
                version,
                known,
            } => lang.fill(
                Msg::LedgerNewer,
                &[("file", file), ("version", version), ("known", known)],
            ),
        }
    }
}

impl std::fmt::Display for NotALedger {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.text(Lang::En))
    }
}

impl crate::Error {
    /// The error in `lang`: every kind from the message table (SQLite's and the system's own
    /// words kept inside it).
    pub fn text(&self, lang: Lang) -> String {
        use crate::Error;
        match self {
            Error::Missing(f) => lang.fill(Msg::LedgerMissing, &[("file", f)]),
            Error::Exists(f) => lang.fill(Msg::LedgerExists, &[("file", f)]),
            Error::NotALedger(n) => n.text(lang),
            Error::Closed(w) => lang.fill(Msg::LedgerClosed, &[("week", w)]),
            Error::Refused(d) => d.text(lang),
            Error::Sql(e) => lang.fill(Msg::LedgerSql, &[("why", e)]),
            Error::Io(f, e) => lang.fill(Msg::LedgerIo, &[("file", f), ("why", e)]),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Error;

    fn row() -> ShownRow {
        ShownRow {
            expert: "E1".into(),
            org: "De Brug".into(),
            role: "buddy".into(),
            intensity: 2,
            declined: true,
        }
    }

    /// One of every kind (a new kind must be added here: the match below has no `_`).
    fn every() -> Vec<Denial> {
        let s = |x: &str| x.to_string();
        let all = vec![
            Denial::HistoryWeekNotClosed {
                week: s("2026-W48"),
                open: true,
            },
            Denial::HistoryWeekNotClosed {
                week: s("2026-W48"),
                open: false,
            },
            Denial::HistoryConflict {
                week: s("2026-W47"),
                diff: HistoryDiff::FileOnly(row()),
                forgotten: false,
            },
            Denial::HistoryConflict {
                week: s("2026-W47"),
                diff: HistoryDiff::LedgerOnly(row()),
                forgotten: true,
            },
            Denial::HistoryConflict {
                week: s("2026-W47"),
                diff: HistoryDiff::Counts { file: 1, ledger: 2 },
                forgotten: false,
            },
            Denial::ForgottenNewWeeks {
                weeks: vec![s("2026-W40"), s("2026-W41")],
            },
            Denial::RunChanged {
                week: s("2026-W48"),
            },
            Denial::NotProposed {
                week: s("2026-W48"),
                expert: s("E1"),
                request: s("R1"),
                no_run: true,
            },
            Denial::DeclineStands {
                week: s("2026-W48"),
                expert: s("E1"),
                request: s("R1"),
            },
            Denial::NothingToClose {
                week: s("2026-W48"),
            },
            Denial::CloseBroken {
                week: s("2026-W48"),
                problems: vec![],
            },
            Denial::CaseSpellings { n: 2 },
            Denial::IdReadsAsSeveral {
                id: s("3"),
                ids: vec![s("E3"), s("T3")],
            },
            Denial::NothingAbout {
                ledger: s("season.ledger"),
                id: s("E9"),
            },
            Denial::OpenWeeksBefore {
                weeks: vec![s("2026-W47")],
                before: s("2026-W48"),
            },
            Denial::NotAStandby {
                standby: s("E2"),
                request: s("R1"),
                week: s("2026-W48"),
            },
            Denial::NotDeclinedYet {
                standby: s("E2"),
                request: s("R1"),
                of: vec![s("E1"), s("E3")],
            },
            Denial::NoProposal { request: s("R1") },
            Denial::StandbyDeclined {
                standby: s("E2"),
                request: s("R1"),
            },
            Denial::StandbyHasIt {
                standby: s("E2"),
                request: s("R1"),
            },
            Denial::BookedAfter {
                expert: s("E2"),
                request: s("R1"),
            },
            Denial::SlotAfter {
                standby: s("E2"),
                slot: s("wed-pm"),
            },
            Denial::CountAfter { standby: s("E2") },
            Denial::LoadAfter { standby: s("E2") },
        ];
        for d in &all {
            match d {
                Denial::Said(_)
                | Denial::Booking(_)
                | Denial::HistoryWeekNotClosed { .. }
                | Denial::HistoryConflict { .. }
                | Denial::ForgottenNewWeeks { .. }
                | Denial::RunChanged { .. }
                | Denial::NotProposed { .. }
                | Denial::DeclineStands { .. }
                | Denial::NothingToClose { .. }
                | Denial::CloseBroken { .. }
                | Denial::CaseSpellings { .. }
                | Denial::IdReadsAsSeveral { .. }
                | Denial::NothingAbout { .. }
                | Denial::OpenWeeksBefore { .. }
                | Denial::NotAStandby { .. }
                | Denial::NotDeclinedYet { .. }
                | Denial::NoProposal { .. }
                | Denial::StandbyDeclined { .. }
                | Denial::StandbyHasIt { .. }
                | Denial::BookedAfter { .. }
                | Denial::SlotAfter { .. }
                | Denial::CountAfter { .. }
                | Denial::LoadAfter { .. } => {}
            }
        }
        all
    }

    /// Every refusal and every error of the ledger is written in Dutch from the table: no
    /// placeholder left, no English word of the English text's, and the values kept.
    #[test]
    fn every_refusal_and_error_reads_in_dutch() {
        let mut errors: Vec<Error> = every().into_iter().map(Error::Refused).collect();
        errors.extend([
            Error::Missing("s.ledger".into()),
            Error::Exists("s.ledger".into()),
            Error::Closed("2026-W48".into()),
            Error::NotALedger(NotALedger::NoSchema {
                file: "s.ledger".into(),
            }),
            Error::NotALedger(NotALedger::Newer {
                file: "s.ledger".into(),
                version: 9,
                known: 7,
            }),
            Error::NotALedger(NotALedger::CannotOpen {
                file: "s.ledger".into(),
                why: "x".into(),
            }),
        ]);
        for e in &errors {
            let (en, nl) = (e.text(Lang::En), e.text(Lang::Nl));
            assert_eq!(en, e.to_string());
            assert_ne!(en, nl, "{e:?}");
            assert!(!nl.contains('{') && !en.contains('{'), "{nl}\n{en}");
            let words = |t: &str| -> Vec<String> {
                t.split('`')
                    .step_by(2)
                    .collect::<String>()
                    .split(|c: char| !c.is_alphabetic() && c != '(' && c != ')')
                    .map(str::to_lowercase)
                    .collect()
            };
            for bad in [
                "expert", "declined", "request", "week(s)", "weeks", "standby", "history",
                "closed", "booked",
            ] {
                assert!(!words(&nl).iter().any(|w| w == bad), "{bad:?} in {nl}");
            }
        }
        let slot = Denial::SlotAfter {
            standby: "E2".into(),
            slot: "wed-pm".into(),
        };
        assert!(
            slot.text(Lang::Nl).contains("wo-middag"),
            "{}",
            slot.text(Lang::Nl)
        );
        let weeks = Denial::OpenWeeksBefore {
            weeks: vec!["2026-W46".into(), "2026-W47".into()],
            before: "2026-W48".into(),
        };
        assert!(
            weeks
                .text(Lang::Nl)
                .starts_with("weken 2026-W46, 2026-W47 voor 2026-W48 zijn nog open"),
            "{}",
            weeks.text(Lang::Nl)
        );
        assert!(weeks
            .text(Lang::En)
            .starts_with("weeks 2026-W46, 2026-W47 before 2026-W48 are still open"));
    }
}
