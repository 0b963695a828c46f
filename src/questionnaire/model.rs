//! The validated questionnaire: the types every later stage (scoring, roadmap, report) reads.
//!
//! These types are built only by [`crate::questionnaire::load`], which checks every rule of the
//! format, so code that holds a [`Questionnaire`] may rely on its invariants: ids are unique,
//! the scale has `min < max`, levels ascend from 0 percent, weights are finite and positive,
//! every `depends_on` names an existing action and the dependency graph has no cycle.

use crate::roadmap::PhaseSpec;
use serde::Serialize;
use std::collections::BTreeMap;

/// How far below a level's `min_percent` a computed percent may fall and still reach it: far
/// below any difference a survey can show, far above floating-point rounding.
pub const PERCENT_TOLERANCE: f64 = 1e-9;

/// A loaded and validated questionnaire.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Questionnaire {
    /// Identifier: lowercase letters, digits and `-`.
    pub id: String,
    /// Human title.
    pub title: String,
    /// Version string chosen by the author.
    pub version: String,
    /// What the questionnaire is for and who should answer it.
    pub description: String,
    /// The answer scale shared by every question.
    pub scale: Scale,
    /// Maturity levels, ascending by `min_percent`, the first at 0 percent.
    pub levels: Vec<Level>,
    /// The language of its texts and of the answers to open questions.
    pub language: Language,
    /// The domains, in the author's order.
    pub domains: Vec<Domain>,
    /// The open questions (`kind: text`): those of no domain first, then those of each domain,
    /// in the author's order. They are never scored.
    pub open_questions: Vec<OpenQuestion>,
    /// Red flags: conditions on the scores that head the roadmap when raised.
    pub flags: Vec<Flag>,
    /// Evidence flags: conditions on the ticket records' figures, raised and planned like
    /// red flags.
    pub evidence_flags: Vec<EvidenceFlag>,
    /// The line above the report's title on its cover ([`DEFAULT_REPORT_TITLE`] unless the
    /// file gives one).
    pub report_title: String,
    /// The roadmap's phases when the command line gives none (the roadmap's default phases
    /// unless the file gives its own).
    pub phases: Vec<PhaseSpec>,
}

/// The report's cover line when a questionnaire gives no `report_title`.
pub const DEFAULT_REPORT_TITLE: &str = "ITSM maturity assessment and recovery roadmap";

/// The Likert scale of a questionnaire.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Scale {
    /// Lowest answer value.
    pub min: i32,
    /// Highest answer value (greater than `min`).
    pub max: i32,
    /// Labels of (some of) the answer values.
    pub labels: BTreeMap<i32, String>,
    /// Answers that mean "not applicable", besides the always-accepted `N/A`, `NA` and `n/a`.
    pub not_applicable: Vec<String>,
}

impl Scale {
    /// Number of points on the scale.
    pub fn points(&self) -> usize {
        (self.max - self.min + 1) as usize
    }

    /// The value a reversed question's raw answer `x` counts as: `min + max - x`.
    pub fn reversed(&self, x: i32) -> i32 {
        self.min + self.max - x
    }

    /// The label of a value, or the value itself as text when it has none.
    pub fn label(&self, value: i32) -> String {
        self.labels
            .get(&value)
            .cloned()
            .unwrap_or_else(|| value.to_string())
    }

    /// A mean on this scale as a percent of the scale's range: `(mean - min) / (max - min) * 100`.
    pub fn percent(&self, mean: f64) -> f64 {
        (mean - f64::from(self.min)) / f64::from(self.max - self.min) * 100.0
    }
}

/// A maturity level.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Level {
    /// The level number (1, 2, ...).
    pub level: u32,
    /// Its name, such as "Managed".
    pub name: String,
    /// The lowest percent of the scale that reaches this level.
    pub min_percent: f64,
    /// One sentence on what this level looks like.
    pub description: String,
}

/// Effort an action takes.
#[derive(
    Debug, Clone, Copy, Serialize, serde::Deserialize, schemars::JsonSchema, PartialEq, Eq,
)]
#[serde(rename_all = "lowercase")]
pub enum Effort {
    /// Weeks, within one team.
    Small,
    /// A few months or several teams.
    Medium,
    /// A programme of its own.
    Large,
}

impl Effort {
    /// The effort cost used by roadmap priority and capacity: small 1, medium 2, large 4.
    pub fn cost(self) -> u32 {
        match self {
            Effort::Small => 1,
            Effort::Medium => 2,
            Effort::Large => 4,
        }
    }

