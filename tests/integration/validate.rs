//! `itsm-assess validate`, `list`, `schema` and `template`: valid questionnaires pass, and each
//! kind of invalid one is reported with its message, file and line.

use crate::common::{fixtures, run, stderr, stdout};

fn invalid(name: &str) -> String {
    fixtures()
        .join("questionnaires/invalid")
        .join(name)
        .display()
        .to_string()
}

/// Validate one invalid fixture; assert exit code 1 and that every expected
/// `(line, message part)` is reported as `FILE:LINE:...: ...MESSAGE...`.
fn assert_problems(name: &str, expected: &[(u32, &str)]) {
    let path = invalid(name);
    let out = run(["validate", &path]);
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(1), "{name}: {err}");
    assert!(!err.contains("panicked"), "{err}");
    for (line, message) in expected {
        let prefix = format!("{path}:{line}:");
        assert!(
            err.lines()
                .any(|l| l.contains(&prefix) && l.contains(message)),
            "{name}: expected line {line} with '{message}' in:\n{err}"
        );
    }
}

#[test]
fn lists_both_built_in_questionnaires() {
    let out = run(["list"]);
    assert!(out.status.success());
    let text = stdout(&out);
    assert!(text.contains("danger-signs"), "{text}");
    assert!(text.contains("itsm-recovery"), "{text}");
    assert!(!text.contains("INVALID"), "{text}");
}

#[test]
fn accepts_the_built_in_questionnaires_by_name_and_by_path() {
    for spec in [
        "danger-signs",
        "itsm-recovery",
        "questionnaires/danger-signs.yaml",
        "questionnaires/itsm-recovery.yaml",
    ] {
        let out = run(["validate", spec]);
        assert!(out.status.success(), "{spec}: {}", stderr(&out));
        assert!(stdout(&out).contains("valid"), "{spec}");
    }
}

#[test]
fn accepts_a_valid_questionnaire_file() {
    let path = fixtures().join("questionnaires/worked.yaml");
    let out = run(["validate".as_ref(), path.as_os_str()]);
    assert!(out.status.success(), "{}", stderr(&out));
}

#[test]
fn reports_a_yaml_syntax_error_with_line_and_column() {
    assert_problems("syntax.yaml", &[(2, "unclosed quote")]);
}

#[test]
fn reports_an_unknown_key_and_what_was_expected() {
    assert_problems(
        "unknown-key.yaml",
        &[(
            10,
            "unknown field `wieght`, expected one of id, text, reverse, weight",
        )],
    );
}

#[test]
fn reports_every_duplicate_id_at_once() {
    assert_problems(
        "duplicate-ids.yaml",
        &[
            (9, "duplicate question id 'C1'"),
            (12, "duplicate action id 'A1'"),
            (13, "duplicate domain id 'change'"),
        ],
    );
}

#[test]
fn rejects_a_scale_whose_min_is_not_below_its_max() {
    assert_problems(
        "scale.yaml",
        &[(4, "scale min (5) must be less than max (1)")],
    );
}

#[test]
fn rejects_a_label_outside_the_scale() {
    assert_problems(
        "label-outside.yaml",
        &[(
            4,
            "label 'Totally agree' is for value 6, outside the scale 1..5",
        )],
    );
}

#[test]
fn rejects_levels_that_do_not_start_at_zero_or_ascend() {
    assert_problems(
        "levels.yaml",
        &[
            (5, "the first level (1) must start at min_percent 0, not 10"),
            (7, "levels must ascend: level 3 has min_percent 40"),
        ],
    );
}

#[test]
fn rejects_weights_that_are_not_above_zero() {
    assert_problems(
        "weights.yaml",
        &[
            (5, "domain 'change': weight must be a number above 0, not 0"),
            (9, "question 'C1': weight must be a number above 0, not -1"),
        ],
    );
}

#[test]
fn rejects_a_domain_without_questions() {
    assert_problems(
        "empty-domain.yaml",
        &[(5, "domain 'change' has no questions")],
    );
}

#[test]
fn rejects_lifts_to_outside_the_levels() {
    assert_problems(
        "lifts-to.yaml",
        &[(
            10,
            "action 'A1': lifts_to 9 is not one of the levels (1..5)",
        )],
    );
}

