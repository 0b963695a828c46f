//! Reading a large text file on several threads. Once its header rows are read, what is left of
//! a regular UTF-8 file at least [`Threads`]' threshold long is cut into chunks of whole
//! records (`source/chunks.rs`); each chunk is read on a thread of its own, into forks of the
//! consumers ([`Split::fork`]); the forks are then merged back, in file order, into the
//! consumers ([`Split::merge`]), which end up as if they had been fed every row in order.
//!
//! The records of a chunk are numbered by the file's lines, so they read as they would in one
//! pass. Anything that would make a message (an invalid cell or row, a guard's limit, bytes that
//! are not UTF-8, a consumer's error in a chunk) drops the chunks and the file is read again
//! in one pass from the end of its header rows, so every message is the one-pass message.

use super::read::{Mode, Rest, stream_in};
use super::rows::{FileRows, Plan, Tally};
use super::sink::{FileStart, RowSink, SinkError};
use super::source::{Chunk, Record};
use super::{FileReport, ReadError, ReadOptions, ReadSummary, Row, Source, read_each};
use crate::questionnaire::Questionnaire;
use std::ops::ControlFlow;

/// A consumer that can read a later part of a file on another thread: a fork of it reads that
/// part, and is then merged back.
///
/// For a file read in chunks, the reader calls [`RowSink::begin_file`] on the consumer, forks
/// it once per chunk, feeds each fork its chunk's rows (on its own thread), merges the forks
/// back in file order, and calls [`RowSink::end_file`] on the consumer. A fork is never given
/// `begin_file` nor `end_file`.
pub trait Split: RowSink + Send {
    /// A consumer like this one, just after `begin_file` of the same file (same cells asked
    /// for, same settings), that has seen no row yet.
    fn fork(&self) -> Self
    where
        Self: Sized;

    /// Take in what `later`, a fork of this consumer, gathered from rows that come after every
    /// row this one has seen: afterwards this consumer is what one fed all those rows in order
    /// would be. An error must leave this consumer as it was: the file is then read again in
    /// one pass, which meets the error where one pass meets it.
    fn merge(&mut self, later: Self) -> Result<(), SinkError>
    where
        Self: Sized;
}

/// How many threads read a file, and from what size on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Threads {
    count: usize,
    min_bytes: u64,
}

impl Threads {
    /// The fewest bytes of data rows worth reading on several threads by default.
    pub const MIN_BYTES: u64 = 32 * 1024 * 1024;

    /// The environment variable that sets the number of threads (`1`: one pass, as before).
    pub const ENV: &'static str = "ITSM_ASSESS_THREADS";

    /// `count` threads for files with at least `min_bytes` of data rows.
    pub fn new(count: usize, min_bytes: u64) -> Threads {
        Threads {
            count: count.max(1),
            min_bytes,
        }
    }

    /// As many threads as the machine runs at once (or as [`Threads::ENV`] says), for files of
    /// at least [`Threads::MIN_BYTES`] (or as many bytes as the hidden
    /// `ITSM_ASSESS_SPLIT_MIN_BYTES` says, so that the tests of the binary can read small files
    /// on several threads).
    pub fn auto() -> Threads {
        let number = |name: &str| {
            std::env::var(name)
                .ok()
                .and_then(|v| v.trim().parse::<u64>().ok())
        };
        let count = number(Self::ENV)
            .and_then(|n| usize::try_from(n).ok())
            .or_else(|| std::thread::available_parallelism().ok().map(usize::from))
            .unwrap_or(1);
        let min_bytes = number("ITSM_ASSESS_SPLIT_MIN_BYTES").unwrap_or(Self::MIN_BYTES);
        Threads::new(count, min_bytes)
    }
}

/// [`super::read_responses`] with a consumer that can be split: a large file is read on
/// `threads` threads, giving the same summary, the same rows to `sink` (as merged) and the
/// same errors as one pass.
pub fn read_responses_split<S: Split>(
    sources: Vec<Source>,
    q: &Questionnaire,
    opts: &ReadOptions,
    sink: &mut S,
    threads: Threads,
) -> Result<ReadSummary, ReadError> {
    read_each(sources, q, opts, &mut |prepared, labels, stray| {
        let mut pair = Pair(&mut *sink, stray);
        stream_in(
            prepared,
            q,
            labels,
            opts,
            Mode::Strict,
            &mut pair,
            |plan, rest, pair| in_chunks(plan, rest, pair, threads),
        )
    })
}

