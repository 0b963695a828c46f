//! The fields a change or incident record is read into, and the column headers that mean them
//! in ServiceNow exports (field names and display labels) and Jira Service Management CSV
//! exports. People (caller, assigned to, opened by, requested for) have no field: their
//! columns are never read.

use serde::{Deserialize, Serialize};

/// A field of a change or incident record.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Field {
    /// The ticket's number (its key): rows with the same number are one ticket.
    Number,
    /// The change type (standard, normal, emergency) or the issue type.
    Type,
    /// The state or status.
    State,
    /// When the ticket was opened (created).
    OpenedAt,
    /// When the change's work was planned to start.
    StartDate,
    /// When the change's work ended.
    EndDate,
    /// When the ticket was closed.
    ClosedAt,
    /// How a change closed (successful, successful with issues, unsuccessful, cancelled).
    CloseCode,
    /// The priority.
    Priority,
    /// The impact.
    Impact,
    /// The urgency.
    Urgency,
    /// When the incident was resolved (service restored).
    ResolvedAt,
    /// Whether the service level was met.
    MadeSla,
    /// How many times the ticket was passed to another group.
    ReassignmentCount,
    /// How many times the ticket was reopened.
    ReopenCount,
    /// The change that caused the incident.
    CausedBy,
    /// The change linked to the incident.
    Rfc,
    /// The problem linked to the incident.
    ProblemId,
    /// The team the ticket is assigned to (a group, never a person).
    AssignmentGroup,
    /// When the row was written (one row per update in an event log).
    UpdatedAt,
}

impl Field {
    /// Every field, in the order a starter mapping lists them.
    pub const ALL: [Field; 20] = [
        Field::Number,
        Field::Type,
        Field::State,
        Field::OpenedAt,
        Field::StartDate,
        Field::EndDate,
        Field::ClosedAt,
        Field::CloseCode,
        Field::Priority,
        Field::Impact,
        Field::Urgency,
        Field::ResolvedAt,
        Field::MadeSla,
        Field::ReassignmentCount,
        Field::ReopenCount,
        Field::CausedBy,
        Field::Rfc,
        Field::ProblemId,
        Field::AssignmentGroup,
        Field::UpdatedAt,
    ];

    /// The field's name in a mapping file and in messages.
    pub fn name(self) -> &'static str {
        match self {
            Field::Number => "number",
            Field::Type => "type",
            Field::State => "state",
            Field::OpenedAt => "opened_at",
            Field::StartDate => "start_date",
            Field::EndDate => "end_date",
            Field::ClosedAt => "closed_at",
            Field::CloseCode => "close_code",
            Field::Priority => "priority",
            Field::Impact => "impact",
            Field::Urgency => "urgency",
            Field::ResolvedAt => "resolved_at",
            Field::MadeSla => "made_sla",
            Field::ReassignmentCount => "reassignment_count",
            Field::ReopenCount => "reopen_count",
            Field::CausedBy => "caused_by",
            Field::Rfc => "rfc",
            Field::ProblemId => "problem_id",
            Field::AssignmentGroup => "assignment_group",
            Field::UpdatedAt => "updated_at",
        }
    }

    /// The field a mapping file names.
    pub fn from_name(name: &str) -> Option<Field> {
        Field::ALL.into_iter().find(|f| f.name() == name.trim())
    }

    /// Whether the field holds a timestamp.
    pub fn is_time(self) -> bool {
        matches!(
            self,
            Field::OpenedAt
                | Field::StartDate
                | Field::EndDate
                | Field::ClosedAt
                | Field::ResolvedAt
                | Field::UpdatedAt
        )
    }

    /// The index of the field in [`Field::ALL`].
    pub(crate) fn index(self) -> usize {
        self as usize
    }
}

/// A header reduced to its letters and digits, lowercased: `Close code`, `close_code` and
/// `CLOSE-CODE` compare equal.
pub(crate) fn header_key(header: &str) -> String {
    header
        .chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect()
}

/// The field a column header means in a ServiceNow or Jira export, if any (compared by
/// [`header_key`]). Columns that name people match nothing.
pub fn built_in_field(header: &str) -> Option<Field> {
    let field = match header_key(header).as_str() {
        "number" | "issuekey" | "key" => Field::Number,
        "type" | "issuetype" | "changetype" => Field::Type,
        "state" | "status" | "incidentstate" => Field::State,
        "openedat" | "opened" | "syscreatedon" | "created" | "createdon" => Field::OpenedAt,
        "startdate" | "plannedstartdate" => Field::StartDate,
        "enddate" | "plannedenddate" => Field::EndDate,
        "closedat" | "closed" => Field::ClosedAt,
        "closecode" | "resolution" | "resolutioncode" => Field::CloseCode,
        "priority" => Field::Priority,
        "impact" => Field::Impact,
        "urgency" => Field::Urgency,
        "resolvedat" | "resolved" => Field::ResolvedAt,
        "madesla" | "madesla1" => Field::MadeSla,
        "reassignmentcount" => Field::ReassignmentCount,
        "reopencount" => Field::ReopenCount,
        "causedby" | "causedbychange" => Field::CausedBy,
        "rfc" | "changerequest" => Field::Rfc,
        "problemid" | "problem" => Field::ProblemId,
        "assignmentgroup" => Field::AssignmentGroup,
        "sysupdatedon" | "updated" | "updatedat" => Field::UpdatedAt,
        _ => return None,
    };
    Some(field)
}
