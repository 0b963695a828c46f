//! The method appendix.

use super::five_point;
use crate::report::method::{MethodFacts, method_view};
use crate::scoring::Respondents;

fn respondents(rows: u64, scored: u64, skipped: u64, invalid_cells: u64) -> Respondents {
    Respondents {
        rows,
        scored,
        skipped,
        invalid_cells,
    }
}

#[test]
fn the_method_fills_in_the_scale_levels_counts_and_group_size() {
    let q = five_point();
    let respondents = respondents(25, 23, 2, 0);
    let view = method_view(&MethodFacts {
        scale: (1, 5),
        levels: &q.levels,
        respondents: &respondents,
        min_group_size: 5,
        warnings: &[],
        plan_notes: &[],
        tests: 0,
        perspective: false,
        comment_threshold: None,
    });
    assert_eq!(view.min_group_size, 5);
    let terms: Vec<&str> = view.items.iter().map(|i| i.term.as_str()).collect();
    assert_eq!(
        terms,
        [
            "Responses",
            "Answer scale",
            "Domain scores",
            "Maturity levels",
            "Confidence interval",
            "Reliability",
            "Favourable and consensus",
            "Anonymity",
            "Differences between groups",
            "Roadmap"
        ]
    );
    assert_eq!(
        view.items[0].text,
        "25 rows were read; 23 had at least one answer and were scored; 2 had no answer at all and were skipped."
    );
    // 1 + 5 = 6: a reversed answer x counts as 6 - x.
    assert!(
        view.items[1]
            .text
            .starts_with("Statements were rated from 1 to 5. For reverse-worded statements, where agreeing means worse practice, an answer x counts as 6 - x,")
    );
    assert_eq!(
        view.items[3].text,
        "A domain reaches the highest level whose threshold its percent meets: level 1 (Initial) from 0%, level 2 (Managed) from 20%, level 3 (Defined) from 40%, level 4 (Measured) from 60%, level 5 (Optimising) from 80%. The overall percent is the weighted mean of the domain percents."
    );
    assert!(view.items[5].text.contains("Below 0.6 the report says so"));
    assert!(
        view.items[7]
            .text
            .starts_with("A group with fewer than 5 people is never shown on its own")
    );
    assert!(
        view.items[8]
            .text
            .contains("A p-value below 0.05 is reported")
    );
}

#[test]
fn unreadable_cells_and_input_warnings_are_told() {
    let q = five_point();
    let respondents = respondents(3, 3, 0, 2);
    let warnings = ["First warning.".to_string(), "Second warning.".to_string()];
    let view = method_view(&MethodFacts {
        scale: (0, 10),
        levels: &q.levels,
        respondents: &respondents,
        min_group_size: 3,
        warnings: &warnings,
        plan_notes: &[],
        tests: 0,
        perspective: false,
        comment_threshold: None,
    });
    assert_eq!(
        view.items[0].text,
        "3 rows were read; 3 had at least one answer and were scored; 0 had no answer at all and were skipped. 2 cells held answers that could not be read and were treated as unanswered."
    );
    assert!(view.items[1].text.contains("counts as 10 - x"));
    let last = view.items.last().expect("an item");
    assert_eq!(
        (last.term.as_str(), last.text.as_str()),
        ("Notes on the input", "First warning. Second warning.")
    );
}

#[test]
fn one_skipped_row_is_told_in_the_singular() {
    let q = five_point();
    let respondents = respondents(121, 120, 1, 0);
    let view = method_view(&MethodFacts {
        scale: (1, 5),
        levels: &q.levels,
        respondents: &respondents,
        min_group_size: 5,
        warnings: &[],
        plan_notes: &[],
        tests: 0,
        perspective: false,
        comment_threshold: None,
    });
    assert_eq!(
        view.items[0].text,
        "121 rows were read; 120 had at least one answer and were scored; 1 had no answer at all and was skipped."
    );
}
