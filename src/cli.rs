//! The command line: clap derive, with doc comments as the help text.

use crate::choice::Choice;
use crate::error::Setting;
use crate::job::{JobSpec, ResponseInput};
use crate::report::{Invited, Paper, ReportFormat};
use crate::responses::InputFormat;
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
        /// Output file ('-' or none: standard output).
        #[arg(short, long, value_name = "FILE")]
        output: Option<PathBuf>,
    },
    /// Write a blank response CSV for a questionnaire: a role column, then one column per question.
    Template {
        /// Questionnaire: a built-in name or a path.
        #[arg(short, long, value_name = "Q", value_parser = QuestionnaireName, hide_possible_values = true)]
        questionnaire: String,
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
    /// Show how a response file is understood: format, encoding, delimiter, what each column
    /// matched, answers not understood and questions with no column.
    Inspect(InspectArgs),
    /// Print a shell completion script.
    Completions {
        /// The shell.
        shell: clap_complete::Shell,
    },
    /// Print the manual page (roff).
    Man,
}

/// Options of every command that reads response files.
#[derive(Debug, Clone, Args)]
pub struct ReadArgs {
    /// Questionnaire: a built-in name (see `list`) or a path to a YAML file.
    #[arg(short, long, value_name = "Q", value_parser = QuestionnaireName, hide_possible_values = true)]
    pub questionnaire: String,
    /// Force the field delimiter instead of detecting it: ',', ';', '|' or 'tab'.
    #[arg(long, value_name = "CHAR", value_parser = parse_delimiter)]
    pub delimiter: Option<u8>,
    /// Force the survey tool's layout instead of detecting it.
    #[arg(long, value_name = "FORMAT", value_parser = choice::<InputFormat>())]
    pub input_format: Option<InputFormat>,
    /// The worksheet of an .xlsx workbook (default: the first).
    #[arg(long, value_name = "NAME")]
    pub sheet: Option<String>,
    /// A mapping file (YAML): column headers to question ids, answer labels to scale values.
    #[arg(long, value_name = "FILE")]
    pub mapping: Option<PathBuf>,
    /// Treat cells that are not valid answers as unanswered (and count them) instead of failing.
    #[arg(long)]
    pub skip_invalid: bool,
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
    #[arg(long, value_name = "N", default_value_t = crate::scoring::DEFAULT_MIN_GROUP_SIZE, value_parser = parse_min_group_size)]
    pub min_group_size: usize,
    /// Response files (CSV, text or .xlsx, as the survey tool exported them); rows are pooled.
    #[arg(required = true, value_name = "RESPONSES")]
    pub responses: Vec<PathBuf>,
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
    /// One target level for every domain.
    #[arg(long, value_name = "LEVEL", conflicts_with = "targets")]
    pub target: Option<u32>,
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
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = parse_date)]
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
    /// Output format.
    #[arg(short, long, value_name = "FORMAT", default_value = "html", value_parser = choice::<ReportFormat>())]
    pub format: ReportFormat,
    /// Output file.
    #[arg(short, long, value_name = "FILE")]
    pub output: PathBuf,
}

/// `itsm-assess inspect`.
#[derive(Debug, Clone, Args)]
pub struct InspectArgs {
    /// How to read the file.
    #[command(flatten)]
    pub read: ReadArgs,
    /// Write a starter mapping file for the columns and labels not understood.
    #[arg(long, value_name = "FILE")]
    pub write_mapping: Option<PathBuf>,
    /// The response file.
    #[arg(value_name = "FILE")]
    pub file: PathBuf,
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
        spec.sheet.clone_from(&self.sheet);
        spec.mapping.clone_from(&self.mapping);
        spec.skip_invalid = self.skip_invalid;
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
        spec
    }
}

impl PlanArgs {
    /// Put these options into a job's settings.
    fn apply(&self, spec: &mut JobSpec) {
        spec.target = self.target;
        spec.targets.clone_from(&self.targets);
        spec.phases.clone_from(&self.phases);
        spec.phase_months.clone_from(&self.phase_months);
        spec.capacity = self.capacity;
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
        spec
    }
}

impl InspectArgs {
    /// The job these options describe: the one file to inspect, read as `score` would.
    pub fn spec(&self) -> JobSpec {
        let mut spec = JobSpec::default();
        self.read.apply(&mut spec);
        spec.responses = vec![ResponseInput::from_arg(&self.file)];
        spec
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
        Setting::Delimiter => "--delimiter",
        Setting::Sheet => "--sheet",
        Setting::Mapping => "--mapping",
        Setting::WriteMapping => "itsm-assess inspect --write-mapping",
        Setting::SkipInvalid => "--skip-invalid",
        Setting::GroupBy => "--group-by",
        Setting::Templates => "--templates",
        Setting::Phases => "--phases",
        Setting::PhaseMonths => "--phase-months",
    }
}

fn parse_delimiter(s: &str) -> Result<u8, String> {
    match s {
        "," => Ok(b','),
        ";" => Ok(b';'),
        "tab" | "\\t" | "\t" => Ok(b'\t'),
        "|" => Ok(b'|'),
        _ => Err("expected ',', ';', '|' or 'tab'".into()),
    }
}

fn parse_date(s: &str) -> Result<String, String> {
    // A real calendar date (2026-02-31 is not one), written as given.
    match s.parse::<jiff::civil::Date>() {
        Ok(_) if s.len() == 10 => Ok(s.to_string()),
        _ => Err("expected a date as YYYY-MM-DD".into()),
    }
}

fn parse_invited(s: &str) -> Result<Invited, String> {
    Invited::parse(s).map_err(|e| e.to_string())
}

fn parse_min_group_size(s: &str) -> Result<usize, String> {
    match s.parse::<usize>() {
        Ok(n) if n >= crate::scoring::LOWEST_MIN_GROUP_SIZE => Ok(n),
        _ => Err(format!(
            "expected a whole number of at least {} (the lowest threshold survey platforms allow: in a group of two, each person knows the other's answers)",
            crate::scoring::LOWEST_MIN_GROUP_SIZE
        )),
    }
}
