//! HTML pages: content, links, escaping, accessibility landmarks, JSON-LD.

use axum::http::StatusCode;

use crate::fixture::{HOSTILE, film_id, fixture, get};

/// Every `<script type="application/ld+json">` block of a page, parsed.
pub fn jsonld_blocks(html: &str) -> Vec<serde_json::Value> {
    let open = "<script type=\"application/ld+json\">";
    let mut out = Vec::new();
    let mut rest = html;
    while let Some(start) = rest.find(open) {
        let after = &rest[start + open.len()..];
        let end = after.find("</script>").expect("closed script");
        out.push(serde_json::from_str(&after[..end]).expect("JSON-LD is JSON"));
        rest = &after[end..];
    }
    out
}

#[track_caller]
fn check_page(html: &str) {
    assert!(html.starts_with("<!DOCTYPE html>"));
    for landmark in ["<header", "<nav", "<main", "<footer", "<html lang=\"en\"", "name=\"viewport\"", "<label"] {
        assert!(html.contains(landmark), "missing {landmark}");
    }
    assert_eq!(jsonld_blocks(html).len(), 1, "one JSON-LD block");
}

#[tokio::test]
async fn every_page_renders_with_landmarks_and_jsonld() {
    let f = fixture();
    let film = film_id(&f.state, "The Paper Lanterns").await;
    let reviews = get(&f.state, "/api/reviews").await.json();
    let review = reviews["items"][0]["id"].as_i64().unwrap();
    let critic = reviews["items"][0]["critic"]["id"].as_i64().unwrap();
    let person = get(&f.state, &format!("/api/films/{film}")).await.json()["directors"][0]["id"].as_i64().unwrap();
    let venue = get(&f.state, "/api/venues").await.json()["items"][0]["id"].as_i64().unwrap();
    for uri in [
        "/".to_owned(), "/films".into(), "/films?sort=title&page=1".into(), format!("/films/{film}"),
        format!("/reviews/{review}"), format!("/people/{person}"), "/critics".into(),
        format!("/critics/{critic}"), "/venues".into(), format!("/venues/{venue}"), "/events".into(),
        "/search?q=lanterns".into(), "/search".into(),
    ] {
        let reply = get(&f.state, &uri).await;
        assert_eq!(reply.status, StatusCode::OK, "{uri}");
        assert_eq!(reply.content_type, "text/html; charset=utf-8", "{uri}");
        check_page(&reply.body);
    }
}

#[tokio::test]
async fn the_film_page_shows_everything_about_the_film() {
    let f = fixture();
    let id = film_id(&f.state, "The Paper Lanterns").await;
    let html = get(&f.state, &format!("/films/{id}")).await.body;
    for expected in [
        "The Paper Lanterns", "1 h 52 min", "PG-13", "thematic material", "Ines Vautrin", "Paul Okafor",
        "Marta Oyelaran", "Hana", "Kellan", "Harold Pinsk", "Rosa Feld", "earns every tear",
        "Bellweather Cinema", "Q&amp;A", "<strong>2</strong> reviews", "Share fresh is shown from 5",
    ] {
        assert!(html.contains(expected), "film page lacks {expected:?}");
    }
    let ld = &jsonld_blocks(&html)[0];
    assert_eq!(ld["@type"], "Movie");
    assert_eq!(ld["review"][0]["@type"], "CriticReview");
    assert_eq!(ld["review"][0]["reviewRating"]["bestRating"], 100);
    assert_eq!(ld["duration"], "PT112M");
}

#[tokio::test]
async fn review_text_never_reaches_the_browser_as_markup() {
    let f = fixture();
    let reviews = get(&f.state, "/api/reviews?critic_name=feld&film_title=lanterns").await.json();
    let id = reviews["items"][0]["id"].as_i64().unwrap();
    let film = reviews["items"][0]["film"]["id"].as_i64().unwrap();
    for uri in [format!("/reviews/{id}"), format!("/films/{film}"), "/".into(), "/search?q=verbatim".into(), format!("/search?q={}", "%3Cscript%3E")] {
        let html = get(&f.state, &uri).await.body;
        assert!(!html.contains(HOSTILE), "{uri} carries raw markup from a review");
        assert_eq!(html.matches("<script").count(), 1, "{uri}: only the JSON-LD script");
    }
    let html = get(&f.state, &format!("/reviews/{id}")).await.body;
    assert!(html.contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;") || html.contains("&lt;script&gt;alert('x')&lt;/script&gt;"));
}

#[tokio::test]
async fn search_pages_link_to_results_and_facets() {
    let f = fixture();
    let html = get(&f.state, "/search?q=vautrin").await.body;
    assert!(html.contains("href=\"/films/"), "links to the film");
    assert!(html.contains("href=\"/people/"), "links to the person");
    assert!(html.contains("kind=film"), "facet links");
    let typo = get(&f.state, "/search?q=vautrim").await.body;
    assert!(typo.contains("close spellings"));
    let bad = get(&f.state, "/search?q=nosuchfield:x").await;
    assert_eq!(bad.status, StatusCode::OK);
    assert!(bad.body.contains("does not parse"));
}

#[tokio::test]
async fn missing_things_are_404_pages() {
    let f = fixture();
    for uri in ["/films/424242", "/people/x", "/no/such/page"] {
        let reply = get(&f.state, uri).await;
        assert_eq!(reply.status, StatusCode::NOT_FOUND, "{uri}");
        assert!(reply.content_type.starts_with("text/html"));
        assert!(reply.body.contains("Not found"));
    }
}

/// r13 item 1: a film card's badge is the API's label, beside the API's
/// mean score (not the shrunk score's band, which could contradict it).
#[tokio::test]
async fn r13_film_cards_show_the_label_the_api_gives() {
    let f = fixture();
    let films = get(&f.state, "/api/films?per_page=100").await.json();
    let html = get(&f.state, "/films?per_page=100").await.body;
    let mut checked = 0;
    for film in films["items"].as_array().unwrap() {
        let (Some(label), Some(mean)) = (film["standing"]["label"].as_str(), film["standing"]["mean_score"].as_f64()) else {
            continue;
        };
        let word = match label { "positive" => "Positive", "mixed" => "Mixed", _ => "Negative" };
        let badge = format!("<span class=\"badge {label}\">{word} · {mean:.0}</span>");
        assert!(html.contains(&badge), "the film list shows {badge}");
        checked += 1;
    }
    assert!(checked > 0, "some film is judged");
}
