//! Tests of the wave comparison against figures worked out independently. scipy is not
//! installed here, so the Mann-Whitney figures are worked by hand (the steps are in the
//! comments) and checked with plain Python arithmetic (`math.erfc`), the way
//! `scipy.stats.mannwhitneyu(x, y, method="asymptotic")` computes them: U of the first sample,
//! tie-corrected variance, continuity correction of 0.5, two-sided.

use super::*;
use crate::questionnaire::{Questionnaire, parse};
use crate::responses::{Answer, Row, answer_codes};
use crate::roadmap::PlanOptions;
use crate::scoring::{InputCounts, Scorer};

fn questionnaire(yaml: &str) -> Questionnaire {
    match parse(yaml, "test.yaml") {
        Ok(q) => q,
        Err(e) => panic!("test questionnaire invalid: {e}"),
    }
}

const LEVELS: &str = r#"
levels:
  - {level: 1, name: Initial, min_percent: 0}
  - {level: 2, name: Managed, min_percent: 32.51}
  - {level: 3, name: Defined, min_percent: 50.01}
  - {level: 4, name: Measured, min_percent: 67.51}
  - {level: 5, name: Optimising, min_percent: 85.01}
"#;

fn now_yaml() -> String {
    format!(
        r#"
id: wave
title: Wave
version: "2"
scale: {{min: 1, max: 5}}
{LEVELS}
domains:
  - id: d1
    name: Change
    target_level: 4
    questions:
      - {{id: A1, text: Routine changes are pre-approved.}}
  - id: d2
    name: Priority
    questions:
      - {{id: B1, text: Incidents are ranked by impact.}}
  - id: d3
    name: Cost
    questions:
      - {{id: C1, text: Costs are known.}}
      - {{id: C2, text: Costs are shared.}}
"#
    )
}

fn then_yaml() -> String {
    now_yaml()
        .replace("version: \"2\"", "version: \"1\"")
        .replace("C2, text: Costs are shared.", "C3, text: Costs are split.")
}

fn score(
    q: &Questionnaire,
    group_by: &[&str],
    rows: &[(Vec<i32>, Vec<&str>)],
    min: usize,
) -> Assessment {
    let columns: Vec<String> = group_by.iter().map(|c| c.to_string()).collect();
    let mut scorer = Scorer::new(q, &columns);
    for (values, groups) in rows {
        let answers: Vec<Answer> = values.iter().map(|&v| Answer::Value(v)).collect();
        let answers = answer_codes(&answers, &q.scale);
        let groups: Vec<String> = groups.iter().map(|g| g.to_string()).collect();
        scorer
            .add(&Row::new(&answers, &groups))
            .expect("row accepted");
    }
    scorer.finish(min, InputCounts::default())
}

/// A baseline as a later run reads it: written as JSON, read back.
fn as_baseline(a: &Assessment) -> Baseline {
    let text = serde_json::to_string_pretty(a).expect("JSON");
    parse_baseline(&text, "wave1.json").expect("a baseline reads back")
}

#[track_caller]
fn close(actual: Option<f64>, expected: f64) {
    match actual {
        Some(a) => assert!((a - expected).abs() < 1e-6, "expected {expected}, got {a}"),
        None => panic!("expected {expected}, got null"),
    }
}

/// Baseline: A1 = 1, 2, 2, 3; B1 = 3, 3, 3, 4; C1 = 4 everywhere. Now: A1 = 2, 3, 4, 4, 5;
/// B1 = 3, 4, 4, 3, 3; C1 = 4 everywhere. One question per domain, so a respondent's domain
/// score is their answer.
fn worked() -> (Questionnaire, Assessment, Baseline) {
    let then_q = questionnaire(&then_yaml());
    let then = score(
        &then_q,
        &[],
        &[
            (vec![1, 3, 4, 4], vec![]),
            (vec![2, 3, 4, 4], vec![]),
            (vec![2, 3, 4, 4], vec![]),
            (vec![3, 4, 4, 4], vec![]),
        ],
        1,
    );
    let q = questionnaire(&now_yaml());
    let now = score(
        &q,
        &[],
        &[
            (vec![2, 3, 4, 4], vec![]),
            (vec![3, 4, 4, 4], vec![]),
            (vec![4, 4, 4, 4], vec![]),
            (vec![4, 3, 4, 4], vec![]),
            (vec![5, 3, 4, 4], vec![]),
        ],
        1,
    );
    (q, now, as_baseline(&then))
}

