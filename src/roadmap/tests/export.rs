//! The terminal table, Markdown, CSV and JSON.

use super::*;
use crate::export::{Csv, Json, Markdown, PlanExporter, Table};
use crate::roadmap::export::{CSV_COLUMNS, markdown_sections};

/// A plan in one format, or fail the test.
fn export(format: &impl PlanExporter, plan: &Plan, q: &Questionnaire) -> String {
    format.plan(plan, q).unwrap_or_else(|e| panic!("{e}"))
}

/// The formats that need no questionnaire are given the small one.
fn to_json(plan: &Plan) -> String {
    export(&Json, plan, &small())
}

fn to_csv(plan: &Plan) -> String {
    export(&Csv, plan, &small())
}

fn to_table(plan: &Plan) -> String {
    export(&Table, plan, &small())
}

fn to_markdown(plan: &Plan, q: &Questionnaire) -> String {
    export(&Markdown, plan, q)
}

/// Scenario A with the flag raised and a capacity of 4: urgent work over a phase, a spill, a
/// dependency in place and an empty phase.
fn sample() -> (Questionnaire, Plan) {
    let q = small();
    let plan = plan_ok(&q, &scenario_a(), &[cost_blind()], &with_capacity(4));
    (q, plan)
}

/// A questionnaire whose text tries to break every format.
fn hostile() -> (Questionnaire, Plan) {
    let q = questionnaire(
        r#"id: hostile
title: "Ops | *bold* <b>html</b> & [link](x) @team $x$"
scale: {min: 1, max: 5}
domains:
  - id: x
    name: "X | Y"
    questions: [{id: X1, text: x}]
    actions:
      - id: "-A1"
        title: "=HYPERLINK(\"http://evil\") \e[31mred\e[0m \u202Eright"
        lifts_to: 2
        effort: small
        impact: 3
        owner: "+cmd|' /C calc'!A0"
        measure: "@SUM(A1), then | pipe\nand a new line"
      - id: B2
        title: "Tab\tstart"
        lifts_to: 2
        effort: small
        impact: 3
        owner: "\tTabbed"
        measure: "-1 incident"
"#,
    );
    let plan = plan_ok(&q, &[at("x", 1, 0.0)], &[], &PlanOptions::default());
    (q, plan)
}

#[test]
fn the_same_input_gives_the_same_bytes_in_every_format() {
    let (q, a) = sample();
    let (_, b) = sample();
    assert_eq!(to_json(&a), to_json(&b));
    assert_eq!(to_csv(&a), to_csv(&b));
    assert_eq!(to_table(&a), to_table(&b));
    assert_eq!(to_markdown(&a, &q), to_markdown(&b, &q));
}

#[test]
fn the_json_has_every_field_of_the_contract_and_ends_with_a_newline() {
    let (_, plan) = sample();
    let text = to_json(&plan);
    assert!(text.ends_with("}\n"));
    let v: serde_json::Value = serde_json::from_str(&text).unwrap_or_default();
    for key in [
        "domain",
        "current_level",
        "current_percent",
        "target_level",
        "gap_levels",
        "gap_percent",
        "percent_to_target",
    ] {
        assert!(v["targets"][0].get(key).is_some(), "targets lack {key}");
    }
    // The sample's gaps 2 + 1 + 1 over (3 - 1) + (3 - 1) + (2 - 1) levels from the floor: 20%.
    assert_eq!(v["percent_to_target"], 20.0);
    for key in ["id", "domain", "finding"] {
        assert!(v["flags"][0].get(key).is_some(), "flags lack {key}");
    }
    for key in ["index", "name", "start_month", "end_month", "actions"] {
        assert!(v["phases"][0].get(key).is_some(), "phases lack {key}");
    }
    let action = &v["phases"][0]["actions"][0];
    for key in [
        "id",
        "title",
        "domain",
        "owner",
        "effort",
        "impact",
        "priority",
        "depends_on",
        "measure",
    ] {
        assert!(action.get(key).is_some(), "actions lack {key}");
    }
    assert_eq!(action["effort"], "medium");
    let in_place: Vec<&serde_json::Value> = v["in_place"]
        .as_array()
        .map(|a| a.iter().map(|x| &x["id"]).collect())
        .unwrap_or_default();
    assert_eq!(in_place, [&serde_json::json!("SD-A1")]);
    assert_eq!(
        v["phases"][0]["actions"][1]["reasons"][0],
        serde_json::json!({"kind": "flagged", "flag": "cost-blind", "finding": "Nobody knows what IT services cost."})
    );
}

