//! The targets file and the phase options.

use super::*;
use std::collections::BTreeMap;
use std::path::PathBuf;

fn fixture(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/roadmap")
        .join(name)
}

/// The problems of a targets text, as displayed.
fn problems(text: &str) -> Vec<String> {
    match parse_targets(text, "t.yaml", &small()) {
        Ok(t) => panic!("expected problems, got {t:?}"),
        Err(p) => p.0.iter().map(ToString::to_string).collect(),
    }
}

#[test]
fn a_targets_file_maps_domains_to_level_numbers_or_names() {
    let targets =
        load_targets(&fixture("targets.yaml"), &small()).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(
        targets,
        BTreeMap::from([("change".into(), 4), ("desk".into(), 3)])
    );
}

#[test]
fn a_targets_file_reports_every_unknown_domain_and_level_with_its_line() {
    let path = fixture("bad-targets.yaml");
    let err = load_targets(&path, &small()).map(|_| ()).unwrap_err();
    let file = path.display().to_string();
    let lines: Vec<(Option<u64>, &str)> =
        err.0.iter().map(|p| (p.line, p.message.as_str())).collect();
    assert_eq!(
        lines,
        [
            (
                Some(2),
                "'nowhere' is not a domain of questionnaire 'small' (domains: change, desk, cost)"
            ),
            (
                Some(3),
                "domain 'desk': 9 is not one of the levels (1..5: 1 Initial, 2 Managed, 3 Defined, 4 Measured, 5 Optimising)"
            ),
            (
                Some(4),
                "domain 'cost': 'Excellent' is not one of the levels (1..5: 1 Initial, 2 Managed, 3 Defined, 4 Measured, 5 Optimising)"
            ),
        ]
    );
    assert!(err.0.iter().all(|p| p.file == file));
}

#[test]
fn a_targets_file_refuses_a_domain_given_twice() {
    let found = problems("change: 3\ndesk: 2\nchange: 4\n");
    assert_eq!(
        found,
        ["t.yaml:3:1: domain 'change' is given more than once"]
    );
}

#[test]
fn a_targets_file_that_is_not_a_mapping_says_what_is_expected() {
    let found = problems("- change\n- desk\n");
    assert_eq!(
        found,
        [
            "t.yaml:1:1: expected a mapping of domain id to target level, such as `change-enablement: 3`"
        ]
    );
    let found = problems("change: [\n");
    assert_eq!(found, ["t.yaml:1:9: unclosed bracket '['"]);
    let found = problems("  \n");
    assert_eq!(
        found,
        [
            "t.yaml: is empty; expected a mapping of domain id to target level, such as `change-enablement: 3`"
        ]
    );
    let found = problems("change: -1\ndesk: [3]\ncost:\n");
    let levels = "(1..5: 1 Initial, 2 Managed, 3 Defined, 4 Measured, 5 Optimising)";
    assert_eq!(
        found,
        [
            format!("t.yaml:1:9: domain 'change': -1 is not one of the levels {levels}"),
            format!("t.yaml:2:7: domain 'desk': [3] is not one of the levels {levels}"),
            format!("t.yaml:3:5: domain 'cost': an empty value is not one of the levels {levels}"),
        ]
    );
}

#[test]
fn a_missing_targets_file_names_the_file() {
    let path = fixture("no-such-targets.yaml");
    let err = load_targets(&path, &small()).map(|_| ()).unwrap_err();
    assert!(err.to_string().starts_with(&path.display().to_string()));
}

#[test]
fn the_default_phases_are_four_over_eighteen_months() {
    assert_eq!(
        parse_phases(&default_phases(), None, None),
        Ok(default_phases())
    );
    let months: Vec<(u32, u32)> = default_phases()
        .iter()
        .map(|p| (p.start_month, p.end_month))
        .collect();
    assert_eq!(months, [(0, 3), (3, 6), (6, 12), (12, 18)]);
}

#[test]
fn phase_names_and_months_can_be_given() {
    let phases = parse_phases(
        &default_phases(),
        Some(" Triage , Fix,Grow "),
        Some("0, 2,6,12"),
    )
    .unwrap_or_default();
    let got: Vec<(&str, u32, u32)> = phases
        .iter()
        .map(|p| (p.name.as_str(), p.start_month, p.end_month))
        .collect();
    assert_eq!(got, [("Triage", 0, 2), ("Fix", 2, 6), ("Grow", 6, 12)]);
    // Four names take the default months, five boundaries the default names.
    let names = parse_phases(&default_phases(), Some("A,B,C,D"), None).unwrap_or_default();
    assert_eq!(names[3].end_month, 18);
    let months = parse_phases(&default_phases(), None, Some("1,2,3,4,5")).unwrap_or_default();
    assert_eq!(months[0].name, "Stop the bleeding");
}

#[test]
fn names_alone_or_months_alone_derive_the_other() {
    let spans = |names: Option<&str>, months: Option<&str>| -> Vec<(String, u32, u32)> {
        parse_phases(&default_phases(), names, months)
            .unwrap_or_default()
            .into_iter()
            .map(|p| (p.name, p.start_month, p.end_month))
            .collect()
    };
    let s = |n: &str, a: u32, b: u32| (n.to_string(), a, b);
    // Three names share the 18 default months equally: 18 / 3 = 6 each.
    assert_eq!(
        spans(Some("A,B,C"), None),
        [s("A", 0, 6), s("B", 6, 12), s("C", 12, 18)]
    );
    // Five: k * 18 / 5 = 3.6, 7.2, 10.8, 14.4 rounded to 4, 7, 11, 14.
    let five: Vec<(u32, u32)> = spans(Some("A,B,C,D,E"), None)
        .into_iter()
        .map(|(_, a, b)| (a, b))
        .collect();
    assert_eq!(five, [(0, 4), (4, 7), (7, 11), (11, 14), (14, 18)]);
    // Twenty names are more than 18 months: one month each, up to month 20.
    let many = vec!["x"; 20]
        .iter()
        .enumerate()
        .map(|(i, _)| format!("P{i}"))
        .collect::<Vec<_>>()
        .join(",");
    let twenty = spans(Some(&many), None);
    assert_eq!(twenty.len(), 20);
    assert_eq!((twenty[19].1, twenty[19].2), (19, 20));
    // Two boundaries make one phase, which takes a neutral name.
    assert_eq!(spans(None, Some("0,3")), [s("Phase 1", 0, 3)]);
}

#[test]
fn phases_that_cannot_be_used_are_refused_with_what_to_give() {
    let err = |names: Option<&str>, months: Option<&str>| match parse_phases(
        &default_phases(),
        names,
        months,
    ) {
        Err(PlanError::Phases(m)) => m,
        other => panic!("expected an error, got {other:?}"),
    };
    assert!(err(Some("A,B"), Some("0,3")).contains("2 phase names need 3 month boundaries"));
    assert!(err(Some("A,B"), Some("0,3,3")).contains("must end after it starts"));
    assert!(err(Some("A,B"), Some("0,6,3")).contains("must end after it starts"));
    assert!(err(Some("A"), Some("0,x")).contains("'x' is not a whole number of months"));
    assert!(err(Some("A,"), Some("0,1,2")).contains("phase 2 has no name"));
    assert!(err(Some("A,A"), Some("0,1,2")).contains("'A' is used twice"));
}
