//! Writes the sample surveys in `sample-data/`, one per built-in questionnaire, from a fixed
//! seed, and prints the assessment of each so that the story can be checked.
//!
//! ```text
//! cargo run --example make_sample_data                 # writes sample-data/*.csv
//! cargo run --release --example make_sample_data -- --stream 1000000
//! ```
//!
//! `--stream N` writes nothing: it streams N generated respondents of a 40-question
//! questionnaire straight into the scorer, one row at a time, and prints the time taken and the
//! overall result, so that peak memory can be measured with `/usr/bin/time -v` (it stays flat
//! whatever N).
//!
//! # The story
//!
//! Northfield Freight is a fictional regional logistics company (road haulage and three
//! warehouses). Two years ago IT launched an ITSM programme with a large tool purchase; it has
//! stalled. 120 staff answered the survey (121 rows: one person opened it and answered nothing):
//!
//! - **role**: IT (48), Business (66), Leadership (4), and 2 who left the role empty. Leadership
//!   is too small to show (suppressed at the default minimum group size of 5); with the 2 blank
//!   ones the suppressed groups hide 6 people, so IT and Business both stay visible.
//! - **department**: Service Desk, Infrastructure, Applications (IT); Operations, Warehousing,
//!   Customer Service, Finance (Business); Executive (Leadership, 4: suppressed, and as it hides
//!   fewer than 5 people the smallest shown department, Finance, is suppressed too).
//! - The numbers follow keywords of the domain ids, so the generator works for any
//!   questionnaire: a domain whose id contains `cost` is very low (level 1: nobody knows what IT
//!   services cost); `change` is low (a change board that approves everything weekly, and the
//!   statement that even small changes wait for it, `CE8` or `CHG7`, is agreed with most);
//!   `balance` or `relationship` is low, and much lower as rated by Business; `candour` or
//!   `improvement` is low too (after the failed attempt people are wary of blame and doubt the
//!   new one will work, IT a little less than Business); in every domain IT
//!   rates itself higher than Business does (the perception gap), and Leadership is a little
//!   more optimistic than both. Other domains sit around the middle of the scale, each shifted
//!   by a fixed amount derived from its id.
//! - A respondent who thinks badly of a practice agrees with a reverse-worded statement: the
//!   generator draws the respondent's view of the practice and writes `min + max - view` for a
//!   reversed question.
//! - About 3% of cells are empty and 2% are `N/A` (none for the small groups, so that they
//!   score in every domain), and one respondent stopped after the first third of the questions.
//! - Everyone has a fictional name in the `name` column (an identifying column, never read into
//!   the results). Some answer the open questions in their own words, from a fixed set of
//!   sentences that mention the domains' keywords; a few of those comments name a colleague
//!   from the name column, give an e-mail address or a phone number from the range kept for
//!   fiction, so that the report shows the scrubbing at work. The comments are drawn from a
//!   stream of their own, so the answers on the scale are the same with or without them.
//!
//! The random numbers come from `rand_chacha`'s ChaCha8 generator seeded with a fixed number.
//! ChaCha8's output stream is fixed by its specification and `rand_chacha` keeps it stable
//! across versions; only its raw 64-bit output is used (uniform and normal draws are derived
//! here, not with `rand`'s distributions, whose algorithms may change between versions), so the
//! files can be remade identically.

use itsm_assess::export::{AssessmentExporter, Json, Table};
use itsm_assess::questionnaire::{self, Questionnaire};
use itsm_assess::responses::{Answer, Row, answer_codes};
use itsm_assess::scoring::{InputCounts, Scorer};
use rand_chacha::ChaCha8Rng;
use rand_chacha::rand_core::{Rng, SeedableRng};
use std::path::Path;

/// The seed of every sample file (each questionnaire mixes its name in).
const SEED: u64 = 20_240_611;

/// Random draws from the raw ChaCha8 stream.
struct Draws(ChaCha8Rng);

impl Draws {
    fn new(seed: u64) -> Draws {
        Draws(ChaCha8Rng::seed_from_u64(seed))
    }

    /// Uniform in [0, 1), from the top 53 bits of one 64-bit output.
    fn uniform(&mut self) -> f64 {
        (self.0.next_u64() >> 11) as f64 / (1u64 << 53) as f64
    }

