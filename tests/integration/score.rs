//! `itsm-assess score` end to end: the worked example of `shared/examples/worked-example.md`
//! (figures worked out independently with numpy/scipy from the definitions) through every
//! input dialect and output format, the sample data, and bad cells.

use crate::common::{fixtures, run, stderr, stdout};
use serde_json::Value;

fn score_fixture(name: &str) -> String {
    fixtures().join("score").join(name).display().to_string()
}

fn close(actual: &Value, expected: f64, what: &str) {
    let a = actual
        .as_f64()
        .unwrap_or_else(|| panic!("{what} is not a number: {actual}"));
    assert!((a - expected).abs() < 1e-6, "{what}: {a} != {expected}");
}

/// Score a worked-example file as JSON with groups by role (minimum group size 3).
fn worked_json(file: &str) -> Value {
    let out = run([
        "score",
        "-q",
        &score_fixture("worked-labels.yaml"),
        "-g",
        "role",
        "--min-group-size",
        "3",
        "--format",
        "json",
        &score_fixture(file),
    ]);
    assert!(out.status.success(), "{file}: {}", stderr(&out));
    serde_json::from_slice(&out.stdout).expect("JSON")
}

/// The figures of the worked example, table by table.
fn assert_worked_example(json: &Value, file: &str) {
    let d = &json["domains"][0];
    assert_eq!(d["n"], 6, "{file}");
    close(&d["mean"], 2.916667, "domain mean");
    close(&d["sd"], 1.402379, "domain sd");
    close(&d["ci95"][0], 1.444960, "ci95 low");
    close(&d["ci95"][1], 4.388373, "ci95 high");
    close(&d["percent"], 47.916667, "percent");
    assert_eq!(d["alpha_n"], 3);
    close(&d["alpha"], 0.947368, "alpha");
    let q = &d["questions"];
    // C1: n, mean, sd, missing, not_applicable, counts, favorable, consensus.
    assert_eq!(q[0]["n"], 6);
    close(&q[0]["mean"], 2.833333, "C1 mean");
    close(&q[0]["sd"], 1.471960, "C1 sd");
    assert_eq!(
        (q[0]["missing"].clone(), q[0]["not_applicable"].clone()),
        (1.into(), 0.into())
    );
    assert_eq!(
        q[0]["counts"],
        serde_json::json!({"1": 1, "2": 2, "3": 1, "4": 1, "5": 1})
    );
    close(&q[0]["favorable"], 0.333333, "C1 favorable");
    close(&q[0]["consensus"], 0.459496, "C1 consensus");
    // C2.
    assert_eq!(q[1]["n"], 4);
    close(&q[1]["mean"], 3.5, "C2 mean");
    close(&q[1]["sd"], 1.290994, "C2 sd");
    assert_eq!(
        (q[1]["missing"].clone(), q[1]["not_applicable"].clone()),
        (2.into(), 1.into())
    );
    close(&q[1]["favorable"], 0.5, "C2 favorable");
    close(&q[1]["consensus"], 0.564642, "C2 consensus");
    // C3, reversed: the mean is of reversed values, the counts of raw answers.
    close(&q[2]["mean"], 2.833333, "C3 mean");
    assert_eq!(
        q[2]["counts"],
        serde_json::json!({"1": 1, "2": 1, "3": 1, "4": 2, "5": 1})
    );
    close(&q[2]["favorable"], 0.333333, "C3 favorable");
    // Groups, in order of value: Business then IT.
    let groups = d["groups"].as_array().unwrap();
    assert_eq!(groups[0]["value"], "Business");
    assert_eq!(groups[0]["n"], 3);
    close(&groups[0]["mean"], 1.833333, "Business mean");
    close(&groups[0]["sd"], 0.763763, "Business sd");
    close(&groups[0]["ci95"][0], -0.063958, "Business ci low");
    close(&groups[0]["ci95"][1], 3.730625, "Business ci high");
    assert_eq!(groups[1]["value"], "IT");
    close(&groups[1]["mean"], 4.0, "IT mean");
    close(&groups[1]["sd"], 0.901388, "IT sd");
    // IT vs Business; the comparison's first group is first in order of value (Business), so
    // the worked example's figures for IT appear mirrored.
    let c = &json["comparisons"][0];
    assert_eq!(
        (c["a"].as_str(), c["b"].as_str()),
        (Some("Business"), Some("IT"))
    );
    close(&c["mean_difference"], -2.166667, "mean difference");
    close(&c["u"], 0.0, "U of Business (9 for IT: n_a*n_b - 9)");
    close(&c["p_value"], 0.080856, "p");
    close(&c["rank_biserial"], -1.0, "rank-biserial");
}

#[test]
fn scores_the_worked_example_from_a_plain_csv() {
    assert_worked_example(&worked_json("worked.csv"), "worked.csv");
}

