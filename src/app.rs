//! The commands, as library functions: `main` parses the arguments and calls [`run`].

use crate::cli::{
    AssessArgs, Cli, Command, InspectArgs, PlanArgs, ReadArgs, ReportArgs, RoadmapArgs,
    RoadmapFormat, ScoreArgs, ScoreFormat,
};
use crate::error::Problems;
use crate::output::{self, Destination};
use crate::pipeline;
use crate::questionnaire::{self, Questionnaire};
use crate::report::{self, ReportMeta, Templates};
use crate::responses::{self, ReadOptions, Source};
use crate::roadmap::{self, PlanOptions, Targets};
use crate::scoring;
use anyhow::{Context, Result};
use clap::CommandFactory;
use std::fmt::Write as _;
use std::io::IsTerminal;
use std::path::{Path, PathBuf};

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
            let inputs: Vec<PathBuf> = questionnaire_file(&questionnaire).into_iter().collect();
            let dest = destination(output.as_deref(), &inputs)?;
            let q = questionnaire::load(&questionnaire)?;
            output::write(&dest, template_csv(&q).as_bytes())
        }
        Command::Score(args) => score(&args),
        Command::Roadmap(args) => roadmap(&args),
        Command::Report(args) => report(&args),
        Command::Demo { output } => demo(&output),
        Command::Inspect(args) => inspect(&args),
        Command::Completions { shell } => {
            let mut out = Vec::new();
            clap_complete::generate(shell, &mut Cli::command(), "itsm-assess", &mut out);
            output::write(&Destination::Stdout, &out)
        }
        Command::Man => {
            let mut out = Vec::new();
            clap_mangen::Man::new(Cli::command()).render(&mut out)?;
            output::write(&Destination::Stdout, &out)
        }
    }
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
        "{} (version {}): {} domains, {} questions, {} actions, {} flags",
        q.title,
        q.version,
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

/// The read options of a command line.
fn read_options(args: &ReadArgs, group_by: &[String]) -> Result<ReadOptions> {
    Ok(ReadOptions {
        delimiter: args.delimiter,
        input_format: args.input_format,
        sheet: args.sheet.clone(),
        skip_invalid: args.skip_invalid,
        mapping: match &args.mapping {
            Some(path) => Some(responses::load_mapping(path)?),
            None => None,
        },
        group_by: group_by.to_vec(),
    })
}

/// The file a `-q` argument reads, unless it names a built-in questionnaire.
fn questionnaire_file(spec: &str) -> Option<PathBuf> {
    questionnaire::built_in(spec)
        .is_none()
        .then(|| PathBuf::from(spec))
}

/// Every file a command reads, so that no output may overwrite one of them.
fn inputs(read: &ReadArgs, responses: &[PathBuf], extra: &[Option<&PathBuf>]) -> Vec<PathBuf> {
    let mut all: Vec<PathBuf> = responses.to_vec();
    all.extend(questionnaire_file(&read.questionnaire));
    all.extend(read.mapping.iter().cloned());
    all.extend(extra.iter().flatten().map(|p| (*p).clone()));
    all
}

/// The destination of `-o`, refused when it is one of the inputs.
fn destination(output: Option<&Path>, inputs: &[PathBuf]) -> Result<Destination> {
    let dest = Destination::from_arg(output);
    if let Destination::File(path) = &dest {
        output::refuse_overwriting_inputs(path, inputs)?;
    }
    Ok(dest)
}

/// Load the questionnaire, read and score the responses.
/// Load the questionnaire, read and score the responses; warnings go to standard error.
fn assess(args: &AssessArgs) -> Result<(Questionnaire, pipeline::Assessed)> {
    let q = questionnaire::load(&args.read.questionnaire)?;
    let read = read_options(&args.read, &args.group_by)?;
    let sources = Source::from_args(&args.responses)?;
    let assessed = pipeline::assess(&q, sources, &read, args.min_group_size)?;
    for warning in &assessed.summary.warnings {
        eprintln!("itsm-assess: warning: {warning}");
    }
    Ok((q, assessed))
}

fn plan_options(args: &PlanArgs, q: &Questionnaire) -> Result<PlanOptions> {
    let targets = match (&args.targets, args.target) {
        (Some(path), _) => Targets::PerDomain(roadmap::load_targets(path, q)?),
        (None, Some(level)) => Targets::All(level),
        (None, None) => Targets::Default,
    };
    Ok(PlanOptions {
        targets,
        phases: roadmap::parse_phases(args.phases.as_deref(), args.phase_months.as_deref())?,
        capacity: args.capacity,
    })
}

fn score(args: &ScoreArgs) -> Result<()> {
    let dest = destination(
        args.output.as_deref(),
        &inputs(&args.assess.read, &args.assess.responses, &[]),
    )?;
    let (_, pipeline::Assessed { assessment, .. }) = assess(&args.assess)?;
    let format = args.format.unwrap_or(
        if dest == Destination::Stdout && std::io::stdout().is_terminal() {
            ScoreFormat::Table
        } else {
            ScoreFormat::Json
        },
    );
    let text = match format {
        ScoreFormat::Table => scoring::export::to_table(&assessment),
        ScoreFormat::Json => scoring::export::to_json(&assessment),
        ScoreFormat::Csv => scoring::export::to_csv(&assessment),
    };
    output::write(&dest, text.as_bytes())
}

