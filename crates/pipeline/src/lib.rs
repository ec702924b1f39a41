//! The path a review takes through marquee: a [`Document`] is read, its
//! article found (for HTML), its reviews extracted and judged, and the result
//! stored; once all are stored, the store resolves which reviews are of one
//! film and which bylines are one critic.
//!
//! This crate owns the order of those steps and their parallelism: documents
//! are read in a stream, processed in batches on rayon's thread pool, and
//! written by one thread in batched transactions. It does not parse, judge or
//! store anything itself. Progress and per-input failures are reported
//! through a callback, never printed.
//!
//! ```no_run
//! use marquee_pipeline::{Pipeline, Event};
//! use marquee_store::SqliteStore;
//! let pipeline = Pipeline::new(marquee_judge::Judge::default_model()?);
//! let mut store = SqliteStore::open(std::path::Path::new("marquee.db"))?;
//! let report = pipeline.ingest(&mut store, &["reviews/".to_string()], &mut |_event: Event<'_>| {})?;
//! println!("{} documents stored", report.inserted);
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
#![warn(missing_docs)]

use marquee_model::{Body, Document, Extraction, FilmId, ReviewId, Warning};
use marquee_read::{ReadOptions, read_inputs};
use marquee_store::{DocumentInput, Ingest, IngestOutcome, Resolution, Store};
use rayon::prelude::*;

pub use marquee_judge::Judge;

/// Errors that stop a whole ingest (a bad input does not: it is reported and
/// skipped).
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// The store failed as a whole (disk, file).
    #[error(transparent)]
    Store(#[from] marquee_store::Error),
}

/// The result type of this crate.
pub type Result<T> = std::result::Result<T, Error>;

/// Why one input produced nothing to store. Displayed as one line that names
/// the input.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Failure {
    /// The input: a path, `file.jsonl:12`, a URL.
    pub input: String,
    /// What was wrong with it.
    pub reason: String,
}

impl std::fmt::Display for Failure {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}: {}", self.input, self.reason)
    }
}

