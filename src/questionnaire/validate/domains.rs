//! Rules of domains and their questions.

use super::scale::LevelSet;
use super::{Checker, is_item_id, is_slug};
use crate::input::Spanned;
use crate::questionnaire::model::QuestionKind;
use crate::questionnaire::raw::{RawDomain, RawQuestion, RawQuestionnaire};
use std::collections::{HashMap, HashSet};

/// The domain and question ids, for the rules of flags.
pub(super) struct Names<'r> {
    /// Every domain id.
    pub(super) domains: HashSet<&'r str>,
    /// The domain of each question id (the last, should two questions share an id).
    pub(super) question_domain: HashMap<&'r str, &'r str>,
}

/// Every domain and question, open questions included: at least one domain, ids well formed
/// and unique, names and texts given, weights positive, targets among the levels, keywords
/// with a word in them, and no two questions that one column header would match.
pub(super) fn check_domains<'r>(
    raw: &'r RawQuestionnaire,
    levels: &LevelSet,
    c: &mut Checker<'_>,
) -> Names<'r> {
    if raw.domains.is_empty() {
        c.at(&raw.id, "the questionnaire has no domains".into());
    }
    let mut domains = HashSet::new();
    let mut questions = Questions::default();
    for d in &raw.domains {
        check_domain(d, levels, &mut domains, c);
        for q in &d.value.questions {
            questions.check(q, c);
        }
    }
    for q in &raw.open_questions {
        if q.value.kind == Some(QuestionKind::Likert) {
            c.at(
                q,
                format!(
                    "open question '{}' has kind likert; a question on the scale belongs in a domain",
                    q.value.id
                ),
            );
        }
        questions.check(q, c);
    }
    // Only questions on the scale have figures a flag can look at.
    let question_domain = raw
        .domains
        .iter()
        .flat_map(|d| {
            d.value
                .questions
                .iter()
                .filter(|q| !q.value.is_text())
                .map(move |q| (q.value.id.as_str(), d.value.id.as_str()))
        })
        .collect();
    Names {
        domains,
        question_domain,
    }
}

/// One domain's own fields; `seen` holds the ids met so far.
fn check_domain<'r>(
    d: &'r Spanned<RawDomain>,
    levels: &LevelSet,
    seen: &mut HashSet<&'r str>,
    c: &mut Checker<'_>,
) {
    let dv = &d.value;
    if !is_slug(&dv.id) {
        c.at(
            d,
            format!(
                "domain id '{}' must be lowercase letters, digits and '-'",
                dv.id
            ),
        );
    }
    if !seen.insert(&dv.id) {
        c.at(d, format!("duplicate domain id '{}'", dv.id));
    }
    if dv.name.trim().is_empty() {
        c.at(d, format!("domain '{}' has no name", dv.id));
    }
    if let Some(problem) = weight_problem(dv.weight) {
        c.at(d, format!("domain '{}': {problem}", dv.id));
    }
    if let Some(t) = dv.target_level
        && !levels.contains(t)
    {
        c.at(
            d,
            format!(
                "domain '{}': target_level {t} is not one of the levels ({})",
                dv.id,
                levels.range()
            ),
        );
    }
    if dv.questions.is_empty() {
        c.at(d, format!("domain '{}' has no questions", dv.id));
    } else if dv.questions.iter().all(|q| q.value.is_text()) {
        c.at(
            d,
            format!(
                "domain '{}' has only open questions (kind: text); it needs one on the scale to be scored",
                dv.id
            ),
        );
    }
    for k in &dv.keywords {
        if !k.chars().any(char::is_alphanumeric) {
            c.at(
                d,
                format!("domain '{}': keyword '{k}' holds no word", dv.id),
            );
        }
    }
}

/// The questions met so far, across domains.
#[derive(Default)]
struct Questions<'r> {
    /// Their ids.
    ids: HashSet<&'r str>,
    /// Each column header that matches a question (trimmed, lowercase) and that question's id.
    headers: HashMap<String, String>,
}

impl<'r> Questions<'r> {
    /// One question: id well formed and unique, text given, weight positive, and none of its
    /// names (id, text, aliases) matching another question's.
    fn check(&mut self, q: &'r Spanned<RawQuestion>, c: &mut Checker<'_>) {
        let qv = &q.value;
        if !is_item_id(&qv.id) {
            c.at(
                q,
                format!(
                    "question id '{}' may hold only letters, digits, '-', '_' and '.'",
                    qv.id
                ),
            );
        }
        if !self.ids.insert(&qv.id) {
            c.at(q, format!("duplicate question id '{}'", qv.id));
            return;
        }
        if qv.text.trim().is_empty() {
            c.at(q, format!("question '{}' has no text", qv.id));
        }
        if qv.is_text() {
            if qv.reverse.is_some() || qv.weight.is_some() {
                c.at(
                    q,
                    format!(
                        "question '{}' is an open question (kind: text): reverse and weight apply only to questions on the scale",
                        qv.id
                    ),
                );
            }
        } else if let Some(problem) = qv.weight.and_then(weight_problem) {
            c.at(q, format!("question '{}': {problem}", qv.id));
        }
        let mut names: Vec<&str> = vec![&qv.id, &qv.text];
        names.extend(qv.aliases.iter().map(String::as_str));
        let mut own = HashSet::new();
        for name in names {
            let key = name.trim().to_lowercase();
            if key.is_empty() || !own.insert(key.clone()) {
                continue;
            }
            if let Some(other) = self.headers.insert(key, qv.id.clone()) {
                c.at(
                    q,
                    format!(
                        "question '{}': the column header '{}' would also match question '{other}'",
                        qv.id,
                        name.trim()
                    ),
                );
            }
        }
    }
}

/// The smallest weight a domain or question may have.
pub const MIN_WEIGHT: f64 = 1e-6;
/// The largest weight a domain or question may have: a weight is a relative importance, and
/// between these bounds sums of any number of weights stay far from overflowing, and their
/// ratios (at most 10^12) far from losing a lighter weight altogether.
pub const MAX_WEIGHT: f64 = 1e6;

/// What is wrong with a weight, if anything: not a number above 0, or outside
/// [`MIN_WEIGHT`]..=[`MAX_WEIGHT`].
fn weight_problem(weight: f64) -> Option<String> {
    if !(weight.is_finite() && weight > 0.0) {
        Some(format!("weight must be a number above 0, not {weight}"))
    } else if !(MIN_WEIGHT..=MAX_WEIGHT).contains(&weight) {
        Some(format!(
            "weight {weight:e} is outside the allowed range 1e-6 to 1e6 (weights are relative: scale them all alike)"
        ))
    } else {
        None
    }
}
