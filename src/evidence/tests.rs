//! Figures of the fixtures in tests/fixtures/evidence, each worked out by hand from the rows
//! (the working is in the comments).

use super::*;
use crate::responses::Source;
use std::path::PathBuf;

fn fixture(name: &str) -> Source {
    Source::file(
        PathBuf::from(env!("CARGO_MANIFEST_DIR"))
            .join("tests/fixtures/evidence")
            .join(name),
    )
}

fn read(name: &str, mapping: &RecordMapping) -> records::ReadRecords {
    records::read_records(fixture(name), mapping, None).unwrap()
}

fn close(a: Option<f64>, b: f64) {
    let a = a.expect("a value");
    assert!((a - b).abs() < 1e-9, "{a} is not {b}");
}

fn no_causes() -> std::collections::HashSet<String> {
    Default::default()
}

#[test]
fn servicenow_changes_give_the_hand_worked_figures() {
    let files = [read("servicenow-changes.csv", &RecordMapping::default())];
    let c = changes::change_figures(&files, &no_causes());
    // Ten changes: eight closed successful, with issues or unsuccessful; one cancelled; one open.
    assert_eq!((c.records, c.completed, c.cancelled), (10, 8, 1));
    // Standard 0001-0003, normal 0004-0006, emergency 0007-0008, of eight.
    assert_eq!((c.standard_share.count, c.standard_share.n), (3, 8));
    close(c.standard_share.value, 0.375);
    close(c.normal_share.value, 0.375);
    close(c.emergency_share.value, 0.25);
    // 0005 successful with issues, 0006 unsuccessful.
    close(c.failure_rate.value, 0.25);
    close(c.success_rate.value, 0.75);
    // Lead days 1, 2, 0.5, 10, 14, 8, 0.25, 1; sorted 0.25 0.5 1 1 2 8 10 14:
    // median at 3.5 -> 1.5; 90th at 6.3 -> 10 + 0.3 * 4 = 11.2.
    let all = &c.lead_time_days[0];
    assert_eq!((all.change_type.as_str(), all.days.n), ("all", 8));
    close(all.days.median, 1.5);
    close(all.days.p90, 11.2);
    // Standard 0.5 1 2: median 1, 90th at 1.8 -> 1.8. Normal 8 10 14: 10 and 13.2.
    // Emergency 0.25 1: median 0.625, 90th at 0.9 -> 0.925.
    let by = |t: &str| {
        c.lead_time_days
            .iter()
            .find(|l| l.change_type == t)
            .unwrap()
    };
    close(by("standard").days.median, 1.0);
    close(by("standard").days.p90, 1.8);
    close(by("normal").days.median, 10.0);
    close(by("normal").days.p90, 13.2);
    close(by("emergency").days.median, 0.625);
    close(by("emergency").days.p90, 0.925);
    assert_eq!(by("other").days.median, None);
    assert_eq!(c.lead_time_note, None);
    // Closed in March: 0001-0004 (three standard, one normal); April: 0005-0008.
    assert_eq!(c.per_month.len(), 2);
    let m = &c.per_month[0];
    assert_eq!(
        (
            m.month.as_str(),
            m.completed,
            m.standard,
            m.normal,
            m.emergency
        ),
        ("2026-03", 4, 3, 1, 0)
    );
    let a = &c.per_month[1];
    assert_eq!(
        (
            a.month.as_str(),
            a.completed,
            a.standard,
            a.normal,
            a.emergency
        ),
        ("2026-04", 4, 0, 2, 2)
    );
}

#[test]
fn a_change_named_as_an_incident_cause_counts_as_failed() {
    let files = [read("servicenow-changes.csv", &RecordMapping::default())];
    let caused = ["CHG0030007".to_string()].into_iter().collect();
    let c = changes::change_figures(&files, &caused);
    // 0005, 0006, and 0007 which caused INC0010001: three of eight.
    close(c.failure_rate.value, 0.375);
}

