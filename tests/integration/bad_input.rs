//! The bad-input suite: every failure a user can meet with a broken, huge, oddly encoded or
//! hostile input file. For each the real binary must exit with code 1, print a message that
//! names the file and the place (line, column header or question id) and says what was expected,
//! never panic, and write nothing to the output path (an earlier output stays byte-identical and
//! no temporary file is left beside it).
//!
//! Big inputs are generated at test time in a temporary folder; small ones are fixtures under
//! `tests/fixtures/bad/` and `tests/fixtures/responses/bad/`.

use crate::common::{fixtures, root, run, stderr};
use std::ffi::OsString;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

/// What an earlier output file holds; a failed command must leave it exactly so.
pub(crate) const EARLIER_OUTPUT: &[u8] = b"an earlier output, which a failed run must not touch\n";

/// The questionnaire the response cases are read against: questions C1, C2 (domain change) and
/// I1 (domain incident) on a 1..5 scale with labels.
pub(crate) fn small_questionnaire() -> PathBuf {
    fixtures().join("responses/small.yaml")
}

/// A scratch folder for one test; the outputs go to its `out/` subfolder, which must hold
/// nothing but what the test put there.
pub(crate) struct Scratch {
    dir: tempfile::TempDir,
}

impl Scratch {
    pub(crate) fn new() -> Self {
        let dir = tempfile::tempdir().expect("a temporary folder");
        std::fs::create_dir(dir.path().join("out")).expect("the output folder");
        Scratch { dir }
    }

    /// A path in the scratch folder.
    pub(crate) fn path(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }

    /// Write a file into the scratch folder and return its path.
    pub(crate) fn write(&self, name: &str, bytes: impl AsRef<[u8]>) -> PathBuf {
        let path = self.path(name);
        std::fs::write(&path, bytes).expect("the fixture is written");
        path
    }

    /// The output folder.
    pub(crate) fn out_dir(&self) -> PathBuf {
        self.path("out")
    }

    /// The names of the files in the output folder, sorted.
    pub(crate) fn outputs(&self) -> Vec<String> {
        let mut names: Vec<String> = std::fs::read_dir(self.out_dir())
            .expect("the output folder is readable")
            .map(|e| {
                e.expect("an entry")
                    .file_name()
                    .to_string_lossy()
                    .into_owned()
            })
            .collect();
        names.sort();
        names
    }
}

/// Run a command whose arguments `args(out)` end in an output path `out`, twice: once with no
/// file at `out`, once over an earlier output. Both runs must fail with exit code 1 and the same
/// message, without a panic; the first must create nothing, the second must leave the earlier
/// output byte-identical; neither may leave a temporary file. Returns the message.
pub(crate) fn refused(scratch: &Scratch, args: impl Fn(&Path) -> Vec<OsString>) -> String {
    let out = scratch.out_dir().join("result.out");
    let first = run(args(&out));
    let message = stderr(&first);
    assert_failed_cleanly(&first, &message);
    assert!(
        !out.exists(),
        "a failed run wrote {}:\n{message}",
        out.display()
    );
    assert_eq!(scratch.outputs(), Vec::<String>::new(), "{message}");

    std::fs::write(&out, EARLIER_OUTPUT).expect("the earlier output is written");
    let second = run(args(&out));
    assert_failed_cleanly(&second, &stderr(&second));
    assert_eq!(
        std::fs::read(&out).expect("the earlier output is still there"),
        EARLIER_OUTPUT,
        "a failed run changed the earlier output"
    );
    assert_eq!(scratch.outputs(), ["result.out"], "{message}");
    std::fs::remove_file(&out).expect("the earlier output is removed");
    assert_eq!(stderr(&second), message, "the same input, the same message");
    message
}

/// Exit code 1 (not a crash, not a usage error), and no panic or internal error.
pub(crate) fn assert_failed_cleanly(out: &std::process::Output, message: &str) {
    assert_eq!(out.status.code(), Some(1), "{message}");
    for bug in ["panicked", "internal error", "RUST_BACKTRACE"] {
        assert!(!message.contains(bug), "{message}");
    }
    assert!(
        message.starts_with("itsm-assess: "),
        "the message is the tool's own: {message}"
    );
}

/// Assert the message holds each part, in order.
#[track_caller]
pub(crate) fn assert_says(message: &str, parts: &[&str]) {
    let mut rest = message;
    for part in parts {
        match rest.find(part) {
            Some(i) => rest = &rest[i + part.len()..],
            None => panic!("expected '{part}' (after the parts before it) in:\n{message}"),
        }
    }
}

/// `score -q small.yaml -f json -o OUT FILE`.
fn score_args(file: &Path) -> impl Fn(&Path) -> Vec<OsString> {
    let file = file.to_path_buf();
    move |out| {
        let mut args: Vec<OsString> = ["score", "-f", "json", "-q"]
            .iter()
            .map(OsString::from)
            .collect();
        args.push(small_questionnaire().into());
        args.push("-o".into());
        args.push(out.into());
        args.push(file.clone().into());
        args
    }
}

/// Score one response file against the small questionnaire and expect it refused.
fn score_refused(scratch: &Scratch, file: &Path) -> String {
    refused(scratch, score_args(file))
}

fn reader_fixture(name: &str) -> PathBuf {
    fixtures().join("responses/bad").join(name)
}

fn bad_fixture(name: &str) -> PathBuf {
    fixtures().join("bad").join(name)
}

fn shown(path: &Path) -> String {
    path.display().to_string()
}

// ---------------------------------------------------------------------------------------------
// Response files.

#[test]
fn an_empty_response_file_is_refused_as_empty() {
    let s = Scratch::new();
    let file = reader_fixture("empty.csv");
    let err = score_refused(&s, &file);
    assert_says(
        &err,
        &[
            &format!("{}: ", shown(&file)),
            "is empty; expected a header row and one row per respondent",
        ],
    );
}

#[test]
fn a_file_with_only_a_header_row_has_no_responses() {
    let s = Scratch::new();
    let file = reader_fixture("header-only.csv");
    let err = score_refused(&s, &file);
    assert_says(
        &err,
        &[
            &format!("{}: ", shown(&file)),
            "has no responses: only the header row(s), 1 of them",
        ],
    );
}

#[test]
fn binary_garbage_is_refused_naming_the_offending_byte() {
    let s = Scratch::new();
    let file = reader_fixture("binary.csv");
    let err = score_refused(&s, &file);
    assert_says(
        &err,
        &[
            &format!("{}: ", shown(&file)),
            "is not a text or CSV file: byte 6 is the control byte 0x1A",
            "expected a CSV or tab-separated text export, or an .xlsx workbook",
        ],
    );
}

#[test]
fn a_nul_byte_is_refused_at_its_line() {
    let s = Scratch::new();
    let file = reader_fixture("nul-byte.csv");
    let err = score_refused(&s, &file);
    assert_says(
        &err,
        &[
            &format!("{}:3: ", shown(&file)),
            "holds a NUL byte: this is binary data, not text",
        ],
    );
}

#[test]
fn invalid_utf8_after_the_sniffed_start_is_refused_at_its_line_and_column() {
    let s = Scratch::new();
    let file = reader_fixture("invalid-utf8-late.csv");
    let err = score_refused(&s, &file);
    assert_says(
        &err,
        &[
            &format!("{}:5002:1: ", shown(&file)),
            "is not valid UTF-8 here",
            "save it again as UTF-8",
        ],
    );
}

#[test]
fn a_truncated_quoted_field_is_refused_where_the_quote_opens() {
    let s = Scratch::new();
    let file = reader_fixture("truncated-quote.csv");
    let err = score_refused(&s, &file);
    assert_says(
        &err,
        &[
            &format!("{}:3: ", shown(&file)),
            "a quoted field opened here is never closed: the file ends inside it",
        ],
    );
}

