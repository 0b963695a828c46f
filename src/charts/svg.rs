//! Shared SVG plumbing: a small drawing canvas over plotters' SVG backend, and the
//! post-processing that makes each document accessible and embeddable.
//!
//! The root `<svg>` keeps plotters' `width`, `height` and `viewBox` and gains
//! `role="img"`, `aria-labelledby`/`aria-describedby` pointing at a `<title>` and a
//! `<desc>` inserted as its first children, and `style="max-width:100%;height:auto"`
//! so that it shrinks to fit a narrow column while keeping its proportions.
//!
//! Charts are drawn at the width they are printed at, [`WIDTH`] pixels, so that one
//! SVG unit is one CSS pixel on an A4 page and the font sizes written in the SVG are
//! the sizes printed (11 px is 8.25 pt, 14 px is 10.5 pt).

use std::fmt::Write as _;

use anyhow::{Context as _, Result, anyhow};
use plotters::coord::Shift;
use plotters::element::DashedPathElement;
use plotters::prelude::*;
use plotters::style::FontStyle;
use plotters::style::text_anchor::{HPos, Pos, VPos};

use super::text::{FONT_FAMILY, clean, truncate, width, wrap};
use super::{GRID, MUTED_TEXT, TEXT};

/// Width of every chart, in CSS pixels: the printed text column of an A4 page with
/// the report's margins is about 170 mm, 643 px at 96 px to the inch, so a chart of
/// this width is printed at its natural size, never scaled down.
pub(crate) const WIDTH: f64 = 640.0;

/// Left and right page margin of every chart, in pixels.
pub(crate) const MARGIN: f64 = 8.0;

/// The smallest font size of any chart text, in pixels (8.25 pt when printed at
/// [`WIDTH`]).
pub(crate) const SMALL: f64 = 11.0;

/// Font of chart titles: 14 px, 10.5 pt printed.
const TITLE_FONT: Font = Font::new(14.0).bold();

/// Height reserved for the title at the top of every chart.
pub(crate) const TITLE_HEIGHT: f64 = 30.0;

/// A text style: size in pixels (as written in the SVG), weight, slant, colour and
/// anchor.
#[derive(Clone, Copy)]
pub(crate) struct Font {
    /// Size in CSS pixels.
    pub(crate) px: f64,
    /// Bold weight.
    pub(crate) bold: bool,
    italic: bool,
    colour: RGBColor,
    h: HPos,
    v: VPos,
}

impl Font {
    /// Regular dark text of `px` pixels, anchored at its left end and vertical centre.
    pub(crate) const fn new(px: f64) -> Self {
        Self {
            px,
            bold: false,
            italic: false,
            colour: TEXT,
            h: HPos::Left,
            v: VPos::Center,
        }
    }

    /// The same in bold.
    pub(crate) const fn bold(self) -> Self {
        Self { bold: true, ..self }
    }

    /// The same in italics.
    pub(crate) const fn italic(self) -> Self {
        Self {
            italic: true,
            ..self
        }
    }

    /// The same in another colour.
    pub(crate) const fn colour(self, colour: RGBColor) -> Self {
        Self { colour, ..self }
    }

    /// The same anchored differently.
    pub(crate) const fn anchor(self, h: HPos, v: VPos) -> Self {
        Self { h, v, ..self }
    }

    /// Estimated width of `s` in this font.
    pub(crate) fn width(&self, s: &str) -> f64 {
        width(s, self.px, self.bold)
    }

    /// `s` shortened with an ellipsis to fit `max_width` in this font.
    pub(crate) fn fit(&self, s: &str, max_width: f64) -> String {
        truncate(s, self.px, self.bold, max_width)
    }

    /// `s` word-wrapped into at most `max_lines` lines of `max_width` in this font.
    pub(crate) fn wrap(&self, s: &str, max_width: f64, max_lines: usize) -> Vec<String> {
        wrap(s, self.px, self.bold, max_width, max_lines)
    }
}

/// Rounds a coordinate to the backend's integer pixels; non-finite values give 0.
fn px(v: f64) -> i32 {
    if v.is_finite() {
        v.round().clamp(-1.0e6, 1.0e6) as i32
    } else {
        0
    }
}

/// Converts a plotters error into an `anyhow` error.
fn drawing_error(e: impl std::fmt::Display) -> anyhow::Error {
    anyhow!("drawing the chart failed: {e}")
}

/// A drawing surface in pixel coordinates, origin at the top left.
pub(crate) struct Canvas<'a> {
    area: DrawingArea<SVGBackend<'a>, Shift>,
}

