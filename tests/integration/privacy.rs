//! Privacy: identifying columns never reach any output (files, standard output, standard error,
//! error messages included), and the anonymity rules hold in every output: a differencing attack
//! on everything the outputs show cannot work out a suppressed group, and a suppressed group
//! appears in no chart or table of the reports.

use crate::bad_input::{Scratch, assert_failed_cleanly, assert_says};
use crate::common::{run, stderr};
use std::ffi::OsString;
use std::path::PathBuf;

/// Two domains of two questions, with actions and a flag, so that the roadmap and the reports
/// have something to show.
const QUESTIONNAIRE: &str = "id: privacy
title: Privacy check
version: \"1\"
scale:
  min: 1
  max: 5
  labels: {1: Strongly disagree, 2: Disagree, 3: Neutral, 4: Agree, 5: Strongly agree}
domains:
  - id: change
    name: Change
    questions:
      - {id: C1, text: Changes are planned.}
      - {id: C2, text: Changes rarely fail.}
    actions:
      - {id: CH-1, title: Plan changes weekly, lifts_to: 3, effort: small, impact: 4,
         owner: Change manager, measure: A weekly plan}
  - id: desk
    name: Service desk
    questions:
      - {id: D1, text: The desk answers quickly.}
      - {id: D2, text: The desk fixes things first time.}
    actions:
      - {id: SD-1, title: Open a single front door, lifts_to: 3, effort: small, impact: 3,
         owner: Desk manager, measure: One contact point}
flags:
  - {id: weak-desk, domain: desk, below: 90, finding: The desk is weak.}
";

/// Distinctive parts of the identifying values; none may appear in any output.
const SECRETS: [&str; 4] = ["zq-secret.", "Quibblesworth", "203.0.113.", "RID-ZQ-"];

/// The teams, their sizes, and the answer every member of the team gives around (so that each
/// team's mean differs): Kestrel (3) is below the minimum group size of 5; the suppressed
/// groups then hide 3 < 5 people, so the smallest shown team (Heron) is suppressed too.
const TEAMS: [(&str, usize, i32); 4] = [
    ("Heron", 12, 2),
    ("Kestrel", 3, 5),
    ("Osprey", 20, 3),
    ("Wren", 15, 4),
];

/// One respondent's answers to C1, C2, D1, D2.
fn answers(base: i32, i: usize) -> [i32; 4] {
    let wobble = |k: usize| (base + ((i + k) % 3) as i32 - 1).clamp(1, 5);
    [wobble(0), wobble(1), wobble(2), base]
}

/// The response file: identifying columns with distinctive values, a team column, answers.
fn responses() -> String {
    let mut text = String::from("Respondent ID,Email Address,Name,IP Address,Team,C1,C2,D1,D2\n");
    let mut row = 0;
    for (team, size, base) in TEAMS {
        for i in 0..size {
            row += 1;
            let [c1, c2, d1, d2] = answers(base, i);
            text.push_str(&format!(
                "RID-ZQ-{row:05},person{row}.zq-secret.@example.invalid,Xavier{row} Quibblesworth,\
                 203.0.113.{row},{team},{c1},{c2},{d1},{d2}\n"
            ));
        }
    }
    text
}

/// The true n and mean of a team in a domain (questions 0-1: change, 2-3: desk), worked out
/// from the data the test wrote.
fn truth(team: &str, domain: usize) -> (u64, f64) {
    let (_, size, base) = TEAMS.iter().find(|(t, _, _)| *t == team).expect("a team");
    let scores: Vec<f64> = (0..*size)
        .map(|i| {
            let a = answers(*base, i);
            f64::from(a[domain * 2] + a[domain * 2 + 1]) / 2.0
        })
        .collect();
    (
        scores.len() as u64,
        scores.iter().sum::<f64>() / scores.len() as f64,
    )
}

struct Survey {
    scratch: Scratch,
    questionnaire: PathBuf,
    responses: PathBuf,
}

impl Survey {
    fn new(responses_text: &str) -> Self {
        let scratch = Scratch::new();
        let questionnaire = scratch.write("privacy.yaml", QUESTIONNAIRE);
        let responses = scratch.write("survey.csv", responses_text);
        Survey {
            scratch,
            questionnaire,
            responses,
        }
    }

