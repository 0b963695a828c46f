//! Targets, the choice of actions, priority and phases.

use super::*;
use std::collections::BTreeMap;

#[test]
fn only_domains_below_target_get_actions_of_their_own() {
    // Targets: change 3 (questionnaire), desk 3 (next level), cost 2 (questionnaire).
    let plan = plan_ok(&small(), &scenario_a(), &[], &PlanOptions::default());
    let mut ids: Vec<&str> = plan.actions().map(|a| a.id.as_str()).collect();
    ids.sort_unstable();
    assert_eq!(ids, ["CE-A1", "CE-A2", "CT-A1", "SD-A2"]);

    // Every domain at or above its target: nothing to do.
    let status = [
        at("change", 3, 45.0),
        at("desk", 3, 50.0),
        at("cost", 2, 30.0),
    ];
    let opts = PlanOptions {
        targets: Targets::All(2),
        ..PlanOptions::default()
    };
    let plan = plan_ok(&small(), &status, &[], &opts);
    assert_eq!(plan.actions().count(), 0);
    assert!(plan.targets.iter().all(|t| t.gap_levels == Some(0)));
    assert_eq!(plan.percent_to_target, Some(100.0));
}

#[test]
fn actions_lift_above_the_current_level_and_at_most_to_the_target() {
    let opts = PlanOptions {
        targets: Targets::PerDomain(BTreeMap::from([("change".into(), 3)])),
        ..PlanOptions::default()
    };
    // Change at 2: CE-A1 (lifts to 2) is done, CE-A3 (lifts to 4) is beyond the target.
    let status = [
        at("change", 2, 25.0),
        at("desk", 2, 30.0),
        at("cost", 2, 30.0),
    ];
    let plan = plan_ok(&small(), &status, &[], &opts);
    let change: Vec<&str> = plan
        .actions()
        .filter(|a| a.domain == "change")
        .map(|a| a.id.as_str())
        .collect();
    assert_eq!(change, ["CE-A2"]);
    assert_eq!(
        action(&plan, "CE-A2").reasons[0],
        Reason::Lifts {
            domain: "change".into(),
            from: 2,
            from_name: Some("Managed".into()),
            to: 3,
            to_name: Some("Defined".into())
        }
    );
    assert_eq!(
        explain::why(action(&plan, "CE-A2")),
        "Helps lift Change enablement from level 2 (Managed) to level 3 (Defined)."
    );
}

#[test]
fn a_dependency_whose_domain_has_not_reached_its_level_is_pulled_in_transitively() {
    // The desk is at its target (1), yet CT-A1 needs SD-A2, which needs SD-A1: both planned.
    let opts = PlanOptions {
        targets: Targets::PerDomain(BTreeMap::from([("desk".into(), 1)])),
        ..PlanOptions::default()
    };
    let status = [
        at("change", 1, 10.0),
        at("desk", 1, 10.0),
        at("cost", 1, 5.0),
    ];
    let plan = plan_ok(&small(), &status, &[], &opts);
    assert!(in_place_ids(&plan).is_empty());
    assert_eq!(
        action(&plan, "SD-A2").reasons,
        [Reason::NeededBy {
            actions: vec!["CT-A1".into()]
        }]
    );
    assert_eq!(
        explain::why(action(&plan, "SD-A1")),
        "Needed by CE-A2, SD-A2. Takes priority 6.00 from CE-A2, which must wait for it."
    );
    assert_eq!(
        layout(&plan),
        [
            (1, "CE-A1"),
            (1, "SD-A1"),
            (2, "CE-A2"),
            (2, "SD-A2"),
            (3, "CT-A1")
        ]
    );
}

#[test]
fn a_dependency_whose_domain_has_reached_its_level_is_listed_as_already_in_place() {
    let plan = plan_ok(&small(), &scenario_a(), &[], &PlanOptions::default());
    assert_eq!(in_place_ids(&plan), ["SD-A1"]);
    assert_eq!(plan.in_place[0].needed_by, ["CE-A2", "SD-A2"]);
    assert!(plan.actions().all(|a| a.id != "SD-A1"));

    // With the desk at 3, SD-A2 is in place too, and what it needs is not followed.
    let status = [
        at("change", 1, 10.0),
        at("desk", 3, 45.0),
        at("cost", 1, 5.0),
    ];
    let opts = PlanOptions {
        targets: Targets::PerDomain(BTreeMap::from([("change".into(), 2)])),
        ..PlanOptions::default()
    };
    let plan = plan_ok(&small(), &status, &[], &opts);
    assert_eq!(in_place_ids(&plan), ["SD-A2"]);
    assert_eq!(layout(&plan), [(1, "CE-A1"), (1, "CT-A1")]);
}

