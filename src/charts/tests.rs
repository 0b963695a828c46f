//! Tests of the charts as documents: well-formed, accessible, escaped, deterministic
//! and finite, on realistic and degenerate inputs; and a preview writer.

use super::*;

mod print;

/// Text that would break out of the SVG if it were not escaped.
const EVIL: &str = r#"<script>alert(1)</script> & "x""#;

const DOMAINS: [&str; 12] = [
    "Incident Management",
    "Problem Management",
    "Change Enablement",
    "Service Request Management",
    "Service Configuration Management",
    "Service Level Management",
    "Knowledge Management",
    "Monitoring and Event Management",
    "IT Asset Management",
    "Information Security Management",
    "Relationship Management",
    "Continual Improvement",
];

const STATEMENTS: [&str; 10] = [
    "Incidents are logged with enough detail to be resolved without call-backs",
    "Priorities are set consistently against an agreed impact and urgency matrix",
    "Major incidents are communicated to the business within the agreed time",
    "Changes are assessed for risk before approval",
    "The CMDB is trusted by the people who use it",
    "Service levels are agreed with the business and reviewed",
    "Knowledge articles are current",
    "Alerts lead to action",
    "Licences are reconciled",
    "Improvement ideas are tracked to completion",
];

/// A small deterministic pseudo-random sequence.
struct Lcg(u64);

impl Lcg {
    fn next(&mut self, below: u64) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        (self.0 >> 33) % below
    }
}

const LEVEL_NAMES: [&str; 5] = ["Initial", "Managed", "Defined", "Quantified", "Optimising"];

fn mark(level: u32, percent: Option<f64>) -> LevelMark {
    LevelMark {
        level,
        name: LEVEL_NAMES[(level as usize + 4) % 5].to_string(),
        percent,
    }
}

fn radar_axes(n: usize) -> Vec<RadarAxis> {
    let mut rng = Lcg(7);
    (0..n)
        .map(|i| {
            let level = 1 + rng.next(3) as u32;
            let percent = f64::from(level - 1) * 20.0 + rng.next(200) as f64 / 10.0;
            RadarAxis {
                label: DOMAINS[i % DOMAINS.len()].to_string(),
                current: (i != 4).then(|| mark(level, Some(percent))),
                target: (i != 9).then(|| mark(3 + rng.next(2) as u32, None)),
            }
        })
        .collect()
}

fn likert_labels(points: usize) -> Vec<String> {
    match points {
        5 => [
            "Strongly disagree",
            "Disagree",
            "Neither agree nor disagree",
            "Agree",
            "Strongly agree",
        ]
        .map(String::from)
        .to_vec(),
        _ => (1..=points).map(|p| format!("Point {p}")).collect(),
    }
}

fn distribution_rows(n: usize, points: usize) -> Vec<DistributionRow> {
    let mut rng = Lcg(11);
    (0..n)
        .map(|i| DistributionRow {
            label: format!("Q{:02} {}", i + 1, STATEMENTS[i % STATEMENTS.len()]),
            counts: if i == 6 {
                vec![0; points]
            } else {
                (0..points).map(|_| rng.next(12)).collect()
            },
        })
        .collect()
}

fn phases() -> Vec<GanttPhase> {
    [
        ("Stabilise", 0, 3),
        ("Build foundations", 3, 9),
        ("Improve", 9, 18),
        ("Embed and sustain", 18, 24),
    ]
    .map(|(name, start_month, end_month)| GanttPhase {
        name: name.to_string(),
        start_month,
        end_month,
    })
    .to_vec()
}

