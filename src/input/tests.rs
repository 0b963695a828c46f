//! Tests of the file reader and of the YAML front end, on a small document type of their own.

use super::*;
use serde::Deserialize;
use std::collections::BTreeMap;

/// A document of its own: a mapping with a number and a list of words.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Doc {
    count: u32,
    #[serde(default)]
    words: Vec<String>,
    #[serde(default)]
    nested: Option<BTreeMap<String, serde_json::Value>>,
}

const DOC: YamlDoc = YamlDoc {
    noun: "a test file",
    expected: "a test file: a mapping with count and words",
    empty: "is empty; expected a test file",
    duplicate_key: YamlDoc::key_given_twice,
};

fn refused(text: &str) -> String {
    parse_yaml::<Doc>(text, "t.yaml", &DOC)
        .expect_err("refused")
        .to_string()
}

#[test]
fn a_valid_document_parses() {
    let doc: Doc = parse_yaml("count: 3\nwords: [a, b]\n", "t.yaml", &DOC).expect("valid");
    assert_eq!((doc.count, doc.words.len()), (3, 2));
    assert!(doc.nested.is_none());
}

#[test]
fn messages_name_the_place_and_say_what_the_document_must_be() {
    assert_eq!(refused(" \n\t\n"), "t.yaml: is empty; expected a test file");
    assert_eq!(
        refused("- a\n- b\n"),
        "t.yaml:1:1: expected a test file: a mapping with count and words"
    );
    assert_eq!(
        refused("# a list, after a comment\n\n  - a\n"),
        "t.yaml:3:3: expected a test file: a mapping with count and words"
    );
    assert_eq!(
        refused("words: {a: 1}\n"),
        "t.yaml:1:8: expected a list here"
    );
    assert_eq!(
        refused("# nothing\n"),
        "t.yaml:2:1: the file ends here; expected a test file: a mapping with count and words"
    );
    assert_eq!(
        refused("count: 1\ncount: 2\n"),
        "t.yaml:2:1: the key 'count' appears twice in this mapping; give each key once"
    );
    assert_eq!(
        refused("count: -1\n"),
        "t.yaml:1:8: invalid number: expected a whole number, 0 or more"
    );
    assert_eq!(refused("words: [\n"), "t.yaml:1:8: unclosed bracket '['");
}

#[test]
fn a_budget_breach_names_the_limit_in_the_documents_words() {
    let deep = format!(
        "count: 1\nnested:\n  x: {}{}\n",
        "[".repeat(70),
        "]".repeat(70)
    );
    assert!(
        refused(&deep).ends_with(
            "nested more than 64 levels deep, the limit; a test file is a few levels deep"
        ),
        "{}",
        refused(&deep)
    );
    let mut bomb = String::from("count: 1\nnested:\n  a: &a [x, x, x, x, x, x, x, x, x, x]\n");
    for (prev, name) in "abcdef".chars().zip("bcdefg".chars()) {
        bomb.push_str(&format!(
            "  {name}: &{name} [{}]\n",
            vec![format!("*{prev}"); 10].join(", ")
        ));
    }
    // 10^7 values once expanded, far over the limit of 250,000.
    assert!(
        refused(&bomb).ends_with(
            "holds more than 250000 values once its aliases (*name) are expanded, the limit; \
             a test file needs far fewer (an alias bomb?)"
        ),
        "{}",
        refused(&bomb)
    );
}

#[test]
fn a_text_file_is_read_without_its_byte_order_mark() {
    let dir = tempfile::tempdir().expect("a folder");
    let path = dir.path().join("t.yaml");
    std::fs::write(&path, b"\xEF\xBB\xBFcount: 1\n").expect("written");
    assert_eq!(
        read_text_file(&path, 100, "test").expect("read"),
        "count: 1\n"
    );
}

#[test]
fn a_text_file_is_refused_when_it_is_a_folder_too_large_or_not_utf8() {
    let dir = tempfile::tempdir().expect("a folder");
    let name = |p: &Path| p.display().to_string();
    let err = read_text_file(dir.path(), 100, "test").expect_err("a folder");
    assert_eq!(
        err.to_string(),
        format!("{}: is a directory, expected a test file", name(dir.path()))
    );
    let big = dir.path().join("big.yaml");
    std::fs::write(&big, "x".repeat(11)).expect("written");
    let err = read_text_file(&big, 10, "test").expect_err("too large");
    assert_eq!(
        err.to_string(),
        format!(
            "{}: the test file is larger than the limit of 10 bytes",
            name(&big)
        )
    );
    // At a limit of eleven bytes the same file is read.
    assert!(read_text_file(&big, 11, "test").is_ok());
    let latin = dir.path().join("latin.yaml");
    std::fs::write(&latin, b"a: 1\nb: caf\xE9\n").expect("written");
    let err = read_text_file(&latin, 100, "test").expect_err("not UTF-8");
    // The bad byte is the seventh of line 2.
    assert_eq!(
        err.to_string(),
        format!(
            "{}:2:7: the test file is not valid UTF-8 text",
            name(&latin)
        )
    );
    let missing = dir.path().join("missing.yaml");
    let err = read_text_file(&missing, 100, "test").expect_err("missing");
    assert!(
        err.to_string()
            .starts_with(&format!("{}: cannot read the test file: ", name(&missing))),
        "{err}"
    );
}

