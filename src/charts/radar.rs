//! Radar (spider) chart of current against target maturity per domain.

use std::f64::consts::PI;
use std::ops::RangeInclusive;

use anyhow::Result;
use plotters::style::WHITE;
use plotters::style::text_anchor::{HPos, VPos};

use super::bars::{BarRow, Series, grouped_bars};
use super::svg::{Canvas, Font, Legend, MARGIN, SMALL, TITLE_HEIGHT, WIDTH, no_data, render};
use super::text::clean;
use super::{AXIS, BLUE, GRID, MUTED_TEXT, VERMILLION};
use crate::format;

/// A maturity level as the report's tables give it.
#[derive(Debug, Clone, PartialEq)]
pub struct LevelMark {
    /// The level number, e.g. 2.
    pub level: u32,
    /// The level's name, e.g. "Managed"; may be empty.
    pub name: String,
    /// The score as a percent of the scale that reached the level, when there is one
    /// (a target has none); a non-finite percent is not shown.
    pub percent: Option<f64>,
}

impl LevelMark {
    /// "2 Managed · 31.2%", as the tables write it ([`crate::format`]): the number,
    /// the name when there is one, and the percent when there is one.
    fn describe(&self) -> String {
        let name = clean(&self.name);
        let level = format::level(
            Some(self.level),
            Some(name.as_str()).filter(|n| !n.is_empty()),
        );
        match self.percent.filter(|p| p.is_finite()) {
            Some(p) => format!("{level} · {}", format::percent(Some(p.clamp(0.0, 100.0)))),
            None => level,
        }
    }
}

/// One axis (domain) of a radar chart.
#[derive(Debug, Clone, PartialEq)]
pub struct RadarAxis {
    /// The domain name, shown outside the outer ring (wrapped onto two lines and
    /// shortened with an ellipsis when long).
    pub label: String,
    /// The assessed level, name and percent; `None` is drawn at the floor and the
    /// label says "(no data)".
    pub current: Option<LevelMark>,
    /// The target level and name; `None` is drawn at the floor and the label says
    /// "(no target)".
    pub target: Option<LevelMark>,
}

/// Height of the radar chart.
const HEIGHT: f64 = 500.0;
/// Centre of the rings.
const CENTRE: (f64, f64) = (WIDTH / 2.0, 264.0);
/// Radius of the outer ring.
const RADIUS: f64 = 150.0;
/// Gap between the outer ring and the axis labels.
const LABEL_GAP: f64 = 12.0;
/// Widest an axis label may be.
const LABEL_MAX_WIDTH: f64 = 150.0;
/// Most rings drawn; a wider range of levels gets a ring every few levels.
const MAX_RINGS: u32 = 10;
/// Colour of the current polygon.
const CURRENT: plotters::style::RGBColor = BLUE;
/// Colour of the target polygon.
const TARGET: plotters::style::RGBColor = VERMILLION;

