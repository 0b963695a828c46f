//! Scoring: survey responses to honest, anonymous statistics.
//!
//! Rows stream into a [`Scorer`] ([`Scorer::add`]), which keeps only counts and histograms, so
//! its memory does not grow with the number of respondents; [`Scorer::finish`] turns them into
//! an [`Assessment`], which [`export`] renders as JSON, CSV or a plain-text table.
//!
//! # Definitions
//!
//! Let `min` and `max` be the scale. A reversed question's raw answer `x` counts as
//! `min + max - x` (its *reversed value*); for other questions the reversed value is `x`.
//!
//! - **Rows**: `rows` counts every row handed to [`Scorer::add`]. A row whose answers are all
//!   missing is *skipped*: counted, and used for nothing else (not even to form a group). Every
//!   other row is *scored*, including a row whose only answers are "not applicable": it counts
//!   in `scored` and in the questions' `not_applicable` counts, but gives no domain score. A
//!   question's `missing` counts the scored rows that left it empty.
//! - **Respondent domain score**: the weighted mean of the reversed values of the respondent's
//!   answered (not missing, not N/A) questions of the domain, when they answered at least
//!   `ceil(k/2)` of its `k` questions (2 of 4, 3 of 5); otherwise no score for that domain.
//!   Scores are kept exactly: weights are read as the decimals the author wrote, and a score
//!   as a reduced fraction of integers (so equal scores tie exactly in the Mann-Whitney ranks).
//! - **Domain**: `n` respondents with a score; `mean`, `sd` (sample, `n - 1`), `ci95` (Student's
//!   t interval, not clamped to the scale), `percent = (mean - min) / (max - min) · 100`, `level`
//!   from [`Questionnaire::level_for`]; `alpha` is Cronbach's alpha over the `alpha_n`
//!   respondents who answered every question of the domain (unweighted reversed values, sample
//!   variances), null when `k < 2`, `alpha_n < 2` or the variance of the totals is 0.
//! - **Overall**: `percent` is the weight-averaged percent of the domains that have a score
//!   (`n > 0`); null when none has.
//! - **Question**: `n` answers on the scale, their `mean` and `sd` (reversed values), `missing`,
//!   `not_applicable`, `counts` of each raw answer value (every point of the scale, zeros
//!   included, in scale order), `favorable` (share from 0 to 1 of answers whose reversed value
//!   is one of the top two points of the scale) and `consensus` (Tastle and Wierman).
//! - **Groups**: for each group-by column, each value seen in a scored row forms a group; the
//!   value is trimmed and an empty value forms the group `"(blank)"`. Groups are listed in
//!   ascending (byte-wise) order of value. A column may have at most [`MAX_GROUP_VALUES`]
//!   distinct values: more means it identifies people (an id, a name, a free-text answer), which
//!   would defeat the anonymity rules, so [`Scorer::add`] refuses it.
//! - **Anonymity**, per domain and column: a group with fewer than `min_group_size` respondents
//!   with a score in the domain is suppressed (its value and `"suppressed": true`, nothing
//!   else). If the suppressed groups together hide at least one but fewer than `min_group_size`
//!   respondents, the smallest shown group is suppressed too (of equal sizes, the last in order
//!   of value), so that no hidden group can be worked out from the domain's figures and the
//!   shown groups'. (Suppressed groups that hide nobody, because nobody in them has a score in
//!   the domain, reveal nothing and do not trigger it.)
//! - **Comparisons** (perception gaps): for each domain, each group-by column and each pair of
//!   shown groups `a < b` in order of value: `mean_difference = mean_a - mean_b`, the
//!   Mann-Whitney `u` of group `a`'s respondent domain scores, its two-sided `p_value` (normal
//!   approximation with tie and continuity corrections, as scipy's `mannwhitneyu(...,
//!   method='asymptotic')`) and the `rank_biserial` correlation `2·U_a/(n_a·n_b) - 1`
//!   (positive when `a` scores higher). See [`stats`].
//! - Every figure is null, never NaN, when the data are too thin for it. JSON numbers are not
//!   rounded; only the table rounds for display.
//!
//! # Memory
//!
//! The scorer keeps per question a count per scale point; per domain the distinct raw
//! respondent scores seen (each given a slot number), a count per slot and the integer sums for
//! Cronbach's alpha; and per group-by column and value (at most [`MAX_GROUP_VALUES`]) a count
//! per slot and domain. The number of slots is bounded by the questionnaire, not by the number
//! of respondents: with equal weights a domain of `k` questions on a scale of `p` points has
//! fewer than `k² · p` of them. Adding a row does no division and no tree search (a hash
//! lookup per domain and group column); histograms ordered by exact score are built once, by
//! [`Scorer::finish`].

