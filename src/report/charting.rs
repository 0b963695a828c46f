//! Chart adapters: the assessment and the plan turned into the inputs of [`crate::charts`],
//! then drawn as SVG. Only shown groups reach a chart; a suppressed group appears in none.

use crate::charts;
use crate::questionnaire::Questionnaire;
use crate::roadmap::Plan;
use crate::roadmap::timeline::{REASSESSMENT, timeline};
use crate::scoring::{Assessment, DomainResult};
use anyhow::Result;

/// The radar's axes: each domain's level, level name and percent, and its target level, as
/// the tables give them.
pub fn radar_axes(a: &Assessment, plan: &Plan) -> Vec<charts::RadarAxis> {
    a.domains
        .iter()
        .map(|d| {
            let target = plan.targets.iter().find(|t| t.domain == d.id);
            charts::RadarAxis {
                label: d.name.clone(),
                current: d.stats.level.map(|level| charts::LevelMark {
                    level,
                    name: d.stats.level_name.clone().unwrap_or_default(),
                    percent: d.stats.percent,
                }),
                target: target.and_then(|t| {
                    Some(charts::LevelMark {
                        level: t.target_level?,
                        name: t.target_level_name.clone().unwrap_or_default(),
                        percent: None,
                    })
                }),
            }
        })
        .collect()
}

/// The radar of current against target levels, from the questionnaire's lowest level.
pub fn radar_svg(q: &Questionnaire, a: &Assessment, plan: &Plan) -> Result<String> {
    let floor = q.levels.first().map_or(1, |l| l.level);
    charts::radar(
        "Maturity by domain: current level and target",
        &radar_axes(a, plan),
        floor..=q.max_level(),
    )
}

/// One row per question: its answers per point of the scale, turned round for a
/// reverse-worded statement (marked ↺) so that the right is always better.
pub fn distribution_rows(d: &DomainResult) -> Vec<charts::DistributionRow> {
    d.questions
        .iter()
        .map(|question| {
            let mut counts: Vec<u64> = question.counts.0.iter().map(|(_, c)| *c).collect();
            if question.reverse {
                counts.reverse();
            }
            charts::DistributionRow {
                label: format!(
                    "{} {}{}",
                    question.id,
                    question.text,
                    if question.reverse { " ↺" } else { "" }
                ),
                counts,
            }
        })
        .collect()
}

/// A domain's answer distributions.
pub fn distribution_svg(q: &Questionnaire, d: &DomainResult) -> Result<String> {
    let scale_labels: Vec<String> = (q.scale.min..=q.scale.max)
        .map(|v| q.scale.label(v))
        .collect();
    charts::diverging_bars(
        &format!("{}: answers per statement", d.name),
        &distribution_rows(d),
        &scale_labels,
    )
}

/// Per domain, the percent of each shown group of `column` that has one.
pub fn gap_domains(a: &Assessment, column: &str) -> Vec<charts::GapDomain> {
    a.domains
        .iter()
        .map(|d| charts::GapDomain {
            label: d.name.clone(),
            points: d
                .groups
                .iter()
                .filter(|g| g.column == column && !g.suppressed)
                .filter_map(|g| {
                    Some(charts::GapPoint {
                        group: g.value.clone(),
                        percent: g.stats.as_ref()?.percent?,
                    })
                })
                .collect(),
        })
        .collect()
}

/// The dot chart of one group-by column's shown `groups`.
pub fn gap_svg(a: &Assessment, column: &str, groups: &[String]) -> Result<String> {
    charts::dumbbell(
        &format!("Percent of the scale by {column}"),
        &gap_domains(a, column),
        groups,
    )
}

/// The roadmap's timeline: its phases, each action from its start to its end month with
/// arrows from what it waits for ([`timeline`]), and the closing re-assessment.
pub fn gantt_svg(plan: &Plan) -> Result<String> {
    let phases: Vec<charts::GanttPhase> = plan
        .phases
        .iter()
        .map(|p| charts::GanttPhase {
            name: p.name.clone(),
            start_month: p.start_month,
            end_month: p.end_month,
        })
        .collect();
    let times = timeline(plan);
    let index = |id: &String| times.actions.iter().position(|t| &t.id == id);
    let mut items: Vec<charts::GanttItem> = plan
        .actions()
        .zip(&times.actions)
        .map(|(a, t)| charts::GanttItem {
            label: format!("{} {}", a.id, a.title),
            phase: a.phase.saturating_sub(1),
            start_month: t.start_month,
            end_month: t.end_month,
            after: t.after.iter().filter_map(index).collect(),
        })
        .collect();
    items.push(charts::GanttItem {
        label: REASSESSMENT.to_string(),
        phase: plan.phases.len().saturating_sub(1),
        start_month: times.reassessment_month,
        end_month: times.reassessment_month,
        after: Vec::new(),
    });
    charts::gantt("Recovery roadmap: actions by phase", &phases, &items)
}
