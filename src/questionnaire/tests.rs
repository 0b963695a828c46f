//! Tests of loading and validating questionnaires, and of the action graph.

use super::*;

fn problem(text: &str) -> String {
    parse(text, "q.yaml").expect_err("refused").to_string()
}

#[test]
fn an_alias_bomb_stops_at_the_node_limit_with_a_plain_message() {
    let mut text = String::from(
        "id: x\ntitle: y\nversion:\n  - &a [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]\n",
    );
    for (prev, name) in "abcdefgh".chars().zip("bcdefghi".chars()) {
        text.push_str(&format!(
            "  - &{name} [{}]\n",
            vec![format!("*{prev}"); 10].join(", ")
        ));
    }
    text.push_str("description: *i\n");
    assert_eq!(
        problem(&text),
        "q.yaml:9:13: holds more than 250000 values once its aliases (*name) are expanded, \
         the limit; a questionnaire needs far fewer (an alias bomb?)"
    );
}

#[test]
fn deep_nesting_stops_at_the_depth_limit_with_a_plain_message() {
    let text = format!("id: x\nversion: {}{}\n", "[".repeat(70), "]".repeat(70));
    assert_eq!(
        problem(&text),
        "q.yaml:2:73: nested more than 64 levels deep, the limit; a questionnaire is a few levels deep"
    );
}

#[test]
fn minus_zero_is_read_as_zero() {
    let q = parse(
        "id: x\ntitle: y\nscale: {min: -0, max: 4}\nlevels:\n  - {level: 1, name: Low, min_percent: -0}\n\
         domains:\n  - id: d\n    name: D\n    questions: [{id: a, text: b}]\n\
         flags:\n  - {id: f, domain: d, below: -0, finding: Weak.}\n",
        "q.yaml",
    )
    .expect("valid");
    assert!(q.levels[0].min_percent.is_sign_positive());
    assert!(q.flags[0].threshold.is_sign_positive());
    assert_eq!(format!("{}", q.levels[0].min_percent), "0");
}

#[test]
fn parser_messages_say_what_was_expected() {
    assert_eq!(
        problem("# only a comment\n"),
        "q.yaml:2:1: the file ends here; expected a questionnaire: a mapping with id, title, \
         scale and domains"
    );
    assert_eq!(
        // Given its domains, so that the number is the only problem.
        problem("id: x\ntitle: y\nscale: {min: 1e400, max: 5}\ndomains: []\n"),
        "q.yaml:3:14: invalid number: expected a whole number"
    );
    assert_eq!(
        problem("id: x\nid: y\n"),
        "q.yaml:2:1: the key 'id' appears twice in this mapping; give each key once"
    );
}

