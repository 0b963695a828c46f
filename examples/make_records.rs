//! Writes the sample ticket records in `sample-data/records/` from a fixed seed: the change and
//! incident exports and the story of Northfield Freight (the fictional organisation of the
//! sample survey) as the ticket system tells it.
//!
//! ```text
//! cargo run --example make_records        # writes sample-data/records/*.csv
//! ```
//!
//! # The story
//!
//! Six months of records, April to September 2026, before the survey closed in October:
//!
//! - **Changes** (a ServiceNow `change_request` export with its field names): most routine work
//!   already goes through standard changes (about two in three), so the records *contradict*
//!   the survey, where almost nobody agrees that routine changes skip the board. Emergencies
//!   are about one in five and normal and emergency changes often fail, so the records *agree*
//!   with the survey on emergencies and failed changes.
//! - **Incidents** (a ServiceNow incident event log with display labels and day-first dates,
//!   two or three rows per incident): a critical incident takes nearly as long to restore as a
//!   low one and about seven in ten meet their service level, so the records *agree* with the
//!   survey that every issue is treated the same.
//! - **No costs file**: nobody can produce a cost per service per user, which agrees with the
//!   survey too.
//!
//! The people columns (requested by, assigned to, caller) hold made-up names, to show that the
//! reader never takes them in. The random numbers come from `rand_chacha`'s ChaCha8 stream with
//! a fixed seed, used only through its raw 64-bit output, so the files can be made again
//! identically.

use rand_chacha::ChaCha8Rng;
use rand_chacha::rand_core::{Rng, SeedableRng};
use std::fmt::Write as _;
use std::path::Path;

/// The seed of the records.
const SEED: u64 = 20_261_030;

/// How many changes and incidents.
const CHANGES: usize = 180;
const INCIDENTS: usize = 240;

/// Made-up people, never read by the tool.
const PEOPLE: [&str; 4] = ["Maren Holt", "Jonas Efe", "Priya Lund", "Tomasz Ure"];
const GROUPS: [&str; 4] = ["Network", "Applications", "Service Desk", "Infrastructure"];

/// A uniform draw in [0, 1) from the top 53 bits of one output.
fn uniform(rng: &mut ChaCha8Rng) -> f64 {
    (rng.next_u64() >> 11) as f64 / (1u64 << 53) as f64
}

/// A moment as minutes after 2026-04-01 00:00.
fn stamp(minutes: f64, day_first: bool) -> String {
    let start = jiff::civil::date(2026, 4, 1).at(0, 0, 0, 0);
    let t = start
        .checked_add(jiff::SignedDuration::from_mins(minutes.round() as i64))
        .expect("within range");
    if day_first {
        t.strftime("%d/%m/%Y %H:%M:%S").to_string()
    } else {
        t.strftime("%Y-%m-%d %H:%M:%S").to_string()
    }
}

/// Six months of minutes.
const SPAN: f64 = 183.0 * 24.0 * 60.0 * 0.97;

fn changes(rng: &mut ChaCha8Rng) -> String {
    let mut out = String::from(
        "number,type,state,requested_by,assigned_to,assignment_group,opened_at,closed_at,close_code\n",
    );
    for i in 0..CHANGES {
        let u = uniform(rng);
        let (kind, days, fails) = if u < 0.64 {
            ("Standard", 0.5 + 3.0 * uniform(rng), 0.06)
        } else if u < 0.81 {
            ("Normal", 6.0 + 20.0 * uniform(rng), 0.3)
        } else {
            ("Emergency", 0.1 + 0.9 * uniform(rng), 0.45)
        };
        let opened = SPAN * (i as f64 + uniform(rng)) / CHANGES as f64 * 0.95;
        let closed = opened + days * 24.0 * 60.0;
        let fate = uniform(rng);
        let (state, code, closed_at) = if fate < 0.04 {
            ("Canceled", "", String::new())
        } else if fate < 0.04 + fails {
            let code = if uniform(rng) < 0.5 {
                "Unsuccessful"
            } else {
                "Successful with issues"
            };
            ("Closed", code, stamp(closed, false))
        } else {
            ("Closed", "Successful", stamp(closed, false))
        };
        let person = PEOPLE[i % PEOPLE.len()];
        let other = PEOPLE[(i + 1) % PEOPLE.len()];
        let group = GROUPS[i % GROUPS.len()];
        let _ = writeln!(
            out,
            "CHG{:07},{kind},{state},{person},{other},{group},{},{closed_at},{code}",
            30_000 + i,
            stamp(opened, false)
        );
    }
    out
}

fn incidents(rng: &mut ChaCha8Rng) -> String {
    let mut out = String::from(
        "Number,State,Priority,Caller,Assigned to,Assignment group,Opened,Updated,Resolved,Made SLA,Reassignment count,Reopen count\n",
    );
    for i in 0..INCIDENTS {
        let u = uniform(rng);
        let (priority, speed) = match u {
            u if u < 0.05 => ("1 - Critical", 0.85),
            u if u < 0.2 => ("2 - High", 0.9),
            u if u < 0.75 => ("3 - Moderate", 1.0),
            _ => ("4 - Low", 1.0),
        };
        let opened = SPAN * (i as f64 + uniform(rng)) / INCIDENTS as f64;
        let hours = (2.0 + 28.0 * uniform(rng)) * speed;
        let resolved = opened + hours * 60.0;
        let met = if uniform(rng) < 0.7 { "true" } else { "false" };
        let reassigned = (uniform(rng) * 3.5) as u32;
        let reopened = u32::from(uniform(rng) < 0.1);
        let number = format!("INC{:07}", 10_000 + i);
        let caller = PEOPLE[(i + 2) % PEOPLE.len()];
        let agent = PEOPLE[(i + 3) % PEOPLE.len()];
        let group = GROUPS[(i + 1) % GROUPS.len()];
        let open = stamp(opened, true);
        let _ = writeln!(
            out,
            "{number},New,{priority},{caller},,Service Desk,{open},{open},,,0,0"
        );
        if reassigned > 0 {
            let middle = stamp(opened + hours * 30.0, true);
            let _ = writeln!(
                out,
                "{number},In Progress,{priority},{caller},{agent},{group},{open},{middle},,,{},0",
                reassigned - 1
            );
        }
        let done = stamp(resolved, true);
        let _ = writeln!(
            out,
            "{number},Resolved,{priority},{caller},{agent},{group},{open},{done},{done},{met},{reassigned},{reopened}"
        );
    }
    out
}

fn main() -> std::io::Result<()> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("sample-data/records");
    std::fs::create_dir_all(&dir)?;
    let mut rng = ChaCha8Rng::seed_from_u64(SEED);
    let changes = changes(&mut rng);
    let incidents = incidents(&mut rng);
    std::fs::write(dir.join("changes.csv"), changes)?;
    std::fs::write(dir.join("incidents.csv"), incidents)?;
    println!("wrote {}", dir.display());
    Ok(())
}
