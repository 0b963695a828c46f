//! A job: everything one run needs, validated and loaded once.
//!
//! A front end (the command line in [`crate::cli`], later an engagement file) describes a run
//! as a [`JobSpec`]: plain settings, paths not yet opened. [`Job::build`] turns it into a
//! [`Job`]: the questionnaire, mapping, targets and templates loaded and checked, and every
//! input path collected as it is read, so that [`Job::destination`] can refuse an output that
//! would overwrite any of them. A setting that reads a file must go through
//! [`Inputs::record`]; that is the one place that knows what a run reads.
//!
//! The stages then run from the job: [`Job::assess`] (read and score the responses in one
//! pass), [`Job::plan`] and [`Job::render_report`]. Every command, and the demo, is those
//! stages in some order: nothing else assembles the pipeline.

use crate::comments::{CommentOptions, RedactList};
use crate::error::{Problem, Problems};
use crate::evidence;
use crate::observations::{self, Observation};
use crate::output::{self, Destination};
pub use crate::pipeline::Assessed;
use crate::questionnaire::{self, Questionnaire};
use crate::report::{self, Invited, Paper, ReportFormat, ReportMeta, Templates};
use crate::responses::{self, InputFormat, ReadOptions, Source};
use crate::roadmap::{self, Plan, PlanOptions, Targets};
use crate::scoring::{self, Assessment};
use anyhow::Result;
use std::path::{Path, PathBuf};

/// Where one response file comes from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ResponseInput {
    /// A file on disk.
    File(PathBuf),
    /// Standard input (`-` on the command line).
    Stdin,
    /// Text held in memory, such as the demo's bundled sample; `name` names it in messages and
    /// is its `source` group value.
    Embedded {
        /// The name it goes by.
        name: String,
        /// Its bytes.
        data: &'static [u8],
    },
}

impl ResponseInput {
    /// The reader's source for this input (opened when the reader first reads it).
    pub fn open(&self) -> Source {
        match self {
            ResponseInput::File(p) => Source::file(p),
            ResponseInput::Stdin => Source::stdin(),
            ResponseInput::Embedded { name, data } => Source::from_reader(name.clone(), *data),
        }
    }

    /// `-` is standard input; anything else a file.
    pub fn from_arg(arg: &Path) -> Self {
        if arg.as_os_str() == responses::STDIN_ARG {
            ResponseInput::Stdin
        } else {
            ResponseInput::File(arg.to_path_buf())
        }
    }
}

