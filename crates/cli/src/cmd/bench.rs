//! `marquee bench`: extraction, judging and ingest throughput on a real
//! corpus. Figures are printed, never asserted: speed is measured here, not
//! in tests.

use std::path::Path;
use std::time::Instant;

use anyhow::{Context, Result};
use marquee_model::Document;
use marquee_pipeline::{Judge, Pipeline};
use marquee_read::{ReadOptions, read_inputs};
use marquee_store::SqliteStore;

use super::Outcome;

pub fn run(corpus: &Path, limit: Option<usize>) -> Result<Outcome> {
    let input = corpus.display().to_string();
    let docs: Vec<Document> = read_inputs(std::slice::from_ref(&input), &ReadOptions::default())
        .filter_map(|d| d.ok())
        .take(limit.unwrap_or(usize::MAX))
        .collect();
    anyhow::ensure!(!docs.is_empty(), "{input}: no documents read");
    let bytes: usize = docs.iter().map(|d| d.body.raw().len()).sum();
    let mb = bytes as f64 / 1e6;
    println!("corpus {input}: {} documents, {mb:.1} MB", docs.len());

    // Extraction alone, one core: the pipeline's own per-document step,
    // without the verdict.
    let judge = Judge::default_model().context("loading the default verdict model")?;
    let pipeline = Pipeline::new(judge);
    let start = Instant::now();
    let extractions: Vec<_> = docs.iter().filter_map(|doc| pipeline.process_with(doc, false).ok()).collect();
    let reviews: usize = extractions.iter().map(|e| e.reviews.len()).sum();
    let secs = start.elapsed().as_secs_f64();
    println!(
        "extract (1 core): {:.0} documents/s, {:.1} MB/s, {reviews} reviews, {secs:.2} s",
        docs.len() as f64 / secs,
        mb / secs
    );

    // Judging alone, one core.
    let judge = pipeline.judge();
    let start = Instant::now();
    let mut judged = 0usize;
    for extraction in &extractions {
        for review in &extraction.reviews {
            std::hint::black_box(judge.verdict(&review.text, review.rating.as_ref()));
            judged += 1;
        }
    }
    let secs = start.elapsed().as_secs_f64();
    println!("judge (1 core): {:.0} reviews/s, {secs:.2} s", judged as f64 / secs);

    // The whole ingest into a fresh SQLite file, all cores.
    let dir = tempfile::tempdir().context("making a temporary folder")?;
    let db = dir.path().join("bench.db");
    let mut store = SqliteStore::open(&db)?;
    let start = Instant::now();
    let report = pipeline.ingest(&mut store, std::slice::from_ref(&input), &mut |_| {})?;
    let secs = start.elapsed().as_secs_f64();
    println!(
        "ingest ({} threads, read+extract+judge+SQLite): {:.0} documents/s, {} reviews stored, {secs:.2} s",
        rayon::current_num_threads(),
        report.documents as f64 / secs,
        report.reviews
    );
    Ok(Outcome::Ok)
}
