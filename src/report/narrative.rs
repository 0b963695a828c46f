//! The report's sentences: the executive summary, the perception gaps in words, the cautions
//! on a domain, the evidence of a flag, the roadmap's introduction and an action's reason.
//!
//! Each sentence comes from one function taking the few facts it states, so that it can be
//! checked on its own; [`summary`] gathers those facts from the assessment and the plan.
//! Sentences hold user text as it is: the templates escape it for their format.

use crate::format::{self, join_words, plural};
use crate::questionnaire::{FlagComparison, FlagMetric, Questionnaire};
use crate::roadmap::{Plan, Reason};
use crate::scoring::export::domain_name;
use crate::scoring::{Assessment, Comparison, DomainResult};
use std::collections::BTreeSet;

/// The p-value below which a difference between groups is called unlikely to be chance.
pub const SIGNIFICANCE: f64 = 0.05;

/// Fewer respondents than this in a domain earns a caution in the report.
pub const FEW_RESPONDENTS: u64 = 10;

/// Cronbach's alpha below this earns a caution in the report (a common rule of thumb for
/// survey scales that are used to compare groups).
pub const LOW_ALPHA: f64 = 0.6;

/// A domain where at least this share of the answers are "not applicable" earns a finding:
/// people cannot see the practice.
pub const DONT_KNOW_SHARE: f64 = 0.3;

/// What the gaps section says when no difference is unlikely to be chance.
pub const NO_GAP_FOUND: &str =
    "No difference between these groups is large enough to rule out chance.";

/// Where a domain stands, as a sentence names it.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Standing<'a> {
    /// The domain's name.
    pub name: &'a str,
    /// Its level.
    pub level: Option<u32>,
    /// Its percent of the scale.
    pub percent: Option<f64>,
}

impl<'a> From<&'a DomainResult> for Standing<'a> {
    fn from(d: &'a DomainResult) -> Self {
        Standing {
            name: &d.name,
            level: d.stats.level,
            percent: d.stats.percent,
        }
    }
}

/// A difference between two groups on one domain, as a sentence states it.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Gap<'a> {
    /// The group-by column.
    pub column: &'a str,
    /// The first group.
    pub a: &'a str,
    /// The second group.
    pub b: &'a str,
    /// The domain's name.
    pub domain: &'a str,
    /// Mean of `a` minus mean of `b`, in percent points of the scale.
    pub points: f64,
    /// The test's p-value; `None` when untested.
    pub p: Option<f64>,
}

/// A comparison's mean difference in percent points of the scale.
pub fn difference_points(q: &Questionnaire, mean_difference: f64) -> f64 {
    mean_difference / f64::from(q.scale.max - q.scale.min) * 100.0
}

impl<'a> Gap<'a> {
    /// The facts of a comparison (an untested difference counts as 0 points).
    pub fn of(q: &Questionnaire, a: &'a Assessment, c: &'a Comparison) -> Gap<'a> {
        Gap {
            column: &c.column,
            a: &c.a,
            b: &c.b,
            domain: domain_name(a, &c.domain),
            points: c.mean_difference.map_or(0.0, |m| difference_points(q, m)),
            p: c.p_value,
        }
    }
}

/// The overall result in a few words: "Level 2 (Managed), 37.8% of the scale".
pub fn overall_text(level: Option<u32>, name: Option<&str>, percent: Option<f64>) -> String {
    match (level, name, percent) {
        (Some(l), Some(name), Some(p)) => {
            format!(
                "Level {l} ({name}), {} of the scale",
                format::percent(Some(p))
            )
        }
        _ => "Not enough answers to score".into(),
    }
}

/// The summary's opening: who answered, and where the programme stands (`overall` is its
/// level, level name and percent, when scored) out of `max_level`.
pub fn respondents_sentence(
    people: u64,
    skipped: u64,
    questionnaire: &str,
    overall: Option<(u32, &str, f64)>,
    max_level: u32,
) -> String {
    let skipped = match skipped {
        0 => String::new(),
        1 => "; 1 empty row was skipped".into(),
        n => format!("; {n} empty rows were skipped"),
    };
    let people = plural(people, "person", "people");
    match overall {
        Some((level, name, percent)) => format!(
            "{people} answered the survey (questionnaire: {questionnaire}){skipped}. Taken together, the programme stands at maturity level {level} of {max_level} ({name}), {} of the way up the answer scale.",
            format::whole_percent(percent)
        ),
        None => format!(
            "{people} answered the survey (questionnaire: {questionnaire}){skipped}: too few answers to score any domain."
        ),
    }
}