pub mod adjust;
mod assessment;
pub mod export;
mod score;
pub mod stats;
#[cfg(test)]
mod tests;

pub use assessment::*;

use crate::questionnaire::Questionnaire;
use crate::responses::{Answer, Row};
use score::{DomainWeights, FastHash, RawScore, ScoreKey};
use std::cmp::Reverse;
use std::collections::{BTreeMap, HashMap};

/// The most distinct values a group-by column may have.
pub const MAX_GROUP_VALUES: usize = 1000;

/// The group formed by the rows whose group-by cell is empty.
pub const BLANK_GROUP: &str = "(blank)";

/// The default smallest group shown (`--min-group-size`).
pub const DEFAULT_MIN_GROUP_SIZE: usize = 5;

/// The lowest minimum group size a run may ask for: in a group of two, each member can work out
/// the other's answers from the group's figures.
pub const LOWEST_MIN_GROUP_SIZE: usize = 3;

/// What the response reader counted beyond the rows themselves.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct InputCounts {
    /// Cells that were not valid answers and were read as missing (`--skip-invalid`).
    pub invalid_cells: u64,
    /// Warnings to show with the results.
    pub warnings: Vec<String>,
}

/// Why a row cannot be scored.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ScoreError {
    /// A group-by column has too many distinct values to be a category.
    #[error(
        "the group-by column '{column}' has more than {limit} distinct values: it looks like an \
         identifier or free text, and grouping by it would single people out; group by a \
         column of a few categories, such as role or department"
    )]
    TooManyGroupValues {
        /// The column's header.
        column: String,
        /// The limit, [`MAX_GROUP_VALUES`].
        limit: usize,
    },
}

/// A histogram of respondent domain scores: score to count.
type Histogram = BTreeMap<ScoreKey, u64>;

/// One answer cell as the scorer reads it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Cell {
    /// Empty, or a value off the scale (counted as invalid).
    Missing,
    /// Not applicable.
    NotApplicable,
    /// The raw answer's offset from `min`, `0..=max - min`.
    Value(u32),
}

/// Sums over the respondents who answered every question of a domain, for Cronbach's alpha.
/// Values are shifted reversed values (`0..=max - min`); variances do not depend on the shift.
#[derive(Debug, Clone)]
struct AlphaSums {
    n: u64,
    item_sum: Vec<u128>,
    item_squares: Vec<u128>,
    total_sum: u128,
    total_squares: u128,
}

/// The accumulators of one domain.
#[derive(Debug, Clone)]
struct DomainAcc {
    /// Index of the domain's first question in [`Questionnaire::questions`] order.
    first: usize,
    /// Number of questions.
    k: usize,
    weights: DomainWeights,
    /// Slot number of each distinct raw score seen, and the raw score of each slot.
    slots: HashMap<RawScore, usize, FastHash>,
    raws: Vec<RawScore>,
    /// Respondents per slot.
    counts: Vec<u64>,
    alpha: AlphaSums,
}

impl DomainAcc {
    /// The histogram of slot counts (the domain's own or a group's), by exact score.
    fn histogram(&self, counts: &[u64]) -> Histogram {
        let mut histogram = Histogram::new();
        for (&raw, &count) in self.raws.iter().zip(counts) {
            if count > 0 {
                *histogram.entry(self.weights.key(raw)).or_insert(0) += count;
            }
        }
        histogram
    }
}

/// The accumulators of one question.
#[derive(Debug, Clone)]
struct QuestionAcc {
    /// Answers per raw value, indexed by `value - min`.
    counts: Vec<u64>,
    missing: u64,
    not_applicable: u64,
}

/// One group: its respondents per score slot, per domain.
#[derive(Debug, Clone)]
struct GroupAcc {
    value: String,
    counts: Vec<Vec<u64>>,
}

