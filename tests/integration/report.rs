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
    // group, Operations (6), is hidden too. Neither may appear in any table, sentence or chart.
    for format in ["html", "md"] {
        let text = rendered(format);
        assert!(!text.contains("Tiny Team Zeta"), "{format}");
        assert!(!text.contains("Operations"), "{format}");
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
