//! `itsm-assess report` and `demo`: escaping of hostile text, suppressed groups kept out,
//! no external URL, determinism, template overrides and template error positions, and reviewed
//! snapshots of the rendered report.

use crate::common::{fixtures, run, stderr, stdout};
use std::path::{Path, PathBuf};

fn fixture(name: &str) -> String {
    fixtures().join("report").join(name).display().to_string()
}

/// Render the hostile fixture's report in `format` into `dir`, with extra arguments.
fn render(dir: &Path, format: &str, extra: &[&str]) -> (std::process::Output, PathBuf) {
    let out = dir.join(format!("report.{format}"));
    let mut args: Vec<String> = vec![
        "report".into(),
        "-q".into(),
        fixture("hostile.yaml"),
        "-g".into(),
        "team".into(),
        "--title".into(),
        "<script>alert('title')</script>".into(),
        "--organisation".into(),
        "Org & <i>Co</i>".into(),
        "--date".into(),
        "2026-01-31".into(),
        "--format".into(),
        format.into(),
        "-o".into(),
        out.display().to_string(),
    ];
    args.extend(extra.iter().map(|s| s.to_string()));
    args.push(fixture("responses.csv"));
    (run(&args), out)
}

/// A template folder holding the given files, inside `dir`.
fn template_folder(dir: &Path, files: &[(&str, &str)]) -> PathBuf {
    let folder = dir.join("brand");
    std::fs::create_dir(&folder).unwrap();
    for (name, text) in files {
        std::fs::write(folder.join(name), text).unwrap();
    }
    folder
}

/// Render with the template folder; returns the outcome and the output path.
fn render_with(dir: &Path, format: &str, folder: &Path) -> (std::process::Output, PathBuf) {
    render(dir, format, &["--templates", folder.to_str().unwrap()])
}

fn rendered(format: &str) -> String {
    let dir = tempfile::tempdir().unwrap();
    let (result, path) = render(dir.path(), format, &[]);
    assert!(result.status.success(), "{}", stderr(&result));
    std::fs::read_to_string(path).unwrap()
}

#[test]
fn escapes_hostile_text_from_the_questionnaire_the_responses_and_the_command_line() {
    let html = rendered("html");
    // The report carries no script of its own, so any tag is an injection.
    assert!(!html.contains("<script"), "unescaped script tag");
    assert!(!html.contains("<img"), "unescaped img tag");
    assert!(!html.contains("<i>Co</i>") && !html.contains("<b>enablement"));
    // Each hostile text is there, escaped: title, question, group value, flag, action, domain.
    for escaped in [
        "&lt;script&gt;alert(&#39;title&#39;)&lt;/script&gt;",
        "&lt;script&gt;alert(&#39;question&#39;)&lt;/script&gt;",
        "&lt;script&gt;alert(&#39;group&#39;)&lt;/script&gt;",
        "&lt;script&gt;alert(&#39;flag&#39;)&lt;/script&gt;",
        "&lt;img src=x onerror=alert(&#39;action&#39;)&gt;",
        "Change &lt;b&gt;enablement&lt;/b&gt;",
        "Org &amp; &lt;i&gt;Co&lt;/i&gt;",
    ] {
        assert!(html.contains(escaped), "missing escaped text {escaped}");
    }
}

#[test]
fn escapes_hostile_text_in_the_markdown_report() {
    let md = rendered("md");
    // Every `<` of user text is escaped with a backslash, so a wiki shows it as text.
    assert!(!md.replace("\\<", "").contains('<'), "{md}");
    assert!(
        md.contains("\\<script\\>alert('title')\\</script\\>"),
        "{md}"
    );
    assert!(!md.contains("<svg"), "the Markdown report has no charts");
}

