//! The order the chosen actions must keep (see "Ordering constraints" in the module doc of
//! [`super`]), and the priorities that order implies.
//!
//! Hard edges are the questionnaire's dependencies between chosen actions (from the
//! [`ActionGraph`](crate::questionnaire::ActionGraph)). Soft edges put a domain's lower-level
//! work before its higher-level work: they are tried one by one, domain by domain, each lower
//! level before each higher one (by `lifts_to`, then id), and one is added only when neither end
//! already reaches the other. Deciding that by searching the graph for every pair took cubic
//! time. Here a domain keeps which of its actions reach which (through any nodes) as rows of
//! bits, one row per action and one bit per action of the domain, filled once from the graph as
//! it stands when the domain's turn comes: a pair then costs a bit test (64 pairs at a time when
//! the answer is "already reached"), and the edges added for one lower-level action cost one
//! pass over the rows of the actions that reach it. A domain whose actions have no dependency at
//! all needs no rows: nothing reaches in or out, so every pair of different levels gets its edge.

use super::DomainTarget;
use super::plan::Catalogue;
use crate::questionnaire::Questionnaire;
use std::collections::BTreeSet;

/// The constraint graph over the chosen actions (nodes are positions in `nodes`).
pub(super) struct Graph {
    /// Action indices (into [`Catalogue::actions`]) of the chosen actions, in that order.
    pub(super) nodes: Vec<usize>,
    /// Planned dependencies of each node: it must follow them in an earlier phase.
    pub(super) hard: Vec<Vec<usize>>,
    /// Lower-level work of the same domain: same or earlier phase, earlier in order.
    pub(super) soft: Vec<Vec<usize>>,
    /// The nodes that depend on each node.
    pub(super) hard_succ: Vec<Vec<usize>>,
    /// The nodes that follow each node as higher-level work of its domain.
    pub(super) soft_succ: Vec<Vec<usize>>,
}

impl Graph {
    /// The constraint graph over the chosen actions: hard edges from dependencies, then soft
    /// edges from lower to higher `lifts_to` within each domain, skipping any that would close
    /// a cycle or that the graph already implies.
    pub(super) fn new(catalogue: &Catalogue<'_>, chosen: &[bool]) -> Graph {
        let nodes: Vec<usize> = (0..catalogue.actions.len())
            .filter(|&i| chosen[i])
            .collect();
        let n = nodes.len();
        let mut node_of = vec![usize::MAX; catalogue.actions.len()];
        for (v, &i) in nodes.iter().enumerate() {
            node_of[i] = v;
        }
        let mut graph = Graph {
            hard: vec![Vec::new(); n],
            soft: vec![Vec::new(); n],
            hard_succ: vec![Vec::new(); n],
            soft_succ: vec![Vec::new(); n],
            nodes,
        };
        // The last node that took each node as a dependency: a dependency listed twice is one
        // edge.
        let mut taken_by = vec![usize::MAX; n];
        for v in 0..n {
            for &i in catalogue.graph.deps(graph.nodes[v]) {
                let u = node_of[i];
                if u != usize::MAX && taken_by[u] != v {
                    taken_by[u] = v;
                    graph.hard[v].push(u);
                    graph.hard_succ[u].push(v);
                }
            }
        }
        // Per domain (in questionnaire order), nodes by lifts_to then id.
        let mut by_domain: Vec<(usize, u32, &str, usize)> = (0..n)
            .map(|v| {
                let (d, a) = catalogue.actions[graph.nodes[v]];
                (d, a.lifts_to, a.id.as_str(), v)
            })
            .collect();
        by_domain.sort_unstable();
        for domain in by_domain.chunk_by(|x, y| x.0 == y.0) {
            let levels: Vec<u32> = domain.iter().map(|x| x.1).collect();
            let members: Vec<usize> = domain.iter().map(|x| x.3).collect();
            graph.order_levels(&members, &levels);
        }
        graph
    }

