//! Query-string parameters: one typed struct per route, parsed by one
//! extractor, [`Params`], with one rejection, [`Rejected`], for pages and
//! API alike.
//!
//! Every bound is checked here, before a handler does any work:
//!
//! - the raw query string is at most [`MAX_QUERY_STRING_BYTES`] (8 KiB), so
//!   that parsing it is cheap whatever it holds;
//! - `page` is 1..=[`MAX_PAGE`]; `per_page` is within the route's range
//!   (1..=100 for films, reviews and search, 1..=1000 for critics, venues
//!   and events); a search may reach no deeper than
//!   [`marquee_index::MAX_RESULT_WINDOW`] hits (page × per_page), because
//!   the index keeps every hit up to the page in memory;
//! - free-text filters (`critic_name`, `certificate`, ...) are at most
//!   [`MAX_TEXT_PARAM_BYTES`]; the search text `q` has the index's own
//!   bounds ([`marquee_index::limits`]: length, nesting, words), checked by
//!   the index before it parses, so that `marquee search` has them too;
//! - numbers, labels, kinds and sorts must be what they say.
//!
//! Anything else is a 400 from [`ApiError`]'s table: `bad_request` for a
//! malformed value, `limit_exceeded` for one over a bound. Under `/api` the
//! error is the JSON [`ErrorBody`](crate::error::ErrorBody); anywhere else it
//! is the site's HTML error page. Unknown parameters are ignored (links from
//! elsewhere carry their own); empty ones count as absent (an empty form
//! field).

use std::str::FromStr;

use axum::extract::FromRequestParts;
use axum::http::request::Parts;
use axum::response::{IntoResponse, Response};
use marquee_index::{DocKind, MAX_RESULT_WINDOW};
use marquee_model::VerdictLabel;
use marquee_store::FilmSort;
use serde::de::{DeserializeOwned, Error as _};
use serde::{Deserialize, Deserializer};
use utoipa::IntoParams;

use crate::error::ApiError;

/// Longest query string accepted, in bytes (percent-encoded, as sent).
pub const MAX_QUERY_STRING_BYTES: usize = 8 * 1024;
/// Highest page number of any paged list or search.
pub const MAX_PAGE: u32 = 10_000;
/// Longest free-text filter value, in bytes.
pub const MAX_TEXT_PARAM_BYTES: usize = 256;
/// Rows per page of films, reviews and search hits, at most.
pub const MAX_PER_PAGE: u32 = 100;
/// Rows per page of critics, venues and events, at most.
pub const MAX_PER_PAGE_LONG: u32 = 1000;

/// The typed parameters of a request, or a 400 before the handler runs.
#[derive(Debug, Clone, Default)]
pub(crate) struct Params<T>(pub T);

/// The one rejection of bad parameters: the error, and whether to answer
/// with the JSON body (under `/api`) or the HTML error page.
#[derive(Debug)]
pub(crate) struct Rejected {
    pub(crate) error: ApiError,
    pub(crate) api: bool,
}

impl IntoResponse for Rejected {
    fn into_response(self) -> Response {
        if self.api { self.error.into_response() } else { crate::pages::error_page(self.error) }
    }
}

impl<S: Send + Sync, T: DeserializeOwned> FromRequestParts<S> for Params<T> {
    type Rejection = Rejected;

    async fn from_request_parts(parts: &mut Parts, _state: &S) -> Result<Self, Rejected> {
        let api = parts.uri.path().starts_with("/api/");
        parse(parts.uri.query().unwrap_or_default()).map(Params).map_err(|error| Rejected { error, api })
    }
}

