//! The examples of README.md and docs/*.md are fixtures: every YAML block is validated as what
//! it is, and every shell block runs and succeeds.
//!
//! A block says what it is by an HTML comment on the line before its fence:
//!
//! * no comment: a whole questionnaire, which `validate` must accept;
//! * `<!-- example: comment -->`: comment lines only (a line an editor reads);
//! * `<!-- example: fragment questionnaire -->`: top-level keys of a questionnaire, set into
//!   the built-in `danger-signs` in place of its own and validated so;
//! * `<!-- example: engagement -->`: an engagement file, run in a folder holding the sample
//!   survey under `responses/`;
//! * `<!-- example: mapping -->` and `<!-- example: evidence-mapping -->`: a mapping file,
//!   given to `inspect` over a sample export (or the sample change records);
//! * `<!-- illustrative: REASON -->` before a shell block: not run, for the reason given.
//!
//! A shell block runs as one bash script, stopping at the first failure, in a fresh folder
//! holding the files the documents name (`responses.csv`, `wave1.csv`, `changes.csv`...)
//! made from the sample data, with `sample-data/` beside them and `itsm-assess` on the path.

use crate::common::{fixtures, root, run_in, stderr, stdout};
use std::path::PathBuf;
use std::process::Command;

/// One fenced block of a document.
struct Block {
    /// Where it is: `docs/x.md:LINE` (the line of its opening fence).
    place: String,
    /// The fence's language: `yaml`, `sh` or empty.
    language: String,
    /// The HTML comment on the line before the fence, without `<!--` and `-->`.
    marker: Option<String>,
    /// Its text.
    text: String,
}

/// The documents whose examples are checked.
fn documents() -> Vec<PathBuf> {
    let mut docs = vec![root().join("README.md")];
    let mut guides: Vec<PathBuf> = std::fs::read_dir(root().join("docs"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "md"))
        .collect();
    guides.sort();
    docs.extend(guides);
    docs
}

/// Every fenced block of every document.
fn blocks() -> Vec<Block> {
    let mut found = Vec::new();
    for path in documents() {
        let name = path.strip_prefix(root()).unwrap().display().to_string();
        let text = std::fs::read_to_string(&path).unwrap();
        let lines: Vec<&str> = text.lines().collect();
        let mut i = 0;
        while i < lines.len() {
            let Some(language) = lines[i].strip_prefix("```") else {
                i += 1;
                continue;
            };
            let marker = i
                .checked_sub(1)
                .map(|j| lines[j].trim())
                .and_then(|l| l.strip_prefix("<!--"))
                .and_then(|l| l.strip_suffix("-->"))
                .map(|m| m.trim().to_string());
            let end = (i + 1..lines.len())
                .find(|&j| lines[j].starts_with("```"))
                .unwrap_or_else(|| panic!("{name}:{}: a block that is never closed", i + 1));
            found.push(Block {
                place: format!("{name}:{}", i + 1),
                language: language.trim().to_string(),
                marker,
                text: lines[i + 1..end].join("\n") + "\n",
            });
            i = end + 1;
        }
    }
    found
}

/// Assert a run succeeded, naming the block.
fn assert_ran(block: &Block, out: &std::process::Output) {
    assert!(
        out.status.success(),
        "{}: the example fails:\n{}\n{}",
        block.place,
        stdout(out),
        stderr(out)
    );
}

/// The built-in `danger-signs` with the top-level keys of `fragment` in place of its own.
fn into_questionnaire(fragment: &str) -> String {
    let base = std::fs::read_to_string(root().join("questionnaires/danger-signs.yaml")).unwrap();
    let mut whole: serde_json::Value = serde_saphyr::from_str(&base).unwrap();
    let part: serde_json::Map<String, serde_json::Value> =
        serde_saphyr::from_str(fragment).expect("a fragment is a mapping of top-level keys");
    for (key, value) in part {
        whole[key] = value;
    }
    // YAML reads JSON as it is.
    serde_json::to_string_pretty(&whole).unwrap()
}