    /// Every node that must follow node `v`: those that depend on it, then its domain's
    /// higher-level work.
    pub(super) fn succ(&self, v: usize) -> impl Iterator<Item = usize> + '_ {
        self.hard_succ[v].iter().chain(&self.soft_succ[v]).copied()
    }

    /// Which nodes are among `roots` or must precede one of them, directly or not.
    pub(super) fn with_predecessors(&self, roots: Vec<usize>) -> Vec<bool> {
        let mut marked = vec![false; self.nodes.len()];
        let mut stack = roots;
        while let Some(v) = stack.pop() {
            if !std::mem::replace(&mut marked[v], true) {
                stack.extend(self.hard[v].iter().chain(&self.soft[v]).copied());
            }
        }
        marked
    }

    /// Nodes in an order where every node follows all it must follow (lowest index first).
    fn topological(&self) -> Vec<usize> {
        let n = self.nodes.len();
        let mut indegree: Vec<usize> = (0..n)
            .map(|v| self.hard[v].len() + self.soft[v].len())
            .collect();
        let mut ready: BTreeSet<usize> = (0..n).filter(|&v| indegree[v] == 0).collect();
        let mut order = Vec::with_capacity(n);
        while let Some(v) = ready.pop_first() {
            order.push(v);
            for s in self.succ(v) {
                indegree[s] -= 1;
                if indegree[s] == 0 {
                    ready.insert(s);
                }
            }
        }
        order
    }

    /// A soft edge: `higher` follows `lower`.
    fn add_soft(&mut self, lower: usize, higher: usize) {
        self.soft[higher].push(lower);
        self.soft_succ[lower].push(higher);
    }

    /// The soft edges of one domain: `members` sorted by level then id, `levels` their
    /// `lifts_to`.
    fn order_levels(&mut self, members: &[usize], levels: &[u32]) {
        if levels.first() == levels.last() {
            return;
        }
        let higher = |b: usize| levels.partition_point(|&l| l <= levels[b]);
        let untouched = members
            .iter()
            .all(|&v| self.hard[v].is_empty() && self.hard_succ[v].is_empty());
        if untouched {
            // Nothing outside the domain reaches in or out, and a node not yet tried as the
            // lower end has no way out: no pair is implied or closes a cycle.
            for b in 0..members.len() {
                for &a in &members[higher(b)..] {
                    self.add_soft(members[b], a);
                }
            }
            return;
        }
        let mut reach = self.reach_among(members);
        let mut lent = Bits::new(members.len());
        for b in 0..members.len() {
            // What b reaches through the edges added for it in this round.
            lent.clear();
            let mut from = higher(b);
            // The next higher-level member that b does not reach yet, a whole word at a time.
            while let Some(a) = reach.next_unreached(b, &lent, from) {
                if !reach.get(a, b) {
                    self.add_soft(members[b], members[a]);
                    lent.set(a);
                    reach.or_row_into(a, &mut lent);
                }
                from = a + 1;
            }
            // The nodes not yet tried that reach b now reach what b's new edges lead to. The
            // rows of nodes already tried are not read again.
            if lent.any {
                for x in b + 1..members.len() {
                    if reach.get(x, b) {
                        reach.or_into_row(x, &lent);
                    }
                }
            }
        }
    }

    /// Which of `members` each member reaches in the graph as it stands, through any nodes.
    fn reach_among(&self, members: &[usize]) -> BitRows {
        let n = self.nodes.len();
        let mut member = vec![usize::MAX; n];
        for (k, &v) in members.iter().enumerate() {
            member[v] = k;
        }
        // The nodes reachable from the members, numbered as met.
        let mut slot = vec![usize::MAX; n];
        let mut region: Vec<usize> = members.to_vec();
        for (k, &v) in members.iter().enumerate() {
            slot[v] = k;
        }
        let mut next = 0;
        while next < region.len() {
            let v = region[next];
            next += 1;
            for s in self.succ(v) {
                if slot[s] == usize::MAX {
                    slot[s] = region.len();
                    region.push(s);
                }
            }
        }
        // Rows filled from the last node of a topological order of the region backwards.
        let mut indegree = vec![0usize; region.len()];
        for &v in &region {
            for s in self.succ(v) {
                indegree[slot[s]] += 1;
            }
        }
        let mut order: Vec<usize> = (0..region.len()).filter(|&r| indegree[r] == 0).collect();
        let mut head = 0;
        while head < order.len() {
            let r = order[head];
            head += 1;
            for s in self.succ(region[r]) {
                indegree[slot[s]] -= 1;
                if indegree[slot[s]] == 0 {
                    order.push(slot[s]);
                }
            }
        }
        let mut rows = BitRows::new(region.len(), members.len());
        for &r in order.iter().rev() {
            for s in self.succ(region[r]) {
                if member[s] != usize::MAX {
                    rows.set(r, member[s]);
                }
                rows.or_row_into_row(slot[s], r);
            }
        }
        rows.truncate(members.len());
        rows
    }
}

