//! The read queries.

use std::collections::HashMap;
use std::ops::ControlFlow;
use std::rc::Rc;

use marquee_model::{
    Certificate, CriticId, DocumentId, FilmId, Mentions, PersonId, Rating, Review, ReviewId,
    VenueId, VerdictBasis, VerdictLabel,
};
use rusqlite::types::Value;
use rusqlite::{Connection, OptionalExtension, Row, params, params_from_iter};

use crate::api::*;
use crate::normalize::{name_key, title_key};
use crate::standing::{self, FilmTally, GlobalTally, PRIOR_WEIGHT};
use crate::{Error, Result};

/// How many of a critic's reviews [`critic`] lists; the rest are a
/// [`ReviewQuery`] away.
const CRITIC_PAGE_REVIEWS: u32 = 100;

/// How long an excerpt may be, in characters, before it is cut at a word.
const EXCERPT_CHARS: usize = 300;

pub(super) fn counts(conn: &Connection) -> Result<Counts> {
    let count = |table: &str| -> Result<u64> {
        let n: i64 = conn.query_row(&format!("SELECT count(*) FROM {table}"), [], |r| r.get(0))?;
        Ok(u64::try_from(n).unwrap_or(0))
    };
    Ok(Counts {
        documents: count("document")?,
        reviews: count("review")?,
        films: count("film")?,
        people: count("person")?,
        critics: count("critic")?,
        venues: count("venue")?,
        events: count("event")?,
    })
}

fn global(conn: &Connection) -> Result<GlobalTally> {
    let tally = conn.prepare_cached("SELECT scored, score_sum, score_sq_sum FROM totals")?.query_row(
        [],
        |row| {
            Ok(GlobalTally {
                scored: u64::try_from(row.get::<_, i64>(0)?).unwrap_or(0),
                sum: row.get::<_, i64>(1)? as f64,
                sq_sum: row.get::<_, i64>(2)? as f64,
            })
        },
    )?;
    Ok(tally)
}

fn check_page(page: u32, per_page: u32) -> Result<()> {
    if page == 0 {
        return Err(Error::InvalidQuery("pages are numbered from 1".into()));
    }
    if per_page == 0 || per_page > MAX_PER_PAGE {
        return Err(Error::InvalidQuery(format!("per_page must be 1..={MAX_PER_PAGE}")));
    }
    Ok(())
}

fn offset(page: u32, per_page: u32) -> i64 {
    (i64::from(page) - 1) * i64::from(per_page)
}

fn u32_of(value: Option<i64>) -> Option<u32> {
    value.and_then(|v| u32::try_from(v).ok())
}

fn u8_of(value: Option<i64>) -> Option<u8> {
    value.and_then(|v| u8::try_from(v).ok())
}

fn parse_json<T: serde::de::DeserializeOwned>(text: &str) -> Result<T> {
    serde_json::from_str(text).map_err(|err| Error::Corrupt(err.to_string()))
}

fn label_of(text: &str) -> Option<VerdictLabel> {
    match text {
        "positive" => Some(VerdictLabel::Positive),
        "mixed" => Some(VerdictLabel::Mixed),
        "negative" => Some(VerdictLabel::Negative),
        _ => None,
    }
}

/// The score range of a band, for SQL filters.
fn band(label: VerdictLabel) -> (i64, i64) {
    match label {
        VerdictLabel::Positive => (61, 100),
        VerdictLabel::Mixed => (40, 60),
        VerdictLabel::Negative => (0, 39),
    }
}

/// The first words of `text`, cut at a word boundary.
fn excerpt(text: &str) -> String {
    let text = text.trim();
    match text.char_indices().nth(EXCERPT_CHARS) {
        None => text.to_owned(),
        Some((cut, _)) => {
            let head = &text[..cut];
            let head = head.rfind(char::is_whitespace).map_or(head, |space| &head[..space]);
            format!("{}…", head.trim_end())
        }
    }
}

// ------------------------------------------------------------------ films ---

/// Columns of a film row with its tallies; see [`film_row`].
const FILM_COLUMNS: &str = "f.id, f.title, f.year, f.runtime_minutes, f.cert_rating,
    coalesce(s.reviews, 0), coalesce(s.scored, 0), coalesce(s.score_sum, 0),
    coalesce(s.score_sq_sum, 0), coalesce(s.fresh, 0), coalesce(s.positive, 0),
    coalesce(s.mixed, 0), coalesce(s.negative, 0)";

const FILM_FROM: &str = "film f LEFT JOIN film_stats s ON s.film_id = f.id";

struct FilmRow {
    id: i64,
    title: String,
    year: Option<i32>,
    runtime: Option<u32>,
    certificate: Option<String>,
    tally: FilmTally,
}

fn film_row(row: &Row<'_>) -> rusqlite::Result<FilmRow> {
    let count = |i: usize| -> rusqlite::Result<u32> {
        Ok(u32::try_from(row.get::<_, i64>(i)?).unwrap_or(0))
    };
    Ok(FilmRow {
        id: row.get(0)?,
        title: row.get(1)?,
        year: row.get(2)?,
        runtime: u32_of(row.get(3)?),
        certificate: row.get(4)?,
        tally: FilmTally {
            reviews: count(5)?,
            scored: count(6)?,
            sum: row.get::<_, i64>(7)? as f64,
            sq_sum: row.get::<_, i64>(8)? as f64,
            fresh: count(9)?,
            labels: LabelCounts { positive: count(10)?, mixed: count(11)?, negative: count(12)? },
        },
    })
}

