//! Tests of the report's sentences, chart inputs and method appendix, on hand-written inputs.

mod narrative;
