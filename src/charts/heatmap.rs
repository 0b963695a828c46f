//! Heatmap of groups by domain: each cell a group's percent of the scale, coloured by how far
//! it lies from everyone's percent in that domain. Drawn at the width it is printed at.
//!
//! The colour scale has seven steps: within 5 points of everyone (near white), then 5–10,
//! 10–20 and 20 or more points below (ColorBrewer PuOr's oranges) or above (RdBu's blues).
//! Lightness falls with the size of the difference on both sides, so in greyscale a darker
//! cell is always further from everyone; the sign is written in the cell ("+12", "−8"), so it
//! needs no colour. Cell text is dark or white, whichever contrasts more (4.5:1 at least).
//! Hidden cells (a group withheld or too small in that domain) are never filled: a dashed
//! outline and a word mark them.

use anyhow::Result;
use plotters::style::text_anchor::{HPos, VPos};
use plotters::style::{RGBColor, WHITE};

use super::svg::{Canvas, Font, MARGIN, TITLE_HEIGHT, WIDTH, no_data, render};
use super::text::{clean, wrap};
use super::{AXIS, MUTED_TEXT, TEXT, is_dark};

/// One cell of the heatmap.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum HeatCell {
    /// A shown figure: the percent, and its difference from everyone in points (`None` for
    /// everyone's own column, which is drawn without colour).
    Value {
        /// Percent of the scale.
        percent: f64,
        /// The group's percent minus everyone's, in points.
        difference: Option<f64>,
    },
    /// Withheld so that a smaller group cannot be worked out by subtraction.
    Withheld,
    /// Too few people to show.
    TooFew,
    /// A group shown elsewhere of which nobody answered this row's domain.
    NoAnswers,
}

/// One row (a domain) of the heatmap.
#[derive(Debug, Clone, PartialEq)]
pub struct HeatRow {
    /// The domain's name, on up to two lines.
    pub label: String,
    /// One cell per column.
    pub cells: Vec<HeatCell>,
}

/// Where the cells start (domain labels to the left).
const CELLS_LEFT: f64 = 186.0;
/// Height of the column headings.
const HEAD: f64 = 32.0;
/// Height of a row.
const ROW: f64 = 34.0;
/// The steps of the colour scale, below everyone then above, strongest first on each side.
const BELOW: [RGBColor; 3] = [
    RGBColor(0xB3, 0x58, 0x06),
    RGBColor(0xE0, 0x82, 0x14),
    RGBColor(0xFD, 0xB8, 0x63),
];
/// The blues above everyone, strongest first.
const ABOVE: [RGBColor; 3] = [
    RGBColor(0x21, 0x66, 0xAC),
    RGBColor(0x43, 0x93, 0xC3),
    RGBColor(0x92, 0xC5, 0xDE),
];
/// Font of the column headings.
const HEAD_FONT: Font = Font::new(11.0).bold().anchor(HPos::Center, VPos::Bottom);
/// Within 5 points of everyone.
const NEAR: RGBColor = RGBColor(0xF7, 0xF7, 0xF7);
/// The lower bounds of the steps, in points of difference.
const STEPS: [f64; 3] = [20.0, 10.0, 5.0];

/// The colour of a cell that lies `difference` points from everyone.
pub fn heat_colour(difference: f64) -> RGBColor {
    let size = difference.abs();
    match STEPS.iter().position(|s| size >= *s) {
        Some(k) if difference < 0.0 => BELOW[k],
        Some(k) => ABOVE[k],
        None => NEAR,
    }
}

/// The text colour on a cell of `fill`: white on dark fills, dark text otherwise.
pub fn text_colour(fill: RGBColor) -> RGBColor {
    if is_dark(fill) { WHITE } else { TEXT }
}

/// Where the cells of a heatmap with `columns` columns and `rows` rows lie: the width of a
/// column, and the top left corner of cell (`row`, `column`).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Grid {
    /// Number of columns.
    pub columns: usize,
    /// Width of one column.
    pub column_width: f64,
    /// Top of the first row.
    pub top: f64,
}

