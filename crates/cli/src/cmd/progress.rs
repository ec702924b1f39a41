//! The ingest progress bar: drawn only on a terminal.

use std::time::Duration;

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use marquee_pipeline::IngestReport;

/// A spinner with running totals (the number of documents in a stream is
/// not known in advance).
pub struct Bar(ProgressBar);

impl Bar {
    pub fn new() -> Self {
        let bar = ProgressBar::with_draw_target(None, ProgressDrawTarget::stderr());
        bar.set_style(
            ProgressStyle::with_template("{spinner} {elapsed_precise} {pos} documents ({per_sec}) {msg}")
                .unwrap_or_else(|_| ProgressStyle::default_spinner()),
        );
        bar.enable_steady_tick(Duration::from_millis(120));
        Bar(bar)
    }

    pub fn update(&self, report: &IngestReport) {
        self.0.set_position(report.documents + report.failed);
        self.0.set_message(format!("{} reviews, {} new films, {} failed", report.reviews, report.new_films, report.failed));
    }

    pub fn suspend(&self, f: impl FnOnce()) {
        self.0.suspend(f);
    }

    pub fn finish(&self) {
        self.0.finish_and_clear();
    }
}
