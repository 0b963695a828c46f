//! The engagement file as written: the serde types its YAML is read into, with the places the
//! checks name in their messages, and the JSON Schema derived from them. Unknown keys are
//! refused by the structural check of [`crate::input::parse_yaml_checked`] (from the schema's
//! `deny_unknown_fields`), together with every other problem; what the values mean is checked in [`super::convert`].

use crate::input::Spanned;
use crate::observations::Severity;
use schemars::JsonSchema;
use serde::Deserialize;

/// An engagement: everything one assessment's run needs, paths relative to this file.
#[derive(Deserialize, JsonSchema)]
#[schemars(deny_unknown_fields)]
#[schemars(rename = "Engagement")]
pub(super) struct RawEngagement {
    /// The organisation assessed, for the report's cover.
    #[serde(default)]
    pub(super) organisation: Option<String>,
    /// The report's title (default: the questionnaire's).
    #[serde(default)]
    pub(super) title: Option<String>,
    /// The report's date, YYYY-MM-DD (default: the latest response's).
    #[serde(default)]
    #[schemars(with = "Option<String>")]
    pub(super) date: Option<Spanned<String>>,
    /// The questionnaire: a built-in name (see `itsm-assess list`) or a path.
    #[schemars(with = "String")]
    pub(super) questionnaire: Spanned<String>,
    /// Response files: paths or patterns with `*` and `?` in the file name
    /// (`responses/*.csv`); their rows are pooled, in the order listed, matches sorted by name.
    #[schemars(with = "Vec<String>")]
    pub(super) responses: Vec<Spanned<String>>,
    /// Force the field delimiter: ',', ';', '|' or 'tab'.
    #[serde(default)]
    #[schemars(with = "Option<String>")]
    pub(super) delimiter: Option<Spanned<String>>,
    /// Force the survey tool's layout (see `itsm-assess score --help`).
    #[serde(default)]
    #[schemars(with = "Option<String>")]
    pub(super) input_format: Option<Spanned<String>>,
    /// The worksheet of an .xlsx workbook (default: the first).
    #[serde(default)]
    pub(super) sheet: Option<String>,
    /// A mapping file: column headers to question ids, answer labels to scale values.
    #[serde(default)]
    #[schemars(with = "Option<String>")]
    pub(super) mapping: Option<Spanned<String>>,
    /// Count cells that are not answers as unanswered instead of failing.
    #[serde(default)]
    pub(super) skip_invalid: bool,
    /// Refuse a response file in which a question has no column, or a column of answers
    /// matches no question (by default both are warnings).
    #[serde(default)]
    pub(super) strict: bool,
    /// Columns to break the results down by; `source` is the response file's name.
    #[serde(default)]
    pub(super) group_by: Vec<String>,
    /// The group-by column whose groups the headline sets side by side.
    #[serde(default)]
    pub(super) perspective: Option<String>,
    /// The smallest group shown on its own (at least 3; default 5).
    #[serde(default)]
    #[schemars(with = "Option<u32>")]
    pub(super) min_group_size: Option<Spanned<u64>>,
    /// Write a warning page, instead of refusing the report, when fewer respondents than
    /// min_group_size were scored.
    #[serde(default)]
    pub(super) allow_small: bool,
    /// The fewest answers to an open question for its comments to be shown (default 10,
    /// never below min_group_size).
    #[serde(default)]
    #[schemars(with = "Option<u64>")]
    pub(super) min_comment_group: Option<Spanned<u64>>,
    /// A text file of words to remove from every comment (staff or system names), one a line.
    #[serde(default)]
    #[schemars(with = "Option<String>")]
    pub(super) redact: Option<Spanned<String>>,
    /// How many people were invited: `N` for everyone, `COLUMN=VALUE:N` for one group.
    #[serde(default)]
    #[schemars(with = "Vec<String>")]
    pub(super) invited: Vec<Spanned<Text>>,
    /// One target level for every domain: its number or its name.
    #[serde(default)]
    #[schemars(with = "Option<Text>")]
    pub(super) target: Option<Spanned<Text>>,
    /// A targets file: domain id to target level.
    #[serde(default)]
    #[schemars(with = "Option<String>")]
    pub(super) targets: Option<Spanned<String>>,
    /// Effort points per phase (small 1, medium 2, large 4).
    #[serde(default)]
    pub(super) capacity: Option<u32>,
    /// The phases' names, in order (default: four phases over 18 months).
    #[serde(default)]
    #[schemars(with = "Option<Vec<String>>")]
    pub(super) phases: Option<Vec<Spanned<String>>>,
    /// The phases' month boundaries: the start of each and the end of the last.
    #[serde(default)]
    pub(super) phase_months: Option<Vec<u32>>,
    /// A folder of templates that replace the built-in ones file by file.
    #[serde(default)]
    #[schemars(with = "Option<String>")]
    pub(super) templates: Option<Spanned<String>>,
    /// The paper the printed report is laid out for: a4 or letter.
    #[serde(default)]
    #[schemars(with = "Option<String>")]
    pub(super) paper: Option<Spanned<String>>,
    /// Earlier waves' scores.json (written by `score -f json`), oldest first, to compare with.
    #[serde(default)]
    #[schemars(with = "Vec<String>")]
    pub(super) baseline: Vec<Spanned<String>>,
    /// A file of the roadmap actions' statuses: `id,status[,date]`, a roadmap CSV with a status
    /// column, or a Jira export.
    #[serde(default)]
    #[schemars(with = "Option<String>")]
    pub(super) status: Option<Spanned<String>>,
    /// Change record exports from the ticket system (paths or patterns; CSV or .xlsx).
    #[serde(default)]
    #[schemars(with = "Vec<String>")]
    pub(super) changes: Vec<Spanned<String>>,
    /// Incident record exports from the ticket system (paths or patterns; CSV or .xlsx).
    #[serde(default)]
    #[schemars(with = "Vec<String>")]
    pub(super) incidents: Vec<Spanned<String>>,
    /// Monthly cost and active users per service (CSV: service, monthly_cost, active_users).
    #[serde(default)]
    #[schemars(with = "Option<String>")]
    pub(super) costs: Option<Spanned<String>>,
    /// An evidence mapping (YAML) for record exports the built-in field names do not cover.
    #[serde(default)]
    #[schemars(with = "Option<String>")]
    pub(super) evidence_mapping: Option<Spanned<String>>,
    /// The consultant's own findings from interviews and document review.
    #[serde(default)]
    #[schemars(with = "Vec<RawObservation>")]
    pub(super) observations: Vec<Spanned<RawObservation>>,
    /// The files to write, relative to this file.
    #[serde(default)]
    pub(super) outputs: RawOutputs,
}

