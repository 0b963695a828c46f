//! The plan as it is handed out: each placed action with its reasons and its placement, the
//! phases that hold them, and the dependencies already in place.

use super::choose::Choice;
use super::constraints::Graph;
use super::plan::Catalogue;
use super::schedule::{Schedule, Work};
use super::status::{Known, level_name};
use super::{InPlaceAction, Phase, Placement, PlannedAction, RaisedSign, Reason};
use crate::observations::Observation;
use crate::questionnaire::Questionnaire;

/// Everything the earlier steps worked out, indexed as they left it.
pub(super) struct Parts<'a> {
    /// The questionnaire.
    pub(super) q: &'a Questionnaire,
    /// Its actions.
    pub(super) catalogue: &'a Catalogue<'a>,
    /// What each domain stands at.
    pub(super) current: &'a [Option<Known>],
    /// The raised flags, as given.
    pub(super) flags: &'a [RaisedSign],
    /// The consultant's observations, as given.
    pub(super) observations: &'a [Observation],
    /// The choice of actions.
    pub(super) choice: &'a Choice,
    /// The constraints between the chosen ones.
    pub(super) graph: &'a Graph,
    /// Their priorities before any is lent.
    pub(super) priority: &'a [f64],
    /// The node each effective priority comes from.
    pub(super) inherited_from: &'a [usize],
    /// Urgency, effective priority, cost and id of each node.
    pub(super) work: &'a Work<'a>,
    /// The phases and what went where.
    pub(super) schedule: &'a Schedule,
    /// The number of phases given (the rest are extra).
    pub(super) given: usize,
    /// The capacity, if limited.
    pub(super) capacity: Option<u32>,
}

