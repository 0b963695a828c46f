//! Every sentence of the report, from hand-written facts to the expected words.

use super::five_point;
use crate::questionnaire::{FlagComparison, FlagMetric};
use crate::report::narrative::*;
use crate::roadmap::Reason;

fn standing(name: &str, level: Option<u32>, percent: Option<f64>) -> Standing<'_> {
    Standing {
        name,
        level,
        percent,
    }
}

fn gap<'a>(a: &'a str, b: &'a str, points: f64, p: Option<f64>) -> Gap<'a> {
    Gap {
        column: "role",
        a,
        b,
        domain: "Change enablement",
        points,
        p,
    }
}

#[test]
fn the_overall_result_in_a_few_words() {
    assert_eq!(
        overall_text(Some(2), Some("Managed"), Some(37.84)),
        "Level 2 (Managed), 37.8% of the scale"
    );
    assert_eq!(
        overall_text(None, None, None),
        "Not enough answers to score"
    );
    assert_eq!(
        overall_text(Some(2), None, Some(30.0)),
        "Not enough answers to score"
    );
}

#[test]
fn the_summary_opens_with_who_answered_and_where_the_programme_stands() {
    assert_eq!(
        respondents_sentence(23, 0, "Danger signs", Some((2, "Managed", 37.8)), 5),
        "23 people answered the survey (questionnaire: Danger signs). Taken together, the programme stands at maturity level 2 of 5 (Managed), 38% of the way up the answer scale."
    );
    assert_eq!(
        respondents_sentence(40, 3, "Q", Some((1, "Initial", 12.4)), 4),
        "40 people answered the survey (questionnaire: Q); 3 empty rows were skipped. Taken together, the programme stands at maturity level 1 of 4 (Initial), 12% of the way up the answer scale."
    );
    assert_eq!(
        respondents_sentence(1, 1, "Q", None, 5),
        "1 person answered the survey (questionnaire: Q); 1 empty row was skipped: too few answers to score any domain."
    );
}

#[test]
fn the_ranking_names_at_most_two_weak_areas_and_the_strongest() {
    assert_eq!(ranking_sentence(&[]), None);
    assert_eq!(
        ranking_sentence(&[standing("Cost", Some(2), Some(22.3))]),
        None
    );
    assert_eq!(
        ranking_sentence(&[
            standing("Cost", Some(2), Some(22.3)),
            standing("Change", Some(3), Some(53.3)),
        ])
        .as_deref(),
        Some(
            "The weakest area is Cost (level 2, 22.3%). The strongest is Change (level 3, 53.3%)."
        )
    );
    assert_eq!(
        ranking_sentence(&[
            standing("A", None, Some(5.0)),
            standing("B", Some(1), Some(10.0)),
            standing("C", Some(2), Some(30.0)),
            standing("D", Some(4), Some(70.0)),
        ])
        .as_deref(),
        Some(
            "The weakest areas are A (level –, 5.0%) and B (level 1, 10.0%). The strongest is D (level 4, 70.0%)."
        )
    );
}

#[test]
fn the_danger_signs_are_counted_with_their_domains_in_alphabetical_order() {
    assert_eq!(
        flags_sentence(&[]),
        "None of the questionnaire's danger signs was raised by the answers."
    );
    assert_eq!(
        flags_sentence(&[("Cost transparency", "Nobody knows what IT costs.")]),
        "1 danger sign was raised, in Cost transparency. Nobody knows what IT costs."
    );
    assert_eq!(
        flags_sentence(&[
            ("Service desk", "Calls go unanswered."),
            ("Change", "Changes break things."),
            ("Service desk", "Nobody owns tickets."),
        ]),
        "3 danger signs were raised, in Change and Service desk. Calls go unanswered."
    );
}

#[test]
fn a_gap_names_the_higher_group_first_with_its_p_value() {
    // a - b = -18.4 points: b (IT) rates it higher.
    assert_eq!(
        gap_sentence(&gap("Business", "IT", -18.4, Some(0.0031))),
        "People with role IT rate Change enablement 18 points higher than those with role Business (p = 0.003)."
    );
    assert_eq!(
        gap_sentence(&gap("IT", "Business", 63.8, Some(0.0004))),
        "People with role IT rate Change enablement 64 points higher than those with role Business (p < 0.001)."
    );
    assert_eq!(
        gap_sentence(&gap("A", "B", 0.0, None)),
        "People with role A rate Change enablement 0 points higher than those with role B (not tested)."
    );
}

#[test]
fn a_gap_in_points_is_the_mean_difference_over_the_scale_range() {
    // 1-5 scale: a range of 4, so half a point is 12.5 percent points.
    let q = five_point();
    assert_eq!(difference_points(&q, 0.5), 12.5);
    assert_eq!(difference_points(&q, -2.0), -50.0);
}

#[test]
fn the_groups_paragraph_tells_how_many_gaps_are_unlikely_to_be_chance() {
    let largest = gap("Business", "IT", -18.4, Some(0.0031));
    assert_eq!(
        groups_sentence(&largest, 1),
        "Groups see the programme differently. People with role IT rate Change enablement 18 points higher than those with role Business (p = 0.003). It is the only difference between groups that is unlikely to be chance."
    );
    assert_eq!(
        groups_sentence(&largest, 3),
        "Groups see the programme differently. People with role IT rate Change enablement 18 points higher than those with role Business (p = 0.003). It is the largest of 3 differences between groups that are unlikely to be chance."
    );
}

