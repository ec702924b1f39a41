//! Extraction throughput over the committed layout fixtures
//! (`tests/data`), one thread. The corpus example
//! (`cargo run --release -p marquee-extract --example corpus -- --stats`)
//! reports the same over all of ramr.

use std::path::Path;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};

fn fixtures() -> Vec<(String, String)> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data");
    let mut out = Vec::new();
    for layout in std::fs::read_dir(dir).expect("tests/data exists") {
        let layout = layout.expect("dir entry").path();
        for file in std::fs::read_dir(&layout).into_iter().flatten() {
            let path = file.expect("dir entry").path();
            if path.extension().is_some_and(|e| e == "txt") {
                let name = path.file_name().and_then(|n| n.to_str()).unwrap_or_default().to_owned();
                out.push((name, std::fs::read_to_string(&path).expect("fixture is UTF-8")));
            }
        }
    }
    out
}

fn bench(c: &mut Criterion) {
    let docs = fixtures();
    let bytes: usize = docs.iter().map(|(_, t)| t.len()).sum();
    let mut group = c.benchmark_group("extract_text");
    group.throughput(Throughput::Bytes(bytes as u64));
    group.bench_function("fixtures", |b| {
        b.iter(|| {
            for (name, text) in &docs {
                std::hint::black_box(marquee_extract::extract_text(name, text));
            }
        })
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
