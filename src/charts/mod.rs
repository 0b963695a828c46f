//! Charts for the board report, each rendered as a self-contained SVG document with
//! plotters' SVG backend:
//!
//! - [`radar`]: current against target maturity per domain (falls back to grouped
//!   horizontal bars below three domains);
//! - [`diverging_bars`]: Likert answer distributions as diverging stacked bars centred
//!   on the neutral point;
//! - [`dot_chart`]: every domain's current percent against its target, with a marker per
//!   group of the perspective column;
//! - [`heatmap`]: groups x domains, each cell a group's percent coloured by its difference
//!   from everyone;
//! - [`gantt`]: the recovery roadmap as a timeline: each item from its start to its
//!   end month under its phase's heading, with dependency arrows and milestones;
//! - [`level_bars`]: plain horizontal bars, e.g. domain scores as percents;
//! - [`slope_chart`]: each domain's percent from wave to wave, one small panel each.
//! - [`stacked_columns`]: counts per period stacked by category (changes per month by type);
//! - [`restore_bars`]: median restore hours per incident priority.
//!
//! Every function returns the SVG text. Charts are drawn at the width they are printed
//! at: 640 units, the report's text column on an A4 page (about 170 mm, 643 CSS px), so
//! that one SVG unit is one CSS pixel and the sizes written are the sizes printed: no
//! text below 11 px (8.25 pt) and titles at 14 px (10.5 pt). The root element keeps
//! that natural `width`/`height` plus a `viewBox`, and carries
//! `style="max-width:100%;height:auto"` so that it scales down inside a narrower
//! column; it has `role="img"` and is labelled by a `<title>` (and described by a
//! `<desc>`) whose ids are derived from a slug of the title and a hash of the drawing,
//! so they are deterministic and differ between charts on one page. All user text is
//! cleaned of characters XML forbids and escaped (by plotters' SVG backend, which
//! escapes `<`, `>`, `&`, `"` and `'` in text and attributes, and by this module for
//! the `<title>`). Text uses an Arial/Helvetica sans-serif stack; as the backend cannot
//! measure text, widths are estimated from Helvetica metrics to wrap labels (statement
//! labels onto two lines, a third shortened with an ellipsis only when very long) or
//! shorten them. Output is deterministic, non-finite inputs are clamped or treated as
//! missing, and empty inputs give a small chart saying "No data".
//!
//! Palette: categories use the colour-blind-safe palette of Okabe & Ito, "Color
//! Universal Design" (2008), without its yellow, which is too light on white; groups
//! are told apart by marker shape as well as colour. Likert points use a diverging
//! orange (disagree) to blue (agree) ramp around a light grey, built on lightness so
//! that it also reads in greyscale: on five points every two categories differ by at
//! least 12 CIE L* units ([`likert_colours`]). Text on coloured ground, the share
//! labels on the bars and the level badges ([`LEVEL_BADGES`]), meets the WCAG 2 AA
//! contrast of 4.5:1 ([`contrast_ratio`]).

mod axis;
mod bars;
mod diverging;
mod dots;
mod gantt;
mod heatmap;
mod markers;
mod radar;
mod restore;
mod slope;
mod stacked;
mod svg;
mod text;

pub use bars::level_bars;
pub use diverging::{DistributionRow, diverging_bars};
pub use dots::{DotBand, DotRow, dot_chart};
pub use gantt::{GanttItem, GanttPhase, gantt};
pub use heatmap::{HeatCell, HeatRow, heatmap, signed};
pub use radar::{LevelMark, RadarAxis, radar};
pub use restore::{RestoreRow, restore_bars};
pub use slope::{SlopePanel, slope_chart};
pub use stacked::{StackColumn, StackSeries, stacked_columns};

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