    /// Run `command -q Q -g Team ARGS... -o OUT RESPONSES`; return the output file's text and
    /// standard error, after checking that the run succeeded.
    fn output(&self, command: &str, args: &[&str]) -> (String, String) {
        let out_path = self.scratch.out_dir().join(format!(
            "{command}-{}.out",
            args.join("-").replace(['/', ' '], "_")
        ));
        let mut all: Vec<OsString> = vec![
            command.into(),
            "-q".into(),
            self.questionnaire.clone().into(),
            "-g".into(),
            "Team".into(),
        ];
        all.extend(args.iter().map(OsString::from));
        all.extend(["-o".into(), out_path.clone().into()]);
        all.push(self.responses.clone().into());
        let out = run(&all);
        let err = stderr(&out);
        assert!(out.status.success(), "{command} {args:?}: {err}");
        assert!(out.stdout.is_empty(), "the output went to the file");
        let text = std::fs::read_to_string(&out_path).expect("the output file");
        (text, err)
    }

    /// Every output of every command and format, with its standard error: (what, text).
    fn every_output(&self) -> Vec<(String, String)> {
        let mut all = Vec::new();
        for (command, formats) in [
            ("score", &["json", "csv", "table"][..]),
            ("roadmap", &["json", "csv", "md", "table"][..]),
            ("report", &["html", "md"][..]),
        ] {
            for format in formats {
                let (text, err) = self.output(command, &["-f", format]);
                all.push((format!("{command} -f {format}"), text));
                all.push((format!("{command} -f {format} (stderr)"), err));
            }
        }
        let inspect = run([
            OsString::from("inspect"),
            "-q".into(),
            self.questionnaire.clone().into(),
            self.responses.clone().into(),
        ]);
        assert!(inspect.status.success(), "{}", stderr(&inspect));
        all.push(("inspect".into(), crate::common::stdout(&inspect)));
        all.push(("inspect (stderr)".into(), stderr(&inspect)));
        all
    }
}

/// Assert no identifying value appears in a text.
#[track_caller]
fn assert_no_secrets(what: &str, text: &str) {
    for secret in SECRETS {
        assert!(
            !text.contains(secret),
            "{what} shows an identifying value ({secret}):\n{text}"
        );
    }
}

#[test]
fn identifying_columns_appear_in_no_output_of_any_command_or_format() {
    let survey = Survey::new(&responses());
    let outputs = survey.every_output();
    assert_eq!(outputs.len(), 20);
    for (what, text) in &outputs {
        assert_no_secrets(what, text);
    }
    // The outputs are real ones: the score shows the 50 respondents, the report the teams.
    let (json, _) = survey.output("score", &["-f", "json"]);
    let json: serde_json::Value = serde_json::from_str(&json).expect("JSON");
    assert_eq!(json["respondents"]["scored"], 50);
    let report = &outputs
        .iter()
        .find(|(what, _)| what == "report -f html")
        .expect("the report")
        .1;
    assert!(report.contains("Osprey"), "the report shows the groups");
    // inspect names the identifying columns by header, and says they are never read.
    let inspect = &outputs
        .iter()
        .find(|(w, _)| w == "inspect")
        .expect("inspect")
        .1;
    assert!(inspect.contains("Email Address"), "{inspect}");
    assert!(inspect.contains("identifying"), "{inspect}");
}

#[test]
fn an_error_about_a_bad_cell_names_the_row_and_not_the_respondent() {
    // Row 8 (line 9) gets an answer off the scale.
    let text: String = responses()
        .lines()
        .enumerate()
        .map(|(i, line)| {
            if i == 8 {
                format!("{},7\n", line.rsplit_once(',').expect("cells").0)
            } else {
                format!("{line}\n")
            }
        })
        .collect();
    let survey = Survey::new(&text);
    for command in ["score", "roadmap", "report"] {
        let out_path = survey.scratch.out_dir().join("never.out");
        let out = run([
            OsString::from(command),
            "-q".into(),
            survey.questionnaire.clone().into(),
            "-g".into(),
            "Team".into(),
            "-o".into(),
            out_path.clone().into(),
            survey.responses.clone().into(),
        ]);
        let err = stderr(&out);
        assert_failed_cleanly(&out, &err);
        assert_says(
            &err,
            &[
                &format!("{}:9:9: ", survey.responses.display()),
                "column 'D2': '7' is a number outside the scale",
            ],
        );
        assert_no_secrets(command, &err);
        assert!(!out_path.exists());
    }
    // With --skip-invalid the warning counts the cell and shows no row's values.
    let (json, err) = survey.output("score", &["-f", "json", "--skip-invalid"]);
    assert_says(
        &err,
        &["1 cell(s) were not answers on the scale and count as missing"],
    );
    assert_no_secrets("score --skip-invalid", &json);
    assert_no_secrets("score --skip-invalid (stderr)", &err);
}

