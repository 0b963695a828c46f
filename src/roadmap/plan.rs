//! The planner: targets, choice of actions, constraints, priority and phases (see the module
//! doc of [`super`] for the rules).

use super::phases::check_phases;
use super::*;
use crate::questionnaire::{Action, Domain, Questionnaire};
use std::cmp::Ordering;
use std::collections::{BTreeSet, HashMap};

/// What is known of a domain with data.
#[derive(Clone, Copy)]
struct Known {
    level: u32,
    percent: Option<f64>,
}

/// The questionnaire's actions in order, each with the index of its domain.
struct Catalogue<'q> {
    actions: Vec<(usize, &'q Action)>,
    index: HashMap<&'q str, usize>,
}

impl<'q> Catalogue<'q> {
    fn new(q: &'q Questionnaire) -> Self {
        let actions: Vec<(usize, &Action)> = q.actions().collect();
        let index = actions
            .iter()
            .enumerate()
            .map(|(i, (_, a))| (a.id.as_str(), i))
            .collect();
        Catalogue { actions, index }
    }

    /// Indices of the actions an action depends on (validation guarantees they exist).
    fn deps(&self, i: usize) -> impl Iterator<Item = usize> + '_ {
        self.actions[i]
            .1
            .depends_on
            .iter()
            .filter_map(|d| self.index.get(d.as_str()).copied())
    }
}

/// Which actions the plan holds, and why (all indexed like [`Catalogue::actions`]).
struct Choice {
    chosen: Vec<bool>,
    /// Chosen because it lifts its domain towards its target.
    lifts: Vec<bool>,
    /// The raised flags (indices into the flags given) that chose it.
    flagged_by: Vec<Vec<usize>>,
    /// A dependency whose domain already reached its level.
    in_place: Vec<bool>,
    /// The flags as reported.
    flags: Vec<PlanFlag>,
}

/// The constraint graph over the chosen actions (nodes are positions in `nodes`).
struct Graph {
    /// Action indices (into the questionnaire's action list) of the chosen actions.
    nodes: Vec<usize>,
    /// Planned dependencies of each node: it must follow them in an earlier phase.
    hard: Vec<Vec<usize>>,
    /// Lower-level work of the same domain: same or earlier phase, earlier in order.
    soft: Vec<Vec<usize>>,
    /// Every node that must follow each node (hard or soft).
    succ: Vec<Vec<usize>>,
}

impl Graph {
    /// Whether `to` must follow `from`, directly or through other nodes.
    fn reaches(&self, from: usize, to: usize) -> bool {
        let mut seen = vec![false; self.nodes.len()];
        let mut stack = vec![from];
        while let Some(v) = stack.pop() {
            if v == to {
                return true;
            }
            for &s in &self.succ[v] {
                if !seen[s] {
                    seen[s] = true;
                    stack.push(s);
                }
            }
        }
        false
    }

    /// Which nodes are among `roots` or must precede one of them, directly or not.
    fn with_predecessors(&self, roots: Vec<usize>) -> Vec<bool> {
        let mut marked = vec![false; self.nodes.len()];
        let mut stack = roots;
        while let Some(v) = stack.pop() {
            if !std::mem::replace(&mut marked[v], true) {
                stack.extend(self.hard[v].iter().chain(&self.soft[v]).copied());
            }
        }
        marked
    }

    /// Nodes in an order where every node follows all it must follow (lowest index first).
    fn topological(&self) -> Vec<usize> {
        let n = self.nodes.len();
        let mut indegree: Vec<usize> = (0..n)
            .map(|v| self.hard[v].len() + self.soft[v].len())
            .collect();
        let mut ready: BTreeSet<usize> = (0..n).filter(|&v| indegree[v] == 0).collect();
        let mut order = Vec::with_capacity(n);
        while let Some(v) = ready.pop_first() {
            order.push(v);
            for &s in &self.succ[v] {
                indegree[s] -= 1;
                if indegree[s] == 0 {
                    ready.insert(s);
                }
            }
        }
        order
    }
}

