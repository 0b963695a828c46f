//! Follow-up waves: the scores of this run set against those of earlier runs.
//!
//! A consultant re-surveys the client months after the first assessment and wants to know
//! whether the recovery is working. Every earlier run left a `scores.json` (an
//! [`Assessment`]), which keeps each domain's distribution of respondent scores and each
//! statement's answer counts, so the comparison needs no raw data of the earlier wave.
//!
//! # What is compared
//!
//! Baselines are given oldest first; the change figures compare this run with the **last**
//! one given. The others only add their percents to the line of a domain across the waves
//! (`earlier_percents`).
//!
//! - **Domains** are matched by id, and compared only when they ask the same statements: every
//!   question of the domain now matches one of the domain then (by id, or by one of the current
//!   question's aliases) and the other way round. Otherwise the change says why the domain is
//!   not comparable, naming the statements added and dropped.
//! - **Groups** of a compared domain are matched by column and value, and compared only when
//!   shown in both waves. Each wave's own anonymity rules already ran: a group too small or
//!   withheld by the disclosure audit in either wave has no statistics in that wave, so it is
//!   never compared, and the change figures use nothing but figures each wave shows.
//! - **Statements** are matched across all domains by id (or alias), whether or not their
//!   domain is comparable: that is how a short pulse compares with a full baseline.
//!
//! # Figures
//!
//! For a domain or group, with `x` the respondent domain scores now and `y` those then:
//!
//! - `percent_points` = percent now - percent then; `level_from` and `level_to` the two levels;
//! - `u`, `p_value`: the Mann-Whitney U of `x` against `y` (unpaired, two-sided, normal
//!   approximation with tie and continuity corrections: [`crate::scoring::stats::mann_whitney`],
//!   the same test as the group comparisons), so `u` counts the pairs where the current score
//!   is higher, ties counting one half;
//! - `p_adjusted`: Holm's adjustment ([`crate::scoring::adjust::holm`]) over every domain and
//!   group change of the run, as one family;
//! - `cliffs_delta` = P(x > y) - P(x < y) = 2U/(n_x·n_y) - 1 (Cliff 1993), read with Romano et
//!   al.'s (2006) thresholds as [`Effect`]: negligible below 0.147, small below 0.33, medium
//!   below 0.474, large from there;
//! - `progress_to_date` = (percent now - percent then) / (target percent - percent then), the
//!   OWASP SAMM figure, where the target percent is the `min_percent` of the domain's target
//!   level as the roadmap sets it from the baseline (the target that was in force then); null
//!   when the baseline is at or above its target. 1 means the target is reached; a fall gives
//!   a negative figure.
//!
//! For a statement, on its reversed values: `baseline_mean`, `mean_difference` (now - then),
//! `favorable_difference` (share now - share then, 0 to 1), and the same Mann-Whitney test on
//! the two answer distributions, Holm-adjusted over the statements of the run as a family of
//! their own.

mod compare;
#[cfg(test)]
mod tests;

pub use compare::{compare, target_percents};

use crate::error::{Problem, Problems};
use crate::scoring::{Assessment, SCHEMA_VERSION};
use serde::{Deserialize, Serialize};
use std::path::Path;

/// Write the change since the job's baselines into an assessment of the job: the targets come
/// from the job's plan options, as the roadmap sets them from the last baseline. Nothing
/// changes without a baseline.
pub fn compare_job(job: &crate::job::Job, now: &mut Assessment) -> anyhow::Result<()> {
    let Some(last) = job.baselines.last() else {
        return Ok(());
    };
    let targets = target_percents(&job.questionnaire, &last.assessment, &job.plan)?;
    compare(&job.questionnaire, now, &job.baselines, &targets)?;
    Ok(())
}

/// The largest `scores.json` read as a baseline.
pub const MAX_BASELINE_BYTES: u64 = 64 * 1024 * 1024;

/// An earlier wave: its scores and the name of the file they came from.
#[derive(Debug, Clone, PartialEq)]
pub struct Baseline {
    /// The file, as given (for messages and the report).
    pub name: String,
    /// Its scores.
    pub assessment: Assessment,
}

/// Read a baseline `scores.json` (written by `score -f json` or `demo`). Problems name the
/// file, and the line and column where the JSON is not an assessment.
pub fn load_baseline(path: &Path) -> Result<Baseline, Problems> {
    let text = crate::input::read_text_file(path, MAX_BASELINE_BYTES, "baseline")?;
    parse_baseline(&text, &path.display().to_string())
}

