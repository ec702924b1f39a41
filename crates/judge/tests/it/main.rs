//! marquee-judge's integration tests: one binary, one module per concern.

mod corpora;
mod eval_report;
mod golden;
mod model_file;
mod text;
mod verdict;

use std::path::PathBuf;
use std::sync::OnceLock;

use marquee_judge::Judge;

/// The shipped model, loaded once per test binary.
pub fn judge() -> &'static Judge {
    static JUDGE: OnceLock<Judge> = OnceLock::new();
    JUDGE.get_or_init(|| Judge::default_model().expect("the shipped model loads"))
}

/// `../shared/corpora` beside the repository (or in the directory that
/// `MARQUEE_SHARED` names, for a checkout elsewhere), when present; under
/// CI its absence fails the test.
#[track_caller]
pub fn corpora_dir() -> Option<PathBuf> {
    marquee_testkit::shared_file("corpora/polarity_v2/polarity_v2.jsonl.gz")?;
    marquee_testkit::shared_file("corpora")
}
