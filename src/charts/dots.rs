//! Dot chart of every domain on one percent axis: where it stands today, its target, and
//! where each group puts it, over bands that show the maturity levels. Drawn at the width it
//! is printed at (the text column of an A4 page), so that its text keeps its size on paper.

use anyhow::Result;
use plotters::style::WHITE;
use plotters::style::text_anchor::{HPos, VPos};

use super::markers::marker;
use super::svg::{Canvas, Font, Legend, MARGIN, TITLE_HEIGHT, WIDTH, no_data, render};
use super::text::{clean, wrap};
use super::{AXIS, BLACK, GRID, MUTED_TEXT, VERMILLION, ZEBRA};

/// One domain of the dot chart.
#[derive(Debug, Clone, PartialEq)]
pub struct DotRow {
    /// The domain's name, on up to two lines.
    pub label: String,
    /// Its level and percent in words, written at the right on up to two lines (for example
    /// `["2 Managed", "31% · target 3"]`).
    pub note: [String; 2],
    /// Its percent of the scale (0 to 100); `None` when it has no score.
    pub current: Option<f64>,
    /// Where its target level starts, as a percent of the scale.
    pub target: Option<f64>,
    /// Each group's percent, in the order of the chart's groups; `None` where not shown.
    pub groups: Vec<Option<f64>>,
}

/// A band of the percent axis: a maturity level from its threshold up to the next one.
#[derive(Debug, Clone, PartialEq)]
pub struct DotBand {
    /// The percent it starts at.
    pub from: f64,
    /// Its short label, such as "Level 2".
    pub label: String,
}

/// Domain labels run from the margin to here.
const LABEL_RIGHT: f64 = 176.0;
/// The x of 0 %.
const PLOT_LEFT: f64 = 186.0;
/// The x of 100 %.
const PLOT_RIGHT: f64 = 508.0;
/// Where the notes at the right start.
const NOTE_LEFT: f64 = 520.0;
/// Height of a row.
const ROW: f64 = 32.0;
/// Font of the domain labels.
const LABEL_FONT: Font = Font::new(12.0);
/// Font of small text: band labels, ticks, notes.
const SMALL: Font = Font::new(11.0);

/// A dot chart with one row per domain in the order given: a black dot for everyone, an
/// open vermillion diamond for the target joined to it by a line (the gap still to close),
/// and a marker per group (colour and shape by the group's position in `groups`), over
/// alternately shaded `bands` labelled at the top. Each row carries its note at the right.
/// Percents are clamped to 0–100 and non-finite ones skipped; no rows give "No data".
pub fn dot_chart(
    title: &str,
    rows: &[DotRow],
    groups: &[String],
    bands: &[DotBand],
) -> Result<String> {
    if rows.is_empty() {
        return no_data(title);
    }
    let mut names = vec!["All respondents", "Target"];
    names.extend(groups.iter().map(String::as_str));
    let legend = Legend::new(names, (MARGIN, TITLE_HEIGHT + 2.0), WIDTH - MARGIN);
    let top = legend.bottom + 22.0;
    let bottom = top + ROW * rows.len() as f64;
    let height = bottom + 40.0;
    let summary = format!(
        "Dot chart of {} domains as percent of the scale, today against target, with {} groups.",
        rows.len(),
        groups.len()
    );
    render(title, &summary, (WIDTH as u32, height as u32), |c| {
        c.legend(&legend, |c, i, (x, y)| match i {
            0 => current_dot(c, (x + 8.0, y + 6.0)),
            1 => target_mark(c, (x + 8.0, y + 6.0)),
            g => marker(c, g - 2, (x + 8.0, y + 6.0), 4.5),
        })?;
        draw_bands(c, bands, top, bottom)?;
        draw_axis(c, bottom)?;
        for (i, row) in rows.iter().enumerate() {
            draw_row(c, row, top + ROW * i as f64 + ROW / 2.0)?;
        }
        Ok(())
    })
}

/// The x pixel of a percent.
fn x_of(percent: f64) -> f64 {
    PLOT_LEFT + percent.clamp(0.0, 100.0) * (PLOT_RIGHT - PLOT_LEFT) / 100.0
}

/// A finite percent, or nothing.
fn finite(v: Option<f64>) -> Option<f64> {
    v.filter(|v| v.is_finite()).map(|v| v.clamp(0.0, 100.0))
}

