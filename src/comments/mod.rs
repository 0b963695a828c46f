//! Candid feedback: the answers to open questions (`kind: text`), collected beside the scorer,
//! scrubbed, tagged with themes and shown only where no one can be picked out.
//!
//! # The pieces
//!
//! - [`CommentCollector`] (`collect.rs`) is a consumer of the reader's rows: it asks for the
//!   cells of every free-text column ([`crate::responses::ColumnRole::FreeText`]) and keeps
//!   them with the row's group values, at most [`MAX_COMMENTS`] of them, each cut at
//!   [`MAX_COMMENT_CHARS`] characters (all are counted). It keeps the first comments by
//!   content, never by file order, and [`CommentCollector::merge`] joins two collectors fed
//!   different rows into the one a single pass gives.
//! - [`Scrubber`] (`scrub.rs`) removes e-mail addresses, phone numbers, IP addresses, URLs,
//!   the words of every value of the file's identifying columns and the `--redact` list. The
//!   identifying values come from the reader only as withheld cells
//!   ([`crate::responses::FileStart::request_identifying`]); the scrubber keeps their words in
//!   a set it never shows, and uses them only to cut them out of comments.
//! - Themes (`themes.rs`): a comment is about each domain whose `keywords:` it mentions,
//!   compared on Snowball word stems in the questionnaire's `language:`.
//! - [`Comments`] (`summary.rs`): per open question, the count, the themes, and the scrubbed
//!   comments that may be shown.
//!
//! # The privacy rules
//!
//! 1. A question's comments (text, themes and labels) are shown only when at least the
//!    threshold of respondents answered it: `--min-comment-group` (default
//!    [`DEFAULT_MIN_COMMENT_GROUP`]), raised to `--min-group-size` when that is larger.
//!    Below it, only the number of comments is given.
//! 2. Comments are listed in the order of their scrubbed text, never in file order.
//! 3. Every comment is scrubbed before it is shown or exported ([`REMOVED`] in place of what
//!    was taken out).
//! 4. A comment carries a group's label only when that group gave at least the threshold of
//!    comments to the question, and the comments of that column left unlabelled number none or
//!    at least the threshold too ([`summary::labelled_groups`]).

mod collect;
mod export;
mod scrub;
mod summary;
mod themes;
mod words;

pub use collect::CommentCollector;
pub use scrub::{MAX_IDENTIFYING_WORDS, MAX_REDACT_BYTES, REMOVED, RedactList, Scrubber};
pub use summary::{CommentSummary, Comments, GroupLabel, ShownComment, ThemeCount};

/// The fewest respondents who answered an open question for its comments to be shown.
pub const DEFAULT_MIN_COMMENT_GROUP: usize = 10;

/// The most comments kept in all (the first by content); the rest are counted.
pub const MAX_COMMENTS: usize = 20_000;

/// The longest comment kept, in characters; a longer one is cut there.
pub const MAX_COMMENT_CHARS: usize = 2_000;

/// How comments are shown: the threshold and the words to remove.
#[derive(Debug, Clone, Default)]
pub struct CommentOptions {
    /// `--min-comment-group` (`None`: [`DEFAULT_MIN_COMMENT_GROUP`]).
    pub min_comment_group: Option<usize>,
    /// `--redact`: words to remove from every comment.
    pub redact: RedactList,
}

impl CommentOptions {
    /// The fewest comments to a question for it to be shown: the `--min-comment-group`, never
    /// below the smallest group shown.
    pub fn threshold(&self, min_group_size: usize) -> usize {
        self.min_comment_group
            .unwrap_or(DEFAULT_MIN_COMMENT_GROUP)
            .max(min_group_size)
    }
}

#[cfg(test)]
mod tests;