/// Check one YAML block as what its marker says it is.
fn check_yaml(block: &Block) {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("example.yaml");
    let marker = block.marker.as_deref().unwrap_or("example: questionnaire");
    match marker {
        "example: questionnaire" => {
            std::fs::write(&file, &block.text).unwrap();
            assert_ran(block, &run_in(dir.path(), ["validate", "example.yaml"]));
        }
        "example: comment" => assert!(
            block.text.lines().all(|l| l.trim_start().starts_with('#')),
            "{}: a block marked as comments holds more",
            block.place
        ),
        "example: fragment questionnaire" => {
            std::fs::write(&file, into_questionnaire(&block.text)).unwrap();
            assert_ran(block, &run_in(dir.path(), ["validate", "example.yaml"]));
        }
        "example: engagement" => {
            std::fs::create_dir_all(dir.path().join("responses")).unwrap();
            std::fs::copy(
                root().join("sample-data/danger-signs.csv"),
                dir.path().join("responses/danger-signs.csv"),
            )
            .unwrap();
            std::fs::write(&file, &block.text).unwrap();
            assert_ran(block, &run_in(dir.path(), ["run", "example.yaml"]));
        }
        "example: mapping" => {
            std::fs::write(&file, &block.text).unwrap();
            let export = root().join("sample-data/exports/limesurvey.csv");
            let args = ["inspect", "-q", "danger-signs", "--mapping", "example.yaml"];
            let export = export.to_str().unwrap();
            assert_ran(block, &run_in(dir.path(), [&args[..], &[export]].concat()));
        }
        "example: evidence-mapping" => {
            std::fs::write(&file, &block.text).unwrap();
            let changes = root().join("sample-data/records/changes.csv");
            let args = [
                "inspect",
                "-q",
                "danger-signs",
                "--evidence-mapping",
                "example.yaml",
                "--changes",
                changes.to_str().unwrap(),
            ];
            assert_ran(block, &run_in(dir.path(), args));
        }
        other => panic!("{}: unknown example marker '{other}'", block.place),
    }
}

/// A folder holding the files the documents' commands name, made from the sample data.
fn shell_folder() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let copies = [
        ("sample-data/danger-signs.csv", "responses.csv"),
        ("sample-data/danger-signs.csv", "wave1.csv"),
        ("sample-data/danger-signs.csv", "export.csv"),
        ("sample-data/danger-signs-wave2.csv", "wave2.csv"),
        ("sample-data/follow-up-status.csv", "status.csv"),
        ("sample-data/records/changes.csv", "changes.csv"),
        ("sample-data/records/incidents.csv", "incidents.csv"),
        ("sample-data/danger-signs.csv", "home/exports/survey.csv"),
    ];
    for (from, to) in copies {
        let to = dir.path().join(to);
        std::fs::create_dir_all(to.parent().unwrap()).unwrap();
        std::fs::copy(root().join(from), to).unwrap();
    }
    std::fs::copy(
        fixtures().join("evidence/costs.csv"),
        dir.path().join("costs.csv"),
    )
    .unwrap();
    std::os::unix::fs::symlink(root().join("sample-data"), dir.path().join("sample-data")).unwrap();
    dir
}

/// Run one shell block as a bash script, stopping at its first failure.
fn run_shell(block: &Block) {
    let dir = shell_folder();
    let binary = PathBuf::from(env!("CARGO_BIN_EXE_itsm-assess"));
    let path = std::env::join_paths(
        std::iter::once(binary.parent().unwrap().to_path_buf()).chain(std::env::split_paths(
            &std::env::var_os("PATH").unwrap_or_default(),
        )),
    )
    .unwrap();
    let out = Command::new("bash")
        .args(["-euo", "pipefail", "-c", &block.text])
        .env("PATH", path)
        .env("HOME", dir.path().join("home"))
        .current_dir(dir.path())
        .output()
        .expect("bash runs");
    assert_ran(block, &out);
}

#[test]
fn every_yaml_example_of_the_documents_is_valid_as_what_it_is() {
    let yaml: Vec<Block> = blocks()
        .into_iter()
        .filter(|b| b.language == "yaml")
        .collect();
    assert!(yaml.len() >= 8, "only {} YAML examples found", yaml.len());
    for block in &yaml {
        check_yaml(block);
    }
}

#[test]
fn every_shell_example_of_the_documents_runs_or_says_why_not() {
    let shell: Vec<Block> = blocks()
        .into_iter()
        .filter(|b| b.language == "sh")
        .collect();
    assert!(
        shell.len() >= 10,
        "only {} shell examples found",
        shell.len()
    );
    for block in &shell {
        match block.marker.as_deref() {
            Some(m) if m.starts_with("illustrative:") => assert!(
                m["illustrative:".len()..].trim().len() > 10,
                "{}: an illustrative block must say why it is not run",
                block.place
            ),
            Some(other) => panic!("{}: unknown shell marker '{other}'", block.place),
            None => run_shell(block),
        }
    }
}

#[test]
fn an_unmarked_block_that_is_not_a_whole_questionnaire_fails() {
    // The check itself: a fragment without its marker is refused, not skipped.
    let block = Block {
        place: "test".into(),
        language: "yaml".into(),
        marker: None,
        text: "report_title: A survey\n".into(),
    };
    let caught = std::panic::catch_unwind(|| check_yaml(&block));
    assert!(caught.is_err());
}

