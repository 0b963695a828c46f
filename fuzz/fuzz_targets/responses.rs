//! Fuzz the response reader: the input's first byte chooses the options (a forced layout or
//! auto-detection, a forced delimiter, `--skip-invalid`, whether `inspect` runs too); the rest
//! is written to a file and read with `responses::read_responses` against a small fixed
//! questionnaire. Every format, encoding and the `.xlsx` path are reachable. It must read the
//! file or report problems naming it, never panic, hang or exhaust memory.
#![no_main]

use itsm_assess::questionnaire::{Questionnaire, parse};
use itsm_assess::responses::{
    InputFormat, ReadError, ReadOptions, Row, Source, inspect, read_responses, starter_mapping,
};
use libfuzzer_sys::fuzz_target;
use std::path::PathBuf;
use std::sync::OnceLock;

const QUESTIONNAIRE: &str = include_str!("../../tests/fixtures/responses/small.yaml");

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
            q: parse(QUESTIONNAIRE, "small.yaml").expect("the fixture questionnaire loads"),
            path: dir.path().join("responses.csv"),
            _dir: dir,
        }
    })
}

/// The layout forced by the low three bits of the options byte (0: detect).
fn format(bits: u8) -> Option<InputFormat> {
    match bits & 7 {
        1 => Some(InputFormat::Csv),
        2 => Some(InputFormat::GoogleForms),
        3 => Some(InputFormat::MicrosoftForms),
        4 => Some(InputFormat::SurveyMonkey),
        5 => Some(InputFormat::Qualtrics),
        6 => Some(InputFormat::QualtricsLegacy),
        7 => Some(InputFormat::LimeSurvey),
        _ => None,
    }
}

fuzz_target!(|data: &[u8]| {
    let Some((&options, file)) = data.split_first() else {
        return;
    };
    let f = fixture();
    std::fs::write(&f.path, file).expect("the file is written");
    let opts = ReadOptions {
        input_format: format(options),
        delimiter: match (options >> 3) & 3 {
            1 => Some(b','),
            2 => Some(b';'),
            3 => Some(b'\t'),
            _ => None,
        },
        skip_invalid: options & 0x20 != 0,
        group_by: if options & 0x40 != 0 {
            vec!["source".into(), "Role".into()]
        } else {
            Vec::new()
        },
        ..ReadOptions::default()
    };
    let mut rows = 0u64;
    let result = read_responses(
        vec![Source::file(&f.path)],
        &f.q,
        &opts,
        &mut |row: &Row<'_>| {
            assert_eq!(row.codes.len(), f.q.question_count());
            assert_eq!(row.groups.len(), opts.group_by.len());
            rows += 1;
        },
    );
    match result {
        Ok(summary) => assert_eq!(summary.rows, rows),
        Err(ReadError::Consumer(e)) => panic!("the counting consumer never fails: {e}"),
        Err(ReadError::Input(problems)) => {
            assert!(!problems.0.is_empty());
            for p in &problems.0 {
                assert!(p.file.ends_with("responses.csv"), "{p}");
            }
        }
    }
    if options & 0x80 != 0
        && let Ok(report) = inspect(Source::file(&f.path), &f.q, &opts)
    {
        let _ = starter_mapping(&report);
    }
});
