//! Scoring throughput on one core, on polarity_v2's full-length reviews
//! (read from ../shared; our own fixture reviews when it is absent).

use std::io::{BufRead, BufReader};

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use marquee_judge::Judge;

fn reviews() -> Vec<String> {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../../../shared/corpora/polarity_v2/polarity_v2.jsonl.gz");
    match std::fs::File::open(path) {
        Ok(file) => BufReader::new(flate2::read::GzDecoder::new(file))
            .lines()
            .map(|l| {
                let v: serde_json::Value = serde_json::from_str(&l.expect("line")).expect("json");
                v["text"].as_str().expect("text").to_owned()
            })
            .collect(),
        Err(_) => {
            eprintln!("skipping polarity_v2: {path} not found; using the fixture corpus");
            let fixtures = include_str!("../tests/data/verdicts.jsonl");
            fixtures
                .lines()
                .map(|l| serde_json::from_str::<serde_json::Value>(l).expect("json")["text"].as_str().expect("text").to_owned())
                .collect()
        }
    }
}

fn bench(c: &mut Criterion) {
    let judge = Judge::default_model().expect("shipped model");
    let texts = reviews();
    let mut group = c.benchmark_group("judge");
    group.throughput(Throughput::Elements(texts.len() as u64));
    group.sample_size(10);
    group.bench_function("reading", |b| {
        b.iter(|| texts.iter().map(|t| judge.reading(t).margin).sum::<f32>())
    });
    group.bench_function("verdict", |b| {
        b.iter(|| texts.iter().map(|t| judge.verdict(t, None).evidence.len()).sum::<usize>())
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
