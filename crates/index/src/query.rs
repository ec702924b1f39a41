//! Queries: the query language, filters, facets and snippets.

use std::ops::Range;

use marquee_model::VerdictLabel;
use tantivy::collector::{Count, FacetCollector, TopDocs};
use tantivy::query::{AllQuery, BooleanQuery, Occur, Query, QueryParser, TermQuery};
use tantivy::schema::{Facet, IndexRecordOption, Value};
use tantivy::{DocId, Score, Searcher, SegmentReader, TantivyDocument, Term};

use crate::schema::{DocKind, Fields};
use crate::snippet::Snippets;
use crate::{Error, Result};

/// Most hits a single page may ask for.
pub const MAX_LIMIT: usize = 100;

/// A search. `text` uses tantivy's query language over marquee's fields:
///
/// - free words, ranked by BM25, all of which must match (`pulp fiction`);
/// - fields: `title:`, `director:`, `cast:`, `critic:`, `venue:`, `year:`,
///   `label:`, `certificate:` (`director:perry cast:moss`);
/// - phrases in double quotes (`"private eye"`), ranges (`year:[1990 TO 1999]`),
///   `-word` to exclude, `OR` for alternatives.
///
/// When nothing matches, the same query is run again with every word allowed
/// one typo (an edit or a transposition), and [`SearchResults::fuzzy`] says so;
/// queries of more than [`MAX_FUZZY_TERMS`](crate::MAX_FUZZY_TERMS) single
/// words are not retried. The other fields filter by facet.
///
/// A query is refused with [`Error::Limit`] before any work when it is over
/// one of the bounds in [`limits`](crate::limits): its length, nesting,
/// number of words, or `offset + limit` beyond
/// [`MAX_RESULT_WINDOW`](crate::MAX_RESULT_WINDOW).
#[derive(Debug, Clone, Default, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct SearchQuery {
    /// The query text; empty matches everything.
    pub text: String,
    /// Only documents of this kind.
    pub kind: Option<DocKind>,
    /// Only films and reviews with this certificate mark ("R").
    pub certificate: Option<String>,
    /// Only films and reviews of this decade ("1990s").
    pub decade: Option<String>,
    /// Only reviews with this verdict label.
    pub label: Option<VerdictLabel>,
    /// Hits to skip, for paging.
    pub offset: usize,
    /// Hits to return (at most [`MAX_LIMIT`]; 0 means the default, 20).
    pub limit: usize,
}

impl SearchQuery {
    /// A query for `text` with no filters, first page.
    pub fn new(text: impl Into<String>) -> SearchQuery {
        SearchQuery { text: text.into(), ..SearchQuery::default() }
    }

    fn effective_limit(&self) -> usize {
        match self.limit {
            0 => 20,
            n => n.min(MAX_LIMIT),
        }
    }
}

/// The answer to a [`SearchQuery`].
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct SearchResults {
    /// How many documents match in all.
    pub total: usize,
    /// The requested page of hits, best first.
    pub hits: Vec<Hit>,
    /// Counts of the matching documents by facet.
    pub facets: Facets,
    /// Nothing matched exactly; these hits allow one typo per word.
    pub fuzzy: bool,
}

/// Counts of matching documents per facet value, largest first.
#[derive(Debug, Clone, Default, PartialEq, serde::Serialize)]
pub struct Facets {
    /// By document kind.
    pub kind: Vec<(String, u64)>,
    /// By certificate mark.
    pub certificate: Vec<(String, u64)>,
    /// By decade of the film's year.
    pub decade: Vec<(String, u64)>,
    /// By verdict label.
    pub label: Vec<(String, u64)>,
}

/// One search hit.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Hit {
    /// What the hit is.
    pub kind: DocKind,
    /// Its database id.
    pub id: i64,
    /// For a review, the film it reviews.
    pub film_id: Option<i64>,
    /// The film's title, or the person's or critic's name.
    pub title: String,
    /// For a review, the critic.
    pub critic: Option<String>,
    /// The film's year.
    pub year: Option<i32>,
    /// For a review, the verdict's label.
    pub label: Option<String>,
    /// The BM25 relevance score.
    pub score: f32,
    /// A passage of the text with the query's words highlighted.
    pub snippet: Snippet,
}

/// A passage of text and the byte ranges in it that matched the query.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize)]
pub struct Snippet {
    /// The passage, as plain text.
    pub text: String,
    /// Byte ranges of `text` to highlight, sorted and not overlapping.
    pub highlighted: Vec<Range<usize>>,
}

impl Snippet {
    /// The passage as HTML: every character escaped, matches in `<mark>`.
    pub fn to_html(&self) -> String {
        let mut html = String::with_capacity(self.text.len() + 32);
        let mut at = 0;
        for range in &self.highlighted {
            let (Some(before), Some(marked)) =
                (self.text.get(at..range.start), self.text.get(range.clone()))
            else {
                continue;
            };
            escape_into(&mut html, before);
            html.push_str("<mark>");
            escape_into(&mut html, marked);
            html.push_str("</mark>");
            at = range.end;
        }
        escape_into(&mut html, self.text.get(at..).unwrap_or_default());
        html
    }
}

fn escape_into(out: &mut String, text: &str) {
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
}

