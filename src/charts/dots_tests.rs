//! The at-a-glance dot chart as a document.

use super::*;

fn row(label: &str, current: Option<f64>, target: Option<f64>) -> DotRow {
    DotRow {
        label: label.into(),
        note: ["2 Managed".into(), "31% · target 3".into()],
        current,
        target,
        groups: vec![Some(45.0), None, Some(f64::NAN)],
    }
}

fn bands() -> Vec<DotBand> {
    [0.0, 32.51, 50.01, 67.51, 85.01]
        .iter()
        .enumerate()
        .map(|(k, from)| DotBand {
            from: *from,
            label: format!("Level {}", k + 1),
        })
        .collect()
}

#[test]
fn every_domain_band_group_and_note_is_drawn_with_print_sized_text() {
    let groups: Vec<String> = ["IT", "Business", "Leadership"].map(String::from).to_vec();
    let rows = vec![
        row("Cost transparency", Some(11.1), Some(50.01)),
        row("Change enablement", Some(26.2), Some(67.51)),
        row("Nobody answered", None, Some(50.01)),
    ];
    let svg = dot_chart("Where each domain stands", &rows, &groups, &bands()).unwrap();
    for text in [
        "\nCost transparency\n</text>",
        "\nLevel 1\n</text>",
        "\nLevel 5\n</text>",
        "\n2 Managed\n</text>",
        "\nIT\n</text>",
        "\nLeadership\n</text>",
        "\nAll respondents\n</text>",
        "\nTarget\n</text>",
        "\n(no data)\n</text>",
    ] {
        assert!(svg.contains(text), "{text}");
    }
    assert!(svg.contains("width=\"640\""));
    for size in svg.split("font-size=\"").skip(1) {
        let px: f64 = size.split('"').next().unwrap().parse().unwrap();
        assert!(px >= 11.0, "text of {px} px");
    }
    assert!(!svg.contains("NaN"));
    assert_eq!(
        svg,
        dot_chart("Where each domain stands", &rows, &groups, &bands()).unwrap()
    );
}

#[test]
fn a_percent_maps_onto_the_plot_and_is_clamped() {
    assert_eq!(x_of(0.0), PLOT_LEFT);
    assert_eq!(x_of(100.0), PLOT_RIGHT);
    assert_eq!(x_of(50.0), (PLOT_LEFT + PLOT_RIGHT) / 2.0);
    assert_eq!(x_of(140.0), PLOT_RIGHT);
    assert_eq!(finite(Some(f64::INFINITY)), None);
}

#[test]
fn no_rows_give_a_no_data_chart() {
    assert!(
        dot_chart("x", &[], &[], &bands())
            .unwrap()
            .contains("No data")
    );
}
