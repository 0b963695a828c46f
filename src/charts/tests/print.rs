//! Tests of the charts as printed: drawn at the printed width with legible text,
//! colours that survive greyscale and meet contrast, labels that wrap rather than cut,
//! and reviewed snapshots of small charts.

use super::*;

/// Font size of a `<text>` element.
fn font_size(node: &roxmltree::Node) -> f64 {
    node.attribute("font-size").unwrap().parse().unwrap()
}

#[test]
fn every_chart_is_drawn_at_its_printed_width_with_legible_text() {
    // 640 px wide, printed 1:1 in a column of about 643 px: 11 px is 8.25 pt, 14 px 10.5 pt.
    for (name, svg) in realistic().iter().filter(|(name, _)| *name != "no-data") {
        let doc = roxmltree::Document::parse(svg).unwrap();
        assert_eq!(doc.root_element().attribute("width"), Some("640"), "{name}");
        let texts: Vec<_> = doc
            .descendants()
            .filter(|n| n.has_tag_name("text"))
            .collect();
        assert!(font_size(&texts[0]) >= 14.0, "{name}: title");
        for t in &texts {
            // 8 pt = 10.67 px.
            assert!(font_size(t) >= 10.67, "{name}: {:?}", t.text());
        }
    }
}

#[test]
fn colour_measures_match_the_wcag_and_cie_definitions() {
    let (white, black) = (RGBColor(255, 255, 255), RGBColor(0, 0, 0));
    assert!((contrast_ratio(white, black) - 21.0).abs() < 1e-9);
    assert!((contrast_ratio(white, white) - 1.0).abs() < 1e-9);
    assert!((lightness(white) - 100.0).abs() < 1e-6);
    assert!(lightness(black).abs() < 1e-9);
    // #777777: 119 / 255 linearises to 0.1845 = Y, whose L* is 116 * 0.5694 - 16 = 50.05.
    assert!((lightness(RGBColor(0x77, 0x77, 0x77)) - 50.05).abs() < 0.05);
    // The old level-2 badge, white on #C56A00, was 3.86:1 (Y = 0.2219), below 4.5.
    assert!((contrast_ratio(white, RGBColor(0xC5, 0x6A, 0x00)) - 3.86).abs() < 0.01);
}

#[test]
fn the_five_answer_categories_differ_in_greyscale() {
    let l: Vec<f64> = likert_colours(5).into_iter().map(lightness).collect();
    // Strongly disagree 33, disagree 60, neutral 88, agree 74, strongly agree 46.
    let expected = [33.3, 59.6, 87.8, 73.8, 45.9];
    for (got, want) in l.iter().zip(expected) {
        assert!((got - want).abs() < 0.1, "{l:?}");
    }
    // Every two categories, not only neighbours, at least 12 L* units apart.
    for i in 0..5 {
        for j in i + 1..5 {
            assert!((l[i] - l[j]).abs() >= 12.0, "{i} and {j}: {l:?}");
        }
    }
    // Neighbours stay 12 apart on the other common scales too.
    for points in [4, 6, 7] {
        let l: Vec<f64> = likert_colours(points).into_iter().map(lightness).collect();
        for w in l.windows(2) {
            assert!((w[0] - w[1]).abs() >= 12.0, "{points} points: {l:?}");
        }
    }
}

#[test]
fn shares_written_on_the_bars_meet_contrast() {
    for points in 2..=7 {
        for colour in likert_colours(points) {
            let text = if is_dark(colour) {
                RGBColor(255, 255, 255)
            } else {
                TEXT
            };
            let ratio = contrast_ratio(colour, text);
            assert!(ratio >= 4.5, "{colour:?} on {points} points: {ratio:.2}");
        }
    }
}

#[test]
fn level_badges_have_at_least_aa_contrast() {
    let ratios: Vec<f64> = LEVEL_BADGES
        .iter()
        .map(|c| contrast_ratio(*c, LEVEL_BADGE_TEXT))
        .collect();
    let expected = [6.54, 5.81, 5.40, 5.35, 6.67];
    for (got, want) in ratios.iter().zip(expected) {
        assert!((got - want).abs() < 0.01, "{ratios:?}");
        assert!(*got >= 4.5);
    }
}

#[test]
fn statement_labels_wrap_onto_two_lines_and_cut_only_beyond_three() {
    let statement = "Q01 Incidents are logged with enough detail to be resolved without call-backs";
    let long = format!("Q02 {}", "a statement that goes on and on ".repeat(6));
    let rows = [statement, long.as_str()].map(|label| DistributionRow {
        label: label.to_string(),
        counts: vec![1, 2, 3, 2, 1],
    });
    let t = texts(&diverging_bars("Wrapped", &rows, &likert_labels(5)).unwrap());
    let first = t.iter().position(|t| t.starts_with("Q01")).unwrap();
    assert!(t[first + 1].ends_with("call-backs"), "{t:?}");
    assert_eq!(format!("{} {}", t[first], t[first + 1]), statement);
    let second = t.iter().position(|t| t.starts_with("Q02")).unwrap();
    assert!(
        !t[second + 1].ends_with('…') && t[second + 2].ends_with('…'),
        "{t:?}"
    );
}

