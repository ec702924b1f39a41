//! Server-rendered HTML pages. They work without JavaScript; every page has
//! landmarks (header, nav, main, footer), a labelled search form, and its
//! schema.org JSON-LD. maud escapes every interpolated string, so text from
//! reviews is never markup.

mod views;

use std::future::Future;

use axum::body::{Body, Bytes};
use axum::extract::{Path, State};
use axum::http::{StatusCode, Uri, header};
use axum::response::{IntoResponse, Response};
use maud::{DOCTYPE, Markup, PreEscaped, html};
use serde_json::Value;

use crate::cache::Cached;
use crate::error::ApiError;
use crate::jsonld;
use crate::params::{FilmParams, Params, SearchParams};
use crate::state::AppState;


const STYLE: &str = include_str!("style.css");
const HTML: &str = "text/html; charset=utf-8";

/// The stylesheet; pages link it so that it is fetched once.
pub(crate) async fn stylesheet() -> Response {
    (
        [(header::CONTENT_TYPE, "text/css; charset=utf-8"), (header::CACHE_CONTROL, "public, max-age=86400")],
        STYLE,
    )
        .into_response()
}

/// A page: its title, JSON-LD and main content.
pub(crate) struct Page {
    pub title: String,
    pub jsonld: Value,
    pub main: Markup,
    /// The search box's current text.
    pub query: String,
}

impl Page {
    pub fn new(title: impl Into<String>, jsonld: Value, main: Markup) -> Page {
        Page { title: title.into(), jsonld, main, query: String::new() }
    }
}

pub(crate) fn layout(page: Page) -> Markup {
    html! {
        (DOCTYPE)
        html lang="en" {
            head {
                meta charset="utf-8";
                meta name="viewport" content="width=device-width, initial-scale=1";
                title { (page.title) " — marquee" }
                link rel="stylesheet" href="/style.css";
                link rel="alternate" type="application/atom+xml" title="New reviews" href="/reviews.atom";
                script type="application/ld+json" { (PreEscaped(jsonld::script_text(&page.jsonld))) }
            }
            body {
                a.skip href="#main" { "Skip to content" }
                header.site {
                    div.wrap {
                        a.brand href="/" { "marquee" }
                        nav aria-label="Main" {
                            ul {
                                li { a href="/films" { "Films" } }
                                li { a href="/critics" { "Critics" } }
                                li { a href="/venues" { "Venues" } }
                                li { a href="/events" { "Events" } }
                            }
                        }
                        form.search role="search" action="/search" method="get" {
                            label.visually-hidden for="q" { "Search films, people, critics and reviews" }
                            input #q type="search" name="q" value=(page.query) placeholder="Search films, people, reviews";
                            button type="submit" { "Search" }
                        }
                    }
                }
                main #main .wrap tabindex="-1" { (page.main) }
                footer {
                    div.wrap {
                        "marquee — film reviews, read and weighed. "
                        a href="/reviews.atom" { "New reviews (Atom)" } " · "
                        a href="/events.ics" { "Events (iCalendar)" } " · "
                        a href="/api/openapi.json" { "API" }
                    }
                }
            }
        }
    }
}

fn html_response(status: StatusCode, body: Bytes) -> Response {
    let mut response = Response::new(Body::from(body));
    *response.status_mut() = status;
    response.headers_mut().insert(header::CONTENT_TYPE, header::HeaderValue::from_static(HTML));
    response
}

/// An error as a page, with the error's status.
pub(crate) fn error_page(error: ApiError) -> Response {
    let status = error.status();
    let body = error.body();
    let heading = match status {
        StatusCode::NOT_FOUND => "Not found",
        StatusCode::BAD_REQUEST => "That request did not work",
        _ => "Something went wrong",
    };
    let main = html! {
        h1 { (heading) }
        p { (body.error.message) }
        p { a href="/" { "Back to the front page" } }
    };
    let page = Page::new(heading, jsonld::top(serde_json::json!({"@type": "WebPage", "name": heading})), main);
    html_response(status, Bytes::from(layout(page).into_string()))
}

