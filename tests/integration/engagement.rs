//! `init`, `run` and the engagement file: a run from the file writes what the same run by
//! flags writes, flags override the file, observations reach the report escaped and the plan.

use crate::common::{root, run, run_in, stderr, stdout};
use std::path::Path;

/// An engagement folder with the bundled sample survey and `assessment.yaml` as given.
fn engagement(dir: &Path, yaml: &str) {
    std::fs::create_dir_all(dir.join("responses")).unwrap();
    std::fs::copy(
        root().join("sample-data/danger-signs.csv"),
        dir.join("responses/danger-signs.csv"),
    )
    .unwrap();
    std::fs::write(dir.join("assessment.yaml"), yaml).unwrap();
}

const ENGAGEMENT: &str = "\
organisation: Acme
title: Acme review
date: 2026-10-30
questionnaire: danger-signs
responses: [responses/*.csv]
group_by: [role]
capacity: 8
target: Defined
outputs:
  report_html: out/report.html
  report_md: out/report.md
  roadmap_csv: out/roadmap.csv
  roadmap_md: out/roadmap.md
  scores_json: out/scores.json
";

#[test]
fn an_engagement_file_writes_what_the_same_run_by_flags_writes() {
    let dir = tempfile::tempdir().unwrap();
    engagement(dir.path(), ENGAGEMENT);
    let result = run_in(dir.path(), ["run"]);
    assert!(result.status.success(), "{}", stderr(&result));
    assert!(
        stdout(&result).contains("Scored 120 responses"),
        "{}",
        stdout(&result)
    );
    let sample = root().join("sample-data/danger-signs.csv");
    let sample = sample.to_str().unwrap();
    let common = ["-q", "danger-signs", "-g", "role"];
    let planning = ["--capacity", "8", "--target", "3"];
    let cover = [
        "--organisation",
        "Acme",
        "--title",
        "Acme review",
        "--date",
        "2026-10-30",
    ];
    let flags = dir.path().join("flags");
    std::fs::create_dir(&flags).unwrap();
    let by_flags = |command: &str, extra: &[&str], name: &str| {
        let out = flags.join(name);
        let mut args = vec![command];
        args.extend(common);
        if command != "score" {
            args.extend(planning);
        }
        if command == "report" {
            args.extend(cover);
        }
        args.extend(extra);
        args.extend(["-o", out.to_str().unwrap(), sample]);
        let result = run(&args);
        assert!(result.status.success(), "{}", stderr(&result));
        std::fs::read(out).unwrap()
    };
    let from_file = |name: &str| std::fs::read(dir.path().join("out").join(name)).unwrap();
    // Level 3 of the shipped questionnaires is named Defined (docs/statistics.md).
    assert_eq!(
        from_file("report.html"),
        by_flags("report", &[], "report.html")
    );
    assert_eq!(
        from_file("report.md"),
        by_flags("report", &["-f", "md"], "report.md")
    );
    assert_eq!(
        from_file("roadmap.csv"),
        by_flags("roadmap", &["-f", "csv"], "roadmap.csv")
    );
    assert_eq!(
        from_file("roadmap.md"),
        by_flags("roadmap", &["-f", "md"], "roadmap.md")
    );
    assert_eq!(
        from_file("scores.json"),
        by_flags("score", &["-f", "json"], "scores.json")
    );
}

#[test]
fn flags_override_the_file_and_a_named_file_is_read_from_anywhere() {
    let dir = tempfile::tempdir().unwrap();
    engagement(dir.path(), ENGAGEMENT);
    let file = dir.path().join("assessment.yaml");
    let result = run([
        "run",
        file.to_str().unwrap(),
        "--organisation",
        "Other <b>Ltd</b>",
    ]);
    assert!(result.status.success(), "{}", stderr(&result));
    let html = std::fs::read_to_string(dir.path().join("out/report.html")).unwrap();
    assert!(
        html.contains("Other &lt;b&gt;Ltd&lt;&#x2F;b&gt;")
            || html.contains("Other &lt;b&gt;Ltd&lt;/b&gt;")
    );
    assert!(!html.contains(">Acme<"));
}

#[test]
fn observations_reach_the_report_escaped_and_put_their_actions_first() {
    let dir = tempfile::tempdir().unwrap();
    let yaml = format!(
        "{ENGAGEMENT}observations:
  - id: OBS-1
    domain: cost-transparency
    severity: high
    finding: \"Budget <script>alert(1)</script> is one line\"
    evidence: Finance interview
    recommendation: Split it
    actions: [CT-A1]
  - id: OBS-2
    domain: change-enablement
    severity: low
    finding: A low one
"
    );
    engagement(dir.path(), &yaml);
    let result = run_in(dir.path(), ["run"]);
    assert!(result.status.success(), "{}", stderr(&result));
    let html = std::fs::read_to_string(dir.path().join("out/report.html")).unwrap();
    assert!(!html.contains("<script>alert"), "unescaped observation");
    assert!(html.contains("Budget &lt;script&gt;"));
    // The high one in the executive summary, both beside their domains.
    let summary = &html[html.find("id=\"summary\"").unwrap()..html.find("id=\"next\"").unwrap()];
    assert!(summary.contains("OBS-1 (Cost transparency)"), "{summary}");
    assert!(!summary.contains("OBS-2"));
    assert!(html.contains("<strong>OBS-2 (low).</strong> A low one"));
    // CT-A1 is urgent: first phase, with the observation as its reason.
    let csv = std::fs::read_to_string(dir.path().join("out/roadmap.csv")).unwrap();
    let row = csv
        .lines()
        .find(|l| l.contains(",CT-A1,"))
        .expect("CT-A1 planned");
    assert!(row.contains(",Stop the bleeding,"), "{row}");
    assert!(row.contains(",true,"), "{row}");
    assert!(row.contains("Observation OBS-1: Budget"), "{row}");
}

#[test]
fn an_observation_on_an_unknown_action_is_named_at_its_line() {
    let dir = tempfile::tempdir().unwrap();
    let yaml = format!(
        "{ENGAGEMENT}observations:\n  - {{id: OBS-1, domain: cost-transparency, severity: high, finding: x, actions: [NO-A1]}}\n"
    );
    engagement(dir.path(), &yaml);
    let result = run_in(dir.path(), ["run"]);
    assert_eq!(result.status.code(), Some(1));
    assert_eq!(
        stderr(&result).trim(),
        "itsm-assess: assessment.yaml:16:5: observation 'OBS-1': 'NO-A1' is not an action of questionnaire 'danger-signs'"
    );
}

#[test]
fn init_then_run_says_where_the_responses_go_and_runs_once_they_are_there() {
    let dir = tempfile::tempdir().unwrap();
    let result = run_in(dir.path(), ["init", "acme"]);
    assert!(result.status.success(), "{}", stderr(&result));
    let acme = dir.path().join("acme");
    for path in [
        "assessment.yaml",
        "template.csv",
        "template.xlsx",
        "responses",
        "evidence",
    ] {
        assert!(acme.join(path).exists(), "{path}");
    }
    let result = run_in(&acme, ["run"]);
    assert_eq!(result.status.code(), Some(1));
    assert!(
        stderr(&result).contains("'responses/*.csv' matches no file"),
        "{}",
        stderr(&result)
    );
    std::fs::copy(
        root().join("sample-data/danger-signs.csv"),
        acme.join("responses/survey.csv"),
    )
    .unwrap();
    let result = run_in(&acme, ["run"]);
    assert!(result.status.success(), "{}", stderr(&result));
    for name in ["report.html", "roadmap.csv", "scores.json"] {
        assert!(acme.join(name).exists(), "{name}");
    }
    // A second init into the same folder refuses to replace the file.
    let again = run_in(dir.path(), ["init", "acme"]);
    assert_eq!(again.status.code(), Some(1));
    assert!(stderr(&again).contains("already exists"));
}

#[test]
fn the_demo_writes_the_engagement_that_produced_its_report() {
    let dir = tempfile::tempdir().unwrap();
    let demo = dir.path().join("demo");
    let result = run(["demo", "-o", demo.to_str().unwrap()]);
    assert!(result.status.success(), "{}", stderr(&result));
    let file = demo.join("assessment.yaml");
    assert!(stdout(&result).contains(&file.display().to_string()));
    let before = std::fs::read(demo.join("report.html")).unwrap();
    std::fs::remove_file(demo.join("report.html")).unwrap();
    let rerun = run_in(&demo, ["run"]);
    assert!(rerun.status.success(), "{}", stderr(&rerun));
    assert_eq!(std::fs::read(demo.join("report.html")).unwrap(), before);
    // The demo can run again into its own folder.
    assert!(run(["demo", "-o", demo.to_str().unwrap()]).status.success());
}

#[test]
fn the_engagement_schema_is_printed_and_differs_from_the_questionnaire_schema() {
    let result = run(["schema", "--engagement"]);
    assert!(result.status.success());
    let schema: serde_json::Value = serde_json::from_slice(&result.stdout).unwrap();
    assert_eq!(schema["title"], "itsm-assess engagement");
    assert!(schema["properties"]["observations"].is_object());
    let q: serde_json::Value = serde_json::from_slice(&run(["schema"]).stdout).unwrap();
    assert_eq!(q["title"], "itsm-assess questionnaire");
}

#[test]
fn a_target_may_be_a_level_name() {
    let sample = root().join("sample-data/danger-signs.csv");
    let by = |target: &str| {
        let result = run([
            "roadmap",
            "-q",
            "danger-signs",
            "--target",
            target,
            "-f",
            "json",
            sample.to_str().unwrap(),
        ]);
        assert!(result.status.success(), "{}", stderr(&result));
        result.stdout
    };
    // Level 4 of the shipped questionnaires is named Measured.
    assert_eq!(by("Measured"), by("4"));
    assert_eq!(by("measured"), by("4"));
    let bad = run([
        "roadmap",
        "-q",
        "danger-signs",
        "--target",
        "Great",
        sample.to_str().unwrap(),
    ]);
    assert_eq!(bad.status.code(), Some(1));
    assert!(stderr(&bad).contains("'Great' is not a level of questionnaire 'danger-signs'"));
}

#[test]
fn the_readme_engagement_example_runs() {
    let readme = std::fs::read_to_string(root().join("README.md")).unwrap();
    let start = readme
        .find("```yaml\norganisation: Acme Ltd")
        .expect("the README's engagement example")
        + "```yaml\n".len();
    let end = start + readme[start..].find("```").unwrap();
    let dir = tempfile::tempdir().unwrap();
    engagement(dir.path(), &readme[start..end]);
    let result = run_in(dir.path(), ["run"]);
    assert!(result.status.success(), "{}", stderr(&result));
    let html = std::fs::read_to_string(dir.path().join("report.html")).unwrap();
    assert!(html.contains("Acme Ltd"));
    assert!(html.contains("<strong>OBS-1 (high).</strong>"));
}
