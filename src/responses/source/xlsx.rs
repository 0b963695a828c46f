//! `.xlsx` workbooks (read with calamine): the checks made before calamine reserves memory, and
//! the cell stream that hands a worksheet's rows over as records.

use super::RecordFn;
use super::parts::scan_parts;
use crate::error::{Problem, Problems};
use crate::responses::{
    MAX_COLUMNS, MAX_FIELD_BYTES, MAX_XLSX_PART_BYTES, MAX_XLSX_SHARED_STRINGS,
};
use calamine::{DataRef, Reader, Xlsx};
use csv::StringRecord;
use std::collections::BTreeMap;
use std::io::{Read, Seek, SeekFrom};
use std::ops::ControlFlow;

/// Bytes that can be read and sought: a workbook's file, or a workbook read whole from a
/// stream.
pub(super) trait ReadSeek: Read + Seek {}

impl<T: Read + Seek> ReadSeek for T {}

/// An opened workbook and the worksheet read.
pub(super) struct Workbook {
    workbook: Box<Xlsx<Box<dyn ReadSeek>>>,
    sheet: String,
    /// Whether the worksheets' rows come in order (see [`scan_parts`]).
    ordered: bool,
    /// How many records were handed over so far: reading again goes on after them.
    emitted: usize,
}

impl Workbook {
    /// Open a workbook from its bytes (positioned anywhere) and choose the sheet: the one
    /// named (case-insensitive), else the first. Errors are messages about the file.
    pub(super) fn open(
        mut bytes: Box<dyn ReadSeek>,
        sheet: Option<&str>,
    ) -> Result<Workbook, String> {
        check_shared_strings(&mut bytes)?;
        bytes
            .seek(SeekFrom::Start(0))
            .map_err(|e| format!("cannot read the response file: {e}"))?;
        let parts = scan_parts(&mut bytes)?;
        bytes
            .seek(SeekFrom::Start(0))
            .map_err(|e| format!("cannot read the response file: {e}"))?;
        let workbook =
            Xlsx::new(bytes).map_err(|e| format!("cannot read it as an .xlsx workbook: {e}"))?;
        let names = workbook.sheet_names();
        let sheet = match sheet {
            Some(wanted) => names
                .iter()
                .find(|n| n.eq_ignore_ascii_case(wanted))
                .cloned()
                .ok_or_else(|| {
                    format!(
                        "the workbook has no sheet '{wanted}'; its sheets: {}",
                        names.join(", ")
                    )
                })?,
            None => names
                .first()
                .cloned()
                .ok_or_else(|| "the workbook has no sheet".to_string())?,
        };
        Ok(Workbook {
            workbook: Box::new(workbook),
            sheet,
            ordered: parts.ordered,
            emitted: 0,
        })
    }

    /// The worksheet read.
    pub(super) fn sheet(&self) -> &str {
        &self.sheet
    }

    /// Stream the worksheet's rows as records, cell by cell (the sheet is never held whole),
    /// after those handed over by earlier calls: the cell stream starts again at the top of the
    /// sheet, and the rows already handed over are passed by without a call. Cells are placed
    /// by their references, in whatever order a row lists them; a row split over several
    /// `<row>` elements is read as one. A sheet whose rows go back to an earlier row is read
    /// whole first (within [`MAX_XLSX_PART_BYTES`] of text) and handed over in row order.
    pub(super) fn for_each_record(
        &mut self,
        name: &str,
        f: &mut RecordFn<'_>,
    ) -> Result<(), Problems> {
        let fail = |e: calamine::XlsxError| {
            Problems::from(Problem::file(
                name,
                format!("cannot read the workbook: {e}"),
            ))
        };
        let mut cells = self
            .workbook
            .worksheet_cells_reader(&self.sheet)
            .map_err(fail)?;
        let mut record = StringRecord::new();
        let mut skip = self.emitted;
        let emitted = &mut self.emitted;
        let mut emit = |row_index: u32, row: &[String]| -> Result<ControlFlow<()>, Problems> {
            if row.iter().all(|c| c.trim().is_empty()) {
                return Ok(ControlFlow::Continue(()));
            }
            if skip > 0 {
                skip -= 1;
                return Ok(ControlFlow::Continue(()));
            }
            *emitted += 1;
            record.clear();
            for cell in row {
                record.push_field(cell);
            }
            f(u64::from(row_index) + 1, super::Record::Csv(&record))
        };
        if !self.ordered {
            let mut rows: BTreeMap<u32, Vec<String>> = BTreeMap::new();
            let mut held = 0usize;
            while let Some(cell) = cells.next_cell().map_err(fail)? {
                let (r, c) = cell.get_position();
                let row = rows.entry(r).or_default();
                let mut used = row.len();
                let text = place(name, row, &mut used, r, c)?;
                cell_text(cell.get_value(), text);
                check_length(name, text, r, c)?;
                held += text.len() + 8;
                if held > MAX_XLSX_PART_BYTES as usize {
                    return Err(Problem::file(
                        name,
                        format!(
                            "the worksheet's rows are out of order, and it holds more than {MAX_XLSX_PART_BYTES} bytes of text to put in order; open it in Excel and save it again, or save it as CSV"
                        ),
                    )
                    .into());
                }
            }
            for (r, row) in rows {
                if emit(r, &row)?.is_break() {
                    break;
                }
            }
            return Ok(());
        }
        let mut row: Vec<String> = Vec::new();
        let mut used = 0usize;
        let mut current: Option<u32> = None;
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
            let text = place(name, &mut row, &mut used, r, c)?;
            cell_text(cell.get_value(), text);
            check_length(name, text, r, c)?;
        }
        if let Some(prev) = current {
            let _finished = emit(prev, &row[..used])?;
        }
        Ok(())
    }
}

