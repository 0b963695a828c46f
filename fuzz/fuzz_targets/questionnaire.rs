//! Fuzz the questionnaire loader: any bytes, as text, through `questionnaire::parse` (the YAML
//! parser, its budget, and every validation rule). It must return a questionnaire or problems,
//! never panic, hang or exhaust memory.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    // The loader reads files as UTF-8 (invalid UTF-8 is refused before parsing), so only text
    // reaches `parse`; lossy conversion keeps the rest of the input useful.
    let text = String::from_utf8_lossy(data);
    match itsm_assess::questionnaire::parse(&text, "fuzz.yaml") {
        Ok(q) => {
            // What every later stage relies on.
            assert!(q.scale.min < q.scale.max);
            assert!(q.question_count() > 0);
            let _ = q.level_for(0.0);
            let _ = q.level_for(100.0);
        }
        Err(problems) => {
            assert!(!problems.0.is_empty());
            for p in &problems.0 {
                assert_eq!(p.file, "fuzz.yaml");
                assert!(!p.message.is_empty());
            }
        }
    }
});