/// Likert ramp: the strongest disagreement, a dark brown `#7F3B08` (ColorBrewer PuOr's
/// darkest orange); L* 33.
pub const LIKERT_NEGATIVE_STRONG: RGBColor = RGBColor(0x7F, 0x3B, 0x08);
/// Likert ramp: the mildest disagreement, orange `#D8761A`; L* 60.
pub const LIKERT_NEGATIVE_MILD: RGBColor = RGBColor(0xD8, 0x76, 0x1A);
/// Likert ramp: the neutral point, a light grey `#DCDCDC`; L* 88.
pub const LIKERT_NEUTRAL: RGBColor = RGBColor(0xDC, 0xDC, 0xDC);
/// Likert ramp: the mildest agreement, light blue `#8DBBDD`; L* 74.
pub const LIKERT_POSITIVE_MILD: RGBColor = RGBColor(0x8D, 0xBB, 0xDD);
/// Likert ramp: the strongest agreement, blue `#2B6FB5`; L* 46.
pub const LIKERT_POSITIVE_STRONG: RGBColor = RGBColor(0x2B, 0x6F, 0xB5);

/// Background colours of the level badges, level 1 to 5, each with at least 4.5:1
/// contrast against [`LEVEL_BADGE_TEXT`] (WCAG 2 AA for normal text): red `#B3261E`
/// (6.5:1), brown-orange `#A04F00` (5.8:1), olive `#7A6A00` (5.4:1), green `#1E7A46`
/// (5.3:1) and blue `#0B5CAD` (6.7:1).
pub const LEVEL_BADGES: [RGBColor; 5] = [
    RGBColor(0xB3, 0x26, 0x1E),
    RGBColor(0xA0, 0x4F, 0x00),
    RGBColor(0x7A, 0x6A, 0x00),
    RGBColor(0x1E, 0x7A, 0x46),
    RGBColor(0x0B, 0x5C, 0xAD),
];

/// Text colour on the level badges: white.
pub const LEVEL_BADGE_TEXT: RGBColor = RGBColor(0xFF, 0xFF, 0xFF);

/// Colours for the points of a Likert scale with `points` points, from the scale
/// minimum up: orange shades from strong to mild for the lower half, grey for the
/// middle point of an odd scale, blue shades from mild to strong for the upper half.
///
/// The ramp is built for greyscale as well as colour: its lightness (CIE L*) falls
/// from the neutral grey towards both ends, and the two sides sit at different
/// lightness (the disagreeing side darker at the extreme, lighter at the mild point),
/// so that on a five-point scale every two categories differ by at least 12 L* units
/// and a photocopy still tells them apart.
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

/// Relative luminance of an sRGB colour as WCAG 2 defines it (0 black, 1 white).
pub fn relative_luminance(colour: RGBColor) -> f64 {
    let lin = |c: u8| {
        let c = f64::from(c) / 255.0;
        if c <= 0.04045 {
            c / 12.92
        } else {
            ((c + 0.055) / 1.055).powf(2.4)
        }
    };
    0.2126 * lin(colour.0) + 0.7152 * lin(colour.1) + 0.0722 * lin(colour.2)
}

/// WCAG 2 contrast ratio of two colours, from 1 (none) to 21 (black on white).
pub fn contrast_ratio(a: RGBColor, b: RGBColor) -> f64 {
    let (la, lb) = (relative_luminance(a), relative_luminance(b));
    (la.max(lb) + 0.05) / (la.min(lb) + 0.05)
}

/// CIE 1976 lightness L* of an sRGB colour (0 black to 100 white, D65 white): the
/// grey a greyscale print gives it.
pub fn lightness(colour: RGBColor) -> f64 {
    let y = relative_luminance(colour);
    let f = if y > 216.0 / 24389.0 {
        y.cbrt()
    } else {
        (24389.0 / 27.0 * y + 16.0) / 116.0
    };
    116.0 * f - 16.0
}

/// Whether white text reads better than dark text on `colour` (relative luminance
/// below 0.2, where white and dark text have equal contrast).
fn is_dark(colour: RGBColor) -> bool {
    relative_luminance(colour) < 0.2
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
