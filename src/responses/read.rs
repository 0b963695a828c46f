//! Reading one file: its header rows into a plan (which column is which question, which columns
//! group), then its data rows through the plan into the sink.

use super::columns::{ColumnRole, QuestionIndex};
use super::format::{ColumnNames, column_names, detect};
use super::identity::is_identifying;
use super::labels::{AnswerLabels, parse_answer, shorten_list};
use super::report::{ColumnReport, FileReport, UnknownLabel, clip};
use super::source::{Container, Source};
use super::{
    Answer, MAX_CELL_PROBLEMS, MAX_HEADER_ROWS, MAX_UNKNOWN_LABELS, ReadOptions, Row, SOURCE_COLUMN,
};
use crate::choice::Choice;
use crate::error::{Problem, Problems};
use crate::questionnaire::Questionnaire;
use csv::StringRecord;
use std::collections::HashMap;
use std::ops::ControlFlow;
use std::path::Path;

/// What messages and the report show instead of a cell of a column that identifies people.
const HIDDEN_VALUE: &str = "(a value of a column that identifies people, not shown)";

/// Where a group-by value comes from.
enum GroupSource {
    /// The file's stem (the pseudo-column `source`).
    FileStem,
    /// A metadata column, by 0-based position.
    Column(usize),
}

/// A file whose header rows have been read: what each column is and what to group by.
pub(crate) struct Prepared<'p> {
    path: &'p Path,
    report: FileReport,
    /// (column position, question index) of every question column.
    questions: Vec<(usize, usize)>,
    groups: Vec<GroupSource>,
    /// The 0-based position of the column that dates each response, if any.
    date_column: Option<usize>,
    stem: String,
}

/// Whether problems stop the reading (`score`) or are only reported (`inspect`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Mode {
    Strict,
    Inspect,
}

