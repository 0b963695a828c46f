//! The roadmap in time: when each planned action starts and ends, so that a timeline shows
//! durations and order rather than one bar per phase.
//!
//! [`timeline`] is a pure function of a [`Plan`]. The rules, applied to the actions in plan
//! order (which puts every action after the planned actions it depends on):
//!
//! * **Duration** from the action's effort ([`effort_months`]): small 1 month, medium 2,
//!   large 3. Effort in the questionnaire is a size, not an estimate, so these are the
//!   shortest spans that keep the sizes apart on a chart of months.
//! * **Start** = the later of its phase's first month and the end month of every planned
//!   action it depends on (dependencies already in place do not hold it back).
//! * **Clamp to the phase.** An action never runs past its phase's end: when start plus
//!   duration would pass it, the action ends with the phase; when its dependencies end
//!   with (or after) the phase, it takes the phase's last month, side by side with what it
//!   waits for. Either way it is marked [`TimedAction::clamped`]: the phase is too short
//!   for its work. That happens to urgent work in the first phase, where a danger sign puts
//!   an action together with everything it needs, and in phases shorter than an action.
//! * **Re-assessment.** The plan ends with a milestone, the follow-up survey that measures
//!   what changed, at the end of the last phase ([`Timeline::reassessment_month`]).

use std::collections::BTreeMap;

use super::Plan;
use crate::questionnaire::Effort;

#[cfg(test)]
mod tests;

/// What the closing milestone is called.
pub const REASSESSMENT: &str = "Re-assessment: the follow-up survey";

/// The roadmap's actions in time, and the closing milestone.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Timeline {
    /// One entry per planned action, in plan order.
    pub actions: Vec<TimedAction>,
    /// The month of the re-assessment: the end of the last phase (0 without phases).
    pub reassessment_month: u32,
}

/// When one planned action runs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TimedAction {
    /// The action's id.
    pub id: String,
    /// 1-based index of its phase.
    pub phase: usize,
    /// The month it starts (0 is the start of the programme).
    pub start_month: u32,
    /// The month it ends, after `start_month` unless its phase has no months.
    pub end_month: u32,
    /// True when its phase's end cut it short, or made it start before the actions it
    /// depends on had ended.
    pub clamped: bool,
    /// The planned actions it depends on, in plan order: the arrows of a timeline.
    pub after: Vec<String>,
}

/// Months an action of `effort` takes: small 1, medium 2, large 3.
pub fn effort_months(effort: Effort) -> u32 {
    match effort {
        Effort::Small => 1,
        Effort::Medium => 2,
        Effort::Large => 3,
    }
}

/// The plan in time, by the rules of the module documentation.
pub fn timeline(plan: &Plan) -> Timeline {
    let mut ends: BTreeMap<&str, u32> = BTreeMap::new();
    let mut actions = Vec::new();
    for phase in &plan.phases {
        let (first, last) = (phase.start_month, phase.end_month.max(phase.start_month));
        for action in &phase.actions {
            let after: Vec<&str> = plan
                .actions()
                .map(|a| a.id.as_str())
                .filter(|id| action.depends_on.iter().any(|d| d == id))
                .collect();
            let ready = after
                .iter()
                .filter_map(|id| ends.get(id).copied())
                .fold(first, u32::max);
            let start = ready.min(last.saturating_sub(1)).max(first);
            let wanted = start.saturating_add(effort_months(action.effort));
            let end = wanted.min(last);
            ends.insert(&action.id, end);
            actions.push(TimedAction {
                id: action.id.clone(),
                phase: phase.index,
                start_month: start,
                end_month: end,
                clamped: wanted > last || start < ready,
                after: after.into_iter().map(String::from).collect(),
            });
        }
    }
    Timeline {
        actions,
        reassessment_month: plan.phases.last().map_or(0, |p| p.end_month),
    }
}
