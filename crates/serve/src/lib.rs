//! marquee-serve owns marquee's web face: the axum [`Router`] with the
//! server-rendered HTML pages, the JSON API under `/api` (with its OpenAPI
//! document), the iCalendar and Atom feeds, and the export formats.
//!
//! It reads through the [`Store`] trait and the search [`Index`]; it does not
//! extract or judge. Ingesting over HTTP (`POST /api/reviews`) goes through an
//! [`Ingester`] that the caller plugs in (the `cli` crate wires the pipeline),
//! and needs the bearer token set in [`Config::token`]. Every piece of text
//! that came from a review is escaped before it reaches a browser: pages are
//! built with maud, which escapes every interpolated string, and JSON-LD is
//! written with `<` escaped.
//!
//! ```no_run
//! use std::sync::Arc;
//! use marquee_serve::{AppState, Config};
//! # async fn run() -> Result<(), Box<dyn std::error::Error>> {
//! let index = Arc::new(marquee_index::Index::open_or_create(std::path::Path::new("marquee.index"))?);
//! let state = AppState::new(
//!     || Ok(Box::new(marquee_store::SqliteStore::open(std::path::Path::new("marquee.db"))?) as Box<dyn marquee_store::Store>),
//!     index,
//!     Config::default(),
//! )?;
//! marquee_serve::serve("127.0.0.1:8080".parse()?, state).await?;
//! # Ok(()) }
//! ```
#![warn(missing_docs)]

mod api;
mod cache;
mod edges;
mod error;
pub mod export;
mod feeds;
mod jsonld;
mod pages;
mod params;
mod state;

pub use api::ApiDoc;
pub use error::{ApiError, Error, Result};
pub use params::{MAX_PAGE, MAX_PER_PAGE, MAX_PER_PAGE_LONG, MAX_QUERY_STRING_BYTES, MAX_TEXT_PARAM_BYTES};
pub use state::{AppState, Config, IngestBody, IngestError, Ingester, MAX_BODY_BYTES, OpenStore, Timeouts};

use std::future::Future;
use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Duration;

use axum::Router;
use axum::routing::get;
use marquee_index::Index;
use marquee_store::Store;

/// The whole application: pages, API and feeds over `state`. Tests drive it
/// in-process with `tower::ServiceExt::oneshot`.
pub fn app(state: AppState) -> Router {
    Router::new()
        .route("/", get(pages::home))
        .route("/search", get(pages::search))
        .route("/films", get(pages::films))
        .route("/films/{id}", get(pages::film))
        .route("/reviews/{id}", get(pages::review))
        .route("/people/{id}", get(pages::person))
        .route("/critics", get(pages::critics))
        .route("/critics/{id}", get(pages::critic))
        .route("/venues", get(pages::venues))
        .route("/venues/{id}", get(pages::venue))
        .route("/events", get(pages::events))
        .route("/events.ics", get(feeds::ics))
        .route("/reviews.atom", get(feeds::atom))
        .route("/style.css", get(pages::stylesheet))
        .route("/api/openapi.json", get(api::openapi))
        .route("/api/search", get(api::search))
        .route("/api/films", get(api::films))
        .route("/api/films/{id}", get(api::film))
        .route("/api/reviews", get(api::reviews).post(api::post_review))
        .route("/api/reviews/{id}", get(api::review))
        .route("/api/people/{id}", get(api::person))
        .route("/api/critics", get(api::critics))
        .route("/api/critics/{id}", get(api::critic))
        .route("/api/venues", get(api::venues))
        .route("/api/venues/{id}", get(api::venue))
        .route("/api/events", get(api::events))
        .route("/api/{*rest}", get(api::not_found).post(api::not_found))
        .fallback(pages::not_found)
        .layer(axum::extract::DefaultBodyLimit::max(state::MAX_BODY_BYTES))
        .layer(axum::middleware::from_fn(edges::bounded_query))
        .layer(axum::middleware::map_response(edges::security_headers))
        .with_state(state)
}

/// How long a client may take to send a request's headers, and how long a
/// kept-alive connection may wait for its next request: hyper closes the
/// connection after this (both are its `header_read_timeout`).
pub const HEADER_READ_TIMEOUT: Duration = Duration::from_secs(10);
/// A connection on which no byte moves either way for this long is closed,
/// whatever state it is in (a client that stops reading a response, or
/// stalls in a body). Long enough for any handler (searches are bounded;
/// an ingest of a 4 MB page takes seconds).
pub const IDLE_TIMEOUT: Duration = Duration::from_secs(60);
/// How long a request body may take to arrive (`POST /api/reviews`).
pub const BODY_READ_TIMEOUT: Duration = Duration::from_secs(30);
/// Connections served at once; further ones wait in the kernel's backlog
/// until one closes, so that idle sockets cannot exhaust file descriptors.
pub const MAX_CONNECTIONS: usize = 1024;

