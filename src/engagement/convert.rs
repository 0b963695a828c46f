//! From the engagement file as written to a [`JobSpec`] and its outputs: every path resolved
//! against the file's folder and checked, every value read as the command line reads it, and
//! every problem reported at its place.

use super::paths::Paths;
use super::raw::{RawEngagement, RawObservation, RawOutputs};
use super::values;
use super::{Engagement, Output, OutputKind};
use crate::error::{Problem, Problems};
use crate::input::{Spanned, problem_at};
use crate::job::{JobSpec, ResponseInput};
use crate::observations::{Observation, Place};
use crate::questionnaire;
use crate::report::{Invited, Paper};
use crate::responses::InputFormat;
use std::path::Path;

/// Turn a parsed engagement file into the job it describes; `file` names it in messages and
/// `base` is the folder its paths are relative to.
pub(super) fn convert(raw: RawEngagement, file: &str, base: &Path) -> Result<Engagement, Problems> {
    let mut paths = Paths {
        file,
        base,
        problems: Vec::new(),
    };
    let mut spec = JobSpec {
        organisation: raw.organisation,
        title: raw.title,
        sheet: raw.sheet,
        skip_invalid: raw.skip_invalid,
        strict: raw.strict,
        allow_small: raw.allow_small,
        group_by: raw.group_by,
        perspective: raw.perspective,
        capacity: raw.capacity,
        phase_months: raw.phase_months.map(|m| join(&m)),
        ..JobSpec::default()
    };
    let q = &raw.questionnaire;
    spec.questionnaire = if questionnaire::built_in(&q.value).is_some() {
        q.value.clone()
    } else {
        paths
            .existing(q, "questionnaire")
            .map_or_else(|| q.value.clone(), |p| p.display().to_string())
    };
    for written in &raw.responses {
        let found = paths.responses(written);
        spec.responses
            .extend(found.into_iter().map(ResponseInput::File));
    }
    if raw.responses.is_empty() {
        paths.problems.push(Problem::file(
            file,
            "'responses' lists no file; name the survey exports (paths or patterns such as responses/*.csv)",
        ));
    }
    spec.mapping = raw
        .mapping
        .as_ref()
        .and_then(|m| paths.existing(m, "mapping file"));
    spec.targets = raw
        .targets
        .as_ref()
        .and_then(|t| paths.existing(t, "targets file"));
    spec.baselines = raw
        .baseline
        .iter()
        .filter_map(|b| paths.existing(b, "baseline scores file"))
        .collect();
    spec.status = raw
        .status
        .as_ref()
        .and_then(|s| paths.existing(s, "status file"));
    for (written, into) in [
        (&raw.changes, &mut spec.changes),
        (&raw.incidents, &mut spec.incidents),
    ] {
        for w in written {
            into.extend(paths.responses(w).into_iter().map(ResponseInput::File));
        }
    }
    spec.costs = raw
        .costs
        .as_ref()
        .and_then(|c| paths.existing(c, "costs file"))
        .map(ResponseInput::File);
    spec.evidence_mapping = raw
        .evidence_mapping
        .as_ref()
        .and_then(|m| paths.existing(m, "evidence mapping"));
    spec.redact = raw
        .redact
        .as_ref()
        .and_then(|r| paths.existing(r, "redact list"));
    spec.templates = raw
        .templates
        .as_ref()
        .and_then(|t| paths.existing(t, "templates folder"));
    let problems = &mut paths.problems;
    spec.date = read(file, raw.date.as_ref(), problems, |s| values::date(s));
    spec.delimiter = read(file, raw.delimiter.as_ref(), problems, |s| {
        values::delimiter(s)
    });
    spec.input_format = read(file, raw.input_format.as_ref(), problems, |s: &String| {
        values::choice::<InputFormat>(s)
    });
    spec.paper = read(file, raw.paper.as_ref(), problems, |s: &String| {
        values::choice::<Paper>(s)
    })
    .unwrap_or_default();
    spec.min_group_size = read(file, raw.min_group_size.as_ref(), problems, |n: &u64| {
        values::min_group_size(&n.to_string())
    });
    spec.min_comment_group = read(file, raw.min_comment_group.as_ref(), problems, |n: &u64| {
        values::min_group_size(&n.to_string())
    });
    spec.target = raw.target.as_ref().map(|t| t.value.text());
    spec.invited = raw
        .invited
        .iter()
        .filter_map(|i| {
            let text = i.value.text();
            read(file, Some(i), problems, |_| {
                Invited::parse(&text).map_err(|e| e.to_string())
            })
        })
        .collect::<Vec<Invited>>();
    spec.phases = raw
        .phases
        .as_ref()
        .and_then(|names| phase_names(file, names, problems));
    spec.observations = raw
        .observations
        .iter()
        .map(|o| observation(file, o))
        .collect();
    let outputs = outputs(&raw.outputs, &paths);
    if outputs.is_empty() {
        paths.problems.push(Problem::file(
            file,
            "'outputs' names no file to write; give at least one, such as `outputs: {report_html: report.html}`",
        ));
    }
    if paths.problems.is_empty() {
        Ok(Engagement { spec, outputs })
    } else {
        Err(Problems(paths.problems))
    }
}