/// What [`Pipeline::ingest`] reports as it goes.
#[derive(Debug)]
#[non_exhaustive]
pub enum Event<'a> {
    /// Another batch of documents was stored; the running totals so far.
    Progress(&'a IngestReport),
    /// An input failed and was skipped.
    Failed(&'a Failure),
    /// A document was stored for the first time with these reviews, of
    /// these films (in the same order): what a search index must add.
    Stored {
        /// The new reviews.
        reviews: &'a [ReviewId],
        /// The film of each review.
        films: &'a [FilmId],
    },
    /// Film and critic identity were resolved after the documents were
    /// stored: reviews may have moved, films merged or split (what a search
    /// index must update or remove besides the new reviews).
    Resolved(&'a Resolution),
}

/// The totals of an ingest.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize)]
pub struct IngestReport {
    /// Documents read successfully.
    pub documents: u64,
    /// Documents stored for the first time.
    pub inserted: u64,
    /// Documents whose content was already stored.
    pub unchanged: u64,
    /// Reviews stored.
    pub reviews: u64,
    /// Films created (the other reviews joined films already stored).
    pub new_films: u64,
    /// Inputs that failed.
    pub failed: u64,
    /// Bytes of document content read.
    pub bytes: u64,
}

/// Documents processed and written per batch: big enough to amortise a
/// transaction, small enough that progress moves and a crash loses little.
const BATCH: usize = 256;

/// The most document bytes a batch holds (a batch always takes at least one
/// document). Memory grows with what a batch holds, its documents and their
/// extractions, so it is bounded by bytes as well as by count: 256 reviews
/// of a few kilobytes fill a batch by count, while documents near the size
/// limit go one at a time. Peak memory is then a small multiple of the
/// largest document (the batch, the one read ahead, and each worker's
/// working set), whatever the number of documents.
const BATCH_BYTES: u64 = 16 * 1024 * 1024;

/// The read → extract → judge → store path, with its settings.
pub struct Pipeline {
    judge: Judge,
    read: ReadOptions,
}

impl Pipeline {
    /// A pipeline that judges with `judge` and reads with default options.
    pub fn new(judge: Judge) -> Self {
        Pipeline { judge, read: ReadOptions::default() }
    }

    /// Replaces the read options (size limits, HTTP settings).
    pub fn with_read_options(mut self, read: ReadOptions) -> Self {
        self.read = read;
        self
    }

    /// The read options this pipeline uses.
    pub fn read_options(&self) -> &ReadOptions {
        &self.read
    }

    /// The judge this pipeline uses.
    pub fn judge(&self) -> &Judge {
        &self.judge
    }

    /// Reads `inputs` and calls `f` with each document's extraction (judged
    /// when `judge` is set), or with the failure of each bad input, in input
    /// order. Documents are processed in parallel batches.
    pub fn extract_with(
        &self,
        inputs: &[String],
        judge: bool,
        f: &mut dyn FnMut(std::result::Result<Extraction, Failure>),
    ) {
        self.for_each_batch(inputs, judge, &mut |batch| {
            for (_, result) in batch {
                f(result);
            }
        });
    }

    /// Reads `inputs`, extracts and judges every document, and stores the
    /// results in `store`. Bad inputs are reported through `on_event` and
    /// skipped; only a failure of the store itself stops the ingest.
    pub fn ingest(
        &self,
        store: &mut dyn Store,
        inputs: &[String],
        on_event: &mut dyn FnMut(Event<'_>),
    ) -> Result<IngestReport> {
        let mut report = IngestReport::default();
        let mut store_error = None;
        self.for_each_batch(inputs, true, &mut |batch| {
            if store_error.is_some() {
                return;
            }
            let mut items = Vec::with_capacity(batch.len());
            for (doc, result) in &batch {
                match (doc, result) {
                    (Some(doc), Ok(extraction)) => {
                        report.documents += 1;
                        report.bytes += doc.body.raw().len() as u64;
                        items.push(Ingest { doc: DocumentInput::from(doc), extraction });
                    }
                    (_, Err(failure)) => {
                        report.failed += 1;
                        on_event(Event::Failed(failure));
                    }
                    (None, Ok(_)) => {}
                }
            }
            let outcomes = match store.ingest_batch(&items) {
                Ok(outcomes) => outcomes,
                Err(err) => {
                    store_error = Some(err);
                    return;
                }
            };
            for (item, outcome) in items.iter().zip(outcomes) {
                match outcome {
                    Ok(IngestOutcome::Inserted { reviews, films, new_films, .. }) => {
                        report.inserted += 1;
                        report.reviews += reviews.len() as u64;
                        report.new_films += new_films as u64;
                        on_event(Event::Stored { reviews: &reviews, films: &films });
                    }
                    Ok(_) => report.unchanged += 1,
                    Err(err) => {
                        report.failed += 1;
                        let failure = Failure {
                            input: item.doc.origin.to_owned(),
                            reason: format!("not stored: {err}"),
                        };
                        on_event(Event::Failed(&failure));
                    }
                }
            }
            on_event(Event::Progress(&report));
        });
        if let Some(err) = store_error {
            return Err(err.into());
        }
        // Identity is resolved once the documents are stored, over all the
        // evidence (and after a crash, over what the killed run stored).
        let resolution = store.resolve()?;
        on_event(Event::Resolved(&resolution));
        Ok(report)
    }

    /// Reads documents in batches of at most [`BATCH`] documents and
    /// [`BATCH_BYTES`] bytes and processes each batch in parallel; read
    /// failures keep their place in the batch so that output follows input
    /// order.
    fn for_each_batch(
        &self,
        inputs: &[String],
        judge: bool,
        f: &mut dyn FnMut(Vec<(Option<Document>, std::result::Result<Extraction, Failure>)>),
    ) {
        let mut docs = read_inputs(inputs, &self.read).peekable();
        while docs.peek().is_some() {
            let batch = next_batch(&mut docs, BATCH, BATCH_BYTES);
            let processed = batch
                .into_par_iter()
                .map(|item| match item {
                    Ok(doc) => {
                        let result = self.process_with(&doc, judge);
                        (Some(doc), result)
                    }
                    Err(err) => {
                        let failure = Failure { input: err.input().to_owned(), reason: reason_of(&err) };
                        (None, Err(failure))
                    }
                })
                .collect();
            f(processed);
        }
    }

    /// Extracts and judges one document. A document in which no review is
    /// found is a [`Failure`]: storing it would add nothing findable.
    pub fn process(&self, doc: &Document) -> std::result::Result<Extraction, Failure> {
        self.process_with(doc, true)
    }

    /// [`Pipeline::process`], judging only when `judge` is set.
    pub fn process_with(&self, doc: &Document, judge: bool) -> std::result::Result<Extraction, Failure> {
        // A bug in a parser must cost one document, not the whole batch (and
        // not a half-written ingest): a panic becomes this input's failure.
        std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| self.process_unguarded(doc, judge))).unwrap_or_else(
            |panic| {
                let what = panic
                    .downcast_ref::<&str>()
                    .map(|s| (*s).to_owned())
                    .or_else(|| panic.downcast_ref::<String>().cloned())
                    .unwrap_or_default();
                Err(Failure { input: doc.origin.clone(), reason: format!("internal error while extracting ({what}); please report it") })
            },
        )
    }

    fn process_unguarded(&self, doc: &Document, judge: bool) -> std::result::Result<Extraction, Failure> {
        let mut extraction = match &doc.body {
            Body::Text(text) => marquee_extract::extract_text(&doc.source, text),
            Body::Html { html, url } => {
                let page = marquee_article::try_extract_page(html, url.as_deref())
                    .map_err(|err| Failure { input: doc.origin.clone(), reason: err.to_string() })?;
                marquee_extract::extract_page(&doc.source, page)
            }
        };
        // The extractor reports a review for any text it is given; one
        // with neither a title nor a single fact about a film is not a film
        // review (a memo, a shopping list), nor is one whose only fact is a
        // guessed title (a note's first line) in a text that never speaks
        // of a film.
        let text = match &doc.body {
            Body::Text(text) => text.as_str(),
            Body::Html { html, .. } => html.as_str(),
        };
        extraction.reviews.retain(|review| names_a_film(review, text));
        if extraction.reviews.is_empty() {
            return Err(Failure { input: doc.origin.clone(), reason: "no film review found in it".into() });
        }
        if judge {
            self.judge_all(&mut extraction);
        }
        Ok(extraction)
    }

    /// Adds a verdict to every review of `extraction`.
    pub fn judge_all(&self, extraction: &mut Extraction) {
        for review in &mut extraction.reviews {
            review.verdict = Some(self.judge.verdict(&review.text, review.rating.as_ref()));
        }
        if extraction.reviews.iter().any(|r| r.verdict.as_ref().is_some_and(|v| v.disagreement)) {
            extraction.warnings.push(Warning {
                code: "grade_model_disagree".into(),
                message: "the critic's grade and the model's reading of the prose disagree widely".into(),
            });
        }
    }
}

/// Takes the next batch from `docs`: at most `max_docs` documents, and no
/// more than `max_bytes` of them unless the first alone is larger (a batch
/// always takes one). The document after the batch stays in `docs`, read.
fn next_batch<T>(
    docs: &mut std::iter::Peekable<impl Iterator<Item = std::result::Result<Document, T>>>,
    max_docs: usize,
    max_bytes: u64,
) -> Vec<std::result::Result<Document, T>> {
    let mut batch = Vec::new();
    let mut bytes = 0u64;
    while batch.len() < max_docs {
        let size = match docs.peek() {
            None => break,
            Some(Ok(doc)) => doc.body.raw().len() as u64,
            Some(Err(_)) => 0,
        };
        if !batch.is_empty() && bytes + size > max_bytes {
            break;
        }
        bytes += size;
        batch.extend(docs.next());
    }
    batch
}

/// Whether `review` says anything about a film: a title, credits, a
/// runtime, a certificate or a grade.
fn names_a_film(review: &marquee_model::Review, text: &str) -> bool {
    let film = &review.film;
    let sure_title = film.title_confidence == Some(marquee_model::TitleConfidence::High);
    (!film.title.trim().is_empty() && (sure_title || speaks_of_film(text)))
        || !film.directors.is_empty()
        || !film.cast.is_empty()
        || film.runtime_minutes.is_some()
        || film.certificate.is_some()
        || review.rating.is_some()
}

/// Words no review of a film goes without: of 27,862 ramr reviews 9 use
/// none of them, of polarity v2's 2,000 none; a memo or a note to a friend
/// uses none.
const FILM_WORDS: &[&str] = &[
    "film", "films", "movie", "movies", "cinema", "cinematic", "director", "directed", "directs", "screenplay",
    "actor", "actors", "actress", "cast", "starring", "stars", "performance", "performances", "scene", "scenes",
    "plot", "documentary", "screen", "sequel", "thriller", "comedy", "drama", "animated", "animation", "premiere",
    "festival", "screening", "role", "roles", "character", "characters", "filmmaker", "filmmakers", "hollywood",
    "oscar", "audience", "audiences", "picture",
];

/// Whether `text` uses one of [`FILM_WORDS`] (as a whole word, any case).
fn speaks_of_film(text: &str) -> bool {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| (4..=12).contains(&w.len()))
        .any(|w| FILM_WORDS.iter().any(|f| f.eq_ignore_ascii_case(w)))
}

