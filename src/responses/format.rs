//! The survey tools' layouts: detecting one from the header rows, and joining the header rows
//! into one set of names per column.

use super::columns::ColumnRole;
use super::report::ColumnReport;
use super::{MAX_HEADER_ROWS, identity::is_identifying};
use crate::choice::Choice;
use crate::error::Setting;
use crate::questionnaire::Questionnaire;
use csv::StringRecord;
use std::fmt;

/// The layout of a response file: which tool exported it, hence how many header rows it has
/// and how they name the columns.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum InputFormat {
    /// A plain table (CSV, text or a workbook): one header row.
    Csv,
    /// Google Forms' CSV: `Timestamp` first, one column per question (grids as `Question [Row]`).
    GoogleForms,
    /// Microsoft Forms' `.xlsx`: `ID`, `Start time`, `Completion time`, `Email`, `Name`, questions.
    MicrosoftForms,
    /// SurveyMonkey's CSV: two header rows, matrix rows named in the second.
    SurveyMonkey,
    /// Qualtrics' CSV: variable names, question texts, then `{"ImportId":...}`.
    Qualtrics,
    /// Qualtrics' older CSV: `V1`, `V2`, ... variable names, then question texts.
    QualtricsLegacy,
    /// LimeSurvey's CSV: one header row of question codes (`Q1[SQ001]`) or texts.
    LimeSurvey,
}

impl Choice for InputFormat {
    const ALL: &'static [InputFormat] = &[
        InputFormat::Csv,
        InputFormat::GoogleForms,
        InputFormat::MicrosoftForms,
        InputFormat::SurveyMonkey,
        InputFormat::Qualtrics,
        InputFormat::QualtricsLegacy,
        InputFormat::LimeSurvey,
    ];

    fn id(self) -> &'static str {
        match self {
            InputFormat::Csv => "csv",
            InputFormat::GoogleForms => "google-forms",
            InputFormat::MicrosoftForms => "microsoft-forms",
            InputFormat::SurveyMonkey => "surveymonkey",
            InputFormat::Qualtrics => "qualtrics",
            InputFormat::QualtricsLegacy => "qualtrics-legacy",
            InputFormat::LimeSurvey => "limesurvey",
        }
    }

    fn help(self) -> &'static str {
        match self {
            InputFormat::Csv => "A plain table (CSV, text or a workbook): one header row",
            InputFormat::GoogleForms => {
                "Google Forms' CSV: `Timestamp` first, one column per question (grids as `Question [Row]`)"
            }
            InputFormat::MicrosoftForms => {
                "Microsoft Forms' .xlsx: `ID`, `Start time`, `Completion time`, `Email`, `Name`, questions"
            }
            InputFormat::SurveyMonkey => {
                "SurveyMonkey's CSV: two header rows, matrix rows named in the second"
            }
            InputFormat::Qualtrics => {
                "Qualtrics' CSV: variable names, question texts, then `{\"ImportId\":...}`"
            }
            InputFormat::QualtricsLegacy => {
                "Qualtrics' older CSV: `V1`, `V2`, ... variable names, then question texts"
            }
            InputFormat::LimeSurvey => {
                "LimeSurvey's CSV: one header row of question codes (`Q1[SQ001]`) or texts"
            }
        }
    }
}

impl InputFormat {
    /// How many header rows the layout has.
    pub fn header_rows(self) -> usize {
        match self {
            InputFormat::Qualtrics => 3,
            InputFormat::SurveyMonkey | InputFormat::QualtricsLegacy => 2,
            InputFormat::Csv
            | InputFormat::GoogleForms
            | InputFormat::MicrosoftForms
            | InputFormat::LimeSurvey => 1,
        }
    }
}

