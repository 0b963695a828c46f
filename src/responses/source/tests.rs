//! Tests of sniffing, the workbook checks and reading from streams.

use super::sniff::{sniff_delimiter, sniff_encoding};
use super::xlsx::{check_shared_strings, unique_count};
use super::*;

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