/// Parses a raw query string into `T`, naming the parameter at fault.
pub(crate) fn parse<T: DeserializeOwned>(raw: &str) -> Result<T, ApiError> {
    if raw.len() > MAX_QUERY_STRING_BYTES {
        return Err(ApiError::LimitExceeded(format!(
            "the query string is {} bytes long; at most {MAX_QUERY_STRING_BYTES}",
            raw.len()
        )));
    }
    let pairs = form_urlencoded::parse(raw.as_bytes());
    serde_path_to_error::deserialize(serde_urlencoded::Deserializer::new(pairs)).map_err(|e| {
        let path = e.path().to_string();
        let message = e.into_inner().to_string();
        // A bound's message starts with a marker so that it gets its own code.
        let (limit, message) = match message.strip_prefix(LIMIT) {
            Some(rest) => (true, rest.to_owned()),
            None => (false, message),
        };
        let message = if path == "." { message } else { format!("`{path}` {message}") };
        if limit { ApiError::LimitExceeded(message) } else { ApiError::BadRequest(message) }
    })
}

/// Marks a deserializer error as a bound exceeded rather than a malformed value.
const LIMIT: &str = "\u{1}limit:";

/// A value, trimmed; `None` when absent or empty.
fn value<'de, D: Deserializer<'de>>(d: D) -> Result<Option<String>, D::Error> {
    let raw = String::deserialize(d)?;
    let trimmed = raw.trim();
    Ok((!trimmed.is_empty()).then(|| trimmed.to_owned()))
}

/// A free-text filter, at most [`MAX_TEXT_PARAM_BYTES`].
fn text<'de, D: Deserializer<'de>>(d: D) -> Result<Option<String>, D::Error> {
    let v = value(d)?;
    if let Some(s) = &v {
        if s.len() > MAX_TEXT_PARAM_BYTES {
            return Err(D::Error::custom(format!("{LIMIT}is {} bytes long; at most {MAX_TEXT_PARAM_BYTES}", s.len())));
        }
    }
    Ok(v)
}

/// The search text: its bounds are the index's ([`marquee_index::limits`]).
fn query_text<'de, D: Deserializer<'de>>(d: D) -> Result<String, D::Error> {
    Ok(value(d)?.unwrap_or_default())
}

fn number<'de, D: Deserializer<'de>, T: FromStr>(d: D) -> Result<Option<T>, D::Error> {
    match value(d)? {
        None => Ok(None),
        Some(s) => s.parse().map(Some).map_err(|_| D::Error::custom("must be a whole number")),
    }
}

fn page<'de, D: Deserializer<'de>>(d: D) -> Result<Option<u32>, D::Error> {
    in_range(d, 1, MAX_PAGE)
}

fn per_page<'de, D: Deserializer<'de>>(d: D) -> Result<Option<u32>, D::Error> {
    in_range(d, 1, MAX_PER_PAGE)
}

fn per_page_long<'de, D: Deserializer<'de>>(d: D) -> Result<Option<u32>, D::Error> {
    in_range(d, 1, MAX_PER_PAGE_LONG)
}

fn in_range<'de, D: Deserializer<'de>>(d: D, low: u32, high: u32) -> Result<Option<u32>, D::Error> {
    let out_of_range = || D::Error::custom(format!("{LIMIT}must be a whole number from {low} to {high}"));
    match value(d)? {
        None => Ok(None),
        // Digits that overflow u32 are over the bound too, not malformed.
        Some(s) if s.bytes().all(|b| b.is_ascii_digit()) => match s.parse::<u32>() {
            Ok(n) if (low..=high).contains(&n) => Ok(Some(n)),
            _ => Err(out_of_range()),
        },
        Some(_) => Err(D::Error::custom(format!("must be a whole number from {low} to {high}"))),
    }
}

/// One of a closed set of names, read with the type's own serde names.
fn named<'de, D: Deserializer<'de>, T: DeserializeOwned>(d: D, expected: &'static str) -> Result<Option<T>, D::Error> {
    match value(d)? {
        None => Ok(None),
        Some(s) => T::deserialize(serde::de::value::StrDeserializer::<serde::de::value::Error>::new(&s))
            .map(Some)
            .map_err(|_| D::Error::custom(format!("is {expected}"))),
    }
}

fn label<'de, D: Deserializer<'de>>(d: D) -> Result<Option<VerdictLabel>, D::Error> {
    named(d, "positive, mixed or negative")
}

fn sort<'de, D: Deserializer<'de>>(d: D) -> Result<Option<FilmSort>, D::Error> {
    named(d, "best, title, year, reviews or recent")
}

