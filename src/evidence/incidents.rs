//! The figures of incident records (the definitions are in docs/evidence.md).

use super::fields::{Field, header_key};
use super::records::{ReadRecords, Ticket};
use super::stats::{Share, Spread, hours};
use serde::{Deserialize, Serialize};
use std::collections::HashSet;

/// What the incident records say.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct IncidentFigures {
    /// Incidents read (tickets, after an event log's rows are reduced).
    pub records: u64,
    /// Incidents with a resolved or closed timestamp.
    pub resolved: u64,
    /// Per priority, highest first: its share of the incidents that have a priority, its
    /// median hours to restore, and its share of service levels met.
    pub priorities: Vec<PriorityFigures>,
    /// The largest share of one priority.
    pub dominant_priority_share: Share,
    /// Hours from opened to resolved (else closed), over every resolved incident.
    pub restore_hours: Spread,
    /// The median restore time of the highest priority with data over that of the lowest;
    /// near 1 when every issue is treated the same.
    pub priority_speed_ratio: Option<f64>,
    /// Share of incidents with a `made_sla` value whose service level was met.
    pub sla_met_share: Share,
    /// Share of incidents with a reassignment count that were reassigned twice or more.
    pub reassigned_share: Share,
    /// Share of incidents with a reopen count that were reopened at least once.
    pub reopened_share: Share,
    /// Share of incidents with a reassignment count that were never reassigned.
    pub first_assignment_share: Share,
    /// Share of incidents linked to a problem (null when the export has no problem column).
    pub problem_linked_share: Share,
    /// Share of incidents caused by a change (null when the export has no caused-by column).
    pub change_caused_share: Share,
}

/// The figures of one priority.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PriorityFigures {
    /// The priority as exported (the first spelling met).
    pub priority: String,
    /// Its rank: 1 is the highest (a leading number, else the name); null when unknown.
    pub rank: Option<u32>,
    /// Its share of the incidents with a priority.
    pub share: Share,
    /// Hours to restore.
    pub restore_hours: Spread,
    /// Share of its incidents with a `made_sla` value whose service level was met.
    pub sla_met_share: Share,
}

/// The rank of a priority: its leading number (`1 - Critical`), else its name (critical and
/// highest 1, high 2, medium and moderate 3, low 4, lowest and planning 5).
fn rank(priority: &str) -> Option<u32> {
    let digits: String = priority
        .trim()
        .chars()
        .take_while(char::is_ascii_digit)
        .collect();
    if let Ok(n) = digits.parse() {
        return Some(n);
    }
    match header_key(priority).as_str() {
        "critical" | "highest" | "blocker" | "p1" => Some(1),
        "high" | "major" | "p2" => Some(2),
        "medium" | "moderate" | "p3" => Some(3),
        "low" | "minor" | "p4" => Some(4),
        "lowest" | "planning" | "trivial" | "p5" => Some(5),
        _ => None,
    }
}

/// A yes/no cell.
fn flag(text: Option<&str>) -> Option<bool> {
    match header_key(text?).as_str() {
        "true" | "yes" | "1" | "y" => Some(true),
        "false" | "no" | "0" | "n" => Some(false),
        _ => None,
    }
}

/// A whole-number cell.
fn count(text: Option<&str>) -> Option<u64> {
    text?
        .trim()
        .parse::<f64>()
        .ok()
        .filter(|n| *n >= 0.0)
        .map(|n| n as u64)
}

/// When an incident's service was restored: resolved, else closed.
fn restored(t: &Ticket) -> Option<jiff::civil::DateTime> {
    t.time(Field::ResolvedAt).or(t.time(Field::ClosedAt))
}

