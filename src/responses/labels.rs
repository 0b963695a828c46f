//! The label parser: what one answer cell means on the questionnaire's scale.
//!
//! [`parse_answer`] is a pure function of the cell text, the scale and the [`AnswerLabels`]; it
//! never panics on any input (it is a fuzz target).

use super::Answer;
use super::mapping::{MappedAnswer, Mapping};
use crate::error::{Problem, Problems};
use crate::questionnaire::Scale;
use std::collections::HashMap;
use std::fmt;

/// The not-applicable answers every questionnaire accepts, besides its own `not_applicable` list.
pub const ALWAYS_NOT_APPLICABLE: [&str; 3] = ["N/A", "NA", "n/a"];

/// The answer texts a reader understands besides numbers: the scale's labels, its
/// not-applicable answers (plus [`ALWAYS_NOT_APPLICABLE`]) and a mapping file's labels, all
/// compared trimmed, case-insensitively and with runs of white space taken as one space.
#[derive(Debug, Clone)]
pub struct AnswerLabels {
    map: HashMap<String, Answer>,
    /// Whether some label starts with a digit (a mapping file may give `6: n/a`); when none
    /// does, a cell of digits is a number without a look-up.
    numeric_labels: bool,
    allowed: String,
}

impl AnswerLabels {
    /// The labels of a scale alone.
    pub fn new(scale: &Scale) -> Self {
        let mut map = HashMap::new();
        for (value, label) in &scale.labels {
            map.insert(label_key(label), Answer::Value(*value));
        }
        for na in ALWAYS_NOT_APPLICABLE
            .iter()
            .copied()
            .chain(scale.not_applicable.iter().map(String::as_str))
        {
            map.insert(label_key(na), Answer::NotApplicable);
        }
        let allowed = describe(scale, &[]);
        let numeric_labels = starts_with_digit(map.keys());
        AnswerLabels {
            map,
            numeric_labels,
            allowed,
        }
    }

    /// The labels of a scale plus a mapping file's answer labels, which take precedence. A
    /// mapped value outside the scale is a problem naming the mapping file.
    pub fn with_mapping(scale: &Scale, mapping: Option<&Mapping>) -> Result<Self, Problems> {
        let mut labels = AnswerLabels::new(scale);
        let Some(mapping) = mapping else {
            return Ok(labels);
        };
        let mut problems = Vec::new();
        let mut codes = Vec::new();
        for (label, target) in &mapping.labels {
            let answer = match *target {
                MappedAnswer::NotApplicable => Answer::NotApplicable,
                MappedAnswer::Missing => Answer::Missing,
                MappedAnswer::Value(v) => match i32::try_from(v) {
                    Ok(v) if (scale.min..=scale.max).contains(&v) => Answer::Value(v),
                    _ => {
                        problems.push(Problem::file(
                            &mapping.path,
                            format!(
                                "label '{label}' is mapped to {v}, outside the scale {} to {}",
                                scale.min, scale.max
                            ),
                        ));
                        continue;
                    }
                },
            };
            labels.map.insert(label_key(label), answer);
            codes.push(label.as_str());
        }
        if !problems.is_empty() {
            return Err(Problems(problems));
        }
        labels.allowed = describe(scale, &codes);
        labels.numeric_labels = starts_with_digit(labels.map.keys());
        Ok(labels)
    }

    /// The values allowed in an answer cell, in words, for error messages.
    pub fn allowed(&self) -> &str {
        &self.allowed
    }

    fn get(&self, text: &str) -> Option<Answer> {
        if !self.numeric_labels && text.starts_with(|c: char| c.is_ascii_digit()) {
            return None;
        }
        self.map.get(&label_key(text)).copied()
    }
}

