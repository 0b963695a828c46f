//! What may be shown of the comments: per open question, its count, its themes and, when
//! enough people answered it, its scrubbed comments in an order taken from their content, with
//! the group labels the privacy rules allow (see the module doc of [`super`]).

use super::collect::RawComment;
use super::scrub::Scrubber;
use super::themes::Themes;
use crate::questionnaire::Questionnaire;
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, BTreeSet};

/// The comments of a run: one summary per open question that some file has a column for.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Comments {
    /// The summaries, in questionnaire order.
    pub questions: Vec<CommentSummary>,
    /// The fewest comments to a question for its text to be shown.
    pub threshold: usize,
    /// Why comment text is withheld even where enough people answered, if it is.
    pub warning: Option<String>,
}

/// One open question's comments, as the JSON `comments` field and the report show them.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct CommentSummary {
    /// The open question's id.
    pub question: String,
    /// Its text.
    pub text: String,
    /// The domain it is asked in, if any.
    #[serde(default)]
    pub domain: Option<String>,
    /// How many respondents answered it (kept or not).
    pub n: u64,
    /// Comments counted but not kept (past [`super::MAX_COMMENTS`]), so not in the themes.
    #[serde(default)]
    pub not_kept: u64,
    /// The fewest answers for its comments to be shown (`--min-comment-group`, at least
    /// `--min-group-size`).
    pub min_comments: usize,
    /// Whether its text, themes and labels are withheld: too few comments, or the scrubber
    /// could not learn every identifying value.
    pub withheld: bool,
    /// Per domain theme, how many comments mention it (empty when withheld).
    pub themes: Vec<ThemeCount>,
    /// How many comments mention no theme (none when withheld).
    pub untagged: Option<u64>,
    /// The comments, scrubbed, ordered by their text (empty when withheld).
    pub shown: Vec<ShownComment>,
}

/// How many comments to a question mention a domain.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
pub struct ThemeCount {
    /// The domain's id.
    pub domain: String,
    /// The comments that mention it.
    pub n: u64,
}

/// One comment that may be shown.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
pub struct ShownComment {
    /// The scrubbed text.
    pub text: String,
    /// The domains it mentions, in questionnaire order.
    pub themes: Vec<String>,
    /// The keyword mentions of each of `themes`.
    pub hits: Vec<u32>,
    /// The groups it may be labelled with: only groups that gave at least the threshold of
    /// comments to the question, leaving none or at least as many unlabelled in that column.
    pub groups: Vec<GroupLabel>,
}

/// A group a comment is labelled with.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq, PartialOrd, Ord)]
pub struct GroupLabel {
    /// The group-by column.
    pub column: String,
    /// The group.
    pub value: String,
}

/// The summaries of the kept comments (sorted by content), scrubbed and tagged.
pub(super) fn summarise(
    q: &Questionnaire,
    group_by: &[String],
    counts: &[u64],
    asked: &[bool],
    kept: Vec<RawComment>,
    scrubber: &Scrubber,
    threshold: usize,
) -> Comments {
    let themes = Themes::new(q);
    let mut per_question: Vec<Vec<RawComment>> = vec![Vec::new(); counts.len()];
    for c in kept {
        let question = c.question;
        per_question[question].push(c);
    }
    let complete = scrubber.is_complete();
    let questions = q
        .open_questions
        .iter()
        .enumerate()
        .filter(|(i, _)| asked[*i])
        .map(|(i, open)| {
            let comments = std::mem::take(&mut per_question[i]);
            let withheld = !complete || counts[i] < threshold as u64;
            let mut summary = CommentSummary {
                question: open.id.clone(),
                text: open.text.clone(),
                domain: open.domain.clone(),
                n: counts[i],
                not_kept: counts[i] - comments.len() as u64,
                min_comments: threshold,
                withheld,
                themes: Vec::new(),
                untagged: None,
                shown: Vec::new(),
            };
            if !withheld {
                fill(
                    &mut summary,
                    comments,
                    group_by,
                    scrubber,
                    &themes,
                    threshold,
                );
            }
            summary
        })
        .collect();
    Comments {
        questions,
        threshold,
        warning: (!complete).then(|| {
            format!(
                "no comment text is shown: the identifying columns held more than {} distinct words, too many to scrub with certainty",
                super::scrub::MAX_IDENTIFYING_WORDS
            )
        }),
    }
}

/// Scrub, tag, order and label the comments of a question that may be shown.
fn fill(
    summary: &mut CommentSummary,
    comments: Vec<RawComment>,
    group_by: &[String],
    scrubber: &Scrubber,
    themes: &Themes,
    threshold: usize,
) {
    let labels: Vec<BTreeSet<&str>> = (0..group_by.len())
        .map(|c| labelled_groups(comments.iter().map(|r| r.groups[c].as_str()), threshold))
        .collect();
    let mut shown: Vec<ShownComment> = comments
        .iter()
        .map(|raw| {
            let text = scrubber.scrub(&raw.text);
            let (themes, hits) = themes.tag(&text).into_iter().unzip();
            let groups = group_by
                .iter()
                .zip(&raw.groups)
                .zip(&labels)
                .filter(|((_, value), allowed)| allowed.contains(value.as_str()))
                .map(|((column, value), _)| GroupLabel {
                    column: column.clone(),
                    value: value.clone(),
                })
                .collect();
            ShownComment {
                text,
                themes,
                hits,
                groups,
            }
        })
        .collect();
    // Scrubbing can change the order of texts: order again by what is shown.
    shown.sort_by(|a, b| (&a.text, &a.themes, &a.groups).cmp(&(&b.text, &b.themes, &b.groups)));
    summary.themes = theme_counts(&shown, themes.domains());
    summary.untagged = Some(shown.iter().filter(|c| c.themes.is_empty()).count() as u64);
    summary.shown = shown;
}

/// Per domain mentioned, how many comments mention it, in `order` (the questionnaire's).
fn theme_counts(shown: &[ShownComment], order: impl Iterator<Item = String>) -> Vec<ThemeCount> {
    order
        .filter_map(|domain| {
            let n = shown.iter().filter(|c| c.themes.contains(&domain)).count() as u64;
            (n > 0).then_some(ThemeCount { domain, n })
        })
        .collect()
}

/// The groups of one column whose comments may carry their label: each gave at least
/// `threshold` comments, and the comments left unlabelled (blank values and smaller groups)
/// number none or at least `threshold` too; otherwise the smallest labelled groups lose their
/// label until that holds.
pub(super) fn labelled_groups<'v>(
    values: impl Iterator<Item = &'v str>,
    threshold: usize,
) -> BTreeSet<&'v str> {
    let mut counts: BTreeMap<&str, usize> = BTreeMap::new();
    let mut total = 0;
    for v in values {
        *counts.entry(v).or_default() += 1;
        total += 1;
    }
    let mut labelled: Vec<(usize, &str)> = counts
        .iter()
        .filter(|(v, n)| !v.is_empty() && **n >= threshold)
        .map(|(v, n)| (*n, *v))
        .collect();
    labelled.sort();
    let mut rest = total - labelled.iter().map(|(n, _)| n).sum::<usize>();
    let mut from = 0;
    while rest > 0 && rest < threshold && from < labelled.len() {
        rest += labelled[from].0;
        from += 1;
    }
    labelled[from..].iter().map(|(_, v)| *v).collect()
}
