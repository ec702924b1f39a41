//! The tantivy schema and the documents that go into it.

use marquee_model::VerdictLabel;
use tantivy::schema::{
    FAST, Facet, FacetOptions, Field, INDEXED, IndexRecordOption, STORED, STRING, Schema,
    TextFieldIndexing, TextOptions,
};
use tantivy::tokenizer::{
    AsciiFoldingFilter, Language, LowerCaser, RemoveLongFilter, SimpleTokenizer, Stemmer,
    TextAnalyzer,
};
use tantivy::TantivyDocument;

/// Tokenizer for names and titles: lower case, accents folded, no stemming
/// (stemming "Coens" to "coen" would be harmless, "Wes" to "we" is not).
const NAMES: &str = "marquee_names";
/// Tokenizer for review prose: as [`NAMES`], plus English stemming so that
/// "directed" finds "directing".
const PROSE: &str = "marquee_prose";
/// The fast field that scales a document's relevance by its kind.
pub(crate) const WEIGHT: &str = "weight";

/// How much a kind's relevance counts, in tenths. A film's title also appears
/// in each of its reviews, so a title search would otherwise rank reviews,
/// whose text repeats the title, above the film itself.
pub(crate) fn weight_of(kind: DocKind) -> u64 {
    match kind {
        DocKind::Film => 30,
        DocKind::Person | DocKind::Critic => 25,
        DocKind::Review => 10,
    }
}

/// What an index document stands for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum DocKind {
    /// One critic's review of one film.
    Review,
    /// A film, with its credits.
    Film,
    /// A person credited on films.
    Person,
    /// A critic, by byline.
    Critic,
}

impl DocKind {
    /// Every kind, in the order results are grouped for display.
    pub const ALL: [DocKind; 4] = [DocKind::Film, DocKind::Person, DocKind::Critic, DocKind::Review];

    /// The kind's name in keys, facets and URLs.
    pub fn as_str(self) -> &'static str {
        match self {
            DocKind::Review => "review",
            DocKind::Film => "film",
            DocKind::Person => "person",
            DocKind::Critic => "critic",
        }
    }

    /// The kind named `s`, if any.
    pub fn parse(s: &str) -> Option<DocKind> {
        DocKind::ALL.into_iter().find(|k| k.as_str() == s)
    }
}

/// One document to index. The fields mirror the query language: a query
/// `director:perry` looks in [`IndexDoc::directors`], `cast:` in
/// [`IndexDoc::cast`], and so on. Unset fields are simply not indexed.
#[derive(Debug, Clone, PartialEq)]
pub struct IndexDoc {
    /// What the document stands for.
    pub kind: DocKind,
    /// The database id of the review, film, person or critic.
    pub id: i64,
    /// The film's title for films and reviews; the name for people and critics.
    pub title: String,
    /// The film a review is of (for reviews), so that hits can link to it.
    pub film_id: Option<i64>,
    /// The film's year.
    pub year: Option<i32>,
    /// Directors' names.
    pub directors: Vec<String>,
    /// Performers' names and the characters they play.
    pub cast: Vec<String>,
    /// The critic's name (reviews).
    pub critic: Option<String>,
    /// Venues where the film plays.
    pub venues: Vec<String>,
    /// The verdict's label (reviews), or the film's prevailing label.
    pub label: Option<VerdictLabel>,
    /// The certificate's mark ("PG-13").
    pub certificate: Option<String>,
    /// Free text: the review for reviews; genres, writers and the consensus
    /// for films; the credits for people. Snippets are cut from it.
    pub text: String,
}

impl IndexDoc {
    /// A document with only its kind, id and title set.
    pub fn new(kind: DocKind, id: i64, title: impl Into<String>) -> IndexDoc {
        IndexDoc {
            kind,
            id,
            title: title.into(),
            film_id: None,
            year: None,
            directors: Vec::new(),
            cast: Vec::new(),
            critic: None,
            venues: Vec::new(),
            label: None,
            certificate: None,
            text: String::new(),
        }
    }

    /// The unique key that identifies the document across updates.
    pub fn key(&self) -> String {
        key(self.kind, self.id)
    }
}

pub(crate) fn key(kind: DocKind, id: i64) -> String {
    format!("{}:{id}", kind.as_str())
}

/// The decade a year falls in, as the facet names it ("1990s").
pub fn decade_of(year: i32) -> String {
    format!("{}s", year.div_euclid(10) * 10)
}

