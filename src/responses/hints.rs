//! What to tell a user whose file's columns do not fit the questionnaire, so that the message
//! points at the likely cause: a header misspelled (`CE77` for `CE7`), the wrong delimiter (the
//! header row read as one column), the headers of another built-in questionnaire, or, failing
//! those, a mapping file to write.
//!
//! The hints are worked out once, from the header rows, when a question has no column; they are
//! cheap to skip otherwise (the built-in questionnaires are only loaded then).

use super::columns::{ColumnRole, MatchHow, QuestionIndex, normalise};
use super::dates::is_date_column;
use super::format::{ColumnNames, InputFormat};
use super::labels::shorten_list;
use super::report::{ColumnReport, clip};
use super::source::Container;
use crate::error::{Problem, Setting};
use crate::questionnaire::{BUILT_IN, Questionnaire, load};
use csv::StringRecord;

/// The delimiters a user can force (`--delimiter`), as the hint tries them.
const DELIMITERS: [u8; 4] = [b',', b';', b'\t', b'|'];

/// How many unmatched columns a message names before counting the rest.
const MAX_LISTED: usize = 10;

/// What may explain the questions that have no column in a file.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Hints {
    /// The columns that match no question, in file order: metadata columns other than the
    /// group-by ones and the survey tool's date columns (identifying columns never appear).
    pub unmatched: Vec<UnmatchedColumn>,
    /// The built-in questionnaire whose question ids the headers are: when the questionnaire
    /// given fits fewer than half of the named columns, and this one fits more of them, and at
    /// least half.
    pub questionnaire: Option<String>,
}

/// A column that matches no question, and the question with no column whose id, alias or
/// text it nearly spells, if one does.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnmatchedColumn {
    /// 1-based position in the file.
    pub position: usize,
    /// Its header.
    pub header: String,
    /// The id of the question it nearly names.
    pub near: Option<String>,
}

impl Hints {
    /// The hints for a file whose `missing` questions (id, text) have no column; none when every
    /// question has one.
    pub(crate) fn new(
        q: &Questionnaire,
        columns: &[ColumnReport],
        missing: &[(String, String)],
        group_by: &[String],
    ) -> Hints {
        if missing.is_empty() {
            return Hints::default();
        }
        let mut unmatched: Vec<UnmatchedColumn> = columns
            .iter()
            .filter(|c| c.role == ColumnRole::Metadata && !c.header.is_empty())
            .filter(|c| !is_date_column(&c.header))
            .filter(|c| {
                !group_by
                    .iter()
                    .any(|g| g.trim().eq_ignore_ascii_case(&c.header))
            })
            .map(|c| UnmatchedColumn {
                position: c.position,
                header: c.header.clone(),
                near: None,
            })
            .collect();
        let questionnaire = other_questionnaire(q, columns);
        if questionnaire.is_none() {
            suggest(q, missing, &mut unmatched);
        }
        Hints {
            unmatched,
            questionnaire,
        }
    }

    /// The hints as sentences for a message: the other questionnaire, or the near matches and
    /// the other unmatched columns.
    pub fn sentences(&self) -> Vec<String> {
        if let Some(name) = &self.questionnaire {
            return vec![questionnaire_sentence(name)];
        }
        let near = self.near_sentence();
        let rest: Vec<String> = self
            .unmatched
            .iter()
            .filter(|c| c.near.is_none())
            .map(|c| format!("{} ('{}')", c.position, clip(&c.header, 60)))
            .collect();
        let rest: Vec<&str> = rest.iter().map(String::as_str).collect();
        let rest = (!rest.is_empty()).then(|| {
            format!(
                "{} matching no question: {}",
                if near.is_some() {
                    "Other columns"
                } else {
                    "Columns"
                },
                shorten_list(&rest, MAX_LISTED)
            )
        });
        near.into_iter().chain(rest).collect()
    }

    /// The sentence suggesting the questions that unmatched columns nearly name, if any do.
    fn near_sentence(&self) -> Option<String> {
        let near: Vec<String> = self
            .unmatched
            .iter()
            .filter_map(|c| {
                let id = c.near.as_deref()?;
                Some(format!("{id} for {}", column(c)))
            })
            .collect();
        (!near.is_empty()).then(|| {
            format!(
                "Did you mean {}? Rename the header(s), or map them in a mapping file ({})",
                near.join(", "),
                Setting::Mapping
            )
        })
    }
}

/// `column 3 ('CE77')`.
fn column(c: &UnmatchedColumn) -> String {
    format!("column {} ('{}')", c.position, clip(&c.header, 60))
}

