//! Scoring one input in parts: [`Scorer::fork`] gives an empty scorer for a later part, and
//! [`Scorer::merge`] folds it back in, with what a single scorer fed every row in order gives.
//!
//! Everything the scorer keeps is a count or an exact integer sum, so adding the parts'
//! counts gives the single pass's, with two exceptions that merging takes care of: groups and
//! combinations are numbered in order of first appearance (the later part's new ones are
//! appended in its own order, which is their order in the single pass), and the bins of a
//! domain depend only on all its rows (see `bins.rs`), so both parts are brought to the
//! coarser of their two levels, added, and coarsened further while over the budget, which
//! ends where the single pass ends.

use super::{
    DomainAcc, GroupAcc, GroupColumn, MAX_GROUP_COMBINATIONS, MAX_GROUP_VALUES, ScoreError, Scorer,
    SlotCounts, Sums,
};

/// Per group-by column, the merged index of each of the later scorer's groups.
type GroupRemap = Vec<Vec<usize>>;

/// The later scorer's combinations, their groups' indices merged, each with its number there.
type Combinations = Vec<(Box<[u32]>, usize)>;

impl Scorer {
    /// An empty scorer with the same questionnaire, group-by columns and settings, to be fed
    /// another part of the same input and then given to [`Scorer::merge`].
    pub fn fork(&self) -> Scorer {
        let names: Vec<String> = self.columns.iter().map(|c| c.name.clone()).collect();
        let mut scorer = Scorer::new(&self.questionnaire, &names);
        scorer.cell_budget = self.cell_budget;
        scorer
    }

    /// Folds in `later`, a scorer from [`Scorer::fork`] fed the rows that come after this
    /// one's: afterwards every output is exactly what a single scorer fed all the rows in
    /// order gives (groups and combinations in order of first appearance, the same bins).
    ///
    /// Fails, leaving this scorer as it was, when the merged groups would take more than
    /// [`MAX_GROUP_VALUES`] values of a column or more than [`MAX_GROUP_COMBINATIONS`]
    /// combinations: the single pass fails on such input too, but where both limits are
    /// crossed it may name the other one (it reports whichever row crosses one first), so a
    /// caller wanting the single pass's very message should score the input again in one pass.
    pub fn merge(&mut self, mut later: Scorer) -> Result<(), ScoreError> {
        let remap = self.group_remap(&later)?;
        let combinations = self.combination_remap(&later, &remap)?;
        self.settle();
        later.settle();
        self.rows += later.rows;
        self.scored += later.scored;
        self.skipped += later.skipped;
        self.off_scale += later.off_scale;
        for (mine, theirs) in self.questions.iter_mut().zip(&later.questions) {
            for (total, count) in mine.counts.iter_mut().zip(&theirs.counts) {
                *total += count;
            }
            mine.missing += theirs.missing;
            mine.not_applicable += theirs.not_applicable;
        }
        let domain_count = self.domains.len();
        for ((column, theirs), remap) in self.columns.iter_mut().zip(&later.columns).zip(&remap) {
            for (group, &g) in theirs.groups.iter().zip(remap) {
                if g == column.groups.len() {
                    column.index.insert(group.value.clone(), g);
                    column.groups.push(GroupAcc {
                        value: group.value.clone(),
                        counts: vec![SlotCounts::default(); domain_count],
                        sums: vec![Sums::default(); domain_count],
                    });
                }
            }
        }
        for (d, (mine, theirs)) in self.domains.iter_mut().zip(&mut later.domains).enumerate() {
            let parts = [(mine, &mut self.columns), (theirs, &mut later.columns)];
            merge_domain(parts, d, &remap, self.cell_budget);
        }
        for (key, k) in combinations {
            let next = self.combinations.len();
            let merged = *self.combinations.entry(key).or_insert(next);
            if merged == next {
                self.combination_counts
                    .resize(self.combination_counts.len() + domain_count, 0);
            }
            let theirs = &later.combination_counts[k * domain_count..][..domain_count];
            let mine = &mut self.combination_counts[merged * domain_count..][..domain_count];
            for (total, count) in mine.iter_mut().zip(theirs) {
                *total += count;
            }
        }
        Ok(())
    }

