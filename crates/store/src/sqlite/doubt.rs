//! What a curator should look at (`marquee films --doubtful`).

use std::collections::{BTreeMap, BTreeSet, HashMap};

use marquee_model::FilmId;
use marquee_resolve::{TitleMatch, TitleVariants};
use rusqlite::Connection;

use crate::api::{Doubt, Doubts, Duplicate, FilmRef};
use crate::Result;

/// A title longer than this many words reads as a sentence or a heading
/// run into the title, not a film's title.
const MAX_TITLE_WORDS: usize = 10;

pub(super) fn doubtful(conn: &Connection, limit: u32) -> Result<Doubts> {
    let limit = limit as usize;
    let mut films: BTreeMap<i64, (FilmRef, u32, bool)> = BTreeMap::new(); // ref, reviews, has directors
    {
        let mut stmt = conn.prepare_cached(
            "SELECT f.id, f.title, f.year, coalesce(s.reviews, 0),
                    EXISTS (SELECT 1 FROM review r JOIN credit c ON c.review_id = r.id AND c.role = 'director'
                            WHERE r.film_id = f.id)
             FROM film f LEFT JOIN film_stats s ON s.film_id = f.id WHERE f.title_key != ''",
        )?;
        let mut q = stmt.query([])?;
        while let Some(r) = q.next()? {
            let id: i64 = r.get(0)?;
            films.insert(id, (FilmRef { id: FilmId(id), title: r.get(1)?, year: r.get(2)? }, r.get(3)?, r.get(4)?));
        }
    }

    // Weak titles: a title no second review confirms, on a film with
    // nothing else to recognise it by; or a title shaped like a sentence.
    let mut weak = Vec::new();
    for (film, reviews, directed) in films.values() {
        let words = film.title.split_whitespace().count();
        let reason = if words > MAX_TITLE_WORDS || film.title.ends_with(['.', '!', '?']) {
            Some(format!("the title reads like a sentence or a heading ({words} words)"))
        } else if *reviews == 1 && film.year.is_none() && !directed {
            Some("one review gives this title, with no year or director to confirm it".to_owned())
        } else {
            None
        };
        if let Some(reason) = reason {
            weak.push(Doubt { film: film.clone(), reviews: *reviews, reason });
        }
    }
    weak.sort_by(|a, b| b.reviews.cmp(&a.reviews).then(a.film.id.0.cmp(&b.film.id.0)));
    weak.truncate(limit);

    // Likely duplicates: films whose reviews' titles meet but that
    // resolution kept apart.
    let mut by_key: HashMap<String, BTreeSet<i64>> = HashMap::new();
    let mut variants: HashMap<i64, TitleVariants> = HashMap::new();
    {
        let mut stmt = conn.prepare_cached("SELECT film_id, title FROM review WHERE title != '' ORDER BY id")?;
        let mut q = stmt.query([])?;
        while let Some(r) = q.next()? {
            let (film, title): (i64, String) = (r.get(0)?, r.get(1)?);
            let v = TitleVariants::new(&title, &[]);
            for key in v.blocks() {
                by_key.entry(key).or_default().insert(film);
            }
            variants.entry(film).or_insert(v);
        }
    }
    let mut pairs: BTreeSet<(i64, i64)> = BTreeSet::new();
    for set in by_key.values().filter(|s| s.len() > 1 && s.len() <= 8) {
        let ids: Vec<i64> = set.iter().copied().collect();
        for (i, &a) in ids.iter().enumerate() {
            for &b in &ids[i + 1..] {
                pairs.insert((a, b));
            }
        }
    }
    let mut duplicates = Vec::new();
    for (a, b) in pairs {
        let (Some(fa), Some(fb)) = (films.get(&a), films.get(&b)) else { continue };
        let how = variants.get(&a).zip(variants.get(&b)).and_then(|(x, y)| x.matches(y));
        let what = match how {
            Some(TitleMatch::Full) => "the same title",
            Some(TitleMatch::Part) => "one title is part of the other",
            Some(TitleMatch::Spelling) => "titles spelled alike",
            None => "titles that share a part",
        };
        let apart = match (fa.0.year, fb.0.year) {
            (Some(x), Some(y)) if x != y => format!("years {x} and {y}"),
            _ if fa.2 && fb.2 => "different directors".to_owned(),
            _ => "no shared year, director or cast".to_owned(),
        };
        duplicates.push((fa.1 + fb.1, Duplicate { a: fa.0.clone(), b: fb.0.clone(), reason: format!("{what}; kept apart by {apart}") }));
    }
    duplicates.sort_by(|x, y| y.0.cmp(&x.0).then(x.1.a.id.0.cmp(&y.1.a.id.0)).then(x.1.b.id.0.cmp(&y.1.b.id.0)));
    let likely_duplicates = duplicates.into_iter().take(limit).map(|(_, d)| d).collect();

    let untitled = super::read::review_summaries(
        conn,
        &format!("WHERE f.title_key = '' ORDER BY r.id LIMIT {limit}"),
        Vec::new(),
    )?;
    Ok(Doubts { weak_titles: weak, likely_duplicates, untitled })
}
