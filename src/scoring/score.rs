//! Respondent domain scores, computed exactly.
//!
//! A respondent's domain score is a weighted mean of integer answers, so it takes one of
//! finitely many values; the scorer keeps a histogram (value to count) of them instead of one
//! number per respondent. Its key, a [`ScoreValue`], must compare equal exactly when two scores
//! are equal, or ties (which the Mann-Whitney test ranks together) would depend on
//! floating-point rounding.
//!
//! Scores are computed on the shifted scale `score - min`, where every answer `y = x' - min`
//! (with `x'` the reversed value) is an integer from 0 to `max - min`, and moved onto the scale
//! when they become keys.
//!
//! - **Exact** (the normal case): each weight is read as the shortest decimal that gives back
//!   the same `f64` (the number the author wrote: `0.1` is one tenth, not
//!   0.1000000000000000055...), the weights of a domain are scaled to integers with the same
//!   ratios and divided by their greatest common divisor (weights 0.5, 1, 1.5 become 1, 2, 3),
//!   and a score is the reduced fraction `Σ W_i·y_i / Σ W_i` of two `u64`; the construction
//!   checks that `Σ W_i · (max - min)` fits a `u64`, so no sum overflows.
//! - **Approximate** (weights whose decimals span so many orders of magnitude that the integers
//!   would not fit 64 bits, e.g. `1e-20` beside `1`): the score is computed in `f64` in
//!   questionnaire order with the weights divided by the largest answered weight (so that no
//!   sum overflows or vanishes), and the key is that `f64` (always finite, in `0..=max - min`).
//!   Equal answer patterns give bit-identical keys; different patterns whose exact scores are
//!   equal may differ in the last bit.
//!
//! While rows stream in, a score is first a [`RawScore`] (the unreduced fraction, or the
//! `f64`'s bits), which the scorer maps to a small slot number with a hash map, so that adding a
//! row costs no division and no tree search. [`DomainWeights::key`] turns a raw score into its
//! [`ScoreValue`] once per distinct raw score, when the scorer finishes.

use super::value::{ScoreValue, gcd};
use rustc_hash::FxHashMap;

/// A respondent's domain score as computed, before reduction: the fraction `num / den` of the
/// exact weights (not reduced), or, for approximate weights, the bits of the `f64` score in
/// `num` and 0 in `den`. Equal raw scores are equal scores; the converse holds only after
/// [`DomainWeights::key`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(crate) struct RawScore {
    num: u64,
    den: u64,
}

/// A positive finite `f64` as the shortest decimal that gives it back: `(digits, exponent)`
/// with `value = digits · 10^exponent`.
fn decimal(w: f64) -> Option<(u64, i32)> {
    if !(w.is_finite() && w > 0.0) {
        return None;
    }
    // `{:e}` prints the shortest round-trip digits, e.g. `1.5e0`, `1e-1`, `3.3333333333333335e-1`.
    let text = format!("{w:e}");
    let (mantissa, exponent) = text.split_once('e')?;
    let exponent: i32 = exponent.parse().ok()?;
    let (int_part, frac_part) = mantissa.split_once('.').unwrap_or((mantissa, ""));
    let digits: u64 = format!("{int_part}{frac_part}").parse().ok()?;
    let frac_len = i32::try_from(frac_part.len()).ok()?;
    Some((digits, exponent.checked_sub(frac_len)?))
}

/// Integer weights with the same ratios as the given decimal weights, reduced by their
/// greatest common divisor; `None` when they, their sum, or the sum times `span`, do not fit a
/// `u64`.
fn integer_weights(weights: &[f64], span: u64) -> Option<Vec<u64>> {
    let decimals: Vec<(u64, i32)> = weights.iter().map(|&w| decimal(w)).collect::<Option<_>>()?;
    let lowest = decimals.iter().map(|&(_, e)| e).min()?;
    let mut ints = Vec::with_capacity(decimals.len());
    for (digits, exponent) in decimals {
        let shift = u32::try_from(exponent - lowest).ok()?;
        ints.push(digits.checked_mul(10u64.checked_pow(shift)?)?);
    }
    let common = ints.iter().fold(0, |g, &w| gcd(g, w));
    if common == 0 {
        return None;
    }
    for w in &mut ints {
        *w /= common;
    }
    let total = ints.iter().try_fold(0u64, |s, &w| s.checked_add(w))?;
    total.checked_mul(span)?;
    Some(ints)
}

