//! Text helpers: cleaning user text for XML, estimating rendered widths and fitting
//! labels into a given width by truncating or wrapping.
//!
//! The SVG backend cannot measure text, so widths are estimated from the advance
//! widths of Helvetica/Arial (the first faces in [`FONT_FAMILY`]), with a margin for
//! wider fall-back faces.

/// The font stack written on every `<text>` element.
pub(crate) const FONT_FAMILY: &str = "Arial, Helvetica, sans-serif";

/// The ellipsis appended to shortened text.
const ELLIPSIS: char = '…';

/// Margin on estimated widths, so that a face wider than Arial still fits.
const WIDTH_MARGIN: f64 = 1.06;

/// Extra width of bold text relative to regular.
const BOLD_FACTOR: f64 = 1.07;

/// Advance widths of Helvetica/Arial for ASCII 32..=126, in thousandths of an em.
const ASCII_WIDTHS: [u16; 95] = [
    278, 278, 355, 556, 556, 889, 667, 191, 333, 333, 389, 584, 278, 333, 278, 278, // ' '../
    556, 556, 556, 556, 556, 556, 556, 556, 556, 556, // 0..9
    278, 278, 584, 584, 584, 556, 1015, // :..@
    667, 667, 722, 722, 667, 611, 778, 722, 278, 500, 667, 556, 833, // A..M
    722, 778, 667, 778, 722, 667, 611, 722, 667, 944, 667, 667, 611, // N..Z
    278, 278, 278, 469, 556, 333, // [..`
    556, 556, 500, 556, 556, 278, 556, 556, 222, 222, 500, 222, 833, // a..m
    556, 556, 556, 556, 333, 500, 278, 556, 500, 722, 500, 500, 500, // n..z
    334, 260, 334, 584, // {..~
];

/// Makes user text safe to place in XML and on one line: characters XML 1.0 forbids
/// become U+FFFD, other control characters and runs of white space become one space,
/// and the result is trimmed. Markup characters are left alone; the SVG backend
/// escapes them when it writes the document.
pub(crate) fn clean(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut pending_space = false;
    for c in s.chars() {
        if c.is_whitespace() || (c.is_control() && is_xml_char(c)) {
            pending_space = !out.is_empty();
            continue;
        }
        if pending_space {
            out.push(' ');
            pending_space = false;
        }
        out.push(if is_xml_char(c) { c } else { '\u{FFFD}' });
    }
    out
}

/// Whether XML 1.0 allows `c` in character data.
fn is_xml_char(c: char) -> bool {
    matches!(c, '\t' | '\n' | '\r' | '\u{20}'..='\u{D7FF}' | '\u{E000}'..='\u{FFFD}' | '\u{10000}'..)
}

/// Estimated advance width of one character, in ems.
fn char_em(c: char) -> f64 {
    let thousandths = match c {
        ' '..='~' => f64::from(ASCII_WIDTHS[c as usize - 32]),
        '\u{0300}'..='\u{036F}' | '\u{200B}'..='\u{200D}' => 0.0,
        '·' => 278.0,
        '…' | '—' | '←'..='⇿' => 1000.0,
        '\u{1100}'..='\u{115F}' | '\u{2E80}'..='\u{A4CF}' | '\u{AC00}'..='\u{D7A3}' => 1000.0,
        '\u{F900}'..='\u{FAFF}' | '\u{FF00}'..='\u{FF60}' | '\u{20000}'.. => 1000.0,
        _ => 600.0,
    };
    thousandths / 1000.0
}

/// Estimated rendered width in pixels of `s` at `px` pixels font size.
pub(crate) fn width(s: &str, px: f64, bold: bool) -> f64 {
    let ems: f64 = s.chars().map(char_em).sum();
    let factor = if bold { BOLD_FACTOR } else { 1.0 };
    ems * px * factor * WIDTH_MARGIN
}