/// A radar chart of the current against the target level per axis, on a scale of
/// whole `levels` (e.g. `1..=5`): the centre is the lowest level (the floor every
/// domain starts from, as no score is below it) and each further level is a ring (a
/// ring every few levels beyond ten).
/// The current levels are a filled blue polygon, the targets a dashed vermillion
/// outline; a legend names both, and each axis label gives the current level's number,
/// name and percent ("2 Managed · 31.2%") and the target's number and name, exactly
/// as the tables do: never a level interpolated from the percent. Levels outside
/// `levels` are clamped into it; an empty or one-level range is widened to two
/// levels. Designed for 3 to 16 axes; with one or two axes it draws grouped
/// horizontal bars of current and target levels instead, and with none a small
/// "No data" chart.
pub fn radar(title: &str, axes: &[RadarAxis], levels: RangeInclusive<u32>) -> Result<String> {
    if axes.is_empty() {
        return no_data(title);
    }
    let floor = *levels.start();
    let top = (*levels.end()).max(floor.saturating_add(1));
    let span = f64::from(top - floor);
    let level_of = |m: &Option<LevelMark>| m.as_ref().map(|m| m.level.clamp(floor, top));
    if axes.len() < 3 {
        return radar_bars(title, axes, top);
    }

    let n = axes.len();
    let step_angle = 2.0 * PI / n as f64;
    let angle = |i: usize| -PI / 2.0 + step_angle * i as f64;
    let point = |i: usize, r: f64| (CENTRE.0 + r * angle(i).cos(), CENTRE.1 + r * angle(i).sin());
    let radius = |level: u32| RADIUS * f64::from(level - floor) / span;
    let vertices = |pick: fn(&RadarAxis) -> &Option<LevelMark>| -> Vec<(f64, f64)> {
        axes.iter()
            .enumerate()
            .map(|(i, a)| point(i, radius(level_of(pick(a)).unwrap_or(floor))))
            .collect()
    };
    let current = vertices(|a| &a.current);
    let target = vertices(|a| &a.target);
    let summary = format!(
        "Radar chart of the current against the target maturity level for {n} domains, \
         on levels {floor} (the centre) to {top}."
    );

    render(title, &summary, (WIDTH as u32, HEIGHT as u32), |c| {
        let legend = Legend::new(
            ["Current", "Target"],
            (MARGIN, TITLE_HEIGHT),
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
        let step = (top - floor).div_ceil(MAX_RINGS) as usize;
        let mut rings: Vec<u32> = (floor..=top).step_by(step).chain([top]).collect();
        rings.dedup();
        for &level in rings.iter().filter(|l| **l > floor) {
            let ring: Vec<(f64, f64)> = (0..=n).map(|i| point(i % n, radius(level))).collect();
            c.line(&ring, if level == top { AXIS } else { GRID }, 1)?;
        }
        for i in 0..n {
            c.line(&[CENTRE, point(i, RADIUS)], GRID, 1)?;
        }
        c.polygon(&current, CURRENT, 0.2)?;
        c.line(&closed(&current), CURRENT, 2)?;
        c.dashed(&closed(&target), TARGET, 2, 7, 4)?;
        for &p in &current {
            c.circle(p, 3.5, CURRENT, true, 1)?;
        }
        draw_ring_labels(c, &rings, &|level| point(0, radius(level)))?;
        for (i, axis) in axes.iter().enumerate() {
            draw_label(c, axis, angle(i), step_angle, point(i, RADIUS + LABEL_GAP))?;
        }
        Ok(())
    })
}

/// The stand-in for a radar of one or two axes: grouped bars of the current and the
/// target level on an axis from 0 to `top`, each written as the labels of the radar.
fn radar_bars(title: &str, axes: &[RadarAxis], top: u32) -> Result<String> {
    let bar = |m: &Option<LevelMark>| {
        m.as_ref()
            .map(|m| (f64::from(m.level.min(top)), Some(m.describe())))
    };
    let rows: Vec<BarRow> = axes
        .iter()
        .map(|a| BarRow {
            label: a.label.clone(),
            values: vec![bar(&a.current), bar(&a.target)],
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
    grouped_bars(title, &rows, &series, f64::from(top))
}

/// `points` with the first point repeated at the end.
fn closed(points: &[(f64, f64)]) -> Vec<(f64, f64)> {
    points.iter().chain(points.first()).copied().collect()
}

/// The level numbers of the centre and the rings, beside the first spoke on a white
/// ground so that the polygons do not hide them.
fn draw_ring_labels(c: &Canvas<'_>, levels: &[u32], at: &dyn Fn(u32) -> (f64, f64)) -> Result<()> {
    let font = Font::new(SMALL)
        .colour(MUTED_TEXT)
        .anchor(HPos::Left, VPos::Center);
    for &level in levels {
        let (x, y) = at(level);
        let text = level.to_string();
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

/// The label of one axis: its name on up to two lines, then the current level and
/// the target, placed outside the ring at `anchor` so that the block extends away
/// from the chart.
fn draw_label(
    c: &Canvas<'_>,
    axis: &RadarAxis,
    theta: f64,
    step: f64,
    anchor: (f64, f64),
) -> Result<()> {
    const NAME_LINE: f64 = 14.0;
    const VALUE_LINE: f64 = 13.0;
    let (cos, sin) = (theta.cos(), theta.sin());
    let h = if cos > 0.25 {
        HPos::Left
    } else if cos < -0.25 {
        HPos::Right
    } else {
        HPos::Center
    };
    let max_width = match h {
        HPos::Center => 2.0 * ((RADIUS + LABEL_GAP) * step.sin().abs() - 6.0),
        _ => WIDTH / 2.0 - (anchor.0 - CENTRE.0).abs() - MARGIN,
    }
    .clamp(40.0, LABEL_MAX_WIDTH);
    let name_font = Font::new(12.0).bold().anchor(h, VPos::Top);
    let value_font = Font::new(SMALL).colour(MUTED_TEXT).anchor(h, VPos::Top);
    let name = name_font.wrap(&clean(&axis.label), max_width, 2);
    let current = axis
        .current
        .as_ref()
        .map_or_else(|| "(no data)".to_string(), LevelMark::describe);
    let target = axis.target.as_ref().map_or_else(
        || "(no target)".to_string(),
        |t| format!("target {}", t.describe()),
    );
    let values = [current, target].map(|v| value_font.fit(&v, max_width));
    let block = name.len() as f64 * NAME_LINE + 2.0 * VALUE_LINE;
    let top = if sin < -0.25 {
        anchor.1 - block
    } else if sin > 0.25 {
        anchor.1
    } else {
        anchor.1 - block / 2.0
    };
    c.lines(&name, (anchor.0, top), name_font, NAME_LINE)?;
    let values_top = top + name.len() as f64 * NAME_LINE;
    for (k, (text, missing)) in values
        .iter()
        .zip([axis.current.is_none(), axis.target.is_none()])
        .enumerate()
    {
        let font = if missing {
            value_font.italic()
        } else {
            value_font
        };
        c.text(text, (anchor.0, values_top + k as f64 * VALUE_LINE), font)?;
    }
    Ok(())
}
