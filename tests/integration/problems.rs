//! Every problem of a questionnaire or an engagement file at once, structural ones (unknown
//! keys, missing keys, values of the wrong kind) with the rules' own, each at its line and
//! column; and a YAML syntax error that names where an unclosed bracket opened.

use crate::common::{fixtures, root, run, run_in, stderr};

/// The stderr of `validate` on an invalid questionnaire fixture, with the fixture's path
/// written as `F`; asserts exit code 1.
fn validate(name: &str) -> String {
    let path = fixtures().join("questionnaires/invalid").join(name);
    let path = path.to_str().unwrap();
    let out = run(["validate", path]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    stderr(&out).replace(path, "F")
}

/// An engagement folder with the sample survey and `assessment.yaml` as given; the stderr of
/// `run`, which must fail with exit code 1.
fn run_engagement(yaml: &str) -> String {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(dir.path().join("responses")).unwrap();
    std::fs::copy(
        root().join("sample-data/danger-signs.csv"),
        dir.path().join("responses/danger-signs.csv"),
    )
    .unwrap();
    std::fs::write(dir.path().join("assessment.yaml"), yaml).unwrap();
    let out = run_in(dir.path(), ["run"]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    stderr(&out)
}

#[test]
fn validate_reports_every_structural_problem_of_a_questionnaire_at_once() {
    // Ten mistakes of shape, none of which stops the others being found; in the order of
    // the file. `kind: yes` is named as written, not as the boolean YAML 1.1 makes of `yes`.
    // Columns counted by hand: line 17 is `      - {id: A1, title: t, lifts_to: 2,
    // effort: huge, impact: 300, ...}`, its `huge` at 49 and its `300` at 63.
    assert_eq!(
        validate("many-problems.yaml"),
        "itsm-assess: F:3:25: unknown field `colour`, expected one of min, max, labels, not_applicable\n\
         F:7:5: unknown field `wieght`, expected one of id, name, description, weight, target_level, questions, keywords, actions\n\
         F:11:18: invalid boolean\n\
         F:12:17: invalid number: expected a finite decimal number\n\
         F:13:15: unknown variant `yes`, expected one of likert, text\n\
         F:14:9: missing field `text`\n\
         F:15:18: invalid boolean\n\
         F:17:49: unknown variant `huge`, expected one of small, medium, large\n\
         F:17:63: invalid number: expected a whole number from 0 to 255\n\
         F:18:8: expected a list here\n\
         10 problems found\n"
    );
}

#[test]
fn unknown_keys_are_reported_together_with_the_broken_rules() {
    assert_eq!(
        validate("unknown-keys-and-rules.yaml"),
        "itsm-assess: F:3:8: scale min (5) must be less than max (1)\n\
         F:3:25: unknown field `colour`, expected one of min, max, labels, not_applicable\n\
         F:7:5: unknown field `wieght`, expected one of id, name, description, weight, target_level, questions, keywords, actions\n\
         F:12:9: action 'A1': impact must be from 1 to 5, not 9\n\
         4 problems found\n"
    );
}

#[test]
fn a_single_unknown_key_reads_as_it_always_did() {
    assert_eq!(
        validate("unknown-key.yaml"),
        "itsm-assess: F:10:9: unknown field `wieght`, expected one of id, text, reverse, weight, aliases, kind\n"
    );
}

#[test]
fn an_engagement_file_gets_every_problem_at_once() {
    let err = run_engagement(
        "organisation: Acme\nquestionnaire: danger-signs\nresponses: [responses/*.csv]\n\
         grup_by: [role]\ncapacity: lots\noutputs:\n  report_htm: report.html\n  scores_json: s.json\n",
    );
    assert!(err.starts_with("itsm-assess: assessment.yaml:4:1: unknown field `grup_by`, expected one of organisation, title, date,"), "{err}");
    assert!(
        err.contains(
            "\nassessment.yaml:5:11: invalid number: expected a whole number, 0 or more\n"
        ),
        "{err}"
    );
    assert!(err.contains("\nassessment.yaml:7:3: unknown field `report_htm`, expected one of report_html, report_md, roadmap_csv, roadmap_md, roadmap_json, scores_json, scores_csv\n"), "{err}");
    assert!(err.ends_with("\n3 problems found\n"), "{err}");
    // Unknown keys beside a missing file: the file check still runs.
    let err = run_engagement(
        "questionnaire: danger-signs\nresponses: [responses/*.csv]\ngrup_by: [role]\n\
         targets: no-such-targets.yaml\noutputs:\n  scores_json: s.json\n",
    );
    assert!(
        err.contains("assessment.yaml:3:1: unknown field `grup_by`"),
        "{err}"
    );
    assert!(
        err.contains(
            "\nassessment.yaml:4:10: the targets file 'no-such-targets.yaml' does not exist"
        ),
        "{err}"
    );
    assert!(err.ends_with("\n2 problems found\n"), "{err}");
}

#[test]
fn a_syntax_error_names_where_the_unclosed_flow_mapping_opened() {
    // The '{' of line 13 is never closed; the reader notices at the '-' of line 15.
    assert_eq!(
        validate("unclosed-brace.yaml"),
        "itsm-assess: F:15:7: \"-\" is only valid inside a block; the flow mapping '{' opened at 13:5 is not closed\n"
    );
}

#[test]
fn an_engagement_file_names_where_its_unclosed_flow_sequence_opened() {
    let err = run_engagement(
        "organisation: Acme\nquestionnaire: danger-signs\nresponses: [responses/*.csv,\n  other.csv\n\
         group_by:\n  - role\noutputs:\n  report_html: r.html\n",
    );
    assert!(
        err.ends_with("; the flow sequence '[' opened at 3:12 is not closed\n"),
        "{err}"
    );
    assert!(err.starts_with("itsm-assess: assessment.yaml:5:"), "{err}");
}
