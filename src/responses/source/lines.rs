//! The records of a text: a fast lane for plain lines, and the CSV reader for the rest.
//!
//! Most lines of a survey export hold no quote: such a line, ending with a line feed (or a
//! CRLF, or the end of the text), with no carriage return, NUL byte or invalid UTF-8 in it and
//! within the guard's limits, is split at its delimiters here, without the CSV parser. Any other
//! line, from its start, goes to the general path, the guard and the CSV reader, for a bounded
//! stretch of whole records (about [`STRETCH_BYTES`]): one quoted line does not slow the rest
//! of the file, and a file quoted throughout pays for setting up the reader once a stretch,
//! not once a line. Records, their lines and byte offsets, and every message come out as one
//! CSV reader over the whole text gives them.
//!
//! The CSV reader places a record where the one before it ended, right after the line feed or
//! carriage return that ended it; the line feed of a CRLF and any blank lines come after that
//! place, and are passed by before the record's first byte. The lane does the same.
//!
//! The CSV reader drops a byte order mark at the start of what it reads, when it sees three
//! bytes or more at once there; it is set back to that start for each stretch, so a stretch
//! anywhere but at the start of the text hands it its first byte alone, and a line starting
//! with U+FEFF keeps it, as in one reader of the whole text.

use super::guard::{Guard, Quoting, Step};
use super::record::{Line, Record};
use super::{RecordFn, csv_problem, csv_reader_over, io_problem};
use crate::error::Problems;
use crate::responses::{MAX_COLUMNS, MAX_FIELD_BYTES, MAX_RECORD_BYTES};
use csv::StringRecord;
use std::io::{self, Read, Seek, SeekFrom};
use std::ops::ControlFlow;

/// How many bytes are read from the text at once.
const READ_BYTES: usize = 256 * 1024;

/// How long a stretch of the general path is at least, when the text holds that much.
pub(super) const STRETCH_BYTES: usize = 64 * 1024;

/// The most bytes a record can span without breaking a limit of the guard (its field bytes,
/// one delimiter fewer than its columns, and a line end): a stretch that finds no record end
/// within this many bytes is handed to the guard as it is, and the guard refuses it.
const STRETCH_CAP: usize = MAX_RECORD_BYTES + MAX_COLUMNS + 2;

/// The byte order mark, which the CSV reader drops at the very start of a text.
const BOM: &[u8] = b"\xEF\xBB\xBF";

/// The records of a text read from `R`.
pub(crate) struct TextRecords<R> {
    inner: R,
    delimiter: u8,
    /// Bytes read and not yet passed: `buf[at..filled]`.
    buf: Vec<u8>,
    at: usize,
    filled: usize,
    /// Whether `inner` has ended.
    eof: bool,
    /// Where the CSV reader would place the next record (byte offset, line).
    byte: u64,
    line: u64,
    /// Blank bytes, and the line feeds among them, passed since that place: `buf[at]` is
    /// `skipped` bytes after it.
    skipped: u64,
    skipped_lines: u64,
    /// Where the next quote, carriage return or NUL byte is in the buffer, from a place at or
    /// before `at` (`filled` when none is): most texts hold none, and are searched once a
    /// buffer, not once a line. `None` when not known (the buffer has moved or grown since).
    special: Option<usize>,
    /// The longest valid UTF-8 stretch of the buffer from `buf[text_from]` on, as text: a
    /// line within it is text with no check of its own (the buffer is checked once, not once a
    /// line). Empty when not known (the buffer has moved or grown since).
    text: String,
    text_from: usize,
    /// Where each field of the last plain line starts, and one past its end (and slots
    /// beyond them).
    starts: Vec<u32>,
    /// The general path: a CSV reader over one stretch at a time, and its record.
    slow: csv::Reader<Guard<Window>>,
    record: StringRecord,
    /// Whether `slow` has records of its stretch left to hand over.
    in_stretch: bool,
    /// Whether the first record of the stretch is still to be read (its position must be
    /// moved past the blank bytes before it, which the stretch does not hold).
    first_of_stretch: bool,
}

