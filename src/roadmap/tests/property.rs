//! A property-style test over generated dependency graphs: random DAGs of about 30 actions in 5
//! domains, random statuses, targets, flags, phases and capacity.

use super::*;
use crate::export::{Csv, Json, Markdown, PlanExporter, Table};
use crate::questionnaire::{Action, Effort};
use std::collections::{BTreeSet, HashMap};

/// SplitMix64: small, seeded, the same on every machine.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A number in `lo..=hi`.
    fn range(&mut self, lo: u32, hi: u32) -> u32 {
        lo + (self.next() % u64::from(hi - lo + 1)) as u32
    }

    fn chance(&mut self, percent: u32) -> bool {
        self.range(1, 100) <= percent
    }
}

const DOMAINS: usize = 5;

/// The skeleton: five domains with default levels, no actions yet.
fn skeleton() -> Questionnaire {
    let mut yaml = String::from("id: gen\ntitle: Generated\nscale: {min: 1, max: 5}\ndomains:\n");
    for d in 0..DOMAINS {
        yaml.push_str(&format!(
            "  - id: d{d}\n    name: Domain {d}\n    questions: [{{id: Q{d}, text: Question {d}}}]\n"
        ));
    }
    questionnaire(&yaml)
}

/// One generated case: a questionnaire with a random DAG of actions, and the planner's inputs.
fn generate(
    rng: &mut Rng,
    base: &Questionnaire,
) -> (
    Questionnaire,
    Vec<DomainStatus>,
    Vec<RaisedFlag>,
    PlanOptions,
) {
    let mut q = base.clone();
    let n = rng.range(20, 34) as usize;
    // Ids are a shuffle of 0..n so that id order says nothing about dependency order.
    let mut names: Vec<usize> = (0..n).collect();
    for i in (1..n).rev() {
        names.swap(i, rng.range(0, i as u32) as usize);
    }
    let mut ids = Vec::with_capacity(n);
    for (i, &name) in names.iter().enumerate() {
        let id = format!("A{name:02}");
        let mut depends_on = Vec::new();
        if i > 0 {
            for _ in 0..rng.range(0, 3) {
                let dep: &String = &ids[rng.range(0, i as u32 - 1) as usize];
                if !depends_on.contains(dep) {
                    depends_on.push(dep.clone());
                }
            }
        }
        let action = Action {
            id: id.clone(),
            title: format!("Action {name}"),
            description: String::new(),
            lifts_to: rng.range(2, 5),
            effort: [Effort::Small, Effort::Medium, Effort::Large][rng.range(0, 2) as usize],
            impact: rng.range(1, 5) as u8,
            owner: "Owner".into(),
            depends_on,
            measure: "Measure".into(),
        };
        q.domains[rng.range(0, DOMAINS as u32 - 1) as usize]
            .actions
            .push(action);
        ids.push(id);
    }
    for d in &mut q.domains {
        d.weight = f64::from(rng.range(1, 3));
        d.target_level = rng.chance(50).then(|| rng.range(1, 5));
    }
    let mut status = Vec::new();
    for d in &q.domains {
        if rng.chance(85) {
            let level = rng.range(1, 5);
            let min = q.level(level).map_or(0.0, |l| l.min_percent);
            status.push(DomainStatus {
                domain: d.id.clone(),
                percent: Some(min + f64::from(rng.range(0, 19))),
                level: Some(level),
            });
        }
    }
    let flags = (0..rng.range(0, 2))
        .map(|k| RaisedFlag {
            id: format!("f{k}"),
            domain: format!("d{}", rng.range(0, DOMAINS as u32 - 1)),
            finding: "Danger".into(),
            value: 1.0,
            subject: "x".into(),
            metric: crate::questionnaire::FlagMetric::Mean,
            threshold: 2.0,
        })
        .collect();
    let targets = match rng.range(0, 2) {
        0 => Targets::Default,
        1 => Targets::All(rng.range(1, 5)),
        _ => {
            let mut map = std::collections::BTreeMap::new();
            for d in &q.domains {
                if rng.chance(50) {
                    map.insert(d.id.clone(), rng.range(1, 5));
                }
            }
            Targets::PerDomain(map)
        }
    };
    let phases = if rng.chance(50) {
        default_phases()
    } else {
        let count = rng.range(1, 4);
        let mut month = 0;
        (0..count)
            .map(|k| {
                let start_month = month;
                month += rng.range(1, 6);
                PhaseSpec {
                    name: format!("P{k}"),
                    start_month,
                    end_month: month,
                }
            })
            .collect()
    };
    let capacity = rng.chance(50).then(|| rng.range(1, 8));
    (
        q,
        status,
        flags,
        PlanOptions {
            targets,
            phases,
            capacity,
        },
    )
}