#[test]
fn a_ten_megabyte_single_line_is_refused_by_the_field_limit() {
    let s = Scratch::new();
    // No line break at all: a 10 MB header line of one field.
    let file = s.write("one-line.csv", "C".repeat(10 * 1024 * 1024));
    let started = Instant::now();
    let err = score_refused(&s, &file);
    assert_says(
        &err,
        &[
            &format!("{}:1: ", shown(&file)),
            "a field is longer than 64 KiB, the limit",
        ],
    );
    assert!(started.elapsed() < Duration::from_secs(20));
    // The same length as many short fields on one data line: the column limit speaks first.
    let mut wide = String::from("C1,C2,I1\n");
    while wide.len() < 10 * 1024 * 1024 {
        wide.push_str("4,");
    }
    let file = s.write("one-data-line.csv", wide);
    let err = score_refused(&s, &file);
    assert_says(
        &err,
        &[
            &format!("{}:2: ", shown(&file)),
            "the row has more than 5000 columns, the limit",
        ],
    );
}

#[test]
fn ten_thousand_columns_are_refused_by_the_column_limit() {
    let s = Scratch::new();
    let header: Vec<String> = (0..10_000).map(|i| format!("col{i}")).collect();
    let file = s.write(
        "wide.csv",
        format!("C1,{}\n4,{}\n", header.join(","), "x,".repeat(10_000)),
    );
    let err = score_refused(&s, &file);
    assert_says(
        &err,
        &[
            &format!("{}:1: ", shown(&file)),
            &format!(
                "the row has more than {} columns, the limit",
                itsm_assess::responses::MAX_COLUMNS
            ),
        ],
    );
}

#[test]
fn two_columns_for_the_same_question_are_refused_naming_both() {
    let s = Scratch::new();
    // By id and by text, both answered by the row on line 2 (issue 15 item 7: columns of one
    // question are merged unless a row answers more than one of them).
    let file = reader_fixture("duplicate-question.csv");
    let err = score_refused(&s, &file);
    assert_says(
        &err,
        &[
            &format!("{}:2:2: ", shown(&file)),
            "columns 'C1' (column 1) and 'Standard changes skip the board.' (column 2) both hold question C1",
            "keep one",
        ],
    );
    // The very same header twice, and a header that is an alias of a question already there.
    let file = bad_fixture("duplicate-headers.csv");
    let err = score_refused(&s, &file);
    assert_says(
        &err,
        &[
            &format!("{}:2:3: ", shown(&file)),
            "columns 'C2' (column 2) and 'c2' (column 3) both hold question C2",
            &format!("{}:2:4: ", shown(&file)),
            "columns 'C1' (column 1) and 'change_1' (column 4) both hold question C1",
        ],
    );
}

#[test]
fn a_file_without_any_question_column_says_what_headers_were_expected() {
    let s = Scratch::new();
    let file = reader_fixture("no-question.csv");
    let err = score_refused(&s, &file);
    assert_says(
        &err,
        &[
            &format!("{}: ", shown(&file)),
            "no column matches a question of questionnaire 'small'",
            "expected headers such as C1 ('Standard changes skip the board.')",
            "found Role, Q1, Q2",
        ],
    );
    // The identifying column's header is not offered as a candidate, nor its value shown.
    assert!(!err.contains("x@y.z"), "{err}");
}

#[test]
fn a_value_outside_the_scale_is_refused_naming_line_column_and_value() {
    let s = Scratch::new();
    let file = reader_fixture("out-of-scale.csv");
    let err = score_refused(&s, &file);
    assert_says(
        &err,
        &[
            &format!("{}:2:3: ", shown(&file)),
            "column 'C2': '7' is a number outside the scale",
            "allowed: a whole number from 1 to 5",
        ],
    );
    assert!(!err.contains("alice"), "an e-mail address leaked: {err}");
}

#[test]
fn numbers_that_are_not_whole_scale_points_are_refused_cell_by_cell() {
    let s = Scratch::new();
    let file = bad_fixture("odd-numbers.csv");
    let err = score_refused(&s, &file);
    for (line, column, value) in [
        (2, 1, "1e400"),
        (2, 2, "NaN"),
        (2, 3, "inf"),
        (3, 1, "-0"),
        (3, 2, "4.5"),
        (3, 3, "0x4"),
    ] {
        let header = ["C1", "C2", "I1"][column - 1];
        assert_says(
            &err,
            &[
                &format!("{}:{line}:{column}: ", shown(&file)),
                &format!("column '{header}': '{value}' "),
                "allowed: a whole number from 1 to 5",
            ],
        );
    }
}

/// `score -q danger-signs -f json -o OUT FILE` for the workbook cases (the Microsoft Forms
/// fixture answers the built-in danger-signs questionnaire).
fn score_workbook_args(file: &Path) -> impl Fn(&Path) -> Vec<OsString> {
    let file = file.to_path_buf();
    move |out| {
        vec![
            "score".into(),
            "-f".into(),
            "json".into(),
            "-q".into(),
            "danger-signs".into(),
            "-o".into(),
            out.into(),
            file.clone().into(),
        ]
    }
}

#[test]
fn a_workbook_claiming_billions_of_shared_strings_is_refused_before_any_is_read() {
    let s = Scratch::new();
    let file = bad_fixture("shared-strings-bomb.xlsx");
    let err = refused(&s, score_workbook_args(&file));
    assert_says(
        &err,
        &[
            &format!("{}: ", shown(&file)),
            "the workbook's shared strings table claims 4294967295 distinct texts",
            &format!(
                "or than the limit of {}",
                itsm_assess::responses::MAX_XLSX_SHARED_STRINGS
            ),
            "open it in Excel and save it again, or save it as CSV",
        ],
    );
}

#[test]
fn a_truncated_workbook_an_old_xls_and_a_missing_sheet_are_refused() {
    let s = Scratch::new();
    let workbook = fixtures().join("exports/microsoft-forms.xlsx");
    let bytes = std::fs::read(&workbook).expect("the fixture");
    let truncated = s.write("truncated.xlsx", &bytes[..bytes.len() / 2]);
    let err = refused(&s, score_workbook_args(&truncated));
    assert_says(
        &err,
        &[
            &format!("{}: ", shown(&truncated)),
            "cannot read it as an .xlsx workbook",
        ],
    );
    let old = s.write(
        "old.xls",
        b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1 an OLE compound file".as_slice(),
    );
    let err = refused(&s, score_workbook_args(&old));
    assert_says(
        &err,
        &[
            &format!("{}: ", shown(&old)),
            "is an old Excel .xls workbook, which is not read; save it as .xlsx or CSV",
        ],
    );
    let err = refused(&s, |out| {
        let mut args = score_workbook_args(&workbook)(out);
        args.extend(["--sheet".into(), "Responses".into()]);
        args
    });
    assert_says(
        &err,
        &[
            &format!("{}: ", shown(&workbook)),
            "the workbook has no sheet 'Responses'; its sheets: Sheet1",
        ],
    );
}

#[test]
fn a_response_file_that_is_a_directory_is_refused() {
    let s = Scratch::new();
    let dir = s.path("responses.csv");
    std::fs::create_dir(&dir).expect("a folder");
    let err = score_refused(&s, &dir);
    assert_says(&err, &[&format!("{}: ", shown(&dir)), "is a directory"]);
}

#[test]
fn a_missing_response_file_is_refused() {
    let s = Scratch::new();
    let file = s.path("no-such-file.csv");
    let err = score_refused(&s, &file);
    assert_says(
        &err,
        &[&format!("{}: ", shown(&file)), "No such file or directory"],
    );
}