/// The key tables of the questionnaire guide: (part, key, the "required" cell). A part is the
/// key of the file the table is about (`scale`, `questions`; empty for the top level), from
/// the heading above the table or from a dotted key (`phases.names`).
fn guide_key_tables(guide: &str) -> Vec<(String, String, String)> {
    let mut rows = Vec::new();
    let mut part = String::new();
    let mut in_table = false;
    for line in guide.lines() {
        if let Some(heading) = line.strip_prefix("### ") {
            part = heading
                .split('`')
                .nth(1)
                .filter(|_| heading.starts_with('`'))
                .unwrap_or("")
                .to_string();
        }
        if line == "| key | required | meaning |" {
            in_table = true;
            continue;
        }
        if !line.starts_with('|') {
            in_table = false;
        }
        if !in_table || line.starts_with("|---") {
            continue;
        }
        let cells: Vec<&str> = line.split('|').map(str::trim).collect();
        let key = cells[1].trim_matches('`');
        let (row_part, key) = key.split_once('.').unwrap_or((&part, key));
        rows.push((row_part.to_string(), key.to_string(), cells[2].to_string()));
    }
    rows
}

/// The JSON Schema definition of a part of the questionnaire file.
fn part_schema<'a>(schema: &'a serde_json::Value, part: &str) -> &'a serde_json::Value {
    if part.is_empty() {
        return schema;
    }
    let owner = if matches!(part, "questions" | "actions") {
        &schema["$defs"]["RawDomain"]
    } else {
        schema
    };
    let property = &owner["properties"][part];
    let reference = [
        &property["$ref"],
        &property["items"]["$ref"],
        &property["anyOf"][0]["$ref"],
    ]
    .into_iter()
    .find_map(|r| r.as_str())
    .unwrap_or_else(|| panic!("no schema for part '{part}'"));
    &schema["$defs"][reference.trim_start_matches("#/$defs/")]
}

/// Remove `key` from every mapping of `part` in a questionnaire; how many held it.
fn remove_key(q: &mut serde_json::Value, part: &str, key: &str) -> usize {
    let mut objects: Vec<&mut serde_json::Value> = match part {
        "" => vec![q],
        "scale" | "phases" => vec![&mut q[part]],
        "questions" | "actions" => q["domains"]
            .as_array_mut()
            .unwrap()
            .iter_mut()
            .flat_map(|d| d[part].as_array_mut().into_iter().flatten())
            .collect(),
        _ => q[part].as_array_mut().into_iter().flatten().collect(),
    };
    objects
        .iter_mut()
        .filter_map(|o| o.as_object_mut()?.remove(key))
        .count()
}

#[test]
fn the_guides_required_keys_are_what_validate_requires() {
    let guide = std::fs::read_to_string(root().join("docs/questionnaire-format.md")).unwrap();
    let start = guide
        .find("```yaml\nid: ")
        .expect("the guide's whole example")
        + 8;
    let end = start + guide[start..].find("```").unwrap();
    let example: serde_json::Value = serde_saphyr::from_str(&guide[start..end]).unwrap();
    let schema: serde_json::Value =
        serde_json::from_slice(&crate::common::run(["schema"]).stdout).unwrap();
    let rows = guide_key_tables(&guide);

    // Every key of every part is in the guide's tables, and nothing else.
    let mut parts: Vec<&str> = rows.iter().map(|(p, _, _)| p.as_str()).collect();
    parts.dedup();
    assert_eq!(
        parts,
        [
            "",
            "scale",
            "levels",
            "domains",
            "questions",
            "actions",
            "flags",
            "evidence_flags",
            "phases"
        ]
    );
    for part in &parts {
        let mut documented: Vec<&str> = rows
            .iter()
            .filter(|(p, _, _)| p == part)
            .map(|(_, k, _)| k.as_str())
            .collect();
        let properties = part_schema(&schema, part)["properties"]
            .as_object()
            .unwrap();
        let mut known: Vec<&str> = properties.keys().map(String::as_str).collect();
        documented.sort_unstable();
        known.sort_unstable();
        assert_eq!(documented, known, "the keys of part '{part}'");
    }

    // Removing a required key from the example makes it invalid; removing an optional one
    // does not. Removing the actions also removes the flags' references to them.
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("q.yaml");
    for (part, key, required) in &rows {
        let mut q = example.clone();
        if remove_key(&mut q, part, key) == 0 {
            assert!(
                required.starts_with("one of"),
                "the guide's example lacks {part}.{key}"
            );
            continue;
        }
        if (part.as_str(), key.as_str()) == ("domains", "actions") {
            remove_key(&mut q, "flags", "actions");
            remove_key(&mut q, "evidence_flags", "actions");
        }
        std::fs::write(&file, serde_json::to_string(&q).unwrap()).unwrap();
        let out = run_in(dir.path(), ["validate", "q.yaml"]);
        let valid = out.status.success();
        match required.as_str() {
            "no" => assert!(valid, "{part}.{key} is optional: {}", stderr(&out)),
            _ => assert!(
                !valid,
                "{part}.{key} is marked '{required}' but may be left out"
            ),
        }
    }
}
