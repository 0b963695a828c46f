//! Large generated questionnaires: 2,000 actions without dependencies and a chain of 10,000.
//! These once took minutes to plan (the planner searched the graph for every pair of actions
//! and scanned every action for each one it placed); the test checks what the plans hold, and
//! `benches/planning.rs` shows the time.

use super::generated::{dependency_chain, independent_actions};
use super::*;

/// The one domain at level 1, 0 percent.
fn at_start() -> [DomainStatus; 1] {
    [at("d", 1, 0.0)]
}

/// The id the generator gives action `i`.
fn id(i: usize) -> String {
    format!("A{i:05}")
}

#[test]
fn two_thousand_independent_actions_are_planned_level_by_level() {
    let q = questionnaire(&independent_actions(2000));
    let plan = plan_ok(&q, &at_start(), &[], &PlanOptions::default());
    // Every action lifts the domain (target 5) and nothing holds one back: all in phase 1,
    // each level after the one below it, ids ascending within a level (equal priorities:
    // weight 1 * gap 4 * impact 3 / cost 1 = 12).
    let expected: Vec<(usize, String)> = (2..=5)
        .flat_map(|level| (level - 2..2000).step_by(4).map(|i| (1, id(i))))
        .collect();
    let got: Vec<(usize, String)> = plan.actions().map(|a| (a.phase, a.id.clone())).collect();
    assert_eq!(got, expected);
    assert!(plan.actions().all(|a| a.effective_priority == 12.0));
    assert!(plan.warnings.is_empty(), "{:?}", plan.warnings);
    // The first level waits for nothing; each higher one follows every lower-level action,
    // in the order they were placed.
    assert_eq!(action(&plan, &id(0)).placement, Placement::StartsAtOnce);
    let below = |level: usize| -> Vec<String> {
        expected[..500 * (level - 2)]
            .iter()
            .map(|(_, i)| i.clone())
            .collect()
    };
    for (i, level) in [(1, 3), (2, 4), (3, 5), (1999, 5)] {
        assert_eq!(
            action(&plan, &id(i)).placement,
            Placement::FollowsLowerLevel {
                actions: below(level)
            },
            "{}",
            id(i)
        );
    }
}

#[test]
fn two_thousand_independent_actions_spill_into_later_phases_by_capacity() {
    let q = questionnaire(&independent_actions(2000));
    let opts = with_capacity(100);
    let plan = plan_ok(&q, &at_start(), &[], &opts);
    // 100 small actions per phase: 20 phases, the 4 given and 16 "Later" ones of 6 months
    // each after month 18.
    assert_eq!(plan.phases.len(), 20);
    assert!(
        plan.phases
            .iter()
            .all(|p| p.effort_points == 100 && p.actions.len() == 100)
    );
    assert_eq!(plan.phases[19].name, "Later 16");
    assert_eq!(
        (plan.phases[19].start_month, plan.phases[19].end_month),
        (108, 114)
    );
    assert_eq!(
        plan.warnings,
        [
            "1600 action(s) do not fit in the 4 phase(s) given; they are in 16 extra phase(s) up to month 114."
        ]
    );
    // Level 3 starts in phase 6: all of level 2 (phases 1 to 5) is placed, but phase 5 is
    // full.
    let first_of_level_3 = &plan.phases[5].actions[0];
    assert_eq!(first_of_level_3.id, id(1));
    assert_eq!(
        explain::placement(first_of_level_3),
        "Could start in phase 5 (Later 1); held back to phase 6 by the capacity of 100 effort \
         points per phase, taken by urgent or higher-priority work"
    );
}

#[test]
fn a_chain_of_ten_thousand_actions_takes_one_phase_each() {
    let q = questionnaire(&dependency_chain(10_000));
    let plan = plan_ok(&q, &at_start(), &[], &PlanOptions::default());
    // Each action waits for the one before it: 10,000 phases, 9,996 of them extra, each 6
    // months long after month 18. The chain overrides the level order everywhere.
    assert_eq!(plan.phases.len(), 10_000);
    for (k, p) in plan.phases.iter().enumerate() {
        let ids: Vec<&str> = p.actions.iter().map(|a| a.id.as_str()).collect();
        assert_eq!(ids, [id(k)], "phase {}", k + 1);
        assert_eq!(p.actions[0].order, k + 1);
    }
    assert_eq!(plan.phases[9_999].name, "Later 9996");
    assert_eq!(
        plan.warnings,
        [
            "9996 action(s) do not fit in the 4 phase(s) given; they are in 9996 extra phase(s) up to month 59994."
        ]
    );
    let first = action(&plan, &id(0));
    assert_eq!(first.placement, Placement::StartsAtOnce);
    assert_eq!(
        explain::why(first),
        "Helps lift D from level 1 (Initial) to level 2 (Managed). Needed by A00001."
    );
    let later = action(&plan, &id(5_001));
    assert_eq!(
        later.placement,
        Placement::WaitsFor {
            actions: vec![id(5_000)],
            phase: 5_001,
            phase_name: "Later 4997".into()
        }
    );
    assert_eq!(later.priority_from, None);
    let last = action(&plan, &id(9_999));
    assert_eq!(
        explain::why(last),
        "Helps lift D from level 1 (Initial) to level 5 (Optimising)."
    );
}
