//! Tests of checking observations against a questionnaire and of their report views.

use super::*;

fn observation(id: &str, domain: &str, severity: Severity, actions: &[&str]) -> Observation {
    Observation {
        id: id.into(),
        domain: domain.into(),
        severity,
        finding: format!("finding {id}"),
        evidence: String::new(),
        recommendation: String::new(),
        actions: actions.iter().map(|a| a.to_string()).collect(),
        place: Place {
            file: "assessment.yaml".into(),
            line: 7,
            column: 5,
        },
    }
}

fn q() -> Questionnaire {
    crate::questionnaire::load("danger-signs").unwrap()
}

#[test]
fn observations_on_known_domains_and_actions_pass() {
    let obs = [
        observation("OBS-1", "change-enablement", Severity::High, &["CE-A2"]),
        observation("OBS-2", "cost-transparency", Severity::Low, &[]),
    ];
    assert!(check(&obs, &q()).is_ok());
}

#[test]
fn every_problem_is_named_at_its_observation() {
    let mut empty = observation("OBS-1", "change-enablement", Severity::Low, &[]);
    empty.finding = "  ".into();
    let obs = [
        empty,
        observation("OBS-1", "no-such-domain", Severity::High, &["XX-A1"]),
    ];
    let message = check(&obs, &q()).unwrap_err().to_string();
    let lines: Vec<&str> = message.lines().collect();
    assert_eq!(lines.len(), 5, "{message}");
    assert_eq!(lines[4], "4 problems found");
    assert_eq!(
        lines[0],
        "assessment.yaml:7:5: observation 'OBS-1': the finding is empty; say what was found"
    );
    assert_eq!(
        lines[1],
        "assessment.yaml:7:5: observation 'OBS-1': this id is used by an earlier observation; ids must differ"
    );
    assert!(lines[2].contains("'no-such-domain' is not a domain of questionnaire 'danger-signs'"));
    assert!(lines[3].ends_with("'XX-A1' is not an action of questionnaire 'danger-signs'"));
}

#[test]
fn views_put_high_ones_first_beside_their_domain_and_in_the_summary() {
    let obs = [
        observation("OBS-1", "change-enablement", Severity::Low, &[]),
        observation("OBS-2", "change-enablement", Severity::High, &["CE-A2"]),
        observation("OBS-3", "change-enablement", Severity::Medium, &[]),
        observation("OBS-4", "cost-transparency", Severity::High, &[]),
    ];
    let q = q();
    let v = views(&obs, &q);
    let ids: Vec<&str> = v.by_domain["change-enablement"]
        .iter()
        .map(|o| o.id.as_str())
        .collect();
    assert_eq!(ids, ["OBS-2", "OBS-3", "OBS-1"]);
    // Every domain has an entry, so a template can look any of them up.
    assert_eq!(v.by_domain.len(), q.domains.len());
    assert!(v.by_domain["priority-by-impact"].is_empty());
    let high: Vec<&str> = v.high.iter().map(|o| o.id.as_str()).collect();
    assert_eq!(high, ["OBS-2", "OBS-4"]);
    assert_eq!(v.high[0].domain_name, "Change enablement");
    assert_eq!(
        v.high[0].actions,
        ["CE-A2 Name an accountable change process owner"]
    );
    assert_eq!(v.high[0].severity, "high");
}
