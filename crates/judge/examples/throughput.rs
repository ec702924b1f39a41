//! Scoring throughput in reviews per CPU-second (user time from
//! /proc/self/stat, so that other work on a shared machine does not count):
//! `cargo run --release -p marquee-judge --example throughput -- ../shared/corpora`.
use std::io::{BufRead, BufReader};
use std::path::PathBuf;

fn cpu_seconds() -> f64 {
    let stat = std::fs::read_to_string("/proc/self/stat").unwrap_or_default();
    let fields: Vec<&str> = stat.rsplit(')').next().unwrap_or("").split_whitespace().collect();
    // Fields 14 and 15 of stat (utime, stime) are the 12th and 13th after the command name.
    let ticks: f64 = fields.get(11).and_then(|t| t.parse().ok()).unwrap_or(0.0);
    ticks / 100.0
}

fn main() -> anyhow::Result<()> {
    let dir = PathBuf::from(std::env::args().nth(1).unwrap_or_else(|| "../shared/corpora".into()));
    let file = std::fs::File::open(dir.join("polarity_v2/polarity_v2.jsonl.gz"))?;
    let texts: Vec<String> = BufReader::new(flate2::read::GzDecoder::new(file))
        .lines()
        .map(|l| Ok(serde_json::from_str::<serde_json::Value>(&l?)?["text"].as_str().unwrap_or("").to_owned()))
        .collect::<anyhow::Result<_>>()?;
    // An optional second argument runs one part only (`stages`, `reading`
    // or `verdict`), e.g. under `perf stat -e instructions`.
    let only = std::env::args().nth(2);
    let runs = |part: &str| only.as_deref().is_none_or(|o| o == part);
    let judge = marquee_judge::Judge::default_model()?;
    let spec = judge.model().info().features;
    let mut buf = Vec::new();
    let stages: [(&str, &dyn Fn(&str, &mut Vec<u32>) -> usize); 3] = [
        ("tokenise", &|t: &str, _: &mut Vec<u32>| {
            let mut n = 0;
            marquee_judge::text::for_each_token(t, |_| n += 1);
            n
        }),
        ("hash n-grams", &|t: &str, b: &mut Vec<u32>| {
            b.clear();
            spec.raw_features(t, b);
            b.len()
        }),
        ("distinct buckets", &|t: &str, b: &mut Vec<u32>| {
            spec.features(t, b);
            b.len()
        }),
    ];
    for (name, stage) in stages.into_iter().filter(|_| runs("stages")) {
        let start = cpu_seconds();
        let mut n = 0;
        for _ in 0..5 {
            for t in &texts {
                n += stage(t, &mut buf);
            }
        }
        println!("  stage {name}: {:.1} µs per review ({} items per review)", (cpu_seconds() - start) * 1e6 / (5 * texts.len()) as f64, n / (5 * texts.len()));
    }
    for (name, verdicts) in [("reading", false), ("verdict", true)].into_iter().filter(|(n, _)| runs(n)) {
        let rounds = 5;
        let start = cpu_seconds();
        let mut sink = 0f64;
        for _ in 0..rounds {
            for t in &texts {
                sink += if verdicts { judge.verdict(t, None).score as f64 } else { f64::from(judge.reading(t).margin) };
            }
        }
        let secs = cpu_seconds() - start;
        let n = rounds * texts.len();
        println!("{name}: {n} polarity_v2 reviews in {secs:.2} CPU s = {:.0} reviews/s (checksum {sink:.1})", n as f64 / secs);
    }
    Ok(())
}
