//! DORA's published performance bands for the two figures the records can give: change failure
//! rate and time to restore service. The values are those of the 2023 Accelerate State of
//! DevOps Report (DORA, Google Cloud), where the four clusters were elite, high, medium and
//! low; the report calls time to restore "failed deployment recovery time".

/// The report year the bands come from.
pub const DORA_YEAR: u16 = 2023;

/// One cluster's value of a figure, as the report states it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Band {
    /// The cluster: elite, high, medium or low.
    pub cluster: &'static str,
    /// Its value, in the report's words.
    pub value: &'static str,
}

/// Change failure rate per cluster (share of changes that led to a failure).
pub const CHANGE_FAILURE_RATE: [Band; 4] = [
    Band {
        cluster: "elite",
        value: "5%",
    },
    Band {
        cluster: "high",
        value: "10%",
    },
    Band {
        cluster: "medium",
        value: "15%",
    },
    Band {
        cluster: "low",
        value: "64%",
    },
];

/// Time to restore service per cluster.
pub const TIME_TO_RESTORE: [Band; 4] = [
    Band {
        cluster: "elite",
        value: "less than one hour",
    },
    Band {
        cluster: "high",
        value: "less than one day",
    },
    Band {
        cluster: "medium",
        value: "one day to one week",
    },
    Band {
        cluster: "low",
        value: "one month to six months",
    },
];
