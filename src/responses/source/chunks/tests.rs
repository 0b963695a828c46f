use super::*;
use crate::responses::source::Source;
use csv::StringRecord;
use std::ops::ControlFlow;

/// A file of `rows` records after a header, some (when `quotes`) with quoted line breaks,
/// quotes and delimiters, some lines ending CRLF, and a blank line now and then.
fn text(rows: usize, quotes: bool) -> String {
    let mut out = String::from("Team,Note,C1\n");
    for i in 0..rows {
        let note = match if quotes { i % 7 } else { 4 } {
            0 => "\"two\nlines\"".to_string(),
            1 => "\"a \"\"quote\"\", and a comma\"".to_string(),
            2 => "\"ends with a line feed\n\"".to_string(),
            3 => "x\"y".to_string(),
            _ => format!("plain {i}"),
        };
        let end = if i % 5 == 0 { "\r\n" } else { "\n" };
        out.push_str(&format!("t{},{note},{}{end}", i % 3, i % 5 + 1));
        if i % 11 == 0 {
            out.push('\n');
        }
    }
    out
}

/// Every record after the header with its line, through one reader.
fn whole(path: &std::path::Path) -> (Vec<(u64, StringRecord, u64)>, Splittable) {
    let mut opened = Source::file(path).open(None, None).expect("opens");
    let mut header = true;
    opened
        .for_each_record(&mut |_, _| {
            header = false;
            Ok(ControlFlow::Break(()))
        })
        .expect("a header");
    assert!(!header);
    let left = opened.splittable().expect("a UTF-8 file can be cut");
    let mut records = Vec::new();
    opened
        .for_each_record(&mut |line, r| {
            let r = r.to_owned();
            records.push((line, r.clone(), r.position().map_or(0, csv::Position::byte)));
            Ok(ControlFlow::Continue(()))
        })
        .expect("reads");
    (records, left)
}

#[test]
fn chunks_hold_the_records_of_the_whole_file_numbered_alike() {
    let files = crate::responses::tests::Files::new();
    for (rows, bom, quotes) in [
        (500, false, true),
        (500, false, false),
        (37, true, true),
        (41, true, false),
        (3, false, true),
    ] {
        let mut bytes = if bom {
            b"\xEF\xBB\xBF".to_vec()
        } else {
            Vec::new()
        };
        bytes.extend(text(rows, quotes).into_bytes());
        let path = files.write("chunked.csv", &bytes);
        let (expected, left) = whole(&path);
        for count in [1, 2, 3, 8, 40] {
            let chunks = left.split(count).expect("no quote left open");
            assert!(
                chunks.len() <= count && !chunks.is_empty(),
                "{count}: {chunks:?}"
            );
            let mut got = Vec::new();
            for chunk in chunks {
                let mut records = left.open(chunk).expect("a chunk opens");
                records
                    .for_each_record("chunked.csv", &mut |line, r| {
                        let r = r.to_owned();
                        got.push((line, r.clone(), r.position().map_or(0, csv::Position::byte)));
                        Ok(ControlFlow::Continue(()))
                    })
                    .expect("a chunk reads");
            }
            assert_eq!(
                got, expected,
                "{rows} rows in {count} chunks, quotes: {quotes}"
            );
        }
    }
}

#[test]
fn a_cut_is_never_inside_a_quoted_field() {
    let files = crate::responses::tests::Files::new();
    // One long quoted field spanning many lines, where the middle of the file falls.
    let mut body = String::from("Team,Note\na,\"");
    body.push_str(&"line\n".repeat(1000));
    body.push_str("\"\nb,short\nc,short\n");
    let path = files.write("long.csv", &body);
    let (expected, left) = whole(&path);
    assert_eq!(expected.len(), 3);
    let chunks = left.split(2).expect("closed quotes");
    assert_eq!(chunks.len(), 2, "{chunks:?}");
    assert_eq!(chunks[1].line, 1003, "after the quoted field's line feeds");
}

#[test]
fn a_file_ending_inside_quotes_is_not_cut() {
    let files = crate::responses::tests::Files::new();
    let path = files.write("open.csv", "Team,Note\na,b\nc,\"never closed\nd,e\n");
    let left = after_header(&path);
    assert_eq!(left.split(2), None);
}

/// What is left after the header, without reading further.
fn after_header(path: &std::path::Path) -> Splittable {
    let mut opened = Source::file(path).open(None, None).expect("opens");
    opened
        .for_each_record(&mut |_, _| Ok(ControlFlow::Break(())))
        .expect("a header");
    opened.splittable().expect("UTF-8")
}

#[test]
fn only_regular_utf8_files_are_cut() {
    let files = crate::responses::tests::Files::new();
    let latin = files.write("latin.csv", b"Team,Note\ncaf\xE9,x\n");
    let opened = Source::file(&latin).open(None, None).expect("opens");
    assert!(opened.splittable().is_none(), "Windows-1252 is transcoded");
    let stream = Source::from_reader("stream.csv", &b"Team,Note\na,b\n"[..]);
    let opened = stream.open(None, None).expect("opens");
    assert!(opened.splittable().is_none(), "a stream has no file to cut");
}
