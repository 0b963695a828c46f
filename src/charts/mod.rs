//! Charts for the board report, each rendered as a self-contained SVG document with
//! plotters' SVG backend:
//!
//! - [`radar`]: current against target maturity per domain (falls back to grouped
//!   horizontal bars below three domains);
//! - [`diverging_bars`]: Likert answer distributions as diverging stacked bars centred
//!   on the neutral point;
//! - [`dumbbell`]: domain scores per respondent group, with the spread between the
//!   lowest and highest group;
//! - [`gantt`]: the recovery roadmap as a timeline of items within phases;
//! - [`level_bars`]: plain horizontal bars, e.g. domain scores as percents.
//!
//! Every function returns the SVG text. The root element keeps a fixed natural
//! `width`/`height` plus a `viewBox`, and carries `style="max-width:100%;height:auto"`
//! so that it scales down inside an HTML column; it has `role="img"` and is labelled by
//! a `<title>` (and described by a `<desc>`) whose ids are derived from a slug of the
//! title and a hash of the drawing, so they are deterministic and differ between
//! charts on one page. All user text is cleaned of characters XML forbids and escaped
//! (by plotters' SVG backend, which escapes `<`, `>`, `&`, `"` and `'` in text and
//! attributes, and by this module for the `<title>`). Text uses an Arial/Helvetica
//! sans-serif stack at 11 px or more; as the backend cannot measure text, widths are
//! estimated from Helvetica metrics to truncate (with an ellipsis) or wrap labels.
//! Output is deterministic, non-finite inputs are clamped or treated as missing, and
//! empty inputs give a small chart saying "No data".
//!
//! Palette: categories use the colour-blind-safe palette of Okabe & Ito, "Color
//! Universal Design" (2008), without its yellow, which is too light on white. Likert
//! points use a diverging orange (disagree) to blue (agree) ramp with a neutral grey,
//! whose end colours are those of ColorBrewer's PuOr and RdBu schemes (Cynthia Brewer,
//! colorbrewer2.org), both marked colour-blind safe there.

mod axis;
mod bars;
mod diverging;
mod dots;
mod dumbbell;
mod gantt;
mod heatmap;
mod markers;
mod radar;
mod svg;
mod text;

pub use bars::level_bars;
pub use diverging::{DistributionRow, diverging_bars};
pub use dots::{DotBand, DotRow, dot_chart};
pub use dumbbell::{GapDomain, GapPoint, dumbbell};
pub use gantt::{GanttItem, GanttPhase, gantt};
pub use heatmap::{HeatCell, HeatRow, heatmap, signed};
pub use radar::{RadarAxis, radar};

pub use plotters::style::RGBColor;

/// Okabe-Ito black, `#000000`.
pub const BLACK: RGBColor = RGBColor(0x00, 0x00, 0x00);
/// Okabe-Ito orange, `#E69F00`.
pub const ORANGE: RGBColor = RGBColor(0xE6, 0x9F, 0x00);
/// Okabe-Ito sky blue, `#56B4E9`.
pub const SKY_BLUE: RGBColor = RGBColor(0x56, 0xB4, 0xE9);
/// Okabe-Ito bluish green, `#009E73`.
pub const BLUISH_GREEN: RGBColor = RGBColor(0x00, 0x9E, 0x73);
/// Okabe-Ito yellow, `#F0E442` (not used for marks on white: too light).
pub const YELLOW: RGBColor = RGBColor(0xF0, 0xE4, 0x42);
/// Okabe-Ito blue, `#0072B2`.
pub const BLUE: RGBColor = RGBColor(0x00, 0x72, 0xB2);
/// Okabe-Ito vermillion, `#D55E00`.
pub const VERMILLION: RGBColor = RGBColor(0xD5, 0x5E, 0x00);
/// Okabe-Ito reddish purple, `#CC79A7`.
pub const REDDISH_PURPLE: RGBColor = RGBColor(0xCC, 0x79, 0xA7);

