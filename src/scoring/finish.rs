//! The end of scoring: the accumulated counts turned into an [`Assessment`], with the
//! disclosure audit deciding which groups each domain shows.

use super::audit::{Visibility, audit};
use super::{
    AlphaSums, AnswerCounts, Assessment, Comparison, Distribution, DomainAcc, DomainResult,
    GroupResult, GroupStats, InputCounts, Overall, PAIRWISE_MAX_GROUPS, QuestionAcc,
    QuestionResult, QuestionnaireInfo, Respondents, SCHEMA_VERSION, Scorer, SlotCounts, Sums,
    TooSmallGroups, WithheldGroup, WithholdReason, stats,
};
use crate::questionnaire::Questionnaire;

impl Scorer {
    /// The assessment: every statistic of the [module documentation](super), with the groups
    /// the disclosure audit does not let a domain show (fewer than `min_group_size`
    /// respondents, or withheld) suppressed, and the reader's counts added.
    pub fn finish(mut self, min_group_size: usize, input: InputCounts) -> Assessment {
        self.settle();
        let q = &self.questionnaire;
        let scale = &q.scale;
        let min_group = u64::try_from(min_group_size).unwrap_or(u64::MAX);

        let order = self.value_order();
        let combinations = self.ranked_combinations(&order);
        let mut domains = Vec::with_capacity(self.domains.len());
        let mut comparisons = Vec::new();
        for d in 0..self.domains.len() {
            let (domain, compared) = self.domain_result(d, &order, &combinations, min_group);
            domains.push(domain);
            comparisons.extend(compared);
        }
        // Holm's adjustment over the whole family: every comparison of the run.
        let p: Vec<Option<f64>> = comparisons.iter().map(|c: &Comparison| c.p_value).collect();
        for (c, adjusted) in comparisons.iter_mut().zip(super::adjust::holm(&p)) {
            c.p_adjusted = adjusted;
        }

        let percent = overall_percent(&domains);
        let level = percent.map(|p| q.level_for(p));

        let mut warnings = input.warnings;
        if self.off_scale > 0 {
            warnings.push(format!(
                "{} answer(s) off the scale {}..{} were read as missing",
                self.off_scale, scale.min, scale.max
            ));
        }
        let mut assessment = Assessment {
            schema_version: SCHEMA_VERSION,
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
            comments: Vec::new(),
            evidence: None,
        };
        assessment.flags = assessment.raised_flags(q);
        assessment
    }
}

impl Scorer {
    /// Per group-by column, the indices of its groups in ascending (byte-wise) order of value.
    fn value_order(&self) -> Vec<Vec<usize>> {
        self.columns
            .iter()
            .map(|column| {
                let mut order: Vec<usize> = (0..column.groups.len()).collect();
                order.sort_by(|&x, &y| column.groups[x].value.cmp(&column.groups[y].value));
                order
            })
            .collect()
    }

    /// Each combination seen, as the positions of its groups in `order` (one per column), with
    /// its number, in ascending order of positions.
    fn ranked_combinations(&self, order: &[Vec<usize>]) -> Vec<(Vec<u32>, usize)> {
        let ranks: Vec<Vec<u32>> = order
            .iter()
            .map(|order| {
                let mut rank = vec![0u32; order.len()];
                for (position, &g) in (0u32..).zip(order) {
                    rank[g] = position;
                }
                rank
            })
            .collect();
        let mut ranked: Vec<(Vec<u32>, usize)> = self
            .combinations
            .iter()
            .map(|(key, &k)| {
                let key = key
                    .iter()
                    .zip(&ranks)
                    .map(|(&g, rank)| rank[g as usize])
                    .collect();
                (key, k)
            })
            .collect();
        ranked.sort_unstable();
        ranked
    }