fn roadmap(args: &RoadmapArgs) -> Result<()> {
    let dest = destination(
        args.output.as_deref(),
        &inputs(
            &args.assess.read,
            &args.assess.responses,
            &[args.plan.targets.as_ref()],
        ),
    )?;
    let (q, pipeline::Assessed { assessment, .. }) = assess(&args.assess)?;
    let plan = pipeline::plan(&q, &assessment, &plan_options(&args.plan, &q)?)?;
    let format = args.format.unwrap_or(
        if dest == Destination::Stdout && std::io::stdout().is_terminal() {
            RoadmapFormat::Table
        } else {
            RoadmapFormat::Md
        },
    );
    let text = match format {
        RoadmapFormat::Table => roadmap::export::to_table(&plan),
        RoadmapFormat::Md => roadmap::export::to_markdown(&plan, &q),
        RoadmapFormat::Csv => roadmap::export::to_csv(&plan),
        RoadmapFormat::Json => roadmap::export::to_json(&plan),
    };
    output::write(&dest, text.as_bytes())
}

fn report(args: &ReportArgs) -> Result<()> {
    let mut read = inputs(
        &args.assess.read,
        &args.assess.responses,
        &[args.plan.targets.as_ref()],
    );
    // The template overrides are inputs too.
    read.extend(args.templates.iter().flat_map(|dir| {
        report::templates::TEMPLATE_FILES
            .iter()
            .map(move |(name, _)| dir.join(name))
    }));
    let dest = destination(Some(&args.output), &read)?;
    let templates = Templates::load(args.templates.as_deref())?;
    let (q, assessed) = assess(&args.assess)?;
    let assessment = assessed.assessment;
    let plan = pipeline::plan(&q, &assessment, &plan_options(&args.plan, &q)?)?;
    // The date is given, or read from the data (never the clock, so output is repeatable).
    let date = args.date.clone().or_else(|| {
        assessed
            .latest_date
            .map(|d| format!("{d} (date of the latest response)"))
    });
    let meta = ReportMeta {
        title: args.title.clone().unwrap_or_else(|| q.title.clone()),
        organisation: args.organisation.clone(),
        date,
    };
    let text = report::render(&templates, args.format, &q, &assessment, &plan, &meta)?;
    output::write(&dest, text.as_bytes())
}

fn inspect(args: &InspectArgs) -> Result<()> {
    let q = questionnaire::load(&args.read.questionnaire)?;
    let read = read_options(&args.read, &[])?;
    let report = responses::inspect(Source::from_arg(&args.file), &q, &read)?;
    if let Some(path) = &args.write_mapping {
        output::refuse_overwriting_inputs(
            path,
            &inputs(&args.read, std::slice::from_ref(&args.file), &[]),
        )?;
        output::write(
            &Destination::File(path.clone()),
            responses::starter_mapping(&report).as_bytes(),
        )?;
        eprintln!("itsm-assess: wrote a starter mapping to {}", path.display());
    }
    output::write(&Destination::Stdout, report.to_string().as_bytes())
}

/// The bundled sample survey the demo scores: a fictional organisation's danger-signs survey.
pub const DEMO_RESPONSES: &str = include_str!("../sample-data/danger-signs.csv");

/// The demo's fixed report date (the sample survey's closing date), so its output is repeatable.
pub const DEMO_DATE: &str = "2026-10-30";

/// The fictional organisation of the sample survey.
pub const DEMO_ORGANISATION: &str = "Northfield Freight (fictional sample data)";

/// The demo's effort points per phase (`--capacity`): what a mid-sized IT organisation can take
/// on beside its daily work, so that the roadmap spreads over the phases.
pub const DEMO_CAPACITY: u32 = 8;

/// Run the whole job on the bundled sample data: write `report.html`, `roadmap.csv` and
/// `scores.json` into `dir` and say where they are.
fn demo(dir: &Path) -> Result<()> {
    std::fs::create_dir_all(dir)
        .with_context(|| format!("{}: cannot create the output folder", dir.display()))?;
    let q = questionnaire::load("danger-signs")?;
    let read = ReadOptions {
        group_by: vec!["role".into()],
        ..ReadOptions::default()
    };
    let responses = Source::from_reader("danger-signs.csv", DEMO_RESPONSES.as_bytes());
    let assessment =
        pipeline::assess(&q, vec![responses], &read, scoring::DEFAULT_MIN_GROUP_SIZE)?.assessment;
    let plan_options = PlanOptions {
        capacity: Some(DEMO_CAPACITY),
        ..PlanOptions::default()
    };
    let plan = pipeline::plan(&q, &assessment, &plan_options)?;
    let meta = ReportMeta {
        title: "ITSM danger signs assessment".into(),
        organisation: Some(DEMO_ORGANISATION.into()),
        date: Some(DEMO_DATE.into()),
    };
    let html = report::render(
        &Templates::load(None)?,
        report::ReportFormat::Html,
        &q,
        &assessment,
        &plan,
        &meta,
    )?;
    let files = [
        ("report.html", html),
        ("roadmap.csv", roadmap::export::to_csv(&plan)),
        ("scores.json", scoring::export::to_json(&assessment)),
    ];
    for (name, text) in &files {
        output::write(&Destination::File(dir.join(name)), text.as_bytes())?;
    }
    println!(
        "Scored {} sample responses and wrote:",
        assessment.respondents.scored
    );
    for (name, _) in &files {
        println!("  {}", dir.join(name).display());
    }
    Ok(())
}
