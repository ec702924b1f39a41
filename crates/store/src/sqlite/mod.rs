//! The SQLite back-end.

mod catalog;
mod doubt;
mod identity;
mod read;
mod write;

use std::ops::ControlFlow;
use std::path::Path;
use std::time::Duration;

use marquee_model::{CriticId, Extraction, FilmId, PersonId, ReviewId, VenueId};
use rusqlite::{Connection, OpenFlags};

use crate::api::*;
use crate::{Error, Result};

/// The migrations, in order: `MIGRATIONS[i]` takes the schema from version
/// `i` to `i + 1`. Never edit one that has shipped; add the next file.
const MIGRATIONS: &[&str] = &[
    include_str!("../../migrations/0001_init.sql"),
    include_str!("../../migrations/0002_critic_index.sql"),
    include_str!("../../migrations/0003_identity.sql"),
];

/// Prepared statements kept per connection: every query of the store, with
/// room for the filter combinations of the list queries.
const STATEMENT_CACHE: usize = 128;

/// The schema version this build writes (SQLite's `user_version`).
pub const SCHEMA_VERSION: i64 = MIGRATIONS.len() as i64;

/// The SQLite store: one connection to one database file.
pub struct SqliteStore {
    conn: Connection,
    /// Test hook: sleep this long after each document of a batch, inside
    /// its transaction, so that a test can kill the process mid-batch.
    slow_ingest: Option<Duration>,
}

impl std::fmt::Debug for SqliteStore {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SqliteStore").field("path", &self.conn.path()).finish_non_exhaustive()
    }
}

/// Turns on SQLite's query planner stability guarantee. Without it, a cached
/// statement whose plan may depend on a bound value (`LIMIT ?`, a bound
/// `LIKE` pattern) is compiled again every time it is reused, since rusqlite
/// clears the bindings of a statement it caches: that recompilation was a
/// third of the CPU time of rendering a film page. Our queries' plans do
/// not depend on the values bound.
fn stable_plans(conn: &Connection) -> Result<()> {
    conn.set_db_config(rusqlite::config::DbConfig::SQLITE_DBCONFIG_ENABLE_QPSG, true)?;
    Ok(())
}

impl SqliteStore {
    /// Opens (creating if needed) the database at `path`, in WAL mode with
    /// foreign keys on, and brings its schema up to [`SCHEMA_VERSION`].
    pub fn open(path: impl AsRef<Path>) -> Result<Self> {
        let conn = Connection::open(path)?;
        conn.busy_timeout(Duration::from_secs(10))?;
        // WAL: readers run beside the writer, and a crash leaves the last
        // committed state. synchronous=NORMAL keeps WAL crash-consistent
        // (a power cut may lose the last commits, never corrupt).
        conn.pragma_update(None, "journal_mode", "WAL")?;
        conn.pragma_update(None, "synchronous", "NORMAL")?;
        // A 32 MB page cache (the default is 2 MB): ingest touches the
        // name indexes of every table for every document.
        conn.pragma_update(None, "cache_size", -32_768)?;
        Self::setup(conn)
    }

    /// A private database in memory, for tests and one-off runs.
    pub fn open_in_memory() -> Result<Self> {
        Self::setup(Connection::open_in_memory()?)
    }

    /// Opens an existing database for reading only (a web server's worker).
    /// Fails if the schema is not the one this build knows: a writer must
    /// open it first to migrate it.
    pub fn open_read_only(path: impl AsRef<Path>) -> Result<Self> {
        let conn = Connection::open_with_flags(
            path,
            OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX,
        )?;
        conn.busy_timeout(Duration::from_secs(10))?;
        conn.set_prepared_statement_cache_capacity(STATEMENT_CACHE);
        stable_plans(&conn)?;
        let found: i64 = conn.pragma_query_value(None, "user_version", |row| row.get(0))?;
        if found != SCHEMA_VERSION {
            return Err(if found > SCHEMA_VERSION {
                Error::SchemaTooNew { found, supported: SCHEMA_VERSION }
            } else {
                Error::SchemaOutdated { found, supported: SCHEMA_VERSION }
            });
        }
        Ok(SqliteStore { conn, slow_ingest: None })
    }

    fn setup(mut conn: Connection) -> Result<Self> {
        conn.pragma_update(None, "foreign_keys", "ON")?;
        conn.set_prepared_statement_cache_capacity(STATEMENT_CACHE);
        stable_plans(&conn)?;
        migrate(&mut conn)?;
        Ok(SqliteStore { conn, slow_ingest: None })
    }

