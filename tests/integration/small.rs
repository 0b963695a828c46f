//! Too few respondents overall, and the report's wording taken from the questionnaire.

use crate::bad_input::{Scratch, assert_failed_cleanly, assert_says};
use crate::common::{run, stderr, stdout};
use std::ffi::OsString;

/// One domain of two statements, the second reverse-worded, and one action; `extra` adds
/// top-level keys.
fn questionnaire(extra: &str) -> String {
    format!(
        "id: small\ntitle: Small check\nscale:\n  min: 1\n  max: 5\n  labels: {{1: Strongly disagree, 2: Disagree, 3: Neutral, 4: Agree, 5: Strongly agree}}\n\
         domains:\n  - id: change\n    name: Change\n    questions:\n      - {{id: C1, text: Changes are planned.}}\n      - {{id: C2, text: Changes often fail., reverse: true}}\n    actions:\n      - {{id: CH-1, title: Plan changes weekly, lifts_to: 3, effort: small, impact: 4, owner: Change manager, measure: A weekly plan}}\n{extra}"
    )
}

/// `args` followed by `-q QUESTIONNAIRE` and the responses.
fn with_inputs(args: &[&str], q: &std::path::Path, r: &std::path::Path) -> Vec<OsString> {
    let mut all: Vec<OsString> = args.iter().map(OsString::from).collect();
    all.extend(["-q".into(), q.into(), r.into()]);
    all
}

#[test]
fn one_respondent_is_refused_a_report_and_warned_about_elsewhere() {
    let s = Scratch::new();
    let q = s.write("q.yaml", questionnaire(""));
    let one = s.write("one.csv", "C1,C2\n4,2\n");
    let out_file = s.out_dir().join("report.html");
    let out = run(with_inputs(
        &["report", "-o", &out_file.to_string_lossy()],
        &q,
        &one,
    ));
    let err = stderr(&out);
    assert_failed_cleanly(&out, &err);
    assert_says(
        &err,
        &[
            "only 1 respondent was scored, fewer than --min-group-size 5",
            "--allow-small",
        ],
    );
    assert_eq!(s.outputs(), Vec::<String>::new(), "nothing is written");
    // Four of five is still too few, and the message counts them; so does --min-group-size 3
    // with two.
    let four = s.write("four.csv", "C1,C2\n4,2\n3,3\n5,1\n2,4\n");
    let out = run(with_inputs(&["report", "-f", "md"], &q, &four));
    assert_failed_cleanly(&out, &stderr(&out));
    assert_says(
        &stderr(&out),
        &["only 4 respondents were scored, fewer than --min-group-size 5"],
    );
    let two = s.write("two.csv", "C1,C2\n4,2\n3,3\n");
    let out = run(with_inputs(
        &["report", "-f", "md", "--min-group-size", "3"],
        &q,
        &two,
    ));
    assert_says(
        &stderr(&out),
        &["only 2 respondents were scored, fewer than --min-group-size 3"],
    );
    // Five are enough.
    let five = s.write("five.csv", "C1,C2\n4,2\n3,3\n5,1\n2,4\n4,4\n");
    let out = run(with_inputs(&["report", "-f", "md"], &q, &five));
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(!stderr(&out).contains("fewer than"), "{}", stderr(&out));
    // score and roadmap still write their figures, with a warning on standard error.
    for command in ["score", "roadmap"] {
        let out = run(with_inputs(&[command, "-f", "json"], &q, &one));
        assert!(out.status.success(), "{command}: {}", stderr(&out));
        assert!(!stdout(&out).is_empty(), "{command}");
        assert_says(
            &stderr(&out),
            &["itsm-assess: warning: only 1 respondent was scored, fewer than --min-group-size 5"],
        );
    }
}

#[test]
fn allow_small_gives_a_warning_page_without_any_figure() {
    let s = Scratch::new();
    let q = s.write("q.yaml", questionnaire(""));
    let one = s.write("one.csv", "C1,C2\n4,2\n");
    for format in ["md", "html"] {
        let out = run(with_inputs(
            &[
                "report",
                "--allow-small",
                "-f",
                format,
                "--organisation",
                "Acme <Ltd>",
                "--date",
                "2026-03-01",
            ],
            &q,
            &one,
        ));
        assert!(out.status.success(), "{format}: {}", stderr(&out));
        let page = stdout(&out);
        assert!(page.contains("Too few respondents to report"), "{page}");
        assert!(
            page.contains("Only 1 respondent was scored, fewer than the 5 this report needs"),
            "{page}"
        );
        assert!(page.contains("2026-03-01"), "{page}");
        // Neither the statements nor any level or percent: C1 = 4 would be 75%, level 4. (The
        // page's style sheet has percents of its own: only the body is searched.)
        let body = page.split_once("<body>").map_or(page.as_str(), |(_, b)| b);
        for figure in [
            "C1",
            "Changes are planned",
            "Change",
            "Level",
            "level 4",
            "75",
            "%",
        ] {
            assert!(!body.contains(figure), "{format} shows '{figure}': {body}");
        }
        if format == "html" {
            assert!(page.contains("Acme &lt;Ltd&gt;"), "escaped: {page}");
            assert!(
                page.contains("ITSM maturity assessment and recovery roadmap"),
                "the cover: {page}"
            );
            assert!(
                page.contains("<th>Respondents scored</th><td class=\"num\">1</td>"),
                "{page}"
            );
        } else {
            assert!(page.contains("| Respondents scored | 1 |"), "{page}");
            assert!(
                page.contains("| Respondents needed (--min-group-size) | 5 |"),
                "{page}"
            );
        }
    }
}