#[test]
fn scores_the_same_from_a_bom_semicolon_crlf_file() {
    assert_worked_example(
        &worked_json("worked-bom-semicolon.csv"),
        "worked-bom-semicolon.csv",
    );
}

#[test]
fn scores_the_same_from_a_tab_separated_file_of_labels() {
    // Labels (any case), a leading number with text ("3 - Neither") and "n/a".
    assert_worked_example(
        &worked_json("worked-tab-labels.tsv"),
        "worked-tab-labels.tsv",
    );
}

#[test]
fn suppresses_both_groups_at_the_default_minimum_group_size() {
    let out = run([
        "score",
        "-q",
        &score_fixture("worked-labels.yaml"),
        "-g",
        "role",
        "--format",
        "json",
        &score_fixture("worked.csv"),
    ]);
    let json: Value = serde_json::from_slice(&out.stdout).unwrap();
    for g in json["domains"][0]["groups"].as_array().unwrap() {
        assert_eq!(g["suppressed"], true);
        assert!(g.get("n").is_none() && g.get("mean").is_none(), "{g}");
    }
    assert_eq!(json["comparisons"], serde_json::json!([]));
}

#[test]
fn writes_one_csv_row_per_domain_and_per_domain_and_group() {
    let out = run([
        "score",
        "-q",
        &score_fixture("worked-labels.yaml"),
        "-g",
        "role",
        "--min-group-size",
        "3",
        "--format",
        "csv",
        &score_fixture("worked.csv"),
    ]);
    assert!(out.status.success(), "{}", stderr(&out));
    let text = stdout(&out);
    // The full pairwise table follows the groups (issue 12): here one comparison.
    let (comparisons, rows): (Vec<&str>, Vec<&str>) =
        text.lines().partition(|l| l.starts_with("comparison,"));
    assert_eq!(
        rows.len(),
        5,
        "header, overall, domain, two groups:\n{text}"
    );
    assert_eq!(comparisons.len(), 1, "{text}");
    assert!(
        comparisons[0].contains(",Business,") && comparisons[0].contains(",IT,3,-2.166667,"),
        "{text}"
    );
    assert!(rows[0].starts_with("scope,domain,"), "{text}");
    assert!(
        rows[1].starts_with("overall,") && rows[1].contains("47.916667"),
        "{text}"
    );
    assert!(rows[2].contains("2.916667"), "{text}");
    assert!(
        rows[3].contains("Business") && rows[3].contains("1.833333"),
        "{text}"
    );
    assert!(
        rows[4].contains("IT") && rows[4].contains("4.000000"),
        "{text}"
    );
}

#[test]
fn prints_a_readable_table() {
    let out = run([
        "score",
        "-q",
        &score_fixture("worked-labels.yaml"),
        "--format",
        "table",
        &score_fixture("worked.csv"),
    ]);
    assert!(out.status.success());
    let text = stdout(&out);
    assert!(text.contains("Change"), "{text}");
    assert!(text.contains("47.9%"), "{text}");
}

#[test]
fn names_file_line_column_value_and_what_is_allowed_for_bad_cells() {
    let out = run([
        "score",
        "-q",
        &score_fixture("worked-labels.yaml"),
        &score_fixture("bad-cells.csv"),
    ]);
    assert_eq!(out.status.code(), Some(1));
    let err = stderr(&out);
    assert!(
        err.contains("bad-cells.csv:3:") && err.contains("column 'C1': '7'"),
        "{err}"
    );
    assert!(err.contains("from 1 to 5"), "{err}");
    assert!(
        err.contains("bad-cells.csv:4:") && err.contains("'maybe'"),
        "{err}"
    );
    // The row's respondent id is not repeated in the message.
    assert!(!err.contains("r2") && !err.contains("r3"), "{err}");
}

#[test]
fn skip_invalid_counts_bad_cells_as_unanswered() {
    let out = run([
        "score",
        "-q",
        &score_fixture("worked-labels.yaml"),
        "--skip-invalid",
        "--format",
        "json",
        &score_fixture("bad-cells.csv"),
    ]);
    assert!(out.status.success(), "{}", stderr(&out));
    let json: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(json["respondents"]["invalid_cells"], 2);
    // C1 answers left: 4 and 5 (the 7 was skipped).
    assert_eq!(json["domains"][0]["questions"][0]["n"], 2);
}

