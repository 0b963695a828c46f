//! The command line: clap derive, with doc comments as the help text.

use crate::choice::Choice;
use crate::engagement::values;
use crate::error::Setting;
use crate::job::{JobSpec, ResponseInput};
use crate::report::{Invited, Paper, ReportFormat};
use crate::responses::InputFormat;
use crate::template::TemplateFormat;
use clap::builder::{PossibleValue, PossibleValuesParser, TypedValueParser};
use clap::{Args, Parser, Subcommand, ValueEnum};
use std::path::PathBuf;

/// Assess the maturity of an IT service management programme from survey responses, and plan
/// its recovery.
///
/// A questionnaire (YAML, built in or your own) defines domains of Likert questions, maturity
/// levels and recovery actions. Survey responses (CSV or a survey tool's export) are scored
/// into maturity per domain, with anonymity protection for small groups, and turned into a
/// phased recovery roadmap and a report a leader can present.
#[derive(Debug, Parser)]
#[command(name = "itsm-assess", version, propagate_version = true)]
pub struct Cli {
    /// What to do.
    #[command(subcommand)]
    pub command: Command,
}

/// The commands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// List the built-in questionnaires.
    List,
    /// Check questionnaires (files or built-in names) and report every problem found.
    Validate {
        /// Questionnaire files or built-in names.
        #[arg(required = true, value_name = "FILE|NAME")]
        questionnaires: Vec<String>,
    },
    /// Print the JSON Schema of the questionnaire format (for editors with a YAML language server).
    Schema {
        /// The schema of the engagement file (`assessment.yaml`) instead.
        #[arg(long)]
        engagement: bool,
        /// Output file ('-' or none: standard output).
        #[arg(short, long, value_name = "FILE")]
        output: Option<PathBuf>,
    },
    /// Create an engagement folder: a commented assessment.yaml, responses/, evidence/ and a
    /// blank response template.
    Init(InitArgs),
    /// Run an engagement file: score, plan and report as it says, writing every output it names.
    Run(RunArgs),
    /// Write a blank response file for a questionnaire to fill by hand: a role column, then one
    /// column per question; row 1 the ids, row 2 the statements' texts (read back and skipped).
    Template {
        /// Questionnaire: a built-in name or a path.
        #[arg(short, long, value_name = "Q", value_parser = QuestionnaireName, hide_possible_values = true)]
        questionnaire: String,
        /// Output format (default: xlsx when the output file ends in .xlsx, else csv).
        #[arg(short, long, value_name = "FORMAT", value_parser = choice::<TemplateFormat>())]
        format: Option<TemplateFormat>,
        /// Output file ('-' or none: standard output).
        #[arg(short, long, value_name = "FILE")]
        output: Option<PathBuf>,
    },
    /// Score survey responses: maturity per domain and question, by group, with anonymity
    /// protection and tests of the differences between groups.
    Score(ScoreArgs),
    /// Plan the recovery: targets, gaps, and the actions that close them, in phases.
    Roadmap(RoadmapArgs),
    /// Write the report a leader presents: one self-contained HTML file (or Markdown).
    Report(ReportArgs),
    /// Run the whole job on the bundled sample survey and write a report, a roadmap and scores.
    Demo {
        /// The folder to write into (created if needed).
        #[arg(short, long, value_name = "DIR", default_value = "itsm-demo")]
        output: PathBuf,
    },
    /// List the answers to open questions, scrubbed and tagged with themes, for coding in a
    /// spreadsheet; a question answered by too few people lists none.
    Comments(CommentsArgs),
    /// Show how a response file is understood: format, encoding, delimiter, what each column
    /// matched, answers not understood and questions with no column.
    Inspect(InspectArgs),
    /// Print a shell completion script.
    Completions {
        /// The shell.
        shell: clap_complete::Shell,
    },
    /// Print the manual page (roff), or write every page, one per command, into a folder.
    Man {
        /// Write itsm-assess.1 and a page per command (itsm-assess-score.1, ...) into this
        /// folder instead (created if needed).
        #[arg(long, value_name = "DIR")]
        dir: Option<PathBuf>,
    },
}

