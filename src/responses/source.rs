//! Opening a response file and streaming its records: encoding and delimiter detection, the one
//! place that builds CSV readers, the `.xlsx` cell stream, and the guard that bounds what is
//! read.

use super::{
    MAX_COLUMNS, MAX_FIELD_BYTES, MAX_RECORD_BYTES, MAX_TEXT_FILE_BYTES, MAX_XLSX_FILE_BYTES,
    MAX_XLSX_SHARED_STRINGS, SNIFF_BYTES,
};
use crate::error::{Problem, Problems};
use calamine::{DataRef, Reader, Xlsx};
use csv::StringRecord;
use std::fmt;
use std::fs::File;
use std::io::{self, BufReader, Cursor, Read};
use std::ops::ControlFlow;
use std::path::Path;

/// The text encoding a file was read in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TextEncoding {
    /// UTF-8 without a byte order mark.
    Utf8,
    /// UTF-8 with a byte order mark.
    Utf8Bom,
    /// UTF-16 little-endian with a byte order mark (Excel's "Unicode Text").
    Utf16Le,
    /// UTF-16 big-endian with a byte order mark.
    Utf16Be,
    /// Windows-1252 (Excel's "CSV (Comma delimited)" on Western European Windows).
    Windows1252,
}

impl fmt::Display for TextEncoding {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            TextEncoding::Utf8 => "UTF-8",
            TextEncoding::Utf8Bom => "UTF-8 with BOM",
            TextEncoding::Utf16Le => "UTF-16LE with BOM",
            TextEncoding::Utf16Be => "UTF-16BE with BOM",
            TextEncoding::Windows1252 => "Windows-1252 (the file is not valid UTF-8)",
        })
    }
}

impl TextEncoding {
    fn encoding_rs(self) -> &'static encoding_rs::Encoding {
        match self {
            TextEncoding::Utf8 | TextEncoding::Utf8Bom => encoding_rs::UTF_8,
            TextEncoding::Utf16Le => encoding_rs::UTF_16LE,
            TextEncoding::Utf16Be => encoding_rs::UTF_16BE,
            TextEncoding::Windows1252 => encoding_rs::WINDOWS_1252,
        }
    }
}

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

/// What receives each record: its first physical line (1-based) and its fields; it breaks to
/// stop the reading.
pub(crate) type RecordFn<'a> =
    dyn FnMut(u64, &StringRecord) -> Result<ControlFlow<()>, Problems> + 'a;

/// An opened response file, ready to stream its records.
pub(crate) struct Source {
    name: String,
    container: Container,
    kind: Kind,
}

enum Kind {
    Text {
        /// The first bytes of the file (BOM included), read for detection.
        head: Vec<u8>,
        file: File,
        encoding: TextEncoding,
        delimiter: u8,
    },
    Xlsx {
        workbook: Box<Xlsx<BufReader<File>>>,
        sheet: String,
    },
}

/// A control byte no text file holds (all but tab, line feed and carriage return), or a byte
/// Windows-1252 leaves undefined.
fn is_binary_byte(b: u8) -> bool {
    matches!(b, 0x00..=0x08 | 0x0B | 0x0C | 0x0E..=0x1F | 0x7F | 0x81 | 0x8D | 0x8F | 0x90 | 0x9D)
}

/// Decide the encoding from the first bytes of a file (see the module documentation of
/// [`crate::responses`]); `complete` is true when `head` is the whole file.
fn sniff_encoding(head: &[u8], complete: bool) -> Result<TextEncoding, String> {
    if head.starts_with(b"\xEF\xBB\xBF") {
        return Ok(TextEncoding::Utf8Bom);
    }
    if head.starts_with(b"\xFF\xFE") {
        return Ok(TextEncoding::Utf16Le);
    }
    if head.starts_with(b"\xFE\xFF") {
        return Ok(TextEncoding::Utf16Be);
    }
    match std::str::from_utf8(head) {
        Ok(_) => return Ok(TextEncoding::Utf8),
        // A character cut at the end of the sample, not an error.
        Err(e) if e.error_len().is_none() && !complete => return Ok(TextEncoding::Utf8),
        Err(_) => {}
    }
    match head.iter().position(|&b| is_binary_byte(b)) {
        None => Ok(TextEncoding::Windows1252),
        Some(offset) => Err(format!(
            "is not a text or CSV file: byte {offset} is the control byte 0x{:02X} \
             (binary data; expected a CSV or tab-separated text export, or an .xlsx workbook)",
            head[offset]
        )),
    }
}

