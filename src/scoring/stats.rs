//! Pure statistical functions of the scoring engine, computed from histograms (value and count)
//! so that they never need the individual observations.
//!
//! Every function returns `None` when the data are too thin for the statistic (or when the
//! result would not be a finite number): never NaN, never a panic.
//!
//! Sources of the formulas:
//! - Mean and sample standard deviation (divisor `n - 1`), and the 95% confidence interval of the
//!   mean by Student's t distribution: `mean ± t(0.975, n - 1) · sd / √n` (Student 1908). The t
//!   quantile comes from `statrs` ([`statrs::distribution::StudentsT`]) up to 1,000 degrees of
//!   freedom and from the Cornish-Fisher expansion above, where `statrs` loses accuracy (see
//!   [`t_quantile_975`]).
//! - Cronbach's alpha: `k / (k - 1) · (1 - Σ var_i / var_total)` with sample variances
//!   (Cronbach, L. J. (1951), "Coefficient alpha and the internal structure of tests",
//!   Psychometrika 16(3)).
//! - Consensus: `1 + Σ p_i · log2(1 - |X_i - μ| / (max - min))` (Tastle, W. J. & Wierman, M. J.
//!   (2007), "Consensus and dissention: A measure of ordinal dispersion", International Journal
//!   of Approximate Reasoning 45(3)).
//! - Mann-Whitney U (Mann, H. B. & Whitney, D. R. (1947), Annals of Mathematical Statistics
//!   18(1)) with midranks for ties, and its two-sided p-value by the normal approximation with
//!   the tie correction of the variance and a continuity correction of 0.5, exactly as
//!   `scipy.stats.mannwhitneyu(x, y, alternative='two-sided', method='asymptotic',
//!   use_continuity=True)`: `U` is the statistic of the first sample, `z = (max(U_a, U_b) -
//!   n_a·n_b/2 - 0.5) / σ` with `σ² = n_a·n_b/12 · ((n + 1) - Σ(t³ - t) / (n(n - 1)))`, and
//!   `p = min(1, 2·(1 - Φ(z)))`; Φ is the standard normal CDF from `statrs`.
//! - Rank-biserial correlation `2·U_a / (n_a·n_b) - 1` (Kerby, D. S. (2014), "The simple
//!   difference formula", Comprehensive Psychology 3; Wendt, H. W. (1972), European Journal of
//!   Social Psychology 2(4)): +1 when every observation of the first sample is above every one
//!   of the second.

use statrs::distribution::{ContinuousCDF, Normal, StudentsT};
use std::cmp::Ordering;
use std::collections::BTreeMap;

/// A sum of floating-point terms with Neumaier's compensation, so that long sums (a million
/// respondents) keep full precision. The result depends only on the order of the terms, which
/// callers keep deterministic (histograms in ascending order of value).
fn compensated_sum(terms: impl IntoIterator<Item = f64>) -> f64 {
    let mut sum = 0.0_f64;
    let mut compensation = 0.0_f64;
    for x in terms {
        let t = sum + x;
        if sum.abs() >= x.abs() {
            compensation += (sum - t) + x;
        } else {
            compensation += (x - t) + sum;
        }
        sum = t;
    }
    sum + compensation
}

/// Returns the value when it is a finite number.
fn finite(x: f64) -> Option<f64> {
    x.is_finite().then_some(x)
}

/// The number of observations in a histogram of `(value, count)` pairs.
pub fn count(hist: &[(f64, u64)]) -> u64 {
    hist.iter().map(|&(_, c)| c).sum()
}

/// The mean of a histogram of `(value, count)` pairs; `None` when it holds no observation or a
/// value is not finite.
pub fn mean(hist: &[(f64, u64)]) -> Option<f64> {
    let n = count(hist);
    if n == 0 {
        return None;
    }
    let total = compensated_sum(hist.iter().map(|&(v, c)| v * c as f64));
    finite(total / n as f64)
}

/// The sample standard deviation (divisor `n - 1`) of a histogram of `(value, count)` pairs,
/// computed in two passes around the mean; `None` when it holds fewer than two observations.
pub fn sd(hist: &[(f64, u64)]) -> Option<f64> {
    let n = count(hist);
    if n < 2 {
        return None;
    }
    let m = mean(hist)?;
    let squares = compensated_sum(hist.iter().map(|&(v, c)| {
        let d = v - m;
        d * d * c as f64
    }));
    finite((squares.max(0.0) / (n - 1) as f64).sqrt())
}

