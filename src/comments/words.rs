//! Words of a comment, and sequences of words to look for in it: the one matcher behind both
//! the scrubbing of names and listed words ([`super::scrub`]) and the themes of keywords
//! ([`super::themes`]).

use rustc_hash::FxHashMap;
use std::ops::Range;

/// The words of a text: maximal runs of letters and digits, each with its byte range and its
/// lowercase form.
pub(super) fn words(text: &str) -> Vec<(Range<usize>, String)> {
    let mut out = Vec::new();
    let mut start = None;
    for (i, c) in text.char_indices() {
        match (c.is_alphanumeric(), start) {
            (true, None) => start = Some(i),
            (false, Some(s)) => {
                out.push((s..i, text[s..i].to_lowercase()));
                start = None;
            }
            _ => {}
        }
    }
    if let Some(s) = start {
        out.push((s..text.len(), text[s..].to_lowercase()));
    }
    out
}

/// Sequences of words (one word or several), found in a text only as whole words.
#[derive(Debug, Clone, Default)]
pub(super) struct Phrases {
    /// Each phrase by its first word.
    by_first: FxHashMap<String, Vec<Vec<String>>>,
    /// How many phrases are held.
    len: usize,
}

impl Phrases {
    /// Add a phrase given as its words; an empty one is left out. Adding it twice keeps one.
    pub(super) fn insert(&mut self, words: Vec<String>) {
        let Some(first) = words.first().cloned() else {
            return;
        };
        let list = self.by_first.entry(first).or_default();
        if !list.contains(&words) {
            list.push(words);
            self.len += 1;
        }
    }

    /// How many phrases are held.
    pub(super) fn len(&self) -> usize {
        self.len
    }

    /// Every phrase of `other` added to these.
    pub(super) fn extend(&mut self, other: Phrases) {
        for phrase in other.by_first.into_values().flatten() {
            self.insert(phrase);
        }
    }

    /// Where the phrases occur in a text given as its words: (first word, number of words) of
    /// each occurrence, the longest phrase at a position only.
    pub(super) fn find(&self, words: &[String]) -> Vec<(usize, usize)> {
        let mut found = Vec::new();
        for i in 0..words.len() {
            let longest = self.by_first.get(&words[i]).and_then(|list| {
                list.iter()
                    .filter(|p| words[i..].starts_with(p))
                    .map(Vec::len)
                    .max()
            });
            if let Some(n) = longest {
                found.push((i, n));
            }
        }
        found
    }
}

/// A Snowball stemmer for the questionnaire's language.
#[derive(Clone, Copy)]
pub(super) struct Stems(snowstem::Stemmer);

impl Stems {
    /// The stemmer of a language.
    pub(super) fn new(language: crate::questionnaire::Language) -> Self {
        Stems(snowstem::Stemmer::create(language.0))
    }

    /// The stems of lowercase words, in order.
    pub(super) fn of<'w>(&self, words: impl IntoIterator<Item = &'w str>) -> Vec<String> {
        words
            .into_iter()
            .map(|w| self.0.stem(w).into_owned())
            .collect()
    }
}
