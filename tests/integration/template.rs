//! The blank response template: its two header rows (ids, statement texts), filled by hand as a
//! CSV or as the workbook `template --format xlsx` writes, read back and scored like the same
//! answers without the texts row.

use crate::common::{fixtures, run, stderr, stdout};
use itsm_assess::template::GROUP_NOTE;
use serde_json::Value;
use std::io::{Read as _, Write as _};
use std::path::Path;

/// The questionnaire: `small.yaml` of the export tests (C1, C2 in domain change, I1 in
/// incident; labels Strongly disagree 1 to Strongly agree 5). I1's text holds a comma.
fn small_q() -> String {
    fixtures().join("exports/small.yaml").display().to_string()
}

/// Ten people: (role, C1, C2, I1). By hand: IT's change scores (the mean of C1 and C2) are 3, 4,
/// 4, 2.5, 4, mean 3.5, and its I1 answers 5, 4, 4, 5, 2, mean 4; Business's change scores are
/// 1.5, 2, 2, 1.5, 3, mean 2, its I1 all 3. Overall: change 27.5 / 10 = 2.75, incident 3.5.
const PEOPLE: [(&str, u8, u8, u8); 10] = [
    ("IT", 4, 2, 5),
    ("IT", 5, 3, 4),
    ("IT", 4, 4, 4),
    ("IT", 3, 2, 5),
    ("IT", 4, 4, 2),
    ("Business", 1, 2, 3),
    ("Business", 2, 2, 3),
    ("Business", 1, 3, 3),
    ("Business", 2, 1, 3),
    ("Business", 4, 2, 3),
];

/// The label `small.yaml` gives a value.
fn label(value: u8) -> &'static str {
    [
        "Strongly disagree",
        "Disagree",
        "Neutral",
        "Agree",
        "Strongly agree",
    ][usize::from(value) - 1]
}

/// `score -f json -g role` of one file.
fn score(file: &Path) -> Value {
    let out = run([
        "score",
        "-f",
        "json",
        "-g",
        "role",
        "-q",
        &small_q(),
        &file.display().to_string(),
    ]);
    assert!(out.status.success(), "{}", stderr(&out));
    serde_json::from_str(&stdout(&out)).expect("JSON")
}

fn domain<'a>(json: &'a Value, id: &str) -> &'a Value {
    json["domains"]
        .as_array()
        .and_then(|ds| ds.iter().find(|d| d["id"] == id))
        .unwrap_or_else(|| panic!("no domain {id}"))
}

fn close(value: &Value, want: f64, what: &str) {
    let got = value.as_f64().unwrap_or_else(|| panic!("{what}: {value}"));
    assert!((got - want).abs() < 1e-9, "{what}: {got}, expected {want}");
}

/// The hand-worked figures of [`PEOPLE`].
fn assert_people(json: &Value, what: &str) {
    assert_eq!(json["respondents"]["scored"], 10, "{what}");
    close(&domain(json, "change")["mean"], 2.75, what);
    close(&domain(json, "incident")["mean"], 3.5, what);
    for (d, it, business) in [("change", 3.5, 2.0), ("incident", 4.0, 3.0)] {
        let groups = domain(json, d)["groups"].as_array().expect("groups");
        let mean = |value: &str| {
            let g = groups
                .iter()
                .find(|g| g["value"] == value)
                .unwrap_or_else(|| panic!("{what}: no group {value}"));
            assert_eq!(g["n"], 5, "{what}: {value}");
            g["mean"].clone()
        };
        close(&mean("IT"), it, &format!("{what}: {d} IT"));
        close(
            &mean("Business"),
            business,
            &format!("{what}: {d} Business"),
        );
    }
}

/// The template's two rows for `small.yaml`, worked out from the questionnaire: I1's text is
/// quoted for its comma.
fn expected_csv() -> String {
    format!(
        "role,C1,C2,I1\n{GROUP_NOTE},Standard changes skip the board.,Changes rarely cause incidents.,\"Major incidents have a named owner, always.\"\n"
    )
}

#[test]
fn a_filled_csv_template_scores_exactly_like_the_same_answers_without_its_texts_row() {
    let out = run(["template", "-q", &small_q()]);
    assert!(out.status.success(), "{}", stderr(&out));
    let template = stdout(&out);
    assert_eq!(template, expected_csv());
    // Half the answers as numbers, half as labels, as a workshop might write them.
    let mut rows = String::new();
    for (i, (role, c1, c2, i1)) in PEOPLE.iter().enumerate() {
        let c2 = if i % 2 == 0 {
            label(*c2).to_string()
        } else {
            c2.to_string()
        };
        rows.push_str(&format!("{role},{c1},{c2},{}\n", label(*i1)));
    }
    let dir = tempfile::tempdir().unwrap();
    let (filled, plain) = (dir.path().join("filled"), dir.path().join("plain"));
    std::fs::create_dir_all(&filled).unwrap();
    std::fs::create_dir_all(&plain).unwrap();
    let (filled, plain) = (filled.join("answers.csv"), plain.join("answers.csv"));
    std::fs::write(&filled, format!("{template}{rows}")).unwrap();
    let first = template.lines().next().unwrap();
    std::fs::write(&plain, format!("{first}\n{rows}")).unwrap();
    let (a, b) = (score(&filled), score(&plain));
    assert_people(&a, "filled template");
    assert_eq!(a, b, "the texts row changed the scores");
    let out = run(["inspect", "-q", &small_q(), &filled.display().to_string()]);
    let text = stdout(&out);
    assert!(
        text.contains(
            "Format: plain table (row 2 holds the questionnaire's statement texts (the blank template's second header row): two header rows)"
        ),
        "{text}"
    );
    assert!(text.contains("Every question has a column."), "{text}");
}

