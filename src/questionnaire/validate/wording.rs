//! The report's wording: the cover line (`report_title`) and the roadmap's default phases.

use super::super::raw::RawQuestionnaire;
use super::Checker;
use crate::roadmap::{PhaseSpec, build_phases, default_phases};

/// The cover line, when given, is not blank.
pub(super) fn check_report_title(raw: &RawQuestionnaire, c: &mut Checker<'_>) {
    if let Some(t) = &raw.report_title
        && t.value.trim().is_empty()
    {
        c.at(
            t,
            "report_title is empty; leave it out for the default".into(),
        );
    }
}

/// The phases, when given, by the rules of `--phases` and `--phase-months`: named, distinct,
/// one more month boundary than names, ascending. Returns the phases (the roadmap's default
/// ones when the file gives none, or when they fail).
pub(super) fn check_phases(raw: &RawQuestionnaire, c: &mut Checker<'_>) -> Vec<PhaseSpec> {
    let defaults = default_phases();
    let Some(p) = &raw.phases else {
        return defaults;
    };
    if let Some(months) = &p.value.months
        && months.len() != p.value.names.len() + 1
    {
        c.at(
            p,
            format!(
                "phases: {} names need {} months (the start of each phase and the end of the last), but {} were given",
                p.value.names.len(),
                p.value.names.len() + 1,
                months.len()
            ),
        );
        return defaults;
    }
    match build_phases(
        &defaults,
        Some(p.value.names.clone()),
        p.value.months.clone(),
    ) {
        Ok(phases) => phases,
        Err(e) => {
            c.at(p, format!("phases: {e}"));
            defaults
        }
    }
}