fn gantt_items(n: usize) -> Vec<GanttItem> {
    let mut rng = Lcg(3);
    let phases = phases();
    (0..n)
        .map(|i| {
            let phase = i * phases.len() / n;
            let p = &phases[phase];
            let start_month =
                p.start_month + rng.next(u64::from(p.end_month - p.start_month)) as u32;
            let end_month = if i % 13 == 12 {
                start_month
            } else {
                (start_month + 1 + rng.next(6) as u32).min(24)
            };
            let verb = [
                "Define",
                "Agree",
                "Train staff on",
                "Automate",
                "Review",
                "Publish",
            ][i % 6];
            let domain = DOMAINS[i % DOMAINS.len()];
            GanttItem {
                label: format!("R{:02} {verb} {domain} practice", i + 1),
                phase,
                start_month,
                end_month,
                after: if i % 5 == 4 { vec![i - 1] } else { Vec::new() },
            }
        })
        .collect()
}

fn domain_percents() -> Vec<(String, Option<f64>)> {
    DOMAINS
        .iter()
        .enumerate()
        .map(|(i, d)| (d.to_string(), (i != 5).then_some(18.0 + i as f64 * 5.5)))
        .collect()
}

/// Every chart of realistic inputs, with a file name.
fn realistic() -> Vec<(&'static str, String)> {
    vec![
        (
            "radar-12",
            radar(
                "Maturity by domain: current and target",
                &radar_axes(12),
                1..=5,
            )
            .unwrap(),
        ),
        (
            "radar-3",
            radar("Maturity: three domains", &radar_axes(3), 1..=5).unwrap(),
        ),
        (
            "radar-16",
            radar("Maturity: sixteen axes", &radar_axes(16), 1..=5).unwrap(),
        ),
        (
            "radar-2-bars",
            radar("Maturity: two domains", &radar_axes(2), 1..=5).unwrap(),
        ),
        (
            "diverging-60",
            diverging_bars(
                "Answers by question",
                &distribution_rows(60, 5),
                &likert_labels(5),
            )
            .unwrap(),
        ),
        (
            "diverging-7",
            diverging_bars(
                "Seven-point scale",
                &distribution_rows(8, 7),
                &likert_labels(7),
            )
            .unwrap(),
        ),
        (
            "diverging-4",
            diverging_bars(
                "Four-point scale",
                &distribution_rows(8, 4),
                &likert_labels(4),
            )
            .unwrap(),
        ),
        (
            "gantt-40",
            gantt("Recovery roadmap", &phases(), &gantt_items(40)).unwrap(),
        ),
        (
            "level-bars",
            level_bars("Domain scores (% of scale)", &domain_percents(), 100.0).unwrap(),
        ),
        ("no-data", radar("Maturity by domain", &[], 1..=5).unwrap()),
    ]
}

/// Asserts that `svg` is a well-formed, accessible chart titled `title`, with unique
/// ids, finite numbers and legible text; returns its natural size.
fn check(svg: &str, title: &str) -> (f64, f64) {
    let doc =
        roxmltree::Document::parse(svg).unwrap_or_else(|e| panic!("not well-formed: {e}\n{svg}"));
    let root = doc.root_element();
    assert_eq!(root.tag_name().name(), "svg");
    assert_eq!(root.attribute("role"), Some("img"));
    assert_eq!(root.attribute("style"), Some("max-width:100%;height:auto"));
    let width: f64 = root.attribute("width").unwrap().parse().unwrap();
    let height: f64 = root.attribute("height").unwrap().parse().unwrap();
    assert_eq!(
        root.attribute("viewBox"),
        Some(format!("0 0 {width} {height}").as_str())
    );
    let mut children = root.children().filter(|n| n.is_element());
    let title_el = children.next().unwrap();
    assert_eq!(title_el.tag_name().name(), "title");
    assert_eq!(title_el.attribute("id"), root.attribute("aria-labelledby"));
    assert_eq!(title_el.text().unwrap_or(""), title);
    let desc = children.next().unwrap();
    assert_eq!(desc.tag_name().name(), "desc");
    assert_eq!(desc.attribute("id"), root.attribute("aria-describedby"));
    let mut ids: Vec<&str> = doc
        .descendants()
        .filter_map(|n| n.attribute("id"))
        .collect();
    let count = ids.len();
    ids.sort_unstable();
    ids.dedup();
    assert_eq!(ids.len(), count, "duplicate ids");
    for node in doc.descendants().filter(|n| n.is_element()) {
        for attr in node.attributes() {
            let name = attr.name();
            if [
                "x",
                "y",
                "width",
                "height",
                "cx",
                "cy",
                "r",
                "x1",
                "y1",
                "x2",
                "y2",
                "opacity",
                "stroke-width",
                "font-size",
            ]
            .contains(&name)
            {
                let v: f64 = attr
                    .value()
                    .parse()
                    .unwrap_or_else(|_| panic!("{name}={:?}", attr.value()));
                assert!(v.is_finite(), "{name}={v}");
            }
            if name == "points" {
                for n in attr.value().split([' ', ',']).filter(|s| !s.is_empty()) {
                    assert!(n.parse::<f64>().unwrap().is_finite());
                }
            }
        }
        if node.tag_name().name() == "text" {
            let size: f64 = node.attribute("font-size").unwrap().parse().unwrap();
            assert!(size >= 11.0, "font-size {size}");
            assert!(
                node.attribute("font-family")
                    .unwrap()
                    .ends_with("sans-serif")
            );
            let x: f64 = node.attribute("x").unwrap().parse().unwrap();
            let y: f64 = node.attribute("y").unwrap().parse().unwrap();
            assert!(
                (0.0..=width).contains(&x) && (0.0..=height).contains(&y),
                "text outside: {x},{y}"
            );
        }
    }
    (width, height)
}

