//! Adding a row to a [`Scorer`]: the hot path of scoring, run once per respondent.
//!
//! Per row: the reader's answer codes (one byte each) are checked against the scale in one
//! vectorised pass; then, one domain at a time, its answers are counted eight codes at a time,
//! and in one pass over its questions each code is counted per question in a flat 32-bit table
//! and adds its part to the domain's sums, from a table per question and code: `W·y`, `W` and
//! `y` packed in one word when the domain's sums fit it (three words otherwise), so there is no
//! branch, no multiplication and no division per answer. A row that answers the whole domain
//! is counted in the domain's own table instead, from which its sums for Cronbach's alpha are
//! made now and then, and its total `Σ y` comes with the sums. The raw score finds its slot by
//! table; the row's group among a handful by comparison (by hash among more), its combination
//! of groups by index when there is one group-by column; and each group counts the slot by
//! array index for the slots most rows have ([`SlotCounts`](super::counts::SlotCounts)).

use super::score::{DomainWeights, Part, Parts, RawScore};
use super::{
    BLANK_GROUP, GroupAcc, MAX_GROUP_COMBINATIONS, MAX_GROUP_VALUES, ScoreError, Scorer,
    SlotCounts, Sums,
};
use crate::responses::Row;

/// Up to how many values a group-by column's values are looked up by comparison, not by hash.
const FEW_GROUP_VALUES: usize = 8;

impl Scorer {
    /// Add one respondent's row.
    ///
    /// Answer codes are taken in [`Questionnaire::questions`] order; a row with fewer codes
    /// than questions leaves the rest missing, and extra codes are ignored. A code off the
    /// scale ([`OFF_SCALE`](crate::responses::OFF_SCALE), or any past not applicable's, which
    /// the reader never hands over) is read as missing and counted as an invalid cell.
    /// A row with fewer group values than group-by columns has blank values for the rest.
    ///
    /// Fails, leaving the scorer as it was, when the row's value of a group-by column would be
    /// that column's [`MAX_GROUP_VALUES`]`+1`-th distinct value, or its combination of values
    /// the [`MAX_GROUP_COMBINATIONS`]`+1`-th.
    pub fn add(&mut self, row: &Row) -> Result<(), ScoreError> {
        let missing = self.missing;
        // The codes given (extra ones ignored), then the questions they leave out, missing.
        let given = row.codes.len().min(self.codes.len());
        let (codes, rest) = self.codes.split_at_mut(given);
        codes.copy_from_slice(&row.codes[..given]);
        rest.fill(missing);
        // A code past not applicable's is off the scale: read as missing, and counted.
        let top = missing + 1;
        let mut off_scale = 0;
        if codes.iter().copied().max().is_some_and(|code| code > top) {
            for code in codes.iter_mut().filter(|code| **code > top) {
                *code = missing;
                off_scale += 1;
            }
        }
        let answered = self.codes.iter().any(|&code| code != missing);
        if !answered {
            self.rows += 1;
            self.skipped += 1;
            self.off_scale += off_scale;
            return Ok(());
        }
        self.check_groups(row)?;
        self.off_scale += off_scale;
        self.rows += 1;
        self.scored += 1;
        if self.tallied == u32::MAX {
            self.settle();
        }
        self.tallied += 1;
        self.score_domains();
        self.add_to_groups(row);
        for (d, domain) in self.domains.iter_mut().enumerate() {
            domain.keep_within(self.cell_budget, d, &mut self.columns);
        }
        Ok(())
    }

    /// Scores the row in the scratch codes in each domain, in one pass over its questions that
    /// counts each answer and sums its raw score: the raw score counted in its slot (or bin),
    /// left in the scratch slots and positions. A row that answers every question of the
    /// domain is one for Cronbach's alpha: its answers are counted in the domain's
    /// [`AlphaSums::pending`](super::AlphaSums) (the counts its sums are made from), the
    /// others' in [`Scorer::tally`], so that an answer is counted once either way.
    fn score_domains(&mut self) {
        let missing = self.missing;
        let stride = usize::from(missing) + 2;
        for (d, domain) in self.domains.iter_mut().enumerate() {
            let (Some(codes), Some(tally)) = (
                self.codes.get(domain.first..domain.first + domain.k),
                self.tally.get_mut(domain.cells_at.clone()),
            ) else {
                continue;
            };
            let answered = answered(codes, missing);
            let complete = answered == domain.k && domain.k > 0;
            let counts = if complete {
                &mut domain.alpha.pending[..]
            } else {
                tally
            };
            let (raw, total) = match &domain.parts {
                Parts::Packed(parts) => sum_parts(codes, counts, parts, stride),
                Parts::Wide(parts) => sum_parts(codes, counts, parts, stride),
                Parts::None => {
                    // Approximate weights: the shifted values, then their score in floating
                    // point.
                    let Some(lookup) = self.value_of_code.get(domain.cells_at.clone()) else {
                        continue;
                    };
                    let values = &mut self.values[..domain.k];
                    for (((&code, value), counts), lookup) in codes
                        .iter()
                        .zip(values.iter_mut())
                        .zip(counts.chunks_exact_mut(stride))
                        .zip(lookup.chunks_exact(stride))
                    {
                        counts[usize::from(code)] += 1;
                        *value = lookup[usize::from(code)];
                    }
                    let raw = domain.weights.approximate(values);
                    // Every value is an answer's (at most the span) when the row is complete.
                    (raw, if complete { values.iter().sum() } else { 0 })
                }
            };
            // At least ceil(k/2) answered: 2·answered >= k.
            let raw = raw.filter(|_| 2 * answered >= domain.k);
            self.slots[d] = raw.map(|raw| {
                let (key, x) = domain.count(raw);
                self.positions[d] = x;
                key
            });
            if complete {
                domain.alpha.add(total);
            }
        }
    }

