//! End-to-end tests of the `marquee` binary: what a user types, what they
//! see, what ends up in the database.

mod bad_input;
mod gold;
mod hardening;
mod identity;
mod html;
mod ingest;
mod r13;
mod schema;

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// The `marquee` binary built for this test run.
pub fn marquee() -> Command {
    Command::new(env!("CARGO_BIN_EXE_marquee"))
}

/// Runs `marquee` with `args` and returns its output.
#[track_caller]
pub fn run(args: &[&str]) -> Output {
    marquee().args(args).output().expect("running marquee")
}

/// `../shared` beside the repository (or the directory that `MARQUEE_SHARED`
/// names, for a checkout elsewhere), when present; under CI its absence
/// fails the test (`marquee_testkit::shared`).
#[track_caller]
pub fn shared() -> Option<PathBuf> {
    marquee_testkit::shared()
}

/// The bundled samples folder.
pub fn samples() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../samples")
}

pub fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

pub fn stdout(output: &Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}