/// Two consumers fed in turn, the first one first.
pub(super) struct Pair<'s, A, B>(pub(super) &'s mut A, pub(super) &'s mut B);

impl<A: RowSink, B: RowSink> RowSink for Pair<'_, A, B> {
    fn begin_file(&mut self, file: &mut FileStart<'_>) -> Result<(), SinkError> {
        self.0.begin_file(file)?;
        self.1.begin_file(file)
    }

    fn row(&mut self, row: &Row<'_>) -> Result<(), SinkError> {
        self.0.row(row)?;
        self.1.row(row)
    }

    fn end_file(&mut self, file: &FileReport) -> Result<(), SinkError> {
        self.0.end_file(file)?;
        self.1.end_file(file)
    }
}

/// What reading one chunk into forks gave.
type Part<A, B> = (A, B, Tally);

/// Read what is left of a file in chunks, one thread each, and merge the forks into `sink`:
/// the rows' tally, or `None` (and `sink` untouched) when the file is too small, cannot be
/// cut, a chunk met anything that makes a message, or a merge failed.
fn in_chunks<A: Split, B: Split>(
    plan: &Plan<'_>,
    rest: Rest<'_>,
    sink: &mut Pair<'_, A, B>,
    threads: Threads,
) -> Option<Tally> {
    if threads.count < 2 || rest.left.remaining() < threads.min_bytes {
        return None;
    }
    let chunks = rest.left.split(threads.count)?;
    let (first, later) = chunks.split_first()?;
    if later.is_empty() {
        return None;
    }
    let read = |chunk: Chunk, early: &[(u64, csv::StringRecord)]| {
        read_chunk(plan, &rest, chunk, early, sink.0.fork(), sink.1.fork())
    };
    let parts: Vec<Option<Part<A, B>>> = std::thread::scope(|scope| {
        let handles: Vec<_> = later
            .iter()
            .map(|&chunk| {
                let forks = (sink.0.fork(), sink.1.fork());
                let rest = &rest;
                scope.spawn(move || read_chunk(plan, rest, chunk, &[], forks.0, forks.1))
            })
            .collect();
        let mut parts = vec![read(*first, rest.early)];
        parts.extend(handles.into_iter().map(|h| h.join().ok().flatten()));
        parts
    });
    let mut parts = parts.into_iter();
    let (mut a, mut b, mut tally) = parts.next()??;
    for part in parts {
        let (a2, b2, t2) = part?;
        a.merge(a2).ok()?;
        b.merge(b2).ok()?;
        if !tally.unknown.merge(t2.unknown) {
            return None;
        }
        tally.rows += t2.rows;
        tally.invalid += t2.invalid;
        tally.skipped += t2.skipped;
    }
    // A merge that fails (the scorer's limits, crossed by the parts together) leaves the
    // consumer as it was: one pass then finds where, and says so as it would.
    sink.0.merge(a).ok()?;
    sink.1.merge(b).ok()?;
    Some(tally)
}

/// Read one chunk (after `early`, the data rows read with the header rows, for the first) into
/// forks; `None` when anything made a message.
fn read_chunk<A: Split, B: Split>(
    plan: &Plan<'_>,
    rest: &Rest<'_>,
    chunk: Chunk,
    early: &[(u64, csv::StringRecord)],
    mut a: A,
    mut b: B,
) -> Option<Part<A, B>> {
    let mut rows = FileRows::new(plan);
    let mut sink = Pair(&mut a, &mut b);
    let mut go = |line: u64, record: Record<'_>| {
        let flow = rows.record(line, record, &mut sink);
        if flow.is_break() || !rows.tally.problems.is_empty() {
            return ControlFlow::Break(());
        }
        ControlFlow::Continue(())
    };
    for (line, record) in early {
        go(*line, Record::Csv(record)).is_continue().then_some(())?;
    }
    let mut records = rest.left.open(chunk).ok()?;
    let mut stopped = false;
    records
        .for_each_record(plan.name, &mut |line, record| {
            let flow = go(line, record);
            stopped |= flow.is_break();
            Ok(flow)
        })
        .ok()?;
    if stopped {
        return None;
    }
    Some((a, b, rows.tally))
}

#[cfg(test)]
mod tests;
