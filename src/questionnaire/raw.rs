//! The questionnaire file as written: the serde types YAML is read into, with the positions
//! validation names in its messages, and the JSON Schema derived from them.
//!
//! Unknown keys are let through by serde and refused by the structural check of
//! [`crate::input::parse_yaml_checked`], which reads the keys from the schema of these types
//! (`#[schemars(deny_unknown_fields)]`), so that every problem is reported at once. Nothing here checks what the values mean; that is
//! [`super::validate`]'s work, and [`super::convert`] turns checked values into the model.

use super::model::{Effort, FlagMetric, QuestionKind};
use crate::input::Spanned;
use schemars::JsonSchema;
use serde::Deserialize;
use std::collections::BTreeMap;

/// A JSON Schema of the questionnaire format, for editors with a YAML language server.
pub fn json_schema() -> serde_json::Value {
    let schema = schemars::schema_for!(RawQuestionnaire);
    let mut value = serde_json::to_value(schema).expect("a schema always serialises");
    if let Some(obj) = value.as_object_mut() {
        obj.insert("title".into(), "itsm-assess questionnaire".into());
        obj.insert(
            "$id".into(),
            "urn:itsm-assess:questionnaire-schema:1".into(),
        );
    }
    value
}

/// A questionnaire: domains of Likert questions, maturity levels and recovery actions.
#[derive(Deserialize, JsonSchema)]
#[schemars(deny_unknown_fields)]
#[serde(rename = "questionnaire")]
#[schemars(rename = "Questionnaire")]
pub(super) struct RawQuestionnaire {
    /// Identifier: lowercase letters, digits and '-'.
    #[schemars(with = "String", regex(pattern = r"^[a-z0-9]+(-[a-z0-9]+)*$"))]
    pub(super) id: Spanned<String>,
    /// Human title.
    pub(super) title: String,
    /// Version chosen by the author, e.g. "1.0".
    #[serde(default)]
    pub(super) version: Option<VersionString>,
    /// What the questionnaire is for and who should answer it.
    #[serde(default)]
    pub(super) description: String,
    /// The answer scale shared by all questions.
    #[schemars(with = "RawScale")]
    pub(super) scale: Spanned<RawScale>,
    /// Maturity levels by percent of the scale; default: five levels at 0, 20, 40, 60, 80.
    #[serde(default)]
    #[schemars(with = "Option<Vec<RawLevel>>")]
    pub(super) levels: Option<Vec<Spanned<RawLevel>>>,
    /// The language of the texts and of the answers to open questions, as a Snowball stemmer
    /// names it (english, french, german, ...); default english.
    #[serde(default)]
    #[schemars(with = "Option<String>")]
    pub(super) language: Option<Spanned<String>>,
    /// The domains (danger signs or practice areas).
    #[schemars(with = "Vec<RawDomain>")]
    pub(super) domains: Vec<Spanned<RawDomain>>,
    /// Open questions of no domain, answered in the respondents' own words (`kind: text`
    /// implied).
    #[serde(default)]
    #[schemars(with = "Vec<RawQuestion>")]
    pub(super) open_questions: Vec<Spanned<RawQuestion>>,
    /// Red flags raised from the scores; they head the roadmap.
    #[serde(default)]
    #[schemars(with = "Vec<RawFlag>")]
    pub(super) flags: Vec<Spanned<RawFlag>>,
    /// Evidence flags raised from the ticket records' figures; planned like red flags.
    #[serde(default)]
    #[schemars(with = "Vec<RawEvidenceFlag>")]
    pub(super) evidence_flags: Vec<Spanned<RawEvidenceFlag>>,
    /// The line above the report's title on its cover; default "ITSM maturity assessment and
    /// recovery roadmap".
    #[serde(default)]
    #[schemars(with = "Option<String>")]
    pub(super) report_title: Option<Spanned<String>>,
    /// The roadmap's phases when neither `--phases` nor `--phase-months` is given; default the
    /// four phases "Stop the bleeding", "Stabilise", "Standardise", "Measure and improve" over
    /// months 0, 3, 6, 12 and 18.
    #[serde(default)]
    #[schemars(with = "Option<RawPhases>")]
    pub(super) phases: Option<Spanned<RawPhases>>,
}

