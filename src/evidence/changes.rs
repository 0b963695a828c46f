//! The figures of change records (the definitions are in docs/evidence.md).

use super::fields::{Field, header_key};
use super::records::{ReadRecords, Ticket};
use super::stats::{Share, Spread, hours};
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, HashSet};

/// The kind of a change, from its type.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) enum ChangeType {
    Standard,
    Normal,
    Emergency,
    Other,
}

impl ChangeType {
    fn of(ticket: &Ticket) -> ChangeType {
        match ticket.text(Field::Type).map(header_key).as_deref() {
            Some("standard") => ChangeType::Standard,
            Some("normal") => ChangeType::Normal,
            Some("emergency") => ChangeType::Emergency,
            _ => ChangeType::Other,
        }
    }

    fn name(self) -> &'static str {
        match self {
            ChangeType::Standard => "standard",
            ChangeType::Normal => "normal",
            ChangeType::Emergency => "emergency",
            ChangeType::Other => "other",
        }
    }
}

/// How a change ended, from its close code (or a cancelled state).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Outcome {
    Successful,
    Failed,
    Cancelled,
    Open,
}

impl Outcome {
    fn of(ticket: &Ticket) -> Outcome {
        let code = ticket.text(Field::CloseCode).map(header_key);
        match code.as_deref() {
            Some("successful") => Outcome::Successful,
            Some("successfulwithissues" | "unsuccessful" | "failed") => Outcome::Failed,
            Some("cancelled" | "canceled") => Outcome::Cancelled,
            _ => match ticket.text(Field::State).map(header_key).as_deref() {
                Some("cancelled" | "canceled") => Outcome::Cancelled,
                _ => Outcome::Open,
            },
        }
    }
}

/// What the change records say.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ChangeFigures {
    /// Changes read (tickets, after an event log's rows are reduced).
    pub records: u64,
    /// Completed changes: closed successful, failed or unsuccessful.
    pub completed: u64,
    /// Cancelled changes, counted apart.
    pub cancelled: u64,
    /// Share of completed changes that are standard.
    pub standard_share: Share,
    /// Share of completed changes that are normal.
    pub normal_share: Share,
    /// Share of completed changes that are emergencies.
    pub emergency_share: Share,
    /// Share of completed changes that failed (closed unsuccessful or successful with issues,
    /// or named as the cause of an incident).
    pub failure_rate: Share,
    /// Share of completed changes that did not fail.
    pub success_rate: Share,
    /// Days from opened to closed (else to the end date) of completed changes: `all` first,
    /// then per type.
    pub lead_time_days: Vec<LeadTime>,
    /// Why lead times are missing, when they are.
    pub lead_time_note: Option<String>,
    /// Completed changes per calendar month of closing (else of the end date), every month
    /// from the first to the last.
    pub per_month: Vec<MonthCount>,
}

/// The lead time of one type of change.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct LeadTime {
    /// `all`, `standard`, `normal`, `emergency` or `other`.
    pub change_type: String,
    /// Median and 90th percentile, in days.
    #[serde(flatten)]
    pub days: Spread,
}

/// Completed changes in one month.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MonthCount {
    /// `YYYY-MM`.
    pub month: String,
    /// Every completed change.
    pub completed: u64,
    /// Standard changes.
    pub standard: u64,
    /// Normal changes.
    pub normal: u64,
    /// Emergency changes.
    pub emergency: u64,
    /// Changes of another or no type.
    pub other: u64,
}

/// The figures of every change file, pooled; `caused` holds the change numbers incidents
/// name as their cause (empty without incidents).
pub(crate) fn change_figures(files: &[ReadRecords], caused: &HashSet<String>) -> ChangeFigures {
    let tickets: Vec<&Ticket> = files.iter().flat_map(|f| &f.tickets).collect();
    let outcome: Vec<Outcome> = tickets.iter().map(|t| Outcome::of(t)).collect();
    let done: Vec<(&Ticket, Outcome)> = tickets
        .iter()
        .zip(&outcome)
        .filter(|(_, o)| matches!(o, Outcome::Successful | Outcome::Failed))
        .map(|(t, o)| (*t, *o))
        .collect();
    let completed = done.len() as u64;
    let of_type = |k: ChangeType| Share::count(&done, |(t, _)| ChangeType::of(t) == k);
    let failed = |(t, o): &&(&Ticket, Outcome)| {
        *o == Outcome::Failed || t.text(Field::Number).is_some_and(|n| caused.contains(n))
    };
    let failure_rate = Share::count(&done, failed);
    let has_opened = files.iter().any(|f| f.has(Field::OpenedAt));
    let lead = |k: Option<ChangeType>| {
        let days = done
            .iter()
            .filter(|(t, _)| k.is_none_or(|k| ChangeType::of(t) == k))
            .filter_map(|(t, _)| hours(t.time(Field::OpenedAt), ended(t)).map(|h| h / 24.0))
            .collect();
        LeadTime {
            change_type: k.map_or("all", ChangeType::name).to_string(),
            days: Spread::of(days),
        }
    };
    let types = [
        ChangeType::Standard,
        ChangeType::Normal,
        ChangeType::Emergency,
        ChangeType::Other,
    ];
    ChangeFigures {
        records: tickets.len() as u64,
        completed,
        cancelled: outcome.iter().filter(|o| **o == Outcome::Cancelled).count() as u64,
        standard_share: of_type(ChangeType::Standard),
        normal_share: of_type(ChangeType::Normal),
        emergency_share: of_type(ChangeType::Emergency),
        failure_rate,
        success_rate: Share::of(completed - failure_rate.count, completed),
        lead_time_days: std::iter::once(None)
            .chain(types.map(Some))
            .map(lead)
            .collect(),
        lead_time_note: (!has_opened).then(|| {
            "the change records have no opened timestamp (opened_at, sys_created_on or Created), so lead times were not worked out".to_string()
        }),
        per_month: per_month(done.iter().map(|(t, _)| *t)),
    }
}

/// When a change ended: closed, else its end date.
fn ended(t: &Ticket) -> Option<jiff::civil::DateTime> {
    t.time(Field::ClosedAt).or(t.time(Field::EndDate))
}

/// Completed changes per month of ending, with every month between the first and the last.
fn per_month<'a>(done: impl Iterator<Item = &'a Ticket>) -> Vec<MonthCount> {
    let mut months: BTreeMap<(i16, i8), MonthCount> = BTreeMap::new();
    for t in done {
        let Some(end) = ended(t) else { continue };
        let key = (end.year(), end.month());
        let m = months.entry(key).or_insert_with(|| empty_month(key));
        m.completed += 1;
        match ChangeType::of(t) {
            ChangeType::Standard => m.standard += 1,
            ChangeType::Normal => m.normal += 1,
            ChangeType::Emergency => m.emergency += 1,
            ChangeType::Other => m.other += 1,
        }
    }
    let (Some(&first), Some(&last)) = (months.keys().next(), months.keys().next_back()) else {
        return Vec::new();
    };
    let mut out = Vec::new();
    let mut key = first;
    while key <= last {
        out.push(months.remove(&key).unwrap_or_else(|| empty_month(key)));
        key = if key.1 == 12 {
            (key.0 + 1, 1)
        } else {
            (key.0, key.1 + 1)
        };
    }
    out
}

fn empty_month((year, month): (i16, i8)) -> MonthCount {
    MonthCount {
        month: format!("{year:04}-{month:02}"),
        completed: 0,
        standard: 0,
        normal: 0,
        emergency: 0,
        other: 0,
    }
}
