//! When two reviews are of the same film, and two names the same person;
//! that the grouping does not depend on the order of ingest; and that
//! curators' corrections last.

use std::collections::{BTreeMap, BTreeSet};
use std::ops::ControlFlow;

use marquee_model::{CastMember, Extraction, Film, FilmId, Review};
use marquee_store::{ContentKind, DocumentInput, Ingest, SqliteStore, Store};

use crate::{film, ingest, review};

/// The grouping in `store`: sets of review sources (the document content
/// the tests give), one set per film, in a canonical order.
fn grouping(store: &SqliteStore) -> BTreeSet<BTreeSet<String>> {
    let mut by_film: BTreeMap<FilmId, BTreeSet<String>> = BTreeMap::new();
    store
        .for_each_review_export(&mut |r| {
            by_film.entry(r.film).or_default().insert(r.source.clone());
            ControlFlow::Continue(())
        })
        .unwrap();
    by_film.into_values().collect()
}

/// The film of the review stored from document `source`.
fn film_of(store: &SqliteStore, source: &str) -> FilmId {
    let mut found = None;
    store
        .for_each_review_export(&mut |r| {
            if r.source == source {
                found = Some(r.film);
            }
            ControlFlow::Continue(())
        })
        .unwrap();
    found.unwrap_or_else(|| panic!("no review from {source}"))
}

/// Stores `docs` (source, review) in batches of `batch`, resolving after
/// each batch as an ingest does.
fn store_all(store: &mut SqliteStore, docs: &[(String, Review)], batch: usize) {
    let extractions: Vec<Extraction> = docs
        .iter()
        .map(|(source, r)| Extraction { source: source.clone(), reviews: vec![r.clone()], ..Extraction::default() })
        .collect();
    for chunk in docs.iter().zip(&extractions).collect::<Vec<_>>().chunks(batch) {
        let items: Vec<Ingest<'_>> = chunk
            .iter()
            .map(|((source, _), extraction)| Ingest {
                doc: DocumentInput { source, origin: source, content: source, kind: ContentKind::Text },
                extraction,
            })
            .collect();
        for outcome in store.ingest_batch(&items).unwrap() {
            outcome.unwrap();
        }
        store.resolve().unwrap();
    }
}

/// Ingests each film, in order, as its own review document, and checks which
/// ended up as one film: `expected` lists the groups of indices.
#[track_caller]
fn check(films: &[Film], expected: &[&[usize]]) {
    let mut store = SqliteStore::open_in_memory().unwrap();
    for (i, f) in films.iter().enumerate() {
        ingest(&mut store, &format!("doc {i}"), vec![review(f.clone(), "C", 50, &[])]);
    }
    let ids: Vec<FilmId> = (0..films.len()).map(|i| film_of_doc(&store, i)).collect();
    let mut groups: Vec<Vec<usize>> = Vec::new();
    for (i, id) in ids.iter().enumerate() {
        match groups.iter_mut().find(|g| ids[g[0]] == *id) {
            Some(group) => group.push(i),
            None => groups.push(vec![i]),
        }
    }
    let expected: Vec<Vec<usize>> = expected.iter().map(|g| g.to_vec()).collect();
    assert_eq!(groups, expected);
}

/// The film of the review ingested by [`check`] as its `i`th document
/// (documents are numbered from 1 in the order stored).
fn film_of_doc(store: &SqliteStore, i: usize) -> FilmId {
    let mut found = None;
    store
        .for_each_review_export(&mut |r| {
            if r.document.0 == i as i64 + 1 {
                found = Some(r.film);
            }
            ControlFlow::Continue(())
        })
        .unwrap();
    found.unwrap_or_else(|| panic!("no review from document {i}"))
}

#[test]
fn same_title_and_year_is_one_film() {
    check(&[film("The Matrix", Some(1999), &[]), film("Matrix, The", Some(1999), &["Lana Wachowski"])], &[&[0, 1]]);
}

