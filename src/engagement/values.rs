//! Settings written as text, read the same way from the command line and the engagement file:
//! each function takes what the user wrote and gives the value or a message saying what to
//! write instead (without naming a flag or a key; the caller says where the text came from).

use crate::choice::Choice;

/// A field delimiter: ',', ';', '|' or 'tab' (also `\t` and a real tab).
pub fn delimiter(s: &str) -> Result<u8, String> {
    match s {
        "," => Ok(b','),
        ";" => Ok(b';'),
        "tab" | "\\t" | "\t" => Ok(b'\t'),
        "|" => Ok(b'|'),
        _ => Err("expected ',', ';', '|' or 'tab'".into()),
    }
}

/// A real calendar date written as YYYY-MM-DD (2026-02-31 is not one), kept as written.
pub fn date(s: &str) -> Result<String, String> {
    match s.parse::<jiff::civil::Date>() {
        Ok(_) if s.len() == 10 => Ok(s.to_string()),
        _ => Err("expected a date as YYYY-MM-DD".into()),
    }
}

/// The smallest group shown on its own: at least [`crate::scoring::LOWEST_MIN_GROUP_SIZE`].
pub fn min_group_size(s: &str) -> Result<usize, String> {
    match s.parse::<usize>() {
        Ok(n) if n >= crate::scoring::LOWEST_MIN_GROUP_SIZE => Ok(n),
        _ => Err(format!(
            "expected a whole number of at least {} (the lowest threshold survey platforms allow: in a group of two, each person knows the other's answers)",
            crate::scoring::LOWEST_MIN_GROUP_SIZE
        )),
    }
}

/// One of a library's named choices (a layout, a paper size), by its id.
pub fn choice<T: Choice>(s: &str) -> Result<T, String> {
    T::from_id(s).ok_or_else(|| {
        let ids: Vec<&str> = T::ALL.iter().map(|c| c.id()).collect();
        format!("'{s}' is not one of: {}", ids.join(", "))
    })
}
