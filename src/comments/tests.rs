//! Tests of the comments: scrubbing, themes on stems, the label rule, and a collector whose
//! result depends neither on the order of the rows nor on how the reading is split.

use super::summary::labelled_groups;
use super::*;
use crate::questionnaire::{Questionnaire, parse};
use crate::responses::{ReadOptions, Source, Withheld, read_responses};

/// Two domains with keywords, an open question of no domain and one in the change domain.
const YAML: &str = "id: t
title: T
scale: {min: 1, max: 5}
open_questions:
  - {id: OQ1, text: What went wrong?}
domains:
  - id: change
    name: Change
    keywords: [change, change board]
    questions:
      - {id: C1, text: Changes are planned.}
      - {id: C-EX, text: An example?, kind: text}
  - id: cost
    name: Cost
    keywords: [cost, budget]
    questions:
      - {id: K1, text: Costs are known.}
";

fn questionnaire() -> Questionnaire {
    parse(YAML, "t.yaml").unwrap_or_else(|e| panic!("{e}"))
}

fn scrubber_knowing(names: &[&str], redact: &str) -> Scrubber {
    let mut s = Scrubber::new(&RedactList::parse(redact));
    for n in names {
        s.learn(Withheld::for_tests(n));
    }
    s
}

#[test]
fn open_questions_are_kept_apart_from_the_scored_ones() {
    let q = questionnaire();
    let ids: Vec<&str> = q.questions().map(|(_, x)| x.id.as_str()).collect();
    assert_eq!(ids, ["C1", "K1"]);
    let open: Vec<(&str, Option<&str>)> = q
        .open_questions
        .iter()
        .map(|o| (o.id.as_str(), o.domain.as_deref()))
        .collect();
    assert_eq!(open, [("OQ1", None), ("C-EX", Some("change"))]);
    assert_eq!(q.domains[0].keywords, ["change", "change board"]);
    assert_eq!(q.language.name(), "english");
}

