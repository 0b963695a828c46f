//! Tests of the scoring engine against figures worked out independently: by hand (shown in the
//! comments) or with numpy/scipy outside the test suite (the Python expression is in the
//! comment next to each figure).

use super::audit::{Visibility, audit};
use super::stats;
use super::*;
use crate::export::{AssessmentExporter, Csv, Json, Table};
use crate::questionnaire::{Questionnaire, parse};
use crate::responses::{Answer, Row, answer_codes};

mod bins;

const M: Answer = Answer::Missing;
const NA: Answer = Answer::NotApplicable;

fn to_json(a: &Assessment) -> String {
    Json.assessment(a).expect("JSON")
}

fn to_csv(a: &Assessment) -> String {
    Csv.assessment(a).expect("CSV")
}

fn to_table(a: &Assessment) -> String {
    Table.assessment(a).expect("table")
}

fn v(x: i32) -> Answer {
    Answer::Value(x)
}

/// A respondent: answers in questionnaire order and the values of the group-by columns.
type Respondent = (Vec<Answer>, Vec<&'static str>);

fn questionnaire(yaml: &str) -> Questionnaire {
    match parse(yaml, "test.yaml") {
        Ok(q) => q,
        Err(e) => panic!("test questionnaire invalid: {e}"),
    }
}

fn scorer(q: &Questionnaire, group_by: &[&str], rows: &[Respondent]) -> Scorer {
    let columns: Vec<String> = group_by.iter().map(|c| c.to_string()).collect();
    let mut scorer = Scorer::new(q, &columns);
    for (answers, groups) in rows {
        let groups: Vec<String> = groups.iter().map(|g| g.to_string()).collect();
        scorer
            .add(&Row::new(&answer_codes(answers, &q.scale), &groups))
            .expect("row accepted");
    }
    scorer
}

fn score(q: &Questionnaire, group_by: &[&str], rows: &[Respondent], min: usize) -> Assessment {
    scorer(q, group_by, rows).finish(min, InputCounts::default())
}

#[track_caller]
fn close(actual: Option<f64>, expected: f64, tolerance: f64) {
    match actual {
        Some(a) => assert!(
            (a - expected).abs() <= tolerance,
            "expected {expected}, got {a} (tolerance {tolerance})"
        ),
        None => panic!("expected {expected}, got null"),
    }
}

#[track_caller]
fn close_pair(actual: Option<[f64; 2]>, expected: [f64; 2], tolerance: f64) {
    close(actual.map(|c| c[0]), expected[0], tolerance);
    close(actual.map(|c| c[1]), expected[1], tolerance);
}

fn domain<'a>(a: &'a Assessment, id: &str) -> &'a DomainResult {
    a.domains.iter().find(|d| d.id == id).expect("domain")
}

fn group<'a>(d: &'a DomainResult, column: &str, value: &str) -> &'a GroupResult {
    d.groups
        .iter()
        .find(|g| g.column == column && g.value == value)
        .expect("group")
}

// ---------------------------------------------------------------------------------------------
// The worked example of shared/examples/worked-example.md (figures computed there with
// numpy/scipy; repeated below to 6 decimals).

const WORKED: &str = r#"
id: worked
title: Worked example
version: "1"
scale: {min: 1, max: 5}
domains:
  - id: change
    name: Change
    questions:
      - {id: C1, text: Standard changes skip the board.}
      - {id: C2, text: Changes rarely cause incidents.}
      - {id: C3, text: Every change waits for the weekly board., reverse: true, weight: 2}
"#;

fn worked_rows() -> Vec<Respondent> {
    vec![
        (vec![v(4), v(5), v(2)], vec!["IT"]),
        (vec![v(3), NA, v(3)], vec!["IT"]),
        (vec![v(5), v(4), v(1)], vec!["IT"]),
        (vec![v(2), v(2), v(4)], vec!["Business"]),
        (vec![v(1), M, v(5)], vec!["Business"]),
        (vec![v(2), v(3), M], vec!["Business"]),
        (vec![M, M, v(4)], vec!["Business"]),
    ]
}

#[test]
fn worked_example_domain_and_questions() {
    let q = questionnaire(WORKED);
    let a = score(&q, &["role"], &worked_rows(), 3);
    let tol = 1e-6;
    assert_eq!(
        (
            a.respondents.rows,
            a.respondents.scored,
            a.respondents.skipped
        ),
        (7, 7, 0)
    );
    let d = domain(&a, "change");
    assert_eq!(d.stats.n, 6);
    close(d.stats.mean, 2.916667, tol);
    close(d.stats.sd, 1.402379, tol);
    close_pair(d.stats.ci95, [1.444960, 4.388373], tol);
    close(d.stats.percent, 47.916667, tol);
    assert_eq!(
        (d.stats.level, d.stats.level_name.as_deref()),
        (Some(3), Some("Defined"))
    );
    assert_eq!(d.alpha_n, 3);
    close(d.alpha, 0.947368, tol);
    close(a.overall.percent, 47.916667, tol);
    assert_eq!(a.overall.level, Some(3));

    let c1 = &d.questions[0];
    assert_eq!((c1.n, c1.missing, c1.not_applicable), (6, 1, 0));
    close(c1.mean, 2.833333, tol);
    close(c1.sd, 1.471960, tol);
    assert_eq!(c1.counts.0, vec![(1, 1), (2, 2), (3, 1), (4, 1), (5, 1)]);
    close(c1.favorable, 0.333333, tol);
    close(c1.consensus, 0.459496, tol);

    let c2 = &d.questions[1];
    assert_eq!((c2.n, c2.missing, c2.not_applicable), (4, 2, 1));
    close(c2.mean, 3.5, tol);
    close(c2.sd, 1.290994, tol);
    // Every scale point is listed; the example lists only the non-zero ones.
    assert_eq!(c2.counts.0, vec![(1, 0), (2, 1), (3, 1), (4, 1), (5, 1)]);
    close(c2.favorable, 0.5, tol);
    close(c2.consensus, 0.564642, tol);

    let c3 = &d.questions[2];
    assert!(c3.reverse);
    assert_eq!((c3.n, c3.missing, c3.not_applicable), (6, 1, 0));
    close(c3.mean, 2.833333, tol);
    close(c3.sd, 1.471960, tol);
    assert_eq!(c3.counts.0, vec![(1, 1), (2, 1), (3, 1), (4, 2), (5, 1)]);
    close(c3.favorable, 0.333333, tol);
    close(c3.consensus, 0.459496, tol);
}

#[test]
fn worked_example_groups_and_comparison() {
    let q = questionnaire(WORKED);
    let a = score(&q, &["role"], &worked_rows(), 3);
    let tol = 1e-6;
    let d = domain(&a, "change");
    // Groups in order of value: Business before IT.
    let values: Vec<&str> = d.groups.iter().map(|g| g.value.as_str()).collect();
    assert_eq!(values, ["Business", "IT"]);

    let it = group(d, "role", "IT").stats.as_ref().expect("IT shown");
    assert_eq!(it.n, 3);
    close(it.mean, 4.0, tol);
    close(it.sd, 0.901388, tol);
    close_pair(it.ci95, [1.760829, 6.239171], tol);
    close(it.percent, 75.0, tol);

    let business = group(d, "role", "Business").stats.as_ref().expect("shown");
    assert_eq!(business.n, 3);
    close(business.mean, 1.833333, tol);
    close(business.sd, 0.763763, tol);
    close_pair(business.ci95, [-0.063958, 3.730625], tol);

    // The example compares IT with Business (U for IT = 9); pairs here run in order of value,
    // so a = Business: U_Business = 3*3 - 9 = 0, the same p, rank-biserial -1, difference
    // negated.
    assert_eq!(a.comparisons.len(), 1);
    let c = &a.comparisons[0];
    assert_eq!(
        (
            c.domain.as_str(),
            c.column.as_str(),
            c.a.as_str(),
            c.b.as_str()
        ),
        ("change", "role", "Business", "IT")
    );
    close(c.mean_difference, -2.166667, tol);
    close(c.u, 0.0, tol);
    close(c.p_value, 0.080856, tol);
    close(c.rank_biserial, -1.0, tol);
    assert_eq!((c.n_a, c.n_b), (3, 3));

    // The example's own orientation, IT first, straight from the histograms.
    let hist = |rows: &[f64]| {
        let mut h = std::collections::BTreeMap::new();
        for &x in rows {
            *h.entry((x * 4.0) as i64).or_insert(0u64) += 1;
        }
        h
    };
    let t = stats::mann_whitney(&hist(&[4.25, 3.0, 4.75]), &hist(&[2.0, 1.0, 2.5]))
        .expect("two samples");
    close(Some(t.u), 9.0, tol);
    close(t.p_value, 0.080856, tol);
    close(Some(t.rank_biserial), 1.0, tol);
}

#[test]
fn worked_example_default_minimum_suppresses_both_groups() {
    let q = questionnaire(WORKED);
    let a = score(&q, &["role"], &worked_rows(), DEFAULT_MIN_GROUP_SIZE);
    let d = domain(&a, "change");
    // Both groups are too small: counted, never named.
    assert!(d.groups.is_empty());
    assert_eq!(d.too_small_in("role"), 2);
    assert!(a.comparisons.is_empty());
    // In the JSON, groups too small to show are {"column", "value": null, "groups": count}.
    let json: serde_json::Value = serde_json::from_str(&to_json(&a)).expect("valid JSON");
    assert_eq!(json["domains"][0]["groups"], serde_json::json!([]));
    assert_eq!(
        json["domains"][0]["too_small"],
        serde_json::json!([{"column": "role", "value": null, "groups": 2}])
    );
    assert!(!to_json(&a).contains("Business"));
}

// ---------------------------------------------------------------------------------------------
// Weights, the half-answered rule, missing and N/A answers.

const WEIGHTED: &str = r#"
id: weights
title: Weights
scale: {min: 1, max: 5}
domains:
  - id: first
    name: First
    weight: 1
    questions:
      - {id: A1, text: a1, weight: 0.5}
      - {id: A2, text: a2, weight: 1.5}
      - {id: A3, text: a3, reverse: true, weight: 2}
  - id: second
    name: Second
    weight: 3
    questions:
      - {id: B1, text: b1}
      - {id: B2, text: b2}
"#;

#[test]
fn weights_of_questions_and_domains() {
    let q = questionnaire(WEIGHTED);
    let rows: Vec<Respondent> = vec![
        (vec![v(5), v(4), v(1), v(2), v(3)], vec![]),
        (vec![v(1), v(2), v(5), v(4), NA], vec![]),
        (vec![v(3), M, v(2), M, M], vec![]),
        (vec![M, M, v(4), v(5), v(5)], vec![]),
    ];
    let a = score(&q, &[], &rows, 5);
    // numpy (nan for missing/N/A; x = where(reverse, 6 - raw, raw); a score when at least
    // ceil(k/2) answered: (w[ok]*x[ok]).sum()/w[ok].sum()):
    // first  = [4.625, 1.375, 3.8]; second = [2.5, 4.0, 5.0]
    // mean, s.std(ddof=1), mean -/+ stats.t.ppf(0.975, n-1)*sd/sqrt(n), (mean-1)/4*100
    let tol = 1e-9;
    let first = domain(&a, "first");
    assert_eq!(first.stats.n, 3);
    close(first.stats.mean, 3.266666666666667, tol);
    close(first.stats.sd, 1.6893662519812964, tol);
    close_pair(
        first.stats.ci95,
        [-0.9299517488383828, 7.463285082171717],
        tol,
    );
    close(first.stats.percent, 56.66666666666668, tol);
    let second = domain(&a, "second");
    assert_eq!(second.stats.n, 3);
    close(second.stats.mean, 3.8333333333333335, tol);
    close(second.stats.sd, 1.2583057392117916, tol);
    close_pair(
        second.stats.ci95,
        [0.7075285936454461, 6.9591380730212204],
        tol,
    );
    close(second.stats.percent, 70.83333333333334, tol);
    // (1*56.666... + 3*70.833...)/4
    close(a.overall.percent, 67.29166666666667, tol);
    assert_eq!(a.overall.level_name.as_deref(), Some("Measured"));
}

