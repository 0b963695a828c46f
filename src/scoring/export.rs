//! The assessment's layouts: its CSV (for spreadsheets, 6 decimals) and its plain-text table
//! (for a terminal or an e-mail, rounded for reading). Its JSON is [`crate::export::Json`]'s,
//! the same for every document.

use super::{Assessment, Comparison, DomainResult};
use crate::export::csv::{CsvDocument, Field};
use crate::export::grid::{Align, Grid};
use crate::export::{AssessmentExporter, Csv, Table};
use crate::format::{self, clean};
use crate::report::groups::{Visibility, hidden_sentence, visibility, withheld_groups};
use anyhow::Result;
use std::fmt::Write as _;

/// The header of the assessment's CSV.
pub const CSV_COLUMNS: [&str; 21] = [
    "scope",
    "domain",
    "column",
    "group",
    "suppressed",
    "n",
    "mean",
    "sd",
    "ci95_low",
    "ci95_high",
    "percent",
    "level",
    "level_name",
    "alpha",
    "alpha_n",
    "versus",
    "n_versus",
    "mean_difference",
    "p",
    "p_adjusted",
    "rank_biserial",
];

impl AssessmentExporter for Csv {
    /// A header ([`CSV_COLUMNS`]), an `overall` row, then per domain a `domain` row followed by
    /// one `group` row per group (a withheld group's statistics empty), then one per group too
    /// small to show, with an empty value and statistics: counted, never named. Then every
    /// comparison between two shown groups, the full pairwise table: a `comparison` row with
    /// the first group in `group` and `n`, the second in `versus` and `n_versus`, and the
    /// difference of means, the p-value, the Holm-adjusted p-value and the effect size in the
    /// last columns (empty on every other row). Numbers have 6 decimals.
    fn assessment(&self, assessment: &Assessment) -> Result<String> {
        let mut doc = CsvDocument::with_header(&CSV_COLUMNS)?;
        let o = &assessment.overall;
        doc.row(padded([
            Field::plain("overall"),
            Field::empty(),
            Field::empty(),
            Field::empty(),
            Field::empty(),
            Field::plain(assessment.respondents.scored),
            Field::empty(),
            Field::empty(),
            Field::empty(),
            Field::empty(),
            Field::fixed6(o.percent),
            level_field(o.level),
            Field::Text(o.level_name.as_deref().unwrap_or("")),
            Field::empty(),
            Field::empty(),
        ]))?;
        for d in &assessment.domains {
            doc.row(padded([
                Field::plain("domain"),
                Field::Text(&d.id),
                Field::empty(),
                Field::empty(),
                Field::plain(false),
                Field::plain(d.stats.n),
                Field::fixed6(d.stats.mean),
                Field::fixed6(d.stats.sd),
                Field::fixed6(d.stats.ci95.map(|c| c[0])),
                Field::fixed6(d.stats.ci95.map(|c| c[1])),
                Field::fixed6(d.stats.percent),
                level_field(d.stats.level),
                Field::Text(d.stats.level_name.as_deref().unwrap_or("")),
                Field::fixed6(d.alpha),
                Field::plain(d.alpha_n),
            ]))?;
            for g in &d.groups {
                let s = g.stats.as_ref();
                doc.row(padded([
                    Field::plain("group"),
                    Field::Text(&d.id),
                    Field::Text(&g.column),
                    Field::Text(&g.value),
                    Field::plain(g.suppressed),
                    s.map_or_else(Field::empty, |s| Field::plain(s.n)),
                    Field::fixed6(s.and_then(|s| s.mean)),
                    Field::fixed6(s.and_then(|s| s.sd)),
                    Field::fixed6(s.and_then(|s| s.ci95).map(|c| c[0])),
                    Field::fixed6(s.and_then(|s| s.ci95).map(|c| c[1])),
                    Field::fixed6(s.and_then(|s| s.percent)),
                    level_field(s.and_then(|s| s.level)),
                    Field::Text(s.and_then(|s| s.level_name.as_deref()).unwrap_or("")),
                    Field::empty(),
                    Field::empty(),
                ]))?;
            }
            for t in &d.too_small {
                // One row per group too small to show, its value never written.
                for _ in 0..t.groups {
                    let row = [
                        Field::plain("group"),
                        Field::Text(&d.id),
                        Field::Text(&t.column),
                        Field::empty(),
                        Field::plain(true),
                    ];
                    doc.row(padded(row))?;
                }
            }
        }
        for c in &assessment.comparisons {
            let mut row = vec![
                Field::plain("comparison"),
                Field::Text(&c.domain),
                Field::Text(&c.column),
                Field::Text(&c.a),
                Field::plain(false),
                Field::plain(c.n_a),
            ];
            // The group columns' statistics stay empty: the comparison's own follow.
            row.resize(CSV_COLUMNS.len() - 6, Field::empty());
            row.extend([
                Field::Text(&c.b),
                Field::plain(c.n_b),
                Field::fixed6(c.mean_difference),
                Field::fixed6(c.p_value),
                Field::fixed6(c.p_adjusted),
                Field::fixed6(c.rank_biserial),
            ]);
            doc.row(row)?;
        }
        doc.finish()
    }
}

