//! The demo's follow-up: the second wave of the bundled sample survey against the first, with
//! the roadmap's status six months on (made by `examples/make_follow_up.rs`).

use crate::app::{DEMO_CAPACITY, DEMO_ORGANISATION, demo_spec};
use crate::job::{Job, JobSpec, ResponseInput};
use crate::report::ReportFormat;
use crate::roadmap::progress::parse_status;
use anyhow::Result;

/// The bundled second wave.
pub const WAVE2_RESPONSES: &str = include_str!("../../sample-data/danger-signs-wave2.csv");

/// The bundled status file: the first phase done.
pub const WAVE2_STATUS: &str = include_str!("../../sample-data/follow-up-status.csv");

/// The follow-up report's date, six months after the first survey.
pub const WAVE2_DATE: &str = "2027-04-30";

/// The follow-up report (HTML) of the demo: the second wave scored against `baseline_json`,
/// the first wave's `scores.json` as the demo writes it.
pub fn follow_up_report(baseline_json: &str) -> Result<String> {
    let spec = JobSpec {
        responses: vec![ResponseInput::Embedded {
            name: "danger-signs-wave2.csv".into(),
            data: WAVE2_RESPONSES.as_bytes(),
        }],
        capacity: Some(DEMO_CAPACITY),
        title: Some("ITSM danger signs: six months on".into()),
        organisation: Some(DEMO_ORGANISATION.into()),
        date: Some(WAVE2_DATE.into()),
        ..demo_spec()
    };
    let mut job = Job::build(spec)?;
    job.baselines = vec![super::parse_baseline(baseline_json, "scores.json")?];
    job.status = Some(parse_status(
        WAVE2_STATUS,
        "follow-up-status.csv",
        &job.questionnaire,
    )?);
    let assessed = job.assess()?;
    let plan = job.plan(&assessed.assessment)?;
    job.render_report(ReportFormat::Html, &assessed, &plan)
}
