//! The stages joined up: responses to an assessment, an assessment to a plan. Every command and
//! the demo go through these two functions.

use crate::error::Problems;
use crate::questionnaire::Questionnaire;
use crate::responses::{self, ReadOptions, ReadSummary};
use crate::roadmap::{self, DomainStatus, Plan, PlanOptions};
use crate::scoring::{Assessment, InputCounts, ScoreError, Scorer};
use anyhow::Result;
use std::path::PathBuf;

/// Read every response file and score the rows, streaming: memory does not grow with the number
/// of respondents. `read.group_by` names the columns to break the results down by.
pub fn assess(
    q: &Questionnaire,
    paths: &[PathBuf],
    read: &ReadOptions,
    min_group_size: usize,
) -> Result<(Assessment, ReadSummary)> {
    let mut scorer = Scorer::new(q, &read.group_by);
    let mut failure: Option<ScoreError> = None;
    let summary = responses::read_responses(paths, q, read, &mut |row| {
        if failure.is_none()
            && let Err(e) = scorer.add(&row)
        {
            failure = Some(e);
        }
    })
    .map_err(|p: Problems| anyhow::Error::new(p))?;
    if let Some(e) = failure {
        return Err(e.into());
    }
    let assessment = scorer.finish(
        min_group_size,
        InputCounts {
            invalid_cells: summary.invalid_cells,
            warnings: summary.warnings.clone(),
        },
    );
    Ok((assessment, summary))
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