/// Handles on the schema's fields.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Fields {
    pub key: Field,
    pub kind: Field,
    pub id: Field,
    pub film_id: Field,
    pub title: Field,
    pub director: Field,
    pub cast: Field,
    pub critic: Field,
    pub venue: Field,
    pub year: Field,
    pub label: Field,
    pub certificate: Field,
    pub body: Field,
    pub facet: Field,
    pub weight: Field,
}

fn text(tokenizer: &str, stored: bool) -> TextOptions {
    let indexing = TextFieldIndexing::default()
        .set_tokenizer(tokenizer)
        .set_index_option(IndexRecordOption::WithFreqsAndPositions);
    let options = TextOptions::default().set_indexing_options(indexing);
    if stored { options.set_stored() } else { options }
}

/// The schema. Changing it changes the on-disk format: existing indexes then
/// fail to open with a schema error and must be rebuilt.
pub(crate) fn build() -> (Schema, Fields) {
    let mut b = Schema::builder();
    let fields = Fields {
        key: b.add_text_field("key", STRING),
        kind: b.add_text_field("kind", STRING | STORED),
        id: b.add_i64_field("id", INDEXED | STORED | FAST),
        film_id: b.add_i64_field("film_id", STORED),
        // The query language's field names are the schema's field names.
        title: b.add_text_field("title", text(NAMES, true)),
        director: b.add_text_field("director", text(NAMES, false)),
        cast: b.add_text_field("cast", text(NAMES, false)),
        critic: b.add_text_field("critic", text(NAMES, true)),
        venue: b.add_text_field("venue", text(NAMES, false)),
        year: b.add_i64_field("year", INDEXED | STORED | FAST),
        label: b.add_text_field("label", text(NAMES, true)),
        certificate: b.add_text_field("certificate", text(NAMES, false)),
        body: b.add_text_field("body", text(PROSE, true)),
        facet: b.add_facet_field("facet", FacetOptions::default()),
        weight: b.add_u64_field(WEIGHT, FAST),
    };
    (b.build(), fields)
}

pub(crate) fn register_tokenizers(index: &tantivy::Index) {
    let names = TextAnalyzer::builder(SimpleTokenizer::default())
        .filter(RemoveLongFilter::limit(40))
        .filter(LowerCaser)
        .filter(AsciiFoldingFilter)
        .build();
    let prose = TextAnalyzer::builder(SimpleTokenizer::default())
        .filter(RemoveLongFilter::limit(40))
        .filter(LowerCaser)
        .filter(AsciiFoldingFilter)
        .filter(Stemmer::new(Language::English))
        .build();
    index.tokenizers().register(NAMES, names);
    index.tokenizers().register(PROSE, prose);
}

pub(crate) fn to_tantivy(f: &Fields, doc: &IndexDoc) -> TantivyDocument {
    let mut d = TantivyDocument::default();
    d.add_text(f.key, doc.key());
    d.add_text(f.kind, doc.kind.as_str());
    d.add_i64(f.id, doc.id);
    d.add_u64(f.weight, weight_of(doc.kind));
    d.add_facet(f.facet, Facet::from_path(["kind", doc.kind.as_str()]));
    d.add_text(f.title, &doc.title);
    if let Some(film_id) = doc.film_id {
        d.add_i64(f.film_id, film_id);
    }
    if let Some(year) = doc.year {
        d.add_i64(f.year, i64::from(year));
        d.add_facet(f.facet, Facet::from_path(["decade", decade_of(year).as_str()]));
    }
    for name in &doc.directors {
        d.add_text(f.director, name);
    }
    for name in &doc.cast {
        d.add_text(f.cast, name);
    }
    if let Some(critic) = &doc.critic {
        d.add_text(f.critic, critic);
    }
    for venue in &doc.venues {
        d.add_text(f.venue, venue);
    }
    if let Some(label) = doc.label {
        d.add_text(f.label, label.as_str());
        d.add_facet(f.facet, Facet::from_path(["label", label.as_str()]));
    }
    if let Some(certificate) = &doc.certificate {
        d.add_text(f.certificate, certificate);
        d.add_facet(f.facet, Facet::from_path(["certificate", certificate.as_str()]));
    }
    if !doc.text.is_empty() {
        d.add_text(f.body, &doc.text);
    }
    d
}
