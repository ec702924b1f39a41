//! Resolution in the SQLite store: gather each review's evidence, let
//! `marquee_resolve` group the reviews into films and the bylines into
//! critics, and write the groups back (moving reviews, merging and
//! splitting film rows, keeping `film_stats`, events and `film_title`
//! current).
//!
//! Only the parts of the title graph that changed are resolved again: the
//! connected components ([`marquee_resolve::components`]) that hold a
//! review not yet resolved, or a review a new decision names. A component
//! is resolved whole, and resolution is a function of its evidence, so the
//! result does not depend on the order in which reviews arrived or on the
//! batches they came in.

use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};

use marquee_model::{CriticId, FilmId, ReviewId};
use marquee_resolve::{
    CriticDecision, CriticEvidence, Decision, FilmEvidence, FilmGroup, TitleVariants, components, resolve_critics,
    resolve_films,
};
use rusqlite::{Connection, OptionalExtension, params};

use crate::api::Resolution;
use crate::normalize::{name_key, title_key};
use crate::{Error, Result};

/// One review as resolution reads it.
struct Row {
    id: i64,
    film: i64,
    pending: bool,
    evidence: FilmEvidence,
}

/// Resolves the films of every review not resolved yet (all reviews when
/// `everything`), and then the critics; returns what changed.
pub(super) fn resolve(conn: &Connection, everything: bool) -> Result<Resolution> {
    let mut out = Resolution::default();
    resolve_films_in(conn, everything, &mut out)?;
    resolve_critics_in(conn, everything, &mut out)?;
    Ok(out)
}

fn resolve_films_in(conn: &Connection, everything: bool, out: &mut Resolution) -> Result<()> {
    let pending: i64 = conn.query_row("SELECT count(*) FROM review WHERE resolved = 0", [], |r| r.get(0))?;
    if pending == 0 && !everything {
        return Ok(());
    }
    let mut rows: Vec<Row> = Vec::new();
    {
        let mut stmt = conn.prepare_cached(
            "SELECT id, film_id, resolved, ident, title, year, runtime_minutes, json_extract(record, '$.film.aka')
             FROM review",
        )?;
        let mut q = stmt.query([])?;
        while let Some(r) = q.next()? {
            let aka: Option<String> = r.get(7)?;
            rows.push(Row {
                id: r.get(0)?,
                film: r.get(1)?,
                pending: everything || r.get::<_, i64>(2)? == 0,
                evidence: FilmEvidence {
                    ident: r.get::<_, Option<String>>(3)?.unwrap_or_default(),
                    title: r.get(4)?,
                    aka: aka.as_deref().and_then(|a| serde_json::from_str(a).ok()).unwrap_or_default(),
                    year: r.get(5)?,
                    runtime: r.get::<_, Option<i64>>(6)?.and_then(|t| u32::try_from(t).ok()),
                    ..FilmEvidence::default()
                },
            });
        }
    }
    let index_of: HashMap<&str, usize> = rows.iter().enumerate().map(|(i, r)| (r.evidence.ident.as_str(), i)).collect();

    // Curators' decisions, as pairs of review indices.
    let mut decisions: Vec<Decision> = Vec::new();
    {
        let mut stmt = conn.prepare_cached("SELECT kind, a, b FROM decision WHERE subject = 'film' ORDER BY id")?;
        let mut q = stmt.query([])?;
        while let Some(r) = q.next()? {
            let (kind, a, b): (String, String, String) = (r.get(0)?, r.get(1)?, r.get(2)?);
            if let (Some(&a), Some(&b)) = (index_of.get(a.as_str()), index_of.get(b.as_str())) {
                decisions.push(if kind == "same" { Decision::Same(a, b) } else { Decision::Apart(a, b) });
            }
        }
    }

    // The components of the title graph, with decisions as edges too.
    let mut keys: Vec<Vec<String>> = rows
        .iter()
        .map(|r| TitleVariants::new(&r.evidence.title, &r.evidence.aka).blocks().collect())
        .collect();
    for (n, d) in decisions.iter().enumerate() {
        let (Decision::Same(a, b) | Decision::Apart(a, b)) = *d;
        keys[a].push(format!("d:{n}"));
        keys[b].push(format!("d:{n}"));
    }
    let part = components(&keys);
    drop(keys);
    let affected_parts: HashSet<usize> = rows.iter().enumerate().filter(|(_, r)| r.pending).map(|(i, _)| part[i]).collect();
    let affected: Vec<usize> = (0..rows.len()).filter(|&i| affected_parts.contains(&part[i])).collect();
    if affected.is_empty() {
        return Ok(());
    }

    // Credits of the affected reviews.
    let wanted: HashMap<i64, usize> = affected.iter().map(|&i| (rows[i].id, i)).collect();
    {
        let mut stmt = conn.prepare_cached(
            "SELECT c.review_id, c.role, p.name_key FROM credit c JOIN person p ON p.id = c.person_id
             WHERE c.role IN ('director', 'cast')",
        )?;
        let mut q = stmt.query([])?;
        while let Some(r) = q.next()? {
            let review: i64 = r.get(0)?;
            let Some(&i) = wanted.get(&review) else { continue };
            let person: String = r.get(2)?;
            let role: String = r.get(1)?;
            let list = if role == "director" { &mut rows[i].evidence.directors } else { &mut rows[i].evidence.cast };
            list.push(person);
        }
    }
    for &i in &affected {
        let e = &mut rows[i].evidence;
        e.directors.sort();
        e.directors.dedup();
        e.cast.sort();
        e.cast.dedup();
    }

    // Resolve the affected reviews together (components never mix).
    let local: HashMap<usize, usize> = affected.iter().enumerate().map(|(l, &i)| (i, l)).collect();
    let evidence: Vec<FilmEvidence> = affected.iter().map(|&i| rows[i].evidence.clone()).collect();
    let local_decisions: Vec<Decision> = decisions
        .iter()
        .filter_map(|d| match *d {
            Decision::Same(a, b) => Some(Decision::Same(*local.get(&a)?, *local.get(&b)?)),
            Decision::Apart(a, b) => Some(Decision::Apart(*local.get(&a)?, *local.get(&b)?)),
        })
        .collect();
    let groups = resolve_films(&evidence, &local_decisions);
    apply_films(conn, &rows, &affected, &groups, out)?;
    conn.execute("UPDATE review SET resolved = 1 WHERE resolved = 0", [])?;
    Ok(())
}