/// Whether this process can read a file it has no permission for (root, or a capability that
/// overrides file permissions); then an unreadable file cannot be made, and that case is skipped.
pub(crate) fn permissions_are_not_enforced(s: &Scratch) -> bool {
    use std::os::unix::fs::PermissionsExt;
    let probe = s.write("probe", "x");
    std::fs::set_permissions(&probe, std::fs::Permissions::from_mode(0o000))
        .expect("permissions are set");
    let readable = std::fs::read(&probe).is_ok();
    std::fs::remove_file(&probe).expect("the probe is removed");
    if readable {
        eprintln!(
            "note: running as root (or with a capability that overrides file permissions): \
             chmod 000 does not stop reading here, so the unreadable-file case is skipped"
        );
    }
    readable
}

#[test]
fn an_unreadable_response_file_is_refused() {
    use std::os::unix::fs::PermissionsExt;
    let s = Scratch::new();
    if permissions_are_not_enforced(&s) {
        return;
    }
    let file = s.write("locked.csv", "C1,C2,I1\n4,4,4\n");
    std::fs::set_permissions(&file, std::fs::Permissions::from_mode(0o000))
        .expect("permissions are set");
    let err = score_refused(&s, &file);
    assert_says(&err, &[&format!("{}: ", shown(&file)), "Permission denied"]);
}

#[test]
fn problems_of_every_response_file_are_reported_together() {
    let s = Scratch::new();
    let empty = reader_fixture("empty.csv");
    let binary = reader_fixture("binary.csv");
    let err = refused(&s, |out| {
        let mut args = score_args(&empty)(out);
        args.push(binary.clone().into());
        args
    });
    assert_says(
        &err,
        &[
            &format!("{}: is empty", shown(&empty)),
            &format!("{}: is not a text or CSV file", shown(&binary)),
            "2 problems found",
        ],
    );
}

// ---------------------------------------------------------------------------------------------
// Questionnaires.

/// A response file the small questionnaire reads without complaint.
fn good_responses(s: &Scratch) -> PathBuf {
    s.write("good.csv", "C1,C2,I1\n4,4,4\n2,3,5\n")
}

/// Validate a bad questionnaire (exit 1, no panic) and score with it (refused, nothing
/// written); both must give the same message, which is returned.
fn questionnaire_refused(s: &Scratch, questionnaire: &Path) -> String {
    let validate = run([OsString::from("validate"), questionnaire.into()]);
    let message = stderr(&validate);
    assert_failed_cleanly(&validate, &message);
    let responses = good_responses(s);
    let scored = refused(s, |out| {
        vec![
            "score".into(),
            "-q".into(),
            questionnaire.into(),
            "-o".into(),
            out.into(),
            responses.clone().into(),
        ]
    });
    assert_eq!(scored, message, "validate and score say the same");
    message
}

#[test]
fn an_empty_questionnaire_is_refused() {
    let s = Scratch::new();
    let file = s.write("empty.yaml", " \n\t\n");
    let err = questionnaire_refused(&s, &file);
    assert_says(
        &err,
        &[
            &format!("{}: ", shown(&file)),
            "is empty; expected a questionnaire (a mapping with id, title, scale and domains)",
        ],
    );
    // Only comments: an empty document.
    let file = s.write("comments.yaml", "\n# nothing here\n");
    let err = questionnaire_refused(&s, &file);
    assert_says(
        &err,
        &[
            &format!("{}:3:1: ", shown(&file)),
            "the file ends here; expected a questionnaire: a mapping with id, title, scale and domains",
        ],
    );
}

#[test]
fn a_questionnaire_that_is_a_list_or_a_scalar_is_refused() {
    let s = Scratch::new();
    let list = fixtures().join("questionnaires/invalid/list.yaml");
    let err = questionnaire_refused(&s, &list);
    assert_says(
        &err,
        &[
            &format!("{}:1:1: ", shown(&list)),
            "expected a questionnaire: a mapping with id, title, scale and domains",
        ],
    );
    let scalar = bad_fixture("scalar.yaml");
    let err = questionnaire_refused(&s, &scalar);
    assert_says(
        &err,
        &[
            &format!("{}:1:1: ", shown(&scalar)),
            "expected a questionnaire: a mapping with id, title, scale and domains",
        ],
    );
}

#[test]
fn a_questionnaire_in_invalid_utf8_is_refused_at_the_bad_byte() {
    let s = Scratch::new();
    let file = s.write("latin1.yaml", b"id: x\ntitle: Caf\xE9\n".as_slice());
    let err = questionnaire_refused(&s, &file);
    assert_says(
        &err,
        &[
            &format!("{}:2:11: ", shown(&file)),
            "the questionnaire file is not valid UTF-8 text",
        ],
    );
}

#[test]
fn a_questionnaire_with_a_nul_byte_is_refused() {
    let s = Scratch::new();
    let file = s.write("nul.yaml", b"id: x\ntitle: a\0b\n".as_slice());
    let err = questionnaire_refused(&s, &file);
    assert_says(
        &err,
        &[
            &format!("{}:2:9: ", shown(&file)),
            "unexpected character: `\\u{0}'",
        ],
    );
}

#[test]
fn binary_garbage_as_a_questionnaire_is_refused() {
    let s = Scratch::new();
    let err = questionnaire_refused(&s, &reader_fixture("binary.csv"));
    assert_says(
        &err,
        &[
            &format!("{}:1:1: ", shown(&reader_fixture("binary.csv"))),
            "not valid UTF-8 text",
        ],
    );
}

#[test]
fn two_questionnaires_with_the_same_id_are_refused_by_validate() {
    let s = Scratch::new();
    let a = fixtures().join("questionnaires/worked.yaml");
    let text = std::fs::read_to_string(&a).expect("the fixture");
    let b = s.write("copy.yaml", text.replace("Worked example", "A copy"));
    let out = run([
        OsString::from("validate"),
        a.clone().into(),
        b.clone().into(),
    ]);
    let err = stderr(&out);
    assert_failed_cleanly(&out, &err);
    assert_says(
        &err,
        &[
            &format!("{}: ", shown(&b)),
            &format!(
                "questionnaire id 'worked' is also the id of {}; ids must differ",
                shown(&a)
            ),
        ],
    );
    // The first one was fine, and is reported so.
    assert!(
        crate::common::stdout(&out).contains(&format!("{}: valid", shown(&a))),
        "{}",
        crate::common::stdout(&out)
    );
}

#[test]
fn deep_nesting_in_a_questionnaire_stops_at_the_depth_limit() {
    let s = Scratch::new();
    let depth = 100_000;
    let file = s.write(
        "deep.yaml",
        format!(
            "id: deep\ntitle: Deep\nversion: {}x{}\n",
            "[".repeat(depth),
            "]".repeat(depth)
        ),
    );
    let started = Instant::now();
    let err = questionnaire_refused(&s, &file);
    assert!(started.elapsed() < Duration::from_secs(20), "took too long");
    assert_says(
        &err,
        &[
            &format!("{}:3:", shown(&file)),
            "nested too deeply (the limit is 64 levels)",
        ],
    );
    // Block nesting too.
    let mut block = String::from("id: deep\ntitle: Deep\nversion:\n");
    for level in 0..2_000 {
        block.push_str(&" ".repeat(level * 2));
        block.push_str("- \n");
    }
    let file = s.write("deep-block.yaml", block);
    let err = questionnaire_refused(&s, &file);
    assert_says(
        &err,
        &[
            &format!("{}:67:", shown(&file)),
            &format!(
                "nested more than {} levels deep, the limit",
                itsm_assess::questionnaire::MAX_YAML_DEPTH
            ),
        ],
    );
}

