//! The fast lane and its fallback against one CSV reader (behind the guard, as the text was read
//! before the lane) over the same text: same records, lines, offsets and messages.

use super::*;
use crate::responses::source::guard::Guard;
use rand_chacha::ChaCha8Rng;
use rand_chacha::rand_core::{Rng, SeedableRng};

/// What a reading gave: each record's line, fields and offset, then the message it ended
/// with, if any.
type Reading = (Vec<(u64, Vec<String>, Option<u64>)>, Option<String>);

/// A reader that hands over at most a few bytes at a time, so that lines straddle reads.
struct Trickle<'t> {
    text: &'t [u8],
    sizes: ChaCha8Rng,
    most: usize,
}

impl io::Read for Trickle<'_> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let want = 1 + (self.sizes.next_u32() as usize) % self.most;
        let n = want.min(buf.len()).min(self.text.len());
        buf[..n].copy_from_slice(&self.text[..n]);
        self.text = &self.text[n..];
        Ok(n)
    }
}

fn row(line: u64, record: Record<'_>) -> (u64, Vec<String>, Option<u64>) {
    (
        line,
        record.iter().map(str::to_string).collect(),
        record.offset(),
    )
}

/// The reference: one CSV reader behind the guard, as every text was read before the lane.
fn by_csv(text: &[u8], delimiter: u8) -> Reading {
    let mut reader = csv_reader_over(Guard::at_line(text, delimiter, 1), delimiter);
    let mut record = StringRecord::new();
    let mut rows = Vec::new();
    loop {
        match reader.read_record(&mut record) {
            Ok(false) => return (rows, None),
            Ok(true) => {
                let line = record.position().map_or(0, csv::Position::line);
                rows.push(row(line, Record::Csv(&record)));
            }
            Err(e) => return (rows, Some(csv_problem("f.csv", e).to_string())),
        }
    }
}

/// The lane, fed `most` bytes a read at most, with a break after every `pause` records
/// (and the reading started again), as the header rows are read.
fn by_lane(text: &[u8], delimiter: u8, most: usize, pause: usize) -> Reading {
    let trickle = Trickle {
        text,
        sizes: ChaCha8Rng::seed_from_u64(most as u64),
        most,
    };
    let mut records = TextRecords::new(trickle, delimiter, 0, 1);
    let mut rows = Vec::new();
    loop {
        let before = rows.len();
        let mut taken = 0;
        let read = records.for_each_record("f.csv", &mut false, &mut |line, record| {
            rows.push(row(line, record));
            taken += 1;
            Ok(if taken == pause {
                ControlFlow::Break(())
            } else {
                ControlFlow::Continue(())
            })
        });
        if let Err(e) = read {
            return (rows, Some(e.to_string()));
        }
        if rows.len() == before {
            return (rows, None);
        }
    }
}

/// Both readings agree: every record when the text is read to its end, the message when it
/// ends in one (the records before a message depend on how much the readers buffered).
fn assert_same(text: &[u8], delimiter: u8) {
    let want = by_csv(text, delimiter);
    for (most, pause) in [(usize::MAX / 2, usize::MAX), (7, 3), (300, 1)] {
        let got = by_lane(text, delimiter, most, pause);
        if want.1.is_some() {
            assert_eq!(got.1, want.1, "{:?}", String::from_utf8_lossy(text));
        } else {
            assert_eq!(got, want, "{:?}", String::from_utf8_lossy(text));
        }
    }
}

#[test]
fn plain_lines_read_as_the_csv_reader_reads_them() {
    for text in [
        "a,b,c\n1,2,3\n",
        "a,b,c\r\n1,2,3\r\n",
        "a,b\n\n\n1,2\n\r\n\r\n3,4",
        "\n\na,b\n",
        "a,b,\n,,\n",
        "a\r",
        "é,日本\nx,y\r\n",
        "a,b\n1,2\n\n",
    ] {
        assert_same(text.as_bytes(), b',');
    }
}

#[test]
fn a_plain_line_gives_the_line_and_offset_worked_out_by_hand() {
    // "a,b\r\n" ends its record at the carriage return (byte 3); the line feed and the blank
    // line after it come before the next record, which is placed at byte 4, on line 1 (no
    // line feed read yet), and ends 4 + 3 field bytes ("x" and "yz") later.
    let (rows, end) = by_lane(b"a,b\r\n\nx,yz\n", b',', 1000, usize::MAX);
    assert_eq!(end, None);
    assert_eq!(
        rows,
        vec![
            (1, vec!["a".to_string(), "b".to_string()], Some(2)),
            (1, vec!["x".to_string(), "yz".to_string()], Some(7)),
        ]
    );
}

