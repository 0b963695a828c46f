//! The roadmap's phases: the defaults, parsing `--phases` and `--phase-months`, and checking.

use super::{PhaseSpec, PlanError};
use crate::error::Setting;

/// The most phases a roadmap may have.
const MAX_PHASES: usize = 24;

/// The default phases a leader presents, over 18 months.
const DEFAULT_PHASES: [(&str, u32, u32); 4] = [
    ("Stop the bleeding", 0, 3),
    ("Stabilise", 3, 6),
    ("Standardise", 6, 12),
    ("Measure and improve", 12, 18),
];

/// The four default phases: "Stop the bleeding" (months 0-3), "Stabilise" (3-6),
/// "Standardise" (6-12) and "Measure and improve" (12-18).
pub fn default_phases() -> Vec<PhaseSpec> {
    DEFAULT_PHASES
        .iter()
        .map(|&(name, start_month, end_month)| PhaseSpec {
            name: name.into(),
            start_month,
            end_month,
        })
        .collect()
}

/// Build the phases from `--phases` (comma-separated names) and `--phase-months`
/// (comma-separated month boundaries, one more than the names: "0,3,6,12,18" for four phases),
/// over `defaults` (the questionnaire's phases, or [`default_phases`]); see [`build_phases`].
pub fn parse_phases(
    defaults: &[PhaseSpec],
    names: Option<&str>,
    months: Option<&str>,
) -> Result<Vec<PhaseSpec>, PlanError> {
    let given_names: Option<Vec<String>> =
        names.map(|text| text.split(',').map(|n| n.trim().to_string()).collect());
    let given_bounds: Option<Vec<u32>> = months.map(parse_months).transpose()?;
    build_phases(defaults, given_names, given_bounds)
}

/// Build the phases from names and month boundaries, either of which may be left out.
///
/// Names alone take the months of `defaults` when there are as many of them, else months
/// shared evenly for their number (`even_months`); boundaries alone take the names of
/// `defaults` when they make as many phases, else "Phase 1", "Phase 2" and so on. Names are
/// trimmed, must not be empty and must differ; boundaries are whole months, ascending strictly
/// from any start.
pub fn build_phases(
    defaults: &[PhaseSpec],
    given_names: Option<Vec<String>>,
    given_bounds: Option<Vec<u32>>,
) -> Result<Vec<PhaseSpec>, PlanError> {
    let bounds: Vec<u32> = match (&given_bounds, &given_names) {
        (Some(b), _) => b.clone(),
        (None, Some(n)) if n.len() != defaults.len() => even_months(n.len()),
        (None, _) => {
            let mut b: Vec<u32> = defaults.iter().map(|p| p.start_month).collect();
            b.extend(defaults.last().map(|p| p.end_month));
            b
        }
    };
    let names: Vec<String> = match given_names {
        Some(n) => n.into_iter().map(|name| name.trim().to_string()).collect(),
        None if bounds.len() == defaults.len() + 1 => {
            defaults.iter().map(|p| p.name.clone()).collect()
        }
        None => (1..bounds.len()).map(|k| format!("Phase {k}")).collect(),
    };
    if bounds.len() != names.len() + 1 {
        return Err(PlanError::Phases(format!(
            "{} phase names need {} month boundaries (the start of each phase and the end of the last), but {} were given; \
             give both {} and {}, such as {} \"A,B,C\" {} 0,3,6,12",
            names.len(),
            names.len() + 1,
            bounds.len(),
            Setting::Phases,
            Setting::PhaseMonths,
            Setting::Phases,
            Setting::PhaseMonths,
        )));
    }
    let specs: Vec<PhaseSpec> = names
        .into_iter()
        .zip(bounds.windows(2))
        .map(|(name, w)| PhaseSpec {
            name,
            start_month: w[0],
            end_month: w[1],
        })
        .collect();
    check_phases(&specs)?;
    Ok(specs)
}

/// Month boundaries as written: whole numbers, comma-separated.
fn parse_months(text: &str) -> Result<Vec<u32>, PlanError> {
    text.split(',')
        .map(|m| {
            m.trim().parse::<u32>().map_err(|_| {
                PlanError::Phases(format!(
                    "phase months: '{}' is not a whole number of months; give boundaries such as 0,3,6,12,18",
                    m.trim()
                ))
            })
        })
        .collect()
}

/// The months over which the default phases run.
const DEFAULT_SPAN: u32 = 18;

/// Month boundaries for `count` phases of about equal length over the default 18 months (each
/// boundary `k * 18 / count` rounded to the nearest month, halves up), one month each when
/// there are more than 18 phases. Three phases: 0, 6, 12, 18; five: 0, 4, 7, 11, 14, 18.
fn even_months(count: usize) -> Vec<u32> {
    let n = count.max(1) as u32;
    let span = DEFAULT_SPAN.max(n);
    (0..=n).map(|k| (2 * k * span + n) / (2 * n)).collect()
}

/// Check phases given in [`super::PlanOptions`]: at least one and at most [`MAX_PHASES`], named,
/// distinct names, each ending after it starts, none starting before the previous one ends.
pub(super) fn check_phases(phases: &[PhaseSpec]) -> Result<(), PlanError> {
    if phases.is_empty() {
        return Err(PlanError::Phases(
            "the roadmap needs at least one phase".into(),
        ));
    }
    if phases.len() > MAX_PHASES {
        return Err(PlanError::Phases(format!(
            "{} phases are more than the {MAX_PHASES} a roadmap may have",
            phases.len()
        )));
    }
    for (i, p) in phases.iter().enumerate() {
        if p.name.trim().is_empty() {
            return Err(PlanError::Phases(format!("phase {} has no name", i + 1)));
        }
        if phases[..i].iter().any(|q| q.name.trim() == p.name.trim()) {
            return Err(PlanError::Phases(format!(
                "the phase name '{}' is used twice",
                p.name.trim()
            )));
        }
        if p.end_month <= p.start_month {
            return Err(PlanError::Phases(format!(
                "phase '{}' must end after it starts (months {}-{}); month boundaries must ascend",
                p.name, p.start_month, p.end_month
            )));
        }
        if i > 0 && p.start_month < phases[i - 1].end_month {
            return Err(PlanError::Phases(format!(
                "phase '{}' starts in month {}, before the previous phase ends (month {})",
                p.name,
                p.start_month,
                phases[i - 1].end_month
            )));
        }
    }
    Ok(())
}
