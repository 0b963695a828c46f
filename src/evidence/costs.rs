//! The costs file (`--costs FILE`): one row per service with its monthly cost and active users
//! (`service, monthly_cost, active_users`, optional `owner`), read through the response
//! reader's sources like any other table.

use super::fields::header_key;
use crate::error::{Problem, Problems};
use crate::responses::Source;
use serde::{Deserialize, Serialize};
use std::ops::ControlFlow;

/// What the costs say: cost per user per month per service, and the total.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CostFigures {
    /// Whether a cost per service per user could be worked out (a costs file was given and
    /// at least one service has users).
    pub available: bool,
    /// Per service, in the file's order.
    pub services: Vec<ServiceCost>,
    /// The monthly cost of every service; null without a costs file.
    pub total_monthly_cost: Option<f64>,
}

/// One service's cost.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ServiceCost {
    /// The service.
    pub service: String,
    /// The accountable owner (a role or team), when given.
    pub owner: Option<String>,
    /// Cost per month.
    pub monthly_cost: f64,
    /// Active users.
    pub active_users: u64,
    /// `monthly_cost / active_users`; null with no users.
    pub cost_per_user: Option<f64>,
}

impl CostFigures {
    /// The figures when no costs file was given: not available.
    pub fn unavailable() -> CostFigures {
        CostFigures {
            available: false,
            services: Vec::new(),
            total_monthly_cost: None,
        }
    }
}

/// Read a costs file. Problems name the file, line and column.
pub(crate) fn read_costs(source: Source) -> Result<CostFigures, Problems> {
    let name = source.name().to_string();
    let mut opened = source.open(None, None)?;
    let mut columns: Option<[Option<usize>; 4]> = None;
    let mut services = Vec::new();
    let mut problems = Vec::new();
    opened.for_each_record(&mut |line, record| {
        let Some(cols) = columns else {
            let find = |want: &str| record.iter().position(|h| header_key(h) == want);
            let cols = [
                find("service"),
                find("monthlycost"),
                find("activeusers"),
                find("owner"),
            ];
            if cols[..3].iter().any(Option::is_none) {
                return Err(Problem::at(
                    &name,
                    line,
                    0,
                    "expected the columns service, monthly_cost and active_users (and optionally owner)",
                )
                .into());
            }
            columns = Some(cols);
            return Ok(ControlFlow::Continue(()));
        };
        let cell = |i: Option<usize>| i.and_then(|i| record.get(i)).map(str::trim).unwrap_or("");
        let number = |i: Option<usize>, what: &str, problems: &mut Vec<Problem>| {
            let text = cell(i);
            let value = parse_amount(text);
            if value.is_none() {
                problems.push(Problem::at(
                    &name,
                    line,
                    i.map_or(0, |i| i as u64 + 1),
                    format!("{what} '{text}' is not a number of zero or more"),
                ));
            }
            value
        };
        let cost = number(cols[1], "monthly_cost", &mut problems);
        let users = number(cols[2], "active_users", &mut problems);
        if let (Some(cost), Some(users)) = (cost, users) {
            let users = users.round() as u64;
            services.push(ServiceCost {
                service: cell(cols[0]).to_string(),
                owner: Some(cell(cols[3]).to_string()).filter(|o| !o.is_empty()),
                monthly_cost: cost,
                active_users: users,
                cost_per_user: (users > 0).then(|| cost / users as f64),
            });
        }
        Ok(ControlFlow::Continue(()))
    })?;
    if !problems.is_empty() {
        return Err(Problems(problems));
    }
    Ok(CostFigures {
        available: services.iter().any(|s| s.cost_per_user.is_some()),
        total_monthly_cost: Some(services.iter().map(|s| s.monthly_cost).sum()),
        services,
    })
}

/// An amount of money or a count: digits with an optional currency sign and spaces; with both
/// `,` and `.`, the last of them is the decimal mark; a single `,` followed by other than three
/// digits is a decimal comma, otherwise commas group thousands.
pub(crate) fn parse_amount(text: &str) -> Option<f64> {
    let kept: String = text
        .chars()
        .filter(|c| !c.is_whitespace() && !matches!(c, '€' | '$' | '£' | '\''))
        .collect();
    let normal = match (kept.rfind(','), kept.rfind('.')) {
        (Some(c), Some(d)) if c > d => kept.replace('.', "").replace(',', "."),
        (Some(_), Some(_)) => kept.replace(',', ""),
        (Some(c), None) if kept.matches(',').count() == 1 && kept.len() - c - 1 != 3 => {
            kept.replace(',', ".")
        }
        (Some(_), None) => kept.replace(',', ""),
        _ => kept,
    };
    normal
        .parse::<f64>()
        .ok()
        .filter(|v| v.is_finite() && *v >= 0.0)
}