#[test]
fn lines_the_lane_leaves_to_the_csv_reader_read_the_same() {
    for text in [
        "a,\"b,c\"\n1,2\n",
        "a,\"multi\nline\",x\n1,2\n3,4\n",
        "\"a\"\"b\",c\r\n\r\n1,2",
        "a,b\rc,d\n1,2\n",
        "a\n\n\n\"q\",1\nplain,2\n",
        "\u{feff}a,b\n1,2\n",
        "a,b\n\u{feff}c,d\n",
        "a,b\n\u{feff}\"c\",d\n\n\u{feff}\"e\"\n\u{feff}f\n",
        "\u{feff}\"a\",b\n1,2\n",
        "a,\"open\n1,2\n",
        "a,b\n1,\0\n",
        "a,b\n",
    ] {
        assert_same(text.as_bytes(), b',');
    }
    assert_same(b"a,b\n1,\xFF\n2,3\n", b',');
    assert_same(b"a;b\n1;\"x;y\"\n", b';');
}

#[test]
fn the_guard_limits_hold_on_either_lane() {
    let long_field = format!("a,b\n1,{}\n", "x".repeat(MAX_FIELD_BYTES + 1));
    assert_same(long_field.as_bytes(), b',');
    let wide = format!("a\n{}\n", ",".repeat(MAX_COLUMNS));
    assert_same(wide.as_bytes(), b',');
    let fits = format!("a\n{}\n", ",".repeat(MAX_COLUMNS - 1));
    assert_same(fits.as_bytes(), b',');
    let long_quoted = format!("a\n\"{}\"\n", "y".repeat(MAX_FIELD_BYTES + 10));
    assert_same(long_quoted.as_bytes(), b',');
}

/// A random field: plain, empty, non-ASCII, or quoted with what quoting allows.
fn field(rng: &mut ChaCha8Rng, delimiter: u8) -> String {
    let d = char::from(delimiter);
    match rng.next_u32() % 12 {
        0 | 1 => String::new(),
        2 => "é".to_string(),
        3 => "日本語".to_string(),
        4 => format!("\"x{d}y\""),
        5 => "\"two\nlines\"".to_string(),
        6 => "\"say \"\"hi\"\"\"".to_string(),
        7 => "\"a\r\nb\"".to_string(),
        8 => "N/A".to_string(),
        9 => "in\"side".to_string(),
        _ => (rng.next_u32() % 6).to_string(),
    }
}

/// A random text of `lines` lines mixing plain and quoted lines, blank lines, every line end
/// (a lone carriage return too) and trailing delimiters.
fn text(rng: &mut ChaCha8Rng, delimiter: u8, lines: usize) -> String {
    let mut text = String::new();
    let quoted = rng.next_u32().is_multiple_of(4);
    for _ in 0..lines {
        let fields = 1 + rng.next_u32() % 6;
        for i in 0..fields {
            if i > 0 {
                text.push(char::from(delimiter));
            }
            let f = field(rng, delimiter);
            if quoted || !f.contains(['"', '\n', '\r']) || rng.next_u32().is_multiple_of(8) {
                text.push_str(&f);
            }
        }
        text.push_str(match rng.next_u32() % 16 {
            0 => "\r\n",
            1 => "\r",
            2 => "\n\n",
            3 => "\r\n\r\n",
            4 => &"\n"[..usize::from(rng.next_u32().is_multiple_of(2))],
            _ => "\n",
        });
    }
    text
}

#[test]
fn random_texts_read_as_the_csv_reader_reads_them() {
    let mut rng = ChaCha8Rng::seed_from_u64(14);
    for round in 0..400 {
        let delimiter = [b',', b';', b'\t'][round % 3];
        let lines = if round % 50 == 0 {
            3000
        } else {
            1 + round % 20
        };
        let text = text(&mut rng, delimiter, lines);
        assert_same(text.as_bytes(), delimiter);
    }
}

