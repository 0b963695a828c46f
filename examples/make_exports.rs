//! Write the answers of a canonical response CSV in each survey tool's export layout, so that
//! tests (and consultants trying the tool) can check that every layout reads to the same answers.
//!
//! ```text
//! cargo run --example make_exports -- [QUESTIONNAIRE] [CANONICAL.csv] [OUT_DIR]
//! ```
//! Defaults: `danger-signs`, `sample-data/danger-signs.csv`, `sample-data/exports`. The canonical
//! CSV has one header row: metadata columns (such as `role`, `department`) and one column per
//! question id. The output folder gets a copy of it (`canonical.csv`) and:
//! `google-forms.csv`, `microsoft-forms.xlsx`, `surveymonkey.csv`, `qualtrics.csv`,
//! `qualtrics-legacy.csv`, `limesurvey.csv` with `limesurvey-mapping.yaml`, `excel-1252.csv`
//! (Windows-1252, `;`) and `excel-unicode.txt` (UTF-16LE with BOM, tab). Every file keeps the
//! canonical metadata columns under their own names, so `--group-by role` works on all of them;
//! the two Excel re-saves add a `site` column with accented values. Identifying columns (e-mail,
//! IP address, ids) are filled with made-up values. The output depends only on the input.

use anyhow::{Context, Result, bail};
use itsm_assess::questionnaire::{self, Questionnaire};
use itsm_assess::responses::{
    Answer, ColumnRole, ReadOptions, Row, Source, inspect, read_responses,
};
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

/// One respondent of the canonical file.
struct Respondent {
    answers: Vec<Answer>,
    metadata: Vec<String>,
}

/// What the writers need: the questionnaire, the metadata column names and the respondents.
struct Survey {
    q: Questionnaire,
    metadata: Vec<String>,
    respondents: Vec<Respondent>,
}

impl Survey {
    /// The questions in order, with their domain index.
    fn questions(&self) -> Vec<(usize, &questionnaire::Question)> {
        self.q.questions().collect()
    }

    /// The matrix prompt of a domain, as a survey tool would show it.
    fn prompt(&self, domain: usize) -> String {
        format!(
            "How true is each statement about {}?",
            self.q.domains[domain].name.to_lowercase()
        )
    }

    /// The not-applicable answer as a respondent would pick it.
    fn not_applicable(&self) -> String {
        self.q
            .scale
            .not_applicable
            .first()
            .cloned()
            .unwrap_or_else(|| "N/A".to_string())
    }

    /// An answer as its label (`Strongly agree`), or `number - label` when `numbered`.
    fn label(&self, answer: Answer, numbered: bool) -> String {
        match answer {
            Answer::Missing => String::new(),
            Answer::NotApplicable => self.not_applicable(),
            Answer::Value(v) if numbered && self.q.scale.labels.contains_key(&v) => {
                format!("{v} - {}", self.q.scale.label(v))
            }
            Answer::Value(v) => self.q.scale.label(v),
        }
    }

    /// An answer as a number.
    fn number(&self, answer: Answer) -> String {
        match answer {
            Answer::Missing => String::new(),
            Answer::NotApplicable => self.not_applicable(),
            Answer::Value(v) => v.to_string(),
        }
    }
}

fn main() -> Result<()> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let spec = args.first().map_or("danger-signs", String::as_str);
    let canonical = PathBuf::from(
        args.get(1)
            .map_or("sample-data/danger-signs.csv", String::as_str),
    );
    let out = PathBuf::from(args.get(2).map_or("sample-data/exports", String::as_str));
    let q = questionnaire::load(spec).map_err(|e| anyhow::anyhow!("{e}"))?;
    let survey = read_canonical(q, &canonical)?;
    std::fs::create_dir_all(&out).with_context(|| format!("cannot create {}", out.display()))?;
    let copy = out.join("canonical.csv");
    if std::fs::canonicalize(&canonical)? != std::fs::canonicalize(&copy).unwrap_or_default() {
        std::fs::copy(&canonical, &copy)
            .with_context(|| format!("cannot copy {}", canonical.display()))?;
    }
    google_forms(&survey, &out)?;
    microsoft_forms(&survey, &out)?;
    surveymonkey(&survey, &out)?;
    qualtrics(&survey, &out)?;
    qualtrics_legacy(&survey, &out)?;
    limesurvey(&survey, &out)?;
    excel_resaves(&survey, &out)?;
    println!(
        "wrote {} respondents in 8 layouts to {}",
        survey.respondents.len(),
        out.display()
    );
    Ok(())
}