#[test]
fn bad_open_questions_and_keywords_are_refused_at_their_line() {
    let yaml = "id: t
title: T
language: klingon
scale: {min: 1, max: 5}
open_questions:
  - {id: OQ1, text: Why?, kind: likert}
domains:
  - id: d
    name: D
    keywords: [\"--\"]
    questions:
      - {id: Q1, text: A.}
      - {id: T1, text: Say more, kind: text, reverse: true}
  - id: e
    name: E
    questions:
      - {id: T2, text: Only words, kind: text}
";
    let text = parse(yaml, "bad.yaml").unwrap_err().to_string();
    for expected in [
        "bad.yaml:3:",
        "language 'klingon' has no stemmer",
        "bad.yaml:6:",
        "open question 'OQ1' has kind likert",
        "bad.yaml:8:",
        "keyword '--' holds no word",
        "bad.yaml:13:",
        "reverse and weight apply only to questions on the scale",
        "bad.yaml:14:",
        "domain 'e' has only open questions",
    ] {
        assert!(text.contains(expected), "{expected} in {text}");
    }
}

#[test]
fn every_language_named_in_messages_has_a_stemmer() {
    for name in crate::questionnaire::Language::NAMES {
        assert!(
            crate::questionnaire::Language::from_name(name).is_some(),
            "{name}"
        );
    }
}

#[test]
fn addresses_numbers_and_links_are_removed() {
    let s = Scrubber::default();
    assert_eq!(
        s.scrub("Mail jane.doe@example.org, or call +44 20 7946 0958 today."),
        "Mail [removed], or call [removed] today."
    );
    assert_eq!(
        s.scrub(
            "See https://wiki.example/x?y=1 and www.example.com; server 10.1.2.3 (or 2001:db8::1)."
        ),
        "See [removed] and [removed]; server [removed] (or [removed])."
    );
    assert_eq!(s.scrub("Ring (555) 010-4477"), "Ring [removed]");
    // A date, a year and a small count are not phone numbers.
    assert_eq!(
        s.scrub("On 2026-03-01 we had 12 outages in 2025."),
        "On 2026-03-01 we had 12 outages in 2025."
    );
}

#[test]
fn names_from_identifying_columns_are_removed_as_whole_words_only() {
    // Learnt from a name column and a login column: "Jane Doe", "jdoe"; an e-mail column gives
    // only the part before the '@'.
    let s = scrubber_knowing(&["Jane Doe", "jdoe", "m.berg@corp.example"], "");
    assert_eq!(
        s.scrub("Ask JANE doe or jdoe; Janet and Doeville know, and so does M. Berg at corp."),
        "Ask [removed] or [removed]; Janet and Doeville know, and so does M. [removed] at corp."
    );
    let debug = format!("{s:?}");
    assert!(
        !debug.contains("jane") && !debug.contains("jdoe"),
        "{debug}"
    );
    assert_eq!(format!("{:?}", Withheld::for_tests("Jane")), "Withheld(..)");
}

#[test]
fn a_redact_list_removes_its_words_and_phrases_case_insensitively() {
    let s = scrubber_knowing(&[], "# systems\nService Now\nPegasus\n\n");
    assert_eq!(
        s.scrub("SERVICE now replaced pegasus; the service was now fine."),
        "[removed] replaced [removed]; the service was now fine."
    );
}

#[test]
fn themes_match_on_stems() {
    let themes = themes::Themes::new(&questionnaire());
    // changes, changing, changed -> chang (3 mentions); "exchange" stems to exchang: none.
    // "change boards" is also the two-word keyword at that place; the longest phrase counts
    // once there. costs and budgeting -> cost, budget: 2 mentions.
    assert_eq!(
        themes.tag("Changes, changing and changed; an exchange."),
        [("change".to_string(), 3)]
    );
    assert_eq!(
        themes.tag("The change boards cut the budgeting of costs"),
        [("change".to_string(), 1), ("cost".to_string(), 2)]
    );
    assert!(themes.tag("Nothing to see").is_empty());
}

#[test]
fn labels_need_a_large_group_and_a_large_or_empty_rest() {
    let set = |pairs: &[(&'static str, usize)], t| {
        let values = pairs
            .iter()
            .flat_map(|&(v, n)| std::iter::repeat_n(v, n))
            .collect::<Vec<_>>();
        labelled_groups(values.into_iter(), t)
            .into_iter()
            .collect::<Vec<_>>()
    };
    // 12 + 12 + 3: the rest of 3 would point at C; A (the smaller name of the two twelves)
    // loses its label, leaving 15 unlabelled.
    assert_eq!(set(&[("A", 12), ("B", 12), ("C", 3)], 10), ["B"]);
    // Nothing left over: both keep their label.
    assert_eq!(set(&[("A", 10), ("B", 10)], 10), ["A", "B"]);
    // A group of 9 gets no label, and then the 15 of B would be told apart from it: none.
    assert_eq!(set(&[("A", 9), ("B", 15)], 10), Vec::<&str>::new());
    // A blank value is never a label, and counts in the rest.
    assert_eq!(set(&[("", 10), ("B", 11)], 10), ["B"]);
    assert_eq!(set(&[("", 4), ("B", 30)], 10), Vec::<&str>::new());
}

/// A CSV of `n` commenters: a name column, a role (IT for the first `it`), C1 and OQ1.
fn survey(n: usize, it: usize) -> Vec<String> {
    (0..n)
        .map(|i| {
            let role = if i < it { "IT" } else { "Business" };
            let comment = match i % 3 {
                0 => format!(
                    "Changes wait for the board, ask Person{} about it",
                    (i + 1) % n
                ),
                1 => "Nobody knows the cost; write to me at a.b@example.org".to_string(),
                _ => "Too slow".to_string(),
            };
            format!("Person{i},{role},3,\"{comment}\"")
        })
        .collect()
}

fn collect(files: &[Vec<String>], opts: &CommentOptions) -> CommentCollector {
    let q = questionnaire();
    let group_by = vec!["role".to_string()];
    let read = ReadOptions {
        group_by: group_by.clone(),
        ..ReadOptions::default()
    };
    let mut collector = CommentCollector::new(&q, &group_by, opts);
    let sources = files
        .iter()
        .enumerate()
        .map(|(i, rows)| {
            let text = format!("Name,role,C1,OQ1\n{}\n", rows.join("\n"));
            Source::from_reader(format!("f{i}.csv"), std::io::Cursor::new(text.into_bytes()))
        })
        .collect();
    read_responses(sources, &q, &read, &mut collector).unwrap_or_else(|e| panic!("{e}"));
    collector
}

fn finish(c: CommentCollector) -> Comments {
    c.finish(&questionnaire(), &CommentOptions::default(), 5)
}

#[test]
fn nine_comments_show_only_their_number() {
    let comments = finish(collect(&[survey(9, 0)], &CommentOptions::default()));
    assert_eq!(comments.threshold, 10);
    let [oq1] = comments.questions.as_slice() else {
        panic!("one question answered: {comments:?}")
    };
    assert_eq!(
        (oq1.question.as_str(), oq1.n, oq1.withheld),
        ("OQ1", 9, true)
    );
    assert!(oq1.shown.is_empty() && oq1.themes.is_empty() && oq1.untagged.is_none());
}

#[test]
fn twelve_comments_are_shown_scrubbed_in_content_order_and_unlabelled_for_a_group_of_nine() {
    // 12 commenters: IT 3, Business 9; neither reaches 10, so no comment carries a label.
    let comments = finish(collect(&[survey(12, 3)], &CommentOptions::default()));
    let oq1 = &comments.questions[0];
    assert_eq!((oq1.n, oq1.withheld), (12, false));
    let texts: Vec<&str> = oq1.shown.iter().map(|c| c.text.as_str()).collect();
    // Rows 0, 3, 6, 9 name Person1, 4, 7, 10 (all in the name column); 1, 4, 7, 10 give an
    // address; 2, 5, 8, 11 say "Too slow". Sorted by the scrubbed text.
    let mut expected = vec!["Changes wait for the board, ask [removed] about it"; 4];
    expected.extend(["Nobody knows the cost; write to me at [removed]"; 4]);
    expected.extend(["Too slow"; 4]);
    assert_eq!(texts, expected);
    assert!(oq1.shown.iter().all(|c| c.groups.is_empty()));
    // Themes: 4 mention change (changes -> chang), 4 cost; 4 mention neither.
    let themes: Vec<(&str, u64)> = oq1
        .themes
        .iter()
        .map(|t| (t.domain.as_str(), t.n))
        .collect();
    assert_eq!(themes, [("change", 4), ("cost", 4)]);
    assert_eq!(oq1.untagged, Some(4));
}

#[test]
fn a_group_large_enough_with_a_large_enough_rest_is_labelled() {
    // 20 commenters, IT 10 and Business 10: both groups reach 10 and nothing is left over.
    let comments = finish(collect(&[survey(20, 10)], &CommentOptions::default()));
    let oq1 = &comments.questions[0];
    let labelled = oq1.shown.iter().filter(|c| !c.groups.is_empty()).count();
    assert_eq!(labelled, 20);
}

#[test]
fn the_threshold_is_never_below_the_smallest_group_and_can_be_lowered_to_it() {
    let opts = CommentOptions {
        min_comment_group: Some(3),
        ..CommentOptions::default()
    };
    assert_eq!(opts.threshold(5), 5);
    let comments = collect(&[survey(6, 0)], &opts).finish(&questionnaire(), &opts, 5);
    assert!(!comments.questions[0].withheld);
}

#[test]
fn the_result_depends_neither_on_row_order_nor_on_how_reading_is_split() {
    let rows = survey(14, 4);
    let whole = finish(collect(
        std::slice::from_ref(&rows),
        &CommentOptions::default(),
    ));
    let mut reversed = rows.clone();
    reversed.reverse();
    assert_eq!(
        finish(collect(&[reversed], &CommentOptions::default())),
        whole
    );
    // Two readers, each with half of the rows, merged.
    let (a, b) = rows.split_at(5);
    let mut first = collect(&[a.to_vec()], &CommentOptions::default());
    first.merge(collect(&[b.to_vec()], &CommentOptions::default()));
    assert_eq!(finish(first), whole);
}

#[test]
fn a_free_text_column_is_read_as_free_text() {
    let q = questionnaire();
    let report = crate::responses::inspect(
        Source::from_reader(
            "x.csv",
            std::io::Cursor::new(b"C1,What went wrong?\n3,x\n".to_vec()),
        ),
        &q,
        &ReadOptions::default(),
    )
    .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(
        report.columns[1].role.to_string(),
        "free text: open question OQ1, by its text"
    );
}
