//! What reading a file decided, as `itsm-assess inspect` prints it, and the starter mapping
//! file written from it.

use super::columns::ColumnRole;
use super::format::InputFormat;
use super::hints::Hints;
use super::source::Container;
use crate::error::Setting;
use std::fmt::{self, Write};

/// How one file was understood: its layout, encoding, columns, the answers that were not
/// understood and the questions it has no column for.
#[derive(Debug, Clone, PartialEq)]
pub struct FileReport {
    /// The file, as given.
    pub path: String,
    /// Its layout.
    pub format: InputFormat,
    /// Why that layout: the markers found, or that it was forced.
    pub format_reason: String,
    /// Text encoding and delimiter, or the workbook's sheet.
    pub container: Container,
    /// How many header rows the layout has.
    pub header_rows: usize,
    /// Every column, in file order.
    pub columns: Vec<ColumnReport>,
    /// Answers in question columns that are not on the scale, most frequent first (at most
    /// [`super::MAX_UNKNOWN_LABELS`] distinct ones).
    pub unknown_labels: Vec<UnknownLabel>,
    /// Invalid answers beyond those listed in `unknown_labels`.
    pub unknown_labels_not_listed: u64,
    /// Questions of the questionnaire with no column: id and text.
    pub missing_questions: Vec<(String, String)>,
    /// What may explain them: the columns matching no question and the questions they nearly
    /// name, or the built-in questionnaire the headers belong to (empty when every question has
    /// a column).
    pub hints: Hints,
    /// Data rows read.
    pub rows: u64,
    /// Cells that were not answers on the scale (counted as missing with `skip_invalid`).
    pub invalid_cells: u64,
    /// Rows with more or fewer fields than the header, skipped (only with `skip_invalid`).
    pub skipped_rows: u64,
    /// What the reading noticed and did that the user should know (NUL bytes dropped from a
    /// header row, Excel's `sep=` line, columns merged into one question, a second header row
    /// that looks like one); `inspect` lists them.
    pub notes: Vec<String>,
    /// What makes the file unusable for scoring (duplicate question columns, no question
    /// column, a group-by column it lacks); `inspect` lists these instead of failing.
    pub problems: Vec<String>,
}

/// One column of a file and what it was taken to be.
#[derive(Debug, Clone, PartialEq)]
pub struct ColumnReport {
    /// 1-based position in the file.
    pub position: usize,
    /// Its name as shown (the joined header for two-row layouts, Qualtrics' variable name).
    pub header: String,
    /// Its other names (Qualtrics: the question text), for matching.
    pub other_names: Vec<String>,
    /// What it was taken to be.
    pub role: ColumnRole,
}

/// An answer text that is not on the scale, with how often it occurs in a column.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnknownLabel {
    /// The column's header.
    pub column: String,
    /// The text, as written (shortened when very long).
    pub label: String,
    /// How many cells hold it.
    pub count: u64,
}

/// Shorten a text for one line of a report.
pub(crate) fn clip(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        text.to_string()
    } else {
        let mut s: String = text.chars().take(max.saturating_sub(3)).collect();
        s.push_str("...");
        s
    }
}