#[test]
fn a_second_row_that_is_not_the_statements_is_read_as_a_respondent() {
    // One text edited: the row is not the template's, so it is a respondent's, whose cells are
    // not answers.
    let text = expected_csv().replace("Changes rarely", "Changes seldom") + "IT,4,4,4\n";
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("edited.csv");
    std::fs::write(&file, text).unwrap();
    let out = run(["score", "-q", &small_q(), &file.display().to_string()]);
    assert_eq!(out.status.code(), Some(1));
    let err = stderr(&out);
    assert!(err.contains("edited.csv:2:2: column 'C1'"), "{err}");
}

/// The part `name` of a workbook.
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

/// The workbook with the sheet `xl/worksheets/sheet1.xml` replaced, every other part copied.
fn with_sheet(bytes: &[u8], sheet: &str) -> Vec<u8> {
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(bytes)).expect("a zip");
    let mut writer = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated);
    for i in 0..archive.len() {
        let mut entry = archive.by_index(i).expect("an entry");
        let name = entry.name().expect("a name").to_string();
        let mut data = Vec::new();
        entry.read_to_end(&mut data).expect("read");
        writer.start_file(name.as_str(), options).expect("start");
        if name == "xl/worksheets/sheet1.xml" {
            writer.write_all(sheet.as_bytes()).expect("write");
        } else {
            writer.write_all(&data).expect("write");
        }
    }
    writer.finish().expect("finish").into_inner()
}

/// A cell of text, as Excel stores a choice (inline here rather than shared).
fn text_cell(cell: &str, text: &str) -> String {
    format!("<c r=\"{cell}\" t=\"inlineStr\"><is><t>{text}</t></is></c>")
}

#[test]
fn a_workbook_template_has_drop_downs_and_reads_back_filled_with_their_labels() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("template.xlsx");
    // The format follows the file name.
    let out = run([
        "template",
        "-q",
        &small_q(),
        "-o",
        &path.display().to_string(),
    ]);
    assert!(out.status.success(), "{}", stderr(&out));
    let bytes = std::fs::read(&path).unwrap();
    assert!(bytes.starts_with(b"PK"), "not a workbook");
    let sheet = part(&bytes, "xl/worksheets/sheet1.xml");
    // A drop-down over C1, C2 and I1 (columns B to D) from row 3 down: the labels, then N/A.
    assert!(sheet.contains("<dataValidation "), "{sheet}");
    assert!(sheet.contains("sqref=\"B3:D1048576\""), "{sheet}");
    assert!(
        sheet.contains(
            "<formula1>\"Strongly disagree,Disagree,Neutral,Agree,Strongly agree,N/A\"</formula1>"
        ),
        "{sheet}"
    );
    assert!(
        sheet.contains("prompt=\"1 = Strongly disagree&#xA;2 = Disagree&#xA;3 = Neutral&#xA;4 = Agree&#xA;5 = Strongly agree&#xA;N/A = not applicable\""),
        "{sheet}"
    );
    assert!(
        sheet.contains("<pane ") && sheet.contains("topLeftCell=\"B3\""),
        "{sheet}"
    );
    // Read as it is: the two header rows and nobody.
    let out = run(["inspect", "-q", &small_q(), &path.display().to_string()]);
    assert!(stdout(&out).contains("two header rows"), "{}", stdout(&out));

    // Fill it: every answer chosen from the drop-down (its label), one I1 typed as a number.
    let mut rows = String::new();
    for (i, (role, c1, c2, i1)) in PEOPLE.iter().enumerate() {
        let r = i + 3;
        let i1 = if i == 0 {
            format!("<c r=\"D{r}\"><v>{i1}</v></c>")
        } else {
            text_cell(&format!("D{r}"), label(*i1))
        };
        rows.push_str(&format!(
            "<row r=\"{r}\">{}{}{}{i1}</row>",
            text_cell(&format!("A{r}"), role),
            text_cell(&format!("B{r}"), label(*c1)),
            text_cell(&format!("C{r}"), label(*c2)),
        ));
    }
    assert!(sheet.contains("</row></sheetData>"), "{sheet}");
    let filled = sheet
        .replace("</row></sheetData>", &format!("</row>{rows}</sheetData>"))
        .replace("<dimension ref=\"A1:D2\"/>", "<dimension ref=\"A1:D12\"/>");
    let filled_path = dir.path().join("filled.xlsx");
    std::fs::write(&filled_path, with_sheet(&bytes, &filled)).unwrap();
    let json = score(&filled_path);
    assert_people(&json, "filled workbook");
}

#[test]
fn the_workbook_is_byte_identical_from_run_to_run_and_can_be_asked_for() {
    let dir = tempfile::tempdir().unwrap();
    let mut written = Vec::new();
    for name in ["a.bin", "b.bin"] {
        let path = dir.path().join(name);
        let out = run([
            "template",
            "-q",
            "danger-signs",
            "--format",
            "xlsx",
            "-o",
            &path.display().to_string(),
        ]);
        assert!(out.status.success(), "{}", stderr(&out));
        written.push(std::fs::read(&path).unwrap());
    }
    assert!(written[0].starts_with(b"PK"), "not a workbook");
    assert!(written[0] == written[1], "two runs differ");
    let core = part(&written[0], "docProps/core.xml");
    assert!(core.contains(">2026-01-01T00:00:00Z<"), "{core}");
    // `--format csv` wins over the file name.
    let path = dir.path().join("t.xlsx");
    let out = run([
        "template",
        "-q",
        "danger-signs",
        "-f",
        "csv",
        "-o",
        &path.display().to_string(),
    ]);
    assert!(out.status.success(), "{}", stderr(&out));
    let text = std::fs::read_to_string(&path).unwrap();
    assert!(text.starts_with("role,CE1,"), "{text}");
}