/// One plain line found in the buffer: `buf[from..to]`, then its line end up to `next`.
struct Plain {
    from: usize,
    to: usize,
    next: usize,
    /// Whether it ends with a line feed (counted as a line).
    line_feed: bool,
}

impl<R: Read> TextRecords<R> {
    /// The records of `inner`, whose first byte is at byte offset `byte` of the text, at the
    /// start of a record on line `line`.
    pub(crate) fn new(inner: R, delimiter: u8, byte: u64, line: u64) -> Self {
        let mut slow = csv_reader_over(
            Guard::at_line(Window::default(), delimiter, line),
            delimiter,
        );
        slow.set_byte_headers(csv::ByteRecord::new());
        TextRecords {
            inner,
            delimiter,
            buf: Vec::new(),
            at: 0,
            filled: 0,
            eof: false,
            byte,
            line,
            skipped: 0,
            skipped_lines: 0,
            special: None,
            text: String::new(),
            text_from: 0,
            starts: Vec::new(),
            slow,
            record: StringRecord::new(),
            in_stretch: false,
            first_of_stretch: false,
        }
    }

    /// Where the CSV reader would place the next record: its byte offset in the text and line.
    pub(crate) fn position(&self) -> (u64, u64) {
        if self.in_stretch {
            let at = self.slow.position();
            (at.byte(), at.line())
        } else {
            (self.byte, self.line)
        }
    }

    /// Call `f` with each record and its line until `f` breaks or the text ends; a later call
    /// goes on after the last record handed over. When `skip_first` is set, the next record
    /// is passed by (Excel's `sep=` line), and it is cleared.
    pub(crate) fn for_each_record(
        &mut self,
        name: &str,
        skip_first: &mut bool,
        f: &mut RecordFn<'_>,
    ) -> Result<(), Problems> {
        loop {
            if self.in_stretch {
                if self.stretch_records(name, skip_first, f)?.is_break() {
                    return Ok(());
                }
                continue;
            }
            let fail = |e| Problems::from(io_problem(name, e));
            let Some(plain) = self.next_line().map_err(fail)? else {
                if self.at == self.filled && self.eof {
                    return Ok(());
                }
                self.begin_stretch().map_err(fail)?;
                continue;
            };
            let bytes = &self.buf[plain.from..plain.to];
            let fields = split(bytes, self.delimiter, &mut self.starts);
            // Invalid UTF-8, and more columns than the limit: their messages, from the general
            // path.
            let read = &self.buf[..self.filled];
            let text = match line_text(&mut self.text, &mut self.text_from, read, &plain) {
                Some(text) if fields <= MAX_COLUMNS => text,
                _ => {
                    self.begin_stretch().map_err(fail)?;
                    continue;
                }
            };
            let line = Line {
                text,
                starts: &self.starts[..=fields],
                line: self.line,
                start: self.byte,
            };
            self.byte += self.skipped + (plain.next - self.at) as u64;
            self.line += self.skipped_lines + u64::from(plain.line_feed);
            (self.skipped, self.skipped_lines) = (0, 0);
            self.at = plain.next;
            if std::mem::take(skip_first) {
                continue;
            }
            if f(line.line, Record::Line(line))?.is_break() {
                return Ok(());
            }
        }
    }

