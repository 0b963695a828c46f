//! The plan's layouts: a terminal table, a Markdown document and CSV (its JSON is
//! [`crate::export::Json`]'s, the same for every document).
//!
//! The Markdown has one source for the plan: [`markdown_sections`] writes the targets, the
//! phases with their actions, the owners, what is in place and the notes, and both
//! `roadmap -f md` ([`Markdown`]) and the report's Markdown (`templates/report.md`, through the
//! report view) include it, so the two cannot tell different stories about the same plan.
//!
//! Every layout returns the same bytes for the same plan. User text (titles, owners, measures,
//! findings, phase names) is made safe for each format: control and bidirectional formatting
//! characters never reach the terminal or the document, Markdown punctuation is escaped, and a
//! CSV text cell that a spreadsheet would run as a formula starts with an apostrophe.

use super::{DomainState, DomainTarget, Phase, Plan, PlannedAction};
use crate::export::csv::{CsvDocument, Field};
use crate::export::grid::{Align, Cell, Grid};
use crate::export::{Csv, Markdown, PlanExporter, Table};
use crate::format::{self, MISSING, clean, escape_markdown as md};
use crate::questionnaire::Questionnaire;
use anyhow::Result;
use std::fmt::Write;

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

impl PlanExporter for Csv {
    /// One row per planned action, in order, under a header row of [`CSV_COLUMNS`].
    /// `depends_on` is joined with "; "; priorities have two decimals.
    fn plan(&self, plan: &Plan, _q: &Questionnaire) -> Result<String> {
        let mut doc = CsvDocument::with_header(&CSV_COLUMNS)?;
        for phase in &plan.phases {
            for a in &phase.actions {
                doc.row([
                    Field::plain(phase.index),
                    Field::plain(a.order),
                    Field::Text(&a.id),
                    Field::Text(&a.title),
                    Field::Text(&a.domain),
                    Field::Text(&a.owner),
                    Field::Text(a.effort.as_str()),
                    Field::plain(a.impact),
                    Field::Plain(format!("{:.2}", a.priority)),
                    Field::Text(&a.depends_on.join("; ")),
                    Field::Text(&a.measure),
                    Field::plain(a.start_month),
                    Field::plain(a.end_month),
                    Field::Text(&phase.name),
                    Field::Text(&a.domain_name),
                    Field::plain(a.lifts_to),
                    Field::plain(a.urgent),
                    Field::Plain(format!("{:.2}", a.effective_priority)),
                    Field::Text(&super::explain::why(a)),
                ])?;
            }
        }
        doc.finish()
    }
}

fn points(value: Option<f64>) -> String {
    format::decimals(value, 1)
}

fn level(number: Option<u32>, name: Option<&String>) -> String {
    format::level(number, name.map(String::as_str))
}

fn current(t: &DomainTarget) -> String {
    match t.state {
        DomainState::NoData => "no data".into(),
        _ => level(t.current_level, t.current_level_name.as_ref()),
    }
}

fn depends(a: &PlannedAction) -> String {
    if a.depends_on.is_empty() {
        MISSING.into()
    } else {
        a.depends_on.join(", ")
    }
}

/// "months 0–3".
fn months(p: &Phase) -> String {
    format!("months {}", format::span(p.start_month, p.end_month))
}

fn capacity_note(plan: &Plan, p: &Phase) -> String {
    match plan.capacity {
        Some(cap) => format!("{} of {cap} effort points", p.effort_points),
        None => format!("{} effort points", p.effort_points),
    }
}

/// The cells of a domain's target row, the same in the terminal and in Markdown: name, current
/// level, current score, target level, gap in levels and in percent points, progress.
fn target_cells(t: &DomainTarget) -> Vec<Cell> {
    vec![
        t.name.as_str().into(),
        current(t).into(),
        format::percent(t.current_percent).into(),
        level(t.target_level, t.target_level_name.as_ref()).into(),
        format::or_missing(t.gap_levels).into(),
        points(t.gap_percent).into(),
        format::percent(t.percent_to_target).into(),
    ]
}

