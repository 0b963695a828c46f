//! Vertical stacked columns: one column per period, stacked by category (changes per month
//! by type, in the report's "What the records say").

use anyhow::Result;
use plotters::style::RGBColor;
use plotters::style::text_anchor::{HPos, VPos};

use super::axis::{format_number, nice_step, sanitize_max, ticks};
use super::svg::{Font, Legend, MARGIN, SMALL, TITLE_HEIGHT, WIDTH, no_data, render};
use super::{AXIS, GRID, MUTED_TEXT};

/// A category of a stacked column chart: its legend label and colour.
pub struct StackSeries<'a> {
    /// The legend label.
    pub name: &'a str,
    /// The colour of its part of each column.
    pub colour: RGBColor,
}

/// One column: its label under the axis and one count per series, stacked from the bottom in
/// series order.
pub struct StackColumn {
    /// The label under the column (such as `2026-03`).
    pub label: String,
    /// One value per series.
    pub values: Vec<f64>,
}

/// Left edge of the plot (the value axis and its labels sit to its left).
const PLOT_LEFT: f64 = 48.0;
/// Height of the plot area.
const PLOT_HEIGHT: f64 = 200.0;

/// Stacked columns of counts on an axis from 0 to the tallest column; empty `columns` give a
/// small "No data" chart. Negative and non-finite values count as 0.
pub fn stacked_columns(
    title: &str,
    columns: &[StackColumn],
    series: &[StackSeries<'_>],
) -> Result<String> {
    if columns.is_empty() || series.is_empty() {
        return no_data(title);
    }
    let value = |v: f64| if v.is_finite() && v > 0.0 { v } else { 0.0 };
    let totals: Vec<f64> = columns
        .iter()
        .map(|c| c.values.iter().copied().map(value).sum())
        .collect();
    let max = sanitize_max(0.0, totals.iter().copied());
    let legend = Legend::new(
        series.iter().map(|s| s.name),
        (MARGIN, TITLE_HEIGHT),
        WIDTH - MARGIN,
    );
    let top = legend.bottom + 8.0;
    let bottom = top + PLOT_HEIGHT;
    let height = bottom + 40.0;
    let slot = (WIDTH - MARGIN - PLOT_LEFT) / columns.len() as f64;
    let bar = (slot * 0.7).min(48.0);
    let y_of = |v: f64| bottom - PLOT_HEIGHT * v / max;
    let summary = format!(
        "Stacked column chart of {} periods; the tallest column is {}.",
        columns.len(),
        format_number(max, 0)
    );
    render(title, &summary, (WIDTH as u32, height as u32), |c| {
        c.legend(&legend, |c, i, (x, y)| {
            c.rect((x, y), (x + 16.0, y + 12.0), series[i].colour, 1.0)
        })?;
        let tick_font = Font::new(SMALL)
            .colour(MUTED_TEXT)
            .anchor(HPos::Right, VPos::Center);
        for t in ticks(max, nice_step(max, 6).max(1.0)) {
            c.line(&[(PLOT_LEFT, y_of(t)), (WIDTH - MARGIN, y_of(t))], GRID, 1)?;
            c.text(&format_number(t, 0), (PLOT_LEFT - 6.0, y_of(t)), tick_font)?;
        }
        let label_font = Font::new(SMALL).anchor(HPos::Center, VPos::Top);
        let total_font = Font::new(SMALL).anchor(HPos::Center, VPos::Bottom);
        for (i, column) in columns.iter().enumerate() {
            let x = PLOT_LEFT + slot * (i as f64 + 0.5);
            let mut base = 0.0;
            for (k, s) in series.iter().enumerate() {
                let v = value(column.values.get(k).copied().unwrap_or(0.0));
                c.rect(
                    (x - bar / 2.0, y_of(base + v)),
                    (x + bar / 2.0, y_of(base)),
                    s.colour,
                    1.0,
                )?;
                base += v;
            }
            c.text(
                &format_number(totals[i], 0),
                (x, y_of(base) - 3.0),
                total_font,
            )?;
            let label = label_font.fit(&column.label, slot - 4.0);
            c.text(&label, (x, bottom + 6.0), label_font)?;
        }
        c.line(&[(PLOT_LEFT, bottom), (WIDTH - MARGIN, bottom)], AXIS, 1)
    })
}
