//! Survey tools' exports through the real binary: every export of the sample survey scores
//! exactly like its canonical CSV, layouts are detected (and can be forced), `inspect` says how a
//! file was understood and writes a starter mapping that `--mapping` accepts, and no value of an
//! identifying column (e-mail, name, IP address, response id, token) reaches any output.
//!
//! The small fixtures in `tests/fixtures/exports/` hold the same three respondents in many
//! layouts and encodings; `small.yaml` shows them and the hand-computed results every one of
//! them must give.

use crate::common::{fixtures, root, run, stderr, stdout};
use serde_json::Value;
use std::path::{Path, PathBuf};
use std::process::Output;

// ---------------------------------------------------------------------------------------------
// Helpers
// ---------------------------------------------------------------------------------------------

/// The two folders of exports made by `cargo run --example make_exports`: the sample data users
/// see, and the copy the tests keep.
const EXPORT_FOLDERS: [&str; 2] = ["sample-data/exports", "tests/fixtures/exports"];

/// One export of the sample survey: file, its `--input-format` value, how `inspect` names the
/// layout, the line `inspect` prints about encoding and delimiter (or sheet), and its header
/// rows.
struct SampleExport {
    file: &'static str,
    input_format: &'static str,
    layout: &'static str,
    container: &'static str,
    header_rows: usize,
}

const SAMPLE_EXPORTS: [SampleExport; 8] = [
    SampleExport {
        file: "google-forms.csv",
        input_format: "google-forms",
        layout: "Google Forms",
        container: "Encoding: UTF-8; delimiter ','",
        header_rows: 1,
    },
    SampleExport {
        file: "microsoft-forms.xlsx",
        input_format: "microsoft-forms",
        layout: "Microsoft Forms",
        container: "Workbook (.xlsx), sheet 'Sheet1'",
        header_rows: 1,
    },
    SampleExport {
        file: "surveymonkey.csv",
        input_format: "surveymonkey",
        layout: "SurveyMonkey",
        container: "Encoding: UTF-8; delimiter ','",
        header_rows: 2,
    },
    SampleExport {
        file: "qualtrics.csv",
        input_format: "qualtrics",
        layout: "Qualtrics",
        container: "Encoding: UTF-8; delimiter ','",
        header_rows: 3,
    },
    SampleExport {
        file: "qualtrics-legacy.csv",
        input_format: "qualtrics-legacy",
        layout: "Qualtrics (legacy layout)",
        container: "Encoding: UTF-8 with BOM; delimiter ','",
        header_rows: 2,
    },
    SampleExport {
        file: "limesurvey.csv",
        input_format: "limesurvey",
        layout: "LimeSurvey",
        container: "Encoding: UTF-8 with BOM; delimiter ';'",
        header_rows: 1,
    },
    SampleExport {
        file: "excel-1252.csv",
        input_format: "csv",
        layout: "plain table",
        container: "Encoding: Windows-1252 (the file is not valid UTF-8); delimiter ';'",
        header_rows: 1,
    },
    SampleExport {
        file: "excel-unicode.txt",
        input_format: "csv",
        layout: "plain table",
        container: "Encoding: UTF-16LE with BOM; delimiter tab",
        header_rows: 1,
    },
];

/// The data rows of a folder's canonical CSV (its lines less the header), counted independently
/// of the reader.
fn canonical_rows(folder: &str) -> u64 {
    let text = std::fs::read_to_string(root().join(folder).join("canonical.csv")).unwrap();
    text.lines().count() as u64 - 1
}

/// The arguments that read one sample export: the LimeSurvey export needs its mapping file.
fn sample_args(folder: &str, file: &str) -> Vec<String> {
    let mut args = Vec::new();
    if file.starts_with("limesurvey") {
        args.push("--mapping".to_string());
        args.push(format!("{folder}/limesurvey-mapping.yaml"));
    }
    args.push(format!("{folder}/{file}"));
    args
}

/// A fixture of this module, as a path relative to the repository root (where `run` runs).
fn small(name: &str) -> String {
    let path = fixtures().join("exports").join(name);
    assert!(path.exists(), "missing fixture {}", path.display());
    path.strip_prefix(root())
        .expect("fixtures are inside the repository")
        .display()
        .to_string()
}

/// The small questionnaire every small fixture is answered against.
fn small_q() -> String {
    small("small.yaml")
}

/// Build an argument list from string slices.
fn args(parts: &[&str]) -> Vec<String> {
    parts.iter().map(|s| s.to_string()).collect()
}

/// Assert success and return standard output.
fn ok(out: &Output, what: &str) -> String {
    assert!(
        out.status.success(),
        "{what}: exit {:?}\n{}",
        out.status.code(),
        stderr(out)
    );
    stdout(out)
}

/// Assert the exit code of a failure and return standard error.
fn fails(out: &Output, code: i32, what: &str) -> String {
    let err = stderr(out);
    assert_eq!(
        out.status.code(),
        Some(code),
        "{what}: expected exit {code}\nstdout: {}\nstderr: {err}",
        stdout(out)
    );
    assert!(!err.contains("panicked"), "{what}: {err}");
    err
}

/// `score --format json` with the given arguments; the parsed output and standard error, less
/// the warning that fewer respondents than `--min-group-size` (5) were scored, which is checked
/// here to appear exactly when the JSON counts fewer than 5.
fn score_json(extra: &[String]) -> (Value, String) {
    let mut all = args(&["score", "--format", "json"]);
    all.extend_from_slice(extra);
    let out = run(&all);
    let text = ok(&out, &all.join(" "));
    let json: Value = serde_json::from_str(&text)
        .unwrap_or_else(|e| panic!("{}: not JSON ({e}):\n{text}", all.join(" ")));
    let err = stderr(&out);
    let (too_few, rest): (Vec<&str>, Vec<&str>) = err
        .split_inclusive('\n')
        .partition(|line| line.contains("scored, fewer than --min-group-size 5:"));
    let scored = json["respondents"]["scored"].as_u64().expect("a count");
    assert_eq!(
        too_few.len(),
        usize::from(scored < 5),
        "{scored} scored: {err}"
    );
    (json, rest.concat())
}

/// `inspect` with the given arguments: its standard output.
fn inspect(extra: &[String]) -> String {
    let mut all = args(&["inspect"]);
    all.extend_from_slice(extra);
    ok(&run(&all), &all.join(" "))
}

/// Where two JSON values first differ, as a path, or `None` when they are equal.
fn first_difference(a: &Value, b: &Value, path: &str) -> Option<String> {
    match (a, b) {
        (Value::Object(x), Value::Object(y)) => {
            for key in x.keys().chain(y.keys()) {
                let here = format!("{path}.{key}");
                match (x.get(key), y.get(key)) {
                    (Some(u), Some(v)) => {
                        if let Some(d) = first_difference(u, v, &here) {
                            return Some(d);
                        }
                    }
                    (u, v) => return Some(format!("{here}: {u:?} vs {v:?}")),
                }
            }
            None
        }
        (Value::Array(x), Value::Array(y)) if x.len() == y.len() => x
            .iter()
            .zip(y)
            .enumerate()
            .find_map(|(i, (u, v))| first_difference(u, v, &format!("{path}[{i}]"))),
        _ if a == b => None,
        _ => Some(format!("{path}: {a} vs {b}")),
    }
}

/// A domain of a score document, by id.
fn domain<'a>(json: &'a Value, id: &str) -> &'a Value {
    json["domains"]
        .as_array()
        .and_then(|ds| ds.iter().find(|d| d["id"] == id))
        .unwrap_or_else(|| panic!("no domain {id} in {json}"))
}

/// A question of a score document, by id.
fn question<'a>(json: &'a Value, id: &str) -> &'a Value {
    json["domains"]
        .as_array()
        .into_iter()
        .flatten()
        .flat_map(|d| d["questions"].as_array().into_iter().flatten())
        .find(|q| q["id"] == id)
        .unwrap_or_else(|| panic!("no question {id} in {json}"))
}

fn close(value: &Value, want: f64, what: &str) {
    let got = value
        .as_f64()
        .unwrap_or_else(|| panic!("{what}: {value} is not a number"));
    assert!((got - want).abs() < 1e-9, "{what}: {got}, expected {want}");
}

/// Assert the results every small fixture must give (see `small.yaml`), worked out by hand:
/// C1 answers 4, 1, 5: mean 10/3; C2 answers 2, N/A, 3: mean 5/2, one not applicable; I1
/// answers 5, empty, 3: mean 4, one missing. Respondent scores of domain `change`: (4+2)/2 = 3,
/// 1 (C2 not applicable), (5+3)/2 = 4, so mean 8/3 and 41.67 % of the 1-5 scale; domain
/// `incident`: 5 and 3, mean 4, 75 %.
fn assert_hand_computed(json: &Value, what: &str) {
    assert_eq!(json["respondents"]["rows"], 3, "{what}");
    assert_eq!(json["respondents"]["scored"], 3, "{what}");
    let c1 = question(json, "C1");
    assert_eq!(c1["n"], 3, "{what}: C1");
    close(&c1["mean"], 10.0 / 3.0, &format!("{what}: C1 mean"));
    assert_eq!(c1["missing"], 0, "{what}: C1");
    assert_eq!(c1["not_applicable"], 0, "{what}: C1");
    assert_eq!(
        c1["counts"],
        serde_json::json!({"1": 1, "2": 0, "3": 0, "4": 1, "5": 1}),
        "{what}: C1 counts"
    );
    let c2 = question(json, "C2");
    assert_eq!(c2["n"], 2, "{what}: C2");
    close(&c2["mean"], 2.5, &format!("{what}: C2 mean"));
    assert_eq!(c2["missing"], 0, "{what}: C2");
    assert_eq!(c2["not_applicable"], 1, "{what}: C2");
    assert_eq!(
        c2["counts"],
        serde_json::json!({"1": 0, "2": 1, "3": 1, "4": 0, "5": 0}),
        "{what}: C2 counts"
    );
    let i1 = question(json, "I1");
    assert_eq!(i1["n"], 2, "{what}: I1");
    close(&i1["mean"], 4.0, &format!("{what}: I1 mean"));
    assert_eq!(i1["missing"], 1, "{what}: I1");
    assert_eq!(i1["not_applicable"], 0, "{what}: I1");
    let change = domain(json, "change");
    assert_eq!(change["n"], 3, "{what}: change");
    close(&change["mean"], 8.0 / 3.0, &format!("{what}: change mean"));
    close(
        &change["percent"],
        (8.0 / 3.0 - 1.0) / 4.0 * 100.0,
        &format!("{what}: change percent"),
    );
    let incident = domain(json, "incident");
    assert_eq!(incident["n"], 2, "{what}: incident");
    close(&incident["mean"], 4.0, &format!("{what}: incident mean"));
    close(
        &incident["percent"],
        75.0,
        &format!("{what}: incident percent"),
    );
}