    /// Pass the blank bytes before the next record and find its line: `Some` when it is plain
    /// (not yet passed), `None` when it must go through the general path or the text has ended
    /// (`at == filled` with `eof`).
    fn next_line(&mut self) -> io::Result<Option<Plain>> {
        loop {
            let blank = self.buf[self.at..self.filled]
                .iter()
                .position(|&b| b != b'\n' && b != b'\r')
                .unwrap_or(self.filled - self.at);
            let passed = &self.buf[self.at..self.at + blank];
            self.skipped_lines += memchr::memchr_iter(b'\n', passed).count() as u64;
            self.skipped += blank as u64;
            self.at += blank;
            if self.at == self.filled {
                if self.eof || !self.fill()? {
                    return Ok(None);
                }
                continue;
            }
            let rest = &self.buf[self.at..self.filled];
            let (end, line_feed) = match memchr::memchr(b'\n', rest) {
                Some(i) => (self.at + i, true),
                None if self.eof => (self.filled, false),
                None if rest.len() > MAX_FIELD_BYTES + 1 => return Ok(None),
                None => {
                    self.fill()?;
                    continue;
                }
            };
            let (to, next) = match self.buf[end - 1] {
                b'\r' => (end - 1, end),
                _ => (end, end + usize::from(line_feed)),
            };
            let from = self.at;
            let special = match self.special {
                Some(special) if special >= from => special,
                _ => {
                    let rest = &self.buf[from..self.filled];
                    from + memchr::memchr3(b'"', b'\r', 0, rest).unwrap_or(rest.len())
                }
            };
            self.special = Some(special);
            let bytes = &self.buf[from..to];
            let plain = bytes.len() <= MAX_FIELD_BYTES
                && special >= to
                && !(self.byte + self.skipped == 0 && bytes.starts_with(BOM));
            return Ok(plain.then_some(Plain {
                from,
                to,
                next,
                line_feed: line_feed && next > end,
            }));
        }
    }

    /// Read more of the text after what is left in the buffer; `false` at the end of the text.
    fn fill(&mut self) -> io::Result<bool> {
        self.special = None;
        self.text.clear();
        if self.at > 0 {
            self.buf.copy_within(self.at..self.filled, 0);
            self.filled -= self.at;
            self.at = 0;
        }
        if self.buf.len() < self.filled + READ_BYTES {
            self.buf.resize(self.filled + READ_BYTES, 0);
        }
        loop {
            match self.inner.read(&mut self.buf[self.filled..]) {
                Ok(0) => {
                    self.eof = true;
                    return Ok(false);
                }
                Ok(n) => {
                    self.filled += n;
                    return Ok(true);
                }
                Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
                Err(e) => return Err(e),
            }
        }
    }

    /// Hand the whole records from the next one on, for a stretch, to the general path.
    fn begin_stretch(&mut self) -> io::Result<()> {
        let end = loop {
            match stretch_end(&self.buf[self.at..self.filled], self.delimiter) {
                Some(n) if !self.eof => break self.at + n,
                _ if self.eof || self.filled - self.at > STRETCH_CAP => break self.filled,
                _ => {
                    self.fill()?;
                }
            }
        };
        let guard = self.slow.get_mut();
        guard.restart(self.line + self.skipped_lines);
        let window = guard.get_mut();
        window.bytes.clear();
        window.bytes.extend_from_slice(&self.buf[self.at..end]);
        window.at = 0;
        window.byte_first = self.byte + self.skipped > 0;
        let mut at = csv::Position::new();
        at.set_byte(self.byte).set_line(self.line);
        self.slow
            .seek_raw(SeekFrom::Current(0), at)
            .map_err(io::Error::other)?;
        self.at = end;
        self.in_stretch = true;
        self.first_of_stretch = true;
        Ok(())
    }

    /// Hand over the records of the stretch (see [`TextRecords::for_each_record`]); breaks
    /// when `f` does.
    fn stretch_records(
        &mut self,
        name: &str,
        skip_first: &mut bool,
        f: &mut RecordFn<'_>,
    ) -> Result<ControlFlow<()>, Problems> {
        loop {
            match self.slow.read_record(&mut self.record) {
                Ok(false) => {
                    let at = self.slow.position();
                    (self.byte, self.line) = (at.byte(), at.line());
                    self.in_stretch = false;
                    return Ok(ControlFlow::Continue(()));
                }
                Ok(true) => {
                    if std::mem::take(&mut self.first_of_stretch) {
                        self.pass_skipped().map_err(|e| csv_problem(name, e))?;
                    }
                    if std::mem::take(skip_first) {
                        continue;
                    }
                    let line = self.record.position().map_or(0, csv::Position::line);
                    if f(line, Record::Csv(&self.record))?.is_break() {
                        return Ok(ControlFlow::Break(()));
                    }
                }
                Err(e) => return Err(csv_problem(name, e).into()),
            }
        }
    }

