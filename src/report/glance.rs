//! "At a glance": what a board reads first. The headline seen from the groups of one
//! group-by column (the perspective), the danger signs with the action that answers each, a
//! one-line roadmap, the decisions asked of the leadership, and who answered.
//!
//! The assessment gives figures per domain only; a group's overall percent is worked out here
//! as the assessment works out everyone's: the weight-average of the group's domain percents,
//! over the domains where the group is shown.

use super::groups::{Visibility, WithheldGroup, visibility};
use super::options::Invited;
use crate::format::{self, join_words, plural};
use crate::questionnaire::Questionnaire;
use crate::roadmap::{DomainState, Plan};
use crate::scoring::Assessment;
use anyhow::{Result, bail};
use std::collections::BTreeMap;

/// Groups this many percent points apart or more are said to see the programme differently.
pub const PERSPECTIVE_GAP: f64 = 10.0;

/// One group of the perspective column, taken over the domains where it is shown.
#[derive(Debug, Clone, PartialEq)]
pub struct GroupStanding {
    /// The group's value.
    pub value: String,
    /// The weight-averaged percent of its shown domains.
    pub percent: f64,
    /// The level that percent reaches.
    pub level: u32,
    /// That level's name.
    pub level_name: String,
    /// The domains it is shown in.
    pub domains: usize,
    /// The domains with a score for everyone.
    pub of: usize,
}

/// The column the headline is seen from: the one asked for, else the first group-by column.
/// Asking for a column the survey was not grouped by is an error.
pub fn perspective<'a>(a: &'a Assessment, asked: Option<&'a str>) -> Result<Option<&'a str>> {
    match asked {
        Some(column) if a.group_by.iter().any(|c| c == column) => Ok(Some(column)),
        Some(column) => bail!(
            "--perspective '{column}' is not one of the columns the results are grouped by ({}); add -g '{column}' or pick one of them",
            if a.group_by.is_empty() {
                "none: give --group-by".to_string()
            } else {
                a.group_by.join(", ")
            }
        ),
        None => Ok(a.group_by.first().map(String::as_str)),
    }
}

/// The groups of `column` shown in at least one domain, in order of value, each over the
/// domains where it is shown.
pub fn group_standings(
    q: &Questionnaire,
    a: &Assessment,
    column: &str,
    withheld: &[WithheldGroup],
) -> Vec<GroupStanding> {
    let of = a
        .domains
        .iter()
        .filter(|d| d.stats.percent.is_some())
        .count();
    let mut sums: BTreeMap<&str, (f64, f64, usize)> = BTreeMap::new();
    for d in &a.domains {
        for g in d.groups.iter().filter(|g| g.column == column) {
            if let Visibility::Shown(stats) = visibility(d, g, withheld)
                && let Some(p) = stats.percent
            {
                let entry = sums.entry(&g.value).or_insert((0.0, 0.0, 0));
                entry.0 += d.weight * p;
                entry.1 += d.weight;
                entry.2 += 1;
            }
        }
    }
    sums.into_iter()
        .filter(|(_, (_, weight, _))| *weight > 0.0)
        .map(|(value, (sum, weight, domains))| {
            let percent = sum / weight;
            let level = q.level_for(percent);
            GroupStanding {
                value: value.to_string(),
                percent,
                level: level.level,
                level_name: level.name.clone(),
                domains,
                of,
            }
        })
        .collect()
}

/// A group's standing in words: "IT at level 2 (Managed, 45%)", with the domains it covers
/// when it is not shown in all of them.
pub fn standing_text(g: &GroupStanding) -> String {
    let partial = if g.domains < g.of {
        format!(", over {} of {} domains", g.domains, g.of)
    } else {
        String::new()
    };
    format!(
        "{} at level {} ({}, {}{partial})",
        g.value,
        g.level,
        g.level_name,
        format::whole_percent(g.percent)
    )
}

/// The headline's sentence on the perspective: each group with its level, and whether they
/// see the programme differently. `lower_in` is, for the highest and lowest group, in how many
/// of the domains where both are shown the lowest rates lower. `None` without groups.
pub fn perspective_sentence(
    column: &str,
    groups: &[GroupStanding],
    lower_in: (usize, usize),
) -> Option<String> {
    let (high, low) = extremes(groups)?;
    let listed: Vec<String> = groups.iter().map(standing_text).collect();
    let mut out = format!("By {column}: {}.", join_words(&listed));
    if groups.len() < 2 {
        return Some(out);
    }
    // The points apart as the reader can check them: from the whole percents shown.
    let shown_apart = high.percent.round() - low.percent.round();
    let (lower, shared) = lower_in;
    let in_domains = match (lower, shared) {
        (1, 1) => "the one domain where both are shown".to_string(),
        (l, s) if l == s => format!("every one of the {s} domains where both are shown"),
        (l, s) => format!("{l} of the {s} domains where both are shown"),
    };
    if high.percent - low.percent >= PERSPECTIVE_GAP {
        out.push_str(&format!(
            " {} puts the programme {} lower than {}, and rates it lower in {in_domains}.",
            low.value,
            plural(shown_apart as u64, "point", "points"),
            high.value
        ));
    } else {
        out.push_str(&format!(
            " The groups see the programme alike: the highest and the lowest are {} apart.",
            plural(shown_apart as u64, "point", "points")
        ));
    }
    Some(out)
}

