//! The index's one error type.

use std::path::PathBuf;

/// What can go wrong while indexing or searching.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// The user's query could not be parsed (a fault of the caller's input).
    #[error("cannot parse the query: {0}")]
    Query(String),
    /// The query or its page is over one of the bounds in
    /// [`limits`](crate::limits) (a fault of the caller's input); the
    /// message names the bound.
    #[error("{0}")]
    Limit(String),
    /// The index on disk was written with a different schema; rebuild it.
    #[error("the index at {path} has another schema ({message}); run `marquee reindex`")]
    SchemaMismatch {
        /// The index directory.
        path: PathBuf,
        /// tantivy's explanation.
        message: String,
    },
    /// The index directory could not be created or read.
    #[error("cannot use the index directory {path}: {source}")]
    Io {
        /// The index directory.
        path: PathBuf,
        /// The underlying error.
        source: std::io::Error,
    },
    /// The writer could not be opened (normally: another process holds it).
    #[error("the index writer is not available")]
    WriterUnavailable,
    /// Reading documents from the store failed.
    #[error("reading the store: {0}")]
    Store(String),
    /// Any other tantivy failure.
    #[error(transparent)]
    Tantivy(#[from] tantivy::TantivyError),
}

impl Error {
    /// Whether the caller caused this error (a bad query) rather than us.
    pub fn is_user_error(&self) -> bool {
        matches!(self, Error::Query(_) | Error::Limit(_))
    }
}

/// `Result` with this crate's [`Error`].
pub type Result<T> = std::result::Result<T, Error>;
