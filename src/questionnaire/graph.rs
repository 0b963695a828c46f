//! The action graph: the questionnaire's actions as indices, and what each depends on.
//!
//! Validation builds it from the file as written to find dependency cycles
//! (`validate::actions`); the roadmap planner builds it from the model to follow dependencies
//! and to order what it plans (`roadmap::constraints`). Both read the same structure, built the
//! same way in O(actions + dependencies): this is the one place that turns ids into indices.

use super::model::Questionnaire;
use std::collections::HashMap;

/// The actions of a questionnaire, numbered in questionnaire order (domain by domain, each
/// domain's actions as written), with the dependencies between them.
#[derive(Debug, Clone)]
pub struct ActionGraph<'a> {
    /// Each action's id, by index.
    ids: Vec<&'a str>,
    /// The index of each id (the last action of that id, should two share one).
    index: HashMap<&'a str, usize>,
    /// The indices each action depends on, in the order written; ids that name no action and
    /// an action's own id are left out, repeats are kept.
    deps: Vec<Vec<usize>>,
}

impl<'a> ActionGraph<'a> {
    /// Build the graph from each action's id and the ids it depends on, in questionnaire order.
    pub fn new<D>(actions: impl IntoIterator<Item = (&'a str, D)>) -> Self
    where
        D: IntoIterator<Item = &'a str>,
    {
        let (ids, written): (Vec<&'a str>, Vec<D>) = actions.into_iter().unzip();
        let index: HashMap<&'a str, usize> =
            ids.iter().enumerate().map(|(i, &id)| (id, i)).collect();
        let deps = written
            .into_iter()
            .zip(&ids)
            .map(|(deps, &own)| {
                deps.into_iter()
                    .filter(|&d| d != own)
                    .filter_map(|d| index.get(d).copied())
                    .collect()
            })
            .collect();
        ActionGraph { ids, index, deps }
    }

    /// The graph of a loaded questionnaire, numbered like [`Questionnaire::actions`].
    pub fn of(q: &'a Questionnaire) -> Self {
        Self::new(
            q.actions()
                .map(|(_, a)| (a.id.as_str(), a.depends_on.iter().map(String::as_str))),
        )
    }

    /// The number of actions.
    pub fn len(&self) -> usize {
        self.ids.len()
    }

    /// Whether there are no actions.
    pub fn is_empty(&self) -> bool {
        self.ids.is_empty()
    }

    /// The index of the action with this id.
    pub fn index(&self, id: &str) -> Option<usize> {
        self.index.get(id).copied()
    }

    /// The id of action `i`.
    pub fn id(&self, i: usize) -> &'a str {
        self.ids[i]
    }

    /// The actions that action `i` depends on, in the order written (see [`ActionGraph`]).
    pub fn deps(&self, i: usize) -> &[usize] {
        &self.deps[i]
    }

    /// Every dependency cycle, once each (two cycles through the same actions count as one).
    ///
    /// A depth-first search from each action in turn, following dependencies in the order
    /// written, meets each cycle at the action where it first enters it; the cycle lists the
    /// actions from there, each depending on the next, the last on the first.
    pub fn cycles(&self) -> Vec<Vec<usize>> {
        const UNSEEN: u8 = 0;
        const ON_PATH: u8 = 1;
        const DONE: u8 = 2;
        let n = self.len();
        let mut state = vec![UNSEEN; n];
        // Where each action on the current path sits in `path`.
        let mut depth = vec![0usize; n];
        let mut found = Vec::new();
        let mut reported: std::collections::HashSet<Vec<usize>> = Default::default();
        for start in 0..n {
            if state[start] != UNSEEN {
                continue;
            }
            let mut path: Vec<(usize, usize)> = vec![(start, 0)];
            state[start] = ON_PATH;
            depth[start] = 0;
            while let Some(&mut (node, ref mut next)) = path.last_mut() {
                let Some(&target) = self.deps[node].get(*next) else {
                    state[node] = DONE;
                    path.pop();
                    continue;
                };
                *next += 1;
                match state[target] {
                    UNSEEN => {
                        state[target] = ON_PATH;
                        depth[target] = path.len();
                        path.push((target, 0));
                    }
                    ON_PATH => {
                        let cycle: Vec<usize> =
                            path[depth[target]..].iter().map(|&(v, _)| v).collect();
                        let mut key = cycle.clone();
                        key.sort_unstable();
                        if reported.insert(key) {
                            found.push(cycle);
                        }
                    }
                    _ => {}
                }
            }
        }
        found
    }
}
