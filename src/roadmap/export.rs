//! Rendering a [`Plan`]: a terminal table, a Markdown document, CSV and JSON.
//!
//! Every function returns the same bytes for the same plan. User text (titles, owners,
//! measures, findings, phase names) is made safe for each format: control and bidirectional
//! formatting characters never reach the terminal or the document, Markdown punctuation is
//! escaped, and a CSV text cell that a spreadsheet would run as a formula starts with an
//! apostrophe.

use super::{DomainState, DomainTarget, Phase, Plan, PlannedAction};
use crate::questionnaire::Questionnaire;
use crate::text::{clean, escape_markdown as md};
use std::fmt::Write;

/// The plan as pretty JSON with a trailing newline.
pub fn to_json(plan: &Plan) -> String {
    // A plan holds only strings, numbers, booleans and plain enums, which always serialise.
    let mut text = serde_json::to_string_pretty(plan).unwrap_or_default();
    text.push('\n');
    text
}

/// The CSV columns, in order: those of the issue first, then the extras a tracker can use.
pub const CSV_COLUMNS: [&str; 19] = [
    "phase",
    "order",
    "id",
    "title",
    "domain",
    "owner",
    "effort",
    "impact",
    "priority",
    "depends_on",
    "measure",
    "start_month",
    "end_month",
    "phase_name",
    "domain_name",
    "lifts_to",
    "urgent",
    "effective_priority",
    "why",
];

/// One row per planned action, in order, under a header row of [`CSV_COLUMNS`].
///
/// Lines end with `\n`; fields holding a comma, quote or line break are quoted (RFC 4180);
/// `depends_on` is joined with "; "; priority has two decimals. A text cell starting with `=`,
/// `+`, `-`, `@`, tab or carriage return gets a leading apostrophe so that no spreadsheet runs
/// it as a formula.
pub fn to_csv(plan: &Plan) -> String {
    let mut out = String::new();
    csv_row(
        &mut out,
        CSV_COLUMNS.iter().map(|c| Cell::Number(c.to_string())),
    );
    for phase in &plan.phases {
        for a in &phase.actions {
            csv_row(
                &mut out,
                [
                    Cell::Number(phase.index.to_string()),
                    Cell::Number(a.order.to_string()),
                    Cell::Text(&a.id),
                    Cell::Text(&a.title),
                    Cell::Text(&a.domain),
                    Cell::Text(&a.owner),
                    Cell::Text(a.effort.as_str()),
                    Cell::Number(a.impact.to_string()),
                    Cell::Number(format!("{:.2}", a.priority)),
                    Cell::Text(&a.depends_on.join("; ")),
                    Cell::Text(&a.measure),
                    Cell::Number(a.start_month.to_string()),
                    Cell::Number(a.end_month.to_string()),
                    Cell::Text(&phase.name),
                    Cell::Text(&a.domain_name),
                    Cell::Number(a.lifts_to.to_string()),
                    Cell::Number(a.urgent.to_string()),
                    Cell::Number(format!("{:.2}", a.effective_priority)),
                    Cell::Text(&super::explain::why(a)),
                ],
            );
        }
    }
    out
}

/// A CSV cell: our own figures and names, or user text to neutralise.
enum Cell<'a> {
    Number(String),
    Text(&'a str),
}

fn csv_row<'a>(out: &mut String, cells: impl IntoIterator<Item = Cell<'a>>) {
    for (i, cell) in cells.into_iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        let text = match cell {
            Cell::Number(n) => n,
            Cell::Text(t) => crate::text::spreadsheet_safe(t).into_owned(),
        };
        if text.contains([',', '"', '\n', '\r']) {
            out.push('"');
            out.push_str(&text.replace('"', "\"\""));
            out.push('"');
        } else {
            out.push_str(&text);
        }
    }
    out.push('\n');
}

fn percent(value: Option<f64>) -> String {
    value.map_or_else(|| "–".into(), |v| format!("{v:.1}%"))
}

fn points(value: Option<f64>) -> String {
    value.map_or_else(|| "–".into(), |v| format!("{v:.1}"))
}

fn level(number: Option<u32>, name: Option<&String>) -> String {
    match (number, name) {
        (Some(n), Some(name)) => format!("{n} {name}"),
        (Some(n), None) => n.to_string(),
        _ => "–".into(),
    }
}

fn current(t: &DomainTarget) -> String {
    match t.state {
        DomainState::NoData => "no data".into(),
        _ => level(t.current_level, t.current_level_name.as_ref()),
    }
}

fn depends(a: &PlannedAction) -> String {
    if a.depends_on.is_empty() {
        "–".into()
    } else {
        a.depends_on.join(", ")
    }
}

fn phase_heading(p: &Phase) -> String {
    format!(
        "Phase {}: {} (months {}-{})",
        p.index, p.name, p.start_month, p.end_month
    )
}

fn capacity_note(plan: &Plan, p: &Phase) -> String {
    match plan.capacity {
        Some(cap) => format!("{} of {cap} effort points", p.effort_points),
        None => format!("{} effort points", p.effort_points),
    }
}

