//! Questionnaires: the model, loading from YAML (a file or a built-in name) and validation.

mod load;
mod model;

pub use load::{
    BUILT_IN, MAX_QUESTIONNAIRE_BYTES, MAX_SCALE_POINTS, MAX_YAML_DEPTH, MAX_YAML_NODES, built_in,
    json_schema, load, parse, read_text_file,
};
pub use model::*;
