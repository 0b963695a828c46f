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
//!   (`n > 0`); null when none has. The weights are scaled by a power of two first (which
//!   changes no bit of the result short of weights 10^300 apart), so that no sum of weights
//!   overflows.
//! - **Question**: `n` answers on the scale, their `mean` and `sd` (reversed values), `missing`,
//!   `not_applicable`, `counts` of each raw answer value (every point of the scale, zeros
//!   included, in scale order), `favorable` (share from 0 to 1 of answers whose reversed value
//!   is one of the top two points of the scale and strictly above its midpoint `(min + max)/2`,
//!   so never the midpoint or below: on a scale of 2 or 3 points only the top point) and
//!   `consensus` (Tastle and Wierman).
//! - **Groups**: for each group-by column, each value seen in a scored row forms a group; the
//!   value is trimmed and an empty value forms the group `"(blank)"`. Groups are listed in
//!   ascending (byte-wise) order of value. A column may have at most [`MAX_GROUP_VALUES`]
//!   distinct values: more means it identifies people (an id, a name, a free-text answer), which
//!   would defeat the anonymity rules, so [`Scorer::add`] refuses it.
//! - **Anonymity**, per domain, over every group-by column at once: a group with fewer than
//!   `min_group_size` respondents with a score in the domain is suppressed (its value and
//!   `"suppressed": true`, nothing else). Then a disclosure audit (see `audit.rs`, and
//!   docs/statistics.md) withholds more groups until no set of 1 to `min_group_size - 1`
//!   respondents can be worked out by adding and subtracting what the domain and its shown
//!   groups show, in any column; a withheld group is suppressed too, and listed in the
//!   domain's `withheld` with `"reason": "secondary"`. With a single column this is the rule
//!   that when the suppressed groups hide from 1 to `min_group_size - 1` respondents, the
//!   smallest shown group (of equal sizes, the last in order of value) is withheld. Groups that
//!   hide nobody, because nobody in them has a score in the domain, reveal nothing. To bound the
//!   audit, the respondents may fall into at most [`MAX_GROUP_COMBINATIONS`] combinations of
//!   group values; [`Scorer::add`] refuses more.
//! - **Comparisons** (perception gaps): for each domain, each group-by column and each pair of
//!   shown groups `a < b` in order of value: `mean_difference = mean_a - mean_b`, the
//!   Mann-Whitney `u` of group `a`'s respondent domain scores, its two-sided `p_value` (normal
//!   approximation with tie and continuity corrections, as scipy's `mannwhitneyu(...,
//!   method='asymptotic')`) and the `rank_biserial` correlation `2·U_a/(n_a·n_b) - 1`
//!   (positive when `a` scores higher). See [`stats`].
//! - **Distribution**: the domain and each shown group also carry the `distribution` of their
//!   respondent domain scores (score to count, ascending), scores as exact fractions such as
//!   `"7/2"` (or, for approximate weights, decimals that read back as the identical score): see
//!   [`value`]. The comparisons above are computed from exactly these distributions, so a test
//!   between two surveys can run from two JSON files alone. A domain with too many distinct
//!   scores gives them in bins (`distribution_bin_width`), and only its rank tests use the bins.
//! - Every figure is null, never NaN, when the data are too thin for it. JSON numbers are not
//!   rounded (and read back to the same bits); only the table rounds for display.
//!
//! # Reading results back
//!
//! [`Assessment`] (like [`crate::roadmap::Plan`]) deserialises from the JSON it serialises to,
//! giving an equal value; both carry `"schema_version"` ([`SCHEMA_VERSION`]) as their first key.
//!
//! # Memory
//!
//! The scorer keeps per question a count per scale point; per domain the distinct raw
//! respondent scores seen (each given a slot number), a count per slot and the integer sums for
//! Cronbach's alpha; per group-by column and value (at most [`MAX_GROUP_VALUES`]) a count per
//! slot and domain; and per combination of group values seen (at most
//! [`MAX_GROUP_COMBINATIONS`]) a count per domain, for the disclosure audit. The number of
//! slots is bounded by the questionnaire, not by the number of respondents: with equal weights
//! a domain of `k` questions on a scale of `p` points has fewer than `k² · p` of them, and a
//! distribution has at most one entry per slot. Unequal weights can give nearly a slot per row:
//! a domain whose slots and its groups' together pass its share of a fixed budget turns to bins
//! of equal width (see `bins.rs` and docs/statistics.md), with exact sums for its mean and sd,
//! so that memory stays bounded for any number of rows. Adding a row to an exact domain does no
//! division and no tree search (see `add.rs`): per domain a table lookup for its score slot (a
//! hash lookup with large weights) and a group's count by array index for the slots most rows
//! have; per group column one comparison with the last row's group, then comparisons among a
//! handful of groups (a hash lookup among more) and, with more than one column, a hash lookup
//! for the combination. Distributions ordered by exact score are built once, by
//! [`Scorer::finish`].
//!
//! An input can also be scored in parts, each by its own [`Scorer::fork`], folded back in order
//! by [`Scorer::merge`] into exactly the single pass's result.

