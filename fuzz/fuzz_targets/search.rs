//! HTTP query parsing and search: a query string as `GET /api/search`
//! receives it, through the typed parameters and their bounds
//! (`marquee_serve::search_query`), then the query text through the index's
//! bounds and tantivy's parser to a search over a small in-memory index.
//! Must never panic or overflow the stack; a search either answers within
//! the page it asked for or is refused with a user error.
#![no_main]

use std::sync::OnceLock;

use libfuzzer_sys::fuzz_target;
use marquee_index::{DocKind, Index, IndexDoc};
use marquee_model::VerdictLabel;

fn index() -> &'static Index {
    static INDEX: OnceLock<Index> = OnceLock::new();
    INDEX.get_or_init(|| {
        let index = Index::create_in_ram().expect("an index in memory");
        let mut docs = Vec::new();
        for (id, (title, director, year, text)) in [
            ("The Paper Lanterns", "Ines Vautrin", 1994, "A tender, luminous drama about a lighthouse keeper; the private eye arrives late."),
            ("Harbour of Glass", "Dmitri Aalto", 1987, "A muddled thriller. The détective wanders the harbour at night, hoping for rain."),
            ("Quiet Harbour", "Marisol Ortega", 2003, "Patient and kind, with the sea as its best performer: one long breath of a film."),
        ]
        .into_iter()
        .enumerate()
        {
            let mut film = IndexDoc::new(DocKind::Film, id as i64 + 1, title);
            film.directors.push(director.into());
            film.year = Some(year);
            film.certificate = Some("PG-13".into());
            docs.push(film);
            let mut review = IndexDoc::new(DocKind::Review, id as i64 + 10, title);
            review.film_id = Some(id as i64 + 1);
            review.critic = Some("Rosa Feld".into());
            review.label = Some([VerdictLabel::Positive, VerdictLabel::Mixed, VerdictLabel::Negative][id % 3]);
            review.year = Some(year);
            review.text = text.repeat(3);
            docs.push(review);
        }
        index.add(&docs).expect("indexing the fixture");
        index
    })
}

fuzz_target!(|data: &[u8]| {
    let raw = String::from_utf8_lossy(data);
    let Ok(query) = marquee_serve::search_query(&raw) else { return };
    match index().search(&query) {
        Ok(results) => {
            assert!(results.hits.len() <= query.limit.max(1));
            for hit in &results.hits {
                let text = &hit.snippet.text;
                for range in &hit.snippet.highlighted {
                    assert!(text.get(range.clone()).is_some(), "highlight {range:?} off the text");
                }
                let _ = hit.snippet.to_html();
            }
        }
        Err(error) => assert!(error.is_user_error(), "{query:?}: {error}"),
    }
});
