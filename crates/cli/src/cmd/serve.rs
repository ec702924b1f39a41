//! `serve`, `search`, `reindex` and `export`: the commands over the store and
//! its search index.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use anyhow::{Context, Result, bail};
use marquee_index::{Index, SearchQuery};
use marquee_pipeline::Pipeline;
use marquee_serve::{AppState, Config, IngestError};
use marquee_store::{DocumentInput, SqliteStore, Store};

use super::{Outcome, open_existing};

/// The search index lives beside the database: `marquee.db` → `marquee.db.index/`.
pub fn index_dir(db: &Path) -> PathBuf {
    let mut name = db.as_os_str().to_owned();
    name.push(".index");
    PathBuf::from(name)
}

fn open_index(db: &Path) -> Result<Index> {
    let dir = index_dir(db);
    Index::open_or_create(&dir).with_context(|| format!("opening the search index {} (`marquee reindex` rebuilds it)", dir.display()))
}

/// Rebuilds the index from the store; returns how many records it holds.
pub fn reindex(db: &Path, store: &dyn Store) -> Result<u64> {
    let dir = index_dir(db);
    let index = match Index::open_or_create(&dir) {
        Ok(index) => index,
        // An index of an older schema is derived data: start it afresh.
        Err(marquee_index::Error::SchemaMismatch { .. }) => {
            std::fs::remove_dir_all(&dir).with_context(|| format!("removing the old index {}", dir.display()))?;
            Index::open_or_create(&dir)?
        }
        Err(err) => return Err(err.into()),
    };
    Ok(index.rebuild(store).context("rebuilding the search index")?)
}

/// Brings the index beside `db` up to date after an ingest that stored
/// `stored`: only those reviews, their films, the films' people and the
/// reviews' critics are re-indexed. An index that does not exist yet, is
/// empty, or was written with another schema is rebuilt whole instead.
/// Returns how many documents were written, and whether the index was
/// rebuilt whole.
pub fn update_index(db: &Path, store: &dyn Store, stored: &super::Stored) -> Result<(u64, bool)> {
    let dir = index_dir(db);
    let index = match dir.exists().then(|| Index::open_or_create(&dir)) {
        Some(Ok(index)) if index.num_docs() > 0 => index,
        Some(Err(err)) if !matches!(err, marquee_index::Error::SchemaMismatch { .. }) => {
            return Err(err).with_context(|| format!("opening the search index {}", dir.display()));
        }
        _ => return Ok((reindex(db, store)?, true)),
    };
    let n = index
        .update_resolved(store, &stored.reviews, &stored.films, &stored.resolution)
        .context("updating the search index")?;
    Ok((n, false))
}

/// Takes the address to serve on. A port already in use is said plainly,
/// once, with the flag that picks another.
pub fn bind(addr: &str) -> Result<std::net::TcpListener> {
    let parsed: std::net::SocketAddr =
        addr.parse().with_context(|| format!("--addr {addr}: not an address like 127.0.0.1:3000"))?;
    match std::net::TcpListener::bind(parsed) {
        Ok(listener) => Ok(listener),
        Err(err) if err.kind() == std::io::ErrorKind::AddrInUse => {
            let mut other = parsed;
            other.set_port(parsed.port().wrapping_add(1).max(1));
            bail!("{parsed} is already in use (is another marquee serving?); choose another address with --addr {other}")
        }
        Err(err) if err.kind() == std::io::ErrorKind::PermissionDenied => {
            bail!("{parsed}: not allowed to listen there (ports below 1024 need privileges); choose another with --addr")
        }
        Err(err) => bail!("{parsed}: cannot listen there ({err}); choose another address with --addr"),
    }
}