/// The groups of one group-by column, in order of first appearance, with an index by value.
#[derive(Debug, Clone)]
struct GroupColumn {
    name: String,
    index: HashMap<String, usize, FastHash>,
    groups: Vec<GroupAcc>,
}

/// Streams response rows into counts and histograms; see the [module documentation](self) for
/// the definitions.
#[derive(Debug, Clone)]
pub struct Scorer {
    questionnaire: Questionnaire,
    /// Whether each question (in questionnaire order) is reversed.
    reversed: Vec<bool>,
    domains: Vec<DomainAcc>,
    questions: Vec<QuestionAcc>,
    columns: Vec<GroupColumn>,
    rows: u64,
    scored: u64,
    skipped: u64,
    off_scale: u64,
    /// Per-row scratch: the cells, and the shifted reversed values of answered questions.
    cells: Vec<Cell>,
    values: Vec<Option<u64>>,
    /// Per-row scratch: the row's score slot per domain.
    slots: Vec<Option<usize>>,
}

impl Scorer {
    /// A scorer for a questionnaire, grouping by the given columns (whose values each row
    /// gives in [`Row::groups`], in this order).
    pub fn new(q: &Questionnaire, group_by: &[String]) -> Scorer {
        let span = q.scale.max.abs_diff(q.scale.min);
        let mut first = 0;
        let domains = q
            .domains
            .iter()
            .map(|d| {
                let k = d.questions.len();
                let weights: Vec<f64> = d.questions.iter().map(|q| q.weight).collect();
                let acc = DomainAcc {
                    first,
                    k,
                    weights: DomainWeights::new(&weights, u64::from(span)),
                    slots: HashMap::default(),
                    raws: Vec::new(),
                    counts: Vec::new(),
                    alpha: AlphaSums {
                        n: 0,
                        item_sum: vec![0; k],
                        item_squares: vec![0; k],
                        total_sum: 0,
                        total_squares: 0,
                    },
                };
                first += k;
                acc
            })
            .collect();
        let count = q.question_count();
        Scorer {
            questionnaire: q.clone(),
            reversed: q
                .questions()
                .map(|(_, question)| question.reverse)
                .collect(),
            domains,
            questions: vec![
                QuestionAcc {
                    counts: vec![0; q.scale.points()],
                    missing: 0,
                    not_applicable: 0,
                };
                count
            ],
            columns: group_by
                .iter()
                .map(|name| GroupColumn {
                    name: name.clone(),
                    index: HashMap::default(),
                    groups: Vec::new(),
                })
                .collect(),
            rows: 0,
            scored: 0,
            skipped: 0,
            off_scale: 0,
            cells: vec![Cell::Missing; count],
            values: vec![None; count],
            slots: vec![None; q.domains.len()],
        }
    }