    /// The lowercase name used in files and outputs.
    pub fn as_str(self) -> &'static str {
        match self {
            Effort::Small => "small",
            Effort::Medium => "medium",
            Effort::Large => "large",
        }
    }
}

/// A domain: one danger sign or practice area, scored from its questions.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Domain {
    /// Identifier, unique in the questionnaire.
    pub id: String,
    /// Human name.
    pub name: String,
    /// The danger sign this domain looks for, in plain words.
    pub description: String,
    /// Weight in the overall score (positive).
    pub weight: f64,
    /// Default target level for the roadmap.
    pub target_level: Option<u32>,
    /// The questions on the scale, at least one (open questions are in
    /// [`Questionnaire::open_questions`]).
    pub questions: Vec<Question>,
    /// Words whose mention in a comment makes it about this domain, as written.
    pub keywords: Vec<String>,
    /// The recovery actions that lift this domain.
    pub actions: Vec<Action>,
}

/// A question (a statement answered on the scale).
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Question {
    /// Identifier, unique in the questionnaire.
    pub id: String,
    /// The statement shown to respondents.
    pub text: String,
    /// True when agreeing means a worse practice.
    pub reverse: bool,
    /// Weight within its domain (positive).
    pub weight: f64,
    /// Other column headers that mean this question.
    pub aliases: Vec<String>,
}

/// How a question is answered.
#[derive(
    Debug, Clone, Copy, Default, Serialize, serde::Deserialize, schemars::JsonSchema, PartialEq, Eq,
)]
#[serde(rename_all = "lowercase")]
pub enum QuestionKind {
    /// On the scale, and scored.
    #[default]
    Likert,
    /// In the respondent's own words; never scored.
    Text,
}

/// An open question, answered in words (`kind: text`).
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct OpenQuestion {
    /// Identifier, unique in the questionnaire (among all questions).
    pub id: String,
    /// The question shown to respondents.
    pub text: String,
    /// Other column headers that mean this question.
    pub aliases: Vec<String>,
    /// The domain it is asked in, if any.
    pub domain: Option<String>,
}

/// The language of a questionnaire: which Snowball stemmer reads its comments.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Language(pub snowstem::Algorithm);

impl Language {
    /// The names of every language there is a stemmer for.
    pub const NAMES: [&'static str; 21] = [
        "arabic",
        "czech",
        "danish",
        "dutch",
        "dutch_porter",
        "english",
        "finnish",
        "french",
        "german",
        "greek",
        "hungarian",
        "italian",
        "norwegian",
        "polish",
        "portuguese",
        "romanian",
        "russian",
        "spanish",
        "swedish",
        "tamil",
        "turkish",
    ];

    /// The language by its Snowball name (`english`, `french`, ...).
    pub fn from_name(name: &str) -> Option<Language> {
        name.trim().to_lowercase().parse().ok().map(Language)
    }

    /// Its Snowball name.
    pub fn name(self) -> String {
        self.0.to_string()
    }
}

impl Default for Language {
    fn default() -> Self {
        Language(snowstem::Algorithm::English)
    }
}

impl Serialize for Language {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.name())
    }
}

/// A recovery action.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Action {
    /// Identifier, unique in the questionnaire.
    pub id: String,
    /// Short imperative title.
    pub title: String,
    /// What to do.
    pub description: String,
    /// The maturity level this action helps its domain reach.
    pub lifts_to: u32,
    /// Effort it takes.
    pub effort: Effort,
    /// Impact, 1 to 5.
    pub impact: u8,
    /// The accountable role.
    pub owner: String,
    /// Ids of actions (in any domain) that must come first.
    pub depends_on: Vec<String>,
    /// A measurable target that shows the action worked.
    pub measure: String,
}

/// What a red flag looks at.
#[derive(Debug, Clone, Serialize, PartialEq)]
#[serde(tag = "kind", rename_all = "lowercase")]
pub enum FlagSubject {
    /// One question.
    Question {
        /// The question's id.
        id: String,
    },
    /// One domain.
    Domain {
        /// The domain's id.
        id: String,
    },
}

/// The figure a red flag compares.
#[derive(
    Debug, Clone, Copy, Serialize, serde::Deserialize, schemars::JsonSchema, PartialEq, Eq,
)]
#[serde(rename_all = "lowercase")]
pub enum FlagMetric {
    /// The mean on the scale (reversed items flipped).
    Mean,
    /// The domain's percent of the scale (domains only).
    Percent,
    /// The percent of favourable answers, 0 to 100 (questions only).
    Favorable,
}