#[test]
fn suppressed_groups_appear_nowhere_in_the_report() {
    // Tiny Team Zeta has 2 people (below 5); it hides fewer than 5, so the smallest shown
    // group, Operations (6), is withheld too. Tiny Team Zeta may appear nowhere; Operations is
    // named as withheld, never with a figure.
    for format in ["html", "md"] {
        let text = rendered(format);
        assert!(!text.contains("Tiny Team Zeta"), "{format}");
        // Operations is withheld (issue 11, item 7): named as such, with no figure.
        assert!(
            text.contains(
                "Withheld so that a smaller group cannot be worked out by subtraction: Operations."
            ),
            "{format}"
        );
        assert!(
            text.contains("Business"),
            "{format}: a shown group is missing"
        );
    }
}

#[test]
fn respondent_identities_never_reach_the_report() {
    for format in ["html", "md"] {
        let text = rendered(format);
        assert!(!text.contains("@example.com"), "{format}");
    }
}

#[test]
fn the_html_report_loads_nothing_from_outside() {
    let html = rendered("html");
    for forbidden in [
        "<link", "@import", "url(", "<iframe", "<object", "<img", "<script",
    ] {
        assert!(!html.contains(forbidden), "found {forbidden}");
    }
    // No tag has an attribute that loads anything.
    for tag in html.split('<').skip(1) {
        let tag = tag.split('>').next().unwrap_or("");
        for attribute in [" src=", " href=\"http", " href=\"//", " xlink:href=\"http"] {
            assert!(!tag.contains(attribute), "tag <{tag}> loads something");
        }
    }
    // The only URLs are XML namespace names, which browsers never fetch.
    let mut rest = html.as_str();
    while let Some(i) = rest.find("http") {
        let url: String = rest[i..]
            .chars()
            .take_while(|c| !c.is_whitespace() && *c != '"' && *c != '\'')
            .collect();
        assert!(
            url == "http://www.w3.org/2000/svg" || url == "http://www.w3.org/1999/xlink",
            "external URL {url}"
        );
        let before = &rest[..i];
        assert!(before.ends_with("xmlns=\"") || before.ends_with("xmlns:xlink=\""));
        rest = &rest[i + 4..];
    }
}

#[test]
fn the_same_inputs_give_a_byte_identical_report() {
    for format in ["html", "md"] {
        assert_eq!(rendered(format), rendered(format), "{format}");
    }
}

#[test]
fn a_template_folder_overrides_the_built_in_templates_file_by_file() {
    let dir = tempfile::tempdir().unwrap();
    let folder = template_folder(
        dir.path(),
        &[("report.css", "body { color: rebeccapurple; }\n")],
    );
    let (result, path) = render_with(dir.path(), "html", &folder);
    assert!(result.status.success(), "{}", stderr(&result));
    let html = std::fs::read_to_string(path).unwrap();
    assert!(html.contains("rebeccapurple"));
    // The built-in page is still used around the overridden style sheet.
    assert!(html.contains("Recovery roadmap"));
    assert!(
        !html.contains("--accent"),
        "the built-in style sheet was replaced"
    );
}

#[test]
fn an_overriding_page_template_receives_the_view() {
    let dir = tempfile::tempdir().unwrap();
    let folder = template_folder(
        dir.path(),
        &[(
            "report.html",
            "<h1>{{ title }}</h1>{% for d in domains %}<p>{{ d.name }}: {{ d.percent }}</p>{% endfor %}\n",
        )],
    );
    let (result, path) = render_with(dir.path(), "html", &folder);
    assert!(result.status.success(), "{}", stderr(&result));
    let html = std::fs::read_to_string(path).unwrap();
    assert!(html.starts_with("<h1>&lt;script&gt;alert(&#39;title&#39;)&lt;/script&gt;</h1>"));
    assert!(html.contains("<p>Cost transparency: "));
}

#[test]
fn a_broken_template_is_reported_with_file_line_and_column_and_writes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let folder = template_folder(
        dir.path(),
        &[(
            "report.html",
            "<html>\n<body>\n  <h1>{{ title | no_such_filter }}</h1>\n",
        )],
    );
    let page = folder.join("report.html");
    let (result, path) = render_with(dir.path(), "html", &folder);
    assert_eq!(result.status.code(), Some(1));
    let err = stderr(&result);
    let expected = format!("{}:3:", page.display());
    assert!(err.contains(&expected), "{err}");
    assert!(err.contains("no_such_filter"), "{err}");
    assert!(!path.exists(), "a failed report must not write the output");
}

