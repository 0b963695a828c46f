//! Slope charts: one small panel per domain, its percent at each wave joined by a line, from
//! the earliest baseline on the left to the current wave on the right, with the target as a
//! dashed line across the panel. Panels sit three to a row, all on the same 0 to 100 scale so
//! that slopes compare at a glance.

use anyhow::Result;
use plotters::style::text_anchor::{HPos, VPos};

use super::axis::clamp_value;
use super::svg::{Font, MARGIN, SMALL, TITLE_HEIGHT, WIDTH, no_data, render};
use super::text::clean;
use super::{AXIS, BLUE, GRID, MUTED_TEXT, VERMILLION};

/// Panels per row.
const COLUMNS: usize = 3;
/// Height of a panel, its two label lines included.
const PANEL_HEIGHT: f64 = 170.0;
/// Room above the plot of a panel for its label and note.
const LABEL_ROOM: f64 = 36.0;
/// Room below the plot of a panel for the wave names.
const WAVE_ROOM: f64 = 22.0;

/// One domain's panel of a [`slope_chart`].
#[derive(Debug, Clone, PartialEq)]
pub struct SlopePanel {
    /// The domain's name.
    pub label: String,
    /// Its percent at each wave, oldest first (as many as the chart's waves); `None` where
    /// there is no comparable figure.
    pub points: Vec<Option<f64>>,
    /// The percent its target level starts at.
    pub target: Option<f64>,
    /// A short line under the label, such as "+14 points".
    pub note: String,
}

/// A slope chart of `panels`, each drawn across `waves` (their names, oldest first, such as
/// "Baseline" and "Now"). Percents are clamped to 0..100; a panel with fewer than two
/// figures shows its one point. Empty `panels` or fewer than two waves give a "No data"
/// chart.
pub fn slope_chart(title: &str, waves: &[String], panels: &[SlopePanel]) -> Result<String> {
    if panels.is_empty() || waves.len() < 2 {
        return no_data(title);
    }
    let rows = panels.len().div_ceil(COLUMNS);
    let top = TITLE_HEIGHT + 4.0;
    let height = top + PANEL_HEIGHT * rows as f64 + MARGIN;
    let panel_width = (WIDTH - 2.0 * MARGIN) / COLUMNS as f64;
    let summary = format!(
        "Slope chart of {} domains from {} to {}, percent of the scale from 0 to 100, with each domain's target as a dashed line.",
        panels.len(),
        clean(&waves[0]),
        clean(&waves[waves.len() - 1])
    );
    render(title, &summary, (WIDTH as u32, height as u32), |c| {
        let label_font = Font::new(12.0).bold();
        let note_font = Font::new(SMALL).colour(MUTED_TEXT);
        let small = Font::new(SMALL).colour(MUTED_TEXT);
        let value_font = Font::new(SMALL);
        for (i, panel) in panels.iter().enumerate() {
            let x0 = MARGIN + panel_width * (i % COLUMNS) as f64;
            let y0 = top + PANEL_HEIGHT * (i / COLUMNS) as f64;
            let (left, right) = (x0 + 34.0, x0 + panel_width - 34.0);
            let (plot_top, plot_bottom) = (y0 + LABEL_ROOM, y0 + PANEL_HEIGHT - WAVE_ROOM);
            let y_of = |p: f64| plot_bottom - (plot_bottom - plot_top) * p / 100.0;
            let x_of = |k: usize| left + (right - left) * k as f64 / (waves.len() - 1) as f64;
            let room = panel_width - 12.0;
            c.text(
                &label_font.fit(&clean(&panel.label), room),
                (x0 + 4.0, y0 + 8.0),
                label_font,
            )?;
            c.text(
                &note_font.fit(&clean(&panel.note), room),
                (x0 + 4.0, y0 + 24.0),
                note_font,
            )?;
            for p in [0.0, 50.0, 100.0] {
                c.line(&[(left, y_of(p)), (right, y_of(p))], GRID, 1)?;
            }
            c.line(&[(left, plot_top), (left, plot_bottom)], AXIS, 1)?;
            let end_font = small.anchor(HPos::Center, VPos::Top);
            for (k, wave) in waves.iter().enumerate() {
                let shown = small.fit(&clean(wave), (right - left) / 2.0 + 20.0);
                c.text(&shown, (x_of(k), plot_bottom + 6.0), end_font)?;
            }
            if let Some(t) = panel.target.and_then(|t| clamp_value(t, 100.0)) {
                c.dashed(&[(left, y_of(t)), (right, y_of(t))], VERMILLION, 1, 4, 3)?;
                let target_font = small.colour(VERMILLION).anchor(HPos::Left, VPos::Bottom);
                c.text("target", (left + 4.0, y_of(t) - 2.0), target_font)?;
            }
            let points: Vec<(f64, f64, f64)> = panel
                .points
                .iter()
                .enumerate()
                .filter_map(|(k, p)| {
                    let p = clamp_value((*p)?, 100.0)?;
                    Some((x_of(k), y_of(p), p))
                })
                .collect();
            let line: Vec<(f64, f64)> = points.iter().map(|&(x, y, _)| (x, y)).collect();
            if line.len() > 1 {
                c.line(&line, BLUE, 2)?;
            }
            for &(x, y) in &line {
                c.circle((x, y), 4.0, BLUE, true, 1)?;
            }
            let value = |&(x, y, p): &(f64, f64, f64), dx: f64, h| {
                c.text(
                    &format!("{p:.0}%"),
                    (x + dx, y),
                    value_font.anchor(h, VPos::Center),
                )
            };
            if let Some(first) = points.first() {
                value(first, -7.0, HPos::Right)?;
            }
            if let (true, Some(last)) = (points.len() > 1, points.last()) {
                value(last, 7.0, HPos::Left)?;
            }
        }
        Ok(())
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn panel(label: &str, points: Vec<Option<f64>>) -> SlopePanel {
        SlopePanel {
            label: label.into(),
            points,
            target: Some(67.51),
            note: "+14 points".into(),
        }
    }

    #[test]
    fn a_slope_chart_is_well_formed_escaped_and_repeatable() {
        let waves = vec!["Wave 1".to_string(), "Wave 2".into(), "Now".into()];
        let panels = vec![
            panel(
                "Change <enablement> & co",
                vec![Some(26.2), None, Some(42.9)],
            ),
            panel("Cost", vec![Some(11.1), Some(12.0), Some(250.0)]),
        ];
        let svg = slope_chart("Since the baseline", &waves, &panels).unwrap();
        roxmltree::Document::parse(&svg).expect("well-formed SVG");
        assert!(svg.contains("Change &lt;enablement&gt; &amp; co"));
        assert!(!svg.contains("<enablement>"));
        // The first point is labelled 26%, the last (clamped to the scale) 100%.
        assert!(svg.contains("\n26%\n") && svg.contains("\n100%\n"), "{svg}");
        assert_eq!(
            svg,
            slope_chart("Since the baseline", &waves, &panels).unwrap()
        );
    }

    #[test]
    fn a_slope_chart_without_two_waves_says_no_data() {
        let svg = slope_chart("T", &["Now".to_string()], &[panel("A", vec![Some(1.0)])]).unwrap();
        assert!(svg.contains("No data"));
    }
}
