//! The view of "What the records say": per danger sign, what people say in the survey beside
//! what the ticket records show, stated as agreement or contradiction; the change, incident
//! and cost figures with DORA's bands beside the two they apply to; and the two charts.
//!
//! The survey sees a problem when fewer than half of the answers to the flag's question are
//! favourable; the records see one when the evidence flag is raised.

use crate::charts::{self, RestoreRow, StackColumn, StackSeries, restore_bars, stacked_columns};
use crate::evidence::dora::{Band, CHANGE_FAILURE_RATE, DORA_YEAR, TIME_TO_RESTORE};
use crate::evidence::{ChangeFigures, CostFigures, Evidence, IncidentFigures, Share, Spread};
use crate::format;
use crate::questionnaire::{EvidenceFlag, Questionnaire};
use crate::roadmap::Plan;
use crate::scoring::Assessment;
use anyhow::Result;
use serde::Serialize;

/// Below this share of favourable answers, the survey reads as seeing the problem.
pub const SURVEY_PROBLEM_BELOW: f64 = 0.5;

/// The section's view.
#[derive(Debug, Clone, Serialize)]
pub struct EvidenceView {
    /// Per danger sign (domain), the survey beside the records.
    pub signs: Vec<SignView>,
    /// Change figures as rows, when change records were given.
    pub changes: Vec<FigureRow>,
    /// Incident figures as rows, when incident records were given.
    pub incidents: Vec<FigureRow>,
    /// Per priority: share, median restore time, service levels met.
    pub priorities: Vec<PriorityRow>,
    /// The costs.
    pub costs: CostsView,
    /// Changes per month by type (SVG), when change records were given.
    pub months_svg: Option<String>,
    /// Restore time by priority (SVG), when incident records were given.
    pub restore_svg: Option<String>,
    /// The report year of DORA's bands.
    pub dora_year: u16,
    /// Notes about missing figures.
    pub notes: Vec<String>,
}

/// One danger sign: its name and each evidence flag's comparison.
#[derive(Debug, Clone, Serialize)]
pub struct SignView {
    /// The domain's name.
    pub name: String,
    /// One line per evidence flag of the domain.
    pub lines: Vec<ComparisonView>,
}

/// The survey beside the records for one evidence flag.
#[derive(Debug, Clone, Serialize)]
pub struct ComparisonView {
    /// What people say, with the question's id and share favourable.
    pub survey: String,
    /// What the records show.
    pub records: String,
    /// `agree`, `contradict` or `unknown`.
    pub verdict: String,
    /// The verdict in a plain sentence.
    pub statement: String,
    /// The finding, when the flag is raised.
    pub finding: Option<String>,
    /// The first planned action answering the raised flag.
    pub action: Option<String>,
}

/// One figure: its name, value, the count it rests on and, where one applies, DORA's bands.
#[derive(Debug, Clone, Serialize)]
pub struct FigureRow {
    /// What the figure is.
    pub label: String,
    /// Its value, formatted.
    pub value: String,
    /// The records it rests on.
    pub n: u64,
    /// DORA's bands, such as "elite 5%, high 10%, …", or empty.
    pub dora: String,
}

/// One incident priority.
#[derive(Debug, Clone, Serialize)]
pub struct PriorityRow {
    /// The priority as exported.
    pub priority: String,
    /// Its share of the incidents.
    pub share: String,
    /// Median hours to restore.
    pub restore: String,
    /// Share of service levels met.
    pub sla: String,
    /// Incidents of this priority.
    pub n: u64,
}

/// The costs.
#[derive(Debug, Clone, Serialize)]
pub struct CostsView {
    /// Whether a cost per service per user could be worked out.
    pub available: bool,
    /// Per service.
    pub services: Vec<ServiceRow>,
    /// The monthly total.
    pub total: String,
}

/// One service's cost.
#[derive(Debug, Clone, Serialize)]
pub struct ServiceRow {
    /// The service.
    pub service: String,
    /// The owner, when given.
    pub owner: String,
    /// Monthly cost.
    pub monthly_cost: String,
    /// Active users.
    pub users: u64,
    /// Cost per user per month.
    pub per_user: String,
}

