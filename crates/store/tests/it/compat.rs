//! Migrations and format compatibility: a database written by this version
//! (committed under tests/data) must keep opening in later ones.

use std::path::Path;

use marquee_store::{
    ContentKind, DocumentInput, Error, FilmQuery, FilmSort, Ingest, SCHEMA_VERSION, SqliteStore,
    Store, synth,
};

use crate::{film, ingest, review};

const V1_DB: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/v1.db");

/// Writes the fixture database: 40 synthetic documents over 10 films.
fn write_v1(path: &Path) {
    let mut store = SqliteStore::open(path).unwrap();
    let docs: Vec<_> = (0..40).map(|i| synth::doc(i, 10)).collect();
    let batch: Vec<Ingest<'_>> = docs
        .iter()
        .map(|d| Ingest {
            doc: DocumentInput { source: &d.source, origin: &d.source, content: &d.content, kind: ContentKind::Text },
            extraction: &d.extraction,
        })
        .collect();
    for outcome in store.ingest_batch(&batch).unwrap() {
        outcome.unwrap();
    }
}

#[test]
fn v1_database_still_opens() {
    if !Path::new(V1_DB).exists() {
        write_v1(Path::new(V1_DB));
        eprintln!("wrote {V1_DB}: commit it");
    }
    let dir = tempfile::tempdir().unwrap();
    let copy = dir.path().join("v1.db");
    std::fs::copy(V1_DB, &copy).unwrap();
    let version: i64 = rusqlite::Connection::open(&copy)
        .unwrap()
        .pragma_query_value(None, "user_version", |row| row.get(0))
        .unwrap();
    assert_eq!(version, 1, "the fixture is a version 1 database");
    let mut store = SqliteStore::open(&copy).unwrap();
    assert_eq!(store.schema_version().unwrap(), SCHEMA_VERSION);
    assert_eq!(store.check_consistency().unwrap(), Vec::<String>::new());
    let counts = store.counts().unwrap();
    assert_eq!((counts.documents, counts.reviews, counts.films, counts.critics, counts.events), (40, 48, 10, 40, 7));
    let page = store.films(&FilmQuery { sort: FilmSort::Title, per_page: 100, ..FilmQuery::default() }).unwrap();
    assert_eq!(page.total, 10);
    assert_eq!(page.items[0].title, "The Synthetic Picture 0");
    assert_eq!(page.items.iter().map(|f| f.standing.reviews).sum::<u32>(), 48);
    let detail = store.film(page.items[0].id).unwrap().unwrap();
    assert_eq!(detail.credits.directors[0].name, "Director Number0");
    // Old documents are still recognised, and new ones go in.
    let old = synth::doc(7, 10);
    let input = DocumentInput { source: &old.source, origin: "", content: &old.content, kind: ContentKind::Text };
    assert!(!store.ingest(&input, &old.extraction).unwrap().is_inserted());
    assert!(ingest(&mut store, "new", vec![review(film("The Synthetic Picture 0", None, &[]), "Z", 1, &[])]).is_inserted());
    assert_eq!(store.counts().unwrap().films, 10);
}

#[test]
fn migrations_run_once_from_an_empty_file() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("new.db");
    {
        let mut store = SqliteStore::open(&path).unwrap();
        assert_eq!(store.schema_version().unwrap(), SCHEMA_VERSION);
        ingest(&mut store, "kept", vec![review(film("Kept", Some(2000), &[]), "C", 70, &[])]);
    }
    let store = SqliteStore::open(&path).unwrap();
    assert_eq!(store.schema_version().unwrap(), SCHEMA_VERSION);
    assert_eq!(store.counts().unwrap().reviews, 1);
    let reader = SqliteStore::open_read_only(&path).unwrap();
    assert_eq!(reader.counts().unwrap().films, 1);
    let journal: String = rusqlite::Connection::open(&path)
        .unwrap()
        .pragma_query_value(None, "journal_mode", |row| row.get(0))
        .unwrap();
    assert_eq!(journal, "wal");
}

#[test]
fn a_newer_schema_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("future.db");
    drop(SqliteStore::open(&path).unwrap());
    rusqlite::Connection::open(&path).unwrap().pragma_update(None, "user_version", SCHEMA_VERSION + 1).unwrap();
    let err = SqliteStore::open(&path).unwrap_err();
    assert!(matches!(err, Error::SchemaTooNew { found, .. } if found == SCHEMA_VERSION + 1), "{err}");
    assert!(matches!(SqliteStore::open_read_only(&path), Err(Error::SchemaTooNew { .. })));
}
