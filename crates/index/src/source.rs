//! Turning stored records into index documents.

use std::collections::{BTreeMap, BTreeSet};
use std::ops::ControlFlow;

use marquee_model::{CriticId, FilmId, PersonId, ReviewId};
use marquee_store::{CriticSummary, FilmDetail, FilmQuery, FilmSort, IndexReview, MAX_PER_PAGE, Store};

use crate::schema::{DocKind, IndexDoc};
use crate::{Error, Result};

fn store_err(e: marquee_store::Error) -> Error {
    Error::Store(e.to_string())
}

/// The index document of one review.
pub fn review_doc(r: IndexReview) -> IndexDoc {
    let mut doc = IndexDoc::new(DocKind::Review, r.id.0, r.title);
    doc.film_id = Some(r.film.0);
    doc.year = r.year;
    doc.directors = r.directors;
    doc.cast = r.cast;
    doc.cast.extend(r.characters);
    doc.critic = r.critic;
    doc.venues = r.venues;
    doc.label = r.label;
    doc.certificate = r.certificate;
    doc.text = r.text;
    doc
}

/// The index document of one film, from its stored detail.
pub fn film_doc(f: &FilmDetail) -> IndexDoc {
    let mut doc = IndexDoc::new(DocKind::Film, f.id.0, f.title.clone());
    doc.year = f.year;
    doc.directors = f.credits.directors.iter().map(|p| p.name.clone()).collect();
    for c in &f.credits.cast {
        doc.cast.push(c.person.name.clone());
        if let Some(character) = &c.character {
            doc.cast.push(character.clone());
        }
    }
    doc.venues = f.venues.iter().map(|v| v.name.clone()).collect();
    doc.label = f.standing.label;
    doc.certificate = f.certificate.as_ref().map(|c| c.rating.clone());
    // The film's own text: what people might search a film by besides its
    // credits (genres, writers, producers, distributor) and its consensus.
    let mut text: Vec<&str> = f.genres.iter().map(String::as_str).collect();
    text.extend(f.credits.writers.iter().map(|p| p.name.as_str()));
    text.extend(f.credits.producers.iter().map(|p| p.name.as_str()));
    text.extend(f.distributor.as_deref());
    text.extend(f.consensus.iter().map(|c| c.sentence.as_str()));
    doc.text = text.join(". ");
    doc
}

/// The index document of a person credited on films with these titles.
pub fn person_doc(id: PersonId, name: &str, film_titles: &[&str]) -> IndexDoc {
    let mut doc = IndexDoc::new(DocKind::Person, id.0, name);
    doc.text = film_titles.join(". ");
    doc
}

/// The index document of a critic.
pub fn critic_doc(critic: &CriticSummary) -> IndexDoc {
    let mut doc = IndexDoc::new(DocKind::Critic, critic.id.0, critic.name.clone());
    doc.critic = Some(critic.name.clone());
    doc.text = critic.publications.join(". ");
    doc
}

/// Every review in `store` after `after`, as index documents.
pub fn review_docs(store: &dyn Store, after: Option<ReviewId>) -> Result<Vec<IndexDoc>> {
    let mut docs = Vec::new();
    store
        .for_each_review_for_index(after, &mut |r| {
            docs.push(review_doc(r));
            ControlFlow::Continue(())
        })
        .map_err(store_err)?;
    Ok(docs)
}

