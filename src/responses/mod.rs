//! Reading survey responses (CSV and the survey tools' exports) into answers in questionnaire
//! order, streaming one row at a time.
//!
//! # Inputs and consumers
//!
//! An input is a [`Source`]: a file, standard input (`-` as a response path,
//! [`crate::job::ResponseInput`]) or any reader ([`Source::from_reader`], for embedded data). Each is
//! opened once and read from start to end, so pipes and FIFOs read like files; a workbook that
//! comes from a stream is held in memory (within [`MAX_XLSX_FILE_BYTES`]) to be read.
//!
//! [`read_responses`] hands every data row, once, to a [`RowSink`]; a [`Fanout`] feeds several
//! consumers in the same pass (the scorer, the [`DateFinder`], ...). A new consumer implements
//! [`RowSink`], asks for the cells it needs when a file begins ([`FileStart::request`]) and
//! joins the fan-out; the reader itself does not change (`src/responses/sink.rs`). A new input
//! kind is a new constructor of [`Source`] (`src/responses/source/`).
//!
//! # How a file is understood
//!
//! Every decision below is shown by [`inspect`] (`itsm-assess inspect`), and none is a silent
//! guess: what cannot be decided is an error or a listed problem.
//!
//! **Container.** A file whose first bytes are a zip archive (`PK\x03\x04`) is read as an
//! `.xlsx` workbook with calamine (first sheet, or [`ReadOptions::sheet`]), streamed cell by
//! cell. An old `.xls` workbook is refused. Anything else is delimited text.
//!
//! **Encoding** (from the first [`SNIFF_BYTES`] bytes): a byte order mark decides (UTF-8,
//! UTF-16LE, UTF-16BE); otherwise bytes that are valid UTF-8 (a character cut by the end of the
//! sample allowed) are UTF-8; otherwise the file is Windows-1252 (what Excel's "CSV (Comma
//! delimited)" writes on Western European Windows), unless the sample holds a control byte
//! other than tab, CR and LF or a byte Windows-1252 leaves undefined, in which case it is
//! refused as binary. A file taken as UTF-8 whose later bytes are not UTF-8 is an error at that
//! line. UTF-16 and Windows-1252 are decoded as a stream (`encoding_rs_io`).
//!
//! **Delimiter**: the most frequent of `,` `;` and tab outside quotes in the first line (ties
//! go to tab, then `;`), unless [`ReadOptions::delimiter`] forces one. Quoted fields and CRLF
//! are read; blank lines are skipped.
//!
//! **Row width.** A data row of a text file with fewer fields than the header names, or with a
//! field that is not blank beyond the header's width, is an error at its line giving both
//! counts: a delimiter lost or doubled would shift every answer after it to another question.
//! Blank trailing fields, and trailing columns without a header left out, fit. With
//! [`ReadOptions::skip_invalid`] such rows are counted and skipped. Workbook cells are placed by
//! their references, so workbook rows (which leave out trailing empty cells) are not checked;
//! nor does [`inspect`] check rows.
//!
//! **Layout** ([`InputFormat`], unless [`ReadOptions::input_format`] forces one), from the
//! first three rows only, and only from the tools' fixed markers, never from question texts
//! (which may be in any language) nor answers, in this order:
//! 1. row 3 holds only `{"ImportId":...}` cells (or the older `{'ImportId': ...}`): Qualtrics
//!    (3 header rows);
//! 2. row 1 starts `V1`, `V2`, or row 2 holds `ResponseID` and `ResponseSet`: Qualtrics legacy
//!    (2 header rows);
//! 3. row 1 holds `Respondent ID` and `Collector ID` (spaces ignored), or row 2 holds
//!    `Response` or `Open-Ended Response` under a heading of row 1 and no number:
//!    SurveyMonkey (2 header rows);
//! 4. row 1 holds two of LimeSurvey's `submitdate`, `lastpage`, `startlanguage` (or their
//!    texts `Date submitted`, `Last page`, `Start language`), alone or in a code-and-text
//!    heading (`submitdate. Date submitted`): LimeSurvey;
//! 5. a workbook whose row 1 holds `Start time` and `Completion time`: Microsoft Forms;
//! 6. row 1 starts with `Timestamp`: Google Forms;
//! 7. otherwise a plain table with one header row, or [`ReadOptions::header_rows`]; unless that
//!    option is given, when row 2 holds the questionnaire's statement texts under its question
//!    columns (the blank template's second row, [`crate::template`]), it is a second header row.
//!
//! NUL bytes in the first header rows are dropped and noted when the layout is a survey tool's
//! (older SurveyMonkey exports write them), and refused otherwise. Excel's `sep=;` first line
//! sets the delimiter and is not a row.
//!
//! **Columns.** SurveyMonkey's row 1 is carried forward over blanks and joined with row 2 as
//! `Question - Row` (unless row 2 says `Response` or `Open-Ended Response`); a Qualtrics column
//! is named by its variable name and its text, and matches by either. A column is then a
//! question's when one of its names (1) is mapped to it by the mapping file (an explicit choice,
//! so it comes first), (2) equals its id, an alias or its text (trimmed, case-insensitive),
//! (3) equals one of those ignoring case, punctuation and white space, or (4) is a matrix row
//! (`Question [Row]`, `Question - Row`) whose row part does. A normalised name that fits
//! several questions matches none (the column is ignored and reported). Other columns are
//! identifying ([`is_identifying`]: their values are never read into any output nor message),
//! metadata (usable with group-by) or, without a header, ignored (Qualtrics' trailing comma).
//! Several columns of one question (a question edited between waves) are read as one, and a
//! row answering more than one of them is an error; a metadata column whose cells are all
//! answers on the scale is named in a warning. With [`ReadOptions::strict`] a question without a
//! column, and such a column of answers, are problems instead. When a question has no column,
//! the message names the columns that match none and the question a header nearly spells
//! (`CE77` for `CE7`), or the built-in questionnaire the headers belong to ([`Hints`]).
//!
//! **Cells**: see [`parse_answer`].
//!
//! # Limits
//!
//! Text files are streamed, so memory does not grow with the number of respondents; a guard
//! between the decoder and the CSV parser bounds what one row may hold ([`MAX_FIELD_BYTES`],
//! [`MAX_RECORD_BYTES`], [`MAX_COLUMNS`]), refuses NUL bytes and a quoted field left open at
//! the end of the file. Workbooks are limited to [`MAX_XLSX_FILE_BYTES`] (their shared strings
//! are held in memory); text files to [`MAX_TEXT_FILE_BYTES`].

