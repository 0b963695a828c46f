//! Rules of recovery actions and of the dependencies between them.

use super::scale::LevelSet;
use super::{Checker, is_item_id};
use crate::input::Spanned;
use crate::questionnaire::graph::ActionGraph;
use crate::questionnaire::raw::{RawAction, RawDomain};
use std::collections::HashSet;

/// Every action (ids well formed and unique, `lifts_to` a level, impact 1 to 5, title, owner
/// and measure given), then every dependency (an action of this questionnaire, not the action
/// itself), then dependency cycles. Returns the action ids.
pub(super) fn check_actions<'r>(
    domains: &'r [Spanned<RawDomain>],
    levels: &LevelSet,
    c: &mut Checker<'_>,
) -> HashSet<&'r str> {
    let actions: Vec<&Spanned<RawAction>> = domains
        .iter()
        .flat_map(|d| d.value.actions.iter())
        .collect();
    let mut ids = HashSet::new();
    for a in &actions {
        check_action(a, levels, &mut ids, c);
    }
    for a in &actions {
        for dep in &a.value.depends_on {
            if dep.value == a.value.id {
                c.at(dep, format!("action '{}' depends on itself", a.value.id));
            } else if !ids.contains(dep.value.as_str()) {
                c.at(
                    dep,
                    format!(
                        "action '{}' depends on '{}', which is not an action of this questionnaire",
                        a.value.id, dep.value
                    ),
                );
            }
        }
    }
    check_cycles(&actions, c);
    ids
}

/// One action's own fields; `seen` holds the ids met so far.
fn check_action<'r>(
    a: &'r Spanned<RawAction>,
    levels: &LevelSet,
    seen: &mut HashSet<&'r str>,
    c: &mut Checker<'_>,
) {
    let av = &a.value;
    if !is_item_id(&av.id) {
        c.at(
            a,
            format!(
                "action id '{}' may hold only letters, digits, '-', '_' and '.'",
                av.id
            ),
        );
    }
    if !seen.insert(&av.id) {
        c.at(a, format!("duplicate action id '{}'", av.id));
    }
    if !levels.contains(av.lifts_to) {
        c.at(
            a,
            format!(
                "action '{}': lifts_to {} is not one of the levels ({})",
                av.id,
                av.lifts_to,
                levels.range()
            ),
        );
    }
    if !(1..=5).contains(&av.impact) {
        c.at(
            a,
            format!(
                "action '{}': impact must be from 1 to 5, not {}",
                av.id, av.impact
            ),
        );
    }
    for (field, value) in [
        ("title", &av.title),
        ("owner", &av.owner),
        ("measure", &av.measure),
    ] {
        if value.trim().is_empty() {
            c.at(a, format!("action '{}' has no {field}", av.id));
        }
    }
}

/// Report every dependency cycle once, naming the actions in it, at the first action's place.
fn check_cycles(actions: &[&Spanned<RawAction>], c: &mut Checker<'_>) {
    let graph = ActionGraph::new(actions.iter().map(|a| {
        (
            a.value.id.as_str(),
            a.value.depends_on.iter().map(|d| d.value.as_str()),
        )
    }));
    for cycle in graph.cycles() {
        let mut names: Vec<&str> = cycle.iter().map(|&i| graph.id(i)).collect();
        names.push(names[0]);
        c.at(
            actions[cycle[0]],
            format!(
                "dependency cycle: {} (each depends on the next)",
                names.join(" -> ")
            ),
        );
    }
}