fn kind<'de, D: Deserializer<'de>>(d: D) -> Result<Option<DocKind>, D::Error> {
    match value(d)? {
        None => Ok(None),
        Some(s) => DocKind::parse(&s).map(Some).ok_or_else(|| D::Error::custom("is film, review, person or critic")),
    }
}

fn date<'de, D: Deserializer<'de>>(d: D) -> Result<Option<String>, D::Error> {
    match value(d)? {
        None => Ok(None),
        Some(s) => match chrono::NaiveDate::parse_from_str(&s, "%Y-%m-%d") {
            Ok(_) => Ok(Some(s)),
            Err(_) => Err(D::Error::custom("must be a date, YYYY-MM-DD")),
        },
    }
}

/// Query parameters of `/films` and `GET /api/films`.
#[derive(Debug, Clone, Default, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct FilmParams {
    /// 1-based page, 1..=10000 (default 1).
    #[serde(default, deserialize_with = "page")]
    pub page: Option<u32>,
    /// Rows per page, 1..=100 (default 20).
    #[serde(default, deserialize_with = "per_page")]
    pub per_page: Option<u32>,
    /// best, title, year, reviews or recent.
    #[serde(default, deserialize_with = "sort")]
    #[param(value_type = Option<String>)]
    pub sort: Option<FilmSort>,
    /// Certificate mark, e.g. R.
    #[serde(default, deserialize_with = "text")]
    pub certificate: Option<String>,
    /// Decade, e.g. 1990.
    #[serde(default, deserialize_with = "number")]
    pub decade: Option<i32>,
    /// positive, mixed or negative.
    #[serde(default, deserialize_with = "label")]
    #[param(value_type = Option<String>)]
    pub label: Option<VerdictLabel>,
}

impl FilmParams {
    /// The store's query for these parameters.
    pub(crate) fn query(self) -> marquee_store::FilmQuery {
        let mut q = marquee_store::FilmQuery::default();
        q.page = self.page.unwrap_or(q.page);
        q.per_page = self.per_page.unwrap_or(q.per_page);
        q.sort = self.sort.unwrap_or(q.sort);
        q.certificate = self.certificate;
        q.decade = self.decade;
        q.label = self.label;
        q
    }
}

/// Query parameters of `GET /api/reviews`.
#[derive(Debug, Clone, Default, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ReviewParams {
    /// 1-based page, 1..=10000 (default 1).
    #[serde(default, deserialize_with = "page")]
    pub page: Option<u32>,
    /// Rows per page, 1..=100 (default 20).
    #[serde(default, deserialize_with = "per_page")]
    pub per_page: Option<u32>,
    /// Only this critic's reviews (id).
    #[serde(default, deserialize_with = "number")]
    pub critic: Option<i64>,
    /// Only critics whose name contains this.
    #[serde(default, deserialize_with = "text")]
    pub critic_name: Option<String>,
    /// Only reviews of this film (id).
    #[serde(default, deserialize_with = "number")]
    pub film: Option<i64>,
    /// Only films whose title contains this.
    #[serde(default, deserialize_with = "text")]
    pub film_title: Option<String>,
    /// positive, mixed or negative.
    #[serde(default, deserialize_with = "label")]
    #[param(value_type = Option<String>)]
    pub label: Option<VerdictLabel>,
}

impl ReviewParams {
    /// The store's query for these parameters.
    pub(crate) fn query(self) -> marquee_store::ReviewQuery {
        let mut q = marquee_store::ReviewQuery::default();
        q.page = self.page.unwrap_or(q.page);
        q.per_page = self.per_page.unwrap_or(q.per_page);
        q.critic = self.critic.map(marquee_model::CriticId);
        q.film = self.film.map(marquee_model::FilmId);
        q.critic_name = self.critic_name;
        q.film_title = self.film_title;
        q.label = self.label;
        q
    }
}

