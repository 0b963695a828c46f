//! The engagement file: one assessment's whole run, written down once and re-run at will.
//!
//! A consultant's assessment is more than a command line: a questionnaire, several response
//! files, groupings, targets, their own findings and the files to hand over. An engagement file
//! (`assessment.yaml`, see [`DEFAULT_FILE`]) says all of it; [`load`] reads it through the one
//! YAML front end ([`crate::input`]), so unknown keys, bad values and missing files are named
//! with their line and column, and turns it into a [`JobSpec`] (the same settings the command
//! line fills) and the list of [`Output`]s to write. Paths are relative to the file's folder.
//!
//! Adding a key is one field in `raw.rs` and one line in `convert.rs` that puts it into the
//! spec.
//!
//! [`init`] writes a new engagement folder; [`render`] makes the text of one output from a run.

mod convert;
mod init;
mod paths;
mod raw;
mod samples;
#[cfg(test)]
mod tests;
pub mod values;

pub use init::{InitOptions, init};
pub use samples::{FOLLOW_UP_FILE, RECORDS_FILE, write_follow_up, write_records};

use crate::error::{Problem, Problems};
use crate::export::{AssessmentExporter, Csv, Json, Markdown, PlanExporter};
use crate::input::{YamlDoc, parse_yaml_checked, read_text_file};
use crate::job::{Assessed, Job, JobSpec};
use crate::report::ReportFormat;
use crate::roadmap::Plan;
use anyhow::Result;
use std::path::{Path, PathBuf};

/// The engagement file `run` reads when none is named, in the current folder.
pub const DEFAULT_FILE: &str = "assessment.yaml";

/// The largest engagement file read, in bytes.
pub const MAX_ENGAGEMENT_BYTES: u64 = 4 * 1024 * 1024;

/// How YAML messages describe an engagement file.
const ENGAGEMENT: YamlDoc = YamlDoc {
    noun: "an engagement file",
    expected: "an engagement: a mapping with questionnaire, responses and outputs",
    empty: "is empty; expected an engagement (a mapping with questionnaire, responses and outputs)",
    duplicate_key: YamlDoc::key_given_twice,
};

/// An engagement file read and checked: the job it describes and what to write.
#[derive(Debug, Clone)]
pub struct Engagement {
    /// The job's settings, paths resolved against the file's folder.
    pub spec: JobSpec,
    /// The files to write, in a fixed order.
    pub outputs: Vec<Output>,
}

/// One file a run writes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Output {
    /// What goes into it.
    pub kind: OutputKind,
    /// Where, resolved against the engagement file's folder.
    pub path: PathBuf,
}

/// The documents an engagement can write.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OutputKind {
    /// The report, HTML.
    ReportHtml,
    /// The report, Markdown.
    ReportMd,
    /// The roadmap, CSV.
    RoadmapCsv,
    /// The roadmap, Markdown.
    RoadmapMd,
    /// The roadmap, JSON.
    RoadmapJson,
    /// The scores, JSON.
    ScoresJson,
    /// The scores, CSV.
    ScoresCsv,
}

/// Read an engagement file: parse it, resolve its paths against its folder and check them.
/// Every problem is reported with the file, line and column where it was written.
pub fn load(path: &Path) -> Result<Engagement, Problems> {
    let text = read_text_file(path, MAX_ENGAGEMENT_BYTES, "engagement")?;
    let base = path.parent().unwrap_or(Path::new(""));
    parse(&text, &path.display().to_string(), base)
}

/// Parse engagement YAML text as [`load`] does; `file` names it in messages and `base` is the
/// folder its paths are relative to.
pub fn parse(text: &str, file: &str, base: &Path) -> Result<Engagement, Problems> {
    parse_yaml_checked::<raw::RawEngagement>(text, file, &ENGAGEMENT)?
        .then(|raw| convert::convert(raw, file, base))
}

/// A JSON Schema of the engagement file, for editors with a YAML language server.
pub fn json_schema() -> serde_json::Value {
    let schema = schemars::schema_for!(raw::RawEngagement);
    let mut value = serde_json::to_value(schema).expect("a schema always serialises");
    if let Some(obj) = value.as_object_mut() {
        obj.insert("title".into(), "itsm-assess engagement".into());
        obj.insert("$id".into(), "urn:itsm-assess:engagement-schema:1".into());
    }
    value
}

/// The text of one output of a run.
pub fn render(kind: OutputKind, job: &Job, assessed: &Assessed, plan: &Plan) -> Result<String> {
    let q = &job.questionnaire;
    let a = &assessed.assessment;
    match kind {
        OutputKind::ReportHtml => job.render_report(ReportFormat::Html, assessed, plan),
        OutputKind::ReportMd => job.render_report(ReportFormat::Md, assessed, plan),
        OutputKind::RoadmapCsv => Csv.plan(plan, q),
        OutputKind::RoadmapMd => Markdown.plan(plan, q),
        OutputKind::RoadmapJson => Json.plan(plan, q),
        OutputKind::ScoresJson => Json.assessment(a),
        OutputKind::ScoresCsv => Csv.assessment(a),
    }
}

/// Refuse an engagement whose outputs would overwrite one another: two keys naming one file.
pub fn check_outputs(outputs: &[Output]) -> Result<(), Problems> {
    let mut problems = Vec::new();
    for (i, o) in outputs.iter().enumerate() {
        if outputs[..i].iter().any(|p| p.path == o.path) {
            problems.push(Problem::file(
                o.path.display().to_string(),
                "is named by two outputs; give each output its own file",
            ));
        }
    }
    if problems.is_empty() {
        Ok(())
    } else {
        Err(Problems(problems))
    }
}
