//! Reports: view structs built from the assessment and the plan, rendered through templates.

mod build;
pub mod templates;
pub mod view;

pub use build::{FEW_RESPONDENTS, LOW_ALPHA, ReportMeta, SIGNIFICANCE, build};
pub use templates::Templates;

use crate::questionnaire::Questionnaire;
use crate::roadmap::Plan;
use crate::scoring::Assessment;
use anyhow::Result;

/// Render the HTML report: one self-contained page.
pub fn render_html(
    templates: &Templates,
    q: &Questionnaire,
    assessment: &Assessment,
    plan: &Plan,
    meta: &ReportMeta,
) -> Result<String> {
    templates.render("report.html", &build(q, assessment, plan, meta)?)
}

/// Render the Markdown report: the same content without charts.
pub fn render_markdown(
    templates: &Templates,
    q: &Questionnaire,
    assessment: &Assessment,
    plan: &Plan,
    meta: &ReportMeta,
) -> Result<String> {
    templates.render("report.md", &build(q, assessment, plan, meta)?)
}