/// The text contents of all `<text>` elements.
fn texts(svg: &str) -> Vec<String> {
    let doc = roxmltree::Document::parse(svg).unwrap();
    doc.descendants()
        .filter(|n| n.has_tag_name("text"))
        .map(|n| n.text().unwrap_or("").trim().to_string())
        .collect()
}

#[test]
fn realistic_charts_are_well_formed_and_accessible() {
    for (name, svg) in realistic() {
        let doc = roxmltree::Document::parse(&svg).unwrap();
        let title = doc
            .root_element()
            .first_element_child()
            .unwrap()
            .text()
            .unwrap()
            .to_string();
        check(&svg, &title);
        assert!(!svg.contains("NaN") && !svg.contains("inf\""), "{name}");
    }
}

#[test]
fn ids_are_unique_across_the_charts_of_a_page() {
    let charts = realistic();
    let mut ids: Vec<String> = charts
        .iter()
        .map(|(_, svg)| {
            let doc = roxmltree::Document::parse(svg).unwrap();
            doc.root_element()
                .attribute("aria-labelledby")
                .unwrap()
                .to_string()
        })
        .collect();
    ids.sort();
    ids.dedup();
    assert_eq!(ids.len(), charts.len());
    let a = level_bars("Scores", &[("A".into(), Some(1.0))], 5.0).unwrap();
    let b = level_bars("Scores", &[("A".into(), Some(2.0))], 5.0).unwrap();
    let id = |s: &str| {
        s.split("aria-labelledby=\"")
            .nth(1)
            .unwrap()
            .split('"')
            .next()
            .unwrap()
            .to_string()
    };
    assert!(id(&a).starts_with("chart-scores-"));
    assert_ne!(id(&a), id(&b));
}

#[test]
fn output_is_deterministic() {
    let first = realistic();
    let second = realistic();
    for ((name, a), (_, b)) in first.iter().zip(&second) {
        assert_eq!(a, b, "{name}");
    }
}