    /// Standard normal (Box-Muller, one value per two uniforms).
    fn normal(&mut self) -> f64 {
        let u1 = 1.0 - self.uniform(); // in (0, 1]
        let u2 = self.uniform();
        (-2.0 * u1.ln()).sqrt() * (std::f64::consts::TAU * u2).cos()
    }

    /// Uniform index below `n` (`n > 0`).
    fn index(&mut self, n: usize) -> usize {
        ((self.uniform() * n as f64) as usize).min(n.saturating_sub(1))
    }
}

/// A stable small number from a text (FNV-1a), to give each domain and question its own shift.
fn hash(text: &str) -> u64 {
    text.bytes().fold(0xcbf2_9ce4_8422_2325, |h, b| {
        (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
    })
}

/// A shift from -1 to 1 fixed by a text.
fn shift(text: &str) -> f64 {
    (hash(text) % 2001) as f64 / 1000.0 - 1.0
}

/// The role groups of the story.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Role {
    It,
    Business,
    Leadership,
    Unstated,
}

impl Role {
    fn label(self) -> &'static str {
        match self {
            Role::It => "IT",
            Role::Business => "Business",
            Role::Leadership => "Leadership",
            Role::Unstated => "",
        }
    }

    /// Small groups answer everything, so that they score in every domain.
    fn small(self) -> bool {
        matches!(self, Role::Leadership | Role::Unstated)
    }
}

/// The staff of Northfield Freight who answered: role, department, head count.
const STAFF: &[(Role, &str, usize)] = &[
    (Role::It, "Service Desk", 18),
    (Role::It, "Infrastructure", 14),
    (Role::It, "Applications", 16),
    (Role::Business, "Operations", 22),
    (Role::Business, "Warehousing", 16),
    (Role::Business, "Customer Service", 16),
    (Role::Business, "Finance", 12),
    (Role::Leadership, "Executive", 4),
    (Role::Unstated, "Operations", 2),
];

/// The story of a domain as a percent of the scale (for everyone) and a perception gap in
/// percent points (IT above Business).
fn domain_story(id: &str) -> (f64, f64) {
    let id = id.to_lowercase();
    if id.contains("cost") {
        (8.0, 6.0)
    } else if id.contains("change") {
        (27.0, 14.0)
    } else if id.contains("balance") || id.contains("relationship") {
        (30.0, 32.0)
    } else if id.contains("candour") || id.contains("improvement") {
        (36.0, 12.0)
    } else {
        (46.0 + 8.0 * shift(&id), 16.0)
    }
}

/// Statements the story leans on harder than the rest of their domain, with a shift in points of
/// a 1-5 scale: the change board that even small changes wait for (its statement in each
/// questionnaire), so that the change-board flag is raised as the story says.
const STORY_STATEMENTS: &[(&str, f64)] = &[("CE8", -0.6), ("CHG7", -0.6)];

/// The story's shift of a question, in points of a 1-5 scale (0 for most questions).
fn story_shift(id: &str) -> f64 {
    STORY_STATEMENTS
        .iter()
        .find(|(statement, _)| *statement == id)
        .map_or(0.0, |&(_, points)| points)
}

/// One respondent's answer to one question: the view of the practice on the scale, drawn
/// around the group's percent, written reversed for a reverse-worded question.
fn answer(
    q: &Questionnaire,
    percent: f64,
    bias: f64,
    item_shift: f64,
    reverse: bool,
    draws: &mut Draws,
) -> i32 {
    let (min, max) = (f64::from(q.scale.min), f64::from(q.scale.max));
    let unit = (max - min) / 4.0; // one point of a 1-5 scale
    let view =
        min + percent / 100.0 * (max - min) + bias + item_shift + 0.8 * unit * draws.normal();
    let view = view.round().clamp(min, max);
    // min + max - view, in f64 so that no scale can overflow an i32; the result is on the scale.
    (if reverse { min + max - view } else { view }) as i32
}

/// A generated respondent: id, role, department and one cell per question.
struct Respondent {
    id: String,
    role: Role,
    department: &'static str,
    cells: Vec<Answer>,
}