    /// Folds the answers counted in [`Scorer::tally`] and in each domain's
    /// [`AlphaSums::pending`](super::AlphaSums) into [`Scorer::questions`], and the latter
    /// into the domain's sums for alpha.
    pub(super) fn settle(&mut self) {
        self.tallied = 0;
        for domain in &mut self.domains {
            let Some(tally) = self.tally.get_mut(domain.cells_at.clone()) else {
                continue;
            };
            // No overflow: together they count at most `tallied` rows.
            for (count, &more) in tally.iter_mut().zip(&domain.alpha.pending) {
                *count += more;
            }
            domain.alpha.fold();
        }
        let points = self.questionnaire.scale.points();
        for (acc, counts) in self
            .questions
            .iter_mut()
            .zip(self.tally.chunks_exact(points + 2))
        {
            for (total, &count) in acc.counts.iter_mut().zip(counts) {
                *total += u64::from(count);
            }
            acc.missing += u64::from(counts[points]);
            acc.not_applicable += u64::from(counts[points + 1]);
        }
        self.tally.fill(0);
    }

    /// Checks that the row's group values (and their combination) are within the limits, and
    /// leaves the index of each value (the next free one for a new value) in the scratch
    /// combination.
    fn check_groups(&mut self, row: &Row) -> Result<(), ScoreError> {
        self.combination.clear();
        for (c, column) in self.columns.iter().enumerate() {
            let value = group_value(row, c);
            let last = column.groups.get(column.last);
            let known = match last {
                Some(group) if group.value == value => Some(column.last),
                // A handful of values (a role, a department): compared, not hashed.
                _ if column.groups.len() <= FEW_GROUP_VALUES => {
                    column.groups.iter().position(|group| group.value == value)
                }
                _ => column.index.get(value).copied(),
            };
            let g = match known {
                Some(g) => g,
                None if column.groups.len() >= MAX_GROUP_VALUES => {
                    return Err(ScoreError::TooManyGroupValues {
                        column: column.name.clone(),
                        limit: MAX_GROUP_VALUES,
                    });
                }
                None => column.groups.len(),
            };
            // At most MAX_GROUP_VALUES, which fits a u32.
            self.combination.push(g as u32);
        }
        if !self.columns.is_empty()
            && self.combinations.len() >= MAX_GROUP_COMBINATIONS
            && !self.combinations.contains_key(self.combination.as_slice())
        {
            return Err(self.too_many_combinations());
        }
        Ok(())
    }

    /// The error of one combination of groups too many: the group-by columns, quoted.
    pub(super) fn too_many_combinations(&self) -> ScoreError {
        let names: Vec<String> = self
            .columns
            .iter()
            .map(|c| format!("'{}'", c.name))
            .collect();
        ScoreError::TooManyCombinations {
            columns: names.join(", "),
            limit: MAX_GROUP_COMBINATIONS,
        }
    }

    /// Counts a scored row in its groups and its combination (checked by
    /// [`Scorer::check_groups`]).
    fn add_to_groups(&mut self, row: &Row) {
        if self.columns.is_empty() {
            return;
        }
        let domain_count = self.domains.len();
        let combination = self.combination_index();
        let counts = &mut self.combination_counts[combination * domain_count..][..domain_count];
        for (count, slot) in counts.iter_mut().zip(&self.slots) {
            if slot.is_some() {
                *count += 1;
            }
        }
        for (c, column) in self.columns.iter_mut().enumerate() {
            // The value's index, or the next free one for a new value (see `check_groups`).
            let g = self.combination[c] as usize;
            if g == column.groups.len() {
                let value = group_value(row, c);
                column.index.insert(value.to_string(), g);
                column.groups.push(GroupAcc {
                    value: value.to_string(),
                    counts: vec![SlotCounts::default(); domain_count],
                    sums: vec![Sums::default(); domain_count],
                });
            }
            column.last = g;
            let group = &mut column.groups[g];
            for (d, (counts, slot)) in group.counts.iter_mut().zip(&self.slots).enumerate() {
                if let Some(slot) = *slot {
                    // Slots number the distinct scores seen, at most one per row: a u32
                    // holds them short of 4 billion rows, and saturates beyond.
                    let key = u32::try_from(slot).unwrap_or(u32::MAX);
                    let domain = &mut self.domains[d];
                    if counts.add(key, 1) {
                        domain.cells += 1;
                    }
                    if domain.binned.is_some() {
                        group.sums[d].add(self.positions[d], 1);
                    }
                }
            }
        }
    }

