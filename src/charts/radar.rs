//! Radar (spider) chart of current against target maturity per domain.

use std::f64::consts::PI;

use anyhow::Result;
use plotters::style::WHITE;
use plotters::style::text_anchor::{HPos, VPos};

use super::axis::{clamp_value, format_number, nice_step, sanitize_max, ticks};
use super::bars::{BarRow, Series, grouped_bars};
use super::svg::{Canvas, Font, Legend, MARGIN, TITLE_HEIGHT, no_data, render};
use super::text::{clean, wrap};
use super::{AXIS, BLUE, GRID, MUTED_TEXT, VERMILLION};

/// One axis (domain) of a radar chart, with values in maturity levels (e.g. 0..=5).
#[derive(Debug, Clone, PartialEq)]
pub struct RadarAxis {
    /// The domain name, shown outside the outer ring (wrapped onto two lines and
    /// shortened with an ellipsis when long).
    pub label: String,
    /// The assessed level; `None` (or a non-finite value) is drawn as 0 and the label
    /// is marked "(no data)".
    pub current: Option<f64>,
    /// The target level; `None` (or a non-finite value) is drawn as 0 and the label
    /// is marked "(no target)".
    pub target: Option<f64>,
}

/// Width of the radar chart.
const WIDTH: f64 = 820.0;
/// Height of the radar chart.
const HEIGHT: f64 = 620.0;
/// Centre of the rings.
const CENTRE: (f64, f64) = (WIDTH / 2.0, 340.0);
/// Radius of the outer ring.
const RADIUS: f64 = 200.0;
/// Gap between the outer ring and the axis labels.
const LABEL_GAP: f64 = 14.0;
/// Widest an axis label may be.
const LABEL_MAX_WIDTH: f64 = 170.0;
/// Colour of the current polygon.
const CURRENT: plotters::style::RGBColor = BLUE;
/// Colour of the target polygon.
const TARGET: plotters::style::RGBColor = VERMILLION;

/// A radar chart of `current` against `target` per axis, on rings at each level from
/// 1 to `max_value` (a coarser step when `max_value` exceeds 5). The current values
/// are a filled blue polygon, the targets a dashed vermillion outline; a legend names
/// both and each axis label carries the two values. Values are clamped into
/// `0..=max_value`; a non-finite or non-positive `max_value` is replaced by the
/// largest value rounded up. Designed for 3 to 16 axes; with one or two axes it draws
/// grouped horizontal bars of current and target instead, and with none a small
/// "No data" chart.
pub fn radar(title: &str, axes: &[RadarAxis], max_value: f64) -> Result<String> {
    if axes.is_empty() {
        return no_data(title);
    }
    let values = axes.iter().flat_map(|a| [a.current, a.target]).flatten();
    let max = sanitize_max(max_value, values);
    let value = |v: Option<f64>| v.and_then(|v| clamp_value(v, max));
    if axes.len() < 3 {
        let rows: Vec<BarRow> = axes
            .iter()
            .map(|a| BarRow {
                label: a.label.clone(),
                values: vec![value(a.current), value(a.target)],
            })
            .collect();
        let series = [
            Series {
                name: "Current",
                colour: CURRENT,
            },
            Series {
                name: "Target",
                colour: TARGET,
            },
        ];
        return grouped_bars(title, &rows, &series, max);
    }

    let n = axes.len();
    let step_angle = 2.0 * PI / n as f64;
    let angle = |i: usize| -PI / 2.0 + step_angle * i as f64;
    let point = |i: usize, r: f64| (CENTRE.0 + r * angle(i).cos(), CENTRE.1 + r * angle(i).sin());
    let vertices = |pick: fn(&RadarAxis) -> Option<f64>| -> Vec<(f64, f64)> {
        let radius = |a: &RadarAxis| RADIUS * value(pick(a)).unwrap_or(0.0) / max;
        axes.iter()
            .enumerate()
            .map(|(i, a)| point(i, radius(a)))
            .collect()
    };
    let current = vertices(|a| a.current);
    let target = vertices(|a| a.target);
    let summary = format!(
        "Radar chart of current against target maturity for {n} domains on a scale from 0 to {}.",
        format_number(max, 2)
    );

    render(title, &summary, (WIDTH as u32, HEIGHT as u32), |c| {
        let legend = Legend::new(
            ["Current", "Target"],
            (MARGIN, TITLE_HEIGHT + 2.0),
            WIDTH - MARGIN,
        );
        c.legend(&legend, |c, i, (x, y)| {
            if i == 1 {
                c.dashed(&[(x, y + 6.0), (x + 16.0, y + 6.0)], TARGET, 2, 5, 3)
            } else {
                c.rect((x, y), (x + 16.0, y + 12.0), CURRENT, 0.25)?;
                c.line(&[(x, y + 6.0), (x + 16.0, y + 6.0)], CURRENT, 2)
            }
        })?;
        let levels = draw_grid(c, n, max, &point)?;
        c.polygon(&current, CURRENT, 0.2)?;
        c.line(&closed(&current), CURRENT, 2)?;
        c.dashed(&closed(&target), TARGET, 2, 7, 4)?;
        for &p in &current {
            c.circle(p, 3.5, CURRENT, true, 1)?;
        }
        draw_ring_labels(c, &levels, max, &point)?;
        for (i, axis) in axes.iter().enumerate() {
            draw_label(
                c,
                axis,
                angle(i),
                step_angle,
                point(i, RADIUS + LABEL_GAP),
                max,
            )?;
        }
        Ok(())
    })
}