/// The settings of a run as a front end gives them: nothing opened or checked yet.
///
/// Every field has a neutral default, so a front end sets only what it was given.
#[derive(Debug, Clone, Default)]
pub struct JobSpec {
    /// The questionnaire: a built-in name or a path (required by every stage).
    pub questionnaire: String,
    /// The response files, pooled in this order.
    pub responses: Vec<ResponseInput>,
    /// Force the field delimiter.
    pub delimiter: Option<u8>,
    /// Force the survey tool's layout.
    pub input_format: Option<InputFormat>,
    /// How many header rows a plain table has.
    pub header_rows: Option<usize>,
    /// The worksheet of a workbook.
    pub sheet: Option<String>,
    /// A mapping file: headers to question ids, labels to values.
    pub mapping: Option<PathBuf>,
    /// Count cells that are not answers as missing instead of failing.
    pub skip_invalid: bool,
    /// Refuse a question without a column, and a column of answers without a question.
    pub strict: bool,
    /// Show no progress bar.
    pub quiet: bool,
    /// Columns to break the results down by.
    pub group_by: Vec<String>,
    /// The smallest group shown on its own (default [`scoring::DEFAULT_MIN_GROUP_SIZE`]).
    pub min_group_size: Option<usize>,
    /// Render a warning page, instead of refusing, when fewer respondents than the smallest
    /// group were scored.
    pub allow_small: bool,
    /// One target level for every domain: its number or its name.
    pub target: Option<String>,
    /// A file of target levels per domain.
    pub targets: Option<PathBuf>,
    /// Phase names, comma-separated.
    pub phases: Option<String>,
    /// Month boundaries of the phases, comma-separated.
    pub phase_months: Option<String>,
    /// Effort points per phase.
    pub capacity: Option<u32>,
    /// The report's title (default: the questionnaire's).
    pub title: Option<String>,
    /// The organisation assessed.
    pub organisation: Option<String>,
    /// The report's date as given (default: the latest response's).
    pub date: Option<String>,
    /// A folder of template overrides.
    pub templates: Option<PathBuf>,
    /// The group-by column the report's headline is seen from (default: the first).
    pub perspective: Option<String>,
    /// How many people were invited, in all and per group.
    pub invited: Vec<Invited>,
    /// The paper the printed report is laid out for.
    pub paper: Paper,
    /// The consultant's own findings (checked against the questionnaire when the job is built).
    pub observations: Vec<Observation>,
    /// Earlier waves' `scores.json`, oldest first, to compare with ([`crate::waves`]).
    pub baselines: Vec<PathBuf>,
    /// A file of action statuses ([`roadmap::progress`]).
    pub status: Option<PathBuf>,
    /// The fewest answers to an open question for its comments to be shown.
    pub min_comment_group: Option<usize>,
    /// A file of words to remove from every comment.
    pub redact: Option<PathBuf>,
    /// Change record exports ([`crate::evidence`]).
    pub changes: Vec<ResponseInput>,
    /// Incident record exports.
    pub incidents: Vec<ResponseInput>,
    /// The costs file.
    pub costs: Option<ResponseInput>,
    /// An evidence mapping file for the record exports.
    pub evidence_mapping: Option<PathBuf>,
}

/// Every file a run reads, collected while the job is built.
#[derive(Debug, Clone, Default)]
pub struct Inputs(Vec<PathBuf>);

impl Inputs {
    /// Note that the run reads `path`, and hand it back for reading.
    pub fn record<'p>(&mut self, path: &'p Path) -> &'p Path {
        self.0.push(path.to_path_buf());
        path
    }

    /// The files, in the order they were recorded.
    pub fn paths(&self) -> &[PathBuf] {
        &self.0
    }
}

/// A validated run: what [`JobSpec`] named, loaded and checked.
pub struct Job {
    /// The questionnaire.
    pub questionnaire: Questionnaire,
    /// The response inputs, in order.
    pub responses: Vec<ResponseInput>,
    /// How to read them (the mapping loaded).
    pub read: ReadOptions,
    /// The smallest group shown on its own.
    pub min_group_size: usize,
    /// A warning page instead of a refusal when too few respondents were scored.
    pub allow_small: bool,
    /// Show no progress bar.
    pub quiet: bool,
    /// How to plan (targets loaded, phases checked).
    pub plan: PlanOptions,
    /// The report's templates (overrides loaded).
    pub templates: Templates,
    /// The report's title, organisation and given date.
    pub title: Option<String>,
    /// The organisation assessed.
    pub organisation: Option<String>,
    /// The report's date as given.
    pub date: Option<String>,
    /// The group-by column the report's headline is seen from.
    pub perspective: Option<String>,
    /// How many people were invited, in all and per group.
    pub invited: Vec<Invited>,
    /// The paper the printed report is laid out for.
    pub paper: Paper,
    /// The consultant's own findings, checked against the questionnaire.
    pub observations: Vec<Observation>,
    /// The earlier waves, oldest first.
    pub baselines: Vec<crate::waves::Baseline>,
    /// The actions' statuses, when a status file is given.
    pub status: Option<roadmap::progress::ActionStatuses>,
    /// How comments are shown (the redact list loaded).
    pub comments: CommentOptions,
    /// The record inputs: changes, incidents, costs.
    pub records: RecordInputs,
    inputs: Inputs,
}

/// The record inputs of a job, with their mapping loaded.
#[derive(Debug, Clone, Default)]
pub struct RecordInputs {
    /// Change record exports.
    pub changes: Vec<ResponseInput>,
    /// Incident record exports.
    pub incidents: Vec<ResponseInput>,
    /// The costs file.
    pub costs: Option<ResponseInput>,
    /// How to read their columns and values.
    pub mapping: evidence::RecordMapping,
}

