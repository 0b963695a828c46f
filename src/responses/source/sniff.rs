//! Sniffing a text file from its first bytes: the encoding, the field delimiter, and whether it
//! is a zip archive (an `.xlsx` workbook) at all.

use std::fmt;

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
    pub(super) fn encoding_rs(self) -> &'static encoding_rs::Encoding {
        match self {
            TextEncoding::Utf8 | TextEncoding::Utf8Bom => encoding_rs::UTF_8,
            TextEncoding::Utf16Le => encoding_rs::UTF_16LE,
            TextEncoding::Utf16Be => encoding_rs::UTF_16BE,
            TextEncoding::Windows1252 => encoding_rs::WINDOWS_1252,
        }
    }
}

/// A control byte no text file holds (all but tab, line feed and carriage return), or a byte
/// Windows-1252 leaves undefined.
fn is_binary_byte(b: u8) -> bool {
    matches!(b, 0x00..=0x08 | 0x0B | 0x0C | 0x0E..=0x1F | 0x7F | 0x81 | 0x8D | 0x8F | 0x90 | 0x9D)
}

/// Decide the encoding from the first bytes of a file (see the module documentation of
/// [`crate::responses`]); `complete` is true when `head` is the whole file.
pub(super) fn sniff_encoding(head: &[u8], complete: bool) -> Result<TextEncoding, String> {
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
pub(super) fn sniff_delimiter(text: &str) -> u8 {
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

/// The delimiter named by Excel's `sep=;` first line (`sep=,`, `sep=;`, `sep=` and a tab), if
/// the text starts with one: Excel writes it to say how the file is split, and it is not a row.
pub(super) fn sep_line(text: &str) -> Option<u8> {
    let rest = text.strip_prefix("sep=")?;
    let (&d, after) = rest.as_bytes().split_first()?;
    let ends = after.is_empty() || after.starts_with(b"\n") || after.starts_with(b"\r");
    (matches!(d, b',' | b';' | b'\t') && ends).then_some(d)
}

/// Whether the file's first bytes are a zip archive (an `.xlsx` workbook).
pub(super) fn is_zip(head: &[u8]) -> bool {
    head.starts_with(b"PK\x03\x04")
}