const HALF: &str = r#"
id: half
title: Half
scale: {min: 1, max: 5}
domains:
  - id: four
    name: Four
    questions:
      - {id: F1, text: f1}
      - {id: F2, text: f2}
      - {id: F3, text: f3}
      - {id: F4, text: f4}
  - id: five
    name: Five
    questions:
      - {id: V1, text: v1}
      - {id: V2, text: v2}
      - {id: V3, text: v3}
      - {id: V4, text: v4}
      - {id: V5, text: v5}
"#;

#[test]
fn half_answered_rule() {
    let q = questionnaire(HALF);
    // k = 4 needs ceil(4/2) = 2 answers; k = 5 needs ceil(5/2) = 3. N/A is not an answer.
    let one_of_four = vec![v(5), M, NA, M, v(1), v(1), M, NA, M];
    let two_of_four = vec![v(5), v(3), M, NA, v(1), v(1), v(1), M, NA];
    let a = score(
        &q,
        &[],
        &[(one_of_four.clone(), vec![]), (two_of_four, vec![])],
        5,
    );
    let four = domain(&a, "four");
    assert_eq!(four.stats.n, 1);
    close(four.stats.mean, 4.0, 0.0); // (5 + 3) / 2
    let five = domain(&a, "five");
    assert_eq!(five.stats.n, 1); // only the row with three answers
    close(five.stats.mean, 1.0, 0.0);

    let a = score(&q, &[], &[(one_of_four, vec![])], 5);
    assert_eq!(domain(&a, "four").stats.n, 0);
    assert_eq!(domain(&a, "five").stats.n, 0);
}

#[test]
fn skipped_and_not_applicable_rows() {
    let q = questionnaire(WORKED);
    let rows: Vec<Respondent> = vec![
        (vec![M, M, M], vec!["IT"]),     // no answer: skipped, forms no group
        (vec![NA, NA, NA], vec!["Ops"]), // N/A only: scored, no domain score
        (vec![v(4), v(4), v(2)], vec!["IT"]),
        (vec![], vec!["IT"]), // no cells at all: skipped
    ];
    let a = score(&q, &["role"], &rows, 1);
    assert_eq!(
        (
            a.respondents.rows,
            a.respondents.scored,
            a.respondents.skipped
        ),
        (4, 2, 2)
    );
    let d = domain(&a, "change");
    assert_eq!(d.stats.n, 1);
    let c1 = &d.questions[0];
    // Missing counts only scored rows: neither skipped row counts.
    assert_eq!((c1.n, c1.missing, c1.not_applicable), (1, 0, 1));
    // "Ops" exists (a scored row) but nobody in it has a score in any domain: too small,
    // counted and never named, hiding nobody, so the IT group (n 1 >= 1) stays shown.
    assert!(d.groups.iter().all(|g| g.value != "Ops"));
    assert_eq!(d.too_small_in("role"), 1);
    assert!(!group(d, "role", "IT").suppressed);
}

#[test]
fn off_scale_values_are_missing_and_counted() {
    let q = questionnaire(WORKED);
    let rows: Vec<Respondent> = vec![(vec![v(9), v(4), v(4)], vec![]), (vec![v(0), M, M], vec![])];
    let columns: Vec<String> = Vec::new();
    let mut s = Scorer::new(&q, &columns);
    for (answers, _) in &rows {
        s.add(&Row::new(&answer_codes(answers, &q.scale), &[]))
            .expect("accepted");
    }
    let a = s.finish(
        5,
        InputCounts {
            invalid_cells: 3,
            warnings: vec!["3 invalid cells skipped".into()],
        },
    );
    assert_eq!(a.respondents.invalid_cells, 5);
    assert_eq!((a.respondents.scored, a.respondents.skipped), (1, 1));
    assert_eq!(a.warnings.len(), 2);
    assert_eq!(domain(&a, "change").questions[0].missing, 1);
    assert_eq!(domain(&a, "change").questions[0].n, 0);
}

// ---------------------------------------------------------------------------------------------
// Null cases.

const SINGLE: &str = r#"
id: single
title: Single
scale: {min: 1, max: 5}
domains:
  - id: one
    name: One question
    questions:
      - {id: O1, text: o1}
  - id: pair
    name: Two questions
    questions:
      - {id: P1, text: p1}
      - {id: P2, text: p2}
"#;

#[test]
fn null_cases() {
    let q = questionnaire(SINGLE);
    // n = 0 everywhere.
    let a = score(&q, &[], &[(vec![NA, NA, NA], vec![])], 5);
    for d in &a.domains {
        assert_eq!((d.stats.n, d.alpha_n), (0, 0));
        assert!(d.stats.mean.is_none() && d.stats.sd.is_none() && d.stats.ci95.is_none());
        assert!(d.stats.percent.is_none() && d.stats.level.is_none() && d.alpha.is_none());
        for question in &d.questions {
            assert!(question.mean.is_none() && question.sd.is_none());
            assert!(question.favorable.is_none() && question.consensus.is_none());
        }
    }
    assert_eq!(a.overall.percent, None);
    assert_eq!(a.overall.level, None);

    // n = 1: a mean, no sd nor interval; alpha needs two respondents.
    let a = score(&q, &[], &[(vec![v(4), v(2), v(5)], vec![])], 5);
    let one = domain(&a, "one");
    assert_eq!(one.stats.n, 1);
    close(one.stats.mean, 4.0, 0.0);
    assert!(one.stats.sd.is_none() && one.stats.ci95.is_none());
    assert_eq!(domain(&a, "pair").alpha_n, 1);
    assert!(domain(&a, "pair").alpha.is_none());
    // One answer: consensus 1 (everyone agrees), favorable 1.
    close(one.questions[0].consensus, 1.0, 0.0);
    close(one.questions[0].favorable, 1.0, 0.0);

    // k < 2: no alpha, however many respondents.
    let rows: Vec<Respondent> = (1..=5)
        .map(|x| (vec![v(x), v(x), v(6 - x)], vec![]))
        .collect();
    let a = score(&q, &[], &rows, 5);
    assert_eq!(domain(&a, "one").alpha_n, 5);
    assert!(domain(&a, "one").alpha.is_none());
    // Two items that always disagree: totals all 6, total variance 0, alpha null.
    assert!(domain(&a, "pair").alpha.is_none());

    // The JSON of thin data has nulls, never NaN.
    let json = to_json(&a);
    assert!(!json.contains("NaN"));
    serde_json::from_str::<serde_json::Value>(&json).expect("valid JSON");
}

// ---------------------------------------------------------------------------------------------
// Anonymity.

/// Which groups of a single group-by column (sizes in order of value) the audit suppresses.
fn suppressed_groups(sizes: &[u64], min: u64) -> Vec<bool> {
    let cells: Vec<(Vec<u32>, u64)> = (0u32..)
        .zip(sizes)
        .filter(|&(_, &n)| n > 0)
        .map(|(g, &n)| (vec![g], n))
        .collect();
    audit(&[sizes.len()], &cells, min)
        .remove(0)
        .into_iter()
        .map(|v| v != Visibility::Shown)
        .collect()
}

#[test]
fn secondary_suppression_rule() {
    // By hand: sizes in order of value, minimum 5.
    // A 6, B 5, C 2: C is hidden (2 < 5) and hides 2 < 5 people, so anyone could work out C's
    // mean as (13*mean - 6*mean_A - 5*mean_B)/2. The smallest shown group, B, is hidden too:
    // B and C together hide 7 >= 5.
    assert_eq!(suppressed_groups(&[6, 5, 2], 5), [false, true, true]);
    // A 5, B 5, C 3: A and B tie as smallest; the last in order of value (B) is hidden.
    assert_eq!(suppressed_groups(&[5, 5, 3], 5), [false, true, true]);
    // C 2 and D 3 hide 5 >= 5 together: no further suppression.
    assert_eq!(
        suppressed_groups(&[6, 5, 2, 3], 5),
        [false, false, true, true]
    );
    // Nothing small: nothing hidden.
    assert_eq!(suppressed_groups(&[5, 9], 5), [false, false]);
    // A group with nobody scored hides nobody: no further suppression.
    assert_eq!(suppressed_groups(&[0, 7, 6], 5), [true, false, false]);
    // Only one group left to hide, then none.
    assert_eq!(suppressed_groups(&[2, 8], 5), [true, true]);
    assert_eq!(suppressed_groups(&[1, 2], 5), [true, true]);

    // The same case end to end: one single-question domain, department A (6 people answering
    // 4), B (5 answering 2), C (2 answering 1).
    let q = questionnaire(SINGLE);
    let mut rows: Vec<Respondent> = Vec::new();
    for (dept, n, x) in [("A", 6, 4), ("B", 5, 2), ("C", 2, 1)] {
        for _ in 0..n {
            rows.push((vec![v(x), M, M], vec![dept]));
        }
    }
    let a = score(&q, &["department"], &rows, 5);
    let d = domain(&a, "one");
    assert_eq!(d.stats.n, 13);
    let shown = group(d, "department", "A").stats.as_ref().expect("A shown");
    assert_eq!(shown.n, 6);
    close(shown.mean, 4.0, 0.0);
    close(shown.sd, 0.0, 0.0);
    // B (5) is withheld, named as such; C (2) is too small: counted, never named.
    assert!(group(d, "department", "B").suppressed);
    assert!(d.groups.iter().all(|g| g.value != "C"));
    assert_eq!(d.too_small_in("department"), 1);
    assert!(a.comparisons.is_empty());
    // Domain "pair" has no scores at all: A and B, which reach 5 in domain "one", show as
    // groups with no answers (n 0, not suppressed); C is too small there too.
    let pair = domain(&a, "pair");
    let listed: Vec<(&str, bool, Option<u64>)> = pair
        .groups
        .iter()
        .map(|g| {
            (
                g.value.as_str(),
                g.suppressed,
                g.stats.as_ref().map(|s| s.n),
            )
        })
        .collect();
    assert_eq!(listed, [("A", false, Some(0)), ("B", false, Some(0))]);
    assert_eq!(pair.too_small_in("department"), 1);
}

#[test]
fn blank_group_values() {
    let q = questionnaire(SINGLE);
    let rows: Vec<Respondent> = vec![
        (vec![v(5), M, M], vec!["", "x"]),
        (vec![v(4), M, M], vec!["  ", "x"]),
        (vec![v(3), M, M], vec![" IT ", "x"]),
        (vec![v(2), M, M], vec!["IT", "x"]),
        (vec![v(1), M, M], vec![]), // no group values at all: blank for both columns
    ];
    let a = score(&q, &["role", "site"], &rows, 2);
    let d = domain(&a, "one");
    let listed: Vec<(&str, &str)> = d
        .groups
        .iter()
        .map(|g| (g.column.as_str(), g.value.as_str()))
        .collect();
    assert_eq!(listed, [("role", "(blank)"), ("role", "IT"), ("site", "x")]);
    let blank = group(d, "role", BLANK_GROUP).stats.as_ref().expect("shown");
    assert_eq!(blank.n, 3);
    close(blank.mean, 10.0 / 3.0, 1e-12);
    // site: (blank) has 1 < 2 and hides 1 < 2 people, so x (the only shown group) goes too.
    // (blank) is counted, never named; x is withheld.
    assert_eq!(d.too_small_in("site"), 1);
    assert!(group(d, "site", "x").suppressed);
}

