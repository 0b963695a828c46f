//! itsm-assess: assess the maturity of an IT service management programme from survey
//! responses and plan its recovery.
//!
//! The data flows one way: a [`questionnaire`] and survey [`responses`] go through scoring into
//! an assessment, the assessment into a recovery roadmap, and both into [`report`]s with
//! [`charts`]. Every output format is an exporter in [`export`], and every figure and user
//! text is written through [`format`](mod@format).
//!
//! # One job, one pass
//!
//! A run is a [`job::Job`], built once from a [`job::JobSpec`] (the command line in [`cli`]
//! fills one; any other front end, such as an engagement file, fills the same settings): it
//! loads the questionnaire, mapping, targets and templates, and records every file it reads
//! so that no output can overwrite an input. Its stages ([`job::Job::assess`],
//! [`job::Job::plan`], [`job::Job::render_report`]) are the whole pipeline; [`app`] only maps
//! each command to them, and every command is callable without the command line.
//!
//! # Where the next features go
//!
//! - **A new consumer of response rows** (free-text comments, a date finder, evidence that
//!   rides on the survey): a type implementing the reader's row sink (see [`responses`]),
//!   added to the fan-out the job hands the reader, so the files are still read once.
//! - **A new output format or document**: an exporter in [`export`] (see its module doc).
//! - **A new input kind** (ticket records, a cost file, an earlier wave's `scores.json`): a
//!   setting in [`job::JobSpec`] whose file [`job::Job::build`] opens through
//!   [`job::Inputs::record`], a reader module of its own, and a stage on the job.
//! - **A new setting a message suggests**: a variant of [`error::Setting`], worded by the
//!   front end.

pub mod app;
pub mod charts;
pub mod choice;
pub mod cli;
pub mod comments;
pub mod engagement;
pub mod error;
pub mod evidence;
pub mod export;
pub mod format;
pub mod input;
pub mod job;
pub mod manpages;
pub mod observations;
pub mod output;
pub mod pipeline;
pub mod progress;
pub mod questionnaire;
pub mod report;
pub mod responses;
pub mod roadmap;
pub mod scoring;
pub mod template;
pub mod waves;
