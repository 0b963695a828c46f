//! Large questionnaires written out as YAML, for the planner's scale test and its benchmark
//! (`benches/planning.rs` includes this file).

/// A questionnaire of one domain with `count` actions and no dependency between them; the
/// actions lift to levels 2, 3, 4 and 5 in turn, so that every pair of different levels is
/// ordered by a soft constraint.
pub fn independent_actions(count: usize) -> String {
    let mut yaml = header();
    for i in 0..count {
        yaml.push_str(&format!(
            "      - {{id: A{i:05}, title: Step {i}, lifts_to: {}, effort: small, impact: 3, owner: Lead, measure: Done}}\n",
            2 + i % 4
        ));
    }
    yaml
}

/// A questionnaire of one domain with `count` actions, each depending on the one before it;
/// they lift to levels 2, 3, 4 and 5 in turn, so that the chain runs against the level order
/// again and again.
pub fn dependency_chain(count: usize) -> String {
    let mut yaml = header();
    for i in 0..count {
        let depends = if i == 0 {
            String::new()
        } else {
            format!(", depends_on: [A{:05}]", i - 1)
        };
        yaml.push_str(&format!(
            "      - {{id: A{i:05}, title: Step {i}, lifts_to: {}, effort: small, impact: 3, owner: Lead, measure: Done{depends}}}\n",
            2 + i % 4
        ));
    }
    yaml
}

/// The questionnaire up to its list of actions: one domain, `d`, targeting level 5.
fn header() -> String {
    "id: generated\ntitle: Generated\nscale: {min: 1, max: 5}\ndomains:\n  - id: d\n    name: D\n    \
     target_level: 5\n    questions: [{id: Q1, text: Q}]\n    actions:\n"
        .to_string()
}
