//! The consumers of `assess_with` read a file in chunks on several threads and gather what one
//! pass gathers (a date finder stands in for the scorer, which is merged the same way).

use super::*;
use crate::comments::CommentOptions;
use crate::questionnaire::parse;
use crate::responses::{Threads, read_responses_split};
use std::path::Path;

fn questionnaire() -> Questionnaire {
    parse(
        include_str!("../../questionnaires/itsm-recovery.yaml"),
        "itsm-recovery.yaml",
    )
    .expect("the shipped questionnaire is valid")
}

/// A survey with a name column (identifying), a team, a ticket number, a timestamp, two
/// answers and comments that name people now and then (some quoted, over two lines).
fn survey(rows: usize) -> String {
    let mut out = String::from("Name,Team,Ticket,Timestamp,SVC1,SVC2,OQ1\n");
    for i in 0..rows {
        let comment = match i % 5 {
            0 => format!("\"Ask Person{} about it,\nthen wait\"", i % 40),
            1 => String::new(),
            _ => format!("comment number {} about the catalogue", i % 300),
        };
        out.push_str(&format!(
            "Person{},team{},T{},2026-{:02}-{:02} 10:00,{},{},{comment}\n",
            i % 40,
            i % 4,
            i % 7,
            i % 12 + 1,
            i % 28 + 1,
            i % 5 + 1,
            (i + 3) % 5 + 1,
        ));
    }
    out
}

/// The scorer's stand-in: a date finder that counts the forks merged into it.
#[derive(Default)]
struct Stand {
    dates: DateFinder,
    merged: usize,
}

impl RowSink for Stand {
    fn begin_file(&mut self, file: &mut FileStart<'_>) -> Result<(), SinkError> {
        self.dates.begin_file(file)
    }

    fn row(&mut self, row: &Row<'_>) -> Result<(), SinkError> {
        self.dates.row(row)
    }
}

impl Split for Stand {
    fn fork(&self) -> Self {
        Stand {
            dates: self.dates.fork(),
            merged: 0,
        }
    }

    fn merge(&mut self, later: Self) -> Result<(), SinkError> {
        self.merged += 1 + later.merged;
        self.dates.merge(later.dates)
    }
}

/// The consumers `assess_with` builds, with a stand-in for the scorer.
fn consumers(q: &Questionnaire, read: &ReadOptions) -> Consumers<Stand> {
    Consumers {
        guard: IdentityGuard::new(&read.group_by),
        scorer: Stand::default(),
        dates: DateFinder::new(),
        collector: CommentCollector::new(q, &read.group_by, &CommentOptions::default()),
        progress: Progress::off(),
    }
}

/// What reading gave: the summary or error, the comments, the latest date.
fn gathered(
    result: Result<ReadSummary, ReadError>,
    c: Consumers<Stand>,
    q: &Questionnaire,
) -> String {
    let comments = c.collector.finish(q, &CommentOptions::default(), 5);
    match result {
        Ok(summary) => format!(
            "{summary:?}\n{comments:?}\n{:?} {:?}",
            c.dates.latest(),
            c.scorer.dates.latest()
        ),
        Err(e) => format!("error: {e}"),
    }
}

/// What the consumers gather from `path`, read in one pass (`threads` 1) or in `threads`
/// chunks, and how many merges the stand-in scorer saw.
fn read_in(path: &Path, q: &Questionnaire, read: &ReadOptions, threads: usize) -> (String, usize) {
    let mut c = consumers(q, read);
    let sources = vec![Source::file(path)];
    let result = if threads == 1 {
        responses::read_responses(sources, q, read, &mut c)
    } else {
        read_responses_split(sources, q, read, &mut c, Threads::new(threads, 0))
    };
    let merged = c.scorer.merged;
    (gathered(result, c, q), merged)
}

#[test]
fn every_consumer_gathers_in_chunks_what_one_pass_gathers() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let path = dir.path().join("survey.csv");
    std::fs::write(&path, survey(5000)).expect("write the survey");
    let q = questionnaire();
    for (group_by, error) in [("Team", false), ("Ticket", false)] {
        let read = ReadOptions {
            group_by: vec![group_by.into()],
            ..ReadOptions::default()
        };
        let (single, merged) = read_in(&path, &q, &read, 1);
        assert_eq!(merged, 0);
        for threads in [2, 3] {
            let (split, merged) = read_in(&path, &q, &read, threads);
            assert_eq!(merged, threads, "read in {threads} chunks");
            assert_eq!(split, single, "{group_by}, {threads} threads");
        }
        assert_eq!(single.starts_with("error"), error, "{single}");
        assert!(single.contains("2026-12-28"), "{single}");
    }
}

#[test]
fn a_nearly_unique_group_column_is_refused_alike() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let mut text = String::from("Code,SVC1\n");
    // Fewer rows than the most group values kept, so that the guard sees every value.
    for i in 0..600 {
        text.push_str(&format!("c{i},{}\n", i % 5 + 1));
    }
    let path = dir.path().join("codes.csv");
    std::fs::write(&path, text).expect("write the survey");
    let q = questionnaire();
    let read = ReadOptions {
        group_by: vec!["Code".into()],
        ..ReadOptions::default()
    };
    let (single, _) = read_in(&path, &q, &read, 1);
    let (split, _) = read_in(&path, &q, &read, 2);
    assert!(single.contains("different in nearly every row"), "{single}");
    assert_eq!(split, single);
}
