//! The disclosure audit: which groups one domain may show, so that no set of fewer than
//! `min` respondents can be worked out by adding and subtracting the figures shown.
//!
//! # What is shown, as linear algebra
//!
//! Take the *cells* of the group-by columns: the combinations of one value per column that the
//! respondents fall into (with one column, a cell is a group). Every figure a run shows for a
//! set of respondents, the domain's or a shown group's, is a function of three totals over it:
//! the count, the sum of scores (mean times count) and the sum of squares (through the sd); the
//! distribution is a count per score. Each total of a shown group is the sum of that total over
//! the group's cells. So an attacker who adds and subtracts shown figures with coefficients
//! `α` learns `Σ_c x_c · total_c` with `x = Σ_g α_g · 1_g`, where `1_g` is the indicator vector
//! of group `g` over the cells (the domain itself is the all-ones vector). The totals of a set
//! `S` of cells are *derivable* exactly when `1_S` lies in the row space `R` of the shown
//! groups' and the domain's indicator vectors. Cells nobody with a score falls into hold
//! nothing and are left out.
//!
//! # The rule
//!
//! No set of cells holding from 1 to `min - 1` respondents (other than all of them: the
//! domain's own figures are always shown) may be derivable. Groups with fewer than `min`
//! respondents are never shown (too small). While a small set is derivable, one more group is
//! withheld: the smallest shown group whose withholding alone makes that set underivable; when
//! no single group does, the smallest group the derivation found uses. Ties go to the later
//! column, then to the last value in order of value. Then the audit starts again.
//!
//! # How it is checked, exactly
//!
//! Cells that every shown group and the domain treat alike (the same shown value, or none, in
//! every column) are merged into one *class*: every vector of `R` is constant on a class, so a
//! derivable set is a union of classes. A set of fewer than `min` respondents can only hold
//! *small* classes (each of fewer than `min`). First a quick sufficient test: if disjoint sets
//! of small classes can each complete the large classes to a set whose generator rows span
//! all of them, and their cheapest classes hold `min` or more respondents together, then any
//! small set misses one of them, so what lies outside it determines every combination, and no
//! small set is derivable ([`Round::robust`]). Otherwise, Gaussian elimination in exact
//! integer arithmetic (fraction-free, each row divided by the greatest common divisor of its
//! entries), with the large classes as the first columns, gives a basis of `W`, the vectors of
//! `R` that vanish on every large class; in reduced echelon form, a vector of `W` is fixed by
//! its entries at the pivot classes, so every 0/1 vector of `W` is found by choosing which
//! pivots hold a 1, among choices whose pivot classes hold fewer than `min` respondents
//! together and whose rows overlap in a connected way ([`Round::search`] says why that is
//! enough). The search is complete: it finds a derivable small set when there is one.
//!
//! Bounds: the classes are at most the cells, which the scorer caps at
//! [`super::MAX_GROUP_COMBINATIONS`]. Should a round need more than [`MAX_AUDIT_WORK`] steps,
//! or a number outgrow 128 bits, the audit does not guess: it withholds the smallest shown
//! group and starts again, which can only show less.

use std::cell::Cell;
use std::cmp::Reverse;
use std::collections::BTreeMap;

/// The most work one round of the audit does, counted in entries of vectors read (and pairs of
/// overlapping rows listed, and choices tried), before it withholds the smallest shown group
/// instead of finishing the round.
pub const MAX_AUDIT_WORK: u64 = 20_000_000;

/// How a group is shown in one domain.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Visibility {
    /// With its figures.
    Shown,
    /// Fewer than `min` respondents with a score.
    TooSmall,
    /// Withheld so that a smaller set cannot be worked out by subtraction.
    Withheld,
}

/// A signature entry for a column whose value is not shown.
const HIDDEN: u32 = u32::MAX;

/// A sparse integer vector: `(index, value)` in ascending order of index, no zeros.
type Sparse = Vec<(u32, i128)>;

