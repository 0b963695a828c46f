//! Bounded memory with many distinct scores (binning), and scoring in parts (fork and merge).

use super::*;
use crate::scoring::bins::{CELL_BUDGET, FIRST_LEVEL};

/// Weights of no common pattern (integer weights 1130713, 872941, ...): nearly every answer
/// pattern of a domain is a distinct score.
const UNEQUAL: [&str; 8] = [
    "1.130713", "0.872941", "1.290377", "2.076113", "0.712779", "1.510163", "0.932317", "1.774129",
];

/// A questionnaire of `domains` domains of 8 questions with the weights above (the last
/// question of each reversed).
fn unequal(domains: usize) -> Questionnaire {
    let mut yaml = String::from("id: bins\ntitle: Bins\nversion: \"1\"\nscale: {min: 1, max: 5}\n");
    yaml.push_str("domains:\n");
    for d in 0..domains {
        yaml.push_str(&format!("  - id: d{d}\n    name: D{d}\n    questions:\n"));
        for (i, w) in UNEQUAL.iter().enumerate() {
            let reverse = i == 7;
            yaml.push_str(&format!(
                "      - {{id: q{d}{i}, text: S{d}.{i}, weight: {w}, reverse: {reverse}}}\n"
            ));
        }
    }
    questionnaire(&yaml)
}

/// `n` generated rows for `questions` questions: answers 1 to 5 (one in 50 missing), a team
/// out of `teams` and a role out of 3, from a fixed linear congruential sequence. Team `t0`
/// leans high, so that comparisons have something to find.
fn generated(n: usize, questions: usize, teams: u64) -> Vec<(Vec<Answer>, Vec<String>)> {
    let mut state: u64 = 0x2545_f491_4f6c_dd1d;
    let mut next = move |below: u64| {
        state = state
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        (state >> 33) % below
    };
    (0..n)
        .map(|_| {
            let team = next(teams);
            let role = next(3);
            let answers = (0..questions)
                .map(|_| match next(50) {
                    0 => M,
                    _ => {
                        let x = 1 + next(5) as i32;
                        v(if team == 0 {
                            x.max(1 + next(5) as i32)
                        } else {
                            x
                        })
                    }
                })
                .collect();
            (answers, vec![format!("t{team}"), format!("r{role}")])
        })
        .collect()
}

/// A scorer grouping by `columns` of the generated columns (team, role), with `budget` cells
/// a domain (the default when `None`), fed `rows`.
fn fed(
    q: &Questionnaire,
    columns: usize,
    budget: Option<usize>,
    rows: &[(Vec<Answer>, Vec<String>)],
) -> Scorer {
    let names: Vec<String> = ["team", "role"][..columns]
        .iter()
        .map(|c| c.to_string())
        .collect();
    let mut scorer = Scorer::new(q, &names);
    if let Some(budget) = budget {
        scorer.cell_budget = budget;
    }
    feed(&mut scorer, rows);
    scorer
}

fn feed(scorer: &mut Scorer, rows: &[(Vec<Answer>, Vec<String>)]) {
    for (answers, groups) in rows {
        let codes = answer_codes(answers, &scorer.questionnaire.scale);
        scorer.add(&Row::new(&codes, groups)).expect("row accepted");
    }
}

impl Scorer {
    /// The (score, count) entries the scorer holds for the domains and their groups: exact
    /// slots, or the whole bin vector once binned, plus every group's entries.
    fn stored_entries(&self) -> usize {
        let own: usize = self
            .domains
            .iter()
            .map(|d| d.binned.as_ref().map_or(d.raws.len(), |b| b.counts.len()))
            .sum();
        let groups: usize = self
            .columns
            .iter()
            .flat_map(|c| &c.groups)
            .flat_map(|g| &g.counts)
            .map(|counts| counts.cells())
            .sum();
        own + groups
    }
}

/// Entries of every distribution of an assessment (domains and shown groups).
fn distribution_entries(a: &Assessment) -> usize {
    a.domains
        .iter()
        .map(|d| {
            d.stats.distribution.len()
                + d.groups
                    .iter()
                    .filter_map(|g| g.stats.as_ref())
                    .map(|s| s.distribution.len())
                    .sum::<usize>()
        })
        .sum()
}

#[test]
fn many_distinct_scores_stay_within_the_cell_budget() {
    // 5 domains, so 2^18 / 5 = 52,428 cells each; 40,000 rows give nearly 40,000 distinct
    // scores a domain and as many group entries a column: about 80,000 cells a domain with one
    // column, 120,000 with two. Without bins the scorer would hold some 400,000 or 600,000.
    let q = unequal(5);
    let rows = generated(40_000, 40, 50);
    for columns in [1, 2] {
        let scorer = fed(&q, columns, None, &rows);
        let bound = CELL_BUDGET + 5 * (1 << FIRST_LEVEL);
        let stored = scorer.stored_entries();
        assert!(stored <= bound, "{stored} entries stored, bound {bound}");
        assert!(scorer.domains.iter().all(|d| d.cells <= scorer.cell_budget));
        let a = scorer.finish(5, InputCounts::default());
        assert!(distribution_entries(&a) <= CELL_BUDGET);
        for d in &a.domains {
            // Never finer than 2^12 bins of the range 4; the teams' ~800 rows each take some
            // 730 of them, 50 teams and the domain's 4,096 well under the share.
            let width = d.distribution_bin_width.expect("binned");
            assert_eq!(width, 4.0 / 4096.0);
        }
    }
}