mod columns;
mod dates;
mod format;
mod hints;
mod identity;
mod labels;
mod mapping;
mod parallel;
mod read;
mod report;
mod rows;
mod sink;
mod source;
mod stray;
mod strict;

pub use columns::{ColumnRole, MatchHow};
pub use dates::{DateFinder, is_date_column, response_date};
pub use format::InputFormat;
pub use hints::{Hints, UnmatchedColumn};
pub use identity::{IdentityGuard, identifying_value, is_identifying};
pub use labels::{ALWAYS_NOT_APPLICABLE, AnswerLabels, InvalidAnswer, parse_answer};
pub use mapping::{MAX_MAPPING_BYTES, MappedAnswer, Mapping, load_mapping, parse_mapping};
pub use parallel::{Split, Threads, read_responses_split};
pub use report::{ColumnReport, FileReport, UnknownLabel, starter_mapping};
pub(crate) use rows::trimmed;
pub use sink::{
    CellId, Cells, Fanout, FileStart, IdentifyingCells, ReadError, RowSink, SinkError, Withheld,
};
pub use source::{Container, STDIN_ARG, STDIN_NAME, Source, TextEncoding};

use crate::error::{Problems, Setting};
use crate::questionnaire::{Questionnaire, Scale};
use columns::QuestionIndex;
use read::{Mode, Prepared, prepare, stream};
use stray::StrayAnswers;