/// How many header rows a file of a layout has: the layout's own, or `forced` (`--header-rows`)
/// for a plain table, from 1 to [`MAX_HEADER_ROWS`]. A survey tool's export has its own header
/// rows, so forcing them is refused.
pub(crate) fn header_rows(format: InputFormat, forced: Option<usize>) -> Result<usize, String> {
    match forced {
        None => Ok(format.header_rows()),
        Some(n) if !(1..=MAX_HEADER_ROWS).contains(&n) => Err(format!(
            "{} {n} is not a number of header rows from 1 to {MAX_HEADER_ROWS}",
            Setting::HeaderRows
        )),
        Some(n) if format == InputFormat::Csv => Ok(n),
        Some(_) => Err(format!(
            "{} is for a plain table, but this file is a {format} export, which has {} header row(s) of its own; leave out {}",
            Setting::HeaderRows,
            format.header_rows(),
            Setting::HeaderRows
        )),
    }
}

/// The note `inspect` gives when a plain table read with one header row looks like it has two:
/// row 2 holds text that is not an answer in a column where row 3 holds an answer. The columns
/// are named, never the cells (row 2 may be a respondent's).
pub(crate) fn header_hint(
    format: InputFormat,
    rows: &[StringRecord],
    columns: &[ColumnReport],
    is_answer: &dyn Fn(&str) -> bool,
) -> Option<String> {
    let (Some(second), Some(third)) = (rows.get(1), rows.get(2)) else {
        return None;
    };
    if format != InputFormat::Csv || rows.first().is_some_and(|r| r.len() < 2) {
        return None;
    }
    let texts: Vec<String> = columns
        .iter()
        .filter(|c| c.role != ColumnRole::Identifying && !is_identifying(&c.header))
        .filter(|c| {
            let (two, three) = (
                second.get(c.position - 1).map_or("", str::trim),
                third.get(c.position - 1).map_or("", str::trim),
            );
            !two.is_empty() && !is_answer(two) && is_answer(three)
        })
        .map(|c| match c.header.as_str() {
            "" => format!("{} (no header)", c.position),
            h => format!("{} ('{h}')", c.position),
        })
        .collect();
    (!texts.is_empty()).then(|| {
        format!(
            "row 2 holds text where row 3 holds answers, in column(s) {}: if row 2 continues the header (a sub-question under each question), pass {} 2",
            texts.join(", "),
            Setting::HeaderRows
        )
    })
}

/// Why a plain table is read with two header rows when [`statement_texts_row`] holds.
pub(crate) const STATEMENT_TEXTS_REASON: &str = "row 2 holds the questionnaire's statement texts (the blank template's second header row): two header rows";

/// Whether row 2 of a plain table read with its one header row is the blank template's row of
/// statement texts ([`crate::template`]): under every question column it is empty or that
/// question's text, and under one at least it is the text. Texts are compared trimmed, without
/// case, with runs of white space as one space, and with or without the leading apostrophe of
/// the CSV's formula guard. An answer is never a whole statement, so a respondent's row is not
/// taken for it.
pub(crate) fn statement_texts_row(
    format: InputFormat,
    rows: &[StringRecord],
    columns: &[ColumnReport],
    q: &Questionnaire,
) -> bool {
    let Some(second) = rows.get(1).filter(|_| format == InputFormat::Csv) else {
        return false;
    };
    let scored: Vec<&str> = q.questions().map(|(_, qu)| qu.text.as_str()).collect();
    let mut seen = false;
    for c in columns {
        let text = match &c.role {
            ColumnRole::Question { index, .. } => scored.get(*index).copied(),
            ColumnRole::FreeText { index, .. } => {
                q.open_questions.get(*index).map(|o| o.text.as_str())
            }
            _ => continue,
        };
        let cell = second.get(c.position - 1).map_or("", str::trim);
        if cell.is_empty() {
            continue;
        }
        let Some(text) = text else {
            return false;
        };
        let unguarded = cell.strip_prefix('\'').unwrap_or(cell);
        if ![cell, unguarded].iter().any(|c| same_text(c, text)) {
            return false;
        }
        seen = true;
    }
    seen
}

/// Two texts alike but for case and runs of white space.
fn same_text(a: &str, b: &str) -> bool {
    let words = |t: &str| {
        t.split_whitespace()
            .map(str::to_lowercase)
            .collect::<Vec<_>>()
    };
    words(a) == words(b)
}