#[test]
fn a_domain_with_no_data_has_no_gap_no_progress_and_no_actions() {
    let status = [at("change", 1, 10.0), at("desk", 2, 30.0)];
    let plan = plan_ok(&small(), &status, &[], &PlanOptions::default());
    let cost = target(&plan, "cost");
    assert_eq!(cost.state, DomainState::NoData);
    assert_eq!(cost.current_level, None);
    assert_eq!(cost.gap_levels, None);
    assert_eq!(cost.gap_percent, None);
    assert_eq!(cost.percent_to_target, None);
    // Its explicit target is still shown.
    assert_eq!(cost.target_level, Some(2));
    assert!(plan.actions().all(|a| a.domain != "cost"));

    // Without an explicit target there is no target at all.
    let status = [at("change", 1, 10.0), at("cost", 1, 5.0)];
    let plan = plan_ok(&small(), &status, &[], &PlanOptions::default());
    assert_eq!(target(&plan, "desk").target_level, None);
    assert_eq!(target(&plan, "desk").target_source, None);
}

#[test]
fn a_dependency_in_a_domain_with_no_data_is_planned_and_the_plan_says_so() {
    let status = [at("change", 1, 10.0), at("cost", 2, 30.0)];
    let plan = plan_ok(&small(), &status, &[], &PlanOptions::default());
    assert_eq!(
        explain::why(action(&plan, "SD-A1")),
        "Needed by CE-A2. Takes priority 6.00 from CE-A2, which must wait for it."
    );
    assert!(plan.warnings.iter().any(|w| {
        w.starts_with("SD-A1 (Open a single front door) is planned because CE-A2 needs it")
    }));
}

#[test]
fn the_target_comes_from_the_file_then_the_option_then_the_questionnaire_then_the_next_level() {
    let q = small();
    let status = scenario_a();
    let file = PlanOptions {
        targets: Targets::PerDomain(BTreeMap::from([("change".into(), 4)])),
        ..PlanOptions::default()
    };
    let plan = plan_ok(&q, &status, &[], &file);
    let sources: Vec<(Option<u32>, Option<TargetSource>)> = plan
        .targets
        .iter()
        .map(|t| (t.target_level, t.target_source))
        .collect();
    assert_eq!(
        sources,
        [
            (Some(4), Some(TargetSource::TargetsFile)),
            (Some(3), Some(TargetSource::NextLevel)),
            (Some(2), Some(TargetSource::Questionnaire)),
        ]
    );
    let option = PlanOptions {
        targets: Targets::All(5),
        ..PlanOptions::default()
    };
    let plan = plan_ok(&q, &status, &[], &option);
    assert!(
        plan.targets
            .iter()
            .all(|t| t.target_level == Some(5)
                && t.target_source == Some(TargetSource::TargetOption))
    );
}

#[test]
fn the_next_level_target_stops_at_the_highest_level() {
    let status = [
        at("change", 1, 10.0),
        at("desk", 5, 90.0),
        at("cost", 1, 5.0),
    ];
    let plan = plan_ok(&small(), &status, &[], &PlanOptions::default());
    let desk = target(&plan, "desk");
    assert_eq!((desk.target_level, desk.gap_levels), (Some(5), Some(0)));
    assert_eq!(desk.state, DomainState::AtTarget);
}

#[test]
fn a_target_below_the_current_level_is_a_gap_of_zero() {
    let opts = PlanOptions {
        targets: Targets::All(1),
        ..PlanOptions::default()
    };
    let plan = plan_ok(&small(), &scenario_a(), &[], &opts);
    let desk = target(&plan, "desk");
    assert_eq!(desk.state, DomainState::AboveTarget);
    assert_eq!(desk.gap_levels, Some(0));
    assert_eq!(desk.gap_percent, Some(0.0));
    assert_eq!(desk.percent_to_target, Some(100.0));
    assert_eq!(plan.actions().count(), 0);
}

