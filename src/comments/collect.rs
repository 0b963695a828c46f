//! The collector: a consumer of the reader's rows that keeps the answers to open questions,
//! with the respondent's group values, and learns the identifying values to scrub.

use super::scrub::Scrubber;
use super::summary::{Comments, summarise};
use super::{CommentOptions, MAX_COMMENT_CHARS, MAX_COMMENTS};
use crate::questionnaire::Questionnaire;
use crate::responses::{
    CellId, ColumnRole, FileStart, IdentifyingCells, Row, RowSink, SinkError, Split,
};
use std::collections::BinaryHeap;

/// A comment as read: not yet scrubbed, so never shown as it is.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub(super) struct RawComment {
    /// The text, white space folded and cut at [`MAX_COMMENT_CHARS`] characters.
    pub(super) text: String,
    /// The open question's index in [`Questionnaire::open_questions`].
    pub(super) question: usize,
    /// The respondent's group values, one per group-by column.
    pub(super) groups: Vec<String>,
}

/// Collects the answers to open questions from every file (see the module doc).
///
/// What it keeps does not depend on the order of the rows nor of the files: the comments it
/// keeps are the first [`MAX_COMMENTS`] by content, and two collectors fed different parts of
/// the rows [`merge`](CommentCollector::merge) into the one a single pass gives.
#[derive(Debug, Clone)]
pub struct CommentCollector {
    /// The group-by columns, in order.
    group_by: Vec<String>,
    /// Per open question: answers given (kept or not), and whether any file has its column.
    counts: Vec<u64>,
    asked: Vec<bool>,
    /// The comments kept, the greatest by content on top (to drop first).
    kept: BinaryHeap<RawComment>,
    scrubber: Scrubber,
    /// This file's cells: (open question, cell) and the identifying columns.
    cells: Vec<(usize, CellId)>,
    identifying: IdentifyingCells,
}

impl CommentCollector {
    /// A collector for a questionnaire's open questions, grouping by `group_by` (the reader's
    /// group-by columns, in order), scrubbing the `--redact` list of `opts` too.
    pub fn new(q: &Questionnaire, group_by: &[String], opts: &CommentOptions) -> Self {
        let n = q.open_questions.len();
        CommentCollector {
            group_by: group_by.to_vec(),
            counts: vec![0; n],
            asked: vec![false; n],
            kept: BinaryHeap::new(),
            scrubber: Scrubber::new(&opts.redact),
            cells: Vec::new(),
            identifying: IdentifyingCells::default(),
        }
    }

    /// Add what another collector of the same questionnaire and group-by columns gathered.
    pub fn merge(&mut self, other: CommentCollector) {
        for (a, b) in self.counts.iter_mut().zip(other.counts) {
            *a += b;
        }
        for (a, b) in self.asked.iter_mut().zip(other.asked) {
            *a |= b;
        }
        self.kept.extend(other.kept);
        while self.kept.len() > MAX_COMMENTS {
            self.kept.pop();
        }
        self.scrubber.merge(other.scrubber);
    }

    /// The comments, scrubbed, tagged and ordered by content, with what may be shown of them
    /// (see [`summarise`]).
    pub fn finish(
        self,
        q: &Questionnaire,
        opts: &CommentOptions,
        min_group_size: usize,
    ) -> Comments {
        let mut kept = self.kept.into_vec();
        kept.sort();
        summarise(
            q,
            &self.group_by,
            &self.counts,
            &self.asked,
            kept,
            &self.scrubber,
            opts.threshold(min_group_size),
        )
    }
}

/// A fork reads the same cells of the same file, from no row, and learns identifying values of
/// its own; merged as [`CommentCollector::merge`] does.
impl Split for CommentCollector {
    fn fork(&self) -> Self {
        CommentCollector {
            group_by: self.group_by.clone(),
            counts: vec![0; self.counts.len()],
            asked: vec![false; self.asked.len()],
            kept: BinaryHeap::new(),
            scrubber: self.scrubber.clone(),
            cells: self.cells.clone(),
            identifying: self.identifying.clone(),
        }
    }

    fn merge(&mut self, later: Self) -> Result<(), SinkError> {
        CommentCollector::merge(self, later);
        Ok(())
    }
}

/// White space folded to single spaces, trimmed, cut at [`MAX_COMMENT_CHARS`] characters.
fn fold(cell: &str) -> String {
    let mut out = String::new();
    for word in cell.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    match out.char_indices().nth(MAX_COMMENT_CHARS) {
        Some((cut, _)) => {
            out.truncate(cut);
            out
        }
        None => out,
    }
}

impl RowSink for CommentCollector {
    fn begin_file(&mut self, file: &mut FileStart<'_>) -> Result<(), SinkError> {
        let free: Vec<(usize, usize)> = file
            .columns()
            .iter()
            .filter_map(|c| match c.role {
                ColumnRole::FreeText { index, .. } => Some((index, c.position)),
                _ => None,
            })
            .collect();
        // A free-text column whose header identifies people is never handed out, nor kept.
        self.cells = free
            .into_iter()
            .filter_map(|(q, position)| file.request(position).map(|cell| (q, cell)))
            .collect();
        for &(q, _) in &self.cells {
            self.asked[q] = true;
        }
        self.identifying = file.request_identifying();
        Ok(())
    }

    fn row(&mut self, row: &Row<'_>) -> Result<(), SinkError> {
        for cell in row.cells.identifying(&self.identifying) {
            self.scrubber.learn(cell);
        }
        for &(question, cell) in &self.cells {
            let text = fold(row.cells.get(cell));
            if !text.chars().any(char::is_alphanumeric) {
                continue;
            }
            self.counts[question] += 1;
            let comment = RawComment {
                text,
                question,
                groups: row.groups.to_vec(),
            };
            if self.kept.len() < MAX_COMMENTS {
                self.kept.push(comment);
            } else if self.kept.peek().is_some_and(|top| comment < *top) {
                self.kept.pop();
                self.kept.push(comment);
            }
        }
        Ok(())
    }
}