    /// After the first record of a stretch: move the reader's place on by the blank bytes
    /// before that record, which the stretch does not hold, so that the records after it are
    /// placed as in the whole text.
    fn pass_skipped(&mut self) -> csv::Result<()> {
        let (bytes, lines) = (self.skipped, self.skipped_lines);
        (self.skipped, self.skipped_lines) = (0, 0);
        if bytes == 0 {
            return Ok(());
        }
        let mut at = self.slow.position().clone();
        let (byte, line) = (at.byte() + bytes, at.line() + lines);
        at.set_byte(byte).set_line(line);
        // The guard has seen what the reader buffered past the record: it starts again there.
        let guard = self.slow.get_mut();
        guard.restart(line);
        guard.get_mut().byte_first = true;
        self.slow.seek_raw(SeekFrom::Current(0), at)
    }
}

/// The plain line `read[line.from..line.to]` as text, `None` when it is not valid UTF-8: found
/// in `text`, the valid stretch of the bytes read from `text_from` on, which is first checked
/// and copied afresh from the line on when it does not hold the line. The check stops at the
/// last line feed read (a plain line ends at one, or at the end of the text), so that a
/// character cut at the end of the bytes read is not checked twice.
fn line_text<'t>(
    text: &'t mut String,
    text_from: &mut usize,
    read: &[u8],
    line: &Plain,
) -> Option<&'t str> {
    let held = line.from >= *text_from && line.to <= *text_from + text.len();
    if !held {
        let rest = &read[line.from..];
        // A line holds no line feed: the last one is at or after the line's end.
        let rest = memchr::memrchr(b'\n', rest).map_or(rest, |end| &rest[..=end]);
        let valid = match std::str::from_utf8(rest) {
            Ok(valid) => valid,
            // An invalid byte: up to there.
            Err(e) => std::str::from_utf8(&rest[..e.valid_up_to()]).unwrap_or_default(),
        };
        text.clear();
        text.push_str(valid);
        *text_from = line.from;
    }
    text.get(line.from - *text_from..line.to - *text_from)
}

/// Split a line at `delimiter`: `starts` (at least two longer than the line) gets where each
/// field starts, then one past the line's end (where a field after it would start), and the
/// count of fields is returned. Field `i` is `starts[i]..starts[i + 1] - 1`. The line is shorter
/// than 4 GiB (a plain line holds at most [`MAX_FIELD_BYTES`]).
///
/// Eight bytes at a time, without a branch per byte: a byte equal to the delimiter is a zero
/// byte of the word XORed with the delimiter in every byte, whose high bit
/// `!((x & 0x7F..) + 0x7F.. | x | 0x7F..)` sets, exactly; those bits gathered into one byte
/// by a multiplication pick, from a table, the places after the word's delimiters, which are
/// written as the next starts (eight of them, of which those past the word's delimiters are
/// written over by the next word or ignored).
fn split(line: &[u8], delimiter: u8, starts: &mut Vec<u32>) -> usize {
    const LOW7: u64 = 0x7F7F_7F7F_7F7F_7F7F;
    const ONES: u64 = 0x0101_0101_0101_0101;
    // Bit 8k of a word to bit 56 + k: the product's top byte holds bit k of each byte k.
    const GATHER: u64 = 0x0102_0408_1020_4080;
    if starts.len() <= line.len() + 9 {
        starts.resize(line.len() + 10, 0);
    }
    let spread = u64::from_ne_bytes([delimiter; 8]);
    starts[0] = 0;
    let mut next = 1;
    let mut words = line.chunks_exact(8);
    let mut base = 0;
    for word in &mut words {
        // There are always eight slots from `next`, `starts` being longer than the line (the
        // delimiters so far, plus eight, are at most its length plus nine); else the bytes go
        // on below.
        let Some(slots) = starts.get_mut(next..next + 8) else {
            break;
        };
        let x = u64::from_le_bytes(word.try_into().unwrap_or_default()) ^ spread;
        // 1 in each byte that is a delimiter, then one bit a byte.
        let hits = (!(((x & LOW7) + LOW7) | x | LOW7) >> 7) & ONES;
        let mask = hits.wrapping_mul(GATHER) >> 56;
        for (slot, &after) in slots.iter_mut().zip(&AFTER_DELIMITERS[mask as usize]) {
            *slot = base + u32::from(after);
        }
        // How many delimiters: the bytes of `hits` summed by a multiplication.
        next += (hits.wrapping_mul(ONES) >> 56) as usize;
        base += 8;
    }
    for (&b, at) in line[base as usize..].iter().zip(base + 1..) {
        starts[next] = at;
        next += usize::from(b == delimiter);
    }
    starts[next] = line.len() as u32 + 1;
    next
}