/// Columns left-aligned, two spaces apart, each line trimmed at the end.
fn grid(out: &mut String, indent: &str, rows: &[Vec<String>]) {
    let columns = rows.iter().map(Vec::len).max().unwrap_or(0);
    let widths: Vec<usize> = (0..columns)
        .map(|c| {
            rows.iter()
                .filter_map(|r| r.get(c))
                .map(|s| s.chars().count())
                .max()
                .unwrap_or(0)
        })
        .collect();
    for row in rows {
        let mut line = String::from(indent);
        for (c, cell) in row.iter().enumerate() {
            line.push_str(cell);
            if c + 1 < row.len() {
                let pad = widths[c] - cell.chars().count() + 2;
                line.extend(std::iter::repeat_n(' ', pad));
            }
        }
        out.push_str(line.trim_end());
        out.push('\n');
    }
}

/// The plan for a terminal: flags, targets, each phase's actions, what is in place, notes.
pub fn to_table(plan: &Plan) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "Recovery roadmap: {}", clean(&plan.title));
    let _ = writeln!(
        out,
        "Progress to target: {}   Capacity: {}",
        percent(plan.percent_to_target),
        plan.capacity.map_or_else(
            || "no limit".into(),
            |c| format!("{c} effort points per phase")
        )
    );
    out.push_str("\nRED FLAGS\n");
    if plan.flags.is_empty() {
        out.push_str("  None raised.\n");
    }
    for f in &plan.flags {
        let _ = writeln!(
            out,
            "  ! {} [{}]: {}",
            clean(&f.domain_name),
            clean(&f.id),
            clean(&f.finding)
        );
    }
    out.push_str("\nTARGETS\n");
    let mut rows = vec![
        [
            "Domain",
            "Current",
            "Score",
            "Target",
            "Gap",
            "Gap % points",
            "Progress",
        ]
        .map(String::from)
        .to_vec(),
    ];
    for t in &plan.targets {
        rows.push(vec![
            clean(&t.name),
            current(t),
            percent(t.current_percent),
            level(t.target_level, t.target_level_name.as_ref()),
            t.gap_levels.map_or_else(|| "–".into(), |g| g.to_string()),
            points(t.gap_percent),
            percent(t.percent_to_target),
        ]);
    }
    grid(&mut out, "  ", &rows);
    for p in &plan.phases {
        let _ = writeln!(
            out,
            "\nPHASE {}: {} (months {}-{}, {})",
            p.index,
            clean(&p.name),
            p.start_month,
            p.end_month,
            capacity_note(plan, p)
        );
        if p.actions.is_empty() {
            out.push_str("  No actions.\n");
            continue;
        }
        let mut rows = vec![
            [
                "#",
                "Id",
                "Action",
                "Domain",
                "Owner",
                "Effort",
                "Priority",
                "Depends on",
            ]
            .map(String::from)
            .to_vec(),
        ];
        for a in &p.actions {
            rows.push(vec![
                format!("{}{}", a.order, if a.urgent { "!" } else { "" }),
                clean(&a.id),
                clean(&a.title),
                clean(&a.domain_name),
                clean(&a.owner),
                a.effort.as_str().into(),
                format!("{:.2}", a.priority),
                clean(&depends(a)),
            ]);
        }
        grid(&mut out, "  ", &rows);
    }
    if !plan.in_place.is_empty() {
        out.push_str("\nALREADY IN PLACE\n");
        for a in &plan.in_place {
            let _ = writeln!(
                out,
                "  {} {} (needed by {})",
                clean(&a.id),
                clean(&a.title),
                clean(&a.needed_by.join(", "))
            );
        }
    }
    if !plan.warnings.is_empty() {
        out.push_str("\nNOTES\n");
        for w in &plan.warnings {
            let _ = writeln!(out, "  - {}", clean(w));
        }
    }
    if plan.actions().any(|a| a.urgent) {
        out.push_str("\n! urgent: stops a raised red flag\n");
    }
    out
}