impl Job {
    /// Load and check everything `spec` names. Problems come back naming the file at fault.
    pub fn build(spec: JobSpec) -> Result<Job> {
        let mut inputs = Inputs::default();
        if questionnaire::built_in(&spec.questionnaire).is_none() {
            inputs.record(Path::new(&spec.questionnaire));
        }
        let q = questionnaire::load(&spec.questionnaire)?;
        check_responses(&spec.responses)?;
        for r in &spec.responses {
            if let ResponseInput::File(p) = r {
                inputs.record(p);
            }
        }
        let mapping = match &spec.mapping {
            Some(path) => Some(responses::load_mapping(inputs.record(path))?),
            None => None,
        };
        let targets = match (&spec.targets, &spec.target) {
            (Some(path), _) => Targets::PerDomain(roadmap::load_targets(inputs.record(path), &q)?),
            (None, Some(level)) => {
                Targets::All(roadmap::target_level(&q, level).map_err(anyhow::Error::msg)?)
            }
            (None, None) => Targets::Default,
        };
        observations::check(&spec.observations, &q)?;
        let phases = roadmap::parse_phases(
            &q.phases,
            spec.phases.as_deref(),
            spec.phase_months.as_deref(),
        )?;
        if let Some(dir) = &spec.templates {
            for (name, _) in report::templates::TEMPLATE_FILES {
                inputs.record(&dir.join(name));
            }
        }
        let templates = Templates::load(spec.templates.as_deref())?;
        let baselines = (spec.baselines.iter())
            .map(|path| crate::waves::load_baseline(inputs.record(path)))
            .collect::<Result<Vec<_>, _>>()?;
        let status = match &spec.status {
            Some(path) => Some(roadmap::progress::load_status(inputs.record(path), &q)?),
            None => None,
        };
        let redact = match &spec.redact {
            Some(path) => RedactList::load(inputs.record(path))?,
            None => RedactList::default(),
        };
        let records = RecordInputs {
            mapping: match &spec.evidence_mapping {
                Some(path) => evidence::load_record_mapping(inputs.record(path))?,
                None => evidence::RecordMapping::default(),
            },
            changes: spec.changes,
            incidents: spec.incidents,
            costs: spec.costs,
        };
        for r in records
            .changes
            .iter()
            .chain(&records.incidents)
            .chain(&records.costs)
        {
            if let ResponseInput::File(p) = r {
                inputs.record(p);
            }
        }
        Ok(Job {
            questionnaire: q,
            responses: spec.responses,
            read: ReadOptions {
                delimiter: spec.delimiter,
                input_format: spec.input_format,
                header_rows: spec.header_rows,
                sheet: spec.sheet,
                skip_invalid: spec.skip_invalid,
                strict: spec.strict,
                mapping,
                group_by: spec.group_by,
            },
            min_group_size: spec
                .min_group_size
                .unwrap_or(scoring::DEFAULT_MIN_GROUP_SIZE),
            allow_small: spec.allow_small,
            quiet: spec.quiet,
            plan: PlanOptions {
                targets,
                phases,
                capacity: spec.capacity,
            },
            templates,
            title: spec.title,
            organisation: spec.organisation,
            date: spec.date,
            perspective: spec.perspective,
            invited: spec.invited,
            paper: spec.paper,
            observations: spec.observations,
            baselines,
            status,
            comments: CommentOptions {
                min_comment_group: spec.min_comment_group,
                redact,
            },
            records,
            inputs,
        })
    }

    /// Every file this run reads.
    pub fn inputs(&self) -> &[PathBuf] {
        self.inputs.paths()
    }

    /// Where `-o` writes (`None` or `-`: standard output), refused when it is one of the inputs
    /// under any spelling of its path.
    pub fn destination(&self, output: Option<&Path>) -> Result<Destination> {
        let dest = Destination::from_arg(output);
        if let Destination::File(path) = &dest {
            output::refuse_overwriting_inputs(path, self.inputs())?;
        }
        Ok(dest)
    }

