//! The verdict of the shipped questionnaires on answer sheets whose answer is known in advance:
//! everyone neutral, everyone "Disagree", everyone "Agree", on every question. The real binary
//! scores each sheet (`score -f json`, `roadmap -f json`), and the levels are checked against
//! figures worked out by hand from the bands the questionnaires declare.
//!
//! The bands of both questionnaires (docs/statistics.md, "Maturity levels"):
//!
//! | level | name       | from (percent) |
//! |-------|------------|----------------|
//! | 1     | Initial    | 0              |
//! | 2     | Managed    | 32.51          |
//! | 3     | Defined    | 50.01          |
//! | 4     | Measured   | 67.51          |
//! | 5     | Optimising | 85.01          |
//!
//! On the 1-5 scale a domain's percent is `(mean - 1) / (5 - 1) * 100`. When every respondent
//! gives every question the same reversed value `x`, every respondent's domain score is `x`
//! whatever the weights, so the domain mean is `x` and:
//!
//! * `x = 3` (neutral):  `(3 - 1) / 4 * 100 = 50`: at least 32.51, below 50.01, so level 2;
//! * `x = 2` (Disagree): `(2 - 1) / 4 * 100 = 25`: below 32.51, so level 1;
//! * `x = 4` (Agree):    `(4 - 1) / 4 * 100 = 75`: at least 67.51, below 85.01, so level 4.
//!
//! The overall percent is the weight-average of equal domain percents, so it is the same
//! figure and the same level. A reversed question's raw answer is `1 + 5 - x` so that it counts
//! as `x`.

use crate::common::{root, run, stderr};
use serde::Deserialize;
use serde_json::Value;
use std::path::{Path, PathBuf};

/// The parts of a questionnaire file this test reads, parsed here (not through the library) so
/// that the sheets are built from the shipped file itself.
#[derive(Deserialize)]
struct Shipped {
    scale: ShippedScale,
    domains: Vec<ShippedDomain>,
    #[serde(default)]
    flags: Vec<ShippedFlag>,
}

#[derive(Deserialize)]
struct ShippedFlag {
    id: String,
    #[serde(default)]
    actions: Vec<String>,
}

#[derive(Deserialize)]
struct ShippedScale {
    min: i32,
    max: i32,
}

#[derive(Deserialize)]
struct ShippedDomain {
    id: String,
    questions: Vec<ShippedQuestion>,
    #[serde(default)]
    actions: Vec<ShippedAction>,
}

#[derive(Deserialize)]
struct ShippedQuestion {
    id: String,
    #[serde(default)]
    reverse: bool,
}

#[derive(Deserialize)]
struct ShippedAction {
    id: String,
    lifts_to: u32,
}

/// Both shipped questionnaires, by built-in name.
const SHIPPED: [&str; 2] = ["danger-signs", "itsm-recovery"];

/// Respondents on every sheet.
const RESPONDENTS: usize = 12;