#[test]
fn a_template_error_at_render_time_names_its_place() {
    let dir = tempfile::tempdir().unwrap();
    let folder = template_folder(
        dir.path(),
        &[("report.md", "# {{ title }}\n\n{{ no_such_value.field }}\n")],
    );
    let page = folder.join("report.md");
    let (result, _) = render_with(dir.path(), "md", &folder);
    assert_eq!(result.status.code(), Some(1));
    let err = stderr(&result);
    assert!(err.contains(&format!("{}:3:", page.display())), "{err}");
}

/// The HTML report with every chart folded to its title, so the snapshot reviews the page,
/// not plotters' coordinates (the charts have their own tests).
fn fold_charts(html: &str) -> String {
    let mut out = String::new();
    let mut rest = html;
    while let Some(start) = rest.find("<svg") {
        out.push_str(&rest[..start]);
        let end = rest[start..]
            .find("</svg>")
            .map_or(rest.len(), |e| start + e + "</svg>".len());
        let svg = &rest[start..end];
        let title = svg
            .split_once("<title")
            .and_then(|(_, t)| t.split_once('>'))
            .and_then(|(_, t)| t.split_once("</title>"))
            .map_or("", |(t, _)| t);
        out.push_str(&format!("<svg>[chart: {title}]</svg>"));
        rest = &rest[end..];
    }
    out.push_str(rest);
    out
}

#[test]
fn the_html_report_matches_its_reviewed_snapshot() {
    insta::assert_snapshot!("report_html", fold_charts(&rendered("html")));
}

#[test]
fn the_markdown_report_matches_its_reviewed_snapshot() {
    insta::assert_snapshot!("report_md", rendered("md"));
}

#[test]
fn the_demo_writes_a_report_a_roadmap_and_scores() {
    let dir = tempfile::tempdir().unwrap();
    let out_dir = dir.path().join("demo");
    let result = run(["demo", "-o", out_dir.to_str().unwrap()]);
    assert!(result.status.success(), "{}", stderr(&result));
    let text = stdout(&result);
    for name in ["report.html", "roadmap.csv", "scores.json"] {
        let path = out_dir.join(name);
        assert!(text.contains(&path.display().to_string()), "{text}");
        assert!(std::fs::metadata(&path).unwrap().len() > 100, "{name}");
    }
    let scores: serde_json::Value =
        serde_json::from_slice(&std::fs::read(out_dir.join("scores.json")).unwrap()).unwrap();
    assert_eq!(scores["questionnaire"]["id"], "danger-signs");
    // Every row of the bundled sample is read: its data lines, counted here from the file.
    let sample =
        std::fs::read_to_string(crate::common::root().join("sample-data/danger-signs.csv"))
            .unwrap();
    let data_rows = sample
        .lines()
        .skip(1)
        .filter(|l| !l.trim().is_empty())
        .count();
    assert!(data_rows > 100);
    assert_eq!(scores["respondents"]["rows"], data_rows as u64);
    let csv = std::fs::read_to_string(out_dir.join("roadmap.csv")).unwrap();
    assert!(csv.starts_with("phase,order,id,title,domain,owner,effort,impact,priority,"));
    // Run again: byte-identical outputs.
    let again = dir.path().join("again");
    assert!(
        run(["demo", "-o", again.to_str().unwrap()])
            .status
            .success()
    );
    for name in ["report.html", "roadmap.csv", "scores.json"] {
        assert_eq!(
            std::fs::read(out_dir.join(name)).unwrap(),
            std::fs::read(again.join(name)).unwrap(),
            "{name} differs between runs"
        );
    }
}