    /// Read every response input and score the rows in one streaming pass: each input is
    /// opened once (so standard input and FIFOs work) and every row feeds every consumer.
    pub fn assess(&self) -> Result<Assessed> {
        let sources = self.responses.iter().map(ResponseInput::open).collect();
        let sizes = self.responses.iter().map(|r| match r {
            ResponseInput::File(path) => std::fs::metadata(path).ok().map(|m| m.len()),
            ResponseInput::Stdin | ResponseInput::Embedded { .. } => None,
        });
        let mut assessed = crate::pipeline::assess_with(
            &self.questionnaire,
            sources,
            &self.read,
            self.min_group_size,
            &self.comments,
            &mut crate::progress::Progress::on_terminal(self.quiet, sizes),
        )?;
        crate::waves::compare_job(self, &mut assessed.assessment)?;
        assessed.assessment.evidence =
            evidence::gather(self.record_sources(), &self.questionnaire)?;
        Ok(assessed)
    }

    /// The record inputs as sources, not opened yet.
    pub fn record_sources(&self) -> evidence::RecordSources {
        let r = &self.records;
        evidence::RecordSources {
            changes: r.changes.iter().map(ResponseInput::open).collect(),
            incidents: r.incidents.iter().map(ResponseInput::open).collect(),
            costs: r.costs.as_ref().map(ResponseInput::open),
            mapping: r.mapping.clone(),
            sheet: self.read.sheet.clone(),
        }
    }

    /// Plan the recovery from an assessment.
    pub fn plan(&self, assessment: &Assessment) -> Result<Plan> {
        crate::pipeline::plan_with(
            &self.questionnaire,
            assessment,
            &roadmap::Extras {
                observations: &self.observations,
                statuses: self.status.as_ref(),
            },
            &self.plan,
        )
    }

    /// What the report's cover says: the given title (else the questionnaire's), organisation,
    /// and date (given, else the latest response's; never the clock, so output is repeatable).
    pub fn report_meta(&self, assessed: &Assessed) -> ReportMeta {
        ReportMeta {
            title: self
                .title
                .clone()
                .unwrap_or_else(|| self.questionnaire.title.clone()),
            organisation: self.organisation.clone(),
            date: self.date.clone().or_else(|| {
                assessed
                    .latest_date
                    .map(|d| format!("{d} (date of the latest response)"))
            }),
            perspective: self.perspective.clone(),
            invited: self.invited.clone(),
            paper: self.paper,
            observations: observations::views(&self.observations, &self.questionnaire),
        }
    }

    /// Render the report of an assessed run in a format. Below the smallest group overall it
    /// refuses, or with `allow_small` renders only the warning page of [`report::small`].
    pub fn render_report(
        &self,
        format: ReportFormat,
        assessed: &Assessed,
        plan: &Plan,
    ) -> Result<String> {
        let q = &self.questionnaire;
        let a = &assessed.assessment;
        if let Some(few) = report::small::too_few(a) {
            if !self.allow_small {
                anyhow::bail!(few.refusal());
            }
            let view = report::small::view(q, &few, &self.report_meta(assessed), a);
            return self
                .templates
                .render(report::small::template(format), &view);
        }
        let mut view = report::build(q, a, plan, &self.report_meta(assessed))?;
        let statuses = self.status.as_ref();
        view.trend = report::trend::trend_view(q, a, plan, statuses, &self.baselines)?;
        view.summary.splice(0..0, report::trend::lead(a));
        self.templates.render(format.template(), &view)
    }
}