/// Where each node of the graph was placed.
struct Schedule {
    /// The phases: those given, then any extra "Later" ones.
    specs: Vec<PhaseSpec>,
    /// 0-based phase of each node.
    phase_of: Vec<Option<usize>>,
    /// The nodes in order.
    sequence: Vec<usize>,
    /// Effort points placed in each phase.
    loads: Vec<u32>,
}

/// Plan the recovery: see the module doc of [`super`] for every rule.
///
/// `status` holds at most one entry per domain (a domain without one has no data); `flags` are
/// the raised flags in the order they head the plan. The result depends on nothing else, so the
/// same input always gives the same plan.
pub fn plan(
    q: &Questionnaire,
    status: &[DomainStatus],
    flags: &[RaisedFlag],
    opts: &PlanOptions,
) -> Result<Plan, PlanError> {
    check_phases(&opts.phases)?;
    if opts.capacity == Some(0) {
        return Err(PlanError::ZeroCapacity);
    }
    let current = read_status(q, status)?;
    check_targets(q, &opts.targets)?;
    let targets: Vec<DomainTarget> = q
        .domains
        .iter()
        .zip(&current)
        .map(|(d, known)| domain_target(q, d, *known, &opts.targets))
        .collect();
    let catalogue = Catalogue::new(q);
    let mut warnings = Vec::new();
    let choice = choose(q, &catalogue, &current, &targets, flags, &mut warnings)?;
    let graph = build_graph(&catalogue.actions, &choice.chosen);
    let n = graph.nodes.len();
    let id = |v: usize| catalogue.actions[graph.nodes[v]].1.id.as_str();

    let (priority, effective, inherited_from) = priorities(q, &catalogue, &graph, &targets);
    let roots: Vec<usize> = (0..n)
        .filter(|&v| !choice.flagged_by[graph.nodes[v]].is_empty())
        .collect();
    let urgent = graph.with_predecessors(roots);
    let cost: Vec<u32> = graph
        .nodes
        .iter()
        .map(|&i| catalogue.actions[i].1.effort.cost())
        .collect();
    let schedule = schedule(&graph, &urgent, &effective, &cost, &id, opts);
    let given = opts.phases.len();
    schedule_warnings(
        &schedule,
        given,
        &urgent,
        &cost,
        &id,
        opts.capacity,
        &mut warnings,
    );

    // Assemble: the planned actions that depend on each action, in order.
    let mut needed_by: Vec<Vec<usize>> = vec![Vec::new(); catalogue.actions.len()];
    for &v in &schedule.sequence {
        for j in catalogue.deps(graph.nodes[v]) {
            needed_by[j].push(graph.nodes[v]);
        }
    }
    let mut phases: Vec<Phase> = schedule
        .specs
        .iter()
        .enumerate()
        .map(|(k, s)| Phase {
            index: k + 1,
            name: s.name.clone(),
            start_month: s.start_month,
            end_month: s.end_month,
            extra: k >= given,
            effort_points: schedule.loads.get(k).copied().unwrap_or(0),
            actions: Vec::new(),
        })
        .collect();
    for (order, &v) in schedule.sequence.iter().enumerate() {
        let i = graph.nodes[v];
        let (d, a) = catalogue.actions[i];
        let domain = &q.domains[d];
        let p = schedule.phase_of[v].unwrap_or(0);
        let mut reasons = Vec::new();
        for &fi in &choice.flagged_by[i] {
            reasons.push(Reason::Flagged {
                flag: flags[fi].id.clone(),
                finding: flags[fi].finding.clone(),
            });
        }
        if choice.lifts[i]
            && let Some(k) = current[d]
        {
            reasons.push(Reason::Lifts {
                domain: domain.id.clone(),
                from: k.level,
                to: a.lifts_to,
            });
        }
        if !needed_by[i].is_empty() {
            reasons.push(Reason::NeededBy {
                actions: needed_by[i]
                    .iter()
                    .map(|&j| catalogue.actions[j].1.id.clone())
                    .collect(),
            });
        }
        let mut why: Vec<String> = reasons
            .iter()
            .map(|r| match r {
                Reason::Flagged { flag, finding } => {
                    format!("Raised flag {flag}: {}", sentence(finding))
                }
                Reason::Lifts { from, to, .. } => format!(
                    "Helps lift {} from {} to {}.",
                    domain.name,
                    level_name(q, *from),
                    level_name(q, *to)
                ),
                Reason::NeededBy { actions } => format!("Needed by {}.", actions.join(", ")),
            })
            .collect();
        if inherited_from[v] != v {
            why.push(format!(
                "Takes priority {:.2} from {}, which must wait for it.",
                effective[v],
                id(inherited_from[v])
            ));
        }
        let placement = placement(&graph, v, urgent[v], &schedule, opts.capacity, &id);
        let Some(phase) = phases.get_mut(p) else {
            continue;
        };
        phase.actions.push(PlannedAction {
            order: order + 1,
            id: a.id.clone(),
            title: a.title.clone(),
            domain: domain.id.clone(),
            domain_name: domain.name.clone(),
            owner: a.owner.clone(),
            effort: a.effort,
            effort_points: a.effort.cost(),
            impact: a.impact,
            lifts_to: a.lifts_to,
            priority: priority[v],
            effective_priority: effective[v],
            depends_on: a.depends_on.clone(),
            measure: a.measure.clone(),
            phase: p + 1,
            start_month: phase.start_month,
            end_month: phase.end_month,
            urgent: urgent[v],
            reasons,
            why: why.join(" "),
            placement,
        });
    }
    let in_place: Vec<InPlaceAction> = (0..catalogue.actions.len())
        .filter(|&i| choice.in_place[i])
        .map(|i| {
            let (d, a) = catalogue.actions[i];
            InPlaceAction {
                id: a.id.clone(),
                title: a.title.clone(),
                domain: q.domains[d].id.clone(),
                needed_by: needed_by[i]
                    .iter()
                    .map(|&j| catalogue.actions[j].1.id.clone())
                    .collect(),
            }
        })
        .collect();

    let with_data: Vec<&DomainTarget> = targets.iter().filter(|t| t.gap_levels.is_some()).collect();
    let percent_to_target = (!with_data.is_empty()).then(|| {
        let gap: u32 = with_data.iter().filter_map(|t| t.gap_levels).sum();
        let target: u32 = with_data.iter().filter_map(|t| t.target_level).sum();
        progress(gap, target)
    });
    Ok(Plan {
        schema_version: crate::scoring::SCHEMA_VERSION,
        questionnaire: q.id.clone(),
        title: q.title.clone(),
        capacity: opts.capacity,
        percent_to_target,
        flags: choice.flags,
        targets,
        phases,
        already_in_place: in_place.iter().map(|a| a.id.clone()).collect(),
        in_place,
        warnings,
    })
}

