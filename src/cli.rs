//! The command line: clap derive, with doc comments as the help text.

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
        #[arg(short, long, value_name = "Q")]
        questionnaire: String,
        /// Output file ('-' or none: standard output).
        #[arg(short, long, value_name = "FILE")]
        output: Option<PathBuf>,
    },
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

/// Options shared by every command that reads responses.
#[derive(Debug, Clone, Args)]
pub struct InputArgs {
    /// Questionnaire: a built-in name (see `list`) or a path to a YAML file.
    #[arg(short, long, value_name = "Q")]
    pub questionnaire: String,
    /// Response files (CSV or a survey tool's export); their rows are pooled.
    #[arg(required = true, value_name = "RESPONSES")]
    pub responses: Vec<PathBuf>,
}
