//! Scoring throughput in reviews per CPU-second (user time from
//! /proc/self/stat, so that other work on a shared machine does not count;
//! each figure is the best of three runs, as contention only ever slows):
//! `cargo run --release -p marquee-judge --example throughput -- ../shared/corpora [part]`,
//! where the optional `part` (`stages`, `reading`, `verdict` or `ramr`) runs
//! one part only, and an optional count after it uses only that many reviews
//! (for `valgrind --tool=callgrind`, whose instruction counts do not depend
//! on the machine's load).
use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};

fn cpu_seconds() -> f64 {
    let stat = std::fs::read_to_string("/proc/self/stat").unwrap_or_default();
    let fields: Vec<&str> = stat.rsplit(')').next().unwrap_or("").split_whitespace().collect();
    // Fields 14 and 15 of stat (utime, stime) are the 12th and 13th after the command name.
    let ticks: f64 = fields.get(11).and_then(|t| t.parse().ok()).unwrap_or(0.0);
    ticks / 100.0
}

fn texts(path: &Path, limit: usize) -> anyhow::Result<Vec<String>> {
    let file = std::fs::File::open(path)?;
    BufReader::new(flate2::read::GzDecoder::new(file))
        .lines()
        .take(limit)
        .map(|l| Ok(serde_json::from_str::<serde_json::Value>(&l?)?["text"].as_str().unwrap_or("").to_owned()))
        .collect()
}

/// The least CPU time of three runs of `rounds` passes of `f` over `texts`,
/// per text.
fn best_of_three(texts: &[String], rounds: usize, mut f: impl FnMut(&str) -> f64) -> (f64, f64) {
    let mut best = f64::INFINITY;
    let mut sink = 0.0;
    for _ in 0..3 {
        let start = cpu_seconds();
        for _ in 0..rounds {
            for t in texts {
                sink += f(t);
            }
        }
        best = best.min(cpu_seconds() - start);
    }
    (best / (rounds * texts.len()) as f64, sink)
}

fn main() -> anyhow::Result<()> {
    let dir = PathBuf::from(std::env::args().nth(1).unwrap_or_else(|| "../shared/corpora".into()));
    let only = std::env::args().nth(2);
    let runs = |part: &str| only.as_deref().is_none_or(|o| o == part);
    let limit: usize = std::env::args().nth(3).map_or(Ok(usize::MAX), |n| n.parse())?;
    let polarity = texts(&dir.join("polarity_v2/polarity_v2.jsonl.gz"), limit)?;
    let judge = marquee_judge::Judge::default_model()?;
    let spec = judge.model().info().features;
    if runs("stages") {
        let mut buf = Vec::new();
        let (per, _) = best_of_three(&polarity, 3, |t| {
            let mut n = 0;
            marquee_judge::text::for_each_token(t, |_| n += 1);
            n as f64
        });
        println!("  stage tokenise: {:.1} µs per review", per * 1e6);
        let (per, _) = best_of_three(&polarity, 3, |t| {
            buf.clear();
            spec.raw_features(t, &mut buf) as f64
        });
        println!("  stage tokenise + hash n-grams: {:.1} µs per review", per * 1e6);
        let (per, _) = best_of_three(&polarity, 3, |t| spec.features(t, &mut buf) as f64);
        println!("  stage tokenise + hash + distinct buckets: {:.1} µs per review", per * 1e6);
    }
    if runs("reading") {
        let (per, sink) = best_of_three(&polarity, 5, |t| f64::from(judge.reading(t).margin));
        println!("reading: {:.0} polarity_v2 reviews per CPU s ({:.1} µs each; checksum {sink:.1})", 1.0 / per, per * 1e6);
    }
    if runs("verdict") {
        let (per, sink) = best_of_three(&polarity, 5, |t| f64::from(judge.verdict(t, None).score));
        println!("verdict: {:.0} polarity_v2 reviews per CPU s ({:.1} µs each; checksum {sink:.1})", 1.0 / per, per * 1e6);
    }
    if runs("ramr") {
        let ramr = texts(&dir.join("ramr/ramr.jsonl.gz"), limit.min(2000))?;
        let bytes = ramr.iter().map(String::len).sum::<usize>() / ramr.len();
        let (per, sink) = best_of_three(&ramr, 3, |t| f64::from(judge.verdict(t, None).score));
        println!(
            "verdict: {:.0} raw ramr reviews per CPU s ({:.1} µs each, {bytes} bytes on average; checksum {sink:.1})",
            1.0 / per,
            per * 1e6
        );
    }
    Ok(())
}