#[test]
fn group_column_with_too_many_values_is_refused() {
    let q = questionnaire(SINGLE);
    let columns = vec!["respondent".to_string()];
    let mut s = Scorer::new(&q, &columns);
    let answers = answer_codes(&[v(3), M, M], &q.scale);
    for i in 0..MAX_GROUP_VALUES {
        let groups = [format!("R{i:04}")];
        s.add(&Row::new(&answers, &groups))
            .expect("within the limit");
    }
    // A value already seen is fine; a new one is refused and not counted.
    let seen = ["R0000".to_string()];
    s.add(&Row::new(&answers, &seen)).expect("known value");
    let new = ["R9999".to_string()];
    let err = s
        .add(&Row::new(&answers, &new))
        .expect_err("too many values");
    assert_eq!(
        err,
        ScoreError::TooManyGroupValues {
            column: "respondent".into(),
            limit: MAX_GROUP_VALUES
        }
    );
    assert!(err.to_string().contains("'respondent'"));
    let a = s.finish(5, InputCounts::default());
    assert_eq!(a.respondents.rows, MAX_GROUP_VALUES as u64 + 1);
}

// ---------------------------------------------------------------------------------------------
// Determinism.

#[test]
fn output_does_not_depend_on_row_order() {
    let q = questionnaire(WEIGHTED);
    let mut rows: Vec<Respondent> = Vec::new();
    // A fixed pseudo-random sequence (a linear congruential generator) of answers.
    let mut state: u64 = 42;
    let mut next = || {
        state = state
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        (state >> 33) % 7
    };
    for _ in 0..300 {
        let answers: Vec<Answer> = (0..5)
            .map(|_| match next() {
                0 => M,
                6 => NA,
                x => v(x as i32),
            })
            .collect();
        let role = ["IT", "Business", "Leadership", ""][(next() % 4) as usize];
        rows.push((answers, vec![role]));
    }
    let forward = score(&q, &["role"], &rows, 5);
    rows.reverse();
    let backward = score(&q, &["role"], &rows, 5);
    rows.rotate_left(117);
    let rotated = score(&q, &["role"], &rows, 5);
    assert_eq!(to_json(&forward), to_json(&backward));
    assert_eq!(to_json(&forward), to_json(&rotated));
    assert_eq!(to_csv(&forward), to_csv(&rotated));
    assert_eq!(to_table(&forward), to_table(&rotated));
    assert_eq!(forward, rotated);
}

// ---------------------------------------------------------------------------------------------
// Red flags.

const FLAGGED: &str = r#"
id: flagged
title: Flagged
scale: {min: 1, max: 5}
domains:
  - id: change
    name: Change
    questions:
      - {id: C1, text: c1}
      - {id: C2, text: c2, reverse: true}
flags:
  - {id: low-change, domain: change, at_most: 25, finding: Change is weak.}
  - {id: low-change-mean, domain: change, metric: mean, below: 2, finding: Mean is low.}
  - {id: c2-agree, question: C2, metric: favorable, below: 50, finding: Most agree with C2.}
  - {id: c1-mean, question: C1, at_most: 1.5, finding: C1 is low.}
  - {id: c1-high, question: C1, at_most: 1, finding: Not raised.}
"#;

#[test]
fn raised_flags() {
    let q = questionnaire(FLAGGED);
    // C1 answers 1 and 2 (mean 1.5); C2 raw 5 and 4, reversed 1 and 2 (favorable 0%).
    // Scores (1+1)/2 = 1 and (2+2)/2 = 2: mean 1.5, percent (1.5-1)/4*100 = 12.5.
    let rows: Vec<Respondent> = vec![(vec![v(1), v(5)], vec![]), (vec![v(2), v(4)], vec![])];
    let a = score(&q, &[], &rows, 5);
    let raised: Vec<(&str, f64)> = a.flags.iter().map(|f| (f.id.as_str(), f.value)).collect();
    assert_eq!(
        raised,
        [
            ("low-change", 12.5),
            ("low-change-mean", 1.5),
            ("c2-agree", 0.0),
            ("c1-mean", 1.5)
        ]
    );
    assert_eq!(a.raised_flags(&q), a.flags);
    assert_eq!(a.flags[2].domain, "change");
    // Without answers no flag is raised.
    let a = score(&q, &[], &[(vec![NA, NA], vec![])], 5);
    assert!(a.raised_flags(&q).is_empty());
}

// ---------------------------------------------------------------------------------------------
// Exports.

#[test]
fn json_keys_follow_the_contract() {
    let q = questionnaire(WORKED);
    let a = score(&q, &["role"], &worked_rows(), 3);
    let json = to_json(&a);
    assert!(json.ends_with("}\n"));
    let order = |keys: &[&str], text: &str| {
        let positions: Vec<usize> = keys
            .iter()
            .map(|k| {
                text.find(&format!("\"{k}\":"))
                    .unwrap_or_else(|| panic!("key {k} missing"))
            })
            .collect();
        assert!(
            positions.windows(2).all(|w| w[0] < w[1]),
            "keys out of order: {keys:?}"
        );
    };
    order(
        &[
            "questionnaire",
            "respondents",
            "overall",
            "domains",
            "comparisons",
        ],
        &json,
    );
    order(&["rows", "scored", "skipped"], &json);
    let domains = &json[json.find("\"domains\"").expect("domains")..];
    order(
        &[
            "id",
            "name",
            "weight",
            "n",
            "mean",
            "sd",
            "ci95",
            "percent",
            "level",
            "level_name",
            "alpha",
            "alpha_n",
            "questions",
            "groups",
        ],
        domains,
    );
    let questions = &domains[domains.find("\"questions\"").expect("questions")..];
    order(
        &[
            "id",
            "text",
            "reverse",
            "n",
            "mean",
            "sd",
            "missing",
            "not_applicable",
            "counts",
            "favorable",
            "consensus",
        ],
        questions,
    );
    let groups = &domains[domains.find("\"groups\"").expect("groups")..];
    order(
        &[
            "column",
            "value",
            "suppressed",
            "n",
            "mean",
            "sd",
            "ci95",
            "percent",
            "level",
        ],
        groups,
    );
    let comparisons = &json[json.find("\"comparisons\"").expect("comparisons")..];
    order(
        &[
            "domain",
            "column",
            "a",
            "b",
            "mean_difference",
            "u",
            "p_value",
            "rank_biserial",
        ],
        comparisons,
    );
    let value: serde_json::Value = serde_json::from_str(&json).expect("valid JSON");
    assert_eq!(
        value["domains"][0]["questions"][1]["counts"],
        serde_json::json!({"1": 0, "2": 1, "3": 1, "4": 1, "5": 1})
    );
    // Numbers are not rounded.
    assert_eq!(
        value["domains"][0]["mean"].as_f64(),
        domain(&a, "change").stats.mean
    );
}

#[test]
fn csv_rows_and_formula_injection() {
    let q = questionnaire(SINGLE);
    let rows: Vec<Respondent> = vec![
        (vec![v(5), v(1), v(2)], vec!["=HYPERLINK(\"x\")"]),
        (vec![v(4), v(2), v(2)], vec!["=HYPERLINK(\"x\")"]),
        (vec![v(1), v(3), v(3)], vec!["-sales, east"]),
        (vec![v(2), v(3), v(4)], vec!["-sales, east"]),
        (vec![v(2), v(3), v(4)], vec!["@ops"]),
    ];
    let a = score(&q, &["team"], &rows, 2);
    let csv = to_csv(&a);
    let lines: Vec<&str> = csv.lines().collect();
    assert_eq!(
        lines[0],
        "scope,domain,column,group,suppressed,n,mean,sd,ci95_low,ci95_high,percent,level,level_name,alpha,alpha_n,versus,n_versus,mean_difference,p,p_adjusted,rank_biserial"
    );
    assert!(lines[1].starts_with("overall,,,,,5,"));
    // Domain "one": scores 5,4,1,2,2: mean 2.8, percent 45.
    assert!(lines[2].starts_with("domain,one,,,false,5,2.800000,"));
    assert!(lines[2].contains(",45.000000,3,Defined,,5"));
    assert!(csv.contains("group,one,team,\"'-sales, east\",false,2,1.500000,"));
    // @ops has 1 < 2: suppressed, hiding 1 < 2, so the smallest shown group (a tie of two
    // 2s: the last in order of value, "=HYPERLINK...", since '-' < '=') is hidden too.
    // @ops itself is counted by a row with no value: its name is never written.
    assert!(csv.contains("group,one,team,,true,,,,,,,,,,,,,,,,\n"));
    assert!(!csv.contains("@ops"));
    assert!(csv.contains("group,one,team,\"'=HYPERLINK(\"\"x\"\")\",true,,"));
    assert_eq!(lines.len(), 2 + 2 * 4);
}

#[test]
fn table_reads_as_a_summary() {
    let q = questionnaire(WORKED);
    let a = score(&q, &["role"], &worked_rows(), 3);
    let table = to_table(&a);
    assert!(table.contains("Worked example (worked, version 1)"));
    assert!(table.contains("Respondents: 7 rows, 7 scored, 0 skipped"));
    assert!(table.contains("Overall: 47.9% of the scale, level 3 Defined"));
    assert!(table.contains("Change  47.9%  3 Defined  6  2.92  1.44 to 4.39"));
    assert!(table.contains("Change: Business 20.8% (n 3), IT 75.0% (n 3)"));
    // p = 0.081: no gap in words.
    assert!(table.contains("None: no two shown groups differ with p < 0.05."));
    assert!(table.contains("run past the ends of the scale"));

    let a = score(&q, &["role"], &worked_rows(), 5);
    let table = to_table(&a);
    // Groups too small to show are counted, never named.
    assert!(table.contains("Change: Not shown on their own (too few people): 2 groups."));
    assert!(!table.contains("Business") && !table.contains("IT suppressed"));
}

#[test]
fn table_states_significant_gaps_in_words() {
    let q = questionnaire(SINGLE);
    let mut rows: Vec<Respondent> = Vec::new();
    for x in [4, 5, 5, 4, 5, 4] {
        rows.push((vec![v(x), M, M], vec!["IT"]));
    }
    for x in [1, 2, 2, 1, 2, 1] {
        rows.push((vec![v(x), M, M], vec!["Business"]));
    }
    let a = score(&q, &["role"], &rows, 5);
    // scipy.stats.mannwhitneyu([1,2,2,1,2,1], [4,5,5,4,5,4], alternative='two-sided',
    //     method='asymptotic', use_continuity=True) -> U = 0.0, p = 0.003925625174650279
    let c = &a.comparisons[0];
    close(c.u, 0.0, 0.0);
    close(c.p_value, 0.003925625174650279, 1e-11);
    let table = to_table(&a);
    assert!(table.contains(
        "One question: IT rate it higher than Business (mean 4.50 against 1.50 on the 1-5 \
         scale, p = 0.004)."
    ));
}

