//! Writing outputs without ever losing a file: a temporary file in the same folder, renamed into
//! place only when complete; an output path that is also an input is refused.

use anyhow::{Context, Result, bail};
use std::io::Write;
use std::path::{Path, PathBuf};

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

/// Write `contents` to `dest`. A file is written to a temporary file beside it and renamed into
/// place when complete, so a failure midway leaves any earlier file untouched.
pub fn write(dest: &Destination, contents: &[u8]) -> Result<()> {
    match dest {
        Destination::Stdout => {
            let mut out = std::io::stdout().lock();
            out.write_all(contents)?;
            out.flush()?;
            Ok(())
        }
        Destination::File(path) => write_file_atomically(path, |w| w.write_all(contents)),
    }
}

/// Write a file through `fill`, atomically: the file appears only if `fill` succeeds.
pub fn write_file_atomically(
    path: &Path,
    fill: impl FnOnce(&mut dyn Write) -> std::io::Result<()>,
) -> Result<()> {
    if path.is_dir() {
        bail!(
            "{}: is a directory, expected an output file path",
            path.display()
        );
    }
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let mut tmp = tempfile::Builder::new()
        .prefix(".itsm-assess-")
        .suffix(".tmp")
        .tempfile_in(&dir)
        .with_context(|| format!("{}: cannot create a file in this folder", dir.display()))?;
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
        let mode = std::fs::metadata(path).map_or(0o644, |m| m.permissions().mode() & 0o777);
        tmp.as_file()
            .set_permissions(std::fs::Permissions::from_mode(mode))
            .with_context(|| format!("{}: write failed", path.display()))?;
    }
    tmp.as_file()
        .sync_all()
        .with_context(|| format!("{}: write failed", path.display()))?;
    tmp.persist(path).map_err(|e| e.error).with_context(|| {
        format!(
            "{}: cannot move the finished file into place",
            path.display()
        )
    })?;
    Ok(())
}
