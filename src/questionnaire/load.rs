//! Loading a questionnaire: a built-in name or a file, read through the shared YAML front end
//! ([`crate::input`]) and checked by [`super::validate`].

use super::builtin;
use super::model::Questionnaire;
use super::raw::RawQuestionnaire;
use super::validate::validate;
use crate::error::{Problem, Problems};
use crate::input::{YamlDoc, parse_yaml_checked, read_text_file};
use std::path::Path;

/// The largest questionnaire file read, in bytes. Real questionnaires are a few tens of KiB.
pub const MAX_QUESTIONNAIRE_BYTES: u64 = 4 * 1024 * 1024;

/// How YAML messages describe a questionnaire.
const QUESTIONNAIRE: YamlDoc = YamlDoc {
    noun: "a questionnaire",
    expected: "a questionnaire: a mapping with id, title, scale and domains",
    empty: "is empty; expected a questionnaire (a mapping with id, title, scale and domains)",
    duplicate_key: YamlDoc::key_given_twice,
};

/// Load a questionnaire given as a built-in name (see [`super::BUILT_IN`]) or a path to a
/// YAML file.
///
/// A bare name (no path separator, no `.yaml`/`.yml` ending) that matches a built-in
/// questionnaire loads the embedded copy; anything else is read as a path.
pub fn load(spec: &str) -> Result<Questionnaire, Problems> {
    if let Some((name, text)) = builtin::built_in(spec) {
        return parse(text, &format!("built-in questionnaire '{name}'"));
    }
    let path = Path::new(spec);
    let text = read_text_file(path, MAX_QUESTIONNAIRE_BYTES, "questionnaire").map_err(|p| {
        if !path.exists() && !spec.contains(['/', '\\', '.']) {
            Problems::from(Problem::file(
                spec,
                format!(
                    "no such file, and no built-in questionnaire of that name (built-in: {})",
                    builtin::names()
                ),
            ))
        } else {
            p
        }
    })?;
    parse(&text, &path.display().to_string())
}

/// Parse and validate questionnaire YAML text; `file` names it in messages.
pub fn parse(text: &str, file: &str) -> Result<Questionnaire, Problems> {
    if text.len() as u64 > MAX_QUESTIONNAIRE_BYTES {
        return Err(Problem::file(
            file,
            format!("larger than the limit of {MAX_QUESTIONNAIRE_BYTES} bytes"),
        )
        .into());
    }
    parse_yaml_checked::<RawQuestionnaire>(text, file, &QUESTIONNAIRE)?
        .then(|raw| validate(raw, file))
}