/// For each set of delimiters among eight bytes (bit `k` for byte `k`), the places after them
/// (`k + 1`), in order, then zeros.
const AFTER_DELIMITERS: [[u8; 8]; 256] = {
    let mut table = [[0; 8]; 256];
    let mut mask = 0;
    while mask < 256 {
        let (mut k, mut n) = (0, 0);
        while k < 8 {
            if mask & (1 << k) != 0 {
                table[mask][n] = k as u8 + 1;
                n += 1;
            }
            k += 1;
        }
        mask += 1;
    }
    table
};

/// The length of a stretch of whole records at the start of `bytes` (quotes followed as the
/// guard follows them): up to the first record end at least [`STRETCH_BYTES`] in, or else the
/// last one found; `None` when no record ends in `bytes`.
fn stretch_end(bytes: &[u8], delimiter: u8) -> Option<usize> {
    let mut state = Quoting::FieldStart;
    let mut in_record = false;
    let mut last = None;
    for (i, &b) in bytes.iter().enumerate() {
        if state.step(b, delimiter) != Step::RecordEnd {
            in_record = true;
        } else if std::mem::take(&mut in_record) {
            last = Some(i + 1);
            if i + 1 >= STRETCH_BYTES {
                break;
            }
        }
    }
    last
}

/// The bytes of one stretch, as the general path's CSV reader reads them.
#[derive(Default)]
pub(super) struct Window {
    bytes: Vec<u8>,
    at: usize,
    /// Whether the next read gives one byte only (so that the CSV reader, set back to its
    /// start, does not take a byte order mark there for the start of a text).
    byte_first: bool,
}

impl Read for Window {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let rest = &self.bytes[self.at..];
        let most = if std::mem::take(&mut self.byte_first) {
            1
        } else {
            buf.len()
        };
        let n = rest.len().min(most);
        buf[..n].copy_from_slice(&rest[..n]);
        self.at += n;
        Ok(n)
    }
}

/// The CSV reader seeks only to learn where it is, or to step back over what it buffered and
/// did not use (when its place is moved, [`TextRecords::pass_skipped`]).
impl Seek for Window {
    fn seek(&mut self, pos: SeekFrom) -> io::Result<u64> {
        let SeekFrom::Current(by) = pos else {
            return Err(io::Error::other(
                "a stretch is only sought from where it is",
            ));
        };
        let at = i64::try_from(self.at)
            .unwrap_or(i64::MAX)
            .saturating_add(by);
        self.at = usize::try_from(at)
            .ok()
            .filter(|&a| a <= self.bytes.len())
            .ok_or_else(|| io::Error::other("a seek outside the stretch"))?;
        Ok(self.at as u64)
    }
}

#[cfg(test)]
mod tests;