/// Paging parameters of `GET /api/critics` and `GET /api/venues`: lists
/// held whole, paged here.
#[derive(Debug, Clone, Default, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ListParams {
    /// 1-based page, 1..=10000 (default 1).
    #[serde(default, deserialize_with = "page")]
    pub page: Option<u32>,
    /// Rows per page, 1..=1000 (default 100).
    #[serde(default, deserialize_with = "per_page_long")]
    pub per_page: Option<u32>,
}

impl ListParams {
    /// This page of `all`, its number and size.
    pub(crate) fn slice<'a, T>(&self, all: &'a [T]) -> (&'a [T], u32, u32) {
        let page = self.page.unwrap_or(1);
        let per_page = self.per_page.unwrap_or(100);
        // Both are bounded (MAX_PAGE × MAX_PER_PAGE_LONG fits in usize).
        let start = ((page as usize - 1) * per_page as usize).min(all.len());
        let end = (start + per_page as usize).min(all.len());
        (&all[start..end], page, per_page)
    }
}

/// Query parameters of `GET /api/events` (and `/events.ics`, which takes
/// the filters and not the page).
#[derive(Debug, Clone, Default, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct EventParams {
    /// Only events at this venue (id).
    #[serde(default, deserialize_with = "number")]
    pub venue: Option<i64>,
    /// Only events around this film (id).
    #[serde(default, deserialize_with = "number")]
    pub film: Option<i64>,
    /// Only events on or after this day, YYYY-MM-DD.
    #[serde(default, deserialize_with = "date")]
    pub from: Option<String>,
    /// 1-based page, 1..=10000 (default 1).
    #[serde(default, deserialize_with = "page")]
    pub page: Option<u32>,
    /// Rows per page, 1..=1000 (default 100).
    #[serde(default, deserialize_with = "per_page_long")]
    pub per_page: Option<u32>,
}

impl EventParams {
    /// The page asked for.
    pub(crate) fn list(&self) -> ListParams {
        ListParams { page: self.page, per_page: self.per_page }
    }

    /// The store's query for these filters (all events; paged by `list`).
    pub(crate) fn query(&self) -> marquee_store::EventQuery {
        marquee_store::EventQuery {
            venue: self.venue.map(marquee_model::VenueId),
            film: self.film.map(marquee_model::FilmId),
            from: self.from.clone(),
            limit: 100_000,
        }
    }
}

/// Query parameters of `/search` and `GET /api/search`.
#[derive(Debug, Clone, Default, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct SearchParams {
    /// The query: words, "phrases", and fields title:, director:, cast:,
    /// critic:, venue:, year:, label:. At most 1024 bytes, 32 words and 32
    /// groups or NOTs.
    #[serde(default, deserialize_with = "query_text")]
    #[param(value_type = Option<String>)]
    pub q: String,
    /// film, review, person or critic.
    #[serde(default, deserialize_with = "kind")]
    #[param(value_type = Option<String>)]
    pub kind: Option<DocKind>,
    /// Certificate mark facet.
    #[serde(default, deserialize_with = "text")]
    pub certificate: Option<String>,
    /// Decade facet, e.g. 1990s.
    #[serde(default, deserialize_with = "text")]
    pub decade: Option<String>,
    /// positive, mixed or negative.
    #[serde(default, deserialize_with = "label")]
    #[param(value_type = Option<String>)]
    pub label: Option<VerdictLabel>,
    /// 1-based page (default 1); page × per_page at most 10000.
    #[serde(default, deserialize_with = "page")]
    pub page: Option<u32>,
    /// Hits per page, 1..=100 (default 20; the HTML page shows 20).
    #[serde(default, deserialize_with = "per_page")]
    pub per_page: Option<u32>,
}