#[test]
fn without_a_date_the_cover_gives_the_latest_response_date_from_the_data() {
    let export = crate::common::root().join("sample-data/exports/google-forms.csv");
    // The latest Timestamp, worked out here from the file's first column ("2025/06/02 8:00:00
    // AM GMT+2": the date is the first ten characters, year first).
    let text = std::fs::read_to_string(&export).unwrap();
    let latest = text
        .lines()
        .skip(1)
        .filter_map(|l| l.get(..10))
        .map(|d| d.replace('/', "-"))
        .max()
        .unwrap();
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("report.md");
    let result = run([
        "report".as_ref(),
        "-q".as_ref(),
        "danger-signs".as_ref(),
        "-f".as_ref(),
        "md".as_ref(),
        "-o".as_ref(),
        out.as_os_str(),
        export.as_os_str(),
    ]);
    assert!(result.status.success(), "{}", stderr(&result));
    let md = std::fs::read_to_string(&out).unwrap();
    assert!(
        md.contains(&format!("{latest} (date of the latest response)")),
        "{latest}: {md}"
    );
}

/// A small seeded generator (xorshift64*), so that the generated survey is the same on every
/// run and every machine.
struct Draws(u64);

impl Draws {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    /// A uniform draw in [0, 1).
    fn unit(&mut self) -> f64 {
        (self.next() >> 11) as f64 / (1u64 << 53) as f64
    }
}

/// The departments of the realistic survey, with their role and size: 8 departments, 401
/// people. Leadership (45) sits alone in Executive; 3 contractors are too few to show by role.
pub const DEPARTMENTS: [(&str, &str, usize); 9] = [
    ("IT", "Service Desk", 50),
    ("IT", "Infrastructure", 44),
    ("IT", "Applications", 36),
    ("Business", "Operations", 70),
    ("Business", "Warehousing", 60),
    ("Business", "Customer Service", 55),
    ("Business", "Finance", 38),
    ("Leadership", "Executive", 45),
    ("Contractor", "Operations", 3),
];

/// Write the realistic case of the report issue into `dir`: every question of the 12-domain
/// `itsm-recovery` questionnaire (its columns from `itsm-assess template`), about 400 people
/// with a role and one of 8 departments, IT rating itself well above the business. Returns
/// the file's path.
pub fn realistic_survey(dir: &Path) -> PathBuf {
    let template = run(["template", "-q", "itsm-recovery"]);
    assert!(template.status.success(), "{}", stderr(&template));
    let header = stdout(&template);
    // Row 1 holds the ids (row 2 the statements' texts).
    let ids = header.lines().next().unwrap_or_default();
    let questions: Vec<&str> = ids.split(',').skip(1).collect();
    assert!(questions.len() > 60, "{header}");
    let mut draws = Draws(0x1234_5678_9ABC_DEF1);
    let mut csv = format!("role,department,{}\n", questions.join(","));
    for (role, department, people) in DEPARTMENTS {
        let base = match role {
            "IT" => 3.4,
            "Leadership" => 2.9,
            _ => 2.3,
        };
        for _ in 0..people {
            let mut row = vec![role.to_string(), department.to_string()];
            for (k, _) in questions.iter().enumerate() {
                let shift = (k % 7) as f64 * 0.12 - 0.36;
                let noise = draws.unit() + draws.unit() + draws.unit() - 1.5;
                let value = (base + shift + noise * 1.2).round().clamp(1.0, 5.0);
                let cell = draws.unit();
                row.push(if cell < 0.03 {
                    String::new()
                } else if cell < 0.06 {
                    "N/A".into()
                } else {
                    format!("{value}")
                });
            }
            csv.push_str(&row.join(","));
            csv.push('\n');
        }
    }
    let path = dir.join("realistic.csv");
    std::fs::write(&path, csv).unwrap();
    path
}