/// How a domain turns answers into a score key.
#[derive(Debug, Clone)]
pub(crate) enum DomainWeights {
    /// Integer weights (see the module documentation).
    Exact(Vec<u64>),
    /// The question weights as given.
    Approx(Vec<f64>),
}

impl DomainWeights {
    /// The weights of a domain's questions on a scale spanning `span = max - min`.
    pub(crate) fn new(weights: &[f64], span: u64) -> DomainWeights {
        match integer_weights(weights, span) {
            Some(ints) => DomainWeights::Exact(ints),
            None => DomainWeights::Approx(weights.to_vec()),
        }
    }

    /// For exact weights, what one answer adds to a domain's sums, per question of the domain
    /// and answer code: `W·y`, `W` and `y` (for the unweighted total of Cronbach's alpha) for a
    /// code whose shifted reversed value is `y`, nothing for one of no answer. `values` holds
    /// per question `stride` codes' values, as the scorer's table of them does ([`NO_ANSWER`]
    /// for no answer). [`Parts::None`] for approximate weights.
    pub(crate) fn parts(&self, values: &[u64], stride: usize) -> Parts {
        let DomainWeights::Exact(weights) = self else {
            return Parts::None;
        };
        // Cannot overflow: Σ W_i · span fits a u64 and y <= span.
        let wide: Vec<[u64; 3]> = values
            .chunks_exact(stride)
            .zip(weights)
            .flat_map(|(values, &w)| {
                values.iter().map(move |&y| {
                    if y == NO_ANSWER {
                        [0; 3]
                    } else {
                        [w * y, w, y]
                    }
                })
            })
            .collect();
        // The largest sums a respondent can reach: every question answered at its largest part.
        let largest = |field: usize| -> u64 {
            wide.chunks_exact(stride)
                .map(|codes| codes.iter().map(|p| p[field]).max().unwrap_or(0))
                .sum()
        };
        let fits = largest(0) < 1 << PACKED_NUM_BITS
            && largest(1) < 1 << PACKED_DEN_BITS
            && largest(2) < 1 << PACKED_TOTAL_BITS;
        if fits {
            Parts::Packed(wide.iter().copied().map(pack).collect())
        } else {
            Parts::Wide(wide)
        }
    }

    /// The exact raw score of a respondent's answers from the sums of their parts
    /// ([`DomainWeights::parts`]), `Σ W·y` and `Σ W`: `None` when no question is answered.
    pub(crate) fn exact(num: u64, den: u64) -> Option<RawScore> {
        (den > 0).then_some(RawScore { num, den })
    }

    /// For approximate weights, the raw score of a respondent's answers: `None` when no
    /// question is answered, and for exact weights. `answers` holds one entry per question of
    /// the domain, in order: `y`, the shifted reversed value, for an answered question;
    /// [`NO_ANSWER`] for one not answered.
    pub(crate) fn approximate(&self, answers: &[u64]) -> Option<RawScore> {
        let DomainWeights::Approx(weights) = self else {
            return None;
        };
        let answered = || {
            weights
                .iter()
                .zip(answers)
                .filter(|&(_, &y)| y != NO_ANSWER)
                .map(|(&w, &y)| (w, y))
        };
        let largest = answered().map(|(w, _)| w).fold(0.0_f64, f64::max);
        if largest <= 0.0 {
            return None;
        }
        let (mut num, mut den) = (0.0_f64, 0.0_f64);
        for (w, y) in answered() {
            let w = w / largest;
            num += w * y as f64;
            den += w;
        }
        let v = num / den;
        v.is_finite().then_some(RawScore {
            num: v.to_bits(),
            den: 0,
        })
    }

    /// The score on the scale (`min` added) of a raw score ([`DomainWeights::exact`],
    /// [`DomainWeights::approximate`]):
    /// the reduced fraction, or the `f64`.
    pub(crate) fn key(&self, raw: RawScore, min: i32) -> ScoreValue {
        match self {
            DomainWeights::Exact(_) => ScoreValue::exact(min, raw.num, raw.den),
            DomainWeights::Approx(_) => ScoreValue::approximate(min, f64::from_bits(raw.num)),
        }
    }

