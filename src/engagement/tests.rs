//! Tests of reading engagement files: paths, patterns, values and located problems.

use super::paths::matches;
use super::*;
use crate::job::ResponseInput;

/// A folder holding `responses/a.csv`, `responses/b.csv`, `responses/notes.txt` and
/// `targets.yaml`.
fn folder() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join("responses")).unwrap();
    for name in ["b.csv", "a.csv", "notes.txt"] {
        std::fs::write(dir.path().join("responses").join(name), "role\n").unwrap();
    }
    std::fs::write(dir.path().join("targets.yaml"), "x: 1\n").unwrap();
    dir
}

fn problem(text: &str, base: &Path) -> String {
    parse(text, "assessment.yaml", base)
        .expect_err("refused")
        .to_string()
}

const MINIMAL: &str = "questionnaire: danger-signs\nresponses: [responses/*.csv]\noutputs: {report_html: out/report.html}\n";

#[test]
fn paths_are_relative_to_the_file_and_patterns_expand_sorted_by_name() {
    let dir = folder();
    let e = parse(MINIMAL, "assessment.yaml", dir.path()).unwrap();
    let r = dir.path().join("responses");
    assert_eq!(
        e.spec.responses,
        [
            ResponseInput::File(r.join("a.csv")),
            ResponseInput::File(r.join("b.csv"))
        ]
    );
    assert_eq!(e.spec.questionnaire, "danger-signs");
    assert_eq!(
        e.outputs,
        [Output {
            kind: OutputKind::ReportHtml,
            path: dir.path().join("out/report.html"),
        }]
    );
}

