//! Groups in the report: which groups of a column a domain shows, withholds or finds too small;
//! the heatmap of each group-by column; and the differences between groups that remain
//! unlikely to be chance once the p-values of the whole report are adjusted together (Holm).
//!
//! A group too small to show is counted, never named. A group hidden only so that a smaller
//! one cannot be worked out by subtraction (secondary suppression) is named as withheld, with
//! no figure. The wording is [`hidden_sentence`], used by every output that lists groups.

use super::narrative::{self, Gap, NO_GAP_FOUND, SIGNIFICANCE};
use super::view::{ComparisonView, GapView, HeatTableView};
use crate::charts::{self, HeatCell, HeatRow};
use crate::format::{self, MISSING, join_words};
use crate::questionnaire::Questionnaire;
use crate::scoring::export::domain_name;
use crate::scoring::{Assessment, Comparison, DomainResult, GroupResult, GroupStats};
use anyhow::Result;
use std::collections::BTreeSet;

/// The most differences between groups stated in words per group-by column.
pub const MAX_FINDINGS: usize = 5;

/// The most rows of the pairwise table per group-by column in the report's appendix.
pub const MAX_TABLE_ROWS: usize = 15;

/// What a report says of the groups of a column it does not show: the withheld ones by name,
/// the ones too small to show by number only. `None` when every group is shown.
pub fn hidden_sentence(withheld: &[&str], too_small: usize) -> Option<String> {
    let mut parts = Vec::new();
    if !withheld.is_empty() {
        let names: Vec<String> = withheld.iter().map(|s| s.to_string()).collect();
        parts.push(format!(
            "Withheld so that a smaller group cannot be worked out by subtraction: {}.",
            join_words(&names)
        ));
    }
    match too_small {
        0 => {}
        1 => parts.push("Not shown on their own (too few people): one group.".into()),
        n => parts.push(format!(
            "Not shown on their own (too few people): {n} groups."
        )),
    }
    (!parts.is_empty()).then(|| parts.join(" "))
}

/// A group hidden in one domain only so that a smaller group cannot be worked out by
/// subtraction.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct WithheldGroup<'a> {
    /// The domain's id.
    pub domain: &'a str,
    /// The group-by column.
    pub column: &'a str,
    /// The group's value.
    pub value: &'a str,
}

/// The groups the assessment withheld by secondary suppression (its domains' `withheld`
/// lists), domain by domain.
pub fn withheld_groups(a: &Assessment) -> Vec<WithheldGroup<'_>> {
    a.domains
        .iter()
        .flat_map(|d| {
            d.withheld.iter().map(move |w| WithheldGroup {
                domain: &d.id,
                column: &w.column,
                value: &w.value,
            })
        })
        .collect()
}

/// How one group stands in one domain.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Visibility<'a> {
    /// Shown, with its figures.
    Shown(&'a GroupStats),
    /// Withheld so that a smaller group cannot be worked out.
    Withheld,
    /// Too few people to show.
    TooSmall,
    /// Shown, but nobody in the group answered the domain.
    NoAnswers,
}

/// How group `g` of domain `d` stands.
pub fn visibility<'a>(
    d: &DomainResult,
    g: &'a GroupResult,
    withheld: &[WithheldGroup],
) -> Visibility<'a> {
    match &g.stats {
        Some(stats) if !g.suppressed && stats.n == 0 => Visibility::NoAnswers,
        Some(stats) if !g.suppressed => Visibility::Shown(stats),
        _ if withheld
            .iter()
            .any(|w| w.domain == d.id && w.column == g.column && w.value == g.value) =>
        {
            Visibility::Withheld
        }
        _ => Visibility::TooSmall,
    }
}

/// The groups of one column across the domains: those shown in at least one domain and those
/// withheld in at least one (both named, in order of value; a group withheld in one domain and
/// shown in another is in both lists), and how many are neither.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct ColumnGroups<'a> {
    /// Groups with figures in at least one domain.
    pub shown: Vec<&'a str>,
    /// Groups withheld in at least one domain.
    pub withheld: Vec<&'a str>,
    /// Groups never shown nor withheld: too small everywhere.
    pub too_small: usize,
}