/// How many records the delimiter sniffer looks at.
const SNIFF_RECORDS: usize = 10;

/// The delimiter of a text file, from its first records (outside quotes): of `,` `;` and tab,
/// the one that splits every complete record into the same number of fields as the header,
/// the most fields winning (Excel's `;`-separated re-save of a survey whose question texts hold
/// commas has more commas than semicolons in its header, but only `;` gives every row the same
/// width). With no such candidate (a header alone, or ragged rows), the most frequent in the
/// header line (a tie goes to tab, then `;`); `,` when there is none (a one-column file).
fn sniff_delimiter(text: &str) -> u8 {
    const CANDIDATES: [u8; 3] = [b'\t', b';', b','];
    let mut records: Vec<[usize; 3]> = vec![[0; 3]];
    let mut quoted = false;
    let mut ended = false;
    for c in text.chars() {
        let last = records.len() - 1;
        match c {
            '"' => quoted = !quoted,
            '\n' if !quoted => {
                if records.len() > SNIFF_RECORDS {
                    ended = true;
                    break;
                }
                records.push([0; 3]);
            }
            '\t' if !quoted => records[last][0] += 1,
            ';' if !quoted => records[last][1] += 1,
            ',' if !quoted => records[last][2] += 1,
            _ => {}
        }
    }
    // The last record may be cut off by the sample (or be the empty rest after a final line
    // break): it takes no part in the consistency test.
    if !ended {
        records.pop();
    }
    let header = records.first().copied().unwrap_or_default();
    let consistent = (0..3)
        .filter(|&i| {
            header[i] > 0 && records.len() > 1 && records.iter().all(|r| r[i] == header[i])
        })
        .max_by_key(|&i| (header[i], 2 - i));
    if let Some(i) = consistent {
        return CANDIDATES[i];
    }
    let first = text_first_record_counts(text);
    let (best, count) =
        CANDIDATES.into_iter().zip(first).fold(
            (b',', 0),
            |best, (d, n)| if n > best.1 { (d, n) } else { best },
        );
    if count == 0 { b',' } else { best }
}

/// The counts of tab, `;` and `,` outside quotes in the first record of a text.
fn text_first_record_counts(text: &str) -> [usize; 3] {
    let mut counts = [0usize; 3];
    let mut quoted = false;
    for c in text.chars() {
        match c {
            '"' => quoted = !quoted,
            '\n' | '\r' if !quoted => break,
            '\t' if !quoted => counts[0] += 1,
            ';' if !quoted => counts[1] += 1,
            ',' if !quoted => counts[2] += 1,
            _ => {}
        }
    }
    counts
}

/// Whether the file's first bytes are a zip archive (an `.xlsx` workbook).
fn is_zip(head: &[u8]) -> bool {
    head.starts_with(b"PK\x03\x04")
}

/// Refuse a workbook whose shared strings table claims more strings than its part can hold or
/// than [`MAX_XLSX_SHARED_STRINGS`]: calamine reserves memory for the claimed number before
/// reading any (a 10 KB file claiming 4,294,967,295 strings aborted the process asking for
/// 103 GB). A file that is not a readable zip is left to calamine to report.
fn check_shared_strings(path: &Path) -> Result<(), String> {
    let Ok(mut archive) = File::open(path).map(zip::ZipArchive::new) else {
        return Ok(());
    };
    let Ok(archive) = archive.as_mut() else {
        return Ok(());
    };
    for i in 0..archive.len() {
        let Ok(mut part) = archive.by_index(i) else {
            continue;
        };
        let is_shared_strings = part
            .name()
            .is_ok_and(|n| n.to_ascii_lowercase().ends_with("sharedstrings.xml"));
        if !is_shared_strings {
            continue;
        }
        let declared = part.size();
        let mut start = Vec::new();
        let _ = (&mut part).take(4096).read_to_end(&mut start);
        let Some(claimed) = unique_count(&start) else {
            continue;
        };
        // The smallest entry, `<si/>`, takes 5 bytes.
        if claimed > MAX_XLSX_SHARED_STRINGS || claimed > declared / 5 {
            return Err(format!(
                "the workbook's shared strings table claims {claimed} distinct texts, more than its \
                 {declared} bytes can hold (or than the limit of {MAX_XLSX_SHARED_STRINGS}): the file \
                 is damaged or crafted; open it in Excel and save it again, or save it as CSV"
            ));
        }
    }
    Ok(())
}

