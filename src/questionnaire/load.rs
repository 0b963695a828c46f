//! Reading a questionnaire from YAML (a file or a built-in name) and checking every rule of the
//! format, reporting all problems at once with file, line and column.

use super::model::*;
use crate::error::{Problem, Problems};
use schemars::JsonSchema;
use serde::Deserialize;
use serde_saphyr::Spanned;
use std::collections::{BTreeMap, HashMap, HashSet};
use std::path::Path;

/// The largest questionnaire file read, in bytes. Real questionnaires are a few tens of KiB.
pub const MAX_QUESTIONNAIRE_BYTES: u64 = 4 * 1024 * 1024;

/// The most points a scale may have.
pub const MAX_SCALE_POINTS: i32 = 101;

/// The deepest nesting of YAML collections a questionnaire may have (a questionnaire needs 6).
pub const MAX_YAML_DEPTH: usize = 64;

/// The most YAML nodes (scalars, lists and mappings, each alias counted as what it stands for)
/// a questionnaire may hold, so that alias expansion ("billion laughs") cannot exhaust memory.
pub const MAX_YAML_NODES: usize = 250_000;

/// The built-in questionnaires: name and YAML text, embedded in the binary.
pub const BUILT_IN: &[(&str, &str)] = &[
    (
        "danger-signs",
        include_str!("../../questionnaires/danger-signs.yaml"),
    ),
    (
        "itsm-recovery",
        include_str!("../../questionnaires/itsm-recovery.yaml"),
    ),
];

/// Load a questionnaire given as a built-in name (see [`BUILT_IN`]) or a path to a YAML file.
///
/// A bare name (no path separator, no `.yaml`/`.yml` ending) that matches a built-in
/// questionnaire loads the embedded copy; anything else is read as a path.
pub fn load(spec: &str) -> Result<Questionnaire, Problems> {
    if let Some((name, text)) = built_in(spec) {
        return parse(text, &format!("built-in questionnaire '{name}'"));
    }
    let path = Path::new(spec);
    let text = read_text_file(path, MAX_QUESTIONNAIRE_BYTES, "questionnaire").map_err(|p| {
        if !path.exists() && !spec.contains(['/', '\\', '.']) {
            let names: Vec<&str> = BUILT_IN.iter().map(|(n, _)| *n).collect();
            Problems::from(Problem::file(
                spec,
                format!(
                    "no such file, and no built-in questionnaire of that name (built-in: {})",
                    names.join(", ")
                ),
            ))
        } else {
            p
        }
    })?;
    parse(&text, &path.display().to_string())
}

/// The built-in questionnaire a bare name refers to, if any.
pub fn built_in(spec: &str) -> Option<(&'static str, &'static str)> {
    if spec.contains(['/', '\\']) || spec.ends_with(".yaml") || spec.ends_with(".yml") {
        return None;
    }
    BUILT_IN.iter().copied().find(|(name, _)| *name == spec)
}

/// Read a whole text file, refusing directories, files over `limit` bytes and invalid UTF-8,
/// each with a message naming the file. `what` names the kind of file for the messages.
pub fn read_text_file(path: &Path, limit: u64, what: &str) -> Result<String, Problems> {
    use std::io::Read;
    let name = path.display().to_string();
    let meta = std::fs::metadata(path)
        .map_err(|e| Problem::file(&name, format!("cannot read the {what} file: {e}")))?;
    if meta.is_dir() {
        return Err(Problem::file(&name, format!("is a directory, expected a {what} file")).into());
    }
    let file = std::fs::File::open(path)
        .map_err(|e| Problem::file(&name, format!("cannot open the {what} file: {e}")))?;
    let mut bytes = Vec::new();
    file.take(limit + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| Problem::file(&name, format!("cannot read the {what} file: {e}")))?;
    if bytes.len() as u64 > limit {
        return Err(Problem::file(
            &name,
            format!("the {what} file is larger than the limit of {limit} bytes"),
        )
        .into());
    }
    let bytes = bytes
        .strip_prefix(b"\xEF\xBB\xBF")
        .map(<[u8]>::to_vec)
        .unwrap_or(bytes);
    String::from_utf8(bytes).map_err(|e| {
        let offset = e.utf8_error().valid_up_to();
        let prefix = &e.as_bytes()[..offset];
        let line = prefix.iter().filter(|&&b| b == b'\n').count() as u64 + 1;
        let column = prefix.iter().rev().take_while(|&&b| b != b'\n').count() as u64 + 1;
        Problems::from(Problem::at(
            &name,
            line,
            column,
            format!("the {what} file is not valid UTF-8 text"),
        ))
    })
}

