//! Bounded histograms: a domain whose respondent scores, its own and its groups' together,
//! would take more than its share of [`CELL_BUDGET`] cells turns from exact scores to bins of
//! equal width on its range.
//!
//! A *cell* is one (score, count) entry kept: one per distinct score the domain has seen, plus
//! one per distinct score each group of each group-by column has seen in it. A domain's share
//! is `CELL_BUDGET / domains`. While a domain stays within it, it keeps exact scores and
//! nothing changes. Past it, its scores are sorted into `2^12` bins of width `span / 2^12`
//! (`span = max - min`), bin `b` holding the scores `s` with `floor((s - min) / span · 2^12) =
//! b` (the top of the range in the last bin); and while the cells still exceed the share, the
//! bins are halved in number, two neighbours becoming one, down to one bin.
//!
//! Cells only grow as rows come, and halving never adds one, so the number of bins a domain
//! ends with is the largest (exact scores first) at which all its rows fit the share: it
//! depends on the rows, not on their order, which is what lets [`super::Scorer::merge`] give
//! what a single pass gives.
//!
//! Once binned, a domain and each of its groups also keep exact integer sums of the
//! respondents' fixed-point positions ([`DomainWeights::position`](super::score::DomainWeights::position), a grid 2^-40 of the range),
//! from which the mean, sd, interval, percent and level come: not from the bins. Only the
//! distributions (and so the rank tests) are binned; a bin is written as its midpoint.

use super::score::POSITION_BITS;
use super::value::ScoreValue;
use super::{DomainAcc, GroupColumn};

/// The cells (distinct scores kept, see the module documentation) all domains together may
/// take before a domain turns to bins: about 40 bytes each.
pub(crate) const CELL_BUDGET: usize = 1 << 18;

/// The number of bins, as a power of two, a domain takes when it leaves exact scores.
pub(crate) const FIRST_LEVEL: u32 = 12;

/// Exact sums over respondents of their fixed-point positions `x` and of `x²` (see
/// [`DomainWeights::position`](super::score::DomainWeights::position)): enough for the mean and the sample variance. They saturate
/// instead of wrapping, short of 2^47 respondents.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(crate) struct Sums {
    pub(crate) n: u64,
    pub(crate) sum: u128,
    pub(crate) squares: u128,
}

impl Sums {
    /// Counts `count` respondents at position `x`.
    pub(crate) fn add(&mut self, x: u64, count: u64) {
        let (x, c) = (u128::from(x), u128::from(count));
        self.n = self.n.saturating_add(count);
        self.sum = self.sum.saturating_add(x.saturating_mul(c));
        self.squares = self.squares.saturating_add((x * x).saturating_mul(c));
    }

    /// Adds another set of sums.
    pub(crate) fn merge(&mut self, other: &Sums) {
        self.n = self.n.saturating_add(other.n);
        self.sum = self.sum.saturating_add(other.sum);
        self.squares = self.squares.saturating_add(other.squares);
    }

    /// These sums less a part of them.
    pub(crate) fn minus(&self, part: &Sums) -> Sums {
        Sums {
            n: self.n.saturating_sub(part.n),
            sum: self.sum.saturating_sub(part.sum),
            squares: self.squares.saturating_sub(part.squares),
        }
    }

    /// The mean and the sample standard deviation on the shifted scale (`score - min`) of a
    /// range `span` wide, from exact integer arithmetic up to the final rounding: with `Σx =
    /// q·n + r`, `n·var = Σx² - q·(q·n + 2r) - r²/n`. `None` for no respondent; the sd is
    /// `None` below two.
    pub(crate) fn moments(&self, span: u64) -> (Option<f64>, Option<f64>) {
        let n = u128::from(self.n);
        if n == 0 {
            return (None, None);
        }
        let scale = span as f64 / (1u64 << POSITION_BITS) as f64;
        let (q, r) = (self.sum / n, self.sum % n);
        let mean = (q as f64 + r as f64 / n as f64) * scale;
        let sd = (n >= 2)
            .then(|| {
                let whole = self.squares.checked_sub(q.checked_mul(q * n + 2 * r)?)?;
                let squares = whole as f64 - (r as f64) * (r as f64) / n as f64;
                Some((squares.max(0.0) / (n - 1) as f64).sqrt() * scale)
            })
            .flatten();
        (
            Some(mean).filter(|m| m.is_finite()),
            sd.filter(|s| s.is_finite()),
        )
    }
}

/// A binned domain's histogram: respondents per bin, `2^level` bins, and their sums.
#[derive(Debug, Clone)]
pub(crate) struct Binned {
    pub(crate) level: u32,
    pub(crate) counts: Vec<u64>,
    pub(crate) sums: Sums,
}

impl Binned {
    fn new(level: u32) -> Binned {
        Binned {
            level,
            counts: vec![0; 1 << level],
            sums: Sums::default(),
        }
    }

