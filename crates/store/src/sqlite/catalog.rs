//! Linking films to a film catalogue (IMDb's non-commercial dataset, read
//! by the caller): a film links to an entry when a title it is known by,
//! its year and its directors agree with the entry's, and then takes the
//! entry's canonical title, year and alternative titles.

use std::collections::{HashMap, HashSet};

use rusqlite::{Connection, params};

use crate::api::{CatalogEntry, CatalogReport};
use crate::normalize::{name_key, title_key};
use crate::Result;

/// Every title key the films are known by: the caller keeps only catalogue
/// rows with one of these.
pub(super) fn wanted_keys(conn: &Connection) -> Result<HashSet<String>> {
    let mut stmt = conn.prepare("SELECT DISTINCT title_key FROM film_title")?;
    let keys = stmt.query_map([], |r| r.get(0))?.collect::<rusqlite::Result<HashSet<String>>>()?;
    Ok(keys)
}

pub(super) fn import(conn: &Connection, entries: &[CatalogEntry]) -> Result<CatalogReport> {
    let mut by_key: HashMap<String, Vec<usize>> = HashMap::new();
    for (i, e) in entries.iter().enumerate() {
        conn.prepare_cached(
            "INSERT OR REPLACE INTO catalog_title (tconst, title, original, year, runtime, genres, directors)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
        )?
        .execute(params![
            e.tconst,
            e.title,
            e.original,
            e.year,
            e.runtime_minutes,
            serde_json::to_string(&e.genres).unwrap_or_default(),
            serde_json::to_string(&e.directors.iter().map(|d| name_key(d)).collect::<Vec<_>>()).unwrap_or_default(),
        ])?;
        let mut keys: Vec<String> = std::iter::once(&e.title).chain(&e.original).chain(&e.akas).map(|t| title_key(t)).collect();
        keys.sort();
        keys.dedup();
        for key in keys.into_iter().filter(|k| !k.is_empty()) {
            by_key.entry(key).or_default().push(i);
        }
        for t in std::iter::once(&e.title).chain(&e.original).chain(&e.akas) {
            let key = title_key(t);
            if !key.is_empty() {
                conn.prepare_cached("INSERT OR IGNORE INTO catalog_aka (title_key, tconst, title) VALUES (?1, ?2, ?3)")?
                    .execute(params![key, e.tconst, t])?;
            }
        }
    }

    // Films with their titles, year and directors.
    let mut films: Vec<(i64, Option<i32>, Vec<String>, Vec<String>)> = Vec::new();
    {
        let mut stmt = conn.prepare(
            "SELECT f.id, f.year,
                    (SELECT group_concat(title_key, '|') FROM film_title t WHERE t.film_id = f.id),
                    (SELECT group_concat(DISTINCT p.name_key) FROM review r JOIN credit c ON c.review_id = r.id
                         AND c.role = 'director' JOIN person p ON p.id = c.person_id WHERE r.film_id = f.id)
             FROM film f WHERE f.title_key != ''",
        )?;
        let mut q = stmt.query([])?;
        while let Some(r) = q.next()? {
            let keys: Option<String> = r.get(2)?;
            let directors: Option<String> = r.get(3)?;
            films.push((
                r.get(0)?,
                r.get(1)?,
                keys.unwrap_or_default().split('|').filter(|k| !k.is_empty()).map(str::to_owned).collect(),
                directors.unwrap_or_default().split(',').filter(|k| !k.is_empty()).map(str::to_owned).collect(),
            ));
        }
    }
    let mut linked = 0;
    for (film, year, keys, directors) in &films {
        let mut candidates: Vec<usize> = keys.iter().filter_map(|k| by_key.get(k)).flatten().copied().collect();
        candidates.sort_unstable();
        candidates.dedup();
        // Title, year and director must agree; an entry without crew (no
        // title.crew given) needs the year alone to single it out.
        let agree: Vec<usize> = candidates
            .into_iter()
            .filter(|&i| {
                let e = &entries[i];
                let year_ok = matches!((year, e.year), (Some(a), Some(b)) if *a == b);
                let entry_directors: Vec<String> = e.directors.iter().map(|d| name_key(d)).collect();
                let directors_ok = if entry_directors.is_empty() || directors.is_empty() {
                    !e.crew_known || directors.is_empty()
                } else {
                    directors.iter().any(|d| entry_directors.iter().any(|x| marquee_resolve::film::same_person(d, x)))
                };
                year_ok && directors_ok
            })
            .collect();
        let [only] = agree.as_slice() else { continue };
        let e = &entries[*only];
        conn.prepare_cached("UPDATE film SET imdb_id = ?2, title = ?3, title_key = ?4, year = ?5 WHERE id = ?1")?
            .execute(params![film, e.tconst, e.title, title_key(&e.title), e.year])?;
        if let Some(rt) = e.runtime_minutes {
            conn.prepare_cached("UPDATE film SET runtime_minutes = coalesce(runtime_minutes, ?2) WHERE id = ?1")?
                .execute(params![film, rt])?;
        }
        for t in std::iter::once(&e.title).chain(&e.original).chain(&e.akas) {
            let key = title_key(t);
            if !key.is_empty() {
                conn.prepare_cached(
                    "INSERT OR IGNORE INTO film_title (film_id, title_key, title, reviews, source) VALUES (?1, ?2, ?3, 0, 'catalog')",
                )?
                .execute(params![film, key, t])?;
            }
        }
        linked += 1;
    }
    Ok(CatalogReport { entries: entries.len() as u64, films: films.len() as u64, linked })
}