/// Parse and validate questionnaire YAML text; `file` names it in messages.
pub fn parse(text: &str, file: &str) -> Result<Questionnaire, Problems> {
    if text.len() as u64 > MAX_QUESTIONNAIRE_BYTES {
        return Err(Problem::file(
            file,
            format!("larger than the limit of {MAX_QUESTIONNAIRE_BYTES} bytes"),
        )
        .into());
    }
    if text.trim().is_empty() {
        return Err(Problem::file(
            file,
            "is empty; expected a questionnaire (a mapping with id, title, scale and domains)",
        )
        .into());
    }
    let mut budget = serde_saphyr::Budget::default();
    budget.max_depth = MAX_YAML_DEPTH;
    budget.max_nodes = MAX_YAML_NODES;
    let mut options = serde_saphyr::Options::default();
    options.budget = Some(budget);
    let raw: RawQuestionnaire =
        serde_saphyr::from_str_with_options(text, options).map_err(|e| {
            let (line, column) = e.location().map_or((0, 0), |l| (l.line(), l.column()));
            let message = match budget_breach(&e) {
                Some(breach) => breach_message(breach),
                None => friendly_yaml_message(
                    &first_line(&e.without_snippet().to_string()),
                    line,
                    column,
                ),
            };
            Problems::from(Problem::at(file, line, column, message))
        })?;
    validate(raw, file)
}

/// The budget limit a YAML error reports, behind any alias or snippet wrapper.
fn budget_breach(e: &serde_saphyr::Error) -> Option<&serde_saphyr::budget::BudgetBreach> {
    let mut e = e;
    loop {
        match e {
            serde_saphyr::Error::WithSnippet { error, .. }
            | serde_saphyr::Error::AliasError { error, .. } => e = error,
            serde_saphyr::Error::Budget { breach, .. } => return Some(breach),
            _ => return None,
        }
    }
}

/// A budget limit broken, in the user's terms: which limit, and that no questionnaire needs
/// that much.
fn breach_message(breach: &serde_saphyr::budget::BudgetBreach) -> String {
    use serde_saphyr::budget::BudgetBreach;
    match breach {
        BudgetBreach::Depth { .. } => format!(
            "nested more than {MAX_YAML_DEPTH} levels deep, the limit; a questionnaire is a few levels deep"
        ),
        BudgetBreach::Nodes { .. } => format!(
            "holds more than {MAX_YAML_NODES} values once its aliases (*name) are expanded, the limit; \
             a questionnaire needs far fewer (an alias bomb?)"
        ),
        other => format!(
            "is larger than the YAML reader allows ({other:?}); a questionnaire needs far less (an alias bomb?)"
        ),
    }
}

fn first_line(s: &str) -> String {
    s.lines().next().unwrap_or("").trim().to_string()
}

/// Reword the parser's messages into what the user must write, without the position (the
/// problem carries it).
fn friendly_yaml_message(message: &str, line: u64, column: u64) -> String {
    let message = match message.rfind(" at line ") {
        Some(i) => &message[..i],
        None => message,
    };
    if (line, column) == (1, 1) && message.contains("expected mapping") {
        return "expected a questionnaire: a mapping with id, title, scale and domains".into();
    }
    if message.contains("invalid floating point") {
        return "invalid number: expected a finite decimal number".into();
    }
    match message {
        "invalid i32" => return "invalid number: expected a whole number".into(),
        "invalid u32" => return "invalid number: expected a whole number, 0 or more".into(),
        "invalid u8" => return "invalid number: expected a whole number from 0 to 255".into(),
        "unexpected end of input" => {
            return "the file ends here; expected a questionnaire: a mapping with id, title, scale and domains".into();
        }
        "recursion limit exceeded" => {
            return format!(
                "nested too deeply (the limit is {MAX_YAML_DEPTH} levels); a questionnaire is a few levels deep"
            );
        }
        _ => {}
    }
    if let Some(key) = message
        .strip_prefix("duplicate mapping key: ")
        .and_then(|rest| rest.split(", set DuplicateKeyPolicy").next())
    {
        return format!("the key '{key}' appears twice in this mapping; give each key once");
    }
    message
        .replace(
            "expected mapping start",
            "expected a mapping (key: value pairs) here",
        )
        .replace("expected sequence start", "expected a list here")
        .replace("RawQuestionnaire", "questionnaire")
}

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

