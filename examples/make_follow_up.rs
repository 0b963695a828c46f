//! Writes the follow-up sample of `sample-data/`: the second wave of the fictional Northfield
//! Freight survey, six months after the first (`sample-data/danger-signs.csv`), and the status
//! file of the roadmap at that time. The demo's `follow-up-report.html` is made from them.
//!
//! ```text
//! cargo run --example make_follow_up      # writes sample-data/danger-signs-wave2.csv and
//!                                         # sample-data/follow-up-status.csv
//! ```
//!
//! # The story, six months on
//!
//! The first phase of the demo's roadmap is done: its actions are marked `done` in the status
//! file, the second phase's first action is in progress. Most of the staff answered again (a
//! few did not), so wave 2 is drawn from wave 1 row by row:
//!
//! - **change enablement** improved after its first-phase actions (a pre-approved route for
//!   routine changes, an owner for the process): most of its answers move one point towards
//!   the better practice;
//! - **cost transparency** did not: its answers only wobble by a point here and there, in both
//!   directions;
//! - the other domains wobble a little too;
//! - the four Executive respondents all answer again, so that department stays too small to
//!   show (suppressed), as it was in wave 1.
//!
//! The draws come from ChaCha8 seeded with a fixed number (see `make_sample_data`), so the files
//! are remade identically.

use itsm_assess::job::{Job, JobSpec, ResponseInput};
use itsm_assess::questionnaire;
use rand_chacha::ChaCha8Rng;
use rand_chacha::rand_core::{Rng, SeedableRng};
use std::path::Path;

/// The seed of the second wave.
const SEED: u64 = 20_270_430;

/// The share of wave-1 respondents (outside the Executive) who do not answer again.
const DROP_OUT: f64 = 0.08;

/// Uniform in [0, 1), from the top 53 bits of one output.
fn uniform(rng: &mut ChaCha8Rng) -> f64 {
    (rng.next_u64() >> 11) as f64 / (1u64 << 53) as f64
}

/// How a domain's answers move: the chance of a step towards the better practice, and the
/// chance of a step either way.
fn movement(domain: &str) -> (f64, f64) {
    if domain.contains("change") {
        (0.6, 0.1)
    } else if domain.contains("cost") {
        (0.0, 0.12)
    } else {
        (0.0, 0.15)
    }
}

fn main() -> anyhow::Result<()> {
    let q = &questionnaire::load("danger-signs")?;
    let first_wave = std::fs::read_to_string("sample-data/danger-signs.csv")?;
    let mut rng = ChaCha8Rng::seed_from_u64(SEED);
    let mut reader = csv::Reader::from_reader(first_wave.as_bytes());
    let header = reader.headers()?.clone();
    let question = |column: &str| {
        q.domains.iter().find_map(|d| {
            d.questions
                .iter()
                .find(|x| x.id == column)
                .map(|x| (d.id.as_str(), x.reverse))
        })
    };
    let mut out = csv::Writer::from_path(Path::new("sample-data/danger-signs-wave2.csv"))?;
    out.write_record(&header)?;
    let mut written = 0;
    for record in reader.records() {
        let record = record?;
        let executive = record.iter().any(|c| c == "Executive");
        if !executive && uniform(&mut rng) < DROP_OUT {
            continue;
        }
        written += 1;
        let mut row: Vec<String> = Vec::with_capacity(record.len());
        for (column, cell) in header.iter().zip(record.iter()) {
            let moved = match (question(column), cell.parse::<i32>()) {
                (Some((domain, reverse)), Ok(v)) => {
                    let (better, either) = movement(domain);
                    let step = if uniform(&mut rng) < better {
                        if reverse { -1 } else { 1 }
                    } else if uniform(&mut rng) < either {
                        if uniform(&mut rng) < 0.5 { -1 } else { 1 }
                    } else {
                        0
                    };
                    (v + step).clamp(q.scale.min, q.scale.max).to_string()
                }
                _ if column == "respondent" => format!("F{written:03}"),
                _ => cell.to_string(),
            };
            row.push(moved);
        }
        out.write_record(&row)?;
    }
    out.flush()?;

    // The status file: the first phase of the wave-1 roadmap done, the next action under way.
    // The first wave's job as the sample engagement runs it (assessment.yaml of `demo`).
    let job = Job::build(JobSpec {
        questionnaire: "danger-signs".into(),
        responses: vec![ResponseInput::File("sample-data/danger-signs.csv".into())],
        group_by: vec!["role".into()],
        capacity: Some(8),
        ..JobSpec::default()
    })?;
    let assessed = job.assess()?;
    let plan = job.plan(&assessed.assessment)?;
    let mut status = csv::Writer::from_path(Path::new("sample-data/follow-up-status.csv"))?;
    status.write_record(["id", "status", "date", "phase_name"])?;
    for phase in &plan.phases {
        for (i, a) in phase.actions.iter().enumerate() {
            let (state, date) = match (phase.index, i) {
                (1, _) => ("done", "2027-03-31"),
                (2, 0) => ("in progress", ""),
                _ => ("not started", ""),
            };
            status.write_record([a.id.as_str(), state, date, phase.name.as_str()])?;
        }
    }
    status.flush()?;
    println!(
        "wrote {written} wave-2 responses and the status of {} actions",
        plan.actions().count()
    );
    Ok(())
}