/// A row's fields followed by empty ones up to the width of [`CSV_COLUMNS`]: the comparison
/// columns are empty on every other row.
fn padded<'a>(fields: impl IntoIterator<Item = Field<'a>>) -> Vec<Field<'a>> {
    let mut fields: Vec<Field<'a>> = fields.into_iter().collect();
    fields.resize(CSV_COLUMNS.len(), Field::empty());
    fields
}

/// A level number, empty when there is none.
fn level_field(level: Option<u32>) -> Field<'static> {
    level.map_or_else(Field::empty, Field::plain)
}

/// The most perception gaps the table states in words (the largest); the JSON has them all.
pub const MAX_GAPS_IN_TABLE: usize = 12;

impl AssessmentExporter for Table {
    /// A summary a consultant can paste into an e-mail: the overall result, a table of the
    /// domains (percent, level, n, 95% interval), the weakest domains first, red flags, the
    /// groups (suppressed ones named as such) and the perception gaps with p < 0.05 in words
    /// (the [`MAX_GAPS_IN_TABLE`] largest by rank-biserial correlation), then notes.
    fn assessment(&self, assessment: &Assessment) -> Result<String> {
        let mut out = String::new();
        heading(&mut out, assessment);
        domains(&mut out, assessment);
        ranking(&mut out, assessment);
        flags(&mut out, assessment);
        if !assessment.group_by.is_empty() {
            groups(&mut out, assessment);
            gaps(&mut out, assessment);
        }
        notes(&mut out, assessment);
        Ok(out)
    }
}

/// The name of the domain with this id, or the id itself when the assessment has no such
/// domain.
pub fn domain_name<'a>(assessment: &'a Assessment, id: &'a str) -> &'a str {
    assessment
        .domains
        .iter()
        .find(|d| d.id == id)
        .map_or(id, |d| d.name.as_str())
}

/// The questionnaire, the respondents and the overall result.
fn heading(out: &mut String, a: &Assessment) {
    let version = if a.questionnaire.version.is_empty() {
        String::new()
    } else {
        format!(", version {}", clean(&a.questionnaire.version))
    };
    let _ = writeln!(
        out,
        "{} ({}{version})",
        clean(&a.questionnaire.title),
        clean(&a.questionnaire.id)
    );
    let r = &a.respondents;
    let _ = writeln!(
        out,
        "Respondents: {} rows, {} scored, {} skipped (no answer at all)",
        r.rows, r.scored, r.skipped
    );
    if r.invalid_cells > 0 {
        let _ = writeln!(out, "Invalid cells read as missing: {}", r.invalid_cells);
    }
    let _ = writeln!(out);
    match a.overall.percent {
        Some(p) => {
            let _ = writeln!(
                out,
                "Overall: {} of the scale, level {}",
                format::percent(Some(p)),
                clean(&format::level(
                    a.overall.level,
                    a.overall.level_name.as_deref()
                ))
            );
        }
        None => {
            let _ = writeln!(out, "Overall: no domain has a score.");
        }
    }
    let _ = writeln!(out);
}

