//! "Since the last assessment": the section of a follow-up report that sets this wave against
//! the baseline ([`crate::waves`]) and the work done since ([`crate::roadmap::progress`]): a
//! slope chart per domain, a sentence per domain in plain words, the table of change figures
//! beside each domain's done actions, and the actions done per phase.

use super::narrative::SIGNIFICANCE;
use crate::charts::{SlopePanel, slope_chart};
use crate::format::{self, MISSING};
use crate::questionnaire::Questionnaire;
use crate::roadmap::Plan;
use crate::roadmap::progress::{ActionState, ActionStatuses};
use crate::scoring::{Assessment, DomainResult};
use crate::waves::{Baseline, DomainChange};
use anyhow::Result;
use serde::Serialize;

/// The section, as the templates receive it.
#[derive(Debug, Clone, Serialize)]
pub struct TrendView {
    /// What this wave is compared with, in a sentence; empty without a baseline.
    pub against: String,
    /// The slope chart (SVG); empty without a baseline.
    pub slope_svg: String,
    /// One sentence per domain.
    pub sentences: Vec<String>,
    /// The change figures, one row per domain.
    pub rows: Vec<TrendRow>,
    /// The actions done, when a status file is given.
    pub progress: Option<ProgressView>,
}

/// A domain's row of change figures.
#[derive(Debug, Clone, Serialize)]
pub struct TrendRow {
    /// The domain's name.
    pub name: String,
    /// Percent at the baseline.
    pub then: String,
    /// Percent now.
    pub now: String,
    /// The change in points, signed.
    pub points: String,
    /// Level then and now, `2 → 3`.
    pub levels: String,
    /// Holm-adjusted p-value.
    pub p_adjusted: String,
    /// Cliff's delta with Romano's reading.
    pub delta: String,
    /// Progress to date toward the target.
    pub progress_to_date: String,
    /// The domain's actions done, of those the status file names.
    pub actions: String,
}

/// The actions done since the plan was made.
#[derive(Debug, Clone, Serialize)]
pub struct ProgressView {
    /// In a sentence: done of named, under way, dropped.
    pub summary: String,
    /// Per phase of the status file (its `phase_name` column), in the order first named.
    pub phases: Vec<PhaseProgress>,
}

/// The actions done in one phase.
#[derive(Debug, Clone, Serialize)]
pub struct PhaseProgress {
    /// The phase's name.
    pub name: String,
    /// Actions done.
    pub done: usize,
    /// Actions the status file names in it.
    pub of: usize,
}

/// The section, or `None` when neither a baseline nor a status file is given.
pub fn trend_view(
    q: &Questionnaire,
    a: &Assessment,
    plan: &Plan,
    statuses: Option<&ActionStatuses>,
    baselines: &[Baseline],
) -> Result<Option<TrendView>> {
    if baselines.is_empty() && statuses.is_none() {
        return Ok(None);
    }
    let compared: Vec<(&DomainResult, &DomainChange)> = a
        .domains
        .iter()
        .filter_map(|d| d.change.as_ref().map(|c| (d, c)))
        .collect();
    let mut rows = Vec::new();
    let mut sentences = Vec::new();
    for d in &a.domains {
        let actions = statuses.map_or_else(String::new, |s| domain_actions(q, &d.id, s));
        if let Some(c) = &d.change {
            sentences.push(sentence(d, c));
        }
        rows.push(row(d, d.change.as_ref(), actions));
    }
    let slope_svg = if baselines.is_empty() {
        String::new()
    } else {
        let mut waves: Vec<String> = (1..=baselines.len()).map(|i| format!("Wave {i}")).collect();
        waves.push("Now".into());
        let panels: Vec<SlopePanel> = compared
            .iter()
            .filter(|(_, c)| c.not_comparable.is_none())
            .map(|(d, c)| SlopePanel {
                label: d.name.clone(),
                points: c
                    .earlier_percents
                    .iter()
                    .copied()
                    .chain([d.stats.percent])
                    .collect(),
                target: plan
                    .targets
                    .iter()
                    .find(|t| t.domain == d.id)
                    .and_then(|t| t.target_min_percent),
                note: c.percent_points.map_or_else(
                    || "no figure to compare".into(),
                    |p| format!("{p:+.0} points"),
                ),
            })
            .collect();
        slope_chart("Each domain since the baseline", &waves, &panels)?
    };
    let against = baselines.last().map_or_else(String::new, |b| {
        format!(
            "Compared with {} ({} respondents scored then, {} now){}.",
            b.name,
            b.assessment.respondents.scored,
            a.respondents.scored,
            if baselines.len() > 1 {
                format!(", the last of {} earlier waves", baselines.len())
            } else {
                String::new()
            }
        )
    });
    Ok(Some(TrendView {
        against,
        slope_svg,
        sentences,
        rows,
        progress: statuses.map(progress_view),
    }))
}