#[test]
fn table_sends_no_bidi_override_or_c1_control_to_the_terminal_and_dashes_what_is_missing() {
    let q = questionnaire(&SINGLE.replace("title: Single", "title: \"Single\\u202E\\u009B31m\""));
    // The pair domain is never answered: no score, no level, no mean, no interval.
    let rows: Vec<Respondent> = vec![
        (vec![v(4), M, M], vec!["IT\u{202E}\u{9B}31m"]),
        (vec![v(2), M, M], vec!["IT\u{202E}\u{9B}31m"]),
    ];
    let a = score(&q, &["team"], &rows, 1);
    let table = to_table(&a);
    for c in ['\u{202E}', '\u{9B}'] {
        assert!(!table.contains(c), "U+{:04X} in\n{table}", c as u32);
    }
    // Each unsafe character became a space.
    assert!(table.starts_with("Single  31m (single)\n"), "{table}");
    // Answers 4 and 2 on 1-5: mean 3, (3 - 1) / 4 = 50%.
    assert!(
        table.contains("One question: IT  31m 50.0% (n 2)"),
        "{table}"
    );
    // Columns 13, 5, 9, 1, 4 wide; score, n and mean right-aligned; missing figures an en dash.
    assert!(
        table.contains("\nTwo questions      –  –          0     –  –\n"),
        "{table}"
    );
}

// ---------------------------------------------------------------------------------------------
// The statistics on their own, against scipy.

#[test]
fn mean_sd_ci_from_histograms() {
    // numpy: s = [1,2,2,3,3,3,5]; s.mean(), s.std(ddof=1),
    // s.mean() -/+ stats.t.ppf(0.975, 6)*s.std(ddof=1)/sqrt(7)
    let hist = [(1.0, 1), (2.0, 2), (3.0, 3), (5.0, 1)];
    assert_eq!(stats::count(&hist), 7);
    close(stats::mean(&hist), 2.7142857142857144, 1e-12);
    close(stats::sd(&hist), 1.2535663410560176, 1e-12);
    let (m, s) = (2.7142857142857144, 1.2535663410560176);
    close_pair(
        stats::ci95(7, m, s),
        [1.5549302135254488, 3.8736412150459802],
        1e-12,
    );
    // [2, 4]: mean 3, sd sqrt(2), t(0.975, 1) = 12.706204736174694.
    close_pair(
        stats::ci95(2, 3.0, 2f64.sqrt()),
        [-9.706204736174694, 15.706204736174694],
        1e-9,
    );
    assert_eq!(stats::mean(&[]), None);
    assert_eq!(stats::mean(&[(3.0, 0)]), None);
    assert_eq!(stats::sd(&[(3.0, 1)]), None);
    assert_eq!(stats::ci95(1, 3.0, 0.0), None);
    assert_eq!(stats::ci95(5, f64::NAN, 1.0), None);
}

#[test]
fn t_quantiles_match_scipy() {
    // scipy.stats.t.ppf(0.975, df)
    for (df, expected) in [
        (1, 12.706204736174694),
        (2, 4.302652729749462),
        (3, 3.1824463052837078),
        (10, 2.228138851986274),
        (30, 2.0422724563012378),
        (100, 1.9839715185235518),
        (1000, 1.9623390808264083),
        (1001, 1.9623367052808798),
        (5000, 1.9604385517065073),
        (99999, 1.9599877077718442),
        (999999, 1.9599663568164791),
        (1_000_000_000, 1.959963986912325),
    ] {
        close(stats::t_quantile_975(df), expected, 1e-11);
    }
    assert_eq!(stats::t_quantile_975(0), None);
    // Every degree of freedom up to past the switch gives a finite quantile, decreasing.
    let mut previous = f64::INFINITY;
    for df in 1..=1100 {
        let t = stats::t_quantile_975(df).expect("finite");
        assert!(t < previous && t > 1.959, "df {df}: {t}");
        previous = t;
    }
    assert!(stats::t_quantile_975(u64::MAX).is_some());
}

#[test]
fn mann_whitney_with_ties_matches_scipy() {
    use std::collections::BTreeMap;
    let hist = |values: &[i32]| {
        let mut h = BTreeMap::new();
        for &x in values {
            *h.entry(x).or_insert(0u64) += 1;
        }
        h
    };
    let a = hist(&[1, 2, 2, 3, 3, 3, 5]);
    let b = hist(&[2, 3, 4, 4, 5, 5, 5, 5]);
    // scipy.stats.mannwhitneyu(a, b, alternative='two-sided', method='asymptotic',
    //     use_continuity=True) -> statistic 11.5, pvalue 0.055829294639240065;
    // rank-biserial 2*11.5/(7*8) - 1 = -0.5892857142857143
    // The p-values agree to about 1e-10 relative: statrs's erfc is that far from scipy's.
    let t = stats::mann_whitney(&a, &b).expect("two samples");
    close(Some(t.u), 11.5, 0.0);
    close(t.p_value, 0.055829294639240065, 1e-11);
    close(Some(t.rank_biserial), -0.5892857142857143, 1e-12);
    // mannwhitneyu(b, a, ...) -> statistic 44.5, the same p-value.
    let t = stats::mann_whitney(&b, &a).expect("two samples");
    close(Some(t.u), 44.5, 0.0);
    close(t.p_value, 0.055829294639240065, 1e-11);
    // mannwhitneyu([1.5], [2.5], ...) -> statistic 0.0, pvalue 1.0
    let t = stats::mann_whitney(&hist(&[1]), &hist(&[2])).expect("two samples");
    close(Some(t.u), 0.0, 0.0);
    close(t.p_value, 1.0, 1e-12);
    // Every value tied: the normal approximation has no variance; scipy returns p = 1 by
    // dividing by zero; here the p-value is null. U = n_a*n_b/2 = 3.
    let t = stats::mann_whitney(&hist(&[3, 3]), &hist(&[3, 3, 3])).expect("two samples");
    close(Some(t.u), 3.0, 0.0);
    assert_eq!(t.p_value, None);
    close(Some(t.rank_biserial), 0.0, 0.0);
    assert_eq!(stats::mann_whitney(&hist(&[]), &hist(&[1])), None);
}

#[test]
fn consensus_and_alpha() {
    // Tastle & Wierman's own landmarks: all answers equal -> 1; half at each end -> 0.
    close(stats::consensus(&[(2.0, 10)], 1.0, 5.0), 1.0, 0.0);
    close(
        stats::consensus(&[(1.0, 4), (5.0, 4)], 1.0, 5.0),
        0.0,
        1e-15,
    );
    // Uniform over 1..5: mu 3, 1 + 2*(0.2*log2(1 - 2/4)) + 2*(0.2*log2(1 - 1/4))
    //   = 1 - 0.4 + 0.4*log2(0.75) (python: 1-0.4+0.4*math.log2(0.75) = 0.43398500028846243)
    let uniform: Vec<(f64, u64)> = (1..=5).map(|x| (f64::from(x), 1)).collect();
    close(
        stats::consensus(&uniform, 1.0, 5.0),
        0.43398500028846243,
        1e-12,
    );
    assert_eq!(stats::consensus(&[], 1.0, 5.0), None);
    assert_eq!(stats::consensus(&[(1.0, 1)], 5.0, 5.0), None);

    // k=3, variances 1, 1, 1, total 6: 3/2 * (1 - 3/6) = 0.75.
    close(
        stats::cronbach_alpha(10, &[1.0, 1.0, 1.0], 6.0),
        0.75,
        1e-15,
    );
    assert_eq!(stats::cronbach_alpha(10, &[1.0], 1.0), None);
    assert_eq!(stats::cronbach_alpha(1, &[1.0, 1.0], 3.0), None);
    assert_eq!(stats::cronbach_alpha(10, &[1.0, 1.0], 0.0), None);
}

#[test]
fn exact_keys_make_decimal_weights_tie() {
    // Weights 0.1 and 0.2 (read as 1 and 2): answers 1 and 4 score (1 + 2*4)/3 = 3 exactly,
    // as does 3 alone, so the two respondents tie and rank together. In f64,
    // (0.1*1 + 0.2*4)/(0.1 + 0.2) is 2.9999999999999996 (python), which would not tie.
    let q = questionnaire(
        r#"
id: decimals
title: Decimals
scale: {min: 1, max: 5}
domains:
  - id: d
    name: D
    questions:
      - {id: D1, text: d1, weight: 0.1}
      - {id: D2, text: d2, weight: 0.2}
"#,
    );
    let rows: Vec<Respondent> = vec![(vec![v(1), v(4)], vec!["a"]), (vec![v(3), M], vec!["b"])];
    let a = score(&q, &["g"], &rows, 1);
    let d = domain(&a, "d");
    close(d.stats.sd, 0.0, 0.0);
    // Tied: U = 0.5, rank-biserial 0, p null (no variance).
    let c = &a.comparisons[0];
    close(c.u, 0.5, 0.0);
    assert_eq!(c.p_value, None);
}

// ---------------------------------------------------------------------------------------------
// Robustness: no panic, no NaN, whatever the rows hold.

#[test]
fn approximate_weights_end_to_end() {
    // Weights 1e-30 and 1 cannot be scaled to 64-bit integers; scores are computed in f64.
    // By hand: both answered -> (1e-30*x1 + x2)/(1 + 1e-30), which is x2 in f64; only the first
    // answered (1 of 2 is enough) -> x1.
    let q = questionnaire(
        r#"
id: extreme
title: Extreme weights
scale: {min: 1, max: 5}
domains:
  - id: d
    name: D
    questions:
      - {id: D1, text: d1}
      - {id: D2, text: d2}
"#,
    );
    // Validation bounds weights to 1e-6..1e6; the scorer's arithmetic is tested beyond them
    // by setting the weight on the validated model.
    let mut q = q;
    q.domains[0].questions[0].weight = 1.0e-30;
    let rows: Vec<Respondent> = vec![
        (vec![v(1), v(5)], vec![]),
        (vec![v(3), M], vec![]),
        (vec![v(5), v(5)], vec![]),
    ];
    let a = score(&q, &[], &rows, 5);
    let d = domain(&a, "d");
    assert_eq!(d.stats.n, 3);
    // Scores 5, 3, 5: mean 13/3, sd sqrt(4/3).
    close(d.stats.mean, 13.0 / 3.0, 1e-12);
    close(d.stats.sd, (4.0f64 / 3.0).sqrt(), 1e-12);
}