/// The values allowed in a cell, in words: numbers, scale labels, not-applicable answers and
/// the mapping file's labels.
fn describe(scale: &Scale, mapped: &[&str]) -> String {
    let mut allowed = format!("a whole number from {} to {}", scale.min, scale.max);
    if !scale.labels.is_empty() {
        let labels: Vec<String> = scale
            .labels
            .iter()
            .map(|(v, l)| format!("{v} '{l}'"))
            .collect();
        allowed.push_str(&format!(", a label ({})", labels.join(", ")));
    }
    let mut na: Vec<&str> = scale.not_applicable.iter().map(String::as_str).collect();
    for always in ALWAYS_NOT_APPLICABLE {
        if !na.contains(&always) {
            na.push(always);
        }
    }
    allowed.push_str(&format!(", a not-applicable answer ({})", na.join(", ")));
    if !mapped.is_empty() {
        allowed.push_str(&format!(
            ", a label of the mapping file ({})",
            shorten_list(mapped, 8)
        ));
    }
    allowed.push_str(", or an empty cell");
    allowed
}

fn starts_with_digit<'a>(mut keys: impl Iterator<Item = &'a String>) -> bool {
    keys.any(|k| k.starts_with(|c: char| c.is_ascii_digit()))
}

/// Join a list for a message, naming at most `max` items and counting the rest.
pub(crate) fn shorten_list(items: &[&str], max: usize) -> String {
    let mut s = items
        .iter()
        .take(max)
        .copied()
        .collect::<Vec<_>>()
        .join(", ");
    if items.len() > max {
        s.push_str(&format!(" and {} more", items.len() - max));
    }
    s
}

/// Why a cell is not an answer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum InvalidAnswer {
    /// The text is neither a number, a label, nor a not-applicable answer.
    NotUnderstood,
    /// A whole number outside the scale (kept as written).
    OutOfScale(String),
    /// A leading number followed by the label of another value, such as `5 - Disagree`.
    Contradicts {
        /// The leading number.
        number: i32,
        /// The label that follows it, as written.
        label: String,
    },
    /// A label with its code in parentheses, where the code is another value's, such as
    /// `Agree (5)` or `(5) Agree` when `Agree` is 4.
    CodeContradicts {
        /// The code in parentheses.
        number: i32,
        /// The label beside it, as written.
        label: String,
    },
}

impl fmt::Display for InvalidAnswer {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            InvalidAnswer::NotUnderstood => write!(f, "is not an answer on the scale"),
            InvalidAnswer::OutOfScale(_) => write!(f, "is a number outside the scale"),
            InvalidAnswer::Contradicts { number, label } => write!(
                f,
                "starts with {number} but is labelled '{label}', the label of another value"
            ),
            InvalidAnswer::CodeContradicts { number, label } => write!(
                f,
                "gives the code {number} but the label '{label}', which is the label of another value"
            ),
        }
    }
}

/// The key a label is compared by: trimmed, lowercase, white space runs as one space.
fn label_key(text: &str) -> String {
    let mut key = String::with_capacity(text.len());
    for word in text.split_whitespace() {
        if !key.is_empty() {
            key.push(' ');
        }
        if word.is_ascii() {
            key.extend(word.bytes().map(|b| char::from(b.to_ascii_lowercase())));
        } else {
            key.extend(word.chars().flat_map(char::to_lowercase));
        }
    }
    key
}

