//! Cutting a large UTF-8 text file into chunks of whole records, each read by a CSV reader of
//! its own (on a thread of its own, [`crate::responses::Split`]). A chunk starts right after a
//! line feed that ends a record (outside any quoted field: the scan follows the same quoting
//! rules as the guard), and its reader numbers lines and bytes as a reader of the whole file
//! would, so records and messages read the same either way.

use super::guard::{Quoting, Step};
use super::lines::TextRecords;
use super::{Opened, Records, TextEncoding};
use crate::error::Problems;
use std::fs::File;
use std::io::{self, Read, Seek, SeekFrom};
use std::path::PathBuf;

/// How many bytes the scan for record ends reads at once.
const SCAN_BYTES: usize = 1 << 20;

/// The data rows of an opened text file still to be read, when they can be read in chunks: a
/// regular UTF-8 file (no transcoding) whose header rows held no NUL byte.
#[derive(Debug, Clone)]
pub(crate) struct Splittable {
    path: PathBuf,
    len: u64,
    /// Bytes of the file before the text the CSV reader sees (a byte order mark).
    skipped: u64,
    delimiter: u8,
    /// The file offset and line of the first record not read yet.
    start: u64,
    line: u64,
}

/// Whole records of a file: bytes `start..end`, the first on line `line`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Chunk {
    start: u64,
    end: u64,
    line: u64,
}

impl Opened {
    /// What is left of the file to read, when it can be read in chunks.
    pub(crate) fn splittable(&self) -> Option<Splittable> {
        let (path, len) = self.file.clone()?;
        let super::Container::Text {
            encoding,
            delimiter,
            ..
        } = self.container
        else {
            return None;
        };
        let skipped = match encoding {
            TextEncoding::Utf8 => 0,
            TextEncoding::Utf8Bom => 3,
            _ => return None,
        };
        if self.dropped_nuls.seen().is_some() || self.skip_sep_line {
            return None;
        }
        let Records::Text(records) = &self.records else {
            return None;
        };
        let (byte, line) = records.position();
        Some(Splittable {
            path,
            len,
            skipped,
            delimiter,
            start: byte + skipped,
            line,
        })
    }
}

impl Splittable {
    /// The bytes left to read.
    pub(crate) fn remaining(&self) -> u64 {
        self.len.saturating_sub(self.start)
    }

    /// Cut what is left into at most `count` chunks of about equal size, each ending after a
    /// record; `None` when the file ends inside a quoted field (the single reader reports
    /// that) or cannot be read again.
    pub(crate) fn split(&self, count: usize) -> Option<Vec<Chunk>> {
        let mut file = File::open(&self.path).ok()?;
        file.seek(SeekFrom::Start(self.start)).ok()?;
        let count = count.max(1) as u64;
        let targets: Vec<u64> = (1..count)
            .map(|k| self.start + self.remaining() * k / count)
            .collect();
        let mut scan = Scan {
            delimiter: self.delimiter,
            state: Quoting::FieldStart,
            in_record: false,
            line: self.line,
            targets: &targets,
            cuts: Vec::new(),
        };
        let mut buf = vec![0; SCAN_BYTES];
        let mut offset = self.start;
        loop {
            let n = file.read(&mut buf).ok()?;
            if n == 0 {
                break;
            }
            scan.feed(offset, &buf[..n]);
            offset += n as u64;
        }
        if offset != self.len || matches!(scan.state, Quoting::Quoted) {
            return None;
        }
        let mut chunks = Vec::new();
        let mut from = (self.start, self.line);
        for cut in scan.cuts.into_iter().chain([(self.len, 0)]) {
            if cut.0 > from.0 {
                chunks.push(Chunk {
                    start: from.0,
                    end: cut.0,
                    line: from.1,
                });
            }
            from = cut;
        }
        Some(chunks)
    }

    /// A reader of one chunk's records, numbered as in the whole file.
    pub(crate) fn open(&self, chunk: Chunk) -> io::Result<ChunkRecords> {
        let mut file = File::open(&self.path)?;
        file.seek(SeekFrom::Start(chunk.start))?;
        let span = Span {
            file,
            left: chunk.end - chunk.start,
        };
        let records =
            TextRecords::new(span, self.delimiter, chunk.start - self.skipped, chunk.line);
        Ok(ChunkRecords { records })
    }
}