#[test]
fn user_text_is_escaped_exactly_once() {
    let evil = || EVIL.to_string();
    let charts = [
        radar(
            EVIL,
            &vec![
                RadarAxis {
                    label: evil(),
                    current: Some(mark(1, Some(10.0))),
                    target: Some(mark(2, None))
                };
                3
            ],
            1..=5,
        )
        .unwrap(),
        radar(
            EVIL,
            &[RadarAxis {
                label: evil(),
                current: Some(mark(1, Some(10.0))),
                target: None,
            }],
            1..=5,
        )
        .unwrap(),
        diverging_bars(
            EVIL,
            &[DistributionRow {
                label: evil(),
                counts: vec![1, 2, 3],
            }],
            &[evil(), evil(), evil()],
        )
        .unwrap(),
        gantt(
            EVIL,
            &[GanttPhase {
                name: evil(),
                start_month: 0,
                end_month: 12,
            }],
            &[GanttItem {
                label: evil(),
                phase: 0,
                start_month: 0,
                end_month: 3,
                after: vec![],
            }],
        )
        .unwrap(),
        level_bars(EVIL, &[(evil(), Some(1.0))], 5.0).unwrap(),
        level_bars(EVIL, &[], 5.0).unwrap(),
    ];
    for svg in &charts {
        assert!(!svg.contains("<script"), "{svg}");
        assert!(
            !svg.contains("&amp;lt;") && !svg.contains("&amp;amp;"),
            "escaped twice: {svg}"
        );
        check(svg, EVIL);
        let texts = texts(svg);
        assert!(texts.iter().any(|t| t == EVIL), "{texts:?}");
    }
    // Every label, not just the title, comes through intact in these charts.
    let labelled = texts(&charts[3]).iter().filter(|t| *t == EVIL).count();
    assert_eq!(labelled, 3, "title, phase name and item label");
}

#[test]
fn characters_xml_forbids_are_replaced() {
    let svg = level_bars(
        "Bell\u{7} and\u{0}null",
        &[("tab\tand\u{1b}esc".into(), Some(1.0))],
        5.0,
    )
    .unwrap();
    check(&svg, "Bell\u{FFFD} and\u{FFFD}null");
}

#[test]
fn empty_inputs_say_no_data() {
    let charts = [
        radar("Empty", &[], 1..=5).unwrap(),
        diverging_bars("Empty", &[], &likert_labels(5)).unwrap(),
        diverging_bars("Empty", &distribution_rows(3, 5), &[]).unwrap(),
        gantt("Empty", &phases(), &[]).unwrap(),
        level_bars("Empty", &[], 100.0).unwrap(),
    ];
    for svg in &charts {
        check(svg, "Empty");
        assert!(texts(svg).contains(&"No data".to_string()));
    }
}

#[test]
fn degenerate_inputs_do_not_panic() {
    let odd = [
        radar(
            "",
            &vec![
                RadarAxis {
                    label: String::new(),
                    current: None,
                    target: None
                };
                3
            ],
            0..=0,
        )
        .unwrap(),
        radar("x", &radar_axes(40), 1..=100).unwrap(),
        radar("x", &radar_axes(5), std::ops::RangeInclusive::new(5, 1)).unwrap(),
        radar(
            "x",
            &vec![
                RadarAxis {
                    label: "x".into(),
                    current: Some(mark(9, Some(1e300))),
                    target: Some(mark(0, Some(-5.0))),
                };
                3
            ],
            u32::MAX - 1..=u32::MAX,
        )
        .unwrap(),
        diverging_bars(
            "x",
            &[DistributionRow {
                label: "x".into(),
                counts: vec![u64::MAX / 4; 9],
            }],
            &likert_labels(5),
        )
        .unwrap(),
        diverging_bars(
            "x",
            &[DistributionRow {
                label: "x".into(),
                counts: vec![3],
            }],
            &likert_labels(1),
        )
        .unwrap(),
        gantt(
            "x",
            &[],
            &[GanttItem {
                label: "x".into(),
                phase: 7,
                start_month: 5,
                end_month: 2,
                after: vec![0, 3],
            }],
        )
        .unwrap(),
        gantt(
            "x",
            &[],
            &[GanttItem {
                label: "x".into(),
                phase: 0,
                start_month: 0,
                end_month: 0,
                after: vec![],
            }],
        )
        .unwrap(),
        gantt(
            "x",
            &[],
            &[GanttItem {
                label: "x".into(),
                phase: 0,
                start_month: u32::MAX,
                end_month: 0,
                after: vec![],
            }],
        )
        .unwrap(),
        level_bars(
            "x",
            &[("x".into(), Some(-3.0)), ("y".into(), Some(1e300))],
            -1.0,
        )
        .unwrap(),
    ];
    for svg in &odd {
        let doc = roxmltree::Document::parse(svg).unwrap();
        let title = doc
            .root_element()
            .first_element_child()
            .unwrap()
            .text()
            .unwrap_or("")
            .to_string();
        check(svg, &title);
    }
}