/// What one answer cell means.
///
/// In this order: an empty (or white-space) cell is [`Answer::Missing`]; a label of `labels`
/// (case-insensitive) gives its answer; a label with its code in parentheses, before or after
/// it (`Agree (4)`, `(4) Agree`), gives the code, which must lie on the scale and, when the
/// label is one of the scale's, be that label's value; a whole number, also written with a
/// zero fraction (`4.0`, `4,00`, as spreadsheets do), must lie on the scale; a leading whole
/// number followed by a separator (space, `-`, `=`, `.`, `:`, `)`) and words
/// (`5 - Strongly agree`, `4 = Agree`) gives that number, unless the words are the label of
/// another value; a hyphen glued to what follows (`2-3`, a range; `03-Apr`, a number a
/// spreadsheet made a date) is not a separator. Anything else, including `1e3`, `NaN`, `inf`
/// and `4.5`, is an [`InvalidAnswer`].
pub fn parse_answer(
    cell: &str,
    scale: &Scale,
    labels: &AnswerLabels,
) -> Result<Answer, InvalidAnswer> {
    let text = cell.trim();
    if text.is_empty() {
        return Ok(Answer::Missing);
    }
    if let Some(answer) = labels.get(text) {
        return Ok(answer);
    }
    if let Some((code, label)) = coded_label(text) {
        let answer = whole_number(code, scale)?;
        return match (answer, labels.get(label)) {
            (Answer::Value(v), Some(Answer::Value(w))) if v != w => {
                Err(InvalidAnswer::CodeContradicts {
                    number: v,
                    label: label.to_string(),
                })
            }
            _ => Ok(answer),
        };
    }
    let unsigned = text.strip_prefix(['-', '+']).unwrap_or(text);
    let digit_end = unsigned
        .find(|c: char| !c.is_ascii_digit())
        .unwrap_or(unsigned.len());
    if digit_end == 0 {
        return Err(InvalidAnswer::NotUnderstood);
    }
    // The number as written (sign and digits).
    let written = &text[..text.len() - unsigned.len() + digit_end];
    let on_scale = || whole_number(written, scale);
    let rest = &unsigned[digit_end..];
    if rest.is_empty() {
        return on_scale();
    }
    // A zero fraction: "4.0", "4,00", "4." (spreadsheets write whole numbers so).
    if let Some(fraction) = rest.strip_prefix(['.', ',']) {
        if fraction.chars().all(|c| c == '0') {
            return on_scale();
        }
        if fraction.starts_with(|c: char| c.is_ascii_digit()) {
            return Err(InvalidAnswer::NotUnderstood);
        }
    }
    // A leading number, a separator, then text.
    if !rest.starts_with(|c: char| c.is_whitespace() || matches!(c, '-' | '=' | '.' | ':' | ')')) {
        return Err(InvalidAnswer::NotUnderstood);
    }
    let label = rest.trim_start_matches(|c: char| {
        c.is_whitespace() || matches!(c, '-' | '=' | '.' | ':' | ')' | '\u{2013}' | '\u{2014}')
    });
    // Words must follow: "2-3" is a range, and "03-Apr" a number a spreadsheet turned into a
    // date (a hyphen glued to what follows), neither an answer.
    let glued_hyphen = rest.starts_with('-') && !rest[1..].starts_with(char::is_whitespace);
    if glued_hyphen || !label.chars().any(char::is_alphabetic) {
        return Err(InvalidAnswer::NotUnderstood);
    }
    let answer = on_scale()?;
    match (answer, labels.get(label)) {
        (Answer::Value(v), Some(Answer::Value(w))) if v != w => Err(InvalidAnswer::Contradicts {
            number: v,
            label: label.trim().to_string(),
        }),
        _ => Ok(answer),
    }
}

/// The answer of a whole number as written (an optional sign, then ASCII digits), or
/// [`InvalidAnswer::OutOfScale`] when it lies off the scale (or past `i64`).
fn whole_number(written: &str, scale: &Scale) -> Result<Answer, InvalidAnswer> {
    let (negative, digits) = match written.strip_prefix(['-', '+']) {
        Some(rest) => (written.starts_with('-'), rest),
        None => (false, written),
    };
    let magnitude = digits.parse::<i64>().ok();
    match magnitude.map(|m| if negative { -m } else { m }) {
        Some(v) if (i64::from(scale.min)..=i64::from(scale.max)).contains(&v) => {
            // Within the scale's i32 bounds.
            Ok(Answer::Value(v as i32))
        }
        _ => Err(InvalidAnswer::OutOfScale(written.to_string())),
    }
}

