//! Search behaviour over a small hand-written set of documents.

use marquee_index::{DocKind, Index, IndexDoc, SearchQuery, SearchResults};
use marquee_model::VerdictLabel;

fn film(id: i64, title: &str, year: i32, director: &str, cast: &[&str], cert: &str) -> IndexDoc {
    let mut d = IndexDoc::new(DocKind::Film, id, title);
    d.year = Some(year);
    d.directors = vec![director.to_owned()];
    d.cast = cast.iter().map(|s| (*s).to_owned()).collect();
    d.certificate = Some(cert.to_owned());
    d
}

fn review(id: i64, film: &IndexDoc, critic: &str, label: VerdictLabel, text: &str) -> IndexDoc {
    let mut d = film.clone();
    d.kind = DocKind::Review;
    d.id = id;
    d.film_id = Some(film.id);
    d.critic = Some(critic.to_owned());
    d.label = Some(label);
    d.text = text.to_owned();
    d
}

fn fixture() -> Index {
    let lanterns = film(1, "The Paper Lanterns", 1994, "Ines Vautrin", &["Marta Oyelaran", "Tobias Wren as Kellan"], "PG-13");
    let harbour = film(2, "Harbour of Glass", 1987, "Dmitri Aalto", &["Sunniva Berg"], "R");
    let orchard = film(3, "Night Orchard", 1999, "Ines Vautrin", &["Tobias Wren"], "R");
    let mut venue_review = review(13, &orchard, "Rosa Feld", VerdictLabel::Mixed,
        "A slow film about a family that harvests fruit by lamplight. The private eye subplot goes nowhere.");
    venue_review.venues = vec!["Bellweather Cinema".into()];
    let docs = vec![
        review(11, &lanterns, "Harold Pinsk", VerdictLabel::Positive,
            "A tender, luminous drama. Vautrin directs with patience, and the paper lanterns of the title glow in every frame."),
        review(12, &harbour, "Rosa Feld", VerdictLabel::Negative,
            "A muddled thriller in which a private detective wanders a harbour at night. The script is <b>dreadful</b> & dull."),
        venue_review,
        IndexDoc::new(DocKind::Person, 21, "Ines Vautrin"),
        IndexDoc::new(DocKind::Critic, 31, "Rosa Feld"),
        lanterns,
        harbour,
        orchard,
    ];
    let index = Index::create_in_ram().unwrap();
    assert_eq!(index.rebuild_from(docs).unwrap(), 8);
    index
}

#[track_caller]
fn check(index: &Index, query: SearchQuery, expected: &[(DocKind, i64)]) -> SearchResults {
    let results = index.search(&query).unwrap();
    let mut got: Vec<(DocKind, i64)> = results.hits.iter().map(|h| (h.kind, h.id)).collect();
    got.sort_by_key(|(k, id)| (k.as_str(), *id));
    let mut want = expected.to_vec();
    want.sort_by_key(|(k, id)| (k.as_str(), *id));
    assert_eq!(got, want, "query {query:?}");
    results
}

fn q(text: &str) -> SearchQuery {
    SearchQuery::new(text)
}

#[test]
fn free_text_ranks_title_matches_first() {
    let index = fixture();
    let results = index.search(&q("lanterns")).unwrap();
    assert_eq!(results.hits[0].kind, DocKind::Film);
    assert_eq!(results.hits[0].id, 1);
    assert_eq!(results.total, 2);
    assert!(!results.fuzzy);
}

#[test]
fn fields_restrict_where_words_are_looked_for() {
    let index = fixture();
    check(&index, q("director:vautrin kind:film"), &[(DocKind::Film, 1), (DocKind::Film, 3)]);
    check(&index, SearchQuery { kind: Some(DocKind::Film), ..q("director:vautrin") },
        &[(DocKind::Film, 1), (DocKind::Film, 3)]);
    check(&index, q("critic:feld label:negative"), &[(DocKind::Review, 12)]);
    check(&index, q("cast:kellan"), &[(DocKind::Film, 1), (DocKind::Review, 11)]);
    check(&index, q("venue:bellweather"), &[(DocKind::Review, 13)]);
    check(&index, q("year:1987"), &[(DocKind::Film, 2), (DocKind::Review, 12)]);
    check(&index, q("year:[1990 TO 1999] critic:feld"), &[(DocKind::Review, 13)]);
    check(&index, q("title:glass"), &[(DocKind::Film, 2), (DocKind::Review, 12)]);
}

#[test]
fn bad_syntax_is_a_user_error() {
    let index = fixture();
    let err = index.search(&q("nosuchfield:film")).unwrap_err();
    assert!(err.is_user_error(), "{err}");
}

#[test]
fn phrases_need_adjacent_words() {
    let index = fixture();
    check(&index, q("\"private eye\""), &[(DocKind::Review, 13)]);
    check(&index, q("\"eye private\""), &[]);
}