/// Options of every command that reads response files.
#[derive(Debug, Clone, Args)]
pub struct ReadArgs {
    /// Questionnaire: a built-in name (see `list`) or a path to a YAML file.
    #[arg(short, long, value_name = "Q", value_parser = QuestionnaireName, hide_possible_values = true)]
    pub questionnaire: String,
    /// Force the field delimiter instead of detecting it: ',', ';', '|' or 'tab'.
    #[arg(long, value_name = "CHAR", value_parser = values::delimiter)]
    pub delimiter: Option<u8>,
    /// Force the survey tool's layout instead of detecting it.
    #[arg(long, value_name = "FORMAT", value_parser = choice::<InputFormat>())]
    pub input_format: Option<InputFormat>,
    /// How many header rows a plain table has (a question in row 1 over its sub-questions in
    /// row 2: 2); survey tools' exports have their own.
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u8).range(1..=3))]
    pub header_rows: Option<u8>,
    /// The worksheet of an .xlsx workbook (default: the first).
    #[arg(long, value_name = "NAME")]
    pub sheet: Option<String>,
    /// A mapping file (YAML): column headers to question ids, answer labels to scale values.
    #[arg(long, value_name = "FILE")]
    pub mapping: Option<PathBuf>,
    /// Treat cells that are not valid answers as unanswered (and count them) instead of failing.
    #[arg(long)]
    pub skip_invalid: bool,
    /// Refuse a file in which a question has no column, or a column of answers matches no
    /// question (by default both are warnings).
    #[arg(long)]
    pub strict: bool,
    /// Show no progress bar (one is shown on a terminal when reading lasts over a second).
    #[arg(long)]
    pub quiet: bool,
}

/// Options of every command that scores responses.
#[derive(Debug, Clone, Args)]
pub struct AssessArgs {
    /// How to read the responses.
    #[command(flatten)]
    pub read: ReadArgs,
    /// A column to break the results down by (repeatable); `source` is the file's name.
    #[arg(short = 'g', long = "group-by", value_name = "COL")]
    pub group_by: Vec<String>,
    /// The smallest group shown on its own; smaller groups are suppressed.
    #[arg(long, value_name = "N", default_value_t = crate::scoring::DEFAULT_MIN_GROUP_SIZE, value_parser = values::min_group_size)]
    pub min_group_size: usize,
    /// The fewest answers to an open question for its comments to be shown (never below
    /// --min-group-size); below it only their number is given.
    #[arg(long, value_name = "N", default_value_t = crate::comments::DEFAULT_MIN_COMMENT_GROUP, value_parser = values::min_group_size)]
    pub min_comment_group: usize,
    /// A text file of words to remove from every comment (staff or system names), one a line,
    /// matched case-insensitively as whole words.
    #[arg(long, value_name = "FILE")]
    pub redact: Option<PathBuf>,
    /// Response files (CSV, text or .xlsx, as the survey tool exported them); rows are pooled.
    #[arg(required = true, value_name = "RESPONSES")]
    pub responses: Vec<PathBuf>,
    /// An earlier wave's scores.json to compare with (repeatable, oldest first; the change is
    /// measured against the last).
    #[arg(long, value_name = "FILE")]
    pub baseline: Vec<PathBuf>,
    /// What the ticket system's records say, beside the survey.
    #[command(flatten)]
    pub records: RecordArgs,
}

/// The ticket system's records and costs (see docs/evidence.md).
#[derive(Debug, Clone, Args)]
pub struct RecordArgs {
    /// Change records exported from the ticket system (CSV or .xlsx; repeatable, pooled).
    #[arg(long, value_name = "FILE")]
    pub changes: Vec<PathBuf>,
    /// Incident records exported from the ticket system (CSV or .xlsx; repeatable, pooled).
    #[arg(long, value_name = "FILE")]
    pub incidents: Vec<PathBuf>,
    /// Monthly cost and active users per service (CSV: service, monthly_cost, active_users,
    /// optional owner).
    #[arg(long, value_name = "FILE")]
    pub costs: Option<PathBuf>,
    /// An evidence mapping (YAML) for record exports the built-in field names do not cover.
    #[arg(long, value_name = "FILE")]
    pub evidence_mapping: Option<PathBuf>,
}