/// Read the canonical CSV with the crate's own reader: answers and metadata columns.
fn read_canonical(q: Questionnaire, path: &Path) -> Result<Survey> {
    let report = inspect(Source::file(path), &q, &ReadOptions::default())
        .map_err(|e| anyhow::anyhow!("{e}"))?;
    let metadata: Vec<String> = report
        .columns
        .iter()
        .filter(|c| c.role == ColumnRole::Metadata)
        .map(|c| c.header.clone())
        .collect();
    if !report.missing_questions.is_empty() {
        bail!(
            "{}: the canonical file lacks question columns",
            path.display()
        );
    }
    let opts = ReadOptions {
        group_by: metadata.clone(),
        ..ReadOptions::default()
    };
    let mut respondents = Vec::new();
    read_responses(vec![Source::file(path)], &q, &opts, &mut |row: &Row<'_>| {
        respondents.push(Respondent {
            answers: row.answers(&q.scale),
            metadata: row.groups.to_vec(),
        })
    })
    .map_err(|e| anyhow::anyhow!("{e}"))?;
    Ok(Survey {
        q,
        metadata,
        respondents,
    })
}

/// Write CSV records with the given delimiter, quoting every field when `quote_all`, ending
/// lines with CRLF when `crlf`.
fn csv_text(rows: &[Vec<String>], delimiter: u8, quote_all: bool, crlf: bool) -> Result<String> {
    let mut writer = csv::WriterBuilder::new()
        .delimiter(delimiter)
        .quote_style(if quote_all {
            csv::QuoteStyle::Always
        } else {
            csv::QuoteStyle::Necessary
        })
        .terminator(if crlf {
            csv::Terminator::CRLF
        } else {
            csv::Terminator::Any(b'\n')
        })
        .flexible(true)
        .from_writer(Vec::new());
    for row in rows {
        writer.write_record(row)?;
    }
    Ok(String::from_utf8(writer.into_inner()?)?)
}

fn write(out: &Path, name: &str, bytes: impl AsRef<[u8]>) -> Result<()> {
    let path = out.join(name);
    std::fs::write(&path, bytes).with_context(|| format!("cannot write {}", path.display()))
}

/// A made-up date and time for respondent `i`, as `(day, hour, minute)` in June 2025.
fn when(i: usize) -> (usize, usize, usize) {
    (2 + i / 9, 8 + i % 9, (i * 17) % 60)
}

/// Google Forms: Timestamp, an e-mail column, grid questions `Prompt [Statement]` for the first
/// domain (answers as labels), the other questions as linear scales (answers as numbers).
fn google_forms(s: &Survey, out: &Path) -> Result<()> {
    let mut header = vec!["Timestamp".to_string(), "Email Address".to_string()];
    header.extend(s.metadata.iter().cloned());
    for (d, q) in s.questions() {
        header.push(if d == 0 {
            format!("{} [{}]", s.prompt(d), q.text)
        } else {
            q.text.clone()
        });
    }
    let mut rows = vec![header];
    for (i, r) in s.respondents.iter().enumerate() {
        let (day, hour, minute) = when(i);
        let mut row = vec![
            format!("2025/06/{day:02} {hour}:{minute:02}:00 AM GMT+2"),
            format!("respondent{}@example.org", i + 1),
        ];
        row.extend(r.metadata.iter().cloned());
        for (a, (d, _)) in r.answers.iter().zip(s.questions()) {
            row.push(if d == 0 {
                s.label(*a, false)
            } else {
                s.number(*a)
            });
        }
        rows.push(row);
    }
    write(
        out,
        "google-forms.csv",
        csv_text(&rows, b',', false, false)?,
    )
}

