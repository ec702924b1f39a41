//! Ingest throughput over real reviews: every ramr review
//! (`../shared/corpora/ramr/ramr.jsonl.gz`), with an extraction built from
//! the corpus's own labels (title, year, critic, and the critic's
//! normalised rating where the scale dataset has one) instead of running
//! the extractor, so that only the store is measured. Also reports how many
//! films the identity rules made against the corpus's distinct IMDb ids.
//!
//! ```text
//! cargo run --release -p marquee-store --example ingest_ramr -- /tmp/ramr.db [BATCH]
//! ```

use std::collections::HashSet;
use std::io::BufRead;
use std::time::Instant;

use marquee_model::{Extraction, Film, Review, Verdict, VerdictBasis, VerdictLabel};
use marquee_store::{
    ContentKind, DocumentInput, FilmQuery, FilmSort, Ingest, ReviewQuery, SqliteStore, Store,
};

const RAMR: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../../../shared/corpora/ramr/ramr.jsonl.gz");

#[derive(serde::Deserialize)]
struct Line {
    id: String,
    text: String,
    title: String,
    year: Option<i32>,
    imdb_id: Option<String>,
    critic: Option<String>,
    scale_rating: Option<f64>,
}

fn main() -> anyhow_free::Result {
    let mut args = std::env::args().skip(1);
    let db = args.next().ok_or("usage: ingest_ramr DB [BATCH]")?;
    let batch_size: usize = args.next().map_or(Ok(500), |b| b.parse())?;
    let file = match std::fs::File::open(RAMR) {
        Ok(file) => file,
        Err(_) => {
            eprintln!("skipping: {RAMR} not found");
            return Ok(());
        }
    };
    let lines: Vec<Line> = std::io::BufReader::new(flate2::read::GzDecoder::new(file))
        .lines()
        .map(|line| Ok(serde_json::from_str(&line?)?))
        .collect::<Result<_, Box<dyn std::error::Error>>>()?;
    let records: Vec<(String, Extraction)> = lines
        .iter()
        .map(|l| {
            let source = format!("{}.txt", l.id);
            let verdict = l.scale_rating.map(|r| {
                let score = (r * 100.0).round().clamp(0.0, 100.0) as u8;
                Verdict {
                    label: VerdictLabel::from_score(score),
                    fresh: score >= 60,
                    score,
                    evidence: l.text.split(". ").skip(3).take(2).map(str::to_owned).collect(),
                    basis: VerdictBasis::Grade,
                    model_score: score,
                    disagreement: false,
                    model: "labels@0".into(),
                }
            });
            let review = Review {
                critic: l.critic.clone(),
                verdict,
                text: l.text.clone(),
                ..Review::new(Film { year: l.year, ..Film::titled(l.title.clone()) })
            };
            (source.clone(), Extraction { source, reviews: vec![review], ..Extraction::default() })
        })
        .collect();
    let imdb: HashSet<&str> = lines.iter().filter_map(|l| l.imdb_id.as_deref()).collect();
    let bytes: usize = lines.iter().map(|l| l.text.len()).sum();

    let _ = std::fs::remove_file(&db);
    let mut store = SqliteStore::open(&db)?;
    let start = Instant::now();
    let mut reviews = 0usize;
    for (chunk, extraction_chunk) in lines.chunks(batch_size).zip(records.chunks(batch_size)) {
        let batch: Vec<Ingest<'_>> = chunk
            .iter()
            .zip(extraction_chunk)
            .map(|(l, (source, extraction))| Ingest {
                doc: DocumentInput { source, origin: source, content: &l.text, kind: ContentKind::Text },
                extraction,
            })
            .collect();
        for outcome in store.ingest_batch(&batch)? {
            if let marquee_store::IngestOutcome::Inserted { reviews: r, .. } = outcome? {
                reviews += r.len();
            }
        }
    }
    let seconds = start.elapsed().as_secs_f64();
    let counts = store.counts()?;
    println!(
        "ingested {reviews} reviews ({:.1} MB) in {seconds:.2} s: {:.0} reviews/s, {:.1} MB/s (batch {batch_size})",
        bytes as f64 / 1e6,
        reviews as f64 / seconds,
        bytes as f64 / 1e6 / seconds
    );
    println!(
        "{} films for {} distinct IMDb ids; {} critics",
        counts.films,
        imdb.len(),
        counts.critics
    );
    let start = Instant::now();
    let mut again = 0;
    for (l, (source, extraction)) in lines.iter().zip(&records).take(5000) {
        let doc = DocumentInput { source, origin: source, content: &l.text, kind: ContentKind::Text };
        again += usize::from(!store.ingest(&doc, extraction)?.is_inserted());
    }
    println!("re-ingest: {again} of 5000 unchanged in {:.2} s", start.elapsed().as_secs_f64());

    // Read latencies on the whole corpus: the median of a few runs each.
    let time = |name: &str, runs: usize, f: &mut dyn FnMut()| {
        let mut samples: Vec<f64> = (0..runs)
            .map(|_| {
                let start = Instant::now();
                f();
                start.elapsed().as_secs_f64() * 1e3
            })
            .collect();
        samples.sort_by(f64::total_cmp);
        println!("{name}: {:.2} ms (median of {runs})", samples[runs / 2]);
    };
    let busiest = store
        .films(&FilmQuery { sort: FilmSort::Reviews, per_page: 1, ..FilmQuery::default() })?
        .items[0]
        .clone();
    let mut reader = SqliteStore::open_read_only(&db)?;
    std::mem::swap(&mut store, &mut reader);
    time(&format!("film({}) with {} reviews", busiest.title, busiest.standing.reviews), 21, &mut || {
        store.film(busiest.id).unwrap();
    });
    time("films(default page of 20, best first)", 21, &mut || {
        store.films(&FilmQuery::default()).unwrap();
    });
    time("find_films(\"star\")", 21, &mut || {
        store.find_films("star", 10).unwrap();
    });
    time("reviews(critic_name=berardinelli)", 21, &mut || {
        store.reviews(&ReviewQuery { critic_name: Some("berardinelli".into()), ..ReviewQuery::default() }).unwrap();
    });
    time("recent_reviews(20)", 21, &mut || {
        store.recent_reviews(20).unwrap();
    });
    time("best_films(10)", 5, &mut || {
        store.best_films(10).unwrap();
    });
    time("critics() (all, with generosity)", 5, &mut || {
        store.critics().unwrap();
    });
    time("for_each_review_for_index (all)", 1, &mut || {
        store.for_each_review_for_index(None, &mut |_| std::ops::ControlFlow::Continue(())).unwrap();
    });
    Ok(())
}

/// `main`'s error type: examples may not use anyhow here (not a dependency
/// of the store), and a boxed error is all a measurement needs.
mod anyhow_free {
    pub type Result = std::result::Result<(), Box<dyn std::error::Error>>;
}