/// `a·x - b·y`, or `None` on overflow or when it would exceed the work left in `budget`
/// (counted in entries read).
fn combine(a: i128, x: &Sparse, b: i128, y: &Sparse, budget: &Cell<u64>) -> Option<Sparse> {
    spend(budget, x.len() + y.len())?;
    let mut out = Vec::with_capacity(x.len() + y.len());
    let (mut i, mut j) = (0, 0);
    while i < x.len() || j < y.len() {
        let (index, value) = match (x.get(i), y.get(j)) {
            (Some(&(xi, xv)), Some(&(yi, yv))) if xi == yi => {
                i += 1;
                j += 1;
                (xi, a.checked_mul(xv)?.checked_sub(b.checked_mul(yv)?)?)
            }
            (Some(&(xi, xv)), Some(&(yi, _))) if xi < yi => {
                i += 1;
                (xi, a.checked_mul(xv)?)
            }
            (Some(&(xi, xv)), None) => {
                i += 1;
                (xi, a.checked_mul(xv)?)
            }
            (_, Some(&(yi, yv))) => {
                j += 1;
                (yi, b.checked_mul(yv)?.checked_neg()?)
            }
            (None, None) => break,
        };
        if value != 0 {
            out.push((index, value));
        }
    }
    Some(out)
}

/// Takes `work` from the budget; `None` when there is not that much left.
fn spend(budget: &Cell<u64>, work: usize) -> Option<()> {
    budget.set(budget.get().checked_sub(work as u64)?);
    Some(())
}

/// Divides the vectors by the greatest common divisor of all their entries.
fn normalize(vectors: &mut [&mut Sparse]) {
    let mut g: u128 = 0;
    for v in vectors.iter() {
        for &(_, x) in v.iter() {
            let (mut a, mut b) = (g, x.unsigned_abs());
            while b != 0 {
                (a, b) = (b, a % b);
            }
            g = a;
        }
    }
    if g > 1 {
        // g divides every entry, so it is at most the largest |entry| and fits an i128.
        let g = g as i128;
        for v in vectors.iter_mut() {
            for (_, x) in v.iter_mut() {
                *x /= g;
            }
        }
    }
}

/// Rows in echelon form, each with the combination of generators it is (index
/// `generators + 1` stands for a target vector being reduced; empty when not tracked), and the
/// dependencies among the generators (combinations equal to zero).
#[derive(Clone)]
struct Echelon<'a> {
    rows: Vec<(Sparse, Sparse)>,
    pivot: Vec<Option<usize>>,
    dependencies: Vec<Sparse>,
    budget: &'a Cell<u64>,
}