impl fmt::Display for InputFormat {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            InputFormat::Csv => "plain table",
            InputFormat::GoogleForms => "Google Forms",
            InputFormat::MicrosoftForms => "Microsoft Forms",
            InputFormat::SurveyMonkey => "SurveyMonkey",
            InputFormat::Qualtrics => "Qualtrics",
            InputFormat::QualtricsLegacy => "Qualtrics (legacy layout)",
            InputFormat::LimeSurvey => "LimeSurvey",
        })
    }
}

fn cells(row: Option<&StringRecord>) -> impl Iterator<Item = &str> {
    row.into_iter().flat_map(|r| r.iter()).map(str::trim)
}

/// A header compared without case and white space (`Respondent ID` and `RespondentID` alike).
fn compact(text: &str) -> String {
    text.chars()
        .filter(|c| !c.is_whitespace())
        .flat_map(char::to_lowercase)
        .collect()
}

fn has(row: Option<&StringRecord>, name: &str) -> bool {
    let name = compact(name);
    cells(row).any(|c| compact(c) == name)
}

/// The parts of a LimeSurvey code-and-text heading, `code. text` (`submitdate. Date
/// submitted`, `G1Q1[SQ001]. How true...`): the code has no space in it.
pub(crate) fn code_and_text(header: &str) -> Option<(&str, &str)> {
    let (code, text) = header.trim().split_once(". ")?;
    let text = text.trim();
    (!code.is_empty() && !code.contains(char::is_whitespace) && !text.is_empty())
        .then_some((code, text))
}

/// Whether a cell is a Qualtrics `ImportId` marker: the JSON form (`{"ImportId":"QID1"}`) or
/// the older Python-style form with single quotes (`{'ImportId': 'QID2-1'}`).
fn is_import_id(cell: &str) -> bool {
    cell.strip_prefix('{')
        .map(str::trim_start)
        .is_some_and(|rest| rest.starts_with("\"ImportId\"") || rest.starts_with("'ImportId'"))
}

/// The texts SurveyMonkey writes in its second header row under a question with one answer.
fn is_response_marker(cell: &str) -> bool {
    cell.eq_ignore_ascii_case("Response") || cell.eq_ignore_ascii_case("Open-Ended Response")
}

/// Whether row 2 reads as SurveyMonkey's second header row without the metadata columns that
/// name the tool: `Response` or `Open-Ended Response` under a question of row 1, and no cell
/// that is a number (a data row of answers would hold some).
fn surveymonkey_second_row(r1: Option<&StringRecord>, r2: Option<&StringRecord>) -> bool {
    let (Some(r1), Some(r2)) = (r1, r2) else {
        return false;
    };
    let marked = r2
        .iter()
        .zip(r1.iter())
        .any(|(sub, top)| is_response_marker(sub.trim()) && !top.trim().is_empty());
    marked && !cells(Some(r2)).any(|c| c.parse::<f64>().is_ok())
}

