//! matchpunt: assigning requests from organisations to certified experts by experience.
//!
//! The pipeline, one module each:
//! [`ingest`] (CSV per the data contract) → [`eligibility`] (hard rules 1-8, candidate index) →
//! [`scoring`] (the policy's soft score) → [`solve`] (exact optimum under rules 8-11) →
//! [`report`] (outputs with reasons). [`explain`] answers the advice-and-match point (`suggest`,
//! `explain`, verified fixes for open seats), with its texts in English and Dutch from
//! [`messages`]. The library never touches argv, stdout or paths: it takes readers and returns
//! data.

pub mod analysis;
pub mod batch;
pub mod eligibility;
pub mod explain;
pub mod ingest;
pub mod messages;
pub mod model;
pub mod names;
pub mod policy;
pub mod report;
pub mod scoring;
pub mod solve;
pub mod teams;
