//! Measurement harness: runs extraction over a `.jsonl.gz` (or `.jsonl`)
//! review corpus and prints one extraction record per line, or corpus-wide
//! statistics.
//!
//! ```text
//! cargo run -p marquee-extract --example corpus -- [--corpus PATH] [--gold GOLD.jsonl] [--stats] [--limit N]
//! ```
//!
//! * default corpus: `../shared/corpora/ramr/ramr.jsonl.gz` beside the repository;
//! * `--gold FILE`: only the documents whose ids the gold file names (its
//!   `source` values, with `.txt` dropped), for `score_extract.py`;
//! * `--stats`: instead of records, print the share of reviews whose title and
//!   critic match the corpus labels (normalised as `score_extract.py` does) and
//!   the shares with a runtime, a certificate and a grade found.
//!
//! Throughput (reviews/s, MB/s, one thread, extraction only, in this
//! thread's CPU time) goes to stderr.

use std::collections::HashSet;
use std::io::{BufRead, BufReader, Read, Write};
use std::time::{Duration, Instant};

use unicode_normalization::UnicodeNormalization;

struct Args {
    corpus: String,
    gold: Option<String>,
    stats: bool,
    limit: Option<usize>,
    show_misses: usize,
}

fn parse_args() -> Args {
    let mut args = Args {
        corpus: concat!(env!("CARGO_MANIFEST_DIR"), "/../../../shared/corpora/ramr/ramr.jsonl.gz")
            .to_owned(),
        gold: None,
        stats: false,
        limit: None,
        show_misses: 0,
    };
    let mut it = std::env::args().skip(1);
    while let Some(arg) = it.next() {
        match arg.as_str() {
            "--corpus" => args.corpus = it.next().expect("--corpus needs a path"),
            "--gold" => args.gold = Some(it.next().expect("--gold needs a path")),
            "--stats" => args.stats = true,
            "--limit" => args.limit = it.next().and_then(|n| n.parse().ok()),
            "--misses" => args.show_misses = it.next().and_then(|n| n.parse().ok()).unwrap_or(20),
            other => panic!("unknown argument {other}; see the example's doc comment"),
        }
    }
    args
}

/// The normalisation of `score_extract.py`'s `norm`.
fn norm(s: &str) -> String {
    let folded: String = s
        .nfkd()
        .filter(|c| !unicode_normalization::char::is_combining_mark(*c))
        .flat_map(char::to_lowercase)
        .collect();
    let folded = folded.replace('&', " and ");
    let cleaned: String = folded
        .chars()
        .map(|c| {
            if c.is_alphanumeric() || c == '_' || c.is_whitespace() || c == ':' || c == '|' || c == '-' {
                c
            } else {
                ' '
            }
        })
        .collect();
    cleaned.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn gold_ids(path: &str) -> HashSet<String> {
    let text = std::fs::read_to_string(path).expect("read the gold file");
    text.lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| {
            let v: serde_json::Value = serde_json::from_str(l).expect("gold line is JSON");
            let source = v["source"].as_str().unwrap_or_default();
            let name = source.rsplit(['/', '\\']).next().unwrap_or(source);
            name.trim_end_matches(".txt").to_owned()
        })
        .collect()
}

#[derive(Default)]
struct Stats {
    docs: usize,
    title: usize,
    critic_labelled: usize,
    critic: usize,
    runtime: usize,
    certificate: usize,
    grade: usize,
    multi: usize,
    title_misses: Vec<(String, String, String)>,
    critic_misses: Vec<(String, String, String)>,
}