/// The group values a score document shows for a group-by column, in order.
/// Two groups of a column, each too small to show in the small fixtures (1 and 2 people): since
/// the values of such groups are never written (issue 13, item 3), these tests see that the
/// column was read as two groups, no longer how their values were decoded.
const TWO_TOO_SMALL: [&str; 2] = ["(too small)", "(too small)"];

/// The groups of `column` in domain "change": the values of those listed, then "(too small)"
/// once per group too small to show (such groups are counted, their values never written).
fn group_values(json: &Value, column: &str) -> Vec<String> {
    let d = domain(json, "change");
    let listed = d["groups"]
        .as_array()
        .expect("groups")
        .iter()
        .filter(|g| g["column"] == column)
        .map(|g| g["value"].as_str().expect("a value").to_string());
    let counted = d["too_small"]
        .as_array()
        .into_iter()
        .flatten()
        .filter(|t| t["column"] == column && t["value"].is_null())
        .flat_map(|t| {
            let count = t["groups"].as_u64().expect("a count") as usize;
            std::iter::repeat_n("(too small)".to_string(), count)
        });
    listed.chain(counted).collect()
}

/// Assert that `inspect` output shows column `header` with the role line `role` right below it.
fn assert_column(text: &str, header: &str, role: &str) {
    let lines: Vec<&str> = text.lines().collect();
    let found = lines.windows(2).any(|pair| {
        let head = pair[0].trim_start();
        let (_, name) = head.split_once("  ").unwrap_or(("", head));
        name.trim() == header && pair[1].trim() == format!("-> {role}")
    });
    assert!(found, "expected column '{header}' -> '{role}' in:\n{text}");
}

// ---------------------------------------------------------------------------------------------
// Every sample export scores like the canonical CSV
// ---------------------------------------------------------------------------------------------

/// Every field of the canonical document the comparison must cover is there and not trivial,
/// so that "the same as the canonical CSV" means something.
fn assert_canonical_is_rich(json: &Value, folder: &str) {
    assert_eq!(
        json["respondents"]["rows"],
        canonical_rows(folder),
        "{folder}"
    );
    assert!(canonical_rows(folder) >= 20, "{folder}");
    let domains = json["domains"].as_array().expect("domains");
    // danger-signs 2.0: the four danger signs and "Candour and belief".
    assert_eq!(domains.len(), 5, "{folder}");
    for d in domains {
        for key in [
            "n", "mean", "sd", "ci95", "percent", "level", "alpha", "alpha_n",
        ] {
            assert!(
                d.get(key).is_some_and(|v| !v.is_null()),
                "{folder}: {} lacks {key}",
                d["id"]
            );
        }
        let groups = d["groups"].as_array().expect("groups");
        assert!(
            groups.iter().any(|g| g.get("mean").is_some()),
            "{folder}: no shown group in {}",
            d["id"]
        );
        for q in d["questions"].as_array().expect("questions") {
            for key in ["counts", "n", "mean", "missing", "not_applicable"] {
                assert!(q.get(key).is_some(), "{folder}: {} lacks {key}", q["id"]);
            }
        }
    }
    let all_questions: Vec<&Value> = domains
        .iter()
        .flat_map(|d| d["questions"].as_array().expect("questions"))
        .collect();
    assert!(all_questions.iter().any(|q| q["missing"] != 0), "{folder}");
    assert!(
        all_questions.iter().any(|q| q["not_applicable"] != 0),
        "{folder}"
    );
}

#[test]
fn every_sample_export_scores_exactly_like_the_canonical_csv() {
    for folder in EXPORT_FOLDERS {
        let (canonical, warnings) = score_json(&args(&[
            "-q",
            "danger-signs",
            "-g",
            "role",
            &format!("{folder}/canonical.csv"),
        ]));
        assert_eq!(warnings, "", "{folder}/canonical.csv");
        assert_canonical_is_rich(&canonical, folder);
        for export in &SAMPLE_EXPORTS {
            let mut all = args(&["-q", "danger-signs", "-g", "role"]);
            all.extend(sample_args(folder, export.file));
            let (json, err) = score_json(&all);
            // The whole document is compared, nothing excluded: the statistics (domains with
            // their questions and groups, overall, comparisons, flags) must be equal, and so
            // must the warnings, since neither file should give any.
            assert_eq!(err, "", "{folder}/{}: standard error", export.file);
            let diff = first_difference(&canonical["domains"], &json["domains"], ".domains")
                .or_else(|| first_difference(&canonical, &json, ""));
            if let Some(diff) = diff {
                panic!(
                    "{folder}/{} scores differently from canonical.csv at {diff}",
                    export.file
                );
            }
        }
    }
}

#[test]
fn every_sample_export_is_detected_without_input_format() {
    for folder in EXPORT_FOLDERS {
        for export in &SAMPLE_EXPORTS {
            let mut all = args(&["-q", "danger-signs"]);
            all.extend(sample_args(folder, export.file));
            let text = inspect(&all);
            let what = format!("{folder}/{}", export.file);
            assert!(
                text.contains(&format!("\nFormat: {} (", export.layout)),
                "{what}: layout {}:\n{text}",
                export.layout
            );
            assert!(
                !text.contains("forced with --input-format"),
                "{what}: {text}"
            );
            assert!(
                text.lines().any(|l| l.starts_with(export.container)),
                "{what}: expected '{}' in:\n{text}",
                export.container
            );
            assert!(
                text.contains(&format!(
                    "Header rows: {}; data rows: {}",
                    export.header_rows,
                    canonical_rows(folder)
                )),
                "{what}: {text}"
            );
            assert!(text.contains("Every question has a column."), "{what}");
            assert!(!text.contains("Problem:"), "{what}: {text}");
        }
    }
}

#[test]
fn forcing_the_right_input_format_scores_the_same_as_detecting_it() {
    let folder = EXPORT_FOLDERS[0];
    for export in &SAMPLE_EXPORTS {
        let mut detected = args(&["-q", "danger-signs", "-g", "role"]);
        detected.extend(sample_args(folder, export.file));
        let mut forced = args(&[
            "-q",
            "danger-signs",
            "-g",
            "role",
            "--input-format",
            export.input_format,
        ]);
        forced.extend(sample_args(folder, export.file));
        let (want, _) = score_json(&detected);
        let (got, err) = score_json(&forced);
        assert_eq!(err, "", "{}", export.file);
        assert_eq!(
            first_difference(&want, &got, ""),
            None,
            "{} with --input-format {}",
            export.file,
            export.input_format
        );
        let mut all = args(&["-q", "danger-signs", "--input-format", export.input_format]);
        all.extend(sample_args(folder, export.file));
        let text = inspect(&all);
        assert!(
            text.contains(&format!(
                "Format: {} (forced with --input-format)",
                export.layout
            )),
            "{}: {text}",
            export.file
        );
    }
}

#[test]
fn forcing_a_one_header_layout_on_a_multi_row_export_fails_naming_the_layout_read() {
    for (file, forced, read_as) in [
        (
            "surveymonkey.csv",
            "csv",
            "read as plain table, 1 header row(s)",
        ),
        (
            "qualtrics.csv",
            "google-forms",
            "read as Google Forms, 1 header row(s)",
        ),
        (
            "qualtrics-legacy.csv",
            "limesurvey",
            "read as LimeSurvey, 1 header row(s)",
        ),
        (
            "surveymonkey.csv",
            "microsoft-forms",
            "read as Microsoft Forms, 1 header row(s)",
        ),
    ] {
        let out = run(args(&[
            "score",
            "-q",
            "danger-signs",
            "--format",
            "json",
            "--input-format",
            forced,
            &format!("sample-data/exports/{file}"),
        ]));
        let err = fails(&out, 1, &format!("{file} forced as {forced}"));
        assert!(
            err.contains(&format!(
                "sample-data/exports/{file}: no column matches a question of questionnaire 'danger-signs' ({read_as})"
            )),
            "{file} as {forced}: {err}"
        );
        assert!(err.contains("Check the format (--input-format)"), "{err}");
        assert_eq!(stdout(&out), "", "{file}: no scores on a failure");
    }
}

#[test]
fn an_unknown_input_format_is_a_usage_error_that_lists_the_formats() {
    let out = run(args(&[
        "score",
        "-q",
        "danger-signs",
        "--input-format",
        "spss",
        "sample-data/exports/canonical.csv",
    ]));
    let err = fails(&out, 2, "--input-format spss");
    assert!(err.contains("'spss'"), "{err}");
    for value in [
        "csv",
        "google-forms",
        "microsoft-forms",
        "surveymonkey",
        "qualtrics",
        "qualtrics-legacy",
        "limesurvey",
    ] {
        assert!(err.contains(value), "{value} not listed in: {err}");
    }
}

#[test]
fn forcing_a_layout_with_more_header_rows_than_the_file_has_is_refused() {
    // canonical.csv has one header row; read as Qualtrics (three) its first two respondents
    // become header rows and vanish from the results without a word.
    for (forced, file) in [
        ("qualtrics", "canonical.csv"),
        ("qualtrics-legacy", "google-forms.csv"),
        ("qualtrics", "surveymonkey.csv"),
    ] {
        let out = run(args(&[
            "score",
            "-q",
            "danger-signs",
            "--format",
            "json",
            "--input-format",
            forced,
            &format!("sample-data/exports/{file}"),
        ]));
        let rows = serde_json::from_str::<Value>(&stdout(&out))
            .map(|j| j["respondents"]["rows"].clone())
            .unwrap_or(Value::Null);
        assert!(
            !out.status.success(),
            "{file} forced as {forced} was scored with {rows} of its 24 respondents"
        );
        assert!(stderr(&out).contains("--input-format"), "{}", stderr(&out));
    }
}