// ---------------------------------------------------------------------------------------------
// The file format as written (deny unknown keys; positions kept for validation messages).

/// A questionnaire: domains of Likert questions, maturity levels and recovery actions.
#[derive(Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(rename = "Questionnaire")]
struct RawQuestionnaire {
    /// Identifier: lowercase letters, digits and '-'.
    #[schemars(with = "String", regex(pattern = r"^[a-z0-9]+(-[a-z0-9]+)*$"))]
    id: Spanned<String>,
    /// Human title.
    title: String,
    /// Version chosen by the author, e.g. "1.0".
    #[serde(default)]
    version: Option<VersionString>,
    /// What the questionnaire is for and who should answer it.
    #[serde(default)]
    description: String,
    /// The answer scale shared by all questions.
    #[schemars(with = "RawScale")]
    scale: Spanned<RawScale>,
    /// Maturity levels by percent of the scale; default: five levels at 0, 20, 40, 60, 80.
    #[serde(default)]
    #[schemars(with = "Option<Vec<RawLevel>>")]
    levels: Option<Vec<Spanned<RawLevel>>>,
    /// The domains (danger signs or practice areas).
    #[schemars(with = "Vec<RawDomain>")]
    domains: Vec<Spanned<RawDomain>>,
    /// Red flags raised from the scores; they head the roadmap.
    #[serde(default)]
    #[schemars(with = "Vec<RawFlag>")]
    flags: Vec<Spanned<RawFlag>>,
}

/// A version written as a string or a number.
#[derive(Deserialize, JsonSchema)]
#[serde(untagged)]
enum VersionString {
    Text(String),
    Number(f64),
}

/// The Likert scale.
#[derive(Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
struct RawScale {
    /// Lowest answer value.
    min: i32,
    /// Highest answer value.
    max: i32,
    /// Labels of answer values, e.g. {1: Strongly disagree, 5: Strongly agree}.
    #[serde(default)]
    labels: BTreeMap<i32, String>,
    /// Answers that mean "not applicable" (N/A, NA and n/a are always accepted).
    #[serde(default)]
    not_applicable: Vec<String>,
}

/// A maturity level.
#[derive(Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
struct RawLevel {
    /// The level number.
    level: u32,
    /// Its name.
    name: String,
    /// The lowest percent of the scale that reaches it (the first level at 0).
    min_percent: f64,
    /// One sentence on what this level looks like.
    #[serde(default)]
    description: String,
}

/// A domain.
#[derive(Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
struct RawDomain {
    /// Identifier: lowercase letters, digits and '-'.
    #[schemars(regex(pattern = r"^[a-z0-9]+(-[a-z0-9]+)*$"))]
    id: String,
    /// Human name.
    name: String,
    /// The danger sign this domain looks for, in plain words.
    #[serde(default)]
    description: String,
    /// Weight in the overall score (default 1).
    #[serde(default = "one")]
    weight: f64,
    /// Default target level for the roadmap.
    #[serde(default)]
    target_level: Option<u32>,
    /// Questions.
    #[schemars(with = "Vec<RawQuestion>")]
    questions: Vec<Spanned<RawQuestion>>,
    /// Recovery actions that lift this domain.
    #[serde(default)]
    #[schemars(with = "Vec<RawAction>")]
    actions: Vec<Spanned<RawAction>>,
}

fn one() -> f64 {
    1.0
}

/// A question.
#[derive(Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
struct RawQuestion {
    /// Identifier, unique in the questionnaire (letters, digits, '-', '_', '.').
    id: String,
    /// The statement respondents answer.
    text: String,
    /// True when agreeing means a worse practice.
    #[serde(default)]
    reverse: bool,
    /// Weight within the domain (default 1).
    #[serde(default = "one")]
    weight: f64,
    /// Other column headers that mean this question.
    #[serde(default)]
    aliases: Vec<String>,
}

