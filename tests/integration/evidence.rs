//! Ticket records beside the survey: the report section, the JSON evidence, the roadmap, and
//! people's names in the records never reaching any output.

use crate::common::{fixtures, run, stderr, stdout};

/// The fixture records, as arguments.
fn records() -> Vec<String> {
    let dir = fixtures().join("evidence");
    let path = |name: &str| dir.join(name).display().to_string();
    vec![
        "--changes".into(),
        path("servicenow-changes.csv"),
        "--incidents".into(),
        path("servicenow-incident-log.csv"),
        "--incidents".into(),
        path("jira-incidents.csv"),
        "--costs".into(),
        path("costs.csv"),
    ]
}

/// Every person named in the fixtures: callers, assignees, requesters, reporters.
const PEOPLE: [&str; 8] = [
    "Alice Marlow",
    "Bram Okafor",
    "Wilhelmina Quist",
    "Teodor Brandvik",
    "Caspar Lindqvist",
    "Odile Fenwick",
    "Quist",
    "Fenwick",
];

fn output(command: &str, format: &str, dir: &std::path::Path) -> String {
    let out_path = dir.join(format!("{command}.{format}"));
    let mut args: Vec<String> = vec![command.into(), "-q".into(), "danger-signs".into()];
    args.extend([
        "-f".into(),
        format.into(),
        "-o".into(),
        out_path.display().to_string(),
    ]);
    args.extend(records());
    args.push("sample-data/danger-signs.csv".into());
    let out = run(&args);
    assert!(out.status.success(), "{command} {format}: {}", stderr(&out));
    std::fs::read_to_string(out_path).unwrap()
}

#[test]
fn peoples_names_in_the_records_reach_no_output() {
    let dir = tempfile::tempdir().unwrap();
    let outputs = [
        ("report", "html"),
        ("report", "md"),
        ("score", "json"),
        ("score", "csv"),
        ("roadmap", "md"),
        ("roadmap", "json"),
        ("roadmap", "csv"),
    ];
    for (command, format) in outputs {
        let text = output(command, format, dir.path());
        for person in PEOPLE {
            assert!(
                !text.contains(person),
                "{command} -f {format} names {person}"
            );
        }
    }
    for flag in ["--changes", "--incidents"] {
        let file = if flag == "--changes" {
            "servicenow-changes.csv"
        } else {
            "servicenow-incident-log.csv"
        };
        let path = fixtures().join("evidence").join(file);
        let out = run([
            "inspect",
            "-q",
            "danger-signs",
            flag,
            path.to_str().unwrap(),
        ]);
        assert!(out.status.success(), "{}", stderr(&out));
        for person in PEOPLE {
            assert!(!stdout(&out).contains(person), "inspect names {person}");
        }
    }
}

#[test]
fn the_report_shows_what_the_records_say() {
    let dir = tempfile::tempdir().unwrap();
    let html = output("report", "html", dir.path());
    assert!(html.contains("<h2>What the records say</h2>"), "no section");
    assert!(html.contains("Completed changes per month, by type"));
    assert!(html.contains("Median hours to restore, by priority"));
    assert!(html.contains("DORA 2023 bands"));
    // The emergency share: 2 of 8 completed changes.
    assert!(
        html.contains("emergencies is 25% (from 8 records"),
        "emergency share"
    );
    let md = output("report", "md", dir.path());
    assert!(md.contains("## What the records say"));
    // Email: 12,000 a month for 1500 users is 8.00 per user.
    assert!(
        md.contains("| Email | Workplace services manager | 12000.00 | 1500 | 8.00 |"),
        "{md}"
    );
}

