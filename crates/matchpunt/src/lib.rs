//! matchpunt: assigning requests from organisations to certified experts by experience.
//!
//! The pipeline, one module each:
//! [`ingest`] (CSV per the data contract) → [`eligibility`] (hard rules 1-8, candidate index) →
//! [`scoring`] (the policy's soft score) → [`solve`] (exact optimum under rules 8-11) →
//! [`report`] (outputs with reasons). The library never touches argv, stdout or paths: it takes
//! readers and returns data.

pub mod batch;
pub mod eligibility;
pub mod ingest;
pub mod lp;
pub mod metrics;
pub mod model;
pub mod places;
pub mod policy;
pub mod report;
pub mod scoring;
pub mod simulate;
pub mod solve;
pub mod strategy;