/// The `uniqueCount` attribute of the `<sst>` start tag at the start of a shared strings part,
/// as calamine reads it (digits only).
fn unique_count(start: &[u8]) -> Option<u64> {
    let text = String::from_utf8_lossy(start);
    let tag = &text[text.find("<sst")?..];
    let tag = &tag[..tag.find('>').unwrap_or(tag.len())];
    let value = &tag[tag.find("uniqueCount=")? + "uniqueCount=".len()..];
    let value = value.trim_start_matches(['"', '\'']);
    let digits: String = value.chars().take_while(char::is_ascii_digit).collect();
    // Too many digits for a u64 is as bad as the largest u64.
    Some(digits.parse::<u64>().unwrap_or(u64::MAX))
}

impl Source {
    /// Open a response file: refuse what is not a readable file within the limits, detect an
    /// `.xlsx` workbook by its zip signature, else the text encoding and delimiter.
    pub(crate) fn open(
        path: &Path,
        delimiter: Option<u8>,
        sheet: Option<&str>,
    ) -> Result<Source, Problems> {
        let name = path.display().to_string();
        let fail = |message: String| Problems::from(Problem::file(&name, message));
        let meta = std::fs::metadata(path)
            .map_err(|e| fail(format!("cannot read the response file: {e}")))?;
        if meta.is_dir() {
            return Err(fail(
                "is a directory, expected a response file (CSV, text or .xlsx)".into(),
            ));
        }
        let mut file =
            File::open(path).map_err(|e| fail(format!("cannot open the response file: {e}")))?;
        let mut head = Vec::with_capacity(SNIFF_BYTES);
        (&mut file)
            .take(SNIFF_BYTES as u64)
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
        if is_zip(&head) {
            if meta.len() > MAX_XLSX_FILE_BYTES {
                return Err(fail(format!(
                    "the workbook is larger than the limit of {MAX_XLSX_FILE_BYTES} bytes; save it as CSV, which is streamed"
                )));
            }
            drop(file);
            check_shared_strings(path).map_err(fail)?;
            let workbook: Xlsx<_> = calamine::open_workbook(path)
                .map_err(|e| fail(format!("cannot read it as an .xlsx workbook: {e}")))?;
            let names = workbook.sheet_names();
            let sheet = match sheet {
                Some(wanted) => names
                    .iter()
                    .find(|n| n.eq_ignore_ascii_case(wanted))
                    .cloned()
                    .ok_or_else(|| {
                        fail(format!(
                            "the workbook has no sheet '{wanted}'; its sheets: {}",
                            names.join(", ")
                        ))
                    })?,
                None => names
                    .first()
                    .cloned()
                    .ok_or_else(|| fail("the workbook has no sheet".into()))?,
            };
            return Ok(Source {
                name,
                container: Container::Xlsx {
                    sheet: sheet.clone(),
                },
                kind: Kind::Xlsx {
                    workbook: Box::new(workbook),
                    sheet,
                },
            });
        }
        if meta.len() > MAX_TEXT_FILE_BYTES {
            return Err(fail(format!(
                "the file is larger than the limit of {MAX_TEXT_FILE_BYTES} bytes"
            )));
        }
        let complete = (head.len() as u64) >= meta.len();
        let encoding = sniff_encoding(&head, complete).map_err(fail)?;
        let delimiter_forced = delimiter.is_some();
        let delimiter = match delimiter {
            Some(d) => d,
            None => {
                let (text, _) = encoding.encoding_rs().decode_with_bom_removal(&head);
                sniff_delimiter(&text)
            }
        };
        Ok(Source {
            name,
            container: Container::Text {
                encoding,
                delimiter,
                delimiter_forced,
            },
            kind: Kind::Text {
                head,
                file,
                encoding,
                delimiter,
            },
        })
    }

