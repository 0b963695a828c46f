//! Which actions the plan holds, and why (see "Choosing actions" in the module doc of
//! [`super`]).

use super::plan::Catalogue;
use super::status::{Known, find_domain, level_text};
use super::{DomainState, DomainTarget, PlanError, PlanFlag, RaisedSign};
use crate::observations::Observation;
use crate::questionnaire::Questionnaire;

/// Which actions the plan holds, and why (all indexed like [`Catalogue::actions`]).
pub(super) struct Choice {
    /// Chosen for the plan.
    pub(super) chosen: Vec<bool>,
    /// Chosen because it lifts its domain towards its target.
    pub(super) lifts: Vec<bool>,
    /// The raised flags (indices into the flags given) that chose it.
    pub(super) flagged_by: Vec<Vec<usize>>,
    /// The observations (indices into those given) that name it.
    pub(super) observed_by: Vec<Vec<usize>>,
    /// A dependency whose domain already reached its level.
    pub(super) in_place: Vec<bool>,
    /// The flags as reported.
    pub(super) flags: Vec<PlanFlag>,
}

/// Choose the actions: those of the raised flags and observations, those that lift domains
/// below target, then their dependencies, transitively, unless already in place. The actions
/// marked `done` (by a status file) are in place and never chosen.
pub(super) fn choose(
    q: &Questionnaire,
    catalogue: &Catalogue<'_>,
    (current, done): (&[Option<Known>], &[bool]),
    targets: &[DomainTarget],
    flags: &[RaisedSign],
    observations: &[Observation],
    warnings: &mut Vec<String>,
) -> Result<Choice, PlanError> {
    let count = catalogue.actions.len();
    let mut choice = Choice {
        chosen: vec![false; count],
        lifts: vec![false; count],
        flagged_by: vec![Vec::new(); count],
        observed_by: vec![Vec::new(); count],
        in_place: done.to_vec(),
        flags: Vec::with_capacity(flags.len()),
    };
    for (fi, f) in flags.iter().enumerate() {
        let flag = choose_for_flag(q, catalogue, current, fi, f, &mut choice, warnings)?;
        choice.flags.push(flag);
    }
    for (oi, o) in observations.iter().enumerate() {
        for i in o.actions.iter().filter_map(|a| catalogue.graph.index(a)) {
            choice.observed_by[i].push(oi);
            choice.chosen[i] = true;
        }
    }
    for (i, &(d, a)) in catalogue.actions.iter().enumerate() {
        if let (Some(k), Some(t)) = (current[d], targets[d].target_level)
            && a.lifts_to > k.level
            && a.lifts_to <= t
        {
            choice.lifts[i] = true;
            choice.chosen[i] = true;
        }
    }
    for (i, &is_done) in done.iter().enumerate() {
        if is_done {
            choice.chosen[i] = false;
            choice.lifts[i] = false;
            choice.flagged_by[i].clear();
        }
    }
    for flag in &mut choice.flags {
        flag.actions.retain(|id| {
            catalogue
                .graph
                .index(id)
                .is_none_or(|i| !done.get(i).copied().unwrap_or(false))
        });
    }
    unreachable_targets(q, targets, warnings);
    follow_dependencies(q, catalogue, current, &mut choice, warnings);
    Ok(choice)
}

/// The actions a raised flag puts first: its domain's actions up to the second level, and its
/// own remedies; the flag as the plan reports it.
fn choose_for_flag(
    q: &Questionnaire,
    catalogue: &Catalogue<'_>,
    current: &[Option<Known>],
    fi: usize,
    f: &RaisedSign,
    choice: &mut Choice,
    warnings: &mut Vec<String>,
) -> Result<PlanFlag, PlanError> {
    let urgent_level = q.levels.get(1).or(q.levels.first()).map_or(0, |l| l.level);
    let d = find_domain(q, &f.domain, format!("flag '{}'", f.id))?;
    let domain = &q.domains[d];
    let mut ids = Vec::new();
    match current[d] {
        None => warnings.push(format!(
            "Flag '{}' is raised on {}, which has no data; no action was planned for it.",
            f.id, domain.name
        )),
        Some(k) => {
            for (i, &(ad, a)) in catalogue.actions.iter().enumerate() {
                if ad == d && a.lifts_to > k.level && a.lifts_to <= urgent_level {
                    choice.flagged_by[i].push(fi);
                    choice.chosen[i] = true;
                    ids.push(a.id.clone());
                }
            }
            // The flag's own remedies, whatever their domain's level: the danger sign is
            // raised, so the answer to it is planned (and never counted as in place).
            for remedy in &f.actions {
                let Some(i) = catalogue.graph.index(remedy) else {
                    continue;
                };
                let (_, a) = catalogue.actions[i];
                if !choice.flagged_by[i].contains(&fi) {
                    choice.flagged_by[i].push(fi);
                    choice.chosen[i] = true;
                    ids.push(a.id.clone());
                }
            }
            if ids.is_empty() {
                let second = level_text(q, urgent_level);
                warnings.push(if k.level >= urgent_level {
                    format!(
                        "Flag '{}' is raised, but {} is already at {} or above, so the flag puts no action \
                         into the first phase; the finding needs an answer of its own.",
                        f.id, domain.name, second
                    )
                } else {
                    format!(
                        "Flag '{}' is raised, but no action lifts {} to {}; the finding needs an answer of its own.",
                        f.id, domain.name, second
                    )
                });
            }
        }
    }
    Ok(PlanFlag {
        id: f.id.clone(),
        domain: domain.id.clone(),
        domain_name: domain.name.clone(),
        finding: f.finding.clone(),
        value: f.value,
        actions: ids,
    })
}

/// Warn about domains below target that no action of the questionnaire lifts far enough.
fn unreachable_targets(q: &Questionnaire, targets: &[DomainTarget], warnings: &mut Vec<String>) {
    for (t, d) in targets.iter().zip(&q.domains) {
        if let (DomainState::BelowTarget, Some(target)) = (t.state, t.target_level) {
            let reach = d.actions.iter().map(|a| a.lifts_to).max();
            match reach {
                None => warnings.push(format!(
                    "{} is below its target level {target}, but the questionnaire has no action for it.",
                    d.name
                )),
                Some(r) if r < target => warnings.push(format!(
                    "{} is below its target level {target}, but no action in the questionnaire lifts it beyond level {r}.",
                    d.name
                )),
                Some(_) => {}
            }
        }
    }
}

/// Add the dependencies of the chosen actions, transitively; one whose domain has reached its
/// level is in place instead, and what it needs is not followed.
fn follow_dependencies(
    q: &Questionnaire,
    catalogue: &Catalogue<'_>,
    current: &[Option<Known>],
    choice: &mut Choice,
    warnings: &mut Vec<String>,
) {
    let mut stack: Vec<usize> = (0..catalogue.actions.len())
        .filter(|&i| choice.chosen[i])
        .collect();
    while let Some(i) = stack.pop() {
        for &j in catalogue.graph.deps(i) {
            if choice.chosen[j] || choice.in_place[j] {
                continue;
            }
            let (dj, aj) = catalogue.actions[j];
            match current[dj] {
                Some(k) if k.level >= aj.lifts_to => choice.in_place[j] = true,
                known => {
                    if known.is_none() {
                        warnings.push(format!(
                            "{} ({}) is planned because {} needs it; {} has no data to show it is already in place.",
                            aj.id, aj.title, catalogue.actions[i].1.id, q.domains[dj].name
                        ));
                    }
                    choice.chosen[j] = true;
                    stack.push(j);
                }
            }
        }
    }
}
