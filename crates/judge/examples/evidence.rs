//! Prints the verdict evidence the shipped model picks on raw reviews of
//! `ramr` (to check by eye that no credit line, header, rating line or
//! sign-off is chosen):
//! `cargo run --release -p marquee-judge --example evidence -- ../shared/corpora [count] [skip]`.
use std::io::{BufRead, BufReader};
use std::path::PathBuf;

fn main() -> anyhow::Result<()> {
    let mut args = std::env::args().skip(1);
    let dir = PathBuf::from(args.next().unwrap_or_else(|| "../shared/corpora".into()));
    let count: usize = args.next().map_or(Ok(50), |a| a.parse())?;
    let skip: usize = args.next().map_or(Ok(0), |a| a.parse())?;
    let judge = marquee_judge::Judge::default_model()?;
    let file = std::fs::File::open(dir.join("ramr/ramr.jsonl.gz"))?;
    for line in BufReader::new(flate2::read::GzDecoder::new(file)).lines().skip(skip).take(count) {
        let v: serde_json::Value = serde_json::from_str(&line?)?;
        let text = v["text"].as_str().unwrap_or("");
        let verdict = judge.verdict(text, None);
        println!("## {} {:?} {}", v["id"], verdict.label, verdict.score);
        for e in &verdict.evidence {
            println!("  - {}", e.replace('\n', " / "));
        }
    }
    Ok(())
}