/// Fictional first and last names for the `name` column.
const FIRST_NAMES: &[&str] = &[
    "Alia", "Bram", "Carys", "Dario", "Elin", "Femi", "Greta", "Hamza", "Ines", "Jonah", "Kirsi",
    "Lorcan", "Maren", "Nikhil", "Odette", "Pavel", "Quinn", "Rosa", "Soren", "Talia",
];
const LAST_NAMES: &[&str] = &[
    "Achterberg",
    "Brightwell",
    "Castellano",
    "Dunmore",
    "Eriksen",
    "Fairbairn",
    "Gallacher",
    "Holloway",
    "Ivanova",
    "Kettering",
    "Lindqvist",
    "Marchetti",
];

/// Sentences that answer an open question, by the kind of question: what went wrong (`OQ1`),
/// what would prevent it (`OQ2`), and an example of a danger sign (`CE-EX`, ...). Our own
/// fictional wording, each leaning on a domain's keywords.
fn sentences(question: &str) -> &'static [&'static str] {
    match question {
        "OQ1" => &[
            "We bought a tool before we agreed how we wanted to work, and every change still waited for the weekly board.",
            "Nobody could say what a service costs, so the budget was cut when money got tight.",
            "IT worked as a silo and the business only heard from us when something broke.",
            "People were blamed for the failed rollout, so nobody was honest about what went wrong.",
            "Every ticket sat in the same queue whatever its impact on the warehouses.",
            "The programme had no owner on the business side and faded after the first year.",
            "Too many changes at once, and each deployment disrupted the depots.",
        ],
        "OQ2" => &[
            "Let routine changes through without a board approval and keep the board for risky ones.",
            "Agree priorities by business impact and publish service levels we can meet.",
            "Show each department what its services cost per user, and set a budget we can keep to.",
            "Give the people doing the work time for it, and listen to the lessons of last time without blame.",
            "Put someone from IT in the business planning meetings and improve communication both ways.",
            "Start small with a few quick wins so that people believe it can work this time.",
        ],
        "CE-EX" => &[
            "A one-line firewall change waited three weeks for the change board.",
            "An approved release still caused an outage because nobody tested the rollback.",
            "Changing a printer queue needed the same approval as a new warehouse system.",
        ],
        "PR-EX" => &[
            "A stopped loading bay was logged as a normal ticket and waited two days.",
            "The payroll run failed and the ticket had the same priority as a password reset.",
        ],
        "CT-EX" => &[
            "We renewed a licence nobody used because no one knew what the service cost.",
            "Finance asked for the cost of email per user and IT could not give a figure.",
        ],
        _ => &[
            "The new routing system went live in peak season and disrupted the business for weeks.",
            "We were told about a maintenance window after it had started.",
        ],
    }
}

/// How likely a respondent is to answer an open question, by its id.
fn answer_share(question: &str) -> f64 {
    match question {
        "OQ1" => 0.45,
        "OQ2" => 0.35,
        "CE-EX" => 0.15,
        "PR-EX" => 0.10,
        "CT-EX" => 0.10,
        _ => 0.05,
    }
}

/// The fictional name of each respondent, and their comments to the open questions, from a
/// stream of draws of their own.
fn names_and_comments(
    q: &Questionnaire,
    people: &[Respondent],
    seed: u64,
) -> (Vec<String>, Vec<Vec<String>>) {
    let mut draws = Draws::new(seed ^ hash("comments"));
    let names: Vec<String> = people
        .iter()
        .map(|_| {
            let first = FIRST_NAMES[draws.index(FIRST_NAMES.len())];
            let last = LAST_NAMES[draws.index(LAST_NAMES.len())];
            format!("{first} {last}")
        })
        .collect();
    let comments = people
        .iter()
        .map(|r| {
            let answered = r.cells.iter().any(|c| *c != Answer::Missing);
            q.open_questions
                .iter()
                .map(|open| {
                    let roll = draws.uniform();
                    if !answered || roll >= answer_share(&open.id) {
                        return String::new();
                    }
                    let list = sentences(&open.id);
                    let mut text = list[draws.index(list.len())].to_string();
                    let extra = draws.uniform();
                    let colleague = &names[draws.index(names.len())];
                    if extra < 0.12 {
                        let first = colleague.split(' ').next().unwrap_or(colleague);
                        text.push_str(&format!(" {first} on the service desk can tell you more."));
                    } else if extra < 0.18 {
                        text.push_str(&format!(" Ask {colleague}, who ran the pilot."));
                    } else if extra < 0.23 {
                        let address = colleague.to_lowercase().replace(' ', ".");
                        text.push_str(&format!(" Happy to talk: {address}@northfield.example"));
                    } else if extra < 0.26 {
                        text.push_str(&format!(" Call me on 01632 960{:03}.", draws.index(1000)));
                    }
                    text
                })
                .collect()
        })
        .collect();
    (names, comments)
}

