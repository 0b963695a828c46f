//! The formatting rules, each against values worked out by hand.

use super::*;

#[test]
fn a_missing_figure_is_an_en_dash_everywhere() {
    assert_eq!(MISSING, "\u{2013}");
    assert_eq!(percent(None), "–");
    assert_eq!(decimals(None, 2), "–");
    assert_eq!(or_missing(None::<u32>), "–");
    assert_eq!(level(None, Some("Managed")), "–");
    assert_eq!(p_column(None), "–");
}

#[test]
fn percents_have_one_decimal_in_tables_and_none_in_sentences() {
    assert_eq!(percent(Some(37.84)), "37.8%");
    assert_eq!(percent(Some(0.0)), "0.0%");
    assert_eq!(percent(Some(100.0)), "100.0%");
    assert_eq!(whole_percent(82.6), "83%");
    assert_eq!(whole_percent(37.8), "38%");
}

#[test]
fn figures_keep_the_decimals_asked_for() {
    assert_eq!(decimals(Some(2.916667), 2), "2.92");
    assert_eq!(decimals(Some(1.5), 2), "1.50");
    assert_eq!(decimals(Some(47.916667), 6), "47.916667");
    assert_eq!(or_missing(Some(3)), "3");
}

#[test]
fn a_level_is_its_number_and_name() {
    assert_eq!(level(Some(2), Some("Managed")), "2 Managed");
    assert_eq!(level(Some(3), None), "3");
}

#[test]
fn p_values_read_as_words_or_as_a_bare_column_figure() {
    // 0.0039256 rounds to 0.004; 0.001 itself is not below a thousandth.
    for (p, words) in [
        (0.0039256, "p = 0.004"),
        (0.081, "p = 0.081"),
        (0.001, "p = 0.001"),
        (0.0004, "p < 0.001"),
    ] {
        assert_eq!(p_value(p), words);
    }
    assert_eq!(p_column(Some(0.0789)), "0.079");
    assert_eq!(p_column(Some(0.0002)), "< 0.001");
}

#[test]
fn spans_are_joined_by_an_en_dash() {
    assert_eq!(span(0, 3), "0–3");
    assert_eq!(span("24.0", "38.4"), "24.0–38.4");
}

#[test]
fn numbers_lose_needless_decimals() {
    for (value, text) in [
        (40.0, "40"),
        (12.5, "12.5"),
        (2.346, "2.35"),
        (0.6, "0.6"),
        (0.0, "0"),
        (100.0, "100"),
    ] {
        assert_eq!(trim_number(value), text);
    }
}

#[test]
fn counts_take_the_right_noun() {
    assert_eq!(plural(1, "action", "actions"), "1 action");
    assert_eq!(plural(0, "action", "actions"), "0 actions");
    assert_eq!(plural(3, "person", "people"), "3 people");
}

#[test]
fn words_are_joined_with_commas_and_a_final_and() {
    let words = |w: &[&str]| w.iter().map(|s| s.to_string()).collect::<Vec<_>>();
    assert_eq!(join_words(&[]), "");
    assert_eq!(join_words(&words(&["A"])), "A");
    assert_eq!(join_words(&words(&["A", "B"])), "A and B");
    assert_eq!(join_words(&words(&["A", "B", "C"])), "A, B and C");
}

#[test]
fn clean_removes_controls_and_bidi_overrides() {
    assert_eq!(clean(" a\u{202E}b\u{7}c\n "), "a b c");
}

#[test]
fn clean_removes_c1_controls_such_as_the_single_byte_escape() {
    // U+009B is the C1 control sequence introducer: a terminal reads "\u{9B}31m" as "red".
    assert_eq!(clean("x\u{9B}31my\u{85}z"), "x 31my z");
    assert_eq!(clean("\u{1b}[31mred\u{1b}[0m"), "[31mred [0m");
}

#[test]
fn clean_removes_every_bidirectional_formatting_character() {
    // Marks (LRM, RLM, ALM), embeddings and overrides (LRE..RLO), isolates (LRI..PDI).
    for c in [
        '\u{200E}', '\u{200F}', '\u{061C}', '\u{202A}', '\u{202B}', '\u{202C}', '\u{202D}',
        '\u{202E}', '\u{2066}', '\u{2067}', '\u{2068}', '\u{2069}',
    ] {
        assert_eq!(clean(&format!("a{c}b")), "a b", "U+{:04X}", c as u32);
    }
    // Other text, accents and an en dash included, goes through unchanged.
    assert_eq!(clean("Révision – 3 ↺"), "Révision – 3 ↺");
}

#[test]
fn markdown_escaping_neutralises_html_tables_and_emphasis() {
    assert_eq!(
        escape_markdown("<script>a|b</script> *x* [l](u)\nnext"),
        "\\<script\\>a\\|b\\</script\\> \\*x\\* \\[l\\](u) next"
    );
    assert_eq!(escape_markdown("a\u{202E}|b"), "a \\|b");
}

#[test]
fn formulas_get_an_apostrophe_and_plain_text_does_not() {
    assert_eq!(spreadsheet_safe("=HYPERLINK(\"x\")"), "'=HYPERLINK(\"x\")");
    assert_eq!(spreadsheet_safe("-1+2"), "'-1+2");
    assert_eq!(spreadsheet_safe("@SUM(A1)"), "'@SUM(A1)");
    assert_eq!(spreadsheet_safe("\tx"), "'\tx");
    assert_eq!(spreadsheet_safe("\rx"), "'\rx");
    assert_eq!(spreadsheet_safe("+x"), "'+x");
    assert_eq!(spreadsheet_safe("Change owner"), "Change owner");
}