    /// How the file is held.
    pub(crate) fn container(&self) -> &Container {
        &self.container
    }

    /// Call `f` with each record and the physical line (for a workbook: the row) it starts on,
    /// 1-based, until `f` breaks or the file ends. Blank lines (and empty workbook rows) are
    /// skipped.
    pub(crate) fn for_each_record(self, f: &mut RecordFn<'_>) -> Result<(), Problems> {
        match self.kind {
            Kind::Text {
                head,
                file,
                encoding,
                delimiter,
            } => {
                let mut head = Cursor::new(head);
                let bytes: Box<dyn Read> = match encoding {
                    // UTF-8 is read as it is, so that invalid bytes are reported, not replaced.
                    TextEncoding::Utf8 | TextEncoding::Utf8Bom => {
                        if encoding == TextEncoding::Utf8Bom {
                            head.set_position(3);
                        }
                        Box::new(head.chain(file))
                    }
                    // Decoded as a stream (fixed-size buffers), the BOM removed.
                    other => Box::new(
                        encoding_rs_io::DecodeReaderBytesBuilder::new()
                            .encoding(Some(other.encoding_rs()))
                            .build(head.chain(file)),
                    ),
                };
                read_csv(&self.name, bytes, delimiter, f)
            }
            Kind::Xlsx {
                mut workbook,
                sheet,
            } => read_xlsx(&self.name, &mut workbook, &sheet, f),
        }
    }
}

/// Build the CSV reader (the only place one is built) over decoded UTF-8 bytes and stream its
/// records through `f`.
fn read_csv(
    name: &str,
    bytes: Box<dyn Read>,
    delimiter: u8,
    f: &mut RecordFn<'_>,
) -> Result<(), Problems> {
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(delimiter)
        .from_reader(Guard::new(bytes, delimiter));
    let mut record = StringRecord::new();
    loop {
        match reader.read_record(&mut record) {
            Ok(false) => return Ok(()),
            Ok(true) => {
                let line = record.position().map_or(0, csv::Position::line);
                if f(line, &record)?.is_break() {
                    return Ok(());
                }
            }
            Err(e) => return Err(csv_problem(name, e).into()),
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
        csv::ErrorKind::Io(io) => match io.get_ref().and_then(|e| e.downcast_ref::<GuardError>()) {
            Some(g) => Problem::at(name, g.line, 0, g.message.clone()),
            None => Problem::file(name, format!("cannot read the response file: {io}")),
        },
        other => Problem::at(name, line, 0, format!("cannot read it as CSV: {other:?}")),
    }
}

/// A limit or content rule broken while reading text, at a physical line.
#[derive(Debug)]
struct GuardError {
    line: u64,
    message: String,
}

impl fmt::Display for GuardError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "line {}: {}", self.line, self.message)
    }
}

impl std::error::Error for GuardError {}

/// Where the guard is within a CSV record; it follows the quoting rules of the `csv` crate (a
/// quote opens a quoted field only at the start of a field; `""` inside is a quote).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Quoting {
    FieldStart,
    Unquoted,
    Quoted,
    QuoteInQuoted,
}

