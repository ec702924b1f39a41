//! The Store suite, written against the trait and run against every
//! back-end: SQLite in memory and on disk (PostgreSQL would join here, gated
//! on `MARQUEE_TEST_PG_URL`).

use std::ops::ControlFlow;

use marquee_model::{
    CastMember, Certificate, Event, Extraction, Mentions, Rating, VerdictLabel,
};
use marquee_store::{
    ContentKind, DocumentInput, EventQuery, FilmQuery, FilmSort, Ingest, IngestOutcome,
    ReviewQuery, Store,
};

use crate::{film, ingest, review};

macro_rules! backends {
    ($($test:ident),* $(,)?) => {
        mod sqlite_memory {
            $(#[test] fn $test() { super::$test(&mut marquee_store::SqliteStore::open_in_memory().unwrap()); })*
        }
        mod sqlite_file {
            $(#[test] fn $test() {
                let dir = tempfile::tempdir().unwrap();
                let mut store = marquee_store::SqliteStore::open(dir.path().join("t.db")).unwrap();
                super::$test(&mut store);
            })*
        }
    };
}

backends!(
    same_content_twice_is_unchanged,
    batch_keeps_good_documents_and_dedupes,
    replace_swaps_a_documents_reviews,
    film_page_has_everything,
    film_lists_filter_and_sort,
    reviews_filter_by_critic_and_film,
    critics_generosity_against_peers,
    people_venues_and_events,
    index_and_export_iterators,
    bad_queries_are_user_errors,
    review_text_falls_back_to_the_document,
);

fn same_content_twice_is_unchanged(store: &mut dyn Store) {
    let first = ingest(store, "one review", vec![review(film("Alpha", Some(1999), &[]), "Ann Critic", 70, &[])]);
    let before = store.counts().unwrap();
    let again = ingest(store, "one review", vec![review(film("Beta", Some(1999), &[]), "Bob Critic", 10, &[])]);
    assert_eq!(again, IngestOutcome::Unchanged { document: first.document() });
    assert_eq!(store.counts().unwrap(), before);
    assert_eq!((before.documents, before.reviews, before.films, before.critics), (1, 1, 1, 1));
    // Different content is a different document, even with the same source.
    assert!(ingest(store, "one review!", vec![]).is_inserted());
    assert_eq!(store.counts().unwrap().documents, 2);
}

fn batch_keeps_good_documents_and_dedupes(store: &mut dyn Store) {
    let extraction = |title: &str| Extraction {
        source: "x".into(),
        reviews: vec![review(film(title, Some(2001), &["Dee Rector"]), "Ann Critic", 64, &["Fine."])],
        ..Extraction::default()
    };
    let (a, b) = (extraction("A Film"), extraction("Another Film"));
    let mut bad = extraction("Bad Film");
    // A score out of range violates the schema's CHECK: that document alone
    // must be rolled back.
    bad.reviews[0].rating = Some(Rating { text: "11/10".into(), score: 110 });
    let doc = |content| DocumentInput { source: "x", origin: "x", content, kind: ContentKind::Text };
    let batch = [
        Ingest { doc: doc("a"), extraction: &a },
        Ingest { doc: doc("bad"), extraction: &bad },
        Ingest { doc: doc("b"), extraction: &b },
        Ingest { doc: doc("a"), extraction: &a },
    ];
    let outcomes = store.ingest_batch(&batch).unwrap();
    assert!(outcomes[0].as_ref().unwrap().is_inserted());
    assert!(outcomes[1].is_err(), "{:?}", outcomes[1]);
    assert!(outcomes[2].as_ref().unwrap().is_inserted());
    assert!(matches!(outcomes[3], Ok(IngestOutcome::Unchanged { .. })));
    let counts = store.counts().unwrap();
    assert_eq!((counts.documents, counts.reviews, counts.films, counts.people), (2, 2, 2, 1));
    assert!(store.find_films("Bad Film", 5).unwrap().is_empty());
}

fn replace_swaps_a_documents_reviews(store: &mut dyn Store) {
    ingest(store, "other", vec![review(film("Kept", Some(1990), &["Kay Director"]), "Ann Critic", 90, &[])]);
    ingest(store, "page", vec![review(film("Old Reading", Some(1990), &["Old Director"]), "Bob Critic", 20, &[])]);
    let extraction = Extraction {
        source: "page".into(),
        reviews: vec![review(film("Kept", Some(1990), &[]), "Bob Critic", 80, &[])],
        ..Extraction::default()
    };
    let doc = DocumentInput { source: "page", origin: "page", content: "page", kind: ContentKind::Text };
    let outcome = store.replace(&doc, &extraction).unwrap();
    assert!(outcome.is_inserted());
    let counts = store.counts().unwrap();
    // The old film and its director went with the old reading.
    assert_eq!((counts.documents, counts.reviews, counts.films, counts.people), (2, 2, 1, 1));
    let kept = &store.find_films("Kept", 1).unwrap()[0];
    assert_eq!(kept.standing.scored, 2);
    assert_eq!(kept.standing.mean_score, Some(85.0));
}