#[test]
fn the_gap_in_percent_is_the_distance_to_the_target_levels_min_percent() {
    let plan = plan_ok(&small(), &scenario_a(), &[], &PlanOptions::default());
    // change 10% -> Defined (40%): 30; desk 30% -> Defined: 10; cost 5% -> Managed (20%): 15.
    let gaps: Vec<Option<f64>> = plan.targets.iter().map(|t| t.gap_percent).collect();
    assert_eq!(gaps, [Some(30.0), Some(10.0), Some(15.0)]);
}

#[test]
fn percent_to_target_worked_by_hand() {
    // Counted from level 1, where everyone starts (issue 11, item 5): gaps 2 + 1 + 1 = 4
    // levels over (3 - 1) + (3 - 1) + (2 - 1) = 5 levels to climb: 1 - 4/5 = 20%.
    let plan = plan_ok(&small(), &scenario_a(), &[], &PlanOptions::default());
    assert!(close(plan.percent_to_target.unwrap_or(0.0), 20.0));
    let per_domain: Vec<f64> = plan
        .targets
        .iter()
        .filter_map(|t| t.percent_to_target)
        .collect();
    // change at 1 of target 3: 1 - 2/2 = 0; desk at 2 of 3: 1 - 1/2 = 50; cost at 1 of 2:
    // 1 - 1/1 = 0.
    assert!(close(per_domain[0], 0.0));
    assert!(close(per_domain[1], 50.0));
    assert!(close(per_domain[2], 0.0));

    // Cost without data is left out: 1 - (1 + 1) / (2 + 2) = 50%.
    let status = [at("change", 2, 25.0), at("desk", 2, 30.0)];
    let plan = plan_ok(&small(), &status, &[], &PlanOptions::default());
    assert!(close(plan.percent_to_target.unwrap_or(0.0), 50.0));

    // No domain with data: no figure.
    let plan = plan_ok(&small(), &[], &[], &PlanOptions::default());
    assert_eq!(plan.percent_to_target, None);
}

#[test]
fn priority_is_weight_times_gap_times_impact_over_effort_cost() {
    let plan = plan_ok(&small(), &scenario_a(), &[], &PlanOptions::default());
    // change: weight 2, gap 2. CE-A1 small impact 4: 2*2*4/1; CE-A2 medium impact 3: 2*2*3/2.
    assert_eq!(action(&plan, "CE-A1").priority, 16.0);
    assert_eq!(action(&plan, "CE-A2").priority, 6.0);
    // desk: weight 1, gap 1, SD-A2 medium impact 4: 2. cost: CT-A1 medium impact 5: 2.5.
    assert_eq!(action(&plan, "SD-A2").priority, 2.0);
    assert_eq!(action(&plan, "CT-A1").priority, 2.5);
    // SD-A2 is as urgent as CT-A1, which waits for it.
    assert_eq!(action(&plan, "SD-A2").effective_priority, 2.5);
    assert_eq!(
        layout(&plan),
        [(1, "CE-A1"), (1, "CE-A2"), (1, "SD-A2"), (2, "CT-A1")]
    );
    let orders: Vec<usize> = plan.actions().map(|a| a.order).collect();
    assert_eq!(orders, [1, 2, 3, 4]);
    assert_eq!(
        explain::placement(action(&plan, "CT-A1")),
        "Waits for SD-A2 in phase 1 (Stop the bleeding)"
    );
    assert_eq!(
        (
            action(&plan, "CT-A1").start_month,
            action(&plan, "CT-A1").end_month
        ),
        (3, 6)
    );
}

#[test]
fn ties_in_priority_are_broken_by_id() {
    let q = questionnaire(
        "id: ties\ntitle: Ties\nscale: {min: 1, max: 5}\ndomains:\n\
         - id: x\n  name: X\n  questions: [{id: X1, text: x}]\n  actions:\n\
         \x20   - {id: B-1, title: b, lifts_to: 2, effort: small, impact: 3, owner: o, measure: m}\n\
         - id: y\n  name: Y\n  questions: [{id: Y1, text: y}]\n  actions:\n\
         \x20   - {id: A-1, title: a, lifts_to: 2, effort: small, impact: 3, owner: o, measure: m}\n\
         \x20   - {id: C-1, title: c, lifts_to: 2, effort: small, impact: 3, owner: o, measure: m}\n",
    );
    let status = [at("x", 1, 0.0), at("y", 1, 0.0)];
    let plan = plan_ok(&q, &status, &[], &PlanOptions::default());
    assert_eq!(layout(&plan), [(1, "A-1"), (1, "B-1"), (1, "C-1")]);
}

