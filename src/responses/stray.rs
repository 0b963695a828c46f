//! Columns that hold answers but match no question: a question whose text was edited between
//! two waves of a form gets a new column, which would otherwise be read as metadata in silence
//! and lose its answers. A consumer of the reader's rows, so the reader itself does not change.

use super::columns::ColumnRole;
use super::labels::{AnswerLabels, parse_answer};
use super::parallel::Split;
use super::report::{FileReport, clip};
use super::sink::{CellId, FileStart, RowSink, SinkError};
use super::{Answer, Row, strict};
use crate::error::{Problem, Setting};
use crate::questionnaire::Questionnaire;

/// One metadata column still under watch: every cell read so far is an answer on the scale.
#[derive(Clone)]
struct Watched {
    cell: CellId,
    position: usize,
    header: String,
    /// Distinct values seen (a bit per value from the scale's minimum, at most 64 of them).
    values: u64,
    /// Whether a cell was a value of the scale written as its label (not a bare number).
    labelled: bool,
}

/// Watches the metadata columns of each file (group-by columns and identifying ones left out)
/// and gives a warning for each whose every non-empty cell is an answer on the scale, with a
/// label of the scale among them or at least three distinct values (a flag such as `Finished`
/// or a role coded 1 and 2 is not taken for answers). With `strict` (`--strict`), each such
/// column is a problem instead.
pub(crate) struct StrayAnswers<'a> {
    q: &'a Questionnaire,
    labels: &'a AnswerLabels,
    group_by: &'a [String],
    strict: bool,
    watched: Vec<Watched>,
    warnings: Vec<String>,
    problems: Vec<Problem>,
}

impl<'a> StrayAnswers<'a> {
    pub(crate) fn new(
        q: &'a Questionnaire,
        labels: &'a AnswerLabels,
        group_by: &'a [String],
        strict: bool,
    ) -> Self {
        StrayAnswers {
            q,
            labels,
            group_by,
            strict,
            watched: Vec::new(),
            warnings: Vec::new(),
            problems: Vec::new(),
        }
    }

    /// The warnings of the files read so far, taken.
    pub(crate) fn take_warnings(&mut self) -> Vec<String> {
        std::mem::take(&mut self.warnings)
    }

    /// The problems (`strict` only) of the files read so far, taken.
    pub(crate) fn take_problems(&mut self) -> Vec<Problem> {
        std::mem::take(&mut self.problems)
    }
}

impl RowSink for StrayAnswers<'_> {
    fn begin_file(&mut self, file: &mut FileStart<'_>) -> Result<(), SinkError> {
        self.watched.clear();
        let columns: Vec<(usize, String)> = file
            .columns()
            .iter()
            .filter(|c| c.role == ColumnRole::Metadata)
            .filter(|c| {
                !self
                    .group_by
                    .iter()
                    .any(|g| g.trim().eq_ignore_ascii_case(&c.header))
            })
            .map(|c| (c.position, c.header.clone()))
            .collect();
        for (position, header) in columns {
            if let Some(cell) = file.request(position) {
                self.watched.push(Watched {
                    cell,
                    position,
                    header,
                    values: 0,
                    labelled: false,
                });
            }
        }
        Ok(())
    }

    fn row(&mut self, row: &Row<'_>) -> Result<(), SinkError> {
        if self.watched.is_empty() {
            return Ok(());
        }
        let (q, labels) = (self.q, self.labels);
        self.watched.retain_mut(|w| {
            let cell = row.cells.get(w.cell).trim();
            match parse_answer(cell, &q.scale, labels) {
                Ok(Answer::Missing) => true,
                Ok(answer) => {
                    if let Answer::Value(v) = answer {
                        let bit = u32::try_from(v - q.scale.min).unwrap_or(63).min(63);
                        w.values |= 1 << bit;
                    }
                    w.labelled |= matches!(answer, Answer::Value(_))
                        && !cell.bytes().all(|b| b.is_ascii_digit());
                    true
                }
                Err(_) => false,
            }
        });
        Ok(())
    }

    fn end_file(&mut self, file: &FileReport) -> Result<(), SinkError> {
        for w in self.watched.drain(..) {
            if !(w.labelled || w.values.count_ones() >= 3) {
                continue;
            }
            if self.strict {
                self.problems
                    .push(strict::stray_problem(&file.path, w.position, &w.header));
            } else {
                self.warnings.push(format!(
                    "{}: column {} ('{}') holds answers on the scale but matches no question; if it is a question (its text edited between waves, say), map it in a mapping file ({})",
                    file.path,
                    w.position,
                    clip(&w.header, 80),
                    Setting::Mapping
                ));
            }
        }
        Ok(())
    }
}

/// A fork watches the same columns of the same file; merged, a column stays watched when both
/// kept it, with the values both saw.
impl Split for StrayAnswers<'_> {
    fn fork(&self) -> Self {
        StrayAnswers {
            watched: self
                .watched
                .iter()
                .map(|w| Watched {
                    values: 0,
                    labelled: false,
                    ..w.clone()
                })
                .collect(),
            warnings: Vec::new(),
            problems: Vec::new(),
            ..*self
        }
    }

    fn merge(&mut self, later: Self) -> Result<(), SinkError> {
        self.watched.retain_mut(|w| {
            let Some(l) = later.watched.iter().find(|l| l.position == w.position) else {
                return false;
            };
            w.values |= l.values;
            w.labelled |= l.labelled;
            true
        });
        Ok(())
    }
}
