//! Tests of the status file reader.

use super::*;
use crate::questionnaire;

fn q() -> Questionnaire {
    questionnaire::load("danger-signs").expect("built in")
}

#[test]
fn reads_the_tools_roadmap_csv_with_a_status_column() {
    let text = "phase,order,id,title,status,date\n\
                1,1,CE-A2,Name an owner,Done,2027-01-15\n\
                1,2,CT-A1,List services,in progress,\n\
                2,3,PR-A1,Rank by impact,,\n\
                2,4,BA-A1,Meet,Won't do,\n";
    let s = parse_status(text, "status.csv", &q()).unwrap();
    let got: Vec<(&str, ActionState, Option<&str>)> = s
        .actions
        .iter()
        .map(|a| (a.id.as_str(), a.state, a.date.as_deref()))
        .collect();
    // In questionnaire order: change enablement, priority, cost, balance.
    assert_eq!(
        got,
        vec![
            ("CE-A2", ActionState::Done, Some("2027-01-15")),
            ("PR-A1", ActionState::NotStarted, None),
            ("CT-A1", ActionState::InProgress, None),
            ("BA-A1", ActionState::Dropped, None),
        ]
    );
    assert_eq!(s.state("CT-A1"), Some(ActionState::InProgress));
    assert_eq!(s.state("CE-A1"), None);
}

#[test]
fn reads_a_jira_export_finding_the_action_id_in_the_summary() {
    let text = "Summary,Issue key,Issue id,Status,Resolved\n\
                \"CE-A2: Name an accountable change process owner\",ITSM-12,1012,Done,2027-02-01 10:00\n\
                Upgrade the coffee machine,ITSM-13,1013,To Do,\n\
                \"[CT-A1] List the business services\",ITSM-14,1014,In Progress,\n";
    let s = parse_status(text, "jira.csv", &q()).unwrap();
    let got: Vec<(&str, ActionState)> =
        s.actions.iter().map(|a| (a.id.as_str(), a.state)).collect();
    assert_eq!(
        got,
        vec![
            ("CE-A2", ActionState::Done),
            ("CT-A1", ActionState::InProgress)
        ]
    );
    assert_eq!(s.actions[0].date.as_deref(), Some("2027-02-01 10:00"));
}

#[test]
fn bad_rows_are_reported_with_line_and_column() {
    let text = "id,status\nCE-A2,finished\nXX-9,done\nCE-A2,done\nCE-A2,done\n";
    let err = parse_status(text, "s.csv", &q()).unwrap_err().to_string();
    assert_eq!(
        err,
        "s.csv:2:2: 'finished' is not a status: expected done, in progress, not started or dropped\n\
         s.csv:3:1: 'XX-9' is not an action of questionnaire 'danger-signs'\n\
         s.csv:5:1: action 'CE-A2' is given twice (first on line 4)\n\
         3 problems found"
    );
}

#[test]
fn a_file_without_the_columns_is_refused() {
    let err = parse_status("action,state\n", "s.csv", &q())
        .unwrap_err()
        .to_string();
    assert!(
        err.starts_with("s.csv:1:1: has no 'status' column"),
        "{err}"
    );
    let err = parse_status("name,status\n", "s.csv", &q())
        .unwrap_err()
        .to_string();
    assert!(err.starts_with("s.csv:1:1: has no 'id' column"), "{err}");
    let err = parse_status("", "s.csv", &q()).unwrap_err().to_string();
    assert_eq!(err, "s.csv: is empty: expected a header row");
}

#[test]
fn done_actions_are_in_place_and_actions_in_progress_stay_first() {
    use crate::roadmap::{DomainStatus, Extras, PlanOptions, plan, plan_with};
    let q = q();
    let status: Vec<DomainStatus> = q
        .domains
        .iter()
        .map(|d| DomainStatus {
            domain: d.id.clone(),
            percent: Some(10.0),
            level: Some(1),
        })
        .collect();
    let opts = PlanOptions {
        capacity: Some(4),
        ..PlanOptions::default()
    };
    let before = plan(&q, &status, &[], &opts).unwrap();
    let first = before.phases[0].actions[0].id.clone();
    let late = before
        .actions()
        .find(|a| a.phase > 1 && a.depends_on.is_empty())
        .expect("an action of a later phase that needs nothing")
        .id
        .clone();
    let text = format!("id,status\n{first},done\n{late},in progress\n");
    let statuses = parse_status(&text, "s.csv", &q).unwrap();
    let extras = Extras {
        statuses: Some(&statuses),
        ..Extras::default()
    };
    let after = plan_with(&q, &status, &[], &extras, &opts).unwrap();
    assert!(after.actions().all(|a| a.id != first), "{first} is done");
    assert!(after.in_place.iter().any(|a| a.id == first));
    let moved = after.actions().find(|a| a.id == late).unwrap();
    assert_eq!(moved.phase, 1, "{late} is under way");
    assert!(moved.urgent);
}
