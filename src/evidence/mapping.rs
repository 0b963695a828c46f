//! The evidence mapping file (`--evidence-mapping FILE`, for every change and incident file):
//! column headers to record fields, values as exported to the values the figures read, and the
//! order of day and month in numeric dates.
//!
//! ```yaml
//! columns:                 # column header -> field (see docs/evidence.md)
//!   "Change class": type
//!   "Caller": ~            # ~ (nothing): the column is not read
//! values:                  # per field: value as exported -> value read
//!   type:
//!     Pre-approved: standard
//!     Comprehensive: normal
//!   close_code:
//!     Successful with issues: failed
//! date_format: day-first   # or month-first
//! ```

use super::dates::DateOrder;
use super::fields::{Field, header_key};
use crate::error::{Problem, Problems};
use crate::input::{Spanned, YamlDoc, parse_yaml, problem_at, read_text_file};
use serde::Deserialize;
use std::collections::BTreeMap;
use std::path::Path;

/// The largest evidence mapping file read, in bytes.
pub const MAX_EVIDENCE_MAPPING_BYTES: u64 = 1024 * 1024;

/// A loaded evidence mapping. Headers and values are compared by letters and digits,
/// case-insensitively.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RecordMapping {
    /// Column header (as [`header_key`]) -> the field it holds, or `None` for a column not read.
    pub columns: Vec<(String, Option<Field>)>,
    /// Per field: value as exported (as [`header_key`]) -> value read.
    pub values: Vec<(Field, String, String)>,
    /// The order of day and month in numeric dates, when given.
    pub date_format: Option<DateOrder>,
}

impl RecordMapping {
    /// The field a header maps to: `Some(None)` for a column the mapping leaves unread.
    pub(crate) fn column(&self, header: &str) -> Option<Option<Field>> {
        let key = header_key(header);
        self.columns
            .iter()
            .find(|(h, _)| *h == key)
            .map(|(_, f)| *f)
    }

    /// The value a mapped value stands for.
    pub(crate) fn value<'a>(&'a self, field: Field, value: &str) -> Option<&'a str> {
        let key = header_key(value);
        self.values
            .iter()
            .find(|(f, v, _)| *f == field && *v == key)
            .map(|(_, _, to)| to.as_str())
    }
}

const MAPPING: YamlDoc = YamlDoc {
    noun: "an evidence mapping file",
    expected: "an evidence mapping file: `columns:` (header: field), `values:` (field: value: value) and/or `date_format:`",
    empty: "the evidence mapping file is empty; expected `columns:`, `values:` and/or `date_format:`",
    duplicate_key: YamlDoc::key_given_twice,
};

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawRecordMapping {
    #[serde(default)]
    columns: BTreeMap<String, Option<Spanned<String>>>,
    #[serde(default)]
    values: BTreeMap<String, BTreeMap<String, String>>,
    #[serde(default)]
    date_format: Option<DateOrder>,
}

/// Load an evidence mapping file (YAML, at most [`MAX_EVIDENCE_MAPPING_BYTES`]).
pub fn load_record_mapping(path: &Path) -> Result<RecordMapping, Problems> {
    let text = read_text_file(path, MAX_EVIDENCE_MAPPING_BYTES, "evidence mapping")?;
    parse_record_mapping(&text, &path.display().to_string())
}

/// Parse evidence mapping YAML; `file` names it in messages. Every field named must be one of
/// [`Field::ALL`].
pub fn parse_record_mapping(text: &str, file: &str) -> Result<RecordMapping, Problems> {
    let raw: RawRecordMapping = parse_yaml(text, file, &MAPPING)?;
    let mut problems: Vec<Problem> = Vec::new();
    let unknown = |name: &str| {
        format!(
            "'{name}' is not a record field; the fields are {}",
            Field::ALL.map(Field::name).join(", ")
        )
    };
    let mut columns = Vec::new();
    for (header, target) in &raw.columns {
        match target {
            None => columns.push((header_key(header), None)),
            Some(name) => match Field::from_name(&name.value) {
                Some(f) => columns.push((header_key(header), Some(f))),
                None => problems.push(problem_at(file, name, unknown(&name.value))),
            },
        }
    }
    let mut values = Vec::new();
    for (name, map) in &raw.values {
        let Some(f) = Field::from_name(name) else {
            problems.push(Problem::file(file, format!("values: {}", unknown(name))));
            continue;
        };
        {
            for (from, to) in map {
                values.push((f, header_key(from), to.trim().to_string()));
            }
        }
    }
    if problems.is_empty() {
        Ok(RecordMapping {
            columns,
            values,
            date_format: raw.date_format,
        })
    } else {
        Err(Problems(problems))
    }
}