fn parser(index: &tantivy::Index, f: &Fields, fuzzy: bool) -> QueryParser {
    let defaults = vec![f.title, f.director, f.cast, f.critic, f.venue, f.body];
    let mut parser = QueryParser::for_index(index, defaults.clone());
    parser.set_conjunction_by_default();
    // Names and titles are what people search for most; a word in the title
    // should outrank the same word deep in a review.
    parser.set_field_boost(f.title, 4.0);
    parser.set_field_boost(f.director, 2.0);
    parser.set_field_boost(f.cast, 2.0);
    parser.set_field_boost(f.critic, 2.0);
    if fuzzy {
        for field in defaults {
            parser.set_field_fuzzy(field, false, 1, true);
        }
    }
    parser
}

fn facet_filter(f: &Fields, name: &str, value: &str) -> Box<dyn Query> {
    Box::new(TermQuery::new(
        Term::from_facet(f.facet, &Facet::from_path([name, value])),
        IndexRecordOption::Basic,
    ))
}

fn build(index: &tantivy::Index, f: &Fields, q: &SearchQuery, fuzzy: bool) -> Result<Box<dyn Query>> {
    let text = q.text.trim();
    let main: Box<dyn Query> = if text.is_empty() {
        Box::new(AllQuery)
    } else {
        parser(index, f, fuzzy).parse_query(text).map_err(|e| Error::Query(e.to_string()))?
    };
    let mut clauses = vec![(Occur::Must, main)];
    if let Some(kind) = q.kind {
        clauses.push((Occur::Must, facet_filter(f, "kind", kind.as_str())));
    }
    if let Some(certificate) = &q.certificate {
        clauses.push((Occur::Must, facet_filter(f, "certificate", certificate)));
    }
    if let Some(decade) = &q.decade {
        clauses.push((Occur::Must, facet_filter(f, "decade", decade)));
    }
    if let Some(label) = q.label {
        clauses.push((Occur::Must, facet_filter(f, "label", label.as_str())));
    }
    Ok(if clauses.len() == 1 { clauses.remove(0).1 } else { Box::new(BooleanQuery::new(clauses)) })
}

pub(crate) fn run(
    index: &tantivy::Index,
    searcher: &Searcher,
    f: &Fields,
    q: &SearchQuery,
) -> Result<SearchResults> {
    let shape = crate::limits::check(q, q.effective_limit())?;
    let query = build(index, f, q, false)?;
    let mut results = collect(searcher, f, q, query.as_ref(), false)?;
    // Retry with typo tolerance only when the exact query found nothing: fuzzy
    // terms match by automaton and score flat, so mixing them in would blur
    // BM25's ranking of exact matches. Long queries are not retried: the
    // retry's cost grows with the number of words (see `limits`).
    if results.total == 0 && !q.text.trim().is_empty() && shape.fuzzy_allowed {
        let fuzzy = build(index, f, q, true)?;
        let retry = collect(searcher, f, q, fuzzy.as_ref(), true)?;
        if retry.total > 0 {
            results = retry;
        }
    }
    Ok(results)
}

fn collect(
    searcher: &Searcher,
    f: &Fields,
    q: &SearchQuery,
    query: &dyn Query,
    fuzzy: bool,
) -> Result<SearchResults> {
    let mut facets = FacetCollector::for_field("facet");
    for name in ["/kind", "/certificate", "/decade", "/label"] {
        facets.add_facet(name);
    }
    let top = TopDocs::with_limit(q.effective_limit()).and_offset(q.offset).tweak_score(
        |segment: &SegmentReader| {
            let weights = segment
                .fast_fields()
                .u64(crate::schema::WEIGHT)
                .ok()
                .map(|column| column.first_or_default_col(10));
            move |doc: DocId, score: Score| match &weights {
                Some(column) => score * column.get_val(doc) as Score / 10.0,
                None => score,
            }
        },
    );
    let (top, total, facet_counts) = searcher.search(query, &(top, Count, facets))?;

    let snippets = Snippets::new(searcher, query, f.body)?;
    let mut hits = Vec::with_capacity(top.len());
    for (score, address) in top {
        let doc: TantivyDocument = searcher.doc(address)?;
        let str_of = |field| doc.get_first(field).and_then(|v| v.as_str()).map(str::to_owned);
        let int_of = |field| doc.get_first(field).and_then(|v| v.as_i64());
        let Some(kind) = str_of(f.kind).as_deref().and_then(DocKind::parse) else { continue };
        let body = doc.get_first(f.body).and_then(|v| v.as_str()).unwrap_or_default();
        let snippet = snippets.cut(body);
        hits.push(Hit {
            kind,
            id: int_of(f.id).unwrap_or_default(),
            film_id: int_of(f.film_id),
            title: str_of(f.title).unwrap_or_default(),
            critic: str_of(f.critic),
            year: int_of(f.year).and_then(|y| i32::try_from(y).ok()),
            label: str_of(f.label),
            score,
            snippet,
        });
    }

    let counts = |name: &str| -> Vec<(String, u64)> {
        let mut v: Vec<(String, u64)> = facet_counts
            .get(name)
            .filter_map(|(facet, n)| {
                let last = facet.to_path().last().map(|s| (*s).to_owned())?;
                Some((last, n))
            })
            .collect();
        v.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
        v
    };
    let facets = Facets {
        kind: counts("/kind"),
        certificate: counts("/certificate"),
        decade: counts("/decade"),
        label: counts("/label"),
    };
    Ok(SearchResults { total, hits, facets, fuzzy })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn snippet_html_escapes_everything() {
        let s = Snippet { text: "<b>a & b</b>".into(), highlighted: vec![3..4] };
        assert_eq!(s.to_html(), "&lt;b&gt;<mark>a</mark> &amp; b&lt;/b&gt;");
    }
}