/// Writes film groups back: each group keeps the film row that holds most
/// of its reviews (ties: the smallest id), or gets a new one; reviews that
/// changed group move; rows left without reviews go.
fn apply_films(
    conn: &Connection,
    rows: &[Row],
    affected: &[usize],
    groups: &[FilmGroup],
    out: &mut Resolution,
) -> Result<()> {
    let old_films: BTreeSet<i64> = affected.iter().map(|&i| rows[i].film).collect();
    // Bigger groups choose first, so a film's id stays with most of it.
    let mut order: Vec<usize> = (0..groups.len()).collect();
    order.sort_by_key(|&g| std::cmp::Reverse(groups[g].members.len()));
    let mut taken: BTreeSet<i64> = BTreeSet::new();
    let mut film_of: Vec<Option<i64>> = vec![None; groups.len()];
    for &g in &order {
        let mut votes: BTreeMap<i64, usize> = BTreeMap::new();
        for &m in &groups[g].members {
            *votes.entry(rows[affected[m]].film).or_default() += 1;
        }
        let best = votes
            .iter()
            .filter(|(f, _)| !taken.contains(f))
            .max_by(|a, b| a.1.cmp(b.1).then(b.0.cmp(a.0)))
            .map(|(f, _)| *f);
        if let Some(f) = best {
            taken.insert(f);
            film_of[g] = Some(f);
        }
    }
    let mut changed: BTreeSet<i64> = BTreeSet::new();
    for (g, group) in groups.iter().enumerate() {
        let film = match film_of[g] {
            Some(f) => f,
            None => {
                let id: i64 = conn
                    .prepare_cached("INSERT INTO film (title, title_key) VALUES (?1, ?2) RETURNING id")?
                    .query_row(params![group.title, title_key(&group.title)], |r| r.get(0))?;
                id
            }
        };
        let mut moved_any = film_of[g].is_none();
        for &m in &group.members {
            let row = &rows[affected[m]];
            if row.film != film {
                conn.prepare_cached("UPDATE review SET film_id = ?2 WHERE id = ?1")?.execute(params![row.id, film])?;
                out.moved.push((ReviewId(row.id), FilmId(film)));
                changed.insert(row.film);
                moved_any = true;
            }
        }
        if moved_any || group.members.iter().any(|&m| rows[affected[m]].pending) {
            describe_film(conn, film, group, &rows_of(rows, affected, group))?;
            changed.insert(film);
        }
    }
    for film in old_films.difference(&taken) {
        let left: i64 = conn.query_row("SELECT count(*) FROM review WHERE film_id = ?1", [film], |r| r.get(0))?;
        if left == 0 {
            conn.execute("DELETE FROM film WHERE id = ?1", [film])?;
            out.removed.push(FilmId(*film));
            changed.remove(film);
        }
    }
    out.changed.extend(changed.into_iter().map(FilmId));
    Ok(())
}