#[test]
fn radar_labels_give_level_name_and_percent_never_an_interpolated_level() {
    let axes = [
        ("Change", 2, 31.25, 3),
        ("Problem", 1, 12.0, 3),
        ("Service", 4, 71.0, 4),
    ]
    .map(|(label, level, percent, target)| RadarAxis {
        label: label.into(),
        current: Some(mark(level, Some(percent))),
        target: Some(mark(target, None)),
    });
    let svg = radar("Levels", &axes, 1..=5).unwrap();
    let t = texts(&svg);
    for label in [
        "2 Managed · 31.2%",
        "target 3 Defined",
        "1 Initial · 12.0%",
        "4 Quantified · 71.0%",
        "target 4 Quantified",
    ] {
        assert!(t.contains(&label.to_string()), "{label}: {t:?}");
    }
    assert!(
        !t.iter()
            .any(|t| t.contains("current") || t.contains(".0 ·")),
        "{t:?}"
    );
    // The rings are levels 2 to 5 around the floor, level 1, at the centre: ring labels
    // 1..5, none at 0.
    for ring in ["1", "2", "3", "4", "5"] {
        assert!(t.contains(&ring.to_string()), "{t:?}");
    }
    assert!(!t.contains(&"0".to_string()), "{t:?}");
}

#[test]
fn the_gantt_draws_durations_order_phase_names_and_the_milestone() {
    let long = "Stop the bleeding before anything else, whatever the cost to the plans of the year \
                and to the budget of every team";
    let phases =
        [(long, 0, 6), ("Stabilise", 6, 12)].map(|(name, start_month, end_month)| GanttPhase {
            name: name.into(),
            start_month,
            end_month,
        });
    let item = |label: &str, phase, start_month, end_month, after: Vec<usize>| GanttItem {
        label: label.into(),
        phase,
        start_month,
        end_month,
        after,
    };
    let items = [
        item("A", 0, 0, 1, vec![]),
        item("B", 0, 1, 3, vec![0]),
        item("C", 1, 6, 9, vec![1]),
        item("Re-assessment", 1, 12, 12, vec![]),
    ];
    let svg = gantt("Timeline", &phases, &items).unwrap();
    check(&svg, "Timeline");
    let t = texts(&svg);
    // The long phase name is wrapped, not cut: its lines make the whole name.
    let first = t
        .iter()
        .position(|t| t.starts_with("Stop the bleeding"))
        .unwrap();
    let joined = format!("{} {}", t[first], t[first + 1]);
    assert_eq!(joined, long, "{t:?}");
    assert!(!t.iter().any(|t| t.contains('…')), "{t:?}");
    assert!(t.contains(&"months 0–6".to_string()), "{t:?}");
    // Months 0..12 over x 270..622: 29.33 px a month. A: 0-1 -> 270..299; B: 1-3 ->
    // 299..358; C: 6-9 -> 446..534.
    let bars: Vec<(i32, i32)> = rects(&svg)
        .into_iter()
        .filter(|r| r.3 == 12)
        .map(|r| (r.0, r.0 + r.2))
        .collect();
    assert_eq!(bars, vec![(270, 299), (299, 358), (446, 534)], "{bars:?}");
    // One arrow (B after A, same phase; C after B crosses phases and has none): two
    // polygons besides it, the milestone's diamond centred on month 12 (x 622).
    let doc = roxmltree::Document::parse(&svg).unwrap();
    let polygons: Vec<String> = doc
        .descendants()
        .filter(|n| n.has_tag_name("polygon"))
        .map(|n| n.attribute("points").unwrap().to_string())
        .collect();
    assert_eq!(polygons.len(), 2, "{polygons:?}");
    assert!(
        polygons.iter().any(|p| p.starts_with("622,")),
        "{polygons:?}"
    );
}

/// Small charts of every kind, reviewed by eye as SVG (and drawn in a browser) before
/// their snapshot was accepted.
#[test]
fn small_charts_match_their_reviewed_snapshots() {
    let radar_svg = radar("Maturity by domain", &radar_axes(5), 1..=5).unwrap();
    insta::assert_snapshot!("radar_5", radar_svg);
    let bars = diverging_bars("Answers", &distribution_rows(3, 5), &likert_labels(5)).unwrap();
    insta::assert_snapshot!("diverging_3", bars);
    insta::assert_snapshot!(
        "gantt_6",
        gantt("Roadmap", &phases(), &gantt_items(6)).unwrap()
    );
}
