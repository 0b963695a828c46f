//! The guards between the bytes of a text file and the CSV parser: limits on what one field,
//! one row and the whole file may hold, and the content rules the parser would let through (NUL
//! bytes, a quoted field left open at the end).

use crate::responses::{MAX_COLUMNS, MAX_FIELD_BYTES, MAX_RECORD_BYTES, MAX_TEXT_FILE_BYTES};
use std::fmt;
use std::io::{self, Read, Seek, SeekFrom};

/// A limit or content rule broken while reading text, at a physical line.
#[derive(Debug)]
pub(super) struct GuardError {
    /// The physical line (1-based; 0 for the file as a whole).
    pub(super) line: u64,
    /// What is wrong.
    pub(super) message: String,
}

impl fmt::Display for GuardError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "line {}: {}", self.line, self.message)
    }
}

impl std::error::Error for GuardError {}

/// What a NUL byte in a text file is said to be.
pub(super) const NUL_MESSAGE: &str = "holds a NUL byte: this is binary data, not text (UTF-16 text must start with a byte order mark)";

/// Where the guard is within a CSV record; it follows the quoting rules of the `csv` crate (a
/// quote opens a quoted field only at the start of a field; `""` inside is a quote).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Quoting {
    FieldStart,
    Unquoted,
    Quoted,
    QuoteInQuoted,
}

/// What one byte did to a record.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Step {
    /// It is part of a field.
    Byte,
    /// It is the delimiter that ends a field.
    FieldEnd,
    /// It is a line feed or carriage return that ends the record.
    RecordEnd,
}

impl Quoting {
    /// Move past byte `b` of a text delimited by `delimiter`.
    pub(super) fn step(&mut self, b: u8, delimiter: u8) -> Step {
        let terminator = b == b'\n' || b == b'\r';
        match *self {
            Quoting::FieldStart | Quoting::Unquoted | Quoting::QuoteInQuoted if b == delimiter => {
                *self = Quoting::FieldStart;
                return Step::FieldEnd;
            }
            Quoting::FieldStart | Quoting::Unquoted | Quoting::QuoteInQuoted if terminator => {
                *self = Quoting::FieldStart;
                return Step::RecordEnd;
            }
            Quoting::FieldStart if b == b'"' => *self = Quoting::Quoted,
            Quoting::FieldStart => *self = Quoting::Unquoted,
            Quoting::Quoted if b == b'"' => *self = Quoting::QuoteInQuoted,
            Quoting::QuoteInQuoted if b == b'"' => *self = Quoting::Quoted,
            Quoting::QuoteInQuoted => *self = Quoting::Unquoted,
            Quoting::Unquoted | Quoting::Quoted => {}
        }
        Step::Byte
    }
}

/// A reader between the decoded text and the CSV parser that bounds what the parser may
/// buffer: fields of at most [`MAX_FIELD_BYTES`], records of at most [`MAX_RECORD_BYTES`] and
/// [`MAX_COLUMNS`] fields. It refuses NUL bytes (binary data, or UTF-16 without a BOM) and a
/// quoted field still open at the end of the file (a truncated file), which the parser would
/// silently accept.
pub(super) struct Guard<R> {
    inner: R,
    delimiter: u8,
    state: Quoting,
    line: u64,
    record_line: u64,
    quote_line: u64,
    field_bytes: usize,
    record_bytes: usize,
    fields: usize,
}

impl<R: Read> Guard<R> {
    /// A guard over text whose first byte is at the start of a record on line `line`.
    pub(super) fn at_line(inner: R, delimiter: u8, line: u64) -> Self {
        Guard {
            inner,
            delimiter,
            state: Quoting::FieldStart,
            line,
            record_line: line,
            quote_line: line,
            field_bytes: 0,
            record_bytes: 0,
            fields: 1,
        }
    }

    /// Start again at the start of a record on line `line`, with nothing read of it.
    pub(super) fn restart(&mut self, line: u64) {
        self.line = line;
        self.end_record();
        self.quote_line = line;
    }

    /// The text read through the guard.
    pub(super) fn get_mut(&mut self) -> &mut R {
        &mut self.inner
    }

    fn fail(line: u64, message: String) -> io::Error {
        io::Error::new(io::ErrorKind::InvalidData, GuardError { line, message })
    }

