//! marquee-judge's integration tests: one binary, one module per concern.

mod corpora;
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
/// `MARQUEE_SHARED` names, for a checkout elsewhere), when present.
pub fn corpora_dir() -> Option<PathBuf> {
    let shared = std::env::var("MARQUEE_SHARED")
        .unwrap_or_else(|_| concat!(env!("CARGO_MANIFEST_DIR"), "/../../../shared").to_owned());
    let dir = PathBuf::from(shared).join("corpora");
    if dir.join("polarity_v2/polarity_v2.jsonl.gz").exists() {
        Some(dir)
    } else {
        eprintln!("skipping: {} not found", dir.display());
        None
    }
}