fn questionnaire_sentence(name: &str) -> String {
    format!(
        "These headers are the ids of questionnaire '{name}'; run with {} {name}",
        Setting::Questionnaire
    )
}

/// A name compared for near matches: normalised, without spaces (`PR 2` and `pr2` alike).
fn compact(text: &str) -> String {
    normalise(text).replace(' ', "")
}

/// How many edits a name of `len` characters may be away from a header and still be
/// suggested: none for an id of one or two characters (`Q1` is not a misspelled `C1`), one for
/// a short id, a quarter of the name for longer ones (a text edited a little).
fn allowed_edits(len: usize) -> usize {
    if len <= 2 { 0 } else { (len / 4).max(1) }
}

/// Whether a (compact) header is near enough a (compact) name to suggest it: the same first
/// character (an id of another scheme, `Q7` for `CE7`, is not a typo) and at most
/// [`allowed_edits`] edits, fewer than the name's length. The edit distance, if so.
fn distance(header: &str, name: &str) -> Option<usize> {
    let len = name.chars().count();
    let allowed = allowed_edits(len);
    if header.chars().next() != name.chars().next()
        || header.chars().count().abs_diff(len) > allowed
    {
        return None;
    }
    let d = strsim::levenshtein(header, name);
    (d <= allowed && d < len).then_some(d)
}

/// Give each unmatched column the missing question it nearly names: the pairs closest first
/// (then in column order, then in questionnaire order), each column and question used once.
fn suggest(q: &Questionnaire, missing: &[(String, String)], unmatched: &mut [UnmatchedColumn]) {
    let questions: Vec<(&str, Vec<String>)> = q
        .questions()
        .map(|(_, qu)| qu)
        .filter(|qu| missing.iter().any(|(id, _)| *id == qu.id))
        .map(|qu| {
            let names = std::iter::once(&qu.id)
                .chain(&qu.aliases)
                .chain(std::iter::once(&qu.text))
                .map(|n| compact(n))
                .filter(|n| !n.is_empty())
                .collect();
            (qu.id.as_str(), names)
        })
        .collect();
    let mut pairs = Vec::new();
    for (c, col) in unmatched.iter().enumerate() {
        let header = compact(&col.header);
        for (qi, (_, names)) in questions.iter().enumerate() {
            if let Some(d) = names.iter().filter_map(|n| distance(&header, n)).min() {
                pairs.push((d, c, qi));
            }
        }
    }
    pairs.sort_unstable();
    let mut taken = vec![false; questions.len()];
    for (_, c, qi) in pairs {
        if unmatched[c].near.is_none() && !taken[qi] {
            taken[qi] = true;
            unmatched[c].near = Some(questions[qi].0.to_string());
        }
    }
}

/// The names of a reported column, for matching it again.
fn names(c: &ColumnReport) -> ColumnNames {
    ColumnNames {
        shown: c.header.clone(),
        names: std::iter::once(&c.header)
            .chain(&c.other_names)
            .filter(|n| !n.is_empty())
            .cloned()
            .collect(),
    }
}

/// The built-in questionnaire (other than `q`) whose ids or aliases the most columns are, when
/// `q` fits fewer than half of the columns with a name that do not identify anyone (a
/// questionnaire that leaves out some of a survey's questions on purpose fits most of it), and
/// the other fits more columns than `q`, and at least half.
fn other_questionnaire(q: &Questionnaire, columns: &[ColumnReport]) -> Option<String> {
    let named = columns
        .iter()
        .filter(|c| c.role != ColumnRole::Identifying && !c.header.is_empty())
        .count();
    let current = columns
        .iter()
        .filter(|c| matches!(c.role, ColumnRole::Question { .. }))
        .count();
    let mut best: Option<(usize, &str)> = None;
    for (name, _) in BUILT_IN {
        let Ok(other) = load(name) else { continue };
        if other.id == q.id {
            continue;
        }
        let Ok(index) = QuestionIndex::new(&other, None) else {
            continue;
        };
        let fits = columns
            .iter()
            .filter(|c| c.role != ColumnRole::Identifying)
            .filter(|c| {
                matches!(
                    index.classify(&names(c)),
                    ColumnRole::Question {
                        how: MatchHow::Id | MatchHow::Alias,
                        ..
                    }
                )
            })
            .count();
        if fits > best.map_or(0, |(n, _)| n) {
            best = Some((fits, name));
        }
    }
    best.filter(|&(fits, _)| 2 * current < named && fits > current && 2 * fits >= named)
        .map(|(_, name)| name.to_string())
}

/// The header row of a file, as the reader split it.
pub(crate) struct Header<'a> {
    /// The file, for messages.
    pub name: &'a str,
    /// The layout it was read as.
    pub format: InputFormat,
    /// Its header rows.
    pub rows: &'a [StringRecord],
    /// How its bytes are held (the delimiter of a text file).
    pub container: &'a Container,
}

