//! The shape of a YAML document checked against the JSON Schema of the type it is read into,
//! over the whole document at once: every unknown key, every missing required key and every
//! value of the wrong kind, each at its line and column.
//!
//! serde stops at the first mismatch; this pass reads the document into a tree of located
//! values ([`Node`]) and walks it beside the schema schemars derives from the same serde types,
//! so the keys it knows are the keys the reader knows. Messages are worded as the reader words
//! them (`unknown field ...`, `missing field ...`), so that a file with one mistake reads as it
//! did before the pass existed.

use crate::error::Problem;
use serde::Deserialize;
use serde::de::{Deserializer, MapAccess, SeqAccess, Visitor};
use serde_json::{Map, Value};
use serde_saphyr::Spanned;
use std::fmt;

/// A YAML value with the place each part of it was written.
pub(super) type Node = Spanned<Tree>;

/// A YAML value whose parts are [`Node`]s.
pub(super) enum Tree {
    /// `~`, `null` or nothing.
    Null,
    /// `true` or `false`.
    Bool(bool),
    /// A whole number.
    Int(i128),
    /// A number with a fraction or an exponent.
    Float(f64),
    /// Any other scalar, quoted or not.
    Str(String),
    /// A sequence.
    Seq(Vec<Node>),
    /// A mapping, its entries in the order written.
    Map(Vec<(Node, Node)>),
}

impl<'de> Deserialize<'de> for Tree {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Tree, D::Error> {
        d.deserialize_any(TreeVisitor)
    }
}

/// Builds a [`Tree`] from whatever the reader finds.
struct TreeVisitor;

impl<'de> Visitor<'de> for TreeVisitor {
    type Value = Tree;
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("any YAML value")
    }
    fn visit_bool<E>(self, v: bool) -> Result<Tree, E> {
        Ok(Tree::Bool(v))
    }
    fn visit_i64<E>(self, v: i64) -> Result<Tree, E> {
        Ok(Tree::Int(v.into()))
    }
    fn visit_u64<E>(self, v: u64) -> Result<Tree, E> {
        Ok(Tree::Int(v.into()))
    }
    fn visit_i128<E>(self, v: i128) -> Result<Tree, E> {
        Ok(Tree::Int(v))
    }
    fn visit_f64<E>(self, v: f64) -> Result<Tree, E> {
        Ok(Tree::Float(v))
    }
    fn visit_str<E>(self, v: &str) -> Result<Tree, E> {
        Ok(Tree::Str(v.to_string()))
    }
    fn visit_string<E>(self, v: String) -> Result<Tree, E> {
        Ok(Tree::Str(v))
    }
    fn visit_unit<E>(self) -> Result<Tree, E> {
        Ok(Tree::Null)
    }
    fn visit_none<E>(self) -> Result<Tree, E> {
        Ok(Tree::Null)
    }
    fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Tree, D::Error> {
        Tree::deserialize(d)
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Tree, A::Error> {
        let mut items = Vec::new();
        while let Some(item) = seq.next_element()? {
            items.push(item);
        }
        Ok(Tree::Seq(items))
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Tree, A::Error> {
        let mut entries = Vec::new();
        while let Some(key) = map.next_key()? {
            entries.push((key, map.next_value()?));
        }
        Ok(Tree::Map(entries))
    }
}

/// A problem of structure, and whether it is a key the schema does not know (the one kind the
/// reader itself lets through).
pub(super) struct Found {
    /// The problem, at its place.
    pub(super) problem: Problem,
    /// True for an unknown key.
    pub(super) unknown_key: bool,
}

/// Walks a [`Node`] tree beside a JSON Schema, collecting what does not fit.
pub(super) struct Walker<'a> {
    /// The whole schema, for `$ref`s.
    root: &'a Value,
    /// The document's text, for keys as written.
    text: &'a str,
    /// The file, for every message.
    file: &'a str,
    /// What was found so far.
    pub(super) found: Vec<Found>,
}

impl<'a> Walker<'a> {
    /// A walker over `schema` (a schema with its `$defs`) for the document `text`, naming
    /// `file` in messages.
    pub(super) fn new(root: &'a Value, text: &'a str, file: &'a str) -> Self {
        Walker {
            root,
            text,
            file,
            found: Vec::new(),
        }
    }