#[test]
fn extreme_scales_and_odd_rows_do_not_panic() {
    let q = questionnaire(
        r#"
id: edge
title: Edge scale
scale: {min: 2147483643, max: 2147483647}
domains:
  - id: d
    name: D
    questions:
      - {id: D1, text: d1}
      - {id: D2, text: d2, reverse: true, weight: 3}
"#,
    );
    let max = i32::MAX;
    let rows: Vec<Respondent> = vec![
        (vec![v(max), v(max - 4)], vec!["a"]),
        (vec![v(max - 1), v(max - 3), v(7), v(8)], vec!["a", "extra"]),
        (vec![v(i32::MIN), v(max)], vec!["b"]),
        (vec![v(max - 2)], vec![]),
    ];
    let a = score(&q, &["g"], &rows, 1);
    let d = domain(&a, "d");
    // Shifted values: r1 (4 + 3*4)/4 = 4, r2 (3 + 3*3)/4 = 3, r3 only D2 raw max -> reversed
    // offset 0, r4 only D1 offset 2. Scores on the scale: min + [4, 3, 0, 2].
    assert_eq!(d.stats.n, 4);
    close(d.stats.percent, 56.25, 0.0); // mean offset 2.25 of 4
    // Computed on the shifted scale, the mean keeps every bit so far from 0.
    assert_eq!(d.stats.mean, Some(2147483645.25));
    assert_eq!(a.respondents.invalid_cells, 1); // i32::MIN
    let json = to_json(&a);
    assert!(!json.contains("NaN"));
    let _ = (to_csv(&a), to_table(&a));

    // Random rows of random lengths over a small scale, with values far off it.
    let q = questionnaire(WEIGHTED);
    let mut state: u64 = 7;
    let mut next = || {
        state = state
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        state >> 33
    };
    let columns = vec!["a".to_string(), "b".to_string()];
    let mut s = Scorer::new(&q, &columns);
    for _ in 0..2000 {
        let len = (next() % 8) as usize;
        let answers: Vec<Answer> = (0..len)
            .map(|_| match next() % 9 {
                0 => M,
                1 => NA,
                2 => v(i32::MIN),
                3 => v(i32::MAX),
                x => v(x as i32 - 3),
            })
            .collect();
        let groups: Vec<String> = (0..(next() % 3))
            .map(|i| format!("{}", (next() + i) % 4))
            .collect();
        s.add(&Row::new(&answer_codes(&answers, &q.scale), &groups))
            .expect("few group values");
    }
    let a = s.finish(0, InputCounts::default());
    let json = to_json(&a);
    assert!(!json.contains("NaN"));
    serde_json::from_str::<serde_json::Value>(&json).expect("valid JSON");
    let _ = (to_csv(&a), to_table(&a));
}

#[test]
fn table_states_only_the_largest_gaps() {
    // Five groups of 6 answering 1, 2, 3, 4 and 5 throughout: in both domains every one of the
    // 10 pairs differs (U = 0 or 36, p about 0.002), 20 gaps in all.
    let q = questionnaire(SINGLE);
    let mut rows: Vec<Respondent> = Vec::new();
    for (g, x) in [("g1", 1), ("g2", 2), ("g3", 3), ("g4", 4), ("g5", 5)] {
        for _ in 0..6 {
            rows.push((vec![v(x), v(x), v(x)], vec![g]));
        }
    }
    let a = score(&q, &["team"], &rows, 5);
    assert_eq!(a.comparisons.len(), 20);
    assert!(
        a.comparisons
            .iter()
            .all(|c| c.p_value.is_some_and(|p| p < 0.05))
    );
    let table = to_table(&a);
    let stated = table
        .lines()
        .filter(|l| l.contains("rate it higher"))
        .count();
    assert_eq!(stated, export::MAX_GAPS_IN_TABLE);
    assert!(table.contains("... and 8 more with p < 0.05"));
    assert!(table.contains("(20 pairs compared"));
}

// ---------------------------------------------------------------------------------------------
// Reading results back: exact score values, distributions, JSON round trips.

/// A score value from its text.
fn sv(text: &str) -> ScoreValue {
    text.parse().unwrap_or_else(|e| panic!("{e}"))
}

#[test]
fn score_values_are_written_exactly() {
    // Exact: min + num/den in lowest terms.
    assert_eq!(ScoreValue::exact(1, 5, 2).to_string(), "7/2");
    assert_eq!(ScoreValue::exact(1, 4, 2).to_string(), "3");
    assert_eq!(ScoreValue::exact(1, 0, 7).to_string(), "1");
    assert_eq!(ScoreValue::exact(1, 13, 4).to_string(), "17/4");
    // -3 + 3/2 = -3/2; -3 + 4/3 = -5/3.
    assert_eq!(ScoreValue::exact(-3, 3, 2).to_string(), "-3/2");
    assert_eq!(ScoreValue::exact(-3, 4, 3).to_string(), "-5/3");
    // Approximate: the whole part, then the shortest digits of the fraction.
    assert_eq!(ScoreValue::approximate(1, 2.75).to_string(), "3.75");
    assert_eq!(ScoreValue::approximate(1, 2.0).to_string(), "3.0");
    // -3 + 0.25 = -2.75; -3 + 0.5 = -2.5; -1 + 0.125 = -0.875.
    assert_eq!(ScoreValue::approximate(-3, 0.25).to_string(), "-2.75");
    assert_eq!(ScoreValue::approximate(-3, 0.5).to_string(), "-2.5");
    assert_eq!(ScoreValue::approximate(-1, 0.125).to_string(), "-0.875");
    assert_eq!(ScoreValue::approximate(-3, 2.0).to_string(), "-1.0");

    // Reading gives the same value back, in both forms.
    for text in [
        "7/2", "3", "-3/2", "-5/3", "3.75", "3.0", "-2.75", "-0.875", "-1.0",
    ] {
        assert_eq!(sv(text).to_string(), text, "{text}");
    }
    // Fractions are reduced on reading; a decimal keeps its kind.
    assert_eq!(sv("14/4").to_string(), "7/2");
    assert_eq!(sv("-6/4"), ScoreValue::exact(-3, 3, 2));
    assert_eq!(sv("3.750"), ScoreValue::approximate(1, 2.75));

    // Order is the order of the scores: 7/2 < 15/4 < 4, -2 < -3/2 < -1.
    assert!(sv("7/2") < sv("15/4") && sv("15/4") < sv("4"));
    assert!(sv("-2") < sv("-3/2") && sv("-3/2") < sv("-1"));
    assert!(sv("-2.75") < sv("-2.5") && sv("-2.5") < sv("3.0"));

    for bad in [
        "", "abc", "1/0", "1/-2", "1.", ".5", "--1.5", "1.2.3", "1e3", "0x10",
    ] {
        assert!(bad.parse::<ScoreValue>().is_err(), "{bad:?}");
    }
}

#[test]
fn approximate_score_values_round_trip_to_the_bit() {
    // Fractions of every size, from pseudo-random bit patterns, on both sides of 0.
    let mut state: u64 = 11;
    for i in 0..5000 {
        state = state
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        // A random f64 in [1, 2), scaled into [0, 4) by a power of two down to 2^-60.
        let unit = f64::from_bits(0x3ff0_0000_0000_0000 | (state >> 12));
        let shifted = (unit - 1.0) * 4.0 / f64::from(1u32 << (i % 31)) / (1u64 << (i % 30)) as f64;
        for min in [1, -3, i32::MIN, i32::MAX - 4] {
            let value = ScoreValue::approximate(min, shifted);
            let back = sv(&value.to_string());
            assert_eq!(back, value, "{value}");
            assert_eq!(back.shifted(min).to_bits(), shifted.to_bits(), "{value}");
        }
    }
}

#[test]
fn figures_survive_json_to_the_bit() {
    // serde_json reads back every f64 it writes only with its `float_roundtrip` feature.
    let mut state: u64 = 3;
    for _ in 0..20_000 {
        state = state
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        let x = f64::from_bits(state);
        if !x.is_finite() {
            continue;
        }
        let text = serde_json::to_string(&x).expect("a finite f64");
        let back: f64 = serde_json::from_str(&text).expect("a number");
        assert_eq!(back.to_bits(), x.to_bits(), "{text}");
    }
}

#[test]
fn distributions_hold_every_score_exactly() {
    let q = questionnaire(WORKED);
    let a = score(&q, &["role"], &worked_rows(), 3);
    // The respondent scores worked out above: IT 17/4, 3, 19/4; Business 2, 1, 5/2 (the last
    // row answers one question of three: no score).
    let d = domain(&a, "change");
    let expected = |pairs: &[(&str, u64)]| -> Distribution {
        pairs.iter().map(|&(v, c)| (sv(v), c)).collect()
    };
    assert_eq!(
        d.stats.distribution,
        expected(&[
            ("1", 1),
            ("2", 1),
            ("5/2", 1),
            ("3", 1),
            ("17/4", 1),
            ("19/4", 1)
        ])
    );
    let it = group(d, "role", "IT").stats.as_ref().expect("shown");
    assert_eq!(
        it.distribution,
        expected(&[("3", 1), ("17/4", 1), ("19/4", 1)])
    );
    // In the JSON: an object in ascending order of score, after the level.
    let json = to_json(&a);
    let value: serde_json::Value = serde_json::from_str(&json).expect("JSON");
    assert_eq!(
        value["domains"][0]["distribution"],
        serde_json::json!({"1": 1, "2": 1, "5/2": 1, "3": 1, "17/4": 1, "19/4": 1})
    );
    let text = &json[json.find("\"distribution\"").expect("a distribution")..];
    let positions: Vec<usize> = ["\"1\"", "\"2\"", "\"5/2\"", "\"3\"", "\"17/4\"", "\"19/4\""]
        .iter()
        .map(|k| text.find(k).expect("a key"))
        .collect();
    assert!(positions.windows(2).all(|w| w[0] < w[1]), "{text}");
    // A suppressed group has none.
    let a = score(&q, &["role"], &worked_rows(), 5);
    let value: serde_json::Value = serde_json::from_str(&to_json(&a)).expect("JSON");
    assert!(
        value["domains"][0]["groups"][0]
            .get("distribution")
            .is_none()
    );
    assert!(value["domains"][0]["distribution"].is_object());
}

/// Serialise with the tool's own exporter, read back, and compare.
#[track_caller]
fn assert_assessment_round_trips(a: &Assessment) {
    let json = to_json(a);
    assert!(json.starts_with("{\n  \"schema_version\": 1,\n"), "{json}");
    let back: Assessment = serde_json::from_str(&json).expect("an assessment reads back");
    assert_eq!(&back, a);
    assert_eq!(to_json(&back), json);
}

#[test]
fn assessments_and_plans_read_back_equal() {
    let q = questionnaire(WORKED);
    assert_assessment_round_trips(&score(&q, &["role"], &worked_rows(), 3));
    assert_assessment_round_trips(&score(&q, &["role"], &worked_rows(), 5));

    // The sample survey, grouped by both of its columns, through the pipeline.
    let q = crate::questionnaire::load("danger-signs").expect("built in");
    let sample =
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("sample-data/danger-signs.csv");
    let read = crate::responses::ReadOptions {
        group_by: vec!["role".into(), "department".into()],
        ..Default::default()
    };
    let sources = vec![crate::responses::Source::file(sample)];
    let a = crate::pipeline::assess(&q, sources, &read, DEFAULT_MIN_GROUP_SIZE)
        .expect("the sample scores")
        .assessment;
    assert_eq!(a.schema_version, SCHEMA_VERSION);
    assert!(
        !a.comparisons.is_empty() && !a.flags.is_empty(),
        "a full assessment"
    );
    assert_assessment_round_trips(&a);

    let plan =
        crate::pipeline::plan(&q, &a, &crate::roadmap::PlanOptions::default()).expect("a plan");
    assert!(plan.actions().count() > 0 && !plan.flags.is_empty());
    let json = crate::export::PlanExporter::plan(&crate::export::Json, &plan, &q).expect("JSON");
    assert!(json.starts_with("{\n  \"schema_version\": 1,\n"), "{json}");
    let back: crate::roadmap::Plan = serde_json::from_str(&json).expect("a plan reads back");
    assert_eq!(back, plan);
}

