//! marquee-article finds the article in an HTML page: its title, body text,
//! byline, publication date and site, and the schema.org review and film
//! data the page embeds.
//!
//! It owns HTML → [`Article`] and nothing else: no IO (the page arrives as a
//! string, from `marquee-read`), no film extraction (that is
//! `marquee-extract`, which reads the body this crate finds). Everything here
//! is a pure function of the page and its URL.
//!
//! The body comes from rs-trafilatura (a Rust port of trafilatura), pruned of
//! the link blocks and page furniture it lets through (see [`body`]), or
//! from the page's JSON-LD `articleBody` when the page itself prints no body
//! (an application shell filled in by a script); metadata from JSON-LD
//! first, then OpenGraph and other `<meta>` tags, then the page's `<title>`,
//! `<h1>` and `<time>`.
//!
//! Limits, for hostile input: pages over [`MAX_HTML_BYTES`] are cut there
//! before parsing; tags nested deeper than [`MAX_DEPTH`] (256) levels and
//! tags with more than [`MAX_ATTRIBUTES`] (512) attributes are dropped before
//! parsing (their text is kept; [`try_extract_page`] refuses a page with such
//! a tag instead); our tree walks are iterative; JSON-LD nesting is bounded
//! by serde_json's limit of 128 levels.
//!
//! ```
//! let html = r#"<html><head><title>Review: A Film | The Reel</title>
//!   <meta property="og:site_name" content="The Reel"></head>
//!   <body><nav><a href="/">Home</a> <a href="/films">Films</a></nav>
//!   <article><h1>Review: A Film</h1>
//!   <p>This is the first paragraph of a long review, which says many things about the film and its makers.</p>
//!   <p>This is the second paragraph, with further thoughts on the acting, the music and the photography.</p>
//!   <p>And a third, which concludes that the film is worth seeing on the largest screen you can find.</p>
//!   </article></body></html>"#;
//! let article = marquee_article::extract_article(html, None);
//! assert_eq!(article.site.as_deref(), Some("The Reel"));
//! assert!(article.body.unwrap().starts_with("This is the first paragraph"));
//! ```
#![warn(missing_docs)]

pub mod body;
mod jsonld;
mod limits;
mod meta;
pub mod metric;

pub use jsonld::{FilmData, RatingData, ReviewData};
pub use marquee_model::Article;

use scraper::Html;

/// Pages longer than this (16 MB) are cut here before parsing: no article
/// needs more, and parsing time and memory grow with the page.
pub const MAX_HTML_BYTES: usize = 16 * 1024 * 1024;

/// Everything this crate finds on a page: the [`Article`], and the
/// schema.org reviews and films the page embeds as JSON-LD, for the
/// extractor to use beside the text.
#[derive(Debug, Clone, Default, PartialEq)]
#[non_exhaustive]
pub struct Page {
    /// Title, body, byline, date, site.
    pub article: Article,
    /// schema.org `Review` / `CriticReview` nodes, with their
    /// `reviewRating` and `itemReviewed`.
    pub reviews: Vec<ReviewData>,
    /// schema.org `Movie` nodes that are not the item of a review.
    pub films: Vec<FilmData>,
}

/// Finds the article in an HTML page. `url` is where the page came from,
/// when known; it helps the body extractor and names the site as a last
/// resort.
pub fn extract_article(html: &str, url: Option<&str>) -> Article {
    extract_page(html, url).article
}

/// Why a page was refused by [`try_extract_page`].
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// A tag carries more attributes than any real page does: parsing it
    /// would take time that grows with the square of their number.
    #[error("hostile or broken markup: a tag with {attributes} attributes, over the limit of {limit}")]
    TooManyAttributes {
        /// The most attributes seen on one tag.
        attributes: usize,
        /// [`MAX_ATTRIBUTES`].
        limit: usize,
    },
}

/// The result type of this crate.
pub type Result<T> = std::result::Result<T, Error>;

pub use limits::{MAX_ATTRIBUTES, MAX_DEPTH};

/// Finds the article and the embedded review and film data in a page.
///
/// Hostile markup is bounded first (see [`MAX_HTML_BYTES`], [`MAX_DEPTH`]
/// and [`MAX_ATTRIBUTES`]): what is over a limit is cut and the rest read.
/// [`try_extract_page`] refuses a page with a tag over the attribute limit
/// instead.
pub fn extract_page(html: &str, url: Option<&str>) -> Page {
    let bounded = limits::bound(truncate(html, MAX_HTML_BYTES), MAX_DEPTH);
    extract_bounded(&bounded.html, url)
}

