//! "At a glance": the groups side by side, the response rates, worked out by hand.

use super::{assess, two_domains};
use crate::report::Invited;
use crate::report::glance::*;

/// IT (5 people) answers A1 = 5 and B1 = 4; Business (5) answers 1 and 2.
/// IT: Alpha (5 - 1) / 4 = 100%, Beta 75%; weighted (1 x 100 + 3 x 75) / 4 = 81.25%, level 5.
/// Business: Alpha 0%, Beta 25%; (0 + 75) / 4 = 18.75%, level 1.
fn survey() -> crate::scoring::Assessment {
    assess(
        &two_domains(),
        &[("IT", 5, [5, 4]), ("Business", 5, [1, 2])],
        5,
    )
}

#[test]
fn a_group_stands_at_the_weighted_mean_of_its_domains() {
    let q = two_domains();
    let a = survey();
    let groups = group_standings(&q, &a, "role", &[]);
    let got: Vec<(&str, f64, u32, &str, usize)> = groups
        .iter()
        .map(|g| {
            (
                g.value.as_str(),
                g.percent,
                g.level,
                g.level_name.as_str(),
                g.domains,
            )
        })
        .collect();
    assert_eq!(
        got,
        [
            ("Business", 18.75, 1, "Initial", 2),
            ("IT", 81.25, 5, "Optimising", 2)
        ]
    );
    assert_eq!(lower_in(&a, "role", ("Business", "IT"), &[]), (2, 2));
    let (high, low) = extremes(&groups).unwrap();
    assert_eq!(
        (high.value.as_str(), low.value.as_str()),
        ("IT", "Business")
    );
}

#[test]
fn the_perspective_names_each_group_with_its_level_and_says_how_far_apart_they_are() {
    let q = two_domains();
    let a = survey();
    let groups = group_standings(&q, &a, "role", &[]);
    // 81% and 19% as shown: 62 points apart.
    assert_eq!(
        perspective_sentence("role", &groups, (2, 2)).unwrap(),
        "By role: Business at level 1 (Initial, 19%) and IT at level 5 (Optimising, 81%). Business puts the programme 62 points lower than IT, and rates it lower in every one of the 2 domains where both are shown."
    );
    assert_eq!(
        perspective_sentence("role", &groups, (1, 2)).unwrap(),
        "By role: Business at level 1 (Initial, 19%) and IT at level 5 (Optimising, 81%). Business puts the programme 62 points lower than IT, and rates it lower in 1 of the 2 domains where both are shown."
    );
    assert_eq!(perspective_sentence("role", &[], (0, 0)), None);
}

#[test]
fn groups_less_than_10_points_apart_are_said_to_agree() {
    let q = two_domains();
    // IT answers 4 and 4 (75%); Business 4 and 3: Alpha 75%, Beta 50%, (75 + 150) / 4 =
    // 56.25%, level 3. 75 - 56 = 19 points: apart. With Business at 4 and 4 minus one person
    // answering 3 and 4 of six: Alpha (5 x 75 + 50) / 6 = 70.83, Beta 75: (70.83 + 225) / 4 =
    // 73.96%, 1 point from IT.
    let a = assess(
        &q,
        &[
            ("IT", 5, [4, 4]),
            ("Business", 5, [4, 4]),
            ("Business", 1, [3, 4]),
        ],
        5,
    );
    let groups = group_standings(&q, &a, "role", &[]);
    assert_eq!(
        perspective_sentence("role", &groups, (1, 1)).unwrap(),
        "By role: Business at level 4 (Measured, 74%) and IT at level 4 (Measured, 75%). The groups see the programme alike: the highest and the lowest are 1 point apart."
    );
}

#[test]
fn the_perspective_is_the_first_group_by_column_unless_another_is_asked_for() {
    let a = survey();
    assert_eq!(perspective(&a, None).unwrap(), Some("role"));
    assert_eq!(perspective(&a, Some("role")).unwrap(), Some("role"));
    let err = perspective(&a, Some("team")).unwrap_err().to_string();
    assert!(
        err.contains("--perspective 'team'") && err.contains("(role)"),
        "{err}"
    );
}