/// The realistic case's report in `format`, into `dir`.
pub fn realistic_report(dir: &Path, format: &str, extra: &[&str]) -> PathBuf {
    let survey = realistic_survey(dir);
    let out = dir.join(format!("realistic.{format}"));
    let mut args: Vec<String> = [
        "report",
        "-q",
        "itsm-recovery",
        "-g",
        "role",
        "-g",
        "department",
        "--date",
        "2026-10-30",
        "-f",
        format,
        "-o",
    ]
    .iter()
    .map(|s| s.to_string())
    .collect();
    args.push(out.display().to_string());
    args.extend(extra.iter().map(|s| s.to_string()));
    args.push(survey.display().to_string());
    let result = run(&args);
    assert!(result.status.success(), "{}", stderr(&result));
    out
}

/// The demo's files, written into `dir`.
fn demo(dir: &Path) -> PathBuf {
    let out = dir.join("demo");
    let result = run(["demo", "-o", out.to_str().unwrap()]);
    assert!(result.status.success(), "{}", stderr(&result));
    out
}

/// The text of the element that starts at `start` (an opening tag) up to its `end` tag.
fn element<'a>(html: &'a str, start: &str, end: &str) -> &'a str {
    let from = html.find(start).unwrap_or_else(|| panic!("no {start}"));
    let to = html[from..].find(end).map_or(html.len(), |e| from + e);
    &html[from..to]
}

/// The bands of the shipped questionnaires (docs/statistics.md): level, name, from percent.
const BANDS: [(u32, &str, f64); 5] = [
    (1, "Initial", 0.0),
    (2, "Managed", 32.51),
    (3, "Defined", 50.01),
    (4, "Measured", 67.51),
    (5, "Optimising", 85.01),
];

#[test]
fn the_summary_names_each_group_of_the_perspective_with_its_level() {
    let dir = tempfile::tempdir().unwrap();
    let out = demo(dir.path());
    let html = std::fs::read_to_string(out.join("report.html")).unwrap();
    let scores: serde_json::Value =
        serde_json::from_slice(&std::fs::read(out.join("scores.json")).unwrap()).unwrap();
    let summary = element(
        &html,
        "<section class=\"summary\" id=\"summary\">",
        "</section>",
    );
    assert!(html.contains("id=\"at-a-glance\""));
    // Each shown role's standing, worked out here from the scores: the weighted mean of its
    // domain percents, and the band it falls in.
    let mut sums: std::collections::BTreeMap<String, (f64, f64)> = Default::default();
    for d in scores["domains"].as_array().unwrap() {
        let weight = d["weight"].as_f64().unwrap();
        for g in d["groups"].as_array().unwrap() {
            if g["column"] == "role" && g["suppressed"] == false {
                let entry = sums.entry(g["value"].as_str().unwrap().into()).or_default();
                entry.0 += weight * g["percent"].as_f64().unwrap();
                entry.1 += weight;
            }
        }
    }
    assert!(sums.len() >= 2, "{sums:?}");
    for (group, (sum, weight)) in &sums {
        let percent = sum / weight;
        let (level, name, _) = BANDS.iter().rev().find(|b| percent >= b.2).unwrap();
        let said = format!("{group} at level {level} ({name}, {percent:.0}%)");
        assert!(summary.contains(&said), "{said} not in {summary}");
    }
    // The demo's IT and Business are more than 10 points apart, and the summary says so.
    assert!(summary.contains("Business puts the programme"), "{summary}");
}

#[test]
fn the_perspective_is_chosen_and_a_column_not_grouped_by_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let out = realistic_report(dir.path(), "md", &["--perspective", "department"]);
    let md = std::fs::read_to_string(out).unwrap();
    assert!(md.contains("By department: Applications at level"), "{md}");
    assert!(md.contains("**Executive (department):**"), "{md}");
    let bad = dir.path().join("bad.md");
    let result = run([
        "report".as_ref(),
        "-q".as_ref(),
        "danger-signs".as_ref(),
        "-g".as_ref(),
        "role".as_ref(),
        "--perspective".as_ref(),
        "team".as_ref(),
        "-o".as_ref(),
        bad.as_os_str(),
        crate::common::root()
            .join("sample-data/danger-signs.csv")
            .as_os_str(),
    ]);
    assert_eq!(result.status.code(), Some(1));
    assert!(
        stderr(&result).contains("--perspective 'team'"),
        "{}",
        stderr(&result)
    );
    assert!(!bad.exists());
}

