//! The sample follow-up wave that `demo` writes beside the sample engagement: the same
//! fictional organisation surveyed six months later (made by `examples/make_follow_up.rs`),
//! with the status of its roadmap's first phase, compared with the first wave's scores.

use super::init::write;
use anyhow::Result;
use std::path::{Path, PathBuf};

/// The engagement file of the sample follow-up.
pub const FOLLOW_UP_FILE: &str = "follow-up.yaml";

/// The bundled second wave.
const WAVE2_RESPONSES: &str = include_str!("../../sample-data/danger-signs-wave2.csv");

/// The bundled status file: the first phase done.
const WAVE2_STATUS: &str = include_str!("../../sample-data/follow-up-status.csv");

const FOLLOW_UP_TEXT: &str = "\
# The sample follow-up: the same fictional organisation surveyed six months after the first
# wave (assessment.yaml), compared with that wave's scores and with the roadmap's progress.
# Run it after assessment.yaml (it reads the scores.json that one writes):
#   itsm-assess run follow-up.yaml

title: 'ITSM danger signs: six months on'
organisation: Northfield Freight (fictional sample data)
date: 2027-04-30
questionnaire: danger-signs
responses:
  - follow-up/danger-signs-wave2.csv
group_by: [role]
capacity: 8
# The earlier waves' scores (written by `score -f json` or by an earlier run), oldest first.
baseline:
  - scores.json
# What became of the roadmap's actions: id,status[,date] (done, in progress, not started,
# dropped), a roadmap.csv with a status column, or a Jira export.
status: follow-up/status.csv
outputs:
  report_html: follow-up-report.html
";

/// Write the sample follow-up into `dir`: its responses and status file in `follow-up/`, and
/// its engagement file. Gives the files written.
pub fn write_sample(dir: &Path) -> Result<Vec<PathBuf>> {
    let mut written = Vec::new();
    let sub = dir.join("follow-up");
    std::fs::create_dir_all(&sub).map_err(|e| anyhow::anyhow!("{}: {e}", sub.display()))?;
    write(
        &sub.join("danger-signs-wave2.csv"),
        WAVE2_RESPONSES.as_bytes(),
        &mut written,
    )?;
    write(
        &sub.join("status.csv"),
        WAVE2_STATUS.as_bytes(),
        &mut written,
    )?;
    write(
        &dir.join(FOLLOW_UP_FILE),
        FOLLOW_UP_TEXT.as_bytes(),
        &mut written,
    )?;
    Ok(written)
}