impl<'a> ColumnGroups<'a> {
    /// The groups of `column` in `a`. Every domain accounts for each group of the column, listed
    /// (shown, withheld, without answers, or suppressed in an assessment read back from an
    /// older layout) or counted as too small, so the column's number of groups is the most any
    /// domain accounts for; those neither shown nor withheld anywhere are too small.
    pub fn of(a: &'a Assessment, column: &str, withheld: &[WithheldGroup]) -> ColumnGroups<'a> {
        let mut shown = BTreeSet::new();
        let mut held = BTreeSet::new();
        let mut total = 0;
        for d in &a.domains {
            let mut in_domain = 0;
            for g in d.groups.iter().filter(|g| g.column == column) {
                in_domain += 1;
                match visibility(d, g, withheld) {
                    Visibility::Shown(_) => shown.insert(g.value.as_str()),
                    Visibility::Withheld => held.insert(g.value.as_str()),
                    Visibility::TooSmall | Visibility::NoAnswers => false,
                };
            }
            in_domain += d.too_small_in(column);
            total = total.max(in_domain);
        }
        let named = shown.union(&held).count();
        ColumnGroups {
            too_small: total.saturating_sub(named),
            shown: shown.into_iter().collect(),
            withheld: held.into_iter().collect(),
        }
    }

    /// The sentence on the groups not shown, if any.
    pub fn hidden_sentence(&self) -> Option<String> {
        hidden_sentence(&self.withheld, self.too_small)
    }
}

/// The Holm-adjusted p-value of every comparison of the assessment, in its order: one family
/// per report, so that "unlikely to be chance" keeps its meaning however many groups there are.
pub fn adjusted_p_values(a: &Assessment) -> Vec<Option<f64>> {
    a.comparisons.iter().map(|c| c.p_adjusted).collect()
}

/// A comparison with its adjusted p-value.
#[derive(Debug, Clone, Copy)]
pub struct Tested<'a> {
    /// The comparison.
    pub comparison: &'a Comparison,
    /// Its Holm-adjusted p-value.
    pub adjusted: Option<f64>,
}

impl<'a> Tested<'a> {
    /// Whether the difference is unlikely to be chance after the adjustment.
    pub fn significant(&self) -> bool {
        self.adjusted.is_some_and(|p| p < SIGNIFICANCE)
    }

    /// The size of the difference, for ordering (an untested one counts as 0).
    fn size(&self) -> f64 {
        self.comparison.mean_difference.map_or(0.0, f64::abs)
    }

    /// The facts of this difference for a sentence, with the adjusted p-value.
    pub fn gap<'b>(&self, q: &Questionnaire, a: &'b Assessment) -> Gap<'b>
    where
        'a: 'b,
    {
        Gap {
            p: self.adjusted,
            ..Gap::of(q, a, self.comparison)
        }
    }
}

/// Every comparison with its adjusted p-value, in the assessment's order.
pub fn tested(a: &Assessment) -> Vec<Tested<'_>> {
    a.comparisons
        .iter()
        .zip(adjusted_p_values(a))
        .map(|(comparison, adjusted)| Tested {
            comparison,
            adjusted,
        })
        .collect()
}

/// The differences unlikely to be chance after adjustment, largest first (ties in the
/// assessment's order).
pub fn significant<'a>(all: &[Tested<'a>]) -> Vec<Tested<'a>> {
    let mut out: Vec<Tested> = all.iter().copied().filter(Tested::significant).collect();
    out.sort_by(|x, y| y.size().total_cmp(&x.size()));
    out
}

/// The perception gaps: one entry per group-by column with at least two groups shown.
pub fn gap_views(q: &Questionnaire, a: &Assessment) -> Result<Vec<GapView>> {
    let withheld = withheld_groups(a);
    let all = tested(a);
    let mut out = Vec::new();
    for column in &a.group_by {
        let groups = ColumnGroups::of(a, column, &withheld);
        if groups.shown.len() < 2 {
            continue;
        }
        let of_column: Vec<Tested> = all
            .iter()
            .copied()
            .filter(|t| &t.comparison.column == column)
            .collect();
        let found = significant(&of_column);
        let mut findings: Vec<String> = found
            .iter()
            .take(MAX_FINDINGS)
            .map(|t| narrative::gap_sentence(&t.gap(q, a)))
            .collect();
        if findings.is_empty() {
            findings.push(NO_GAP_FOUND.into());
        }
        let (columns, rows) = heat_rows(a, column, &groups, &withheld);
        out.push(GapView {
            column: column.clone(),
            svg: charts::heatmap(
                &format!("Percent of the scale by {column}"),
                &columns,
                &rows,
            )?,
            table: HeatTableView {
                rows: rows
                    .iter()
                    .map(|r| {
                        std::iter::once(r.label.clone())
                            .chain(r.cells.iter().map(cell_text))
                            .collect()
                    })
                    .collect(),
                columns,
            },
            findings,
            more_findings: found.len().saturating_sub(MAX_FINDINGS),
            tests: of_column.iter().filter(|t| t.adjusted.is_some()).count(),
            rows: table_rows(&of_column)
                .iter()
                .map(|t| comparison_view(q, a, t))
                .collect(),
            rows_left_out: of_column.len().saturating_sub(MAX_TABLE_ROWS),
            suppressed: groups.hidden_sentence().unwrap_or_default(),
        });
    }
    Ok(out)
}

