//! The assessment: what scoring produces, serialised as the JSON contract (keys in the order of
//! the scoring issue, extra keys after them), and read back from it: every type here
//! deserialises to a value equal to the one serialised.

use super::value::Distribution;
use crate::questionnaire::{FlagMetric, FlagSubject, Questionnaire};
use serde::de::{MapAccess, Visitor};
use serde::ser::SerializeMap;
use serde::{Deserialize, Deserializer, Serialize};
use std::fmt;

/// The version of the JSON layout of an [`Assessment`] and of a [`crate::roadmap::Plan`],
/// written first in each as `"schema_version"`. It changes when a key changes meaning or goes.
pub const SCHEMA_VERSION: u32 = 1;

/// Scores of one questionnaire's survey: the machine interface read by the roadmap and the
/// reports.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct Assessment {
    /// The version of this layout, [`SCHEMA_VERSION`].
    pub schema_version: u32,
    /// Which questionnaire was scored.
    pub questionnaire: QuestionnaireInfo,
    /// How many rows were read, scored and skipped.
    pub respondents: Respondents,
    /// The overall percent and level.
    pub overall: Overall,
    /// One entry per domain, in questionnaire order.
    pub domains: Vec<DomainResult>,
    /// Perception gaps between shown groups: per domain, per group-by column, per pair.
    pub comparisons: Vec<Comparison>,
    /// The questionnaire's red flags that the scores raise, in questionnaire order.
    pub flags: Vec<RaisedFlag>,
    /// The group-by columns, in the order asked for.
    pub group_by: Vec<String>,
    /// The smallest group whose statistics are shown.
    pub min_group_size: usize,
    /// Warnings about the input (skipped cells and the like).
    pub warnings: Vec<String>,
    /// The answers to open questions: counts, themes and the scrubbed comments that may be
    /// shown ([`crate::comments`]); left out when no file has a column for an open question.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub comments: Vec<crate::comments::CommentSummary>,
    /// What the ticket records say, when records were given; absent otherwise, so that an
    /// assessment without records reads as before.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub evidence: Option<crate::evidence::Evidence>,
}

/// The questionnaire an assessment scores.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct QuestionnaireInfo {
    /// Its id.
    pub id: String,
    /// Its title.
    pub title: String,
    /// Its version.
    pub version: String,
    /// The lowest point of its scale.
    pub scale_min: i32,
    /// The highest point of its scale.
    pub scale_max: i32,
}

/// Row counts.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
pub struct Respondents {
    /// Data rows read.
    pub rows: u64,
    /// Rows with at least one answer (a value or N/A).
    pub scored: u64,
    /// Rows with no answer at all, skipped.
    pub skipped: u64,
    /// Cells that were not valid answers and were read as missing.
    pub invalid_cells: u64,
}

/// The overall result.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct Overall {
    /// Weight-averaged percent of the domains that have a score; null when none has.
    pub percent: Option<f64>,
    /// The level that percent reaches.
    pub level: Option<u32>,
    /// That level's name.
    pub level_name: Option<String>,
}

/// The statistics of one domain.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct DomainResult {
    /// Domain id.
    pub id: String,
    /// Domain name.
    pub name: String,
    /// Weight in the overall percent.
    pub weight: f64,
    /// The statistics of every respondent with a score for the domain (the same figures as a
    /// group's; in the JSON, keys of the domain itself).
    #[serde(flatten)]
    pub stats: GroupStats,
    /// Present when the domain had too many distinct scores to keep them all: the width, in
    /// points of the scale, of the bins its distributions (and its groups') are then given in,
    /// each bin written as its midpoint. Every other figure stays computed from the exact
    /// scores (see docs/statistics.md).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub distribution_bin_width: Option<f64>,
    /// Cronbach's alpha of the domain's questions.
    pub alpha: Option<f64>,
    /// Respondents who answered every question of the domain (alpha's sample).
    pub alpha_n: u64,
    /// The domain's questions, in questionnaire order.
    pub questions: Vec<QuestionResult>,
    /// Per group-by column (in the order asked for), its groups in order of value.
    pub groups: Vec<GroupResult>,
    /// The groups of `groups` that are suppressed although large enough, by the disclosure
    /// audit: showing them would let a smaller set of respondents be worked out by subtraction.
    /// In the order of `groups`.
    pub withheld: Vec<WithheldGroup>,
    /// The change since the baseline, when one is given ([`crate::waves`]).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub change: Option<crate::waves::DomainChange>,
    /// Per group-by column, how many of its groups are too small to show in this domain. They
    /// are counted, never named: their values are not kept in the assessment (nor in `groups`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub too_small: Vec<TooSmallGroups>,
}