#[test]
fn a_syntax_error_names_where_an_unclosed_construct_opened() {
    // The reader notices the unclosed '{' only at the '-' two lines down.
    let text = "count: 1\nnested:\n  x:\n  - {a: 1,\n    b:\n      - c\n";
    assert_eq!(
        refused(text),
        "t.yaml:6:7: \"-\" is only valid inside a block; \
         the flow mapping '{' opened at 4:5 is not closed"
    );
    // Where the reader names the bracket itself, nothing is added.
    assert_eq!(refused("words: [\n"), "t.yaml:1:8: unclosed bracket '['");
}

#[test]
fn the_unclosed_scan_passes_over_plain_text_comments_quotes_and_block_scalars() {
    use super::unclosed::hint;
    // Brackets and quotes inside plain text, comments, quoted texts and block scalars open
    // nothing.
    let closed = "a: see [1] and {2}\nb: don't # a [comment\nc: \"[{\" \nd: '{it''s}'\ne: |\n  [ {\nf: [x, 'y]', \"z}\"]\n";
    assert_eq!(hint(closed, 9, 1), None);
    // The innermost construct still open is named, when it opened before the error.
    let open = "a: [1, {b: 2}, {c: \n  d: 3\n";
    assert_eq!(
        hint(open, 2, 4).as_deref(),
        Some("the flow mapping '{' opened at 1:16 is not closed")
    );
    assert_eq!(
        hint("a: 'text\nb: 1\n", 2, 2).as_deref(),
        Some("the quoted text opened at 1:4 is not closed")
    );
    // Not when it opened after the place the reader gave up, nor exactly there.
    assert_eq!(
        hint(open, 1, 5).as_deref(),
        Some("the flow sequence '[' opened at 1:4 is not closed")
    );
    assert_eq!(hint(open, 1, 4), None);
}

/// A document of its own for the structural check: serde lets unknown keys through, the
/// schema refuses them.
#[derive(Debug, Deserialize, schemars::JsonSchema)]
#[schemars(deny_unknown_fields)]
struct Shaped {
    count: u8,
    #[serde(default)]
    ratio: Option<f64>,
    #[serde(default)]
    items: Vec<Item>,
}

/// A part of [`Shaped`].
#[derive(Debug, Deserialize, schemars::JsonSchema)]
#[schemars(deny_unknown_fields)]
struct Item {
    name: String,
    #[serde(default)]
    on: bool,
}

fn shaped(text: &str) -> Result<Checked<Shaped>, String> {
    parse_yaml_checked::<Shaped>(text, "t.yaml", &DOC).map_err(|e| e.to_string())
}

#[test]
fn the_structural_check_reports_every_mistake_of_shape_at_once() {
    // Columns by hand: line 4 is `  - {name: [a], on: maybe}`, the list at 12 and `maybe`
    // at 21; line 5 is `  - {on: true, colour: red}`, the mapping at 5 and `colour` at 16. The
    // key `on` is the key "on", though YAML 1.1 reads the value `on` as true.
    let text = "count: 300\nratio: often\nitems:\n  - {name: [a], on: maybe}\n  - {on: true, colour: red}\nextra: 1\n";
    assert_eq!(
        shaped(text).expect_err("refused"),
        "t.yaml:1:8: invalid number: expected a whole number from 0 to 255\n\
         t.yaml:2:8: invalid number: expected a finite decimal number\n\
         t.yaml:4:12: expected string scalar\n\
         t.yaml:4:21: invalid boolean\n\
         t.yaml:5:5: missing field `name`\n\
         t.yaml:5:16: unknown field `colour`, expected one of name, on\n\
         t.yaml:6:1: unknown field `extra`, expected one of count, ratio, items\n\
         7 problems found"
    );
}

#[test]
fn unknown_keys_alone_let_the_document_through_with_their_problems() {
    let checked = shaped("count: 3\nitems:\n  - name: a\n    colour: red\n").expect("read");
    assert_eq!(
        (checked.value.items[0].name.as_str(), checked.value.ratio),
        ("a", None)
    );
    let unknown: Vec<String> = checked.unknown_keys.iter().map(|p| p.to_string()).collect();
    assert_eq!(
        unknown,
        ["t.yaml:4:5: unknown field `colour`, expected one of name, on"]
    );
    // The reader's leniency is kept: a quoted number is a number, a number is a text.
    let checked = shaped("count: \"7\"\nitems: [{name: 12, on: yes}]\n").expect("read");
    assert!(checked.unknown_keys.is_empty());
    assert_eq!((checked.value.count, checked.value.items[0].on), (7, true));
}
