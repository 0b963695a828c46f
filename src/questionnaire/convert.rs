//! From the file as written to the model, once every rule has passed (see [`super::validate`]):
//! positions dropped, defaults filled in.

use super::model::{
    Action, DEFAULT_REPORT_TITLE, Domain, EvidenceFlag, Flag, Language, Level, OpenQuestion,
    Question, Questionnaire, Scale,
};
use super::raw::{RawAction, RawDomain, RawLevel, RawQuestion, RawQuestionnaire, VersionString};
use crate::input::Spanned;
use crate::roadmap::PhaseSpec;

/// The questionnaire with its levels, phases and flags, already converted while they were
/// checked.
pub(super) fn questionnaire(
    raw: RawQuestionnaire,
    levels: Vec<Level>,
    phases: Vec<PhaseSpec>,
    (flags, evidence_flags): (Vec<Flag>, Vec<EvidenceFlag>),
) -> Questionnaire {
    let version = match raw.version {
        None => String::new(),
        Some(VersionString::Text(t)) => t,
        Some(VersionString::Number(n)) => n.to_string(),
    };
    let s = raw.scale.value;
    let language = raw
        .language
        .as_ref()
        .and_then(|l| Language::from_name(&l.value))
        .unwrap_or_default();
    let open_questions = raw
        .open_questions
        .iter()
        .map(|q| open_question(&q.value, None))
        .chain(raw.domains.iter().flat_map(|d| {
            d.value
                .questions
                .iter()
                .filter(|q| q.value.is_text())
                .map(|q| open_question(&q.value, Some(&d.value.id)))
        }))
        .collect();
    Questionnaire {
        id: raw.id.value,
        title: raw.title,
        version,
        description: raw.description,
        scale: Scale {
            min: s.min,
            max: s.max,
            labels: s.labels,
            not_applicable: s.not_applicable,
        },
        levels,
        language,
        domains: raw.domains.into_iter().map(domain).collect(),
        open_questions,
        flags,
        evidence_flags,
        report_title: raw
            .report_title
            .map_or_else(|| DEFAULT_REPORT_TITLE.to_string(), |t| t.value),
        phases,
    }
}

/// The levels given, or the five default ones when the file gives none.
pub(super) fn levels(given: Option<&[Spanned<RawLevel>]>) -> Vec<Level> {
    match given {
        None => default_levels(),
        Some(levels) => levels
            .iter()
            .map(|l| Level {
                level: l.value.level,
                name: l.value.name.clone(),
                min_percent: positive_zero(l.value.min_percent),
                description: l.value.description.clone(),
            })
            .collect(),
    }
}

/// `-0` as written in YAML is 0: keep it from showing as "-0%" in reports.
pub(super) fn positive_zero(x: f64) -> f64 {
    if x == 0.0 { 0.0 } else { x }
}

fn domain(d: Spanned<RawDomain>) -> Domain {
    let d = d.value;
    Domain {
        id: d.id,
        name: d.name,
        description: d.description,
        weight: d.weight,
        target_level: d.target_level,
        questions: d
            .questions
            .into_iter()
            .filter(|q| !q.value.is_text())
            .map(question)
            .collect(),
        keywords: d.keywords,
        actions: d.actions.into_iter().map(action).collect(),
    }
}

fn question(q: Spanned<RawQuestion>) -> Question {
    let q = q.value;
    Question {
        id: q.id,
        text: q.text,
        reverse: q.reverse.unwrap_or(false),
        weight: q.weight.unwrap_or(1.0),
        aliases: q.aliases,
    }
}

fn open_question(q: &RawQuestion, domain: Option<&str>) -> OpenQuestion {
    OpenQuestion {
        id: q.id.clone(),
        text: q.text.clone(),
        aliases: q.aliases.clone(),
        domain: domain.map(str::to_string),
    }
}

fn action(a: Spanned<RawAction>) -> Action {
    let a = a.value;
    Action {
        id: a.id,
        title: a.title,
        description: a.description,
        lifts_to: a.lifts_to,
        effort: a.effort,
        impact: a.impact,
        owner: a.owner,
        depends_on: a.depends_on.into_iter().map(|d| d.value).collect(),
        measure: a.measure,
    }
}

/// The five levels a questionnaire has when it gives none.
fn default_levels() -> Vec<Level> {
    [
        (
            1,
            "Initial",
            0.0,
            "Work depends on individuals; results vary and are rarely measured.",
        ),
        (
            2,
            "Managed",
            20.0,
            "Basic practices are in place in places, but not consistently.",
        ),
        (
            3,
            "Defined",
            40.0,
            "Practices are documented, owned and followed across the organisation.",
        ),
        (
            4,
            "Measured",
            60.0,
            "Practices are measured against targets and managed by the figures.",
        ),
        (
            5,
            "Optimising",
            80.0,
            "Measures drive continual improvement that the business can see.",
        ),
    ]
    .into_iter()
    .map(|(level, name, min_percent, description)| Level {
        level,
        name: name.into(),
        min_percent,
        description: description.into(),
    })
    .collect()
}
