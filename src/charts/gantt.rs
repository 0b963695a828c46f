//! Timeline (Gantt) chart of the recovery roadmap.

use anyhow::Result;
use plotters::style::RGBColor;
use plotters::style::text_anchor::{HPos, VPos};

use super::svg::{Font, MARGIN, TITLE_HEIGHT, no_data, render};
use super::text::clean;
use super::{AXIS, BLACK, CATEGORICAL, GRID, MUTED_TEXT};

/// A phase of the roadmap: a named span of months.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GanttPhase {
    /// The phase name, shown above its band (shortened to the band's width).
    pub name: String,
    /// First month of the phase (month 0 is the start of the programme).
    pub start_month: u32,
    /// Month at which the phase ends.
    pub end_month: u32,
}

/// An item of the roadmap, belonging to a phase.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GanttItem {
    /// The item's label, shown at the left and shortened with an ellipsis when long.
    pub label: String,
    /// Index of the item's phase in the `phases` passed to [`gantt`]; it gives the
    /// bar's colour (grey when out of range).
    pub phase: usize,
    /// Month at which the item starts.
    pub start_month: u32,
    /// Month at which the item ends; an item ending when it starts is a milestone,
    /// drawn as a diamond.
    pub end_month: u32,
}

/// Width of the chart.
const WIDTH: f64 = 900.0;
/// The x of month 0.
const PLOT_LEFT: f64 = 300.0;
/// The x of the last month.
const PLOT_RIGHT: f64 = 876.0;
/// Height of a row.
const ROW: f64 = 22.0;
/// Height of a bar.
const BAR: f64 = 14.0;
/// Shade of alternate phase bands.
const BAND: RGBColor = RGBColor(0xEC, 0xEC, 0xEC);
/// Top of the phase header.
const HEADER_TOP: f64 = TITLE_HEIGHT + 6.0;
/// Top of the first row.
const TOP: f64 = HEADER_TOP + 48.0;

/// A timeline on an axis of months from 0 to the latest end: phase bands shaded
/// alternately across the whole height, each named on top above a strip of its
/// colour; one bar per item from its start to its end month, coloured by its phase,
/// with its label at the left. Spans given end before start are swapped. The height
/// grows with the number of items. No items give a small "No data" chart.
pub fn gantt(title: &str, phases: &[GanttPhase], items: &[GanttItem]) -> Result<String> {
    if items.is_empty() {
        return no_data(title);
    }
    let span = |a: u32, b: u32| (a.min(b), a.max(b));
    let months = phases
        .iter()
        .map(|p| p.start_month.max(p.end_month))
        .chain(items.iter().map(|i| i.start_month.max(i.end_month)))
        .max()
        .unwrap_or(0)
        .max(1);
    let x_of =
        |month: u32| PLOT_LEFT + f64::from(month) * (PLOT_RIGHT - PLOT_LEFT) / f64::from(months);
    let bottom = TOP + ROW * items.len() as f64;
    let height = bottom + 46.0;
    let summary = format!(
        "Timeline of {} roadmap items in {} phases over {months} months.",
        items.len(),
        phases.len()
    );
    let colour_of = |phase: usize| -> RGBColor {
        if phase < phases.len() {
            CATEGORICAL[phase % CATEGORICAL.len()]
        } else {
            AXIS
        }
    };

    render(title, &summary, (WIDTH as u32, height as u32), |c| {
        let name_font = Font::new(12.0).bold().anchor(HPos::Center, VPos::Top);
        for (k, phase) in phases.iter().enumerate() {
            let (start, end) = span(phase.start_month, phase.end_month);
            let (x0, x1) = (x_of(start), x_of(end));
            if k % 2 == 0 {
                c.rect((x0, HEADER_TOP), (x1, bottom), BAND, 1.0)?;
            }
            c.rect(
                (x0, HEADER_TOP + 20.0),
                (x1, HEADER_TOP + 24.0),
                colour_of(k),
                1.0,
            )?;
            let name = name_font.fit(&clean(&phase.name), x1 - x0 - 6.0);
            c.text(&name, ((x0 + x1) / 2.0, HEADER_TOP + 4.0), name_font)?;
        }
        for i in (1..items.len()).step_by(2) {
            let y = TOP + ROW * i as f64;
            c.rect((MARGIN, y), (PLOT_RIGHT, y + ROW), BLACK, 0.035)?;
        }
        let step = month_step(months, ((PLOT_RIGHT - PLOT_LEFT) / 28.0) as u32);
        let tick_font = Font::new(11.0)
            .colour(MUTED_TEXT)
            .anchor(HPos::Center, VPos::Top);
        for month in (0..=months).step_by(step as usize) {
            let x = x_of(month);
            c.line(&[(x, TOP - 4.0), (x, bottom)], GRID, 1)?;
            c.text(&month.to_string(), (x, TOP - 18.0), tick_font)?;
            c.text(&month.to_string(), (x, bottom + 6.0), tick_font)?;
        }
        let caption = Font::new(11.0)
            .colour(MUTED_TEXT)
            .anchor(HPos::Right, VPos::Top);
        c.text("Month", (PLOT_LEFT - 12.0, TOP - 18.0), caption)?;
        c.text(
            "Months from start",
            (PLOT_LEFT - 12.0, bottom + 6.0),
            caption,
        )?;
        let label_font = Font::new(12.0);
        for (i, item) in items.iter().enumerate() {
            let mid = TOP + ROW * i as f64 + ROW / 2.0;
            let label = label_font.fit(&clean(&item.label), PLOT_LEFT - MARGIN - 12.0);
            c.text(&label, (MARGIN, mid), label_font)?;
            let (start, end) = span(item.start_month, item.end_month);
            let colour = colour_of(item.phase);
            if start == end {
                let (x, r) = (x_of(start), BAR / 2.0 + 1.0);
                c.polygon(
                    &[(x, mid - r), (x + r, mid), (x, mid + r), (x - r, mid)],
                    colour,
                    1.0,
                )?;
            } else {
                c.rect(
                    (x_of(start), mid - BAR / 2.0),
                    (x_of(end), mid + BAR / 2.0),
                    colour,
                    1.0,
                )?;
            }
        }
        c.line(&[(PLOT_LEFT, TOP - 4.0), (PLOT_LEFT, bottom)], AXIS, 1)
    })
}

/// The first of 1, 2, 3, 6, 12, 24, … months that labels `0..=months` with at most
/// `max_ticks` intervals.
fn month_step(months: u32, max_ticks: u32) -> u32 {
    let max_ticks = max_ticks.max(1);
    let mut step = 1;
    for candidate in [1, 2, 3, 6, 12] {
        step = candidate;
        if months.div_ceil(candidate) <= max_ticks {
            return step;
        }
    }
    while months.div_ceil(step) > max_ticks {
        step *= 2;
    }
    step
}

#[cfg(test)]
mod tests {
    use super::month_step;

    #[test]
    fn month_steps_are_calendar_friendly() {
        assert_eq!(month_step(12, 20), 1);
        assert_eq!(month_step(36, 20), 2);
        assert_eq!(month_step(48, 20), 3);
        assert_eq!(month_step(120, 20), 6);
        assert_eq!(month_step(1000, 20), 96);
    }
}
