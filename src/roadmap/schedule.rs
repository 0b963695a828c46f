//! Filling the phases by list scheduling (see "Phases" in the module doc of [`super`]).
//!
//! The ready actions wait in a priority queue, so each placement costs a logarithm instead of
//! a pass over every action; an action joins the queue once, when the last thing it must
//! follow is placed (or, for what must wait a phase, when that phase closes).

use super::PhaseSpec;
use super::constraints::Graph;
use std::cmp::Ordering;
use std::collections::BinaryHeap;

/// Where each node of the graph was placed.
pub(super) struct Schedule {
    /// The phases: those given, then any extra "Later" ones.
    pub(super) specs: Vec<PhaseSpec>,
    /// 0-based phase of each node.
    pub(super) phase_of: Vec<Option<usize>>,
    /// The nodes in order.
    pub(super) sequence: Vec<usize>,
    /// Effort points placed in each phase.
    pub(super) loads: Vec<u32>,
}

/// What the schedule needs to know of each node, indexed like the graph's nodes.
pub(super) struct Work<'a> {
    /// Urgent: first-phase work.
    pub(super) urgent: &'a [bool],
    /// The effective priority.
    pub(super) effective: &'a [f64],
    /// The effort cost.
    pub(super) cost: &'a [u32],
    /// The action's id.
    pub(super) ids: &'a [&'a str],
}

/// A ready node in the queue, greatest first: urgent work in the first phase, then the higher
/// effective priority, then the lower id. Urgent work is all placed in the first phase (what it
/// needs is urgent too), so no entry marked urgent outlives that phase.
struct Ready<'a> {
    urgent: bool,
    effective: f64,
    id: &'a str,
    node: usize,
}

impl Ord for Ready<'_> {
    fn cmp(&self, other: &Self) -> Ordering {
        self.urgent
            .cmp(&other.urgent)
            .then(self.effective.total_cmp(&other.effective))
            .then_with(|| other.id.cmp(self.id))
            .then(self.node.cmp(&other.node))
    }
}

impl PartialOrd for Ready<'_> {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl PartialEq for Ready<'_> {
    fn eq(&self, other: &Self) -> bool {
        self.cmp(other) == Ordering::Equal
    }
}

impl Eq for Ready<'_> {}

/// The scheduler's state: how far each node is from being ready, and the ready queue.
struct Scheduler<'a> {
    graph: &'a Graph,
    work: &'a Work<'a>,
    /// Hard predecessors placed, in any phase.
    placed_hard: Vec<usize>,
    /// Hard predecessors placed in a phase before the current one.
    earlier_hard: Vec<usize>,
    /// Soft predecessors placed.
    placed_soft: Vec<usize>,
    /// Whether the node joined the queue.
    queued: Vec<bool>,
    /// The ready nodes not yet placed.
    queue: BinaryHeap<Ready<'a>>,
}

impl Scheduler<'_> {
    /// Whether node `v` may be placed in phase `p`: every hard predecessor in an earlier phase
    /// (or, for urgent work in the first phase, placed before it), every soft one placed.
    fn ready(&self, v: usize, p: usize) -> bool {
        let hard = self.graph.hard[v].len();
        self.placed_soft[v] == self.graph.soft[v].len()
            && (self.earlier_hard[v] == hard
                || (p == 0 && self.work.urgent[v] && self.placed_hard[v] == hard))
    }

    /// Queue node `v` if it is ready in phase `p` and not queued yet.
    fn offer(&mut self, v: usize, p: usize) {
        if !self.queued[v] && self.ready(v, p) {
            self.queued[v] = true;
            self.queue.push(Ready {
                urgent: p == 0 && self.work.urgent[v],
                effective: self.work.effective[v],
                id: self.work.ids[v],
                node: v,
            });
        }
    }

    /// Fill phase `p` from the queue: the best ready node while it fits (urgent work always
    /// does, and so does anything in an empty phase). Returns the nodes placed, in order, and
    /// their load.
    fn fill(&mut self, p: usize, capacity: Option<u32>) -> (Vec<usize>, u32) {
        let mut placed = Vec::new();
        let mut load = 0;
        while let Some(best) = self.queue.peek() {
            let v = best.node;
            if !best.urgent
                && let Some(cap) = capacity
                && load > 0
                && load + self.work.cost[v] > cap
            {
                break;
            }
            self.queue.pop();
            placed.push(v);
            load += self.work.cost[v];
            let graph = self.graph;
            for &s in &graph.hard_succ[v] {
                self.placed_hard[s] += 1;
            }
            for &s in &graph.soft_succ[v] {
                self.placed_soft[s] += 1;
            }
            for s in graph.succ(v) {
                self.offer(s, p);
            }
        }
        (placed, load)
    }

    /// Phase `p` has closed with `placed` in it: what waited for it may go in the next.
    fn close(&mut self, p: usize, placed: &[usize]) {
        let graph = self.graph;
        for &v in placed {
            for &s in &graph.hard_succ[v] {
                self.earlier_hard[s] += 1;
                self.offer(s, p + 1);
            }
        }
    }
}