/// A recovery action.
#[derive(Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
struct RawAction {
    /// Identifier, unique in the questionnaire.
    id: String,
    /// Short imperative title.
    title: String,
    /// What to do.
    #[serde(default)]
    description: String,
    /// The maturity level this action helps its domain reach.
    lifts_to: u32,
    /// small, medium or large.
    effort: Effort,
    /// Impact from 1 to 5.
    impact: u8,
    /// The accountable role (not a person).
    owner: String,
    /// Ids of actions, in any domain, that must come first.
    #[serde(default)]
    #[schemars(with = "Vec<String>")]
    depends_on: Vec<Spanned<String>>,
    /// A measurable target that shows the action worked.
    measure: String,
}

/// A red flag: `question` or `domain`, `metric`, `at_most` or `below`, and a finding.
#[derive(Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
struct RawFlag {
    /// Identifier: lowercase letters, digits and '-'.
    id: String,
    /// The question it looks at (or give `domain`).
    #[serde(default)]
    question: Option<String>,
    /// The domain it looks at (or give `question`).
    #[serde(default)]
    domain: Option<String>,
    /// mean or favorable for a question (default mean); percent or mean for a domain (default percent).
    #[serde(default)]
    metric: Option<FlagMetric>,
    /// Raised when the figure is at most this.
    #[serde(default)]
    at_most: Option<f64>,
    /// Raised when the figure is below this.
    #[serde(default)]
    below: Option<f64>,
    /// What a raised flag means, in plain words.
    finding: String,
    /// Actions, in any domain, that answer the finding; a raised flag puts them first.
    #[serde(default)]
    #[schemars(with = "Vec<String>")]
    actions: Vec<Spanned<String>>,
}

// ---------------------------------------------------------------------------------------------
// Validation: every rule, every problem.

struct Checker<'a> {
    file: &'a str,
    problems: Vec<Problem>,
}

impl Checker<'_> {
    fn at<T>(&mut self, spanned: &Spanned<T>, message: String) {
        self.problems.push(Problem::at(
            self.file,
            spanned.referenced.line(),
            spanned.referenced.column(),
            message,
        ));
    }
}

fn is_slug(s: &str) -> bool {
    !s.is_empty()
        && s.split('-').all(|part| {
            !part.is_empty()
                && part
                    .chars()
                    .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit())
        })
}

fn is_item_id(s: &str) -> bool {
    !s.is_empty()
        && s.chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.'))
}

/// `-0` as written in YAML is 0: keep it from showing as "-0%" in reports.
fn positive_zero(x: f64) -> f64 {
    if x == 0.0 { 0.0 } else { x }
}

fn default_levels() -> Vec<Level> {
    [
        (
            1,
            "Initial",
            0.0,
            "Work depends on individuals; results vary and are rarely measured.",
        ),
        (
            2,
            "Managed",
            20.0,
            "Basic practices are in place in places, but not consistently.",
        ),
        (
            3,
            "Defined",
            40.0,
            "Practices are documented, owned and followed across the organisation.",
        ),
        (
            4,
            "Measured",
            60.0,
            "Practices are measured against targets and managed by the figures.",
        ),
        (
            5,
            "Optimising",
            80.0,
            "Measures drive continual improvement that the business can see.",
        ),
    ]
    .into_iter()
    .map(|(level, name, min_percent, description)| Level {
        level,
        name: name.into(),
        min_percent,
        description: description.into(),
    })
    .collect()
}