    /// Domain `d`'s result and its perception gaps: its statistics, its questions', and its
    /// groups' as far as the audit lets it show them.
    fn domain_result(
        &self,
        d: usize,
        order: &[Vec<usize>],
        combinations: &[(Vec<u32>, usize)],
        min_group: u64,
    ) -> (DomainResult, Vec<Comparison>) {
        let q = &self.questionnaire;
        let (domain, acc) = (&q.domains[d], &self.domains[d]);
        let domain_count = self.domains.len();
        let cells: Vec<(Vec<u32>, u64)> = combinations
            .iter()
            .filter_map(|(key, k)| {
                let n = self.combination_counts[k * domain_count + d];
                (n > 0).then(|| (key.clone(), n))
            })
            .collect();
        let sizes: Vec<usize> = order.iter().map(Vec::len).collect();
        let visibility = audit(&sizes, &cells, min_group);

        let mut groups = Vec::new();
        let mut withheld = Vec::new();
        let mut too_small = Vec::new();
        let mut comparisons = Vec::new();
        // The shown groups' sums, beside `groups`, once the domain is binned.
        let mut sums = Vec::new();
        for ((column, order), visibility) in self.columns.iter().zip(order).zip(&visibility) {
            let first = groups.len();
            let mut hidden = 0;
            for (&g, &seen) in order.iter().zip(visibility) {
                let group = &column.groups[g];
                let counts = group.counts.get(d);
                let seen = match seen {
                    Visibility::TooSmall if no_answers(counts, &group.counts, min_group) => {
                        Visibility::Shown
                    }
                    Visibility::TooSmall => {
                        hidden += 1;
                        continue;
                    }
                    seen => seen,
                };
                let shown = seen == Visibility::Shown;
                let group_sums = group.sums.get(d).filter(|_| shown && acc.binned.is_some());
                let stats = shown.then(|| acc.stats(q, slot_counts(counts), group_sums));
                sums.push(group_sums.copied());
                if seen == Visibility::Withheld {
                    withheld.push(WithheldGroup {
                        column: column.name.clone(),
                        value: group.value.clone(),
                        reason: WithholdReason::Secondary,
                    });
                }
                groups.push(GroupResult {
                    column: column.name.clone(),
                    value: group.value.clone(),
                    suppressed: seen != Visibility::Shown,
                    stats,
                    change: None,
                });
            }
            if hidden > 0 {
                too_small.push(TooSmallGroups {
                    column: column.name.clone(),
                    value: None,
                    groups: hidden,
                });
            }
            comparisons.extend(compare(
                Compared {
                    domain: &domain.id,
                    column: &column.name,
                    min: q.scale.min,
                    span: acc.span,
                },
                &groups[first..],
                &sums[first..],
            ));
        }

        let (alpha, alpha_n) = alpha(&acc.alpha);
        let result = DomainResult {
            id: domain.id.clone(),
            name: domain.name.clone(),
            weight: domain.weight,
            stats: acc.stats(q, acc.own_counts(), acc.binned.as_ref().map(|b| &b.sums)),
            distribution_bin_width: acc.binned.as_ref().map(|b| b.width(acc.span)),
            alpha,
            alpha_n,
            questions: domain
                .questions
                .iter()
                .zip(self.questions.iter().skip(acc.first))
                .map(|(question, qa)| question_result(q, question, qa))
                .collect(),
            groups,
            withheld,
            change: None,
            too_small,
        };
        (result, comparisons)
    }
}

/// Whether a group too small to show in a domain (`counts`, its respondents per score slot) is
/// in fact a group of which nobody answered the domain although it reaches `min_group` in
/// another (`all`, its counts in every domain): shown as such ("no answers", `n` 0) rather than
/// as suppressed, which would read as a privacy suppression. Its value is named elsewhere
/// already, and an empty total discloses nobody.
fn no_answers(counts: Option<&SlotCounts>, all: &[SlotCounts], min_group: u64) -> bool {
    slot_counts(counts).all(|(_, c)| c == 0) && all.iter().any(|domain| domain.total() >= min_group)
}

/// A group's respondents per slot in one domain (none when it has no entry for the domain).
fn slot_counts(counts: Option<&SlotCounts>) -> impl Iterator<Item = (usize, u64)> + '_ {
    counts
        .into_iter()
        .flat_map(SlotCounts::iter)
        .map(|(slot, count)| (slot as usize, count))
}

