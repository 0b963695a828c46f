//! Throughput of the scorer: 1,000,000 respondents x 40 questions (5 domains of 8, some
//! reversed, some weighted), grouped by two columns, from rows already in memory.
//!
//! ```text
//! cargo bench --bench scoring
//! ```
//!
//! One iteration builds a scorer, adds every row and finishes the assessment (statistics,
//! suppression, comparisons). Peak memory of a streamed million rows is measured separately:
//! `cargo build --release --example make_sample_data && /usr/bin/time -v
//! target/release/examples/make_sample_data --stream 1000000`.

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use itsm_assess::questionnaire::{self, Questionnaire};
use itsm_assess::responses::{Answer, Row};
use itsm_assess::scoring::{InputCounts, Scorer};
use rand_chacha::ChaCha8Rng;
use rand_chacha::rand_core::{Rng, SeedableRng};
use std::hint::black_box;

const RESPONDENTS: usize = 1_000_000;
const DOMAINS: usize = 5;
const PER_DOMAIN: usize = 8;
const QUESTIONS: usize = DOMAINS * PER_DOMAIN;

/// The benchmark's questionnaire.
fn questionnaire() -> Questionnaire {
    let mut yaml = String::from("id: bench\ntitle: Bench\nscale: {min: 1, max: 5}\ndomains:\n");
    for d in 0..DOMAINS {
        yaml.push_str(&format!(
            "  - id: d{d}\n    name: Domain {d}\n    questions:\n"
        ));
        for i in 0..PER_DOMAIN {
            let weight = if i % 3 == 0 { 2.0 } else { 1.0 };
            let reverse = i % 4 == 3;
            yaml.push_str(&format!(
                "      - {{id: q{d}{i}, text: Statement {d}.{i}, weight: {weight}, reverse: {reverse}}}\n"
            ));
        }
    }
    match questionnaire::parse(&yaml, "bench") {
        Ok(q) => q,
        Err(e) => panic!("bench questionnaire: {e}"),
    }
}

/// All answers in one flat vector (row-major), and each row's index into the group-value
/// combinations.
struct Data {
    answers: Vec<Answer>,
    combos: Vec<[String; 2]>,
    row_combo: Vec<usize>,
}

fn data() -> Data {
    let mut rng = ChaCha8Rng::seed_from_u64(7);
    let mut uniform = move || (rng.next_u64() >> 11) as f64 / (1u64 << 53) as f64;
    let roles = ["IT", "Business", "Leadership"];
    let departments = ["Operations", "Finance", "Service Desk", "Warehousing"];
    let combos: Vec<[String; 2]> = roles
        .iter()
        .flat_map(|r| {
            departments
                .iter()
                .map(move |d| [r.to_string(), d.to_string()])
        })
        .collect();
    let mut answers = Vec::with_capacity(RESPONDENTS * QUESTIONS);
    let mut row_combo = Vec::with_capacity(RESPONDENTS);
    for _ in 0..RESPONDENTS {
        for _ in 0..QUESTIONS {
            let roll = uniform();
            answers.push(if roll < 0.05 {
                Answer::Missing
            } else if roll < 0.07 {
                Answer::NotApplicable
            } else {
                Answer::Value(1 + (uniform() * 5.0) as i32)
            });
        }
        row_combo.push(((uniform() * combos.len() as f64) as usize).min(combos.len() - 1));
    }
    Data {
        answers,
        combos,
        row_combo,
    }
}

fn bench(c: &mut Criterion) {
    let q = questionnaire();
    let data = data();
    let columns = ["role".to_string(), "department".to_string()];
    let mut group = c.benchmark_group("scoring");
    group.sample_size(10);
    group.measurement_time(std::time::Duration::from_secs(30));
    group.throughput(Throughput::Elements(RESPONDENTS as u64));
    group.bench_function("add+finish 1M respondents x 40 questions", |b| {
        b.iter(|| {
            let mut scorer = Scorer::new(&q, &columns);
            for (answers, &combo) in data.answers.chunks_exact(QUESTIONS).zip(&data.row_combo) {
                let row = Row::new(answers, &data.combos[combo]);
                if scorer.add(black_box(&row)).is_err() {
                    panic!("a bench row was refused");
                }
            }
            black_box(scorer.finish(5, InputCounts::default()))
        })
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