/// The largest text response file read, in bytes (it is streamed, so this bounds time, not
/// memory).
pub const MAX_TEXT_FILE_BYTES: u64 = 4 * 1024 * 1024 * 1024;
/// The largest `.xlsx` workbook read, in bytes (compressed; its shared strings are held in
/// memory).
pub const MAX_XLSX_FILE_BYTES: u64 = 200 * 1024 * 1024;
/// The most distinct texts (shared strings) an `.xlsx` workbook may claim to hold; a workbook's
/// claim is also checked against the size of its shared strings part.
pub const MAX_XLSX_SHARED_STRINGS: u64 = 10_000_000;
/// The most bytes the shared strings part of an `.xlsx` workbook may inflate to (calamine holds
/// its texts in memory, taking up to about three times as much).
pub const MAX_XLSX_SHARED_STRINGS_BYTES: u64 = 32 * 1024 * 1024;
/// The most bytes a worksheet of an `.xlsx` workbook may inflate to (it is streamed, so this
/// bounds time, like [`MAX_TEXT_FILE_BYTES`]).
pub const MAX_XLSX_SHEET_BYTES: u64 = MAX_TEXT_FILE_BYTES;
/// The most bytes any other part of an `.xlsx` workbook may inflate to (styles, the workbook's
/// list of sheets), and the most text of a worksheet whose rows must be put in order.
pub const MAX_XLSX_PART_BYTES: u64 = 64 * 1024 * 1024;
/// The most columns a row may have.
pub const MAX_COLUMNS: usize = 5_000;
/// The longest field (cell), in bytes of UTF-8.
pub const MAX_FIELD_BYTES: usize = 64 * 1024;
/// The longest row (record), in bytes of UTF-8.
pub const MAX_RECORD_BYTES: usize = 4 * 1024 * 1024;
/// The most rows read before the layout is decided: the most header rows any layout has.
pub const MAX_HEADER_ROWS: usize = 3;
/// How many bytes from the start of a text file decide its encoding and delimiter.
pub const SNIFF_BYTES: usize = 64 * 1024;
/// How many invalid cells are reported before reading stops.
pub const MAX_CELL_PROBLEMS: usize = 20;
/// How many distinct answers not understood a [`FileReport`] lists.
pub const MAX_UNKNOWN_LABELS: usize = 100;
/// The pseudo-column naming each row's file (its name without extension), for group-by.
pub const SOURCE_COLUMN: &str = "source";

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

/// The code of an answer off the scale in [`Row::codes`] (which the reader never hands over):
/// read as missing, and counted as an invalid cell.
pub const OFF_SCALE: u8 = u8::MAX;

impl Answer {
    /// The answer as [`Row::codes`] holds it on `scale` (of at most
    /// [`MAX_SCALE_POINTS`](crate::questionnaire::MAX_SCALE_POINTS) points, as every checked
    /// questionnaire has): a value's offset from `min` (`0..points`), `points` for a missing
    /// answer, `points + 1` for not applicable, and [`OFF_SCALE`] for a value off the scale.
    pub fn code(self, scale: &Scale) -> u8 {
        let points = scale.points();
        let code = match self {
            Answer::Value(x) => usize::try_from(i64::from(x) - i64::from(scale.min))
                .ok()
                .filter(|&offset| offset < points),
            Answer::Missing => Some(points),
            Answer::NotApplicable => Some(points + 1),
        };
        code.and_then(|c| u8::try_from(c).ok()).unwrap_or(OFF_SCALE)
    }

    /// The answer that a code of [`Row::codes`] stands for on `scale` ([`Answer::code`]):
    /// `None` for a code off the scale.
    pub fn from_code(code: u8, scale: &Scale) -> Option<Answer> {
        let points = scale.points();
        match usize::from(code) {
            c if c < points => i32::try_from(c).ok().map(|c| Answer::Value(scale.min + c)),
            c if c == points => Some(Answer::Missing),
            c if c == points + 1 => Some(Answer::NotApplicable),
            _ => None,
        }
    }
}

/// The codes of `answers` on `scale` ([`Answer::code`]), as [`Row::codes`] holds them: for a
/// row made in memory.
pub fn answer_codes(answers: &[Answer], scale: &Scale) -> Vec<u8> {
    answers.iter().map(|a| a.code(scale)).collect()
}

