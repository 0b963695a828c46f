//! Rendering an [`Assessment`]: JSON (the machine interface, full precision), CSV (for
//! spreadsheets, 6 decimals) and a plain-text table (for an e-mail, rounded for reading).

use super::{Assessment, Comparison, DomainResult};
use std::fmt::Write as _;

/// The assessment as pretty-printed JSON with a trailing newline. Numbers are not rounded;
/// missing figures are `null`. The output depends only on the assessment (no map iteration
/// order, no time, no locale).
pub fn to_json(assessment: &Assessment) -> String {
    // Every map key is a string and every float finite (or null), so serialisation cannot fail.
    let mut json =
        serde_json::to_string_pretty(assessment).expect("an assessment always serialises to JSON");
    json.push('\n');
    json
}

/// The header of [`to_csv`].
pub const CSV_COLUMNS: [&str; 15] = [
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
];

/// A text cell made safe for spreadsheets: a cell that starts with `=`, `+`, `-`, `@`, a tab or
/// a carriage return would be read as a formula, so it gets a leading apostrophe.
fn text_cell(s: &str) -> String {
    if s.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{s}")
    } else {
        s.to_string()
    }
}

/// A number with 6 decimals, empty when missing.
fn number_cell(x: Option<f64>) -> String {
    x.map_or_else(String::new, |x| format!("{x:.6}"))
}

/// A CSV field, quoted (RFC 4180) when it holds a comma, a quote or a line break.
fn quote(field: &str) -> String {
    if field.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", field.replace('"', "\"\""))
    } else {
        field.to_string()
    }
}

/// The assessment as CSV: a header ([`CSV_COLUMNS`]), an `overall` row, then per domain a
/// `domain` row followed by one `group` row per group (a suppressed group's statistics empty).
/// Numbers have 6 decimals; text cells are guarded against formula injection; lines end with
/// `\n`.
pub fn to_csv(assessment: &Assessment) -> String {
    let mut out = String::new();
    let mut line = |cells: Vec<String>| {
        let fields: Vec<String> = cells.iter().map(|c| quote(c)).collect();
        out.push_str(&fields.join(","));
        out.push('\n');
    };
    line(CSV_COLUMNS.iter().map(|c| c.to_string()).collect());
    let o = &assessment.overall;
    line(vec![
        "overall".into(),
        String::new(),
        String::new(),
        String::new(),
        String::new(),
        assessment.respondents.scored.to_string(),
        String::new(),
        String::new(),
        String::new(),
        String::new(),
        number_cell(o.percent),
        o.level.map(|l| l.to_string()).unwrap_or_default(),
        text_cell(o.level_name.as_deref().unwrap_or("")),
        String::new(),
        String::new(),
    ]);
    for d in &assessment.domains {
        line(vec![
            "domain".into(),
            text_cell(&d.id),
            String::new(),
            String::new(),
            "false".into(),
            d.stats.n.to_string(),
            number_cell(d.stats.mean),
            number_cell(d.stats.sd),
            number_cell(d.stats.ci95.map(|c| c[0])),
            number_cell(d.stats.ci95.map(|c| c[1])),
            number_cell(d.stats.percent),
            d.stats.level.map(|l| l.to_string()).unwrap_or_default(),
            text_cell(d.stats.level_name.as_deref().unwrap_or("")),
            number_cell(d.alpha),
            d.alpha_n.to_string(),
        ]);
        for g in &d.groups {
            let s = g.stats.as_ref();
            line(vec![
                "group".into(),
                text_cell(&d.id),
                text_cell(&g.column),
                text_cell(&g.value),
                g.suppressed.to_string(),
                s.map(|s| s.n.to_string()).unwrap_or_default(),
                number_cell(s.and_then(|s| s.mean)),
                number_cell(s.and_then(|s| s.sd)),
                number_cell(s.and_then(|s| s.ci95).map(|c| c[0])),
                number_cell(s.and_then(|s| s.ci95).map(|c| c[1])),
                number_cell(s.and_then(|s| s.percent)),
                s.and_then(|s| s.level)
                    .map(|l| l.to_string())
                    .unwrap_or_default(),
                text_cell(s.and_then(|s| s.level_name.as_deref()).unwrap_or("")),
                String::new(),
                String::new(),
            ]);
        }
    }
    out
}

/// Text from the data made safe for a terminal or an e-mail: control characters (which could
/// move the cursor or recolour a terminal) become spaces.
fn clean(s: &str) -> String {
    s.chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect()
}

/// The most perception gaps the table states in words (the largest); the JSON has them all.
pub const MAX_GAPS_IN_TABLE: usize = 12;

/// A percent for reading: one decimal.
fn pct(p: Option<f64>) -> String {
    p.map_or_else(|| "-".to_string(), |p| format!("{p:.1}%"))
}

/// A level as `3 Defined`.
fn level_text(level: Option<u32>, name: Option<&str>) -> String {
    match (level, name) {
        (Some(l), Some(n)) => format!("{l} {}", clean(n)),
        _ => "-".to_string(),
    }
}

/// A p-value for reading.
fn p_text(p: f64) -> String {
    if p < 0.001 {
        "p < 0.001".to_string()
    } else {
        format!("p = {p:.3}")
    }
}

/// Pads to a width in characters.
fn pad(s: &str, width: usize) -> String {
    let len = s.chars().count();
    format!("{s}{}", " ".repeat(width.saturating_sub(len)))
}