mod add;
pub mod adjust;
mod assessment;
mod audit;
mod bins;
mod counts;
pub mod export;
mod finish;
mod merge;
mod score;
pub mod stats;
#[cfg(test)]
mod tests;
pub mod value;

pub use assessment::*;
pub use value::{Distribution, ScoreValue};

use crate::questionnaire::Questionnaire;
use crate::responses::Answer;
use bins::{Binned, Sums};
use counts::SlotCounts;
use rustc_hash::FxHashMap;
use score::{DomainWeights, Parts, RawScore, Slots};

/// The most distinct values a group-by column may have.
pub const MAX_GROUP_VALUES: usize = 1000;

/// The group formed by the rows whose group-by cell is empty.
pub const BLANK_GROUP: &str = "(blank)";

/// The most combinations of values (one per group-by column) the scored rows may fall into:
/// the disclosure audit works on them. With one column a combination is a group, and
/// [`MAX_GROUP_VALUES`] is lower.
pub const MAX_GROUP_COMBINATIONS: usize = 5000;

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
    /// The group-by columns together take too many combinations of values for the disclosure
    /// audit.
    #[error(
        "the group-by columns {columns} together take more than {limit} combinations of values: \
         the check that no small group can be worked out from the figures shown handles at \
         most that many; group by fewer columns, or by columns of fewer values"
    )]
    TooManyCombinations {
        /// The columns' headers, quoted and joined.
        columns: String,
        /// The limit, [`MAX_GROUP_COMBINATIONS`].
        limit: usize,
    },
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
    /// Each question's value per answer code, `stride` codes a question (the scorer's table,
    /// [`Scorer::value_of_code`], for the domain's questions).
    values: Vec<u64>,
    stride: usize,
    /// The answers of these respondents since the last fold ([`AlphaSums::fold`]), per
    /// question and code: the scorer counts a row's answers here instead of in
    /// [`Scorer::tally`] when they answer the whole domain, and [`Scorer::settle`] adds them
    /// to the question counts and, made into sums, to `item_sum` and `item_squares`.
    pending: Vec<u32>,
}

impl AlphaSums {
    /// Sums for a domain whose questions have these values per answer code, `stride` codes a
    /// question, with no respondent yet.
    fn new(values: &[u64], stride: usize) -> Self {
        let k = values.len() / stride.max(1);
        AlphaSums {
            n: 0,
            item_sum: vec![0; k],
            item_squares: vec![0; k],
            total_sum: 0,
            total_squares: 0,
            values: values.to_vec(),
            stride,
            pending: vec![0; values.len()],
        }
    }

    /// Adds a respondent who answered every question of the domain, whose values sum to
    /// `total`, and whose answers the caller counts in [`AlphaSums::pending`].
    #[inline]
    fn add(&mut self, total: u64) {
        self.n += 1;
        let total = u128::from(total);
        self.total_sum += total;
        self.total_squares += total * total;
    }

