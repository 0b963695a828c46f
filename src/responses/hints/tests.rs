//! Unit tests of the hints.

use super::*;
use crate::responses::TextEncoding;

/// Messages name settings by their flags: the vocabulary is one per process, and other tests
/// install the command line's.
fn cli_words() {
    crate::error::set_vocabulary(crate::cli::flag);
}

fn danger_signs() -> Questionnaire {
    load("danger-signs").expect("built in")
}

/// Columns of a one-row header, classified against a questionnaire as the reader would.
fn columns(q: &Questionnaire, headers: &[&str]) -> Vec<ColumnReport> {
    let index = QuestionIndex::new(q, None).expect("no mapping");
    headers
        .iter()
        .enumerate()
        .map(|(i, h)| ColumnReport {
            position: i + 1,
            header: h.to_string(),
            other_names: Vec::new(),
            role: index.classify(&ColumnNames {
                shown: h.to_string(),
                names: vec![h.to_string()],
            }),
        })
        .collect()
}

/// The questions of a questionnaire with no column among `columns`, as the reader lists them.
fn missing(q: &Questionnaire, columns: &[ColumnReport]) -> Vec<(String, String)> {
    q.questions()
        .map(|(_, qu)| qu)
        .filter(|qu| {
            !columns
                .iter()
                .any(|c| matches!(&c.role, ColumnRole::Question { id, .. } if *id == qu.id))
        })
        .map(|qu| (qu.id.clone(), qu.text.clone()))
        .collect()
}

#[test]
fn near_means_a_few_edits_from_the_same_first_character() {
    assert_eq!(distance("ce77", "ce7"), Some(1));
    assert_eq!(distance(&compact("PR 2"), &compact("PR2")), Some(0));
    // Ids of one or two characters must be spelled out; another scheme is no typo.
    assert_eq!(distance("q1", "c1"), None);
    assert_eq!(distance("c11", "c1"), None);
    assert_eq!(distance("q7", "ce7"), None);
    assert_eq!(distance("ce123", "ce7"), None);
    // A text: a quarter of its characters may change ('cab' for 'board': 4 of 27, c->b, o
    // inserted, b->r, d inserted).
    assert_eq!(
        distance(
            &compact("Standard changes skip the CAB."),
            &compact("Standard changes skip the board.")
        ),
        Some(4)
    );
    assert_eq!(allowed_edits(2), 0);
    assert_eq!(allowed_edits(3), 1);
    assert_eq!(allowed_edits(27), 6);
}

#[test]
fn each_question_is_suggested_for_one_column_only() {
    cli_words();
    let q = danger_signs();
    let cols = columns(&q, &["Role", "CE7 7", "CE77", "PR 2", "Timestamp"]);
    let hints = Hints::new(&q, &cols, &missing(&q, &cols), &["role".to_string()]);
    // Both CE7 7 and CE77 are one edit from CE7, which goes to the first. Role is grouped by
    // and Timestamp is a date: neither is listed.
    assert_eq!(
        hints.unmatched,
        [
            UnmatchedColumn {
                position: 2,
                header: "CE7 7".into(),
                near: Some("CE7".into())
            },
            UnmatchedColumn {
                position: 3,
                header: "CE77".into(),
                near: None
            },
            UnmatchedColumn {
                position: 4,
                header: "PR 2".into(),
                near: Some("PR2".into())
            },
        ]
    );
    assert_eq!(hints.questionnaire, None);
    assert_eq!(
        hints.sentences(),
        [
            "Did you mean CE7 for column 2 ('CE7 7'), PR2 for column 4 ('PR 2')? Rename the header(s), or map them in a mapping file (--mapping)",
            "Other columns matching no question: 3 ('CE77')",
        ]
    );
}

#[test]
fn no_hints_when_every_question_has_a_column() {
    let q = load("itsm-pulse").expect("built in");
    let ids: Vec<&str> = q.questions().map(|(_, qu)| qu.id.as_str()).collect();
    let mut headers = ids.clone();
    headers.push("Extra");
    let cols = columns(&q, &headers);
    assert_eq!(Hints::new(&q, &cols, &[], &[]), Hints::default());
}

#[test]
fn the_headers_of_another_questionnaire_name_it_only_when_it_fits_better() {
    cli_words();
    let pulse = load("itsm-pulse").expect("built in");
    // All of danger-signs' change questions: pulse has three of them (CE1, CE8, CE9).
    let headers = [
        "CE1", "CE8", "CE3", "CE4", "CE9", "CE10", "CE11", "CE7", "CE12",
    ];
    let cols = columns(&pulse, &headers);
    let hints = Hints::new(&pulse, &cols, &missing(&pulse, &cols), &[]);
    assert_eq!(hints.questionnaire.as_deref(), Some("danger-signs"));
    assert_eq!(
        hints.sentences(),
        ["These headers are the ids of questionnaire 'danger-signs'; run with -q danger-signs"]
    );
    // Three of pulse's questions and two other columns: danger-signs fits no more of them.
    let cols = columns(&pulse, &["CE1", "CE8", "CE9", "Role", "Site"]);
    let hints = Hints::new(&pulse, &cols, &missing(&pulse, &cols), &[]);
    assert_eq!(hints.questionnaire, None);
    // Pulse fits 3 of 5 columns (more than half); danger-signs would fit all 5 but the
    // questionnaire given may leave the others out on purpose.
    let cols = columns(&pulse, &["CE1", "CE8", "CE9", "CE3", "CE4"]);
    let hints = Hints::new(&pulse, &cols, &missing(&pulse, &cols), &[]);
    assert_eq!(hints.questionnaire, None);
}

fn text(delimiter: u8, forced: bool) -> Container {
    Container::Text {
        encoding: TextEncoding::Utf8,
        delimiter,
        delimiter_forced: forced,
    }
}

#[test]
fn the_delimiter_advice_names_the_delimiter_that_splits_the_header() {
    cli_words();
    let q = danger_signs();
    let index = QuestionIndex::new(&q, None).expect("no mapping");
    let advice = |cells: &[&str], container: &Container| {
        let rows = [StringRecord::from(cells.to_vec())];
        let header = Header {
            name: "a.csv",
            format: InputFormat::Csv,
            rows: &rows,
            container,
        };
        delimiter_advice(&header, &index)
    };
    assert_eq!(
        advice(&["role;CE1;CE8"], &text(b',', false)).as_deref(),
        Some(
            "The header row was split at ',' (as detected), but its names are separated by ';': pass --delimiter ';'"
        )
    );
    assert_eq!(
        advice(&["role\tCE1", "CE8"], &text(b';', true)).as_deref(),
        Some(
            "The header row was split at ';' (as --delimiter forced), but its names are separated by tab: pass --delimiter tab"
        )
    );
    // One cell that another delimiter splits, though into no question.
    assert_eq!(
        advice(&["a|b|c"], &text(b',', false)).as_deref(),
        Some(
            "The header row was split at ',' (as detected), but its names are separated by '|': pass --delimiter '|'"
        )
    );
    // Several cells, none of them a question under any delimiter: no advice.
    assert_eq!(advice(&["a;b", "c"], &text(b',', false)), None);
    let sheet = Container::Xlsx {
        sheet: "Sheet1".into(),
    };
    assert_eq!(advice(&["role;CE1;CE8"], &sheet), None);
}