#[test]
fn raised_flags_head_the_plan_and_their_actions_go_into_the_first_phase() {
    let plan = plan_ok(
        &small(),
        &scenario_a(),
        &[cost_blind()],
        &PlanOptions::default(),
    );
    assert_eq!(plan.flags.len(), 1);
    assert_eq!(plan.flags[0].finding, "Nobody knows what IT services cost.");
    assert_eq!(plan.flags[0].domain_name, "Cost transparency");
    assert_eq!(plan.flags[0].actions, ["CT-A1"]);
    // CT-A1 and SD-A2, which it needs, open the first phase, the dependency first.
    assert_eq!(
        layout(&plan),
        [(1, "SD-A2"), (1, "CT-A1"), (1, "CE-A1"), (1, "CE-A2")]
    );
    assert!(action(&plan, "CT-A1").urgent && action(&plan, "SD-A2").urgent);
    assert!(!action(&plan, "CE-A1").urgent);
    assert_eq!(
        explain::why(action(&plan, "CT-A1")),
        "Raised flag cost-blind: Nobody knows what IT services cost. \
         Helps lift Cost transparency from level 1 (Initial) to level 2 (Managed)."
    );
}

#[test]
fn a_flag_pulls_dependencies_that_would_come_later_into_the_first_phase() {
    // Without the flag CT-A1 waits until phase 3 (see the transitive test); with it, SD-A1 and
    // SD-A2 come first, and CE-A2, which needs the now-urgent SD-A1, follows in phase 2.
    let opts = PlanOptions {
        targets: Targets::PerDomain(BTreeMap::from([("desk".into(), 1)])),
        ..PlanOptions::default()
    };
    let status = [
        at("change", 1, 10.0),
        at("desk", 1, 10.0),
        at("cost", 1, 5.0),
    ];
    let plan = plan_ok(&small(), &status, &[cost_blind()], &opts);
    assert_eq!(
        layout(&plan),
        [
            (1, "SD-A1"),
            (1, "SD-A2"),
            (1, "CT-A1"),
            (1, "CE-A1"),
            (2, "CE-A2")
        ]
    );
}

#[test]
fn a_flag_plans_its_actions_even_when_the_domain_is_at_its_target() {
    let opts = PlanOptions {
        targets: Targets::PerDomain(BTreeMap::from([("cost".into(), 1)])),
        ..PlanOptions::default()
    };
    let plan = plan_ok(&small(), &scenario_a(), &[cost_blind()], &opts);
    assert_eq!(action(&plan, "CT-A1").phase, 1);
    assert_eq!(target(&plan, "cost").gap_levels, Some(0));
}

#[test]
fn a_flag_without_an_action_to_take_is_reported() {
    let status = [
        at("change", 1, 10.0),
        at("desk", 2, 30.0),
        at("cost", 2, 22.0),
    ];
    let plan = plan_ok(&small(), &status, &[cost_blind()], &PlanOptions::default());
    assert!(plan.flags[0].actions.is_empty());
    assert!(
        plan.warnings.contains(
            &"Flag 'cost-blind' is raised, but Cost transparency is already at level 2 (Managed) \
          or above, so the flag puts no action into the first phase; the finding needs an \
          answer of its own."
                .to_string()
        )
    );
    let plan = plan_ok(&small(), &[], &[cost_blind()], &PlanOptions::default());
    assert!(plan.warnings.iter().any(|w| w.contains("has no data")));
    let q = questionnaire(
        "id: late\ntitle: Late\nscale: {min: 1, max: 5}\ndomains:\n\
         - id: x\n  name: X\n  questions: [{id: X1, text: x}]\n  actions:\n\
         \x20   - {id: X3, title: t, lifts_to: 3, effort: small, impact: 3, owner: o, measure: m}\n",
    );
    let flag = RaisedFlag {
        domain: "x".into(),
        ..cost_blind()
    };
    let plan = plan_ok(&q, &[at("x", 1, 0.0)], &[flag], &PlanOptions::default());
    assert_eq!(
        plan.warnings,
        [
            "Flag 'cost-blind' is raised, but no action lifts X to level 2 (Managed); the finding \
          needs an answer of its own."
        ]
    );
}