#[test]
fn non_finite_values_are_clamped_or_treated_as_missing() {
    let axes = vec![
        RadarAxis {
            label: "A".into(),
            current: Some(mark(2, Some(f64::NAN))),
            target: Some(mark(3, Some(f64::INFINITY))),
        },
        RadarAxis {
            label: "B".into(),
            current: None,
            target: Some(mark(2, None)),
        },
        RadarAxis {
            label: "C".into(),
            current: Some(mark(9, Some(f64::NEG_INFINITY))),
            target: None,
        },
    ];
    let charts = [
        radar("Missing values", &axes, 1..=5).unwrap(),
        radar("Missing values", &axes[..2], 1..=5).unwrap(),
        level_bars(
            "Missing values",
            &[
                ("A".into(), Some(f64::NAN)),
                ("B".into(), Some(f64::INFINITY)),
            ],
            f64::NAN,
        )
        .unwrap(),
    ];
    for svg in &charts {
        check(svg, "Missing values");
        assert!(!svg.contains("NaN") && !svg.contains("inf"), "{svg}");
    }
    assert!(texts(&charts[0]).iter().any(|t| t.contains("(no data)")));
    assert!(texts(&charts[2]).contains(&"(no data)".to_string()));
}

/// The `<rect>`s of `svg` as (x, y, width, height, fill).
fn rects(svg: &str) -> Vec<(i32, i32, i32, i32, String)> {
    let doc = roxmltree::Document::parse(svg).unwrap();
    let int = |n: &roxmltree::Node, a: &str| n.attribute(a).unwrap().parse::<i32>().unwrap();
    doc.descendants()
        .filter(|n| n.has_tag_name("rect"))
        .map(|n| {
            (
                int(&n, "x"),
                int(&n, "y"),
                int(&n, "width"),
                int(&n, "height"),
                n.attribute("fill").unwrap().into(),
            )
        })
        .collect()
}

#[test]
fn diverging_geometry_matches_a_hand_computation() {
    let row = DistributionRow {
        label: "Q1".into(),
        counts: vec![0, 0, 2, 0, 2],
    };
    let svg = diverging_bars("Geometry", &[row], &likert_labels(5)).unwrap();
    // Of 4 answers, the neutral 2 (50 %) span -25 %..+25 % and the 2 "strongly agree"
    // (50 %) +25 %..+75 %: the widest side is 75 %, so the axis runs from -75 % at
    // x = 300 to +75 % at x = 590 (three steps of 25 a side, not ±100 %): zero at 445,
    // 290 / 150 = 1.933 px per percent. Neutral: 396.7..445 and 445..493.3, drawn as
    // 397 + 48 and 445 + 48; strongly agree 493.3..590, drawn as 493..590.
    assert_eq!(
        (diverging::PLOT_LEFT, diverging::PLOT_RIGHT),
        (300.0, 590.0)
    );
    let bars: Vec<_> = rects(&svg).into_iter().filter(|r| r.3 == 16).collect();
    let neutral = "#DCDCDC".to_string();
    let strong = "#2B6FB5".to_string();
    assert!(
        bars.iter().any(|r| (r.0, r.2, &r.4) == (397, 48, &neutral)),
        "{bars:?}"
    );
    assert!(
        bars.iter().any(|r| (r.0, r.2, &r.4) == (445, 48, &neutral)),
        "{bars:?}"
    );
    assert!(
        bars.iter()
            .any(|r| (r.0, r.0 + r.2, &r.4) == (493, 590, &strong)),
        "{bars:?}"
    );
    assert_eq!(bars.len(), 3, "{bars:?}");
    let t = texts(&svg);
    assert!(t.contains(&"50%".to_string()));
    for tick in ["75%", "25%", "0%"] {
        assert!(t.contains(&tick.to_string()), "{tick}: {t:?}");
    }
    assert!(!t.contains(&"100%".to_string()), "{t:?}");
}