/// In how many domains group `low` of `column` rates lower than group `high`, of the domains
/// where both are shown.
pub fn lower_in(
    a: &Assessment,
    column: &str,
    (low, high): (&str, &str),
    withheld: &[WithheldGroup],
) -> (usize, usize) {
    let mut lower = 0;
    let mut shared = 0;
    for d in &a.domains {
        let percent = |value: &str| {
            let g = d
                .groups
                .iter()
                .find(|g| g.column == column && g.value == value)?;
            match visibility(d, g, withheld) {
                Visibility::Shown(s) => s.percent,
                _ => None,
            }
        };
        if let (Some(l), Some(h)) = (percent(low), percent(high)) {
            shared += 1;
            if l < h {
                lower += 1;
            }
        }
    }
    (lower, shared)
}

/// The highest and lowest group (first of equals).
pub fn extremes(groups: &[GroupStanding]) -> Option<(&GroupStanding, &GroupStanding)> {
    let first = groups.first()?;
    let pick = |better: fn(f64, f64) -> bool| {
        groups.iter().fold(first, |kept, g| {
            if better(g.percent, kept.percent) {
                g
            } else {
                kept
            }
        })
    };
    Some((pick(|x, y| x > y), pick(|x, y| x < y)))
}

/// Per phase, the domains that reach a new level by its end, as (domain name, level): a
/// domain reaches level `L` when every planned action of its own that lifts it to a level
/// from its current one up to `L` is done; a level no planned action of the domain lifts it
/// to is not counted as reached.
pub fn levels_reached(plan: &Plan) -> Vec<Vec<(String, u32)>> {
    let mut out: Vec<Vec<(String, u32)>> = vec![Vec::new(); plan.phases.len()];
    for t in &plan.targets {
        let (DomainState::BelowTarget, Some(current), Some(target)) =
            (t.state, t.current_level, t.target_level)
        else {
            continue;
        };
        let mut done_by = 0;
        for level in current + 1..=target {
            let Some(last) = plan
                .actions()
                .filter(|x| x.domain == t.domain && x.lifts_to == level)
                .map(|x| x.phase)
                .max()
            else {
                break;
            };
            done_by = done_by.max(last);
            let Some(list) = out.get_mut(done_by.saturating_sub(1)) else {
                break;
            };
            // Levels rise and phases never go back, so a domain's entries in one phase are
            // next to each other: keep the highest.
            match list.last_mut() {
                Some((name, reached)) if *name == t.name => *reached = level,
                _ => list.push((t.name.clone(), level)),
            }
        }
    }
    out
}

/// The decisions a leadership is asked for: sponsoring the first phase, confirming the owners
/// it relies on (each role with its number of actions there), agreeing the targets, and a
/// follow-up survey at the end of the plan.
pub fn decisions(plan: &Plan) -> Vec<String> {
    let mut out = Vec::new();
    if let Some(first) = plan.phases.iter().find(|p| !p.actions.is_empty()) {
        out.push(format!(
            "Sponsor the recovery: approve phase {}, {} (months {}), and its {}.",
            first.index,
            first.name,
            format::span(first.start_month, first.end_month),
            plural(first.actions.len() as u64, "action", "actions")
        ));
        let mut owners: Vec<(&str, u64)> = Vec::new();
        for x in &first.actions {
            match owners.iter_mut().find(|(o, _)| *o == x.owner) {
                Some((_, n)) => *n += 1,
                None => owners.push((&x.owner, 1)),
            }
        }
        out.push(format!(
            "Name an accountable person for each role the first phase relies on: {}.",
            most_first(owners, MAX_OWNERS_NAMED)
        ));
    }
    let mut by_level: BTreeMap<u32, Vec<String>> = BTreeMap::new();
    for t in plan
        .targets
        .iter()
        .filter(|t| t.state == DomainState::BelowTarget)
    {
        if let Some(level) = t.target_level {
            by_level.entry(level).or_default().push(t.name.clone());
        }
    }
    out.extend(targets_decision(&by_level));
    if let Some(last) = plan.phases.iter().rev().find(|p| !p.actions.is_empty()) {
        out.push(format!(
            "Commit to a follow-up survey in month {}, at the end of the plan, measured against this one.",
            last.end_month
        ));
    }
    out
}

