//! Reports: view structs built from the assessment and the plan, rendered through templates.

pub mod templates;