impl DomainResult {
    /// How many groups of `column` are too small to show in this domain.
    pub fn too_small_in(&self, column: &str) -> usize {
        self.too_small
            .iter()
            .filter(|t| t.column == column)
            .map(|t| t.groups)
            .sum()
    }
}

/// The groups of one column too small to show in a domain: a count, with no value.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
pub struct TooSmallGroups {
    /// The group-by column.
    pub column: String,
    /// Always `null` in the JSON: the groups' values are never written anywhere.
    pub value: Option<String>,
    /// How many groups.
    pub groups: usize,
}

/// A group withheld by the disclosure audit.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
pub struct WithheldGroup {
    /// The group-by column.
    pub column: String,
    /// The group's value.
    pub value: String,
    /// Why it is withheld.
    pub reason: WithholdReason,
}

/// Why a group that is large enough is not shown.
#[derive(Debug, Clone, Copy, Serialize, Deserialize, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
pub enum WithholdReason {
    /// Secondary suppression: with its figures, a set of fewer than `min_group_size`
    /// respondents could be worked out from the figures shown.
    Secondary,
}

/// The statistics of one question.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct QuestionResult {
    /// Question id.
    pub id: String,
    /// The statement.
    pub text: String,
    /// Whether agreeing means a worse practice (values reversed).
    pub reverse: bool,
    /// Answers on the scale.
    pub n: u64,
    /// Mean of the reversed values.
    pub mean: Option<f64>,
    /// Sample standard deviation of the reversed values.
    pub sd: Option<f64>,
    /// Scored rows that left the question empty.
    pub missing: u64,
    /// Not-applicable answers.
    pub not_applicable: u64,
    /// Answers per raw value: the answer distribution.
    pub counts: AnswerCounts,
    /// Share (0 to 1) of answers whose reversed value is in the top two points of the scale and
    /// above its midpoint (on a scale of 2 or 3 points, the top point only).
    pub favorable: Option<f64>,
    /// Tastle and Wierman's consensus of the answers, 0 to 1.
    pub consensus: Option<f64>,
    /// The change since the baseline, when one is given and asked this statement.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub change: Option<crate::waves::QuestionChange>,
}

/// Answers per raw value, for every point of the scale in ascending order; serialised as a
/// JSON object keyed by the value (`{"1": 3, "2": 0, ...}`) in that order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AnswerCounts(pub Vec<(i32, u64)>);

impl Serialize for AnswerCounts {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(Some(self.0.len()))?;
        for (value, count) in &self.0 {
            map.serialize_entry(&value.to_string(), count)?;
        }
        map.end()
    }
}

impl<'de> Deserialize<'de> for AnswerCounts {
    /// Reads the object [`AnswerCounts`] is written as, keys in any order (sorted on reading);
    /// a key that is not an integer, or is given twice, is an error.
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct CountsVisitor;
        impl<'de> Visitor<'de> for CountsVisitor {
            type Value = AnswerCounts;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("an object of answer values to counts, such as {\"1\": 3}")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<AnswerCounts, A::Error> {
                use serde::de::Error;
                let mut counts: Vec<(i32, u64)> = Vec::new();
                while let Some((key, count)) = map.next_entry::<String, u64>()? {
                    let value: i32 = key
                        .parse()
                        .map_err(|_| A::Error::custom(format!("'{key}' is not an answer value")))?;
                    counts.push((value, count));
                }
                counts.sort_unstable_by_key(|&(value, _)| value);
                if let Some(w) = counts.windows(2).find(|w| w[0].0 == w[1].0) {
                    return Err(A::Error::custom(format!(
                        "the answer value {} is counted twice",
                        w[0].0
                    )));
                }
                Ok(AnswerCounts(counts))
            }
        }
        deserializer.deserialize_map(CountsVisitor)
    }
}

/// One group of a group-by column in one domain.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct GroupResult {
    /// The group-by column.
    pub column: String,
    /// The group's value (`(blank)` for empty cells).
    pub value: String,
    /// True when the group is not shown: too small, or withheld (see
    /// [`DomainResult::withheld`]).
    pub suppressed: bool,
    /// The statistics, absent when suppressed.
    #[serde(flatten)]
    pub stats: Option<GroupStats>,
    /// The change since the baseline, when the group is shown in both waves.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub change: Option<crate::waves::DomainChange>,
}

