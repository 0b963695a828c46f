//! Paths in an engagement file: relative to the file's folder, each checked where it is
//! written, and response patterns (`responses/*.csv`) expanded in a repeatable order.

use crate::error::Problem;
use crate::input::{Spanned, problem_at};
use std::path::{Path, PathBuf};

/// Resolves and checks the paths of one engagement file, collecting every problem.
pub(super) struct Paths<'a> {
    /// The engagement file, as messages name it.
    pub(super) file: &'a str,
    /// The folder paths are relative to.
    pub(super) base: &'a Path,
    /// The problems found so far.
    pub(super) problems: Vec<Problem>,
}

impl Paths<'_> {
    /// `written` relative to the file's folder (an absolute path stays as it is).
    pub(super) fn resolve(&self, written: &str) -> PathBuf {
        self.base.join(written)
    }

    /// An input that must exist: resolved, or a problem at its place. `what` names the kind of
    /// file ("mapping", "targets").
    pub(super) fn existing(&mut self, written: &Spanned<String>, what: &str) -> Option<PathBuf> {
        let path = self.resolve(&written.value);
        if path.exists() {
            Some(path)
        } else {
            self.problems.push(problem_at(
                self.file,
                written,
                format!(
                    "the {what} '{}' does not exist (looked for {}; paths are relative to this file)",
                    written.value,
                    path.display()
                ),
            ));
            None
        }
    }

    /// The response files one entry names: the file itself, or every file whose name matches
    /// its pattern (`*` any run of characters, `?` one), sorted by name so that runs repeat.
    pub(super) fn responses(&mut self, written: &Spanned<String>) -> Vec<PathBuf> {
        let path = Path::new(&written.value);
        let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("");
        if !is_pattern(name) {
            return self
                .existing(written, "response file")
                .into_iter()
                .collect();
        }
        let folder_written = path.parent().unwrap_or(Path::new(""));
        if folder_written.to_str().is_some_and(is_pattern) {
            self.problems.push(problem_at(
                self.file,
                written,
                format!(
                    "'{}': only the file name may hold '*' or '?', not the folders",
                    written.value
                ),
            ));
            return Vec::new();
        }
        let folder = self.resolve(&folder_written.to_string_lossy());
        let listed = match std::fs::read_dir(if folder.as_os_str().is_empty() {
            Path::new(".")
        } else {
            &folder
        }) {
            Ok(entries) => entries,
            Err(e) => {
                self.problems.push(problem_at(
                    self.file,
                    written,
                    format!("cannot list the folder {}: {e}", folder.display()),
                ));
                return Vec::new();
            }
        };
        let mut found: Vec<PathBuf> = listed
            .filter_map(|entry| entry.ok())
            .filter(|entry| entry.file_type().is_ok_and(|t| !t.is_dir()))
            .filter_map(|entry| entry.file_name().into_string().ok())
            .filter(|n| matches(name, n))
            .map(|n| folder.join(n))
            .collect();
        found.sort();
        if found.is_empty() {
            self.problems.push(problem_at(
                self.file,
                written,
                format!(
                    "'{}' matches no file in {} (put the survey exports there, or list them)",
                    written.value,
                    if folder.as_os_str().is_empty() {
                        ".".into()
                    } else {
                        folder.display().to_string()
                    }
                ),
            ));
        }
        found
    }
}

/// True when a name holds a wildcard.
fn is_pattern(name: &str) -> bool {
    name.contains(['*', '?'])
}

/// Whether `name` matches `pattern`, where `*` stands for any run of characters (none
/// included) and `?` for exactly one; names starting with '.' match only a pattern that does.
pub(super) fn matches(pattern: &str, name: &str) -> bool {
    if name.starts_with('.') && !pattern.starts_with('.') {
        return false;
    }
    let p: Vec<char> = pattern.chars().collect();
    let n: Vec<char> = name.chars().collect();
    // The classic two-pointer match with one remembered star: linear in practice, no recursion.
    let (mut i, mut j) = (0, 0);
    let mut star: Option<(usize, usize)> = None;
    while j < n.len() {
        if i < p.len() && (p[i] == '?' || p[i] == n[j]) {
            i += 1;
            j += 1;
        } else if i < p.len() && p[i] == '*' {
            star = Some((i, j));
            i += 1;
        } else if let Some((si, sj)) = star {
            i = si + 1;
            j = sj + 1;
            star = Some((si, sj + 1));
        } else {
            return false;
        }
    }
    p[i..].iter().all(|&c| c == '*')
}