#[test]
fn a_billion_laughs_in_known_keys_finishes_fast_with_a_clear_error() {
    let s = Scratch::new();
    let file = bad_fixture("billion-laughs.yaml");
    // One run stops at the node limit in well under a second (a debug build, on one core);
    // expanding the 10^9 strings would take minutes and gigabytes. The bound only tells a
    // stop from an expansion, with room for a machine busy with other work.
    let started = Instant::now();
    let out = run([OsString::from("validate"), file.clone().into()]);
    let took = started.elapsed();
    assert!(took < Duration::from_secs(30), "took {took:?}");
    assert_failed_cleanly(&out, &stderr(&out));
    let err = questionnaire_refused(&s, &file);
    assert_says(
        &err,
        &[
            &format!("{}:12:13: ", shown(&file)),
            &format!(
                "holds more than {} values once its aliases (*name) are expanded, the limit",
                itsm_assess::questionnaire::MAX_YAML_NODES
            ),
        ],
    );
}

#[test]
fn a_fifty_megabyte_questionnaire_is_refused_by_the_size_limit() {
    let s = Scratch::new();
    let mut text = String::from("id: big\ntitle: Big\ndescription: >\n");
    let line = format!("  {}\n", "lorem ipsum dolor sit amet ".repeat(3));
    while text.len() < 50 * 1024 * 1024 {
        text.push_str(&line);
    }
    let file = s.write("big.yaml", text);
    let started = Instant::now();
    let err = questionnaire_refused(&s, &file);
    assert!(started.elapsed() < Duration::from_secs(20));
    assert_says(
        &err,
        &[
            &format!("{}: ", shown(&file)),
            &format!(
                "the questionnaire file is larger than the limit of {} bytes",
                itsm_assess::questionnaire::MAX_QUESTIONNAIRE_BYTES
            ),
        ],
    );
}

#[test]
fn a_questionnaire_that_is_a_directory_missing_or_unreadable_is_refused() {
    use std::os::unix::fs::PermissionsExt;
    let s = Scratch::new();
    let dir = s.path("folder.yaml");
    std::fs::create_dir(&dir).expect("a folder");
    let err = questionnaire_refused(&s, &dir);
    assert_says(
        &err,
        &[
            &format!("{}: ", shown(&dir)),
            "is a directory, expected a questionnaire file",
        ],
    );
    let missing = s.path("missing.yaml");
    let err = questionnaire_refused(&s, &missing);
    assert_says(
        &err,
        &[
            &format!("{}: ", shown(&missing)),
            "cannot read the questionnaire file",
            "No such file or directory",
        ],
    );
    if permissions_are_not_enforced(&s) {
        return;
    }
    let locked = s.write(
        "locked.yaml",
        std::fs::read(small_questionnaire()).expect("the fixture"),
    );
    std::fs::set_permissions(&locked, std::fs::Permissions::from_mode(0o000))
        .expect("permissions are set");
    let err = questionnaire_refused(&s, &locked);
    assert_says(
        &err,
        &[
            &format!("{}: ", shown(&locked)),
            "cannot open the questionnaire file",
            "Permission denied",
        ],
    );
}

/// A questionnaire with one number replaced: `{MIN}`, `{MAX}`, `{PERCENT}` (level 2's
/// min_percent), `{DOMAIN_WEIGHT}`, `{QUESTION_WEIGHT}`, `{THRESHOLD}` (a flag's `below`).
fn numbers_questionnaire(field: &str, value: &str) -> String {
    let text = "id: numbers
title: Numbers
scale: {min: {MIN}, max: {MAX}}
levels:
  - {level: 1, name: Low, min_percent: 0}
  - {level: 2, name: High, min_percent: {PERCENT}}
domains:
  - id: change
    name: Change
    weight: {DOMAIN_WEIGHT}
    questions:
      - {id: C1, text: Standard changes skip the board., weight: {QUESTION_WEIGHT}}
flags:
  - {id: weak-change, domain: change, below: {THRESHOLD}, finding: Change is weak.}
";
    let mut text = text.replace(field, value);
    for (f, default) in [
        ("{MIN}", "1"),
        ("{MAX}", "5"),
        ("{PERCENT}", "50"),
        ("{DOMAIN_WEIGHT}", "1"),
        ("{QUESTION_WEIGHT}", "1"),
        ("{THRESHOLD}", "40"),
    ] {
        text = text.replace(f, default);
    }
    text
}

#[test]
fn odd_numbers_where_the_questionnaire_expects_numbers_are_refused_at_their_line() {
    let s = Scratch::new();
    // (field, value, line, message)
    let whole = "invalid number: expected a whole number";
    let decimal = "invalid number: expected a finite decimal number";
    let percent = "level 2: min_percent must be a number from 0 to 100";
    let domain_weight = "domain 'change': weight must be a number above 0, not";
    let question_weight = "question 'C1': weight must be a number above 0, not";
    let threshold = "flag 'weak-change': the threshold must be a finite number";
    // (field, value, line and column, message): a number the YAML reader cannot take is
    // refused at the value itself; one it takes but the rules do not, at its item.
    let cases = [
        ("{MIN}", "1e400", "3:14", whole.to_string()),
        ("{MIN}", ".nan", "3:14", whole.to_string()),
        ("{MIN}", "2.5", "3:14", whole.to_string()),
        ("{MAX}", ".inf", "3:22", whole.to_string()),
        ("{MAX}", "99999999999", "3:22", whole.to_string()),
        ("{PERCENT}", "1e400", "6:41", decimal.to_string()),
        ("{PERCENT}", ".nan", "6:5", percent.to_string()),
        ("{PERCENT}", ".inf", "6:5", percent.to_string()),
        (
            "{PERCENT}",
            "-0",
            "6:5",
            "levels must ascend: level 2 has min_percent -0, not above level 1's 0".to_string(),
        ),
        (
            "{DOMAIN_WEIGHT}",
            ".nan",
            "8:5",
            format!("{domain_weight} NaN"),
        ),
        ("{DOMAIN_WEIGHT}", "1e400", "10:13", decimal.to_string()),
        ("{DOMAIN_WEIGHT}", "-1e400", "10:13", decimal.to_string()),
        (
            "{DOMAIN_WEIGHT}",
            "-0",
            "8:5",
            format!("{domain_weight} -0"),
        ),
        (
            "{QUESTION_WEIGHT}",
            ".inf",
            "12:9",
            format!("{question_weight} inf"),
        ),
        (
            "{QUESTION_WEIGHT}",
            "-.inf",
            "12:9",
            format!("{question_weight} -inf"),
        ),
        (
            "{QUESTION_WEIGHT}",
            "-0",
            "12:9",
            format!("{question_weight} -0"),
        ),
        ("{QUESTION_WEIGHT}", "NaN", "12:66", decimal.to_string()),
        ("{QUESTION_WEIGHT}", "inf", "12:66", decimal.to_string()),
        ("{THRESHOLD}", ".nan", "14:5", threshold.to_string()),
        ("{THRESHOLD}", ".NaN", "14:5", threshold.to_string()),
        ("{THRESHOLD}", "-.inf", "14:5", threshold.to_string()),
        ("{THRESHOLD}", "1e400", "14:46", decimal.to_string()),
    ];
    for (i, (field, value, place, message)) in cases.into_iter().enumerate() {
        let file = s.write(
            &format!("numbers-{i}.yaml"),
            numbers_questionnaire(field, value),
        );
        let err = questionnaire_refused(&s, &file);
        assert_says(&err, &[&format!("{}:{place}: ", shown(&file)), &message]);
    }
}

