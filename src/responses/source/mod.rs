//! Response inputs and their records. A [`Source`] names an input (a file, standard input, or
//! any reader, such as embedded data); opening it reads its first bytes once to decide how it is
//! held (`sniff`), builds the record stream (the one place a CSV reader is built, behind the
//! `guard`s, or the workbook cell stream of `xlsx`), and never opens it again: the header
//! rows and then the data rows come from the same stream, so pipes, FIFOs and standard input
//! read like files.

mod chunks;
mod guard;
mod lines;
mod nul;
mod parts;
mod record;
mod sniff;
mod xlsx;

pub(crate) use chunks::{Chunk, Splittable};
pub(crate) use record::{Line, Record};
pub use sniff::TextEncoding;

use super::InputFormat;
use super::{MAX_HEADER_ROWS, MAX_TEXT_FILE_BYTES, MAX_XLSX_FILE_BYTES, SNIFF_BYTES};
use crate::error::{Problem, Problems};
use guard::{Guard, GuardError, Limit};
use lines::TextRecords;
use nul::{DroppedNuls, HeaderNuls};
use std::fs::File;
use std::io::{BufReader, Cursor, Read};
use std::ops::ControlFlow;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use xlsx::{ReadSeek, Workbook};

/// How standard input is named in messages (and, for group-by `source`, as its file).
pub const STDIN_NAME: &str = "standard input";

/// The response path that means standard input.
pub const STDIN_ARG: &str = "-";

/// How a file's bytes are held: delimited text or an Excel workbook.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Container {
    /// Delimited text.
    Text {
        /// The encoding.
        encoding: TextEncoding,
        /// The field delimiter.
        delimiter: u8,
        /// True when the delimiter was forced rather than detected.
        delimiter_forced: bool,
    },
    /// An `.xlsx` workbook.
    Xlsx {
        /// The worksheet read.
        sheet: String,
    },
}

/// One response input, not opened yet: a file, standard input, or the bytes of any reader
/// (embedded data, a download). It is read once, from start to end, by
/// [`crate::responses::read_responses`] or [`crate::responses::inspect`].
pub struct Source {
    name: String,
    stem: String,
    origin: Origin,
}

impl std::fmt::Debug for Source {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Source")
            .field("name", &self.name)
            .finish_non_exhaustive()
    }
}

/// Where a source's bytes come from.
enum Origin {
    Path(PathBuf),
    Reader(Box<dyn Read>),
}

impl Source {
    /// The file at `path` (a path of `-` is a file named so: a front end decides what `-` means, see
    /// [`crate::job::ResponseInput::from_arg`]). It is
    /// named as given in messages, and by its name without extension for group-by `source`.
    pub fn file(path: impl Into<PathBuf>) -> Source {
        let path = path.into();
        Source {
            name: path.display().to_string(),
            stem: stem(&path),
            origin: Origin::Path(path),
        }
    }

    /// The bytes of `reader`, named `name` in messages (and by `name` without extension for
    /// group-by `source`): embedded data needs no temporary file.
    pub fn from_reader(name: impl Into<String>, reader: impl Read + 'static) -> Source {
        let name = name.into();
        Source {
            stem: stem(Path::new(&name)),
            name,
            origin: Origin::Reader(Box::new(reader)),
        }
    }

    /// Standard input, named [`STDIN_NAME`].
    pub fn stdin() -> Source {
        Source::from_reader(STDIN_NAME, std::io::stdin())
    }

    /// The name messages give the source: the path as given, or the reader's name.
    pub fn name(&self) -> &str {
        &self.name
    }

    /// The name without extension, the value of the pseudo-column `source`.
    pub(crate) fn stem(&self) -> &str {
        &self.stem
    }