/// Degrees of freedom up to which the t quantile comes from `statrs`'s inverse CDF; above it,
/// from the Cornish-Fisher expansion (see [`t_quantile_975`]).
const T_EXACT_MAX_DF: u64 = 1000;

/// The 0.975 quantile of Student's t distribution with `df` degrees of freedom; `None` for
/// `df = 0`.
///
/// Up to 1,000 degrees of freedom it is `statrs`'s `StudentsT::inverse_cdf(0.975)` (within
/// 1e-12 of `scipy.stats.t.ppf` there). Above, `statrs` drifts (an error of 7e-6 at 100,000
/// degrees of freedom) and does not return at all at 1e9, so the quantile comes from the
/// Cornish-Fisher expansion around the normal quantile `z` (from `statrs`), Abramowitz & Stegun
/// (1964) 26.7.5: `t = z + g1/ν + g2/ν² + g3/ν³ + g4/ν⁴`, whose error above 1,000 degrees of
/// freedom is below 1e-15 (checked against `scipy.stats.t.ppf`).
pub fn t_quantile_975(df: u64) -> Option<f64> {
    if df == 0 {
        return None;
    }
    let q = if df <= T_EXACT_MAX_DF {
        StudentsT::new(0.0, 1.0, df as f64).ok()?.inverse_cdf(0.975)
    } else {
        let z = Normal::standard().inverse_cdf(0.975);
        let (z3, z5, z7, z9) = (z.powi(3), z.powi(5), z.powi(7), z.powi(9));
        let g1 = (z3 + z) / 4.0;
        let g2 = (5.0 * z5 + 16.0 * z3 + 3.0 * z) / 96.0;
        let g3 = (3.0 * z7 + 19.0 * z5 + 17.0 * z3 - 15.0 * z) / 384.0;
        let g4 = (79.0 * z9 + 776.0 * z7 + 1482.0 * z5 - 1920.0 * z3 - 945.0 * z) / 92160.0;
        let v = df as f64;
        z + g1 / v + g2 / (v * v) + g3 / v.powi(3) + g4 / v.powi(4)
    };
    finite(q).filter(|&q| q > 0.0)
}

/// The 95% confidence interval of a mean by Student's t distribution,
/// `mean ± t(0.975, n - 1) · sd / √n`, as `[low, high]`; `None` when `n < 2` or an input is not
/// finite. The interval is not clamped to the scale.
pub fn ci95(n: u64, mean: f64, sd: f64) -> Option<[f64; 2]> {
    if n < 2 || !mean.is_finite() || !sd.is_finite() || sd < 0.0 {
        return None;
    }
    let half = t_quantile_975(n - 1)? * sd / (n as f64).sqrt();
    Some([finite(mean - half)?, finite(mean + half)?])
}

/// Cronbach's alpha `k / (k - 1) · (1 - Σ var_i / var_total)` from the sample variances of the
/// `k = item_variances.len()` items and of the respondents' totals over `n` respondents;
/// `None` when `k < 2`, `n < 2`, the total variance is 0 (or not a finite positive number) or an
/// item variance is not finite.
pub fn cronbach_alpha(n: u64, item_variances: &[f64], total_variance: f64) -> Option<f64> {
    let k = item_variances.len();
    if k < 2 || n < 2 || !(total_variance.is_finite() && total_variance > 0.0) {
        return None;
    }
    if item_variances.iter().any(|v| !v.is_finite()) {
        return None;
    }
    let items = compensated_sum(item_variances.iter().copied());
    let k = k as f64;
    finite(k / (k - 1.0) * (1.0 - items / total_variance))
}

/// Tastle and Wierman's consensus `1 + Σ p_i · log2(1 - |X_i - μ| / (max - min))` of an answer
/// distribution given as `(value, count)` pairs on the scale `min..=max`: 1 when everyone gave
/// the same answer, 0 when answers split evenly between the two ends. `None` when there is no
/// answer or the scale is empty.
pub fn consensus(hist: &[(f64, u64)], min: f64, max: f64) -> Option<f64> {
    let width = max - min;
    if !(width.is_finite() && width > 0.0) {
        return None;
    }
    let n = count(hist);
    let mu = mean(hist)?;
    let terms = hist.iter().filter(|&&(_, c)| c > 0).map(|&(v, c)| {
        let p = c as f64 / n as f64;
        p * (1.0 - (v - mu).abs() / width).log2()
    });
    finite(1.0 + compensated_sum(terms))
}

