//! The advice-and-match point: `suggest` for one request, `explain` for every match and every
//! open seat, and the smallest change that fills an open seat.
//!
//! - [`suggest`] ranks every expert who meets rules 1-8 for one request and, given this week's
//!   bookings ([`Booked`]), is within their count and load limits and free in the slot. The
//!   rank is the pair's score minus the batch-spread cost of one more assignment this week; ties
//!   go to the expert who comes first in the file. Near misses are the experts who fail exactly
//!   one condition, ranked by [`Miss::gap`].
//! - [`Base`] is a solved batch (from [`crate::batch::run`] or from an assignments file).
//!   [`Base::evaluate`] applies one [`Change`] and re-solves exactly the part of the batch it can
//!   affect: the connected components (of the candidate graph before and after the change) that
//!   hold a request or expert whose pairs, limits, seats or pins change. Every other component
//!   is the same sub-problem as before, so it keeps its solution, and the objective difference is
//!   exact. A runner-up's cost is the evaluation of a [`Change::Pin`]; a fix is a change whose
//!   evaluation fills the seat.
//! - [`Base::fixes`] lists the candidate changes for an open seat by size ([`Change::size`]) and
//!   keeps those that the re-solve shows to fill it.
//!
//! - [`Base::standbys`] ranks, for every filled seat, the experts who could take it if the
//!   assigned expert drops out, each with the exact cost of a [`Change::Replace`].
//!
//! What lives here, one file each: `week` (this week's bookings), [`suggest`], `standby`, `whatif`
//! (changes and their exact re-solves), `fixes`, `views` (what `suggest` prints, and the
//! words shared by every view), `why` (changes, fixes and pins not kept in words), `request`
//! and `expert` (the two `explain` views), `run` (`run`'s fix column), `mismatch` (given assignments that do not fit the batch),
//! `repair` (a runner-up priced without a re-solve where the batch is too large to re-solve).
//!
//! Texts come from [`crate::messages`]; nothing here names an expert's themes other than a count
//! of the request's own themes they share, and a reason under rule 3 or 4 is "not for this
//! request now".

use crate::batch::{self, BatchResult, PinConflict, Pins};
use crate::eligibility::{self, Pair, Reason, Reasons, Stage};
use crate::ingest::assignments::{read_pair_rows, BatchIds, PairFile};
use crate::ingest::{InputErrors, Source, MAX_ERRORS_PER_FILE};
use crate::messages::{Lang, Msg};
use crate::model::{Expert, Instance, Request, Role, Slot};
use crate::policy::Policy;
use crate::scoring::{self, ExpertHistory, Scored, SCALE};
use crate::solve::{self, Problem, SolveOptions};
use petgraph::unionfind::UnionFind;
use serde::Serialize;
use std::borrow::Cow;
use std::collections::{BTreeMap, HashMap};
use std::fmt::Display;
use std::time::Instant;

mod expert;
mod fixes;
mod mismatch;
mod repair;
mod request;
mod run;
mod standby;
mod suggest;
mod views;
mod week;
mod whatif;
mod why;

pub use expert::*;
pub use fixes::*;
pub use mismatch::*;
pub use repair::*;
pub use request::*;
pub use run::*;
pub use standby::*;
pub use suggest::*;
pub use views::*;
pub use week::*;
pub use whatif::*;
pub use why::*;
