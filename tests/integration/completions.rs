//! Shell completion: the generated scripts complete after a subcommand, in a real bash.

use crate::common::run;

/// What bash's completion function offers for the words typed so far (the last one empty).
fn bash_completes(words: &[&str]) -> Vec<String> {
    let script = run(["completions", "bash"]);
    assert!(script.status.success());
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("itsm-assess.bash");
    std::fs::write(&file, &script.stdout).unwrap();
    let quoted: Vec<String> = words.iter().map(|w| format!("'{w}'")).collect();
    let program = format!(
        "source '{}'\nCOMP_WORDS=({})\nCOMP_CWORD={}\n_itsm__assess itsm-assess '{}' '{}'\nprintf '%s\\n' \"${{COMPREPLY[@]}}\"\n",
        file.display(),
        quoted.join(" "),
        words.len() - 1,
        words[words.len() - 1],
        words[words.len() - 2],
    );
    let out = std::process::Command::new("bash")
        .arg("-c")
        .arg(program)
        .current_dir(dir.path())
        .output()
        .expect("bash runs");
    String::from_utf8_lossy(&out.stdout)
        .lines()
        .map(str::to_string)
        .collect()
}

#[test]
fn bash_completes_the_input_formats_after_a_subcommand() {
    let got = bash_completes(&["itsm-assess", "score", "--input-format", ""]);
    assert_eq!(
        got,
        [
            "csv",
            "google-forms",
            "microsoft-forms",
            "surveymonkey",
            "qualtrics",
            "qualtrics-legacy",
            "limesurvey"
        ]
    );
}

#[test]
fn bash_completes_built_in_questionnaires_and_report_formats() {
    let got = bash_completes(&["itsm-assess", "report", "-q", ""]);
    assert!(
        got.starts_with(&["danger-signs".to_string(), "itsm-recovery".to_string()]),
        "{got:?}"
    );
    let got = bash_completes(&["itsm-assess", "report", "--format", ""]);
    assert_eq!(got, ["html", "md"]);
}

#[test]
fn zsh_and_fish_scripts_name_the_options_of_each_subcommand() {
    let zsh = String::from_utf8(run(["completions", "zsh"]).stdout).unwrap();
    assert!(
        zsh.contains("--input-format=") && zsh.contains("google-forms\\:"),
        "zsh"
    );
    let fish = String::from_utf8(run(["completions", "fish"]).stdout).unwrap();
    assert!(
        fish.contains("__fish_itsm_assess_using_subcommand score")
            && fish.contains("-l input-format"),
        "fish"
    );
}