/// The slot of column `c` in a row being built, of which the first `used` cells are in use (a
/// reused buffer: cells beyond are stale): the row grows with empty cells up to `c`, and a cell
/// listed out of order goes to its own column.
fn place<'r>(
    name: &str,
    row: &'r mut Vec<String>,
    used: &mut usize,
    r: u32,
    c: u32,
) -> Result<&'r mut String, Problems> {
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
    while *used <= c {
        row[*used].clear();
        *used += 1;
    }
    Ok(&mut row[c])
}

/// Refuse a cell longer than [`MAX_FIELD_BYTES`].
fn check_length(name: &str, text: &str, r: u32, c: u32) -> Result<(), Problems> {
    if text.len() > MAX_FIELD_BYTES {
        return Err(Problem::at(
            name,
            u64::from(r) + 1,
            u64::from(c) + 1,
            format!(
                "a cell is longer than {} KiB, the limit",
                MAX_FIELD_BYTES / 1024
            ),
        )
        .into());
    }
    Ok(())
}

/// Refuse a workbook whose shared strings table claims more strings than its part can hold or
/// than [`MAX_XLSX_SHARED_STRINGS`]: calamine reserves memory for the claimed number before
/// reading any (a 10 KB file claiming 4,294,967,295 strings aborted the process asking for
/// 103 GB). Bytes that are not a readable zip are left to calamine to report.
pub(super) fn check_shared_strings(bytes: &mut dyn ReadSeek) -> Result<(), String> {
    let Ok(mut archive) = zip::ZipArchive::new(bytes) else {
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
pub(super) fn unique_count(start: &[u8]) -> Option<u64> {
    let text = String::from_utf8_lossy(start);
    let tag = &text[text.find("<sst")?..];
    let tag = &tag[..tag.find('>').unwrap_or(tag.len())];
    let value = &tag[tag.find("uniqueCount=")? + "uniqueCount=".len()..];
    let value = value.trim_start_matches(['"', '\'']);
    let digits: String = value.chars().take_while(char::is_ascii_digit).collect();
    // Too many digits for a u64 is as bad as the largest u64.
    Some(digits.parse::<u64>().unwrap_or(u64::MAX))
}

/// The text of a workbook cell: whole numbers without a fraction (calamine gives 4 as 4.0),
/// dates as Excel serial numbers, errors as Excel shows them.
pub(super) fn cell_text(value: &DataRef<'_>, out: &mut String) {
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
        // A whole number (what answers are) is written as an integer, which is quicker than
        // formatting a float and gives the same text; -0 and numbers beyond 2^53 keep the float
        // form.
        DataRef::Float(x)
            if x.fract() == 0.0 && x.abs() < 9.0e15 && (*x != 0.0 || x.is_sign_positive()) =>
        {
            write!(out, "{}", *x as i64)
        }
        DataRef::Float(x) => write!(out, "{x}"),
        DataRef::Bool(b) => write!(out, "{}", if *b { "TRUE" } else { "FALSE" }),
        DataRef::DateTime(d) => write!(out, "{d}"),
        DataRef::Error(e) => write!(out, "{e}"),
    };
}
