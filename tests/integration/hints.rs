//! Issue 19 item 8: messages that point the right way when a file's columns do not fit the
//! questionnaire (a misspelled header, a wrong delimiter, another questionnaire, the mapping
//! file to write), and `--strict`.

use crate::common::{fixtures, root, run, run_in, stderr, stdout};
use std::path::{Path, PathBuf};
use std::process::Output;

/// The small questionnaire of the reader's tests: C1, C2 (domain change), I1 (incident).
fn small_q() -> String {
    fixtures()
        .join("responses/small.yaml")
        .display()
        .to_string()
}

/// Write a file into a folder and return its path as text.
fn write(dir: &Path, name: &str, text: &str) -> String {
    let path = dir.join(name);
    std::fs::write(&path, text).expect("the file is written");
    path.display().to_string()
}

/// The bundled danger-signs sample with two headers misspelled: CE7 (column 12) as `CE77` and
/// PR2 (column 16) as `PR 2`.
fn misspelled(dir: &Path) -> String {
    let sample = std::fs::read_to_string(root().join("sample-data/danger-signs.csv"))
        .expect("the sample is read");
    let (header, rows) = sample.split_once('\n').expect("a header line");
    let header = header.replace(",CE7,", ",CE77,").replace(",PR2,", ",PR 2,");
    write(dir, "typo.csv", &format!("{header}\n{rows}"))
}

/// Assert the exit code of a failure and return standard error.
fn fails(out: &Output, what: &str) -> String {
    let err = stderr(out);
    assert_eq!(out.status.code(), Some(1), "{what}: {err}");
    assert!(!err.contains("panicked"), "{what}: {err}");
    err
}

fn score_json(args: &[&str]) -> (serde_json::Value, String) {
    let mut all = vec!["score", "-f", "json"];
    all.extend_from_slice(args);
    let out = run(&all);
    assert!(out.status.success(), "{}", stderr(&out));
    let json = serde_json::from_str(&stdout(&out)).expect("JSON");
    (json, stderr(&out))
}

/// The warning (and, with `--strict`, the problem) names the unmatched columns and the
/// question each nearly spells; identifying columns (respondent, name) are never named.
const TYPO_HINTS: &str = "Did you mean CE7 for column 12 ('CE77'), PR2 for column 16 ('PR 2')? \
     Rename the header(s), or map them in a mapping file (--mapping). \
     Other columns matching no question: 3 ('role'), 4 ('department')";

