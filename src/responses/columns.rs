//! Matching columns to questions, and recognising the columns that identify a person.

use super::format::ColumnNames;
use super::identity::is_identifying;
use super::mapping::Mapping;
use crate::error::{Problem, Problems, Setting};
use crate::questionnaire::Questionnaire;
use std::collections::HashMap;
use std::fmt;

/// How a column was matched to a question.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum MatchHow {
    /// The header is the question's id.
    Id,
    /// The header is one of the question's aliases.
    Alias,
    /// The header is the question's text (trimmed, case-insensitive).
    Text,
    /// The header equals the question's id, alias or text once case, punctuation and white
    /// space are ignored.
    Normalised,
    /// The header is a matrix row, `Question [Row]` or `Question - Row`, and its row part
    /// matches the question's id, alias or text (normalised).
    MatrixRow(String),
    /// The mapping file names the question for this header.
    Mapping,
}

/// What a column was taken to be.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ColumnRole {
    /// The answers to a question.
    Question {
        /// The question's id.
        id: String,
        /// Its index in questionnaire order.
        index: usize,
        /// How it was matched.
        how: MatchHow,
        /// The column name that matched (for Qualtrics, the variable name or the text).
        by: String,
    },
    /// The answers to an open question (`kind: text`): free text, never scored.
    FreeText {
        /// The open question's id.
        id: String,
        /// Its index in [`Questionnaire::open_questions`].
        index: usize,
        /// How it was matched.
        how: MatchHow,
        /// The column name that matched.
        by: String,
    },
    /// A column that identifies a person; its values are never read into any output.
    Identifying,
    /// Any other column: usable with group-by.
    Metadata,
    /// A column left out, with the reason.
    Ignored(String),
}

impl fmt::Display for ColumnRole {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ColumnRole::Question { id, how, by, .. } => {
                write!(f, "question {id}, ")?;
                how.describe(by, f)
            }
            ColumnRole::FreeText { id, how, by, .. } => {
                write!(f, "free text: open question {id}, ")?;
                how.describe(by, f)
            }
            ColumnRole::Identifying => write!(f, "identifying: never read nor shown"),
            ColumnRole::Metadata => write!(f, "metadata (usable with {})", Setting::GroupBy),
            ColumnRole::Ignored(why) => write!(f, "ignored: {why}"),
        }
    }
}

impl MatchHow {
    /// How a column matched, for `inspect`; `by` is the name that matched.
    fn describe(&self, by: &str, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            MatchHow::Id => write!(f, "by its id"),
            MatchHow::Alias => write!(f, "by an alias ('{by}')"),
            MatchHow::Text => write!(f, "by its text"),
            MatchHow::Normalised => write!(f, "by its text ignoring case, punctuation and spaces"),
            MatchHow::MatrixRow(row) => write!(f, "by the matrix row '{row}'"),
            MatchHow::Mapping => write!(f, "by the mapping file ('{by}')"),
        }
    }
}

/// A header as compared when normalised: lowercase, every run of characters other than
/// letters and digits as one space, trimmed.
pub(crate) fn normalise(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for word in text
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
    {
        if !out.is_empty() {
            out.push(' ');
        }
        out.extend(word.chars().flat_map(char::to_lowercase));
    }
    out
}

/// The row part of a matrix header: `Question [Row]` or `Question - Row`.
fn matrix_row(header: &str) -> Option<&str> {
    let header = header.trim();
    if let Some(inner) = header.strip_suffix(']')
        && let Some(open) = inner.rfind('[')
        && open > 0
    {
        return Some(inner[open + 1..].trim());
    }
    header
        .rfind(" - ")
        .filter(|&i| i > 0)
        .map(|i| header[i + 3..].trim())
        .filter(|row| !row.is_empty())
}

fn exact_key(text: &str) -> String {
    text.trim().to_lowercase()
}

/// The questionnaire's names for matching: exact keys (id, alias, text) and normalised keys.
pub(crate) struct QuestionIndex {
    /// The ids of the questions on the scale, then of the open questions.
    ids: Vec<String>,
    /// How many questions are on the scale.
    scored: usize,
    exact: HashMap<String, (usize, MatchHow)>,
    normalised: HashMap<String, Vec<usize>>,
    mapped: HashMap<String, usize>,
}

