//! The change figures of the module doc of [`super`], written into the current assessment.

use super::{Baseline, DomainChange, Effect, QuestionChange};
use crate::error::{Problem, Problems};
use crate::questionnaire::Questionnaire;
use crate::roadmap::{self, DomainStatus, PlanOptions};
use crate::scoring::adjust::holm;
use crate::scoring::stats::mann_whitney;
use crate::scoring::{Assessment, DomainResult, GroupStats, QuestionResult};
use std::collections::BTreeMap;

/// The percent each domain of `q` must reach for its target, as the roadmap sets the targets
/// from the baseline's levels with `opts`; `None` for a domain the baseline has no figure for.
/// In the order of `q`'s domains.
pub fn target_percents(
    q: &Questionnaire,
    baseline: &Assessment,
    opts: &PlanOptions,
) -> Result<Vec<Option<f64>>, roadmap::PlanError> {
    let status: Vec<DomainStatus> = baseline
        .domains
        .iter()
        .filter(|d| q.domains.iter().any(|qd| qd.id == d.id))
        .map(|d| DomainStatus {
            domain: d.id.clone(),
            percent: d.stats.percent,
            level: d.stats.level,
        })
        .collect();
    let plan = roadmap::plan(q, &status, &[], opts)?;
    Ok(plan
        .targets
        .iter()
        .map(|t| t.target_min_percent.filter(|_| t.current_percent.is_some()))
        .collect())
}

/// Write the change since the last of `baselines` into `now` (see the module doc of
/// [`super`]); `targets` are [`target_percents`] of that baseline. Nothing changes when
/// `baselines` is empty. Fails when a baseline's scale is not the questionnaire's.
pub fn compare(
    q: &Questionnaire,
    now: &mut Assessment,
    baselines: &[Baseline],
    targets: &[Option<f64>],
) -> Result<(), Problems> {
    let Some(last) = baselines.last() else {
        return Ok(());
    };
    for b in baselines {
        let info = &b.assessment.questionnaire;
        if (info.scale_min, info.scale_max) != (q.scale.min, q.scale.max) {
            return Err(Problem::file(
                &b.name,
                format!(
                    "its scale is {}..{}, the questionnaire's is {}..{}: scores on different scales cannot be compared",
                    info.scale_min, info.scale_max, q.scale.min, q.scale.max
                ),
            )
            .into());
        }
    }
    let aliases = alias_table(q);
    for (i, d) in now.domains.iter_mut().enumerate() {
        let earlier: Vec<Option<&DomainResult>> = baselines
            .iter()
            .map(|b| comparable(d, &b.assessment, &aliases).ok())
            .collect();
        d.change = Some(match comparable(d, &last.assessment, &aliases) {
            Ok(then) => {
                let target = targets.get(i).copied().flatten();
                for g in &mut d.groups {
                    let Some(stats) = &g.stats else { continue };
                    let find = |bd: &DomainResult| {
                        bd.groups
                            .iter()
                            .find(|h| h.column == g.column && h.value == g.value)
                            .and_then(|h| h.stats.clone())
                    };
                    let Some(before) = find(then) else { continue };
                    let mut change = stats_change(stats, &before, None);
                    change.earlier_percents = earlier
                        .iter()
                        .map(|bd| bd.and_then(find).and_then(|s| s.percent))
                        .collect();
                    g.change = Some(change);
                }
                let mut change = stats_change(&d.stats, &then.stats, target);
                change.earlier_percents = earlier
                    .iter()
                    .map(|bd| bd.and_then(|bd| bd.stats.percent))
                    .collect();
                change
            }
            Err(why) => DomainChange {
                earlier_percents: vec![None; baselines.len()],
                not_comparable: Some(why),
                ..DomainChange::default()
            },
        });
    }
    adjust_domains(now);
    compare_questions(q, now, &last.assessment, &aliases);
    Ok(())
}

/// Each question id of `q` with its aliases.
fn alias_table(q: &Questionnaire) -> BTreeMap<&str, &[String]> {
    q.domains
        .iter()
        .flat_map(|d| &d.questions)
        .map(|question| (question.id.as_str(), question.aliases.as_slice()))
        .collect()
}

/// Whether a baseline question is the current question `id` (by id or alias).
fn same_question(id: &str, then: &str, aliases: &BTreeMap<&str, &[String]>) -> bool {
    id == then || aliases.get(id).is_some_and(|a| a.iter().any(|x| x == then))
}