/// `points` with the first point repeated at the end.
fn closed(points: &[(f64, f64)]) -> Vec<(f64, f64)> {
    points.iter().chain(points.first()).copied().collect()
}

/// Rings and spokes; returns the levels of the rings.
fn draw_grid(
    c: &Canvas<'_>,
    n: usize,
    max: f64,
    point: &dyn Fn(usize, f64) -> (f64, f64),
) -> Result<Vec<f64>> {
    let step = nice_step(max, 5);
    let mut levels: Vec<f64> = ticks(max, step).into_iter().filter(|l| *l > 0.0).collect();
    if levels.last().is_none_or(|l| (max - l) > step * 1e-6) {
        levels.push(max);
    }
    for (k, &level) in levels.iter().enumerate() {
        let r = RADIUS * level / max;
        let ring: Vec<(f64, f64)> = (0..=n).map(|i| point(i % n, r)).collect();
        let colour = if k + 1 == levels.len() { AXIS } else { GRID };
        c.line(&ring, colour, 1)?;
    }
    for i in 0..n {
        c.line(&[CENTRE, point(i, RADIUS)], GRID, 1)?;
    }
    Ok(levels)
}

/// The level labels of the rings, beside the first spoke on a white ground so that
/// the polygons do not hide them.
fn draw_ring_labels(
    c: &Canvas<'_>,
    levels: &[f64],
    max: f64,
    point: &dyn Fn(usize, f64) -> (f64, f64),
) -> Result<()> {
    let font = Font::new(11.0)
        .colour(MUTED_TEXT)
        .anchor(HPos::Left, VPos::Center);
    let decimals = if levels.first().is_some_and(|l| *l < 1.0) {
        2
    } else {
        1
    };
    for &level in levels {
        let (x, y) = point(0, RADIUS * level / max);
        let text = format_number(level, decimals);
        c.rect(
            (x + 3.0, y + 1.0),
            (x + 7.0 + font.width(&text), y + 15.0),
            WHITE,
            0.8,
        )?;
        c.text(&text, (x + 5.0, y + 8.0), font)?;
    }
    Ok(())
}

/// The label of one axis: its name on up to two lines and a line with its values,
/// placed outside the ring at `anchor` so that the block extends away from the chart.
fn draw_label(
    c: &Canvas<'_>,
    axis: &RadarAxis,
    theta: f64,
    step: f64,
    anchor: (f64, f64),
    max: f64,
) -> Result<()> {
    const NAME_LINE: f64 = 15.0;
    const VALUE_LINE: f64 = 14.0;
    let (cos, sin) = (theta.cos(), theta.sin());
    let h = if cos > 0.25 {
        HPos::Left
    } else if cos < -0.25 {
        HPos::Right
    } else {
        HPos::Center
    };
    let max_width = match h {
        HPos::Center => 2.0 * ((RADIUS + LABEL_GAP) * step.sin().abs() - 8.0),
        _ => WIDTH / 2.0 - (anchor.0 - CENTRE.0).abs() - MARGIN,
    }
    .clamp(40.0, LABEL_MAX_WIDTH);
    let name_font = Font::new(12.0).bold().anchor(h, VPos::Top);
    let value_font = Font::new(11.0).colour(MUTED_TEXT).anchor(h, VPos::Top);
    let missing_font = value_font.italic();
    let name = wrap(&clean(&axis.label), name_font.px, true, max_width, 2);
    let decimals = if max <= 10.0 { 1 } else { 0 };
    let shown = |v: Option<f64>| {
        v.filter(|v| v.is_finite())
            .map(|v| format!("{:.decimals$}", v.clamp(0.0, max)))
    };
    let (values, missing) = match (shown(axis.current), shown(axis.target)) {
        (Some(cur), Some(tgt)) => (format!("current {cur} · target {tgt}"), false),
        (Some(cur), None) => (format!("current {cur} · (no target)"), true),
        (None, Some(tgt)) => (format!("(no data) · target {tgt}"), true),
        (None, None) => ("(no data)".to_string(), true),
    };
    let values = value_font.fit(&values, max_width);
    let block = name.len() as f64 * NAME_LINE + VALUE_LINE;
    let top = if sin < -0.25 {
        anchor.1 - block
    } else if sin > 0.25 {
        anchor.1
    } else {
        anchor.1 - block / 2.0
    };
    for (k, line) in name.iter().enumerate() {
        c.text(line, (anchor.0, top + k as f64 * NAME_LINE), name_font)?;
    }
    let font = if missing { missing_font } else { value_font };
    c.text(
        &values,
        (anchor.0, top + name.len() as f64 * NAME_LINE),
        font,
    )
}