    /// Where a raw score lies on the domain's range `0..=span`, as a fixed-point fraction of
    /// it: `floor(score / span · 2^POSITION_BITS)`, from 0 to `2^POSITION_BITS`. Exact
    /// (integer arithmetic) for exact weights; for approximate ones, from the `f64` score.
    pub(crate) fn position(&self, raw: RawScore, span: u64) -> u64 {
        let top = 1u64 << POSITION_BITS;
        let span = span.max(1);
        match self {
            DomainWeights::Exact(_) => {
                // num <= den · span, both below 2^64: the product and quotient fit a u128.
                let den = u128::from(raw.den.max(1)) * u128::from(span);
                let x = (u128::from(raw.num) << POSITION_BITS) / den;
                u64::try_from(x).unwrap_or(top).min(top)
            }
            DomainWeights::Approx(_) => {
                let score = f64::from_bits(raw.num);
                let x = (score / span as f64 * top as f64).floor();
                // A float-to-int `as` saturates (and sends NaN to 0).
                (x as u64).min(top)
            }
        }
    }

    /// The score of one respondent's answers (`None`: not answered) on a scale starting at 0
    /// and spanning `span`; with exact weights, the sum of the answers' parts, each answer
    /// `y` coded as itself and no answer as `span + 1`.
    #[cfg(test)]
    fn score(&self, answers: &[Option<u64>], span: u64) -> Option<ScoreValue> {
        let values: Vec<u64> = answers.iter().map(|y| y.unwrap_or(NO_ANSWER)).collect();
        if let DomainWeights::Approx(_) = self {
            return self.approximate(&values).map(|raw| self.key(raw, 0));
        }
        let stride = span as usize + 2;
        let of_code: Vec<u64> = (0..=span).chain([NO_ANSWER]).collect();
        let ats = answers
            .iter()
            .enumerate()
            .map(|(i, y)| i * stride + y.unwrap_or(span + 1) as usize);
        let (num, den, _) = match self.parts(&of_code.repeat(answers.len()), stride) {
            Parts::Packed(parts) => ats.fold(0, |sum, at| sum.plus(parts[at])).sums(),
            Parts::Wide(parts) => ats.fold([0; 3], |sum, at| sum.plus(parts[at])).sums(),
            Parts::None => return None,
        };
        Self::exact(num, den).map(|raw| self.key(raw, 0))
    }
}

/// What each answer adds to a domain's exact sums ([`DomainWeights::parts`]), per question and
/// code, `stride` codes a question.
#[derive(Debug, Clone)]
pub(crate) enum Parts {
    /// Approximate weights: none.
    None,
    /// One word an answer ([`Part`] for `u64`), when every sum of the domain fits its field.
    Packed(Vec<u64>),
    /// `[W·y, W, y]`, for larger weights or scales.
    Wide(Vec<[u64; 3]>),
}

/// The bits of a packed [`Part`] that hold `Σ y` (the lowest), then `Σ W`, then `Σ W·y` (the
/// highest): `Σ y` fits for up to 655 questions on a 0-100 scale, 6,553 on a 1-11 one; `Σ W`
/// while the domain's weights, as integers, sum to less than 2^20 (1,048,576); `Σ W·y` then
/// fits too, the span being at most 100.
const PACKED_TOTAL_BITS: u32 = 16;
const PACKED_DEN_BITS: u32 = 20;
const PACKED_NUM_BITS: u32 = 64 - PACKED_DEN_BITS - PACKED_TOTAL_BITS;

/// What one answer adds to a domain's sums, and the sums of several: added field by field, and
/// read back as `(Σ W·y, Σ W, Σ y)`.
pub(crate) trait Part: Copy {
    /// No answer.
    const ZERO: Self;
    /// The sums of `self` and `other`; for a packed part, only while no field overflows,
    /// which [`DomainWeights::parts`] checks for a whole domain.
    fn plus(self, other: Self) -> Self;
    /// `(Σ W·y, Σ W, Σ y)`.
    fn sums(self) -> (u64, u64, u64);
}

impl Part for u64 {
    const ZERO: Self = 0;

    #[inline(always)]
    fn plus(self, other: Self) -> Self {
        self + other
    }

    fn sums(self) -> (u64, u64, u64) {
        let field = |shift: u32, bits: u32| (self >> shift) & ((1 << bits) - 1);
        (
            self >> (PACKED_DEN_BITS + PACKED_TOTAL_BITS),
            field(PACKED_TOTAL_BITS, PACKED_DEN_BITS),
            field(0, PACKED_TOTAL_BITS),
        )
    }
}

