//! Pages we wrote ourselves, in the layouts real news sites use.

use std::path::Path;

use marquee_article::{extract_page, Article};

fn data(name: &str) -> String {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data").join(name);
    std::fs::read_to_string(&path).unwrap_or_else(|err| panic!("{}: {err}", path.display()))
}

/// A review wrapped in a news page (navigation, breadcrumb, share bar, ads,
/// tags, related links, comments, a sidebar, a footer, JSON-LD): the body is
/// the review's text, and nothing else.
#[test]
fn news_page_body_is_the_review_text() {
    let page = extract_page(&data("news-review.html"), Some("https://courier.example/culture/film/lighthouse"));
    let expected = data("news-review.body.txt");
    assert_eq!(page.article.body.as_deref(), Some(expected.trim()));
    assert_eq!(
        page.article,
        Article {
            title: Some("'The Lighthouse Keeper's Daughter' review: a quiet triumph".into()),
            body: Some(expected.trim().into()),
            byline: Some("Ruth Calloway".into()),
            published: Some("2024-03-08".into()),
            site: Some("The Northern Courier".into()),
        }
    );
    let review = &page.reviews[0];
    assert_eq!(review.kind, "CriticReview");
    let rating = review.rating.unwrap();
    assert_eq!((rating.value, rating.best, rating.worst), (4.0, Some(5.0), Some(1.0)));
    let film = review.item.as_ref().unwrap();
    assert_eq!(film.name.as_deref(), Some("The Lighthouse Keeper's Daughter"));
    assert_eq!(film.year, Some(2024));
    assert_eq!(film.directors, ["Miriam Okafor"]);
    assert_eq!(film.actors, ["Saoirse Lennon", "Tomas Brennan"]);
    assert_eq!(film.runtime_minutes, Some(108));
    assert_eq!(film.content_rating.as_deref(), Some("PG-13"));
    assert!(page.films.is_empty(), "the reviewed film is not listed twice");
}

/// A bare page without metadata still gives a title from `<title>`, less the
/// site name appended to it, which names the site.
#[test]
fn fallbacks_without_metadata() {
    let paragraph = "The picture opens on a crowded platform and never once lets the tension drop, \
        which is a rare thing for a thriller that runs past the two-hour mark.";
    let html = format!(
        "<html><head><title>Night Train - Film Notes</title></head><body><div>{}</div></body></html>",
        format!("<p>{paragraph}</p>").repeat(4)
    );
    let article = marquee_article::extract_article(&html, Some("https://www.filmnotes.example/night-train"));
    assert_eq!(article.title.as_deref(), Some("Night Train"));
    assert_eq!(article.site.as_deref(), Some("Film Notes"));
    assert!(article.body.unwrap().contains("never once lets the tension drop"));
}

fn paragraphs(n: usize) -> Vec<String> {
    (0..n)
        .map(|i| {
            format!(
                "Paragraph {i} of the review weighs the film's pacing, its cast and its score, and finds \
                 each of them better than the last, which is rare enough to be worth a note."
            )
        })
        .collect()
}

/// A JSON-LD `articleBody` that repeats the text (as some sites' templates
/// do) is not preferred to the page's own paragraphs, however long it is.
#[test]
fn page_text_wins_over_a_longer_json_ld_body() {
    let paras = paragraphs(4);
    let doubled = [paras.join(" "), paras.join(" "), paras.join(" ")].join(" ");
    let json_ld = serde_json::json!({"@type": "NewsArticle", "headline": "A Film", "articleBody": doubled});
    let html = format!(
        r#"<html><head><title>A Film</title><script type="application/ld+json">{json_ld}</script></head>
        <body><article><h1>A Film</h1>{}</article></body></html>"#,
        paras.iter().map(|p| format!("<p>{p}</p>")).collect::<String>()
    );
    let body = marquee_article::extract_article(&html, None).body.unwrap();
    assert_eq!(body, paras.join("\n\n"));
}

/// A page that prints no text of its own (an application shell filled in
/// by a script) gives the JSON-LD `articleBody`.
#[test]
fn json_ld_body_when_the_page_has_none() {
    let paras = paragraphs(4);
    let json_ld = serde_json::json!({"@type": "NewsArticle", "headline": "A Film", "articleBody": paras.join("\n")});
    let html = format!(
        r#"<html><head><title>A Film</title><script type="application/ld+json">{json_ld}</script></head>
        <body><div id="app"></div><script>render()</script></body></html>"#
    );
    let body = marquee_article::extract_article(&html, None).body.unwrap();
    assert_eq!(body, paras.join("\n\n"));
}