    /// Add one respondent's row.
    ///
    /// Answers are taken in [`Questionnaire::questions`] order; a row with fewer answers than
    /// questions leaves the rest missing, and extra answers are ignored. A value off the scale
    /// (which the reader never hands over) is read as missing and counted as an invalid cell.
    /// A row with fewer group values than group-by columns has blank values for the rest.
    ///
    /// Fails, leaving the scorer as it was, when the row's value of a group-by column would be
    /// that column's [`MAX_GROUP_VALUES`]`+1`-th distinct value.
    pub fn add(&mut self, row: &Row) -> Result<(), ScoreError> {
        let (min, max) = (self.questionnaire.scale.min, self.questionnaire.scale.max);
        let span = u64::from(max.abs_diff(min));
        let mut answered = false;
        let mut off_scale = 0;
        for (i, cell) in self.cells.iter_mut().enumerate() {
            let answer = row.answers.get(i).copied().unwrap_or(Answer::Missing);
            (*cell, self.values[i]) = match answer {
                Answer::Value(x) if (min..=max).contains(&x) => {
                    answered = true;
                    let offset = x.abs_diff(min);
                    let y = u64::from(offset);
                    let y = if self.reversed[i] { span - y } else { y };
                    (Cell::Value(offset), Some(y))
                }
                Answer::Value(_) => {
                    off_scale += 1;
                    (Cell::Missing, None)
                }
                Answer::NotApplicable => {
                    answered = true;
                    (Cell::NotApplicable, None)
                }
                Answer::Missing => (Cell::Missing, None),
            };
        }
        if !answered {
            self.rows += 1;
            self.skipped += 1;
            self.off_scale += off_scale;
            return Ok(());
        }
        for (c, column) in self.columns.iter().enumerate() {
            let value = group_value(row, c);
            if column.groups.len() >= MAX_GROUP_VALUES && !column.index.contains_key(value) {
                return Err(ScoreError::TooManyGroupValues {
                    column: column.name.clone(),
                    limit: MAX_GROUP_VALUES,
                });
            }
        }
        self.rows += 1;
        self.scored += 1;
        self.off_scale += off_scale;

        for (acc, cell) in self.questions.iter_mut().zip(&self.cells) {
            match *cell {
                Cell::Missing => acc.missing += 1,
                Cell::NotApplicable => acc.not_applicable += 1,
                Cell::Value(offset) => {
                    if let Some(count) = acc.counts.get_mut(offset as usize) {
                        *count += 1;
                    }
                }
            }
        }

        for (d, domain) in self.domains.iter_mut().enumerate() {
            let values = self
                .values
                .get(domain.first..domain.first + domain.k)
                .unwrap_or(&[]);
            let answered = values.iter().filter(|v| v.is_some()).count();
            // At least ceil(k/2) answered: 2·answered >= k.
            let raw = if 2 * answered >= domain.k {
                domain.weights.raw_score(values)
            } else {
                None
            };
            self.slots[d] = raw.map(|raw| {
                let next = domain.raws.len();
                let slot = *domain.slots.entry(raw).or_insert(next);
                if slot == next {
                    domain.raws.push(raw);
                    domain.counts.push(0);
                }
                domain.counts[slot] += 1;
                slot
            });
            if answered == domain.k && domain.k > 0 {
                let alpha = &mut domain.alpha;
                alpha.n += 1;
                let mut total: u128 = 0;
                for (i, y) in values.iter().enumerate() {
                    let y = u128::from(y.unwrap_or(0));
                    alpha.item_sum[i] += y;
                    alpha.item_squares[i] += y * y;
                    total += y;
                }
                alpha.total_sum += total;
                alpha.total_squares += total * total;
            }
        }

        let domain_count = self.domains.len();
        for (c, column) in self.columns.iter_mut().enumerate() {
            let value = group_value(row, c);
            let g = match column.index.get(value) {
                Some(&g) => g,
                None => {
                    let g = column.groups.len();
                    column.index.insert(value.to_string(), g);
                    column.groups.push(GroupAcc {
                        value: value.to_string(),
                        counts: vec![Vec::new(); domain_count],
                    });
                    g
                }
            };
            let group = &mut column.groups[g];
            for (counts, slot) in group.counts.iter_mut().zip(&self.slots) {
                if let Some(slot) = *slot {
                    if counts.len() <= slot {
                        counts.resize(slot + 1, 0);
                    }
                    counts[slot] += 1;
                }
            }
        }
        Ok(())
    }

