//! The data rows of one file, record by record: each record checked against the header's width,
//! its answer cells read through the plan of the file, what is not an answer counted (and, in
//! strict mode, a problem), and the row handed to the sink. One [`FileRows`] reads a whole file,
//! or one chunk of it on a thread of its own ([`super::parallel`]).

use super::labels::{AnswerCache, AnswerLabels, NOT_KNOWN, parse_answer};
use super::read::GroupSource;
use super::report::{ColumnReport, UnknownLabel, clip};
use super::sink::{Cells, RowSink, SinkError};
use super::source::{Line, Record};
use super::{Answer, MAX_CELL_PROBLEMS, MAX_UNKNOWN_LABELS, Row};
use crate::error::{Problem, Setting};
use crate::questionnaire::Questionnaire;
use std::collections::HashMap;
use std::ops::ControlFlow;

/// What messages and the report show instead of a cell of a column that identifies people.
const HIDDEN_VALUE: &str = "(a value of a column that identifies people, not shown)";

/// The answers not understood, by column and text, as the report lists them.
#[derive(Default)]
pub(super) struct Unknown {
    /// (column, text shown) to count, at most [`MAX_UNKNOWN_LABELS`] of them.
    listed: HashMap<(usize, String), u64>,
    pub(super) not_listed: u64,
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

    /// Add what a later part of the same file counted, when the sum is what one count over
    /// both parts gives: neither part left a label out, and together they list no more than
    /// [`MAX_UNKNOWN_LABELS`] (so one count would have listed them all). Returns `false`, and
    /// changes nothing, otherwise.
    pub(super) fn merge(&mut self, later: Unknown) -> bool {
        let new = later
            .listed
            .keys()
            .filter(|k| !self.listed.contains_key(*k))
            .count();
        if self.not_listed > 0
            || later.not_listed > 0
            || self.listed.len() + new > MAX_UNKNOWN_LABELS
        {
            return false;
        }
        for (key, count) in later.listed {
            *self.listed.entry(key).or_default() += count;
        }
        true
    }

    /// The labels, most frequent first, then by column and text.
    pub(super) fn into_labels(self, columns: &[ColumnReport]) -> Vec<UnknownLabel> {
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
pub(super) struct Shape {
    /// How many columns the header has.
    width: usize,
    /// How many up to the last one with a name: a row may leave out trailing unnamed columns.
    named: usize,
}

impl Shape {
    pub(super) fn of(columns: &[ColumnReport]) -> Self {
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
    fn misfit(self, record: Record<'_>) -> Option<String> {
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
            .any(|i| !record.get(i).unwrap_or("").trim().is_empty())
            .then(|| {
                format!(
                    "the row holds {fields} fields, more than the {} of the header, and one beyond them is not empty: a doubled delimiter shifts the answers after it; {}",
                    self.width,
                    hint()
                )
            })
    }
}

/// Where the cells of a row go: the answer codes, the texts that are not answers, the problems.
type Out<'o> = (&'o mut [u8], &'o mut Unknown, &'o mut Vec<Problem>);

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
    /// The code of a missing answer on the scale ([`Answer::code`]).
    missing: u8,
    /// Whether no two columns hold the same question.
    distinct: bool,
    /// When no two columns hold the same question and the empty cell is a missing answer, the
    /// question columns as runs of neighbouring columns holding consecutive questions; empty
    /// otherwise.
    runs: Vec<Run>,
    /// When the runs hold every question, how many entries of [`Line::starts`] a line needs
    /// (its fields, plus one) for them to write every question's code; `usize::MAX` otherwise.
    full: usize,
}

/// Neighbouring columns holding consecutive questions: `len` of them from `column`, holding
/// the questions from `question` on.
#[derive(Debug, Clone, Copy)]
struct Run {
    column: usize,
    question: usize,
    len: usize,
}

/// The runs of [`AnswerCells::runs`] of a file's (column, question) pairs.
fn runs(questions: &[(usize, usize)]) -> Vec<Run> {
    let mut runs: Vec<Run> = Vec::new();
    for &(column, question) in questions {
        match runs.last_mut() {
            Some(run) if run.column + run.len == column && run.question + run.len == question => {
                run.len += 1;
            }
            _ => runs.push(Run {
                column,
                question,
                len: 1,
            }),
        }
    }
    runs
}

impl AnswerCells<'_> {
    /// Read the answers of a record into `codes` ([`Answer::code`]): a cell that is not an
    /// answer is missing, counted in `unknown` by its text, and a problem if such cells are
    /// refused. Returns how many cells were not answers.
    fn read(
        &mut self,
        line: u64,
        record: Record<'_>,
        codes: &mut [u8],
        unknown: &mut Unknown,
        problems: &mut Vec<Problem>,
    ) -> u64 {
        // A line that gives every question a code by runs needs no codes set beforehand.
        if !matches!(record, Record::Line(l) if l.starts().len() >= self.full) {
            codes.fill(self.missing);
        }
        let mut out = (codes, unknown, problems);
        // One loop for each kind of record, so that a cell is found without asking which.
        match record {
            Record::Line(l) if !self.runs.is_empty() => self.read_runs(l, line, &mut out),
            Record::Line(l) => self.read_cells(
                // A longer cell remembered is found by the slow path's cache lookup.
                |cache, c| cache.known_short(l.short_key(c)),
                (line, record),
                &mut out,
            ),
            Record::Csv(r) => self.read_cells(
                |cache, c| cache.known(r.get(c).map_or(&b""[..], str::as_bytes)),
                (line, record),
                &mut out,
            ),
        }
    }

