//! The commands, as library functions: `main` parses the arguments and calls [`run`]. Each
//! command builds one [`Job`] from its arguments and runs the job's stages.

use crate::cli::{
    Cli, Command, CommentsArgs, CommentsFormat, InitArgs, InspectArgs, ReportArgs, RoadmapArgs,
    RoadmapFormat, ScoreArgs, ScoreFormat,
};
use crate::engagement::{self, Engagement, InitOptions};
use crate::error::Problems;
use crate::export::{
    AssessmentExporter, CommentsExporter, Csv, Json, Markdown, PlanExporter, Table,
};
use crate::job::{Assessed, Job, JobSpec};
use crate::output::{self, Destination};
use crate::questionnaire::{self, Questionnaire};
use crate::responses;
use crate::roadmap::Plan;
use crate::template::TemplateFormat;
use anyhow::{Context, Result};
use clap::CommandFactory;
use std::fmt::Write as _;
use std::io::IsTerminal;
use std::path::{Path, PathBuf};

/// Run one command line. Problems with the inputs come back as errors whose message names the
/// file and place; the caller prints them and exits with code 1.
pub fn run(cli: Cli) -> Result<()> {
    match cli.command {
        Command::List => print(&list()),
        Command::Validate { questionnaires } => validate(&questionnaires),
        Command::Schema { engagement, output } => {
            let schema = if engagement {
                engagement::json_schema()
            } else {
                questionnaire::json_schema()
            };
            let mut text = serde_json::to_string_pretty(&schema)?;
            text.push('\n');
            output::write(&Destination::from_arg(output.as_deref()), text.as_bytes())
        }
        Command::Template {
            questionnaire,
            format,
            output,
        } => {
            let job = Job::build(JobSpec {
                questionnaire,
                ..JobSpec::default()
            })?;
            let dest = job.destination(output.as_deref())?;
            let format = TemplateFormat::choose(format, output.as_deref());
            format.check_destination(&dest)?;
            output::write(&dest, &format.write(&job.questionnaire)?)
        }
        Command::Score(args) => score(&args),
        Command::Roadmap(args) => roadmap(&args),
        Command::Report(args) => report(&args),
        Command::Demo { output } => demo(&output),
        Command::Init(args) => init(&args),
        Command::Run(args) => {
            let file = args.file();
            let mut e = engagement::load(&file)?;
            args.apply(&mut e.spec);
            let (count, written) = run_engagement(e)?;
            print(&wrote(&format!("Scored {count} responses"), &written))
        }
        Command::Comments(args) => comments(&args),
        Command::Inspect(args) => inspect(&args),
        Command::Completions { shell } => print(&completions(shell)),
        Command::Man { dir } => {
            let pages = crate::manpages::pages(Cli::command())?;
            match dir {
                None => output::write(&Destination::Stdout, &pages[0].1),
                Some(dir) => {
                    std::fs::create_dir_all(&dir)
                        .with_context(|| format!("{}: cannot create the folder", dir.display()))?;
                    let mut written = Vec::new();
                    for (name, text) in &pages {
                        let path = dir.join(name);
                        output::write(&Destination::File(path.clone()), text)?;
                        written.push(path);
                    }
                    print(&wrote(&format!("{} manual pages", pages.len()), &written))
                }
            }
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

/// Warn on standard error when fewer respondents than the smallest group were scored: the
/// figures still written are so few people's answers (the report refuses them instead).
fn warn_if_too_few(assessed: &Assessed) {
    if let Some(few) = crate::report::small::too_few(&assessed.assessment) {
        eprintln!("itsm-assess: warning: {}", few.warning());
    }
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
    warn_if_too_few(&assessed);
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
    warn_if_too_few(&assessed);
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
    let dest = job.destination(args.output.as_deref())?;
    let (job, assessed) = assess(job)?;
    let plan = plan(&job, &assessed)?;
    let text = job.render_report(args.format, &assessed, &plan)?;
    output::write(&dest, text.as_bytes())
}

fn comments(args: &CommentsArgs) -> Result<()> {
    let job = Job::build(args.assess.spec())?;
    let dest = job.destination(args.output.as_deref())?;
    let (_, assessed) = assess(job)?;
    let c = &assessed.comments;
    let text = match args.format {
        CommentsFormat::Csv => Csv.comments(c)?,
        CommentsFormat::Md => Markdown.comments(c)?,
        CommentsFormat::Json => Json.comments(c)?,
    };
    output::write(&dest, text.as_bytes())
}

fn inspect(args: &InspectArgs) -> Result<()> {
    let job = Job::build(args.spec())?;
    let write_to = match &args.write_mapping {
        Some(_) if job.responses.len() > 1 => anyhow::bail!(
            "--write-mapping writes the mapping of one response file; give one file with it"
        ),
        Some(path) => Some(job.destination(Some(path))?),
        None => None,
    };
    if args.files.is_empty() {
        let records = args.records().unwrap_or_default();
        return crate::evidence::inspect::run(&job, &records, write_to.as_ref());
    }
    let mut text = String::new();
    for input in &job.responses {
        let report = responses::inspect(input.open(), &job.questionnaire, &job.read)?;
        if let Some(dest) = &write_to {
            output::write(dest, responses::starter_mapping(&report).as_bytes())?;
            if let Destination::File(path) = dest {
                eprintln!("itsm-assess: wrote a starter mapping to {}", path.display());
            }
        }
        if !text.is_empty() {
            text.push('\n');
        }
        text.push_str(&report.to_string());
    }
    print(&text)
}

/// Run an engagement: build its job, score, plan, and write every output it names (each
/// refused when it would overwrite an input). Gives the responses scored and the files written.
pub fn run_engagement(e: Engagement) -> Result<(u64, Vec<PathBuf>)> {
    engagement::check_outputs(&e.outputs)?;
    let job = Job::build(e.spec)?;
    let dests = e
        .outputs
        .iter()
        .map(|o| job.destination(Some(&o.path)))
        .collect::<Result<Vec<_>>>()?;
    let (job, assessed) = assess(job)?;
    warn_if_too_few(&assessed);
    let plan = plan(&job, &assessed)?;
    let mut written = Vec::new();
    for (o, dest) in e.outputs.iter().zip(dests) {
        let text = engagement::render(o.kind, &job, &assessed, &plan)?;
        if let Some(dir) = o.path.parent().filter(|d| !d.as_os_str().is_empty()) {
            std::fs::create_dir_all(dir)
                .with_context(|| format!("{}: cannot create the folder", dir.display()))?;
        }
        output::write(&dest, text.as_bytes())?;
        written.push(o.path.clone());
    }
    Ok((assessed.assessment.respondents.scored, written))
}

/// "{what} and wrote:" and the files, one a line.
fn wrote(what: &str, files: &[PathBuf]) -> String {
    let mut said = format!("{what} and wrote:\n");
    for path in files {
        let _ = writeln!(said, "  {}", path.display());
    }
    said
}

fn init(args: &InitArgs) -> Result<()> {
    let written = engagement::init(&InitOptions {
        dir: args.dir.clone(),
        questionnaire: args.questionnaire.clone(),
        sample: args.sample,
        replace: false,
    })?;
    let mut said = wrote("Created an engagement folder", &written);
    let _ = writeln!(
        said,
        "Put the survey exports in {}, edit {}, then run `itsm-assess run` there.",
        args.dir.join("responses").display(),
        args.dir.join(engagement::DEFAULT_FILE).display()
    );
    print(&said)
}

/// The demo: write the sample engagement folder into `dir` (the bundled sample survey, the
/// sample observations and the `assessment.yaml` that names them) and run it, so that the
/// report, `roadmap.csv` and `scores.json` sit beside the file that produced them.
fn demo(dir: &Path) -> Result<()> {
    engagement::init(&InitOptions {
        dir: dir.to_path_buf(),
        questionnaire: "danger-signs".into(),
        sample: true,
        replace: true,
    })?;
    engagement::write_records(dir)?;
    engagement::write_follow_up(dir)?;
    let mut said = String::new();
    let mut written = Vec::new();
    // The first wave first: the follow-up reads the scores.json it writes.
    for name in [
        engagement::DEFAULT_FILE,
        engagement::RECORDS_FILE,
        engagement::FOLLOW_UP_FILE,
    ] {
        let file = dir.join(name);
        let (count, more) = run_engagement(engagement::load(&file)?)?;
        let _ = writeln!(said, "{}: scored {count} sample responses", file.display());
        written.extend(more);
    }
    said.push_str(&wrote("Ran the sample engagements", &written));
    let _ = writeln!(
        said,
        "Change an engagement file and run it again with `itsm-assess run FILE`."
    );
    print(&said)
}
