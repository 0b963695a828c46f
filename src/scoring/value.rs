//! Respondent domain scores as written to the JSON: exact values and their distributions.
//!
//! A [`Distribution`] maps each respondent domain score that occurs to the number of
//! respondents with that score. It is what a later comparison (two waves of the same survey)
//! needs: the Mann-Whitney test ([`crate::scoring::stats::mann_whitney`]) runs on two
//! distributions read back from two `scores.json` files, with exactly the ranks and ties it
//! would have had on the respondents' rows.
//!
//! # Encoding
//!
//! A distribution is a JSON object whose keys are scores on the questionnaire's scale, in
//! ascending order, and whose values are counts: `{"2": 1, "7/2": 2, "17/4": 1}`. A key is
//! written in one of two forms:
//!
//! - **an exact fraction** `p/q` in lowest terms (`q > 1`, `p` may be negative on a scale that
//!   is), or an integer `p`: the normal case, where the question weights are decimals that
//!   scale to 64-bit integers (see the score module): `"7/2"` is three and a half;
//! - **a decimal with a point**, such as `"2.9999999999999996"` or `"3.0"`: only for the
//!   approximate scores of a domain whose weights span too many orders of magnitude to be made
//!   integers. The decimal is the exact value of the score the scorer computed in floating
//!   point: its whole part plus the shortest decimal that reads back as the same `f64` fraction,
//!   so reading the key gives back the identical score.
//!
//! Both forms are exact, so equal scores are equal keys and the order of the keys is the order
//! of the scores. A distribution has at most one entry per distinct score the scorer saw in its
//! domain; a domain with too many of them gives one entry per bin instead, keyed by the bin's
//! midpoint (an exact fraction).

use serde::de::{self, Visitor};
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::cmp::Ordering;
use std::collections::BTreeMap;
use std::fmt;
use std::str::FromStr;

/// Respondents per respondent domain score, in ascending order of score.
pub type Distribution = BTreeMap<ScoreValue, u64>;

/// A respondent domain score on the questionnaire's scale, kept exactly: its whole part
/// (rounded down) and its fraction, from 0 up to 1.
#[derive(Debug, Clone, Copy)]
pub struct ScoreValue {
    whole: i64,
    fraction: Fraction,
}

/// The fractional part of a score.
#[derive(Debug, Clone, Copy)]
enum Fraction {
    /// `num / den` in lowest terms, `0 <= num < den` (`0/1` for a whole score).
    Exact { num: u64, den: u64 },
    /// A floating-point fraction, `0 <= f < 1` (approximate scores).
    Approx(f64),
}

/// Why a text is not a score.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("'{0}' is not a score: expected an integer, a fraction such as 7/2 or a decimal")]
pub struct ParseScoreError(String);

/// The greatest common divisor (`gcd(0, b) = b`).
pub(crate) fn gcd(mut a: u64, mut b: u64) -> u64 {
    while b != 0 {
        (a, b) = (b, a % b);
    }
    a
}

impl ScoreValue {
    /// The score `min + num/den` (`den > 0`), from a fraction on the shifted scale.
    pub(crate) fn exact(min: i32, num: u64, den: u64) -> ScoreValue {
        let den = den.max(1);
        let rest = num % den;
        let g = gcd(rest, den).max(1);
        ScoreValue {
            whole: i64::from(min) + (num / den) as i64,
            fraction: Fraction::Exact {
                num: rest / g,
                den: den / g,
            },
        }
    }

    /// The score `min + shifted`, from a finite non-negative floating-point score on the
    /// shifted scale. The whole part is split off exactly, so no bit of `shifted` is lost.
    pub(crate) fn approximate(min: i32, shifted: f64) -> ScoreValue {
        let floor = shifted.floor();
        ScoreValue {
            whole: i64::from(min) + floor as i64,
            fraction: Fraction::Approx(shifted - floor),
        }
    }

    /// The score as the nearest `f64`.
    pub fn to_f64(self) -> f64 {
        self.whole as f64 + self.fraction_value()
    }

    /// The score minus `min`, as computed before the scale's minimum was added: for an exact
    /// score the fraction `(score - min)` correctly rounded, for an approximate one the very
    /// floating-point score. Keeping the statistics on the shifted scale keeps their precision
    /// on a scale far from 0.
    pub(crate) fn shifted(self, min: i32) -> f64 {
        let offset = i128::from(self.whole) - i128::from(min);
        match self.fraction {
            Fraction::Exact { num, den } => offset
                .checked_mul(i128::from(den))
                .and_then(|n| n.checked_add(i128::from(num)))
                .map_or(offset as f64 + num as f64 / den as f64, |n| {
                    n as f64 / den as f64
                }),
            Fraction::Approx(f) => offset as f64 + f,
        }
    }

    fn fraction_value(self) -> f64 {
        match self.fraction {
            Fraction::Exact { num, den } => num as f64 / den as f64,
            Fraction::Approx(f) => f,
        }
    }
}