/// A text written as a string or a number (`3`, `Defined`, `12`).
#[derive(Deserialize, JsonSchema)]
#[serde(untagged)]
pub(super) enum Text {
    /// A number.
    Number(u64),
    /// A string.
    String(String),
}

impl Text {
    /// The text as written.
    pub(super) fn text(&self) -> String {
        match self {
            Text::Number(n) => n.to_string(),
            Text::String(s) => s.clone(),
        }
    }
}

/// One finding of the consultant's.
#[derive(Deserialize, JsonSchema)]
#[schemars(deny_unknown_fields)]
#[schemars(rename = "Observation")]
pub(super) struct RawObservation {
    /// Its id, unique among the observations (e.g. OBS-1).
    pub(super) id: String,
    /// The questionnaire domain it concerns.
    pub(super) domain: String,
    /// high, medium or low; high ones head the executive summary.
    pub(super) severity: Severity,
    /// What was found.
    pub(super) finding: String,
    /// What it rests on: interviews, documents.
    #[serde(default)]
    pub(super) evidence: String,
    /// What to do about it.
    #[serde(default)]
    pub(super) recommendation: String,
    /// Roadmap actions that answer it; they are planned first, like a raised flag's.
    #[serde(default)]
    pub(super) actions: Vec<String>,
}

/// The files a run writes; each is optional, at least one must be named.
#[derive(Deserialize, JsonSchema, Default)]
#[schemars(deny_unknown_fields)]
#[schemars(rename = "Outputs")]
pub(super) struct RawOutputs {
    /// The report as one self-contained HTML file.
    #[serde(default)]
    #[schemars(with = "Option<String>")]
    pub(super) report_html: Option<Spanned<String>>,
    /// The report in Markdown.
    #[serde(default)]
    #[schemars(with = "Option<String>")]
    pub(super) report_md: Option<Spanned<String>>,
    /// The roadmap, one row per action.
    #[serde(default)]
    #[schemars(with = "Option<String>")]
    pub(super) roadmap_csv: Option<Spanned<String>>,
    /// The roadmap as a Markdown document.
    #[serde(default)]
    #[schemars(with = "Option<String>")]
    pub(super) roadmap_md: Option<Spanned<String>>,
    /// The roadmap as JSON.
    #[serde(default)]
    #[schemars(with = "Option<String>")]
    pub(super) roadmap_json: Option<Spanned<String>>,
    /// The scores as JSON (readable back by a later wave).
    #[serde(default)]
    #[schemars(with = "Option<String>")]
    pub(super) scores_json: Option<Spanned<String>>,
    /// The scores, one row per domain and per domain and group.
    #[serde(default)]
    #[schemars(with = "Option<String>")]
    pub(super) scores_csv: Option<Spanned<String>>,
}
