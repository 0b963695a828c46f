//! Rules of evidence flags; a flag that passes them is converted here.

use super::domains::Names;
use super::{Checker, is_slug};
use crate::questionnaire::convert::positive_zero;
use crate::questionnaire::model::{EvidenceComparison, EvidenceFlag};
use crate::questionnaire::raw::RawQuestionnaire;
use std::collections::HashSet;

/// Every evidence flag: id well formed and unique among all flags, a known metric, exactly one
/// finite threshold, a known domain and question, a finding and known remedies. Returns the
/// flags that passed, in the model's form.
pub(super) fn check_evidence_flags(
    raw: &RawQuestionnaire,
    names: &Names<'_>,
    action_ids: &HashSet<&str>,
    c: &mut Checker<'_>,
) -> Vec<EvidenceFlag> {
    let mut ids: HashSet<&str> = raw.flags.iter().map(|f| f.value.id.as_str()).collect();
    let mut checked = Vec::new();
    for f in &raw.evidence_flags {
        let fv = &f.value;
        let before = c.problems.len();
        if !is_slug(&fv.id) {
            c.at(
                f,
                format!(
                    "evidence flag id '{}' must be lowercase letters, digits and '-'",
                    fv.id
                ),
            );
        }
        if !ids.insert(fv.id.as_str()) {
            c.at(
                f,
                format!(
                    "duplicate flag id '{}' (ids are shared by flags and evidence flags)",
                    fv.id
                ),
            );
        }
        if !crate::evidence::METRICS.contains(&fv.metric.as_str()) {
            c.at(
                f,
                format!(
                    "evidence flag '{}' tests '{}', which is not a records figure; the figures are {}",
                    fv.id,
                    fv.metric,
                    crate::evidence::METRICS.join(", ")
                ),
            );
        }
        let comparison = match (fv.above, fv.below) {
            (Some(t), None) => Some((EvidenceComparison::Above, positive_zero(t))),
            (None, Some(t)) => Some((EvidenceComparison::Below, positive_zero(t))),
            _ => None,
        };
        match comparison {
            None => c.at(
                f,
                format!(
                    "evidence flag '{}' must give exactly one of above or below",
                    fv.id
                ),
            ),
            Some((_, t)) if !t.is_finite() => c.at(
                f,
                format!(
                    "evidence flag '{}': the threshold must be a finite number",
                    fv.id
                ),
            ),
            Some(_) => {}
        }
        if !names.domains.contains(fv.domain.as_str()) {
            c.at(
                f,
                format!(
                    "evidence flag '{}' names domain '{}', which is not in this questionnaire",
                    fv.id, fv.domain
                ),
            );
        }
        if let Some(q) = &fv.question
            && !names.question_domain.contains_key(q.as_str())
        {
            c.at(
                f,
                format!(
                    "evidence flag '{}' names question '{q}', which is not in this questionnaire",
                    fv.id
                ),
            );
        }
        if fv.finding.trim().is_empty() {
            c.at(f, format!("evidence flag '{}' has no finding", fv.id));
        }
        for action in &fv.actions {
            if !action_ids.contains(action.value.as_str()) {
                c.at(
                    action,
                    format!(
                        "evidence flag '{}' names action '{}', which is not an action of this questionnaire",
                        fv.id, action.value
                    ),
                );
            }
        }
        if let (Some((comparison, threshold)), true) = (comparison, c.problems.len() == before) {
            checked.push(EvidenceFlag {
                id: fv.id.clone(),
                metric: fv.metric.clone(),
                comparison,
                threshold,
                domain: fv.domain.clone(),
                question: fv.question.clone(),
                finding: fv.finding.clone(),
                actions: fv.actions.iter().map(|a| a.value.clone()).collect(),
            });
        }
    }
    checked
}
