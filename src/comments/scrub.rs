//! Scrubbing a comment before anything shows it: e-mail addresses, phone numbers, IP
//! addresses, URLs, the words of every value of the file's identifying columns and the words
//! of a `--redact` list become [`REMOVED`].
//!
//! The identifying values reach the [`Scrubber`] only as the reader's
//! [`Withheld`] cells: it keeps their words in a set it never lists, prints nor serialises (its
//! `Debug` shows counts only), and its one use of them is to cut them out of other text.

use super::words::{Phrases, words};
use crate::error::{Problem, Problems};
use crate::responses::{Withheld, identifying_value};
use std::fmt;
use std::ops::Range;
use std::path::Path;

/// What replaces a scrubbed part of a comment.
pub const REMOVED: &str = "[removed]";

/// The most distinct words learnt from identifying columns. Past it, the scrubber cannot vouch
/// for what it has not learnt, so no comment text is shown at all (see
/// [`Scrubber::is_complete`]).
pub const MAX_IDENTIFYING_WORDS: usize = 1_000_000;

/// The largest `--redact` file read, in bytes.
pub const MAX_REDACT_BYTES: u64 = 1024 * 1024;

/// Words to remove from every comment (`--redact FILE`): one entry a line, a word or several
/// words in a row, matched case-insensitively as whole words; blank lines and lines starting
/// with `#` are skipped.
#[derive(Debug, Clone, Default)]
pub struct RedactList(Phrases);

impl RedactList {
    /// The list in a text.
    pub fn parse(text: &str) -> Self {
        let mut phrases = Phrases::default();
        for line in text.lines().map(str::trim) {
            if !line.starts_with('#') {
                phrases.insert(words(line).into_iter().map(|(_, w)| w).collect());
            }
        }
        RedactList(phrases)
    }

    /// The list in a file; a file that cannot be read, or is too large or not UTF-8, is a
    /// problem naming it.
    pub fn load(path: &Path) -> Result<Self, Problems> {
        let name = path.display().to_string();
        let fail = |why: String| Problems::from(Problem::file(&name, why));
        let size = std::fs::metadata(path)
            .map_err(|e| fail(format!("cannot read the redact list: {e}")))?
            .len();
        if size > MAX_REDACT_BYTES {
            return Err(fail(format!(
                "the redact list holds {size} bytes, more than the {MAX_REDACT_BYTES} read"
            )));
        }
        let bytes =
            std::fs::read(path).map_err(|e| fail(format!("cannot read the redact list: {e}")))?;
        let text = String::from_utf8(bytes)
            .map_err(|_| fail("the redact list is not UTF-8 text".to_string()))?;
        Ok(RedactList::parse(&text))
    }

    /// How many entries it holds.
    pub fn len(&self) -> usize {
        self.0.len()
    }

    /// Whether it holds none.
    pub fn is_empty(&self) -> bool {
        self.0.len() == 0
    }
}

/// Removes what could identify someone from a comment (see the module doc).
#[derive(Clone, Default)]
pub struct Scrubber {
    /// Words of identifying values, each a phrase of one word.
    names: Phrases,
    /// The `--redact` list.
    listed: Phrases,
    /// More identifying words were met than [`MAX_IDENTIFYING_WORDS`].
    overflow: bool,
}

impl fmt::Debug for Scrubber {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "Scrubber({} identifying words, {} listed, complete: {})",
            self.names.len(),
            self.listed.len(),
            self.is_complete()
        )
    }
}

impl Scrubber {
    /// A scrubber that also removes a redact list.
    pub fn new(redact: &RedactList) -> Self {
        Scrubber {
            listed: redact.0.clone(),
            ..Scrubber::default()
        }
    }

    /// Learn the words of a cell of an identifying column: every word of two characters or more
    /// with a letter in it (of an e-mail address, the part before `@`).
    pub fn learn(&mut self, cell: Withheld<'_>) {
        let value = cell.expose_to_scrubber();
        let value = value.rsplit_once('@').map_or(value, |(local, _)| local);
        for (_, word) in words(value) {
            if word.chars().count() < 2 || !word.chars().any(char::is_alphabetic) {
                continue;
            }
            if self.names.len() >= MAX_IDENTIFYING_WORDS {
                self.overflow = true;
                return;
            }
            self.names.insert(vec![word]);
        }
    }

    /// Everything `other` learnt, added to this one.
    pub fn merge(&mut self, other: Scrubber) {
        self.overflow |= other.overflow;
        self.names.extend(other.names);
        self.listed.extend(other.listed);
        if self.names.len() > MAX_IDENTIFYING_WORDS {
            self.overflow = true;
        }
    }

    /// Whether every identifying word met was learnt; when not, no comment may be shown.
    pub fn is_complete(&self) -> bool {
        !self.overflow
    }

