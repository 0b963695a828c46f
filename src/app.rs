//! The commands, as library functions: `main` parses the arguments and calls [`run`]. Each
//! command builds one [`Job`] from its arguments and runs the job's stages.

use crate::cli::{
    Cli, Command, InspectArgs, ReportArgs, RoadmapArgs, RoadmapFormat, ScoreArgs, ScoreFormat,
};
use crate::error::Problems;
use crate::export::{self, AssessmentExporter, Csv, Json, Markdown, PlanExporter, Table};
use crate::job::{Assessed, Job, JobSpec, ResponseInput};
use crate::output::{self, Destination};
use crate::questionnaire::{self, Questionnaire};
use crate::report::ReportFormat;
use crate::responses;
use crate::roadmap::Plan;
use anyhow::{Context, Result};
use clap::CommandFactory;
use std::fmt::Write as _;
use std::io::IsTerminal;
use std::path::Path;

/// Run one command line. Problems with the inputs come back as errors whose message names the
/// file and place; the caller prints them and exits with code 1.
pub fn run(cli: Cli) -> Result<()> {
    match cli.command {
        Command::List => print(&list()),
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
            let job = Job::build(JobSpec {
                questionnaire,
                ..JobSpec::default()
            })?;
            let dest = job.destination(output.as_deref())?;
            output::write(
                &dest,
                export::csv::response_template(&job.questionnaire)?.as_bytes(),
            )
        }
        Command::Score(args) => score(&args),
        Command::Roadmap(args) => roadmap(&args),
        Command::Report(args) => report(&args),
        Command::Demo { output } => demo(&output),
        Command::Inspect(args) => inspect(&args),
        Command::Completions { shell } => print(&completions(shell)),
        Command::Man => {
            let mut out = Vec::new();
            clap_mangen::Man::new(Cli::command()).render(&mut out)?;
            output::write(&Destination::Stdout, &out)
        }
    }
}

/// The completion script for a shell.
///
/// clap_complete's bash script names its states after the binary with `-` turned into `__`
/// (`itsm__assess__subcmd__score`) but matches them as `itsm__subcmd__assess__subcmd__score`
/// (its known trouble with hyphenated binary names), so nothing after a subcommand would
/// complete: the matches are renamed to the states.
pub fn completions(shell: clap_complete::Shell) -> String {
    let mut out = Vec::new();
    clap_complete::generate(shell, &mut Cli::command(), "itsm-assess", &mut out);
    let script = String::from_utf8_lossy(&out).into_owned();
    // A questionnaire is a built-in name or a file: offer the files too.
    let names = questionnaire::BUILT_IN
        .iter()
        .map(|(name, _)| *name)
        .collect::<Vec<_>>()
        .join(" ");
    match shell {
        clap_complete::Shell::Bash => script
            .replace("itsm__subcmd__assess", "itsm__assess")
            .replace(
                &format!("compgen -W \"{names}\" -- \"${{cur}}\"))"),
                &format!("compgen -W \"{names}\" -- \"${{cur}}\") $(compgen -f -- \"${{cur}}\"))"),
            ),
        clap_complete::Shell::Fish => {
            script
                .lines()
                .map(|line| {
                    if line.contains(" -l questionnaire ") {
                        line.replace(" -r -f -a ", " -r -a ")
                    } else {
                        line.to_string()
                    }
                })
                .collect::<Vec<_>>()
                .join("\n")
                + "\n"
        }
        _ => script,
    }
}

/// Write text to standard output through the writer that treats a closed pipe as success.
fn print(text: &str) -> Result<()> {
    output::write(&Destination::Stdout, text.as_bytes())
}

/// The text of `itsm-assess list`: each built-in questionnaire with its size.
pub fn list() -> String {
    let mut out = String::new();
    for (name, _) in questionnaire::BUILT_IN {
        match questionnaire::load(name) {
            Ok(q) => {
                let _ = writeln!(out, "{name:<16} {}", summary(&q));
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
    let mut valid = String::new();
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
                let _ = writeln!(valid, "{spec}: valid: {}", summary(&q));
                if let Some(warning) = midpoint_warning(&q) {
                    eprintln!("itsm-assess: warning: {spec}: {warning}");
                }
                seen.push((spec.clone(), q.id.clone()));
            }
            Err(Problems(mut problems)) => all.append(&mut problems),
        }
    }
    print(&valid)?;
    if all.is_empty() {
        Ok(())
    } else {
        Err(Problems(all).into())
    }
}

