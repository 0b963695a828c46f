//! View assembly: the report's view built from the assessment and the plan, every figure
//! formatted by [`crate::format`], every sentence written by [`super::narrative`], every chart
//! drawn through [`super::charting`], and the roadmap's Markdown taken from the roadmap's own
//! Markdown layout ([`crate::roadmap::export::markdown_sections`]).

use super::charting;
use super::method::{MethodFacts, method_view};
use super::narrative::{self, Gap, NO_GAP_FOUND, SIGNIFICANCE};
use super::view::*;
use crate::format::{self, MISSING};
use crate::questionnaire::Questionnaire;
use crate::roadmap::{self, DomainState, Plan};
use crate::scoring::export::domain_name;
use crate::scoring::{Assessment, Comparison, DomainResult};
use anyhow::Result;
use std::collections::BTreeSet;

/// The heading level of the roadmap's sections inside the report's Markdown: `###`, under the
/// report's "## Recovery roadmap".
const ROADMAP_SECTION_DEPTH: usize = 3;

/// What the cover says, chosen by the user.
#[derive(Debug, Clone)]
pub struct ReportMeta {
    /// The report's title.
    pub title: String,
    /// The client organisation.
    pub organisation: Option<String>,
    /// The report's date, as written on the cover.
    pub date: Option<String>,
}

/// Build the view of a report.
pub fn build(
    q: &Questionnaire,
    assessment: &Assessment,
    plan: &Plan,
    meta: &ReportMeta,
) -> Result<ReportView> {
    let domains = assessment
        .domains
        .iter()
        .map(|d| domain_view(q, d, plan))
        .collect::<Result<Vec<_>>>()?;
    let o = &assessment.overall;
    Ok(ReportView {
        generator_version: env!("CARGO_PKG_VERSION").to_string(),
        title: meta.title.clone(),
        organisation: meta.organisation.clone(),
        date: meta.date.clone().unwrap_or_else(|| "not dated".to_string()),
        questionnaire: QuestionnaireView {
            id: q.id.clone(),
            title: q.title.clone(),
            version: q.version.clone(),
        },
        respondents: RespondentsView {
            rows: assessment.respondents.rows,
            scored: assessment.respondents.scored,
            skipped: assessment.respondents.skipped,
        },
        overall: OverallView {
            level_text: format::or_missing(o.level),
            percent: format::percent(o.percent),
            text: narrative::overall_text(o.level, o.level_name.as_deref(), o.percent),
        },
        summary: narrative::summary(q, assessment, plan),
        flags: flag_views(q, assessment),
        radar_svg: charting::radar_svg(q, assessment, plan)?,
        levels: q
            .levels
            .iter()
            .map(|l| LevelView {
                level: l.level,
                name: l.name.clone(),
                min_percent: format!("{}%", format::trim_number(l.min_percent)),
                description: l.description.clone(),
            })
            .collect(),
        domains,
        gaps: gap_views(q, assessment)?,
        roadmap: roadmap_view(q, plan)?,
        method: method_view(&MethodFacts {
            scale: (q.scale.min, q.scale.max),
            levels: &q.levels,
            respondents: &assessment.respondents,
            min_group_size: assessment.min_group_size,
            warnings: &assessment.warnings,
        }),
    })
}

fn flag_views(q: &Questionnaire, a: &Assessment) -> Vec<FlagView> {
    a.flags
        .iter()
        .map(|f| FlagView {
            id: f.id.clone(),
            domain_name: domain_name(a, &f.domain).to_string(),
            finding: f.finding.clone(),
            evidence: narrative::flag_evidence(
                &f.subject,
                f.metric,
                f.value,
                q.flags.iter().find(|x| x.id == f.id).map(|x| x.comparison),
                f.threshold,
            ),
        })
        .collect()
}

fn domain_view(q: &Questionnaire, d: &DomainResult, plan: &Plan) -> Result<DomainView> {
    let domain = q.domains.iter().find(|x| x.id == d.id);
    let target = plan.targets.iter().find(|t| t.domain == d.id);
    Ok(DomainView {
        id: d.id.clone(),
        name: d.name.clone(),
        description: domain.map_or_else(String::new, |x| x.description.clone()),
        level: d.stats.level,
        level_name: d.stats.level_name.clone().unwrap_or_default(),
        percent: format::percent(d.stats.percent),
        ci95: d.stats.ci95.map_or_else(
            || MISSING.into(),
            |[lo, hi]| {
                let (lo, hi) = (q.scale.percent(lo), q.scale.percent(hi));
                format!("{}%", format::span(format!("{lo:.1}"), format!("{hi:.1}")))
            },
        ),
        n: d.stats.n,
        alpha: format::decimals(d.alpha, 2),
        target: target.map_or_else(
            || MISSING.into(),
            |t| format::level(t.target_level, t.target_level_name.as_deref()),
        ),
        notes: narrative::domain_notes(d.stats.n, d.alpha, d.questions.len()),
        distribution_svg: charting::distribution_svg(q, d)?,
        questions: d
            .questions
            .iter()
            .map(|question| QuestionView {
                id: question.id.clone(),
                text: question.text.clone(),
                reverse: question.reverse,
                n: question.n,
                mean: format::decimals(question.mean, 2),
                favorable: question
                    .favorable
                    .map_or_else(|| MISSING.into(), |f| format::whole_percent(f * 100.0)),
                consensus: format::decimals(question.consensus, 2),
                not_applicable: question.not_applicable,
            })
            .collect(),
    })
}

