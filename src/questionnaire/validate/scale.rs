//! Rules of the scale and the maturity levels.

use super::Checker;
use crate::input::Spanned;
use crate::questionnaire::model::Level;
use crate::questionnaire::raw::{RawQuestionnaire, RawScale};
use std::collections::{HashMap, HashSet};

/// The most points a scale may have.
pub const MAX_SCALE_POINTS: i32 = 101;

/// The level numbers a questionnaire defines, for the rules that name a level.
pub(super) struct LevelSet {
    /// The numbers.
    numbers: HashSet<u32>,
    /// The range as messages give it: "1..5", or "none".
    range: String,
}

impl LevelSet {
    /// The numbers and range of the levels in force (those given, or the defaults).
    pub(super) fn new(levels: &[Level]) -> Self {
        LevelSet {
            numbers: levels.iter().map(|l| l.level).collect(),
            range: match (levels.first(), levels.last()) {
                (Some(a), Some(b)) => format!("{}..{}", a.level, b.level),
                _ => "none".into(),
            },
        }
    }

    /// Whether a level with this number exists.
    pub(super) fn contains(&self, level: u32) -> bool {
        self.numbers.contains(&level)
    }

    /// The range as messages give it: "1..5".
    pub(super) fn range(&self) -> &str {
        &self.range
    }
}

/// The scale: `min` below `max`, at most [`MAX_SCALE_POINTS`] points, labels on the scale and
/// each label used once.
pub(super) fn check_scale(scale: &Spanned<RawScale>, c: &mut Checker<'_>) {
    let s = &scale.value;
    if s.min >= s.max {
        c.at(
            scale,
            format!("scale min ({}) must be less than max ({})", s.min, s.max),
        );
    } else if i64::from(s.max) - i64::from(s.min) + 1 > i64::from(MAX_SCALE_POINTS) {
        c.at(
            scale,
            format!("the scale has more than {MAX_SCALE_POINTS} points"),
        );
    }
    let mut seen_labels: HashMap<String, i32> = HashMap::new();
    for (value, label) in s.labels.iter().filter(|_| s.min < s.max) {
        if *value < s.min || *value > s.max {
            c.at(
                scale,
                format!(
                    "label '{label}' is for value {value}, outside the scale {}..{}",
                    s.min, s.max
                ),
            );
        }
        if let Some(other) = seen_labels.insert(label.trim().to_lowercase(), *value) {
            c.at(
                scale,
                format!("label '{label}' is used for both {other} and {value}"),
            );
        }
    }
}

/// The levels, when given: at least one, the first at 0 percent, numbers and percents
/// ascending, percents from 0 to 100, each named.
pub(super) fn check_levels(raw: &RawQuestionnaire, c: &mut Checker<'_>) {
    let Some(levels) = &raw.levels else {
        return;
    };
    if levels.is_empty() {
        c.at(
            &raw.scale,
            "levels is empty; leave it out for the default five levels, or list at least one"
                .into(),
        );
    }
    for (i, l) in levels.iter().enumerate() {
        let v = &l.value;
        if !v.min_percent.is_finite() || v.min_percent < 0.0 || v.min_percent > 100.0 {
            c.at(
                l,
                format!(
                    "level {}: min_percent must be a number from 0 to 100",
                    v.level
                ),
            );
        }
        if i == 0 && v.min_percent != 0.0 {
            c.at(
                l,
                format!(
                    "the first level ({}) must start at min_percent 0, not {}",
                    v.level, v.min_percent
                ),
            );
        }
        if let Some(prev) = i.checked_sub(1).map(|p| &levels[p].value) {
            if v.level <= prev.level {
                c.at(
                    l,
                    format!(
                        "levels must ascend: level {} follows level {}",
                        v.level, prev.level
                    ),
                );
            }
            if v.min_percent <= prev.min_percent {
                c.at(
                    l,
                    format!(
                        "levels must ascend: level {} has min_percent {}, not above level {}'s {}",
                        v.level, v.min_percent, prev.level, prev.min_percent
                    ),
                );
            }
        }
        if v.name.trim().is_empty() {
            c.at(l, format!("level {} has no name", v.level));
        }
    }
}