fn validate(raw: RawQuestionnaire, file: &str) -> Result<Questionnaire, Problems> {
    let mut c = Checker {
        file,
        problems: Vec::new(),
    };
    if !is_slug(&raw.id.value) {
        c.at(
            &raw.id,
            format!(
                "questionnaire id '{}' must be lowercase letters, digits and '-'",
                raw.id.value
            ),
        );
    }
    if raw.title.trim().is_empty() {
        c.at(&raw.id, "the title is empty".into());
    }

    // Scale.
    let s = &raw.scale.value;
    if s.min >= s.max {
        c.at(
            &raw.scale,
            format!("scale min ({}) must be less than max ({})", s.min, s.max),
        );
    } else if i64::from(s.max) - i64::from(s.min) + 1 > i64::from(MAX_SCALE_POINTS) {
        c.at(
            &raw.scale,
            format!("the scale has more than {MAX_SCALE_POINTS} points"),
        );
    }
    let mut seen_labels: HashMap<String, i32> = HashMap::new();
    for (value, label) in s.labels.iter().filter(|_| s.min < s.max) {
        if *value < s.min || *value > s.max {
            c.at(
                &raw.scale,
                format!(
                    "label '{label}' is for value {value}, outside the scale {}..{}",
                    s.min, s.max
                ),
            );
        }
        if let Some(other) = seen_labels.insert(label.trim().to_lowercase(), *value) {
            c.at(
                &raw.scale,
                format!("label '{label}' is used for both {other} and {value}"),
            );
        }
    }

    // Levels.
    let levels: Vec<Level> = match &raw.levels {
        None => default_levels(),
        Some(levels) => {
            if levels.is_empty() {
                c.at(&raw.scale, "levels is empty; leave it out for the default five levels, or list at least one".into());
            }
            for (i, l) in levels.iter().enumerate() {
                let v = &l.value;
                if !v.min_percent.is_finite() || v.min_percent < 0.0 || v.min_percent > 100.0 {
                    c.at(
                        l,
                        format!(
                            "level {}: min_percent must be a number from 0 to 100",
                            v.level
                        ),
                    );
                }
                if i == 0 && v.min_percent != 0.0 {
                    c.at(
                        l,
                        format!(
                            "the first level ({}) must start at min_percent 0, not {}",
                            v.level, v.min_percent
                        ),
                    );
                }
                if i > 0 {
                    let prev = &levels[i - 1].value;
                    if v.level <= prev.level {
                        c.at(
                            l,
                            format!(
                                "levels must ascend: level {} follows level {}",
                                v.level, prev.level
                            ),
                        );
                    }
                    if v.min_percent <= prev.min_percent {
                        c.at(l, format!("levels must ascend: level {} has min_percent {}, not above level {}'s {}", v.level, v.min_percent, prev.level, prev.min_percent));
                    }
                }
                if v.name.trim().is_empty() {
                    c.at(l, format!("level {} has no name", v.level));
                }
            }
            levels
                .iter()
                .map(|l| Level {
                    level: l.value.level,
                    name: l.value.name.clone(),
                    min_percent: positive_zero(l.value.min_percent),
                    description: l.value.description.clone(),
                })
                .collect()
        }
    };
    let level_numbers: HashSet<u32> = levels.iter().map(|l| l.level).collect();
    let level_range = match (levels.first(), levels.last()) {
        (Some(a), Some(b)) => format!("{}..{}", a.level, b.level),
        _ => "none".into(),
    };

    // Domains, questions, actions.
    if raw.domains.is_empty() {
        c.at(&raw.id, "the questionnaire has no domains".into());
    }
    let mut domain_ids: HashMap<&str, ()> = HashMap::new();
    let mut question_ids: HashSet<&str> = HashSet::new();
    let mut headers: HashMap<String, String> = HashMap::new();
    let mut action_ids: HashSet<&str> = HashSet::new();
    for d in &raw.domains {
        let dv = &d.value;
        if !is_slug(&dv.id) {
            c.at(
                d,
                format!(
                    "domain id '{}' must be lowercase letters, digits and '-'",
                    dv.id
                ),
            );
        }
        if domain_ids.insert(&dv.id, ()).is_some() {
            c.at(d, format!("duplicate domain id '{}'", dv.id));
        }
        if dv.name.trim().is_empty() {
            c.at(d, format!("domain '{}' has no name", dv.id));
        }
        if !(dv.weight.is_finite() && dv.weight > 0.0) {
            c.at(
                d,
                format!(
                    "domain '{}': weight must be a number above 0, not {}",
                    dv.id, dv.weight
                ),
            );
        }
        if let Some(t) = dv.target_level
            && !level_numbers.contains(&t)
        {
            c.at(
                d,
                format!(
                    "domain '{}': target_level {t} is not one of the levels ({level_range})",
                    dv.id
                ),
            );
        }
        if dv.questions.is_empty() {
            c.at(d, format!("domain '{}' has no questions", dv.id));
        }
        for q in &dv.questions {
            let qv = &q.value;
            if !is_item_id(&qv.id) {
                c.at(
                    q,
                    format!(
                        "question id '{}' may hold only letters, digits, '-', '_' and '.'",
                        qv.id
                    ),
                );
            }
            if !question_ids.insert(&qv.id) {
                c.at(q, format!("duplicate question id '{}'", qv.id));
                continue;
            }
            if qv.text.trim().is_empty() {
                c.at(q, format!("question '{}' has no text", qv.id));
            }
            if !(qv.weight.is_finite() && qv.weight > 0.0) {
                c.at(
                    q,
                    format!(
                        "question '{}': weight must be a number above 0, not {}",
                        qv.id, qv.weight
                    ),
                );
            }
            let mut names: Vec<&str> = vec![&qv.id, &qv.text];
            names.extend(qv.aliases.iter().map(String::as_str));
            let mut own = HashSet::new();
            for name in names {
                let key = name.trim().to_lowercase();
                if key.is_empty() || !own.insert(key.clone()) {
                    continue;
                }
                if let Some(other) = headers.insert(key, qv.id.clone()) {
                    c.at(q, format!("question '{}': the column header '{}' would also match question '{other}'", qv.id, name.trim()));
                }
            }
        }
        for a in &dv.actions {
            let av = &a.value;
            if !is_item_id(&av.id) {
                c.at(
                    a,
                    format!(
                        "action id '{}' may hold only letters, digits, '-', '_' and '.'",
                        av.id
                    ),
                );
            }
            if !action_ids.insert(&av.id) {
                c.at(a, format!("duplicate action id '{}'", av.id));
            }
            if !level_numbers.contains(&av.lifts_to) {
                c.at(
                    a,
                    format!(
                        "action '{}': lifts_to {} is not one of the levels ({level_range})",
                        av.id, av.lifts_to
                    ),
                );
            }
            if !(1..=5).contains(&av.impact) {
                c.at(
                    a,
                    format!(
                        "action '{}': impact must be from 1 to 5, not {}",
                        av.id, av.impact
                    ),
                );
            }
            for (field, value) in [
                ("title", &av.title),
                ("owner", &av.owner),
                ("measure", &av.measure),
            ] {
                if value.trim().is_empty() {
                    c.at(a, format!("action '{}' has no {field}", av.id));
                }
            }
        }
    }
    for d in &raw.domains {
        for a in &d.value.actions {
            for dep in &a.value.depends_on {
                if dep.value == a.value.id {
                    c.at(dep, format!("action '{}' depends on itself", a.value.id));
                } else if !action_ids.contains(dep.value.as_str()) {
                    c.at(dep, format!("action '{}' depends on '{}', which is not an action of this questionnaire", a.value.id, dep.value));
                }
            }
        }
    }
    check_cycles(&raw, &mut c);

    // Flags.
    let question_domain: HashMap<&str, &str> = raw
        .domains
        .iter()
        .flat_map(|d| {
            d.value
                .questions
                .iter()
                .map(move |q| (q.value.id.as_str(), d.value.id.as_str()))
        })
        .collect();
    let mut flag_ids = HashSet::new();
    let mut flags = Vec::new();
    for f in &raw.flags {
        let fv = &f.value;
        if !is_slug(&fv.id) {
            c.at(
                f,
                format!(
                    "flag id '{}' must be lowercase letters, digits and '-'",
                    fv.id
                ),
            );
        }
        if !flag_ids.insert(fv.id.as_str()) {
            c.at(f, format!("duplicate flag id '{}'", fv.id));
        }
        if fv.finding.trim().is_empty() {
            c.at(f, format!("flag '{}' has no finding", fv.id));
        }
        for action in &fv.actions {
            if !action_ids.contains(action.value.as_str()) {
                c.at(
                    action,
                    format!(
                        "flag '{}' names action '{}', which is not an action of this questionnaire",
                        fv.id, action.value
                    ),
                );
            }
        }
        let subject = match (&fv.question, &fv.domain) {
            (Some(q), None) => {
                match question_domain.get(q.as_str()) {
                    Some(d) => Some((FlagSubject::Question { id: q.clone() }, d.to_string())),
                    None => {
                        c.at(f, format!("flag '{}' names question '{q}', which is not in this questionnaire", fv.id));
                        None
                    }
                }
            }
            (None, Some(d)) => {
                if domain_ids.contains_key(d.as_str()) {
                    Some((FlagSubject::Domain { id: d.clone() }, d.clone()))
                } else {
                    c.at(
                        f,
                        format!(
                            "flag '{}' names domain '{d}', which is not in this questionnaire",
                            fv.id
                        ),
                    );
                    None
                }
            }
            _ => {
                c.at(
                    f,
                    format!(
                        "flag '{}' must name exactly one of question or domain",
                        fv.id
                    ),
                );
                None
            }
        };
        let comparison = match (fv.at_most, fv.below) {
            (Some(t), None) => Some((FlagComparison::AtMost, positive_zero(t))),
            (None, Some(t)) => Some((FlagComparison::Below, positive_zero(t))),
            _ => {
                c.at(
                    f,
                    format!("flag '{}' must give exactly one of at_most or below", fv.id),
                );
                None
            }
        };
        if let Some((_, t)) = comparison
            && !t.is_finite()
        {
            c.at(
                f,
                format!("flag '{}': the threshold must be a finite number", fv.id),
            );
        }
        let Some((subject, domain)) = subject else {
            continue;
        };
        let metric = match (&subject, fv.metric) {
            (FlagSubject::Question { .. }, None) => FlagMetric::Mean,
            (FlagSubject::Domain { .. }, None) => FlagMetric::Percent,
            (FlagSubject::Question { .. }, Some(FlagMetric::Percent)) => {
                c.at(
                    f,
                    format!(
                        "flag '{}': a question flag takes metric mean or favorable, not percent",
                        fv.id
                    ),
                );
                continue;
            }
            (FlagSubject::Domain { .. }, Some(FlagMetric::Favorable)) => {
                c.at(
                    f,
                    format!(
                        "flag '{}': a domain flag takes metric percent or mean, not favorable",
                        fv.id
                    ),
                );
                continue;
            }
            (_, Some(m)) => m,
        };
        if let Some((comparison, threshold)) = comparison {
            flags.push(Flag {
                id: fv.id.clone(),
                subject,
                metric,
                comparison,
                threshold,
                finding: fv.finding.clone(),
                domain,
                actions: fv.actions.iter().map(|a| a.value.clone()).collect(),
            });
        }
    }

    if !c.problems.is_empty() {
        c.problems.sort_by_key(|p| (p.line, p.column));
        return Err(Problems(c.problems));
    }
    let version = match raw.version {
        None => String::new(),
        Some(VersionString::Text(t)) => t,
        Some(VersionString::Number(n)) => n.to_string(),
    };
    Ok(Questionnaire {
        id: raw.id.value,
        title: raw.title,
        version,
        description: raw.description,
        scale: Scale {
            min: s.min,
            max: s.max,
            labels: s.labels.clone(),
            not_applicable: s.not_applicable.clone(),
        },
        levels,
        domains: raw
            .domains
            .into_iter()
            .map(|d| {
                let d = d.value;
                Domain {
                    id: d.id,
                    name: d.name,
                    description: d.description,
                    weight: d.weight,
                    target_level: d.target_level,
                    questions: d
                        .questions
                        .into_iter()
                        .map(|q| {
                            let q = q.value;
                            Question {
                                id: q.id,
                                text: q.text,
                                reverse: q.reverse,
                                weight: q.weight,
                                aliases: q.aliases,
                            }
                        })
                        .collect(),
                    actions: d
                        .actions
                        .into_iter()
                        .map(|a| {
                            let a = a.value;
                            Action {
                                id: a.id,
                                title: a.title,
                                description: a.description,
                                lifts_to: a.lifts_to,
                                effort: a.effort,
                                impact: a.impact,
                                owner: a.owner,
                                depends_on: a.depends_on.into_iter().map(|d| d.value).collect(),
                                measure: a.measure,
                            }
                        })
                        .collect(),
                }
            })
            .collect(),
        flags,
    })
}