    /// The number of the row's combination of groups (in the scratch combination), a new one
    /// when it is the first row of that combination.
    fn combination_index(&mut self) -> usize {
        let single = match self.combination[..] {
            [g] => Some(g as usize),
            _ => None,
        };
        if let Some(&k) = single.and_then(|g| self.combination_of_group.get(g))
            && k != u32::MAX
        {
            return k as usize;
        }
        let next = self.combinations.len();
        let combination = match self.combinations.get(self.combination.as_slice()) {
            Some(&k) => k,
            None => {
                self.combinations
                    .insert(self.combination.as_slice().into(), next);
                self.combination_counts
                    .resize(self.combination_counts.len() + self.domains.len(), 0);
                next
            }
        };
        if let Some(g) = single {
            if g >= self.combination_of_group.len() {
                self.combination_of_group.resize(g + 1, u32::MAX);
            }
            // At most MAX_GROUP_COMBINATIONS combinations, which fits a u32.
            self.combination_of_group[g] = combination as u32;
        }
        combination
    }
}

/// The row's value of group-by column `c`: trimmed, [`BLANK_GROUP`] when empty or absent.
fn group_value<'r>(row: &Row<'r>, c: usize) -> &'r str {
    match row.groups.get(c).map(|v| crate::responses::trimmed(v)) {
        Some(v) if !v.is_empty() => v,
        _ => BLANK_GROUP,
    }
}

/// The scorer as a consumer of the reader's rows: a row it refuses (too many values of a
/// group-by column) stops the reading.
impl crate::responses::RowSink for Scorer {
    fn row(&mut self, row: &Row<'_>) -> Result<(), crate::responses::SinkError> {
        Ok(self.add(row)?)
    }
}

/// How many of a domain's answer codes are answers on the scale (below `missing`, the code of
/// a missing answer; not applicable's is the next, and no code is larger): eight codes at a
/// time, without a branch per code, on a scale of fewer than 128 points (every questionnaire
/// that passed validation); one at a time on a larger one.
#[inline(always)]
fn answered(codes: &[u8], missing: u8) -> usize {
    const HIGH: u64 = 0x8080_8080_8080_8080;
    const ONES: u64 = 0x0101_0101_0101_0101;
    if missing >= 128 {
        return codes.iter().filter(|&&c| c < missing).count();
    }
    // A code of at most `missing + 1 <= 128`, plus `128 - missing`, sets its high bit exactly
    // when it is `missing` or more, and carries into no other byte.
    let lift = ONES * u64::from(128 - missing);
    let mut words = codes.chunks_exact(8);
    let mut unanswered = 0;
    for word in &mut words {
        let x = u64::from_le_bytes(word.try_into().unwrap_or_default());
        // The high bits moved to the low bit of each byte, summed by a multiplication.
        unanswered += ((((x + lift) & HIGH) >> 7).wrapping_mul(ONES) >> 56) as usize;
    }
    unanswered += words.remainder().iter().filter(|&&c| c >= missing).count();
    codes.len() - unanswered
}

/// One pass over a domain's answer codes (`stride` codes a question): each counted in
/// `counts`, and the sums of their parts, with no branch per answer: the exact raw score, and
/// the unweighted total of the answers' values.
#[inline(always)]
fn sum_parts<P: Part>(
    codes: &[u8],
    counts: &mut [u32],
    parts: &[P],
    stride: usize,
) -> (Option<RawScore>, u64) {
    let mut sum = P::ZERO;
    // The question's first cell in the counts and the parts (by offset: a division by the
    // stride, as a chunked walk would make, costs more than the answer's whole work).
    let mut first = 0;
    for &code in codes {
        let at = first + usize::from(code);
        if let (Some(count), Some(&part)) = (counts.get_mut(at), parts.get(at)) {
            *count += 1;
            sum = sum.plus(part);
        }
        first += stride;
    }
    let (num, den, total) = sum.sums();
    (DomainWeights::exact(num, den), total)
}

#[cfg(test)]
mod tests {
    use super::answered;

    #[test]
    fn answers_are_the_codes_below_missing_on_any_scale() {
        // 5 points: 5 is missing, 6 not applicable. Answered: 0, 4, 1, 2, 3, 4.
        assert_eq!(answered(&[0, 5, 4, 6, 1, 2, 3, 4, 5], 5), 6);
        assert_eq!(answered(&[], 5), 0);
        // 127 points, the most counted eight at a time (not applicable is 128). Answered: 126,
        // five zeros, 1.
        assert_eq!(answered(&[126, 127, 128, 0, 0, 0, 0, 0, 128, 1], 127), 7);
        // 200 points, counted one at a time. Answered: 199, 0, 150, four zeros.
        assert_eq!(answered(&[199, 200, 201, 0, 150, 0, 0, 0, 0], 200), 7);
    }
}