#[test]
fn domain_change_matches_the_worked_example() {
    let (q, mut now, baseline) = worked();
    let targets = target_percents(&q, &baseline.assessment, &PlanOptions::default()).unwrap();
    compare(&q, &mut now, std::slice::from_ref(&baseline), &targets).unwrap();
    let c = now.domains[0].change.as_ref().expect("d1 compared");
    // Percent now (3.6 - 1) / 4 = 65, then (2 - 1) / 4 = 25: 40 points, level 1 to level 3.
    close(c.baseline_percent, 25.0);
    close(c.percent_points, 40.0);
    assert_eq!((c.level_from, c.level_to), (Some(1), Some(3)));
    // U of now against then: x = 2 beats 1 and ties two 2s (2), x = 3 beats three and ties one
    // (3.5), 4, 4 and 5 beat all four (12): U = 17.5 of 20 pairs.
    close(c.u, 17.5);
    // Pooled ties: 1 x1, 2 x3, 3 x2, 4 x2, 5 x1: sum(t^3 - t) = 24 + 6 + 6 = 36. Variance
    // 20/12 * (10 - 36/72) = 15.8333; z = (17.5 - 10 - 0.5) / sqrt(15.8333) = 1.759186;
    // p = erfc(z / sqrt 2) = 0.0785459.
    close(c.p_value, 0.078_545_851);
    // Cliff's delta: (16 wins - 1 loss) / 20 = 0.75 = 2U/20 - 1; large by Romano's reading.
    close(c.cliffs_delta, 0.75);
    assert_eq!(c.effect, Some(Effect::Large));
    // Target level 4 starts at 67.51: (65 - 25) / (67.51 - 25) = 0.940955.
    close(c.progress_to_date, 40.0 / 42.51);
    assert_eq!(c.baseline_n, 4);
    assert_eq!(c.earlier_percents, vec![Some(25.0)]);

    let c2 = now.domains[1].change.as_ref().expect("d2 compared");
    // Then 3, 3, 3, 4 (56.25%), now 3, 4, 4, 3, 3 (60%). U: the three 3s tie three 3s and
    // lose to the 4 (1.5 each), the two 4s beat three 3s and tie the 4 (3.5 each): 11.5.
    // Ties: 3 x6, 4 x3: 210 + 24 = 234; variance 20/12 * (10 - 234/72) = 11.25;
    // z = (11.5 - 10 - 0.5) / sqrt(11.25) = 0.298142; p = 0.765594.
    close(c2.u, 11.5);
    close(c2.p_value, 0.765_594_484);
    close(c2.cliffs_delta, 0.15);
    assert_eq!(c2.effect, Some(Effect::Small));
    // Level 3 then: the default target is the next level, 4 (67.51):
    // 3.75 / (67.51 - 56.25) = 0.333037.
    close(c2.progress_to_date, 3.75 / 11.26);
    // Holm over the two tests: 0.0785459 * 2 = 0.157092; 0.765594 * 1 stays.
    close(c.p_adjusted, 0.157_091_702);
    close(c2.p_adjusted, 0.765_594_484);
}

#[test]
fn a_domain_whose_questions_changed_is_not_compared() {
    let (q, mut now, baseline) = worked();
    compare(&q, &mut now, std::slice::from_ref(&baseline), &[]).unwrap();
    let c = now.domains[2].change.as_ref().expect("a change entry");
    assert_eq!(
        c.not_comparable.as_deref(),
        Some("not comparable: its questions changed (new now: C2; asked only then: C3)")
    );
    assert_eq!((c.u, c.p_value, c.percent_points), (None, None, None));
    assert_eq!(c.earlier_percents, vec![None]);
}

#[test]
fn statements_compare_by_id_even_in_a_domain_not_compared() {
    let (q, mut now, baseline) = worked();
    compare(&q, &mut now, std::slice::from_ref(&baseline), &[]).unwrap();
    let a1 = now.domains[0].questions[0].change.as_ref().expect("A1");
    // Mean 3.6 against 2; favourable (4 or 5) 3 of 5 against none of 4.
    close(a1.baseline_mean, 2.0);
    close(a1.mean_difference, 1.6);
    close(a1.favorable_difference, 0.6);
    close(a1.u, 17.5);
    // C1 is 4 for everyone in both waves: every answer ties, no p-value, so the statement
    // family is A1 and B1, as for the domains.
    let c1 = now.domains[2].questions[0].change.as_ref().expect("C1");
    assert_eq!(c1.p_value, None);
    close(c1.mean_difference, 0.0);
    close(a1.p_adjusted, 0.157_091_702);
    assert!(
        now.domains[2].questions[1].change.is_none(),
        "C2 was not asked then"
    );
}

#[test]
fn progress_is_null_when_the_baseline_is_at_or_above_its_target() {
    let (q, mut now, baseline) = worked();
    compare(
        &q,
        &mut now,
        std::slice::from_ref(&baseline),
        &[Some(25.0), Some(50.0)],
    )
    .unwrap();
    // d1's baseline is 25, at its target; d2's 56.25, above 50.
    assert_eq!(
        now.domains[0].change.as_ref().unwrap().progress_to_date,
        None
    );
    assert_eq!(
        now.domains[1].change.as_ref().unwrap().progress_to_date,
        None
    );
}

