//! The report's method appendix: how every figure was worked out, with the questionnaire's
//! scale and levels and the run's own counts filled in.

use super::narrative::{LOW_ALPHA, SIGNIFICANCE};
use super::view::{MethodItem, MethodView};
use crate::format::trim_number;
use crate::questionnaire::Level;
use crate::scoring::Respondents;

/// What the method appendix is made from.
#[derive(Debug, Clone, Copy)]
pub struct MethodFacts<'a> {
    /// The answer scale's lowest and highest points.
    pub scale: (i32, i32),
    /// The maturity levels, lowest first.
    pub levels: &'a [Level],
    /// The response counts.
    pub respondents: &'a Respondents,
    /// The smallest group shown on its own.
    pub min_group_size: usize,
    /// The input's warnings, if any.
    pub warnings: &'a [String],
    /// The planner's notes on the roadmap, if any.
    pub plan_notes: &'a [String],
    /// How many comparisons between groups were tested (the family of the adjustment).
    pub tests: usize,
    /// Whether the headline sets groups side by side.
    pub perspective: bool,
    /// The fewest answers to an open question for its comments to be quoted, when the survey
    /// has answers to open questions.
    pub comment_threshold: Option<usize>,
}

fn item(term: &str, text: String) -> MethodItem {
    MethodItem {
        term: term.into(),
        text,
    }
}

/// The method appendix: one entry per term, in reading order, and the input's warnings last.
pub fn method_view(facts: &MethodFacts) -> MethodView {
    let mut items = vec![
        responses_item(facts.respondents),
        scale_item(facts.scale),
        item(
            "Domain scores",
            "Each person's domain score is the weighted mean of the statements they answered in the domain, provided they answered at least half of them; the domain's score is the mean of those personal scores, shown as a percent of the scale: (mean - lowest point) / (highest - lowest) x 100.".into(),
        ),
        levels_item(facts.levels),
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
            "Favourable is the share of answers in the top two points of the scale and above its midpoint (after reversal; on a scale of two or three points, the top point only). Consensus is Tastle and Wierman's measure: 1 when everyone gave the same answer, 0 when answers split evenly between the two ends.".into(),
        ),
        anonymity_item(facts.min_group_size, facts.comment_threshold),
        item(
            "Differences between groups",
            format!(
                "Groups are compared with the Mann-Whitney U test on personal domain scores (two-sided, normal approximation with tie and continuity corrections). The report makes {} at once, and at p < {SIGNIFICANCE} about one in twenty would look real by chance alone, so every p-value is adjusted with Holm's method over all of them. A p-value below {SIGNIFICANCE} is reported as unlikely to be chance only when it stays below {SIGNIFICANCE} after that adjustment, and every sentence quotes the adjusted value; the effect size is the rank-biserial correlation, from -1 to 1.",
                crate::format::plural(facts.tests as u64, "comparison", "comparisons")
            ),
        ),
        item(
            "Roadmap",
            "Each domain below its target gets the actions that lift it from its current level up to the target; actions they depend on are added unless their own domain already stands at the level they lift to. Priority is the domain's weight x its gap in levels x the action's impact / effort (small 1, medium 2, large 4). Actions are placed in the earliest phase after everything they depend on; danger signs put the actions that lift their domain to level 2 into the first phase.".into(),
        ),
    ];
    if facts.perspective {
        items.push(item(
            "Groups side by side",
            "A group's overall percent is the weighted mean of its domain percents over the domains where it is shown, and its level is read from the same thresholds as everyone's. For a response rate, a group's responses are the most of its members who scored any one domain; a rate is given only for a group shown in every domain, so that it cannot give away the size of a hidden group.".into(),
        ));
    }
    if !facts.plan_notes.is_empty() {
        items.push(item("Notes on the plan", facts.plan_notes.join(" ")));
    }
    if !facts.warnings.is_empty() {
        items.push(item("Notes on the input", facts.warnings.join(" ")));
    }
    MethodView {
        min_group_size: facts.min_group_size,
        tests: facts.tests,
        items,
    }
}

/// Rows read, scored and skipped, and unreadable cells.
fn responses_item(r: &Respondents) -> MethodItem {
    let invalid = if r.invalid_cells > 0 {
        format!(
            " {} cells held answers that could not be read and were treated as unanswered.",
            r.invalid_cells
        )
    } else {
        String::new()
    };
    item(
        "Responses",
        format!(
            "{} rows were read; {} had at least one answer and were scored; {} had no answer at all and {} skipped.{invalid}",
            r.rows,
            r.scored,
            r.skipped,
            if r.skipped == 1 { "was" } else { "were" }
        ),
    )
}

/// The scale's ends and how reverse-worded statements are turned round.
fn scale_item((min, max): (i32, i32)) -> MethodItem {
    item(
        "Answer scale",
        format!(
            "Statements were rated from {min} to {max}. For reverse-worded statements, where agreeing means worse practice, an answer x counts as {} - x, so higher is always better. Not-applicable answers are counted but not scored.",
            min + max
        ),
    )
}

/// Each level's threshold.
fn levels_item(levels: &[Level]) -> MethodItem {
    let thresholds: Vec<String> = levels
        .iter()
        .map(|l| {
            format!(
                "level {} ({}) from {}%",
                l.level,
                l.name,
                trim_number(l.min_percent)
            )
        })
        .collect();
    item(
        "Maturity levels",
        format!(
            "A domain reaches the highest level whose threshold its percent meets: {}. The overall percent is the weighted mean of the domain percents.",
            thresholds.join(", ")
        ),
    )
}

/// The smallest group shown and the rule that keeps hidden groups from being worked out.
fn anonymity_item(min_group_size: usize, comments: Option<usize>) -> MethodItem {
    let quoted = comments.map_or(String::new(), |t| {
        format!(" Comments are quoted only where {t} people or more answered, scrubbed of these and of names.")
    });
    item(
        "Anonymity",
        format!(
            "A group with fewer than {min_group_size} people is never shown on its own, in any table or chart. When the hidden groups of a column together hold fewer than {min_group_size} people, the smallest shown group is hidden too, so that no hidden group can be worked out by subtraction. Names, e-mail addresses, IP addresses and respondent ids are never read into the results.{quoted}"
        ),
    )
}
