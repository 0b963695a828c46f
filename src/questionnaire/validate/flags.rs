//! Rules of red flags; a flag that passes them is converted here, since checking it works out
//! what it looks at and how it compares.

use super::domains::Names;
use super::{Checker, is_slug};
use crate::input::Spanned;
use crate::questionnaire::convert::positive_zero;
use crate::questionnaire::model::{Flag, FlagComparison, FlagMetric, FlagSubject};
use crate::questionnaire::raw::RawFlag;
use std::collections::HashSet;

/// Every flag: id well formed and unique, a finding, known remedies, exactly one subject and
/// one threshold, a finite threshold and a metric that suits the subject. Returns the flags
/// that passed, in the model's form.
pub(super) fn check_flags(
    flags: &[Spanned<RawFlag>],
    names: &Names<'_>,
    action_ids: &HashSet<&str>,
    c: &mut Checker<'_>,
) -> Vec<Flag> {
    let mut ids = HashSet::new();
    let mut checked = Vec::new();
    for f in flags {
        let fv = &f.value;
        if !is_slug(&fv.id) {
            c.at(
                f,
                format!(
                    "flag id '{}' must be lowercase letters, digits and '-'",
                    fv.id
                ),
            );
        }
        if !ids.insert(fv.id.as_str()) {
            c.at(f, format!("duplicate flag id '{}'", fv.id));
        }
        if fv.finding.trim().is_empty() {
            c.at(f, format!("flag '{}' has no finding", fv.id));
        }
        for action in &fv.actions {
            if !action_ids.contains(action.value.as_str()) {
                c.at(
                    action,
                    format!(
                        "flag '{}' names action '{}', which is not an action of this questionnaire",
                        fv.id, action.value
                    ),
                );
            }
        }
        checked.extend(convert_flag(f, names, c));
    }
    checked
}

/// What a flag looks at, how it compares, and with which metric; `None` after a problem.
fn convert_flag(f: &Spanned<RawFlag>, names: &Names<'_>, c: &mut Checker<'_>) -> Option<Flag> {
    let fv = &f.value;
    let subject = subject(f, names, c);
    let comparison = match (fv.at_most, fv.below) {
        (Some(t), None) => Some((FlagComparison::AtMost, positive_zero(t))),
        (None, Some(t)) => Some((FlagComparison::Below, positive_zero(t))),
        _ => {
            c.at(
                f,
                format!("flag '{}' must give exactly one of at_most or below", fv.id),
            );
            None
        }
    };
    if let Some((_, t)) = comparison
        && !t.is_finite()
    {
        c.at(
            f,
            format!("flag '{}': the threshold must be a finite number", fv.id),
        );
    }
    let (subject, domain) = subject?;
    let metric = metric(f, &subject, c)?;
    let (comparison, threshold) = comparison?;
    Some(Flag {
        id: fv.id.clone(),
        subject,
        metric,
        comparison,
        threshold,
        finding: fv.finding.clone(),
        domain,
        actions: fv.actions.iter().map(|a| a.value.clone()).collect(),
    })
}

/// The question or domain a flag looks at, with the id of the domain it belongs to.
fn subject(
    f: &Spanned<RawFlag>,
    names: &Names<'_>,
    c: &mut Checker<'_>,
) -> Option<(FlagSubject, String)> {
    let fv = &f.value;
    match (&fv.question, &fv.domain) {
        (Some(q), None) => match names.question_domain.get(q.as_str()) {
            Some(d) => Some((FlagSubject::Question { id: q.clone() }, d.to_string())),
            None => {
                c.at(
                    f,
                    format!(
                        "flag '{}' names question '{q}', which is not in this questionnaire",
                        fv.id
                    ),
                );
                None
            }
        },
        (None, Some(d)) => {
            if names.domains.contains(d.as_str()) {
                Some((FlagSubject::Domain { id: d.clone() }, d.clone()))
            } else {
                c.at(
                    f,
                    format!(
                        "flag '{}' names domain '{d}', which is not in this questionnaire",
                        fv.id
                    ),
                );
                None
            }
        }
        _ => {
            c.at(
                f,
                format!(
                    "flag '{}' must name exactly one of question or domain",
                    fv.id
                ),
            );
            None
        }
    }
}

/// The metric a flag compares: the one given if it suits the subject, else the subject's
/// default (mean for a question, percent for a domain).
fn metric(f: &Spanned<RawFlag>, subject: &FlagSubject, c: &mut Checker<'_>) -> Option<FlagMetric> {
    let fv = &f.value;
    match (subject, fv.metric) {
        (FlagSubject::Question { .. }, None) => Some(FlagMetric::Mean),
        (FlagSubject::Domain { .. }, None) => Some(FlagMetric::Percent),
        (FlagSubject::Question { .. }, Some(FlagMetric::Percent)) => {
            c.at(
                f,
                format!(
                    "flag '{}': a question flag takes metric mean or favorable, not percent",
                    fv.id
                ),
            );
            None
        }
        (FlagSubject::Domain { .. }, Some(FlagMetric::Favorable)) => {
            c.at(
                f,
                format!(
                    "flag '{}': a domain flag takes metric percent or mean, not favorable",
                    fv.id
                ),
            );
            None
        }
        (_, Some(m)) => Some(m),
    }
}
