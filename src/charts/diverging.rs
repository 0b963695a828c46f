//! Diverging stacked bars of Likert answer distributions.

use anyhow::Result;
use plotters::style::text_anchor::{HPos, VPos};
use plotters::style::{RGBColor, WHITE};

use super::axis::{format_number, ticks};
use super::svg::{Canvas, Font, Legend, MARGIN, SMALL, TITLE_HEIGHT, WIDTH, no_data, render};
use super::text::clean;
use super::{AXIS, GRID, MUTED_TEXT, TEXT, ZEBRA, is_dark, likert_colours};

/// The answers to one question: how many respondents chose each scale point.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DistributionRow {
    /// The row label, e.g. question id and statement; wrapped onto two lines (three
    /// for a very long one, the last shortened with an ellipsis).
    pub label: String,
    /// Counts per scale point, ascending from the scale minimum; one per scale label
    /// (missing counts are taken as 0, surplus ones are ignored).
    pub counts: Vec<u64>,
}

/// Left end of the percent axis.
pub(super) const PLOT_LEFT: f64 = 300.0;
/// Right end of the percent axis; the number of answers goes to its right.
pub(super) const PLOT_RIGHT: f64 = 590.0;
/// The zero of the percent axis.
const ZERO: f64 = (PLOT_LEFT + PLOT_RIGHT) / 2.0;
/// Height of a row whose label takes one line.
const ROW: f64 = 24.0;
/// Height of a bar.
const BAR: f64 = 16.0;
/// Distance between the lines of a wrapped label.
const LINE: f64 = 14.0;
/// Lines a statement label may take; the last is shortened with an ellipsis.
const LABEL_LINES: usize = 3;
/// Rows beyond which the percent axis is repeated below the bars.
const AXIS_BELOW_FROM: usize = 12;

/// Diverging stacked horizontal bars, one per row, centred on the neutral point as
/// survey analysts draw them: the shares of the lower (disagreeing) scale points
/// extend to the left of zero, those of the upper (agreeing) points to the right, and
/// on a scale with an odd number of points the neutral share is split half and half
/// across zero. The percent axis is symmetric and fits the data: it runs to the
/// widest side of any bar, rounded up to a multiple of a tidy tick step (10, 20, 25
/// … percent), so it spans ±100 % only when some bar does. Shares wide enough are
/// written on their segments and each row's number of answers at its right. Row
/// labels wrap onto two lines (a third, shortened with an ellipsis, only for very
/// long ones). A legend names the scale points in their colours
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
        (MARGIN, TITLE_HEIGHT),
        WIDTH - MARGIN,
    );
    let counts: Vec<Vec<u64>> = rows
        .iter()
        .map(|row| {
            (0..scale_labels.len())
                .map(|k| row.counts.get(k).copied().unwrap_or(0))
                .collect()
        })
        .collect();
    let axis = Axis::fitting(&counts);
    let label_font = Font::new(12.0);
    let labels: Vec<Vec<String>> = rows
        .iter()
        .map(|row| label_font.wrap(&clean(&row.label), PLOT_LEFT - MARGIN - 10.0, LABEL_LINES))
        .collect();
    let axis_top = legend.bottom + 4.0;
    let top = axis_top + 18.0;
    let mut row_tops = Vec::with_capacity(rows.len() + 1);
    let mut y = top;
    for lines in &labels {
        row_tops.push(y);
        y += ROW.max(lines.len() as f64 * LINE + 8.0);
    }
    row_tops.push(y);
    let bottom = y;
    let below = rows.len() > AXIS_BELOW_FROM;
    let height = bottom + if below { 26.0 } else { 10.0 };
    let summary = format!(
        "Diverging stacked bar chart of the answers to {} questions on a {}-point scale: \
         shares of the lower points extend left of zero, of the upper points right of zero, \
         on an axis from {bound}% to {bound}%.",
        rows.len(),
        scale_labels.len(),
        bound = axis.bound,
    );

    render(title, &summary, (WIDTH as u32, height as u32), |c| {
        c.legend(&legend, |c, i, (x, y)| {
            c.rect((x, y), (x + 16.0, y + 12.0), colours[i], 1.0)
        })?;
        for i in (1..rows.len()).step_by(2) {
            c.rect(
                (MARGIN, row_tops[i]),
                (WIDTH - MARGIN, row_tops[i + 1]),
                ZEBRA,
                1.0,
            )?;
        }
        axis.draw(c, axis_top, (top, bottom), below)?;
        let count_font = Font::new(SMALL).colour(MUTED_TEXT);
        let missing_font = Font::new(SMALL).italic().colour(MUTED_TEXT);
        for (i, (lines, counts)) in labels.iter().zip(&counts).enumerate() {
            let mid = (row_tops[i] + row_tops[i + 1]) / 2.0;
            let first = mid - (lines.len() as f64 - 1.0) * LINE / 2.0;
            c.lines(lines, (MARGIN, first), label_font, LINE)?;
            let total = counts.iter().fold(0_u64, |sum, n| sum.saturating_add(*n));
            c.text(&format!("n={total}"), (PLOT_RIGHT + 6.0, mid), count_font)?;
            if total == 0 {
                c.text("(no answers)", (ZERO + 8.0, mid), missing_font)?;
            }
            for segment in segments(counts) {
                let (x0, x1) = (axis.x_of(segment.from), axis.x_of(segment.to));
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
            let mid = (row_tops[i] + row_tops[i + 1]) / 2.0;
            draw_share_labels(c, &axis, counts, &colours, mid)?;
        }
        Ok(())
    })
}