/// The roadmap's default phases: their names and, optionally, their month boundaries.
#[derive(Deserialize, JsonSchema)]
#[schemars(deny_unknown_fields)]
#[schemars(rename = "Phases")]
pub(super) struct RawPhases {
    /// The phases' names, in order.
    pub(super) names: Vec<String>,
    /// Month boundaries, one more than the names: the start of each phase and the end of the
    /// last (e.g. [0, 3, 6, 12, 18]); default: the four default phases' months when there are
    /// four names, else months shared evenly over 18.
    #[serde(default)]
    pub(super) months: Option<Vec<u32>>,
}

/// A version written as a string or a number.
#[derive(Deserialize, JsonSchema)]
#[serde(untagged)]
pub(super) enum VersionString {
    Text(String),
    Number(f64),
}

/// The Likert scale.
#[derive(Deserialize, JsonSchema)]
#[schemars(deny_unknown_fields)]
pub(super) struct RawScale {
    /// Lowest answer value.
    pub(super) min: i32,
    /// Highest answer value.
    pub(super) max: i32,
    /// Labels of answer values, e.g. {1: Strongly disagree, 5: Strongly agree}.
    #[serde(default)]
    pub(super) labels: BTreeMap<i32, String>,
    /// Answers that mean "not applicable" (N/A, NA and n/a are always accepted).
    #[serde(default)]
    pub(super) not_applicable: Vec<String>,
}

/// A maturity level.
#[derive(Deserialize, JsonSchema)]
#[schemars(deny_unknown_fields)]
pub(super) struct RawLevel {
    /// The level number.
    pub(super) level: u32,
    /// Its name.
    pub(super) name: String,
    /// The lowest percent of the scale that reaches it (the first level at 0).
    pub(super) min_percent: f64,
    /// One sentence on what this level looks like.
    #[serde(default)]
    pub(super) description: String,
}

/// A domain.
#[derive(Deserialize, JsonSchema)]
#[schemars(deny_unknown_fields)]
pub(super) struct RawDomain {
    /// Identifier: lowercase letters, digits and '-'.
    #[schemars(regex(pattern = r"^[a-z0-9]+(-[a-z0-9]+)*$"))]
    pub(super) id: String,
    /// Human name.
    pub(super) name: String,
    /// The danger sign this domain looks for, in plain words.
    #[serde(default)]
    pub(super) description: String,
    /// Weight in the overall score (default 1).
    #[serde(default = "one")]
    pub(super) weight: f64,
    /// Default target level for the roadmap.
    #[serde(default)]
    pub(super) target_level: Option<u32>,
    /// Questions: statements on the scale, and open questions (`kind: text`).
    #[schemars(with = "Vec<RawQuestion>")]
    pub(super) questions: Vec<Spanned<RawQuestion>>,
    /// Words whose mention in a comment makes it about this domain (matched on word stems).
    #[serde(default)]
    pub(super) keywords: Vec<String>,
    /// Recovery actions that lift this domain.
    #[serde(default)]
    #[schemars(with = "Vec<RawAction>")]
    pub(super) actions: Vec<Spanned<RawAction>>,
}

/// The default weight.
fn one() -> f64 {
    1.0
}