#[test]
fn the_csv_has_one_row_per_action_under_the_header() {
    let (_, plan) = sample();
    let csv = to_csv(&plan);
    let lines: Vec<&str> = csv.lines().collect();
    assert_eq!(lines[0], CSV_COLUMNS.join(","));
    assert_eq!(lines.len(), 1 + plan.actions().count());
    assert!(lines[1].starts_with("1,1,SD-A2,Build a knowledge base,desk,Service desk manager,medium,4,2.00,SD-A1,50 articles in use,0,3,"));
}

#[test]
fn the_csv_neutralises_spreadsheet_formulas_and_quotes_what_needs_it() {
    let (_, plan) = hostile();
    let csv = to_csv(&plan);
    let mut reader = csv::Reader::from_reader(csv.as_bytes());
    let rows: Vec<csv::StringRecord> = reader.records().map(|r| r.unwrap_or_default()).collect();
    let get = |row: usize, column: &str| {
        let c = CSV_COLUMNS.iter().position(|&h| h == column).unwrap_or(0);
        rows[row].get(c).unwrap_or("").to_string()
    };
    assert_eq!(rows.len(), 2);
    assert_eq!(get(0, "id"), "'-A1");
    assert!(get(0, "title").starts_with("'=HYPERLINK(\"http://evil\")"));
    assert_eq!(get(0, "owner"), "'+cmd|' /C calc'!A0");
    assert_eq!(get(0, "measure"), "'@SUM(A1), then | pipe\nand a new line");
    assert_eq!(get(1, "owner"), "'\tTabbed");
    assert_eq!(get(1, "measure"), "'-1 incident");
    assert_eq!(get(1, "depends_on"), "");
    // Numbers stay numbers.
    assert_eq!(get(0, "priority"), "3.00");
}

#[test]
fn the_markdown_escapes_user_text_so_tables_and_formatting_hold() {
    let (q, plan) = hostile();
    let md = to_markdown(&plan, &q);
    assert!(md.starts_with(
        "# Recovery roadmap: Ops \\| \\*bold\\* \\<b\\>html\\</b\\> \\& \\[link\\](x) \\@team \\$x\\$\n"
    ));
    // Every row of the actions table has exactly the ten column separators.
    for line in md
        .lines()
        .filter(|l| l.starts_with("| 1 ") || l.starts_with("| 2 "))
    {
        let bars = line.replace("\\|", "").matches('|').count();
        assert_eq!(bars, 10, "{line}");
    }
    assert!(!md.contains('\u{1b}') && !md.contains('\u{202E}'));
    assert!(md.contains("then \\| pipe and a new line"));
    assert!(md.contains("- **Tabbed**: 2. B2 (phase 1)"));
}

#[test]
fn the_table_never_sends_control_characters_to_the_terminal() {
    let (_, plan) = hostile();
    let table = to_table(&plan);
    assert!(!table.contains('\u{1b}') && !table.contains('\u{202E}') && !table.contains('\t'));
    assert!(table.contains("[31mred"));
}

#[test]
fn the_markdown_document_reads_as_a_roadmap() {
    let (q, plan) = sample();
    insta::assert_snapshot!("sample_markdown", to_markdown(&plan, &q));
}

#[test]
fn the_terminal_table_reads_as_a_roadmap() {
    let (_, plan) = sample();
    insta::assert_snapshot!("sample_table", to_table(&plan));
}

#[test]
fn the_csv_of_the_sample() {
    let (_, plan) = sample();
    insta::assert_snapshot!("sample_csv", to_csv(&plan));
}

#[test]
fn the_json_of_the_sample() {
    let (_, plan) = sample();
    insta::assert_snapshot!("sample_json", to_json(&plan));
}

#[test]
fn the_roadmap_document_and_the_report_share_one_markdown_of_the_plan() {
    let (q, plan) = sample();
    let sections = markdown_sections(&plan, &q, 2);
    assert!(sections.starts_with("## Targets\n\n| Domain |"));
    assert!(sections.contains("\n## Phases\n\n### Phase 1: Stop the bleeding (months 0–3)\n"));
    assert!(to_markdown(&plan, &q).contains(&sections));
    // In the report the same text sits one heading level deeper, and nothing else changes.
    let deeper = markdown_sections(&plan, &q, 3);
    let raised: Vec<&str> = deeper
        .lines()
        .map(|l| l.strip_prefix('#').unwrap_or(l))
        .collect();
    assert_eq!(raised, sections.lines().collect::<Vec<_>>());
}
