//! Diverging stacked bars of Likert answer distributions.

use anyhow::Result;
use plotters::style::text_anchor::{HPos, VPos};
use plotters::style::{RGBColor, WHITE};

use super::svg::{Canvas, Font, Legend, MARGIN, TITLE_HEIGHT, no_data, render};
use super::text::clean;
use super::{AXIS, GRID, MUTED_TEXT, TEXT, ZEBRA, is_dark, likert_colours};

/// The answers to one question: how many respondents chose each scale point.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DistributionRow {
    /// The row label, e.g. question id and short text; shortened with an ellipsis
    /// when long.
    pub label: String,
    /// Counts per scale point, ascending from the scale minimum; one per scale label
    /// (missing counts are taken as 0, surplus ones are ignored).
    pub counts: Vec<u64>,
}

/// Width of the chart.
const WIDTH: f64 = 900.0;
/// Left end of the percent axis (100 % to the left).
pub(super) const PLOT_LEFT: f64 = 316.0;
/// Right end of the percent axis (100 % to the right).
pub(super) const PLOT_RIGHT: f64 = 836.0;
/// The zero of the percent axis.
const ZERO: f64 = (PLOT_LEFT + PLOT_RIGHT) / 2.0;
/// Height of a row.
const ROW: f64 = 24.0;
/// Height of a bar.
const BAR: f64 = 16.0;
/// Rows beyond which the percent axis is repeated below the bars.
const AXIS_BELOW_FROM: usize = 12;

/// Diverging stacked horizontal bars, one per row, centred on the neutral point as
/// survey analysts draw them: the shares of the lower (disagreeing) scale points
/// extend to the left of zero, those of the upper (agreeing) points to the right, and
/// on a scale with an odd number of points the neutral share is split half and half
/// across zero. The percent axis runs from 100 % on the left through 0 to 100 % on
/// the right; shares wide enough are written on their segments and each row's number
/// of answers at its right. A legend names the scale points in their colours
/// ([`likert_colours`](super::likert_colours)). Rows with no answers show an empty
/// bar marked "(no answers)". The height grows with the number of rows. No rows or
/// no scale labels give a small "No data" chart.
pub fn diverging_bars(
    title: &str,
    rows: &[DistributionRow],
    scale_labels: &[String],
) -> Result<String> {
    if rows.is_empty() || scale_labels.is_empty() {
        return no_data(title);
    }
    let colours = likert_colours(scale_labels.len());
    let legend = Legend::new(
        scale_labels.iter().map(String::as_str),
        (MARGIN, TITLE_HEIGHT + 2.0),
        WIDTH - MARGIN,
    );
    let axis_top = legend.bottom + 6.0;
    let top = axis_top + 20.0;
    let bottom = top + ROW * rows.len() as f64;
    let height = bottom
        + if rows.len() > AXIS_BELOW_FROM {
            30.0
        } else {
            14.0
        };
    let summary = format!(
        "Diverging stacked bar chart of the answers to {} questions on a {}-point scale: \
         shares of the lower points extend left of zero, of the upper points right of zero.",
        rows.len(),
        scale_labels.len()
    );

    let counts: Vec<Vec<u64>> = rows
        .iter()
        .map(|row| {
            (0..scale_labels.len())
                .map(|k| row.counts.get(k).copied().unwrap_or(0))
                .collect()
        })
        .collect();

    render(title, &summary, (WIDTH as u32, height as u32), |c| {
        c.legend(&legend, |c, i, (x, y)| {
            c.rect((x, y), (x + 16.0, y + 12.0), colours[i], 1.0)
        })?;
        for i in (1..rows.len()).step_by(2) {
            let y = top + ROW * i as f64;
            c.rect((MARGIN, y), (WIDTH - MARGIN, y + ROW), ZEBRA, 1.0)?;
        }
        draw_axis(c, axis_top, (top, bottom), rows.len() > AXIS_BELOW_FROM)?;
        let label_font = Font::new(12.0);
        let count_font = Font::new(11.0).colour(MUTED_TEXT);
        let missing_font = Font::new(11.0).italic().colour(MUTED_TEXT);
        for (i, (row, counts)) in rows.iter().zip(&counts).enumerate() {
            let mid = top + ROW * i as f64 + ROW / 2.0;
            let label = label_font.fit(&clean(&row.label), PLOT_LEFT - MARGIN - 12.0);
            c.text(&label, (MARGIN, mid), label_font)?;
            let total = counts.iter().fold(0_u64, |sum, n| sum.saturating_add(*n));
            c.text(&format!("n={total}"), (PLOT_RIGHT + 10.0, mid), count_font)?;
            if total == 0 {
                c.text("(no answers)", (ZERO + 8.0, mid), missing_font)?;
            }
            for segment in segments(counts) {
                let (x0, x1) = (x_of(segment.from), x_of(segment.to));
                c.rect(
                    (x0, mid - BAR / 2.0),
                    (x1, mid + BAR / 2.0),
                    colours[segment.point],
                    1.0,
                )?;
            }
        }
        c.line(&[(ZERO, top - 4.0), (ZERO, bottom + 4.0)], AXIS, 1)?;
        for (i, counts) in counts.iter().enumerate() {
            draw_share_labels(c, counts, &colours, top + ROW * i as f64 + ROW / 2.0)?;
        }
        Ok(())
    })
}

