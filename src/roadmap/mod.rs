//! The recovery roadmap: which actions to take, in which order and phase, and why.
//!
//! [`plan`] is a pure function of the questionnaire, each domain's current status (from the
//! scorer), the raised red flags and the [`PlanOptions`]. It never reads files; [`load_targets`]
//! and [`parse_phases`] turn the command-line options into `PlanOptions`, and [`export`] renders
//! a [`Plan`] as a terminal table, a Markdown document, CSV or JSON.
//!
//! # Targets
//!
//! Each domain's target level is, in this order: its entry in the `--targets` file
//! ([`Targets::PerDomain`]), else `--target` ([`Targets::All`]), else the domain's
//! `target_level`, else the next level above its current one (the highest level stays where it
//! is). A domain missing from a targets file falls back to its `target_level`, then to the next
//! level. A domain with no data (no level and no percent) gets no gap, no progress figure and no
//! actions of its own; it is listed as "no data", with its target when one was set explicitly.
//!
//! * `gap_levels` = max(0, target - current), in level numbers;
//! * `gap_percent` = max(0, the target level's `min_percent` - current percent);
//! * `percent_to_target` = 100 * (1 - sum(gap_levels) / sum(target - 1)) over the domains with
//!   data, counted from the lowest level (1: where everyone starts, so a domain at level 1 with
//!   target 3 has made 0% of its way), unweighted, overall and per domain; 100 when every target
//!   is the lowest level, absent when no domain has data.
//!
//! # Choosing actions
//!
//! * A domain below its target gets each of its actions whose `lifts_to` is above its current
//!   level and at most its target.
//! * A raised flag adds the actions of its domain that lift it to the *second* level of the
//!   questionnaire (level 2 with the default levels) and are above its current level, even when
//!   the domain's target is lower: a danger sign outranks a target. These actions, and
//!   everything they need (see below), are *urgent*: they go into the first phase. A flag on a
//!   domain already at that level (or with no data) adds nothing, and the plan warns that the
//!   finding needs an answer of its own: the contract ties flags to level-2 work, and pulling
//!   a higher level's larger work into the first three months would swamp it.
//! * A flag may also name its remedies (`actions:` in the questionnaire), in any domain and at
//!   any level: a raised flag adds each of them whose domain has not yet reached its
//!   `lifts_to`, as urgent work. Only a flag that adds nothing either way earns the warning.
//! * Dependencies are followed transitively. A dependency is added when its domain has not yet
//!   reached the dependency's `lifts_to`; otherwise it counts as already in place, is listed in
//!   `in_place`, and its own dependencies are not followed (what is in place stands on
//!   its own). A dependency in a domain with no data is added, never assumed in place, and the
//!   plan warns about it.
//! * Domains at or above their target get no actions, except those pulled in as dependencies
//!   and those of a raised flag.
//!
//! # Priority
//!
//! `priority` = domain weight * the domain's `gap_levels` * impact / effort cost, with effort
//! cost small = 1, medium = 2, large = 4. An action that something else waits for is as urgent
//! as what waits for it: `effective_priority` is the highest priority among the action and
//! every action that (transitively) must follow it. Scheduling uses `effective_priority`,
//! descending, ties broken by id ascending, so the output never depends on hash order.
//!
//! # Ordering constraints
//!
//! * Hard: an action comes after every planned action it depends on: in an earlier phase, and
//!   earlier in order. The one relaxation is the urgent work of the first phase: an urgent
//!   action's dependencies are urgent too and cannot sit in an earlier phase than the first, so
//!   there they sit in the same phase, earlier in order.
//! * Soft: the planned actions of a domain with a lower `lifts_to` sit in the same or an earlier
//!   phase, and earlier in order within a phase. When a dependency forces the opposite (a
//!   level-2 action that needs, directly or through other actions, a level-3 action of its own
//!   domain) the dependency wins: soft constraints are added one by one (domain order, then
//!   lower `lifts_to`, then id) and one that would close a cycle with those already added is
//!   dropped. Nothing is ever placed before something it depends on.
//!
//! # Phases
//!
//! Phases are filled one after another by list scheduling. A phase first takes the urgent
//! actions (first phase only), then repeatedly the ready action with the highest effective
//! priority, where *ready* means every hard predecessor sits in an earlier phase and every soft
//! predecessor is already placed. Without capacity this puts every action in the earliest phase
//! its constraints allow. With `capacity` (effort points per phase), a phase closes when its
//! best ready action no longer fits; that action and everything of lower priority spill to the
//! next phase, and whatever depends on them follows. Lower-priority work never fills a gap left
//! by higher-priority work that did not fit. Two exceptions keep the plan whole: urgent actions
//! stay in the first phase even beyond capacity, and an action bigger than the capacity gets a
//! phase to itself; the plan warns about both.
//!
//! Actions that do not fit in the given phases are not dropped: they go into extra phases named
//! "Later" ("Later 1", "Later 2", ... when more than one is needed), each as long as the last
//! given phase, marked `extra`, and the plan warns about them.
//!
//! Every planned action says why it was chosen (`reasons`, and `priority_from` when another
//! action lends it its priority) and why it sits in its phase (`placement`), as data; it
//! carries its order number (1, 2, ... across the whole plan) and the months of its phase.
//! [`explain`] words these as sentences for the exporters.
//!
//! # Where the planner lives
//!
//! [`plan`] runs the steps, each in its own module: `status` reads the domains' status and
//! works out targets and gaps, `choose` picks the actions, `constraints` orders them (the
//! dependency graph of [`ActionGraph`](crate::questionnaire::ActionGraph) restricted to what
//! was chosen, plus the level order within a domain) and gives their priorities, `schedule`
//! fills the phases, and `assemble` builds the [`Plan`]. Each step takes time close to linear in
//! the actions, dependencies and level-order constraints of the plan; a domain whose actions
//! have dependencies adds a few bit operations per pair of its actions (see `constraints`).