/// Fill the phases by list scheduling, adding "Later" phases as needed.
pub(super) fn schedule(
    graph: &Graph,
    work: &Work<'_>,
    phases: &[PhaseSpec],
    capacity: Option<u32>,
) -> Schedule {
    let n = graph.nodes.len();
    let mut specs = phases.to_vec();
    let given = specs.len();
    let mut phase_of: Vec<Option<usize>> = vec![None; n];
    let mut sequence: Vec<usize> = Vec::with_capacity(n);
    let mut loads: Vec<u32> = Vec::new();
    let mut scheduler = Scheduler {
        graph,
        work,
        placed_hard: vec![0; n],
        earlier_hard: vec![0; n],
        placed_soft: vec![0; n],
        queued: vec![false; n],
        queue: BinaryHeap::new(),
    };
    for v in 0..n {
        scheduler.offer(v, 0);
    }
    let mut p = 0;
    while sequence.len() < n {
        if p >= specs.len() {
            let Some(last) = specs.last() else { break };
            let length = last.end_month - last.start_month;
            let start_month = last.end_month;
            specs.push(PhaseSpec {
                name: String::new(),
                start_month,
                end_month: start_month.saturating_add(length),
            });
        }
        let (placed, load) = scheduler.fill(p, capacity);
        scheduler.close(p, &placed);
        for &v in &placed {
            phase_of[v] = Some(p);
        }
        sequence.extend_from_slice(&placed);
        loads.push(load);
        p += 1;
        if placed.is_empty() {
            // Cannot happen: an unplaced action whose predecessors are all placed is always
            // ready in a new phase, and an empty phase takes any action. Stop rather than loop.
            break;
        }
    }
    let extra = specs.len() - given;
    let (named, added) = specs.split_at_mut(given);
    for (k, spec) in added.iter_mut().enumerate() {
        let mut name = if extra == 1 {
            "Later".to_string()
        } else {
            format!("Later {}", k + 1)
        };
        // A given phase may already be called so: the added one must not repeat its name.
        while named.iter().any(|p| p.name.trim() == name) {
            name.push_str(" (added)");
        }
        spec.name = name;
    }
    Schedule {
        specs,
        phase_of,
        sequence,
        loads,
    }
}

/// What a reader must know about the schedule: urgent work or single actions over capacity,
/// and extra phases.
pub(super) fn schedule_warnings(
    schedule: &Schedule,
    given: usize,
    work: &Work<'_>,
    capacity: Option<u32>,
    warnings: &mut Vec<String>,
) {
    if let Some(cap) = capacity {
        let urgent_load: u32 = schedule
            .sequence
            .iter()
            .filter(|&&v| work.urgent[v])
            .map(|&v| work.cost[v])
            .sum();
        if urgent_load > cap {
            warnings.push(format!(
                "The urgent work of the first phase takes {urgent_load} effort points, over the capacity of {cap}; it cannot wait."
            ));
        }
        for &v in schedule
            .sequence
            .iter()
            .filter(|&&v| work.cost[v] > cap && !work.urgent[v])
        {
            warnings.push(format!(
                "{} takes {} effort points, more than the capacity of {cap}; it has a phase to itself.",
                work.ids[v], work.cost[v]
            ));
        }
    }
    let extra = schedule.specs.len().saturating_sub(given);
    if extra > 0 {
        let beyond = schedule
            .phase_of
            .iter()
            .filter(|p| p.is_some_and(|p| p >= given))
            .count();
        warnings.push(format!(
            "{beyond} action(s) do not fit in the {given} phase(s) given; they are in {extra} extra phase(s) up to month {}.",
            schedule.specs.last().map_or(0, |s| s.end_month)
        ));
    }
}