/// The table of the domains.
fn domains(out: &mut String, a: &Assessment) {
    let mut grid = Grid::new(&[
        ("Domain", Align::Left),
        ("Score", Align::Right),
        ("Level", Align::Left),
        ("n", Align::Right),
        ("Mean", Align::Right),
        ("95% CI of the mean", Align::Left),
    ]);
    for d in &a.domains {
        grid.push(vec![
            d.name.as_str().into(),
            format::percent(d.stats.percent).into(),
            format::level(d.stats.level, d.stats.level_name.as_deref()).into(),
            d.stats.n.to_string().into(),
            format::decimals(d.stats.mean, 2).into(),
            d.stats
                .ci95
                .map_or_else(
                    || format::MISSING.to_string(),
                    |c| format!("{:.2} to {:.2}", c[0], c[1]),
                )
                .into(),
        ]);
    }
    out.push_str(&grid.to_text(""));
    let (lo, hi) = (a.questionnaire.scale_min, a.questionnaire.scale_max);
    let _ = writeln!(out, "(Mean and interval on the {lo}-{hi} scale.)");
}

/// The domains with a score, weakest first, and those nobody answered enough of.
fn ranking(out: &mut String, a: &Assessment) {
    let mut ranked: Vec<&DomainResult> = a
        .domains
        .iter()
        .filter(|d| d.stats.percent.is_some())
        .collect();
    ranked.sort_by(|x, y| {
        x.stats
            .percent
            .unwrap_or(0.0)
            .total_cmp(&y.stats.percent.unwrap_or(0.0))
    });
    if !ranked.is_empty() {
        let list: Vec<String> = ranked
            .iter()
            .map(|d| format!("{} ({})", clean(&d.name), format::percent(d.stats.percent)))
            .collect();
        let _ = writeln!(out, "\nWeakest first: {}.", list.join(", "));
    }
    let thin: Vec<String> = a
        .domains
        .iter()
        .filter(|d| d.stats.n == 0)
        .map(|d| clean(&d.name))
        .collect();
    if !thin.is_empty() {
        let _ = writeln!(
            out,
            "No respondent answered enough of: {}.",
            thin.join(", ")
        );
    }
}

/// The raised red flags.
fn flags(out: &mut String, a: &Assessment) {
    if a.flags.is_empty() {
        return;
    }
    let _ = writeln!(out, "\nRed flags raised:");
    for f in &a.flags {
        let _ = writeln!(
            out,
            "  - {}: {}",
            clean(domain_name(a, &f.domain)),
            clean(&f.finding)
        );
    }
}

/// Each group-by column's groups per domain: withheld ones named as withheld, ones too small to
/// show counted (in the report's words, [`hidden_sentence`]).
fn groups(out: &mut String, a: &Assessment) {
    let _ = writeln!(
        out,
        "\nGroups (statistics shown for groups of at least {} respondents):",
        a.min_group_size
    );
    let withheld = withheld_groups(a);
    for column in &a.group_by {
        let _ = writeln!(out, "By {}:", clean(column));
        for d in &a.domains {
            let mut shown = Vec::new();
            let mut held = Vec::new();
            let mut too_small = d.too_small_in(column);
            for g in d.groups.iter().filter(|g| &g.column == column) {
                match visibility(d, g, &withheld) {
                    Visibility::Shown(s) => shown.push(format!(
                        "{} {} (n {})",
                        clean(&g.value),
                        format::percent(s.percent),
                        s.n
                    )),
                    Visibility::NoAnswers => shown.push(format!("{} no answers", clean(&g.value))),
                    Visibility::Withheld => held.push(clean(&g.value)),
                    Visibility::TooSmall => too_small += 1,
                }
            }
            let held: Vec<&str> = held.iter().map(String::as_str).collect();
            let hidden = hidden_sentence(&held, too_small);
            let line = match (shown.is_empty(), hidden) {
                (true, None) => continue,
                (false, None) => shown.join(", "),
                (true, Some(hidden)) => hidden,
                (false, Some(hidden)) => format!("{}. {hidden}", shown.join(", ")),
            };
            let _ = writeln!(out, "  {}: {line}", clean(&d.name));
        }
    }
    if a.domains
        .iter()
        .any(|d| !d.too_small.is_empty() || d.groups.iter().any(|g| g.suppressed))
    {
        let _ = writeln!(
            out,
            "A suppressed group is too small to show without identifying its members, or \
             is hidden so that a smaller one cannot be worked out from the totals."
        );
    }
}

