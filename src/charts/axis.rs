//! Numeric helpers shared by the charts: sanitising scale maxima, choosing tick
//! steps and formatting tick labels.

/// A usable scale maximum: `max` when finite and positive, else the largest finite
/// positive value among `values` rounded up to a whole number, else 1.
pub(crate) fn sanitize_max(max: f64, values: impl IntoIterator<Item = f64>) -> f64 {
    if max.is_finite() && max > 0.0 {
        return max;
    }
    let largest = values
        .into_iter()
        .filter(|v| v.is_finite() && *v > 0.0)
        .fold(0.0_f64, f64::max);
    if largest > 0.0 { largest.ceil() } else { 1.0 }
}

/// Clamps `v` into `0..=max`; a non-finite `v` gives `None`.
pub(crate) fn clamp_value(v: f64, max: f64) -> Option<f64> {
    v.is_finite().then(|| v.clamp(0.0, max))
}

/// A "nice" step (1, 2, 2.5 or 5 times a power of ten) dividing `0..=max` into at
/// most `max_ticks` intervals; never below 1 when `max` is at least 1, as levels are
/// whole numbers.
pub(crate) fn nice_step(max: f64, max_ticks: usize) -> f64 {
    let max_ticks = max_ticks.max(1) as f64;
    if !(max.is_finite() && max > 0.0) {
        return 1.0;
    }
    let raw = max / max_ticks;
    let magnitude = 10f64.powf(raw.log10().floor());
    let step = [1.0, 2.0, 2.5, 5.0, 10.0]
        .into_iter()
        .map(|m| m * magnitude)
        .find(|step| *step >= raw)
        .unwrap_or(10.0 * magnitude);
    if max >= 1.0 { step.max(1.0) } else { step }
}

/// The multiples of `step` in `0..=max` (with a little tolerance at the top).
pub(crate) fn ticks(max: f64, step: f64) -> Vec<f64> {
    if !(max.is_finite() && step.is_finite() && step > 0.0) {
        return vec![0.0];
    }
    let count = (max / step + 1e-9).floor() as usize;
    (0..=count).map(|i| i as f64 * step).collect()
}

/// Formats a number with at most `decimals` decimals, dropping trailing zeros.
pub(crate) fn format_number(v: f64, decimals: usize) -> String {
    let s = format!("{v:.decimals$}");
    let s = if s.contains('.') {
        s.trim_end_matches('0').trim_end_matches('.').to_string()
    } else {
        s
    };
    if s == "-0" { "0".to_string() } else { s }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sanitize_max_falls_back_on_the_data() {
        assert_eq!(sanitize_max(5.0, []), 5.0);
        assert_eq!(sanitize_max(f64::NAN, [1.5, f64::INFINITY, 3.2]), 4.0);
        assert_eq!(sanitize_max(-1.0, [f64::NAN]), 1.0);
    }

    #[test]
    fn nice_steps_and_ticks() {
        assert_eq!(nice_step(5.0, 10), 1.0);
        assert_eq!(nice_step(100.0, 10), 10.0);
        assert_eq!(nice_step(100.0, 5), 20.0);
        assert_eq!(nice_step(36.0, 12), 5.0);
        assert_eq!(nice_step(0.5, 5), 0.1);
        assert_eq!(ticks(5.0, 1.0), vec![0.0, 1.0, 2.0, 3.0, 4.0, 5.0]);
        assert_eq!(ticks(4.5, 1.0).last(), Some(&4.0));
    }

    #[test]
    fn numbers_are_formatted_compactly() {
        assert_eq!(format_number(2.0, 1), "2");
        assert_eq!(format_number(2.25, 1), "2.2");
        assert_eq!(format_number(-0.01, 1), "0");
        assert_eq!(format_number(40.0, 0), "40");
    }
}