#[test]
fn the_incident_event_log_keeps_each_tickets_last_row() {
    let file = read("servicenow-incident-log.csv", &RecordMapping::default());
    // Eleven rows, seven incidents; dates day first (15/03 settles it).
    assert_eq!((file.rows, file.tickets.len()), (11, 7));
    assert_eq!(file.date_order, Some(DateOrder::DayFirst));
    // INC0010003's resolved row comes first in the file but is the later one.
    let inc3 = &file.tickets[2];
    assert_eq!(inc3.text(Field::State), Some("Resolved"));
    let i = incidents::incident_figures(&[file]);
    assert_eq!((i.records, i.resolved), (7, 6));
    // Priorities: critical 2, moderate 3, low 2 of 7.
    let shares: Vec<(&str, u64, u64)> = i
        .priorities
        .iter()
        .map(|p| (p.priority.as_str(), p.share.count, p.share.n))
        .collect();
    assert_eq!(
        shares,
        [
            ("1 - Critical", 2, 7),
            ("3 - Moderate", 3, 7),
            ("4 - Low", 2, 7)
        ]
    );
    close(i.dominant_priority_share.value, 3.0 / 7.0);
    // Hours 2, 4, 6, 24, 8, 4; sorted 2 4 4 6 8 24: median 5, 90th at 4.5 -> 8 + 0.5 * 16 = 16.
    close(i.restore_hours.median, 5.0);
    close(i.restore_hours.p90, 16.0);
    // Critical 2 4 -> 3; moderate 6 8 24 -> 8; low 4 -> 4. Ratio 3 / 4.
    close(i.priorities[0].restore_hours.median, 3.0);
    close(i.priorities[1].restore_hours.median, 8.0);
    close(i.priorities[2].restore_hours.median, 4.0);
    close(i.priority_speed_ratio, 0.75);
    // SLA met on 0001, 0003, 0004, 0006 of six with a value; critical 1 of 2.
    assert_eq!((i.sla_met_share.count, i.sla_met_share.n), (4, 6));
    assert_eq!(
        (
            i.priorities[0].sla_met_share.count,
            i.priorities[0].sla_met_share.n
        ),
        (1, 2)
    );
    // Reassignments 0 2 1 0 3 0 0: twice or more 2 of 7, never 4 of 7; reopened 1 of 7.
    assert_eq!((i.reassigned_share.count, i.reassigned_share.n), (2, 7));
    assert_eq!(
        (i.first_assignment_share.count, i.first_assignment_share.n),
        (4, 7)
    );
    assert_eq!((i.reopened_share.count, i.reopened_share.n), (1, 7));
    // Problems on 0001 and 0004; a change caused 0001.
    assert_eq!(
        (i.problem_linked_share.count, i.problem_linked_share.n),
        (2, 7)
    );
    assert_eq!(
        (i.change_caused_share.count, i.change_caused_share.n),
        (1, 7)
    );
}

#[test]
fn a_jira_export_reads_with_its_own_names_and_dates() {
    let file = read("jira-incidents.csv", &RecordMapping::default());
    let i = incidents::incident_figures(&[file]);
    assert_eq!((i.records, i.resolved), (6, 5));
    let names: Vec<(&str, Option<u32>)> = i
        .priorities
        .iter()
        .map(|p| (p.priority.as_str(), p.rank))
        .collect();
    assert_eq!(
        names,
        [("Highest", Some(1)), ("Medium", Some(3)), ("Low", Some(4))]
    );
    close(i.dominant_priority_share.value, 2.0 / 6.0);
    // Hours 1.5, 3, 12, 24, 6: median 6. Highest 1.5 3 -> 2.25; low 6 -> 6; ratio 0.375.
    close(i.restore_hours.median, 6.0);
    close(i.priority_speed_ratio, 0.375);
    // No SLA, reassignment or problem columns: null, never zero.
    assert_eq!((i.sla_met_share.value, i.sla_met_share.n), (None, 0));
    assert_eq!(i.reassigned_share.value, None);
    assert_eq!(i.problem_linked_share.value, None);
}

