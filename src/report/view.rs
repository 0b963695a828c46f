//! View structs: what the report templates receive. Every figure is formatted before it gets
//! here, once (by [`crate::format`]), so that the HTML and the Markdown report say the same
//! thing in the same words, and templates hold layout only. The one pre-rendered block is the
//! roadmap's Markdown ([`RoadmapView::markdown`]), which is the roadmap document's own text.

use serde::Serialize;

/// Everything the report templates show.
#[derive(Debug, Clone, Serialize)]
pub struct ReportView {
    /// The tool's version, for the footer.
    pub generator_version: String,
    /// The report's title.
    pub title: String,
    /// The client organisation, if given.
    pub organisation: Option<String>,
    /// The report date (from `--date` or the data, never the clock).
    pub date: String,
    /// The questionnaire used.
    pub questionnaire: QuestionnaireView,
    /// Response counts.
    pub respondents: RespondentsView,
    /// The paper size for CSS `@page` ("A4" or "letter").
    pub paper: String,
    /// The overall result.
    pub overall: OverallView,
    /// Each shown group of the perspective column beside the overall result.
    pub headline: Vec<CardView>,
    /// The column the headline is seen from, if the results are grouped.
    pub perspective: Option<String>,
    /// The executive summary, paragraph by paragraph, in plain words.
    pub summary: Vec<String>,
    /// The rest of "At a glance": the dot chart, the roadmap strip, decisions and responses.
    pub glance: GlanceView,
    /// Raised danger flags.
    pub flags: Vec<FlagView>,
    /// The radar chart of current against target levels (SVG).
    pub radar_svg: String,
    /// The maturity levels and what they mean.
    pub levels: Vec<LevelView>,
    /// One entry per domain, in questionnaire order.
    pub domains: Vec<DomainView>,
    /// Perception gaps, one entry per group-by column with at least two groups shown.
    pub gaps: Vec<GapView>,
    /// The roadmap.
    pub roadmap: RoadmapView,
    /// "In their own words": the answers to open questions that may be shown.
    pub comments: super::comments::CommentsView,
    /// The method appendix.
    pub method: MethodView,
    /// The consultant's observations, high ones first (templates/sections/observations.*).
    pub observations: crate::observations::ObservationsView,
    /// "Since the last assessment", when a baseline or a status file is given.
    pub trend: Option<super::trend::TrendView>,
    /// What the ticket records say, when records were given.
    pub evidence: Option<super::evidence::EvidenceView>,
}

/// The questionnaire, as named on the cover.
#[derive(Debug, Clone, Serialize)]
pub struct QuestionnaireView {
    /// Its id.
    pub id: String,
    /// Its title.
    pub title: String,
    /// Its version.
    pub version: String,
    /// The line above the report's title on the cover.
    pub report_title: String,
}

impl QuestionnaireView {
    /// The questionnaire's id, title, version and cover line.
    pub fn of(q: &crate::questionnaire::Questionnaire) -> Self {
        QuestionnaireView {
            id: q.id.clone(),
            title: q.title.clone(),
            version: q.version.clone(),
            report_title: q.report_title.clone(),
        }
    }
}

/// Response counts.
#[derive(Debug, Clone, Serialize)]
pub struct RespondentsView {
    /// Data rows read.
    pub rows: u64,
    /// Rows with at least one answer.
    pub scored: u64,
    /// Rows with no answer at all, skipped.
    pub skipped: u64,
}

impl RespondentsView {
    /// The assessment's counts of rows.
    pub fn of(a: &crate::scoring::Assessment) -> Self {
        RespondentsView {
            rows: a.respondents.rows,
            scored: a.respondents.scored,
            skipped: a.respondents.skipped,
        }
    }
}

/// The overall result.
#[derive(Debug, Clone, Serialize)]
pub struct OverallView {
    /// "Level 2, Managed", or "–".
    pub level_text: String,
    /// "31.2%".
    pub percent: String,
    /// The level's name, "Managed", or "–".
    pub level_name: String,
    /// A sentence: "Level 2 (Managed), 31.2% of the scale".
    pub text: String,
}