mod assemble;
mod choose;
mod constraints;
mod error;
pub mod explain;
pub mod export;
mod phases;
mod plan;
pub mod progress;
mod schedule;
mod status;
mod targets;
#[cfg(test)]
mod tests;
pub mod timeline;

pub use error::PlanError;
pub use phases::{build_phases, default_phases, parse_phases};
pub use plan::{Extras, plan, plan_with};
pub use targets::{MAX_TARGETS_BYTES, level_by_name, load_targets, parse_targets, target_level};

pub use crate::scoring::RaisedFlag;

use crate::questionnaire::Effort;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// A raised danger sign as the planner reads it: a red flag of the survey or an evidence flag
/// of the records, with the remedies the questionnaire names for it.
#[derive(Debug, Clone, PartialEq)]
pub struct RaisedSign {
    /// The flag's id.
    pub id: String,
    /// The domain it belongs to.
    pub domain: String,
    /// What it means, in plain words.
    pub finding: String,
    /// The figure that raised it.
    pub value: f64,
    /// The actions the questionnaire names as its answer.
    pub actions: Vec<String>,
}

impl RaisedSign {
    /// A red flag raised by the survey's scores, with its remedies from `q`.
    pub fn survey(q: &crate::questionnaire::Questionnaire, f: &RaisedFlag) -> RaisedSign {
        RaisedSign {
            id: f.id.clone(),
            domain: f.domain.clone(),
            finding: f.finding.clone(),
            value: f.value,
            actions: q
                .flags
                .iter()
                .find(|x| x.id == f.id)
                .map(|x| x.actions.clone())
                .unwrap_or_default(),
        }
    }

    /// An evidence flag raised by the records, with its remedies from `q`.
    pub fn evidence(
        q: &crate::questionnaire::Questionnaire,
        f: &crate::evidence::RaisedEvidenceFlag,
    ) -> RaisedSign {
        RaisedSign {
            id: f.id.clone(),
            domain: f.domain.clone(),
            finding: f.finding.clone(),
            value: f.value,
            actions: q
                .evidence_flags
                .iter()
                .find(|x| x.id == f.id)
                .map(|x| x.actions.clone())
                .unwrap_or_default(),
        }
    }
}

/// What the scorer knows about one domain today.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DomainStatus {
    /// The domain's id.
    pub domain: String,
    /// Its score as a percent of the scale, if any answer counted.
    pub percent: Option<f64>,
    /// Its maturity level; when absent but `percent` is given, the level that percent reaches.
    pub level: Option<u32>,
}

/// Where the target levels come from.
#[derive(Debug, Clone, PartialEq, Default)]
pub enum Targets {
    /// Per domain, from a targets file (domain id -> level); domains not listed fall back to
    /// their `target_level`, then to the next level.
    PerDomain(BTreeMap<String, u32>),
    /// The same level for every domain (`--target`).
    All(u32),
    /// Each domain's `target_level`, else the next level above its current one.
    #[default]
    Default,
}

