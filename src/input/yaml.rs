//! The YAML front end: serde-saphyr under one budget, with its errors put in the user's terms.

use super::structure::{Node, Tree, Walker};
use super::unclosed;
use crate::error::{Problem, Problems};
use schemars::JsonSchema;
use serde::de::DeserializeOwned;
use serde_saphyr::budget::{Budget, BudgetBreach};

pub use serde_saphyr::Spanned;

/// The deepest nesting of YAML collections an input may have (a questionnaire needs 6).
pub const MAX_YAML_DEPTH: usize = 64;

/// The most YAML nodes (scalars, lists and mappings, each alias counted as what it stands for)
/// an input may hold, so that alias expansion ("billion laughs") cannot exhaust memory.
pub const MAX_YAML_NODES: usize = 250_000;

/// A kind of YAML file, as its messages describe it.
#[derive(Debug, Clone, Copy)]
pub struct YamlDoc {
    /// The kind of file with its article, as a sentence's subject: "a questionnaire".
    pub noun: &'static str,
    /// What the whole document must be, said after "expected": "a questionnaire: a mapping
    /// with id, title, scale and domains".
    pub expected: &'static str,
    /// The whole message for a file that holds nothing but white space.
    pub empty: &'static str,
    /// The message for a key given twice in one mapping, from the key.
    pub duplicate_key: fn(&str) -> String,
}

impl YamlDoc {
    /// The usual message for a key given twice: that key, and to give it once.
    pub fn key_given_twice(key: &str) -> String {
        format!("the key '{key}' appears twice in this mapping; give each key once")
    }
}

/// Parse YAML text into `T` under the budget of [`MAX_YAML_DEPTH`] and [`MAX_YAML_NODES`];
/// `file` names the text in messages. A text of white space only gets `doc.empty`; any error of
/// the YAML reader becomes one problem at its line and column, put in the user's terms (a
/// mapping expected where the document starts is `doc.expected`, a key given twice is
/// `doc.duplicate_key`, numbers and ends of file say what to write, budget breaches name the
/// limit).
pub fn parse_yaml<T: DeserializeOwned>(
    text: &str,
    file: &str,
    doc: &YamlDoc,
) -> Result<T, Problems> {
    if text.trim().is_empty() {
        return Err(Problem::file(file, doc.empty).into());
    }
    serde_saphyr::from_str_with_options(text, options())
        .map_err(|e| reader_problem(&e, text, file, doc).into())
}

/// A document read by [`parse_yaml_checked`]: its value, and the keys in it that its type does
/// not know, which the reader passed over.
#[derive(Debug)]
pub struct Checked<T> {
    /// The document.
    pub value: T,
    /// A problem for each unknown key, at the key.
    pub unknown_keys: Vec<Problem>,
}

impl<T> Checked<T> {
    /// Run the reader's own checks on the value, and report their problems together with the
    /// unknown keys, sorted by place; the checks' result when there is neither.
    pub fn then<U>(self, checks: impl FnOnce(T) -> Result<U, Problems>) -> Result<U, Problems> {
        let result = checks(self.value);
        if self.unknown_keys.is_empty() {
            return result;
        }
        let mut problems = self.unknown_keys;
        if let Err(Problems(more)) = result {
            problems.extend(more);
        }
        problems.sort_by_key(|p| (p.line, p.column));
        Err(Problems(problems))
    }
}

/// Parse YAML text as [`parse_yaml`] does, and check its structure as a whole against the JSON
/// Schema of `T`: every unknown key, missing required key and value of the wrong kind, not only
/// the first, each at its line and column, sorted by place.
///
/// `T` must let unknown keys through (no `deny_unknown_fields` for serde, only for schemars),
/// so that a document whose only fault is unknown keys is still read: they come back in
/// [`Checked::unknown_keys`], for the caller to report with the problems its own checks find.
pub fn parse_yaml_checked<T: DeserializeOwned + JsonSchema>(
    text: &str,
    file: &str,
    doc: &YamlDoc,
) -> Result<Checked<T>, Problems> {
    if text.trim().is_empty() {
        return Err(Problem::file(file, doc.empty).into());
    }
    let tree = read_tree(text).map_err(|e| Problems::from(reader_problem(&e, text, file, doc)))?;
    let schema = serde_json::to_value(schemars::schema_for!(T)).expect("a schema serialises");
    let mut walker = Walker::new(&schema, text, file);
    // A document that is not a mapping at all is one problem, which the reader words.
    if matches!(tree.value, Tree::Map(_)) {
        walker.check(&tree, &schema);
    }
    match serde_saphyr::from_str_with_options::<T>(text, options()) {
        Ok(value) => Ok(Checked {
            value,
            unknown_keys: walker
                .found
                .into_iter()
                .filter(|f| f.unknown_key)
                .map(|f| f.problem)
                .collect(),
        }),
        Err(e) => {
            let first = reader_problem(&e, text, file, doc);
            let mut problems: Vec<Problem> = walker.found.into_iter().map(|f| f.problem).collect();
            if !problems
                .iter()
                .any(|p| p.line == first.line && p.message == first.message)
            {
                problems.push(first);
            }
            problems.sort_by_key(|p| (p.line, p.column));
            Err(Problems(problems))
        }
    }
}

/// The stack of the thread that reads a document into a [`Node`] tree: reading recurses once per
/// level of nesting, up to [`MAX_YAML_DEPTH`], and a level takes tens of KiB in a debug build.
const TREE_STACK_BYTES: usize = 64 * 1024 * 1024;