impl Canvas<'_> {
    /// A filled rectangle between two corners, in `colour` at `opacity`.
    pub(crate) fn rect(
        &self,
        (x0, y0): (f64, f64),
        (x1, y1): (f64, f64),
        colour: RGBColor,
        opacity: f64,
    ) -> Result<()> {
        let (l, r) = (px(x0.min(x1)), px(x0.max(x1)));
        let (t, b) = (px(y0.min(y1)), px(y0.max(y1)));
        if r <= l || b <= t {
            return Ok(());
        }
        self.area
            .draw(&Rectangle::new(
                [(l, t), (r, b)],
                colour.mix(opacity).filled(),
            ))
            .map_err(drawing_error)
    }

    /// A text label at `(x, y)`, which is the anchor point given by `font`.
    pub(crate) fn text(&self, s: &str, (x, y): (f64, f64), font: Font) -> Result<()> {
        if s.is_empty() {
            return Ok(());
        }
        let style = match (font.bold, font.italic) {
            (true, _) => FontStyle::Bold,
            (false, true) => FontStyle::Italic,
            (false, false) => FontStyle::Normal,
        };
        // plotters writes `font-size` as the size divided by 1.24.
        let text_style = TextStyle::from((FONT_FAMILY, font.px * 1.24).into_font().style(style))
            .color(&font.colour)
            .pos(Pos::new(font.h, font.v));
        self.area
            .draw(&Text::new(s, (px(x), px(y)), text_style))
            .map_err(drawing_error)
    }

    /// Lines of text one below the other, `line_height` apart, the first at `(x, y)`.
    pub(crate) fn lines(
        &self,
        lines: &[String],
        (x, y): (f64, f64),
        font: Font,
        line_height: f64,
    ) -> Result<()> {
        for (k, line) in lines.iter().enumerate() {
            self.text(line, (x, y + k as f64 * line_height), font)?;
        }
        Ok(())
    }

    /// A straight polyline through `points`.
    pub(crate) fn line(&self, points: &[(f64, f64)], colour: RGBColor, stroke: u32) -> Result<()> {
        let points: Vec<(i32, i32)> = points.iter().map(|&(x, y)| (px(x), px(y))).collect();
        self.area
            .draw(&PathElement::new(points, colour.stroke_width(stroke)))
            .map_err(drawing_error)
    }

    /// A dashed polyline through `points`, with dashes and gaps of the given lengths.
    pub(crate) fn dashed(
        &self,
        points: &[(f64, f64)],
        colour: RGBColor,
        stroke: u32,
        dash: i32,
        gap: i32,
    ) -> Result<()> {
        let points: Vec<(i32, i32)> = points.iter().map(|&(x, y)| (px(x), px(y))).collect();
        self.area
            .draw(&DashedPathElement::new(
                points,
                dash,
                gap,
                colour.stroke_width(stroke),
            ))
            .map_err(drawing_error)
    }

    /// A filled polygon through `points`, in `colour` at `opacity`.
    pub(crate) fn polygon(
        &self,
        points: &[(f64, f64)],
        colour: RGBColor,
        opacity: f64,
    ) -> Result<()> {
        let points: Vec<(i32, i32)> = points.iter().map(|&(x, y)| (px(x), px(y))).collect();
        self.area
            .draw(&Polygon::new(points, colour.mix(opacity).filled()))
            .map_err(drawing_error)
    }

    /// A circle of radius `r` at `(x, y)`: filled, or outlined with `stroke` pixels.
    pub(crate) fn circle(
        &self,
        (x, y): (f64, f64),
        r: f64,
        colour: RGBColor,
        fill: bool,
        stroke: u32,
    ) -> Result<()> {
        let style = if fill {
            colour.filled()
        } else {
            colour.stroke_width(stroke)
        };
        self.area
            .draw(&Circle::new((px(x), px(y)), px(r), style))
            .map_err(drawing_error)
    }

    /// Draws `legend`, each swatch by `swatch`, which receives the entry's index and
    /// the top-left corner of its 16×12 box.
    pub(crate) fn legend(
        &self,
        legend: &Legend,
        swatch: impl Fn(&Self, usize, (f64, f64)) -> Result<()>,
    ) -> Result<()> {
        for (i, (x, y, label)) in legend.entries.iter().enumerate() {
            swatch(self, i, (*x, *y + 1.0))?;
            self.text(label, (*x + 22.0, *y + 7.0), LEGEND_FONT)?;
        }
        Ok(())
    }
}

/// Font of legend labels.
const LEGEND_FONT: Font = Font::new(12.0);

/// Height of one legend row.
pub(crate) const LEGEND_ROW: f64 = 18.0;

/// A laid-out horizontal legend: entries flow from left to right and wrap onto new
/// rows before the right edge.
pub(crate) struct Legend {
    /// Top-left corner of each entry, and its (possibly shortened) label.
    entries: Vec<(f64, f64, String)>,
    /// The y just below the legend.
    pub(crate) bottom: f64,
}