    /// [`AnswerCells::read`] with `known` giving the remembered code of a column's cell
    /// ([`NOT_KNOWN`] if none): such a cell is read here, any other by
    /// [`AnswerCells::other_cell`].
    #[inline(always)]
    fn read_cells(
        &mut self,
        known: impl Fn(&AnswerCache<'_>, usize) -> u8,
        at: (u64, Record<'_>),
        out: &mut Out<'_>,
    ) -> u64 {
        let mut invalid = 0;
        if self.distinct {
            // Each question has one column, whose code is the answer when it is known.
            for &(col, qi) in self.questions {
                let code = known(&self.cache, col);
                if code == NOT_KNOWN {
                    invalid += self.other_cell(at, (col, qi), out);
                } else if let Some(slot) = out.0.get_mut(qi) {
                    *slot = code;
                }
            }
            return invalid;
        }
        for &(col, qi) in self.questions {
            let code = known(&self.cache, col);
            let Some(slot) = out.0.get_mut(qi) else {
                continue;
            };
            // No branch on what the answer is: a missing one stored over a missing one
            // changes nothing.
            if code != NOT_KNOWN && *slot == self.missing {
                *slot = code;
            } else if code != self.missing {
                invalid += self.other_cell(at, (col, qi), out);
            }
        }
        invalid
    }

    /// [`AnswerCells::read`] for a plain line, by runs of columns that hold consecutive
    /// questions: each cell's remembered code stored as it is (a line that ends within a run
    /// leaves the questions after its end missing, as empty cells are); then, only when one
    /// is [`NOT_KNOWN`], those cells read by [`AnswerCells::other_cell`].
    fn read_runs(&mut self, l: Line<'_>, line: u64, out: &mut Out<'_>) -> u64 {
        let codes = &mut *out.0;
        // The codes ORed together: an answer's code is below 128, NOT_KNOWN is not.
        let mut all = 0;
        for run in &self.runs {
            let questions = run.question..run.question + run.len;
            let (Some(codes), Some(starts)) =
                (codes.get_mut(questions), l.starts().get(run.column..))
            else {
                continue;
            };
            for (code, pair) in codes.iter_mut().zip(starts.windows(2)) {
                *code = self.cache.known_short(l.key_of(pair[0], pair[1]));
                all |= *code;
            }
        }
        if all & 0x80 == 0 {
            return 0;
        }
        let mut invalid = 0;
        let at = (line, Record::Line(l));
        // By index: the slow path needs `self` mutably. Run by run, in order of column (the
        // order of the messages), each cell not remembered found by a search for its code.
        for i in 0..self.runs.len() {
            let run = self.runs[i];
            let mut k = 0;
            while let Some(found) = out
                .0
                .get(run.question + k..run.question + run.len)
                .and_then(first_not_known)
            {
                k += found;
                let (col, qi) = (run.column + k, run.question + k);
                k += 1;
                // A longer cell remembered (such as `N/A`), then any other.
                let code = self.cache.known(at.1.get(col).unwrap_or("").as_bytes());
                if code == NOT_KNOWN {
                    out.0[qi] = self.missing;
                    invalid += self.other_cell(at, (col, qi), out);
                } else {
                    out.0[qi] = code;
                }
            }
        }
        invalid
    }

    /// Read a cell whose answer is not remembered, or that answers a question already
    /// answered: 1 when it is not an answer (counted, and a problem if refused), else 0.
    fn other_cell(
        &mut self,
        (line, record): (u64, Record<'_>),
        (col, qi): (usize, usize),
        (answers, unknown, problems): &mut Out<'_>,
    ) -> u64 {
        let cell = record.get(col).unwrap_or("");
        match self.cache.parse(cell) {
            Ok(code) if code == self.missing => 0,
            Ok(code) if answers[qi] == self.missing => {
                answers[qi] = code;
                0
            }
            Ok(_) => {
                if self.refuse {
                    problems.push(self.answered_twice(line, record, col, qi));
                }
                1
            }
            Err(why) => {
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
                1
            }
        }
    }

    /// The problem of a row that answers a question in two of its columns (merged columns
    /// are only read when each row answers in one).
    fn answered_twice(&self, line: u64, record: Record<'_>, col: usize, qi: usize) -> Problem {
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

/// Where the first [`NOT_KNOWN`] of the codes a plain line's runs gave is: the first code with
/// its high bit set (an answer's code has none), found eight codes at a time.
fn first_not_known(codes: &[u8]) -> Option<usize> {
    let mut words = codes.chunks_exact(8);
    let mut at = 0;
    for word in &mut words {
        let high = u64::from_le_bytes(word.try_into().unwrap_or_default()) & 0x8080_8080_8080_8080;
        if high != 0 {
            return Some(at + high.trailing_zeros() as usize / 8);
        }
        at += 8;
    }
    let rest = words.remainder().iter().position(|&code| code & 0x80 != 0);
    rest.map(|i| at + i)
}

/// What every part of one file's rows is read with: the plan of its columns, from its header.
pub(super) struct Plan<'a> {
    pub(super) q: &'a Questionnaire,
    pub(super) labels: &'a AnswerLabels,
    /// (column position, question index) of every question column.
    pub(super) questions: &'a [(usize, usize)],
    /// Whether each column's cells must never be quoted.
    pub(super) private: &'a [bool],
    pub(super) columns: &'a [ColumnReport],
    /// The file, as messages name it.
    pub(super) name: &'a str,
    pub(super) groups: &'a [GroupSource],
    pub(super) stem: &'a str,
    /// The columns of the cells the sinks asked for.
    pub(super) requested: &'a [usize],
    /// The header's width, when rows are checked against it.
    pub(super) shape: Option<Shape>,
    pub(super) skip_invalid: bool,
    /// Whether a cell that is not an answer is a problem (strict mode without `skip_invalid`).
    pub(super) refuse: bool,
}

/// What the rows read so far came to.
#[derive(Default)]
pub(super) struct Tally {
    pub(super) rows: u64,
    pub(super) invalid: u64,
    pub(super) skipped: u64,
    pub(super) unknown: Unknown,
    /// Problems found (the sink is not called once there is one).
    pub(super) problems: Vec<Problem>,
    /// The sink's error, which stopped the reading.
    pub(super) failure: Option<SinkError>,
}

/// The reading of one file's data rows (or of a part of them), record by record.
pub(super) struct FileRows<'a> {
    plan: &'a Plan<'a>,
    cells: AnswerCells<'a>,
    /// The row's answer codes ([`Answer::code`]).
    codes: Vec<u8>,
    group_values: Vec<String>,
    pub(super) tally: Tally,
}

impl<'a> FileRows<'a> {
    /// Nothing read yet.
    pub(super) fn new(plan: &'a Plan<'a>) -> Self {
        let missing = Answer::Missing.code(&plan.q.scale);
        let cache = AnswerCache::new(&plan.q.scale, plan.labels);
        let distinct = {
            let mut seen = vec![false; plan.q.question_count()];
            plan.questions.iter().all(|&(_, qi)| {
                seen.get_mut(qi)
                    .is_some_and(|s| !std::mem::replace(s, true))
            })
        };
        let runs = if distinct && cache.known(b"") == missing {
            runs(plan.questions)
        } else {
            Vec::new()
        };
        let held: usize = runs.iter().map(|run| run.len).sum();
        let full = match runs.iter().map(|run| run.column + run.len + 1).max() {
            Some(needed) if held == plan.q.question_count() => needed,
            _ => usize::MAX,
        };
        FileRows {
            plan,
            cells: AnswerCells {
                q: plan.q,
                labels: plan.labels,
                cache,
                questions: plan.questions,
                private: plan.private,
                headers: plan.columns.iter().map(|c| c.header.as_str()).collect(),
                name: plan.name,
                refuse: plan.refuse,
                missing,
                distinct,
                runs,
                full,
            },
            codes: vec![missing; plan.q.question_count()],
            group_values: plan.groups.iter().map(|_| String::new()).collect(),
            tally: Tally::default(),
        }
    }

    /// Read one record, on physical line `line`, into `sink`: breaks once reading must stop
    /// (too many problems, or the sink's error).
    pub(super) fn record<S: RowSink + ?Sized>(
        &mut self,
        line: u64,
        record: Record<'_>,
        sink: &mut S,
    ) -> ControlFlow<()> {
        let plan = self.plan;
        let tally = &mut self.tally;
        tally.rows += 1;
        if let Some(why) = plan.shape.and_then(|s| s.misfit(record)) {
            if plan.skip_invalid {
                tally.skipped += 1;
                return ControlFlow::Continue(());
            }
            tally.problems.push(Problem::at(plan.name, line, 0, why));
        } else {
            tally.invalid += self.cells.read(
                line,
                record,
                &mut self.codes,
                &mut tally.unknown,
                &mut tally.problems,
            );
        }
        if !tally.problems.is_empty() {
            if tally.problems.len() >= MAX_CELL_PROBLEMS {
                tally.problems.push(Problem::file(
                    plan.name,
                    format!("stopped after {MAX_CELL_PROBLEMS} invalid cells; fix them, or pass {} to count them as missing", Setting::SkipInvalid),
                ));
                return ControlFlow::Break(());
            }
            return ControlFlow::Continue(());
        }
        for (value, group) in self.group_values.iter_mut().zip(plan.groups) {
            let new = match group {
                GroupSource::FileStem => plan.stem,
                GroupSource::Column(c) => trimmed(record.get(*c).unwrap_or("")),
            };
            // Most rows repeat a group value of the row before: nothing to copy then.
            if value != new {
                value.clear();
                value.push_str(new);
            }
        }
        let row = Row {
            codes: &self.codes,
            groups: &self.group_values,
            cells: Cells::new(record, plan.requested),
        };
        if let Err(e) = sink.row(&row) {
            tally.failure = Some(e);
            return ControlFlow::Break(());
        }
        ControlFlow::Continue(())
    }
}

/// `text` without the white space around it; a text that starts and ends with a visible ASCII
/// character (most group values) is taken as it is, without looking at its characters.
pub(crate) fn trimmed(text: &str) -> &str {
    let visible = |b: Option<&u8>| b.is_some_and(u8::is_ascii_graphic);
    if visible(text.as_bytes().first()) && visible(text.as_bytes().last()) {
        text
    } else {
        text.trim()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn question_columns_run_while_columns_and_questions_both_go_up_by_one() {
        // Columns 1-3 hold questions 0-2; column 5 question 3; columns 6-7 questions 5-6
        // (question 4 is elsewhere); column 9 question 4.
        let pairs = [(1, 0), (2, 1), (3, 2), (5, 3), (6, 5), (7, 6), (9, 4)];
        let found: Vec<(usize, usize, usize)> = runs(&pairs)
            .iter()
            .map(|r| (r.column, r.question, r.len))
            .collect();
        assert_eq!(found, [(1, 0, 3), (5, 3, 1), (6, 5, 2), (9, 4, 1)]);
        assert!(runs(&[]).is_empty());
    }

    #[test]
    fn the_first_cell_not_remembered_is_found_in_a_word_or_after_the_last() {
        let n = NOT_KNOWN;
        assert_eq!(first_not_known(&[]), None);
        assert_eq!(first_not_known(&[0, 1, 2, 3, 4, 5, 6, 0, 1, 2]), None);
        assert_eq!(first_not_known(&[0, 1, 2, n, 4, n, 6, 0, n]), Some(3));
        assert_eq!(first_not_known(&[0, 1, 2, 3, 4, 5, 6, 0, n]), Some(8));
        assert_eq!(
            first_not_known(&[1; 17].iter().copied().chain([n]).collect::<Vec<_>>()),
            Some(17)
        );
        assert_eq!(first_not_known(&[1, 1, 1, 1, 1, 1, 1, n]), Some(7));
    }
}
