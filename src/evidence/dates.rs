//! Timestamps in ticket exports: ISO 8601 (`2026-03-04`, `2026-03-04 09:15:00`,
//! `2026-03-04T09:15:00Z`), numeric dates written day first or month first (`04/03/2026 09:15`,
//! `4.3.2026`), Jira's `04/Mar/26 9:15 AM`, and a workbook's serial day numbers. Whether a
//! numeric date is day first or month first is decided from the whole file (a first number
//! above 12 settles day first, a second one above 12 month first), or given in the mapping.

use jiff::civil::{Date, DateTime, Time};
use serde::{Deserialize, Serialize};

/// The order of day and month in numeric dates.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum DateOrder {
    /// `04/03/2026` is 4 March.
    DayFirst,
    /// `04/03/2026` is 3 April.
    MonthFirst,
}

/// What a timestamp cell holds before the file's date order is known.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Stamp {
    /// A full timestamp (ISO, Jira's month names, a serial number).
    Known(DateTime),
    /// A numeric date whose first two numbers are day and month in an order not yet known.
    Numeric {
        /// The first number.
        first: i8,
        /// The second number.
        second: i8,
        /// The year.
        year: i16,
        /// The time of day.
        time: Time,
    },
}

impl Stamp {
    /// The timestamp in a date order; `None` for a day that is not in the calendar.
    pub(crate) fn resolve(self, order: DateOrder) -> Option<DateTime> {
        match self {
            Stamp::Known(t) => Some(t),
            Stamp::Numeric {
                first,
                second,
                year,
                time,
            } => {
                let (day, month) = match order {
                    DateOrder::DayFirst => (first, second),
                    DateOrder::MonthFirst => (second, first),
                };
                Date::new(year, month, day)
                    .ok()
                    .map(|d| d.to_datetime(time))
            }
        }
    }

    /// What a numeric date says about the order: `Some(DayFirst)` when its first number can
    /// only be a day, `Some(MonthFirst)` when its second can only be one.
    pub(crate) fn settles(self) -> Option<DateOrder> {
        match self {
            Stamp::Numeric { first, .. } if first > 12 => Some(DateOrder::DayFirst),
            Stamp::Numeric { second, .. } if second > 12 => Some(DateOrder::MonthFirst),
            _ => None,
        }
    }
}

/// Read a timestamp cell; `None` when it is not one of the forms this module reads.
pub(crate) fn parse_stamp(cell: &str) -> Option<Stamp> {
    let cell = cell.trim();
    if let Some(serial) = serial_day(cell) {
        return Some(Stamp::Known(serial));
    }
    // The date ends at the first space, or at an ISO `T` after `YYYY-MM-DD`.
    let (date, rest) = match cell.find(' ') {
        Some(i) => (&cell[..i], &cell[i + 1..]),
        None if cell.find('T') == Some(10) => (&cell[..10], &cell[11..]),
        None => (cell, ""),
    };
    let time = parse_time(rest)?;
    let parts: Vec<&str> = date.split(['-', '/', '.']).collect();
    let [a, b, c] = parts[..] else {
        return None;
    };
    let num = |s: &str| -> Option<i32> {
        (!s.is_empty() && s.len() <= 4 && s.bytes().all(|b| b.is_ascii_digit()))
            .then(|| s.parse().ok())
            .flatten()
    };
    if a.len() == 4 {
        let date = Date::new(
            i16::try_from(num(a)?).ok()?,
            i8::try_from(num(b)?).ok()?,
            i8::try_from(num(c)?).ok()?,
        )
        .ok()?;
        return Some(Stamp::Known(date.to_datetime(time)));
    }
    let year = match num(c)? {
        y if c.len() == 2 => 2000 + y,
        y if c.len() == 4 => y,
        _ => return None,
    };
    let year = i16::try_from(year).ok()?;
    let first = i8::try_from(num(a)?).ok()?;
    if let Some(month) = month_name(b) {
        let date = Date::new(year, month, first).ok()?;
        return Some(Stamp::Known(date.to_datetime(time)));
    }
    let second = i8::try_from(num(b)?).ok()?;
    if !(1..=31).contains(&first) || !(1..=31).contains(&second) {
        return None;
    }
    Some(Stamp::Numeric {
        first,
        second,
        year,
        time,
    })
}

/// The time after a date: empty (midnight), `HH:MM`, `HH:MM:SS` (a fraction and a `Z` or
/// offset are dropped: exports give local times), with an optional `AM`/`PM`.
fn parse_time(text: &str) -> Option<Time> {
    let text = text.trim();
    if text.is_empty() {
        return Some(Time::midnight());
    }
    let upper = text.to_ascii_uppercase();
    let (clock, meridiem) = match upper.rsplit_once(' ') {
        Some((c, m @ ("AM" | "PM"))) => (c.trim().to_string(), Some(m == "PM")),
        _ => (upper.clone(), None),
    };
    let clock = clock
        .split(['Z', '+'])
        .next()
        .unwrap_or_default()
        .split('.')
        .next()
        .unwrap_or_default()
        .to_string();
    let mut numbers = clock.split(':');
    let hour: i8 = numbers.next()?.parse().ok()?;
    let minute: i8 = numbers.next()?.parse().ok()?;
    let second: i8 = numbers.next().map_or(Some(0), |s| s.parse().ok())?;
    let hour = match meridiem {
        None => hour,
        Some(_) if !(1..=12).contains(&hour) => return None,
        Some(false) => hour % 12,
        Some(true) => hour % 12 + 12,
    };
    Time::new(hour, minute, second, 0).ok()
}

/// The month an English abbreviation or name stands for.
fn month_name(text: &str) -> Option<i8> {
    const MONTHS: [&str; 12] = [
        "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
    ];
    let lower = text.to_ascii_lowercase();
    let position = MONTHS.iter().position(|m| lower.starts_with(m))?;
    (lower.len() >= 3).then(|| position as i8 + 1)
}

/// A workbook's serial day number (days since 1899-12-30, the fraction the time of day), in
/// the years 1955 to 2118 so that counts and ids are never taken for dates.
fn serial_day(cell: &str) -> Option<DateTime> {
    if !cell.bytes().all(|b| b.is_ascii_digit() || b == b'.') {
        return None;
    }
    let value: f64 = cell.parse().ok()?;
    if !(20_000.0..80_000.0).contains(&value) {
        return None;
    }
    let seconds = (value * 86_400.0).round() as i64;
    let epoch = Date::new(1899, 12, 30).ok()?.to_datetime(Time::midnight());
    epoch
        .checked_add(jiff::SignedDuration::from_secs(seconds))
        .ok()
}