impl Legend {
    /// Lays out `labels` from `(x, y)`, wrapping before `max_x`.
    pub(crate) fn new<'a>(
        labels: impl IntoIterator<Item = &'a str>,
        (x, y): (f64, f64),
        max_x: f64,
    ) -> Self {
        const ROW: f64 = LEGEND_ROW;
        let (mut cx, mut cy) = (x, y);
        let mut entries = Vec::new();
        for label in labels {
            let label = LEGEND_FONT.fit(&clean(label), max_x - x - 22.0);
            let entry = 22.0 + LEGEND_FONT.width(&label) + 18.0;
            if cx > x && cx + entry > max_x {
                cx = x;
                cy += ROW;
            }
            entries.push((cx, cy, label));
            cx += entry;
        }
        Self {
            entries,
            bottom: cy + ROW,
        }
    }
}

/// Draws a chart of `size` pixels: a white page with `title` at the top, then what
/// `draw` adds. Returns the finished, accessible SVG document, described for screen
/// readers by `summary`.
pub(crate) fn render(
    title: &str,
    summary: &str,
    size: (u32, u32),
    draw: impl FnOnce(&Canvas<'_>) -> Result<()>,
) -> Result<String> {
    let title = clean(title);
    let mut raw = String::new();
    {
        let canvas = Canvas {
            area: SVGBackend::with_string(&mut raw, size).into_drawing_area(),
        };
        canvas.area.fill(&WHITE).map_err(drawing_error)?;
        let shown = TITLE_FONT.fit(&title, f64::from(size.0) - 2.0 * MARGIN);
        canvas.text(&shown, (MARGIN, 15.0), TITLE_FONT)?;
        draw(&canvas)?;
        canvas.area.present().map_err(drawing_error)?;
    }
    finish(&raw, &title, summary, size)
}

/// A small chart that says "No data" under `title`.
pub(crate) fn no_data(title: &str) -> Result<String> {
    render(title, "No data to chart.", (480, 110), |canvas| {
        canvas.rect((MARGIN, 48.0), (480.0 - MARGIN, 94.0), GRID, 0.35)?;
        let font = Font::new(14.0)
            .colour(MUTED_TEXT)
            .anchor(HPos::Center, VPos::Center);
        canvas.text("No data", (240.0, 71.0), font)
    })
}

/// Replaces plotters' root element with an accessible one and inserts the `<title>`
/// and `<desc>` elements.
fn finish(raw: &str, title: &str, summary: &str, (w, h): (u32, u32)) -> Result<String> {
    let body_start = raw
        .strip_prefix("<svg ")
        .and_then(|rest| rest.find(">\n"))
        .map(|end| "<svg ".len() + end + 2)
        .context("unexpected SVG from plotters: no root element")?;
    let body = &raw[body_start..];
    let id = chart_id(title, body);
    let mut out = String::with_capacity(raw.len() + 400);
    write!(
        out,
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{w}\" height=\"{h}\" viewBox=\"0 0 {w} {h}\" \
         role=\"img\" aria-labelledby=\"{id}-title\" aria-describedby=\"{id}-desc\" \
         style=\"max-width:100%;height:auto\">\n\
         <title id=\"{id}-title\">{}</title>\n<desc id=\"{id}-desc\">{}</desc>\n",
        escape_xml(title),
        escape_xml(summary),
    )?;
    out.push_str(body);
    Ok(out)
}

/// Escapes the five XML special characters.
fn escape_xml(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '&' => out.push_str("&amp;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            other => out.push(other),
        }
    }
    out
}

/// A deterministic element id for a chart: `chart-`, a slug of the title, and an
/// FNV-1a hash of the title and the drawing, so that different charts on one page get
/// different ids without any counter.
fn chart_id(title: &str, body: &str) -> String {
    let mut slug = String::new();
    for c in title.chars().flat_map(char::to_lowercase) {
        if slug.len() >= 40 {
            break;
        }
        if c.is_ascii_alphanumeric() {
            slug.push(c);
        } else if !slug.is_empty() && !slug.ends_with('-') {
            slug.push('-');
        }
    }
    let slug = slug.trim_end_matches('-');
    let slug = if slug.is_empty() { "untitled" } else { slug };
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for byte in title.bytes().chain([0]).chain(body.bytes()) {
        hash ^= u64::from(byte);
        hash = hash.wrapping_mul(0x0100_0000_01b3);
    }
    format!("chart-{slug}-{:08x}", (hash ^ (hash >> 32)) as u32)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_carry_a_slug_and_differ_with_the_drawing() {
        let a = chart_id("Maturity by domain (current vs. target)", "<rect/>");
        assert!(
            a.starts_with("chart-maturity-by-domain-current-vs-target-"),
            "{a}"
        );
        assert_ne!(
            a,
            chart_id("Maturity by domain (current vs. target)", "<circle/>")
        );
        assert!(chart_id("<&>", "").starts_with("chart-untitled-"));
    }

    #[test]
    fn escape_xml_escapes_markup() {
        assert_eq!(
            escape_xml(r#"<a href="x">&'"#),
            "&lt;a href=&quot;x&quot;&gt;&amp;&apos;"
        );
    }
}