impl QuestionIndex {
    /// Index a questionnaire and a mapping file; a mapping entry naming no question is a
    /// problem naming the mapping file.
    pub(crate) fn new(q: &Questionnaire, mapping: Option<&Mapping>) -> Result<Self, Problems> {
        let mut index = QuestionIndex {
            ids: Vec::new(),
            scored: q.question_count(),
            exact: HashMap::new(),
            normalised: HashMap::new(),
            mapped: HashMap::new(),
        };
        let scored = q.questions().map(|(_, qu)| (&qu.id, &qu.text, &qu.aliases));
        let open = q
            .open_questions
            .iter()
            .map(|o| (&o.id, &o.text, &o.aliases));
        for (i, (id, text, aliases)) in scored.chain(open).enumerate() {
            index.ids.push(id.clone());
            let names = [(id, MatchHow::Id), (text, MatchHow::Text)]
                .into_iter()
                .chain(aliases.iter().map(|a| (a, MatchHow::Alias)));
            for (name, how) in names {
                index.exact.entry(exact_key(name)).or_insert((i, how));
                let entry = index.normalised.entry(normalise(name)).or_default();
                if !entry.contains(&i) {
                    entry.push(i);
                }
            }
        }
        if let Some(mapping) = mapping {
            let mut problems = Vec::new();
            for (header, id) in &mapping.columns {
                match index.ids.iter().position(|q| q == id) {
                    Some(i) => {
                        index.mapped.insert(exact_key(header), i);
                    }
                    None => problems.push(Problem::file(
                        &mapping.path,
                        format!(
                            "column '{header}' is mapped to '{id}', which is not a question of questionnaire '{}'",
                            q.id
                        ),
                    )),
                }
            }
            if !problems.is_empty() {
                return Err(Problems(problems));
            }
        }
        Ok(index)
    }

    /// The id of the question at an index.
    pub(crate) fn id(&self, index: usize) -> &str {
        &self.ids[index]
    }

    fn question(&self, index: usize, how: MatchHow, by: &str) -> ColumnRole {
        let (id, by) = (self.ids[index].clone(), by.to_string());
        match index.checked_sub(self.scored) {
            None => ColumnRole::Question { id, index, how, by },
            Some(index) => ColumnRole::FreeText { id, index, how, by },
        }
    }

    /// What a column is, from its names: the mapping file first (an explicit choice), then an
    /// exact id, alias or text, then normalised text, then a matrix row part; otherwise
    /// identifying, metadata, or ignored (no header, or a normalised header that fits several
    /// questions).
    pub(crate) fn classify(&self, column: &ColumnNames) -> ColumnRole {
        for name in &column.names {
            if let Some(&i) = self.mapped.get(&exact_key(name)) {
                return self.question(i, MatchHow::Mapping, name);
            }
        }
        for name in &column.names {
            if let Some((i, how)) = self.exact.get(&exact_key(name)) {
                return self.question(*i, how.clone(), name);
            }
        }
        let mut ambiguous = None;
        let candidates = column
            .names
            .iter()
            .map(|n| (n, normalise(n), MatchHow::Normalised))
            .chain(column.names.iter().filter_map(|n| {
                matrix_row(n).map(|row| (n, normalise(row), MatchHow::MatrixRow(row.to_string())))
            }));
        for (name, key, how) in candidates {
            match self.normalised.get(&key).map(Vec::as_slice) {
                Some([i]) => return self.question(*i, how, name),
                Some(several) if ambiguous.is_none() => {
                    let ids: Vec<&str> = several.iter().map(|&i| self.id(i)).collect();
                    ambiguous = Some(format!(
                        "'{name}' fits several questions ({}); name one in a mapping file",
                        ids.join(", ")
                    ));
                }
                _ => {}
            }
        }
        if column.names.iter().any(|n| is_identifying(n)) {
            ColumnRole::Identifying
        } else if let Some(why) = ambiguous {
            ColumnRole::Ignored(why)
        } else if column.names.is_empty() {
            ColumnRole::Ignored("no header".into())
        } else {
            ColumnRole::Metadata
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn identifying_headers_of_every_tool() {
        for h in [
            "Email Address",
            "Email",
            "E-mail",
            "email address",
            "IPAddress",
            "IP Address",
            "ipaddr",
            "ResponseId",
            "ResponseID",
            "Respondent ID",
            "First Name",
            "Last Name",
            "RecipientEmail",
            "RecipientFirstName",
            "Name",
            "ID",
            "id",
            "token",
            "accesscode",
            "ExternalReference",
            "LocationLatitude",
            "E-Mail des Empfängers",
            "IP-Adresse",
        ] {
            assert!(is_identifying(h), "{h}");
        }
        for h in [
            "Role",
            "Department",
            "Timestamp",
            "Collector ID",
            "Start time",
            "Users can report incidents by email and get an answer within a day.",
            "Progress",
            "source",
        ] {
            assert!(!is_identifying(h), "{h}");
        }
    }

    #[test]
    fn normalising_and_matrix_rows() {
        assert_eq!(
            normalise("  Changes — rarely, cause   INCIDENTS! "),
            "changes rarely cause incidents"
        );
        assert_eq!(normalise("Opérations’ team"), "opérations team");
        assert_eq!(
            matrix_row("How true is this? [Changes are safe]"),
            Some("Changes are safe")
        );
        assert_eq!(
            matrix_row("How true - Changes are safe"),
            Some("Changes are safe")
        );
        assert_eq!(matrix_row("Q1[SQ001]"), Some("SQ001"));
        assert_eq!(matrix_row("[x]"), None);
        assert_eq!(matrix_row("Plain"), None);
    }
}