/// The perception gaps with p < 0.05 in words, strongest effect first.
fn gaps(out: &mut String, a: &Assessment) {
    let _ = writeln!(
        out,
        "\nPerception gaps (differences with p < 0.05, largest first):"
    );
    // (comparison, p, mean difference), strongest effect (|rank-biserial|) first; the sort is
    // stable, so equal effects keep the order of the comparisons.
    let mut significant: Vec<(&Comparison, f64, f64)> = a
        .comparisons
        .iter()
        .filter_map(|c| Some((c, c.p_value?, c.mean_difference?)))
        .filter(|&(_, p, _)| p < 0.05)
        .collect();
    significant.sort_by(|x, y| {
        let effect = |c: &Comparison| c.rank_biserial.map_or(0.0, f64::abs);
        effect(y.0).total_cmp(&effect(x.0))
    });
    for &(c, p, diff) in significant.iter().take(MAX_GAPS_IN_TABLE) {
        let _ = writeln!(out, "  - {}", gap_in_words(a, c, p, diff));
    }
    if significant.is_empty() {
        let _ = writeln!(out, "  None: no two shown groups differ with p < 0.05.");
    } else if significant.len() > MAX_GAPS_IN_TABLE {
        let _ = writeln!(
            out,
            "  ... and {} more with p < 0.05 (the JSON output lists every comparison).",
            significant.len() - MAX_GAPS_IN_TABLE
        );
    }
    let tested = a.comparisons.iter().filter(|c| c.p_value.is_some()).count();
    if tested > 1 {
        // A column of many groups compares each with the rest of it: those are no pairs.
        let compared = if a.comparisons.iter().any(|c| c.versus_rest) {
            "comparisons made"
        } else {
            "pairs compared"
        };
        let _ = writeln!(
            out,
            "  ({tested} {compared}: at p < 0.05 about one in twenty differences \
             would show by chance alone.)"
        );
    }
}

/// "Change: IT rate it higher than Business (mean 4.50 against 1.50 on the 1-5 scale,
/// p = 0.004)."
fn gap_in_words(a: &Assessment, c: &Comparison, p: f64, diff: f64) -> String {
    let (lo, hi) = (a.questionnaire.scale_min, a.questionnaire.scale_max);
    let (higher, lower) = if diff >= 0.0 {
        (&c.a, &c.b)
    } else {
        (&c.b, &c.a)
    };
    let mean_of = |value: &str| {
        a.domains
            .iter()
            .find(|d| d.id == c.domain)
            .and_then(|d| {
                d.groups
                    .iter()
                    .find(|g| g.column == c.column && g.value == value)
            })
            .and_then(|g| g.stats.as_ref())
            .and_then(|s| s.mean)
    };
    // The rest of a column is no group: its mean is that of `a` less the difference.
    let is_rest = |value: &str| c.versus_rest && value == c.b;
    let mean_or_rest = |value: &str| {
        if is_rest(value) {
            mean_of(&c.a).map(|m| m - diff)
        } else {
            mean_of(value)
        }
    };
    let name = |value: &str| {
        if is_rest(value) {
            format!("the rest of {}", c.column)
        } else {
            value.to_string()
        }
    };
    let means = match (mean_or_rest(higher), mean_or_rest(lower)) {
        (Some(h), Some(l)) => format!("mean {h:.2} against {l:.2} on the {lo}-{hi} scale, "),
        _ => String::new(),
    };
    format!(
        "{}: {} rate it higher than {} ({means}{}).",
        clean(domain_name(a, &c.domain)),
        clean(&name(higher)),
        clean(&name(lower)),
        format::p_value(p)
    )
}

/// Intervals past the ends of the scale, and the input's warnings.
fn notes(out: &mut String, a: &Assessment) {
    let (lo, hi) = (a.questionnaire.scale_min, a.questionnaire.scale_max);
    let past_scale =
        |ci: Option<[f64; 2]>| ci.is_some_and(|c| c[0] < f64::from(lo) || c[1] > f64::from(hi));
    let runs_past = a.domains.iter().any(|d| {
        past_scale(d.stats.ci95)
            || d.groups
                .iter()
                .any(|g| past_scale(g.stats.as_ref().and_then(|s| s.ci95)))
    });
    if !runs_past && a.warnings.is_empty() {
        return;
    }
    let _ = writeln!(out, "\nNotes:");
    if runs_past {
        let _ = writeln!(
            out,
            "  - Some 95% intervals run past the ends of the scale: with few respondents the \
             interval is wide, and it is not cut to the scale."
        );
    }
    for w in &a.warnings {
        let _ = writeln!(out, "  - {}", clean(w));
    }
}