#[test]
fn rejects_a_dependency_on_an_unknown_action() {
    assert_problems(
        "unknown-dependency.yaml",
        &[(
            17,
            "action 'A1' depends on 'SVC-A9', which is not an action",
        )],
    );
}

#[test]
fn names_the_actions_of_a_dependency_cycle() {
    assert_problems(
        "cycle.yaml",
        &[(10, "dependency cycle: A1 -> A3 -> A2 -> A1")],
    );
    // A4 depends on the cycle but is not part of it.
    let err = stderr(&run(["validate", &invalid("cycle.yaml")]));
    assert!(!err.contains("A4 ->"), "{err}");
}

#[test]
fn rejects_a_questionnaire_that_is_a_list() {
    assert_problems("list.yaml", &[(1, "expected a questionnaire")]);
}

#[test]
fn rejects_flags_that_name_nothing_or_both() {
    assert_problems(
        "bad-flags.yaml",
        &[
            (
                10,
                "names question 'C9', which is not in this questionnaire",
            ),
            (11, "must name exactly one of question or domain"),
            (12, "must give exactly one of at_most or below"),
            (
                13,
                "a domain flag takes metric percent or mean, not favorable",
            ),
        ],
    );
}

#[test]
fn reports_problems_of_every_file_given() {
    let out = run(["validate", &invalid("cycle.yaml"), &invalid("weights.yaml")]);
    assert_eq!(out.status.code(), Some(1));
    let err = stderr(&out);
    assert!(err.contains("cycle.yaml:10:"), "{err}");
    assert!(err.contains("weights.yaml:5:"), "{err}");
}

#[test]
fn names_a_missing_questionnaire_and_the_built_in_ones() {
    let out = run(["validate", "no-such-questionnaire"]);
    assert_eq!(out.status.code(), Some(1));
    let err = stderr(&out);
    assert!(err.contains("no-such-questionnaire"), "{err}");
    assert!(err.contains("danger-signs, itsm-recovery"), "{err}");
}

#[test]
fn prints_a_json_schema_that_names_the_format_keys() {
    let out = run(["schema"]);
    assert!(out.status.success());
    let schema: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON");
    let props = &schema["properties"];
    for key in ["id", "title", "scale", "levels", "domains", "flags"] {
        assert!(props.get(key).is_some(), "schema lacks {key}");
    }
    assert_eq!(
        schema["additionalProperties"],
        serde_json::Value::Bool(false)
    );
}

#[test]
fn writes_a_template_with_a_role_column_and_every_question_id() {
    let path = fixtures().join("questionnaires/worked.yaml");
    let out = run(["template".as_ref(), "-q".as_ref(), path.as_os_str()]);
    assert!(out.status.success(), "{}", stderr(&out));
    let text = stdout(&out);
    assert_eq!(text.lines().next(), Some("role,C1,C2,C3"));
    // Row 2: each statement's text under its id.
    assert_eq!(
        text,
        format!(
            "role,C1,C2,C3\n{},Standard changes skip the board.,Changes rarely cause incidents.,Every change waits for the weekly board.\n",
            itsm_assess::template::GROUP_NOTE
        )
    );
}

#[test]
fn exits_with_code_2_on_a_usage_error() {
    let out = run(["validate", "--no-such-flag"]);
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn rejects_a_flag_naming_an_unknown_remedy() {
    assert_problems(
        "bad-remedy.yaml",
        &[(
            14,
            "flag 'slow-board' names action 'CE-A9', which is not an action",
        )],
    );
}

#[test]
fn validate_warns_when_the_levels_rate_indifference_as_maturity() {
    // The worked example declares no levels, so the built-in bands apply (level 3 from 40%):
    // 50% of the scale, everyone neutral, reaches level 3. The shipped questionnaires start
    // level 3 above 50% and get no warning.
    let fixture = crate::common::fixtures().join("score/worked-labels.yaml");
    let out = crate::common::run(["validate".as_ref(), fixture.as_os_str()]);
    assert!(out.status.success(), "a warning, not an error");
    let err = crate::common::stderr(&out);
    assert!(
        err.contains("warning:")
            && err.contains("midpoint of the scale (50%")
            && err.contains("level 3 Defined"),
        "{err}"
    );
    let out = crate::common::run(["validate", "danger-signs", "itsm-recovery"]);
    assert!(out.status.success());
    assert!(
        crate::common::stderr(&out).is_empty(),
        "{}",
        crate::common::stderr(&out)
    );
}