/// Read the header rows of a file and plan its columns. In strict mode, duplicate question
/// columns, a file without any question column and a group-by column the file lacks (or that
/// identifies people) are errors; in inspect mode they are listed in the report.
pub(crate) fn prepare<'p>(
    path: &'p Path,
    q: &Questionnaire,
    index: &QuestionIndex,
    opts: &ReadOptions,
    mode: Mode,
) -> Result<Prepared<'p>, Problems> {
    let name = path.display().to_string();
    let source = Source::open(path, opts.delimiter, opts.sheet.as_deref())?;
    let container = source.container().clone();
    let mut rows: Vec<StringRecord> = Vec::new();
    source.for_each_record(&mut |_, record| {
        rows.push(record.clone());
        Ok(if rows.len() >= MAX_HEADER_ROWS {
            ControlFlow::Break(())
        } else {
            ControlFlow::Continue(())
        })
    })?;
    if rows.is_empty() {
        return Err(Problem::file(
            &name,
            "holds no rows; expected a header row and one row per respondent",
        )
        .into());
    }
    let workbook = matches!(container, Container::Xlsx { .. });
    let (format, format_reason) = match opts.input_format {
        Some(f) => {
            // A forced layout with more header rows than the file shows would read respondents
            // as headers and drop them silently: refuse it, saying what the file looks like.
            let (seen, why) = detect(&rows, workbook);
            if f.header_rows() > seen.header_rows() {
                let flag = f.id();
                return Err(Problem::file(
                    &name,
                    format!(
                        "--input-format {flag} expects {} header rows, but this file does not look like such an export ({why}); \
                         leave out --input-format, or check that the file is the tool's own export",
                        f.header_rows()
                    ),
                )
                .into());
            }
            (f, "forced with --input-format".to_string())
        }
        None => detect(&rows, workbook),
    };
    let header_rows = format.header_rows();
    if rows.len() < header_rows {
        return Err(Problem::file(
            &name,
            format!("a {format} export has {header_rows} header rows, but the file holds only {} row(s)", rows.len()),
        )
        .into());
    }
    let names: Vec<ColumnNames> = column_names(format, &rows[..header_rows]);
    let columns: Vec<ColumnReport> = names
        .into_iter()
        .enumerate()
        .map(|(i, n)| {
            let role = index.classify(&n);
            let mut names = n.names.into_iter();
            ColumnReport {
                position: i + 1,
                header: names.next().unwrap_or_default(),
                other_names: names.collect(),
                role,
            }
        })
        .collect();

    let mut problems: Vec<Problem> = Vec::new();
    let mut by_question: HashMap<usize, &ColumnReport> = HashMap::new();
    let mut questions = Vec::new();
    for c in &columns {
        if let ColumnRole::Question { index: qi, id, .. } = &c.role {
            if let Some(first) = by_question.insert(*qi, c) {
                problems.push(Problem::at(
                    &name,
                    1,
                    c.position as u64,
                    format!(
                        "columns '{}' (column {}) and '{}' (column {}) both hold question {id}; keep one, or map them apart in a mapping file",
                        clip(&first.header, 80),
                        first.position,
                        clip(&c.header, 80),
                        c.position
                    ),
                ));
            } else {
                questions.push((c.position - 1, *qi));
            }
        }
    }
    if questions.is_empty() {
        let expected: Vec<String> = q
            .questions()
            .map(|(_, qu)| format!("{} ('{}')", qu.id, clip(&qu.text, 50)))
            .collect();
        let expected: Vec<&str> = expected.iter().map(String::as_str).collect();
        let found: Vec<&str> = columns
            .iter()
            .filter(|c| c.role != ColumnRole::Identifying && !c.header.is_empty())
            .map(|c| c.header.as_str())
            .collect();
        problems.push(Problem::file(
            &name,
            format!(
                "no column matches a question of questionnaire '{}' (read as {format}, {header_rows} header row(s)); expected headers such as {}; found {}. Check the format (--input-format) or write a mapping file (itsm-assess inspect --write-mapping)",
                q.id,
                shorten_list(&expected, 3),
                if found.is_empty() { "no usable header".to_string() } else { shorten_list(&found, 8) }
            ),
        ));
    }
    let mut groups = Vec::new();
    for wanted in &opts.group_by {
        let key = wanted.trim();
        if key.eq_ignore_ascii_case(SOURCE_COLUMN) {
            groups.push(GroupSource::FileStem);
            continue;
        }
        let found = columns.iter().find(|c| {
            std::iter::once(&c.header)
                .chain(&c.other_names)
                .any(|n| n.trim().eq_ignore_ascii_case(key))
        });
        match found.map(|c| (c, &c.role)) {
            Some((c, ColumnRole::Metadata)) => groups.push(GroupSource::Column(c.position - 1)),
            Some((_, ColumnRole::Identifying)) => problems.push(Problem::file(
                &name,
                format!("cannot group by '{key}': the column identifies respondents, and is never read"),
            )),
            Some((_, ColumnRole::Question { id, .. })) => problems.push(Problem::file(
                &name,
                format!("cannot group by '{key}': the column holds question {id}; group by a metadata column"),
            )),
            Some((_, ColumnRole::Ignored(why))) => problems.push(Problem::file(
                &name,
                format!("cannot group by '{key}': the column is ignored ({why})"),
            )),
            None => {
                let available: Vec<&str> = columns
                    .iter()
                    .filter(|c| c.role == ColumnRole::Metadata)
                    .map(|c| c.header.as_str())
                    .chain([SOURCE_COLUMN])
                    .collect();
                problems.push(Problem::file(
                    &name,
                    format!(
                        "has no column '{key}' to group by; available: {}",
                        shorten_list(&available, 20)
                    ),
                ));
            }
        }
    }
    let missing_questions = q
        .questions()
        .enumerate()
        .filter(|(i, _)| !by_question.contains_key(i))
        .map(|(_, (_, qu))| (qu.id.clone(), qu.text.clone()))
        .collect();
    if mode == Mode::Strict && !problems.is_empty() {
        return Err(Problems(problems));
    }
    let report = FileReport {
        path: name,
        format,
        format_reason,
        container,
        header_rows,
        columns,
        unknown_labels: Vec::new(),
        unknown_labels_not_listed: 0,
        missing_questions,
        rows: 0,
        invalid_cells: 0,
        latest_date: None,
        problems: problems.into_iter().map(|p| p.message).collect(),
    };
    let date_column = report
        .columns
        .iter()
        .find(|c| c.role == ColumnRole::Metadata && super::is_date_column(&c.header))
        .map(|c| c.position - 1);
    Ok(Prepared {
        path,
        report,
        questions,
        groups,
        date_column,
        stem: path
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_default(),
    })
}

