//! The blank response template a workshop fills by hand: a `role` column for grouping, then one
//! column per question of the questionnaire (the scored ones, then the open ones).
//!
//! Both forms hold two header rows: the column ids, which the reader matches letter for letter,
//! and each statement's text, so that whoever fills the sheet reads what they are rating. The
//! reader recognises the second row as the questionnaire's own texts and skips it, so a filled
//! template scores exactly like the same answers without it.
//!
//! - [`csv`]: the CSV, quoted where a text holds a comma, a quote or a line break;
//! - [`xlsx`]: a workbook (see [`xlsx`] for its layout) with a drop-down of the scale's labels in
//!   every answer cell and a sheet that says what each number means.

use crate::choice::Choice;
use crate::export::csv::{CsvDocument, Field};
use crate::output::Destination;
use crate::questionnaire::Questionnaire;
use anyhow::{Result, bail};
use std::io::IsTerminal as _;
use std::path::Path;

mod xlsx;

pub use xlsx::xlsx;

#[cfg(test)]
mod tests;

/// The header of the template's grouping column.
pub const GROUP_COLUMN: &str = "role";

/// What the template's second row says under the grouping column.
pub const GROUP_NOTE: &str =
    "Role or team of the person answering (results are shown only for groups large enough)";

/// The form of a template.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TemplateFormat {
    /// A CSV file.
    Csv,
    /// An Excel workbook with drop-downs.
    Xlsx,
}

impl Choice for TemplateFormat {
    const ALL: &'static [TemplateFormat] = &[TemplateFormat::Csv, TemplateFormat::Xlsx];

    fn id(self) -> &'static str {
        match self {
            TemplateFormat::Csv => "csv",
            TemplateFormat::Xlsx => "xlsx",
        }
    }

    fn help(self) -> &'static str {
        match self {
            TemplateFormat::Csv => "A CSV: the ids row, then the statements' texts",
            TemplateFormat::Xlsx => {
                "An Excel workbook: the ids and texts rows, a drop-down of the scale's answers in each answer cell"
            }
        }
    }
}

impl TemplateFormat {
    /// The format asked for, else the one the output file's name says (`.xlsx`, any case),
    /// else CSV.
    pub fn choose(asked: Option<TemplateFormat>, output: Option<&Path>) -> TemplateFormat {
        asked.unwrap_or_else(|| {
            let xlsx = output
                .and_then(Path::extension)
                .is_some_and(|e| e.eq_ignore_ascii_case("xlsx"));
            if xlsx {
                TemplateFormat::Xlsx
            } else {
                TemplateFormat::Csv
            }
        })
    }

    /// Refuse to write a workbook to a terminal, where its bytes would only garble the screen.
    pub fn check_destination(self, dest: &Destination) -> Result<()> {
        if self == TemplateFormat::Xlsx
            && *dest == Destination::Stdout
            && std::io::stdout().is_terminal()
        {
            bail!(
                "a workbook is not written to a terminal; give the file to write with -o FILE.xlsx"
            );
        }
        Ok(())
    }

    /// The template in this format.
    pub fn write(self, q: &Questionnaire) -> Result<Vec<u8>> {
        match self {
            TemplateFormat::Csv => csv(q).map(String::into_bytes),
            TemplateFormat::Xlsx => xlsx(q),
        }
    }
}

/// One column of the template.
struct Column<'a> {
    /// Its header: [`GROUP_COLUMN`] or a question's id.
    id: &'a str,
    /// What the second row says: [`GROUP_NOTE`] or the question's text.
    text: &'a str,
    /// Whether it is answered on the scale.
    scored: bool,
}

/// The template's columns, in order.
fn columns(q: &Questionnaire) -> Vec<Column<'_>> {
    let group = Column {
        id: GROUP_COLUMN,
        text: GROUP_NOTE,
        scored: false,
    };
    let scored = q.questions().map(|(_, question)| Column {
        id: &question.id,
        text: &question.text,
        scored: true,
    });
    let open = q.open_questions.iter().map(|o| Column {
        id: &o.id,
        text: &o.text,
        scored: false,
    });
    std::iter::once(group).chain(scored).chain(open).collect()
}

/// The blank response CSV: the ids row, then the texts row.
///
/// The ids are written as they are, without the formula guard of text cells: the reader matches
/// them letter for letter, and an id (letters, digits, `-`, `_` and `.`) cannot call a
/// spreadsheet function. The texts are text cells (guarded, and quoted when they hold a comma,
/// a quote or a line break).
pub fn csv(q: &Questionnaire) -> Result<String> {
    let columns = columns(q);
    let ids: Vec<&str> = columns.iter().map(|c| c.id).collect();
    let mut document = CsvDocument::with_header(&ids)?;
    document.row(columns.iter().map(|c| Field::Text(c.text)))?;
    document.finish()
}
