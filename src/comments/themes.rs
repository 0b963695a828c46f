//! Themes: a comment is about a domain when it mentions one of the domain's `keywords:`,
//! compared on word stems (a Snowball stemmer for the questionnaire's language), so that
//! "changes", "changing" and "changed" all mention "change".

use super::words::{Phrases, Stems, words};
use crate::questionnaire::Questionnaire;

/// The keywords of every domain, as stems.
#[derive(Clone)]
pub(super) struct Themes {
    stems: Stems,
    /// Per domain with keywords: its id and its keywords' stems.
    domains: Vec<(String, Phrases)>,
}

impl Themes {
    /// The themes of a questionnaire: one per domain that lists keywords.
    pub(super) fn new(q: &Questionnaire) -> Self {
        let stems = Stems::new(q.language);
        let domains = q
            .domains
            .iter()
            .filter(|d| !d.keywords.is_empty())
            .map(|d| {
                let mut phrases = Phrases::default();
                for k in &d.keywords {
                    let w = words(k);
                    phrases.insert(stems.of(w.iter().map(|(_, w)| w.as_str())));
                }
                (d.id.clone(), phrases)
            })
            .collect();
        Themes { stems, domains }
    }

    /// The ids of the domains with keywords, in questionnaire order.
    pub(super) fn domains(&self) -> impl Iterator<Item = String> + '_ {
        self.domains.iter().map(|(id, _)| id.clone())
    }

    /// The domains a text mentions, in questionnaire order, with how many keyword mentions of
    /// each it holds.
    pub(super) fn tag(&self, text: &str) -> Vec<(String, u32)> {
        let w = words(text);
        let stems = self.stems.of(w.iter().map(|(_, w)| w.as_str()));
        self.domains
            .iter()
            .filter_map(|(id, phrases)| {
                let hits = phrases.find(&stems).len() as u32;
                (hits > 0).then(|| (id.clone(), hits))
            })
            .collect()
    }
}