impl<'a> Echelon<'a> {
    fn new(columns: usize, budget: &'a Cell<u64>) -> Echelon<'a> {
        Echelon {
            rows: Vec::new(),
            pivot: vec![None; columns],
            dependencies: Vec::new(),
            budget,
        }
    }

    /// The row reduced until its first entry is in no pivot column (empty when it is in the
    /// span of the rows), with its combination; `None` on overflow.
    fn reduce(&self, mut row: Sparse, mut comb: Sparse) -> Option<(Sparse, Sparse)> {
        while let Some(&(lead, value)) = row.first() {
            let Some(b) = self.pivot[lead as usize] else {
                break;
            };
            let (brow, bcomb) = &self.rows[b];
            let head = brow[0].1;
            row = combine(head, &row, value, brow, self.budget)?;
            comb = combine(head, &comb, value, bcomb, self.budget)?;
            normalize(&mut [&mut row, &mut comb]);
        }
        Some((row, comb))
    }

    /// Adds a row with its combination; whether it was independent of the rows before, or
    /// `None` on overflow.
    fn insert(&mut self, row: Sparse, comb: Sparse) -> Option<bool> {
        let (row, comb) = self.reduce(row, comb)?;
        match row.first() {
            None => {
                self.dependencies.push(comb);
                Some(false)
            }
            Some(&(lead, _)) => {
                self.pivot[lead as usize] = Some(self.rows.len());
                self.rows.push((row, comb));
                Some(true)
            }
        }
    }
}

/// A fixed mixing of the bits of a number (SplitMix64's finaliser): an order that looks
/// random but is the same in every run.
fn scramble(mut x: u64) -> u64 {
    x = (x ^ (x >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    x = (x ^ (x >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    x ^ (x >> 31)
}

/// The outcome of one round of the search.
enum Search {
    /// No small set is derivable.
    Safe,
    /// This set of classes is derivable and small.
    Found(Vec<u32>),
    /// The search hit a bound.
    GaveUp,
}

/// One domain's classes, large ones first: their respondents, the generators each belongs to,
/// and the echelon form of the shown groups' (generators `0..shown.len()`) and the domain's
/// (generator `shown.len()`) indicator vectors.
struct Round<'a> {
    n: Vec<u64>,
    large: usize,
    members: Vec<Sparse>,
    echelon: Echelon<'a>,
}

impl<'a> Round<'a> {
    /// Merges the cells into classes by the shown value in each column; `None` on overflow or
    /// past the budget.
    fn new(
        cells: &[(Vec<u32>, u64)],
        visibility: &[Vec<Visibility>],
        shown: &[(usize, u32)],
        min: u64,
        budget: &'a Cell<u64>,
    ) -> Option<Round<'a>> {
        let is_shown = |c: usize, v: u32| {
            visibility.get(c).and_then(|column| column.get(v as usize)) == Some(&Visibility::Shown)
        };
        let mut classes: BTreeMap<Vec<u32>, u64> = BTreeMap::new();
        for (key, n) in cells {
            let signature: Vec<u32> = key
                .iter()
                .enumerate()
                .map(|(c, &v)| if is_shown(c, v) { v } else { HIDDEN })
                .collect();
            *classes.entry(signature).or_insert(0) += n;
        }
        let (large, small): (Vec<_>, Vec<_>) = classes.into_iter().partition(|(_, n)| *n >= min);
        let large_count = large.len();
        let ordered: Vec<(Vec<u32>, u64)> = large.into_iter().chain(small).collect();
        let mut echelon = Echelon::new(ordered.len(), budget);
        for (g, &(c, v)) in (0u32..).zip(shown) {
            let row: Sparse = (0u32..)
                .zip(&ordered)
                .filter(|(_, (signature, _))| signature[c] == v)
                .map(|(i, _)| (i, 1))
                .collect();
            echelon.insert(row, vec![(g, 1)])?;
        }
        let everyone = shown.len() as u32;
        let all: Sparse = (0u32..).zip(&ordered).map(|(i, _)| (i, 1)).collect();
        echelon.insert(all, vec![(everyone, 1)])?;
        // `shown` is in order of column, then value: a group's position is a binary search.
        let members = ordered
            .iter()
            .map(|(signature, _)| {
                (0..signature.len())
                    .filter(|&c| signature[c] != HIDDEN)
                    .filter_map(|c| shown.binary_search(&(c, signature[c])).ok())
                    .map(|g| (g as u32, 1))
                    .chain([(everyone, 1)])
                    .collect()
            })
            .collect();
        Some(Round {
            n: ordered.iter().map(|(_, n)| *n).collect(),
            large: large_count,
            members,
            echelon,
        })
    }

    /// The rows of `W` (zero on every large class) in reduced echelon form; `None` on
    /// overflow.
    fn small_space(&self) -> Option<Vec<Sparse>> {
        let mut rows: Vec<Sparse> = self
            .echelon
            .rows
            .iter()
            .map(|(row, _)| row)
            .filter(|row| {
                row.first()
                    .is_some_and(|&(lead, _)| lead as usize >= self.large)
            })
            .cloned()
            .collect();
        rows.sort_by_key(|row| row[0].0);
        for j in (0..rows.len()).rev() {
            let (pivot, head) = rows[j][0];
            for i in 0..j {
                if let Some(&(_, value)) = rows[i].iter().find(|&&(k, _)| k == pivot) {
                    let mut reduced =
                        combine(head, &rows[i], value, &rows[j], self.echelon.budget)?;
                    normalize(&mut [&mut reduced]);
                    rows[i] = reduced;
                }
            }
        }
        Some(rows)
    }

    /// Searches the 0/1 vectors of `W` for a set of 1 to `min - 1` respondents.
    ///
    /// Two rows *touch* when some class is non-zero in both. If the chosen rows split into two
    /// parts that touch nowhere, their vector is the sum of two vectors on disjoint classes,
    /// each 0/1 and each with fewer respondents: so it suffices to try choices whose rows form
    /// a connected set, each once (the ESU enumeration of S. Wernicke (2006), "Efficient
    /// detection of network motifs").
    fn search(&self, min: u64) -> Search {
        match self.robust(min.saturating_sub(1)) {
            Some(true) => return Search::Safe,
            Some(false) => {}
            None => return Search::GaveUp,
        }
        let Some(rows) = self.small_space() else {
            return Search::GaveUp;
        };

        let mut by_class: BTreeMap<u32, Vec<usize>> = BTreeMap::new();
        for (i, row) in rows.iter().enumerate() {
            for &(k, _) in row {
                by_class.entry(k).or_default().push(i);
            }
        }
        let pairs: usize = by_class.values().map(|rows| rows.len() * rows.len()).sum();
        if spend(self.echelon.budget, pairs).is_none() {
            return Search::GaveUp;
        }
        let mut touching: Vec<Vec<usize>> = vec![Vec::new(); rows.len()];
        for sharing in by_class.values() {
            for &i in sharing {
                touching[i].extend(sharing.iter().filter(|&&k| k != i));
            }
        }
        for list in &mut touching {
            list.sort_unstable();
            list.dedup();
        }
        let mut searcher = Searcher {
            round: self,
            rows: &rows,
            touching: &touching,
            limit: min.saturating_sub(1),
        };
        for (start, near) in touching.iter().enumerate() {
            let respondents = searcher.respondents(start);
            if respondents > searcher.limit {
                continue;
            }
            let extension = near.iter().copied().filter(|&k| k > start).collect();
            if let Err(stop) = searcher.extend(start, &mut vec![start], respondents, extension) {
                return stop;
            }
        }
        Search::Safe
    }

    /// Whether no set of at most `limit` respondents in small classes can be derivable because,
    /// whichever it is, the classes outside it still span every generator (a combination that
    /// is zero on them is zero everywhere). Shown by building disjoint sets of small classes
    /// that each complete the large classes to a spanning set, until the sets' cheapest
    /// classes hold more than `limit` respondents together: a set within `limit` then misses one
    /// of them entirely. `None` on overflow.
    fn robust(&self, limit: u64) -> Option<bool> {
        let rank = self.echelon.rows.len();
        let generators = self.members.iter().flatten().map(|&(g, _)| g as usize + 1);
        let mut base = Echelon::new(generators.max().unwrap_or(0), self.echelon.budget);
        for members in &self.members[..self.large] {
            base.insert(members.clone(), Vec::new())?;
        }
        let mut used = vec![false; self.n.len()];
        let mut cover: u64 = 0;
        let mut round: u32 = 0;
        while cover <= limit {
            let mut completion = base.clone();
            let mut cheapest = u64::MAX;
            // Each set tries the small classes in its own fixed scrambled order, so that one
            // set does not take up every class of a region that the next would need.
            let mut order: Vec<usize> = (self.large..self.n.len()).collect();
            order.sort_by_key(|&j| scramble(j as u64 ^ u64::from(round) << 32));
            round += 1;
            for j in order {
                if completion.rows.len() == rank {
                    break;
                }
                if !used[j] && completion.insert(self.members[j].clone(), Vec::new())? {
                    used[j] = true;
                    cheapest = cheapest.min(self.n[j]);
                }
            }
            if completion.rows.len() < rank {
                return Some(false);
            }
            cover = cover.saturating_add(cheapest);
        }
        Some(true)
    }

    /// The set of classes where the vector of `W` with 1 at the chosen pivots (0 at the other
    /// pivots) is 1, when that vector holds only 0s and 1s, its set holds at most `limit`
    /// respondents and is not every class; `None` on overflow.
    fn ones(&self, rows: &[Sparse], chosen: &[usize], limit: u64) -> Option<Option<Vec<u32>>> {
        // x = Σ row_i / head_i; with d = Π head_i, d·x = Σ (d / head_i) · row_i.
        let d = chosen
            .iter()
            .try_fold(1i128, |d, &i| d.checked_mul(rows[i][0].1))?;
        let mut sum: Sparse = Vec::new();
        for &i in chosen {
            let factor = (d / rows[i][0].1).checked_neg()?;
            sum = combine(1, &sum, factor, &rows[i], self.echelon.budget)?;
        }
        if sum.iter().any(|&(_, x)| x != d) {
            return Some(None);
        }
        let set: Vec<u32> = sum.iter().map(|&(k, _)| k).collect();
        let respondents: u64 = set.iter().map(|&k| self.n[k as usize]).sum();
        let everyone = set.len() == self.n.len();
        Some((respondents <= limit && !everyone).then_some(set))
    }

    /// The generators that every derivation of the set uses, and those the one found uses;
    /// `None` on overflow.
    fn derivation(&self, set: &[u32], generators: u32) -> Option<(Vec<u32>, Vec<u32>)> {
        let target: Sparse = set.iter().map(|&k| (k, 1)).collect();
        let (rest, comb) = self.echelon.reduce(target, vec![(generators + 1, 1)])?;
        if !rest.is_empty() {
            return None;
        }
        let used: Vec<u32> = comb
            .iter()
            .map(|&(g, _)| g)
            .filter(|&g| g < generators)
            .collect();
        let free = |g: u32| {
            self.echelon
                .dependencies
                .iter()
                .any(|dep| dep.iter().any(|&(k, _)| k == g))
        };
        let essential = used.iter().copied().filter(|&g| !free(g)).collect();
        Some((essential, used))
    }
}

/// The enumeration of connected choices of rows of `W` (see [`Round::search`]).
struct Searcher<'a> {
    round: &'a Round<'a>,
    rows: &'a [Sparse],
    touching: &'a [Vec<usize>],
    limit: u64,
}

impl Searcher<'_> {
    /// The respondents of row `i`'s pivot class.
    fn respondents(&self, i: usize) -> u64 {
        self.round.n[self.rows[i][0].0 as usize]
    }

    /// Checks the choice `chosen` (connected, `start` its first row, within the limit), then
    /// every connected choice that adds rows of `extension` or rows touching only what it adds,
    /// all after `start`. Stops with the set found, or on a bound.
    fn extend(
        &mut self,
        start: usize,
        chosen: &mut Vec<usize>,
        respondents: u64,
        mut extension: Vec<usize>,
    ) -> Result<(), Search> {
        if spend(self.round.echelon.budget, 1).is_none() {
            return Err(Search::GaveUp);
        }
        match self.round.ones(self.rows, chosen, self.limit) {
            Some(Some(set)) => return Err(Search::Found(set)),
            Some(None) => {}
            None => return Err(Search::GaveUp),
        }
        while let Some(next) = extension.pop() {
            let with = respondents + self.respondents(next);
            if with > self.limit {
                continue;
            }
            let near = |k: usize| {
                chosen.contains(&k)
                    || chosen
                        .iter()
                        .any(|&c| self.touching[c].binary_search(&k).is_ok())
            };
            let mut wider = extension.clone();
            for &k in &self.touching[next] {
                if k > start && !near(k) && !wider.contains(&k) {
                    wider.push(k);
                }
            }
            chosen.push(next);
            let found = self.extend(start, chosen, with, wider);
            chosen.pop();
            found?;
        }
        Ok(())
    }
}

/// Which groups one domain shows. `groups[c]` is the number of groups of column `c`, in order
/// of value; `cells` gives, for each cell with respondents, the group (by that order) of each
/// column and the respondents. Returns the visibility of each group, by column and order.
pub(crate) fn audit(groups: &[usize], cells: &[(Vec<u32>, u64)], min: u64) -> Vec<Vec<Visibility>> {
    let mut sizes: Vec<Vec<u64>> = groups.iter().map(|&k| vec![0; k]).collect();
    for (key, n) in cells {
        for (c, &v) in key.iter().enumerate() {
            if let Some(size) = sizes.get_mut(c).and_then(|s| s.get_mut(v as usize)) {
                *size += n;
            }
        }
    }
    let mut visibility: Vec<Vec<Visibility>> = sizes
        .iter()
        .map(|column| {
            column
                .iter()
                .map(|&n| {
                    if n < min {
                        Visibility::TooSmall
                    } else {
                        Visibility::Shown
                    }
                })
                .collect()
        })
        .collect();
    loop {
        let shown: Vec<(usize, u32)> = (0..visibility.len())
            .flat_map(|c| (0u32..).zip(&visibility[c]).map(move |(v, s)| (c, v, *s)))
            .filter(|&(_, _, s)| s == Visibility::Shown)
            .map(|(c, v, _)| (c, v))
            .collect();
        if shown.is_empty() {
            return visibility;
        }
        let count = shown.len() as u32;
        let budget = Cell::new(MAX_AUDIT_WORK);
        let round = Round::new(cells, &visibility, &shown, min, &budget);
        let outcome = round.as_ref().map_or(Search::GaveUp, |r| r.search(min));
        let candidates: Vec<u32> = match (&outcome, &round) {
            (Search::Safe, _) => return visibility,
            (Search::Found(set), Some(round)) => match round.derivation(set, count) {
                Some((essential, _)) if !essential.is_empty() => essential,
                Some((_, used)) if !used.is_empty() => used,
                _ => (0..count).collect(),
            },
            _ => (0..count).collect(),
        };
        let smallest = candidates.iter().min_by_key(|&&g| {
            let (c, v) = shown[g as usize];
            (sizes[c][v as usize], Reverse(c), Reverse(v))
        });
        if let Some(&g) = smallest {
            let (c, v) = shown[g as usize];
            visibility[c][v as usize] = Visibility::Withheld;
        }
    }
}