/// A question.
#[derive(Deserialize, JsonSchema)]
#[schemars(deny_unknown_fields)]
pub(super) struct RawQuestion {
    /// Identifier, unique in the questionnaire (letters, digits, '-', '_', '.').
    pub(super) id: String,
    /// The statement respondents answer, or the open question they answer in words.
    pub(super) text: String,
    /// True when agreeing means a worse practice (Likert questions only).
    #[serde(default)]
    pub(super) reverse: Option<bool>,
    /// Weight within the domain (Likert questions only; default 1).
    #[serde(default)]
    pub(super) weight: Option<f64>,
    /// Other column headers that mean this question.
    #[serde(default)]
    pub(super) aliases: Vec<String>,
    /// likert (default: answered on the scale and scored) or text (answered in words, never
    /// scored).
    #[serde(default)]
    pub(super) kind: Option<QuestionKind>,
}

impl RawQuestion {
    /// Whether it is an open question (`kind: text`).
    pub(super) fn is_text(&self) -> bool {
        self.kind == Some(QuestionKind::Text)
    }
}

/// A recovery action.
#[derive(Deserialize, JsonSchema)]
#[schemars(deny_unknown_fields)]
pub(super) struct RawAction {
    /// Identifier, unique in the questionnaire.
    pub(super) id: String,
    /// Short imperative title.
    pub(super) title: String,
    /// What to do.
    #[serde(default)]
    pub(super) description: String,
    /// The maturity level this action helps its domain reach.
    pub(super) lifts_to: u32,
    /// small, medium or large.
    pub(super) effort: Effort,
    /// Impact from 1 to 5.
    pub(super) impact: u8,
    /// The accountable role (not a person).
    pub(super) owner: String,
    /// Ids of actions, in any domain, that must come first.
    #[serde(default)]
    #[schemars(with = "Vec<String>")]
    pub(super) depends_on: Vec<Spanned<String>>,
    /// A measurable target that shows the action worked.
    pub(super) measure: String,
}

/// A red flag: `question` or `domain`, `metric`, `at_most` or `below`, and a finding.
#[derive(Deserialize, JsonSchema)]
#[schemars(deny_unknown_fields)]
pub(super) struct RawFlag {
    /// Identifier: lowercase letters, digits and '-'.
    pub(super) id: String,
    /// The question it looks at (or give `domain`).
    #[serde(default)]
    pub(super) question: Option<String>,
    /// The domain it looks at (or give `question`).
    #[serde(default)]
    pub(super) domain: Option<String>,
    /// mean or favorable for a question (default mean); percent or mean for a domain (default percent).
    #[serde(default)]
    pub(super) metric: Option<FlagMetric>,
    /// Raised when the figure is at most this.
    #[serde(default)]
    pub(super) at_most: Option<f64>,
    /// Raised when the figure is below this.
    #[serde(default)]
    pub(super) below: Option<f64>,
    /// What a raised flag means, in plain words.
    pub(super) finding: String,
    /// Actions, in any domain, that answer the finding; a raised flag puts them first.
    #[serde(default)]
    #[schemars(with = "Vec<String>")]
    pub(super) actions: Vec<Spanned<String>>,
}

/// An evidence flag: `metric` (a records figure such as `changes.emergency_share`), `above` or
/// `below`, the `domain` it belongs to, and a finding.
#[derive(Deserialize, JsonSchema)]
#[schemars(deny_unknown_fields)]
pub(super) struct RawEvidenceFlag {
    /// Identifier: lowercase letters, digits and '-', unique among all flags.
    pub(super) id: String,
    /// The records figure tested (see docs/evidence.md).
    pub(super) metric: String,
    /// Raised when the figure is above this.
    #[serde(default)]
    pub(super) above: Option<f64>,
    /// Raised when the figure is below this.
    #[serde(default)]
    pub(super) below: Option<f64>,
    /// The domain (danger sign) it belongs to.
    pub(super) domain: String,
    /// The survey question that asks about the same thing, set beside the records in the report.
    #[serde(default)]
    pub(super) question: Option<String>,
    /// What a raised flag means, in plain words.
    pub(super) finding: String,
    /// Actions, in any domain, that answer the finding; a raised flag puts them first.
    #[serde(default)]
    #[schemars(with = "Vec<String>")]
    pub(super) actions: Vec<Spanned<String>>,
}