fn gap_views(q: &Questionnaire, a: &Assessment) -> Result<Vec<GapView>> {
    let mut out = Vec::new();
    for column in &a.group_by {
        // Only shown groups: a suppressed group appears nowhere, charts included.
        let mut shown: BTreeSet<&str> = BTreeSet::new();
        let mut suppressed: BTreeSet<&str> = BTreeSet::new();
        for g in a
            .domains
            .iter()
            .flat_map(|d| &d.groups)
            .filter(|g| &g.column == column)
        {
            if g.stats.is_some() && !g.suppressed {
                shown.insert(&g.value);
            } else {
                suppressed.insert(&g.value);
            }
        }
        if shown.len() < 2 {
            continue;
        }
        let groups: Vec<String> = shown.iter().map(|s| s.to_string()).collect();
        let comparisons: Vec<&Comparison> = a
            .comparisons
            .iter()
            .filter(|c| &c.column == column)
            .collect();
        let findings: Vec<String> = comparisons
            .iter()
            .filter(|c| c.p_value.is_some_and(|p| p < SIGNIFICANCE))
            .map(|c| narrative::gap_sentence(&Gap::of(q, a, c)))
            .collect();
        out.push(GapView {
            column: column.clone(),
            svg: charting::gap_svg(a, column, &groups)?,
            findings: if findings.is_empty() {
                vec![NO_GAP_FOUND.into()]
            } else {
                findings
            },
            rows: comparisons
                .iter()
                .map(|c| comparison_view(q, a, c))
                .collect(),
            suppressed: match suppressed.len() {
                0 => String::new(),
                1 => "one group".into(),
                n => format!("{n} groups"),
            },
        });
    }
    Ok(out)
}

fn comparison_view(q: &Questionnaire, a: &Assessment, c: &Comparison) -> ComparisonView {
    ComparisonView {
        domain: domain_name(a, &c.domain).to_string(),
        a: c.a.clone(),
        b: c.b.clone(),
        difference: c.mean_difference.map_or_else(
            || MISSING.into(),
            |m| format!("{:+.1}", narrative::difference_points(q, m)),
        ),
        p: format::p_column(c.p_value),
        effect: format::decimals(c.rank_biserial, 2),
        reading: match c.p_value {
            Some(p) if p < SIGNIFICANCE => "unlikely to be chance".into(),
            Some(_) => "could be chance".into(),
            None => "too few answers to test".into(),
        },
    }
}

fn roadmap_view(q: &Questionnaire, plan: &Plan) -> Result<RoadmapView> {
    Ok(RoadmapView {
        intro: narrative::roadmap_intro(plan.actions().count(), plan.percent_to_target),
        gantt_svg: charting::gantt_svg(plan)?,
        markdown: roadmap::export::markdown_sections(plan, q, ROADMAP_SECTION_DEPTH),
        targets: plan
            .targets
            .iter()
            .map(|t| TargetView {
                domain: t.name.clone(),
                current: match t.state {
                    DomainState::NoData => "no data".into(),
                    _ => format::level(t.current_level, t.current_level_name.as_deref()),
                },
                target: format::level(t.target_level, t.target_level_name.as_deref()),
                gap_levels: format::or_missing(t.gap_levels),
                gap_percent: format::decimals(t.gap_percent, 1),
            })
            .collect(),
        phases: plan
            .phases
            .iter()
            .map(|p| PhaseView {
                index: p.index,
                name: p.name.clone(),
                months: format!("months {}", format::span(p.start_month, p.end_month)),
                actions: p
                    .actions
                    .iter()
                    .map(|a| ActionView {
                        order: a.order,
                        id: a.id.clone(),
                        title: a.title.clone(),
                        description: q
                            .actions()
                            .find(|(_, x)| x.id == a.id)
                            .map_or_else(String::new, |(_, x)| x.description.clone()),
                        domain: a.domain_name.clone(),
                        owner: a.owner.clone(),
                        effort: a.effort.as_str().to_string(),
                        reason: narrative::reason_text(&a.reasons),
                        depends_on: a.depends_on.join(", "),
                        measure: a.measure.clone(),
                    })
                    .collect(),
            })
            .collect(),
        notes: plan.warnings.clone(),
        already_in_place: plan
            .in_place
            .iter()
            .map(|a| format!("{} ({})", a.title, a.id))
            .collect::<Vec<_>>()
            .join("; "),
    })
}