/// The order in which categories (groups, phases) take colours; it repeats after
/// seven categories.
pub const CATEGORICAL: [RGBColor; 7] = [
    BLUE,
    ORANGE,
    BLUISH_GREEN,
    VERMILLION,
    SKY_BLUE,
    REDDISH_PURPLE,
    BLACK,
];

/// Likert ramp: the strongest disagreement, `#B35806` (ColorBrewer PuOr).
pub const LIKERT_NEGATIVE_STRONG: RGBColor = RGBColor(0xB3, 0x58, 0x06);
/// Likert ramp: the mildest disagreement, `#FDB863` (ColorBrewer PuOr).
pub const LIKERT_NEGATIVE_MILD: RGBColor = RGBColor(0xFD, 0xB8, 0x63);
/// Likert ramp: the neutral point, a mid grey `#C8C8C8`.
pub const LIKERT_NEUTRAL: RGBColor = RGBColor(0xC8, 0xC8, 0xC8);
/// Likert ramp: the mildest agreement, `#92C5DE` (ColorBrewer RdBu).
pub const LIKERT_POSITIVE_MILD: RGBColor = RGBColor(0x92, 0xC5, 0xDE);
/// Likert ramp: the strongest agreement, `#2166AC` (ColorBrewer RdBu).
pub const LIKERT_POSITIVE_STRONG: RGBColor = RGBColor(0x21, 0x66, 0xAC);

/// Colours for the points of a Likert scale with `points` points, from the scale
/// minimum up: orange shades from strong to mild for the lower half, grey for the
/// middle point of an odd scale, blue shades from mild to strong for the upper half.
pub fn likert_colours(points: usize) -> Vec<RGBColor> {
    let side = points / 2;
    let shades = |strong: RGBColor, mild: RGBColor| -> Vec<RGBColor> {
        (0..side)
            .map(|i| {
                let t = if side <= 1 {
                    0.5
                } else {
                    i as f64 / (side - 1) as f64
                };
                mix(strong, mild, t)
            })
            .collect()
    };
    let mut colours = shades(LIKERT_NEGATIVE_STRONG, LIKERT_NEGATIVE_MILD);
    if points % 2 == 1 {
        colours.push(LIKERT_NEUTRAL);
    }
    let mut positive = shades(LIKERT_POSITIVE_STRONG, LIKERT_POSITIVE_MILD);
    positive.reverse();
    colours.extend(positive);
    colours
}

/// Linear interpolation from `a` (t = 0) to `b` (t = 1) in sRGB.
fn mix(a: RGBColor, b: RGBColor, t: f64) -> RGBColor {
    let channel = |x: u8, y: u8| (f64::from(x) + (f64::from(y) - f64::from(x)) * t).round() as u8;
    RGBColor(channel(a.0, b.0), channel(a.1, b.1), channel(a.2, b.2))
}

/// Whether white text reads better than dark text on `colour` (relative luminance
/// below 0.2, where white and dark text have equal contrast).
fn is_dark(colour: RGBColor) -> bool {
    let lin = |c: u8| {
        let c = f64::from(c) / 255.0;
        if c <= 0.04045 {
            c / 12.92
        } else {
            ((c + 0.055) / 1.055).powf(2.4)
        }
    };
    0.2126 * lin(colour.0) + 0.7152 * lin(colour.1) + 0.0722 * lin(colour.2) < 0.2
}

/// Dark grey for text.
const TEXT: RGBColor = RGBColor(0x22, 0x22, 0x22);
/// Grey for secondary text; 7:1 contrast on white.
const MUTED_TEXT: RGBColor = RGBColor(0x59, 0x59, 0x59);
/// Light grey for grid lines.
const GRID: RGBColor = RGBColor(0xD9, 0xD9, 0xD9);
/// Mid grey for axis lines.
const AXIS: RGBColor = RGBColor(0x8C, 0x8C, 0x8C);
/// Very light grey for alternate row stripes and bands.
const ZEBRA: RGBColor = RGBColor(0xF4, 0xF4, 0xF4);

#[cfg(test)]
mod tests;
