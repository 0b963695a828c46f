//! Action status: which planned actions are done, under way, not started or dropped, read from
//! a CSV the consultant keeps as the work goes on.
//!
//! Two layouts are read, told apart by their header row (names compared without case):
//!
//! - **The tool's own**: an `id` column and a `status` column, with an optional `date` column.
//!   The roadmap CSV (`roadmap -f csv`) with a `status` column added and filled in is one; a
//!   plain `id,status,date` file is another.
//! - **A Jira export**: `Summary`, `Issue key` and `Status` columns; the action id is the first
//!   word of the summary that is the id of an action of the questionnaire (`CE-A2: Name an
//!   owner`), and the date, if any, is the `Resolved` column. Rows whose summary names no
//!   action are other work in the same project and are passed over.
//!
//! Statuses: `done` (also `closed`, `resolved`, `complete`, `completed`), `in progress` (also
//! `in review`, `started`, `doing`), `not started` (also `to do`, `todo`, `open`, `backlog`, or
//! an empty cell) and `dropped` (also `won't do`, `cancelled`, `canceled`, `rejected`); case,
//! spaces, hyphens and underscores do not matter. Anything else, an unknown action id or an
//! action given twice is an error naming the file, line and column.

use crate::error::{Problem, Problems};
use crate::questionnaire::Questionnaire;
use serde::Serialize;
use std::path::Path;

/// The largest status file read.
pub const MAX_STATUS_BYTES: u64 = 16 * 1024 * 1024;

/// Where an action stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ActionState {
    /// Finished: it counts as in place.
    Done,
    /// Under way.
    InProgress,
    /// Not begun.
    NotStarted,
    /// Given up.
    Dropped,
}

impl ActionState {
    /// Read a status cell (see the module doc); `None` when it is not a known status.
    pub fn parse(cell: &str) -> Option<ActionState> {
        let key: String = cell
            .chars()
            .filter(|c| !matches!(c, ' ' | '-' | '_' | '\''))
            .flat_map(char::to_lowercase)
            .collect();
        Some(match key.as_str() {
            "done" | "closed" | "resolved" | "complete" | "completed" => ActionState::Done,
            "inprogress" | "inreview" | "started" | "doing" => ActionState::InProgress,
            "" | "notstarted" | "todo" | "open" | "backlog" => ActionState::NotStarted,
            "dropped" | "wontdo" | "cancelled" | "canceled" | "rejected" => ActionState::Dropped,
            _ => return None,
        })
    }

    /// The words for it.
    pub fn words(self) -> &'static str {
        match self {
            ActionState::Done => "done",
            ActionState::InProgress => "in progress",
            ActionState::NotStarted => "not started",
            ActionState::Dropped => "dropped",
        }
    }
}

/// One action's status.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ActionStatus {
    /// The action's id.
    pub id: String,
    /// Where it stands.
    pub state: ActionState,
    /// The date given with it, as written.
    pub date: Option<String>,
    /// The phase the file puts it in (the roadmap CSV's `phase_name`), if it says.
    pub phase: Option<String>,
}

/// The statuses of a status file, in questionnaire order of the actions.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize)]
pub struct ActionStatuses {
    /// The file, as given.
    pub file: String,
    /// One entry per action the file names.
    pub actions: Vec<ActionStatus>,
}

impl ActionStatuses {
    /// The state of an action; `None` when the file does not name it.
    pub fn state(&self, id: &str) -> Option<ActionState> {
        self.actions.iter().find(|a| a.id == id).map(|a| a.state)
    }
}

/// Read a status file against a questionnaire (see the module doc).
pub fn load_status(path: &Path, q: &Questionnaire) -> Result<ActionStatuses, Problems> {
    let text = crate::input::read_text_file(path, MAX_STATUS_BYTES, "status")?;
    parse_status(&text, &path.display().to_string(), q)
}

/// The columns a layout reads.
struct Layout {
    /// The id column, or (Jira) the summary column the id is found in.
    id: usize,
    jira: bool,
    status: usize,
    date: Option<usize>,
    phase: Option<usize>,
}