fn summary(conn: &Connection, row: FilmRow, all: &GlobalTally) -> Result<FilmSummary> {
    let directors = film_credits(conn, FilmId(row.id))?.directors;
    Ok(FilmSummary {
        id: FilmId(row.id),
        title: row.title,
        year: row.year,
        runtime_minutes: row.runtime,
        certificate: row.certificate,
        directors,
        standing: standing::standing(&row.tally, all),
    })
}

/// The shrunk score as an SQL expression over `s`, with the prior mean as
/// parameter `?1`; see [`crate::standing`].
fn shrunk_sql() -> String {
    format!(
        "((coalesce(s.score_sum, 0) + {m} * ?1) / (coalesce(s.scored, 0) + {m}))",
        m = PRIOR_WEIGHT
    )
}

/// Runs a film query whose first parameter is the prior mean, and builds
/// summaries.
fn film_summaries(
    conn: &Connection,
    sql: &str,
    params: Vec<Value>,
    all: &GlobalTally,
) -> Result<Vec<FilmSummary>> {
    let rows = conn
        .prepare_cached(sql)?
        .query_map(params_from_iter(params), film_row)?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    rows.into_iter().map(|row| summary(conn, row, all)).collect()
}

pub(super) fn films(conn: &Connection, query: &FilmQuery) -> Result<Page<FilmSummary>> {
    check_page(query.page, query.per_page)?;
    let all = global(conn)?;
    // Films whose reviews give no title are set aside for a curator
    // (`Store::doubtful`), not listed.
    let mut filters = vec!["f.title_key != ''".to_owned()];
    let mut params = vec![Value::Real(all.mean())];
    if let Some(certificate) = &query.certificate {
        params.push(Value::Text(certificate.trim().to_uppercase()));
        filters.push(format!("upper(f.cert_rating) = ?{}", params.len()));
    }
    if let Some(decade) = query.decade {
        let start = decade - decade.rem_euclid(10);
        params.push(Value::Integer(i64::from(start)));
        filters.push(format!("f.year BETWEEN ?{n} AND ?{n} + 9", n = params.len()));
    }
    if let Some(label) = query.label {
        let (low, high) = band(label);
        filters.push(format!(
            "s.scored > 0 AND round(s.score_sum * 1.0 / s.scored) BETWEEN {low} AND {high}"
        ));
    }
    let filter = filters.join(" AND ");
    let order = match query.sort {
        FilmSort::Best => format!("coalesce(s.scored, 0) = 0, {} DESC, f.id", shrunk_sql()),
        FilmSort::Title => "f.title_key, f.year, f.id".to_owned(),
        FilmSort::Year => "f.year IS NULL, f.year DESC, f.title_key, f.id".to_owned(),
        FilmSort::Reviews => "coalesce(s.reviews, 0) DESC, f.title_key, f.id".to_owned(),
        FilmSort::Recent => "s.last_review_id IS NULL, s.last_review_id DESC, f.id".to_owned(),
    };
    // ?1 (the prior mean) is unused by some filters and orders; naming it
    // keeps the parameter numbering stable.
    let total: i64 = conn.prepare_cached(&format!(
        "SELECT count(*) FROM {FILM_FROM} WHERE {filter} AND ?1 IS NOT NULL"
    ))?
    .query_row(params_from_iter(params.iter()), |row| row.get(0))?;
    let sql = format!(
        "SELECT {FILM_COLUMNS} FROM {FILM_FROM} WHERE {filter} AND ?1 IS NOT NULL
         ORDER BY {order} LIMIT {} OFFSET {}",
        query.per_page,
        offset(query.page, query.per_page)
    );
    let items = film_summaries(conn, &sql, params, &all)?;
    Ok(Page {
        items,
        page: query.page,
        per_page: query.per_page,
        total: u64::try_from(total).unwrap_or(0),
    })
}

pub(super) fn best_films(conn: &Connection, n: u32) -> Result<Vec<FilmSummary>> {
    let all = global(conn)?;
    let sql = format!(
        "SELECT {FILM_COLUMNS} FROM {FILM_FROM} WHERE s.scored > 0 AND f.title_key != ''
         ORDER BY {} DESC, f.id LIMIT ?2",
        shrunk_sql()
    );
    film_summaries(conn, &sql, vec![Value::Real(all.mean()), Value::Integer(i64::from(n))], &all)
}

/// Splits a trailing year off a title query: "Psycho 1998", "Psycho (1998)".
fn split_year(query: &str) -> (&str, Option<i32>) {
    let trimmed = query.trim().trim_end_matches([')', ']']).trim_end();
    if let Some((head, tail)) = trimmed.rsplit_once([' ', '(', '['])
        && tail.len() == 4
        && let Ok(year) = tail.parse::<i32>()
        && (1870..=2200).contains(&year)
        && !title_key(head).is_empty()
    {
        return (head, Some(year));
    }
    (query, None)
}

