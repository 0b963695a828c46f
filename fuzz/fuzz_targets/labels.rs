//! Fuzz the label parser: `responses::parse_answer` on any cell text, against a scale, its
//! labels and not-applicable answers, and mapping-file labels, all taken from the input. It must
//! give an answer on the scale or say why not, never panic.
//!
//! Input: byte 0 is the scale's `min` (as `i8`), byte 1 its number of points less one (mod 100,
//! plus 1); the rest is text, one item a line:
//! - `=N TEXT`: the label of value N (wrapped onto the scale);
//! - `!TEXT`: a not-applicable answer of the questionnaire;
//! - `>TEXT=N`: a mapping-file label for value N (`>TEXT=` means n/a, `>TEXT~` missing);
//! - any other line: a cell to parse.
//!
//! This plain layout lets seeds and a dictionary of real labels guide the fuzzer.
#![no_main]

use itsm_assess::questionnaire::Scale;
use itsm_assess::responses::{Answer, AnswerLabels, MappedAnswer, Mapping, parse_answer};
use libfuzzer_sys::fuzz_target;
use std::collections::BTreeMap;

fuzz_target!(|data: &[u8]| {
    let [min, points, rest @ ..] = data else {
        return;
    };
    // A valid scale, as the questionnaire loader guarantees: min < max, at most 101 points.
    let min = i32::from(*min as i8);
    let max = min + 1 + i32::from(*points % 100);
    let text = String::from_utf8_lossy(rest);
    let mut labels = BTreeMap::new();
    let mut not_applicable = Vec::new();
    let mut mapped = Vec::new();
    let mut cells = Vec::new();
    for line in text.split('\n') {
        if let Some(label) = line.strip_prefix('=') {
            let (number, label) = label.split_once(' ').unwrap_or((label, ""));
            // Wrapped onto the scale in i64: a label for i32::MIN must not overflow the harness.
            let value = i64::from(number.parse::<i32>().unwrap_or(0));
            let offset = (value - i64::from(min)).rem_euclid(i64::from(max - min + 1));
            labels.insert(
                min + i32::try_from(offset).expect("an offset within the scale"),
                label.to_string(),
            );
        } else if let Some(na) = line.strip_prefix('!') {
            not_applicable.push(na.to_string());
        } else if let Some(entry) = line.strip_prefix('>') {
            let target = match entry.rsplit_once('=') {
                Some((label, "")) => Some((label, MappedAnswer::NotApplicable)),
                Some((label, n)) => n.parse().ok().map(|v| (label, MappedAnswer::Value(v))),
                None => entry
                    .strip_suffix('~')
                    .map(|label| (label, MappedAnswer::Missing)),
            };
            if let Some((label, target)) = target {
                mapped.push((label.to_string(), target));
            }
        } else {
            cells.push(line);
        }
    }
    let scale = Scale {
        min,
        max,
        labels,
        not_applicable,
    };
    let mapping = (!mapped.is_empty()).then(|| Mapping {
        path: "mapping.yaml".into(),
        columns: Vec::new(),
        labels: mapped,
    });
    let labels = match AnswerLabels::with_mapping(&scale, mapping.as_ref()) {
        Ok(labels) => labels,
        Err(problems) => {
            assert!(!problems.0.is_empty());
            return;
        }
    };
    assert!(!labels.allowed().is_empty());
    for cell in cells {
        match parse_answer(cell, &scale, &labels) {
            Ok(Answer::Value(v)) => assert!((min..=max).contains(&v), "{cell:?} -> {v}"),
            Ok(Answer::Missing | Answer::NotApplicable) => {}
            Err(why) => {
                assert!(
                    !cell.trim().is_empty(),
                    "an empty cell is missing, not {why}"
                );
                assert!(!why.to_string().is_empty());
            }
        }
    }
});