#[test]
fn same_title_other_year_is_a_remake() {
    check(&[film("Psycho", Some(1960), &["Alfred Hitchcock"]), film("Psycho", Some(1998), &["Gus Van Sant"])], &[&[0], &[1]]);
    // The year decides even when the credits agree (a director remaking
    // their own film).
    check(&[film("The Sheep", Some(1970), &["Ann Dee"]), film("The Sheep", Some(1990), &["Ann Dee"])], &[&[0], &[1]]);
}

#[test]
fn a_missing_year_needs_a_shared_director() {
    check(&[film("Her Smell", None, &["Alex Ross Perry"]), film("Her Smell", Some(2019), &["Alex Ross Perry", "X"])], &[&[0, 1]]);
    check(&[film("Her Smell", Some(2019), &["Alex Ross Perry"]), film("HER SMELL", None, &["alex ross  perry"])], &[&[0, 1]]);
    check(&[film("Crash", Some(1996), &["David Cronenberg"]), film("Crash", None, &["Paul Haggis"])], &[&[0], &[1]]);
    // Neither year known: the directors decide.
    check(&[film("Crash", None, &["Paul Haggis"]), film("Crash", None, &["Paul Haggis"]), film("Crash", None, &["David Cronenberg"])], &[&[0, 1], &[2]]);
}

#[test]
fn a_review_with_nothing_against_it_joins_the_most_reviewed_film_of_its_title() {
    check(&[film("Her Smell", Some(2019), &["Alex Ross Perry"]), film("Her Smell", None, &[])], &[&[0, 1]]);
    check(&[film("Her Smell", None, &[]), film("Her Smell", None, &[])], &[&[0, 1]]);
    // A year on one side and only directors on the other: nothing conflicts.
    check(&[film("Crash", Some(1996), &[]), film("Crash", None, &["Paul Haggis"])], &[&[0, 1]]);
    check(
        &[film("Her Smell", None, &[]), film("Her Smell", Some(2019), &[]), film("Her Smell", Some(2019), &[]), film("Her Smell", Some(2023), &[])],
        &[&[0, 1, 2], &[3]],
    );
    check(
        &[
            film("Psycho", Some(1998), &[]),
            film("Psycho", Some(1960), &[]),
            film("Psycho", Some(1960), &[]),
            film("Psycho", None, &[]),
        ],
        &[&[0], &[1, 2, 3]],
    );
}

#[test]
fn variants_of_a_title_join_on_credits() {
    let lucas = &["Garth Pellow"][..];
    check(
        &[
            film("Comet Wars: Episode I -- The Quiet Armada", Some(1999), lucas),
            film("The Quiet Armada", Some(1999), &[]),
            film("Comet Wars Episode 1: The Quiet Armada", None, lucas),
            film("Comet Wars", Some(1977), lucas),
            film("Comet Wars", Some(1999), &[]),
        ],
        &[&[0, 1, 2, 4], &[3]],
    );
    check(&[film("Lantern Fair Part III", Some(1990), &["Ida Noor"]), film("Lantern Fair 3", None, &["Ida Noor"])], &[&[0, 1]]);
    check(&[film("Innerharbor", Some(1987), &["Ida Noor"]), film("Inner Harbor", Some(1987), &[])], &[&[0, 1]]);
    // A shortened title without corroboration stays apart.
    check(&[film("Comet Wars: The Quiet Armada", Some(1999), &[]), film("The Quiet Armada", None, &[])], &[&[0], &[1]]);
}

#[test]
fn cast_overlap_corroborates() {
    let mut a = film("The Salt Road: A Winter Tale", None, &[]);
    let mut b = film("The Salt Road", None, &[]);
    for f in [&mut a, &mut b] {
        f.cast = ["Mira Okafor", "Tobias Wren", "June Halloway"]
            .iter()
            .map(|n| CastMember { name: n.to_string(), character: None })
            .collect();
    }
    check(&[a, b], &[&[0, 1]]);
}

