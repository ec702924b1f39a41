//! The store's one error type.

/// What can go wrong in the store. Faults the caller caused (a bad query, a
/// database from a newer marquee) are split from faults of the store itself
/// (SQLite, stored data that no longer parses).
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// The query asked for something out of range (page 0, too many rows).
    #[error("invalid query: {0}")]
    InvalidQuery(String),
    /// A curator's correction names something that is not there, or asks
    /// for what cannot be (splitting a film into itself).
    #[error("correction refused: {0}")]
    Correction(String),
    /// The database was written by a newer marquee, with a schema this one
    /// does not know.
    #[error("the database has schema version {found}, newer than this marquee's {supported}: upgrade marquee")]
    SchemaTooNew {
        /// The version in the file.
        found: i64,
        /// The newest version this build knows.
        supported: i64,
    },
    /// The database has an older schema and was opened read-only, so it
    /// cannot be migrated: open it once for writing first.
    #[error("the database has schema version {found}, older than this marquee's {supported}: open it for writing once to migrate it")]
    SchemaOutdated {
        /// The version in the file.
        found: i64,
        /// The version this build needs.
        supported: i64,
    },
    /// An SQLite error: the file, the disk, a constraint.
    #[error("database: {0}")]
    Sqlite(#[from] rusqlite::Error),
    /// A value stored as JSON no longer parses: the database was edited by
    /// hand or is corrupt.
    #[error("stored data does not parse: {0}")]
    Corrupt(String),
}

/// The store's result type.
pub type Result<T> = std::result::Result<T, Error>;