/// [`extract_page`], refusing a page whose markup is over a limit that only
/// hostile or broken pages reach (a tag with more than [`MAX_ATTRIBUTES`]
/// attributes), so that the caller can report it.
pub fn try_extract_page(html: &str, url: Option<&str>) -> Result<Page> {
    let bounded = limits::bound(truncate(html, MAX_HTML_BYTES), MAX_DEPTH);
    if let Some(attributes) = bounded.crowded {
        return Err(Error::TooManyAttributes { attributes, limit: MAX_ATTRIBUTES });
    }
    Ok(extract_bounded(&bounded.html, url))
}

/// [`extract_page`] on a page already bounded.
fn extract_bounded(html: &str, url: Option<&str>) -> Page {
    let doc = Html::parse_document(html);
    let meta = meta::read(&doc);
    let json_ld = jsonld::parse(meta.json_ld.iter().map(String::as_str));
    let titles: Vec<&str> = [&meta.og_title, &meta.title_tag, &meta.h1].into_iter().flatten().map(String::as_str).collect();
    let extracted = body::extract_with(html, url, Some(&doc), &titles);
    drop(doc);

    let ld_article = json_ld.articles.iter().find(|a| a.headline.is_some()).cloned().unwrap_or_default();
    let ld_review = json_ld.reviews.first();
    let site = meta
        .site
        .clone()
        .or_else(|| json_ld.site_name.clone())
        .or_else(|| ld_article.publisher.clone())
        .or_else(|| extracted.site.clone())
        .or_else(|| url.and_then(host));
    let title = meta
        .og_title
        .clone()
        .or_else(|| ld_article.headline.clone())
        .or_else(|| meta.h1.clone())
        .or_else(|| meta.title_tag.as_deref().map(|t| meta::strip_site_suffix(t, site.as_deref())))
        .or_else(|| extracted.title.clone())
        .map(|t| meta::strip_site_suffix(&t, site.as_deref()));
    let byline = ld_review
        .and_then(|r| r.author.clone())
        .or_else(|| json_ld.articles.iter().find_map(|a| a.author.clone()))
        .or_else(|| meta.author.clone())
        .or_else(|| extracted.author.clone());
    let published = ld_review
        .and_then(|r| r.published.clone())
        .or_else(|| json_ld.articles.iter().find_map(|a| a.published.clone()))
        .or_else(|| meta.published.clone())
        .or_else(|| extracted.date.clone());
    let reviewed: Vec<&FilmData> = json_ld.reviews.iter().filter_map(|r| r.item.as_ref()).collect();
    let films = json_ld.films.iter().filter(|film| !reviewed.contains(film)).cloned().collect();
    let body = match extracted.body {
        Some(body) if body.chars().count() >= MIN_PAGE_BODY_CHARS => Some(body),
        body => json_ld.articles.iter().filter_map(|a| a.body.as_deref()).find_map(json_ld_body).or(body),
    };
    Page {
        article: Article { title, body, byline, published, site },
        reviews: json_ld.reviews,
        films,
    }
}

/// A body found in the page shorter than this (in characters) gives way to
/// the page's JSON-LD `articleBody`, as in rs-trafilatura.
const MIN_PAGE_BODY_CHARS: usize = 200;
/// ... when that has at least this many characters.
const MIN_JSON_LD_BODY_CHARS: usize = 500;

/// A JSON-LD `articleBody` as body text, paragraphs separated by blank
/// lines (some sites put HTML in it); `None` when it is too short.
fn json_ld_body(text: &str) -> Option<String> {
    let text = if text.contains('<') {
        body::prune_and_render(text, body::Pruning::default()).0
    } else {
        text.lines()
            .map(|line| line.split_whitespace().collect::<Vec<_>>().join(" "))
            .filter(|line| !line.is_empty())
            .collect::<Vec<_>>()
            .join("\n\n")
    };
    (text.chars().count() >= MIN_JSON_LD_BODY_CHARS).then_some(text)
}

/// Cuts `html` to at most `max` bytes, at a character boundary.
fn truncate(html: &str, max: usize) -> &str {
    if html.len() <= max {
        return html;
    }
    let mut end = max;
    while !html.is_char_boundary(end) {
        end -= 1;
    }
    &html[..end]
}

/// `https://www.example.org/a` → `example.org`.
fn host(url: &str) -> Option<String> {
    let rest = url.split_once("://")?.1;
    let host = rest.split(['/', '?', '#', ':']).next()?.rsplit('@').next()?;
    let host = host.strip_prefix("www.").unwrap_or(host);
    (!host.is_empty()).then(|| host.to_ascii_lowercase())
}
