//! itsm-assess: assess the maturity of an IT service management programme from survey
//! responses and plan its recovery.
//!
//! The data flows one way: a [`questionnaire`] and survey [`responses`] go through scoring into
//! an assessment, the assessment into a recovery roadmap, and both into [`report`]s with
//! [`charts`]. Every output format is an exporter in [`export`], and every figure and user
//! text is written through [`format`](mod@format).

pub mod app;
pub mod charts;
pub mod choice;
pub mod cli;
pub mod error;
pub mod export;
pub mod format;
pub mod job;
pub mod output;
pub mod pipeline;
pub mod questionnaire;
pub mod report;
pub mod responses;
pub mod roadmap;
pub mod scoring;
