//! Multiple-testing correction: Holm's step-down adjustment of a family of p-values.
//!
//! A report compares every pair of groups on every domain, often hundreds of tests. At
//! `p < 0.05` one test in twenty comes out "unlikely to be chance" when nothing is there, so
//! the p-values of one report are adjusted together before any is called a finding. Holm's
//! method keeps the chance that even one named difference is a fluke below the threshold (the
//! family-wise error rate), whatever the dependence between the tests; docs/statistics.md says
//! why this method was chosen.

/// Holm's adjusted p-values, in the order given; an untested comparison (`None`) stays `None`
/// and does not count in the family.
///
/// With the `m` tested p-values sorted ascending, `p(1) <= ... <= p(m)`, the adjusted value of
/// `p(i)` is `min(1, max over j <= i of (m - j + 1) * p(j))`: the smallest is multiplied by
/// `m`, the next by `m - 1`, and so on, and an adjusted value is never below the one before it.
/// This is `statsmodels.stats.multitest.multipletests(p, method="holm")[1]`. Equal p-values keep
/// their order, which does not change the result.
pub fn holm(p_values: &[Option<f64>]) -> Vec<Option<f64>> {
    let mut tested: Vec<(usize, f64)> = p_values
        .iter()
        .enumerate()
        .filter_map(|(i, p)| p.map(|p| (i, p)))
        .collect();
    tested.sort_by(|x, y| x.1.total_cmp(&y.1));
    let m = tested.len();
    let mut adjusted = vec![None; p_values.len()];
    let mut running = 0.0_f64;
    for (rank, &(i, p)) in tested.iter().enumerate() {
        let scaled = ((m - rank) as f64 * p).min(1.0);
        running = running.max(scaled);
        adjusted[i] = Some(running);
    }
    adjusted
}

#[cfg(test)]
mod tests {
    use super::holm;

    fn close(got: &[Option<f64>], want: &[Option<f64>]) {
        assert_eq!(got.len(), want.len());
        for (g, w) in got.iter().zip(want) {
            match (g, w) {
                (Some(g), Some(w)) => assert!((g - w).abs() < 1e-12, "{got:?} against {want:?}"),
                (None, None) => {}
                _ => panic!("{got:?} against {want:?}"),
            }
        }
    }

    #[test]
    fn four_p_values_worked_by_hand() {
        // Sorted: 0.005 (x4 = 0.02), 0.01 (x3 = 0.03), 0.03 (x2 = 0.06), 0.04 (x1 = 0.04,
        // raised to the 0.06 before it). Back in the order given: 0.03, 0.06, 0.06, 0.02, as
        // statsmodels' multipletests(method="holm") gives.
        close(
            &holm(&[Some(0.01), Some(0.04), Some(0.03), Some(0.005)]),
            &[Some(0.03), Some(0.06), Some(0.06), Some(0.02)],
        );
    }

    #[test]
    fn adjusted_values_are_capped_at_one() {
        // 0.5 x 2 = 1.0; 0.6 x 1 = 0.6, raised to 1.0.
        close(&holm(&[Some(0.5), Some(0.6)]), &[Some(1.0), Some(1.0)]);
        // 0.3 x 4 = 1.2, capped.
        close(
            &holm(&[Some(0.3), Some(0.31), Some(0.32), Some(0.33)]),
            &[Some(1.0), Some(1.0), Some(1.0), Some(1.0)],
        );
    }

    #[test]
    fn equal_p_values_get_the_same_adjusted_value() {
        // 0.02 x 3 = 0.06, x 2 = 0.04 and x 1 = 0.02, each raised to 0.06.
        close(
            &holm(&[Some(0.02), Some(0.02), Some(0.02)]),
            &[Some(0.06), Some(0.06), Some(0.06)],
        );
    }

    #[test]
    fn untested_comparisons_stay_untested_and_do_not_count() {
        // Two tested values: 0.01 x 2 = 0.02, 0.04 x 1 = 0.04.
        close(
            &holm(&[None, Some(0.04), None, Some(0.01)]),
            &[None, Some(0.04), None, Some(0.02)],
        );
        assert!(holm(&[]).is_empty());
        close(&holm(&[None]), &[None]);
    }

    #[test]
    fn a_single_test_is_not_changed() {
        close(&holm(&[Some(0.037)]), &[Some(0.037)]);
    }

    #[test]
    fn five_p_values_with_a_step_that_is_raised() {
        // Sorted: 0.001 x5 = 0.005, 0.008 x4 = 0.032, 0.012 x3 = 0.036, 0.039 x2 = 0.078,
        // 0.041 x1 = 0.041 -> 0.078. Only the first three stay below 0.05.
        close(
            &holm(&[
                Some(0.041),
                Some(0.001),
                Some(0.039),
                Some(0.012),
                Some(0.008),
            ]),
            &[
                Some(0.078),
                Some(0.005),
                Some(0.078),
                Some(0.036),
                Some(0.032),
            ],
        );
    }
}