#[test]
fn every_setting_is_read_as_the_command_line_reads_it() {
    let dir = folder();
    let text = "\
organisation: Acme
title: Review
date: 2026-03-31
questionnaire: danger-signs
responses: [responses/b.csv]
delimiter: tab
input_format: google-forms
sheet: Answers
skip_invalid: true
group_by: [role, source]
perspective: source
min_group_size: 7
invited: [40, \"role=IT:12\"]
target: Defined
capacity: 6
phases: [Now, Next, Later on]
phase_months: [0, 2, 5, 9]
paper: letter
outputs: {scores_json: s.json, roadmap_csv: r.csv}
";
    let e = parse(text, "assessment.yaml", dir.path()).unwrap();
    let s = &e.spec;
    assert_eq!(s.organisation.as_deref(), Some("Acme"));
    assert_eq!(s.title.as_deref(), Some("Review"));
    assert_eq!(s.date.as_deref(), Some("2026-03-31"));
    assert_eq!(s.delimiter, Some(b'\t'));
    assert_eq!(
        s.input_format,
        Some(crate::responses::InputFormat::GoogleForms)
    );
    assert_eq!(s.sheet.as_deref(), Some("Answers"));
    assert!(s.skip_invalid);
    assert_eq!(s.group_by, ["role", "source"]);
    assert_eq!(s.perspective.as_deref(), Some("source"));
    assert_eq!(s.min_group_size, Some(7));
    assert_eq!(s.invited.len(), 2);
    assert_eq!(s.target.as_deref(), Some("Defined"));
    assert_eq!(s.capacity, Some(6));
    assert_eq!(s.phases.as_deref(), Some("Now,Next,Later on"));
    assert_eq!(s.phase_months.as_deref(), Some("0,2,5,9"));
    assert_eq!(s.paper, crate::report::Paper::Letter);
    // Outputs come in the fixed order: roadmap before scores, whatever the file's order.
    let kinds: Vec<OutputKind> = e.outputs.iter().map(|o| o.kind).collect();
    assert_eq!(kinds, [OutputKind::RoadmapCsv, OutputKind::ScoresJson]);
}

#[test]
fn an_unknown_key_is_named_at_its_line() {
    let dir = folder();
    let text = format!("{MINIMAL}grup_by: [role]\n");
    let message = problem(&text, dir.path());
    assert!(message.starts_with("assessment.yaml:4:1: "), "{message}");
    assert!(message.contains("grup_by"), "{message}");
}

#[test]
fn missing_files_and_empty_patterns_are_all_named_at_their_lines() {
    let dir = folder();
    let text = "\
questionnaire: missing.yaml
responses:
  - responses/a.csv
  - responses/c.csv
  - exports/*.csv
  - responses/*.xlsx
targets: nowhere.yaml
outputs: {report_html: r.html}
";
    let message = problem(text, dir.path());
    let lines: Vec<&str> = message.lines().collect();
    assert_eq!(lines.len(), 6, "{message}");
    assert_eq!(lines[5], "5 problems found");
    assert!(
        lines[0]
            .starts_with("assessment.yaml:1:16: the questionnaire 'missing.yaml' does not exist"),
        "{message}"
    );
    assert!(
        lines[1]
            .starts_with("assessment.yaml:4:5: the response file 'responses/c.csv' does not exist"),
        "{message}"
    );
    assert!(
        lines[2].starts_with("assessment.yaml:5:5: cannot list the folder"),
        "{message}"
    );
    assert!(
        lines[3].starts_with("assessment.yaml:6:5: 'responses/*.xlsx' matches no file"),
        "{message}"
    );
    assert!(
        lines[4]
            .starts_with("assessment.yaml:7:10: the targets file 'nowhere.yaml' does not exist"),
        "{message}"
    );
}

#[test]
fn bad_values_are_named_at_their_place_with_what_to_write() {
    let dir = folder();
    let text = format!(
        "{MINIMAL}date: 2026-02-31\ndelimiter: x\nmin_group_size: 2\npaper: a5\nphases: [\"A,B\"]\n"
    );
    let message = problem(&text, dir.path());
    assert!(message.ends_with("\n5 problems found"), "{message}");
    assert!(
        message.contains("assessment.yaml:4:7: expected a date as YYYY-MM-DD"),
        "{message}"
    );
    assert!(
        message.contains("assessment.yaml:5:12: expected ',', ';', '|' or 'tab'"),
        "{message}"
    );
    assert!(
        message.contains("assessment.yaml:6:17: expected a whole number of at least 3"),
        "{message}"
    );
    assert!(
        message.contains("assessment.yaml:7:8: 'a5' is not one of: a4, letter"),
        "{message}"
    );
    assert!(
        message.contains("assessment.yaml:8:10: the phase name 'A,B' holds a comma"),
        "{message}"
    );
}

#[test]
fn a_missing_baseline_or_status_file_is_named_at_its_line() {
    let dir = folder();
    for (text, what, column) in [
        (
            "baseline: [wave1.json]\n",
            "baseline scores file 'wave1.json'",
            12,
        ),
        ("status: done.csv\n", "status file 'done.csv'", 9),
    ] {
        let message = problem(&format!("{MINIMAL}{text}"), dir.path());
        assert!(
            message.starts_with(&format!(
                "assessment.yaml:4:{column}: the {what} does not exist"
            )),
            "{message}"
        );
    }
}

#[test]
fn an_engagement_without_responses_or_outputs_says_what_to_add() {
    let dir = folder();
    let message = problem("questionnaire: danger-signs\nresponses: []\n", dir.path());
    assert!(message.contains("'responses' lists no file"), "{message}");
    assert!(
        message.contains("'outputs' names no file to write"),
        "{message}"
    );
}

#[test]
fn two_outputs_naming_one_file_are_refused() {
    let dir = folder();
    let text = "questionnaire: danger-signs\nresponses: [responses/a.csv]\noutputs: {report_html: x, report_md: x}\n";
    let e = parse(text, "assessment.yaml", dir.path()).unwrap();
    let message = check_outputs(&e.outputs).unwrap_err().to_string();
    assert!(
        message.ends_with("is named by two outputs; give each output its own file"),
        "{message}"
    );
}

#[test]
fn patterns_match_stars_and_question_marks_but_not_hidden_files() {
    assert!(matches("*.csv", "a.csv"));
    assert!(!matches("*.csv", ".csv"));
    assert!(matches("wave-?.csv", "wave-1.csv"));
    assert!(!matches("wave-?.csv", "wave-10.csv"));
    assert!(matches("w*e*.csv", "wave-one.csv"));
    assert!(!matches("*.csv", "a.csv.bak"));
    assert!(matches(".*", ".hidden"));
    assert!(matches("*", "x"));
    assert!(!matches("a*b", "a"));
}

#[test]
fn the_schema_names_every_key_and_refuses_others() {
    let schema = json_schema();
    let props = schema["properties"].as_object().unwrap();
    for key in [
        "organisation",
        "title",
        "date",
        "questionnaire",
        "responses",
        "group_by",
        "perspective",
        "min_group_size",
        "allow_small",
        "targets",
        "capacity",
        "phases",
        "baseline",
        "status",
        "changes",
        "incidents",
        "costs",
        "observations",
        "outputs",
    ] {
        assert!(props.contains_key(key), "{key}");
    }
    assert_eq!(schema["additionalProperties"], false);
    let required = schema["required"].as_array().unwrap();
    assert_eq!(required.len(), 2, "{required:?}");
}
