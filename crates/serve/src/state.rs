//! The server's shared state: a pool of store connections, the index, the
//! page cache, the ingest hook and the settings.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};

use marquee_index::Index;
use marquee_model::{Document, FilmId, ReviewId, Warning};
use marquee_store::{IngestOutcome, Resolution, Store};

use crate::cache::PageCache;
use crate::error::{ApiError, Error, Result};

/// The largest request body accepted (an HTML page to ingest).
pub const MAX_BODY_BYTES: usize = 4 * 1024 * 1024;

/// Searches run at once; more wait their turn. One search's memory is
/// bounded by `marquee_index::limits` (measured at most 12 MB over ramr, for
/// eight 39-letter words that match nothing and so take the typo retry:
/// `BENCH.md`); without this bound the blocking pool (512 threads) would
/// multiply it by the number of requests in flight.
pub const MAX_CONCURRENT_SEARCHES: usize = 4;

/// Opens one store connection; called once per pooled connection.
pub type OpenStore =
    dyn Fn() -> std::result::Result<Box<dyn Store>, marquee_store::Error> + Send + Sync;

/// Server settings.
#[derive(Debug, Clone)]
pub struct Config {
    /// The bearer token that `POST /api/reviews` requires. `None` turns
    /// ingesting over HTTP off (every POST is refused).
    pub token: Option<String>,
    /// The public address of the site, without a trailing slash, for the
    /// absolute links in feeds and JSON-LD (`https://marquee.example`).
    pub base_url: String,
    /// Store connections to keep open (readers run in parallel in WAL mode).
    pub pool_size: usize,
    /// Keep rendered pages in memory until the next ingest.
    pub cache_pages: bool,
    /// "Today" for upcoming events, `YYYY-MM-DD`; `None` uses the clock.
    pub today: Option<String>,
    /// How long connections and bodies may take ([`crate::serve_on`]).
    pub timeouts: Timeouts,
}

/// The server's timeouts; the defaults are [`crate::HEADER_READ_TIMEOUT`],
/// [`crate::IDLE_TIMEOUT`] and [`crate::BODY_READ_TIMEOUT`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Timeouts {
    /// For a request's headers, and for the next request on a kept-alive
    /// connection.
    pub header_read: std::time::Duration,
    /// For a connection on which no byte moves.
    pub idle: std::time::Duration,
    /// For a request's body to arrive whole.
    pub body_read: std::time::Duration,
}

impl Default for Timeouts {
    fn default() -> Self {
        Timeouts {
            header_read: crate::HEADER_READ_TIMEOUT,
            idle: crate::IDLE_TIMEOUT,
            body_read: crate::BODY_READ_TIMEOUT,
        }
    }
}

impl Default for Config {
    fn default() -> Self {
        Config {
            token: None,
            base_url: "http://localhost:8080".to_owned(),
            pool_size: 4,
            cache_pages: true,
            today: None,
            timeouts: Timeouts::default(),
        }
    }
}

/// The body of an ingest request.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum IngestBody {
    /// Plain text or Markdown.
    Text(String),
    /// An HTML page.
    Html(String),
}

/// Why an [`Ingester`] could not store a document.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum IngestError {
    /// The document itself is unusable (empty, undecodable); the client's fault.
    #[error("{0}")]
    Rejected(String),
    /// Storing failed; our fault.
    #[error(transparent)]
    Store(#[from] marquee_store::Error),
    /// Anything else that failed on our side.
    #[error("{0}")]
    Internal(String),
}

/// Extracts, judges and stores one document. The `cli` crate implements it
/// over `marquee_pipeline`; tests use a closure.
pub trait Ingester: Send + Sync + 'static {
    /// Stores `doc` in `store`; returns what the store did and the
    /// extraction's warnings.
    fn ingest(
        &self,
        store: &mut dyn Store,
        doc: &Document,
    ) -> std::result::Result<(IngestOutcome, Vec<Warning>), IngestError>;
}