/// Parse baseline JSON text as [`load_baseline`] does; `name` names it in messages.
pub fn parse_baseline(text: &str, name: &str) -> Result<Baseline, Problems> {
    let version: SchemaProbe = serde_json::from_str(text).map_err(|e| json_problem(name, &e))?;
    if version.schema_version != Some(SCHEMA_VERSION) {
        let found = version
            .schema_version
            .map_or_else(|| "none".to_string(), |v| v.to_string());
        return Err(Problem::file(
            name,
            format!(
                "is not a scores file this version reads: its schema_version is {found}, expected {SCHEMA_VERSION} (write it with `itsm-assess score -f json`)"
            ),
        )
        .into());
    }
    let assessment: Assessment = serde_json::from_str(text).map_err(|e| json_problem(name, &e))?;
    Ok(Baseline {
        name: name.to_string(),
        assessment,
    })
}

/// Just the version key, read before the rest so that a file of another layout gets a message
/// about its version instead of about a missing key.
#[derive(Deserialize)]
struct SchemaProbe {
    schema_version: Option<u32>,
}

fn json_problem(name: &str, e: &serde_json::Error) -> Problems {
    Problem::at(
        name,
        e.line() as u64,
        e.column() as u64,
        format!("not a scores file (scores.json): {e}"),
    )
    .into()
}

/// Romano et al.'s reading of the size of Cliff's delta.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Effect {
    /// |delta| < 0.147.
    Negligible,
    /// 0.147 <= |delta| < 0.33.
    Small,
    /// 0.33 <= |delta| < 0.474.
    Medium,
    /// |delta| >= 0.474.
    Large,
}

impl Effect {
    /// The reading of a delta.
    pub fn of(delta: f64) -> Effect {
        match delta.abs() {
            d if d < 0.147 => Effect::Negligible,
            d if d < 0.33 => Effect::Small,
            d if d < 0.474 => Effect::Medium,
            _ => Effect::Large,
        }
    }

    /// The word for it.
    pub fn word(self) -> &'static str {
        match self {
            Effect::Negligible => "negligible",
            Effect::Small => "small",
            Effect::Medium => "medium",
            Effect::Large => "large",
        }
    }
}

/// The change of a domain (or of a shown group) since the baseline; see the module doc.
#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq)]
pub struct DomainChange {
    /// The percent at the baseline.
    pub baseline_percent: Option<f64>,
    /// Percent now minus percent then.
    pub percent_points: Option<f64>,
    /// The level at the baseline.
    pub level_from: Option<u32>,
    /// The level now.
    pub level_to: Option<u32>,
    /// Mann-Whitney U of the current scores against the baseline's.
    pub u: Option<f64>,
    /// Its two-sided p-value.
    pub p_value: Option<f64>,
    /// Holm-adjusted over every domain and group change of the run.
    pub p_adjusted: Option<f64>,
    /// Cliff's delta, positive when scores rose.
    pub cliffs_delta: Option<f64>,
    /// (now - then) / (target - then); null when the baseline was at or above its target.
    pub progress_to_date: Option<f64>,
    /// Respondents with a score at the baseline.
    pub baseline_n: u64,
    /// Romano's reading of `cliffs_delta`.
    pub effect: Option<Effect>,
    /// The percent in each baseline given, oldest first (null where the domain or group was
    /// not comparable or had no figure): the line across the waves.
    pub earlier_percents: Vec<Option<f64>>,
    /// Why the domain is not compared (its questions changed); all figures are null then.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub not_comparable: Option<String>,
}

/// The change of a statement since the baseline; see the module doc.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct QuestionChange {
    /// The mean of the reversed values at the baseline.
    pub baseline_mean: Option<f64>,
    /// Mean now minus mean then.
    pub mean_difference: Option<f64>,
    /// Favourable share now minus then (0 to 1 scale).
    pub favorable_difference: Option<f64>,
    /// Mann-Whitney U of the current answers against the baseline's.
    pub u: Option<f64>,
    /// Its two-sided p-value.
    pub p_value: Option<f64>,
    /// Holm-adjusted over every statement change of the run.
    pub p_adjusted: Option<f64>,
    /// The statement's id in the baseline (differs from the id now when matched by alias).
    pub baseline_id: String,
    /// Answers on the scale at the baseline.
    pub baseline_n: u64,
}
