//! marquee-store: the database of documents, reviews, films, people, critics,
//! venues and events, behind the [`Store`] trait.
//!
//! It owns the schema (numbered SQL files in `migrations/`, applied in order
//! on open and recorded in SQLite's `user_version`), the rules that decide
//! when two reviews are of the same film or two credits the same person
//! ([`normalize`] and the film identity rules below), and the read queries
//! that the CLI, the search index and the web server run: film lists and
//! pages with each film's [`standing`], people, critics with their
//! generosity, venues, events, and iterators for indexing and export.
//!
//! It does not extract, judge or index: it stores what it is given. It
//! depends only on `model`.
//!
//! # Writing
//!
//! [`Store::ingest`] stores one document with everything extracted from it
//! in one transaction; [`Store::ingest_batch`] stores many per transaction,
//! each under its own savepoint. A document's identity is the SHA-256 of its
//! raw content: the same content again is [`IngestOutcome::Unchanged`].
//! The database runs in WAL mode with foreign keys on, so a crash or a
//! `kill -9` at any point leaves whole documents or none, and running the
//! same ingest again completes it without duplicates.
//!
//! # Film and person identity
//!
//! A person is their [`normalize::name_key`]: "J. R. R. Tolkien" and
//! "J.R.R. Tolkien" are one person. A film is its [`normalize::title_key`]
//! plus evidence that the films are the same:
//!
//! - both sides know the year: same film iff the years are equal (a remake
//!   of the same title in another year is another film);
//! - both sides know directors and the years do not settle it: same film iff
//!   they share a director;
//! - one side knows neither year nor director: it joins the same-titled film
//!   with the most reviews, since it carries nothing to tell them apart and
//!   splitting would leave every bare capsule a film of its own;
//! - otherwise (for example a year on one side and only directors on the
//!   other) the films are kept apart.
//!
//! A film takes the first non-empty value of each field (year, runtime,
//! certificate, distributor, genres) from its reviews in ingest order.
//!
//! # Reading
//!
//! Reads return plain `Serialize` structs ([`FilmSummary`], [`FilmDetail`],
//! [`ReviewSummary`], [`PersonDetail`], [`CriticSummary`], [`VenueDetail`],
//! [`EventView`], ...). A web server opens one [`SqliteStore`] per worker
//! (WAL lets readers run beside a writer), with
//! [`SqliteStore::open_read_only`] where it only reads.
//!
//! ```
//! use marquee_model::{Extraction, Film, Review};
//! use marquee_store::{ContentKind, DocumentInput, FilmQuery, SqliteStore, Store};
//!
//! let mut store = SqliteStore::open_in_memory()?;
//! let doc = DocumentInput { source: "a.txt", origin: "/tmp/a.txt",
//!                           content: "A review of Her Smell.", kind: ContentKind::Text };
//! let extraction = Extraction { source: "a.txt".into(),
//!                               reviews: vec![Review::new(Film::titled("Her Smell"))],
//!                               ..Extraction::default() };
//! assert!(store.ingest(&doc, &extraction)?.is_inserted());
//! assert!(!store.ingest(&doc, &extraction)?.is_inserted()); // same content: unchanged
//! let page = store.films(&FilmQuery::default())?;
//! assert_eq!(page.items[0].title, "Her Smell");
//! # Ok::<(), marquee_store::Error>(())
//! ```
#![warn(missing_docs)]

mod api;
mod error;
pub mod normalize;
mod sqlite;
pub mod standing;
pub mod synth;

pub use api::*;
pub use error::{Error, Result};
pub use sqlite::{SqliteStore, SCHEMA_VERSION};