#[test]
fn a_wrongly_forced_layout_never_shows_a_respondents_identifying_values() {
    // Read as Qualtrics' legacy layout, the first respondent's row becomes the "question text"
    // row, and `inspect` prints "Email Address / annelie.lindqvist@example.com".
    let out = run(args(&[
        "inspect",
        "-q",
        &small_q(),
        "--input-format",
        "qualtrics-legacy",
        &small("small-google-forms.csv"),
    ]));
    let text = format!("{}{}", stdout(&out), stderr(&out));
    assert!(!text.contains("annelie.lindqvist@example.com"), "{text}");
    // Read as SurveyMonkey, the first respondent's row is joined to the headers, and the
    // group-by error lists "token - tok-annelie-7f3" among the columns available.
    let out = run(args(&[
        "score",
        "-q",
        &small_q(),
        "-g",
        "role",
        "--mapping",
        &small("small-limesurvey-mapping.yaml"),
        "--input-format",
        "surveymonkey",
        &small("small-limesurvey-codes.csv"),
    ]));
    let text = format!("{}{}", stdout(&out), stderr(&out));
    assert!(!text.contains("tok-annelie-7f3"), "{text}");
}

// ---------------------------------------------------------------------------------------------
// Encodings, delimiters, line ends
// ---------------------------------------------------------------------------------------------

#[test]
fn a_utf8_file_reads_the_same_with_and_without_a_byte_order_mark() {
    let bytes = std::fs::read(fixtures().join("exports/plain-bom.csv")).expect("fixture");
    assert!(
        bytes.starts_with(b"\xEF\xBB\xBFC1,"),
        "the fixture has a BOM"
    );
    let plain = std::fs::read(fixtures().join("exports/plain-no-bom.csv")).expect("fixture");
    assert_eq!(
        &bytes[3..],
        &plain[..],
        "the fixtures differ only by the BOM"
    );
    let mut results = Vec::new();
    for (file, encoding) in [
        ("plain-bom.csv", "Encoding: UTF-8 with BOM; delimiter ','"),
        ("plain-no-bom.csv", "Encoding: UTF-8; delimiter ','"),
    ] {
        let text = inspect(&args(&["-q", &small_q(), &small(file)]));
        assert!(text.contains(encoding), "{file}: {text}");
        // The BOM is not glued to the first header, which is matched as the question id.
        assert_column(&text, "C1", "question C1, by its id");
        let (json, err) = score_json(&args(&["-q", &small_q(), "-g", "role", &small(file)]));
        assert_eq!(err, "", "{file}");
        assert_hand_computed(&json, file);
        assert_eq!(group_values(&json, "role"), TWO_TOO_SMALL, "{file}");
        results.push(json["domains"].clone());
    }
    assert_eq!(results[0], results[1]);
}

#[test]
fn excel_unicode_text_in_utf16_le_with_tabs_and_crlf_is_read() {
    let bytes = std::fs::read(fixtures().join("exports/unicode-text.txt")).expect("fixture");
    assert!(
        bytes.starts_with(b"\xFF\xFEr\0o\0l\0e\0\t\0"),
        "UTF-16LE, BOM, tab"
    );
    assert!(bytes.windows(4).any(|w| w == b"\r\0\n\0"), "CRLF");
    let text = inspect(&args(&["-q", &small_q(), &small("unicode-text.txt")]));
    assert!(
        text.contains("Encoding: UTF-16LE with BOM; delimiter tab (detected from the header line)"),
        "{text}"
    );
    assert_column(
        &text,
        "Major incidents have a named owner, always.",
        "question I1, by its text",
    );
    let (json, _) = score_json(&args(&[
        "-q",
        &small_q(),
        "-g",
        "site",
        &small("unicode-text.txt"),
    ]));
    assert_hand_computed(&json, "unicode-text.txt");
    // The last column, decoded from UTF-16, without the carriage return.
    assert_eq!(group_values(&json, "site"), TWO_TOO_SMALL);
}

#[test]
fn a_windows_1252_file_with_accented_labels_and_semicolons_is_read() {
    let bytes = std::fs::read(fixtures().join("exports/excel-fr-1252.csv")).expect("fixture");
    assert!(
        std::str::from_utf8(&bytes).is_err(),
        "the fixture is not UTF-8"
    );
    // "Plutôt" with ô as the single byte 0xF4, "Œting" with Œ as 0x8C (Windows-1252, not
    // Latin-1).
    assert!(bytes.windows(6).any(|w| w == b"Plut\xF4t"));
    assert!(bytes.windows(2).any(|w| w == b"\x8Ct"));
    let q = small("french.yaml");
    let text = inspect(&args(&["-q", &q, &small("excel-fr-1252.csv")]));
    assert!(
        text.contains(
            "Encoding: Windows-1252 (the file is not valid UTF-8); delimiter ';' (detected from the header line)"
        ),
        "{text}"
    );
    assert_column(
        &text,
        "Les changements standard évitent le comité.",
        "question C1, by its text",
    );
    assert_column(
        &text,
        "Chaque incident majeur a un responsable désigné, toujours.",
        "question I1, by its text",
    );
    assert_column(&text, "Rôle", "metadata (usable with --group-by)");
    assert!(text.contains("Every question has a column."), "{text}");
    assert!(!text.contains("Answers not understood"), "{text}");
    let (json, err) = score_json(&args(&[
        "-q",
        &q,
        "-g",
        "Rôle",
        "-g",
        "Site",
        &small("excel-fr-1252.csv"),
    ]));
    assert_eq!(err, "");
    // "Tout à fait d'accord" is 5, "Ne sait pas" not applicable, "3,0" (a decimal comma) is 3.
    assert_hand_computed(&json, "excel-fr-1252.csv");
    assert_eq!(group_values(&json, "Rôle"), TWO_TOO_SMALL);
    assert_eq!(group_values(&json, "Site"), TWO_TOO_SMALL);
}

/// The `groups-*` fixtures: ten respondents of `small.yaml` in two groups of five, whose names
/// are not ASCII in either column (`Rôle`: Métier, Sécurité; `Site`: Malmö, Œting), the same
/// rows in four encodings. By hand: Métier answers C1, C2, I1 (4,2,5), (5,3,4), (4,4,4), (3,2,5),
/// (4,4,2), so its change scores are 3, 4, 4, 2.5, 4 (mean 3.5) and its incident mean 20/5 = 4;
/// Sécurité answers (1,2,3), (2,2,3), (1,3,3), (2,1,3), (4,2,3), change scores 1.5, 2, 2, 1.5, 3
/// (mean 2) and incident mean 3. Every row of one role has one site, so no cross-classified
/// cell of the two columns holds fewer than five people and all four groups are shown.
const GROUP_FIXTURES: [(&str, &str); 4] = [
    (
        "groups-utf16le.txt",
        "Encoding: UTF-16LE with BOM; delimiter tab",
    ),
    (
        "groups-utf16be.txt",
        "Encoding: UTF-16BE with BOM; delimiter tab",
    ),
    (
        "groups-1252.csv",
        "Encoding: Windows-1252 (the file is not valid UTF-8); delimiter ';'",
    ),
    (
        "groups-utf8-bom.csv",
        "Encoding: UTF-8 with BOM; delimiter ','",
    ),
];

/// A shown group of domain `id`: its `n` and mean.
fn shown_group(json: &Value, id: &str, column: &str, value: &str) -> (u64, f64) {
    let d = domain(json, id);
    let g = d["groups"]
        .as_array()
        .into_iter()
        .flatten()
        .find(|g| g["column"] == column && g["value"] == value)
        .unwrap_or_else(|| panic!("no group {column}={value} in {d}"));
    assert_eq!(g["suppressed"], false, "{column}={value}");
    (
        g["n"].as_u64().expect("n"),
        g["mean"].as_f64().expect("a mean"),
    )
}

#[test]
fn non_ascii_group_names_of_encoded_exports_are_decoded_into_the_json() {
    let bytes = |f: &str| std::fs::read(fixtures().join("exports").join(f)).expect("fixture");
    // The encodings, byte for byte: é and ö as single bytes and Œ as 0x8C (Windows-1252, not
    // Latin-1); UTF-16 in both byte orders with their marks; UTF-8 with its mark.
    let cp1252 = bytes("groups-1252.csv");
    assert!(cp1252.windows(3).any(|w| w == b"M\xE9t"));
    assert!(cp1252.windows(5).any(|w| w == b"Malm\xF6"));
    assert!(cp1252.windows(2).any(|w| w == b"\x8Ct"));
    assert!(bytes("groups-utf16le.txt").starts_with(b"\xFF\xFER\0\xF4\0"));
    assert!(bytes("groups-utf16be.txt").starts_with(b"\xFE\xFF\0R\0\xF4"));
    assert!(bytes("groups-utf8-bom.csv").starts_with("\u{FEFF}Rôle,".as_bytes()));
    let mut documents = Vec::new();
    for (file, encoding) in GROUP_FIXTURES {
        let text = inspect(&args(&["-q", &small_q(), &small(file)]));
        assert!(text.contains(encoding), "{file}: {text}");
        let (json, err) = score_json(&args(&[
            "-q",
            &small_q(),
            "-g",
            "Rôle",
            "-g",
            "Site",
            &small(file),
        ]));
        assert_eq!(err, "", "{file}");
        assert_eq!(json["respondents"]["scored"], 10, "{file}");
        for d in ["change", "incident"] {
            let values = |column| {
                domain(&json, d)["groups"]
                    .as_array()
                    .expect("groups")
                    .iter()
                    .filter(|g| g["column"] == column)
                    .map(|g| g["value"].as_str().expect("a value").to_string())
                    .collect::<Vec<_>>()
            };
            assert_eq!(values("Rôle"), ["Métier", "Sécurité"], "{file}: {d}");
            assert_eq!(values("Site"), ["Malmö", "Œting"], "{file}: {d}");
        }
        assert_eq!(group_values(&json, "Rôle"), ["Métier", "Sécurité"]);
        for (column, first, second) in [("Rôle", "Métier", "Sécurité"), ("Site", "Malmö", "Œting")]
        {
            for (value, change, incident) in [(first, 3.5, 4.0), (second, 2.0, 3.0)] {
                let (n, mean) = shown_group(&json, "change", column, value);
                assert_eq!(n, 5, "{file}: {value}");
                assert!(
                    (mean - change).abs() < 1e-9,
                    "{file}: {value} change {mean}"
                );
                let (n, mean) = shown_group(&json, "incident", column, value);
                assert_eq!(n, 5, "{file}: {value}");
                assert!(
                    (mean - incident).abs() < 1e-9,
                    "{file}: {value} incident {mean}"
                );
            }
        }
        // Overall: change (17.5 + 10) / 10, incident (20 + 15) / 10.
        close(&domain(&json, "change")["mean"], 2.75, file);
        close(&domain(&json, "incident")["mean"], 3.5, file);
        documents.push(json["domains"].clone());
    }
    assert!(
        documents.windows(2).all(|w| w[0] == w[1]),
        "the encodings score differently"
    );
}