/// A warning when the questionnaire's levels rate indifference as maturity: everyone answering
/// the scale's midpoint (50% of the scale) would reach a level above 2.
pub fn midpoint_warning(q: &Questionnaire) -> Option<String> {
    let level = q.level_for(50.0);
    (level.level > 2).then(|| {
        format!(
            "its levels put the midpoint of the scale (50%, everyone answering neither agree nor disagree) at level {} {}; \
             indifference would read as maturity: start level 3 above 50% (see docs/statistics.md, Maturity levels)",
            level.level, level.name
        )
    })
}

fn summary(q: &Questionnaire) -> String {
    format!(
        "{} (version {}): {} domains, {} questions, {} actions, {} flags",
        q.title,
        q.version,
        q.domains.len(),
        q.question_count(),
        q.actions().count(),
        q.flags.len()
    )
}

/// Read and score a built job's responses; warnings go to standard error.
fn assess(job: Job) -> Result<(Job, Assessed)> {
    let assessed = job.assess()?;
    for warning in &assessed.summary.warnings {
        eprintln!("itsm-assess: warning: {}", output::terminal_safe(warning));
    }
    Ok((job, assessed))
}

/// Plan the recovery; the planner's notes go to standard error (the reader of the plan finds
/// them in its own notes, not as warnings on the board pages).
fn plan(job: &Job, assessed: &Assessed) -> Result<Plan> {
    let plan = job.plan(&assessed.assessment)?;
    for note in &plan.warnings {
        eprintln!("itsm-assess: note: {}", output::terminal_safe(note));
    }
    Ok(plan)
}

/// The format to write when none is asked for: the readable one on a terminal.
fn on_terminal<F>(dest: &Destination, readable: F, otherwise: F) -> F {
    if *dest == Destination::Stdout && std::io::stdout().is_terminal() {
        readable
    } else {
        otherwise
    }
}

fn score(args: &ScoreArgs) -> Result<()> {
    let job = Job::build(args.assess.spec())?;
    let dest = job.destination(args.output.as_deref())?;
    let (_, assessed) = assess(job)?;
    let format = args
        .format
        .unwrap_or_else(|| on_terminal(&dest, ScoreFormat::Table, ScoreFormat::Json));
    let a = &assessed.assessment;
    let text = match format {
        ScoreFormat::Table => Table.assessment(a)?,
        ScoreFormat::Json => Json.assessment(a)?,
        ScoreFormat::Csv => Csv.assessment(a)?,
    };
    output::write(&dest, text.as_bytes())
}

fn roadmap(args: &RoadmapArgs) -> Result<()> {
    let job = Job::build(args.spec())?;
    let dest = job.destination(args.output.as_deref())?;
    let (job, assessed) = assess(job)?;
    let plan = plan(&job, &assessed)?;
    let format = args
        .format
        .unwrap_or_else(|| on_terminal(&dest, RoadmapFormat::Table, RoadmapFormat::Md));
    let q = &job.questionnaire;
    let text = match format {
        RoadmapFormat::Table => Table.plan(&plan, q)?,
        RoadmapFormat::Md => Markdown.plan(&plan, q)?,
        RoadmapFormat::Csv => Csv.plan(&plan, q)?,
        RoadmapFormat::Json => Json.plan(&plan, q)?,
    };
    output::write(&dest, text.as_bytes())
}

fn report(args: &ReportArgs) -> Result<()> {
    let job = Job::build(args.spec())?;
    let dest = job.destination(Some(&args.output))?;
    let (job, assessed) = assess(job)?;
    let plan = plan(&job, &assessed)?;
    let text = job.render_report(args.format, &assessed, &plan)?;
    output::write(&dest, text.as_bytes())
}

