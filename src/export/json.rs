//! JSON of any document: serde's pretty printer, a trailing newline, and an error (never an
//! empty output) if a document cannot be written.

use super::{AssessmentExporter, Json, PlanExporter};
use crate::questionnaire::Questionnaire;
use crate::roadmap::Plan;
use crate::scoring::Assessment;
use anyhow::{Context as _, Result};
use serde::Serialize;

impl AssessmentExporter for Json {
    /// Numbers are not rounded; missing figures are `null`. The output depends only on the
    /// assessment (no map iteration order, no time, no locale).
    fn assessment(&self, assessment: &Assessment) -> Result<String> {
        pretty(assessment, "the assessment")
    }
}

impl PlanExporter for Json {
    /// The plan as it is; the questionnaire adds nothing.
    fn plan(&self, plan: &Plan, _q: &Questionnaire) -> Result<String> {
        pretty(plan, "the roadmap")
    }
}

fn pretty(document: &impl Serialize, what: &str) -> Result<String> {
    let mut text = serde_json::to_string_pretty(document)
        .with_context(|| format!("cannot write {what} as JSON"))?;
    text.push('\n');
    Ok(text)
}