    /// The bin of position `x` (the top of the range falls in the last bin).
    pub(crate) fn bin(&self, x: u64) -> usize {
        let bin = x >> (POSITION_BITS - self.level);
        (bin as usize).min(self.counts.len() - 1)
    }

    /// The score a bin is written as: its midpoint `min + (b + 1/2) · span / 2^level`.
    pub(crate) fn value(&self, bin: usize, span: u64, min: i32) -> ScoreValue {
        let num = (2 * bin as u64 + 1).saturating_mul(span);
        ScoreValue::exact(min, num, 2u64 << self.level)
    }

    /// The width of a bin, in points of the scale.
    pub(crate) fn width(&self, span: u64) -> f64 {
        span as f64 / (1u64 << self.level) as f64
    }
}

impl DomainAcc {
    /// Counts one respondent's raw score: returns its key (slot or bin) and, when binned, its
    /// position (0 otherwise).
    #[inline]
    pub(crate) fn count(&mut self, raw: super::RawScore) -> (usize, u64) {
        match &mut self.binned {
            None => (self.count_exact(raw, 1), 0),
            Some(binned) => {
                let x = self.weights.position(raw, self.span);
                let bin = binned.bin(x);
                if binned.counts[bin] == 0 {
                    self.cells += 1;
                }
                binned.counts[bin] += 1;
                binned.sums.add(x, 1);
                (bin, x)
            }
        }
    }

    /// Counts `count` respondents at an exact raw score (the domain not binned): returns its
    /// slot, a new one (a new cell) when the score is new to the domain.
    #[inline]
    pub(crate) fn count_exact(&mut self, raw: super::RawScore, count: u64) -> usize {
        let next = self.raws.len();
        let slot = self.slots.slot(raw, next);
        if slot == next {
            self.raws.push(raw);
            self.counts.push(0);
            self.cells += 1;
        }
        self.counts[slot] += count;
        slot
    }

    /// The domain's own respondents per key (slot or bin).
    pub(crate) fn own_counts(&self) -> impl Iterator<Item = (usize, u64)> + '_ {
        let counts = self.binned.as_ref().map_or(&self.counts, |b| &b.counts);
        counts.iter().copied().enumerate()
    }

    /// The level (number of bins as a power of two) the domain is at, `None` for exact scores.
    pub(crate) fn level(&self) -> Option<u32> {
        self.binned.as_ref().map(|b| b.level)
    }

    /// Halves the bins (or turns exact scores to bins) while the domain's cells exceed
    /// `budget`, down to one bin. `d` is the domain's index in the groups' counts.
    pub(crate) fn keep_within(&mut self, budget: usize, d: usize, columns: &mut [GroupColumn]) {
        while self.cells > budget {
            let level = match self.level() {
                None => FIRST_LEVEL,
                Some(0) => return,
                Some(level) => level - 1,
            };
            self.rebin(level, d, columns);
        }
    }

    /// Brings the domain and its groups to `level` bins, from exact scores or from a finer
    /// level (a level at or above the current one leaves them as they are).
    pub(crate) fn rebin(&mut self, level: u32, d: usize, columns: &mut [GroupColumn]) {
        match self.binned.take() {
            None => {
                let positions: Vec<u64> = self
                    .raws
                    .iter()
                    .map(|&raw| self.weights.position(raw, self.span))
                    .collect();
                let mut binned = Binned::new(level);
                for (&x, &count) in positions.iter().zip(&self.counts) {
                    let bin = binned.bin(x);
                    binned.counts[bin] += count;
                    binned.sums.add(x, count);
                }
                for group in columns.iter_mut().flat_map(|c| c.groups.iter_mut()) {
                    let old = std::mem::take(&mut group.counts[d]);
                    let mut sums = Sums::default();
                    let counts = &mut group.counts[d];
                    for (slot, count) in old.iter() {
                        let x = positions.get(slot as usize).copied().unwrap_or(0);
                        counts.add(binned.bin(x) as u32, count);
                        sums.add(x, count);
                    }
                    group.sums[d] = sums;
                }
                self.slots.release();
                self.raws = Vec::new();
                self.counts = Vec::new();
                self.binned = Some(binned);
            }
            Some(old) if old.level > level => {
                let shift = old.level - level;
                let mut binned = Binned::new(level);
                for (bin, &count) in old.counts.iter().enumerate() {
                    binned.counts[bin >> shift] += count;
                }
                binned.sums = old.sums;
                for group in columns.iter_mut().flat_map(|c| c.groups.iter_mut()) {
                    let old = std::mem::take(&mut group.counts[d]);
                    let counts = &mut group.counts[d];
                    for (bin, count) in old.iter() {
                        counts.add(bin >> shift, count);
                    }
                }
                self.binned = Some(binned);
            }
            same => self.binned = same,
        }
        self.cells = self.own_counts().filter(|&(_, c)| c > 0).count()
            + columns
                .iter()
                .flat_map(|c| &c.groups)
                .map(|g| g.counts[d].cells())
                .sum::<usize>();
    }
}
