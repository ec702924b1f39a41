//! marquee-index owns the full-text search over reviews, films, people and
//! critics: the tantivy schema, turning stored records into index documents,
//! query parsing (fields, phrases, typo tolerance), facets and highlighted
//! snippets.
//!
//! The index is *derived* data: the database is the source of truth, and
//! [`Index::rebuild`] recreates the whole index from a store at any time
//! (`marquee reindex`). Ingest keeps it current with [`Index::update`], which
//! re-indexes only the records an ingest touched. This
//! crate does no HTML rendering and no HTTP: snippets come back as text plus
//! highlighted byte ranges, and [`Snippet::to_html`] escapes them.
//!
//! ```
//! use marquee_index::{DocKind, Index, IndexDoc, SearchQuery};
//! let index = Index::create_in_ram().unwrap();
//! let mut doc = IndexDoc::new(DocKind::Film, 7, "Her Smell");
//! doc.directors.push("Alex Ross Perry".into());
//! index.add(&[doc]).unwrap();
//! let results = index.search(&SearchQuery::new("director:perry")).unwrap();
//! assert_eq!(results.hits[0].id, 7);
//! ```
#![warn(missing_docs)]

mod error;
pub mod limits;
mod query;
mod schema;
mod snippet;
mod source;

pub use error::{Error, Result};
pub use limits::{MAX_FUZZY_TERMS, MAX_QUERY_BYTES, MAX_QUERY_NESTING, MAX_QUERY_TERMS, MAX_RESULT_WINDOW};
pub use query::{Facets, Hit, SearchQuery, SearchResults, Snippet};
pub use schema::{DocKind, IndexDoc, decade_of};
pub use source::{critic_doc, docs_for_changes, docs_from_store, film_doc, person_doc, review_doc, review_docs};

use std::path::Path;
use std::sync::Mutex;

use tantivy::{IndexReader, IndexWriter, ReloadPolicy, Term};

use crate::schema::Fields;

/// Memory budget of the single index writer. tantivy splits it among its
/// indexing threads; 64 MB keeps a full rebuild of the ramr corpus to a few
/// segments without crowding a small machine.
const WRITER_HEAP_BYTES: usize = 64_000_000;

/// A tantivy index of marquee's records, with its reader and (lazily) its
/// writer. Cheap to share behind an `Arc`: searching takes `&self`.
pub struct Index {
    index: tantivy::Index,
    reader: IndexReader,
    fields: Fields,
    /// tantivy allows one writer per index; it is opened on the first write
    /// so that read-only users (`marquee search`) never take the lock.
    writer: Mutex<Option<IndexWriter>>,
}

impl std::fmt::Debug for Index {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Index").field("docs", &self.num_docs()).finish()
    }
}

impl Index {
    /// Opens the index in `dir`, creating the directory and an empty index
    /// when there is none. An index written with another schema version is
    /// reported as [`Error::SchemaMismatch`]; rebuild it.
    pub fn open_or_create(dir: &Path) -> Result<Index> {
        std::fs::create_dir_all(dir).map_err(|source| Error::Io { path: dir.to_owned(), source })?;
        let (schema, fields) = schema::build();
        let mmap = tantivy::directory::MmapDirectory::open(dir)
            .map_err(|e| Error::Tantivy(e.into()))?;
        let index = match tantivy::Index::open_or_create(mmap, schema) {
            Ok(index) => index,
            Err(tantivy::TantivyError::SchemaError(message)) => {
                return Err(Error::SchemaMismatch { path: dir.to_owned(), message });
            }
            Err(e) => return Err(e.into()),
        };
        Index::from_tantivy(index, fields)
    }

    /// An empty index in memory, for tests and one-off runs.
    pub fn create_in_ram() -> Result<Index> {
        let (schema, fields) = schema::build();
        Index::from_tantivy(tantivy::Index::create_in_ram(schema), fields)
    }

    fn from_tantivy(index: tantivy::Index, fields: Fields) -> Result<Index> {
        schema::register_tokenizers(&index);
        let reader = index.reader_builder().reload_policy(ReloadPolicy::Manual).try_into()?;
        Ok(Index { index, reader, fields, writer: Mutex::new(None) })
    }

    /// The number of documents searchable now.
    pub fn num_docs(&self) -> u64 {
        self.reader.searcher().num_docs()
    }

    fn with_writer<T>(&self, f: impl FnOnce(&mut IndexWriter) -> Result<T>) -> Result<T> {
        // A poisoned lock means a previous write panicked half-way; the
        // writer itself rolls back uncommitted work, so it is safe to reuse.
        let mut guard = self.writer.lock().unwrap_or_else(|e| e.into_inner());
        if guard.is_none() {
            *guard = Some(self.index.writer(WRITER_HEAP_BYTES)?);
        }
        let writer = guard.as_mut().ok_or(Error::WriterUnavailable)?;
        let out = f(writer)?;
        writer.commit()?;
        self.reader.reload()?;
        Ok(out)
    }

