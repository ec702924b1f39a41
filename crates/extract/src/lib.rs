//! Turns a review's text into the extraction record of
//! `../shared/schema/EXTRACT.md`: the film and its credits, the critic and
//! their grade, venues, dated events and other things named.
//!
//! This crate owns reading a review: splitting a page of capsules into one
//! review per film ([`segment`]), the title line, credit blocks in the
//! layouts critics use, running times, certificates, grades, the byline and
//! dateline, and (in `prose`) what the running prose says. It does no IO and
//! cannot fail: text in, [`Extraction`] out, with [`Warning`]s for what it
//! could not settle. It does not judge the review (`marquee-judge` does).
//!
//! ```
//! let record = marquee_extract::extract_text(
//!     "ben.txt",
//!     "BEN (1972)\n\ndirected by Phil Karlson\nlength: 92 mins.\nMPAA rating: PG (for some cheap scares)\n\nThe rats return.\n",
//! );
//! let film = &record.reviews[0].film;
//! assert_eq!(film.title, "Ben"); // printed in capitals, given in title case
//! assert_eq!(film.year, Some(1972));
//! assert_eq!(film.runtime_minutes, Some(92));
//! assert_eq!(film.certificate.as_ref().unwrap().reasons, ["some cheap scares"]);
//! ```
#![warn(missing_docs)]

mod byline;
mod certificate;
mod credits;
mod grade;
mod people;
mod prose;
mod runtime;
pub mod segment;
mod title;

use marquee_model::{Article, CastMember, Extraction, Film, Review, TitleConfidence, TitleSource, Warning};

/// What can go wrong around extraction. Extraction itself cannot fail
/// (messy input gives warnings), so this is for callers that check its
/// output against the record's contract.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// The record did not serialise to JSON.
    #[error("cannot serialise the extraction record: {0}")]
    Serialise(#[from] serde_json::Error),
}

/// The crate's result type.
pub type Result<T> = std::result::Result<T, Error>;

/// The record as the one JSON line `marquee extract --format jsonl` prints.
pub fn to_json_line(extraction: &Extraction) -> Result<String> {
    Ok(serde_json::to_string(extraction)?)
}

/// Extracts the record from a plain-text or Markdown document.
pub fn extract_text(source: &str, text: &str) -> Extraction {
    let text = text.replace("\r\n", "\n").replace('\r', "\n");
    let doc_byline = byline::read(&text);
    let parts = segment::segments(&text);
    let many = parts.reviews.len() > 1;
    let mut reviews = Vec::with_capacity(parts.reviews.len());
    for part in &parts.reviews {
        let seg = &text[part.clone()];
        let mut review = review_of(seg);
        // A roundup's byline covers every capsule on the page; a capsule
        // signed with initials ("- S.R.") is that critic's.
        let own = if many { byline::read(seg) } else { doc_byline.clone() };
        let signed = if many { segment::initials(seg).map(str::to_owned) } else { None };
        review.critic = own.critic.or(signed).or_else(|| doc_byline.critic.clone());
        review.publication = own.publication.or_else(|| doc_byline.publication.clone());
        review.published = own.published.or_else(|| doc_byline.published.clone());
        if many {
            review.rating = grade::find_in_capsule(seg, &text);
        }
        review.text = seg.to_owned();
        prose::enrich(seg, &mut review);
        reviews.push(review);
    }
    // The page's closing paragraphs ("Quiet Harbor screens again on ...")
    // add their venues and events to the capsule they name.
    if let Some(coda) = parts.coda.clone() {
        let coda = &text[coda];
        if let Some(review) = reviews.iter_mut().filter(|r| !r.film.title.is_empty()).min_by_key(|r| {
            title::position_in(coda, &r.film.title).unwrap_or(usize::MAX)
        }) {
            if title::position_in(coda, &review.film.title).is_some() {
                prose::enrich_coda(coda, review);
            }
        }
    }
    let mut warnings = Vec::new();
    no_title_warnings(&reviews, &mut warnings);
    if text.trim().is_empty() {
        warnings.push(Warning { code: "no_review_found".into(), message: "the document holds no text".into() });
        reviews.clear();
    }
    Extraction { source: source.to_owned(), article: None, reviews, warnings }
}

