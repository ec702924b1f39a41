//! Time and peak memory of the pipeline on hostile JSON Lines, generated
//! here into a temporary folder (never committed):
//!
//! ```text
//! cargo run --release -p marquee-pipeline --example hostile_jsonl -- ids [MB] [LINES]
//! cargo run --release -p marquee-pipeline --example hostile_jsonl -- texts [MB] [LINES]
//! cargo run --release -p marquee-pipeline --example hostile_jsonl -- newlines [GB]
//! ```
//!
//! * `ids`: LINES records (default 10) whose `id` is a string of MB
//!   megabytes (default 45) beside a short review;
//! * `texts`: LINES records whose `text` is a review of MB megabytes, in
//!   ordinary lines of prose;
//! * `newlines`: a `.jsonl.gz` of GB gigabytes (default 4) of bare line
//!   breaks and one record at the end.
//!
//! Each runs `marquee extract`'s path (read, extract, no judging) and prints
//! the documents and failures seen, the CPU seconds (user + system, from
//! `/proc/self/stat`) and the peak resident memory (`VmHWM` from
//! `/proc/self/status`, reset after the input is written and read after the
//! run). Nothing is asserted: figures are measured here, never in tests.

use std::io::Write;

use marquee_pipeline::{Judge, Pipeline};

fn cpu_seconds() -> f64 {
    let stat = std::fs::read_to_string("/proc/self/stat").unwrap_or_default();
    let fields: Vec<&str> = stat.rsplit(')').next().unwrap_or("").split_whitespace().collect();
    let ticks = |i: usize| fields.get(i).and_then(|t| t.parse::<f64>().ok()).unwrap_or(0.0);
    (ticks(11) + ticks(12)) / 100.0
}

/// Peak resident set size so far, in MB.
fn peak_rss_mb() -> f64 {
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    let kb: f64 = status
        .lines()
        .find_map(|l| l.strip_prefix("VmHWM:"))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
        .unwrap_or(0.0);
    kb / 1024.0
}

const REVIEW: &str = "QUIET HARBOR (1998)\n\nDirected by Marta Quist. Running time: 104 minutes.\n\nA tender, luminous film about a ferry pilot who cannot leave the island.\n";

/// A multi-line review of about `bytes` bytes, in our own words.
fn long_review(bytes: usize) -> String {
    let mut text = String::from(REVIEW);
    let lines = [
        "The harbour scenes are shot in a cold, patient light, and the cast never",
        "pushes. Jonas Holloway plays the brother as a man who has stopped hoping,",
        "and the film is wise enough to leave him that way. It is slow, and a",
        "little long, but I admired it more than anything else this month.",
    ];
    let mut k = 0;
    while text.len() < bytes {
        text.push_str(lines[k % lines.len()]);
        text.push('\n');
        if k % 12 == 11 {
            text.push('\n');
        }
        k += 1;
    }
    text
}

fn main() -> anyhow::Result<()> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let mode = args.first().map_or("ids", String::as_str);
    let number = |i: usize, default: f64| args.get(i).map_or(Ok(default), |a| a.parse::<f64>());
    let dir = tempfile::tempdir()?;
    let path = match mode {
        "ids" | "texts" => {
            let mb = number(1, 45.0)?;
            let lines = number(2, 10.0)? as usize;
            let path = dir.path().join(format!("{mode}.jsonl"));
            let mut out = std::io::BufWriter::new(std::fs::File::create(&path)?);
            let big = (mb * 1e6) as usize;
            for line in 0..lines {
                let record = if mode == "ids" {
                    let id = format!("{line}-{}", "i".repeat(big));
                    serde_json::json!({ "id": id, "text": REVIEW })
                } else {
                    serde_json::json!({ "id": format!("r{line}"), "text": long_review(big) })
                };
                serde_json::to_writer(&mut out, &record)?;
                out.write_all(b"\n")?;
            }
            out.flush()?;
            path
        }
        "newlines" => {
            let gb = number(1, 4.0)?;
            let path = dir.path().join("newlines.jsonl.gz");
            let mut gz = flate2::write::GzEncoder::new(std::fs::File::create(&path)?, flate2::Compression::best());
            let block = vec![b'\n'; 1 << 20];
            for _ in 0..(gb * 1024.0) as usize {
                gz.write_all(&block)?;
            }
            serde_json::to_writer(&mut gz, &serde_json::json!({ "id": "last", "text": REVIEW }))?;
            gz.write_all(b"\n")?;
            gz.finish()?;
            path
        }
        other => anyhow::bail!("unknown mode {other}: ids, texts or newlines"),
    };
    let size = std::fs::metadata(&path)?.len();
    println!("{mode}: {} ({:.1} MB on disk)", path.display(), size as f64 / 1e6);
    // Generating the input cost memory too: reset the peak (writing 5 to
    // clear_refs does that on Linux) so that only the run counts.
    let _ = std::fs::write("/proc/self/clear_refs", "5");
    let before = peak_rss_mb();
    let pipeline = Pipeline::new(Judge::default_model()?);
    let (mut documents, mut failures) = (0, 0);
    let start = cpu_seconds();
    pipeline.extract_with(&[path.display().to_string()], false, &mut |result| match result {
        Ok(_) => documents += 1,
        Err(failure) => {
            failures += 1;
            let line = failure.to_string();
            println!("  failed: {}", line.get(..160).unwrap_or(&line));
        }
    });
    let secs = cpu_seconds() - start;
    println!(
        "{documents} documents, {failures} failures, {secs:.2} CPU s, peak RSS {:.0} MB (before the run: {before:.0} MB), {} threads",
        peak_rss_mb(),
        rayon::current_num_threads()
    );
    Ok(())
}