#[test]
fn invitations_give_the_response_rate_and_the_paper_size_is_set() {
    let dir = tempfile::tempdir().unwrap();
    let out = realistic_report(
        dir.path(),
        "html",
        &[
            "--invited",
            "500",
            "--invited",
            "department=Finance:50",
            "--paper",
            "letter",
        ],
    );
    let html = std::fs::read_to_string(out).unwrap();
    // 401 people of 500: 80.2%, shown as 80%; Finance's 38 of 50 is 76%.
    assert!(
        html.contains("Response rate: 401 of 500 invited, 80%."),
        "{html}"
    );
    assert!(html.contains("By group: department Finance 38 of 50, 76%."));
    assert!(html.contains("@page { size: letter; }"));
    let a4 = std::fs::read_to_string(realistic_report(dir.path(), "html", &[])).unwrap();
    assert!(a4.contains("@page { size: A4; }"));
    assert!(a4.contains("counter(page)") && a4.contains("counter(pages)"));
}

#[test]
fn the_roadmap_strip_and_the_decisions_agree_with_the_roadmap() {
    let dir = tempfile::tempdir().unwrap();
    let sample = crate::common::root().join("sample-data/danger-signs.csv");
    let roadmap = run([
        "roadmap".as_ref(),
        "-q".as_ref(),
        "danger-signs".as_ref(),
        "-g".as_ref(),
        "role".as_ref(),
        "--capacity".as_ref(),
        "8".as_ref(),
        "-f".as_ref(),
        "json".as_ref(),
        sample.as_os_str(),
    ]);
    assert!(roadmap.status.success(), "{}", stderr(&roadmap));
    let plan: serde_json::Value = serde_json::from_str(&stdout(&roadmap)).unwrap();
    let md = std::fs::read_to_string({
        let out = dir.path().join("demo.md");
        let result = run([
            "report".as_ref(),
            "-q".as_ref(),
            "danger-signs".as_ref(),
            "-g".as_ref(),
            "role".as_ref(),
            "--capacity".as_ref(),
            "8".as_ref(),
            "-f".as_ref(),
            "md".as_ref(),
            "-o".as_ref(),
            out.as_os_str(),
            sample.as_os_str(),
        ]);
        assert!(result.status.success(), "{}", stderr(&result));
        out
    })
    .unwrap();
    let actions: Vec<&serde_json::Value> = plan["phases"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|p| p["actions"].as_array().unwrap())
        .collect();
    // A domain reaches level L in the phase where the last of its actions lifting it to a
    // level up to L is done, climbing from its current level while each level has an action.
    for t in plan["targets"].as_array().unwrap() {
        if t["state"] != "below_target" {
            continue;
        }
        let (current, target) = (
            t["current_level"].as_u64().unwrap(),
            t["target_level"].as_u64().unwrap(),
        );
        let mut done_by = 0;
        for level in current + 1..=target {
            let phases: Vec<u64> = actions
                .iter()
                .filter(|a| a["domain"] == t["domain"] && a["lifts_to"] == level)
                .map(|a| a["phase"].as_u64().unwrap())
                .collect();
            let Some(last) = phases.iter().max() else {
                break;
            };
            done_by = done_by.max(*last);
            let phase = &plan["phases"][(done_by - 1) as usize];
            let line = md
                .lines()
                .find(|l| l.starts_with(&format!("- **Phase {}: ", phase["index"])))
                .unwrap();
            let is_highest_there = !phases.is_empty()
                && (level == target
                    || actions
                        .iter()
                        .filter(|a| a["domain"] == t["domain"] && a["lifts_to"] == level + 1)
                        .map(|a| a["phase"].as_u64().unwrap())
                        .max()
                        .is_none_or(|p| p.max(done_by) > done_by));
            if is_highest_there {
                let said = format!("{} to level {level}", t["name"].as_str().unwrap());
                assert!(line.contains(&said), "{said} not in {line}");
            }
        }
    }
    // The first phase's owners, each with its number of actions.
    let first = &plan["phases"][0]["actions"];
    let mut owners: Vec<(String, usize)> = Vec::new();
    for a in first.as_array().unwrap() {
        let owner = a["owner"].as_str().unwrap().to_string();
        match owners.iter_mut().find(|(o, _)| *o == owner) {
            Some((_, n)) => *n += 1,
            None => owners.push((owner, 1)),
        }
    }
    for (owner, n) in owners {
        let said = format!("{owner} ({n} action{})", if n == 1 { "" } else { "s" });
        assert!(md.contains(&said), "{said}");
    }
}