#[test]
fn a_thousand_groups_keep_the_bound() {
    let q = unequal(5);
    let rows = generated(20_000, 40, 1000);
    let scorer = fed(&q, 1, None, &rows);
    assert!(scorer.stored_entries() <= CELL_BUDGET + 5 * (1 << FIRST_LEVEL));
}

#[test]
fn binned_domains_keep_exact_figures_and_close_rank_tests() {
    // The same rows scored exactly (a budget no row reaches) and binned (a small one).
    let q = unequal(2);
    let rows = generated(6_000, 16, 12);
    let exact = fed(&q, 1, Some(usize::MAX), &rows).finish(5, InputCounts::default());
    let binned = fed(&q, 1, Some(10_000), &rows).finish(5, InputCounts::default());
    for (e, b) in exact.domains.iter().zip(&binned.domains) {
        assert_eq!(e.distribution_bin_width, None);
        assert!(b.distribution_bin_width.is_some());
        let (es, bs) = (&e.stats, &b.stats);
        assert_eq!(es.n, bs.n);
        // Mean and sd from exact sums of positions on a grid of 4/2^40: within 1e-11.
        close(bs.mean, es.mean.expect("mean"), 1e-11);
        close(bs.sd, es.sd.expect("sd"), 1e-11);
        close(bs.percent, es.percent.expect("percent"), 1e-9);
        assert_eq!(es.level, bs.level);
        // Alpha and the questions do not depend on the scores' histogram at all.
        assert_eq!(e.alpha, b.alpha);
        assert_eq!(e.questions, b.questions);
        for (eg, bg) in e.groups.iter().zip(&b.groups) {
            let (eg, bg) = (
                eg.stats.as_ref().expect("shown"),
                bg.stats.as_ref().expect("shown"),
            );
            close(bg.mean, eg.mean.expect("mean"), 1e-11);
            close(bg.sd, eg.sd.expect("sd"), 1e-11);
        }
    }
    // 12 teams: each against the rest of the column.
    assert_eq!(exact.comparisons.len(), binned.comparisons.len());
    let mut largest = 0.0_f64;
    for (ce, cb) in exact.comparisons.iter().zip(&binned.comparisons) {
        assert!(ce.versus_rest && cb.versus_rest);
        close(cb.mean_difference, ce.mean_difference.expect("gap"), 1e-11);
        let d = binned
            .domains
            .iter()
            .find(|d| d.id == cb.domain)
            .expect("domain");
        let a = &d.groups.iter().find(|g| g.value == cb.a).expect("group");
        let a = &a.stats.as_ref().expect("shown").distribution;
        let total = d.groups.iter().filter_map(|g| g.stats.as_ref()).fold(
            Distribution::new(),
            |mut t, s| {
                for (&v, &c) in &s.distribution {
                    *t.entry(v).or_insert(0) += c;
                }
                t
            },
        );
        let rest: Distribution = total
            .iter()
            .map(|(v, &c)| (*v, c - a.get(v).copied().unwrap_or(0)))
            .filter(|&(_, c)| c > 0)
            .collect();
        let (low, high) = p_bounds(a, &rest);
        let p = ce.p_value.expect("p");
        assert!(low <= p && p <= high, "exact p {p} outside [{low}, {high}]");
        assert!(high - low < 0.05, "bound [{low}, {high}] too wide");
        largest = largest.max((p - cb.p_value.expect("p")).abs());
    }
    // Observed: the binned p stays much closer than the bound.
    assert!(largest < 0.01, "largest difference {largest}");
}

/// The range the exact p-value of a Mann-Whitney test lies in when only the binned
/// histograms `a` and `b` are known (docs/statistics.md, "Many distinct scores"): `U` within
/// `½ Σ a_i b_i` of the binned one, the variance between the binned ties' and no ties'.
fn p_bounds(a: &Distribution, b: &Distribution) -> (f64, f64) {
    let test = stats::mann_whitney(a, b).expect("test");
    let (na, nb) = (
        a.values().sum::<u64>() as f64,
        b.values().sum::<u64>() as f64,
    );
    let n = na + nb;
    let shared: f64 = a
        .iter()
        .map(|(v, &c)| c as f64 * b.get(v).copied().unwrap_or(0) as f64)
        .sum();
    let slack = shared / 2.0;
    let ties: f64 = {
        let mut all = a.clone();
        for (&v, &c) in b {
            *all.entry(v).or_insert(0) += c;
        }
        all.values().map(|&t| (t as f64).powi(3) - t as f64).sum()
    };
    let sigma_low = (na * nb / 12.0 * ((n + 1.0) - ties / (n * (n - 1.0)))).sqrt();
    let sigma_high = (na * nb / 12.0 * (n + 1.0)).sqrt();
    let centre = (test.u - na * nb / 2.0).abs();
    let (far, near) = (centre + slack - 0.5, (centre - slack).max(0.0) - 0.5);
    let z_high = if far > 0.0 {
        far / sigma_low
    } else {
        far / sigma_high
    };
    let z_low = if near >= 0.0 {
        near / sigma_high
    } else {
        near / sigma_low
    };
    let p = |z: f64| {
        let normal = statrs::distribution::Normal::standard();
        (2.0 * statrs::distribution::ContinuousCDF::sf(&normal, z)).clamp(0.0, 1.0)
    };
    (p(z_high), p(z_low))
}

