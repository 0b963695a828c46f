//! Columns that identify people are never read, named or used as groups: by header, in the
//! words people write them in, and by what their cells hold.

use crate::common::{run, stderr};

/// A survey of `rows` respondents on the danger-signs questionnaire's first two statements,
/// with one extra column `header` whose value in row `i` is `value(i)`.
fn survey(
    dir: &std::path::Path,
    header: &str,
    rows: usize,
    value: impl Fn(usize) -> String,
) -> String {
    let mut text = format!("{header},CE1,CE2\n");
    for i in 0..rows {
        text.push_str(&format!("{},{},{}\n", value(i), 1 + i % 5, 5 - i % 5));
    }
    let file = dir.join("survey.csv");
    std::fs::write(&file, text).unwrap();
    file.display().to_string()
}

fn grouped(file: &str, column: &str) -> std::process::Output {
    run([
        "score",
        "-q",
        "danger-signs",
        "-f",
        "json",
        "-g",
        column,
        file,
    ])
}

#[test]
fn identifying_headers_cannot_group_and_their_values_are_never_printed() {
    let dir = tempfile::tempdir().unwrap();
    for header in [
        "Contact",
        "Your name please",
        "Employee ID",
        "Courriel",
        "Custom Data 1",
    ] {
        let file = survey(dir.path(), header, 12, |i| format!("person{i}@example.org"));
        let out = grouped(&file, header);
        assert_eq!(out.status.code(), Some(1), "{header}");
        let err = stderr(&out);
        assert!(err.contains("identifies respondents"), "{header}: {err}");
        assert!(!err.contains("@example.org"), "{header}: {err}");
        assert!(out.stdout.is_empty());
    }
}

#[test]
fn a_column_holding_e_mail_addresses_or_one_value_per_person_cannot_group() {
    let dir = tempfile::tempdir().unwrap();
    let file = survey(dir.path(), "Team", 12, |i| {
        if i == 7 {
            "sam.lee@example.org".into()
        } else {
            "Ops".into()
        }
    });
    let err = stderr(&grouped(&file, "Team"));
    assert!(
        err.contains("cannot group by 'Team'") && err.contains("e-mail addresses"),
        "{err}"
    );
    assert!(!err.contains("sam.lee"), "{err}");

    let file = survey(dir.path(), "Badge", 20, |i| format!("B{i:03}"));
    let err = stderr(&grouped(&file, "Badge"));
    assert!(err.contains("different in nearly every row"), "{err}");

    // A real grouping column still groups.
    let file = survey(dir.path(), "Team", 20, |i| ["Ops", "Dev"][i % 2].into());
    let out = grouped(&file, "Team");
    assert!(out.status.success(), "{}", stderr(&out));
}
