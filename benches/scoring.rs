//! Throughput of scoring, 1,000,000 respondents x 40 questions (5 domains of 8, some reversed,
//! some weighted):
//!
//! - `add+finish`: the scorer alone, grouped by two columns, from rows already in memory. One
//!   iteration builds a scorer, adds every row and finishes the assessment (statistics,
//!   suppression, comparisons).
//! - `floor` and `score`: the same survey written as a CSV file with a `role` column. The
//!   floor is one `csv` `ByteRecord` pass over the file (nothing can score it faster than it
//!   can be read); `score` reads, scores and writes the JSON as `score -g role -f json` does.
//!   After both, the ratio of their median times is printed.
//!
//! ```text
//! cargo bench --bench scoring
//! ```
//! Peak memory of a streamed million rows is measured separately:
//! `cargo build --release --example make_sample_data && /usr/bin/time -v
//! target/release/examples/make_sample_data --stream 1000000`.

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use itsm_assess::export::{AssessmentExporter, Json};
use itsm_assess::questionnaire::{self, Questionnaire};
use itsm_assess::responses::{Answer, ReadOptions, Row, Source, answer_codes};
use itsm_assess::scoring::{InputCounts, Scorer};
use rand_chacha::ChaCha8Rng;
use rand_chacha::rand_core::{Rng, SeedableRng};
use std::hint::black_box;
use std::io::Write;
use std::path::Path;
use std::time::{Duration, Instant};

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
    let codes = answer_codes(&data.answers, &q.scale);
    group.bench_function("add+finish 1M respondents x 40 questions", |b| {
        b.iter(|| {
            let mut scorer = Scorer::new(&q, &columns);
            for (codes, &combo) in codes.chunks_exact(QUESTIONS).zip(&data.row_combo) {
                let row = Row::new(codes, &data.combos[combo]);
                if scorer.add(black_box(&row)).is_err() {
                    panic!("a bench row was refused");
                }
            }
            black_box(scorer.finish(5, InputCounts::default()))
        })
    });
    group.finish();
}

/// Writes the data as a CSV file: a `role` column (the first group), then one column per
/// question holding the digit, `N/A` or nothing.
fn write_csv(data: &Data, path: &Path) -> std::io::Result<()> {
    let mut out = std::io::BufWriter::new(std::fs::File::create(path)?);
    let header: Vec<String> = (0..DOMAINS)
        .flat_map(|d| (0..PER_DOMAIN).map(move |i| format!("q{d}{i}")))
        .collect();
    writeln!(out, "role,{}", header.join(","))?;
    for (answers, &combo) in data.answers.chunks_exact(QUESTIONS).zip(&data.row_combo) {
        out.write_all(data.combos[combo][0].as_bytes())?;
        for a in answers {
            match a {
                Answer::Missing => out.write_all(b",")?,
                Answer::NotApplicable => out.write_all(b",N/A")?,
                Answer::Value(v) => write!(out, ",{v}")?,
            }
        }
        out.write_all(b"\n")?;
    }
    out.flush()
}

/// One `ByteRecord` pass over the file: its records and bytes.
fn floor(path: &Path) -> (u64, u64) {
    let mut reader = match csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_path(path)
    {
        Ok(r) => r,
        Err(e) => panic!("open the bench file: {e}"),
    };
    let mut record = csv::ByteRecord::new();
    let (mut rows, mut bytes) = (0, 0);
    while reader.read_byte_record(&mut record).unwrap_or(false) {
        rows += 1;
        bytes += record.as_slice().len() as u64;
    }
    (rows, bytes)
}

/// `score -g role -f json` on the file: the JSON's length.
fn score(q: &Questionnaire, path: &Path) -> usize {
    let read = ReadOptions {
        group_by: vec!["role".to_string()],
        ..ReadOptions::default()
    };
    let assessed = match itsm_assess::pipeline::assess(q, vec![Source::file(path)], &read, 5) {
        Ok(a) => a,
        Err(e) => panic!("score the bench file: {e:#}"),
    };
    match Json.assessment(&assessed.assessment) {
        Ok(json) => json.len(),
        Err(e) => panic!("write the JSON: {e:#}"),
    }
}

/// The median of the times per iteration criterion took.
fn median(times: &mut [Duration]) -> Duration {
    times.sort();
    times.get(times.len() / 2).copied().unwrap_or_default()
}

/// Times `f` for criterion, keeping each sample's time per iteration in `times`.
fn timed<T>(times: &mut Vec<Duration>, iters: u64, mut f: impl FnMut() -> T) -> Duration {
    let start = Instant::now();
    for _ in 0..iters {
        black_box(f());
    }
    let elapsed = start.elapsed();
    times.push(elapsed / u32::try_from(iters.max(1)).unwrap_or(u32::MAX));
    elapsed
}

fn bench_file(c: &mut Criterion) {
    let q = questionnaire();
    let dir = match tempfile::tempdir() {
        Ok(d) => d,
        Err(e) => panic!("a temporary folder: {e}"),
    };
    let path = dir.path().join("survey.csv");
    if let Err(e) = write_csv(&data(), &path) {
        panic!("write the bench file: {e}");
    }
    let (mut floor_times, mut score_times) = (Vec::new(), Vec::new());
    let mut group = c.benchmark_group("file");
    group.sample_size(10);
    group.measurement_time(Duration::from_secs(20));
    group.throughput(Throughput::Elements(RESPONDENTS as u64));
    group.bench_function("floor: ByteRecord pass over 1M x 40", |b| {
        b.iter_custom(|iters| timed(&mut floor_times, iters, || floor(&path)))
    });
    group.bench_function("score -g role -f json, 1M x 40", |b| {
        b.iter_custom(|iters| timed(&mut score_times, iters, || score(&q, &path)))
    });
    group.finish();
    let (f, s) = (median(&mut floor_times), median(&mut score_times));
    println!(
        "\nscore / floor: {:.2} ({:.3} s against {:.3} s, medians of the samples)",
        s.as_secs_f64() / f.as_secs_f64(),
        s.as_secs_f64(),
        f.as_secs_f64()
    );
}

criterion_group!(benches, bench, bench_file);
criterion_main!(benches);