    /// The assessment: every statistic of the [module documentation](self), groups of fewer
    /// than `min_group_size` respondents suppressed, with the reader's counts added.
    pub fn finish(self, min_group_size: usize, input: InputCounts) -> Assessment {
        let q = &self.questionnaire;
        let scale = &q.scale;
        let min_group = u64::try_from(min_group_size).unwrap_or(u64::MAX);

        let mut domains = Vec::with_capacity(self.domains.len());
        let mut comparisons = Vec::new();
        for (d, (domain, acc)) in q.domains.iter().zip(&self.domains).enumerate() {
            let summary = GroupStats::of(q, &acc.histogram(&acc.counts));
            let questions = domain
                .questions
                .iter()
                .zip(self.questions.iter().skip(acc.first))
                .map(|(question, qa)| question_result(q, question, qa))
                .collect();

            let mut groups = Vec::new();
            for column in &self.columns {
                let mut members: Vec<(&String, Histogram)> = column
                    .groups
                    .iter()
                    .map(|g| {
                        let counts = g.counts.get(d).map_or(&[][..], Vec::as_slice);
                        (&g.value, acc.histogram(counts))
                    })
                    .collect();
                members.sort_by(|x, y| x.0.cmp(y.0));
                let sizes: Vec<u64> = members.iter().map(|(_, h)| h.values().sum()).collect();
                let hidden = suppressed_groups(&sizes, min_group);
                let mut shown: Vec<(&String, &Histogram, GroupStats)> = Vec::new();
                for ((value, histogram), hide) in members.iter().zip(hidden) {
                    let stats = if hide {
                        None
                    } else {
                        let s = GroupStats::of(q, histogram);
                        shown.push((value, histogram, s.clone()));
                        Some(s)
                    };
                    groups.push(GroupResult {
                        column: column.name.clone(),
                        value: (*value).clone(),
                        suppressed: hide,
                        stats,
                    });
                }
                for (i, (a, ha, sa)) in shown.iter().enumerate() {
                    for (b, hb, sb) in &shown[i + 1..] {
                        let test = stats::mann_whitney(ha, hb);
                        comparisons.push(Comparison {
                            domain: domain.id.clone(),
                            column: column.name.clone(),
                            a: (*a).clone(),
                            b: (*b).clone(),
                            n_a: sa.n,
                            n_b: sb.n,
                            mean_difference: sa.mean.zip(sb.mean).map(|(x, y)| x - y),
                            u: test.map(|t| t.u),
                            p_value: test.and_then(|t| t.p_value),
                            rank_biserial: test.map(|t| t.rank_biserial),
                        });
                    }
                }
            }

            let (alpha, alpha_n) = alpha(&acc.alpha);
            domains.push(DomainResult {
                id: domain.id.clone(),
                name: domain.name.clone(),
                weight: domain.weight,
                n: summary.n,
                mean: summary.mean,
                sd: summary.sd,
                ci95: summary.ci95,
                percent: summary.percent,
                level: summary.level,
                level_name: summary.level_name,
                alpha,
                alpha_n,
                questions,
                groups,
            });
        }

        let weighted: Vec<(f64, f64)> = domains
            .iter()
            .filter_map(|d| d.percent.map(|p| (d.weight, p)))
            .collect();
        let weight_sum: f64 = weighted.iter().map(|(w, _)| w).sum();
        let percent = (weight_sum > 0.0)
            .then(|| weighted.iter().map(|(w, p)| w * p).sum::<f64>() / weight_sum)
            .filter(|p| p.is_finite());
        let level = percent.map(|p| q.level_for(p));

        let mut warnings = input.warnings;
        if self.off_scale > 0 {
            warnings.push(format!(
                "{} answer(s) off the scale {}..{} were read as missing",
                self.off_scale, scale.min, scale.max
            ));
        }
        let mut assessment = Assessment {
            questionnaire: QuestionnaireInfo {
                id: q.id.clone(),
                title: q.title.clone(),
                version: q.version.clone(),
                scale_min: scale.min,
                scale_max: scale.max,
            },
            respondents: Respondents {
                rows: self.rows,
                scored: self.scored,
                skipped: self.skipped,
                invalid_cells: input.invalid_cells.saturating_add(self.off_scale),
            },
            overall: Overall {
                percent,
                level: level.map(|l| l.level),
                level_name: level.map(|l| l.name.clone()),
            },
            domains,
            comparisons,
            flags: Vec::new(),
            group_by: self.columns.iter().map(|c| c.name.clone()).collect(),
            min_group_size,
            warnings,
        };
        assessment.flags = assessment.raised_flags(q);
        assessment
    }
}

/// The row's value of group-by column `c`: trimmed, [`BLANK_GROUP`] when empty or absent.
fn group_value<'r>(row: &Row<'r>, c: usize) -> &'r str {
    match row.groups.get(c).map(|v| v.trim()) {
        Some(v) if !v.is_empty() => v,
        _ => BLANK_GROUP,
    }
}

/// Which groups of one column (sizes in order of value) are suppressed: those smaller than
/// `min`, and, when they hide from 1 to `min - 1` respondents in all, also the smallest shown
/// group (of equal sizes, the last).
fn suppressed_groups(sizes: &[u64], min: u64) -> Vec<bool> {
    let mut hide: Vec<bool> = sizes.iter().map(|&n| n < min).collect();
    let hidden: u64 = sizes
        .iter()
        .zip(&hide)
        .filter(|(_, h)| **h)
        .map(|(n, _)| n)
        .sum();
    if hidden > 0 && hidden < min {
        let smallest = (0..sizes.len())
            .filter(|&i| !hide[i])
            .min_by_key(|&i| (sizes[i], Reverse(i)));
        if let Some(i) = smallest {
            hide[i] = true;
        }
    }
    hide
}