/// How a delimiter is passed to `--delimiter`.
fn delimiter_value(d: u8) -> String {
    match d {
        b'\t' => "tab".to_string(),
        d => format!("'{}'", char::from(d)),
    }
}

/// When the header row of a text file would split into question columns at another delimiter
/// (or is one cell that another delimiter splits), the advice to pass that delimiter.
fn delimiter_advice(header: &Header<'_>, index: &QuestionIndex) -> Option<String> {
    let Container::Text {
        delimiter,
        delimiter_forced,
        ..
    } = header.container
    else {
        return None;
    };
    let first = header.rows.first()?;
    let filled = first.iter().filter(|c| !c.trim().is_empty()).count();
    let (d, matched, pieces) = DELIMITERS
        .into_iter()
        .filter(|d| d != delimiter)
        .map(|d| {
            let pieces: Vec<&str> = first
                .iter()
                .flat_map(|cell| cell.split(char::from(d)))
                .map(str::trim)
                .filter(|p| !p.is_empty())
                .collect();
            let matched = pieces
                .iter()
                .filter(|p| {
                    let names = ColumnNames {
                        shown: p.to_string(),
                        names: vec![p.to_string()],
                    };
                    matches!(index.classify(&names), ColumnRole::Question { .. })
                })
                .count();
            (d, matched, pieces.len())
        })
        .fold(None, |best: Option<(u8, usize, usize)>, this| match best {
            Some(b) if (b.1, b.2) >= (this.1, this.2) => Some(b),
            _ => Some(this),
        })?;
    if matched == 0 && !(filled == 1 && pieces >= 2) {
        return None;
    }
    let how = if *delimiter_forced {
        format!("as {} forced", Setting::Delimiter)
    } else {
        "as detected".to_string()
    };
    Some(format!(
        "The header row was split at {} ({how}), but its names are separated by {}: pass {} {}",
        delimiter_value(*delimiter),
        delimiter_value(d),
        Setting::Delimiter,
        delimiter_value(d)
    ))
}

/// The problem of a file none of whose columns holds a question: what was expected and found,
/// and the likeliest way out (another delimiter, another questionnaire, a misspelled header),
/// else a mapping file.
pub(crate) fn no_question_problem(
    header: &Header<'_>,
    q: &Questionnaire,
    index: &QuestionIndex,
    columns: &[ColumnReport],
    hints: &Hints,
) -> Problem {
    let expected: Vec<String> = q
        .questions()
        .map(|(_, qu)| format!("{} ('{}')", qu.id, clip(&qu.text, 50)))
        .collect();
    let expected: Vec<&str> = expected.iter().map(String::as_str).collect();
    let found: Vec<String> = columns
        .iter()
        .filter(|c| c.role != ColumnRole::Identifying && !c.header.is_empty())
        .map(|c| clip(&c.header, 80))
        .collect();
    let found: Vec<&str> = found.iter().map(String::as_str).collect();
    let advice = match (delimiter_advice(header, index), &hints.questionnaire) {
        (Some(advice), _) => advice,
        (None, Some(name)) => questionnaire_sentence(name),
        (None, None) => hints.near_sentence().unwrap_or_else(|| {
            format!(
                "Check the format ({}) or write a mapping file ({}) and pass it with {}",
                Setting::InputFormat,
                Setting::WriteMapping,
                Setting::Mapping,
            )
        }),
    };
    Problem::file(
        header.name,
        format!(
            "no column matches a question of questionnaire '{}' (read as {}, {} header row(s)); expected headers such as {}; found {}. {advice}",
            q.id,
            header.format,
            header.format.header_rows(),
            shorten_list(&expected, 3),
            if found.is_empty() {
                "no usable header".to_string()
            } else {
                shorten_list(&found, 8)
            },
        ),
    )
}

/// The warning a file gives when some questions have no column: which, and the hints.
pub(crate) fn missing_warning(path: &str, missing: &[(String, String)], hints: &Hints) -> String {
    let mut out = format!(
        "{path}: no column for question(s) {}; their answers are missing",
        missing_ids(missing)
    );
    for s in hints.sentences() {
        out.push_str(". ");
        out.push_str(&s);
    }
    out
}

/// The ids of the questions with no column, shortened.
pub(crate) fn missing_ids(missing: &[(String, String)]) -> String {
    let ids: Vec<&str> = missing.iter().map(|(id, _)| id.as_str()).collect();
    shorten_list(&ids, 10)
}

#[cfg(test)]
mod tests;
