//! Response dates: which column dates each response, how its cells are read as dates (with
//! `jiff`, so that only days of the calendar are dates), and the consumer that finds the latest.

use super::Row;
use super::columns::ColumnRole;
use super::parallel::Split;
use super::sink::{CellId, FileStart, RowSink, SinkError};
use jiff::civil::Date;

/// Whether a metadata column dates each response: the timestamp columns of the survey tools
/// (Google Forms' `Timestamp`, Qualtrics' `EndDate` and `RecordedDate`, SurveyMonkey's
/// `End Date`, LimeSurvey's `submitdate` / `Date submitted`, Microsoft Forms' `Completion time`).
pub fn is_date_column(header: &str) -> bool {
    let key: String = header
        .chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect();
    matches!(
        key.as_str(),
        "timestamp"
            | "enddate"
            | "recordeddate"
            | "submitdate"
            | "datesubmitted"
            | "completiontime"
            | "completiondate"
    )
}

/// The date of a response from its timestamp cell, when the cell starts with a date written
/// year first (`2026-10-30 14:05`, `2026/10/30 2:05:00 PM GMT+1`) that is a day of the calendar
/// (`2026-02-31` is not). Dates written day or month first are left alone: `03/04/2026` means
/// different days in different locales.
pub fn response_date(cell: &str) -> Option<Date> {
    let b = cell.trim().as_bytes();
    let number = |r: std::ops::Range<usize>| -> Option<i16> {
        let digits = b.get(r)?;
        digits
            .iter()
            .all(u8::is_ascii_digit)
            .then(|| digits.iter().fold(0, |n, d| n * 10 + i16::from(d - b'0')))
    };
    let separator = *b.get(4)?;
    if !matches!(separator, b'-' | b'/')
        || b.get(7) != Some(&separator)
        || b.get(10).is_some_and(u8::is_ascii_digit)
    {
        return None;
    }
    let (year, month, day) = (number(0..4)?, number(5..7)?, number(8..10)?);
    Date::new(year, i8::try_from(month).ok()?, i8::try_from(day).ok()?).ok()
}

/// The consumer that finds the latest response date over all files, from each file's first
/// metadata column that dates responses ([`is_date_column`]); cells that are not year-first
/// dates ([`response_date`]) are passed over.
#[derive(Debug, Clone, Default)]
pub struct DateFinder {
    column: Option<CellId>,
    latest: Option<Date>,
}

impl DateFinder {
    /// A finder that has seen no date yet.
    pub fn new() -> Self {
        DateFinder::default()
    }

    /// The latest date seen (shown as `YYYY-MM-DD`).
    pub fn latest(&self) -> Option<Date> {
        self.latest
    }
}

impl RowSink for DateFinder {
    fn begin_file(&mut self, file: &mut FileStart<'_>) -> Result<(), SinkError> {
        let position = file
            .columns()
            .iter()
            .find(|c| c.role == ColumnRole::Metadata && is_date_column(&c.header))
            .map(|c| c.position);
        self.column = position.and_then(|p| file.request(p));
        Ok(())
    }

    fn row(&mut self, row: &Row<'_>) -> Result<(), SinkError> {
        if let Some(date) = self.column.and_then(|c| response_date(row.cells.get(c)))
            && self.latest.is_none_or(|l| date > l)
        {
            self.latest = Some(date);
        }
        Ok(())
    }
}

/// A fork reads the same column; merged, the latest date of both.
impl Split for DateFinder {
    fn fork(&self) -> Self {
        DateFinder {
            column: self.column,
            latest: None,
        }
    }

    fn merge(&mut self, later: Self) -> Result<(), SinkError> {
        self.latest = self.latest.max(later.latest);
        Ok(())
    }
}