/// One group of the perspective column on the headline.
#[derive(Debug, Clone, Serialize)]
pub struct CardView {
    /// The group's value.
    pub label: String,
    /// "2 Managed".
    pub level_text: String,
    /// Its level number, for the badge.
    pub level: u32,
    /// "45.2%".
    pub percent: String,
    /// "over 4 of 5 domains" when it is not shown in all, or empty.
    pub note: String,
}

/// "At a glance" beyond the headline and the summary.
#[derive(Debug, Clone, Serialize)]
pub struct GlanceView {
    /// Every domain today against its target, with the perspective's groups (SVG).
    pub dots_svg: String,
    /// The same, weakest first, as a table for the Markdown report: the domain, its level,
    /// its percent and target, then each group's percent ("–" where not shown).
    pub dots_table: Vec<Vec<String>>,
    /// The groups of the dot chart, in order.
    pub dots_groups: Vec<String>,
    /// The roadmap in one line: each phase and the levels its domains reach.
    pub strip: Vec<StripView>,
    /// What the leadership is asked to decide.
    pub decisions: Vec<String>,
    /// Who answered and the response rates, when the invitations are known; else empty.
    pub responses: Vec<String>,
}

/// One phase on the roadmap strip.
#[derive(Debug, Clone, Serialize)]
pub struct StripView {
    /// "Phase 1: Stop the bleeding".
    pub name: String,
    /// "months 0–3".
    pub months: String,
    /// "Change enablement to level 2", one per domain that reaches a new level in the phase.
    pub reached: Vec<String>,
    /// Its number of actions.
    pub actions: usize,
}

/// A raised danger flag.
#[derive(Debug, Clone, Serialize)]
pub struct FlagView {
    /// The flag's id.
    pub id: String,
    /// Its domain's name.
    pub domain_name: String,
    /// The finding in plain words.
    pub finding: String,
    /// The figure that raised it, in words ("mean 1.8 at or below 2").
    pub evidence: String,
    /// The first action that answers it, or empty.
    pub action: String,
    /// That action's accountable role, or empty.
    pub owner: String,
    /// That action's phase ("phase 1, months 0–3"), or empty.
    pub phase: String,
}

/// A maturity level.
#[derive(Debug, Clone, Serialize)]
pub struct LevelView {
    /// Its number.
    pub level: u32,
    /// Its name.
    pub name: String,
    /// "40%".
    pub min_percent: String,
    /// What it looks like.
    pub description: String,
}

/// A domain's scores.
#[derive(Debug, Clone, Serialize)]
pub struct DomainView {
    /// Its id.
    pub id: String,
    /// Its name.
    pub name: String,
    /// The danger sign it looks for.
    pub description: String,
    /// Its level, if scored.
    pub level: Option<u32>,
    /// Its level's name, or empty.
    pub level_name: String,
    /// "31.2%" or "–".
    pub percent: String,
    /// "24.0–38.4%" or "–".
    pub ci95: String,
    /// Respondents with a score.
    pub n: u64,
    /// "0.82" or "–".
    pub alpha: String,
    /// Target level as text, "3 Defined" or "–".
    pub target: String,
    /// Plain-words cautions: too few answers, low or unknown reliability.
    pub notes: Vec<String>,
    /// The answer distributions (SVG).
    pub distribution_svg: String,
    /// Its questions.
    pub questions: Vec<QuestionView>,
}

/// A question's figures.
#[derive(Debug, Clone, Serialize)]
pub struct QuestionView {
    /// Its id.
    pub id: String,
    /// Its text.
    pub text: String,
    /// Whether it is reverse-worded.
    pub reverse: bool,
    /// Answers counted.
    pub n: u64,
    /// "3.42" or "–" (reversed items turned round).
    pub mean: String,
    /// "45%" or "–".
    pub favorable: String,
    /// "0.61" or "–".
    pub consensus: String,
    /// Not-applicable answers.
    pub not_applicable: u64,
}

