//! Reading whole files: the plain CSV path, encodings, layouts, mapping, limits and bad input.

use super::*;
use crate::questionnaire::parse;
use Answer::{Missing as M, NotApplicable as NA, Value as V};
use std::path::PathBuf;

/// A small questionnaire: two domains, labels, a not-applicable answer, an alias.
pub(crate) fn questionnaire() -> Questionnaire {
    parse(
        r#"
id: small
title: Small
version: "1"
scale:
  min: 1
  max: 5
  labels: {1: Strongly disagree, 2: Disagree, 3: Neutral, 4: Agree, 5: Strongly agree}
  not_applicable: [Don't know]
domains:
  - id: change
    name: Change
    questions:
      - {id: C1, text: Standard changes skip the board., aliases: [change_1]}
      - {id: C2, text: Changes rarely cause incidents.}
  - id: incident
    name: Incident
    questions:
      - {id: I1, text: "Major incidents have a named owner, always."}
"#,
        "q.yaml",
    )
    .expect("the test questionnaire is valid")
}

/// A temporary folder holding test files.
pub(crate) struct Files(tempfile::TempDir);

impl Files {
    pub(crate) fn new() -> Self {
        Files(tempfile::tempdir().expect("a temporary folder"))
    }

    pub(crate) fn write(&self, name: &str, bytes: impl AsRef<[u8]>) -> PathBuf {
        let path = self.0.path().join(name);
        std::fs::write(&path, bytes).expect("write a test file");
        path
    }
}

type Rows = Vec<(Vec<Answer>, Vec<String>)>;

fn read_with(paths: &[PathBuf], opts: &ReadOptions) -> Result<(Rows, ReadSummary), Problems> {
    let q = questionnaire();
    let mut rows = Vec::new();
    let summary = read_responses(paths, &q, opts, &mut |row| {
        rows.push((row.answers.to_vec(), row.groups.to_vec()))
    })?;
    Ok((rows, summary))
}

fn read(name: &str, bytes: impl AsRef<[u8]>) -> Result<(Rows, ReadSummary), String> {
    let files = Files::new();
    let path = files.write(name, bytes);
    read_with(&[path], &ReadOptions::default()).map_err(|e| strip_dir(&e.to_string()))
}

fn answers(name: &str, bytes: impl AsRef<[u8]>) -> Vec<Vec<Answer>> {
    match read(name, bytes) {
        Ok((rows, _)) => rows.into_iter().map(|r| r.0).collect(),
        Err(e) => panic!("reading {name} failed: {e}"),
    }
}

fn error(name: &str, bytes: impl AsRef<[u8]>) -> String {
    match read(name, bytes) {
        Ok((rows, _)) => panic!("reading {name} should fail, but gave {} rows", rows.len()),
        Err(e) => e,
    }
}

/// Messages without the temporary folder: from the file name on.
fn strip_dir(message: &str) -> String {
    message
        .lines()
        .map(|l| match l.find(".tmp") {
            Some(start) => {
                let rest = &l[start..];
                let name_start = rest.find('/').map_or(0, |i| i + 1);
                rest[name_start..].to_string()
            }
            None => l.to_string(),
        })
        .collect::<Vec<_>>()
        .join("\n")
}

#[test]
fn plain_csv_by_id_alias_and_text() {
    let csv = "role,change_1,Changes rarely cause incidents.,I1\nIT,4,Agree,n/a\nBusiness,strongly disagree,,5 - Strongly agree\n";
    assert_eq!(
        answers("a.csv", csv),
        vec![vec![V(4), V(4), NA], vec![V(1), M, V(5)]]
    );
}

#[test]
fn columns_match_by_normalised_text_and_matrix_rows() {
    let csv = "\"standard changes skip the board\",How true? [Changes rarely cause incidents],Incidents - Major incidents have a named owner always\n1,2,3\n";
    assert_eq!(answers("a.csv", csv), vec![vec![V(1), V(2), V(3)]]);
    let files = Files::new();
    let path = files.write("a.csv", csv);
    let report = inspect(&path, &questionnaire(), &ReadOptions::default()).expect("readable");
    let roles: Vec<String> = report.columns.iter().map(|c| c.role.to_string()).collect();
    assert_eq!(
        roles,
        [
            "question C1, by its text ignoring case, punctuation and spaces",
            "question C2, by the matrix row 'Changes rarely cause incidents'",
            "question I1, by the matrix row 'Major incidents have a named owner always'",
        ]
    );
}

#[test]
fn delimiters_bom_and_crlf() {
    let want = vec![vec![V(1), V(2), V(3)], vec![V(5), M, NA]];
    for (name, text) in [
        ("comma.csv", "C1,C2,I1\n1,2,3\n5,,N/A\n".to_string()),
        (
            "semicolon.csv",
            "C1;C2;I1\r\n1;2;3\r\n5;;NA\r\n".to_string(),
        ),
        (
            "tab.txt",
            "C1\tC2\tI1\n1\t2\t3\n5\t\tDon't know\n".to_string(),
        ),
        (
            "bom.csv",
            "\u{feff}C1,C2,I1\r\n1,2,3\r\n5,,n/a\r\n".to_string(),
        ),
        (
            "quoted.csv",
            "\u{feff}\"C1\";\"C2\";\"I1\"\r\n\"1\";\"2\";\"3\"\r\n\"5\";\"\";\"n/a\"\r\n"
                .to_string(),
        ),
    ] {
        assert_eq!(answers(name, text), want, "{name}");
    }
}

#[test]
fn forced_delimiter() {
    let files = Files::new();
    let path = files.write("a.csv", "C1;C2;I1\n1;2;3\n");
    let opts = ReadOptions {
        delimiter: Some(b','),
        ..ReadOptions::default()
    };
    let err = read_with(std::slice::from_ref(&path), &opts).expect_err("one column named 'C1;C2;I1'");
    assert!(err.to_string().contains("found C1;C2;I1."), "{err}");
    let (rows, _) = ok(read_with(&[path], &ReadOptions::default()));
    assert_eq!(rows.len(), 1);
}

fn ok(result: Result<(Rows, ReadSummary), Problems>) -> (Rows, ReadSummary) {
    result.unwrap_or_else(|e| panic!("{e}"))
}

#[test]
fn trailing_empty_column_and_short_rows() {
    let csv = "C1,C2,I1,\n1,2,3,\n4,5\n";
    assert_eq!(
        answers("a.csv", csv),
        vec![vec![V(1), V(2), V(3)], vec![V(4), V(5), M]]
    );
}

#[test]
fn quoted_fields_with_delimiters_quotes_and_newlines() {
    let csv = "comment,C1,C2,I1\r\n\"a, \"\"quoted\"\"\r\ncomment\",1,2,3\r\nplain,4,4,4\r\n";
    assert_eq!(
        answers("a.csv", csv),
        vec![vec![V(1), V(2), V(3)], vec![V(4), V(4), V(4)]]
    );
    // The line of an error is the physical line where the row starts.
    let bad = "comment,C1,C2,I1\n\"two\nlines\",1,2,3\nx,1,9,3\n";
    assert_eq!(
        error("a.csv", bad),
        "a.csv:4:3: column 'C2': '9' 9 is outside the scale; allowed: a whole number from 1 to 5, \
         a label (1 'Strongly disagree', 2 'Disagree', 3 'Neutral', 4 'Agree', 5 'Strongly agree'), \
         a not-applicable answer (Don't know, N/A, NA, n/a), or an empty cell"
    );
}

#[test]
fn group_by_columns_and_source() {
    let files = Files::new();
    let a = files.write(
        "it-survey.csv",
        "Role,Department,C1,C2,I1\nIT, Ops ,1,2,3\n",
    );
    let b = files.write("business.csv", "department,role,C1\nSales,Business,5\n");
    let opts = ReadOptions {
        group_by: vec!["role".into(), "source".into(), "Department".into()],
        ..ReadOptions::default()
    };
    let (rows, summary) = ok(read_with(&[a, b], &opts));
    assert_eq!(
        rows,
        vec![
            (
                vec![V(1), V(2), V(3)],
                vec!["IT".into(), "it-survey".into(), "Ops".into()]
            ),
            (
                vec![V(5), M, M],
                vec!["Business".into(), "business".into(), "Sales".into()]
            ),
        ]
    );
    assert_eq!(summary.rows, 2);
    assert_eq!(summary.files.len(), 2);
    assert_eq!(
        summary
            .warnings
            .iter()
            .map(|w| strip_dir(w))
            .collect::<Vec<_>>(),
        ["business.csv: no column for question(s) C2, I1; their answers are missing"]
    );
}

#[test]
fn group_by_errors() {
    let files = Files::new();
    let a = files.write("a.csv", "Email Address,Role,C1\nx@example.com,IT,1\n");
    let b = files.write("b.csv", "Name,Team,C1\nAlice,IT,1\n");
    let opts = ReadOptions {
        group_by: vec!["Role".into()],
        ..ReadOptions::default()
    };
    let err = strip_dir(
        &read_with(&[a.clone(), b], &opts)
            .expect_err("b has no Role")
            .to_string(),
    );
    assert_eq!(
        err,
        "b.csv: has no column 'Role' to group by; available: Team, source"
    );
    let opts = ReadOptions {
        group_by: vec!["email address".into(), "C1".into()],
        ..ReadOptions::default()
    };
    let err = strip_dir(&read_with(&[a], &opts).expect_err("identifying").to_string());
    assert_eq!(
        err,
        "a.csv: cannot group by 'email address': the column identifies respondents, and is never read\n\
         a.csv: cannot group by 'C1': the column holds question C1; group by a metadata column\n\
         2 problems found"
    );
}

#[test]
fn bad_cells_name_file_line_column_and_value_only() {
    let csv = "Email Address,C1,C2,I1\nalice@example.com,4,Sometimes,1\n";
    let err = error("a.csv", csv);
    assert!(err.starts_with("a.csv:2:3: column 'C2': 'Sometimes' is not an answer on the scale; allowed: a whole number from 1 to 5"), "{err}");
    assert!(!err.contains("alice"), "{err}");
    let err = error("a.csv", "C1\n6\n");
    assert!(
        err.starts_with("a.csv:2:1: column 'C1': '6' 6 is outside the scale"),
        "{err}"
    );
    let err = error("a.csv", "C1\n5 - Disagree\n");
    assert!(
        err.starts_with(
            "a.csv:2:1: column 'C1': '5 - Disagree' the number 5 contradicts the label 'Disagree'"
        ),
        "{err}"
    );
}

#[test]
fn skip_invalid_counts_cells_as_missing() {
    let files = Files::new();
    let path = files.write("a.csv", "C1,C2,I1\n4,often,9\n1,2,3\n");
    let opts = ReadOptions {
        skip_invalid: true,
        ..ReadOptions::default()
    };
    let (rows, summary) = ok(read_with(&[path], &opts));
    assert_eq!(rows[0].0, vec![V(4), M, M]);
    assert_eq!(summary.invalid_cells, 2);
    assert_eq!(summary.files[0].unknown_labels.len(), 2);
    assert!(summary.warnings.iter().any(|w| w.ends_with(
        "2 cell(s) were not answers on the scale and count as missing (--skip-invalid)"
    )));
}

#[test]
fn many_bad_cells_stop_after_the_limit() {
    let mut csv = "C1\n".to_string();
    for _ in 0..100 {
        csv.push_str("x\n");
    }
    let err = error("a.csv", csv);
    assert_eq!(err.lines().count(), MAX_CELL_PROBLEMS + 2);
    assert!(err.contains("stopped after 20 invalid cells"), "{err}");
}

#[test]
fn sink_is_not_called_after_a_problem() {
    let files = Files::new();
    let path = files.write("a.csv", "C1\n1\nx\n2\n");
    let mut calls = 0;
    let q = questionnaire();
    let result = read_responses(&[path], &q, &ReadOptions::default(), &mut |_| calls += 1);
    assert!(result.is_err());
    assert_eq!(calls, 1);
}

#[test]
fn unmatched_columns_and_questions() {
    let files = Files::new();
    let path = files.write("a.csv", "Role,Comments,C1,,\nIT,fine,4,,\n");
    let report = inspect(&path, &questionnaire(), &ReadOptions::default()).expect("readable");
    let roles: Vec<(&str, String)> = report
        .columns
        .iter()
        .map(|c| (c.header.as_str(), c.role.to_string()))
        .collect();
    assert_eq!(
        roles,
        [
            ("Role", "metadata (usable with --group-by)".to_string()),
            ("Comments", "metadata (usable with --group-by)".to_string()),
            ("C1", "question C1, by its id".to_string()),
            ("", "ignored: no header".to_string()),
            ("", "ignored: no header".to_string()),
        ]
    );
    assert_eq!(
        report.missing_questions,
        [
            (
                "C2".to_string(),
                "Changes rarely cause incidents.".to_string()
            ),
            (
                "I1".to_string(),
                "Major incidents have a named owner, always.".to_string()
            )
        ]
    );
}

#[test]
fn duplicate_question_columns_are_an_error_naming_both() {
    let err = error("a.csv", "C1,Standard changes skip the board.\n1,2\n");
    assert_eq!(
        err,
        "a.csv:1:2: columns 'C1' (column 1) and 'Standard changes skip the board.' (column 2) both hold question C1; keep one, or map them apart in a mapping file"
    );
}

#[test]
fn no_matching_column_says_what_was_expected_and_found() {
    let err = error("a.csv", "Email,Role,Q1,Q2\nx@y.z,IT,1,2\n");
    assert_eq!(
        err,
        "a.csv: no column matches a question of questionnaire 'small' (read as plain table, 1 header row(s)); \
         expected headers such as C1 ('Standard changes skip the board.'), C2 ('Changes rarely cause incidents.'), \
         I1 ('Major incidents have a named owner, always.'); found Role, Q1, Q2. \
         Check the format (--input-format) or write a mapping file (itsm-assess inspect --write-mapping)"
    );
}

#[test]
fn empty_header_only_and_missing_files() {
    assert_eq!(
        error("a.csv", ""),
        "a.csv: is empty; expected a header row and one row per respondent"
    );
    assert_eq!(
        error("a.csv", "\n\n\r\n"),
        "a.csv: holds no rows; expected a header row and one row per respondent"
    );
    assert_eq!(
        error("a.csv", "C1,C2\r\n"),
        "a.csv: has no responses: only the header row(s), 1 of them"
    );
    let files = Files::new();
    let missing = files.0.path().join("missing.csv");
    let err = strip_dir(
        &read_with(&[missing], &ReadOptions::default())
            .expect_err("missing")
            .to_string(),
    );
    assert!(
        err.starts_with("missing.csv: cannot read the response file: No such file"),
        "{err}"
    );
    let dir = files.0.path().join("folder.csv");
    std::fs::create_dir(&dir).expect("make a folder");
    let err = strip_dir(
        &read_with(&[dir], &ReadOptions::default())
            .expect_err("a folder")
            .to_string(),
    );
    assert_eq!(
        err,
        "folder.csv: is a directory, expected a response file (CSV, text or .xlsx)"
    );
}

#[test]
fn problems_of_every_file_are_reported_together() {
    let files = Files::new();
    let a = files.write("a.csv", "");
    let b = files.write("b.csv", "x\n1\n");
    let err = strip_dir(
        &read_with(&[a, b], &ReadOptions::default())
            .expect_err("both bad")
            .to_string(),
    );
    assert!(err.starts_with("a.csv: is empty"), "{err}");
    assert!(err.contains("\nb.csv: no column matches"), "{err}");
    assert!(err.ends_with("2 problems found"), "{err}");
}