/// A label with its code in parentheses, `Agree (4)` or `(4) Agree`: the code (an optional
/// sign and digits, trimmed) and the label (trimmed, with a letter in it), or `None` when the
/// text has neither form. A text that starts with a number (`4 - Agree (4)`) is left to the
/// leading-number rule.
fn coded_label(text: &str) -> Option<(&str, &str)> {
    let is_code = |c: &str| {
        let digits = c.strip_prefix(['-', '+']).unwrap_or(c);
        !digits.is_empty() && digits.bytes().all(|b| b.is_ascii_digit())
    };
    let (code, label) = if let Some(inner) = text.strip_suffix(')') {
        let open = inner.rfind('(')?;
        let label = inner[..open].trim_end();
        if label.starts_with(|c: char| c.is_ascii_digit() || matches!(c, '-' | '+')) {
            return None;
        }
        (inner[open + 1..].trim(), label)
    } else {
        let inner = text.strip_prefix('(')?;
        let close = inner.find(')')?;
        (inner[..close].trim(), inner[close + 1..].trim_start())
    };
    (is_code(code) && label.chars().any(char::is_alphabetic)).then_some((code, label))
}

/// How many distinct longer cells [`AnswerCache`] remembers, and how long they may be.
const CACHED_CELLS: usize = 256;
const CACHED_CELL_BYTES: usize = 48;

/// [`parse_answer`] for the cells of one file, remembering what it gave as answer codes
/// ([`Answer::code`]): answer cells are mostly one of a few texts (a digit, a label, a
/// not-applicable answer, nothing), so most are answered by a table or a small map instead of
/// being parsed again. Only answers are remembered: a cell that is not an answer is parsed each
/// time, so that its error is the parser's own.
pub(crate) struct AnswerCache<'a> {
    scale: &'a Scale,
    labels: &'a AnswerLabels,
    /// The code of each cell of at most one byte when it is an answer, at its [`short_key`]
    /// ([`NOT_KNOWN`] otherwise, and at the keys of longer cells: a NUL byte, or a byte that is
    /// no character alone, is not looked up here).
    short: [u8; SHORT_KEYS],
    /// Cells of two to seven bytes seen (such as `N/A`), by their text packed into a word
    /// ([`packed`]): a few comparisons instead of a hash.
    words: Vec<(u64, u8)>,
    /// Longer cells seen, by their exact text.
    longer: rustc_hash::FxHashMap<Box<[u8]>, u8>,
}

/// What [`AnswerCache::known`] gives for a cell it does not remember: no answer has this code,
/// since the cache never holds one off the scale.
pub(crate) const NOT_KNOWN: u8 = super::OFF_SCALE;

// The row reading finds a cell not remembered by the high bit of its code, which no answer's
// code has (at most the scale's points plus one).
const _: () = assert!(NOT_KNOWN & 0x80 != 0 && crate::questionnaire::MAX_SCALE_POINTS < 127);

/// How many keys [`short_key`] gives, a power of two (so that a key masked by one less needs no
/// bounds check).
const SHORT_KEYS: usize = 1 << 10;

/// The place in [`AnswerCache`]'s table of a cell of `len` bytes whose first byte is `byte`:
/// `min(len, 2)·256 + byte`. Every key of an empty cell (whatever `byte` is) gives the empty
/// cell's code and every key of a longer one [`NOT_KNOWN`], so a caller may pass, for an empty
/// cell, the byte after it, and need not branch on the length.
#[inline(always)]
pub(crate) fn short_key(len: usize, byte: u8) -> usize {
    (len.min(2) << 8) | usize::from(byte)
}

/// How many cells of two to seven bytes [`AnswerCache`] compares as words.
const CACHED_WORDS: usize = 8;

/// A cell of at most seven bytes as one word: its bytes, and its length in the top byte (so
/// that no two texts share a word).
fn packed(cell: &[u8]) -> u64 {
    cell.iter()
        .enumerate()
        .fold((cell.len() as u64) << 56, |word, (i, &b)| {
            word | u64::from(b) << (8 * i)
        })
}

impl<'a> AnswerCache<'a> {
    /// A cache in front of [`parse_answer`] with this scale and these labels.
    pub(crate) fn new(scale: &'a Scale, labels: &'a AnswerLabels) -> Self {
        let code =
            |cell: &str| parse_answer(cell, scale, labels).map_or(NOT_KNOWN, |a| a.code(scale));
        let mut short = [NOT_KNOWN; SHORT_KEYS];
        let empty = code("");
        for byte in 0..=u8::MAX {
            short[short_key(0, byte)] = empty;
        }
        for byte in 1u8..128 {
            short[short_key(1, byte)] = code(&char::from(byte).to_string());
        }
        AnswerCache {
            scale,
            labels,
            short,
            words: Vec::new(),
            longer: rustc_hash::FxHashMap::default(),
        }
    }

