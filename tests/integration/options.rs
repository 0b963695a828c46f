//! Options that do what their help says: phase names alone, `--sheet` on a text file, `report`
//! to standard output, `inspect` on several files with `-g`.

use crate::common::{root, run, stderr, stdout};

fn sample() -> String {
    root()
        .join("sample-data/danger-signs.csv")
        .display()
        .to_string()
}

#[test]
fn phase_names_alone_share_the_eighteen_months() {
    let result = run([
        "roadmap",
        "-q",
        "danger-signs",
        "--phases",
        "A,B,C",
        "-f",
        "json",
        &sample(),
    ]);
    assert!(result.status.success(), "{}", stderr(&result));
    let plan: serde_json::Value = serde_json::from_slice(&result.stdout).unwrap();
    let phases = plan["phases"].as_array().unwrap();
    let given: Vec<(String, u64, u64)> = phases
        .iter()
        .filter(|p| p["extra"] == false)
        .map(|p| {
            (
                p["name"].as_str().unwrap().to_string(),
                p["start_month"].as_u64().unwrap(),
                p["end_month"].as_u64().unwrap(),
            )
        })
        .collect();
    // 18 months / 3 phases = 6 months each.
    assert_eq!(
        given,
        [
            ("A".to_string(), 0, 6),
            ("B".to_string(), 6, 12),
            ("C".to_string(), 12, 18)
        ]
    );
}

#[test]
fn a_sheet_given_for_a_text_file_is_refused_not_ignored() {
    let result = run([
        "score",
        "-q",
        "danger-signs",
        "--sheet",
        "Answers",
        &sample(),
    ]);
    assert_eq!(result.status.code(), Some(1));
    assert!(
        stderr(&result).contains("is a text file, not an .xlsx workbook, so it has no worksheet 'Answers'; --sheet applies only to workbooks"),
        "{}",
        stderr(&result)
    );
}

#[test]
fn a_report_without_an_output_goes_to_standard_output() {
    let result = run(["report", "-q", "danger-signs", "-f", "md", &sample()]);
    assert!(result.status.success(), "{}", stderr(&result));
    assert!(stdout(&result).starts_with("# "), "{}", stdout(&result));
    assert!(stdout(&result).contains("## Maturity by domain"));
}

#[test]
fn inspect_takes_several_files_and_checks_the_group_by_columns() {
    let other = root().join("sample-data/exports/canonical.csv");
    let result = run([
        "inspect",
        "-q",
        "danger-signs",
        "-g",
        "role",
        &sample(),
        other.to_str().unwrap(),
    ]);
    let text = stdout(&result);
    assert!(result.status.success(), "{}", stderr(&result));
    assert_eq!(text.matches("File: ").count(), 2, "{text}");
    assert!(text.contains(&format!("File: {}", sample())));
    let missing = run(["inspect", "-q", "danger-signs", "-g", "nowhere", &sample()]);
    // Inspect shows what is wrong rather than stopping at it.
    assert!(
        stdout(&missing)
            .contains("has no column 'nowhere' to group by; available: role, department, source"),
        "{}",
        stdout(&missing)
    );
    let dir = tempfile::tempdir().unwrap();
    let mapping = dir.path().join("m.yaml");
    let two = run([
        "inspect",
        "-q",
        "danger-signs",
        "--write-mapping",
        mapping.to_str().unwrap(),
        &sample(),
        other.to_str().unwrap(),
    ]);
    assert_eq!(two.status.code(), Some(1));
    assert!(stderr(&two).contains("give one file with it"));
}

#[test]
fn man_writes_a_page_for_every_command_the_main_page_refers_to() {
    let dir = tempfile::tempdir().unwrap();
    let result = run(["man", "--dir", dir.path().to_str().unwrap()]);
    assert!(result.status.success(), "{}", stderr(&result));
    let main = std::fs::read_to_string(dir.path().join("itsm-assess.1")).unwrap();
    let referred: Vec<&str> = main
        .lines()
        .filter_map(|l| l.strip_prefix("itsm\\-assess\\-"))
        .filter_map(|l| l.strip_suffix("(1)"))
        .collect();
    assert!(referred.len() >= 13, "{referred:?}");
    for name in referred {
        let page = std::fs::read_to_string(dir.path().join(format!("itsm-assess-{name}.1")))
            .unwrap_or_else(|_| panic!("no page for {name}"));
        assert!(
            page.contains(".SH \"EXIT STATUS\"\n0 success; 1 bad input"),
            "{name}"
        );
        assert!(page.contains(".SH EXAMPLES\n"), "{name} has no examples");
        assert!(page.contains(&format!("itsm\\-assess {name}")), "{name}");
    }
    // Without --dir, the main page goes to standard output.
    assert_eq!(run(["man"]).stdout, main.as_bytes());
}