#[test]
fn crlf_line_ends_do_not_stick_to_the_last_column() {
    // Every line of these fixtures ends with CRLF, and the column grouped by is the last one.
    for (q, file, column, want) in [
        (
            small("french.yaml"),
            "excel-fr-1252.csv",
            "Site",
            TWO_TOO_SMALL,
        ),
        (small_q(), "unicode-text.txt", "site", TWO_TOO_SMALL),
    ] {
        let (json, _) = score_json(&args(&["-q", &q, "-g", column, &small(file)]));
        let values = group_values(&json, column);
        assert_eq!(values, want, "{file}");
        assert!(values.iter().all(|v| !v.contains('\r')), "{file}");
    }
    // LimeSurvey: CRLF, every field quoted; the last column is a question.
    let bytes =
        std::fs::read(fixtures().join("exports/small-limesurvey-codes.csv")).expect("fixture");
    assert!(bytes.ends_with(b"\"A3\"\r\n"));
    let (json, _) = score_json(&args(&[
        "-q",
        &small_q(),
        "--mapping",
        &small("small-limesurvey-mapping.yaml"),
        &small("small-limesurvey-codes.csv"),
    ]));
    assert_hand_computed(&json, "small-limesurvey-codes.csv");
}

#[test]
fn a_forced_delimiter_is_used_and_said_to_be_forced() {
    let q = small("french.yaml");
    let text = inspect(&args(&[
        "-q",
        &q,
        "--delimiter",
        ";",
        &small("excel-fr-1252.csv"),
    ]));
    assert!(text.contains("delimiter ';' (forced)"), "{text}");
    // The wrong one finds no question column and says how it read the file.
    let out = run(args(&[
        "score",
        "-q",
        &q,
        "--delimiter",
        "tab",
        &small("excel-fr-1252.csv"),
    ]));
    let err = fails(&out, 1, "--delimiter tab");
    assert!(err.contains("no column matches a question"), "{err}");
}

#[test]
fn a_semicolon_file_whose_headers_hold_many_commas_is_split_on_semicolons() {
    // What Excel writes with ';' as list separator for a survey whose questions list choices
    // ("Your role (IT, business, or leadership)"): six commas and four semicolons in the
    // header, yet every line has exactly four semicolons.
    let file = small("semicolons-with-commas-in-headers.csv");
    let out = run(args(&["inspect", "-q", &small_q(), &file]));
    assert!(stdout(&out).contains("delimiter ';'"), "{}", stdout(&out));
    let (json, _) = score_json(&args(&["-q", &small_q(), &file]));
    assert_hand_computed(&json, &file);
}

#[test]
fn a_trailing_empty_column_is_ignored_without_a_warning() {
    let file = small("trailing-empty-column.csv");
    let text = inspect(&args(&["-q", &small_q(), &file]));
    assert_column(&text, "(no header)", "ignored: no header");
    assert!(text.contains("     5  (no header)"), "{text}");
    let (json, err) = score_json(&args(&["-q", &small_q(), "-g", "role", &file]));
    assert_eq!(err, "", "no warning for an empty trailing column");
    assert_eq!(json["warnings"], serde_json::json!([]));
    assert_hand_computed(&json, &file);
}

// ---------------------------------------------------------------------------------------------
// Layouts: header rows, matrix columns, codes, labels
// ---------------------------------------------------------------------------------------------

#[test]
fn surveymonkey_two_header_rows_and_matrix_columns_are_joined() {
    let file = small("small-surveymonkey.csv");
    let text = inspect(&args(&["-q", &small_q(), &file]));
    assert!(
        text.contains("Format: SurveyMonkey (row 1 holds Respondent ID and Collector ID)"),
        "{text}"
    );
    assert!(text.contains("Header rows: 2; data rows: 3"), "{text}");
    assert_column(
        &text,
        "How true are these statements about change? - Standard changes skip the board.",
        "question C1, by the matrix row 'Standard changes skip the board.'",
    );
    // The second matrix column is blank in row 1: the prompt is carried forward.
    assert_column(
        &text,
        "How true are these statements about change? - Changes rarely cause incidents.",
        "question C2, by the matrix row 'Changes rarely cause incidents.'",
    );
    // A single question says "Response" in row 2 and keeps its own text.
    assert_column(
        &text,
        "Major incidents have a named owner, always.",
        "question I1, by its text",
    );
    let (json, err) = score_json(&args(&[
        "-q",
        &small_q(),
        "-g",
        "What is your role?",
        &file,
    ]));
    assert_eq!(err, "");
    assert_hand_computed(&json, &file);
    assert_eq!(group_values(&json, "What is your role?"), TWO_TOO_SMALL);
}

#[test]
fn qualtrics_three_header_rows_with_texts_in_another_language_are_read() {
    let file = small("small-qualtrics.csv");
    let text = inspect(&args(&["-q", &small_q(), &file]));
    assert!(
        text.contains("Format: Qualtrics (row 3 holds {\"ImportId\": ...} markers)"),
        "{text}"
    );
    assert!(text.contains("Header rows: 3; data rows: 3"), "{text}");
    assert_column(
        &text,
        "Q2_1 / Wie wahr ist das? - Standard changes skip the board.",
        "question C1, by the matrix row 'Standard changes skip the board.'",
    );
    assert_column(
        &text,
        "Q3 / Major incidents have a named owner, always.",
        "question I1, by its text",
    );
    assert_column(
        &text,
        "RecipientEmail / E-Mail des Empfängers",
        "identifying: never read nor shown",
    );
    // Answers as choice texts; the role column found by its variable name or its text.
    for group_by in ["Q1", "Ihre Rolle"] {
        let (json, err) = score_json(&args(&["-q", &small_q(), "-g", group_by, &file]));
        assert_eq!(err, "");
        assert_hand_computed(&json, &file);
        assert_eq!(group_values(&json, group_by), TWO_TOO_SMALL);
    }
}

#[test]
fn qualtrics_numeric_codes_off_the_scale_are_read_with_a_mapping_file() {
    let file = small("small-qualtrics-codes.csv");
    // Without the mapping, the code 6 (the matrix's "Don't know") is refused where it stands.
    let out = run(args(&["score", "-q", &small_q(), &file]));
    let err = fails(&out, 1, "code 6 without a mapping");
    assert!(
        err.contains(&format!(
            "{file}:5:20: column 'Q2_2': '6' is a number outside the scale"
        )),
        "{err}"
    );
    let text = inspect(&args(&["-q", &small_q(), &file]));
    assert!(text.contains("  '6' in column 'Q2_2': 1 cell(s)"), "{text}");
    let (json, err) = score_json(&args(&[
        "-q",
        &small_q(),
        "--mapping",
        &small("small-qualtrics-mapping.yaml"),
        &file,
    ]));
    assert_eq!(err, "");
    assert_hand_computed(&json, &file);
}

#[test]
fn qualtrics_legacy_two_header_rows_bom_and_trailing_comma_are_read() {
    let file = small("small-qualtrics-legacy.csv");
    let bytes =
        std::fs::read(fixtures().join("exports/small-qualtrics-legacy.csv")).expect("fixture");
    assert!(bytes.starts_with(b"\xEF\xBB\xBFV1,V2,"));
    assert!(bytes.ends_with(b",3,3,\n"), "a trailing comma");
    let text = inspect(&args(&["-q", &small_q(), &file]));
    assert!(
        text.contains(
            "Format: Qualtrics (legacy layout) (row 1 starts with the variable names V1, V2)"
        ),
        "{text}"
    );
    assert!(
        text.contains("Encoding: UTF-8 with BOM; delimiter ','"),
        "{text}"
    );
    assert!(text.contains("Header rows: 2; data rows: 3"), "{text}");
    assert_column(
        &text,
        "Q2_2 / How true is this? - Changes rarely cause incidents.",
        "question C2, by the matrix row 'Changes rarely cause incidents.'",
    );
    assert_column(&text, "V3 / Name", "identifying: never read nor shown");
    assert_column(&text, "(no header)", "ignored: no header");
    let (json, err) = score_json(&args(&["-q", &small_q(), "-g", "Q1", &file]));
    assert_eq!(err, "");
    assert_hand_computed(&json, &file);
}

#[test]
fn google_forms_grid_columns_match_by_their_row() {
    let file = small("small-google-forms.csv");
    let text = inspect(&args(&["-q", &small_q(), &file]));
    assert!(
        text.contains("Format: Google Forms (row 1 starts with Timestamp)"),
        "{text}"
    );
    assert_column(
        &text,
        "How true is this about change? [Standard changes skip the board.]",
        "question C1, by the matrix row 'Standard changes skip the board.'",
    );
    assert_column(&text, "Email Address", "identifying: never read nor shown");
    assert_column(&text, "Timestamp", "metadata (usable with --group-by)");
    let (json, err) = score_json(&args(&["-q", &small_q(), &file]));
    assert_eq!(err, "");
    assert_hand_computed(&json, &file);
}

#[test]
fn limesurvey_answer_codes_are_read_with_a_mapping_file() {
    let file = small("small-limesurvey-codes.csv");
    let mapping = small("small-limesurvey-mapping.yaml");
    // Without the mapping, nothing matches, and the message says what to do.
    let out = run(args(&["score", "-q", &small_q(), &file]));
    let err = fails(&out, 1, "LimeSurvey codes without a mapping");
    assert!(
        err.contains("no column matches a question of questionnaire 'small-exports' (read as LimeSurvey, 1 header row(s))"),
        "{err}"
    );
    assert!(err.contains("itsm-assess inspect --write-mapping"), "{err}");
    let text = inspect(&args(&["-q", &small_q(), "--mapping", &mapping, &file]));
    assert!(
        text.contains("Format: LimeSurvey (row 1 holds lastpage and startlanguage and submitdate)"),
        "{text}"
    );
    assert!(
        text.contains("Encoding: UTF-8 with BOM; delimiter ';'"),
        "{text}"
    );
    assert_column(
        &text,
        "G1Q1[SQ001]",
        "question C1, by the mapping file ('G1Q1[SQ001]')",
    );
    assert_column(&text, "G2Q1", "question I1, by the mapping file ('G2Q1')");
    assert_column(&text, "token", "identifying: never read nor shown");
    assert_column(&text, "ipaddr", "identifying: never read nor shown");
    assert!(!text.contains("Answers not understood"), "{text}");
    let (json, err) = score_json(&args(&[
        "-q",
        &small_q(),
        "--mapping",
        &mapping,
        "-g",
        "role",
        &file,
    ]));
    assert_eq!(err, "");
    // A4 is 4, A6 is "Don't know" (not applicable), and so on.
    assert_hand_computed(&json, &file);
}

