//! The [`Store`] trait and the plain types that cross it: what callers hand
//! in to ingest, and the rows they get back from the read queries.
//!
//! Every read type is `serde::Serialize` so that `serve` and `cli` can print
//! it as JSON directly; they are database rows, not API DTOs (STYLE.md §6).

use std::ops::ControlFlow;

use marquee_model::{
    Certificate, CriticId, DocumentId, Extraction, FilmId, Mentions, PersonId, Rating, Review,
    ReviewId, VenueId, VerdictBasis, VerdictLabel,
};
use serde::{Deserialize, Serialize};

use crate::Result;

/// The storage back-end: SQLite ([`crate::SqliteStore`]) today, PostgreSQL
/// later. The same test suite runs against every implementation.
///
/// Writes take `&mut self` and run in transactions: a document is stored
/// whole or not at all. Reads take `&self`.
pub trait Store: Send {
    /// Stores one document and everything extracted from it, in one
    /// transaction. Idempotent by the SHA-256 of `doc.content`: the same
    /// content a second time changes nothing and reports
    /// [`IngestOutcome::Unchanged`], whatever the extraction says.
    fn ingest(&mut self, doc: &DocumentInput<'_>, extraction: &Extraction) -> Result<IngestOutcome>;

    /// Stores many documents in one transaction (a few hundred at a time is
    /// the sweet spot). Each document still stands or falls alone: one that
    /// fails is rolled back to its own savepoint and reported in its slot,
    /// the others are kept. The outer error is for failures of the whole
    /// batch (the disk, the connection), after which nothing of it is kept.
    fn ingest_batch(&mut self, batch: &[Ingest<'_>]) -> Result<Vec<Result<IngestOutcome>>>;

    /// Stores `extraction` for `doc` even if the content was stored before:
    /// the old document (and its reviews) is deleted first. For re-running a
    /// newer extractor over the same inputs. Films and people left without
    /// any review are removed.
    fn replace(&mut self, doc: &DocumentInput<'_>, extraction: &Extraction) -> Result<IngestOutcome>;

    /// How many rows of each kind the store holds.
    fn counts(&self) -> Result<Counts>;

    /// One page of films, filtered and sorted.
    fn films(&self, query: &FilmQuery) -> Result<Page<FilmSummary>>;
    /// Everything about one film, or `None` if there is no such id.
    fn film(&self, id: FilmId) -> Result<Option<FilmDetail>>;
    /// Films whose title matches `query`: exact (normalised) titles first,
    /// then titles starting with it, then titles containing it; at most
    /// `limit`. `query` may end in a year, `"Psycho 1998"` or
    /// `"Psycho (1998)"`, to pick among remakes.
    fn find_films(&self, query: &str, limit: u32) -> Result<Vec<FilmSummary>>;
    /// The films with the best shrunk score ([`Standing::shrunk_score`]),
    /// among films with at least one scored review.
    fn best_films(&self, n: u32) -> Result<Vec<FilmSummary>>;

    /// One review with its full text, or `None`.
    fn review(&self, id: ReviewId) -> Result<Option<ReviewDetail>>;
    /// One page of reviews, newest first, filtered.
    fn reviews(&self, query: &ReviewQuery) -> Result<Page<ReviewSummary>>;
    /// The `n` reviews stored last, newest first.
    fn recent_reviews(&self, n: u32) -> Result<Vec<ReviewSummary>>;

    /// A person's films as director, writer, producer and performer.
    fn person(&self, id: PersonId) -> Result<Option<PersonDetail>>;
    /// People whose name matches `query` (exact normalised name first, then
    /// prefix, then substring); at most `limit`.
    fn find_people(&self, query: &str, limit: u32) -> Result<Vec<PersonRef>>;

    /// Every critic with their record, most reviews first.
    fn critics(&self) -> Result<Vec<CriticSummary>>;
    /// One critic's record and newest reviews.
    fn critic(&self, id: CriticId) -> Result<Option<CriticDetail>>;

    /// Every venue, by name.
    fn venues(&self) -> Result<Vec<VenueSummary>>;
    /// One venue: the films playing there and its events.
    fn venue(&self, id: VenueId) -> Result<Option<VenueDetail>>;

    /// Events, filtered, in date order (dated ones first).
    fn events(&self, query: &EventQuery) -> Result<Vec<EventView>>;

    /// Calls `f` with every review the search index needs, in id order,
    /// starting after `after` (`None`: from the first). Return
    /// `ControlFlow::Break(())` to stop early. For incremental indexing, pass
    /// the largest id already indexed.
    fn for_each_review_for_index(
        &self,
        after: Option<ReviewId>,
        f: &mut dyn FnMut(IndexReview) -> ControlFlow<()>,
    ) -> Result<()>;
    /// Calls `f` with every film, in id order, for `marquee export`.
    fn for_each_film_export(&self, f: &mut dyn FnMut(FilmExport) -> ControlFlow<()>) -> Result<()>;
    /// Calls `f` with every review, in id order, for `marquee export`.
    fn for_each_review_export(
        &self,
        f: &mut dyn FnMut(ReviewExport) -> ControlFlow<()>,
    ) -> Result<()>;

    /// Resolves film and critic identity for the reviews stored since the
    /// last resolution (see `marquee_resolve`): reviews may move between
    /// films, films may merge or split, bylines may join critics. Ingest
    /// calls it once its documents are stored. Returns what changed, for
    /// the search index.
    fn resolve(&mut self) -> Result<Resolution>;
    /// Resolves every review again from scratch, as if ingested now.
    fn resolve_all(&mut self) -> Result<Resolution>;

    /// A curator's correction: `from` and `into` are one film. Stored as a
    /// decision that every later resolution applies.
    fn merge_films(&mut self, into: FilmId, from: FilmId) -> Result<Resolution>;
    /// A curator's correction: `reviews` of `film` are of another film,
    /// together. Stored as a decision.
    fn split_film(&mut self, film: FilmId, reviews: &[ReviewId]) -> Result<Resolution>;
    /// A curator's correction: `review` is of film `to`. Stored as a
    /// decision.
    fn move_review(&mut self, review: ReviewId, to: FilmId) -> Result<Resolution>;
    /// A curator's correction: critics `from` and `into` are one critic.
    fn merge_critics(&mut self, into: CriticId, from: CriticId) -> Result<Resolution>;
    /// A curator's correction: the bylines `names` of `critic` are another
    /// critic's.
    fn split_critic(&mut self, critic: CriticId, names: &[String]) -> Result<Resolution>;

    /// What a curator should look at: films whose title rests on weak
    /// evidence, likely duplicates with the reason, and reviews set aside
    /// because their text gives no title.
    fn doubtful(&self, limit: u32) -> Result<Doubts>;
}

/// What a resolution changed.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Resolution {
    /// Reviews that moved, and the film each moved to.
    pub moved: Vec<(ReviewId, FilmId)>,
    /// Films whose reviews, titles or fields changed.
    pub changed: Vec<FilmId>,
    /// Films that no longer exist (merged into others).
    pub removed: Vec<FilmId>,
    /// Critics whose bylines changed (merged away ones included).
    pub critics: Vec<CriticId>,
}

impl Resolution {
    /// Adds `other`'s changes to these.
    pub fn extend(&mut self, other: Resolution) {
        self.moved.extend(other.moved);
        self.changed.extend(other.changed);
        self.removed.extend(other.removed);
        self.critics.extend(other.critics);
        self.changed.retain(|f| !self.removed.contains(f));
    }
}

/// What `marquee films --doubtful` lists.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Doubts {
    /// Films whose title rests on weak evidence.
    pub weak_titles: Vec<Doubt>,
    /// Pairs of films that may be one, with the reason.
    pub likely_duplicates: Vec<Duplicate>,
    /// Reviews whose text gives no title, set aside for a curator.
    pub untitled: Vec<ReviewSummary>,
}

/// A film a curator should check, and why.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Doubt {
    /// The film.
    pub film: FilmRef,
    /// Its reviews.
    pub reviews: u32,
    /// Why it is doubtful.
    pub reason: String,
}

/// Two films that may be one.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Duplicate {
    /// One film.
    pub a: FilmRef,
    /// The other.
    pub b: FilmRef,
    /// What they share, and what keeps them apart.
    pub reason: String,
}