/// Detect the layout from the first (at most three) records, which may be header or data rows,
/// and say why. Only the tools' fixed metadata headers and markers are looked at, never
/// question texts (they may be in any language) nor answers.
pub(crate) fn detect(rows: &[StringRecord], workbook: bool) -> (InputFormat, String) {
    let (r1, r2, r3) = (rows.first(), rows.get(1), rows.get(2));
    let mut third = cells(r3).filter(|c| !c.is_empty()).peekable();
    if third.peek().is_some() && third.all(is_import_id) {
        return (
            InputFormat::Qualtrics,
            "row 3 holds {\"ImportId\": ...} markers".into(),
        );
    }
    if r1.and_then(|r| r.get(0)).map(str::trim) == Some("V1") && has(r1, "V2") {
        return (
            InputFormat::QualtricsLegacy,
            "row 1 starts with the variable names V1, V2".into(),
        );
    }
    if has(r2, "ResponseID") && has(r2, "ResponseSet") {
        return (
            InputFormat::QualtricsLegacy,
            "row 2 holds ResponseID and ResponseSet".into(),
        );
    }
    if has(r1, "Respondent ID") && has(r1, "Collector ID") && r2.is_some() {
        return (
            InputFormat::SurveyMonkey,
            "row 1 holds Respondent ID and Collector ID".into(),
        );
    }
    if surveymonkey_second_row(r1, r2) {
        return (
            InputFormat::SurveyMonkey,
            "row 2 holds Response or Open-Ended Response under the questions of row 1".into(),
        );
    }
    // LimeSurvey's columns by code and by text; a code-and-text heading holds both.
    let lime = [
        ("lastpage", "Last page"),
        ("startlanguage", "Start language"),
        ("submitdate", "Date submitted"),
    ];
    let lime_names: Vec<&str> = cells(r1)
        .flat_map(|c| match code_and_text(c) {
            Some((code, text)) => vec![c, code, text],
            None => vec![c],
        })
        .collect();
    let found: Vec<&str> = lime
        .into_iter()
        .filter_map(|(code, text)| {
            [code, text]
                .into_iter()
                .find(|n| lime_names.iter().any(|c| c.eq_ignore_ascii_case(n)))
        })
        .collect();
    if found.len() >= 2 {
        return (
            InputFormat::LimeSurvey,
            format!("row 1 holds {}", found.join(" and ")),
        );
    }
    if workbook && has(r1, "Start time") && has(r1, "Completion time") {
        return (
            InputFormat::MicrosoftForms,
            "row 1 holds Start time and Completion time".into(),
        );
    }
    if r1
        .and_then(|r| r.get(0))
        .map(str::trim)
        .is_some_and(|c| c.eq_ignore_ascii_case("Timestamp"))
    {
        return (
            InputFormat::GoogleForms,
            "row 1 starts with Timestamp".into(),
        );
    }
    (
        InputFormat::Csv,
        "no survey tool's header found: one header row".into(),
    )
}

/// The names of one column, from its header rows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct ColumnNames {
    /// The name shown for the column (the joined header for SurveyMonkey, the variable name for
    /// Qualtrics, else the header).
    pub shown: String,
    /// Every name the column may be matched by, `shown` first (Qualtrics: variable name and
    /// question text). Empty names are left out.
    pub names: Vec<String>,
}

/// The names of every column from the header rows of a layout.
///
/// SurveyMonkey: row 1 is carried forward over blank cells; when row 2 names a matrix row (any
/// text but `Response` or `Open-Ended Response`) the name is `Row 1 - Row 2`. Qualtrics (both
/// layouts): the column is named by its variable name (row 1) and its text (row 2).
pub(crate) fn column_names(format: InputFormat, headers: &[StringRecord]) -> Vec<ColumnNames> {
    let width = headers.iter().map(StringRecord::len).max().unwrap_or(0);
    let cell = |row: usize, col: usize| -> &str {
        headers
            .get(row)
            .and_then(|r| r.get(col))
            .map_or("", str::trim)
    };
    let mut carried = String::new();
    let mut above = vec![String::new(); headers.len()];
    (0..width)
        .map(|col| {
            let names: Vec<String> = match format {
                InputFormat::SurveyMonkey => {
                    let (top, sub) = (cell(0, col), cell(1, col));
                    if !top.is_empty() {
                        carried = top.to_string();
                    }
                    let plain = sub.is_empty()
                        || sub.eq_ignore_ascii_case("Response")
                        || sub.eq_ignore_ascii_case("Open-Ended Response");
                    if top.is_empty() && sub.is_empty() {
                        vec![]
                    } else if plain {
                        vec![carried.clone()]
                    } else if carried.is_empty() {
                        vec![sub.to_string()]
                    } else {
                        vec![format!("{carried} - {sub}")]
                    }
                }
                InputFormat::Qualtrics | InputFormat::QualtricsLegacy => {
                    let (var, text) = (cell(0, col), cell(1, col));
                    let mut names = vec![];
                    for n in [var, text] {
                        if !n.is_empty() && !names.iter().any(|m: &String| m == n) {
                            names.push(n.to_string());
                        }
                    }
                    names
                }
                InputFormat::LimeSurvey => match code_and_text(cell(0, col)) {
                    Some((code, text)) => vec![cell(0, col).into(), code.into(), text.into()],
                    None => plain(cell(0, col)),
                },
                _ if headers.len() > 1 => stacked(&mut above, |row| cell(row, col), headers.len()),
                _ => plain(cell(0, col)),
            };
            ColumnNames {
                shown: names.first().cloned().unwrap_or_default(),
                names,
            }
        })
        .collect()
}