impl Part for [u64; 3] {
    const ZERO: Self = [0; 3];

    #[inline(always)]
    fn plus(self, other: Self) -> Self {
        [self[0] + other[0], self[1] + other[1], self[2] + other[2]]
    }

    fn sums(self) -> (u64, u64, u64) {
        (self[0], self[1], self[2])
    }
}

/// A wide part as one word (its fields known to fit, see [`Parts::Packed`]).
fn pack([num, den, total]: [u64; 3]) -> u64 {
    num << (PACKED_DEN_BITS + PACKED_TOTAL_BITS) | den << PACKED_TOTAL_BITS | total
}

/// What stands for a question not answered (missing, not applicable or off the scale) among
/// the shifted answers of [`DomainWeights::parts`] and [`DomainWeights::approximate`]: no answer
/// on a scale is that large.
pub(crate) const NO_ANSWER: u64 = u64::MAX;

/// The bits of a score's fixed-point position on its domain's range
/// ([`DomainWeights::position`]): a grid of `span / 2^40`, finer than the mean's own `f64`
/// precision matters for (3.6e-12 of a point on a 5-point scale).
pub(crate) const POSITION_BITS: u32 = 40;

/// The most entries of a [`Slots`] table (4 bytes each).
const MAX_SLOT_TABLE: u64 = 1 << 16;

/// The slot numbers of a domain's raw scores. With exact weights whose sum `Σ W` is small, a
/// raw score `num / den` has `den <= Σ W` and `num <= Σ W · span`, so every one has a place in
/// a table indexed by `(den, num)`; otherwise (large weights, approximate scores) a hash map
/// holds them.
#[derive(Debug, Clone)]
pub(crate) struct Slots {
    /// Slot + 1 per `den * stride + num` (0: not seen); empty when the map is used.
    table: Vec<u32>,
    stride: u64,
    map: FxHashMap<RawScore, usize>,
}

impl Slots {
    /// Slot numbers for the raw scores of a domain with these weights, on a scale spanning
    /// `span = max - min`.
    pub(crate) fn new(weights: &DomainWeights, span: u64) -> Slots {
        let size = match weights {
            DomainWeights::Exact(w) => {
                let total: u64 = w.iter().sum();
                // Σ W · span fits a u64 (checked when the weights were made).
                let stride = total * span + 1;
                total
                    .checked_add(1)
                    .and_then(|rows| rows.checked_mul(stride))
                    .filter(|&n| n <= MAX_SLOT_TABLE)
                    .map(|n| (n, stride))
            }
            DomainWeights::Approx(_) => None,
        };
        let (len, stride) = size.unwrap_or((0, 0));
        Slots {
            table: vec![0; len as usize],
            stride,
            map: FxHashMap::default(),
        }
    }

    /// Forgets every slot (when the domain turns to bins and needs them no more).
    pub(crate) fn release(&mut self) {
        self.table = Vec::new();
        self.map = FxHashMap::default();
    }

    /// The slot of `raw`: the one it was given, or `next` (which the caller then fills) when
    /// it is new.
    #[inline]
    pub(crate) fn slot(&mut self, raw: RawScore, next: usize) -> usize {
        if self.table.is_empty() {
            return self.mapped(raw, next);
        }
        let place = &mut self.table[(raw.den * self.stride + raw.num) as usize];
        if *place == 0 {
            // Fewer slots than table entries, so the number fits a u32.
            *place = next as u32 + 1;
        }
        *place as usize - 1
    }