#[test]
fn minus_zero_where_zero_is_allowed_loads_as_zero() {
    let s = Scratch::new();
    let file = s.write(
        "minus-zero.yaml",
        numbers_questionnaire("{THRESHOLD}", "-0")
            .replace("min: 1, max: 5", "min: -0, max: 4")
            .replace("min_percent: 0}", "min_percent: -0}"),
    );
    let out = run([OsString::from("validate"), file.clone().into()]);
    assert!(out.status.success(), "{}", stderr(&out));
    // Scored, nothing prints a negative zero.
    let responses = s.write("r.csv", "C1\n0\n4\n");
    let out = run([
        OsString::from("score"),
        "-f".into(),
        "json".into(),
        "-q".into(),
        file.clone().into(),
        responses.into(),
    ]);
    assert!(out.status.success(), "{}", stderr(&out));
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).expect("the output is JSON");
    assert_eq!(json["domains"][0]["mean"], 2.0);
    assert_eq!(json["domains"][0]["percent"], 50.0);
    let text = crate::common::stdout(&out);
    assert!(!text.contains("-0.0") && !text.contains(": -0,"), "{json}");
    // Nor does the report's note on the levels, from three respondents (a report needs at
    // least --min-group-size of them).
    let responses = s.write("r3.csv", "C1\n0\n4\n2\n");
    let out = run([
        OsString::from("report"),
        "--min-group-size".into(),
        "3".into(),
        "-f".into(),
        "md".into(),
        "-q".into(),
        file.into(),
        "-o".into(),
        s.out_dir().join("report.md").into(),
        responses.into(),
    ]);
    assert!(out.status.success(), "{}", stderr(&out));
    let report = std::fs::read_to_string(s.out_dir().join("report.md")).expect("the report");
    assert!(report.contains("level 1 (Low) from 0%"), "{report}");
    assert!(!report.contains("-0%"), "{report}");
}

// ---------------------------------------------------------------------------------------------
// Templates.

/// `report --min-group-size 3 -q small.yaml --templates DIR -o OUT good.csv`.
fn report_args(templates: &Path, responses: &Path) -> impl Fn(&Path) -> Vec<OsString> {
    let templates = templates.to_path_buf();
    let responses = responses.to_path_buf();
    move |out| {
        vec![
            "report".into(),
            "--min-group-size".into(),
            "3".into(),
            "-q".into(),
            small_questionnaire().into(),
            "--templates".into(),
            templates.clone().into(),
            "-o".into(),
            out.into(),
            responses.clone().into(),
        ]
    }
}

#[test]
fn a_templates_folder_that_is_a_file_or_missing_is_refused() {
    let s = Scratch::new();
    let responses = good_responses(&s);
    let file = s.write("templates.txt", "not a folder");
    let err = refused(&s, report_args(&file, &responses));
    assert_says(
        &err,
        &[
            &format!("{}: ", shown(&file)),
            "is not a folder; --templates takes a folder of template files",
        ],
    );
    let missing = s.path("no-templates");
    let err = refused(&s, report_args(&missing, &responses));
    assert_says(
        &err,
        &[
            &format!("{}: ", shown(&missing)),
            "cannot read the templates folder",
        ],
    );
}

#[test]
fn a_template_that_is_a_directory_is_refused() {
    let s = Scratch::new();
    let responses = good_responses(&s);
    let dir = s.path("templates");
    std::fs::create_dir_all(dir.join("report.html")).expect("folders");
    let err = refused(&s, report_args(&dir, &responses));
    assert_says(
        &err,
        &[
            &format!("{}: ", shown(&dir.join("report.html"))),
            "is a directory, expected a template file",
        ],
    );
}

#[test]
fn an_unreadable_template_or_templates_folder_is_refused() {
    use std::os::unix::fs::PermissionsExt;
    let s = Scratch::new();
    if permissions_are_not_enforced(&s) {
        return;
    }
    let responses = good_responses(&s);
    let dir = s.path("templates");
    std::fs::create_dir(&dir).expect("a folder");
    let template = dir.join("report.html");
    std::fs::write(&template, "<p>{{ title }}</p>").expect("a template");
    std::fs::set_permissions(&template, std::fs::Permissions::from_mode(0o000))
        .expect("permissions are set");
    let err = refused(&s, report_args(&dir, &responses));
    assert_says(
        &err,
        &[&format!("{}: ", shown(&template)), "Permission denied"],
    );
    // A folder that cannot be searched: its overrides cannot be seen, which must not silently
    // fall back to the built-in templates.
    std::fs::set_permissions(&template, std::fs::Permissions::from_mode(0o644))
        .expect("permissions are set");
    std::fs::set_permissions(&dir, std::fs::Permissions::from_mode(0o000))
        .expect("permissions are set");
    let err = refused(&s, report_args(&dir, &responses));
    std::fs::set_permissions(&dir, std::fs::Permissions::from_mode(0o755))
        .expect("permissions are restored");
    assert_says(&err, &[&shown(&dir), "Permission denied"]);
}

#[test]
fn a_template_linking_outside_its_folder_is_refused() {
    let s = Scratch::new();
    let responses = good_responses(&s);
    let dir = s.path("templates");
    std::fs::create_dir(&dir).expect("a folder");
    let secret = s.write("secret.txt", "a file the template must not read");
    std::os::unix::fs::symlink(&secret, dir.join("report.html")).expect("a link");
    let err = refused(&s, report_args(&dir, &responses));
    assert_says(
        &err,
        &[
            &format!("{}: ", shown(&dir.join("report.html"))),
            "leads outside the templates folder",
        ],
    );
    assert!(!err.contains("must not read"), "{err}");
    // A link to a folder outside is refused as well.
    std::fs::remove_file(dir.join("report.html")).expect("the link is removed");
    std::os::unix::fs::symlink(root().join("templates"), dir.join("report.md")).expect("a link");
    let err = refused(&s, report_args(&dir, &responses));
    assert_says(
        &err,
        &[
            &format!("{}: ", shown(&dir.join("report.md"))),
            "leads outside the templates folder",
        ],
    );
}

#[test]
fn a_template_that_includes_a_file_outside_its_folder_is_refused() {
    let s = Scratch::new();
    let responses = good_responses(&s);
    let dir = s.path("templates");
    std::fs::create_dir(&dir).expect("a folder");
    s.write("secret.txt", "a file the template must not read");
    std::fs::write(
        dir.join("report.html"),
        "<p>{% include \"../secret.txt\" %}</p>",
    )
    .expect("a template");
    let err = refused(&s, report_args(&dir, &responses));
    // tera knows only the templates it was given: nothing is read from the file system.
    assert_says(
        &err,
        &[
            "template error",
            "Unknown template `../secret.txt`",
            "report.html:1:15",
        ],
    );
    assert!(!err.contains("must not read"), "{err}");
}

// ---------------------------------------------------------------------------------------------
// Outputs that would overwrite an input.

#[test]
fn an_output_path_equal_to_an_input_is_refused_and_the_input_is_unchanged() {
    let s = Scratch::new();
    let responses = good_responses(&s);
    let before = std::fs::read(&responses).expect("the input");
    let questionnaire = s.write(
        "q.yaml",
        std::fs::read(small_questionnaire()).expect("the fixture"),
    );
    let q_before = std::fs::read(&questionnaire).expect("the questionnaire");
    // The output named as the responses, the questionnaire, and the responses by another
    // spelling of the same path.
    let other_spelling = s.path("out/../good.csv");
    for (output, what) in [
        (&responses, &responses),
        (&questionnaire, &questionnaire),
        (&other_spelling, &responses),
    ] {
        for command in ["score", "roadmap", "report"] {
            let out = run([
                OsString::from(command),
                "-q".into(),
                questionnaire.clone().into(),
                "-o".into(),
                output.into(),
                responses.clone().into(),
            ]);
            let err = stderr(&out);
            assert_failed_cleanly(&out, &err);
            assert_says(
                &err,
                &[
                    &shown(output),
                    "the output path is also an input; choose another output file",
                ],
            );
            assert!(what.exists());
        }
    }
    assert_eq!(std::fs::read(&responses).expect("the input"), before);
    assert_eq!(
        std::fs::read(&questionnaire).expect("the questionnaire"),
        q_before
    );
    // inspect --write-mapping over its input.
    let out = run([
        OsString::from("inspect"),
        "-q".into(),
        questionnaire.clone().into(),
        "--write-mapping".into(),
        responses.clone().into(),
        responses.clone().into(),
    ]);
    assert_failed_cleanly(&out, &stderr(&out));
    assert_eq!(std::fs::read(&responses).expect("the input"), before);
}

