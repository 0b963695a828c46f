//! `init`: a new engagement folder, with a commented `assessment.yaml` to fill in.

use super::DEFAULT_FILE;
use crate::output::{self, Destination};
use crate::questionnaire;
use crate::template::TemplateFormat;
use anyhow::{Context, Result, bail};
use std::path::{Path, PathBuf};

/// The bundled sample survey: a fictional organisation's danger-signs survey.
pub const SAMPLE_RESPONSES: &str = include_str!("../../sample-data/danger-signs.csv");

/// The sample engagement's file name for its responses, inside `responses/`.
pub const SAMPLE_RESPONSES_NAME: &str = "danger-signs.csv";

/// What to put in a new engagement folder.
#[derive(Debug, Clone)]
pub struct InitOptions {
    /// The folder (created if needed; it must not hold an engagement file already).
    pub dir: PathBuf,
    /// The questionnaire: a built-in name, or a path copied into the folder.
    pub questionnaire: String,
    /// Fill it with the bundled sample survey and sample observations (what `demo` runs).
    pub sample: bool,
    /// Write over an engagement file already there (the demo's own folder).
    pub replace: bool,
}

/// Write a new engagement folder: `assessment.yaml` (commented), `responses/`, `evidence/`, and
/// the blank response template for the questionnaire, with its statements' texts, as
/// `template.csv` and `template.xlsx` ([`crate::template`]). A questionnaire given as a path
/// is copied in as `questionnaire.yaml`, so the folder holds everything it needs. Gives the
/// files written.
pub fn init(opts: &InitOptions) -> Result<Vec<PathBuf>> {
    let file = opts.dir.join(DEFAULT_FILE);
    if file.exists() && !opts.replace {
        bail!(
            "{}: already exists; choose another folder, or edit it and run `itsm-assess run`",
            file.display()
        );
    }
    let q = questionnaire::load(&opts.questionnaire)?;
    let mut written = Vec::new();
    for sub in ["responses", "evidence"] {
        let dir = opts.dir.join(sub);
        std::fs::create_dir_all(&dir)
            .with_context(|| format!("{}: cannot create the folder", dir.display()))?;
    }
    let named = if questionnaire::built_in(&opts.questionnaire).is_some() {
        opts.questionnaire.clone()
    } else {
        let copy = opts.dir.join("questionnaire.yaml");
        let text = std::fs::read(&opts.questionnaire)
            .with_context(|| format!("{}: cannot read the questionnaire", opts.questionnaire))?;
        write(&copy, &text, &mut written)?;
        "questionnaire.yaml".to_string()
    };
    for (name, format) in [
        ("template.csv", TemplateFormat::Csv),
        ("template.xlsx", TemplateFormat::Xlsx),
    ] {
        write(&opts.dir.join(name), &format.write(&q)?, &mut written)?;
    }
    if opts.sample {
        let responses = opts.dir.join("responses").join(SAMPLE_RESPONSES_NAME);
        write(&responses, SAMPLE_RESPONSES.as_bytes(), &mut written)?;
    }
    let text = engagement_text(&named, opts.sample);
    write(&file, text.as_bytes(), &mut written)?;
    Ok(written)
}

/// Write one file of the new folder and note it.
pub(super) fn write(path: &Path, bytes: &[u8], written: &mut Vec<PathBuf>) -> Result<()> {
    output::write(&Destination::File(path.to_path_buf()), bytes)?;
    written.push(path.to_path_buf());
    Ok(())
}

/// The commented engagement file: the sample's settings, or a blank engagement's.
fn engagement_text(questionnaire: &str, sample: bool) -> String {
    let (head, observations) = if sample {
        (SAMPLE_HEAD, SAMPLE_OBSERVATIONS)
    } else {
        (BLANK_HEAD, BLANK_OBSERVATIONS)
    };
    format!(
        "{head}\nquestionnaire: {questionnaire}\n{BODY}{observations}{OUTPUTS}",
        questionnaire = yaml_scalar(questionnaire)
    )
}

/// A plain YAML scalar, quoted when it holds anything YAML would read otherwise.
fn yaml_scalar(text: &str) -> String {
    let plain = text
        .chars()
        .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.' | '/'));
    if plain && !text.is_empty() {
        text.to_string()
    } else {
        serde_json::to_string(text).unwrap_or_default()
    }
}

