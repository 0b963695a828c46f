//! Timeline (Gantt) chart of the recovery roadmap.

use anyhow::Result;
use plotters::style::RGBColor;
use plotters::style::text_anchor::{HPos, VPos};

use super::svg::{Canvas, Font, MARGIN, SMALL, TITLE_HEIGHT, WIDTH, no_data, render};
use super::text::clean;
use super::{AXIS, BLACK, CATEGORICAL, GRID, MUTED_TEXT, ZEBRA};

/// A phase of the roadmap: a named span of months.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GanttPhase {
    /// The phase name, written in full (wrapped when long) on a heading row above its
    /// items.
    pub name: String,
    /// First month of the phase (month 0 is the start of the programme).
    pub start_month: u32,
    /// Month at which the phase ends.
    pub end_month: u32,
}

/// An item of the roadmap, belonging to a phase.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GanttItem {
    /// The item's label, shown at the left on up to two lines, shortened with an
    /// ellipsis beyond.
    pub label: String,
    /// Index of the item's phase in the `phases` passed to [`gantt`]; it gives the
    /// bar's colour and the heading the item sits under (grey, and no heading, when out
    /// of range).
    pub phase: usize,
    /// Month at which the item starts.
    pub start_month: u32,
    /// Month at which the item ends; an item ending when it starts is a milestone,
    /// drawn as a diamond with a dashed line down the chart.
    pub end_month: u32,
    /// Indices (in `items`) of the items it waits for: an arrow runs from the end of
    /// each of its own phase to its start (one in an earlier phase is shown by the
    /// order of the phases, and an arrow across phases would cross most of the chart).
    /// Indices out of range or of the item itself are ignored.
    pub after: Vec<usize>,
}

/// The x of month 0.
const PLOT_LEFT: f64 = 270.0;
/// The x of the last month.
const PLOT_RIGHT: f64 = WIDTH - MARGIN - 10.0;
/// Height of an item row with a one-line label.
const ROW: f64 = 17.0;
/// Distance between the lines of a wrapped label.
const LINE: f64 = 12.0;
/// Height of a bar.
const BAR: f64 = 12.0;
/// Height of a line of a phase heading.
const HEADING_LINE: f64 = 16.0;
/// Space between a phase's name and its months.
const MONTHS_GAP: f64 = 8.0;
/// Shade of alternate phase bands.
const BAND: RGBColor = RGBColor(0xEC, 0xEC, 0xEC);
/// Colour of the dependency arrows.
const ARROW: RGBColor = RGBColor(0x40, 0x40, 0x40);
/// Top of the month axis labels.
const AXIS_TOP: f64 = TITLE_HEIGHT + 2.0;
/// Top of the first row.
const TOP: f64 = AXIS_TOP + 18.0;

/// A row of the chart: a phase heading or an item.
enum Row {
    /// The heading of phase `phase`: its name on its lines, then its months, placed on
    /// line `months_at.0` at `months_at.1` from the left.
    Heading {
        phase: usize,
        lines: Vec<String>,
        months: String,
        months_at: (usize, f64),
    },
    /// Item `item`, its label on its lines.
    Item { item: usize, lines: Vec<String> },
}

