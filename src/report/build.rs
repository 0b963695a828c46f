//! View assembly: the report's view built from the assessment and the plan, every figure
//! formatted by [`crate::format`], every sentence written by [`super::narrative`], every chart
//! drawn through [`super::charting`], and the roadmap's Markdown taken from the roadmap's own
//! Markdown layout ([`crate::roadmap::export::markdown_sections`]).

use super::charting;
use super::glance::{self, GroupStanding};
use super::groups::{self, WithheldGroup};
use super::method::{MethodFacts, method_view};
use super::narrative::{self, SummaryFacts};
use super::options::ReportMeta;
use super::view::*;
use crate::format::{self, MISSING};
use crate::questionnaire::Questionnaire;
use crate::roadmap::{self, DomainState, Plan};
use crate::scoring::export::domain_name;
use crate::scoring::{Assessment, DomainResult};
use anyhow::Result;

/// The heading level of the roadmap's sections inside the report's Markdown: `###`, under the
/// report's "## Recovery roadmap".
const ROADMAP_SECTION_DEPTH: usize = 3;

/// Build the view of a report. Fails when the perspective or an invitation names a column
/// the results are not grouped by, or an invitation does not fit the responses.
pub fn build(
    q: &Questionnaire,
    assessment: &Assessment,
    plan: &Plan,
    meta: &ReportMeta,
) -> Result<ReportView> {
    let a = assessment;
    let withheld = groups::withheld_groups(a);
    let perspective = glance::perspective(a, meta.perspective.as_deref())?;
    let standings = perspective.map_or_else(Vec::new, |column| {
        glance::group_standings(q, a, column, &withheld)
    });
    let tested = groups::tested(a);
    let significant = groups::significant(&tested);
    let facts = SummaryFacts {
        perspective: perspective.and_then(|column| {
            let (high, low) = glance::extremes(&standings)?;
            let lower = glance::lower_in(a, column, (&low.value, &high.value), &withheld);
            glance::perspective_sentence(column, &standings, lower)
        }),
        largest: significant
            .first()
            .map(|t| (t.gap(q, a), significant.len())),
    };
    let domains = a
        .domains
        .iter()
        .map(|d| domain_view(q, d, plan))
        .collect::<Result<Vec<_>>>()?;
    let o = &a.overall;
    Ok(ReportView {
        generator_version: env!("CARGO_PKG_VERSION").to_string(),
        title: meta.title.clone(),
        organisation: meta.organisation.clone(),
        date: meta.date_text(),
        questionnaire: QuestionnaireView::of(q),
        respondents: RespondentsView::of(a),
        paper: meta.paper.css().to_string(),
        overall: OverallView {
            level_text: format::or_missing(o.level),
            percent: format::percent(o.percent),
            level_name: format::or_missing(o.level_name.as_deref()),
            text: narrative::overall_text(o.level, o.level_name.as_deref(), o.percent),
        },
        headline: standings.iter().map(card_view).collect(),
        perspective: perspective.map(String::from),
        summary: narrative::summary(q, a, plan, &facts),
        glance: glance_view(q, a, plan, (perspective, &standings), meta, &withheld)?,
        flags: flag_views(q, a, plan),
        radar_svg: charting::radar_svg(q, a, plan)?,
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
        gaps: groups::gap_views(q, a)?,
        roadmap: roadmap_view(q, plan)?,
        comments: super::comments::comments_view(q, a)?,
        evidence: super::evidence::evidence_view(q, a, plan)?,
        method: method_view(&MethodFacts {
            scale: (q.scale.min, q.scale.max),
            levels: &q.levels,
            respondents: &a.respondents,
            min_group_size: a.min_group_size,
            warnings: &a.warnings,
            plan_notes: &plan.warnings,
            tests: tested.iter().filter(|t| t.adjusted.is_some()).count(),
            perspective: perspective.is_some(),
            comment_threshold: a.comments.first().map(|c| c.min_comments),
        }),
        observations: meta.observations.clone(),
        trend: None,
    })
}

fn card_view(g: &GroupStanding) -> CardView {
    CardView {
        label: g.value.clone(),
        level_text: format::level(Some(g.level), Some(&g.level_name)),
        level: g.level,
        percent: format::percent(Some(g.percent)),
        note: if g.domains < g.of {
            format!("over {} of {} domains", g.domains, g.of)
        } else {
            String::new()
        },
    }
}

