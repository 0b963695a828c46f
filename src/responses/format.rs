//! The survey tools' layouts: detecting one from the header rows, and joining the header rows
//! into one set of names per column.

use crate::choice::Choice;
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

fn has(row: Option<&StringRecord>, name: &str) -> bool {
    cells(row).any(|c| c.eq_ignore_ascii_case(name))
}

/// Detect the layout from the first (at most three) records, which may be header or data rows,
/// and say why. Only the tools' fixed metadata headers and markers are looked at, never
/// question texts (they may be in any language) nor answers.
pub(crate) fn detect(rows: &[StringRecord], workbook: bool) -> (InputFormat, String) {
    let (r1, r2, r3) = (rows.first(), rows.get(1), rows.get(2));
    let mut third = cells(r3).filter(|c| !c.is_empty()).peekable();
    if third.peek().is_some() && third.all(|c| c.starts_with("{\"ImportId\"")) {
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
    let lime = [
        "lastpage",
        "startlanguage",
        "submitdate",
        "Last page",
        "Start language",
        "Date submitted",
    ];
    let found: Vec<&str> = lime.into_iter().filter(|n| has(r1, n)).collect();
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
                _ => [cell(0, col)]
                    .into_iter()
                    .filter(|n| !n.is_empty())
                    .map(String::from)
                    .collect(),
            };
            ColumnNames {
                shown: names.first().cloned().unwrap_or_default(),
                names,
            }
        })
        .collect()
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
