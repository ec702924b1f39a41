//! Reads the inputs named on the command line and prints documents/s and
//! MB/s, with the errors counted by kind.
//!
//! `cargo run --release -p marquee-read --example read_bench -- ../shared/corpora/ramr/ramr.jsonl.gz`

use std::collections::BTreeMap;
use std::time::Instant;

fn main() {
    let inputs: Vec<String> = std::env::args().skip(1).collect();
    let started = Instant::now();
    let (mut docs, mut bytes) = (0usize, 0usize);
    let mut errors: BTreeMap<String, usize> = BTreeMap::new();
    for item in marquee_read::read_inputs(&inputs, &marquee_read::ReadOptions::default()) {
        match item {
            Ok(doc) => {
                docs += 1;
                bytes += doc.body.raw().len();
            }
            Err(err) => {
                let reason = err.to_string();
                let kind = reason.rsplit_once(": ").map_or(reason.as_str(), |(_, kind)| kind).to_owned();
                *errors.entry(kind).or_default() += 1;
            }
        }
    }
    let seconds = started.elapsed().as_secs_f64();
    println!(
        "{docs} documents, {:.1} MB of text in {seconds:.2} s: {:.0} documents/s, {:.1} MB/s",
        bytes as f64 / 1e6,
        docs as f64 / seconds,
        bytes as f64 / 1e6 / seconds
    );
    for (kind, count) in errors {
        println!("  {count} × {kind}");
    }
}