fn film_page_has_everything(store: &mut dyn Store) {
    let mut her_smell = film("Her Smell", None, &["Alex Ross Perry"]);
    her_smell.writers = vec!["Alex Ross Perry".into()];
    her_smell.cast = vec![
        CastMember { name: "Elisabeth Moss".into(), character: None },
        CastMember { name: "Dan Stevens".into(), character: None },
    ];
    her_smell.runtime_minutes = Some(135);
    her_smell.certificate =
        Some(Certificate { system: "MPAA".into(), rating: "R".into(), reasons: vec!["language".into()] });
    let mut first = review(her_smell.clone(), "Ann Critic", 58, &["Moss does her best work here."]);
    first.venues = vec!["The Roxy".into()];
    first.events = vec![Event {
        kind: "Q&A".into(),
        date: Some("--04-27".into()),
        time: Some("18:30".into()),
        venue: Some("Film Center".into()),
        participants: vec!["Alex Ross Perry".into(), "Anika Pyle".into()],
    }];
    first.mentions = Mentions { people: vec!["Bryan Adams".into()], films: vec!["Georgia".into()], music: vec![] };
    ingest(store, "first", vec![first]);
    // A second critic credits a character the first left unnamed.
    let mut second_film = film("HER SMELL", Some(2019), &["Alex Ross Perry"]);
    second_film.cast = vec![CastMember { name: "Elisabeth Moss".into(), character: Some("Becky".into()) }];
    ingest(store, "second", vec![review(second_film, "Bob Critic", 80, &["Moss is ferocious."])]);

    let found = store.find_films("her smell", 5).unwrap();
    assert_eq!(found.len(), 1, "{found:?}");
    let detail = store.film(found[0].id).unwrap().unwrap();
    assert_eq!(detail.title, "Her Smell");
    assert_eq!(detail.year, Some(2019), "a later review fills the year in");
    assert_eq!(detail.runtime_minutes, Some(135));
    assert_eq!(detail.certificate.as_ref().unwrap().reasons, ["language"]);
    let names = |people: &[marquee_store::PersonRef]| people.iter().map(|p| p.name.clone()).collect::<Vec<_>>();
    assert_eq!(names(&detail.credits.directors), ["Alex Ross Perry"]);
    assert_eq!(names(&detail.credits.writers), ["Alex Ross Perry"]);
    let cast: Vec<_> = detail.credits.cast.iter().map(|c| (c.person.name.as_str(), c.character.as_deref())).collect();
    assert_eq!(cast, [("Elisabeth Moss", Some("Becky")), ("Dan Stevens", None)]);
    assert_eq!(detail.reviews.len(), 2);
    assert_eq!(detail.reviews[0].critic.as_ref().unwrap().name, "Bob Critic", "newest first");
    assert_eq!(detail.reviews[1].verdict.as_ref().unwrap().evidence, ["Moss does her best work here."]);
    assert_eq!(detail.standing.scored, 2);
    assert_eq!(detail.standing.mean_score, Some(69.0));
    assert_eq!(detail.standing.fresh_share, None, "fewer than five reviews");
    assert_eq!(detail.venues.len(), 1);
    assert_eq!(detail.events.len(), 1);
    let event = &detail.events[0];
    assert_eq!((event.kind.as_str(), event.date.as_deref(), event.time.as_deref()), ("Q&A", Some("--04-27"), Some("18:30")));
    assert_eq!(event.venue.as_ref().unwrap().name, "Film Center");
    assert_eq!(names(&event.participants), ["Alex Ross Perry", "Anika Pyle"]);
    assert_eq!(detail.consensus.len(), 2);
    // "moss" is the only content word the two reviews share; the shorter
    // sentence that has it wins the tie.
    assert_eq!(detail.consensus[0].sentence, "Moss is ferocious.");

    let review = store.review(detail.reviews[1].id).unwrap().unwrap();
    assert_eq!(review.mentions.people, ["Bryan Adams"]);
    assert_eq!(review.mentions.films, ["Georgia"]);
    assert_eq!(review.text, "Ann Critic on Her Smell: 58.");
    assert!(store.film(marquee_model::FilmId(9999)).unwrap().is_none());
}