#[test]
fn grouping_by_an_identifying_column_is_refused_without_showing_its_values() {
    let survey = Survey::new(&responses());
    for column in ["Email Address", "Name", "IP Address", "Respondent ID"] {
        let out = run([
            OsString::from("score"),
            "-q".into(),
            survey.questionnaire.clone().into(),
            "-g".into(),
            column.into(),
            survey.responses.clone().into(),
        ]);
        let err = stderr(&out);
        assert_failed_cleanly(&out, &err);
        assert_says(
            &err,
            &[&format!(
                "cannot group by '{column}': the column identifies respondents, and is never read"
            )],
        );
        assert_no_secrets(column, &err);
    }
}

#[test]
fn an_identifying_column_mapped_to_a_question_shows_no_values_in_messages() {
    // A mapping file filled in by mistake: the e-mail column as question C1.
    let survey = Survey::new(&responses());
    let mapping = survey
        .scratch
        .write("mapping.yaml", "columns:\n  Email Address: C1\n  C1: ~\n");
    let out = run([
        OsString::from("score"),
        "-q".into(),
        survey.questionnaire.clone().into(),
        "--mapping".into(),
        mapping.clone().into(),
        survey.responses.clone().into(),
    ]);
    let err = stderr(&out);
    assert_no_secrets("score with the mapping", &err);
    assert_no_secrets("score with the mapping", &crate::common::stdout(&out));
    let inspect = run([
        OsString::from("inspect"),
        "-q".into(),
        survey.questionnaire.clone().into(),
        "--mapping".into(),
        mapping.into(),
        survey.responses.clone().into(),
    ]);
    assert_no_secrets("inspect with the mapping", &stderr(&inspect));
    assert_no_secrets("inspect with the mapping", &crate::common::stdout(&inspect));
}

/// A group as an output shows it: its value, whether it is suppressed, and (when shown) its n
/// and mean.
type ShownGroup = (String, bool, Option<(u64, f64)>);

/// One domain's figures for the team column as an output shows them: the domain's n and mean,
/// and its groups.
struct Shown {
    n: u64,
    mean: f64,
    groups: Vec<ShownGroup>,
}

/// The figures of the JSON output.
fn shown_in_json(json: &serde_json::Value, domain: usize) -> Shown {
    let d = &json["domains"][domain];
    Shown {
        n: d["n"].as_u64().expect("n"),
        mean: d["mean"].as_f64().expect("mean"),
        groups: d["groups"]
            .as_array()
            .expect("groups")
            .iter()
            .filter(|g| g["column"] == "Team")
            .map(|g| {
                let suppressed = g["suppressed"].as_bool().expect("suppressed");
                let stats = g["n"]
                    .as_u64()
                    .map(|n| (n, g["mean"].as_f64().expect("a shown group's mean")));
                (
                    g["value"].as_str().expect("value").to_string(),
                    suppressed,
                    stats,
                )
            })
            .chain(
                d["too_small"]
                    .as_array()
                    .into_iter()
                    .flatten()
                    .filter(|t| t["column"] == "Team")
                    .flat_map(|t| {
                        // Counted, never named: "value" is null.
                        assert!(t["value"].is_null(), "{t}");
                        let count = t["groups"].as_u64().expect("a count") as usize;
                        std::iter::repeat_n((String::new(), true, None), count)
                    }),
            )
            .collect(),
    }
}