// ---------------------------------------------------------------- writes ---

/// What kind of content a document holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ContentKind {
    /// Plain text or Markdown.
    Text,
    /// An HTML page.
    Html,
}

impl ContentKind {
    /// The kind as stored: `"text"` or `"html"`.
    pub fn as_str(self) -> &'static str {
        match self {
            ContentKind::Text => "text",
            ContentKind::Html => "html",
        }
    }
}

/// An input document as the store keeps it. Borrowed, so that ingesting
/// copies nothing it does not write.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DocumentInput<'a> {
    /// The record's `source`: file name, URL or JSON Lines id.
    pub source: &'a str,
    /// Where it came from, for messages: full path, URL, `file.jsonl:12`.
    pub origin: &'a str,
    /// The raw content; its SHA-256 is the document's identity.
    pub content: &'a str,
    /// Text or HTML.
    pub kind: ContentKind,
}

impl<'a> From<&'a marquee_model::Document> for DocumentInput<'a> {
    fn from(doc: &'a marquee_model::Document) -> Self {
        let kind = match doc.body {
            marquee_model::Body::Text(_) => ContentKind::Text,
            marquee_model::Body::Html { .. } => ContentKind::Html,
        };
        DocumentInput { source: &doc.source, origin: &doc.origin, content: doc.body.raw(), kind }
    }
}