    /// The schema version of the open database.
    pub fn schema_version(&self) -> Result<i64> {
        Ok(self.conn.pragma_query_value(None, "user_version", |row| row.get(0))?)
    }

    /// Runs `PRAGMA integrity_check` and `PRAGMA foreign_key_check`, and
    /// checks that every document holds exactly the reviews its extraction
    /// had. Returns the problems found; empty means consistent.
    pub fn check_consistency(&self) -> Result<Vec<String>> {
        let mut problems = Vec::new();
        let mut stmt = self.conn.prepare("PRAGMA integrity_check")?;
        for row in stmt.query_map([], |row| row.get::<_, String>(0))? {
            let row = row?;
            if row != "ok" {
                problems.push(format!("integrity_check: {row}"));
            }
        }
        let mut stmt = self.conn.prepare("PRAGMA foreign_key_check")?;
        let mut rows = stmt.query([])?;
        while let Some(row) = rows.next()? {
            let table: String = row.get(0)?;
            problems.push(format!("foreign_key_check: dangling reference in {table}"));
        }
        let mut stmt = self.conn.prepare(
            "SELECT d.id, d.review_count, (SELECT count(*) FROM review r WHERE r.document_id = d.id)
             FROM document d
             WHERE d.review_count != (SELECT count(*) FROM review r WHERE r.document_id = d.id)",
        )?;
        let mut rows = stmt.query([])?;
        while let Some(row) = rows.next()? {
            let (id, want, have): (i64, i64, i64) = (row.get(0)?, row.get(1)?, row.get(2)?);
            problems.push(format!("document {id}: {have} reviews stored of {want}"));
        }
        let stale: i64 = self.conn.query_row(
            "SELECT count(*) FROM film_stats s
             WHERE s.reviews != (SELECT count(*) FROM review r WHERE r.film_id = s.film_id)",
            [],
            |row| row.get(0),
        )?;
        if stale > 0 {
            problems.push(format!("{stale} films' tallies disagree with their reviews"));
        }
        Ok(problems)
    }

    /// Test hook: sleep `delay` after each document of
    /// [`Store::ingest_batch`], inside the batch's transaction, so a crash
    /// test can kill the process in the middle of a transaction.
    #[doc(hidden)]
    pub fn set_slow_ingest_for_tests(&mut self, delay: Option<Duration>) {
        self.slow_ingest = delay;
    }
}

fn migrate(conn: &mut Connection) -> Result<()> {
    let tx = conn.transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
    let found: i64 = tx.pragma_query_value(None, "user_version", |row| row.get(0))?;
    if found > SCHEMA_VERSION {
        return Err(Error::SchemaTooNew { found, supported: SCHEMA_VERSION });
    }
    for (index, sql) in MIGRATIONS.iter().enumerate().skip(usize::try_from(found).unwrap_or(0)) {
        tx.execute_batch(sql)?;
        // user_version lives in the file header and is written inside the
        // transaction, so a migration and its version land together.
        tx.pragma_update(None, "user_version", index as i64 + 1)?;
    }
    tx.commit()?;
    Ok(())
}

impl SqliteStore {
    /// Runs `f` in an immediate transaction, then resolution; commits both.
    fn correct(&mut self, f: impl FnOnce(&Connection, &str) -> Result<()>) -> Result<Resolution> {
        let tx = self.conn.transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
        f(&tx, &write::now())?;
        let resolution = identity::resolve(&tx, false)?;
        tx.commit()?;
        Ok(resolution)
    }
}

impl SqliteStore {
    /// Every title key some film is known by: a catalogue reader keeps only
    /// rows with one of these.
    pub fn catalog_keys(&self) -> Result<std::collections::HashSet<String>> {
        catalog::wanted_keys(&self.conn)
    }

    /// Stores catalogue entries and links every film whose title, year and
    /// directors agree with exactly one of them: the film takes the entry's
    /// IMDb id, title, year and alternative titles.
    pub fn import_catalog(&mut self, entries: &[CatalogEntry]) -> Result<CatalogReport> {
        let tx = self.conn.transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
        let report = catalog::import(&tx, entries)?;
        tx.commit()?;
        Ok(report)
    }
}

fn idents_or_refuse(conn: &Connection, film: FilmId) -> Result<Vec<String>> {
    let idents = identity::film_idents(conn, film)?;
    if idents.is_empty() {
        return Err(Error::Correction(format!("there is no film {}", film.0)));
    }
    Ok(idents)
}

fn review_ident(conn: &Connection, review: ReviewId) -> Result<(String, FilmId)> {
    use rusqlite::OptionalExtension;
    conn.query_row("SELECT ident, film_id FROM review WHERE id = ?1", [review.0], |r| Ok((r.get(0)?, FilmId(r.get(1)?))))
        .optional()?
        .ok_or_else(|| Error::Correction(format!("there is no review {}", review.0)))
}