pub(super) fn find_films(conn: &Connection, query: &str, limit: u32) -> Result<Vec<FilmSummary>> {
    let (title, year) = split_year(query);
    let key = title_key(title);
    if key.is_empty() {
        return Ok(Vec::new());
    }
    let all = global(conn)?;
    // Keys hold only letters, digits and spaces, so they need no escaping
    // inside LIKE patterns.
    let sql = format!(
        "SELECT {FILM_COLUMNS} FROM
             (SELECT t.film_id, min(CASE WHEN t.title_key = ?2 THEN 0
                                         WHEN t.title_key LIKE ?2 || '%' THEN 1 ELSE 2 END) AS rank
              FROM film_title t WHERE t.title_key LIKE '%' || ?2 || '%' GROUP BY t.film_id) m
             JOIN film f ON f.id = m.film_id LEFT JOIN film_stats s ON s.film_id = f.id
         WHERE ?1 IS NOT NULL AND (?3 IS NULL OR f.year = ?3)
         ORDER BY m.rank, coalesce(s.reviews, 0) DESC, f.id
         LIMIT ?4"
    );
    film_summaries(
        conn,
        &sql,
        vec![
            Value::Real(all.mean()),
            Value::Text(key),
            year.map_or(Value::Null, |y| Value::Integer(i64::from(y))),
            Value::Integer(i64::from(limit)),
        ],
        &all,
    )
}

/// A film's credits merged over its reviews: each person once per role, in
/// the order first credited, with the first character any review names.
fn film_credits(conn: &Connection, film: FilmId) -> Result<Credits> {
    let mut stmt = conn.prepare_cached(
        "SELECT c.role, p.id, p.name, c.character FROM review r
         JOIN credit c ON c.review_id = r.id JOIN person p ON p.id = c.person_id
         WHERE r.film_id = ?1 ORDER BY r.id, c.role, c.position",
    )?;
    let mut rows = stmt.query([film.0])?;
    let mut credits = Credits::default();
    while let Some(row) = rows.next()? {
        let role: String = row.get(0)?;
        let person = PersonRef { id: PersonId(row.get(1)?), name: row.get(2)? };
        let character: Option<String> = row.get(3)?;
        let list = match role.as_str() {
            "director" => &mut credits.directors,
            "writer" => &mut credits.writers,
            "producer" => &mut credits.producers,
            _ => {
                match credits.cast.iter_mut().find(|c| c.person.id == person.id) {
                    Some(existing) => {
                        if existing.character.is_none() {
                            existing.character = character;
                        }
                    }
                    None => credits.cast.push(CastCredit { person, character }),
                }
                continue;
            }
        };
        if !list.iter().any(|p| p.id == person.id) {
            list.push(person);
        }
    }
    Ok(credits)
}

struct FilmFields {
    row: FilmRow,
    distributor: Option<String>,
    certificate: Option<Certificate>,
    genres: Vec<String>,
}

fn film_fields(conn: &Connection, id: FilmId) -> Result<Option<FilmFields>> {
    let sql = format!(
        "SELECT {FILM_COLUMNS}, f.distributor, f.cert_system, f.cert_reasons, f.genres
         FROM {FILM_FROM} WHERE f.id = ?1"
    );
    let found = conn
        .prepare_cached(&sql)?
        .query_row([id.0], |row| {
            Ok((
                film_row(row)?,
                row.get::<_, Option<String>>(13)?,
                row.get::<_, Option<String>>(14)?,
                row.get::<_, Option<String>>(15)?,
                row.get::<_, String>(16)?,
            ))
        })
        .optional()?;
    let Some((row, distributor, system, reasons, genres)) = found else {
        return Ok(None);
    };
    let certificate = match &row.certificate {
        Some(rating) => Some(Certificate {
            system: system.unwrap_or_default(),
            rating: rating.clone(),
            reasons: reasons.as_deref().map(parse_json).transpose()?.unwrap_or_default(),
        }),
        None => None,
    };
    Ok(Some(FilmFields { row, distributor, certificate, genres: parse_json(&genres)? }))
}

/// Every title a film is known by, the canonical one first, then by how
/// many reviews print it; and its IMDb id.
fn film_titles(conn: &Connection, id: FilmId) -> Result<(Vec<String>, Option<String>)> {
    let (title, imdb_id): (String, Option<String>) = conn
        .prepare_cached("SELECT title, imdb_id FROM film WHERE id = ?1")?
        .query_row([id.0], |r| Ok((r.get(0)?, r.get(1)?)))?;
    let mut titles = vec![title];
    let mut stmt = conn.prepare_cached(
        "SELECT title FROM film_title WHERE film_id = ?1
         ORDER BY source = 'catalog' DESC, reviews DESC, title_key",
    )?;
    for t in stmt.query_map([id.0], |r| r.get::<_, String>(0))? {
        let t = t?;
        if !titles.iter().any(|known| title_key(known) == title_key(&t)) {
            titles.push(t);
        }
    }
    if titles[0].is_empty() {
        titles.remove(0);
    }
    Ok((titles, imdb_id))
}