    /// Each question's sum of values and sum of their squares.
    fn items(&self) -> impl Iterator<Item = (u128, u128)> + '_ {
        self.item_sum
            .iter()
            .zip(&self.item_squares)
            .zip(self.pending_items())
            .map(|((&sum, &squares), (y, y2))| (sum + y, squares + y2))
    }

    /// Each question's sum of values and of their squares over the pending counts.
    fn pending_items(&self) -> impl Iterator<Item = (u128, u128)> + '_ {
        let stride = self.stride.max(1);
        self.pending
            .chunks_exact(stride)
            .zip(self.values.chunks_exact(stride))
            .map(|(counts, values)| {
                counts
                    .iter()
                    .zip(values)
                    .filter(|&(&count, _)| count > 0)
                    .fold((0, 0), |(sum, squares), (&count, &y)| {
                        let (count, y) = (u128::from(count), u128::from(y));
                        (sum + count * y, squares + count * y * y)
                    })
            })
    }

    /// Adds the sums of a later part of the same input.
    fn merge(&mut self, later: &AlphaSums) {
        self.n += later.n;
        for ((sum, squares), (y, y2)) in self
            .item_sum
            .iter_mut()
            .zip(&mut self.item_squares)
            .zip(later.items())
        {
            *sum += y;
            *squares += y2;
        }
        self.total_sum += later.total_sum;
        self.total_squares += later.total_squares;
    }

    /// Moves the pending counts into the item sums.
    fn fold(&mut self) {
        let pending: Vec<(u128, u128)> = self.pending_items().collect();
        for ((sum, squares), (y, y2)) in self
            .item_sum
            .iter_mut()
            .zip(&mut self.item_squares)
            .zip(pending)
        {
            *sum += y;
            *squares += y2;
        }
        self.pending.fill(0);
    }
}

/// The accumulators of one domain.
#[derive(Debug, Clone)]
struct DomainAcc {
    /// Index of the domain's first question in [`Questionnaire::questions`] order.
    first: usize,
    /// Number of questions.
    k: usize,
    /// The domain's entries in [`Scorer::tally`] and [`Scorer::value_of_code`] (`first` and
    /// `k` times the codes a question, kept so that a row does not multiply them).
    cells_at: std::ops::Range<usize>,
    weights: DomainWeights,
    /// With exact weights, what each answer adds to the raw score, per question and code
    /// ([`DomainWeights::parts`]).
    parts: Parts,
    /// The scale's span, `max - min`.
    span: u64,
    /// Slot number of each distinct raw score seen, and the raw score of each slot (exact
    /// scores; emptied once binned).
    slots: Slots,
    raws: Vec<RawScore>,
    /// Respondents per slot.
    counts: Vec<u64>,
    /// The bins, once the domain has left exact scores (see `bins.rs`).
    binned: Option<Binned>,
    /// Cells kept: the domain's distinct keys (slots, or bins with respondents) and its
    /// groups' together.
    cells: usize,
    alpha: AlphaSums,
}