    /// The code of the cell of text `cell` when it is an answer remembered, else
    /// [`NOT_KNOWN`]: an empty or one-byte cell by table, a longer one seen before by its text
    /// (no parsing, no allocation).
    #[inline(always)]
    pub(crate) fn known(&self, cell: &[u8]) -> u8 {
        if cell.len() <= 1 {
            return self.known_short(short_key(cell.len(), cell.first().copied().unwrap_or(0)));
        }
        self.known_longer(cell)
    }

    /// The code of the cell of [`short_key`] `key` when it is an empty or one-byte answer, else
    /// [`NOT_KNOWN`] (for a longer cell, whatever it holds).
    #[inline(always)]
    pub(crate) fn known_short(&self, key: usize) -> u8 {
        self.short[key & (SHORT_KEYS - 1)]
    }

    /// [`AnswerCache::known`] for a cell of two bytes or more: among the words, or in the map.
    #[inline(never)]
    fn known_longer(&self, cell: &[u8]) -> u8 {
        if cell.len() < 8 && !self.words.is_empty() {
            let word = packed(cell);
            if let Some(&(_, code)) = self.words.iter().find(|(w, _)| *w == word) {
                return code;
            }
        }
        if self.longer.is_empty() {
            return NOT_KNOWN;
        }
        self.longer.get(cell).copied().unwrap_or(NOT_KNOWN)
    }