#[test]
fn limesurvey_full_headings_and_answer_texts_are_read_without_a_mapping() {
    let file = small("small-limesurvey-texts.csv");
    let text = inspect(&args(&["-q", &small_q(), &file]));
    assert!(
        text.contains(
            "Format: LimeSurvey (row 1 holds Last page and Start language and Date submitted)"
        ),
        "{text}"
    );
    assert_column(
        &text,
        "How true is this about change? [Changes rarely cause incidents.]",
        "question C2, by the matrix row 'Changes rarely cause incidents.'",
    );
    assert_column(&text, "Response ID", "identifying: never read nor shown");
    assert_column(&text, "IP address", "identifying: never read nor shown");
    let (json, err) = score_json(&args(&["-q", &small_q(), &file]));
    assert_eq!(err, "");
    assert_hand_computed(&json, &file);
}

#[test]
fn limesurveys_access_code_column_is_identifying() {
    let file = small("small-limesurvey-texts.csv");
    let text = inspect(&args(&["-q", &small_q(), &file]));
    assert_column(&text, "Access code", "identifying: never read nor shown");
    // Today `-g "Access code"` prints every respondent's token as a group name.
    let out = run(args(&[
        "score",
        "-q",
        &small_q(),
        "--format",
        "json",
        "-g",
        "Access code",
        &file,
    ]));
    assert!(!stdout(&out).contains("ac-9QzX41"), "{}", stdout(&out));
    assert!(!out.status.success());
}

#[test]
fn labels_with_a_leading_number_are_read_as_that_number() {
    // "4 = Agree", "2. Disagree", "5 - Strongly agree", "5) Strongly agree", "3: Neutral" and
    // "3 – Neutral" (an en dash).
    let file = small("leading-numbers.csv");
    let text = inspect(&args(&["-q", &small_q(), &file]));
    assert!(!text.contains("Answers not understood"), "{text}");
    let (json, err) = score_json(&args(&["-q", &small_q(), &file]));
    assert_eq!(err, "");
    assert_hand_computed(&json, &file);
}

#[test]
fn a_leading_number_that_contradicts_its_label_is_refused_at_its_cell() {
    let file = small("contradicting-number.csv");
    let out = run(args(&["score", "-q", &small_q(), &file]));
    let err = fails(&out, 1, "5 - Disagree");
    assert!(
        err.contains(&format!(
            "{file}:2:4: column 'I1': '5 - Disagree' starts with 5 but is labelled 'Disagree', the label of another value"
        )),
        "{err}"
    );
    assert_eq!(stdout(&out), "");
}

#[test]
fn a_microsoft_forms_workbook_is_read_from_its_first_sheet_or_the_one_named() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let path = dir.path().join("forms.xlsx");
    write_forms_workbook(&path);
    let file = path.display().to_string();
    let text = inspect(&args(&["-q", &small_q(), &file]));
    assert!(
        text.contains("Format: Microsoft Forms (row 1 holds Start time and Completion time)"),
        "{text}"
    );
    assert!(text.contains("Workbook (.xlsx), sheet 'Form1'"), "{text}");
    for (header, role) in [
        ("ID", "identifying: never read nor shown"),
        ("Email", "identifying: never read nor shown"),
        ("Name", "identifying: never read nor shown"),
        ("Start time", "metadata (usable with --group-by)"),
        (
            "Standard changes skip the board.",
            "question C1, by its text",
        ),
    ] {
        assert_column(&text, header, role);
    }
    // Whole numbers come back from the workbook as 4.0 and read as 4.
    let (json, err) = score_json(&args(&["-q", &small_q(), "-g", "Role", &file]));
    assert_eq!(err, "");
    assert_hand_computed(&json, "forms.xlsx");
    assert_eq!(group_values(&json, "Role"), TWO_TOO_SMALL);
    // The second sheet holds the first two respondents only.
    let (json, _) = score_json(&args(&["-q", &small_q(), "--sheet", "Later", &file]));
    assert_eq!(json["respondents"]["rows"], 2);
    close(&question(&json, "C1")["mean"], 2.5, "C1 on sheet Later");
    let out = run(args(&["score", "-q", &small_q(), "--sheet", "Nope", &file]));
    let err = fails(&out, 1, "--sheet Nope");
    assert!(
        err.contains("the workbook has no sheet 'Nope'; its sheets: Form1, Later"),
        "{err}"
    );
}

/// The three respondents as Microsoft Forms exports them: an `.xlsx` with `ID`, times, `Email`,
/// `Name`, then one column per question, answers as numbers (or the not-applicable text); a
/// second sheet `Later` with the first two respondents.
fn write_forms_workbook(path: &Path) {
    let header = [
        "ID",
        "Start time",
        "Completion time",
        "Email",
        "Name",
        "Role",
        "Standard changes skip the board.",
        "Changes rarely cause incidents.",
        "Major incidents have a named owner, always.",
    ];
    let people = [
        ("annelie.lindqvist@example.com", "Annelie Lindqvist", "IT"),
        ("barnaby.okonkwo@example.com", "Barnaby Okonkwo", "Business"),
        ("cyprienne.poelman@example.com", "Cyprienne Poelman", "IT"),
    ];
    let answers: [[Option<&str>; 3]; 3] = [
        [Some("4"), Some("2"), Some("5")],
        [Some("1"), Some("Don't know"), None],
        [Some("5"), Some("3"), Some("3")],
    ];
    let mut workbook = rust_xlsxwriter::Workbook::new();
    for (name, rows) in [("Form1", 3usize), ("Later", 2)] {
        let sheet = workbook.add_worksheet();
        sheet.set_name(name).expect("a sheet name");
        for (c, h) in header.iter().enumerate() {
            sheet.write_string(0, c as u16, *h).expect("a header");
        }
        for (i, ((email, person, role), row)) in people.iter().zip(&answers).take(rows).enumerate()
        {
            let r = i as u32 + 1;
            sheet.write_number(r, 0, f64::from(r)).expect("an id");
            sheet
                .write_string(r, 1, format!("6/{}/25 9:0{i}:00", i + 2))
                .expect("a time");
            sheet
                .write_string(r, 2, format!("6/{}/25 9:1{i}:00", i + 2))
                .expect("a time");
            sheet.write_string(r, 3, *email).expect("an e-mail");
            sheet.write_string(r, 4, *person).expect("a name");
            sheet.write_string(r, 5, *role).expect("a role");
            for (c, cell) in row.iter().enumerate() {
                let c = 6 + c as u16;
                match cell.map(|v| (v, v.parse::<f64>())) {
                    None => {}
                    Some((_, Ok(n))) => {
                        sheet.write_number(r, c, n).expect("a number");
                    }
                    Some((text, Err(_))) => {
                        sheet.write_string(r, c, text).expect("a text");
                    }
                }
            }
        }
    }
    workbook.save(path).expect("the workbook is written");
}

// ---------------------------------------------------------------------------------------------
// Unmatched columns and questions, answers not understood, starter mappings
// ---------------------------------------------------------------------------------------------

#[test]
fn an_unmatched_column_is_reported_by_inspect_and_its_cells_are_not_scored() {
    // "Standard changes skip the CAB." is C1 worded differently; "Any other comments?" is free
    // text. Neither is a question's, so neither is read as answers.
    let file = small("unmatched.csv");
    let text = inspect(&args(&["-q", &small_q(), &file]));
    assert_column(
        &text,
        "Standard changes skip the CAB.",
        "metadata (usable with --group-by)",
    );
    assert_column(
        &text,
        "Any other comments?",
        "metadata (usable with --group-by)",
    );
    assert_column(&text, "C2", "question C2, by its id");
    let (json, _) = score_json(&args(&["-q", &small_q(), &file]));
    assert_eq!(json["respondents"]["invalid_cells"], 0);
    let c1 = question(&json, "C1");
    assert_eq!(c1["n"], 0);
    assert_eq!(c1["missing"], 3);
    assert_eq!(c1["mean"], Value::Null);
    // C2 alone: 2, N/A, 3.
    let c2 = question(&json, "C2");
    assert_eq!(c2["n"], 2);
    close(&c2["mean"], 2.5, "C2 mean");
    let change = domain(&json, "change");
    assert_eq!(
        change["n"], 2,
        "the respondent with C2 not applicable has no score"
    );
    close(&change["mean"], 2.5, "change mean");
    let text = serde_json::to_string(&json).expect("JSON");
    assert!(
        !text.contains("The board meets too rarely"),
        "free text is not shown"
    );
}

#[test]
fn an_unmatched_question_is_a_warning_on_score_naming_it_and_is_listed_by_inspect() {
    let file = small("unmatched.csv");
    let (json, err) = score_json(&args(&["-q", &small_q(), &file]));
    // Issue 15 item 7: the column of answers that matches no question is named on score too.
    // Issue 19 item 8: the warning of the missing questions names the columns that match none,
    // and the edited text of C1 ('the CAB' for 'the board', 4 edits of 27) as a near match.
    let missing = format!(
        "{file}: no column for question(s) C1, I1; their answers are missing. Did you mean C1 for column 2 ('Standard changes skip the CAB.')? Rename the header(s), or map them in a mapping file (--mapping). Other columns matching no question: 1 ('role'), 4 ('Any other comments?')"
    );
    let stray = format!(
        "{file}: column 2 ('Standard changes skip the CAB.') holds answers on the scale but matches no question; if it is a question (its text edited between waves, say), map it in a mapping file (--mapping)"
    );
    assert_eq!(
        err,
        format!("itsm-assess: warning: {missing}\nitsm-assess: warning: {stray}\n")
    );
    assert_eq!(json["warnings"], serde_json::json!([missing, stray]));
    let incident = domain(&json, "incident");
    assert_eq!(incident["n"], 0);
    assert_eq!(incident["mean"], Value::Null);
    let text = inspect(&args(&["-q", &small_q(), &file]));
    assert!(
        text.contains(
            "Questions with no column (their answers will be missing):\n  C1: Standard changes skip the board.\n  I1: Major incidents have a named owner, always.\n"
        ),
        "{text}"
    );
    assert!(!text.contains("Every question has a column."), "{text}");
}

/// Run `inspect --write-mapping` into a temporary folder and return the mapping's text and path.
fn write_mapping(dir: &Path, q: &str, file: &str) -> (String, PathBuf) {
    let path = dir.join("mapping.yaml");
    let out = run(args(&[
        "inspect",
        "-q",
        q,
        "--write-mapping",
        &path.display().to_string(),
        file,
    ]));
    ok(&out, "inspect --write-mapping");
    assert!(
        stderr(&out).contains(&format!(
            "itsm-assess: wrote a starter mapping to {}",
            path.display()
        )),
        "{}",
        stderr(&out)
    );
    (std::fs::read_to_string(&path).expect("the mapping"), path)
}