/// One respondent's row, as handed to every [`RowSink`]: all borrowed from the record read
/// and from buffers the reader reuses, so that nothing is allocated per row.
#[derive(Debug, Clone, Copy)]
pub struct Row<'a> {
    /// The answers as codes ([`Answer::code`]), one per question in
    /// [`crate::questionnaire::Questionnaire::questions`] order.
    pub codes: &'a [u8],
    /// The row's value of each group-by column, in the order the columns were asked for
    /// (empty when the cell is empty).
    pub groups: &'a [String],
    /// The cells the sinks asked for in [`RowSink::begin_file`].
    pub cells: Cells<'a>,
}

impl<'a> Row<'a> {
    /// A row of answer codes and group values without any other cell (a row made in memory).
    pub fn new(codes: &'a [u8], groups: &'a [String]) -> Self {
        Row {
            codes,
            groups,
            cells: Cells::default(),
        }
    }

    /// The row's answers on `scale` (decoded from [`Row::codes`]; a code off the scale reads
    /// as missing).
    pub fn answers(&self, scale: &Scale) -> Vec<Answer> {
        let decode = |&code: &u8| Answer::from_code(code, scale).unwrap_or(Answer::Missing);
        self.codes.iter().map(decode).collect()
    }
}

/// How to read response files.
#[derive(Debug, Clone, Default)]
pub struct ReadOptions {
    /// Force the field delimiter (`,` `;` or tab) instead of detecting it.
    pub delimiter: Option<u8>,
    /// Force the layout instead of detecting it.
    pub input_format: Option<InputFormat>,
    /// How many header rows a plain table has (1 unless given; survey tools' exports have
    /// their own).
    pub header_rows: Option<usize>,
    /// The worksheet of an `.xlsx` workbook (default: the first).
    pub sheet: Option<String>,
    /// Count cells that are not answers as missing (and count them) instead of failing.
    pub skip_invalid: bool,
    /// Refuse a file in which a question has no column, or in which a column whose cells are
    /// all answers on the scale matches no question (by default both are warnings).
    pub strict: bool,
    /// Column headers to question ids and answer labels to values.
    pub mapping: Option<Mapping>,
    /// Columns whose values each row hands to the sink, in this order (`source`: the file).
    pub group_by: Vec<String>,
}

/// What reading all the files found.
#[derive(Debug, Clone, PartialEq)]
pub struct ReadSummary {
    /// Data rows read, over all files.
    pub rows: u64,
    /// Cells that were not answers, counted as missing (only with `skip_invalid`).
    pub invalid_cells: u64,
    /// Rows of text files with more or fewer fields than the header, skipped (only with
    /// `skip_invalid`).
    pub skipped_rows: u64,
    /// What the user should know but that did not stop the reading (questions with no column,
    /// ignored ambiguous columns, invalid cells skipped), each naming its file.
    pub warnings: Vec<String>,
    /// How each file was understood.
    pub files: Vec<FileReport>,
}

/// Stream every source into `sink`: each data row with the answers in questionnaire order, the
/// group-by values (the pseudo-column `source` is the file's name without extension) and the
/// cells the sink asked for. Returns counts and warnings.
///
/// Each source is opened once. The header rows of all sources are read and checked before any
/// data row is, so a missing group-by column in the last file fails at once. Problems name the
/// file, the line (the physical line, 1-based, header rows counted; a workbook's row) and the
/// column; they never quote a cell of an identifying column. Once a problem is found, `sink`
/// is not called again; an error of `sink` stops the reading at once
/// ([`ReadError::Consumer`]). Rows without any answer are passed on too (the scorer counts
/// and skips them); blank lines are not rows.
pub fn read_responses(
    sources: Vec<Source>,
    q: &Questionnaire,
    opts: &ReadOptions,
    sink: &mut dyn RowSink,
) -> Result<ReadSummary, ReadError> {
    read_each(sources, q, opts, &mut |prepared, labels, stray| {
        let mut both: [&mut dyn RowSink; 2] = [&mut *sink, stray];
        stream(
            prepared,
            q,
            labels,
            opts,
            Mode::Strict,
            &mut Fanout(&mut both),
        )
    })
}

