//! When two reviews are of the same film, and two names the same person.

use marquee_model::{Film, FilmId};
use marquee_store::{IngestOutcome, SqliteStore, Store};

use crate::{film, ingest, review};

/// Ingests each film, in order, as its own review document, and checks which
/// ended up as one film: `expected` lists the groups of indices.
#[track_caller]
fn check(films: &[Film], expected: &[&[usize]]) {
    let mut store = SqliteStore::open_in_memory().unwrap();
    let ids: Vec<FilmId> = films
        .iter()
        .enumerate()
        .map(|(i, f)| match ingest(&mut store, &format!("doc {i}"), vec![review(f.clone(), "C", 50, &[])]) {
            IngestOutcome::Inserted { films, .. } => films[0],
            other => panic!("{other:?}"),
        })
        .collect();
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
    // A year on one side and only directors on the other: nothing shared.
    check(&[film("Crash", Some(1996), &[]), film("Crash", None, &["Paul Haggis"])], &[&[0], &[1]]);
    // Neither year known: the directors decide.
    check(&[film("Crash", None, &["Paul Haggis"]), film("Crash", None, &["Paul Haggis"]), film("Crash", None, &["David Cronenberg"])], &[&[0, 1], &[2]]);
}

#[test]
fn a_bare_review_joins_the_most_reviewed_film_of_its_title() {
    check(&[film("Her Smell", Some(2019), &["Alex Ross Perry"]), film("Her Smell", None, &[])], &[&[0, 1]]);
    check(&[film("Her Smell", None, &[]), film("Her Smell", None, &[])], &[&[0, 1]]);
    // A bare film takes the first review with evidence, which fills it in.
    check(&[film("Her Smell", None, &[]), film("Her Smell", Some(2019), &[]), film("Her Smell", Some(2020), &[])], &[&[0, 1], &[2]]);
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