#[test]
fn a_starter_mapping_lists_unmatched_columns_and_missing_questions_and_is_accepted_as_written() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let file = small("unmatched.csv");
    let (text, path) = write_mapping(dir.path(), &small_q(), &file);
    for line in [
        "columns:\n",
        "  \"Standard changes skip the CAB.\": ~\n",
        "  \"Any other comments?\": ~\n",
        "#   C1: Standard changes skip the board.\n",
        "#   I1: Major incidents have a named owner, always.\n",
        "labels:\n",
    ] {
        assert!(text.contains(line), "expected {line:?} in:\n{text}");
    }
    // A question column is not offered for mapping.
    assert!(!text.contains("\"C2\""), "{text}");
    // As written (every entry left empty) it changes nothing.
    let mapping = path.display().to_string();
    let (without, _) = score_json(&args(&["-q", &small_q(), &file]));
    let (with, err) = score_json(&args(&["-q", &small_q(), "--mapping", &mapping, &file]));
    assert_eq!(without["domains"], with["domains"]);
    assert!(err.contains("no column for question(s) C1, I1"), "{err}");
}

#[test]
fn a_filled_in_starter_mapping_matches_the_unmatched_column() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let file = small("unmatched.csv");
    let (text, path) = write_mapping(dir.path(), &small_q(), &file);
    let filled = text.replace(
        "\"Standard changes skip the CAB.\": ~",
        "\"Standard changes skip the CAB.\": C1",
    );
    assert_ne!(filled, text);
    std::fs::write(&path, filled).expect("the mapping is written");
    let mapping = path.display().to_string();
    let inspected = inspect(&args(&["-q", &small_q(), "--mapping", &mapping, &file]));
    assert_column(
        &inspected,
        "Standard changes skip the CAB.",
        "question C1, by the mapping file ('Standard changes skip the CAB.')",
    );
    let (json, err) = score_json(&args(&["-q", &small_q(), "--mapping", &mapping, &file]));
    assert_eq!(
        err,
        format!(
            "itsm-assess: warning: {file}: no column for question(s) I1; their answers are missing. Columns matching no question: 1 ('role'), 4 ('Any other comments?')\n"
        )
    );
    let c1 = question(&json, "C1");
    assert_eq!(c1["n"], 3);
    close(&c1["mean"], 10.0 / 3.0, "C1 mean");
    let change = domain(&json, "change");
    assert_eq!(change["n"], 3);
    close(&change["mean"], 8.0 / 3.0, "change mean");
}

#[test]
fn answers_not_understood_are_listed_by_inspect_and_can_be_mapped_to_the_scale() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let file = small("not-understood.csv");
    let out = run(args(&["score", "-q", &small_q(), &file]));
    let err = fails(&out, 1, "an answer off the scale");
    assert!(
        err.contains(&format!(
            "{file}:2:4: column 'C2': 'Somewhat disagree' is not an answer on the scale"
        )),
        "{err}"
    );
    let text = inspect(&args(&["-q", &small_q(), &file]));
    assert!(
        text.contains(
            "Answers not understood (not on the scale; add them to a mapping file's labels):\n  'Somewhat disagree' in column 'C2': 1 cell(s)\n"
        ),
        "{text}"
    );
    let (mapping, path) = write_mapping(dir.path(), &small_q(), &file);
    assert!(
        mapping.contains("  \"Somewhat disagree\": ~   # 1 cell(s)\n"),
        "{mapping}"
    );
    // The identifying column is not offered for mapping.
    assert!(!mapping.contains("Email Address"), "{mapping}");
    std::fs::write(
        &path,
        mapping.replace("\"Somewhat disagree\": ~", "\"Somewhat disagree\": 2"),
    )
    .expect("the mapping is written");
    let (json, err) = score_json(&args(&[
        "-q",
        &small_q(),
        "--mapping",
        &path.display().to_string(),
        &file,
    ]));
    assert_eq!(err, "");
    assert_hand_computed(&json, &file);
}

#[test]
fn inspect_refuses_to_write_the_starter_mapping_over_its_input() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let copy = dir.path().join("responses.csv");
    std::fs::copy(fixtures().join("exports/unmatched.csv"), &copy).expect("a copy");
    let before = std::fs::read(&copy).expect("the copy");
    let copy = copy.display().to_string();
    let out = run(args(&[
        "inspect",
        "-q",
        &small_q(),
        "--write-mapping",
        &copy,
        &copy,
    ]));
    fails(&out, 1, "--write-mapping over the input");
    assert_eq!(std::fs::read(&copy).expect("the copy"), before);
}

#[test]
fn inspect_names_every_role_a_column_can_have() {
    let text = inspect(&args(&[
        "-q",
        &small_q(),
        &small("small-qualtrics-legacy.csv"),
    ]));
    assert_column(
        &text,
        "V1 / ResponseID",
        "identifying: never read nor shown",
    );
    assert_column(
        &text,
        "V5 / EmailAddress",
        "identifying: never read nor shown",
    );
    assert_column(&text, "V6 / IPAddress", "identifying: never read nor shown");
    assert_column(&text, "V8 / StartDate", "metadata (usable with --group-by)");
    assert_column(
        &text,
        "Q1 / What is your role?",
        "metadata (usable with --group-by)",
    );
    assert_column(
        &text,
        "Q2_1 / How true is this? - Standard changes skip the board.",
        "question C1, by the matrix row 'Standard changes skip the board.'",
    );
    assert_column(&text, "(no header)", "ignored: no header");
    assert!(text.starts_with(&format!("File: {}\n", small("small-qualtrics-legacy.csv"))));
}

// ---------------------------------------------------------------------------------------------
// Identifying values never reach any output
// ---------------------------------------------------------------------------------------------

/// Every identifying value written into the small fixtures (and the generated workbook).
const IDENTIFYING: [&str; 29] = [
    "annelie.lindqvist@example.com",
    "barnaby.okonkwo@example.com",
    "cyprienne.poelman@example.com",
    "@example.com",
    "Annelie",
    "Lindqvist",
    "Barnaby",
    "Okonkwo",
    "Cyprienne",
    "Poelman",
    "198.51.100.17",
    "198.51.100.42",
    "198.51.100.99",
    "198.51.100",
    "987650001",
    "987650002",
    "987650003",
    "R_3kYpQ7wLmZxA1",
    "R_8fTbN2qRsVwC4",
    "R_1hJdM5eKpYtU7",
    "R_9vLq2WcXn4Ts8Ab",
    "R_2pGs7YhBv3Kd1Ef",
    "R_6mRt1ZkFw8Jc5Gh",
    "tok-annelie-7f3",
    "tok-barnaby-2c9",
    "tok-cyprienne-5d1",
    "EXT-447",
    "47.3769",
    "51.5072",
];

fn assert_private(text: &str, what: &str, values: &[&str]) {
    for value in values {
        assert!(
            !text.contains(value),
            "{what}: shows the identifying value '{value}':\n{text}"
        );
    }
}

/// Run a command and assert that neither its output nor its messages show an identifying value;
/// return whether it succeeded.
fn run_private(all: &[String], values: &[&str]) -> bool {
    let out = run(all);
    let what = all.join(" ");
    assert!(
        !stderr(&out).contains("panicked"),
        "{what}: {}",
        stderr(&out)
    );
    assert_private(&stdout(&out), &what, values);
    assert_private(&stderr(&out), &what, values);
    out.status.success()
}

#[test]
fn identifying_values_of_the_small_fixtures_reach_no_output() {
    // Each value checked is in some fixture, so that its absence from the outputs means
    // something.
    let inputs: String = std::fs::read_dir(fixtures().join("exports"))
        .expect("the fixtures")
        .map(|e| e.expect("an entry").path())
        .filter(|p| {
            p.file_name()
                .is_some_and(|n| n.to_string_lossy().starts_with("small-"))
        })
        .map(|p| std::fs::read_to_string(&p).expect("a UTF-8 fixture"))
        .collect();
    for value in IDENTIFYING {
        assert!(inputs.contains(value), "'{value}' is in no small fixture");
    }
    let dir = tempfile::tempdir().expect("a temporary folder");
    let workbook = dir.path().join("forms.xlsx");
    write_forms_workbook(&workbook);
    let workbook = workbook.display().to_string();
    let lime_mapping = small("small-limesurvey-mapping.yaml");
    let qualtrics_mapping = small("small-qualtrics-mapping.yaml");
    // (file, group-by column, extra arguments)
    let cases: Vec<(String, &str, Vec<String>)> = vec![
        (
            small("small-google-forms.csv"),
            "What is your role?",
            vec![],
        ),
        (
            small("small-surveymonkey.csv"),
            "What is your role?",
            vec![],
        ),
        (small("small-qualtrics.csv"), "Q1", vec![]),
        (
            small("small-qualtrics-codes.csv"),
            "Q1",
            args(&["--mapping", &qualtrics_mapping]),
        ),
        (small("small-qualtrics-legacy.csv"), "Q1", vec![]),
        (
            small("small-limesurvey-codes.csv"),
            "role",
            args(&["--mapping", &lime_mapping]),
        ),
        (
            small("small-limesurvey-texts.csv"),
            "What is your role?",
            vec![],
        ),
        (workbook.clone(), "Role", vec![]),
    ];
    for (file, group, extra) in &cases {
        let mut base = args(&["-q", &small_q()]);
        base.extend(extra.iter().cloned());
        for format in ["json", "table", "csv"] {
            let mut all = args(&["score", "--format", format, "-g", group]);
            all.extend(base.iter().cloned());
            all.push(file.clone());
            assert!(run_private(&all, &IDENTIFYING), "{}", all.join(" "));
        }
        let mapping = dir.path().join("mapping.yaml");
        let mut all = args(&["inspect", "--write-mapping", &mapping.display().to_string()]);
        all.extend(base.iter().cloned());
        all.push(file.clone());
        assert!(run_private(&all, &IDENTIFYING), "{}", all.join(" "));
        let written = std::fs::read_to_string(&mapping).expect("the mapping");
        assert_private(
            &written,
            &format!("starter mapping of {file}"),
            &IDENTIFYING,
        );
        std::fs::remove_file(&mapping).expect("removed");
    }
}