/// Stream the data rows of a prepared file into `sink` (answers in questionnaire order).
///
/// In strict mode a cell that is not an answer is an error naming the file, line, column
/// header, value and the values allowed (up to [`MAX_CELL_PROBLEMS`] of them are collected,
/// and `sink` is not called again once one is found), unless `opts.skip_invalid` makes it a
/// missing answer; a file with no data row is an error. In inspect mode neither is an error.
/// Either way, invalid answers are counted by text in the report.
pub(crate) fn stream(
    prepared: Prepared<'_>,
    q: &Questionnaire,
    labels: &AnswerLabels,
    opts: &ReadOptions,
    mode: Mode,
    sink: &mut dyn FnMut(Row<'_>),
) -> Result<FileReport, Problems> {
    let Prepared {
        path,
        mut report,
        questions,
        groups,
        date_column,
        stem,
    } = prepared;
    let mut latest_date: Option<String> = None;
    let source = Source::open(path, opts.delimiter, opts.sheet.as_deref())?;
    let header_rows = report.header_rows;
    let mut seen_records = 0usize;
    let mut answers = vec![Answer::Missing; q.question_count()];
    let mut group_values: Vec<String> = groups.iter().map(|_| String::new()).collect();
    let mut problems: Vec<Problem> = Vec::new();
    let mut unknown: HashMap<(usize, String), u64> = HashMap::new();
    let (mut rows, mut invalid, mut not_listed) = (0u64, 0u64, 0u64);
    let name = &report.path;
    let headers: Vec<&str> = report.columns.iter().map(|c| c.header.as_str()).collect();
    // A question column whose header identifies people (mapped so by mistake, or matched by an
    // alias): its cells are read as answers, but never quoted in a message or the report.
    let private: Vec<bool> = report
        .columns
        .iter()
        .map(|c| {
            std::iter::once(&c.header)
                .chain(&c.other_names)
                .any(|n| is_identifying(n))
        })
        .collect();
    source.for_each_record(&mut |line, record| {
        seen_records += 1;
        if seen_records <= header_rows {
            return Ok(ControlFlow::Continue(()));
        }
        rows += 1;
        answers.fill(Answer::Missing);
        for &(col, qi) in &questions {
            let cell = record.get(col).unwrap_or("");
            match parse_answer(cell, &q.scale, labels) {
                Ok(a) => answers[qi] = a,
                Err(why) => {
                    invalid += 1;
                    let value = if private[col] {
                        HIDDEN_VALUE.to_string()
                    } else {
                        clip(cell.trim(), 80)
                    };
                    if unknown.len() < MAX_UNKNOWN_LABELS || unknown.contains_key(&(col, value.clone())) {
                        *unknown.entry((col, value.clone())).or_default() += 1;
                    } else {
                        not_listed += 1;
                    }
                    if mode == Mode::Strict && !opts.skip_invalid {
                        problems.push(Problem::at(
                            name,
                            line,
                            col as u64 + 1,
                            format!(
                                "column '{}': '{value}' {why}; allowed: {}",
                                clip(headers[col], 80),
                                labels.allowed()
                            ),
                        ));
                    }
                }
            }
        }
        if !problems.is_empty() {
            if problems.len() >= MAX_CELL_PROBLEMS {
                problems.push(Problem::file(
                    name,
                    format!("stopped after {MAX_CELL_PROBLEMS} invalid cells; fix them, or pass --skip-invalid to count them as missing"),
                ));
                return Ok(ControlFlow::Break(()));
            }
            return Ok(ControlFlow::Continue(()));
        }
        if let Some(date) = date_column
            .and_then(|c| record.get(c))
            .and_then(super::response_date)
            && latest_date.as_deref().is_none_or(|l| date.as_str() > l)
        {
            latest_date = Some(date);
        }
        for (value, group) in group_values.iter_mut().zip(&groups) {
            value.clear();
            match group {
                GroupSource::FileStem => value.push_str(&stem),
                GroupSource::Column(c) => value.push_str(record.get(*c).unwrap_or("").trim()),
            }
        }
        sink(Row {
            answers: &answers,
            groups: &group_values,
        });
        Ok(ControlFlow::Continue(()))
    })?;
    if !problems.is_empty() {
        return Err(Problems(problems));
    }
    if rows == 0 && mode == Mode::Strict {
        return Err(Problem::file(
            &report.path,
            format!("has no responses: only the header row(s), {header_rows} of them"),
        )
        .into());
    }
    let mut unknown: Vec<UnknownLabel> = unknown
        .into_iter()
        .map(|((col, label), count)| UnknownLabel {
            column: report.columns[col].header.clone(),
            label,
            count,
        })
        .collect();
    unknown.sort_by(|a, b| {
        b.count
            .cmp(&a.count)
            .then_with(|| a.column.cmp(&b.column))
            .then_with(|| a.label.cmp(&b.label))
    });
    report.unknown_labels = unknown;
    report.unknown_labels_not_listed = not_listed;
    report.rows = rows;
    report.invalid_cells = invalid;
    report.latest_date = latest_date;
    Ok(report)
}