impl Parts<'_> {
    /// The phases with their actions in order, and the dependencies already in place.
    pub(super) fn assemble(&self) -> (Vec<Phase>, Vec<InPlaceAction>) {
        let needed_by = self.needed_by();
        let mut phases: Vec<Phase> = self
            .schedule
            .specs
            .iter()
            .enumerate()
            .map(|(k, s)| Phase {
                index: k + 1,
                name: s.name.clone(),
                start_month: s.start_month,
                end_month: s.end_month,
                extra: k >= self.given,
                effort_points: self.schedule.loads.get(k).copied().unwrap_or(0),
                actions: Vec::new(),
            })
            .collect();
        for (order, &v) in self.schedule.sequence.iter().enumerate() {
            let p = self.schedule.phase_of[v].unwrap_or(0);
            let Some(phase) = phases.get_mut(p) else {
                continue;
            };
            let action = self.planned_action(order + 1, v, &needed_by, phase);
            phase.actions.push(action);
        }
        let in_place = (0..self.catalogue.actions.len())
            .filter(|&i| self.choice.in_place[i])
            .map(|i| {
                let (d, a) = self.catalogue.actions[i];
                InPlaceAction {
                    id: a.id.clone(),
                    title: a.title.clone(),
                    domain: self.q.domains[d].id.clone(),
                    needed_by: self.ids(&needed_by[i]),
                }
            })
            .collect();
        (phases, in_place)
    }

    /// For each action (indexed like the catalogue), the planned actions that depend on it, in
    /// plan order.
    fn needed_by(&self) -> Vec<Vec<usize>> {
        let mut needed_by: Vec<Vec<usize>> = vec![Vec::new(); self.catalogue.actions.len()];
        for &v in &self.schedule.sequence {
            let i = self.graph.nodes[v];
            for &j in self.catalogue.graph.deps(i) {
                needed_by[j].push(i);
            }
        }
        needed_by
    }

    /// The ids of actions given by catalogue index.
    fn ids(&self, actions: &[usize]) -> Vec<String> {
        actions
            .iter()
            .map(|&j| self.catalogue.actions[j].1.id.clone())
            .collect()
    }

    /// Node `v`, placed `order`th in `phase`.
    fn planned_action(
        &self,
        order: usize,
        v: usize,
        needed_by: &[Vec<usize>],
        phase: &Phase,
    ) -> PlannedAction {
        let i = self.graph.nodes[v];
        let (d, a) = self.catalogue.actions[i];
        let domain = &self.q.domains[d];
        let mut reasons: Vec<Reason> = self.choice.flagged_by[i]
            .iter()
            .map(|&fi| Reason::Flagged {
                flag: self.flags[fi].id.clone(),
                finding: self.flags[fi].finding.clone(),
            })
            .collect();
        reasons.extend(
            self.choice.observed_by[i]
                .iter()
                .map(|&oi| Reason::Observed {
                    observation: self.observations[oi].id.clone(),
                    finding: self.observations[oi].finding.clone(),
                }),
        );
        if self.choice.lifts[i]
            && let Some(k) = self.current[d]
        {
            reasons.push(Reason::Lifts {
                domain: domain.id.clone(),
                from: k.level,
                from_name: level_name(self.q, k.level),
                to: a.lifts_to,
                to_name: level_name(self.q, a.lifts_to),
            });
        }
        if !needed_by[i].is_empty() {
            reasons.push(Reason::NeededBy {
                actions: self.ids(&needed_by[i]),
            });
        }
        let lender = self.inherited_from[v];
        PlannedAction {
            order,
            id: a.id.clone(),
            title: a.title.clone(),
            domain: domain.id.clone(),
            domain_name: domain.name.clone(),
            owner: a.owner.clone(),
            effort: a.effort,
            effort_points: a.effort.cost(),
            impact: a.impact,
            lifts_to: a.lifts_to,
            priority: self.priority[v],
            effective_priority: self.work.effective[v],
            depends_on: a.depends_on.clone(),
            measure: a.measure.clone(),
            phase: phase.index,
            start_month: phase.start_month,
            end_month: phase.end_month,
            urgent: self.work.urgent[v],
            reasons,
            priority_from: (lender != v).then(|| self.work.ids[lender].to_string()),
            placement: self.placement(v),
        }
    }

    /// Why node `v` sits in its phase.
    fn placement(&self, v: usize) -> Placement {
        if self.work.urgent[v] {
            return Placement::Urgent;
        }
        let phase = |u: usize| self.schedule.phase_of[u].unwrap_or(0);
        let name = |k: usize| {
            self.schedule
                .specs
                .get(k)
                .map_or_else(String::new, |s| s.name.clone())
        };
        let ids = |nodes: Vec<usize>| -> Vec<String> {
            nodes
                .into_iter()
                .map(|u| self.work.ids[u].to_string())
                .collect()
        };
        let p = phase(v);
        let (hard, soft) = (&self.graph.hard[v], &self.graph.soft[v]);
        let earliest = hard
            .iter()
            .map(|&u| phase(u) + 1)
            .chain(soft.iter().map(|&u| phase(u)))
            .max()
            .unwrap_or(0);
        if p > earliest {
            return Placement::HeldBack {
                earliest_phase: earliest + 1,
                earliest_phase_name: name(earliest),
                capacity: self.capacity.unwrap_or(0),
            };
        }
        let waits: Vec<usize> = hard
            .iter()
            .copied()
            .filter(|&u| phase(u) + 1 == p)
            .collect();
        if !waits.is_empty() && p > 0 {
            return Placement::WaitsFor {
                actions: ids(waits),
                phase: p,
                phase_name: name(p - 1),
            };
        }
        let lower: Vec<usize> = soft.iter().copied().filter(|&u| phase(u) == p).collect();
        if !lower.is_empty() {
            return Placement::FollowsLowerLevel {
                actions: ids(lower),
            };
        }
        // Here `p` is 0: with `p == earliest > 0` a predecessor in the previous phase (hard) or
        // in this phase (soft) would have matched above.
        Placement::StartsAtOnce
    }
}