fn critic_keys_or_refuse(conn: &Connection, critic: CriticId) -> Result<Vec<String>> {
    let keys = identity::critic_keys(conn, critic)?;
    if keys.is_empty() {
        return Err(Error::Correction(format!("there is no critic {}", critic.0)));
    }
    Ok(keys)
}

impl Store for SqliteStore {
    fn resolve(&mut self) -> Result<Resolution> {
        let tx = self.conn.transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
        let resolution = identity::resolve(&tx, false)?;
        tx.commit()?;
        Ok(resolution)
    }

    fn resolve_all(&mut self) -> Result<Resolution> {
        let tx = self.conn.transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
        let resolution = identity::resolve(&tx, true)?;
        tx.commit()?;
        Ok(resolution)
    }

    fn merge_films(&mut self, into: FilmId, from: FilmId) -> Result<Resolution> {
        self.correct(|conn, now| {
            let a = idents_or_refuse(conn, into)?;
            let b = idents_or_refuse(conn, from)?;
            if into == from {
                return Ok(());
            }
            // Earlier "apart" words between the two films give way.
            for x in &a {
                for y in &b {
                    identity::undecide(conn, "film", x, y)?;
                }
            }
            for r in a.iter().skip(1).chain(&b) {
                identity::decide(conn, "film", true, &a[0], r, now)?;
            }
            let mut all = a;
            all.extend(b);
            identity::mark_pending(conn, &all)
        })
    }

    fn split_film(&mut self, film: FilmId, reviews: &[ReviewId]) -> Result<Resolution> {
        self.correct(|conn, now| {
            let all = idents_or_refuse(conn, film)?;
            let mut split = Vec::new();
            for &r in reviews {
                let (ident, of) = review_ident(conn, r)?;
                if of != film {
                    return Err(Error::Correction(format!("review {} is not of film {}", r.0, film.0)));
                }
                split.push(ident);
            }
            let rest: Vec<&String> = all.iter().filter(|i| !split.contains(i)).collect();
            if split.is_empty() || rest.is_empty() {
                return Err(Error::Correction(format!("a split of film {} must leave reviews on both sides", film.0)));
            }
            for s in &split {
                for t in &rest {
                    identity::decide(conn, "film", false, s, t, now)?;
                }
            }
            for s in split.iter().skip(1) {
                identity::decide(conn, "film", true, &split[0], s, now)?;
            }
            identity::mark_pending(conn, &all)
        })
    }

    fn move_review(&mut self, review: ReviewId, to: FilmId) -> Result<Resolution> {
        self.correct(|conn, now| {
            let (ident, from) = review_ident(conn, review)?;
            let target = idents_or_refuse(conn, to)?;
            if from == to {
                return Ok(());
            }
            let old = identity::film_idents(conn, from)?;
            identity::forget_same(conn, "film", &ident, now)?;
            for t in old.iter().filter(|t| **t != ident) {
                identity::decide(conn, "film", false, &ident, t, now)?;
            }
            for t in &target {
                identity::undecide(conn, "film", &ident, t)?;
            }
            identity::decide(conn, "film", true, &target[0], &ident, now)?;
            let mut all = old;
            all.extend(target);
            identity::mark_pending(conn, &all)
        })
    }

    fn merge_critics(&mut self, into: CriticId, from: CriticId) -> Result<Resolution> {
        self.correct(|conn, now| {
            let a = critic_keys_or_refuse(conn, into)?;
            let b = critic_keys_or_refuse(conn, from)?;
            for x in &a {
                for y in &b {
                    identity::undecide(conn, "critic", x, y)?;
                }
            }
            for k in a.iter().skip(1).chain(&b) {
                identity::decide(conn, "critic", true, &a[0], k, now)?;
            }
            Ok(())
        })
    }

    fn split_critic(&mut self, critic: CriticId, names: &[String]) -> Result<Resolution> {
        self.correct(|conn, now| {
            let keys = critic_keys_or_refuse(conn, critic)?;
            let mut split = Vec::new();
            for name in names {
                let key = identity::byline_key(name);
                if !keys.contains(&key) {
                    return Err(Error::Correction(format!("critic {} does not sign as {name:?}", critic.0)));
                }
                split.push(key);
            }
            let rest: Vec<&String> = keys.iter().filter(|k| !split.contains(k)).collect();
            if split.is_empty() || rest.is_empty() {
                return Err(Error::Correction(format!("a split of critic {} must leave bylines on both sides", critic.0)));
            }
            for s in &split {
                for t in &rest {
                    identity::decide(conn, "critic", false, s, t, now)?;
                }
            }
            for s in split.iter().skip(1) {
                identity::decide(conn, "critic", true, &split[0], s, now)?;
            }
            Ok(())
        })
    }

