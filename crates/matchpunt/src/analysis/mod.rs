//! For analysts: what a policy does, to one batch and over many weeks.
//!
//! - [`metrics`]: the metrics of one batch's outcome (fill, travel, load share, Gini coefficient,
//!   continuity), each formula in its docs.
//! - [`simulate`]: the rolling simulation, each week's assignments feeding the next week's
//!   history.

pub mod deploy;
pub mod metrics;
pub mod simulate;