    /// Open the source: refuse what is not a readable input within the limits, detect an
    /// `.xlsx` workbook by its zip signature, else the text encoding and delimiter, and build
    /// its record stream.
    pub(crate) fn open(
        self,
        delimiter: Option<u8>,
        sheet: Option<&str>,
    ) -> Result<Opened, Problems> {
        let Source { name, origin, .. } = self;
        let fail = |message: String| Problems::from(Problem::file(&name, message));
        let (mut bytes, path) = match origin {
            Origin::Path(path) => (open_file(&path).map_err(fail)?, Some(path)),
            Origin::Reader(reader) => (Bytes::Stream(reader), None),
        };
        let file = path.zip(bytes.len());
        // One byte more than the sample tells whether the sample is the whole input.
        let mut head = Vec::with_capacity(SNIFF_BYTES + 1);
        (&mut bytes)
            .take(SNIFF_BYTES as u64 + 1)
            .read_to_end(&mut head)
            .map_err(|e| fail(format!("cannot read the response file: {e}")))?;
        if head.is_empty() {
            return Err(fail(
                "is empty; expected a header row and one row per respondent".into(),
            ));
        }
        if head.starts_with(b"\xD0\xCF\x11\xE0") {
            return Err(fail(
                "is an old Excel .xls workbook, which is not read; save it as .xlsx or CSV".into(),
            ));
        }
        if sniff::is_zip(&head) {
            let workbook =
                Workbook::open(bytes.seekable(head).map_err(fail)?, sheet).map_err(fail)?;
            return Ok(Opened {
                container: Container::Xlsx {
                    sheet: workbook.sheet().to_string(),
                },
                name,
                file: None,
                records: Records::Xlsx(workbook),
                dropped_nuls: Arc::default(),
                sep_line: false,
                skip_sep_line: false,
            });
        }
        if let Some(wanted) = sheet {
            return Err(fail(format!(
                "is a text file, not an .xlsx workbook, so it has no worksheet '{wanted}'; {} applies only to workbooks",
                crate::error::Setting::Sheet
            )));
        }
        if bytes.len().is_some_and(|len| len > MAX_TEXT_FILE_BYTES) {
            return Err(fail(guard::too_large()));
        }
        let complete = head.len() <= SNIFF_BYTES;
        let sample = &head[..head.len().min(SNIFF_BYTES)];
        let encoding = sniff::sniff_encoding(sample, complete).map_err(fail)?;
        let delimiter_forced = delimiter.is_some();
        let (text, _) = encoding.encoding_rs().decode_with_bom_removal(sample);
        let sep_line = sniff::sep_line(&text);
        let delimiter = match (delimiter, sep_line) {
            (Some(d), _) | (None, Some(d)) => d,
            (None, None) => sniff::sniff_delimiter(&text),
        };
        let dropped_nuls = Arc::new(DroppedNuls::default());
        let text = HeaderNuls::new(
            text_bytes(head, bytes, encoding),
            MAX_HEADER_ROWS + usize::from(sep_line.is_some()),
            Arc::clone(&dropped_nuls),
        );
        let records = TextRecords::new(Box::new(text) as Box<dyn Read>, delimiter, 0, 1);
        Ok(Opened {
            name,
            file,
            container: Container::Text {
                encoding,
                delimiter,
                delimiter_forced,
            },
            records: Records::Text(Box::new(records)),
            dropped_nuls,
            sep_line: sep_line.is_some(),
            skip_sep_line: sep_line.is_some(),
        })
    }
}

/// A path's name without extension.
fn stem(path: &Path) -> String {
    path.file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default()
}

/// The bytes of an input: a regular file (whose size is known and which can be sought), or a
/// stream read once from start to end (standard input, a pipe, a FIFO, a reader).
enum Bytes {
    File { file: File, len: u64 },
    Stream(Box<dyn Read>),
}

impl Read for Bytes {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        match self {
            Bytes::File { file, .. } => file.read(buf),
            Bytes::Stream(stream) => stream.read(buf),
        }
    }
}

impl Bytes {
    /// The size, when known before reading.
    fn len(&self) -> Option<u64> {
        match self {
            Bytes::File { len, .. } => Some(*len),
            Bytes::Stream(_) => None,
        }
    }

    /// The whole input as seekable bytes, for a workbook: the file itself, or a stream read to
    /// its end after `head` (what was read of it already), both within
    /// [`MAX_XLSX_FILE_BYTES`].
    fn seekable(self, mut head: Vec<u8>) -> Result<Box<dyn ReadSeek>, String> {
        let too_large = || {
            format!(
                "the workbook is larger than the limit of {MAX_XLSX_FILE_BYTES} bytes; save it as CSV, which is streamed"
            )
        };
        match self {
            Bytes::File { len, .. } if len > MAX_XLSX_FILE_BYTES => Err(too_large()),
            Bytes::File { file, .. } => Ok(Box::new(BufReader::new(file))),
            Bytes::Stream(stream) => {
                let left = (MAX_XLSX_FILE_BYTES + 1).saturating_sub(head.len() as u64);
                stream
                    .take(left)
                    .read_to_end(&mut head)
                    .map_err(|e| format!("cannot read the response file: {e}"))?;
                if head.len() as u64 > MAX_XLSX_FILE_BYTES {
                    return Err(too_large());
                }
                Ok(Box::new(Cursor::new(head)))
            }
        }
    }
}

/// Open a response file once: a regular file with its size, anything else readable (a FIFO,
/// `/dev/stdin`, a process substitution) as a stream.
fn open_file(path: &Path) -> Result<Bytes, String> {
    let meta =
        std::fs::metadata(path).map_err(|e| format!("cannot read the response file: {e}"))?;
    if meta.is_dir() {
        return Err("is a directory, expected a response file (CSV, text or .xlsx)".into());
    }
    let file = File::open(path).map_err(|e| format!("cannot open the response file: {e}"))?;
    Ok(if meta.is_file() {
        Bytes::File {
            file,
            len: meta.len(),
        }
    } else {
        Bytes::Stream(Box::new(file))
    })
}