pub(super) fn film(conn: &Connection, id: FilmId) -> Result<Option<FilmDetail>> {
    let Some(fields) = film_fields(conn, id)? else {
        return Ok(None);
    };
    let all = global(conn)?;
    let reviews = review_summaries(
        conn,
        "WHERE r.film_id = ?1 ORDER BY r.id DESC",
        vec![Value::Integer(id.0)],
    )?;
    // Consensus over the reviews in ingest order, so ties go to the earliest.
    let in_order: Vec<&ReviewSummary> = reviews.iter().rev().collect();
    let evidence: Vec<Vec<String>> = in_order
        .iter()
        .map(|r| r.verdict.as_ref().map(|v| v.evidence.clone()).unwrap_or_default())
        .collect();
    let consensus = standing::consensus(&evidence)
        .into_iter()
        .map(|(r, p)| ConsensusSentence {
            sentence: evidence[r][p].clone(),
            review: in_order[r].id,
            critic: in_order[r].critic.clone(),
        })
        .collect();
    let venues = conn
        .prepare_cached(
            "SELECT v.id, v.name FROM venue v WHERE v.id IN
                 (SELECT rv.venue_id FROM review r JOIN review_venue rv ON rv.review_id = r.id
                  WHERE r.film_id = ?1)
             ORDER BY v.name_key",
        )?
        .query_map([id.0], |row| Ok(VenueRef { id: VenueId(row.get(0)?), name: row.get(1)? }))?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    let events = events(conn, &EventQuery { film: Some(id), ..EventQuery::default() })?;
    let (titles, imdb_id) = film_titles(conn, id)?;
    Ok(Some(FilmDetail {
        id,
        title: fields.row.title,
        titles,
        imdb_id,
        year: fields.row.year,
        runtime_minutes: fields.row.runtime,
        certificate: fields.certificate,
        distributor: fields.distributor,
        genres: fields.genres,
        credits: film_credits(conn, id)?,
        standing: standing::standing(&fields.row.tally, &all),
        consensus,
        reviews,
        venues,
        events,
    }))
}

// ---------------------------------------------------------------- reviews ---

const REVIEW_SELECT: &str = "SELECT r.id, r.document_id, d.source, f.id, f.title, f.year,
    c.id, c.name, pb.name, r.published, r.rating_text, r.rating_score, r.score, r.label,
    r.fresh, r.basis, r.model_score, r.disagreement, r.model,
    substr(coalesce(r.text, d.content), 1, 400),
    d.ingested_at
    FROM review r JOIN document d ON d.id = r.document_id JOIN film f ON f.id = r.film_id
    LEFT JOIN critic c ON c.id = r.critic_id LEFT JOIN publication pb ON pb.id = r.publication_id";

fn review_summary_row(row: &Row<'_>) -> rusqlite::Result<ReviewSummary> {
    let critic = match row.get::<_, Option<i64>>(6)? {
        Some(id) => Some(CriticRef { id: CriticId(id), name: row.get(7)? }),
        None => None,
    };
    let rating = match (row.get::<_, Option<String>>(10)?, u8_of(row.get(11)?)) {
        (Some(text), Some(score)) => Some(Rating { text, score }),
        _ => None,
    };
    let verdict = match (u8_of(row.get(12)?), row.get::<_, Option<String>>(13)?) {
        (Some(score), Some(label)) => Some(VerdictView {
            label: label_of(&label).unwrap_or(VerdictLabel::from_score(score)),
            fresh: row.get::<_, Option<bool>>(14)?.unwrap_or(false),
            score,
            evidence: Vec::new(),
            basis: match row.get::<_, Option<String>>(15)?.as_deref() {
                Some("grade") => VerdictBasis::Grade,
                _ => VerdictBasis::Model,
            },
            model_score: u8_of(row.get(16)?).unwrap_or(score),
            disagreement: row.get::<_, Option<bool>>(17)?.unwrap_or(false),
            model: row.get::<_, Option<String>>(18)?.unwrap_or_default(),
        }),
        _ => None,
    };
    Ok(ReviewSummary {
        id: ReviewId(row.get(0)?),
        document: DocumentId(row.get(1)?),
        source: row.get(2)?,
        film: FilmRef { id: FilmId(row.get(3)?), title: row.get(4)?, year: row.get(5)? },
        critic,
        publication: row.get(8)?,
        published: row.get(9)?,
        rating,
        verdict,
        excerpt: excerpt(&row.get::<_, String>(19)?),
        ingested_at: row.get(20)?,
    })
}

fn evidence(conn: &Connection, review: ReviewId) -> Result<Vec<String>> {
    let sentences = conn
        .prepare_cached("SELECT sentence FROM evidence WHERE review_id = ?1 ORDER BY position")?
        .query_map([review.0], |row| row.get(0))?
        .collect::<rusqlite::Result<Vec<String>>>()?;
    Ok(sentences)
}

/// Review summaries, with their evidence, for `REVIEW_SELECT` + `tail`.
pub(super) fn review_summaries(conn: &Connection, tail: &str, params: Vec<Value>) -> Result<Vec<ReviewSummary>> {
    let mut reviews = conn
        .prepare_cached(&format!("{REVIEW_SELECT} {tail}"))?
        .query_map(params_from_iter(params), review_summary_row)?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    for review in &mut reviews {
        if let Some(verdict) = &mut review.verdict {
            verdict.evidence = evidence(conn, review.id)?;
        }
    }
    Ok(reviews)
}