#[test]
fn the_json_holds_the_pooled_figures_and_raised_flags() {
    let dir = tempfile::tempdir().unwrap();
    let json: serde_json::Value =
        serde_json::from_str(&output("score", "json", dir.path())).unwrap();
    let e = &json["evidence"];
    // Seven ServiceNow incidents and six Jira ones, pooled.
    assert_eq!(e["incidents"]["records"], 13);
    // Changes: CHG0030005, 0006 failed, and 0007 caused INC0010001: 3 of 8.
    assert_eq!(e["changes"]["failure_rate"]["count"], 3);
    assert_eq!(e["changes"]["failure_rate"]["n"], 8);
    assert_eq!(e["costs"]["available"], true);
    let flags: Vec<&str> = e["flags"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["id"].as_str().unwrap())
        .collect();
    assert!(flags.contains(&"emergency-changes-routine"), "{flags:?}");
    assert!(!flags.contains(&"no-cost-per-user"), "{flags:?}");
}

#[test]
fn without_records_the_json_has_no_evidence_key() {
    let out = run([
        "score",
        "-q",
        "danger-signs",
        "-f",
        "json",
        "sample-data/danger-signs.csv",
    ]);
    assert!(out.status.success());
    assert!(!stdout(&out).contains("\"evidence\""));
}

#[test]
fn a_raised_evidence_flag_heads_the_roadmap_with_its_remedy() {
    let dir = tempfile::tempdir().unwrap();
    let json: serde_json::Value =
        serde_json::from_str(&output("roadmap", "json", dir.path())).unwrap();
    let flag = json["flags"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["id"] == "emergency-changes-routine")
        .expect("the evidence flag is in the plan");
    // Its remedy CE-A4 (route each change by its risk) is planned for it.
    assert!(
        flag["actions"]
            .as_array()
            .unwrap()
            .iter()
            .any(|a| a == "CE-A4"),
        "{flag}"
    );
}

#[test]
fn inspect_writes_a_starter_evidence_mapping_that_reads_back() {
    let dir = tempfile::tempdir().unwrap();
    let mapping = dir.path().join("m.yaml");
    let log = fixtures().join("evidence/servicenow-incident-log.csv");
    let out = run([
        "inspect",
        "-q",
        "danger-signs",
        "--incidents",
        log.to_str().unwrap(),
        "--write-mapping",
        mapping.to_str().unwrap(),
    ]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(stdout(&out).contains("11 rows, 7 tickets"));
    assert!(stdout(&out).contains("an event log"));
    let text = std::fs::read_to_string(&mapping).unwrap();
    assert!(text.contains("\"Caller\": ~"), "{text}");
    assert!(text.contains("date_format: day-first"), "{text}");
    itsm_assess::evidence::parse_record_mapping(&text, "m.yaml").unwrap();
}

#[test]
fn an_ambiguous_date_file_is_refused_with_its_place() {
    let path = fixtures().join("evidence/ambiguous-dates.csv");
    let out = run([
        "score",
        "-q",
        "danger-signs",
        "--changes",
        path.to_str().unwrap(),
        "sample-data/danger-signs.csv",
    ]);
    assert!(!out.status.success());
    assert!(
        stderr(&out).contains("ambiguous-dates.csv:2:3:"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn the_demo_sets_records_that_agree_and_contradict_beside_the_survey() {
    let dir = tempfile::tempdir().unwrap();
    let out = run(["demo", "-o", dir.path().to_str().unwrap()]);
    assert!(out.status.success(), "{}", stderr(&out));
    let html = std::fs::read_to_string(dir.path().join("report-with-records.html")).unwrap();
    assert!(html.contains("<h2>What the records say</h2>"));
    // Standard changes are common in the records though people say routine work waits for a
    // board; emergencies are frequent, as people say.
    assert!(html.contains("The records contradict the survey"));
    assert!(html.contains("The records agree with the survey"));
    for person in ["Maren Holt", "Jonas Efe", "Priya Lund", "Tomasz Ure"] {
        assert!(!html.contains(person), "{person}");
    }
    let plain = std::fs::read_to_string(dir.path().join("report.html")).unwrap();
    assert!(!plain.contains("What the records say"));
}
