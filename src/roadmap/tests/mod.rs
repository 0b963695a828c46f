//! Tests of the roadmap planner, on small hand-made questionnaires and large generated ones.

mod constraints;
mod export;
mod generated;
mod inputs;
mod planning;
mod property;
mod scale;
mod sentences;

use super::*;
use crate::questionnaire::{Questionnaire, parse};

/// The shared test questionnaire (see the comments in the file).
const SMALL: &str = include_str!("../../../tests/fixtures/roadmap/small.yaml");

/// Parse a questionnaire or fail the test with its problems.
fn questionnaire(yaml: &str) -> Questionnaire {
    parse(yaml, "t.yaml").unwrap_or_else(|e| panic!("{e}"))
}

fn small() -> Questionnaire {
    questionnaire(SMALL)
}

/// A status with a level and a percent.
fn at(domain: &str, level: u32, percent: f64) -> DomainStatus {
    DomainStatus {
        domain: domain.into(),
        percent: Some(percent),
        level: Some(level),
    }
}

/// Scenario A: change 1 (10%), desk 2 (30%), cost 1 (5%).
fn scenario_a() -> Vec<DomainStatus> {
    vec![
        at("change", 1, 10.0),
        at("desk", 2, 30.0),
        at("cost", 1, 5.0),
    ]
}

/// The raised flag of the small questionnaire.
fn cost_blind() -> RaisedFlag {
    RaisedFlag {
        id: "cost-blind".into(),
        domain: "cost".into(),
        finding: "Nobody knows what IT services cost.".into(),
        value: 5.0,
        subject: "cost".into(),
        metric: crate::questionnaire::FlagMetric::Percent,
        threshold: 25.0,
    }
}

/// Plan or fail the test.
fn plan_ok(
    q: &Questionnaire,
    status: &[DomainStatus],
    flags: &[RaisedFlag],
    opts: &PlanOptions,
) -> Plan {
    plan(q, status, flags, opts).unwrap_or_else(|e| panic!("{e}"))
}

/// The plan as (phase, id) in order.
fn layout(plan: &Plan) -> Vec<(usize, &str)> {
    plan.actions().map(|a| (a.phase, a.id.as_str())).collect()
}

/// The planned action with this id.
fn action<'a>(plan: &'a Plan, id: &str) -> &'a PlannedAction {
    plan.actions()
        .find(|a| a.id == id)
        .unwrap_or_else(|| panic!("{id} is not planned"))
}

/// The ids of the dependencies already in place, in order.
fn in_place_ids(plan: &Plan) -> Vec<&str> {
    plan.in_place.iter().map(|a| a.id.as_str()).collect()
}

/// The target entry of a domain.
fn target<'a>(plan: &'a Plan, domain: &str) -> &'a DomainTarget {
    plan.targets
        .iter()
        .find(|t| t.domain == domain)
        .unwrap_or_else(|| panic!("no target for {domain}"))
}

fn with_capacity(capacity: u32) -> PlanOptions {
    PlanOptions {
        capacity: Some(capacity),
        ..PlanOptions::default()
    }
}

fn close(a: f64, b: f64) -> bool {
    (a - b).abs() < 1e-9
}
