//! Storing a document and everything extracted from it.

use marquee_model::{DocumentId, Extraction, Film, FilmId, ReviewId};
use rusqlite::{Connection, OptionalExtension, params};
use sha2::{Digest, Sha256};

use crate::api::{ContentKind, DocumentInput, IngestOutcome, Resolution};
use crate::normalize::{name_key, title_key};
use crate::{Error, Result};

/// Now, RFC 3339 UTC to the second.
pub(super) fn now() -> String {
    chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Secs, true)
}

/// The document's identity: the SHA-256 of its raw content, in hex.
pub(super) fn content_hash(content: &str) -> String {
    hex::encode(Sha256::digest(content.as_bytes()))
}

fn json<T: serde::Serialize + ?Sized>(value: &T) -> Result<String> {
    serde_json::to_string(value).map_err(|err| Error::Corrupt(err.to_string()))
}

/// Stores one document inside the caller's transaction or savepoint.
pub(super) fn ingest_one(
    conn: &Connection,
    doc: &DocumentInput<'_>,
    extraction: &Extraction,
    now: &str,
) -> Result<IngestOutcome> {
    let hash = content_hash(doc.content);
    let existing: Option<i64> = conn
        .prepare_cached("SELECT id FROM document WHERE content_hash = ?1")?
        .query_row([&hash], |row| row.get(0))
        .optional()?;
    if let Some(id) = existing {
        return Ok(IngestOutcome::Unchanged { document: DocumentId(id) });
    }
    let article = extraction.article.as_ref().map(json).transpose()?;
    let warnings =
        if extraction.warnings.is_empty() { None } else { Some(json(&extraction.warnings)?) };
    let document: i64 = conn
        .prepare_cached(
            "INSERT INTO document (content_hash, source, origin, kind, content, article, warnings,
                                   review_count, ingested_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9) RETURNING id",
        )?
        .query_row(
            params![
                hash,
                doc.source,
                doc.origin,
                doc.kind.as_str(),
                doc.content,
                article,
                warnings,
                extraction.reviews.len() as i64,
                now
            ],
            |row| row.get(0),
        )?;

    let mut reviews = Vec::with_capacity(extraction.reviews.len());
    let mut films = Vec::with_capacity(extraction.reviews.len());
    let mut new_films = 0;
    for (position, review) in extraction.reviews.iter().enumerate() {
        let directors = people(conn, &review.film.directors)?;
        let (film, created) = place_film(conn, &review.film, &directors)?;
        new_films += usize::from(created);
        let critic = match &review.critic {
            Some(name) => upsert_critic(conn, name)?,
            None => None,
        };
        let text = review_text(doc, extraction, &review.text);
        let emails = marquee_resolve::critic::emails(text.unwrap_or(doc.content)).join(" ");
        let publication = match &review.publication {
            Some(name) => upsert_name(conn, Named::Publication, name)?,
            None => None,
        };
        let verdict = review.verdict.as_ref();
        let review_id: i64 = conn
            .prepare_cached(
                "INSERT INTO review (document_id, position, film_id, critic_id, publication_id,
                     published, rating_text, rating_score, score, label, fresh, basis,
                     model_score, disagreement, model, record, text,
                     ident, title, year, runtime_minutes, critic_key, critic_emails)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17,
                         ?18, ?19, ?20, ?21, ?22, ?23)
                 RETURNING id",
            )?
            .query_row(
                params![
                    document,
                    position as i64,
                    film.0,
                    critic,
                    publication,
                    review.published,
                    review.rating.as_ref().map(|r| &r.text),
                    review.rating.as_ref().map(|r| r.score),
                    verdict.map(|v| v.score),
                    verdict.map(|v| v.label.as_str()),
                    verdict.map(|v| v.fresh),
                    verdict.map(|v| match v.basis {
                        marquee_model::VerdictBasis::Grade => "grade",
                        marquee_model::VerdictBasis::Model => "model",
                    }),
                    verdict.map(|v| v.model_score),
                    verdict.map(|v| v.disagreement),
                    verdict.map(|v| &v.model),
                    json(review)?,
                    text,
                    format!("{hash}:{position}"),
                    review.film.title.trim(),
                    review.film.year,
                    review.film.runtime_minutes,
                    critic.and(review.critic.as_deref().map(name_key)),
                    (!emails.is_empty()).then_some(emails),
                ],
                |row| row.get(0),
            )?;

        if let Some(verdict) = verdict {
            let mut stmt = conn.prepare_cached(
                "INSERT INTO evidence (review_id, position, sentence) VALUES (?1, ?2, ?3)",
            )?;
            for (i, sentence) in verdict.evidence.iter().enumerate() {
                stmt.execute(params![review_id, i as i64, sentence])?;
            }
        }

        let mut credit = conn.prepare_cached(
            "INSERT INTO credit (review_id, role, position, person_id, character)
             VALUES (?1, ?2, ?3, ?4, ?5)",
        )?;
        for (i, person) in directors.iter().enumerate() {
            credit.execute(params![review_id, "director", i as i64, person, None::<&str>])?;
        }
        for (role, names) in [("writer", &review.film.writers), ("producer", &review.film.producers)] {
            for (i, person) in people(conn, names)?.iter().enumerate() {
                credit.execute(params![review_id, role, i as i64, person, None::<&str>])?;
            }
        }
        let mut i = 0i64;
        for member in &review.film.cast {
            if let Some(person) = upsert_name(conn, Named::Person, &member.name)? {
                credit.execute(params![review_id, "cast", i, person, member.character])?;
                i += 1;
            }
        }

        let mut venue_link = conn.prepare_cached(
            "INSERT INTO review_venue (review_id, position, venue_id) VALUES (?1, ?2, ?3)",
        )?;
        let mut linked = Vec::with_capacity(review.venues.len());
        for name in &review.venues {
            if let Some(venue) = upsert_name(conn, Named::Venue, name)?
                && !linked.contains(&venue)
            {
                venue_link.execute(params![review_id, linked.len() as i64, venue])?;
                linked.push(venue);
            }
        }

        for (i, event) in review.events.iter().enumerate() {
            let venue = match &event.venue {
                Some(name) => upsert_name(conn, Named::Venue, name)?,
                None => None,
            };
            let event_id: i64 = conn
                .prepare_cached(
                    "INSERT INTO event (review_id, position, film_id, kind, date, time, venue_id)
                     VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7) RETURNING id",
                )?
                .query_row(
                    params![review_id, i as i64, film.0, event.kind, event.date, event.time, venue],
                    |row| row.get(0),
                )?;
            let mut participant = conn.prepare_cached(
                "INSERT INTO event_participant (event_id, position, person_id) VALUES (?1, ?2, ?3)",
            )?;
            for (j, person) in people(conn, &event.participants)?.iter().enumerate() {
                participant.execute(params![event_id, j as i64, person])?;
            }
        }

        let mut mention = conn.prepare_cached(
            "INSERT INTO mention (review_id, kind, position, name, person_id)
             VALUES (?1, ?2, ?3, ?4, ?5)",
        )?;
        for (i, name) in review.mentions.people.iter().enumerate() {
            let person = upsert_name(conn, Named::Person, name)?;
            mention.execute(params![review_id, "person", i as i64, name, person])?;
        }
        for (kind, names) in [("film", &review.mentions.films), ("music", &review.mentions.music)] {
            for (i, name) in names.iter().enumerate() {
                mention.execute(params![review_id, kind, i as i64, name, None::<i64>])?;
            }
        }

        reviews.push(ReviewId(review_id));
        films.push(film);
    }
    Ok(IngestOutcome::Inserted {
        document: DocumentId(document),
        reviews,
        films,
        new_films,
        resolution: Resolution::default(),
    })
}