/// The Mann-Whitney comparison of two samples.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct MannWhitney {
    /// The U statistic of the first sample: the number of pairs (a, b) with a > b, ties
    /// counting one half.
    pub u: f64,
    /// The two-sided p-value by the normal approximation with tie and continuity corrections;
    /// `None` when every observation ties (the approximation's variance is 0).
    pub p_value: Option<f64>,
    /// The rank-biserial correlation `2·U_a / (n_a·n_b) - 1`, from -1 to 1.
    pub rank_biserial: f64,
}

/// The Mann-Whitney U test of two samples given as histograms (value to count), with midranks
/// for ties; see the module documentation for the formulas. `None` when either sample is empty
/// (or in the unreachable case of a sum overflowing 128 bits).
pub fn mann_whitney<T: Ord>(a: &BTreeMap<T, u64>, b: &BTreeMap<T, u64>) -> Option<MannWhitney> {
    let mut ia = a.iter().peekable();
    let mut ib = b.iter().peekable();
    let ties = std::iter::from_fn(|| {
        let order = match (ia.peek(), ib.peek()) {
            (Some((va, _)), Some((vb, _))) => va.cmp(vb),
            (Some(_), None) => Ordering::Less,
            (None, Some(_)) => Ordering::Greater,
            (None, None) => return None,
        };
        let ca = if order != Ordering::Greater {
            ia.next().map_or(0, |(_, &c)| c)
        } else {
            0
        };
        let cb = if order != Ordering::Less {
            ib.next().map_or(0, |(_, &c)| c)
        } else {
            0
        };
        Some((ca, cb))
    });
    mann_whitney_ties(ties)
}

/// The Mann-Whitney U test from the tied values of the two samples pooled: per distinct value,
/// in ascending order, how many observations of the first and of the second sample take it.
/// Gives what [`mann_whitney`] gives on the two histograms; `None` when either sample is empty.
pub fn mann_whitney_ties(ties: impl IntoIterator<Item = (u64, u64)>) -> Option<MannWhitney> {
    // Observations below the current value; twice the rank sum of `a`; Σ(t³ - t) over ties.
    let (mut n_a, mut n_b): (u128, u128) = (0, 0);
    let mut below: u128 = 0;
    let mut twice_rank_sum_a: u128 = 0;
    let mut tie_term: u128 = 0;
    for (ca, cb) in ties {
        let (ca, cb) = (u128::from(ca), u128::from(cb));
        n_a += ca;
        n_b += cb;
        let t = ca + cb;
        // The tied observations share the midrank below + (t + 1) / 2.
        let twice_midrank = below.checked_mul(2)?.checked_add(t + 1)?;
        twice_rank_sum_a = twice_rank_sum_a.checked_add(ca.checked_mul(twice_midrank)?)?;
        tie_term = tie_term.checked_add(t.checked_pow(3)? - t)?;
        below += t;
    }
    if n_a == 0 || n_b == 0 {
        return None;
    }
    let twice_u_a = twice_rank_sum_a.checked_sub(n_a.checked_mul(n_a + 1)?)?;
    let u_a = twice_u_a as f64 / 2.0;
    let (na, nb) = (n_a as f64, n_b as f64);
    let n = na + nb;
    let u_b = na * nb - u_a;
    let variance = na * nb / 12.0 * ((n + 1.0) - tie_term as f64 / (n * (n - 1.0)));
    let p_value = if variance.is_finite() && variance > 0.0 {
        let z = (u_a.max(u_b) - na * nb / 2.0 - 0.5) / variance.sqrt();
        finite(2.0 * Normal::standard().sf(z)).map(|p| p.clamp(0.0, 1.0))
    } else {
        None
    };
    Some(MannWhitney {
        u: u_a,
        p_value,
        rank_biserial: finite(2.0 * u_a / (na * nb) - 1.0)?,
    })
}
