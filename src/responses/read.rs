//! Reading one input: its header rows into a plan (which column is which question, which columns
//! group), then its data rows, from the same opened stream, through the plan into the sink.

use super::columns::{ColumnRole, QuestionIndex};
use super::format::{
    ColumnNames, InputFormat, STATEMENT_TEXTS_REASON, column_names, detect, header_hint,
    header_rows, statement_texts_row,
};
use super::hints::{Header, Hints, no_question_problem};
use super::identity::is_identifying;
use super::labels::{AnswerLabels, parse_answer, shorten_list};
use super::report::{ColumnReport, FileReport, clip};
use super::rows::{FileRows, Plan, Shape, Tally};
use super::sink::{FileStart, RowSink};
use super::source::{Container, Opened, Record, Source, Splittable};
use super::{Answer, MAX_HEADER_ROWS, ReadError, ReadOptions, SOURCE_COLUMN, strict};
use crate::choice::Choice;
use crate::error::{Problem, Problems, Setting};
use crate::questionnaire::Questionnaire;
use csv::StringRecord;
use std::collections::HashMap;
use std::ops::ControlFlow;

/// Where a group-by value comes from.
pub(super) enum GroupSource {
    /// The file's stem (the pseudo-column `source`).
    FileStem,
    /// A metadata column, by 0-based position.
    Column(usize),
}

/// An input whose header rows have been read: what each column is and what to group by, and
/// the stream, open, to read the data rows from.
pub(crate) struct Prepared {
    source: Opened,
    report: FileReport,
    /// (column position, question index) of every question column.
    questions: Vec<(usize, usize)>,
    groups: Vec<GroupSource>,
    stem: String,
    /// The data rows read with the header rows (a layout may have fewer header rows than were
    /// read to decide it), with their lines.
    early: Vec<(u64, StringRecord)>,
}

/// Whether problems stop the reading (`score`) or are only reported (`inspect`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Mode {
    Strict,
    Inspect,
}

