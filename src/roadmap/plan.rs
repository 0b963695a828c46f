//! The planner's entry point: the steps of the module doc of [`super`], run in order.

use super::assemble::Parts;
use super::choose::choose;
use super::constraints::{Graph, priorities};
use super::phases::check_phases;
use super::schedule::{Work, schedule, schedule_warnings};
use super::status::{check_targets, domain_target, floor, progress, read_status};
use super::{DomainStatus, DomainTarget, Plan, PlanError, PlanOptions, RaisedFlag, RaisedSign};
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
    plan_signs(q, status, &signs, opts)
}

/// [`plan`] from raised danger signs of any kind: the survey's red flags and the records'
/// evidence flags ([`RaisedSign`]), which head the plan in the order given and are planned
/// alike.
pub fn plan_signs(
    q: &Questionnaire,
    status: &[DomainStatus],
    flags: &[RaisedSign],
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
    let choice = choose(q, &catalogue, &current, &targets, flags, &mut warnings)?;
    let graph = Graph::new(&catalogue, &choice.chosen);
    let (priority, effective, inherited_from) = priorities(q, &catalogue, &graph, &targets);
    let roots: Vec<usize> = (0..graph.nodes.len())
        .filter(|&v| !choice.flagged_by[graph.nodes[v]].is_empty())
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
