//! Why a plan cannot be made from the input given.

/// An input to [`super::plan`] or [`super::parse_phases`] that does not fit the questionnaire.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum PlanError {
    /// A status, flag or target names a domain the questionnaire does not have.
    #[error(
        "{what} names domain '{domain}', which is not in this questionnaire (domains: {known})"
    )]
    UnknownDomain {
        /// What named it: "a domain status", "flag 'x'", "the targets".
        what: String,
        /// The unknown id.
        domain: String,
        /// The questionnaire's domain ids.
        known: String,
    },
    /// Two statuses for the same domain.
    #[error("domain '{0}' has more than one status")]
    DuplicateStatus(String),
    /// A level that the questionnaire does not define.
    #[error("{what}: level {level} is not one of the levels ({levels})")]
    UnknownLevel {
        /// Where it was found.
        what: String,
        /// The level given.
        level: u32,
        /// The questionnaire's levels, such as "1..5".
        levels: String,
    },
    /// A percent that is not a number from 0 to 100.
    #[error("domain '{domain}': percent {percent} is not a number from 0 to 100")]
    InvalidPercent {
        /// The domain.
        domain: String,
        /// The value given.
        percent: f64,
    },
    /// Phases that cannot be used, with what to give instead.
    #[error("{0}")]
    Phases(String),
    /// A capacity of zero effort points.
    #[error("the capacity must be at least 1 effort point per phase (small 1, medium 2, large 4)")]
    ZeroCapacity,
}
