//! Tests of sniffing, the workbook checks and reading from streams.

use super::sniff::{sniff_delimiter, sniff_encoding};
use super::xlsx::{check_shared_strings, unique_count};
use super::*;
use crate::responses::{Answer, ReadOptions, Row, read_responses};

/// A file opened for the workbook checks.
fn open(path: &Path) -> BufReader<File> {
    BufReader::new(File::open(path).expect("the fixture opens"))
}

#[test]
fn encodings_are_sniffed() {
    assert_eq!(
        sniff_encoding(b"\xEF\xBB\xBFa,b", true),
        Ok(TextEncoding::Utf8Bom)
    );
    assert_eq!(
        sniff_encoding(b"\xFF\xFEa\0", true),
        Ok(TextEncoding::Utf16Le)
    );
    assert_eq!(
        sniff_encoding(b"\xFE\xFF\0a", true),
        Ok(TextEncoding::Utf16Be)
    );
    assert_eq!(
        sniff_encoding("é,b".as_bytes(), true),
        Ok(TextEncoding::Utf8)
    );
    // A two-byte character cut by the end of the sample is still UTF-8 ...
    assert_eq!(sniff_encoding(b"a,\xC3", false), Ok(TextEncoding::Utf8));
    // ... but not at the end of the file.
    assert_eq!(
        sniff_encoding(b"a,\xC3", true),
        Ok(TextEncoding::Windows1252)
    );
    assert_eq!(
        sniff_encoding(b"Op\xE9rations;x", true),
        Ok(TextEncoding::Windows1252)
    );
    let err = sniff_encoding(b"\x89PNG\r\n\x1a\n\0\0", true).expect_err("binary");
    assert!(err.contains("control byte 0x1A"), "{err}");
}

#[test]
fn a_shared_strings_claim_beyond_the_part_is_refused_before_calamine_reserves_it() {
    assert_eq!(
        unique_count(b"<?xml?><sst xmlns=\"x\" count=\"3\" uniqueCount=\"2\"><si>"),
        Some(2)
    );
    assert_eq!(unique_count(b"<sst uniqueCount='7'>"), Some(7));
    assert_eq!(unique_count(b"<sst count=\"3\"><si>"), None);
    assert_eq!(
        unique_count(b"<sst uniqueCount=\"99999999999999999999999\">"),
        Some(u64::MAX)
    );
    // The regression fixture: the Microsoft Forms export claiming 4,294,967,295 strings,
    // which made calamine abort the process asking for 103 GB.
    let bomb =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/bad/shared-strings-bomb.xlsx");
    let err = check_shared_strings(&mut open(&bomb)).expect_err("refused");
    assert!(
        err.starts_with("the workbook's shared strings table claims 4294967295 distinct texts"),
        "{err}"
    );
    let good =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/exports/microsoft-forms.xlsx");
    assert_eq!(check_shared_strings(&mut open(&good)), Ok(()));
}

#[test]
fn delimiters_are_sniffed_outside_quotes() {
    assert_eq!(sniff_delimiter("a,b,c\n1;2;3;4;5"), b',');
    assert_eq!(sniff_delimiter("a;b;c\r\n"), b';');
    assert_eq!(sniff_delimiter("a\tb\tc"), b'\t');
    assert_eq!(sniff_delimiter("\"x, y, z\";b"), b';');
    assert_eq!(sniff_delimiter("\"multi\nline, text\";b\n"), b';');
    assert_eq!(sniff_delimiter("single"), b',');
    assert_eq!(sniff_delimiter("a;b,c"), b';');
}

#[test]
fn the_delimiter_that_gives_every_row_the_same_width_wins() {
    // Excel's ';' re-save of questions with commas: 4 commas, 2 semicolons in the header.
    let text =
        "role;Changes, big or small, wait;Costs, per user, are known\nIT;2;3\nBusiness;1;2\n";
    assert_eq!(sniff_delimiter(text), b';');
    // A comma file whose answers hold semicolons in quotes stays a comma file.
    assert_eq!(sniff_delimiter("a,b,c\n1,\"x;y\",3\n4,5,6\n"), b',');
    // Ragged rows: the header decides.
    assert_eq!(sniff_delimiter("a,b,c\n1;2\n3\n"), b',');
}