    /// Note a problem at a node.
    fn note(&mut self, node: &Node, message: String, unknown_key: bool) {
        self.found.push(Found {
            problem: Problem::at(
                self.file,
                node.referenced.line(),
                node.referenced.column(),
                message,
            ),
            unknown_key,
        });
    }

    /// The schema a `$ref` points to, or the schema itself.
    fn resolve(&self, schema: &'a Value) -> &'a Value {
        let target = schema
            .get("$ref")
            .and_then(Value::as_str)
            .and_then(|r| r.strip_prefix("#/$defs/"))
            .and_then(|name| self.root.get("$defs")?.get(name));
        target.map_or(schema, |t| self.resolve(t))
    }

    /// Check `node` against `schema`.
    pub(super) fn check(&mut self, node: &Node, schema: &'a Value) {
        let schema = self.resolve(schema);
        if let Some(choices) = schema.get("anyOf").or_else(|| schema.get("oneOf")) {
            return self.check_choice(node, choices.as_array().map_or(&[], Vec::as_slice));
        }
        let types = types(schema);
        if matches!(node.value, Tree::Null) {
            // A null where none is allowed is the reader's to describe.
            return;
        }
        if types.contains(&"object") {
            self.check_object(node, schema);
        } else if types.contains(&"array") {
            match &node.value {
                Tree::Seq(items) => {
                    if let Some(item) = schema.get("items") {
                        for i in items {
                            self.check(i, item);
                        }
                    }
                }
                _ => self.note(node, "expected a list here".into(), false),
            }
        } else if let Some(scalar) = types.first() {
            self.check_scalar(node, scalar, schema);
        }
    }

    /// A choice among schemas: an enum of constants, an optional value, or alternatives.
    fn check_choice(&mut self, node: &Node, choices: &'a [Value]) {
        let constants: Option<Vec<&str>> = choices
            .iter()
            .map(|c| c.get("const").and_then(Value::as_str))
            .collect();
        if let Some(constants) = constants {
            match self.as_written(node) {
                Some(t) if constants.contains(&t.as_str()) => {}
                Some(t) => self.note(
                    node,
                    format!(
                        "unknown variant `{t}`, expected one of {}",
                        constants.join(", ")
                    ),
                    false,
                ),
                None if matches!(node.value, Tree::Null) => {}
                None => self.note(node, "expected a single value here".into(), false),
            }
            return;
        }
        let real: Vec<&Value> = choices.iter().filter(|c| types(c) != ["null"]).collect();
        if matches!(node.value, Tree::Null) && real.len() < choices.len() {
            return;
        }
        // Of several alternatives, the reader's message says which fits.
        if let [only] = real.as_slice() {
            self.check(node, only);
        }
    }

    /// A mapping: unknown keys, missing required keys, and each value.
    fn check_object(&mut self, node: &Node, schema: &'a Value) {
        let Tree::Map(entries) = &node.value else {
            return self.note(
                node,
                "expected a mapping (key: value pairs) here".into(),
                false,
            );
        };
        let properties = schema.get("properties").and_then(Value::as_object);
        let closed = schema.get("additionalProperties") == Some(&Value::Bool(false))
            && schema.get("patternProperties").is_none();
        let other = schema
            .get("additionalProperties")
            .filter(|v| v.is_object())
            .or_else(|| {
                schema
                    .get("patternProperties")
                    .and_then(Value::as_object)
                    .and_then(|p| p.values().next())
            });
        for (key, value) in entries {
            let name = self.as_written(key);
            match name.as_deref().zip(properties).and_then(|(n, p)| p.get(n)) {
                Some(property) => self.check(value, property),
                None if closed => {
                    let expected: Vec<&str> = properties
                        .into_iter()
                        .flat_map(Map::keys)
                        .map(String::as_str)
                        .collect();
                    self.note(
                        key,
                        format!(
                            "unknown field `{}`, expected one of {}",
                            name.unwrap_or_default(),
                            expected.join(", ")
                        ),
                        true,
                    );
                }
                None => {
                    if let Some(other) = other {
                        self.check(value, other);
                    }
                }
            }
        }
        let required = schema.get("required").and_then(Value::as_array);
        for field in required.into_iter().flatten().filter_map(Value::as_str) {
            let given = entries
                .iter()
                .any(|(k, _)| self.as_written(k).as_deref() == Some(field));
            if !given {
                self.note(node, format!("missing field `{field}`"), false);
            }
        }
    }

    /// A scalar as serde reads it into a key or a name: its text as written (`on` is the key
    /// "on", not the boolean YAML 1.1 makes of it), or the text it holds when it is quoted;
    /// `None` for a list, a mapping or a null.
    fn as_written(&self, node: &Node) -> Option<String> {
        match &node.value {
            Tree::Str(s) => return Some(s.clone()),
            Tree::Null | Tree::Seq(_) | Tree::Map(_) => return None,
            Tree::Bool(_) | Tree::Int(_) | Tree::Float(_) => {}
        }
        let span = node.referenced.span();
        let start = usize::try_from(span.byte_offset()?).ok()?;
        let len = usize::try_from(span.byte_len()?).ok()?;
        self.text
            .get(start..start + len)
            .map(str::to_string)
            .or_else(|| scalar_text(&node.value))
    }

    /// A scalar of a JSON Schema type: the YAML reader's own leniency (a number for a text, a
    /// quoted number for a number) is kept.
    fn check_scalar(&mut self, node: &Node, kind: &str, schema: &Value) {
        let message = match (&node.value, kind) {
            (Tree::Seq(_) | Tree::Map(_), "string") => "expected string scalar".to_string(),
            (Tree::Seq(_) | Tree::Map(_), _) => "expected a single value here".to_string(),
            (_, "integer") => match whole_number(&node.value) {
                Some(n) if fits(n, schema) => return,
                _ => integer_message(schema),
            },
            (Tree::Int(_) | Tree::Float(_), "number") => return,
            (Tree::Str(s), "number") if serde_saphyr::from_str::<f64>(s).is_ok() => return,
            (Tree::Str(_) | Tree::Bool(_), "number") => {
                "invalid number: expected a finite decimal number".to_string()
            }
            (Tree::Str(s), "boolean") if serde_saphyr::from_str::<bool>(s).is_err() => {
                "invalid boolean".to_string()
            }
            _ => return,
        };
        self.note(node, message, false);
    }
}

/// The JSON Schema types a schema allows.
fn types(schema: &Value) -> Vec<&str> {
    match schema.get("type") {
        Some(Value::String(s)) => vec![s.as_str()],
        Some(Value::Array(a)) => a.iter().filter_map(Value::as_str).collect(),
        _ => Vec::new(),
    }
}

/// A scalar's value as text, for when its source cannot be sliced.
fn scalar_text(tree: &Tree) -> Option<String> {
    match tree {
        Tree::Str(s) => Some(s.clone()),
        Tree::Int(n) => Some(n.to_string()),
        Tree::Bool(b) => Some(b.to_string()),
        Tree::Float(f) => Some(f.to_string()),
        Tree::Null | Tree::Seq(_) | Tree::Map(_) => None,
    }
}

/// The whole number a scalar holds, read as the YAML reader reads a number (a quoted one too).
fn whole_number(tree: &Tree) -> Option<i128> {
    match tree {
        Tree::Int(n) => Some(*n),
        Tree::Str(s) => serde_saphyr::from_str::<i64>(s).ok().map(i128::from),
        _ => None,
    }
}

/// Whether a whole number lies within the schema's bounds (`minimum`, `maximum`, `format`).
fn fits(n: i128, schema: &Value) -> bool {
    let (low, high) = match schema.get("format").and_then(Value::as_str) {
        Some("int32") => (i32::MIN.into(), i32::MAX.into()),
        Some("uint32") => (0, u32::MAX.into()),
        Some("uint8") => (0, u8::MAX.into()),
        Some("uint64" | "uint") => (0, u64::MAX.into()),
        _ => (i64::MIN.into(), i64::MAX.into()),
    };
    let bound = |key: &str, default: i128| {
        schema
            .get(key)
            .and_then(Value::as_i64)
            .map_or(default, i128::from)
    };
    (bound("minimum", low)..=bound("maximum", high)).contains(&n)
}

/// What the reader says of a value that is not the whole number a schema wants.
fn integer_message(schema: &Value) -> String {
    match schema.get("format").and_then(Value::as_str) {
        Some("uint32" | "uint64" | "uint") => "invalid number: expected a whole number, 0 or more",
        Some("uint8") => "invalid number: expected a whole number from 0 to 255",
        _ => "invalid number: expected a whole number",
    }
    .to_string()
}