/// Serves [`app`] on `addr` until Ctrl-C.
pub async fn serve(addr: SocketAddr, state: AppState) -> Result<()> {
    let listener = tokio::net::TcpListener::bind(addr).await.map_err(|source| Error::Bind { addr, source })?;
    serve_until_ctrl_c(listener, addr, state).await
}

/// Serves [`app`] on a socket the caller has already bound (so that it can
/// report a port in use before doing anything else) until Ctrl-C.
pub async fn serve_listener(listener: std::net::TcpListener, state: AppState) -> Result<()> {
    let addr = listener.local_addr().map_err(Error::Write)?;
    let bind = |source| Error::Bind { addr, source };
    listener.set_nonblocking(true).map_err(bind)?;
    let listener = tokio::net::TcpListener::from_std(listener).map_err(bind)?;
    serve_until_ctrl_c(listener, addr, state).await
}

async fn serve_until_ctrl_c(listener: tokio::net::TcpListener, addr: SocketAddr, state: AppState) -> Result<()> {
    tracing::info!(%addr, "serving");
    serve_on(listener, state, async {
        // If the signal handler cannot be installed the server simply
        // runs until killed.
        let _ = tokio::signal::ctrl_c().await;
    })
    .await;
    Ok(())
}

/// Serves [`app`] on `listener` until `shutdown` completes, then lets open
/// requests finish (for at most [`IDLE_TIMEOUT`]). Each connection is
/// HTTP/1.1 with [`HEADER_READ_TIMEOUT`] and [`IDLE_TIMEOUT`]; at most
/// [`MAX_CONNECTIONS`] are served at once.
///
/// Written over hyper rather than `axum::serve`, which sets no timer and so
/// no timeout: an idle connection would stay open for ever.
pub async fn serve_on(listener: tokio::net::TcpListener, state: AppState, shutdown: impl Future<Output = ()>) {
    let timeouts = state.config().timeouts;
    let service = hyper_util::service::TowerToHyperService::new(app(state));
    let graceful = hyper_util::server::graceful::GracefulShutdown::new();
    let slots = Arc::new(tokio::sync::Semaphore::new(MAX_CONNECTIONS));
    let mut shutdown = std::pin::pin!(shutdown);
    loop {
        let slot = tokio::select! {
            slot = slots.clone().acquire_owned() => slot,
            () = &mut shutdown => break,
        };
        // The semaphore is never closed, so this cannot fail.
        let Ok(slot) = slot else { break };
        let stream = tokio::select! {
            accepted = listener.accept() => accepted,
            () = &mut shutdown => break,
        };
        let stream = match stream {
            Ok((stream, _)) => stream,
            Err(error) => {
                // Out of file descriptors, or the peer gave up: wait a
                // little rather than spin.
                tracing::warn!(%error, "accepting a connection");
                tokio::time::sleep(Duration::from_millis(50)).await;
                continue;
            }
        };
        let (io, activity) = edges::Watched::new(stream);
        let mut builder = hyper::server::conn::http1::Builder::new();
        builder.timer(hyper_util::rt::TokioTimer::new()).header_read_timeout(timeouts.header_read);
        let conn = graceful.watch(builder.serve_connection(hyper_util::rt::TokioIo::new(io), service.clone()));
        let idle = timeouts.idle;
        tokio::spawn(async move {
            tokio::select! {
                result = conn => {
                    if let Err(error) = result {
                        tracing::debug!(%error, "connection ended");
                    }
                }
                () = activity.idle_for(idle) => tracing::debug!("idle connection closed"),
            }
            drop(slot);
        });
    }
    drop(listener);
    tokio::select! {
        () = graceful.shutdown() => {}
        () = tokio::time::sleep(timeouts.idle) => tracing::warn!("connections still open at shutdown"),
    }
}

/// The search that a query string of `GET /api/search` asks for (`q=...&page=2`,
/// without the `?`), parsed and bounded as the route does, or the error the
/// route answers with. The index checks the query text's own bounds when it
/// runs the search ([`marquee_index::limits`]). For tools and the fuzz
/// target; the server itself goes through the same code.
pub fn search_query(raw: &str) -> std::result::Result<marquee_index::SearchQuery, ApiError> {
    params::parse::<params::SearchParams>(raw)?.query(20)
}

/// Re-exported so that callers name the same types as [`AppState::new`].
pub type SharedIndex = std::sync::Arc<Index>;
/// A boxed store, as the pool holds them.
pub type BoxStore = Box<dyn Store>;
