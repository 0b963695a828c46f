//! How the tool writes figures and user text, in one place: every exporter (JSON aside, which
//! carries the numbers in full) and the report call these, so that a percent, a level, a
//! p-value or a missing figure reads the same in the terminal, the Markdown and the HTML.
//!
//! The rules:
//!
//! * a missing figure is [`MISSING`], an en dash;
//! * a percent has one decimal (`31.2%`), in sentences none (`31%`);
//! * a level is its number and name (`2 Managed`);
//! * a p-value in words is `p = 0.004` or `p < 0.001`; a table column headed "p" holds the
//!   bare figure (`0.004`, `< 0.001`);
//! * a span of months or percents is joined by an en dash (`0–3`);
//! * user text is [`clean`]ed before it reaches a terminal or a document: control characters
//!   (C0 and C1) and bidirectional formatting characters never get through.
//!
//! Each output's own escaping builds on [`clean`]: [`escape_markdown`] for Markdown and
//! [`spreadsheet_safe`] for CSV text cells. HTML escaping is the templates' job: tera
//! autoescapes every `.html` template.

use std::borrow::Cow;
use std::fmt::Display;

#[cfg(test)]
mod tests;

/// What a table or a sentence shows for a figure that is not there.
pub const MISSING: &str = "–";

/// A percent with one decimal, `31.2%`, or [`MISSING`].
pub fn percent(value: Option<f64>) -> String {
    value.map_or_else(missing, |v| format!("{v:.1}%"))
}

/// A percent rounded to a whole number for a sentence: `38%`.
pub fn whole_percent(value: f64) -> String {
    format!("{value:.0}%")
}

/// A figure with a fixed number of decimals, or [`MISSING`].
pub fn decimals(value: Option<f64>, places: usize) -> String {
    value.map_or_else(missing, |v| format!("{v:.places$}"))
}

/// A figure as it is (a count, a level number), or [`MISSING`].
pub fn or_missing(value: Option<impl Display>) -> String {
    value.map_or_else(missing, |v| v.to_string())
}

/// A level as its number and name, `2 Managed`; the number alone without a name; [`MISSING`]
/// without a number.
pub fn level(number: Option<u32>, name: Option<&str>) -> String {
    match (number, name) {
        (Some(n), Some(name)) => format!("{n} {name}"),
        (Some(n), None) => n.to_string(),
        (None, _) => missing(),
    }
}

/// A p-value in words: `p = 0.004`, or `p < 0.001` below a thousandth.
pub fn p_value(p: f64) -> String {
    if p < 0.001 {
        format!("p {}", p_figure(p))
    } else {
        format!("p = {}", p_figure(p))
    }
}

/// A p-value in a table column headed "p": `0.004`, `< 0.001`, or [`MISSING`] when untested.
pub fn p_column(p: Option<f64>) -> String {
    p.map_or_else(missing, p_figure)
}

/// The bare figure of a p-value: three decimals, or `< 0.001` below a thousandth.
fn p_figure(p: f64) -> String {
    if p < 0.001 {
        "< 0.001".into()
    } else {
        format!("{p:.3}")
    }
}

/// Two ends of a span joined by an en dash: `0–3`, `24.0–38.4`.
pub fn span(from: impl Display, to: impl Display) -> String {
    format!("{from}–{to}")
}

/// A number without needless decimals (at most two): 40 -> `40`, 12.5 -> `12.5`,
/// 2.345 -> `2.35`.
pub fn trim_number(value: f64) -> String {
    let text = format!("{value:.2}");
    text.trim_end_matches('0').trim_end_matches('.').to_string()
}

/// A count with its noun: `1 action`, `3 actions`.
pub fn plural(n: u64, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

/// Words joined for a sentence: `A`, `A and B`, `A, B and C`.
pub fn join_words(items: &[String]) -> String {
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [init @ .., last] => format!("{} and {last}", init.join(", ")),
    }
}

fn missing() -> String {
    MISSING.to_string()
}

/// User text made safe to print: control characters (C0 and C1, which could move a terminal's
/// cursor or recolour it, or break a line of a document) and bidirectional formatting
/// characters (which could make text read in another order than it is stored) become spaces,
/// and the ends are trimmed (Markdown emphasis does not work around leading or trailing spaces).
pub fn clean(text: &str) -> String {
    text.chars()
        .map(|c| if is_unsafe(c) { ' ' } else { c })
        .collect::<String>()
        .trim()
        .to_string()
}

/// Control characters (`char::is_control`: C0, DEL and C1) and the bidirectional marks,
/// embeddings, overrides and isolates of Unicode's bidirectional algorithm.
fn is_unsafe(c: char) -> bool {
    c.is_control()
        || matches!(
            c,
            '\u{061C}' | '\u{200E}' | '\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}'
        )
}

/// User text for Markdown: safe as in [`clean`] (so a value stays on its line and in its table
/// cell), with every character Markdown (and the wikis that extend it with mentions and maths)
/// could act on escaped by a backslash.
pub fn escape_markdown(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in clean(text).chars() {
        if matches!(
            c,
            '\\' | '`'
                | '*'
                | '_'
                | '['
                | ']'
                | '<'
                | '>'
                | '|'
                | '~'
                | '&'
                | '#'
                | '$'
                | '@'
                | '!'
        ) {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// A CSV text cell a spreadsheet will not run as a formula: a cell starting with `=`, `+`, `-`,
/// `@`, tab or carriage return gets a leading apostrophe (OWASP's advice on CSV injection).
pub fn spreadsheet_safe(text: &str) -> Cow<'_, str> {
    if text.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{text}").into()
    } else {
        text.into()
    }
}
