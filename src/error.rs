//! Errors that name the input at fault: the file, and where known the line, column or field.

use std::fmt;

/// One problem found in an input file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    /// The file (or built-in questionnaire name) at fault.
    pub file: String,
    /// 1-based line, when known.
    pub line: Option<u64>,
    /// 1-based column, when known.
    pub column: Option<u64>,
    /// What is wrong and what was expected.
    pub message: String,
}

impl Problem {
    /// A problem with a file as a whole.
    pub fn file(file: impl Into<String>, message: impl Into<String>) -> Self {
        Problem {
            file: file.into(),
            line: None,
            column: None,
            message: message.into(),
        }
    }

    /// A problem at a line and column (0 means unknown).
    pub fn at(file: impl Into<String>, line: u64, column: u64, message: impl Into<String>) -> Self {
        Problem {
            file: file.into(),
            line: (line > 0).then_some(line),
            column: (column > 0).then_some(column),
            message: message.into(),
        }
    }
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.file)?;
        if let Some(line) = self.line {
            write!(f, ":{line}")?;
            if let Some(column) = self.column {
                write!(f, ":{column}")?;
            }
        }
        write!(f, ": {}", self.message)
    }
}

/// Every problem found in one or more input files; never empty.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problems(pub Vec<Problem>);

impl fmt::Display for Problems {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let n = self.0.len();
        for (i, p) in self.0.iter().enumerate() {
            if i > 0 {
                writeln!(f)?;
            }
            write!(f, "{p}")?;
        }
        if n > 1 {
            write!(f, "\n{n} problems found")?;
        }
        Ok(())
    }
}

impl std::error::Error for Problems {}

impl From<Problem> for Problems {
    fn from(p: Problem) -> Self {
        Problems(vec![p])
    }
}

/// A setting of a run that a message can point the user to ("pass X to ...").
///
/// The library never spells a front end's flag: a message names the setting through its
/// [`Display`](fmt::Display), which uses the vocabulary the front end installed with
/// [`set_vocabulary`] (the command line says `--skip-invalid`), or else the setting's key in a
/// [`crate::job::JobSpec`] (`skip_invalid`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Setting {
    /// The survey tool's layout, forced.
    InputFormat,
    /// How many header rows a plain table has, forced.
    HeaderRows,
    /// The field delimiter, forced.
    Delimiter,
    /// The worksheet of a workbook.
    Sheet,
    /// A mapping file.
    Mapping,
    /// Writing a starter mapping file (`inspect`).
    WriteMapping,
    /// Counting cells that are not answers as missing.
    SkipInvalid,
    /// The columns to break results down by.
    GroupBy,
    /// A folder of template overrides.
    Templates,
    /// The phases' names.
    Phases,
    /// The phases' month boundaries.
    PhaseMonths,
    /// The questionnaire.
    Questionnaire,
    /// Refusing questions without a column and columns of answers without a question.
    Strict,
}

impl Setting {
    /// The setting's key in a [`crate::job::JobSpec`]: the words used when no front end has
    /// installed its own.
    pub fn key(self) -> &'static str {
        match self {
            Setting::InputFormat => "input_format",
            Setting::HeaderRows => "header_rows",
            Setting::Delimiter => "delimiter",
            Setting::Sheet => "sheet",
            Setting::Mapping => "mapping",
            Setting::WriteMapping => "write_mapping",
            Setting::SkipInvalid => "skip_invalid",
            Setting::GroupBy => "group_by",
            Setting::Templates => "templates",
            Setting::Phases => "phases",
            Setting::PhaseMonths => "phase_months",
            Setting::Questionnaire => "questionnaire",
            Setting::Strict => "strict",
        }
    }
}

static VOCABULARY: std::sync::OnceLock<fn(Setting) -> &'static str> = std::sync::OnceLock::new();

/// Install how messages name settings, once per process (later calls are ignored): the front
/// end's own words, such as its flags.
pub fn set_vocabulary(words: fn(Setting) -> &'static str) {
    let _ = VOCABULARY.set(words);
}

impl fmt::Display for Setting {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let words = VOCABULARY.get().map_or_else(|| self.key(), |w| w(*self));
        f.write_str(words)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn settings_have_neutral_keys_and_command_line_flags() {
        assert_eq!(Setting::SkipInvalid.key(), "skip_invalid");
        assert_eq!(Setting::WriteMapping.key(), "write_mapping");
        assert_eq!(crate::cli::flag(Setting::SkipInvalid), "--skip-invalid");
        assert_eq!(crate::cli::flag(Setting::GroupBy), "--group-by");
    }
}