#[test]
fn misspelled_headers_are_named_with_the_question_they_nearly_spell() {
    let dir = tempfile::tempdir().unwrap();
    let file = misspelled(dir.path());
    let (json, _) = score_json(&["-q", "danger-signs", &file]);
    assert_eq!(
        json["warnings"][0],
        format!(
            "{file}: no column for question(s) CE7, PR2; their answers are missing. {TYPO_HINTS}"
        )
    );
    let out = run(["inspect", "-q", "danger-signs", &file]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(
        stdout(&out).contains(
            "Hint: Did you mean CE7 for column 12 ('CE77'), PR2 for column 16 ('PR 2')? Rename"
        ),
        "{}",
        stdout(&out)
    );
}

#[test]
fn a_forced_delimiter_that_does_not_split_the_header_advises_the_one_that_does() {
    let dir = tempfile::tempdir().unwrap();
    let comma = write(dir.path(), "comma.csv", "Role,C1,C2,I1\nIT,4,3,5\n");
    let err = fails(
        &run(["score", "-q", &small_q(), "--delimiter", ";", &comma]),
        "a comma file split at ';'",
    );
    assert_eq!(
        err,
        format!(
            "itsm-assess: {comma}: no column matches a question of questionnaire 'small' (read as plain table, 1 header row(s)); \
             expected headers such as C1 ('Standard changes skip the board.'), C2 ('Changes rarely cause incidents.'), \
             I1 ('Major incidents have a named owner, always.'); found Role,C1,C2,I1. \
             The header row was split at ';' (as --delimiter forced), but its names are separated by ',': pass --delimiter ','\n"
        )
    );
    let tabs = write(dir.path(), "tabs.txt", "Role\tC1\tC2\tI1\nIT\t4\t3\t5\n");
    let err = fails(
        &run(["score", "-q", &small_q(), "--delimiter", ",", &tabs]),
        "a tab file split at ','",
    );
    assert!(
        err.ends_with(
            "The header row was split at ',' (as --delimiter forced), but its names are separated by tab: pass --delimiter tab\n"
        ),
        "{err}"
    );
    assert!(!err.contains("--input-format"), "{err}");
}

#[test]
fn headers_of_another_built_in_questionnaire_name_it() {
    // No column of the sample matches the small questionnaire; its 42 scored columns are
    // danger-signs' ids.
    let err = fails(
        &run(["score", "-q", &small_q(), "sample-data/danger-signs.csv"]),
        "the danger-signs sample read with another questionnaire",
    );
    assert!(
        err.ends_with(
            "These headers are the ids of questionnaire 'danger-signs'; run with -q danger-signs\n"
        ),
        "{err}"
    );
    assert!(!err.contains("--input-format"), "{err}");
    // itsm-pulse finds most of its questions through aliases (CHG1 for CE1, ...), but not BA2;
    // all 80 scored columns are itsm-recovery's ids.
    let (json, _) = score_json(&["-q", "itsm-pulse", "sample-data/itsm-recovery.csv"]);
    assert_eq!(
        json["warnings"][0],
        "sample-data/itsm-recovery.csv: no column for question(s) BA2; their answers are missing. \
         These headers are the ids of questionnaire 'itsm-recovery'; run with -q itsm-recovery"
    );
}

#[test]
fn the_mapping_hint_names_the_file_argument_of_write_mapping() {
    let dir = tempfile::tempdir().unwrap();
    let file = write(dir.path(), "other.csv", "Email,Role,Q1,Q2\nx@y.z,IT,1,2\n");
    let err = fails(
        &run(["score", "-q", &small_q(), &file]),
        "no column matches",
    );
    assert!(
        err.ends_with(
            "found Role, Q1, Q2. Check the format (--input-format) or write a mapping file \
             (itsm-assess inspect --write-mapping <FILE>) and pass it with --mapping\n"
        ),
        "{err}"
    );
    let help = run(["inspect", "--help"]);
    assert!(
        stdout(&help).contains("--write-mapping <FILE>"),
        "the hint spells the flag as --help does: {}",
        stdout(&help)
    );
}

#[test]
fn strict_refuses_a_question_without_a_column_on_every_command_that_reads_responses() {
    let dir = tempfile::tempdir().unwrap();
    let file = misspelled(dir.path());
    let want = format!(
        "itsm-assess: {file}: no column for question(s) CE7, PR2; --strict requires a column for every question. {TYPO_HINTS}\n"
    );
    for command in ["score", "roadmap", "report", "comments", "inspect"] {
        let out = run([command, "-q", "danger-signs", "--strict", &file]);
        if command == "inspect" {
            // inspect lists what score would refuse instead of failing.
            assert!(out.status.success(), "{}", stderr(&out));
            let problem = want.replacen("itsm-assess: ", "Problem: ", 1);
            let problem = problem.replacen(&format!("{file}: "), "", 1);
            assert!(stdout(&out).contains(&problem), "{}", stdout(&out));
        } else {
            assert_eq!(fails(&out, command), want, "{command}");
        }
    }
    // Without --strict the same file is scored, with a warning.
    let out = run(["score", "-q", "danger-signs", "-f", "json", &file]);
    assert!(out.status.success(), "{}", stderr(&out));
}

#[test]
fn strict_refuses_a_column_of_answers_that_matches_no_question() {
    let dir = tempfile::tempdir().unwrap();
    // Every question has a column; `Extra` holds 1, 2, 3: answers on the scale.
    let file = write(
        dir.path(),
        "extra.csv",
        "Role,C1,C2,I1,Extra\nIT,4,3,5,1\nOps,2,3,4,2\nIT,5,5,5,3\n",
    );
    let problem = "column 5 ('Extra') holds answers on the scale but matches no question, which --strict \
                   refuses; map it to a question in a mapping file (--mapping), or remove the column";
    let err = fails(
        &run(["score", "-q", &small_q(), "--strict", &file]),
        "score --strict",
    );
    assert_eq!(err, format!("itsm-assess: {file}: {problem}\n"));
    let out = run(["inspect", "-q", &small_q(), "--strict", &file]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(
        stdout(&out).contains(&format!("Problem: {problem}\n")),
        "{}",
        stdout(&out)
    );
    // By default it is a warning and the file is scored.
    let out = run(["score", "-q", &small_q(), "-f", "json", &file]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("column 5 ('Extra') holds answers on the scale but matches no question; if it is a question"),
        "{}",
        stderr(&out)
    );
}

/// An engagement folder: the small questionnaire, responses without a column for I1.
fn engagement(dir: &Path, strict: &str) -> PathBuf {
    std::fs::copy(
        fixtures().join("responses/small.yaml"),
        dir.join("small.yaml"),
    )
    .unwrap();
    write(dir, "r.csv", "Role,C1,C2\nIT,4,3\nOps,2,3\nIT,5,5\n");
    let yaml = format!(
        "questionnaire: small.yaml\nresponses: [r.csv]\n{strict}outputs:\n  scores_json: out.json\n"
    );
    write(dir, "assessment.yaml", &yaml);
    dir.join("out.json")
}

#[test]
fn strict_is_an_engagement_key_and_a_flag_of_run() {
    let problem = "r.csv: no column for question(s) I1; --strict requires a column for every \
                   question. Columns matching no question: 1 ('Role')\n";
    let dir = tempfile::tempdir().unwrap();
    let out = engagement(dir.path(), "strict: true\n");
    let err = fails(&run_in(dir.path(), ["run"]), "run with strict: true");
    assert!(err.ends_with(problem), "{err}");
    assert!(!out.exists(), "nothing is written");

    let dir = tempfile::tempdir().unwrap();
    let out = engagement(dir.path(), "");
    let err = fails(&run_in(dir.path(), ["run", "--strict"]), "run --strict");
    assert!(err.ends_with(problem), "{err}");
    assert!(!out.exists(), "nothing is written");
    let done = run_in(dir.path(), ["run"]);
    assert!(done.status.success(), "{}", stderr(&done));
    assert!(out.exists(), "without strict the run writes its output");

    let schema = run(["schema", "--engagement"]);
    let schema: serde_json::Value = serde_json::from_str(&stdout(&schema)).expect("JSON");
    assert_eq!(schema["properties"]["strict"]["type"], "boolean");
}