/// The most roles a decision names; the rest are counted.
pub const MAX_OWNERS_NAMED: usize = 5;

/// Roles with their number of actions, in order of first appearance: the `most` with the most
/// actions named (ties in order), the others counted.
pub fn most_first(mut owners: Vec<(&str, u64)>, most: usize) -> String {
    owners.sort_by_key(|o| std::cmp::Reverse(o.1));
    let named: Vec<String> = owners
        .iter()
        .take(most)
        .map(|(o, n)| format!("{o} ({})", plural(*n, "action", "actions")))
        .collect();
    match owners.len().saturating_sub(most) {
        0 => join_words(&named),
        n => format!(
            "{}, and {}",
            named.join(", "),
            plural(n as u64, "more role", "more roles")
        ),
    }
}

/// "Agree the targets: level 4 for A and B; level 3 for the other 10 domains." The level most
/// domains aim at (the lowest of equals) is said last, by count when more than three domains
/// aim at it and other levels are named too.
pub fn targets_decision(by_level: &BTreeMap<u32, Vec<String>>) -> Option<String> {
    let (&common, names) = by_level
        .iter()
        .max_by(|x, y| x.1.len().cmp(&y.1.len()).then(y.0.cmp(x.0)))?;
    let mut parts: Vec<String> = by_level
        .iter()
        .filter(|(level, _)| **level != common)
        .map(|(level, names)| format!("level {level} for {}", join_words(names)))
        .collect();
    parts.push(if names.len() <= 3 {
        format!("level {common} for {}", join_words(names))
    } else if parts.is_empty() {
        format!("level {common} for the {} domains below it", names.len())
    } else {
        format!("level {common} for the other {} domains", names.len())
    });
    Some(format!("Agree the targets: {}.", parts.join("; ")))
}

/// Who answered and the response rate, in all and per group, when the invitations are known;
/// nothing without them.
/// A group's responses are the most of its members who scored any one domain; a group is
/// given a rate only where it is shown in every domain (a rate would give away the size of a
/// group hidden somewhere). An invitation for a column the results are not grouped by, or for
/// a value no response has, or fewer invited than answered, is an error.
pub fn response_lines(
    a: &Assessment,
    invited: &[Invited],
    withheld: &[WithheldGroup],
) -> Result<Vec<String>> {
    let r = &a.respondents;
    let mut out = vec![format!(
        "{} answered ({} read{}).",
        plural(r.scored, "person", "people"),
        plural(r.rows, "row", "rows"),
        match r.skipped {
            0 => String::new(),
            n => format!(", {} with no answer skipped", plural(n, "row", "rows")),
        }
    )];
    let mut rates: Vec<String> = Vec::new();
    for entry in invited {
        match entry {
            Invited::Total(n) => {
                if r.scored > *n {
                    bail!(
                        "--invited {n}: {} answered, more than were invited",
                        r.scored
                    );
                }
                out.push(format!(
                    "Response rate: {} of {n} invited, {}.",
                    r.scored,
                    format::whole_percent(100.0 * r.scored as f64 / *n as f64)
                ));
            }
            Invited::Group {
                column,
                value,
                count,
            } => {
                if let Some(line) = group_rate(a, (column, value, *count), withheld)? {
                    rates.push(line);
                }
            }
        }
    }
    if !rates.is_empty() {
        out.push(format!("By group: {}.", rates.join("; ")));
    }
    // Without a rate the count alone says nothing the summary does not.
    if out.len() == 1 {
        out.clear();
    }
    Ok(out)
}

/// The response rate of one group, or `None` when it is not shown in every domain.
fn group_rate(
    a: &Assessment,
    (column, value, count): (&str, &str, u64),
    withheld: &[WithheldGroup],
) -> Result<Option<String>> {
    let setting = format!("--invited {column}={value}:{count}");
    if !a.group_by.iter().any(|c| c == column) {
        bail!("{setting}: the results are not grouped by '{column}'; add -g '{column}'");
    }
    let mut most = 0;
    let mut everywhere = true;
    let mut seen = false;
    for d in &a.domains {
        let Some(g) = d
            .groups
            .iter()
            .find(|g| g.column == column && g.value == value)
        else {
            continue;
        };
        seen = true;
        match visibility(d, g, withheld) {
            Visibility::Shown(s) => most = most.max(s.n),
            _ => everywhere = false,
        }
    }
    if !seen {
        bail!("{setting}: no response has {column} '{value}'");
    }
    if !everywhere {
        return Ok(None);
    }
    if most > count {
        bail!("{setting}: {most} answered, more than were invited");
    }
    Ok(Some(format!(
        "{column} {value} {most} of {count}, {}",
        format::whole_percent(100.0 * most as f64 / count as f64)
    )))
}