fn shipped(name: &str) -> Shipped {
    let path = root().join(format!("questionnaires/{name}.yaml"));
    let text = std::fs::read_to_string(&path).expect("the shipped questionnaire");
    serde_saphyr::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// A sheet where each of `RESPONDENTS` people (half IT, half Business) gives every question of
/// `q` the raw answer that counts as `value`.
fn sheet(dir: &Path, name: &str, q: &Shipped, value: i32) -> PathBuf {
    let questions: Vec<&ShippedQuestion> = q.domains.iter().flat_map(|d| &d.questions).collect();
    let mut text = String::from("role");
    for question in &questions {
        text.push(',');
        text.push_str(&question.id);
    }
    text.push('\n');
    for i in 0..RESPONDENTS {
        text.push_str(if i % 2 == 0 { "IT" } else { "Business" });
        for question in &questions {
            let raw = if question.reverse {
                q.scale.min + q.scale.max - value
            } else {
                value
            };
            text.push_str(&format!(",{raw}"));
        }
        text.push('\n');
    }
    let path = dir.join(format!("{name}-{value}.csv"));
    std::fs::write(&path, text).expect("write the sheet");
    path
}

/// `COMMAND -q NAME -f json SHEET`, parsed.
fn json(command: &str, name: &str, sheet: &Path) -> Value {
    let out = run([
        command.as_ref(),
        "-q".as_ref(),
        name.as_ref(),
        "-f".as_ref(),
        "json".as_ref(),
        sheet.as_os_str(),
    ]);
    assert!(out.status.success(), "{command} {name}: {}", stderr(&out));
    serde_json::from_slice(&out.stdout).expect("JSON")
}

/// Score the sheet of `value` for every shipped questionnaire and check that the overall and
/// every domain sit at `percent` and `level`.
fn assert_verdict(value: i32, percent: f64, level: u64) {
    let dir = tempfile::tempdir().expect("a temporary folder");
    for name in SHIPPED {
        let q = shipped(name);
        let scores = json("score", name, &sheet(dir.path(), name, &q, value));
        assert_eq!(
            scores["respondents"]["scored"], RESPONDENTS,
            "{name}: every respondent is scored"
        );
        let overall = &scores["overall"];
        let got = overall["percent"].as_f64().expect("an overall percent");
        assert!((got - percent).abs() < 1e-9, "{name}: overall {got}");
        assert_eq!(overall["level"], level, "{name}: overall level");
        let domains = scores["domains"].as_array().expect("domains");
        assert_eq!(domains.len(), q.domains.len(), "{name}");
        for (d, shipped) in domains.iter().zip(&q.domains) {
            assert_eq!(d["id"], shipped.id.as_str(), "{name}");
            let got = d["percent"].as_f64().expect("a domain percent");
            assert!((got - percent).abs() < 1e-9, "{name} {}: {got}", shipped.id);
            assert_eq!(d["level"], level, "{name} {}: level", shipped.id);
        }
    }
}

#[test]
fn indifference_is_not_maturity_everyone_neutral_is_level_2() {
    // 50%: level 2 (Managed), the highest level the midpoint may reach.
    assert_verdict(3, 50.0, 2);
}

#[test]
fn everyone_disagreeing_is_level_1_everywhere() {
    // 25%: level 1 (Initial).
    assert_verdict(2, 25.0, 1);
}

#[test]
fn everyone_agreeing_is_level_4_not_5() {
    // 75%: level 4 (Measured), above level 3's 50.01 and below level 5's 85.01.
    assert_verdict(4, 75.0, 4);
}

/// The ids the roadmap lists as already in place, under either name of the key (`in_place`
/// holds objects with an `id`, `already_in_place` plain ids).
fn in_place_ids(plan: &Value) -> Vec<String> {
    ["already_in_place", "in_place"]
        .iter()
        .filter_map(|key| plan.get(*key).and_then(Value::as_array))
        .flatten()
        .filter_map(|entry| {
            entry
                .as_str()
                .or_else(|| entry.get("id").and_then(Value::as_str))
                .map(str::to_string)
        })
        .collect()
}

#[test]
fn when_everyone_disagrees_nothing_that_lifts_a_domain_to_level_2_is_in_place() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    for name in SHIPPED {
        let q = shipped(name);
        let plan = json("roadmap", name, &sheet(dir.path(), name, &q, 2));
        assert!(
            plan.get("already_in_place").is_some() || plan.get("in_place").is_some(),
            "{name}: the plan has an in-place list: {plan}"
        );
        for id in in_place_ids(&plan) {
            let lifts_to = q
                .domains
                .iter()
                .flat_map(|d| &d.actions)
                .find(|a| a.id == id)
                .map(|a| a.lifts_to)
                .unwrap_or_else(|| panic!("{name}: in-place '{id}' is no action"));
            assert!(
                lifts_to < 2,
                "{name}: '{id}' lifts to {lifts_to} yet is listed as in place"
            );
        }
        // Every domain is at level 1 and every action lifts to 2 or more, so the plan has
        // work in its first phase.
        let first = plan["phases"][0]["actions"].as_array().expect("phase 1");
        assert!(!first.is_empty(), "{name}: {plan}");
    }
}

#[test]
fn every_raised_danger_sign_puts_its_actions_in_the_first_phase_and_none_in_place() {
    // Everyone gives every question the worst answer (reversed value 1): every shipped flag
    // is raised, whatever its domain; each flag's actions must then be first-phase work and
    // never listed as already in place (issue 11, item 2).
    let dir = tempfile::tempdir().expect("a temporary folder");
    for name in SHIPPED {
        let q = shipped(name);
        let plan = json("roadmap", name, &sheet(dir.path(), name, &q, 1));
        let raised: Vec<&str> = plan["flags"]
            .as_array()
            .expect("flags")
            .iter()
            .filter_map(|f| f["id"].as_str())
            .collect();
        let shipped_ids: Vec<&str> = q.flags.iter().map(|f| f.id.as_str()).collect();
        assert_eq!(raised, shipped_ids, "{name}: every flag is raised");
        let in_place = in_place_ids(&plan);
        let first: Vec<&str> = plan["phases"][0]["actions"]
            .as_array()
            .expect("phase 1")
            .iter()
            .filter_map(|a| a["id"].as_str())
            .collect();
        for flag in &q.flags {
            assert!(
                !flag.actions.is_empty(),
                "{name}: {} names no action",
                flag.id
            );
            for action in &flag.actions {
                assert!(
                    first.contains(&action.as_str()),
                    "{name}: {} of flag {} is not in phase 1",
                    action,
                    flag.id
                );
                assert!(
                    !in_place.contains(action),
                    "{name}: {action} listed in place"
                );
            }
        }
    }
}
