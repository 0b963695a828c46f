//! A file read in chunks on several threads gives what one pass gives: the same rows to the
//! consumer, in order, the same summary, and the same messages.

use super::*;
use crate::responses::tests::{Files, questionnaire};
use crate::responses::{CellId, read_responses};
use std::path::PathBuf;

/// A consumer that writes down every call, and how many forks were merged into it.
#[derive(Default)]
struct Log {
    lines: Vec<String>,
    note: Option<CellId>,
    merged: usize,
    /// Refuse to merge (as the scorer does when the parts together cross one of its limits).
    refuse: bool,
}

impl RowSink for Log {
    fn begin_file(&mut self, file: &mut FileStart<'_>) -> Result<(), SinkError> {
        let note = file.columns().iter().find(|c| c.header == "Note");
        let position = note.map(|c| c.position);
        self.note = position.and_then(|p| file.request(p));
        self.lines.push(format!("begin {}", file.columns().len()));
        Ok(())
    }

    fn row(&mut self, row: &Row<'_>) -> Result<(), SinkError> {
        let note = self.note.map_or("", |c| row.cells.get(c));
        self.lines.push(format!(
            "{:?} {:?} {note:?} {:?}",
            row.codes,
            row.groups,
            row.cells.offset()
        ));
        Ok(())
    }

    fn end_file(&mut self, file: &FileReport) -> Result<(), SinkError> {
        self.lines.push(format!("end {} rows", file.rows));
        Ok(())
    }
}

impl Split for Log {
    fn fork(&self) -> Self {
        Log {
            lines: Vec::new(),
            note: self.note,
            merged: 0,
            refuse: self.refuse,
        }
    }

    fn merge(&mut self, later: Self) -> Result<(), SinkError> {
        if self.refuse {
            return Err("the parts do not merge".into());
        }
        self.lines.extend(later.lines);
        self.merged += 1 + later.merged;
        Ok(())
    }
}

/// A survey of `rows` respondents: a team, three answers of every kind, a note (quoted now and
/// then, with line breaks and quotes in it), some lines ending CRLF, some blank; `bad` puts a cell that is not an answer on some
/// rows, `short` drops a field from some.
fn survey(rows: usize, bad: &[usize], short: &[usize]) -> String {
    let answers = ["1", "4", "", "N/A", "Agree", " 5 ", "Don't know", "2"];
    let mut out = String::from("Team,C1,C2,I1,Note\n");
    for i in 0..rows {
        let a = |k: usize| answers[(i * 7 + k * 3) % answers.len()];
        let c1 = if bad.contains(&i) { "maybe" } else { a(0) };
        let note = match i % 6 {
            0 => format!("\"line one\nline two of {i}\""),
            1 => "\"said \"\"fine\"\", then left\"".to_string(),
            _ => format!("note {i}"),
        };
        let end = if i % 9 == 0 { "\r\n" } else { "\n" };
        if short.contains(&i) {
            out.push_str(&format!("team{},{c1},{}{end}", i % 4, a(1)));
        } else {
            out.push_str(&format!("team{},{c1},{},{},{note}{end}", i % 4, a(1), a(2)));
        }
        if i % 13 == 0 {
            out.push('\n');
        }
    }
    out
}

/// What one pass and a read on `threads` threads gave: each result (the error as text) and
/// the consumer's log, and how many forks the second merged.
fn both(paths: &[PathBuf], opts: &ReadOptions, threads: usize) -> [(String, Vec<String>); 2] {
    both_with(paths, opts, threads, false)
}

/// [`both`], with consumers that refuse to merge when `refuse`.
fn both_with(
    paths: &[PathBuf],
    opts: &ReadOptions,
    threads: usize,
    refuse: bool,
) -> [(String, Vec<String>); 2] {
    let q = questionnaire();
    let sources = || paths.iter().map(Source::file).collect::<Vec<_>>();
    let show = |r: Result<ReadSummary, ReadError>| match r {
        Ok(summary) => format!("{summary:?}"),
        Err(e) => format!("error: {e}"),
    };
    let log = || Log {
        refuse,
        ..Log::default()
    };
    let mut one = log();
    let single = show(read_responses(sources(), &q, opts, &mut one));
    let mut many = log();
    let split = show(read_responses_split(
        sources(),
        &q,
        opts,
        &mut many,
        Threads::new(threads, 0),
    ));
    one.lines.push(format!("merged {}", one.merged));
    many.lines.push(format!("merged {}", many.merged));
    [(single, one.lines), (split, many.lines)]
}

#[test]
fn chunks_read_as_one_pass_with_quoted_line_breaks() {
    let files = Files::new();
    let paths = [
        files.write("a.csv", survey(3000, &[], &[])),
        files.write("b.csv", survey(500, &[], &[])),
    ];
    let opts = ReadOptions {
        group_by: vec!["Team".into()],
        ..ReadOptions::default()
    };
    for threads in [2, 3, 5] {
        let [(single, mut one), (split, mut many)] = both(&paths, &opts, threads);
        assert_eq!(many.pop(), Some(format!("merged {}", 2 * threads)));
        assert_eq!(one.pop(), Some("merged 0".to_string()));
        assert_eq!(split, single);
        assert_eq!(many, one);
        assert!(single.contains("rows: 3500"), "{single}");
    }
}

#[test]
fn skipped_rows_and_invalid_cells_are_counted_alike() {
    let files = Files::new();
    let path = files.write("skip.csv", survey(4000, &[10, 2500, 3999], &[7, 3100]));
    let opts = ReadOptions {
        skip_invalid: true,
        ..ReadOptions::default()
    };
    let [(single, mut one), (split, mut many)] = both(&[path], &opts, 2);
    assert_eq!(
        many.pop(),
        Some("merged 2".to_string()),
        "read in two chunks"
    );
    one.pop();
    assert_eq!(split, single);
    assert_eq!(many, one);
    assert!(
        single.contains("invalid_cells: 3, skipped_rows: 2"),
        "{single}"
    );
}

#[test]
fn an_error_in_a_late_chunk_is_the_one_pass_message() {
    let files = Files::new();
    let opts = ReadOptions::default();
    let invalid = files.write("late.csv", survey(4000, &[3900], &[]));
    let short = files.write("short.csv", survey(4000, &[], &[3950]));
    let mut nul = survey(4000, &[], &[]).into_bytes();
    let at = nul.len() - 20;
    nul[at] = 0;
    let nul = files.write("nul.csv", nul);
    for (path, expected) in [
        (invalid, "late.csv:"),
        (short, "short.csv:"),
        (nul, "nul.csv:"),
    ] {
        let [(single, one), (split, many)] = both(&[path], &opts, 2);
        assert!(
            single.starts_with("error: ") && single.contains(expected),
            "{single}"
        );
        assert_eq!(split, single);
        assert_eq!(many, one, "the consumer gets what one pass gives it");
    }
}

#[test]
fn parts_that_do_not_merge_are_read_again_in_one_pass() {
    let files = Files::new();
    let path = files.write("refused.csv", survey(3000, &[], &[]));
    let [(single, mut one), (split, mut many)] =
        both_with(&[path], &ReadOptions::default(), 2, true);
    assert_eq!(many.pop(), Some("merged 0".to_string()));
    one.pop();
    assert_eq!(split, single);
    assert_eq!(many, one);
}