#[test]
fn identifying_values_reach_no_error_message() {
    // An invalid cell in a row that holds an e-mail address.
    let file = small("not-understood.csv");
    assert!(!run_private(
        &args(&["score", "-q", &small_q(), &file]),
        &IDENTIFYING
    ));
    // Grouping by an identifying column is refused without showing its values.
    for (file, column) in [
        (small("small-google-forms.csv"), "Email Address"),
        (small("small-surveymonkey.csv"), "IP Address"),
        (small("small-surveymonkey.csv"), "First Name"),
        (small("small-qualtrics.csv"), "ResponseId"),
        (small("small-qualtrics.csv"), "RecipientEmail"),
    ] {
        let out = run(args(&["score", "-q", &small_q(), "-g", column, &file]));
        let err = fails(&out, 1, &format!("-g {column}"));
        assert!(
            err.contains(&format!(
                "cannot group by '{column}': the column identifies respondents, and is never read"
            )),
            "{err}"
        );
        assert_private(&err, &format!("-g {column}"), &IDENTIFYING);
    }
}

/// The values of some columns of a UTF-8 export, read with the `csv` crate: the identifying
/// values the sample exports hold. Values that are not identifying on their own (empty,
/// `anonymous`, row numbers) are left out, since they occur in any output.
fn column_values(path: &Path, delimiter: u8, header_rows: usize, headers: &[&str]) -> Vec<String> {
    let text = std::fs::read_to_string(path).expect("a UTF-8 export");
    let text = text.trim_start_matches('\u{feff}');
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(delimiter)
        .from_reader(text.as_bytes());
    let records: Vec<csv::StringRecord> = reader.records().map(|r| r.expect("a record")).collect();
    let columns: Vec<usize> = records[0]
        .iter()
        .enumerate()
        .filter(|(_, h)| headers.contains(h))
        .map(|(i, _)| i)
        .collect();
    assert_eq!(
        columns.len(),
        headers.len(),
        "{}: not every column of {headers:?} found",
        path.display()
    );
    let mut values: Vec<String> = records
        .iter()
        .skip(header_rows)
        .flat_map(|r| columns.iter().filter_map(|&c| r.get(c)))
        .map(str::trim)
        .filter(|v| v.len() >= 6 && !v.eq_ignore_ascii_case("anonymous"))
        .map(String::from)
        .collect();
    values.sort();
    values.dedup();
    values
}

#[test]
fn identifying_values_of_the_sample_exports_reach_no_output() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let folder = root().join("sample-data/exports");
    let mut values = Vec::new();
    for (file, delimiter, header_rows, headers) in [
        ("google-forms.csv", b',', 1, &["Email Address"][..]),
        (
            "surveymonkey.csv",
            b',',
            2,
            &["Respondent ID", "IP Address"][..],
        ),
        (
            "qualtrics.csv",
            b',',
            3,
            &["IPAddress", "ResponseId", "LocationLatitude"][..],
        ),
        ("qualtrics-legacy.csv", b',', 2, &["V1", "V6"][..]),
        ("limesurvey.csv", b';', 1, &["token"][..]),
    ] {
        let found = column_values(&folder.join(file), delimiter, header_rows, headers);
        assert!(found.len() >= 24, "{file}: {found:?}");
        values.extend(found);
    }
    let values: Vec<&str> = values.iter().map(String::as_str).collect();
    for export in &SAMPLE_EXPORTS {
        let files = sample_args("sample-data/exports", export.file);
        for format in ["json", "table", "csv"] {
            let mut all = args(&[
                "score",
                "-q",
                "danger-signs",
                "-g",
                "role",
                "--format",
                format,
            ]);
            all.extend(files.iter().cloned());
            assert!(run_private(&all, &values), "{}", all.join(" "));
        }
        let mapping = dir.path().join("mapping.yaml");
        let mut all = args(&[
            "inspect",
            "-q",
            "danger-signs",
            "--write-mapping",
            &mapping.display().to_string(),
        ]);
        all.extend(files.iter().cloned());
        assert!(run_private(&all, &values), "{}", all.join(" "));
        let written = std::fs::read_to_string(&mapping).expect("the mapping");
        assert_private(&written, export.file, &values);
        std::fs::remove_file(&mapping).expect("removed");
    }
    // The report a leader presents, from the export with the most identifying columns.
    let report = dir.path().join("report.md");
    let mut all = args(&[
        "report",
        "-q",
        "danger-signs",
        "-g",
        "role",
        "--format",
        "md",
        "--date",
        "2025-07-01",
        "-o",
        &report.display().to_string(),
        "sample-data/exports/surveymonkey.csv",
    ]);
    assert!(run_private(&all, &values), "{}", all.join(" "));
    let text = std::fs::read_to_string(&report).expect("the report");
    assert!(text.len() > 1000, "a report was written");
    assert_private(&text, "report.md", &values);
    // ... and as HTML.
    let html = dir.path().join("report.html");
    all.splice(
        5..11,
        args(&[
            "--format",
            "html",
            "--date",
            "2025-07-01",
            "-o",
            &html.display().to_string(),
        ]),
    );
    assert!(run_private(&all, &values), "{}", all.join(" "));
    assert_private(
        &std::fs::read_to_string(&html).expect("the report"),
        "report.html",
        &values,
    );
}

// ---------------------------------------------------------------------------------------------
// Standard input, pipes and FIFOs: every input is opened once, its header and data rows read
// from the same stream
// ---------------------------------------------------------------------------------------------

/// How long a run on a pipe or FIFO may take before it counts as hung.
const HANG: std::time::Duration = std::time::Duration::from_secs(60);

/// Wait for a child, killing it (and failing) when it runs past [`HANG`]: opening a FIFO twice
/// waits forever for a second writer.
/// Its output is read while it runs, so that an output larger than a pipe holds cannot stall it.
fn finish(child: std::process::Child, what: &str) -> Output {
    let pid = child.id();
    let (done, result) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let _ = done.send(child.wait_with_output());
    });
    match result.recv_timeout(HANG) {
        Ok(out) => out.expect("the output is collected"),
        Err(_) => {
            // The child is held by the reading thread: end it by its id.
            let _ = std::process::Command::new("kill")
                .args(["-9", &pid.to_string()])
                .status();
            panic!("{what}: still running after {HANG:?}; the input hangs");
        }
    }
}

/// Run the binary with `input` on its standard input (a pipe).
fn run_with_stdin(all: &[String], input: Vec<u8>) -> Output {
    use std::io::Write;
    use std::process::{Command, Stdio};
    let mut child = Command::new(env!("CARGO_BIN_EXE_itsm-assess"))
        .args(all)
        .current_dir(root())
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the binary runs");
    let mut stdin = child.stdin.take().expect("standard input is piped");
    // A run that fails early closes the pipe: the writer's error is no concern of the test.
    let writer = std::thread::spawn(move || {
        let _ = stdin.write_all(&input);
    });
    let out = finish(child, &all.join(" "));
    writer.join().expect("the writer ends");
    out
}

/// `score --format json -q danger-signs -g role` of a sample export read from standard input
/// (given as `dash`), parsed.
fn score_json_from_stdin(file: &str, dash: &str) -> Value {
    let folder = "sample-data/exports";
    let mut all = args(&[
        "score",
        "--format",
        "json",
        "-q",
        "danger-signs",
        "-g",
        "role",
    ]);
    let mut rest = sample_args(folder, file);
    rest.pop();
    all.extend(rest);
    all.push(dash.to_string());
    let bytes = std::fs::read(root().join(folder).join(file)).expect("the export is readable");
    let text = ok(&run_with_stdin(&all, bytes), &all.join(" "));
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{file}: not JSON ({e}):\n{text}"))
}

#[test]
fn every_sample_export_scores_from_standard_input_as_from_its_file() {
    for export in &SAMPLE_EXPORTS {
        let mut file_args = args(&["-q", "danger-signs", "-g", "role"]);
        file_args.extend(sample_args("sample-data/exports", export.file));
        let (from_file, _) = score_json(&file_args);
        let from_stdin = score_json_from_stdin(export.file, "-");
        assert_eq!(
            first_difference(&from_file, &from_stdin, ""),
            None,
            "{}",
            export.file
        );
        assert_eq!(
            from_stdin["respondents"]["rows"],
            canonical_rows("sample-data/exports"),
            "{}",
            export.file
        );
    }
}

#[test]
fn inspect_reads_standard_input_and_names_it() {
    let bytes = std::fs::read(root().join("sample-data/exports/surveymonkey.csv")).unwrap();
    let all = args(&["inspect", "-q", "danger-signs", "-"]);
    let text = ok(&run_with_stdin(&all, bytes), "inspect -");
    assert!(
        text.starts_with("File: standard input\nFormat: SurveyMonkey"),
        "{text}"
    );
    assert!(text.contains("Header rows: 2; data rows: 121"), "{text}");
}

#[test]
fn problems_on_standard_input_name_it() {
    let all = args(&["score", "-q", &small_q(), "-"]);
    let out = run_with_stdin(&all, b"C1,C2,I1\n4,2,5\n9,2,5\n".to_vec());
    let err = fails(&out, 1, "an invalid cell on standard input");
    assert!(
        err.starts_with("itsm-assess: standard input:3:1: column 'C1': '9' "),
        "{err}"
    );
}

#[test]
fn standard_input_is_refused_when_given_twice() {
    let csv = std::fs::read(root().join("sample-data/danger-signs.csv")).unwrap();
    let all = args(&[
        "score",
        "-q",
        "danger-signs",
        "-",
        "sample-data/danger-signs.csv",
        "-",
    ]);
    let err = fails(&run_with_stdin(&all, csv), 1, "- twice");
    assert_eq!(
        err.trim_end(),
        "itsm-assess: standard input: is given 2 times as a response file ('-'); it can be read only once"
    );
}

/// Regression (issue 13, item 16): a piped `/dev/stdin` was opened twice, and the second open
/// found the pipe drained ("is empty").
#[cfg(target_os = "linux")]
#[test]
fn a_piped_dev_stdin_is_read_once() {
    let (from_file, _) = score_json(&args(&[
        "-q",
        "danger-signs",
        "-g",
        "role",
        "sample-data/exports/google-forms.csv",
    ]));
    let from_pipe = score_json_from_stdin("google-forms.csv", "/dev/stdin");
    assert_eq!(first_difference(&from_file, &from_pipe, ""), None);
}

