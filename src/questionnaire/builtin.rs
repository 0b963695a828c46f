//! The questionnaires built into the binary, and how a bare name finds one.

/// The built-in questionnaires: name and YAML text, embedded in the binary.
pub const BUILT_IN: &[(&str, &str)] = &[
    (
        "danger-signs",
        include_str!("../../questionnaires/danger-signs.yaml"),
    ),
    (
        "itsm-recovery",
        include_str!("../../questionnaires/itsm-recovery.yaml"),
    ),
    (
        "itsm-pulse",
        include_str!("../../questionnaires/itsm-pulse.yaml"),
    ),
];

/// The built-in questionnaire a bare name refers to, if any: a name without a path separator
/// and without a `.yaml`/`.yml` ending that matches one of [`BUILT_IN`].
pub fn built_in(spec: &str) -> Option<(&'static str, &'static str)> {
    if spec.contains(['/', '\\']) || spec.ends_with(".yaml") || spec.ends_with(".yml") {
        return None;
    }
    BUILT_IN.iter().copied().find(|(name, _)| *name == spec)
}

/// The names of the built-in questionnaires, as a message lists them.
pub(super) fn names() -> String {
    BUILT_IN
        .iter()
        .map(|(n, _)| *n)
        .collect::<Vec<_>>()
        .join(", ")
}