/// One item of [`Store::ingest_batch`].
#[derive(Debug, Clone, Copy)]
pub struct Ingest<'a> {
    /// The document.
    pub doc: DocumentInput<'a>,
    /// What was extracted from it (and judged).
    pub extraction: &'a Extraction,
}

/// What ingesting one document did.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "outcome", rename_all = "snake_case")]
#[non_exhaustive]
pub enum IngestOutcome {
    /// The document was new and is now stored with its reviews.
    Inserted {
        /// The new document.
        document: DocumentId,
        /// Its reviews, in the extraction's order.
        reviews: Vec<ReviewId>,
        /// The film of each review, in the same order.
        films: Vec<FilmId>,
        /// How many of `films` were created by this document (the others
        /// merged into films already stored).
        new_films: usize,
        /// What resolution changed besides (empty from
        /// [`Store::ingest_batch`], whose caller resolves once at the end).
        resolution: Resolution,
    },
    /// The same content was stored before; nothing changed.
    Unchanged {
        /// The document stored earlier.
        document: DocumentId,
    },
}

impl IngestOutcome {
    /// The document this outcome is about.
    pub fn document(&self) -> DocumentId {
        match self {
            IngestOutcome::Inserted { document, .. } | IngestOutcome::Unchanged { document } => {
                *document
            }
        }
    }

    /// Whether the document was new.
    pub fn is_inserted(&self) -> bool {
        matches!(self, IngestOutcome::Inserted { .. })
    }
}

/// Row counts, for summaries and tests.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct Counts {
    /// Stored documents.
    pub documents: u64,
    /// Stored reviews.
    pub reviews: u64,
    /// Distinct films.
    pub films: u64,
    /// Distinct people (credits, event participants, people mentioned).
    pub people: u64,
    /// Distinct critics.
    pub critics: u64,
    /// Distinct venues.
    pub venues: u64,
    /// Events.
    pub events: u64,
}

// ----------------------------------------------------------------- reads ---

/// One page of a longer list.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Page<T> {
    /// The rows of this page.
    pub items: Vec<T>,
    /// 1-based page number.
    pub page: u32,
    /// Rows per page asked for.
    pub per_page: u32,
    /// Rows over all pages.
    pub total: u64,
}

/// The largest `per_page` a query may ask for.
pub const MAX_PER_PAGE: u32 = 1000;

