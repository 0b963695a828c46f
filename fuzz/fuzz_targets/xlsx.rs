//! Fuzz the `.xlsx` path of the response reader with workbooks that are valid zip archives, so
//! that the fuzzer reaches calamine's XML readers rather than stopping at the zip format: the
//! input is the worksheet XML, then (after a line holding only `--`) the shared strings XML;
//! the other parts of a minimal workbook are fixed. The workbook is read with
//! `responses::read_responses` and `responses::inspect` against the built-in danger-signs questionnaire (whose questions the
//! Microsoft Forms fixture answers). It must
//! read the file or report problems naming it, never panic, hang or exhaust memory.
#![no_main]

use itsm_assess::questionnaire::{Questionnaire, load};
use itsm_assess::responses::{ReadError, ReadOptions, Row, Source, inspect, read_responses};
use libfuzzer_sys::fuzz_target;
use std::io::{Cursor, Write};
use std::path::PathBuf;
use std::sync::OnceLock;
use zip::write::SimpleFileOptions;

const CONTENT_TYPES: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/><Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>"#;

const RELS: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>"#;

const WORKBOOK: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="Sheet1" sheetId="1" r:id="rId1"/></sheets></workbook>"#;

const WORKBOOK_RELS: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/></Relationships>"#;

struct Fixture {
    q: Questionnaire,
    path: PathBuf,
    _dir: tempfile::TempDir,
}

fn fixture() -> &'static Fixture {
    static FIXTURE: OnceLock<Fixture> = OnceLock::new();
    FIXTURE.get_or_init(|| {
        let dir = tempfile::tempdir().expect("a temporary folder");
        Fixture {
            q: load("danger-signs").expect("the built-in questionnaire loads"),
            path: dir.path().join("responses.xlsx"),
            _dir: dir,
        }
    })
}

/// A workbook holding the given worksheet and shared strings parts.
fn workbook(sheet: &[u8], strings: Option<&[u8]>) -> Vec<u8> {
    let mut zip = zip::ZipWriter::new(Cursor::new(Vec::new()));
    let options = SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored);
    let mut parts: Vec<(&str, &[u8])> = vec![
        ("[Content_Types].xml", CONTENT_TYPES.as_bytes()),
        ("_rels/.rels", RELS.as_bytes()),
        ("xl/workbook.xml", WORKBOOK.as_bytes()),
        ("xl/_rels/workbook.xml.rels", WORKBOOK_RELS.as_bytes()),
        ("xl/worksheets/sheet1.xml", sheet),
    ];
    if let Some(strings) = strings {
        parts.push(("xl/sharedStrings.xml", strings));
    }
    for (name, bytes) in parts {
        zip.start_file(name, options).expect("a zip entry");
        zip.write_all(bytes).expect("written to memory");
    }
    zip.finish().expect("a zip archive").into_inner()
}

fuzz_target!(|data: &[u8]| {
    let (sheet, strings) = match data.windows(4).position(|w| w == b"\n--\n") {
        Some(i) => (&data[..i], Some(&data[i + 4..])),
        None => (data, None),
    };
    let f = fixture();
    std::fs::write(&f.path, workbook(sheet, strings)).expect("the workbook is written");
    let opts = ReadOptions {
        group_by: vec!["role".into()],
        ..ReadOptions::default()
    };
    let result = read_responses(
        vec![Source::file(&f.path)],
        &f.q,
        &opts,
        &mut |row: &Row<'_>| {
            assert_eq!(row.codes.len(), f.q.question_count());
        },
    );
    if let Err(ReadError::Input(problems)) = result {
        assert!(!problems.0.is_empty());
    }
    let _ = inspect(Source::file(&f.path), &f.q, &opts);
});