#[test]
fn a_response_template_written_over_its_questionnaire_is_refused() {
    let s = Scratch::new();
    let questionnaire = s.write(
        "q.yaml",
        std::fs::read(small_questionnaire()).expect("the fixture"),
    );
    let before = std::fs::read(&questionnaire).expect("the questionnaire");
    for output in [questionnaire.clone(), s.path("out/../q.yaml")] {
        let out = run([
            OsString::from("template"),
            "-q".into(),
            questionnaire.clone().into(),
            "-o".into(),
            output.clone().into(),
        ]);
        let err = stderr(&out);
        assert_failed_cleanly(&out, &err);
        assert_says(
            &err,
            &[&format!(
                "{}: the output path is also an input; choose another output file",
                shown(&output)
            )],
        );
    }
    assert_eq!(std::fs::read(&questionnaire).expect("unchanged"), before);
    // Elsewhere it is written.
    let target = s.out_dir().join("template.csv");
    let out = run([
        OsString::from("template"),
        "-q".into(),
        questionnaire.into(),
        "-o".into(),
        target.clone().into(),
    ]);
    assert!(out.status.success(), "{}", stderr(&out));
    let text = std::fs::read_to_string(target).expect("the template");
    assert_eq!(text.lines().next(), Some("role,C1,C2,I1"));
    // Row 2: the statements' texts (I1's quoted for its comma).
    assert_eq!(
        text,
        format!(
            "role,C1,C2,I1\n{},Standard changes skip the board.,Changes rarely cause incidents.,\"Major incidents have a named owner, always.\"\n",
            itsm_assess::template::GROUP_NOTE
        )
    );
}

#[test]
fn a_report_written_over_its_template_override_is_refused() {
    let s = Scratch::new();
    let responses = good_responses(&s);
    let dir = s.path("templates");
    std::fs::create_dir(&dir).expect("a folder");
    let template = dir.join("report.html");
    std::fs::write(&template, "<h1>{{ title }}</h1>\n").expect("a template");
    let out = run(report_args(&dir, &responses)(&template));
    let err = stderr(&out);
    assert_failed_cleanly(&out, &err);
    assert_says(
        &err,
        &[&format!(
            "{}: the output path is also an input; choose another output file",
            shown(&template)
        )],
    );
    assert_eq!(
        std::fs::read_to_string(&template).expect("the template"),
        "<h1>{{ title }}</h1>\n"
    );
}

#[test]
fn an_output_path_that_is_a_directory_is_refused() {
    let s = Scratch::new();
    let responses = good_responses(&s);
    let out = run([
        OsString::from("score"),
        "-q".into(),
        small_questionnaire().into(),
        "-o".into(),
        s.out_dir().into(),
        responses.into(),
    ]);
    let err = stderr(&out);
    assert_failed_cleanly(&out, &err);
    assert_says(
        &err,
        &[
            &shown(&s.out_dir()),
            "is a directory, expected an output file path",
        ],
    );
    assert_eq!(s.outputs(), Vec::<String>::new());
}

// ---------------------------------------------------------------------------------------------
// Never losing a file: a failure midway leaves the earlier output as it was.

#[test]
fn a_report_whose_template_fails_while_rendering_leaves_the_earlier_report_intact() {
    let s = Scratch::new();
    // Three respondents, as many as --min-group-size 3 needs for the report to be rendered.
    let responses = s.write("good3.csv", "C1,C2,I1\n4,4,4\n2,3,5\n3,3,3\n");
    let dir = s.path("templates");
    std::fs::create_dir(&dir).expect("a folder");
    // Valid template syntax; it fails only when rendered, after the scoring and planning.
    std::fs::write(
        dir.join("report.html"),
        "<h1>{{ title }}</h1>\n<p>{{ no_such_variable.at_all }}</p>\n",
    )
    .expect("a template");
    let err = refused(&s, report_args(&dir, &responses));
    assert_says(
        &err,
        &[
            &format!("{}:2:", shown(&dir.join("report.html"))),
            "template error",
        ],
    );
    // The same with the Markdown report.
    std::fs::write(
        dir.join("report.md"),
        "# {{ title }}\n{{ missing_thing }}\n",
    )
    .expect("a template");
    let err = refused(&s, |out| {
        let mut args = report_args(&dir, &responses)(out);
        args.extend(["--format".into(), "md".into()]);
        args
    });
    assert_says(
        &err,
        &[
            &format!("{}:2:", shown(&dir.join("report.md"))),
            "template error",
        ],
    );
}

/// The temporary files `output::write_file_atomically` leaves in a folder (there must be none).
fn temporary_files(dir: &Path) -> Vec<String> {
    std::fs::read_dir(dir)
        .expect("the folder is readable")
        .map(|e| {
            e.expect("an entry")
                .file_name()
                .to_string_lossy()
                .into_owned()
        })
        .filter(|n| n.starts_with(".itsm-assess-") && n.ends_with(".tmp"))
        .collect()
}

#[test]
fn a_write_that_fails_halfway_leaves_the_old_file_and_no_temporary_file() {
    let s = Scratch::new();
    let path = s.out_dir().join("scores.json");
    std::fs::write(&path, EARLIER_OUTPUT).expect("the earlier output");
    // Half the new content, more than any buffer holds (so it reaches the temporary file),
    // then a failure.
    let half = vec![b'x'; 3 * 1024 * 1024];
    let err = itsm_assess::output::write_file_atomically(&path, |w| {
        w.write_all(&half)?;
        Err(std::io::Error::other("the disk filled up"))
    })
    .expect_err("the write fails");
    assert_eq!(
        format!("{err:#}"),
        format!("{}: write failed: the disk filled up", path.display())
    );
    assert_eq!(std::fs::read(&path).expect("the old file"), EARLIER_OUTPUT);
    assert_eq!(temporary_files(&s.out_dir()), Vec::<String>::new());
    assert_eq!(s.outputs(), ["scores.json"]);

    // Where there was no file, none appears.
    let fresh = s.out_dir().join("fresh.json");
    let err = itsm_assess::output::write_file_atomically(&fresh, |w| {
        w.write_all(b"{\"half\": ")?;
        Err(std::io::Error::other("interrupted"))
    })
    .expect_err("the write fails");
    assert!(format!("{err:#}").ends_with("write failed: interrupted"));
    assert!(!fresh.exists());
    assert_eq!(s.outputs(), ["scores.json"]);

    // A write that completes replaces the file whole.
    itsm_assess::output::write_file_atomically(&path, |w| w.write_all(b"new\n"))
        .expect("the write succeeds");
    assert_eq!(std::fs::read(&path).expect("the new file"), b"new\n");
    assert_eq!(s.outputs(), ["scores.json"]);
}

#[test]
fn an_output_in_a_missing_folder_is_refused_without_creating_it() {
    let s = Scratch::new();
    let responses = good_responses(&s);
    let out_path = s.path("no-such-folder/scores.json");
    let out = run([
        OsString::from("score"),
        "-q".into(),
        small_questionnaire().into(),
        "-o".into(),
        out_path.clone().into(),
        responses.into(),
    ]);
    let err = stderr(&out);
    assert_failed_cleanly(&out, &err);
    assert_says(
        &err,
        &[
            &format!("{}: ", shown(&s.path("no-such-folder"))),
            "cannot create a file in this folder",
        ],
    );
    assert!(!s.path("no-such-folder").exists());
}