/// `itsm-assess score`.
#[derive(Debug, Clone, Args)]
pub struct ScoreArgs {
    /// What to score.
    #[command(flatten)]
    pub assess: AssessArgs,
    /// Output format (default: table on a terminal, json otherwise).
    #[arg(short, long, value_name = "FORMAT")]
    pub format: Option<ScoreFormat>,
    /// Output file ('-' or none: standard output).
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,
}

/// How to plan the roadmap.
#[derive(Debug, Clone, Args)]
pub struct PlanArgs {
    /// One target level for every domain: its number or its name (e.g. 3 or Defined).
    #[arg(long, value_name = "LEVEL", conflicts_with = "targets")]
    pub target: Option<String>,
    /// A YAML file of target levels per domain (domain id: level).
    #[arg(long, value_name = "FILE")]
    pub targets: Option<PathBuf>,
    /// Phase names, comma-separated (default: four phases over 18 months).
    #[arg(long, value_name = "NAMES")]
    pub phases: Option<String>,
    /// Month boundaries of the phases, comma-separated, one more than the phases (e.g. 0,3,6,12,18).
    #[arg(long, value_name = "MONTHS")]
    pub phase_months: Option<String>,
    /// Effort points per phase (small 1, medium 2, large 4); lower-priority work spills over.
    #[arg(long, value_name = "POINTS", value_parser = clap::value_parser!(u32).range(1..))]
    pub capacity: Option<u32>,
    /// A CSV of action statuses (id,status[,date], the roadmap CSV with its status column
    /// filled in, or a Jira export): done actions count as in place.
    #[arg(long, value_name = "FILE")]
    pub status: Option<PathBuf>,
}

/// `itsm-assess roadmap`.
#[derive(Debug, Clone, Args)]
pub struct RoadmapArgs {
    /// What to score.
    #[command(flatten)]
    pub assess: AssessArgs,
    /// How to plan.
    #[command(flatten)]
    pub plan: PlanArgs,
    /// Output format (default: table on a terminal, md otherwise).
    #[arg(short, long, value_name = "FORMAT")]
    pub format: Option<RoadmapFormat>,
    /// Output file ('-' or none: standard output).
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,
}

/// `itsm-assess report`.
#[derive(Debug, Clone, Args)]
pub struct ReportArgs {
    /// What to score.
    #[command(flatten)]
    pub assess: AssessArgs,
    /// How to plan.
    #[command(flatten)]
    pub plan: PlanArgs,
    /// The report's title (default: the questionnaire's title).
    #[arg(long, value_name = "TEXT")]
    pub title: Option<String>,
    /// The organisation assessed, for the cover.
    #[arg(long, value_name = "TEXT")]
    pub organisation: Option<String>,
    /// The report's date, YYYY-MM-DD (default: the latest response's, from a timestamp column;
    /// never the clock, so output is repeatable).
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = values::date)]
    pub date: Option<String>,
    /// A folder of templates that replace the built-in ones file by file.
    #[arg(long, value_name = "DIR")]
    pub templates: Option<PathBuf>,
    /// The group-by column whose groups the headline sets side by side (default: the first
    /// --group-by column).
    #[arg(long, value_name = "COL")]
    pub perspective: Option<String>,
    /// How many people were invited, for the response rate: N for everyone, COL=VALUE:N for one
    /// group of a --group-by column (repeatable).
    #[arg(long, value_name = "N|COL=VALUE:N", value_parser = parse_invited)]
    pub invited: Vec<Invited>,
    /// The paper the printed report is laid out for.
    #[arg(long, value_name = "SIZE", default_value = "a4", value_parser = choice::<Paper>())]
    pub paper: Paper,
    /// Below --min-group-size respondents in all, a warning page with no figures, not a refusal.
    #[arg(long)]
    pub allow_small: bool,
    /// Output format.
    #[arg(short, long, value_name = "FORMAT", default_value = "html", value_parser = choice::<ReportFormat>())]
    pub format: ReportFormat,
    /// Output file ('-' or none: standard output).
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,
}