/// `outcome` after resolution has run: its reviews' films as resolved, and
/// what else resolution changed.
pub(super) fn resolved(conn: &Connection, outcome: IngestOutcome) -> Result<IngestOutcome> {
    let IngestOutcome::Inserted { document, reviews, new_films, .. } = outcome else {
        return Ok(outcome);
    };
    let resolution = super::identity::resolve(conn, false)?;
    let mut films = Vec::with_capacity(reviews.len());
    for review in &reviews {
        films.push(FilmId(
            conn.prepare_cached("SELECT film_id FROM review WHERE id = ?1")?.query_row([review.0], |r| r.get(0))?,
        ));
    }
    Ok(IngestOutcome::Inserted { document, reviews, films, new_films, resolution })
}

/// The text to store for a review: `None` (read back as the document's
/// content) when the review is the whole plain-text document, which is the
/// common case and would otherwise store every review twice. A review
/// without text of its own, alone in an HTML page, gets the article's body.
fn review_text<'a>(doc: &DocumentInput<'a>, extraction: &'a Extraction, text: &'a str) -> Option<&'a str> {
    let alone = extraction.reviews.len() == 1;
    match doc.kind {
        ContentKind::Text if text == doc.content || (text.is_empty() && alone) => None,
        ContentKind::Html if text.is_empty() && alone => Some(
            extraction.article.as_ref().and_then(|a| a.body.as_deref()).unwrap_or_default(),
        ),
        _ => Some(text),
    }
}