/// What the planner must choose, worked out the simple way: the direct choice of each domain
/// and flag, then dependencies until nothing changes.
fn expected_choice(
    q: &Questionnaire,
    plan: &Plan,
    flags: &[RaisedFlag],
) -> (BTreeSet<String>, BTreeSet<String>) {
    let current: HashMap<&str, u32> = plan
        .targets
        .iter()
        .filter_map(|t| t.current_level.map(|l| (t.domain.as_str(), l)))
        .collect();
    let target: HashMap<&str, u32> = plan
        .targets
        .iter()
        .filter_map(|t| t.target_level.map(|l| (t.domain.as_str(), l)))
        .collect();
    let by_id: HashMap<&str, (&str, &Action)> = q
        .domains
        .iter()
        .flat_map(|d| {
            d.actions
                .iter()
                .map(move |a| (a.id.as_str(), (d.id.as_str(), a)))
        })
        .collect();
    let mut chosen = BTreeSet::new();
    for d in &q.domains {
        let (Some(&c), Some(&t)) = (current.get(d.id.as_str()), target.get(d.id.as_str())) else {
            continue;
        };
        let flagged = flags.iter().any(|f| f.domain == d.id);
        for a in &d.actions {
            if (a.lifts_to > c && a.lifts_to <= t) || (flagged && a.lifts_to > c && a.lifts_to <= 2)
            {
                chosen.insert(a.id.clone());
            }
        }
    }
    let mut in_place = BTreeSet::new();
    loop {
        let mut grew = false;
        for id in chosen.clone() {
            for dep in &by_id[id.as_str()].1.depends_on {
                let (dd, da) = by_id[dep.as_str()];
                if chosen.contains(dep) || in_place.contains(dep) {
                    continue;
                }
                if current.get(dd).is_some_and(|&c| c >= da.lifts_to) {
                    in_place.insert(dep.clone());
                } else {
                    chosen.insert(dep.clone());
                    grew = true;
                }
            }
        }
        if !grew {
            return (chosen, in_place);
        }
    }
}