    /// The merged index of each of `later`'s groups, per column: its index here, or the next
    /// free one in `later`'s order of first appearance. Fails when a column would take more
    /// than [`MAX_GROUP_VALUES`] values.
    fn group_remap(&self, later: &Scorer) -> Result<GroupRemap, ScoreError> {
        let mut remap = Vec::with_capacity(self.columns.len());
        for (column, theirs) in self.columns.iter().zip(&later.columns) {
            let mut next = column.groups.len();
            let indices: Vec<usize> = theirs
                .groups
                .iter()
                .map(|group| {
                    column.index.get(&group.value).copied().unwrap_or_else(|| {
                        next += 1;
                        next - 1
                    })
                })
                .collect();
            if next > MAX_GROUP_VALUES {
                return Err(ScoreError::TooManyGroupValues {
                    column: column.name.clone(),
                    limit: MAX_GROUP_VALUES,
                });
            }
            remap.push(indices);
        }
        Ok(remap)
    }

    /// `later`'s combinations with their groups' merged indices, each with its number in
    /// `later`, in that order. Fails when the merged combinations would be more than
    /// [`MAX_GROUP_COMBINATIONS`].
    fn combination_remap(
        &self,
        later: &Scorer,
        remap: &GroupRemap,
    ) -> Result<Combinations, ScoreError> {
        let mut combinations: Combinations = later
            .combinations
            .iter()
            .map(|(key, &k)| {
                let key = key
                    .iter()
                    .zip(remap)
                    // At most MAX_GROUP_VALUES groups a column, which fits a u32.
                    .map(|(&g, remap)| remap[g as usize] as u32)
                    .collect();
                (key, k)
            })
            .collect();
        combinations.sort_unstable_by_key(|&(_, k)| k);
        let new = combinations
            .iter()
            .filter(|(key, _)| !self.combinations.contains_key(key))
            .count();
        if self.combinations.len() + new > MAX_GROUP_COMBINATIONS {
            return Err(self.too_many_combinations());
        }
        Ok(combinations)
    }
}

/// Folds domain `d` of the later scorer (with its group columns) into this one's, `remap`
/// giving each later group's index here (every one already has a place here), then keeps the
/// domain within `budget` cells.
fn merge_domain(
    parts: [(&mut DomainAcc, &mut Vec<GroupColumn>); 2],
    d: usize,
    remap: &GroupRemap,
    budget: usize,
) {
    let [(mine, columns), (theirs, their_columns)] = parts;
    mine.alpha.merge(&theirs.alpha);

    // The key (slot or bin) here of each of the later domain's keys.
    let keys: Vec<usize> = match mine.level().into_iter().chain(theirs.level()).min() {
        None => theirs
            .raws
            .iter()
            .zip(&theirs.counts)
            .map(|(&raw, &count)| mine.count_exact(raw, count))
            .collect(),
        Some(level) => {
            mine.rebin(level, d, columns);
            theirs.rebin(level, d, their_columns);
            if let (Some(to), Some(from)) = (&mut mine.binned, &theirs.binned) {
                for (total, &count) in to.counts.iter_mut().zip(&from.counts) {
                    if *total == 0 && count > 0 {
                        mine.cells += 1;
                    }
                    *total += count;
                }
                to.sums.merge(&from.sums);
            }
            (0..1usize << level).collect()
        }
    };
    for (column, (theirs, remap)) in columns.iter_mut().zip(their_columns.iter().zip(remap)) {
        for (group, &g) in theirs.groups.iter().zip(remap) {
            let target = &mut column.groups[g];
            for (key, count) in group.counts[d].iter() {
                let key = keys.get(key as usize).map_or(key, |&k| k as u32);
                if target.counts[d].add(key, count) {
                    mine.cells += 1;
                }
            }
            target.sums[d].merge(&group.sums[d]);
        }
    }
    mine.keep_within(budget, d, columns);
}

/// The scorer reads a part of a large file on its own thread: forked and merged as above. A
/// refused merge (a cap crossed) makes the reader score the file again in one pass, so the
/// message is the single pass's.
impl crate::responses::Split for Scorer {
    fn fork(&self) -> Self {
        Scorer::fork(self)
    }

    fn merge(&mut self, later: Self) -> Result<(), crate::responses::SinkError> {
        Ok(Scorer::merge(self, later)?)
    }
}