#[test]
fn titles_without_letters_are_never_merged() {
    check(&[film("", None, &[]), film("", None, &[]), film("...", None, &[])], &[&[0], &[1], &[2]]);
}

#[test]
fn a_person_is_their_normalised_name() {
    let mut store = SqliteStore::open_in_memory().unwrap();
    ingest(&mut store, "a", vec![review(film("A", Some(2000), &["J. R. R. Tolkien", "Pedro Almodóvar"]), "C", 50, &[])]);
    ingest(&mut store, "b", vec![review(film("B", Some(2001), &["J.R.R. Tolkien", "PEDRO ALMODOVAR"]), "c", 50, &[])]);
    let counts = store.counts().unwrap();
    assert_eq!((counts.people, counts.critics, counts.films), (2, 1, 2));
    let tolkien = &store.find_people("jrr tolkien", 5).unwrap()[0];
    assert_eq!(tolkien.name, "J. R. R. Tolkien", "the first spelling is kept");
    assert_eq!(store.person(tolkien.id).unwrap().unwrap().directed.len(), 2);
}

/// A small corpus of our own: variants of titles, remakes, bare capsules.
fn corpus() -> Vec<(String, Review)> {
    let f = |title: &str, year, directors: &[&str]| film(title, year, directors);
    let films = [
        f("Comet Wars: Episode I -- The Quiet Armada", Some(1999), &["Garth Pellow"]),
        f("The Quiet Armada", Some(1999), &[]),
        f("Comet Wars Episode 1: The Quiet Armada", None, &["Garth Pellow"]),
        f("Comet Wars", Some(1977), &["Garth Pellow"]),
        f("Comet Wars", None, &[]),
        f("Comet Wars", Some(1977), &[]),
        f("Harbor of Lies", Some(1960), &["Ann Dee"]),
        f("Harbor of Lies", Some(1998), &["Bo Varga"]),
        f("Harbor of Lies", None, &[]),
        f("Harbor of Lies", Some(1998), &[]),
        f("Harbour of Lies", Some(1998), &["Bo Varga"]),
        f("Lantern Fair Part III", Some(1990), &["Ida Noor"]),
        f("Lantern Fair 3", None, &["Ida Noor"]),
        f("Lantern Fair", Some(1984), &["Ida Noor"]),
        f("Innerharbor", Some(1987), &["Olu Sena"]),
        f("Inner Harbor", Some(1987), &[]),
        f("", None, &["Olu Sena"]),
        f("The Long Thaw", Some(2004), &[]),
        f("Long Thaw, The", None, &[]),
    ];
    films
        .into_iter()
        .enumerate()
        .map(|(i, film)| (format!("review {i:02} of {}", film.title), review(film, &format!("Critic {}", i % 4), 60, &[])))
        .collect()
}

#[test]
fn the_grouping_does_not_depend_on_order_or_batches() {
    let docs = corpus();
    let mut reference = SqliteStore::open_in_memory().unwrap();
    store_all(&mut reference, &docs, docs.len());
    let expected = grouping(&reference);
    // The corpus is grouped as its titles say (a sanity check on the
    // reference itself).
    assert!(expected.len() >= 7 && expected.len() <= 10, "{expected:#?}");

    let mut reversed = docs.clone();
    reversed.reverse();
    // A fixed shuffle: every seventh, wrapping.
    let shuffled: Vec<_> = (0..docs.len()).map(|i| docs[(i * 7) % docs.len()].clone()).collect();
    for (order, batch) in [(&reversed, 1), (&shuffled, 3), (&docs, 2), (&shuffled, 5)] {
        let mut store = SqliteStore::open_in_memory().unwrap();
        store_all(&mut store, order, batch);
        assert_eq!(grouping(&store), expected, "batches of {batch}");
        // Resolving everything again changes nothing.
        store.resolve_all().unwrap();
        assert_eq!(grouping(&store), expected, "re-resolved, batches of {batch}");
        assert!(store.check_consistency().unwrap().is_empty(), "{:?}", store.check_consistency());
    }
}