/// The section's view; `None` when the run had no records.
pub fn evidence_view(
    q: &Questionnaire,
    a: &Assessment,
    plan: &Plan,
) -> Result<Option<EvidenceView>> {
    let Some(e) = &a.evidence else {
        return Ok(None);
    };
    let mut notes = Vec::new();
    if let Some(note) = e.changes.as_ref().and_then(|c| c.lead_time_note.clone()) {
        notes.push(format!("Lead time: {note}."));
    }
    Ok(Some(EvidenceView {
        signs: sign_views(q, a, e, plan),
        changes: e.changes.as_ref().map(change_rows).unwrap_or_default(),
        incidents: e.incidents.as_ref().map(incident_rows).unwrap_or_default(),
        priorities: e.incidents.as_ref().map(priority_rows).unwrap_or_default(),
        costs: costs_view(&e.costs),
        months_svg: e.changes.as_ref().map(months_svg).transpose()?,
        restore_svg: e.incidents.as_ref().map(restore_svg).transpose()?,
        dora_year: DORA_YEAR,
        notes,
    }))
}

fn sign_views(q: &Questionnaire, a: &Assessment, e: &Evidence, plan: &Plan) -> Vec<SignView> {
    q.domains
        .iter()
        .filter_map(|d| {
            let lines: Vec<ComparisonView> = q
                .evidence_flags
                .iter()
                .filter(|f| f.domain == d.id)
                .map(|f| comparison(a, e, f, plan))
                .collect();
            (!lines.is_empty()).then(|| SignView {
                name: d.name.clone(),
                lines,
            })
        })
        .collect()
}

fn comparison(a: &Assessment, e: &Evidence, f: &EvidenceFlag, plan: &Plan) -> ComparisonView {
    let question = f.question.as_ref().and_then(|id| {
        a.domains
            .iter()
            .flat_map(|d| &d.questions)
            .find(|q| &q.id == id)
    });
    let favourable = question.and_then(|q| q.favorable);
    let survey = match (question, favourable) {
        (Some(q), Some(v)) => format!(
            "People were asked “{}”: {} favourable on {}.",
            q.text,
            format::whole_percent(v * 100.0),
            q.id
        ),
        (Some(q), None) => format!("People were asked “{}”: no answers on {}.", q.text, q.id),
        (None, _) => "The survey asks no question about this figure.".to_string(),
    };
    let value = e.metric(&f.metric);
    let raised = e.flags.iter().any(|r| r.id == f.id);
    let records = match value {
        Some((v, n)) if f.metric == "costs.available" => {
            if v >= 1.0 {
                format!(
                    "The records: a cost per user per month was worked out from the costs of {n} services."
                )
            } else {
                "The records: no cost per service per user was available.".to_string()
            }
        }
        Some((v, n)) => format!(
            "The records: {} {} (from {n} records; the sign is {} {}).",
            metric_label(&f.metric),
            metric_value(&f.metric, v),
            match f.comparison {
                crate::questionnaire::EvidenceComparison::Above => "above",
                crate::questionnaire::EvidenceComparison::Below => "below",
            },
            metric_value(&f.metric, f.threshold)
        ),
        None => format!("The records given do not show {}.", metric_label(&f.metric)),
    };
    let survey_problem = favourable.map(|v| v < SURVEY_PROBLEM_BELOW);
    let (verdict, statement) = match (survey_problem, value.is_some(), raised) {
        (_, false, _) | (None, _, _) => (
            "unknown",
            "There is not enough on both sides to compare.".to_string(),
        ),
        (Some(true), true, true) => (
            "agree",
            "The records agree with the survey: both show the problem.".to_string(),
        ),
        (Some(false), true, false) => (
            "agree",
            "The records agree with the survey: neither shows the problem.".to_string(),
        ),
        (Some(true), true, false) => (
            "contradict",
            "The records contradict the survey: people report a problem the figures do not show."
                .to_string(),
        ),
        (Some(false), true, true) => (
            "contradict",
            "The records contradict the survey: the figures show a problem people do not report."
                .to_string(),
        ),
    };
    let action = raised
        .then(|| plan.flags.iter().find(|p| p.id == f.id))
        .flatten()
        .and_then(|p| plan.actions().find(|x| p.actions.contains(&x.id)))
        .map(|x| format!("{} ({}, phase {})", x.title, x.owner, x.phase));
    ComparisonView {
        survey,
        records,
        verdict: verdict.to_string(),
        statement,
        finding: raised.then(|| f.finding.clone()),
        action,
    }
}