impl SearchParams {
    /// The index's query for these parameters, `per_page` hits a page
    /// unless the request says otherwise; a page deeper than
    /// [`MAX_RESULT_WINDOW`] hits is refused here.
    pub(crate) fn query(&self, default_per_page: u32) -> Result<marquee_index::SearchQuery, ApiError> {
        let page = self.page.unwrap_or(1) as usize;
        let per_page = self.per_page.unwrap_or(default_per_page) as usize;
        // Both are bounded (MAX_PAGE × MAX_PER_PAGE), so this cannot overflow.
        if page * per_page > MAX_RESULT_WINDOW {
            return Err(ApiError::LimitExceeded(format!(
                "`page` {page} of {per_page} reaches hit {}; only the first {MAX_RESULT_WINDOW} hits can be paged through (narrow the search instead)",
                page * per_page
            )));
        }
        Ok(marquee_index::SearchQuery {
            text: self.q.clone(),
            kind: self.kind,
            certificate: self.certificate.clone(),
            decade: self.decade.clone(),
            label: self.label,
            offset: (page - 1) * per_page,
            limit: per_page,
        })
    }
}

/// Query parameters of `POST /api/reviews`.
#[derive(Debug, Clone, Default, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct PostParams {
    /// A name for the document (file name or URL).
    #[serde(default, deserialize_with = "text")]
    pub source: Option<String>,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn err<T: DeserializeOwned + std::fmt::Debug>(raw: &str) -> ApiError {
        parse::<T>(raw).expect_err(raw)
    }

    #[test]
    fn values_are_typed_and_bounded() {
        let p: SearchParams = parse("q=+love+&page=2&per_page=&kind=film&label=mixed&utm=x").unwrap();
        assert_eq!((p.q.as_str(), p.page, p.per_page, p.kind, p.label), ("love", Some(2), None, Some(DocKind::Film), Some(VerdictLabel::Mixed)));
        assert_eq!(err::<SearchParams>("page=100000000"), ApiError::LimitExceeded("`page` must be a whole number from 1 to 10000".into()));
        assert_eq!(err::<SearchParams>("page=99999999999999999999"), ApiError::LimitExceeded("`page` must be a whole number from 1 to 10000".into()));
        assert_eq!(err::<SearchParams>("page=0"), ApiError::LimitExceeded("`page` must be a whole number from 1 to 10000".into()));
        assert_eq!(err::<SearchParams>("page=-1"), ApiError::BadRequest("`page` must be a whole number from 1 to 10000".into()));
        assert_eq!(err::<FilmParams>("per_page=101"), ApiError::LimitExceeded("`per_page` must be a whole number from 1 to 100".into()));
        assert_eq!(err::<FilmParams>("sort=sideways"), ApiError::BadRequest("`sort` is best, title, year, reviews or recent".into()));
        assert_eq!(err::<FilmParams>("decade=x"), ApiError::BadRequest("`decade` must be a whole number".into()));
        assert_eq!(err::<EventParams>("from=tomorrow"), ApiError::BadRequest("`from` must be a date, YYYY-MM-DD".into()));
        assert!(matches!(err::<ReviewParams>(&format!("critic_name={}", "a".repeat(300))), ApiError::LimitExceeded(m) if m.starts_with("`critic_name` is 300 bytes")));
        assert!(matches!(err::<PostParams>(&"a".repeat(9000)), ApiError::LimitExceeded(m) if m.contains("query string")));
        assert!(matches!(err::<SearchParams>("q=a&q=b"), ApiError::BadRequest(m) if m.contains("duplicate")));
        // Bytes that are not UTF-8 decode to U+FFFD, as browsers do.
        assert_eq!(parse::<SearchParams>("q=%FF").unwrap().q, "\u{FFFD}");
    }

    #[test]
    fn a_search_page_is_bounded_by_the_result_window() {
        let deep: SearchParams = parse("q=love&page=101&per_page=100").unwrap();
        assert!(matches!(deep.query(20), Err(ApiError::LimitExceeded(_))));
        let last: SearchParams = parse("q=love&page=100&per_page=100").unwrap();
        assert_eq!(last.query(20).unwrap().offset, 9_900);
    }

    #[test]
    fn lists_are_sliced_within_bounds() {
        let all: Vec<u32> = (0..250).collect();
        let p: ListParams = parse("page=3").unwrap();
        assert_eq!(p.slice(&all), (&all[200..], 3, 100));
        let far: ListParams = parse("page=10000&per_page=1000").unwrap();
        assert_eq!(far.slice(&all).0.len(), 0);
    }
}