/// Regression (issue 13, item 16): a FIFO was opened twice, and the second open waited forever
/// for a writer.
#[cfg(unix)]
#[test]
fn a_fifo_is_read_once() {
    use std::io::Write;
    use std::process::{Command, Stdio};
    let dir = tempfile::tempdir().expect("a temporary folder");
    let fifo = dir.path().join("responses.csv");
    let made = Command::new("mkfifo")
        .arg(&fifo)
        .status()
        .expect("mkfifo runs");
    assert!(made.success(), "mkfifo failed");
    let csv = std::fs::read(root().join("sample-data/danger-signs.csv")).unwrap();
    let all = args(&[
        "score",
        "--format",
        "json",
        "-q",
        "danger-signs",
        "-g",
        "role",
    ]);
    let child = Command::new(env!("CARGO_BIN_EXE_itsm-assess"))
        .args(&all)
        .arg(&fifo)
        .current_dir(root())
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the binary runs");
    let path = fifo.clone();
    // Opening a FIFO to write waits for its reader, the binary.
    let writer = std::thread::spawn(move || {
        if let Ok(mut f) = std::fs::OpenOptions::new().write(true).open(&path) {
            let _ = f.write_all(&csv);
        }
    });
    let out = finish(child, "score on a FIFO");
    // A binary that never opened the FIFO leaves the writer waiting: open it to let it go.
    let start = std::time::Instant::now();
    while !writer.is_finished() && start.elapsed() < std::time::Duration::from_secs(5) {
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    if !writer.is_finished() {
        let _ = std::fs::read(&fifo);
    }
    writer.join().expect("the writer ends");
    let text = ok(&out, "score on a FIFO");
    let from_fifo: Value = serde_json::from_str(&text).expect("JSON");
    let (from_file, _) = score_json(&args(&[
        "-q",
        "danger-signs",
        "-g",
        "role",
        "sample-data/danger-signs.csv",
    ]));
    assert_eq!(first_difference(&from_file, &from_fifo, ""), None);
    assert_eq!(from_fifo["respondents"]["rows"], 121);
}

// ---------------------------------------------------------------------------------------------
// Real exports, round two (issue 15): layouts found in circulation, each made again by us with
// the three respondents of `small.yaml`
// ---------------------------------------------------------------------------------------------

/// `inspect` of a small fixture, asserting the layout line, and `score` of it asserting the
/// hand-computed figures; returns the inspect text and score's standard error.
fn reads_as(file: &str, extra: &[&str], layout: &str, reason: &str) -> (String, String) {
    let mut all = args(&["-q", &small_q()]);
    all.extend(args(extra));
    all.push(small(file));
    let text = inspect(&all);
    assert!(
        text.contains(&format!("\nFormat: {layout} ({reason})\n")),
        "{file}: expected {layout} ({reason}) in:\n{text}"
    );
    assert!(!text.contains("Problem:"), "{file}: {text}");
    let (json, err) = score_json(&all);
    assert_hand_computed(&json, file);
    (text, err)
}

#[test]
fn a_qualtrics_insights_export_with_single_quoted_import_ids_reads_with_three_header_rows() {
    let (text, err) = reads_as(
        "small-qualtrics-insights.csv",
        &[],
        "Qualtrics",
        "row 3 holds {\"ImportId\": ...} markers",
    );
    assert!(text.contains("Header rows: 3; data rows: 3"), "{text}");
    assert_eq!(err, "");
    // Forcing the layout is accepted now that the file is seen to have three header rows.
    let (json, _) = score_json(&args(&[
        "-q",
        &small_q(),
        "--input-format",
        "qualtrics",
        &small("small-qualtrics-insights.csv"),
    ]));
    assert_hand_computed(&json, "forced qualtrics");
}

#[test]
fn an_older_surveymonkey_export_with_nul_bytes_in_its_second_header_row_is_read() {
    let file = "small-surveymonkey-old.csv";
    let bytes = std::fs::read(fixtures().join("exports").join(file)).expect("fixture");
    assert_eq!(
        bytes.iter().filter(|&&b| b == 0).count(),
        3,
        "the fixture has its NULs"
    );
    let (text, err) = reads_as(
        file,
        &[],
        "SurveyMonkey",
        "row 1 holds Respondent ID and Collector ID",
    );
    assert!(
        text.contains(
            "Note: 3 NUL byte(s) in the header rows (the first on line 2) were dropped, as some SurveyMonkey exports write them"
        ),
        "{text}"
    );
    assert_column(&text, "RespondentID", "identifying: never read nor shown");
    assert_eq!(err, "");
    // In a plain table a NUL byte stays binary data, in a header row as anywhere.
    let s = tempfile::tempdir().expect("a folder");
    let plain = s.path().join("plain.csv");
    std::fs::write(&plain, b"role,C1\0,C2,I1\nIT,4,2,5\n").expect("write");
    let out = run(args(&[
        "score",
        "-q",
        &small_q(),
        plain.to_str().expect("utf-8"),
    ]));
    let err = fails(&out, 1, "NUL in a plain table");
    assert!(
        err.contains("plain.csv:1: holds a NUL byte: this is binary data, not text"),
        "{err}"
    );
}

#[test]
fn surveymonkey_exports_without_their_id_columns_are_known_by_the_second_header_row() {
    for file in [
        "small-surveymonkey-trimmed.csv",
        "trimmed-surveymonkey.xlsx",
    ] {
        let (text, err) = reads_as(
            file,
            &[],
            "SurveyMonkey",
            "row 2 holds Response or Open-Ended Response under the questions of row 1",
        );
        assert!(
            text.contains("Header rows: 2; data rows: 3"),
            "{file}: {text}"
        );
        assert_column(
            &text,
            "How true are these statements about change? - Changes rarely cause incidents.",
            "question C2, by the matrix row 'Changes rarely cause incidents.'",
        );
        assert_eq!(err, "", "{file}");
    }
}

#[test]
fn a_header_split_over_two_rows_reads_with_header_rows_and_inspect_suggests_it() {
    let file = small("small-two-header-rows.csv");
    let text = inspect(&args(&["-q", &small_q(), &file]));
    assert!(
        text.contains(
            "Note: row 2 holds text where row 3 holds answers, in column(s) 2 ('How true is this about change?'), 3 (no header), 4 ('Incidents'): if row 2 continues the header (a sub-question under each question), pass --header-rows 2"
        ),
        "{text}"
    );
    let (text, _) = reads_as(
        "small-two-header-rows.csv",
        &["--header-rows", "2"],
        "plain table",
        "no survey tool's header found: one header row",
    );
    assert!(text.contains("Header rows: 2; data rows: 3"), "{text}");
    assert!(!text.contains("Note:"), "{text}");
    assert_column(
        &text,
        "How true is this about change? - Changes rarely cause incidents. / Changes rarely cause incidents.",
        "question C2, by its text",
    );
    // An export has header rows of its own.
    let out = run(args(&[
        "score",
        "-q",
        &small_q(),
        "--header-rows",
        "2",
        &small("small-surveymonkey.csv"),
    ]));
    let err = fails(&out, 1, "--header-rows on an export");
    assert!(
        err.contains("--header-rows is for a plain table, but this file is a SurveyMonkey export, which has 2 header row(s) of its own"),
        "{err}"
    );
}

#[test]
fn limesurvey_code_and_text_headings_are_detected_matched_and_their_ids_hidden() {
    let (text, err) = reads_as(
        "small-limesurvey-ids.csv",
        &[],
        "LimeSurvey",
        "row 1 holds lastpage and startlanguage and submitdate",
    );
    assert_column(
        &text,
        "id. Response ID / id",
        "identifying: never read nor shown",
    );
    assert_column(
        &text,
        "C2. Changes rarely cause incidents. / C2",
        "question C2, by its id",
    );
    assert_eq!(err, "");
    // An id column is never a group.
    let out = run(args(&[
        "score",
        "-q",
        &small_q(),
        "-g",
        "id. Response ID",
        &small("small-limesurvey-ids.csv"),
    ]));
    let err = fails(&out, 1, "group by the response id");
    assert!(
        err.contains("cannot group by 'id. Response ID': the column identifies respondents"),
        "{err}"
    );
}

#[test]
fn a_question_edited_between_waves_is_merged_when_mapped_and_warned_about_when_not() {
    let file = small("small-google-forms-edited.csv");
    // Not mapped: C2 loses the third respondent's answer, and the column is named.
    let (json, err) = score_json(&args(&["-q", &small_q(), &file]));
    assert_eq!(question(&json, "C2")["n"], 1);
    assert!(
        err.contains(&format!(
            "{file}: column 6 ('Changes seldom cause incidents.') holds answers on the scale but matches no question; if it is a question (its text edited between waves, say), map it in a mapping file (--mapping)"
        )),
        "{err}"
    );
    let mapping = small("small-google-forms-edited-mapping.yaml");
    let (text, err) = reads_as(
        "small-google-forms-edited.csv",
        &["--mapping", &mapping],
        "Google Forms",
        "row 1 starts with Timestamp",
    );
    assert_eq!(err, "");
    assert!(
        text.contains("Note: columns 'Changes rarely cause incidents.' (column 4) and 'Changes seldom cause incidents.' (column 6) both hold question C2: they are read as one, each row answering in one of them"),
        "{text}"
    );
}

#[test]
fn line_breaks_in_quotes_excels_sep_line_and_semicolons_with_a_bom_are_read() {
    let (_, err) = reads_as(
        "small-line-breaks.csv",
        &[],
        "plain table",
        "no survey tool's header found: one header row",
    );
    assert_eq!(err, "");
    let (text, err) = reads_as(
        "small-sep-line.csv",
        &[],
        "plain table",
        "no survey tool's header found: one header row",
    );
    assert_eq!(err, "");
    assert!(text.contains("delimiter ';'"), "{text}");
    assert!(
        text.contains(
            "Note: line 1 is Excel's 'sep=;' line: it sets the delimiter and is not read as a row"
        ),
        "{text}"
    );
    let (text, err) = reads_as(
        "small-semicolons-bom.csv",
        &[],
        "plain table",
        "no survey tool's header found: one header row",
    );
    assert_eq!(err, "");
    assert!(
        text.contains("Encoding: UTF-8 with BOM; delimiter ';'"),
        "{text}"
    );
    // A line of a problem in a file with a sep= line is its physical line.
    let s = tempfile::tempdir().expect("a folder");
    let bad = s.path().join("bad.csv");
    std::fs::write(&bad, "sep=;\nrole;C1;C2;I1\nIT;9;2;5\n").expect("write");
    let out = run(args(&[
        "score",
        "-q",
        &small_q(),
        bad.to_str().expect("utf-8"),
    ]));
    let err = fails(&out, 1, "a value off the scale after a sep line");
    assert!(err.contains("bad.csv:3:2: column 'C1': '9'"), "{err}");
}