/// Perception gaps for one group-by column.
#[derive(Debug, Clone, Serialize)]
pub struct GapView {
    /// The column's name.
    pub column: String,
    /// The heatmap of groups by domain (SVG).
    pub svg: String,
    /// The same heatmap as a table, for the Markdown report.
    pub table: HeatTableView,
    /// Sentences on the largest differences unlikely to be chance after adjustment (at most
    /// [`super::groups::MAX_FINDINGS`]).
    pub findings: Vec<String>,
    /// How many more such differences there are than the findings state.
    pub more_findings: usize,
    /// How many comparisons of this column were tested.
    pub tests: usize,
    /// Rows of the pairwise table (at most [`super::groups::MAX_TABLE_ROWS`]).
    pub rows: Vec<ComparisonView>,
    /// How many comparisons the table leaves out.
    pub rows_left_out: usize,
    /// What is said of the groups not shown (withheld by name, too small by number), or empty.
    pub suppressed: String,
}

/// A heatmap as text: a heading per column and a row per domain (its name, then a cell per
/// column: "31% (−12)", "withheld", "too few").
#[derive(Debug, Clone, Serialize)]
pub struct HeatTableView {
    /// "All", then the groups.
    pub columns: Vec<String>,
    /// The domain's name, then its cells.
    pub rows: Vec<Vec<String>>,
}

/// One comparison between two groups on one domain.
#[derive(Debug, Clone, Serialize)]
pub struct ComparisonView {
    /// The domain's name.
    pub domain: String,
    /// First group.
    pub a: String,
    /// Second group.
    pub b: String,
    /// Mean difference a - b in percent points of the scale, signed.
    pub difference: String,
    /// The p-value.
    pub p: String,
    /// The p-value adjusted for every comparison of the report (Holm).
    pub p_adjusted: String,
    /// Rank-biserial correlation.
    pub effect: String,
    /// The comparison in words.
    pub reading: String,
}

/// The roadmap.
#[derive(Debug, Clone, Serialize)]
pub struct RoadmapView {
    /// A sentence on what the roadmap does and the progress to target.
    pub intro: String,
    /// The timeline (SVG): one chart, or several for a long plan, split between phases
    /// ([`super::charting::gantt_svgs`]).
    pub gantt_svgs: Vec<String>,
    /// The roadmap's sections in Markdown, already escaped, with `###` headings: the same text
    /// as `roadmap -f md` writes (from [`crate::roadmap::export::markdown_sections`]), which
    /// the Markdown template includes as it is.
    pub markdown: String,
    /// Targets per domain.
    pub targets: Vec<TargetView>,
    /// Phases with their actions.
    pub phases: Vec<PhaseView>,
    /// Prerequisites already in place, joined, or empty.
    pub already_in_place: String,
}

/// A domain's target.
#[derive(Debug, Clone, Serialize)]
pub struct TargetView {
    /// The domain's name.
    pub domain: String,
    /// Current level as text.
    pub current: String,
    /// Target level as text.
    pub target: String,
    /// Gap in levels, or "–".
    pub gap_levels: String,
    /// Gap in percent points, or "–".
    pub gap_percent: String,
}

/// A phase of the roadmap.
#[derive(Debug, Clone, Serialize)]
pub struct PhaseView {
    /// 1-based index.
    pub index: usize,
    /// Its name.
    pub name: String,
    /// "months 0–3".
    pub months: String,
    /// Its actions in order.
    pub actions: Vec<ActionView>,
}

/// A planned action.
#[derive(Debug, Clone, Serialize)]
pub struct ActionView {
    /// Order in the whole plan.
    pub order: usize,
    /// Its id.
    pub id: String,
    /// Its title.
    pub title: String,
    /// What to do.
    pub description: String,
    /// Its domain's name.
    pub domain: String,
    /// The accountable role.
    pub owner: String,
    /// small, medium or large.
    pub effort: String,
    /// Why it is in the plan.
    pub reason: String,
    /// What it depends on, joined, or empty.
    pub depends_on: String,
    /// The measurable target.
    pub measure: String,
}

/// The method appendix.
#[derive(Debug, Clone, Serialize)]
pub struct MethodView {
    /// The minimum group size.
    pub min_group_size: usize,
    /// How many comparisons between groups were tested in all.
    pub tests: usize,
    /// Term and explanation pairs.
    pub items: Vec<MethodItem>,
}

/// One entry of the method appendix.
#[derive(Debug, Clone, Serialize)]
pub struct MethodItem {
    /// The term.
    pub term: String,
    /// Its explanation.
    pub text: String,
}
