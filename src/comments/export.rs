//! The comments' layouts for `itsm-assess comments`: CSV for a consultant's own coding in a
//! spreadsheet (formula-safe), and Markdown. Their JSON is [`crate::export::Json`]'s.

use super::Comments;
use crate::export::csv::{CsvDocument, Field};
use crate::export::{CommentsExporter, Csv, Markdown};
use crate::format::escape_markdown;
use anyhow::Result;
use std::fmt::Write as _;

/// The header of the comments' CSV.
pub const CSV_COLUMNS: [&str; 4] = ["question", "comment", "themes", "groups"];

impl CommentsExporter for Csv {
    /// A header ([`CSV_COLUMNS`]), then one row per comment that may be shown: its question,
    /// its scrubbed text, its themes (`;`-separated) and its group labels (`column=value`,
    /// `;`-separated). A question whose comments are withheld has no row.
    fn comments(&self, comments: &Comments) -> Result<String> {
        let mut doc = CsvDocument::with_header(&CSV_COLUMNS)?;
        for q in &comments.questions {
            for c in &q.shown {
                let groups: Vec<String> = c
                    .groups
                    .iter()
                    .map(|g| format!("{}={}", g.column, g.value))
                    .collect();
                doc.row([
                    Field::Text(&q.question),
                    Field::Text(&c.text),
                    Field::Text(&c.themes.join(";")),
                    Field::Text(&groups.join(";")),
                ])?;
            }
        }
        doc.finish()
    }
}

impl CommentsExporter for Markdown {
    /// Per open question a heading, how many answered it, and its comments as a list (or why
    /// they are not shown).
    fn comments(&self, comments: &Comments) -> Result<String> {
        let mut out = String::from("# Comments\n");
        if let Some(w) = &comments.warning {
            let _ = write!(out, "\n{}\n", escape_markdown(w));
        }
        for q in &comments.questions {
            let _ = write!(
                out,
                "\n## {} ({})\n\n{} comment(s).",
                escape_markdown(&q.text),
                escape_markdown(&q.question),
                q.n
            );
            if q.withheld {
                let _ = writeln!(
                    out,
                    " Not shown: fewer than {} people answered.",
                    comments.threshold
                );
                continue;
            }
            out.push_str("\n\n");
            for c in &q.shown {
                let _ = write!(out, "- {}", escape_markdown(&c.text));
                let tags: Vec<String> = c
                    .themes
                    .iter()
                    .map(|t| escape_markdown(t))
                    .chain(
                        c.groups
                            .iter()
                            .map(|g| escape_markdown(&format!("{}: {}", g.column, g.value))),
                    )
                    .collect();
                if !tags.is_empty() {
                    let _ = write!(out, " ({})", tags.join(", "));
                }
                out.push('\n');
            }
        }
        Ok(out)
    }
}
