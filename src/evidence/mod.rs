//! Evidence from the ticket system: what change and incident records, and a costs file, say
//! beside what people say in the survey.
//!
//! The records are read through the response reader's sources ([`crate::responses::Source`]:
//! the same encodings, delimiters and workbooks), their columns matched to [`Field`]s by the
//! built-in ServiceNow and Jira names or an evidence mapping ([`RecordMapping`]); a column that
//! is not a field (a caller, an assignee, a requester) is never read. Event logs, with several
//! rows per ticket, keep each ticket's last row ([`records`]). The figures
//! ([`ChangeFigures`], [`IncidentFigures`], [`CostFigures`]) follow the definitions of
//! docs/evidence.md; the questionnaire's evidence flags test them ([`METRICS`]) and, when
//! raised, act on the roadmap like the survey's red flags.

mod changes;
mod costs;
mod dates;
pub mod dora;
mod fields;
mod incidents;
pub mod inspect;
mod mapping;
mod records;
mod stats;
#[cfg(test)]
mod tests;

pub use changes::{ChangeFigures, LeadTime, MonthCount};
pub use costs::{CostFigures, ServiceCost};
pub use dates::DateOrder;
pub use fields::{Field, built_in_field};
pub use incidents::{IncidentFigures, PriorityFigures};
pub use inspect::{RecordsReport, inspect_records};
pub use mapping::{
    MAX_EVIDENCE_MAPPING_BYTES, RecordMapping, load_record_mapping, parse_record_mapping,
};
pub use stats::{Share, Spread, quantile};

use crate::error::Problems;
use crate::questionnaire::{EvidenceComparison, Questionnaire};
use crate::responses::Source;
use serde::{Deserialize, Serialize};

/// The figures an evidence flag can test, by name.
pub const METRICS: [&str; 18] = [
    "changes.standard_share",
    "changes.normal_share",
    "changes.emergency_share",
    "changes.failure_rate",
    "changes.success_rate",
    "changes.lead_time_days.median",
    "changes.lead_time_days.p90",
    "incidents.dominant_priority_share",
    "incidents.priority_speed_ratio",
    "incidents.restore_hours.median",
    "incidents.sla_met_share",
    "incidents.reassigned_share",
    "incidents.reopened_share",
    "incidents.first_assignment_share",
    "incidents.problem_linked_share",
    "incidents.change_caused_share",
    "costs.available",
    "costs.total_monthly_cost",
];

/// The record inputs of a run: sources not opened yet, and the mapping loaded.
#[derive(Default)]
pub struct RecordSources {
    /// Change exports, pooled.
    pub changes: Vec<Source>,
    /// Incident exports, pooled.
    pub incidents: Vec<Source>,
    /// The costs file.
    pub costs: Option<Source>,
    /// How to read columns and values the built-in names do not cover.
    pub mapping: RecordMapping,
    /// The worksheet of a workbook.
    pub sheet: Option<String>,
}

impl RecordSources {
    /// Whether any record input was given.
    pub fn is_empty(&self) -> bool {
        self.changes.is_empty() && self.incidents.is_empty() && self.costs.is_none()
    }
}

/// What the records say, and the evidence flags they raise: the `evidence` of an assessment.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Evidence {
    /// The change figures; null without change records.
    pub changes: Option<ChangeFigures>,
    /// The incident figures; null without incident records.
    pub incidents: Option<IncidentFigures>,
    /// The costs; `available` false without a costs file.
    pub costs: CostFigures,
    /// The questionnaire's evidence flags these figures raise, in questionnaire order.
    pub flags: Vec<RaisedEvidenceFlag>,
}

/// An evidence flag raised by the records.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RaisedEvidenceFlag {
    /// The flag's id.
    pub id: String,
    /// The domain (danger sign) it belongs to.
    pub domain: String,
    /// What it means, in plain words.
    pub finding: String,
    /// The figure tested, such as `changes.emergency_share`.
    pub metric: String,
    /// The figure's value.
    pub value: f64,
    /// How many records the figure rests on.
    pub n: u64,
    /// How it was compared.
    pub comparison: EvidenceComparison,
    /// The threshold.
    pub threshold: f64,
}

