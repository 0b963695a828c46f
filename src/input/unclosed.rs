//! Where a YAML construct that is never closed was opened: a flow mapping `{`, a flow sequence
//! `[` or a quoted text. The YAML reader notices such a mistake only where the text stops making
//! sense, often lines further down ("'-' is only valid inside a block"); this scan of the text
//! names the place the construct began, so that the message points at both.
//!
//! The scan follows YAML's lexical rules far enough for that: comments, quoted texts (with
//! `''` and `\` escapes), block scalars (`|`, `>`) and plain texts, in which brackets and
//! quotes are only characters. It is a hint for a file the reader has already refused, never a
//! parser of its own.

/// A construct opened and not closed: what it is and where it starts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Opener {
    /// The opening character: `{`, `[`, `"` or `'`.
    char: char,
    /// 1-based line.
    line: u64,
    /// 1-based column, in characters.
    column: u64,
}

impl Opener {
    /// The construct in words.
    fn what(self) -> &'static str {
        match self.char {
            '{' => "the flow mapping '{'",
            '[' => "the flow sequence '['",
            _ => "the quoted text",
        }
    }
}

/// A sentence naming the innermost construct that opened before `line:column`, the place the
/// reader gave up, and is still open at the end of the text; `None` when there is none, or
/// when it opened exactly there (the reader's message names it then).
pub(super) fn hint(text: &str, line: u64, column: u64) -> Option<String> {
    let open = Scan::default().run(text);
    let opener = open
        .into_iter()
        .rev()
        .find(|o| (o.line, o.column) <= (line, column))?;
    ((opener.line, opener.column) != (line, column)).then(|| {
        format!(
            "{} opened at {}:{} is not closed",
            opener.what(),
            opener.line,
            opener.column
        )
    })
}

/// The state of the scan between characters.
#[derive(Default)]
struct Scan {
    /// The flow collections open, outermost first.
    flows: Vec<Opener>,
    /// The quoted text being read, if any.
    quote: Option<Opener>,
    /// The indentation of the line that opened a block scalar whose lines are being skipped.
    block_scalar: Option<usize>,
}

impl Scan {
    /// Scan the whole text; return what is still open at its end, outermost first.
    fn run(mut self, text: &str) -> Vec<Opener> {
        for (line, number) in text.lines().zip(1u64..) {
            let chars: Vec<char> = line.chars().collect();
            let indent = chars.iter().take_while(|&&c| c == ' ').count();
            if let Some(parent) = self.block_scalar {
                if chars[indent..].is_empty() || indent > parent {
                    continue;
                }
                self.block_scalar = None;
            }
            self.line(&chars, indent, number);
        }
        self.flows.extend(self.quote);
        self.flows
    }

    /// Scan one line; `indent` is its count of leading spaces.
    fn line(&mut self, chars: &[char], indent: usize, number: u64) {
        // At the start of a value (where `[`, `{`, a quote or a block scalar may begin).
        let mut at_value = self.quote.is_none();
        let mut i = 0;
        while i < chars.len() {
            let c = chars[i];
            let at = |char| Opener {
                char,
                line: number,
                column: i as u64 + 1,
            };
            if let Some(q) = self.quote {
                match (q.char, c) {
                    ('"', '\\') => i += 1,
                    ('\'', '\'') if chars.get(i + 1) == Some(&'\'') => i += 1,
                    (open, c) if open == c => {
                        self.quote = None;
                        at_value = false;
                    }
                    _ => {}
                }
                i += 1;
                continue;
            }
            let after_space = i == 0 || chars[i - 1] == ' ' || chars[i - 1] == '\t';
            match c {
                '#' if after_space => return,
                ' ' | '\t' => {}
                '"' | '\'' if at_value => self.quote = Some(at(c)),
                '{' | '[' if at_value || !self.flows.is_empty() => {
                    self.flows.push(at(c));
                    at_value = true;
                }
                '}' | ']' if !self.flows.is_empty() => {
                    let open = if c == '}' { '{' } else { '[' };
                    if self.flows.last().is_some_and(|o| o.char == open) {
                        self.flows.pop();
                    }
                    at_value = false;
                }
                ',' if !self.flows.is_empty() => at_value = true,
                '|' | '>' if at_value && self.flows.is_empty() => {
                    self.block_scalar = Some(indent);
                    return;
                }
                '-' | '?' if at_value && ends_indicator(chars, i) => {}
                ':' if ends_indicator(chars, i) => at_value = true,
                ':' if !self.flows.is_empty() => at_value = true,
                _ => at_value = false,
            }
            i += 1;
        }
    }
}

/// Whether the character at `i` stands alone, followed by a space, a tab or the end of the line,
/// as YAML's `-`, `?` and `:` indicators do.
fn ends_indicator(chars: &[char], i: usize) -> bool {
    chars.get(i + 1).is_none_or(|n| *n == ' ' || *n == '\t')
}