/// A reader between the decoded text and the CSV parser that bounds what the parser may
/// buffer: fields of at most [`MAX_FIELD_BYTES`], records of at most [`MAX_RECORD_BYTES`] and
/// [`MAX_COLUMNS`] fields. It refuses NUL bytes (binary data, or UTF-16 without a BOM) and a
/// quoted field still open at the end of the file (a truncated file), which the parser would
/// silently accept.
struct Guard<R> {
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
    fn new(inner: R, delimiter: u8) -> Self {
        Guard {
            inner,
            delimiter,
            state: Quoting::FieldStart,
            line: 1,
            record_line: 1,
            quote_line: 1,
            field_bytes: 0,
            record_bytes: 0,
            fields: 1,
        }
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
            return Err(Self::fail(
                self.line,
                "holds a NUL byte: this is binary data, not text (UTF-16 text must start with a byte order mark)"
                    .into(),
            ));
        }
        if b == b'\n' {
            self.line += 1;
        }
        let terminator = b == b'\n' || b == b'\r';
        match self.state {
            Quoting::FieldStart | Quoting::Unquoted | Quoting::QuoteInQuoted
                if b == self.delimiter =>
            {
                return self.end_field();
            }
            Quoting::FieldStart | Quoting::Unquoted | Quoting::QuoteInQuoted if terminator => {
                self.end_record();
                return Ok(());
            }
            Quoting::FieldStart if b == b'"' => {
                self.state = Quoting::Quoted;
                self.quote_line = self.line;
            }
            Quoting::FieldStart => self.state = Quoting::Unquoted,
            Quoting::Quoted if b == b'"' => self.state = Quoting::QuoteInQuoted,
            Quoting::QuoteInQuoted if b == b'"' => self.state = Quoting::Quoted,
            Quoting::QuoteInQuoted => self.state = Quoting::Unquoted,
            Quoting::Unquoted | Quoting::Quoted => {}
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
        for &b in &buf[..n] {
            self.step(b)?;
        }
        Ok(n)
    }
}

/// The text of a workbook cell: whole numbers without a fraction (calamine gives 4 as 4.0),
/// dates as Excel serial numbers, errors as Excel shows them.
fn cell_text(value: &DataRef<'_>, out: &mut String) {
    use std::fmt::Write;
    out.clear();
    let _ = match value {
        DataRef::Empty => Ok(()),
        DataRef::String(s) | DataRef::DateTimeIso(s) | DataRef::DurationIso(s) => {
            out.push_str(s);
            Ok(())
        }
        DataRef::SharedString(s) => {
            out.push_str(s);
            Ok(())
        }
        DataRef::Int(i) => write!(out, "{i}"),
        DataRef::Float(x) => write!(out, "{x}"),
        DataRef::Bool(b) => write!(out, "{}", if *b { "TRUE" } else { "FALSE" }),
        DataRef::DateTime(d) => write!(out, "{d}"),
        DataRef::Error(e) => write!(out, "{e}"),
    };
}

