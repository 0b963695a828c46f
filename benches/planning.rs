//! Time to plan large questionnaires: 2,000 actions without dependencies (every pair of
//! levels ordered), and a chain of 10,000 actions (each depends on the one before), both in one
//! domain; also the time to read and check each questionnaire.
//!
//! ```text
//! cargo bench --bench planning
//! ```
//!
//! The questionnaires come from `src/roadmap/tests/generated.rs`, which the planner's scale
//! test uses too.

use criterion::{Criterion, criterion_group, criterion_main};
use itsm_assess::questionnaire::{self, Questionnaire};
use itsm_assess::roadmap::{self, DomainStatus, PlanOptions};
use std::hint::black_box;
use std::time::Duration;

#[path = "../src/roadmap/tests/generated.rs"]
mod generated;

/// Parse a generated questionnaire, or stop the bench.
fn parse(yaml: &str) -> Questionnaire {
    match questionnaire::parse(yaml, "generated") {
        Ok(q) => q,
        Err(e) => panic!("generated questionnaire: {e}"),
    }
}

fn bench(c: &mut Criterion) {
    let status = [DomainStatus {
        domain: "d".into(),
        percent: Some(0.0),
        level: Some(1),
    }];
    let cases = [
        ("2000 independent", generated::independent_actions(2_000)),
        ("10000 chain", generated::dependency_chain(10_000)),
    ];
    let mut group = c.benchmark_group("planning");
    group
        .sample_size(10)
        .measurement_time(Duration::from_secs(10));
    for (name, yaml) in &cases {
        let q = parse(yaml);
        group.bench_function(format!("read {name}"), |b| {
            b.iter(|| parse(black_box(yaml)))
        });
        for (label, capacity) in [("", None), (", capacity 100", Some(100))] {
            let opts = PlanOptions {
                capacity,
                ..PlanOptions::default()
            };
            group.bench_function(format!("plan {name}{label}"), |b| {
                b.iter(|| roadmap::plan(black_box(&q), &status, &[], &opts))
            });
        }
    }
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
