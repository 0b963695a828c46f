//! Questionnaires: the model, loading from YAML (a file or a built-in name) and validation.
//!
//! The way in is [`load`] (or [`parse`] for text): the YAML front end of [`crate::input`] reads
//! the file into the types of `raw` (the format as written, with positions), `validate` checks
//! every rule and reports all problems at once, and `convert` turns the checked file into the
//! model ([`Questionnaire`] and its parts) that every later stage reads. [`ActionGraph`] numbers the actions and their
//! dependencies for validation (cycles) and for the roadmap planner alike.
//!
//! A new key of the format goes into `raw` (and the model), its rules into the `validate` file
//! of the part it belongs to, and its conversion into `convert`.

mod builtin;
mod convert;
mod graph;
mod load;
mod model;
mod raw;
#[cfg(test)]
mod tests;
mod validate;

pub use crate::input::{MAX_YAML_DEPTH, MAX_YAML_NODES};
pub use builtin::{BUILT_IN, built_in};
pub use graph::ActionGraph;
pub use load::{MAX_QUESTIONNAIRE_BYTES, load, parse};
pub use model::*;
pub use raw::json_schema;
pub use validate::MAX_SCALE_POINTS;