#[test]
fn stemming_finds_other_forms() {
    let index = fixture();
    check(&index, q("directing"), &[(DocKind::Review, 11)]);
}

#[test]
fn one_typo_per_word_is_tolerated_when_nothing_matches() {
    let index = fixture();
    let results = check(&index, q("vautrim"), &[
        (DocKind::Film, 1), (DocKind::Film, 3), (DocKind::Person, 21), (DocKind::Review, 11), (DocKind::Review, 13),
    ]);
    assert!(results.fuzzy);
    let results = check(&index, q("harbuor"), &[(DocKind::Film, 2), (DocKind::Review, 12)]);
    assert!(results.fuzzy);
}

#[test]
fn facets_count_and_filter() {
    let index = fixture();
    let results = index.search(&q("")).unwrap();
    assert_eq!(results.total, 8);
    assert!(results.facets.kind.contains(&("review".into(), 3)));
    assert!(results.facets.certificate.contains(&("R".into(), 4)));
    assert!(results.facets.decade.contains(&("1990s".into(), 4)));
    assert!(results.facets.label.contains(&("negative".into(), 1)));
    check(&index, SearchQuery { certificate: Some("PG-13".into()), ..q("") },
        &[(DocKind::Film, 1), (DocKind::Review, 11)]);
    check(&index, SearchQuery { decade: Some("1980s".into()), ..q("") },
        &[(DocKind::Film, 2), (DocKind::Review, 12)]);
    check(&index, SearchQuery { label: Some(VerdictLabel::Mixed), ..q("") }, &[(DocKind::Review, 13)]);
}

#[test]
fn snippets_highlight_matches_and_escape_markup() {
    let index = fixture();
    let results = index.search(&q("dreadful")).unwrap();
    let snippet = &results.hits[0].snippet;
    assert!(!snippet.highlighted.is_empty());
    let html = snippet.to_html();
    assert!(html.contains("&lt;b&gt;<mark>dreadful</mark>&lt;/b&gt; &amp; dull"), "{html}");
}

/// Snippets of long texts come from windows around the matches; check that
/// they still find matches deep in the text, in other word forms, and prefer
/// the passage with the most query words.
#[test]
fn snippets_of_long_texts_find_the_best_passage() {
    let filler = "The camera lingers on empty corridors and rain on the windows. ".repeat(60);
    let text = format!(
        "{filler}We were hoping for a sharper detective story. {filler}The detective finally meets the widow at the harbour, \
         and the hopes of the whole town ride on it. {filler}"
    );
    let mut doc = IndexDoc::new(DocKind::Review, 1, "Corridors");
    doc.text = text.clone();
    let index = Index::create_in_ram().unwrap();
    index.add(&[doc]).unwrap();

    let snippet = |query: &str| index.search(&q(query)).unwrap().hits[0].snippet.clone();
    let marked = |s: &marquee_index::Snippet| -> Vec<String> {
        s.highlighted.iter().map(|r| s.text[r.clone()].to_lowercase()).collect()
    };
    // A stem that is not a prefix of the word ("hope" for "hoping").
    let s = snippet("hope widow");
    assert_eq!(marked(&s), ["widow", "hopes"], "{s:?}");
    let at = text.find(&s.text).expect("the snippet is a passage of the text");
    assert!(text[..at].ends_with(' '), "starts at a word: {:?}", s.text);
    let s = snippet("hoped");
    assert!(marked(&s).iter().all(|w| w.starts_with("hop")) && !s.highlighted.is_empty(), "{s:?}");
    // A word only in the title: the opening of the text.
    let s = snippet("corridors title:corridors");
    assert!(!s.highlighted.is_empty());
    assert!(index.search(&q("title:corridors")).unwrap().hits[0].snippet.text.starts_with("The camera lingers"));
}

#[test]
fn pages_do_not_overlap() {
    let index = fixture();
    let first = index.search(&SearchQuery { limit: 4, ..q("") }).unwrap();
    let second = index.search(&SearchQuery { limit: 4, offset: 4, ..q("") }).unwrap();
    assert_eq!(first.hits.len(), 4);
    assert_eq!(second.hits.len(), 4);
    for hit in &second.hits {
        assert!(!first.hits.iter().any(|h| h.kind == hit.kind && h.id == hit.id));
    }
}

#[test]
fn an_index_on_disk_survives_reopening() {
    let dir = tempfile::tempdir().unwrap();
    {
        let index = Index::open_or_create(dir.path()).unwrap();
        index.add(&[IndexDoc::new(DocKind::Critic, 5, "Agnes Mott")]).unwrap();
    }
    let index = Index::open_or_create(dir.path()).unwrap();
    assert_eq!(index.num_docs(), 1);
    check(&index, q("critic:mott"), &[]);
    check(&index, q("mott"), &[(DocKind::Critic, 5)]);
}