#[test]
fn rows_without_answers_show_an_empty_bar() {
    let rows = [DistributionRow {
        label: "Q1".into(),
        counts: vec![0; 5],
    }];
    let svg = diverging_bars("Empty row", &rows, &likert_labels(5)).unwrap();
    assert!(texts(&svg).contains(&"(no answers)".to_string()));
    assert!(rects(&svg).iter().all(|r| r.3 != 16));
}

#[test]
fn heights_grow_with_rows() {
    let height = |svg: &str| check(svg, &texts(svg)[0]).1;
    let few = diverging_bars("Rows", &distribution_rows(5, 5), &likert_labels(5)).unwrap();
    let many = diverging_bars("Rows", &distribution_rows(60, 5), &likert_labels(5)).unwrap();
    assert!(height(&many) > height(&few) + 50.0 * 24.0);
    let few = gantt("Items", &phases(), &gantt_items(5)).unwrap();
    let many = gantt("Items", &phases(), &gantt_items(40)).unwrap();
    // 35 more items of at least one 17-pixel row each.
    assert!(height(&many) >= height(&few) + 35.0 * 17.0);
}

#[test]
fn long_labels_are_shortened_with_an_ellipsis() {
    let svg = level_bars(
        "Long",
        &[(
            "Q01 ".to_string() + &"very long statement ".repeat(10),
            Some(2.0),
        )],
        5.0,
    )
    .unwrap();
    assert!(
        texts(&svg)
            .iter()
            .any(|t| t.starts_with("Q01 very long") && t.ends_with('…'))
    );
}

#[test]
fn radar_marks_missing_values_and_falls_back_to_bars() {
    let svg = radar("Radar", &radar_axes(12), 1..=5).unwrap();
    let t = texts(&svg);
    assert!(t.iter().any(|t| t.starts_with("(no data)")), "{t:?}");
    assert!(t.iter().any(|t| t.ends_with("(no target)")), "{t:?}");
    assert!(svg.contains("<polygon"));
    let bars = radar("Radar", &radar_axes(2), 1..=5).unwrap();
    assert!(!bars.contains("<polygon"));
    let t = texts(&bars);
    assert!(t.contains(&"Current".to_string()) && t.contains(&"Target".to_string()));
}

#[test]
fn likert_colours_diverge_around_grey() {
    assert_eq!(
        likert_colours(5),
        vec![
            LIKERT_NEGATIVE_STRONG,
            LIKERT_NEGATIVE_MILD,
            LIKERT_NEUTRAL,
            LIKERT_POSITIVE_MILD,
            LIKERT_POSITIVE_STRONG
        ]
    );
    assert_eq!(likert_colours(4).len(), 4);
    assert!(!likert_colours(4).contains(&LIKERT_NEUTRAL));
    assert_eq!(likert_colours(7)[3], LIKERT_NEUTRAL);
    assert!(is_dark(LIKERT_POSITIVE_STRONG) && !is_dark(LIKERT_NEUTRAL));
}

/// Writes every realistic chart to `$TMPDIR/charts-preview/NAME.svg` to look at:
/// `cargo test charts::tests::write_previews -- --ignored`.
#[test]
#[ignore = "writes preview files"]
fn write_previews() {
    let dir = std::env::temp_dir().join("charts-preview");
    std::fs::create_dir_all(&dir).unwrap();
    for (name, svg) in realistic() {
        std::fs::write(dir.join(format!("{name}.svg")), svg).unwrap();
    }
}