/// One `no_title` warning per review whose text does not give its film's
/// title: such a review keeps an empty title rather than an invented one.
fn no_title_warnings(reviews: &[Review], warnings: &mut Vec<Warning>) {
    warnings.retain(|w| w.code != "no_title");
    let many = reviews.len() > 1;
    for (n, _) in reviews.iter().enumerate().filter(|(_, r)| r.film.title.is_empty()) {
        let which = if many { format!("review {} of {}: ", n + 1, reviews.len()) } else { String::new() };
        warnings.push(Warning {
            code: "no_title".into(),
            message: format!("{which}the text gives no title line, labelled title or recurring film name; the title is left empty"),
        });
    }
}

/// Sets `film`'s title and where it came from.
fn set_title(film: &mut Film, title: String, source: TitleSource, confidence: TitleConfidence) {
    film.alt_titles.retain(|a| !a.eq_ignore_ascii_case(&title));
    film.title = title;
    film.title_source = Some(source);
    film.title_confidence = Some(confidence);
}

/// Extracts the record from an article already found in an HTML page.
pub fn extract_article(source: &str, article: Article) -> Extraction {
    let body = article.body.clone().unwrap_or_default();
    let mut extraction = extract_text(source, &body);
    if let Some(review) = extraction.reviews.first_mut() {
        if review.critic.is_none() {
            review.critic = article.byline.clone();
        }
        if review.publication.is_none() {
            review.publication = article.site.clone();
        }
        if review.published.is_none() {
            review.published = article.published.clone().filter(|d| d.len() == 10);
        }
        if review.film.title.is_empty() {
            if let Some(t) = article.title.as_deref().and_then(title::clean_title) {
                set_title(&mut review.film, t, TitleSource::Metadata, TitleConfidence::Low);
            }
        }
    }
    no_title_warnings(&extraction.reviews, &mut extraction.warnings);
    extraction.article = Some(article);
    extraction
}

/// Extracts the record from an HTML page already parsed by
/// `marquee-article`: the article's text as [`extract_article`] reads it,
/// then what the page's schema.org JSON-LD states outright. A page that
/// holds one review of one film names that film and the critic's grade in
/// structured form; that beats anything guessed from prose, so the film's
/// name replaces the guessed title and the grade fills an empty rating.
pub fn extract_page(source: &str, page: marquee_article::Page) -> Extraction {
    let mut extraction = extract_article(source, page.article);
    let [structured] = page.reviews.as_slice() else { return extraction };
    let [review] = extraction.reviews.as_mut_slice() else { return extraction };
    if let Some(item) = &structured.item {
        if let Some(name) = item.name.as_deref().map(str::trim).filter(|n| !n.is_empty()) {
            set_title(&mut review.film, name.to_owned(), TitleSource::JsonLd, TitleConfidence::High);
        }
        if review.film.year.is_none() {
            review.film.year = item.year;
        }
        if review.film.directors.is_empty() {
            review.film.directors = item.directors.clone();
        }
        if review.film.runtime_minutes.is_none() {
            review.film.runtime_minutes = item.runtime_minutes;
        }
    }
    if review.rating.is_none() {
        review.rating = structured.rating.as_ref().and_then(rating_of);
    }
    if review.critic.is_none() {
        review.critic = structured.author.clone();
    }
    no_title_warnings(&extraction.reviews, &mut extraction.warnings);
    extraction
}

