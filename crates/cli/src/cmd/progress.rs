//! Progress bars: drawn on standard error, and only when it is a terminal
//! (indicatif hides them otherwise, so pipes and logs stay clean).

use std::time::Duration;

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressState, ProgressStyle};
use marquee_pipeline::IngestReport;

/// A bar over a known total of documents (with an ETA), or a spinner with
/// running totals when the total cannot be known in advance (standard
/// input).
pub struct Bar(ProgressBar);

/// The rate, rounded to a whole number: "143/s" rather than indicatif's
/// "143.2871/s".
fn rate(state: &ProgressState, w: &mut dyn std::fmt::Write) {
    let per_sec = state.per_sec();
    let _ = if per_sec >= 10.0 || per_sec == 0.0 { write!(w, "{per_sec:.0}/s") } else { write!(w, "{per_sec:.1}/s") };
}

/// A bar's total, counted only when standard error is a terminal (the only
/// place a bar is drawn): counting reads every JSON Lines file through once
/// more, which a pipe or a log does not pay for.
pub fn total(count: impl FnOnce() -> Option<u64>) -> Option<u64> {
    use std::io::IsTerminal;
    if std::io::stderr().is_terminal() { count() } else { None }
}

impl Bar {
    /// A bar for `total` items of `unit` ("documents", "folds").
    pub fn new(total: Option<u64>, unit: &str) -> Self {
        Self::with_target(total, unit, ProgressDrawTarget::stderr())
    }

    fn with_target(total: Option<u64>, unit: &str, target: ProgressDrawTarget) -> Self {
        let bar = ProgressBar::with_draw_target(total, target);
        let template = match total {
            Some(_) => format!("{{bar:28.cyan/blue}} {{pos}}/{{len}} {unit} · {{rate}} · ETA {{eta}} {{msg}}"),
            None => format!("{{spinner}} {{elapsed_precise}} {{pos}} {unit} · {{rate}} {{msg}}"),
        };
        let style = ProgressStyle::with_template(&template)
            .map(|s| s.with_key("rate", |state: &ProgressState, w: &mut dyn std::fmt::Write| rate(state, w)).progress_chars("█▉▊▋▌▍▎▏ "))
            .unwrap_or_else(|_| ProgressStyle::default_bar());
        bar.set_style(style);
        bar.enable_steady_tick(Duration::from_millis(120));
        Bar(bar)
    }

    /// Moves the bar to an ingest's running totals.
    pub fn update(&self, report: &IngestReport) {
        self.0.set_position(report.documents + report.failed);
        self.0.set_message(format!("{} reviews, {} new films, {} failed", report.reviews, report.new_films, report.failed));
    }

    /// One more item done.
    pub fn inc(&self) {
        self.0.inc(1);
    }

    /// Runs `f` (which prints) with the bar out of the way.
    pub fn suspend(&self, f: impl FnOnce()) {
        self.0.suspend(f);
    }

    pub fn finish(&self) {
        self.0.finish_and_clear();
    }
}