/// The figures of every incident file, pooled.
pub(crate) fn incident_figures(files: &[ReadRecords]) -> IncidentFigures {
    let all: Vec<&Ticket> = files.iter().flat_map(|f| &f.tickets).collect();
    let restore = |ts: &[&Ticket]| {
        Spread::of(
            ts.iter()
                .filter_map(|t| hours(t.time(Field::OpenedAt), restored(t)))
                .collect(),
        )
    };
    let sla = |ts: &[&Ticket]| {
        Share::count(
            ts.iter().filter_map(|t| flag(t.text(Field::MadeSla))),
            |met| *met,
        )
    };
    let priorities = priority_figures(&all, restore, sla);
    let with_priority: u64 = priorities.iter().map(|p| p.share.count).sum();
    let dominant = priorities.iter().map(|p| p.share.count).max().unwrap_or(0);
    let ranked: Vec<&PriorityFigures> = priorities
        .iter()
        .filter(|p| p.rank.is_some() && p.restore_hours.median.is_some())
        .collect();
    let ratio = match (ranked.first(), ranked.last()) {
        (Some(high), Some(low)) if ranked.len() > 1 => {
            let (h, l) = (high.restore_hours.median, low.restore_hours.median);
            h.zip(l).filter(|(_, l)| *l > 0.0).map(|(h, l)| h / l)
        }
        _ => None,
    };
    let reassign: Vec<u64> = all
        .iter()
        .filter_map(|t| count(t.text(Field::ReassignmentCount)))
        .collect();
    let linked = |field: Field| {
        if files.iter().any(|f| f.has(field)) {
            Share::count(&all, |t| t.text(field).is_some())
        } else {
            Share::of(0, 0)
        }
    };
    IncidentFigures {
        records: all.len() as u64,
        resolved: all.iter().filter(|t| restored(t).is_some()).count() as u64,
        dominant_priority_share: Share::of(dominant, with_priority),
        restore_hours: restore(&all),
        priority_speed_ratio: ratio,
        sla_met_share: sla(&all),
        reassigned_share: Share::count(&reassign, |n| **n >= 2),
        reopened_share: Share::count(
            all.iter().filter_map(|t| count(t.text(Field::ReopenCount))),
            |n| *n >= 1,
        ),
        first_assignment_share: Share::count(&reassign, |n| **n == 0),
        problem_linked_share: linked(Field::ProblemId),
        change_caused_share: linked(Field::CausedBy),
        priorities,
    }
}

/// The figures per priority, highest rank first (unranked priorities last, by name).
fn priority_figures(
    all: &[&Ticket],
    restore: impl Fn(&[&Ticket]) -> Spread,
    sla: impl Fn(&[&Ticket]) -> Share,
) -> Vec<PriorityFigures> {
    let mut groups: Vec<(Option<u32>, String, String, Vec<&Ticket>)> = Vec::new();
    for t in all {
        let Some(p) = t.text(Field::Priority) else {
            continue;
        };
        let r = rank(p);
        let key = match r {
            Some(n) => n.to_string(),
            None => header_key(p),
        };
        match groups.iter_mut().find(|g| g.2 == key) {
            Some(g) => g.3.push(t),
            None => groups.push((r, p.trim().to_string(), key, vec![t])),
        }
    }
    groups.sort_by(|a, b| (a.0.is_none(), a.0, &a.2).cmp(&(b.0.is_none(), b.0, &b.2)));
    let total: u64 = groups.iter().map(|g| g.3.len() as u64).sum();
    groups
        .into_iter()
        .map(|(rank, priority, _, ts)| PriorityFigures {
            priority,
            rank,
            share: Share::of(ts.len() as u64, total),
            restore_hours: restore(&ts),
            sla_met_share: sla(&ts),
        })
        .collect()
}

/// The change numbers incidents name as their cause.
pub(crate) fn causing_changes(files: &[ReadRecords]) -> HashSet<String> {
    files
        .iter()
        .flat_map(|f| &f.tickets)
        .filter_map(|t| t.text(Field::CausedBy))
        .map(|n| n.trim().to_string())
        .collect()
}
