//! Building the report's view from the assessment and the plan: every figure formatted, every
//! sentence of the summary written from the data, every chart drawn.

use super::view::*;
use crate::charts;
use crate::questionnaire::{FlagComparison, FlagMetric, Questionnaire};
use crate::roadmap::{DomainState, Plan, Reason};
use crate::scoring::{Assessment, Comparison, DomainResult};
use anyhow::Result;
use std::collections::BTreeSet;

/// The p-value below which a difference between groups is called unlikely to be chance.
pub const SIGNIFICANCE: f64 = 0.05;

/// Fewer respondents than this in a domain earns a caution in the report.
pub const FEW_RESPONDENTS: u64 = 10;

/// Cronbach's alpha below this earns a caution in the report (a common rule of thumb for
/// survey scales that are used to compare groups).
pub const LOW_ALPHA: f64 = 0.6;

/// What the cover says, chosen by the user.
#[derive(Debug, Clone)]
pub struct ReportMeta {
    /// The report's title.
    pub title: String,
    /// The client organisation.
    pub organisation: Option<String>,
    /// The report's date, as written on the cover.
    pub date: Option<String>,
}

/// Build the view of a report.
pub fn build(
    q: &Questionnaire,
    assessment: &Assessment,
    plan: &Plan,
    meta: &ReportMeta,
) -> Result<ReportView> {
    let domains = assessment
        .domains
        .iter()
        .map(|d| domain_view(q, d, plan))
        .collect::<Result<Vec<_>>>()?;
    Ok(ReportView {
        generator_version: env!("CARGO_PKG_VERSION").to_string(),
        title: meta.title.clone(),
        organisation: meta.organisation.clone(),
        date: meta.date.clone().unwrap_or_else(|| "not dated".to_string()),
        questionnaire: QuestionnaireView {
            id: q.id.clone(),
            title: q.title.clone(),
            version: q.version.clone(),
        },
        respondents: RespondentsView {
            rows: assessment.respondents.rows,
            scored: assessment.respondents.scored,
            skipped: assessment.respondents.skipped,
        },
        overall: overall_view(assessment),
        summary: summary(q, assessment, plan),
        flags: flag_views(q, assessment),
        radar_svg: radar(q, assessment, plan)?,
        levels: q
            .levels
            .iter()
            .map(|l| LevelView {
                level: l.level,
                name: l.name.clone(),
                min_percent: format!("{}%", trim_number(l.min_percent)),
                description: l.description.clone(),
            })
            .collect(),
        domains,
        gaps: gap_views(q, assessment)?,
        roadmap: roadmap_view(q, plan)?,
        method: method_view(q, assessment),
    })
}

fn percent(v: Option<f64>) -> String {
    v.map_or_else(|| "–".into(), |v| format!("{v:.1}%"))
}

fn fixed2(v: Option<f64>) -> String {
    v.map_or_else(|| "–".into(), |v| format!("{v:.2}"))
}

/// A number without needless decimals: 40 -> "40", 12.5 -> "12.5".
fn trim_number(v: f64) -> String {
    let s = format!("{v:.2}");
    s.trim_end_matches('0').trim_end_matches('.').to_string()
}

/// "1 action", "3 actions".
fn plural(n: u64, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

/// "A", "A and B", "A, B and C".
fn join_words(items: &[String]) -> String {
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [init @ .., last] => format!("{} and {last}", init.join(", ")),
    }
}

fn level_text(level: Option<u32>, name: Option<&str>) -> String {
    match (level, name) {
        (Some(l), Some(n)) => format!("{l} {n}"),
        (Some(l), None) => l.to_string(),
        _ => "–".into(),
    }
}

fn overall_view(a: &Assessment) -> OverallView {
    let o = &a.overall;
    OverallView {
        level_text: o.level.map_or_else(|| "–".into(), |l| l.to_string()),
        percent: percent(o.percent),
        text: match (o.level, &o.level_name, o.percent) {
            (Some(l), Some(name), Some(p)) => {
                format!("Level {l} ({name}), {p:.1}% of the scale")
            }
            _ => "Not enough answers to score".into(),
        },
    }
}

