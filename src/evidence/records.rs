//! Reading a change or incident export into tickets: the response reader's sources (the same
//! encodings, delimiters and workbooks), the header matched to [`Field`]s, every other column
//! passed over unread, dates settled for the whole file, and event logs (several rows per
//! ticket) reduced to each ticket's last row.

use super::dates::{DateOrder, Stamp, parse_stamp};
use super::fields::{Field, built_in_field};
use super::mapping::RecordMapping;
use crate::error::{Problem, Problems};
use crate::responses::Source;
use jiff::civil::DateTime;
use std::collections::HashMap;
use std::ops::ControlFlow;

/// One ticket's final fields: the last row of its number.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Ticket {
    texts: Vec<Option<String>>,
    times: Vec<Option<DateTime>>,
}

impl Ticket {
    /// A text field (values mapped as the mapping says), `None` when empty or not exported.
    pub(crate) fn text(&self, field: Field) -> Option<&str> {
        self.texts[field.index()].as_deref()
    }

    /// A timestamp field.
    pub(crate) fn time(&self, field: Field) -> Option<DateTime> {
        self.times[field.index()]
    }

    /// The latest of the row's timestamps.
    fn latest(&self) -> Option<DateTime> {
        self.times.iter().flatten().max().copied()
    }
}

/// What reading one export gave.
#[derive(Debug, Clone)]
pub(crate) struct ReadRecords {
    /// The file, for messages.
    pub(crate) name: String,
    /// The tickets, in the order their numbers first appear.
    pub(crate) tickets: Vec<Ticket>,
    /// Data rows read.
    pub(crate) rows: u64,
    /// Each column's header and the field it was read as (`None`: not read).
    pub(crate) columns: Vec<(String, Option<Field>)>,
    /// The date order numeric dates were read in, when the file has any.
    pub(crate) date_order: Option<DateOrder>,
}

impl ReadRecords {
    /// Whether some column was read as `field`.
    pub(crate) fn has(&self, field: Field) -> bool {
        self.columns.iter().any(|(_, f)| *f == Some(field))
    }
}

/// A data row before its dates are settled.
struct RawRow {
    line: u64,
    texts: Vec<Option<String>>,
    stamps: Vec<Option<(u64, Stamp)>>,
}

/// Read one export. Problems name the file, line and column.
pub(crate) fn read_records(
    source: Source,
    mapping: &RecordMapping,
    sheet: Option<&str>,
) -> Result<ReadRecords, Problems> {
    let name = source.name().to_string();
    let mut opened = source.open(None, sheet)?;
    let mut columns: Vec<(String, Option<Field>)> = Vec::new();
    let mut rows: Vec<RawRow> = Vec::new();
    let mut problems: Vec<Problem> = Vec::new();
    opened.for_each_record(&mut |line, record| {
        if columns.is_empty() {
            columns = header_fields(record.iter(), mapping);
            return Ok(ControlFlow::Continue(()));
        }
        let mut row = RawRow {
            line,
            texts: vec![None; Field::ALL.len()],
            stamps: vec![None; Field::ALL.len()],
        };
        for (i, cell) in record.iter().enumerate() {
            let Some((_, Some(field))) = columns.get(i) else {
                continue;
            };
            let cell = cell.trim();
            if cell.is_empty() {
                continue;
            }
            if field.is_time() {
                match parse_stamp(cell) {
                    Some(stamp) => row.stamps[field.index()] = Some((i as u64 + 1, stamp)),
                    None => problems.push(Problem::at(
                        &name,
                        line,
                        i as u64 + 1,
                        format!(
                            "{} '{cell}' is not a date this reader knows (YYYY-MM-DD, DD/MM/YYYY or MM/DD/YYYY, each with an optional time)",
                            field.name()
                        ),
                    )),
                }
            } else {
                let value = mapping.value(*field, cell).unwrap_or(cell);
                row.texts[field.index()] = Some(value.to_string());
            }
        }
        rows.push(row);
        Ok(ControlFlow::Continue(()))
    })?;
    if !problems.is_empty() {
        return Err(Problems(problems));
    }
    if !columns.iter().any(|(_, f)| *f == Some(Field::Number)) {
        return Err(Problem::file(
            &name,
            "has no ticket number column (such as number, Number or Issue key); map one to `number` in the evidence mapping",
        )
        .into());
    }
    let date_order = date_order(&name, &rows, mapping)?;
    let tickets = last_rows(&name, rows, date_order)?;
    Ok(ReadRecords {
        name,
        rows: tickets.1,
        tickets: tickets.0,
        columns,
        date_order,
    })
}