/// The scan for record ends: the guard's quoting states, and the cuts found so far.
///
/// The CSV reader places a record where the one before it ended: right after the first line
/// feed or carriage return that ends it (the line feed of a CRLF, and blank lines, come before
/// the next record). So a cut is made there, and the chunk after it starts where a reader of
/// the whole file would stand.
struct Scan<'t> {
    delimiter: u8,
    state: Quoting,
    /// Whether a record has begun since the last record end.
    in_record: bool,
    line: u64,
    /// Offsets after which to cut, ascending.
    targets: &'t [u64],
    /// (offset, line) of each cut.
    cuts: Vec<(u64, u64)>,
}

impl Scan<'_> {
    /// The next offset to cut at or after, when one is left.
    fn target(&self) -> Option<u64> {
        self.targets.get(self.cuts.len()).copied()
    }

    /// Scan `bytes`, which start at file offset `offset`.
    fn feed(&mut self, offset: u64, bytes: &[u8]) {
        let outside = matches!(self.state, Quoting::FieldStart | Quoting::Unquoted);
        if outside && memchr::memchr(b'"', bytes).is_none() {
            self.plain(offset, bytes);
            return;
        }
        for (i, &b) in bytes.iter().enumerate() {
            let step = self.state.step(b, self.delimiter);
            if b == b'\n' {
                self.line += 1;
            }
            if step != Step::RecordEnd {
                self.in_record = true;
                continue;
            }
            let after = offset + i as u64 + 1;
            if std::mem::take(&mut self.in_record) && self.target().is_some_and(|t| after >= t) {
                self.cuts.push((after, self.line));
            }
        }
    }

    /// Bytes without a quote, outside a quoted field: every line break ends a record. A cut is
    /// made at a line feed after a byte of a record, or after the carriage return of a CRLF
    /// that follows one (a line feed in the first two bytes is passed over: the next one
    /// will do).
    fn plain(&mut self, offset: u64, bytes: &[u8]) {
        let mut counted = 0;
        let mut from = 2;
        while let Some(t) = self.target() {
            let start = usize::try_from(t.saturating_sub(offset))
                .unwrap_or(usize::MAX)
                .max(from);
            let Some(i) = bytes
                .get(start..)
                .and_then(|rest| memchr::memchr(b'\n', rest))
                .map(|i| start + i)
            else {
                break;
            };
            from = i + 1;
            let is_break = |b: u8| b == b'\n' || b == b'\r';
            let cut = match (bytes[i - 2], bytes[i - 1]) {
                (_, p) if !is_break(p) => i + 1,
                (pp, b'\r') if !is_break(pp) => i,
                _ => continue,
            };
            self.line += memchr::memchr_iter(b'\n', &bytes[counted..cut]).count() as u64;
            counted = cut;
            self.cuts.push((offset + cut as u64, self.line));
        }
        self.line += memchr::memchr_iter(b'\n', &bytes[counted..]).count() as u64;
        if let Some(&last) = bytes.last() {
            let ended = last == b'\n' || last == b'\r';
            self.in_record = !ended;
            self.state = if ended || last == self.delimiter {
                Quoting::FieldStart
            } else {
                Quoting::Unquoted
            };
        }
    }
}

/// The bytes of one chunk of a file.
struct Span {
    file: File,
    left: u64,
}

impl Read for Span {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let want = buf
            .len()
            .min(usize::try_from(self.left).unwrap_or(usize::MAX));
        let n = self.file.read(&mut buf[..want])?;
        self.left -= n as u64;
        Ok(n)
    }
}

/// The records of one chunk.
pub(crate) struct ChunkRecords {
    records: TextRecords<Span>,
}

impl ChunkRecords {
    /// [`Opened::for_each_record`] over the chunk's records.
    pub(crate) fn for_each_record(
        &mut self,
        name: &str,
        f: &mut super::RecordFn<'_>,
    ) -> Result<(), Problems> {
        self.records.for_each_record(name, &mut false, f)
    }
}

#[cfg(test)]
mod tests;