/// `itsm-assess init`.
#[derive(Debug, Clone, Args)]
pub struct InitArgs {
    /// The folder to create (or an existing one without an assessment.yaml).
    #[arg(value_name = "DIR")]
    pub dir: PathBuf,
    /// Questionnaire: a built-in name, or a path (copied into the folder).
    #[arg(short, long, value_name = "Q", default_value = "danger-signs", value_parser = QuestionnaireName, hide_possible_values = true)]
    pub questionnaire: String,
    /// Fill the folder with the bundled sample survey and sample observations.
    #[arg(long)]
    pub sample: bool,
}

/// `itsm-assess run`: the engagement file, and flags that override what it says.
#[derive(Debug, Clone, Args)]
pub struct RunArgs {
    /// The engagement file (default: assessment.yaml in the current folder).
    #[arg(value_name = "FILE")]
    pub file: Option<PathBuf>,
    /// Questionnaire instead of the file's: a built-in name or a path.
    #[arg(short, long, value_name = "Q", value_parser = QuestionnaireName, hide_possible_values = true)]
    pub questionnaire: Option<String>,
    /// Response files instead of the file's (repeatable).
    #[arg(long = "responses", value_name = "FILE")]
    pub responses: Vec<PathBuf>,
    /// Group-by columns instead of the file's (repeatable).
    #[arg(short = 'g', long = "group-by", value_name = "COL")]
    pub group_by: Vec<String>,
    /// The smallest group shown on its own, instead of the file's.
    #[arg(long, value_name = "N", value_parser = values::min_group_size)]
    pub min_group_size: Option<usize>,
    /// A warning page, not a refusal, below the smallest group in all, whatever the file says.
    #[arg(long)]
    pub allow_small: bool,
    /// Refuse missing question columns and unmatched answer columns, whatever the file says.
    #[arg(long)]
    pub strict: bool,
    /// How to plan, instead of the file's settings.
    #[command(flatten)]
    pub plan: PlanArgs,
    /// The report's title instead of the file's.
    #[arg(long, value_name = "TEXT")]
    pub title: Option<String>,
    /// The organisation instead of the file's.
    #[arg(long, value_name = "TEXT")]
    pub organisation: Option<String>,
    /// The report's date instead of the file's, YYYY-MM-DD.
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = values::date)]
    pub date: Option<String>,
    /// The group-by column the headline is seen from, instead of the file's.
    #[arg(long, value_name = "COL")]
    pub perspective: Option<String>,
}

/// `itsm-assess comments`.
#[derive(Debug, Clone, Args)]
pub struct CommentsArgs {
    /// What to read.
    #[command(flatten)]
    pub assess: AssessArgs,
    /// Output format.
    #[arg(short, long, value_name = "FORMAT", default_value = "csv")]
    pub format: CommentsFormat,
    /// Output file ('-' or none: standard output).
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,
}

/// Output formats of `comments`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum CommentsFormat {
    /// One row per comment, for a spreadsheet (formula-safe).
    Csv,
    /// A document per question.
    Md,
    /// The machine interface (the `comments` field of `score -f json`).
    Json,
}

/// `itsm-assess inspect`.
#[derive(Debug, Clone, Args)]
pub struct InspectArgs {
    /// How to read the file.
    #[command(flatten)]
    pub read: ReadArgs,
    /// A column the results will be broken down by (repeatable): checked to be a column each
    /// file can be grouped by.
    #[arg(short = 'g', long = "group-by", value_name = "COL")]
    pub group_by: Vec<String>,
    /// Write a starter mapping file for the columns and labels not understood (one response
    /// file only; with --changes or --incidents: a starter evidence mapping).
    #[arg(long, value_name = "FILE")]
    pub write_mapping: Option<PathBuf>,
    /// Inspect a change records export instead of response files.
    #[arg(long, value_name = "FILE", conflicts_with_all = ["files", "incidents"])]
    pub changes: Option<PathBuf>,
    /// Inspect an incident records export instead of response files.
    #[arg(long, value_name = "FILE", conflicts_with = "files")]
    pub incidents: Option<PathBuf>,
    /// An evidence mapping (YAML) to read the records export with.
    #[arg(long, value_name = "FILE")]
    pub evidence_mapping: Option<PathBuf>,
    /// The response files, each shown in turn.
    #[arg(value_name = "FILE", required_unless_present_any = ["changes", "incidents"])]
    pub files: Vec<PathBuf>,
}