impl PlanExporter for Table {
    /// Flags, targets, each phase's actions, what is in place, notes.
    fn plan(&self, plan: &Plan, _q: &Questionnaire) -> Result<String> {
        let mut out = String::new();
        let _ = writeln!(out, "Recovery roadmap: {}", clean(&plan.title));
        let _ = writeln!(
            out,
            "Progress to target: {}   Capacity: {}",
            format::percent(plan.percent_to_target),
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
        let mut targets = Grid::left(&[
            "Domain",
            "Current",
            "Score",
            "Target",
            "Gap",
            "Gap % points",
            "Progress",
        ]);
        for t in &plan.targets {
            targets.push(target_cells(t));
        }
        out.push_str(&targets.to_text("  "));
        for p in &plan.phases {
            table_phase(&mut out, plan, p);
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
        Ok(out)
    }
}

/// A phase in the terminal table: its heading and its actions.
fn table_phase(out: &mut String, plan: &Plan, p: &Phase) {
    let _ = writeln!(
        out,
        "\nPHASE {}: {} ({}, {})",
        p.index,
        clean(&p.name),
        months(p),
        capacity_note(plan, p)
    );
    if p.actions.is_empty() {
        out.push_str("  No actions.\n");
        return;
    }
    let mut grid = Grid::left(&[
        "#",
        "Id",
        "Action",
        "Domain",
        "Owner",
        "Effort",
        "Priority",
        "Depends on",
    ]);
    for a in &p.actions {
        grid.push(vec![
            format!("{}{}", a.order, if a.urgent { "!" } else { "" }).into(),
            a.id.as_str().into(),
            a.title.as_str().into(),
            a.domain_name.as_str().into(),
            a.owner.as_str().into(),
            a.effort.as_str().into(),
            format!("{:.2}", a.priority).into(),
            depends(a).into(),
        ]);
    }
    out.push_str(&grid.to_text("  "));
}

impl PlanExporter for Markdown {
    /// A document a leader can paste into a wiki: findings (the raised flags), then
    /// [`markdown_sections`] (targets, phases, owners, what is in place, notes), then how the
    /// plan was built.
    fn plan(&self, plan: &Plan, q: &Questionnaire) -> Result<String> {
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
             (1 - sum of the gaps / sum of the levels from level 1 to each target, over the domains with data).\n",
            md(&q.title),
            format::percent(plan.percent_to_target)
        );
        findings(&mut out, plan);
        out.push('\n');
        out.push_str(&markdown_sections(plan, q, 2));
        how_it_was_built(&mut out, plan, q);
        Ok(out)
    }
}

/// The "Findings" section: the raised flags.
fn findings(out: &mut String, plan: &Plan) {
    out.push_str("## Findings\n\n");
    if plan.flags.is_empty() {
        out.push_str("No red flags were raised.\n");
        return;
    }
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

/// The plan's sections in Markdown, with headings at `depth` (2 for `##`) and each phase one
/// deeper: "Targets", "Phases", "Who is accountable", "Already in place" and "Notes" (the last
/// three only when they have something to say). The roadmap document and the report's Markdown
/// both include this text as it is; it is already escaped.
pub fn markdown_sections(plan: &Plan, q: &Questionnaire, depth: usize) -> String {
    let h = "#".repeat(depth.max(1));
    let mut out = String::new();
    let _ = writeln!(out, "{h} Targets\n");
    let mut targets = Grid::new(&[
        ("Domain", Align::Left),
        ("Current level", Align::Left),
        ("Current score", Align::Right),
        ("Target level", Align::Left),
        ("Gap (levels)", Align::Right),
        ("Gap (% points)", Align::Right),
        ("Progress to target", Align::Right),
    ]);
    for t in &plan.targets {
        targets.push(target_cells(t));
    }
    out.push_str(&targets.to_markdown());
    let _ = writeln!(out, "\n{h} Phases");
    for p in &plan.phases {
        markdown_phase(&mut out, plan, q, p, &h);
    }
    owners(&mut out, plan, &h);
    if !plan.in_place.is_empty() {
        let _ = writeln!(out, "\n{h} Already in place\n");
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
        let _ = writeln!(out, "\n{h} Notes\n");
        for w in &plan.warnings {
            let _ = writeln!(out, "- {}", md(w));
        }
    }
    out
}

/// A phase in Markdown: its heading (one level below `h`), its effort, the table of its
/// actions, and why and when each action.
fn markdown_phase(out: &mut String, plan: &Plan, q: &Questionnaire, p: &Phase, h: &str) {
    let _ = writeln!(
        out,
        "\n{h}# Phase {}: {} ({})\n",
        p.index,
        md(&p.name),
        months(p)
    );
    if p.extra {
        out.push_str("Added because the phases given could not hold every action.\n\n");
    }
    if p.actions.is_empty() {
        out.push_str("No actions in this phase.\n");
        return;
    }
    let _ = writeln!(out, "Effort: {}.\n", capacity_note(plan, p));
    let mut grid = Grid::new(&[
        ("#", Align::Right),
        ("Action", Align::Left),
        ("Domain", Align::Left),
        ("Owner", Align::Left),
        ("Effort", Align::Left),
        ("Impact", Align::Right),
        ("Priority", Align::Right),
        ("Depends on", Align::Left),
        ("Measure", Align::Left),
    ]);
    for a in &p.actions {
        grid.push(vec![
            format!("{}{}", a.order, if a.urgent { " (urgent)" } else { "" }).into(),
            Cell::strong(&a.id, &a.title),
            a.domain_name.as_str().into(),
            a.owner.as_str().into(),
            a.effort.as_str().into(),
            a.impact.to_string().into(),
            format!("{:.2}", a.priority).into(),
            depends(a).into(),
            a.measure.as_str().into(),
        ]);
    }
    out.push_str(&grid.to_markdown());
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

/// The "Who is accountable" section: each owner role with its actions in order.
fn owners(out: &mut String, plan: &Plan, h: &str) {
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
    let _ = writeln!(out, "\n{h} Who is accountable\n");
    for (role, list) in roles {
        let _ = writeln!(out, "- **{}**: {}", md(role), list.join(", "));
    }
}

/// The "How this roadmap was built" section.
fn how_it_was_built(out: &mut String, plan: &Plan, q: &Questionnaire) {
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
}