/// The domains with a score, weakest first (ties by questionnaire order).
fn weakest_first(a: &Assessment) -> Vec<&DomainResult> {
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

fn summary(q: &Questionnaire, a: &Assessment, plan: &Plan) -> Vec<String> {
    let mut out = Vec::new();
    let r = &a.respondents;
    let skipped = if r.skipped > 0 {
        format!(
            "; {} empty {} skipped",
            r.skipped,
            if r.skipped == 1 {
                "row was"
            } else {
                "rows were"
            }
        )
    } else {
        String::new()
    };
    out.push(match (a.overall.level, &a.overall.level_name, a.overall.percent) {
        (Some(l), Some(name), Some(p)) => format!(
            "{} answered the survey (questionnaire: {}){skipped}. Taken together, the programme stands at maturity level {l} of {} ({name}), {p:.0}% of the way up the answer scale.",
            plural(r.scored, "person", "people"),
            q.title,
            q.max_level()
        ),
        _ => format!(
            "{} answered the survey (questionnaire: {}){skipped}: too few answers to score any domain.",
            plural(r.scored, "person", "people"),
            q.title
        ),
    });

    let ranked = weakest_first(a);
    if ranked.len() >= 2 {
        let weak: Vec<String> = ranked
            .iter()
            .take(2.min(ranked.len() - 1))
            .map(|d| {
                format!(
                    "{} (level {}, {})",
                    d.name,
                    d.stats.level.map_or_else(|| "–".into(), |l| l.to_string()),
                    percent(d.stats.percent)
                )
            })
            .collect();
        let strongest = ranked[ranked.len() - 1];
        out.push(format!(
            "The weakest {} {}. The strongest is {} (level {}, {}).",
            if weak.len() == 1 {
                "area is"
            } else {
                "areas are"
            },
            join_words(&weak),
            strongest.name,
            strongest
                .stats
                .level
                .map_or_else(|| "–".into(), |l| l.to_string()),
            percent(strongest.stats.percent)
        ));
    }

    let flags = &plan.flags;
    if flags.is_empty() {
        out.push("None of the questionnaire's danger signs was raised by the answers.".into());
    } else {
        let names: BTreeSet<&str> = flags.iter().map(|f| f.domain_name.as_str()).collect();
        let names: Vec<String> = names.into_iter().map(String::from).collect();
        out.push(format!(
            "{} danger {} raised, in {}. {}",
            flags.len(),
            if flags.len() == 1 {
                "sign was"
            } else {
                "signs were"
            },
            join_words(&names),
            flags[0].finding
        ));
    }

    let significant: Vec<&Comparison> = a
        .comparisons
        .iter()
        .filter(|c| c.p_value.is_some_and(|p| p < SIGNIFICANCE))
        .collect();
    if let Some(c) = significant.iter().max_by(|x, y| {
        x.mean_difference
            .unwrap_or(0.0)
            .abs()
            .total_cmp(&y.mean_difference.unwrap_or(0.0).abs())
    }) {
        out.push(format!(
            "Groups see the programme differently. {} {}",
            gap_sentence(q, a, c),
            if significant.len() == 1 {
                "It is the only difference between groups that is unlikely to be chance.".to_string()
            } else {
                format!(
                    "It is the largest of {} differences between groups that are unlikely to be chance.",
                    significant.len()
                )
            }
        ));
    }

    if let Some(first) = plan.phases.first()
        && !first.actions.is_empty()
    {
        let titles: Vec<String> = first
            .actions
            .iter()
            .take(4)
            .map(|a| format!("{} ({})", a.title.to_lowercase_first(), a.owner))
            .collect();
        let more = first.actions.len().saturating_sub(4);
        out.push(format!(
            "The roadmap's first phase, {} (months {} to {}), starts with: {}{}.",
            first.name,
            first.start_month,
            first.end_month,
            join_words(&titles),
            if more > 0 {
                format!(", and {more} more")
            } else {
                String::new()
            }
        ));
    }
    let planned = plan.actions().count();
    if planned > 0 {
        out.push(format!(
            "In all the roadmap holds {} in {}; each has an accountable owner and a measure that shows whether it worked.{}",
            plural(planned as u64, "action", "actions"),
            plural(
                plan.phases.iter().filter(|p| !p.actions.is_empty()).count() as u64,
                "phase",
                "phases"
            ),
            plan.percent_to_target.map_or(String::new(), |p| format!(
                " Measured against the targets, the programme is {p:.0}% of the way there today."
            ))
        ));
    }
    out
}

/// Lower-case the first letter of a title used inside a sentence, unless it looks like an
/// acronym ("CMDB", "IT").
trait LowercaseFirst {
    fn to_lowercase_first(&self) -> String;
}

impl LowercaseFirst for String {
    fn to_lowercase_first(&self) -> String {
        let mut chars = self.chars();
        match (chars.next(), chars.next()) {
            (Some(first), Some(second)) if first.is_uppercase() && !second.is_uppercase() => {
                first.to_lowercase().chain(self.chars().skip(1)).collect()
            }
            _ => self.clone(),
        }
    }
}

/// A comparison in words: "People with role IT rate Change enablement 18 points higher than
/// those with role Business (p = 0.003)."
fn gap_sentence(q: &Questionnaire, a: &Assessment, c: &Comparison) -> String {
    let name = a
        .domains
        .iter()
        .find(|d| d.id == c.domain)
        .map_or(c.domain.as_str(), |d| d.name.as_str());
    let points = c
        .mean_difference
        .map(|d| d / f64::from(q.scale.max - q.scale.min) * 100.0)
        .unwrap_or(0.0);
    let (high, low) = if points >= 0.0 {
        (&c.a, &c.b)
    } else {
        (&c.b, &c.a)
    };
    let p = match c.p_value {
        None => "not tested".to_string(),
        Some(_) if p_text(c.p_value).starts_with('<') => format!("p {}", p_text(c.p_value)),
        Some(_) => format!("p = {}", p_text(c.p_value)),
    };
    format!(
        "People with {column} {high} rate {name} {:.0} points higher than those with {column} {low} ({p}).",
        points.abs(),
        column = c.column
    )
}

fn p_text(p: Option<f64>) -> String {
    match p {
        None => "–".into(),
        Some(p) if p < 0.001 => "< 0.001".into(),
        Some(p) => format!("{p:.3}"),
    }
}

fn flag_views(q: &Questionnaire, a: &Assessment) -> Vec<FlagView> {
    a.flags
        .iter()
        .map(|f| {
            let flag = q.flags.iter().find(|x| x.id == f.id);
            let relation = match flag.map(|x| x.comparison) {
                Some(FlagComparison::Below) => "below",
                _ => "at or below",
            };
            let figure = match f.metric {
                FlagMetric::Mean => format!("mean {:.2}", f.value),
                FlagMetric::Percent => format!("{:.1}% of the scale", f.value),
                FlagMetric::Favorable => format!("{:.0}% favourable", f.value),
            };
            FlagView {
                id: f.id.clone(),
                domain_name: q
                    .domains
                    .iter()
                    .find(|d| d.id == f.domain)
                    .map_or_else(|| f.domain.clone(), |d| d.name.clone()),
                finding: f.finding.clone(),
                evidence: format!(
                    "{}: {figure}, {relation} {}",
                    f.subject,
                    trim_number(f.threshold)
                ),
            }
        })
        .collect()
}

/// A domain's percent as a position on the level axis: the level reached plus the share of
/// the way to the next level's threshold (so 30% with levels at 20 and 40 is 2.5).
fn level_position(q: &Questionnaire, percent: f64) -> f64 {
    let levels = &q.levels;
    let Some(i) = levels.iter().rposition(|l| percent >= l.min_percent) else {
        return f64::from(levels.first().map_or(0, |l| l.level));
    };
    let here = &levels[i];
    let next_min = levels.get(i + 1).map_or(100.0, |l| l.min_percent);
    let span = (next_min - here.min_percent).max(f64::EPSILON);
    let fraction = ((percent - here.min_percent) / span).clamp(0.0, 1.0);
    (f64::from(here.level) + fraction).min(f64::from(q.max_level()))
}

fn radar(q: &Questionnaire, a: &Assessment, plan: &Plan) -> Result<String> {
    let axes: Vec<charts::RadarAxis> = a
        .domains
        .iter()
        .map(|d| charts::RadarAxis {
            label: d.name.clone(),
            current: d.stats.percent.map(|p| level_position(q, p)),
            target: plan
                .targets
                .iter()
                .find(|t| t.domain == d.id)
                .and_then(|t| t.target_level)
                .map(f64::from),
        })
        .collect();
    charts::radar(
        "Maturity by domain: current level and target",
        &axes,
        f64::from(q.max_level()),
    )
}

fn domain_view(q: &Questionnaire, d: &DomainResult, plan: &Plan) -> Result<DomainView> {
    let mut notes = Vec::new();
    if d.stats.n == 0 {
        notes.push("No one answered enough of this domain's questions to score it.".into());
    } else if d.stats.n < FEW_RESPONDENTS {
        notes.push(format!(
            "Only {} {} scored this domain: read the result as an indication, not a measurement.",
            d.stats.n,
            if d.stats.n == 1 { "person" } else { "people" }
        ));
    }
    match d.alpha {
        Some(alpha) if alpha < LOW_ALPHA => notes.push(format!(
            "The questions of this domain did not hang together (Cronbach's alpha {alpha:.2}): people who agreed with one often disagreed with another, so read the questions one by one rather than the domain score alone."
        )),
        None if d.questions.len() >= 2 && d.stats.n > 0 => notes.push(
            "Reliability (Cronbach's alpha) could not be worked out: too few people answered every question of this domain.".into(),
        ),
        _ => {}
    }
    let domain = q.domains.iter().find(|x| x.id == d.id);
    let target = plan.targets.iter().find(|t| t.domain == d.id);
    let rows: Vec<charts::DistributionRow> = d
        .questions
        .iter()
        .map(|question| {
            let mut counts: Vec<u64> = question.counts.0.iter().map(|(_, c)| *c).collect();
            if question.reverse {
                counts.reverse();
            }
            charts::DistributionRow {
                label: format!(
                    "{} {}{}",
                    question.id,
                    question.text,
                    if question.reverse { " ↺" } else { "" }
                ),
                counts,
            }
        })
        .collect();
    let scale_labels: Vec<String> = (q.scale.min..=q.scale.max)
        .map(|v| q.scale.label(v))
        .collect();
    Ok(DomainView {
        id: d.id.clone(),
        name: d.name.clone(),
        description: domain.map_or_else(String::new, |x| x.description.clone()),
        level: d.stats.level,
        level_name: d.stats.level_name.clone().unwrap_or_default(),
        percent: percent(d.stats.percent),
        ci95: d.stats.ci95.map_or_else(
            || "–".into(),
            |[lo, hi]| format!("{:.1}–{:.1}%", q.scale.percent(lo), q.scale.percent(hi)),
        ),
        n: d.stats.n,
        alpha: fixed2(d.alpha),
        target: target.map_or_else(
            || "–".into(),
            |t| level_text(t.target_level, t.target_level_name.as_deref()),
        ),
        notes,
        distribution_svg: charts::diverging_bars(
            &format!("{}: answers per statement", d.name),
            &rows,
            &scale_labels,
        )?,
        questions: d
            .questions
            .iter()
            .map(|question| QuestionView {
                id: question.id.clone(),
                text: question.text.clone(),
                reverse: question.reverse,
                n: question.n,
                mean: fixed2(question.mean),
                favorable: question
                    .favorable
                    .map_or_else(|| "–".into(), |f| format!("{:.0}%", f * 100.0)),
                consensus: fixed2(question.consensus),
                not_applicable: question.not_applicable,
            })
            .collect(),
    })
}

fn gap_views(q: &Questionnaire, a: &Assessment) -> Result<Vec<GapView>> {
    let mut out = Vec::new();
    for column in &a.group_by {
        // Only shown groups: a suppressed group appears nowhere, charts included.
        let mut shown: BTreeSet<&str> = BTreeSet::new();
        let mut suppressed: BTreeSet<&str> = BTreeSet::new();
        let mut domains = Vec::new();
        for d in &a.domains {
            let mut points = Vec::new();
            for g in d.groups.iter().filter(|g| &g.column == column) {
                match (&g.stats, g.suppressed) {
                    (Some(stats), false) => {
                        shown.insert(&g.value);
                        if let Some(p) = stats.percent {
                            points.push(charts::GapPoint {
                                group: g.value.clone(),
                                percent: p,
                            });
                        }
                    }
                    _ => {
                        suppressed.insert(&g.value);
                    }
                }
            }
            domains.push(charts::GapDomain {
                label: d.name.clone(),
                points,
            });
        }
        if shown.len() < 2 {
            continue;
        }
        let groups: Vec<String> = shown.iter().map(|s| s.to_string()).collect();
        let comparisons: Vec<&Comparison> = a
            .comparisons
            .iter()
            .filter(|c| &c.column == column)
            .collect();
        let rows = comparisons
            .iter()
            .map(|c| {
                let significant = c.p_value.is_some_and(|p| p < SIGNIFICANCE);
                ComparisonView {
                    domain: a
                        .domains
                        .iter()
                        .find(|d| d.id == c.domain)
                        .map_or_else(|| c.domain.clone(), |d| d.name.clone()),
                    a: c.a.clone(),
                    b: c.b.clone(),
                    difference: c.mean_difference.map_or_else(
                        || "–".into(),
                        |m| format!("{:+.1}", m / f64::from(q.scale.max - q.scale.min) * 100.0),
                    ),
                    p: p_text(c.p_value),
                    effect: fixed2(c.rank_biserial),
                    reading: if significant {
                        "unlikely to be chance".into()
                    } else if c.p_value.is_some() {
                        "could be chance".into()
                    } else {
                        "too few answers to test".into()
                    },
                }
            })
            .collect();
        let findings = comparisons
            .iter()
            .filter(|c| c.p_value.is_some_and(|p| p < SIGNIFICANCE))
            .map(|c| gap_sentence(q, a, c))
            .collect::<Vec<_>>();
        let hidden = suppressed.len();
        out.push(GapView {
            column: column.clone(),
            svg: charts::dumbbell(
                &format!("Percent of the scale by {column}"),
                &domains,
                &groups,
            )?,
            findings: if findings.is_empty() {
                vec![
                    "No difference between these groups is large enough to rule out chance.".into(),
                ]
            } else {
                findings
            },
            rows,
            suppressed: match hidden {
                0 => String::new(),
                1 => "one group".into(),
                n => format!("{n} groups"),
            },
        });
    }
    Ok(out)
}

fn roadmap_view(q: &Questionnaire, plan: &Plan) -> Result<RoadmapView> {
    let phases: Vec<charts::GanttPhase> = plan
        .phases
        .iter()
        .map(|p| charts::GanttPhase {
            name: p.name.clone(),
            start_month: p.start_month,
            end_month: p.end_month,
        })
        .collect();
    let items: Vec<charts::GanttItem> = plan
        .actions()
        .map(|a| charts::GanttItem {
            label: format!("{} {}", a.id, a.title),
            phase: a.phase.saturating_sub(1),
            start_month: a.start_month,
            end_month: a.end_month,
        })
        .collect();
    let planned = plan.actions().count();
    let intro = if planned == 0 {
        "Every domain with data has reached its target: no recovery action is needed.".to_string()
    } else {
        format!(
            "{} {} the gaps between today's maturity and the targets, in an order where early steps make later ones possible: no action starts before the actions it depends on.{}",
            plural(planned as u64, "action", "actions"),
            if planned == 1 { "closes" } else { "close" },
            plan.percent_to_target.map_or(String::new(), |p| format!(
                " Progress to target today: {p:.0}% (one minus the sum of the gaps over the sum of the targets, in levels)."
            ))
        )
    };
    Ok(RoadmapView {
        intro,
        gantt_svg: charts::gantt("Recovery roadmap: actions by phase", &phases, &items)?,
        targets: plan
            .targets
            .iter()
            .map(|t| TargetView {
                domain: t.name.clone(),
                current: match t.state {
                    DomainState::NoData => "no data".into(),
                    _ => level_text(t.current_level, t.current_level_name.as_deref()),
                },
                target: level_text(t.target_level, t.target_level_name.as_deref()),
                gap_levels: t.gap_levels.map_or_else(|| "–".into(), |g| g.to_string()),
                gap_percent: t
                    .gap_percent
                    .map_or_else(|| "–".into(), |g| format!("{g:.1}")),
            })
            .collect(),
        phases: plan
            .phases
            .iter()
            .map(|p| PhaseView {
                index: p.index,
                name: p.name.clone(),
                months: format!("months {}–{}", p.start_month, p.end_month),
                actions: p
                    .actions
                    .iter()
                    .map(|a| ActionView {
                        order: a.order,
                        id: a.id.clone(),
                        title: a.title.clone(),
                        description: q
                            .actions()
                            .find(|(_, x)| x.id == a.id)
                            .map_or_else(String::new, |(_, x)| x.description.clone()),
                        domain: a.domain_name.clone(),
                        owner: a.owner.clone(),
                        effort: a.effort.as_str().to_string(),
                        reason: reason_text(&a.reasons),
                        depends_on: a.depends_on.join(", "),
                        measure: a.measure.clone(),
                    })
                    .collect(),
            })
            .collect(),
        notes: plan.warnings.clone(),
        already_in_place: plan
            .in_place
            .iter()
            .map(|a| format!("{} ({})", a.title, a.id))
            .collect::<Vec<_>>()
            .join("; "),
    })
}

/// The first reason an action is in the plan, in a few words.
fn reason_text(reasons: &[Reason]) -> String {
    match reasons.first() {
        Some(Reason::Flagged { .. }) => "answers a danger sign".into(),
        Some(Reason::Lifts { from, to, .. }) => {
            format!("lifts its domain from level {from} to {to}")
        }
        Some(Reason::NeededBy { actions }) => format!("needed first by {}", actions.join(", ")),
        None => String::new(),
    }
}

fn method_view(q: &Questionnaire, a: &Assessment) -> MethodView {
    let (min, max) = (q.scale.min, q.scale.max);
    let r = &a.respondents;
    let item = |term: &str, text: String| MethodItem {
        term: term.into(),
        text,
    };
    let mut items = vec![
        item(
            "Responses",
            format!(
                "{} rows were read; {} had at least one answer and were scored; {} had no answer at all and were skipped.{}",
                r.rows,
                r.scored,
                r.skipped,
                if r.invalid_cells > 0 {
                    format!(" {} cells held answers that could not be read and were treated as unanswered.", r.invalid_cells)
                } else {
                    String::new()
                }
            ),
        ),
        item(
            "Answer scale",
            format!(
                "Statements were rated from {min} to {max}. For reverse-worded statements, where agreeing means worse practice, an answer x counts as {} - x, so higher is always better. Not-applicable answers are counted but not scored.",
                min + max
            ),
        ),
        item(
            "Domain scores",
            "Each person's domain score is the weighted mean of the statements they answered in the domain, provided they answered at least half of them; the domain's score is the mean of those personal scores, shown as a percent of the scale: (mean - lowest point) / (highest - lowest) x 100.".into(),
        ),
        item(
            "Maturity levels",
            format!(
                "A domain reaches the highest level whose threshold its percent meets: {}. The overall percent is the weighted mean of the domain percents.",
                q.levels
                    .iter()
                    .map(|l| format!("level {} ({}) from {}%", l.level, l.name, trim_number(l.min_percent)))
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
        ),
        item(
            "Confidence interval",
            "The 95% interval is Student's t interval around the domain mean, converted to percent; it is wide when few people answered or they disagreed, and it is not clipped to the scale.".into(),
        ),
        item(
            "Reliability",
            format!(
                "Cronbach's alpha measures whether a domain's statements hang together, over the people who answered all of them. Below {LOW_ALPHA} the report says so; it is not computed for fewer than two such people."
            ),
        ),
        item(
            "Favourable and consensus",
            "Favourable is the share of answers in the top two points of the scale (after reversal). Consensus is Tastle and Wierman's measure: 1 when everyone gave the same answer, 0 when answers split evenly between the two ends.".into(),
        ),
        item(
            "Anonymity",
            format!(
                "A group with fewer than {} people is never shown on its own, in any table or chart. When the hidden groups of a column together hold fewer than {} people, the smallest shown group is hidden too, so that no hidden group can be worked out by subtraction. Names, e-mail addresses, IP addresses and respondent ids are never read into the results.",
                a.min_group_size, a.min_group_size
            ),
        ),
        item(
            "Differences between groups",
            format!(
                "Groups are compared with the Mann-Whitney U test on personal domain scores (two-sided, normal approximation with tie and continuity corrections). A p-value below {SIGNIFICANCE} is reported as unlikely to be chance; the effect size is the rank-biserial correlation, from -1 to 1."
            ),
        ),
        item(
            "Roadmap",
            "Each domain below its target gets the actions that lift it from its current level up to the target; actions they depend on are added unless their own domain already stands at the level they lift to. Priority is the domain's weight x its gap in levels x the action's impact / effort (small 1, medium 2, large 4). Actions are placed in the earliest phase after everything they depend on; danger signs put the actions that lift their domain to level 2 into the first phase.".into(),
        ),
    ];
    if !a.warnings.is_empty() {
        items.push(item("Notes on the input", a.warnings.join(" ")));
    }
    MethodView {
        min_group_size: a.min_group_size,
        items,
    }
}