/// The dot chart, the roadmap strip, the decisions and the responses.
fn glance_view(
    q: &Questionnaire,
    a: &Assessment,
    plan: &Plan,
    (perspective, standings): (Option<&str>, &[GroupStanding]),
    meta: &ReportMeta,
    withheld: &[WithheldGroup],
) -> Result<GlanceView> {
    let groups: Vec<String> = standings.iter().map(|g| g.value.clone()).collect();
    let reached = glance::levels_reached(plan);
    let seen = perspective.map(|c| (c, groups.as_slice()));
    let rows = charting::dot_rows(q, a, plan, seen, withheld);
    Ok(GlanceView {
        dots_svg: charting::dots_svg(q, seen, &rows)?,
        dots_table: rows
            .iter()
            .map(|r| {
                [r.label.clone(), r.note[0].clone(), r.note[1].clone()]
                    .into_iter()
                    .chain(
                        r.groups
                            .iter()
                            .map(|g| g.map_or_else(|| MISSING.to_string(), format::whole_percent)),
                    )
                    .collect()
            })
            .collect(),
        dots_groups: groups.clone(),
        strip: plan
            .phases
            .iter()
            .zip(reached)
            .map(|(p, reached)| StripView {
                name: format!("Phase {}: {}", p.index, p.name),
                months: format!("months {}", format::span(p.start_month, p.end_month)),
                reached: reached
                    .iter()
                    .map(|(name, level)| format!("{name} to level {level}"))
                    .collect(),
                actions: p.actions.len(),
            })
            .collect(),
        decisions: glance::decisions(plan),
        responses: glance::response_lines(a, &meta.invited, withheld)?,
    })
}

fn flag_views(q: &Questionnaire, a: &Assessment, plan: &Plan) -> Vec<FlagView> {
    a.flags
        .iter()
        .map(|f| {
            let (action, owner, phase) = first_answer(q, plan, &f.id);
            FlagView {
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
                action,
                owner,
                phase,
            }
        })
        .collect()
}

/// What answers a raised flag first: its first planned action, owner and phase; else its first
/// remedy marked done in a status file (a raised flag's remedy is never counted in place by
/// its domain's level, so one in place is done), as "TITLE (done)"; else nothing.
fn first_answer(q: &Questionnaire, plan: &Plan, flag: &str) -> (String, String, String) {
    let first = plan
        .flags
        .iter()
        .find(|p| p.id == flag)
        .and_then(|p| plan.actions().find(|x| p.actions.contains(&x.id)));
    if let Some(x) = first {
        let phase = plan.phases.iter().find(|p| p.index == x.phase);
        let when = phase.map_or_else(String::new, |p| {
            format!(
                "phase {}, months {}",
                p.index,
                format::span(p.start_month, p.end_month)
            )
        });
        return (x.title.clone(), x.owner.clone(), when);
    }
    let remedies = q.flags.iter().find(|x| x.id == flag).map(|x| &x.actions);
    let done = remedies.into_iter().flatten().find_map(|id| {
        plan.in_place
            .iter()
            .any(|p| &p.id == id)
            .then(|| q.actions().find(|(_, a)| &a.id == id))?
    });
    match done {
        Some((_, a)) => (
            format!("{} (done)", a.title),
            a.owner.clone(),
            "done".into(),
        ),
        None => Default::default(),
    }
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
        notes: {
            let mut notes = narrative::domain_notes(d.stats.n, d.alpha, d.questions.len());
            notes.extend(
                narrative::not_applicable_share(d)
                    .filter(|s| *s >= narrative::DONT_KNOW_SHARE)
                    .map(narrative::dont_know_note),
            );
            notes
        },
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

fn roadmap_view(q: &Questionnaire, plan: &Plan) -> Result<RoadmapView> {
    Ok(RoadmapView {
        intro: narrative::roadmap_intro(plan.actions().count(), plan.percent_to_target),
        gantt_svgs: charting::gantt_svgs(plan)?,
        // The planner's notes go to the method appendix, not the board pages: the roadmap's
        // own Markdown is laid out without them.
        markdown: roadmap::export::markdown_sections(
            &Plan {
                warnings: Vec::new(),
                ..plan.clone()
            },
            q,
            ROADMAP_SECTION_DEPTH,
        ),
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
        already_in_place: plan
            .in_place
            .iter()
            .map(|a| format!("{} ({})", a.title, a.id))
            .collect::<Vec<_>>()
            .join("; "),
    })
}
