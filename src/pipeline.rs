//! The stages joined up: responses to an assessment, an assessment to a plan. Every command and
//! the demo go through these two functions.

use crate::comments::{CommentCollector, CommentOptions, Comments};
use crate::progress::Progress;
use crate::questionnaire::Questionnaire;
use crate::responses::{
    self, DateFinder, FileReport, FileStart, IdentityGuard, ReadError, ReadOptions, ReadSummary,
    Row, RowSink, SinkError, Source, Split,
};
use crate::roadmap::{self, DomainStatus, Plan, PlanOptions, RaisedSign};
use crate::scoring::{Assessment, InputCounts, Scorer};
use anyhow::Result;

/// What reading and scoring the responses gave.
#[derive(Debug, Clone)]
pub struct Assessed {
    /// The scores.
    pub assessment: Assessment,
    /// How the responses were read: counts, warnings, how each file was understood.
    pub summary: ReadSummary,
    /// The latest response date in the files' timestamp columns ([`DateFinder`]), shown as
    /// `YYYY-MM-DD`.
    pub latest_date: Option<jiff::civil::Date>,
    /// The answers to open questions, scrubbed, with what may be shown of them (also in
    /// `assessment.comments`).
    pub comments: Comments,
}

/// Read every response source and score the rows in one pass, streaming: memory does not grow
/// with the number of respondents. `read.group_by` names the columns to break the results down
/// by. Response paths as given on a command line become sources with
/// [`crate::job::ResponseInput::open`] (`-` is standard input). The answers to open questions
/// are collected in the same pass, with the default [`CommentOptions`] (see [`assess_with`]).
pub fn assess(
    q: &Questionnaire,
    sources: Vec<Source>,
    read: &ReadOptions,
    min_group_size: usize,
) -> Result<Assessed> {
    assess_with(
        q,
        sources,
        read,
        min_group_size,
        &CommentOptions::default(),
        &mut Progress::off(),
    )
}

/// [`assess`], with the answers to open questions shown as `comments` says (threshold, words
/// to remove), moving a progress bar as the rows are read.
pub fn assess_with(
    q: &Questionnaire,
    sources: Vec<Source>,
    read: &ReadOptions,
    min_group_size: usize,
    comments: &CommentOptions,
    progress: &mut Progress,
) -> Result<Assessed> {
    let mut consumers = Consumers {
        guard: IdentityGuard::new(&read.group_by),
        scorer: Scorer::new(q, &read.group_by),
        dates: DateFinder::new(),
        collector: CommentCollector::new(q, &read.group_by, comments),
        // Lent to the consumers, which own what they are made of (so that they can be forked).
        progress: std::mem::replace(progress, Progress::off()),
    };
    let summary = read_all(sources, q, read, &mut consumers);
    let Consumers {
        scorer,
        dates,
        collector,
        progress: lent,
        ..
    } = consumers;
    *progress = lent;
    let summary = summary.map_err(|e| match e {
        ReadError::Input(problems) => anyhow::Error::new(problems),
        ReadError::Consumer(e) => anyhow::Error::from_boxed(e),
    })?;
    let comments = collector.finish(q, comments, min_group_size);
    let mut warnings = summary.warnings.clone();
    warnings.extend(comments.warning.clone());
    let mut assessment = scorer.finish(
        min_group_size,
        InputCounts {
            invalid_cells: summary.invalid_cells,
            warnings,
        },
    );
    assessment.comments.clone_from(&comments.questions);
    Ok(Assessed {
        assessment,
        summary,
        latest_date: dates.latest(),
        comments,
    })
}

/// Every consumer of the rows `assess_with` reads, fed in this order.
struct Consumers<S> {
    guard: IdentityGuard,
    scorer: S,
    dates: DateFinder,
    collector: CommentCollector,
    progress: Progress,
}

impl<S: RowSink> RowSink for Consumers<S> {
    fn begin_file(&mut self, file: &mut FileStart<'_>) -> Result<(), SinkError> {
        self.each().try_for_each(|s| s.begin_file(file))
    }

    /// The consumers called by name, in the order of [`Consumers::each`]: once a row, the calls
    /// are then direct (and may be inlined) rather than through `dyn`.
    fn row(&mut self, row: &Row<'_>) -> Result<(), SinkError> {
        self.guard.row(row)?;
        self.scorer.row(row)?;
        self.dates.row(row)?;
        self.collector.row(row)?;
        self.progress.row(row)
    }

    fn end_file(&mut self, file: &FileReport) -> Result<(), SinkError> {
        self.each().try_for_each(|s| s.end_file(file))
    }
}

impl<S: RowSink> Consumers<S> {
    /// The consumers, in the order they are fed.
    fn each(&mut self) -> impl Iterator<Item = &mut dyn RowSink> {
        let all: [&mut dyn RowSink; 5] = [
            &mut self.guard,
            &mut self.scorer,
            &mut self.dates,
            &mut self.collector,
            &mut self.progress,
        ];
        all.into_iter()
    }
}

/// Read the responses into the consumers: a large file on several threads, in chunks whose
/// consumers are merged in order ([`responses::read_responses_split`]), the rest in one pass.
fn read_all(
    sources: Vec<Source>,
    q: &Questionnaire,
    read: &ReadOptions,
    consumers: &mut Consumers<Scorer>,
) -> Result<ReadSummary, ReadError> {
    responses::read_responses_split(sources, q, read, consumers, responses::Threads::auto())
}

/// Each consumer forked and merged in turn.
impl<S: Split> Split for Consumers<S> {
    fn fork(&self) -> Self {
        Consumers {
            guard: self.guard.fork(),
            scorer: self.scorer.fork(),
            dates: self.dates.fork(),
            collector: self.collector.fork(),
            progress: self.progress.fork(),
        }
    }

    /// The scorer first: it is the one that may fail, and it then leaves itself as it was, so
    /// every consumer is.
    fn merge(&mut self, later: Self) -> Result<(), SinkError> {
        self.scorer.merge(later.scorer)?;
        self.guard.merge(later.guard)?;
        self.dates.merge(later.dates)?;
        Split::merge(&mut self.collector, later.collector)?;
        self.progress.merge(later.progress)
    }
}

/// Plan the recovery from an assessment: each domain's current percent and level, the red
/// flags its scores raise and then the evidence flags its records raise.
pub fn plan(q: &Questionnaire, assessment: &Assessment, opts: &PlanOptions) -> Result<Plan> {
    plan_with(q, assessment, &roadmap::Extras::default(), opts)
}

/// Plan the recovery as [`plan`] does, with the consultant's observations and the actions'
/// statuses of `extras` ([`roadmap::plan_with`]).
pub fn plan_with(
    q: &Questionnaire,
    assessment: &Assessment,
    extras: &roadmap::Extras<'_>,
    opts: &PlanOptions,
) -> Result<Plan> {
    let status: Vec<DomainStatus> = assessment
        .domains
        .iter()
        .map(|d| DomainStatus {
            domain: d.id.clone(),
            percent: d.stats.percent,
            level: d.stats.level,
        })
        .collect();
    let evidence = assessment.evidence.iter().flat_map(|e| &e.flags);
    let signs: Vec<RaisedSign> = assessment
        .flags
        .iter()
        .map(|f| RaisedSign::survey(q, f))
        .chain(evidence.map(|f| RaisedSign::evidence(q, f)))
        .collect();
    Ok(roadmap::plan_with(q, &status, &signs, extras, opts)?)
}

#[cfg(test)]
mod tests;