/// Open an input, read its header rows and plan its columns. In strict mode, duplicate
/// question columns, a file without any question column and a group-by column the file lacks
/// (or that identifies people) are errors; in inspect mode they are listed in the report.
pub(crate) fn prepare(
    source: Source,
    q: &Questionnaire,
    index: &QuestionIndex,
    labels: &AnswerLabels,
    opts: &ReadOptions,
    mode: Mode,
) -> Result<Prepared, Problems> {
    let name = source.name().to_string();
    let stem = source.stem().to_string();
    let mut source = source.open(opts.delimiter, opts.sheet.as_deref())?;
    let container = source.container().clone();
    let (mut rows, mut lines) = (Vec::new(), Vec::new());
    source.for_each_record(&mut |line, record| {
        rows.push(record.to_owned());
        lines.push(line);
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
    let (format, mut format_reason) = layout(&name, &rows, workbook, opts)?;
    let mut header_rows =
        header_rows(format, opts.header_rows).map_err(|m| Problem::file(&name, m))?;
    let mut notes = source.notes(&name, format)?;
    if rows.len() < header_rows {
        return Err(Problem::file(
            &name,
            format!("a {format} export has {header_rows} header rows, but the file holds only {} row(s)", rows.len()),
        )
        .into());
    }
    let columns = classify(index, column_names(format, &rows[..header_rows]));
    let mut problems: Vec<Problem> = Vec::new();
    let questions = question_columns(&columns, &mut notes);
    if opts.header_rows.is_none() && statement_texts_row(format, &rows, &columns, q) {
        header_rows = 2;
        format_reason = STATEMENT_TEXTS_REASON.to_string();
    } else if opts.header_rows.is_none() {
        let is_answer = |c: &str| matches!(parse_answer(c, &q.scale, labels), Ok(Answer::Value(_)));
        notes.extend(header_hint(format, &rows, &columns, &is_answer));
    }
    let missing_questions: Vec<_> = q
        .questions()
        .enumerate()
        .filter(|(i, _)| !questions.iter().any(|&(_, qi)| qi == *i))
        .map(|(_, (_, qu))| (qu.id.clone(), qu.text.clone()))
        .collect();
    let hints = Hints::new(q, &columns, &missing_questions, &opts.group_by);
    if questions.is_empty() {
        let header = Header {
            name: &name,
            format,
            rows: &rows[..header_rows],
            container: &container,
        };
        problems.push(no_question_problem(&header, q, index, &columns, &hints));
    } else if opts.strict && !missing_questions.is_empty() {
        problems.push(strict::missing_problem(&name, &missing_questions, &hints));
    }
    let groups = group_sources(&name, &columns, opts, &mut problems);
    if mode == Mode::Strict && !problems.is_empty() {
        return Err(Problems(problems));
    }
    let early = lines.into_iter().zip(rows).skip(header_rows).collect();
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
        hints,
        rows: 0,
        invalid_cells: 0,
        skipped_rows: 0,
        notes,
        problems: problems.into_iter().map(|p| p.message).collect(),
    };
    Ok(Prepared {
        source,
        report,
        questions,
        groups,
        stem,
        early,
    })
}

/// The layout of a file from its first rows, and why; a forced layout with more header rows
/// than the file shows is refused (it would read respondents as headers and drop them
/// silently), saying what the file looks like.
fn layout(
    name: &str,
    rows: &[StringRecord],
    workbook: bool,
    opts: &ReadOptions,
) -> Result<(InputFormat, String), Problems> {
    let Some(f) = opts.input_format else {
        return Ok(detect(rows, workbook));
    };
    let (seen, why) = detect(rows, workbook);
    if f.header_rows() > seen.header_rows() {
        let flag = f.id();
        return Err(Problem::file(
            name,
            format!(
                "{} {flag} expects {} header rows, but this file does not look like such an export ({why}); \
                 leave out {}, or check that the file is the tool's own export",
                Setting::InputFormat,
                f.header_rows(),
                Setting::InputFormat
            ),
        )
        .into());
    }
    Ok((f, format!("forced with {}", Setting::InputFormat)))
}

/// What each column is, from its names.
fn classify(index: &QuestionIndex, names: Vec<ColumnNames>) -> Vec<ColumnReport> {
    names
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
        .collect()
}

/// (column position, question index) of every question column. A question may have several
/// columns (a question edited between waves of a form gets a new column): they are merged, with
/// a note naming them, and a row that answers more than one of them is refused as it is read.
fn question_columns(columns: &[ColumnReport], notes: &mut Vec<String>) -> Vec<(usize, usize)> {
    let mut by_question: HashMap<usize, &ColumnReport> = HashMap::new();
    let mut questions = Vec::new();
    for c in columns {
        if let ColumnRole::Question { index: qi, id, .. } = &c.role {
            if let Some(first) = by_question.get(qi) {
                notes.push(format!(
                    "columns '{}' (column {}) and '{}' (column {}) both hold question {id}: they are read as one, each row answering in one of them",
                    clip(&first.header, 80),
                    first.position,
                    clip(&c.header, 80),
                    c.position
                ));
            } else {
                by_question.insert(*qi, c);
            }
            questions.push((c.position - 1, *qi));
        }
    }
    questions
}

/// Where each group-by value comes from; a group-by column the file lacks, or that is not a
/// metadata column, is a problem.
fn group_sources(
    name: &str,
    columns: &[ColumnReport],
    opts: &ReadOptions,
    problems: &mut Vec<Problem>,
) -> Vec<GroupSource> {
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
        let why = match found.map(|c| (c, &c.role)) {
            Some((c, ColumnRole::Metadata)) => {
                groups.push(GroupSource::Column(c.position - 1));
                continue;
            }
            Some((_, ColumnRole::Identifying)) => format!(
                "cannot group by '{key}': the column identifies respondents, and is never read"
            ),
            Some((_, ColumnRole::Question { id, .. })) => format!(
                "cannot group by '{key}': the column holds question {id}; group by a metadata column"
            ),
            Some((_, ColumnRole::FreeText { id, .. })) => format!(
                "cannot group by '{key}': the column holds the answers to open question {id}"
            ),
            Some((_, ColumnRole::Ignored(why))) => {
                format!("cannot group by '{key}': the column is ignored ({why})")
            }
            None => {
                let available: Vec<&str> = columns
                    .iter()
                    .filter(|c| c.role == ColumnRole::Metadata)
                    .map(|c| c.header.as_str())
                    .chain([SOURCE_COLUMN])
                    .collect();
                format!(
                    "has no column '{key}' to group by; available: {}",
                    shorten_list(&available, 20)
                )
            }
        };
        problems.push(Problem::file(name, why));
    }
    groups
}

/// Stream the data rows of a prepared input into `sink` (answers in questionnaire order, group
/// values, the cells the sink asked for), between [`RowSink::begin_file`] and
/// [`RowSink::end_file`].
///
/// In strict mode a cell that is not an answer is an error naming the file, line, column
/// header, value and the values allowed (up to [`MAX_CELL_PROBLEMS`] of them are collected,
/// and `sink` is not called again once one is found), unless `opts.skip_invalid` makes it a
/// missing answer; a file with no data row is an error. In inspect mode neither is an error.
/// Either way, invalid answers are counted by text in the report. An error of the sink stops
/// the reading at once.
pub(crate) fn stream(
    prepared: Prepared,
    q: &Questionnaire,
    labels: &AnswerLabels,
    opts: &ReadOptions,
    mode: Mode,
    sink: &mut dyn RowSink,
) -> Result<FileReport, ReadError> {
    stream_in(prepared, q, labels, opts, mode, sink, |_, _, _| None)
}

