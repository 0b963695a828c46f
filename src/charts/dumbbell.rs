//! Dot (dumbbell) chart of domain scores per respondent group.

use anyhow::Result;
use plotters::style::text_anchor::{HPos, VPos};
use plotters::style::{RGBColor, WHITE};

use super::axis::format_number;
use super::svg::{Canvas, Font, Legend, MARGIN, SMALL, TITLE_HEIGHT, WIDTH, no_data, render};
use super::text::clean;
use super::{AXIS, CATEGORICAL, GRID, MUTED_TEXT, ZEBRA};

/// One row of a dumbbell chart: a domain and its score per group.
#[derive(Debug, Clone, PartialEq)]
pub struct GapDomain {
    /// The domain name, wrapped onto two lines and shortened with an ellipsis when
    /// longer.
    pub label: String,
    /// Scores per group; groups may be missing.
    pub points: Vec<GapPoint>,
}

/// The score of one group in a domain.
#[derive(Debug, Clone, PartialEq)]
pub struct GapPoint {
    /// The group's name, as in the `groups` passed to [`dumbbell`].
    pub group: String,
    /// The score as a percent of the scale (0 to 100); clamped into that range, and
    /// skipped when not finite.
    pub percent: f64,
}

/// The x of the axis minimum.
const PLOT_LEFT: f64 = 200.0;
/// The x of the axis maximum.
const PLOT_RIGHT: f64 = 570.0;
/// Height of a row whose markers fit on one line.
const ROW: f64 = 28.0;
/// Height of a lane of a crowded row.
const LANE: f64 = 14.0;
/// "Radius" of a marker.
const R: f64 = 6.0;
/// Rows beyond which the axis labels are repeated above the rows.
const AXIS_ABOVE_FROM: usize = 12;
/// Widest a direct label may be.
const DIRECT_LABEL_WIDTH: f64 = 84.0;

/// Marker shapes: each group takes the shape at its index, filled for the first
/// [`SHAPES`] groups and hollow (white inside) for the next as many.
const SHAPES: usize = 8;

