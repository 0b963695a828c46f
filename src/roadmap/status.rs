//! Where each domain stands: its status as given, checked against the questionnaire, and its
//! target, gap and progress (see "Targets" in the module doc of [`super`]).

use super::explain;
use super::{DomainState, DomainStatus, DomainTarget, PlanError, TargetSource, Targets};
use crate::questionnaire::{Domain, Questionnaire};
use std::cmp::Ordering;

/// What is known of a domain with data.
#[derive(Clone, Copy)]
pub(super) struct Known {
    /// Its level.
    pub(super) level: u32,
    /// Its percent of the scale, when given.
    pub(super) percent: Option<f64>,
}

/// What is known of each domain, in questionnaire order.
pub(super) fn read_status(
    q: &Questionnaire,
    status: &[DomainStatus],
) -> Result<Vec<Option<Known>>, PlanError> {
    let mut current: Vec<Option<Known>> = vec![None; q.domains.len()];
    let mut seen = vec![false; q.domains.len()];
    for s in status {
        let d = find_domain(q, &s.domain, "a domain status")?;
        if std::mem::replace(&mut seen[d], true) {
            return Err(PlanError::DuplicateStatus(s.domain.clone()));
        }
        if let Some(p) = s.percent
            && !(p.is_finite() && (0.0..=100.0).contains(&p))
        {
            return Err(PlanError::InvalidPercent {
                domain: s.domain.clone(),
                percent: p,
            });
        }
        let level = match s.level {
            Some(l) => Some(check_level(
                q,
                l,
                format!("the status of domain '{}'", s.domain),
            )?),
            None => s.percent.map(|p| q.level_for(p).level),
        };
        current[d] = level.map(|level| Known {
            level,
            percent: s.percent,
        });
    }
    Ok(current)
}

/// Targets that name only the questionnaire's domains and levels.
pub(super) fn check_targets(q: &Questionnaire, targets: &Targets) -> Result<(), PlanError> {
    match targets {
        Targets::PerDomain(map) => {
            for (domain, &level) in map {
                find_domain(q, domain, "the targets")?;
                check_level(q, level, format!("the target of domain '{domain}'"))?;
            }
        }
        Targets::All(level) => {
            check_level(q, *level, "the target for all domains")?;
        }
        Targets::Default => {}
    }
    Ok(())
}

/// The index of a domain, or an error naming `what` referred to it.
pub(super) fn find_domain(
    q: &Questionnaire,
    id: &str,
    what: impl Into<String>,
) -> Result<usize, PlanError> {
    q.domains
        .iter()
        .position(|d| d.id == id)
        .ok_or_else(|| PlanError::UnknownDomain {
            what: what.into(),
            domain: id.to_string(),
            known: q
                .domains
                .iter()
                .map(|d| d.id.as_str())
                .collect::<Vec<_>>()
                .join(", "),
        })
}

/// A level the questionnaire defines, or an error naming `what` gave it.
fn check_level(q: &Questionnaire, level: u32, what: impl Into<String>) -> Result<u32, PlanError> {
    match q.level(level) {
        Some(_) => Ok(level),
        None => Err(PlanError::UnknownLevel {
            what: what.into(),
            level,
            levels: level_range(q),
        }),
    }
}

/// The name of a level of the questionnaire, if it defines that level.
pub(super) fn level_name(q: &Questionnaire, number: u32) -> Option<String> {
    q.level(number).map(|l| l.name.clone())
}

/// A level as "level 2 (Managed)".
pub(super) fn level_text(q: &Questionnaire, number: u32) -> String {
    explain::level(number, q.level(number).map(|l| l.name.as_str()))
}

/// The questionnaire's levels as "1..5".
pub(super) fn level_range(q: &Questionnaire) -> String {
    match (q.levels.first(), q.levels.last()) {
        (Some(a), Some(b)) => format!("{}..{}", a.level, b.level),
        _ => "none".into(),
    }
}

/// Progress to target, in percent, counted from the lowest level (where everyone starts):
/// `100 * (1 - gap / (target - floor))`, with `gap` and `target - floor` summed over domains by
/// the caller for the overall figure; 100 when the target is the floor itself.
pub(super) fn progress(gap: u32, target_above_floor: u32) -> f64 {
    if target_above_floor == 0 {
        100.0
    } else {
        // (span - gap) / span: the same figure, exact where it is a whole percent.
        100.0 * f64::from(target_above_floor.saturating_sub(gap)) / f64::from(target_above_floor)
    }
}

/// The lowest level of the questionnaire: progress is counted from it.
pub(super) fn floor(q: &Questionnaire) -> u32 {
    q.levels.iter().map(|l| l.level).min().unwrap_or(1)
}

/// A domain's target, gap and progress.
pub(super) fn domain_target(
    q: &Questionnaire,
    d: &Domain,
    known: Option<Known>,
    targets: &Targets,
) -> DomainTarget {
    let explicit = match targets {
        Targets::PerDomain(map) => map.get(&d.id).map(|&l| (l, TargetSource::TargetsFile)),
        Targets::All(l) => Some((*l, TargetSource::TargetOption)),
        Targets::Default => None,
    };
    let target = explicit
        .or(d.target_level.map(|l| (l, TargetSource::Questionnaire)))
        .or_else(|| {
            known.map(|k| {
                let next = q
                    .levels
                    .iter()
                    .find(|l| l.level > k.level)
                    .map_or(k.level, |l| l.level);
                (next, TargetSource::NextLevel)
            })
        });
    let target_level = target.map(|(l, _)| l);
    let target_min_percent = target_level.and_then(|l| q.level(l)).map(|l| l.min_percent);
    let (state, gap_levels) = match (known, target_level) {
        (Some(k), Some(t)) => (
            match k.level.cmp(&t) {
                Ordering::Less => DomainState::BelowTarget,
                Ordering::Equal => DomainState::AtTarget,
                Ordering::Greater => DomainState::AboveTarget,
            },
            Some(t.saturating_sub(k.level)),
        ),
        _ => (DomainState::NoData, None),
    };
    let gap_percent = match (known.and_then(|k| k.percent), target_min_percent) {
        (Some(p), Some(min)) => Some((min - p).max(0.0)),
        _ => None,
    };
    DomainTarget {
        domain: d.id.clone(),
        name: d.name.clone(),
        weight: d.weight,
        state,
        current_level: known.map(|k| k.level),
        current_level_name: known.and_then(|k| level_name(q, k.level)),
        current_percent: known.and_then(|k| k.percent),
        target_level,
        target_level_name: target_level.and_then(|l| level_name(q, l)),
        target_source: target.map(|(_, s)| s),
        target_min_percent,
        gap_levels,
        gap_percent,
        percent_to_target: gap_levels
            .zip(target_level)
            .map(|(g, t)| progress(g, t.saturating_sub(floor(q)))),
    }
}