    /// The text with every part that could identify someone replaced by [`REMOVED`] (parts
    /// next to each other, or apart only by spaces, replaced once).
    pub fn scrub(&self, text: &str) -> String {
        let mut spans = pattern_spans(text);
        let found = words(text);
        let lower: Vec<String> = found.iter().map(|(_, w)| w.clone()).collect();
        for (i, n) in self
            .names
            .find(&lower)
            .into_iter()
            .chain(self.listed.find(&lower))
        {
            spans.push(found[i].0.start..found[i + n - 1].0.end);
        }
        replace_spans(text, spans)
    }
}

/// `text` with each span (merged where they overlap or are apart only by white space) replaced
/// by [`REMOVED`].
fn replace_spans(text: &str, mut spans: Vec<Range<usize>>) -> String {
    spans.sort_by_key(|s| (s.start, s.end));
    let mut merged: Vec<Range<usize>> = Vec::new();
    for s in spans {
        match merged.last_mut() {
            Some(last) if s.start <= last.end || text[last.end..s.start].trim().is_empty() => {
                last.end = last.end.max(s.end);
            }
            _ => merged.push(s),
        }
    }
    let mut out = String::with_capacity(text.len());
    let mut at = 0;
    for s in merged {
        out.push_str(&text[at..s.start]);
        out.push_str(REMOVED);
        at = s.end;
    }
    out.push_str(&text[at..]);
    out
}

/// The white-space separated parts of a text, without the punctuation around them.
fn chunks(text: &str) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut start = None;
    for (i, c) in text.char_indices().chain([(text.len(), ' ')]) {
        match (c.is_whitespace(), start) {
            (false, None) => start = Some(i),
            (true, Some(s)) => {
                let part = &text[s..i];
                let lead = part.len() - part.trim_start_matches(LEADING).len();
                let core = part.trim_start_matches(LEADING).trim_end_matches(TRAILING);
                if !core.is_empty() {
                    out.push(s + lead..s + lead + core.len());
                }
                start = None;
            }
            _ => {}
        }
    }
    out
}

/// Punctuation that may open a part of a sentence.
const LEADING: &[char] = &['(', '[', '<', '"', '\'', '\u{201c}', '\u{2018}'];
/// Punctuation that may close a part of a sentence.
const TRAILING: &[char] = &[
    '.', ',', ';', ':', '!', '?', ')', ']', '>', '"', '\'', '\u{201d}', '\u{2019}',
];

/// Where the text holds an e-mail address, an IP address, a URL or a phone number (the
/// reader's [`identifying_value`] judges each part, and each run of parts that could be a
/// phone number written with spaces).
fn pattern_spans(text: &str) -> Vec<Range<usize>> {
    let parts = chunks(text);
    let mut spans = Vec::new();
    let mut i = 0;
    while i < parts.len() {
        let core = &text[parts[i].clone()];
        if is_url(core) || identifying_value(core).is_some_and(|k| k != PHONE) {
            spans.push(parts[i].clone());
            i += 1;
        } else if could_be_phone(core) {
            let mut end = i + 1;
            while end < parts.len() && could_be_phone(&text[parts[end].clone()]) {
                end += 1;
            }
            let run: Vec<Range<usize>> = parts[i..end]
                .iter()
                .map(|p| with_brackets(text, p.clone()))
                .collect();
            spans.extend(phones(text, &run));
            i = end;
        } else {
            i += 1;
        }
    }
    spans
}

/// A part with the brackets right around it, as in `(555)`.
fn with_brackets(text: &str, mut part: Range<usize>) -> Range<usize> {
    while text[..part.start].ends_with('(') {
        part.start -= 1;
    }
    while text[part.end..].starts_with(')') {
        part.end += 1;
    }
    part
}

/// The kind [`identifying_value`] gives a phone number.
const PHONE: &str = "phone numbers";

fn is_url(part: &str) -> bool {
    let lower = part.to_ascii_lowercase();
    ["http://", "https://", "ftp://", "www."]
        .iter()
        .any(|p| lower.starts_with(p))
}

/// Digits with only the signs a phone number is written with.
fn could_be_phone(part: &str) -> bool {
    part.chars().any(|c| c.is_ascii_digit())
        && part
            .chars()
            .all(|c| c.is_ascii_digit() || matches!(c, '+' | '.' | '-' | '(' | ')' | '/'))
}

/// The phone numbers in a run of parts: from each part, the longest run that is one (a date
/// written `YYYY-MM-DD` is not).
fn phones(text: &str, run: &[Range<usize>]) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut k = 0;
    while k < run.len() {
        let longest = (k..run.len()).rev().find(|&e| {
            let candidate = &text[run[k].start..run[e].end];
            identifying_value(candidate) == Some(PHONE) && !is_iso_date(candidate)
        });
        match longest {
            Some(e) => {
                out.push(run[k].start..run[e].end);
                k = e + 1;
            }
            None => k += 1,
        }
    }
    out
}

fn is_iso_date(s: &str) -> bool {
    let b = s.as_bytes();
    b.len() == 10
        && b[4] == b'-'
        && b[7] == b'-'
        && b.iter()
            .enumerate()
            .all(|(i, c)| i == 4 || i == 7 || c.is_ascii_digit())
}