/// The weight-averaged percent of the domains that have one; `None` when none has (or no
/// weight is positive). The weights are first multiplied by the power of two that brings the
/// largest near 1, which changes no bit of the result (scaling by a power of two is exact,
/// short of weights so far apart that the smallest become subnormal) but keeps the sums finite
/// however large the weights.
fn overall_percent(domains: &[DomainResult]) -> Option<f64> {
    let weighted: Vec<(f64, f64)> = domains
        .iter()
        .filter_map(|d| d.stats.percent.map(|p| (d.weight, p)))
        .filter(|(w, _)| w.is_finite() && *w > 0.0)
        .collect();
    let largest = weighted.iter().map(|(w, _)| *w).fold(0.0_f64, f64::max);
    if largest <= 0.0 {
        return None;
    }
    // 2^-e with e the exponent of the largest weight (clamped to what powi keeps exact).
    let exponent = largest.log2().floor().clamp(-1000.0, 1000.0) as i32;
    let scale = 2.0_f64.powi(-exponent);
    let weight_sum: f64 = weighted.iter().map(|(w, _)| w * scale).sum();
    let total: f64 = weighted.iter().map(|(w, p)| w * scale * p).sum();
    Some(total / weight_sum).filter(|p| p.is_finite())
}

/// The domain and column a set of perception gaps is about, and its scale.
#[derive(Clone, Copy)]
struct Compared<'a> {
    domain: &'a str,
    column: &'a str,
    /// The scale's minimum, and its span `max - min`.
    min: i32,
    span: u64,
}

/// The perception gaps of one domain and column: with at most [`PAIRWISE_MAX_GROUPS`] shown
/// groups, every pair of them, `a` before `b` in order of value; with more, each group against
/// the rest of the column (the other shown groups pooled), in order of value. Only shown groups
/// enter the rest, so it discloses nothing that their own figures do not. `sums` holds, beside
/// each group, its exact sums when the domain is binned (the rest's mean comes from them).
fn compare(on: Compared<'_>, groups: &[GroupResult], sums: &[Option<Sums>]) -> Vec<Comparison> {
    let shown: Vec<(&String, &GroupStats, Option<&Sums>)> = groups
        .iter()
        .zip(sums)
        .filter_map(|(g, sums)| g.stats.as_ref().map(|s| (&g.value, s, sums.as_ref())))
        .filter(|(_, s, _)| s.n > 0)
        .collect();
    let gap =
        |a: &String, sa: &GroupStats, b: String, other: Other, versus_rest: bool| Comparison {
            domain: on.domain.to_string(),
            column: on.column.to_string(),
            a: a.clone(),
            b,
            n_a: sa.n,
            n_b: other.n,
            mean_difference: sa.mean.zip(other.mean).map(|(x, y)| x - y),
            u: other.test.map(|t| t.u),
            p_value: other.test.and_then(|t| t.p_value),
            p_adjusted: None,
            rank_biserial: other.test.map(|t| t.rank_biserial),
            versus_rest,
        };
    if shown.len() > PAIRWISE_MAX_GROUPS {
        // The column's total, once: each rest is the total less its group.
        let mut total = Distribution::new();
        let mut total_sums = Some(Sums::default());
        for (_, s, sums) in &shown {
            for (&value, &count) in &s.distribution {
                *total.entry(value).or_insert(0) += count;
            }
            total_sums = total_sums.zip(*sums).map(|(mut t, s)| {
                t.merge(s);
                t
            });
        }
        return shown
            .iter()
            .map(|&(a, sa, sums)| {
                let mut rest = versus_rest(&total, &sa.distribution, on.min);
                if let Some((total, own)) = total_sums.zip(sums) {
                    let (mean, _) = total.minus(own).moments(on.span);
                    rest.mean = mean.map(|m| f64::from(on.min) + m);
                }
                gap(a, sa, format!("other than {a}"), rest, true)
            })
            .collect();
    }
    let mut comparisons = Vec::new();
    for (i, &(a, sa, _)) in shown.iter().enumerate() {
        for &(b, sb, _) in &shown[i + 1..] {
            let other = Other {
                n: sb.n,
                mean: sb.mean,
                test: stats::mann_whitney(&sa.distribution, &sb.distribution),
            };
            comparisons.push(gap(a, sa, b.clone(), other, false));
        }
    }
    comparisons
}