/// Mann-Whitney U of the first sample by counting pairs: 1 for each pair (x, y) with x > y,
/// one half for a tie.
fn u_by_pairs(xs: &[f64], ys: &[f64]) -> f64 {
    let mut u = 0.0;
    for x in xs {
        for y in ys {
            u += if x > y {
                1.0
            } else if x == y {
                0.5
            } else {
                0.0
            };
        }
    }
    u
}

#[test]
fn two_waves_compare_from_their_json_alone() {
    let q = questionnaire(WORKED);
    // Wave 1: the worked example (scores 17/4, 3, 19/4, 2, 1, 5/2). Wave 2: later answers,
    // scores by hand: (4+4+2*4)/4 = 4, (3+3+2*3)/4 = 3 (a tie with wave 1), (5+5)/2 = 5 (C3
    // missing), (2+4)/3 = 2 (C2 N/A; a tie), (4+5+2*4)/4 = 17/4 (a tie), (1+2)/2 = 3/2.
    let wave2: Vec<Respondent> = vec![
        (vec![v(4), v(4), v(2)], vec!["IT"]),
        (vec![v(3), v(3), v(3)], vec!["IT"]),
        (vec![v(5), v(5), M], vec!["IT"]),
        (vec![v(2), NA, v(4)], vec!["Business"]),
        (vec![v(4), v(5), v(2)], vec!["Business"]),
        (vec![v(1), v(2), M], vec!["Business"]),
    ];
    let first = to_json(&score(&q, &["role"], &worked_rows(), 3));
    let second = to_json(&score(&q, &["role"], &wave2, 3));
    // Only the two files from here on.
    let first: Assessment = serde_json::from_str(&first).expect("wave 1");
    let second: Assessment = serde_json::from_str(&second).expect("wave 2");
    let test = stats::mann_whitney(
        &second.domains[0].stats.distribution,
        &first.domains[0].stats.distribution,
    )
    .expect("two samples");
    let raw_second = [4.0, 3.0, 5.0, 2.0, 4.25, 1.5];
    let raw_first = [4.25, 3.0, 4.75, 2.0, 1.0, 2.5];
    // Pairs by hand: 4 beats 3,2,1,2.5 (4); 3 beats 2,1,2.5 and ties 3 (3.5); 5 beats all (6);
    // 2 beats 1 and ties 2 (1.5); 17/4 beats 3,2,1,2.5 and ties 17/4 (4.5); 3/2 beats 1 (1).
    // U = 4 + 3.5 + 6 + 1.5 + 4.5 + 1 = 20.5.
    assert_eq!(u_by_pairs(&raw_second, &raw_first), 20.5);
    assert_eq!(test.u, 20.5);
    // The same per group: IT of wave 2 (4, 3, 5) against IT of wave 1 (17/4, 3, 19/4):
    // 4 beats 3 (1); 3 ties 3 (0.5); 5 beats all (3): U = 4.5.
    let it = |a: &Assessment| {
        group(&a.domains[0], "role", "IT")
            .stats
            .clone()
            .expect("shown")
    };
    let test = stats::mann_whitney(&it(&second).distribution, &it(&first).distribution)
        .expect("two samples");
    assert_eq!(u_by_pairs(&[4.0, 3.0, 5.0], &[4.25, 3.0, 4.75]), 4.5);
    assert_eq!(test.u, 4.5);
}

// ---------------------------------------------------------------------------------------------
// The disclosure audit across group-by columns.

/// n and mean of a group as shown, `None` when it is not.
fn shown(d: &DomainResult, column: &str, value: &str) -> Option<(u64, f64)> {
    let s = group(d, column, value).stats.as_ref()?;
    Some((s.n, s.mean.expect("a shown group's mean")))
}

/// Respondents of domain "one" (question O1 only) with the given role and department.
fn people(role: &'static str, department: &'static str, answers: &[i32]) -> Vec<Respondent> {
    answers
        .iter()
        .map(|&x| (vec![v(x), M, M], vec![role, department]))
        .collect()
}

/// Attack 1: the only member of a too-small department (Audit) is also the only IT person
/// outside a shown department (Apps, all IT).
fn attack_one_rows() -> Vec<Respondent> {
    let mut rows = people("IT", "Apps", &[4, 5, 4, 3, 5, 4, 4, 5]);
    rows.extend(people("IT", "Audit", &[1]));
    rows.extend(people("Business", "Sales", &[2, 3, 3, 2, 4, 3, 2, 3, 3, 2]));
    rows.extend(people("Business", "Legal", &[3, 3, 4, 2, 3, 3]));
    rows
}

/// Attack 2: no group is small, but Leadership (6) is Management (5) plus one person.
fn attack_two_rows() -> Vec<Respondent> {
    let mut rows = people("Leadership", "Management", &[4, 4, 5, 3, 4]);
    rows.extend(people("Leadership", "Ops", &[1]));
    rows.extend(people(
        "Staff",
        "Ops",
        &[3, 2, 4, 3, 3, 2, 4, 3, 3, 2, 3, 4, 3, 2, 3, 3, 4, 2, 3, 3],
    ));
    rows
}

/// The figures the tool showed before the audit: each column's groups on their own (the
/// secondary rule applied within the column), which is what a run per column still shows.
fn per_column(rows: &[Respondent], column: usize, name: &str) -> Assessment {
    let q = questionnaire(SINGLE);
    let rows: Vec<Respondent> = rows
        .iter()
        .map(|(answers, groups)| (answers.clone(), vec![groups[column]]))
        .collect();
    score(&q, &[name], &rows, 5)
}

#[test]
fn differencing_a_small_department_through_the_role_column_fails() {
    let rows = attack_one_rows();
    // Control: with each column's rule on its own, IT (9) and Apps (8) are both shown, and
    // 9·mean(IT) - 8·mean(Apps) is the Audit person's exact score, 1.
    let roles = per_column(&rows, 0, "role");
    let departments = per_column(&rows, 1, "department");
    let (n_it, mean_it) = shown(domain(&roles, "one"), "role", "IT").expect("IT shown");
    let (n_apps, mean_apps) =
        shown(domain(&departments, "one"), "department", "Apps").expect("Apps shown");
    assert_eq!((n_it, n_apps), (9, 8));
    // IT: (34 + 1)/9; Apps: 34/8.
    close(Some(mean_it), 35.0 / 9.0, 1e-12);
    close(Some(mean_apps), 34.0 / 8.0, 1e-12);
    close(
        Some(n_it as f64 * mean_it - n_apps as f64 * mean_apps),
        1.0,
        1e-9,
    );
    // Within the department column alone, Legal (the smallest shown) was hidden with Audit.
    assert!(group(domain(&departments, "one"), "department", "Legal").suppressed);

    // With both columns in one run the audit sees IT - Apps = {the Audit person}: Apps goes
    // (the only group every such subtraction needs), Legal can stay.
    let q = questionnaire(SINGLE);
    let a = score(&q, &["role", "department"], &rows, 5);
    let d = domain(&a, "one");
    assert_eq!(shown(d, "role", "IT"), Some((9, 35.0 / 9.0)));
    assert_eq!(shown(d, "department", "Apps"), None);
    // Audit (1 person) is too small: counted, never named.
    assert!(d.groups.iter().all(|g| g.value != "Audit"));
    assert_eq!(d.too_small_in("department"), 1);
    assert!(shown(d, "department", "Legal").is_some());
    assert!(shown(d, "department", "Sales").is_some());
    assert_eq!(
        d.withheld,
        [WithheldGroup {
            column: "department".into(),
            value: "Apps".into(),
            reason: WithholdReason::Secondary,
        }]
    );
    // What is left to subtract: IT is everyone minus Sales and Legal, Apps and Audit together.
    let json: serde_json::Value = serde_json::from_str(&to_json(&a)).expect("JSON");
    assert_eq!(
        json["domains"][0]["withheld"],
        serde_json::json!([{"column": "department", "value": "Apps", "reason": "secondary"}])
    );
    // Domain "pair" has no scores: nothing shown, nothing withheld (too small is not withheld).
    assert!(domain(&a, "pair").withheld.is_empty());
}

#[test]
fn differencing_two_overlapping_groups_of_different_columns_fails() {
    let rows = attack_two_rows();
    // Control: every group has 5 or more, so each column on its own shows all of them, and
    // 6·mean(Leadership) - 5·mean(Management) is the Ops leader's exact score, 1.
    let roles = per_column(&rows, 0, "role");
    let departments = per_column(&rows, 1, "department");
    let (n_lead, mean_lead) = shown(domain(&roles, "one"), "role", "Leadership").expect("shown");
    let (n_mgmt, mean_mgmt) =
        shown(domain(&departments, "one"), "department", "Management").expect("shown");
    assert_eq!((n_lead, n_mgmt), (6, 5));
    close(
        Some(n_lead as f64 * mean_lead - n_mgmt as f64 * mean_mgmt),
        1.0,
        1e-9,
    );

    // In one run: Management is withheld first (the smaller of the two groups the
    // subtraction uses); then everyone minus Ops still gives Management, so Ops goes too.
    // The department column shows nothing; the roles stay.
    let q = questionnaire(SINGLE);
    let a = score(&q, &["role", "department"], &rows, 5);
    let d = domain(&a, "one");
    assert!(shown(d, "role", "Leadership").is_some() && shown(d, "role", "Staff").is_some());
    let withheld: Vec<(&str, &str)> = d
        .withheld
        .iter()
        .map(|w| (w.column.as_str(), w.value.as_str()))
        .collect();
    assert_eq!(
        withheld,
        [("department", "Management"), ("department", "Ops")]
    );
    assert!(
        d.groups
            .iter()
            .filter(|g| g.column == "department")
            .all(|g| g.suppressed)
    );
    // No comparison of the department column remains.
    assert!(a.comparisons.iter().all(|c| c.column == "role"));
}

#[test]
fn the_audit_withholds_nothing_when_nothing_small_can_be_derived() {
    // Two crossed columns, every combination with 5 or more: nothing is withheld, although
    // many subtractions are possible (each gives a set of 5 or more).
    let mut rows = Vec::new();
    for (role, department, n) in [
        ("IT", "North", 5),
        ("IT", "South", 6),
        ("Business", "North", 7),
        ("Business", "South", 5),
    ] {
        rows.extend(people(role, department, &vec![3; n]));
    }
    let q = questionnaire(SINGLE);
    let a = score(&q, &["role", "department"], &rows, 5);
    let d = domain(&a, "one");
    assert!(d.withheld.is_empty());
    assert!(d.groups.iter().all(|g| !g.suppressed));
    // A small crossed cell (IT North of 2) alone is not derivable from margins of a full
    // grid (the margins fix only sums over rows and columns): still nothing withheld.
    let mut rows = Vec::new();
    for (role, department, n) in [
        ("IT", "North", 2),
        ("IT", "South", 6),
        ("Business", "North", 7),
        ("Business", "South", 5),
    ] {
        rows.extend(people(role, department, &vec![3; n]));
    }
    let a = score(&q, &["role", "department"], &rows, 5);
    assert!(domain(&a, "one").withheld.is_empty());
}

