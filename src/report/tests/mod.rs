//! Tests of the report's sentences, chart inputs and method appendix, on hand-written inputs
//! with the expected text written out in full.

mod charting;
mod method;
mod narrative;

use crate::questionnaire::{Questionnaire, parse};

/// A one-question questionnaire on a 1-5 scale with the default levels (thresholds 0, 20, 40,
/// 60 and 80 percent).
fn five_point() -> Questionnaire {
    parse(
        "id: t\ntitle: T\nscale: {min: 1, max: 5}\ndomains:\n  - id: d\n    name: D\n    questions: [{id: Q1, text: q}]\n",
        "t.yaml",
    )
    .unwrap_or_else(|e| panic!("{e}"))
}
