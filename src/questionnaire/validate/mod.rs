//! Checking every rule of the questionnaire format, reporting all problems at once, each at
//! the line and column of the value at fault, sorted by position.
//!
//! Each part of the file has its own rules: [`scale`] (the scale and the levels), [`domains`]
//! (domains and questions), [`actions`] (actions and their dependencies), [`flags`] and
//! [`wording`] (the report's cover line and default phases). A new
//! rule goes into the part it is about, as a small function that takes the [`Checker`] and the
//! raw values; what a rule needs from another part (the level numbers, the ids) is passed in
//! from what that part's check returned. [`validate`] runs the parts in order and converts the
//! checked file into the model only when no rule failed.

mod actions;
mod domains;
mod evidence;
mod flags;
mod scale;
mod wording;

pub use scale::MAX_SCALE_POINTS;

use super::convert;
use super::model::{Language, Questionnaire};
use super::raw::RawQuestionnaire;
use crate::error::{Problem, Problems};
use crate::input::{Spanned, problem_at};

/// Collects the problems found in one file.
pub(super) struct Checker<'a> {
    /// The file, for every message.
    file: &'a str,
    /// What was found so far, in the order found.
    problems: Vec<Problem>,
}

impl Checker<'_> {
    /// Note a problem at the place a value was written.
    fn at<T>(&mut self, spanned: &Spanned<T>, message: String) {
        self.problems.push(problem_at(self.file, spanned, message));
    }
}

/// Check every rule of a questionnaire as written and, when none fails, convert it into the
/// model; otherwise return every problem, sorted by line and column.
pub(super) fn validate(raw: RawQuestionnaire, file: &str) -> Result<Questionnaire, Problems> {
    let mut c = Checker {
        file,
        problems: Vec::new(),
    };
    check_header(&raw, &mut c);
    check_language(&raw, &mut c);
    wording::check_report_title(&raw, &mut c);
    let phases = wording::check_phases(&raw, &mut c);
    scale::check_scale(&raw.scale, &mut c);
    scale::check_levels(&raw, &mut c);
    let levels = convert::levels(raw.levels.as_deref());
    let (flags, evidence_flags) = {
        let level_set = scale::LevelSet::new(&levels);
        let names = domains::check_domains(&raw, &level_set, &mut c);
        let action_ids = actions::check_actions(&raw.domains, &level_set, &mut c);
        let flags = flags::check_flags(&raw.flags, &names, &action_ids, &mut c);
        let evidence = evidence::check_evidence_flags(&raw, &names, &action_ids, &mut c);
        (flags, evidence)
    };
    if !c.problems.is_empty() {
        c.problems.sort_by_key(|p| (p.line, p.column));
        return Err(Problems(c.problems));
    }
    Ok(convert::questionnaire(
        raw,
        levels,
        phases,
        (flags, evidence_flags),
    ))
}

/// The questionnaire's own id and title.
fn check_header(raw: &RawQuestionnaire, c: &mut Checker<'_>) {
    if !is_slug(&raw.id.value) {
        c.at(
            &raw.id,
            format!(
                "questionnaire id '{}' must be lowercase letters, digits and '-'",
                raw.id.value
            ),
        );
    }
    if raw.title.trim().is_empty() {
        c.at(&raw.id, "the title is empty".into());
    }
}

/// The language, when given, is one a Snowball stemmer knows.
fn check_language(raw: &RawQuestionnaire, c: &mut Checker<'_>) {
    if let Some(l) = &raw.language
        && Language::from_name(&l.value).is_none()
    {
        c.at(
            l,
            format!(
                "language '{}' has no stemmer; use one of: {}",
                l.value,
                Language::NAMES.join(", ")
            ),
        );
    }
}

/// Lowercase letters and digits in groups joined by single `-`.
fn is_slug(s: &str) -> bool {
    !s.is_empty()
        && s.split('-').all(|part| {
            !part.is_empty()
                && part
                    .chars()
                    .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit())
        })
}

/// Letters, digits, `-`, `_` and `.`, at least one.
fn is_item_id(s: &str) -> bool {
    !s.is_empty()
        && s.chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.'))
}