/// Microsoft Forms: an .xlsx with ID, times, Email and Name (`anonymous`), then the questions;
/// answers as numbers (calamine reads them back as 4.0).
fn microsoft_forms(s: &Survey, out: &Path) -> Result<()> {
    let mut workbook = rust_xlsxwriter::Workbook::new();
    // A fixed creation time, so the same answers give the same bytes.
    let created = rust_xlsxwriter::ExcelDateTime::from_ymd(2026, 10, 30)?;
    workbook.set_properties(&rust_xlsxwriter::DocProperties::new().set_creation_datetime(&created));
    let sheet = workbook.add_worksheet();
    sheet.set_name("Sheet1")?;
    let mut header: Vec<String> = ["ID", "Start time", "Completion time", "Email", "Name"]
        .map(String::from)
        .to_vec();
    header.extend(s.metadata.iter().cloned());
    header.extend(s.questions().iter().map(|(_, q)| q.text.clone()));
    for (c, h) in header.iter().enumerate() {
        sheet.write_string(0, c as u16, h)?;
    }
    for (i, r) in s.respondents.iter().enumerate() {
        let row = i as u32 + 1;
        let (day, hour, minute) = when(i);
        sheet.write_number(row, 0, (i + 1) as f64)?;
        sheet.write_string(row, 1, format!("6/{day}/25 {hour}:{minute:02}:00"))?;
        sheet.write_string(
            row,
            2,
            format!("6/{day}/25 {hour}:{:02}:00", (minute + 4) % 60),
        )?;
        sheet.write_string(row, 3, "anonymous")?;
        sheet.write_string(row, 4, "anonymous")?;
        let mut c = 5u16;
        for m in &r.metadata {
            sheet.write_string(row, c, m)?;
            c += 1;
        }
        for a in &r.answers {
            match a {
                Answer::Missing => {}
                Answer::NotApplicable => {
                    sheet.write_string(row, c, s.not_applicable())?;
                }
                Answer::Value(v) => {
                    sheet.write_number(row, c, f64::from(*v))?;
                }
            }
            c += 1;
        }
    }
    workbook.save(out.join("microsoft-forms.xlsx"))?;
    Ok(())
}

/// SurveyMonkey: two header rows; each domain is a matrix question (prompt in row 1 over its
/// first column, statements in row 2); metadata questions say `Response` in row 2. Answers as
/// labels, `n - label` for the second domain.
fn surveymonkey(s: &Survey, out: &Path) -> Result<()> {
    let fixed = [
        "Respondent ID",
        "Collector ID",
        "Start Date",
        "End Date",
        "IP Address",
        "Email Address",
        "First Name",
        "Last Name",
        "Custom Data 1",
    ];
    let mut top: Vec<String> = fixed.map(String::from).to_vec();
    let mut sub: Vec<String> = vec![String::new(); fixed.len()];
    for m in &s.metadata {
        top.push(m.clone());
        sub.push("Response".into());
    }
    let mut previous = None;
    for (d, q) in s.questions() {
        top.push(if previous == Some(d) {
            String::new()
        } else {
            s.prompt(d)
        });
        sub.push(q.text.clone());
        previous = Some(d);
    }
    let mut rows = vec![top, sub];
    for (i, r) in s.respondents.iter().enumerate() {
        let (day, hour, minute) = when(i);
        let mut row = vec![
            format!("{}", 118_000_000 + i * 37),
            "431998877".into(),
            format!("06/{day:02}/2025 {hour:02}:{minute:02}:00 AM"),
            format!("06/{day:02}/2025 {hour:02}:{:02}:00 AM", (minute + 5) % 60),
            format!("192.0.2.{}", i + 1),
            String::new(),
            String::new(),
            String::new(),
            String::new(),
        ];
        row.extend(r.metadata.iter().cloned());
        for (a, (d, _)) in r.answers.iter().zip(s.questions()) {
            row.push(s.label(*a, d == 1));
        }
        rows.push(row);
    }
    write(
        out,
        "surveymonkey.csv",
        csv_text(&rows, b',', false, false)?,
    )
}

const QUALTRICS_META: [(&str, &str, &str); 17] = [
    ("StartDate", "Start Date", "startDate"),
    ("EndDate", "End Date", "endDate"),
    ("Status", "Response Type", "status"),
    ("IPAddress", "IP Address", "ipAddress"),
    ("Progress", "Progress", "progress"),
    ("Duration (in seconds)", "Duration (in seconds)", "duration"),
    ("Finished", "Finished", "finished"),
    ("RecordedDate", "Recorded Date", "recordedDate"),
    ("ResponseId", "Response ID", "_recordId"),
    (
        "RecipientLastName",
        "Recipient Last Name",
        "recipientLastName",
    ),
    (
        "RecipientFirstName",
        "Recipient First Name",
        "recipientFirstName",
    ),
    ("RecipientEmail", "Recipient Email", "recipientEmail"),
    (
        "ExternalReference",
        "External Data Reference",
        "externalDataReference",
    ),
    ("LocationLatitude", "Location Latitude", "locationLatitude"),
    (
        "LocationLongitude",
        "Location Longitude",
        "locationLongitude",
    ),
    (
        "DistributionChannel",
        "Distribution Channel",
        "distributionChannel",
    ),
    ("UserLanguage", "User Language", "userLanguage"),
];