/// Refuse standard input given twice, and the same file given twice under any spelling of its
/// path (relative, absolute, `./`, a symbolic or hard link): its rows would count twice, and a
/// group of one would show as a group of two with that person's exact scores.
fn check_responses(responses: &[ResponseInput]) -> Result<(), Problems> {
    let mut seen: Vec<(usize, FileKey)> = Vec::new();
    let mut problems = Vec::new();
    let stdin = responses
        .iter()
        .filter(|r| **r == ResponseInput::Stdin)
        .count();
    if stdin > 1 {
        problems.push(Problem::file(
            responses::STDIN_NAME,
            format!(
                "is given {stdin} times as a response file ('{}'); it can be read only once",
                responses::STDIN_ARG
            ),
        ));
    }
    let shown = |r: &ResponseInput| match r {
        ResponseInput::File(p) => p.display().to_string(),
        ResponseInput::Stdin => responses::STDIN_ARG.to_string(),
        ResponseInput::Embedded { name, .. } => name.clone(),
    };
    for (i, r) in responses.iter().enumerate() {
        let earlier = match r {
            ResponseInput::Stdin => None,
            ResponseInput::File(p) => match FileKey::of(p) {
                Some(key) => {
                    let found = seen.iter().find(|(_, k)| *k == key).map(|(j, _)| *j);
                    seen.push((i, key));
                    found
                }
                None => None,
            },
            ResponseInput::Embedded { .. } => None,
        };
        if let Some(j) = earlier {
            problems.push(Problem::file(
                shown(r),
                format!(
                    "is the same input as response argument {} ('{}'); give each response file once, or its rows count twice",
                    j + 1,
                    shown(&responses[j])
                ),
            ));
        }
    }
    if problems.is_empty() {
        Ok(())
    } else {
        Err(Problems(problems))
    }
}

/// What makes two paths the same file: the device and inode on Unix (so hard links match),
/// else the canonical path.
#[derive(Debug, PartialEq, Eq)]
enum FileKey {
    #[cfg(unix)]
    Inode(u64, u64),
    #[cfg_attr(unix, allow(dead_code))]
    Canonical(PathBuf),
}

impl FileKey {
    fn of(path: &Path) -> Option<FileKey> {
        #[cfg(unix)]
        {
            use std::os::unix::fs::MetadataExt;
            std::fs::metadata(path)
                .ok()
                .map(|m| FileKey::Inode(m.dev(), m.ino()))
        }
        #[cfg(not(unix))]
        {
            std::fs::canonicalize(path).ok().map(FileKey::Canonical)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn files(paths: &[&Path]) -> Vec<ResponseInput> {
        paths
            .iter()
            .map(|p| ResponseInput::File(p.to_path_buf()))
            .collect()
    }

    #[test]
    fn the_same_file_under_another_spelling_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        let a = dir.path().join("a.csv");
        std::fs::write(&a, "Q1\n1\n").unwrap();
        let dotted = dir.path().join(".").join("a.csv");
        let err = check_responses(&files(&[&a, &dotted])).unwrap_err();
        let text = err.to_string();
        assert!(text.contains("same input as response argument 1"), "{text}");
        assert!(text.starts_with(&dotted.display().to_string()), "{text}");
        #[cfg(unix)]
        {
            let hard = dir.path().join("hard.csv");
            std::fs::hard_link(&a, &hard).unwrap();
            let link = dir.path().join("link.csv");
            std::os::unix::fs::symlink(&a, &link).unwrap();
            assert!(check_responses(&files(&[&a, &hard])).is_err());
            assert!(check_responses(&files(&[&link, &a])).is_err());
        }
    }

    #[test]
    fn different_files_and_one_stdin_are_accepted() {
        let dir = tempfile::tempdir().unwrap();
        let a = dir.path().join("a.csv");
        let b = dir.path().join("b.csv");
        std::fs::write(&a, "Q1\n1\n").unwrap();
        std::fs::write(&b, "Q1\n1\n").unwrap();
        let mut inputs = files(&[&a, &b]);
        inputs.push(ResponseInput::Stdin);
        assert!(check_responses(&inputs).is_ok());
        inputs.push(ResponseInput::Stdin);
        let text = check_responses(&inputs).unwrap_err().to_string();
        assert_eq!(
            text,
            "standard input: is given 2 times as a response file ('-'); it can be read only once"
        );
    }
}