/// How [`Store::films`] sorts.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FilmSort {
    /// Best shrunk score first ([`Standing::shrunk_score`]); unscored last.
    #[default]
    Best,
    /// By normalised title, A to Z.
    Title,
    /// Newest release year first; unknown years last.
    Year,
    /// Most reviews first.
    Reviews,
    /// Most recently reviewed (stored) first.
    Recent,
}

/// The filters and page of [`Store::films`]. `Default` is page 1 of 20, best
/// first, unfiltered.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct FilmQuery {
    /// 1-based page.
    pub page: u32,
    /// Rows per page, 1..=[`MAX_PER_PAGE`].
    pub per_page: u32,
    /// The order.
    pub sort: FilmSort,
    /// Only films with this certificate mark (`"PG-13"`, case-insensitive).
    pub certificate: Option<String>,
    /// Only films released in this decade (`1990` means 1990..=1999).
    pub decade: Option<i32>,
    /// Only films whose mean score falls in this band ([`Standing::label`]).
    pub label: Option<VerdictLabel>,
}

impl Default for FilmQuery {
    fn default() -> Self {
        FilmQuery {
            page: 1,
            per_page: 20,
            sort: FilmSort::Best,
            certificate: None,
            decade: None,
            label: None,
        }
    }
}

/// The filters and page of [`Store::reviews`]. `Default` is page 1 of 20,
/// unfiltered. Filters combine with AND.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct ReviewQuery {
    /// 1-based page.
    pub page: u32,
    /// Rows per page, 1..=[`MAX_PER_PAGE`].
    pub per_page: u32,
    /// Only this critic's reviews.
    pub critic: Option<CriticId>,
    /// Only critics whose normalised name contains this (`"berardinelli"`).
    pub critic_name: Option<String>,
    /// Only reviews of this film.
    pub film: Option<FilmId>,
    /// Only films whose normalised title contains this.
    pub film_title: Option<String>,
    /// Only reviews with this verdict label.
    pub label: Option<VerdictLabel>,
}

impl Default for ReviewQuery {
    fn default() -> Self {
        ReviewQuery {
            page: 1,
            per_page: 20,
            critic: None,
            critic_name: None,
            film: None,
            film_title: None,
            label: None,
        }
    }
}

/// The filters of [`Store::events`]. `Default` is every event, at most 1000.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct EventQuery {
    /// Only events at this venue.
    pub venue: Option<VenueId>,
    /// Only events around this film.
    pub film: Option<FilmId>,
    /// Only events on or after this day, `YYYY-MM-DD`. Events without a
    /// date are left out; events whose year is unknown (`--MM-DD`) are
    /// compared on month and day alone.
    pub from: Option<String>,
    /// At most this many.
    pub limit: u32,
}

impl Default for EventQuery {
    fn default() -> Self {
        EventQuery { venue: None, film: None, from: None, limit: 1000 }
    }
}

/// A film named in a list: enough to link to it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FilmRef {
    /// Its id.
    pub id: FilmId,
    /// Its title as first stored.
    pub title: String,
    /// Its release year, when known.
    pub year: Option<i32>,
}

/// A person named in a list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PersonRef {
    /// Their id.
    pub id: PersonId,
    /// Their name as first stored.
    pub name: String,
}

/// A critic named in a list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CriticRef {
    /// Their id.
    pub id: CriticId,
    /// The byline as first stored.
    pub name: String,
}

/// A venue named in a list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct VenueRef {
    /// Its id.
    pub id: VenueId,
    /// Its name as first stored.
    pub name: String,
}

/// How many reviews fall in each band.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct LabelCounts {
    /// Reviews judged positive.
    pub positive: u32,
    /// Reviews judged mixed.
    pub mixed: u32,
    /// Reviews judged negative.
    pub negative: u32,
}

/// A closed interval of scores.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Interval {
    /// Lower bound, >= 0.
    pub low: f64,
    /// Upper bound, <= 100.
    pub high: f64,
}