/// Deletes the document with this content, if stored, with its reviews, and
/// then whatever is left referenced by nothing.
pub(super) fn delete_document(conn: &Connection, content: &str) -> Result<()> {
    // The films of the reviews about to go are resolved again: their other
    // reviews may now group differently.
    conn.execute(
        "UPDATE review SET resolved = 0 WHERE film_id IN
             (SELECT r.film_id FROM review r JOIN document d ON d.id = r.document_id
              WHERE d.content_hash = ?1)",
        [content_hash(content)],
    )?;
    let deleted = conn.execute(
        "DELETE FROM document WHERE content_hash = ?1",
        [content_hash(content)],
    )?;
    if deleted > 0 {
        conn.execute_batch(
            "DELETE FROM film WHERE id NOT IN (SELECT film_id FROM review);
             DELETE FROM person WHERE id NOT IN (SELECT person_id FROM credit)
                 AND id NOT IN (SELECT person_id FROM event_participant)
                 AND id NOT IN (SELECT person_id FROM mention WHERE person_id IS NOT NULL);
             DELETE FROM critic_name WHERE name_key NOT IN
                 (SELECT critic_key FROM review WHERE critic_key IS NOT NULL);
             DELETE FROM critic WHERE id NOT IN
                 (SELECT critic_id FROM review WHERE critic_id IS NOT NULL);
             DELETE FROM publication WHERE id NOT IN
                 (SELECT publication_id FROM review WHERE publication_id IS NOT NULL);
             DELETE FROM venue WHERE id NOT IN (SELECT venue_id FROM review_venue)
                 AND id NOT IN (SELECT venue_id FROM event WHERE venue_id IS NOT NULL);",
        )?;
    }
    Ok(())
}

/// The tables keyed by a normalised name.
#[derive(Clone, Copy)]
enum Named {
    Person,
    Publication,
    Venue,
}

/// The id of the row named `name` (by [`name_key`]), inserted if new; `None`
/// when the name has no letters or digits.
fn upsert_name(conn: &Connection, table: Named, name: &str) -> Result<Option<i64>> {
    let key = name_key(name);
    if key.is_empty() {
        return Ok(None);
    }
    let (select, insert) = match table {
        Named::Person => (
            "SELECT id FROM person WHERE name_key = ?1",
            "INSERT INTO person (name, name_key) VALUES (?1, ?2) RETURNING id",
        ),
        Named::Publication => (
            "SELECT id FROM publication WHERE name_key = ?1",
            "INSERT INTO publication (name, name_key) VALUES (?1, ?2) RETURNING id",
        ),
        Named::Venue => (
            "SELECT id FROM venue WHERE name_key = ?1",
            "INSERT INTO venue (name, name_key) VALUES (?1, ?2) RETURNING id",
        ),
    };
    if let Some(id) =
        conn.prepare_cached(select)?.query_row([&key], |row| row.get(0)).optional()?
    {
        return Ok(Some(id));
    }
    let id = conn.prepare_cached(insert)?.query_row(params![name.trim(), key], |row| row.get(0))?;
    Ok(Some(id))
}

/// The critic who signs `name`: the critic an earlier byline of that name
/// key was resolved to, or a new critic. `None` when the name has no
/// letters or digits.
fn upsert_critic(conn: &Connection, name: &str) -> Result<Option<i64>> {
    let key = name_key(name);
    if key.is_empty() {
        return Ok(None);
    }
    if let Some(id) = conn
        .prepare_cached("SELECT critic_id FROM critic_name WHERE name_key = ?1")?
        .query_row([&key], |row| row.get(0))
        .optional()?
    {
        return Ok(Some(id));
    }
    let id: i64 = conn
        .prepare_cached("INSERT INTO critic (name, name_key) VALUES (?1, ?2) RETURNING id")?
        .query_row(params![name.trim(), key], |row| row.get(0))?;
    conn.prepare_cached("INSERT INTO critic_name (name_key, name, critic_id) VALUES (?1, ?2, ?3)")?
        .execute(params![key, name.trim(), id])?;
    Ok(Some(id))
}

/// The person ids of `names`, skipping names without letters and repeats.
fn people(conn: &Connection, names: &[String]) -> Result<Vec<i64>> {
    let mut ids = Vec::with_capacity(names.len());
    for name in names {
        if let Some(id) = upsert_name(conn, Named::Person, name)?
            && !ids.contains(&id)
        {
            ids.push(id);
        }
    }
    Ok(ids)
}

/// How strongly a stored film matches a review's film record.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Match {
    /// One side carries neither year nor director: nothing tells them apart.
    Bare,
    /// Same year, or a shared director.
    Evidence,
}