/// A timeline on an axis of months from 0 to the latest end. Items are listed in the
/// order given, under a heading row for each phase that names it in full (wrapped,
/// never shortened) with its months ("Stop the bleeding  months 0–3") over a strip of
/// its colour across its months; phase bands are shaded alternately down the whole chart. Each item is a bar
/// from its start to its end month in its phase's colour, its label at the left; an
/// arrow runs from the end of each item of its phase it waits for (`after`) to its
/// start. An item ending when it starts is a milestone: a black diamond, with a dashed
/// line down the chart at its month. Spans given end before start are swapped. The height grows
/// with the number of items. No items give a small "No data" chart.
pub fn gantt(title: &str, phases: &[GanttPhase], items: &[GanttItem]) -> Result<String> {
    if items.is_empty() {
        return no_data(title);
    }
    let months = phases
        .iter()
        .map(|p| p.start_month.max(p.end_month))
        .chain(items.iter().map(|i| i.start_month.max(i.end_month)))
        .max()
        .unwrap_or(0)
        .max(1);
    let x_of =
        |month: u32| PLOT_LEFT + f64::from(month) * (PLOT_RIGHT - PLOT_LEFT) / f64::from(months);
    let rows = rows(phases, items);
    let mut tops = vec![TOP];
    for row in &rows {
        let h = match row {
            Row::Heading { lines, .. } => lines.len() as f64 * HEADING_LINE + 8.0,
            Row::Item { lines, .. } => ROW.max(lines.len() as f64 * LINE + 5.0),
        };
        tops.push(tops[tops.len() - 1] + h);
    }
    let bottom = tops[rows.len()];
    let height = bottom + 34.0;
    let mut mids = vec![0.0; items.len()];
    for (k, row) in rows.iter().enumerate() {
        if let Row::Item { item, .. } = row {
            mids[*item] = (tops[k] + tops[k + 1]) / 2.0;
        }
    }
    let span = |i: &GanttItem| {
        (
            i.start_month.min(i.end_month),
            i.start_month.max(i.end_month),
        )
    };
    let summary = format!(
        "Timeline of {} roadmap items in {} phases over {months} months, each item a bar from \
         its start to its end month, with arrows from the items it waits for.",
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
        for phase in phases.iter().step_by(2) {
            let (x0, x1) = (x_of(phase.start_month), x_of(phase.end_month));
            c.rect((x0.min(x1), TOP), (x0.max(x1), bottom), BAND, 1.0)?;
        }
        draw_months(c, months, &x_of, bottom)?;
        let label_font = Font::new(SMALL);
        for (k, row) in rows.iter().enumerate() {
            let (y0, y1) = (tops[k], tops[k + 1]);
            match row {
                Row::Heading { phase, .. } => {
                    let p = &phases[*phase];
                    let strip = (x_of(p.start_month), x_of(p.end_month));
                    draw_heading(c, row, (y0, y1), strip, colour_of(*phase))?;
                }
                Row::Item { item, lines } => {
                    let mid = (y0 + y1) / 2.0;
                    let first = mid - (lines.len() as f64 - 1.0) * LINE / 2.0;
                    c.lines(lines, (MARGIN, first), label_font, LINE)?;
                    let (start, end) = span(&items[*item]);
                    let colour = colour_of(items[*item].phase);
                    if start == end {
                        let x = x_of(start);
                        c.dashed(&[(x, TOP), (x, bottom)], ARROW, 1, 4, 3)?;
                        diamond(c, (x, mid), BAR / 2.0 + 2.0, BLACK)?;
                    } else {
                        c.rect(
                            (x_of(start), mid - BAR / 2.0),
                            (x_of(end), mid + BAR / 2.0),
                            colour,
                            1.0,
                        )?;
                    }
                }
            }
        }
        for (i, item) in items.iter().enumerate() {
            let same_phase = |j: &&usize| items.get(**j).is_some_and(|d| d.phase == item.phase);
            for &j in item.after.iter().filter(|j| **j != i).filter(same_phase) {
                let from = (x_of(span(&items[j]).1), mids[j]);
                let to = (x_of(span(item).0), mids[i]);
                arrow(c, from, to)?;
            }
        }
        c.line(&[(PLOT_LEFT, TOP), (PLOT_LEFT, bottom)], AXIS, 1)
    })
}

/// The rows: the items in order, each run of items of one phase under that phase's
/// heading (items of an unknown phase have none).
fn rows(phases: &[GanttPhase], items: &[GanttItem]) -> Vec<Row> {
    let heading_font = Font::new(12.0).bold();
    let label_font = Font::new(SMALL);
    let mut rows = Vec::new();
    let mut current = None;
    for (i, item) in items.iter().enumerate() {
        if current != Some(item.phase) {
            current = Some(item.phase);
            if let Some(p) = phases.get(item.phase) {
                let months = format!("months {}", crate::format::span(p.start_month, p.end_month));
                let room = WIDTH - 2.0 * MARGIN - 4.0;
                let mut lines = heading_font.wrap(&clean(&p.name), room, usize::MAX);
                let last = lines.last().map_or(0.0, |l| heading_font.width(l));
                let months_at = if last + MONTHS_GAP + months_font().width(&months) <= room {
                    (lines.len().saturating_sub(1), last + MONTHS_GAP)
                } else {
                    lines.push(String::new());
                    (lines.len() - 1, 0.0)
                };
                rows.push(Row::Heading {
                    phase: item.phase,
                    lines,
                    months,
                    months_at,
                });
            }
        }
        let lines = label_font.wrap(&clean(&item.label), PLOT_LEFT - MARGIN - 8.0, 2);
        rows.push(Row::Item { item: i, lines });
    }
    rows
}

