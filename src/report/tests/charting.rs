//! Chart adapters.

use crate::charts::LevelMark;
use crate::questionnaire::{Questionnaire, parse};
use crate::report::charting::{gantt_svgs, radar_axes};
use crate::responses::{Answer, Row, answer_codes};
use crate::roadmap::PlanOptions;
use crate::scoring::{InputCounts, Scorer};

/// One domain of one question on a 1-5 scale, with its levels written out (thresholds 0, 30
/// and 60 percent) so that the test does not depend on the default levels.
fn questionnaire() -> Questionnaire {
    parse(
        "id: t\ntitle: T\nscale: {min: 1, max: 5}\nlevels:\n  - {level: 1, name: Initial, min_percent: 0}\n  \
         - {level: 2, name: Managed, min_percent: 30}\n  - {level: 3, name: Defined, min_percent: 60}\n\
         domains:\n  - id: d\n    name: D\n    questions: [{id: Q1, text: q}]\n",
        "t.yaml",
    )
    .unwrap_or_else(|e| panic!("{e}"))
}

#[test]
fn the_radar_takes_the_level_name_and_percent_the_tables_show() {
    let q = questionnaire();
    let mut scorer = Scorer::new(&q, &[]);
    for answer in [2, 3] {
        let answers = answer_codes(&[Answer::Value(answer)], &q.scale);
        scorer
            .add(&Row::new(&answers, &[]))
            .unwrap_or_else(|e| panic!("{e}"));
    }
    // Mean 2.5 on 1-5: (2.5 - 1) / 4 = 37.5% of the scale, level 2 (30 <= 37.5 < 60); the
    // target is the next level, 3 Defined. No interpolated 2.25 anywhere.
    let a = scorer.finish(1, InputCounts::default());
    let p =
        crate::pipeline::plan(&q, &a, &PlanOptions::default()).unwrap_or_else(|e| panic!("{e}"));
    let axes = radar_axes(&a, &p);
    assert_eq!(axes.len(), 1);
    assert_eq!(axes[0].label, "D");
    assert_eq!(
        axes[0].current,
        Some(LevelMark {
            level: 2,
            name: "Managed".into(),
            percent: Some(37.5)
        })
    );
    assert_eq!(
        axes[0].target,
        Some(LevelMark {
            level: 3,
            name: "Defined".into(),
            percent: None
        })
    );
    // The roadmap's chart ends with the follow-up survey.
    let svgs = gantt_svgs(&p).unwrap_or_else(|e| panic!("{e}"));
    let svg = &svgs[svgs.len() - 1];
    assert!(svg.contains("Re-assessment: the follow-up survey"), "{svg}");
}

fn items_in_phases(sizes: &[usize]) -> Vec<crate::charts::GanttItem> {
    sizes
        .iter()
        .enumerate()
        .flat_map(|(phase, &n)| {
            (0..n).map(move |k| crate::charts::GanttItem {
                label: format!("item {k} of phase {phase}"),
                phase,
                start_month: 0,
                end_month: 1,
                after: Vec::new(),
            })
        })
        .collect()
}

#[test]
fn a_long_timeline_is_split_between_whole_phases() {
    use crate::report::charting::{TIMELINE_ITEMS_PER_CHART, timeline_parts};
    assert_eq!(TIMELINE_ITEMS_PER_CHART, 24);
    // The demo: 9 + 5 + 3 + 4 + 3 = 24 items, one chart.
    let parts = timeline_parts(&items_in_phases(&[9, 5, 3, 4, 3]));
    assert_eq!(parts.len(), 1);
    assert_eq!(parts[0], 0..24);
    // 35 items: phases 1-2 (15 + 8 = 23) fit, adding phase 3 (6) would make 29; phases 3-5
    // hold 6 + 4 + 2 = 12.
    assert_eq!(
        timeline_parts(&items_in_phases(&[15, 8, 6, 4, 2])),
        [0..23, 23..35]
    );
    // A phase larger than a chart has one of its own.
    assert_eq!(
        timeline_parts(&items_in_phases(&[2, 30, 1])),
        [0..2, 2..32, 32..33]
    );
    assert!(timeline_parts(&[]).is_empty());
}

/// A domain of two statements on a labelled 1-5 scale, the second reverse-worded when
/// `reversed`, scored from one row of answers.
fn scored_domain(reversed: bool) -> (Questionnaire, crate::scoring::Assessment) {
    let q = parse(
        &format!(
            "id: t\ntitle: T\nscale:\n  min: 1\n  max: 5\n  labels: {{1: Strongly disagree, 2: Disagree, 3: Neutral, 4: Agree, 5: Strongly agree}}\n\
             domains:\n  - id: d\n    name: D\n    questions:\n      - {{id: Q1, text: q}}\n      - {{id: Q2, text: r, reverse: {reversed}}}\n"
        ),
        "t.yaml",
    )
    .unwrap_or_else(|e| panic!("{e}"));
    let mut scorer = Scorer::new(&q, &[]);
    let answers = answer_codes(&[Answer::Value(2), Answer::Value(5)], &q.scale);
    scorer
        .add(&Row::new(&answers, &[]))
        .unwrap_or_else(|e| panic!("{e}"));
    let a = scorer.finish(1, InputCounts::default());
    (q, a)
}

#[test]
fn the_legend_names_what_each_colour_means_in_a_reversed_statement_too() {
    use crate::report::charting::legend_labels;
    // Without a reversed statement the legend is the scale's labels, lowest first.
    let (q, a) = scored_domain(false);
    assert_eq!(
        legend_labels(&q, &a.domains[0]),
        [
            "Strongly disagree",
            "Disagree",
            "Neutral",
            "Agree",
            "Strongly agree"
        ]
    );
    // Q2's bar is turned round: its leftmost colour holds its "Strongly agree" answers, so
    // each label names both; the middle point is the same answer both ways.
    let (q, a) = scored_domain(true);
    assert_eq!(
        legend_labels(&q, &a.domains[0]),
        [
            "Strongly disagree (↺ Strongly agree)",
            "Disagree (↺ Agree)",
            "Neutral",
            "Agree (↺ Disagree)",
            "Strongly agree (↺ Strongly disagree)"
        ]
    );
    let svg = crate::report::charting::distribution_svg(&q, &a.domains[0])
        .unwrap_or_else(|e| panic!("{e}"));
    assert!(
        svg.contains("Strongly disagree (↺ Strongly agree)"),
        "{svg}"
    );
}
