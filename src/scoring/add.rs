//! Adding a row to a [`Scorer`]: the hot path of scoring, run once per respondent.
//!
//! Per row: each answer becomes a code and a shifted value (one pass over the answers); the
//! codes are counted per question in a flat table; each domain's raw score comes from its
//! weights without a branch per answer and finds its slot by table; the row's combination of
//! groups is found by index when there is one group-by column; and each group counts the slot
//! by array index for the slots most rows have ([`SlotCounts`](super::counts::SlotCounts)).

use super::score::NO_ANSWER;
use super::{
    BLANK_GROUP, GroupAcc, MAX_GROUP_COMBINATIONS, MAX_GROUP_VALUES, ScoreError, Scorer,
    SlotCounts, Sums,
};
use crate::responses::{Answer, Row};

impl Scorer {
    /// Add one respondent's row.
    ///
    /// Answers are taken in [`Questionnaire::questions`] order; a row with fewer answers than
    /// questions leaves the rest missing, and extra answers are ignored. A value off the scale
    /// (which the reader never hands over) is read as missing and counted as an invalid cell.
    /// A row with fewer group values than group-by columns has blank values for the rest.
    ///
    /// Fails, leaving the scorer as it was, when the row's value of a group-by column would be
    /// that column's [`MAX_GROUP_VALUES`]`+1`-th distinct value, or its combination of values
    /// the [`MAX_GROUP_COMBINATIONS`]`+1`-th.
    pub fn add(&mut self, row: &Row) -> Result<(), ScoreError> {
        let min = self.questionnaire.scale.min;
        let points = self.questionnaire.scale.points();
        let (missing, not_applicable) = (points, points + 1);
        let mut answered = false;
        let mut off_scale = 0;
        // The answers given (extra ones ignored), then the questions they leave out, missing.
        let given = row.answers.len().min(self.codes.len());
        let (codes, rest) = self.codes.split_at_mut(given);
        rest.fill(missing);
        let (values, rest) = self.values.split_at_mut(given);
        rest.fill(NO_ANSWER);
        let lookup = self.value_of_code.chunks_exact(points + 2);
        for (((code, value), values), &answer) in codes
            .iter_mut()
            .zip(values)
            .zip(lookup)
            .zip(&row.answers[..given])
        {
            let c = match answer {
                Answer::Value(x) => {
                    // Wraps to a large number below `min`: off the scale either way.
                    let offset = x.wrapping_sub(min) as u32 as usize;
                    if offset < points {
                        offset
                    } else {
                        off_scale += 1;
                        missing
                    }
                }
                Answer::NotApplicable => not_applicable,
                Answer::Missing => missing,
            };
            answered |= c != missing;
            *code = c;
            *value = values.get(c).copied().unwrap_or(NO_ANSWER);
        }
        if !answered {
            self.rows += 1;
            self.skipped += 1;
            self.off_scale += off_scale;
            return Ok(());
        }
        self.check_groups(row)?;
        self.rows += 1;
        self.scored += 1;
        self.off_scale += off_scale;

        for (counts, &code) in self
            .tally
            .chunks_exact_mut(not_applicable + 1)
            .zip(&self.codes)
        {
            counts[code] += 1;
        }
        self.score_domains();
        self.add_to_groups(row);
        for (d, domain) in self.domains.iter_mut().enumerate() {
            domain.keep_within(self.cell_budget, d, &mut self.columns);
        }
        Ok(())
    }

    /// Scores the row in the scratch values in each domain: its raw score counted in its slot
    /// (or bin), left in the scratch slots and positions, and its answers added to the sums for
    /// Cronbach's alpha when it answers every question of the domain.
    fn score_domains(&mut self) {
        for (d, domain) in self.domains.iter_mut().enumerate() {
            let values = self
                .values
                .get(domain.first..domain.first + domain.k)
                .unwrap_or(&[]);
            let (answered, raw) = domain.weights.raw_score(values);
            // At least ceil(k/2) answered: 2·answered >= k.
            let raw = raw.filter(|_| 2 * answered >= domain.k);
            self.slots[d] = raw.map(|raw| {
                let (key, x) = domain.count(raw);
                self.positions[d] = x;
                key
            });
            if answered == domain.k && domain.k > 0 {
                let alpha = &mut domain.alpha;
                alpha.n += 1;
                let mut total: u64 = 0;
                for ((sum, squares), &y) in alpha
                    .item_sum
                    .iter_mut()
                    .zip(&mut alpha.item_squares)
                    .zip(values)
                {
                    // y <= span < 2^32, so y² and a domain's total (k·span, k at most the
                    // question count) fit a u64.
                    *sum += u128::from(y);
                    *squares += u128::from(y * y);
                    total += y;
                }
                let total = u128::from(total);
                alpha.total_sum += total;
                alpha.total_squares += total * total;
            }
        }
    }

    /// Folds the answers counted in [`Scorer::tally`] into [`Scorer::questions`].
    pub(super) fn settle(&mut self) {
        let points = self.questionnaire.scale.points();
        for (acc, counts) in self
            .questions
            .iter_mut()
            .zip(self.tally.chunks_exact(points + 2))
        {
            for (total, &count) in acc.counts.iter_mut().zip(counts) {
                *total += count;
            }
            acc.missing += counts[points];
            acc.not_applicable += counts[points + 1];
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
            let g = match column.index.get(value) {
                Some(&g) => g,
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
    match row.groups.get(c).map(|v| v.trim()) {
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
