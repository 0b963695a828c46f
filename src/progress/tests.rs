use super::*;
use indicatif::InMemoryTerm;

/// A progress drawn into an in-memory terminal, shown at once.
fn in_memory(total: Option<u64>, delay: Duration) -> (Progress, InMemoryTerm) {
    let term = InMemoryTerm::new(4, 100);
    let target = term.clone();
    let progress = Progress::new(
        Some(Arc::new(move || {
            ProgressDrawTarget::term_like(Box::new(target.clone()))
        })),
        total,
        delay,
    );
    (progress, term)
}

#[test]
fn the_bar_shows_bytes_against_the_total_and_rows() {
    let (mut progress, term) = in_memory(Some(1000), Duration::ZERO);
    // 8192 rows ending at byte 250 of 1000: a quarter through.
    for _ in 0..2 * ROWS_PER_UPDATE {
        progress.advance(Some(250));
    }
    let shown = term.contents();
    assert!(shown.contains(" 25% 8192 rows, "), "{shown}");
    assert!(shown.contains("rows/s"), "{shown}");
    assert!(shown.contains("left"), "{shown}");
    drop(progress);
    assert_eq!(term.contents().trim(), "", "the bar is cleared at the end");
}

#[test]
fn bytes_of_earlier_files_count() {
    let (mut progress, term) = in_memory(Some(1000), Duration::ZERO);
    progress.advance(Some(400));
    // The next file starts: the 400 bytes read stay counted.
    progress.next_file();
    for _ in 1..ROWS_PER_UPDATE {
        progress.advance(Some(100));
    }
    let shown = term.contents();
    assert!(shown.contains(" 50% 4096 rows"), "{shown}");
}

#[test]
fn nothing_is_shown_before_the_delay() {
    let (mut progress, term) = in_memory(Some(1000), Duration::from_secs(3600));
    for _ in 0..2 * ROWS_PER_UPDATE {
        progress.advance(Some(500));
    }
    assert!(progress.bar().is_none());
    assert_eq!(term.contents().trim(), "");
}

#[test]
fn quiet_or_not_a_terminal_shows_nothing() {
    // Under `cargo test` standard error is captured, not a terminal; `quiet` is off either way.
    for quiet in [true, false] {
        let mut progress = Progress::on_terminal(quiet, [Some(10)]);
        if quiet || !std::io::stderr().is_terminal() {
            assert!(progress.target.is_none(), "quiet: {quiet}");
        }
        progress.delay = Duration::ZERO;
        for _ in 0..ROWS_PER_UPDATE {
            progress.advance(Some(5));
        }
        if progress.target.is_none() {
            assert!(progress.bar().is_none());
        }
    }
}
