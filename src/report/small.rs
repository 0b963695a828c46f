//! Too few respondents to report: below the smallest group shown on its own, the overall
//! figures are one small group's answers (one person's, at worst), so the report refuses, or
//! with `--allow-small` renders only a warning page: the cover, the warning and the counts,
//! from a view that holds no figure of any statement or domain.

use super::ReportFormat;
use super::options::ReportMeta;
use super::view::{QuestionnaireView, RespondentsView};
use crate::questionnaire::Questionnaire;
use crate::scoring::Assessment;
use serde::Serialize;

/// Fewer respondents scored overall than the smallest group shown on its own.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TooFew {
    /// Respondents scored.
    pub scored: u64,
    /// The smallest group shown on its own (`--min-group-size`).
    pub threshold: usize,
}

/// The shortfall, when fewer respondents than the assessment's smallest group were scored.
pub fn too_few(a: &Assessment) -> Option<TooFew> {
    let threshold = a.min_group_size;
    (a.respondents.scored < threshold as u64).then_some(TooFew {
        scored: a.respondents.scored,
        threshold,
    })
}

impl TooFew {
    /// "1 respondent was" or "3 respondents were".
    fn counted(&self) -> String {
        match self.scored {
            1 => "1 respondent was".to_string(),
            n => format!("{n} respondents were"),
        }
    }

    /// Why the report is refused, and the ways on.
    pub fn refusal(&self) -> String {
        format!(
            "only {} scored, fewer than --min-group-size {}: the report would present so few people's answers as the organisation's maturity. \
             Collect more responses, lower --min-group-size (at least 3), or give --allow-small for a page that says so without any figures",
            self.counted(),
            self.threshold
        )
    }

    /// The warning of the commands that still write their figures (`score`, `roadmap`).
    pub fn warning(&self) -> String {
        format!(
            "only {} scored, fewer than --min-group-size {}: these figures are so few people's answers, not the organisation's maturity; `report` refuses them without --allow-small",
            self.counted(),
            self.threshold
        )
    }
}

/// What the warning page's template receives: the cover and the counts, no figures.
#[derive(Debug, Clone, Serialize)]
pub struct SmallView {
    /// The itsm-assess version, for the generator tag.
    pub generator_version: String,
    /// The report's title.
    pub title: String,
    /// The organisation assessed.
    pub organisation: Option<String>,
    /// The report's date, or "not dated".
    pub date: String,
    /// The questionnaire's id, title, version and cover line.
    pub questionnaire: QuestionnaireView,
    /// Response counts.
    pub respondents: RespondentsView,
    /// The smallest group shown on its own.
    pub min_group_size: usize,
    /// The warning, in a sentence.
    pub warning: String,
    /// The paper size for CSS `@page`.
    pub paper: String,
}

/// The warning page's view.
pub fn view(q: &Questionnaire, few: &TooFew, meta: &ReportMeta, a: &Assessment) -> SmallView {
    SmallView {
        generator_version: env!("CARGO_PKG_VERSION").to_string(),
        title: meta.title.clone(),
        organisation: meta.organisation.clone(),
        date: meta.date_text(),
        questionnaire: QuestionnaireView::of(q),
        respondents: RespondentsView::of(a),
        min_group_size: few.threshold,
        warning: format!(
            "Only {} scored, fewer than the {} this report needs before it shows any figure. \
             So few answers would stand for the organisation's maturity and could be traced to the people who gave them, \
             so this page shows no level, percent or answer of any domain or statement. Collect more responses and run the report again.",
            few.counted(),
            few.threshold
        ),
        paper: meta.paper.css().to_string(),
    }
}

/// The template of the warning page in a format.
pub fn template(format: ReportFormat) -> &'static str {
    match format {
        ReportFormat::Html => "too-few.html",
        ReportFormat::Md => "too-few.md",
    }
}