impl GroupStats {
    /// The statistics of a histogram of shifted scores (`score - min`). They are computed on
    /// the shifted scale and moved back by `min` at the end, which keeps full precision on a
    /// scale far from 0; the percent is `(mean - min)/(max - min)*100` computed as
    /// `shifted mean/(max - min)*100`.
    /// The same figures serve a domain as a whole.
    fn of(q: &Questionnaire, histogram: &Histogram) -> GroupStats {
        let min = f64::from(q.scale.min);
        let span = f64::from(q.scale.max) - min;
        let hist: Vec<(f64, u64)> = histogram
            .iter()
            .map(|(key, &count)| (key.value(), count))
            .collect();
        let n = stats::count(&hist);
        let shifted_mean = stats::mean(&hist);
        let sd = stats::sd(&hist);
        let ci95 = shifted_mean
            .zip(sd)
            .and_then(|(m, s)| stats::ci95(n, m, s))
            .map(|[lo, hi]| [min + lo, min + hi]);
        let mean = shifted_mean.map(|m| min + m);
        let percent = shifted_mean
            .map(|m| m / span * 100.0)
            .filter(|p| p.is_finite());
        let level = percent.map(|p| q.level_for(p));
        GroupStats {
            n,
            mean,
            sd,
            ci95,
            percent,
            level: level.map(|l| l.level),
            level_name: level.map(|l| l.name.clone()),
        }
    }
}

/// Cronbach's alpha and the number of respondents it is computed over. The variances come
/// from exact integer sums: `var = (n·Σy² - (Σy)²) / (n(n - 1))`.
fn alpha(sums: &AlphaSums) -> (Option<f64>, u64) {
    let n = sums.n;
    let variance = |sum: u128, squares: u128| -> Option<f64> {
        let n128 = u128::from(n);
        let numerator = n128
            .checked_mul(squares)?
            .checked_sub(sum.checked_mul(sum)?)?;
        let denominator = n128.checked_mul(n128.checked_sub(1)?)?;
        (denominator > 0).then(|| numerator as f64 / denominator as f64)
    };
    let items: Option<Vec<f64>> = sums
        .item_sum
        .iter()
        .zip(&sums.item_squares)
        .map(|(&s, &sq)| variance(s, sq))
        .collect();
    let alpha = items
        .zip(variance(sums.total_sum, sums.total_squares))
        .and_then(|(items, total)| stats::cronbach_alpha(n, &items, total));
    (alpha, n)
}

/// The statistics of one question.
fn question_result(
    q: &Questionnaire,
    question: &crate::questionnaire::Question,
    acc: &QuestionAcc,
) -> QuestionResult {
    let scale = &q.scale;
    let raw_values = scale.min..=scale.max;
    let counts: Vec<(i32, u64)> = raw_values.zip(acc.counts.iter().copied()).collect();
    let reversed: Vec<(f64, u64)> = counts
        .iter()
        .map(|&(x, c)| {
            // min + max - x, in f64 so that no scale can overflow an i32.
            let v = if question.reverse {
                f64::from(scale.min) + f64::from(scale.max) - f64::from(x)
            } else {
                f64::from(x)
            };
            (v, c)
        })
        .collect();
    let n = stats::count(&reversed);
    let top_two = f64::from(scale.max) - 1.0;
    let favorable_count: u64 = reversed
        .iter()
        .filter(|&&(v, _)| v >= top_two)
        .map(|&(_, c)| c)
        .sum();
    QuestionResult {
        id: question.id.clone(),
        text: question.text.clone(),
        reverse: question.reverse,
        n,
        mean: stats::mean(&reversed),
        sd: stats::sd(&reversed),
        missing: acc.missing,
        not_applicable: acc.not_applicable,
        counts: AnswerCounts(counts),
        favorable: (n > 0).then(|| favorable_count as f64 / n as f64),
        consensus: stats::consensus(&reversed, f64::from(scale.min), f64::from(scale.max)),
    }
}
