//! The template as an Excel workbook, written with `rust_xlsxwriter`.
//!
//! Sheet `Responses` (the first, which the reader reads): row 1 the column ids, row 2 the
//! statements' texts (wrapped), both frozen with the grouping column, and from row 3 on one row
//! per person. Every answer cell of a scored question offers a drop-down of the scale's answers
//! (each value's label, or the number where the scale gives none, then `N/A`), and says what each
//! number means when selected. Sheet `Scale` lists the numbers, their labels and `N/A`.
//!
//! The workbook's creation date is fixed ([`CREATED`]), so the same questionnaire always gives
//! the same bytes.

use super::{Column, columns};
use crate::questionnaire::{Questionnaire, Scale};
use crate::responses::ALWAYS_NOT_APPLICABLE;
use anyhow::{Context as _, Result};
use rust_xlsxwriter::{
    DataValidation, DataValidationErrorStyle, DocProperties, ExcelDateTime, Format, FormatAlign,
    Workbook, Worksheet, XlsxError,
};

/// The creation date written into every template's document properties (year, month, day):
/// a fixed one, since a clock would make every run's bytes differ.
const CREATED: (u16, u8, u8) = (2026, 1, 1);

/// The name of the sheet people fill.
const RESPONSES_SHEET: &str = "Responses";

/// The name of the sheet that says what the numbers mean.
const SCALE_SHEET: &str = "Scale";

/// What the `Scale` sheet says below its table.
const SCALE_NOTE: &str = "In each answer cell, choose an answer from its list or type its number; N/A means the statement does not apply.";

/// The last row (0-based) the drop-downs cover: Excel's last.
const LAST_ROW: u32 = 1_048_575;

/// The longest text Excel accepts in a list validation's own list, and in an input message.
const EXCEL_TEXT_LIMIT: usize = 255;

/// The template workbook's bytes.
pub fn xlsx(q: &Questionnaire) -> Result<Vec<u8>> {
    build(q).context("cannot write the template workbook")
}

fn build(q: &Questionnaire) -> Result<Vec<u8>, XlsxError> {
    let mut workbook = Workbook::new();
    let (year, month, day) = CREATED;
    workbook.set_properties(
        &DocProperties::new()
            .set_title(&q.title)
            .set_creation_datetime(&ExcelDateTime::from_ymd(year, month, day)?),
    );
    let answers = answers(&q.scale);
    let columns = columns(q);
    responses_sheet(workbook.add_worksheet(), &columns, &q.scale, &answers)?;
    scale_sheet(workbook.add_worksheet(), &answers)?;
    workbook.save_to_buffer()
}

/// The answers the drop-down offers, with their numbers: each value of the scale (its label, or
/// the number where it has none), then `N/A` (which every questionnaire accepts).
fn answers(scale: &Scale) -> Vec<(Option<i32>, String)> {
    (scale.min..=scale.max)
        .map(|v| (Some(v), scale.label(v)))
        .chain([(None, ALWAYS_NOT_APPLICABLE[0].to_string())])
        .collect()
}

fn responses_sheet(
    sheet: &mut Worksheet,
    columns: &[Column<'_>],
    scale: &Scale,
    answers: &[(Option<i32>, String)],
) -> Result<(), XlsxError> {
    sheet.set_name(RESPONSES_SHEET)?;
    let bold = Format::new().set_bold();
    let text = Format::new()
        .set_text_wrap()
        .set_align(FormatAlign::Top)
        .set_italic();
    for (col, column) in (0u16..).zip(columns) {
        sheet.write_string_with_format(0, col, column.id, &bold)?;
        sheet.write_string_with_format(1, col, column.text, &text)?;
        sheet.set_column_width(col, if column.scored { 24 } else { 36 })?;
    }
    sheet.set_row_height(1, 90)?;
    sheet.set_freeze_panes(2, 1)?;
    let scored: Vec<u16> = (0u16..)
        .zip(columns)
        .filter(|(_, c)| c.scored)
        .map(|(col, _)| col)
        .collect();
    if let (Some(&first), Some(&last)) = (scored.first(), scored.last()) {
        let validation = drop_down(scale, answers)?;
        sheet.add_data_validation(2, first, LAST_ROW, last, &validation)?;
    }
    Ok(())
}

/// The drop-down of an answer cell. Its list is written into the validation itself when Excel
/// allows (no answer holds a comma, and all fit in 255 characters), else it points at the
/// answers on the `Scale` sheet. Another entry is allowed after a warning (a number typed in is
/// read as well as its label).
fn drop_down(
    scale: &Scale,
    answers: &[(Option<i32>, String)],
) -> Result<DataValidation, XlsxError> {
    let labels: Vec<&str> = answers.iter().map(|(_, l)| l.as_str()).collect();
    let inline = labels.iter().all(|l| !l.contains(',') && !l.contains('"'))
        && labels.join(",").encode_utf16().count() <= EXCEL_TEXT_LIMIT;
    let validation = if inline {
        DataValidation::new().allow_list_strings(&labels)?
    } else {
        let last = answers.len() + 1;
        DataValidation::new()
            .allow_list_formula(format!("={SCALE_SHEET}!$A$2:$A${last}").as_str().into())
    };
    let meaning: Vec<String> = answers
        .iter()
        .map(|(v, label)| match v {
            Some(v) if label != &v.to_string() => format!("{v} = {label}"),
            Some(v) => v.to_string(),
            None => format!("{label} = not applicable"),
        })
        .collect();
    let meaning = meaning.join("\n");
    let message = if meaning.encode_utf16().count() <= EXCEL_TEXT_LIMIT {
        meaning
    } else {
        format!("Choose an answer from the list; the {SCALE_SHEET} sheet says what each means.")
    };
    validation
        .set_input_title("Answer")?
        .set_input_message(message)?
        .set_error_title("Not an answer on the scale")?
        .set_error_message(format!(
            "Choose an answer from the list, or type a number from {} to {}.",
            scale.min, scale.max
        ))
        .map(|v| v.set_error_style(DataValidationErrorStyle::Warning))
}

fn scale_sheet(sheet: &mut Worksheet, answers: &[(Option<i32>, String)]) -> Result<(), XlsxError> {
    sheet.set_name(SCALE_SHEET)?;
    let bold = Format::new().set_bold();
    sheet.write_string_with_format(0, 0, "Answer", &bold)?;
    sheet.write_string_with_format(0, 1, "Number", &bold)?;
    for (row, (value, label)) in (1u32..).zip(answers) {
        sheet.write_string(row, 0, label)?;
        match value {
            Some(v) => sheet.write_number(row, 1, *v)?,
            None => sheet.write_string(row, 1, "left out of the scores")?,
        };
    }
    let below = u32::try_from(answers.len())
        .unwrap_or(u32::MAX)
        .saturating_add(2);
    sheet.write_string(below, 0, SCALE_NOTE)?;
    sheet.set_column_width(0, 28)?;
    sheet.set_column_width(1, 24)?;
    Ok(())
}
