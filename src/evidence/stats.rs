//! The few statistics the records need: a share with its count and base, and the median and
//! 90th percentile of durations. Percentiles interpolate linearly between the two nearest
//! ranks (Hyndman & Fan's definition 7, the one spreadsheets' `PERCENTILE.INC` and numpy's
//! default use): for sorted `x` of length `n`, the `p` quantile is read at position
//! `h = (n - 1)·p`, `x[⌊h⌋] + (h - ⌊h⌋)·(x[⌊h⌋ + 1] - x[⌊h⌋])`.

use serde::{Deserialize, Serialize};

/// A share: `count` of `n`. With `n` zero there is no share (`value` is null, never zero).
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct Share {
    /// `count / n`, from 0 to 1; null without data.
    pub value: Option<f64>,
    /// The records counted.
    pub count: u64,
    /// The records it is a share of.
    pub n: u64,
}

impl Share {
    /// `count` of `n`.
    pub fn of(count: u64, n: u64) -> Share {
        Share {
            value: (n > 0).then(|| count as f64 / n as f64),
            count,
            n,
        }
    }

    /// The share of `items` for which `test` holds.
    pub fn count<T>(items: impl IntoIterator<Item = T>, test: impl Fn(&T) -> bool) -> Share {
        let (mut count, mut n) = (0, 0);
        for item in items {
            n += 1;
            if test(&item) {
                count += 1;
            }
        }
        Share::of(count, n)
    }
}

/// The median and 90th percentile of some durations, with how many there were.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct Spread {
    /// The median; null without data.
    pub median: Option<f64>,
    /// The 90th percentile; null without data.
    pub p90: Option<f64>,
    /// How many durations.
    pub n: u64,
}

impl Spread {
    /// The spread of `values` (in any order).
    pub fn of(mut values: Vec<f64>) -> Spread {
        values.sort_by(f64::total_cmp);
        Spread {
            median: quantile(&values, 0.5),
            p90: quantile(&values, 0.9),
            n: values.len() as u64,
        }
    }
}

/// The `p` quantile of sorted values (see the module doc); `None` for no values.
pub fn quantile(sorted: &[f64], p: f64) -> Option<f64> {
    let last = sorted.len().checked_sub(1)?;
    let h = last as f64 * p;
    let low = h.floor() as usize;
    let high = (low + 1).min(last);
    Some(sorted[low] + (h - low as f64) * (sorted[high] - sorted[low]))
}

/// Hours from `from` to `to`; `None` when either is missing or `to` comes first.
pub(crate) fn hours(
    from: Option<jiff::civil::DateTime>,
    to: Option<jiff::civil::DateTime>,
) -> Option<f64> {
    let h = from?.duration_until(to?).as_secs_f64() / 3600.0;
    (h >= 0.0).then_some(h)
}