/// A film's standing among critics. See [`crate::standing`] for the
/// formulas.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Standing {
    /// Reviews of the film.
    pub reviews: u32,
    /// Reviews with a verdict score (the others are not judged yet).
    pub scored: u32,
    /// Share of scored reviews that are fresh, 0..=1; `None` below
    /// [`crate::standing::MIN_REVIEWS_FOR_FRESH_SHARE`] scored reviews.
    pub fresh_share: Option<f64>,
    /// Mean verdict score, 0..=100; `None` without scored reviews.
    pub mean_score: Option<f64>,
    /// The Bayesian-shrunk score (IMDb's weighted rating), 0..=100.
    pub shrunk_score: Option<f64>,
    /// The 95% interval around `shrunk_score`.
    pub interval: Option<Interval>,
    /// The band of the rounded mean score.
    pub label: Option<VerdictLabel>,
    /// How the reviews' labels spread.
    pub labels: LabelCounts,
}

/// A film in a list.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct FilmSummary {
    /// Its id.
    pub id: FilmId,
    /// Its title as first stored.
    pub title: String,
    /// Release year, when known.
    pub year: Option<i32>,
    /// Running time in minutes.
    pub runtime_minutes: Option<u32>,
    /// The certificate's mark (`"R"`).
    pub certificate: Option<String>,
    /// Its directors.
    pub directors: Vec<PersonRef>,
    /// Its standing.
    pub standing: Standing,
}

/// A performer and the character they play.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CastCredit {
    /// The performer.
    pub person: PersonRef,
    /// The named character, when any review names it.
    pub character: Option<String>,
}

/// A film's credits, merged over all its reviews, each person once per
/// role, in the order first credited.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Credits {
    /// Directors.
    pub directors: Vec<PersonRef>,
    /// Writers.
    pub writers: Vec<PersonRef>,
    /// Producers.
    pub producers: Vec<PersonRef>,
    /// Performers.
    pub cast: Vec<CastCredit>,
}

/// One of the evidence sentences most typical of a film's reviews.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ConsensusSentence {
    /// The sentence, verbatim.
    pub sentence: String,
    /// The review it comes from.
    pub review: ReviewId,
    /// That review's critic.
    pub critic: Option<CriticRef>,
}

/// Everything about a film.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct FilmDetail {
    /// Its id.
    pub id: FilmId,
    /// Its canonical title: the one most of its reviews print (or the
    /// catalogue's, when linked).
    pub title: String,
    /// Every title it is known by, the canonical one first: as its reviews
    /// print it, alternative titles, and the catalogue's.
    pub titles: Vec<String>,
    /// Its IMDb id (`tt0093093`), when linked to an imported catalogue.
    pub imdb_id: Option<String>,
    /// Release year.
    pub year: Option<i32>,
    /// Running time in minutes.
    pub runtime_minutes: Option<u32>,
    /// The certificate, mark and reasons.
    pub certificate: Option<Certificate>,
    /// The distributor as first printed.
    pub distributor: Option<String>,
    /// Genres.
    pub genres: Vec<String>,
    /// Credits merged over every review.
    pub credits: Credits,
    /// Its standing.
    pub standing: Standing,
    /// The most typical evidence sentences ([`crate::standing::consensus`]).
    pub consensus: Vec<ConsensusSentence>,
    /// Every review, newest first.
    pub reviews: Vec<ReviewSummary>,
    /// Where it plays.
    pub venues: Vec<VenueRef>,
    /// Events around it, in date order.
    pub events: Vec<EventView>,
}

/// A verdict as stored.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct VerdictView {
    /// Metacritic's band.
    pub label: VerdictLabel,
    /// Recommended or not.
    pub fresh: bool,
    /// 0..=100.
    pub score: u8,
    /// The sentences that weigh most, strongest first.
    pub evidence: Vec<String>,
    /// What decided the score.
    pub basis: VerdictBasis,
    /// The model's own reading of the prose.
    pub model_score: u8,
    /// The grade and the model's reading disagree widely.
    pub disagreement: bool,
    /// `name@version` of the model.
    pub model: String,
}