pub(super) fn review(conn: &Connection, id: ReviewId) -> Result<Option<ReviewDetail>> {
    let Some(summary) =
        review_summaries(conn, "WHERE r.id = ?1", vec![Value::Integer(id.0)])?.pop()
    else {
        return Ok(None);
    };
    let text: String =
        conn.prepare_cached(
        "SELECT coalesce(r.text, d.content) FROM review r
         JOIN document d ON d.id = r.document_id WHERE r.id = ?1",
    )?
    .query_row([id.0], |r| r.get(0))?;
    let venues = conn
        .prepare_cached(
            "SELECT v.id, v.name FROM review_venue rv JOIN venue v ON v.id = rv.venue_id
             WHERE rv.review_id = ?1 ORDER BY rv.position",
        )?
        .query_map([id.0], |row| Ok(VenueRef { id: VenueId(row.get(0)?), name: row.get(1)? }))?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    let events = event_views(conn, "WHERE e.review_id = ?1 ORDER BY e.position", vec![Value::Integer(id.0)])?;
    let mut mentions = Mentions::default();
    let mut stmt = conn
        .prepare_cached("SELECT kind, name FROM mention WHERE review_id = ?1 ORDER BY kind, position")?;
    let mut rows = stmt.query([id.0])?;
    while let Some(row) = rows.next()? {
        let kind: String = row.get(0)?;
        let name: String = row.get(1)?;
        match kind.as_str() {
            "person" => mentions.people.push(name),
            "film" => mentions.films.push(name),
            _ => mentions.music.push(name),
        }
    }
    Ok(Some(ReviewDetail { summary, text, venues, events, mentions }))
}

pub(super) fn reviews(conn: &Connection, query: &ReviewQuery) -> Result<Page<ReviewSummary>> {
    check_page(query.page, query.per_page)?;
    let mut filters = vec!["1 = 1".to_owned()];
    let mut params = Vec::new();
    if let Some(critic) = query.critic {
        params.push(Value::Integer(critic.0));
        filters.push(format!("r.critic_id = ?{}", params.len()));
    }
    if let Some(name) = &query.critic_name {
        params.push(Value::Text(name_key(name)));
        // Through the critic table first, so the review index does the rest.
        filters.push(format!(
            "r.critic_id IN (SELECT id FROM critic WHERE name_key LIKE '%' || ?{} || '%')",
            params.len()
        ));
    }
    if let Some(film) = query.film {
        params.push(Value::Integer(film.0));
        filters.push(format!("r.film_id = ?{}", params.len()));
    }
    if let Some(title) = &query.film_title {
        params.push(Value::Text(title_key(title)));
        filters.push(format!(
            "r.film_id IN (SELECT id FROM film WHERE title_key LIKE '%' || ?{} || '%')",
            params.len()
        ));
    }
    if let Some(label) = query.label {
        params.push(Value::Text(label.as_str().to_owned()));
        filters.push(format!("r.label = ?{}", params.len()));
    }
    let filter = filters.join(" AND ");
    let total: i64 = conn
        .prepare_cached(&format!(
            "SELECT count(*) FROM review r WHERE {filter}"
        ))?
        .query_row(params_from_iter(params.iter()), |row| row.get(0))?;
    let items = review_summaries(
        conn,
        // Pick the page's ids first, so excerpts are read for its rows only.
        &format!(
            "WHERE r.id IN (SELECT r.id FROM review r WHERE {filter}
                            ORDER BY r.id DESC LIMIT {} OFFSET {})
             ORDER BY r.id DESC",
            query.per_page,
            offset(query.page, query.per_page)
        ),
        params,
    )?;
    Ok(Page {
        items,
        page: query.page,
        per_page: query.per_page,
        total: u64::try_from(total).unwrap_or(0),
    })
}

pub(super) fn recent_reviews(conn: &Connection, n: u32) -> Result<Vec<ReviewSummary>> {
    review_summaries(conn, "ORDER BY r.id DESC LIMIT ?1", vec![Value::Integer(i64::from(n))])
}

// ----------------------------------------------------------------- people ---

pub(super) fn person(conn: &Connection, id: PersonId) -> Result<Option<PersonDetail>> {
    let Some(name) = conn
        .prepare_cached("SELECT name FROM person WHERE id = ?1")?
        .query_row([id.0], |row| row.get::<_, String>(0))
        .optional()?
    else {
        return Ok(None);
    };
    let mut detail = PersonDetail {
        id,
        name,
        directed: Vec::new(),
        wrote: Vec::new(),
        produced: Vec::new(),
        performed: Vec::new(),
        events: Vec::new(),
        mentioned_in: Vec::new(),
    };
    let mut stmt = conn.prepare_cached(
        "SELECT c.role, f.id, f.title, f.year, c.character FROM credit c
         JOIN review r ON r.id = c.review_id JOIN film f ON f.id = r.film_id
         WHERE c.person_id = ?1
         ORDER BY f.year IS NULL, f.year DESC, f.title_key, f.id, r.id",
    )?;
    let mut rows = stmt.query([id.0])?;
    while let Some(row) = rows.next()? {
        let role: String = row.get(0)?;
        let film = FilmRef { id: FilmId(row.get(1)?), title: row.get(2)?, year: row.get(3)? };
        let character: Option<String> = row.get(4)?;
        let list = match role.as_str() {
            "director" => &mut detail.directed,
            "writer" => &mut detail.wrote,
            "producer" => &mut detail.produced,
            _ => &mut detail.performed,
        };
        match list.iter_mut().find(|f| f.film.id == film.id) {
            Some(existing) => {
                if existing.character.is_none() {
                    existing.character = character;
                }
            }
            None => list.push(PersonFilm { film, character }),
        }
    }
    detail.events = event_views(
        conn,
        "WHERE e.id IN (SELECT event_id FROM event_participant WHERE person_id = ?1)
         ORDER BY e.date IS NULL, e.date, e.time, e.id",
        vec![Value::Integer(id.0)],
    )?;
    detail.mentioned_in = conn
        .prepare_cached(
            "SELECT DISTINCT review_id FROM mention WHERE person_id = ?1 ORDER BY review_id",
        )?
        .query_map([id.0], |row| Ok(ReviewId(row.get(0)?)))?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(Some(detail))
}