impl Ord for ScoreValue {
    fn cmp(&self, other: &Self) -> Ordering {
        self.whole.cmp(&other.whole).then_with(|| {
            match (self.fraction, other.fraction) {
                (Fraction::Exact { num: a, den: b }, Fraction::Exact { num: c, den: d }) => {
                    (u128::from(a) * u128::from(d)).cmp(&(u128::from(c) * u128::from(b)))
                }
                (Fraction::Approx(a), Fraction::Approx(b)) => a.total_cmp(&b),
                // A domain uses one kind of score; across kinds the order only stays total.
                (Fraction::Exact { .. }, Fraction::Approx(b)) => {
                    self.fraction_value().total_cmp(&b).then(Ordering::Less)
                }
                (Fraction::Approx(a), Fraction::Exact { .. }) => {
                    a.total_cmp(&other.fraction_value()).then(Ordering::Greater)
                }
            }
        })
    }
}

impl PartialOrd for ScoreValue {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl PartialEq for ScoreValue {
    fn eq(&self, other: &Self) -> bool {
        self.cmp(other) == Ordering::Equal
    }
}

impl Eq for ScoreValue {}

/// `10^k - digits` for a string of `k` decimal digits, as `k` digits: the digits of `1 - 0.d`
/// when `0.d` is a decimal fraction. Applying it twice gives the digits back.
fn complement(digits: &str) -> String {
    let mut out: Vec<u8> = digits.bytes().collect();
    let mut borrow = 0;
    for d in out.iter_mut().rev() {
        let x = *d - b'0';
        // The first non-zero digit from the right is taken from 10, the rest from 9.
        let y = if borrow == 0 && x == 0 {
            0
        } else {
            let y = 10 - borrow - x;
            borrow = 1;
            y
        };
        *d = b'0' + y;
    }
    String::from_utf8(out).unwrap_or_default()
}

impl fmt::Display for ScoreValue {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.fraction {
            Fraction::Exact { num, den } => {
                let p = i128::from(self.whole) * i128::from(den) + i128::from(num);
                if den == 1 {
                    write!(f, "{p}")
                } else {
                    write!(f, "{p}/{den}")
                }
            }
            Fraction::Approx(x) => {
                // `{}` of an f64 in [0, 1) is "0" or "0.d...d", the shortest digits that read
                // back as the same f64, never an exponent.
                let text = x.to_string();
                let digits = text.strip_prefix("0.").unwrap_or("0");
                if self.whole >= 0 || digits == "0" {
                    write!(f, "{}.{digits}", self.whole)
                } else {
                    // whole + 0.d = -((-whole - 1) + (1 - 0.d)).
                    write!(f, "-{}.{}", -(self.whole + 1), complement(digits))
                }
            }
        }
    }
}

impl FromStr for ScoreValue {
    type Err = ParseScoreError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let bad = || ParseScoreError(s.to_string());
        if let Some((int, digits)) = s.split_once('.') {
            let (negative, int) = match int.strip_prefix('-') {
                Some(rest) => (true, rest),
                None => (false, int),
            };
            let all_digits = |t: &str| !t.is_empty() && t.bytes().all(|b| b.is_ascii_digit());
            if !all_digits(int) || !all_digits(digits) {
                return Err(bad());
            }
            let int: i64 = int.parse().map_err(|_| bad())?;
            let digits = digits.trim_end_matches('0');
            let (whole, digits) = match (negative, digits.is_empty()) {
                (_, true) => (if negative { -int } else { int }, "0".to_string()),
                (false, false) => (int, digits.to_string()),
                (true, false) => (-int - 1, complement(digits)),
            };
            let fraction: f64 = format!("0.{digits}").parse().map_err(|_| bad())?;
            return if fraction < 1.0 {
                Ok(ScoreValue {
                    whole,
                    fraction: Fraction::Approx(fraction),
                })
            } else {
                Err(bad())
            };
        }
        let (p, q) = s.split_once('/').unwrap_or((s, "1"));
        let p: i128 = p.parse().map_err(|_| bad())?;
        let q: u64 = q.parse().map_err(|_| bad())?;
        if q == 0 {
            return Err(bad());
        }
        let whole = i64::try_from(p.div_euclid(i128::from(q))).map_err(|_| bad())?;
        // 0 <= rest < q, so it fits a u64.
        let rest = p.rem_euclid(i128::from(q)) as u64;
        let g = gcd(rest, q).max(1);
        Ok(ScoreValue {
            whole,
            fraction: Fraction::Exact {
                num: rest / g,
                den: q / g,
            },
        })
    }
}

impl Serialize for ScoreValue {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for ScoreValue {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct ScoreVisitor;
        impl Visitor<'_> for ScoreVisitor {
            type Value = ScoreValue;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a score such as \"4\", \"7/2\" or \"2.75\"")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<ScoreValue, E> {
                v.parse().map_err(E::custom)
            }
        }
        deserializer.deserialize_str(ScoreVisitor)
    }
}