impl Grid {
    /// The grid of `columns` columns under the title, with one tier of headings.
    pub fn new(columns: usize) -> Grid {
        let columns = columns.max(1);
        Grid {
            columns,
            column_width: (WIDTH - MARGIN - CELLS_LEFT) / columns as f64,
            top: TITLE_HEIGHT + HEAD,
        }
    }

    /// The same grid with `tiers` tiers of headings (two when the headings are staggered).
    pub fn with_head(self, tiers: usize) -> Grid {
        Grid {
            top: TITLE_HEIGHT + HEAD * tiers.max(1) as f64,
            ..self
        }
    }

    /// The top left corner of a cell.
    pub fn cell(&self, row: usize, column: usize) -> (f64, f64) {
        (
            CELLS_LEFT + self.column_width * column as f64,
            self.top + ROW * row as f64,
        )
    }

    /// The bottom of `rows` rows.
    pub fn bottom(&self, rows: usize) -> f64 {
        self.top + ROW * rows as f64
    }
}

/// A heatmap of `rows` (domains) by `columns` (everyone first, then the groups). A column
/// narrower than 34 pixels shows the percent without its difference. No rows or no columns
/// give "No data".
pub fn heatmap(title: &str, columns: &[String], rows: &[HeatRow]) -> Result<String> {
    if rows.is_empty() || columns.is_empty() {
        return no_data(title);
    }
    let head = HEAD_FONT;
    let stagger = columns.iter().any(|name| {
        !fits(
            &clean(name),
            head,
            Grid::new(columns.len()).column_width - 4.0,
        )
    });
    let grid = Grid::new(columns.len()).with_head(if stagger { 2 } else { 1 });
    let bottom = grid.bottom(rows.len());
    let height = bottom + 58.0;
    let summary = format!(
        "Heatmap of {} domains by {} columns: each cell a percent of the scale, coloured by its difference from all respondents.",
        rows.len(),
        columns.len()
    );
    render(title, &summary, (WIDTH as u32, height as u32), |c| {
        for (k, name) in columns.iter().enumerate() {
            draw_heading(c, &grid, k, name, stagger)?;
        }
        let label_font = Font::new(12.0);
        for (i, row) in rows.iter().enumerate() {
            let (_, y) = grid.cell(i, 0);
            let lines = wrap(
                &clean(&row.label),
                label_font.px,
                false,
                CELLS_LEFT - MARGIN - 8.0,
                2,
            );
            let first = y + ROW / 2.0 - 7.0 * (lines.len() as f64 - 1.0);
            for (j, line) in lines.iter().enumerate() {
                c.text(line, (MARGIN, first + 14.0 * j as f64), label_font)?;
            }
            for (k, cell) in row.cells.iter().enumerate().take(columns.len()) {
                draw_cell(c, &grid, grid.cell(i, k), *cell)?;
            }
        }
        draw_scale(c, bottom + 12.0)
    })
}

/// Whether `text` fits on two lines of `width` in `font` without shortening a word.
fn fits(text: &str, font: Font, width: f64) -> bool {
    let lines = wrap(text, font.px, font.bold, width, 2);
    lines.join(" ") == text
}

/// The heading of column `k`, on up to two lines. Staggered headings alternate between a
/// lower and an upper tier, so that each may be twice as wide as its column; a thin line
/// leads an upper heading down to its column.
fn draw_heading(c: &Canvas<'_>, grid: &Grid, k: usize, name: &str, stagger: bool) -> Result<()> {
    let head = HEAD_FONT;
    let (x, _) = grid.cell(0, k);
    let centre = x + grid.column_width / 2.0;
    let upper = stagger && k % 2 == 1;
    let width = if stagger {
        2.0 * grid.column_width - 6.0
    } else {
        grid.column_width - 4.0
    };
    let base = grid.top - 4.0 - if upper { HEAD } else { 0.0 };
    let lines = wrap(&clean(name), head.px, true, width, 2);
    for (j, line) in lines.iter().enumerate() {
        let y = base - 13.0 * (lines.len() - 1 - j) as f64;
        c.text(line, (centre, y), head)?;
    }
    if upper {
        c.line(&[(centre, base + 2.0), (centre, grid.top - 2.0)], AXIS, 1)?;
    }
    Ok(())
}