pub(super) fn find_people(conn: &Connection, query: &str, limit: u32) -> Result<Vec<PersonRef>> {
    let key = name_key(query);
    if key.is_empty() {
        return Ok(Vec::new());
    }
    let people = conn
        .prepare_cached(
            "SELECT id, name FROM person WHERE name_key LIKE '%' || ?1 || '%'
             ORDER BY CASE WHEN name_key = ?1 THEN 0 WHEN name_key LIKE ?1 || '%' THEN 1 ELSE 2 END,
                      name_key, id
             LIMIT ?2",
        )?
        .query_map(params![key, limit], |row| Ok(PersonRef { id: PersonId(row.get(0)?), name: row.get(1)? }))?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(people)
}

// ---------------------------------------------------------------- critics ---

/// A critic's record. For each scored review of a film that others scored
/// too, the others' mean is the film's tally without this review.
const CRITIC_SELECT: &str = "SELECT c.id, c.name, count(r.id), avg(r.score),
    avg(CASE WHEN r.score IS NOT NULL AND s.scored > 1
             THEN r.score - (s.score_sum - r.score) * 1.0 / (s.scored - 1) END),
    sum(CASE WHEN r.score IS NOT NULL AND s.scored > 1 THEN 1 ELSE 0 END)
    FROM critic c JOIN review r ON r.critic_id = c.id
    LEFT JOIN film_stats s ON s.film_id = r.film_id";

/// Critic records for `CRITIC_SELECT` + `tail`; `only` names the one critic
/// `tail` selects, if it selects one.
fn critic_rows(
    conn: &Connection,
    tail: &str,
    params: Vec<Value>,
    only: Option<CriticId>,
) -> Result<Vec<CriticSummary>> {
    let mut critics = conn
        .prepare_cached(&format!("{CRITIC_SELECT} {tail}"))?
        .query_map(params_from_iter(params), |row| {
            Ok(CriticSummary {
                id: CriticId(row.get(0)?),
                name: row.get(1)?,
                reviews: u32::try_from(row.get::<_, i64>(2)?).unwrap_or(0),
                mean_score: row.get(3)?,
                generosity: row.get(4)?,
                shared_films: u32::try_from(row.get::<_, Option<i64>>(5)?.unwrap_or(0)).unwrap_or(0),
                publications: Vec::new(),
            })
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    // Every critic's outlets in one pass rather than one query per critic.
    let mut publications: HashMap<i64, Vec<String>> = HashMap::new();
    let (which, params) = match only {
        Some(id) => ("r.critic_id = ?1", vec![Value::Integer(id.0)]),
        None => ("r.critic_id IS NOT NULL", Vec::new()),
    };
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT DISTINCT r.critic_id, pb.name, pb.name_key FROM review r
         JOIN publication pb ON pb.id = r.publication_id
         WHERE {which} ORDER BY r.critic_id, pb.name_key"
    ))?;
    let mut rows = stmt.query(params_from_iter(params))?;
    while let Some(row) = rows.next()? {
        publications.entry(row.get(0)?).or_default().push(row.get(1)?);
    }
    for critic in &mut critics {
        critic.publications = publications.remove(&critic.id.0).unwrap_or_default();
    }
    Ok(critics)
}

pub(super) fn critics(conn: &Connection) -> Result<Vec<CriticSummary>> {
    critic_rows(conn, "GROUP BY c.id ORDER BY count(r.id) DESC, c.name_key, c.id", Vec::new(), None)
}

pub(super) fn critic(conn: &Connection, id: CriticId) -> Result<Option<CriticDetail>> {
    let Some(summary) =
        critic_rows(conn, "WHERE c.id = ?1 GROUP BY c.id", vec![Value::Integer(id.0)], Some(id))?
            .pop()
    else {
        return Ok(None);
    };
    let reviews = review_summaries(
        conn,
        &format!(
            "WHERE r.id IN (SELECT id FROM review WHERE critic_id = ?1
                            ORDER BY id DESC LIMIT {CRITIC_PAGE_REVIEWS})
             ORDER BY r.id DESC"
        ),
        vec![Value::Integer(id.0)],
    )?;
    Ok(Some(CriticDetail { summary, reviews }))
}

// ---------------------------------------------------------- venues, events ---