#[test]
fn response_rates_in_all_and_per_shown_group() {
    let a = survey();
    let lines = response_lines(
        &a,
        &[
            Invited::Total(40),
            Invited::Group {
                column: "role".into(),
                value: "IT".into(),
                count: 8,
            },
        ],
        &[],
    )
    .unwrap();
    // 10 of 40 is 25%; IT 5 of 8 is 62.5%, shown as 62% (ties to even).
    assert_eq!(
        lines,
        [
            "10 people answered (10 rows read).",
            "Response rate: 10 of 40 invited, 25%.",
            "By group: role IT 5 of 8, 62%."
        ]
    );
    for (invited, expected) in [
        (
            Invited::Total(9),
            "--invited 9: 10 answered, more than were invited",
        ),
        (
            Invited::Group {
                column: "team".into(),
                value: "IT".into(),
                count: 8,
            },
            "not grouped by 'team'",
        ),
        (
            Invited::Group {
                column: "role".into(),
                value: "Finance".into(),
                count: 8,
            },
            "no response has role 'Finance'",
        ),
        (
            Invited::Group {
                column: "role".into(),
                value: "IT".into(),
                count: 4,
            },
            "5 answered, more than were invited",
        ),
    ] {
        let err = response_lines(&a, &[invited], &[]).unwrap_err().to_string();
        assert!(err.contains(expected), "{err}");
    }
}

#[test]
fn a_group_hidden_somewhere_gets_no_response_rate() {
    // Tiny (2) is too small, and hides fewer than 5, so IT (5, smaller than Business's 6) is
    // withheld too: neither gets a rate, which would give its size away.
    let a = assess(
        &two_domains(),
        &[
            ("IT", 5, [5, 4]),
            ("Business", 6, [1, 2]),
            ("Tiny", 2, [3, 3]),
        ],
        5,
    );
    let lines = response_lines(
        &a,
        &[Invited::Group {
            column: "role".into(),
            value: "IT".into(),
            count: 8,
        }],
        &[],
    )
    .unwrap();
    assert!(lines.is_empty(), "{lines:?}");
}

#[test]
fn invitations_are_read_from_the_command_line() {
    assert_eq!(Invited::parse("120").unwrap(), Invited::Total(120));
    assert_eq!(
        Invited::parse("department=Sales: EMEA:30").unwrap(),
        Invited::Group {
            column: "department".into(),
            value: "Sales: EMEA".into(),
            count: 30
        }
    );
    for bad in ["0", "x", "role=IT", "=IT:3", "role=:3", "role=IT:-2"] {
        assert!(Invited::parse(bad).is_err(), "{bad}");
    }
}

#[test]
fn the_decisions_name_the_busiest_roles_and_group_the_targets() {
    assert_eq!(
        most_first(
            vec![("CIO", 1), ("Change owner", 3), ("Finance lead", 1)],
            5
        ),
        "Change owner (3 actions), CIO (1 action) and Finance lead (1 action)"
    );
    assert_eq!(
        most_first(vec![("A", 1), ("B", 2), ("C", 1), ("D", 1)], 2),
        "B (2 actions), A (1 action), and 2 more roles"
    );
    let names = |list: &[&str]| list.iter().map(|s| s.to_string()).collect::<Vec<_>>();
    let mut by_level = std::collections::BTreeMap::new();
    by_level.insert(3, names(&["A", "B", "C", "D"]));
    by_level.insert(4, names(&["E"]));
    assert_eq!(
        targets_decision(&by_level).unwrap(),
        "Agree the targets: level 4 for E; level 3 for the other 4 domains."
    );
    by_level.remove(&4);
    assert_eq!(
        targets_decision(&by_level).unwrap(),
        "Agree the targets: level 3 for the 4 domains below it."
    );
    by_level.insert(3, names(&["A", "B"]));
    by_level.insert(2, names(&["C", "D"]));
    // Equal counts: the lower level is the common one, said last.
    assert_eq!(
        targets_decision(&by_level).unwrap(),
        "Agree the targets: level 3 for A and B; level 2 for C and D."
    );
    assert_eq!(targets_decision(&Default::default()), None);
}
