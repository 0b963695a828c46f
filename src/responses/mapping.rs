//! The mapping file (`--mapping FILE`): column headers to question ids, and answer labels to
//! scale values, for exports whose headers or answers the questionnaire cannot match by itself.
//!
//! ```yaml
//! columns:            # column header -> question id
//!   "Q1[SQ001]": C1
//!   "Q1[SQ002]": C2
//!   "Comments": ~     # ~ (nothing): leave the column as it is
//! labels:             # answer as exported -> value on the scale, n/a, or missing
//!   A1: 1
//!   A5: 5
//!   A6: n/a
//! ```

use crate::error::{Problem, Problems};
use crate::input::{YamlDoc, parse_yaml, read_text_file};
use serde::Deserialize;
use std::collections::BTreeMap;
use std::path::Path;

/// The largest mapping file read, in bytes.
pub const MAX_MAPPING_BYTES: u64 = 1024 * 1024;

/// A loaded mapping file. Headers and labels are compared trimmed and case-insensitively.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Mapping {
    /// The mapping file, for messages.
    pub path: String,
    /// Column header -> question id (checked against the questionnaire when reading).
    pub columns: Vec<(String, String)>,
    /// Answer label as exported -> what it means.
    pub labels: Vec<(String, MappedAnswer)>,
}

/// What a mapped answer label means.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MappedAnswer {
    /// A value on the scale (checked against the scale when reading).
    Value(i64),
    /// Not applicable.
    NotApplicable,
    /// No answer.
    Missing,
}

/// How YAML messages describe a mapping file.
const MAPPING: YamlDoc = YamlDoc {
    noun: "a mapping file",
    expected: "a mapping file: `columns:` (header: question id) and/or `labels:` (label: value)",
    empty: "the mapping file is empty; expected `columns:` (header: question id) and/or `labels:` (label: value)",
    duplicate_key: YamlDoc::key_given_twice,
};

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawMapping {
    #[serde(default)]
    columns: BTreeMap<String, Option<String>>,
    #[serde(default)]
    labels: BTreeMap<String, Option<RawTarget>>,
}

#[derive(Deserialize)]
#[serde(untagged)]
enum RawTarget {
    Number(i64),
    Text(String),
}

/// Load a mapping file (YAML, at most [`MAX_MAPPING_BYTES`]). Entries left empty (`~`, as a
/// starter mapping writes them) are skipped.
pub fn load_mapping(path: &Path) -> Result<Mapping, Problems> {
    let text = read_text_file(path, MAX_MAPPING_BYTES, "mapping")?;
    parse_mapping(&text, &path.display().to_string())
}

/// Parse mapping YAML; `file` names it in messages.
pub fn parse_mapping(text: &str, file: &str) -> Result<Mapping, Problems> {
    let raw: RawMapping = parse_yaml(text, file, &MAPPING)?;
    let mut problems = Vec::new();
    let columns = raw
        .columns
        .into_iter()
        .filter_map(|(header, id)| Some((header.trim().to_string(), id?.trim().to_string())))
        .filter(|(_, id)| !id.is_empty())
        .collect();
    let mut labels = Vec::new();
    for (label, target) in raw.labels {
        let answer = match target {
            None => continue,
            Some(RawTarget::Number(n)) => MappedAnswer::Value(n),
            Some(RawTarget::Text(t)) => match t.trim().to_lowercase().as_str() {
                "" => continue,
                "n/a" | "na" | "not applicable" => MappedAnswer::NotApplicable,
                "missing" => MappedAnswer::Missing,
                other => match other.parse::<i64>() {
                    Ok(n) => MappedAnswer::Value(n),
                    Err(_) => {
                        problems.push(Problem::file(
                            file,
                            format!("label '{label}' is mapped to '{t}'; expected a value on the scale, n/a or missing"),
                        ));
                        continue;
                    }
                },
            },
        };
        labels.push((label.trim().to_string(), answer));
    }
    if !problems.is_empty() {
        return Err(Problems(problems));
    }
    Ok(Mapping {
        path: file.to_string(),
        columns,
        labels,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_columns_and_labels() {
        let m = parse_mapping(
            "columns:\n  \"Q1[SQ001]\": C1\n  Comments: ~\nlabels:\n  A1: 1\n  A6: n/a\n  A7: missing\n  A8: '3'\n  A9: ~\n",
            "m.yaml",
        )
        .expect("valid");
        assert_eq!(m.columns, vec![("Q1[SQ001]".to_string(), "C1".to_string())]);
        assert_eq!(
            m.labels,
            vec![
                ("A1".to_string(), MappedAnswer::Value(1)),
                ("A6".to_string(), MappedAnswer::NotApplicable),
                ("A7".to_string(), MappedAnswer::Missing),
                ("A8".to_string(), MappedAnswer::Value(3)),
            ]
        );
    }

    #[test]
    fn rejects_bad_mappings() {
        let err = parse_mapping("labels:\n  A1: often\n", "m.yaml").expect_err("bad target");
        assert!(
            err.to_string()
                .contains("m.yaml: label 'A1' is mapped to 'often'"),
            "{err}"
        );
        let err = parse_mapping("colums:\n  a: b\n", "m.yaml").expect_err("unknown key");
        assert!(err.to_string().starts_with("m.yaml:1:"), "{err}");
        let err = parse_mapping("", "m.yaml").expect_err("empty");
        assert!(err.to_string().contains("empty"), "{err}");
        let err = parse_mapping("- a\n- b\n", "m.yaml").expect_err("a list");
        assert!(err.to_string().starts_with("m.yaml:"), "{err}");
    }
}