#[test]
fn aliases_match_a_statement_renamed_since_the_baseline() {
    let (_, _, baseline) = worked();
    let renamed = now_yaml().replace(
        "{id: A1, text: Routine changes are pre-approved.}",
        "{id: NEW1, text: Routine changes are pre-approved., aliases: [A1]}",
    );
    let q = questionnaire(&renamed);
    let mut now = score(
        &q,
        &[],
        &[(vec![4, 4, 4, 4], vec![]), (vec![5, 4, 4, 4], vec![])],
        1,
    );
    compare(&q, &mut now, std::slice::from_ref(&baseline), &[]).unwrap();
    assert!(
        now.domains[0]
            .change
            .as_ref()
            .unwrap()
            .not_comparable
            .is_none()
    );
    assert_eq!(
        now.domains[0].questions[0]
            .change
            .as_ref()
            .unwrap()
            .baseline_id,
        "A1"
    );
}

#[test]
fn a_group_suppressed_or_withheld_in_either_wave_is_not_compared() {
    let q = questionnaire(&now_yaml());
    let row = |a: i32, team: &'static str| (vec![a, 3, 4, 4], vec![team]);
    // Baseline, groups of 2: X has 1 respondent (suppressed), which the audit covers by
    // withholding the smallest shown group (Y and Z tie at 3: the last, Z).
    let then = score(
        &q,
        &["team"],
        &[
            row(1, "X"),
            row(2, "Y"),
            row(2, "Y"),
            row(3, "Y"),
            row(2, "Z"),
            row(3, "Z"),
            row(3, "Z"),
        ],
        2,
    );
    let d = &then.domains[0];
    assert_eq!(d.withheld.len(), 1);
    assert_eq!(d.withheld[0].value, "Z");
    // Now every team is shown.
    let mut now = score(
        &q,
        &["team"],
        &[
            row(3, "X"),
            row(4, "X"),
            row(4, "Y"),
            row(4, "Y"),
            row(5, "Y"),
            row(4, "Z"),
            row(4, "Z"),
            row(5, "Z"),
        ],
        2,
    );
    assert!(now.domains[0].groups.iter().all(|g| !g.suppressed));
    compare(&q, &mut now, &[as_baseline(&then)], &[]).unwrap();
    let changed: Vec<(&str, bool)> = now.domains[0]
        .groups
        .iter()
        .map(|g| (g.value.as_str(), g.change.is_some()))
        .collect();
    assert_eq!(changed, vec![("X", false), ("Y", true), ("Z", false)]);
    // Y: then 2, 2, 3 (mean 7/3: 33.33%), now 4, 4, 5 (mean 13/3: 83.33%): 50 points, and
    // every pair rises, so Cliff's delta is 1.
    let y = now.domains[0].groups[1].change.as_ref().unwrap();
    close(y.percent_points, 50.0);
    close(y.cliffs_delta, 1.0);
}

#[test]
fn without_a_baseline_the_json_is_unchanged() {
    let (q, mut now, _) = worked();
    let before = serde_json::to_string_pretty(&now).unwrap();
    compare(&q, &mut now, &[], &[]).unwrap();
    assert_eq!(serde_json::to_string_pretty(&now).unwrap(), before);
    assert!(!before.contains("\"change\""));
}

#[test]
fn the_comparison_is_the_same_on_every_run() {
    let run = || {
        let (q, mut now, baseline) = worked();
        compare(&q, &mut now, &[baseline.clone(), baseline], &[]).unwrap();
        serde_json::to_string_pretty(&now).unwrap()
    };
    let first = run();
    assert_eq!(first, run());
    assert!(first.contains("\"earlier_percents\": [\n"));
}

#[test]
fn a_baseline_that_is_not_a_scores_file_is_refused_with_its_place() {
    let err = parse_baseline(
        "{\"schema_version\": 1,\n \"questionnaire\": 3}",
        "old.json",
    )
    .unwrap_err()
    .to_string();
    assert!(err.starts_with("old.json:2:"), "{err}");
    let err = parse_baseline("{\"schema_version\": 7}", "old.json")
        .unwrap_err()
        .to_string();
    assert!(err.contains("schema_version is 7, expected 1"), "{err}");
    let err = parse_baseline("[1,", "old.json").unwrap_err().to_string();
    assert!(err.starts_with("old.json:1:"), "{err}");
}

#[test]
fn a_baseline_on_another_scale_is_refused() {
    let (q, mut now, mut baseline) = worked();
    baseline.assessment.questionnaire.scale_max = 7;
    let err = compare(&q, &mut now, &[baseline], &[])
        .unwrap_err()
        .to_string();
    assert!(err.contains("its scale is 1..7"), "{err}");
}

#[test]
fn romano_thresholds() {
    assert_eq!(Effect::of(0.146), Effect::Negligible);
    assert_eq!(Effect::of(-0.147), Effect::Small);
    assert_eq!(Effect::of(0.33), Effect::Medium);
    assert_eq!(Effect::of(-0.474), Effect::Large);
}
