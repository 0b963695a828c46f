//! Writing outputs without ever losing a file: a temporary file in the same folder, renamed into
//! place only when complete; an output path that is also an input is refused.
//!
//! What `-o` names decides how it is written:
//! - a regular file, or a path that does not exist yet: through a temporary file beside it,
//!   renamed into place when complete, so a failure leaves any earlier file untouched;
//! - a symbolic link to a regular file: the link's target is replaced that way, and the link
//!   stays;
//! - anything else that exists (a device such as `/dev/null`, a FIFO, a socket, or a link to
//!   one): written in place, never replaced, since renaming a file over a device node would
//!   destroy it.
//!
//! A temporary file is registered while it exists, and an interrupt (SIGINT, SIGTERM; see
//! [`remove_temporaries_on_interrupt`]) removes it before the process ends.

use anyhow::{Context, Result, bail};
use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::sync::Mutex;

/// The temporary files being written now, removed by the interrupt handler.
static TEMPORARIES: Mutex<Vec<PathBuf>> = Mutex::new(Vec::new());

/// The exit code after an interrupt: 128 plus SIGINT's number, as shells report it.
pub const INTERRUPTED_EXIT_CODE: i32 = 130;

/// Install the handler that, on SIGINT or SIGTERM, removes every temporary output file being
/// written and ends the process with [`INTERRUPTED_EXIT_CODE`]. Call it once, from `main`.
pub fn remove_temporaries_on_interrupt() -> Result<()> {
    ctrlc::set_handler(|| {
        remove_temporaries();
        eprintln!("itsm-assess: interrupted; no output was written");
        std::process::exit(INTERRUPTED_EXIT_CODE);
    })
    .context("cannot install the interrupt handler")
}

fn remove_temporaries() {
    let paths = match TEMPORARIES.lock() {
        Ok(mut guard) => std::mem::take(&mut *guard),
        Err(poisoned) => std::mem::take(&mut *poisoned.into_inner()),
    };
    for path in paths {
        let _ = std::fs::remove_file(path);
    }
}

/// Registers a temporary file for the interrupt handler while it lives.
struct Registered(PathBuf);

impl Registered {
    fn new(path: &Path) -> Registered {
        if let Ok(mut guard) = TEMPORARIES.lock() {
            guard.push(path.to_path_buf());
        }
        Registered(path.to_path_buf())
    }
}

impl Drop for Registered {
    fn drop(&mut self) {
        if let Ok(mut guard) = TEMPORARIES.lock() {
            guard.retain(|p| *p != self.0);
        }
    }
}

/// Where a command writes: standard output, or a file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Destination {
    /// Standard output (`-o -` or no `-o`).
    Stdout,
    /// A file, replaced atomically.
    File(PathBuf),
}

impl Destination {
    /// `None` or `-` means standard output.
    pub fn from_arg(arg: Option<&Path>) -> Self {
        match arg {
            None => Destination::Stdout,
            Some(p) if p == Path::new("-") => Destination::Stdout,
            Some(p) => Destination::File(p.to_path_buf()),
        }
    }
}

/// Refuse an output path that names one of the inputs (also through another spelling of the
/// same path), so that an input can never be overwritten.
pub fn refuse_overwriting_inputs(output: &Path, inputs: &[PathBuf]) -> Result<()> {
    let out = canonical_or_self(output);
    for input in inputs {
        if canonical_or_self(input) == out {
            bail!(
                "{}: the output path is also an input; choose another output file",
                output.display()
            );
        }
    }
    Ok(())
}

fn canonical_or_self(p: &Path) -> PathBuf {
    std::fs::canonicalize(p).unwrap_or_else(|_| p.to_path_buf())
}

/// Text made safe for a terminal: every control character (C0 but newline and tab, DEL, C1)
/// and every bidirectional formatting character becomes U+FFFD, so that a value from a file
/// cannot move the cursor, clear the screen, set the window title or reorder what is shown.
pub fn terminal_safe(text: &str) -> std::borrow::Cow<'_, str> {
    let unsafe_char = |c: char| {
        (c.is_control() && c != '\n' && c != '\t')
            || matches!(c, '\u{061C}' | '\u{200E}' | '\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
    };
    if text.chars().any(unsafe_char) {
        text.chars()
            .map(|c| if unsafe_char(c) { '\u{FFFD}' } else { c })
            .collect::<String>()
            .into()
    } else {
        text.into()
    }
}

/// Write `contents` to `dest`. On a terminal, text is passed through [`terminal_safe`]
/// first. A file is written to a temporary file beside it and renamed into
/// place when complete, so a failure midway leaves any earlier file untouched.
pub fn write(dest: &Destination, contents: &[u8]) -> Result<()> {
    match dest {
        Destination::Stdout => {
            let mut out = std::io::stdout().lock();
            if out.is_terminal() {
                let text = String::from_utf8_lossy(contents);
                out.write_all(terminal_safe(&text).as_bytes())?;
            } else {
                out.write_all(contents)?;
            }
            out.flush()?;
            Ok(())
        }
        Destination::File(path) => write_file_atomically(path, |w| w.write_all(contents)),
    }
}

/// How an output path is written (see the module doc).
enum Target {
    /// Replace this regular file (or create it) through a temporary file.
    Replace(PathBuf),
    /// Write into this existing node in place: a device, FIFO or socket.
    InPlace,
}