/// One phase of the roadmap as asked for: a name and a month range.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PhaseSpec {
    /// Name a leader presents, such as "Stop the bleeding".
    pub name: String,
    /// First month (0 is the start of the programme).
    pub start_month: u32,
    /// Month the phase ends (after `start_month`).
    pub end_month: u32,
}

/// How to plan.
#[derive(Debug, Clone, PartialEq)]
pub struct PlanOptions {
    /// Where target levels come from.
    pub targets: Targets,
    /// The phases, in order, with ascending months that do not overlap.
    pub phases: Vec<PhaseSpec>,
    /// Effort points (small 1, medium 2, large 4) per phase; `None` for no limit.
    pub capacity: Option<u32>,
}

impl Default for PlanOptions {
    /// Each domain's own target, the four [`default_phases`], no capacity limit.
    fn default() -> Self {
        PlanOptions {
            targets: Targets::Default,
            phases: default_phases(),
            capacity: None,
        }
    }
}

/// The recovery roadmap.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Plan {
    /// The version of this JSON layout, [`crate::scoring::SCHEMA_VERSION`].
    pub schema_version: u32,
    /// The questionnaire's id.
    pub questionnaire: String,
    /// The questionnaire's title.
    pub title: String,
    /// Effort points per phase, if limited.
    pub capacity: Option<u32>,
    /// Progress to target over all domains with data, in percent (see the module doc).
    pub percent_to_target: Option<f64>,
    /// The raised flags, in the order given: they head the roadmap.
    pub flags: Vec<PlanFlag>,
    /// One entry per domain, in questionnaire order.
    pub targets: Vec<DomainTarget>,
    /// The phases, each with its actions in order; extra "Later" phases at the end if needed.
    pub phases: Vec<Phase>,
    /// The dependencies already in place (their domain has reached the level they lift to), and
    /// the actions a status file marks done ([`plan_with`]), in questionnaire order,
    /// with their titles and the planned actions that need them.
    pub in_place: Vec<InPlaceAction>,
    /// What a reader of the plan must know: capacity exceeded, extra phases, targets that no
    /// action reaches, flags or dependencies on domains without data.
    pub warnings: Vec<String>,
}

impl Plan {
    /// Every planned action, in order.
    pub fn actions(&self) -> impl Iterator<Item = &PlannedAction> {
        self.phases.iter().flat_map(|p| p.actions.iter())
    }
}

/// A raised flag as the roadmap reports it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PlanFlag {
    /// The flag's id.
    pub id: String,
    /// The domain it belongs to.
    pub domain: String,
    /// That domain's name.
    pub domain_name: String,
    /// What it means, in plain words.
    pub finding: String,
    /// The figure that raised it.
    pub value: f64,
    /// Ids of the actions it put into the first phase.
    pub actions: Vec<String>,
}

/// Where a domain's target level came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TargetSource {
    /// The targets file.
    TargetsFile,
    /// The one level given for all domains.
    TargetOption,
    /// The domain's `target_level` in the questionnaire.
    Questionnaire,
    /// One level above the current one.
    NextLevel,
}

/// A domain's standing against its target.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DomainState {
    /// No answers: nothing is known.
    NoData,
    /// Below target: it gets actions.
    BelowTarget,
    /// At target.
    AtTarget,
    /// Above target (the gap counts as 0).
    AboveTarget,
}

/// A domain's current level, target and gap.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DomainTarget {
    /// The domain's id.
    pub domain: String,
    /// Its name.
    pub name: String,
    /// Its weight (used in priority).
    pub weight: f64,
    /// Where it stands against its target.
    pub state: DomainState,
    /// Current level, if known.
    pub current_level: Option<u32>,
    /// Name of the current level.
    pub current_level_name: Option<String>,
    /// Current percent of the scale, if known.
    pub current_percent: Option<f64>,
    /// Target level (absent only for a domain with no data and no explicit target).
    pub target_level: Option<u32>,
    /// Name of the target level.
    pub target_level_name: Option<String>,
    /// Where the target came from.
    pub target_source: Option<TargetSource>,
    /// The percent of the scale the target level starts at.
    pub target_min_percent: Option<f64>,
    /// max(0, target - current), in levels.
    pub gap_levels: Option<u32>,
    /// max(0, target's min_percent - current percent), in percent points.
    pub gap_percent: Option<f64>,
    /// 100 * (1 - gap / target), in percent.
    pub percent_to_target: Option<f64>,
}