/// The rows of a column's pairwise table: all of them up to [`MAX_TABLE_ROWS`]; beyond, the
/// ones with the smallest adjusted p-values (largest difference first among equals), in the
/// assessment's order.
fn table_rows<'a>(of_column: &[Tested<'a>]) -> Vec<Tested<'a>> {
    if of_column.len() <= MAX_TABLE_ROWS {
        return of_column.to_vec();
    }
    let mut ranked: Vec<(usize, Tested)> = of_column.iter().copied().enumerate().collect();
    ranked.sort_by(|(_, x), (_, y)| {
        let p = |t: &Tested| t.adjusted.unwrap_or(f64::INFINITY);
        p(x).total_cmp(&p(y)).then(y.size().total_cmp(&x.size()))
    });
    ranked.truncate(MAX_TABLE_ROWS);
    ranked.sort_by_key(|(i, _)| *i);
    ranked.into_iter().map(|(_, t)| t).collect()
}

fn comparison_view(q: &Questionnaire, a: &Assessment, t: &Tested) -> ComparisonView {
    let c = t.comparison;
    ComparisonView {
        domain: domain_name(a, &c.domain).to_string(),
        a: c.a.clone(),
        b: c.b.clone(),
        difference: c.mean_difference.map_or_else(
            || MISSING.into(),
            |m| format!("{:+.1}", narrative::difference_points(q, m)),
        ),
        p: format::p_column(c.p_value),
        p_adjusted: format::p_column(t.adjusted),
        effect: format::decimals(c.rank_biserial, 2),
        reading: match t.adjusted {
            Some(p) if p < SIGNIFICANCE => "unlikely to be chance".into(),
            Some(_) => "could be chance".into(),
            None => "too few answers to test".into(),
        },
    }
}

/// The heatmap of one column: its columns (everyone first, then each named group: shown or
/// withheld somewhere) and a row per domain.
fn heat_rows(
    a: &Assessment,
    column: &str,
    groups: &ColumnGroups,
    withheld: &[WithheldGroup],
) -> (Vec<String>, Vec<HeatRow>) {
    let mut named: Vec<&str> = groups.shown.clone();
    named.extend(groups.withheld.iter().filter(|v| !groups.shown.contains(v)));
    named.sort_unstable();
    let mut columns = vec!["All".to_string()];
    columns.extend(named.iter().map(|s| s.to_string()));
    let rows: Vec<HeatRow> =
        a.domains
            .iter()
            .map(|d| HeatRow {
                label: d.name.clone(),
                cells: std::iter::once(d.stats.percent.map_or(HeatCell::TooFew, |p| {
                    HeatCell::Value {
                        percent: p,
                        difference: None,
                    }
                }))
                .chain(
                    named
                        .iter()
                        .map(|value| heat_cell(d, column, value, withheld)),
                )
                .collect(),
            })
            .collect();
    (columns, rows)
}

/// A heatmap cell in words, for the Markdown table: "31% (−12)", "withheld", "too few".
pub fn cell_text(cell: &HeatCell) -> String {
    match cell {
        HeatCell::Value {
            percent,
            difference,
        } => match difference {
            Some(d) => format!(
                "{} ({})",
                format::whole_percent(*percent),
                charts::signed(*d)
            ),
            None => format::whole_percent(*percent),
        },
        HeatCell::Withheld => "withheld".into(),
        HeatCell::TooFew => "too few".into(),
        HeatCell::NoAnswers => "no answers".into(),
    }
}

/// The cell of group `value` of `column` in domain `d`.
fn heat_cell(d: &DomainResult, column: &str, value: &str, withheld: &[WithheldGroup]) -> HeatCell {
    let Some(g) = d
        .groups
        .iter()
        .find(|g| g.column == column && g.value == value)
    else {
        return HeatCell::TooFew;
    };
    match visibility(d, g, withheld) {
        Visibility::Shown(stats) => match stats.percent {
            Some(p) => HeatCell::Value {
                percent: p,
                difference: d.stats.percent.map(|all| p - all),
            },
            None => HeatCell::TooFew,
        },
        Visibility::Withheld => HeatCell::Withheld,
        Visibility::TooSmall => HeatCell::TooFew,
        Visibility::NoAnswers => HeatCell::NoAnswers,
    }
}