/// The x pixel of a signed percentage (-100 to 100).
fn x_of(percent: f64) -> f64 {
    ZERO + percent * (PLOT_RIGHT - PLOT_LEFT) / 200.0
}

/// One coloured piece of a bar: scale point `point` spans `from..to` percent.
#[derive(Debug, PartialEq)]
struct Segment {
    point: usize,
    from: f64,
    to: f64,
}

/// The shares of `counts` in percent (all 0 when there are no answers).
fn shares(counts: &[u64]) -> Vec<f64> {
    let total: f64 = counts.iter().map(|&n| n as f64).sum();
    counts
        .iter()
        .map(|&n| {
            if total > 0.0 {
                n as f64 * 100.0 / total
            } else {
                0.0
            }
        })
        .collect()
}

/// The segments of a bar with `counts`, without empty ones: the lower points
/// leftwards from zero (the neutral half aside), the upper points rightwards, and the
/// neutral point of an odd scale as two halves either side of zero.
fn segments(counts: &[u64]) -> Vec<Segment> {
    let shares = shares(counts);
    let share = |k: usize| shares[k];
    let n = counts.len();
    let side = n / 2;
    let half_neutral = if n % 2 == 1 { share(side) / 2.0 } else { 0.0 };
    let mut out = Vec::new();
    if half_neutral > 0.0 {
        out.push(Segment {
            point: side,
            from: -half_neutral,
            to: 0.0,
        });
        out.push(Segment {
            point: side,
            from: 0.0,
            to: half_neutral,
        });
    }
    let mut left = -half_neutral;
    for k in (0..side).rev() {
        let from = left - share(k);
        if from < left {
            out.push(Segment {
                point: k,
                from,
                to: left,
            });
        }
        left = from;
    }
    let mut right = half_neutral;
    for k in (n - side)..n {
        let to = right + share(k);
        if to > right {
            out.push(Segment {
                point: k,
                from: right,
                to,
            });
        }
        right = to;
    }
    out
}

/// Writes each scale point's share (rounded percent) on its segment where it fits;
/// the neutral share is written once, centred on zero.
fn draw_share_labels(c: &Canvas<'_>, counts: &[u64], colours: &[RGBColor], mid: f64) -> Result<()> {
    let shares = shares(counts);
    let mut spans: Vec<(usize, f64, f64)> = Vec::new();
    for s in segments(counts) {
        match spans.iter_mut().find(|(point, ..)| *point == s.point) {
            Some(span) => {
                span.1 = span.1.min(s.from);
                span.2 = span.2.max(s.to);
            }
            None => spans.push((s.point, s.from, s.to)),
        }
    }
    for (point, from, to) in spans {
        let text = format!("{:.0}%", shares[point].round());
        let base = if is_dark(colours[point]) { WHITE } else { TEXT };
        let font = Font::new(11.0)
            .colour(base)
            .anchor(HPos::Center, VPos::Center);
        if x_of(to) - x_of(from) >= font.width(&text) + 6.0 {
            c.text(&text, ((x_of(from) + x_of(to)) / 2.0, mid), font)?;
        }
    }
    Ok(())
}

/// Grid lines every 25 %, with tick labels above the bars (and below them when
/// `below`) reading 100 %, 75 %, …, 0 %, …, 100 %.
fn draw_axis(c: &Canvas<'_>, label_y: f64, (top, bottom): (f64, f64), below: bool) -> Result<()> {
    let font = Font::new(11.0)
        .colour(MUTED_TEXT)
        .anchor(HPos::Center, VPos::Top);
    for step in -4..=4 {
        let percent = f64::from(step) * 25.0;
        let x = x_of(percent);
        c.line(&[(x, top), (x, bottom)], GRID, 1)?;
        let text = format!("{}%", percent.abs());
        c.text(&text, (x, label_y), font)?;
        if below {
            c.text(&text, (x, bottom + 6.0), font)?;
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn neutral_is_split_across_zero_and_shares_stack_outwards() {
        let s = segments(&[1, 1, 2, 0, 4]);
        // total 8: 12.5 % per answer; neutral 25 % split ±12.5 %.
        assert_eq!(
            s,
            vec![
                Segment {
                    point: 2,
                    from: -12.5,
                    to: 0.0
                },
                Segment {
                    point: 2,
                    from: 0.0,
                    to: 12.5
                },
                Segment {
                    point: 1,
                    from: -25.0,
                    to: -12.5
                },
                Segment {
                    point: 0,
                    from: -37.5,
                    to: -25.0
                },
                Segment {
                    point: 4,
                    from: 12.5,
                    to: 62.5
                },
            ]
        );
    }

    #[test]
    fn even_scales_have_no_neutral() {
        let s = segments(&[1, 1, 1, 1]);
        assert_eq!(
            s[0],
            Segment {
                point: 1,
                from: -25.0,
                to: 0.0
            }
        );
        assert_eq!(
            s[3],
            Segment {
                point: 3,
                from: 25.0,
                to: 50.0
            }
        );
    }
}
