//! Group markers: a colour and a shape per group, so that groups stay apart in greyscale and
//! for readers who cannot tell the hues apart. Eight shapes and seven colours: the first
//! eight groups each have their own shape, and no two of the first 56 share both.

use anyhow::Result;
use plotters::style::{RGBColor, WHITE};

use super::CATEGORICAL;
use super::svg::Canvas;

/// How many distinct shapes [`marker`] draws.
pub(crate) const SHAPES: usize = 8;

/// The colour of group `group`'s marker.
pub(crate) fn marker_colour(group: usize) -> RGBColor {
    CATEGORICAL[group % CATEGORICAL.len()]
}

/// The outline of shape `shape` centred at `(x, y)` with "radius" `r`; `None` for the circle.
fn outline(shape: usize, (x, y): (f64, f64), r: f64) -> Option<Vec<(f64, f64)>> {
    let regular = |corners: usize, turn: f64, radius: f64| -> Vec<(f64, f64)> {
        (0..corners)
            .map(|k| {
                let a = turn + std::f64::consts::TAU * k as f64 / corners as f64;
                (x + radius * a.cos(), y + radius * a.sin())
            })
            .collect()
    };
    let up = -std::f64::consts::FRAC_PI_2;
    match shape % SHAPES {
        0 => None,
        1 => Some(regular(4, std::f64::consts::FRAC_PI_4, r * 1.2)),
        2 => Some(regular(3, up, r * 1.25)),
        3 => Some(regular(4, 0.0, r * 1.25)),
        4 => Some(regular(3, -up, r * 1.25)),
        5 => Some(regular(5, up, r * 1.15)),
        6 => Some(regular(6, 0.0, r * 1.1)),
        _ => Some(
            (0..10)
                .map(|k| {
                    let a = up + std::f64::consts::PI * k as f64 / 5.0;
                    let radius = if k % 2 == 0 { r * 1.35 } else { r * 0.6 };
                    (x + radius * a.cos(), y + radius * a.sin())
                })
                .collect(),
        ),
    }
}

/// Draws group `group`'s marker (its colour and shape) centred at `(x, y)` with "radius" `r`,
/// outlined in white so that overlapping markers stay apart.
pub(crate) fn marker(c: &Canvas<'_>, group: usize, (x, y): (f64, f64), r: f64) -> Result<()> {
    let colour = marker_colour(group);
    match outline(group, (x, y), r) {
        None => {
            c.circle((x, y), r, colour, true, 1)?;
            c.circle((x, y), r, WHITE, false, 1)
        }
        Some(shape) => {
            c.polygon(&shape, colour, 1.0)?;
            let closed: Vec<(f64, f64)> = shape.iter().chain(shape.first()).copied().collect();
            c.line(&closed, WHITE, 1)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_first_eight_groups_have_eight_different_shapes() {
        let corners: Vec<Option<usize>> = (0..SHAPES)
            .map(|g| outline(g, (0.0, 0.0), 5.0).map(|o| o.len()))
            .collect();
        // Circle, square, triangle, diamond, triangle down, pentagon, hexagon, star: the two
        // four-cornered shapes and the two triangles differ by their turn.
        assert_eq!(
            corners,
            [
                None,
                Some(4),
                Some(3),
                Some(4),
                Some(3),
                Some(5),
                Some(6),
                Some(10)
            ]
        );
        let square = outline(1, (0.0, 0.0), 5.0).unwrap();
        let diamond = outline(3, (0.0, 0.0), 5.0).unwrap();
        assert!(
            square[0].0 > 0.0 && square[0].1 > 0.0,
            "a corner at 45 degrees"
        );
        assert!(diamond[0].1.abs() < 1e-9, "a corner on the horizontal");
        let up = outline(2, (0.0, 0.0), 5.0).unwrap();
        let down = outline(4, (0.0, 0.0), 5.0).unwrap();
        assert!(up[0].1 < 0.0 && down[0].1 > 0.0);
    }

    #[test]
    fn no_two_of_the_first_56_groups_share_colour_and_shape() {
        let mut seen = std::collections::BTreeSet::new();
        for g in 0..56 {
            let c = marker_colour(g);
            assert!(seen.insert((c.0, c.1, c.2, g % SHAPES)), "group {g}");
        }
    }
}