/// Each node's priority (weight * gap * impact / effort cost), its effective priority (the
/// highest of its own and that of everything that must follow it), and the node that effective
/// priority comes from.
pub(super) fn priorities(
    q: &Questionnaire,
    catalogue: &Catalogue<'_>,
    graph: &Graph,
    targets: &[DomainTarget],
) -> (Vec<f64>, Vec<f64>, Vec<usize>) {
    let priority: Vec<f64> = graph
        .nodes
        .iter()
        .map(|&i| {
            let (d, a) = catalogue.actions[i];
            let gap = targets[d].gap_levels.unwrap_or(0);
            q.domains[d].weight * f64::from(gap) * f64::from(a.impact) / f64::from(a.effort.cost())
        })
        .collect();
    let mut effective = priority.clone();
    let mut source: Vec<usize> = (0..graph.nodes.len()).collect();
    for &v in graph.topological().iter().rev() {
        for s in graph.succ(v) {
            if effective[s] > effective[v] {
                effective[v] = effective[s];
                source[v] = source[s];
            }
        }
    }
    (priority, effective, source)
}

/// A set of small numbers, as bits.
struct Bits {
    words: Vec<u64>,
    /// Whether any bit was set since the last clear.
    any: bool,
}

impl Bits {
    fn new(len: usize) -> Self {
        Bits {
            words: vec![0; len.div_ceil(64)],
            any: false,
        }
    }

    fn clear(&mut self) {
        if self.any {
            self.words.fill(0);
            self.any = false;
        }
    }

    fn set(&mut self, i: usize) {
        self.words[i / 64] |= 1 << (i % 64);
        self.any = true;
    }
}

/// Rows of bits of one width, with a note of which rows are empty so that merging an empty row
/// costs nothing.
struct BitRows {
    words: Vec<u64>,
    /// Words per row.
    width: usize,
    /// Bits per row.
    bits: usize,
    empty: Vec<bool>,
}

impl BitRows {
    fn new(rows: usize, bits: usize) -> Self {
        let width = bits.div_ceil(64);
        BitRows {
            words: vec![0; rows * width],
            width,
            bits,
            empty: vec![true; rows],
        }
    }

    fn row(&self, r: usize) -> &[u64] {
        &self.words[r * self.width..(r + 1) * self.width]
    }

    fn get(&self, r: usize, i: usize) -> bool {
        self.words[r * self.width + i / 64] >> (i % 64) & 1 == 1
    }

    fn set(&mut self, r: usize, i: usize) {
        self.words[r * self.width + i / 64] |= 1 << (i % 64);
        self.empty[r] = false;
    }

    /// The first bit from `from` on (below the row's length) that neither row `r` nor `bits`
    /// holds.
    fn next_unreached(&self, r: usize, bits: &Bits, from: usize) -> Option<usize> {
        let row = self.row(r);
        let mut w = from / 64;
        let mut mask = u64::MAX << (from % 64);
        while w < self.width {
            let open = !(row[w] | bits.words[w]) & mask;
            if open != 0 {
                let i = w * 64 + open.trailing_zeros() as usize;
                return (i < self.bits).then_some(i);
            }
            w += 1;
            mask = u64::MAX;
        }
        None
    }

    /// Row `r` merged into `bits`.
    fn or_row_into(&self, r: usize, bits: &mut Bits) {
        if !self.empty[r] {
            for (w, x) in bits.words.iter_mut().zip(self.row(r)) {
                *w |= x;
            }
            bits.any = true;
        }
    }

    /// `bits` merged into row `r`.
    fn or_into_row(&mut self, r: usize, bits: &Bits) {
        for (w, x) in self.words[r * self.width..(r + 1) * self.width]
            .iter_mut()
            .zip(&bits.words)
        {
            *w |= x;
        }
        self.empty[r] = false;
    }

    /// Row `from` merged into row `to`.
    fn or_row_into_row(&mut self, from: usize, to: usize) {
        if self.empty[from] || from == to {
            return;
        }
        for k in 0..self.width {
            self.words[to * self.width + k] |= self.words[from * self.width + k];
        }
        self.empty[to] = false;
    }

    /// Keep only the first `rows` rows.
    fn truncate(&mut self, rows: usize) {
        self.words.truncate(rows * self.width);
        self.empty.truncate(rows);
    }
}