    /// [`Slots::slot`] when the map holds them (kept out of the table's inlined path).
    #[inline(never)]
    fn mapped(&mut self, raw: RawScore, next: usize) -> usize {
        *self.map.entry(raw).or_insert(next)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decimals_are_what_the_author_wrote() {
        assert_eq!(decimal(1.0), Some((1, 0)));
        assert_eq!(decimal(0.1), Some((1, -1)));
        assert_eq!(decimal(2.5), Some((25, -1)));
        assert_eq!(decimal(1500.0), Some((15, 2)));
        assert_eq!(decimal(0.0), None);
        assert_eq!(decimal(f64::INFINITY), None);
    }

    #[test]
    fn weights_become_small_integers() {
        assert_eq!(integer_weights(&[0.5, 1.0, 1.5], 4), Some(vec![1, 2, 3]));
        assert_eq!(integer_weights(&[0.1, 0.2, 0.3], 4), Some(vec![1, 2, 3]));
        assert_eq!(integer_weights(&[2.0, 2.0], 4), Some(vec![1, 1]));
        assert_eq!(integer_weights(&[1e-20, 1.0], 4), None);
        assert!(matches!(
            DomainWeights::new(&[1e-20, 1.0], 4),
            DomainWeights::Approx(_)
        ));
    }

    #[test]
    fn equal_scores_are_equal_keys() {
        let w = DomainWeights::new(&[1.0, 1.0, 2.0], 4);
        // (2 + 2 + 2*2) / 4 = 2 and (4 + 0) / 2 = 2 (third unanswered).
        let a = w.score(&[Some(2), Some(2), Some(2)], 4);
        let b = w.score(&[Some(4), Some(0), None], 4);
        assert_eq!(a, b);
        assert_eq!(a, Some(ScoreValue::exact(0, 2, 1)));
        // 7/3 < 5/2.
        let c = w.score(&[Some(3), None, Some(2)], 4);
        let d = w.score(&[Some(3), Some(2), None], 4);
        assert!(c < d);
        assert_eq!(w.score(&[None, None, None], 4), None);
    }

    #[test]
    fn parts_are_packed_in_a_word_only_while_every_sum_fits() {
        // A 0-4 scale (stride 6: codes 0 to 4, then missing); weights 1 and 3.
        let values = [0, 1, 2, 3, 4, NO_ANSWER].repeat(2);
        let Parts::Packed(small) = DomainWeights::new(&[1.0, 3.0], 4).parts(&values, 6) else {
            panic!("weights 1 and 3 fit a packed part");
        };
        // Answers 2 and 4: W·y 1·2 + 3·4 = 14, W 4, y 2 + 4 = 6.
        let sum = small[2].plus(small[6 + 4]);
        assert_eq!(sum.sums(), (14, 4, 6));
        // Missing answers add nothing.
        assert_eq!(small[5].plus(small[6 + 5]).sums(), (0, 0, 0));
        // Weights 1 and 2^30: Σ W 2^30 + 1 needs more than 20 bits, so the parts are wide.
        let large = DomainWeights::new(&[1.0, 1073741824.0], 4).parts(&values, 6);
        let Parts::Wide(large) = large else {
            panic!("a weight of 2^30 does not fit a packed part");
        };
        // Answers 1 and 3: 1·1 + 2^30·3 = 3221225473, W 2^30 + 1, y 1 + 3 = 4.
        assert_eq!(
            large[1].plus(large[6 + 3]).sums(),
            (3_221_225_473, 1_073_741_825, 4)
        );
        assert!(matches!(
            DomainWeights::new(&[1e-300, 1.0], 4).parts(&values, 6),
            Parts::None
        ));
        // On a 0-100 scale (stride 103), the unweighted total of 655 equal questions answered
        // 100 is 65,500, below 2^16; of 656, 65,600. (Σ W, 656, and Σ W·y, 65,600, fit.)
        let equal = |k: usize| DomainWeights::new(&vec![1.0; k], 100);
        let values: Vec<u64> = (0..=100).chain([NO_ANSWER, NO_ANSWER]).collect();
        assert!(matches!(
            equal(655).parts(&values.repeat(655), 103),
            Parts::Packed(_)
        ));
        assert!(matches!(
            equal(656).parts(&values.repeat(656), 103),
            Parts::Wide(_)
        ));
        // Σ W up to 2^20 - 1 packs: weights 1 and 1,048,574 (Σ W·y 4,194,300 fits 28 bits).
        let den = |w: f64| {
            DomainWeights::new(&[1.0, w], 4).parts(&[0, 1, 2, 3, 4, NO_ANSWER].repeat(2), 6)
        };
        assert!(matches!(den(1_048_574.0), Parts::Packed(_)));
        assert!(matches!(den(1_048_575.0), Parts::Wide(_)));
    }

    #[test]
    fn approximate_scores_stay_finite() {
        let w = DomainWeights::new(&[1e-300, 1e300], 4);
        let only_tiny = w.score(&[Some(3), None], 4).map(ScoreValue::to_f64);
        assert_eq!(only_tiny, Some(3.0));
        let both = w.score(&[Some(0), Some(4)], 4).map(ScoreValue::to_f64);
        assert_eq!(both, Some(4.0));
    }
}