#[test]
fn scores_the_sample_data_of_both_questionnaires_in_every_format() {
    for (q, file) in [
        ("danger-signs", "sample-data/danger-signs.csv"),
        ("itsm-recovery", "sample-data/itsm-recovery.csv"),
    ] {
        for format in ["table", "json", "csv"] {
            let out = run(["score", "-q", q, "-g", "role", "--format", format, file]);
            assert!(out.status.success(), "{q} {format}: {}", stderr(&out));
            assert!(!out.stdout.is_empty());
        }
        let out = run(["score", "-q", q, "-g", "role", "--format", "json", file]);
        let json: Value = serde_json::from_slice(&out.stdout).unwrap();
        assert!(json["respondents"]["scored"].as_u64().unwrap() >= 60, "{q}");
        // The small Leadership group is suppressed everywhere.
        for d in json["domains"].as_array().unwrap() {
            for g in d["groups"].as_array().unwrap() {
                if g["value"] == "Leadership" {
                    assert_eq!(g["suppressed"], true, "{q}");
                }
            }
        }
    }
}

#[test]
fn pools_files_and_groups_by_source() {
    let out = run([
        "score",
        "-q",
        &score_fixture("worked-labels.yaml"),
        "-g",
        "source",
        "--min-group-size",
        "3",
        "--format",
        "json",
        &score_fixture("worked.csv"),
        &score_fixture("worked-tab-labels.tsv"),
    ]);
    assert!(out.status.success(), "{}", stderr(&out));
    let json: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(json["respondents"]["rows"], 14);
    let groups: Vec<&str> = json["domains"][0]["groups"]
        .as_array()
        .unwrap()
        .iter()
        .map(|g| g["value"].as_str().unwrap())
        .collect();
    assert_eq!(groups, ["worked", "worked-tab-labels"]);
}

#[test]
fn a_minimum_group_size_below_three_is_refused() {
    let out = run([
        "score",
        "-q",
        &score_fixture("worked-labels.yaml"),
        "-g",
        "role",
        "--min-group-size",
        "2",
        &score_fixture("worked.csv"),
    ]);
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    assert!(stderr(&out).contains("at least 3"), "{}", stderr(&out));
}

#[test]
fn the_same_response_file_twice_is_refused_under_any_spelling() {
    let dir = tempfile::tempdir().unwrap();
    let original = dir.path().join("worked.csv");
    std::fs::copy(score_fixture("worked.csv"), &original).unwrap();
    let dotted = dir.path().join(".").join("worked.csv");
    let hard = dir.path().join("hard-link.csv");
    std::fs::hard_link(&original, &hard).unwrap();
    for second in [&dotted, &hard] {
        let out = run([
            "score",
            "-q",
            &score_fixture("worked-labels.yaml"),
            "-f",
            "json",
            original.to_str().unwrap(),
            second.to_str().unwrap(),
        ]);
        assert_eq!(out.status.code(), Some(1));
        let err = stderr(&out);
        assert!(
            err.contains(&second.display().to_string())
                && err.contains("same input as response argument 1")
                && err.contains(&original.display().to_string()),
            "{err}"
        );
        assert!(out.stdout.is_empty());
    }
}

#[test]
fn every_json_the_tool_writes_reads_back_to_the_same_document() {
    use itsm_assess::export::{AssessmentExporter, Json, PlanExporter};
    let dir = tempfile::tempdir().unwrap();
    let scores = dir.path().join("a.json");
    let plan = dir.path().join("p.json");
    let sample = crate::common::root().join("sample-data/danger-signs.csv");
    let sample = sample.to_str().unwrap();
    let common = [
        "-q",
        "danger-signs",
        "-g",
        "role",
        "-g",
        "department",
        "-f",
        "json",
    ];
    let out =
        run(["score"]
            .into_iter()
            .chain(common)
            .chain(["-o", scores.to_str().unwrap(), sample]));
    assert!(out.status.success(), "{}", stderr(&out));
    let out =
        run(["roadmap"]
            .into_iter()
            .chain(common)
            .chain(["-o", plan.to_str().unwrap(), sample]));
    assert!(out.status.success(), "{}", stderr(&out));
    let demo = dir.path().join("demo");
    assert!(run(["demo", "-o", demo.to_str().unwrap()]).status.success());

    let q = itsm_assess::questionnaire::load("danger-signs").unwrap();
    for file in [scores, demo.join("scores.json")] {
        let text = std::fs::read_to_string(&file).unwrap();
        assert!(
            text.starts_with("{\n  \"schema_version\": 1,"),
            "{}",
            file.display()
        );
        let back: itsm_assess::scoring::Assessment = serde_json::from_str(&text).unwrap();
        assert_eq!(Json.assessment(&back).unwrap(), text, "{}", file.display());
    }
    let text = std::fs::read_to_string(&plan).unwrap();
    assert!(text.starts_with("{\n  \"schema_version\": 1,"));
    let back: itsm_assess::roadmap::Plan = serde_json::from_str(&text).unwrap();
    assert_eq!(Json.plan(&back, &q).unwrap(), text);
}

