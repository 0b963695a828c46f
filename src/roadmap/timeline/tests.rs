//! Timelines worked out by hand.

use super::*;
use crate::roadmap::{Phase, PlannedAction};

/// A planned action with only what the timeline reads set.
fn action(id: &str, effort: Effort, depends_on: &[&str]) -> PlannedAction {
    PlannedAction {
        order: 0,
        id: id.into(),
        title: format!("Action {id}"),
        domain: "d".into(),
        domain_name: "Domain".into(),
        owner: "Owner".into(),
        effort,
        effort_points: effort.cost(),
        impact: 3,
        lifts_to: 2,
        priority: 1.0,
        effective_priority: 1.0,
        depends_on: depends_on.iter().map(|d| d.to_string()).collect(),
        measure: String::new(),
        phase: 0,
        start_month: 0,
        end_month: 0,
        urgent: false,
        reasons: Vec::new(),
        priority_from: None,
        placement: crate::roadmap::Placement::StartsAtOnce,
    }
}

/// A plan of phases given as (start, end, actions).
fn plan(phases: Vec<(u32, u32, Vec<PlannedAction>)>) -> Plan {
    let phases = phases
        .into_iter()
        .enumerate()
        .map(|(i, (start_month, end_month, actions))| Phase {
            index: i + 1,
            name: format!("Phase {}", i + 1),
            start_month,
            end_month,
            extra: false,
            effort_points: 0,
            actions,
        })
        .collect();
    Plan {
        schema_version: crate::scoring::SCHEMA_VERSION,
        questionnaire: "q".into(),
        title: "Q".into(),
        capacity: None,
        percent_to_target: None,
        flags: Vec::new(),
        targets: Vec::new(),
        phases,
        in_place: Vec::new(),
        warnings: Vec::new(),
    }
}

/// (id, start, end, clamped) per action.
fn spans(t: &Timeline) -> Vec<(&str, u32, u32, bool)> {
    t.actions
        .iter()
        .map(|a| (a.id.as_str(), a.start_month, a.end_month, a.clamped))
        .collect()
}

#[test]
fn efforts_map_to_one_two_and_three_months() {
    assert_eq!(effort_months(Effort::Small), 1);
    assert_eq!(effort_months(Effort::Medium), 2);
    assert_eq!(effort_months(Effort::Large), 3);
}

#[test]
fn a_chain_runs_one_after_the_other() {
    // Phase 0-12: A small (0-1), B medium after A (1-3), C large after B (3-6).
    let p = plan(vec![(
        0,
        12,
        vec![
            action("A", Effort::Small, &[]),
            action("B", Effort::Medium, &["A"]),
            action("C", Effort::Large, &["B"]),
        ],
    )]);
    let t = timeline(&p);
    assert_eq!(
        spans(&t),
        vec![("A", 0, 1, false), ("B", 1, 3, false), ("C", 3, 6, false)]
    );
    assert_eq!(t.actions[2].after, vec!["B".to_string()]);
    assert_eq!(t.reassessment_month, 12);
}

#[test]
fn independent_actions_run_side_by_side_from_the_phase_start() {
    // Phase 3-9: all three start at month 3 and last 1, 2 and 3 months.
    let p = plan(vec![
        (0, 3, vec![]),
        (
            3,
            9,
            vec![
                action("A", Effort::Large, &[]),
                action("B", Effort::Small, &[]),
                action("C", Effort::Medium, &[]),
            ],
        ),
    ]);
    let t = timeline(&p);
    assert_eq!(
        spans(&t),
        vec![("A", 3, 6, false), ("B", 3, 4, false), ("C", 3, 5, false)]
    );
    assert!(t.actions.iter().all(|a| a.phase == 2 && a.after.is_empty()));
    assert_eq!(t.reassessment_month, 9);
}

#[test]
fn an_action_waits_for_the_latest_of_its_dependencies() {
    // Phase 0-6: A large (0-3), B small (0-1); C needs both: 3-4. D needs only B: 1-3.
    // E needs a dependency already in place (X, not planned): from the phase start.
    let p = plan(vec![(
        0,
        6,
        vec![
            action("A", Effort::Large, &[]),
            action("B", Effort::Small, &[]),
            action("C", Effort::Small, &["B", "A"]),
            action("D", Effort::Medium, &["B"]),
            action("E", Effort::Small, &["X"]),
        ],
    )]);
    let t = timeline(&p);
    assert_eq!(
        spans(&t),
        vec![
            ("A", 0, 3, false),
            ("B", 0, 1, false),
            ("C", 3, 4, false),
            ("D", 1, 3, false),
            ("E", 0, 1, false)
        ]
    );
    // In plan order, whatever order the questionnaire lists them in.
    assert_eq!(t.actions[2].after, vec!["A".to_string(), "B".to_string()]);
    assert!(t.actions[4].after.is_empty());
}

#[test]
fn work_in_an_earlier_phase_does_not_hold_a_later_phase_back() {
    // A (phase 1, 0-3, medium: 0-2); B in phase 2 (3-6) needs A: starts at 3, not 2.
    let p = plan(vec![
        (0, 3, vec![action("A", Effort::Medium, &[])]),
        (3, 6, vec![action("B", Effort::Small, &["A"])]),
    ]);
    assert_eq!(
        spans(&timeline(&p)),
        vec![("A", 0, 2, false), ("B", 3, 4, false)]
    );
}

#[test]
fn the_phase_end_clamps_a_chain_that_does_not_fit() {
    // Phase 0-3: A medium 0-2; B large after A wants 2-5, ends with the phase at 3;
    // C small after B wants 3-4, but the phase ends at 3: it takes the last month, 2-3.
    let p = plan(vec![
        (
            0,
            3,
            vec![
                action("A", Effort::Medium, &[]),
                action("B", Effort::Large, &["A"]),
                action("C", Effort::Small, &["B"]),
            ],
        ),
        (3, 6, vec![action("D", Effort::Large, &["C"])]),
    ]);
    let t = timeline(&p);
    assert_eq!(
        spans(&t),
        vec![
            ("A", 0, 2, false),
            ("B", 2, 3, true),
            ("C", 2, 3, true),
            ("D", 3, 6, false)
        ]
    );
    assert_eq!(t.reassessment_month, 6);
}

#[test]
fn a_plan_without_phases_has_its_milestone_at_month_zero() {
    let t = timeline(&plan(vec![]));
    assert!(t.actions.is_empty());
    assert_eq!(t.reassessment_month, 0);
}