fn film_lists_filter_and_sort(store: &mut dyn Store) {
    let mut certified = |title: &str, year: i32, rating: &str, scores: &[u8]| {
        let mut f = film(title, Some(year), &[]);
        f.certificate = Some(Certificate { system: "MPAA".into(), rating: rating.into(), reasons: vec![] });
        for (i, score) in scores.iter().enumerate() {
            ingest(store, &format!("{title} {i}"), vec![review(f.clone(), &format!("Critic {i}"), *score, &[])]);
        }
    };
    certified("Loved", 1994, "PG-13", &[90, 85, 95, 88, 92]);
    certified("Liked Once", 1995, "R", &[100]);
    certified("Hated", 1987, "R", &[10, 20]);
    certified("So So", 2003, "PG", &[50, 55]);
    ingest(store, "unscored", vec![marquee_model::Review::new(film("Unjudged", Some(2010), &[]))]);

    let titles = |query: FilmQuery| -> Vec<String> {
        store.films(&query).unwrap().items.into_iter().map(|f| f.title).collect()
    };
    // Shrinkage: one perfect review ranks below five excellent ones.
    assert_eq!(titles(FilmQuery::default()), ["Loved", "Liked Once", "So So", "Hated", "Unjudged"]);
    assert_eq!(titles(FilmQuery { sort: FilmSort::Title, ..FilmQuery::default() }),
               ["Hated", "Liked Once", "Loved", "So So", "Unjudged"]);
    assert_eq!(titles(FilmQuery { sort: FilmSort::Year, ..FilmQuery::default() }),
               ["Unjudged", "So So", "Liked Once", "Loved", "Hated"]);
    assert_eq!(titles(FilmQuery { sort: FilmSort::Reviews, per_page: 2, ..FilmQuery::default() }), ["Loved", "Hated"]);
    assert_eq!(titles(FilmQuery { sort: FilmSort::Recent, per_page: 1, ..FilmQuery::default() }), ["Unjudged"]);
    assert_eq!(titles(FilmQuery { certificate: Some("r".into()), ..FilmQuery::default() }), ["Liked Once", "Hated"]);
    assert_eq!(titles(FilmQuery { decade: Some(1990), ..FilmQuery::default() }), ["Loved", "Liked Once"]);
    assert_eq!(titles(FilmQuery { decade: Some(1987), ..FilmQuery::default() }), ["Hated"]);
    assert_eq!(titles(FilmQuery { label: Some(VerdictLabel::Mixed), ..FilmQuery::default() }), ["So So"]);
    let page = store.films(&FilmQuery { page: 2, per_page: 2, sort: FilmSort::Title, ..FilmQuery::default() }).unwrap();
    assert_eq!((page.total, page.items.len(), page.items[0].title.as_str()), (5, 2, "Loved"));
    let loved = &store.best_films(1).unwrap()[0];
    assert_eq!(loved.title, "Loved");
    assert_eq!(loved.standing.fresh_share, Some(1.0));
    assert_eq!(loved.certificate.as_deref(), Some("PG-13"));
    assert_eq!(store.best_films(10).unwrap().len(), 4, "unscored films are not ranked");
    // A trailing year picks among same-titled films.
    assert_eq!(store.find_films("Loved (1994)", 5).unwrap().len(), 1);
    assert!(store.find_films("Loved 1995", 5).unwrap().is_empty());
    assert_eq!(store.find_films("o", 10).unwrap()[0].title, "Loved", "substring matches, most reviews first");
}

fn reviews_filter_by_critic_and_film(store: &mut dyn Store) {
    let a = film("Alpha", Some(2000), &[]);
    let b = film("Beta", Some(2000), &[]);
    ingest(store, "1", vec![review(a.clone(), "James Berardinelli", 75, &[])]);
    ingest(store, "2", vec![review(b.clone(), "James Berardinelli", 25, &[])]);
    ingest(store, "3", vec![review(a, "Mark R. Leeper", 60, &[])]);
    let sources = |query: ReviewQuery| -> Vec<String> {
        store.reviews(&query).unwrap().items.into_iter().map(|r| r.source).collect()
    };
    assert_eq!(sources(ReviewQuery::default()), ["1.txt", "1.txt", "1.txt"]);
    assert_eq!(sources(ReviewQuery { critic_name: Some("berardinelli".into()), ..ReviewQuery::default() }).len(), 2);
    assert_eq!(sources(ReviewQuery { film_title: Some("ALPHA".into()), ..ReviewQuery::default() }).len(), 2);
    let both = store.reviews(&ReviewQuery {
        critic_name: Some("leeper".into()),
        film_title: Some("alpha".into()),
        ..ReviewQuery::default()
    }).unwrap();
    assert_eq!(both.total, 1);
    assert_eq!(both.items[0].verdict.as_ref().unwrap().score, 60);
    assert_eq!(sources(ReviewQuery { label: Some(VerdictLabel::Negative), ..ReviewQuery::default() }).len(), 1);
    let recent = store.recent_reviews(2).unwrap();
    assert_eq!(recent.iter().map(|r| r.critic.as_ref().unwrap().name.as_str()).collect::<Vec<_>>(),
               ["Mark R. Leeper", "James Berardinelli"]);
}

