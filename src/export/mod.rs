//! Exporters: the documents the tool writes (the [`Assessment`] and the [`Plan`]) in each
//! output format.
//!
//! A format is a unit struct: [`Json`], [`Csv`], [`Table`] (plain text for a terminal or an
//! e-mail) and [`Markdown`]. A document is a trait with one method, implemented by every format
//! that can write it: [`AssessmentExporter`] and [`PlanExporter`]. JSON writes any document
//! the same way, so its implementations live in `export/json.rs`; the other formats lay each
//! document out in their own way, and those layouts live beside the document:
//! `scoring/export.rs` for the assessment, `roadmap/export.rs` for the plan.
//!
//! What the layouts share lives here: [`grid`] draws every table of the terminal and the
//! Markdown outputs, [`csv::CsvDocument`] is the one CSV writer (formula-safe), and
//! [`crate::format`] writes every figure and cleans every user text.
//!
//! The seams:
//!
//! * **a new format**: a unit struct here, a module beside [`grid`] if it needs shared drawing
//!   code, and an implementation of each document trait it can write (in the document's
//!   `export.rs`); the command line maps its format option to the struct;
//! * **a new document** (a comparison of two waves, say): a trait here with one method, and
//!   its implementations for the formats in the new document's own `export.rs`.

pub mod csv;
pub mod grid;
mod json;

use crate::questionnaire::Questionnaire;
use crate::roadmap::Plan;
use crate::scoring::Assessment;
use anyhow::Result;

/// JSON: the machine interface, every figure in full precision, pretty-printed with a
/// trailing newline.
#[derive(Debug, Clone, Copy, Default)]
pub struct Json;

/// CSV for spreadsheets: one header row, fixed decimals, `\n` line ends, every text cell
/// guarded against formula injection (see [`csv::CsvDocument`]).
#[derive(Debug, Clone, Copy, Default)]
pub struct Csv;

/// Plain text for a terminal or an e-mail: aligned columns, figures rounded for reading, no
/// control or bidirectional formatting character from the data.
#[derive(Debug, Clone, Copy, Default)]
pub struct Table;

/// Markdown a leader can paste into a wiki: every user text escaped.
#[derive(Debug, Clone, Copy, Default)]
pub struct Markdown;

/// A format that can write the assessment.
pub trait AssessmentExporter {
    /// The assessment in this format. The same assessment always gives the same text.
    fn assessment(&self, assessment: &Assessment) -> Result<String>;
}

/// A format that can write the comments of a run (`itsm-assess comments`).
pub trait CommentsExporter {
    /// The comments that may be shown, scrubbed, in this format. The same comments always give
    /// the same text.
    fn comments(&self, comments: &crate::comments::Comments) -> Result<String>;
}

/// A format that can write the plan.
pub trait PlanExporter {
    /// The plan in this format, with what the plan does not carry itself (the questionnaire's
    /// version, action descriptions and level names) taken from the questionnaire it was made
    /// from. The same inputs always give the same text.
    fn plan(&self, plan: &Plan, q: &Questionnaire) -> Result<String>;
}
