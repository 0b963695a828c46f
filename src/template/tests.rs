use super::*;
use std::io::Read as _;

fn questionnaire(yaml: &str) -> Questionnaire {
    crate::questionnaire::parse(yaml, "t.yaml").unwrap_or_else(|e| panic!("{e}"))
}

/// A questionnaire whose texts hold what CSV must quote: a comma, quotes, a line break, and a
/// leading `=` a spreadsheet would run.
const AWKWARD: &str = r#"id: t
title: T
scale: {min: 1, max: 4, labels: {1: "No, never", 4: Always}}
domains:
  - id: d
    name: D
    questions:
      - {id: Q1, text: "Changes, even small ones, are logged."}
      - {id: Q2, text: "The \"emergency\" route is rare.\nReally rare."}
      - {id: Q3, text: "=1+1 is not a formula"}
open_questions:
  - {id: O1, text: What would you change?}
"#;

/// The part of a workbook at `name`, as text.
fn part(bytes: &[u8], name: &str) -> String {
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(bytes)).expect("a zip");
    let mut text = String::new();
    archive
        .by_name(name)
        .expect("the part")
        .read_to_string(&mut text)
        .expect("UTF-8");
    text
}

#[test]
fn the_response_template_names_the_questions_as_they_are() {
    let q = questionnaire(
        "id: t\ntitle: T\nscale: {min: 1, max: 5}\ndomains:\n  - id: d\n    name: D\n    questions: [{id: -Q1, text: a}, {id: Q.2, text: b}]\n",
    );
    // "-Q1" keeps its minus: `score` matches the header letter for letter.
    let text = csv(&q).expect("CSV");
    assert_eq!(text.lines().next(), Some("role,-Q1,Q.2"));
    assert_eq!(text, format!("role,-Q1,Q.2\n{GROUP_NOTE},a,b\n"));
}

#[test]
fn the_texts_row_is_quoted_and_guarded() {
    let text = csv(&questionnaire(AWKWARD)).expect("CSV");
    assert_eq!(
        text,
        format!(
            "role,Q1,Q2,Q3,O1\n{GROUP_NOTE},\"Changes, even small ones, are logged.\",\"The \"\"emergency\"\" route is rare.\nReally rare.\",'=1+1 is not a formula,What would you change?\n"
        )
    );
    // Read back by a CSV parser, the row holds the texts (the guard's apostrophe aside).
    let mut reader = ::csv::Reader::from_reader(text.as_bytes());
    let row = reader.records().next().expect("a row").expect("CSV");
    assert_eq!(&row[2], "The \"emergency\" route is rare.\nReally rare.");
    assert_eq!(&row[3], "'=1+1 is not a formula");
}

#[test]
fn the_format_is_asked_for_or_taken_from_the_file_name() {
    let choose = |asked, path: Option<&str>| TemplateFormat::choose(asked, path.map(Path::new));
    assert_eq!(choose(None, None), TemplateFormat::Csv);
    assert_eq!(choose(None, Some("t.csv")), TemplateFormat::Csv);
    assert_eq!(choose(None, Some("out/T.XLSX")), TemplateFormat::Xlsx);
    assert_eq!(
        choose(Some(TemplateFormat::Csv), Some("t.xlsx")),
        TemplateFormat::Csv
    );
    assert_eq!(
        choose(Some(TemplateFormat::Xlsx), None),
        TemplateFormat::Xlsx
    );
}

#[test]
fn the_workbook_is_the_same_bytes_every_time_and_dated_as_fixed() {
    let q = questionnaire(AWKWARD);
    let (a, b) = (xlsx(&q).expect("xlsx"), xlsx(&q).expect("xlsx"));
    assert!(a == b, "two runs differ");
    let core = part(&a, "docProps/core.xml");
    assert!(
        core.contains(
            "<dcterms:created xsi:type=\"dcterms:W3CDTF\">2026-01-01T00:00:00Z</dcterms:created>"
        ),
        "{core}"
    );
}

#[test]
fn every_answer_cell_has_a_drop_down_of_the_scale_and_na() {
    let bytes = xlsx(&questionnaire(AWKWARD)).expect("xlsx");
    let sheet = part(&bytes, "xl/worksheets/sheet1.xml");
    // "No, never" holds a comma, which a list written into the validation cannot: the list is
    // the Scale sheet's column A, rows 2 to 6 (1, 2, 3, 4 and N/A), over the scored columns B
    // to D from row 3 to Excel's last row.
    assert!(sheet.contains("<dataValidation "), "{sheet}");
    assert!(sheet.contains("sqref=\"B3:D1048576\""), "{sheet}");
    assert!(
        sheet.contains("<formula1>Scale!$A$2:$A$6</formula1>"),
        "{sheet}"
    );
    // The texts row is written as text (no formula), and the top two rows are frozen with A.
    assert!(!sheet.contains("<f>"), "{sheet}");
    assert!(sheet.contains("topLeftCell=\"B3\""), "{sheet}");
    let strings = part(&bytes, "xl/sharedStrings.xml");
    for text in [
        "Changes, even small ones, are logged.",
        "The \"emergency\" route is rare.\nReally rare.",
        "=1+1 is not a formula",
        "No, never",
        "N/A",
        GROUP_NOTE,
    ] {
        assert!(strings.contains(text), "{text}: {strings}");
    }
}

#[test]
fn a_short_scale_is_listed_in_the_validation_itself_with_the_numbers_meaning() {
    let q = questionnaire(
        "id: t\ntitle: T\nscale: {min: 1, max: 3, labels: {1: Disagree, 3: Agree}}\ndomains:\n  - id: d\n    name: D\n    questions: [{id: Q1, text: a}]\n",
    );
    let sheet = part(&xlsx(&q).expect("xlsx"), "xl/worksheets/sheet1.xml");
    // Value 2 has no label: the number itself is offered.
    assert!(
        sheet.contains("<formula1>\"Disagree,2,Agree,N/A\"</formula1>"),
        "{sheet}"
    );
    assert!(
        sheet.contains("prompt=\"1 = Disagree&#xA;2&#xA;3 = Agree&#xA;N/A = not applicable\""),
        "{sheet}"
    );
}

/// How the reader takes a file: its header rows and data rows.
fn read_back(name: &str, bytes: Vec<u8>, q: &Questionnaire) -> (usize, u64) {
    let source = crate::responses::Source::from_reader(name, std::io::Cursor::new(bytes));
    let report = crate::responses::inspect(source, q, &crate::responses::ReadOptions::default())
        .unwrap_or_else(|e| panic!("{e}"));
    (report.header_rows, report.rows)
}

#[test]
fn the_reader_takes_the_texts_row_for_a_header_row_in_either_form() {
    let q = questionnaire(AWKWARD);
    let blank = csv(&q).expect("CSV");
    // The quoted texts, the guarded `=1+1`, the line break: two header rows, one respondent.
    let filled = format!("{blank}IT,1,4,Always,Less paper\n");
    assert_eq!(read_back("t.csv", filled.into_bytes(), &q), (2, 1));
    // Retyped by hand with other case and spacing, one text left out: still the texts row.
    let retyped = "role,Q1,Q2,Q3,O1\nwho,\"changes,  even small ones, ARE logged.\",,=1+1 is not a formula,\nIT,1,4,Always,\n";
    assert_eq!(read_back("t.csv", retyped.into(), &q), (2, 1));
    assert_eq!(read_back("t.xlsx", xlsx(&q).expect("xlsx"), &q), (2, 0));
}