/// The field of each header: the mapping's, else the built-in names; a field already taken by
/// an earlier column is not read again.
fn header_fields<'a>(
    headers: impl Iterator<Item = &'a str>,
    mapping: &RecordMapping,
) -> Vec<(String, Option<Field>)> {
    let mut taken = Vec::new();
    headers
        .map(|h| {
            let field = mapping
                .column(h)
                .unwrap_or_else(|| built_in_field(h))
                .filter(|f| !taken.contains(f));
            taken.extend(field);
            (h.trim().to_string(), field)
        })
        .collect()
}

/// The order of numeric dates: the mapping's, else what the file's dates settle. A file whose
/// dates settle both orders, or none while some are numeric, is an error.
fn date_order(
    name: &str,
    rows: &[RawRow],
    mapping: &RecordMapping,
) -> Result<Option<DateOrder>, Problems> {
    let stamps = || {
        rows.iter().flat_map(|r| {
            r.stamps
                .iter()
                .flatten()
                .map(move |(c, s)| (r.line, *c, *s))
        })
    };
    let numeric = stamps().find(|(_, _, s)| matches!(s, Stamp::Numeric { .. }));
    if mapping.date_format.is_some() || numeric.is_none() {
        return Ok(mapping.date_format.or(numeric.map(|_| DateOrder::DayFirst)));
    }
    let day = stamps().find(|(_, _, s)| s.settles() == Some(DateOrder::DayFirst));
    let month = stamps().find(|(_, _, s)| s.settles() == Some(DateOrder::MonthFirst));
    match (day, month) {
        (Some(_), None) => Ok(Some(DateOrder::DayFirst)),
        (None, Some(_)) => Ok(Some(DateOrder::MonthFirst)),
        (Some((dl, dc, _)), Some((ml, mc, _))) => Err(Problem::file(
            name,
            format!(
                "its dates are written both day first (line {dl}, column {dc}) and month first (line {ml}, column {mc}); \
                 export them in one format"
            ),
        )
        .into()),
        (None, None) => {
            let (line, column, _) = numeric.expect("checked above");
            Err(Problem::at(
                name,
                line,
                column,
                "no date in the file shows whether numeric dates are day first or month first (no number above 12); \
                 give `date_format: day-first` or `date_format: month-first` in the evidence mapping",
            )
            .into())
        }
    }
}

/// Settle each row's dates and keep each ticket's last row: the one with the latest timestamp,
/// the later in the file on a tie. Tickets come in the order their numbers first appear; the
/// count of rows read comes back beside them.
fn last_rows(
    name: &str,
    rows: Vec<RawRow>,
    order: Option<DateOrder>,
) -> Result<(Vec<Ticket>, u64), Problems> {
    let mut tickets: Vec<Ticket> = Vec::new();
    let mut index: HashMap<String, usize> = HashMap::new();
    let mut problems = Vec::new();
    let count = rows.len() as u64;
    for row in rows {
        let Some(number) = row.texts[Field::Number.index()].clone() else {
            problems.push(Problem::at(
                name,
                row.line,
                0,
                "the row has no ticket number",
            ));
            continue;
        };
        let mut times = vec![None; Field::ALL.len()];
        for (i, stamp) in row.stamps.iter().enumerate() {
            if let Some((column, stamp)) = stamp {
                match stamp.resolve(order.unwrap_or(DateOrder::DayFirst)) {
                    Some(t) => times[i] = Some(t),
                    None => problems.push(Problem::at(
                        name,
                        row.line,
                        *column,
                        "is not a day of the calendar",
                    )),
                }
            }
        }
        let ticket = Ticket {
            texts: row.texts,
            times,
        };
        match index.get(&number) {
            Some(&i) => {
                if ticket.latest() >= tickets[i].latest() {
                    tickets[i] = ticket;
                }
            }
            None => {
                index.insert(number, tickets.len());
                tickets.push(ticket);
            }
        }
    }
    if problems.is_empty() {
        Ok((tickets, count))
    } else {
        Err(Problems(problems))
    }
}
