//! The consumers of rows. The reader hands every data row of every file to one [`RowSink`];
//! [`Fanout`] hands each to several, so that one pass over the data feeds the scorer, the
//! [`super::DateFinder`] and whatever comes next.
//!
//! # A new consumer
//!
//! Implement [`RowSink`]: in [`RowSink::begin_file`] find the columns it needs among
//! [`FileStart::columns`] (by header or by role) and ask for their cells with
//! [`FileStart::request`]; in [`RowSink::row`] read them with [`Cells::get`] beside the answers
//! and group values. Then add it to the [`Fanout`] the caller builds. The reader does not
//! change: it passes on the cells asked for, borrowed from the record it read (nothing is
//! copied per row), and never the cells of a column that identifies people.

use super::Row;
use super::report::{ColumnReport, FileReport};
use super::source::Record;
use crate::error::Problems;
use std::fmt;

/// Why a consumer stopped the reading: its own error, shown as it is.
pub type SinkError = Box<dyn std::error::Error + Send + Sync>;

/// A cell a consumer asked for in [`RowSink::begin_file`]; valid for that file's rows only.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CellId(usize);

/// The columns of a file that identify people, asked for with
/// [`FileStart::request_identifying`] by a consumer that scrubs their values out of free text.
/// It holds no text and cannot be turned into a [`CellId`].
#[derive(Debug, Clone, Default)]
pub struct IdentifyingCells(Vec<CellId>);

/// A cell of a column that identifies people: it has no `Display`, and its `Debug` shows no
/// text. Only a scrubber inside this crate reads it ([`Withheld::expose_to_scrubber`]), to
/// learn what to remove from free text.
#[derive(Clone, Copy)]
pub struct Withheld<'a>(&'a str);

impl fmt::Debug for Withheld<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Withheld(..)")
    }
}

impl<'a> Withheld<'a> {
    /// A withheld value made from text, for the tests of scrubbers.
    #[cfg(test)]
    pub(crate) fn for_tests(text: &'a str) -> Self {
        Withheld(text)
    }

    /// The text, for a scrubber that only ever removes it from other text (never shows it).
    pub(crate) fn expose_to_scrubber(self) -> &'a str {
        self.0
    }
}

/// The cells of one row that the consumers asked for.
#[derive(Debug, Clone, Copy, Default)]
pub struct Cells<'a> {
    record: Option<Record<'a>>,
    /// The 0-based column of each [`CellId`].
    columns: &'a [usize],
}

impl<'a> Cells<'a> {
    /// The cells of `record` at the requested columns.
    pub(crate) fn new(record: Record<'a>, columns: &'a [usize]) -> Self {
        Cells {
            record: Some(record),
            columns,
        }
    }

    /// How many bytes of the file's text come before the end of this row's record, when the
    /// input is text (not for a workbook, nor a row made in memory).
    pub fn offset(&self) -> Option<u64> {
        self.record?.offset()
    }

    /// The text of a cell asked for, as written (not trimmed); empty when the row is shorter
    /// or the cell was not asked for in this file.
    pub fn get(&self, id: CellId) -> &'a str {
        self.columns
            .get(id.0)
            .and_then(|&c| self.record?.get(c))
            .unwrap_or("")
    }

    /// The cells of this row's identifying columns, withheld (see [`Withheld`]).
    pub fn identifying<'c>(
        &'c self,
        cells: &'c IdentifyingCells,
    ) -> impl Iterator<Item = Withheld<'a>> + 'c {
        cells.0.iter().map(|&id| Withheld(self.get(id)))
    }
}

/// A file whose header rows are read, about to stream its rows: what its columns are, and where
/// consumers ask for the cells they need.
pub struct FileStart<'a> {
    report: &'a FileReport,
    /// Whether each column (0-based) must never be read out: one of its names identifies
    /// people (every identifying column, and a question column mapped to such a header).
    private: &'a [bool],
    requested: &'a mut Vec<usize>,
}

impl<'a> FileStart<'a> {
    /// The start of a file whose columns are in `report`.
    pub(crate) fn new(
        report: &'a FileReport,
        private: &'a [bool],
        requested: &'a mut Vec<usize>,
    ) -> Self {
        FileStart {
            report,
            private,
            requested,
        }
    }