/// Output formats of `score`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ScoreFormat {
    /// A readable summary.
    Table,
    /// The machine interface.
    Json,
    /// One row per domain and per domain and group.
    Csv,
}

/// Output formats of `roadmap`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum RoadmapFormat {
    /// A readable plan for the terminal.
    Table,
    /// A document for a wiki.
    Md,
    /// One row per action, for a spreadsheet or tracker.
    Csv,
    /// The machine interface.
    Json,
}

/// A value parser for one of the library's named choices (layouts, report formats), with each
/// choice's help line: the library names its choices, the command line lists them.
fn choice<T: Choice>() -> impl TypedValueParser<Value = T> {
    PossibleValuesParser::new(
        T::ALL
            .iter()
            .map(|&c| PossibleValue::new(c.id()).help(c.help())),
    )
    .try_map(|name: String| T::from_id(&name).ok_or_else(|| format!("unknown value '{name}'")))
}

impl ReadArgs {
    /// Put these options into a job's settings.
    fn apply(&self, spec: &mut JobSpec) {
        spec.questionnaire.clone_from(&self.questionnaire);
        spec.delimiter = self.delimiter;
        spec.input_format = self.input_format;
        spec.header_rows = self.header_rows.map(usize::from);
        spec.sheet.clone_from(&self.sheet);
        spec.mapping.clone_from(&self.mapping);
        spec.skip_invalid = self.skip_invalid;
        spec.strict = self.strict;
        spec.quiet = self.quiet;
    }
}

impl AssessArgs {
    /// The job these options describe.
    pub fn spec(&self) -> JobSpec {
        let mut spec = JobSpec::default();
        self.read.apply(&mut spec);
        spec.responses = self
            .responses
            .iter()
            .map(|p| ResponseInput::from_arg(p))
            .collect();
        spec.group_by.clone_from(&self.group_by);
        spec.min_group_size = Some(self.min_group_size);
        spec.baselines.clone_from(&self.baseline);
        spec.min_comment_group = Some(self.min_comment_group);
        spec.redact.clone_from(&self.redact);
        let records = &self.records;
        spec.changes = records
            .changes
            .iter()
            .map(|p| ResponseInput::File(p.clone()))
            .collect();
        spec.incidents = records
            .incidents
            .iter()
            .map(|p| ResponseInput::File(p.clone()))
            .collect();
        spec.costs = records.costs.clone().map(ResponseInput::File);
        spec.evidence_mapping.clone_from(&records.evidence_mapping);
        spec
    }
}

impl PlanArgs {
    /// Put the options given into a job's settings, keeping the others as they are. A target
    /// level and a targets file replace each other.
    fn apply(&self, spec: &mut JobSpec) {
        if self.target.is_some() || self.targets.is_some() {
            spec.target.clone_from(&self.target);
            spec.targets.clone_from(&self.targets);
        }
        override_with(&mut spec.phases, &self.phases);
        override_with(&mut spec.phase_months, &self.phase_months);
        override_with(&mut spec.capacity, &self.capacity);
        override_with(&mut spec.status, &self.status);
    }
}

/// Replace a setting with a value given on the command line, if one was.
fn override_with<T: Clone>(setting: &mut Option<T>, given: &Option<T>) {
    if given.is_some() {
        setting.clone_from(given);
    }
}

impl RunArgs {
    /// The engagement file to read.
    pub fn file(&self) -> PathBuf {
        self.file
            .clone()
            .unwrap_or_else(|| PathBuf::from(crate::engagement::DEFAULT_FILE))
    }

