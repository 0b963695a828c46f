//! Reading input files: the checks every text input gets, and the one YAML front end.
//!
//! [`read_text_file`] reads a whole text file under a size limit, refusing what is not a file
//! and text that is not UTF-8, each with a message that names the file (and, for bad UTF-8,
//! the line and column). [`parse_yaml`] turns YAML text into a serde type under one budget
//! ([`MAX_YAML_DEPTH`], [`MAX_YAML_NODES`]) and rewords the YAML reader's errors into what the
//! user must write, at the line and column where it happened.
//!
//! Every YAML input goes through these two: the questionnaire, the targets file and the
//! mapping file. A new YAML input describes itself with a [`YamlDoc`] (what the file holds,
//! what an empty file should hear), reads its text with [`read_text_file`] and parses it with
//! [`parse_yaml`]; it keeps positions for its own checks with [`Spanned`] fields and reports
//! them with [`problem_at`]. Rules about what the values mean belong to the reader's own
//! module (the questionnaire's in `questionnaire::validate`), not here.
//!
//! A reader that reports every problem at once uses [`parse_yaml_checked`] instead: it checks
//! the document's shape against the JSON Schema of its type (unknown keys, missing keys, values
//! of the wrong kind) over the whole file before the serde reader stops at the first.

mod structure;
#[cfg(test)]
mod tests;
mod unclosed;
mod yaml;

pub use yaml::{
    Checked, MAX_YAML_DEPTH, MAX_YAML_NODES, Spanned, YamlDoc, parse_yaml, parse_yaml_checked,
    problem_at,
};

use crate::error::{Problem, Problems};
use std::io::Read;
use std::path::Path;

/// Read a whole text file, refusing directories, files over `limit` bytes and invalid UTF-8,
/// each with a message naming the file. `what` names the kind of file for the messages
/// ("questionnaire", "targets"). A leading UTF-8 byte order mark is dropped.
pub fn read_text_file(path: &Path, limit: u64, what: &str) -> Result<String, Problems> {
    let name = path.display().to_string();
    let meta = std::fs::metadata(path)
        .map_err(|e| Problem::file(&name, format!("cannot read the {what} file: {e}")))?;
    if meta.is_dir() {
        return Err(Problem::file(&name, format!("is a directory, expected a {what} file")).into());
    }
    let file = std::fs::File::open(path)
        .map_err(|e| Problem::file(&name, format!("cannot open the {what} file: {e}")))?;
    let mut bytes = Vec::new();
    file.take(limit + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| Problem::file(&name, format!("cannot read the {what} file: {e}")))?;
    if bytes.len() as u64 > limit {
        return Err(Problem::file(
            &name,
            format!("the {what} file is larger than the limit of {limit} bytes"),
        )
        .into());
    }
    let bytes = bytes
        .strip_prefix(b"\xEF\xBB\xBF")
        .map(<[u8]>::to_vec)
        .unwrap_or(bytes);
    String::from_utf8(bytes).map_err(|e| {
        let offset = e.utf8_error().valid_up_to();
        let prefix = &e.as_bytes()[..offset];
        let line = prefix.iter().filter(|&&b| b == b'\n').count() as u64 + 1;
        let column = prefix.iter().rev().take_while(|&&b| b != b'\n').count() as u64 + 1;
        Problems::from(Problem::at(
            &name,
            line,
            column,
            format!("the {what} file is not valid UTF-8 text"),
        ))
    })
}