/// The index of a domain, or an error naming `what` referred to it.
fn find_domain(q: &Questionnaire, id: &str, what: impl Into<String>) -> Result<usize, PlanError> {
    q.domains
        .iter()
        .position(|d| d.id == id)
        .ok_or_else(|| PlanError::UnknownDomain {
            what: what.into(),
            domain: id.to_string(),
            known: q
                .domains
                .iter()
                .map(|d| d.id.as_str())
                .collect::<Vec<_>>()
                .join(", "),
        })
}

/// A level the questionnaire defines, or an error naming `what` gave it.
fn check_level(q: &Questionnaire, level: u32, what: impl Into<String>) -> Result<u32, PlanError> {
    match q.level(level) {
        Some(_) => Ok(level),
        None => Err(PlanError::UnknownLevel {
            what: what.into(),
            level,
            levels: level_range(q),
        }),
    }
}

/// What is known of each domain, in questionnaire order.
fn read_status(
    q: &Questionnaire,
    status: &[DomainStatus],
) -> Result<Vec<Option<Known>>, PlanError> {
    let mut current: Vec<Option<Known>> = vec![None; q.domains.len()];
    let mut seen = vec![false; q.domains.len()];
    for s in status {
        let d = find_domain(q, &s.domain, "a domain status")?;
        if std::mem::replace(&mut seen[d], true) {
            return Err(PlanError::DuplicateStatus(s.domain.clone()));
        }
        if let Some(p) = s.percent
            && !(p.is_finite() && (0.0..=100.0).contains(&p))
        {
            return Err(PlanError::InvalidPercent {
                domain: s.domain.clone(),
                percent: p,
            });
        }
        let level = match s.level {
            Some(l) => Some(check_level(
                q,
                l,
                format!("the status of domain '{}'", s.domain),
            )?),
            None => s.percent.map(|p| q.level_for(p).level),
        };
        current[d] = level.map(|level| Known {
            level,
            percent: s.percent,
        });
    }
    Ok(current)
}

