//! The one CSV writer: every CSV the tool writes (the assessment, the plan, the blank response
//! template of [`crate::template`]) goes through [`CsvDocument`], which configures the `csv` crate once.

use crate::format::spreadsheet_safe;
use anyhow::{Context as _, Result};
use std::borrow::Cow;

/// One field of a CSV row.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Field<'a> {
    /// Text from the questionnaire or the data: a spreadsheet must not run it as a formula, so
    /// when it starts with `=`, `+`, `-`, `@`, a tab or a carriage return it gets a leading
    /// apostrophe ([`spreadsheet_safe`]).
    Text(&'a str),
    /// A figure, a boolean or a word of the tool's own, written as it is: a negative number
    /// stays a number.
    Plain(String),
}

impl Field<'_> {
    /// A figure with 6 decimals, empty when missing.
    pub fn fixed6(value: Option<f64>) -> Field<'static> {
        Field::Plain(value.map_or_else(String::new, |v| format!("{v:.6}")))
    }

    /// Anything printable (a count, a level, a boolean) as a plain field.
    pub fn plain(value: impl std::fmt::Display) -> Field<'static> {
        Field::Plain(value.to_string())
    }

    /// An empty field.
    pub fn empty() -> Field<'static> {
        Field::Plain(String::new())
    }

    fn text(&self) -> Cow<'_, str> {
        match self {
            Field::Text(t) => spreadsheet_safe(t),
            Field::Plain(p) => Cow::Borrowed(p),
        }
    }
}

/// A CSV document written in memory: RFC 4180 quoting (a field holding a comma, a quote or a
/// line break is quoted, quotes doubled), `\n` line ends, every row as long as the header.
pub struct CsvDocument {
    writer: ::csv::Writer<Vec<u8>>,
}

impl CsvDocument {
    /// A document starting with a header row of the tool's own column names.
    pub fn with_header(names: &[&str]) -> Result<CsvDocument> {
        let writer = ::csv::WriterBuilder::new()
            .terminator(::csv::Terminator::Any(b'\n'))
            .quote_style(::csv::QuoteStyle::Necessary)
            .from_writer(Vec::new());
        let mut document = CsvDocument { writer };
        document.write(names)?;
        Ok(document)
    }

    /// Add a row.
    pub fn row<'a>(&mut self, fields: impl IntoIterator<Item = Field<'a>>) -> Result<()> {
        let fields: Vec<Field<'a>> = fields.into_iter().collect();
        self.write(fields.iter().map(|f| f.text().into_owned()))
    }

    fn write<T: AsRef<[u8]>>(&mut self, fields: impl IntoIterator<Item = T>) -> Result<()> {
        self.writer
            .write_record(fields)
            .context("cannot write a CSV row")
    }

    /// The document's text.
    pub fn finish(self) -> Result<String> {
        let bytes = self
            .writer
            .into_inner()
            .map_err(|e| anyhow::anyhow!("cannot finish the CSV: {}", e.error()))?;
        String::from_utf8(bytes).context("the CSV is not UTF-8")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_fields_are_guarded_and_quoted_and_plain_ones_are_not_guarded() {
        let mut doc = CsvDocument::with_header(&["a", "b", "c", "d"]).expect("header");
        doc.row([
            Field::Text("=SUM(A1), then"),
            Field::plain(-1.5),
            Field::Text("say \"hi\"\nthere"),
            Field::fixed6(None),
        ])
        .expect("row");
        doc.row([
            Field::Text("plain"),
            Field::fixed6(Some(2.0 / 3.0)),
            Field::Text("\ttab"),
            Field::empty(),
        ])
        .expect("row");
        assert_eq!(
            doc.finish().expect("text"),
            "a,b,c,d\n\"'=SUM(A1), then\",-1.5,\"say \"\"hi\"\"\nthere\",\nplain,0.666667,'\ttab,\n"
        );
    }

    #[test]
    fn a_carriage_return_is_quoted_too() {
        let mut doc = CsvDocument::with_header(&["a"]).expect("header");
        doc.row([Field::Text("x\ry")]).expect("row");
        assert_eq!(doc.finish().expect("text"), "a\n\"x\ry\"\n");
    }

    #[test]
    fn a_row_of_another_length_than_the_header_is_an_error() {
        let mut doc = CsvDocument::with_header(&["a", "b"]).expect("header");
        assert!(doc.row([Field::Text("only one")]).is_err());
    }
}