/// Stream a worksheet's rows as records, cell by cell (the sheet is never held whole).
fn read_xlsx(
    name: &str,
    workbook: &mut Xlsx<BufReader<File>>,
    sheet: &str,
    f: &mut RecordFn<'_>,
) -> Result<(), Problems> {
    let fail = |e: calamine::XlsxError| {
        Problems::from(Problem::file(
            name,
            format!("cannot read the workbook: {e}"),
        ))
    };
    let mut cells = workbook.worksheet_cells_reader(sheet).map_err(fail)?;
    let mut row: Vec<String> = Vec::new();
    let mut used = 0usize;
    let mut current: Option<u32> = None;
    let mut record = StringRecord::new();
    let mut emit = |row_index: u32, row: &[String]| -> Result<ControlFlow<()>, Problems> {
        if row.iter().all(|c| c.trim().is_empty()) {
            return Ok(ControlFlow::Continue(()));
        }
        record.clear();
        for cell in row {
            record.push_field(cell);
        }
        f(u64::from(row_index) + 1, &record)
    };
    while let Some(cell) = cells.next_cell().map_err(fail)? {
        let (r, c) = cell.get_position();
        if current != Some(r) {
            if let Some(prev) = current
                && emit(prev, &row[..used])?.is_break()
            {
                return Ok(());
            }
            current = Some(r);
            used = 0;
        }
        let c = c as usize;
        if c >= MAX_COLUMNS {
            return Err(Problem::at(
                name,
                u64::from(r) + 1,
                0,
                format!("the row has more than {MAX_COLUMNS} columns, the limit"),
            )
            .into());
        }
        while row.len() <= c {
            row.push(String::new());
        }
        while used < c {
            row[used].clear();
            used += 1;
        }
        cell_text(cell.get_value(), &mut row[c]);
        if row[c].len() > MAX_FIELD_BYTES {
            return Err(Problem::at(
                name,
                u64::from(r) + 1,
                c as u64 + 1,
                format!(
                    "a cell is longer than {} KiB, the limit",
                    MAX_FIELD_BYTES / 1024
                ),
            )
            .into());
        }
        used = c + 1;
    }
    if let Some(prev) = current {
        let _finished = emit(prev, &row[..used])?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn encodings_are_sniffed() {
        assert_eq!(
            sniff_encoding(b"\xEF\xBB\xBFa,b", true),
            Ok(TextEncoding::Utf8Bom)
        );
        assert_eq!(
            sniff_encoding(b"\xFF\xFEa\0", true),
            Ok(TextEncoding::Utf16Le)
        );
        assert_eq!(
            sniff_encoding(b"\xFE\xFF\0a", true),
            Ok(TextEncoding::Utf16Be)
        );
        assert_eq!(
            sniff_encoding("é,b".as_bytes(), true),
            Ok(TextEncoding::Utf8)
        );
        // A two-byte character cut by the end of the sample is still UTF-8 ...
        assert_eq!(sniff_encoding(b"a,\xC3", false), Ok(TextEncoding::Utf8));
        // ... but not at the end of the file.
        assert_eq!(
            sniff_encoding(b"a,\xC3", true),
            Ok(TextEncoding::Windows1252)
        );
        assert_eq!(
            sniff_encoding(b"Op\xE9rations;x", true),
            Ok(TextEncoding::Windows1252)
        );
        let err = sniff_encoding(b"\x89PNG\r\n\x1a\n\0\0", true).expect_err("binary");
        assert!(err.contains("control byte 0x1A"), "{err}");
    }

    #[test]
    fn a_shared_strings_claim_beyond_the_part_is_refused_before_calamine_reserves_it() {
        assert_eq!(
            unique_count(b"<?xml?><sst xmlns=\"x\" count=\"3\" uniqueCount=\"2\"><si>"),
            Some(2)
        );
        assert_eq!(unique_count(b"<sst uniqueCount='7'>"), Some(7));
        assert_eq!(unique_count(b"<sst count=\"3\"><si>"), None);
        assert_eq!(
            unique_count(b"<sst uniqueCount=\"99999999999999999999999\">"),
            Some(u64::MAX)
        );
        // The regression fixture: the Microsoft Forms export claiming 4,294,967,295 strings,
        // which made calamine abort the process asking for 103 GB.
        let bomb = Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/fixtures/bad/shared-strings-bomb.xlsx");
        let err = check_shared_strings(&bomb).expect_err("refused");
        assert!(
            err.starts_with("the workbook's shared strings table claims 4294967295 distinct texts"),
            "{err}"
        );
        let good = Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/fixtures/exports/microsoft-forms.xlsx");
        assert_eq!(check_shared_strings(&good), Ok(()));
    }

    #[test]
    fn delimiters_are_sniffed_outside_quotes() {
        assert_eq!(sniff_delimiter("a,b,c\n1;2;3;4;5"), b',');
        assert_eq!(sniff_delimiter("a;b;c\r\n"), b';');
        assert_eq!(sniff_delimiter("a\tb\tc"), b'\t');
        assert_eq!(sniff_delimiter("\"x, y, z\";b"), b';');
        assert_eq!(sniff_delimiter("\"multi\nline, text\";b\n"), b';');
        assert_eq!(sniff_delimiter("single"), b',');
        assert_eq!(sniff_delimiter("a;b,c"), b';');
    }

    #[test]
    fn the_delimiter_that_gives_every_row_the_same_width_wins() {
        // Excel's ';' re-save of questions with commas: 4 commas, 2 semicolons in the header.
        let text =
            "role;Changes, big or small, wait;Costs, per user, are known\nIT;2;3\nBusiness;1;2\n";
        assert_eq!(sniff_delimiter(text), b';');
        // A comma file whose answers hold semicolons in quotes stays a comma file.
        assert_eq!(sniff_delimiter("a,b,c\n1,\"x;y\",3\n4,5,6\n"), b',');
        // Ragged rows: the header decides.
        assert_eq!(sniff_delimiter("a,b,c\n1;2\n3\n"), b',');
    }
}