fn rows_of(rows: &[Row], affected: &[usize], group: &FilmGroup) -> Vec<i64> {
    group.members.iter().map(|&m| rows[affected[m]].id).collect()
}

/// Sets a film's title, year, runtime and titles from its group, and its
/// other fields from its reviews in ident order (the first that gives
/// each), so that they do not depend on the order of ingest. A film linked
/// to a catalogue entry takes the catalogue's title and year.
fn describe_film(conn: &Connection, film: i64, group: &FilmGroup, reviews: &[i64]) -> Result<()> {
    let mut distributor: Option<String> = None;
    let mut certificate: Option<String> = None;
    let mut genres: Option<String> = None;
    let mut stmt = conn.prepare_cached(
        "SELECT json_extract(record, '$.film.distributor'), json_extract(record, '$.film.certificate'),
                json_extract(record, '$.film.genres')
         FROM review WHERE id = ?1",
    )?;
    let mut ordered: Vec<(String, i64)> = Vec::with_capacity(reviews.len());
    for &r in reviews {
        let ident: String = conn
            .prepare_cached("SELECT ident FROM review WHERE id = ?1")?
            .query_row([r], |row| row.get(0))?;
        ordered.push((ident, r));
    }
    ordered.sort();
    for (_, r) in &ordered {
        let (d, c, g): (Option<String>, Option<String>, Option<String>) =
            stmt.query_row([r], |row| Ok((row.get(0)?, row.get(1)?, row.get(2)?)))?;
        if distributor.is_none() {
            distributor = d;
        }
        if certificate.is_none() && c.as_deref().is_some_and(|c| c != "null") {
            certificate = c;
        }
        if genres.is_none() && g.as_deref().is_some_and(|g| g != "[]") {
            genres = g;
        }
        if distributor.is_some() && certificate.is_some() && genres.is_some() {
            break;
        }
    }
    let cert: Option<marquee_model::Certificate> =
        certificate.as_deref().and_then(|c| serde_json::from_str(c).ok());
    let reasons = cert.as_ref().map(|c| serde_json::to_string(&c.reasons)).transpose().map_err(|e| Error::Corrupt(e.to_string()))?;
    let catalog: Option<(String, Option<i32>, Option<i64>)> = conn
        .prepare_cached(
            "SELECT t.title, t.year, t.runtime FROM film f JOIN catalog_title t ON t.tconst = f.imdb_id WHERE f.id = ?1",
        )?
        .query_row([film], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
        .optional()?;
    let (title, year, runtime) = match &catalog {
        Some((t, y, rt)) => (t.clone(), y.or(group.year), rt.map(|r| r as u32).or(group.runtime)),
        None => (group.title.clone(), group.year, group.runtime),
    };
    conn.prepare_cached(
        "UPDATE film SET title = ?2, title_key = ?3, year = ?4, runtime_minutes = ?5, distributor = ?6,
             cert_system = ?7, cert_rating = ?8, cert_reasons = ?9, genres = ?10
         WHERE id = ?1",
    )?
    .execute(params![
        film,
        title,
        title_key(&title),
        year,
        runtime,
        distributor,
        cert.as_ref().map(|c| &c.system),
        cert.as_ref().map(|c| &c.rating),
        reasons,
        genres.unwrap_or_else(|| "[]".into()),
    ])?;
    conn.prepare_cached("DELETE FROM film_title WHERE film_id = ?1 AND source != 'catalog'")?.execute([film])?;
    let mut insert = conn.prepare_cached(
        "INSERT OR IGNORE INTO film_title (film_id, title_key, title, reviews, source) VALUES (?1, ?2, ?3, ?4, ?5)",
    )?;
    for t in &group.titles {
        insert.execute(params![film, t.key, t.title, t.reviews, if t.alternative { "alternative" } else { "review" }])?;
    }
    Ok(())
}

// ---------------------------------------------------------------- critics ---

fn resolve_critics_in(conn: &Connection, everything: bool, out: &mut Resolution) -> Result<()> {
    let pending: i64 = conn.query_row(
        "SELECT count(*) FROM critic_name n WHERE NOT EXISTS (SELECT 1 FROM review r WHERE r.critic_key = n.name_key)
         OR n.name_key IN (SELECT critic_key FROM review WHERE resolved = 0)",
        [],
        |r| r.get(0),
    )?;
    let _ = pending;
    // Every byline, with its evidence. A few thousand at most: resolved whole.
    let mut bylines: Vec<CriticEvidence> = Vec::new();
    let mut current: Vec<i64> = Vec::new();
    {
        let mut stmt = conn.prepare_cached(
            "SELECT n.name_key, n.name, n.critic_id, count(r.id),
                    group_concat(r.critic_emails, ' '),
                    group_concat(DISTINCT pb.name_key)
             FROM critic_name n
             LEFT JOIN review r ON r.critic_key = n.name_key
             LEFT JOIN publication pb ON pb.id = r.publication_id
             GROUP BY n.name_key ORDER BY n.name_key",
        )?;
        let mut q = stmt.query([])?;
        while let Some(r) = q.next()? {
            let emails: Option<String> = r.get(4)?;
            let publications: Option<String> = r.get(5)?;
            let mut emails: Vec<String> = emails.unwrap_or_default().split_whitespace().map(str::to_owned).collect();
            emails.sort();
            emails.dedup();
            let mut publications: Vec<String> =
                publications.unwrap_or_default().split(',').filter(|p| !p.is_empty()).map(str::to_owned).collect();
            publications.sort();
            publications.dedup();
            bylines.push(CriticEvidence {
                key: r.get(0)?,
                name: r.get(1)?,
                reviews: u32::try_from(r.get::<_, i64>(3)?).unwrap_or(0),
                emails,
                publications,
            });
            current.push(r.get(2)?);
        }
    }
    let _ = everything;
    let index_of: HashMap<&str, usize> = bylines.iter().enumerate().map(|(i, b)| (b.key.as_str(), i)).collect();
    let mut decisions = Vec::new();
    {
        let mut stmt = conn.prepare_cached("SELECT kind, a, b FROM decision WHERE subject = 'critic' ORDER BY id")?;
        let mut q = stmt.query([])?;
        while let Some(r) = q.next()? {
            let (kind, a, b): (String, String, String) = (r.get(0)?, r.get(1)?, r.get(2)?);
            if let (Some(&a), Some(&b)) = (index_of.get(a.as_str()), index_of.get(b.as_str())) {
                decisions.push(if kind == "same" { CriticDecision::Same(a, b) } else { CriticDecision::Apart(a, b) });
            }
        }
    }
    let groups = resolve_critics(&bylines, &decisions);

    // Each group keeps the critic row holding most of its reviews.
    let mut order: Vec<usize> = (0..groups.len()).collect();
    let size = |g: usize| groups[g].members.iter().map(|&m| bylines[m].reviews).sum::<u32>();
    order.sort_by_key(|&g| std::cmp::Reverse(size(g)));
    let mut taken: BTreeSet<i64> = BTreeSet::new();
    let mut target: Vec<Option<i64>> = vec![None; groups.len()];
    for &g in &order {
        let mut votes: BTreeMap<i64, u32> = BTreeMap::new();
        for &m in &groups[g].members {
            *votes.entry(current[m]).or_default() += bylines[m].reviews.max(1);
        }
        if let Some(c) = votes.iter().filter(|(c, _)| !taken.contains(c)).max_by(|a, b| a.1.cmp(b.1).then(b.0.cmp(a.0))).map(|(c, _)| *c) {
            taken.insert(c);
            target[g] = Some(c);
        }
    }
    let all: BTreeSet<i64> = current.iter().copied().collect();
    let mut renames: Vec<(i64, usize)> = Vec::new();
    for (g, group) in groups.iter().enumerate() {
        let canonical = &bylines[group.canonical];
        let critic = match target[g] {
            Some(c) => c,
            None => conn
                .prepare_cached("INSERT INTO critic (name, name_key) VALUES (?1, ?2) RETURNING id")?
                .query_row(params![canonical.name, format!("#new {}", canonical.key)], |r| r.get(0))?,
        };
        let mut touched = target[g].is_none();
        for &m in &group.members {
            if current[m] != critic {
                conn.prepare_cached("UPDATE critic_name SET critic_id = ?2 WHERE name_key = ?1")?
                    .execute(params![bylines[m].key, critic])?;
                conn.prepare_cached("UPDATE review SET critic_id = ?2 WHERE critic_key = ?1")?
                    .execute(params![bylines[m].key, critic])?;
                out.critics.push(CriticId(current[m]));
                touched = true;
            }
        }
        if touched {
            out.critics.push(CriticId(critic));
        }
        renames.push((critic, group.canonical));
    }
    for c in all.difference(&taken) {
        let left: i64 = conn.query_row("SELECT count(*) FROM critic_name WHERE critic_id = ?1", [c], |r| r.get(0))?;
        if left == 0 {
            conn.execute("UPDATE review SET critic_id = NULL WHERE critic_id = ?1", [c])?;
            conn.execute("DELETE FROM critic WHERE id = ?1", [c])?;
        }
    }
    // Critics are named by their canonical byline; keys move in two steps
    // so that no two rows hold one key in between.
    for &(critic, b) in &renames {
        let key: String = conn.query_row("SELECT name_key FROM critic WHERE id = ?1", [critic], |r| r.get(0))?;
        if key != bylines[b].key {
            conn.execute("UPDATE critic SET name_key = '#' || id WHERE id = ?1", [critic])?;
        }
    }
    for &(critic, b) in &renames {
        conn.prepare_cached("UPDATE critic SET name = ?2, name_key = ?3 WHERE id = ?1")?
            .execute(params![critic, bylines[b].name, bylines[b].key])?;
    }
    out.critics.sort_unstable_by_key(|c| c.0);
    out.critics.dedup();
    Ok(())
}

/// The review idents of a film, in order.
pub(super) fn film_idents(conn: &Connection, film: FilmId) -> Result<Vec<String>> {
    let mut stmt = conn.prepare_cached("SELECT ident FROM review WHERE film_id = ?1 ORDER BY ident")?;
    let idents = stmt.query_map([film.0], |r| r.get(0))?.collect::<rusqlite::Result<Vec<String>>>()?;
    Ok(idents)
}

/// Records a decision.
pub(super) fn decide(conn: &Connection, subject: &str, same: bool, a: &str, b: &str, now: &str) -> Result<()> {
    // The newest word wins: an earlier decision the other way goes.
    conn.prepare_cached(
        "DELETE FROM decision WHERE subject = ?1 AND ((a = ?2 AND b = ?3) OR (a = ?3 AND b = ?2))",
    )?
    .execute(params![subject, a, b])?;
    conn.prepare_cached("INSERT INTO decision (subject, kind, a, b, made_at) VALUES (?1, ?2, ?3, ?4, ?5)")?
        .execute(params![subject, if same { "same" } else { "apart" }, a, b, now])?;
    Ok(())
}

/// Forgets any decision between `a` and `b`.
pub(super) fn undecide(conn: &Connection, subject: &str, a: &str, b: &str) -> Result<()> {
    conn.prepare_cached(
        "DELETE FROM decision WHERE subject = ?1 AND ((a = ?2 AND b = ?3) OR (a = ?3 AND b = ?2))",
    )?
    .execute(params![subject, a, b])?;
    Ok(())
}

/// Forgets every "same" decision that names `a`; the others it tied
/// together stay tied to each other.
pub(super) fn forget_same(conn: &Connection, subject: &str, a: &str, now: &str) -> Result<()> {
    let partners: Vec<String> = conn
        .prepare_cached(
            "SELECT CASE WHEN a = ?2 THEN b ELSE a END FROM decision
             WHERE subject = ?1 AND kind = 'same' AND (a = ?2 OR b = ?2) ORDER BY id",
        )?
        .query_map(params![subject, a], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    conn.prepare_cached("DELETE FROM decision WHERE subject = ?1 AND kind = 'same' AND (a = ?2 OR b = ?2)")?
        .execute(params![subject, a])?;
    for p in partners.iter().skip(1) {
        decide(conn, subject, true, &partners[0], p, now)?;
    }
    Ok(())
}

/// Marks reviews for resolution again.
pub(super) fn mark_pending(conn: &Connection, idents: &[String]) -> Result<()> {
    let mut stmt = conn.prepare_cached("UPDATE review SET resolved = 0 WHERE ident = ?1")?;
    for ident in idents {
        stmt.execute([ident])?;
    }
    Ok(())
}

/// The byline keys of a critic.
pub(super) fn critic_keys(conn: &Connection, critic: CriticId) -> Result<Vec<String>> {
    let mut stmt = conn.prepare_cached("SELECT name_key FROM critic_name WHERE critic_id = ?1 ORDER BY name_key")?;
    let keys = stmt.query_map([critic.0], |r| r.get(0))?.collect::<rusqlite::Result<Vec<String>>>()?;
    Ok(keys)
}

/// The key of a byline as a curator types it.
pub(super) fn byline_key(name: &str) -> String {
    name_key(name)
}