/// What a figure is, in words.
fn metric_label(metric: &str) -> &'static str {
    match metric {
        "changes.standard_share" => "the share of completed changes that are standard is",
        "changes.normal_share" => "the share of completed changes that are normal is",
        "changes.emergency_share" => "the share of completed changes that are emergencies is",
        "changes.failure_rate" => "the change failure rate is",
        "changes.success_rate" => "the change success rate is",
        "changes.lead_time_days.median" => "the median change lead time is",
        "changes.lead_time_days.p90" => "the 90th percentile of change lead time is",
        "incidents.dominant_priority_share" => {
            "the share of incidents in the most used priority is"
        }
        "incidents.priority_speed_ratio" => {
            "the restore time of the highest priority over that of the lowest is"
        }
        "incidents.restore_hours.median" => "the median time to restore is",
        "incidents.sla_met_share" => "the share of incidents that met their service level is",
        "incidents.reassigned_share" => "the share of incidents reassigned twice or more is",
        "incidents.reopened_share" => "the share of incidents reopened is",
        "incidents.first_assignment_share" => "the share of incidents never reassigned is",
        "incidents.problem_linked_share" => "the share of incidents linked to a problem is",
        "incidents.change_caused_share" => "the share of incidents caused by a change is",
        "costs.available" => "a cost per service per user is available:",
        "costs.total_monthly_cost" => "the monthly cost of all services is",
        _ => "the figure is",
    }
}

/// A figure's value in words: shares as percents, times with their unit.
fn metric_value(metric: &str, v: f64) -> String {
    if metric.ends_with("_share") || metric.ends_with("_rate") {
        format::whole_percent(v * 100.0)
    } else if metric.contains("lead_time_days") {
        format!("{v:.1} days")
    } else if metric.contains("restore_hours") {
        format!("{v:.1} hours")
    } else if metric == "costs.available" {
        if v >= 1.0 { "yes" } else { "no" }.to_string()
    } else {
        format::trim_number((v * 100.0).round() / 100.0)
    }
}

fn share(s: &Share) -> String {
    format::percent(s.value.map(|v| v * 100.0))
}

fn bands(list: &[Band]) -> String {
    list.iter()
        .map(|b| format!("{} {}", b.cluster, b.value))
        .collect::<Vec<_>>()
        .join(", ")
}

fn row(label: &str, value: String, n: u64, dora: String) -> FigureRow {
    FigureRow {
        label: label.to_string(),
        value,
        n,
        dora,
    }
}

fn days(s: &Spread) -> String {
    match (s.median, s.p90) {
        (Some(m), Some(p)) => format!("median {m:.1} days, 90th percentile {p:.1} days"),
        _ => format::MISSING.to_string(),
    }
}

fn change_rows(c: &ChangeFigures) -> Vec<FigureRow> {
    let mut rows = vec![
        row(
            "Completed changes (cancelled apart)",
            format!("{} ({} cancelled)", c.completed, c.cancelled),
            c.records,
            String::new(),
        ),
        row(
            "Standard",
            share(&c.standard_share),
            c.standard_share.n,
            String::new(),
        ),
        row(
            "Normal",
            share(&c.normal_share),
            c.normal_share.n,
            String::new(),
        ),
        row(
            "Emergency",
            share(&c.emergency_share),
            c.emergency_share.n,
            String::new(),
        ),
        row(
            "Change failure rate",
            share(&c.failure_rate),
            c.failure_rate.n,
            bands(&CHANGE_FAILURE_RATE),
        ),
    ];
    for l in &c.lead_time_days {
        if l.days.n > 0 {
            rows.push(row(
                &format!("Lead time, {} changes", l.change_type),
                days(&l.days),
                l.days.n,
                String::new(),
            ));
        }
    }
    rows
}