#[test]
fn the_first_phase_lists_four_actions_and_counts_the_rest() {
    assert_eq!(
        first_phase_sentence(
            "Stop the bleeding",
            (0, 3),
            &[("Publish cost per user", "IT finance lead")]
        ),
        "The roadmap's first phase, Stop the bleeding (months 0 to 3), starts with: publish cost per user (IT finance lead)."
    );
    assert_eq!(
        first_phase_sentence(
            "Now",
            (0, 2),
            &[
                ("Define standard changes", "Change manager"),
                ("CMDB clean-up", "Configuration manager"),
                ("IT service catalogue", "Service owner"),
                ("Build a knowledge base", "Service desk manager"),
                ("Fifth", "Someone"),
                ("Sixth", "Someone"),
            ]
        ),
        "The roadmap's first phase, Now (months 0 to 2), starts with: define standard changes (Change manager), CMDB clean-up (Configuration manager), IT service catalogue (Service owner) and build a knowledge base (Service desk manager), and 2 more."
    );
}

#[test]
fn the_plan_size_counts_actions_and_phases_with_the_progress() {
    assert_eq!(plan_size_sentence(0, 0, Some(100.0)), None);
    assert_eq!(
        plan_size_sentence(1, 1, Some(83.3)).as_deref(),
        Some(
            "In all the roadmap holds 1 action in 1 phase; each has an accountable owner and a measure that shows whether it worked. Measured against the targets, the programme is 83% of the way there today."
        )
    );
    assert_eq!(
        plan_size_sentence(7, 3, None).as_deref(),
        Some(
            "In all the roadmap holds 7 actions in 3 phases; each has an accountable owner and a measure that shows whether it worked."
        )
    );
}

#[test]
fn the_roadmap_opens_with_how_many_actions_close_the_gaps() {
    assert_eq!(
        roadmap_intro(0, Some(100.0)),
        "Every domain with data has reached its target: no recovery action is needed."
    );
    assert_eq!(
        roadmap_intro(1, Some(83.3)),
        "1 action closes the gaps between today's maturity and the targets, in an order where early steps make later ones possible: no action starts before the actions it depends on. Progress to target today: 83% (one minus the sum of the gaps over the levels from level 1 to each target: everyone starts at level 1)."
    );
    assert_eq!(
        roadmap_intro(4, None),
        "4 actions close the gaps between today's maturity and the targets, in an order where early steps make later ones possible: no action starts before the actions it depends on."
    );
}

#[test]
fn a_domain_is_cautioned_for_few_answers_and_low_or_unknown_reliability() {
    assert_eq!(
        domain_notes(0, None, 3),
        ["No one answered enough of this domain's questions to score it."]
    );
    assert_eq!(
        domain_notes(1, None, 2),
        [
            "Only 1 person scored this domain: read the result as an indication, not a measurement.",
            "Reliability (Cronbach's alpha) could not be worked out: too few people answered every question of this domain."
        ]
    );
    assert_eq!(
        domain_notes(23, Some(0.154), 2),
        [
            "The questions of this domain did not hang together (Cronbach's alpha 0.15): people who agreed with one often disagreed with another, so read the questions one by one rather than the domain score alone."
        ]
    );
    // 5 people, one question: few answers, and no reliability to work out.
    assert_eq!(
        domain_notes(5, None, 1),
        ["Only 5 people scored this domain: read the result as an indication, not a measurement."]
    );
    // Exactly at the limits (10 people, alpha 0.6): no caution.
    assert!(domain_notes(FEW_RESPONDENTS, Some(LOW_ALPHA), 3).is_empty());
}

#[test]
fn a_flag_is_evidenced_by_its_figure_and_threshold() {
    assert_eq!(
        flag_evidence(
            "K1",
            FlagMetric::Mean,
            1.8333,
            Some(FlagComparison::AtMost),
            2.5
        ),
        "K1: mean 1.83, at or below 2.5"
    );
    assert_eq!(
        flag_evidence(
            "cost",
            FlagMetric::Percent,
            5.0,
            Some(FlagComparison::Below),
            25.0
        ),
        "cost: 5.0% of the scale, below 25"
    );
    assert_eq!(
        flag_evidence("Q3", FlagMetric::Favorable, 12.6, None, 30.0),
        "Q3: 13% favourable, at or below 30"
    );
}

#[test]
fn an_action_gives_its_first_reason_in_a_few_words() {
    assert_eq!(reason_text(&[]), "");
    assert_eq!(
        reason_text(&[
            Reason::Flagged {
                flag: "f".into(),
                finding: "x".into()
            },
            Reason::Lifts {
                domain: "d".into(),
                from: 1,
                from_name: None,
                to: 2,
                to_name: None
            }
        ]),
        "answers a danger sign"
    );
    assert_eq!(
        reason_text(&[Reason::Lifts {
            domain: "d".into(),
            from: 1,
            from_name: None,
            to: 3,
            to_name: None
        }]),
        "lifts its domain from level 1 to 3"
    );
    assert_eq!(
        reason_text(&[Reason::NeededBy {
            actions: vec!["A-1".into(), "B-2".into()]
        }]),
        "needed first by A-1, B-2"
    );
}

#[test]
fn a_title_inside_a_sentence_loses_its_capital_unless_it_is_an_acronym() {
    for (title, inside) in [
        ("Publish cost", "publish cost"),
        ("Élan vital", "élan vital"),
        ("CMDB clean-up", "CMDB clean-up"),
        ("IT catalogue", "IT catalogue"),
        ("A", "A"),
        ("", ""),
    ] {
        assert_eq!(lowercase_first(title), inside);
    }
}