/// A dot chart with one row per domain on a percent axis that fits the data (the
/// lowest and highest score widened to multiples of 10, at least 20 points apart): a
/// marker per group, whose colour, shape and fill follow the group's position in
/// `groups` (which also orders the legend). Shapes (circle, square, triangle, diamond,
/// downward triangle, plus, star, cross) are filled for the first eight groups and
/// hollow for the next eight, so that no two of sixteen groups share a marker and
/// none is told by hue alone. Where markers of a row would overlap, the row grows
/// into lanes so that every marker shows, and the lowest and the highest group of the
/// row are named beside their markers (every group is, in every row, when there are
/// more than sixteen). A grey bar joins the lowest and the
/// highest marker of the row, whose difference is written at the right ("gap 23").
/// Groups found in the points but not in `groups` are appended in order of first
/// appearance; a domain may lack some groups, and one with no finite score is marked
/// "(no data)". No domains give a small "No data" chart.
pub fn dumbbell(title: &str, domains: &[GapDomain], groups: &[String]) -> Result<String> {
    if domains.is_empty() {
        return no_data(title);
    }
    let mut names: Vec<&str> = Vec::new();
    let known = groups.iter().map(String::as_str);
    let seen = domains
        .iter()
        .flat_map(|d| d.points.iter().map(|p| p.group.as_str()));
    for name in known.chain(seen) {
        if !names.contains(&name) {
            names.push(name);
        }
    }
    let short: Vec<String> = names
        .iter()
        .map(|n| Font::new(SMALL).fit(&clean(n), DIRECT_LABEL_WIDTH))
        .collect();
    let legend = Legend::new(
        names.iter().copied(),
        (MARGIN, TITLE_HEIGHT),
        WIDTH - MARGIN,
    );
    let dots: Vec<Vec<(usize, f64)>> = domains.iter().map(|d| row_dots(d, &names)).collect();
    let axis = PercentAxis::fitting(dots.iter().flatten().map(|d| d.1));
    let always_label = names.len() > 2 * SHAPES;
    let layouts: Vec<Vec<Placed>> = dots
        .iter()
        .map(|row| lay_out(row, &axis, &short, always_label))
        .collect();
    let label_font = Font::new(12.0);
    let labels: Vec<Vec<String>> = domains
        .iter()
        .map(|d| label_font.wrap(&clean(&d.label), PLOT_LEFT - MARGIN - 10.0, 2))
        .collect();
    let axis_above = domains.len() > AXIS_ABOVE_FROM;
    let top = legend.bottom + if axis_above { 22.0 } else { 6.0 };
    let mut row_tops = vec![top];
    for layout in &layouts {
        let lanes = layout.iter().map(|p| p.lane + 1).max().unwrap_or(1);
        let h = if lanes > 1 || layout.iter().any(|p| p.label.is_some()) {
            lanes as f64 * LANE + 10.0
        } else {
            ROW
        };
        row_tops.push(row_tops[row_tops.len() - 1] + h.max(ROW));
    }
    let bottom = row_tops[domains.len()];
    let height = bottom + 40.0;
    let summary = format!(
        "Dot chart of {} domain scores as percent of the scale for {} groups, on an axis \
         from {}% to {}%, with the gap between the lowest and highest group.",
        domains.len(),
        names.len(),
        axis.low,
        axis.high
    );

    render(title, &summary, (WIDTH as u32, height as u32), |c| {
        c.legend(&legend, |c, i, (x, y)| marker(c, i, (x + 8.0, y + 6.0)))?;
        for i in (1..domains.len()).step_by(2) {
            c.rect(
                (MARGIN, row_tops[i]),
                (WIDTH - MARGIN, row_tops[i + 1]),
                ZEBRA,
                1.0,
            )?;
        }
        axis.draw(c, (top, bottom), axis_above)?;
        let gap_font = Font::new(SMALL).colour(MUTED_TEXT);
        let direct_font = Font::new(SMALL);
        for (i, (row, layout)) in dots.iter().zip(&layouts).enumerate() {
            let (y0, y1) = (row_tops[i], row_tops[i + 1]);
            let mid = (y0 + y1) / 2.0;
            let lines = &labels[i];
            c.lines(
                lines,
                (MARGIN, mid - (lines.len() as f64 - 1.0) * 6.5),
                label_font,
                13.0,
            )?;
            if row.is_empty() {
                let font = Font::new(SMALL).italic().colour(MUTED_TEXT);
                c.text("(no data)", (PLOT_LEFT + 8.0, mid), font)?;
                continue;
            }
            let low = row.iter().map(|d| d.1).fold(f64::INFINITY, f64::min);
            let high = row.iter().map(|d| d.1).fold(f64::NEG_INFINITY, f64::max);
            if row.len() > 1 {
                let (x0, x1) = (axis.x_of(low), axis.x_of(high));
                c.rect((x0, mid - 2.5), (x1, mid + 2.5), AXIS, 0.6)?;
                let gap = format!("gap {}", format_number(high - low, 0));
                c.text(&gap, (PLOT_RIGHT + 10.0, mid), gap_font)?;
            }
            let lanes = layout.iter().map(|p| p.lane + 1).max().unwrap_or(1) as f64;
            let first_lane = mid - (lanes - 1.0) * LANE / 2.0;
            for p in layout {
                let y = first_lane + p.lane as f64 * LANE;
                marker(c, p.group, (p.x, y))?;
                if let Some(label) = &p.label {
                    let h = if label.right { HPos::Left } else { HPos::Right };
                    c.text(
                        &label.text,
                        (label.x, y),
                        direct_font.anchor(h, VPos::Center),
                    )?;
                }
            }
        }
        Ok(())
    })
}