/// Report every dependency cycle once, naming the actions in it, at the first action's place.
fn check_cycles(raw: &RawQuestionnaire, c: &mut Checker<'_>) {
    let actions: Vec<&Spanned<RawAction>> = raw
        .domains
        .iter()
        .flat_map(|d| d.value.actions.iter())
        .collect();
    let index: HashMap<&str, usize> = actions
        .iter()
        .enumerate()
        .map(|(i, a)| (a.value.id.as_str(), i))
        .collect();
    let edges: Vec<Vec<usize>> = actions
        .iter()
        .map(|a| {
            a.value
                .depends_on
                .iter()
                .filter(|d| d.value != a.value.id)
                .filter_map(|d| index.get(d.value.as_str()).copied())
                .collect()
        })
        .collect();
    // Iterative depth-first search with colours; a grey target closes a cycle.
    let mut colour = vec![0u8; actions.len()];
    let mut reported: HashSet<Vec<usize>> = HashSet::new();
    for start in 0..actions.len() {
        if colour[start] != 0 {
            continue;
        }
        let mut stack: Vec<(usize, usize)> = vec![(start, 0)];
        colour[start] = 1;
        while let Some(&mut (node, ref mut next)) = stack.last_mut() {
            if *next < edges[node].len() {
                let target = edges[node][*next];
                *next += 1;
                match colour[target] {
                    0 => {
                        colour[target] = 1;
                        stack.push((target, 0));
                    }
                    1 => {
                        let pos = stack.iter().position(|&(n, _)| n == target).unwrap_or(0);
                        let cycle: Vec<usize> = stack[pos..].iter().map(|&(n, _)| n).collect();
                        let mut key = cycle.clone();
                        key.sort_unstable();
                        if reported.insert(key) {
                            let mut names: Vec<&str> = cycle
                                .iter()
                                .map(|&i| actions[i].value.id.as_str())
                                .collect();
                            names.push(names[0]);
                            c.at(
                                actions[cycle[0]],
                                format!(
                                    "dependency cycle: {} (each depends on the next)",
                                    names.join(" -> ")
                                ),
                            );
                        }
                    }
                    _ => {}
                }
            } else {
                colour[node] = 2;
                stack.pop();
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn problem(text: &str) -> String {
        parse(text, "q.yaml").expect_err("refused").to_string()
    }

    #[test]
    fn an_alias_bomb_stops_at_the_node_limit_with_a_plain_message() {
        let mut text = String::from(
            "id: x\ntitle: y\nversion:\n  - &a [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]\n",
        );
        for (prev, name) in "abcdefgh".chars().zip("bcdefghi".chars()) {
            text.push_str(&format!(
                "  - &{name} [{}]\n",
                vec![format!("*{prev}"); 10].join(", ")
            ));
        }
        text.push_str("description: *i\n");
        assert_eq!(
            problem(&text),
            "q.yaml:9:13: holds more than 250000 values once its aliases (*name) are expanded, \
             the limit; a questionnaire needs far fewer (an alias bomb?)"
        );
    }

    #[test]
    fn deep_nesting_stops_at_the_depth_limit_with_a_plain_message() {
        let text = format!("id: x\nversion: {}{}\n", "[".repeat(70), "]".repeat(70));
        assert_eq!(
            problem(&text),
            "q.yaml:2:73: nested more than 64 levels deep, the limit; a questionnaire is a few levels deep"
        );
    }

    #[test]
    fn minus_zero_is_read_as_zero() {
        let q = parse(
            "id: x\ntitle: y\nscale: {min: -0, max: 4}\nlevels:\n  - {level: 1, name: Low, min_percent: -0}\n\
             domains:\n  - id: d\n    name: D\n    questions: [{id: a, text: b}]\n\
             flags:\n  - {id: f, domain: d, below: -0, finding: Weak.}\n",
            "q.yaml",
        )
        .expect("valid");
        assert!(q.levels[0].min_percent.is_sign_positive());
        assert!(q.flags[0].threshold.is_sign_positive());
        assert_eq!(format!("{}", q.levels[0].min_percent), "0");
    }

    #[test]
    fn parser_messages_say_what_was_expected() {
        assert_eq!(
            problem("# only a comment\n"),
            "q.yaml:2:1: the file ends here; expected a questionnaire: a mapping with id, title, \
             scale and domains"
        );
        assert_eq!(
            problem("id: x\ntitle: y\nscale: {min: 1e400, max: 5}\n"),
            "q.yaml:3:14: invalid number: expected a whole number"
        );
        assert_eq!(
            problem("id: x\nid: y\n"),
            "q.yaml:2:1: the key 'id' appears twice in this mapping; give each key once"
        );
    }
}