pub fn run(db: &Path, pipeline: Pipeline, listener: std::net::TcpListener, token: Option<String>) -> Result<Outcome> {
    // clap may take an empty MARQUEE_TOKEN for no token at all; either way
    // an empty token is a mistake to report, not a server to start.
    let token = token.or_else(|| std::env::var("MARQUEE_TOKEN").ok());
    if token.as_deref().is_some_and(|t| t.trim().is_empty()) {
        bail!(
            "--token is empty (or MARQUEE_TOKEN is set to nothing): every POST would be refused; \
             give a secret, or leave the token out to serve without ingesting over HTTP"
        );
    }
    let addr = listener.local_addr().context("reading the address being served")?;
    let index = Arc::new(open_index(db)?);
    let db_path = db.to_owned();
    let config = Config { token: token.clone(), base_url: format!("http://{addr}"), ..Config::default() };
    let mut state = AppState::new(
        move || SqliteStore::open(&db_path).map(|s| Box::new(s) as Box<dyn Store>),
        index,
        config,
    )?;
    if token.is_some() {
        state = state.with_ingester(move |store: &mut dyn Store, doc: &marquee_model::Document| {
            let extraction = pipeline.process(doc).map_err(|failure| IngestError::Rejected(failure.reason))?;
            let outcome = store.ingest(&DocumentInput::from(doc), &extraction)?;
            Ok((outcome, extraction.warnings))
        });
    }
    eprintln!("marquee: serving {} at http://{addr}/ (Ctrl-C stops)", db.display());
    let runtime = tokio::runtime::Runtime::new().context("starting the async runtime")?;
    runtime.block_on(marquee_serve::serve_listener(listener, state))?;
    Ok(Outcome::Ok)
}

pub fn search(db: &Path, query: &str, limit: usize, json: bool) -> Result<Outcome> {
    open_existing(db)?;
    let index = open_index(db)?;
    // The query is named in the error, cut short: it may be kilobytes long.
    let shown: String = query.chars().take(60).collect();
    let shown = if shown.len() < query.len() { format!("{shown:?}…") } else { format!("{shown:?}") };
    let results = index.search(&SearchQuery { limit, ..SearchQuery::new(query) }).with_context(|| format!("searching for {shown}"))?;
    if json {
        super::out(format_args!("{}\n", serde_json::to_string_pretty(&results)?))?;
        return Ok(Outcome::Ok);
    }
    let mut text = format!("{} results{}\n", results.total, if results.fuzzy { " (allowing typos)" } else { "" });
    for hit in &results.hits {
        let year = hit.year.map(|y| format!(" ({y})")).unwrap_or_default();
        let critic = hit.critic.as_deref().map(|c| format!(" — {c}")).unwrap_or_default();
        text.push_str(&format!("{:>8} {:>6}  {}{year}{critic}\n", hit.kind.as_str(), hit.id, hit.title));
        if !hit.snippet.text.is_empty() {
            text.push_str(&format!("                 {}\n", hit.snippet.text.replace('\n', " ")));
        }
    }
    super::out(text)?;
    Ok(Outcome::Ok)
}

/// The films whose titles come closest to `query`, forgiving typos as
/// search does: the index's fuzzy title matches, best first.
pub fn films_like(db: &Path, query: &str, limit: usize) -> Result<Vec<marquee_model::FilmId>> {
    let index = open_index(db)?;
    let words: Vec<String> = query
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(|w| format!("title:{}", w.to_lowercase()))
        .collect();
    if words.is_empty() {
        return Ok(Vec::new());
    }
    let search = SearchQuery { limit, kind: Some(marquee_index::DocKind::Film), ..SearchQuery::new(words.join(" ")) };
    let results = index.search(&search).with_context(|| format!("searching for {query:?}"))?;
    Ok(results.hits.iter().map(|h| marquee_model::FilmId(h.id)).collect())
}

pub fn export(db: &Path, format: &str, records: &str, base_url: &str) -> Result<Outcome> {
    let records = match records {
        "films" => marquee_serve::export::Records::Films,
        "reviews" => marquee_serve::export::Records::Reviews,
        other => bail!("--records {other}: expected films or reviews"),
    };
    let store = open_existing(db)?;
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    let n = match format {
        "jsonl" => marquee_serve::export::jsonl(&store, records, &mut out)?,
        "csv" => marquee_serve::export::csv(&store, records, &mut out)?,
        "jsonld" => marquee_serve::export::jsonld(&store, records, base_url.trim_end_matches('/'), &mut out)?,
        other => bail!("--format {other}: expected jsonl, csv or jsonld"),
    };
    std::io::Write::flush(&mut out)?;
    eprintln!("{n} records exported");
    Ok(Outcome::Ok)
}