#[test]
fn planner_notes_are_in_the_method_never_in_the_board_pages() {
    let dir = tempfile::tempdir().unwrap();
    let out = demo(dir.path());
    let html = std::fs::read_to_string(out.join("report.html")).unwrap();
    let sample = crate::common::root().join("sample-data/danger-signs.csv");
    let roadmap = run([
        "roadmap".as_ref(),
        "-q".as_ref(),
        "danger-signs".as_ref(),
        "-g".as_ref(),
        "role".as_ref(),
        "--capacity".as_ref(),
        "8".as_ref(),
        "-f".as_ref(),
        "json".as_ref(),
        sample.as_os_str(),
    ]);
    let plan: serde_json::Value = serde_json::from_str(&stdout(&roadmap)).unwrap();
    let warnings = plan["warnings"].as_array().unwrap();
    assert!(!warnings.is_empty(), "the demo's plan has notes");
    let method = html.find("<section id=\"method\"").unwrap();
    for w in warnings {
        let text = w.as_str().unwrap();
        let at = html
            .find(text)
            .unwrap_or_else(|| panic!("{text} not in the report"));
        assert!(at > method, "{text} is before the method appendix");
        assert_eq!(html.matches(text).count(), 1);
    }
}

#[test]
fn the_report_states_at_most_five_differences_per_column_and_caps_its_table() {
    let dir = tempfile::tempdir().unwrap();
    let md = std::fs::read_to_string(realistic_report(dir.path(), "md", &[])).unwrap();
    let gaps = element(&md, "## Perception gaps", "## Comparisons between groups");
    for column in ["role", "department"] {
        let part = element(gaps, &format!("### By {column}"), "\n### ");
        let stated = part
            .lines()
            .filter(|l| l.starts_with("- People with"))
            .count();
        assert!((1..=5).contains(&stated), "{column}: {stated}\n{part}");
        assert!(part.contains("(Holm's method)"));
    }
    let department = element(gaps, "### By department", "## Comparisons");
    assert!(
        department.contains("more such differences in the table"),
        "{department}"
    );
    let table = element(
        &md,
        "## Comparisons between groups",
        "## How people answered",
    );
    let by_department = element(table, "### By department", "## How people answered");
    let rows = by_department
        .lines()
        .filter(|l| l.starts_with("| ") && !l.starts_with("| Domain"))
        .count();
    assert_eq!(rows, 15, "{by_department}");
    // 12 domains x 28 pairs of 8 departments = 336, less the 15 shown.
    assert!(
        by_department.contains("321 further comparisons by department not shown here."),
        "{by_department}"
    );
}

