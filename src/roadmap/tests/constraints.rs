//! The level-order constraints, checked against the rule as the module doc states it, worked
//! out the slow way: each pair of a domain's levels in turn, with a search of the graph for
//! each.

use super::*;
use crate::questionnaire::{Action, Effort};
use crate::roadmap::constraints::Graph;
use crate::roadmap::plan::Catalogue;

/// SplitMix64, seeded.
struct Rng(u64);

impl Rng {
    fn below(&mut self, n: u64) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        (z ^ (z >> 31)) % n
    }
}

/// A questionnaire of `domains` domains and `n` actions at random levels, each depending on
/// up to `deps` earlier ones in any domain.
fn random_questionnaire(rng: &mut Rng, domains: usize, n: usize, deps: u64) -> Questionnaire {
    let mut yaml = String::from("id: r\ntitle: R\nscale: {min: 1, max: 5}\ndomains:\n");
    for d in 0..domains {
        yaml.push_str(&format!(
            "  - {{id: d{d}, name: D{d}, questions: [{{id: Q{d}, text: Q{d}}}]}}\n"
        ));
    }
    let mut q = questionnaire(&yaml);
    for i in 0..n {
        let depends_on = (0..rng.below(deps + 1))
            .filter(|_| i > 0)
            .map(|_| format!("A{:03}", rng.below(i as u64)))
            .collect();
        let d = rng.below(domains as u64) as usize;
        q.domains[d].actions.push(Action {
            id: format!("A{i:03}"),
            title: "T".into(),
            description: String::new(),
            lifts_to: 2 + rng.below(4) as u32,
            effort: Effort::Small,
            impact: 3,
            owner: "O".into(),
            depends_on,
            measure: "M".into(),
        });
    }
    q
}

/// The soft edges by the rule: per domain, pairs (lower, higher) in order of (level, id) of
/// the lower then of the higher, each added unless one end already reaches the other.
fn slow_soft_edges(catalogue: &Catalogue<'_>, graph: &Graph) -> Vec<Vec<usize>> {
    let n = graph.nodes.len();
    let mut succ: Vec<Vec<usize>> = vec![Vec::new(); n];
    for (v, preds) in graph.hard.iter().enumerate() {
        for &u in preds {
            succ[u].push(v);
        }
    }
    let reaches = |succ: &Vec<Vec<usize>>, from: usize, to: usize| {
        let mut seen = vec![false; n];
        let mut stack = vec![from];
        while let Some(v) = stack.pop() {
            if v == to {
                return true;
            }
            for &s in &succ[v] {
                if !std::mem::replace(&mut seen[s], true) {
                    stack.push(s);
                }
            }
        }
        false
    };
    let mut keyed: Vec<(usize, u32, &str, usize)> = (0..n)
        .map(|v| {
            let (d, a) = catalogue.actions[graph.nodes[v]];
            (d, a.lifts_to, a.id.as_str(), v)
        })
        .collect();
    keyed.sort_unstable();
    let mut soft = vec![Vec::new(); n];
    for (k, &(d, lower, _, b)) in keyed.iter().enumerate() {
        for &(d2, higher, _, a) in &keyed[k + 1..] {
            if d2 == d && higher > lower && !reaches(&succ, b, a) && !reaches(&succ, a, b) {
                soft[a].push(b);
                succ[b].push(a);
            }
        }
    }
    soft
}

#[test]
fn the_level_order_constraints_are_those_of_the_rule_over_random_graphs() {
    let mut rng = Rng(11);
    let mut added = 0;
    let mut dropped = 0;
    for case in 0..400 {
        // Domains, size and dependencies each run through their values.
        let (domains, n, deps) = (1 + case % 4, [8, 20, 45, 90][case / 4 % 4], case / 16 % 4);
        let q = random_questionnaire(&mut rng, domains, n, deps as u64);
        let catalogue = Catalogue::new(&q);
        let chosen: Vec<bool> = (0..n).map(|_| rng.below(5) > 0).collect();
        let graph = Graph::new(&catalogue, &chosen);
        let slow = slow_soft_edges(&catalogue, &graph);
        assert_eq!(graph.soft, slow, "case {case}");
        added += slow.iter().map(Vec::len).sum::<usize>();
        let pairs: usize = (0..graph.nodes.len())
            .map(|v| {
                let (d, a) = catalogue.actions[graph.nodes[v]];
                (0..graph.nodes.len())
                    .filter(|&u| {
                        let (du, au) = catalogue.actions[graph.nodes[u]];
                        du == d && au.lifts_to < a.lifts_to
                    })
                    .count()
            })
            .sum();
        dropped += pairs - slow.iter().map(Vec::len).sum::<usize>();
    }
    // The cases reach both outcomes, many times.
    assert!(
        added > 10_000 && dropped > 10_000,
        "added {added}, dropped {dropped}"
    );
}