impl Layout {
    fn of(header: &csv::StringRecord, file: &str) -> Result<Layout, Problems> {
        let find = |name: &str| {
            header
                .iter()
                .position(|h| h.trim().eq_ignore_ascii_case(name))
        };
        let status = find("status").ok_or_else(|| {
            Problems::from(Problem::at(
                file,
                1,
                1,
                "has no 'status' column: expected id,status[,date], the roadmap CSV with a status column, or a Jira export (Summary, Issue key, Status)",
            ))
        })?;
        if let (Some(summary), Some(_)) = (find("summary"), find("issue key")) {
            return Ok(Layout {
                id: summary,
                jira: true,
                status,
                date: find("resolved"),
                phase: None,
            });
        }
        let id = find("id").ok_or_else(|| {
            Problems::from(Problem::at(
                file,
                1,
                1,
                "has no 'id' column (nor the 'Summary' and 'Issue key' columns of a Jira export)",
            ))
        })?;
        Ok(Layout {
            id,
            jira: false,
            status,
            date: find("date"),
            phase: find("phase_name"),
        })
    }
}

/// Parse status CSV text as [`load_status`] does; `file` names it in messages.
pub fn parse_status(text: &str, file: &str, q: &Questionnaire) -> Result<ActionStatuses, Problems> {
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(text.as_bytes());
    let mut records = reader.records();
    let header = match records.next() {
        Some(Ok(h)) => h,
        Some(Err(e)) => return Err(csv_problem(file, &e)),
        None => return Err(Problem::file(file, "is empty: expected a header row").into()),
    };
    let layout = Layout::of(&header, file)?;
    let ids: Vec<&str> = q.actions().map(|(_, a)| a.id.as_str()).collect();
    let mut found: Vec<(usize, ActionStatus, u64)> = Vec::new();
    let mut problems = Vec::new();
    for record in records {
        let record = record.map_err(|e| csv_problem(file, &e))?;
        let line = record.position().map_or(0, csv::Position::line);
        let cell = |i: usize| record.get(i).unwrap_or("").trim();
        let column = |i: usize| i as u64 + 1;
        if record.iter().all(|c| c.trim().is_empty()) {
            continue;
        }
        let named = if layout.jira {
            match cell(layout.id)
                .split(|c: char| {
                    c.is_whitespace() || matches!(c, ':' | ',' | '(' | ')' | '[' | ']')
                })
                .find_map(|word| ids.iter().position(|id| *id == word))
            {
                Some(i) => i,
                None => continue,
            }
        } else {
            match ids.iter().position(|id| *id == cell(layout.id)) {
                Some(i) => i,
                None => {
                    problems.push(Problem::at(
                        file,
                        line,
                        column(layout.id),
                        format!(
                            "'{}' is not an action of questionnaire '{}'",
                            cell(layout.id),
                            q.id
                        ),
                    ));
                    continue;
                }
            }
        };
        let Some(state) = ActionState::parse(cell(layout.status)) else {
            problems.push(Problem::at(
                file,
                line,
                column(layout.status),
                format!(
                    "'{}' is not a status: expected done, in progress, not started or dropped",
                    cell(layout.status)
                ),
            ));
            continue;
        };
        if let Some((_, _, earlier)) = found.iter().find(|(i, _, _)| *i == named) {
            problems.push(Problem::at(
                file,
                line,
                column(layout.id),
                format!(
                    "action '{}' is given twice (first on line {earlier})",
                    ids[named]
                ),
            ));
            continue;
        }
        let optional =
            |column: Option<usize>| column.map(cell).filter(|d| !d.is_empty()).map(String::from);
        let (date, phase) = (optional(layout.date), optional(layout.phase));
        found.push((
            named,
            ActionStatus {
                id: ids[named].to_string(),
                state,
                date,
                phase,
            },
            line,
        ));
    }
    if !problems.is_empty() {
        return Err(Problems(problems));
    }
    found.sort_by_key(|(i, _, _)| *i);
    Ok(ActionStatuses {
        file: file.to_string(),
        actions: found.into_iter().map(|(_, s, _)| s).collect(),
    })
}

fn csv_problem(file: &str, e: &csv::Error) -> Problems {
    let line = e.position().map_or(0, csv::Position::line);
    Problem::at(file, line, 0, format!("is not readable CSV: {e}")).into()
}

#[cfg(test)]
#[path = "progress_tests.rs"]
mod tests;
