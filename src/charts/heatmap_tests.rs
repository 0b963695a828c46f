//! The heatmap's colour scale, text contrast and geometry, worked out by hand.

use super::*;

// The WCAG formulas are the charts' own (`relative_luminance`, `contrast_ratio`), checked
// against published figures in `tests/print.rs`.
use crate::charts::{contrast_ratio as contrast, relative_luminance as luminance};

#[test]
fn steps_start_at_5_10_and_20_points_on_each_side() {
    assert_eq!(heat_colour(0.0), NEAR);
    assert_eq!(heat_colour(4.99), NEAR);
    assert_eq!(heat_colour(-4.99), NEAR);
    assert_eq!(heat_colour(5.0), ABOVE[2]);
    assert_eq!(heat_colour(-5.0), BELOW[2]);
    assert_eq!(heat_colour(9.99), ABOVE[2]);
    assert_eq!(heat_colour(-10.0), BELOW[1]);
    assert_eq!(heat_colour(19.99), ABOVE[1]);
    assert_eq!(heat_colour(20.0), ABOVE[0]);
    assert_eq!(heat_colour(-63.0), BELOW[0]);
}

#[test]
fn in_greyscale_a_larger_difference_is_always_darker() {
    for side in [-1.0, 1.0] {
        let greys: Vec<f64> = [0.0, 7.0, 15.0, 25.0]
            .iter()
            .map(|d| luminance(heat_colour(side * d)))
            .collect();
        for pair in greys.windows(2) {
            // A step a reader can see in grey: at least 0.08 of luminance apart.
            assert!(pair[0] - pair[1] > 0.08, "{side}: {greys:?}");
        }
    }
}

#[test]
fn cell_text_has_at_least_4_5_to_1_contrast_on_every_step() {
    for d in [-25.0, -15.0, -7.0, 0.0, 7.0, 15.0, 25.0] {
        let fill = heat_colour(d);
        let ratio = contrast(fill, text_colour(fill));
        assert!(ratio >= 4.5, "{d}: {ratio:.2}");
    }
    assert!(contrast(WHITE, text_colour(WHITE)) >= 4.5);
}

#[test]
fn the_grid_divides_the_width_after_the_labels_into_equal_columns() {
    // 640 wide (the printed width), 8 margin, cells from 186: 446 pixels for 9 columns, 49.56
    // each; rows of 34 from 30 (title) + 32 (headings) = 62.
    let grid = Grid::new(9);
    assert!((grid.column_width - 446.0 / 9.0).abs() < 1e-9);
    let (x, y) = grid.cell(2, 3);
    assert!((x - (186.0 + 3.0 * 446.0 / 9.0)).abs() < 1e-9);
    assert_eq!(y, 62.0 + 2.0 * 34.0);
    assert_eq!(grid.bottom(12), 62.0 + 12.0 * 34.0);
    // The last column ends at the right margin.
    let (last, _) = grid.cell(0, 8);
    assert!((last + grid.column_width - (640.0 - 8.0)).abs() < 1e-9);
    assert_eq!(Grid::new(0).columns, 1);
    // Staggered headings take two tiers: the first row starts 32 lower.
    assert_eq!(Grid::new(9).with_head(2).top, 30.0 + 64.0);
}

#[test]
fn long_headings_are_staggered_and_kept_whole() {
    let rows = vec![HeatRow {
        label: "Change".into(),
        cells: vec![HeatCell::TooFew; 9],
    }];
    let columns: Vec<String> = [
        "All",
        "Applications",
        "Customer Service",
        "Executive",
        "Finance",
        "Infrastructure",
        "Operations",
        "Service Desk",
        "Warehousing",
    ]
    .map(String::from)
    .to_vec();
    let svg = heatmap("By department", &columns, &rows).unwrap();
    for whole in ["Applications", "Infrastructure", "Warehousing", "Executive"] {
        assert!(svg.contains(&format!("\n{whole}\n</text>")), "{whole}");
    }
    assert!(!svg.contains('…'));
}

#[test]
fn differences_are_written_with_their_sign_in_whole_points() {
    assert_eq!(signed(12.4), "+12");
    assert_eq!(signed(-7.6), "\u{2212}8");
    assert_eq!(signed(0.4), "0");
    assert_eq!(signed(-0.4), "0");
}

#[test]
fn hidden_cells_are_marked_and_never_filled_and_text_is_print_sized() {
    let rows = vec![HeatRow {
        label: "Change enablement".into(),
        cells: vec![
            HeatCell::Value {
                percent: 31.0,
                difference: None,
            },
            HeatCell::Value {
                percent: 19.0,
                difference: Some(-12.0),
            },
            HeatCell::Withheld,
            HeatCell::TooFew,
        ],
    }];
    let columns: Vec<String> = ["All", "Business", "Ops", "Small"]
        .map(String::from)
        .to_vec();
    let svg = heatmap("By department", &columns, &rows).unwrap();
    assert!(
        svg.contains("\nwithheld\n</text>") && svg.contains("\ntoo few\n</text>"),
        "{svg}"
    );
    assert!(
        svg.contains("\n\u{2212}12\n</text>")
            && svg.contains("\n31\n</text>")
            && svg.contains("\n19\n</text>")
    );
    // One filled cell with colour: the Business one (10 to 20 below).
    let fill = format!(
        "fill=\"#{:02X}{:02X}{:02X}\"",
        BELOW[1].0, BELOW[1].1, BELOW[1].2
    );
    assert_eq!(
        svg.matches(&fill).count(),
        2,
        "the cell and its legend swatch"
    );
    for size in svg.split("font-size=\"").skip(1) {
        let px: f64 = size.split('"').next().unwrap().parse().unwrap();
        assert!(px >= 11.0, "text of {px} px");
    }
    assert_eq!(svg, heatmap("By department", &columns, &rows).unwrap());
    assert!(heatmap("x", &[], &rows).unwrap().contains("No data"));
}
