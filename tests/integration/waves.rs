//! Follow-up waves end to end: `--baseline` and `--status` on the sample survey's two waves,
//! and a pulse compared statement by statement with either full baseline.

use crate::common::{run, stderr, stdout};
use serde_json::Value;
use std::path::Path;

/// Score a sample file as JSON into `dir/name`, and give its path.
fn scores(dir: &Path, q: &str, file: &str, name: &str) -> String {
    let path = dir.join(name);
    let out = run([
        "score",
        "-q",
        q,
        "-g",
        "role",
        "-f",
        "json",
        file,
        "-o",
        path.to_str().unwrap(),
    ]);
    assert!(out.status.success(), "{}", stderr(&out));
    path.display().to_string()
}

#[test]
fn the_follow_up_report_of_the_readme_works_and_is_the_same_on_every_run() {
    let dir = tempfile::tempdir().unwrap();
    let wave1 = scores(
        dir.path(),
        "danger-signs",
        "sample-data/danger-signs.csv",
        "wave1.json",
    );
    let render = |name: &str| {
        let path = dir.path().join(name);
        let out = run([
            "report",
            "--baseline",
            &wave1,
            "--status",
            "sample-data/follow-up-status.csv",
            "-q",
            "danger-signs",
            "-g",
            "role",
            "sample-data/danger-signs-wave2.csv",
            "-o",
            path.to_str().unwrap(),
        ]);
        assert!(out.status.success(), "{}", stderr(&out));
        std::fs::read_to_string(path).unwrap()
    };
    let html = render("r.html");
    assert_eq!(html, render("again.html"), "byte-identical reruns");
    assert!(html.contains("<h2>Since the last assessment</h2>"));
    // The story of the sample: change enablement rose, cost transparency did not.
    assert!(
        html.contains(
            "Change enablement rose 17 points, from level 1 to 2: unlikely to be chance."
        )
    );
    assert!(html.contains("Cost transparency moved +1 point: too small to tell from chance"));
    assert!(html.contains("9 of 9 done"));
    // The cost sign is still raised, and its remedy was done in the first phase: the danger
    // signs table says so, rather than that nothing answers it.
    assert!(
        html.contains(
            "<td>Split the IT budget into run and change (done)</td><td>IT finance lead</td><td>done</td>"
        ),
        "{html}"
    );
    assert!(!html.contains("no action planned"));
}

#[test]
fn scores_gain_change_figures_and_done_actions_leave_the_roadmap() {
    let dir = tempfile::tempdir().unwrap();
    let wave1 = scores(
        dir.path(),
        "danger-signs",
        "sample-data/danger-signs.csv",
        "wave1.json",
    );
    let out = run([
        "score",
        "-q",
        "danger-signs",
        "-g",
        "role",
        "-f",
        "json",
        "--baseline",
        &wave1,
        "sample-data/danger-signs-wave2.csv",
    ]);
    assert!(out.status.success(), "{}", stderr(&out));
    let json: Value = serde_json::from_str(&stdout(&out)).unwrap();
    let change = &json["domains"][0]["change"];
    for key in [
        "baseline_percent",
        "percent_points",
        "level_from",
        "level_to",
        "u",
        "p_value",
        "p_adjusted",
        "cliffs_delta",
        "progress_to_date",
    ] {
        assert!(change.get(key).is_some(), "{key} in {change}");
    }
    assert!(json["domains"][0]["questions"][0]["change"]["p_adjusted"].is_number());
    // The Executive department: too small in both waves, never compared.
    let roadmap = run([
        "roadmap",
        "-q",
        "danger-signs",
        "-f",
        "csv",
        "--status",
        "sample-data/follow-up-status.csv",
        "sample-data/danger-signs-wave2.csv",
    ]);
    assert!(roadmap.status.success(), "{}", stderr(&roadmap));
    let csv = stdout(&roadmap);
    assert!(!csv.contains(",CE-A2,"), "CE-A2 is done: {csv}");
}

#[test]
fn a_pulse_compares_with_either_full_baseline_statement_by_statement() {
    let dir = tempfile::tempdir().unwrap();
    let signs = scores(
        dir.path(),
        "danger-signs",
        "sample-data/danger-signs.csv",
        "signs.json",
    );
    let recovery = scores(
        dir.path(),
        "itsm-recovery",
        "sample-data/itsm-recovery.csv",
        "rec.json",
    );
    for (baseline, ce1) in [(&signs, "CE1"), (&recovery, "CHG1")] {
        let out = run([
            "score",
            "-q",
            "itsm-pulse",
            "-f",
            "json",
            "--baseline",
            baseline,
            "sample-data/danger-signs-wave2.csv",
        ]);
        assert!(out.status.success(), "{}", stderr(&out));
        let json: Value = serde_json::from_str(&stdout(&out)).unwrap();
        let q = &json["domains"][0]["questions"][0];
        assert_eq!(q["id"], "CE1");
        assert_eq!(q["change"]["baseline_id"], ce1);
        let why = json["domains"][0]["change"]["not_comparable"]
            .as_str()
            .unwrap_or("");
        assert!(
            why.starts_with("not comparable: its questions changed"),
            "{why}"
        );
    }
}

#[test]
fn a_baseline_that_is_not_scores_json_is_named_with_its_line() {
    let dir = tempfile::tempdir().unwrap();
    let bad = dir.path().join("old.json");
    std::fs::write(
        &bad,
        "{\n  \"schema_version\": 1,\n  \"questionnaire\": []\n}\n",
    )
    .unwrap();
    let out = run([
        "score",
        "-q",
        "danger-signs",
        "--baseline",
        bad.to_str().unwrap(),
        "sample-data/danger-signs.csv",
    ]);
    assert!(!out.status.success());
    let err = stderr(&out);
    assert!(err.contains(&format!("{}:3:", bad.display())), "{err}");
}