/// The statistics of a domain's respondents, or of a shown group's.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct GroupStats {
    /// Respondents with a score for the domain.
    pub n: u64,
    /// Their mean score, on the scale.
    pub mean: Option<f64>,
    /// Its sample standard deviation.
    pub sd: Option<f64>,
    /// 95% Student's t confidence interval of the mean, `[low, high]`, not clamped to the scale.
    pub ci95: Option<[f64; 2]>,
    /// The mean as a percent of the scale's range.
    pub percent: Option<f64>,
    /// The level that percent reaches.
    pub level: Option<u32>,
    /// That level's name.
    pub level_name: Option<String>,
    /// Respondents per respondent domain score, exact scores in ascending order (see
    /// [`super::value`] for the encoding): what a test against another survey needs.
    pub distribution: Distribution,
}

/// A perception gap: two shown groups of one column compared on one domain.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct Comparison {
    /// Domain id.
    pub domain: String,
    /// The group-by column.
    pub column: String,
    /// The first group's value (first in order of value).
    pub a: String,
    /// The second group's value.
    pub b: String,
    /// Mean of `a` minus mean of `b`.
    pub mean_difference: Option<f64>,
    /// Mann-Whitney U of `a`'s respondent scores.
    pub u: Option<f64>,
    /// Two-sided p-value (normal approximation, tie and continuity corrections).
    pub p_value: Option<f64>,
    /// The p-value adjusted by Holm's method over every comparison of the run (see
    /// [`super::adjust`]): what "unlikely to be chance" is judged by.
    pub p_adjusted: Option<f64>,
    /// Rank-biserial correlation `2·U/(n_a·n_b) - 1`; positive when `a` scores higher.
    pub rank_biserial: Option<f64>,
    /// Respondents of `a` with a score.
    pub n_a: u64,
    /// Respondents of `b` with a score.
    pub n_b: u64,
    /// Whether `b` is not one group but the rest of the column, every other shown group of it
    /// pooled (`b` then reads "other than A", A being `a`'s value). A column with more than [`PAIRWISE_MAX_GROUPS`] shown groups in a domain compares
    /// each group with the rest (one test per group) instead of every pair. Left out of the JSON
    /// when false.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub versus_rest: bool,
}

/// The most shown groups of a column whose domain comparisons are every pair of them; above,
/// each group is compared with the rest of its column ([`Comparison::versus_rest`]), so that
/// the number of tests grows with the number of groups rather than with its square.
pub const PAIRWISE_MAX_GROUPS: usize = 8;

/// A red flag raised by the scores.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct RaisedFlag {
    /// The flag's id.
    pub id: String,
    /// The domain it belongs to.
    pub domain: String,
    /// What it means, in plain words.
    pub finding: String,
    /// The figure that raised it.
    pub value: f64,
    /// The question or domain id it looks at.
    pub subject: String,
    /// The figure compared.
    pub metric: FlagMetric,
    /// The threshold it was compared with.
    pub threshold: f64,
}

impl Assessment {
    /// The figure a flag's metric reads: a question's `mean` (reversed values) or `favorable`
    /// as a percent from 0 to 100; a domain's `percent` or `mean`. `None` without data (or for
    /// a metric that does not apply to the subject, or a subject not in the assessment).
    pub fn flag_value(&self, subject: &FlagSubject, metric: FlagMetric) -> Option<f64> {
        match subject {
            FlagSubject::Question { id } => {
                let question = self
                    .domains
                    .iter()
                    .flat_map(|d| &d.questions)
                    .find(|q| &q.id == id)?;
                match metric {
                    FlagMetric::Mean => question.mean,
                    FlagMetric::Favorable => question.favorable.map(|f| f * 100.0),
                    FlagMetric::Percent => None,
                }
            }
            FlagSubject::Domain { id } => {
                let domain = self.domains.iter().find(|d| &d.id == id)?;
                match metric {
                    FlagMetric::Percent => domain.stats.percent,
                    FlagMetric::Mean => domain.stats.mean,
                    FlagMetric::Favorable => None,
                }
            }
        }
    }

    /// The questionnaire's flags that these scores raise ([`crate::questionnaire::Flag::is_raised_by`]),
    /// in questionnaire order. A flag whose figure has no data is not raised.
    pub fn raised_flags(&self, q: &Questionnaire) -> Vec<RaisedFlag> {
        q.flags
            .iter()
            .filter_map(|flag| {
                let value = self.flag_value(&flag.subject, flag.metric)?;
                flag.is_raised_by(value).then(|| RaisedFlag {
                    id: flag.id.clone(),
                    domain: flag.domain.clone(),
                    finding: flag.finding.clone(),
                    value,
                    subject: match &flag.subject {
                        FlagSubject::Question { id } | FlagSubject::Domain { id } => id.clone(),
                    },
                    metric: flag.metric,
                    threshold: flag.threshold,
                })
            })
            .collect()
    }
}