/// The weakest areas (at most two, never the strongest) and the strongest, from the scored
/// domains weakest first; nothing with fewer than two.
pub fn ranking_sentence(ranked: &[Standing]) -> Option<String> {
    let (strongest, rest) = ranked.split_last()?;
    if rest.is_empty() {
        return None;
    }
    let standing = |d: &Standing| {
        format!(
            "{} (level {}, {})",
            d.name,
            format::or_missing(d.level),
            format::percent(d.percent)
        )
    };
    let weak: Vec<String> = rest.iter().take(2).map(standing).collect();
    Some(format!(
        "The weakest {} {}. The strongest is {}.",
        if weak.len() == 1 {
            "area is"
        } else {
            "areas are"
        },
        join_words(&weak),
        standing(strongest)
    ))
}

/// The raised danger signs, as (domain name, finding) in order: how many, in which domains
/// (in alphabetical order), and the first finding.
pub fn flags_sentence(flags: &[(&str, &str)]) -> String {
    let Some((_, first)) = flags.first() else {
        return "None of the questionnaire's danger signs was raised by the answers.".into();
    };
    let names: BTreeSet<&str> = flags.iter().map(|(name, _)| *name).collect();
    let names: Vec<String> = names.into_iter().map(String::from).collect();
    format!(
        "{} danger {} raised, in {}. {first}",
        flags.len(),
        if flags.len() == 1 {
            "sign was"
        } else {
            "signs were"
        },
        join_words(&names)
    )
}

/// A comparison in words: "People with role IT rate Change enablement 18 points higher than
/// those with role Business (p = 0.003)."
pub fn gap_sentence(gap: &Gap) -> String {
    let (high, low) = if gap.points >= 0.0 {
        (gap.a, gap.b)
    } else {
        (gap.b, gap.a)
    };
    let p = gap.p.map_or_else(|| "not tested".into(), format::p_value);
    format!(
        "People with {column} {high} rate {} {:.0} points higher than those with {column} {low} ({p}).",
        gap.domain,
        gap.points.abs(),
        column = gap.column
    )
}

/// The summary's paragraph on groups: the largest difference unlikely to be chance, in words,
/// and how many there are.
pub fn groups_sentence(largest: &Gap, significant: usize) -> String {
    format!(
        "Groups see the programme differently. {} {}",
        gap_sentence(largest),
        if significant == 1 {
            "It is the only difference between groups that is unlikely to be chance.".to_string()
        } else {
            format!(
                "It is the largest of {significant} differences between groups that are unlikely to be chance."
            )
        }
    )
}

/// The first phase and its first four actions, as (title, owner).
pub fn first_phase_sentence(name: &str, months: (u32, u32), actions: &[(&str, &str)]) -> String {
    let titles: Vec<String> = actions
        .iter()
        .take(4)
        .map(|(title, owner)| format!("{} ({owner})", lowercase_first(title)))
        .collect();
    let more = match actions.len().saturating_sub(4) {
        0 => String::new(),
        n => format!(", and {n} more"),
    };
    format!(
        "The roadmap's first phase, {name} (months {} to {}), starts with: {}{more}.",
        months.0,
        months.1,
        join_words(&titles)
    )
}

/// The size of the plan and the progress to target; nothing for an empty plan.
pub fn plan_size_sentence(
    actions: usize,
    phases: usize,
    percent_to_target: Option<f64>,
) -> Option<String> {
    (actions > 0).then(|| {
        format!(
            "In all the roadmap holds {} in {}; each has an accountable owner and a measure that shows whether it worked.{}",
            plural(actions as u64, "action", "actions"),
            plural(phases as u64, "phase", "phases"),
            percent_to_target.map_or(String::new(), |p| format!(
                " Measured against the targets, the programme is {} of the way there today.",
                format::whole_percent(p)
            ))
        )
    })
}

