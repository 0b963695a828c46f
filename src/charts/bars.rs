//! Horizontal bar charts: [`level_bars`], and the grouped bars that stand in for a
//! radar chart with fewer than three axes.

use anyhow::Result;
use plotters::style::RGBColor;
use plotters::style::text_anchor::{HPos, VPos};

use super::axis::{clamp_value, format_number, nice_step, sanitize_max, ticks};
use super::svg::{Font, Legend, MARGIN, SMALL, TITLE_HEIGHT, WIDTH, no_data, render};
use super::text::clean;
use super::{AXIS, BLUE, GRID, MUTED_TEXT, ZEBRA};

/// Left end of the bars (0 on the value axis).
const PLOT_LEFT: f64 = 220.0;
/// Right end of the value axis; value labels go to its right.
const PLOT_RIGHT: f64 = 520.0;

/// A value series of a bar chart: its legend label and colour.
pub(crate) struct Series<'a> {
    pub(crate) name: &'a str,
    pub(crate) colour: RGBColor,
}

/// A row of a bar chart: its label and one optional value per series, each with the
/// text written at the bar's end (`None` writes the number).
pub(crate) struct BarRow {
    pub(crate) label: String,
    pub(crate) values: Vec<Option<(f64, Option<String>)>>,
}

/// Simple horizontal bars, one per row, on a value axis from 0 to `max_value` (for
/// example domain scores as percents, with `max_value` 100). Values are clamped into
/// the axis and written at the bar end; a `None` or non-finite value shows
/// "(no data)". A non-finite or non-positive `max_value` is replaced by the largest
/// value rounded up. Empty `rows` give a small "No data" chart.
pub fn level_bars(title: &str, rows: &[(String, Option<f64>)], max_value: f64) -> Result<String> {
    let rows: Vec<BarRow> = rows
        .iter()
        .map(|(label, value)| BarRow {
            label: label.clone(),
            values: vec![value.map(|v| (v, None))],
        })
        .collect();
    grouped_bars(
        title,
        &rows,
        &[Series {
            name: "",
            colour: BLUE,
        }],
        max_value,
    )
}

/// Horizontal bars with one bar per series in each row, and a legend when there is
/// more than one series.
pub(crate) fn grouped_bars(
    title: &str,
    rows: &[BarRow],
    series: &[Series<'_>],
    max_value: f64,
) -> Result<String> {
    if rows.is_empty() || series.is_empty() {
        return no_data(title);
    }
    let values = rows
        .iter()
        .flat_map(|r| r.values.iter().flatten().map(|(v, _)| *v));
    let max = sanitize_max(max_value, values);
    let decimals = if max <= 10.0 { 1 } else { 0 };
    let n = series.len() as f64;
    let bar_h = if series.len() == 1 { 18.0 } else { 14.0 };
    let row_h = n * bar_h + (n - 1.0) * 2.0 + 12.0;
    let legend = (series.len() > 1).then(|| {
        Legend::new(
            series.iter().map(|s| s.name),
            (MARGIN, TITLE_HEIGHT),
            WIDTH - MARGIN,
        )
    });
    let top = legend.as_ref().map_or(TITLE_HEIGHT, |l| l.bottom) + 6.0;
    let bottom = top + row_h * rows.len() as f64;
    let height = bottom + 34.0;
    let x_of = |v: f64| PLOT_LEFT + (PLOT_RIGHT - PLOT_LEFT) * v / max;
    let summary = format!(
        "Horizontal bar chart of {} rows on a scale from 0 to {}.",
        rows.len(),
        format_number(max, 2)
    );

    render(title, &summary, (WIDTH as u32, height as u32), |c| {
        if let Some(legend) = &legend {
            c.legend(legend, |c, i, (x, y)| {
                c.rect((x, y), (x + 16.0, y + 12.0), series[i].colour, 1.0)
            })?;
        }
        for (i, _) in rows.iter().enumerate().filter(|(i, _)| i % 2 == 1) {
            let y = top + row_h * i as f64;
            c.rect((MARGIN, y), (WIDTH - MARGIN, y + row_h), ZEBRA, 1.0)?;
        }
        let tick_font = Font::new(SMALL)
            .colour(MUTED_TEXT)
            .anchor(HPos::Center, VPos::Top);
        for t in ticks(max, nice_step(max, 10)) {
            let x = x_of(t);
            c.line(&[(x, top), (x, bottom)], GRID, 1)?;
            c.text(&format_number(t, 2), (x, bottom + 6.0), tick_font)?;
        }
        let label_font = Font::new(12.0);
        let value_font = Font::new(SMALL);
        let missing_font = Font::new(SMALL).italic().colour(MUTED_TEXT);
        for (i, row) in rows.iter().enumerate() {
            let y = top + row_h * i as f64;
            let label = label_font.fit(&clean(&row.label), PLOT_LEFT - MARGIN - 10.0);
            c.text(&label, (MARGIN, y + row_h / 2.0), label_font)?;
            for (k, s) in series.iter().enumerate() {
                let y0 = y + 6.0 + k as f64 * (bar_h + 2.0);
                let value = row
                    .values
                    .get(k)
                    .and_then(Option::as_ref)
                    .and_then(|(v, text)| Some((clamp_value(*v, max)?, text.as_deref())));
                let mid = (PLOT_LEFT + 6.0, y0 + bar_h / 2.0);
                match value {
                    Some((v, text)) => {
                        c.rect((PLOT_LEFT, y0), (x_of(v), y0 + bar_h), s.colour, 1.0)?;
                        let text = text.map_or_else(|| format!("{v:.decimals$}"), clean);
                        let room = WIDTH - MARGIN - x_of(v) - 6.0;
                        c.text(
                            &value_font.fit(&text, room),
                            (x_of(v) + 6.0, mid.1),
                            value_font,
                        )?;
                    }
                    None => c.text("(no data)", mid, missing_font)?,
                }
            }
        }
        c.line(&[(PLOT_LEFT, top), (PLOT_LEFT, bottom)], AXIS, 1)
    })
}