/// The finite scores of `domain` as (group index in `names`, percent), in group order.
fn row_dots(domain: &GapDomain, names: &[&str]) -> Vec<(usize, f64)> {
    let mut dots: Vec<(usize, f64)> = domain
        .points
        .iter()
        .filter(|p| p.percent.is_finite())
        .filter_map(|p| {
            let group = names.iter().position(|n| *n == p.group.as_str())?;
            Some((group, p.percent.clamp(0.0, 100.0)))
        })
        .collect();
    dots.sort_by_key(|(group, _)| *group);
    dots
}

/// The percent axis of the dot chart, from `low` to `high`.
#[derive(Debug, PartialEq)]
struct PercentAxis {
    low: f64,
    high: f64,
}

impl PercentAxis {
    /// The axis for `values`: the lowest value rounded down and the highest rounded up
    /// to a multiple of 10, widened (upwards first, within 0..=100) to span at least
    /// 20 points; 0 to 100 without values.
    fn fitting(values: impl Iterator<Item = f64>) -> Self {
        let (lo, hi) = values.fold((f64::INFINITY, f64::NEG_INFINITY), |(lo, hi), v| {
            (lo.min(v), hi.max(v))
        });
        if lo > hi {
            return Self {
                low: 0.0,
                high: 100.0,
            };
        }
        let mut low = (lo / 10.0).floor() * 10.0;
        let mut high = ((hi / 10.0).ceil() * 10.0).max(low + 10.0);
        if high - low < 20.0 {
            high = (low + 20.0).min(100.0);
            low = high - 20.0;
        }
        Self { low, high }
    }

    /// The x pixel of a percentage.
    fn x_of(&self, percent: f64) -> f64 {
        PLOT_LEFT + (percent - self.low) * (PLOT_RIGHT - PLOT_LEFT) / (self.high - self.low)
    }

    /// Grid lines every 5 points up to a span of 30, every 10 up to 60, else every 20,
    /// labelled
    /// below the rows (and above them too when `above`), and the axis caption.
    fn draw(&self, c: &Canvas<'_>, (top, bottom): (f64, f64), above: bool) -> Result<()> {
        let tick_font = Font::new(SMALL)
            .colour(MUTED_TEXT)
            .anchor(HPos::Center, VPos::Top);
        let step = if self.high - self.low > 60.0 {
            20.0
        } else {
            10.0
        };
        let mut t = self.low;
        while t <= self.high + 1e-9 {
            let x = self.x_of(t);
            let colour = if t == self.low { AXIS } else { GRID };
            c.line(&[(x, top), (x, bottom)], colour, 1)?;
            let text = format!("{}%", format_number(t, 0));
            c.text(&text, (x, bottom + 5.0), tick_font)?;
            if above {
                c.text(&text, (x, top - 16.0), tick_font)?;
            }
            t += step;
        }
        c.text(
            "Score as percent of the scale",
            ((PLOT_LEFT + PLOT_RIGHT) / 2.0, bottom + 21.0),
            tick_font,
        )
    }
}

/// A marker placed in a row: its group, x, lane (0 at the top) and, in a crowded
/// row, its direct label.
#[derive(Debug, PartialEq)]
struct Placed {
    group: usize,
    x: f64,
    lane: usize,
    label: Option<DirectLabel>,
}

/// A group's name written beside its marker.
#[derive(Debug, Clone, PartialEq)]
struct DirectLabel {
    text: String,
    /// The x of the label's end nearer the marker.
    x: f64,
    /// Whether the label sits to the right of the marker (else to its left).
    right: bool,
}