#[test]
fn a_domain_many_cannot_see_is_a_finding() {
    let template = run(["template", "-q", "danger-signs"]);
    // Both header rows are kept (the reader skips the texts row); the columns are row 1's ids.
    let header = stdout(&template);
    let columns: Vec<&str> = header
        .lines()
        .next()
        .unwrap_or_default()
        .split(',')
        .collect();
    // 10 people; 4 of them answer every change question (CE...) "N/A", the others 2: 4 x 9
    // of 10 x 9 change answers, 40%. Every other answer is 3.
    let mut csv = header.clone();
    for person in 0..10 {
        let row: Vec<&str> = columns
            .iter()
            .map(|c| match *c {
                "role" => "Staff",
                c if c.starts_with("CE") && person < 4 => "N/A",
                c if c.starts_with("CE") => "2",
                _ => "3",
            })
            .collect();
        csv.push_str(&row.join(","));
        csv.push('\n');
    }
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("dont-know.csv");
    std::fs::write(&input, csv).unwrap();
    let out = dir.path().join("r.md");
    let result = run([
        "report".as_ref(),
        "-q".as_ref(),
        "danger-signs".as_ref(),
        "-f".as_ref(),
        "md".as_ref(),
        "-o".as_ref(),
        out.as_os_str(),
        input.as_os_str(),
    ]);
    assert!(result.status.success(), "{}", stderr(&result));
    let md = std::fs::read_to_string(out).unwrap();
    assert!(
        md.contains(
            "Many answers in Change enablement (40%) were \"not applicable\" or \"don't know\""
        ),
        "{md}"
    );
    assert!(md.contains("- Change enablement: 40% of the answers in this domain were"));
    assert!(!md.contains("Priority by business impact (0%)"));
}

#[test]
fn a_withheld_group_is_named_as_withheld_in_the_table_and_json_and_a_small_one_never() {
    // The same survey as the reports: Operations (6) is withheld to protect Tiny Team Zeta (2).
    let score = |format: &str| {
        let out = run([
            "score".to_string(),
            "-q".into(),
            fixture("hostile.yaml"),
            "-g".into(),
            "team".into(),
            "-f".into(),
            format.into(),
            fixture("responses.csv"),
        ]);
        assert!(out.status.success(), "{}", stderr(&out));
        String::from_utf8(out.stdout).unwrap()
    };
    let table = score("table");
    assert!(
        table.contains(
            "Withheld so that a smaller group cannot be worked out by subtraction: Operations."
        ),
        "{table}"
    );
    assert!(!table.contains("Tiny Team Zeta"), "{table}");
    let json: serde_json::Value = serde_json::from_str(&score("json")).unwrap();
    let withheld = &json["domains"][0]["withheld"];
    assert_eq!(
        withheld,
        &serde_json::json!([{"column": "team", "value": "Operations", "reason": "secondary"}])
    );
}

/// Score the sample survey to Markdown with `report.md` replaced by `template`; returns the
/// command's standard error.
fn report_with_markdown_template(template: &str) -> String {
    let dir = tempfile::tempdir().unwrap();
    let templates = dir.path().join("templates");
    std::fs::create_dir(&templates).unwrap();
    std::fs::write(templates.join("report.md"), template).unwrap();
    let result = run([
        "report",
        "-q",
        "danger-signs",
        "--templates",
        templates.to_str().unwrap(),
        "-f",
        "md",
        "-o",
        dir.path().join("out.md").to_str().unwrap(),
        "sample-data/danger-signs.csv",
    ]);
    assert_eq!(result.status.code(), Some(1), "{}", stderr(&result));
    assert!(!dir.path().join("out.md").exists());
    stderr(&result)
}

#[test]
fn a_template_that_writes_without_end_stops_at_the_output_limit() {
    // 10^8 iterations of 100 bytes would be 10 GB; the limit is 64 MB.
    let err = report_with_markdown_template(&format!(
        "{{% for i in range(end=10000) %}}{{% for j in range(end=10000) %}}{}{{% endfor %}}{{% endfor %}}",
        "x".repeat(100)
    ));
    assert!(
        err.contains("report.md: the template's output passed the limit of 64 MB"),
        "{err}"
    );
    assert!(!err.contains("panicked"), "{err}");
}

#[test]
fn a_template_that_loops_without_writing_stops_at_the_time_limit() {
    // 10^10 empty iterations: far longer than the 10 seconds allowed.
    let err = report_with_markdown_template(
        "{% for i in range(end=100000) %}{% for j in range(end=100000) %}{% endfor %}{% endfor %}",
    );
    assert!(
        err.contains("report.md: rendering took longer than 10 seconds and was stopped"),
        "{err}"
    );
}