    /// Override an engagement's settings with the flags given.
    pub fn apply(&self, spec: &mut JobSpec) {
        if let Some(q) = &self.questionnaire {
            spec.questionnaire.clone_from(q);
        }
        if !self.responses.is_empty() {
            spec.responses = self
                .responses
                .iter()
                .map(|p| ResponseInput::from_arg(p))
                .collect();
        }
        if !self.group_by.is_empty() {
            spec.group_by.clone_from(&self.group_by);
        }
        override_with(&mut spec.min_group_size, &self.min_group_size);
        spec.allow_small |= self.allow_small;
        spec.strict |= self.strict;
        self.plan.apply(spec);
        override_with(&mut spec.title, &self.title);
        override_with(&mut spec.organisation, &self.organisation);
        override_with(&mut spec.date, &self.date);
        override_with(&mut spec.perspective, &self.perspective);
    }
}

impl RoadmapArgs {
    /// The job these options describe.
    pub fn spec(&self) -> JobSpec {
        let mut spec = self.assess.spec();
        self.plan.apply(&mut spec);
        spec
    }
}

impl ReportArgs {
    /// The job these options describe.
    pub fn spec(&self) -> JobSpec {
        let mut spec = self.assess.spec();
        self.plan.apply(&mut spec);
        spec.title.clone_from(&self.title);
        spec.organisation.clone_from(&self.organisation);
        spec.date.clone_from(&self.date);
        spec.templates.clone_from(&self.templates);
        spec.perspective.clone_from(&self.perspective);
        spec.invited.clone_from(&self.invited);
        spec.paper = self.paper;
        spec.allow_small = self.allow_small;
        spec
    }
}

impl InspectArgs {
    /// The job these options describe: the files to inspect, read as `score` would.
    pub fn spec(&self) -> JobSpec {
        let mut spec = JobSpec::default();
        self.read.apply(&mut spec);
        spec.responses = self
            .files
            .iter()
            .map(|p| ResponseInput::from_arg(p))
            .collect();
        spec.group_by.clone_from(&self.group_by);
        spec.evidence_mapping.clone_from(&self.evidence_mapping);
        spec.changes = self
            .records()
            .map(ResponseInput::File)
            .into_iter()
            .collect();
        spec
    }

    /// The records export to inspect, if one was given instead of a response file.
    pub fn records(&self) -> Option<PathBuf> {
        self.changes.clone().or_else(|| self.incidents.clone())
    }
}

/// A questionnaire argument: any text (a built-in name or a path, checked when loaded), with the
/// built-in names offered to shell completion.
#[derive(Debug, Clone, Copy)]
struct QuestionnaireName;

impl TypedValueParser for QuestionnaireName {
    type Value = String;

    fn parse_ref(
        &self,
        cmd: &clap::Command,
        arg: Option<&clap::Arg>,
        value: &std::ffi::OsStr,
    ) -> Result<String, clap::Error> {
        clap::builder::StringValueParser::new().parse_ref(cmd, arg, value)
    }

    fn possible_values(&self) -> Option<Box<dyn Iterator<Item = PossibleValue> + '_>> {
        Some(Box::new(
            crate::questionnaire::BUILT_IN
                .iter()
                .map(|(name, _)| PossibleValue::new(*name)),
        ))
    }
}

/// How the command line names a setting in messages: its flag.
pub fn flag(setting: Setting) -> &'static str {
    match setting {
        Setting::InputFormat => "--input-format",
        Setting::HeaderRows => "--header-rows",
        Setting::Delimiter => "--delimiter",
        Setting::Sheet => "--sheet",
        Setting::Mapping => "--mapping",
        Setting::WriteMapping => "itsm-assess inspect --write-mapping <FILE>",
        Setting::SkipInvalid => "--skip-invalid",
        Setting::GroupBy => "--group-by",
        Setting::Templates => "--templates",
        Setting::Phases => "--phases",
        Setting::PhaseMonths => "--phase-months",
        Setting::Questionnaire => "-q",
        Setting::Strict => "--strict",
    }
}

fn parse_invited(s: &str) -> Result<Invited, String> {
    Invited::parse(s).map_err(|e| e.to_string())
}