pub(super) fn venues(conn: &Connection) -> Result<Vec<VenueSummary>> {
    let venues = conn
        .prepare_cached(
            "SELECT v.id, v.name,
                 (SELECT count(*) FROM
                     (SELECT r.film_id FROM review_venue rv JOIN review r ON r.id = rv.review_id
                      WHERE rv.venue_id = v.id
                      UNION SELECT e.film_id FROM event e WHERE e.venue_id = v.id)),
                 (SELECT count(*) FROM event e WHERE e.venue_id = v.id)
             FROM venue v ORDER BY v.name_key, v.id",
        )?
        .query_map([], |row| {
            Ok(VenueSummary {
                id: VenueId(row.get(0)?),
                name: row.get(1)?,
                films: u32::try_from(row.get::<_, i64>(2)?).unwrap_or(0),
                events: u32::try_from(row.get::<_, i64>(3)?).unwrap_or(0),
            })
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(venues)
}

pub(super) fn venue(conn: &Connection, id: VenueId) -> Result<Option<VenueDetail>> {
    let Some(name) = conn
        .prepare_cached("SELECT name FROM venue WHERE id = ?1")?
        .query_row([id.0], |row| row.get::<_, String>(0))
        .optional()?
    else {
        return Ok(None);
    };
    let films = conn
        .prepare_cached(
            "SELECT f.id, f.title, f.year FROM film f WHERE f.id IN
                 (SELECT r.film_id FROM review_venue rv JOIN review r ON r.id = rv.review_id
                  WHERE rv.venue_id = ?1
                  UNION SELECT e.film_id FROM event e WHERE e.venue_id = ?1)
             ORDER BY f.title_key, f.id",
        )?
        .query_map([id.0], |row| {
            Ok(FilmRef { id: FilmId(row.get(0)?), title: row.get(1)?, year: row.get(2)? })
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    let events = events(conn, &EventQuery { venue: Some(id), ..EventQuery::default() })?;
    Ok(Some(VenueDetail { id, name, films, events }))
}

fn event_views(conn: &Connection, tail: &str, params: Vec<Value>) -> Result<Vec<EventView>> {
    let mut events = conn
        .prepare_cached(&format!(
            "SELECT e.id, e.kind, e.date, e.time, v.id, v.name, f.id, f.title, f.year, e.review_id,
                    r.published, d.ingested_at
             FROM event e JOIN film f ON f.id = e.film_id LEFT JOIN venue v ON v.id = e.venue_id
             JOIN review r ON r.id = e.review_id JOIN document d ON d.id = r.document_id
             {tail}"
        ))?
        .query_map(params_from_iter(params), |row| {
            let venue = match row.get::<_, Option<i64>>(4)? {
                Some(id) => Some(VenueRef { id: VenueId(id), name: row.get(5)? }),
                None => None,
            };
            Ok(EventView {
                id: row.get(0)?,
                kind: row.get(1)?,
                date: row.get(2)?,
                time: row.get(3)?,
                venue,
                film: FilmRef { id: FilmId(row.get(6)?), title: row.get(7)?, year: row.get(8)? },
                participants: Vec::new(),
                review: ReviewId(row.get(9)?),
                review_published: row.get(10)?,
                ingested_at: row.get(11)?,
            })
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    let mut stmt = conn.prepare_cached(
        "SELECT p.id, p.name FROM event_participant ep JOIN person p ON p.id = ep.person_id
         WHERE ep.event_id = ?1 ORDER BY ep.position",
    )?;
    for event in &mut events {
        event.participants = stmt
            .query_map([event.id], |row| Ok(PersonRef { id: PersonId(row.get(0)?), name: row.get(1)? }))?
            .collect::<rusqlite::Result<_>>()?;
    }
    Ok(events)
}

/// Whether `date` is a `YYYY-MM-DD` day.
fn is_day(date: &str) -> bool {
    chrono::NaiveDate::parse_from_str(date, "%Y-%m-%d").is_ok() && date.len() == 10
}

pub(super) fn events(conn: &Connection, query: &EventQuery) -> Result<Vec<EventView>> {
    let mut filters = vec!["1 = 1".to_owned()];
    let mut params = Vec::new();
    if let Some(venue) = query.venue {
        params.push(Value::Integer(venue.0));
        filters.push(format!("e.venue_id = ?{}", params.len()));
    }
    if let Some(film) = query.film {
        params.push(Value::Integer(film.0));
        filters.push(format!("e.film_id = ?{}", params.len()));
    }
    if let Some(from) = &query.from {
        if !is_day(from) {
            return Err(Error::InvalidQuery(format!("`from` must be YYYY-MM-DD, not {from:?}")));
        }
        params.push(Value::Text(from.clone()));
        // A yearless date (--MM-DD) compares on month and day alone.
        filters.push(format!(
            "e.date IS NOT NULL AND CASE WHEN e.date LIKE '--%'
                 THEN substr(e.date, 3) >= substr(?{n}, 6) ELSE e.date >= ?{n} END",
            n = params.len()
        ));
    }
    params.push(Value::Integer(i64::from(query.limit)));
    let tail = format!(
        "WHERE {} ORDER BY e.date IS NULL, e.date, e.time, e.id LIMIT ?{}",
        filters.join(" AND "),
        params.len()
    );
    event_views(conn, &tail, params)
}

// ------------------------------------------------------ index and export ---

/// A film's names for the index, shared by all its reviews.
struct FilmNames {
    directors: Vec<String>,
    writers: Vec<String>,
    cast: Vec<String>,
    characters: Vec<String>,
}

fn film_names(conn: &Connection, film: FilmId) -> Result<FilmNames> {
    let credits = film_credits(conn, film)?;
    let names = |people: &[PersonRef]| people.iter().map(|p| p.name.clone()).collect();
    Ok(FilmNames {
        directors: names(&credits.directors),
        writers: names(&credits.writers),
        cast: credits.cast.iter().map(|c| c.person.name.clone()).collect(),
        characters: credits.cast.iter().filter_map(|c| c.character.clone()).collect(),
    })
}

pub(super) fn for_each_review_for_index(
    conn: &Connection,
    after: Option<ReviewId>,
    f: &mut dyn FnMut(IndexReview) -> ControlFlow<()>,
) -> Result<()> {
    let mut stmt = conn.prepare(
        "SELECT r.id, f.id, f.title, f.year, c.name, pb.name, r.published, f.cert_rating,
                r.label, r.score, r.fresh, coalesce(r.text, d.content), c.id
         FROM review r JOIN film f ON f.id = r.film_id JOIN document d ON d.id = r.document_id
         LEFT JOIN critic c ON c.id = r.critic_id
         LEFT JOIN publication pb ON pb.id = r.publication_id
         WHERE r.id > ?1 ORDER BY r.id",
    )?;
    let mut venues = conn.prepare(
        "SELECT v.name FROM review_venue rv JOIN venue v ON v.id = rv.venue_id
         WHERE rv.review_id = ?1 ORDER BY rv.position",
    )?;
    let mut names: HashMap<i64, Rc<FilmNames>> = HashMap::new();
    let mut rows = stmt.query([after.map_or(0, |id| id.0)])?;
    while let Some(row) = rows.next()? {
        let id = ReviewId(row.get(0)?);
        let film = FilmId(row.get(1)?);
        let film_names = match names.get(&film.0) {
            Some(found) => Rc::clone(found),
            None => {
                let found = Rc::new(film_names(conn, film)?);
                names.insert(film.0, Rc::clone(&found));
                found
            }
        };
        let year: Option<i32> = row.get(3)?;
        let item = IndexReview {
            id,
            film,
            title: row.get(2)?,
            year,
            directors: film_names.directors.clone(),
            writers: film_names.writers.clone(),
            cast: film_names.cast.clone(),
            characters: film_names.characters.clone(),
            critic: row.get(4)?,
            critic_id: row.get::<_, Option<i64>>(12)?.map(CriticId),
            publication: row.get(5)?,
            published: row.get(6)?,
            venues: venues.query_map([id.0], |r| r.get(0))?.collect::<rusqlite::Result<_>>()?,
            certificate: row.get(7)?,
            decade: year.map(|y| y - y.rem_euclid(10)),
            label: row.get::<_, Option<String>>(8)?.as_deref().and_then(label_of),
            score: u8_of(row.get(9)?),
            fresh: row.get(10)?,
            evidence: evidence(conn, id)?,
            text: row.get(11)?,
        };
        if f(item).is_break() {
            break;
        }
    }
    Ok(())
}

pub(super) fn for_each_film_export(
    conn: &Connection,
    f: &mut dyn FnMut(FilmExport) -> ControlFlow<()>,
) -> Result<()> {
    let all = global(conn)?;
    let mut stmt = conn.prepare("SELECT id FROM film ORDER BY id")?;
    let mut rows = stmt.query([])?;
    while let Some(row) = rows.next()? {
        let id = FilmId(row.get(0)?);
        let Some(fields) = film_fields(conn, id)? else { continue };
        let (titles, imdb_id) = film_titles(conn, id)?;
        let item = FilmExport {
            id,
            title: fields.row.title,
            titles,
            imdb_id,
            year: fields.row.year,
            runtime_minutes: fields.row.runtime,
            certificate: fields.certificate,
            distributor: fields.distributor,
            genres: fields.genres,
            credits: film_credits(conn, id)?,
            standing: standing::standing(&fields.row.tally, &all),
        };
        if f(item).is_break() {
            break;
        }
    }
    Ok(())
}

pub(super) fn for_each_review_export(
    conn: &Connection,
    f: &mut dyn FnMut(ReviewExport) -> ControlFlow<()>,
) -> Result<()> {
    let mut stmt = conn.prepare(
        "SELECT r.id, r.film_id, r.document_id, d.source, r.critic_id, r.record,
                coalesce(r.text, d.content), f.imdb_id
         FROM review r JOIN document d ON d.id = r.document_id JOIN film f ON f.id = r.film_id
         ORDER BY r.id",
    )?;
    let mut rows = stmt.query([])?;
    while let Some(row) = rows.next()? {
        let mut record: Review = parse_json(&row.get::<_, String>(5)?)?;
        record.text = row.get(6)?;
        let item = ReviewExport {
            id: ReviewId(row.get(0)?),
            film: FilmId(row.get(1)?),
            imdb_id: row.get(7)?,
            document: DocumentId(row.get(2)?),
            source: row.get(3)?,
            critic: row.get::<_, Option<i64>>(4)?.map(CriticId),
            record,
        };
        if f(item).is_break() {
            break;
        }
    }
    Ok(())
}
