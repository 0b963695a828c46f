//! Reading whole files: the plain CSV path, encodings, layouts, mapping, limits and bad input.

use super::*;
use crate::questionnaire::parse;
use Answer::{Missing as M, NotApplicable as NA, Value as V};
use std::path::PathBuf;

/// A small questionnaire: two domains, labels, a not-applicable answer, an alias.
pub(crate) fn questionnaire() -> Questionnaire {
    parse(
        include_str!("../../tests/fixtures/responses/small.yaml"),
        "small.yaml",
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

/// The sources of paths.
fn files(paths: &[PathBuf]) -> Vec<Source> {
    paths.iter().map(Source::file).collect()
}

fn read_with(paths: &[PathBuf], opts: &ReadOptions) -> Result<(Rows, ReadSummary), ReadError> {
    let q = questionnaire();
    let mut rows = Vec::new();
    let summary = read_responses(files(paths), &q, opts, &mut |row: &Row<'_>| {
        rows.push((row.answers(&q.scale), row.groups.to_vec()))
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
    let report = inspect(
        Source::file(path),
        &questionnaire(),
        &ReadOptions::default(),
    )
    .expect("readable");
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
    let err =
        read_with(std::slice::from_ref(&path), &opts).expect_err("one column named 'C1;C2;I1'");
    assert!(err.to_string().contains("found C1;C2;I1."), "{err}");
    let (rows, _) = ok(read_with(&[path], &ReadOptions::default()));
    assert_eq!(rows.len(), 1);
}

fn ok(result: Result<(Rows, ReadSummary), ReadError>) -> (Rows, ReadSummary) {
    result.unwrap_or_else(|e| panic!("{e}"))
}

#[test]
fn trailing_empty_column_and_short_rows() {
    cli_words();
    // A trailing column without a header may be left out by a row; blank fields beyond the
    // header fit too.
    let csv = "C1,C2,I1,\n1,2,3,\n4,5,1\n2,3,4,,\n";
    assert_eq!(
        answers("a.csv", csv),
        vec![
            vec![V(1), V(2), V(3)],
            vec![V(4), V(5), V(1)],
            vec![V(2), V(3), V(4)]
        ]
    );
    // A row with fewer fields than the header names lost a delimiter (it was read with I1
    // missing until rows were checked against the header).
    assert_eq!(
        error("a.csv", "C1,C2,I1,\n1,2,3,\n4,5\n"),
        "a.csv:3: the row holds 2 fields, fewer than the 4 of the header: a lost delimiter \
         shifts the answers after it; fix the row, or pass --skip-invalid to skip such rows"
    );
}

#[test]
fn a_row_wider_than_the_header_is_refused_unless_its_extra_fields_are_blank() {
    cli_words();
    // A doubled comma: C2 read as empty, I1 as 2, and the 3 beyond the header.
    assert_eq!(
        error("a.csv", "C1,C2,I1\n1,2,3\n1,,2,3\n"),
        "a.csv:3: the row holds 4 fields, more than the 3 of the header, and one beyond them is \
         not empty: a doubled delimiter shifts the answers after it; fix the row, or pass \
         --skip-invalid to skip such rows"
    );
    assert_eq!(
        answers("a.csv", "C1,C2,I1\n1,2,3, ,\t\n"),
        vec![vec![V(1), V(2), V(3)]]
    );
}

#[test]
fn skip_invalid_counts_and_skips_rows_that_do_not_fit_the_header() {
    cli_words();
    let files = Files::new();
    let path = files.write("a.csv", "C1,C2,I1\n1,2,3\n1,,2,3\n4,5\n5,4,3\n");
    let opts = ReadOptions {
        skip_invalid: true,
        ..ReadOptions::default()
    };
    let (rows, summary) = ok(read_with(std::slice::from_ref(&path), &opts));
    let answers: Vec<Vec<Answer>> = rows.into_iter().map(|r| r.0).collect();
    assert_eq!(
        answers,
        vec![vec![V(1), V(2), V(3)], vec![V(5), V(4), V(3)]]
    );
    assert_eq!((summary.rows, summary.skipped_rows), (4, 2));
    assert_eq!(summary.files[0].skipped_rows, 2);
    let warnings: Vec<String> = summary.warnings.iter().map(|w| strip_dir(w)).collect();
    assert_eq!(
        warnings,
        ["a.csv: 2 row(s) with more or fewer fields than the header were skipped (--skip-invalid)"]
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
        "a.csv:4:3: column 'C2': '9' is a number outside the scale; allowed: a whole number from 1 to 5, \
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
        err.starts_with("a.csv:2:1: column 'C1': '6' is a number outside the scale"),
        "{err}"
    );
    let err = error("a.csv", "C1\n5 - Disagree\n");
    assert!(
        err.starts_with(
            "a.csv:2:1: column 'C1': '5 - Disagree' starts with 5 but is labelled 'Disagree', the label of another value"
        ),
        "{err}"
    );
}

/// A column whose header identifies people but that holds a question (a mapping file filled in
/// by mistake) is read, but its cells are never quoted: not in errors, not in the report.
#[test]
fn cells_of_an_identifying_column_mapped_to_a_question_are_never_quoted() {
    let files = Files::new();
    let path = files.write("a.csv", "Email Address,C2\nbob@example.invalid,3\n");
    let mapping = parse_mapping("columns:\n  Email Address: C1\n", "m.yaml").expect("a mapping");
    let opts = ReadOptions {
        mapping: Some(mapping),
        ..ReadOptions::default()
    };
    let err = strip_dir(
        &read_with(std::slice::from_ref(&path), &opts)
            .expect_err("bad cell")
            .to_string(),
    );
    assert!(
        err.starts_with(
            "a.csv:2:1: column 'Email Address': '(a value of a column that identifies people, \
             not shown)' is not an answer on the scale"
        ),
        "{err}"
    );
    let report = inspect(Source::file(path), &questionnaire(), &opts).expect("inspect reads it");
    assert_eq!(report.unknown_labels.len(), 1);
    for text in [err, report.to_string(), starter_mapping(&report)] {
        assert!(!text.contains("bob@"), "{text}");
    }
}

#[test]
fn skip_invalid_counts_cells_as_missing() {
    cli_words();
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
    let result = read_responses(
        vec![Source::file(path)],
        &q,
        &ReadOptions::default(),
        &mut |_: &Row<'_>| calls += 1,
    );
    assert!(result.is_err());
    assert_eq!(calls, 1);
}

#[test]
fn unmatched_columns_and_questions() {
    cli_words();
    let files = Files::new();
    let path = files.write("a.csv", "Role,Comments,C1,,\nIT,fine,4,,\n");
    let report = inspect(
        Source::file(path),
        &questionnaire(),
        &ReadOptions::default(),
    )
    .expect("readable");
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
    // Issue 15 item 7: two columns of one question are merged; a row answering both is the
    // error, at that row.
    let err = error("a.csv", "C1,Standard changes skip the board.\n1,2\n");
    assert_eq!(
        err,
        "a.csv:2:2: columns 'C1' (column 1) and 'Standard changes skip the board.' (column 2) both hold question C1, and this row answers both; keep one, or map them apart in a mapping file"
    );
}

#[test]
fn two_columns_of_a_question_answered_by_different_rows_are_merged_with_a_note() {
    // Rows 2 and 3 answer C1 in its first column, row 4 in the second (the question's text was
    // edited in between); C1 gets 4, 1 and 5.
    let files = Files::new();
    let path = files.write(
        "waves.csv",
        "role,C1,Standard changes skip the board.\nIT,4,\nBusiness,1,\nIT,,5\n",
    );
    let opts = ReadOptions::default();
    let (rows, summary) = ok(read_with(std::slice::from_ref(&path), &opts));
    let c1: Vec<Answer> = rows.iter().map(|(a, _)| a[0]).collect();
    assert_eq!(c1, [V(4), V(1), V(5)]);
    assert_eq!(
        summary.files[0].notes,
        [
            "columns 'C1' (column 2) and 'Standard changes skip the board.' (column 3) both hold question C1: they are read as one, each row answering in one of them"
        ]
    );
}

#[test]
fn no_matching_column_says_what_was_expected_and_found() {
    cli_words();
    let err = error("a.csv", "Email,Role,Q1,Q2\nx@y.z,IT,1,2\n");
    assert_eq!(
        err,
        "a.csv: no column matches a question of questionnaire 'small' (read as plain table, 1 header row(s)); \
         expected headers such as C1 ('Standard changes skip the board.'), C2 ('Changes rarely cause incidents.'), \
         I1 ('Major incidents have a named owner, always.'); found Role, Q1, Q2. \
         Check the format (--input-format) or write a mapping file (itsm-assess inspect --write-mapping <FILE>) \
         and pass it with --mapping"
    );
}

#[test]
fn blank_lines_missing_files_and_folders() {
    assert_eq!(
        error("a.csv", "\n\n\r\n"),
        "a.csv: holds no rows; expected a header row and one row per respondent"
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

fn utf16(text: &str, little_endian: bool) -> Vec<u8> {
    let mut out = if little_endian {
        vec![0xFF, 0xFE]
    } else {
        vec![0xFE, 0xFF]
    };
    for unit in text.encode_utf16() {
        let bytes = if little_endian {
            unit.to_le_bytes()
        } else {
            unit.to_be_bytes()
        };
        out.extend(bytes);
    }
    out
}

fn windows_1252(text: &str) -> Vec<u8> {
    let (bytes, _, unmappable) = encoding_rs::WINDOWS_1252.encode(text);
    assert!(!unmappable, "{text} fits Windows-1252");
    bytes.into_owned()
}

#[test]
fn utf16_with_bom_tab_separated() {
    let text = "Département\tC1\tC2\tI1\r\nOpérations\t1\t2\t3\r\nSécurité\tAgree\t\tN/A\r\n";
    let want = vec![vec![V(1), V(2), V(3)], vec![V(4), M, NA]];
    assert_eq!(answers("le.txt", utf16(text, true)), want);
    assert_eq!(answers("be.txt", utf16(text, false)), want);
    let files = Files::new();
    let path = files.write("unicode.txt", utf16(text, true));
    let opts = ReadOptions {
        group_by: vec!["département".into()],
        ..ReadOptions::default()
    };
    let (rows, summary) = ok(read_with(&[path], &opts));
    assert_eq!(rows[0].1, ["Opérations"]);
    assert_eq!(rows[1].1, ["Sécurité"]);
    assert_eq!(
        summary.files[0].container,
        Container::Text {
            encoding: TextEncoding::Utf16Le,
            delimiter: b'\t',
            delimiter_forced: false
        }
    );
}

#[test]
fn windows_1252_with_accented_labels() {
    let q = parse(
        r#"
id: fr
title: Français
scale:
  min: 1
  max: 4
  labels: {1: Pas du tout d'accord, 2: Plutôt pas d'accord, 3: Plutôt d'accord, 4: Tout à fait d'accord}
  not_applicable: [Ne sait pas]
domains:
  - id: changement
    name: Changement
    questions:
      - {id: C1, text: Les changements standard évitent le comité.}
      - {id: C2, text: Les changements causent rarement des incidents.}
"#,
        "fr.yaml",
    )
    .expect("valid");
    let text = "Service;Les changements standard évitent le comité.;C2\r\nOpérations;Tout à fait d'accord;plutôt PAS d'accord\r\nSûreté;Ne sait pas;1\r\n";
    let files = Files::new();
    let path = files.write("excel.csv", windows_1252(text));
    let mut rows = Vec::new();
    let opts = ReadOptions {
        group_by: vec!["Service".into()],
        ..ReadOptions::default()
    };
    let summary = read_responses(vec![Source::file(path)], &q, &opts, &mut |r: &Row<'_>| {
        rows.push((r.answers(&q.scale), r.groups.to_vec()))
    })
    .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(
        rows,
        vec![
            (vec![V(4), V(2)], vec!["Opérations".to_string()]),
            (vec![NA, V(1)], vec!["Sûreté".to_string()]),
        ]
    );
    let report = &summary.files[0];
    assert!(
        report.to_string().contains(
            "Encoding: Windows-1252 (the file is not valid UTF-8); delimiter ';' (detected from the header line)"
        ),
        "{report}"
    );
}

#[test]
fn oversized_lines_fields_and_columns() {
    let mut long_line = "C1,comment\n1,".to_string();
    long_line.push_str(&"x".repeat(10 * 1024 * 1024));
    long_line.push('\n');
    let err = error("long.csv", long_line);
    assert_eq!(
        err,
        "long.csv:2: a field is longer than 64 KiB, the limit (an unclosed quote, or not a survey export?)"
    );
    let mut wide_row = "C1,comment\n1".to_string();
    for _ in 0..(10 * 1024 * 1024 / 2) {
        wide_row.push_str(",x");
    }
    let err = error("wide-row.csv", wide_row);
    assert_eq!(
        err,
        "wide-row.csv:2: the row has more than 5000 columns, the limit"
    );
    let header: Vec<String> = (0..10_000).map(|i| format!("col{i}")).collect();
    let err = error("wide.csv", format!("{}\n", header.join(",")));
    assert_eq!(
        err,
        "wide.csv:1: the row has more than 5000 columns, the limit"
    );
    let mut long_row = "C1".to_string();
    for _ in 0..4000 {
        long_row.push(',');
        long_row.push_str(&"y".repeat(60_000));
    }
    let err = error("long-row.csv", long_row);
    assert_eq!(
        err,
        "long-row.csv:1: the row is longer than 4 MiB, the limit"
    );
}

fn fixture(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/responses")
        .join(name)
}

/// The three respondents every layout fixture holds, with their role.
fn fixture_rows() -> Rows {
    vec![
        (vec![V(4), V(2), V(5)], vec!["IT".to_string()]),
        (vec![V(1), NA, M], vec!["Business".to_string()]),
        (vec![V(5), V(3), V(3)], vec!["IT".to_string()]),
    ]
}

fn read_fixture(name: &str, role: &str, mapping: Option<Mapping>) -> (Rows, ReadSummary) {
    let opts = ReadOptions {
        group_by: vec![role.to_string()],
        mapping,
        ..ReadOptions::default()
    };
    ok(read_with(&[fixture(name)], &opts))
}

fn columns_of(report: &FileReport) -> Vec<String> {
    report
        .columns
        .iter()
        .map(|c| format!("{}: {}", c.header, c.role))
        .collect()
}

#[test]
fn surveymonkey_two_header_rows_and_matrix() {
    let (rows, summary) = read_fixture("surveymonkey.csv", "What is your role?", None);
    assert_eq!(rows, fixture_rows());
    let report = &summary.files[0];
    assert_eq!(report.format, InputFormat::SurveyMonkey);
    assert_eq!(report.header_rows, 2);
    let identifying: Vec<&str> = report
        .columns
        .iter()
        .filter(|c| c.role == ColumnRole::Identifying)
        .map(|c| c.header.as_str())
        .collect();
    assert_eq!(
        identifying,
        [
            "Respondent ID",
            "IP Address",
            "Email Address",
            "First Name",
            "Last Name",
            // SurveyMonkey's custom variables carry what the sender attached: names, e-mails.
            "Custom Data 1"
        ]
    );
    assert!(summary.warnings.is_empty(), "{:?}", summary.warnings);
}

#[test]
fn qualtrics_three_header_rows_texts_in_any_language() {
    cli_words();
    let (rows, summary) = read_fixture("qualtrics.csv", "Ihre Rolle", None);
    assert_eq!(rows, fixture_rows());
    let report = &summary.files[0];
    assert_eq!(report.format, InputFormat::Qualtrics);
    assert_eq!(report.header_rows, 3);
    let columns = columns_of(report);
    assert!(columns.contains(&"ResponseId: identifying: never read nor shown".to_string()));
    assert!(columns.contains(&"RecipientEmail: identifying: never read nor shown".to_string()));
    assert!(columns.contains(&"LocationLatitude: identifying: never read nor shown".to_string()));
    assert!(columns.contains(&"Q1: metadata (usable with --group-by)".to_string()));
    assert!(columns.contains(
        &"Q2_1: question C1, by the matrix row 'Standard changes skip the board.'".to_string()
    ));
    assert!(columns.contains(&"Q3: question I1, by its text".to_string()));
    // A column matches by its variable name too.
    let (rows, _) = read_fixture("qualtrics.csv", "q1", None);
    assert_eq!(rows, fixture_rows());
}

#[test]
fn qualtrics_legacy_bom_and_trailing_comma() {
    let (rows, summary) = read_fixture("qualtrics-legacy.csv", "Role", None);
    assert_eq!(rows, fixture_rows());
    let report = &summary.files[0];
    assert_eq!(report.format, InputFormat::QualtricsLegacy);
    assert_eq!(report.header_rows, 2);
    assert!(matches!(
        report.container,
        Container::Text {
            encoding: TextEncoding::Utf8Bom,
            ..
        }
    ));
    let columns = columns_of(report);
    assert_eq!(columns[0], "V1: identifying: never read nor shown");
    assert_eq!(columns[2], "V3: identifying: never read nor shown");
    assert_eq!(columns[4], "V5: identifying: never read nor shown");
    assert_eq!(
        columns.last().map(String::as_str),
        Some(": ignored: no header")
    );
    assert!(summary.warnings.is_empty(), "{:?}", summary.warnings);
}

#[test]
fn limesurvey_codes_with_a_mapping_file() {
    let mapping = load_mapping(&fixture("limesurvey-mapping.yaml")).expect("valid mapping");
    let (rows, summary) = read_fixture("limesurvey.csv", "role", Some(mapping));
    assert_eq!(rows, fixture_rows());
    let report = &summary.files[0];
    assert_eq!(report.format, InputFormat::LimeSurvey);
    let columns = columns_of(report);
    assert_eq!(columns[0], "id: identifying: never read nor shown");
    assert_eq!(columns[5], "token: identifying: never read nor shown");
    assert_eq!(
        columns[7],
        "G1Q1[SQ001]: question C1, by the mapping file ('G1Q1[SQ001]')"
    );
    assert!(matches!(
        report.container,
        Container::Text {
            encoding: TextEncoding::Utf8Bom,
            delimiter: b';',
            ..
        }
    ));
}

#[test]
fn limesurvey_without_mapping_is_explained_and_a_starter_mapping_round_trips() {
    let q = questionnaire();
    let report = inspect(
        Source::file(fixture("limesurvey.csv")),
        &q,
        &ReadOptions::default(),
    )
    .expect("inspect reports rather than fails");
    assert_eq!(report.problems.len(), 1);
    assert!(
        report.problems[0].starts_with("no column matches a question"),
        "{:?}",
        report.problems
    );
    assert_eq!(report.rows, 3);
    let starter = starter_mapping(&report);
    assert!(starter.contains("  \"G1Q1[SQ001]\": ~\n"), "{starter}");
    assert!(
        !starter.contains("\"token\""),
        "identifying columns are left out: {starter}"
    );
    let loaded = parse_mapping(&starter, "starter.yaml").expect("the starter mapping loads");
    assert!(loaded.columns.is_empty() && loaded.labels.is_empty());
    // With the columns mapped but not the labels, the codes are listed with their counts.
    let filled = starter.replace("\"G1Q1[SQ001]\": ~", "\"G1Q1[SQ001]\": C1");
    let opts = ReadOptions {
        mapping: Some(parse_mapping(&filled, "filled.yaml").expect("loads")),
        ..ReadOptions::default()
    };
    let report = inspect(Source::file(fixture("limesurvey.csv")), &q, &opts).expect("readable");
    let labels: Vec<(&str, u64)> = report
        .unknown_labels
        .iter()
        .map(|u| (u.label.as_str(), u.count))
        .collect();
    assert_eq!(labels, [("A1", 1), ("A4", 1), ("A5", 1)]);
    let starter = starter_mapping(&report);
    assert!(
        starter.contains("labels:\n  \"A1\": ~   # 1 cell(s)\n"),
        "{starter}"
    );
}

#[test]
fn google_forms_grid_columns() {
    let (rows, summary) = read_fixture("google-forms.csv", "What is your role?", None);
    assert_eq!(rows, fixture_rows());
    let report = &summary.files[0];
    assert_eq!(report.format, InputFormat::GoogleForms);
    assert_eq!(
        columns_of(report)[1],
        "Email Address: identifying: never read nor shown"
    );
}

#[test]
fn a_forced_format_overrides_detection() {
    cli_words();
    let opts = ReadOptions {
        input_format: Some(InputFormat::Csv),
        ..ReadOptions::default()
    };
    let q = questionnaire();
    let report = inspect(Source::file(fixture("surveymonkey.csv")), &q, &opts).expect("readable");
    assert_eq!(report.header_rows, 1);
    assert_eq!(report.format_reason, "forced with --input-format");
    let opts = ReadOptions {
        input_format: Some(InputFormat::Qualtrics),
        ..ReadOptions::default()
    };
    let files = Files::new();
    let path = files.write("two.csv", "C1\n1\n");
    let err = strip_dir(
        &inspect(Source::file(path), &q, &opts)
            .expect_err("too few rows")
            .to_string(),
    );
    assert_eq!(
        err,
        "two.csv: --input-format qualtrics expects 3 header rows, but this file does not look \
         like such an export (no survey tool's header found: one header row); leave out \
         --input-format, or check that the file is the tool's own export"
    );
    // Detected from its first row, a legacy Qualtrics file cut short after it.
    let path = files.write("cut.csv", "V1,V2,Q1\n");
    let err = strip_dir(
        &inspect(Source::file(path), &q, &ReadOptions::default())
            .expect_err("too few rows")
            .to_string(),
    );
    assert_eq!(
        err,
        "cut.csv: a Qualtrics (legacy layout) export has 2 header rows, but the file holds only 1 row(s)"
    );
}

#[test]
fn inspect_prints_every_decision() {
    cli_words();
    let q = questionnaire();
    let report = inspect(
        Source::file(fixture("surveymonkey.csv")),
        &q,
        &ReadOptions::default(),
    )
    .expect("readable");
    let text = report.to_string();
    let text = text.replace(env!("CARGO_MANIFEST_DIR"), "");
    let want = "File: /tests/fixtures/responses/surveymonkey.csv
Format: SurveyMonkey (row 1 holds Respondent ID and Collector ID)
Encoding: UTF-8; delimiter ',' (detected from the header line)
Header rows: 2; data rows: 3
Columns:
     1  Respondent ID
        -> identifying: never read nor shown
     2  Collector ID
        -> metadata (usable with --group-by)
     3  Start Date
        -> metadata (usable with --group-by)
     4  End Date
        -> metadata (usable with --group-by)
     5  IP Address
        -> identifying: never read nor shown
     6  Email Address
        -> identifying: never read nor shown
     7  First Name
        -> identifying: never read nor shown
     8  Last Name
        -> identifying: never read nor shown
     9  Custom Data 1
        -> identifying: never read nor shown
    10  What is your role?
        -> metadata (usable with --group-by)
    11  How true are these statements about change? - Standard changes skip the board.
        -> question C1, by the matrix row 'Standard changes skip the board.'
    12  How true are these statements about change? - Changes rarely cause incidents.
        -> question C2, by the matrix row 'Changes rarely cause incidents.'
    13  Major incidents have a named owner, always.
        -> question I1, by its text
Every question has a column.
";
    assert_eq!(text, want);
    for private in ["ann@example.com", "10.0.0.1", "Ann", "11401"] {
        assert!(!text.contains(private), "{private}");
    }
}

/// Every export made by `examples/make_exports.rs` from a folder's `canonical.csv` reads to the
/// same answers and groups, in the expected layout and encoding.
fn check_exports(folder: &str) {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join(folder);
    let q = crate::questionnaire::load("danger-signs").expect("the built-in questionnaire");
    let read = |name: &str, mapping: Option<Mapping>| {
        let opts = ReadOptions {
            group_by: vec!["role".into(), "department".into()],
            mapping,
            ..ReadOptions::default()
        };
        let mut rows = Vec::new();
        let summary = read_responses(
            vec![Source::file(dir.join(name))],
            &q,
            &opts,
            &mut |r: &Row<'_>| rows.push((r.answers(&q.scale), r.groups.to_vec())),
        )
        .unwrap_or_else(|e| panic!("{e}"));
        assert!(
            summary.warnings.is_empty(),
            "{name}: {:?}",
            summary.warnings
        );
        let mut summary = summary;
        (rows, summary.files.remove(0))
    };
    let (canonical, _) = read("canonical.csv", None);
    assert!(canonical.len() >= 20, "{folder}: {} rows", canonical.len());
    assert!(canonical.iter().any(|r| r.0.contains(&NA)));
    assert!(canonical.iter().any(|r| r.0.contains(&M)));
    let mapping = load_mapping(&dir.join("limesurvey-mapping.yaml")).expect("mapping");
    for (name, format, encoding) in [
        ("google-forms.csv", InputFormat::GoogleForms, "UTF-8"),
        (
            "microsoft-forms.xlsx",
            InputFormat::MicrosoftForms,
            "Workbook",
        ),
        ("surveymonkey.csv", InputFormat::SurveyMonkey, "UTF-8"),
        ("qualtrics.csv", InputFormat::Qualtrics, "UTF-8"),
        (
            "qualtrics-legacy.csv",
            InputFormat::QualtricsLegacy,
            "UTF-8 with BOM",
        ),
        ("limesurvey.csv", InputFormat::LimeSurvey, "UTF-8 with BOM"),
        ("excel-1252.csv", InputFormat::Csv, "Windows-1252"),
        ("excel-unicode.txt", InputFormat::Csv, "UTF-16LE with BOM"),
    ] {
        let mapping = name.starts_with("limesurvey").then(|| mapping.clone());
        let (rows, report) = read(name, mapping);
        assert_eq!(report.format, format, "{name}");
        let shown = report.to_string();
        assert!(
            shown.contains(&format!("\nEncoding: {encoding}"))
                || shown.contains(&format!("\n{encoding}")),
            "{name}: {shown}"
        );
        assert_eq!(rows.len(), canonical.len(), "{name}");
        for (i, (got, want)) in rows.iter().zip(&canonical).enumerate() {
            assert_eq!(got, want, "{folder}/{name}: respondent {}", i + 1);
        }
    }
}

#[test]
fn every_export_reads_to_the_canonical_answers() {
    check_exports("tests/fixtures/exports");
}

#[test]
fn every_sample_export_reads_to_the_canonical_answers() {
    check_exports("sample-data/exports");
}

#[test]
fn workbook_sheets_and_cells() {
    let files = Files::new();
    let path = files.0.path().join("forms.xlsx");
    let mut workbook = rust_xlsxwriter::Workbook::new();
    let first = workbook.add_worksheet();
    first.set_name("Notes").expect("a sheet name");
    first.write_string(0, 0, "nothing here").expect("write");
    let sheet = workbook.add_worksheet();
    sheet.set_name("Responses").expect("a sheet name");
    for (c, h) in ["ID", "Name", "Role", "C1", "C2", "I1"].iter().enumerate() {
        sheet.write_string(0, c as u16, *h).expect("write");
    }
    sheet.write_number(1, 0, 1.0).expect("write");
    sheet.write_string(1, 1, "anonymous").expect("write");
    sheet.write_string(1, 2, "IT").expect("write");
    sheet.write_number(1, 3, 4.0).expect("write");
    sheet.write_string(1, 4, "Agree").expect("write");
    // I1 left empty; row 3 holds a value off the scale in C2.
    sheet.write_number(3, 3, 2.0).expect("write");
    sheet.write_number(3, 4, 4.5).expect("write");
    workbook.save(&path).expect("save the workbook");

    let opts = ReadOptions {
        sheet: Some("responses".into()),
        group_by: vec!["Role".into()],
        skip_invalid: true,
        ..ReadOptions::default()
    };
    let (rows, summary) = ok(read_with(std::slice::from_ref(&path), &opts));
    assert_eq!(
        rows,
        vec![
            (vec![V(4), V(4), M], vec!["IT".to_string()]),
            (vec![V(2), M, M], vec![String::new()]),
        ]
    );
    assert_eq!(summary.invalid_cells, 1);
    assert_eq!(
        summary.files[0].container,
        Container::Xlsx {
            sheet: "Responses".into()
        }
    );
    let strict = ReadOptions {
        sheet: Some("Responses".into()),
        ..ReadOptions::default()
    };
    let err = strip_dir(
        &read_with(std::slice::from_ref(&path), &strict)
            .expect_err("4.5")
            .to_string(),
    );
    assert!(
        err.starts_with("forms.xlsx:4:5: column 'C2': '4.5' is not an answer on the scale"),
        "{err}"
    );
    let missing = ReadOptions {
        sheet: Some("Answers".into()),
        ..ReadOptions::default()
    };
    let err = strip_dir(
        &read_with(&[path], &missing)
            .expect_err("no such sheet")
            .to_string(),
    );
    assert_eq!(
        err,
        "forms.xlsx: the workbook has no sheet 'Answers'; its sheets: Notes, Responses"
    );
    let err = error("broken.xlsx", b"PK\x03\x04 not really a zip archive");
    assert!(
        err.starts_with("broken.xlsx: cannot read it as an .xlsx workbook: "),
        "{err}"
    );
}

/// The bad-input fixtures (also for the CLI's bad-input suite) and the message each gives.
#[test]
fn bad_input_fixtures() {
    cli_words();
    let dir = fixture("bad");
    let cases = [
        (
            "empty.csv",
            "empty.csv: is empty; expected a header row and one row per respondent",
        ),
        (
            "header-only.csv",
            "header-only.csv: has no responses: only the header row(s), 1 of them",
        ),
        (
            "binary.csv",
            "binary.csv: is not a text or CSV file: byte 6 is the control byte 0x1A (binary data; \
             expected a CSV or tab-separated text export, or an .xlsx workbook)",
        ),
        (
            "nul-byte.csv",
            "nul-byte.csv:3: holds a NUL byte: this is binary data, not text (UTF-16 text must start \
             with a byte order mark)",
        ),
        (
            "invalid-utf8-late.csv",
            "invalid-utf8-late.csv:5002:1: is not valid UTF-8 here, though its first 64 KiB were, so \
             the file was read as UTF-8; save it again as UTF-8 (or as Windows-1252 throughout)",
        ),
        (
            "truncated-quote.csv",
            "truncated-quote.csv:3: a quoted field opened here is never closed: the file ends inside \
             it (truncated?)",
        ),
        (
            "out-of-scale.csv",
            "out-of-scale.csv:2:3: column 'C2': '7' is a number outside the scale; allowed: a whole number \
             from 1 to 5, a label (1 'Strongly disagree', 2 'Disagree', 3 'Neutral', 4 'Agree', \
             5 'Strongly agree'), a not-applicable answer (Don't know, N/A, NA, n/a), or an empty cell",
        ),
        (
            "duplicate-question.csv",
            "duplicate-question.csv:2:2: columns 'C1' (column 1) and 'Standard changes skip the \
             board.' (column 2) both hold question C1, and this row answers both; keep one, or map \
             them apart in a mapping file",
        ),
        (
            "no-question.csv",
            "no-question.csv: no column matches a question of questionnaire 'small' (read as plain \
             table, 1 header row(s)); expected headers such as C1 ('Standard changes skip the \
             board.'), C2 ('Changes rarely cause incidents.'), I1 ('Major incidents have a named \
             owner, always.'); found Role, Q1, Q2. Check the format (--input-format) or write a \
             mapping file (itsm-assess inspect --write-mapping <FILE>) and pass it with --mapping",
        ),
    ];
    let prefix = format!("{}/", dir.display());
    for (name, want) in cases {
        let err = read_with(&[dir.join(name)], &ReadOptions::default())
            .expect_err(name)
            .to_string();
        assert_eq!(err.replace(&prefix, ""), want);
        for private in ["alice", "x@y.z"] {
            assert!(!err.contains(private), "{err}");
        }
    }
}

/// A million respondents stream through (run with `cargo test --release -- --ignored`; the
/// reader holds one row at a time, so memory stays flat: about 4.4 MB peak for 1,000,000 rows
/// x 29 questions, read in about 5 s on the development machine).
#[test]
#[ignore = "writes and reads a 20 MB file"]
fn a_million_rows_stream() {
    use std::io::Write;
    let files = Files::new();
    let path = files.0.path().join("million.csv");
    let mut out = std::io::BufWriter::new(std::fs::File::create(&path).expect("create"));
    writeln!(out, "role,C1,C2,I1").expect("write");
    for i in 0..1_000_000u32 {
        let role = ["IT", "Business"][(i % 2) as usize];
        writeln!(
            out,
            "{role},{},Agree,{}",
            i % 5 + 1,
            ["", "N/A", "3"][(i % 3) as usize]
        )
        .expect("write");
    }
    out.flush().expect("flush");
    drop(out);
    let q = questionnaire();
    let opts = ReadOptions {
        group_by: vec!["role".into()],
        ..ReadOptions::default()
    };
    let (mut rows, mut values) = (0u64, 0i64);
    let summary = read_responses(vec![Source::file(path)], &q, &opts, &mut |row: &Row<'_>| {
        rows += 1;
        values += row
            .answers(&q.scale)
            .iter()
            .map(|a| if let V(v) = a { i64::from(*v) } else { 0 })
            .sum::<i64>();
    })
    .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!((summary.rows, rows), (1_000_000, 1_000_000));
    // C1 cycles 1..5 (mean 3), C2 is always 4, I1 is 3 on a third of the rows.
    assert_eq!(values, 3_000_000 + 4_000_000 + 3 * 333_333);
}

#[test]
fn response_dates_are_read_only_when_written_year_first() {
    use super::{is_date_column, response_date};
    let date = |cell: &str| response_date(cell).map(|d| d.to_string());
    assert_eq!(date("2026-10-30 14:05:00").as_deref(), Some("2026-10-30"));
    assert_eq!(
        date("2026/10/30 2:05:00 PM GMT+1").as_deref(),
        Some("2026-10-30")
    );
    assert_eq!(date(" 2026-01-05").as_deref(), Some("2026-01-05"));
    // Day or month first is ambiguous across locales; an Excel serial number is no date here.
    assert_eq!(response_date("03/04/2026 10:00"), None);
    assert_eq!(response_date("45961.5"), None);
    // Not a calendar date, or a longer number.
    assert_eq!(response_date("2026-13-01"), None);
    assert_eq!(response_date("2026-10-301"), None);
    assert_eq!(response_date("2026-10/30"), None);
    assert_eq!(response_date(""), None);
    for header in [
        "Timestamp",
        "EndDate",
        "End Date",
        "submitdate",
        "Completion time",
    ] {
        assert!(is_date_column(header), "{header}");
    }
    assert!(!is_date_column("Start Date") && !is_date_column("role"));
}

// ---------------------------------------------------------------------------------------------
// Consumers, sources that are not files, dates
// ---------------------------------------------------------------------------------------------

/// A consumer that asks for the cells of some headers and writes down every call it gets.
struct Recorder {
    headers: Vec<&'static str>,
    cells: Vec<Option<CellId>>,
    calls: Vec<String>,
    /// Fail on this row (1-based over all files).
    fail_at: Option<usize>,
    rows: usize,
}

impl Recorder {
    fn new(headers: &[&'static str]) -> Self {
        Recorder {
            headers: headers.to_vec(),
            cells: Vec::new(),
            calls: Vec::new(),
            fail_at: None,
            rows: 0,
        }
    }
}

impl RowSink for Recorder {
    fn begin_file(&mut self, file: &mut FileStart<'_>) -> Result<(), SinkError> {
        let positions: Vec<Option<usize>> = self
            .headers
            .iter()
            .map(|h| {
                file.columns()
                    .iter()
                    .find(|c| c.header == *h)
                    .map(|c| c.position)
            })
            .collect();
        self.cells = positions
            .into_iter()
            .map(|p| p.and_then(|p| file.request(p)))
            .collect();
        self.calls.push(format!("begin {}", strip_dir(file.path())));
        Ok(())
    }

    fn row(&mut self, row: &Row<'_>) -> Result<(), SinkError> {
        self.rows += 1;
        if self.fail_at == Some(self.rows) {
            return Err("the recorder refuses this row".into());
        }
        let cells: Vec<&str> = self
            .cells
            .iter()
            .map(|c| c.map_or("(refused)", |c| row.cells.get(c)))
            .collect();
        let answers = row.answers(&questionnaire().scale);
        self.calls
            .push(format!("row {answers:?} {:?} {cells:?}", row.groups));
        Ok(())
    }

    fn end_file(&mut self, file: &FileReport) -> Result<(), SinkError> {
        self.calls.push(format!(
            "end {} ({} rows)",
            strip_dir(&file.path),
            file.rows
        ));
        Ok(())
    }
}

#[test]
fn one_pass_feeds_every_consumer_with_the_cells_it_asked_for() {
    let files = Files::new();
    let a = files.write(
        "a.csv",
        "Timestamp,role,Email,C1,C2,I1\n\
         2026/03/02 10:00:00 AM,IT,ann@example.org,4,2,5\n\
         2026-03-09 08:00,Business,bob@example.org,1,,3\n",
    );
    let b = files.write(
        "b.csv",
        "role,C1,Timestamp\nIT,5,2026-02-31 09:00\nIT,3,2026-03-05\n",
    );
    let q = questionnaire();
    let opts = ReadOptions {
        group_by: vec!["role".into()],
        ..ReadOptions::default()
    };
    let mut recorder = Recorder::new(&["role", "Email", "Timestamp"]);
    let mut dates = DateFinder::new();
    let summary = read_responses(
        files_of(&[a, b]),
        &q,
        &opts,
        &mut Fanout(&mut [&mut recorder, &mut dates]),
    )
    .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(summary.rows, 4);
    // The e-mail column identifies people: its cells are never handed out. b.csv has no such
    // column at all.
    assert_eq!(
        recorder.calls,
        [
            "begin a.csv",
            r#"row [Value(4), Value(2), Value(5)] ["IT"] ["IT", "(refused)", "2026/03/02 10:00:00 AM"]"#,
            r#"row [Value(1), Missing, Value(3)] ["Business"] ["Business", "(refused)", "2026-03-09 08:00"]"#,
            "end a.csv (2 rows)",
            "begin b.csv",
            r#"row [Value(5), Missing, Missing] ["IT"] ["IT", "(refused)", "2026-02-31 09:00"]"#,
            r#"row [Value(3), Missing, Missing] ["IT"] ["IT", "(refused)", "2026-03-05"]"#,
            "end b.csv (2 rows)",
        ]
    );
    // 2026-02-31 is no day, so the latest is 9 March, from the first file.
    assert_eq!(
        dates.latest().map(|d| d.to_string()).as_deref(),
        Some("2026-03-09")
    );
}

#[test]
fn a_consumer_error_stops_the_reading_at_once() {
    let files = Files::new();
    let path = files.write("a.csv", "C1\n1\n2\n3\n4\n");
    let q = questionnaire();
    let mut failing = Recorder::new(&[]);
    failing.fail_at = Some(2);
    let mut after = Recorder::new(&[]);
    let err = read_responses(
        files_of(&[path]),
        &q,
        &ReadOptions::default(),
        &mut Fanout(&mut [&mut failing, &mut after]),
    )
    .expect_err("the consumer refuses row 2");
    assert!(matches!(err, ReadError::Consumer(_)), "{err:?}");
    assert_eq!(err.to_string(), "the recorder refuses this row");
    // No row after the refused one is read, and the consumer after the failing one never sees
    // the refused row; no file ends.
    assert_eq!(failing.rows, 2);
    assert_eq!(
        after.calls,
        ["begin a.csv", "row [Value(1), Missing, Missing] [] []"]
    );
}

#[test]
fn the_scorer_refusing_a_group_value_stops_the_reading() {
    use crate::scoring::{MAX_GROUP_VALUES, Scorer};
    let mut csv = String::from("team,C1\n");
    for i in 0..MAX_GROUP_VALUES + 50 {
        csv.push_str(&format!("t{i},3\n"));
    }
    let files = Files::new();
    let path = files.write("teams.csv", csv);
    let q = questionnaire();
    let opts = ReadOptions {
        group_by: vec!["team".into()],
        ..ReadOptions::default()
    };
    let mut scorer = Scorer::new(&q, &opts.group_by);
    let mut count = Recorder::new(&[]);
    let err = read_responses(
        files_of(&[path]),
        &q,
        &opts,
        &mut Fanout(&mut [&mut scorer, &mut count]),
    )
    .expect_err("too many teams");
    assert_eq!(
        err.to_string(),
        format!(
            "the group-by column 'team' has more than {MAX_GROUP_VALUES} distinct values: it looks like an \
             identifier or free text, and grouping by it would single people out; group by a \
             column of a few categories, such as role or department"
        )
    );
    // The scorer took the first MAX_GROUP_VALUES rows and refused the next: nothing after it.
    assert_eq!(count.rows, MAX_GROUP_VALUES);
}

/// The sources of paths (for the consumer tests).
fn files_of(paths: &[PathBuf]) -> Vec<Source> {
    files(paths)
}

/// A reader that hands over one byte per call, like a slow pipe.
struct Trickle(std::io::Cursor<Vec<u8>>);

impl std::io::Read for Trickle {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = buf.len().min(1);
        self.0.read(&mut buf[..n])
    }
}

#[test]
fn a_reader_reads_like_a_file_past_the_sniffed_bytes() {
    // Twice the sniffed sample, so that the sample and the rest of the stream are joined; rows
    // of 14 bytes put one across the end of the sample.
    let mut csv = String::from("role,C1,C2,I1\n");
    let rows = SNIFF_BYTES / 7;
    for i in 0..rows {
        csv.push_str(&format!("team{:03},{},4,5\n", i % 1000, 1 + i % 5));
    }
    assert!(csv.len() > SNIFF_BYTES + 1);
    let files = Files::new();
    let path = files.write("big.csv", &csv);
    let q = questionnaire();
    let opts = ReadOptions {
        group_by: vec!["role".into(), "source".into()],
        ..ReadOptions::default()
    };
    let collect = |source: Source| {
        let mut rows: Rows = Vec::new();
        read_responses(vec![source], &q, &opts, &mut |r: &Row<'_>| {
            rows.push((r.answers(&q.scale), r.groups.to_vec()))
        })
        .unwrap_or_else(|e| panic!("{e}"));
        rows
    };
    let from_file = collect(Source::file(&path));
    let from_reader = collect(Source::from_reader(
        "big.csv",
        Trickle(std::io::Cursor::new(csv.into_bytes())),
    ));
    assert_eq!(from_file.len(), rows);
    assert_eq!(
        from_file[rows - 1].0,
        vec![V(1 + (rows as i32 - 1) % 5), V(4), V(5)]
    );
    assert_eq!(from_file[0].1, ["team000", "big"]);
    assert_eq!(from_reader, from_file);
}

#[test]
fn a_workbook_reads_from_a_stream_as_from_its_file() {
    let path =
        PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("sample-data/exports/microsoft-forms.xlsx");
    let bytes = std::fs::read(&path).expect("the fixture is readable");
    let q = crate::questionnaire::load("danger-signs").expect("built in");
    let opts = ReadOptions {
        group_by: vec!["role".into()],
        ..ReadOptions::default()
    };
    let collect = |source: Source| {
        let mut rows: Rows = Vec::new();
        let summary = read_responses(vec![source], &q, &opts, &mut |r: &Row<'_>| {
            rows.push((r.answers(&q.scale), r.groups.to_vec()))
        })
        .unwrap_or_else(|e| panic!("{e}"));
        (rows, summary.files[0].container.clone())
    };
    let (from_file, container) = collect(Source::file(&path));
    let (from_reader, streamed) = collect(Source::from_reader(
        "forms.xlsx",
        std::io::Cursor::new(bytes),
    ));
    assert_eq!(streamed, container);
    assert_eq!(from_reader, from_file);
    assert_eq!(from_file.len(), 121);
}

#[test]
fn standard_input_is_named_in_messages_and_a_file_named_dash_is_a_file() {
    assert_eq!(Source::stdin().name(), "standard input");
    assert_eq!(Source::file("-").name(), "-");
}

#[test]
fn only_days_of_the_calendar_are_response_dates() {
    assert_eq!(response_date("2026-02-31 10:00"), None);
    assert_eq!(response_date("2026/04/31"), None);
    assert_eq!(response_date("2023-02-29"), None);
    assert_eq!(
        response_date("2024-02-29 23:59")
            .map(|d| d.to_string())
            .as_deref(),
        Some("2024-02-29")
    );
    assert_eq!(
        response_date("2026/12/31 11:59:59 PM")
            .map(|d| d.to_string())
            .as_deref(),
        Some("2026-12-31")
    );
}

/// Messages name settings in the command line's words, as a user of the binary reads them.
fn cli_words() {
    crate::error::set_vocabulary(crate::cli::flag);
}

#[test]
fn answer_codes_are_offsets_from_the_scale_minimum_and_read_back() {
    // A scale of 0..=10 (11 points): a value codes as its offset, missing as 11, N/A as 12.
    let scale = crate::questionnaire::Scale {
        min: 0,
        max: 10,
        labels: Default::default(),
        not_applicable: Vec::new(),
    };
    let cases = [
        (V(0), 0),
        (V(7), 7),
        (V(10), 10),
        (Answer::Missing, 11),
        (Answer::NotApplicable, 12),
    ];
    for (answer, code) in cases {
        assert_eq!(answer.code(&scale), code, "{answer:?}");
        assert_eq!(Answer::from_code(code, &scale), Some(answer));
    }
    // Off the scale either way, or past i32: the off-scale code, which reads back as nothing.
    for answer in [V(-1), V(11), V(i32::MIN), V(i32::MAX)] {
        assert_eq!(answer.code(&scale), OFF_SCALE, "{answer:?}");
    }
    assert_eq!(Answer::from_code(13, &scale), None);
    assert_eq!(Answer::from_code(OFF_SCALE, &scale), None);
    let row = Row::new(&[3, 11, 12, OFF_SCALE], &[]);
    assert_eq!(
        row.answers(&scale),
        [
            V(3),
            Answer::Missing,
            Answer::NotApplicable,
            Answer::Missing
        ]
    );
}

#[test]
fn a_line_short_of_the_question_columns_leaves_their_answers_missing() {
    // Read as `inspect` reads (rows not checked against the header): a line ends after C1,
    // right after a line that answers every question; its C2 and I1 are missing, not the
    // line before's answers. (The first lines, read with the header, come through the CSV
    // reader; the ones after them through the plain-line lane.)
    let files = Files::new();
    let path = files.write(
        "a.csv",
        format!("C1,C2,I1\n{}5\n1,,2\n", "4,3,2\n".repeat(50)),
    );
    let q = questionnaire();
    let opts = ReadOptions::default();
    let index = QuestionIndex::new(&q, None).expect("no mapping");
    let labels = AnswerLabels::with_mapping(&q.scale, None).expect("no mapping");
    let mode = read::Mode::Inspect;
    let prepared =
        read::prepare(Source::file(path), &q, &index, &labels, &opts, mode).expect("readable");
    let mut rows = Vec::new();
    read::stream(prepared, &q, &labels, &opts, mode, &mut |row: &Row<'_>| {
        rows.push(row.answers(&q.scale))
    })
    .expect("read");
    assert_eq!(rows.len(), 52);
    assert_eq!(
        rows[49..],
        [[V(4), V(3), V(2)], [V(5), M, M], [V(1), M, V(2)]]
    );
}

#[test]
fn cells_not_remembered_around_a_remembered_one_are_reported_in_column_order() {
    // "Don't know" is remembered after the first rows; the last line holds a cell not
    // understood on each side of it, and both are reported, first column first.
    let text = format!(
        "C1,C2,I1\n{}x,Don't know,y\n",
        "Don't know,3,2\n".repeat(60)
    );
    let error = read("a.csv", text).expect_err("two cells not understood");
    let at: Vec<&str> = error
        .lines()
        .filter_map(|line| line.split(": column").next())
        .filter(|place| place.starts_with("a.csv:"))
        .collect();
    assert_eq!(at, ["a.csv:62:1", "a.csv:62:3"], "{error}");
}
