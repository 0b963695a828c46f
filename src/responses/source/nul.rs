//! NUL bytes in the header rows of a text file: some SurveyMonkey exports carry them in their
//! second header row. The filter drops them from the first records only and counts them; the
//! reader then accepts the file when its layout is a survey tool's (with a note in `inspect`)
//! and refuses it as binary otherwise, as the guard refuses a NUL byte anywhere else.

use std::io::{self, Read};
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};

/// What the filter dropped: how many NUL bytes, and the physical line of the first.
#[derive(Debug, Default)]
pub(crate) struct DroppedNuls {
    count: AtomicU64,
    first_line: AtomicU64,
}

impl DroppedNuls {
    /// How many NUL bytes were dropped and the line of the first, if any was.
    pub(crate) fn seen(&self) -> Option<(u64, u64)> {
        let count = self.count.load(Ordering::Relaxed);
        (count > 0).then(|| (count, self.first_line.load(Ordering::Relaxed)))
    }
}

/// A reader that drops NUL bytes from the first `records` non-blank records of a text (quotes
/// followed, so a line break inside a quoted header does not end it) and passes everything
/// after them through untouched.
pub(super) struct HeaderNuls<R> {
    inner: R,
    records_left: usize,
    quoted: bool,
    line: u64,
    record_started: bool,
    dropped: Arc<DroppedNuls>,
}

impl<R: Read> HeaderNuls<R> {
    pub(super) fn new(inner: R, records: usize, dropped: Arc<DroppedNuls>) -> Self {
        HeaderNuls {
            inner,
            records_left: records,
            quoted: false,
            line: 1,
            record_started: false,
            dropped,
        }
    }

    /// Filter `buf` in place up to the end of the header records; returns the bytes kept.
    fn filter(&mut self, buf: &mut [u8]) -> usize {
        let mut kept = 0;
        for i in 0..buf.len() {
            let b = buf[i];
            if self.records_left == 0 {
                buf.copy_within(i.., kept);
                return kept + buf.len() - i;
            }
            if b == 0 {
                if self.dropped.count.fetch_add(1, Ordering::Relaxed) == 0 {
                    self.dropped.first_line.store(self.line, Ordering::Relaxed);
                }
                continue;
            }
            match b {
                b'"' => self.quoted = !self.quoted,
                b'\n' => {
                    self.line += 1;
                    if !self.quoted && self.record_started {
                        self.records_left -= 1;
                        self.record_started = false;
                    }
                }
                b'\r' => {}
                _ => self.record_started = true,
            }
            buf[kept] = b;
            kept += 1;
        }
        kept
    }
}

impl<R: Read> Read for HeaderNuls<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        loop {
            let n = self.inner.read(buf)?;
            if n == 0 || self.records_left == 0 {
                return Ok(n);
            }
            let kept = self.filter(&mut buf[..n]);
            // A read of NUL bytes only must not look like the end of the input.
            if kept > 0 {
                return Ok(kept);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn filtered(text: &[u8], records: usize) -> (Vec<u8>, Option<(u64, u64)>) {
        let dropped = Arc::new(DroppedNuls::default());
        let mut out = Vec::new();
        HeaderNuls::new(text, records, Arc::clone(&dropped))
            .read_to_end(&mut out)
            .expect("in memory");
        (out, dropped.seen())
    }

    #[test]
    fn nul_bytes_are_dropped_from_the_header_records_only() {
        let (out, seen) = filtered(b"a,b\n\n\"x\n\0\",\0y\nz\0\n", 2);
        assert_eq!(out, b"a,b\n\n\"x\n\",y\nz\0\n");
        // Two NULs in the second record (which starts on line 3 and ends on line 4).
        assert_eq!(seen, Some((2, 4)));
        assert_eq!(filtered(b"a\nb\n", 2), (b"a\nb\n".to_vec(), None));
    }
}