    /// Adds or replaces documents (matched by kind and id) and makes them
    /// searchable before returning.
    pub fn add(&self, docs: &[IndexDoc]) -> Result<()> {
        self.with_writer(|writer| {
            for doc in docs {
                writer.delete_term(Term::from_field_text(self.fields.key, &doc.key()));
                writer.add_document(schema::to_tantivy(&self.fields, doc))?;
            }
            Ok(())
        })
    }

    /// Removes the document of `kind` with `id`, if indexed.
    pub fn remove(&self, kind: DocKind, id: i64) -> Result<()> {
        self.with_writer(|writer| {
            writer.delete_term(Term::from_field_text(self.fields.key, &schema::key(kind, id)));
            Ok(())
        })
    }

    /// Replaces the whole index with `docs`; returns how many were indexed.
    pub fn rebuild_from(&self, docs: impl IntoIterator<Item = IndexDoc>) -> Result<u64> {
        self.with_writer(|writer| {
            writer.delete_all_documents()?;
            let mut n = 0;
            for doc in docs {
                writer.add_document(schema::to_tantivy(&self.fields, &doc))?;
                n += 1;
            }
            Ok(n)
        })
    }

    /// Replaces the whole index with what `store` holds; returns how many
    /// documents were indexed.
    pub fn rebuild(&self, store: &dyn marquee_store::Store) -> Result<u64> {
        self.rebuild_from(docs_from_store(store)?)
    }

    /// Brings the index up to date after `reviews` (of `films`) were
    /// stored: re-indexes those reviews, their films, the people credited on
    /// the films and the reviews' critics (see [`docs_for_changes`]); returns
    /// how many documents were written. The rest of the index is untouched.
    pub fn update(
        &self,
        store: &dyn marquee_store::Store,
        reviews: &[marquee_model::ReviewId],
        films: &[marquee_model::FilmId],
    ) -> Result<u64> {
        let docs = docs_for_changes(store, reviews, films)?;
        self.add(&docs)?;
        Ok(docs.len() as u64)
    }

    /// [`Index::update`] for `reviews` (of `films`), and then what
    /// `resolution` changed: reviews that moved to another film and the
    /// films they left or joined are re-indexed, films merged away and
    /// critics that no longer exist are removed, and critics whose bylines
    /// changed are re-indexed. Returns how many documents were written.
    pub fn update_resolved(
        &self,
        store: &dyn marquee_store::Store,
        reviews: &[marquee_model::ReviewId],
        films: &[marquee_model::FilmId],
        resolution: &marquee_store::Resolution,
    ) -> Result<u64> {
        let mut reviews = reviews.to_vec();
        let mut films = films.to_vec();
        for (review, film) in &resolution.moved {
            reviews.push(*review);
            films.push(*film);
        }
        films.extend(&resolution.changed);
        films.retain(|f| !resolution.removed.contains(f));
        let mut docs = docs_for_changes(store, &reviews, &films)?;
        let mut gone = Vec::new();
        for &critic in &resolution.critics {
            match store.critic(critic).map_err(|e| Error::Store(e.to_string()))? {
                Some(detail) => docs.push(source::critic_doc(&detail.summary)),
                None => gone.push(critic),
            }
        }
        let written = docs.len() as u64;
        self.with_writer(|writer| {
            for doc in &docs {
                writer.delete_term(Term::from_field_text(self.fields.key, &doc.key()));
                writer.add_document(schema::to_tantivy(&self.fields, doc))?;
            }
            for film in &resolution.removed {
                writer.delete_term(Term::from_field_text(self.fields.key, &schema::key(DocKind::Film, film.0)));
            }
            for critic in &gone {
                writer.delete_term(Term::from_field_text(self.fields.key, &schema::key(DocKind::Critic, critic.0)));
            }
            Ok(())
        })?;
        Ok(written)
    }

    /// Runs a search; see [`SearchQuery`] for the query language.
    pub fn search(&self, query: &SearchQuery) -> Result<SearchResults> {
        query::run(&self.index, &self.reader.searcher(), &self.fields, query)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn replaces_documents_with_the_same_key() {
        let index = Index::create_in_ram().unwrap();
        index.add(&[IndexDoc::new(DocKind::Film, 1, "Old Title")]).unwrap();
        index.add(&[IndexDoc::new(DocKind::Film, 1, "New Title")]).unwrap();
        assert_eq!(index.num_docs(), 1);
        let results = index.search(&SearchQuery::new("new")).unwrap();
        assert_eq!(results.hits[0].title, "New Title");
        index.remove(DocKind::Film, 1).unwrap();
        assert_eq!(index.num_docs(), 0);
    }
}
