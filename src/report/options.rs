//! What the user chooses for a report beyond the data: the cover's words, the perspective of
//! the headline, the invitations behind the response rate, and the paper it prints on.

use crate::choice::Choice;
use anyhow::{Result, bail};

/// What the cover says and how the report is laid out, chosen by the user.
#[derive(Debug, Clone, Default)]
pub struct ReportMeta {
    /// The report's title.
    pub title: String,
    /// The client organisation.
    pub organisation: Option<String>,
    /// The report's date, as written on the cover.
    pub date: Option<String>,
    /// The group-by column whose groups the headline sets side by side (`--perspective`);
    /// `None`: the first group-by column, if any.
    pub perspective: Option<String>,
    /// How many people were invited, in all and per group (`--invited`).
    pub invited: Vec<Invited>,
    /// The paper size the print layout is made for.
    pub paper: Paper,
    /// The consultant's observations, high ones first.
    pub observations: crate::observations::ObservationsView,
}

impl ReportMeta {
    /// The date as the cover writes it: the one given, or "not dated".
    pub fn date_text(&self) -> String {
        self.date.clone().unwrap_or_else(|| "not dated".to_string())
    }
}

/// The paper a printed report is laid out for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Paper {
    /// ISO A4, 210 x 297 mm.
    #[default]
    A4,
    /// US Letter, 8.5 x 11 inches.
    Letter,
}

impl Choice for Paper {
    const ALL: &'static [Paper] = &[Paper::A4, Paper::Letter];

    fn id(self) -> &'static str {
        match self {
            Paper::A4 => "a4",
            Paper::Letter => "letter",
        }
    }

    fn help(self) -> &'static str {
        match self {
            Paper::A4 => "ISO A4 (210 x 297 mm)",
            Paper::Letter => "US Letter (8.5 x 11 in)",
        }
    }
}

impl Paper {
    /// The size as CSS's `@page { size: ... }` names it.
    pub fn css(self) -> &'static str {
        match self {
            Paper::A4 => "A4",
            Paper::Letter => "letter",
        }
    }
}

/// One `--invited` setting: the number of people invited to the survey, in all or in one group.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Invited {
    /// Everyone invited (`--invited N`).
    Total(u64),
    /// The people invited in one group of a group-by column (`--invited COL=VALUE:N`).
    Group {
        /// The group-by column.
        column: String,
        /// The group's value.
        value: String,
        /// How many were invited.
        count: u64,
    },
}

impl Invited {
    /// Read `N` or `COL=VALUE:N` (the column ends at the first `=`, the count follows the last
    /// `:`, so a value may hold either sign). The count is a whole number of at least 1.
    pub fn parse(text: &str) -> Result<Invited> {
        let count = |s: &str| -> Result<u64> {
            match s.trim().parse::<u64>() {
                Ok(n) if n > 0 => Ok(n),
                _ => {
                    bail!("'{s}' is not a number of people: expected a whole number of at least 1")
                }
            }
        };
        let Some((column, rest)) = text.split_once('=') else {
            return Ok(Invited::Total(count(text)?));
        };
        let Some((value, n)) = rest.rsplit_once(':') else {
            bail!("expected N or COL=VALUE:N, such as role=IT:40");
        };
        let (column, value) = (column.trim(), value.trim());
        if column.is_empty() || value.is_empty() {
            bail!("expected N or COL=VALUE:N, with a column and a value, such as role=IT:40");
        }
        Ok(Invited::Group {
            column: column.to_string(),
            value: value.to_string(),
            count: count(n)?,
        })
    }
}