/// Targets that name only the questionnaire's domains and levels.
fn check_targets(q: &Questionnaire, targets: &Targets) -> Result<(), PlanError> {
    match targets {
        Targets::PerDomain(map) => {
            for (domain, &level) in map {
                find_domain(q, domain, "the targets")?;
                check_level(q, level, format!("the target of domain '{domain}'"))?;
            }
        }
        Targets::All(level) => {
            check_level(q, *level, "the target for all domains")?;
        }
        Targets::Default => {}
    }
    Ok(())
}

/// Choose the actions: those of the raised flags, those that lift domains below target, then
/// their dependencies, transitively, unless already in place.
fn choose(
    q: &Questionnaire,
    catalogue: &Catalogue<'_>,
    current: &[Option<Known>],
    targets: &[DomainTarget],
    flags: &[RaisedFlag],
    warnings: &mut Vec<String>,
) -> Result<Choice, PlanError> {
    let count = catalogue.actions.len();
    let mut choice = Choice {
        chosen: vec![false; count],
        lifts: vec![false; count],
        flagged_by: vec![Vec::new(); count],
        in_place: vec![false; count],
        flags: Vec::with_capacity(flags.len()),
    };
    let urgent_level = q.levels.get(1).or(q.levels.first()).map_or(0, |l| l.level);
    for (fi, f) in flags.iter().enumerate() {
        let d = find_domain(q, &f.domain, format!("flag '{}'", f.id))?;
        let domain = &q.domains[d];
        let mut ids = Vec::new();
        match current[d] {
            None => warnings.push(format!(
                "Flag '{}' is raised on {}, which has no data; no action was planned for it.",
                f.id, domain.name
            )),
            Some(k) => {
                for (i, &(ad, a)) in catalogue.actions.iter().enumerate() {
                    if ad == d && a.lifts_to > k.level && a.lifts_to <= urgent_level {
                        choice.flagged_by[i].push(fi);
                        choice.chosen[i] = true;
                        ids.push(a.id.clone());
                    }
                }
                // The flag's own remedies, unless their domain already stands at the level
                // they lift to (a domain without data has not).
                let remedies = q.flags.iter().find(|x| x.id == f.id).map(|x| &x.actions);
                for remedy in remedies.into_iter().flatten() {
                    let Some(i) = catalogue.actions.iter().position(|(_, a)| &a.id == remedy)
                    else {
                        continue;
                    };
                    let (ad, a) = catalogue.actions[i];
                    let reached = current[ad].is_some_and(|c| c.level >= a.lifts_to);
                    if !reached && !choice.flagged_by[i].contains(&fi) {
                        choice.flagged_by[i].push(fi);
                        choice.chosen[i] = true;
                        ids.push(a.id.clone());
                    }
                }
                if ids.is_empty() {
                    let second = level_name(q, urgent_level);
                    warnings.push(if k.level >= urgent_level {
                        format!(
                            "Flag '{}' is raised, but {} is already at {} or above, so the flag puts no action \
                             into the first phase; the finding needs an answer of its own.",
                            f.id, domain.name, second
                        )
                    } else {
                        format!(
                            "Flag '{}' is raised, but no action lifts {} to {}; the finding needs an answer of its own.",
                            f.id, domain.name, second
                        )
                    });
                }
            }
        }
        choice.flags.push(PlanFlag {
            id: f.id.clone(),
            domain: domain.id.clone(),
            domain_name: domain.name.clone(),
            finding: f.finding.clone(),
            value: f.value,
            actions: ids,
        });
    }

    for (i, &(d, a)) in catalogue.actions.iter().enumerate() {
        if let (Some(k), Some(t)) = (current[d], targets[d].target_level)
            && a.lifts_to > k.level
            && a.lifts_to <= t
        {
            choice.lifts[i] = true;
            choice.chosen[i] = true;
        }
    }
    for (t, d) in targets.iter().zip(&q.domains) {
        if let (DomainState::BelowTarget, Some(target)) = (t.state, t.target_level) {
            let reach = d.actions.iter().map(|a| a.lifts_to).max();
            match reach {
                None => warnings.push(format!(
                    "{} is below its target level {target}, but the questionnaire has no action for it.",
                    d.name
                )),
                Some(r) if r < target => warnings.push(format!(
                    "{} is below its target level {target}, but no action in the questionnaire lifts it beyond level {r}.",
                    d.name
                )),
                Some(_) => {}
            }
        }
    }

    let mut stack: Vec<usize> = (0..count).filter(|&i| choice.chosen[i]).collect();
    while let Some(i) = stack.pop() {
        for j in catalogue.deps(i) {
            if choice.chosen[j] || choice.in_place[j] {
                continue;
            }
            let (dj, aj) = catalogue.actions[j];
            match current[dj] {
                Some(k) if k.level >= aj.lifts_to => choice.in_place[j] = true,
                known => {
                    if known.is_none() {
                        warnings.push(format!(
                            "{} ({}) is planned because {} needs it; {} has no data to show it is already in place.",
                            aj.id, aj.title, catalogue.actions[i].1.id, q.domains[dj].name
                        ));
                    }
                    choice.chosen[j] = true;
                    stack.push(j);
                }
            }
        }
    }
    Ok(choice)
}

