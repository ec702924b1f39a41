//! The JSON API: reads, paging, filters, errors, and authenticated ingest.

use axum::body::Body;
use axum::http::{Request, StatusCode};

use crate::fixture::{TOKEN, film_id, fixture, get, send};

#[tokio::test]
async fn films_are_paged_and_filtered() {
    let f = fixture();
    let all = get(&f.state, "/api/films").await;
    assert_eq!(all.status, StatusCode::OK);
    assert!(all.content_type.starts_with("application/json"));
    let all = all.json();
    assert_eq!(all["total"], 2);
    // Best first: the lanterns (85 and 55) outrank the harbour (20).
    assert_eq!(all["items"][0]["title"], "The Paper Lanterns");
    assert_eq!(all["items"][0]["standing"]["reviews"], 2);

    let page = get(&f.state, "/api/films?per_page=1&page=2").await.json();
    assert_eq!(page["items"].as_array().unwrap().len(), 1);
    assert_eq!(page["page"], 2);
    assert_eq!(page["items"][0]["title"], "Harbour of Glass");

    let r_rated = get(&f.state, "/api/films?certificate=R").await.json();
    assert_eq!(r_rated["total"], 1);
    assert_eq!(r_rated["items"][0]["title"], "Harbour of Glass");
}

#[tokio::test]
async fn a_film_has_credits_standing_reviews_and_events() {
    let f = fixture();
    let id = film_id(&f.state, "The Paper Lanterns").await;
    let film = get(&f.state, &format!("/api/films/{id}")).await.json();
    assert_eq!(film["runtime_minutes"], 112);
    assert_eq!(film["certificate"]["rating"], "PG-13");
    assert_eq!(film["cast"][0]["character"], "Hana");
    assert_eq!(film["reviews"].as_array().unwrap().len(), 2);
    assert_eq!(film["standing"]["fresh_share"], serde_json::Value::Null, "under 5 reviews");
    assert!(film["standing"]["shrunk_score"].as_f64().is_some());
    assert_eq!(film["events"].as_array().unwrap().len(), 2);
    assert_eq!(film["venues"][0]["name"], "Bellweather Cinema");
}

#[tokio::test]
async fn errors_are_json_with_codes_and_statuses() {
    let f = fixture();
    for (uri, status, code) in [
        ("/api/films/999999", StatusCode::NOT_FOUND, "not_found"),
        ("/api/films/abc", StatusCode::NOT_FOUND, "not_found"),
        ("/api/films?page=x", StatusCode::BAD_REQUEST, "bad_request"),
        ("/api/films?sort=sideways", StatusCode::BAD_REQUEST, "bad_request"),
        ("/api/reviews?label=great", StatusCode::BAD_REQUEST, "bad_request"),
        ("/api/search?q=nosuchfield:x", StatusCode::BAD_REQUEST, "invalid_query"),
        ("/api/events?from=tomorrow", StatusCode::BAD_REQUEST, "bad_request"),
        ("/api/nothing/here", StatusCode::NOT_FOUND, "not_found"),
    ] {
        let reply = get(&f.state, uri).await;
        assert_eq!(reply.status, status, "{uri}");
        assert!(reply.content_type.starts_with("application/json"), "{uri}");
        assert_eq!(reply.json()["error"]["code"], code, "{uri}");
    }
}

#[tokio::test]
async fn reviews_filter_by_critic_and_label() {
    let f = fixture();
    let feld = get(&f.state, "/api/reviews?critic_name=feld").await.json();
    assert_eq!(feld["total"], 2);
    let negative = get(&f.state, "/api/reviews?label=negative").await.json();
    assert_eq!(negative["total"], 1);
    assert_eq!(negative["items"][0]["film"]["name"], "Harbour of Glass");
    let id = negative["items"][0]["id"].as_i64().unwrap();
    let review = get(&f.state, &format!("/api/reviews/{id}")).await.json();
    assert!(review["text"].as_str().unwrap().contains("private detective"));
}