/// The figures of the CSV output (6 decimals).
fn shown_in_csv(csv_text: &str, domain: &str) -> Shown {
    let mut reader = csv::Reader::from_reader(csv_text.as_bytes());
    let header = reader.headers().expect("a header").clone();
    let col = |name: &str| header.iter().position(|h| h == name).expect(name);
    let (mut n, mut mean, mut groups) = (0, 0.0, Vec::new());
    for record in reader.records() {
        let r = record.expect("a record");
        if &r[col("domain")] != domain {
            continue;
        }
        match &r[col("scope")] {
            "domain" => {
                n = r[col("n")].parse().expect("n");
                mean = r[col("mean")].parse().expect("mean");
            }
            "group" if &r[col("column")] == "Team" => {
                let suppressed = &r[col("suppressed")] == "true";
                let stats = (!r[col("n")].is_empty()).then(|| {
                    (
                        r[col("n")].parse().expect("n"),
                        r[col("mean")].parse().expect("mean"),
                    )
                });
                if suppressed {
                    // Nothing but the group's name and that it is suppressed.
                    for other in [
                        "n",
                        "mean",
                        "sd",
                        "ci95_low",
                        "ci95_high",
                        "percent",
                        "level",
                    ] {
                        assert_eq!(&r[col(other)], "", "a suppressed group shows {other}");
                    }
                }
                groups.push((r[col("group")].to_string(), suppressed, stats));
            }
            _ => {}
        }
    }
    Shown { n, mean, groups }
}

/// The differencing attack: everyone minus the shown groups. Returns the n and mean of the
/// people the shown figures leave over.
fn subtract(shown: &Shown) -> (u64, f64) {
    let shown_groups: Vec<(u64, f64)> = shown.groups.iter().filter_map(|g| g.2).collect();
    let n: u64 = shown_groups.iter().map(|g| g.0).sum();
    let total: f64 = shown_groups.iter().map(|g| g.0 as f64 * g.1).sum();
    let left = shown.n - n;
    (left, (shown.mean * shown.n as f64 - total) / left as f64)
}

#[test]
fn a_differencing_attack_cannot_work_out_the_suppressed_group() {
    let survey = Survey::new(&responses());
    let (json, _) = survey.output("score", &["-f", "json"]);
    let json: serde_json::Value = serde_json::from_str(&json).expect("JSON");
    let (csv_text, _) = survey.output("score", &["-f", "csv"]);
    for (index, id) in [(0, "change"), (1, "desk")] {
        let (kestrel_n, kestrel_mean) = truth("Kestrel", index);
        let (heron_n, heron_mean) = truth("Heron", index);
        assert_eq!((kestrel_n, heron_n), (3, 12));
        for (what, shown) in [
            ("json", shown_in_json(&json, index)),
            ("csv", shown_in_csv(&csv_text, id)),
        ] {
            assert_eq!(shown.n, 50, "{what}");
            // Kestrel is too small; Heron, the smallest shown team, is hidden with it.
            let suppressed: Vec<&str> = shown
                .groups
                .iter()
                .filter(|g| g.1)
                .map(|g| g.0.as_str())
                .collect();
            // Kestrel is counted without its name (an empty one here), Heron named as withheld.
            assert_eq!(suppressed, ["Heron", ""], "{what} {id}");
            assert!(
                shown.groups.iter().all(|g| g.1 == g.2.is_none()),
                "{what}: a suppressed group shows statistics"
            );
            // The attack: all the attacker can work out is the two hidden teams together.
            let (left_n, left_mean) = subtract(&shown);
            assert_eq!(left_n, kestrel_n + heron_n, "{what} {id}");
            let mixed = (kestrel_mean * kestrel_n as f64 + heron_mean * heron_n as f64)
                / (kestrel_n + heron_n) as f64;
            assert!((left_mean - mixed).abs() < 1e-5, "{what} {id}");
            assert_ne!(left_n, kestrel_n, "{what} {id}: Kestrel's size is revealed");
            assert!(
                (left_mean - kestrel_mean).abs() > 1.0,
                "{what} {id}: Kestrel's mean {kestrel_mean} is revealed ({left_mean})"
            );
        }
        // No comparison involves a hidden team.
        for c in json["comparisons"].as_array().expect("comparisons") {
            for side in ["a", "b"] {
                assert!(
                    !["Heron", "Kestrel"].contains(&c[side].as_str().expect("a group")),
                    "{c}"
                );
            }
        }
    }
}

#[test]
fn the_attack_would_work_without_the_secondary_rule_so_the_test_can_fail() {
    // The same survey without Heron: Kestrel alone would be revealed by subtraction, unless
    // the smallest shown team is hidden with it. The rule hides Wren (15), the smallest of the
    // two teams left, and the subtraction again mixes two teams.
    let text: String = responses()
        .lines()
        .filter(|l| !l.contains(",Heron,"))
        .map(|l| format!("{l}\n"))
        .collect();
    let survey = Survey::new(&text);
    let (json, _) = survey.output("score", &["-f", "json"]);
    let json: serde_json::Value = serde_json::from_str(&json).expect("JSON");
    let shown = shown_in_json(&json, 1);
    let (left_n, _) = subtract(&shown);
    let naive_left = shown.n
        - shown
            .groups
            .iter()
            .filter(|g| !g.0.is_empty()) // Kestrel, counted without its name
            .map(|g| truth(&g.0, 1).0)
            .sum::<u64>();
    assert_eq!(
        naive_left, 3,
        "without the rule the subtraction gives Kestrel alone"
    );
    assert_eq!(
        left_n,
        3 + 15,
        "with the rule it gives Kestrel and Wren together"
    );
}