    /// The file, as messages name it.
    pub fn path(&self) -> &str {
        &self.report.path
    }

    /// Every column, in file order, with what it was taken to be.
    pub fn columns(&self) -> &[ColumnReport] {
        &self.report.columns
    }

    /// Ask for the cells of the column at `position` (1-based, as in [`ColumnReport`]) in every
    /// row of this file. `None` when the file has no such column or when the column identifies
    /// people (its cells are never handed out). Asking twice gives the same cell.
    pub fn request(&mut self, position: usize) -> Option<CellId> {
        let column = position.checked_sub(1)?;
        if *self.private.get(column)? {
            return None;
        }
        Some(self.cell(column))
    }

    /// The cell of a 0-based column, asked for once.
    fn cell(&mut self, column: usize) -> CellId {
        let id = match self.requested.iter().position(|&c| c == column) {
            Some(id) => id,
            None => {
                self.requested.push(column);
                self.requested.len() - 1
            }
        };
        CellId(id)
    }

    /// Ask for the cells of every column that identifies people, to scrub their values (names,
    /// logins) out of free text: they come back only as [`Withheld`] values
    /// ([`Cells::identifying`]), never through [`Cells::get`].
    pub fn request_identifying(&mut self) -> IdentifyingCells {
        let columns: Vec<usize> = (0..self.private.len())
            .filter(|&c| self.private[c])
            .collect();
        IdentifyingCells(columns.into_iter().map(|c| self.cell(c)).collect())
    }
}

/// A consumer of the rows the reader streams, file after file.
///
/// Every file's header rows are read (and checked) before any consumer is called; then, for
/// each file in turn, `begin_file`, `row` for each data row, and `end_file`. An error from any
/// of them stops the reading at once: no call follows, and the reader returns it as
/// [`ReadError::Consumer`].
pub trait RowSink {
    /// A file is about to stream its rows: ask here for the cells `row` will need.
    fn begin_file(&mut self, _file: &mut FileStart<'_>) -> Result<(), SinkError> {
        Ok(())
    }

    /// One data row.
    fn row(&mut self, row: &Row<'_>) -> Result<(), SinkError>;

    /// The file's rows are all read; `file` says how it was understood and what it held.
    fn end_file(&mut self, _file: &FileReport) -> Result<(), SinkError> {
        Ok(())
    }
}

/// A function of each row is a consumer that never fails and asks for no cell.
impl<F: FnMut(&Row<'_>)> RowSink for F {
    fn row(&mut self, row: &Row<'_>) -> Result<(), SinkError> {
        self(row);
        Ok(())
    }
}

/// Several consumers fed by one pass: each call goes to each of them, in order, and the first
/// error stops the reading.
pub struct Fanout<'a, 's>(pub &'a mut [&'s mut dyn RowSink]);

impl RowSink for Fanout<'_, '_> {
    fn begin_file(&mut self, file: &mut FileStart<'_>) -> Result<(), SinkError> {
        self.0.iter_mut().try_for_each(|s| s.begin_file(file))
    }

    fn row(&mut self, row: &Row<'_>) -> Result<(), SinkError> {
        self.0.iter_mut().try_for_each(|s| s.row(row))
    }

    fn end_file(&mut self, file: &FileReport) -> Result<(), SinkError> {
        self.0.iter_mut().try_for_each(|s| s.end_file(file))
    }
}

/// Why reading stopped: a problem with an input, or a consumer's error.
#[derive(Debug)]
pub enum ReadError {
    /// Problems with the inputs, each naming its file and place.
    Input(Problems),
    /// A consumer's error (such as the scorer's, on a group-by column with too many values).
    Consumer(SinkError),
}

impl From<Problems> for ReadError {
    fn from(p: Problems) -> Self {
        ReadError::Input(p)
    }
}

impl fmt::Display for ReadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ReadError::Input(p) => p.fmt(f),
            ReadError::Consumer(e) => e.fmt(f),
        }
    }
}

/// Transparent: the source is the inner error's own source, so that a chain of causes shows the
/// message once.
impl std::error::Error for ReadError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            ReadError::Input(p) => p.source(),
            ReadError::Consumer(e) => e.source(),
        }
    }
}
