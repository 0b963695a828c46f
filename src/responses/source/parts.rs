//! The parts of an `.xlsx` workbook, checked before calamine reads any: a bound on the
//! decompressed size of each (a zip bomb inflates a few megabytes into gigabytes, and calamine
//! holds the shared strings in memory), and a scan of the worksheets' cell references, which
//! must stay within Excel's limits (calamine would wrap a larger one onto the first rows) and
//! tell whether the rows come in order.

use super::xlsx::ReadSeek;
use crate::responses::{MAX_XLSX_PART_BYTES, MAX_XLSX_SHARED_STRINGS_BYTES, MAX_XLSX_SHEET_BYTES};
use std::io::Read;

/// Excel's last row.
pub(super) const EXCEL_MAX_ROWS: u64 = 1_048_576;
/// Excel's last column (`XFD`).
pub(super) const EXCEL_MAX_COLUMNS: u64 = 16_384;

/// What the scan of a workbook's parts found.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Parts {
    /// Whether the cells of every worksheet come in row order (rows may be split, but never go
    /// back to an earlier row).
    pub(super) ordered: bool,
}

/// What a part is, for its size bound.
fn bound(name: &str) -> (u64, &'static str) {
    let lower = name.to_ascii_lowercase();
    if lower.ends_with("sharedstrings.xml") {
        (MAX_XLSX_SHARED_STRINGS_BYTES, "the shared strings part")
    } else if lower.starts_with("xl/worksheets/") {
        (MAX_XLSX_SHEET_BYTES, "a worksheet")
    } else {
        (MAX_XLSX_PART_BYTES, "a part")
    }
}

/// Decompress every part of the workbook once, as a stream, and refuse one that inflates past
/// its bound (whatever its header claims) or a worksheet cell reference past Excel's limits.
/// Bytes that are not a readable zip are left to calamine to report.
pub(super) fn scan_parts(bytes: &mut dyn ReadSeek) -> Result<Parts, String> {
    let Ok(mut archive) = zip::ZipArchive::new(bytes) else {
        return Ok(Parts { ordered: true });
    };
    let mut ordered = true;
    let mut buf = vec![0u8; 64 * 1024];
    for i in 0..archive.len() {
        let Ok(mut part) = archive.by_index(i) else {
            continue;
        };
        let name = part.name().map(|n| n.into_owned()).unwrap_or_default();
        let (limit, what) = bound(&name);
        let too_large = || {
            format!(
                "{what} ('{name}') inflates to more than {limit} bytes, the limit: the file is damaged or crafted, or too large for a workbook; save it as CSV, which is streamed"
            )
        };
        if part.size() > limit {
            return Err(too_large());
        }
        let mut scan = what.starts_with("a worksheet").then(RefScan::default);
        let mut total = 0u64;
        loop {
            let n = match part.read(&mut buf) {
                Ok(0) => break,
                Ok(n) => n,
                // A damaged part is calamine's to report, with its own words.
                Err(_) => break,
            };
            total += n as u64;
            if total > limit {
                return Err(too_large());
            }
            if let Some(scan) = scan.as_mut() {
                scan.feed(&buf[..n])?;
            }
        }
        ordered &= scan.is_none_or(|s| s.ordered);
    }
    Ok(Parts { ordered })
}

/// A scanner of the `r` attributes (`<row r="2">`, `<c r="B2">`) of a worksheet's XML, fed in
/// pieces.
#[derive(Debug)]
struct RefScan {
    /// The previous byte.
    prev: u8,
    /// 0: outside; 1: after ` r`; 2: after ` r=`; 3: inside the quoted value.
    state: u8,
    quote: u8,
    value: Vec<u8>,
    last_row: u64,
    ordered: bool,
}

impl Default for RefScan {
    fn default() -> Self {
        RefScan {
            prev: b' ',
            state: 0,
            quote: 0,
            value: Vec::new(),
            last_row: 0,
            ordered: true,
        }
    }
}

impl RefScan {
    fn feed(&mut self, bytes: &[u8]) -> Result<(), String> {
        for &b in bytes {
            match self.state {
                0 if b == b'r' && self.prev.is_ascii_whitespace() => self.state = 1,
                1 if b == b'=' => self.state = 2,
                2 if b == b'"' || b == b'\'' => {
                    self.quote = b;
                    self.value.clear();
                    self.state = 3;
                }
                3 if b == self.quote => {
                    self.state = 0;
                    self.reference()?;
                }
                // A longer value is no reference; it is left to calamine.
                3 if self.value.len() < 32 => self.value.push(b),
                3 => {}
                _ => self.state = 0,
            }
            self.prev = b;
        }
        Ok(())
    }

    /// Check a reference (`B2`, or a row number alone) against Excel's limits, and note whether
    /// its row comes before the last one seen.
    fn reference(&mut self) -> Result<(), String> {
        let split = self
            .value
            .iter()
            .position(|b| !b.is_ascii_alphabetic())
            .unwrap_or(self.value.len());
        let (letters, digits) = self.value.split_at(split);
        if digits.is_empty() || !digits.iter().all(u8::is_ascii_digit) {
            // Not a reference: calamine says what is wrong with it.
            return Ok(());
        }
        let column = letters.iter().try_fold(0u64, |acc, b| {
            acc.checked_mul(26)?
                .checked_add(u64::from(b.to_ascii_uppercase() - b'A') + 1)
        });
        let row = std::str::from_utf8(digits)
            .ok()
            .and_then(|d| d.parse::<u64>().ok());
        let within = |v: Option<u64>, max| v.is_some_and(|v| v <= max);
        if !within(row, EXCEL_MAX_ROWS) || !within(column, EXCEL_MAX_COLUMNS) {
            return Err(format!(
                "a worksheet refers to the cell '{}', past Excel's limits of {EXCEL_MAX_ROWS} rows and {EXCEL_MAX_COLUMNS} columns: the file is damaged or crafted; open it in Excel and save it again, or save it as CSV",
                String::from_utf8_lossy(&self.value)
            ));
        }
        let row = row.unwrap_or(0);
        if row < self.last_row {
            self.ordered = false;
        }
        self.last_row = row;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn scan(xml: &str) -> Result<bool, String> {
        let mut s = RefScan::default();
        // Fed in two pieces cut inside a reference.
        let cut = xml.len() / 2;
        s.feed(&xml.as_bytes()[..cut])?;
        s.feed(&xml.as_bytes()[cut..])?;
        Ok(s.ordered)
    }

    #[test]
    fn references_are_checked_against_excels_limits_and_their_order() {
        assert_eq!(
            scan(
                r#"<row r="1"><c r="B1" t="s"/><c r="A1"/></row><row r="2"><c r="XFD1048576"/></row>"#
            ),
            Ok(true)
        );
        assert_eq!(
            scan(r#"<row r="3"><c r="A3"/></row><row r="2"><c r='A2'/></row>"#),
            Ok(false)
        );
        let err = scan(r#"<row r="1"><c r="A4294967297"/></row>"#).expect_err("past the rows");
        assert!(
            err.contains("the cell 'A4294967297', past Excel's limits"),
            "{err}"
        );
        assert!(scan(r#"<c r="XFE1"/>"#).is_err());
        assert!(scan(r#"<c r="A1048577"/>"#).is_err());
        // `ref` and `sqref` are other attributes.
        assert_eq!(scan(r#"<f ref="A9:A1"/><selection sqref="A1"/>"#), Ok(true));
    }
}