    fn doubtful(&self, limit: u32) -> Result<Doubts> {
        doubt::doubtful(&self.conn, limit)
    }

    fn ingest(&mut self, doc: &DocumentInput<'_>, extraction: &Extraction) -> Result<IngestOutcome> {
        let tx = self.conn.transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
        let outcome = write::ingest_one(&tx, doc, extraction, &write::now())?;
        let outcome = write::resolved(&tx, outcome)?;
        tx.commit()?;
        Ok(outcome)
    }

    fn ingest_batch(&mut self, batch: &[Ingest<'_>]) -> Result<Vec<Result<IngestOutcome>>> {
        let now = write::now();
        let mut tx = self.conn.transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
        let mut outcomes = Vec::with_capacity(batch.len());
        for item in batch {
            let savepoint = tx.savepoint()?;
            match write::ingest_one(&savepoint, &item.doc, item.extraction, &now) {
                Ok(outcome) => {
                    savepoint.commit()?;
                    outcomes.push(Ok(outcome));
                }
                // Dropping the savepoint rolls this document back alone.
                Err(err) => outcomes.push(Err(err)),
            }
            if let Some(delay) = self.slow_ingest {
                std::thread::sleep(delay);
            }
        }
        tx.commit()?;
        Ok(outcomes)
    }

    fn replace(&mut self, doc: &DocumentInput<'_>, extraction: &Extraction) -> Result<IngestOutcome> {
        let tx = self.conn.transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
        write::delete_document(&tx, doc.content)?;
        let outcome = write::ingest_one(&tx, doc, extraction, &write::now())?;
        let outcome = write::resolved(&tx, outcome)?;
        tx.commit()?;
        Ok(outcome)
    }

    fn counts(&self) -> Result<Counts> {
        read::counts(&self.conn)
    }

    fn films(&self, query: &FilmQuery) -> Result<Page<FilmSummary>> {
        read::films(&self.conn, query)
    }

    fn film(&self, id: FilmId) -> Result<Option<FilmDetail>> {
        read::film(&self.conn, id)
    }

    fn find_films(&self, query: &str, limit: u32) -> Result<Vec<FilmSummary>> {
        read::find_films(&self.conn, query, limit)
    }

    fn best_films(&self, n: u32) -> Result<Vec<FilmSummary>> {
        read::best_films(&self.conn, n)
    }

    fn review(&self, id: ReviewId) -> Result<Option<ReviewDetail>> {
        read::review(&self.conn, id)
    }

    fn reviews(&self, query: &ReviewQuery) -> Result<Page<ReviewSummary>> {
        read::reviews(&self.conn, query)
    }

    fn recent_reviews(&self, n: u32) -> Result<Vec<ReviewSummary>> {
        read::recent_reviews(&self.conn, n)
    }

    fn person(&self, id: PersonId) -> Result<Option<PersonDetail>> {
        read::person(&self.conn, id)
    }

    fn find_people(&self, query: &str, limit: u32) -> Result<Vec<PersonRef>> {
        read::find_people(&self.conn, query, limit)
    }

    fn critics(&self) -> Result<Vec<CriticSummary>> {
        read::critics(&self.conn)
    }

    fn critic(&self, id: CriticId) -> Result<Option<CriticDetail>> {
        read::critic(&self.conn, id)
    }

    fn venues(&self) -> Result<Vec<VenueSummary>> {
        read::venues(&self.conn)
    }

    fn venue(&self, id: VenueId) -> Result<Option<VenueDetail>> {
        read::venue(&self.conn, id)
    }

    fn events(&self, query: &EventQuery) -> Result<Vec<EventView>> {
        read::events(&self.conn, query)
    }

    fn for_each_review_for_index(
        &self,
        after: Option<ReviewId>,
        f: &mut dyn FnMut(IndexReview) -> ControlFlow<()>,
    ) -> Result<()> {
        read::for_each_review_for_index(&self.conn, after, f)
    }

    fn for_each_film_export(&self, f: &mut dyn FnMut(FilmExport) -> ControlFlow<()>) -> Result<()> {
        read::for_each_film_export(&self.conn, f)
    }

    fn for_each_review_export(
        &self,
        f: &mut dyn FnMut(ReviewExport) -> ControlFlow<()>,
    ) -> Result<()> {
        read::for_each_review_export(&self.conn, f)
    }
}