impl fmt::Display for FileReport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(f, "File: {}", self.path)?;
        writeln!(f, "Format: {} ({})", self.format, self.format_reason)?;
        match &self.container {
            Container::Text {
                encoding,
                delimiter,
                delimiter_forced,
            } => {
                let d = match delimiter {
                    b'\t' => "tab".to_string(),
                    d => format!("'{}'", char::from(*d)),
                };
                let how = if *delimiter_forced {
                    "forced"
                } else {
                    "detected from the header line"
                };
                writeln!(f, "Encoding: {encoding}; delimiter {d} ({how})")?;
            }
            Container::Xlsx { sheet } => writeln!(f, "Workbook (.xlsx), sheet '{sheet}'")?,
        }
        writeln!(
            f,
            "Header rows: {}; data rows: {}",
            self.header_rows, self.rows
        )?;
        writeln!(f, "Columns:")?;
        for c in &self.columns {
            let mut header = if c.header.is_empty() {
                "(no header)".to_string()
            } else {
                clip(&c.header, 100)
            };
            if let Some(text) = c.other_names.first() {
                write!(header, " / {}", clip(text, 100))?;
            }
            writeln!(f, "  {:>4}  {header}\n        -> {}", c.position, c.role)?;
        }
        if !self.unknown_labels.is_empty() {
            writeln!(
                f,
                "Answers not understood (not on the scale; add them to a mapping file's labels):"
            )?;
            for u in &self.unknown_labels {
                writeln!(
                    f,
                    "  '{}' in column '{}': {} cell(s)",
                    u.label,
                    clip(&u.column, 48),
                    u.count
                )?;
            }
            if self.unknown_labels_not_listed > 0 {
                writeln!(
                    f,
                    "  ... and {} more cell(s) not listed",
                    self.unknown_labels_not_listed
                )?;
            }
        }
        if self.missing_questions.is_empty() {
            writeln!(f, "Every question has a column.")?;
        } else {
            writeln!(
                f,
                "Questions with no column (their answers will be missing):"
            )?;
            for (id, text) in &self.missing_questions {
                writeln!(f, "  {id}: {}", clip(text, 70))?;
            }
            for hint in self.hints.sentences() {
                writeln!(f, "Hint: {hint}")?;
            }
        }
        for n in &self.notes {
            writeln!(f, "Note: {n}")?;
        }
        for p in &self.problems {
            writeln!(f, "Problem: {p}")?;
        }
        Ok(())
    }
}

/// A YAML string literal (JSON strings are YAML).
fn yaml_string(s: &str) -> String {
    serde_json::to_string(s).unwrap_or_else(|_| "\"\"".to_string())
}

/// A starter mapping file for a report: every column that matched no question (identifying
/// columns left out) and every answer not understood, each with an empty value (`~`) to fill
/// in, with comments saying how. Entries left empty are skipped when the file is loaded.
pub fn starter_mapping(report: &FileReport) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "# Mapping for {} ({}), written by itsm-assess inspect.",
        report.path, report.format
    );
    let _ = write!(
        out,
        "# Fill in what you know and pass the file with {}; entries left as ~ are skipped.\n\
         #\n\
         # columns: a column header -> the id of the question the column holds.\n",
        Setting::Mapping
    );
    if !report.missing_questions.is_empty() {
        out.push_str("# Questions with no column yet:\n");
        for (id, text) in &report.missing_questions {
            let _ = writeln!(out, "#   {id}: {}", clip(text, 80));
        }
    }
    out.push_str("columns:\n");
    let mut any = false;
    for c in &report.columns {
        if matches!(c.role, ColumnRole::Metadata | ColumnRole::Ignored(_)) && !c.header.is_empty() {
            let _ = writeln!(out, "  {}: ~", yaml_string(&c.header));
            any = true;
        }
    }
    if !any {
        out.push_str("  {}\n");
    }
    out.push_str(
        "# labels: an answer as exported -> a value on the scale, n/a (not applicable) or missing.\n\
         labels:\n",
    );
    // One entry per label (compared case-insensitively), with its count over all columns.
    let mut labels: Vec<(&str, u64)> = Vec::new();
    for u in &report.unknown_labels {
        match labels
            .iter_mut()
            .find(|(l, _)| l.eq_ignore_ascii_case(&u.label))
        {
            Some((_, n)) => *n += u.count,
            None => labels.push((&u.label, u.count)),
        }
    }
    for (label, count) in &labels {
        let _ = writeln!(out, "  {}: ~   # {count} cell(s)", yaml_string(label));
    }
    if labels.is_empty() {
        out.push_str("  {}\n");
    }
    out
}
