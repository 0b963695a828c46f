//! Reading one input: its header rows into a plan (which column is which question, which columns
//! group), then its data rows, from the same opened stream, through the plan into the sink.

use super::columns::{ColumnRole, QuestionIndex};
use super::format::{
    ColumnNames, InputFormat, STATEMENT_TEXTS_REASON, column_names, detect, header_hint,
    header_rows, statement_texts_row,
};
use super::hints::{Header, Hints, no_question_problem};
use super::identity::is_identifying;
use super::labels::{AnswerCache, AnswerLabels, parse_answer, shorten_list};
use super::report::{ColumnReport, FileReport, UnknownLabel, clip};
use super::sink::{Cells, FileStart, RowSink, SinkError};
use super::source::{Container, Opened, Source};
use super::{
    Answer, MAX_CELL_PROBLEMS, MAX_HEADER_ROWS, MAX_UNKNOWN_LABELS, ReadError, ReadOptions, Row,
    SOURCE_COLUMN, strict,
};
use crate::choice::Choice;
use crate::error::{Problem, Problems, Setting};
use crate::questionnaire::Questionnaire;
use csv::StringRecord;
use std::collections::HashMap;
use std::ops::ControlFlow;

/// What messages and the report show instead of a cell of a column that identifies people.
const HIDDEN_VALUE: &str = "(a value of a column that identifies people, not shown)";

/// Where a group-by value comes from.
enum GroupSource {
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
        rows.push(record.clone());
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

/// The answers not understood, by column and text, as the report lists them.
#[derive(Default)]
struct Unknown {
    /// (column, text shown) to count, at most [`MAX_UNKNOWN_LABELS`] of them.
    listed: HashMap<(usize, String), u64>,
    not_listed: u64,
}

impl Unknown {
    fn count(&mut self, column: usize, value: &str) {
        let key = (column, value.to_string());
        if self.listed.len() < MAX_UNKNOWN_LABELS || self.listed.contains_key(&key) {
            *self.listed.entry(key).or_default() += 1;
        } else {
            self.not_listed += 1;
        }
    }

    /// The labels, most frequent first, then by column and text.
    fn into_labels(self, columns: &[ColumnReport]) -> Vec<UnknownLabel> {
        let mut unknown: Vec<UnknownLabel> = self
            .listed
            .into_iter()
            .map(|((col, label), count)| UnknownLabel {
                column: columns[col].header.clone(),
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
        unknown
    }
}

/// The width of a text file's header, against which each data row is checked: a delimiter
/// doubled or lost shifts every answer after it to another question.
#[derive(Debug, Clone, Copy)]
struct Shape {
    /// How many columns the header has.
    width: usize,
    /// How many up to the last one with a name: a row may leave out trailing unnamed columns.
    named: usize,
}

impl Shape {
    fn of(columns: &[ColumnReport]) -> Self {
        Shape {
            width: columns.len(),
            named: columns
                .iter()
                .rposition(|c| !c.header.is_empty())
                .map_or(0, |i| i + 1),
        }
    }

    /// Why a row does not fit the header, if it does not: fewer fields than the header names,
    /// or a field that is not blank beyond its width (blank trailing fields, which some
    /// exports write, fit).
    fn misfit(self, record: &StringRecord) -> Option<String> {
        let fields = record.len();
        let hint = || {
            format!(
                "fix the row, or pass {} to skip such rows",
                Setting::SkipInvalid
            )
        };
        if fields < self.named {
            return Some(format!(
                "the row holds {fields} fields, fewer than the {} of the header: a lost delimiter shifts the answers after it; {}",
                self.width,
                hint()
            ));
        }
        (self.width..fields)
            .any(|i| !record[i].trim().is_empty())
            .then(|| {
                format!(
                    "the row holds {fields} fields, more than the {} of the header, and one beyond them is not empty: a doubled delimiter shifts the answers after it; {}",
                    self.width,
                    hint()
                )
            })
    }
}

/// How the answer cells of a row are read, and what becomes of those that are not answers.
struct AnswerCells<'a> {
    q: &'a Questionnaire,
    labels: &'a AnswerLabels,
    /// What each cell text means, remembered.
    cache: AnswerCache<'a>,
    /// (column position, question index) of every question column.
    questions: &'a [(usize, usize)],
    /// Whether each column's cells must never be quoted.
    private: &'a [bool],
    headers: Vec<&'a str>,
    name: &'a str,
    /// Whether a cell that is not an answer is a problem (strict mode without `skip_invalid`).
    refuse: bool,
}

impl AnswerCells<'_> {
    /// Read the answers of a record into `answers`: a cell that is not an answer is missing,
    /// counted in `unknown` by its text, and a problem if such cells are refused. Returns how
    /// many cells were not answers.
    fn read(
        &mut self,
        line: u64,
        record: &StringRecord,
        answers: &mut [Answer],
        unknown: &mut Unknown,
        problems: &mut Vec<Problem>,
    ) -> u64 {
        let mut invalid = 0;
        answers.fill(Answer::Missing);
        for &(col, qi) in self.questions {
            let cell = record.get(col).unwrap_or("");
            match self.cache.parse(cell) {
                Ok(Answer::Missing) => {}
                Ok(a) if answers[qi] == Answer::Missing => answers[qi] = a,
                Ok(_) => {
                    invalid += 1;
                    if self.refuse {
                        problems.push(self.answered_twice(line, record, col, qi));
                    }
                }
                Err(why) => {
                    invalid += 1;
                    let value = if self.private[col] {
                        HIDDEN_VALUE.to_string()
                    } else {
                        clip(cell.trim(), 80)
                    };
                    unknown.count(col, &value);
                    if self.refuse {
                        problems.push(Problem::at(
                            self.name,
                            line,
                            col as u64 + 1,
                            format!(
                                "column '{}': '{value}' {why}; allowed: {}",
                                clip(self.headers[col], 80),
                                self.labels.allowed()
                            ),
                        ));
                    }
                }
            }
        }
        invalid
    }