/// A review in a list (without its full text).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ReviewSummary {
    /// Its id.
    pub id: ReviewId,
    /// The document it was found in.
    pub document: DocumentId,
    /// That document's `source`.
    pub source: String,
    /// The film reviewed.
    pub film: FilmRef,
    /// The byline.
    pub critic: Option<CriticRef>,
    /// The outlet.
    pub publication: Option<String>,
    /// The review's date, `YYYY-MM-DD`.
    pub published: Option<String>,
    /// The critic's own grade.
    pub rating: Option<Rating>,
    /// The system's verdict.
    pub verdict: Option<VerdictView>,
    /// The first words of the review, at most about 300 characters, cut at
    /// a word boundary.
    pub excerpt: String,
    /// When it was stored, RFC 3339 UTC.
    pub ingested_at: String,
}

/// A review with its full text and everything extracted from it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ReviewDetail {
    /// The summary fields.
    #[serde(flatten)]
    pub summary: ReviewSummary,
    /// The review's own text (one capsule of a roundup page, or the whole
    /// article).
    pub text: String,
    /// Where the film plays, per this review.
    pub venues: Vec<VenueRef>,
    /// Events this review announces.
    pub events: Vec<EventView>,
    /// What else the review names.
    pub mentions: Mentions,
}

/// A film in a person's filmography.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PersonFilm {
    /// The film.
    pub film: FilmRef,
    /// The character played, for performers.
    pub character: Option<String>,
}

/// A person's filmography.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PersonDetail {
    /// Their id.
    pub id: PersonId,
    /// Their name as first stored.
    pub name: String,
    /// Films they directed, newest first.
    pub directed: Vec<PersonFilm>,
    /// Films they wrote.
    pub wrote: Vec<PersonFilm>,
    /// Films they produced.
    pub produced: Vec<PersonFilm>,
    /// Films they performed in, with the character.
    pub performed: Vec<PersonFilm>,
    /// Events they take part in.
    pub events: Vec<EventView>,
    /// Reviews that mention them outside the credits.
    pub mentioned_in: Vec<ReviewId>,
}

/// A critic's record.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CriticSummary {
    /// Their id.
    pub id: CriticId,
    /// Byline as first stored.
    pub name: String,
    /// Reviews they wrote.
    pub reviews: u32,
    /// Their mean verdict score.
    pub mean_score: Option<f64>,
    /// How generous they are against the others on the same films: the
    /// mean over their scored reviews of films that others also scored of
    /// (their score − the mean of the others' scores). Positive: kinder
    /// than their peers. `None` without shared films.
    pub generosity: Option<f64>,
    /// How many of their reviews `generosity` is over.
    pub shared_films: u32,
    /// Outlets named in their bylines.
    pub publications: Vec<String>,
}

/// A critic's record and reviews.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CriticDetail {
    /// The record.
    #[serde(flatten)]
    pub summary: CriticSummary,
    /// Their newest reviews, at most 100, newest first; page through the
    /// rest with [`Store::reviews`] and [`ReviewQuery::critic`].
    pub reviews: Vec<ReviewSummary>,
}

/// A venue in a list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct VenueSummary {
    /// Its id.
    pub id: VenueId,
    /// Name as first stored.
    pub name: String,
    /// Films playing there.
    pub films: u32,
    /// Events held there.
    pub events: u32,
}

/// A venue's films and events.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct VenueDetail {
    /// Its id.
    pub id: VenueId,
    /// Name as first stored.
    pub name: String,
    /// Films playing there.
    pub films: Vec<FilmRef>,
    /// Events held there, in date order.
    pub events: Vec<EventView>,
}

/// An event.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct EventView {
    /// Its row id.
    pub id: i64,
    /// "Q&A", "premiere", ...
    pub kind: String,
    /// `YYYY-MM-DD` or `--MM-DD`.
    pub date: Option<String>,
    /// `HH:MM`.
    pub time: Option<String>,
    /// The venue, when named.
    pub venue: Option<VenueRef>,
    /// The film it is around.
    pub film: FilmRef,
    /// Who takes part.
    pub participants: Vec<PersonRef>,
    /// The review that announced it.
    pub review: ReviewId,
    /// That review's date (`YYYY-MM-DD` as extracted), from which a yearless
    /// date's year can be inferred.
    pub review_published: Option<String>,
    /// When the document that announced it was stored, RFC 3339 UTC: the
    /// fallback for inferring a yearless date's year.
    pub ingested_at: String,
}

