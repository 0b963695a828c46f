//! Reading survey responses (CSV and the survey tools' exports) into answers in questionnaire
//! order, streaming one row at a time.

/// One answer cell, understood against the questionnaire's scale.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Answer {
    /// Nothing was answered (an empty cell, or no column for the question).
    Missing,
    /// An answer that means "not applicable" or "don't know".
    NotApplicable,
    /// A raw value on the scale (not yet reversed).
    Value(i32),
}

/// One respondent's row, as handed to the scorer.
#[derive(Debug, Clone, Copy)]
pub struct Row<'a> {
    /// The answers, one per question in [`crate::questionnaire::Questionnaire::questions`] order.
    pub answers: &'a [Answer],
    /// The row's value of each group-by column, in the order the columns were asked for
    /// (empty when the cell is empty).
    pub groups: &'a [String],
}