#[test]
fn dependency_order_and_level_order_hold_over_500_generated_graphs() {
    let base = skeleton();
    let mut rng = Rng(20_240_611);
    let mut spilled = 0;
    let mut urgent = 0;
    let mut conflicts = 0;
    for case in 0..500 {
        let (q, status, flags, opts) = generate(&mut rng, &base);
        let plan = plan_ok(&q, &status, &flags, &opts);
        let ctx = format!("case {case}");

        // The same input, the same bytes.
        let again = plan_ok(&q, &status, &flags, &opts);
        let json = |p: &Plan| Json.plan(p, &q).unwrap_or_else(|e| panic!("{ctx}: {e}"));
        assert_eq!(json(&plan), json(&again), "{ctx}");
        for text in [
            Csv.plan(&plan, &q),
            Table.plan(&plan, &q),
            Markdown.plan(&plan, &q),
        ] {
            assert!(text.is_ok(), "{ctx}");
        }

        // The choice is exactly the rule's.
        let (chosen, in_place) = expected_choice(&q, &plan, &flags);
        let planned: BTreeSet<String> = plan.actions().map(|a| a.id.clone()).collect();
        assert_eq!(planned, chosen, "{ctx}");
        assert_eq!(
            plan.actions().count(),
            planned.len(),
            "{ctx}: an action twice"
        );
        let listed: BTreeSet<String> = plan.in_place.iter().map(|a| a.id.clone()).collect();
        assert_eq!(listed, in_place, "{ctx}");

        // Orders run 1, 2, ... in phase order, and each action carries its phase.
        let orders: Vec<usize> = plan.actions().map(|a| a.order).collect();
        assert_eq!(orders, (1..=orders.len()).collect::<Vec<_>>(), "{ctx}");
        for p in &plan.phases {
            assert!(p.actions.iter().all(|a| a.phase == p.index), "{ctx}");
            assert_eq!(
                p.effort_points,
                p.actions.iter().map(|a| a.effort_points).sum::<u32>(),
                "{ctx}"
            );
        }

        let placed: HashMap<&str, &PlannedAction> =
            plan.actions().map(|a| (a.id.as_str(), a)).collect();
        let domain_of: HashMap<&str, &str> = q
            .domains
            .iter()
            .flat_map(|d| {
                d.actions
                    .iter()
                    .map(move |a| (a.id.as_str(), d.id.as_str()))
            })
            .collect();

        // Never before a dependency: an earlier phase, and earlier in order; the same phase only
        // for urgent work in phase 1.
        for a in plan.actions() {
            for dep in &a.depends_on {
                match placed.get(dep.as_str()) {
                    Some(d) => {
                        assert!(
                            d.order < a.order,
                            "{ctx}: {} before its dependency {dep}",
                            a.id
                        );
                        assert!(
                            d.phase < a.phase
                                || (a.phase == 1 && d.phase == 1 && a.urgent && d.urgent),
                            "{ctx}: {} in phase {} with its dependency {dep} in phase {}",
                            a.id,
                            a.phase,
                            d.phase
                        );
                    }
                    None => assert!(listed.contains(dep), "{ctx}: {dep} lost"),
                }
            }
            if a.urgent {
                assert_eq!(a.phase, 1, "{ctx}: urgent {} after phase 1", a.id);
                urgent += 1;
            }
        }

        // Level order within a domain, unless a chain of constraints forces the opposite: the
        // higher-level action must then (transitively) come before the lower-level one.
        let mut succ: HashMap<&str, Vec<&str>> = HashMap::new();
        for a in plan.actions() {
            for dep in &a.depends_on {
                if placed.contains_key(dep.as_str()) {
                    succ.entry(dep.as_str()).or_default().push(&a.id);
                }
            }
            for b in plan.actions() {
                if domain_of[b.id.as_str()] == domain_of[a.id.as_str()] && b.lifts_to < a.lifts_to {
                    succ.entry(b.id.as_str()).or_default().push(&a.id);
                }
            }
        }
        let reaches = |from: &str, to: &str| {
            let mut seen = BTreeSet::new();
            let mut stack = vec![from];
            while let Some(v) = stack.pop() {
                if v == to {
                    return true;
                }
                for &s in succ.get(v).map_or(&[][..], Vec::as_slice) {
                    if seen.insert(s) {
                        stack.push(s);
                    }
                }
            }
            false
        };
        for a in plan.actions() {
            for b in plan.actions() {
                if domain_of[b.id.as_str()] == domain_of[a.id.as_str()]
                    && b.lifts_to < a.lifts_to
                    && b.order > a.order
                {
                    assert!(
                        reaches(&a.id, &b.id),
                        "{ctx}: {} (level {}) before {} (level {}) without cause",
                        a.id,
                        a.lifts_to,
                        b.id,
                        b.lifts_to
                    );
                    conflicts += 1;
                }
            }
        }

        // Earliest phase: never before what it must follow, never later than needed unless
        // capacity moved it.
        for a in plan.actions() {
            let hard = a
                .depends_on
                .iter()
                .filter_map(|d| placed.get(d.as_str()))
                .map(|d| d.phase + usize::from(!a.urgent))
                .max()
                .unwrap_or(1);
            let soft = plan
                .actions()
                .filter(|b| {
                    domain_of[b.id.as_str()] == domain_of[a.id.as_str()] && b.lifts_to < a.lifts_to
                })
                .map(|b| b.phase)
                .max()
                .unwrap_or(1);
            assert!(a.phase >= hard, "{ctx}: {}", a.id);
            if opts.capacity.is_none() {
                assert!(
                    a.phase <= hard.max(soft),
                    "{ctx}: {} later than needed",
                    a.id
                );
            } else if let Placement::HeldBack {
                earliest_phase: from,
                ..
            } = a.placement
            {
                // Nothing of lower priority stayed in the phase it spilled from.
                spilled += 1;
                assert!(
                    explain::placement(a).starts_with(&format!("Could start in phase {from} (")),
                    "{ctx}: {}",
                    a.id
                );
                for b in &plan.phases[from - 1].actions {
                    assert!(
                        b.urgent || b.effective_priority >= a.effective_priority,
                        "{ctx}: {} held back from phase {from} where {} of lower priority stayed",
                        a.id,
                        b.id
                    );
                }
            }
        }

        // Capacity: only urgent work, or a single action too big for it, goes beyond.
        if let Some(cap) = opts.capacity {
            for p in &plan.phases {
                let within = p.effort_points <= cap
                    || p.actions.len() == 1
                    || (p.index == 1 && p.actions.iter().all(|a| a.urgent));
                assert!(
                    within,
                    "{ctx}: phase {} holds {} points",
                    p.index, p.effort_points
                );
            }
        }

        // A raised flag's actions, and all they need, are in phase 1.
        for a in plan.actions() {
            if a.reasons
                .iter()
                .any(|r| matches!(r, Reason::Flagged { .. }))
            {
                let mut stack = vec![a];
                while let Some(x) = stack.pop() {
                    assert_eq!(x.phase, 1, "{ctx}: {} needed by flagged {}", x.id, a.id);
                    stack.extend(
                        x.depends_on
                            .iter()
                            .filter_map(|d| placed.get(d.as_str()).copied()),
                    );
                }
            }
        }

        // Extra phases only when needed, and only after the given ones.
        let given = opts.phases.len();
        assert!(plan.phases[..given].iter().all(|p| !p.extra), "{ctx}");
        assert!(
            plan.phases[given..]
                .iter()
                .all(|p| p.extra && !p.actions.is_empty()),
            "{ctx}"
        );
    }
    // The generator reaches the interesting cases.
    assert!(
        spilled > 100 && urgent > 100 && conflicts > 0,
        "spilled {spilled}, urgent {urgent}, conflicts {conflicts}"
    );
}