/// Draws a phase heading `row` between `y0` and `y1`: a band across the chart, a
/// strip of the phase's `colour` over its months (`strip`, from x to x), the name and
/// the months.
fn draw_heading(
    c: &Canvas<'_>,
    row: &Row,
    (y0, y1): (f64, f64),
    (x0, x1): (f64, f64),
    colour: RGBColor,
) -> Result<()> {
    let Row::Heading {
        lines,
        months,
        months_at,
        ..
    } = row
    else {
        return Ok(());
    };
    c.rect((MARGIN, y0), (WIDTH - MARGIN, y1), ZEBRA, 1.0)?;
    c.rect((x0.min(x1), y1 - 4.0), (x0.max(x1), y1), colour, 1.0)?;
    let top = y0 + 3.0;
    let font = Font::new(12.0).bold().anchor(HPos::Left, VPos::Top);
    c.lines(lines, (MARGIN, top), font, HEADING_LINE)?;
    let at = (
        MARGIN + months_at.1,
        top + months_at.0 as f64 * HEADING_LINE + 1.0,
    );
    c.text(months, at, months_font().anchor(HPos::Left, VPos::Top))
}

/// The font of a phase's months in its heading.
fn months_font() -> Font {
    Font::new(SMALL).colour(MUTED_TEXT)
}

/// Month ticks and grid lines, labelled above and below the rows.
fn draw_months(c: &Canvas<'_>, months: u32, x_of: &dyn Fn(u32) -> f64, bottom: f64) -> Result<()> {
    let step = month_step(months, ((PLOT_RIGHT - PLOT_LEFT) / 26.0) as u32);
    let tick_font = Font::new(SMALL)
        .colour(MUTED_TEXT)
        .anchor(HPos::Center, VPos::Top);
    for month in (0..=months).step_by(step as usize) {
        let x = x_of(month);
        c.line(&[(x, TOP), (x, bottom)], GRID, 1)?;
        c.text(&month.to_string(), (x, AXIS_TOP), tick_font)?;
        c.text(&month.to_string(), (x, bottom + 5.0), tick_font)?;
    }
    let caption = Font::new(SMALL)
        .colour(MUTED_TEXT)
        .anchor(HPos::Right, VPos::Top);
    c.text("Month", (PLOT_LEFT - 10.0, AXIS_TOP), caption)?;
    c.text(
        "Months from start",
        (PLOT_LEFT - 10.0, bottom + 5.0),
        caption,
    )
}

/// A diamond of "radius" `r` centred at `(x, y)`.
fn diamond(c: &Canvas<'_>, (x, y): (f64, f64), r: f64, colour: RGBColor) -> Result<()> {
    c.polygon(
        &[(x, y - r), (x + r, y), (x, y + r), (x - r, y)],
        colour,
        1.0,
    )
}

/// A dependency arrow from the end of one bar (`from`, at its vertical middle) to the
/// start of another (`to`): down from the bar's bottom edge, then right into the start
/// of the later bar; straight down onto it when it starts where (or before) the first
/// ends.
fn arrow(c: &Canvas<'_>, from: (f64, f64), to: (f64, f64)) -> Result<()> {
    const HEAD: f64 = 4.0;
    let down = to.1 > from.1;
    let edge = if down { BAR / 2.0 } else { -BAR / 2.0 };
    let start = (from.0 - 1.0, from.1 + edge);
    if to.0 - from.0 < 2.0 * HEAD {
        let tip = (start.0, to.1 - edge);
        c.line(&[start, (tip.0, tip.1 - edge.signum() * HEAD)], ARROW, 1)?;
        let back = tip.1 - edge.signum() * HEAD;
        return c.polygon(
            &[tip, (tip.0 - HEAD / 1.5, back), (tip.0 + HEAD / 1.5, back)],
            ARROW,
            1.0,
        );
    }
    let tip = (to.0, to.1);
    c.line(&[start, (start.0, tip.1), (tip.0 - HEAD, tip.1)], ARROW, 1)?;
    c.polygon(
        &[
            tip,
            (tip.0 - HEAD, tip.1 - HEAD / 1.5),
            (tip.0 - HEAD, tip.1 + HEAD / 1.5),
        ],
        ARROW,
        1.0,
    )
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