#[test]
fn capacity_spills_the_lowest_priority_actions_and_their_dependents() {
    // Phase 1 holds CE-A1 (1) and CE-A2 (2); SD-A2 (2), the lowest priority, spills to phase 2,
    // and CT-A1, which needs it, moves on to phase 3.
    let plan = plan_ok(&small(), &scenario_a(), &[], &with_capacity(3));
    assert_eq!(
        layout(&plan),
        [(1, "CE-A1"), (1, "CE-A2"), (2, "SD-A2"), (3, "CT-A1")]
    );
    assert_eq!(
        explain::placement(action(&plan, "SD-A2")),
        "Could start in phase 1 (Stop the bleeding); held back to phase 2 by the capacity of 3 \
         effort points per phase, taken by urgent or higher-priority work"
    );
    let loads: Vec<u32> = plan.phases.iter().map(|p| p.effort_points).collect();
    assert_eq!(loads, [3, 2, 2, 0]);
}

#[test]
fn capacity_never_lets_lower_priority_work_take_the_place_of_higher() {
    // Priorities: FIRST 5, BIG 2.5, SMALL 1. With capacity 2, BIG (2 points) does not fit after
    // FIRST (1 point); SMALL would, but phase 1 closes with a point unused rather than letting
    // lower-priority work overtake BIG.
    let q = questionnaire(
        "id: cap\ntitle: Cap\nscale: {min: 1, max: 5}\ndomains:\n\
         - id: x\n  name: X\n  questions: [{id: X1, text: x}]\n  actions:\n\
         \x20   - {id: FIRST, title: f, lifts_to: 2, effort: small, impact: 5, owner: o, measure: m}\n\
         \x20   - {id: BIG, title: b, lifts_to: 2, effort: medium, impact: 5, owner: o, measure: m}\n\
         \x20   - {id: SMALL, title: s, lifts_to: 2, effort: small, impact: 1, owner: o, measure: m}\n",
    );
    let plan = plan_ok(&q, &[at("x", 1, 0.0)], &[], &with_capacity(2));
    assert_eq!(layout(&plan), [(1, "FIRST"), (2, "BIG"), (3, "SMALL")]);
    // Without a limit, all three start at once.
    let plan = plan_ok(&q, &[at("x", 1, 0.0)], &[], &PlanOptions::default());
    assert_eq!(layout(&plan), [(1, "FIRST"), (1, "BIG"), (1, "SMALL")]);
}

#[test]
fn urgent_work_stays_in_the_first_phase_beyond_capacity() {
    let plan = plan_ok(&small(), &scenario_a(), &[cost_blind()], &with_capacity(2));
    assert_eq!(&layout(&plan)[..2], [(1, "SD-A2"), (1, "CT-A1")]);
    assert_eq!(plan.phases[0].effort_points, 4);
    assert!(
        plan.warnings
            .iter()
            .any(|w| w.contains("urgent work of the first phase takes 4"))
    );
}

#[test]
fn an_action_bigger_than_the_capacity_gets_a_phase_to_itself() {
    let plan = plan_ok(&small(), &scenario_a(), &[], &with_capacity(1));
    assert_eq!(
        layout(&plan),
        [(1, "CE-A1"), (2, "CE-A2"), (3, "SD-A2"), (4, "CT-A1")]
    );
    assert!(
        plan.warnings
            .iter()
            .any(|w| w.starts_with("CE-A2 takes 2 effort points, more than the capacity of 1"))
    );
}