fn critics_generosity_against_peers(store: &mut dyn Store) {
    let x = film("Film X", Some(2001), &[]);
    let y = film("Film Y", Some(2002), &[]);
    ingest(store, "px", vec![review(x.clone(), "Pat", 80, &[])]);
    ingest(store, "qx", vec![review(x.clone(), "Quinn", 60, &[])]);
    ingest(store, "rx", vec![review(x, "Robin", 70, &[])]);
    ingest(store, "py", vec![review(y.clone(), "Pat", 50, &[])]);
    ingest(store, "qy", vec![review(y, "Quinn", 30, &[])]);
    ingest(store, "pz", vec![review(film("Film Z", Some(2003), &[]), "Pat", 0, &[])]);
    let critics = store.critics().unwrap();
    let record: Vec<_> = critics.iter().map(|c| (c.name.as_str(), c.reviews, c.generosity, c.shared_films)).collect();
    // Pat: X 80 − mean(60, 70) = 15; Y 50 − 30 = 20; Z has no peers.
    assert_eq!(record, [
        ("Pat", 3, Some(17.5), 2),
        ("Quinn", 2, Some(-17.5), 2),
        ("Robin", 1, Some(0.0), 1),
    ]);
    let pat = store.critic(critics[0].id).unwrap().unwrap();
    assert_eq!(pat.reviews.len(), 3);
    assert_eq!(pat.summary.mean_score, Some(130.0 / 3.0));
}

fn people_venues_and_events(store: &mut dyn Store) {
    let mut f = film("Quiet Harbor", Some(2024), &["Mira Vance"]);
    f.writers = vec!["Mira Vance".into()];
    f.cast = vec![CastMember { name: "Tomas Ek".into(), character: Some("The Keeper".into()) }];
    let mut r = review(f, "Ann Critic", 70, &[]);
    r.venues = vec!["Roxy Cinema".into(), "roxy  cinema".into()];
    r.events = vec![
        Event { kind: "premiere".into(), date: Some("2026-05-02".into()), time: None, venue: Some("Roxy Cinema".into()), participants: vec!["Mira Vance".into()] },
        Event { kind: "Q&A".into(), date: Some("--03-01".into()), time: Some("19:00".into()), venue: None, participants: vec![] },
        Event { kind: "screening".into(), date: Some("2026-01-10".into()), time: None, venue: Some("Palace".into()), participants: vec![] },
    ];
    r.mentions.people = vec!["Tomas  EK".into()];
    ingest(store, "harbor", vec![r]);

    let mira = &store.find_people("mira vance", 5).unwrap()[0];
    let detail = store.person(mira.id).unwrap().unwrap();
    assert_eq!(detail.directed.len(), 1);
    assert_eq!(detail.wrote.len(), 1);
    assert!(detail.performed.is_empty());
    assert_eq!(detail.events.len(), 1);
    let tomas = store.person(store.find_people("Tomas Ek", 1).unwrap()[0].id).unwrap().unwrap();
    assert_eq!(tomas.performed[0].character.as_deref(), Some("The Keeper"));
    assert_eq!(tomas.mentioned_in.len(), 1, "a mention spelled differently is the same person");

    let venues = store.venues().unwrap();
    let summary: Vec<_> = venues.iter().map(|v| (v.name.as_str(), v.films, v.events)).collect();
    assert_eq!(summary, [("Palace", 1, 1), ("Roxy Cinema", 1, 1)]);
    let roxy = store.venue(venues[1].id).unwrap().unwrap();
    assert_eq!((roxy.films.len(), roxy.events.len()), (1, 1));

    let kinds = |query: EventQuery| -> Vec<String> {
        store.events(&query).unwrap().into_iter().map(|e| e.kind).collect()
    };
    assert_eq!(kinds(EventQuery::default()), ["Q&A", "screening", "premiere"]);
    assert_eq!(kinds(EventQuery { from: Some("2026-02-15".into()), ..EventQuery::default() }), ["Q&A", "premiere"]);
    assert_eq!(kinds(EventQuery { venue: Some(venues[0].id), ..EventQuery::default() }), ["screening"]);
}

