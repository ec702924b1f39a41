//! Turns a review's text into the extraction record of
//! `../shared/schema/EXTRACT.md`: the film and its credits, the critic and
//! their grade, venues, dated events and other things named.
//!
//! This crate does no IO: text in, [`Extraction`] out. (Skeleton; the review
//! pipeline issue fills it.)
#![warn(missing_docs)]

mod prose;

use marquee_model::{Article, Extraction};

/// Extracts the record from a plain-text or Markdown document.
pub fn extract_text(source: &str, text: &str) -> Extraction {
    let _ = text;
    Extraction { source: source.to_owned(), ..Extraction::default() }
}

/// Extracts the record from an article already found in an HTML page.
pub fn extract_article(source: &str, article: Article) -> Extraction {
    let body = article.body.clone().unwrap_or_default();
    let mut extraction = extract_text(source, &body);
    extraction.article = Some(article);
    extraction
}
