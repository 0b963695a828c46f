//! `--strict` ([`super::ReadOptions::strict`]): what is a warning by default becomes a problem.
//! Every question must have a column in every file, and a column whose cells all read as
//! answers on the scale must match a question (found by [`super::stray::StrayAnswers`] as the
//! rows are read).

use super::hints::{Hints, missing_ids};
use super::report::clip;
use crate::error::{Problem, Setting};

/// The problem of a file, read with `--strict`, in which some questions have no column.
pub(crate) fn missing_problem(path: &str, missing: &[(String, String)], hints: &Hints) -> Problem {
    let mut message = format!(
        "no column for question(s) {}; {} requires a column for every question",
        missing_ids(missing),
        Setting::Strict
    );
    for s in hints.sentences() {
        message.push_str(". ");
        message.push_str(&s);
    }
    Problem::file(path, message)
}

/// The problem of a column, in a file read with `--strict`, whose cells are answers on the
/// scale but which matches no question.
pub(crate) fn stray_problem(path: &str, position: usize, header: &str) -> Problem {
    Problem::file(
        path,
        format!(
            "column {position} ('{}') holds answers on the scale but matches no question, which {} refuses; map it to a question in a mapping file ({}), or remove the column",
            clip(header, 80),
            Setting::Strict,
            Setting::Mapping
        ),
    )
}