/// Places the markers of one row. When no two markers overlap (and `always_label` is
/// false) they share one lane without labels. Otherwise the row is crowded: the lowest
/// and the highest group get their short name beside their marker, on the outer side
/// (the highest to its left where the right would run into the gap figures), or every
/// group when `always_label`; then markers, with their labels, go into the first lane
/// (from the top) where they overlap nothing, taken in order of their left edges.
fn lay_out(
    row: &[(usize, f64)],
    axis: &PercentAxis,
    short: &[String],
    always_label: bool,
) -> Vec<Placed> {
    let mut sorted: Vec<(usize, f64)> = row.iter().map(|&(g, p)| (g, axis.x_of(p))).collect();
    sorted.sort_by(|a, b| a.1.total_cmp(&b.1).then(a.0.cmp(&b.0)));
    let crowded = sorted.windows(2).any(|w| w[1].1 - w[0].1 < 2.0 * R + 2.0);
    let last = sorted.len().saturating_sub(1);
    let font = Font::new(SMALL);
    // (left edge, right edge, placed marker), the lane still to be chosen.
    let mut spans: Vec<(f64, f64, Placed)> = sorted
        .into_iter()
        .enumerate()
        .map(|(k, (group, x))| {
            let labelled = always_label || (crowded && (k == 0 || k == last));
            let text = short.get(group).cloned().unwrap_or_default();
            let w = font.width(&text);
            let right = k == last && k > 0 && x + R + 3.0 + w <= PLOT_RIGHT + 6.0
                || always_label && x + R + 3.0 + w <= PLOT_RIGHT + 6.0;
            let (start, end, label) = match (labelled, right) {
                (false, _) => (x - R, x + R, None),
                (true, true) => {
                    let at = x + R + 3.0;
                    (x - R, at + w, Some(DirectLabel { text, x: at, right }))
                }
                (true, false) => {
                    let at = x - R - 3.0;
                    (at - w, x + R, Some(DirectLabel { text, x: at, right }))
                }
            };
            let placed = Placed {
                group,
                x,
                lane: 0,
                label,
            };
            (start, end, placed)
        })
        .collect();
    if !crowded && !always_label {
        return spans.into_iter().map(|(.., p)| p).collect();
    }
    spans.sort_by(|a, b| a.0.total_cmp(&b.0).then(a.2.group.cmp(&b.2.group)));
    let mut lane_ends: Vec<f64> = Vec::new();
    let mut placed = Vec::with_capacity(spans.len());
    for (start, end, mut p) in spans {
        p.lane = match lane_ends.iter().position(|e| *e + 2.0 <= start) {
            Some(lane) => lane,
            None => {
                lane_ends.push(f64::NEG_INFINITY);
                lane_ends.len() - 1
            }
        };
        lane_ends[p.lane] = end;
        placed.push(p);
    }
    placed
}

/// Draws the marker of group `group` centred at `(x, y)`: its colour and shape by
/// index, filled for the first [`SHAPES`] groups and hollow for the next as many, and
/// outlined so that overlapping markers stay apart.
fn marker(c: &Canvas<'_>, group: usize, (x, y): (f64, f64)) -> Result<()> {
    let colour: RGBColor = CATEGORICAL[group % CATEGORICAL.len()];
    let hollow = (group / SHAPES) % 2 == 1;
    let (fill, edge) = if hollow {
        (WHITE, colour)
    } else {
        (colour, WHITE)
    };
    let stroke = if hollow { 2 } else { 1 };
    let shape = marker_shape(group % SHAPES, (x, y), R);
    if shape.is_empty() {
        c.circle((x, y), R, fill, true, 1)?;
        return c.circle((x, y), R, edge, false, stroke);
    }
    c.polygon(&shape, fill, 1.0)?;
    let outline: Vec<(f64, f64)> = shape.iter().chain(shape.first()).copied().collect();
    c.line(&outline, edge, stroke)
}

