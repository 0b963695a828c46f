//! Groups in the report: the wording for hidden groups, which groups are withheld or too small,
//! the heatmap cells in words, and the differences kept after Holm's adjustment.

use super::{assess, two_domains};
use crate::charts::HeatCell;
use crate::report::groups::*;
use crate::scoring::Comparison;

#[test]
fn withheld_groups_are_named_and_small_ones_only_counted() {
    assert_eq!(hidden_sentence(&[], 0), None);
    assert_eq!(
        hidden_sentence(&[], 1).unwrap(),
        "Not shown on their own (too few people): one group."
    );
    assert_eq!(
        hidden_sentence(&["Leadership"], 2).unwrap(),
        "Withheld so that a smaller group cannot be worked out by subtraction: Leadership. Not shown on their own (too few people): 2 groups."
    );
    assert_eq!(
        hidden_sentence(&["Finance", "Leadership"], 0).unwrap(),
        "Withheld so that a smaller group cannot be worked out by subtraction: Finance and Leadership."
    );
}

/// Tiny (2) is too small and hides fewer than 5, so IT (5, smaller than Business's 6) is
/// suppressed too, in both domains.
fn survey() -> crate::scoring::Assessment {
    assess(
        &two_domains(),
        &[
            ("IT", 5, [5, 4]),
            ("Business", 6, [1, 2]),
            ("Tiny", 2, [3, 3]),
        ],
        5,
    )
}

#[test]
fn without_word_from_the_scores_every_suppressed_group_counts_as_too_small() {
    let a = survey();
    let groups = ColumnGroups::of(&a, "role", &[]);
    assert_eq!(groups.shown, ["Business"]);
    assert!(groups.withheld.is_empty());
    assert_eq!(groups.too_small, 2);
}

#[test]
fn a_group_the_scores_say_was_withheld_is_named_as_withheld() {
    let a = survey();
    let withheld: Vec<WithheldGroup> = ["a", "b"]
        .iter()
        .map(|domain| WithheldGroup {
            domain,
            column: "role",
            value: "IT",
        })
        .collect();
    let groups = ColumnGroups::of(&a, "role", &withheld);
    assert_eq!(groups.shown, ["Business"]);
    assert_eq!(groups.withheld, ["IT"]);
    assert_eq!(groups.too_small, 1);
    assert_eq!(
        groups.hidden_sentence().unwrap(),
        "Withheld so that a smaller group cannot be worked out by subtraction: IT. Not shown on their own (too few people): one group."
    );
    let d = &a.domains[0];
    let it = d.groups.iter().find(|g| g.value == "IT").unwrap();
    assert_eq!(visibility(d, it, &withheld), Visibility::Withheld);
    // Without word from the scores, a suppressed group counts as too small.
    assert_eq!(visibility(d, it, &[]), Visibility::TooSmall);
    // Tiny is too small: counted, never named.
    assert!(d.groups.iter().all(|g| g.value != "Tiny"));
    assert_eq!(d.too_small_in("role"), 1);
}

#[test]
fn heatmap_cells_in_words() {
    assert_eq!(
        cell_text(&HeatCell::Value {
            percent: 31.4,
            difference: Some(-12.4)
        }),
        "31% (\u{2212}12)"
    );
    assert_eq!(
        cell_text(&HeatCell::Value {
            percent: 50.0,
            difference: None
        }),
        "50%"
    );
    assert_eq!(cell_text(&HeatCell::Withheld), "withheld");
    assert_eq!(cell_text(&HeatCell::TooFew), "too few");
}

fn comparison(domain: &str, difference: f64) -> Comparison {
    Comparison {
        domain: domain.into(),
        column: "role".into(),
        a: "A".into(),
        b: "B".into(),
        mean_difference: Some(difference),
        u: None,
        p_value: None,
        p_adjusted: None,
        rank_biserial: None,
        n_a: 10,
        n_b: 10,
        versus_rest: false,
    }
}

#[test]
fn only_differences_that_survive_the_adjustment_are_kept_largest_first() {
    let small = comparison("a", 0.2);
    let large = comparison("b", -0.9);
    let chance = comparison("c", 1.5);
    let untested = comparison("d", 2.0);
    let all = [
        Tested {
            comparison: &small,
            adjusted: Some(0.01),
        },
        Tested {
            comparison: &large,
            adjusted: Some(0.049),
        },
        Tested {
            comparison: &chance,
            adjusted: Some(0.05),
        },
        Tested {
            comparison: &untested,
            adjusted: None,
        },
    ];
    let kept: Vec<&str> = significant(&all)
        .iter()
        .map(|t| t.comparison.domain.as_str())
        .collect();
    assert_eq!(kept, ["b", "a"]);
}
