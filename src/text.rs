//! Making user text safe for each output: terminals and documents, Markdown, and spreadsheets.
//! Every exporter calls these; none escapes on its own. (HTML escaping is the templates' job:
//! tera autoescapes every `.html` template.)

/// Text made safe to print: control and bidirectional formatting characters become spaces, and
/// the ends are trimmed (Markdown emphasis does not work around leading or trailing spaces).
pub fn clean(text: &str) -> String {
    text.chars()
        .map(|c| if is_unsafe(c) { ' ' } else { c })
        .collect::<String>()
        .trim()
        .to_string()
}

fn is_unsafe(c: char) -> bool {
    c.is_control()
        || matches!(c, '\u{200E}' | '\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
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
pub fn spreadsheet_safe(text: &str) -> std::borrow::Cow<'_, str> {
    if text.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{text}").into()
    } else {
        text.into()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markdown_escaping_neutralises_html_tables_and_emphasis() {
        assert_eq!(
            escape_markdown("<script>a|b</script> *x* [l](u)\nnext"),
            "\\<script\\>a\\|b\\</script\\> \\*x\\* \\[l\\](u) next"
        );
    }

    #[test]
    fn formulas_get_an_apostrophe_and_plain_text_does_not() {
        assert_eq!(spreadsheet_safe("=HYPERLINK(\"x\")"), "'=HYPERLINK(\"x\")");
        assert_eq!(spreadsheet_safe("-1+2"), "'-1+2");
        assert_eq!(spreadsheet_safe("@SUM(A1)"), "'@SUM(A1)");
        assert_eq!(spreadsheet_safe("\tx"), "'\tx");
        assert_eq!(spreadsheet_safe("Change owner"), "Change owner");
    }

    #[test]
    fn clean_removes_controls_and_bidi_overrides() {
        assert_eq!(clean(" a\u{202E}b\u{7}c\n "), "a b c");
    }
}