#[test]
fn actions_beyond_the_last_phase_go_into_later_phases() {
    let opts = PlanOptions {
        phases: parse_phases(&default_phases(), Some("Now,Next"), Some("0,3,9"))
            .unwrap_or_default(),
        capacity: Some(1),
        ..PlanOptions::default()
    };
    let plan = plan_ok(&small(), &scenario_a(), &[], &opts);
    let phases: Vec<(&str, u32, u32, bool, usize)> = plan
        .phases
        .iter()
        .map(|p| {
            (
                p.name.as_str(),
                p.start_month,
                p.end_month,
                p.extra,
                p.actions.len(),
            )
        })
        .collect();
    assert_eq!(
        phases,
        [
            ("Now", 0, 3, false, 1),
            ("Next", 3, 9, false, 1),
            ("Later 1", 9, 15, true, 1),
            ("Later 2", 15, 21, true, 1)
        ]
    );
    assert!(
        plan.warnings
            .iter()
            .any(|w| w.starts_with("2 action(s) do not fit in the 2 phase(s) given"))
    );

    // One extra phase is just "Later".
    let opts = PlanOptions {
        phases: parse_phases(&default_phases(), Some("Only"), Some("0,6")).unwrap_or_default(),
        ..PlanOptions::default()
    };
    let plan = plan_ok(&small(), &scenario_a(), &[], &opts);
    assert_eq!(plan.phases[1].name, "Later");
    assert_eq!(
        (plan.phases[1].start_month, plan.phases[1].end_month),
        (6, 12)
    );

    // A given phase already called "Later": the added one does not repeat the name.
    let opts = PlanOptions {
        phases: parse_phases(&default_phases(), Some("Later"), Some("0,6")).unwrap_or_default(),
        ..PlanOptions::default()
    };
    let plan = plan_ok(&small(), &scenario_a(), &[], &opts);
    let names: Vec<&str> = plan.phases.iter().map(|p| p.name.as_str()).collect();
    assert_eq!(names, ["Later", "Later (added)"]);
}

#[test]
fn the_lower_level_work_of_a_domain_never_comes_in_a_later_phase() {
    // CE-A2 needs SD-A1 (phase 1), so it waits for phase 2; CE-A3 (level 4) may not come before
    // it even though it has the higher priority.
    let opts = PlanOptions {
        targets: Targets::All(4),
        ..PlanOptions::default()
    };
    let status = [
        at("change", 1, 10.0),
        at("desk", 1, 10.0),
        at("cost", 3, 45.0),
    ];
    let plan = plan_ok(&small(), &status, &[], &opts);
    let ce: Vec<(usize, &str)> = layout(&plan)
        .into_iter()
        .filter(|(_, id)| id.starts_with("CE"))
        .collect();
    assert_eq!(ce, [(1, "CE-A1"), (2, "CE-A2"), (3, "CE-A3")]);
}

#[test]
fn a_dependency_on_higher_level_work_of_the_same_domain_wins_over_level_order() {
    // L2 lifts to 2 but needs H3, which lifts to 3: H3 must come first.
    let q = questionnaire(
        "id: odd\ntitle: Odd\nscale: {min: 1, max: 5}\ndomains:\n\
         - id: x\n  name: X\n  questions: [{id: X1, text: x}]\n  actions:\n\
         \x20   - {id: L2, title: low, lifts_to: 2, effort: small, impact: 5, owner: o, measure: m, depends_on: [H3]}\n\
         \x20   - {id: H3, title: high, lifts_to: 3, effort: small, impact: 1, owner: o, measure: m}\n",
    );
    let opts = PlanOptions {
        targets: Targets::All(3),
        ..PlanOptions::default()
    };
    let plan = plan_ok(&q, &[at("x", 1, 0.0)], &[], &opts);
    assert_eq!(layout(&plan), [(1, "H3"), (2, "L2")]);
}

#[test]
fn phases_without_actions_are_kept_so_the_timeline_stays_whole() {
    let plan = plan_ok(&small(), &scenario_a(), &[], &PlanOptions::default());
    assert_eq!(plan.phases.len(), 4);
    assert!(plan.phases[2].actions.is_empty());
    let names: Vec<&str> = plan.phases.iter().map(|p| p.name.as_str()).collect();
    assert_eq!(
        names,
        [
            "Stop the bleeding",
            "Stabilise",
            "Standardise",
            "Measure and improve"
        ]
    );
}

