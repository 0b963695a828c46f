//! Dot (dumbbell) chart of domain scores per respondent group.

use anyhow::Result;
use plotters::style::RGBColor;
use plotters::style::text_anchor::{HPos, VPos};

use super::axis::format_number;
use super::svg::{Canvas, Font, Legend, MARGIN, TITLE_HEIGHT, no_data, render};
use super::text::clean;
use super::{AXIS, CATEGORICAL, GRID, MUTED_TEXT, ZEBRA};

/// One row of a dumbbell chart: a domain and its score per group.
#[derive(Debug, Clone, PartialEq)]
pub struct GapDomain {
    /// The domain name, shortened with an ellipsis when long.
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

/// Width of the chart.
const WIDTH: f64 = 900.0;
/// The x of 0 %.
const PLOT_LEFT: f64 = 300.0;
/// The x of 100 %.
const PLOT_RIGHT: f64 = 820.0;
/// Height of a row.
const ROW: f64 = 28.0;
/// Rows beyond which the axis labels are repeated above the rows.
const AXIS_ABOVE_FROM: usize = 12;

/// A dot chart with one row per domain on a 0–100 % axis: a dot per group, coloured
/// (and shaped: circle, square, triangle, diamond) by the group's position in
/// `groups`, which also orders the legend; a grey bar joins the lowest and the
/// highest dot of the row, whose difference is written at the right ("gap 23").
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
    let legend = Legend::new(
        names.iter().copied(),
        (MARGIN, TITLE_HEIGHT + 2.0),
        WIDTH - MARGIN,
    );
    let axis_above = domains.len() > AXIS_ABOVE_FROM;
    let top = legend.bottom + if axis_above { 26.0 } else { 8.0 };
    let bottom = top + ROW * domains.len() as f64;
    let height = bottom + 46.0;
    let summary = format!(
        "Dot chart of {} domain scores as percent of the scale for {} groups, with the gap \
         between the lowest and highest group.",
        domains.len(),
        names.len()
    );

    render(title, &summary, (WIDTH as u32, height as u32), |c| {
        c.legend(&legend, |c, i, (x, y)| {
            marker(c, i, (x + 8.0, y + 6.0), 6.0)
        })?;
        for (i, _) in domains.iter().enumerate().filter(|(i, _)| i % 2 == 1) {
            let y = top + ROW * i as f64;
            c.rect((MARGIN, y), (WIDTH - MARGIN, y + ROW), ZEBRA, 1.0)?;
        }
        let tick_font = Font::new(11.0)
            .colour(MUTED_TEXT)
            .anchor(HPos::Center, VPos::Top);
        for step in 0..=10 {
            let percent = f64::from(step) * 10.0;
            let x = x_of(percent);
            c.line(
                &[(x, top), (x, bottom)],
                if step == 0 { AXIS } else { GRID },
                1,
            )?;
            c.text(&format!("{percent}%"), (x, bottom + 6.0), tick_font)?;
            if axis_above {
                c.text(&format!("{percent}%"), (x, top - 18.0), tick_font)?;
            }
        }
        let caption = Font::new(11.0)
            .colour(MUTED_TEXT)
            .anchor(HPos::Center, VPos::Top);
        c.text(
            "Score as percent of the scale",
            ((PLOT_LEFT + PLOT_RIGHT) / 2.0, bottom + 24.0),
            caption,
        )?;
        let label_font = Font::new(12.0);
        let gap_font = Font::new(11.0).colour(MUTED_TEXT);
        for (i, domain) in domains.iter().enumerate() {
            let mid = top + ROW * i as f64 + ROW / 2.0;
            let label = label_font.fit(&clean(&domain.label), PLOT_LEFT - MARGIN - 12.0);
            c.text(&label, (MARGIN, mid), label_font)?;
            let mut dots: Vec<(usize, f64)> = domain
                .points
                .iter()
                .filter(|p| p.percent.is_finite())
                .filter_map(|p| {
                    let group = names.iter().position(|n| *n == p.group.as_str())?;
                    Some((group, p.percent.clamp(0.0, 100.0)))
                })
                .collect();
            if dots.is_empty() {
                let font = Font::new(11.0).italic().colour(MUTED_TEXT);
                c.text("(no data)", (PLOT_LEFT + 8.0, mid), font)?;
                continue;
            }
            dots.sort_by_key(|(group, _)| *group);
            let low = dots.iter().map(|d| d.1).fold(f64::INFINITY, f64::min);
            let high = dots.iter().map(|d| d.1).fold(f64::NEG_INFINITY, f64::max);
            if dots.len() > 1 {
                c.rect((x_of(low), mid - 2.5), (x_of(high), mid + 2.5), AXIS, 0.6)?;
                c.text(
                    &format!("gap {}", format_number(high - low, 0)),
                    (PLOT_RIGHT + 14.0, mid),
                    gap_font,
                )?;
            }
            for (group, percent) in dots {
                marker(c, group, (x_of(percent), mid), 6.0)?;
            }
        }
        Ok(())
    })
}

/// The x pixel of a percentage.
fn x_of(percent: f64) -> f64 {
    PLOT_LEFT + percent * (PLOT_RIGHT - PLOT_LEFT) / 100.0
}

/// Draws the marker of group `group` (colour and shape by index) centred at `(x, y)`
/// with "radius" `r`, outlined in white so that overlapping markers stay apart.
fn marker(c: &Canvas<'_>, group: usize, (x, y): (f64, f64), r: f64) -> Result<()> {
    let colour: RGBColor = CATEGORICAL[group % CATEGORICAL.len()];
    let white = plotters::style::WHITE;
    let shape: Vec<(f64, f64)> = match group % 4 {
        0 => {
            c.circle((x, y), r, colour, true, 1)?;
            return c.circle((x, y), r, white, false, 1);
        }
        1 => {
            let s = r * 0.85;
            vec![
                (x - s, y - s),
                (x + s, y - s),
                (x + s, y + s),
                (x - s, y + s),
            ]
        }
        2 => vec![
            (x, y - r * 1.1),
            (x + r, y + r * 0.75),
            (x - r, y + r * 0.75),
        ],
        _ => vec![
            (x, y - r * 1.15),
            (x + r * 1.15, y),
            (x, y + r * 1.15),
            (x - r * 1.15, y),
        ],
    };
    c.polygon(&shape, colour, 1.0)?;
    let outline: Vec<(f64, f64)> = shape.iter().chain(shape.first()).copied().collect();
    c.line(&outline, white, 1)
}