/// Serves the page for `uri` from the cache, or renders it with `render`
/// and keeps it. Only pages that read the query string are cached by it:
/// for the others, `/films/7?x=1` is `/films/7`, so that made-up query
/// strings cannot fill the cache with copies.
pub(crate) async fn cached(
    state: &AppState,
    uri: &Uri,
    render: impl Future<Output = Result<Page, ApiError>>,
) -> Response {
    cached_by(state, uri.path().to_owned(), render).await
}

/// [`cached`] for pages whose content depends on the query string.
pub(crate) async fn cached_with_query(
    state: &AppState,
    uri: &Uri,
    render: impl Future<Output = Result<Page, ApiError>>,
) -> Response {
    let key = uri.path_and_query().map_or_else(|| uri.path().to_owned(), |pq| pq.as_str().to_owned());
    cached_by(state, key, render).await
}

async fn cached_by(state: &AppState, key: String, render: impl Future<Output = Result<Page, ApiError>>) -> Response {
    if let Some(hit) = state.cache().get(&key) {
        return html_response(StatusCode::OK, hit.body);
    }
    match render.await {
        Ok(page) => {
            let body = Bytes::from(layout(page).into_string());
            state.cache().put(key, Cached { body: body.clone() });
            html_response(StatusCode::OK, body)
        }
        Err(error) => error_page(error),
    }
}

/// Unknown paths.
pub(crate) async fn not_found(uri: Uri) -> Response {
    error_page(ApiError::NotFound(format!("the page {}", uri.path())))
}

/// A path id; anything but a number is "not found".
pub(crate) fn id_of(what: &str, raw: &str) -> Result<i64, ApiError> {
    raw.parse().map_err(|_| ApiError::NotFound(format!("{what} {raw}")))
}

pub(crate) async fn home(State(state): State<AppState>, uri: Uri) -> Response {
    let s = state.clone();
    cached(&state, &uri, views::home_page(s)).await
}

pub(crate) async fn search(State(state): State<AppState>, Params(params): Params<SearchParams>) -> Response {
    // Search pages are not cached: the space of queries is unbounded.
    match views::search_page(state, params).await {
        Ok(page) => html_response(StatusCode::OK, Bytes::from(layout(page).into_string())),
        Err(e) => error_page(e),
    }
}

pub(crate) async fn films(State(state): State<AppState>, Params(params): Params<FilmParams>, uri: Uri) -> Response {
    let s = state.clone();
    cached_with_query(&state, &uri, views::films_page(s, params)).await
}

pub(crate) async fn film(State(state): State<AppState>, Path(id): Path<String>, uri: Uri) -> Response {
    let s = state.clone();
    cached(&state, &uri, async move { views::film_page(s, id_of("film", &id)?).await }).await
}

pub(crate) async fn review(State(state): State<AppState>, Path(id): Path<String>, uri: Uri) -> Response {
    let s = state.clone();
    cached(&state, &uri, async move { views::review_page(s, id_of("review", &id)?).await }).await
}

pub(crate) async fn person(State(state): State<AppState>, Path(id): Path<String>, uri: Uri) -> Response {
    let s = state.clone();
    cached(&state, &uri, async move { views::person_page(s, id_of("person", &id)?).await }).await
}

pub(crate) async fn critics(State(state): State<AppState>, uri: Uri) -> Response {
    let s = state.clone();
    cached(&state, &uri, views::critics_page(s)).await
}

pub(crate) async fn critic(State(state): State<AppState>, Path(id): Path<String>, uri: Uri) -> Response {
    let s = state.clone();
    cached(&state, &uri, async move { views::critic_page(s, id_of("critic", &id)?).await }).await
}

pub(crate) async fn venues(State(state): State<AppState>, uri: Uri) -> Response {
    let s = state.clone();
    cached(&state, &uri, views::venues_page(s)).await
}

pub(crate) async fn venue(State(state): State<AppState>, Path(id): Path<String>, uri: Uri) -> Response {
    let s = state.clone();
    cached(&state, &uri, async move { views::venue_page(s, id_of("venue", &id)?).await }).await
}

pub(crate) async fn events(State(state): State<AppState>, uri: Uri) -> Response {
    let s = state.clone();
    cached(&state, &uri, views::events_page(s)).await
}