fn inspect(args: &InspectArgs) -> Result<()> {
    let job = Job::build(args.spec())?;
    let write_to = match &args.write_mapping {
        Some(path) => Some(job.destination(Some(path))?),
        None => None,
    };
    let Some(path) = &args.file else {
        let records = args.records().unwrap_or_default();
        return crate::evidence::inspect::run(&job, &records, write_to.as_ref());
    };
    let file = ResponseInput::from_arg(path).open();
    let report = responses::inspect(file, &job.questionnaire, &job.read)?;
    if let Some(dest) = write_to {
        output::write(&dest, responses::starter_mapping(&report).as_bytes())?;
        if let Destination::File(path) = &dest {
            eprintln!("itsm-assess: wrote a starter mapping to {}", path.display());
        }
    }
    print(&report.to_string())
}

/// The bundled sample survey the demo scores: a fictional organisation's danger-signs survey.
pub const DEMO_RESPONSES: &str = include_str!("../sample-data/danger-signs.csv");

/// The sample organisation's change records (made by `examples/make_records.rs`).
pub const DEMO_CHANGES: &str = include_str!("../sample-data/records/changes.csv");

/// The sample organisation's incident records, an event log.
pub const DEMO_INCIDENTS: &str = include_str!("../sample-data/records/incidents.csv");

/// The demo's fixed report date (the sample survey's closing date), so its output is repeatable.
pub const DEMO_DATE: &str = "2026-10-30";

/// The fictional organisation of the sample survey.
pub const DEMO_ORGANISATION: &str = "Northfield Freight (fictional sample data)";

/// The demo's effort points per phase (`--capacity`): what a mid-sized IT organisation can take
/// on beside its daily work, so that the roadmap spreads over the phases.
pub const DEMO_CAPACITY: u32 = 8;

/// The demo's job: the bundled sample survey, grouped by role, read from memory.
pub fn demo_spec() -> JobSpec {
    JobSpec {
        questionnaire: "danger-signs".into(),
        responses: vec![ResponseInput::Embedded {
            name: "danger-signs.csv".into(),
            data: DEMO_RESPONSES.as_bytes(),
        }],
        group_by: vec!["role".into()],
        capacity: Some(DEMO_CAPACITY),
        title: Some("ITSM danger signs assessment".into()),
        organisation: Some(DEMO_ORGANISATION.into()),
        date: Some(DEMO_DATE.into()),
        ..JobSpec::default()
    }
}

/// The demo's job with the sample organisation's ticket records beside the survey (no costs
/// file: that the cost per user cannot be produced is the finding).
pub fn demo_records_spec() -> JobSpec {
    JobSpec {
        changes: vec![ResponseInput::Embedded {
            name: "records/changes.csv".into(),
            data: DEMO_CHANGES.as_bytes(),
        }],
        incidents: vec![ResponseInput::Embedded {
            name: "records/incidents.csv".into(),
            data: DEMO_INCIDENTS.as_bytes(),
        }],
        ..demo_spec()
    }
}

/// Run the whole job on the bundled sample data: write `report.html`, `roadmap.csv` and
/// `scores.json` into `dir`, and `report-with-records.html` with the sample ticket records
/// beside the survey, and say where they are.
fn demo(dir: &Path) -> Result<()> {
    let (job, assessed) = assess(Job::build(demo_spec())?)?;
    let plan = job.plan(&assessed.assessment)?;
    let html = job.render_report(ReportFormat::Html, &assessed, &plan)?;
    let (with_records, evidenced) = assess(Job::build(demo_records_spec())?)?;
    let records_plan = with_records.plan(&evidenced.assessment)?;
    let records_html = with_records.render_report(ReportFormat::Html, &evidenced, &records_plan)?;
    let files = [
        ("report.html", html),
        ("report-with-records.html", records_html),
        ("roadmap.csv", Csv.plan(&plan, &job.questionnaire)?),
        ("scores.json", Json.assessment(&assessed.assessment)?),
    ];
    std::fs::create_dir_all(dir)
        .with_context(|| format!("{}: cannot create the output folder", dir.display()))?;
    let mut said = format!(
        "Scored {} sample responses and wrote:\n",
        assessed.assessment.respondents.scored
    );
    for (name, text) in &files {
        let path = dir.join(name);
        output::write(&Destination::File(path.clone()), text.as_bytes())?;
        let _ = writeln!(said, "  {}", path.display());
    }
    print(&said)
}