#[test]
fn a_later_review_joins_two_earlier_films() {
    let mut store = SqliteStore::open_in_memory().unwrap();
    let short = ("short".to_owned(), review(film("The Quiet Armada", Some(1999), &[]), "A", 60, &[]));
    let long = ("long".to_owned(), review(film("Comet Wars: The Quiet Armada", None, &["Garth Pellow"]), "B", 60, &[]));
    store_all(&mut store, &[short.clone(), long.clone()], 1);
    assert_eq!(grouping(&store).len(), 2, "nothing joins them yet");
    let both = ("both".to_owned(), review(film("Comet Wars: The Quiet Armada", Some(1999), &["Garth Pellow"]), "C", 60, &[]));
    store_all(&mut store, &[both], 1);
    assert_eq!(grouping(&store).len(), 1, "{:?}", grouping(&store));
    assert_eq!(store.counts().unwrap().films, 1);
    let film = store.film(film_of(&store, "short")).unwrap().unwrap();
    assert_eq!(film.standing.reviews, 3);
    assert!(store.check_consistency().unwrap().is_empty());
}

#[test]
fn a_curators_merge_survives_reingest_and_new_reviews() {
    let docs = vec![
        ("one".to_owned(), review(film("Night Ferry", Some(1991), &["Ann Dee"]), "A", 60, &[])),
        ("two".to_owned(), review(film("The Ferry at Night", Some(1992), &["Bo Varga"]), "B", 40, &[])),
    ];
    let mut store = SqliteStore::open_in_memory().unwrap();
    store_all(&mut store, &docs, 2);
    let (a, b) = (film_of(&store, "one"), film_of(&store, "two"));
    assert_ne!(a, b);
    store.merge_films(a, b).unwrap();
    assert_eq!(film_of(&store, "one"), film_of(&store, "two"));

    // The same documents again, new reviews of both titles, a replaced
    // document, and a resolution from scratch: still one film.
    store_all(&mut store, &docs, 1);
    let more = vec![
        ("three".to_owned(), review(film("Night Ferry", Some(1991), &["Ann Dee"]), "C", 70, &[])),
        ("four".to_owned(), review(film("The Ferry at Night", Some(1992), &["Bo Varga"]), "D", 30, &[])),
    ];
    store_all(&mut store, &more, 1);
    let two = &docs[1];
    let extraction = Extraction { source: two.0.clone(), reviews: vec![two.1.clone()], ..Extraction::default() };
    store
        .replace(&DocumentInput { source: &two.0, origin: &two.0, content: &two.0, kind: ContentKind::Text }, &extraction)
        .unwrap();
    store.resolve_all().unwrap();
    let film = film_of(&store, "one");
    for source in ["two", "three", "four"] {
        assert_eq!(film_of(&store, source), film, "{source}");
    }
    assert_eq!(store.film(film).unwrap().unwrap().standing.reviews, 4);
    assert!(store.check_consistency().unwrap().is_empty());
}

