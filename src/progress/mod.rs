//! A progress bar on long runs: a consumer of the reader's rows that shows, on standard error,
//! how far through the input bytes the reading is, rows per second and the time left.
//!
//! It shows nothing when standard error is not a terminal, when the user asked for quiet, and
//! during the first [`DELAY`] of a run (a short run never flickers a bar). It never writes to
//! standard output and never changes what a run computes.

use crate::responses::{FileReport, FileStart, Row, RowSink, SinkError};
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use std::io::IsTerminal;
use std::time::{Duration, Instant};

/// How long a run goes before the bar appears.
pub const DELAY: Duration = Duration::from_secs(1);

/// How many rows pass between two looks at the clock and the bar.
const ROWS_PER_UPDATE: u64 = 4096;

/// Where the bar is drawn, once it is shown.
type Target = Box<dyn Fn() -> ProgressDrawTarget>;

/// The progress of one run's reading; see the [module documentation](self).
pub struct Progress {
    /// Where to draw; `None` when nothing is ever shown.
    target: Option<Target>,
    /// The bytes of all inputs, when every one has a known size.
    total: Option<u64>,
    delay: Duration,
    started: Instant,
    bar: Option<ProgressBar>,
    /// Bytes of the files already read, and the offset of the last row seen in this one.
    done: u64,
    offset: u64,
    rows: u64,
}

impl Progress {
    /// No progress shown.
    pub fn off() -> Progress {
        Progress::new(None, None, DELAY)
    }

    /// A bar on standard error, unless `quiet` or standard error is not a terminal, for inputs
    /// of these sizes (`None` for one whose size is not known, such as standard input).
    pub fn on_terminal(quiet: bool, sizes: impl IntoIterator<Item = Option<u64>>) -> Progress {
        if quiet || !std::io::stderr().is_terminal() {
            return Progress::off();
        }
        let total = sizes.into_iter().sum();
        Progress::new(Some(Box::new(ProgressDrawTarget::stderr)), total, DELAY)
    }

    fn new(target: Option<Target>, total: Option<u64>, delay: Duration) -> Progress {
        Progress {
            target,
            total,
            delay,
            started: Instant::now(),
            bar: None,
            done: 0,
            offset: 0,
            rows: 0,
        }
    }

    /// One more row, which ends at `offset` bytes into its file when known.
    fn advance(&mut self, offset: Option<u64>) {
        self.rows += 1;
        if let Some(offset) = offset {
            self.offset = offset;
        }
        if self.rows.is_multiple_of(ROWS_PER_UPDATE) {
            self.update();
        }
    }

    /// Show the bar once the delay is over, and move it.
    fn update(&mut self) {
        let Some(target) = &self.target else {
            return;
        };
        let elapsed = self.started.elapsed();
        if self.bar.is_none() && elapsed >= self.delay {
            let bar = ProgressBar::with_draw_target(self.total, target());
            let template = match self.total {
                Some(_) => "{wide_bar} {percent:>3}% {msg}, {eta} left",
                None => "{spinner} {binary_bytes} {msg}",
            };
            if let Ok(style) = ProgressStyle::with_template(template) {
                bar.set_style(style);
            }
            self.bar = Some(bar);
        }
        let Some(bar) = &self.bar else {
            return;
        };
        let per_second = self.rows as f64 / elapsed.as_secs_f64().max(1e-3);
        bar.set_message(format!("{} rows, {per_second:.0} rows/s", self.rows));
        bar.set_position(self.done + self.offset);
    }
}

impl RowSink for Progress {
    fn begin_file(&mut self, _file: &mut FileStart<'_>) -> Result<(), SinkError> {
        self.done += self.offset;
        self.offset = 0;
        Ok(())
    }

    fn row(&mut self, row: &Row<'_>) -> Result<(), SinkError> {
        self.advance(row.cells.offset());
        Ok(())
    }

    fn end_file(&mut self, _file: &FileReport) -> Result<(), SinkError> {
        self.update();
        Ok(())
    }
}

/// The bar is cleared from the terminal when the reading is over.
impl Drop for Progress {
    fn drop(&mut self) {
        if let Some(bar) = self.bar.take() {
            bar.finish_and_clear();
        }
    }
}

#[cfg(test)]
mod tests;
