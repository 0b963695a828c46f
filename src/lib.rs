//! itsm-assess: assess the maturity of an IT service management programme from survey
//! responses and plan its recovery.
//!
//! The data flows one way: a [`questionnaire`] and survey responses go through scoring into an
//! assessment, the assessment into a recovery roadmap, and both into reports.

pub mod error;
pub mod questionnaire;
pub mod responses;
pub mod scoring;