/// Rank over the integers modulo the prime 2^61 - 1 (exact for the small 0/1 matrices below:
/// their minors are far below the prime).
fn rank_mod_p(mut rows: Vec<Vec<u64>>) -> usize {
    const P: u128 = (1 << 61) - 1;
    let pow = |mut b: u128, mut e: u128| {
        let mut r = 1u128;
        while e > 0 {
            if e & 1 == 1 {
                r = r * b % P;
            }
            b = b * b % P;
            e >>= 1;
        }
        r
    };
    let columns = rows.first().map_or(0, Vec::len);
    let mut rank = 0;
    for c in 0..columns {
        let Some(p) = (rank..rows.len()).find(|&r| rows[r][c] != 0) else {
            continue;
        };
        rows.swap(rank, p);
        let inverse = pow(u128::from(rows[rank][c]), P - 2);
        let pivot = rows[rank].clone();
        for (r, row) in rows.iter_mut().enumerate() {
            if r != rank && row[c] != 0 {
                let factor = u128::from(row[c]) * inverse % P;
                for (x, &y) in row.iter_mut().zip(&pivot) {
                    let sub = factor * u128::from(y) % P;
                    *x = ((u128::from(*x) + P - sub) % P) as u64;
                }
            }
        }
        rank += 1;
    }
    rank
}

#[test]
fn after_the_audit_no_small_set_is_derivable_by_brute_force() {
    // Random surveys of 2 or 3 columns with few values, checked against every set of cells
    // with 1 to min - 1 respondents: its indicator must not be in the span of the shown groups'
    // and the domain's indicators (the rank must grow when it is added).
    let mut state: u64 = 5;
    let mut next = |m: u64| {
        state = state
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        (state >> 33) % m
    };
    let mut withheld_somewhere = 0;
    for _ in 0..500 {
        let columns = 2 + next(2) as usize;
        let values: Vec<usize> = (0..columns).map(|_| 2 + next(2) as usize).collect();
        let min = 3 + next(3);
        // Cells: each combination holds 0 to 7 respondents, skewed towards few.
        let mut cells: Vec<(Vec<u32>, u64)> = Vec::new();
        let total: usize = values.iter().product();
        for index in 0..total {
            let mut rest = index;
            let key: Vec<u32> = values
                .iter()
                .map(|&k| {
                    let v = (rest % k) as u32;
                    rest /= k;
                    v
                })
                .collect();
            let n = [0, 0, 1, 1, 2, 3, 5, 7][next(8) as usize];
            if n > 0 {
                cells.push((key, n));
            }
        }
        if cells.len() > 12 {
            cells.truncate(12);
        }
        let visibility = audit(&values, &cells, min);
        let shown: Vec<(usize, u32)> = (0..columns)
            .flat_map(|c| (0u32..).zip(&visibility[c]).map(move |(g, s)| (c, g, *s)))
            .filter(|&(_, _, s)| s == Visibility::Shown)
            .map(|(c, g, _)| (c, g))
            .collect();
        withheld_somewhere += visibility
            .iter()
            .flatten()
            .filter(|&&s| s == Visibility::Withheld)
            .count();
        let mut generators: Vec<Vec<u64>> = shown
            .iter()
            .map(|&(c, g)| cells.iter().map(|(k, _)| u64::from(k[c] == g)).collect())
            .collect();
        generators.push(vec![1; cells.len()]);
        // Every shown group holds at least min respondents.
        for row in &generators {
            let n: u64 = row.iter().zip(&cells).map(|(x, (_, n))| x * n).sum();
            assert!(n >= min || shown.is_empty());
        }
        let base = rank_mod_p(generators.clone());
        for subset in 1u32..(1 << cells.len()) {
            let n: u64 = (0..cells.len())
                .filter(|&i| subset & (1 << i) != 0)
                .map(|i| cells[i].1)
                .sum();
            if n == 0 || n >= min || subset == (1 << cells.len()) - 1 {
                continue;
            }
            let mut with = generators.clone();
            with.push(
                (0..cells.len())
                    .map(|i| u64::from(subset & (1 << i) != 0))
                    .collect(),
            );
            assert!(
                rank_mod_p(with) > base,
                "cells {cells:?}, min {min}: set {subset:b} of {n} is derivable from {shown:?}"
            );
        }
    }
    // The random surveys do exercise the audit.
    assert!(withheld_somewhere > 100, "{withheld_somewhere}");
}

// ---------------------------------------------------------------------------------------------
// Edge figures: favourable answers on short scales, and extreme domain weights.

/// A questionnaire of one domain with a plain and a reversed question on the scale
/// `min..=max`.
fn short_scale(min: i32, max: i32) -> Questionnaire {
    questionnaire(&format!(
        r#"
id: short
title: Short scale
scale: {{min: {min}, max: {max}}}
domains:
  - id: d
    name: D
    questions:
      - {{id: P, text: plain}}
      - {{id: R, text: reversed, reverse: true}}
"#
    ))
}

#[test]
fn favourable_never_includes_the_midpoint_or_below() {
    // 2 points: half answer 1, half 2. Only 2 is above the midpoint 1.5: favourable 1/2, not
    // 1 (the top two points are the whole scale). Reversed, raw 1 counts as 2: also 1/2.
    let q = short_scale(1, 2);
    let rows: Vec<Respondent> = [1, 2, 1, 2]
        .iter()
        .map(|&x| (vec![v(x), v(x)], vec![]))
        .collect();
    let a = score(&q, &[], &rows, 5);
    let d = domain(&a, "d");
    close(d.questions[0].favorable, 0.5, 0.0);
    close(d.questions[1].favorable, 0.5, 0.0);
    // 3 points: answers 1, 2, 3, 3. The midpoint 2 is not favourable: 2 of 4. Reversed
    // values 3, 2, 1, 1: 1 of 4.
    let q = short_scale(1, 3);
    let rows: Vec<Respondent> = [1, 2, 3, 3]
        .iter()
        .map(|&x| (vec![v(x), v(x)], vec![]))
        .collect();
    let a = score(&q, &[], &rows, 5);
    let d = domain(&a, "d");
    close(d.questions[0].favorable, 0.5, 0.0);
    close(d.questions[1].favorable, 0.25, 0.0);
    // 0..2 (midpoint 1), the same rule: answers 0, 1, 2 -> 1 of 3.
    let q = short_scale(0, 2);
    let rows: Vec<Respondent> = [0, 1, 2].iter().map(|&x| (vec![v(x), M], vec![])).collect();
    let a = score(&q, &[], &rows, 5);
    close(domain(&a, "d").questions[0].favorable, 1.0 / 3.0, 0.0);
    // 4 points (midpoint 2.5): the top two, 3 and 4, as before: answers 1, 2, 3, 4 -> 1/2.
    let q = short_scale(1, 4);
    let rows: Vec<Respondent> = [1, 2, 3, 4]
        .iter()
        .map(|&x| (vec![v(x), M], vec![]))
        .collect();
    let a = score(&q, &[], &rows, 5);
    close(domain(&a, "d").questions[0].favorable, 0.5, 0.0);
}

/// Two single-question domains with the given weights. Validation bounds weights to
/// 1e-6..1e6; the scorer's arithmetic is tested beyond them, so the weights are set on the
/// validated model.
fn weighted_domains(first: &str, second: &str) -> Questionnaire {
    let mut q = questionnaire(
        r#"
id: heavy
title: Heavy weights
scale: {min: 1, max: 5}
domains:
  - {id: a, name: A, questions: [{id: A1, text: a1}]}
  - {id: b, name: B, questions: [{id: B1, text: b1}]}
"#,
    );
    q.domains[0].weight = first.parse().expect("a weight");
    q.domains[1].weight = second.parse().expect("a weight");
    q
}

#[test]
fn the_overall_percent_survives_any_finite_weights() {
    // Domain a scores 2 (25%), domain b 5 (100%).
    let rows: Vec<Respondent> = vec![(vec![v(2), v(5)], vec![])];
    // Weights whose sum overflows an f64: equal weights, so the overall is (25 + 100)/2.
    let a = score(&weighted_domains("1.5e308", "1.5e308"), &[], &rows, 5);
    close(a.overall.percent, 62.5, 1e-12);
    // 1e308 beside 3e307: (1e308*25 + 3e307*100)/(1.3e308) = 55/1.3.
    let a = score(&weighted_domains("1.0e308", "3.0e307"), &[], &rows, 5);
    close(a.overall.percent, 55.0 / 1.3, 1e-12);
    // Tiny weights (their products with a percent would underflow towards 0): 3 to 1.
    let a = score(&weighted_domains("3.0e-320", "1.0e-320"), &[], &rows, 5);
    close(a.overall.percent, (3.0 * 25.0 + 100.0) / 4.0, 1e-9);
    // Ordinary weights give exactly the plain weighted mean, to the bit.
    for (w1, w2) in [(1.0, 3.0), (0.1, 0.7), (2.5, 1.0 / 3.0)] {
        let a = score(
            &weighted_domains(&w1.to_string(), &w2.to_string()),
            &[],
            &rows,
            5,
        );
        let plain = (w1 * 25.0 + w2 * 100.0) / (w1 + w2);
        assert_eq!(a.overall.percent, Some(plain), "{w1} {w2}");
    }
}

#[test]
fn too_many_combinations_of_group_values_are_refused() {
    let q = questionnaire(SINGLE);
    let columns = vec!["site".to_string(), "team".to_string()];
    let mut s = Scorer::new(&q, &columns);
    let answers = answer_codes(&[v(3), M, M], &q.scale);
    let add = |s: &mut Scorer, site: usize, team: usize| {
        let groups = [format!("S{site}"), format!("T{team}")];
        s.add(&Row::new(&answers, &groups))
    };
    // 100 sites x 50 teams: exactly the limit of 5,000 combinations, each value well within
    // the limit of its column.
    for i in 0..MAX_GROUP_COMBINATIONS {
        add(&mut s, i % 100, i / 100).expect("within the limit");
    }
    // A combination already seen is fine; a new one of known values is refused.
    add(&mut s, 0, 0).expect("a known combination");
    let err = add(&mut s, 0, 50).expect_err("one combination too many");
    assert_eq!(
        err,
        ScoreError::TooManyCombinations {
            columns: "'site', 'team'".into(),
            limit: MAX_GROUP_COMBINATIONS
        }
    );
    assert!(err.to_string().contains("'site', 'team'"), "{err}");
    let a = s.finish(5, InputCounts::default());
    assert_eq!(a.respondents.rows, MAX_GROUP_COMBINATIONS as u64 + 1);
    // The refused row formed no group: team T50 is nowhere.
    assert!(domain(&a, "one").groups.iter().all(|g| g.value != "T50"));
}

#[test]
fn the_csv_ends_with_the_full_pairwise_table() {
    // The worked example with groups of 3 shown: one comparison, Business vs IT, with the
    // figures of the worked example (difference 1.833333 - 4 = -2.166667, p 0.080856 from
    // scipy, alone in its family so Holm leaves it as it is, rank-biserial -1).
    let q = questionnaire(WORKED);
    let a = score(&q, &["role"], &worked_rows(), 3);
    let csv = to_csv(&a);
    let rows: Vec<&str> = csv
        .lines()
        .filter(|l| l.starts_with("comparison,"))
        .collect();
    assert_eq!(
        rows,
        [
            "comparison,change,role,Business,false,3,,,,,,,,,,IT,3,-2.166667,0.080856,0.080856,-1.000000"
        ]
    );
    assert!(csv.lines().last().unwrap().starts_with("comparison,"));
}

// ---------------------------------------------------------------------------------------------
// Columns with many groups: each group against the rest of its column.

/// `groups` groups of three respondents on SINGLE's first question: the first answers 5, every
/// other one 1.
fn one_high_group(groups: u8) -> Vec<Respondent> {
    let names = ["A", "B", "C", "D", "E", "F", "G", "H", "I"];
    let mut rows = Vec::new();
    for (i, name) in names.iter().take(usize::from(groups)).enumerate() {
        let answer = if i == 0 { 5 } else { 1 };
        for _ in 0..3 {
            rows.push((vec![v(answer), M, M], vec![*name]));
        }
    }
    rows
}