/// Where a review is placed when it is written, until resolution
/// ([`super::identity`]) runs at the end of the ingest: a film already
/// known by its title with no conflicting year or director, or a new film.
/// Usually resolution agrees; when it does not, it moves the review.
/// Returns the film and whether it is new.
fn place_film(conn: &Connection, film: &Film, directors: &[i64]) -> Result<(FilmId, bool)> {
    let key = title_key(&film.title);
    if !key.is_empty() {
        let mut best: Option<(Match, i64, i64)> = None; // (match, reviews, -id)
        let mut candidates = conn.prepare_cached(
            "SELECT f.id, f.year, coalesce(s.reviews, 0) FROM film_title t
             JOIN film f ON f.id = t.film_id
             LEFT JOIN film_stats s ON s.film_id = f.id WHERE t.title_key = ?1",
        )?;
        let rows = candidates
            .query_map([&key], |row| {
                Ok((row.get::<_, i64>(0)?, row.get::<_, Option<i32>>(1)?, row.get::<_, i64>(2)?))
            })?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        for (id, year, reviews) in rows {
            let stored_directors = film_directors(conn, id)?;
            let verdict = match (film.year, year) {
                (Some(a), Some(b)) => (a == b).then_some(Match::Evidence),
                _ if !directors.is_empty() && !stored_directors.is_empty() => directors
                    .iter()
                    .any(|d| stored_directors.contains(d))
                    .then_some(Match::Evidence),
                _ if (film.year.is_none() && directors.is_empty())
                    || (year.is_none() && stored_directors.is_empty()) =>
                {
                    Some(Match::Bare)
                }
                _ => None,
            };
            if let Some(strength) = verdict {
                let candidate = (strength, reviews, -id);
                if best.is_none_or(|b| candidate > b) {
                    best = Some(candidate);
                }
            }
        }
        if let Some((_, _, neg_id)) = best {
            let id = -neg_id;
            fill_in(conn, id, film)?;
            return Ok((FilmId(id), false));
        }
    }
    let certificate = film.certificate.as_ref();
    let id = conn
        .prepare_cached(
            "INSERT INTO film (title, title_key, year, runtime_minutes, distributor, cert_system,
                               cert_rating, cert_reasons, genres)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9) RETURNING id",
        )?
        .query_row(
            params![
                film.title.trim(),
                key,
                film.year,
                film.runtime_minutes,
                film.distributor,
                certificate.map(|c| &c.system),
                certificate.map(|c| &c.rating),
                certificate.map(|c| json(&c.reasons)).transpose()?,
                json(&film.genres)?,
            ],
            |row| row.get(0),
        )?;
    if !key.is_empty() {
        conn.prepare_cached(
            "INSERT INTO film_title (film_id, title_key, title, reviews, source) VALUES (?1, ?2, ?3, 1, 'review')",
        )?
        .execute(params![id, key, film.title.trim()])?;
    }
    Ok((FilmId(id), true))
}

/// The directors credited to a film by any of its reviews.
fn film_directors(conn: &Connection, film: i64) -> Result<Vec<i64>> {
    let mut stmt = conn.prepare_cached(
        "SELECT DISTINCT c.person_id FROM review r
         JOIN credit c ON c.review_id = r.id AND c.role = 'director'
         WHERE r.film_id = ?1",
    )?;
    let ids = stmt.query_map([film], |row| row.get(0))?.collect::<rusqlite::Result<_>>()?;
    Ok(ids)
}

/// Fills the film's empty fields from a later review's record.
fn fill_in(conn: &Connection, id: i64, film: &Film) -> Result<()> {
    let certificate = film.certificate.as_ref();
    let genres = if film.genres.is_empty() { None } else { Some(json(&film.genres)?) };
    // SQLite evaluates every SET expression against the old row, so the
    // certificate's three columns move together.
    conn.prepare_cached(
        "UPDATE film SET
             year = coalesce(year, ?2),
             runtime_minutes = coalesce(runtime_minutes, ?3),
             distributor = coalesce(distributor, ?4),
             cert_system = CASE WHEN cert_rating IS NULL THEN ?5 ELSE cert_system END,
             cert_reasons = CASE WHEN cert_rating IS NULL THEN ?7 ELSE cert_reasons END,
             cert_rating = coalesce(cert_rating, ?6),
             genres = CASE WHEN genres = '[]' AND ?8 IS NOT NULL THEN ?8 ELSE genres END
         WHERE id = ?1",
    )?
    .execute(params![
        id,
        film.year,
        film.runtime_minutes,
        film.distributor,
        certificate.map(|c| &c.system),
        certificate.map(|c| &c.rating),
        certificate.map(|c| json(&c.reasons)).transpose()?,
        genres,
    ])?;
    Ok(())
}