fn index_and_export_iterators(store: &mut dyn Store) {
    let mut f = film("Salt and Iron", Some(2025), &["Ona Reyes"]);
    f.cast = vec![CastMember { name: "Lev Adler".into(), character: Some("Captain".into()) }];
    f.certificate = Some(Certificate { system: "MPAA".into(), rating: "PG-13".into(), reasons: vec![] });
    ingest(store, "s1", vec![review(f.clone(), "Ann Critic", 75, &["A sturdy sea story."])]);
    ingest(store, "s2", vec![review(film("Salt and Iron", Some(2025), &[]), "Bob Critic", 35, &[]),
                             review(film("Other", None, &[]), "Bob Critic", 50, &[])]);
    let mut seen = Vec::new();
    store.for_each_review_for_index(None, &mut |r| { seen.push(r); ControlFlow::Continue(()) }).unwrap();
    assert_eq!(seen.len(), 3);
    assert_eq!(seen[1].directors, ["Ona Reyes"], "film-wide credits reach every review of the film");
    assert_eq!(seen[1].characters, ["Captain"]);
    assert_eq!((seen[0].decade, seen[0].certificate.as_deref(), seen[0].label), (Some(2020), Some("PG-13"), Some(VerdictLabel::Positive)));
    assert_eq!(seen[0].evidence, ["A sturdy sea story."]);
    let mut after = Vec::new();
    store.for_each_review_for_index(Some(seen[0].id), &mut |r| { after.push(r.id); ControlFlow::Break(()) }).unwrap();
    assert_eq!(after, [seen[1].id]);

    let mut films = Vec::new();
    store.for_each_film_export(&mut |f| { films.push(f); ControlFlow::Continue(()) }).unwrap();
    assert_eq!(films.len(), 2);
    assert_eq!(films[0].standing.mean_score, Some(55.0));
    let mut reviews = Vec::new();
    store.for_each_review_export(&mut |r| { reviews.push(r); ControlFlow::Continue(()) }).unwrap();
    assert_eq!(reviews.len(), 3);
    assert_eq!(reviews[0].record.film, f, "the record round-trips");
    assert_eq!(reviews[0].record.verdict.as_ref().unwrap().score, 75);
    assert_eq!(reviews[2].record.text, "Bob Critic on Other: 50.");
    serde_json::to_string(&films).unwrap();
}

fn bad_queries_are_user_errors(store: &mut dyn Store) {
    use marquee_store::Error;
    assert!(matches!(store.films(&FilmQuery { page: 0, ..FilmQuery::default() }), Err(Error::InvalidQuery(_))));
    assert!(matches!(store.reviews(&ReviewQuery { per_page: 100_000, ..ReviewQuery::default() }), Err(Error::InvalidQuery(_))));
    assert!(matches!(store.events(&EventQuery { from: Some("next week".into()), ..EventQuery::default() }), Err(Error::InvalidQuery(_))));
    assert!(store.find_films("?!", 5).unwrap().is_empty());
}

fn review_text_falls_back_to_the_document(store: &mut dyn Store) {
    let content = "A whole review, alone in its document. ".repeat(20);
    let mut whole = review(film("Whole", Some(2000), &[]), "Ann Critic", 70, &[]);
    whole.text = String::new();
    let IngestOutcome::Inserted { reviews, .. } = ingest(store, &content, vec![whole]) else { panic!() };
    let detail = store.review(reviews[0]).unwrap().unwrap();
    assert_eq!(detail.text, content);
    assert!(detail.summary.excerpt.ends_with(" in…"), "cut at a word: {}", detail.summary.excerpt);
    assert!(detail.summary.excerpt.chars().count() <= 301);
    let mut two = vec![review(film("One", None, &[]), "Bob", 50, &[]), review(film("Two", None, &[]), "Bob", 50, &[])];
    two[1].text = String::new();
    let IngestOutcome::Inserted { reviews, .. } = ingest(store, "roundup page", two) else { panic!() };
    assert_eq!(store.review(reviews[0]).unwrap().unwrap().text, "Bob on One: 50.");
    assert_eq!(store.review(reviews[1]).unwrap().unwrap().text, "", "a capsule is not the whole page");
    let mut texts = Vec::new();
    store.for_each_review_export(&mut |r| { texts.push(r.record.text); ControlFlow::Continue(()) }).unwrap();
    assert_eq!(texts[0], content);
}