impl<F> Ingester for F
where
    F: Fn(&mut dyn Store, &Document) -> std::result::Result<(IngestOutcome, Vec<Warning>), IngestError>
        + Send
        + Sync
        + 'static,
{
    fn ingest(
        &self,
        store: &mut dyn Store,
        doc: &Document,
    ) -> std::result::Result<(IngestOutcome, Vec<Warning>), IngestError> {
        self(store, doc)
    }
}

/// A fixed set of store connections. `Store` is `Send` but not `Sync`
/// (an SQLite connection serves one thread at a time), so each sits behind
/// its own mutex and a request takes whichever is free.
struct Pool {
    stores: Vec<Mutex<Box<dyn Store>>>,
    next: AtomicUsize,
}

impl Pool {
    fn with<T>(&self, f: impl FnOnce(&mut dyn Store) -> T) -> T {
        let n = self.stores.len();
        let start = self.next.fetch_add(1, Ordering::Relaxed) % n;
        for i in 0..n {
            if let Ok(mut guard) = self.stores[(start + i) % n].try_lock() {
                return f(guard.as_mut());
            }
        }
        // All busy: wait for one. A poisoned mutex only means a query
        // panicked; the connection itself is still usable.
        let mut guard = self.stores[start].lock().unwrap_or_else(|e| e.into_inner());
        f(guard.as_mut())
    }
}

pub(crate) struct Inner {
    pool: Pool,
    pub(crate) index: Arc<Index>,
    ingester: Option<Arc<dyn Ingester>>,
    pub(crate) config: Config,
    pub(crate) cache: PageCache,
    searches: Arc<tokio::sync::Semaphore>,
}

/// Everything a request handler needs; cheap to clone.
#[derive(Clone)]
pub struct AppState(pub(crate) Arc<Inner>);

impl std::fmt::Debug for AppState {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("AppState").field("config", &self.0.config).finish_non_exhaustive()
    }
}

impl AppState {
    /// State with `config.pool_size` connections opened by `open`, searching
    /// `index`. Ingesting over HTTP stays off until [`AppState::with_ingester`].
    /// A token that is empty (or only spaces) is refused with
    /// [`Error::EmptyToken`]: it would turn every POST away.
    pub fn new(
        open: impl Fn() -> std::result::Result<Box<dyn Store>, marquee_store::Error> + Send + Sync + 'static,
        index: Arc<Index>,
        config: Config,
    ) -> Result<AppState> {
        if config.token.as_deref().is_some_and(|t| t.trim().is_empty()) {
            return Err(Error::EmptyToken);
        }
        let stores = (0..config.pool_size.max(1))
            .map(|_| open().map(Mutex::new))
            .collect::<std::result::Result<Vec<_>, _>>()
            .map_err(Error::Store)?;
        let pool = Pool { stores, next: AtomicUsize::new(0) };
        let cache = PageCache::new(config.cache_pages);
        let searches = Arc::new(tokio::sync::Semaphore::new(MAX_CONCURRENT_SEARCHES));
        Ok(AppState(Arc::new(Inner { pool, index, ingester: None, config, cache, searches })))
    }

    /// The same state with `ingester` handling `POST /api/reviews`.
    pub fn with_ingester(self, ingester: impl Ingester) -> AppState {
        let inner = match Arc::try_unwrap(self.0) {
            Ok(inner) => inner,
            // Only reachable if the state was cloned before configuring;
            // configuration happens once, at start-up, before any clone.
            Err(_) => panic!("AppState::with_ingester must be called before the state is shared"),
        };
        AppState(Arc::new(Inner { ingester: Some(Arc::new(ingester)), ..inner }))
    }

    pub(crate) fn config(&self) -> &Config {
        &self.0.config
    }

    pub(crate) fn index(&self) -> &Index {
        &self.0.index
    }

    pub(crate) fn cache(&self) -> &PageCache {
        &self.0.cache
    }