/// The rest of a file, when it can be read apart from the reader of its header rows: what of it
/// is left to read, and the data rows read with the header rows (they come first).
pub(super) struct Rest<'r> {
    pub(super) left: Splittable,
    pub(super) early: &'r [(u64, StringRecord)],
}

/// [`stream`], with `parts` offered to read the data rows instead, in parts (on threads of their
/// own, [`super::parallel`]): it gets the plan of the file's columns and what is left of the
/// file, after [`RowSink::begin_file`], and gives what the rows came to, with everything it
/// read merged into `sink`, or `None` with `sink` as it was (the file is then read here).
pub(super) fn stream_in<S: RowSink + ?Sized>(
    prepared: Prepared,
    q: &Questionnaire,
    labels: &AnswerLabels,
    opts: &ReadOptions,
    mode: Mode,
    sink: &mut S,
    parts: impl FnOnce(&Plan<'_>, Rest<'_>, &mut S) -> Option<Tally>,
) -> Result<FileReport, ReadError> {
    let Prepared {
        mut source,
        mut report,
        questions,
        groups,
        stem,
        early,
    } = prepared;
    let private = private_columns(&report);
    let mut requested = Vec::new();
    sink.begin_file(&mut FileStart::new(&report, &private, &mut requested))
        .map_err(ReadError::Consumer)?;
    let plan = Plan {
        q,
        labels,
        questions: &questions,
        private: &private,
        columns: &report.columns,
        name: &report.path,
        groups: &groups,
        stem: &stem,
        requested: &requested,
        shape: shape(&report, mode),
        skip_invalid: opts.skip_invalid,
        refuse: mode == Mode::Strict && !opts.skip_invalid,
    };
    let in_parts = match source.splittable() {
        Some(left) if mode == Mode::Strict => parts(
            &plan,
            Rest {
                left,
                early: &early,
            },
            sink,
        ),
        _ => None,
    };
    let tally = match in_parts {
        Some(tally) => tally,
        None => {
            let mut rows = FileRows::new(&plan);
            let mut stopped = false;
            for (line, record) in &early {
                if rows.record(*line, Record::Csv(record), sink).is_break() {
                    stopped = true;
                    break;
                }
            }
            if !stopped {
                source.for_each_record(&mut |line, record| Ok(rows.record(line, record, sink)))?;
            }
            rows.tally
        }
    };
    finish(&mut report, tally, mode)?;
    sink.end_file(&report).map_err(ReadError::Consumer)?;
    Ok(report)
}

/// Whether each column's cells must never be quoted: a question column whose header
/// identifies people (mapped so by mistake, or matched by an alias) is read as answers, but its
/// cells are never shown in a message or the report.
fn private_columns(report: &FileReport) -> Vec<bool> {
    report
        .columns
        .iter()
        .map(|c| {
            std::iter::once(&c.header)
                .chain(&c.other_names)
                .any(|n| is_identifying(n))
        })
        .collect()
}

/// The header's width to check each row against: in strict mode, for text. Cells of a
/// workbook are placed by their references, so its rows cannot shift; `inspect` reads rows as
/// they are.
fn shape(report: &FileReport, mode: Mode) -> Option<Shape> {
    (mode == Mode::Strict && matches!(report.container, Container::Text { .. }))
        .then(|| Shape::of(&report.columns))
}

/// The report of a file completed with what its rows came to, or the error they end in: the
/// sink's, the problems found, or (in strict mode) a file without data rows.
fn finish(report: &mut FileReport, tally: Tally, mode: Mode) -> Result<(), ReadError> {
    if let Some(e) = tally.failure {
        return Err(ReadError::Consumer(e));
    }
    if !tally.problems.is_empty() {
        return Err(Problems(tally.problems).into());
    }
    if tally.rows == 0 && mode == Mode::Strict {
        return Err(Problems::from(Problem::file(
            &report.path,
            format!(
                "has no responses: only the header row(s), {} of them",
                report.header_rows
            ),
        ))
        .into());
    }
    report.unknown_labels_not_listed = tally.unknown.not_listed;
    report.unknown_labels = tally.unknown.into_labels(&report.columns);
    report.rows = tally.rows;
    report.invalid_cells = tally.invalid;
    report.skipped_rows = tally.skipped;
    Ok(())
}
