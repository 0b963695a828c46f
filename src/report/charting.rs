//! Chart adapters: the assessment and the plan turned into the inputs of [`crate::charts`],
//! then drawn as SVG. Only shown groups reach a chart with their figures; the heatmaps (drawn in
//! [`super::groups`]) mark a withheld group's cells without a figure, and a group too small to
//! show appears in no chart.

use super::groups::{Visibility, WithheldGroup, visibility};
use crate::charts;
use crate::format;
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
    charts::diverging_bars(
        &format!("{}: answers per statement", d.name),
        &distribution_rows(d),
        &legend_labels(q, d),
    )
}

/// The legend's label of each colour, from the left. A reverse-worded statement's bar is turned
/// round, so in a domain that has one, each label also names the answer that colour stands for
/// in the statements marked ↺: "Strongly disagree (↺ Strongly agree)"; the middle of an odd
/// scale reads the same both ways and keeps its one label.
pub fn legend_labels(q: &Questionnaire, d: &DomainResult) -> Vec<String> {
    let labels: Vec<String> = (q.scale.min..=q.scale.max)
        .map(|v| q.scale.label(v))
        .collect();
    if !d.questions.iter().any(|question| question.reverse) {
        return labels;
    }
    labels
        .iter()
        .zip(labels.iter().rev())
        .map(|(raw, turned)| {
            if raw == turned {
                raw.clone()
            } else {
                format!("{raw} (↺ {turned})")
            }
        })
        .collect()
}

/// The rows of the at-a-glance dot chart: every domain, weakest first (those without a score
/// last, in questionnaire order), with its level and percent, its target level's threshold,
/// and the percent of each of the perspective's `groups` where shown.
pub fn dot_rows(
    q: &Questionnaire,
    a: &Assessment,
    plan: &Plan,
    perspective: Option<(&str, &[String])>,
    withheld: &[WithheldGroup],
) -> Vec<charts::DotRow> {
    let mut order: Vec<&DomainResult> = a.domains.iter().collect();
    order.sort_by(|x, y| match (x.stats.percent, y.stats.percent) {
        (Some(p), Some(r)) => p.total_cmp(&r),
        (Some(_), None) => std::cmp::Ordering::Less,
        (None, Some(_)) => std::cmp::Ordering::Greater,
        (None, None) => std::cmp::Ordering::Equal,
    });
    order
        .into_iter()
        .map(|d| {
            let target = plan.targets.iter().find(|t| t.domain == d.id);
            let target_level = target.and_then(|t| t.target_level);
            let groups = perspective.map_or_else(Vec::new, |(column, groups)| {
                groups
                    .iter()
                    .map(|value| {
                        let g = d
                            .groups
                            .iter()
                            .find(|g| g.column == column && &g.value == value)?;
                        match visibility(d, g, withheld) {
                            Visibility::Shown(s) => s.percent,
                            _ => None,
                        }
                    })
                    .collect()
            });
            charts::DotRow {
                label: d.name.clone(),
                note: [
                    format::level(d.stats.level, d.stats.level_name.as_deref()),
                    match (d.stats.percent, target_level) {
                        (Some(p), Some(t)) => format!("{} · target {t}", format::whole_percent(p)),
                        (Some(p), None) => format::whole_percent(p),
                        (None, _) => "no data".into(),
                    },
                ],
                current: d.stats.percent,
                target: target_level.and_then(|l| q.level(l)).map(|l| l.min_percent),
                groups,
            }
        })
        .collect()
}

/// The at-a-glance dot chart of `rows` ([`dot_rows`]), over bands for the levels.
pub fn dots_svg(
    q: &Questionnaire,
    perspective: Option<(&str, &[String])>,
    rows: &[charts::DotRow],
) -> Result<String> {
    let bands: Vec<charts::DotBand> = q
        .levels
        .iter()
        .map(|l| charts::DotBand {
            from: l.min_percent,
            label: format!("Level {}", l.level),
        })
        .collect();
    let (title, groups) = match perspective {
        Some((column, groups)) => (format!("Where each domain stands, and by {column}"), groups),
        None => ("Where each domain stands".to_string(), &[][..]),
    };
    charts::dot_chart(&title, rows, groups, &bands)
}

/// The most items one timeline chart holds: about what fits on an A4 page under the roadmap's
/// heading (the demo's 23 actions and the re-assessment draw 768 units high, 83% of a printed
/// page). A longer plan is drawn as several charts ([`gantt_svgs`]).
pub const TIMELINE_ITEMS_PER_CHART: usize = 24;

/// The roadmap's timeline: its phases, each action from its start to its end month with
/// arrows from what it waits for ([`timeline`]), and the closing re-assessment. A plan of more
/// than [`TIMELINE_ITEMS_PER_CHART`] items is split between whole phases into several charts,
/// each on the whole plan's axis of months, so that no chart is taller than a printed page (a
/// phase larger than that gets a chart of its own). Arrows only join actions of one phase,
/// so none is lost.
pub fn gantt_svgs(plan: &Plan) -> Result<Vec<String>> {
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
    let parts = timeline_parts(&items);
    let title = "Recovery roadmap: actions by phase";
    if parts.len() <= 1 {
        return Ok(vec![charts::gantt(title, &phases, &items)?]);
    }
    parts
        .iter()
        .map(|range| {
            let part: Vec<charts::GanttItem> = items[range.clone()]
                .iter()
                .map(|item| charts::GanttItem {
                    after: item
                        .after
                        .iter()
                        .filter(|&&k| range.contains(&k))
                        .map(|k| k - range.start)
                        .collect(),
                    ..item.clone()
                })
                .collect();
            let first = part.first().map_or(0, |i| i.phase) + 1;
            let last = part.last().map_or(0, |i| i.phase) + 1;
            let which = if first == last {
                format!("phase {first}")
            } else {
                format!("phases {first}\u{2013}{last}")
            };
            charts::gantt(
                &format!("{title}, {which} of {}", phases.len()),
                &phases,
                &part,
            )
        })
        .collect()
}

/// The ranges of `items` (in phase order) that make the timeline's charts: whole runs of
/// phases of at most [`TIMELINE_ITEMS_PER_CHART`] items, a longer run on its own.
pub fn timeline_parts(items: &[charts::GanttItem]) -> Vec<std::ops::Range<usize>> {
    let mut runs: Vec<std::ops::Range<usize>> = Vec::new();
    for (k, item) in items.iter().enumerate() {
        match runs.last_mut() {
            Some(run) if items[run.end - 1].phase == item.phase => run.end = k + 1,
            _ => runs.push(k..k + 1),
        }
    }
    let mut parts: Vec<std::ops::Range<usize>> = Vec::new();
    for run in runs {
        match parts.last_mut() {
            Some(part) if run.end - part.start <= TIMELINE_ITEMS_PER_CHART => part.end = run.end,
            _ => parts.push(run),
        }
    }
    parts
}