/// One phase of the plan with its actions.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Phase {
    /// 1-based position.
    pub index: usize,
    /// Its name.
    pub name: String,
    /// First month.
    pub start_month: u32,
    /// Month it ends.
    pub end_month: u32,
    /// True for a "Later" phase added because the given phases could not hold every action.
    pub extra: bool,
    /// Sum of the effort points of its actions.
    pub effort_points: u32,
    /// Its actions, in order.
    pub actions: Vec<PlannedAction>,
}

/// Why an action is in the plan.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Reason {
    /// A raised flag put it in the first phase.
    Flagged {
        /// The flag's id.
        flag: String,
        /// The flag's finding.
        finding: String,
    },
    /// A consultant's observation names it, which puts it in the first phase.
    Observed {
        /// The observation's id.
        observation: String,
        /// The observation's finding.
        finding: String,
    },
    /// It lifts its domain, which is below target.
    Lifts {
        /// The domain's id.
        domain: String,
        /// The domain's current level.
        from: u32,
        /// That level's name.
        from_name: Option<String>,
        /// The action's `lifts_to`.
        to: u32,
        /// That level's name.
        to_name: Option<String>,
    },
    /// Planned actions depend on it directly.
    NeededBy {
        /// Their ids, in order.
        actions: Vec<String>,
    },
}

/// An action placed in the plan.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PlannedAction {
    /// Position in the whole plan, from 1.
    pub order: usize,
    /// The action's id.
    pub id: String,
    /// Its title.
    pub title: String,
    /// Its domain's id.
    pub domain: String,
    /// Its domain's name.
    pub domain_name: String,
    /// The accountable role.
    pub owner: String,
    /// Effort.
    pub effort: Effort,
    /// Effort cost in points (small 1, medium 2, large 4).
    pub effort_points: u32,
    /// Impact, 1 to 5.
    pub impact: u8,
    /// The level it helps its domain reach.
    pub lifts_to: u32,
    /// weight * gap_levels * impact / effort cost.
    pub priority: f64,
    /// The highest priority of the action and everything that must follow it; the schedule's key.
    pub effective_priority: f64,
    /// Everything it depends on, as in the questionnaire (planned or already in place).
    pub depends_on: Vec<String>,
    /// The measurable target that shows it worked.
    pub measure: String,
    /// 1-based index of its phase.
    pub phase: usize,
    /// First month of its phase.
    pub start_month: u32,
    /// Last month of its phase.
    pub end_month: u32,
    /// True when a raised flag made it (or something that needs it) first-phase work.
    pub urgent: bool,
    /// Why it was chosen.
    pub reasons: Vec<Reason>,
    /// The action that lends it its effective priority, when that is not its own: one that
    /// must wait for it.
    pub priority_from: Option<String>,
    /// Why it sits in its phase.
    pub placement: Placement,
}

/// Why a planned action sits in its phase (see [`explain::placement`] for the words).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Placement {
    /// Urgent work (a raised flag's, or what it needs): the first phase, whatever the capacity.
    Urgent,
    /// Its constraints allowed an earlier phase, whose capacity urgent or higher-priority work
    /// took.
    HeldBack {
        /// The earliest phase its constraints allow (1-based).
        earliest_phase: usize,
        /// That phase's name.
        earliest_phase_name: String,
        /// The capacity, in effort points per phase.
        capacity: u32,
    },
    /// It waits for dependencies placed in the phase before its own.
    WaitsFor {
        /// Their ids, in the order the action lists them.
        actions: Vec<String>,
        /// Their phase (1-based).
        phase: usize,
        /// That phase's name.
        phase_name: String,
    },
    /// It follows lower-level work of its domain placed earlier in the same phase.
    FollowsLowerLevel {
        /// That work's ids.
        actions: Vec<String>,
    },
    /// Nothing to wait for: it starts in the first phase.
    StartsAtOnce,
}

/// A dependency that is already in place.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct InPlaceAction {
    /// The action's id.
    pub id: String,
    /// Its title.
    pub title: String,
    /// Its domain's id.
    pub domain: String,
    /// The planned actions that depend on it directly.
    pub needed_by: Vec<String>,
}
