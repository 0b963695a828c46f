//! Where `-o` writes: regular files are replaced atomically, links keep pointing at their
//! replaced target, and devices and FIFOs are written in place, never replaced.

use crate::common::{run, stderr};

/// The header of `itsm-assess template -q danger-signs`, worked out from the questionnaire:
/// the `role` column first.
const TEMPLATE_START: &str = "role,CE1,";

#[test]
fn a_link_to_a_regular_file_keeps_the_link_and_replaces_its_target() {
    let dir = tempfile::tempdir().unwrap();
    let real = dir.path().join("real.csv");
    std::fs::write(&real, "old contents\n").unwrap();
    let link = dir.path().join("link.csv");
    std::os::unix::fs::symlink("real.csv", &link).unwrap();
    let out = run([
        "template",
        "-q",
        "danger-signs",
        "-o",
        link.to_str().unwrap(),
    ]);
    assert!(out.status.success(), "{}", stderr(&out));
    let meta = std::fs::symlink_metadata(&link).unwrap();
    assert!(
        meta.file_type().is_symlink(),
        "the link was replaced by a file"
    );
    let text = std::fs::read_to_string(&real).unwrap();
    assert!(text.starts_with(TEMPLATE_START), "{text}");
    let left: Vec<_> = std::fs::read_dir(dir.path()).unwrap().collect();
    assert_eq!(left.len(), 2, "a temporary file was left behind");
}

#[test]
fn dev_null_stays_a_device() {
    use std::os::unix::fs::FileTypeExt;
    let out = run(["template", "-q", "danger-signs", "-o", "/dev/null"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let meta = std::fs::symlink_metadata("/dev/null").unwrap();
    assert!(meta.file_type().is_char_device());
}

#[test]
fn a_full_device_is_an_error_naming_it() {
    if !std::path::Path::new("/dev/full").exists() {
        return;
    }
    let out = run(["template", "-q", "danger-signs", "-o", "/dev/full"]);
    assert_eq!(out.status.code(), Some(1));
    let err = stderr(&out);
    assert!(err.contains("/dev/full: write failed"), "{err}");
    assert!(!err.contains("internal error"), "{err}");
}

#[test]
fn a_fifo_is_written_in_place() {
    let dir = tempfile::tempdir().unwrap();
    let fifo = dir.path().join("out.fifo");
    let made = std::process::Command::new("mkfifo")
        .arg(&fifo)
        .status()
        .unwrap();
    assert!(made.success());
    let reader = {
        let fifo = fifo.clone();
        std::thread::spawn(move || std::fs::read_to_string(fifo).unwrap())
    };
    let out = run([
        "template",
        "-q",
        "danger-signs",
        "-o",
        fifo.to_str().unwrap(),
    ]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(reader.join().unwrap().starts_with(TEMPLATE_START));
    use std::os::unix::fs::FileTypeExt;
    assert!(
        std::fs::symlink_metadata(&fifo)
            .unwrap()
            .file_type()
            .is_fifo()
    );
}

#[test]
fn escape_sequences_from_a_file_never_reach_the_terminal() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("escapes.csv");
    // A window-title sequence, a clear-screen sequence and a right-to-left override, in a cell
    // that is not an answer (quoted in the error) and in a header (quoted in the warning).
    std::fs::write(
        &file,
        "role,CE1,\u{1b}]0;owned\u{7}x\nIT,\u{1b}[2J\u{202e}oops,1\n",
    )
    .unwrap();
    let out = run([
        "score",
        "-q",
        "danger-signs",
        "-f",
        "json",
        file.to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(1));
    let err = stderr(&out);
    assert!(err.contains("CE1"), "{err}");
    for bad in ['\u{1b}', '\u{7}', '\u{202e}'] {
        assert!(!err.contains(bad), "{bad:?} reached the terminal: {err:?}");
    }
}