/// How a red flag compares its figure with its threshold.
#[derive(Debug, Clone, Copy, Serialize, PartialEq)]
#[serde(rename_all = "snake_case")]
pub enum FlagComparison {
    /// Raised when the figure is at most the threshold.
    AtMost,
    /// Raised when the figure is strictly below the threshold.
    Below,
}

/// A red flag: a danger sign read from the scores, with a plain-words finding.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Flag {
    /// Identifier, unique among flags.
    pub id: String,
    /// The question or domain it looks at.
    pub subject: FlagSubject,
    /// The figure compared.
    pub metric: FlagMetric,
    /// How it is compared.
    pub comparison: FlagComparison,
    /// The threshold.
    pub threshold: f64,
    /// What a raised flag means, in plain words.
    pub finding: String,
    /// The domain the flag belongs to (the question's domain for a question flag).
    pub domain: String,
    /// Actions (in any domain) that answer the finding: a raised flag puts them into the
    /// roadmap's first phase, besides its domain's actions that lift it to the second level.
    pub actions: Vec<String>,
}

impl Flag {
    /// Whether a figure raises this flag.
    pub fn is_raised_by(&self, value: f64) -> bool {
        match self.comparison {
            FlagComparison::AtMost => value <= self.threshold,
            FlagComparison::Below => value < self.threshold,
        }
    }
}

/// How an evidence flag compares its figure with its threshold.
#[derive(Debug, Clone, Copy, Serialize, serde::Deserialize, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
pub enum EvidenceComparison {
    /// Raised when the figure is strictly above the threshold.
    Above,
    /// Raised when the figure is strictly below the threshold.
    Below,
}

/// An evidence flag: a danger sign read from the ticket records' figures (see
/// [`crate::evidence::METRICS`]), with a plain-words finding.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct EvidenceFlag {
    /// Identifier, unique among red flags and evidence flags.
    pub id: String,
    /// The figure tested, such as `changes.emergency_share`.
    pub metric: String,
    /// How it is compared.
    pub comparison: EvidenceComparison,
    /// The threshold.
    pub threshold: f64,
    /// The domain (danger sign) it belongs to.
    pub domain: String,
    /// The survey question that asks people about the same thing, to set beside the records.
    pub question: Option<String>,
    /// What a raised flag means, in plain words.
    pub finding: String,
    /// Actions (in any domain) that answer the finding, planned first when it is raised.
    pub actions: Vec<String>,
}

impl EvidenceFlag {
    /// Whether a figure raises this flag.
    pub fn is_raised_by(&self, value: f64) -> bool {
        match self.comparison {
            EvidenceComparison::Above => value > self.threshold,
            EvidenceComparison::Below => value < self.threshold,
        }
    }
}

impl Questionnaire {
    /// All questions in questionnaire order, with the index of their domain.
    pub fn questions(&self) -> impl Iterator<Item = (usize, &Question)> {
        self.domains
            .iter()
            .enumerate()
            .flat_map(|(d, domain)| domain.questions.iter().map(move |q| (d, q)))
    }

    /// Number of questions in all domains.
    pub fn question_count(&self) -> usize {
        self.domains.iter().map(|d| d.questions.len()).sum()
    }

    /// All actions with the index of their domain.
    pub fn actions(&self) -> impl Iterator<Item = (usize, &Action)> {
        self.domains
            .iter()
            .enumerate()
            .flat_map(|(d, domain)| domain.actions.iter().map(move |a| (d, a)))
    }

    /// The level reached by a percent of the scale: the highest level whose `min_percent` it
    /// reaches (the first level for any percent below all of them). A percent within
    /// [`PERCENT_TOLERANCE`] below a threshold reaches it, so that rounding in
    /// `(mean - min) / (max - min) * 100` never costs a level (a mean of 2.6 on 1..5 is 40%).
    pub fn level_for(&self, percent: f64) -> &Level {
        self.levels
            .iter()
            .rev()
            .find(|l| percent + PERCENT_TOLERANCE >= l.min_percent)
            .unwrap_or(&self.levels[0])
    }

    /// The level with this number, if the questionnaire defines it.
    pub fn level(&self, number: u32) -> Option<&Level> {
        self.levels.iter().find(|l| l.level == number)
    }

    /// The highest level number.
    pub fn max_level(&self) -> u32 {
        self.levels.last().map_or(0, |l| l.level)
    }
}
