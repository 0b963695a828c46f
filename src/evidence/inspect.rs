//! `itsm-assess inspect --changes FILE` (or `--incidents FILE`): how a records export is
//! understood, and a starter evidence mapping for what is not.

use super::dates::DateOrder;
use super::fields::Field;
use super::mapping::RecordMapping;
use super::records::read_records;
use crate::error::Problems;
use crate::job::{Job, ResponseInput};
use crate::output::{self, Destination};
use crate::responses::Source;
use std::fmt;
use std::path::Path;

/// How one records export was understood.
#[derive(Debug, Clone)]
pub struct RecordsReport {
    /// The file.
    pub name: String,
    /// Data rows read.
    pub rows: u64,
    /// Tickets after an event log's rows are reduced to each ticket's last one.
    pub tickets: u64,
    /// Each column's header and the field it is read as (`None`: not read).
    pub columns: Vec<(String, Option<Field>)>,
    /// The order numeric dates were read in, when the file has any.
    pub date_order: Option<DateOrder>,
}

/// Read one records export as `score` would and say how it was understood.
pub fn inspect_records(
    source: Source,
    mapping: &RecordMapping,
    sheet: Option<&str>,
) -> Result<RecordsReport, Problems> {
    let read = read_records(source, mapping, sheet)?;
    Ok(RecordsReport {
        tickets: read.tickets.len() as u64,
        rows: read.rows,
        name: read.name,
        columns: read.columns,
        date_order: read.date_order,
    })
}

impl RecordsReport {
    /// A starter evidence mapping: every column with the field it is read as, columns not read
    /// left empty (`~`) for the user to fill in or keep unread, and the date order found.
    pub fn starter_mapping(&self) -> String {
        let mut out = String::from(
            "# Evidence mapping: column header -> record field (~ leaves a column unread).\n\
             # Fields: ",
        );
        out.push_str(&Field::ALL.map(Field::name).join(", "));
        out.push_str("\ncolumns:\n");
        for (header, field) in &self.columns {
            let quoted = serde_json::to_string(header).unwrap_or_else(|_| "\"\"".into());
            match field {
                Some(f) => out.push_str(&format!("  {quoted}: {}\n", f.name())),
                None => out.push_str(&format!("  {quoted}: ~\n")),
            }
        }
        out.push_str(
            "# values:            # per field: value as exported -> value read\n\
             #   type:\n\
             #     Pre-approved: standard\n\
             #   close_code:\n\
             #     Successful with issues: failed\n",
        );
        out.push_str(match self.date_order {
            Some(DateOrder::MonthFirst) => "date_format: month-first\n",
            Some(DateOrder::DayFirst) => "date_format: day-first\n",
            None => "# date_format: day-first   # or month-first, for numeric dates\n",
        });
        out
    }
}

impl fmt::Display for RecordsReport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(
            f,
            "{}: {} rows, {} tickets",
            self.name, self.rows, self.tickets
        )?;
        if self.rows > self.tickets {
            writeln!(
                f,
                "  an event log (several rows per ticket): each ticket's last row (by its latest timestamp, else the file's order) gives its fields"
            )?;
        }
        match self.date_order {
            Some(DateOrder::DayFirst) => writeln!(f, "  numeric dates read day first")?,
            Some(DateOrder::MonthFirst) => writeln!(f, "  numeric dates read month first")?,
            None => {}
        }
        for (header, field) in &self.columns {
            let header = crate::output::terminal_safe(header);
            match field {
                Some(field) => writeln!(f, "  {header:<28} -> {}", field.name())?,
                None => writeln!(f, "  {header:<28}    not read")?,
            }
        }
        Ok(())
    }
}

/// The command: print how the records export at `path` is understood and, when asked, write a
/// starter evidence mapping to `write_to`.
pub fn run(job: &Job, path: &Path, write_to: Option<&Destination>) -> anyhow::Result<()> {
    let source = ResponseInput::from_arg(path).open();
    let report = inspect_records(source, &job.records.mapping, job.read.sheet.as_deref())?;
    if let Some(dest) = write_to {
        output::write(dest, report.starter_mapping().as_bytes())?;
        if let Destination::File(path) = dest {
            eprintln!(
                "itsm-assess: wrote a starter evidence mapping to {}",
                path.display()
            );
        }
    }
    output::write(&Destination::Stdout, report.to_string().as_bytes())
}