#[test]
fn a_report_date_must_be_a_calendar_date() {
    let dir = tempfile::tempdir().unwrap();
    let out_file = dir.path().join("r.html");
    let sample = crate::common::root().join("sample-data/danger-signs.csv");
    let report = |date: &str| {
        run([
            "report",
            "-q",
            "danger-signs",
            "--date",
            date,
            "-o",
            out_file.to_str().unwrap(),
            sample.to_str().unwrap(),
        ])
    };
    let out = report("2026-02-31");
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("expected a date as YYYY-MM-DD"));
    assert!(!out_file.exists());
    let out = report("2024-02-29");
    assert!(out.status.success(), "{}", stderr(&out));
}

#[test]
fn comparisons_carry_holms_adjusted_p_values_over_the_whole_run() {
    let sample = crate::common::root().join("sample-data/danger-signs.csv");
    let out = run([
        "score",
        "-q",
        "danger-signs",
        "-g",
        "role",
        "-g",
        "department",
        "-f",
        "json",
        sample.to_str().unwrap(),
    ]);
    assert!(out.status.success(), "{}", stderr(&out));
    let json: Value = serde_json::from_slice(&out.stdout).unwrap();
    let comparisons = json["comparisons"].as_array().unwrap();
    let p: Vec<f64> = comparisons
        .iter()
        .map(|c| c["p_value"].as_f64().unwrap())
        .collect();
    let m = p.len();
    assert!(m > 2, "a family of several tests");
    // Holm's step-down, worked here: sort ascending, the k-th smallest (from 0) times m - k,
    // running maximum, at most 1.
    let mut order: Vec<usize> = (0..m).collect();
    order.sort_by(|&i, &j| p[i].total_cmp(&p[j]));
    let mut expected = vec![0.0; m];
    let mut running: f64 = 0.0;
    for (k, &i) in order.iter().enumerate() {
        running = running.max((p[i] * (m - k) as f64).min(1.0));
        expected[i] = running;
    }
    for (c, e) in comparisons.iter().zip(&expected) {
        close(&c["p_adjusted"], *e, "p_adjusted");
        assert!(c["p_adjusted"].as_f64().unwrap() >= c["p_value"].as_f64().unwrap());
    }
}

/// Nine groups of three on the worked example's questions: the first scores 5 on Change, every
/// other one 1.
fn nine_groups_csv(dir: &std::path::Path) -> String {
    let mut csv = String::from("team,C1,C2,C3\n");
    for (i, team) in ["A", "B", "C", "D", "E", "F", "G", "H", "I"]
        .iter()
        .enumerate()
    {
        // C3 is reversed: 1 counts as 5.
        let answers = if i == 0 { "5,5,1" } else { "1,1,5" };
        for _ in 0..3 {
            csv.push_str(&format!("{team},{answers}\n"));
        }
    }
    let path = dir.join("nine.csv");
    std::fs::write(&path, csv).unwrap();
    path.display().to_string()
}

#[test]
fn a_column_of_nine_groups_compares_each_with_the_rest_in_every_output() {
    let dir = tempfile::tempdir().unwrap();
    let csv = nine_groups_csv(dir.path());
    let q = score_fixture("worked-labels.yaml");
    let args = |command: &str, format: &str| {
        let out = run([
            command,
            "-q",
            &q,
            "-g",
            "team",
            "--min-group-size",
            "3",
            "-f",
            format,
            &csv,
        ]);
        assert!(out.status.success(), "{command} {format}: {}", stderr(&out));
        stdout(&out)
    };
    let json: Value = serde_json::from_str(&args("score", "json")).expect("JSON");
    let comparisons = json["comparisons"].as_array().expect("comparisons");
    // One test per group rather than the 36 pairs.
    assert_eq!(comparisons.len(), 9);
    let first = &comparisons[0];
    assert_eq!(first["a"], "A");
    assert_eq!(first["b"], "other than A");
    assert_eq!(first["versus_rest"], true);
    assert_eq!(
        (first["n_a"].clone(), first["n_b"].clone()),
        (3.into(), 24.into())
    );
    // Worked in docs/statistics.md: U = 72, p = 4.951059e-7, Holm over 9 = 4.455953e-6.
    close(&first["mean_difference"], 4.0, "mean difference");
    close(&first["u"], 72.0, "U");
    close(&first["p_adjusted"], 4.455953e-6, "adjusted p");
    close(&comparisons[1]["p_value"], 0.571015, "p of B");

    let csv_out = args("score", "csv");
    assert_eq!(csv_out.matches(",other than ").count(), 9, "{csv_out}");
    let table = args("score", "table");
    assert!(
        table.contains("A rate it higher than the rest of team"),
        "{table}"
    );
    let report = args("report", "md");
    assert!(
        report.contains(
            "People with team A rate Change 100 points higher than those with team other than A"
        ),
        "{report}"
    );
}