fn incident_rows(i: &IncidentFigures) -> Vec<FigureRow> {
    let hours = |s: &Spread| {
        s.median
            .map_or_else(|| format::MISSING.to_string(), |h| format!("{h:.1} hours"))
    };
    vec![
        row(
            "Resolved incidents",
            format!("{} of {}", i.resolved, i.records),
            i.records,
            String::new(),
        ),
        row(
            "Median time to restore",
            hours(&i.restore_hours),
            i.restore_hours.n,
            bands(&TIME_TO_RESTORE),
        ),
        row(
            "Highest priority's restore time over the lowest's",
            format::decimals(i.priority_speed_ratio, 2),
            i.resolved,
            String::new(),
        ),
        row(
            "Incidents in the most used priority",
            share(&i.dominant_priority_share),
            i.dominant_priority_share.n,
            String::new(),
        ),
        row(
            "Service level met",
            share(&i.sla_met_share),
            i.sla_met_share.n,
            String::new(),
        ),
        row(
            "Reassigned twice or more",
            share(&i.reassigned_share),
            i.reassigned_share.n,
            String::new(),
        ),
        row(
            "Never reassigned (kept by the first group)",
            share(&i.first_assignment_share),
            i.first_assignment_share.n,
            String::new(),
        ),
        row(
            "Reopened",
            share(&i.reopened_share),
            i.reopened_share.n,
            String::new(),
        ),
        row(
            "Linked to a problem",
            share(&i.problem_linked_share),
            i.problem_linked_share.n,
            String::new(),
        ),
        row(
            "Caused by a change",
            share(&i.change_caused_share),
            i.change_caused_share.n,
            String::new(),
        ),
    ]
}

fn priority_rows(i: &IncidentFigures) -> Vec<PriorityRow> {
    i.priorities
        .iter()
        .map(|p| PriorityRow {
            priority: p.priority.clone(),
            share: share(&p.share),
            restore: p
                .restore_hours
                .median
                .map_or_else(|| format::MISSING.to_string(), |h| format!("{h:.1} h")),
            sla: share(&p.sla_met_share),
            n: p.share.count,
        })
        .collect()
}

fn money(v: f64) -> String {
    format!("{v:.2}")
}

fn costs_view(c: &CostFigures) -> CostsView {
    CostsView {
        available: c.available,
        services: c
            .services
            .iter()
            .map(|s| ServiceRow {
                service: s.service.clone(),
                owner: s.owner.clone().unwrap_or_default(),
                monthly_cost: money(s.monthly_cost),
                users: s.active_users,
                per_user: s
                    .cost_per_user
                    .map_or_else(|| format::MISSING.to_string(), money),
            })
            .collect(),
        total: c
            .total_monthly_cost
            .map_or_else(|| format::MISSING.to_string(), money),
    }
}

fn months_svg(c: &ChangeFigures) -> Result<String> {
    let columns: Vec<StackColumn> = c
        .per_month
        .iter()
        .map(|m| StackColumn {
            label: m.month.clone(),
            values: [m.standard, m.normal, m.emergency, m.other]
                .map(|v| v as f64)
                .to_vec(),
        })
        .collect();
    let series = [
        ("Standard", charts::BLUISH_GREEN),
        ("Normal", charts::BLUE),
        ("Emergency", charts::VERMILLION),
        ("Other", charts::REDDISH_PURPLE),
    ]
    .map(|(name, colour)| StackSeries { name, colour });
    stacked_columns("Completed changes per month, by type", &columns, &series)
}

fn restore_svg(i: &IncidentFigures) -> Result<String> {
    let rows: Vec<RestoreRow> = i
        .priorities
        .iter()
        .map(|p| RestoreRow {
            priority: p.priority.clone(),
            median_hours: p.restore_hours.median,
            n: p.restore_hours.n,
        })
        .collect();
    restore_bars("Median hours to restore, by priority", &rows)
}