/// A value read with `parse`, or a problem at its place (saying which key holds it).
fn read<T, V>(
    file: &str,
    value: Option<&Spanned<V>>,
    problems: &mut Vec<Problem>,
    parse: impl FnOnce(&V) -> Result<T, String>,
) -> Option<T> {
    let value = value?;
    match parse(&value.value) {
        Ok(v) => Some(v),
        Err(message) => {
            problems.push(problem_at(file, value, message));
            None
        }
    }
}

/// Phase names joined as the command line gives them; a name holding a comma is refused, as
/// it would split in two.
fn phase_names(
    file: &str,
    names: &[Spanned<String>],
    problems: &mut Vec<Problem>,
) -> Option<String> {
    let mut ok = true;
    for name in names.iter().filter(|n| n.value.contains(',')) {
        problems.push(problem_at(
            file,
            name,
            format!(
                "the phase name '{}' holds a comma; phase names may not",
                name.value
            ),
        ));
        ok = false;
    }
    ok.then(|| {
        names
            .iter()
            .map(|n| n.value.as_str())
            .collect::<Vec<_>>()
            .join(",")
    })
}

/// Month boundaries as the command line gives them.
fn join(months: &[u32]) -> String {
    months
        .iter()
        .map(u32::to_string)
        .collect::<Vec<_>>()
        .join(",")
}

/// An observation as written, with its place (checked against the questionnaire when the job
/// is built).
fn observation(file: &str, o: &Spanned<RawObservation>) -> Observation {
    let RawObservation {
        id,
        domain,
        severity,
        finding,
        evidence,
        recommendation,
        actions,
    } = &o.value;
    Observation {
        id: id.clone(),
        domain: domain.clone(),
        severity: *severity,
        finding: finding.clone(),
        evidence: evidence.clone(),
        recommendation: recommendation.clone(),
        actions: actions.clone(),
        place: Place {
            file: file.to_string(),
            line: o.referenced.line(),
            column: o.referenced.column(),
        },
    }
}

/// The outputs named, resolved against the file's folder, in a fixed order.
fn outputs(raw: &RawOutputs, paths: &Paths<'_>) -> Vec<Output> {
    [
        (OutputKind::ReportHtml, &raw.report_html),
        (OutputKind::ReportMd, &raw.report_md),
        (OutputKind::RoadmapCsv, &raw.roadmap_csv),
        (OutputKind::RoadmapMd, &raw.roadmap_md),
        (OutputKind::RoadmapJson, &raw.roadmap_json),
        (OutputKind::ScoresJson, &raw.scores_json),
        (OutputKind::ScoresCsv, &raw.scores_csv),
    ]
    .into_iter()
    .filter_map(|(kind, written)| {
        written.as_ref().map(|w| Output {
            kind,
            path: paths.resolve(&w.value),
        })
    })
    .collect()
}