/// The reason part of a read error's one-line message (the input is printed
/// separately).
fn reason_of(err: &marquee_read::InputError) -> String {
    let line = err.to_string();
    let input = err.input();
    line.strip_prefix(input)
        .map(|rest| rest.trim_start_matches(':').trim().to_owned())
        .filter(|rest| !rest.is_empty())
        .unwrap_or(line)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn doc(bytes: usize) -> std::result::Result<Document, ()> {
        Ok(Document { source: String::new(), origin: String::new(), body: Body::Text("x".repeat(bytes)) })
    }

    /// r12: a batch is bounded by bytes as well as by count, so that memory
    /// follows the document limit, not the batch size.
    #[test]
    fn r12_batches_are_bounded_by_bytes_and_count() {
        let sizes = |batch: Vec<std::result::Result<Document, ()>>| -> Vec<usize> {
            batch.iter().map(|d| d.as_ref().map_or(0, |d| d.body.raw().len())).collect()
        };
        let mut docs = [doc(40), doc(40), Err(()), doc(30), doc(500), doc(1), doc(1), doc(1)].into_iter().peekable();
        assert_eq!(sizes(next_batch(&mut docs, 3, 100)), [40, 40, 0]);
        assert_eq!(sizes(next_batch(&mut docs, 3, 100)), [30]);
        // A document over the byte budget goes alone.
        assert_eq!(sizes(next_batch(&mut docs, 3, 100)), [500]);
        assert_eq!(sizes(next_batch(&mut docs, 3, 100)), [1, 1, 1]);
        assert!(next_batch(&mut docs, 3, 100).is_empty());
    }
}