/// What a comparison needs of the other side: its count, its mean and the test against it.
struct Other {
    n: u64,
    mean: Option<f64>,
    test: Option<stats::MannWhitney>,
}

/// The rest of a column (`total` less `group`, a part of it) as [`compare`] needs it, from one
/// walk over `total` and `group` in order of value, without building the rest: its count, its
/// mean (on the scale starting at `min`, from the rest's distribution in ascending order, as
/// [`GroupStats::of`] computes a mean) and the test of `group` against it.
fn versus_rest(total: &Distribution, group: &Distribution, min: i32) -> Other {
    let mut hist = Vec::with_capacity(total.len());
    let mut ties = Vec::with_capacity(total.len());
    let mut own = group.iter().peekable();
    for (value, &count) in total {
        let in_group = own.next_if(|(v, _)| *v == value).map_or(0, |(_, &c)| c);
        let rest = count.saturating_sub(in_group);
        if rest > 0 {
            hist.push((value.shifted(min), rest));
        }
        ties.push((in_group, rest));
    }
    Other {
        n: stats::count(&hist),
        mean: stats::mean(&hist).map(|m| f64::from(min) + m),
        test: stats::mann_whitney_ties(ties),
    }
}

impl DomainAcc {
    /// The statistics of the domain's own counts or a group's (per key, slot or bin): from the
    /// distribution while scores are exact; once binned, the mean, sd, interval and level from
    /// the exact `sums`, and only the distribution from the bins.
    fn stats(
        &self,
        q: &Questionnaire,
        counts: impl IntoIterator<Item = (usize, u64)>,
        sums: Option<&Sums>,
    ) -> GroupStats {
        let distribution = self.distribution(counts, q.scale.min);
        match sums.filter(|_| self.binned.is_some()) {
            Some(sums) => {
                let (mean, sd) = sums.moments(self.span);
                GroupStats::from_moments(q, sums.n, mean, sd, distribution)
            }
            None => GroupStats::of(q, distribution),
        }
    }
}

impl GroupStats {
    /// The statistics of a distribution of scores, which they keep. They are computed on the
    /// shifted scale (`score - min`) and moved back by `min` at the end, which keeps full
    /// precision on a scale far from 0; the percent is `(mean - min)/(max - min)*100` computed
    /// as `shifted mean/(max - min)*100`.
    /// The same figures serve a domain as a whole.
    fn of(q: &Questionnaire, distribution: Distribution) -> GroupStats {
        let hist: Vec<(f64, u64)> = distribution
            .iter()
            .map(|(value, &count)| (value.shifted(q.scale.min), count))
            .collect();
        let (n, shifted_mean, sd) = (stats::count(&hist), stats::mean(&hist), stats::sd(&hist));
        GroupStats::from_moments(q, n, shifted_mean, sd, distribution)
    }

    /// The statistics of `n` respondents of mean `shifted_mean` and sd `sd` on the shifted
    /// scale (`score - min`), whose scores (or bins) are `distribution`.
    fn from_moments(
        q: &Questionnaire,
        n: u64,
        shifted_mean: Option<f64>,
        sd: Option<f64>,
        distribution: Distribution,
    ) -> GroupStats {
        let min = f64::from(q.scale.min);
        let span = f64::from(q.scale.max) - min;
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
            distribution,
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
    let items: Option<Vec<f64>> = sums.items().map(|(s, sq)| variance(s, sq)).collect();
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
    // The top two points, and strictly above the midpoint: on a scale of 2 or 3 points, the
    // top one only. Whole numbers below 2^53, so the comparisons are exact.
    let top_two = f64::from(scale.max) - 1.0;
    let twice_midpoint = f64::from(scale.min) + f64::from(scale.max);
    let favorable_count: u64 = reversed
        .iter()
        .filter(|&&(v, _)| v >= top_two && 2.0 * v > twice_midpoint)
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
        change: None,
    }
}