    /// The code of what [`parse_answer`] gives for `cell`, or its error.
    pub(crate) fn parse(&mut self, cell: &str) -> Result<u8, InvalidAnswer> {
        let known = self.known(cell.as_bytes());
        if known != NOT_KNOWN {
            return Ok(known);
        }
        let code = parse_answer(cell, self.scale, self.labels)?.code(self.scale);
        if (2..8).contains(&cell.len()) && self.words.len() < CACHED_WORDS {
            self.words.push((packed(cell.as_bytes()), code));
        } else if cell.len() > 1
            && cell.len() <= CACHED_CELL_BYTES
            && self.longer.len() < CACHED_CELLS
        {
            self.longer.insert(cell.as_bytes().into(), code);
        }
        Ok(code)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeMap;

    fn scale() -> Scale {
        Scale {
            min: 1,
            max: 5,
            labels: BTreeMap::from([
                (1, "Strongly disagree".to_string()),
                (2, "Disagree".to_string()),
                (3, "Neither agree nor disagree".to_string()),
                (4, "Agree".to_string()),
                (5, "Strongly agree".to_string()),
            ]),
            not_applicable: vec!["Don't know".to_string()],
        }
    }

    fn parse(cell: &str) -> Result<Answer, InvalidAnswer> {
        let s = scale();
        parse_answer(cell, &s, &AnswerLabels::new(&s))
    }

    #[test]
    fn a_range_or_a_spreadsheet_date_is_not_an_answer() {
        let s = scale();
        let labels = AnswerLabels::new(&s);
        for cell in ["2-3", "03-Apr", "3-Apr", "4-", "5 -", "2 3"] {
            assert_eq!(
                parse_answer(cell, &s, &labels),
                Err(InvalidAnswer::NotUnderstood),
                "{cell}"
            );
        }
        for (cell, value) in [
            ("5 - Strongly agree", 5),
            ("5. Strongly agree", 5),
            ("4 = Agree", 4),
            ("1) Never", 1),
            ("2: Disagree", 2),
        ] {
            assert_eq!(
                parse_answer(cell, &s, &labels),
                Ok(Answer::Value(value)),
                "{cell}"
            );
        }
    }

    #[test]
    fn labels_with_their_code_in_parentheses() {
        for (cell, value) in [
            ("Agree (4)", 4),
            ("(4) Agree", 4),
            ("Strongly agree (5)", 5),
            (" ( 2 )  Disagree ", 2),
            ("strongly DISAGREE(1)", 1),
            // A label the scale does not know is taken by its code, as with a leading number.
            ("Often (3)", 3),
            ("(3) Often", 3),
        ] {
            assert_eq!(parse(cell), Ok(Answer::Value(value)), "{cell}");
        }
        assert_eq!(
            parse("Agree (5)"),
            Err(InvalidAnswer::CodeContradicts {
                number: 5,
                label: "Agree".into()
            })
        );
        assert_eq!(
            parse("(2) Strongly agree"),
            Err(InvalidAnswer::CodeContradicts {
                number: 2,
                label: "Strongly agree".into()
            })
        );
        assert_eq!(
            InvalidAnswer::CodeContradicts {
                number: 5,
                label: "Agree".into()
            }
            .to_string(),
            "gives the code 5 but the label 'Agree', which is the label of another value"
        );
        assert_eq!(
            parse("Agree (6)"),
            Err(InvalidAnswer::OutOfScale("6".into()))
        );
        for bad in [
            "Agree (4.5)",
            "(4)",
            "Agree ()",
            "Sometimes (2-3 times)",
            "(x) Agree",
        ] {
            assert_eq!(parse(bad), Err(InvalidAnswer::NotUnderstood), "{bad}");
        }
        // A leading number keeps its own rule, whatever follows it.
        assert_eq!(parse("4 - Agree (5)"), Ok(Answer::Value(4)));
    }

    #[test]
    fn the_cache_gives_what_the_parser_gives() {
        let s = scale();
        let labels = AnswerLabels::new(&s);
        let mut cache = AnswerCache::new(&s, &labels);
        let cells = [
            "",
            " ",
            "4",
            "0",
            "9",
            "x",
            "\0",
            "N/A",
            "Agree",
            "agree",
            "Agree (4)",
            "Agree (5)",
            "é",
            "12",
            "3.0",
            "Agree",
            " 4",
            "n/a",
            "Agree  ",
            "Disagree",
            "1234567",
            "N/A",
        ];
        for _ in 0..2 {
            for cell in cells {
                assert_eq!(
                    cache.parse(cell),
                    parse_answer(cell, &s, &labels).map(|a| a.code(&s)),
                    "{cell:?}"
                );
            }
        }
    }

    #[test]
    fn numbers_on_the_scale() {
        assert_eq!(parse("4"), Ok(Answer::Value(4)));
        assert_eq!(parse(" 1 "), Ok(Answer::Value(1)));
        assert_eq!(parse("+5"), Ok(Answer::Value(5)));
        assert_eq!(parse("4.0"), Ok(Answer::Value(4)));
        assert_eq!(parse("4,00"), Ok(Answer::Value(4)));
        assert_eq!(parse("4."), Ok(Answer::Value(4)));
    }

    #[test]
    fn numbers_off_the_scale_or_not_whole() {
        assert_eq!(parse("6"), Err(InvalidAnswer::OutOfScale("6".into())));
        assert_eq!(parse("0"), Err(InvalidAnswer::OutOfScale("0".into())));
        assert_eq!(parse("-0"), Err(InvalidAnswer::OutOfScale("-0".into())));
        assert_eq!(
            parse("99999999999999999999"),
            Err(InvalidAnswer::OutOfScale("99999999999999999999".into()))
        );
        for bad in [
            "4.5", "1e400", "1e3", "NaN", "inf", "-inf", "--4", "+", "4x", "x4",
        ] {
            assert_eq!(parse(bad), Err(InvalidAnswer::NotUnderstood), "{bad}");
        }
    }

    #[test]
    fn labels_missing_and_not_applicable() {
        assert_eq!(parse(""), Ok(Answer::Missing));
        assert_eq!(parse("   "), Ok(Answer::Missing));
        assert_eq!(parse("strongly  AGREE"), Ok(Answer::Value(5)));
        assert_eq!(parse("\u{a0}Agree\u{a0}"), Ok(Answer::Value(4)));
        for na in ["N/A", "na", "n/a", "NA", "don't know", "DON'T KNOW"] {
            assert_eq!(parse(na), Ok(Answer::NotApplicable), "{na}");
        }
        assert_eq!(parse("Sometimes"), Err(InvalidAnswer::NotUnderstood));
    }

    #[test]
    fn leading_numbers_with_text() {
        assert_eq!(parse("5 - Strongly agree"), Ok(Answer::Value(5)));
        assert_eq!(parse("4 = Agree"), Ok(Answer::Value(4)));
        assert_eq!(parse("2. Disagree"), Ok(Answer::Value(2)));
        assert_eq!(parse("3) Neutral"), Ok(Answer::Value(3)));
        assert_eq!(parse("1: whatever text"), Ok(Answer::Value(1)));
        assert_eq!(parse("5 \u{2013} Strongly agree"), Ok(Answer::Value(5)));
        assert_eq!(
            parse("5 - Disagree"),
            Err(InvalidAnswer::Contradicts {
                number: 5,
                label: "Disagree".into()
            })
        );
        assert_eq!(
            parse("7 - Very strongly agree"),
            Err(InvalidAnswer::OutOfScale("7".into()))
        );
    }

    #[test]
    fn negative_scales() {
        let s = Scale {
            min: -2,
            max: 2,
            labels: BTreeMap::new(),
            not_applicable: vec![],
        };
        let labels = AnswerLabels::new(&s);
        assert_eq!(parse_answer("-2", &s, &labels), Ok(Answer::Value(-2)));
        assert_eq!(parse_answer("-0", &s, &labels), Ok(Answer::Value(0)));
        assert_eq!(
            parse_answer("-1 - Disagree", &s, &labels),
            Ok(Answer::Value(-1))
        );
        assert_eq!(
            parse_answer("-3", &s, &labels),
            Err(InvalidAnswer::OutOfScale("-3".into()))
        );
    }

    #[test]
    fn mapping_labels_take_precedence() {
        let s = scale();
        let mapping = Mapping {
            path: "m.yaml".into(),
            columns: vec![],
            labels: vec![
                ("A1".into(), MappedAnswer::Value(1)),
                ("A6".into(), MappedAnswer::NotApplicable),
                ("6".into(), MappedAnswer::NotApplicable),
            ],
        };
        let labels = AnswerLabels::with_mapping(&s, Some(&mapping)).expect("valid mapping");
        assert_eq!(parse_answer("a1", &s, &labels), Ok(Answer::Value(1)));
        assert_eq!(parse_answer("A6", &s, &labels), Ok(Answer::NotApplicable));
        assert_eq!(parse_answer("6", &s, &labels), Ok(Answer::NotApplicable));
        assert!(labels.allowed().contains("A1, A6, 6"));
        let bad = Mapping {
            labels: vec![("A9".into(), MappedAnswer::Value(9))],
            ..mapping
        };
        let err = AnswerLabels::with_mapping(&s, Some(&bad)).expect_err("9 is off the scale");
        assert!(
            err.to_string()
                .contains("m.yaml: label 'A9' is mapped to 9"),
            "{err}"
        );
    }

    #[test]
    fn a_not_applicable_answer_the_scale_names_too_is_listed_once() {
        let mut s = scale();
        s.not_applicable = vec!["Don't know".into(), "N/A".into()];
        let labels = AnswerLabels::with_mapping(&s, None).expect("no mapping");
        assert!(
            labels
                .allowed()
                .contains("a not-applicable answer (Don't know, N/A, NA, n/a)"),
            "{}",
            labels.allowed()
        );
    }

    #[test]
    fn allowed_values_are_listed() {
        let s = scale();
        let labels = AnswerLabels::with_mapping(&s, None).expect("no mapping");
        assert_eq!(
            labels.allowed(),
            "a whole number from 1 to 5, a label (1 'Strongly disagree', 2 'Disagree', \
             3 'Neither agree nor disagree', 4 'Agree', 5 'Strongly agree'), a not-applicable \
             answer (Don't know, N/A, NA, n/a), or an empty cell"
        );
    }
}
