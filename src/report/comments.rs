//! The view of "In their own words" (`templates/sections/comments.html` and `.md`): per open
//! question, how many answered, the themes as a small bar chart, and for each domain up to
//! [`COMMENTS_PER_DOMAIN`] of the comments that mention it, most keyword mentions first. Only
//! what [`crate::comments`] lets be shown reaches the view: scrubbed texts of questions enough
//! people answered, and the group labels its rules allow.

use crate::charts::level_bars;
use crate::comments::{CommentSummary, GroupLabel, REMOVED, ShownComment};
use crate::questionnaire::Questionnaire;
use crate::scoring::Assessment;
use crate::scoring::export::domain_name;
use anyhow::Result;
use serde::Serialize;
use std::collections::BTreeMap;

/// The most comments quoted per domain and question.
pub const COMMENTS_PER_DOMAIN: usize = 3;

/// The section: empty `questions` when no file has a column for an open question.
#[derive(Debug, Clone, Serialize)]
pub struct CommentsView {
    /// One entry per open question answered in some file, in questionnaire order.
    pub questions: Vec<CommentQuestionView>,
    /// What the reader sees in the section, and what was done to protect the respondents.
    pub note: String,
    /// For every domain of the questionnaire (by id), the blocks of quoted comments that
    /// mention it, so that the domain's section links to them (empty when none is quoted).
    pub by_domain: BTreeMap<String, Vec<CommentLink>>,
}

/// A link from a domain's section to the comments of one open question that mention it.
#[derive(Debug, Clone, Serialize)]
pub struct CommentLink {
    /// The anchor of the block ([`DomainCommentsView::anchor`]).
    pub anchor: String,
    /// The open question's text.
    pub question: String,
    /// How many of its comments mention the domain.
    pub n: u64,
}

/// One open question.
#[derive(Debug, Clone, Serialize)]
pub struct CommentQuestionView {
    /// Its id.
    pub id: String,
    /// Its text.
    pub text: String,
    /// How many answered it.
    pub n: u64,
    /// How many answered it, in words.
    pub count: String,
    /// Why its comments are not shown, when they are not.
    pub withheld: Option<String>,
    /// The bar chart of its themes (SVG; empty when withheld or no comment has a theme).
    pub themes_svg: String,
    /// The themes as text, for the Markdown report: "Change enablement 4", ...
    pub themes: Vec<String>,
    /// How many comments mention no domain, in words.
    pub untagged: String,
    /// The domains mentioned, each with its quoted comments.
    pub domains: Vec<DomainCommentsView>,
}

/// The comments that mention one domain.
#[derive(Debug, Clone, Serialize)]
pub struct DomainCommentsView {
    /// The anchor of this block: `comments-QUESTION-DOMAIN`.
    pub anchor: String,
    /// The domain's name.
    pub name: String,
    /// How many comments mention it.
    pub n: u64,
    /// Up to [`COMMENTS_PER_DOMAIN`] of them.
    pub quotes: Vec<QuoteView>,
}

/// A comment quoted.
#[derive(Debug, Clone, Serialize)]
pub struct QuoteView {
    /// The scrubbed text.
    pub text: String,
    /// The groups it is labelled with ("role: Business"), joined; empty when none may be
    /// (for a text several people wrote, the labels they all share).
    pub from: String,
    /// How many people wrote this very text.
    pub times: usize,
}

