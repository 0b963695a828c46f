//! The progress bar of a long reading: drawn on standard error when it is a terminal (here a
//! pseudo-terminal made by util-linux's `script`), absent when standard error is a file or
//! with `--quiet`. The bar's delay is lowered to nothing for the test with the hidden
//! `ITSM_ASSESS_PROGRESS_DELAY_MS` (it is a second otherwise).

use crate::common::{fixtures, root};
use std::process::{Command, Stdio};

/// The environment variable that sets the bar's delay, in milliseconds.
const DELAY_ENV: &str = "ITSM_ASSESS_PROGRESS_DELAY_MS";

/// A response file of the worked example's questionnaire with `rows` respondents.
fn survey(dir: &tempfile::TempDir, rows: usize) -> String {
    let mut text = String::from("respondent,role,C1,C2,C3\n");
    for i in 0..rows {
        text.push_str(&format!(
            "r{i},team{},{},{},{}\n",
            i % 3,
            i % 5 + 1,
            (i + 2) % 5 + 1,
            i % 4 + 1
        ));
    }
    let path = dir.path().join("long.csv");
    std::fs::write(&path, text).expect("write the survey");
    path.display().to_string()
}

/// The arguments of `score` on the survey, as JSON.
fn score_args(csv: &str) -> Vec<String> {
    let q = fixtures().join("score/worked-labels.yaml");
    ["score", "-q", &q.display().to_string(), "-f", "json", csv]
        .into_iter()
        .map(String::from)
        .collect()
}

#[test]
fn no_bar_when_standard_error_is_a_file() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let csv = survey(&dir, 20_000);
    let err_path = dir.path().join("stderr.txt");
    let err = std::fs::File::create(&err_path).expect("a file for standard error");
    let status = Command::new(env!("CARGO_BIN_EXE_itsm-assess"))
        .args(score_args(&csv))
        .env(DELAY_ENV, "0")
        .current_dir(root())
        .stdout(Stdio::null())
        .stderr(err)
        .status()
        .expect("the binary runs");
    let written = std::fs::read_to_string(&err_path).expect("standard error as text");
    assert!(status.success(), "{written}");
    assert!(!written.contains("rows/s"), "{written}");
    assert!(
        !written.contains('\u{1b}') && !written.contains('\r'),
        "{written:?}"
    );
}

/// `script` runs `command` under a pseudo-terminal; what the terminal showed, or `None` when
/// `script` is not installed.
fn under_terminal(command: &str) -> Option<String> {
    let out = Command::new("script")
        .args(["-qfec", command, "/dev/null"])
        .env(DELAY_ENV, "0")
        .current_dir(root())
        .stdin(Stdio::null())
        .output()
        .ok()?;
    Some(String::from_utf8_lossy(&out.stdout).into_owned())
}

#[test]
fn the_bar_is_drawn_on_a_terminal_unless_quiet() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let csv = survey(&dir, 20_000);
    let quoted: Vec<String> = std::iter::once(env!("CARGO_BIN_EXE_itsm-assess").to_string())
        .chain(score_args(&csv))
        .map(|a| format!("'{a}'"))
        .collect();
    let command = format!("{} > /dev/null", quoted.join(" "));
    let Some(shown) = under_terminal(&command) else {
        println!(
            "note: `script` (util-linux) is not installed; the bar on a terminal is not tested"
        );
        return;
    };
    assert!(shown.contains("rows/s"), "{shown:?}");
    assert!(shown.contains('%'), "{shown:?}");
    let quiet = under_terminal(&format!("{} --quiet > /dev/null", quoted.join(" ")))
        .expect("`script` ran once already");
    assert!(!quiet.contains("rows/s"), "{quiet:?}");
}