/// The Qualtrics variable name of question `j` of domain `d`: `Q{d+1}_{j+1}`.
fn qualtrics_names(s: &Survey) -> Vec<String> {
    let mut names = Vec::new();
    let mut j = 0;
    let mut previous = None;
    for (d, _) in s.questions() {
        j = if previous == Some(d) { j + 1 } else { 1 };
        previous = Some(d);
        names.push(format!("Q{}_{j}", d + 1));
    }
    names
}

/// Qualtrics: variable names, texts (`Prompt - Statement`), ImportId JSON; numeric codes.
fn qualtrics(s: &Survey, out: &Path) -> Result<()> {
    let names = qualtrics_names(s);
    let mut vars: Vec<String> = QUALTRICS_META.iter().map(|m| m.0.to_string()).collect();
    let mut texts: Vec<String> = QUALTRICS_META.iter().map(|m| m.1.to_string()).collect();
    let mut ids: Vec<String> = QUALTRICS_META
        .iter()
        .map(|m| format!("{{\"ImportId\":\"{}\"}}", m.2))
        .collect();
    for (k, m) in s.metadata.iter().enumerate() {
        vars.push(m.clone());
        texts.push(m.clone());
        ids.push(format!("{{\"ImportId\":\"QID{}\"}}", 100 + k));
    }
    for (name, (d, q)) in names.iter().zip(s.questions()) {
        vars.push(name.clone());
        texts.push(format!("{} - {}", s.prompt(d), q.text));
        ids.push(format!(
            "{{\"ImportId\":\"QID{}\"}}",
            name.trim_start_matches('Q')
        ));
    }
    let mut rows = vec![vars, texts, ids];
    for (i, r) in s.respondents.iter().enumerate() {
        let (day, hour, minute) = when(i);
        let start = format!("2025-06-{day:02} {hour:02}:{minute:02}:00");
        let mut row = vec![
            start.clone(),
            start.clone(),
            "0".into(),
            format!("192.0.2.{}", i + 1),
            "100".into(),
            "312".into(),
            "1".into(),
            start,
            format!("R_{:015X}", 0x5EED_0000_u64 + i as u64 * 7919),
            String::new(),
            String::new(),
            String::new(),
            String::new(),
            "46.5".into(),
            "6.6".into(),
            "anonymous".into(),
            "EN".into(),
        ];
        row.extend(r.metadata.iter().cloned());
        row.extend(r.answers.iter().map(|a| s.number(*a)));
        rows.push(row);
    }
    write(out, "qualtrics.csv", csv_text(&rows, b',', false, false)?)
}

/// Qualtrics' legacy layout: BOM, `V1`..`V10` then question variables, texts in row 2, and a
/// trailing comma on every line.
fn qualtrics_legacy(s: &Survey, out: &Path) -> Result<()> {
    let legacy = [
        "ResponseID",
        "ResponseSet",
        "Name",
        "ExternalDataReference",
        "EmailAddress",
        "IPAddress",
        "Status",
        "StartDate",
        "EndDate",
        "Finished",
    ];
    let mut vars: Vec<String> = (1..=legacy.len()).map(|i| format!("V{i}")).collect();
    let mut texts: Vec<String> = legacy.map(String::from).to_vec();
    vars.extend(s.metadata.iter().cloned());
    texts.extend(s.metadata.iter().cloned());
    for (name, (d, q)) in qualtrics_names(s).into_iter().zip(s.questions()) {
        vars.push(name);
        texts.push(format!("{} - {}", s.prompt(d), q.text));
    }
    vars.push(String::new());
    texts.push(String::new());
    let mut rows = vec![vars, texts];
    for (i, r) in s.respondents.iter().enumerate() {
        let (day, hour, minute) = when(i);
        let start = format!("2017-07-{day:02} {hour:02}:{minute:02}:09");
        let mut row = vec![
            format!("R_{:015X}", 0x1E6A_0000_u64 + i as u64 * 104_729),
            "Default Response Set".into(),
            "Anonymous".into(),
            String::new(),
            String::new(),
            format!("192.0.2.{}", i + 1),
            "0".into(),
            start.clone(),
            start,
            "1".into(),
        ];
        row.extend(r.metadata.iter().cloned());
        row.extend(r.answers.iter().map(|a| s.number(*a)));
        row.push(String::new());
        rows.push(row);
    }
    let text = csv_text(&rows, b',', false, false)?;
    write(out, "qualtrics-legacy.csv", format!("\u{feff}{text}"))
}

