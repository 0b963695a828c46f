//! The stages joined up: responses to an assessment, an assessment to a plan. Every command and
//! the demo go through these two functions.

use crate::progress::Progress;
use crate::questionnaire::Questionnaire;
use crate::responses::{
    self, DateFinder, Fanout, IdentityGuard, ReadError, ReadOptions, ReadSummary, Source,
};
use crate::roadmap::{self, DomainStatus, Plan, PlanOptions};
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
}

/// Read every response source and score the rows in one pass, streaming: memory does not grow
/// with the number of respondents. `read.group_by` names the columns to break the results down
/// by. Response paths as given on a command line become sources with
/// [`crate::job::ResponseInput::open`] (`-` is standard input).
pub fn assess(
    q: &Questionnaire,
    sources: Vec<Source>,
    read: &ReadOptions,
    min_group_size: usize,
) -> Result<Assessed> {
    assess_showing(q, sources, read, min_group_size, &mut Progress::off())
}

/// [`assess`], moving a progress bar as the rows are read.
pub fn assess_showing(
    q: &Questionnaire,
    sources: Vec<Source>,
    read: &ReadOptions,
    min_group_size: usize,
    progress: &mut Progress,
) -> Result<Assessed> {
    let mut scorer = Scorer::new(q, &read.group_by);
    let mut dates = DateFinder::new();
    let mut guard = IdentityGuard::new(&read.group_by);
    let summary = responses::read_responses(
        sources,
        q,
        read,
        &mut Fanout(&mut [&mut guard, &mut scorer, &mut dates, progress]),
    )
    .map_err(|e| match e {
        ReadError::Input(problems) => anyhow::Error::new(problems),
        ReadError::Consumer(e) => anyhow::Error::from_boxed(e),
    })?;
    let assessment = scorer.finish(
        min_group_size,
        InputCounts {
            invalid_cells: summary.invalid_cells,
            warnings: summary.warnings.clone(),
        },
    );
    Ok(Assessed {
        assessment,
        summary,
        latest_date: dates.latest(),
    })
}

/// Plan the recovery from an assessment: each domain's current percent and level, and the red
/// flags its scores raise.
pub fn plan(q: &Questionnaire, assessment: &Assessment, opts: &PlanOptions) -> Result<Plan> {
    let status: Vec<DomainStatus> = assessment
        .domains
        .iter()
        .map(|d| DomainStatus {
            domain: d.id.clone(),
            percent: d.stats.percent,
            level: d.stats.level,
        })
        .collect();
    Ok(roadmap::plan(q, &status, &assessment.flags, opts)?)
}