#[test]
fn an_output_in_a_read_only_folder_is_refused_and_the_old_file_kept() {
    use std::os::unix::fs::PermissionsExt;
    let s = Scratch::new();
    if permissions_are_not_enforced(&s) {
        return;
    }
    let responses = good_responses(&s);
    let path = s.out_dir().join("scores.json");
    std::fs::write(&path, EARLIER_OUTPUT).expect("the earlier output");
    std::fs::set_permissions(s.out_dir(), std::fs::Permissions::from_mode(0o555))
        .expect("permissions are set");
    let out = run([
        OsString::from("score"),
        "-q".into(),
        small_questionnaire().into(),
        "-o".into(),
        path.clone().into(),
        responses.into(),
    ]);
    std::fs::set_permissions(s.out_dir(), std::fs::Permissions::from_mode(0o755))
        .expect("permissions are restored");
    let err = stderr(&out);
    assert_failed_cleanly(&out, &err);
    assert_says(
        &err,
        &[
            &format!("{}: ", shown(&s.out_dir())),
            "cannot create a file in this folder",
            "Permission denied",
        ],
    );
    assert_eq!(std::fs::read(&path).expect("the old file"), EARLIER_OUTPUT);
    assert_eq!(s.outputs(), ["scores.json"]);
}

// ---------------------------------------------------------------------------------------------
// Hostile content: spreadsheet formulas in CSV exports, markup in the reports.

/// A questionnaire whose user texts are formulas and markup.
const HOSTILE_QUESTIONNAIRE: &str = r#"id: hostile
title: "<script>alert('title')</script>"
scale:
  min: 1
  max: 5
  labels: {1: "<b>never</b>", 5: "=always"}
levels:
  - {level: 1, name: "=Initial()", min_percent: 0}
  - {level: 2, name: "+Managed", min_percent: 45}
  - {level: 3, name: "@Defined", min_percent: 70}
domains:
  - id: change
    name: '=HYPERLINK("http://evil.invalid","Change")'
    questions:
      - {id: C1, text: "<img src=x onerror=alert('q')> Changes are planned."}
      - {id: C2, text: "Changes rarely fail."}
    actions:
      - {id: CH-1, title: "=cmd|' /C calc'!A0", lifts_to: 3, effort: small, impact: 4,
         owner: "-2+3 owner", measure: "@SUM(A1:A9)"}
      - {id: CH-2, title: "\ttabbed title", lifts_to: 3, effort: small, impact: 3,
         owner: "<i>Change manager</i>", measure: "+measure", depends_on: [CH-1]}
"#;

/// A survey whose group values are formulas and markup, every group big enough to be shown.
fn hostile_responses() -> String {
    let mut text = String::from("=Team,C1,C2\n");
    for (i, team) in [
        "@SUM(1+1)*cmd|' /C calc'!A0",
        "<svg onload=alert('g')>",
        "-1+1",
    ]
    .iter()
    .enumerate()
    {
        for k in 0..6 {
            text.push_str(&format!(
                "\"{}\",{},{}\n",
                team.replace('"', "\"\""),
                1 + (i + k) % 5,
                1 + (i * 2 + k) % 5
            ));
        }
    }
    text
}

/// Run a command on the hostile survey and return its output (which must succeed).
fn hostile_output(s: &Scratch, args: &[&str]) -> String {
    let q = s.write("hostile.yaml", HOSTILE_QUESTIONNAIRE);
    let responses = s.write("hostile.csv", hostile_responses());
    let name: String = args
        .join("-")
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() { c } else { '_' })
        .collect();
    let out_path = s.out_dir().join(name);
    let mut all: Vec<OsString> = args.iter().map(OsString::from).collect();
    all.extend([
        "-q".into(),
        q.into(),
        "-g".into(),
        "=Team".into(),
        "-o".into(),
        out_path.clone().into(),
        responses.into(),
    ]);
    let out = run(&all);
    assert!(out.status.success(), "{args:?}: {}", stderr(&out));
    std::fs::read_to_string(out_path).expect("the output")
}

/// Every cell of a CSV text.
fn csv_cells(text: &str) -> Vec<String> {
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .from_reader(text.as_bytes());
    reader
        .records()
        .flat_map(|r| {
            r.expect("a CSV record")
                .iter()
                .map(str::to_string)
                .collect::<Vec<_>>()
        })
        .collect()
}

#[test]
fn csv_exports_neutralise_spreadsheet_formulas_in_every_text_cell() {
    let s = Scratch::new();
    let score = csv_cells(&hostile_output(&s, &["score", "-f", "csv"]));
    let roadmap = csv_cells(&hostile_output(&s, &["roadmap", "-f", "csv"]));
    for (what, cells) in [("score", &score), ("roadmap", &roadmap)] {
        for cell in cells.iter() {
            assert!(
                !cell.starts_with(['=', '+', '-', '@', '\t', '\r']),
                "{what} csv: the cell {cell:?} would run as a formula"
            );
        }
    }
    // The hostile texts are there, behind an apostrophe.
    for expected in [
        "'=Team",
        "'@SUM(1+1)*cmd|' /C calc'!A0",
        "'-1+1",
        "'=Initial()",
        "'+Managed",
    ] {
        assert!(score.iter().any(|c| c == expected), "score: {expected}");
    }
    for expected in [
        "'=cmd|' /C calc'!A0",
        "'\ttabbed title",
        "'-2+3 owner",
        "'@SUM(A1:A9)",
        "'+measure",
        "'=HYPERLINK(\"http://evil.invalid\",\"Change\")",
    ] {
        assert!(roadmap.iter().any(|c| c == expected), "roadmap: {expected}");
    }
}

#[test]
fn reports_escape_markup_in_every_user_text_and_chart() {
    let s = Scratch::new();
    let html = hostile_output(
        &s,
        &[
            "report",
            "--organisation",
            "<iframe src=//evil.invalid>",
            "-f",
            "html",
        ],
    );
    for raw in [
        "<script>alert",
        "<img src=x",
        "<svg onload",
        "<iframe",
        "<b>never",
        "<i>Change manager",
    ] {
        assert!(
            !html.contains(raw),
            "the HTML report holds raw markup {raw}"
        );
    }
    for escaped in [
        "&lt;script&gt;alert(",
        "&lt;svg onload=alert(",
        "&lt;iframe src=",
    ] {
        assert!(html.contains(escaped), "the HTML report lacks {escaped}");
    }
    // The group values are in the gap chart, escaped as SVG text.
    let svg_start = html.find("<svg").expect("a chart");
    assert!(html[svg_start..].contains("&lt;svg onload=alert("));
    // Markdown escapes a `<` with a backslash, which renders it as text.
    let md = hostile_output(&s, &["report", "-f", "md"]);
    for raw in ["<script", "<img src", "<svg onload", "<i"] {
        let unescaped = md
            .match_indices(raw)
            .filter(|(i, _)| !md[..*i].ends_with('\\'))
            .count();
        assert_eq!(unescaped, 0, "the Markdown report holds raw markup {raw}");
        assert!(
            md.contains(&format!("\\{raw}")),
            "{raw} is in the report, escaped"
        );
    }
}

// ---------------------------------------------------------------------------------------------
// The remaining limits, and their documentation (docs/limits.md).