    /// Runs `f` with a store connection on the blocking thread pool.
    pub(crate) async fn read<T: Send + 'static>(
        &self,
        f: impl FnOnce(&dyn Store) -> marquee_store::Result<T> + Send + 'static,
    ) -> std::result::Result<T, ApiError> {
        let state = self.clone();
        tokio::task::spawn_blocking(move || state.0.pool.with(|store| f(store)))
            .await
            .map_err(|e| ApiError::Internal(format!("store task failed: {e}")))?
            .map_err(|e| ApiError::Internal(e.to_string()))
    }

    /// Runs a search on the blocking thread pool.
    pub(crate) async fn search(
        &self,
        query: marquee_index::SearchQuery,
    ) -> std::result::Result<marquee_index::SearchResults, ApiError> {
        let state = self.clone();
        // The semaphore is never closed, so acquiring cannot fail.
        let permit = self.0.searches.clone().acquire_owned().await.map_err(|e| ApiError::Internal(e.to_string()))?;
        tokio::task::spawn_blocking(move || {
            let _permit = permit;
            state.index().search(&query)
        })
            .await
            .map_err(|e| ApiError::Internal(format!("search task failed: {e}")))?
            .map_err(|e| match e {
                marquee_index::Error::Limit(message) => ApiError::LimitExceeded(message),
                e if e.is_user_error() => ApiError::InvalidQuery(e.to_string()),
                e => ApiError::Internal(e.to_string()),
            })
    }

    /// "Today", `YYYY-MM-DD`.
    pub(crate) fn today(&self) -> String {
        match &self.0.config.today {
            Some(day) => day.clone(),
            None => chrono::Utc::now().format("%Y-%m-%d").to_string(),
        }
    }

    /// Ingests one document, then brings the index and the page cache up
    /// to date with it.
    pub(crate) async fn ingest(
        &self,
        doc: Document,
    ) -> std::result::Result<(IngestOutcome, Vec<Warning>), ApiError> {
        let Some(ingester) = self.0.ingester.clone() else {
            return Err(ApiError::IngestDisabled);
        };
        let state = self.clone();
        tokio::task::spawn_blocking(move || {
            let (outcome, warnings) = state.0.pool.with(|store| ingester.ingest(store, &doc)).map_err(
                |e| match e {
                    IngestError::Rejected(reason) => ApiError::BadRequest(reason),
                    other => ApiError::Internal(other.to_string()),
                },
            )?;
            if let IngestOutcome::Inserted { reviews, films, resolution, .. } = &outcome {
                state.reindex(reviews, films, resolution).map_err(|e| ApiError::Internal(e.to_string()))?;
                state.0.cache.clear();
            }
            Ok((outcome, warnings))
        })
        .await
        .map_err(|e| ApiError::Internal(format!("ingest task failed: {e}")))?
    }

    /// Re-indexes the given reviews, their films, the people credited on
    /// those films and the reviews' critics.
    pub(crate) fn reindex(&self, reviews: &[ReviewId], films: &[FilmId], resolution: &Resolution) -> Result<()> {
        self.0.pool.with(|store| self.0.index.update_resolved(&*store, reviews, films, resolution))?;
        Ok(())
    }

    /// Checks a bearer token against the configured one, in time that does
    /// not depend on where they differ.
    pub(crate) fn authorize(&self, header: Option<&str>) -> std::result::Result<(), ApiError> {
        let Some(expected) = self.0.config.token.as_deref() else {
            return Err(ApiError::IngestDisabled);
        };
        let given = header.and_then(|h| h.strip_prefix("Bearer ")).ok_or(ApiError::Unauthorized)?;
        let same_len = given.len() == expected.len();
        let diff = given.bytes().zip(expected.bytes()).fold(0u8, |acc, (a, b)| acc | (a ^ b));
        if same_len && diff == 0 { Ok(()) } else { Err(ApiError::Unauthorized) }
    }
}