#[test]
fn nine_groups_are_each_compared_with_the_rest_of_their_column() {
    let q = questionnaire(SINGLE);
    let a = score(&q, &["team"], &one_high_group(9), 3);
    // One test per group, not the 36 pairs.
    assert_eq!(a.comparisons.len(), 9);
    let first = &a.comparisons[0];
    assert_eq!((first.a.as_str(), first.b.as_str()), ("A", "other than A"));
    assert!(first.versus_rest);
    assert_eq!((first.n_a, first.n_b), (3, 24));
    // A's three 5s against the rest's 24 1s: U = 3·24 = 72, every pair won. Ties: t = 3 and
    // t = 24, Σ(t³ - t) = 24 + 13,800 = 13,824; σ² = 3·24/12·(28 - 13,824/(27·26)) =
    // 49.846154; z = (72 - 36 - 0.5)/σ = 5.028237; p = 2(1 - Φ(z)) = 4.951059e-7.
    close(first.mean_difference, 4.0, 1e-12);
    close(first.u, 72.0, 1e-12);
    close(first.p_value, 4.951059e-7, 1e-12);
    close(first.rank_biserial, 1.0, 1e-12);
    // B's three 1s against A's three 5s and the other 21 1s: U = 3·21/2 = 31.5, so
    // max(U, 72 - U) = 40.5, z = (40.5 - 36 - 0.5)/σ = 0.566558, p = 0.571015. The rest's mean
    // is (3·5 + 21·1)/24 = 1.5.
    let b = &a.comparisons[1];
    assert_eq!((b.a.as_str(), b.b.as_str()), ("B", "other than B"));
    close(b.mean_difference, -0.5, 1e-12);
    close(b.u, 31.5, 1e-12);
    close(b.p_value, 0.571015, 1e-6);
    close(b.rank_biserial, -0.125, 1e-12);
    // Holm over the nine: A's p times 9; the eight equal ones 8·0.571 > 1, so 1.
    close(first.p_adjusted, 4.455953e-6, 1e-11);
    for c in &a.comparisons[1..] {
        close(c.p_adjusted, 1.0, 1e-12);
    }

    let json = to_json(&a);
    assert_eq!(json.matches("\"versus_rest\": true").count(), 9, "{json}");
    let csv = to_csv(&a);
    assert!(
        csv.contains(",other than A,24,4.000000,0.000000,0.000004,1.000000"),
        "{csv}"
    );
    let table = to_table(&a);
    assert!(
        table.contains(
            "One question: A rate it higher than the rest of team (mean 5.00 against 1.00"
        ),
        "{table}"
    );
}

#[test]
fn eight_groups_are_still_compared_in_pairs() {
    let q = questionnaire(SINGLE);
    let a = score(&q, &["team"], &one_high_group(8), 3);
    // 8·7/2 pairs, each of two groups.
    assert_eq!(a.comparisons.len(), 28);
    assert!(a.comparisons.iter().all(|c| !c.versus_rest));
    assert_eq!(
        (a.comparisons[0].a.as_str(), a.comparisons[0].b.as_str()),
        ("A", "B")
    );
    assert!(!to_json(&a).contains("versus_rest"));
}

#[test]
fn a_group_counts_only_the_scores_its_own_respondents_have() {
    // Weights 1 and 10 make every pair of answers a distinct score: 25 of them, dealt out in
    // turn to two groups, 13 to A and 12 to B. Each group keeps one count per score of its own,
    // not one per score of the domain.
    let q = questionnaire(
        r#"
id: spread
title: Spread
version: "1"
scale: {min: 1, max: 5}
domains:
  - id: d
    name: D
    questions:
      - {id: X, text: x}
      - {id: Y, text: y, weight: 10}
"#,
    );
    let mut rows = Vec::new();
    for x in 1..=5 {
        for y in 1..=5 {
            let team = if rows.len() % 2 == 0 { "A" } else { "B" };
            rows.push((vec![v(x), v(y)], vec![team]));
        }
    }
    let s = scorer(&q, &["team"], &rows);
    assert_eq!(s.domains[0].raws.len(), 25);
    let kept: Vec<usize> = s.columns[0]
        .groups
        .iter()
        .map(|g| g.counts[0].cells())
        .collect();
    assert_eq!(kept, [13, 12]);
    let a = s.finish(3, InputCounts::default());
    let n: Vec<u64> = a.domains[0]
        .groups
        .iter()
        .map(|g| g.stats.as_ref().map_or(0, |s| s.n))
        .collect();
    assert_eq!(n, [13, 12]);
}

/// Two questions on a 1-5 scale, the second reversed, for Cronbach's alpha.
const ALPHA_PAIR: &str = r#"
id: pair
title: Pair
scale: {min: 1, max: 5}
domains:
  - id: d
    name: D
    questions:
      - {id: a, text: First.}
      - {id: b, text: Second., reverse: true}
"#;

/// Three respondents of [`ALPHA_PAIR`] who answer both questions, then one who answers only
/// the first. Their shifted reversed values (`x - 1`, and `5 - x` for the reversed one) are
/// (1, 4), (2, 0) and (3, 3). By hand, over the three the item sums are 6 and 7, the sums of
/// squares 1 + 4 + 9 = 14 and 16 + 0 + 9 = 25; the totals 5, 2, 6 sum to 13, their squares to
/// 25 + 4 + 36 = 65.
fn alpha_rows() -> Vec<Respondent> {
    vec![
        (vec![v(2), v(1)], vec![]),
        (vec![v(3), v(5)], vec![]),
        (vec![v(4), v(2)], vec![]),
        (vec![v(5), M], vec![]),
    ]
}

/// The alpha sums of a scorer's only domain, settled: `(n, item sums and squares, total sum,
/// total squares)`.
fn alpha_sums(s: &mut Scorer) -> (u64, Vec<(u128, u128)>, u128, u128) {
    s.settle();
    let alpha = &s.domains[0].alpha;
    assert!(alpha.pending.iter().all(|&c| c == 0), "settled");
    let items = alpha.items().collect();
    (alpha.n, items, alpha.total_sum, alpha.total_squares)
}

/// A question's answers per value 1 to 5, and its missing ones.
fn counts(question: &QuestionResult) -> ([u64; 5], u64) {
    let mut counts = [0; 5];
    for ((&(value, count), slot), want) in question.counts.0.iter().zip(&mut counts).zip(1..) {
        assert_eq!(value, want, "in scale order");
        *slot = count;
    }
    (counts, question.missing)
}

#[test]
fn alpha_counts_the_rows_that_answer_the_whole_domain_once_split_or_not() {
    let q = questionnaire(ALPHA_PAIR);
    let rows = alpha_rows();
    let want = (3, vec![(6, 14), (7, 25)], 13, 65);
    let mut whole = scorer(&q, &[], &rows);
    // Before settling, the three complete rows' answers wait in the domain's counts.
    assert_eq!(whole.domains[0].alpha.pending.iter().sum::<u32>(), 6);
    assert_eq!(alpha_sums(&mut whole), want);
    // In two parts, merged: the same sums.
    let mut first = scorer(&q, &[], &rows[..2]);
    let mut later = first.fork();
    for (answers, _) in &rows[2..] {
        later
            .add(&Row::new(&answer_codes(answers, &q.scale), &[]))
            .expect("row accepted");
    }
    first.merge(later).expect("merged");
    assert_eq!(alpha_sums(&mut first), want);
    // Each answer is counted once in its question, complete row or not: four answers of the
    // first question (2, 3, 4, 5), three of the second (1, 5, 2) and one missing.
    let a = whole.finish(1, InputCounts::default());
    let questions = &a.domains[0].questions;
    assert_eq!(counts(&questions[0]), ([0, 1, 1, 1, 1], 0));
    assert_eq!(counts(&questions[1]), ([1, 1, 0, 0, 1], 1));
}

#[test]
fn the_answer_tally_is_settled_before_a_count_could_overflow() {
    // Two respondents of the worked example, the second added when the 32-bit tally is full:
    // it is folded into the question counts first, so both are counted. C1: 4 and 3; C2: 5
    // and N/A.
    let q = questionnaire(WORKED);
    let rows = worked_rows();
    let mut s = scorer(&q, &[], &rows[..1]);
    s.tallied = u32::MAX;
    let (answers, _) = &rows[1];
    s.add(&Row::new(&answer_codes(answers, &q.scale), &[]))
        .expect("row accepted");
    assert_eq!(s.tallied, 1);
    let a = s.finish(1, InputCounts::default());
    let questions = &domain(&a, "change").questions;
    let c1 = &questions[0];
    assert_eq!((c1.n, c1.missing, c1.not_applicable), (2, 0, 0));
    assert_eq!(c1.mean, Some(3.5));
    let c2 = &questions[1];
    assert_eq!((c2.n, c2.missing, c2.not_applicable), (1, 0, 1));
}

#[test]
fn alpha_is_unweighted_whichever_way_the_weights_are_summed() {
    // Weights 0.000001 and 1000000 are the integers 1 and 10^12, summed in wide parts;
    // 0.1234567890123 and 1000000 would need 10^19 times the span, summed in floating point.
    // Alpha's sums are the same as with equal weights (packed parts).
    for (weights, wide) in [
        ("0.000001, 1000000", true),
        ("0.1234567890123, 1000000", false),
    ] {
        let (a, b) = weights.split_once(", ").expect("two weights");
        let yaml = ALPHA_PAIR
            .replace("First.}", &format!("First., weight: {a}}}"))
            .replace("reverse: true}", &format!("reverse: true, weight: {b}}}"));
        let q = questionnaire(&yaml);
        let parts = &scorer(&q, &[], &[]).domains[0].parts;
        match parts {
            Parts::Wide(_) => assert!(wide, "{weights}"),
            Parts::None => assert!(!wide, "{weights}"),
            Parts::Packed(_) => panic!("{weights} packed"),
        }
        let mut s = scorer(&q, &[], &alpha_rows());
        assert_eq!(
            alpha_sums(&mut s),
            (3, vec![(6, 14), (7, 25)], 13, 65),
            "{weights}"
        );
    }
}

#[test]
fn alpha_counts_are_folded_before_a_count_could_overflow() {
    // The third and fourth respondents added when the 32-bit counts are full: the first two
    // are folded into the sums and the question counts first, so all are counted.
    let q = questionnaire(ALPHA_PAIR);
    let rows = alpha_rows();
    let mut s = scorer(&q, &[], &rows[..2]);
    s.tallied = u32::MAX;
    for (answers, _) in &rows[2..] {
        s.add(&Row::new(&answer_codes(answers, &q.scale), &[]))
            .expect("row accepted");
    }
    assert_eq!(s.tallied, 2);
    // Only the third row's two answers wait (the fourth's are in the tally).
    assert_eq!(s.domains[0].alpha.pending.iter().sum::<u32>(), 2);
    assert_eq!(alpha_sums(&mut s), (3, vec![(6, 14), (7, 25)], 13, 65));
    let a = s.finish(1, InputCounts::default());
    assert_eq!(counts(&a.domains[0].questions[0]), ([0, 1, 1, 1, 1], 0));
    assert_eq!(counts(&a.domains[0].questions[1]), ([1, 1, 0, 0, 1], 1));
}