/// The roadmap section's opening: how many actions close the gaps, and the progress to target.
pub fn roadmap_intro(actions: usize, percent_to_target: Option<f64>) -> String {
    if actions == 0 {
        return "Every domain with data has reached its target: no recovery action is needed."
            .into();
    }
    format!(
        "{} {} the gaps between today's maturity and the targets, in an order where early steps make later ones possible: no action starts before the actions it depends on.{}",
        plural(actions as u64, "action", "actions"),
        if actions == 1 { "closes" } else { "close" },
        percent_to_target.map_or(String::new(), |p| format!(
            " Progress to target today: {} (one minus the sum of the gaps over the levels from level 1 to each target: everyone starts at level 1).",
            format::whole_percent(p)
        ))
    )
}

/// The cautions on a domain scored by `n` people, with Cronbach's `alpha` over its `questions`:
/// too few answers, and reliability low or unknown.
pub fn domain_notes(n: u64, alpha: Option<f64>, questions: usize) -> Vec<String> {
    let mut notes = Vec::new();
    if n == 0 {
        notes.push("No one answered enough of this domain's questions to score it.".into());
    } else if n < FEW_RESPONDENTS {
        notes.push(format!(
            "Only {} scored this domain: read the result as an indication, not a measurement.",
            plural(n, "person", "people")
        ));
    }
    match alpha {
        Some(alpha) if alpha < LOW_ALPHA => notes.push(format!(
            "The questions of this domain did not hang together (Cronbach's alpha {alpha:.2}): people who agreed with one often disagreed with another, so read the questions one by one rather than the domain score alone."
        )),
        None if questions >= 2 && n > 0 => notes.push(
            "Reliability (Cronbach's alpha) could not be worked out: too few people answered every question of this domain.".into(),
        ),
        _ => {}
    }
    notes
}

/// The figure that raised a flag, in words: "K1: mean 1.83, at or below 2.5".
pub fn flag_evidence(
    subject: &str,
    metric: FlagMetric,
    value: f64,
    comparison: Option<FlagComparison>,
    threshold: f64,
) -> String {
    let relation = match comparison {
        Some(FlagComparison::Below) => "below",
        _ => "at or below",
    };
    let figure = match metric {
        FlagMetric::Mean => format!("mean {value:.2}"),
        FlagMetric::Percent => format!("{} of the scale", format::percent(Some(value))),
        FlagMetric::Favorable => format!("{} favourable", format::whole_percent(value)),
    };
    format!(
        "{subject}: {figure}, {relation} {}",
        format::trim_number(threshold)
    )
}

/// The first reason an action is in the plan, in a few words.
pub fn reason_text(reasons: &[Reason]) -> String {
    match reasons.first() {
        Some(Reason::Flagged { .. }) => "answers a danger sign".into(),
        Some(Reason::Observed { .. }) => "answers an observation".into(),
        Some(Reason::Lifts { from, to, .. }) => {
            format!("lifts its domain from level {from} to {to}")
        }
        Some(Reason::NeededBy { actions }) => format!("needed first by {}", actions.join(", ")),
        None => String::new(),
    }
}

/// A title lower-cased at its first letter for use inside a sentence, unless it starts like an
/// acronym ("CMDB", "IT") or is a single letter.
pub fn lowercase_first(title: &str) -> String {
    let mut chars = title.chars();
    match (chars.next(), chars.next()) {
        (Some(first), Some(second)) if first.is_uppercase() && !second.is_uppercase() => {
            first.to_lowercase().chain(title.chars().skip(1)).collect()
        }
        _ => title.to_string(),
    }
}

/// The domains with a score, weakest first (ties in questionnaire order).
pub fn weakest_first(a: &Assessment) -> Vec<&DomainResult> {
    let mut scored: Vec<&DomainResult> = a
        .domains
        .iter()
        .filter(|d| d.stats.percent.is_some())
        .collect();
    scored.sort_by(|x, y| {
        x.stats
            .percent
            .unwrap_or(0.0)
            .total_cmp(&y.stats.percent.unwrap_or(0.0))
    });
    scored
}