#[test]
fn the_engagement_file_says_allow_small_too() {
    let s = Scratch::new();
    s.write("q.yaml", questionnaire(""));
    s.write("one.csv", "C1,C2\n4,2\n");
    let file = s.write(
        "assessment.yaml",
        "title: Small\nquestionnaire: q.yaml\nresponses: [one.csv]\noutputs:\n  report_md: report.md\n",
    );
    let out = run([OsString::from("run"), file.clone().into()]);
    assert_failed_cleanly(&out, &stderr(&out));
    assert_says(
        &stderr(&out),
        &["only 1 respondent was scored, fewer than --min-group-size 5"],
    );
    // The flag on the command line, or the key in the file, gives the warning page.
    let out = run([
        OsString::from("run"),
        file.clone().into(),
        "--allow-small".into(),
    ]);
    assert!(out.status.success(), "{}", stderr(&out));
    let page = std::fs::read_to_string(s.path("report.md")).expect("the page");
    assert!(page.contains("Too few respondents to report"), "{page}");
    std::fs::remove_file(s.path("report.md")).expect("removed");
    std::fs::write(
        &file,
        "title: Small\nquestionnaire: q.yaml\nresponses: [one.csv]\nallow_small: true\noutputs:\n  report_md: report.md\n",
    )
    .expect("the file");
    let out = run([OsString::from("run"), file.into()]);
    assert!(out.status.success(), "{}", stderr(&out));
    let page = std::fs::read_to_string(s.path("report.md")).expect("the page");
    assert!(page.contains("| Respondents scored | 1 |"), "{page}");
}

#[test]
fn the_cover_line_and_the_phases_come_from_the_questionnaire() {
    let s = Scratch::new();
    let q = s.write(
        "q.yaml",
        questionnaire(
            "report_title: Security <culture> review\nphases:\n  names: [Quick wins, Foundations]\n  months: [0, 2, 8]\n",
        ),
    );
    let five = s.write("five.csv", "C1,C2\n2,4\n1,5\n2,4\n1,5\n2,4\n");
    let out = run(with_inputs(&["report", "-f", "html"], &q, &five));
    assert!(out.status.success(), "{}", stderr(&out));
    let html = stdout(&out);
    assert!(
        html.contains("<div class=\"kicker\">Security &lt;culture&gt; review</div>"),
        "escaped, in the cover: {html}"
    );
    assert!(!html.contains("ITSM maturity assessment"), "{html}");
    assert!(html.contains("Quick wins"), "{html}");
    assert!(!html.contains("Stop the bleeding"), "{html}");
    let out = run(with_inputs(&["roadmap", "-f", "md"], &q, &five));
    assert!(out.status.success(), "{}", stderr(&out));
    let md = stdout(&out);
    assert!(md.contains("Phase 1: Quick wins (months 0–2)"), "{md}");
    // The command line still wins: names alone, as many as the questionnaire's, keep its months.
    let out = run(with_inputs(
        &["roadmap", "-f", "md", "--phases", "Now,Later"],
        &q,
        &five,
    ));
    assert!(out.status.success(), "{}", stderr(&out));
    let md = stdout(&out);
    assert!(md.contains("Phase 1: Now (months 0–2)"), "{md}");
    assert!(!md.contains("Quick wins"), "{md}");
}

#[test]
fn the_schemas_know_the_new_keys() {
    let out = run(["schema"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let schema: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON");
    let props = &schema["properties"];
    assert_eq!(
        props["report_title"]["type"],
        serde_json::json!(["string", "null"])
    );
    assert!(props["phases"].is_object(), "{schema}");
    let text = stdout(&out);
    assert!(
        text.contains("\"names\"") && text.contains("\"months\""),
        "{text}"
    );
    let out = run(["schema", "--engagement"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let schema: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON");
    assert_eq!(
        schema["properties"]["allow_small"]["type"], "boolean",
        "{schema}"
    );
}
