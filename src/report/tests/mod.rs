//! Tests of the report's sentences, chart inputs and method appendix, on hand-written inputs
//! with the expected text written out in full.

mod charting;
mod glance;
mod groups;
mod method;
mod narrative;

use crate::questionnaire::{Questionnaire, parse};

/// A one-question questionnaire on a 1-5 scale with the default levels (thresholds 0, 20, 40,
/// 60 and 80 percent).
fn five_point() -> Questionnaire {
    parse(
        "id: t\ntitle: T\nscale: {min: 1, max: 5}\ndomains:\n  - id: d\n    name: D\n    questions: [{id: Q1, text: q}]\n",
        "t.yaml",
    )
    .unwrap_or_else(|e| panic!("{e}"))
}

/// Two one-question domains on a 1-5 scale with the default levels; Beta weighs 3.
fn two_domains() -> Questionnaire {
    parse(
        "id: t\ntitle: T\nscale: {min: 1, max: 5}\ndomains:\n  - id: a\n    name: Alpha\n    questions: [{id: A1, text: a}]\n  - id: b\n    name: Beta\n    weight: 3\n    questions: [{id: B1, text: b}]\n",
        "t.yaml",
    )
    .unwrap_or_else(|e| panic!("{e}"))
}

/// Score `count` people of each role answering (A1, B1), grouped by `role`, with the
/// smallest group shown at `min`.
fn assess(
    q: &Questionnaire,
    people: &[(&str, usize, [i32; 2])],
    min: usize,
) -> crate::scoring::Assessment {
    use crate::responses::{Answer, Row, answer_codes};
    let mut scorer = crate::scoring::Scorer::new(q, &["role".to_string()]);
    for (role, count, [a, b]) in people {
        let answers = answer_codes(&[Answer::Value(*a), Answer::Value(*b)], &q.scale);
        let groups = [role.to_string()];
        for _ in 0..*count {
            scorer.add(&Row::new(&answers, &groups)).unwrap();
        }
    }
    scorer.finish(min, crate::scoring::InputCounts::default())
}
