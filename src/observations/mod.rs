//! Observations: the consultant's own findings from interviews and document review.
//!
//! A survey says what people think; an assessor also reads documents and listens. An
//! [`Observation`] records one such finding against a domain of the questionnaire, with a
//! [`Severity`], the evidence behind it, a recommendation and, optionally, the roadmap actions
//! that answer it. [`check`] holds them to the questionnaire (the domain and every action must
//! exist, ids must differ); the planner schedules their actions like a raised flag's, and the
//! report shows them beside their domain and, the high ones, in the executive summary
//! ([`views`]). Every text is the consultant's and is escaped like any other user text.

#[cfg(test)]
mod tests;

use crate::error::{Problem, Problems};
use crate::questionnaire::Questionnaire;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// How much a finding weighs.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize, JsonSchema,
)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// It must be answered before anything else; it heads the executive summary.
    High,
    /// It needs an answer within the plan.
    Medium,
    /// Worth noting.
    Low,
}

impl Severity {
    /// The word the report prints.
    pub fn word(self) -> &'static str {
        match self {
            Severity::High => "high",
            Severity::Medium => "medium",
            Severity::Low => "low",
        }
    }
}

/// Where an observation was written, for messages.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Place {
    /// The file.
    pub file: String,
    /// 1-based line (0: unknown).
    pub line: u64,
    /// 1-based column (0: unknown).
    pub column: u64,
}

impl Place {
    /// A problem at this place.
    pub fn problem(&self, message: impl Into<String>) -> Problem {
        Problem::at(&self.file, self.line, self.column, message)
    }
}

/// One finding of the consultant's.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Observation {
    /// Its id, unique among the observations.
    pub id: String,
    /// The questionnaire domain it concerns.
    pub domain: String,
    /// How much it weighs.
    pub severity: Severity,
    /// What was found.
    pub finding: String,
    /// What it rests on (interviews, documents), possibly empty.
    pub evidence: String,
    /// What to do about it, possibly empty.
    pub recommendation: String,
    /// Roadmap actions that answer it: they are planned first, like a raised flag's.
    pub actions: Vec<String>,
    /// Where it was written.
    pub place: Place,
}

/// Check observations against the questionnaire: each domain and action exists, no id is given
/// twice, the finding is not empty. Every problem is reported, each at its observation.
pub fn check(observations: &[Observation], q: &Questionnaire) -> Result<(), Problems> {
    let mut problems = Vec::new();
    for (i, o) in observations.iter().enumerate() {
        let at = |message: String| {
            o.place
                .problem(format!("observation '{}': {message}", o.id))
        };
        if observations[..i].iter().any(|p| p.id == o.id) {
            problems.push(at(
                "this id is used by an earlier observation; ids must differ".into(),
            ));
        }
        if o.finding.trim().is_empty() {
            problems.push(at("the finding is empty; say what was found".into()));
        }
        if !q.domains.iter().any(|d| d.id == o.domain) {
            let known: Vec<&str> = q.domains.iter().map(|d| d.id.as_str()).collect();
            problems.push(at(format!(
                "'{}' is not a domain of questionnaire '{}' (domains: {})",
                o.domain,
                q.id,
                known.join(", ")
            )));
        }
        for action in &o.actions {
            if !q.actions().any(|(_, a)| a.id == *action) {
                problems.push(at(format!(
                    "'{action}' is not an action of questionnaire '{}'",
                    q.id
                )));
            }
        }
    }
    if problems.is_empty() {
        Ok(())
    } else {
        Err(Problems(problems))
    }
}

/// An observation as the report's templates see it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ObservationView {
    /// Its id.
    pub id: String,
    /// The domain's id.
    pub domain: String,
    /// The domain's name.
    pub domain_name: String,
    /// "high", "medium" or "low".
    pub severity: String,
    /// What was found.
    pub finding: String,
    /// What it rests on.
    pub evidence: String,
    /// What to do about it.
    pub recommendation: String,
    /// The actions that answer it, as "ID title".
    pub actions: Vec<String>,
}

/// The observations as the report's templates see them.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize)]
pub struct ObservationsView {
    /// Every domain id of the questionnaire, each with its observations (high ones first,
    /// then as written; empty when it has none).
    pub by_domain: BTreeMap<String, Vec<ObservationView>>,
    /// The high-severity observations, as written, for the executive summary.
    pub high: Vec<ObservationView>,
}

/// The observations as the report shows them: beside each domain by severity (high first,
/// then as written), and the high ones for the executive summary.
pub fn views(observations: &[Observation], q: &Questionnaire) -> ObservationsView {
    let mut sorted: Vec<&Observation> = observations.iter().collect();
    sorted.sort_by_key(|o| o.severity);
    let mut by_domain: BTreeMap<String, Vec<ObservationView>> = q
        .domains
        .iter()
        .map(|d| (d.id.clone(), Vec::new()))
        .collect();
    for o in sorted {
        by_domain
            .entry(o.domain.clone())
            .or_default()
            .push(view(o, q));
    }
    ObservationsView {
        by_domain,
        high: observations
            .iter()
            .filter(|o| o.severity == Severity::High)
            .map(|o| view(o, q))
            .collect(),
    }
}

/// One observation's view: its domain's name, its actions with their titles.
fn view(o: &Observation, q: &Questionnaire) -> ObservationView {
    ObservationView {
        id: o.id.clone(),
        domain: o.domain.clone(),
        domain_name: q
            .domains
            .iter()
            .find(|d| d.id == o.domain)
            .map_or_else(|| o.domain.clone(), |d| d.name.clone()),
        severity: o.severity.word().into(),
        finding: o.finding.clone(),
        evidence: o.evidence.clone(),
        recommendation: o.recommendation.clone(),
        actions: o
            .actions
            .iter()
            .map(|id| match q.actions().find(|(_, a)| a.id == *id) {
                Some((_, a)) => format!("{id} {}", a.title),
                None => id.clone(),
            })
            .collect(),
    }
}
