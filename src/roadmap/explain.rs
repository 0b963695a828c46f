//! The plan in words: the sentences the exporters write for a planned action, from the
//! structured reasons and placement it carries. Pure functions of the action alone.

use super::{Placement, PlannedAction, Reason};

/// Why the action is in the plan: one sentence per reason, then where its effective priority
/// comes from when another action lends it, all on one line.
pub fn why(a: &PlannedAction) -> String {
    let mut sentences: Vec<String> = a
        .reasons
        .iter()
        .map(|r| match r {
            Reason::Flagged { flag, finding } => {
                format!("Raised flag {flag}: {}", sentence(finding))
            }
            Reason::Observed {
                observation,
                finding,
            } => format!("Observation {observation}: {}", sentence(finding)),
            Reason::Lifts {
                from,
                from_name,
                to,
                to_name,
                ..
            } => format!(
                "Helps lift {} from {} to {}.",
                a.domain_name,
                level(*from, from_name.as_deref()),
                level(*to, to_name.as_deref())
            ),
            Reason::NeededBy { actions } => format!("Needed by {}.", actions.join(", ")),
        })
        .collect();
    if let Some(from) = &a.priority_from {
        sentences.push(format!(
            "Takes priority {:.2} from {from}, which must wait for it.",
            a.effective_priority
        ));
    }
    sentences.join(" ")
}

/// Why the action sits in its phase, as a clause without a full stop.
pub fn placement(a: &PlannedAction) -> String {
    match &a.placement {
        Placement::Urgent => "First phase: urgent work to stop the bleeding".into(),
        Placement::HeldBack {
            earliest_phase,
            earliest_phase_name,
            capacity,
        } => format!(
            "Could start in phase {earliest_phase} ({earliest_phase_name}); held back to phase {} \
             by the capacity of {capacity} effort points per phase, taken by urgent or \
             higher-priority work",
            a.phase
        ),
        Placement::WaitsFor {
            actions,
            phase,
            phase_name,
        } => format!(
            "Waits for {} in phase {phase} ({phase_name})",
            actions.join(", ")
        ),
        Placement::FollowsLowerLevel { actions } => format!(
            "Follows {}, the lower-level work of its domain",
            actions.join(", ")
        ),
        Placement::StartsAtOnce => "Nothing to wait for: starts at once".into(),
    }
}

/// A level as "level 2 (Managed)", or "level 2" without a name.
pub fn level(number: u32, name: Option<&str>) -> String {
    match name {
        Some(name) => format!("level {number} ({name})"),
        None => format!("level {number}"),
    }
}

/// Text as a sentence: trimmed, with a full stop unless it already ends with one (or ! or ?).
fn sentence(text: &str) -> String {
    let text = text.trim();
    if text.ends_with(['.', '!', '?']) {
        text.to_string()
    } else {
        format!("{text}.")
    }
}