    /// The problem of a row that answers a question in two of its columns (merged columns
    /// are only read when each row answers in one).
    fn answered_twice(&self, line: u64, record: &StringRecord, col: usize, qi: usize) -> Problem {
        let first = self
            .questions
            .iter()
            .find(|&&(c, q)| {
                q == qi
                    && c != col
                    && !matches!(
                        parse_answer(record.get(c).unwrap_or(""), &self.q.scale, self.labels),
                        Ok(Answer::Missing) | Err(_)
                    )
            })
            .map_or(col, |&(c, _)| c);
        Problem::at(
            self.name,
            line,
            col as u64 + 1,
            format!(
                "columns '{}' (column {}) and '{}' (column {}) both hold question {}, and this row answers both; keep one, or map them apart in a mapping file",
                clip(self.headers[first], 80),
                first + 1,
                clip(self.headers[col], 80),
                col + 1,
                self.q
                    .questions()
                    .nth(qi)
                    .map_or("", |(_, qu)| qu.id.as_str()),
            ),
        )
    }
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
    let Prepared {
        mut source,
        mut report,
        questions,
        groups,
        stem,
        early,
    } = prepared;
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
    let mut requested = Vec::new();
    sink.begin_file(&mut FileStart::new(&report, &private, &mut requested))
        .map_err(ReadError::Consumer)?;
    let mut answers = vec![Answer::Missing; q.question_count()];
    let mut group_values: Vec<String> = groups.iter().map(|_| String::new()).collect();
    let mut problems: Vec<Problem> = Vec::new();
    let mut unknown = Unknown::default();
    let mut failure: Option<SinkError> = None;
    let (mut rows, mut invalid, mut skipped) = (0u64, 0u64, 0u64);
    let name = &report.path;
    // Cells of a workbook are placed by their references, so its rows cannot shift; `inspect`
    // reads rows as they are.
    let shape = (mode == Mode::Strict && matches!(report.container, Container::Text { .. }))
        .then(|| Shape::of(&report.columns));
    let mut cells = AnswerCells {
        q,
        labels,
        cache: AnswerCache::new(&q.scale, labels),
        questions: &questions,
        private: &private,
        headers: report.columns.iter().map(|c| c.header.as_str()).collect(),
        name,
        refuse: mode == Mode::Strict && !opts.skip_invalid,
    };
    let mut on_record = |line: u64, record: &StringRecord| -> Result<ControlFlow<()>, Problems> {
        rows += 1;
        if let Some(why) = shape.and_then(|s| s.misfit(record)) {
            if opts.skip_invalid {
                skipped += 1;
                return Ok(ControlFlow::Continue(()));
            }
            problems.push(Problem::at(name, line, 0, why));
        } else {
            invalid += cells.read(line, record, &mut answers, &mut unknown, &mut problems);
        }
        if !problems.is_empty() {
            if problems.len() >= MAX_CELL_PROBLEMS {
                problems.push(Problem::file(
                    name,
                    format!("stopped after {MAX_CELL_PROBLEMS} invalid cells; fix them, or pass {} to count them as missing", Setting::SkipInvalid),
                ));
                return Ok(ControlFlow::Break(()));
            }
            return Ok(ControlFlow::Continue(()));
        }
        for (value, group) in group_values.iter_mut().zip(&groups) {
            value.clear();
            match group {
                GroupSource::FileStem => value.push_str(&stem),
                GroupSource::Column(c) => value.push_str(record.get(*c).unwrap_or("").trim()),
            }
        }
        let row = Row {
            answers: &answers,
            groups: &group_values,
            cells: Cells::new(record, &requested),
        };
        if let Err(e) = sink.row(&row) {
            failure = Some(e);
            return Ok(ControlFlow::Break(()));
        }
        Ok(ControlFlow::Continue(()))
    };
    let mut stopped = false;
    for (line, record) in &early {
        if on_record(*line, record)?.is_break() {
            stopped = true;
            break;
        }
    }
    if !stopped {
        source.for_each_record(&mut on_record)?;
    }
    if let Some(e) = failure {
        return Err(ReadError::Consumer(e));
    }
    if !problems.is_empty() {
        return Err(Problems(problems).into());
    }
    if rows == 0 && mode == Mode::Strict {
        return Err(Problems::from(Problem::file(
            &report.path,
            format!(
                "has no responses: only the header row(s), {} of them",
                report.header_rows
            ),
        ))
        .into());
    }
    report.unknown_labels_not_listed = unknown.not_listed;
    report.unknown_labels = unknown.into_labels(&report.columns);
    report.rows = rows;
    report.invalid_cells = invalid;
    report.skipped_rows = skipped;
    sink.end_file(&report).map_err(ReadError::Consumer)?;
    Ok(report)
}