/// The share (0 to 1) of a domain's answers that are "not applicable", over the answers given
/// (on the scale or not applicable; empty cells do not count); `None` without answers.
pub fn not_applicable_share(d: &DomainResult) -> Option<f64> {
    let na: u64 = d.questions.iter().map(|q| q.not_applicable).sum();
    let given: u64 = d.questions.iter().map(|q| q.n + q.not_applicable).sum();
    (given > 0).then(|| na as f64 / given as f64)
}

/// The domains where [`DONT_KNOW_SHARE`] or more of the answers are "not applicable", as
/// (name, share), in questionnaire order.
pub fn dont_know_domains(a: &Assessment) -> Vec<(&str, f64)> {
    a.domains
        .iter()
        .filter_map(|d| {
            let share = not_applicable_share(d)?;
            (share >= DONT_KNOW_SHARE).then_some((d.name.as_str(), share))
        })
        .collect()
}

/// The caution on a domain where many answers are "not applicable".
pub fn dont_know_note(share: f64) -> String {
    format!(
        "{} of the answers in this domain were \"not applicable\" or \"don't know\": many people cannot see this practice at work, which is a finding in itself.",
        format::whole_percent(share * 100.0)
    )
}

/// The summary's sentence on the domains where many answers are "not applicable", as (name,
/// share); nothing when there are none.
pub fn dont_know_sentence(domains: &[(&str, f64)]) -> Option<String> {
    let listed: Vec<String> = domains
        .iter()
        .map(|(name, share)| format!("{name} ({})", format::whole_percent(share * 100.0)))
        .collect();
    match listed.len() {
        0 => None,
        n => Some(format!(
            "Many answers in {} were \"not applicable\" or \"don't know\": people cannot see {} at work, which is a finding in itself.",
            join_words(&listed),
            if n == 1 {
                "this practice"
            } else {
                "these practices"
            }
        )),
    }
}

/// What the summary adds from outside the domain figures: the perspective sentence, the largest
/// difference between groups that survives the adjustment with the number that do.
#[derive(Debug, Clone, Default)]
pub struct SummaryFacts<'a> {
    /// Each group of the perspective column with its level, and how far apart they are.
    pub perspective: Option<String>,
    /// The largest difference unlikely to be chance after adjustment, and how many there are.
    pub largest: Option<(Gap<'a>, usize)>,
}

/// The executive summary, paragraph by paragraph: who answered and the overall level, the
/// groups of the perspective column, the weakest and strongest areas, the danger signs, the
/// largest perception gap, the domains many cannot see, the roadmap's first phase and its size.
pub fn summary(
    q: &Questionnaire,
    a: &Assessment,
    plan: &Plan,
    facts: &SummaryFacts,
) -> Vec<String> {
    let o = &a.overall;
    let overall = match (o.level, &o.level_name, o.percent) {
        (Some(l), Some(name), Some(p)) => Some((l, name.as_str(), p)),
        _ => None,
    };
    let mut out = vec![respondents_sentence(
        a.respondents.scored,
        a.respondents.skipped,
        &q.title,
        overall,
        q.max_level(),
    )];
    out.extend(facts.perspective.clone());
    let ranked: Vec<Standing> = weakest_first(a).into_iter().map(Standing::from).collect();
    out.extend(ranking_sentence(&ranked));
    let flags: Vec<(&str, &str)> = plan
        .flags
        .iter()
        .map(|f| (f.domain_name.as_str(), f.finding.as_str()))
        .collect();
    out.push(flags_sentence(&flags));
    if let Some((largest, count)) = &facts.largest {
        out.push(groups_sentence(largest, *count));
    }
    out.extend(dont_know_sentence(&dont_know_domains(a)));
    if let Some(first) = plan.phases.first()
        && !first.actions.is_empty()
    {
        let actions: Vec<(&str, &str)> = first
            .actions
            .iter()
            .map(|a| (a.title.as_str(), a.owner.as_str()))
            .collect();
        out.push(first_phase_sentence(
            &first.name,
            (first.start_month, first.end_month),
            &actions,
        ));
    }
    let phases = plan.phases.iter().filter(|p| !p.actions.is_empty()).count();
    out.extend(plan_size_sentence(
        plan.actions().count(),
        phases,
        plan.percent_to_target,
    ));
    out
}
