//! Comments: the answers to open questions reach no output below the threshold, reach every
//! output above it scrubbed, and never carry a name, an e-mail address or a phone number.

use crate::bad_input::Scratch;
use crate::common::{run, stderr, stdout};

const QUESTIONNAIRE: &str = "id: candid
title: Candid check
version: \"1\"
scale: {min: 1, max: 5}
open_questions:
  - {id: OQ1, text: What went wrong?}
domains:
  - id: change
    name: Change
    keywords: [change]
    questions:
      - {id: C1, text: Changes are planned.}
    actions:
      - {id: CH-1, title: Plan changes weekly, lifts_to: 3, effort: small, impact: 4,
         owner: Change manager, measure: A weekly plan}
";

/// `n` respondents who all comment: each names the next one from the name column and gives
/// an address and a phone number; the text carries a marker word to look for.
fn survey(n: usize) -> String {
    let mut csv = String::from("Full name,Email,role,C1,OQ1\n");
    for i in 0..n {
        csv.push_str(&format!(
            "Wilhelmina{i} Quagmire,w{i}@corp.example,{},{},\"Zanzibar changes broke; ask Wilhelmina{} or mail w{i}@corp.example, tel 01632 960{i:03}\"\n",
            if i % 2 == 0 { "IT" } else { "Business" },
            1 + i % 5,
            (i + 1) % n,
        ));
    }
    csv
}

/// Every output of every command for a survey: standard output, standard error and files.
fn every_output(n: usize) -> Vec<(String, String)> {
    let s = Scratch::new();
    let q = s.write("q.yaml", QUESTIONNAIRE);
    let data = s.write("s.csv", survey(n));
    let (q, data) = (q.to_str().unwrap(), data.to_str().unwrap());
    let mut outputs = Vec::new();
    let mut go = |name: String, args: Vec<&str>, file: Option<std::path::PathBuf>| {
        let out = run(&args);
        assert!(out.status.success(), "{name}: {}", stderr(&out));
        outputs.push((format!("{name} stdout"), stdout(&out)));
        outputs.push((format!("{name} stderr"), stderr(&out)));
        if let Some(f) = file {
            outputs.push((name, std::fs::read_to_string(f).unwrap()));
        }
    };
    for f in ["table", "json", "csv"] {
        go(
            format!("score {f}"),
            vec!["score", "-q", q, "-g", "role", "-f", f, data],
            None,
        );
    }
    for f in ["csv", "md", "json"] {
        go(
            format!("comments {f}"),
            vec!["comments", "-q", q, "-g", "role", "-f", f, data],
            None,
        );
    }
    for f in ["html", "md"] {
        let path = s.out_dir().join(format!("report.{f}"));
        let p = path.to_str().unwrap().to_string();
        go(
            format!("report {f}"),
            vec!["report", "-q", q, "-g", "role", "-f", f, "-o", &p, data],
            Some(path.clone()),
        );
    }
    go("inspect".into(), vec!["inspect", "-q", q, data], None);
    outputs
}

fn assert_no_identity(outputs: &[(String, String)]) {
    for (name, text) in outputs {
        for secret in ["Wilhelmina", "Quagmire", "corp.example", "01632"] {
            assert!(!text.contains(secret), "{secret} in {name}:\n{text}");
        }
    }
}

#[test]
fn nine_comments_show_no_text_anywhere() {
    let outputs = every_output(9);
    assert_no_identity(&outputs);
    for (name, text) in &outputs {
        assert!(
            !text.contains("Zanzibar"),
            "comment text in {name}:\n{text}"
        );
    }
    let json = &outputs
        .iter()
        .find(|(n, _)| n == "score json stdout")
        .unwrap()
        .1;
    assert!(
        json.contains("\"n\": 9") && json.contains("\"withheld\": true"),
        "{json}"
    );
}

#[test]
fn twelve_comments_are_shown_scrubbed_and_unlabelled_for_groups_of_six() {
    let outputs = every_output(12);
    assert_no_identity(&outputs);
    let scrubbed = "Zanzibar changes broke; ask [removed] or mail [removed], tel [removed]";
    for name in [
        "score json stdout",
        "comments csv stdout",
        "comments json stdout",
        "report html",
    ] {
        let text = &outputs.iter().find(|(n, _)| n == name).unwrap().1;
        assert!(text.contains(scrubbed), "{name}:\n{text}");
    }
    let md = &outputs.iter().find(|(n, _)| n == "report md").unwrap().1;
    assert!(
        md.contains(
            "Zanzibar changes broke; ask \\[removed\\] or mail \\[removed\\], tel \\[removed\\]"
        ),
        "{md}"
    );
    // IT and Business gave 6 comments each, fewer than 10: no comment is labelled.
    let csv = &outputs
        .iter()
        .find(|(n, _)| n == "comments csv stdout")
        .unwrap()
        .1;
    assert_eq!(csv.lines().count(), 13, "{csv}");
    assert!(!csv.contains("role="), "{csv}");
    let html = &outputs.iter().find(|(n, _)| n == "report html").unwrap().1;
    assert!(
        html.contains("In their own words") && html.contains("12 people wrote this"),
        "{html}"
    );
}

#[test]
fn a_domain_links_to_the_quoted_comments_that_mention_it_only_when_some_are_quoted() {
    // All 12 comments say "changes", a keyword of the one domain: its section links to the
    // block of OQ1's comments on it, which the section holds under that anchor.
    let shown = every_output(12);
    let html = &shown.iter().find(|(n, _)| n == "report html").unwrap().1;
    assert!(
        html.contains(
            "In their own words: <a href=\"#comments-OQ1-change\">12 comments to “What went wrong?”</a>."
        ),
        "{html}"
    );
    assert!(html.contains("id=\"comments-OQ1-change\""), "{html}");
    assert!(html.contains("<a href=\"#comments\">In their own words</a>"));
    // With 9, nothing is quoted, so nothing links to the comments.
    let hidden = every_output(9);
    let html = &hidden.iter().find(|(n, _)| n == "report html").unwrap().1;
    assert!(!html.contains("href=\"#comments-"), "{html}");
}
