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
mod error;
pub mod export;
mod feeds;
mod jsonld;
mod pages;
mod state;

pub use api::ApiDoc;
pub use error::{ApiError, Error, Result};
pub use state::{AppState, Config, IngestBody, IngestError, Ingester, OpenStore};

use std::net::SocketAddr;

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
        .with_state(state)
}

/// Serves [`app`] on `addr` until Ctrl-C.
pub async fn serve(addr: SocketAddr, state: AppState) -> Result<()> {
    let listener = tokio::net::TcpListener::bind(addr).await.map_err(|source| Error::Bind { addr, source })?;
    tracing::info!(%addr, "serving");
    axum::serve(listener, app(state))
        .with_graceful_shutdown(async {
            // If the signal handler cannot be installed the server simply
            // runs until killed.
            let _ = tokio::signal::ctrl_c().await;
        })
        .await
        .map_err(|source| Error::Bind { addr, source })
}

/// Re-exported so that callers name the same types as [`AppState::new`].
pub type SharedIndex = std::sync::Arc<Index>;
/// A boxed store, as the pool holds them.
pub type BoxStore = Box<dyn Store>;