/// The outline of marker shape `shape` (0 to 7) of "radius" `r` at `(x, y)`; empty
/// for the circle.
fn marker_shape(shape: usize, (x, y): (f64, f64), r: f64) -> Vec<(f64, f64)> {
    let polar = |n: usize, radius: &dyn Fn(usize) -> f64, turn: f64| -> Vec<(f64, f64)> {
        (0..n)
            .map(|k| {
                let a = turn + std::f64::consts::TAU * k as f64 / n as f64;
                (x + radius(k) * a.sin(), y - radius(k) * a.cos())
            })
            .collect()
    };
    let plus = |turn: f64| {
        // A plus sign: twelve corners, arms a third of the width thick.
        let arm = r / 3.0;
        let corners = [
            (-arm, -r),
            (arm, -r),
            (arm, -arm),
            (r, -arm),
            (r, arm),
            (arm, arm),
            (arm, r),
            (-arm, r),
            (-arm, arm),
            (-r, arm),
            (-r, -arm),
            (-arm, -arm),
        ];
        let (sin, cos) = f64::sin_cos(turn);
        corners
            .iter()
            .map(|(dx, dy)| (x + dx * cos - dy * sin, y + dx * sin + dy * cos))
            .collect::<Vec<_>>()
    };
    match shape {
        0 => Vec::new(),
        1 => polar(4, &|_| r * 1.2, std::f64::consts::FRAC_PI_4),
        2 => polar(3, &|_| r * 1.2, 0.0),
        3 => polar(4, &|_| r * 1.2, 0.0),
        4 => polar(3, &|_| r * 1.2, std::f64::consts::PI),
        5 => plus(0.0),
        6 => polar(10, &|k| if k % 2 == 0 { r * 1.3 } else { r * 0.55 }, 0.0),
        _ => plus(std::f64::consts::FRAC_PI_4),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_axis_fits_the_scores_in_tens() {
        let axis = |v: &[f64]| {
            let a = PercentAxis::fitting(v.iter().copied());
            (a.low, a.high)
        };
        assert_eq!(axis(&[23.0, 61.5]), (20.0, 70.0));
        // At least 20 points wide: 42..47 -> 40..60; near the top it widens downwards.
        assert_eq!(axis(&[42.0, 47.0]), (40.0, 60.0));
        assert_eq!(axis(&[95.0, 100.0]), (80.0, 100.0));
        assert_eq!(axis(&[0.0]), (0.0, 20.0));
        assert_eq!(axis(&[]), (0.0, 100.0));
    }

    #[test]
    fn crowded_markers_go_into_lanes_and_the_extremes_are_named() {
        let axis = PercentAxis {
            low: 0.0,
            high: 100.0,
        };
        let short = ["IT", "Business", "Finance", "HR"].map(String::from);
        // 3.7 px per point: 10 and 50 are 148 px apart, no overlap: one lane, no labels.
        let apart = lay_out(&[(0, 10.0), (1, 50.0)], &axis, &short, false);
        assert!(apart.iter().all(|p| p.lane == 0 && p.label.is_none()));
        // 40, 41, 42 and 80 sit at x 348, 351.7, 355.4 and 496: the first three overlap.
        // "IT" (lowest) is named to the left: its span starts at 348 - 9 - 10.4 = 328.6,
        // lane 0 up to 354. "Business" spans 345.7..357.7: lane 1. "Finance" 349.4..361.4:
        // lane 2. "HR" (highest) is named to the right, 490..(505 + width): lane 0 again.
        let crowded = lay_out(
            &[(0, 40.0), (1, 41.0), (2, 42.0), (3, 80.0)],
            &axis,
            &short,
            false,
        );
        let lanes: Vec<(usize, usize)> = crowded.iter().map(|p| (p.group, p.lane)).collect();
        assert_eq!(lanes, vec![(0, 0), (1, 1), (2, 2), (3, 0)]);
        let labels: Vec<Option<DirectLabel>> = crowded.iter().map(|p| p.label.clone()).collect();
        assert_eq!(
            labels,
            vec![
                Some(DirectLabel {
                    text: "IT".into(),
                    x: 348.0 - R - 3.0,
                    right: false
                }),
                None,
                None,
                Some(DirectLabel {
                    text: "HR".into(),
                    x: 496.0 + R + 3.0,
                    right: true
                }),
            ]
        );
    }

    #[test]
    fn no_two_of_sixteen_groups_share_a_marker() {
        let mut seen = Vec::new();
        for group in 0..2 * SHAPES {
            let shape = marker_shape(group % SHAPES, (0.0, 0.0), R);
            let key = (format!("{shape:?}"), (group / SHAPES) % 2);
            assert!(!seen.contains(&key), "group {group}");
            seen.push(key);
        }
    }
}
