//! Issue 4: a review wrapped in a realistic news page gives the same record
//! as its text.

use crate::{run, shared, stderr};

/// Wraps `text` in a news page: navigation, an ad, related links, comments,
/// JSON-LD, as real newspaper sites print them. Paragraphs become `<p>`.
fn news_page(title: &str, text: &str) -> String {
    let escape = |s: &str| s.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;");
    let paragraphs: String = text
        .split("\n\n")
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .map(|p| format!("<p>{}</p>\n", escape(p)))
        .collect();
    format!(
        r#"<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">
<title>{t} review | The Daily Courier</title>
<meta property="og:site_name" content="The Daily Courier">
<meta property="og:type" content="article">
<script type="application/ld+json">{{"@context":"https://schema.org","@type":"NewsArticle","headline":"{t} review","publisher":{{"@type":"Organization","name":"The Daily Courier"}}}}</script>
<script>window.dataLayer = window.dataLayer || []; function track() {{ return 1; }}</script>
</head><body>
<header class="site-header"><a href="/">The Daily Courier</a>
<nav><ul><li><a href="/news">News</a></li><li><a href="/sports">Sports</a></li><li><a href="/entertainment">Entertainment</a></li><li><a href="/movies">Movies</a></li><li><a href="/subscribe">Subscribe</a></li></ul></nav></header>
<div class="ad-slot" id="ad-top">Advertisement. Mattress sale: save 40% this weekend only at Sleepworld.</div>
<main><article class="story">
<h1 class="headline">{t} review</h1>
<div class="story-body">
{paragraphs}</div>
</article>
<aside class="related"><h2>More in Entertainment</h2><ul>
<li><a href="/a">The ten best concert films of the decade</a></li>
<li><a href="/b">Weekend box office: a quiet spring for the studios</a></li>
<li><a href="/c">Festival lineup announced for the fall season</a></li></ul></aside>
<section class="comments"><h2>Comments</h2>
<div class="comment"><p>I saw this last night and loved every minute of it.</p></div>
<div class="comment"><p>Too long for me, but the music was great.</p></div></section>
</main>
<footer><p>Copyright The Daily Courier. All rights reserved.</p><a href="/privacy">Privacy policy</a> <a href="/terms">Terms of use</a></footer>
</body></html>"#,
        t = escape(title)
    )
}

fn records(path: &std::path::Path) -> serde_json::Value {
    let out = run(&["extract", "--format", "jsonl", "--no-verdict", path.to_str().unwrap()]);
    assert!(out.status.success(), "{}", stderr(&out));
    serde_json::from_slice(&out.stdout).unwrap()
}

#[test]
fn seed_in_a_news_page_gives_the_same_record_as_its_text() {
    let Some(shared) = shared() else { return };
    let text = std::fs::read_to_string(shared.join("seed/her-smell.txt")).unwrap();
    let title = text.split(['.', '\n']).next().unwrap_or("Review").split(" follows").next().unwrap_or("Review");
    let dir = tempfile::tempdir().unwrap();
    let page = dir.path().join("her-smell.html");
    std::fs::write(&page, news_page(title, &text)).unwrap();
    let from_text = records(&shared.join("seed/her-smell.txt"));
    let mut from_page = records(&page);
    // The page names its publisher, which the bare text cannot: that is
    // the one thing the page adds.
    assert_eq!(from_page["reviews"][0]["publication"], "The Daily Courier");
    assert!(from_text["reviews"][0]["publication"].is_null());
    from_page["reviews"][0]["publication"] = serde_json::Value::Null;
    assert_eq!(from_page["reviews"], from_text["reviews"], "page record differs from text record");
    let body = from_page["article"]["body"].as_str().unwrap_or_default();
    assert!(!body.contains("Mattress") && !body.contains("loved every minute") && !body.contains("Privacy"), "{body}");
    assert_eq!(from_page["article"]["site"], "The Daily Courier");
}