/// Read a document into a tree of located values, under the reader's budget, on a thread whose
/// stack holds the deepest nesting the budget allows.
fn read_tree(text: &str) -> Result<Node, serde_saphyr::Error> {
    std::thread::scope(|scope| {
        std::thread::Builder::new()
            .name("yaml-tree".into())
            .stack_size(TREE_STACK_BYTES)
            .spawn_scoped(scope, || {
                // The tree holds numbers as written; whether one fits is the walk's question.
                let mut options = options();
                options.non_finite_float_policy = serde_saphyr::NonFiniteFloatPolicy::PassThrough;
                serde_saphyr::from_str_with_options(text, options)
            })
            .expect("a thread to read the document")
            .join()
            .unwrap_or_else(|panic| std::panic::resume_unwind(panic))
    })
}

/// The reader's options: the budget of [`MAX_YAML_DEPTH`] and [`MAX_YAML_NODES`].
fn options() -> serde_saphyr::Options {
    let mut budget = Budget::default();
    budget.max_depth = MAX_YAML_DEPTH;
    budget.max_nodes = MAX_YAML_NODES;
    let mut options = serde_saphyr::Options::default();
    options.budget = Some(budget);
    options
}

/// An error of the YAML reader as one problem at its line and column, in the user's terms; a
/// construct left open further up is named too.
fn reader_problem(e: &serde_saphyr::Error, text: &str, file: &str, doc: &YamlDoc) -> Problem {
    let (line, column) = e.location().map_or((0, 0), |l| (l.line(), l.column()));
    let message = match budget_breach(e) {
        Some(breach) => breach_message(breach, doc),
        None => {
            let message = e.without_snippet().to_string();
            let at_start = (line, column) == document_start(text);
            let message = reword(message.lines().next().unwrap_or("").trim(), at_start, doc);
            match unclosed::hint(text, line, column) {
                Some(hint) => format!("{message}; {hint}"),
                None => message,
            }
        }
    };
    Problem::at(file, line, column, message)
}

/// A problem at the place a value was written.
pub fn problem_at<T>(file: &str, value: &Spanned<T>, message: impl Into<String>) -> Problem {
    Problem::at(
        file,
        value.referenced.line(),
        value.referenced.column(),
        message,
    )
}

/// The budget limit a YAML error reports, behind any alias or snippet wrapper.
fn budget_breach(e: &serde_saphyr::Error) -> Option<&BudgetBreach> {
    let mut e = e;
    loop {
        match e {
            serde_saphyr::Error::WithSnippet { error, .. }
            | serde_saphyr::Error::AliasError { error, .. } => e = error,
            serde_saphyr::Error::Budget { breach, .. } => return Some(breach),
            _ => return None,
        }
    }
}

/// A budget limit broken, in the user's terms: which limit, and that no such file needs that
/// much.
fn breach_message(breach: &BudgetBreach, doc: &YamlDoc) -> String {
    let noun = doc.noun;
    match breach {
        BudgetBreach::Depth { .. } => format!(
            "nested more than {MAX_YAML_DEPTH} levels deep, the limit; {noun} is a few levels deep"
        ),
        BudgetBreach::Nodes { .. } => format!(
            "holds more than {MAX_YAML_NODES} values once its aliases (*name) are expanded, the limit; \
             {noun} needs far fewer (an alias bomb?)"
        ),
        other => format!(
            "is larger than the YAML reader allows ({other:?}); {noun} needs far less (an alias bomb?)"
        ),
    }
}

/// The line and column where a document's first value starts: the first character of the first
/// line that is neither blank nor a comment.
fn document_start(text: &str) -> (u64, u64) {
    text.lines()
        .zip(1..)
        .find_map(|(l, number)| {
            let content = l.trim_start();
            let indent = l.len() - content.len();
            (!content.is_empty() && !content.starts_with('#'))
                .then(|| (number, l[..indent].chars().count() as u64 + 1))
        })
        .unwrap_or((1, 1))
}

/// Reword the first line of a YAML reader's message into what the user must write, without the
/// position (the problem carries it). `at_start` says that the error is where the document's
/// first value starts, so that a mapping expected there is the whole document.
fn reword(message: &str, at_start: bool, doc: &YamlDoc) -> String {
    let message = message
        .rfind(" at line ")
        .map_or(message, |i| &message[..i]);
    if at_start && message.contains("expected mapping") {
        return format!("expected {}", doc.expected);
    }
    if message.contains("invalid floating point") {
        return "invalid number: expected a finite decimal number".into();
    }
    match message {
        "invalid i32" => return "invalid number: expected a whole number".into(),
        "invalid u32" => return "invalid number: expected a whole number, 0 or more".into(),
        "invalid u8" => return "invalid number: expected a whole number from 0 to 255".into(),
        "unexpected end of input" => {
            return format!("the file ends here; expected {}", doc.expected);
        }
        "recursion limit exceeded" => {
            return format!(
                "nested too deeply (the limit is {MAX_YAML_DEPTH} levels); {} is a few levels deep",
                doc.noun
            );
        }
        _ => {}
    }
    if let Some(key) = message
        .strip_prefix("duplicate mapping key: ")
        .and_then(|rest| rest.split(", set DuplicateKeyPolicy").next())
    {
        return (doc.duplicate_key)(key);
    }
    message
        .replace(
            "expected mapping start",
            "expected a mapping (key: value pairs) here",
        )
        .replace("expected sequence start", "expected a list here")
}
