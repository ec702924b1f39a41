//! Ingests a synthetic corpus ([`marquee_store::synth`]) into a database and
//! reports throughput. The crash-consistency test runs it with `--slow-ms`
//! and kills it mid-batch; by hand it measures ingest speed:
//!
//! ```text
//! cargo run --release -p marquee-store --bin marquee-store-synth -- \
//!     --db /tmp/synth.db --docs 20000 --films 4000 --batch 500
//! ```

use std::process::ExitCode;
use std::time::{Duration, Instant};

use marquee_store::{ContentKind, DocumentInput, Ingest, SqliteStore, Store, synth};

struct Args {
    db: String,
    docs: u64,
    films: u64,
    batch: usize,
    slow: Option<Duration>,
}

fn parse() -> Result<Args, String> {
    let mut args =
        Args { db: String::new(), docs: 1000, films: 200, batch: 500, slow: None };
    let mut it = std::env::args().skip(1);
    while let Some(flag) = it.next() {
        let mut value = || it.next().ok_or_else(|| format!("{flag} needs a value"));
        let number = |v: String| v.parse::<u64>().map_err(|e| format!("{flag}: {e}"));
        match flag.as_str() {
            "--db" => args.db = value()?,
            "--docs" => args.docs = number(value()?)?,
            "--films" => args.films = number(value()?)?,
            "--batch" => args.batch = number(value()?)?.max(1) as usize,
            "--slow-ms" => args.slow = Some(Duration::from_millis(number(value()?)?)),
            _ => return Err(format!("unknown argument {flag}")),
        }
    }
    if args.db.is_empty() {
        return Err("usage: marquee-store-synth --db PATH [--docs N] [--films N] [--batch N] [--slow-ms MS]".into());
    }
    Ok(args)
}

fn run(args: &Args) -> Result<(), marquee_store::Error> {
    let mut store = SqliteStore::open(&args.db)?;
    store.set_slow_ingest_for_tests(args.slow);
    let docs: Vec<synth::SynthDoc> = (0..args.docs).map(|i| synth::doc(i, args.films)).collect();
    let start = Instant::now();
    let (mut inserted, mut unchanged, mut reviews) = (0u64, 0u64, 0u64);
    for chunk in docs.chunks(args.batch) {
        let batch: Vec<Ingest<'_>> = chunk
            .iter()
            .map(|d| Ingest {
                doc: DocumentInput {
                    source: &d.source,
                    origin: &d.source,
                    content: &d.content,
                    kind: ContentKind::Text,
                },
                extraction: &d.extraction,
            })
            .collect();
        for outcome in store.ingest_batch(&batch)? {
            match outcome? {
                marquee_store::IngestOutcome::Inserted { reviews: r, .. } => {
                    inserted += 1;
                    reviews += r.len() as u64;
                }
                _ => unchanged += 1,
            }
        }
    }
    let seconds = start.elapsed().as_secs_f64();
    println!(
        "{inserted} documents inserted, {unchanged} unchanged, {reviews} reviews in {seconds:.2} s: \
         {:.0} reviews/s, {:.0} documents/s",
        reviews as f64 / seconds,
        (inserted + unchanged) as f64 / seconds
    );
    Ok(())
}

fn main() -> ExitCode {
    let args = match parse() {
        Ok(args) => args,
        Err(message) => {
            eprintln!("marquee-store-synth: {message}");
            return ExitCode::from(2);
        }
    };
    match run(&args) {
        Ok(()) => ExitCode::SUCCESS,
        Err(err) => {
            eprintln!("marquee-store-synth: {err}");
            ExitCode::FAILURE
        }
    }
}
