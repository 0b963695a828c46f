//! The planner's entry point: the steps of the module doc of [`super`], run in order.

use super::assemble::Parts;
use super::choose::choose;
use super::constraints::{Graph, priorities};
use super::phases::check_phases;
use super::progress::{ActionState, ActionStatuses};
use super::schedule::{Work, schedule, schedule_warnings};
use super::status::{check_targets, domain_target, floor, progress, read_status};
use super::{DomainStatus, DomainTarget, Plan, PlanError, PlanOptions, RaisedFlag, RaisedSign};
use crate::observations::Observation;
use crate::questionnaire::{Action, ActionGraph, Questionnaire};

/// The questionnaire's actions in order, each with the index of its domain, and the graph of
/// their dependencies, numbered alike.
pub(super) struct Catalogue<'q> {
    /// Each action with the index of its domain, in questionnaire order.
    pub(super) actions: Vec<(usize, &'q Action)>,
    /// Their dependencies.
    pub(super) graph: ActionGraph<'q>,
}

impl<'q> Catalogue<'q> {
    /// The actions of `q` and their graph.
    pub(super) fn new(q: &'q Questionnaire) -> Self {
        Catalogue {
            actions: q.actions().collect(),
            graph: ActionGraph::of(q),
        }
    }
}

/// Plan the recovery: see the module doc of [`super`] for every rule.
///
/// `status` holds at most one entry per domain (a domain without one has no data); `flags` are
/// the raised flags in the order they head the plan. The result depends on nothing else, so the
/// same input always gives the same plan.
pub fn plan(
    q: &Questionnaire,
    status: &[DomainStatus],
    flags: &[RaisedFlag],
    opts: &PlanOptions,
) -> Result<Plan, PlanError> {
    let signs: Vec<RaisedSign> = flags.iter().map(|f| RaisedSign::survey(q, f)).collect();
    plan_with(q, status, &signs, &Extras::default(), opts)
}

/// What a plan may take beside the scores: the consultant's observations and the actions'
/// statuses from a status file.
#[derive(Debug, Default, Clone, Copy)]
pub struct Extras<'a> {
    /// The consultant's observations: the actions they name are chosen and put first like a
    /// raised flag's, each with the observation as a reason. They must have been checked
    /// against the questionnaire ([`crate::observations::check`]); an action id it does not
    /// define is passed over.
    pub observations: &'a [Observation],
    /// The actions' statuses ([`super::progress`]): done actions count as in place (listed in
    /// `in_place`, never planned), and actions in progress are urgent, so they stay in the
    /// first phase with whatever they still need.
    pub statuses: Option<&'a ActionStatuses>,
}

/// Plan the recovery as [`plan`] does, from raised danger signs of any kind (the survey's red
/// flags and the records' evidence flags, [`RaisedSign`], which head the plan in the order
/// given and are planned alike), with the observations and statuses of `extras`.
pub fn plan_with(
    q: &Questionnaire,
    status: &[DomainStatus],
    flags: &[RaisedSign],
    extras: &Extras<'_>,
    opts: &PlanOptions,
) -> Result<Plan, PlanError> {
    check_phases(&opts.phases)?;
    if opts.capacity == Some(0) {
        return Err(PlanError::ZeroCapacity);
    }
    let current = read_status(q, status)?;
    check_targets(q, &opts.targets)?;
    let targets: Vec<DomainTarget> = q
        .domains
        .iter()
        .zip(&current)
        .map(|(d, known)| domain_target(q, d, *known, &opts.targets))
        .collect();
    let catalogue = Catalogue::new(q);
    let mut warnings = Vec::new();
    let state = |i: usize| {
        extras
            .statuses
            .and_then(|p| p.state(&catalogue.actions[i].1.id))
    };
    let done: Vec<bool> = (0..catalogue.actions.len())
        .map(|i| state(i) == Some(ActionState::Done))
        .collect();
    let choice = choose(
        q,
        &catalogue,
        (&current, &done),
        &targets,
        flags,
        extras.observations,
        &mut warnings,
    )?;
    let graph = Graph::new(&catalogue, &choice.chosen);
    let (priority, effective, inherited_from) = priorities(q, &catalogue, &graph, &targets);
    let roots: Vec<usize> = (0..graph.nodes.len())
        .filter(|&v| {
            let i = graph.nodes[v];
            !choice.flagged_by[i].is_empty()
                || !choice.observed_by[i].is_empty()
                || state(i) == Some(ActionState::InProgress)
        })
        .collect();
    let urgent = graph.with_predecessors(roots);
    let (ids, cost): (Vec<&str>, Vec<u32>) = graph
        .nodes
        .iter()
        .map(|&i| {
            let a = catalogue.actions[i].1;
            (a.id.as_str(), a.effort.cost())
        })
        .unzip();
    let work = Work {
        urgent: &urgent,
        effective: &effective,
        cost: &cost,
        ids: &ids,
    };
    let schedule = schedule(&graph, &work, &opts.phases, opts.capacity);
    let given = opts.phases.len();
    schedule_warnings(&schedule, given, &work, opts.capacity, &mut warnings);
    let (phases, in_place) = Parts {
        q,
        catalogue: &catalogue,
        current: &current,
        flags,
        observations: extras.observations,
        choice: &choice,
        graph: &graph,
        priority: &priority,
        inherited_from: &inherited_from,
        work: &work,
        schedule: &schedule,
        given,
        capacity: opts.capacity,
    }
    .assemble();

    let with_data: Vec<&DomainTarget> = targets.iter().filter(|t| t.gap_levels.is_some()).collect();
    let percent_to_target = (!with_data.is_empty()).then(|| {
        let gap: u32 = with_data.iter().filter_map(|t| t.gap_levels).sum();
        let above_floor: u32 = with_data
            .iter()
            .filter_map(|t| t.target_level)
            .map(|t| t.saturating_sub(floor(q)))
            .sum();
        progress(gap, above_floor)
    });
    Ok(Plan {
        schema_version: crate::scoring::SCHEMA_VERSION,
        questionnaire: q.id.clone(),
        title: q.title.clone(),
        capacity: opts.capacity,
        percent_to_target,
        flags: choice.flags,
        targets,
        phases,
        in_place,
        warnings,
    })
}