/// A graph from (id, dependencies) pairs.
fn graph<'a>(actions: &[(&'a str, &[&'a str])]) -> ActionGraph<'a> {
    ActionGraph::new(actions.iter().map(|&(id, deps)| (id, deps.iter().copied())))
}

#[test]
fn the_action_graph_numbers_actions_in_order_and_keeps_only_known_dependencies() {
    let g = graph(&[
        ("a", &[]),
        ("b", &["a", "nowhere", "b", "a"]),
        ("c", &["b"]),
    ]);
    assert_eq!((g.len(), g.is_empty()), (3, false));
    assert_eq!((g.index("c"), g.index("nowhere")), (Some(2), None));
    assert_eq!(g.id(1), "b");
    // The unknown id and the action itself are left out; the repeat of "a" stays.
    assert_eq!(g.deps(1), [0, 0]);
    assert_eq!(g.deps(2), [1]);
    assert!(g.cycles().is_empty());
}

#[test]
fn the_action_graph_finds_each_cycle_once_from_where_the_search_enters_it() {
    // a -> b -> c -> a, entered at a; d -> e -> d, entered at e by the search from f, which
    // comes first.
    let g = graph(&[
        ("a", &["b"]),
        ("b", &["c"]),
        ("c", &["a"]),
        ("f", &["e"]),
        ("d", &["e"]),
        ("e", &["d"]),
    ]);
    assert_eq!(g.cycles(), [vec![0, 1, 2], vec![5, 4]]);
}

#[test]
fn the_graph_of_a_loaded_questionnaire_follows_depends_on() {
    let q = load("danger-signs").expect("the built-in questionnaire");
    let g = ActionGraph::of(&q);
    let actions: Vec<&Action> = q.actions().map(|(_, a)| a).collect();
    assert_eq!(g.len(), actions.len());
    for (i, a) in actions.iter().enumerate() {
        let named: Vec<&str> = g.deps(i).iter().map(|&j| g.id(j)).collect();
        assert_eq!(named, a.depends_on, "{}", a.id);
    }
}

#[test]
fn weights_outside_a_millionth_to_a_million_are_refused_with_their_place() {
    let yaml = |domain: &str, question: &str| {
        format!(
            "id: w\ntitle: W\nscale: {{min: 1, max: 5}}\ndomains:\n  - id: d\n    name: D\n    weight: {domain}\n    questions:\n      - {{id: D1, text: d1, weight: {question}}}\n"
        )
    };
    // The bounds themselves are allowed.
    assert!(parse(&yaml("1000000", "0.000001"), "w.yaml").is_ok());
    // A sum of two such domain weights overflows an f64; a question weight of 1e-30 is lost
    // beside a weight of 1.
    let text = problem(&yaml("1.5e308", "1.0e-30"));
    assert!(
        text.contains("domain 'd': weight 1.5e308 is outside the allowed range 1e-6 to 1e6"),
        "{text}"
    );
    assert!(
        text.contains("question 'D1': weight 1e-30 is outside the allowed range"),
        "{text}"
    );
    assert!(text.contains("q.yaml:"), "{text}");
}

/// A small valid questionnaire with `extra` top-level keys appended.
fn with_top_level(extra: &str) -> String {
    format!(
        "id: x\ntitle: y\nscale: {{min: 1, max: 5}}\ndomains:\n  - id: d\n    name: D\n    questions: [{{id: a, text: b}}]\n{extra}"
    )
}

#[test]
fn report_title_and_phases_default_to_todays_wording() {
    let q = parse(&with_top_level(""), "q.yaml").expect("valid");
    assert_eq!(
        q.report_title,
        "ITSM maturity assessment and recovery roadmap"
    );
    let phases: Vec<(&str, u32, u32)> = q
        .phases
        .iter()
        .map(|p| (p.name.as_str(), p.start_month, p.end_month))
        .collect();
    assert_eq!(
        phases,
        [
            ("Stop the bleeding", 0, 3),
            ("Stabilise", 3, 6),
            ("Standardise", 6, 12),
            ("Measure and improve", 12, 18)
        ]
    );
}

#[test]
fn report_title_and_phases_are_read_from_the_questionnaire() {
    let q = parse(
        &with_top_level(
            "report_title: Security culture survey\nphases:\n  names: [Quick wins, Foundations, Embed]\n  months: [0, 2, 6, 12]\n",
        ),
        "q.yaml",
    )
    .expect("valid");
    assert_eq!(q.report_title, "Security culture survey");
    let phases: Vec<(&str, u32, u32)> = q
        .phases
        .iter()
        .map(|p| (p.name.as_str(), p.start_month, p.end_month))
        .collect();
    assert_eq!(
        phases,
        [
            ("Quick wins", 0, 2),
            ("Foundations", 2, 6),
            ("Embed", 6, 12)
        ]
    );
    // Names alone: three phases share 18 months evenly (0, 6, 12, 18).
    let q = parse(&with_top_level("phases:\n  names: [A, B, C]\n"), "q.yaml").expect("valid");
    let months: Vec<(u32, u32)> = q
        .phases
        .iter()
        .map(|p| (p.start_month, p.end_month))
        .collect();
    assert_eq!(months, [(0, 6), (6, 12), (12, 18)]);
}

#[test]
fn bad_report_wording_is_refused_where_it_is_written() {
    assert_eq!(
        problem(&with_top_level("report_title: \"  \"\n")),
        "q.yaml:8:15: report_title is empty; leave it out for the default"
    );
    assert_eq!(
        problem(&with_top_level(
            "phases:\n  names: [A, B]\n  months: [0, 3]\n"
        )),
        "q.yaml:9:3: phases: 2 names need 3 months (the start of each phase and the end of the last), but 2 were given"
    );
    assert_eq!(
        problem(&with_top_level("phases:\n  names: [A, A]\n")),
        "q.yaml:9:3: phases: the phase name 'A' is used twice"
    );
    assert_eq!(
        problem(&with_top_level(
            "phases:\n  names: [A, B]\n  months: [0, 6, 6]\n"
        )),
        "q.yaml:9:3: phases: phase 'B' must end after it starts (months 6-6); month boundaries must ascend"
    );
    assert!(
        problem(&with_top_level("phases:\n  names: [A]\n  weeks: [1]\n")).contains("weeks"),
        "an unknown key of phases is refused"
    );
}