/// Read every record input and work out the figures and raised evidence flags; `None` when no
/// record input was given.
pub fn gather(sources: RecordSources, q: &Questionnaire) -> Result<Option<Evidence>, Problems> {
    if sources.is_empty() {
        return Ok(None);
    }
    let sheet = sources.sheet.as_deref();
    let read = |list: Vec<Source>| -> Result<Vec<records::ReadRecords>, Problems> {
        list.into_iter()
            .map(|s| records::read_records(s, &sources.mapping, sheet))
            .collect()
    };
    let change_files = read(sources.changes)?;
    let incident_files = read(sources.incidents)?;
    let caused = incidents::causing_changes(&incident_files);
    let mut evidence = Evidence {
        changes: (!change_files.is_empty())
            .then(|| changes::change_figures(&change_files, &caused)),
        incidents: (!incident_files.is_empty())
            .then(|| incidents::incident_figures(&incident_files)),
        costs: match sources.costs {
            Some(s) => costs::read_costs(s)?,
            None => CostFigures::unavailable(),
        },
        flags: Vec::new(),
    };
    evidence.flags = evidence.raised_flags(q);
    Ok(Some(evidence))
}

impl Evidence {
    /// A figure by its name in [`METRICS`], with the count it rests on; `None` without data.
    pub fn metric(&self, name: &str) -> Option<(f64, u64)> {
        let share = |s: &Share| s.value.map(|v| (v, s.n));
        let spread = |s: &Spread, p90: bool| if p90 { s.p90 } else { s.median }.map(|v| (v, s.n));
        if let Some(rest) = name.strip_prefix("changes.") {
            let c = self.changes.as_ref()?;
            return match rest {
                "standard_share" => share(&c.standard_share),
                "normal_share" => share(&c.normal_share),
                "emergency_share" => share(&c.emergency_share),
                "failure_rate" => share(&c.failure_rate),
                "success_rate" => share(&c.success_rate),
                "lead_time_days.median" => spread(&c.lead_time_days.first()?.days, false),
                "lead_time_days.p90" => spread(&c.lead_time_days.first()?.days, true),
                _ => None,
            };
        }
        if let Some(rest) = name.strip_prefix("incidents.") {
            let i = self.incidents.as_ref()?;
            return match rest {
                "dominant_priority_share" => share(&i.dominant_priority_share),
                "priority_speed_ratio" => i.priority_speed_ratio.map(|r| (r, i.resolved)),
                "restore_hours.median" => spread(&i.restore_hours, false),
                "sla_met_share" => share(&i.sla_met_share),
                "reassigned_share" => share(&i.reassigned_share),
                "reopened_share" => share(&i.reopened_share),
                "first_assignment_share" => share(&i.first_assignment_share),
                "problem_linked_share" => share(&i.problem_linked_share),
                "change_caused_share" => share(&i.change_caused_share),
                _ => None,
            };
        }
        let services = self.costs.services.len() as u64;
        match name {
            "costs.available" => Some((f64::from(u8::from(self.costs.available)), services)),
            "costs.total_monthly_cost" => self.costs.total_monthly_cost.map(|t| (t, services)),
            _ => None,
        }
    }

    /// The questionnaire's evidence flags these figures raise; a flag whose figure has no
    /// data is not raised.
    pub fn raised_flags(&self, q: &Questionnaire) -> Vec<RaisedEvidenceFlag> {
        q.evidence_flags
            .iter()
            .filter_map(|f| {
                let (value, n) = self.metric(&f.metric)?;
                f.is_raised_by(value).then(|| RaisedEvidenceFlag {
                    id: f.id.clone(),
                    domain: f.domain.clone(),
                    finding: f.finding.clone(),
                    metric: f.metric.clone(),
                    value,
                    n,
                    comparison: f.comparison,
                    threshold: f.threshold,
                })
            })
            .collect()
    }
}
