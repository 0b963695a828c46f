//! One record as the reader hands it on: a record of the CSV reader (or of a workbook), or a
//! plain line that the fast lane of [`super::lines`] split at its delimiters itself. Both read
//! the same through [`Record`], a small copyable view, so that the row reading and the sinks
//! need not know which lane a record came through.

use crate::responses::labels::short_key;
use csv::StringRecord;

/// A record borrowed from the reader, valid until the next one is read.
#[derive(Debug, Clone, Copy)]
pub(crate) enum Record<'a> {
    /// A record of the CSV reader, or a workbook row.
    Csv(&'a StringRecord),
    /// A plain line split by the fast lane.
    Line(Line<'a>),
}

/// A line without quotes, read as its fields: the text between its start and its line end,
/// and where each field starts.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Line<'a> {
    /// The fields and the delimiters between them (no line end).
    pub(super) text: &'a str,
    /// The byte in `text` where each field starts, then `text.len() + 1` (where one more
    /// field would start): field `i` is `starts[i]..starts[i + 1] - 1`.
    pub(super) starts: &'a [u32],
    /// The physical line the CSV reader would give the record.
    pub(super) line: u64,
    /// The byte offset the CSV reader would give the record: right after the end of the record
    /// before it (blank lines in between come after this offset).
    pub(super) start: u64,
}

impl<'a> Line<'a> {
    /// Where the field at `index` starts and ends in `text`, if the line has one.
    #[inline]
    fn span(self, index: usize) -> Option<(usize, usize)> {
        match *self.starts.get(index..index.checked_add(2)?)? {
            [start, next] => Some((start as usize, next as usize - 1)),
            _ => None,
        }
    }

    /// The field at `index`, if the line has one.
    fn get(self, index: usize) -> Option<&'a str> {
        let (start, end) = self.span(index)?;
        self.text.get(start..end)
    }

    /// The [`short_key`] of the field at `index`: its length and first byte, or the byte after
    /// it when it is empty (0 for an empty last field); a line shorter than `index` has an
    /// empty field there.
    #[inline(always)]
    pub(crate) fn short_key(self, index: usize) -> usize {
        // Two lookups, not a slice of two (whose length is checked again), on the hot path.
        match (
            self.starts.get(index),
            self.starts.get(index.wrapping_add(1)),
        ) {
            (Some(&start), Some(&next)) => self.key_of(start, next),
            _ => short_key(0, 0),
        }
    }

    /// The [`short_key`] of the field that starts at `start`, the next one at `next` (two
    /// neighbouring entries of [`Line::starts`]).
    #[inline(always)]
    pub(crate) fn key_of(self, start: u32, next: u32) -> usize {
        let byte = self
            .text
            .as_bytes()
            .get(start as usize)
            .copied()
            .unwrap_or(0);
        // The field's length, `next - 1 - start` (a field always ends before the next starts).
        short_key(next.wrapping_sub(start).wrapping_sub(1) as usize, byte)
    }

    /// Where each field starts, then one past the line's end ([`Line::starts`]).
    pub(crate) fn starts(self) -> &'a [u32] {
        self.starts
    }
}

impl<'a> Record<'a> {
    /// How many fields the record has.
    pub(crate) fn len(self) -> usize {
        match self {
            Record::Csv(r) => r.len(),
            Record::Line(l) => l.starts.len() - 1,
        }
    }

    /// The field at `index` (0-based), if the record has one.
    #[inline]
    pub(crate) fn get(self, index: usize) -> Option<&'a str> {
        match self {
            Record::Csv(r) => r.get(index),
            Record::Line(l) => l.get(index),
        }
    }

    /// Every field, in order.
    pub(crate) fn iter(self) -> impl Iterator<Item = &'a str> {
        (0..self.len()).map(move |i| self.get(i).unwrap_or(""))
    }

    /// What the CSV reader's record says of where it ends: the byte offset it gives the
    /// record, plus the bytes of its fields (for text; `None` for a workbook row or a record
    /// made in memory).
    pub(crate) fn offset(self) -> Option<u64> {
        match self {
            Record::Csv(r) => Some(r.position()?.byte() + r.as_slice().len() as u64),
            Record::Line(l) => {
                let delimiters = l.starts.len().saturating_sub(2);
                Some(l.start + (l.text.len() - delimiters) as u64)
            }
        }
    }

    /// The record as the CSV reader would have given it, with its position (for the records
    /// kept with the header rows).
    pub(crate) fn to_owned(self) -> StringRecord {
        match self {
            Record::Csv(r) => r.clone(),
            Record::Line(l) => {
                let mut record: StringRecord = self.iter().collect();
                let mut at = csv::Position::new();
                at.set_byte(l.start).set_line(l.line);
                record.set_position(Some(at));
                record
            }
        }
    }
}