/// Shortens `s` with a trailing ellipsis so that it fits in `max_width` pixels.
/// Returns `s` unchanged when it already fits, and an empty string when not even the
/// ellipsis fits.
pub(crate) fn truncate(s: &str, px: f64, bold: bool, max_width: f64) -> String {
    if width(s, px, bold) <= max_width {
        return s.to_string();
    }
    let ellipsis = ELLIPSIS.to_string();
    if width(&ellipsis, px, bold) > max_width {
        return String::new();
    }
    let mut best = ellipsis;
    let mut prefix = String::new();
    for c in s.chars() {
        prefix.push(c);
        let candidate = format!("{}{ELLIPSIS}", prefix.trim_end());
        if width(&candidate, px, bold) > max_width {
            break;
        }
        best = candidate;
    }
    best
}

/// Word-wraps `s` into at most `max_lines` lines of at most `max_width` pixels; the
/// last line, and any single word too long for a line, is truncated with an ellipsis.
/// A lone symbol (one character that is not a letter or digit, such as a trailing
/// "↺") stays with the word before it, never alone at the start of a line.
pub(crate) fn wrap(s: &str, px: f64, bold: bool, max_width: f64, max_lines: usize) -> Vec<String> {
    let mut words: Vec<String> = Vec::new();
    for word in s.split_whitespace() {
        let mut chars = word.chars();
        let lone_symbol =
            matches!((chars.next(), chars.next()), (Some(c), None) if !c.is_alphanumeric());
        match words.last_mut() {
            Some(last) if lone_symbol => {
                last.push(' ');
                last.push_str(word);
            }
            _ => words.push(word.to_string()),
        }
    }
    let mut lines = Vec::new();
    let mut i = 0;
    while i < words.len() && max_lines > 0 {
        if lines.len() + 1 == max_lines {
            lines.push(truncate(&words[i..].join(" "), px, bold, max_width));
            break;
        }
        let mut line = words[i].to_string();
        i += 1;
        while i < words.len() {
            let candidate = format!("{line} {}", words[i]);
            if width(&candidate, px, bold) > max_width {
                break;
            }
            line = candidate;
            i += 1;
        }
        lines.push(truncate(&line, px, bold, max_width));
    }
    lines
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn clean_replaces_characters_xml_forbids_and_folds_white_space() {
        assert_eq!(clean("  a\u{1}b \t\n c\u{FFFF} "), "a\u{FFFD}b c\u{FFFD}");
        assert_eq!(clean("<b> & \"q\""), "<b> & \"q\"");
    }

    #[test]
    fn widths_follow_arial_metrics() {
        // "Hi" = H (722) + i (222) = 0.944 em; at 10 px with the margin: 9.44 * 1.06.
        assert!((width("Hi", 10.0, false) - 9.44 * WIDTH_MARGIN).abs() < 1e-9);
        assert!(width("WWW", 12.0, false) > width("iii", 12.0, false) * 3.0);
    }

    #[test]
    fn truncate_adds_an_ellipsis_only_when_needed() {
        assert_eq!(truncate("short", 12.0, false, 200.0), "short");
        let cut = truncate("Information Security Management", 12.0, false, 100.0);
        assert!(cut.ends_with('…'), "{cut}");
        assert!(width(&cut, 12.0, false) <= 100.0);
        assert_eq!(truncate("anything", 12.0, false, 1.0), "");
    }

    #[test]
    fn wrap_uses_at_most_the_allowed_lines() {
        let lines = wrap("Service Configuration Management", 12.0, false, 100.0, 2);
        assert_eq!(
            lines,
            ["Service", "Configuration…"].map(String::from).to_vec()
        );
        let lines = wrap("Service Configuration Management", 12.0, false, 400.0, 2);
        assert_eq!(lines, ["Service Configuration Management".to_string()]);
        assert!(wrap("", 12.0, false, 100.0, 2).is_empty());
        // "Service Configuration" is 121.6 px wide at 12 px, "Service Configuration
        // Management" 199 px: the line breaks before "Management", and the arrow goes with it.
        let lines = wrap("Service Configuration Management ↺", 12.0, false, 132.0, 3);
        assert_eq!(
            lines,
            ["Service Configuration", "Management ↺"]
                .map(String::from)
                .to_vec()
        );
    }
}
