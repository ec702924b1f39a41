//! Times searches over an index built from a marquee database.
//!
//! ```text
//! cargo run --release -p marquee-index --example search_bench -- DB [QUERY...]
//! ```
//!
//! Uses the index beside the database (`DB.index/`), building it first when
//! it is empty. Prints, per query, the mean CPU time of a search returning
//! one hit and twenty hits (with snippets), so that the cost of the hits can
//! be told from the cost of matching and counting.

use std::path::{Path, PathBuf};
use std::time::Instant;

use marquee_index::{Index, SearchQuery};

fn cpu_now() -> std::time::Duration {
    // Process CPU time from /proc: the machine is shared, so wall time
    // would measure the neighbours too.
    let stat = std::fs::read_to_string("/proc/self/stat").unwrap_or_default();
    let after = stat.rsplit_once(')').map(|(_, rest)| rest).unwrap_or_default();
    let fields: Vec<&str> = after.split_whitespace().collect();
    let ticks: u64 = fields.get(11).and_then(|s| s.parse().ok()).unwrap_or(0)
        + fields.get(12).and_then(|s| s.parse().ok()).unwrap_or(0);
    std::time::Duration::from_millis(ticks * 10)
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut args = std::env::args().skip(1);
    let db = PathBuf::from(args.next().ok_or("usage: search_bench DB [QUERY...]")?);
    let mut queries: Vec<String> = args.collect();
    if queries.is_empty() {
        queries = ["private eye", "\"private eye\"", "director:hitchcock", "love", "hitchcok", "year:[1990 TO 1999] label:positive", ""]
            .map(str::to_owned)
            .to_vec();
    }
    let mut dir = db.as_os_str().to_owned();
    dir.push(".index");
    let index = Index::open_or_create(Path::new(&dir))?;
    if index.num_docs() == 0 {
        let store = marquee_store::SqliteStore::open_read_only(&db)?;
        let t = Instant::now();
        let n = index.rebuild(&store)?;
        eprintln!("built the index: {n} documents in {:.1} s", t.elapsed().as_secs_f64());
    }
    eprintln!("{} documents", index.num_docs());
    for q in &queries {
        for limit in [1, 20] {
            let query = SearchQuery { limit, ..SearchQuery::new(q.as_str()) };
            let first = Instant::now();
            let results = index.search(&query)?;
            let first = first.elapsed();
            let runs = 50;
            let (wall, cpu) = (Instant::now(), cpu_now());
            for _ in 0..runs {
                std::hint::black_box(index.search(&query)?);
            }
            let cpu = (cpu_now() - cpu) / runs;
            let wall = wall.elapsed() / runs;
            println!(
                "{q:40} limit {limit:>2}: {:>6} total, first {:>8.2?}, then cpu {:>8.2?} wall {:>8.2?}",
                results.total, first, cpu, wall
            );
        }
    }
    Ok(())
}
