//! Reading a targets file: YAML mapping domain ids to target levels.
//!
//! ```yaml
//! change-enablement: 3
//! cost-transparency: Managed   # a level's name works too
//! ```

use crate::error::Problems;
use crate::input::{Spanned, YamlDoc, parse_yaml, problem_at, read_text_file};
use crate::questionnaire::Questionnaire;
use serde::Deserialize;
use serde::de::{Deserializer, MapAccess, Visitor};
use std::collections::BTreeMap;
use std::fmt;
use std::path::Path;

/// The largest targets file read, in bytes.
pub const MAX_TARGETS_BYTES: u64 = 1024 * 1024;

/// How YAML messages describe a targets file.
const TARGETS: YamlDoc = YamlDoc {
    noun: "a targets file",
    expected: "a mapping of domain id to target level, such as `change-enablement: 3`",
    empty: "is empty; expected a mapping of domain id to target level, such as `change-enablement: 3`",
    duplicate_key: domain_given_twice,
};

/// A domain given twice in a targets file.
fn domain_given_twice(domain: &str) -> String {
    format!("domain '{domain}' is given more than once")
}

/// A level as written: its number or its name.
#[derive(Deserialize)]
#[serde(untagged)]
enum LevelRef {
    Number(u32),
    Name(String),
    Other(serde_json::Value),
}

/// The file's entries in the order written, with their places.
struct Entries(Vec<(Spanned<String>, Spanned<LevelRef>)>);

impl<'de> Deserialize<'de> for Entries {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct EntriesVisitor;
        impl<'de> Visitor<'de> for EntriesVisitor {
            type Value = Entries;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(
                    "a mapping of domain id to target level, such as `change-enablement: 3`",
                )
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Entries, A::Error> {
                let mut entries = Vec::new();
                while let Some(entry) = map.next_entry()? {
                    entries.push(entry);
                }
                Ok(Entries(entries))
            }
        }
        deserializer.deserialize_map(EntriesVisitor)
    }
}

/// The number of the level named `name` (any case, spaces around ignored), if `q` has one.
pub fn level_by_name(q: &Questionnaire, name: &str) -> Option<u32> {
    q.levels
        .iter()
        .find(|l| l.name.trim().eq_ignore_ascii_case(name.trim()))
        .map(|l| l.level)
}

/// One target level for every domain as a user writes it: a number (checked when planning) or
/// a level's name. An unknown name is refused with the levels `q` has.
pub fn target_level(q: &Questionnaire, text: &str) -> Result<u32, String> {
    if let Ok(n) = text.trim().parse::<u32>() {
        return Ok(n);
    }
    level_by_name(q, text).ok_or_else(|| {
        let names: Vec<String> = q
            .levels
            .iter()
            .map(|l| format!("{} {}", l.level, l.name))
            .collect();
        format!(
            "the target level '{}' is not a level of questionnaire '{}'; give a number or a name ({})",
            text.trim(),
            q.id,
            names.join(", ")
        )
    })
}

/// Read a targets file (YAML: domain id -> level number or name) against a questionnaire.
///
/// Problems name the file, line and column. Unknown domains and levels the questionnaire does
/// not define are all reported together; a file that is not YAML, not a mapping, or gives a
/// domain twice stops at the first such problem. Files over [`MAX_TARGETS_BYTES`] are refused.
pub fn load_targets(path: &Path, q: &Questionnaire) -> Result<BTreeMap<String, u32>, Problems> {
    let text = read_text_file(path, MAX_TARGETS_BYTES, "targets")?;
    parse_targets(&text, &path.display().to_string(), q)
}

/// Parse targets YAML text as [`load_targets`] does; `file` names it in messages.
pub fn parse_targets(
    text: &str,
    file: &str,
    q: &Questionnaire,
) -> Result<BTreeMap<String, u32>, Problems> {
    let entries: Entries = parse_yaml(text, file, &TARGETS)?;
    let levels = super::status::level_range(q);
    let mut problems = Vec::new();
    let mut targets = BTreeMap::new();
    for (domain, level) in entries.0 {
        if !q.domains.iter().any(|d| d.id == domain.value) {
            let known: Vec<&str> = q.domains.iter().map(|d| d.id.as_str()).collect();
            problems.push(problem_at(
                file,
                &domain,
                format!(
                    "'{}' is not a domain of questionnaire '{}' (domains: {})",
                    domain.value,
                    q.id,
                    known.join(", ")
                ),
            ));
            continue;
        }
        let number = match &level.value {
            LevelRef::Number(n) => q.level(*n).map(|l| l.level),
            LevelRef::Name(name) => level_by_name(q, name),
            LevelRef::Other(_) => None,
        };
        let Some(number) = number else {
            let given = match &level.value {
                LevelRef::Number(n) => n.to_string(),
                LevelRef::Name(name) => format!("'{name}'"),
                LevelRef::Other(serde_json::Value::Null) => "an empty value".into(),
                LevelRef::Other(value) => value.to_string(),
            };
            let names: Vec<String> = q
                .levels
                .iter()
                .map(|l| format!("{} {}", l.level, l.name))
                .collect();
            problems.push(problem_at(
                file,
                &level,
                format!(
                    "domain '{}': {given} is not one of the levels ({levels}: {})",
                    domain.value,
                    names.join(", ")
                ),
            ));
            continue;
        };
        // The parser refuses a key given twice, so this never replaces an entry.
        targets.insert(domain.value, number);
    }
    if problems.is_empty() {
        Ok(targets)
    } else {
        Err(Problems(problems))
    }
}