    fn end_field(&mut self) -> io::Result<()> {
        self.fields += 1;
        self.field_bytes = 0;
        self.state = Quoting::FieldStart;
        if self.fields > MAX_COLUMNS {
            return Err(Self::fail(
                self.record_line,
                format!("the row has more than {MAX_COLUMNS} columns, the limit"),
            ));
        }
        Ok(())
    }

    fn end_record(&mut self) {
        self.fields = 1;
        self.field_bytes = 0;
        self.record_bytes = 0;
        self.state = Quoting::FieldStart;
        self.record_line = self.line;
    }

    fn step(&mut self, b: u8) -> io::Result<()> {
        if b == 0 {
            return Err(Self::fail(self.line, NUL_MESSAGE.into()));
        }
        if b == b'\n' {
            self.line += 1;
        }
        let was = self.state;
        match self.state.step(b, self.delimiter) {
            Step::FieldEnd => return self.end_field(),
            Step::RecordEnd => {
                self.end_record();
                return Ok(());
            }
            Step::Byte => {}
        }
        if was == Quoting::FieldStart && self.state == Quoting::Quoted {
            self.quote_line = self.line;
        }
        self.field_bytes += 1;
        self.record_bytes += 1;
        if self.field_bytes > MAX_FIELD_BYTES {
            return Err(Self::fail(
                self.line,
                format!(
                    "a field is longer than {} KiB, the limit (an unclosed quote, or not a survey export?)",
                    MAX_FIELD_BYTES / 1024
                ),
            ));
        }
        if self.record_bytes > MAX_RECORD_BYTES {
            return Err(Self::fail(
                self.record_line,
                format!(
                    "the row is longer than {} MiB, the limit",
                    MAX_RECORD_BYTES / (1024 * 1024)
                ),
            ));
        }
        Ok(())
    }
}

impl<R: Read> Read for Guard<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let n = self.inner.read(buf)?;
        if n == 0 && self.state == Quoting::Quoted {
            return Err(Self::fail(
                self.quote_line,
                "a quoted field opened here is never closed: the file ends inside it (truncated?)"
                    .into(),
            ));
        }
        let mut rest = &buf[..n];
        while let Some((&b, tail)) = rest.split_first() {
            if let Some(after) = self.plain_line(rest) {
                rest = after;
                continue;
            }
            self.step(b)?;
            rest = tail;
        }
        Ok(n)
    }
}

impl<R: Read> Guard<R> {
    /// At the start of a record, take a whole line at once when it cannot break a rule: it
    /// ends with a line feed within `text`, holds no quote, carriage return or NUL, and is
    /// shorter than [`MAX_COLUMNS`] bytes (so it has fewer fields than the limit, and no field
    /// or record can be too long). The state after it is what [`Guard::step`] byte by byte
    /// would leave: a new record on the next line. Returns the text after the line, or `None`
    /// when the line must go byte by byte.
    fn plain_line<'t>(&mut self, text: &'t [u8]) -> Option<&'t [u8]> {
        if self.state != Quoting::FieldStart || self.record_bytes != 0 || self.fields != 1 {
            return None;
        }
        let end = memchr::memchr(b'\n', &text[..text.len().min(MAX_COLUMNS)])?;
        let line = &text[..end];
        if memchr::memchr3(b'"', b'\r', 0, line).is_some() {
            return None;
        }
        self.line += 1;
        self.end_record();
        Some(&text[end + 1..])
    }
}

/// A guard is sought only to learn where it is, before any byte went through it.
impl<R: Seek> Seek for Guard<R> {
    fn seek(&mut self, pos: SeekFrom) -> io::Result<u64> {
        self.inner.seek(pos)
    }
}

/// A reader that fails once more than [`MAX_TEXT_FILE_BYTES`] bytes came through: the size
/// limit of a text input whose size is not known before reading (standard input, a pipe).
pub(super) struct Limit<R> {
    inner: R,
    left: u64,
}

impl<R: Read> Limit<R> {
    pub(super) fn new(inner: R) -> Self {
        Limit {
            inner,
            left: MAX_TEXT_FILE_BYTES,
        }
    }
}

/// The message of a text input larger than [`MAX_TEXT_FILE_BYTES`].
pub(super) fn too_large() -> String {
    format!("the file is larger than the limit of {MAX_TEXT_FILE_BYTES} bytes")
}

impl<R: Read> Read for Limit<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.left = self.left.checked_sub(n as u64).ok_or_else(|| {
            io::Error::new(
                io::ErrorKind::InvalidData,
                GuardError {
                    line: 0,
                    message: too_large(),
                },
            )
        })?;
        Ok(n)
    }
}