#[test]
fn every_other_limit_stops_with_a_message_that_names_it() {
    let s = Scratch::new();
    let responses = good_responses(&s);
    // A scale of more than 101 points.
    let file = s.write(
        "points.yaml",
        "id: x\ntitle: y\nscale: {min: 0, max: 200}\ndomains:\n  - id: d\n    name: D\n    \
         questions: [{id: a, text: b}]\n",
    );
    let err = questionnaire_refused(&s, &file);
    assert_says(
        &err,
        &[
            &format!("{}:3:8: ", shown(&file)),
            &format!(
                "the scale has more than {} points",
                itsm_assess::questionnaire::MAX_SCALE_POINTS
            ),
        ],
    );
    // A row longer than 4 MiB of short enough fields.
    let mut long_row = String::from("C1,comment\n1");
    for _ in 0..80 {
        long_row.push(',');
        long_row.push_str(&"y".repeat(60_000));
    }
    let file = s.write("long-row.csv", long_row);
    let err = score_refused(&s, &file);
    assert_says(
        &err,
        &[
            &format!("{}:2: ", shown(&file)),
            "the row is longer than 4 MiB, the limit",
        ],
    );
    // More invalid cells than are reported.
    let file = s.write(
        "many-bad.csv",
        format!("C1,C2,I1\n{}", "9,9,9\n".repeat(30)),
    );
    let err = score_refused(&s, &file);
    assert_says(
        &err,
        &[
            &format!(
                "{}:2:1: column 'C1': '9' is a number outside the scale",
                shown(&file)
            ),
            &format!(
                "{}: stopped after {} invalid cells; fix them, or pass --skip-invalid",
                shown(&file),
                itsm_assess::responses::MAX_CELL_PROBLEMS
            ),
        ],
    );
    // A group-by column of more distinct values than a category has.
    let mut ids = String::from("Team,C1,C2,I1\n");
    for i in 0..=itsm_assess::scoring::MAX_GROUP_VALUES {
        ids.push_str(&format!("T{i},1,2,3\n"));
    }
    let file = s.write("ids.csv", ids);
    let err = refused(&s, |out| {
        let mut args = score_args(&file)(out);
        args.extend(["-g".into(), "Team".into()]);
        args
    });
    assert_says(
        &err,
        &[&format!(
            "the group-by column 'Team' has more than {} distinct values",
            itsm_assess::scoring::MAX_GROUP_VALUES
        )],
    );
    // Mapping, targets and template files over 1 MiB.
    let big = "#".repeat(1024 * 1024 + 1);
    let mapping = s.write("mapping.yaml", &big);
    let err = refused(&s, |out| {
        let mut args = score_args(&responses)(out);
        args.extend(["--mapping".into(), mapping.clone().into()]);
        args
    });
    assert_says(
        &err,
        &[&format!(
            "{}: the mapping file is larger than the limit of {} bytes",
            shown(&mapping),
            itsm_assess::responses::MAX_MAPPING_BYTES
        )],
    );
    let targets = s.write("targets.yaml", &big);
    let err = refused(&s, |out| {
        vec![
            "roadmap".into(),
            "-q".into(),
            small_questionnaire().into(),
            "--targets".into(),
            targets.clone().into(),
            "-o".into(),
            out.into(),
            responses.clone().into(),
        ]
    });
    assert_says(
        &err,
        &[&format!(
            "{}: the targets file is larger than the limit of {} bytes",
            shown(&targets),
            itsm_assess::roadmap::MAX_TARGETS_BYTES
        )],
    );
    let templates = s.path("templates");
    std::fs::create_dir(&templates).expect("a folder");
    std::fs::write(templates.join("report.css"), &big).expect("a template");
    let err = refused(&s, report_args(&templates, &responses));
    assert_says(
        &err,
        &[&format!(
            "{}: the template file is larger than the limit of {} bytes",
            shown(&templates.join("report.css")),
            itsm_assess::report::templates::MAX_TEMPLATE_BYTES
        )],
    );
    // More phases than a roadmap may have.
    let names: Vec<String> = (1..=25).map(|i| format!("P{i}")).collect();
    let months: Vec<String> = (0..=25).map(|i| i.to_string()).collect();
    let err = refused(&s, |out| {
        vec![
            "roadmap".into(),
            "-q".into(),
            small_questionnaire().into(),
            "--phases".into(),
            names.join(",").into(),
            "--phase-months".into(),
            months.join(",").into(),
            "-o".into(),
            out.into(),
            responses.clone().into(),
        ]
    });
    assert_says(&err, &["25 phases are more than the 24 a roadmap may have"]);
}

/// A number as docs/limits.md writes it: with thousands separators.
fn thousands(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

#[test]
fn the_limits_document_gives_every_limit_its_value() {
    use itsm_assess::{questionnaire as q, report, responses as r, roadmap, scoring};
    let doc = std::fs::read_to_string(root().join("docs/limits.md")).expect("docs/limits.md");
    let row = |constant: &str| -> &str {
        doc.lines()
            .find(|l| l.starts_with('|') && l.contains(&format!("`{constant}`")))
            .unwrap_or_else(|| panic!("docs/limits.md has no row for {constant}"))
    };
    let bytes = [
        ("responses::MAX_TEXT_FILE_BYTES", r::MAX_TEXT_FILE_BYTES),
        ("responses::MAX_XLSX_FILE_BYTES", r::MAX_XLSX_FILE_BYTES),
        (
            "responses::MAX_XLSX_SHARED_STRINGS_BYTES",
            r::MAX_XLSX_SHARED_STRINGS_BYTES,
        ),
        ("responses::MAX_XLSX_SHEET_BYTES", r::MAX_XLSX_SHEET_BYTES),
        ("responses::MAX_XLSX_PART_BYTES", r::MAX_XLSX_PART_BYTES),
        ("responses::MAX_FIELD_BYTES", r::MAX_FIELD_BYTES as u64),
        ("responses::MAX_RECORD_BYTES", r::MAX_RECORD_BYTES as u64),
        ("responses::SNIFF_BYTES", r::SNIFF_BYTES as u64),
        ("responses::MAX_MAPPING_BYTES", r::MAX_MAPPING_BYTES),
        (
            "questionnaire::MAX_QUESTIONNAIRE_BYTES",
            q::MAX_QUESTIONNAIRE_BYTES,
        ),
        ("roadmap::MAX_TARGETS_BYTES", roadmap::MAX_TARGETS_BYTES),
        (
            "report::templates::MAX_TEMPLATE_BYTES",
            report::templates::MAX_TEMPLATE_BYTES,
        ),
    ];
    for (constant, value) in bytes {
        assert!(
            row(constant).contains(&format!("({} bytes)", thousands(value))),
            "docs/limits.md gives {constant} a value other than {value}"
        );
    }
    let counts = [
        ("responses::MAX_COLUMNS", r::MAX_COLUMNS as u64),
        (
            "responses::MAX_XLSX_SHARED_STRINGS",
            r::MAX_XLSX_SHARED_STRINGS,
        ),
        ("responses::MAX_HEADER_ROWS", r::MAX_HEADER_ROWS as u64),
        ("responses::MAX_CELL_PROBLEMS", r::MAX_CELL_PROBLEMS as u64),
        (
            "responses::MAX_UNKNOWN_LABELS",
            r::MAX_UNKNOWN_LABELS as u64,
        ),
        (
            "questionnaire::MAX_SCALE_POINTS",
            q::MAX_SCALE_POINTS as u64,
        ),
        ("questionnaire::MAX_YAML_DEPTH", q::MAX_YAML_DEPTH as u64),
        ("questionnaire::MAX_YAML_NODES", q::MAX_YAML_NODES as u64),
        (
            "scoring::MAX_GROUP_VALUES",
            scoring::MAX_GROUP_VALUES as u64,
        ),
        (
            "scoring::DEFAULT_MIN_GROUP_SIZE",
            scoring::DEFAULT_MIN_GROUP_SIZE as u64,
        ),
    ];
    for (constant, value) in counts {
        assert!(
            row(constant).contains(&format!("| {} ", thousands(value))),
            "docs/limits.md gives {constant} a value other than {value}"
        );
    }
}