/// The text of every chart and table of a report: its `<svg>` and `<table>` elements.
fn charts_and_tables(html: &str) -> Vec<&str> {
    let mut parts = Vec::new();
    for (open, close) in [("<svg", "</svg>"), ("<table", "</table>")] {
        let mut rest = html;
        while let Some(start) = rest.find(open) {
            let end = rest[start..].find(close).expect("a closed element") + start + close.len();
            parts.push(&rest[start..end]);
            rest = &rest[end..];
        }
    }
    parts
}

#[test]
fn suppressed_groups_appear_in_no_chart_or_table_of_the_reports() {
    let survey = Survey::new(&responses());
    let (html, _) = survey.output("report", &["-f", "html"]);
    let parts = charts_and_tables(&html);
    assert!(
        parts
            .iter()
            .any(|p| p.starts_with("<svg") && p.contains("Osprey")),
        "the gap chart shows the shown teams"
    );
    for part in &parts {
        // Kestrel is too small: never named.
        assert!(
            !part.contains("Kestrel"),
            "a chart or table shows Kestrel:\n{part}"
        );
        // Heron is withheld (secondary suppression): it may be named, its cells marked as
        // withheld, never filled with a figure.
        if part.contains("Heron") {
            assert!(
                part.contains("withheld"),
                "a table shows Heron with figures:\n{part}"
            );
        }
    }
    // Nor anywhere else in the report: it counts the groups too small to show, never naming
    // them, and names the withheld one as withheld (issue 11, item 7).
    assert!(!html.contains("Kestrel"), "the report names Kestrel");
    let withheld = "Withheld so that a smaller group cannot be worked out by subtraction: Heron.";
    assert!(html.contains(withheld));
    assert!(html.contains("Not shown on their own (too few people): one group."));
    let (md, _) = survey.output("report", &["-f", "md"]);
    assert!(md.contains("Osprey") && md.contains("Wren"), "{md}");
    assert!(!md.contains("Kestrel"), "the Markdown report names Kestrel");
    assert!(md.contains(withheld), "{md}");
}

/// The secrets the tests look for are in the input they read.
#[test]
fn the_survey_holds_the_identifying_values_the_tests_look_for() {
    let text = responses();
    for secret in SECRETS {
        assert!(text.contains(secret), "{secret}");
    }
    assert_eq!(text.lines().count(), 51);
}

// ---------------------------------------------------------------------------------------------
// Differencing across group-by columns.

/// One respondent: role, department, and answers to C1, C2, D1, D2.
type Person = (&'static str, &'static str, [i32; 4]);

/// `count` people of one role and department, answers varying around `base`.
fn crowd(role: &'static str, department: &'static str, count: usize, base: i32) -> Vec<Person> {
    (0..count)
        .map(|i| (role, department, answers(base, i)))
        .collect()
}

/// The response file of a list of people.
fn crossed_responses(people: &[Person]) -> String {
    let mut text = String::from("Role,Department,C1,C2,D1,D2\n");
    for (role, department, [c1, c2, d1, d2]) in people {
        text.push_str(&format!("{role},{department},{c1},{c2},{d1},{d2}\n"));
    }
    text
}

/// `score -f json` of the people grouped by the given columns.
fn crossed_score(people: &[Person], group_by: &[&str]) -> serde_json::Value {
    let scratch = Scratch::new();
    let questionnaire = scratch.write("privacy.yaml", QUESTIONNAIRE);
    let responses = scratch.write("crossed.csv", crossed_responses(people));
    let mut args: Vec<OsString> = vec!["score".into(), "-q".into(), questionnaire.into()];
    for column in group_by {
        args.extend(["-g".into(), OsString::from(column)]);
    }
    args.extend(["-f".into(), "json".into(), responses.into()]);
    let out = run(&args);
    assert!(out.status.success(), "{}", stderr(&out));
    serde_json::from_str(&crate::common::stdout(&out)).expect("JSON")
}