/// The bands: every other one shaded, a line at each threshold, the label centred on top.
fn draw_bands(c: &Canvas<'_>, bands: &[DotBand], top: f64, bottom: f64) -> Result<()> {
    let label_font = SMALL.colour(MUTED_TEXT).anchor(HPos::Center, VPos::Bottom);
    for (k, band) in bands.iter().enumerate() {
        let from = x_of(band.from);
        let to = bands.get(k + 1).map_or(PLOT_RIGHT, |b| x_of(b.from));
        if k % 2 == 1 {
            c.rect((from, top), (to, bottom), ZEBRA, 1.0)?;
        }
        c.line(&[(from, top - 4.0), (from, bottom)], GRID, 1)?;
        let label = label_font.fit(&clean(&band.label), (to - from - 4.0).max(0.0));
        c.text(&label, ((from + to) / 2.0, top - 4.0), label_font)?;
    }
    c.line(&[(PLOT_RIGHT, top - 4.0), (PLOT_RIGHT, bottom)], GRID, 1)
}

/// Ticks every 20 % under the plot, and the axis caption.
fn draw_axis(c: &Canvas<'_>, bottom: f64) -> Result<()> {
    c.line(&[(PLOT_LEFT, bottom), (PLOT_RIGHT, bottom)], AXIS, 1)?;
    let tick = SMALL.colour(MUTED_TEXT).anchor(HPos::Center, VPos::Top);
    for step in 0..=5 {
        let percent = f64::from(step) * 20.0;
        c.text(&format!("{percent}%"), (x_of(percent), bottom + 4.0), tick)?;
    }
    c.text(
        "Percent of the answer scale",
        ((PLOT_LEFT + PLOT_RIGHT) / 2.0, bottom + 20.0),
        tick,
    )
}

/// One domain: its label, the gap line, the target, the groups, everyone, and its note.
fn draw_row(c: &Canvas<'_>, row: &DotRow, mid: f64) -> Result<()> {
    let lines = wrap(
        &clean(&row.label),
        LABEL_FONT.px,
        false,
        LABEL_RIGHT - MARGIN,
        2,
    );
    let line_height = 14.0;
    let first = mid - line_height * (lines.len() as f64 - 1.0) / 2.0;
    for (k, line) in lines.iter().enumerate() {
        c.text(line, (MARGIN, first + line_height * k as f64), LABEL_FONT)?;
    }
    let current = finite(row.current);
    let target = finite(row.target);
    if let (Some(now), Some(goal)) = (current, target) {
        c.line(&[(x_of(now), mid), (x_of(goal), mid)], AXIS, 2)?;
    }
    if let Some(goal) = target {
        target_mark(c, (x_of(goal), mid))?;
    }
    match current {
        Some(now) => current_dot(c, (x_of(now), mid))?,
        None => c.text(
            "(no data)",
            (PLOT_LEFT + 6.0, mid),
            SMALL.italic().colour(MUTED_TEXT),
        )?,
    }
    for (g, percent) in row.groups.iter().enumerate() {
        if let Some(p) = finite(*percent) {
            marker(c, g, (x_of(p), mid), 4.5)?;
        }
    }
    let width = WIDTH - MARGIN - NOTE_LEFT;
    let bold = SMALL.bold();
    c.text(
        &bold.fit(&clean(&row.note[0]), width),
        (NOTE_LEFT, mid - 7.0),
        bold,
    )?;
    let muted = SMALL.colour(MUTED_TEXT);
    c.text(
        &muted.fit(&clean(&row.note[1]), width),
        (NOTE_LEFT, mid + 7.0),
        muted,
    )
}

/// Everyone's dot: black, outlined in white.
fn current_dot(c: &Canvas<'_>, at: (f64, f64)) -> Result<()> {
    c.circle(at, 6.0, BLACK, true, 1)?;
    c.circle(at, 6.0, WHITE, false, 1)
}

/// The target: an open vermillion diamond.
fn target_mark(c: &Canvas<'_>, (x, y): (f64, f64)) -> Result<()> {
    let r = 6.5;
    let diamond = [(x, y - r), (x + r, y), (x, y + r), (x - r, y), (x, y - r)];
    c.polygon(&diamond[..4], WHITE, 1.0)?;
    c.line(&diamond, VERMILLION, 2)
}

#[cfg(test)]
#[path = "dots_tests.rs"]
mod tests;