/// One cell at `(x, y)`.
fn draw_cell(c: &Canvas<'_>, grid: &Grid, (x, y): (f64, f64), cell: HeatCell) -> Result<()> {
    let (w, h) = (grid.column_width, ROW);
    let centre = x + w / 2.0;
    match cell {
        HeatCell::Value {
            percent,
            difference,
        } => {
            let fill = difference.map_or(WHITE, heat_colour);
            c.rect((x + 1.0, y + 1.0), (x + w - 1.0, y + h - 1.0), fill, 1.0)?;
            if difference.is_none() {
                let edge = [
                    (x + 1.0, y + 1.0),
                    (x + w - 1.0, y + 1.0),
                    (x + w - 1.0, y + h - 1.0),
                    (x + 1.0, y + h - 1.0),
                    (x + 1.0, y + 1.0),
                ];
                c.line(&edge, AXIS, 1)?;
            }
            let ink = text_colour(fill);
            let value = Font::new(12.0)
                .bold()
                .colour(ink)
                .anchor(HPos::Center, VPos::Center);
            let shows_difference = difference.is_some() && w >= 34.0;
            let value_y = if shows_difference {
                y + h / 2.0 - 6.0
            } else {
                y + h / 2.0
            };
            c.text(&format!("{percent:.0}"), (centre, value_y), value)?;
            if let Some(d) = difference.filter(|_| shows_difference) {
                let small = Font::new(11.0)
                    .colour(ink)
                    .anchor(HPos::Center, VPos::Center);
                c.text(&signed(d), (centre, y + h / 2.0 + 8.0), small)?;
            }
            Ok(())
        }
        HeatCell::Withheld | HeatCell::TooFew | HeatCell::NoAnswers => {
            let edge = [
                (x + 2.0, y + 2.0),
                (x + w - 2.0, y + 2.0),
                (x + w - 2.0, y + h - 2.0),
                (x + 2.0, y + h - 2.0),
                (x + 2.0, y + 2.0),
            ];
            c.dashed(&edge, AXIS, 1, 3, 3)?;
            let word = match cell {
                HeatCell::Withheld => "withheld",
                HeatCell::NoAnswers => "no answers",
                _ => "too few",
            };
            let font = Font::new(11.0)
                .italic()
                .colour(MUTED_TEXT)
                .anchor(HPos::Center, VPos::Center);
            let shown = font.fit(word, w - 6.0);
            c.text(
                if shown.is_empty() { "–" } else { &shown },
                (centre, y + h / 2.0),
                font,
            )
        }
    }
}

/// A difference in whole points with its sign: "+12", "−8", "0".
pub fn signed(points: f64) -> String {
    let rounded = points.round();
    if rounded > 0.0 {
        format!("+{rounded:.0}")
    } else if rounded < 0.0 {
        format!("\u{2212}{:.0}", -rounded)
    } else {
        "0".into()
    }
}

/// The colour scale's legend: a swatch per step with its range.
fn draw_scale(c: &Canvas<'_>, y: f64) -> Result<()> {
    let caption = Font::new(11.0).colour(MUTED_TEXT);
    c.text(
        "Cell: percent of the scale, and its difference from all respondents in points.",
        (MARGIN, y),
        caption,
    )?;
    let steps: [(f64, &str); 7] = [
        (-25.0, "20+ below"),
        (-15.0, "10–20 below"),
        (-7.0, "5–10 below"),
        (0.0, "within 5"),
        (7.0, "5–10 above"),
        (15.0, "10–20 above"),
        (25.0, "20+ above"),
    ];
    let width = (WIDTH - 2.0 * MARGIN) / steps.len() as f64;
    let label = Font::new(11.0).anchor(HPos::Center, VPos::Center);
    for (k, (d, name)) in steps.iter().enumerate() {
        let x = MARGIN + width * k as f64;
        let fill = heat_colour(*d);
        c.rect((x + 1.0, y + 12.0), (x + width - 1.0, y + 32.0), fill, 1.0)?;
        let ink = label.colour(text_colour(fill));
        c.text(
            &ink.fit(name, width - 4.0),
            (x + width / 2.0, y + 22.0),
            ink,
        )?;
    }
    Ok(())
}

#[cfg(test)]
#[path = "heatmap_tests.rs"]
mod tests;