#[test]
fn a_split_and_a_move_last() {
    let docs: Vec<(String, Review)> = (0..4)
        .map(|i| (format!("doc {i}"), review(film("Glass Harbor", Some(2001), &[]), "A", 60, &[])))
        .collect();
    let mut store = SqliteStore::open_in_memory().unwrap();
    store_all(&mut store, &docs, 4);
    let glass = film_of(&store, "doc 0");
    let review_of = |store: &SqliteStore, source: &str| {
        let mut id = None;
        store
            .for_each_review_export(&mut |r| {
                if r.source == source {
                    id = Some(r.id);
                }
                ControlFlow::Continue(())
            })
            .unwrap();
        id.unwrap()
    };
    let (r2, r3) = (review_of(&store, "doc 2"), review_of(&store, "doc 3"));
    store.split_film(glass, &[r2, r3]).unwrap();
    assert_eq!(grouping(&store).len(), 2);
    assert_eq!(film_of(&store, "doc 2"), film_of(&store, "doc 3"));
    assert_ne!(film_of(&store, "doc 0"), film_of(&store, "doc 2"));

    // Move doc 3 back beside doc 0.
    store.move_review(r3, film_of(&store, "doc 0")).unwrap();
    store.resolve_all().unwrap();
    assert_eq!(film_of(&store, "doc 3"), film_of(&store, "doc 0"));
    assert_ne!(film_of(&store, "doc 2"), film_of(&store, "doc 0"));
    // A new review of the same title joins the larger film, never undoing
    // the correction.
    store_all(&mut store, &[("doc 4".to_owned(), review(film("Glass Harbor", Some(2001), &[]), "B", 60, &[]))], 1);
    assert_eq!(film_of(&store, "doc 3"), film_of(&store, "doc 0"));
    assert_ne!(film_of(&store, "doc 2"), film_of(&store, "doc 0"));
    assert!(store.merge_films(FilmId(9999), glass).is_err());
}

#[test]
fn a_film_keeps_every_title_it_is_known_by() {
    let docs = vec![
        ("a".to_owned(), review(film("Comet Wars: Episode I -- The Quiet Armada", Some(1999), &["Garth Pellow"]), "A", 60, &[])),
        ("b".to_owned(), review(film("The Quiet Armada", Some(1999), &[]), "B", 60, &[])),
        ("c".to_owned(), review(film("The Quiet Armada", Some(1999), &[]), "C", 60, &[])),
    ];
    let mut store = SqliteStore::open_in_memory().unwrap();
    store_all(&mut store, &docs, 3);
    let detail = store.film(film_of(&store, "a")).unwrap().unwrap();
    assert_eq!(detail.title, "The Quiet Armada", "the commonest title");
    assert_eq!(detail.titles, vec!["The Quiet Armada".to_owned(), "Comet Wars: Episode I -- The Quiet Armada".to_owned()]);
    let found = store.find_films("comet wars episode", 5).unwrap();
    assert_eq!(found.first().map(|f| f.id), Some(detail.id), "found by any of its titles");
}

#[test]
fn bylines_of_one_critic_join_and_namesakes_stay_apart() {
    let by = |source: &str, critic: &str, text: &str| {
        let mut r = review(film(source, Some(2000), &[]), critic, 60, &[]);
        r.text = text.into();
        (source.to_owned(), r)
    };
    let docs = vec![
        by("Film A", "Lena R. Marsh", "Good. -- Lena R. Marsh <lena@example.org>"),
        by("Film B", "Lena R. Marsh, Jr.", "Fine."),
        by("Film C", "Lena Marsh", "Fine."),
        by("Film D", "Owen Marsh", "Bad. owen@example.org"),
    ];
    let mut store = SqliteStore::open_in_memory().unwrap();
    store_all(&mut store, &docs, 1);
    let critics = store.critics().unwrap();
    let names: BTreeSet<(String, u32)> = critics.iter().map(|c| (c.name.clone(), c.reviews)).collect();
    assert_eq!(names, BTreeSet::from([("Lena R. Marsh".to_owned(), 3), ("Owen Marsh".to_owned(), 1)]));

    // A curator splits the suffixed byline off, then merges it back.
    let lena = critics.iter().find(|c| c.name == "Lena R. Marsh").unwrap().id;
    store.split_critic(lena, &["Lena R. Marsh, Jr.".to_owned()]).unwrap();
    assert_eq!(store.critics().unwrap().len(), 3);
    store.resolve_all().unwrap();
    assert_eq!(store.critics().unwrap().len(), 3, "the split lasts");
    let junior = store.critics().unwrap().into_iter().find(|c| c.name == "Lena R. Marsh, Jr.").unwrap().id;
    store.merge_critics(lena, junior).unwrap();
    assert_eq!(store.critics().unwrap().len(), 2);
}