const BLANK_HEAD: &str = "\
# An itsm-assess engagement: everything one assessment's run needs.
# Run it with `itsm-assess run` in this folder. Paths are relative to this file.
# The JSON Schema of this file: `itsm-assess schema --engagement`.

# For the report's cover.
organisation: Your client
# title: ITSM maturity assessment      # default: the questionnaire's title
# date: 2026-10-30                     # default: the latest response's date
";

const SAMPLE_HEAD: &str = "\
# The sample engagement that `itsm-assess demo` writes and runs: a fictional organisation's
# survey. Change anything and run it again with `itsm-assess run` in this folder.
# Paths are relative to this file. The JSON Schema: `itsm-assess schema --engagement`.

title: ITSM danger signs assessment
organisation: Northfield Freight (fictional sample data)
# The sample survey's closing date (without it, the latest response's date is used).
date: 2026-10-30
";

const BODY: &str = "\
# The survey exports, pooled: paths or patterns (* and ? in the file name).
responses:
  - responses/*.csv
# Break the results down by these columns (`source` is the file's name).
group_by: [role]
# perspective: role          # the column the headline compares (default: the first above)
# min_group_size: 5          # smaller groups are never shown on their own
# allow_small: false         # with fewer respondents in all, a warning page, not a refusal
# strict: false              # every question needs a column; stray answer columns are errors
# min_comment_group: 10      # fewer comments to a question are counted, never shown
# redact: redact.txt         # words to remove from every comment, one a line
# Follow-up waves: earlier waves' scores.json (oldest first) and the actions' statuses.
# baseline: [wave1/scores.json]
# status: status.csv
# invited: [120, \"role=IT:40\"] # for the response rate
# Planning: one target level for every domain (a number or a name) or a targets file.
# target: Defined
# targets: targets.yaml
capacity: 8                  # effort points per phase (small 1, medium 2, large 4)
# phases: [Stop the bleeding, Stabilise, Standardise, Measure and improve]
# phase_months: [0, 3, 6, 12, 18]
# Reading: forced delimiter, layout, worksheet, a mapping file, lenient answers.
# delimiter: ';'
# input_format: google-forms
# sheet: Responses
# mapping: mapping.yaml
# skip_invalid: false
# templates: templates/      # report templates that replace the built-in ones
# paper: a4
";

const BLANK_OBSERVATIONS: &str = "
# Your own findings from interviews and document review (severity: high, medium or low).
# They appear beside their domain in the report, high ones in the executive summary, and the
# actions they name are planned first, like a raised flag's.
observations: []
#  - id: OBS-1
#    domain: change-enablement
#    severity: high
#    finding: Emergency changes are approved after the fact by e-mail.
#    evidence: Interviews with three team leads; the change log for March.
#    recommendation: Name a change process owner with authority over emergency changes.
#    actions: [CE-A2]
";

const SAMPLE_OBSERVATIONS: &str = "
# The consultant's own findings from interviews and document review (severity: high, medium
# or low). They appear beside their domain in the report, high ones in the executive summary,
# and the actions they name are planned first, like a raised flag's.
observations:
  - id: OBS-1
    domain: change-enablement
    severity: high
    finding: Emergency changes are approved after the fact, by e-mail, by whoever is on call.
    evidence: Interviews with three team leads; 41 of the 60 changes logged in March were emergencies.
    recommendation: Give one person authority over change policy, emergency changes included.
    actions: [CE-A2]
  - id: OBS-2
    domain: cost-transparency
    severity: medium
    finding: The IT budget is kept as one line in the finance system; nobody can say what a service costs.
    evidence: The budget spreadsheet for this year; an interview with the finance business partner.
    recommendation: Start by splitting the budget into running and changing services.
";

const OUTPUTS: &str = "
# The files to write (relative to this file): report_html, report_md, roadmap_csv,
# roadmap_md, roadmap_json, scores_json, scores_csv.
outputs:
  report_html: report.html
  roadmap_csv: roadmap.csv
  scores_json: scores.json
";