/// The text of an input as UTF-8 bytes for the CSV parser: `head` (the bytes read for
/// sniffing) and then the rest, within [`MAX_TEXT_FILE_BYTES`]. UTF-8 is passed on as it is, so
/// that invalid bytes are reported, not replaced; other encodings are decoded as a stream
/// (fixed-size buffers). The byte order mark is removed.
fn text_bytes(head: Vec<u8>, rest: Bytes, encoding: TextEncoding) -> Box<dyn Read> {
    let mut head = Cursor::new(head);
    if encoding == TextEncoding::Utf8Bom {
        head.set_position(3);
    }
    let all = Limit::new(head.chain(rest));
    match encoding {
        TextEncoding::Utf8 | TextEncoding::Utf8Bom => Box::new(all),
        other => Box::new(
            encoding_rs_io::DecodeReaderBytesBuilder::new()
                .encoding(Some(other.encoding_rs()))
                .build(all),
        ),
    }
}

/// How many bytes the CSV reader asks of the text at once (fewer reads through the guard and
/// the decoder than with its default of 8 KiB).
const CSV_BUFFER_BYTES: usize = 256 * 1024;

/// The CSV reader over guarded text (the only place one is built: the general path of
/// [`TextRecords`]).
fn csv_reader_over<R: Read>(guarded: Guard<R>, delimiter: u8) -> csv::Reader<Guard<R>> {
    csv::ReaderBuilder::new()
        .buffer_capacity(CSV_BUFFER_BYTES)
        .has_headers(false)
        .flexible(true)
        .delimiter(delimiter)
        .from_reader(guarded)
}

/// What receives each record: its first physical line (1-based) and its fields; it breaks to
/// stop the reading.
pub(crate) type RecordFn<'a> = dyn FnMut(u64, Record<'_>) -> Result<ControlFlow<()>, Problems> + 'a;

/// An opened source, streaming its records.
pub(crate) struct Opened {
    name: String,
    /// The path and size of a regular file (not a stream).
    file: Option<(PathBuf, u64)>,
    container: Container,
    records: Records,
    /// The NUL bytes dropped from the header rows of a text file.
    dropped_nuls: Arc<DroppedNuls>,
    /// Whether the file starts with Excel's `sep=;` line.
    sep_line: bool,
    /// Whether that line is still to be passed by.
    skip_sep_line: bool,
}

/// The record stream of an opened source.
enum Records {
    Text(Box<TextRecords<Box<dyn Read>>>),
    Xlsx(Workbook),
}

impl Opened {
    /// How the input is held.
    pub(crate) fn container(&self) -> &Container {
        &self.container
    }

    /// What the opening noticed that `inspect` should tell, once the layout of the file is
    /// known: Excel's `sep=` line passed by, and NUL bytes dropped from the header rows, which
    /// are allowed only in a survey tool's export (in a plain table they are binary data, as
    /// anywhere else in a file).
    pub(crate) fn notes(&self, name: &str, format: InputFormat) -> Result<Vec<String>, Problem> {
        let mut notes = Vec::new();
        if self.sep_line
            && let Container::Text { delimiter, .. } = self.container
        {
            notes.push(format!(
                "line 1 is Excel's 'sep={}' line: it sets the delimiter and is not read as a row",
                char::from(delimiter)
            ));
        }
        if let Some((count, line)) = self.dropped_nuls.seen() {
            if format == InputFormat::Csv {
                return Err(Problem::at(name, line, 0, guard::NUL_MESSAGE));
            }
            notes.push(format!(
                "{count} NUL byte(s) in the header rows (the first on line {line}) were dropped, as some {format} exports write them"
            ));
        }
        Ok(notes)
    }

    /// Call `f` with each record and the physical line (for a workbook: the row) it starts
    /// on, 1-based, until `f` breaks or the input ends; a later call goes on after the last
    /// record handed over. Blank lines (and empty workbook rows) are skipped, and so is
    /// Excel's `sep=` line.
    pub(crate) fn for_each_record(&mut self, f: &mut RecordFn<'_>) -> Result<(), Problems> {
        match &mut self.records {
            Records::Text(records) => {
                records.for_each_record(&self.name, &mut self.skip_sep_line, f)
            }
            Records::Xlsx(workbook) => workbook.for_each_record(&self.name, f),
        }
    }
}

/// A CSV reading error as a problem at its line.
fn csv_problem(name: &str, e: csv::Error) -> Problem {
    let line = e.position().map_or(0, csv::Position::line);
    match e.into_kind() {
        csv::ErrorKind::Utf8 { err, pos } => Problem::at(
            name,
            pos.map_or(line, |p| p.line()),
            err.field() as u64 + 1,
            format!(
                "is not valid UTF-8 here, though its first {} KiB were, so the file was read as UTF-8; \
                 save it again as UTF-8 (or as Windows-1252 throughout)",
                SNIFF_BYTES / 1024
            ),
        ),
        csv::ErrorKind::Io(io) => io_problem(name, io),
        other => Problem::at(name, line, 0, format!("cannot read it as CSV: {other:?}")),
    }
}

/// An error reading the text as a problem: a guard's limit or rule at its line, or the error
/// of the file itself.
fn io_problem(name: &str, io: std::io::Error) -> Problem {
    match io.get_ref().and_then(|e| e.downcast_ref::<GuardError>()) {
        Some(g) => Problem::at(name, g.line, 0, g.message.clone()),
        None => Problem::file(name, format!("cannot read the response file: {io}")),
    }
}

#[cfg(test)]
mod tests;