fn main() {
    let args = parse_args();
    let file = match std::fs::File::open(&args.corpus) {
        Ok(f) => f,
        Err(e) => {
            eprintln!("skipping: {} not found ({e})", args.corpus);
            return;
        }
    };
    let reader: Box<dyn Read> = if args.corpus.ends_with(".gz") {
        Box::new(flate2::read::GzDecoder::new(file))
    } else {
        Box::new(file)
    };
    let wanted = args.gold.as_deref().map(gold_ids);
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    let mut stats = Stats::default();
    let mut bytes = 0usize;
    let mut panics = 0usize;
    // Decompress and parse first, so that the timing below is extraction's.
    let mut records: Vec<(String, serde_json::Value)> = Vec::new();
    for line in BufReader::new(reader).lines() {
        let line = line.expect("corpus line");
        let record: serde_json::Value = serde_json::from_str(&line).expect("corpus line is JSON");
        let id = record["id"].as_str().unwrap_or_default().to_owned();
        if wanted.as_ref().is_some_and(|w| !w.contains(&id)) {
            continue;
        }
        if args.limit.is_some_and(|n| records.len() >= n) {
            break;
        }
        records.push((id, record));
    }
    let mut spent = Duration::ZERO;
    let mut extractions = Vec::with_capacity(records.len());
    let cpu_start = thread_cpu_ns();
    for (id, record) in &records {
        let text = record["text"].as_str().unwrap_or_default();
        let start = Instant::now();
        // A panic is a bug to report, not a reason to stop measuring.
        let result = std::panic::catch_unwind(|| marquee_extract::extract_text(&format!("{id}.txt"), text));
        spent += start.elapsed();
        bytes += text.len();
        extractions.push(result);
    }
    let cpu = cpu_start.and_then(|s| Some(thread_cpu_ns()? - s));
    for ((id, record), result) in records.iter().zip(extractions) {
        let Ok(extraction) = result else {
            eprintln!("panic while extracting {id}");
            panics += 1;
            continue;
        };
        stats.docs += 1;
        if args.stats {
            tally(&mut stats, record, &extraction, id);
        } else {
            serde_json::to_writer(&mut out, &extraction).expect("write record");
            out.write_all(b"\n").expect("write record");
        }
    }
    out.flush().expect("flush");
    if args.stats {
        report(&stats, args.show_misses);
    }
    if panics > 0 {
        eprintln!("{panics} documents panicked");
    }
    let wall = spent.as_secs_f64().max(1e-9);
    // CPU time is the figure to quote on a shared machine; wall time is
    // printed beside it.
    let (secs, clock) = match cpu {
        Some(ns) => (ns as f64 / 1e9, "CPU"),
        None => (wall, "wall"),
    };
    eprintln!(
        "{} reviews, {:.1} MB in {:.2}s {clock} ({:.2}s wall) of extraction: {:.0} reviews/s, {:.2} MB/s (one thread)",
        records.len(),
        bytes as f64 / 1e6,
        secs.max(1e-9),
        wall,
        records.len() as f64 / secs.max(1e-9),
        bytes as f64 / 1e6 / secs.max(1e-9)
    );
}

/// This thread's CPU time in nanoseconds (Linux: the first field of
/// `/proc/thread-self/schedstat`), so that throughput does not depend on
/// what else the machine is running.
fn thread_cpu_ns() -> Option<u64> {
    let s = std::fs::read_to_string("/proc/thread-self/schedstat").ok()?;
    s.split_whitespace().next()?.parse().ok()
}

fn tally(stats: &mut Stats, record: &serde_json::Value, extraction: &marquee_model::Extraction, id: &str) {
    let reviews = &extraction.reviews;
    if reviews.len() > 1 {
        stats.multi += 1;
    }
    let label_title = norm(record["title"].as_str().unwrap_or_default());
    if reviews.iter().any(|r| norm(&r.film.title) == label_title) {
        stats.title += 1;
    } else {
        let got = reviews.first().map(|r| r.film.title.clone()).unwrap_or_default();
        stats.title_misses.push((id.to_owned(), label_title, got));
    }
    if let Some(critic) = record["critic"].as_str().filter(|c| !c.is_empty()) {
        stats.critic_labelled += 1;
        let label = norm(critic);
        if reviews.iter().any(|r| r.critic.as_deref().map(norm).as_deref() == Some(label.as_str())) {
            stats.critic += 1;
        } else {
            let got = reviews.first().and_then(|r| r.critic.clone()).unwrap_or_default();
            stats.critic_misses.push((id.to_owned(), label, got));
        }
    }
    if reviews.iter().any(|r| r.film.runtime_minutes.is_some()) {
        stats.runtime += 1;
    }
    if reviews.iter().any(|r| r.film.certificate.is_some()) {
        stats.certificate += 1;
    }
    if reviews.iter().any(|r| r.rating.is_some()) {
        stats.grade += 1;
    }
}

fn report(stats: &Stats, show: usize) {
    let share = |n: usize, d: usize| 100.0 * n as f64 / d.max(1) as f64;
    let d = stats.docs;
    println!("documents            {d}");
    println!("title matches label  {:6.2}%", share(stats.title, d));
    println!(
        "critic matches label {:6.2}% (of {} labelled)",
        share(stats.critic, stats.critic_labelled),
        stats.critic_labelled
    );
    println!("runtime found        {:6.2}%", share(stats.runtime, d));
    println!("certificate found    {:6.2}%", share(stats.certificate, d));
    println!("grade found          {:6.2}%", share(stats.grade, d));
    println!("several reviews      {:6.2}%", share(stats.multi, d));
    if show > 0 {
        let step = |n: usize| (n / show).max(1);
        for m in stats.title_misses.iter().step_by(step(stats.title_misses.len())).take(show) {
            println!("title-miss\t{}\t{}\t{}", m.0, m.1, m.2);
        }
        for m in stats.critic_misses.iter().step_by(step(stats.critic_misses.len())).take(show) {
            println!("critic-miss\t{}\t{}\t{}", m.0, m.1, m.2);
        }
    }
}