#[test]
fn a_domain_below_target_that_no_action_reaches_is_reported() {
    let opts = PlanOptions {
        targets: Targets::All(5),
        ..PlanOptions::default()
    };
    let plan = plan_ok(&small(), &scenario_a(), &[], &opts);
    assert!(plan.warnings.contains(
        &"Change enablement is below its target level 5, but no action in the questionnaire lifts it beyond level 4."
            .to_string()
    ));
}

#[test]
fn inputs_that_do_not_fit_the_questionnaire_are_refused() {
    let q = small();
    let opts = PlanOptions::default();
    let unknown = plan(&q, &[at("nowhere", 1, 0.0)], &[], &opts);
    assert!(matches!(unknown, Err(PlanError::UnknownDomain { .. })));
    let twice = plan(&q, &[at("desk", 1, 0.0), at("desk", 2, 30.0)], &[], &opts);
    assert_eq!(twice, Err(PlanError::DuplicateStatus("desk".into())));
    let level = plan(&q, &[at("desk", 9, 0.0)], &[], &opts);
    assert!(matches!(
        level,
        Err(PlanError::UnknownLevel { level: 9, .. })
    ));
    let percent = plan(&q, &[at("desk", 1, f64::NAN)], &[], &opts);
    assert!(matches!(percent, Err(PlanError::InvalidPercent { .. })));
    let flag = RaisedFlag {
        domain: "nowhere".into(),
        ..cost_blind()
    };
    assert!(matches!(
        plan(&q, &[], &[flag], &opts),
        Err(PlanError::UnknownDomain { .. })
    ));
    let target = PlanOptions {
        targets: Targets::All(6),
        ..PlanOptions::default()
    };
    assert_eq!(
        plan(&q, &[], &[], &target).map_err(|e| e.to_string()),
        Err("the target for all domains: level 6 is not one of the levels (1..5)".into())
    );
    let file = PlanOptions {
        targets: Targets::PerDomain(BTreeMap::from([("nowhere".into(), 2)])),
        ..PlanOptions::default()
    };
    assert!(matches!(
        plan(&q, &[], &[], &file),
        Err(PlanError::UnknownDomain { .. })
    ));
    assert_eq!(
        plan(&q, &[], &[], &with_capacity(0)),
        Err(PlanError::ZeroCapacity)
    );
    let no_phases = PlanOptions {
        phases: Vec::new(),
        ..PlanOptions::default()
    };
    assert!(matches!(
        plan(&q, &[], &[], &no_phases),
        Err(PlanError::Phases(_))
    ));
}

#[test]
fn a_status_with_a_percent_but_no_level_reaches_the_level_of_its_percent() {
    let status = [DomainStatus {
        domain: "change".into(),
        percent: Some(45.0),
        level: None,
    }];
    let plan = plan_ok(&small(), &status, &[], &PlanOptions::default());
    assert_eq!(target(&plan, "change").current_level, Some(3));
}

#[test]
fn a_flag_puts_every_named_remedy_first_whatever_its_domains_level() {
    // The domain already stands at level 2, so the level-2 rule adds nothing; the flag names
    // CT-A2 (lifts to 3) as its remedy, CE-A2 in another domain, and SD-A1, which lifts desk
    // to the level 2 it already has. A raised danger sign always acts (issue 11, item 2):
    // all three are first-phase work, and none is counted as already in place.
    let yaml = SMALL.replace(
        "finding: Nobody knows what IT services cost.}",
        "finding: Nobody knows what IT services cost., actions: [CT-A2, CE-A2, SD-A1]}",
    );
    let q = questionnaire(&yaml);
    let status = [
        at("change", 1, 10.0),
        at("desk", 2, 30.0),
        at("cost", 2, 22.0),
    ];
    let plan = plan_ok(&q, &status, &[cost_blind()], &PlanOptions::default());
    assert_eq!(plan.flags[0].actions, ["CT-A2", "CE-A2", "SD-A1"]);
    for id in ["CT-A2", "CE-A2", "SD-A1"] {
        assert_eq!(action(&plan, id).phase, 1, "{id}");
        assert!(action(&plan, id).urgent, "{id}");
    }
    assert!(!in_place_ids(&plan).contains(&"SD-A1"));
    assert!(
        !plan
            .warnings
            .iter()
            .any(|w| w.contains("needs an answer of its own"))
    );
}