/// Each node's priority (weight * gap * impact / effort cost), its effective priority (the
/// highest of its own and that of everything that must follow it), and the node that effective
/// priority comes from.
fn priorities(
    q: &Questionnaire,
    catalogue: &Catalogue<'_>,
    graph: &Graph,
    targets: &[DomainTarget],
) -> (Vec<f64>, Vec<f64>, Vec<usize>) {
    let priority: Vec<f64> = graph
        .nodes
        .iter()
        .map(|&i| {
            let (d, a) = catalogue.actions[i];
            let gap = targets[d].gap_levels.unwrap_or(0);
            q.domains[d].weight * f64::from(gap) * f64::from(a.impact) / f64::from(a.effort.cost())
        })
        .collect();
    let mut effective = priority.clone();
    let mut source: Vec<usize> = (0..graph.nodes.len()).collect();
    for &v in graph.topological().iter().rev() {
        for &s in &graph.succ[v] {
            if effective[s] > effective[v] {
                effective[v] = effective[s];
                source[v] = source[s];
            }
        }
    }
    (priority, effective, source)
}

/// What a reader must know about the schedule: urgent work or single actions over capacity,
/// and extra phases.
fn schedule_warnings<'a>(
    schedule: &Schedule,
    given: usize,
    urgent: &[bool],
    cost: &[u32],
    id: &impl Fn(usize) -> &'a str,
    capacity: Option<u32>,
    warnings: &mut Vec<String>,
) {
    if let Some(cap) = capacity {
        let urgent_load: u32 = schedule
            .sequence
            .iter()
            .filter(|&&v| urgent[v])
            .map(|&v| cost[v])
            .sum();
        if urgent_load > cap {
            warnings.push(format!(
                "The urgent work of the first phase takes {urgent_load} effort points, over the capacity of {cap}; it cannot wait."
            ));
        }
        for &v in schedule
            .sequence
            .iter()
            .filter(|&&v| cost[v] > cap && !urgent[v])
        {
            warnings.push(format!(
                "{} takes {} effort points, more than the capacity of {cap}; it has a phase to itself.",
                id(v),
                cost[v]
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

/// Fill the phases by list scheduling (see the module doc), adding "Later" phases as needed.
fn schedule<'a>(
    graph: &Graph,
    urgent: &[bool],
    effective: &[f64],
    cost: &[u32],
    id: &impl Fn(usize) -> &'a str,
    opts: &PlanOptions,
) -> Schedule {
    let n = graph.nodes.len();
    let mut specs = opts.phases.clone();
    let given = specs.len();
    let mut phase_of: Vec<Option<usize>> = vec![None; n];
    let mut sequence: Vec<usize> = Vec::with_capacity(n);
    let mut loads: Vec<u32> = Vec::new();
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
        let placed_before = sequence.len();
        let mut load = 0;
        loop {
            let urgent_here = |v: usize| p == 0 && urgent[v];
            let ready = |v: usize| {
                phase_of[v].is_none()
                    && graph.hard[v]
                        .iter()
                        .all(|&u| phase_of[u].is_some_and(|pu| pu < p || urgent_here(v)))
                    && graph.soft[v].iter().all(|&u| phase_of[u].is_some())
            };
            let best = (0..n).filter(|&v| ready(v)).max_by(|&a, &b| {
                urgent_here(a)
                    .cmp(&urgent_here(b))
                    .then(effective[a].total_cmp(&effective[b]))
                    .then_with(|| id(b).cmp(id(a)))
            });
            let Some(v) = best else { break };
            if !urgent_here(v)
                && let Some(cap) = opts.capacity
                && load > 0
                && load + cost[v] > cap
            {
                break;
            }
            phase_of[v] = Some(p);
            sequence.push(v);
            load += cost[v];
        }
        loads.push(load);
        p += 1;
        if sequence.len() == placed_before {
            // Cannot happen: an unplaced action whose predecessors are all placed is always
            // ready in a new phase, and an empty phase takes any action. Stop rather than loop.
            break;
        }
    }
    let extra = specs.len() - given;
    for (k, spec) in specs[given..].iter_mut().enumerate() {
        spec.name = if extra == 1 {
            "Later".into()
        } else {
            format!("Later {}", k + 1)
        };
    }
    Schedule {
        specs,
        phase_of,
        sequence,
        loads,
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

/// A level as "level 2 (Managed)".
fn level_name(q: &Questionnaire, number: u32) -> String {
    match q.level(number) {
        Some(level) => format!("level {number} ({})", level.name),
        None => format!("level {number}"),
    }
}

/// The questionnaire's levels as "1..5".
pub(super) fn level_range(q: &Questionnaire) -> String {
    match (q.levels.first(), q.levels.last()) {
        (Some(a), Some(b)) => format!("{}..{}", a.level, b.level),
        _ => "none".into(),
    }
}

/// SAMM's progress to target, in percent: 100 * (1 - gap / target); 100 when the target is 0.
fn progress(gap: u32, target: u32) -> f64 {
    if target == 0 {
        100.0
    } else {
        100.0 * (1.0 - f64::from(gap) / f64::from(target))
    }
}

/// A domain's target, gap and progress.
fn domain_target(
    q: &Questionnaire,
    d: &Domain,
    known: Option<Known>,
    targets: &Targets,
) -> DomainTarget {
    let explicit = match targets {
        Targets::PerDomain(map) => map.get(&d.id).map(|&l| (l, TargetSource::TargetsFile)),
        Targets::All(l) => Some((*l, TargetSource::TargetOption)),
        Targets::Default => None,
    };
    let target = explicit
        .or(d.target_level.map(|l| (l, TargetSource::Questionnaire)))
        .or_else(|| {
            known.map(|k| {
                let next = q
                    .levels
                    .iter()
                    .find(|l| l.level > k.level)
                    .map_or(k.level, |l| l.level);
                (next, TargetSource::NextLevel)
            })
        });
    let target_level = target.map(|(l, _)| l);
    let target_min_percent = target_level.and_then(|l| q.level(l)).map(|l| l.min_percent);
    let (state, gap_levels) = match (known, target_level) {
        (Some(k), Some(t)) => (
            match k.level.cmp(&t) {
                Ordering::Less => DomainState::BelowTarget,
                Ordering::Equal => DomainState::AtTarget,
                Ordering::Greater => DomainState::AboveTarget,
            },
            Some(t.saturating_sub(k.level)),
        ),
        _ => (DomainState::NoData, None),
    };
    let gap_percent = match (known.and_then(|k| k.percent), target_min_percent) {
        (Some(p), Some(min)) => Some((min - p).max(0.0)),
        _ => None,
    };
    DomainTarget {
        domain: d.id.clone(),
        name: d.name.clone(),
        weight: d.weight,
        state,
        current_level: known.map(|k| k.level),
        current_level_name: known.and_then(|k| q.level(k.level)).map(|l| l.name.clone()),
        current_percent: known.and_then(|k| k.percent),
        target_level,
        target_level_name: target_level
            .and_then(|l| q.level(l))
            .map(|l| l.name.clone()),
        target_source: target.map(|(_, s)| s),
        target_min_percent,
        gap_levels,
        gap_percent,
        percent_to_target: gap_levels.zip(target_level).map(|(g, t)| progress(g, t)),
    }
}

/// The constraint graph over the chosen actions: hard edges from dependencies, then soft edges
/// from lower to higher `lifts_to` within each domain, skipping any that would close a cycle.
fn build_graph(actions: &[(usize, &Action)], chosen: &[bool]) -> Graph {
    let nodes: Vec<usize> = (0..actions.len()).filter(|&i| chosen[i]).collect();
    let n = nodes.len();
    let node_of: HashMap<&str, usize> = nodes
        .iter()
        .enumerate()
        .map(|(v, &i)| (actions[i].1.id.as_str(), v))
        .collect();
    let mut graph = Graph {
        hard: vec![Vec::new(); n],
        soft: vec![Vec::new(); n],
        succ: vec![Vec::new(); n],
        nodes,
    };
    for v in 0..n {
        for dep in &actions[graph.nodes[v]].1.depends_on {
            if let Some(&u) = node_of.get(dep.as_str())
                && !graph.hard[v].contains(&u)
            {
                graph.hard[v].push(u);
                graph.succ[u].push(v);
            }
        }
    }
    // Per domain (in questionnaire order), nodes by lifts_to then id.
    let mut by_domain: Vec<(usize, u32, &str, usize)> = (0..n)
        .map(|v| {
            let (d, a) = actions[graph.nodes[v]];
            (d, a.lifts_to, a.id.as_str(), v)
        })
        .collect();
    by_domain.sort_unstable();
    for (k, &(d, lower, _, b)) in by_domain.iter().enumerate() {
        for &(d2, higher, _, a) in &by_domain[k + 1..] {
            if d2 != d {
                break;
            }
            if higher > lower && !graph.reaches(b, a) && !graph.reaches(a, b) {
                graph.soft[a].push(b);
                graph.succ[b].push(a);
            }
        }
    }
    graph
}

/// Why node `v` sits in its phase.
fn placement<'a>(
    graph: &Graph,
    v: usize,
    urgent: bool,
    schedule: &Schedule,
    capacity: Option<u32>,
    id: &impl Fn(usize) -> &'a str,
) -> String {
    if urgent {
        return "First phase: urgent work to stop the bleeding".into();
    }
    let phase = |u: usize| schedule.phase_of[u].unwrap_or(0);
    let p = phase(v);
    let specs = &schedule.specs;
    let earliest = graph.hard[v]
        .iter()
        .map(|&u| phase(u) + 1)
        .chain(graph.soft[v].iter().map(|&u| phase(u)))
        .max()
        .unwrap_or(0);
    let name = |k: usize| specs.get(k).map_or("", |s| s.name.as_str());
    if p > earliest {
        return format!(
            "Could start in phase {} ({}); held back to phase {} by the capacity of {} effort points \
             per phase, taken by urgent or higher-priority work",
            earliest + 1,
            name(earliest),
            p + 1,
            capacity.unwrap_or(0)
        );
    }
    let waits: Vec<&str> = graph.hard[v]
        .iter()
        .filter(|&&u| phase(u) + 1 == p)
        .map(|&u| id(u))
        .collect();
    if !waits.is_empty() && p > 0 {
        return format!(
            "Waits for {} in phase {} ({})",
            waits.join(", "),
            p,
            name(p - 1)
        );
    }
    let lower: Vec<&str> = graph.soft[v]
        .iter()
        .filter(|&&u| phase(u) == p)
        .map(|&u| id(u))
        .collect();
    if !lower.is_empty() {
        return format!(
            "Follows {}, the lower-level work of its domain",
            lower.join(", ")
        );
    }
    // Here `p` is 0: with `p == earliest > 0` a predecessor in the previous phase (hard) or in
    // this phase (soft) would have matched above.
    "Nothing to wait for: starts at once".into()
}
