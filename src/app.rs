//! The commands, as library functions: `main` parses the arguments and calls [`run`].

use crate::cli::{Cli, Command};
use crate::error::Problems;
use crate::output::{self, Destination};
use crate::questionnaire::{self, Questionnaire};
use anyhow::Result;
use std::fmt::Write as _;

/// Run one command line. Problems with the inputs come back as errors whose message names the
/// file and place; the caller prints them and exits with code 1.
pub fn run(cli: Cli) -> Result<()> {
    match cli.command {
        Command::List => output::write(&Destination::Stdout, list().as_bytes()),
        Command::Validate { questionnaires } => validate(&questionnaires),
        Command::Schema { output } => {
            let mut text = serde_json::to_string_pretty(&questionnaire::json_schema())?;
            text.push('\n');
            output::write(&Destination::from_arg(output.as_deref()), text.as_bytes())
        }
        Command::Template {
            questionnaire,
            output,
        } => {
            let q = questionnaire::load(&questionnaire)?;
            output::write(
                &Destination::from_arg(output.as_deref()),
                template_csv(&q).as_bytes(),
            )
        }
    }
}

/// The text of `itsm-assess list`: each built-in questionnaire with its size.
pub fn list() -> String {
    let mut out = String::new();
    for (name, _) in questionnaire::BUILT_IN {
        match questionnaire::load(name) {
            Ok(q) => {
                let _ = writeln!(
                    out,
                    "{name:<16} {} (version {}): {} domains, {} questions, {} actions, {} flags",
                    q.title,
                    q.version,
                    q.domains.len(),
                    q.question_count(),
                    q.actions().count(),
                    q.flags.len()
                );
            }
            Err(e) => {
                let _ = writeln!(out, "{name:<16} INVALID: {e}");
            }
        }
    }
    out
}

/// Validate each questionnaire, printing a line for each valid one and every problem of each
/// invalid one. Fails when any is invalid.
fn validate(specs: &[String]) -> Result<()> {
    let mut all = Vec::new();
    let mut seen: Vec<(String, String)> = Vec::new();
    for spec in specs {
        match questionnaire::load(spec) {
            Ok(q) => {
                if let Some((other, _)) = seen.iter().find(|(_, id)| *id == q.id) {
                    all.push(crate::error::Problem::file(
                        spec,
                        format!(
                            "questionnaire id '{}' is also the id of {other}; ids must differ",
                            q.id
                        ),
                    ));
                    continue;
                }
                println!("{spec}: valid: {}", summary(&q));
                seen.push((spec.clone(), q.id.clone()));
            }
            Err(Problems(mut problems)) => all.append(&mut problems),
        }
    }
    if all.is_empty() {
        Ok(())
    } else {
        Err(Problems(all).into())
    }
}

fn summary(q: &Questionnaire) -> String {
    format!(
        "{} ({} domains, {} questions, {} actions, {} flags)",
        q.title,
        q.domains.len(),
        q.question_count(),
        q.actions().count(),
        q.flags.len()
    )
}

/// A blank response CSV for a questionnaire: a `role` column for grouping, then one column per
/// question id in questionnaire order. `score` accepts it as is.
pub fn template_csv(q: &Questionnaire) -> String {
    let mut w = csv::Writer::from_writer(Vec::new());
    let mut header = vec!["role"];
    header.extend(q.questions().map(|(_, question)| question.id.as_str()));
    // Writing to memory cannot fail.
    let _ = w.write_record(&header);
    String::from_utf8(w.into_inner().unwrap_or_default()).unwrap_or_default()
}