/// A workbook written part by part, as a crafted file would be: one sheet whose `<sheetData>`
/// is `rows`, with inline strings (no shared strings part unless `shared` gives one).
fn raw_workbook(rows: &str, shared: Option<&[u8]>) -> Vec<u8> {
    use std::io::Write;
    let mut zip = zip::ZipWriter::new(Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default();
    let shared_type = if shared.is_some() {
        r#"<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>"#
    } else {
        ""
    };
    let parts: [(&str, String); 5] = [
        (
            "[Content_Types].xml",
            format!(
                r#"<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>{shared_type}</Types>"#
            ),
        ),
        (
            "_rels/.rels",
            r#"<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>"#.into(),
        ),
        (
            "xl/workbook.xml",
            r#"<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="Sheet1" sheetId="1" r:id="rId1"/></sheets></workbook>"#.into(),
        ),
        (
            "xl/_rels/workbook.xml.rels",
            r#"<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/></Relationships>"#.into(),
        ),
        (
            "xl/worksheets/sheet1.xml",
            format!(
                r#"<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>{rows}</sheetData></worksheet>"#
            ),
        ),
    ];
    for (name, text) in parts {
        zip.start_file(name, options).expect("a part");
        zip.write_all(text.as_bytes()).expect("a part");
    }
    if let Some(shared) = shared {
        zip.start_file("xl/sharedStrings.xml", options)
            .expect("a part");
        zip.write_all(shared).expect("a part");
    }
    zip.finish().expect("the workbook").into_inner()
}

/// An inline-string cell.
fn text_cell(reference: &str, text: &str) -> String {
    format!(r#"<c r="{reference}" t="inlineStr"><is><t>{text}</t></is></c>"#)
}

/// A number cell.
fn number_cell(reference: &str, value: &str) -> String {
    format!(r#"<c r="{reference}"><v>{value}</v></c>"#)
}

/// The answers and group values of each row read.
type WorkbookRows = Vec<(Vec<Answer>, Vec<String>)>;

/// Read a workbook's bytes against the test questionnaire: the answers of each row, grouped by
/// `role`, or the error.
fn read_workbook(bytes: Vec<u8>) -> Result<WorkbookRows, String> {
    let q = crate::responses::tests::questionnaire();
    let opts = ReadOptions {
        group_by: vec!["role".into()],
        ..ReadOptions::default()
    };
    let mut rows = Vec::new();
    read_responses(
        vec![Source::from_reader("crafted.xlsx", Cursor::new(bytes))],
        &q,
        &opts,
        &mut |row: &Row<'_>| rows.push((row.answers(&q.scale), row.groups.to_vec())),
    )
    .map(|_| rows)
    .map_err(|e| e.to_string())
}

/// The header row of the crafted workbooks: role, then the three questions.
fn header_row() -> String {
    format!(
        "<row r=\"1\">{}{}{}{}</row>",
        text_cell("A1", "role"),
        text_cell("B1", "C1"),
        text_cell("C1", "C2"),
        text_cell("D1", "I1")
    )
}

#[test]
fn workbook_cells_out_of_order_and_split_rows_are_read_by_their_references() {
    use crate::responses::Answer::Value as V;
    // Row 2 lists its cells backwards; row 3 is split over two <row> elements with row 4's
    // between them, and lists its second half first.
    let rows = format!(
        "{}<row r=\"2\">{}{}{}{}</row><row r=\"3\">{}</row><row r=\"4\">{}{}</row><row r=\"3\">{}{}</row>",
        header_row(),
        number_cell("D2", "5"),
        number_cell("C2", "2"),
        number_cell("B2", "4"),
        text_cell("A2", "IT"),
        number_cell("D3", "3"),
        text_cell("A4", "Business"),
        number_cell("B4", "1"),
        number_cell("C3", "3"),
        text_cell("A3", "IT"),
    );
    let rows = rows.replace(
        &number_cell("C3", "3"),
        &format!("{}{}", number_cell("C3", "3"), number_cell("B3", "5")),
    );
    let got = read_workbook(raw_workbook(&rows, None)).expect("read");
    let it = vec!["IT".to_string()];
    assert_eq!(
        got,
        vec![
            (vec![V(4), V(2), V(5)], it.clone()),
            (vec![V(5), V(3), V(3)], it),
            (
                vec![V(1), Answer::Missing, Answer::Missing],
                vec!["Business".to_string()]
            ),
        ]
    );
    // In order, but with a row's cells backwards: streamed, nothing dropped.
    let backwards = format!(
        "{}<row r=\"2\">{}{}{}{}</row>",
        header_row(),
        number_cell("D2", "5"),
        number_cell("C2", "2"),
        number_cell("B2", "4"),
        text_cell("A2", "IT"),
    );
    assert_eq!(
        read_workbook(raw_workbook(&backwards, None)).expect("read"),
        vec![(vec![V(4), V(2), V(5)], vec!["IT".to_string()])]
    );
}

#[test]
fn a_workbook_reference_past_excels_limits_is_refused() {
    for reference in ["B4294967297", "XFE2", "B1048577"] {
        let rows = format!(
            "{}<row r=\"2\">{}{}</row>",
            header_row(),
            text_cell("A2", "IT"),
            number_cell(reference, "4")
        );
        let err = read_workbook(raw_workbook(&rows, None)).expect_err("refused");
        assert_eq!(
            err,
            format!(
                "crafted.xlsx: a worksheet refers to the cell '{reference}', past Excel's limits of 1048576 rows and 16384 columns: the file is damaged or crafted; open it in Excel and save it again, or save it as CSV"
            )
        );
    }
}

#[test]
fn a_shared_strings_part_that_inflates_past_its_bound_is_refused() {
    // 3,000,000 honest entries of 12 bytes: 36 MB inflated, a few hundred KB compressed.
    let count = 3_000_000usize;
    let mut shared = format!(r#"<sst uniqueCount="{count}">"#).into_bytes();
    for _ in 0..count {
        shared.extend_from_slice(b"<si><t/></si>");
    }
    shared.extend_from_slice(b"</sst>");
    let rows = format!(
        "{}<row r=\"2\">{}</row>",
        header_row(),
        text_cell("A2", "IT")
    );
    let bytes = raw_workbook(&rows, Some(&shared));
    assert!(bytes.len() < 1024 * 1024, "{}", bytes.len());
    let err = read_workbook(bytes).expect_err("refused");
    assert_eq!(
        err,
        format!(
            "crafted.xlsx: the shared strings part ('xl/sharedStrings.xml') inflates to more than {} bytes, the limit: the file is damaged or crafted, or too large for a workbook; save it as CSV, which is streamed",
            crate::responses::MAX_XLSX_SHARED_STRINGS_BYTES
        )
    );
}

#[test]
fn whole_numbers_in_workbook_cells_read_as_integers() {
    use crate::responses::Answer::Value as V;
    let rows = format!(
        "{}<row r=\"2\">{}{}{}{}</row>",
        header_row(),
        text_cell("A2", "IT"),
        number_cell("B2", "4"),
        number_cell("C2", "2.0"),
        number_cell("D2", "5E0"),
    );
    assert_eq!(
        read_workbook(raw_workbook(&rows, None)).expect("read"),
        vec![(vec![V(4), V(2), V(5)], vec!["IT".to_string()])]
    );
    let mut text = String::new();
    for (value, want) in [
        (4.0, "4"),
        (-0.0, "-0"),
        (4.5, "4.5"),
        (1e16, "10000000000000000"),
        (-3.0, "-3"),
    ] {
        super::xlsx::cell_text(&calamine::DataRef::Float(value), &mut text);
        assert_eq!(text, want, "{value}");
        assert_eq!(text, format!("{value}"), "the float form of {value}");
    }
}
