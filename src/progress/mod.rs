//! A progress bar on long runs: a consumer of the reader's rows that shows, on standard error,
//! how far through the input bytes the reading is, rows per second and the time left.
//!
//! It shows nothing when standard error is not a terminal, when the user asked for quiet, and
//! during the first [`DELAY`] of a run (a short run never flickers a bar). It never writes to
//! standard output and never changes what a run computes.

use crate::responses::{FileReport, FileStart, Row, RowSink, SinkError, Split};
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use std::io::IsTerminal;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, OnceLock};
use std::time::{Duration, Instant};

/// How long a run goes before the bar appears.
pub const DELAY: Duration = Duration::from_secs(1);

/// How many rows pass between two looks at the clock and the bar.
const ROWS_PER_UPDATE: u64 = 4096;

/// Where the bar is drawn, once it is shown.
type Target = Arc<dyn Fn() -> ProgressDrawTarget + Send + Sync>;

/// What a progress and its forks (reading parts of a file on other threads) share: the bar,
/// and the rows and bytes all of them read.
#[derive(Default)]
struct Shared {
    bar: OnceLock<ProgressBar>,
    rows: AtomicU64,
    bytes: AtomicU64,
}

/// The progress of one run's reading; see the [module documentation](self).
pub struct Progress {
    /// Where to draw; `None` when nothing is ever shown.
    target: Option<Target>,
    /// The bytes of all inputs, when every one has a known size.
    total: Option<u64>,
    delay: Duration,
    started: Instant,
    shared: Arc<Shared>,
    /// Rows and bytes read here and not yet added to the shared counts.
    rows: u64,
    bytes: u64,
    /// Rows read here in all, which set when to look at the clock.
    seen: u64,
    /// Where in its file the last row seen ended (`None` in a fork until its first row).
    offset: Option<u64>,
    /// The shared bytes when this file began.
    file_start: u64,
    /// Whether this is the run's progress (not a fork), which clears the bar at the end.
    root: bool,
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
        Progress::new(Some(Arc::new(ProgressDrawTarget::stderr)), total, delay())
    }

    fn new(target: Option<Target>, total: Option<u64>, delay: Duration) -> Progress {
        Progress {
            target,
            total,
            delay,
            started: Instant::now(),
            shared: Arc::default(),
            rows: 0,
            bytes: 0,
            seen: 0,
            offset: Some(0),
            file_start: 0,
            root: true,
        }
    }

    /// One more row, which ends at `offset` bytes into its file when known.
    fn advance(&mut self, offset: Option<u64>) {
        self.rows += 1;
        self.seen += 1;
        if let Some(offset) = offset {
            self.bytes += offset.saturating_sub(self.offset.unwrap_or(offset));
            self.offset = Some(offset);
        }
        if self.seen.is_multiple_of(ROWS_PER_UPDATE) {
            self.update();
        }
    }

    /// Add the rows and bytes read here to the shared counts.
    fn flush(&mut self) {
        self.shared
            .rows
            .fetch_add(std::mem::take(&mut self.rows), Ordering::Relaxed);
        self.shared
            .bytes
            .fetch_add(std::mem::take(&mut self.bytes), Ordering::Relaxed);
    }

    /// The bar, once shown.
    fn bar(&self) -> Option<&ProgressBar> {
        self.shared.bar.get()
    }

    /// Show the bar once the delay is over, and move it.
    fn update(&mut self) {
        self.flush();
        let Some(target) = &self.target else {
            return;
        };
        let elapsed = self.started.elapsed();
        if elapsed < self.delay {
            return;
        }
        let bar = self.shared.bar.get_or_init(|| {
            let bar = ProgressBar::with_draw_target(self.total, target());
            let template = match self.total {
                Some(_) => "{wide_bar} {percent:>3}% {msg}, {eta} left",
                None => "{spinner} {binary_bytes} {msg}",
            };
            if let Ok(style) = ProgressStyle::with_template(template) {
                bar.set_style(style);
            }
            bar
        });
        let rows = self.shared.rows.load(Ordering::Relaxed);
        let per_second = rows as f64 / elapsed.as_secs_f64().max(1e-3);
        bar.set_message(format!("{rows} rows, {per_second:.0} rows/s"));
        bar.set_position(self.shared.bytes.load(Ordering::Relaxed));
    }

    /// A new file starts: its offsets count from its start.
    fn next_file(&mut self) {
        self.flush();
        self.file_start = self.shared.bytes.load(Ordering::Relaxed);
        self.offset = Some(0);
    }

    /// The file is read: the bar stands at its last row's end (which the forks that read its
    /// parts could not all count).
    fn end_of_file(&mut self) {
        self.flush();
        if let Some(offset) = self.offset {
            self.shared
                .bytes
                .store(self.file_start + offset, Ordering::Relaxed);
        }
        self.update();
    }
}

/// How long a run goes before the bar appears: [`DELAY`], or the milliseconds of the
/// environment variable `ITSM_ASSESS_PROGRESS_DELAY_MS` (for the tests of the binary).
fn delay() -> Duration {
    std::env::var("ITSM_ASSESS_PROGRESS_DELAY_MS")
        .ok()
        .and_then(|v| v.trim().parse().ok())
        .map_or(DELAY, Duration::from_millis)
}

impl RowSink for Progress {
    fn begin_file(&mut self, _file: &mut FileStart<'_>) -> Result<(), SinkError> {
        self.next_file();
        Ok(())
    }

    fn row(&mut self, row: &Row<'_>) -> Result<(), SinkError> {
        self.advance(row.cells.offset());
        Ok(())
    }

    fn end_file(&mut self, _file: &FileReport) -> Result<(), SinkError> {
        self.end_of_file();
        Ok(())
    }
}

/// A fork moves the same bar, counting what it reads as it goes (but for its first row, whose
/// start it does not know: the end of the file puts the bar right).
impl Split for Progress {
    fn fork(&self) -> Self {
        Progress {
            target: self.target.clone(),
            total: self.total,
            delay: self.delay,
            started: self.started,
            shared: Arc::clone(&self.shared),
            rows: 0,
            bytes: 0,
            seen: 0,
            offset: None,
            file_start: 0,
            root: false,
        }
    }

    fn merge(&mut self, mut later: Self) -> Result<(), SinkError> {
        later.flush();
        self.offset = self.offset.max(later.offset);
        Ok(())
    }
}

/// The bar is cleared from the terminal when the reading is over.
impl Drop for Progress {
    fn drop(&mut self) {
        if let Some(bar) = self.bar().filter(|_| self.root) {
            bar.finish_and_clear();
        }
    }
}

#[cfg(test)]
mod tests;
