//! The sample engagements that `demo` writes beside the sample survey's own: the same fictional
//! organisation's ticket records beside its survey (made by `examples/make_records.rs`), and
//! its follow-up wave six months later (made by `examples/make_follow_up.rs`) with the status of
//! its roadmap's first phase, compared with the first wave's scores.

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

/// The engagement file of the sample survey with the ticket records beside it.
pub const RECORDS_FILE: &str = "with-records.yaml";

/// The sample organisation's change records.
const CHANGES: &str = include_str!("../../sample-data/records/changes.csv");

/// The sample organisation's incident records, an event log (several rows per ticket).
const INCIDENTS: &str = include_str!("../../sample-data/records/incidents.csv");

const RECORDS_TEXT: &str = "\
# The sample survey with what the ticket system's records say beside it: the change records
# and the incident event log exported from the service desk tool (see docs/evidence.md).
# There is no costs file: that the cost per service per user cannot be produced is a finding.
#   itsm-assess run with-records.yaml

title: ITSM danger signs assessment, with the ticket records
organisation: Northfield Freight (fictional sample data)
date: 2026-10-30
questionnaire: danger-signs
responses:
  - responses/*.csv
group_by: [role]
capacity: 8
changes:
  - evidence/changes.csv
incidents:
  - evidence/incidents.csv
outputs:
  report_html: report-with-records.html
";

/// Write the sample records into `dir`'s `evidence/` folder, and their engagement file.
/// Gives the files written.
pub fn write_records(dir: &Path) -> Result<Vec<PathBuf>> {
    let mut written = Vec::new();
    let sub = dir.join("evidence");
    std::fs::create_dir_all(&sub).map_err(|e| anyhow::anyhow!("{}: {e}", sub.display()))?;
    write(&sub.join("changes.csv"), CHANGES.as_bytes(), &mut written)?;
    write(
        &sub.join("incidents.csv"),
        INCIDENTS.as_bytes(),
        &mut written,
    )?;
    write(
        &dir.join(RECORDS_FILE),
        RECORDS_TEXT.as_bytes(),
        &mut written,
    )?;
    Ok(written)
}

/// Write the sample follow-up into `dir`: its responses and status file in `follow-up/`, and
/// its engagement file. Gives the files written.
pub fn write_follow_up(dir: &Path) -> Result<Vec<PathBuf>> {
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
