//! The sentences of `explain`, on actions made by hand: each reason and each placement.

use super::*;
use crate::questionnaire::Effort;

/// An action in phase 3 of the plan with these reasons, lender and placement.
fn planned(
    reasons: Vec<Reason>,
    priority_from: Option<&str>,
    placement: Placement,
) -> PlannedAction {
    PlannedAction {
        order: 7,
        id: "X-1".into(),
        title: "Do it".into(),
        domain: "desk".into(),
        domain_name: "Service desk".into(),
        owner: "Lead".into(),
        effort: Effort::Small,
        effort_points: 1,
        impact: 3,
        lifts_to: 3,
        priority: 1.5,
        effective_priority: 4.125,
        depends_on: Vec::new(),
        measure: "Done".into(),
        phase: 3,
        start_month: 6,
        end_month: 12,
        urgent: false,
        reasons,
        priority_from: priority_from.map(String::from),
        placement,
    }
}

#[test]
fn why_gives_one_sentence_per_reason_then_the_lent_priority() {
    let a = planned(
        vec![
            Reason::Flagged {
                flag: "blind".into(),
                finding: "  Nobody looks  ".into(),
            },
            Reason::Flagged {
                flag: "loud".into(),
                finding: "Alarms ring all day!".into(),
            },
            Reason::Lifts {
                domain: "desk".into(),
                from: 1,
                from_name: Some("Initial".into()),
                to: 7,
                to_name: None,
            },
            Reason::NeededBy {
                actions: vec!["Y-2".into(), "Z-3".into()],
            },
        ],
        Some("Z-3"),
        Placement::StartsAtOnce,
    );
    assert_eq!(
        explain::why(&a),
        "Raised flag blind: Nobody looks. Raised flag loud: Alarms ring all day! \
         Helps lift Service desk from level 1 (Initial) to level 7. Needed by Y-2, Z-3. \
         Takes priority 4.12 from Z-3, which must wait for it."
    );
    assert_eq!(
        explain::why(&planned(Vec::new(), None, Placement::Urgent)),
        ""
    );
}

#[test]
fn placement_says_why_the_action_sits_in_its_phase() {
    let say = |placement: Placement| explain::placement(&planned(Vec::new(), None, placement));
    assert_eq!(
        say(Placement::Urgent),
        "First phase: urgent work to stop the bleeding"
    );
    assert_eq!(
        say(Placement::HeldBack {
            earliest_phase: 2,
            earliest_phase_name: "Stabilise".into(),
            capacity: 5
        }),
        "Could start in phase 2 (Stabilise); held back to phase 3 by the capacity of 5 effort \
         points per phase, taken by urgent or higher-priority work"
    );
    assert_eq!(
        say(Placement::WaitsFor {
            actions: vec!["A".into(), "B".into()],
            phase: 2,
            phase_name: "Stabilise".into()
        }),
        "Waits for A, B in phase 2 (Stabilise)"
    );
    assert_eq!(
        say(Placement::FollowsLowerLevel {
            actions: vec!["L-1".into()]
        }),
        "Follows L-1, the lower-level work of its domain"
    );
    assert_eq!(
        say(Placement::StartsAtOnce),
        "Nothing to wait for: starts at once"
    );
}