fn target(path: &Path) -> Result<Target> {
    let Ok(link) = std::fs::symlink_metadata(path) else {
        return Ok(Target::Replace(path.to_path_buf()));
    };
    if link.is_dir() {
        bail!(
            "{}: is a directory, expected an output file path",
            path.display()
        );
    }
    if link.file_type().is_symlink() {
        return match std::fs::metadata(path) {
            Ok(m) if m.is_dir() => bail!(
                "{}: is a link to a directory, expected an output file path",
                path.display()
            ),
            Ok(m) if m.is_file() => Ok(Target::Replace(
                std::fs::canonicalize(path)
                    .with_context(|| format!("{}: cannot follow the link", path.display()))?,
            )),
            Ok(_) => Ok(Target::InPlace),
            // A dangling link: create the file it points to.
            Err(_) => Ok(Target::Replace(dangling_target(path)?)),
        };
    }
    Ok(if link.is_file() {
        Target::Replace(path.to_path_buf())
    } else {
        Target::InPlace
    })
}

/// Where a dangling symbolic link points, resolved against the link's folder.
fn dangling_target(link: &Path) -> Result<PathBuf> {
    let to = std::fs::read_link(link)
        .with_context(|| format!("{}: cannot follow the link", link.display()))?;
    Ok(match link.parent() {
        Some(dir) if to.is_relative() => dir.join(to),
        _ => to,
    })
}

/// Write a file through `fill`, atomically: the file appears only if `fill` succeeds. A device
/// or FIFO is written in place (see the module doc).
pub fn write_file_atomically(
    path: &Path,
    fill: impl FnOnce(&mut dyn Write) -> std::io::Result<()>,
) -> Result<()> {
    match target(path)? {
        Target::InPlace => write_in_place(path, fill),
        Target::Replace(real) => replace_file(path, &real, fill),
    }
}

fn write_in_place(
    path: &Path,
    fill: impl FnOnce(&mut dyn Write) -> std::io::Result<()>,
) -> Result<()> {
    let file = std::fs::OpenOptions::new()
        .write(true)
        .open(path)
        .with_context(|| format!("{}: cannot open for writing", path.display()))?;
    let mut w = std::io::BufWriter::new(file);
    fill(&mut w).with_context(|| format!("{}: write failed", path.display()))?;
    w.flush()
        .with_context(|| format!("{}: write failed", path.display()))
}

/// Replace `real` (the file `shown` names, through a link or not) via a temporary file.
fn replace_file(
    shown: &Path,
    real: &Path,
    fill: impl FnOnce(&mut dyn Write) -> std::io::Result<()>,
) -> Result<()> {
    let path = shown;
    let dir = match real.parent() {
        Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let mut tmp = tempfile::Builder::new()
        .prefix(".itsm-assess-")
        .suffix(".tmp")
        .tempfile_in(&dir)
        .with_context(|| format!("{}: cannot create a file in this folder", dir.display()))?;
    let _registered = Registered::new(tmp.path());
    {
        let mut w = std::io::BufWriter::new(tmp.as_file_mut());
        fill(&mut w).with_context(|| format!("{}: write failed", path.display()))?;
        w.flush()
            .with_context(|| format!("{}: write failed", path.display()))?;
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        // A temporary file is private (0600); a finished report is an ordinary file.
        let mode = std::fs::metadata(real).map_or(0o644, |m| m.permissions().mode() & 0o777);
        tmp.as_file()
            .set_permissions(std::fs::Permissions::from_mode(mode))
            .with_context(|| format!("{}: write failed", path.display()))?;
    }
    tmp.as_file()
        .sync_all()
        .with_context(|| format!("{}: write failed", path.display()))?;
    tmp.persist(real).map_err(|e| e.error).with_context(|| {
        format!(
            "{}: cannot move the finished file into place",
            path.display()
        )
    })?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The interrupt test removes every registered temporary file, so the tests that write
    /// files here take turns.
    static SERIAL: Mutex<()> = Mutex::new(());

    #[test]
    fn an_interrupt_mid_write_removes_the_temporary_file() {
        let _turn = SERIAL.lock().unwrap_or_else(|e| e.into_inner());
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("report.html");
        let mut seen = None;
        let result = write_file_atomically(&out, |w| {
            w.write_all(b"partial")?;
            let registered = TEMPORARIES.lock().unwrap().clone();
            let mine: Vec<_> = registered
                .into_iter()
                .filter(|p| p.starts_with(dir.path()))
                .collect();
            assert_eq!(mine.len(), 1, "the temporary file is registered");
            assert!(mine[0].exists());
            // What the handler does on SIGINT, before it ends the process.
            remove_temporaries();
            seen = Some(mine[0].clone());
            Ok(())
        });
        assert!(!seen.unwrap().exists(), "the temporary file is removed");
        // The interrupted write does not produce the output.
        assert!(result.is_err());
        assert!(!out.exists());
    }

    #[test]
    fn terminal_text_loses_escapes_and_bidi_controls() {
        assert_eq!(
            terminal_safe("a\u{1b}]0;owned\u{7}b\u{1b}[2Jc\u{202E}d\u{9b}e\nnext\tcell"),
            "a\u{FFFD}]0;owned\u{FFFD}b\u{FFFD}[2Jc\u{FFFD}d\u{FFFD}e\nnext\tcell"
        );
        assert!(matches!(
            terminal_safe("plain, ünïcode"),
            std::borrow::Cow::Borrowed(_)
        ));
    }

    #[test]
    fn a_finished_write_unregisters_its_temporary_file() {
        let _turn = SERIAL.lock().unwrap_or_else(|e| e.into_inner());
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("scores.json");
        write(&Destination::File(out.clone()), b"{}").unwrap();
        assert!(
            TEMPORARIES
                .lock()
                .unwrap()
                .iter()
                .all(|p| !p.starts_with(dir.path()))
        );
        assert_eq!(std::fs::read(&out).unwrap(), b"{}");
    }
}