#[test]
fn the_rank_test_from_ties_is_the_histograms_test() {
    let a: Distribution = [("1", 3), ("5/2", 2), ("4", 1)]
        .iter()
        .map(|(v, c)| (v.parse().expect("score"), *c))
        .collect();
    let b: Distribution = [("2", 2), ("5/2", 1), ("4", 4)]
        .iter()
        .map(|(v, c)| (v.parse().expect("score"), *c))
        .collect();
    // Values 1, 2, 5/2, 4: a has 3, 0, 2, 1; b has 0, 2, 1, 4.
    let ties = [(3, 0), (0, 2), (2, 1), (1, 4)];
    assert_eq!(stats::mann_whitney(&a, &b), stats::mann_whitney_ties(ties));
    // U_a: the 3 ones beat nothing; the two 5/2 beat b's two 2s and tie its 5/2 (2·2 + 2·½);
    // the 4 beats b's 2s and 5/2 and ties its four 4s (3 + 4·½): 5 + 5 = 10.
    assert_eq!(stats::mann_whitney_ties(ties).map(|t| t.u), Some(10.0));
    assert_eq!(stats::mann_whitney_ties([(3, 0)]), None);
}

/// The JSON of the assessment of `rows` scored in one pass, and scored in parts split at
/// `cuts`, each part in its own forked scorer merged in order.
fn single_and_parts(
    q: &Questionnaire,
    columns: usize,
    budget: usize,
    rows: &[(Vec<Answer>, Vec<String>)],
    cuts: &[usize],
) -> (String, String) {
    let single = to_json(&fed(q, columns, Some(budget), rows).finish(5, InputCounts::default()));
    let mut first = fed(q, columns, Some(budget), &rows[..cuts[0]]);
    let bounds: Vec<usize> = cuts.iter().copied().chain([rows.len()]).collect();
    for pair in bounds.windows(2) {
        let mut part = first.fork();
        feed(&mut part, &rows[pair[0]..pair[1]]);
        first.merge(part).expect("merge");
    }
    (single, to_json(&first.finish(5, InputCounts::default())))
}

#[test]
fn forked_parts_merge_into_the_single_pass() {
    let q = unequal(2);
    let rows = generated(3_000, 16, 12);
    // Exact scores throughout; binned in the whole but not in the first parts; binned
    // everywhere (the budget of one bin's worth).
    for budget in [usize::MAX, 3_000, 40] {
        for cuts in [
            &[0][..],
            &[1],
            &[200],
            &[1_500],
            &[2_999],
            &[3_000],
            &[100, 900, 2_000],
        ] {
            for columns in [1, 2] {
                let (single, parts) = single_and_parts(&q, columns, budget, &rows, cuts);
                assert!(
                    single == parts,
                    "budget {budget}, cuts {cuts:?}, columns {columns}"
                );
            }
        }
    }
    // The binned cases did bin, differently: the test covers levels meeting in a merge.
    let whole = fed(&q, 1, Some(3_000), &rows).finish(5, InputCounts::default());
    let part = fed(&q, 1, Some(3_000), &rows[..200]).finish(5, InputCounts::default());
    assert!(whole.domains[0].distribution_bin_width.is_some());
    assert_eq!(part.domains[0].distribution_bin_width, None);
}

#[test]
fn a_merge_past_the_group_cap_fails_and_changes_nothing() {
    let q = unequal(1);
    let row = |team: usize| (vec![v(3); 8], vec![format!("t{team}")]);
    let early: Vec<_> = (0..600).map(row).collect();
    let late: Vec<_> = (300..1_200).map(row).collect();
    let mut first = fed(&q, 1, None, &early);
    let before = to_json(&first.clone().finish(5, InputCounts::default()));
    let mut part = first.fork();
    feed(&mut part, &late);
    // 600 + 900 - 300 shared = 1,200 values: the single pass fails at the 1,001st.
    assert_eq!(
        first.merge(part),
        Err(ScoreError::TooManyGroupValues {
            column: "team".into(),
            limit: MAX_GROUP_VALUES
        })
    );
    assert_eq!(to_json(&first.finish(5, InputCounts::default())), before);
}