/// Every document the index holds for `store`: reviews, films, people and
/// critics.
pub fn docs_from_store(store: &dyn Store) -> Result<Vec<IndexDoc>> {
    let mut docs = review_docs(store, None)?;

    // Films, one page at a time; people are gathered from the films'
    // credits, with the titles of their films as their text.
    let mut people: BTreeMap<i64, (String, Vec<String>)> = BTreeMap::new();
    let mut page = 1;
    loop {
        let query = FilmQuery { page, per_page: MAX_PER_PAGE, sort: FilmSort::Title, ..FilmQuery::default() };
        let films = store.films(&query).map_err(store_err)?;
        for summary in &films.items {
            let Some(detail) = store.film(summary.id).map_err(store_err)? else { continue };
            let credits = &detail.credits;
            let named = credits.directors.iter().chain(&credits.writers).chain(&credits.producers)
                .chain(credits.cast.iter().map(|c| &c.person));
            for person in named {
                let entry = people.entry(person.id.0).or_insert_with(|| (person.name.clone(), Vec::new()));
                if !entry.1.contains(&detail.title) {
                    entry.1.push(detail.title.clone());
                }
            }
            docs.push(film_doc(&detail));
        }
        if films.items.is_empty() || u64::from(page) * u64::from(MAX_PER_PAGE) >= films.total {
            break;
        }
        page += 1;
    }
    for (id, (name, films)) in people {
        let titles: Vec<&str> = films.iter().map(String::as_str).collect();
        docs.push(person_doc(PersonId(id), &name, &titles));
    }
    for critic in store.critics().map_err(store_err)? {
        docs.push(critic_doc(&critic));
    }
    Ok(docs)
}

/// Past this many critics, [`docs_for_changes`] reads every critic's record
/// in one query instead of one query each.
const CRITICS_ONE_BY_ONE: usize = 16;

/// The documents that change when `reviews` are stored (of `films`): the
/// reviews themselves, their films (whose standing moved), the people
/// credited on those films, and the reviews' critics. What
/// [`docs_from_store`] would give for these records, without reading the
/// rest of the store.
pub fn docs_for_changes(store: &dyn Store, reviews: &[ReviewId], films: &[FilmId]) -> Result<Vec<IndexDoc>> {
    let mut docs = Vec::new();
    let wanted: BTreeSet<ReviewId> = reviews.iter().copied().collect();
    let mut critics: BTreeSet<CriticId> = BTreeSet::new();
    if let (Some(first), Some(last)) = (wanted.first(), wanted.last()) {
        // New reviews have the largest ids, so this reads little beyond them.
        let (first, last) = (*first, *last);
        store
            .for_each_review_for_index(Some(ReviewId(first.0 - 1)), &mut |r| {
                if r.id > last {
                    return ControlFlow::Break(());
                }
                if wanted.contains(&r.id) {
                    critics.extend(r.critic_id);
                    docs.push(review_doc(r));
                }
                ControlFlow::Continue(())
            })
            .map_err(store_err)?;
    }

    let mut people: BTreeMap<PersonId, String> = BTreeMap::new();
    let films: BTreeSet<FilmId> = films.iter().copied().collect();
    for film in films {
        let Some(detail) = store.film(film).map_err(store_err)? else { continue };
        let credits = &detail.credits;
        let named = credits.directors.iter().chain(&credits.writers).chain(&credits.producers)
            .chain(credits.cast.iter().map(|c| &c.person));
        for person in named {
            people.entry(person.id).or_insert_with(|| person.name.clone());
        }
        docs.push(film_doc(&detail));
    }
    for (id, name) in people {
        let mut titles: Vec<&str> = Vec::new();
        let detail = store.person(id).map_err(store_err)?;
        if let Some(p) = &detail {
            for f in p.directed.iter().chain(&p.wrote).chain(&p.produced).chain(&p.performed) {
                if !titles.contains(&f.film.title.as_str()) {
                    titles.push(&f.film.title);
                }
            }
        }
        docs.push(person_doc(id, &name, &titles));
    }

    if critics.len() > CRITICS_ONE_BY_ONE {
        for critic in store.critics().map_err(store_err)? {
            if critics.contains(&critic.id) {
                docs.push(critic_doc(&critic));
            }
        }
    } else {
        for id in critics {
            if let Some(critic) = store.critic(id).map_err(store_err)? {
                docs.push(critic_doc(&critic.summary));
            }
        }
    }
    Ok(docs)
}
