//! Restore time by priority: one horizontal bar per priority, its median hours written at the
//! bar's end with the number of incidents it rests on.

use anyhow::Result;

use super::BLUE;
use super::bars::{BarRow, Series, grouped_bars};

/// A priority's median restore time in hours (`None` without resolved incidents) and how
/// many incidents it rests on.
pub struct RestoreRow {
    /// The priority as exported.
    pub priority: String,
    /// Median hours to restore.
    pub median_hours: Option<f64>,
    /// Resolved incidents of this priority.
    pub n: u64,
}

/// Bars of median restore hours per priority, on an axis from 0 to the longest.
pub fn restore_bars(title: &str, rows: &[RestoreRow]) -> Result<String> {
    let rows: Vec<BarRow> = rows
        .iter()
        .map(|r| BarRow {
            label: r.priority.clone(),
            values: vec![
                r.median_hours
                    .map(|h| (h, Some(format!("{h:.1} h (n = {})", r.n)))),
            ],
        })
        .collect();
    grouped_bars(
        title,
        &rows,
        &[Series {
            name: "",
            colour: BLUE,
        }],
        0.0,
    )
}