/// The section's view from the assessment's comments.
pub fn comments_view(q: &Questionnaire, a: &Assessment) -> Result<CommentsView> {
    let questions = a
        .comments
        .iter()
        .map(|c| question_view(q, a, c))
        .collect::<Result<Vec<_>>>()?;
    let threshold = a.comments.first().map_or(0, |c| c.min_comments);
    let mut by_domain: BTreeMap<String, Vec<CommentLink>> = q
        .domains
        .iter()
        .map(|d| (d.id.clone(), Vec::new()))
        .collect();
    for question in &questions {
        for d in &q.domains {
            let anchor = format!("comments-{}-{}", question.id, d.id);
            let block = question.domains.iter().find(|b| b.anchor == anchor);
            if let Some(block) = block.filter(|b| !b.quotes.is_empty()) {
                by_domain
                    .entry(d.id.clone())
                    .or_default()
                    .push(CommentLink {
                        anchor,
                        question: question.text.clone(),
                        n: block.n,
                    });
            }
        }
    }
    Ok(CommentsView {
        by_domain,
        questions,
        note: format!(
            "These are the respondents' own words, quoted only for questions at least {threshold} people answered; \
             below that only the number of comments is given. Before anything is shown, e-mail addresses, phone numbers, \
             IP addresses, web links and every name or login found in the survey's identifying columns are replaced by \
             {REMOVED}. Comments are listed by their content, never in the order they were given, and carry a group's \
             name only when that group and the comments left without a name are both large enough not to point at anyone."
        ),
    })
}

fn question_view(
    q: &Questionnaire,
    a: &Assessment,
    c: &CommentSummary,
) -> Result<CommentQuestionView> {
    let count = match c.n {
        1 => "1 person answered".to_string(),
        n => format!("{n} people answered"),
    };
    let withheld = c.withheld.then(|| {
        format!(
            "Fewer than {} people answered this question, so their comments are not shown.",
            c.min_comments
        )
    });
    let name = |id: &str| domain_name(a, id).to_string();
    let rows: Vec<(String, Option<f64>)> = c
        .themes
        .iter()
        .map(|t| (name(&t.domain), Some(t.n as f64)))
        .collect();
    let kept = c.shown.len() as f64;
    let themes_svg = if rows.is_empty() {
        String::new()
    } else {
        level_bars("Comments that mention each domain", &rows, kept)?
    };
    let domains = q
        .domains
        .iter()
        .filter_map(|d| {
            let theme = c.themes.iter().find(|t| t.domain == d.id)?;
            Some(DomainCommentsView {
                anchor: format!("comments-{}-{}", c.question, d.id),
                name: d.name.clone(),
                n: theme.n,
                quotes: quotes(&c.shown, &d.id),
            })
        })
        .collect();
    Ok(CommentQuestionView {
        id: c.question.clone(),
        text: c.text.clone(),
        n: c.n,
        count,
        withheld,
        themes: c
            .themes
            .iter()
            .map(|t| format!("{} {}", name(&t.domain), t.n))
            .collect(),
        untagged: match c.untagged {
            Some(0) => "Each comment mentions at least one domain.".to_string(),
            Some(1) => "1 comment mentions no domain.".to_string(),
            Some(n) => format!("{n} comments mention no domain."),
            None => String::new(),
        },
        themes_svg,
        domains,
    })
}

/// The comments that mention a domain, most mentions of it first, then in their (content)
/// order; a text written by several people is quoted once, saying how many wrote it; at most
/// [`COMMENTS_PER_DOMAIN`] texts.
fn quotes(shown: &[ShownComment], domain: &str) -> Vec<QuoteView> {
    let mut about: Vec<(u32, &ShownComment)> = shown
        .iter()
        .filter_map(|s| {
            let i = s.themes.iter().position(|t| t == domain)?;
            Some((s.hits[i], s))
        })
        .collect();
    about.sort_by_key(|(hits, _)| std::cmp::Reverse(*hits));
    // Per text: the labels all its writers share, and how many wrote it.
    let mut out: Vec<(&str, Vec<&GroupLabel>, usize)> = Vec::new();
    for (_, s) in about {
        match out.iter_mut().find(|(text, _, _)| *text == s.text) {
            Some((_, groups, times)) => {
                groups.retain(|g| s.groups.contains(g));
                *times += 1;
            }
            None => out.push((&s.text, s.groups.iter().collect(), 1)),
        }
    }
    out.into_iter()
        .take(COMMENTS_PER_DOMAIN)
        .map(|(text, groups, times)| QuoteView {
            text: text.to_string(),
            from: groups
                .iter()
                .map(|g| format!("{}: {}", g.column, g.value))
                .collect::<Vec<_>>()
                .join(", "),
            times,
        })
        .collect()
}
