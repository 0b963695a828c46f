//! A group's respondents per key (score slot, or bin) in one domain, counted where a row adds
//! one at the cost of an array index for the keys most rows have.
//!
//! Slots are numbered in order of first appearance, so the scores most respondents give take
//! the first numbers; keys below [`DENSE_KEYS`] are counted in an array (grown only as far as
//! the largest such key the group has), the rest in a map. Either way the group keeps one
//! *cell* per key it has a respondent at, which is what the budget of `bins.rs` counts.

use rustc_hash::FxHashMap;

/// Keys below this are counted in the array: 1 KiB of counts a group and domain at most.
const DENSE_KEYS: u32 = 128;

/// Respondents per key, with the number of keys that have any.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct SlotCounts {
    /// The count of each key below [`DENSE_KEYS`] (0: none).
    dense: Vec<u64>,
    /// The count of each key from [`DENSE_KEYS`] up that has respondents.
    sparse: FxHashMap<u32, u64>,
    /// How many keys have respondents.
    cells: usize,
}

impl SlotCounts {
    /// Counts `count` (at least 1) more respondents at `key`; returns whether the key had none
    /// before (a new cell).
    #[inline]
    pub(crate) fn add(&mut self, key: u32, count: u64) -> bool {
        let place = if key < DENSE_KEYS {
            let i = key as usize;
            if i >= self.dense.len() {
                self.dense.resize(i + 1, 0);
            }
            &mut self.dense[i]
        } else {
            self.sparse.entry(key).or_insert(0)
        };
        let new = *place == 0;
        *place += count;
        self.cells += usize::from(new);
        new
    }

    /// How many keys have respondents.
    pub(crate) fn cells(&self) -> usize {
        self.cells
    }

    /// Each key with respondents and their count, in no particular order.
    pub(crate) fn iter(&self) -> impl Iterator<Item = (u32, u64)> + '_ {
        let dense = (0u32..).zip(self.dense.iter().copied());
        dense
            .chain(self.sparse.iter().map(|(&key, &count)| (key, count)))
            .filter(|&(_, count)| count > 0)
    }

    /// The respondents at every key together.
    pub(crate) fn total(&self) -> u64 {
        self.dense.iter().sum::<u64>() + self.sparse.values().sum::<u64>()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_on_both_sides_of_the_array_count_alike() {
        let mut counts = SlotCounts::default();
        // Below the array's end, at its last key, and beyond it, each new once.
        assert!(counts.add(3, 1));
        assert!(!counts.add(3, 2));
        assert!(counts.add(DENSE_KEYS - 1, 1));
        assert!(counts.add(DENSE_KEYS, 4));
        assert!(!counts.add(DENSE_KEYS, 1));
        assert!(counts.add(70_000, 1));
        assert_eq!(counts.cells(), 4);
        assert_eq!(counts.total(), 1 + 2 + 1 + 4 + 1 + 1);
        let mut all: Vec<(u32, u64)> = counts.iter().collect();
        all.sort_unstable();
        assert_eq!(
            all,
            [(3, 3), (DENSE_KEYS - 1, 1), (DENSE_KEYS, 5), (70_000, 1)]
        );
    }
}