/// n times mean of a group in a domain's JSON, when it is shown (a group too small to show is
/// not listed at all, only counted).
fn total(json: &serde_json::Value, domain: usize, column: &str, value: &str) -> Option<f64> {
    let g = json["domains"][domain]["groups"]
        .as_array()
        .expect("groups")
        .iter()
        .find(|g| g["column"] == column && g["value"] == value)?;
    Some(g["n"].as_u64()? as f64 * g["mean"].as_f64()?)
}

/// The domain scores of one person's answers (change: C1, C2; desk: D1, D2).
fn person_scores(answers: [i32; 4]) -> [f64; 2] {
    [
        f64::from(answers[0] + answers[1]) / 2.0,
        f64::from(answers[2] + answers[3]) / 2.0,
    ]
}

/// The domains' `withheld` entries as (column, value, reason).
fn withheld(json: &serde_json::Value, domain: usize) -> Vec<(String, String, String)> {
    json["domains"][domain]["withheld"]
        .as_array()
        .expect("withheld")
        .iter()
        .map(|w| {
            let text = |k: &str| w[k].as_str().expect(k).to_string();
            (text("column"), text("value"), text("reason"))
        })
        .collect()
}

#[test]
fn a_small_department_cannot_be_worked_out_through_the_role_column() {
    // Audit has one person, who is also the only IT person outside Apps (all IT).
    let target = [1, 2, 1, 1];
    let mut people = crowd("IT", "Apps", 8, 4);
    people.push(("IT", "Audit", target));
    people.extend(crowd("Business", "Sales", 10, 3));
    people.extend(crowd("Business", "Legal", 6, 2));

    // Control: what the tool showed before the audit is what a run per column shows. There,
    // IT minus Apps is the Audit person, exactly.
    let by_role = crossed_score(&people, &["Role"]);
    let by_department = crossed_score(&people, &["Department"]);
    for (domain, expected) in person_scores(target).into_iter().enumerate() {
        let it = total(&by_role, domain, "Role", "IT").expect("IT shown");
        let apps = total(&by_department, domain, "Department", "Apps").expect("Apps shown");
        assert!(
            (it - apps - expected).abs() < 1e-9,
            "{it} - {apps} != {expected}"
        );
    }

    // Grouped by both in one run, the subtraction has nothing to work on: Apps is withheld.
    let json = crossed_score(&people, &["Role", "Department"]);
    for domain in 0..2 {
        assert!(total(&json, domain, "Role", "IT").is_some());
        assert_eq!(total(&json, domain, "Department", "Apps"), None);
        assert_eq!(total(&json, domain, "Department", "Audit"), None);
        assert!(
            !json.to_string().contains("Audit"),
            "a too-small group is never named"
        );
        assert_eq!(
            withheld(&json, domain),
            [("Department".into(), "Apps".into(), "secondary".into())]
        );
    }
}

#[test]
fn two_groups_of_different_columns_that_differ_by_one_person_are_not_both_shown() {
    // No group is small, but Leadership is Management plus one person who works in Ops.
    let target = [1, 1, 2, 1];
    let mut people = crowd("Leadership", "Management", 5, 4);
    people.push(("Leadership", "Ops", target));
    people.extend(crowd("Staff", "Ops", 20, 3));

    let by_role = crossed_score(&people, &["Role"]);
    let by_department = crossed_score(&people, &["Department"]);
    for (domain, expected) in person_scores(target).into_iter().enumerate() {
        let leaders = total(&by_role, domain, "Role", "Leadership").expect("shown");
        let management = total(&by_department, domain, "Department", "Management").expect("shown");
        assert!((leaders - management - expected).abs() < 1e-9);
    }

    let json = crossed_score(&people, &["Role", "Department"]);
    for domain in 0..2 {
        let leaders = total(&json, domain, "Role", "Leadership");
        let management = total(&json, domain, "Department", "Management");
        assert!(
            leaders.is_none() || management.is_none(),
            "both shown: {leaders:?} {management:?}"
        );
        // Nor through the complement: everyone minus Ops is Management.
        assert!(leaders.is_none() || total(&json, domain, "Department", "Ops").is_none());
        assert!(
            withheld(&json, domain)
                .iter()
                .all(|(_, _, reason)| reason == "secondary")
        );
    }
}