#[test]
fn a_long_text_quoted_here_and_there_reads_in_stretches_as_a_whole() {
    // Lines of about 80 bytes, one in 2,000 quoted: several stretches of the general path,
    // each followed by the lane again.
    let mut text = String::new();
    for i in 0..20_000 {
        if i % 2000 == 7 {
            text.push_str("\"Team, north\",1,2\n");
        } else {
            text.push_str(&format!("IT,{i},{}\n", "3,".repeat(30)));
        }
    }
    assert_same(text.as_bytes(), b',');
    let (plain, general) = lanes(&text);
    assert_eq!(plain + general, 20_000);
    // 10 quoted lines, each followed by at least 64 KiB (about 800 lines) on the general
    // path; the rest on the lane.
    assert!(general >= 10 * 800 && plain > 0, "{plain} {general}");
    assert_eq!(lanes("a,b\n1,2\r\n\n3,4"), (3, 0));
    // Text beyond ASCII stays on the lane, before and after a line with a carriage return
    // in it. That line is two records ("a", "b,2") of the general path, which goes on to the
    // first record end at least 64 KiB after byte 5 (where it starts): 6 bytes, then 13,106
    // lines of 5 bytes ("ü" is two) end at exactly 65,536. The lane reads the first line and
    // the other 20,000 - 13,106 = 6,894.
    assert_eq!(lanes("é,日本\nx,ü\n"), (2, 0));
    let after = "ü,1\n".repeat(20_000);
    assert_eq!(lanes(&format!("é,1\na\rb,2\n{after}")), (6_895, 13_108));
}

/// How many records of `text` came through the lane, and how many through the general path.
fn lanes(text: &str) -> (usize, usize) {
    let mut lane = TextRecords::new(text.as_bytes(), b',', 0, 1);
    let (mut plain, mut general) = (0, 0);
    lane.for_each_record("f.csv", &mut false, &mut |_, record| {
        match record {
            Record::Line(_) => plain += 1,
            Record::Csv(_) => general += 1,
        }
        Ok(ControlFlow::Continue(()))
    })
    .expect("a good text");
    (plain, general)
}

#[test]
fn the_first_record_is_passed_by_when_asked() {
    let mut lane = TextRecords::new(&b"sep=;\na;b\n"[..], b';', 0, 1);
    let mut rows = Vec::new();
    lane.for_each_record("f.csv", &mut true, &mut |line, record| {
        rows.push(row(line, record));
        Ok(ControlFlow::Continue(()))
    })
    .expect("a good text");
    assert_eq!(
        rows,
        vec![(2, vec!["a".to_string(), "b".to_string()], Some(8))]
    );
}

#[test]
fn the_split_finds_every_delimiter() {
    let mut starts = Vec::new();
    for line in [
        "",
        ",",
        "abcdefgh,ijklmnop,",
        ",,,,,,,,,,,,,,,,,",
        "é,ü;x,\u{2c}",
        "a,b,c,d,e,f,g,h,i,j,k,l,m,n,o,p,q,r,s,t,u",
        ",abcdefg,,hijklmn,,,o,,,,,,,,,,,,,,,,p,,,,,,,,,,,,,,,,,q",
    ] {
        let fields = split(line.as_bytes(), b',', &mut starts);
        // Each field starts at 0 or after a delimiter; then one past the end.
        let want: Vec<u32> = [0]
            .into_iter()
            .chain(
                line.bytes()
                    .enumerate()
                    .filter(|&(_, b)| b == b',')
                    .map(|(i, _)| i as u32 + 1),
            )
            .chain([line.len() as u32 + 1])
            .collect();
        assert_eq!(fields, want.len() - 1, "{line:?}");
        assert_eq!(starts[..=fields], want, "{line:?}");
    }
    // A delimiter byte above 0x7F (never one in practice) is found exactly as well.
    let fields = split(b"\xA7a\xA7\x27\xA7", 0xA7, &mut starts);
    assert_eq!(starts[..=fields], [0, 1, 3, 5, 6]);
    // The table of places after the delimiters of a word, by hand: bytes 0, 2 and 7; none;
    // all eight.
    assert_eq!(AFTER_DELIMITERS[0b1000_0101], [1, 3, 8, 0, 0, 0, 0, 0]);
    assert_eq!(AFTER_DELIMITERS[0], [0; 8]);
    assert_eq!(AFTER_DELIMITERS[0xFF], [1, 2, 3, 4, 5, 6, 7, 8]);
}

#[test]
fn a_field_is_keyed_by_its_length_up_to_two_and_its_first_byte() {
    let text = "1,,N/A,é,";
    let mut starts = Vec::new();
    let fields = split(text.as_bytes(), b',', &mut starts);
    let line = Line {
        text,
        starts: &starts[..=fields],
        line: 1,
        start: 0,
    };
    let keys: Vec<usize> = (0..7).map(|i| line.short_key(i)).collect();
    // "1": one byte, 49 (256 + 49); the empty field 1: the comma after it (44); "N/A": three
    // bytes, 'N' (512 + 78); "é": two bytes, 0xC3 (512 + 195); the empty last field: nothing
    // after it (0); fields 5 and 6, past the end, are empty (0).
    assert_eq!(keys, [305, 44, 590, 707, 0, 0, 0]);
    // 0 + the 10 bytes of the line ("é" is two) less its 4 delimiters.
    assert_eq!(Record::Line(line).offset(), Some(6));
}