#[test]
fn the_costs_file_gives_cost_per_user_per_service() {
    let c = costs::read_costs(fixture("costs.csv")).unwrap();
    assert!(c.available);
    // 12,000 / 1500 = 8; 45000.50 / 300 = 150.0016...; no users: no figure. Total 65000.5.
    close(c.services[0].cost_per_user, 8.0);
    close(c.services[1].cost_per_user, 45000.5 / 300.0);
    assert_eq!(c.services[2].cost_per_user, None);
    close(c.total_monthly_cost, 65000.5);
    assert_eq!(
        c.services[0].owner.as_deref(),
        Some("Workplace services manager")
    );
}

#[test]
fn amounts_read_thousands_and_decimal_marks() {
    assert_eq!(costs::parse_amount("12,000"), Some(12000.0));
    assert_eq!(costs::parse_amount("1.234,50"), Some(1234.5));
    assert_eq!(costs::parse_amount("1,234.50"), Some(1234.5));
    assert_eq!(costs::parse_amount("€ 99,5"), Some(99.5));
    assert_eq!(costs::parse_amount("-3"), None);
    assert_eq!(costs::parse_amount("many"), None);
}

#[test]
fn ambiguous_numeric_dates_need_a_date_format() {
    let err = records::read_records(
        fixture("ambiguous-dates.csv"),
        &RecordMapping::default(),
        None,
    )
    .unwrap_err()
    .to_string();
    assert!(err.contains("ambiguous-dates.csv:2:3:"), "{err}");
    assert!(err.contains("date_format: day-first"), "{err}");
    let mapping = RecordMapping {
        date_format: Some(DateOrder::MonthFirst),
        ..RecordMapping::default()
    };
    let file = read("ambiguous-dates.csv", &mapping);
    // 03/04/2026 month first is 4 March.
    let opened = file.tickets[0].time(Field::OpenedAt).unwrap();
    assert_eq!((opened.month(), opened.day()), (3, 4));
}

#[test]
fn a_mapping_renames_columns_and_values() {
    let text = std::fs::read_to_string(
        PathBuf::from(env!("CARGO_MANIFEST_DIR"))
            .join("tests/fixtures/evidence/renamed-mapping.yaml"),
    )
    .unwrap();
    let mapping = parse_record_mapping(&text, "renamed-mapping.yaml").unwrap();
    let files = [read("renamed-changes.csv", &mapping)];
    let c = changes::change_figures(&files, &no_causes());
    assert_eq!(c.completed, 2);
    close(c.standard_share.value, 0.5);
    // OK with issues -> successful with issues -> failed.
    close(c.failure_rate.value, 0.5);
    // 4 March to 4 April is 31 days, to 4 May 61: median 46.
    close(c.lead_time_days[0].days.median, 46.0);
}

#[test]
fn a_mapping_naming_an_unknown_field_is_refused_at_its_place() {
    let err = parse_record_mapping("columns:\n  Ref: ticket\n", "m.yaml")
        .unwrap_err()
        .to_string();
    assert!(
        err.starts_with("m.yaml:2:8: 'ticket' is not a record field"),
        "{err}"
    );
}

#[test]
fn dates_in_every_form_read_alike() {
    use dates::{Stamp, parse_stamp};
    let known = |s: &str| match parse_stamp(s) {
        Some(Stamp::Known(t)) => t.to_string(),
        other => panic!("{s}: {other:?}"),
    };
    assert_eq!(known("2026-03-04"), "2026-03-04T00:00:00");
    assert_eq!(known("2026-03-04T09:15:00Z"), "2026-03-04T09:15:00");
    assert_eq!(known("04/Mar/26 12:05 AM"), "2026-03-04T00:05:00");
    assert_eq!(known("04/OCT/26 1:05 PM"), "2026-10-04T13:05:00");
    // A workbook's serial day 46085.5 is noon on 2026-03-04.
    assert_eq!(known("46085.5"), "2026-03-04T12:00:00");
    assert!(matches!(
        parse_stamp("04/03/2026 09:15"),
        Some(Stamp::Numeric {
            first: 4,
            second: 3,
            ..
        })
    ));
    assert_eq!(parse_stamp("soon"), None);
}