/// What the search index needs of one review, flattened.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct IndexReview {
    /// The review.
    pub id: ReviewId,
    /// Its film.
    pub film: FilmId,
    /// The film's title as first stored.
    pub title: String,
    /// The film's year.
    pub year: Option<i32>,
    /// Directors' names (film-wide).
    pub directors: Vec<String>,
    /// Writers' names (film-wide).
    pub writers: Vec<String>,
    /// Performers' names (film-wide).
    pub cast: Vec<String>,
    /// Characters' names (film-wide).
    pub characters: Vec<String>,
    /// The critic's byline.
    pub critic: Option<String>,
    /// The critic's id, when the review has a byline.
    pub critic_id: Option<CriticId>,
    /// The outlet.
    pub publication: Option<String>,
    /// The review's date.
    pub published: Option<String>,
    /// Venues this review names.
    pub venues: Vec<String>,
    /// The film's certificate mark.
    pub certificate: Option<String>,
    /// The decade of the film's year (1990 for 1994).
    pub decade: Option<i32>,
    /// The verdict's label.
    pub label: Option<VerdictLabel>,
    /// The verdict's score.
    pub score: Option<u8>,
    /// The verdict's call.
    pub fresh: Option<bool>,
    /// The verdict's evidence.
    pub evidence: Vec<String>,
    /// The review's full text.
    pub text: String,
}

/// A film for `marquee export`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct FilmExport {
    /// Its id.
    pub id: FilmId,
    /// Its canonical title.
    pub title: String,
    /// Every title it is known by, the canonical one first.
    pub titles: Vec<String>,
    /// Its IMDb id, when linked to an imported catalogue.
    pub imdb_id: Option<String>,
    /// Release year.
    pub year: Option<i32>,
    /// Running time in minutes.
    pub runtime_minutes: Option<u32>,
    /// Certificate with reasons.
    pub certificate: Option<Certificate>,
    /// Distributor.
    pub distributor: Option<String>,
    /// Genres.
    pub genres: Vec<String>,
    /// Merged credits.
    pub credits: Credits,
    /// Standing.
    pub standing: Standing,
}

/// A review for `marquee export`: ids plus the extraction record as it was
/// stored (with its verdict).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ReviewExport {
    /// The review.
    pub id: ReviewId,
    /// Its film.
    pub film: FilmId,
    /// The film's IMDb id, when linked to an imported catalogue.
    pub imdb_id: Option<String>,
    /// Its document.
    pub document: DocumentId,
    /// The document's `source`.
    pub source: String,
    /// The critic.
    pub critic: Option<CriticId>,
    /// The extraction record of this review, as ingested.
    pub record: Review,
}

/// One title of a film catalogue (IMDb's `title.basics` row, with its
/// `title.akas`, and its directors' names from `title.crew` and
/// `name.basics`).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CatalogEntry {
    /// The IMDb id, `tt0093093`.
    pub tconst: String,
    /// The primary title.
    pub title: String,
    /// The original title, when it differs.
    pub original: Option<String>,
    /// Alternative titles.
    pub akas: Vec<String>,
    /// The start year.
    pub year: Option<i32>,
    /// Running time in minutes.
    pub runtime_minutes: Option<u32>,
    /// Genres.
    pub genres: Vec<String>,
    /// Directors' names.
    pub directors: Vec<String>,
    /// Whether the crew file was given (so an empty `directors` means
    /// the catalogue names none).
    pub crew_known: bool,
}

/// What `marquee catalog import` did.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct CatalogReport {
    /// Catalogue entries kept (those with a title some film is known by).
    pub entries: u64,
    /// Films considered.
    pub films: u64,
    /// Films linked to an entry.
    pub linked: u64,
}