/// Pads on the left to a width in characters.
fn pad_left(s: &str, width: usize) -> String {
    let len = s.chars().count();
    format!("{}{s}", " ".repeat(width.saturating_sub(len)))
}

/// The domain's name for reading.
fn domain_name<'a>(assessment: &'a Assessment, id: &'a str) -> &'a str {
    assessment
        .domains
        .iter()
        .find(|d| d.id == id)
        .map_or(id, |d| d.name.as_str())
}

/// A plain-text summary a consultant can paste into an e-mail: the overall result, a table of
/// the domains (percent, level, n, 95% interval), the weakest domains first, red flags, the
/// groups (suppressed ones named as such) and the perception gaps with p < 0.05 in words (the
/// [`MAX_GAPS_IN_TABLE`] largest by rank-biserial correlation).
/// Figures are rounded for reading; the JSON has them in full.
pub fn to_table(assessment: &Assessment) -> String {
    let a = assessment;
    let (lo, hi) = (a.questionnaire.scale_min, a.questionnaire.scale_max);
    let mut out = String::new();
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
                "Overall: {p:.1}% of the scale, level {}",
                level_text(a.overall.level, a.overall.level_name.as_deref())
            );
        }
        None => {
            let _ = writeln!(out, "Overall: no domain has a score.");
        }
    }
    let _ = writeln!(out);

    // The domain table.
    let header = [
        "Domain",
        "Score",
        "Level",
        "n",
        "Mean",
        "95% CI of the mean",
    ];
    let rows: Vec<[String; 6]> = a
        .domains
        .iter()
        .map(|d| {
            [
                clean(&d.name),
                pct(d.stats.percent),
                level_text(d.stats.level, d.stats.level_name.as_deref()),
                d.stats.n.to_string(),
                d.stats
                    .mean
                    .map_or_else(|| "-".into(), |m| format!("{m:.2}")),
                d.stats
                    .ci95
                    .map_or_else(|| "-".into(), |c| format!("{:.2} to {:.2}", c[0], c[1])),
            ]
        })
        .collect();
    let mut widths = header.map(|h| h.chars().count());
    for row in &rows {
        for (w, cell) in widths.iter_mut().zip(row) {
            *w = (*w).max(cell.chars().count());
        }
    }
    let render = |cells: &[String]| -> String {
        let mut parts = Vec::new();
        for (i, (cell, w)) in cells.iter().zip(widths).enumerate() {
            // Left-align the text columns, right-align the numbers.
            parts.push(if matches!(i, 0 | 2 | 5) {
                pad(cell, w)
            } else {
                pad_left(cell, w)
            });
        }
        parts.join("  ").trim_end().to_string()
    };
    let _ = writeln!(out, "{}", render(&header.map(String::from)));
    for row in &rows {
        let _ = writeln!(out, "{}", render(row));
    }
    let _ = writeln!(out, "(Mean and interval on the {lo}-{hi} scale.)");

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
            .map(|d| format!("{} ({})", clean(&d.name), pct(d.stats.percent)))
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

    if !a.flags.is_empty() {
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

    if !a.group_by.is_empty() {
        let _ = writeln!(
            out,
            "\nGroups (statistics shown for groups of at least {} respondents):",
            a.min_group_size
        );
        for column in &a.group_by {
            let _ = writeln!(out, "By {}:", clean(column));
            for d in &a.domains {
                let groups: Vec<String> = d
                    .groups
                    .iter()
                    .filter(|g| &g.column == column)
                    .map(|g| match &g.stats {
                        Some(s) => format!("{} {} (n {})", clean(&g.value), pct(s.percent), s.n),
                        None => format!("{} suppressed", clean(&g.value)),
                    })
                    .collect();
                if !groups.is_empty() {
                    let _ = writeln!(out, "  {}: {}", clean(&d.name), groups.join(", "));
                }
            }
        }
        if a.domains
            .iter()
            .flat_map(|d| &d.groups)
            .any(|g| g.suppressed)
        {
            let _ = writeln!(
                out,
                "A suppressed group is too small to show without identifying its members, or \
                 is hidden so that a smaller one cannot be worked out from the totals."
            );
        }

        let _ = writeln!(
            out,
            "\nPerception gaps (differences with p < 0.05, largest first):"
        );
        // (comparison, p, mean difference), strongest effect (|rank-biserial|) first; the sort
        // is stable, so equal effects keep the order of the comparisons.
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
            let means = match (mean_of(higher), mean_of(lower)) {
                (Some(h), Some(l)) => {
                    format!("mean {h:.2} against {l:.2} on the {lo}-{hi} scale, ")
                }
                _ => String::new(),
            };
            let _ = writeln!(
                out,
                "  - {}: {} rate it higher than {} ({means}{}).",
                clean(domain_name(a, &c.domain)),
                clean(higher),
                clean(lower),
                p_text(p)
            );
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
            let _ = writeln!(
                out,
                "  ({tested} pairs compared: at p < 0.05 about one in twenty differences \
                 would show by chance alone.)"
            );
        }
    }

    let past_scale =
        |ci: Option<[f64; 2]>| ci.is_some_and(|c| c[0] < f64::from(lo) || c[1] > f64::from(hi));
    let runs_past = a.domains.iter().any(|d| {
        past_scale(d.stats.ci95)
            || d.groups
                .iter()
                .any(|g| past_scale(g.stats.as_ref().and_then(|s| s.ci95)))
    });
    if runs_past || !a.warnings.is_empty() {
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
    out
}