#[tokio::test]
async fn critics_have_a_generosity_against_peers() {
    let f = fixture();
    let critics = get(&f.state, "/api/critics").await.json();
    let pinsk = critics["items"].as_array().unwrap().iter().find(|c| c["name"] == "Harold Pinsk").unwrap();
    // Pinsk gave the lanterns 85 where Feld gave 55.
    assert_eq!(pinsk["generosity"].as_f64().unwrap().round(), 30.0);
}

#[tokio::test]
async fn search_api_returns_hits_with_escaped_snippets_and_facets() {
    let f = fixture();
    let reply = get(&f.state, "/api/search?q=verbatim").await.json();
    assert_eq!(reply["total"], 1);
    let snippet = reply["hits"][0]["snippet_html"].as_str().unwrap();
    assert!(snippet.contains("<mark>verbatim</mark>"), "{snippet}");
    assert!(!snippet.contains("<script"), "{snippet}");
    let films = get(&f.state, "/api/search?q=director:vautrin&kind=film").await.json();
    assert_eq!(films["total"], 1);
    assert!(films["hits"][0]["url"].as_str().unwrap().starts_with("http://marquee.test/films/"));
    assert!(get(&f.state, "/api/search?q=").await.json()["facets"]["kind"].as_array().unwrap().len() >= 3);
}

fn post(body: &str, token: Option<&str>, content_type: &str) -> Request<Body> {
    let mut b = Request::post("/api/reviews?source=posted.txt").header("content-type", content_type);
    if let Some(t) = token {
        b = b.header("authorization", format!("Bearer {t}"));
    }
    b.body(Body::from(body.to_owned())).unwrap()
}

#[tokio::test]
async fn posting_a_review_needs_the_token_and_updates_pages_and_search() {
    let f = fixture();
    let text = "Moonlit Quarry\n\nA good little film about stonecutters.";
    let anonymous = send(&f.state, post(text, None, "text/plain")).await;
    assert_eq!(anonymous.status, StatusCode::UNAUTHORIZED);
    assert_eq!(anonymous.json()["error"]["code"], "unauthorized");
    let wrong = send(&f.state, post(text, Some("not-the-token"), "text/plain")).await;
    assert_eq!(wrong.status, StatusCode::UNAUTHORIZED);
    let odd = send(&f.state, post(text, Some(TOKEN), "image/png")).await;
    assert_eq!(odd.status, StatusCode::UNSUPPORTED_MEDIA_TYPE);
    let empty = send(&f.state, post("  ", Some(TOKEN), "text/plain")).await;
    assert_eq!(empty.status, StatusCode::BAD_REQUEST);

    // The home page is cached before the ingest and must not go stale.
    assert!(!get(&f.state, "/").await.body.contains("Moonlit Quarry"));
    let created = send(&f.state, post(text, Some(TOKEN), "text/plain; charset=utf-8")).await;
    assert_eq!(created.status, StatusCode::CREATED, "{}", created.body);
    let created = created.json();
    assert_eq!(created["outcome"], "inserted");
    assert_eq!(created["reviews"].as_array().unwrap().len(), 1);
    assert!(get(&f.state, "/").await.body.contains("Moonlit Quarry"));
    let hits = get(&f.state, "/api/search?q=stonecutters&kind=review").await.json();
    assert_eq!(hits["total"], 1);
    let films = get(&f.state, "/api/search?q=title:moonlit&kind=film").await.json();
    assert_eq!(films["total"], 1);
    // The review's critic is new too, and searchable at once.
    let critics = get(&f.state, "/api/search?q=critic:quarry&kind=critic").await.json();
    assert_eq!(critics["total"], 1, "{critics}");

    let again = send(&f.state, post(text, Some(TOKEN), "text/plain")).await;
    assert_eq!(again.status, StatusCode::OK);
    assert_eq!(again.json()["outcome"], "unchanged");
}

#[tokio::test]
async fn without_a_token_ingest_is_off() {
    let f = crate::fixture::fixture_with(marquee_serve::Config { token: None, ..marquee_serve::Config::default() });
    let reply = send(&f.state, post("Some Film\n\ngood", Some(TOKEN), "text/plain")).await;
    assert_eq!(reply.status, StatusCode::FORBIDDEN);
    assert_eq!(reply.json()["error"]["code"], "ingest_disabled");
}