/// LimeSurvey: BOM, every field quoted, CRLF, `;`; question codes `G{d}Q1[SQ00j]` and answer
/// codes `A1`..; with the mapping file that says what they mean.
fn limesurvey(s: &Survey, out: &Path) -> Result<()> {
    let scale = &s.q.scale;
    let code = |v: i32| format!("A{}", v - scale.min + 1);
    let na_code = code(scale.max + 1);
    let mut header: Vec<String> = [
        "id",
        "submitdate",
        "lastpage",
        "startlanguage",
        "seed",
        "token",
    ]
    .map(String::from)
    .to_vec();
    header.extend(s.metadata.iter().cloned());
    let mut codes = Vec::new();
    let mut j = 0;
    let mut previous = None;
    for (d, _) in s.questions() {
        j = if previous == Some(d) { j + 1 } else { 1 };
        previous = Some(d);
        codes.push(format!("G{}Q1[SQ{j:03}]", d + 1));
    }
    header.extend(codes.iter().cloned());
    let mut rows = vec![header];
    for (i, r) in s.respondents.iter().enumerate() {
        let (day, hour, minute) = when(i);
        let mut row = vec![
            (i + 1).to_string(),
            format!("2025-06-{day:02} {hour:02}:{minute:02}:00"),
            "4".into(),
            "en".into(),
            format!("{}", 1_000_003 * (i + 1) % 9_999_991),
            format!("tk{:06}", (i + 1) * 7919),
        ];
        row.extend(r.metadata.iter().cloned());
        row.extend(r.answers.iter().map(|a| match a {
            Answer::Missing => String::new(),
            Answer::NotApplicable => na_code.clone(),
            Answer::Value(v) => code(*v),
        }));
        rows.push(row);
    }
    let text = csv_text(&rows, b';', true, true)?;
    write(out, "limesurvey.csv", format!("\u{feff}{text}"))?;
    let mut mapping = String::from(
        "# LimeSurvey exported question codes and answer codes: what they mean.\ncolumns:\n",
    );
    for (c, (_, q)) in codes.iter().zip(s.questions()) {
        writeln!(mapping, "  \"{c}\": {}", q.id)?;
    }
    mapping.push_str("labels:\n");
    for v in scale.min..=scale.max {
        writeln!(mapping, "  {}: {v}   # {}", code(v), scale.label(v))?;
    }
    writeln!(mapping, "  {na_code}: n/a")?;
    write(out, "limesurvey-mapping.yaml", mapping)
}

/// Excel re-saves of the canonical table with labels as answers and a `site` column with
/// accented values: "CSV (Comma delimited)" on a French Windows (Windows-1252, `;`, CRLF) and
/// "Unicode Text" (UTF-16LE with BOM, tab, CRLF).
fn excel_resaves(s: &Survey, out: &Path) -> Result<()> {
    const SITES: [&str; 4] = ["Zürich", "Malmö", "Orléans", "São Paulo"];
    let mut header: Vec<String> = s.metadata.clone();
    header.push("site".into());
    header.extend(s.questions().iter().map(|(_, q)| q.id.clone()));
    let mut rows = vec![header];
    for (i, r) in s.respondents.iter().enumerate() {
        let mut row = r.metadata.clone();
        row.push(SITES[i % SITES.len()].into());
        row.extend(r.answers.iter().map(|a| s.label(*a, false)));
        rows.push(row);
    }
    let text = csv_text(&rows, b';', false, true)?;
    let (bytes, _, unmappable) = encoding_rs::WINDOWS_1252.encode(&text);
    if unmappable {
        bail!("the answers hold characters Windows-1252 cannot encode");
    }
    write(out, "excel-1252.csv", bytes)?;
    let text = csv_text(&rows, b'\t', false, true)?;
    let mut utf16 = vec![0xFF, 0xFE];
    utf16.extend(text.encode_utf16().flat_map(u16::to_le_bytes));
    write(out, "excel-unicode.txt", utf16)
}