/// The respondents of one questionnaire's sample survey, in a shuffled order.
fn respondents(q: &Questionnaire, seed: u64) -> Vec<Respondent> {
    let mut draws = Draws::new(seed);
    let unit = f64::from(q.scale.max - q.scale.min) / 4.0;
    let mut people: Vec<(Role, &'static str)> = STAFF
        .iter()
        .flat_map(|&(role, dept, n)| std::iter::repeat_n((role, dept), n))
        .collect();
    // Fisher-Yates, so that roles interleave in the file.
    for i in (1..people.len()).rev() {
        let j = draws.index(i + 1);
        people.swap(i, j);
    }
    let count = q.question_count();
    // Someone of a large group stopped after a third of the questions.
    let start = draws.index(people.len());
    let quitter = (0..people.len())
        .map(|k| (start + k) % people.len())
        .find(|&j| !people[j].0.small());
    let mut out: Vec<Respondent> = people
        .iter()
        .enumerate()
        .map(|(i, &(role, department))| {
            let bias = 0.35 * unit * draws.normal();
            let mut cells = Vec::with_capacity(count);
            for (d, question) in q.questions() {
                let (base, gap) = domain_story(&q.domains[d].id);
                let percent = match role {
                    Role::It => base + gap / 2.0,
                    Role::Business => base - gap / 2.0,
                    Role::Leadership => base + gap / 4.0,
                    Role::Unstated => base,
                };
                let item_shift = unit * (0.3 * shift(&question.id) + story_shift(&question.id));
                let roll = draws.uniform();
                let value = answer(q, percent, bias, item_shift, question.reverse, &mut draws);
                let cell = if Some(i) == quitter && cells.len() * 3 >= count {
                    Answer::Missing
                } else if role.small() {
                    Answer::Value(value)
                } else if roll < 0.03 {
                    Answer::Missing
                } else if roll < 0.05 {
                    Answer::NotApplicable
                } else {
                    Answer::Value(value)
                };
                cells.push(cell);
            }
            Respondent {
                id: String::new(),
                role,
                department,
                cells,
            }
        })
        .collect();
    // One person opened the survey and answered nothing.
    let position = draws.index(out.len() + 1);
    out.insert(
        position,
        Respondent {
            id: String::new(),
            role: Role::Business,
            department: "Finance",
            cells: vec![Answer::Missing; count],
        },
    );
    for (i, r) in out.iter_mut().enumerate() {
        r.id = format!("R{:03}", i + 1);
    }
    out
}

/// Writes one sample survey as CSV and returns its respondents.
fn write_sample(q: &Questionnaire, seed: u64, path: &Path) -> anyhow::Result<Vec<Respondent>> {
    let people = respondents(q, seed);
    let (names, comments) = names_and_comments(q, &people, seed);
    let mut writer = csv::Writer::from_path(path)?;
    let mut header = vec![
        "respondent".to_string(),
        "name".into(),
        "role".into(),
        "department".into(),
    ];
    header.extend(q.questions().map(|(_, question)| question.id.clone()));
    header.extend(q.open_questions.iter().map(|open| open.id.clone()));
    writer.write_record(&header)?;
    for ((r, name), said) in people.iter().zip(&names).zip(&comments) {
        let mut record = vec![
            r.id.clone(),
            name.clone(),
            r.role.label().into(),
            r.department.into(),
        ];
        record.extend(r.cells.iter().map(|cell| match cell {
            Answer::Missing => String::new(),
            Answer::NotApplicable => "N/A".into(),
            Answer::Value(x) => x.to_string(),
        }));
        record.extend(said.iter().cloned());
        writer.write_record(&record)?;
    }
    writer.flush()?;
    Ok(people)
}

/// Scores the generated respondents directly (not through the CSV reader) and prints the table,
/// grouped by role and department, so that the story can be checked.
fn print_assessment(q: &Questionnaire, people: &[Respondent]) -> anyhow::Result<()> {
    let columns = ["role".to_string(), "department".to_string()];
    let mut scorer = Scorer::new(q, &columns);
    for r in people {
        let groups = [r.role.label().to_string(), r.department.to_string()];
        scorer.add(&Row::new(&answer_codes(&r.cells, &q.scale), &groups))?;
    }
    let assessment = scorer.finish(
        itsm_assess::scoring::DEFAULT_MIN_GROUP_SIZE,
        InputCounts::default(),
    );
    print!("{}", Table.assessment(&assessment)?);
    Ok(())
}

/// A 40-question questionnaire (5 domains of 8, some reversed, some weighted) for `--stream`.
fn stream_questionnaire() -> anyhow::Result<Questionnaire> {
    let mut yaml = String::from("id: stream\ntitle: Stream\nscale: {min: 1, max: 5}\ndomains:\n");
    for d in 0..5 {
        yaml.push_str(&format!(
            "  - id: d{d}\n    name: Domain {d}\n    questions:\n"
        ));
        for i in 0..8 {
            let weight = if i % 3 == 0 { 2.0 } else { 1.0 };
            let reverse = i % 4 == 3;
            yaml.push_str(&format!(
                "      - {{id: q{d}{i}, text: Statement {d}.{i}, weight: {weight}, reverse: {reverse}}}\n"
            ));
        }
    }
    questionnaire::parse(&yaml, "stream").map_err(|e| anyhow::anyhow!("{e}"))
}

/// Streams `n` generated respondents into the scorer one row at a time.
fn stream(n: u64) -> anyhow::Result<()> {
    let q = stream_questionnaire()?;
    let columns = ["role".to_string(), "department".to_string()];
    let roles = ["IT", "Business", "Leadership"];
    let departments = ["Operations", "Finance", "Service Desk", "Warehousing"];
    let mut draws = Draws::new(SEED);
    let mut scorer = Scorer::new(&q, &columns);
    let mut codes = vec![Answer::Missing.code(&q.scale); q.question_count()];
    let mut groups = [String::new(), String::new()];
    let start = std::time::Instant::now();
    for _ in 0..n {
        for cell in codes.iter_mut() {
            let roll = draws.uniform();
            *cell = if roll < 0.05 {
                Answer::Missing
            } else if roll < 0.07 {
                Answer::NotApplicable
            } else {
                Answer::Value(1 + draws.index(5) as i32)
            }
            .code(&q.scale);
        }
        groups[0].clear();
        groups[0].push_str(roles[draws.index(roles.len())]);
        groups[1].clear();
        groups[1].push_str(departments[draws.index(departments.len())]);
        scorer.add(&Row::new(&codes, &groups))?;
    }
    let assessment = scorer.finish(5, InputCounts::default());
    let elapsed = start.elapsed();
    let json = Json.assessment(&assessment)?;
    println!(
        "streamed {n} respondents x {} questions in {:.2} s (generation included); \
         overall {:.4}%; JSON {} bytes",
        q.question_count(),
        elapsed.as_secs_f64(),
        assessment.overall.percent.unwrap_or(f64::NAN),
        json.len()
    );
    Ok(())
}

fn main() -> anyhow::Result<()> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if let [flag, n] = args.as_slice()
        && flag == "--stream"
    {
        return stream(n.parse()?);
    }
    if !args.is_empty() {
        anyhow::bail!("usage: make_sample_data [--stream N]");
    }
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("sample-data");
    std::fs::create_dir_all(&dir)?;
    for name in ["danger-signs", "itsm-recovery"] {
        let q = questionnaire::load(name).map_err(|e| anyhow::anyhow!("{e}"))?;
        let path = dir.join(format!("{name}.csv"));
        let people = write_sample(&q, SEED ^ hash(name), &path)?;
        println!("wrote {} ({} rows)\n", path.display(), people.len());
        print_assessment(&q, &people)?;
        println!();
    }
    Ok(())
}