/// The sentence the executive summary leads with when a baseline is given: the domains whose
/// change is unlikely to be chance, or that none is. `None` without a baseline.
pub fn lead(a: &Assessment) -> Option<String> {
    let changes: Vec<(&DomainResult, &DomainChange)> = a
        .domains
        .iter()
        .filter_map(|d| d.change.as_ref().map(|c| (d, c)))
        .collect();
    if changes.is_empty() {
        return None;
    }
    let clear: Vec<String> = changes
        .iter()
        .filter(|(_, c)| significant(c))
        .map(|(d, c)| sentence(d, c).trim_end_matches('.').to_string())
        .collect();
    Some(if clear.is_empty() {
        "Since the last assessment, no domain has changed by more than chance alone could explain."
            .into()
    } else {
        format!("Since the last assessment: {}.", clear.join("; "))
    })
}

fn significant(c: &DomainChange) -> bool {
    c.p_adjusted.is_some_and(|p| p < SIGNIFICANCE)
}

/// A domain's change in plain words.
fn sentence(d: &DomainResult, c: &DomainChange) -> String {
    if let Some(why) = &c.not_comparable {
        return format!("{} is {why}.", d.name);
    }
    let Some(points) = c.percent_points else {
        return format!(
            "{} has no figure in one of the two waves to compare.",
            d.name
        );
    };
    let levels = match (c.level_from, c.level_to) {
        (Some(from), Some(to)) if from != to => format!(", from level {from} to {to}"),
        _ => String::new(),
    };
    let unit = if format!("{:.0}", points.abs()) == "1" {
        "point"
    } else {
        "points"
    };
    if significant(c) {
        let verb = if points >= 0.0 { "rose" } else { "fell" };
        format!(
            "{} {verb} {:.0} {unit}{levels}: unlikely to be chance.",
            d.name,
            points.abs()
        )
    } else if c.p_value.is_none() {
        format!(
            "{} moved {points:+.0} {unit}{levels}: too few answers to test the change.",
            d.name
        )
    } else {
        format!(
            "{} moved {points:+.0} {unit}{levels}: too small to tell from chance with {} and {} respondents.",
            d.name, c.baseline_n, d.stats.n
        )
    }
}

fn row(d: &DomainResult, c: Option<&DomainChange>, actions: String) -> TrendRow {
    let missing = || MISSING.to_string();
    let compared = c.filter(|c| c.not_comparable.is_none());
    TrendRow {
        name: d.name.clone(),
        then: compared.map_or_else(missing, |c| format::percent(c.baseline_percent)),
        now: format::percent(d.stats.percent),
        points: compared
            .and_then(|c| c.percent_points)
            .map_or_else(missing, |p| format!("{p:+.1}")),
        levels: compared.map_or_else(missing, |c| {
            format!(
                "{} → {}",
                format::or_missing(c.level_from),
                format::or_missing(c.level_to)
            )
        }),
        p_adjusted: format::p_column(compared.and_then(|c| c.p_adjusted)),
        delta: compared
            .and_then(|c| c.cliffs_delta.zip(c.effect))
            .map_or_else(missing, |(delta, effect)| {
                format!("{delta:+.2} {}", effect.word())
            }),
        progress_to_date: compared
            .and_then(|c| c.progress_to_date)
            .map_or_else(missing, |p| format::whole_percent(p * 100.0)),
        actions,
    }
}

/// `2 of 3 done` for a domain's actions that the status file names.
fn domain_actions(q: &Questionnaire, domain: &str, s: &ActionStatuses) -> String {
    let Some(d) = q.domains.iter().find(|d| d.id == domain) else {
        return MISSING.into();
    };
    let named: Vec<ActionState> = d.actions.iter().filter_map(|a| s.state(&a.id)).collect();
    if named.is_empty() {
        return MISSING.into();
    }
    let done = named.iter().filter(|&&x| x == ActionState::Done).count();
    format!("{done} of {} done", named.len())
}

fn progress_view(s: &ActionStatuses) -> ProgressView {
    let count = |state: ActionState| s.actions.iter().filter(|a| a.state == state).count();
    let mut phases: Vec<PhaseProgress> = Vec::new();
    for a in &s.actions {
        let name = a.phase.clone().unwrap_or_else(|| "(no phase given)".into());
        let done = usize::from(a.state == ActionState::Done);
        match phases.iter_mut().find(|p| p.name == name) {
            Some(entry) => {
                entry.done += done;
                entry.of += 1;
            }
            None => phases.push(PhaseProgress { name, done, of: 1 }),
        }
    }
    ProgressView {
        summary: format!(
            "{} of the {} actions in {} are done, {} in progress, {} not started and {} dropped. \
             The roadmap below is planned again from today: done actions count as in place, and those in progress stay in the first phase.",
            count(ActionState::Done),
            s.actions.len(),
            s.file,
            count(ActionState::InProgress),
            count(ActionState::NotStarted),
            count(ActionState::Dropped)
        ),
        phases,
    }
}
