//! The end of scoring: the accumulated counts turned into an [`Assessment`].

use super::{
    AlphaSums, AnswerCounts, Assessment, Comparison, Distribution, DomainResult, GroupResult,
    GroupStats, InputCounts, Overall, QuestionAcc, QuestionResult, QuestionnaireInfo, Respondents,
    SCHEMA_VERSION, Scorer, stats,
};
use crate::questionnaire::Questionnaire;
use std::cmp::Reverse;

impl Scorer {
    /// The assessment: every statistic of the [module documentation](super), groups of fewer
    /// than `min_group_size` respondents suppressed, with the reader's counts added.
    pub fn finish(self, min_group_size: usize, input: InputCounts) -> Assessment {
        let q = &self.questionnaire;
        let scale = &q.scale;
        let min_group = u64::try_from(min_group_size).unwrap_or(u64::MAX);

        let mut domains = Vec::with_capacity(self.domains.len());
        let mut comparisons = Vec::new();
        for (d, (domain, acc)) in q.domains.iter().zip(&self.domains).enumerate() {
            let summary = GroupStats::of(q, acc.distribution(&acc.counts, scale.min));
            let questions = domain
                .questions
                .iter()
                .zip(self.questions.iter().skip(acc.first))
                .map(|(question, qa)| question_result(q, question, qa))
                .collect();

            let mut groups = Vec::new();
            for column in &self.columns {
                let mut members: Vec<(&String, Distribution)> = column
                    .groups
                    .iter()
                    .map(|g| {
                        let counts = g.counts.get(d).map_or(&[][..], Vec::as_slice);
                        (&g.value, acc.distribution(counts, scale.min))
                    })
                    .collect();
                members.sort_by(|x, y| x.0.cmp(y.0));
                let sizes: Vec<u64> = members.iter().map(|(_, h)| h.values().sum()).collect();
                let hidden = suppressed_groups(&sizes, min_group);
                let mut shown: Vec<(&String, GroupStats)> = Vec::new();
                for ((value, distribution), hide) in members.into_iter().zip(hidden) {
                    let stats = if hide {
                        None
                    } else {
                        let s = GroupStats::of(q, distribution);
                        shown.push((value, s.clone()));
                        Some(s)
                    };
                    groups.push(GroupResult {
                        column: column.name.clone(),
                        value: (*value).clone(),
                        suppressed: hide,
                        stats,
                    });
                }
                for (i, (a, sa)) in shown.iter().enumerate() {
                    for (b, sb) in &shown[i + 1..] {
                        let test = stats::mann_whitney(&sa.distribution, &sb.distribution);
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
                stats: summary,
                alpha,
                alpha_n,
                questions,
                groups,
            });
        }

        let weighted: Vec<(f64, f64)> = domains
            .iter()
            .filter_map(|d| d.stats.percent.map(|p| (d.weight, p)))
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
        };
        assessment.flags = assessment.raised_flags(q);
        assessment
    }
}

/// Which groups of one column (sizes in order of value) are suppressed: those smaller than
/// `min`, and, when they hide from 1 to `min - 1` respondents in all, also the smallest shown
/// group (of equal sizes, the last).
pub(super) fn suppressed_groups(sizes: &[u64], min: u64) -> Vec<bool> {
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
    /// The statistics of a distribution of scores, which they keep. They are computed on the
    /// shifted scale (`score - min`) and moved back by `min` at the end, which keeps full
    /// precision on a scale far from 0; the percent is `(mean - min)/(max - min)*100` computed
    /// as `shifted mean/(max - min)*100`.
    /// The same figures serve a domain as a whole.
    fn of(q: &Questionnaire, distribution: Distribution) -> GroupStats {
        let min = f64::from(q.scale.min);
        let span = f64::from(q.scale.max) - min;
        let hist: Vec<(f64, u64)> = distribution
            .iter()
            .map(|(value, &count)| (value.shifted(q.scale.min), count))
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
