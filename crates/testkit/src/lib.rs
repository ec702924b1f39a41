//! marquee-testkit holds the rules every crate's tests follow about what
//! they may skip and what they may write; it is a dev-dependency only, and
//! does nothing else.
//!
//! - [`shared`]: the real data in `../shared` (or the folder
//!   `MARQUEE_SHARED` names). A test that needs it skips with a note when it
//!   is missing on a developer's machine, but **fails** under `CI=true`,
//!   where a missing `../shared` means the run checked nothing.
//! - [`golden`]: compares output with its expected file. A missing or
//!   different file fails; only `UPDATE_EXPECT=1` writes one, and never
//!   under `CI=true`.
//! - [`slow`]: whether the slow tests (`RUN_SLOW_TESTS`) run; a skip is
//!   printed loudly, so that a CI log shows it.
//!
//! ```no_run
//! let Some(seed) = marquee_testkit::shared_file("seed/her-smell.txt") else { return };
//! let text = std::fs::read_to_string(seed).unwrap();
//! marquee_testkit::golden(std::path::Path::new("tests/data/x.expected.txt"), &text);
//! ```
#![warn(missing_docs)]

use std::path::{Path, PathBuf};

/// Whether this run is CI's (`CI=true`, as CI services and `.ci/run` set it).
pub fn in_ci() -> bool {
    std::env::var("CI").is_ok_and(|v| v.eq_ignore_ascii_case("true") || v == "1")
}

/// The shared data folder: `MARQUEE_SHARED`, or `../shared` beside the
/// repository. `None` (with a note on standard error) when it is missing;
/// under CI it panics instead, naming what is missing.
#[track_caller]
pub fn shared() -> Option<PathBuf> {
    let dir = std::env::var_os("MARQUEE_SHARED")
        .map_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared"), PathBuf::from);
    if dir.join("README.md").exists() {
        return Some(dir);
    }
    missing(&format!("the shared data folder {}", dir.display()))
}

/// A file or folder inside [`shared`], when both exist; missing under CI
/// panics, as for [`shared`].
#[track_caller]
pub fn shared_file(relative: &str) -> Option<PathBuf> {
    let path = shared()?.join(relative);
    if path.exists() {
        return Some(path);
    }
    missing(&path.display().to_string())
}

#[track_caller]
fn missing(what: &str) -> Option<PathBuf> {
    if in_ci() {
        panic!(
            "{what} is missing and CI=true: this test needs it and would check nothing without it \
             (set MARQUEE_SHARED to the shared folder)"
        );
    }
    eprintln!("skipping: {what} not found (set MARQUEE_SHARED to the shared folder)");
    None
}

/// Whether `UPDATE_EXPECT` asks to (re)write expected files. Under CI it is
/// refused with a panic: CI checks, it never blesses.
#[track_caller]
pub fn updating() -> bool {
    let update = std::env::var_os("UPDATE_EXPECT").is_some_and(|v| !v.is_empty() && v != "0");
    if update && in_ci() {
        panic!("UPDATE_EXPECT is set under CI=true: CI must not write expected files");
    }
    update
}

/// What a golden comparison found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Golden {
    /// The expected file holds exactly `got`.
    Same,
    /// `UPDATE_EXPECT=1`: the file was (re)written with `got`.
    Written,
    /// The file is missing; nothing was written.
    Missing,
    /// The file holds something else (its content).
    Different(String),
}

/// Compares `got` with the file at `expected`, writing it only under
/// `UPDATE_EXPECT=1` (see [`updating`]); panics when the file cannot be
/// read or written.
pub fn compare(expected: &Path, got: &str) -> Golden {
    if updating() {
        if let Some(dir) = expected.parent() {
            std::fs::create_dir_all(dir).unwrap_or_else(|e| panic!("creating {}: {e}", dir.display()));
        }
        std::fs::write(expected, got).unwrap_or_else(|e| panic!("writing {}: {e}", expected.display()));
        return Golden::Written;
    }
    match std::fs::read_to_string(expected) {
        Ok(text) if text == got => Golden::Same,
        Ok(text) => Golden::Different(text),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Golden::Missing,
        Err(e) => panic!("reading {}: {e}", expected.display()),
    }
}

/// [`compare`], failing the test on a missing or different file with the
/// way to re-bless.
#[track_caller]
pub fn golden(expected: &Path, got: &str) {
    match compare(expected, got) {
        Golden::Same | Golden::Written => {}
        Golden::Missing => panic!(
            "{} is missing; run the test with UPDATE_EXPECT=1 to write it, and review it before committing",
            expected.display()
        ),
        Golden::Different(want) => panic!(
            "{} differs (UPDATE_EXPECT=1 re-blesses):\n--- expected\n{want}\n--- got\n{got}",
            expected.display()
        ),
    }
}

/// Whether the slow tests run (`RUN_SLOW_TESTS` set). When they do not, says
/// so on standard error with `what` in a line that a CI log shows.
pub fn slow(what: &str) -> bool {
    if std::env::var_os("RUN_SLOW_TESTS").is_some_and(|v| !v.is_empty() && v != "0") {
        return true;
    }
    eprintln!("SKIPPED (slow): {what}: set RUN_SLOW_TESTS=1 to run it");
    false
}

#[cfg(test)]
mod tests {
    use super::*;

    // These tests read the process's environment but never set it: set
    // variables would leak into the other tests of this binary.

    #[test]
    fn a_missing_expected_file_is_reported_not_written() {
        if updating() {
            return;
        }
        let dir = std::env::temp_dir().join(format!("marquee-testkit-{}", std::process::id()));
        let path = dir.join("missing.expected.txt");
        assert_eq!(compare(&path, "x"), Golden::Missing);
        assert!(!path.exists(), "a missing expected file must not be written");
    }

    #[test]
    fn a_present_file_is_compared() {
        if updating() {
            return;
        }
        let dir = std::env::temp_dir().join(format!("marquee-testkit-cmp-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join("x.expected.txt");
        std::fs::write(&path, "same").unwrap();
        assert_eq!(compare(&path, "same"), Golden::Same);
        assert_eq!(compare(&path, "other"), Golden::Different("same".into()));
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