/// The symmetric percent axis: from `-bound` to `bound` percent, ticks every `step`.
#[derive(Debug, PartialEq)]
struct Axis {
    bound: f64,
    step: f64,
}

impl Axis {
    /// Most tick intervals on either side of zero.
    const MAX_TICKS: usize = 4;

    /// The tidy axis that holds every bar of `counts`: the widest extent either side
    /// of zero rounded up to a multiple of a step of 1, 2, 5, 10, 20, 25 or 50 percent
    /// with at most four steps a side, the smallest such bound (and of equal bounds the
    /// finer step). As a bar's two sides make 100 %, a bar with answers is at least
    /// 50 % wide on one side, so the bound is 50, 60, 75, 80 or 100 %.
    fn fitting(counts: &[Vec<u64>]) -> Self {
        let widest = counts
            .iter()
            .flat_map(|c| segments(c))
            .map(|s| s.from.abs().max(s.to.abs()))
            .fold(0.0_f64, f64::max)
            .clamp(1.0, 100.0);
        [1.0, 2.0, 5.0, 10.0, 20.0, 25.0, 50.0]
            .into_iter()
            .map(|step: f64| Self {
                bound: (widest / step - 1e-9).ceil() * step,
                step,
            })
            .filter(|a| a.bound / a.step <= Self::MAX_TICKS as f64 + 1e-9)
            .min_by(|a, b| a.bound.total_cmp(&b.bound))
            .unwrap_or(Self {
                bound: 100.0,
                step: 25.0,
            })
    }

    /// The x pixel of a signed percentage.
    fn x_of(&self, percent: f64) -> f64 {
        ZERO + percent * (PLOT_RIGHT - PLOT_LEFT) / (2.0 * self.bound)
    }

    /// Grid lines every `step`, with tick labels above the bars (and below them when
    /// `below`) reading the distance from zero, e.g. 40 %, 20 %, 0 %, 20 %, 40 %.
    fn draw(
        &self,
        c: &Canvas<'_>,
        label_y: f64,
        (top, bottom): (f64, f64),
        below: bool,
    ) -> Result<()> {
        let font = Font::new(SMALL)
            .colour(MUTED_TEXT)
            .anchor(HPos::Center, VPos::Top);
        let side = ticks(self.bound, self.step);
        let all = side
            .iter()
            .rev()
            .map(|t| -t)
            .chain(side.iter().skip(1).copied());
        for percent in all {
            let x = self.x_of(percent);
            c.line(&[(x, top), (x, bottom)], GRID, 1)?;
            let text = format!("{}%", format_number(percent.abs(), 1));
            c.text(&text, (x, label_y), font)?;
            if below {
                c.text(&text, (x, bottom + 5.0), font)?;
            }
        }
        Ok(())
    }
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
fn draw_share_labels(
    c: &Canvas<'_>,
    axis: &Axis,
    counts: &[u64],
    colours: &[RGBColor],
    mid: f64,
) -> Result<()> {
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
        let font = Font::new(SMALL)
            .colour(base)
            .anchor(HPos::Center, VPos::Center);
        let (x0, x1) = (axis.x_of(from), axis.x_of(to));
        if x1 - x0 >= font.width(&text) + 4.0 {
            c.text(&text, ((x0 + x1) / 2.0, mid), font)?;
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
    fn the_axis_fits_the_widest_side_with_a_tidy_bound() {
        let axis = |counts: &[u64]| {
            let a = Axis::fitting(&[counts.to_vec()]);
            (a.bound, a.step)
        };
        // [0, 1, 2, 1, 0]: neutral 50 % split ±25 %, then 25 % each side: 50 % wide,
        // a bound of 50 in two steps of 25 (not 60 in steps of 20).
        assert_eq!(axis(&[0, 1, 2, 1, 0]), (50.0, 25.0));
        // All "strongly agree": 100 % to the right.
        assert_eq!(axis(&[0, 0, 0, 0, 3]), (100.0, 25.0));
        // 7 of 10 disagree strongly: 70 % -> 75 in steps of 25 (80 would need 20s).
        assert_eq!(axis(&[7, 0, 0, 0, 3]), (75.0, 25.0));
        // 11 of 20 agree, 9 disagree: 55 % -> 60 in three steps of 20.
        assert_eq!(axis(&[9, 0, 0, 11]), (60.0, 20.0));
        // 78 %: 80 in four steps of 20.
        assert_eq!(axis(&[22, 78]), (80.0, 20.0));
        // The widest row sets the axis for all of them.
        let both = Axis::fitting(&[vec![0, 1, 2, 1, 0], vec![9, 0, 0, 11]]);
        assert_eq!(
            both,
            Axis {
                bound: 60.0,
                step: 20.0
            }
        );
        // No answers at all: the smallest axis, ±1 %.
        assert_eq!(axis(&[0; 5]), (1.0, 1.0));
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