/// The plan as a Markdown document a leader can paste into a wiki: findings (the raised flags),
/// the targets table, each phase with its actions (owner, effort, dependencies, measure) and why
/// each was chosen, what is already in place, notes, and how the plan was built.
pub fn to_markdown(plan: &Plan, q: &Questionnaire) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "# Recovery roadmap: {}\n", md(&plan.title));
    let version = if q.version.is_empty() {
        String::new()
    } else {
        format!(", version {}", md(&q.version))
    };
    let _ = writeln!(
        out,
        "Assessed with the questionnaire *{}*{version}. Progress to target: **{}** \
         (1 - sum of the gaps / sum of the targets, in levels, over the domains with data).\n",
        md(&q.title),
        percent(plan.percent_to_target)
    );

    out.push_str("## Findings\n\n");
    if plan.flags.is_empty() {
        out.push_str("No red flags were raised.\n");
    } else {
        for f in &plan.flags {
            let _ = writeln!(
                out,
                "- **{}**: {} (flag {})",
                md(&f.domain_name),
                md(&f.finding),
                md(&f.id)
            );
        }
        out.push_str("\nThe actions that answer these findings come first, in phase 1.\n");
    }

    out.push_str("\n## Targets\n\n");
    out.push_str(
        "| Domain | Current level | Current score | Target level | Gap (levels) | Gap (% points) | Progress to target |\n\
         |---|---|---:|---|---:|---:|---:|\n",
    );
    for t in &plan.targets {
        let _ = writeln!(
            out,
            "| {} | {} | {} | {} | {} | {} | {} |",
            md(&t.name),
            md(&current(t)),
            percent(t.current_percent),
            md(&level(t.target_level, t.target_level_name.as_ref())),
            t.gap_levels.map_or_else(|| "–".into(), |g| g.to_string()),
            points(t.gap_percent),
            percent(t.percent_to_target)
        );
    }

    out.push_str("\n## Roadmap\n");
    for p in &plan.phases {
        let _ = writeln!(out, "\n### {}\n", md(&phase_heading(p)));
        if p.extra {
            out.push_str("Added because the phases given could not hold every action.\n\n");
        }
        if p.actions.is_empty() {
            out.push_str("No actions in this phase.\n");
            continue;
        }
        let _ = writeln!(out, "Effort: {}.\n", capacity_note(plan, p));
        out.push_str(
            "| # | Action | Domain | Owner | Effort | Impact | Priority | Depends on | Measure |\n\
             |---:|---|---|---|---|---:|---:|---|---|\n",
        );
        for a in &p.actions {
            let _ = writeln!(
                out,
                "| {}{} | **{}** {} | {} | {} | {} | {} | {:.2} | {} | {} |",
                a.order,
                if a.urgent { " (urgent)" } else { "" },
                md(&a.id),
                md(&a.title),
                md(&a.domain_name),
                md(&a.owner),
                a.effort.as_str(),
                a.impact,
                a.priority,
                md(&depends(a)),
                md(&a.measure)
            );
        }
        out.push('\n');
        for a in &p.actions {
            let description = q
                .actions()
                .find(|(_, qa)| qa.id == a.id)
                .map(|(_, qa)| qa.description.trim())
                .filter(|d| !d.is_empty())
                .map(|d| format!(" {}", md(d)))
                .unwrap_or_default();
            let _ = writeln!(
                out,
                "- **{}. {}**:{description} *Why:* {} *When:* {}.",
                a.order,
                md(&a.id),
                md(&super::explain::why(a)),
                md(&super::explain::placement(a))
            );
        }
    }

    owners(&mut out, plan);

    if !plan.in_place.is_empty() {
        out.push_str("\n## Already in place\n\n");
        for a in &plan.in_place {
            let _ = writeln!(
                out,
                "- **{}** {} (needed by {})",
                md(&a.id),
                md(&a.title),
                md(&a.needed_by.join(", "))
            );
        }
    }
    if !plan.warnings.is_empty() {
        out.push_str("\n## Notes\n\n");
        for w in &plan.warnings {
            let _ = writeln!(out, "- {}", md(w));
        }
    }
    let second = q
        .levels
        .get(1)
        .or(q.levels.first())
        .map_or_else(String::new, |l| {
            format!("level {} ({})", l.level, md(&l.name))
        });
    let _ = write!(
        out,
        "\n## How this roadmap was built\n\n\
         Each domain's target is its level from the targets given, else the questionnaire's target, \
         else one level above today. A domain below target gets the actions that lift it above its \
         current level up to its target; an action they need is added unless its own domain has \
         already reached the level it lifts to, in which case it is listed as already in place. \
         Raised red flags put the actions that lift their domain to {second} into phase 1, with \
         everything those need. Priority is the domain's weight × its gap in levels × the action's \
         impact ÷ its effort (small 1, medium 2, large 4); an action takes the priority of the most \
         urgent action waiting for it. Each action goes to the earliest phase after everything it \
         depends on, never before the lower-level work of its own domain, and within a phase by \
         priority.",
    );
    if let Some(cap) = plan.capacity {
        let _ = write!(
            out,
            " Each phase holds at most {cap} effort points; the lowest-priority actions move to the next phase."
        );
    }
    out.push('\n');
    out
}

/// The "Who is accountable" section: each owner role with its actions in order.
fn owners(out: &mut String, plan: &Plan) {
    let mut roles: Vec<(&str, Vec<String>)> = Vec::new();
    for a in plan.actions() {
        let entry = format!("{}. {} (phase {})", a.order, md(&a.id), a.phase);
        match roles.iter_mut().find(|(role, _)| *role == a.owner) {
            Some((_, list)) => list.push(entry),
            None => roles.push((&a.owner, vec![entry])),
        }
    }
    if roles.is_empty() {
        return;
    }
    out.push_str("\n## Who is accountable\n\n");
    for (role, list) in roles {
        let _ = writeln!(out, "- **{}**: {}", md(role), list.join(", "));
    }
}