/// A schema.org `Rating` as the record's grade, made linear on 0..100. With
/// no `worstRating` printed it reads as "x of best stars" (GUIDE.md: 100·x/max),
/// not schema.org's implied minimum of 1, as critics' stars are meant.
fn rating_of(rating: &marquee_article::RatingData) -> Option<marquee_model::Rating> {
    let best = rating.best.unwrap_or(5.0);
    let worst = rating.worst.unwrap_or(0.0);
    if !(best > worst) || !(worst..=best).contains(&rating.value) {
        return None;
    }
    let score = (100.0 * (rating.value - worst) / (best - worst)).round() as u8;
    Some(marquee_model::Rating { text: format!("{}/{}", rating.value, best), score })
}

/// The film's title, where it was read and how sure that is: a "Title:"
/// label, the title line, the words before a sentence-style credit block,
/// or the film the prose keeps naming.
fn title_from(text: &str, credits: &credits::Credits, head: &title::Head) -> Option<(String, TitleSource, TitleConfidence)> {
    let header = if head.sure { TitleConfidence::High } else { TitleConfidence::Medium };
    credits
        .title
        .as_deref()
        .and_then(title::clean_title)
        .map(|t| (t, TitleSource::Credits, TitleConfidence::High))
        .or_else(|| head.title.clone().map(|t| (t, TitleSource::Header, header)))
        .or_else(|| credits.lead.as_deref().and_then(title::clean_title).map(|t| (t, TitleSource::Credits, TitleConfidence::Medium)))
        .or_else(|| title::from_prose(text).map(|t| (t, TitleSource::Prose, TitleConfidence::Low)))
}

/// The title [`review_of`] gives `text`.
pub(crate) fn title_of(text: &str) -> Option<String> {
    title_from(text, &credits::read(text), &title::find(text)).map(|t| t.0)
}

/// Everything but the byline, read from one review's text.
fn review_of(text: &str) -> Review {
    let credits = credits::read(text);
    let head = title::find(text);
    let mut film = Film::default();
    film.alt_titles = head.alt_titles.iter().chain(&credits.alt_titles).map(|t| title::recase(t, text)).collect();
    film.alt_titles.dedup();
    if let Some((title, source, confidence)) = title_from(text, &credits, &head) {
        set_title(&mut film, title::recase(&title, text), source, confidence);
    }
    film.year = head.year.or(credits.year);
    film.directors = credits.directors.clone();
    film.writers = credits.writers.clone();
    film.producers = credits.producers.clone();
    film.cast = credits.cast.iter().map(|c| CastMember { name: c.name.clone(), character: c.character.clone() }).collect();

    // Short stand-alone paragraphs ("R, 127 minutes", a capsule's tail) read
    // like credit blocks for bare runtimes and marks.
    let mut blocks: Vec<&str> = credits.blocks.iter().map(|r| &text[r.clone()]).collect();
    if let Some(line) = &head.line {
        blocks.push(&text[line.clone()]);
    }
    // A capsule's tail: "... 1 hr.\n38 PG-13 (language) - T.K."
    let trimmed = text.trim_end();
    let tail_start = trimmed.rmatch_indices('\n').nth(1).map_or(0, |(i, _)| i);
    blocks.push(&trimmed[tail_start..]);
    for para in credits::paragraphs(text) {
        let body = &text[para];
        if body.lines().count() <= 2 && body.lines().all(|l| l.trim().len() <= 90) {
            blocks.push(body);
        }
    }
    film.distributor = credits
        .distributor
        .clone()
        .or_else(|| head.distributor.clone())
        .or_else(|| blocks.iter().find_map(|b| credits::release_line(b)))
        .or_else(|| credits::release_line(text))
        .or_else(|| credits::distributed_by(text));
    film.runtime_minutes = credits
        .runtime
        .or_else(|| runtime::find_cued(text))
        .or_else(|| blocks.iter().find_map(|b| runtime::find_bare(b)));
    film.certificate = credits
        .certificate
        .clone()
        .or_else(|| certificate::find_cued(text))
        .or_else(|| head.certificate.clone())
        .or_else(|| blocks.iter().find_map(|b| certificate::find_bare(b)))
        .or_else(|| certificate::find_mentioned(text));
    let mut review = Review::new(film);
    review.rating = grade::find(text);
    review
}