/// A one-row header's names: the header, unless it is empty.
fn plain(header: &str) -> Vec<String> {
    [header]
        .into_iter()
        .filter(|n| !n.is_empty())
        .map(String::from)
        .collect()
}

/// The names of a column of a plain table with `rows` header rows (`--header-rows`): every row
/// but the last is carried forward over blank cells (a heading over several columns), and the
/// non-empty parts are joined with ` - ` (`Question - Sub-question`), which is matched like a
/// matrix row; the last row's text alone is a second name. A column blank in every row has no
/// name, even under a carried heading.
fn stacked<'a>(above: &mut [String], cell: impl Fn(usize) -> &'a str, rows: usize) -> Vec<String> {
    if (0..rows).all(|row| cell(row).is_empty()) {
        return vec![];
    }
    let last = cell(rows - 1);
    let mut parts: Vec<&str> = Vec::with_capacity(rows);
    for (row, carried) in above.iter_mut().enumerate().take(rows - 1) {
        if !cell(row).is_empty() {
            *carried = cell(row).to_string();
        }
    }
    parts.extend(
        above[..rows - 1]
            .iter()
            .map(String::as_str)
            .filter(|p| !p.is_empty()),
    );
    parts.push(last);
    parts.retain(|p| !p.is_empty());
    parts.dedup();
    let joined = parts.join(" - ");
    let mut names = vec![joined];
    if !last.is_empty() && names[0] != last {
        names.push(last.to_string());
    }
    names
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rows(text: &str) -> Vec<StringRecord> {
        text.lines()
            .map(|l| StringRecord::from(l.split(',').collect::<Vec<_>>()))
            .collect()
    }

    #[test]
    fn detects_each_layout_from_its_markers() {
        let cases = [
            (
                "StartDate,ResponseId,Q1\nStart Date,Response ID,Changes...\n{\"ImportId\":\"startDate\"},{\"ImportId\":\"_recordId\"},{\"ImportId\":\"QID1\"}",
                InputFormat::Qualtrics,
            ),
            (
                "V1,V2,Q1\nResponseID,ResponseSet,Text",
                InputFormat::QualtricsLegacy,
            ),
            (
                "Respondent ID,Collector ID,Q\n,,Response",
                InputFormat::SurveyMonkey,
            ),
            (
                "id,submitdate,lastpage,startlanguage,Q1",
                InputFormat::LimeSurvey,
            ),
            (
                "Response ID,Date submitted,Last page,Start language,Q1",
                InputFormat::LimeSurvey,
            ),
            ("Timestamp,Email Address,Q", InputFormat::GoogleForms),
            ("id,role,C1\n1,IT,4", InputFormat::Csv),
        ];
        for (text, want) in cases {
            assert_eq!(detect(&rows(text), false).0, want, "{text}");
        }
        let forms = rows("ID,Start time,Completion time,Email,Name,Q");
        assert_eq!(detect(&forms, true).0, InputFormat::MicrosoftForms);
        assert_eq!(detect(&forms, false).0, InputFormat::Csv);
    }

    #[test]
    fn surveymonkey_headers_are_carried_and_joined() {
        let names = column_names(
            InputFormat::SurveyMonkey,
            &rows(
                "Respondent ID,Role,How true is this?,,,\n,Response,Changes are fast,Changes are safe,Other,",
            ),
        );
        let shown: Vec<&str> = names.iter().map(|n| n.shown.as_str()).collect();
        assert_eq!(
            shown,
            [
                "Respondent ID",
                "Role",
                "How true is this? - Changes are fast",
                "How true is this? - Changes are safe",
                "How true is this? - Other",
                ""
            ]
        );
    }

    #[test]
    fn qualtrics_columns_have_two_names() {
        let names = column_names(InputFormat::Qualtrics, &rows("Q1,Q2\nText one,Q2\n{},{}"));
        assert_eq!(names[0].names, ["Q1", "Text one"]);
        assert_eq!(names[1].names, ["Q2"]);
    }
}
