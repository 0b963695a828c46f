//! JSON of any document: serde's pretty printer, a trailing newline, and an error (never an
//! empty output) if a document cannot be written.

use super::{AssessmentExporter, CommentsExporter, Json, PlanExporter};
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

impl CommentsExporter for Json {
    /// The summaries as the `comments` field of the assessment's JSON has them.
    fn comments(&self, comments: &crate::comments::Comments) -> Result<String> {
        pretty(&comments.questions, "the comments")
    }
}

fn pretty(document: &impl Serialize, what: &str) -> Result<String> {
    let mut text = serde_json::to_string_pretty(document)
        .with_context(|| format!("cannot write {what} as JSON"))?;
    text.push('\n');
    Ok(text)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeMap;

    #[test]
    fn a_document_json_cannot_hold_is_an_error_not_an_empty_line() {
        // JSON object keys are strings: a map keyed by pairs cannot be written.
        let document: BTreeMap<(u8, u8), u8> = [((1, 2), 3)].into_iter().collect();
        let error = pretty(&document, "the test document").expect_err("not JSON");
        assert!(
            error
                .to_string()
                .starts_with("cannot write the test document as JSON"),
            "{error}"
        );
    }

    #[test]
    fn a_document_ends_with_one_newline() {
        let document: BTreeMap<&str, u8> = [("a", 1)].into_iter().collect();
        assert_eq!(pretty(&document, "it").expect("JSON"), "{\n  \"a\": 1\n}\n");
    }
}