impl DomainAcc {
    /// The distribution of counts per key (the domain's own or a group's) on a scale starting
    /// at `min`: by exact score, or by bin midpoint once binned.
    fn distribution(
        &self,
        counts: impl IntoIterator<Item = (usize, u64)>,
        min: i32,
    ) -> Distribution {
        let mut distribution = Distribution::new();
        for (key, count) in counts.into_iter().filter(|&(_, count)| count > 0) {
            let value = match &self.binned {
                Some(binned) => binned.value(key, self.span, min),
                None => match self.raws.get(key) {
                    Some(&raw) => self.weights.key(raw, min),
                    None => continue,
                },
            };
            *distribution.entry(value).or_insert(0) += count;
        }
        distribution
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

/// One group: its respondents per score slot, per domain, for the slots it has respondents
/// in. Sparse, so that a group holds one entry per score its own respondents have rather than
/// one per score of the whole domain: the groups of a column hold at most one entry per scored
/// row and domain together, however many distinct scores unequal weights give.
#[derive(Debug, Clone)]
struct GroupAcc {
    value: String,
    counts: Vec<SlotCounts>,
    /// Per domain, the sums of the group's positions (kept once the domain is binned).
    sums: Vec<Sums>,
}

/// The groups of one group-by column, in order of first appearance, with an index by value.
#[derive(Debug, Clone)]
struct GroupColumn {
    name: String,
    index: FxHashMap<String, usize>,
    groups: Vec<GroupAcc>,
    /// The group of the last row counted (`usize::MAX` before any): most rows repeat the
    /// value of the row before, found then by one comparison instead of a hash.
    last: usize,
}

/// Streams response rows into counts and histograms; see the [module documentation](self) for
/// the definitions.
#[derive(Debug, Clone)]
pub struct Scorer {
    questionnaire: Questionnaire,
    domains: Vec<DomainAcc>,
    questions: Vec<QuestionAcc>,
    columns: Vec<GroupColumn>,
    /// Each combination of groups (their indices, one per column) seen in a scored row, with
    /// its number, and per combination and domain the respondents with a score.
    combinations: FxHashMap<Box<[u32]>, usize>,
    combination_counts: Vec<u64>,
    rows: u64,
    scored: u64,
    skipped: u64,
    off_scale: u64,
    /// Answers per question and code, `points + 2` entries a question, row after row, of the
    /// rows that leave a question of its domain unanswered (the others are counted in the
    /// domain's [`AlphaSums::pending`]): folded into [`Scorer::questions`] by
    /// [`Scorer::settle`], at the latest when [`Scorer::tallied`] reaches `u32::MAX` (so that
    /// no count overflows).
    tally: Vec<u32>,
    /// The rows counted in [`Scorer::tally`].
    tallied: u32,
    /// The code of a missing answer ([`Answer::code`](crate::responses::Answer::code)): the
    /// scale's number of points; not applicable's is the next.
    missing: u8,
    /// Per-row scratch: each question's code (a raw answer's offset from `min`, `0..=max -
    /// min`; then the code of a missing answer, or one off the scale; then not applicable), and
    /// for a domain with approximate weights, the shifted reversed values of its answered
    /// questions ([`score::NO_ANSWER`] for the others).
    codes: Vec<u8>,
    values: Vec<u64>,
    /// Per question and code, the shifted reversed value a code stands for
    /// ([`score::NO_ANSWER`] for the codes of missing, off-scale and not applicable answers).
    value_of_code: Vec<u64>,
    /// Per-row scratch: the row's score key (slot or bin) and position per domain, and its
    /// group in each column.
    slots: Vec<Option<usize>>,
    positions: Vec<u64>,
    combination: Vec<u32>,
    /// With one group-by column, the combination of each group (`u32::MAX` while not looked
    /// up): a row's combination by index instead of by hash.
    combination_of_group: Vec<u32>,
    /// Each domain's share of [`bins::CELL_BUDGET`] (see `bins.rs`).
    cell_budget: usize,
}

impl Scorer {
    /// A scorer for a questionnaire, grouping by the given columns (whose values each row
    /// gives in [`Row::groups`](crate::responses::Row::groups), in this order).
    pub fn new(q: &Questionnaire, group_by: &[String]) -> Scorer {
        let span = q.scale.max.abs_diff(q.scale.min);
        let value_of_code = value_of_code(q);
        let stride = q.scale.points() + 2;
        let mut first = 0;
        let domains = q
            .domains
            .iter()
            .map(|d| {
                let k = d.questions.len();
                let weights: Vec<f64> = d.questions.iter().map(|q| q.weight).collect();
                let weights = DomainWeights::new(&weights, u64::from(span));
                let values = value_of_code
                    .get(first * stride..(first + k) * stride)
                    .unwrap_or(&[]);
                let acc = DomainAcc {
                    first,
                    k,
                    cells_at: first * stride..(first + k) * stride,
                    parts: weights.parts(values, stride),
                    slots: Slots::new(&weights, u64::from(span)),
                    weights,
                    span: u64::from(span),
                    raws: Vec::new(),
                    counts: Vec::new(),
                    binned: None,
                    cells: 0,
                    alpha: AlphaSums::new(values, stride),
                };
                first += k;
                acc
            })
            .collect();
        let count = q.question_count();
        Scorer {
            questionnaire: q.clone(),
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
                    index: FxHashMap::default(),
                    groups: Vec::new(),
                    last: usize::MAX,
                })
                .collect(),
            rows: 0,
            scored: 0,
            skipped: 0,
            off_scale: 0,
            tally: vec![0; count * (q.scale.points() + 2)],
            tallied: 0,
            missing: Answer::Missing.code(&q.scale),
            codes: vec![0; count],
            values: vec![score::NO_ANSWER; count],
            value_of_code,
            slots: vec![None; q.domains.len()],
            positions: vec![0; q.domains.len()],
            combinations: FxHashMap::default(),
            combination_counts: Vec::new(),
            combination: Vec::with_capacity(group_by.len()),
            combination_of_group: Vec::new(),
            cell_budget: bins::CELL_BUDGET / q.domains.len().max(1),
        }
    }
}

/// [`Scorer::value_of_code`] for a questionnaire: per question, `points + 2` entries.
fn value_of_code(q: &Questionnaire) -> Vec<u64> {
    let points = q.scale.points();
    let span = points.saturating_sub(1) as u64;
    q.questions()
        .flat_map(|(_, question)| {
            (0..points + 2).map(move |code| {
                let y = code as u64;
                if code >= points {
                    score::NO_ANSWER
                } else if question.reverse {
                    span - y
                } else {
                    y
                }
            })
        })
        .collect()
}
