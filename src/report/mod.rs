//! Reports: view structs built from the assessment and the plan, rendered through templates.
//!
//! * [`glance`]: "At a glance", the first two pages: the headline per perspective (groups
//!   side by side), the roadmap strip, the decisions asked of the leadership, the responses;
//! * [`groups`]: which groups are shown, withheld or too small, the heatmaps, and the
//!   differences between groups kept after Holm's adjustment;
//! * [`narrative`]: every sentence the report writes from the data (summary, gaps, cautions);
//! * `charting`: the assessment and the plan turned into chart inputs and drawn as SVG;
//! * `method`: the method appendix;
//! * [`comments`]: "In their own words", the answers to open questions that may be shown;
//! * `build`: the view assembled from those, figures formatted by [`crate::format`];
//! * `options`: what the user chooses ([`ReportMeta`]: cover, perspective, invitations, paper);
//! * [`view`]: what the templates receive; [`templates`]: loading and rendering them;
//! * [`small`]: fewer respondents than the smallest group: the refusal, or a page with no figures.
//!
//! The Markdown report's roadmap section is the roadmap's own Markdown
//! ([`crate::roadmap::export::markdown_sections`]), passed to the template ready-made in
//! [`view::RoadmapView::markdown`]; the HTML report lays the roadmap out from the view's fields.

mod build;
mod charting;
pub mod comments;
pub mod evidence;
pub mod glance;
pub mod groups;
mod method;
pub mod narrative;
mod options;
pub mod small;
pub mod templates;
#[cfg(test)]
mod tests;
pub mod trend;
pub mod view;

pub use build::build;
pub use narrative::{FEW_RESPONDENTS, LOW_ALPHA, SIGNIFICANCE};
pub use options::{Invited, Paper, ReportMeta};
pub use templates::Templates;

use crate::choice::Choice;
use crate::questionnaire::Questionnaire;
use crate::roadmap::Plan;
use crate::scoring::Assessment;
use anyhow::Result;

/// The formats of the report.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ReportFormat {
    /// One self-contained HTML file with charts.
    Html,
    /// Markdown without charts, for wikis.
    Md,
}

impl Choice for ReportFormat {
    const ALL: &'static [ReportFormat] = &[ReportFormat::Html, ReportFormat::Md];

    fn id(self) -> &'static str {
        match self {
            ReportFormat::Html => "html",
            ReportFormat::Md => "md",
        }
    }

    fn help(self) -> &'static str {
        match self {
            ReportFormat::Html => "One self-contained HTML file with charts",
            ReportFormat::Md => "Markdown without charts, for wikis",
        }
    }
}

impl ReportFormat {
    /// The template that renders this format.
    pub fn template(self) -> &'static str {
        match self {
            ReportFormat::Html => "report.html",
            ReportFormat::Md => "report.md",
        }
    }
}

/// Render the report in a format: the HTML page or the Markdown document.
pub fn render(
    templates: &Templates,
    format: ReportFormat,
    q: &Questionnaire,
    assessment: &Assessment,
    plan: &Plan,
    meta: &ReportMeta,
) -> Result<String> {
    templates.render(format.template(), &build(q, assessment, plan, meta)?)
}
