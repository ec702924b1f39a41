//! A server over a large store, for load tests.
//!
//! `cargo run --release -p marquee-serve --example bench_server -- DB [--ramr FILE.jsonl.gz] [--addr ADDR] [--no-cache]`
//!
//! With `--ramr` and an empty DB, it first fills the store from the corpus's
//! own labels (title, year, critic, text; a verdict from the critic's
//! normalised rating where the corpus has one), without extraction: this is
//! a load test of serving, and it needs the corpus's size and shape, not the
//! extractor's output. Then it builds the index in memory and serves.

use std::io::BufRead;
use std::sync::Arc;
use std::time::Instant;

use marquee_model::{Extraction, Film, Review, Verdict, VerdictBasis, VerdictLabel};
use marquee_serve::{AppState, Config};
use marquee_store::{ContentKind, DocumentInput, Ingest, SqliteStore, Store};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let db = std::path::PathBuf::from(args.first().ok_or("usage: bench_server DB [--ramr FILE] [--addr ADDR] [--no-cache]")?);
    let flag = |name: &str| args.iter().position(|a| a == name).and_then(|i| args.get(i + 1)).cloned();
    let addr = flag("--addr").unwrap_or_else(|| "127.0.0.1:8088".into());
    let cache = !args.iter().any(|a| a == "--no-cache");

    let mut store = SqliteStore::open(&db)?;
    if let Some(ramr) = flag("--ramr") {
        if store.counts()?.reviews == 0 {
            let t = Instant::now();
            fill(&mut store, &ramr)?;
            eprintln!("filled {:?} in {:.1?}", store.counts()?, t.elapsed());
        }
    }
    let t = Instant::now();
    let index = marquee_index::Index::create_in_ram()?;
    let n = index.rebuild(&store)?;
    eprintln!("indexed {n} documents in {:.1?}", t.elapsed());
    drop(store);

    let config = Config { cache_pages: cache, base_url: format!("http://{addr}"), ..Config::default() };
    let open_db = db.clone();
    let state = AppState::new(move || Ok(Box::new(SqliteStore::open(&open_db)?) as Box<dyn Store>), Arc::new(index), config)?;
    let runtime = tokio::runtime::Builder::new_multi_thread().enable_all().build()?;
    runtime.block_on(marquee_serve::serve(addr.parse()?, state))?;
    Ok(())
}

fn fill(store: &mut SqliteStore, path: &str) -> Result<(), Box<dyn std::error::Error>> {
    let reader = std::io::BufReader::new(flate2::read::GzDecoder::new(std::fs::File::open(path)?));
    let mut docs: Vec<(String, String, Extraction)> = Vec::new();
    for line in reader.lines() {
        let v: serde_json::Value = serde_json::from_str(&line?)?;
        let text = v["text"].as_str().unwrap_or_default().to_owned();
        let id = v["id"].as_str().unwrap_or_default().to_owned();
        let mut film = Film::titled(v["title"].as_str().unwrap_or_default());
        film.year = v["year"].as_i64().and_then(|y| i32::try_from(y).ok());
        let mut review = Review::new(film);
        review.critic = v["critic"].as_str().map(str::to_owned);
        let score = match (v["scale_rating"].as_f64(), v["polarity"].as_str()) {
            (Some(r), _) => Some((r * 100.0).round().clamp(0.0, 100.0) as u8),
            (None, Some("pos")) => Some(75),
            (None, Some("neg")) => Some(25),
            _ => None,
        };
        review.verdict = score.map(|score| Verdict {
            label: VerdictLabel::from_score(score),
            fresh: score >= 60,
            score,
            evidence: text.split(". ").filter(|s| s.len() > 40 && s.len() < 200).take(2).map(str::to_owned).collect(),
            basis: VerdictBasis::Grade,
            model_score: score,
            disagreement: false,
            model: "corpus-label@0".into(),
        });
        review.text = text.clone();
        docs.push((format!("{id}.txt"), text, Extraction { source: format!("{id}.txt"), reviews: vec![review], ..Extraction::default() }));
    }
    for chunk in docs.chunks(500) {
        let batch: Vec<Ingest<'_>> = chunk
            .iter()
            .map(|(source, text, extraction)| Ingest {
                doc: DocumentInput { source, origin: source, content: text, kind: ContentKind::Text },
                extraction,
            })
            .collect();
        store.ingest_batch(&batch)?;
    }
    Ok(())
}
