//! Chart adapters: the assessment and the plan turned into the inputs of [`crate::charts`],
//! then drawn as SVG. Only shown groups reach a chart; a suppressed group appears in none.

use crate::charts;
use crate::questionnaire::Questionnaire;
use crate::roadmap::Plan;
use crate::scoring::{Assessment, DomainResult};
use anyhow::Result;

/// A domain's percent as a position on the level axis: the level reached plus the share of
/// the way to the next level's threshold (so 30% with levels at 20 and 40 is 2.5).
pub fn level_position(q: &Questionnaire, percent: f64) -> f64 {
    let levels = &q.levels;
    let Some(i) = levels.iter().rposition(|l| percent >= l.min_percent) else {
        return f64::from(levels.first().map_or(0, |l| l.level));
    };
    let here = &levels[i];
    let next_min = levels.get(i + 1).map_or(100.0, |l| l.min_percent);
    let span = (next_min - here.min_percent).max(f64::EPSILON);
    let fraction = ((percent - here.min_percent) / span).clamp(0.0, 1.0);
    (f64::from(here.level) + fraction).min(f64::from(q.max_level()))
}

/// The radar's axes: each domain's position on the level axis, and its target level.
pub fn radar_axes(q: &Questionnaire, a: &Assessment, plan: &Plan) -> Vec<charts::RadarAxis> {
    a.domains
        .iter()
        .map(|d| charts::RadarAxis {
            label: d.name.clone(),
            current: d.stats.percent.map(|p| level_position(q, p)),
            target: plan
                .targets
                .iter()
                .find(|t| t.domain == d.id)
                .and_then(|t| t.target_level)
                .map(f64::from),
        })
        .collect()
}

/// The radar of current against target levels.
pub fn radar_svg(q: &Questionnaire, a: &Assessment, plan: &Plan) -> Result<String> {
    charts::radar(
        "Maturity by domain: current level and target",
        &radar_axes(q, a, plan),
        f64::from(q.max_level()),
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

/// The roadmap's timeline: its phases, and each action in its phase.
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
    let items: Vec<charts::GanttItem> = plan
        .actions()
        .map(|a| charts::GanttItem {
            label: format!("{} {}", a.id, a.title),
            phase: a.phase.saturating_sub(1),
            start_month: a.start_month,
            end_month: a.end_month,
        })
        .collect();
    charts::gantt("Recovery roadmap: actions by phase", &phases, &items)
}
