//! Measures article body extraction on ../shared/corpora/article_extraction:
//! precision, recall and F1 with the benchmark's metric, and pages/s.
//!
//! `cargo run --release -p marquee-article --example article_bench [-- PRED.jsonl]`
//! also writes the predictions for `score_article.py` when a path is given.

use std::io::{BufRead, Write};
use std::time::Instant;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    // `MARQUEE_SHARED` names the shared directory when it is not beside the
    // repository (a git worktree elsewhere).
    let shared = std::env::var("MARQUEE_SHARED").unwrap_or_else(|_| concat!(env!("CARGO_MANIFEST_DIR"), "/../../../shared").to_owned());
    let corpus = format!("{shared}/corpora/article_extraction/article_extraction.jsonl.gz");
    let file = std::fs::File::open(&corpus).map_err(|err| format!("{corpus}: {err}"))?;
    let reader = std::io::BufReader::new(flate2::read::GzDecoder::new(file));
    let mut pages = Vec::new();
    for line in reader.lines() {
        let value: serde_json::Value = serde_json::from_str(&line?)?;
        pages.push((
            value["id"].as_str().unwrap_or_default().to_owned(),
            value["url"].as_str().map(str::to_owned),
            value["html"].as_str().unwrap_or_default().to_owned(),
            value["articleBody"].as_str().unwrap_or_default().to_owned(),
        ));
    }
    let out_path = std::env::args().nth(1);
    let mut out = match &out_path {
        Some(path) => Some(std::io::BufWriter::new(std::fs::File::create(path)?)),
        None => None,
    };
    let started = Instant::now();
    let cpu_started = cpu_seconds();
    let mut bodies = Vec::new();
    for (_, url, html, _) in &pages {
        let article = marquee_article::extract_article(html, url.as_deref());
        bodies.push(article.body.unwrap_or_default());
    }
    let elapsed = started.elapsed().as_secs_f64();
    let cpu = cpu_started.zip(cpu_seconds()).map(|(from, to)| to - from);
    let mut worst = Vec::new();
    let pairs: Vec<(&str, &str)> = pages.iter().zip(&bodies).map(|((_, _, _, gold), body)| (gold.as_str(), body.as_str())).collect();
    let score = marquee_article::metric::score(&pairs);
    for ((id, url, _, gold), body) in pages.iter().zip(&bodies) {
        let one = marquee_article::metric::score(&[(gold.as_str(), body.as_str())]);
        worst.push((one.f1, id.clone(), url.clone().unwrap_or_default(), one.precision, one.recall));
        if let Some(out) = &mut out {
            writeln!(out, "{}", serde_json::json!({"id": id, "articleBody": body}))?;
        }
    }
    worst.sort_by(|a, b| a.0.total_cmp(&b.0));
    if std::env::var_os("SHOW_WORST").is_some() {
        for (f1, id, url, p, r) in worst.iter().take(25) {
            println!("{f1:.3}  p {p:.3} r {r:.3}  {}  {url}", &id[..12]);
        }
    }
    println!("pages {}  precision {:.4}  recall {:.4}  F1 {:.4}", pages.len(), score.precision, score.recall, score.f1);
    let bytes: usize = pages.iter().map(|p| p.2.len()).sum();
    println!(
        "wall: {:.1} pages/s  {:.2} MB/s  ({:.2} s for {} pages, one thread)",
        pages.len() as f64 / elapsed,
        bytes as f64 / 1e6 / elapsed,
        elapsed,
        pages.len()
    );
    // CPU time does not count the time the thread waited for a core, so it
    // is the figure to trust on a shared machine.
    if let Some(cpu) = cpu {
        println!(
            "cpu:  {:.1} pages/s  {:.2} MB/s  ({:.2} s of CPU for {} pages)",
            pages.len() as f64 / cpu,
            bytes as f64 / 1e6 / cpu,
            cpu,
            pages.len()
        );
    }
    Ok(())
}

/// CPU time of this thread so far, from Linux's `/proc/thread-self/schedstat`
/// (its first field is nanoseconds on a CPU); `None` elsewhere.
fn cpu_seconds() -> Option<f64> {
    let stat = std::fs::read_to_string("/proc/thread-self/schedstat").ok()?;
    let nanos: f64 = stat.split_whitespace().next()?.parse().ok()?;
    Some(nanos / 1e9)
}
