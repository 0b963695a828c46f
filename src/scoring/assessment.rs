//! The assessment: what scoring produces, serialised as the JSON contract (keys in the order of
//! the scoring issue, extra keys after them).

use crate::questionnaire::{FlagMetric, FlagSubject, Questionnaire};
use serde::Serialize;
use serde::ser::SerializeMap;

/// Scores of one questionnaire's survey: the machine interface read by the roadmap and the
/// reports.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Assessment {
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
}

/// The questionnaire an assessment scores.
#[derive(Debug, Clone, Serialize, PartialEq)]
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
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
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
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Overall {
    /// Weight-averaged percent of the domains that have a score; null when none has.
    pub percent: Option<f64>,
    /// The level that percent reaches.
    pub level: Option<u32>,
    /// That level's name.
    pub level_name: Option<String>,
}

/// The statistics of one domain.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct DomainResult {
    /// Domain id.
    pub id: String,
    /// Domain name.
    pub name: String,
    /// Weight in the overall percent.
    pub weight: f64,
    /// Respondents with a score for the domain.
    pub n: u64,
    /// Mean respondent score, on the scale.
    pub mean: Option<f64>,
    /// Sample standard deviation of the respondent scores.
    pub sd: Option<f64>,
    /// 95% Student's t confidence interval of the mean, `[low, high]`, not clamped to the scale.
    pub ci95: Option<[f64; 2]>,
    /// The mean as a percent of the scale's range.
    pub percent: Option<f64>,
    /// The level that percent reaches.
    pub level: Option<u32>,
    /// That level's name.
    pub level_name: Option<String>,
    /// Cronbach's alpha of the domain's questions.
    pub alpha: Option<f64>,
    /// Respondents who answered every question of the domain (alpha's sample).
    pub alpha_n: u64,
    /// The domain's questions, in questionnaire order.
    pub questions: Vec<QuestionResult>,
    /// Per group-by column (in the order asked for), its groups in order of value.
    pub groups: Vec<GroupResult>,
}

/// The statistics of one question.
#[derive(Debug, Clone, Serialize, PartialEq)]
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
    /// Share (0 to 1) of answers whose reversed value is in the top two points of the scale.
    pub favorable: Option<f64>,
    /// Tastle and Wierman's consensus of the answers, 0 to 1.
    pub consensus: Option<f64>,
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

/// One group of a group-by column in one domain.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct GroupResult {
    /// The group-by column.
    pub column: String,
    /// The group's value (`(blank)` for empty cells).
    pub value: String,
    /// True when the group is too small to show (or hides another small group).
    pub suppressed: bool,
    /// The statistics, absent when suppressed.
    #[serde(flatten)]
    pub stats: Option<GroupStats>,
}

/// The statistics of a shown group.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct GroupStats {
    /// Respondents of the group with a score for the domain.
    pub n: u64,
    /// Their mean score.
    pub mean: Option<f64>,
    /// Its sample standard deviation.
    pub sd: Option<f64>,
    /// 95% Student's t confidence interval of the mean.
    pub ci95: Option<[f64; 2]>,
    /// The mean as a percent of the scale's range.
    pub percent: Option<f64>,
    /// The level that percent reaches.
    pub level: Option<u32>,
    /// That level's name.
    pub level_name: Option<String>,
}

/// A perception gap: two shown groups of one column compared on one domain.
#[derive(Debug, Clone, Serialize, PartialEq)]
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
    /// Rank-biserial correlation `2·U/(n_a·n_b) - 1`; positive when `a` scores higher.
    pub rank_biserial: Option<f64>,
    /// Respondents of `a` with a score.
    pub n_a: u64,
    /// Respondents of `b` with a score.
    pub n_b: u64,
}

/// A red flag raised by the scores.
#[derive(Debug, Clone, Serialize, PartialEq)]
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
                    FlagMetric::Percent => domain.percent,
                    FlagMetric::Mean => domain.mean,
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