#[test]
fn quantiles_interpolate_between_ranks() {
    assert_eq!(quantile(&[], 0.5), None);
    assert_eq!(quantile(&[7.0], 0.9), Some(7.0));
    assert_eq!(quantile(&[1.0, 2.0, 3.0, 4.0], 0.5), Some(2.5));
}

#[test]
fn a_workbook_export_reads_through_the_response_readers_xlsx() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("changes.xlsx");
    let mut workbook = rust_xlsxwriter::Workbook::new();
    let sheet = workbook.add_worksheet();
    for (c, h) in [
        "Number",
        "Type",
        "Opened",
        "Closed",
        "Close code",
        "Requested by",
    ]
    .iter()
    .enumerate()
    {
        sheet.write_string(0, c as u16, *h).unwrap();
    }
    sheet.write_string(1, 0, "CHG1").unwrap();
    sheet.write_string(1, 1, "Emergency").unwrap();
    // Serial days: 46085 is 2026-03-04, 46087.5 noon on 2026-03-06: 2.5 days.
    sheet.write_number(1, 2, 46085.0).unwrap();
    sheet.write_number(1, 3, 46087.5).unwrap();
    sheet.write_string(1, 4, "Successful").unwrap();
    sheet.write_string(1, 5, "Ingrid Salo").unwrap();
    workbook.save(&path).unwrap();
    let file = records::read_records(Source::file(&path), &RecordMapping::default(), None).unwrap();
    assert_eq!(file.columns[5], ("Requested by".to_string(), None));
    let c = changes::change_figures(&[file], &no_causes());
    close(c.emergency_share.value, 1.0);
    close(c.lead_time_days[0].days.median, 2.5);
}

#[test]
fn evidence_flags_are_checked_where_they_are_written() {
    let base = std::fs::read_to_string(
        PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("questionnaires/danger-signs.yaml"),
    )
    .unwrap();
    let (head, _) = base.split_once("evidence_flags:").unwrap();
    let text = format!(
        "{head}evidence_flags:\n  - id: lights-on-only\n    metric: changes.velocity\n    above: 1\n    domain: nowhere\n    finding: x\n"
    );
    let err = crate::questionnaire::parse(&text, "q.yaml")
        .unwrap_err()
        .to_string();
    assert!(err.contains("duplicate flag id 'lights-on-only'"), "{err}");
    assert!(
        err.contains("tests 'changes.velocity', which is not a records figure"),
        "{err}"
    );
    assert!(err.contains("names domain 'nowhere'"), "{err}");
    let line = head.lines().count() + 2;
    assert!(err.contains(&format!("q.yaml:{line}:")), "{err}");
}

#[test]
fn a_raised_evidence_flag_is_planned_like_a_red_flag() {
    let q = crate::questionnaire::load("danger-signs").unwrap();
    let flag = crate::evidence::RaisedEvidenceFlag {
        id: "few-standard-changes".into(),
        domain: "change-enablement".into(),
        finding: "few".into(),
        metric: "changes.standard_share".into(),
        value: 0.1,
        n: 10,
        comparison: crate::questionnaire::EvidenceComparison::Below,
        threshold: 0.3,
    };
    let sign = crate::roadmap::RaisedSign::evidence(&q, &flag);
    assert_eq!(sign.actions, ["CE-A3"]);
    // Every domain at level 4: only the flag's own remedy is planned, in the first phase.
    let status: Vec<crate::roadmap::DomainStatus> = q
        .domains
        .iter()
        .map(|d| crate::roadmap::DomainStatus {
            domain: d.id.clone(),
            percent: Some(70.0),
            level: Some(4),
        })
        .collect();
    let plan = crate::roadmap::plan_with(
        &q,
        &status,
        &[sign],
        &crate::roadmap::Extras::default(),
        &crate::roadmap::PlanOptions::default(),
    )
    .unwrap();
    assert_eq!(plan.flags[0].actions, ["CE-A3"]);
    let first = &plan.phases[0];
    assert!(first.actions.iter().any(|a| a.id == "CE-A3"), "{first:?}");
}