/// The baseline's domain of the same id when it asks the same statements, else why not.
fn comparable<'b>(
    d: &DomainResult,
    baseline: &'b Assessment,
    aliases: &BTreeMap<&str, &[String]>,
) -> Result<&'b DomainResult, String> {
    let then = baseline
        .domains
        .iter()
        .find(|b| b.id == d.id)
        .ok_or_else(|| "not comparable: the baseline has no such domain".to_string())?;
    let added: Vec<&str> = d
        .questions
        .iter()
        .filter(|q| {
            !then
                .questions
                .iter()
                .any(|t| same_question(&q.id, &t.id, aliases))
        })
        .map(|q| q.id.as_str())
        .collect();
    let dropped: Vec<&str> = then
        .questions
        .iter()
        .filter(|t| {
            !d.questions
                .iter()
                .any(|q| same_question(&q.id, &t.id, aliases))
        })
        .map(|t| t.id.as_str())
        .collect();
    if added.is_empty() && dropped.is_empty() {
        return Ok(then);
    }
    let mut parts = Vec::new();
    if !added.is_empty() {
        parts.push(format!("new now: {}", added.join(", ")));
    }
    if !dropped.is_empty() {
        parts.push(format!("asked only then: {}", dropped.join(", ")));
    }
    Err(format!(
        "not comparable: its questions changed ({})",
        parts.join("; ")
    ))
}

/// The change between two sets of statistics; `target` is the target percent (domains only).
fn stats_change(now: &GroupStats, then: &GroupStats, target: Option<f64>) -> DomainChange {
    let test = mann_whitney(&now.distribution, &then.distribution);
    let points = now.percent.zip(then.percent).map(|(a, b)| a - b);
    let progress = match (points, then.percent, target) {
        (Some(points), Some(base), Some(target)) if target > base => Some(points / (target - base)),
        _ => None,
    };
    let delta = test.map(|t| t.rank_biserial);
    DomainChange {
        baseline_percent: then.percent,
        percent_points: points,
        level_from: then.level,
        level_to: now.level,
        u: test.map(|t| t.u),
        p_value: test.and_then(|t| t.p_value),
        p_adjusted: None,
        cliffs_delta: delta,
        progress_to_date: progress,
        baseline_n: then.n,
        effect: delta.map(Effect::of),
        earlier_percents: Vec::new(),
        not_comparable: None,
    }
}

/// Holm over every domain and group change, as one family.
fn adjust_domains(now: &mut Assessment) {
    let mut slots: Vec<&mut DomainChange> = Vec::new();
    for d in &mut now.domains {
        slots.extend(d.change.as_mut());
        slots.extend(d.groups.iter_mut().filter_map(|g| g.change.as_mut()));
    }
    let p: Vec<Option<f64>> = slots.iter().map(|c| c.p_value).collect();
    for (c, adjusted) in slots.into_iter().zip(holm(&p)) {
        c.p_adjusted = adjusted;
    }
}

/// A question's answers as reversed values with their counts.
fn reversed(q: &QuestionResult, min: i32, max: i32) -> BTreeMap<i64, u64> {
    let mut out = BTreeMap::new();
    for &(x, c) in &q.counts.0 {
        let v = if q.reverse {
            i64::from(min) + i64::from(max) - i64::from(x)
        } else {
            i64::from(x)
        };
        *out.entry(v).or_insert(0) += c;
    }
    out
}

/// Statement by statement, across every domain, then Holm over the statements.
fn compare_questions(
    q: &Questionnaire,
    now: &mut Assessment,
    baseline: &Assessment,
    aliases: &BTreeMap<&str, &[String]>,
) {
    let (min, max) = (q.scale.min, q.scale.max);
    let before: Vec<&QuestionResult> = baseline.domains.iter().flat_map(|d| &d.questions).collect();
    for question in now.domains.iter_mut().flat_map(|d| &mut d.questions) {
        let Some(then) = before
            .iter()
            .find(|t| same_question(&question.id, &t.id, aliases))
        else {
            continue;
        };
        let test = mann_whitney(&reversed(question, min, max), &reversed(then, min, max));
        question.change = Some(QuestionChange {
            baseline_mean: then.mean,
            mean_difference: question.mean.zip(then.mean).map(|(a, b)| a - b),
            favorable_difference: question.favorable.zip(then.favorable).map(|(a, b)| a - b),
            u: test.map(|t| t.u),
            p_value: test.and_then(|t| t.p_value),
            p_adjusted: None,
            baseline_id: then.id.clone(),
            baseline_n: then.n,
        });
    }
    let mut slots: Vec<&mut QuestionChange> = now
        .domains
        .iter_mut()
        .flat_map(|d| &mut d.questions)
        .filter_map(|q| q.change.as_mut())
        .collect();
    let p: Vec<Option<f64>> = slots.iter().map(|c| c.p_value).collect();
    for (c, adjusted) in slots.iter_mut().zip(holm(&p)) {
        c.p_adjusted = adjusted;
    }
}
