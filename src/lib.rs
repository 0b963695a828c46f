//! itsm-assess: assess the maturity of an IT service management programme from survey
//! responses and plan its recovery.
//!
//! The data flows one way: a [`questionnaire`] and survey [`responses`] go through scoring into
//! an assessment, the assessment into a recovery roadmap, and both into [`report`]s with
//! [`charts`].

pub mod app;
pub mod charts;
pub mod cli;
pub mod error;
pub mod input;
pub mod output;
pub mod pipeline;
pub mod questionnaire;
pub mod report;
pub mod responses;
pub mod roadmap;
pub mod scoring;
pub mod text;