/// What streams one prepared file into the consumers (and the watch for stray answers, which
/// comes after them), giving its report.
type StreamFn<'f> =
    dyn FnMut(Prepared, &AnswerLabels, &mut StrayAnswers<'_>) -> Result<FileReport, ReadError> + 'f;

/// [`read_responses`], each file streamed by `each`.
fn read_each(
    sources: Vec<Source>,
    q: &Questionnaire,
    opts: &ReadOptions,
    each: &mut StreamFn<'_>,
) -> Result<ReadSummary, ReadError> {
    let index = QuestionIndex::new(q, opts.mapping.as_ref())?;
    let labels = AnswerLabels::with_mapping(&q.scale, opts.mapping.as_ref())?;
    let mut prepared = Vec::new();
    let mut problems = Vec::new();
    for source in sources {
        match prepare(source, q, &index, &labels, opts, Mode::Strict) {
            Ok(p) => prepared.push(p),
            Err(Problems(mut p)) => problems.append(&mut p),
        }
    }
    if !problems.is_empty() {
        return Err(Problems(problems).into());
    }
    let mut summary = ReadSummary {
        rows: 0,
        invalid_cells: 0,
        skipped_rows: 0,
        warnings: Vec::new(),
        files: Vec::new(),
    };
    let mut stray = StrayAnswers::new(q, &labels, &opts.group_by, opts.strict);
    let mut problems = Vec::new();
    for p in prepared {
        let report = each(p, &labels, &mut stray)?;
        summary.rows += report.rows;
        summary.invalid_cells += report.invalid_cells;
        summary.skipped_rows += report.skipped_rows;
        summary.warnings.extend(warnings(&report));
        summary.warnings.extend(stray.take_warnings());
        problems.append(&mut stray.take_problems());
        summary.files.push(report);
    }
    if !problems.is_empty() {
        return Err(Problems(problems).into());
    }
    Ok(summary)
}

/// The warnings a file's report gives on `score`.
fn warnings(report: &FileReport) -> Vec<String> {
    let mut out = Vec::new();
    if !report.missing_questions.is_empty() {
        out.push(hints::missing_warning(
            &report.path,
            &report.missing_questions,
            &report.hints,
        ));
    }
    for c in &report.columns {
        if let ColumnRole::Ignored(why) = &c.role
            && !c.header.is_empty()
        {
            out.push(format!(
                "{}: column {} ignored: {why}",
                report.path, c.position
            ));
        }
    }
    if report.invalid_cells > 0 {
        out.push(format!(
            "{}: {} cell(s) were not answers on the scale and count as missing ({})",
            report.path,
            report.invalid_cells,
            Setting::SkipInvalid
        ));
    }
    if report.skipped_rows > 0 {
        out.push(format!(
            "{}: {} row(s) with more or fewer fields than the header were skipped ({})",
            report.path,
            report.skipped_rows,
            Setting::SkipInvalid
        ));
    }
    out
}

/// Read one source the way [`read_responses`] would and report how it was understood, without
/// failing on what `score` would refuse (those are listed in [`FileReport::problems`]): what
/// `itsm-assess inspect` prints. Only an unreadable input is an error (always
/// [`ReadError::Input`]: no consumer is fed).
pub fn inspect(
    source: Source,
    q: &Questionnaire,
    opts: &ReadOptions,
) -> Result<FileReport, ReadError> {
    let index = QuestionIndex::new(q, opts.mapping.as_ref())?;
    let labels = AnswerLabels::with_mapping(&q.scale, opts.mapping.as_ref())?;
    let prepared = prepare(source, q, &index, &labels, opts, Mode::Inspect)?;
    if !opts.strict {
        return stream(prepared, q, &labels, opts, Mode::Inspect, &mut |_: &Row<
            '_,
        >| {});
    }
    let mut stray = StrayAnswers::new(q, &labels, &opts.group_by, true);
    let mut report = stream(prepared, q, &labels, opts, Mode::Inspect, &mut stray)?;
    let strays = stray.take_problems().into_iter().map(|p| p.message);
    report.problems.extend(strays);
    Ok(report)
}

#[cfg(test)]
mod tests;
